"""The issue's evaluation targets, run on ../shared/corpus (skipped without it).

The same code as ``python -m akhbar.evaluation.topics`` / ``...stories``, on the full
ant_multisource subset for topics and a smaller variant set for stories (~30 s).
"""

from __future__ import annotations

import pytest

from akhbar.evaluation import stories as story_eval
from akhbar.evaluation import topics as topic_eval
from akhbar.topics import TopicModel
from tests.conftest import shared_path

NMI_TARGET = 0.60  # the issue's target for n_topics = 6
NMI_BASELINE = 0.387  # the issue's measured raw TF-IDF + NMF baseline
NMI_FLOOR = 0.46  # measured 0.487 (LSA + k-means, outlet filter); the NMF model measured 0.401


@pytest.fixture(scope="module")
def corpus():
    return shared_path("corpus")


@pytest.fixture(scope="module")
def topic_run(corpus):
    records = topic_eval.load(corpus, "ant_multisource")
    labels = [r["category"] for r in records]
    docs = topic_eval.features_of(records)
    model = TopicModel.fit(docs, 6, seed=0, fitted_at=topic_eval.FITTED_AT,
                           sources=[r["source"] for r in records])
    dominant = [a[0][0] if a else -1 for a in model.assign_many(docs)]
    return records, labels, docs, model, topic_eval.nmi(labels, dominant)


def test_topic_model_beats_the_raw_baseline_and_is_coherent_and_stable(topic_run):
    records, labels, docs, model, nmi = topic_run
    assert nmi > NMI_FLOOR > NMI_BASELINE
    assert nmi > topic_eval.raw_baseline(records, labels, 6)  # re-measured here
    coherence, _ = topic_eval.npmi_coherence(model.top_stems(10), docs)
    assert coherence > 0.2
    assert topic_eval.topic_diversity(model.top_stems(25)) > 0.8
    stable = topic_eval.stability(docs, model, 6, [r["published"] for r in records],
                                  [r["source"] for r in records])
    assert stable["second_fit_identical"]
    assert stable["sample_refit"]["kept_ids"] >= 5
    assert stable["growth_refit"]["kept_ids"] >= 4 and stable["growth_refit"]["matched_similarity_min"] >= 0.5


@pytest.mark.xfail(strict=True, reason=(
    "NMI ≥ 0.60 is not reached: the model measures ~0.49, a supervised logistic regression "
    "trained on the categories reaches ~0.61 on the same features, and even the best "
    "label-aware merge of 100 k-means clusters ~0.57; k-means started from the category "
    "centroids settles at ~0.50 (see eval/topics/README.md, --ceiling)"))
def test_topic_nmi_reaches_the_issue_target(topic_run):
    assert topic_run[4] >= NMI_TARGET


def test_near_duplicate_variants_reach_the_targets(corpus):
    data = story_eval.load(corpus)
    result = story_eval.evaluate_variants(data, n_seeds=200, n_distractors=1500, seed=20260101)
    assert result["precision"] >= 0.95
    assert result["recall"] >= 0.95
    assert result["copies_in_seed_story"] >= 0.95
