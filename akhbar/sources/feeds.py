"""Feeds and sitemaps → article URLs: RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps, news
sitemaps and sitemap indexes.

XML is parsed with defusedxml: entity declarations (billion laughs, external entities) are
refused, never expanded. Elements are matched by local name, so the many namespace
spellings found in the wild (``dc:``, ``news:``, Atom inside RSS …) all work. Pure: bytes
in, entries out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

MAX_ENTRIES = 50_000  # the sitemaps protocol's own limit per file
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BARE_AMP_RE = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9._-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")


class ListingError(Exception):
    """A feed or sitemap that cannot be read; ``reason`` is a quarantine reason code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL a listing names, with what the listing says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    category: str | None = None
    language: str | None = None

    @property
    def marker(self) -> str | None:
        """What changes when the listing says the page changed (lastmod, updated, date)."""
        return self.updated or self.published

    def hints(self) -> dict[str, str | None]:
        """Metadata for the page parser, used where the page itself says nothing."""
        return {"title": self.title, "published": self.published, "author": self.author,
                "category": self.category, "language": self.language}


@dataclass(slots=True)
class Listing:
    kind: str  # rss, rdf, atom, urlset, sitemapindex
    entries: list[Entry] = field(default_factory=list)  # pages
    sitemaps: list[Entry] = field(default_factory=list)  # child sitemaps of an index
    title: str | None = None
    truncated: bool = False


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Element, *names: str) -> Element | None:
    for name in names:
        for c in el:
            if _local(c.tag) == name:
                return c
    return None


def _text(el: Element | None, *, html: bool = False) -> str | None:
    if el is None:
        return None
    value = "".join(el.itertext())
    if html or (el.get("type") or "").lower() in ("html", "xhtml"):
        import html as html_lib

        value = html_lib.unescape(_TAG_RE.sub(" ", value))
    value = _WS_RE.sub(" ", value).strip()
    return value or None


def _child_text(el: Element, *names: str) -> str | None:
    for name in names:
        value = _text(_child(el, name))
        if value:
            return value
    return None


def _parse_xml(data: bytes) -> Element:
    def parse(payload: bytes) -> Element:
        return SafeET.fromstring(payload, forbid_dtd=False, forbid_entities=True, forbid_external=True)

    try:
        return parse(data)
    except defusedxml.DefusedXmlException as exc:
        raise ListingError("unsafe_xml", f"XML with entity declarations refused: {exc}") from None
    except ParseError as first:
        # Real feeds are often slightly broken: bare '&' in titles, control characters.
        text = data.decode("utf-8", "replace") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) \
            else data.decode("utf-16", "replace")
        repaired = _BARE_AMP_RE.sub(b"&amp;", _XML_INVALID_RE.sub("", text).encode("utf-8"))
        repaired = re.sub(rb"^\s*<\?xml[^>]*\?>", b'<?xml version="1.0" encoding="utf-8"?>', repaired)
        try:
            return parse(repaired)
        except defusedxml.DefusedXmlException as exc:
            raise ListingError("unsafe_xml", f"XML with entity declarations refused: {exc}") from None
        except ParseError:
            raise ListingError("bad_listing", f"not well-formed XML: {first}") from None


def _url(value: str | None, base: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    return urljoin(base, value) if value else None


def parse_listing(data: bytes, base_url: str) -> Listing:
    """Parse a feed or sitemap; relative URLs resolve against ``base_url``."""
    if not data.strip():
        raise ListingError("bad_listing", "empty document")
    root = _parse_xml(data)
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        if channel is None:
            raise ListingError("bad_listing", "RSS without a <channel>")
        listing = Listing("rss", title=_child_text(channel, "title"))
        lang = _child_text(channel, "language")
        for item in _children(channel, "item") or _children(root, "item"):
            _add(listing, _rss_item(item, base_url, lang))
        return listing
    if kind == "rdf":
        channel = _child(root, "channel")
        listing = Listing("rdf", title=_child_text(channel, "title") if channel is not None else None)
        for item in _children(root, "item"):
            _add(listing, _rss_item(item, base_url, None))
        return listing
    if kind == "feed":
        listing = Listing("atom", title=_child_text(root, "title"))
        base = _url(root.get("{http://www.w3.org/XML/1998/namespace}base"), base_url) or base_url
        lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
        for entry in _children(root, "entry"):
            _add(listing, _atom_entry(entry, base, lang))
        return listing
    if kind == "urlset":
        listing = Listing("urlset")
        for node in _children(root, "url"):
            _add(listing, _sitemap_url(node, base_url))
        return listing
    if kind == "sitemapindex":
        listing = Listing("sitemapindex")
        for node in _children(root, "sitemap"):
            loc = _url(_child_text(node, "loc"), base_url)
            if loc and len(listing.sitemaps) < MAX_ENTRIES:
                listing.sitemaps.append(Entry(loc, updated=_child_text(node, "lastmod")))
        return listing
    raise ListingError("bad_listing", f"not a feed or sitemap (root element <{kind}>)")


def _add(listing: Listing, entry: Entry | None) -> None:
    if entry is None:
        return
    if len(listing.entries) >= MAX_ENTRIES:
        listing.truncated = True
        return
    listing.entries.append(entry)


def _rss_item(item: Element, base: str, lang: str | None) -> Entry | None:
    link = _child_text(item, "link")
    if not link:
        guid = _child(item, "guid")
        if guid is not None and (guid.get("isPermaLink") or "true").lower() != "false":
            link = _text(guid)
    if not link:  # some feeds only have an Atom link inside the RSS item
        atom = _child(item, "link")
        link = atom.get("href") if atom is not None else None
    url = _url(link, base)
    if not url:
        return None
    category = _child_text(item, "category", "subject")
    return Entry(
        url=url,
        title=_text(_child(item, "title"), html=True),
        published=_child_text(item, "pubdate", "date", "published", "issued"),
        updated=_child_text(item, "updated", "modified"),
        author=_child_text(item, "creator", "author"),
        category=category,
        language=lang,
    )


def _atom_entry(entry: Element, base: str, lang: str | None) -> Entry | None:
    href = None
    for link in _children(entry, "link"):
        rel = (link.get("rel") or "alternate").lower()
        html_type = (link.get("type") or "").lower() in ("text/html", "application/xhtml+xml")
        if rel == "alternate" and link.get("href") and (href is None or html_type):
            href = link.get("href")
    entry_base = _url(entry.get("{http://www.w3.org/XML/1998/namespace}base"), base) or base
    url = _url(href, entry_base)
    if not url:
        return None
    author = _child(entry, "author")
    category = _child(entry, "category")
    return Entry(
        url=url,
        title=_text(_child(entry, "title")),
        published=_child_text(entry, "published", "issued"),
        updated=_child_text(entry, "updated", "modified"),
        author=_child_text(author, "name") if author is not None else None,
        category=(category.get("label") or category.get("term")) if category is not None else None,
        language=entry.get("{http://www.w3.org/XML/1998/namespace}lang") or lang,
    )


def _sitemap_url(node: Element, base: str) -> Entry | None:
    url = _url(_child_text(node, "loc"), base)
    if not url:
        return None
    news = _child(node, "news")
    title = published = language = None
    if news is not None:
        title = _child_text(news, "title")
        published = _child_text(news, "publication_date")
        publication = _child(news, "publication")
        if publication is not None:
            language = _child_text(publication, "language")
    return Entry(url=url, title=title, published=published,
                 updated=_child_text(node, "lastmod") or published, language=language)
