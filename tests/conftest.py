"""Shared test fixtures: an isolated Prefect home, ../shared lookup, corpus samples."""

from __future__ import annotations

import itertools
import json
import os
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
    """A temporary Prefect API for the session's flow runs (Prefect's own test harness)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
