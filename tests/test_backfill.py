"""Backfill: per-day publish, a failing day does not stop the others, and a rerun resumes."""

from __future__ import annotations

import subprocess

import pytest
from conftest import write_config, write_jsonl

from akhbar.query import connect

pytestmark = pytest.mark.usefixtures("prefect_harness")

TEXT = "قال المتحدث باسم الوزارة إن فرق الصيانة ستعمل طوال الأسبوع لإصلاح شبكة المياه في الأحياء الشرقية."


def records() -> list[dict]:
    out = []
    for day in range(1, 6):
        for source in ("Alpha", "Beta"):
            out.append({"id": f"{source}-{day}", "source": source, "url": f"https://{source}.example/{day}",
                        "published": f"2024-03-{day:02d}", "title": f"خبر {day}", "category": None,
                        "text": f"{TEXT} ({source} {day})"})
    return out


def test_backfill_isolates_a_failing_day_and_resumes(tmp_path):
    from flows.backfill import backfill

    data = write_jsonl(tmp_path / "in.jsonl", records())
    cfg = write_config(tmp_path / "c.yaml", [{"name": "wire", "kind": "jsonl", "path": str(data)}])
    wh = tmp_path / "wh"
    # Inject a failure: Alpha's partition of day 3 is a folder nobody may write into.
    part = wh / "articles" / "date=2024-03-03" / "source=alpha"
    part.mkdir(parents=True)
    if subprocess.run(["chattr", "+i", str(part)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here: cannot inject a write failure for root")
    try:
        summary = backfill(since="2024-03-01", until="2024-03-05", config=str(cfg), warehouse=str(wh))
    finally:
        subprocess.run(["chattr", "-i", str(part)], check=False)
    status = {d["date"]: d["status"] for d in summary["days"]}
    assert status == {"2024-03-01": "published", "2024-03-02": "published", "2024-03-03": "failed",
                      "2024-03-04": "published", "2024-03-05": "published"}
    assert summary["outcome"] == "partial" and "2024-03-03" in summary["error"]
    con = connect(str(wh))
    assert con.execute("select count(*) from articles where date <> DATE '2024-03-03'").fetchone() == (8,)
    # Resume: only the failed day is redone; the others are unchanged and skipped.
    again = backfill(since="2024-03-01", until="2024-03-05", config=str(cfg), warehouse=str(wh))
    status = {d["date"]: d["status"] for d in again["days"]}
    assert status["2024-03-03"] == "published"
    assert [status[d] for d in ("2024-03-01", "2024-03-02", "2024-03-04", "2024-03-05")] == ["unchanged"] * 4
    assert again["outcome"] == "success"
    rows = connect(str(wh)).execute(
        "select date, count(*), count(distinct article_id) from articles group by 1 order by 1").fetchall()
    assert [r[1:] for r in rows] == [(2, 2)] * 5


def test_backfill_one_source(tmp_path):
    from flows.backfill import backfill

    alpha = write_jsonl(tmp_path / "a.jsonl", [r for r in records() if r["source"] == "Alpha"])
    beta = write_jsonl(tmp_path / "b.jsonl", [r for r in records() if r["source"] == "Beta"])
    cfg = write_config(tmp_path / "c.yaml", [{"name": "alpha", "kind": "jsonl", "path": str(alpha)},
                                             {"name": "beta", "kind": "jsonl", "path": str(beta)}])
    wh = tmp_path / "wh"
    summary = backfill(since="2024-03-02", until="2024-03-03", config=str(cfg), warehouse=str(wh),
                       source="beta")
    assert summary["n_out_of_window"] == 3
    assert connect(str(wh)).execute("select source, count(*) from articles group by 1").fetchall() == [
        ("beta", 2)]
