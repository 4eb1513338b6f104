"""Shared test fixtures: an isolated Prefect home, ../shared lookup, corpus samples."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Prefect reads its settings at import: isolate it before anything imports it.
_PREFECT_HOME = tempfile.mkdtemp(prefix="akhbar-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.pop("PREFECT_API_URL", None)
from akhbar.prefect_env import configure  # noqa: E402

configure()

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_CONFIG = REPO / "data" / "sample" / "akhbar.yaml"
SEED = REPO / "data" / "sample" / "files" / "000_4dcc44e69668bede.txt"
CORPUS_FILES = ("saudinewsnet", "ant_multisource", "ant_jawharafm")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not present (it is in CI); this test needs it")
    return path


def corpus_records(n: int, step: int = 7) -> list[dict]:
    """``n`` real records spread over the three corpus subsets (every ``step``-th line)."""
    per_file = -(-n // len(CORPUS_FILES))
    out: list[dict] = []
    for name in CORPUS_FILES:
        path = shared_path("corpus", name, "articles.jsonl")
        with open(path, encoding="utf-8") as fh:
            for line in itertools.islice(fh, 0, None, step):
                out.append(json.loads(line))
                if len(out) % per_file == 0:
                    break
    return out[:n]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def write_config(path: Path, sources: list[dict], **extra: object) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"sources": sources, **extra}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the session's flow runs (Prefect's own test harness);
    yields its URL so that subprocesses (the real CLI) can use the same server."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


def cli_env() -> dict[str, str]:
    """The environment a user's shell would give the CLI: without the Prefect log level
    this test process set for itself (the CLI picks its own quiet default)."""
    return {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}


def akhbar_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 600,
               **popen) -> subprocess.CompletedProcess:
    """Run the real ``akhbar`` command of this venv."""
    exe = str(Path(sys.executable).parent / "akhbar")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd or REPO, env={**cli_env(), **(env or {})}, **popen)
