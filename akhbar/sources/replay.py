"""Replay: quarantined inputs read back from the ``quarantine`` table.

Every quarantine row keeps a copy of its raw input, the parser format and the parser's
inputs; replaying feeds them through the current code as if read from their original
source. Inputs that now pass are published (and leave quarantine); the others are
quarantined again in place. Duplicates (stage ``dedupe``) are not errors and are not
replayed: publishing one would overwrite the article that won.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

from akhbar.layout import partition_path
from akhbar.sources import register
from akhbar.sources.base import BatchSpec, RawRecord, SourceReader
from akhbar.storage import open_storage

_COLUMNS = ["quarantine_id", "stage", "reason", "source_config", "raw", "raw_truncated",
            "raw_format", "raw_meta", "raw_ref"]


class ReplayOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = None
    stage: str | None = None
    source: str | None = None  # configured source name


@register("replay")
class ReplayReader(SourceReader):
    """Reads quarantined inputs that match the filters."""

    Options = ReplayOptions

    def _matches(self, row: dict[str, Any]) -> bool:
        o = self.options
        return (row["stage"] != "dedupe"
                and (o.reason is None or row["reason"] == o.reason)
                and (o.stage is None or row["stage"] == o.stage)
                and (o.source is None or row["source_config"] == o.source))

    def plan(self, batch_size: int) -> list[BatchSpec]:
        from akhbar.warehouse import iter_partitions

        storage = open_storage(self.env.warehouse or ".")
        items: list[tuple[str, str]] = []
        for part in sorted(iter_partitions(storage, "quarantine")):
            rel = partition_path("quarantine", *part)
            table = storage.read_parquet(rel, ["quarantine_id", "stage", "reason", "source_config"])
            if table is None:
                continue
            items.extend((rel, row["quarantine_id"]) for row in table.to_pylist() if self._matches(row))
        return [BatchSpec(self.source.name, self.kind, i // batch_size,
                          {"items": items[i:i + batch_size]})
                for i in range(0, len(items), batch_size)]

    def read(self, spec: BatchSpec) -> Iterator[RawRecord]:
        storage = open_storage(self.env.warehouse or ".")
        wanted: dict[str, set[str]] = {}
        for rel, qid in spec.params["items"]:
            wanted.setdefault(rel, set()).add(qid)
        for rel, qids in wanted.items():
            table = storage.read_parquet(rel, _COLUMNS)
            if table is None:
                continue
            for row in table.to_pylist():
                if row["quarantine_id"] in qids:
                    yield self._record(row)

    @staticmethod
    def _record(row: dict[str, Any]) -> RawRecord:
        meta: dict[str, Any] = json.loads(row["raw_meta"] or "{}")
        if isinstance(meta.get("mtime"), str):
            meta["mtime"] = dt.datetime.fromisoformat(meta["mtime"])
        source, fmt, ref = row["source_config"], row["raw_format"] or "json", row["raw_ref"] or ""
        data = row["raw"] or b""
        if row["raw_truncated"]:
            original = _reread(ref)
            if original is None:
                return RawRecord(source, fmt, ref, b"", meta, error=(
                    "replay_unavailable", "the stored copy is truncated and the original is gone"))
            data = original
        return RawRecord(source, fmt, ref, data, meta)


def _reread(ref: str) -> bytes | None:
    """The original bytes behind a raw_ref (``path#byte=N`` for JSONL lines, or a path)."""
    path, _, frag = ref.partition("#byte=")
    if not path or not os.path.isfile(path):
        return None
    with open(path, "rb") as fh:
        if frag:
            fh.seek(int(frag))
            return fh.readline().rstrip(b"\r\n")
        return fh.read()
