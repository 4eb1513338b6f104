"""Raw input formats → article fields. Pure functions: bytes in, fields out.

Each parser returns :class:`Fields` or raises :class:`Reject` with a reason code. Parsers
are registered by format name (``json``, ``seed-txt``, ``html``); source kinds say which
format their raw records are in.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from akhbar.text.dates import is_date_line


class Reject(Exception):
    """An input that cannot become an article: it goes to quarantine with stage and reason."""

    def __init__(self, stage: str, reason: str, message: str) -> None:
        super().__init__(f"{stage}/{reason}: {message}")
        self.stage, self.reason, self.message = stage, reason, message


@dataclass(slots=True)
class Fields:
    """What a parser found in one raw input, before cleaning."""

    text: str
    title: str | None = None
    external_id: str | None = None
    outlet: str | None = None  # the record's own source (outlet) name, if it has one
    url: str | None = None
    published: Any = None  # a date-like value as given; dates.parse_date reads it
    category: str | None = None
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


Parser = Callable[[bytes, dict[str, Any]], Fields]
PARSERS: dict[str, Parser] = {}


def parser(name: str) -> Callable[[Parser], Parser]:
    def deco(fn: Parser) -> Parser:
        PARSERS[name] = fn
        return fn
    return deco


def parse(fmt: str, data: bytes, meta: dict[str, Any]) -> Fields:
    """Parse raw bytes in format ``fmt``."""
    try:
        fn = PARSERS[fmt]
    except KeyError:
        raise Reject("parse", "unknown_format", f"no parser for format {fmt!r}") from None
    return fn(data, meta)


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted too)."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Reject("parse", "undecodable",
                     f"not valid UTF-8 at byte {exc.start}: {data[exc.start:exc.start + 8]!r}") from None


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Reject("parse", "bad_field_type",
                     f"field {key!r} must be a string, not {type(value).__name__}")
    value = str(value).strip()
    return value or None


@parser("json")
def parse_json_record(data: bytes, meta: dict[str, Any]) -> Fields:
    """A JSON object with the keys of akhbar's corpus (id, source, url, published, title, …)."""
    try:
        record = json.loads(decode_utf8(data))
    except json.JSONDecodeError as exc:
        raise Reject("parse", "invalid_json", f"invalid JSON: {exc.msg} at char {exc.pos}") from None
    except RecursionError:
        raise Reject("parse", "invalid_json", "JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise Reject("parse", "not_an_object", f"a JSON {type(record).__name__}, not an object")
    text = record.get("text")
    if text is None:
        raise Reject("parse", "missing_text", "record has no 'text' field")
    if not isinstance(text, str):
        raise Reject("parse", "bad_field_type", f"field 'text' must be a string, not {type(text).__name__}")
    return Fields(
        text=text,
        title=_optional_str(record, "title"),
        external_id=_optional_str(record, "id"),
        outlet=_optional_str(record, "source"),
        url=_optional_str(record, "url"),
        published=_optional_str(record, "published"),
        category=_optional_str(record, "category"),
        author=_optional_str(record, "author"),
    )


_SENTENCE_END_RE = re.compile(r"[.!?؟»\"”]\s*$")


@parser("seed-txt")
def parse_seed_txt(data: bytes, meta: dict[str, Any]) -> Fields:
    """The seed's plain-text layout: title, repeated title, section, date line, body.

    The repeated title, section and date line are optional; a header line counts as the
    section only when a date line follows it.
    """
    text = decode_utf8(data).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if not idx:
        return Fields(text="", external_id=meta.get("file_name"))
    title = lines[idx[0]].strip()
    section = date_line = None
    body_start = idx[0] + 1
    pending_section: tuple[str, int] | None = None
    for i in idx[1:6]:
        line = lines[i].strip()
        if line == title:
            body_start = i + 1
        elif is_date_line(line):
            date_line = line
            if pending_section:
                section = pending_section[0]
            body_start = i + 1
            break
        elif pending_section is None and len(line) <= 60 and not _SENTENCE_END_RE.search(line):
            pending_section = (line, i)
        else:
            break
    body = "\n".join(lines[body_start:])
    return Fields(text=body, title=title, external_id=meta.get("file_name"),
                  published=date_line, category=section)


# --- HTML -----------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode an HTML page: declared charset (header, then ``<meta>``), else detection."""
    candidates: list[str] = []
    if header_charset:
        candidates.append(header_charset)
    m = _META_CHARSET_RE.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue  # a wrong label: fall through to detection
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return _detect_arabic_legacy(data)


def _detect_arabic_legacy(data: bytes) -> str:
    """Legacy Arabic pages without a usable label: windows-1256 or ISO-8859-6, else detection."""
    best, best_score = None, -1.0
    for codec in ("windows-1256", "iso-8859-6"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = sum(ch.isalpha() for ch in text) or 1
        arabic = sum("\u0621" <= ch <= "\u064a" for ch in text)
        score = arabic / letters
        if score > best_score:
            best, best_score = text, score
    if best is not None and best_score > 0.3:
        return best
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        raise Reject("parse", "undecodable", "cannot determine the page's character encoding")
    return str(match)


_JSONLD_RE = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)


def _meta_tags(html: str) -> dict[str, str]:
    """Article metadata from <meta>, <link rel=canonical> and JSON-LD (first value wins)."""
    from lxml import html as lxml_html

    found: dict[str, str] = {}
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, Exception):  # lxml raises its own types on broken documents
        return found
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = (el.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            found.setdefault("canonical", el.get("href").strip())
    for el in tree.iter("time"):
        if el.get("datetime"):
            found.setdefault("time", el.get("datetime").strip())
            break
    for block in _JSONLD_RE.findall(html):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                for key in ("datePublished", "headline", "dateCreated"):
                    if isinstance(item.get(key), str):
                        found.setdefault(f"ld:{key.lower()}", item[key])
                author = item.get("author")
                if isinstance(author, dict) and isinstance(author.get("name"), str):
                    found.setdefault("ld:author", author["name"])
    return found


@parser("html")
def parse_html_page(data: bytes, meta: dict[str, Any]) -> Fields:
    """An article page: main text and metadata via trafilatura, dates from meta tags first."""
    import trafilatura

    html = decode_html(data, meta.get("charset"))
    tags = _meta_tags(html)
    url = meta.get("url") or tags.get("og:url") or tags.get("canonical")
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    doc = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    published = (tags.get("article:published_time") or tags.get("og:published_time")
                 or tags.get("ld:datepublished") or tags.get("datepublished")
                 or tags.get("date") or tags.get("pubdate") or tags.get("time")
                 or tags.get("ld:datecreated"))
    title = tags.get("og:title") or tags.get("ld:headline") or doc.get("title")
    text = doc.get("text") or ""
    return Fields(
        text=text,
        title=title,
        external_id=meta.get("file_name"),
        outlet=tags.get("og:site_name") or doc.get("sitename"),
        url=tags.get("canonical") or url,
        published=published,
        category=tags.get("article:section") or (doc.get("categories") or None),
        author=tags.get("author") or tags.get("ld:author") or doc.get("author"),
        extra={"date_guess": doc.get("date"), "language": doc.get("language")},
    )
