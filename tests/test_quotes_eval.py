"""The quote evaluation: gold set integrity, the scorer's rules, and the targets of issue #4
on the held-out articles (``heldout16``: 48 articles annotated blind and measured once)."""

import json
from collections import Counter

import pytest
from conftest import shared_path

from akhbar.evaluation import quotes as ev

TARGETS = {"direct_f1": 0.90, "indirect_f1": 0.75, "speaker_accuracy": 0.85}
# What the code measured, once, on heldout16 (eval/quotes/README.md: direct F1 0.863, indirect
# F1 0.953, speaker 0.689), a little lower to absorb nothing but rounding: a change that loses
# ground on unseen text fails here.
HELDOUT = "heldout16"
HELDOUT_FLOOR = {"direct_f1": 0.86, "indirect_f1": 0.95, "speaker_accuracy": 0.68}
EARLIER_HELDOUT = ("first_heldout", "second_heldout", "third_heldout", "fourth_heldout", "fifth_heldout",
                   "sixth_heldout", "seventh_heldout", "eighth_heldout", "ninth_heldout", "tenth_heldout",
                   "eleventh_heldout", "twelfth_heldout", "thirteenth_heldout", "fourteenth_heldout",
                   "fifteenth_heldout", "sixteenth_heldout", "seventeenth_heldout",
                   "eighteenth_heldout", "nineteenth_heldout")


@pytest.fixture(scope="module")
def gold_and_texts():
    corpus = shared_path("corpus")
    articles = ev.load_gold(ev.DEFAULT_GOLD, "all")
    return articles, ev.load_texts(articles, corpus)


def test_gold_set_is_stratified_split_and_holds_no_text():
    records = [json.loads(line) for line in ev.DEFAULT_GOLD.read_text("utf-8").splitlines() if line]
    assert len(records) >= 40
    assert {r["subset"] for r in records} == set(ev.SUBSETS)
    splits = Counter(r["split"] for r in records)
    # 48 of 840 are held out (heldout16); 5 × 33, 45, 30, 36 × 6, 48 × 6 others were held out and became
    # development data when their errors were studied (see eval/quotes/README.md).
    assert splits[HELDOUT] >= 48 and splits["dev"] > 0 and set(splits) == {"dev", HELDOUT}
    for flag in EARLIER_HELDOUT:
        earlier = [r for r in records if r.get(flag)]
        assert len(earlier) >= 30 and all(r["split"] == "dev" for r in earlier)
    assert all(sum(bool(r.get(f)) for f in EARLIER_HELDOUT) <= 1 for r in records)
    assert Counter(r["subset"] for r in records if r["split"] == HELDOUT) == {s: 16 for s in ev.SUBSETS}
    assert len({r["id"] for r in records}) == len(records)
    kinds = Counter(q["kind"] for r in records for q in r["quotes"])
    assert kinds["direct"] >= 50 and kinds["indirect"] >= 50
    for r in records:
        for q in r["quotes"]:
            assert set(q) <= {"kind", "start", "end", "speaker", "speaker_alt", "cue", "text_sha"}
            assert q["kind"] in ev.KINDS and 0 <= q["start"] < q["end"]


def test_gold_offsets_still_hold_the_annotated_text(gold_and_texts):
    articles, texts = gold_and_texts
    for art in articles:
        spans = ev.gold_spans(art, texts[art.id])  # raises if a text_sha no longer matches
        assert all(s.text.strip() for s in spans)


def test_matching_is_token_dice_on_the_search_form():
    a = ev.match_tokens("قال إنّ «الاقتصادَ ينمو»")
    b = ev.match_tokens("قال ان الاقتصاد ينمو بسرعة")
    assert ev.dice(a, b) == pytest.approx(2 * 4 / 9)
    gold = [ev.Span("direct", "الحكومة لن تتراجع عن قرارها", "خالد العمري", "وقال")]
    pred = [ev.Span("indirect", "الحكومة لن تتراجع عن قرارها", "خالد العمري", "وقال"),
            ev.Span("direct", "الحكومة لن تتراجع", "خالد العمري", "وقال")]
    assert ev.match(gold, pred) == [(0, 1)]  # same kind only; Dice 0.8


def test_speaker_match_is_strict():
    gold = ev.Span("direct", "x", "خالد العمري", None, ("خالد سعد العمري",))
    assert ev.speaker_correct("الدكتور خالد العمري", gold)  # honorifics are dropped
    assert ev.speaker_correct("خالد سعد العمري", gold)  # the annotator's alternative
    assert not ev.speaker_correct("العمري", gold)  # a family name alone is wrong…
    assert ev.speaker_lenient("العمري", gold)  # …though the lenient figure counts it
    assert not ev.speaker_correct(None, gold)
    assert ev.speaker_correct(None, ev.Span("indirect", "x", None, "قلت"))
    assert ev.norm_speaker("عبد الله  الأحمد،") == ev.norm_speaker("عبدالله الاحمد")


def scores(articles, texts, split: str) -> dict[str, float]:
    score = ev.evaluate([a for a in articles if a.split == split], texts)
    return {"direct_f1": score.prf("direct")[2], "indirect_f1": score.prf("indirect")[2],
            "speaker_accuracy": score.speaker_accuracy}


# Development numbers (tuned on) at the round-21 measurement: direct F1 0.902, indirect 0.953,
# speaker 0.852 (792 articles, heldout15 studied and joined); a floor a little under them.
DEV_FLOOR = {"direct_f1": 0.90, "indirect_f1": 0.95, "speaker_accuracy": 0.85}


def test_dev_does_not_fall_below_the_development_numbers(gold_and_texts):
    got = scores(*gold_and_texts, "dev")
    assert all(got[k] >= v for k, v in DEV_FLOOR.items()), got


def test_heldout_does_not_fall_below_the_measurement(gold_and_texts):
    got = scores(*gold_and_texts, HELDOUT)
    assert all(got[k] >= v for k, v in HELDOUT_FLOOR.items()), got


@pytest.mark.xfail(strict=True, reason="issue #4 targets not reached on held-out text (heldout16, 48 "
                   "articles, measured once): speaker accuracy 0.69 (target 0.85; 0.80 lenient) and "
                   "direct F1 0.86 (target 0.90; 44 of 48 found, 10 spurious); indirect F1 0.95 meets "
                   "its 0.75; see eval/quotes/README.md")
def test_issue_targets_hold_on_heldout(gold_and_texts):
    got = scores(*gold_and_texts, HELDOUT)
    assert all(got[k] >= v for k, v in TARGETS.items()), got


def test_naive_baseline_is_far_behind(gold_and_texts):
    articles, texts = gold_and_texts
    ours = ev.evaluate(articles, texts)
    naive = ev.evaluate(articles, texts, ev.naive_system)
    assert naive.prf("indirect")[2] == 0.0
    assert ours.prf("direct")[2] - naive.prf("direct")[2] > 0.2
    assert ours.speaker_accuracy - naive.speaker_accuracy > 0.5
