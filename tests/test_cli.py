"""The command line as users run it: real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_CONFIG, cli_env

AKHBAR = str(Path(sys.executable).parent / "akhbar")


def akhbar(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([AKHBAR, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO, env={**cli_env(), **(env or {})})


def test_help_lists_commands_fast_without_heavy_imports():
    t = time.perf_counter()
    out = akhbar("--help")
    assert out.returncode == 0
    assert time.perf_counter() - t < 5
    for command in ("run", "query"):
        assert command in out.stdout
    probe = subprocess.run([sys.executable, "-X", "importtime", "-c", "import akhbar.cli"],
                           capture_output=True, text=True)
    heavy = {"great_expectations", "sklearn", "torch", "prefect", "transformers"}
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in probe.stderr.splitlines()}
    assert not heavy & loaded


@pytest.mark.parametrize(("args", "message"), [
    (["run", "--config", "/nonexistent.yaml"], "config file not found"),
    (["run", "--since", "2024-13-01"], "--since must be YYYY-MM-DD"),
    (["run", "--since", "2024-02-01", "--until", "2024-01-01"], "is after --until"),
    (["query", "select 1", "--warehouse", "/nonexistent-wh"], "no warehouse at"),
])
def test_errors_are_one_clear_line(args, message, tmp_path):
    out = akhbar(*args, env={"PREFECT_HOME": str(tmp_path / "ph")})
    assert out.returncode != 0
    assert message in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_bad_config_contents(tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("sources:\n  - name: x\n    kind: carrier-pigeon\n")
    out = akhbar("run", "--config", str(cfg), env={"PREFECT_HOME": str(tmp_path / "ph")})
    assert out.returncode == 2 and "unknown source kind 'carrier-pigeon'" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_run_then_query(tmp_path):
    wh = tmp_path / "wh"
    out = akhbar("run", "--config", str(SAMPLE_CONFIG), "--warehouse", str(wh), "--json",
                 env={"PREFECT_HOME": str(tmp_path / "ph")})
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["outcome"] == "success" and summary["n_published"] == 21
    assert "Traceback" not in out.stderr
    q = akhbar("query", "select count(*) as n from articles", "--warehouse", str(wh), "--format", "csv")
    assert q.returncode == 0 and q.stdout.splitlines() == ["n", "21"]
    q = akhbar("query", "select source, count(*) n from articles group by 1 order by 1",
               "--warehouse", str(wh), "--format", "jsonl")
    rows = [json.loads(line) for line in q.stdout.splitlines()]
    assert {"source": "sample-files", "n": 7} in rows
    q = akhbar("query", "select count(*) from quarantine", "--warehouse", str(wh))
    assert q.returncode == 0 and "3" in q.stdout
    bad = akhbar("query", "select nope from articles", "--warehouse", str(wh))
    assert bad.returncode == 2 and bad.stderr.startswith("akhbar: error: query failed")
