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
from flows.topics import refit  # noqa: E402

ETL_DEPLOYMENT = "etl"
BACKFILL_DEPLOYMENT = "backfill"
REFIT_DEPLOYMENT = "topics-refit"
DEFAULT_REFIT_CRON = "0 2 * * *"
DEFAULT_ETL_CRON = "*/30 * * * *"


def build(config: str | None, warehouse: str | None, etl_cron: str | None = DEFAULT_ETL_CRON,
          refit_cron: str | None = DEFAULT_REFIT_CRON) -> list[Any]:
    """RunnerDeployments: the scheduled ETL and topic refit (a cron of None: manual
    triggers only) and a manual backfill."""
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
        refit.to_deployment(
            name=REFIT_DEPLOYMENT, cron=refit_cron, parameters=params, concurrency_limit=1,
            description="Fit a new topic model version over the published articles (nightly).",
            tags=["akhbar"]),
    ]
    return deployments
