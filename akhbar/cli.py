"""The ``akhbar`` command line. Imports stay lazy so that ``akhbar --help`` is instant."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

app = typer.Typer(
    name="akhbar",
    help="Batch ETL for Arabic news: fetch, clean, extract quotes and keywords, validate, publish Parquet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="Config YAML (default: the embedded sample).")]
WarehouseOpt = Annotated[
    str | None,
    typer.Option("--warehouse", "-w", help="Warehouse folder (default: config's, else data/warehouse)."),
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Prefect logs and tracebacks.")]


class Runner(StrEnum):
    local = "local"
    dask = "dask"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{flag} must be YYYY-MM-DD, got {value!r}") from None


def _fail(exc: BaseException, verbose: bool) -> NoReturn:
    """Print one clear line (a traceback only with -v) and exit non-zero."""
    from akhbar.errors import AkhbarError

    if verbose:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, AkhbarError):
        typer.echo(f"akhbar: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code)
    hint = "" if verbose else " (run with -v for details)"
    msg = str(exc).splitlines()[0] if str(exc) else ""
    typer.echo(f"akhbar: error: {type(exc).__name__}: {msg}{hint}", err=True)
    raise typer.Exit(1)


def _print_summary(summary: dict[str, Any], wall: float) -> None:
    run_s = summary.get("seconds", 0.0)
    typer.echo(f"akhbar run {summary['run_id']}: {summary['outcome']} in {wall:.1f} s "
               f"(run {run_s:.1f} s, Prefect start-up and teardown {max(wall - run_s, 0):.1f} s)")
    typer.echo(f"  read {summary['n_read']} · published {summary['n_published']} · "
               f"unchanged {summary['n_unchanged']} · out of window {summary['n_out_of_window']} · "
               f"quarantined {summary['n_quarantined']}")
    rows = summary.get("rows") or {}
    typer.echo("  rows written: " + (" · ".join(f"{k} {v}" for k, v in rows.items()) or "none"))
    by_source = (summary.get("rows_by_source") or {}).get("articles") or {}
    if by_source:
        top = sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))
        more = f" · … {len(top) - 8} more" if len(top) > 8 else ""
        typer.echo("  articles by source: " + " · ".join(f"{k} {v}" for k, v in top[:8]) + more)
    reasons = summary.get("quarantined_by_reason") or {}
    if reasons:
        typer.echo("  quarantined: " + " · ".join(f"{k} {v}" for k, v in reasons.items()))
    typer.echo(f"  warehouse: {summary['warehouse']}")


@app.command()
def run(
    config: ConfigOpt = None,
    warehouse: WarehouseOpt = None,
    since: Annotated[str | None, typer.Option(help="Only articles dated on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles dated on/before YYYY-MM-DD.")] = None,
    force: Annotated[bool, typer.Option(help="Reprocess inputs already published by this version.")] = False,
    reprocess: Annotated[bool, typer.Option(
        help="Rebuild from the raw landing zone of HTTP sources, without network.")] = False,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes (default: all cores).")] = None,
    lock_timeout: Annotated[float, typer.Option(help="Seconds to wait for another run's lock.")] = 0.0,
    runner: Annotated[Runner, typer.Option(help="Where batches are transformed.")] = Runner.local,
    dask_address: Annotated[str | None, typer.Option(
        help="Dask scheduler (tcp://host:port); default: a LocalCluster.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No fetch progress bars.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Run the ETL flow once (manual trigger, backfill window or reprocess)."""
    if no_progress:
        import os

        os.environ["AKHBAR_PROGRESS"] = "0"
    since_d, until_d = _date(since, "--since"), _date(until, "--until")

    def call() -> dict[str, Any]:
        from flows.etl import etl, with_runner

        flow_fn = with_runner(etl, runner.value, dask_address, workers)
        return flow_fn(config=str(config) if config else None, warehouse=warehouse,
                       since=since_d, until=until_d, force=force, workers=workers,
                       lock_timeout=lock_timeout, reprocess=reprocess, runner=runner.value)

    summary, wall = _run_flow(call, config, verbose, since_d, until_d)
    _report(summary, wall, as_json)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(
        help="SQL over the views articles, quotes, keywords, quarantine, runs.")],
    warehouse: WarehouseOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    verbose: VerboseOpt = False,
) -> None:
    """Query the warehouse with DuckDB (one view per table, Hive partitioning on)."""
    try:
        from akhbar.query import connect, run_query

        wh = _warehouse(warehouse)
        if fmt is Format.table:
            import duckdb

            try:
                rel = connect(wh).sql(sql)
            except duckdb.Error as exc:
                from akhbar.errors import AkhbarError

                raise AkhbarError(f"query failed: {str(exc).splitlines()[0]}") from None
            if rel is not None:
                rel.show(max_width=200, max_rows=100)
            return
        columns, rows = run_query(wh, sql)
    except Exception as exc:
        _fail(exc, verbose)
        return
    _emit(columns, rows, fmt)


@app.command()
def backfill(
    since: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
    until: Annotated[str, typer.Option(help="Last day, YYYY-MM-DD.")],
    config: ConfigOpt = None,
    warehouse: WarehouseOpt = None,
    source: Annotated[str | None, typer.Option(help="Only this configured source.")] = None,
    force: Annotated[bool, typer.Option(help="Redo days already published.")] = False,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Backfill a date window day by day; resumable, failed days reported at the end."""
    since_d, until_d = _date(since, "--since"), _date(until, "--until")

    def call() -> dict[str, Any]:
        from flows.backfill import backfill as backfill_flow

        return backfill_flow(since=since_d, until=until_d, config=str(config) if config else None,
                             warehouse=warehouse, source=source, force=force, workers=workers)

    summary, wall = _run_flow(call, config, verbose, since_d, until_d)
    _report(summary, wall, as_json)
    if not as_json:
        counts = Counter(d["status"] for d in summary["days"])
        typer.echo("  days: " + " · ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for day in summary["days"]:
            if day["status"] == "failed":
                typer.echo(f"  failed {day['date']}: {day['error']}")
    if any(d["status"] == "failed" for d in summary["days"]):
        raise typer.Exit(5)


@app.command()
def serve(
    config: ConfigOpt = None,
    warehouse: WarehouseOpt = None,
    cron: Annotated[str, typer.Option(help="Schedule of the ETL deployment (cron, UTC).")] = "*/30 * * * *",
    no_schedule: Annotated[bool, typer.Option("--no-schedule", help="Manual triggers only.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Serve the ETL and topic refit (scheduled) and backfill deployments until stopped."""
    from akhbar.prefect_env import configure

    configure(verbose, cli=True)
    try:
        from akhbar.config import load_config

        cfg = load_config(config)
        from prefect import serve as prefect_serve

        from flows.deployments import build

        deployments = build(str(cfg.path), warehouse, None if no_schedule else cron,
                            None if no_schedule else cfg.topics.refit_cron)
        typer.echo(f"akhbar serve: deployments {', '.join(d.name for d in deployments)} "
                   f"({'manual only' if no_schedule else 'etl on ' + cron}); Ctrl-C to stop")
        prefect_serve(*deployments, print_starting_message=verbose)
    except KeyboardInterrupt:
        return
    except Exception as exc:
        _fail(exc, verbose)


@app.command()
def validate(
    config: ConfigOpt = None,
    warehouse: WarehouseOpt = None,
    since: Annotated[str | None, typer.Option(help="Only partitions dated on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only partitions dated on/before YYYY-MM-DD.")] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Re-validate published partitions with the current suites and render Data Docs."""
    since_d, until_d = _date(since, "--since"), _date(until, "--until")
    try:
        from akhbar.config import load_config
        from akhbar.maintenance import revalidate
        from akhbar.storage import open_storage

        cfg = load_config(config)
        storage = open_storage(warehouse or cfg.warehouse or _warehouse(None))
        report = revalidate(storage, str(cfg.validation.suites), since_d, until_d)
    except Exception as exc:
        _fail(exc, verbose)
        return
    typer.echo(f"validated {report['articles']} articles in {report['partitions']} partitions: "
               f"{report['evaluated']} expectation checks")
    for label, n in sorted(report["failed"].items()):
        typer.echo(f"  failed: {label} ({n} batch{'es' if n > 1 else ''})")
    for line in report["blocking"]:
        typer.echo(f"  blocking: {line}")
    for line in report["warnings"]:
        typer.echo(f"  warning: {line}")
    if report.get("docs"):
        typer.echo(f"  data docs: {report['docs']}")
    if report["blocking"]:
        raise typer.Exit(4)


@app.command()
def quarantine(
    warehouse: WarehouseOpt = None,
    reason: Annotated[str | None, typer.Option(help="Only this reason code.")] = None,
    stage: Annotated[str | None, typer.Option(help="Only this stage.")] = None,
    list_rows: Annotated[bool, typer.Option("--list", help="List rows instead of a summary.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Rows to list.")] = 50,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    verbose: VerboseOpt = False,
) -> None:
    """Summarize (or list) refused inputs by stage and reason."""
    where = []
    params: list[str] = []
    if reason:
        where.append("reason = ?")
        params.append(reason)
    if stage:
        where.append("stage = ?")
        params.append(stage)
    cond = ("where " + " and ".join(where)) if where else ""
    if list_rows:
        sql = (f"select quarantined_at, stage, reason, source, external_id, message, raw_ref "
               f"from quarantine {cond} order by quarantined_at desc, quarantine_id limit {int(limit)}")
    else:
        sql = (f"select stage, reason, count(*) as inputs, count(distinct source) as sources, "
               f"max(quarantined_at) as latest from quarantine {cond} "
               f"group by all order by inputs desc, stage, reason")
    try:
        from akhbar.query import connect

        rel = connect(_warehouse(warehouse)).execute(sql, params)
        columns = [d[0] for d in rel.description]
        rows = rel.fetchall()
    except Exception as exc:
        _fail(exc, verbose)
        return
    _emit(columns, rows, fmt)


@app.command()
def replay(
    config: ConfigOpt = None,
    warehouse: WarehouseOpt = None,
    reason: Annotated[str | None, typer.Option(help="Only inputs quarantined for this reason.")] = None,
    stage: Annotated[str | None, typer.Option(help="Only inputs quarantined at this stage.")] = None,
    source: Annotated[str | None, typer.Option(help="Only inputs of this configured source.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Re-run quarantined inputs through the current code; publish those that now pass."""

    def call() -> dict[str, Any]:
        from flows.etl import etl

        return etl(config=str(config) if config else None, warehouse=warehouse,
                   replay={"reason": reason, "stage": stage, "source": source})

    summary, wall = _run_flow(call, config, verbose)
    _report(summary, wall, as_json)


def _run_flow(call: Callable[[], dict[str, Any]], config: Path | None, verbose: bool,
              since: dt.date | None = None, until: dt.date | None = None) -> tuple[dict[str, Any], float]:
    """Check what can be checked before paying for Prefect's start-up, run the flow, and
    turn any failure into one line and an exit code. Returns the summary and wall time."""
    t0 = time.perf_counter()
    from akhbar.prefect_env import configure

    configure(verbose, cli=True)
    try:
        from akhbar.config import load_config
        from akhbar.errors import AkhbarError

        if since and until and since > until:
            raise AkhbarError(f"--since {since} is after --until {until}")
        load_config(config)
        summary = call()
    except (Exception, KeyboardInterrupt) as exc:
        _fail(exc, verbose)
    return summary, time.perf_counter() - t0


def _report(summary: dict[str, Any], wall: float, as_json: bool) -> None:
    if as_json:
        payload = {**summary, "wall_seconds": round(wall, 3)}
        typer.echo(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        _print_summary(summary, wall)


class Evaluation(StrEnum):
    quotes = "quotes"
    topics = "topics"
    stories = "stories"
    extraction = "extraction"


@app.command(name="eval", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def evaluate(
    ctx: typer.Context,
    what: Annotated[Evaluation, typer.Argument(help="Which evaluation to run.")],
) -> None:
    """Run an evaluation (quotes, topics, stories, extraction); extra options pass through."""
    import importlib
    import sys as _sys

    module = importlib.import_module(f"akhbar.evaluation.{what.value}")
    _sys.argv = [f"akhbar eval {what.value}", *ctx.args]
    result = module.main()
    raise typer.Exit(result if isinstance(result, int) else 0)


topics_app = typer.Typer(help="Topic models: fit a new version (the `topics` table lists them).",
                         no_args_is_help=True)
app.add_typer(topics_app, name="topics")


@topics_app.command("refit")
def topics_refit(
    config: ConfigOpt = None,
    warehouse: WarehouseOpt = None,
    lock_timeout: Annotated[float, typer.Option(help="Seconds to wait for a running ETL.")] = 600.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Fit a new topic model version over the published articles and apply it."""

    def call() -> dict[str, Any]:
        from flows.topics import refit

        return refit(config=str(config) if config else None, warehouse=warehouse,
                     lock_timeout=lock_timeout)

    summary, wall = _run_flow(call, config, verbose)
    if as_json:
        typer.echo(json.dumps({**summary, "wall_seconds": round(wall, 3)}, ensure_ascii=False))
        return
    kept = summary["kept_topic_ids"]
    typer.echo(f"topic model v{summary['model_version']}: {len(summary['topics'])} topics over "
               f"{summary['n_documents']} articles in {wall:.1f} s"
               + (f" (ids kept from v{summary['previous_version']}: {kept})"
                  if summary["previous_version"] else ""))
    for topic in summary["topics"]:
        typer.echo(f"  {topic['topic_id']:>4}  {topic['label']}")


def _emit(columns: list[str], rows: list[tuple[Any, ...]], fmt: Format) -> None:
    out = sys.stdout
    if fmt is Format.csv:
        import csv

        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt is Format.jsonl:
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    else:
        import duckdb

        con = duckdb.connect()
        con.register("result", _as_arrow(columns, rows))
        con.sql("select * from result").show(max_width=200, max_rows=200)


def _as_arrow(columns: list[str], rows: list[tuple[Any, ...]]) -> Any:
    import pyarrow as pa

    return pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})


def _warehouse(warehouse: str | None) -> str:
    if warehouse:
        return warehouse
    import os

    from akhbar.config import DEFAULT_WAREHOUSE

    return os.environ.get("AKHBAR_WAREHOUSE") or str(DEFAULT_WAREHOUSE)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
