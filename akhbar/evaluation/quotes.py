"""Quote extraction scored against the hand-annotated gold set in ``eval/quotes/``.

``python -m akhbar.evaluation.quotes [--split dev|heldout16|all|heldout-v1…v19] [--baseline]
[--errors]``
prints precision, recall and F1 for direct and indirect quotes, and speaker accuracy on
the matched pairs; ``--speed`` times cleaning + sentences + quotes over the whole corpus.

How it scores (see ``eval/quotes/README.md``):

- The gold set stores, per article, character offsets into the raw corpus ``text`` field
  (stable when cleaning changes). A gold quote's text is ``clean_text(raw[start:end])``;
  predictions come from ``extract_quotes(clean_text(raw))``.
- A predicted quote matches a gold quote of the same kind when the token Dice coefficient
  of the two texts is ≥ 0.5, tokens being camel-tools tokens of the search form
  (``normalize_search``) that hold a letter or digit. Matching is one-to-one, best Dice
  first, within an article.
- Speaker accuracy is over matched pairs (both kinds): a prediction is right when its
  normalized speaker equals the gold one (or one of the annotator's ``speaker_alt``), or
  when both are null. Normalization = search form, punctuation removed, leading
  honorifics (السيد، الدكتور، الشيخ، الأمير …) dropped, ``عبد ال…`` joined. A bare family
  name or a title for a full name is wrong. A lenient figure (one name's words contained
  in the other's) is printed for information only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from akhbar.text.clean import clean_text
from akhbar.text.normalize import normalize_search, tokenize
from akhbar.text.quotes import extract_quotes
from akhbar.text.sentences import split_sentences

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "eval" / "quotes" / "gold.jsonl"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SUBSETS = ("saudinewsnet", "ant_multisource", "ant_jawharafm")
KINDS = ("direct", "indirect")
SPLITS = ("dev", "heldout16", "all")
# Earlier held-out splits: measured, then studied, so development data since (v5 = the
# round-6 split, measured five times over the history; v6 = heldout2, round 7, measured once
# and studied in round 8; v7 = heldout3, round 8, measured once and studied in round 9;
# v8 = heldout4, round 9, measured once and studied in round 10; v9 = heldout5, round 10,
# measured once and studied in round 11; v10 = heldout6, round 11, measured once and
# studied in round 12; v11 = heldout7, round 12, measured once and studied in round 13;
# v12 = heldout8, round 13, measured once and studied in round 14; v13 = heldout9, round 14,
# measured once and studied in round 15; v14 = heldout10, round 15, measured once and studied
# in round 16; v15 = heldout11, round 16, measured once and studied in round 17; v16 =
# heldout12, round 17, measured once and studied in round 18; v17 = heldout13, round 18,
# measured once and studied in round 19; v18 = heldout14, round 19, measured once and studied
# in round 20; v19 = heldout15, round 20, measured once and studied in round 21; see
# eval/quotes/README.md).
EXTRA_SPLITS = ("heldout-v1", "heldout-v2", "heldout-v3", "heldout-v4", "heldout-v5", "heldout-v6",
                "heldout-v7", "heldout-v8", "heldout-v9", "heldout-v10", "heldout-v11",
                "heldout-v12", "heldout-v13", "heldout-v14", "heldout-v15", "heldout-v16",
                "heldout-v17", "heldout-v18", "heldout-v19")
_FLAGS = {"heldout-v1": "first_heldout", "heldout-v2": "second_heldout", "heldout-v3": "third_heldout",
          "heldout-v4": "fourth_heldout", "heldout-v5": "fifth_heldout",
          "heldout-v6": "sixth_heldout", "heldout-v7": "seventh_heldout",
          "heldout-v8": "eighth_heldout", "heldout-v9": "ninth_heldout",
          "heldout-v10": "tenth_heldout", "heldout-v11": "eleventh_heldout",
          "heldout-v12": "twelfth_heldout", "heldout-v13": "thirteenth_heldout",
          "heldout-v14": "fourteenth_heldout", "heldout-v15": "fifteenth_heldout",
          "heldout-v16": "sixteenth_heldout", "heldout-v17": "seventeenth_heldout",
          "heldout-v18": "eighteenth_heldout", "heldout-v19": "nineteenth_heldout"}
DICE_MIN = 0.5

_HONORIFICS = frozenset(normalize_search(w) for w in (
    "السيد", "السيدة", "الدكتور", "الدكتورة", "د", "الشيخ", "الشيخة", "الأمير", "الأميرة",
    "المهندس", "المهندسة", "الأستاذ", "الأستاذة", "معالي", "سمو", "صاحب", "السمو", "الملكي",
    "فضيلة", "سعادة", "سماحة", "دولة", "فخامة",
))
_NON_WORD_RE = re.compile(r"[^\w\s]")
_ABD_RE = re.compile(r"\bعبد\s+ال")


@dataclass(frozen=True, slots=True)
class Span:
    """A quote as the scorer sees it: kind, text, speaker, cue."""

    kind: str
    text: str
    speaker: str | None
    cue: str | None
    speaker_alt: tuple[str, ...] = ()


@dataclass(slots=True)
class GoldArticle:
    subset: str
    id: str
    split: str
    quotes: list[dict]


@dataclass(slots=True)
class Score:
    """Counts for one system on one split."""

    n_articles: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    tp: Counter[str] = field(default_factory=Counter)
    speaker_ok: int = 0
    speaker_lenient: int = 0
    cue_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, n_pred, n_gold = self.tp[kind], self.pred[kind], self.gold[kind]
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def matched(self) -> int:
        return sum(self.tp.values())

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.matched if self.matched else 0.0

    def as_dict(self) -> dict:
        out: dict = {"articles": self.n_articles}
        for kind in KINDS:
            p, r, f = self.prf(kind)
            out[kind] = {"gold": self.gold[kind], "pred": self.pred[kind], "tp": self.tp[kind],
                         "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        out["matched"] = self.matched
        out["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        out["speaker_lenient"] = round(self.speaker_lenient / self.matched, 4) if self.matched else 0.0
        out["cue_accuracy"] = round(self.cue_ok / self.matched, 4) if self.matched else 0.0
        return out


# --- normalization and matching -------------------------------------------------------------

def match_tokens(text: str) -> Counter[str]:
    """Tokens compared by Dice: search-form camel tokens holding a letter or a digit."""
    return Counter(t for t in tokenize(normalize_search(text)) if any(c.isalnum() for c in t))


def dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def norm_speaker(name: str | None) -> str | None:
    """Speaker as compared: search form, no punctuation, no leading honorifics."""
    if name is None:
        return None
    words = _NON_WORD_RE.sub(" ", _ABD_RE.sub("عبدال", normalize_search(name))).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    return " ".join(words) or None


def speaker_correct(pred: str | None, gold: Span) -> bool:
    p = norm_speaker(pred)
    if gold.speaker is None:
        return p is None
    return p is not None and p in {norm_speaker(gold.speaker), *map(norm_speaker, gold.speaker_alt)}


def speaker_lenient(pred: str | None, gold: Span) -> bool:
    """Right, or one name's words all inside the other's (a family name, an extra title)."""
    if speaker_correct(pred, gold):
        return True
    p, g = norm_speaker(pred), norm_speaker(gold.speaker)
    if p is None or g is None:
        return False
    pw, gw = set(p.split()), set(g.split())
    return pw <= gw or gw <= pw


def cue_correct(pred: str | None, gold: str | None) -> bool:
    return (norm_speaker(pred) or None) == (norm_speaker(gold) or None)


def match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of the same kind with Dice ≥ 0.5, best first."""
    gtok = [match_tokens(g.text) for g in gold]
    ptok = [match_tokens(p.text) for p in pred]
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g.kind == p.kind:
                d = dice(gtok[i], ptok[j])
                if d >= DICE_MIN:
                    cands.append((-d, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


# --- data ------------------------------------------------------------------------------------

def load_gold(path: Path = DEFAULT_GOLD, split: str = "all") -> list[GoldArticle]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if split in ("all", rec["split"]) or (split in _FLAGS and rec.get(_FLAGS[split])):
                    out.append(GoldArticle(rec["subset"], rec["id"], rec["split"], rec["quotes"]))
    return out


def load_texts(articles: Iterable[GoldArticle], corpus: Path = DEFAULT_CORPUS) -> dict[str, str]:
    """Raw ``text`` of the wanted articles, by id, read from the corpus JSONL files."""
    wanted: dict[str, set[str]] = {}
    for art in articles:
        wanted.setdefault(art.subset, set()).add(art.id)
    texts: dict[str, str] = {}
    for subset, ids in wanted.items():
        with open(corpus / subset / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in ids:
                    texts[rec["id"]] = rec["text"]
    missing = {i for ids in wanted.values() for i in ids} - texts.keys()
    if missing:
        raise SystemExit(f"gold articles missing from {corpus}: {sorted(missing)[:5]} …")
    return texts


def text_sha(raw_slice: str) -> str:
    """Drift check: hash of the normalized quote text (the text itself is not stored)."""
    norm = " ".join(tokenize(normalize_search(clean_text(raw_slice))))
    return hashlib.sha1(norm.encode()).hexdigest()[:12]


def gold_spans(art: GoldArticle, raw: str) -> list[Span]:
    spans = []
    for q in art.quotes:
        piece = raw[q["start"]:q["end"]]
        if q.get("text_sha") and text_sha(piece) != q["text_sha"]:
            raise SystemExit(f"{art.id}: gold offsets {q['start']}:{q['end']} no longer hold the "
                             "annotated text (has the corpus changed?)")
        spans.append(Span(q["kind"], clean_text(piece), q.get("speaker"), q.get("cue"),
                          tuple(q.get("speaker_alt", ()))))
    return spans


# --- systems ---------------------------------------------------------------------------------

def akhbar_system(raw: str) -> list[Span]:
    """akhbar's extractor on the article's display text."""
    return [Span(q.kind, q.quote, q.speaker, q.cue) for q in extract_quotes(clean_text(raw))]


_NAIVE_MARKS_RE = re.compile(r"«([^»\n]+)»|“([^”\n]+)”|\"([^\"\n]+)\"")
_NAIVE_CUE_RE = re.compile(r"\b[وف]?(?:قال|أكد|أضاف|أوضح|أشار|صرح|ذكر)(?:ت|وا)?\s+(\S+(?:\s+\S+)?)")


def naive_system(raw: str) -> list[Span]:
    """The naive baseline: every span between quote marks is a direct quote, its speaker the
    two words after the last reporting verb before it in the paragraph; no indirect quotes."""
    text = clean_text(raw)
    out = []
    for m in _NAIVE_MARKS_RE.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        cues = list(_NAIVE_CUE_RE.finditer(text, para_start, m.start()))
        speaker = re.sub(r"[^\w\s]", "", cues[-1].group(1)).strip() if cues else None
        content = next(g for g in m.groups() if g is not None)
        out.append(Span("direct", content, speaker or None, None))
    return out


SYSTEMS: dict[str, Callable[[str], list[Span]]] = {"akhbar": akhbar_system, "baseline": naive_system}


def _short(text: str, n: int = 70) -> str:
    text = text.replace("\n", " / ")
    return text if len(text) <= n else text[: n // 2] + " … " + text[-n // 2:]


def evaluate(articles: Sequence[GoldArticle], texts: dict[str, str],
             system: Callable[[str], list[Span]] = akhbar_system, *, errors: bool = False) -> Score:
    score = Score(n_articles=len(articles))
    for art in articles:
        raw = texts[art.id]
        gold = gold_spans(art, raw)
        pred = system(raw)
        score.gold.update(g.kind for g in gold)
        score.pred.update(p.kind for p in pred)
        pairs = match(gold, pred)
        for i, j in pairs:
            g, p = gold[i], pred[j]
            score.tp[g.kind] += 1
            ok = speaker_correct(p.speaker, g)
            score.speaker_ok += ok
            score.speaker_lenient += speaker_lenient(p.speaker, g)
            score.cue_ok += cue_correct(p.cue, g.cue)
            if errors and not ok:
                score.errors.append(f"{art.id} SPEAKER {g.kind}: gold={g.speaker!r} pred={p.speaker!r}"
                                    f" cue={p.cue!r} | {_short(g.text)}")
        if errors:
            matched_g = {i for i, _ in pairs}
            matched_p = {j for _, j in pairs}
            for i, g in enumerate(gold):
                if i not in matched_g:
                    score.errors.append(f"{art.id} MISSED {g.kind} ({g.speaker}): {_short(g.text)}")
            for j, p in enumerate(pred):
                if j not in matched_p:
                    score.errors.append(f"{art.id} SPURIOUS {p.kind} ({p.speaker}, {p.cue}): "
                                        f"{_short(p.text)}")
    return score


# --- speed -----------------------------------------------------------------------------------

def speed(corpus: Path = DEFAULT_CORPUS, *, reference: bool = True) -> dict:
    """CPU seconds for clean_text + split_sentences + extract_quotes over every corpus
    article (the sentences are passed to the extractor, as the pipeline should), and, for
    scale, a bare camel-tools normalize + dediacritize + tokenize pass over the same texts.

    CPU time (``time.process_time``) rather than wall time: the development machine is
    shared, and CPU time is what the budget is about."""
    raws: list[str] = []
    for subset in SUBSETS:
        with open(corpus / subset / "articles.jsonl", encoding="utf-8") as fh:
            raws.extend(json.loads(line)["text"] for line in fh)
    t0 = time.process_time()
    cleaned = [clean_text(r) for r in raws]
    t1 = time.process_time()
    sentences = [split_sentences(c) for c in cleaned]
    t2 = time.process_time()
    n_quotes = sum(len(extract_quotes(c, s)) for c, s in zip(cleaned, sentences, strict=True))
    t3 = time.process_time()
    out = {"docs": len(raws), "clean_s": t1 - t0, "sentences_s": t2 - t1, "quotes_s": t3 - t2,
           "total_s": t3 - t0, "docs_per_s": len(raws) / (t3 - t0),
           "sentences": sum(map(len, sentences)), "quotes": n_quotes}
    if reference:
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import normalize_unicode

        t4 = time.process_time()
        for r in raws:
            simple_word_tokenize(dediac_ar(normalize_unicode(r)))
        out["camel_s"] = time.process_time() - t4
    return out


# --- command line ----------------------------------------------------------------------------

def format_rows(rows: list[tuple[str, str, Score]]) -> str:
    head = (f"{'system':<9} {'split':<8} {'art':>4} | {'direct P':>8} {'R':>5} {'F1':>5} "
            f"{'(n)':>5} | {'indirect P':>10} {'R':>5} {'F1':>5} {'(n)':>5} | "
            f"{'speaker':>7} {'(lenient)':>9} {'cue':>5}")
    lines = [head, "-" * len(head)]
    for system, split, s in rows:
        dp, dr, df = s.prf("direct")
        ip, ir, if_ = s.prf("indirect")
        lenient = s.speaker_lenient / s.matched if s.matched else 0.0
        cue = s.cue_ok / s.matched if s.matched else 0.0
        lines.append(
            f"{system:<9} {split:<10} {s.n_articles:>4} | {dp:>8.2f} {dr:>5.2f} {df:>5.2f} "
            f"{s.gold['direct']:>5} | {ip:>10.2f} {ir:>5.2f} {if_:>5.2f} {s.gold['indirect']:>5} | "
            f"{s.speaker_accuracy:>7.2f} {lenient:>9.2f} {cue:>5.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m akhbar.evaluation.quotes",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=SPLITS + EXTRA_SPLITS,
                    help="one split only (default: dev, heldout16 and all); heldout-v1 … -v19 = "
                         "earlier held-out splits, development data since their measurement")
    ap.add_argument("--baseline", action="store_true", help="also score the naive quote-mark regex")
    ap.add_argument("--errors", action="store_true", help="list misses, spurious quotes, wrong speakers")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--speed", action="store_true", help="time clean+sentences+quotes on the corpus")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)

    if args.speed:
        res = speed(args.corpus)
        if args.json:
            print(json.dumps(res))
        else:
            print(f"{res['docs']} articles, CPU time: clean {res['clean_s']:.2f} s + sentences "
                  f"{res['sentences_s']:.2f} s + quotes {res['quotes_s']:.2f} s = {res['total_s']:.2f} s "
                  f"→ {res['docs_per_s']:.0f} docs/s ({1000 / res['docs_per_s']:.3f} ms/article; "
                  f"{res['sentences']} sentences, {res['quotes']} quotes)")
            if "camel_s" in res:
                print(f"reference: camel-tools normalize+dediac+tokenize {res['camel_s']:.2f} s "
                      f"({1000 * res['camel_s'] / res['docs']:.3f} ms/article); clean+sentences+quotes = "
                      f"{res['total_s'] / res['camel_s']:.2f}× that pass")
        return 0

    splits = [args.split] if args.split else list(SPLITS)
    all_articles = load_gold(args.gold, "all")
    texts = load_texts(all_articles, args.corpus)
    systems = ["akhbar", "baseline"] if args.baseline else ["akhbar"]
    rows, errors = [], []
    for system in systems:
        for split in splits:
            arts = (load_gold(args.gold, split) if split in EXTRA_SPLITS
                    else [a for a in all_articles if split in ("all", a.split)])
            score = evaluate(arts, texts, SYSTEMS[system], errors=args.errors and system == "akhbar")
            rows.append((system, split, score))
            if split == splits[0]:
                errors.extend(score.errors)
    if args.json:
        print(json.dumps([{"system": s, "split": sp, **sc.as_dict()} for s, sp, sc in rows],
                         ensure_ascii=False))
    else:
        print(format_rows(rows))
        if errors:
            print()
            print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
