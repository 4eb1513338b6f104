"""Prefect settings for an offline, quiet pipeline; applied before Prefect is imported.

Only defaults: anything the user sets in the environment or a Prefect profile wins.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_CLI_COLORS": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "GX_ANALYTICS_ENABLED": "false",
}


def configure(verbose: bool = False, cli: bool = False) -> None:
    """Apply the defaults. From the CLI, Prefect stays silent unless ``verbose``: the CLI
    prints the outcome itself (one line on failure) and the ``runs`` table keeps the detail."""
    if cli and "PREFECT_LOGGING_LEVEL" not in os.environ:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO" if verbose else "CRITICAL"
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
