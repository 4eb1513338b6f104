"""Quote-aware sentence segmentation for Arabic news, with character offsets.

A sentence ends at ``.``, ``!``, ``?``, ``؟`` (and runs of them such as ``؟!``) followed by
a blank, and at every line break. It does not end:

- inside a number (``5,88``, ``2.5``, ``1.500.000``): a boundary needs a blank after the mark
  (or, for a typo like ``العالم.كما``, an Arabic letter on both sides of a single mark);
- after an abbreviation: a single letter (``د. مصطفى محمود``, ``أ. د.``) or a Latin
  abbreviation (``Dr.``, ``U.S.``);
- at an ellipsis written as two or more dots inside a line (``لن يلعب.. اللاعب``), which
  Arabic news uses as a pause;
- at ``؛`` or ``:``: the Arabic semicolon joins clauses of one sentence (a subject and its
  ``أن`` clause are often separated by it: ``وأوضح المتحدث؛ أن …``);
- inside quotation marks: ``قال "سنسعى للعمل. ونأمل النجاح" ثم غادر`` is one sentence; a
  sentence-final mark inside the quote ends the sentence after the closing mark.

Quotation marks are paired here because both sentences and quotes need it:
:func:`marked_spans` finds top-level ``«»``, ``“”``, ``""``, ``„“``, ``‘’``, ``''`` spans
per paragraph. ASCII ``"`` and the curly marks are ambiguous (writers mix ``“`` and ``”``
in right-to-left text), so each mark's role comes from its neighbours: an opening mark
follows a blank or punctuation and precedes a letter, a closing mark the reverse. Nested
marks (``"محاربة "داعش" والقاعدة"``) pair correctly, and an unclosed opening mark runs to
the end of its paragraph.
"""

from __future__ import annotations

import re

# Opening mark → the closing marks that end it. Writers swap “ and ” in RTL text, so both
# close either; ASCII " closes ", and the low-9 „ closes with “ or ”.
_CLOSERS = {
    "«": "»", "“": "”“", "”": "”“", "„": "“”", "‘": "’‘", "’": "’‘", '"': '"', "''": "''",
}
MARK_RE = re.compile(r"''|[«»“”„‘’\"]")
_OPEN_BEFORE = set(" \t\n([{:،,؛;—–-/«ـ…") | {""}
_CLOSE_AFTER = set(" \t\n.,،؛;:!?؟)]}»…-–—") | {""}
_LETTERS_AFTER_APOSTROPHE = re.compile(r"[A-Za-z]")
_OPENS_AFTER_RE = re.compile(r"(?:^|\s)(?:[وف]?(?:أن|إن|بأن|أنه|إنه|أنها|إنها)|قائلا|قائلة|مضيفا|مضيفة|"
                             r"[وف]?(?:قال|قالت|أضاف|أضافت|تابع|تابعت|أكد|أكدت|أوضح|أوضحت))$")

# Candidate boundaries: sentence-final punctuation (runs such as ؟! or !!) with closing
# marks, or line breaks. A regex that starts with one character class scans four times
# faster than the alternation it replaces; the blank after the punctuation is checked in
# Python.
_BOUNDARY_RE = re.compile(r"[.!?؟\n][.!?؟\"»”’\n]*")
_ABBREV_RE = re.compile(r"(?:^|[\s(])(?:[^\W\d_]|[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z])\.$")


def _role(text: str, i: int, mark: str) -> str:
    """'open', 'close' or 'either' for the quotation mark ``mark`` at ``text[i]``."""
    if mark in ("«", "„"):
        return "open"
    if mark == "»":
        return "close"
    before = text[i - 1] if i > 0 else ""
    j = i + len(mark)
    after = text[j] if j < len(text) else ""
    open_ok = before in _OPEN_BEFORE or before.isspace()
    close_ok = after in _CLOSE_AFTER or after.isspace()
    if mark in "‘’" and before.isalpha() and _LETTERS_AFTER_APOSTROPHE.match(after or " "):
        return "none"  # an apostrophe inside a Latin word (O’Neill)
    if open_ok and not close_ok:
        return "open"
    if close_ok and not open_ok:
        if before.isalpha() and _OPENS_AFTER_RE.search(text, max(0, i - 9), i):
            return "open"  # أن" مطالب الشعب …: glued to the word that introduces the quote
        return "close"
    return "either"


def marked_spans(text: str) -> list[tuple[int, int, bool]]:
    """Top-level quoted spans as ``(start, end, unclosed)``: ``text[start:end]`` is the content
    between the marks; ``unclosed`` spans run to the end of their paragraph."""
    if not MARK_RE.search(text):
        return []
    spans: list[tuple[int, int, bool]] = []
    stack: list[tuple[str, int]] = []  # (accepted closing marks, content start)
    para_end = text.find("\n")
    for m in MARK_RE.finditer(text):
        mark, i = m.group(), m.start()
        while para_end != -1 and i > para_end:  # a new paragraph: close what is still open
            _flush_unclosed(text, stack, para_end, spans)
            para_end = text.find("\n", para_end + 1)
        role = _role(text, i, mark)
        if role == "none":
            continue
        closes = bool(stack) and mark in stack[-1][0]
        if closes and role == "open" and mark == '"' and text.find(
                '"', m.end(), len(text) if para_end == -1 else para_end) == -1:
            role = "close"  # 2016 "مضيفة: the last " of the paragraph closes what is open
        if closes and role != "open":
            _, start = stack.pop()
            if not stack:
                spans.append((start, i, False))
        elif role in ("open", "either") and mark in _CLOSERS and mark != "»":
            stack.append((_CLOSERS[mark], m.end()))
        elif closes:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i, False))
        # else: a stray closing mark with nothing open — ignored
    _flush_unclosed(text, stack, len(text) if para_end == -1 else para_end, spans)
    spans.sort()
    return spans


def _flush_unclosed(text: str, stack: list[tuple[str, int]], para_end: int,
                    spans: list[tuple[int, int, bool]]) -> None:
    if not stack:
        return
    start = stack[0][1]
    stack.clear()
    end = para_end
    while end > start and text[end - 1] in " \t.":
        end -= 1
    if end > start:
        spans.append((start, end, True))


def split_sentences(text: str, marks: list[tuple[int, int, bool]] | None = None
                    ) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, blanks trimmed, punctuation kept."""
    if marks is None:
        marks = marked_spans(text)
    out: list[tuple[int, int]] = []
    pos = 0
    k = 0  # index of the first mark span that may contain the next candidate
    n_marks = len(marks)
    n = len(text)
    for m in _BOUNDARY_RE.finditer(text):
        run = m.group()
        start = m.start()
        nl = run.find("\n")
        if nl >= 0:
            # A line break always ends the sentence (punctuation before it stays with it).
            _append(text, pos, start + nl, out)
            pos = start + run.rfind("\n") + 1
            continue
        end = m.end()
        if run[0] not in ".!?؟" or end >= n or (text[end] not in " \t" and not _glued(text, start, end)):
            continue  # no blank after it: 5.88, 2.5, "U.S.", the end of the text (but
            # العالم.كما, two Arabic words glued by a typo, are two sentences)
        marks_len = len(run) - len(run.rstrip("\"»”’"))
        closed = run[:len(run) - marks_len]
        if closed[-1:] not in (".", "!", "?", "؟"):
            continue  # a run like ؟"« ends in an opening mark: not a boundary
        closed = closed[len(closed.rstrip(".!?؟")):]  # the final run of punctuation
        start = end - marks_len - len(closed)  # where that run starts
        run = run[len(run) - marks_len - len(closed):]
        while k < n_marks and marks[k][1] < start:
            k += 1
        if (k < n_marks and marks[k][0] <= start and not start <= marks[k][1] < end
                and not marks[k][2]):
            continue  # inside a quotation (a boundary may fall where the quotation closes;
            # an unclosed mark, a typo, does not hide the sentence ends after it)
        if closed.startswith("..") and closed.strip(".") == "":
            continue  # an ellipsis inside a line is a pause
        if closed == "." and _ABBREV_RE.search(text, max(0, start - 12), start + 1):
            continue
        _append(text, pos, end, out)
        pos = end
    _append(text, pos, len(text), out)
    return out


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def _glued(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one mark between two Arabic words with no blank (العالم.كما),
    not inside a dotted abbreviation (اي.بي.سي، ص.ب) or a site (العربية.نت): the word
    before has 3 letters or more and no dot leads into it or follows the word after."""
    if end - start != 1 or not _is_arabic_letter(text[end]):
        return False
    i = start
    while i > 0 and _is_arabic_letter(text[i - 1]):
        i -= 1
    if start - i < 3 or (i > 0 and text[i - 1] == "."):
        return False
    j = end
    while j < len(text) and _is_arabic_letter(text[j]):
        j += 1
    return (j >= len(text) or text[j] != ".") and text[end:j] not in _DOMAIN_ENDINGS


_DOMAIN_ENDINGS = {"نت", "كوم", "أورغ", "اورغ", "أورج", "اورج", "إنفو", "انفو"}  # (العربية.نت)


def _append(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
