"""The registry of source kinds (kind → reader), in the manner of fundus' publisher registry.

A reader turns one configured source into batch specs (cheap planning, in the flow) and a
batch spec into raw records (IO, in a worker). Built-in kinds live in this package and are
imported only when used; other packages add kinds through the ``akhbar.sources`` entry
point group or by calling :func:`register`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from akhbar.errors import ConfigError

if TYPE_CHECKING:
    from akhbar.config import SourceConfig
    from akhbar.sources.base import ReaderEnv, SourceReader

_REGISTRY: dict[str, type[SourceReader]] = {}
# Built-in kinds, imported lazily so that heavy fetch dependencies load only when used.
_BUILTIN_MODULES = {
    "files": "akhbar.sources.files",
    "jsonl": "akhbar.sources.jsonl",
    "replay": "akhbar.sources.replay",
    "rss": "akhbar.sources.web",
    "sitemap": "akhbar.sources.web",
    "urls": "akhbar.sources.web",
}


def register(kind: str) -> Callable[[type[SourceReader]], type[SourceReader]]:
    """Class decorator adding a reader for ``kind`` to the registry."""

    def deco(cls: type[SourceReader]) -> type[SourceReader]:
        cls.kind = kind
        _REGISTRY[kind] = cls
        return cls

    return deco


def reader_class(kind: str) -> type[SourceReader]:
    """The reader class registered for ``kind``."""
    if kind not in _REGISTRY:
        module = _BUILTIN_MODULES.get(kind)
        if module:
            importlib.import_module(module)
        else:
            for ep in entry_points(group="akhbar.sources"):
                if ep.name == kind:
                    ep.load()
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise ConfigError(
            f"unknown source kind {kind!r} (known: {', '.join(available_kinds())})"
        ) from None


def reader_for(source: SourceConfig, env: ReaderEnv | None = None) -> SourceReader:
    """A reader for one configured source; checks the kind's options."""
    return reader_class(source.kind)(source, env)


def available_kinds() -> list[str]:
    kinds = set(_REGISTRY) | set(_BUILTIN_MODULES)
    kinds |= {ep.name for ep in entry_points(group="akhbar.sources")}
    return sorted(kinds)
