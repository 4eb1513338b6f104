"""Arrow schemas of the published tables, their keys, and what the files hold.

Partition columns (``date``, ``source``) are not in the files: readers get them from the
Hive-style path. Staged batches carry them as ordinary columns until publish splits them.
"""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema([
    ("article_id", pa.string()),
    ("external_id", pa.string()),
    ("source_name", pa.string()),  # the outlet as written; `source` is its slug
    ("source_config", pa.string()),  # the configured source the record came from
    ("url", pa.string()),
    ("title", pa.string()),
    ("published_at", TS),  # null when the source gives a date without a time of day
    ("date_source", pa.string()),  # where `date` came from: record, text, url, file_mtime
    ("category", pa.string()),
    ("author", pa.string()),
    ("language", pa.string()),  # ar (others are quarantined as not_arabic)
    ("text", pa.string()),  # display text; quote offsets point into it
    ("text_norm", pa.string()),  # search form
    ("tokens", pa.list_(pa.string())),  # camel-tools tokens of `text_norm`
    ("n_tokens", pa.int32()),
    ("n_words", pa.int32()),
    ("lemmas", pa.list_(pa.string())),  # per word token, when CAMeL morphology data is installed
    ("pos", pa.list_(pa.string())),
    ("arabic_ratio", pa.float32()),
    ("content_hash", pa.string()),
    ("story_id", pa.string()),  # shared by exact and near copies (wire copy in many outlets)
    ("raw_sha", pa.string()),  # identity of the raw input (version-independent)
    ("raw_ref", pa.string()),  # pointer back to the raw input
    ("pipeline_version", pa.string()),
    ("run_id", pa.string()),
    ("ingested_at", TS),
])

QUOTES = pa.schema([
    ("quote_id", pa.string()),
    ("article_id", pa.string()),
    ("quote", pa.string()),
    ("speaker", pa.string()),
    ("cue", pa.string()),
    ("kind", pa.string()),  # direct | indirect
    ("start", pa.int32()),  # character offsets into articles.text
    ("end", pa.int32()),
    ("sentence", pa.string()),
    ("quote_key", pa.string()),  # the same quote by the same speaker, whichever outlet
    ("run_id", pa.string()),
])

KEYWORDS = pa.schema([
    ("article_id", pa.string()),
    ("keyword", pa.string()),
    ("score", pa.float32()),
    ("rank", pa.int16()),
    ("run_id", pa.string()),
])

ARTICLE_TOPICS = pa.schema([
    ("article_id", pa.string()),
    ("topic_id", pa.int32()),
    ("model_version", pa.int32()),
    ("weight", pa.float32()),  # the topic's share of the article (dominant first)
    ("rank", pa.int16()),
    ("run_id", pa.string()),
])

TOPICS = pa.schema([
    ("topic_id", pa.int32()),
    ("model_version", pa.int32()),
    ("label", pa.string()),  # readable surface words
    ("terms", pa.list_(pa.string())),
    ("weight", pa.float32()),  # share of the training corpus' topic mass
    ("fitted_at", TS),
    ("n_documents", pa.int64()),  # articles the model was fitted on
])

QUARANTINE = pa.schema([
    ("quarantine_id", pa.string()),
    ("stage", pa.string()),  # read, parse, clean, dedupe, validate, fetch
    ("reason", pa.string()),  # a short code, e.g. missing_date
    ("message", pa.string()),
    ("source_name", pa.string()),
    ("source_config", pa.string()),
    ("external_id", pa.string()),
    ("article_id", pa.string()),
    ("raw_ref", pa.string()),
    ("raw", pa.binary()),  # a copy of the raw input (capped), for replay
    ("raw_truncated", pa.bool_()),
    ("raw_format", pa.string()),  # which parser reads `raw`: json, seed-txt, html
    ("raw_meta", pa.string()),  # JSON: what the parser was given with it (url, charset, file name)
    ("raw_sha", pa.string()),
    ("pipeline_version", pa.string()),
    ("run_id", pa.string()),
    ("quarantined_at", TS),
])

FETCHES = pa.schema([
    # One per (source, URL, payload, UTC fetch date): keyed rows merge within a date partition.
    ("fetch_id", pa.string()),
    ("source_config", pa.string()),
    ("url", pa.string()),  # as requested
    ("final_url", pa.string()),  # after redirects
    ("status", pa.int32()),  # HTTP status; null when no response arrived
    ("content_type", pa.string()),
    ("charset", pa.string()),
    ("etag", pa.string()),
    ("last_modified", pa.string()),
    ("content_length", pa.int64()),
    ("sha256", pa.string()),  # of the payload as received (decompressed)
    ("raw_path", pa.string()),  # warehouse-relative path of the stored payload
    ("fetched_at", TS),
    ("elapsed_ms", pa.int32()),
    ("attempts", pa.int16()),
    ("error", pa.string()),  # reason code when the fetch failed
    ("run_id", pa.string()),
])

RUNS = pa.schema([
    ("run_id", pa.string()),
    ("started_at", TS),
    ("finished_at", TS),
    ("outcome", pa.string()),  # success | failed | blocked
    ("error", pa.string()),
    ("parameters", pa.string()),  # JSON
    ("rows", pa.string()),  # JSON: rows written per table
    ("n_read", pa.int64()),
    ("n_published", pa.int64()),
    ("n_unchanged", pa.int64()),
    ("n_out_of_window", pa.int64()),
    ("n_quarantined", pa.int64()),
    ("quarantined_by_reason", pa.string()),  # JSON
    ("rows_by_source", pa.string()),  # JSON: table → source → rows written
    ("stage_seconds", pa.string()),  # JSON
    ("validation", pa.string()),  # JSON: expectations evaluated, failures, blocking
    ("pipeline_version", pa.string()),
    ("morphology", pa.string()),  # which morphology ran: mle (model) or none (why)
    ("host", pa.string()),
])

PARTITION_FIELDS = [("date", pa.date32()), ("source", pa.string())]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "quotes": QUOTES,
    "keywords": KEYWORDS,
    "article_topics": ARTICLE_TOPICS,
    "topics": TOPICS,
    "quarantine": QUARANTINE,
    "fetches": FETCHES,
    "runs": RUNS,
}
# The column that identifies a row's owner: rows are replaced per key on publish.
KEYS: dict[str, str] = {
    "articles": "article_id",
    "quotes": "article_id",
    "keywords": "article_id",
    "article_topics": "article_id",
    "quarantine": "quarantine_id",
    "fetches": "fetch_id",
}
# Sort order inside a partition file, so identical input gives identical files.
SORT: dict[str, list[str]] = {
    "articles": ["article_id"],
    "quotes": ["article_id", "start", "quote_id"],
    "keywords": ["article_id", "rank"],
    "article_topics": ["article_id", "model_version", "rank"],
    "quarantine": ["quarantine_id"],
    "fetches": ["fetch_id"],
}
ARTICLE_TABLES = ("articles", "quotes", "keywords", "article_topics")


# Parquet writing: dictionary-encode only repetitive columns, and keep min/max statistics
# only where readers prune on them (keys, dates, numbers): statistics of long text columns
# store whole texts and cost more than they save.
DICTIONARY_COLUMNS = frozenset({
    "source_name", "source_config", "category", "language", "pipeline_version", "run_id",
    "date_source", "author", "kind", "cue", "speaker", "stage", "reason", "raw_format",
    "outcome", "status", "content_type", "charset", "error", "host"})
STATISTICS_COLUMNS = frozenset({
    "article_id", "external_id", "story_id", "quote_id", "quote_key", "quarantine_id",
    "fetch_id", "run_id", "topic_id", "model_version", "published_at", "ingested_at",
    "quarantined_at", "fetched_at", "started_at", "n_tokens", "n_words", "arabic_ratio",
    "start", "end", "rank", "score", "weight", "status", "stage", "reason", "kind", "speaker"})


def batch_schema(table: str) -> pa.Schema:
    """Schema of a worker's batch output: staged columns plus private ones dropped at
    staging: ``_row`` ties quotes and keywords to their article row, and ``_raw`` keeps an
    article's raw input so that a rejected article is quarantined with its copy."""
    staged = staged_schema(table)
    if table in ARTICLE_TABLES:
        staged = staged.append(pa.field("_row", pa.int32()))
    if table == "quotes":  # the quote's fingerprint for the cross-outlet quote index
        for name, typ in (("_speaker_key", pa.string()), ("_quote_key", pa.string()),
                          ("_shingles", pa.list_(pa.int64()))):
            staged = staged.append(pa.field(name, typ))
    if table == "articles":
        for name, typ in (("_raw", pa.binary()), ("_raw_format", pa.string()), ("_raw_meta", pa.string())):
            staged = staged.append(pa.field(name, typ))
    return staged


def staged_schema(table: str) -> pa.Schema:
    """Schema of a staged batch: the table's columns plus the partition columns."""
    schema = SCHEMAS[table]
    for name, typ in PARTITION_FIELDS:
        schema = schema.append(pa.field(name, typ))
    return schema
