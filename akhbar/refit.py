"""Fitting a new topic model version over the published articles.

A refit reads every published article, extracts its features, fits a new topic model
(topic ids kept from the previous version where topics match), saves it as the current
model, records its topics in the ``topics`` table, assigns every article a topic under the
new version (rows of older versions stay), rebuilds the keyword statistics from the same
features and rescores every article's keywords against them.
Scheduled ETL runs then assign new articles with the current model.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from akhbar import schema
from akhbar.config import Config
from akhbar.corpus import KEYWORD_STATS, load_topic_model, save_topic_model
from akhbar.errors import AkhbarError, ValidationBlocked
from akhbar.layout import partition_dir, partition_path
from akhbar.pipeline import TOP_KEYWORDS
from akhbar.storage import Storage
from akhbar.text.features import Features, extract
from akhbar.text.keywords import CorpusStats
from akhbar.text.keywords import score as score_keywords
from akhbar.text.normalize import tokenize
from akhbar.topics import TopicModel
from akhbar.validation import Gate
from akhbar.warehouse import Partition, iter_partitions, merge_partition

_COLUMNS = ["article_id", "title", "text", "source_name"]


def published_articles(storage: Storage) -> int:
    """How many articles the warehouse holds (from the partition files' metadata)."""
    import pyarrow.parquet as pq

    total = 0
    for part in iter_partitions(storage, "articles"):
        root = storage.local_path(partition_path("articles", *part))
        if root is not None:
            total += pq.ParquetFile(root).metadata.num_rows
        else:
            table = storage.read_parquet(partition_path("articles", *part), ["article_id"])
            total += table.num_rows if table is not None else 0
    return total


def load_features(storage: Storage) -> tuple[list[Features], list[tuple[str, Partition]], list[str]]:
    """Features of every published article, with its id, partition and outlet."""
    docs: list[Features] = []
    where: list[tuple[str, Partition]] = []
    outlets: list[str] = []
    for part in sorted(iter_partitions(storage, "articles")):
        table = storage.read_parquet(partition_path("articles", *part), _COLUMNS)
        if table is None:
            continue
        for aid, title, text, outlet in zip(*(table.column(c).to_pylist() for c in _COLUMNS),
                                            strict=True):
            docs.append(extract(tokenize(text or ""), tokenize(title) if title else []))
            where.append((aid, part))
            outlets.append(outlet or part[1])
    return docs, where, outlets


def refit_topics(storage: Storage, cfg: Config, run_id: str,
                 now: dt.datetime | None = None) -> dict[str, Any]:
    """Fit, save and apply a new topic model version (the caller holds the warehouse lock)."""
    t0 = time.perf_counter()
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    docs, where, outlets = load_features(storage)
    t_features = time.perf_counter() - t0
    opts = cfg.topics
    if len(docs) < opts.n_topics:
        raise AkhbarError(f"the warehouse holds {len(docs)} articles: too few to fit "
                          f"{opts.n_topics} topics")
    previous = load_topic_model(storage)
    # Outlets let the model drop terms that mark an outlet rather than a subject.
    model = TopicModel.fit(docs, opts.n_topics, opts.seed, previous=previous, fitted_at=now,
                           sources=outlets,
                           min_df=min(opts.min_df, max(1, len(docs) // 50)), max_df=opts.max_df,
                           max_features=opts.max_features, match_threshold=opts.match_threshold)
    t_fit = time.perf_counter() - t0 - t_features
    rows = pa.Table.from_pylist([{**row, "n_documents": len(docs)} for row in model.topic_rows()],
                                schema.TOPICS)
    gate = Gate(cfg.validation.suites).validate({"topics": rows})
    if gate.blocking:  # a degenerate model never becomes current
        raise ValidationBlocked(f"the new topic model failed validation: {gate.blocking[0]}")
    save_topic_model(storage, model)
    rel = f"{partition_dir('topics', now.date(), None)}/model-v{model.model_version:04d}.parquet"
    storage.write_parquet(rel, rows)
    # Assign every article under the new version; other versions' rows stay.
    by_part: dict[Partition, list[dict[str, Any]]] = defaultdict(list)
    for (aid, part), pairs in zip(where, model.assign_many(docs, opts.min_weight), strict=True):
        for rank, (topic, weight) in enumerate(pairs, start=1):
            by_part[part].append({"article_id": aid, "topic_id": topic,
                                  "model_version": model.model_version, "weight": weight,
                                  "rank": rank, "run_id": run_id})
    version = model.model_version
    for part, part_rows in sorted(by_part.items()):
        merge_partition(storage, "article_topics", part,
                        pa.Table.from_pylist(part_rows, schema.ARTICLE_TOPICS),
                        drop=lambda t: pc.equal(t.column("model_version"), version))
    # Keyword statistics are rebuilt from every article, and every article's keywords are
    # rescored against them: keywords stay consistent across the warehouse.
    stats = CorpusStats.from_features(docs)
    storage.write_bytes(KEYWORD_STATS, stats.to_bytes())
    by_part_kw: dict[Partition, list[dict[str, Any]]] = defaultdict(list)
    ids_by_part: dict[Partition, set[str]] = defaultdict(set)
    for (aid, part), feats in zip(where, docs, strict=True):
        ids_by_part[part].add(aid)
        for rank, kw in enumerate(score_keywords(feats, stats, TOP_KEYWORDS), start=1):
            by_part_kw[part].append({"article_id": aid, "keyword": kw.keyword, "score": kw.score,
                                     "rank": rank, "run_id": run_id})
    for part, ids in sorted(ids_by_part.items()):
        rows = pa.Table.from_pylist(by_part_kw.get(part, []), schema.KEYWORDS)
        merge_partition(storage, "keywords", part, rows, ids)
    return {
        "model_version": model.model_version,
        "previous_version": previous.model_version if previous else None,
        "n_documents": len(docs),
        "topics": [{"topic_id": t.topic_id, "label": t.label} for t in model.topics],
        "kept_topic_ids": sorted({t.topic_id for t in model.topics}
                                 & {t.topic_id for t in previous.topics}) if previous else [],
        "seconds": {"features": round(t_features, 2), "fit": round(t_fit, 2),
                    "total": round(time.perf_counter() - t0, 2)},
    }
