"""Warehouse layout: source slugs and the one function that maps a partition to a path.

Every table lives under ``<warehouse>/<table>/date=YYYY-MM-DD/source=<slug>/``. Partition
columns are not stored inside the Parquet files (the Hive convention that DuckDB, Spark,
Trino and pyarrow all read), so ``date`` and ``source`` come from the path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

TABLES: tuple[str, ...] = ("articles", "quotes", "keywords", "article_topics", "topics",
                           "quarantine", "fetches", "runs")
# Tables partitioned by date only (rows belong to a run or a model, not to a source).
DATE_ONLY_TABLES: frozenset[str] = frozenset({"runs", "topics"})
DATA_FILE = "data.parquet"

_SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")

# A readable, lossy romanization of Arabic letters; lossy names get a hash suffix so two
# different outlets never share a slug.
_AR_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh",
    "ڤ": "v", "گ": "g", "ک": "k", "ی": "y", "ـ": "",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}


def source_slug(name: str) -> str:
    """Map an outlet or source name to a lowercase ASCII slug that is safe as a path part.

    ASCII names map readably (``Al-Riyadh`` → ``al-riyadh``); names with other scripts are
    romanized and get a short hash of the original so distinct names never collide.
    """
    if not isinstance(name, str):
        name = str(name)
    decomposed = unicodedata.normalize("NFKD", name.strip())
    out: list[str] = []
    lossy = False
    for ch in decomposed:
        if ch.isascii():
            out.append(ch.lower() if ch.isalnum() else "-")
        elif unicodedata.combining(ch):
            continue  # accents on Latin letters, Arabic diacritics
        elif ch in _AR_TRANSLIT:
            out.append(_AR_TRANSLIT[ch])
            lossy = True
        else:
            out.append("-")
            lossy = True
    slug = re.sub(r"-+", "-", "".join(out)).strip("-")[:60].strip("-")
    digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    if not slug:
        return f"src-{digest}"
    if lossy:
        return f"{slug}-{digest[:6]}"
    return slug


def is_valid_slug(slug: str) -> bool:
    """True when ``slug`` could have come from :func:`source_slug`."""
    return bool(_SLUG_RE.match(slug))


def partition_dir(table: str, date: dt.date, source: str | None) -> str:
    """The one mapping from (table, date, source) to a warehouse-relative directory."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    if not isinstance(date, dt.date):
        raise TypeError(f"partition date must be a date, not {type(date).__name__}")
    parts = [table, f"date={date.isoformat()}"]
    if table in DATE_ONLY_TABLES:
        if source is not None:
            raise ValueError(f"table {table!r} is partitioned by date only")
    else:
        if source is None or not is_valid_slug(source):
            raise ValueError(f"invalid source slug {source!r}")
        parts.append(f"source={source}")
    return "/".join(parts)


def partition_path(table: str, date: dt.date, source: str | None, file: str = DATA_FILE) -> str:
    """Warehouse-relative path of a partition's data file."""
    return f"{partition_dir(table, date, source)}/{file}"


def parse_partition_dir(rel_dir: str) -> tuple[str, dt.date, str | None]:
    """Inverse of :func:`partition_dir`: ``articles/date=…/source=…`` → (table, date, source)."""
    parts = rel_dir.strip("/").split("/")
    table = parts[0]
    date = dt.date.fromisoformat(parts[1].removeprefix("date="))
    source = parts[2].removeprefix("source=") if len(parts) > 2 else None
    return table, date, source


_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_EXT_RE = re.compile(r"^[a-z0-9]{1,10}(?:\.[a-z0-9]{1,10}){0,2}$")


def raw_payload_path(date: dt.date, source: str, sha256: str, ext: str) -> str:
    """Warehouse-relative path of one payload in the raw landing zone of HTTP sources:
    ``raw/date=YYYY-MM-DD/source=<slug>/<sha256>.<ext>.gz`` (content-addressed, gzip).

    ``date`` is the fetch date, ``source`` the configured source's slug, ``sha256`` the
    hex digest of the stored (uncompressed) bytes and ``ext`` what they are (``html``,
    ``xml``, ``fetch.json``): checked like :func:`partition_dir` checks its parts, so no
    value can make the path leave its partition.
    """
    if not isinstance(date, dt.date):
        raise TypeError(f"raw payload date must be a date, not {type(date).__name__}")
    if not isinstance(source, str) or not is_valid_slug(source):
        raise ValueError(f"invalid source slug {source!r}")
    if not isinstance(sha256, str) or not _SHA256_RE.match(sha256):
        raise ValueError(f"invalid sha256 {sha256!r}: 64 lowercase hex digits expected")
    if not isinstance(ext, str) or not _EXT_RE.match(ext):
        raise ValueError(f"invalid payload extension {ext!r}")
    return f"raw/date={date.isoformat()}/source={source}/{sha256}.{ext}.gz"
