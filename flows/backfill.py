"""The backfill flow: one run over a date window, published day by day.

Each day is its own Prefect task: a day that fails is reported at the end and does not
stop the others. A backfill is resumable: rerun it and the days already published for
the same inputs are skipped (their inputs are unchanged), while failed days are redone;
``force`` redoes everything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from akhbar.prefect_env import configure

configure()

from prefect import flow  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from flows.etl import recorded, transform_and_stage  # noqa: E402
from tasks.etl import begin_publish, finish_publish, open_run, publish_day  # noqa: E402


@flow(name="akhbar-backfill", flow_run_name="backfill {since}..{until}")
def backfill(since: dt.date, until: dt.date, config: str | None = None,
             warehouse: str | None = None, source: str | None = None, force: bool = False,
             workers: int | None = None, lock_timeout: float = 0.0) -> dict[str, Any]:
    """Process the articles dated ``since``..``until`` (of one source, if given)."""
    session = open_run(config, warehouse, since, until, force, workers, lock_timeout,
                       only_sources=[source] if source else None)
    days: list[dict[str, Any]] = []
    with recorded(session) as run:
        transform_and_stage(session)
        held = quote(session)
        for day in begin_publish(held):
            days.append(publish_day(held, day))
        finish_publish(held)
        failed = [d for d in days if d["status"] == "failed"]
        run["outcome"] = "partial" if failed else "success"
        if failed:
            run["error"] = f"{len(failed)} day(s) failed: " + ", ".join(d["date"] for d in failed[:10])
    summary = run["summary"]
    done = {d["date"] for d in days}
    cursor = since
    while cursor <= until:  # days with nothing new were published before (or have no articles)
        if cursor.isoformat() not in done:
            days.append({"date": cursor.isoformat(), "rows": {}, "articles": 0,
                         "status": "unchanged", "error": None})
        cursor += dt.timedelta(days=1)
    summary["days"] = sorted(days, key=lambda d: d["date"])
    return summary
