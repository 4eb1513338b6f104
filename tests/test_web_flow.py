"""Web sources end to end: the real flow under Prefect's harness against a real local HTTP
server serving the saved Arabic pages of ../shared/html, feeds and sitemaps generated from
them, and fault endpoints. DuckDB reads the output.

Acceptance (issue #3): an ``rss`` source publishes ≥ 10 of the 11 Arabic pages with correct
titles and text; the second run is incremental (only conditional requests, no new rows);
every fault ends in a recorded fetch failure or a success after retry; ``--reprocess``
with the network off rebuilds identical tables.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import pytest
from conftest import shared_path, write_config
from webserver import (
    LocalServer,
    Resource,
    always,
    drip,
    fail_then,
    gzip_bomb,
    oversized,
    redirect_to,
    reset_connection,
    stall,
    truncated,
)

from akhbar.evaluation.extraction import token_prf
from akhbar.fetch import clear_robots_cache
from akhbar.query import connect

pytestmark = pytest.mark.usefixtures("prefect_harness")

TABLES = ("articles", "quotes", "keywords", "quarantine", "fetches")
# Columns that say which run wrote a row or when; everything else must be rebuilt identically.
RUN_COLUMNS = {"run_id", "ingested_at", "quarantined_at"}
FAST = {"allow_private_network": True, "delay_s": 0, "timeout_s": 1.0, "max_total_s": 3.0,
        "backoff_s": 0.05, "backoff_max_s": 0.2, "max_attempts": 3, "max_concurrency": 8,
        "max_bytes": 2 * 1024 * 1024, "max_decompressed_bytes": 4 * 1024 * 1024}


def run_flow(**kw):
    from flows.etl import etl

    return etl(**kw)


def sql(wh: Path, query: str) -> list[tuple]:
    return connect(str(wh)).execute(query).fetchall()


def snapshot(wh: Path) -> dict[str, list[tuple]]:
    con = connect(str(wh))
    out = {}
    for table in TABLES:
        cols = [c[0] for c in con.execute(f"describe {table}").fetchall() if c[0] not in RUN_COLUMNS]
        rows = con.execute(f"select {', '.join(chr(34) + c + chr(34) for c in cols)} from {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


# --- the pages ---------------------------------------------------------------------------


def arabic_pages() -> list[dict]:
    """The 11 Arabic article pages with their original URL path and any gold."""
    html = shared_path("html")
    manifest = json.loads((html / "manifest.json").read_text(encoding="utf-8"))
    mediacloud = json.loads((html / "htmldate" / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    gold_dates = {v["file"]: (url, v["date"]) for url, v in mediacloud.items()}
    pages = []
    for item in manifest["items"]:
        if item.get("kind") != "article_html" or item.get("language") != "ar":
            continue
        raw = (html.parent / item["path"]).read_bytes()
        page = {"file": item["path"], "url": item.get("url"), "gold_title": None, "gold_text": None,
                "date": None, "data": gzip.decompress(raw) if item["path"].endswith(".gz") else raw}
        name = Path(item["path"]).name
        if name in gold_dates:
            page["url"], page["date"] = gold_dates[name]
        if "fundus/" in item["path"]:
            gold = json.loads((html / "fundus" / "lb" / "LBCGroup.json").read_text(encoding="utf-8"))["V1"]
            page["gold_title"] = gold["title"]
            page["gold_text"] = "\n".join(p for s in gold["body"]["sections"] for p in s["paragraphs"])
            page["date"] = gold["publishing_date"][:10]
        elif "newspaper4k/" in item["path"]:
            page["gold_title"] = json.loads((html / "newspaper4k" / "arabic_article.json")
                                            .read_text(encoding="utf-8"))["title"]
            page["gold_text"] = (html / "newspaper4k" / "arabic_article.txt").read_text(encoding="utf-8")
            page["date"] = "2013-08-03"  # the feed's date for it: the date in its URL (README)
        elif "trafilatura/" in item["path"]:
            entry = next(iter(json.loads((html / "trafilatura" / "evaldata.assabah.com.tn.json")
                                         .read_text(encoding="utf-8")).values()))
            page["gold_title"], page["with"] = entry["title"], entry["with"]
        parts = urlsplit(page["url"])
        page["path"] = parts.path + (f"?{parts.query}" if parts.query else "")
        page["title_tag"] = _title_text(page["data"])
        pages.append(page)
    assert len(pages) == 11
    return pages


def _title_text(data: bytes) -> str:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(data.decode("utf-8", "replace"))
    og = tree.xpath("//meta[@property='og:title']/@content")
    return " ".join(((og[0] if og else "") + " " + (tree.findtext(".//title") or "")).split())


def rss(items: list[dict], base: str) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
           f"<title>أخبار الاختبار</title><link>{escape(base)}</link><language>ar</language>"]
    for it in items:
        out.append(f"<item><title>{escape(it['title'])}</title><link>{escape(it['url'])}</link>"
                   f"<guid isPermaLink=\"true\">{escape(it['url'])}</guid>")
        if it.get("date"):
            day = dt.datetime.fromisoformat(it["date"]).replace(hour=12, tzinfo=dt.UTC)
            out.append(f"<pubDate>{email.utils.format_datetime(day)}</pubDate>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def sitemap(entries: list[tuple[str, str]]) -> bytes:
    rows = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{m}</lastmod></url>" for u, m in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>').encode()


def serve_pages(srv: LocalServer, pages: list[dict]) -> None:
    srv.add("/robots.txt", Resource(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    for page in pages:
        # LBCI is stored gzipped: sent with Content-Encoding: gzip, as its README suggests.
        srv.add(urlsplit(page["path"]).path, Resource(page["data"], gzip="fundus/" in page["file"]))


# --- rss: first run, incremental second run, reprocess ---------------------------------


@pytest.fixture(scope="module")
def site():
    clear_robots_cache()
    pages = arabic_pages()
    with LocalServer() as srv:
        serve_pages(srv, pages)
        items = [{"url": srv.url(p["path"]), "title": p["title_tag"], "date": p["date"]} for p in pages]
        srv.add("/feeds/arabic.xml", Resource(rss(items, srv.url("/")),
                                              content_type="application/rss+xml; charset=utf-8"))
        yield srv, pages
    clear_robots_cache()


@pytest.fixture(scope="module")
def rss_runs(site, tmp_path_factory):
    srv, pages = site
    wh = tmp_path_factory.mktemp("web-wh")
    cfg = write_config(tmp_path_factory.mktemp("web-cfg") / "c.yaml", [
        {"name": "arabic-feed", "kind": "rss", "url": srv.url("/feeds/arabic.xml"), **FAST}])
    srv.reset_log()
    first = run_flow(config=str(cfg), warehouse=str(wh))
    first_hits = list(srv.hits)
    after_first = snapshot(wh)
    srv.reset_log()
    second = run_flow(config=str(cfg), warehouse=str(wh))
    second_hits = list(srv.hits)
    return {"wh": wh, "cfg": cfg, "first": first, "second": second, "first_hits": first_hits,
            "second_hits": second_hits, "after_first": after_first, "pages": pages, "srv": srv}


def test_rss_publishes_the_arabic_pages_with_titles_and_text(rss_runs):
    wh, first, pages, srv = rss_runs["wh"], rss_runs["first"], rss_runs["pages"], rss_runs["srv"]
    assert first["outcome"] == "success"
    assert first["n_published"] >= 10, first
    rows = {r[0]: r[1:] for r in sql(wh, "select url, title, text, arabic_ratio, date, date_source "
                                         "from articles")}
    assert len(rows) == first["n_published"]
    by_url = {srv.url(p["path"]): p for p in pages}
    assert set(rows) <= set(by_url)
    for url, (title, text, arabic_ratio, date, date_source) in rows.items():
        page = by_url[url]
        norm = " ".join(title.split())
        if page["gold_title"]:
            assert norm == " ".join(page["gold_title"].split()), url
        else:  # the page's own title (og:title or <title>) minus any site-name decoration
            assert len(norm) >= 15 and norm in page["title_tag"], (norm, page["title_tag"])
        if page["gold_text"]:
            assert token_prf(text, page["gold_text"])[2] >= 0.85, url
        if page.get("with"):
            assert all(snippet in text for snippet in page["with"])
        assert arabic_ratio >= 0.8 and len(text) >= 300, url
        if page["date"] and "newspaper4k/" not in page["file"]:
            assert date.isoformat() == page["date"], (url, date, date_source)
    # One fetch row per page, each pointing at its payload in the raw zone.
    fetched = sql(wh, "select url, status, sha256, raw_path, attempts, error from fetches")
    assert len(fetched) == 11 and all(r[1] == 200 and r[5] is None and r[4] == 1 for r in fetched), \
        sql(wh, "select url, status, attempts, elapsed_ms, error from fetches where attempts <> 1")
    for _, _, sha, raw_path, _, _ in fetched:
        assert raw_path.startswith("raw/date=") and f"/source=arabic-feed/{sha}.html.gz" in raw_path
        assert hashlib.sha256(gzip.decompress((wh / raw_path).read_bytes())).hexdigest() == sha
    feeds = list((wh / "raw").glob("date=*/source=arabic-feed/*.xml.gz"))
    assert len(feeds) == 1  # the feed document itself is kept too
    assert sum(1 for h in rss_runs["first_hits"] if h.path.startswith("/feeds/")) == 1


def test_second_run_is_incremental_with_conditional_requests_only(rss_runs):
    second, wh = rss_runs["second"], rss_runs["wh"]
    assert second["outcome"] == "success"
    assert second["n_read"] == 0 and second["n_published"] == 0 and second["rows"] == {}
    hits = [h for h in rss_runs["second_hits"] if h.path != "/robots.txt"]
    assert [h.path for h in hits] == ["/feeds/arabic.xml"]  # no page was requested again
    assert all(h.conditional and h.status == 304 for h in hits)
    assert snapshot(wh) == rss_runs["after_first"]
    state = sql(wh, f"select count(*), count(good.etag) from '{wh}/_state/fetch/arabic-feed/state.parquet' "
                    "where kind = 'article'")
    assert state == [(11, 11)]


def test_reprocess_rebuilds_identical_tables_without_network(rss_runs):
    wh, cfg, srv = rss_runs["wh"], rss_runs["cfg"], rss_runs["srv"]
    before = snapshot(wh)
    srv.reset_log()
    again = run_flow(config=str(cfg), warehouse=str(wh), reprocess=True)
    assert again["outcome"] == "success" and again["n_read"] == 11
    assert srv.hits == []  # not a single request
    assert snapshot(wh) == before
    # From the raw zone alone into empty tables, with the server gone.
    srv.stop()
    for table in TABLES:
        shutil.rmtree(wh / table, ignore_errors=True)
    rebuilt = run_flow(config=str(cfg), warehouse=str(wh), reprocess=True)
    assert rebuilt["outcome"] == "success" and rebuilt["n_published"] == before_count(before)
    assert snapshot(wh) == before


def before_count(snap: dict[str, list[tuple]]) -> int:
    return len(snap["articles"])


# --- faults ------------------------------------------------------------------------------

# path → expected outcome: a quarantine reason (stage fetch) or "published".
FAULTS = {
    "/fault/slow": "timeout",
    "/fault/stall": "timeout",
    "/fault/flaky": "published",  # 500, then 200
    "/fault/ratelimited": "published",  # 429 + Retry-After: 1, then 200
    "/fault/reset": "network_error",
    "/fault/truncated": "truncated_body",
    "/fault/oversized": "too_large",
    "/fault/oversized-stream": "too_large",
    "/fault/bomb": "decompression_bomb",
    "/fault/loop": "redirect_loop",
    "/fault/to-metadata": "blocked_address",
    "/fault/wrong-charset": "published",  # UTF-8 Arabic labelled iso-8859-1
    "/fault/legacy": "published",  # windows-1256 Arabic, no charset declared anywhere
    "/private/page": "robots_disallowed",
    "/fault/missing": "http_404",
    "/fault/pdf": "not_html",
}


def _strip_charset(html: bytes) -> bytes:
    import re

    return re.sub(rb"<meta[^>]+charset[^>]*>", b"", html, flags=re.I)


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    clear_robots_cache()
    pages = {Path(p["file"]).name: p for p in arabic_pages()}
    youm7, alyaum = pages["1691196862.html"], pages["1784190729.html"]
    albayan, sputnik = pages["1623715966.html"], pages["1550981615.html"]
    with LocalServer() as srv:
        srv.add("/robots.txt", Resource(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        srv.add("/private/page", Resource(youm7["data"]))
        srv.add("/fault/slow", drip())
        srv.add("/fault/stall", stall(4.0))
        srv.add("/fault/flaky", fail_then(Resource(youm7["data"]), 500))
        srv.add("/fault/ratelimited", fail_then(Resource(alyaum["data"]), 429, headers={"Retry-After": "1"}))
        srv.add("/fault/reset", reset_connection())
        srv.add("/fault/truncated", truncated())
        srv.add("/fault/oversized", oversized(declared=True))
        srv.add("/fault/oversized-stream", oversized(declared=False))
        srv.add("/fault/bomb", gzip_bomb())
        srv.add("/fault/loop", redirect_to("/fault/loop-2"))
        srv.add("/fault/loop-2", redirect_to("/fault/loop"))
        srv.add("/fault/to-metadata", redirect_to("http://169.254.169.254/latest/meta-data/"))
        srv.add("/fault/to-private", redirect_to("http://10.20.30.40/page"))
        srv.add("/fault/wrong-charset", Resource(_strip_charset(albayan["data"]),
                                                 content_type="text/html; charset=iso-8859-1"))
        legacy = _strip_charset(sputnik["data"]).decode("utf-8").encode("cp1256", "xmlcharrefreplace")
        srv.add("/fault/legacy", Resource(legacy, content_type="text/html"))
        srv.add("/fault/missing", always(404))
        srv.add("/fault/pdf", Resource(b"%PDF-1.4 ...", content_type="application/pdf"))
        srv.add("/feeds/broken.xml", always(500))
        srv.add("/feeds/laughs.xml", Resource(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<rss><channel><item><link>&b;</link></item></channel></rss>", content_type="application/xml"))
        wh = tmp_path_factory.mktemp("fault-wh")
        cfg = write_config(tmp_path_factory.mktemp("fault-cfg") / "c.yaml", [
            {"name": "faults", "kind": "urls", "urls": [srv.url(p) for p in FAULTS],
             **{**FAST, "max_total_s": 2.5}},
            {"name": "allow-list", "kind": "urls", "urls": [srv.url("/fault/to-private")],
             **{**FAST, "allow_private_network": ["127.0.0.1/32"]}},
            {"name": "broken-feed", "kind": "rss", "url": srv.url("/feeds/broken.xml"), **FAST},
            {"name": "laughs-feed", "kind": "rss", "url": srv.url("/feeds/laughs.xml"), **FAST},
        ])
        summary = run_flow(config=str(cfg), warehouse=str(wh))
        yield srv, wh, summary, pages
    clear_robots_cache()


def test_every_fault_ends_recorded_or_succeeds_after_retry(fault_run):
    srv, wh, summary, _ = fault_run
    assert summary["outcome"] == "success"
    published = {r[0] for r in sql(wh, "select url from articles")}
    failed = {r[0]: r[1:] for r in sql(wh, "select raw_ref, stage, reason, message from quarantine "
                                           "where source_config = 'faults'")}
    fetches = {r[0]: r[1:] for r in sql(wh, "select url, status, error, attempts from fetches "
                                            "where source_config = 'faults'")}
    for path, expected in FAULTS.items():
        url = srv.url(path)
        assert url in fetches, path  # every URL has its fetch row
        if expected == "published":
            assert url in published and fetches[url][1] is None, (path, failed.get(url))
        else:
            assert failed.get(url, (None, None))[:2] == ("fetch", expected), (path, failed.get(url))
            assert fetches[url][1] == expected, path
    assert fetches[srv.url("/fault/flaky")][2] == 2 and fetches[srv.url("/fault/ratelimited")][2] == 2
    # Feeds that fail are recorded the same way, and never stop the other sources.
    reasons = dict(sql(wh, "select source_config, reason from quarantine where stage = 'fetch' "
                           "and source_config <> 'faults'"))
    assert reasons == {"allow-list": "blocked_address", "broken-feed": "http_500",
                       "laughs-feed": "unsafe_xml"}


def test_charset_faults_decode_to_the_right_arabic(fault_run):
    srv, wh, _, pages = fault_run
    from akhbar.formats import decode_html

    texts = dict(sql(wh, "select url, title from articles"))
    for path, name in (("/fault/wrong-charset", "1623715966.html"), ("/fault/legacy", "1550981615.html")):
        title = texts[srv.url(path)]
        assert title and " ".join(title.split()) in " ".join(decode_html(pages[name]["data"]).split())


# --- sitemaps: index, gzip child, change detection ---------------------------------------


def test_sitemap_index_then_only_changed_pages_are_fetched(tmp_path):
    clear_robots_cache()
    pages = arabic_pages()[3:9]
    with LocalServer() as srv:
        serve_pages(srv, pages)
        urls = [srv.url(p["path"]) for p in pages]
        child_a = sitemap([(u, "2024-01-01") for u in urls[:3]])
        child_b = sitemap([(u, "2024-01-01") for u in urls[3:]])
        srv.add("/sitemap-a.xml", Resource(child_a, content_type="application/xml"))
        # A .xml.gz child is a gzip file (no Content-Encoding), as sites serve them.
        srv.add("/sitemap-b.xml.gz", Resource(gzip.compress(child_b), content_type="application/x-gzip"))
        index = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
                 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f'<sitemap><loc>{srv.url("/sitemap-a.xml")}</loc><lastmod>2024-01-01</lastmod></sitemap>'
                 f'<sitemap><loc>{srv.url("/sitemap-b.xml.gz")}</loc><lastmod>2024-01-01</lastmod></sitemap>'
                 "</sitemapindex>").encode()
        srv.add("/sitemap.xml", Resource(index, content_type="application/xml"))
        wh = tmp_path / "wh"
        cfg = write_config(tmp_path / "c.yaml", [
            {"name": "news-sitemap", "kind": "sitemap", "url": srv.url("/sitemap.xml"), **FAST}])
        first = run_flow(config=str(cfg), warehouse=str(wh))
        assert first["outcome"] == "success" and first["n_read"] == 6
        assert first["n_published"] == 6, first
        sha_before = sql(wh, f"select raw_sha from articles where url = '{urls[4]}'")
        # The index changes: child b is newer and lists one page as modified, whose content
        # changed; child a is unchanged (same lastmod), so it is not even requested.
        changed = pages[4]
        note = "<p>تحديث: أضيفت فقرة جديدة إلى الخبر.</p></body>".encode()
        edited = changed["data"].replace(b"</body>", note)
        srv.add(urlsplit(changed["path"]).path, Resource(edited))
        child_b2 = sitemap([(u, "2024-02-02" if u == urls[4] else "2024-01-01") for u in urls[3:]])
        srv.add("/sitemap-b.xml.gz", Resource(gzip.compress(child_b2), content_type="application/x-gzip"))
        srv.add("/sitemap.xml", Resource(index.replace(
            b"sitemap-b.xml.gz</loc><lastmod>2024-01-01", b"sitemap-b.xml.gz</loc><lastmod>2024-02-02"),
            content_type="application/xml"))
        srv.reset_log()
        second = run_flow(config=str(cfg), warehouse=str(wh))
        requested = [h.path for h in srv.hits if h.path != "/robots.txt"]
        assert sorted(requested) == sorted(["/sitemap.xml", "/sitemap-b.xml.gz",
                                            urlsplit(changed["path"]).path])
        page_hit = srv.hits_for(urlsplit(changed["path"]).path)[0]
        assert page_hit.conditional and page_hit.status == 200
        assert second["n_read"] == 1 and second["n_published"] == 1
        assert sql(wh, "select count(*) from articles") == [(6,)]
        # The article was republished from the new payload, whose raw copy holds the edit.
        assert sql(wh, f"select raw_sha from articles where url = '{urls[4]}'") != sha_before
        paths = sql(wh, f"select raw_path from fetches where url = '{urls[4]}' order by fetched_at")
        assert len(paths) == 2
        assert "أضيفت فقرة جديدة".encode() in gzip.decompress((wh / paths[1][0]).read_bytes())
    clear_robots_cache()
