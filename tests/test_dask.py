"""The Dask runner: a real LocalCluster with two worker processes gives exactly the
tables of the default runner."""

from __future__ import annotations

import os
import socket

import pytest
from conftest import corpus_records, write_config, write_jsonl
from test_crash_safety import snapshot

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_dask_local_cluster_gives_the_same_tables(tmp_path):
    from flows.etl import etl, with_runner

    data = write_jsonl(tmp_path / "in.jsonl", corpus_records(600, step=11))
    cfg = write_config(tmp_path / "c.yaml", [{"name": "corpus", "kind": "jsonl", "path": str(data)}],
                       batch_size=100)
    local = etl(config=str(cfg), warehouse=str(tmp_path / "local"), workers=2)
    dask_flow = with_runner(etl, "dask", workers=2)
    dask = dask_flow(config=str(cfg), warehouse=str(tmp_path / "dask"), workers=2, runner="dask")
    assert dask["outcome"] == local["outcome"] == "success"
    assert dask["n_published"] == local["n_published"] > 500
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
    # The batches really ran in two Dask worker processes, not in the flow's process.
    me = f"{socket.gethostname()}:{os.getpid()}"
    assert len(dask["worker_processes"]) == 2 and me not in dask["worker_processes"]
    assert not set(dask["worker_processes"]) & set(local["worker_processes"])
