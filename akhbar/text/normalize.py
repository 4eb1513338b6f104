"""Search form and tokens, built on camel-tools.

``normalize_search`` gives the form used for search, keywords and topics: camel-tools'
Unicode normalization and dediacritization, tatweel removed, alef / alef-maksura /
teh-marbuta normalized (camel's ``normalize_*_ar``), Arabic-Indic digits as ASCII and Latin
case-folded. It is one ``str.translate`` built from camel-tools' own character sets, so it
matches the camel functions applied one by one (checked in the tests) at a fraction of
the cost. ``tokenize`` is camel-tools' ``simple_word_tokenize`` as a single compiled regex,
with character offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex
from camel_tools.tokenizers import word as _camel_word
from camel_tools.utils.charsets import (
    AR_DIAC_CHARSET,
    EMOJI_ALL_CHARSET,
    UNICODE_PUNCT_SYMBOL_CHARSET,
)

TATWEEL = "\u0640"
_ALEFS = "\u0625\u0623\u0671\u0622"  # the set camel's normalize_alef_ar folds to bare alef

_SEARCH_TABLE: dict[int, str | None] = {ord(c): None for c in AR_DIAC_CHARSET}
_SEARCH_TABLE[ord(TATWEEL)] = None
_SEARCH_TABLE.update({ord(c): "\u0627" for c in _ALEFS})
_SEARCH_TABLE[0x0649] = "\u064A"  # alef maksura → yeh
_SEARCH_TABLE[0x0629] = "\u0647"  # teh marbuta → heh
_SEARCH_TABLE.update({0x0660 + i: str(i) for i in range(10)})
_SEARCH_TABLE.update({0x06F0 + i: str(i) for i in range(10)})
_SEARCH_TABLE[0x066B] = "."  # Arabic decimal separator
_SEARCH_TABLE[0x066C] = ","  # Arabic thousands separator

# camel-tools splits off every single character of its punctuation/symbol set and keeps
# emoji sequences whole, one character at a time in Python. Every multi-character emoji
# sequence holds one of the characters below; texts without them (nearly all news) are
# tokenized by padding symbols with spaces in one C-level translate and splitting, which
# gives the same tokens. Texts with them take camel's own loop.
_SYMBOLS = {c for c in UNICODE_PUNCT_SYMBOL_CHARSET | EMOJI_ALL_CHARSET
            if len(c) == 1 and not c.isspace()}
_PAD_SYMBOLS = {ord(c): f" {c} " for c in _SYMBOLS}
_SEQUENCE_RE = re.compile(
    "[\ufe0f\u200d\u20e3\U0001F3FB-\U0001F3FF\U0001F1E6-\U0001F1FF\U000E0020-\U000E007F]"
)
_CAMEL_SYMBOLS_RE = _camel_word._SYMBOLS_RE
_CAMEL_SYMBOLS_ALL = _camel_word._SYMBOLS_ALL
_WORD_SPAN_RE = re.compile(r"\S+")
# Runs, not single letters: counting matched lengths of runs is several times faster.
_ARABIC_RUN_RE = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06FA-\u06FC]+")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_LETTER_RE = regex.compile(r"\p{L}")
# Letters used by Persian/Urdu but not by Arabic (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ہ ۃ ۓ).
_NON_ARABIC_LETTER_RE = re.compile(
    r"[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u0679\u0688\u0691\u06BA\u06D2\u06C1\u06C3\u06D3]")
_WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*")


def normalize_search(text: str) -> str:
    """Search form of ``text`` (see module docstring)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_SEARCH_TABLE).casefold()


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` exactly as camel-tools' ``simple_word_tokenize`` splits them."""
    if not _SEQUENCE_RE.search(text):
        return text.translate(_PAD_SYMBOLS).split()
    return [tok for tok, _, _ in _camel_spans(text)]


def tokenize_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Tokens with their (start, end) character offsets into ``text``."""
    if _SEQUENCE_RE.search(text):
        yield from _camel_spans(text)
        return
    pos = 0
    for tok in text.translate(_PAD_SYMBOLS).split():
        # Only whitespace separates consecutive tokens, so the next match is this token.
        start = text.find(tok, pos)
        pos = start + len(tok)
        yield tok, start, pos


def _camel_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """camel-tools' tokenization loop, with offsets; used for texts with emoji sequences."""
    for word in _WORD_SPAN_RE.finditer(text):
        base, chunk = word.start(), word.group()
        pos = start = 0
        while pos < len(chunk):
            m = _CAMEL_SYMBOLS_RE.match(chunk, pos=pos)
            if m is not None and m.group() in _CAMEL_SYMBOLS_ALL:
                if pos != start:
                    yield chunk[start:pos], base + start, base + pos
                yield m.group(), base + pos, base + m.end()
                pos = start = m.end()
                continue
            pos += 1
        if start < len(chunk):
            yield chunk[start:], base + start, base + len(chunk)


def is_word(token: str) -> bool:
    """True for tokens that contain a letter (not punctuation, symbols or bare numbers)."""
    return bool(_LETTER_RE.search(token))


def script_profile(text: str) -> tuple[float, float]:
    """(share of letters that are Arabic-script, share of those that are Persian/Urdu-only)."""
    letters = sum(map(len, _LETTER_RUN_RE.findall(text)))
    if not letters:
        return 0.0, 0.0
    arabic = sum(map(len, _ARABIC_RUN_RE.findall(text)))
    other = len(_NON_ARABIC_LETTER_RE.findall(text))
    return arabic / letters, (other / arabic if arabic else 0.0)


def words(text: str) -> list[str]:
    """Letter runs only: a cheap word list for statistics."""
    return _WORD_RE.findall(text)
