"""Tasks of the topic refit flow."""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from akhbar.config import load_config
from akhbar.refit import refit_topics
from akhbar.run import new_run_id, resolve_warehouse
from akhbar.storage import open_storage


@task(name="refit-topics", cache_policy=NONE)
def refit(config: str | None, warehouse: str | None, lock_timeout: float) -> dict[str, Any]:
    import datetime as dt

    cfg = load_config(config)
    storage = open_storage(resolve_warehouse(cfg, warehouse))
    run_id = new_run_id(dt.datetime.now(dt.UTC))
    with storage.lock({"run_id": run_id}, timeout=lock_timeout):
        summary = refit_topics(storage, cfg, run_id)
    lines = [f"# Topic model v{summary['model_version']} ({summary['n_documents']} articles)", "",
             "| topic | label |", "|---:|---|"]
    lines += [f"| {t['topic_id']} | {t['label']} |" for t in summary["topics"]]
    create_markdown_artifact(markdown="\n".join(lines) + "\n", key="akhbar-topics",
                             description=f"topic model v{summary['model_version']}")
    return summary
