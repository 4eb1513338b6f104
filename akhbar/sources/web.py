"""HTTP source kinds: ``rss`` (RSS 2.0, RSS 1.0, Atom), ``sitemap`` (sitemaps, news
sitemaps, sitemap indexes) and ``urls`` (a list of article URLs).

How a run uses them:

- ``plan()`` (flow process) fetches the feed or sitemaps with conditional GET (ETag,
  Last-Modified), stores each document in the raw landing zone, and turns the URLs that are
  new, changed (the listing's ``lastmod``/``updated`` moved), due for a retry (an earlier
  transient failure, listed or not) or up for revalidation into batch specs. A listing that
  answers 304 is re-read from its kept copy (no network), so the children of an unchanged
  sitemap index are still checked; a child whose ``lastmod`` in the index did not move is
  not requested at all. Feeds or sitemaps that fail become a batch of failure
  records, so they reach quarantine (stage ``fetch``) like failed pages.
- ``read()`` (workers) fetches a batch's pages concurrently (conditional GET when the page
  was fetched before), stores each payload in the raw zone, and yields one ``html`` raw
  record per page or one failure record per URL that failed, each with its ``fetches``
  row. A 304 yields the kept payload from the raw zone, which the pipeline then counts as
  unchanged. What was learned goes to a fragment for ``commit()``.
- ``commit()`` (after a successful publish) folds the plan's document outcomes and the
  workers' fragments into the fetch state (:mod:`akhbar.sources.webstate`).
- With ``--reprocess`` no network is used: ``plan()`` lists every page of the fetch state
  (or, without one, of the raw zone's fetch records) and ``read()`` replays the stored
  payloads and recorded failures.

See :mod:`akhbar.fetch` for the safety rules every request follows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from akhbar.errors import ConfigError
from akhbar.fetch import (
    DEFAULT_USER_AGENT,
    PACER,
    Fetcher,
    FetchFailure,
    FetchPolicy,
    FetchResult,
    check_url,
    gunzip_bounded,
    run_async,
)
from akhbar.ids import canonical_url, stable_id
from akhbar.layout import source_slug
from akhbar.rawzone import RawZone, RawZoneError
from akhbar.schema import FETCHES
from akhbar.sources import register
from akhbar.sources.base import BatchSpec, RawRecord, SourceReader
from akhbar.sources.feeds import Entry, ListingError, parse_listing
from akhbar.sources.progress import Progress
from akhbar.sources.webstate import (
    FETCH_KEYS,
    FetchState,
    Update,
    clear_fragments,
    needs_fetch,
    read_fragments,
    write_fragment,
)
from akhbar.storage import Storage, open_storage

log = logging.getLogger("akhbar.sources.web")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                "text/xml;q=0.9, */*;q=0.5")
_FETCH_ROW_KEYS = tuple(f.name for f in FETCHES if f.name != "run_id")


# --- options --------------------------------------------------------------------------


class WebOptions(BaseModel):
    """Options every HTTP source kind takes (see README: web sources)."""

    model_config = ConfigDict(extra="forbid")

    user_agent: str = Field(DEFAULT_USER_AGENT, min_length=1, max_length=500)
    timeout_s: float = Field(20.0, gt=0, le=600)
    max_total_s: float = Field(90.0, gt=0, le=3600)
    max_attempts: int = Field(4, ge=1, le=20)
    backoff_s: float = Field(1.0, ge=0, le=600)
    backoff_max_s: float = Field(30.0, ge=0, le=3600)
    max_retry_after_s: float = Field(120.0, ge=0, le=86_400)
    max_concurrency: int = Field(8, ge=1, le=256)
    delay_s: float = Field(1.0, ge=0, le=3600)
    respect_robots: bool = True
    allow_private_network: bool | list[str] = False
    max_bytes: int = Field(10 * 1024 * 1024, ge=1024)
    max_decompressed_bytes: int = Field(30 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(5, ge=0, le=30)
    max_items: int | None = Field(None, ge=1)  # pages fetched per run (the rest wait)
    retry_failed: int = Field(3, ge=0, le=100)  # later runs that retry a transient failure
    revalidate: bool = False  # conditional GET of known pages on every run

    @field_validator("allow_private_network")
    @classmethod
    def _networks(cls, v: bool | list[str]) -> bool | list[str]:
        if isinstance(v, list):
            for net in v:
                try:
                    ipaddress.ip_network(net, strict=False)
                except ValueError:
                    raise ValueError(f"not an IP network: {net!r}") from None
        return v

    def policy(self) -> FetchPolicy:
        allow = self.allow_private_network
        return FetchPolicy(
            user_agent=self.user_agent, timeout_s=self.timeout_s, max_total_s=self.max_total_s,
            max_attempts=self.max_attempts, backoff_s=self.backoff_s,
            backoff_max_s=self.backoff_max_s, max_retry_after_s=self.max_retry_after_s,
            max_bytes=self.max_bytes, max_decompressed_bytes=self.max_decompressed_bytes,
            max_redirects=self.max_redirects, delay_s=self.delay_s,
            max_concurrency=self.max_concurrency, respect_robots=self.respect_robots,
            allow_private_network=tuple(allow) if isinstance(allow, list) else allow)


def _http_url(v: str) -> str:
    try:
        return check_url(v)
    except FetchFailure as exc:
        raise ValueError(str(exc)) from None


class FeedOptions(WebOptions):
    url: str

    @field_validator("url")
    @classmethod
    def _check_url(cls, v: str) -> str:
        return _http_url(v)


class SitemapOptions(FeedOptions):
    max_sitemaps: int = Field(100, ge=1, le=10_000)  # documents fetched per run
    max_depth: int = Field(3, ge=0, le=10)  # nesting of sitemap indexes


class UrlsOptions(WebOptions):
    urls: list[str] = Field(default_factory=list)
    path: str | None = None  # a text file: one URL per line, '#' comments

    @model_validator(mode="after")
    def _some_urls(self) -> UrlsOptions:
        if not self.urls and not self.path:
            raise ValueError("give 'urls' (a list) or 'path' (a file of URLs)")
        return self


# --- helpers --------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def _jsonable(fetch: dict[str, Any] | None) -> dict[str, Any] | None:
    """A fetch dict that travels in a batch spec (plain types only)."""
    return None if fetch is None else {k: _iso(fetch.get(k)) for k in FETCH_KEYS}


def _from_jsonable(fetch: dict[str, Any] | None) -> dict[str, Any] | None:
    if fetch is None:
        return None
    out = dict(fetch)
    if isinstance(out.get("fetched_at"), str):
        out["fetched_at"] = dt.datetime.fromisoformat(out["fetched_at"])
    return out


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head


# --- readers --------------------------------------------------------------------------


class _WebReader(SourceReader):
    """What the three kinds share: state, raw zone, fetching pages, replay, commit."""

    Options = WebOptions

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slug = source_slug(self.source.name)
        self._pending: list[Update] = []  # documents fetched while planning
        self._next_seq = 0  # order of first listing for new URLs (set from the state)
        # Requests to one host are paced across all of the run's processes.
        PACER.share(self.env.host_state_dir)

    # -- plumbing --

    def _storage(self) -> Storage:
        if not self.env.warehouse:
            raise ConfigError(f"source {self.source.name!r} ({self.kind}) needs a warehouse "
                              "for its fetch state and raw landing zone")
        return open_storage(self.env.warehouse)

    def _fetch_id(self, url: str, sha: str | None, error: str | None, when: dt.datetime) -> str:
        # One row per (source, URL, payload) and fetch date: a same-day refetch of the same
        # bytes replaces its row; the date keeps the key unique across date partitions.
        what = sha or f"error:{error}"
        return stable_id(self.source.name, url, what, when.astimezone(dt.UTC).date().isoformat())

    def _outcome(self, res: FetchResult, *, sha: str | None = None, raw_path: str | None = None,
                 prev: dict[str, Any] | None = None, error: tuple[str, str] | None = None) -> dict[str, Any]:
        """One fetch as a FETCH_STRUCT dict (state, fragments, fetches rows)."""
        kept = prev if res.not_modified and prev else {}
        code, message = error or (res.error, res.message or None)
        out = {
            "url": res.url, "final_url": res.final_url, "status": res.status,
            "content_type": res.content_type or kept.get("content_type"),
            "charset": res.charset or kept.get("charset"),
            "etag": res.headers.get("etag") or kept.get("etag"),
            "last_modified": res.headers.get("last-modified") or kept.get("last_modified"),
            "content_length": len(res.body) if sha and not kept else kept.get("content_length"),
            "sha256": sha or kept.get("sha256"),
            "raw_path": raw_path or kept.get("raw_path"),
            "fetched_at": res.fetched_at, "elapsed_ms": res.elapsed_ms, "attempts": res.attempts,
            "error": code, "message": message,
        }
        if code and not sha:
            out["sha256"] = out["raw_path"] = out["content_length"] = None
        out["fetch_id"] = self._fetch_id(res.url, out["sha256"], code, res.fetched_at)
        return out

    def _fetch_row(self, outcome: dict[str, Any]) -> dict[str, Any]:
        """The ``fetches`` table row of one outcome, with its partition keys."""
        row = {k: outcome.get(k) for k in _FETCH_ROW_KEYS}
        row["source_config"] = self.source.name
        row["date"] = outcome["fetched_at"].astimezone(dt.UTC).date()
        row["source"] = self.slug
        return row

    def _failure(self, url: str, outcome: dict[str, Any]) -> RawRecord:
        return RawRecord(self.source.name, "html", url, b"",
                         meta={"fetch": self._fetch_row(outcome)},
                         error=(outcome["error"], outcome.get("message") or outcome["error"]),
                         error_stage="fetch")

    def _store(self, zone: RawZone, res: FetchResult, *, kind: str, ext: str, key: str,
               seq: int, hints: dict[str, Any] | None, marker: str | None,
               body: bytes | None = None) -> tuple[str, str]:
        """Store a payload and its fetch record in the raw zone; return (sha256, path)."""
        day = res.fetched_at.astimezone(dt.UTC).date()
        payload = res.body if body is None else body
        sha, rel = zone.put(payload, date=day, ext=ext)
        zone.put_record({
            "kind": kind, "source_config": self.source.name, "key": key, "seq": seq,
            "url": res.url, "final_url": res.final_url, "redirects": res.redirects,
            "status": res.status, "headers": res.headers, "fetched_at": res.fetched_at,
            "elapsed_ms": res.elapsed_ms, "attempts": res.attempts, "sha256": sha,
            "raw_path": rel, "content_length": len(payload), "charset": res.charset,
            "content_type": res.content_type, "etag": res.headers.get("etag"),
            "last_modified": res.headers.get("last-modified"), "hints": hints, "marker": marker,
            "fetch_id": self._fetch_id(res.url, sha, None, res.fetched_at),
            "user_agent": self.options.user_agent,
        }, date=day)
        return sha, rel

    # -- plan --

    def plan(self, batch_size: int) -> list[BatchSpec]:
        storage = self._storage()
        state = FetchState.load(storage, self.slug)
        clear_fragments(storage, self.slug)  # leftovers of runs that never committed
        if self.env.reprocess:
            return self._plan_replay(storage, state, batch_size)
        zone = RawZone(storage, self.slug)
        self._next_seq = state.next_seq
        entries, failures = self._discover(state, zone)
        items: list[dict[str, Any]] = []
        keys: set[str] = set()
        opts = self.options
        for entry in entries:
            key = canonical_url(entry.url) or entry.url
            if key in keys:
                continue
            keys.add(key)
            row = state.rows.get(key)
            if row is not None and row["kind"] != "article":
                continue  # a listing that lists itself or another listing
            if not needs_fetch(row, entry.marker, revalidate=opts.revalidate, retry_failed=opts.retry_failed):
                continue
            item_seq = int(row["seq"]) if row else self._new_seq()
            items.append({"url": entry.url, "key": key, "seq": item_seq, "marker": entry.marker,
                          "hints": entry.hints(), "prev": _jsonable(row["good"]) if row else None})
            if opts.max_items and len(items) >= opts.max_items:
                break
        # Earlier transient failures are retried even when the listing no longer shows them
        # (a 304 feed, an unchanged sitemap): they were listed once and never settled.
        for row in state.articles():
            if opts.max_items and len(items) >= opts.max_items:
                break
            if row["key"] not in keys and row.get("last_error") and needs_fetch(
                    row, None, revalidate=False, retry_failed=opts.retry_failed):
                items.append({"url": row["url"], "key": row["key"], "seq": int(row["seq"]),
                              "marker": row.get("marker"), "hints": row.get("hints"),
                              "prev": _jsonable(row.get("good"))})
        specs: list[BatchSpec] = []
        if failures:
            specs.append(BatchSpec(self.source.name, self.kind, 0,
                                   {"mode": "failures", "items": failures}))
        parts = -(-len(items) // batch_size)
        for start in range(0, len(items), batch_size):
            specs.append(BatchSpec(self.source.name, self.kind, len(specs),
                                   {"mode": "fetch", "items": items[start:start + batch_size],
                                    "part": start // batch_size + 1, "parts": parts}))
        log.info("%s: %d listed, %d to fetch, %d listing failures",
                 self.source.name, len(keys), len(items), len(failures))
        return specs

    def _new_seq(self) -> int:
        self._next_seq += 1
        return self._next_seq - 1

    def _discover(self, state: FetchState, zone: RawZone) -> tuple[list[Entry], list[dict[str, Any]]]:
        """The entries the source lists now, and failed listing fetches (as failure items)."""
        raise NotImplementedError

    def _fetch_listings(self, state: FetchState, zone: RawZone, roots: list[str], *,
                        max_docs: int, max_depth: int) -> tuple[list[Entry], list[dict[str, Any]]]:
        """Fetch feeds/sitemaps breadth-first (indexes lead to children); conditional GET."""
        entries: list[Entry] = []
        failures: list[dict[str, Any]] = []

        async def crawl() -> None:
            queue: list[tuple[Entry, int]] = [(Entry(u), 0) for u in roots]
            seen: set[str] = set()
            fetched = 0
            async with Fetcher(self.options.policy()) as fetcher:
                progress = Progress(f"{self.source.name}: listings", len(queue))
                try:
                    while queue and fetched < max_docs:
                        doc, depth = queue.pop(0)
                        key = canonical_url(doc.url) or doc.url
                        if key in seen:
                            continue
                        seen.add(key)
                        row = state.rows.get(key)
                        if row and row.get("good") and doc.updated and doc.updated == row.get("marker") \
                                and not row.get("last_error"):
                            progress.advance()
                            continue  # the index says this sitemap has not changed since
                        doc_seq = int(row["seq"]) if row else self._new_seq()
                        good = row.get("good") if row else None
                        if good and not (good.get("raw_path") and zone.storage.exists(good["raw_path"])):
                            good = None  # the kept copy is gone: a 304 would leave nothing to read
                        res = await fetcher.fetch(doc.url, etag=good and good.get("etag"),
                                                  last_modified=good and good.get("last_modified"),
                                                  accept=_FEED_ACCEPT)
                        fetched += 1
                        children, found, outcome = self._read_listing(zone, res, key, doc_seq, doc, good)
                        self._pending.append(Update(key, doc.url, "document", doc_seq, doc.updated,
                                                    None, outcome))
                        if outcome["error"]:
                            failures.append({"url": doc.url, "outcome": _jsonable(outcome)})
                            log.warning("%s: %s failed: %s", self.source.name, doc.url, outcome["message"])

                        entries.extend(found)
                        if depth < max_depth:
                            queue.extend((c, depth + 1) for c in children)
                            progress.total += len(children)
                        progress.advance(not outcome["error"])
                finally:
                    progress.close()

        run_async(crawl)
        return entries, failures

    def _read_listing(self, zone: RawZone, res: FetchResult, key: str, seq: int, doc: Entry,
                      good: dict[str, Any] | None) -> tuple[list[Entry], list[Entry], dict[str, Any]]:
        """(child sitemaps, entries, outcome) of one fetched listing."""
        if res.not_modified and good:
            # Unchanged, but still read (from the raw zone, no network): an index's children
            # may have changed behind an unchanged index, and its entries are filtered later.
            outcome = self._outcome(res, prev=good)
            try:
                kept = zone.get(good["raw_path"], good.get("sha256"))
                listing = parse_listing(kept, res.final_url or res.url)
            except (RawZoneError, ListingError):
                return [], [], outcome
            return listing.sitemaps, listing.entries, outcome
        if not res.ok:
            return [], [], self._outcome(res)
        body = res.body
        if body[:2] == b"\x1f\x8b":  # a sitemap.xml.gz served as a file, not as an encoding
            try:
                body = gunzip_bounded(body, self.options.max_decompressed_bytes)
            except FetchFailure as exc:
                return [], [], self._outcome(res, error=(exc.reason, str(exc)))
        # Kept even when it does not parse: the raw zone holds every payload received.
        sha, rel = self._store(zone, res, kind="document", ext="xml", key=key, seq=seq, hints=None,
                               marker=doc.updated, body=body)
        try:
            listing = parse_listing(body, res.final_url or res.url)
        except ListingError as exc:
            return [], [], self._outcome(res, sha=sha, raw_path=rel, error=(exc.reason, str(exc)))
        return listing.sitemaps, listing.entries, self._outcome(res, sha=sha, raw_path=rel)

    def _plan_replay(self, storage: Storage, state: FetchState, batch_size: int) -> list[BatchSpec]:
        """Every page the source has fetched, from the state (or the raw zone's records)."""
        items: list[dict[str, Any]] = []
        if state.loaded:
            for row in state.articles():
                good, error = row.get("good"), row.get("last_error")
                if good or error:
                    items.append({"url": row["url"], "key": row["key"], "seq": row["seq"],
                                  "hints": row.get("hints"), "good": _jsonable(good),
                                  "error": _jsonable(error)})
        else:
            latest: dict[str, dict[str, Any]] = {}
            for rec in RawZone(storage, self.slug).records():
                if rec.get("kind") != "article" or rec.get("source_config") != self.source.name:
                    continue
                if rec["key"] not in latest or rec["fetched_at"] > latest[rec["key"]]["fetched_at"]:
                    latest[rec["key"]] = rec
            for rec in sorted(latest.values(), key=lambda r: (r.get("seq", 0), r["key"])):
                good = {k: rec.get(k) for k in FETCH_KEYS}
                good["error"] = good["message"] = None
                items.append({"url": rec["url"], "key": rec["key"], "seq": rec.get("seq", 0),
                              "hints": rec.get("hints"), "good": good, "error": None})
        return [BatchSpec(self.source.name, self.kind, i // batch_size,
                          {"mode": "replay", "items": items[i:i + batch_size]})
                for i in range(0, len(items), batch_size)]

    # -- read --

    def read(self, spec: BatchSpec) -> Iterator[RawRecord]:
        mode = spec.params.get("mode")
        if mode == "failures":
            for item in spec.params["items"]:
                outcome = _from_jsonable(item["outcome"])
                assert outcome is not None
                yield self._failure(item["url"], outcome)
        elif mode == "replay":
            yield from self._replay(spec)
        else:
            yield from self._fetch_pages(spec)

    def _replay(self, spec: BatchSpec) -> Iterator[RawRecord]:
        zone = RawZone(self._storage(), self.slug)
        for item in spec.params["items"]:
            good, error = _from_jsonable(item.get("good")), _from_jsonable(item.get("error"))
            if good:
                try:
                    data = zone.get(good["raw_path"], good.get("sha256"))
                except RawZoneError as exc:
                    yield RawRecord(self.source.name, "html", item["url"], b"",
                                    error=("raw_missing", str(exc)), error_stage="fetch")
                else:
                    yield self._page(item["url"], data, good, item.get("hints"))
            if error and (not good or error["fetched_at"] >= good["fetched_at"]):
                yield self._failure(item["url"], error)

    def _page(self, url: str, data: bytes, outcome: dict[str, Any],
              hints: dict[str, Any] | None) -> RawRecord:
        meta = {"url": outcome.get("final_url") or url, "charset": outcome.get("charset"),
                "content_type": outcome.get("content_type"), "fetch": self._fetch_row(outcome)}
        if hints:
            meta["hints"] = {k: v for k, v in hints.items() if v}
        return RawRecord(self.source.name, "html", url, data, meta)

    def _fetch_pages(self, spec: BatchSpec) -> Iterator[RawRecord]:
        storage = self._storage()
        zone = RawZone(storage, self.slug)
        items: list[dict[str, Any]] = spec.params["items"]
        parts = spec.params.get("parts", 1)
        label = self.source.name if parts <= 1 else f"{self.source.name} {spec.params['part']}/{parts}"

        async def fetch_all() -> list[FetchResult]:
            async with Fetcher(self.options.policy()) as fetcher:
                with Progress(label, len(items)) as progress:
                    async def one(item: dict[str, Any]) -> FetchResult:
                        prev = item.get("prev") or {}
                        res = await fetcher.fetch(item["url"], etag=prev.get("etag"),
                                                  last_modified=prev.get("last_modified"))
                        kept = prev.get("raw_path")
                        if res.not_modified and not (kept and storage.exists(kept)):
                            res = await fetcher.fetch(item["url"])  # the kept copy is gone: fetch whole
                        progress.advance(res.ok)
                        return res

                    return list(await asyncio.gather(*(one(item) for item in items)))

        results = run_async(fetch_all)
        records: list[RawRecord] = []
        updates: list[Update] = []
        for item, res in zip(items, results, strict=True):
            record, outcome = self._page_record(zone, item, res)
            records.append(record)
            updates.append(Update(item["key"], item["url"], "article", int(item["seq"]),
                                  item.get("marker"), item.get("hints"), outcome))
        write_fragment(storage, self.slug, self.env.run_id or "no-run", f"batch-{spec.index:06d}", updates)
        yield from records

    def _page_record(self, zone: RawZone, item: dict[str, Any],
                     res: FetchResult) -> tuple[RawRecord, dict[str, Any]]:
        prev = _from_jsonable(item.get("prev"))
        if res.not_modified and prev:
            outcome = self._outcome(res, prev=prev)
            try:
                data = zone.get(prev["raw_path"], prev.get("sha256"))
            except RawZoneError as exc:
                outcome = self._outcome(res, error=("raw_missing", str(exc)))
                return self._failure(item["url"], outcome), outcome
            return self._page(item["url"], data, outcome, item.get("hints")), outcome
        if not res.ok:
            outcome = self._outcome(res)
            return self._failure(item["url"], outcome), outcome
        ctype = res.content_type
        is_html = ctype in HTML_TYPES or (ctype in (None, "text/plain", "application/octet-stream")
                                          and _looks_like_html(res.body))
        sha, rel = self._store(zone, res, kind="article" if is_html else "other",
                               ext="html" if is_html else "bin", key=item["key"], seq=int(item["seq"]),
                               hints=item.get("hints"), marker=item.get("marker"))
        if not is_html:
            outcome = self._outcome(res, sha=sha, raw_path=rel, error=(
                "not_html", f"content type {ctype or 'missing'} is not an HTML page"))
            return self._failure(item["url"], outcome), outcome
        outcome = self._outcome(res, sha=sha, raw_path=rel)
        return self._page(item["url"], res.body, outcome, item.get("hints")), outcome

    # -- commit --

    def commit(self) -> None:
        if not self.env.warehouse:
            return
        storage = self._storage()
        run_id = self.env.run_id or "no-run"
        if self.env.reprocess:  # a replay learns nothing new
            clear_fragments(storage, self.slug, run_id)
            return
        updates = self._pending + read_fragments(storage, self.slug, run_id)
        if updates:
            state = FetchState.load(storage, self.slug)
            now = dt.datetime.now(dt.UTC)
            for update in updates:
                state.apply(update, now)
            state.save(storage)
        clear_fragments(storage, self.slug, run_id)
        self._pending = []


@register("rss")
class RssReader(_WebReader):
    """An RSS 2.0, RSS 1.0 or Atom feed; its items' links are the articles."""

    Options = FeedOptions

    def _discover(self, state: FetchState, zone: RawZone) -> tuple[list[Entry], list[dict[str, Any]]]:
        return self._fetch_listings(state, zone, [self.options.url], max_docs=1, max_depth=0)


@register("sitemap")
class SitemapReader(_WebReader):
    """A sitemap, news sitemap or sitemap index (followed to ``max_depth``)."""

    Options = SitemapOptions

    def _discover(self, state: FetchState, zone: RawZone) -> tuple[list[Entry], list[dict[str, Any]]]:
        return self._fetch_listings(state, zone, [self.options.url],
                                    max_docs=self.options.max_sitemaps, max_depth=self.options.max_depth)


@register("urls")
class UrlsReader(_WebReader):
    """A fixed list of article URLs (in the config, or a file with one per line)."""

    Options = UrlsOptions

    def _discover(self, state: FetchState, zone: RawZone) -> tuple[list[Entry], list[dict[str, Any]]]:
        urls = list(self.options.urls)
        if self.options.path:
            try:
                lines = Path(self.options.path).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"source {self.source.name!r}: cannot read {self.options.path}: {exc}") \
                    from None
            urls += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        return [Entry(u.strip()) for u in urls if u.strip()], []
