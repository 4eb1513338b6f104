"""``files`` sources: a folder of articles, ``.txt`` in the seed layout and ``.html`` pages."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from akhbar.errors import ConfigError
from akhbar.sources import register
from akhbar.sources.base import BatchSpec, RawRecord, SourceReader

FORMATS = {".txt": "seed-txt", ".text": "seed-txt", ".html": "html", ".htm": "html"}


class FilesOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    recursive: bool = True
    max_file_bytes: int = 20 * 1024 * 1024


@register("files")
class FilesReader(SourceReader):
    """Reads article files from a folder (or one file)."""

    Options = FilesOptions

    def _files(self) -> list[Path]:
        root = Path(self.options.path)
        if root.is_file():
            return [root]
        if not root.is_dir():
            raise ConfigError(f"source {self.source.name!r}: no such folder: {root}")
        found = root.rglob("*") if self.options.recursive else root.glob("*")
        return sorted(p for p in found
                      if p.suffix.lower() in FORMATS and p.is_file() and not p.name.startswith("."))

    def plan(self, batch_size: int) -> list[BatchSpec]:
        files = [str(p) for p in self._files()]
        return [BatchSpec(self.source.name, self.kind, i // batch_size,
                          {"files": files[i:i + batch_size]})
                for i in range(0, len(files), batch_size)]

    def read(self, spec: BatchSpec) -> Iterator[RawRecord]:
        for path in spec.params["files"]:
            fmt = FORMATS[Path(path).suffix.lower()]
            ref = os.path.abspath(path)
            try:
                st = os.stat(path)
                if st.st_size > self.options.max_file_bytes:
                    yield RawRecord(spec.source, fmt, ref, b"", error=(
                        "too_large", f"file is {st.st_size} bytes (limit {self.options.max_file_bytes})"))
                    continue
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError as exc:
                yield RawRecord(spec.source, fmt, ref, b"", error=("unreadable", str(exc)))
                continue
            mtime = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC)
            yield RawRecord(spec.source, fmt, ref, data,
                            {"path": path, "file_name": Path(path).name, "mtime": mtime})
