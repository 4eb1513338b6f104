"""User-facing errors: each carries one clear line, never a traceback."""

from __future__ import annotations


class AkhbarError(Exception):
    """An error the user can act on; the CLI prints its message as one line."""

    exit_code = 2


class ConfigError(AkhbarError):
    """The configuration file is missing, unreadable or invalid."""


class WarehouseLocked(AkhbarError):
    """Another run holds the warehouse lock."""

    exit_code = 3


class ValidationBlocked(AkhbarError):
    """A table-level expectation failed, so nothing was published."""

    exit_code = 4
