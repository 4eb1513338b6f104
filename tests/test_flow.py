"""The ETL flow end to end under Prefect's test harness, with DuckDB over the real output."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import SAMPLE_CONFIG, corpus_records, write_config, write_jsonl

from akhbar.errors import ValidationBlocked, WarehouseLocked
from akhbar.query import connect
from akhbar.storage import LocalStorage

pytestmark = pytest.mark.usefixtures("prefect_harness")


def run_flow(**kw):
    from flows.etl import etl

    return etl(**kw)


def sql(warehouse: Path, query: str):
    return connect(str(warehouse)).execute(query).fetchall()


def table_rows(warehouse: Path, table: str, cols: str) -> list[tuple]:
    return sorted(sql(warehouse, f"select {cols} from {table}"))


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    wh = tmp_path_factory.mktemp("wh")
    first = run_flow(config=str(SAMPLE_CONFIG), warehouse=str(wh))
    return wh, first


def test_sample_run_publishes_the_seed_with_its_quotes(sample_run):
    wh, summary = sample_run
    assert summary["outcome"] == "success"
    part = wh / "articles" / "date=2017-11-21" / "source=sample-files"
    assert (part / "data.parquet").exists()
    seed = pq.read_table(part / "data.parquet").to_pylist()
    assert [a["title"] for a in seed] == ["بوتين يطلع ترامب على نتائج لقائه الأسد"]
    speakers = [r[0] for r in sql(wh, "select q.speaker from quotes q join articles a using (article_id) "
                                      "where a.date = DATE '2017-11-21'")]
    assert len(speakers) >= 5 and "الكرملين" in speakers
    # Speakers are resolved to their fullest mention ("فلاديمير بوتين").
    assert any("بوتين" in (s or "").split() for s in speakers)
    # Every quote's offsets point into its article's text.
    bad = sql(wh, "select count(*) from quotes q join articles a using (article_id, date, source) "
                  "where substr(a.text, q.start + 1, q.\"end\" - q.start) <> q.quote")
    assert bad == [(0,)]


def test_sample_accounts_for_every_record(sample_run):
    wh, summary = sample_run
    assert summary["n_read"] == 24
    assert summary["n_published"] + summary["n_quarantined"] == summary["n_read"]
    reasons = dict(sql(wh, "select reason, count(*) from quarantine group by reason"))
    assert reasons == {"empty_text": 1, "not_arabic": 1, "missing_date": 1}
    assert sql(wh, "select count(*) from articles") == [(21,)]


def test_rerun_is_idempotent_and_incremental(sample_run):
    wh, _ = sample_run
    before = {t: table_rows(wh, t, "*") for t in ("articles", "quotes", "keywords", "quarantine")}
    again = run_flow(config=str(SAMPLE_CONFIG), warehouse=str(wh))
    assert again["n_unchanged"] == 24 and again["n_published"] == 0 and again["rows"] == {}
    after = {t: table_rows(wh, t, "*") for t in before}
    assert after == before
    forced = run_flow(config=str(SAMPLE_CONFIG), warehouse=str(wh), force=True)
    assert forced["n_published"] == 21
    cols = {"articles": "article_id, content_hash, text, date, source",
            "quotes": "quote_id, quote, speaker, start", "keywords": "article_id, keyword, rank",
            "quarantine": "quarantine_id, reason"}
    assert {t: table_rows(wh, t, c) for t, c in cols.items()} == \
        {t: sorted({tuple(r[i] for i in range(len(c.split(",")))) for r in table_rows(wh, t, c)})
         for t, c in cols.items()}
    assert sql(wh, "select count(*), count(distinct article_id) from articles") == [(21, 21)]
    assert sql(wh, "select count(*) from runs") == [(3,)]


def test_each_run_leaves_a_summary_artifact(sample_run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["akhbar-run-summary"])))
    _, summary = sample_run
    mine = [a for a in arts if summary["run_id"] in (a.description or "")]
    assert len(mine) == 1
    body = mine[0].data
    assert "## Rows by table and source" in body and "| sample-files |" in body
    assert "| empty_text | 1 |" in body and "## Stage seconds" in body


def test_query_views_and_runs_table(sample_run):
    wh, summary = sample_run
    runs = sql(wh, "select run_id, outcome, n_read from runs order by started_at")
    assert runs[0] == (summary["run_id"], "success", 24)
    assert sql(wh, "select typeof(date), typeof(source) from articles limit 1") == [("DATE", "VARCHAR")]
    assert sql(wh, "select count(*) from keywords where keyword is null") == [(0,)]


def test_incremental_run_merges_new_articles_into_existing_partitions(tmp_path):
    wh = tmp_path / "wh"
    base = {"source": "Merge News", "published": "2024-07-02", "category": "x"}
    text = "قال رئيس الوزراء إن الحكومة ستطلق برنامجا جديدا لدعم الشباب في المحافظات كافة هذا العام."
    b_rec = {**base, "id": "b", "url": "https://m.example/b", "title": "ب", "text": text + " وأضاف."}
    data = tmp_path / "in.jsonl"
    write_jsonl(data, [{**base, "id": "a", "url": "https://m.example/a", "title": "أ", "text": text}])
    cfg = write_config(tmp_path / "c.yaml", [{"name": "m", "kind": "jsonl", "path": str(data)}])
    run_flow(config=str(cfg), warehouse=str(wh))
    write_jsonl(data, [{**base, "id": "a", "url": "https://m.example/a", "title": "أ", "text": text},
                       b_rec])
    second = run_flow(config=str(cfg), warehouse=str(wh))
    assert second["n_published"] == 1 and second["n_unchanged"] == 1
    assert sql(wh, "select external_id from articles order by 1") == [("a",), ("b",)]
    # A corrected date moves the article: it leaves its old partition.
    write_jsonl(data, [{**base, "id": "a", "url": "https://m.example/a", "title": "أ", "text": text,
                        "published": "2024-07-05"},
                       b_rec])
    run_flow(config=str(cfg), warehouse=str(wh))
    assert sql(wh, "select external_id, date from articles order by 1") == \
        [("a", dt.date(2024, 7, 5)), ("b", dt.date(2024, 7, 2))]
    assert sql(wh, "select count(distinct article_id), count(*) from keywords") [0][0] == 2


def test_corpus_500_every_record_accounted_for(tmp_path):
    records = corpus_records(500)
    data = write_jsonl(tmp_path / "corpus500.jsonl", records)
    cfg = write_config(tmp_path / "c.yaml", [{"name": "corpus", "kind": "jsonl", "path": str(data)}],
                       batch_size=100)
    wh = tmp_path / "wh"
    summary = run_flow(config=str(cfg), warehouse=str(wh), workers=2)
    assert summary["n_read"] == 500
    published = sql(wh, "select count(*) from articles")[0][0]
    quarantined = sql(wh, "select count(*) from quarantine")[0][0]
    assert published + quarantined == 500
    assert published == summary["n_published"] and published > 400
    # A small run transforms in the flow's process: its CPU is all the driver's.
    assert summary["cpu_seconds"]["driver"] > 0 and summary["cpu_seconds"]["transform_workers"] == 0
    assert sql(wh, "select count(*) - count(distinct article_id) from articles") == [(0,)]
    # Every input id is either published or quarantined, exactly once.
    ids = {r["id"] for r in records}
    seen = [r[0] for r in sql(wh, "select external_id from articles union all "
                                  "select external_id from quarantine")]
    assert sorted(seen) == sorted(ids)
    sources = {r[0] for r in sql(wh, "select distinct source_name from articles")}
    assert {"Al-Riyadh", "Jawhara FM"} <= sources
    from tasks.etl import _HANDOFF

    assert not _HANDOFF  # every batch handed to the flow was taken


def test_drop_handoffs_forgets_only_its_own_runs_batches():
    from tasks.etl import _HANDOFF, drop_handoffs

    _HANDOFF[("run-a", "s", 0)] = _HANDOFF[("run-a", "s", 1)] = object()
    _HANDOFF[("run-b", "s", 0)] = marker = object()
    drop_handoffs("run-a")
    assert dict(_HANDOFF) == {("run-b", "s", 0): marker}
    drop_handoffs("run-b")
    assert not _HANDOFF


def test_table_level_failure_blocks_publish(tmp_path):
    suites = tmp_path / "suites"
    suites.mkdir()
    repo = Path(__file__).resolve().parents[1] / "expectations"
    for name in ("articles", "quotes", "keywords"):
        (suites / f"{name}.json").write_text((repo / f"{name}.json").read_text())
    strict = json.loads((suites / "articles.json").read_text())
    strict["expectations"].append({"type": "expect_table_row_count_to_be_between",
                                   "kwargs": {"max_value": 2}, "meta": {"scope": "table"}})
    (suites / "articles.json").write_text(json.dumps(strict))
    sample = SAMPLE_CONFIG.parent
    cfg = write_config(tmp_path / "c.yaml", [
        {"name": "sample-files", "kind": "files", "path": str(sample / "files")}],
        validation={"suites": str(suites)})
    wh = tmp_path / "wh"
    with pytest.raises(ValidationBlocked, match="row_count"):
        run_flow(config=str(cfg), warehouse=str(wh))
    assert not (wh / "articles").exists()
    assert sql(wh, "select outcome from runs") == [("blocked",)]


def test_row_level_failures_are_quarantined_at_stage_validate(tmp_path):
    text = "أعلنت الحكومة قرارا جديدا."  # passes cleaning; four words fail the suite
    data = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "short", "source": "S", "url": None, "published": "2024-01-02", "title": "ت", "text": text}])
    cfg = write_config(tmp_path / "c.yaml", [{"name": "s", "kind": "jsonl", "path": str(data)}])
    wh = tmp_path / "wh"
    summary = run_flow(config=str(cfg), warehouse=str(wh))
    assert summary["n_published"] == 0
    assert sql(wh, "select stage, reason, external_id from quarantine") == \
        [("validate", "too_few_words", "short")]


def test_second_run_on_a_locked_warehouse_fails_clearly(tmp_path):
    wh = tmp_path / "wh"
    with LocalStorage(wh).lock({"run_id": "other"}), pytest.raises(WarehouseLocked, match="in use"):
        run_flow(config=str(SAMPLE_CONFIG), warehouse=str(wh))
    assert not os.path.exists(wh / "articles")


def test_duplicates_in_one_run_publish_once_and_are_accounted_for(tmp_path):
    text = "قال رئيس الوزراء إن الحكومة ستطلق برنامجا جديدا لدعم الشباب في المحافظات كافة هذا العام."
    rec = {"id": "1", "source": "Dup News", "url": "https://d.example/x", "published": "2024-03-01",
           "title": "خبر", "category": "a", "text": text}
    records = [rec, {**rec, "id": "2", "category": "b"}, {**rec, "id": "3", "text": text + " وأضاف."}]
    data = write_jsonl(tmp_path / "in.jsonl", records)
    cfg = write_config(tmp_path / "c.yaml", [{"name": "d", "kind": "jsonl", "path": str(data)}])
    wh = tmp_path / "wh"
    summary = run_flow(config=str(cfg), warehouse=str(wh))
    assert summary["n_published"] + summary["n_quarantined"] == 3
    assert sql(wh, "select external_id from articles") == [("1",)]
    assert sorted(sql(wh, "select external_id, stage, reason from quarantine")) == [
        ("2", "dedupe", "duplicate_record"), ("3", "dedupe", "duplicate_article_id")]
    # The winner keeps its own quotes only.
    assert sql(wh, "select count(*) from quotes") == sql(wh, "select count(distinct quote_id) from quotes")
