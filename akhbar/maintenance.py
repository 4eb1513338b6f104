"""Warehouse maintenance: re-validating published partitions, summarizing the quarantine."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any

import pyarrow as pa

from akhbar import schema
from akhbar.layout import partition_path
from akhbar.storage import Storage
from akhbar.validation import RESULTS_DIR, Gate, Window, build_docs, results_payload
from akhbar.warehouse import iter_partitions

_CHUNK_ROWS = 5000  # articles per validation batch: GX costs per call, not per row


def _with_partition(table: pa.Table, date: dt.date, source: str) -> pa.Table:
    n = table.num_rows
    return table.append_column("date", pa.array([date] * n, pa.date32())).append_column(
        "source", pa.array([source] * n, pa.string()))


def revalidate(storage: Storage, suites: str, since: dt.date | None = None,
               until: dt.date | None = None, docs: bool = True) -> dict[str, Any]:
    """Validate published partitions (in the date window) with the current suites.

    Nothing is moved: the report lists what fails, results are stored with the runs' and
    rendered as Data Docs.
    """
    gate = Gate(suites)
    parts = [p for p in sorted(iter_partitions(storage, "articles"))
             if (since is None or p[0] >= since) and (until is None or p[0] <= until)]
    failed: Counter[str] = Counter()
    blocking: list[str] = []
    warnings: list[str] = []
    results: list[dict[str, Any]] = []
    evaluated = rows = 0
    chunk: dict[str, list[pa.Table]] = {name: [] for name in schema.ARTICLE_TABLES}
    chunk_rows = 0

    def flush() -> None:
        nonlocal evaluated, chunk_rows
        if not chunk_rows:
            return
        tables = {name: pa.concat_tables(parts_) if parts_ else
                  schema.staged_schema(name).empty_table() for name, parts_ in chunk.items()}
        res = gate.validate(tables, Window(), label=f"revalidate-{len(results)}")
        evaluated += res.evaluated
        failed.update(res.failed)
        blocking.extend(res.blocking)
        warnings.extend(res.warnings)
        results.extend(res.results)
        for parts_ in chunk.values():
            parts_.clear()
        chunk_rows = 0

    for date, source in parts:
        for name in schema.ARTICLE_TABLES:
            table = storage.read_parquet(partition_path(name, date, source))
            if table is not None:
                chunk[name].append(_with_partition(table, date, source))
                if name == "articles":
                    chunk_rows += table.num_rows
                    rows += table.num_rows
        if chunk_rows >= _CHUNK_ROWS:
            flush()
    flush()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    summary = {"evaluated": evaluated, "failed": dict(failed), "blocking": blocking[:20],
               "warnings": warnings[:20], "partitions": len(parts), "articles": rows}
    run_id = f"{stamp}-revalidate{uuid.uuid4().hex[:6]}"
    if results:
        storage.write_bytes(f"{RESULTS_DIR}/{run_id}.json", results_payload(run_id, results, summary))
    summary["docs"] = build_docs(storage) if docs else None
    return summary
