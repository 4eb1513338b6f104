"""One ETL run as plain steps: open (lock, index, plan), transform, stage, publish, close.

The Prefect flow in ``flows/etl.py`` sequences these steps through thin tasks; nothing here
imports Prefect, so the steps are tested directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import time
import uuid
from collections import Counter
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from akhbar.config import DEFAULT_WAREHOUSE, Config, SourceConfig, load_config
from akhbar.corpus import CorpusState, current_topic_version
from akhbar.errors import AkhbarError, ValidationBlocked
from akhbar.ids import stable_id
from akhbar.layout import partition_path
from akhbar.memory import tune_allocator, tune_gc
from akhbar.parallel import default_workers, get_pool
from akhbar.pipeline import BatchContext, BatchResult, combine, process_batch
from akhbar.sources import reader_for
from akhbar.sources.base import BatchSpec, ReaderEnv
from akhbar.storage import Storage, open_storage
from akhbar.text.morphology import detect as detect_morphology
from akhbar.validation import RESULTS_DIR, GateResult, Window, results_payload
from akhbar.version import pipeline_version
from akhbar.warehouse import RunPublisher, WarehouseIndex, write_run

# Below this much input the pool's start-up costs more than it saves.
_INLINE_BYTES = 4 * 1024 * 1024


@dataclass
class RunSession:
    """The state of one run between its steps."""

    run_id: str
    config: Config
    storage: Storage
    ctx: BatchContext
    specs: list[BatchSpec]
    publisher: RunPublisher
    workers: int
    inline: bool
    parameters: dict[str, Any]
    started_at: dt.datetime
    lock: contextlib.ExitStack
    readers: list[Any] = field(default_factory=list)
    corpus: CorpusState | None = None
    pending: list[BatchResult] = field(default_factory=list)  # transformed, not yet validated
    topic_refit: dict[str, Any] | None = None  # when this run fitted the first topic model
    seconds: Counter[str] = field(default_factory=Counter)
    validation: Counter[str] = field(default_factory=Counter)
    blocking: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)  # GX results, for Data Docs
    worker_processes: set[str] = field(default_factory=set)  # host:pid that transformed batches
    cpu_started: float = 0.0  # the flow process's CPU clock when the run opened
    _gate: Future[Any] | None = None

    def prepare_gate(self) -> None:
        """Load Great Expectations and the suites in the background (it takes seconds), so
        it overlaps with the first batches' transform."""
        if self._gate is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="akhbar-gx")
            self._gate = executor.submit(_load_gate, self.config.validation.suites)
            executor.shutdown(wait=False)

    def corpus_state(self) -> CorpusState:
        """Keyword statistics and story/quote indexes, loaded when first needed."""
        if self.corpus is None:
            stories = self.config.stories
            self.corpus = CorpusState.load(self.storage, jaccard=stories.jaccard,
                                           containment=stories.containment,
                                           window_days=stories.window_days)
        return self.corpus

    @property
    def gate(self) -> Any:
        self.prepare_gate()
        assert self._gate is not None
        t = time.perf_counter()
        gate = self._gate.result()
        self.seconds["validate_wait"] += time.perf_counter() - t
        return gate


def _load_gate(suites: Path) -> Any:
    from akhbar.validation import Gate  # Great Expectations imports slowly: only here

    return Gate(suites)


def new_run_id(now: dt.datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def resolve_warehouse(cfg: Config, warehouse: str | None) -> str:
    return warehouse or cfg.warehouse or os.environ.get("AKHBAR_WAREHOUSE") or str(DEFAULT_WAREHOUSE)


def open_run(config_path: str | None = None, warehouse: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None, force: bool = False,
             workers: int | None = None, lock_timeout: float = 0.0,
             reprocess: bool = False, replay: dict[str, str] | None = None,
             only_sources: list[str] | None = None, runner: str = "local") -> RunSession:
    """Load the config, lock the warehouse, load its index and plan the batches."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    if since and until and since > until:
        raise AkhbarError(f"--since {since} is after --until {until}")
    tune_allocator()
    tune_gc()
    cfg = load_config(config_path)
    if only_sources:
        unknown = sorted(set(only_sources) - {s.name for s in cfg.sources})
        if unknown:
            raise AkhbarError(f"no source named {', '.join(map(repr, unknown))} in {cfg.path}")
        cfg = cfg.model_copy(update={"sources": [s for s in cfg.sources if s.name in only_sources]})
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    run_id = new_run_id(started)
    storage = open_storage(resolve_warehouse(cfg, warehouse))
    stack = contextlib.ExitStack()
    stack.enter_context(storage.lock({"run_id": run_id}, timeout=lock_timeout))
    try:
        morphology = detect_morphology()
        # Installing CAMeL data changes what rows hold (lemmas, POS): it is a new version.
        version = pipeline_version(str(cfg.validation.suites)) + (
            "+mle" if morphology.mode == "mle" else "")
        index = WarehouseIndex.load(storage)
        local = storage.local_path()
        # Staging is scratch space: the warehouse's own folder by default, or anywhere else
        # (a big local disk when the warehouse is small or remote). Each warehouse gets its
        # own folder there, which only a holder of that warehouse's lock touches.
        scratch = os.environ.get("AKHBAR_STAGING_DIR")
        staging_root = (os.path.join(scratch, stable_id(storage.root, size=8)) if scratch
                        else os.path.join(local, "_staging") if local else None)
        if staging_root:  # leftovers of crashed runs; we hold the lock, so none is live
            for stale in Path(staging_root).glob("*"):
                _remove_tree(stale)
        publisher = RunPublisher(storage, index, run_id, started.date(), staging_root)
        seen_path = None
        if not force:
            seen_path = str(publisher.staging / "done-inputs.arrow")
            with pa.OSFile(seen_path, "wb") as sink:
                done = pa.table({"raw_sha": pa.array(index.done_inputs(version), pa.string())})
                with pa.ipc.new_file(sink, done.schema) as writer:
                    writer.write_table(done)
        env = ReaderEnv(warehouse=storage.root, run_id=run_id, reprocess=reprocess,
                        run_date=started.date().isoformat(),
                        host_state_dir=str(publisher.staging / "hosts"))
        specs: list[BatchSpec] = []
        sources = {s.name: s for s in cfg.sources}
        if replay is not None:
            # Replay reads the quarantine instead of the sources; records keep their source.
            force = True
            replay_source = SourceConfig(name="replay", kind="replay", **{
                k: v for k, v in replay.items() if v is not None})
            readers = [reader_for(replay_source, env)]
            sources["replay"] = replay_source
            for name in _quarantined_sources(storage):
                sources.setdefault(name, SourceConfig(name=name, kind="replay"))
        else:
            readers = [reader_for(source, env) for source in cfg.sources]
        for reader in readers:
            specs.extend(reader.plan(cfg.batch_size))
        ctx = BatchContext(
            run_id=run_id, run_date=started.date(), started_at=started,
            pipeline_version=version, sources=sources,
            since=since, until=until, max_text_chars=cfg.max_text_chars,
            seen_path=seen_path, force=force or reprocess, env=env, morphology=morphology,
            topic_version=current_topic_version(storage), topic_min_weight=cfg.topics.min_weight,
        )
        n_workers = workers or cfg.workers or default_workers()
        weight = sum(_spec_bytes(s) for s in specs)
        params = {"config": str(cfg.path), "warehouse": storage.root, "since": since,
                  "until": until, "force": force, "reprocess": reprocess, "replay": replay,
                  "sources": only_sources, "workers": n_workers, "runner": runner}
        session = RunSession(run_id, cfg, storage, ctx, specs, publisher, n_workers,
                             # On Dask the cluster's workers are the parallelism: no pool of ours.
                             inline=(runner == "dask" or n_workers == 1 or weight < _INLINE_BYTES
                                     or len(specs) < 2),
                             parameters=params, started_at=started, lock=stack, readers=readers,
                             cpu_started=cpu0)
        session.seconds["plan"] += time.perf_counter() - t0
        return session
    except BaseException:
        stack.close()
        raise


def _quarantined_sources(storage: Storage) -> set[str]:
    from akhbar.warehouse import iter_partitions

    names: set[str] = set()
    for part in iter_partitions(storage, "quarantine"):
        table = storage.read_parquet(partition_path("quarantine", *part), ["source_config"])
        if table is not None:
            names.update(table.column("source_config").to_pylist())
    names.discard(None)
    return names


def _spec_bytes(spec: BatchSpec) -> int:
    p = spec.params
    if "items" in p:  # replay: quarantined inputs are small on average
        return 4096 * len(p["items"])
    if "end" in p:
        return int(p["end"]) - int(p["start"])
    return sum(os.path.getsize(f) for f in p.get("files", []) if os.path.exists(f))


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def transform(session: RunSession, spec: BatchSpec) -> BatchResult:
    """Transform one batch: in the shared process pool, or here for small runs."""
    return transform_spec(spec, session.ctx, session.inline, session.workers)


def transform_spec(spec: BatchSpec, ctx: BatchContext, inline: bool, workers: int) -> BatchResult:
    """:func:`transform` from the session's parts (what a Prefect task receives)."""
    if inline:
        return process_batch(spec, ctx)
    return get_pool(workers).submit(process_batch, spec, ctx).result()


def stage(session: RunSession, result: BatchResult) -> None:
    """Take one transformed batch; validate and stage once enough rows are waiting.

    Great Expectations costs per call, not per row, so consecutive batches are validated
    together (up to ``validation.window_rows`` articles), in input order."""
    for name, secs in result.seconds.items():
        session.seconds[f"worker_{name}"] += secs
    session.worker_processes.add(result.worker)
    if result.tables["articles"].num_rows:
        # Articles to validate are coming: load Great Expectations while batches transform
        # (a run with nothing new never pays for it).
        session.prepare_gate()
    session.pending.append(result)
    if sum(r.tables["articles"].num_rows for r in session.pending) >= session.config.validation.window_rows:
        flush_stage(session)


def flush_stage(session: RunSession) -> None:
    """Drop run-level duplicates, validate the waiting batches, stage what passes."""
    if not session.pending:
        return
    label = session.pending[0].spec.label + (
        f"..{session.pending[-1].spec.index}" if len(session.pending) > 1 else "")
    result = combine(session.pending)
    session.pending = []
    t = time.perf_counter()
    tables, duplicates = session.publisher.dedupe(result.tables)
    window = Window(session.ctx.since, session.ctx.until, session.ctx.run_date + dt.timedelta(days=2))
    gate_result = (session.gate.validate(tables, window, label)
                   if tables["articles"].num_rows else GateResult())
    session.results.extend(gate_result.results)
    session.seconds["validate"] += time.perf_counter() - t
    session.validation["evaluated"] += gate_result.evaluated
    session.validation.update(gate_result.failed)
    session.blocking.extend(f"{label}: {b}" for b in gate_result.blocking)
    session.warnings.extend(gate_result.warnings)
    t = time.perf_counter()
    corpus = session.corpus_state() if tables["articles"].num_rows else None
    session.publisher.stage(
        tables, gate_result, result.counts, duplicates,
        annotate=(lambda t: corpus.annotate(t, result.signatures))
        if corpus is not None else None)
    session.seconds["stage"] += time.perf_counter() - t


def _publish_executor(session: RunSession) -> Executor | None:
    """The run's process pool, idle once every batch is transformed: publishing partitions
    there avoids the GIL. Small runs (and Dask runs) publish on threads."""
    return None if session.inline else get_pool(session.workers)


def _save_corpus_state(session: RunSession) -> None:
    """Keyword statistics and story/quote indexes go first: if the publish then dies, the
    state is a little ahead of the tables (harmless), never behind them."""
    if session.corpus is not None:
        session.corpus.save(session.storage, session.ctx.run_date)


def _check_gate(session: RunSession) -> None:
    if session.blocking:
        raise ValidationBlocked(
            f"validation blocked the publish: {session.blocking[0]}"
            + (f" (and {len(session.blocking) - 1} more)" if len(session.blocking) > 1 else ""))


def begin_publish(session: RunSession) -> list[dt.date]:
    """The gate, then the publish marker; returns the dates to publish (a backfill's units)."""
    _check_gate(session)
    if session.publisher.has_work():
        _save_corpus_state(session)
        session.publisher.begin()
    return session.publisher.staged_dates()


def publish_day(session: RunSession, day: dt.date) -> dict[str, Any]:
    """Publish one day's partitions; a failure is reported, not raised."""
    t = time.perf_counter()
    failures = session.publisher.publish_dates([day], executor=_publish_executor(session))
    session.seconds["publish"] += time.perf_counter() - t
    rows = {name: n for (name, part), n in session.publisher.partition_rows.items() if part[0] == day}
    return {"date": day.isoformat(), "rows": dict(sorted(Counter(rows).items())),
            "articles": sum(n for (name, part), n in session.publisher.partition_rows.items()
                            if part[0] == day and name == "articles"),
            "status": "failed" if failures else "published",
            "error": failures[0][1] if failures else None}


def finish_publish(session: RunSession) -> None:
    """Removals and the index, after every day; then the readers' state."""
    t = time.perf_counter()
    if session.publisher.has_work() or session.publisher.index.rebuilt:
        session.publisher.finalize()
    if not session.publisher.failures:
        for reader in session.readers:
            reader.commit()
    session.seconds["publish"] += time.perf_counter() - t


def publish(session: RunSession) -> dict[str, int]:
    """The gate, then the atomic per-partition publish."""
    _check_gate(session)
    t = time.perf_counter()
    if session.publisher.has_work():
        _save_corpus_state(session)
    written = session.publisher.publish(executor=_publish_executor(session))
    for reader in session.readers:
        reader.commit()
    session.seconds["publish"] += time.perf_counter() - t
    return written


def _rows_by_source(pub: RunPublisher) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = {}
    for (table, (_date, source)), n in pub.partition_rows.items():
        out.setdefault(table, Counter())[source] += n
    return {table: dict(sorted(c.items())) for table, c in sorted(out.items())}


def summary_markdown(summary: dict[str, Any]) -> str:
    """The run summary as Markdown (the Prefect artifact of a run)."""
    lines = [f"# akhbar run `{summary['run_id']}`: **{summary['outcome']}**", ""]
    if summary.get("error"):
        lines += [f"> {summary['error']}", ""]
    lines += ["| read | published | unchanged | out of window | quarantined | seconds |",
              "|---:|---:|---:|---:|---:|---:|",
              f"| {summary['n_read']} | {summary['n_published']} | {summary['n_unchanged']} | "
              f"{summary['n_out_of_window']} | {summary['n_quarantined']} | {summary['seconds']} |", ""]
    by_source = summary.get("rows_by_source") or {}
    if by_source:
        sources = sorted({s for rows in by_source.values() for s in rows})
        tables = sorted(by_source)
        lines += ["## Rows by table and source", "", "| source | " + " | ".join(tables) + " |",
                  "|---|" + "---:|" * len(tables)]
        lines += [f"| {s} | " + " | ".join(str(by_source[t].get(s, 0)) for t in tables) + " |"
                  for s in sources]
        lines.append("")
    if summary.get("quarantined_by_reason"):
        lines += ["## Quarantined by reason", "", "| reason | inputs |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in summary["quarantined_by_reason"].items()]
        lines.append("")
    val = summary.get("validation") or {}
    lines += ["## Validation", "", f"{val.get('evaluated', 0)} expectation checks; "
              f"{sum((val.get('failed') or {}).values())} failed "
              f"({len(val.get('blocking') or [])} blocking, {len(val.get('warnings') or [])} warnings).", ""]
    lines += [f"- {k}: {v}" for k, v in (val.get("failed") or {}).items()]
    lines += ["", "## Stage seconds", "", "| stage | seconds |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in (summary.get("stage_seconds") or {}).items()]
    return "\n".join(lines) + "\n"


def maybe_fit_topics(session: RunSession) -> dict[str, Any] | None:
    """Fit the first topic model once the warehouse holds enough articles (later versions
    come from ``akhbar topics refit`` and its nightly schedule)."""
    if session.ctx.topic_version is not None:
        return None
    from akhbar.refit import published_articles, refit_topics

    minimum = session.config.topics.auto_fit_min_articles
    if not minimum or published_articles(session.storage) < minimum:
        return None
    t = time.perf_counter()
    session.topic_refit = refit_topics(session.storage, session.config, session.run_id)
    session.seconds["topics_fit"] += time.perf_counter() - t
    return session.topic_refit


def close_run(session: RunSession, outcome: str, error: str | None = None) -> dict[str, Any]:
    """Record the run in the ``runs`` table, clean up, release the lock; return a summary."""
    finished = dt.datetime.now(dt.UTC)
    pub = session.publisher
    counts = pub.counts
    summary = {
        "run_id": session.run_id,
        "outcome": outcome,
        "error": error,
        "warehouse": session.storage.root,
        "rows": ({k: int(v) for k, v in sorted(pub.rows.items())}
                 if outcome in ("success", "partial") else {}),
        "n_read": int(counts.get("read", 0)),
        "n_published": int(pub.rows.get("articles", 0)) if outcome in ("success", "partial") else 0,
        "n_unchanged": int(counts.get("unchanged", 0)),
        "n_out_of_window": int(counts.get("out_of_window", 0)),
        "n_quarantined": (int(sum(pub.reasons.values()))
                          if outcome in ("success", "partial") else 0),
        "quarantined_by_reason": dict(sorted(pub.reasons.items())),
        "rows_by_source": _rows_by_source(pub) if outcome in ("success", "partial") else {},
        "validation": {"evaluated": session.validation.get("evaluated", 0),
                       "failed": {k: v for k, v in session.validation.items() if k != "evaluated"},
                       "blocking": session.blocking[:20], "warnings": session.warnings[:20]},
        "stage_seconds": {k: round(v, 3) for k, v in sorted(session.seconds.items())},
        "worker_processes": sorted(session.worker_processes),
        "morphology": session.ctx.morphology.describe(),
        "topics_fitted": session.topic_refit,
        "started_at": session.started_at.isoformat(),
        "seconds": round((finished - session.started_at).total_seconds(), 3),
        # CPU seconds of the flow process (with its Prefect threads; with the transform
        # too when the run is inline) and of the pool's transforms. Publishing's share in
        # the pool is not in either, so the sum is a lower bound on the run's CPU.
        "cpu_seconds": {"driver": round(time.process_time() - session.cpu_started, 3),
                        "transform_workers": 0.0 if session.inline
                        else round(session.seconds.get("worker_cpu", 0.0), 3)},
    }
    try:
        if session.results:
            session.storage.write_bytes(f"{RESULTS_DIR}/{session.run_id}.json", results_payload(
                session.run_id, session.results, summary["validation"]))
        write_run(session.storage, {
            "run_id": session.run_id, "started_at": session.started_at, "finished_at": finished,
            "outcome": outcome, "error": error, "parameters": session.parameters,
            "rows": summary["rows"], "n_read": summary["n_read"],
            "n_published": summary["n_published"], "n_unchanged": summary["n_unchanged"],
            "n_out_of_window": summary["n_out_of_window"],
            "n_quarantined": summary["n_quarantined"],
            "quarantined_by_reason": summary["quarantined_by_reason"],
            "rows_by_source": summary["rows_by_source"],
            "stage_seconds": summary["stage_seconds"],
            "validation": summary["validation"],
            "pipeline_version": session.ctx.pipeline_version, "host": socket.gethostname(),
            "morphology": session.ctx.morphology.describe(),
        })
    finally:
        pub.cleanup()
        session.lock.close()
    return summary
