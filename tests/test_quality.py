"""The quality gate beyond the basics: derived checks, re-validation with Data Docs,
quarantine listing and replay."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, write_config, write_jsonl

from akhbar.maintenance import revalidate
from akhbar.query import connect
from akhbar.storage import LocalStorage

pytestmark = pytest.mark.usefixtures("prefect_harness")

TEXT = "أعلنت الحكومة قرارا جديدا."  # four words: passes cleaning, fails the default suite


def run_flow(**kw):
    from flows.etl import etl

    return etl(**kw)


def sql(wh: Path, query: str):
    return connect(str(wh)).execute(query).fetchall()


def suites_copy(tmp_path: Path, min_words: int) -> Path:
    folder = tmp_path / f"suites-{min_words}"
    shutil.copytree(REPO / "expectations", folder)
    suite = json.loads((folder / "articles.json").read_text())
    for exp in suite["expectations"]:
        if exp["kwargs"].get("column") == "n_words" and exp["type"].endswith("to_be_between") \
                and exp["meta"].get("scope") == "row":
            exp["kwargs"]["min_value"] = min_words
    (folder / "articles.json").write_text(json.dumps(suite, ensure_ascii=False))
    return folder


def test_replay_publishes_inputs_that_now_pass(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "short", "source": "S", "url": None, "published": "2024-01-02", "title": "ت", "text": TEXT},
        {"id": "empty", "source": "S", "url": None, "published": "2024-01-02", "title": "ت", "text": " "}])
    wh = tmp_path / "wh"
    strict = write_config(tmp_path / "strict.yaml", [{"name": "s", "kind": "jsonl", "path": str(data)}])
    run_flow(config=str(strict), warehouse=str(wh))
    assert sorted(sql(wh, "select external_id, reason from quarantine")) == [
        ("empty", "empty_text"), ("short", "too_few_words")]
    # The same code replays the same verdict, in place (no duplicate quarantine rows).
    again = run_flow(config=str(strict), warehouse=str(wh), replay={"reason": "too_few_words"})
    assert again["n_read"] == 1 and again["n_published"] == 0
    assert sql(wh, "select count(*) from quarantine") == [(2,)]
    # Relaxed suites: the replayed input now passes, is published and leaves quarantine.
    relaxed = write_config(tmp_path / "relaxed.yaml", [{"name": "s", "kind": "jsonl", "path": str(data)}],
                           validation={"suites": str(suites_copy(tmp_path, 3))})
    summary = run_flow(config=str(relaxed), warehouse=str(wh), replay={"stage": "validate"})
    assert summary["n_published"] == 1
    assert sql(wh, "select external_id from articles") == [("short",)]
    assert sql(wh, "select external_id, reason from quarantine") == [("empty", "empty_text")]


def test_derived_checks_and_revalidation_with_data_docs(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", [{
        "id": "a", "source": "Outlet", "url": "https://o.example/a", "published": "2024-01-02",
        "title": "عنوان",
        "text": "قال وزير المالية إن الحكومة ستخفض الضرائب على الشركات الصغيرة اعتبارا من العام المقبل."}])
    wh = tmp_path / "wh"
    cfg = write_config(tmp_path / "c.yaml", [{"name": "s", "kind": "jsonl", "path": str(data)}])
    run_flow(config=str(cfg), warehouse=str(wh))
    storage = LocalStorage(wh)
    report = revalidate(storage, str(REPO / "expectations"))
    assert report["articles"] == 1 and not report["blocking"] and report["evaluated"] > 20
    # A one-sentence article is unusually short: a warning, not a failure.
    assert set(report["failed"]) == {"articles.unusual_article_length"}
    assert report["docs"] and Path(report["docs"]).read_text().count("<html") >= 1
    assert any(p.name.endswith(".html") for p in (wh / "_validation" / "docs" / "validations").rglob("*"))
    # Tamper with a published quote: re-validation catches the broken offsets.
    import pyarrow as pa
    import pyarrow.parquet as pq

    qfile = next((wh / "quotes").rglob("data.parquet"))
    quotes = pq.read_table(qfile)
    assert quotes.num_rows == 1
    bad = quotes.set_column(quotes.schema.get_field_index("start"), "start", pa.array([1], pa.int32()))
    pq.write_table(bad, qfile)
    report = revalidate(storage, str(REPO / "expectations"), docs=False)
    assert report["failed"].get("quotes.quote_offsets_mismatch") == 1
    stored = sorted((wh / "_validation" / "runs").glob("*.json"))
    assert len(stored) == 3  # the run, then two re-validations


def test_quarantine_and_validate_commands(tmp_path):
    import os
    import subprocess
    import sys

    akhbar = str(Path(sys.executable).parent / "akhbar")
    data = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "x", "source": "S", "url": None, "published": None, "title": "t",
         "text": "نص بلا تاريخ " * 5}])
    cfg = write_config(tmp_path / "c.yaml", [{"name": "s", "kind": "jsonl", "path": str(data)}])
    wh = tmp_path / "wh"
    run_flow(config=str(cfg), warehouse=str(wh))
    env = {**os.environ}
    out = subprocess.run([akhbar, "quarantine", "--warehouse", str(wh), "--format", "csv"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0
    assert out.stdout.splitlines()[1].startswith("parse,missing_date,1,1,")
    out = subprocess.run([akhbar, "quarantine", "--warehouse", str(wh), "--list", "--format", "jsonl",
                          "--reason", "missing_date"], capture_output=True, text=True, env=env)
    row = json.loads(out.stdout.splitlines()[0])
    assert row["external_id"] == "x" and row["raw_ref"].endswith("#byte=0")
    out = subprocess.run([akhbar, "validate", "--config", str(cfg), "--warehouse", str(wh)],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0 and "validated 0 articles" in out.stdout


def test_storage_writes_after_its_folders_were_removed(tmp_path):
    """A user may delete a table folder between two runs in one process (a notebook, a
    reprocess): the next write recreates the folders instead of failing."""
    import pyarrow as pa

    storage = LocalStorage(tmp_path / "wh")
    data = pa.table({"x": [1, 2]})
    storage.write_parquet("articles/date=2020-01-01/source=a/data.parquet", data)
    shutil.rmtree(tmp_path / "wh" / "articles")
    storage.write_parquet("articles/date=2020-01-01/source=a/data.parquet", data)
    assert storage.read_parquet("articles/date=2020-01-01/source=a/data.parquet").equals(data)


def test_staged_files_serve_each_partition_its_own_batches_across_threads(tmp_path):
    """A publish task opens each staged file once and many threads read partitions from
    it: every read gets exactly the record batches it names, in order."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa

    from akhbar.warehouse import _StagedFiles

    schema = pa.schema([("part", pa.int32()), ("value", pa.int32())])
    paths = []
    for f in range(3):
        path = tmp_path / f"staged-{f}.arrow"
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
            for part in range(40):
                writer.write_batch(pa.record_batch(
                    [[part] * (part % 3 + 1), [f * 1000 + part] * (part % 3 + 1)], schema=schema))
        paths.append(path)
    with _StagedFiles() as files, ThreadPoolExecutor(max_workers=8) as pool:
        tables = list(pool.map(
            lambda part: files.read([(p, part) for p in paths], schema), range(40)))
    for part, table in enumerate(tables):
        assert table.column("part").to_pylist() == [part] * (3 * (part % 3 + 1))
        assert table.column("value").to_pylist() == [
            f * 1000 + part for f in range(3) for _ in range(part % 3 + 1)]
    assert len(files._readers) == 3  # one reader per file, not one per partition


def test_the_driver_allocator_is_tuned_once_on_glibc():
    import platform

    from akhbar.memory import tune_allocator

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt settings apply to glibc only")
    assert tune_allocator() is True
    assert tune_allocator() is True  # idempotent


def test_transform_workers_run_with_rarer_gc_passes():
    import gc

    from akhbar import parallel
    from akhbar.memory import _GC_GEN0

    try:
        threshold = parallel.get_pool(1).submit(gc.get_threshold).result(timeout=120)
    finally:
        parallel.shutdown()
    assert threshold[0] == _GC_GEN0 > 700  # CPython's default is 700


def test_transform_tasks_starting_together_share_one_pool():
    # Prefect starts a run's first transform tasks in parallel threads; each used to be
    # able to build a pool of its own (seen: four worker processes for a 2-worker run).
    import os
    import threading

    from akhbar import parallel

    barrier = threading.Barrier(6)
    pools: list[object] = []

    def first_task() -> None:
        barrier.wait()
        pools.append(parallel.get_pool(2))

    threads = [threading.Thread(target=first_task) for _ in range(6)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert len(pools) == 6 and len({id(p) for p in pools}) == 1
        pids = {pools[0].submit(os.getpid).result(timeout=120) for _ in range(4)}
        assert os.getpid() not in pids
    finally:
        parallel.shutdown()
