"""The pipeline version: package version plus a hash of the code and suites that shape rows.

Stored on every row. An input already processed by the same version is skipped by
incremental runs; any change to the transforms or the suites reprocesses it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from akhbar import __version__

_PACKAGE = Path(__file__).resolve().parent
_SHAPING = ["pipeline.py", "formats.py", "ids.py", "layout.py", "schema.py", "text", "resources"]


@cache
def pipeline_version(suites_dir: str | None = None) -> str:
    h = hashlib.blake2b(digest_size=5)
    files: list[Path] = []
    for name in _SHAPING:
        path = _PACKAGE / name
        files.extend(sorted(path.rglob("*")) if path.is_dir() else [path])
    if suites_dir:
        files.extend(sorted(Path(suites_dir).glob("*.json")))
    for path in files:
        if path.is_file() and path.suffix in (".py", ".txt", ".json"):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()}"
