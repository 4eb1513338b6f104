"""Topic model: spherical k-means in an LSA space of stemmed TF-IDF features, versioned,
with stable topic ids.

Pure: no warehouse IO. The pipeline keeps the current model as bytes
(:meth:`TopicModel.to_bytes`) and assigns topics to each new article with it
(:meth:`TopicModel.assign_many`, per batch, in the workers); ``akhbar topics refit`` fits
a new version on the warehouse's articles with :meth:`TopicModel.fit` passing the current
model as ``previous``, so topics that are still there keep their ``topic_id``.

Features (:mod:`akhbar.text.features`): Snowball light stems of content words, stopwords,
numbers and punctuation removed, title included. Weighting: sublinear term frequency
(1 + ln tf) times smoothed IDF, rows L2-normalized; stems in fewer than ``min_df``
documents (typos, one-off names) or in more than ``max_df`` of them (news boilerplate
such as أضاف, خلال) are dropped, and at most ``max_features`` stems (highest df) are kept.

Outlet terms: when the caller passes each article's outlet (``sources``), stems whose
document frequency comes for more than ``outlet_share`` from one outlet that holds less
than half of the articles are dropped too. Those are sign-offs, agency credits and house
spellings («CNN», «دبي» of CNN's dateline, BBC's app notice, Al Arabiya's ترمب), which
otherwise pull topics toward outlets instead of subjects. The outlet is an input field of
the article, like its date; no category label is used anywhere.

Fitting (``method="lsa-kmeans"``, the default): the TF-IDF rows are projected on their
first ``lsa_dims`` singular vectors (randomized SVD, seeded), re-normalized to unit length,
and clustered by k-means (``n_init`` k-means++ restarts, the lowest inertia wins; seeded,
so deterministic). A topic's term vector is the mean TF-IDF row of its cluster,
L2-normalized. Measured on ant_multisource (eval/topics/README.md) this follows the news
sections more closely than NMF, which spends most of its topics on single long-running
stories (Syria, Korea, Yemen). ``method="nmf"`` keeps the previous model (scikit-learn NMF,
Frobenius loss, NNDSVD initialisation) for comparison.

Assignment solves non-negative least squares of the article's TF-IDF vector on the topic
vectors, one article at a time, so an article's weights never depend on which other
articles share its batch. Weights are reported as shares that sum to 1.

Labels are readable words, not stems: each topic's top stems are shown in the surface
form the training articles use most often.

Topic ids are stable across refits: new topics are matched to the previous version's by
cosine similarity of their term vectors (over stems) with the Hungarian algorithm; a
match at or above ``match_threshold`` inherits the old id, any other topic gets a new id
that was never used before (``next_topic_id``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment, nnls
from threadpoolctl import threadpool_limits

from akhbar.text.features import Features

FORMAT = "akhbar.topics/1"
LABEL_WORDS = 3
TERMS = 10


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic as the ``topics`` table shows it."""

    topic_id: int
    label: str  # the top LABEL_WORDS terms, joined by an Arabic comma
    terms: list[str]  # top TERMS words in surface form
    stems: list[str]  # the stems behind ``terms``
    weight: float  # share of the training corpus' topic mass


@dataclass(slots=True)
class TopicModel:
    """A fitted, versioned topic model (see module docstring)."""

    model_version: int
    vocabulary: list[str]  # stems, column order of ``components``
    idf: np.ndarray  # float32 (V,)
    components: np.ndarray  # float32 (k, V), rows L2-normalized
    topics: list[Topic]
    fitted_at: dt.datetime
    next_topic_id: int
    params: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _chol: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._index = {s: i for i, s in enumerate(self.vocabulary)}
        gram = self.components.astype(np.float64) @ self.components.T.astype(np.float64)
        # A tiny ridge keeps the factorization defined when two topics are collinear.
        self._chol = np.linalg.cholesky(gram + 1e-9 * np.eye(len(gram)))

    # --- fitting ------------------------------------------------------------------------

    @classmethod
    def fit(cls, docs: Sequence[Features], n_topics: int, seed: int = 0, *,
            previous: TopicModel | None = None, fitted_at: dt.datetime | None = None,
            min_df: int = 5, max_df: float = 0.5, max_features: int = 20_000,
            max_iter: int = 400, match_threshold: float = 0.5,
            sources: Sequence[str | None] | None = None, outlet_share: float = 0.8,
            method: str = "lsa-kmeans", lsa_dims: int = 50, n_init: int = 30) -> TopicModel:
        """Fit a new model version on ``docs`` (see module docstring for the choices).

        ``sources``: optional outlet of each article (same order as ``docs``; None for
        unknown); with two or more outlets, outlet-concentrated stems are dropped."""
        n_docs = len(docs)
        if n_docs < n_topics:
            raise ValueError(f"need at least {n_topics} documents to fit {n_topics} topics, got {n_docs}")
        if sources is not None and len(sources) != n_docs:
            raise ValueError(f"got {len(sources)} sources for {n_docs} documents")
        if method not in ("lsa-kmeans", "nmf"):
            raise ValueError(f"unknown topic model method {method!r}")
        df: Counter[str] = Counter()
        for f in docs:
            df.update(f.stems)
        limit = max_df * n_docs
        eligible = [(c, s) for s, c in df.items() if min_df <= c <= limit]
        # Highest df first; ties broken by the stem so the vocabulary is deterministic.
        eligible.sort(key=lambda cs: (-cs[0], cs[1]))
        vocabulary = sorted(s for _, s in eligible[:max_features])
        dropped = (_outlet_terms(docs, sources, set(vocabulary), outlet_share)
                   if sources is not None else set())
        if dropped:
            vocabulary = [s for s in vocabulary if s not in dropped]
        if len(vocabulary) < n_topics:
            raise ValueError("too few terms survive min_df/max_df to fit the topics")
        index = {s: i for i, s in enumerate(vocabulary)}
        dfs = np.array([df[s] for s in vocabulary], dtype=np.float64)
        idf = (np.log((1.0 + n_docs) / (1.0 + dfs)) + 1.0).astype(np.float32)
        x = _tfidf(docs, index, idf)

        n_iter = 0
        if method == "nmf":
            from sklearn.decomposition import NMF
            from sklearn.exceptions import ConvergenceWarning

            nmf = NMF(n_components=n_topics, init="nndsvd", solver="cd", beta_loss="frobenius",
                      max_iter=max_iter, tol=1e-4, random_state=seed)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                w = nmf.fit_transform(x)
            h = nmf.components_
            n_iter = int(nmf.n_iter_)
        else:
            h, n_iter = _lsa_kmeans(x, n_topics, seed, lsa_dims, n_init, max_iter)
        norms = np.linalg.norm(h, axis=1)
        norms[norms == 0] = 1.0
        h = h / norms[:, None]
        if method == "nmf":
            mass = (w * norms[None, :]).sum(axis=0)
        else:  # each article's topic shares under the fitted model, summed
            mass = _shares(_nnls_weights(x, h)).sum(axis=0)
        # Topic order (and first ids): largest share of the corpus first, ties by top stem.
        order = sorted(range(n_topics), key=lambda t: (-mass[t], vocabulary[int(np.argmax(h[t]))]))
        h = h[order].astype(np.float32)
        mass = mass[order] / max(float(mass.sum()), 1e-12)

        ids, next_id = _match_ids(h, vocabulary, previous, match_threshold)
        top = np.argsort(-h, axis=1, kind="stable")[:, :TERMS]
        wanted = {vocabulary[j] for row in top for j in row}
        shown = _surface_forms(docs, wanted)
        topics = []
        for t in range(n_topics):
            stems = [vocabulary[j] for j in top[t] if h[t, j] > 0]
            terms = _dedupe([shown.get(s, s) for s in stems])
            topics.append(Topic(topic_id=ids[t], label="، ".join(terms[:LABEL_WORDS]), terms=terms,
                                stems=stems, weight=round(float(mass[t]), 6)))
        params = {"method": method, "n_topics": n_topics, "seed": seed, "min_df": min_df,
                  "max_df": max_df, "max_features": max_features, "max_iter": max_iter,
                  "n_docs": n_docs, "n_terms": len(vocabulary), "match_threshold": match_threshold,
                  "outlet_share": outlet_share if sources is not None else None,
                  "outlet_terms_dropped": len(dropped),
                  "lsa_dims": lsa_dims if method == "lsa-kmeans" else None,
                  "n_init": n_init if method == "lsa-kmeans" else None,
                  "iterations": n_iter,
                  "previous_version": previous.model_version if previous else None}
        return cls(model_version=(previous.model_version + 1) if previous else 1,
                   vocabulary=vocabulary, idf=idf, components=h, topics=topics,
                   fitted_at=fitted_at or dt.datetime.now(dt.UTC), next_topic_id=next_id,
                   params=params)

    # --- assignment ---------------------------------------------------------------------

    @property
    def topic_ids(self) -> list[int]:
        return [t.topic_id for t in self.topics]

    def transform(self, docs: Sequence[Features]) -> np.ndarray:
        """Non-negative topic weights (n_docs × n_topics), one NNLS problem per article."""
        x = _tfidf(docs, self._index, self.idf)
        assert self._chol is not None
        return _nnls_weights(x, self.components, self._chol)

    def assign_many(self, docs: Sequence[Features], min_weight: float = 0.1
                    ) -> list[list[tuple[int, float]]]:
        """Per article: (topic_id, share) pairs, dominant first, shares ≥ ``min_weight``
        (the dominant topic always); [] when the article shares no term with the model."""
        w = self.transform(docs)
        ids = self.topic_ids
        out: list[list[tuple[int, float]]] = []
        for row in w:
            total = float(row.sum())
            if total <= 0:
                out.append([])
                continue
            share = row / total
            order = np.argsort(-share, kind="stable")
            picks = [(ids[t], round(float(share[t]), 4)) for t in order
                     if t == order[0] or share[t] >= min_weight]
            out.append(picks)
        return out

    def assign(self, features: Features, min_weight: float = 0.1) -> list[tuple[int, float]]:
        """Topics of one article (see :meth:`assign_many`)."""
        return self.assign_many([features], min_weight)[0]

    def dominant(self, docs: Sequence[Features]) -> np.ndarray:
        """The dominant topic id per article, -1 when it has none."""
        w = self.transform(docs)
        ids = np.array(self.topic_ids)
        return np.where(w.any(axis=1), ids[np.argmax(w, axis=1)], -1)

    # --- rows and persistence -----------------------------------------------------------

    def topic_rows(self) -> list[dict[str, Any]]:
        """Rows for the ``topics`` table."""
        return [{"topic_id": t.topic_id, "model_version": self.model_version, "label": t.label,
                 "terms": list(t.terms), "weight": t.weight, "fitted_at": self.fitted_at}
                for t in self.topics]

    def to_bytes(self) -> bytes:
        """A compressed ``.npz`` (no pickles): components, idf, vocabulary, and JSON metadata."""
        meta = {"format": FORMAT, "model_version": self.model_version,
                "fitted_at": self.fitted_at.isoformat(), "next_topic_id": self.next_topic_id,
                "params": self.params,
                "topics": [{"topic_id": t.topic_id, "label": t.label, "terms": t.terms,
                            "stems": t.stems, "weight": t.weight} for t in self.topics]}
        buf = io.BytesIO()
        np.savez_compressed(buf, components=self.components.astype(np.float32),
                            idf=self.idf.astype(np.float32),
                            vocabulary=np.array(self.vocabulary, dtype=str),
                            meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> TopicModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            if meta.get("format") != FORMAT:
                raise ValueError("not an akhbar topic model")
            components = z["components"].astype(np.float32)
            idf = z["idf"].astype(np.float32)
            vocabulary = [str(s) for s in z["vocabulary"]]
        topics = [Topic(topic_id=t["topic_id"], label=t["label"], terms=list(t["terms"]),
                        stems=list(t["stems"]), weight=t["weight"]) for t in meta["topics"]]
        return cls(model_version=meta["model_version"], vocabulary=vocabulary, idf=idf,
                   components=components, topics=topics,
                   fitted_at=dt.datetime.fromisoformat(meta["fitted_at"]),
                   next_topic_id=meta["next_topic_id"], params=meta["params"])

    def top_stems(self, n: int) -> list[list[str]]:
        """The ``n`` highest-weighted stems of each topic (for coherence and diversity)."""
        top = np.argsort(-self.components, axis=1, kind="stable")[:, :n]
        return [[self.vocabulary[j] for j in row] for row in top]


def _tfidf(docs: Sequence[Features], index: dict[str, int], idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF-IDF rows (L2-normalized) of ``docs`` over a fixed vocabulary."""
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    get = index.get
    for f in docs:
        cols = list(map(get, f.stems))
        keep = [c is not None for c in cols]
        indices.extend(compress(cols, keep))
        data.extend(compress(f.counts, keep))
        indptr.append(len(indices))
    x = sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                       np.asarray(indptr, dtype=np.int64)), shape=(len(docs), len(index)))
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ x)


def _outlet_terms(docs: Sequence[Features], sources: Sequence[str | None], vocabulary: set[str],
                  share: float) -> set[str]:
    """Stems whose document frequency comes for more than ``share`` from one outlet that
    holds less than half of the articles (needs two or more known outlets)."""
    outlets = sorted({s for s in sources if s is not None})
    if len(outlets) < 2:
        return set()
    col = {o: i for i, o in enumerate(outlets)}
    n_known = sum(s is not None for s in sources)
    docs_per = np.bincount([col[s] for s in sources if s is not None], minlength=len(outlets))
    small = docs_per < 0.5 * n_known
    per: dict[str, np.ndarray] = {}
    for f, src in zip(docs, sources, strict=True):
        if src is None:
            continue
        j = col[src]
        for stem in f.stems:
            if stem in vocabulary:
                row = per.get(stem)
                if row is None:
                    row = per[stem] = np.zeros(len(outlets), dtype=np.int64)
                row[j] += 1
    out = set()
    for stem, row in per.items():
        top = int(np.argmax(row))
        if small[top] and row[top] > share * row.sum():
            out.add(stem)
    return out


def lsa_projection(x: sp.csr_matrix, seed: int, dims: int) -> np.ndarray:
    """The rows of ``x`` projected by LSA (randomized SVD) and scaled to unit length: the
    space the k-means of :func:`_lsa_kmeans` clusters in."""
    from sklearn.decomposition import TruncatedSVD

    n, v = x.shape
    dims = max(1, min(dims, v - 1, n - 1))
    # float32 throughout: several times faster than float64 here, same clusters.
    x32 = x.astype(np.float32)
    z = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=7,
                     random_state=seed).fit_transform(x32) if dims < min(n, v) else x32.toarray()
    norms = np.linalg.norm(z, axis=1)
    norms[norms == 0] = 1.0
    return z / norms[:, None]


def _lsa_kmeans(x: sp.csr_matrix, k: int, seed: int, dims: int, n_init: int,
                max_iter: int) -> tuple[np.ndarray, int]:
    """Topic term vectors (k × V, non-negative): mean TF-IDF rows of the k-means clusters
    of the unit-length LSA projections of ``x``; and the k-means iterations."""
    # scikit-learn is imported here, not at the top: fitting is a refit's job, while every
    # transform worker imports this module only to assign topics (about 1 s saved per start).
    from sklearn.cluster import KMeans

    n = x.shape[0]
    z = lsa_projection(x, seed, dims)
    # One thread: OpenMP's spinning workers stall on a busy machine (several times slower
    # on 2 shared cores), and the result never depends on the number of cores.
    with threadpool_limits(limits=1):
        km = KMeans(n_clusters=k, init="k-means++", n_init=n_init, max_iter=max_iter,
                    random_state=seed).fit(z)
    labels = km.labels_
    member = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
    sizes = np.maximum(np.bincount(labels, minlength=k), 1)
    h = np.asarray((member @ x).todense()) / sizes[:, None]
    return h, int(km.n_iter_)


def _nnls_weights(x: sp.csr_matrix, h: np.ndarray, chol: np.ndarray | None = None) -> np.ndarray:
    """Non-negative weights (n × k) of each row of ``x`` on the topic vectors ``h``, one
    NNLS problem per row (through the Cholesky factor of the topics' Gram matrix)."""
    h64 = h.astype(np.float64)
    if chol is None:
        chol = np.linalg.cholesky(h64 @ h64.T + 1e-9 * np.eye(len(h64)))
    b = np.asarray(x @ h64.T)  # (n, k): H x per article
    rhs = np.linalg.solve(chol, b.T).T  # L⁻¹ H x
    lt = chol.T
    out = np.zeros_like(b)
    for i in np.flatnonzero(b.any(axis=1)):
        out[i] = nnls(lt, rhs[i])[0]
    return out


def _shares(w: np.ndarray) -> np.ndarray:
    total = w.sum(axis=1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def _surface_forms(docs: Sequence[Features], wanted: set[str]) -> dict[str, str]:
    """The most frequent surface form of each wanted stem across ``docs``."""
    counts: Counter[tuple[str, str]] = Counter()
    for f in docs:
        keep = list(map(wanted.__contains__, f.stems))
        if not any(keep):
            continue
        for stem, surface, c in zip(compress(f.stems, keep), compress(f.surfaces, keep),
                                    compress(f.counts, keep), strict=True):
            counts[(stem, surface)] += c
    # A form with a preposition + article clitic (للفريق، بالفريق) counts half: labels
    # read better with the plain word when it is about as common.
    best: dict[str, tuple[float, str]] = {}
    for (stem, surface), c in counts.items():
        weight = c / 2 if surface.startswith(("لل", "بال", "كال")) and len(surface) > 4 else float(c)
        old = best.get(stem)
        if old is None or (weight, surface) > old:
            best[stem] = (weight, surface)
    return {s: v[1] for s, v in best.items()}


def _dedupe(words: list[str]) -> list[str]:
    seen: set[str] = set()
    return [w for w in words if not (w in seen or seen.add(w))]


def topic_similarity(h_new: np.ndarray, vocab_new: list[str], h_old: np.ndarray,
                     vocab_old: list[str]) -> np.ndarray:
    """Cosine similarity (k_new × k_old) of topic term vectors over the shared stems."""
    old_index = {s: i for i, s in enumerate(vocab_old)}
    pairs = [(i, old_index[s]) for i, s in enumerate(vocab_new) if s in old_index]
    if not pairs:
        return np.zeros((len(h_new), len(h_old)))
    cols_new, cols_old = (np.array(c) for c in zip(*pairs, strict=True))
    dot = h_new[:, cols_new].astype(np.float64) @ h_old[:, cols_old].T.astype(np.float64)
    n_new = np.linalg.norm(h_new, axis=1)[:, None]
    n_old = np.linalg.norm(h_old, axis=1)[None, :]
    return dot / np.maximum(n_new * n_old, 1e-12)


def _match_ids(h: np.ndarray, vocabulary: list[str], previous: TopicModel | None,
               threshold: float) -> tuple[list[int], int]:
    """Topic ids for the new topics and the next unused id (see module docstring)."""
    k = len(h)
    if previous is None:
        return list(range(1, k + 1)), k + 1
    sim = topic_similarity(h, vocabulary, previous.components, previous.vocabulary)
    rows, cols = linear_sum_assignment(-sim)
    ids: list[int | None] = [None] * k
    for r, c in zip(rows, cols, strict=True):
        if sim[r, c] >= threshold:
            ids[r] = previous.topics[c].topic_id
    next_id = previous.next_topic_id
    out = []
    for tid in ids:
        if tid is None:
            tid, next_id = next_id, next_id + 1
        out.append(tid)
    return out, next_id
