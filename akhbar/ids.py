"""Deterministic identifiers: canonical URLs, article ids, content and input hashes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only track clicks; they never change which article a URL names.
_TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_[a-z]+|yclid|igshid|ocid|ref|ref_src|"
    r"cmpid|cmp|s_cid|_ga|amp|outputType|from)$",
    re.IGNORECASE,
)


def _digest(*parts: str, size: int = 16) -> str:
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def canonical_url(url: str | None) -> str | None:
    """Normalize a URL so that trivially different spellings of one address compare equal.

    Lowercases the host, drops default ports, fragments and tracking parameters, sorts the
    query and normalizes percent-encoding (Arabic paths given raw or encoded map to one
    form). Host names are kept as given, ``www.`` included.
    Returns None for values that are not http(s) URLs.
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        return None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = quote(unicodedata.normalize("NFC", unquote(parts.path)), safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAMS.match(k)]
    query.sort()
    # Both schemes name the same article; https is the canonical spelling.
    return urlunsplit(("https", host, path, urlencode(query, doseq=True), ""))


def article_id(*, url: str | None, source: str, external_id: str | None,
               title: str | None, text: str) -> str:
    """Deterministic article id: canonical URL if any, else source + external id, else content."""
    canon = canonical_url(url)
    if canon:
        return _digest("url", canon)
    if external_id:
        return _digest("ext", source, str(external_id))
    return _digest("content", content_hash(title, text))


def content_hash(title: str | None, text: str) -> str:
    """Hash of an article's words, insensitive to whitespace and Unicode composition."""
    def norm(s: str | None) -> str:
        # split() and re's \s both break on str.isspace() characters: runs of blanks → " ".
        return " ".join(unicodedata.normalize("NFC", s or "").split())

    return _digest(norm(title), norm(text))


def input_hash(source: str, payload: bytes, pipeline_version: str) -> str:
    """Identity of one raw input as processed by one version of the code.

    An input whose hash is already in the warehouse needs no work in an incremental run.
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(source.encode("utf-8", "surrogatepass"))
    h.update(b"\x1f")
    h.update(pipeline_version.encode())
    h.update(b"\x1f")
    h.update(payload)
    return h.hexdigest()


def stable_id(*parts: str, size: int = 16) -> str:
    """A short deterministic id from string parts (quote ids, quarantine ids)."""
    return _digest(*parts, size=size)
