"""Evaluate the topic model (and time features, keywords and topic assignment).

    .venv/bin/python -m akhbar.evaluation.topics [--corpus DIR] [--topics 6] [--json]

On ``ant_multisource`` (7,000 articles, 6 categories), with ``--topics`` topics:

* NMI (scikit-learn, arithmetic normalization) between each article's dominant topic
  (the model is fitted with the articles' outlets, ``sources=``)
  (:meth:`TopicModel.assign_many`) and its category, next to two references measured
  the same way on the same articles: the raw baseline (scikit-learn ``TfidfVectorizer``
  defaults on the raw text + NMF) and a supervised ceiling (a logistic regression trained
  on the categories, 5-fold cross-validated predictions, on the same features as the
  model; also with internationalNews and middleEast merged) — how much of the category
  an article's words can tell at all.
* NPMI coherence of each topic's top-10 stems (document co-occurrence in the same
  articles; a pair that never co-occurs counts -1) and topic diversity (share of distinct
  stems among the top-25 stems of all topics).
* Stability: a second fit on the same articles gives the same ids, labels and weights; a
  refit with the first model as ``previous`` keeps the ids of the topics it finds again:
  on an 80 % sample, and as a growing warehouse sees it (a model fitted on the earlier
  half of the articles by date, refitted on all of them).
* Over all 16,000 corpus articles: seconds to fit, and articles per second of one core
  (CPU time) for feature extraction, keyword scoring and topic assignment, next to the
  tokenization the pipeline already pays for (akhbar's normalize + tokenize) and
  camel-tools' own normalize + dediacritize + tokenize (on a 2,000-article sample); and
  the token-level view with offsets (``features.tokens``, on every 4th article).

``--protocol`` instead fits each method (NMF, LSA + k-means; with and without the outlet
filter) on the tuning half A of ant_multisource, the evaluation half B, all of it, and
ant_jawharafm, with seeds 0-2. ``--method nmf --no-outlet-filter`` measures the previous model.
``--ceiling`` measures how far the NMI target is: a supervised character-n-gram reference,
and the NMI k-means reaches in the model's space when started from the categories.

Deterministic: fixed seeds (SVD, k-means++ restarts), k-means on one thread.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import normalized_mutual_info_score

from akhbar.text.clean import clean_line, clean_text
from akhbar.text.features import Features, extract
from akhbar.text.features import tokens as tokens_with_offsets
from akhbar.text.keywords import CorpusStats, score
from akhbar.text.normalize import normalize_search, tokenize
from akhbar.topics import TopicModel, topic_similarity

SUBSETS = ("saudinewsnet", "ant_multisource", "ant_jawharafm")
DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FITTED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # fixed, so two fits compare byte for byte


def load(corpus: Path, name: str) -> list[dict[str, Any]]:
    with open(corpus / name / "articles.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def tokens_of(records: Sequence[dict[str, Any]]) -> list[tuple[list[str], list[str]]]:
    """(body tokens, title tokens) as the pipeline has them: cleaned display text."""
    return [(tokenize(clean_text(r["text"])), tokenize(clean_line(r.get("title")) or ""))
            for r in records]


def features_of(records: Sequence[dict[str, Any]]) -> list[Features]:
    return [extract(body, title) for body, title in tokens_of(records)]


def nmi(labels: Sequence[str], clusters: Sequence[int] | np.ndarray) -> float:
    return float(normalized_mutual_info_score(labels, clusters))


def npmi_coherence(top_stems: Sequence[Sequence[str]], docs: Sequence[Features]) -> tuple[float, list[float]]:
    """Mean NPMI of the top stems of each topic over document co-occurrence in ``docs``."""
    wanted = {s for topic in top_stems for s in topic}
    index = {s: i for i, s in enumerate(sorted(wanted))}
    rows = np.zeros((len(docs), len(index)), dtype=bool)
    for d, f in enumerate(docs):
        for s in f.stems:
            j = index.get(s)
            if j is not None:
                rows[d, j] = True
    n = len(docs)
    p = rows.mean(axis=0)
    joint = (rows.T.astype(np.float64) @ rows.astype(np.float64)) / n
    per_topic = []
    for topic in top_stems:
        vals = []
        for a in range(len(topic)):
            for b in range(a + 1, len(topic)):
                i, j = index[topic[a]], index[topic[b]]
                pij = joint[i, j]
                if pij <= 0:
                    vals.append(-1.0)
                elif pij >= 1:
                    vals.append(1.0)
                else:
                    vals.append(float(np.log(pij / (p[i] * p[j])) / -np.log(pij)))
        per_topic.append(float(np.mean(vals)))
    return float(np.mean(per_topic)), per_topic


def topic_diversity(top_stems: Sequence[Sequence[str]]) -> float:
    """Distinct stems among all topics' top stems / all top stems (1 = no overlap)."""
    flat = [s for topic in top_stems for s in topic]
    return len(set(flat)) / len(flat)


def raw_baseline(records: Sequence[dict[str, Any]], labels: Sequence[str], n_topics: int) -> float:
    """The issue's baseline: scikit-learn TF-IDF defaults on raw text, NMF, dominant topic."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform([r["text"] for r in records])
    w = NMF(n_components=n_topics, init="nndsvd", max_iter=400, random_state=0).fit_transform(x)
    return nmi(labels, w.argmax(axis=1))


def supervised_ceiling(model: TopicModel, docs: Sequence[Features], labels: Sequence[str]
                       ) -> tuple[float, float]:
    """NMI with the categories of 5-fold cross-validated logistic-regression predictions on
    the model's features: trained on the 6 categories, and on 5 (internationalNews and
    middleEast merged, since NMI does not punish merging two confusable classes)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from akhbar.topics import _tfidf

    x = _tfidf(docs, {s: i for i, s in enumerate(model.vocabulary)}, model.idf)
    y = np.asarray(labels)
    merged = np.where(np.isin(y, ["internationalNews", "middleEast"]), "politics", y)
    out = []
    for target in (y, merged):
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        pred = cross_val_predict(LogisticRegression(C=10.0, max_iter=1000), x, target, cv=folds)
        out.append(nmi(labels, pred))
    return out[0], out[1]


def stability(docs: Sequence[Features], model: TopicModel, n_topics: int,
              dates: Sequence[str] | None = None, sources: Sequence[str] | None = None,
              method: str = "lsa-kmeans") -> dict[str, Any]:
    """Same data → same model; refits keep ids (an 80 % sample; and, with ``dates``, a
    warehouse that grows: fit on the earlier half, refit on everything)."""
    def fit(ix: Sequence[int], seed: int, previous: TopicModel | None = None) -> TopicModel:
        return TopicModel.fit([docs[i] for i in ix], n_topics, seed=seed, previous=previous,
                              fitted_at=FITTED_AT, method=method,
                              sources=[sources[i] for i in ix] if sources is not None else None)

    everything = range(len(docs))
    again = fit(everything, 0)
    out: dict[str, Any] = {"second_fit_identical": again.to_bytes() == model.to_bytes()}
    rng = random.Random(7)
    sample = sorted(rng.sample(range(len(docs)), int(0.8 * len(docs))))
    out["sample_refit"] = _refit_report(model, fit(sample, 1, model))
    if dates is not None:
        order = sorted(everything, key=lambda i: (dates[i], i))
        early = fit(sorted(order[:len(order) // 2]), 0)
        out["growth_refit"] = _refit_report(early, fit(everything, 0, early))
    return out


def _refit_report(old: TopicModel, new: TopicModel) -> dict[str, Any]:
    sim = topic_similarity(new.components, new.vocabulary, old.components, old.vocabulary)
    old_pos = {t: i for i, t in enumerate(old.topic_ids)}
    matched = [float(sim[i, old_pos[t]]) for i, t in enumerate(new.topic_ids) if t in old_pos]
    return {"kept_ids": len(matched), "new_ids": [t for t in new.topic_ids if t not in old_pos],
            "model_version": new.model_version,
            "matched_similarity_min": round(min(matched), 3) if matched else None,
            "labels_before": {t.topic_id: t.label for t in old.topics},
            "labels_after": {t.topic_id: t.label for t in new.topics}}


def speed(corpus: Path, n_topics: int) -> dict[str, Any]:
    records = [r for name in SUBSETS for r in load(corpus, name)]
    n = len(records)
    cleaned = [(clean_text(r["text"]), clean_line(r.get("title")) or "") for r in records]
    out: dict[str, Any] = {"articles": n}
    t = time.process_time()
    toks = [(tokenize(text), tokenize(title)) for text, title in cleaned]
    for text, _ in cleaned:
        tokenize(normalize_search(text))
    out["akhbar_normalize_tokenize_docs_per_s"] = round(n / (time.process_time() - t))
    t = time.process_time()
    docs = [extract(body, title) for body, title in toks]
    out["features_cold_docs_per_s"] = round(n / (time.process_time() - t))
    t = time.process_time()
    docs = [extract(body, title) for body, title in toks]
    out["features_docs_per_s"] = round(n / (time.process_time() - t))
    stats = CorpusStats.from_features(docs)
    out["keyword_stats_bytes"] = len(stats.to_bytes())
    t = time.process_time()
    for f in docs:
        score(f, stats)
    out["keywords_docs_per_s"] = round(n / (time.process_time() - t))
    t = time.perf_counter()
    model = TopicModel.fit(docs, n_topics, seed=0, fitted_at=FITTED_AT,
                           sources=[r["source"] for r in records])
    out["fit_seconds"] = round(time.perf_counter() - t, 2)
    out["model_bytes"] = len(model.to_bytes())
    t = time.process_time()
    for start in range(0, n, 1000):  # per batch, as the pipeline calls it
        model.assign_many(docs[start:start + 1000])
    out["assign_docs_per_s"] = round(n / (time.process_time() - t))
    out["labels_16k"] = [t.label for t in model.topics]
    offsets_sample = [text for text, _ in cleaned[::4]]
    t = time.process_time()
    for text in offsets_sample:
        tokens_with_offsets(text)
    out["tokens_with_offsets_docs_per_s"] = round(len(offsets_sample) / (time.process_time() - t))
    sample = [text for text, _ in cleaned[::8]]
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )
    t = time.process_time()
    for text in sample:
        norm = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(
            dediac_ar(normalize_unicode(text)))))
        simple_word_tokenize(norm)
    out["camel_normalize_dediac_tokenize_docs_per_s"] = round(len(sample) / (time.process_time() - t))
    return out


def split_halves(n: int, seed: int = 12345) -> tuple[np.ndarray, np.ndarray]:
    """The tuning half (A) and the evaluation half (B) of ``n`` articles (fixed seed)."""
    perm = np.random.RandomState(seed).permutation(n)
    return np.sort(perm[:n // 2]), np.sort(perm[n // 2:])


def fit_nmi(records: Sequence[dict[str, Any]], docs: Sequence[Features], n_topics: int,
            method: str = "lsa-kmeans", use_sources: bool = True, seed: int = 0) -> float:
    """NMI(dominant topic, category) of a model fitted on these very articles."""
    model = TopicModel.fit(docs, n_topics, seed=seed, fitted_at=FITTED_AT, method=method,
                           sources=[r["source"] for r in records] if use_sources else None)
    dominant = [a[0][0] if a else -1 for a in model.assign_many(docs)]
    return nmi([r["category"] for r in records], dominant)


def protocol(corpus: Path = DEFAULT_CORPUS, seeds: Sequence[int] = (0, 1, 2)) -> dict[str, Any]:
    """NMI of each method, with and without the outlet filter, fitted separately on the
    tuning half A of ant_multisource, the evaluation half B, all of it, and on
    ant_jawharafm (its own 9 categories, one outlet) — per seed, so the spread shows."""
    ms = load(corpus, "ant_multisource")
    ja = load(corpus, "ant_jawharafm")
    ms_docs, ja_docs = features_of(ms), features_of(ja)
    a, b = split_halves(len(ms))
    sets = {"A": ([ms[i] for i in a], [ms_docs[i] for i in a], 6),
            "B": ([ms[i] for i in b], [ms_docs[i] for i in b], 6),
            "full": (ms, ms_docs, 6), "jawharafm": (ja, ja_docs, 9)}
    out: dict[str, Any] = {}
    for method in ("nmf", "lsa-kmeans"):
        for use_sources in (False, True):
            name = f"{method}{' + outlet filter' if use_sources else ''}"
            out[name] = {s: [round(fit_nmi(r, d, k, method, use_sources, seed), 4) for seed in seeds]
                         for s, (r, d, k) in sets.items()}
    return out


def char_ngram_ceiling(records: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The strongest supervised reference measured here (a check of how much of the category
    any bag of features can tell): a linear SVM on character 2–5-grams of each article's
    search form, trained on the categories, 5-fold cross-validated predictions."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.svm import LinearSVC

    texts = [normalize_search(clean_text(r["text"])) for r in records]
    x = TfidfVectorizer(sublinear_tf=True, min_df=3, max_df=0.5, analyzer="char_wb", ngram_range=(2, 5),
                        max_features=400_000, dtype=np.float32).fit_transform(texts)
    y = np.asarray([r["category"] for r in records])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    pred = cross_val_predict(LinearSVC(C=0.3), x, y, cv=folds)
    return {"nmi": round(nmi(y, pred), 4), "accuracy": round(float(accuracy_score(y, pred)), 4)}


def kmeans_from_categories(records: Sequence[dict[str, Any]], docs: Sequence[Features], seed: int
                           ) -> dict[str, float]:
    """Diagnostic (it uses the labels; no model does): in the model's own LSA space, the
    k-means inertia of the best of its restarts against that of the category partition, and
    the NMI k-means reaches when it starts from the category centroids — the nearest
    optimum of the model's objective to the categories."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    from akhbar.topics import _tfidf, lsa_projection

    model = TopicModel.fit(docs, 6, seed=seed, fitted_at=FITTED_AT, sources=[r["source"] for r in records])
    x = _tfidf(docs, {s: i for i, s in enumerate(model.vocabulary)}, model.idf)
    z = lsa_projection(x, seed, model.params["lsa_dims"])
    y = np.asarray([r["category"] for r in records])
    cats = sorted(set(y))
    centroids = np.vstack([z[y == c].mean(axis=0) for c in cats])
    own = np.searchsorted(cats, y)
    with threadpool_limits(limits=1):
        best = KMeans(n_clusters=6, n_init=30, max_iter=400, random_state=seed).fit(z)
        seeded = KMeans(n_clusters=6, init=centroids, n_init=1, max_iter=400).fit(z)
    return {"kmeans_inertia": round(float(best.inertia_), 1), "kmeans_nmi": round(nmi(y, best.labels_), 4),
            "category_inertia": round(float(((z - centroids[own]) ** 2).sum()), 1),
            "from_categories_nmi": round(nmi(y, seeded.labels_), 4)}


def ceiling(corpus: Path = DEFAULT_CORPUS, seeds: Sequence[int] = (0, 1, 2)) -> dict[str, Any]:
    """How far the NMI target is: the character-n-gram supervised reference on all of
    ant_multisource, and k-means started from the categories on halves A and B."""
    ms = load(corpus, "ant_multisource")
    docs = features_of(ms)
    a, b = split_halves(len(ms))
    return {"supervised_char_ngrams": char_ngram_ceiling(ms),
            "kmeans_from_categories": {
                name: [kmeans_from_categories([ms[i] for i in half], [docs[i] for i in half], seed)
                       for seed in seeds] for name, half in (("A", a), ("B", b))}}


def run(corpus: Path = DEFAULT_CORPUS, n_topics: int = 6, with_speed: bool = True,
        method: str = "lsa-kmeans", use_sources: bool = True) -> dict[str, Any]:
    records = load(corpus, "ant_multisource")
    labels = [r["category"] for r in records]
    docs = features_of(records)
    sources = [r["source"] for r in records] if use_sources else None
    t = time.perf_counter()
    model = TopicModel.fit(docs, n_topics, seed=0, fitted_at=FITTED_AT, method=method, sources=sources)
    fit_seconds = time.perf_counter() - t
    dominant = [a[0][0] if a else -1 for a in model.assign_many(docs)]
    coherence, per_topic = npmi_coherence(model.top_stems(10), docs)
    out: dict[str, Any] = {
        "articles": len(docs), "n_topics": n_topics, "method": method,
        "outlet_filter": use_sources, "n_terms": len(model.vocabulary),
        "outlet_terms_dropped": model.params["outlet_terms_dropped"],
        "fit_seconds": round(fit_seconds, 2),
        "nmi": round(nmi(labels, dominant), 4),
        "nmi_raw_tfidf_nmf_baseline": round(raw_baseline(records, labels, n_topics), 4),
        "nmi_supervised_ceiling": [round(v, 4) for v in supervised_ceiling(model, docs, labels)],
        "npmi": round(coherence, 4), "npmi_per_topic": [round(v, 4) for v in per_topic],
        "diversity_top25": round(topic_diversity(model.top_stems(25)), 4),
        "topics": [{"topic_id": t.topic_id, "label": t.label, "weight": t.weight, "terms": t.terms}
                   for t in model.topics],
        "stability": stability(docs, model, n_topics, [r["published"] or "" for r in records],
                               sources, method),
    }
    if with_speed:
        out["speed"] = speed(corpus, n_topics)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--topics", type=int, default=6)
    parser.add_argument("--no-speed", action="store_true", help="skip the timing over all 16,000 articles")
    parser.add_argument("--method", choices=("lsa-kmeans", "nmf"), default="lsa-kmeans")
    parser.add_argument("--no-outlet-filter", action="store_true",
                        help="do not pass the articles' outlets to fit")
    parser.add_argument("--protocol", action="store_true",
                        help="only the tuning/evaluation protocol: NMI per method on halves A/B, "
                             "the full set and ant_jawharafm, seeds 0-2 (~5 min)")
    parser.add_argument("--ceiling", action="store_true",
                        help="only how far the NMI target is: a character-n-gram supervised reference "
                             "and k-means started from the categories on halves A/B (~4 min)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / "ant_multisource" / "articles.jsonl").exists():
        raise SystemExit(f"{args.corpus} not found: this evaluation needs ../shared/corpus")
    if args.ceiling:
        res = ceiling(args.corpus)
        if args.json:
            print(json.dumps(res, indent=2))
            return
        sup = res["supervised_char_ngrams"]
        print(f"supervised reference (LinearSVC, char 2-5-grams, 5-fold CV): NMI {sup['nmi']:.3f}, "
              f"accuracy {sup['accuracy']:.3f}")
        for half, rows in res["kmeans_from_categories"].items():
            for seed, r in enumerate(rows):
                print(f"half {half} seed {seed}: k-means inertia {r['kmeans_inertia']} "
                      f"(NMI {r['kmeans_nmi']:.3f}); "
                      f"category partition inertia {r['category_inertia']}; k-means from the category "
                      f"centroids NMI {r['from_categories_nmi']:.3f}")
        return
    if args.protocol:
        res = protocol(args.corpus)
        if args.json:
            print(json.dumps(res, indent=2))
            return
        heads = ("A (tune)", "B (eval)", "full", "jawharafm")
        print(f"{'NMI per seed 0/1/2':<32}" + "".join(f"{h:>22}" for h in heads))
        for name, row in res.items():
            cells = (" ".join(f"{v:.3f}" for v in vals) for vals in row.values())
            print(f"{name:<32}" + "".join(f"{c:>22}" for c in cells))
        return
    out = run(args.corpus, args.topics, not args.no_speed, args.method, not args.no_outlet_filter)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    print(f"ant_multisource, {out['articles']} articles, {out['n_topics']} topics, method {out['method']}, "
          f"{out['n_terms']} terms ({out['outlet_terms_dropped']} outlet terms dropped), "
          f"fit {out['fit_seconds']} s")
    print(f"NMI(dominant topic, category) = {out['nmi']:.3f}   "
          f"[raw TF-IDF + NMF baseline {out['nmi_raw_tfidf_nmf_baseline']:.3f}; "
          f"supervised 5-fold ceiling {out['nmi_supervised_ceiling'][0]:.3f}, "
          f"{out['nmi_supervised_ceiling'][1]:.3f} with the two politics classes merged]")
    print(f"NPMI coherence (top 10) = {out['npmi']:.3f}   "
          f"topic diversity (top 25) = {out['diversity_top25']:.3f}")
    for t in out["topics"]:
        print(f"  topic {t['topic_id']:>2} ({t['weight']:.2f}): {t['label']}  | {' '.join(t['terms'])}")
    s = out["stability"]
    print(f"stability: second fit identical {s['second_fit_identical']}")
    for name, what in (("sample_refit", "refit on an 80 % sample"),
                       ("growth_refit", "fit on the earlier half (by date), refit on all")):
        r = s.get(name)
        if r:
            print(f"  {what}: keeps {r['kept_ids']}/{out['n_topics']} ids, new ids {r['new_ids']}, "
                  f"min similarity of kept topics {r['matched_similarity_min']}")
            for tid, label in r["labels_after"].items():
                print(f"    {tid}: {r['labels_before'].get(tid, '(new)')} → {label}")
    if "speed" in out:
        p = out["speed"]
        print(f"speed over {p['articles']} articles (one core, CPU time, docs/s): "
              f"features {p['features_docs_per_s']} (cold cache {p['features_cold_docs_per_s']}), "
              f"keywords {p['keywords_docs_per_s']}, topic assignment {p['assign_docs_per_s']}; "
              f"for reference akhbar normalize+tokenize {p['akhbar_normalize_tokenize_docs_per_s']}, "
              f"camel-tools normalize+dediac+tokenize {p['camel_normalize_dediac_tokenize_docs_per_s']}")
        print(f"  tokens with offsets, flags and stems (features.tokens, every 4th article): "
              f"{p['tokens_with_offsets_docs_per_s']} docs/s")
        print(f"  fit on all {p['articles']}: {p['fit_seconds']} s; model {p['model_bytes'] / 1e3:.0f} kB; "
              f"keyword stats {p['keyword_stats_bytes'] / 1e6:.1f} MB")
        print(f"  labels: {' / '.join(p['labels_16k'])}")


if __name__ == "__main__":
    main()
