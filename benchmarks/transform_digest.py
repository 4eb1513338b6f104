"""Digests of everything the batch transform produces for each corpus article, to show
that a speed change changed no output.

    .venv/bin/python -m benchmarks.transform_digest save /tmp/before.json   # on the old code
    .venv/bin/python -m benchmarks.transform_digest check /tmp/before.json  # on the new code

Runs ``pipeline.transform_records`` (one process, batches of 500, a fixed run context)
over the 16,000 articles of ../shared/corpus and hashes, per input record, its rows in
every staged table (articles with text, search form and tokens; quotes with speakers,
offsets and fingerprints; keywords; quarantine) and its story signature. ``check``
prints how many records differ and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from akhbar.config import SourceConfig
from akhbar.pipeline import BatchContext, transform_records
from akhbar.sources.base import BatchSpec, RawRecord
from benchmarks.bench import CORPUS, SUBSETS

BATCH = 500
# Columns that name the run, not the article: equal for every record anyway.
_SKIP = {"run_id", "ingested_at", "quarantined_at", "pipeline_version", "_raw_meta"}


def digests() -> dict[str, str]:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    sources = {name: SourceConfig(name=name, kind="jsonl", path=str(CORPUS / name / "articles.jsonl"))
               for name in SUBSETS}
    ctx = BatchContext(run_id="digest", run_date=now.date(), started_at=now,
                       pipeline_version="digest", sources=sources)
    out: dict[str, str] = {}
    for name in SUBSETS:
        with open(CORPUS / name / "articles.jsonl", "rb") as fh:
            records = [RawRecord(name, "json", f"{name}#{i}", line.rstrip(b"\n"))
                       for i, line in enumerate(fh)]
        for start in range(0, len(records), BATCH):
            batch = records[start:start + BATCH]
            result = transform_records(batch, BatchSpec(name, "jsonl", start // BATCH), ctx)
            parts: dict[str, list[str]] = defaultdict(list)  # raw_ref → the record's rows
            articles = result.tables["articles"].to_pylist()
            for table, rows in result.tables.items():
                for row in rows.to_pylist() if table != "articles" else articles:
                    # Quote, keyword and topic rows point at their article; the rest name
                    # their raw input themselves.
                    ref = articles[row["_row"]]["raw_ref"] if "raw_ref" not in row else row["raw_ref"]
                    parts[ref].append(table + repr(sorted((k, v) for k, v in row.items() if k not in _SKIP)))
            for article, sig in zip(articles, result.signatures, strict=True):
                parts[article["raw_ref"]].append(repr((sig.exact, sig.n_shingles, sig.minhash.tolist())))
            for ref, items in parts.items():
                out[ref] = hashlib.blake2b("\n".join(sorted(items)).encode(), digest_size=12).hexdigest()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "check"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    if not all((CORPUS / name / "articles.jsonl").exists() for name in SUBSETS):
        raise SystemExit(f"{CORPUS} not found: the digests need ../shared/corpus")
    t = time.perf_counter()
    now = digests()
    print(f"{len(now)} records in {time.perf_counter() - t:.1f} s")
    if args.mode == "save":
        args.path.write_text(json.dumps(now))
        return
    before = json.loads(args.path.read_text())
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    print(f"{len(differ)} records differ" + (f", e.g. {differ[:5]}" if differ else ""))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
