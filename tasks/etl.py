"""The ETL flow's tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from akhbar import run
from akhbar.errors import AkhbarError
from akhbar.pipeline import BatchContext, BatchResult
from akhbar.sources.base import BatchSpec


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry IO failures (OSError), never akhbar's own verdicts."""
    try:
        state.result()
    except AkhbarError:
        return False
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(name="open-run", cache_policy=NONE, retries=2, retry_delay_seconds=2,
      retry_condition_fn=_transient)
def open_run(config: str | None, warehouse: str | None, since: dt.date | None,
             until: dt.date | None, force: bool, workers: int | None,
             lock_timeout: float, reprocess: bool = False, replay: dict[str, str] | None = None,
             only_sources: list[str] | None = None, runner: str = "local") -> run.RunSession:
    return run.open_run(config, warehouse, since, until, force, workers, lock_timeout, reprocess,
                        replay, only_sources, runner)


# Transformed batches a transform task hands to the flow running in the same process. A
# batch is tens of MB; returned through Prefect's task results, the flow process's memory
# grew with the number of batches (make bench, 64,000 articles: peak 1,626 MiB before,
# 1,236 MiB after). On Dask the task runs elsewhere and returns the batch.
_HANDOFF: dict[tuple[str, str, int], BatchResult] = {}


def _handoff_key(spec: BatchSpec, ctx: BatchContext) -> tuple[str, str, int]:
    return ctx.run_id, spec.source, spec.index


@task(name="transform", task_run_name="transform {spec.source} #{spec.index}", cache_policy=NONE)
def transform_batch(spec: BatchSpec, ctx: BatchContext, inline: bool, workers: int,
                    handoff: bool = False) -> BatchResult | None:
    result = run.transform_spec(spec, ctx, inline, workers)
    if not handoff:
        return result
    _HANDOFF[_handoff_key(spec, ctx)] = result
    return None


def transformed(future: Any, spec: BatchSpec, ctx: BatchContext) -> BatchResult:
    """The batch of a finished transform task (raises what the task raised)."""
    result = future.result()
    return result if result is not None else _HANDOFF.pop(_handoff_key(spec, ctx))


def drop_handoffs(run_id: str) -> None:
    """Forget batches a failed run left behind (a long-lived ``serve`` process runs many)."""
    for key in [k for k in _HANDOFF if k[0] == run_id]:
        _HANDOFF.pop(key, None)


@task(name="stage", task_run_name="stage {result.spec.source} #{result.spec.index}", cache_policy=NONE)
def stage_batch(session: run.RunSession, result: BatchResult) -> None:
    run.stage(session, result)


@task(name="validate-and-stage-rest", cache_policy=NONE)
def flush_stage(session: run.RunSession) -> None:
    run.flush_stage(session)


@task(name="publish", cache_policy=NONE, retries=2, retry_delay_seconds=2,
      retry_condition_fn=_transient)
def publish(session: run.RunSession) -> dict[str, int]:
    return run.publish(session)


@task(name="begin-publish", cache_policy=NONE)
def begin_publish(session: run.RunSession) -> list[dt.date]:
    return run.begin_publish(session)


@task(name="publish-day", task_run_name="publish {day}", cache_policy=NONE, retries=1,
      retry_delay_seconds=2, retry_condition_fn=_transient)
def publish_day(session: run.RunSession, day: dt.date) -> dict[str, Any]:
    return run.publish_day(session, day)


@task(name="finish-publish", cache_policy=NONE, retries=2, retry_delay_seconds=2,
      retry_condition_fn=_transient)
def finish_publish(session: run.RunSession) -> None:
    run.finish_publish(session)


@task(name="fit-first-topic-model", cache_policy=NONE)
def maybe_fit_topics(session: run.RunSession) -> dict[str, Any] | None:
    return run.maybe_fit_topics(session)


@task(name="record-run", cache_policy=NONE, retries=2, retry_delay_seconds=1,
      retry_condition_fn=_transient)
def record_run(session: run.RunSession, outcome: str, error: str | None) -> dict[str, Any]:
    summary = run.close_run(session, outcome, error)
    create_markdown_artifact(markdown=run.summary_markdown(summary), key="akhbar-run-summary",
                             description=f"akhbar run {summary['run_id']}: {summary['outcome']}")
    return summary
