"""Feeds, sitemaps, charsets and the HTML page parser on real saved pages and feeds
(../shared), plus the extraction-quality evaluation against their ground truth."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import shared_path

from akhbar.evaluation.extraction import DEFAULT_SHARED, evaluate, token_prf
from akhbar.formats import decode_html, parse_html_page
from akhbar.sources.feeds import ListingError, parse_listing


def shared_page(*parts: str) -> bytes:
    data = shared_path(*parts).read_bytes()
    return gzip.decompress(data) if parts[-1].endswith(".gz") else data


# --- feeds and sitemaps ------------------------------------------------------------------


def test_real_rss_feed_all_items():
    data = shared_path("feeds", "miniflux", "urdu_UTF8.xml").read_bytes()
    listing = parse_listing(data, "https://feeds.bbci.co.uk/urdu/rss.xml")
    assert listing.kind == "rss" and listing.title
    assert len(listing.entries) == len(re.findall(rb"<item[ >]", data))
    first = listing.entries[0]
    assert first.url.startswith("http://www.bbc.com/urdu/") and first.title and first.language == "ur"
    assert first.published and first.marker == first.published


def test_real_news_sitemap_trims_and_reads_news_fields():
    data = shared_path("feeds", "advertools", "news_sitemap.xml").read_bytes()
    listing = parse_listing(data, "https://www.nytimes.com/sitemaps/new/news.xml")
    assert listing.kind == "urlset" and len(listing.entries) == data.count(b"<url>")
    assert all(e.url == e.url.strip() and e.url.startswith("https://www.nytimes.com/")
               for e in listing.entries)
    assert all(e.title == e.title.strip() and e.published and e.updated for e in listing.entries)
    assert {e.language for e in listing.entries} == {"en-US"}


def test_atom_rdf_and_rss_variants():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/ar/" xml:lang="ar">
      <title>t</title>
      <entry><title type="html">&lt;b&gt;\xd8\xae\xd8\xa8\xd8\xb1&lt;/b&gt;</title>
        <link rel="self" href="/feed/1"/><link rel="enclosure" href="/img.jpg"/>
        <link rel="alternate" type="text/html" href="2024/05/01/story"/>
        <published>2024-05-01T10:00:00+03:00</published><updated>2024-05-02T08:00:00Z</updated>
        <author><name>A. Writer</name></author>
        <category term="politics" label="\xd8\xb3\xd9\x8a\xd8\xa7\xd8\xb3\xd8\xa9"/>
      </entry>
      <entry><title>no link</title></entry>
    </feed>"""
    (entry,) = parse_listing(atom, "https://news.example/feed.atom").entries
    assert entry.url == "https://news.example/ar/2024/05/01/story" and entry.title == "خبر"
    assert entry.marker == "2024-05-02T08:00:00Z" and entry.author == "A. Writer"
    assert entry.category == "سياسة" and entry.language == "ar"
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>c</title></channel>
      <item><title>x</title><link>https://a.example/1</link><dc:date>2024-01-02</dc:date></item></rdf:RDF>"""
    (item,) = parse_listing(rdf, "https://a.example/").entries
    assert (item.url, item.published) == ("https://a.example/1", "2024-01-02")
    rss = b"""<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>c</title>
      <item><title><![CDATA[A & B]]></title><guid>https://a.example/g</guid><dc:creator>Z</dc:creator></item>
      <item><title>no permalink</title><guid isPermaLink="false">tag:1</guid></item>
      <item><link> /relative </link><category>sport</category></item></channel></rss>"""
    entries = parse_listing(rss, "https://a.example/feed").entries
    assert [(e.url, e.title, e.author, e.category) for e in entries] == [
        ("https://a.example/g", "A & B", "Z", None), ("https://a.example/relative", None, None, "sport")]


def test_sitemap_index_lists_children():
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://a.example/s1.xml.gz</loc><lastmod>2024-05-01</lastmod></sitemap>
      <sitemap><loc>/s2.xml</loc></sitemap></sitemapindex>"""
    listing = parse_listing(index, "https://a.example/sitemap.xml")
    assert listing.kind == "sitemapindex" and listing.entries == []
    assert [(s.url, s.updated) for s in listing.sitemaps] == [
        ("https://a.example/s1.xml.gz", "2024-05-01"), ("https://a.example/s2.xml", None)]


@pytest.mark.parametrize("doc", [
    # billion laughs: refused, never expanded
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;">]><rss><channel><item><link>&c;</link></item></channel></rss>',
    # external entity (XXE)
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<rss><channel><item><link>&x;</link></item></channel></rss>",
])
def test_entity_declarations_are_refused(doc):
    with pytest.raises(ListingError) as err:
        parse_listing(doc, "https://a.example/")
    assert err.value.reason == "unsafe_xml"


def test_slightly_broken_feeds_are_repaired_and_garbage_refused():
    broken = b"<rss><channel><item><title>Q&A \x01</title><link>https://a.example/?a=1&b=2</link></item>" \
             b"</channel></rss>"
    (entry,) = parse_listing(broken, "https://a.example/").entries
    assert entry.url == "https://a.example/?a=1&b=2" and entry.title == "Q&A"
    for bad, reason in ((b"<html><body>not a feed</body></html>", "bad_listing"), (b"", "bad_listing"),
                        (b"<rss><channel><item>", "bad_listing")):
        with pytest.raises(ListingError) as err:
            parse_listing(bad, "https://a.example/")
        assert err.value.reason == reason


# --- charsets ----------------------------------------------------------------------------

CHARDET = {
    "windows-1256": ("chardet", "windows-1256-arabic",
                     "_chromium_windows-1256_with_no_encoding_specified.html"),
    "iso-8859-6": ("chardet", "iso-8859-6-arabic", "_chromium_ISO-8859-6_with_no_encoding_specified.html"),
}


@pytest.mark.parametrize("codec", sorted(CHARDET))
@pytest.mark.parametrize("label", [None, "iso-8859-1", "utf-8"])
def test_legacy_arabic_without_or_with_a_wrong_label_decodes_right(codec, label):
    data = shared_page("html", *CHARDET[codec])
    expected = data.decode(codec)
    assert len(re.findall("[\u0621-\u064a]", expected)) > 200
    assert decode_html(data, label) == expected


def test_utf8_wins_over_a_wrong_single_byte_label_and_bom_over_everything():
    data = shared_page("html", "htmldate", "arabic", "1623715966.html")
    assert decode_html(data, "iso-8859-1") == data.decode("utf-8")
    assert decode_html(data, "windows-1256") == data.decode("utf-8")
    assert decode_html(data, "no-such-charset") == data.decode("utf-8")
    text = "<html><body>خبر</body></html>"
    assert decode_html(text.encode("utf-16"), "windows-1256") == text
    # A declared legacy charset that fits the bytes is used as declared.
    legacy = "<html><head><meta charset='windows-1256'></head><body>خبر عاجل</body></html>".encode("cp1256")
    assert decode_html(legacy) == legacy.decode("cp1256")


# --- the page parser ---------------------------------------------------------------------


def test_lbci_page_against_fundus_gold():
    data = shared_page("html", "fundus", "lb", "LBCGroup_2026_01_08.html.gz")
    gold = json.loads(shared_path("html", "fundus", "lb", "LBCGroup.json").read_text(encoding="utf-8"))["V1"]
    fields = parse_html_page(data, {"url": "https://www.lbcgroup.tv/news/lifestyle/898682/x/ar"})
    assert fields.title == gold["title"]
    body = "\n".join(p for s in gold["body"]["sections"] for p in s["paragraphs"])
    assert token_prf(fields.text, body)[2] > 0.95
    assert fields.published.startswith(gold["publishing_date"][:10])
    assert fields.extra["language"] == "ar"


def test_local_offset_beats_utc_for_the_same_instant():
    # article:published_time says 2020-12-24T23:59:50+00:00, JSON-LD 2020-12-25T01:59:50+02:00.
    fields = parse_html_page(shared_page("html", "htmldate", "arabic", "1806793639.html"), {})
    assert fields.published == "2020-12-25T01:59:50+02:00"


def test_other_calendar_digits_are_not_taken_for_gregorian_dates():
    # The page's first declaration is ۱۳۹۹/۰۲/۲۱ (Solar Hijri, year 1399): skipped for the
    # next one, a Gregorian stamp in Iran's own offset.
    data = shared_page("html", "htmldate", "persian", "1602557452.html")
    assert "۱۳۹۹/۰۲/۲۱" in data.decode()
    fields = parse_html_page(data, {})
    assert fields.published.startswith("2020-05-10T") and fields.published.endswith("+04:30")
    assert fields.extra["language"] == "fa"


def test_canonical_is_used_only_on_the_fetched_site_and_site_name_is_stripped_from_titles():
    data = shared_page("html", "htmldate", "arabic", "1588107198.html")  # og:url is a bare IP
    canonical = "https://www.almadenahnews.com/article/825076-أميركا-50-الفا-حصيلة-الوفيات-بسبب-فيروس-كورونا"
    assert parse_html_page(data, {}).url == canonical
    assert parse_html_page(data, {"url": "http://almadenahnews.com/article/825076"}).url == canonical
    mirror = "http://127.0.0.1:8080/article/825076"  # fetched elsewhere: the canonical names another site
    fields = parse_html_page(data, {"url": mirror})
    assert fields.url == mirror
    assert fields.title and "المدينة نيوز" not in fields.title and fields.title in data.decode()


def test_text_language_overrides_a_wrong_lang_attribute():
    fields = parse_html_page(shared_page("html", "htmldate", "arabic", "1764731404.html"), {})
    assert fields.extra["declared_language"] == "en" and fields.extra["language"] == "ar"


def test_junk_authors_are_dropped():
    fields = parse_html_page(shared_page("html", "htmldate", "arabic", "1550981615.html"), {})
    assert fields.author is None or not re.search(r"https?|logo|png", fields.author, re.I)


def test_listing_hints_fill_what_the_page_lacks():
    html = ("<html><body><article><p>" + "قال الوزير إن الحكومة ستبدأ مشروعا جديدا. " * 10
            + "</p></article></body></html>").encode()
    bare = parse_html_page(html, {"url": "https://a.example/x"})
    assert bare.published is None and bare.category is None
    hinted = parse_html_page(html, {"url": "https://a.example/x", "hints": {
        "title": "عنوان من الخلاصة", "published": "Wed, 01 May 2024 10:00:00 GMT", "category": "محليات",
        "author": "محرر"}})
    assert (hinted.title, hinted.published, hinted.category, hinted.author) == (
        "عنوان من الخلاصة", "Wed, 01 May 2024 10:00:00 GMT", "محليات", "محرر")


# --- extraction quality ------------------------------------------------------------------


@pytest.fixture(scope="module")
def report():
    shared_path("html", "manifest.json")
    return evaluate(Path(DEFAULT_SHARED))


def test_extraction_quality_against_ground_truth(report):
    s = report.summary()
    assert s["text_pages"] == 19 and s["date_pages"] == 12
    assert s["text_f1_mean"] >= 0.95 and s["text_f1_mean_arabic"] >= 0.9
    assert s["text_f1_mean"] >= s["baseline_text_f1_mean"] - 0.005  # no worse than plain trafilatura
    assert s["assabah_snippets"] == {"page": "html/trafilatura/assabah.com.tn.article.html",
                                     "with_found": "3/3", "without_absent": "3/3"}
    assert s["titles_exact"] == "3/3"
    # Dates: never a wrong one (a missing date is quarantined, a wrong one misfiles).
    assert s["dates_wrong"] == 0 and s["date_accuracy"] >= 11 / 12 - 1e-9
    assert s["date_accuracy_arabic"] == 1.0
