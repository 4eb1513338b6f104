"""The raw landing zone: every payload an HTTP source fetched, stored once and never changed.

Layout (one function, :func:`akhbar.layout.raw_payload_path`, makes every path)::

    raw/date=YYYY-MM-DD/source=<slug>/<sha256>.html.gz        a page, as received (decoded)
    raw/date=YYYY-MM-DD/source=<slug>/<sha256>.xml.gz         a feed or sitemap
    raw/date=YYYY-MM-DD/source=<slug>/<sha256>.fetch.json.gz  one fetch's metadata

Files are content-addressed (the name is the SHA-256 of the uncompressed bytes), gzip with
a zero timestamp (the same bytes always give the same file), written aside and renamed
(atomic) and skipped when already present (immutable). A fetch record is itself a small
content-addressed JSON document: requested and final URL, status, redirects, selected
response headers, validators, ``fetched_at``, what kind of document it was, the listing's
hints, and the path of the payload it produced. ``--reprocess`` replays payloads from here
without network; the records make the zone self-describing even without the fetch state.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from typing import Any

from akhbar.errors import AkhbarError
from akhbar.layout import raw_payload_path
from akhbar.storage import Storage

RAW_ROOT = "raw"
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024  # reading back: far above any fetch cap


class RawZoneError(AkhbarError):
    """A payload that should be in the raw zone is missing or does not match its hash."""


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


class RawZone:
    """One source's part of the raw landing zone."""

    def __init__(self, storage: Storage, source_slug: str) -> None:
        self.storage = storage
        self.slug = source_slug

    def put(self, data: bytes, *, date: dt.date, ext: str) -> tuple[str, str]:
        """Store ``data`` (once); return its SHA-256 and warehouse-relative path."""
        sha = hashlib.sha256(data).hexdigest()
        rel = raw_payload_path(date, self.slug, sha, ext)
        if not self.storage.exists(rel):
            self.storage.write_bytes(rel, gzip.compress(data, compresslevel=6, mtime=0))
        return sha, rel

    def put_record(self, record: dict[str, Any], *, date: dt.date) -> str:
        """Store one fetch's metadata; return its path."""
        body = json.dumps(record, ensure_ascii=False, sort_keys=True, default=_json_default)
        return self.put(body.encode("utf-8"), date=date, ext="fetch.json")[1]

    def get(self, rel: str, sha256: str | None = None) -> bytes:
        """The stored bytes at ``rel``, checked against ``sha256`` when given."""
        if not rel.startswith(f"{RAW_ROOT}/"):
            raise RawZoneError(f"not a raw-zone path: {rel!r}")
        packed = self.storage.read_bytes(rel)
        if packed is None:
            raise RawZoneError(f"raw payload {rel} is missing")
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(packed)) as fh:
                data = fh.read(MAX_PAYLOAD_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise RawZoneError(f"raw payload {rel} is damaged: {exc}") from None
        if len(data) > MAX_PAYLOAD_BYTES:
            raise RawZoneError(f"raw payload {rel} is larger than {MAX_PAYLOAD_BYTES} bytes")
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            raise RawZoneError(f"raw payload {rel} does not match its hash {sha256}")
        return data

    def records(self) -> Iterator[dict[str, Any]]:
        """Every fetch record of this source, in path order (date, then hash)."""
        for date_dir in self.storage.list_dir(RAW_ROOT):
            if not date_dir.startswith("date="):
                continue
            folder = f"{RAW_ROOT}/{date_dir}/source={self.slug}"
            for name in self.storage.list_dir(folder):
                if name.endswith(".fetch.json.gz"):
                    try:
                        yield json.loads(self.get(f"{folder}/{name}"))
                    except (RawZoneError, ValueError):
                        continue  # a damaged record is skipped, the payloads stay usable
