"""Keywords and key phrases: surface forms, corpus statistics, determinism, old API."""

from __future__ import annotations

from collections import Counter

import pytest

from akhbar.text.clean import clean_line, clean_text
from akhbar.text.features import Features, extract, extract_text, stopwords
from akhbar.text.keywords import CorpusStats, batch_keywords, candidates, score, score_batch
from akhbar.text.normalize import normalize_search, tokenize
from tests.conftest import corpus_records

# Project-written mini corpus.
DOCS = [
    ("أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة. وقالت وزارة الصحة إن المستشفى يضم "
     "مئتي سرير، وإن المستشفى الجديد سيخدم سكان المدينة والقرى المجاورة.", "وزارة الصحة تفتتح مستشفى"),
    ("فاز المنتخب الوطني على ضيفه بهدفين في المباراة التي جرت مساء أمس. وسجل المهاجم الهدفين "
     "في الشوط الثاني من المباراة، وقال المدرب إن المنتخب الوطني قدم أداء كبيرا.", "المنتخب يفوز بهدفين"),
    ("ارتفعت أسعار النفط في الأسواق العالمية اليوم، وقال محللون إن أسعار النفط قد تواصل الارتفاع "
     "بسبب تراجع المخزونات في الأسواق.", "أسعار النفط ترتفع"),
    ("قالت وزارة الصحة إن حملة التطعيم ستبدأ الأسبوع المقبل في المدينة، وإن حملة التطعيم تشمل "
     "الأطفال في المدارس.", "حملة تطعيم في المدارس"),
]


def feats() -> list[Features]:
    return [extract_text(text, title) for text, title in DOCS]


def words_of(text: str, title: str) -> set[str]:
    toks = tokenize(text) + tokenize(title)
    # A keyword word is written as in the article, or without a leading conjunction و/ف.
    return set(toks) | {t[1:] for t in toks if t[:1] in "وف"}


def test_keywords_are_surface_words_of_the_article_without_stopwords_or_numbers():
    docs = feats()
    stats = CorpusStats.from_features(docs)
    stops = stopwords()
    for (text, title), f in zip(DOCS, docs, strict=True):
        kws = score(f, stats, top_k=8)
        assert kws, "every article has keywords"
        vocab = words_of(text, title)
        for kw in kws:
            assert all(w in vocab for w in kw.keyword.split(" ")), kw
            assert not any(ch.isdigit() for ch in kw.keyword)
            assert normalize_search(kw.keyword) not in stops
            assert 0 < kw.score <= 1
        assert [k.score for k in kws] == sorted((k.score for k in kws), reverse=True)


def test_key_phrases_are_found_and_their_words_not_repeated():
    docs = feats()
    kws = score(docs[0], CorpusStats.from_features(docs), top_k=10)
    shown = [k.keyword for k in kws]
    assert "وزارة الصحة" in shown
    assert "وزارة" not in shown and "الصحة" not in shown  # inside the chosen phrase
    keys = [set(k.key.split(" ")) for k in kws]
    assert all(not (a & b) for i, a in enumerate(keys) for b in keys[i + 1:])


def test_corpus_statistics_decide_the_ranking():
    docs = feats()
    # With every key equally common, take the article's weakest candidate; once the stats
    # say it is rare in the corpus, it becomes the top keyword.
    keys = {k for f in docs for k in f.stems + f.phrases}
    common = CorpusStats(n_docs=1000, df=Counter(dict.fromkeys(keys, 900)))
    ranked = score(docs[0], common, top_k=100)
    weakest = ranked[-1].key
    assert ranked[0].key != weakest
    rare = CorpusStats(n_docs=1000, df=Counter({**common.df, weakest: 1}))
    assert score(docs[0], rare, top_k=1)[0].key == weakest


def test_scoring_is_deterministic_given_the_stats_and_stats_persist():
    docs = feats()
    stats = CorpusStats.from_features(docs)
    again = CorpusStats.from_bytes(stats.to_bytes())
    assert again.n_docs == stats.n_docs and again.df == stats.df
    for f in docs:
        assert score(f, stats) == score(f, again) == score(f, stats)
    # Incremental: adding in two steps, or merging a delta, equals counting all at once.
    inc = CorpusStats.from_features(docs[:2])
    inc.add(docs[2:])
    merged = CorpusStats.from_features(docs[:1])
    merged.merge(CorpusStats.from_features(docs[1:]))
    assert inc.df == merged.df == stats.df and inc.n_docs == merged.n_docs == 4
    # An overlay scores like the merged stats without copying them.
    base = CorpusStats.from_features(docs[:2])
    view = base.overlay(CorpusStats.from_features(docs[2:]))
    assert [score(f, view) for f in docs] == [score(f, stats) for f in docs]
    with pytest.raises(ValueError):
        view.to_bytes()


def test_score_batch_returns_the_delta_to_persist():
    docs = feats()
    stored = CorpusStats.from_features(docs[:2])
    kws, delta = score_batch(docs[2:], stored, top_k=5)
    assert delta.n_docs == 2 and len(kws) == 2
    assert kws == [score(f, stored.overlay(delta), 5) for f in docs[2:]]
    stored.merge(delta)
    assert stored.df == CorpusStats.from_features(docs).df


def test_old_pipeline_api_still_works():
    inputs = [candidates(tokenize(normalize_search(text)), tokenize(text)) for text, _ in DOCS]
    out = batch_keywords(inputs, top_k=5)
    assert len(out) == len(DOCS)
    assert all(isinstance(w, str) and isinstance(s, float) for kws in out for w, s in kws)
    assert all(1 <= len(kws) <= 5 for kws in out)


def test_keywords_on_real_articles_are_readable():
    records = corpus_records(300, step=17)
    docs = [extract(tokenize(clean_text(r["text"])), tokenize(clean_line(r.get("title")) or ""))
            for r in records]
    stats = CorpusStats.from_features(docs)
    stops = stopwords()
    for r, f in zip(records, docs, strict=True):
        vocab = words_of(clean_text(r["text"]), clean_line(r.get("title")) or "")
        for kw in score(f, stats):
            assert all(w in vocab for w in kw.keyword.split(" ")), (r["id"], kw)
            assert normalize_search(kw.keyword) not in stops
