"""Draw the articles of the quote gold set from ../shared/corpus (reproducible).

Run once, before annotating: ``.venv/bin/python eval/quotes/select_articles.py``. It
prints ``subset<TAB>id<TAB>split<TAB>stratum`` lines. Per subset, among articles whose
display text is 200–3,000 characters (long pieces were left out to keep hand annotation
careful; that is 85–99 % of each subset), it draws with a fixed seed 14 articles that show
a quote signal (a quote mark, or a reporting verb followed by أن/إن) and 3 that do not,
then sends 6 of the 17 to the held-out split. The signal is a plain regex, independent of
the extractor, so the draw does not depend on the code being evaluated.

A second round (annotated after the first round's development work, to measure how the
rules generalize before tuning further) draws, from the same random stream, 10 more
signal articles per subset not drawn before: 5 dev and 5 held-out.

A third round replaced the held-out split after its first measurement (whose errors were
then studied, which made those articles development data): 9 signal and 2 plain articles
per subset not drawn before, all held out. A fourth, a fifth and a sixth (final) round
replaced it in the same way after each single measurement. The split column is the split
the article was drawn for (the held-out articles of rounds 1–5 are development data now:
gold.jsonl flags them ``first_heldout`` … ``fourth_heldout``); the stratum column names
the round (``-r2`` … ``-r6``; no suffix for round 1).

Round 7 (``heldout2``) was drawn after the round-6 held-out split had been measured five
times over the development history and studied (so it became development data too). It
uses its own random stream (seed ``SEED_R7``), so it does not depend on how many draws
the earlier rounds took: 12 signal and 3 plain articles per subset, none drawn before and
none holding the seed article's text (``data/sample/files/000_…``), all held out, split
``heldout2``. ``--round7`` prints only these 45 lines.

Round 8 (``heldout3``) was drawn after heldout2 had been measured once and its errors
studied (which made it development data): its own stream (seed ``SEED_R8``), 8 signal and
2 plain articles per subset, none drawn before and none holding the seed article's text,
all held out. ``--round8`` prints only these 30 lines.

Round 9 (``heldout4``) was drawn after heldout3 had been measured once and before its errors
were studied: its own stream (seed ``SEED_R9``), 10 signal and 2 plain articles per subset,
none drawn before, all held out. ``--round9`` prints only these 36 lines.

Round 10 (``heldout5``), drawn the same way after heldout4 had been measured once and before
its errors were studied: its own stream (seed ``SEED_R10``), 10 signal and 2 plain articles
per subset. ``--round10`` prints only these 36 lines.

Round 11 (``heldout6``), drawn the same way after heldout5 had been measured once and before
its errors were studied: its own stream (seed ``SEED_R11``), 10 signal and 2 plain articles
per subset. ``--round11`` prints only these 36 lines.

Round 12 (``heldout7``), drawn the same way after heldout6 had been measured once and before
its errors were studied: its own stream (seed ``SEED_R12``), 10 signal and 2 plain articles
per subset. ``--round12`` prints only these 36 lines.

Round 13 (``heldout8``), drawn the same way after heldout7 had been measured once and before
its errors were studied: its own stream (seed ``SEED_R13``), 10 signal and 2 plain articles
per subset. ``--round13`` prints only these 36 lines.

Round 14 (``heldout9``), drawn the same way after heldout8 had been measured once and before
its errors were studied: its own stream (seed ``SEED_R14``), 10 signal and 2 plain articles
per subset. ``--round14`` prints only these 36 lines.

Round 15 (``heldout10``), drawn the same way after heldout9 had been measured once and before
its errors were studied: its own stream (seed ``SEED_R15``), but larger, for a steadier
single measurement: 14 signal and 2 plain articles per subset. ``--round15`` prints only
these 48 lines.

Round 16 (``heldout11``), drawn the same way after heldout10 had been measured once and
before its errors were studied: its own stream (seed ``SEED_R16``), 14 signal and 2 plain
articles per subset. ``--round16`` prints only these 48 lines.

Round 17 (``heldout12``), drawn the same way after heldout11 had been measured once and
before its errors were studied: its own stream (seed ``SEED_R17``), 14 signal and 2 plain
articles per subset. ``--round17`` prints only these 48 lines.

Round 18 (``heldout13``), drawn the same way after heldout12 had been measured once and
before its errors were studied: its own stream (seed ``SEED_R18``), 14 signal and 2 plain
articles per subset. ``--round18`` prints only these 48 lines.

Round 19 (``heldout14``), drawn the same way after heldout13 had been measured once and
before its errors were studied: its own stream (seed ``SEED_R19``), 14 signal and 2 plain
articles per subset. ``--round19`` prints only these 48 lines.

Round 20 (``heldout15``), drawn the same way after heldout14 had been measured once and
before its errors were studied: its own stream (seed ``SEED_R20``), 14 signal and 2 plain
articles per subset. ``--round20`` prints only these 48 lines.

Round 21 (``heldout16``), drawn the same way after heldout15 had been measured once and
before its errors were studied: its own stream (seed ``SEED_R21``), 14 signal and 2 plain
articles per subset. ``--round21`` prints only these 48 lines.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


CORPUS = REPO.parent / "shared" / "corpus"

# --- a frozen copy of akhbar.text.clean.clean_text as it was when the articles were drawn:
# the length filter must not move when cleaning improves, or the draw would change. -------
_INVISIBLE = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_INVISIBLE.update({c: None for c in range(0x7F, 0xA0)})
_INVISIBLE.update({c: None for c in (0x00AD, 0x061C, 0x180E, 0xFEFF, 0x2028, 0x2029)})
_INVISIBLE.update({c: None for c in range(0x200B, 0x2010)})  # ZWSP..RLM
_INVISIBLE.update({c: None for c in range(0x202A, 0x202F)})  # LRE..RLO
_INVISIBLE.update({c: None for c in range(0x2060, 0x2070)})  # word joiner, isolates
_INVISIBLE.update({c: None for c in range(0xFFF0, 0xFFFC)})
# Spaces of every width become a plain space; line and paragraph breaks a newline.
_SPACES = {c: " " for c in (0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_SPACES[0x0D] = "\n"
_CLEAN_TABLE = {**_INVISIBLE, **_SPACES, 0x2028: "\n", 0x2029: "\n"}

_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|br|div|span|a|b|i|em|strong|img|iframe|script|style|font|h[1-6]|ul|ol|li|"
    r"table|tr|td|th|figure|figcaption|blockquote|section|article|header|footer|nav|u|sup|sub)"
    r"\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\s*/?\s*>", re.I)
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_PRESENTATION_RE = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]+")
_HSPACE_RE = re.compile(r"[ \t]+")
_BLANKS_RE = re.compile(r"\n{3,}")

# Lines that belong to the page around an article, not to the article.
_BOILERPLATE_RE = re.compile(
    r"^\s*(?:[\-–—•*|]\s*)?(?:"
    r"اقرأ\s+أيضا|اقرأ\s+أيضاً|إقرأ\s+أيضا|إقرأ\s+أيضاً|اقرا\s+ايضا|اقرأ\s+المزيد|إقرأ\s+المزيد|"
    r"شاهد\s+أيضا|شاهد\s+أيضاً|شاهد\s+ايضا|طالع\s+أيضا|طالع\s+أيضاً|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|"
    r"اخبار\s+ذات\s+صلة|المزيد\s+من\s+الأخبار|شارك\s+(?:هذا\s+)?(?:الخبر|المقال|الموضوع)|"
    r"شارك\s+على|مشاركة\s+على|تابعونا\s+على|تابعوا\s+[^\n]{0,30}\s+على|للمزيد\s+تابع|"
    r"اشترك\s+في|اضغط\s+هنا|انقر\s+هنا|طباعة\s*$|أرسل\s+لصديق|ارسل\s+لصديق|"
    r"حقوق\s+(?:النشر|الطبع)|جميع\s+الحقوق\s+محفوظة|"
    r"(?:share|tweet|print|read\s+more|related\s*:|advertisement|subscribe)\b"
    r")",
    re.IGNORECASE,
)
_SHARE_WIDGET_RE = re.compile(
    r"^(?:\s*(?:فيسبوك|فيس\s+بوك|تويتر|واتساب|واتس\s+اب|تلغرام|تيليجرام|لينكدإن|إكس|"
    r"facebook|twitter|whatsapp|telegram|linkedin|email|x|مشاركة|شارك)\s*[|،,·•]?)+\s*$",
    re.IGNORECASE,
)
_MAX_BOILERPLATE_LEN = 160


def _fold_presentation(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def strip_html(text: str) -> str:
    """Remove HTML remnants (tags, scripts, entities) from text that should be plain."""
    if "<" in text:
        text = _SCRIPT_RE.sub(" ", text)
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def is_boilerplate_line(line: str) -> bool:
    """True for short lines that are page furniture ("اقرأ أيضا: …", share buttons)."""
    if len(line) > _MAX_BOILERPLATE_LEN:
        return False
    return bool(_BOILERPLATE_RE.match(line) or _SHARE_WIDGET_RE.match(line))


def _legacy_clean_text(text: str) -> str:
    """Display form of an article body; paragraphs are separated by one blank line."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", strip_html(text).translate(_CLEAN_TABLE))
    if _PRESENTATION_RE.search(text):
        text = _PRESENTATION_RE.sub(_fold_presentation, text)
    lines = []
    for raw_line in text.split("\n"):
        line = _HSPACE_RE.sub(" ", raw_line).strip()
        if line and is_boilerplate_line(line):
            continue
        lines.append(line)
    return _BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()



# --- end of the frozen copy ------------------------------------------------------------
SUBSETS = ("saudinewsnet", "ant_multisource", "ant_jawharafm")
SEED = 20241129
N_SIGNAL, N_PLAIN, N_HELDOUT = 14, 3, 6
N_ROUND2, N_ROUND2_HELDOUT = 10, 5
N_ROUND3_SIGNAL, N_ROUND3_PLAIN = 9, 2
SEED_R7 = 20250611
N_ROUND7_SIGNAL, N_ROUND7_PLAIN = 12, 3
SEED_R8 = 20261129
N_ROUND8_SIGNAL, N_ROUND8_PLAIN = 8, 2
SEED_R9 = 20261201
N_ROUND9_SIGNAL, N_ROUND9_PLAIN = 10, 2
SEED_R10 = 20261202
SEED_R11 = 20261204
SEED_R12 = 20261205
SEED_R13 = 20261206
SEED_R14 = 20261207
SEED_R15 = 20261208
SEED_R16 = 20261209
SEED_R17 = 20261210
SEED_R18 = 20261211
SEED_R19 = 20261212
SEED_R20 = 20261213
SEED_R21 = 20261214
N_ROUND15_SIGNAL, N_ROUND15_PLAIN = 14, 2
LATE_ROUNDS = ((7, "heldout2", SEED_R7, N_ROUND7_SIGNAL, N_ROUND7_PLAIN),
               (8, "heldout3", SEED_R8, N_ROUND8_SIGNAL, N_ROUND8_PLAIN),
               (9, "heldout4", SEED_R9, N_ROUND9_SIGNAL, N_ROUND9_PLAIN),
               (10, "heldout5", SEED_R10, N_ROUND9_SIGNAL, N_ROUND9_PLAIN),
               (11, "heldout6", SEED_R11, N_ROUND9_SIGNAL, N_ROUND9_PLAIN),
               (12, "heldout7", SEED_R12, N_ROUND9_SIGNAL, N_ROUND9_PLAIN),
               (13, "heldout8", SEED_R13, N_ROUND9_SIGNAL, N_ROUND9_PLAIN),
               (14, "heldout9", SEED_R14, N_ROUND9_SIGNAL, N_ROUND9_PLAIN),
               (15, "heldout10", SEED_R15, N_ROUND15_SIGNAL, N_ROUND15_PLAIN),
               (16, "heldout11", SEED_R16, N_ROUND15_SIGNAL, N_ROUND15_PLAIN),
               (17, "heldout12", SEED_R17, N_ROUND15_SIGNAL, N_ROUND15_PLAIN),
               (18, "heldout13", SEED_R18, N_ROUND15_SIGNAL, N_ROUND15_PLAIN),
               (19, "heldout14", SEED_R19, N_ROUND15_SIGNAL, N_ROUND15_PLAIN),
               (20, "heldout15", SEED_R20, N_ROUND15_SIGNAL, N_ROUND15_PLAIN),
               (21, "heldout16", SEED_R21, N_ROUND15_SIGNAL, N_ROUND15_PLAIN))
SEED_ARTICLE = REPO / "data" / "sample" / "files" / "000_4dcc44e69668bede.txt"
_SIGNAL_RE = re.compile(
    r"[\"«“”]|(?:قال|أكد|أضاف|أوضح|أشار|شدد|اعتبر|أعلن|أفاد|ذكر|صرح|نفى|حذر|كشف)\w{0,2}"
    r"\s+(?:\S+\s+){0,6}?(?:إلى\s+)?(?:أن|إن|بأن)")


def _seed_lines() -> set[str]:
    """Long lines of the seed article: a corpus text holding one of them is the seed."""
    if not SEED_ARTICLE.exists():
        return set()
    lines = _legacy_clean_text(SEED_ARTICLE.read_text(encoding="utf-8")).split("\n")
    return {line for line in lines if len(line) >= 60}


def main(only: str | None = None) -> None:
    rng = random.Random(SEED)
    seed_lines = _seed_lines()
    pools: dict[str, tuple[list[str], list[str], set[str]]] = {}
    out: list[str] = []
    for subset in SUBSETS:
        signal, plain = [], []
        with open(CORPUS / subset / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = _legacy_clean_text(rec["text"])
                if not 200 <= len(text) <= 3000:
                    continue
                if any(s in text for s in seed_lines):
                    continue  # never holds the seed article (none does in this corpus)
                (signal if _SIGNAL_RE.search(text) else plain).append(rec["id"])
        chosen = [(i, "signal") for i in rng.sample(signal, N_SIGNAL)]
        chosen += [(i, "plain") for i in rng.sample(plain, N_PLAIN)]
        heldout = set(rng.sample([i for i, _ in chosen], N_HELDOUT))
        for art_id, stratum in chosen:
            split = "heldout" if art_id in heldout else "dev"
            out.append(f"{subset}\t{art_id}\t{split}\t{stratum}")
        pools[subset] = (signal, plain, {i for i, _ in chosen})
    for subset in SUBSETS:  # round 2
        signal, _plain, taken = pools[subset]
        extra = rng.sample([i for i in signal if i not in taken], N_ROUND2)
        taken |= set(extra)
        heldout = set(rng.sample(extra, N_ROUND2_HELDOUT))
        for art_id in extra:
            split = "heldout" if art_id in heldout else "dev"
            out.append(f"{subset}\t{art_id}\t{split}\tsignal-r2")
    for round_no in (3, 4, 5, 6):  # each held out, measured once, in turn
        for subset in SUBSETS:
            signal, plain, taken = pools[subset]
            for stratum, pool in (("signal", signal), ("plain", plain)):
                n = N_ROUND3_SIGNAL if stratum == "signal" else N_ROUND3_PLAIN
                for art_id in rng.sample([i for i in pool if i not in taken], n):
                    taken.add(art_id)
                    out.append(f"{subset}\t{art_id}\theldout\t{stratum}-r{round_no}")
    # Rounds 7–21, each its own random stream, all held out (split, seed, signal, plain).
    late = {f"round{no}": _own_stream(pools, no, split, seed, n_signal, n_plain)
            for no, split, seed, n_signal, n_plain in LATE_ROUNDS}
    print("\n".join(late.get(only or "", out + [line for lines in late.values() for line in lines])))


def _own_stream(pools: dict[str, tuple[list[str], list[str], set[str]]], round_no: int, split: str,
                seed: int, n_signal: int, n_plain: int) -> list[str]:
    """One held-out round drawn from its own random stream, none drawn before."""
    rng = random.Random(seed)
    out = []
    for subset in SUBSETS:
        signal, plain, taken = pools[subset]
        for stratum, pool, n in (("signal", signal, n_signal), ("plain", plain, n_plain)):
            for art_id in rng.sample([i for i in pool if i not in taken], n):
                taken.add(art_id)
                out.append(f"{subset}\t{art_id}\t{split}\t{stratum}-r{round_no}")
    return out


if __name__ == "__main__":
    flags = [a.removeprefix("--") for a in sys.argv[1:] if a in {f"--round{r[0]}" for r in LATE_ROUNDS}]
    main(flags[0] if flags else None)
