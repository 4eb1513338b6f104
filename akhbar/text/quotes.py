"""Quotes in Arabic news: direct (marked) and indirect (reported speech), with speaker and cue.

Pure functions over the display text; offsets are character offsets into that text.

Direct quotes are spans in «», “”, "", „“ or ‘’ marks. Marks are paired by role (an opening
mark follows a space or punctuation, a closing mark precedes one), so nested marks such as
"محاربة "داعش" والقاعدة" pair correctly, and an unclosed mark runs to the paragraph end.
Short marked spans that name something (محاربة "داعش", ما يسمى "…") are not quotes.

The speaker comes from a reporting cue in the same sentence: قال الكرملين "…", "…"، قالت
الوزيرة, شدد بوتين، حسب البيان، "…", or an attribution tail (حسب، بحسب، وفقا لـ، نقلا عن).
A cue with no subject (وأضاف: "…") continues the previous speaker; a bare family name or a
title is resolved to the nearest earlier full mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from akhbar.text.dates import fold

# --- lexicon (folded forms: hamza-alef → ا, ى → ي, ة → ه) -------------------------------

_CUE_BASES = [
    "قال", "اكد", "اضاف", "اوضح", "اشار", "شدد", "اعتبر", "اعلن", "افاد", "ذكر", "صرح",
    "راي", "نفي", "حذر", "طالب", "كشف", "تابع", "اردف", "لفت", "نوه", "زعم", "ادعي",
    "اتهم", "دعا", "اعرب", "ابدي", "وصف", "رد", "علق", "استطرد", "اعترف", "اقر", "ابلغ",
    "اكدت", "قالت", "اوضحت", "توقع", "وعد", "تعهد", "هدد", "انتقد", "رحب", "ختم", "استدرك",
    "اضافت", "ردد", "اعتبرت", "جدد", "لخص", "تساءل", "سال", "اجاب", "صرحت", "نقل", "روي",
    "يقول", "تقول", "يضيف", "تضيف", "يؤكد", "تؤكد", "يري", "تري", "يوضح", "توضح", "يشير", "تشير",
]
_PARTICIPLES = [
    "قائلا", "قائله", "مشيرا", "مشيره", "مضيفا", "مضيفه", "مؤكدا", "مؤكده", "موضحا", "موضحه",
    "معتبرا", "معتبره", "مشددا", "مشدده", "لافتا", "لافته", "محذرا", "محذره", "معربا", "معربه",
    "واصفا", "واصفه", "متسائلا", "متسائله", "منوها", "منوهه", "مبينا", "مبينه", "متابعا",
    "مستدركا", "داعيا", "داعيه", "متوقعا", "متهما", "معلنا", "كاشفا", "مطالبا", "مرحبا",
]
_SUFFIXES = ("", "ت", "ا", "وا", "تا", "ن")


def _cue_forms() -> set[str]:
    forms: set[str] = set()
    for base in _CUE_BASES:
        stems = [base]
        if base.endswith("ي"):  # defective verbs: راي → رات، راوا، رايا
            stems.append(base[:-1])
        for stem in stems:
            for suffix in _SUFFIXES:
                forms.add(stem + suffix)
    for prefix in ("", "و", "ف"):
        forms |= {prefix + f for f in list(forms)}
    return forms


CUE_FORMS = frozenset(_cue_forms())
PARTICIPLE_FORMS = frozenset({p for base in _PARTICIPLES for p in (base, "و" + base)})
_ATTRIBUTION_HEADS = {"حسب", "بحسب", "وحسب", "وبحسب", "وفقا", "ووفقا", "طبقا", "نقلا", "ونقلا"}
# Words that end a speaker phrase.
_SPEAKER_STOP = {
    "ان", "إن", "بان", "انه", "انها", "انهم", "إنه", "إنها", "الي", "علي", "في", "خلال", "عن",
    "من", "حسب", "بحسب", "وفقا", "امام", "امس", "اليوم", "لـ", "ل", "مع", "عبر", "بعد", "قبل",
    "قائلا", "مشيرا", "مضيفا", "مؤكدا", "موضحا", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
    "السبت", "الاحد", "الاثنين", "صباح", "مساء", "يوم", "لوكاله", "للصحفيين", "لصحيفه",
    "لقناه", "لموقع", "بدوره", "بدورها", "كذلك", "ايضا", "اليها", "اليه", "له", "لها", "به",
}
# Words before a short marked span that make it a name or a term, not a quote.
_NAMING_WORDS = {
    "يسمي", "تسمي", "المسمي", "المسماه", "بعنوان", "عنوان", "شعار", "تنظيم", "حركه", "جماعه",
    "عمليه", "مشروع", "برنامج", "مبادره", "حمله", "كتاب", "فيلم", "روايه", "مسلسل", "شركه",
    "موقع", "صحيفه", "قناه", "مؤتمر", "منتدي", "جائزه", "قانون", "اسم", "باسم", "لقب", "مصطلح",
    "عبارة", "عباره", "كلمه", "وسم", "هاشتاغ", "هاشتاج", "محاربه", "مكافحه", "تطبيق", "منصه",
    "مهرجان", "معرض", "مسابقه", "اتفاقيه", "اتفاق", "فريق", "نادي", "حزب", "ائتلاف",
    "تحالف", "جبهه", "مجموعه", "الملقب", "الملقبه", "يدعي", "تدعي", "المعروف", "المعروفه",
}
_PRONOUN_SUBJECTS = {"هو", "هي", "هم", "انه", "انها"}
# Titles a bare speaker phrase may be, resolved to the nearest full mention.
_TITLE_WORDS = {
    "الرئيس", "الوزير", "الوزيره", "المتحدث", "المتحدثه", "رئيس", "وزير", "وزيره", "المدير",
    "المديره", "مدير", "مديره", "الامين", "السفير", "النائب", "الملك", "الامير", "الشيخ",
    "المسؤول", "المسؤوله", "الناطق", "الزعيم", "القائد", "المحافظ", "الجنرال", "العقيد",
    "اللواء", "الدكتور", "الدكتوره", "الخبير", "الخبيره", "المحلل", "المحامي", "القاضي",
}

_OPENERS = {"«": "»", "“": "”", "„": "“", "‘": "’", '"': '"', "''": "''"}
_MARK_RE = re.compile(r"''|[«»“”„‘’\"]")
_WORD_RE = re.compile(r"[\w\u0600-\u06FF]+")
_SENT_END_RE = re.compile(r"(?<=[.!?؟])(?=\s)|\n+")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote: ``text[start:end] == quote``."""

    quote: str
    start: int
    end: int
    kind: str  # "direct" or "indirect"
    speaker: str | None
    cue: str | None
    sentence_start: int
    sentence_end: int


# --- marks ------------------------------------------------------------------------------

def _role(text: str, i: int, mark: str) -> str:
    """'open', 'close' or 'either' for an ambiguous ASCII/typographic mark at ``i``."""
    if mark in ("«", "„"):
        return "open"
    if mark == "»":
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    open_ok = before.isspace() or before in "([{:،,؛;—-–/«"
    close_ok = after.isspace() or after in ".,،؛;:!?؟)]}»…-–—"
    if open_ok and not close_ok:
        return "open"
    if close_ok and not open_ok:
        return "close"
    if mark == "“":
        return "open"
    if mark in ("”", "’"):
        return "close"
    return "either"


def marked_spans(text: str) -> list[tuple[int, int, int]]:
    """Top-level marked spans as (content_start, content_end, depth-0 flag) within paragraphs.

    Returns (start, end, unclosed) with ``text[start:end]`` the content inside the marks.
    """
    spans: list[tuple[int, int, int]] = []
    for para_start, para_end in _paragraphs(text):
        stack: list[tuple[str, int]] = []  # (closing mark expected, content start)
        for m in _MARK_RE.finditer(text, para_start, para_end):
            mark, i = m.group(), m.start()
            role = _role(text, i, mark)
            closes = bool(stack) and (stack[-1][0] == mark or (mark in "”\"" and stack[-1][0] in "”\""))
            if closes and role != "open":
                _, start = stack.pop()
                if not stack:
                    spans.append((start, i, 0))
            elif role in ("open", "either") and mark in _OPENERS:
                stack.append((_OPENERS[mark], m.end()))
            elif closes:
                _, start = stack.pop()
                if not stack:
                    spans.append((start, i, 0))
        if stack:  # an unclosed mark runs to the end of its paragraph
            start = stack[0][1]
            end = para_end
            while end > start and text[end - 1] in " .\t":
                end -= 1
            if end - start > 0:
                spans.append((start, end, 1))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a boundary inside a marked span does not count."""
    inside = [(s, e) for s, e, _ in marked_spans(text)]
    bounds, pos = [], 0
    for m in _SENT_END_RE.finditer(text):
        cut = m.start()
        if any(s <= cut < e for s, e in inside):
            continue
        if cut > pos:
            bounds.append((pos, cut))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    return [(s + (len(text[s:e]) - len(text[s:e].lstrip())), e) for s, e in bounds if text[s:e].strip()]


# --- speakers -----------------------------------------------------------------------------

def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text, start, end)]


def _speaker_after(text: str, pos: int, limit: int) -> str | None:
    """The subject noun phrase after a cue verb at ``pos`` (Arabic is mostly verb-first)."""
    seg = text[pos:limit]
    m = re.match(r"\s*([^،,:؛;\"«“\n.]+)", seg)
    if not m:
        return None
    phrase_words: list[str] = []
    for w in _WORD_RE.findall(m.group(1)):
        if fold(w) in _SPEAKER_STOP or fold(w) in CUE_FORMS:
            break
        phrase_words.append(w)
        if len(phrase_words) >= 6:
            break
    if not phrase_words or fold(phrase_words[0]) in _PRONOUN_SUBJECTS:
        return None
    phrase = " ".join(phrase_words)
    # An apposition names the person: "وزير الصحة، مروان العطار، ..." → مروان العطار
    rest = seg[m.end():]
    appo = re.match(r"\s*[،,]\s*([^،,:؛;\"«“\n.]{2,40}?)\s*[،,:]", rest)
    if appo:
        name_words = _WORD_RE.findall(appo.group(1))
        if (1 <= len(name_words) <= 4 and not fold(name_words[0]).startswith("ال")
                and not any(fold(w) in _SPEAKER_STOP or fold(w) in CUE_FORMS for w in name_words)):
            return " ".join(name_words)
    return phrase


def _cue_before(text: str, sent_start: int, quote_start: int,
                spans: list[tuple[int, int, int]]) -> tuple[str, int, int] | None:
    """The reporting cue governing a quote, from the words between sentence start and quote.

    A verb cue with a subject wins (وشدد بوتين، حسب البيان، "…" → بوتين); otherwise an
    attribution tail (حسب الكرملين) or a participle (مشيرا). Words inside other quotes
    do not count.
    """
    verbs, others = [], []
    for w, s, e in _words(text, sent_start, quote_start):
        if any(a <= s < b for a, b, _ in spans):
            continue
        fw = fold(w)
        if fw in CUE_FORMS:
            verbs.append((w, s, e))
        elif fw in PARTICIPLE_FORMS or fw in _ATTRIBUTION_HEADS:
            others.append((w, s, e))
    for cue in reversed(verbs):
        if _speaker_after(text, cue[2], quote_start):
            return cue
    if others:
        return others[-1]
    return verbs[-1] if verbs else None


def _cue_after(text: str, quote_end: int, sent_end: int) -> tuple[str, int, int] | None:
    """A cue right after a quote: «…»، قال فلان."""
    for idx, (w, s, e) in enumerate(_words(text, quote_end, sent_end)):
        if fold(w) in CUE_FORMS:
            return (w, s, e)
        if idx >= 2:
            break
    return None


def _is_name_or_term(text: str, start: int, end: int, sent_start: int, has_cue: bool) -> bool:
    """A short marked span that names something (تنظيم "داعش") rather than quoting someone.

    Spans after a naming word are names; other short spans count as partial quotes only when
    the sentence has a reporting cue before them (واصفا أداءهم بأنه "بطولي").
    """
    content = text[start:end]
    n_words = len(_WORD_RE.findall(content))
    if n_words > 4:
        return False
    before = _words(text, max(sent_start, start - 40), start)
    prev = fold(before[-1][0]) if before else ""
    stripped = prev[1:] if prev[:1] in ("و", "ب", "ل") else prev
    if prev in _NAMING_WORDS or stripped in _NAMING_WORDS or (
            prev.startswith("ال") and prev[2:] in _NAMING_WORDS):
        return True
    return not has_cue


class _SpeakerMemory:
    """Full speaker mentions seen so far, to resolve bare names and titles."""

    def __init__(self) -> None:
        self.mentions: list[str] = []

    def resolve(self, speaker: str | None) -> str | None:
        if not speaker:
            return self.mentions[-1] if self.mentions else None
        words = [fold(w) for w in speaker.split()]
        for full in reversed(self.mentions):
            full_words = [fold(w) for w in full.split()]
            if len(full_words) > len(words) and full_words[-len(words):] == words:
                return full  # "العمري" → "خالد العمري"
        return speaker

    def remember(self, speaker: str | None) -> None:
        if speaker:
            self.mentions.append(speaker)


def _attribution(text: str, cue: tuple[str, int, int], limit: int) -> str | None:
    word, _, end = cue
    fw = fold(word)
    if fw in _ATTRIBUTION_HEADS:
        tail = re.match(r"\s*(?:ل|لـ\s*|عن\s+)?", text[end:limit])
        return _speaker_after(text, end + (tail.end() if tail else 0), limit)
    return _speaker_after(text, end, limit)


def extract_quotes(text: str) -> list[Quote]:
    """All direct and indirect quotes of an article's display text, in text order."""
    spans = marked_spans(text)
    memory = _SpeakerMemory()
    quotes: list[Quote] = []
    for s_start, s_end in sentences(text):
        inside = [sp for sp in spans if s_start <= sp[0] < s_end]
        if inside:
            quotes.extend(_direct_quotes(text, s_start, s_end, inside, spans, memory))
        else:
            quote = _indirect_quote(text, s_start, s_end, memory)
            if quote:
                quotes.append(quote)
    return quotes


def _direct_quotes(text: str, s_start: int, s_end: int, inside: list[tuple[int, int, int]],
                   spans: list[tuple[int, int, int]], memory: _SpeakerMemory) -> list[Quote]:
    out: list[Quote] = []
    for start, end, _unclosed in inside:
        content = text[start:end]
        if not content.strip():
            continue
        cue = _cue_before(text, s_start, start, spans)
        speaker = None
        if cue:
            speaker = _attribution(text, cue, start)
            if fold(cue[0]) in PARTICIPLE_FORMS and not speaker:
                speaker = _speaker_from_sentence(text, s_start, cue[1])
        else:
            cue = _cue_after(text, end + 1, s_end)
            if cue:
                speaker = _attribution(text, cue, s_end)
        if _is_name_or_term(text, start, end, s_start, has_cue=cue is not None):
            continue
        if not cue and len(_WORD_RE.findall(content)) < 3:
            continue  # a short marked span with no cue is a term, not a quote
        speaker = memory.resolve(speaker) if (speaker or cue) else (
            memory.mentions[-1] if memory.mentions else None)
        memory.remember(speaker)
        q_start, q_end = _trim(text, start, end)
        out.append(Quote(text[q_start:q_end], q_start, q_end, "direct", speaker,
                         cue[0] if cue else None, s_start, s_end))
    return out


def _speaker_from_sentence(text: str, s_start: int, cue_start: int) -> str | None:
    """For a participle cue (…، مشيرا إلى أن), the subject of the sentence's main cue."""
    for w, _s, e in _words(text, s_start, cue_start):
        if fold(w) in CUE_FORMS:
            return _speaker_after(text, e, cue_start)
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_INDIRECT_RE = re.compile(r"(?:^|\s)(?:ب|و|ف)?(?:ان|أن|إن|انه|أنه|إنه|أنها|إنها|انها|بأن|بان|بأنه)\s")


def _indirect_quote(text: str, s_start: int, s_end: int, memory: _SpeakerMemory) -> Quote | None:
    """Reported speech without marks: cue + أن/إن clause, to the end of the clause."""
    for w, ws, we in _words(text, s_start, s_end):
        fw = fold(w)
        if fw not in CUE_FORMS and fw not in PARTICIPLE_FORMS:
            continue
        m = _INDIRECT_RE.search(text, we, min(s_end, we + 120))
        if not m:
            continue
        gap = text[we:m.start()]
        if len(_WORD_RE.findall(gap)) > 8:
            continue
        speaker = (_speaker_after(text, we, m.start()) if fw in CUE_FORMS
                   else _speaker_from_sentence(text, s_start, ws))
        speaker = memory.resolve(speaker)
        c_start, c_end = _trim(text, m.end(), s_end)
        while c_end > c_start and text[c_end - 1] in ".،,؛;":
            c_end -= 1
        if c_end - c_start < 8:
            continue
        memory.remember(speaker)
        return Quote(text[c_start:c_end], c_start, c_end, "indirect", speaker, w, s_start, s_end)
    return None
