"""Slugs, the partition→path function, and deterministic ids."""

import datetime as dt
import re
import unicodedata

import pytest

from akhbar.ids import _digest, article_id, canonical_url, content_hash
from akhbar.layout import is_valid_slug, parse_partition_dir, partition_dir, partition_path, source_slug


@pytest.mark.parametrize(("name", "slug"), [
    ("Al-Riyadh", "al-riyadh"),
    ("Al-Sharq Al-Awsat", "al-sharq-al-awsat"),
    ("France 24 Arabic", "france-24-arabic"),
    ("Jawhara FM", "jawhara-fm"),
    ("sample-files", "sample-files"),
])
def test_ascii_names_slug_readably(name, slug):
    assert source_slug(name) == slug


@pytest.mark.parametrize("name", [
    "صحيفة الفجر", "../../etc", "a/b\\c", "nul\x00byte", "📰🗞️", "", "   ", ".", "..",
    "Ünïcödé Nëws", "x" * 500, "سكاي نيوز عربية", "پیام",
])
def test_every_name_gives_a_safe_slug(name):
    slug = source_slug(name)
    assert is_valid_slug(slug), slug
    assert "/" not in slug and ".." not in slug and len(slug) <= 80


def test_distinct_non_ascii_names_never_collide():
    assert source_slug("صحيفة الفجر") != source_slug("سحيفة الفجر")  # romanize the same
    assert source_slug("صحيفة الفجر") == source_slug("صحيفة الفجر")


def test_partition_paths():
    d = dt.date(2017, 11, 21)
    assert partition_dir("articles", d, "rt") == "articles/date=2017-11-21/source=rt"
    assert partition_path("quotes", d, "rt") == "quotes/date=2017-11-21/source=rt/data.parquet"
    assert partition_dir("runs", d, None) == "runs/date=2017-11-21"
    assert parse_partition_dir("articles/date=2017-11-21/source=rt") == ("articles", d, "rt")
    for bad in ("../x", "A", "", "a/b"):
        with pytest.raises(ValueError):
            partition_dir("articles", d, bad)
    with pytest.raises(ValueError):
        partition_dir("not_a_table", d, "rt")


def test_canonical_url():
    assert canonical_url("HTTP://Example.COM:80/a//b?utm_source=x&b=2&a=1#frag") == \
        "https://example.com/a/b?a=1&b=2"
    raw = "https://ar.example/سياسة/خبر"
    encoded = "https://ar.example/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/%D8%AE%D8%A8%D8%B1"
    assert canonical_url(raw) == canonical_url(encoded)
    assert canonical_url("javascript:alert(1)") is None and canonical_url("  ") is None


def test_article_id_precedence():
    by_url = article_id(url="https://x.example/a?utm_medium=rss", source="s", external_id="1",
                        title="t", text="x")
    assert by_url == article_id(url="https://x.example/a", source="other", external_id="2",
                                title="u", text="y")
    by_ext = article_id(url=None, source="s", external_id="1", title="t", text="x")
    assert by_ext == article_id(url=None, source="s", external_id="1", title="z", text="zz")
    assert by_ext != article_id(url=None, source="s2", external_id="1", title="t", text="x")
    by_content = article_id(url=None, source="s", external_id=None, title="t", text="x  y")
    assert by_content == article_id(url=None, source="s2", external_id=None, title="t", text="x y")
    assert len({by_url, by_ext, by_content}) == 3


def test_content_hash_ignores_whitespace_and_composition():
    assert content_hash("عنوان", "نص  الخبر\n") == content_hash("عنوان", "نص الخبر")
    assert content_hash("a", "b") != content_hash("a", "c")


def test_content_hash_is_unchanged_for_every_kind_of_blank():
    # Hashes are stored in the warehouse: the function must keep the definition it had
    # (NFC, runs of re's \s collapsed to one space, ends stripped) for every blank.
    def defined(s: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()

    title, text = "\u3000عنوان\xa0 الخبر ", "\x1c نص\u2028\u2029الخبر\x85\t\u202fو\u1680هنا \u0627\u0654\n"
    assert content_hash(title, text) == _digest(defined(title), defined(text))
