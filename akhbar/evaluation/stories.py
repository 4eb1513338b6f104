"""Evaluate story linking (near-duplicate detection) on ../shared/corpus.

    .venv/bin/python -m akhbar.evaluation.stories [--corpus DIR] [--seeds N] [--json]

1. Generated variants. ``--seeds`` corpus articles (≥ 5 sentences, ≥ 120 words, spread
   over the three subsets) each get two lightly edited copies, the way a wire story is
   re-run by other outlets: a byline added or replaced, sentences dropped (≤ 20 %) or
   moved, ~3 % of words edited (deleted, swapped, replaced by another word of the
   article, a conjunction added or removed), punctuation and quote marks changed, a
   source line appended. They are mixed with unrelated corpus articles and fed to a
   :class:`~akhbar.stories.StoryIndex` in a shuffled order. Pairwise precision/recall:
   a true pair is two copies of the same seed; a negative pair is two articles from
   different seeds or distractors whose exact shingle Jaccard is < 0.2 and containment
   < 0.5 (pairs above that are real duplicates inside the corpus sample: counted, and
   left out of both P and R). A harder tier (half the sentences dropped, 8 % of words
   edited) is reported for recall only.
2. Real duplicates: all 16,000 articles in date order through one index; groups of
   exact and near duplicates, per subset and across outlets, next to the exact-duplicate
   counts the corpus README states; the exact similarity of every near link found.
3. Speed: signatures (feature extraction with word hashes + MinHash) and index
   assignment, in articles per second of one core.

Deterministic: every random choice comes from ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from akhbar.stories import (
    StoryIndex,
    StorySignature,
    shingles,
    signature,
    signature_of_text,
    word_hashes_of_text,
)
from akhbar.text.clean import clean_text
from akhbar.text.features import extract
from akhbar.text.normalize import tokenize

SUBSETS = ("saudinewsnet", "ant_multisource", "ant_jawharafm")
DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
README_EXACT = {"saudinewsnet": 37, "ant_multisource": 77, "ant_jawharafm": 15}

# Project-written material for bylines and source lines (no corpus text).
_CITIES = ("الرياض", "القاهرة", "دبي", "بيروت", "تونس", "عمّان", "الرباط", "الدوحة", "بغداد", "الكويت")
_AGENCIES = ("وكالات", "رويترز", "أ ف ب", "د ب أ", "الأناضول", "واس", "أسوشيتد برس")
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|\n+")
_QUOTE_SWAP = str.maketrans({'"': "«", "«": '"', "»": '"', ",": "،", "،": ","})


@dataclass(frozen=True, slots=True)
class Doc:
    doc_id: str
    group: str  # the seed's id for copies of a seed; the article's own id otherwise
    text: str
    subset: str
    source: str


def load(corpus: Path) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name in SUBSETS:
        with open(corpus / name / "articles.jsonl", encoding="utf-8") as fh:
            out[name] = [json.loads(line) for line in fh]
    return out


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _edit_words(text: str, rng: random.Random, rate: float) -> str:
    words = text.split(" ")
    pool = [w for w in words if len(w) > 3] or words
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if rng.random() >= rate or not w:
            out.append(w)
            i += 1
            continue
        op = rng.randrange(5)
        if op == 0:  # delete
            pass
        elif op == 1 and i + 1 < len(words):  # swap with the next word
            out.extend((words[i + 1], w))
            i += 1
        elif op == 2:  # replace by another word of the article
            out.append(rng.choice(pool))
        elif op == 3:  # add or remove a conjunction
            out.append(w[1:] if w.startswith("و") and len(w) > 3 else "و" + w)
        else:  # insert a word
            out.extend((w, rng.choice(pool)))
        i += 1
    return " ".join(out)


def variant(text: str, rng: random.Random, *, drop: float = 0.2, rate: float = 0.03,
            keep_head: float | None = None) -> str:
    """A re-run copy of ``text`` (see module docstring)."""
    sents = sentences(text)
    if keep_head is not None:  # a truncated copy: the first part of the story
        sents = sents[:max(1, round(len(sents) * keep_head))]
    ops = 0
    if rng.random() < 0.6 and len(sents) > 3:
        k = rng.randint(1, max(1, int(len(sents) * drop)))
        for j in sorted(rng.sample(range(1, len(sents)), min(k, len(sents) - 1)), reverse=True):
            del sents[j]
        ops += 1
    if rng.random() < 0.5 and len(sents) > 2:
        s = sents.pop(rng.randrange(len(sents)))
        sents.insert(rng.randrange(len(sents) + 1), s)
        ops += 1
    body = "\n".join(_edit_words(s, rng, rate) for s in sents)
    if rng.random() < 0.5:
        body = body.translate(_QUOTE_SWAP)
    if rng.random() < 0.6 or ops == 0:
        first, _, rest = body.partition("\n")
        if len(first.split()) < 8 and rest:
            body = rest  # an old byline line goes
        body = f"{rng.choice(_CITIES)} - {rng.choice(_AGENCIES)}\n{body}"
    if rng.random() < 0.3:
        body += f"\nالمصدر: {rng.choice(_AGENCIES)}"
    return body


def signatures(texts: Sequence[str]) -> list[StorySignature]:
    return [signature_of_text(clean_text(text)) for text in texts]


def _shingle_sets(texts: Sequence[str]) -> list[np.ndarray]:
    return [shingles(word_hashes_of_text(clean_text(text))) for text in texts]


def _exact_similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return (inter / union if union else 1.0), (inter / min(a.size, b.size) if min(a.size, b.size) else 1.0)


def evaluate_variants(data: dict[str, list[dict[str, Any]]], n_seeds: int, n_distractors: int, seed: int,
                      *, drop: float = 0.2, rate: float = 0.03, keep_head: float | None = None
                      ) -> dict[str, Any]:
    rng = random.Random(seed)
    eligible = [(name, r) for name in SUBSETS for r in data[name]
                if len(sentences(r["text"])) >= 5 and len(r["text"].split()) >= 120]
    rng.shuffle(eligible)
    seeds = eligible[:n_seeds]
    used = {r["id"] for _, r in seeds}
    others = [(name, r) for name in SUBSETS for r in data[name] if r["id"] not in used]
    distractors = rng.sample(others, n_distractors)
    docs: list[Doc] = []
    for name, r in seeds:
        docs.append(Doc(r["id"], r["id"], r["text"], name, r["source"]))
        for v in (1, 2):
            text = variant(r["text"], rng, drop=drop, rate=rate, keep_head=keep_head)
            docs.append(Doc(f"{r['id']}#v{v}", r["id"], text, name, f"copy-{v}"))
    docs += [Doc(r["id"], r["id"], r["text"], name, r["source"]) for name, r in distractors]
    order = list(range(len(docs)))
    rng.shuffle(order)
    sigs = signatures([d.text for d in docs])
    index = StoryIndex()
    story = {}
    for i in order:
        story[i] = index.assign(docs[i].doc_id, sigs[i]).story_id
    # Pairs predicted together, and pairs that truly belong together.
    predicted: dict[str, list[int]] = defaultdict(list)
    for i, s in story.items():
        predicted[s].append(i)
    truth: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        truth[d.group].append(i)
    true_pairs = {(a, b) for members in truth.values() for a in members for b in members if a < b}
    pred_pairs = {(a, b) for members in predicted.values() for a in members for b in members if a < b}
    sets: dict[int, np.ndarray] = {}
    ambiguous = fp = 0
    for a, b in pred_pairs - true_pairs:
        for i in (a, b):
            if i not in sets:
                sets[i] = _shingle_sets([docs[i].text])[0]
        jac, contain = _exact_similarity(sets[a], sets[b])
        if jac >= 0.2 or contain >= 0.5:
            ambiguous += 1  # a real duplicate inside the corpus sample
        else:
            fp += 1
    tp = len(pred_pairs & true_pairs)
    fn = len(true_pairs - pred_pairs)
    position = {d.doc_id: i for i, d in enumerate(docs)}
    copies_linked = sum(1 for i, d in enumerate(docs)
                        if "#v" in d.doc_id and story[i] == story[position[d.group]])
    return {"seeds": len(seeds), "copies": 2 * len(seeds), "distractors": len(distractors),
            "true_pairs": len(true_pairs), "tp": tp, "fp": fp, "fn": fn,
            "real_duplicate_pairs_excluded": ambiguous,
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
            "copies_in_seed_story": round(copies_linked / (2 * len(seeds)), 4)}


def real_duplicates(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Duplicate groups among all corpus articles, fed in date order."""
    rows = sorted((r.get("published") or "", name, r["source"], r["id"], r["text"])
                  for name in SUBSETS for r in data[name])
    # Speed as the pipeline sees it: it has the display tokens already, so time the
    # story-specific work: features with word hashes (the token cache warm, as in a
    # worker after its first batch), then the signature.
    tokens = [tokenize(clean_text(row[4])) for row in rows]
    for toks in tokens:
        extract(toks, hashes=True)
    t = time.process_time()
    hashes = [extract(toks, hashes=True).word_hashes for toks in tokens]
    extract_seconds = time.process_time() - t
    t = time.process_time()
    sigs = [signature(h) for h in hashes if h is not None]
    sig_seconds = time.process_time() - t
    index = StoryIndex()
    t = time.process_time()
    matches = [index.assign(row[3], sig) for row, sig in zip(rows, sigs, strict=True)]
    index_seconds = time.process_time() - t
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(matches):
        by_story[m.story_id].append(i)
    groups = [g for g in by_story.values() if len(g) > 1]
    kinds = Counter(m.kind for m in matches)
    row_of = {row[3]: i for i, row in enumerate(rows)}
    exact_groups = sum(1 for g in groups if all(matches[i].kind in ("new", "exact") for i in g))
    per_subset = Counter()
    for g in groups:
        subsets = {rows[i][1] for i in g}
        per_subset[next(iter(subsets)) if len(subsets) == 1 else "across subsets"] += 1
    cross_outlet = sum(1 for g in groups if len({rows[i][2] for i in g}) > 1)
    # Exact similarity of each near link, to see what the index calls a duplicate.
    near = [(i, row_of[m.article_id]) for i, m in enumerate(matches) if m.kind in ("near", "contained")]
    sets = _shingle_sets([rows[i][4] for pair in near for i in pair])
    sims = [_exact_similarity(sets[2 * k], sets[2 * k + 1]) for k in range(len(near))]
    jac = np.array([s[0] for s in sims]) if sims else np.zeros(1)
    contain = np.array([s[1] for s in sims]) if sims else np.zeros(1)
    readme = {}
    for name in SUBSETS:
        counts = Counter(r["text"] for r in data[name])
        readme[name] = {"records_sharing_a_text": sum(c for c in counts.values() if c > 1),
                        "redundant_copies": sum(c - 1 for c in counts.values() if c > 1),
                        "readme_says": README_EXACT[name]}
    n = len(rows)
    return {
        "articles": n, "groups": len(groups), "articles_in_groups": sum(len(g) for g in groups),
        "exact_only_groups": exact_groups, "groups_with_near_links": len(groups) - exact_groups,
        "groups_by_subset": dict(sorted(per_subset.items())), "groups_across_outlets": cross_outlet,
        "links": {k: kinds[k] for k in ("exact", "near", "contained")},
        "near_links_exact_jaccard": {"min": round(float(jac.min()), 3),
                                     "p05": round(float(np.quantile(jac, 0.05)), 3),
                                     "median": round(float(np.median(jac)), 3)},
        "near_links_exact_containment": {"min": round(float(contain.min()), 3),
                                         "p05": round(float(np.quantile(contain, 0.05)), 3),
                                         "median": round(float(np.median(contain)), 3)},
        "raw_exact_duplicates": readme,
        "speed": {"features_with_hashes_docs_per_s": round(n / extract_seconds),
                  "signature_docs_per_s": round(n / sig_seconds),
                  "index_docs_per_s": round(n / index_seconds), "index_bytes": len(index.to_bytes())},
    }


def run(corpus: Path = DEFAULT_CORPUS, n_seeds: int = 400, n_distractors: int = 3000, seed: int = 20260101
        ) -> dict[str, Any]:
    data = load(corpus)
    return {
        "variants": evaluate_variants(data, n_seeds, n_distractors, seed),
        "variants_hard": evaluate_variants(data, n_seeds // 2, n_distractors // 2, seed + 1,
                                           drop=0.3, rate=0.08, keep_head=0.5),
        "corpus_duplicates": real_duplicates(data),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seeds", type=int, default=400)
    parser.add_argument("--distractors", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / SUBSETS[0] / "articles.jsonl").exists():
        raise SystemExit(f"{args.corpus} not found: this evaluation needs ../shared/corpus")
    out = run(args.corpus, args.seeds, args.distractors, args.seed)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    v, h, c = out["variants"], out["variants_hard"], out["corpus_duplicates"]
    print(f"near-duplicate variants ({v['seeds']} seeds × 2 copies + {v['distractors']} distractors): "
          f"precision {v['precision']:.3f} recall {v['recall']:.3f} (tp {v['tp']} fp {v['fp']} fn {v['fn']}; "
          f"{v['real_duplicate_pairs_excluded']} real corpus duplicate pairs excluded)")
    print(f"hard variants (half the story, 8 % of words edited): recall {h['recall']:.3f} "
          f"precision {h['precision']:.3f}")
    print(f"corpus ({c['articles']} articles): {c['groups']} duplicate groups with {c['articles_in_groups']} "
          f"articles — {c['exact_only_groups']} exact-only, {c['groups_with_near_links']} with near links; "
          f"{c['groups_across_outlets']} across outlets; by subset {c['groups_by_subset']}")
    print(f"  links: {c['links']}; exact Jaccard of near links {c['near_links_exact_jaccard']}, "
          f"containment {c['near_links_exact_containment']}")
    for name, r in c["raw_exact_duplicates"].items():
        print(f"  {name}: {r['records_sharing_a_text']} records share their exact raw text with another, "
              f"{r['redundant_copies']} redundant copies (README: {r['readme_says']})")
    s = c["speed"]
    print(f"speed (one core, CPU time): features + word hashes "
          f"{s['features_with_hashes_docs_per_s']} docs/s, "
          f"signatures {s['signature_docs_per_s']} docs/s, index {s['index_docs_per_s']} docs/s; "
          f"index of {c['articles']} articles = {s['index_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
