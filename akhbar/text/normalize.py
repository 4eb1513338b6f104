"""Search form and tokens, built on camel-tools.

``normalize_search`` gives the form used for search, keywords and topics: camel-tools'
Unicode normalization and dediacritization, tatweel removed, alef / alef-maksura /
teh-marbuta normalized (camel's ``normalize_*_ar``), Arabic-Indic digits as ASCII and Latin
case-folded. It is one ``str.translate`` built from camel-tools' own character sets, so it
matches the camel functions applied one by one (checked in the tests) at a fraction of
the cost. ``tokenize`` is camel-tools' ``simple_word_tokenize`` as a single compiled regex,
with character offsets.

Whole articles take a vectorized path (``_LONG`` characters and more): the text's code
points as a NumPy array, classified and mapped through per-code-point tables, so the
per-character work is C loops instead of ``str.translate``'s dictionary lookups; short
strings keep the ``translate`` path, which is faster for them. Both give the same result
(checked in the tests).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import numpy as np
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
_ARABIC_RANGES = ((0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FC))
# Letters used by Persian/Urdu but not by Arabic (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ہ ۃ ۓ).
_NON_ARABIC_LETTERS = "\u067E\u0686\u0698\u06AF\u06A9\u06CC\u0679\u0688\u0691\u06BA\u06D2\u06C1\u06C3\u06D3"
# Runs, not single letters: counting matched lengths of runs is several times faster.
_ARABIC_RUN_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _ARABIC_RANGES) + "]+")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_LETTER_RE = regex.compile(r"\p{L}")
_NON_ARABIC_LETTER_RE = re.compile(f"[{_NON_ARABIC_LETTERS}]")
_WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*")


_LONG = 256  # characters from which a text takes the vectorized path
_DROP = 0xFFFFFFFF  # in the search table: the code point is deleted
_BMP = 0x10000


def normalize_search(text: str) -> str:
    """Search form of ``text`` (see module docstring)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_SEARCH_TABLE).casefold()


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` exactly as camel-tools' ``simple_word_tokenize`` splits them."""
    if _SEQUENCE_RE.search(text):
        return [tok for tok, _, _ in _camel_spans(text)]
    if len(text) >= _LONG:
        return _split_tokens(text, code_points(text))
    return text.translate(_PAD_SYMBOLS).split()


def search_form_and_tokens(text: str) -> tuple[str, list[str]]:
    """``normalize_search(text)`` and its tokens, in one vectorized pass for long texts.

    Case folding comes before the search table here and after it in ``normalize_search``:
    the two commute, since folding neither produces nor changes Arabic letters, digits or
    the two Arabic separators, and the table only produces those and ASCII digits and
    punctuation, which folding leaves alone.
    """
    if len(text) < _LONG:
        norm = normalize_search(text)
        return norm, tokenize(norm)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    mapped = _search_codes()[code_points(text.casefold())]
    mapped = mapped[mapped != _DROP]
    norm = mapped.tobytes().decode("utf-32-le", "surrogatepass")
    if _SEQUENCE_RE.search(norm):  # emoji sequences: camel's own loop
        return norm, tokenize(norm)
    return norm, _split_tokens(norm, mapped)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32; lone surrogates kept)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@cache
def _kind_table() -> np.ndarray:
    """Per code point: 0 word character, 1 whitespace (as ``str.split``), 2 camel symbol."""
    table = np.zeros(0x110000, dtype=np.int8)
    for ch in _SYMBOLS:
        table[ord(ch)] = 2
    for cp in (*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
               0x2028, 0x2029, 0x202F, 0x205F, 0x3000):
        table[cp] = 1
    return table


@cache
def _search_codes() -> np.ndarray:
    """``_SEARCH_TABLE`` as a per-code-point array (``_DROP`` for deleted code points)."""
    table = np.arange(0x110000, dtype=np.uint32)
    for cp, to in _SEARCH_TABLE.items():
        table[cp] = _DROP if to is None else ord(to)
    return table


@cache
def _script_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code point: a letter as ``[^\\W\\d_]`` reads it, Arabic script, Persian/Urdu-only."""
    letter = np.fromiter((c.isalnum() and not c.isdecimal() and c != "_"
                          for c in map(chr, range(_BMP))), dtype=bool, count=_BMP)
    arabic = np.zeros(_BMP, dtype=bool)
    for lo, hi in _ARABIC_RANGES:
        arabic[lo:hi + 1] = True
    other = np.zeros(_BMP, dtype=bool)
    other[[ord(c) for c in _NON_ARABIC_LETTERS]] = True
    return letter, arabic, other


def token_bounds(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the tokens of a text given as code points: a symbol is a token of
    its own, any other run of non-space characters is one (no emoji sequences: callers
    check ``_SEQUENCE_RE`` first)."""
    kind = _kind_table()[codes]
    word = kind == 0
    sym = kind == 2
    prev = np.concatenate(([False], word[:-1]))
    nxt = np.concatenate((word[1:], [False]))
    return np.flatnonzero(sym | (word & ~prev)), np.flatnonzero(sym | (word & ~nxt)) + 1


def _split_tokens(text: str, codes: np.ndarray) -> list[str]:
    starts, ends = token_bounds(codes)
    return list(map(text.__getitem__, map(slice, starts.tolist(), ends.tolist())))


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
    if len(text) >= _LONG:
        codes = code_points(text)
        if codes.max() < _BMP:
            letter, arabic_cp, other_cp = _script_tables()
            n_letters = int(np.count_nonzero(letter[codes]))
            if not n_letters:
                return 0.0, 0.0
            n_arabic = int(np.count_nonzero(arabic_cp[codes]))
            n_other = int(np.count_nonzero(other_cp[codes]))
            return n_arabic / n_letters, (n_other / n_arabic if n_arabic else 0.0)
    letters = sum(map(len, _LETTER_RUN_RE.findall(text)))
    if not letters:
        return 0.0, 0.0
    arabic = sum(map(len, _ARABIC_RUN_RE.findall(text)))
    other = len(_NON_ARABIC_LETTER_RE.findall(text))
    return arabic / letters, (other / arabic if arabic else 0.0)


def words(text: str) -> list[str]:
    """Letter runs only: a cheap word list for statistics."""
    return _WORD_RE.findall(text)
