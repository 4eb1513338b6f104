"""akhbar's Prefect deployments, as served by ``akhbar serve``.

The same deployments are declared for ``prefect deploy`` in ``deploy/prefect.yaml``; this
module builds them in code for the serve path, which needs no work pool or worker.
"""

from __future__ import annotations

from typing import Any

from akhbar.prefect_env import configure

configure()

from flows.backfill import backfill  # noqa: E402
from flows.etl import etl  # noqa: E402

ETL_DEPLOYMENT = "etl"
BACKFILL_DEPLOYMENT = "backfill"
DEFAULT_ETL_CRON = "*/30 * * * *"


def build(config: str | None, warehouse: str | None, etl_cron: str | None = DEFAULT_ETL_CRON,
          ) -> list[Any]:
    """RunnerDeployments: the scheduled ETL (``etl_cron`` None: manual triggers only) and a
    manual backfill."""
    params = {"config": config, "warehouse": warehouse}
    deployments = [
        etl.to_deployment(
            name=ETL_DEPLOYMENT, cron=etl_cron, parameters=params, concurrency_limit=1,
            description="Read the configured sources, transform, validate and publish.",
            tags=["akhbar"]),
        backfill.to_deployment(
            name=BACKFILL_DEPLOYMENT, parameters=params, concurrency_limit=1,
            description="Backfill a date window day by day (set since/until when triggering).",
            tags=["akhbar"]),
    ]
    return deployments
