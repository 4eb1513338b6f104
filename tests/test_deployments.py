"""Deployments on a real Prefect server: ``akhbar serve`` registers them, a manual trigger
through the API runs the ETL, the warehouse gets the articles."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_CONFIG, cli_env

from akhbar.query import connect

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-server-home")
    port = free_port()
    env = {**cli_env(), "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            return False

    wait_for(healthy, 120, "prefect server")
    yield url, home
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def test_serve_registers_deployments_and_an_api_trigger_runs_the_etl(prefect_server, tmp_path):
    url, home = prefect_server
    env = {**cli_env(), "PREFECT_API_URL": url, "PREFECT_HOME": str(home)}
    wh = tmp_path / "wh"
    serve = subprocess.Popen([str(BIN / "akhbar"), "serve", "--config", str(SAMPLE_CONFIG),
                              "--warehouse", str(wh), "--no-schedule"], env=env, cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        def registered() -> bool:
            out = subprocess.run([str(BIN / "prefect"), "deployment", "ls"], env=env,
                                 capture_output=True, text=True)
            assert serve.poll() is None, serve.stderr.read().decode()[-2000:]
            return "akhbar-etl/etl" in out.stdout and "akhbar-backfill/backfill" in out.stdout

        wait_for(registered, 120, "deployments to register")
        run = subprocess.run([str(BIN / "prefect"), "deployment", "run", "akhbar-etl/etl"],
                             env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        flow_run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", run.stdout).group(1)

        def state() -> str:
            out = subprocess.run([str(BIN / "prefect"), "flow-run", "inspect", flow_run_id],
                                 env=env, capture_output=True, text=True)
            m = re.search(r"type=StateType\.(\w+)", out.stdout) or re.search(r"'type': '(\w+)'", out.stdout)
            return m.group(1) if m else ""

        wait_for(lambda: state() in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"), 300, "the flow run")
        assert state() == "COMPLETED"
        con = connect(str(wh))
        assert con.execute("select count(*) from articles").fetchone() == (21,)
        assert con.execute("select outcome from runs").fetchall() == [("success",)]
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)


def test_prefect_yaml_deploys_to_a_work_pool_and_a_worker_runs_it(prefect_server, tmp_path):
    url, home = prefect_server
    env = {**cli_env(), "PREFECT_API_URL": url, "PREFECT_HOME": str(home), "AKHBAR_HOME": str(REPO)}
    prefect = str(BIN / "prefect")

    def ok(*args: str, timeout: float = 180) -> str:
        out = subprocess.run([prefect, *args], env=env, cwd=REPO, capture_output=True, text=True,
                             timeout=timeout)
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
        return out.stdout

    ok("work-pool", "create", "akhbar-pool", "--type", "process")
    ok("deploy", "--prefect-file", "deploy/prefect.yaml", "--all", "--no-prompt")
    listing = ok("deployment", "ls")
    assert "akhbar-etl/etl" in listing and "akhbar-backfill/backfill" in listing
    wh = tmp_path / "wh"
    out = ok("deployment", "run", "akhbar-etl/etl", "--param", f"warehouse={wh}",
             "--param", f"config={SAMPLE_CONFIG}")
    flow_run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", out).group(1)
    ok("worker", "start", "--pool", "akhbar-pool", "--run-once", timeout=300)
    inspect = ok("flow-run", "inspect", flow_run_id)
    assert "COMPLETED" in inspect
    assert connect(str(wh)).execute("select count(*) from articles").fetchone() == (21,)
