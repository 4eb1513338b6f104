"""The ETL flow: open the run, transform batches in parallel, validate and stage them in
order, publish, record the run."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import deque
from collections.abc import Iterator
from typing import Any

from akhbar.prefect_env import configure

configure()

from prefect import flow  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from akhbar.errors import ValidationBlocked  # noqa: E402
from tasks.etl import (  # noqa: E402
    drop_handoffs,
    flush_stage,
    maybe_fit_topics,
    open_run,
    publish,
    record_run,
    stage_batch,
    transform_batch,
    transformed,
)


def with_runner(flow_fn: Any, runner: str, dask_address: str | None = None,
                workers: int | None = None) -> Any:
    """The flow with the task runner for ``runner``: Dask (an existing cluster at
    ``dask_address``, else a LocalCluster of worker processes) or Prefect's default."""
    if runner != "dask":
        return flow_fn
    from prefect_dask import DaskTaskRunner

    if dask_address:
        task_runner = DaskTaskRunner(address=dask_address)
    else:
        from akhbar.parallel import default_workers

        task_runner = DaskTaskRunner(cluster_kwargs={
            "n_workers": workers or default_workers(), "threads_per_worker": 1, "processes": True,
            "dashboard_address": None})
    return flow_fn.with_options(task_runner=task_runner)


@contextlib.contextmanager
def recorded(session: Any) -> Iterator[dict[str, Any]]:
    """Record the run whatever happens: the body sets ``outcome`` (and ``error``); an
    exception marks it failed (or blocked by validation) and propagates; the summary of
    the ``runs`` row lands in ``["summary"]``."""
    run: dict[str, Any] = {"outcome": "failed", "error": None, "summary": None}
    try:
        yield run
    except ValidationBlocked as exc:
        run["outcome"], run["error"] = "blocked", str(exc)
        raise
    except BaseException as exc:
        run["error"] = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        run["summary"] = record_run(quote(session), run["outcome"], run["error"])


def transform_and_stage(session: Any) -> None:
    """Transform every batch, keeping a bounded window in flight, and stage the results in
    input order so that the run's first-wins dedupe is deterministic."""
    pending: deque[Any] = deque()
    window = session.workers + 1
    # quote(): Prefect would otherwise walk these big objects looking for futures, on
    # every task call, which grows with the run. (The context is small, and a quoted value
    # does not survive the trip to a Dask worker.)
    held = quote(session)
    ctx = session.ctx
    handoff = session.parameters.get("runner") != "dask"  # tasks run in this process
    try:
        for spec in session.specs:
            pending.append((transform_batch.submit(spec, ctx, session.inline, session.workers,
                                                   handoff), spec))
            if len(pending) > window:
                stage_batch(held, quote(transformed(*pending.popleft(), ctx)))
        while pending:
            stage_batch(held, quote(transformed(*pending.popleft(), ctx)))
    finally:
        drop_handoffs(ctx.run_id)
    flush_stage(held)


def _run_name() -> str:
    """``etl <config> [since..until]`` (or ``replay``/``reprocess``) for the Prefect UI."""
    from prefect.runtime import flow_run

    p = flow_run.parameters
    name = "replay" if p.get("replay") else "reprocess" if p.get("reprocess") else "etl"
    config = os.path.basename(str(p.get("config") or "sample"))
    window = f" {p.get('since') or '…'}..{p.get('until') or '…'}" if p.get("since") or p.get("until") else ""
    return f"{name} {config}{window}"


@flow(name="akhbar-etl", flow_run_name=_run_name)
def etl(config: str | None = None, warehouse: str | None = None,
        since: dt.date | None = None, until: dt.date | None = None, force: bool = False,
        workers: int | None = None, lock_timeout: float = 0.0,
        reprocess: bool = False, replay: dict[str, str] | None = None,
        runner: str = "local") -> dict[str, Any]:
    """Read every configured source, transform, validate, and publish the warehouse tables.

    ``reprocess`` rebuilds from the raw landing zone of HTTP sources, without network;
    ``replay`` (filters: reason, stage, source) re-runs quarantined inputs instead.
    ``runner`` says where batches are transformed: ``local`` (a process pool next to the
    flow) or ``dask`` (the flow's Dask task runner: see :func:`with_runner`)."""
    session = open_run(config, warehouse, since, until, force, workers, lock_timeout, reprocess,
                       replay, runner=runner)
    with recorded(session) as run:
        transform_and_stage(session)
        publish(quote(session))
        maybe_fit_topics(quote(session))
        run["outcome"] = "success"
    return run["summary"]
