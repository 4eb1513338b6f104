"""``jsonl`` sources: one JSON object per line, split into byte ranges like Spark splits files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from akhbar.errors import ConfigError
from akhbar.sources import register
from akhbar.sources.base import BatchSpec, RawRecord, SourceReader

# Rough bytes per record, to turn the batch size (records) into a byte range size.
_BYTES_PER_RECORD_GUESS = 3_000
_READ_CHUNK = 1 << 20


class JsonlOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str


@register("jsonl")
class JsonlReader(SourceReader):
    """Reads a JSON Lines file (or every ``*.jsonl`` file in a folder)."""

    Options = JsonlOptions

    def _files(self) -> list[Path]:
        root = Path(self.options.path)
        if root.is_dir():
            return sorted(p for p in root.rglob("*.jsonl") if p.is_file())
        if root.is_file():
            return [root]
        raise ConfigError(f"source {self.source.name!r}: no such file or folder: {root}")

    def plan(self, batch_size: int) -> list[BatchSpec]:
        split = max(batch_size * _BYTES_PER_RECORD_GUESS, 64 * 1024)
        specs: list[BatchSpec] = []
        for path in self._files():
            size = path.stat().st_size
            for start in range(0, max(size, 1), split):
                specs.append(BatchSpec(self.source.name, self.kind, len(specs),
                                       {"path": str(path), "start": start,
                                        "end": min(start + split, size)}))
        return specs

    def read(self, spec: BatchSpec) -> Iterator[RawRecord]:
        path, start, end = spec.params["path"], spec.params["start"], spec.params["end"]
        with open(path, "rb") as fh:
            # A range owns every line that starts inside it, as in Hadoop's line splits.
            if start > 0:
                fh.seek(start - 1)
                if fh.read(1) != b"\n":
                    fh.readline()
            pos = fh.tell()
            while pos < end:
                line = fh.readline()
                if not line:
                    break
                line_start, pos = pos, pos + len(line)
                body = line.rstrip(b"\r\n")
                if not body.strip():
                    continue
                yield RawRecord(spec.source, "json", f"{os.path.abspath(path)}#byte={line_start}",
                                body, {"path": path})
