"""How many wrong speakers a re-ranker could fix: is the gold speaker among the candidates?

    .venv/bin/python -m benchmarks.speaker_candidates [--split dev]

For every matched quote whose speaker is wrong (strict, as in ``akhbar.evaluation.quotes``),
it checks whether the gold speaker (or one of its ``speaker_alt``) is, after normalization,
among the strings the extractor already holds for the article: the names and titles of its
mention memory, and the speakers it gives to the article's other quotes. A learned ranker
choosing among those strings could at best fix the first count; the rest need new candidates
(where a name starts and ends), not a better choice. Development splits only: a held-out
split must not be looked at before its single measurement.
"""

from __future__ import annotations

import argparse

from akhbar.evaluation import quotes as ev
from akhbar.text.clean import clean_text
from akhbar.text.quotes import _Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="a development split (default: dev)")
    args = parser.parse_args()
    if args.split in ev.SPLITS and args.split.startswith("heldout"):
        raise SystemExit(f"{args.split} is the current held-out split: measure it once, do not study it")
    articles = ev.load_gold(ev.DEFAULT_GOLD, args.split)
    texts = ev.load_texts(articles, ev.DEFAULT_CORPUS)
    matched = wrong = in_memory = in_speakers = 0
    for art in articles:
        raw = texts[art.id]
        gold = ev.gold_spans(art, raw)
        text = clean_text(raw)
        article = _Article(text)
        found = article.run()
        article.ensure_mentions(len(text))  # every mention of the article, not only those read
        pred = [ev.Span(q.kind, q.quote, q.speaker, q.cue) for q in found]
        memory = {ev.norm_speaker(x) for m in article.memory.mentions for x in (m.name, m.title) if x}
        speakers = {ev.norm_speaker(q.speaker) for q in found if q.speaker}
        for g, p in ev.match(gold, pred):
            matched += 1
            if ev.speaker_correct(pred[p].speaker, gold[g]):
                continue
            wrong += 1
            want = ({ev.norm_speaker(gold[g].speaker)} | {ev.norm_speaker(x) for x in gold[g].speaker_alt}
                    if gold[g].speaker else {None})
            in_memory += bool(want & memory)
            in_speakers += bool(want & speakers)
    print(f"{args.split}: {matched} matched quotes, {wrong} with a wrong speaker; the gold speaker is "
          f"among the article's mention strings for {in_memory} of them and among its other quotes' "
          f"speakers for {in_speakers}")


if __name__ == "__main__":
    main()
