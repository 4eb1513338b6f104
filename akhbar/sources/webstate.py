"""Fetch state of web sources: what each source has seen, fetched and failed to fetch.

One Parquet file per source, ``_state/fetch/<slug>/state.parquet``, one row per URL (feeds
and sitemaps are ``kind = document``, pages ``kind = article``): the listing's change
marker (``lastmod``/``updated``/date), the listing's hints for the page parser, the last
good fetch (validators, SHA-256, raw-zone path) and the last failed one. It is queryable
like any table::

    duckdb -c "select url, good.status, good.etag, failures from '<wh>/_state/fetch/*/state.parquet'"

The state changes only in ``commit()``, after a successful publish: workers write what
they fetched as JSON fragments under ``_state/fetch/<slug>/pending/<run_id>/`` and the
commit folds them in. A failed run leaves the state as it was, so its new items are new
again next time; fragments of runs that never committed are removed by the next plan.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from akhbar.fetch import TRANSIENT_ERRORS
from akhbar.schema import TS
from akhbar.storage import Storage

STATE_ROOT = "_state/fetch"

FETCH_STRUCT = pa.struct([
    ("fetch_id", pa.string()),
    ("url", pa.string()),
    ("final_url", pa.string()),
    ("status", pa.int32()),
    ("content_type", pa.string()),
    ("charset", pa.string()),
    ("etag", pa.string()),
    ("last_modified", pa.string()),
    ("content_length", pa.int64()),
    ("sha256", pa.string()),
    ("raw_path", pa.string()),
    ("fetched_at", TS),
    ("elapsed_ms", pa.int32()),
    ("attempts", pa.int16()),
    ("error", pa.string()),
    ("message", pa.string()),
])
HINT_FIELDS = ("title", "published", "author", "category", "language")
HINTS_STRUCT = pa.struct([(name, pa.string()) for name in HINT_FIELDS])
STATE_SCHEMA = pa.schema([
    ("key", pa.string()),  # canonical URL: tracking-parameter variants are one URL
    ("seq", pa.int64()),  # order of first listing; a replay follows it
    ("kind", pa.string()),  # article | document
    ("url", pa.string()),  # as last listed
    ("marker", pa.string()),  # the listing's change marker at the last settled fetch
    ("hints", HINTS_STRUCT),
    ("good", FETCH_STRUCT),  # last successful fetch (200, or 304 pointing at the kept payload)
    ("last_error", FETCH_STRUCT),  # last failed fetch, null once a fetch succeeds
    ("failures", pa.int32()),  # consecutive failed fetches
    ("first_seen", TS),
    ("last_seen", TS),
])
FETCH_KEYS = tuple(f.name for f in FETCH_STRUCT)


def state_path(slug: str) -> str:
    return f"{STATE_ROOT}/{slug}/state.parquet"


def pending_dir(slug: str, run_id: str | None = None) -> str:
    base = f"{STATE_ROOT}/{slug}/pending"
    return f"{base}/{run_id}" if run_id else base


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _fetch_from_json(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    out = {k: value.get(k) for k in FETCH_KEYS}
    if isinstance(out["fetched_at"], str):
        out["fetched_at"] = dt.datetime.fromisoformat(out["fetched_at"])
    return out


@dataclass(slots=True)
class Update:
    """What one fetch taught about one URL."""

    key: str
    url: str
    kind: str
    seq: int
    marker: str | None
    hints: dict[str, str | None] | None
    outcome: dict[str, Any]  # FETCH_STRUCT fields

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "url": self.url, "kind": self.kind, "seq": self.seq,
                "marker": self.marker, "hints": self.hints, "outcome": self.outcome}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Update:
        outcome = _fetch_from_json(value["outcome"])
        assert outcome is not None
        return cls(value["key"], value["url"], value["kind"], int(value["seq"]), value.get("marker"),
                   value.get("hints"), outcome)


@dataclass
class FetchState:
    """The fetch state of one source."""

    slug: str
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    loaded: bool = False  # a state file existed

    @classmethod
    def load(cls, storage: Storage, slug: str) -> FetchState:
        table = storage.read_parquet(state_path(slug))
        state = cls(slug, loaded=table is not None)
        if table is not None:
            for row in table.to_pylist():
                state.rows[row["key"]] = row
        return state

    @property
    def next_seq(self) -> int:
        return max((int(r["seq"]) for r in self.rows.values()), default=-1) + 1

    def articles(self) -> list[dict[str, Any]]:
        """Article rows in the order they were first listed."""
        return sorted((r for r in self.rows.values() if r["kind"] == "article"),
                      key=lambda r: (r["seq"], r["key"]))

    def apply(self, update: Update, now: dt.datetime) -> None:
        row = self.rows.get(update.key)
        if row is None:
            row = {"key": update.key, "seq": update.seq, "kind": update.kind, "url": update.url,
                   "marker": None, "hints": None, "good": None, "last_error": None, "failures": 0,
                   "first_seen": now, "last_seen": now}
            self.rows[update.key] = row
        row["url"], row["last_seen"] = update.url, now
        if update.hints and any(update.hints.values()):
            row["hints"] = {k: update.hints.get(k) for k in HINT_FIELDS}
        outcome = update.outcome
        if outcome.get("error") is None:
            row["good"], row["last_error"], row["failures"] = outcome, None, 0
            row["marker"] = update.marker
        else:
            row["last_error"] = outcome
            row["failures"] = int(row["failures"] or 0) + 1
            if outcome["error"] not in TRANSIENT_ERRORS:
                row["marker"] = update.marker  # settled: refetched only when the listing changes

    def save(self, storage: Storage) -> None:
        rows = sorted(self.rows.values(), key=lambda r: (r["seq"], r["key"]))
        storage.write_parquet(state_path(self.slug), pa.Table.from_pylist(rows, STATE_SCHEMA))


def needs_fetch(row: dict[str, Any] | None, marker: str | None, *, revalidate: bool,
                retry_failed: int) -> bool:
    """Whether a listed URL is fetched this run: new, changed, due for a retry, or revalidated."""
    if row is None:
        return True
    error = row.get("last_error")
    if error and error.get("error") in TRANSIENT_ERRORS and int(row.get("failures") or 0) <= retry_failed:
        return True
    if marker and marker != row.get("marker"):
        return True
    return bool(revalidate and row.get("good"))


def write_fragment(storage: Storage, slug: str, run_id: str, name: str, updates: list[Update]) -> None:
    body = json.dumps([u.to_json() for u in updates], ensure_ascii=False, default=_to_json)
    storage.write_bytes(f"{pending_dir(slug, run_id)}/{name}.json", body.encode("utf-8"))


def read_fragments(storage: Storage, slug: str, run_id: str) -> list[Update]:
    folder = pending_dir(slug, run_id)
    updates: list[Update] = []
    for name in storage.list_dir(folder):
        if name.endswith(".json") and not name.startswith("."):
            data = storage.read_bytes(f"{folder}/{name}")
            if data:
                updates.extend(Update.from_json(v) for v in json.loads(data))
    return updates


def clear_fragments(storage: Storage, slug: str, run_id: str | None = None) -> None:
    """Remove the fragments of ``run_id`` (or of every run: stale ones of crashed runs)."""
    runs = [run_id] if run_id else storage.list_dir(pending_dir(slug))
    for run in runs:
        folder = pending_dir(slug, run)
        for name in storage.list_dir(folder):
            storage.delete(f"{folder}/{name}")
