"""The ETL flow: open the run, transform batches in parallel, validate and stage them in
order, publish, record the run."""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from typing import Any

from akhbar.prefect_env import configure

configure()

from prefect import flow  # noqa: E402

from akhbar.errors import ValidationBlocked  # noqa: E402
from tasks.etl import open_run, publish, record_run, stage_batch, transform_batch  # noqa: E402


def transform_and_stage(session: Any) -> None:
    """Transform every batch, keeping a bounded window in flight, and stage the results in
    input order so that the run's first-wins dedupe is deterministic."""
    pending: deque[Any] = deque()
    window = session.workers + 1
    for spec in session.specs:
        pending.append(transform_batch.submit(spec, session.ctx, session.inline, session.workers))
        if len(pending) > window:
            stage_batch(session, pending.popleft().result())
    while pending:
        stage_batch(session, pending.popleft().result())


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
        reprocess: bool = False, replay: dict[str, str] | None = None) -> dict[str, Any]:
    """Read every configured source, transform, validate, and publish the warehouse tables.

    ``reprocess`` rebuilds from the raw landing zone of HTTP sources, without network;
    ``replay`` (filters: reason, stage, source) re-runs quarantined inputs instead."""
    session = open_run(config, warehouse, since, until, force, workers, lock_timeout, reprocess,
                       replay)
    outcome, error = "failed", None
    try:
        transform_and_stage(session)
        publish(session)
        outcome = "success"
    except ValidationBlocked as exc:
        outcome, error = "blocked", str(exc)
        raise
    except BaseException as exc:
        error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        summary = record_run(session, outcome, error)
    return summary
