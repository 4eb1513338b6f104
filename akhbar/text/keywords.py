"""Per-article keywords and key phrases in surface form, scored against corpus statistics.

Candidates come from :mod:`akhbar.text.features`: content words (stopwords, numbers and
punctuation excluded) keyed by their light stem, so الحكومة / والحكومة / حكومات count as
one word, and key phrases — 2–3 consecutive content words that never cross a stopword or
punctuation mark, kept when they occur at least twice (title included). A candidate is
shown the way the article writes it most often.

Scoring is TF-IDF against :class:`CorpusStats` (document frequencies of those keys and a
document count), with YAKE-like position evidence: a key in the title or seen early in the
article weighs more. Given the same stats an article always gets the same keywords. Scores
are divided by the L2 norm of the article's candidate scores, so they are comparable
across articles (0 < score ≤ 1).

Selection is greedy by score and drops redundant keys: one that shares a word with a key
already chosen (a word inside a chosen phrase, a phrase around a chosen word, two phrases
that overlap).

``CorpusStats`` is small and persistable (Arrow IPC bytes: key, df; ``n_docs`` in the
schema metadata). A run loads it, scores each batch against it overlaid with the batch's
own counts (:func:`score_batch`), and adds the batch deltas before saving it back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from akhbar.ipc import from_ipc, to_ipc
from akhbar.text.features import Features, extract
from akhbar.text.features import stopwords as stopwords  # re-exported for old callers

TITLE_WEIGHT = 1.5  # a key in the title
EARLY_WEIGHT = 0.25  # up to +25 % for keys seen first at the very start of the article
STATS_FORMAT = "akhbar.keywords.stats/1"


@dataclass(slots=True)
class CorpusStats:
    """Document frequencies of keyword keys (stems and stem phrases) and a document count.

    A phrase counts in a document's df when it is a candidate there (it repeats), which
    keeps the table to keys that can ever be keywords (3.6 MB for the 16,000-article
    corpus: 130,000 keys).
    """

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)
    base: CorpusStats | None = None  # an overlay's underlying stats (read-only view)

    @classmethod
    def from_features(cls, docs: Iterable[Features]) -> CorpusStats:
        stats = cls()
        stats.add(docs)
        return stats

    def add(self, docs: Iterable[Features]) -> None:
        """Count documents in place (each key once per document)."""
        if self.base is not None:
            raise ValueError("an overlay view is read-only")
        n = 0
        for f in docs:
            self.df.update(f.stems)  # C-level counting; keys are distinct per document
            self.df.update(f.phrases)
            n += 1
        self.n_docs += n

    def merge(self, other: CorpusStats) -> None:
        """Add another stats object (e.g. a batch delta) in place."""
        if self.base is not None or other.base is not None:
            raise ValueError("merge plain stats, not overlay views")
        self.df.update(other.df)
        self.n_docs += other.n_docs

    def overlay(self, delta: CorpusStats) -> CorpusStats:
        """A read-only view of ``self + delta`` that copies neither table."""
        return CorpusStats(n_docs=self.n_docs + delta.n_docs, df=delta.df, base=self)

    def dfs(self, keys: Sequence[str]) -> np.ndarray:
        """Document frequencies of ``keys`` (0 for unseen keys)."""
        out = np.fromiter(map(self.df.get, keys, repeat(0)), dtype=np.float64, count=len(keys))
        if self.base is not None:
            out += self.base.dfs(keys)
        return out

    def prune(self, min_df: int) -> None:
        """Drop keys seen in fewer than ``min_df`` documents (bounds the table's growth)."""
        self.df = Counter({k: v for k, v in self.df.items() if v >= min_df})

    def to_bytes(self) -> bytes:
        """Arrow IPC stream: columns key (string), df (int64); n_docs in the metadata."""
        if self.base is not None:
            raise ValueError("an overlay view is not persisted: merge the delta instead")
        keys = sorted(self.df)
        table = pa.table({"key": pa.array(keys, pa.string()),
                          "df": pa.array([self.df[k] for k in keys], pa.int64())})
        return to_ipc(table, STATS_FORMAT, n_docs=self.n_docs)

    @classmethod
    def from_bytes(cls, data: bytes) -> CorpusStats:
        table, meta = from_ipc(data, STATS_FORMAT, "akhbar keyword statistics")
        keys = table.column("key").to_pylist()
        dfs = table.column("df").to_pylist()
        return cls(n_docs=int(meta["n_docs"]), df=Counter(dict(zip(keys, dfs, strict=True))))


class Keyword(NamedTuple):
    keyword: str  # surface form as the article writes it
    score: float
    key: str  # stem or stem phrase (the statistics key)


def score(features: Features, stats: CorpusStats, top_k: int = 10) -> list[Keyword]:
    """Top-k keywords and key phrases of one article, deterministic given ``stats``."""
    n_uni = len(features.stems)
    keys = features.stems + features.phrases
    if not keys:
        return []
    counts = np.array(features.counts + features.phrase_counts, dtype=np.float64)
    idf = np.log((stats.n_docs + 1.0) / (stats.dfs(keys) + 1.0)) + 1.0
    title = np.array(features.in_title + features.phrase_in_title, dtype=bool)
    # First-seen rank: a stem's index; a phrase takes its first word's.
    first = np.arange(len(keys), dtype=np.float64)
    if features.phrases:
        rank = dict(zip(features.stems, range(n_uni), strict=True))
        first[n_uni:] = [rank[p.split(" ", 1)[0]] for p in features.phrases]
    early = 1.0 + EARLY_WEIGHT * (1.0 - first / n_uni)
    weight = (1.0 + np.log(counts)) * idf * np.where(title, TITLE_WEIGHT, 1.0) * early
    weight /= float(np.sqrt(np.dot(weight, weight)))
    surfaces = features.surfaces + features.phrase_surfaces
    # Stable sort: ties keep the features' order (first occurrence), never dict order.
    # Greedy selection skips a key that shares a word with a key already chosen: a word
    # inside a chosen phrase, a phrase around a chosen word, overlapping phrases (رسالة
    # تهديد / تهديد بالقتل), or a word that differs from a chosen one by a one-letter
    # proclitic the stemmer keeps (لمضاعفة / مضاعفة).
    chosen: list[int] = []
    covered: set[str] = set()
    for i in np.argsort(-weight, kind="stable").tolist():
        parts = keys[i].split(" ")
        if any(p in covered or (p[0] in _PROCLITICS and p[1:] in covered) for p in parts):
            continue
        chosen.append(i)
        if len(chosen) == top_k:
            break
        covered.update(parts)
        covered.update(p[1:] for p in parts if p[0] in _PROCLITICS and len(p) > 3)
    return [Keyword(surfaces[i], round(float(weight[i]), 6), keys[i]) for i in chosen]


_PROCLITICS = frozenset("لبوفك")


def score_batch(docs: Sequence[Features], stats: CorpusStats | None = None, top_k: int = 10
                ) -> tuple[list[list[Keyword]], CorpusStats]:
    """Keywords of a batch and the batch's stats delta.

    Each article is scored against ``stats`` overlaid with the batch's own counts, so a
    first run on an empty warehouse still has document frequencies, and the result depends
    only on (stats, batch). Add the returned delta to the persisted stats after publish.
    """
    delta = CorpusStats.from_features(docs)
    view = (stats or CorpusStats()).overlay(delta)
    return [score(f, view, top_k) for f in docs], delta


# --- the first-version API, kept for pipeline.py until it switches -----------------------

_PROCLITIC_ARTICLE = ("وال", "بال", "فال", "كال", "وبال", "فبال", "ولل")


def keyword_key(token_norm: str) -> str:
    """The first version's key for clitic-prefixed spellings (kept for compatibility)."""
    for prefix in _PROCLITIC_ARTICLE:
        if token_norm.startswith(prefix) and len(token_norm) - len(prefix) >= 2:
            return "ال" + token_norm[len(prefix):]
    if token_norm.startswith("لل") and len(token_norm) >= 5:
        return "ال" + token_norm[2:]
    return token_norm


def candidates(tokens_norm: Sequence[str], tokens_surface: Sequence[str]) -> Features:
    """Old entry point: the article's :class:`Features` (``tokens_norm`` is unused)."""
    del tokens_norm
    return extract(tokens_surface)


def batch_keywords(docs: Sequence[Features], top_k: int = 10) -> list[list[tuple[str, float]]]:
    """Old entry point: top-k (keyword, score) per document, against the batch's own stats."""
    results, _ = score_batch(docs, None, top_k)
    return [[(k.keyword, k.score) for k in kws] for kws in results]
