"""Web source readers driven directly (plan → read → commit, as a run calls them) against
a real local server: fetch state, retries across runs, failed runs, replay, raw zone,
options. The flow-level tests are in test_web_flow.py."""

from __future__ import annotations

import datetime as dt
import gzip
import os

import pytest
from webserver import LocalServer, Resource, always, fail_then

from akhbar.config import SourceConfig
from akhbar.errors import ConfigError
from akhbar.fetch import clear_robots_cache
from akhbar.layout import raw_payload_path
from akhbar.rawzone import RawZone, RawZoneError
from akhbar.sources import available_kinds, reader_for
from akhbar.sources.base import ReaderEnv
from akhbar.sources.webstate import FetchState
from akhbar.storage import LocalStorage

FAST = {"allow_private_network": True, "delay_s": 0, "timeout_s": 1.0, "max_total_s": 2.0,
        "backoff_s": 0.02, "backoff_max_s": 0.05, "max_attempts": 2}


SENTENCE = "قالت الحكومة إن المشروع الجديد سيبدأ قريبا في المدينة. "


def page(n: int) -> bytes:
    return (f"<html lang='ar'><head><title>الخبر رقم {n}</title>"
            f"<meta property='article:published_time' content='2024-05-0{n}T10:00:00+03:00'></head><body>"
            f"<article><h1>الخبر رقم {n}</h1><p>{SENTENCE * 8}</p></article></body></html>").encode()


def feed(srv: LocalServer, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>الخبر {p}</title><link>{srv.url(p)}</link>"
                    "<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>" for p in paths)
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{items}</channel></rss>".encode()


def make_reader(wh, run: str, reprocess: bool = False, **source):
    cfg = SourceConfig(name=source.pop("name", "web-test"), **source)
    return reader_for(cfg, ReaderEnv(warehouse=str(wh), run_id=run, reprocess=reprocess,
                                     run_date=dt.date.today().isoformat()))


def run_once(wh, run: str, commit: bool = True, **source):
    """plan → read → (commit): what one akhbar run does with a reader."""
    reader = make_reader(wh, run, **source)
    specs = reader.plan(100)
    records = [rec for spec in specs for rec in make_reader(wh, run, **source).read(spec)]
    if commit:
        reader.commit()
    return specs, records


@pytest.fixture()
def srv():
    clear_robots_cache()
    with LocalServer() as server:
        yield server
    clear_robots_cache()


def test_kinds_are_registered_and_options_checked(tmp_path):
    assert {"rss", "sitemap", "urls"} <= set(available_kinds())
    with pytest.raises(ConfigError, match="url"):
        reader_for(SourceConfig(name="x", kind="rss"))
    with pytest.raises(ConfigError, match="only http and https"):
        reader_for(SourceConfig(name="x", kind="rss", url="file:///etc/passwd"))
    with pytest.raises(ConfigError, match="not an IP network"):
        reader_for(SourceConfig(name="x", kind="urls", urls=["http://a.example/"],
                                allow_private_network=["not-a-net"]))
    with pytest.raises(ConfigError, match="urls"):
        reader_for(SourceConfig(name="x", kind="urls"))
    with pytest.raises(ConfigError, match="typo_option: Extra inputs"):
        reader_for(SourceConfig(name="x", kind="urls", urls=["http://a.example/"], typo_option=1))
    # Readers do no IO until planned; planning needs a warehouse for state and raw zone.
    reader = reader_for(SourceConfig(name="x", kind="urls", urls=["http://a.example/"]))
    with pytest.raises(ConfigError, match="warehouse"):
        reader.plan(10)


def test_rss_records_state_and_the_next_run_is_conditional(srv, tmp_path):
    for i in (1, 2):
        srv.add(f"/a/{i}", Resource(page(i)))
    srv.add("/feed.xml", Resource(feed(srv, ["/a/1", "/a/2"]), content_type="application/rss+xml"))
    wh = tmp_path / "wh"
    src = {"kind": "rss", "url": srv.url("/feed.xml"), **FAST}
    specs, records = run_once(wh, "run-1", **src)
    assert [r.ref for r in records] == [srv.url("/a/1"), srv.url("/a/2")]
    rec = records[0]
    assert rec.format == "html" and rec.error is None and rec.data == page(1)
    assert rec.meta["url"] == srv.url("/a/1") and rec.meta["charset"] == "utf-8"
    assert rec.meta["hints"]["title"] == "الخبر /a/1"
    fetch = rec.meta["fetch"]
    assert fetch["status"] == 200 and fetch["source"] == "web-test"
    assert fetch["date"] == dt.datetime.now(dt.UTC).date()
    assert fetch["raw_path"] == raw_payload_path(fetch["date"], "web-test", fetch["sha256"], "html")
    assert gzip.decompress((wh / fetch["raw_path"]).read_bytes()) == page(1)
    state = FetchState.load(LocalStorage(wh), "web-test")
    assert {r["kind"] for r in state.rows.values()} == {"article", "document"}
    assert [r["url"] for r in state.articles()] == [srv.url("/a/1"), srv.url("/a/2")]
    assert not (wh / "_state/fetch/web-test/pending").exists() or not os.listdir(
        wh / "_state/fetch/web-test/pending")
    # Next run: the feed answers 304, so there is nothing to plan and no page is requested.
    srv.reset_log()
    specs, records = run_once(wh, "run-2", **src)
    assert specs == [] and records == []
    assert [(h.path, h.status, h.conditional) for h in srv.hits if h.path != "/robots.txt"] == \
        [("/feed.xml", 304, True)]


def test_a_failed_run_loses_nothing(srv, tmp_path):
    srv.add("/a/1", Resource(page(1)))
    srv.add("/feed.xml", Resource(feed(srv, ["/a/1"]), content_type="application/rss+xml"))
    wh = tmp_path / "wh"
    src = {"kind": "rss", "url": srv.url("/feed.xml"), **FAST}
    _, first = run_once(wh, "run-crashed", commit=False, **src)  # the publish never happened
    assert len(first) == 1 and (wh / "_state/fetch/web-test/pending/run-crashed").is_dir()
    _, again = run_once(wh, "run-2", **src)
    assert [r.ref for r in again] == [srv.url("/a/1")]  # still new: planned and read again
    assert not (wh / "_state/fetch/web-test/pending/run-crashed").exists()  # stale fragments gone


def test_transient_failures_are_retried_on_later_runs_even_when_no_longer_listed(srv, tmp_path):
    srv.add("/a/1", Resource(page(1)))
    srv.add("/a/2", fail_then(Resource(page(2)), 503, failures=2))  # two runs × 1 attempt fail
    srv.add("/a/3", always(404))
    srv.add("/feed.xml", Resource(feed(srv, ["/a/1", "/a/2", "/a/3"]), content_type="application/rss+xml"))
    wh = tmp_path / "wh"
    src = {"kind": "rss", "url": srv.url("/feed.xml"), **{**FAST, "max_attempts": 1}}
    _, first = run_once(wh, "run-1", **src)
    assert [(r.ref.rsplit("/", 2)[-2:], r.error and r.error[0], r.error_stage) for r in first] == [
        (["a", "1"], None, "read"), (["a", "2"], "http_503", "fetch"), (["a", "3"], "http_404", "fetch")]
    assert first[1].meta["fetch"]["error"] == "http_503" and first[1].data == b""
    srv.reset_log()
    _, second = run_once(wh, "run-2", **src)  # the feed is a 304 now
    assert [r.ref for r in second] == [srv.url("/a/2")] and second[0].error[0] == "http_503"
    _, third = run_once(wh, "run-3", **src)
    assert [r.ref for r in third] == [srv.url("/a/2")] and third[0].error is None
    _, fourth = run_once(wh, "run-4", **src)
    assert fourth == []
    assert [h.path for h in srv.hits if h.path.startswith("/a/")] == ["/a/2", "/a/2"]  # never /a/3


def test_retries_stop_after_retry_failed_runs(srv, tmp_path):
    srv.add("/down", always(500))
    wh = tmp_path / "wh"
    src = {"kind": "urls", "urls": [srv.url("/down")], "retry_failed": 1, **{**FAST, "max_attempts": 1}}
    counts = [len(run_once(wh, f"run-{i}", **src)[1]) for i in range(4)]
    assert counts == [1, 1, 0, 0]  # the first failure and one retry


def test_urls_from_a_file_max_items_and_revalidation(srv, tmp_path):
    for i in (1, 2, 3):
        srv.add(f"/p/{i}", Resource(page(i)))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# three pages\n{srv.url('/p/1')}\n\n{srv.url('/p/2')}\n{srv.url('/p/3')}\n"
                       f"{srv.url('/p/1')}?utm_source=x\n", encoding="utf-8")
    wh = tmp_path / "wh"
    src = {"kind": "urls", "path": str(listing), "max_items": 2, **FAST}
    assert [r.ref for r in run_once(wh, "r1", **src)[1]] == [srv.url("/p/1"), srv.url("/p/2")]
    assert [r.ref for r in run_once(wh, "r2", **src)[1]] == [srv.url("/p/3")]  # the rest waited
    assert run_once(wh, "r3", **src)[1] == []  # tracking-parameter variant = same URL
    srv.reset_log()
    revalidated = run_once(wh, "r4", **{**src, "max_items": None, "revalidate": True})[1]
    # Every page is asked conditionally; a 304 replays the kept payload (the pipeline then
    # counts it unchanged) with a fetch row that says 304.
    assert [h.status for h in srv.hits if h.path.startswith("/p/")] == [304, 304, 304]
    assert all(h.conditional for h in srv.hits if h.path.startswith("/p/"))
    assert [r.data for r in revalidated] == [page(1), page(2), page(3)]
    assert {r.meta["fetch"]["status"] for r in revalidated} == {304}


def test_replay_reads_the_raw_zone_only(srv, tmp_path):
    srv.add("/a/1", Resource(page(1)))
    srv.add("/a/2", always(404))
    srv.add("/feed.xml", Resource(feed(srv, ["/a/1", "/a/2"]), content_type="application/rss+xml"))
    wh = tmp_path / "wh"
    src = {"kind": "rss", "url": srv.url("/feed.xml"), **FAST}
    _, live = run_once(wh, "run-1", **src)
    srv.reset_log()
    reader = make_reader(wh, "replay-1", reprocess=True, **src)
    replayed = [r for spec in reader.plan(100) for r in reader.read(spec)]
    reader.commit()
    assert srv.hits == []
    assert [(r.ref, r.data, r.error, r.meta.get("fetch")) for r in replayed] == \
        [(r.ref, r.data, r.error, r.meta.get("fetch")) for r in live]
    # Without the fetch state, the raw zone's fetch records are enough for the pages.
    (wh / "_state/fetch/web-test/state.parquet").unlink()
    reader = make_reader(wh, "replay-2", reprocess=True, **src)
    from_zone = [r for spec in reader.plan(100) for r in reader.read(spec)]
    assert [(r.ref, r.data) for r in from_zone] == [(live[0].ref, live[0].data)]
    assert from_zone[0].meta["fetch"]["fetch_id"] == live[0].meta["fetch"]["fetch_id"]
    # A payload that went missing is reported, not skipped silently.
    (wh / live[0].meta["fetch"]["raw_path"]).unlink()
    reader = make_reader(wh, "replay-3", reprocess=True, **src)
    missing = [r for spec in reader.plan(100) for r in reader.read(spec)]
    assert [r.error[0] for r in missing] == ["raw_missing"]


def test_raw_zone_is_content_addressed_immutable_and_checked(tmp_path):
    zone = RawZone(LocalStorage(tmp_path), "src")
    day = dt.date(2024, 5, 1)
    sha, rel = zone.put(b"<html>x</html>", date=day, ext="html")
    assert rel == f"raw/date=2024-05-01/source=src/{sha}.html.gz"
    first = (tmp_path / rel).stat().st_mtime_ns
    assert zone.put(b"<html>x</html>", date=day, ext="html") == (sha, rel)
    assert (tmp_path / rel).stat().st_mtime_ns == first  # written once, never rewritten
    assert (tmp_path / rel).read_bytes() == gzip.compress(b"<html>x</html>", compresslevel=6, mtime=0)
    assert zone.get(rel, sha) == b"<html>x</html>"
    (tmp_path / rel).write_bytes(gzip.compress(b"tampered"))
    with pytest.raises(RawZoneError, match="does not match"):
        zone.get(rel, sha)
    with pytest.raises(RawZoneError, match="not a raw-zone path"):
        zone.get("articles/x.parquet")


def test_raw_payload_path_validates_its_parts():
    sha = "a" * 64
    assert raw_payload_path(dt.date(2024, 1, 2), "al-riyadh", sha, "fetch.json") == \
        f"raw/date=2024-01-02/source=al-riyadh/{sha}.fetch.json.gz"
    for args in ((dt.date(2024, 1, 2), "../x", sha, "html"), (dt.date(2024, 1, 2), "ok", "A" * 64, "html"),
                 (dt.date(2024, 1, 2), "ok", sha, "../../x"), (dt.date(2024, 1, 2), "ok", sha[:-1], "html"),
                 (dt.date(2024, 1, 2), "ok", sha, "")):
        with pytest.raises(ValueError):
            raw_payload_path(*args)
    with pytest.raises(TypeError):
        raw_payload_path("2024-01-02", "ok", sha, "html")


def test_children_of_an_unchanged_sitemap_index_are_still_checked(srv, tmp_path):
    """News sites keep a static index while the child news sitemap changes every few minutes."""
    def urlset(paths: list[str]) -> bytes:
        rows = "".join(f"<url><loc>{srv.url(p)}</loc></url>" for p in paths)
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()

    for i in (1, 2):
        srv.add(f"/a/{i}", Resource(page(i)))
    srv.add("/index.xml", Resource(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   f'<sitemap><loc>{srv.url("/news.xml")}</loc></sitemap>'
                                   "</sitemapindex>".encode(), content_type="application/xml"))
    srv.add("/news.xml", Resource(urlset(["/a/1"]), content_type="application/xml"))
    wh = tmp_path / "wh"
    src = {"kind": "sitemap", "url": srv.url("/index.xml"), **FAST}
    assert [r.ref for r in run_once(wh, "r1", **src)[1]] == [srv.url("/a/1")]
    srv.add("/news.xml", Resource(urlset(["/a/1", "/a/2"]), content_type="application/xml"))
    srv.reset_log()
    assert [r.ref for r in run_once(wh, "r2", **src)[1]] == [srv.url("/a/2")]
    assert [(h.path, h.status, h.conditional) for h in srv.hits if h.path != "/robots.txt"] == [
        ("/index.xml", 304, True), ("/news.xml", 200, True), ("/a/2", 200, False)]
