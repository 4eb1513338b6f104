"""The topic refit flow: fit a new topic model version over the published articles."""

from __future__ import annotations

from typing import Any

from akhbar.prefect_env import configure

configure()

from prefect import flow  # noqa: E402

from tasks.topics import refit as refit_task  # noqa: E402


@flow(name="akhbar-topics-refit", flow_run_name="topics refit")
def refit(config: str | None = None, warehouse: str | None = None,
          lock_timeout: float = 600.0) -> dict[str, Any]:
    """Fit and apply a new topic model version (waits for a running ETL to finish)."""
    return refit_task(config, warehouse, lock_timeout)
