"""The batch transform on crafted raw records: every bad input lands in quarantine."""

import datetime as dt
import json

import pytest
from conftest import SAMPLE_CONFIG, SEED

from akhbar.config import load_config
from akhbar.formats import Reject, parse
from akhbar.pipeline import BatchContext, transform_records
from akhbar.sources.base import BatchSpec, RawRecord

GOOD_TEXT = ("قال وزير المالية إن الحكومة ستخفض الضرائب على الشركات الصغيرة اعتبارا من العام المقبل، "
             "مؤكدا أن الاقتصاد يتعافى بسرعة.")


def ctx(**kw) -> BatchContext:
    cfg = load_config(SAMPLE_CONFIG)
    base = dict(run_id="test-run", run_date=dt.date(2026, 11, 29),
                started_at=dt.datetime(2026, 11, 29, tzinfo=dt.UTC), pipeline_version="test",
                sources={s.name: s for s in cfg.sources})
    return BatchContext(**{**base, **kw})


def record(data, fmt="json", source="sample-jsonl", **meta) -> RawRecord:
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False).encode()
    return RawRecord(source, fmt, f"test#{len(data)}", data, meta)


def run(records, **kw):
    return transform_records(records, BatchSpec("sample-jsonl", "jsonl", 0), ctx(**kw))


def reasons(result) -> list[str]:
    return result.tables["quarantine"].column("reason").to_pylist()


def good(**over) -> dict:
    return {"id": "g1", "source": "Test Outlet", "url": "https://t.example/a", "published": "2024-07-02",
            "title": "عنوان", "category": "economy", "text": GOOD_TEXT, **over}


def test_seed_parses_title_section_and_date():
    fields = parse("seed-txt", SEED.read_bytes(), {"file_name": SEED.name})
    assert fields.title == "بوتين يطلع ترامب على نتائج لقائه الأسد"
    assert fields.category == "أخبار عربية ودولية"
    assert fields.published == "الثلاثاء، ٢١ نوفمبر ٢٠١٧"
    assert fields.text.lstrip().startswith("أجرى الرئيس الروسي")


def test_good_record_becomes_an_article():
    result = run([record(good())])
    arts = result.tables["articles"].to_pylist()
    assert len(arts) == 1 and not reasons(result)
    art = arts[0]
    assert art["date"] == dt.date(2024, 7, 2) and art["source"] == "test-outlet"
    assert art["source_name"] == "Test Outlet" and art["date_source"] == "record"
    assert art["n_tokens"] == len(art["tokens"]) > 10
    assert art["text_norm"].startswith("قال وزير الماليه")
    quotes = result.tables["quotes"].to_pylist()
    assert quotes and all(art["text"][q["start"]:q["end"]] == q["quote"] for q in quotes)
    assert result.tables["keywords"].num_rows > 0


@pytest.mark.parametrize(("data", "reason"), [
    (good(text="   \n\t "), "empty_text"),
    (good(text="<p>&nbsp;</p> \u200f\u200b"), "empty_text"),
    (good(text="The minister said the government would cut taxes next year for small firms."), "not_arabic"),
    (good(text="این یک خبر فارسی است که در ایران منتشر شد و وزیر گفت که دولت مالیات را کاهش می دهد"),
     "not_arabic"),
    (good(published=None, url="https://t.example/no-date"), "missing_date"),
    (good(published="0000-01-01"), "bad_date"),
    (good(published="2999-05-01"), "implausible_date"),
    (good(published="1850-05-01"), "implausible_date"),
    (good(text=None), "missing_text"),
    (good(text=42), "bad_field_type"),
    (good(title={"a": 1}), "bad_field_type"),
    (b'{"id": "x", "text": "\xff\xfe broken"}', "undecodable"),
    (b'{"id": "x", "text": ', "invalid_json"),
    (b'["a", "list"]', "not_an_object"),
    (b"[" * 100_000, "invalid_json"),
])
def test_bad_inputs_are_quarantined_with_a_reason(data, reason):
    result = run([record(data), record(good())])
    assert reasons(result) == [reason]
    assert result.tables["articles"].num_rows == 1  # the good record next to it survives
    q = result.tables["quarantine"].to_pylist()[0]
    assert q["raw"] and q["stage"] and q["message"] and q["raw_ref"]


def test_read_errors_and_too_large_texts():
    unreadable = RawRecord("sample-files", "seed-txt", "/nope.txt", b"", {}, error=("unreadable", "gone"))
    big = record(good(text=GOOD_TEXT * 5000))
    result = run([unreadable, big], max_text_chars=100_000)
    assert sorted(reasons(result)) == ["too_large", "unreadable"]


def test_date_rules_text_then_url_then_quarantine():
    dated_text = good(published=None, text="الأحد، ١ سبتمبر ٢٠٢٤\n\n" + GOOD_TEXT, url=None, id="t1")
    dated_url = good(published=None, url="https://t.example/2024/08/20/x", id="t2")
    result = run([record(dated_text), record(dated_url)])
    arts = {a["external_id"]: a for a in result.tables["articles"].to_pylist()}
    assert arts["t1"]["date"] == dt.date(2024, 9, 1) and arts["t1"]["date_source"] == "text"
    assert not arts["t1"]["text"].startswith("الأحد")  # the dateline is not body text
    assert arts["t2"]["date"] == dt.date(2024, 8, 20) and arts["t2"]["date_source"] == "url"


def test_window_and_unchanged_inputs_are_counted_not_quarantined():
    result = run([record(good(published="2024-01-01")), record(good(id="g2", url=None))],
                 since=dt.date(2024, 6, 1))
    assert result.counts["out_of_window"] == 1 and result.tables["articles"].num_rows == 1
    assert not reasons(result)


def test_html_page_parses_with_meta_date_and_without_boilerplate():
    page = (SEED.parent / "akhbar-sample-07-water.html").read_bytes()
    result = transform_records([RawRecord("sample-files", "html", "p", page, {"file_name": "p.html"})],
                               BatchSpec("sample-files", "files", 0), ctx())
    art = result.tables["articles"].to_pylist()[0]
    assert art["title"] == "انقطاع المياه عن أحياء العاصمة لمدة يومين"
    assert art["date"] == dt.date(2024, 7, 2) and art["source_name"] == "صحيفة الفجر"
    assert "اقرأ أيضا" not in art["text"] and "شارك هذا الخبر" not in art["text"]
    assert art["url"] == "https://alfajr.example/news/water-cut-capital"


def test_legacy_arabic_encodings_decode(tmp_path):
    text = "<html><body><p>" + GOOD_TEXT + "</p></body></html>"
    for codec in ("windows-1256", "iso-8859-6"):
        from akhbar.formats import decode_html

        data = text.encode(codec, errors="ignore")
        assert GOOD_TEXT[:20] in decode_html(data)


def test_reject_is_an_exception_with_stage_and_reason():
    rej = Reject("parse", "missing_date", "no date")
    assert (rej.stage, rej.reason) == ("parse", "missing_date")


def test_a_pooled_batch_reports_the_cpu_its_worker_spent(tmp_path):
    import os
    import time

    from akhbar.config import SourceConfig
    from akhbar.run import transform_spec

    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps(good(id=f"g{i}", url=f"https://t.example/{i}"),
                                         ensure_ascii=False) for i in range(40)) + "\n")
    source = SourceConfig(name="cpu", kind="jsonl", path=str(data))
    spec = BatchSpec("cpu", "jsonl", 0, {"path": str(data), "start": 0, "end": data.stat().st_size})
    t = time.perf_counter()
    result = transform_spec(spec, ctx(sources={"cpu": source}), inline=False, workers=1)
    wall = time.perf_counter() - t
    assert result.counts["processed"] == 40
    assert not result.worker.endswith(f":{os.getpid()}")  # it ran in the pool
    # The worker's CPU for the whole batch: more than nothing, at most the wall time of the
    # call that waited for it (the worker runs one thread).
    assert 0 < result.seconds["cpu"] <= wall
