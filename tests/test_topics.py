"""Topic model: readable labels, stable ids across fits and refits, deterministic assignment."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sklearn.metrics import normalized_mutual_info_score

from akhbar.text.clean import clean_line, clean_text
from akhbar.text.features import extract, extract_text
from akhbar.text.normalize import tokenize
from akhbar.topics import TopicModel
from tests.conftest import shared_path

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

# Project-written vocabularies for a synthetic corpus (clitic spellings included).
VOCAB = {
    "sport": ("المباراة والمباراة الفريق للفريق اللاعب اللاعبين الهدف المدرب الدوري الملعب "
              "البطولة الجمهور الشوط"),
    "economy": ("الأسعار السوق والسوق الدولار النفط البنك الاستثمار الشركات التضخم الأسهم "
                "الميزانية المستثمرين"),
    "weather": ("الأمطار الرياح الحرارة الطقس العاصفة الغيوم الثلوج الرطوبة الضباب السيول "
                "والأمطار المنخفض"),
    "health": ("المستشفى الأطباء المرضى اللقاح الدواء العلاج الوباء العيادة الممرضين والمرضى "
               "الجراحة الفيروس"),
}
FILLER = ["الناس", "المدينة", "البلاد", "الحياة", "الأسبوع", "المسؤولين", "المنطقة", "الحكومة"]


def synthetic(topics: list[str], per_topic: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for topic in topics:
        words = VOCAB[topic].split()
        for _ in range(per_topic):
            n = rng.randint(25, 45)
            body = [rng.choice(words) if rng.random() < 0.75 else rng.choice(FILLER) for _ in range(n)]
            texts.append(" ".join(body) + ".")
            labels.append(topic)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [labels[i] for i in order]


def fit(texts: list[str], k: int, **kw) -> tuple[TopicModel, list]:
    docs = [extract_text(t) for t in texts]
    return TopicModel.fit(docs, k, seed=0, fitted_at=AT, min_df=2, **kw), docs


def topic_of(model: TopicModel, word: str) -> int:
    """The dominant topic of an article that says ``word`` three times."""
    return model.assign(extract_text(f"{word} {word} {word}"))[0][0]


def test_topics_recover_the_synthetic_themes_with_readable_labels():
    texts, labels = synthetic(["sport", "economy", "weather"], 60, seed=1)
    model, docs = fit(texts, 3)
    dominant = [a[0][0] for a in model.assign_many(docs)]
    assert normalized_mutual_info_score(labels, dominant) > 0.9
    tokens = {tok for t in texts for tok in tokenize(t)}
    for topic in model.topics:
        assert len(topic.terms) >= 5
        assert all(term in tokens for term in topic.terms)  # surface words, not stems
        assert topic.label == "، ".join(topic.terms[:3])
        assert not any(term.startswith(("وال", "لل")) for term in topic.terms[:3])
    assert {topic_of(model, w) for w in ("المباراة", "الأسعار", "الأمطار")} == {1, 2, 3}


def test_same_data_same_model_and_ids():
    texts, _ = synthetic(["sport", "economy", "weather"], 40, seed=2)
    a, _ = fit(texts, 3)
    b, _ = fit(texts, 3)
    assert a.to_bytes() == b.to_bytes()
    assert a.topic_ids == [1, 2, 3] and a.model_version == 1


def test_refit_keeps_topic_ids_and_never_reuses_retired_ones():
    texts, _ = synthetic(["sport", "economy", "weather"], 50, seed=3)
    v1, _ = fit(texts, 3)
    ids = {w: topic_of(v1, w) for w in ("المباراة", "الأسعار", "الأمطار")}
    # Other articles on the same themes, in another order: same ids.
    texts2, _ = synthetic(["weather", "sport", "economy"], 45, seed=4)
    v2, _ = fit(texts2, 3, previous=v1)
    assert v2.model_version == 2
    assert {w: topic_of(v2, w) for w in ids} == ids
    # A new theme appears: the old ids stay, the new topic gets the next id.
    texts3, _ = synthetic(["sport", "economy", "weather", "health"], 45, seed=5)
    v3, _ = fit(texts3, 4, previous=v2)
    assert {w: topic_of(v3, w) for w in ids} == ids
    assert topic_of(v3, "المستشفى") == 4 and v3.next_topic_id == 5
    # The theme disappears again and another one arrives: id 4 is retired, not reused.
    texts4, _ = synthetic(["sport", "economy", "health"], 45, seed=6)
    v4, _ = fit(texts4, 3, previous=v3)
    assert topic_of(v4, "المستشفى") == 4
    texts5, _ = synthetic(["sport", "economy", "weather"], 45, seed=7)
    v5, _ = fit(texts5, 3, previous=v4)
    assert topic_of(v5, "الأمطار") == 5 and 4 not in v5.topic_ids


def test_assignment_is_deterministic_batch_independent_and_persistent():
    texts, _ = synthetic(["sport", "economy", "weather"], 40, seed=8)
    model, docs = fit(texts, 3)
    together = model.assign_many(docs)
    assert together == [model.assign(d) for d in docs] == model.assign_many(docs)
    assert together[5:9] == model.assign_many(docs[5:9])
    for picks in together:
        assert picks and all(w > 0 for _, w in picks)
        assert [w for _, w in picks] == sorted((w for _, w in picks), reverse=True)
        assert sum(w for _, w in picks) <= 1.0001
    loaded = TopicModel.from_bytes(model.to_bytes())
    assert loaded.assign_many(docs) == together
    assert loaded.topic_rows() == model.topic_rows()
    row = model.topic_rows()[0]
    assert set(row) == {"topic_id", "model_version", "label", "terms", "weight", "fitted_at"}
    assert model.assign(extract_text("في من على إلى.")) == []  # nothing to go on


def test_fit_refuses_too_little_data():
    with pytest.raises(ValueError):
        TopicModel.fit([extract_text("كلمة واحدة")], 3)


def test_labels_on_real_articles_are_words_of_the_articles():
    import itertools
    import json

    path = shared_path("corpus", "ant_multisource", "articles.jsonl")
    with open(path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in itertools.islice(fh, 0, None, 4)]
    body = [tokenize(clean_text(r["text"])) for r in records]
    titles = [tokenize(clean_line(r.get("title")) or "") for r in records]
    docs = [extract(b, t) for b, t in zip(body, titles, strict=True)]
    model = TopicModel.fit(docs, 6, seed=0, fitted_at=AT)
    tokens = {tok for toks in body + titles for tok in toks}
    written = tokens | {t[1:] for t in tokens if t[:1] in "وف"}  # shown without a leading و/ف
    for topic in model.topics:
        assert all(term in written for term in topic.terms), topic
        assert any(term in tokens for term in topic.terms[:3])


def test_outlet_concentrated_terms_are_dropped_and_sources_are_optional():
    texts, _ = synthetic(["sport", "economy", "weather"], 40, seed=9)
    # Outlet "b" (a third of the articles) signs every article off with its name.
    texts = [t + (" بيبيسي" if i % 3 == 0 else "") for i, t in enumerate(texts)]
    sources = ["b" if i % 3 == 0 else "a" for i in range(len(texts))]
    plain, docs = fit(texts, 3)
    filtered = TopicModel.fit(docs, 3, seed=0, fitted_at=AT, min_df=2, sources=sources)
    stem = extract_text("بيبيسي").stems[0]
    assert stem in plain.vocabulary and stem not in filtered.vocabulary
    assert filtered.params["outlet_terms_dropped"] >= 1
    # One outlet (or none known): nothing is dropped.
    alone = TopicModel.fit(docs, 3, seed=0, fitted_at=AT, min_df=2, sources=["a"] * len(docs))
    assert alone.vocabulary == plain.vocabulary
    unknown = TopicModel.fit(docs, 3, seed=0, fitted_at=AT, min_df=2, sources=[None] * len(docs))
    assert unknown.vocabulary == plain.vocabulary
    with pytest.raises(ValueError):
        TopicModel.fit(docs, 3, seed=0, fitted_at=AT, min_df=2, sources=sources[:-1])


def test_legacy_nmf_method_still_fits_and_loads():
    texts, labels = synthetic(["sport", "economy", "weather"], 40, seed=10)
    model, docs = fit(texts, 3, method="nmf")
    assert model.params["method"] == "nmf"
    dominant = [a[0][0] for a in TopicModel.from_bytes(model.to_bytes()).assign_many(docs)]
    assert normalized_mutual_info_score(labels, dominant) > 0.9
    with pytest.raises(ValueError):
        fit(texts, 3, method="lda")
