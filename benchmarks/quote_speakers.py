"""Every quote the extractor finds in ../shared/corpus, saved and compared, to see what a
rule change does beyond the gold set (issue #4's rounds read samples of the changes).

    .venv/bin/python -m benchmarks.quote_speakers save /tmp/before.jsonl   # on the old code
    .venv/bin/python -m benchmarks.quote_speakers save /tmp/after.jsonl    # on the new code
    .venv/bin/python -m benchmarks.quote_speakers diff /tmp/before.jsonl /tmp/after.jsonl [--sample 40]

``save`` writes one JSON line per quote (article id, kind, start, end, speaker, cue, the
start of its sentence), skipping the articles of the current held-out split and of a
round annotated but not merged yet, which must stay unseen until their single
measurement. ``diff`` prints how many quotes appeared, disappeared or changed speaker, and
a seeded random sample of the speaker changes.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

from akhbar.evaluation.quotes import DEFAULT_GOLD, SPLITS, load_gold
from akhbar.text.clean import clean_text
from akhbar.text.quotes import extract_quotes
from benchmarks.bench import CORPUS, SUBSETS

HELDOUT = next(s for s in SPLITS if s.startswith("heldout"))


def _pending() -> set[str]:
    """Articles of a held-out round drawn or annotated but not measured yet: listed by
    ``select_articles.py`` but not in gold.jsonl, or kept apart in ``gold_heldout*.jsonl``
    until their measurement. They stay unseen too."""
    with open(DEFAULT_GOLD, encoding="utf-8") as fh:
        in_gold = {json.loads(line)["id"] for line in fh if line.strip()}
    drawn = subprocess.run([sys.executable, str(DEFAULT_GOLD.parent / "select_articles.py")],
                           capture_output=True, text=True, check=True).stdout
    ids = {line.split("\t")[1] for line in drawn.splitlines() if line.strip()} - in_gold
    for path in DEFAULT_GOLD.parent.glob("gold_heldout*.jsonl"):
        with open(path, encoding="utf-8") as fh:
            ids.update(json.loads(line)["id"] for line in fh if line.strip())
    return ids


def save(out: Path) -> int:
    hidden = {a.id for a in load_gold(DEFAULT_GOLD, HELDOUT)} | _pending()
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for subset in SUBSETS:
            with open(CORPUS / subset / "articles.jsonl", encoding="utf-8") as src:
                for line in src:
                    rec = json.loads(line)
                    if rec["id"] in hidden:
                        continue
                    text = clean_text(rec["text"])
                    for q in extract_quotes(text):
                        row = [rec["id"], q.kind, q.start, q.end, q.speaker, q.cue,
                               text[q.sentence_start:q.sentence_end][:300]]
                        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                        n += 1
    return n


def _load(path: Path) -> dict[tuple, list]:
    with open(path, encoding="utf-8") as fh:
        return {tuple(row[:4]): row for row in map(json.loads, fh)}


def diff(old_path: Path, new_path: Path, sample: int, seed: int) -> None:
    old, new = _load(old_path), _load(new_path)
    changed = sorted(k for k in old.keys() & new.keys() if old[k][4] != new[k][4])
    print(f"quotes {len(old)} -> {len(new)}: {len(old.keys() - new.keys())} gone, "
          f"{len(new.keys() - old.keys())} new, {len(changed)} with another speaker")
    for key in random.Random(seed).sample(changed, min(sample, len(changed))):
        print(f"{old[key][4]!r} -> {new[key][4]!r} [{new[key][5]}] | {new[key][6][:160]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("save").add_argument("file", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--sample", type=int, default=40)
    d.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.cmd == "save":
        print(f"{save(args.file)} quotes written to {args.file}")
    else:
        diff(args.old, args.new, args.sample, args.seed)


if __name__ == "__main__":
    main()
