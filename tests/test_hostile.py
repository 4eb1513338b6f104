"""Hostile input: hundreds of generated bad or strange records through the real CLI.

Each case says what must happen to it: published (and how it must look) or quarantined
with a given reason. The run must complete, account for every input, write nothing
outside its warehouse and keep its memory bounded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, cli_env

from akhbar.layout import is_valid_slug
from akhbar.query import connect

AR = ("قال وزير الاقتصاد إن الحكومة ستطلق برنامجا جديدا لدعم الشركات الصغيرة والمتوسطة "
      "في جميع المحافظات خلال العام المقبل، مؤكدا أن الخطة تهدف إلى خلق آلاف الوظائف.")
AR2 = ("أعلنت وزارة الصحة عن حملة وطنية للتلقيح تستهدف الأطفال في المدارس الابتدائية، "
       "وقالت إن الحملة ستستمر ثلاثة أسابيع وتشمل أكثر من مليون تلميذ في كل المناطق.")
FA = "وزیر اقتصاد گفت که دولت برنامه جدیدی برای حمایت از شرکت های کوچک در همه استان ها آغاز می کند"
UR = "وزیر خزانہ نے کہا کہ حکومت چھوٹے کاروباروں کی مدد کے لیے ایک نیا پروگرام شروع کرے گی"
EN = "The economy minister said the government would launch a new programme for small firms."
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200b\u200c\u200d\ufeff"


class Cases:
    """Collects (raw JSONL line, expectation) pairs; ids are unique per case."""

    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.expect: dict[str, str] = {}  # external id → "published" or a quarantine reason

    def add(self, expect: str, record: dict | None = None, raw: bytes | None = None,
            case_id: str | None = None) -> None:
        cid = case_id or f"h{len(self.lines):04d}"
        if raw is None:
            record = {"id": cid, "source": "Hostile Wire", "url": None, "published": "2024-05-01",
                      "title": "عنوان", "category": None, "text": AR, **(record or {})}
            raw = json.dumps(record, ensure_ascii=False).encode()
        self.lines.append(raw)
        self.expect[cid] = expect


def build_cases(big: bool = True) -> Cases:
    c = Cases()
    # Invalid UTF-8 in many shapes.
    junks = [b"\xff", b"\xfe\xfe", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x28\x8c\xbc",
             b"\xed\xa0\x80", b"\xc0\xaf", b"\x80", b"\xf8\x88\x80\x80\x80"]
    for i, junk in enumerate(junks):
        cid = f"utf8-{i}"
        c.add("undecodable", raw=b'{"id": "' + cid.encode() + b'", "text": "' + AR.encode() + junk + b'"}',
              case_id=cid)
    # NUL bytes: escaped inside the text (cleaned away), raw in the line (not JSON).
    for i in range(6):
        c.add("published", {"text": AR[: 20 * i] + "\u0000" * (i + 1) + AR[20 * i:]}, case_id=f"nul-esc-{i}")
    for i in range(4):
        cid = f"nul-raw-{i}"
        raw = b'{"id": "' + cid.encode() + b'", "text": "a\x00b"' + b"\x00" * i
        c.add("invalid_json", raw=raw, case_id=cid)
    # Empty, whitespace-only, invisible-only and HTML-only texts.
    for i, text in enumerate(["", " ", "\t\n\r", "\u00a0\u2003", "\u200b\u200f", BIDI * 10,
                              "<p></p>", "<div><br/></div>&nbsp;", "<script>var x = 1;</script>",
                              "<style>p{color:red}</style><p> </p>"]):
        c.add("empty_text", {"text": text}, case_id=f"empty-{i}")
    # HTML around Arabic text: published, without the markup.
    for i in range(6):
        c.add("published", {"text": f"<div class='x{i}'><p>{AR}</p><br><p>{AR2}</p></div>&amp;"},
              case_id=f"html-{i}")
    # Bidi and zero-width floods inside Arabic text: published, marks removed.
    for i in range(12):
        flood = BIDI * (i + 1)
        c.add("published", {"text": (" " + flood).join(AR.split(" ")), "title": flood + "عنوان" + flood},
              case_id=f"bidi-{i}")
    # Mixed scripts: mostly Arabic is Arabic; mostly English is not.
    for i in range(6):
        c.add("published", {"text": AR + " " + EN[: 10 * (i + 1)]}, case_id=f"mixed-ar-{i}")
    for i in range(6):
        c.add("not_arabic", {"text": (EN + " ") * (i + 2) + "قال"}, case_id=f"mixed-en-{i}")
    # Persian and Urdu: Arabic script, not Arabic.
    for i in range(6):
        c.add("not_arabic", {"text": (FA + " ") * (i + 1)}, case_id=f"fa-{i}")
        c.add("not_arabic", {"text": (UR + " ") * (i + 1)}, case_id=f"ur-{i}")
    # Missing, extra and wrong-typed fields.
    c.add("missing_text", {"text": None}, case_id="no-text")
    for i, bad in enumerate([42, 4.2, True, ["نص"], {"a": "نص"}]):
        c.add("bad_field_type", {"text": bad}, case_id=f"text-type-{i}")
    for i, field in enumerate(["title", "url", "source", "published", "category"]):
        c.add("bad_field_type", {field: {"nested": [1, 2]}}, case_id=f"field-type-{i}")
    for i in range(6):
        c.add("published", {f"extra_{k}": "x" * k for k in range(i * 5)}, case_id=f"extra-{i}")
    c.add("published", {"source": None}, case_id="no-source")
    c.add("published", {"id": 12345 + 0}, case_id="12345")  # numeric id
    # JSON that is not an article object.
    for i, raw in enumerate([b"[1, 2, 3]", b'"a string"', b"42", b"null", b"true"]):
        c.add("not_an_object", raw=raw, case_id=f"not-object-{i}")
    # Broken JSON.
    for i, raw in enumerate([b'{"id": "x"', b"{id: 1}", b"{'id': 'x'}", b'{"id": "x",}',
                             b"[" * 50_000 + b"]" * 50_000, b'{"a": ' * 3000 + b"1" + b"}" * 3000]):
        c.add("invalid_json", raw=raw, case_id=f"broken-{i}")
    # Absurd dates.
    for i, value in enumerate(["0000-01-01", "9999-99-99", "yesterday",
                               "31/02/2024", "2024-13-01", "٣٢ يناير ٢٠٢٤", "@@@@"]):
        c.add("bad_date", {"published": value}, case_id=f"bad-date-{i}")
    for i, value in enumerate(["2999-01-01", "2999-12-31T23:59:59Z", "1850-06-01", "1446-02-27",
                               "0001-01-01T00:00:00",
                               "1066-10-14", "2100-01-01"]):
        c.add("implausible_date", {"published": value}, case_id=f"absurd-date-{i}")
    c.add("published", {"published": "٢٧ صفر ١٤٤٦ هـ"}, case_id="hijri-date")
    for i in range(4):
        c.add("missing_date", {"published": None, "url": f"https://h.example/story-{i}"},
              case_id=f"no-date-{i}")
    # Source names that try to escape the warehouse or break paths.
    for i, name in enumerate(["../../etc", "../../../../tmp/evil", "/etc/passwd", "a/b/c",
                              "nul\u0000byte", "📰🗞️", ".", "..", "   ", "x" * 5000, "CON",
                              "C:\\Windows", "~root", "$(rm -rf /)", "<script>", "سكاي/نيوز",
                              "name\nwith\nnewlines", "\u202eevil"]):
        c.add("published", {"source": name}, case_id=f"source-{i}")
    # Duplicate ids with different content (no URL): the first wins.
    for i in range(6):
        c.add("published", {"id": f"dup-{i}", "text": AR + f" {i}"}, case_id=f"dup-{i}")
        c.add("duplicate_article_id", {"id": f"dup-{i}", "text": AR2 + f" {i}"}, case_id=f"dup-{i}-b")
    # Exact duplicate lines: one is published, the other is quarantined as a duplicate record.
    for i in range(4):
        rec = {"id": f"same-{i}", "source": "Hostile Wire", "url": f"https://h.example/same-{i}",
               "published": "2024-05-02", "title": "ت", "category": None, "text": AR2 + f" ({i})"}
        c.lines.append(json.dumps(rec, ensure_ascii=False).encode())
        c.lines.append(json.dumps({**rec, "id": f"same-{i}-b"}, ensure_ascii=False).encode())
        c.expect[f"same-{i}"] = "published"
        c.expect[f"same-{i}-b"] = "duplicate_record"
    # Very long lines of Arabic words and very long titles.
    for i in range(4):
        c.add("published", {"title": "عنوان " * (500 * (i + 1)), "text": (AR + " ") * (50 * (i + 1))},
              case_id=f"long-{i}")
    # Ordinary good records among the bad ones.
    for i in range(60):
        c.add("published", {"text": (AR if i % 2 else AR2) + f" الخبر رقم {i}.",
                            "url": f"https://h.example/good-{i}", "published": f"2024-05-{1 + i % 28:02d}"},
              case_id=f"good-{i}")
    if big:
        # A 20 MB article: refused for its size, with a capped copy kept for inspection.
        c.add("too_large", {"text": (AR + "\n") * (20_000_000 // len(AR.encode()))}, case_id="huge")
    return c


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, prefect_harness):
    sandbox = tmp_path_factory.mktemp("sandbox")
    cases = build_cases()
    data = sandbox / "input" / "hostile.jsonl"
    data.parent.mkdir()
    data.write_bytes(b"\n".join(cases.lines) + b"\n")
    cfg = sandbox / "input" / "c.yaml"
    cfg.write_text(f"sources:\n  - name: hostile\n    kind: jsonl\n    path: {data}\nbatch_size: 50\n")
    before = {p for p in sandbox.rglob("*")}
    wh = sandbox / "wh"
    env = {**cli_env(), "PREFECT_API_URL": prefect_harness, "HOME": str(sandbox / "home")}
    # Count only the CLI's own tree: reset the children's peak by running it via a helper.
    probe = (
        "import resource, subprocess, sys;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
        "sys.exit(p.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, str(Path(sys.executable).parent / "akhbar"),
                          "run", "-c", str(cfg), "-w", str(wh), "--json"],
                         capture_output=True, text=True, cwd=sandbox, env=env, timeout=900)
    peak_kb = int(out.stderr.strip().splitlines()[-1])
    after = {p for p in sandbox.rglob("*")}
    return cases, wh, out, peak_kb, sandbox, before, after


def test_the_run_completes_and_accounts_for_every_input(hostile_run):
    cases, wh, out, *_ = hostile_run
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(cases.expect) >= 200
    assert summary["n_read"] == len(cases.lines)
    con = connect(str(wh))
    published = {r[0] for r in con.execute("select external_id from articles").fetchall()}
    quarantined = dict(con.execute("select external_id, reason from quarantine "
                                   "where external_id is not null").fetchall())
    assert summary["n_published"] + summary["n_quarantined"] == len(cases.lines)
    got: dict[str, str] = {}
    for cid in cases.expect:
        if cid in published:
            got[cid] = "published"
        else:
            got[cid] = next((r for k, r in quarantined.items() if k == cid), "MISSING")
    # Records whose JSON cannot be read have no id: match them by their byte offset.
    refs = {r[0]: r[1] for r in con.execute("select raw_ref, reason from quarantine").fetchall()}
    offset = 0
    for line, cid in zip(cases.lines, cases.expect, strict=True):
        if got[cid] == "MISSING":
            got[cid] = next((reason for ref, reason in refs.items() if ref.endswith(f"#byte={offset}")),
                            "MISSING")
        offset += len(line) + 1
    wrong = {cid: (cases.expect[cid], got[cid]) for cid in cases.expect if got[cid] != cases.expect[cid]}
    assert not wrong, wrong
    crashed = con.execute("select count(*) from quarantine where reason = 'internal_error'").fetchone()[0]
    assert crashed == 0
    stats = {"cases": len(cases.expect), "published": len(published),
             "quarantined": len(cases.lines) - len(published), "crashed": crashed,
             "peak_rss_mb": round(hostile_run[3] / 1024)}
    print("hostile:", json.dumps(stats))
    (REPO / "benchmarks" / "results").mkdir(parents=True, exist_ok=True)
    (REPO / "benchmarks" / "results" / "hostile.json").write_text(json.dumps(stats, indent=2))


def test_published_hostile_records_are_clean(hostile_run):
    _, wh, *_ = hostile_run
    con = connect(str(wh))
    rows = con.execute("select external_id, title, text, source, source_name from articles").fetchall()
    marks = set(BIDI) | {"\u0000"}
    for ext, title, text, source, _name in rows:
        assert not marks & set(text), ext
        assert not marks & set(title or ""), ext
        assert "<" not in text and "&amp;" not in text, ext
        assert is_valid_slug(source), (ext, source)
    # Long outlet names are kept in full as source_name; only the slug is shortened.
    assert con.execute("select max(length(source_name)) from articles").fetchone()[0] >= 1000


def test_nothing_is_written_outside_the_warehouse(hostile_run):
    _, wh, _, _, _, before, after = hostile_run
    new = {p for p in after - before if not p.is_relative_to(wh)}
    assert not new, sorted(map(str, new))[:10]
    assert not any(p.name in ("evil", "passwd") for p in wh.rglob("*"))


def test_memory_stays_bounded(hostile_run):
    peak_mb = hostile_run[3] / 1024
    # A 20 MB article among hundreds of records: the run stays far below the 1.5 GiB budget.
    assert peak_mb < 1536, peak_mb


def _feed(server, n_items: int) -> str:
    from webserver import Resource

    items = "".join(f"<item><title>خبر {i}</title><link>{server.url(f'/a/{i}')}</link></item>"
                    for i in range(n_items))
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
            f"{items}</channel></rss>")
    return server.add("/big.xml", Resource(body.encode(), content_type="application/rss+xml"))


@pytest.mark.usefixtures("prefect_harness")
def test_a_100k_item_feed_is_bounded(tmp_path):
    import resource

    from webserver import LocalServer, Resource

    from flows.etl import etl

    page = ("<html lang='ar'><head><title>خبر</title>"
            "<meta property='article:published_time' content='2024-05-01'></head><body><article><p>"
            + AR + "</p><p>" + AR2 + "</p></article></body></html>").encode()
    with LocalServer() as srv:
        url = _feed(srv, 100_000)
        for i in range(40):
            srv.add(f"/a/{i}", Resource(page.replace(b"</title>", f" {i}</title>".encode())))
        fast = {"allow_private_network": True, "delay_s": 0, "timeout_s": 2.0, "max_attempts": 1}
        cfg = tmp_path / "c.yaml"
        import yaml

        cfg.write_text(yaml.safe_dump({"sources": [
            {"name": "big", "kind": "rss", "url": url, "max_items": 30, **fast},
            {"name": "capped", "kind": "rss", "url": url, "max_bytes": 1024 * 1024, **fast}]}))
        summary = etl(config=str(cfg), warehouse=str(tmp_path / "wh"))
    assert summary["outcome"] == "success"
    con = connect(str(tmp_path / "wh"))
    # The first source takes the first 30 items of the 100,000; the next run takes more.
    assert con.execute("select count(*) from articles").fetchone() == (30,)
    # The second one refuses the whole 5 MB feed at its 1 MB cap, as a recorded failure.
    assert con.execute("select stage, reason from quarantine").fetchall() == [("fetch", "too_large")]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1536 * 1024
