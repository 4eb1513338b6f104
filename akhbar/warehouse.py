"""Stage → publish: the warehouse side of a run.

A run stages validated batches under ``_staging/<run_id>/`` (Arrow IPC files, already
split by partition), then publishes each touched partition by merging the staged rows with
the partition's current file and replacing that file atomically. Keys make it idempotent:
a rerun replaces rows instead of adding them, new articles merge into existing partitions,
and an article whose date changed moves (written to its new partition first, removed from
the old one second, so a crash in between leaves a duplicate to repair, never a loss).

The index in ``_state/index/`` maps every published key to its partition and raw input, so
an incremental run skips inputs it has already processed. A crash during publish leaves the
``_state/PUBLISHING`` marker; the next run rebuilds the index from the tables, repairs
duplicates, and reprocesses the crashed run's rows. The marker lists every run whose
publish has not finished (a run killed while repairing an earlier crash adds itself to the
list instead of replacing it), and is removed only when a publish completes.

Within an article partition the ``articles`` file is written first and removed from last:
a partition half-written by a crash always holds ``articles`` rows of the crashed run (so
they are redone), and a half-removed article is still found in two partitions (so the
rebuild repairs it), never leaving quotes or keywords orphaned.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from akhbar import schema
from akhbar.errors import AkhbarError
from akhbar.ids import stable_id
from akhbar.layout import DATA_FILE, TABLES, parse_partition_dir, partition_dir, partition_path
from akhbar.storage import Storage
from akhbar.validation import GateResult

Partition = tuple[dt.date, str]
INDEX_DIR = "_state/index"
MARKER = "_state/PUBLISHING"
_INDEX_COLUMNS = {
    "articles": ["article_id", "raw_sha", "pipeline_version", "run_id", "ingested_at"],
    "quarantine": ["quarantine_id", "raw_sha", "pipeline_version", "run_id", "quarantined_at"],
}
# Tables whose rows are replaced by their own key (not through an article).
_KEYED_TABLES = ("quarantine", "fetches")
_PROCESS_CHUNK = 48  # partitions per process-pool task
_PUBLISH_THREADS = int(__import__("os").environ.get("AKHBAR_PUBLISH_THREADS", "8"))


class PublishFailed(AkhbarError):
    """Some partitions could not be written; the others were published."""

    exit_code = 5

    def __init__(self, failures: list[tuple[Partition, str]]) -> None:
        days = sorted({part[0].isoformat() for part, _ in failures})
        super().__init__(f"publish failed for {len(failures)} partition(s) on {', '.join(days[:5])}"
                         + (" …" if len(days) > 5 else "") + f": {failures[0][1]}")
        self.failures = failures


@dataclass
class IndexEntry:
    date: dt.date
    source: str
    raw_sha: str
    version: str
    run_id: str


@dataclass
class WarehouseIndex:
    """Where every published key lives, and which raw inputs produced it."""

    articles: dict[str, IndexEntry] = field(default_factory=dict)
    quarantine: dict[str, IndexEntry] = field(default_factory=dict)
    # Stale copies found by a rebuild (key, partition): removed by the next publish.
    repairs: dict[str, list[tuple[str, Partition]]] = field(default_factory=dict)
    rebuilt: bool = False

    def done_inputs(self, version: str) -> list[str]:
        """raw_sha of inputs already published or quarantined by this code version."""
        return sorted({e.raw_sha for table in (self.articles, self.quarantine)
                       for e in table.values() if e.version == version and e.raw_sha})

    @classmethod
    def load(cls, storage: Storage) -> WarehouseIndex:
        unfinished = unfinished_runs(storage)
        if unfinished is not None:
            return cls.rebuild(storage, distrust=unfinished)
        index = cls()
        for table in ("articles", "quarantine"):
            if not storage.exists(table) and storage.exists(f"{INDEX_DIR}/{table}.parquet"):
                # The table was removed by hand: its index entries are gone with it.
                continue
            data = storage.read_parquet(f"{INDEX_DIR}/{table}.parquet")
            if data is None:
                if _has_partitions(storage, table):
                    return cls.rebuild(storage)
                continue
            entries = getattr(index, table)
            cols = [data.column(c).to_pylist() for c in
                    ("key", "date", "source", "raw_sha", "pipeline_version", "run_id")]
            for key, date, source, sha, version, run in zip(*cols, strict=True):
                entries[key] = IndexEntry(date, source, sha, version, run)
        return index

    @classmethod
    def rebuild(cls, storage: Storage, distrust: frozenset[str] = frozenset()) -> WarehouseIndex:
        """Rebuild from the tables; rows of the runs in ``distrust`` (crashed publishes)
        count as not done, and keys found in two partitions keep their newest copy."""
        index = cls(rebuilt=True)
        sweep_temp_files(storage)
        for table in ("articles", "quarantine"):
            entries: dict[str, IndexEntry] = getattr(index, table)
            stamps: dict[str, Any] = {}
            for part in iter_partitions(storage, table):
                data = storage.read_parquet(partition_path(table, *part), _INDEX_COLUMNS[table])
                if data is None:
                    continue
                for key, sha, version, run, stamp in zip(
                        *(data.column(c).to_pylist() for c in _INDEX_COLUMNS[table]), strict=True):
                    if run in distrust:
                        sha = ""  # not counted as done: reprocessed and republished whole
                    if key in entries:
                        older, newer = (part, (entries[key].date, entries[key].source))
                        if stamp is not None and stamps[key] is not None and stamp > stamps[key]:
                            older, newer = newer, older
                        index.repairs.setdefault(table, []).append((key, older))
                        if newer != part:
                            continue
                    entries[key] = IndexEntry(part[0], part[1], sha, version, run)
                    stamps[key] = stamp
        return index

    def save(self, storage: Storage) -> None:
        for table in ("articles", "quarantine"):
            entries: dict[str, IndexEntry] = getattr(self, table)
            keys = sorted(entries)
            data = pa.table({
                "key": pa.array(keys, pa.string()),
                "date": pa.array([entries[k].date for k in keys], pa.date32()),
                "source": pa.array([entries[k].source for k in keys], pa.string()),
                "raw_sha": pa.array([entries[k].raw_sha for k in keys], pa.string()),
                "pipeline_version": pa.array([entries[k].version for k in keys], pa.string()),
                "run_id": pa.array([entries[k].run_id for k in keys], pa.string()),
            })
            storage.write_parquet(f"{INDEX_DIR}/{table}.parquet", data)


def unfinished_runs(storage: Storage) -> frozenset[str] | None:
    """The runs whose publish began and never finished (None: no marker, all is clean)."""
    marker = storage.read_bytes(MARKER)
    if marker is None:
        return None
    return frozenset(line.strip() for line in marker.decode(errors="replace").splitlines()
                     if line.strip())


def sweep_temp_files(storage: Storage) -> int:
    """Remove temp files that a killed writer left in partition folders (hidden from
    readers, but garbage). Only call while holding the warehouse lock."""
    root = storage.local_path()
    if root is None:
        return 0
    removed = 0
    for top in (*TABLES, "raw", "_state"):
        for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
            for name in files:
                if name.startswith(".") and name.endswith(".tmp"):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed


def _has_partitions(storage: Storage, table: str) -> bool:
    return any(name.startswith("date=") for name in storage.list_dir(table))


def iter_partitions(storage: Storage, table: str) -> Iterable[Partition]:
    """Published (date, source) partitions of a table that hold a data file."""
    for date_dir in storage.list_dir(table):
        if not date_dir.startswith("date="):
            continue
        for source_dir in storage.list_dir(f"{table}/{date_dir}"):
            if source_dir.startswith("source=") and DATA_FILE in storage.list_dir(
                    f"{table}/{date_dir}/{source_dir}"):
                _, date, source = parse_partition_dir(f"{table}/{date_dir}/{source_dir}")
                yield date, source


def conform(table: pa.Table, target: pa.Schema) -> pa.Table:
    """Bring a table written by another version to ``target``: add missing columns as
    nulls, drop unknown ones, cast the rest."""
    columns = []
    for fld in target:
        if fld.name in table.column_names:
            col = table.column(fld.name)
            columns.append(col if col.type == fld.type else col.cast(fld.type))
        else:
            columns.append(pa.nulls(table.num_rows, fld.type))
    return pa.Table.from_arrays(columns, schema=target)


class RunPublisher:
    """Collects one run's validated batches and publishes them."""

    def __init__(self, storage: Storage, index: WarehouseIndex, run_id: str,
                 run_date: dt.date, staging_root: str | None = None) -> None:
        self.storage, self.index, self.run_id, self.run_date = storage, index, run_id, run_date
        base = staging_root or tempfile.gettempdir()
        Path(base).mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f"{run_id}-", dir=base))
        self.seen: dict[str, str] = {}  # article_id → content_hash, for run-level dedupe
        self.moves: dict[str, set[tuple[str, Partition]]] = defaultdict(set)
        for table, repairs in index.repairs.items():
            for key, part in repairs:
                self.moves[table].add((key, part))
        # table → partition → [(staged file, record batch number)]
        self.staged: dict[str, dict[Partition, list[tuple[Path, int]]]] = {
            name: defaultdict(list) for name in (*schema.ARTICLE_TABLES, *_KEYED_TABLES)}
        # (table, key) → the partition a moved or resolved key's new row lives in
        self.move_targets: dict[tuple[str, str], Partition] = {}
        self.failed: set[tuple[str, Partition]] = set()
        self.failures: list[tuple[Partition, str]] = []
        self.written: Counter[str] = Counter()
        self.partition_rows: Counter[tuple[str, Partition]] = Counter()  # staged rows
        self.counts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.rows: Counter[str] = Counter()
        self._seq = 0

    # --- staging ---------------------------------------------------------------------

    def dedupe(self, tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], list[dict[str, Any]]]:
        """Drop articles already read earlier in this run (the first wins: batches arrive in
        input order), with their quotes and keywords; return their quarantine rows."""
        articles = tables["articles"]
        rows = articles.column("_row").to_pylist()
        aids = articles.column("article_id").to_pylist()
        hashes = articles.column("content_hash").to_pylist()
        rejected: dict[int, tuple[str, str, str]] = {}
        for row, aid, content in zip(rows, aids, hashes, strict=True):
            if aid in self.seen:
                same = self.seen[aid] == content
                rejected[row] = ("dedupe", "duplicate_record" if same else "duplicate_article_id",
                                 f"article {aid} already read in this run"
                                 + ("" if same else " with different content; the first wins"))
            else:
                self.seen[aid] = content
        return self._drop(tables, rejected)

    def _drop(self, tables: dict[str, pa.Table], rejected: dict[int, tuple[str, str, str]]
              ) -> tuple[dict[str, pa.Table], list[dict[str, Any]]]:
        """Remove rejected article rows (by ``_row``) and their children; quarantine them."""
        if not rejected:
            return tables, []
        articles = tables["articles"]
        rows = articles.column("_row").to_pylist()
        quarantined = [self._quarantine_from_article(articles, i, *rejected[row])
                       for i, row in enumerate(rows) if row in rejected]
        gone = pa.array(sorted(rejected), pa.int32())
        out = dict(tables)
        for name in schema.ARTICLE_TABLES:
            out[name] = tables[name].filter(pc.invert(pc.is_in(tables[name].column("_row"), gone)))
        return out, quarantined

    def stage(self, tables: dict[str, pa.Table], gate: GateResult, counts: Counter[str],
              quarantined: list[dict[str, Any]],
              annotate: Callable[[dict[str, pa.Table]], dict[str, pa.Table]] | None = None) -> None:
        """Quarantine the articles that failed row-level validation and stage the rest
        (after ``annotate``, which sees only the rows that will be published)."""
        rejected: dict[int, tuple[str, str, str]] = {}
        for name, failures in gate.failed_rows.items():
            if name not in schema.ARTICLE_TABLES:
                continue  # e.g. fetch log rows: reported by the gate, nothing to quarantine
            owners = tables[name].column("_row").to_pylist()
            for idx, labels in sorted(failures.items()):
                rejected.setdefault(owners[idx], ("validate", labels[0].split(".", 1)[1],
                                                  "failed: " + ", ".join(sorted(set(labels)))))
        tables, failed = self._drop(tables, rejected)
        if annotate is not None:
            tables = annotate(tables)
        quarantine = tables["quarantine"]
        extra = quarantined + failed
        if extra:
            quarantine = pa.concat_tables([quarantine, pa.Table.from_pylist(
                extra, schema.staged_schema("quarantine"))])
        staged = {name: tables[name].drop_columns([c for c in tables[name].column_names
                                                   if c.startswith("_")])
                  for name in schema.ARTICLE_TABLES}
        staged["quarantine"] = self._place_quarantine(quarantine)
        if "fetches" in tables:
            staged["fetches"] = tables["fetches"]
        self._track_moves(staged["articles"])
        for name, table in staged.items():
            if table.num_rows:
                self._write_staged(name, table)
                self.rows[name] += table.num_rows
        for reason in quarantine.column("reason").to_pylist():
            self.reasons[reason] += 1
        self.counts.update(counts)

    def _quarantine_from_article(self, articles: pa.Table, row: int, stage: str, reason: str,
                                 message: str) -> dict[str, Any]:
        rec = {c: articles.column(c)[row].as_py() for c in (
            "article_id", "external_id", "source_name", "source_config", "raw_ref", "raw_sha",
            "pipeline_version", "date", "source", "ingested_at", "_raw", "_raw_format", "_raw_meta")}
        raw = rec["_raw"] or b""
        # A duplicate's raw input may equal the winner's byte for byte: its id includes
        # where it was read, so resolving the winner never removes it.
        qid = (stable_id(rec["source_config"], rec["raw_sha"], "dedupe", rec["raw_ref"] or "")
               if stage == "dedupe" else stable_id(rec["source_config"], rec["raw_sha"]))
        return {
            "quarantine_id": qid,
            "stage": stage, "reason": reason, "message": message,
            "source_name": rec["source_name"], "source_config": rec["source_config"],
            "external_id": rec["external_id"], "article_id": rec["article_id"],
            "raw_ref": rec["raw_ref"], "raw": raw, "raw_truncated": False,
            "raw_format": rec["_raw_format"], "raw_meta": rec["_raw_meta"],
            "raw_sha": rec["raw_sha"], "pipeline_version": rec["pipeline_version"],
            "run_id": self.run_id, "quarantined_at": rec["ingested_at"],
            "date": rec["date"], "source": rec["source"],
        }

    def _place_quarantine(self, quarantine: pa.Table) -> pa.Table:
        """Undated quarantine rows keep the partition they already have (else the run's
        date); a row that moved partitions is removed from the old one."""
        if not quarantine.num_rows:
            return quarantine
        qids = quarantine.column("quarantine_id").to_pylist()
        dates = quarantine.column("date").to_pylist()
        sources = quarantine.column("source").to_pylist()
        for i, qid in enumerate(qids):
            known = self.index.quarantine.get(qid)
            if dates[i] is None:
                if known and known.source == sources[i]:
                    dates[i] = known.date
                else:
                    dates[i] = self.run_date
            if known and (known.date, known.source) != (dates[i], sources[i]):
                self.moves["quarantine"].add((qid, (known.date, known.source)))
        col = quarantine.schema.get_field_index("date")
        return quarantine.set_column(col, "date", pa.array(dates, pa.date32()))

    def _track_moves(self, articles: pa.Table) -> None:
        cols = [articles.column(c).to_pylist() for c in
                ("article_id", "date", "source", "source_config", "raw_sha")]
        for aid, date, source, config, sha in zip(*cols, strict=True):
            known = self.index.articles.get(aid)
            if known and (known.date, known.source) != (date, source):
                self.moves["articles"].add((aid, (known.date, known.source)))
                self.move_targets[("articles", aid)] = (date, source)
            # The input now publishes: its earlier quarantine row is resolved.
            qid = stable_id(config, sha)
            q = self.index.quarantine.get(qid)
            if q:
                self.moves["quarantine"].add((qid, (q.date, q.source)))
                self.move_targets[("quarantine", qid)] = (date, source)

    def _write_staged(self, name: str, table: pa.Table) -> None:
        """One Arrow IPC file per table and batch, one record batch per partition."""
        self._seq += 1
        table = table.sort_by([("date", "ascending"), ("source", "ascending")])
        dates = table.column("date").to_pylist()
        sources = table.column("source").to_pylist()
        body = conform(table, schema.SCHEMAS[name])
        path = self.staging / f"{name}-{self._seq:06d}.arrow"
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, body.schema) as writer:
            start = 0
            for i in range(1, len(dates) + 1):
                if i == len(dates) or (dates[i], sources[i]) != (dates[start], sources[start]):
                    part = (dates[start], sources[start])
                    self.staged[name][part].append((path, writer.stats.num_record_batches))
                    self.partition_rows[(name, part)] += i - start
                    writer.write_batch(body.slice(start, i - start).combine_chunks().to_batches()[0])
                    start = i

    # --- publish ---------------------------------------------------------------------

    def staged_dates(self) -> list[dt.date]:
        """The dates that have staged rows (the units of a backfill's publish)."""
        return sorted({part[0] for parts in self.staged.values() for part in parts})

    def has_work(self) -> bool:
        return any(self.staged.values()) or any(self.moves.values())

    def begin(self) -> None:
        """Mark the warehouse as being published (a crash from here on is repaired later).
        Runs still listed as unfinished stay listed until this publish completes: their
        half-written partitions may not all be redone yet."""
        runs = sorted((unfinished_runs(self.storage) or frozenset()) | {self.run_id})
        self.storage.write_bytes(MARKER, "\n".join(runs).encode())

    def publish_dates(self, dates: Iterable[dt.date] | None = None,
                      executor: Executor | None = None) -> list[tuple[Partition, str]]:
        """Pass 1 for the partitions of ``dates`` (default: all): merge the staged rows.

        Partitions go in parallel: on ``executor`` (the run's process pool, idle by now) in
        chunks, else on threads. A partition that fails is reported and left for the next
        run; the others go on. Returns the failures."""
        wanted = None if dates is None else set(dates)

        def chosen(parts: Iterable[Partition]) -> list[Partition]:
            return sorted(p for p in parts if wanted is None or p[0] in wanted)

        jobs: list[tuple[str, Partition, dict[str, list[tuple[Path, int]]]]] = [
            ("articles", part, {name: self.staged[name].get(part, []) for name in schema.ARTICLE_TABLES})
            for part in chosen(set().union(*(self.staged[n] for n in schema.ARTICLE_TABLES)))]
        jobs += [(name, part, {name: self.staged[name][part]})
                 for name in _KEYED_TABLES for part in chosen(self.staged[name])]
        if executor is not None and len(jobs) > _PROCESS_CHUNK:
            chunks = [jobs[i:i + _PROCESS_CHUNK] for i in range(0, len(jobs), _PROCESS_CHUNK)]
            outcomes = [o for chunk in executor.map(_publish_jobs, [self.storage] * len(chunks), chunks)
                        for o in chunk]
        else:
            with _StagedFiles() as files, ThreadPoolExecutor(max_workers=_PUBLISH_THREADS) as pool:
                outcomes = list(pool.map(lambda job: _publish_job(self.storage, job, files), jobs))
        failures: list[tuple[Partition, str]] = []
        for (name, part, _), (error, keys) in zip(jobs, outcomes, strict=True):
            if error is not None:
                failures.append((part, f"{name}: {error}"))
                self.failed.add((name, part))
                continue
            if name == "articles":
                for aid, sha, version in keys:
                    self.index.articles[aid] = IndexEntry(part[0], part[1], sha, version, self.run_id)
                for table in schema.ARTICLE_TABLES:
                    self.written[table] += 1
            else:
                if name == "quarantine":
                    for qid, sha, version in keys:
                        self.index.quarantine[qid] = IndexEntry(part[0], part[1], sha, version, self.run_id)
                self.written[name] += 1
        self.failures.extend(failures)
        return failures

    def finalize(self) -> None:
        """Pass 2 (moved articles, resolved or moved quarantine rows, repairs), then the
        index. Removals whose new home failed to publish wait for the next run."""
        for table, tables in (("articles", schema.ARTICLE_TABLES), ("quarantine", ("quarantine",))):
            by_part: dict[Partition, set[str]] = defaultdict(set)
            for key, part in self.moves.get(table, ()):
                target = self.move_targets.get((table, key))
                if target is not None and ("articles", target) in self.failed:
                    continue
                by_part[part].add(key)
            for part, keys in sorted(by_part.items()):
                for name in reversed(tables):  # articles last: see the module docstring
                    merge_partition(self.storage, name, part, None, keys)
                entries = getattr(self.index, table)
                for key in keys:
                    if key in entries and (entries[key].date, entries[key].source) == part:
                        del entries[key]
        self.index.save(self.storage)
        self.storage.delete(MARKER)

    def publish(self, executor: Executor | None = None) -> dict[str, int]:
        """Publish everything staged; raises :class:`PublishFailed` after publishing all
        that could be when some partitions failed."""
        if not self.has_work():
            if self.index.rebuilt:  # a crashed publish left nothing to redo: trust the index again
                self.index.save(self.storage)
                self.storage.delete(MARKER)
            return {}
        self.begin()
        self.publish_dates(executor=executor)
        self.finalize()
        if self.failures:
            raise PublishFailed(self.failures)
        return dict(self.written)

    def cleanup(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class _StagedFiles:
    """The staged IPC files one publish task reads, each opened once: a file's footer lists
    a record batch per partition, so opening it again for every partition costs time
    quadratic in the partitions of a run. Shared by the task's threads."""

    def __init__(self) -> None:
        self._readers: dict[Path, pa.ipc.RecordBatchFileReader] = {}
        self._sources: list[pa.MemoryMappedFile] = []
        self._lock = threading.Lock()

    def __enter__(self) -> _StagedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        # Batches already read keep their memory map alive: closing only drops our handle.
        for src in self._sources:
            src.close()

    def read(self, pieces: list[tuple[Path, int]], target: pa.Schema) -> pa.Table:
        batches = []
        with self._lock:
            for path, number in pieces:
                reader = self._readers.get(path)
                if reader is None:
                    src = pa.memory_map(str(path))
                    self._sources.append(src)
                    reader = self._readers[path] = pa.ipc.open_file(src)
                batches.append(reader.get_batch(number))
        return pa.Table.from_batches(batches, target) if batches else target.empty_table()


_Job = tuple[str, "Partition", dict[str, list[tuple[Path, int]]]]
_INDEX_KEYS = {"articles": ("article_id", "raw_sha", "pipeline_version"),
               "quarantine": ("quarantine_id", "raw_sha", "pipeline_version")}


def _publish_job(storage: Storage, job: _Job, files: _StagedFiles
                 ) -> tuple[str | None, list[tuple[str, str, str]]]:
    """Merge one partition's staged rows (an article partition's tables together).
    Returns (error or None, index keys of the rows written)."""
    name, part, staged = job
    try:
        if name == "articles":
            new = files.read(staged["articles"], schema.ARTICLES)
            replaced = set(new.column("article_id").to_pylist())
            for table in schema.ARTICLE_TABLES:
                rows = new if table == "articles" else files.read(staged[table], schema.SCHEMAS[table])
                merge_partition(storage, table, part, rows, replaced)
        else:
            new = files.read(staged[name], schema.SCHEMAS[name])
            merge_partition(storage, name, part, new, set(new.column(schema.KEYS[name]).to_pylist()))
    except OSError as exc:
        return str(exc), []
    cols = _INDEX_KEYS.get(name)
    keys = list(zip(*(new.column(c).to_pylist() for c in cols), strict=True)) if cols else []
    return None, keys


def _publish_jobs(storage: Storage, jobs: list[_Job]) -> list[tuple[str | None, list[tuple[str, str, str]]]]:
    """A chunk of :func:`_publish_job` (one task of a process pool); a few threads let one
    partition's fsync wait while the next one is written."""
    with _StagedFiles() as files, ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda job: _publish_job(storage, job, files), jobs))


def merge_partition(storage: Storage, name: str, part: Partition, new: pa.Table | None,
                    remove: set[str] | None = None,
                    drop: Callable[[pa.Table], pa.Array] | None = None) -> None:
    """Rewrite one partition file: existing rows minus those whose key is in ``remove``
    (and minus the rows ``drop`` flags), plus ``new``; sorted, replaced atomically, removed
    when nothing is left."""
    rel = partition_path(name, *part)
    target = schema.SCHEMAS[name]
    existing = storage.read_parquet(rel)
    pieces = []
    if existing is not None and existing.num_rows:
        existing = conform(existing, target)
        if remove:
            keep = pc.invert(pc.is_in(existing.column(schema.KEYS[name]),
                                      pa.array(sorted(remove), pa.string())))
            existing = existing.filter(keep)
        if drop is not None:
            existing = existing.filter(pc.invert(drop(existing)))
        pieces.append(existing)
    elif new is None:
        return
    if new is not None and new.num_rows:
        pieces.append(new)
    merged = pa.concat_tables(pieces) if pieces else target.empty_table()
    if merged.num_rows == 0:
        if existing is not None:
            storage.delete(rel)
        return
    merged = merged.sort_by([(c, "ascending") for c in schema.SORT[name]])
    storage.write_parquet(rel, merged)


def write_run(storage: Storage, record: dict[str, Any]) -> None:
    """One run's row in the ``runs`` table (its own file: runs never merge)."""
    row = {k: (json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
               if isinstance(v, dict) else v) for k, v in record.items()}
    table = pa.Table.from_pylist([row], schema.RUNS)
    date = record["started_at"].date()
    storage.write_parquet(f"{partition_dir('runs', date, None)}/run-{record['run_id']}.parquet", table)
