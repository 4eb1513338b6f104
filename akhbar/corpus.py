"""Warehouse-level text state: keyword statistics, the story and quote indexes, and the
versioned topic models. Where they live, how they load and save.

- ``_state/keyword_stats.arrow`` — document frequencies behind keyword scores
- ``_state/story_index.arrow`` — MinHash-LSH index that gives articles their ``story_id``
- ``_state/quote_index.arrow`` — canonical ``quote_key`` across outlets
- ``_models/topics/v0001.npz`` … and ``_models/topics/current.json`` — topic models

Keyword statistics change only when a topic refit rebuilds them from every published
article: a run scores keywords against them alone (never its own batch's counts), so an
article's keywords do not depend on its batch, reprocessing never double-counts and a
rerun gives the same keywords. The story and quote indexes are
read at a run's start and saved just before its partitions are published: a crash in
between leaves them a little ahead of the tables, which is harmless (an article seen
before keeps its story, a quote seen before its key), never behind them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache

import pyarrow as pa

from akhbar.storage import Storage, open_storage
from akhbar.stories import QuoteIndex, StoryIndex, StorySignature
from akhbar.text.keywords import CorpusStats
from akhbar.topics import TopicModel

KEYWORD_STATS = "_state/keyword_stats.arrow"
STORY_INDEX = "_state/story_index.arrow"
QUOTE_INDEX = "_state/quote_index.arrow"
TOPICS_DIR = "_models/topics"
CURRENT_TOPICS = f"{TOPICS_DIR}/current.json"
EPOCH = dt.date(1970, 1, 1)


def topic_model_path(version: int) -> str:
    return f"{TOPICS_DIR}/v{version:04d}.npz"


def current_topic_version(storage: Storage) -> int | None:
    data = storage.read_bytes(CURRENT_TOPICS)
    return int(json.loads(data)["model_version"]) if data else None


def load_topic_model(storage: Storage, version: int | None = None) -> TopicModel | None:
    version = version if version is not None else current_topic_version(storage)
    if version is None:
        return None
    data = storage.read_bytes(topic_model_path(version))
    return TopicModel.from_bytes(data) if data else None


def save_topic_model(storage: Storage, model: TopicModel) -> None:
    """Write the model, then point ``current`` at it (readers never see a dangling pointer)."""
    storage.write_bytes(topic_model_path(model.model_version), model.to_bytes())
    storage.write_bytes(CURRENT_TOPICS, json.dumps({
        "model_version": model.model_version, "path": topic_model_path(model.model_version),
        "fitted_at": model.fitted_at.isoformat()}).encode())


# --- worker side: read-only, cached per process ------------------------------------------

@lru_cache(maxsize=2)
def worker_keyword_stats(warehouse: str | None, run_id: str) -> CorpusStats | None:
    """The keyword statistics as of the run's start (``run_id`` keys the cache)."""
    if not warehouse:
        return None
    data = open_storage(warehouse).read_bytes(KEYWORD_STATS)
    return CorpusStats.from_bytes(data) if data else None


@lru_cache(maxsize=2)
def worker_topic_model(warehouse: str | None, version: int | None) -> TopicModel | None:
    if not warehouse or version is None:
        return None
    return load_topic_model(open_storage(warehouse), version)


# --- driver side: updated in input order, saved before publishing -------------------------

@dataclass
class CorpusState:
    """What one run updates: the story and quote indexes."""

    stories: StoryIndex = field(default_factory=StoryIndex)
    quotes: QuoteIndex = field(default_factory=QuoteIndex)
    window_days: int | None = None

    @classmethod
    def load(cls, storage: Storage, *, jaccard: float = 0.4, containment: float = 0.7,
             window_days: int | None = None) -> CorpusState:
        stories = storage.read_bytes(STORY_INDEX)
        quotes = storage.read_bytes(QUOTE_INDEX)
        state = cls(
            stories=StoryIndex.from_bytes(stories) if stories else StoryIndex(),
            quotes=QuoteIndex.from_bytes(quotes) if quotes else QuoteIndex(),
            window_days=window_days)
        state.stories.jaccard, state.stories.containment = jaccard, containment
        return state

    def annotate(self, tables: dict[str, pa.Table], signatures: list[StorySignature]
                 ) -> dict[str, pa.Table]:
        """Give the batch's surviving articles their ``story_id`` and their quotes a
        ``quote_key``."""
        out = dict(tables)
        articles = tables["articles"]
        if articles.num_rows:
            rows = articles.column("_row").to_pylist()
            ids = articles.column("article_id").to_pylist()
            dates = articles.column("date").to_pylist()
            story_ids = [self.stories.assign(aid, signatures[row], (date - EPOCH).days).story_id
                         for row, aid, date in zip(rows, ids, dates, strict=True)]
            out["articles"] = articles.set_column(articles.schema.get_field_index("story_id"),
                                                  "story_id", pa.array(story_ids, pa.string()))
        quotes = tables["quotes"]
        if quotes.num_rows:
            cols = (quotes.column(c).to_pylist() for c in ("_speaker_key", "_quote_key", "_shingles"))
            keys = [self.quotes.resolve_fingerprint(spk, key, frozenset(sh))
                    for spk, key, sh in zip(*cols, strict=True)]
            out["quotes"] = quotes.set_column(quotes.schema.get_field_index("quote_key"),
                                              "quote_key", pa.array(keys, pa.string()))
        return out

    def save(self, storage: Storage, today: dt.date | None = None) -> None:
        if self.window_days:
            horizon = (today or dt.date.today()) - dt.timedelta(days=self.window_days)
            self.stories.prune((horizon - EPOCH).days)
        storage.write_bytes(STORY_INDEX, self.stories.to_bytes())
        storage.write_bytes(QUOTE_INDEX, self.quotes.to_bytes())

