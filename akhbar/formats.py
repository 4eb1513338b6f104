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
#
# An article page → Fields: main text by trafilatura; metadata from the page's own
# declarations first (<meta>, RDFa/microdata attributes, JSON-LD incl. @graph), then the
# listing's hints (a feed item's title and date: meta["hints"]), then what trafilatura and
# htmldate infer. Pure: no IO; the fetch side passes the header charset and final URL.

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Labels that browsers read as windows-1252 (WHATWG Encoding): iso-8859-1 and ascii pages
# routinely contain 0x80-0x9F characters that only windows-1252 defines.
_LATIN_LABELS = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "cp1252": "cp1252",
                 "iso8859_15": "iso8859_15"}
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_LATIN_SUPPLEMENT_RE = re.compile("[\u00c0-\u00ff]")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name.startswith("utf_16"):
        return "utf_8"  # a page cannot declare UTF-16 in ASCII bytes; WHATWG reads it as UTF-8
    return _LATIN_LABELS.get(name, name)


def _utf8_with_multibyte(data: bytes) -> str | None:
    """The text when ``data`` is valid UTF-8 with non-ASCII characters, else None. Legacy
    single-byte text with non-ASCII letters is practically never valid UTF-8, so this
    overrules a wrong single-byte label."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode an HTML page: BOM, then the declared charset (header, then ``<meta>``) unless
    the bytes contradict it, then detection (UTF-8, legacy Arabic, charset-normalizer)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    m = _META_CHARSET_RE.search(data[:4096])
    labels = [header_charset, m.group(1).decode("ascii", "ignore") if m else None]
    for codec in filter(None, map(_codec, labels)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # a wrong label: try the next one, then detection
        if codec != "utf_8":
            utf8 = _utf8_with_multibyte(data)
            if utf8 is not None:
                return utf8  # labelled single-byte, but the bytes are UTF-8
            if codec in ("cp1252", "iso8859_15") and _mojibake_of_arabic(text, data):
                return _detect_arabic_legacy(data)
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return _detect_arabic_legacy(data)


def _mojibake_of_arabic(latin_text: str, data: bytes) -> bool:
    """Windows-1256/ISO-8859-6 Arabic read as Latin: a text made of accented Latin letters."""
    letters = sum(ch.isalpha() for ch in latin_text) or 1
    if len(_LATIN_SUPPLEMENT_RE.findall(latin_text)) / letters < 0.3:
        return False
    arabic = data.decode("cp1256", "replace")
    return len(_ARABIC_RE.findall(arabic)) / (sum(ch.isalpha() for ch in arabic) or 1) > 0.5


def _detect_arabic_legacy(data: bytes) -> str:
    """Legacy Arabic pages without a usable label: windows-1256 or ISO-8859-6, else detection."""
    best, best_score = None, -1.0
    for codec in ("windows-1256", "iso-8859-6"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = sum(ch.isalpha() for ch in text) or 1
        score = len(_ARABIC_RE.findall(text)) / letters
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
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting",
                  "socialmediaposting", "report", "scholarlyarticle", "techarticle"}
# Declared publication dates, most specific first (keys as _meta_tags stores them).
_PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "ld:datepublished",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "article.published",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dc:date", "dcterms.created", "citation_publication_date", "original-publish-date", "date",
    "time:pubdate", "time", "ld:datecreated", "datecreated",
)
_SECTION_KEYS = ("article:section", "ld:articlesection", "articlesection", "section", "parsely-section")
_AUTHOR_KEYS = ("author", "article:author", "ld:author", "dc.creator", "parsely-author", "byl",
                "sailthru.author")
_BAD_AUTHOR_RE = re.compile(r"\bhttps?\b|www\.|\.(?:png|jpe?g|gif|svg|webp)\b|\b(?:logo|png|jpe?g)\b|^\W*$",
                            re.I)
_TITLE_SEPARATORS_RE = re.compile(r"\s+[-|–—:»«•]\s+|\s*\|\s*")
_WS_RE = re.compile(r"\s+")


def _jsonld_items(value: Any) -> list[dict[str, Any]]:
    """Flatten JSON-LD: lists, @graph containers, nested mainEntity."""
    out: list[dict[str, Any]] = []
    stack = [value]
    while stack and len(out) < 200:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if isinstance(item.get(key), list | dict):
                    stack.append(item[key])
    return out


def _ld_types(item: dict[str, Any]) -> set[str]:
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return {t.lower() for t in types if isinstance(t, str)}


def _names(value: Any) -> list[str]:
    """Person/organization names from a JSON-LD author value (str, dict or list)."""
    values = value if isinstance(value, list) else [value]
    names = []
    for v in values:
        if isinstance(v, str):
            names.append(v)
        elif isinstance(v, dict) and isinstance(v.get("name"), str):
            names.append(v["name"])
    return [n.strip() for n in names if n and n.strip()]


def _meta_tags(tree: Any, html: str) -> dict[str, str]:
    """Article metadata from <meta>, RDFa/microdata attributes, <link rel=canonical>,
    <time> and JSON-LD (first value per key wins; JSON-LD article objects first)."""
    found: dict[str, str] = {}
    if tree is not None:
        for el in tree.iter("meta"):
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            value = (el.get("content") or "").strip()
            if key and value:
                found.setdefault(key, value)
            equiv = (el.get("http-equiv") or "").strip().lower()
            if equiv == "content-language" and value:
                found.setdefault("content-language", value)
        # RDFa and microdata on ordinary elements: <span property="dc:date" content="…">.
        for el in tree.xpath("//*[(@itemprop or @property) and (@content or @datetime)][not(self::meta)]"):
            key = (el.get("itemprop") or el.get("property") or "").strip().lower()
            value = (el.get("content") or el.get("datetime") or "").strip()
            if key and value:
                found.setdefault(key, value)
        for el in tree.iter("link"):
            rel = (el.get("rel") or "").lower().split()
            if "canonical" in rel and el.get("href"):
                found.setdefault("canonical", el.get("href").strip())
        for el in tree.iter("time"):
            if el.get("datetime"):
                if el.get("pubdate") is not None:
                    found.setdefault("time:pubdate", el.get("datetime").strip())
                found.setdefault("time", el.get("datetime").strip())
        root_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        if root_lang:
            found.setdefault("html:lang", root_lang.strip())
    items: list[dict[str, Any]] = []
    for block in _JSONLD_RE.findall(html):
        try:
            items.extend(_jsonld_items(json.loads(block.strip().strip(";"))))
        except (json.JSONDecodeError, RecursionError):
            continue
    # Article objects first, so a WebPage's or WebSite's values never shadow the article's.
    items.sort(key=lambda it: 0 if _ld_types(it) & _ARTICLE_TYPES else 1)
    for item in items:
        for key in ("datePublished", "dateCreated", "dateModified", "headline", "inLanguage"):
            if isinstance(item.get(key), str) and item[key].strip():
                found.setdefault(f"ld:{key.lower()}", item[key].strip())
        if _ld_types(item) & _ARTICLE_TYPES:
            authors = _names(item.get("author"))
            if authors:
                found.setdefault("ld:author", "; ".join(authors))
            section = item.get("articleSection")
            section = section[0] if isinstance(section, list) and section else section
            if isinstance(section, str) and section.strip():
                found.setdefault("ld:articlesection", section.strip())
            publisher = _names(item.get("publisher"))
            if publisher:
                found.setdefault("ld:publisher", publisher[0])
    return found


def _norm_space(value: str | None) -> str:
    return _WS_RE.sub(" ", value or "").strip()


def _published(tags: dict[str, str]) -> str | None:
    """The page's declared publication date. Among declarations of the same instant, one
    with the publisher's own UTC offset wins (its calendar date is the one the publisher
    printed: 2020-12-25T01:59:50+02:00, not 2020-12-24T23:59:50+00:00)."""
    import datetime as dt

    from akhbar.text.dates import parse_date

    candidates = [tags[k] for k in _PUBLISHED_KEYS if tags.get(k)]
    parsed = [(value, parse_date(value)) for value in candidates]
    if any(p is not None for _, p in parsed):
        # A year before 1900 is another calendar written in digits (Solar Hijri 1399/02/21
        # on Iranian pages): not a Gregorian date, so the next declaration or guess decides.
        parsed = [(v, p) for v, p in parsed if p is not None and p.date.year >= 1900]
        if not parsed:
            return None
    else:
        return candidates[0] if candidates else None  # unreadable: the pipeline says bad_date
    value, first = parsed[0]
    if first.instant is not None and first.instant.utcoffset() == dt.timedelta(0):
        for other, p in parsed[1:]:
            if p.instant is not None and p.instant.utcoffset() != dt.timedelta(0) \
                    and abs((p.instant - first.instant).total_seconds()) <= 120:
                return other
    return value


def _same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one site (same host, ignoring www. and subdomains)."""
    from urllib.parse import urlsplit

    try:
        ha = (urlsplit(a).hostname or "").lower().removeprefix("www.")
        hb = (urlsplit(b).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return False
    return bool(ha and hb) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def _clean_title(title: str | None, h1s: list[str], sites: list[str]) -> str | None:
    """Drop a site name around a title ("Site - Title", "Title | Site")."""
    t = _norm_space(title)
    if not t:
        return None
    for h in h1s:  # an <h1> that is the title minus its decoration
        if len(h) >= 10 and h != t and h in t and len(h) >= 0.4 * len(t):
            return h
    parts = [p for p in _TITLE_SEPARATORS_RE.split(t) if p.strip()]
    if len(parts) > 1:
        names = {s.casefold() for s in sites if s}
        kept = [p for p in parts if p.strip().casefold() not in names]
        if 0 < len(kept) < len(parts):
            return " - ".join(p.strip() for p in kept)
    return t


def _authors(declared: list[str | None], inferred: str | None) -> str | None:
    """Author names: declared ones (meta, JSON-LD, the feed) with junk parts dropped; else
    trafilatura's inference, only when none of its parts is junk (junk means it read a logo
    block or a URL, so the rest is not trustworthy either)."""
    for value in [*declared, inferred]:
        if not value:
            continue
        parts = [_norm_space(p) for p in re.split(r"[;|]", value)]
        good = [p for p in parts if 2 < len(p) <= 80 and not _BAD_AUTHOR_RE.search(p)]
        if good and (value is not inferred or len(good) == len(parts)):
            return "; ".join(dict.fromkeys(good))
    return None


_PERSIAN_ONLY = frozenset("پچژگکی")  # letters Persian writes and Arabic does not
_URDU_ONLY = frozenset("ٹڈڑںےہھ")


def _script_language(text: str) -> str | None:
    """The language the text's script shows unambiguously (ar, fa, ur, ko, ja, he), else None."""
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None
    counts = {"arabic": 0, "hangul": 0, "kana": 0, "hebrew": 0}
    persian = urdu = 0
    for ch in letters:
        o = ord(ch)
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            counts["arabic"] += 1
            persian += ch in _PERSIAN_ONLY
            urdu += ch in _URDU_ONLY
        elif 0xAC00 <= o <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 0.5 * len(letters):
        return None
    if script == "arabic":
        if urdu > 0.01 * n:
            return "ur"
        return "fa" if persian > 0.01 * n else "ar"
    return {"hangul": "ko", "kana": "ja", "hebrew": "he"}[script]


def _page_date_guess(html: str, tree: Any, url: str | None, trafilatura_date: str | None) -> str | None:
    """A date inferred from the page when it declares none: trafilatura's (htmldate's quick
    search), else htmldate's extensive search, accepted only when the page spells out that
    very date (its year-only fallbacks, such as a copyright line's year, are refused)."""
    if trafilatura_date:
        return trafilatura_date
    try:
        from htmldate import find_date

        guess = find_date(tree if tree is not None else html, url=url, original_date=True,
                          extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises assorted errors on odd markup; a guess is optional
        return None
    if not guess:
        return None
    y, m, d = guess.split("-")
    spellings = {f"{y}-{m}-{d}", f"{y}/{m}/{d}", f"{d}-{m}-{y}", f"{d}/{m}/{y}", f"{d}.{m}.{y}",
                 f"{y}{m}{d}", f"{y}/{int(m)}/{int(d)}", f"{int(d)}/{int(m)}/{y}"}
    return guess if any(s in html for s in spellings) else None


@parser("html")
def parse_html_page(data: bytes, meta: dict[str, Any]) -> Fields:
    """An article page: main text via trafilatura, metadata from the page's declarations,
    then the listing's hints (``meta["hints"]``), then trafilatura's and htmldate's guesses."""
    import trafilatura
    from lxml import html as lxml_html

    html = decode_html(data, meta.get("charset"))
    hints = meta.get("hints") or {}
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, Exception):  # lxml raises its own types on broken documents
        tree = None
    tags = _meta_tags(tree, html)
    fetched = meta.get("url")
    declared_url = tags.get("canonical") or tags.get("og:url")
    if fetched:
        # A canonical link on another site (a mirror's, a bare IP's) does not name this page.
        url = declared_url if declared_url and _same_site(declared_url, fetched) else fetched
    else:
        url = declared_url
    doc = trafilatura.bare_extraction(
        html, url=fetched or url, with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    doc = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = doc.get("text") or ""
    h1s = [_norm_space(el.text_content()) for el in tree.iter("h1")][:5] if tree is not None else []
    sites = [s for s in (tags.get("og:site_name"), tags.get("ld:publisher"), doc.get("sitename")) if s]
    title = next((t for t in (tags.get("og:title"), tags.get("ld:headline"), tags.get("twitter:title"),
                              doc.get("title"), hints.get("title")) if _norm_space(t)), None)
    categories = doc.get("categories") or []
    declared_lang = (tags.get("html:lang") or tags.get("content-language") or tags.get("ld:inlanguage")
                     or tags.get("og:locale") or hints.get("language") or "")
    declared_lang = declared_lang.replace("_", "-").split("-")[0].strip().lower() or None
    return Fields(
        text=text,
        title=_clean_title(title, h1s, sites),
        external_id=meta.get("file_name"),
        outlet=sites[0] if sites else None,
        url=url,
        published=_published(tags) or hints.get("published"),
        category=(next((tags[k] for k in _SECTION_KEYS if tags.get(k)), None) or hints.get("category")
                  or (categories[0] if isinstance(categories, list) and len(categories) == 1 else None)),
        author=_authors([*(tags.get(k) for k in _AUTHOR_KEYS), hints.get("author")], doc.get("author")),
        extra={"date_guess": _page_date_guess(html, tree, fetched or url, doc.get("date")),
               "language": _script_language(text) or declared_lang,
               "declared_language": declared_lang},
    )
