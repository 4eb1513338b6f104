"""The batch transform: raw records of one batch spec → staged article, quote, keyword and
quarantine rows. Pure apart from reading the batch through its source reader; no Prefect.

Each raw record is parsed, dated, cleaned, tokenized and searched for quotes; keywords are
scored across the batch. Records that cannot become articles turn into quarantine rows
with a stage and a reason, never exceptions: one bad input never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from akhbar import schema
from akhbar.config import SourceConfig
from akhbar.corpus import worker_keyword_stats, worker_topic_model
from akhbar.formats import Fields, Reject, parse
from akhbar.ids import article_id as make_article_id
from akhbar.ids import content_hash, stable_id
from akhbar.layout import source_slug
from akhbar.sources import reader_for
from akhbar.sources.base import BatchSpec, RawRecord, ReaderEnv
from akhbar.stories import StorySignature, quote_fingerprint
from akhbar.stories import signature as story_signature
from akhbar.text.clean import clean_line, clean_text
from akhbar.text.dates import ParsedDate, date_from_url, is_date_line, parse_date
from akhbar.text.features import Features, extract
from akhbar.text.keywords import CorpusStats
from akhbar.text.keywords import score as score_keywords
from akhbar.text.morphology import MorphologyMode, analyze
from akhbar.text.normalize import script_profile, search_form_and_tokens, tokenize
from akhbar.text.quotes import extract_quotes

MIN_ARABIC_RATIO = 0.5
MAX_PERSIAN_SHARE = 0.02  # Persian/Urdu-only letters among Arabic-script letters
EARLIEST_DATE = dt.date(1900, 1, 1)
TOP_KEYWORDS = 10
_NO_STATS = CorpusStats()


@dataclass(frozen=True, slots=True)
class BatchContext:
    """Everything a worker needs to transform a batch; picklable."""

    run_id: str
    run_date: dt.date
    started_at: dt.datetime
    pipeline_version: str
    sources: dict[str, SourceConfig]
    since: dt.date | None = None
    until: dt.date | None = None
    max_text_chars: int = 500_000
    max_raw_bytes: int = 1_000_000
    seen_path: str | None = None  # Arrow file of raw_sha values already done at this version
    force: bool = False
    topic_version: int | None = None  # the current topic model (None: none fitted yet)
    topic_min_weight: float = 0.1
    morphology: MorphologyMode = field(default_factory=lambda: MorphologyMode("none", "not detected"))
    env: ReaderEnv = field(default_factory=ReaderEnv)


@dataclass(slots=True)
class BatchResult:
    """A transformed batch: staged tables (with date/source columns) and counters."""

    spec: BatchSpec
    tables: dict[str, pa.Table]
    counts: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    # Story signatures by article row (``_row``): the driver gives story ids in input order.
    signatures: list[StorySignature] = field(default_factory=list)
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")


def raw_sha(record: RawRecord) -> str:
    """Version-independent identity of a raw input within its configured source."""
    h = hashlib.blake2b(digest_size=16)
    h.update(record.source.encode("utf-8", "surrogatepass"))
    h.update(b"\x1f")
    h.update(record.data if record.data or record.error is None else record.ref.encode())
    return h.hexdigest()


def raw_meta_json(record: RawRecord) -> str:
    """The parser-facing part of a record's meta, as JSON (kept with quarantined inputs so
    that a replay parses them exactly as the first time)."""
    keep = {k: v for k, v in record.meta.items() if k in _REPLAY_META}
    return json.dumps(keep, ensure_ascii=False, default=str, sort_keys=True)


_REPLAY_META = ("url", "charset", "file_name", "path", "mtime", "hints", "content_type")


@lru_cache(maxsize=4)
def _seen(path: str | None) -> frozenset[str]:
    if not path:
        return frozenset()
    with pa.memory_map(path) as src:
        return frozenset(pa.ipc.open_file(src).read_all().column(0).to_pylist())


def _window_ok(date: dt.date, ctx: BatchContext) -> bool:
    return (ctx.since is None or date >= ctx.since) and (ctx.until is None or date <= ctx.until)


def _split_header(text: str, title: str | None) -> tuple[str, ParsedDate | None]:
    """Drop a repeated title and a leading dateline from a cleaned body; return the date."""
    found: ParsedDate | None = None
    for _ in range(3):
        first, _, rest = text.partition("\n")
        line = first.strip()
        if title and line == title:
            text = rest.lstrip("\n")
        elif found is None and is_date_line(line):
            found = parse_date(line)
            text = rest.lstrip("\n")
        else:
            break
    return text, found


def _resolve_date(fields: Fields, header: ParsedDate | None, raw: RawRecord,
                  cfg: SourceConfig) -> tuple[ParsedDate, str]:
    """The documented date rule: record → dateline → URL → page's date guess → fallback."""
    parsed = parse_date(fields.published)
    if parsed:
        return parsed, "record"
    if header:
        return header, "text"
    from_url = date_from_url(fields.url)
    if from_url:
        return ParsedDate(from_url), "url"
    guess = parse_date(fields.extra.get("date_guess"))
    if guess:
        return guess, "page"
    if cfg.date_fallback == "file_mtime" and isinstance(raw.meta.get("mtime"), dt.datetime):
        mtime: dt.datetime = raw.meta["mtime"]
        return ParsedDate(mtime.date(), mtime), "file_mtime"
    if fields.published:
        raise Reject("parse", "bad_date", f"cannot read the date {str(fields.published)[:80]!r}")
    raise Reject("parse", "missing_date",
                 "no date in the record, its text or its URL (see README: dates)")


class _Builder:
    """Accumulates the rows of one batch."""

    def __init__(self, ctx: BatchContext) -> None:
        self.ctx = ctx
        self.articles: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []
        self.quarantine: list[dict[str, Any]] = []
        self.features: list[Features] = []
        self.signatures: list[StorySignature] = []
        self.fetches: list[dict[str, Any]] = []
        self.counts: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()

    def reject(self, raw: RawRecord, sha: str, rej: Reject, *, fields: Fields | None = None,
               article: str | None = None, date: dt.date | None = None) -> None:
        outlet = (fields.outlet if fields else None) or raw.source
        data = raw.data or b""
        cap = self.ctx.max_raw_bytes
        self.quarantine.append({
            "quarantine_id": stable_id(raw.source, sha),
            "stage": rej.stage,
            "reason": rej.reason,
            "message": rej.message[:1000],
            "source_name": outlet,
            "source_config": raw.source,
            "external_id": fields.external_id if fields else None,
            "article_id": article,
            "raw_ref": raw.ref,
            "raw": data[:cap],
            "raw_truncated": len(data) > cap,
            "raw_format": raw.format,
            "raw_meta": raw_meta_json(raw),
            "raw_sha": sha,
            "pipeline_version": self.ctx.pipeline_version,
            "run_id": self.ctx.run_id,
            "quarantined_at": self.ctx.started_at,
            "date": date,  # None: the publisher keeps an earlier partition or uses the run date
            "source": source_slug(outlet),
        })
        self.counts["quarantined"] += 1

    def add(self, raw: RawRecord) -> None:
        """Transform one raw record; any failure becomes a quarantine row, never a crash."""
        self.counts["read"] += 1
        fetch = raw.meta.get("fetch")
        if isinstance(fetch, dict):  # HTTP sources log every fetch, whatever happens next
            self.fetches.append({**fetch, "run_id": self.ctx.run_id})
        sha = raw_sha(raw)
        n_before = len(self.articles), len(self.quotes), len(self.features), len(self.signatures)
        try:
            self._add(raw, sha)
        except Exception as exc:  # a bug met by a strange input must not stop the batch
            del self.articles[n_before[0]:], self.quotes[n_before[1]:]
            del self.features[n_before[2]:], self.signatures[n_before[3]:]
            self.reject(raw, sha, Reject("transform", "internal_error",
                                         f"{type(exc).__name__}: {exc}"[:500]))

    def _add(self, raw: RawRecord, sha: str) -> None:
        ctx = self.ctx
        if not ctx.force and sha in _seen(ctx.seen_path):
            self.counts["unchanged"] += 1
            return
        if raw.error:
            self.reject(raw, sha, Reject(raw.error_stage, *raw.error))
            return
        t0 = time.perf_counter()
        fields: Fields | None = None
        date: dt.date | None = None
        try:
            fields = parse(raw.format, raw.data, raw.meta)
            cfg = ctx.sources[raw.source]
            title = clean_line(fields.title)
            text = clean_text(fields.text)
            text, header_date = _split_header(text, title)
            if not text.strip():
                raise Reject("clean", "empty_text", "no article text after cleaning")
            parsed, date_source = _resolve_date(fields, header_date, raw, cfg)
            date = parsed.date
            if date < EARLIEST_DATE or date > ctx.run_date + dt.timedelta(days=2):
                bad, date = date, None
                raise Reject("parse", "implausible_date", f"date {bad.isoformat()} is out of range")
            if not _window_ok(date, ctx):
                self.counts["out_of_window"] += 1
                return
            if len(text) > ctx.max_text_chars:
                raise Reject("clean", "too_large",
                             f"text has {len(text)} characters (limit {ctx.max_text_chars})")
            arabic_ratio, persian_share = script_profile(text)
            if arabic_ratio < MIN_ARABIC_RATIO:
                raise Reject("clean", "not_arabic",
                             f"only {arabic_ratio:.0%} of the letters are Arabic script")
            if persian_share > MAX_PERSIAN_SHARE:
                raise Reject("clean", "not_arabic",
                             "Arabic script with Persian/Urdu letters: not Arabic")
        except Reject as rej:
            if date is None and fields is not None and rej.reason != "implausible_date":
                # File the rejected record under its own date when it has a readable one.
                found = parse_date(fields.published)
                date = found.date if found and EARLIEST_DATE <= found.date <= ctx.run_date else None
            self.reject(raw, sha, rej, fields=fields, date=date)
            return
        finally:
            self.seconds["parse"] += time.perf_counter() - t0

        t1 = time.perf_counter()
        outlet = fields.outlet or raw.source
        slug = source_slug(outlet)
        text_norm, tokens = search_form_and_tokens(text)  # tokens: camel-tools tokens of text_norm
        surface = tokenize(text)
        n_words = sum(map(str.isalpha, tokens))
        feats = extract(surface, tokenize(title) if title else [], hashes=True)
        signature = story_signature(feats.word_hashes)
        lemmas, tags = (analyze([t for t in surface if t.isalpha()], ctx.morphology)
                        if ctx.morphology.mode != "none" else ([], []))
        aid = make_article_id(url=fields.url, source=slug, external_id=fields.external_id,
                              title=title, text=text)
        self.seconds["clean"] += time.perf_counter() - t1

        t2 = time.perf_counter()
        for q in extract_quotes(text):
            spk_key, key0, shingles = quote_fingerprint(q.speaker, q.quote)
            self.quotes.append({
                "quote_id": stable_id(aid, str(q.start), str(q.end), q.kind),
                "article_id": aid, "quote": q.quote, "speaker": q.speaker, "cue": q.cue,
                "kind": q.kind, "start": q.start, "end": q.end,
                "sentence": text[q.sentence_start:q.sentence_end], "quote_key": None,
                "run_id": ctx.run_id, "date": date, "source": slug, "_row": len(self.articles),
                "_speaker_key": spk_key, "_quote_key": key0, "_shingles": sorted(shingles),
            })
        self.seconds["quotes"] += time.perf_counter() - t2

        self.features.append(feats)
        self.signatures.append(signature)
        self.articles.append({
            "article_id": aid,
            "external_id": fields.external_id,
            "source_name": outlet,
            "source_config": raw.source,
            "url": fields.url,
            "title": title,
            "published_at": parsed.instant.astimezone(dt.UTC) if parsed.instant else None,
            "date_source": date_source,
            "category": clean_line(fields.category) if isinstance(fields.category, str) else None,
            "author": clean_line(fields.author) if isinstance(fields.author, str) else None,
            "language": fields.extra.get("language") or "ar",
            "text": text,
            "text_norm": text_norm,
            "tokens": tokens,
            "n_tokens": len(tokens),
            "n_words": n_words,
            "lemmas": lemmas or None,
            "pos": tags or None,
            "arabic_ratio": round(arabic_ratio, 4),
            "content_hash": content_hash(title, text),
            "story_id": None,  # given in input order by the driver (the first copy founds a story)
            "raw_sha": sha,
            "raw_ref": raw.ref,
            "pipeline_version": ctx.pipeline_version,
            "run_id": ctx.run_id,
            "ingested_at": ctx.started_at,
            "date": date,
            "source": slug,
            "_row": len(self.articles),
            "_raw": raw.data[:ctx.max_raw_bytes],
            "_raw_format": raw.format,
            "_raw_meta": raw_meta_json(raw),
        })
        self.counts["processed"] += 1

    def finish(self, spec: BatchSpec) -> BatchResult:
        ctx = self.ctx
        t = time.perf_counter()
        # Scored against the warehouse's statistics only (they change at topic refits), so an
        # article's keywords do not depend on which other articles share its batch; until a
        # first refit builds them, in-article frequency, position and title decide.
        stats = worker_keyword_stats(ctx.env.warehouse, ctx.run_id) or _NO_STATS
        scored = [score_keywords(f, stats, TOP_KEYWORDS) for f in self.features]
        keywords = [{"article_id": art["article_id"], "keyword": kw.keyword, "score": kw.score,
                     "rank": rank, "run_id": ctx.run_id, "date": art["date"], "source": art["source"],
                     "_row": art["_row"]}
                    for art, kws in zip(self.articles, scored, strict=True)
                    for rank, kw in enumerate(kws, start=1)]
        self.seconds["keywords"] += time.perf_counter() - t
        t = time.perf_counter()
        topics = []
        model = worker_topic_model(ctx.env.warehouse, ctx.topic_version)
        if model is not None and self.features:
            assigned = model.assign_many(self.features, ctx.topic_min_weight)
            version = model.model_version
            topics = [{"article_id": art["article_id"], "topic_id": topic, "model_version": version,
                       "weight": weight, "rank": rank, "run_id": ctx.run_id, "date": art["date"],
                       "source": art["source"], "_row": art["_row"]}
                      for art, pairs in zip(self.articles, assigned, strict=True)
                      for rank, (topic, weight) in enumerate(pairs, start=1)]
        self.seconds["topics"] += time.perf_counter() - t
        tables = {
            "articles": pa.Table.from_pylist(self.articles, schema.batch_schema("articles")),
            "quotes": pa.Table.from_pylist(self.quotes, schema.batch_schema("quotes")),
            "keywords": pa.Table.from_pylist(keywords, schema.batch_schema("keywords")),
            "article_topics": pa.Table.from_pylist(topics, schema.batch_schema("article_topics")),
            "quarantine": pa.Table.from_pylist(self.quarantine, schema.staged_schema("quarantine")),
            "fetches": pa.Table.from_pylist(self.fetches, schema.staged_schema("fetches")),
        }
        return BatchResult(spec, tables, self.counts, self.seconds, signatures=self.signatures)


def combine(results: list[BatchResult]) -> BatchResult:
    """Several consecutive batches as one (for validating them in one call): tables
    concatenated with ``_row`` renumbered, signatures carried along."""
    if len(results) == 1:
        return results[0]
    tables: dict[str, list[pa.Table]] = {}
    signatures: list[StorySignature] = []
    counts: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    offset = 0
    for res in results:
        for name, table in res.tables.items():
            if "_row" in table.column_names and offset:
                col = table.schema.get_field_index("_row")
                shifted = pc.add(table.column("_row"), pa.scalar(offset, pa.int32()))
                table = table.set_column(col, "_row", shifted)
            tables.setdefault(name, []).append(table)
        signatures.extend(res.signatures)
        offset += res.tables["articles"].num_rows
        counts.update(res.counts)
        seconds.update(res.seconds)
    first = results[0]
    return BatchResult(first.spec, {name: pa.concat_tables(parts) for name, parts in tables.items()},
                       counts, seconds, signatures=signatures, worker=first.worker)


def transform_records(records: Iterable[RawRecord], spec: BatchSpec, ctx: BatchContext) -> BatchResult:
    """Transform already-read raw records (the pure core of :func:`process_batch`)."""
    builder = _Builder(ctx)
    for record in records:
        builder.add(record)
    return builder.finish(spec)


def process_batch(spec: BatchSpec, ctx: BatchContext) -> BatchResult:
    """Read one batch through its source reader and transform it."""
    cpu = time.thread_time()
    reader = reader_for(ctx.sources[spec.source], ctx.env)
    t = time.perf_counter()
    records = list(reader.read(spec))
    read_seconds = time.perf_counter() - t
    result = transform_records(records, spec, ctx)
    result.seconds["read"] += read_seconds
    # CPU, not wall: the stages' wall times include waiting for a core on a busy machine.
    # This thread's only: inline, other batches transform on the flow's other threads.
    result.seconds["cpu"] += time.thread_time() - cpu
    return result
