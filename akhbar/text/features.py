"""Per-article text features shared by keywords, topics and story signatures.

One pass over an article's tokens gives everything the later steps need, so a batch pays
for tokenization, normalization and stemming once:

* ``Features`` — the compact per-article summary: content stems with counts, first-seen
  rank and the surface form the article uses most for each stem; candidate key phrases
  (2–3 content words in a row, never across a stopword, number or punctuation mark);
  optionally the stable hashes of the body's words, from which story shingles are built.
* ``tokens`` / ``token_spans`` — the token-level view with character offsets into the
  display text, stopword flags and stems, for callers that need positions.

Tokens are camel-tools' ``simple_word_tokenize`` tokens (see ``normalize.tokenize``).
Each distinct surface token is analysed once per process and cached (search form,
stopword/number/punctuation class, Snowball light stem, stable hash): news vocabulary is
Zipfian, so after the first few hundred articles nearly every token is a dictionary hit
and per-article cost is a few C-level passes plus a loop over distinct tokens.

Stems come from PyStemmer's Arabic Snowball stemmer (C). It is fed the dediacritized
surface token, not the search form: Snowball reads teh marbuta as a feminine ending and
strips it, while the search form's heh would be taken for a pronoun suffix (الحكومة →
حكوم, but الحكومه → حكومه). A conjunction before the article (والحكومة) is removed first
because Snowball keeps it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import compress, pairwise, repeat
from operator import gt, itemgetter
from typing import NamedTuple

import numpy as np
import Stemmer
from camel_tools.utils.charsets import AR_DIAC_CHARSET

from akhbar.text.normalize import (
    _SEQUENCE_RE,
    code_points,
    normalize_search,
    token_bounds,
    tokenize,
    tokenize_spans,
)

# Token classes. Content words carry a stem; the others break phrases.
CONTENT, STOP, NUMBER, PUNCT = 0, 1, 2, 3
_IS_WORD_KIND = frozenset((CONTENT, STOP))

_DEDIAC = {ord(c): None for c in AR_DIAC_CHARSET}
_DEDIAC[0x0640] = None  # tatweel
_STEMMER = Stemmer.Stemmer("arabic")
_CACHE_LIMIT = 1_000_000  # distinct surface tokens kept per process before the cache restarts

# The per-process cache: surface token → (stem, display form, class, stable hash of the
# search form, search form). One dict lookup per distinct token of an article is the
# dominant cost of ``extract``; everything after it works on small per-article containers.
_ENTRY: dict[str, tuple[str, str, int, int, str]] = {}
_STEM_OF = itemgetter(0)
_SHOW_OF = itemgetter(1)
_KIND_OF = itemgetter(2)
_HASH_OF = itemgetter(3)
_NORM_OF = itemgetter(4)


@cache
def stopwords() -> frozenset[str]:
    """Arabic stopwords in search form, with their و/ف/ب/ل-prefixed variants."""
    text = resources.files("akhbar").joinpath("resources/stopwords_ar.txt").read_text("utf-8")
    base = {normalize_search(line.strip()) for line in text.splitlines()
            if line.strip() and not line.startswith("#")}
    return frozenset(base | {p + w for w in base for p in ("و", "ف", "ب", "ل")})


@dataclass(frozen=True, slots=True)
class Features:
    """The compact per-article summary (picklable; a few KB per article).

    ``stems[i]`` occurs ``counts[i]`` times (title and body); stems are listed in order of
    first occurrence, so the index is the first-seen rank. ``surfaces[i]`` is the spelling
    the article uses most for ``stems[i]`` (as written, minus a leading conjunction و/ف
    before the article: والحكومة is shown as الحكومة). ``phrases`` are stem sequences
    joined by a space, kept when they occur at least twice (title included);
    ``phrase_surfaces`` is their most frequent spelling. ``in_title`` /
    ``phrase_in_title`` flag keys that occur in the title.
    """

    stems: tuple[str, ...]
    counts: tuple[int, ...]
    surfaces: tuple[str, ...]
    in_title: tuple[bool, ...]
    phrases: tuple[str, ...]
    phrase_counts: tuple[int, ...]
    phrase_surfaces: tuple[str, ...]
    phrase_in_title: tuple[bool, ...]
    n_words: int  # word tokens (with a letter, no digit) in title + body
    # Stable 64-bit hashes of the body's word and number tokens in search form, in order
    # (punctuation dropped): the input of story shingles. Only with ``extract(hashes=True)``.
    word_hashes: np.ndarray | None = field(default=None, compare=False)

    def stem_counts(self) -> dict[str, int]:
        return dict(zip(self.stems, self.counts, strict=True))


class Token(NamedTuple):
    """One token of the display text, with offsets: ``text[start:end] == surface``."""

    surface: str
    start: int
    end: int
    norm: str  # search form
    kind: int  # CONTENT, STOP, NUMBER or PUNCT
    stem: str  # "" unless kind == CONTENT

    @property
    def is_stop(self) -> bool:
        return self.kind == STOP


def _stem_input(surface: str) -> str:
    """What the stemmer sees: the dediacritized token, a conjunction before the article
    removed when at least three letters follow the article (والحكومة, not والي/والدة)."""
    word = unicodedata.normalize("NFKC", surface).translate(_DEDIAC)
    if len(word) >= 6 and word[0] in "وف" and word[1:3] == "ال":
        word = word[1:]
    return word


def stem_word(surface: str) -> str:
    """Light stem of one surface token (see module docstring), uncached."""
    return _STEMMER.stemWord(_stem_input(surface))


def _display(surface: str) -> str:
    """A surface token without a leading conjunction before the article (والحكومة → الحكومة)."""
    if len(surface) >= 6 and surface[0] in "وف" and surface[1:3] == "ال":
        return surface[1:]
    return surface


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (``hash()`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little") or 1


def _classify(norm: str, stops: frozenset[str]) -> int:
    if norm.isalpha():  # nearly every word: letters only, so neither punctuation nor a number
        return STOP if len(norm) < 2 or norm in stops else CONTENT
    if not any(ch.isalnum() for ch in norm):
        return PUNCT
    if any(ch.isdigit() for ch in norm):
        return NUMBER
    if len(norm) < 2 or norm in stops or not any(ch.isalpha() for ch in norm):
        return STOP
    return CONTENT


def _search_forms_of(tokens: list[str]) -> list[str]:
    """``normalize_search`` of each token in one call over the joined tokens (NFKC,
    the search table and case folding never create, remove or merge across a NUL)."""
    norms = normalize_search("\x00".join(tokens)).split("\x00")
    if len(norms) != len(tokens):  # a token holding a NUL itself
        return [normalize_search(t) for t in tokens]
    return norms


def _learn(new: Iterable[str]) -> None:
    """Analyse surface tokens not seen before by this process (stems in one C call)."""
    if len(_ENTRY) > _CACHE_LIMIT:  # bound memory in long-lived workers
        _ENTRY.clear()
    stops = stopwords()
    new = list(new)
    content = []
    hashes: dict[str, tuple[int, str]] = {}
    for tok, norm in zip(new, _search_forms_of(new), strict=True):
        kind = _classify(norm, stops)
        hashes[tok] = (0 if kind == PUNCT else stable_hash(norm)), norm
        if kind == CONTENT:
            content.append(tok)
        else:
            _ENTRY[tok] = ("", tok, kind, *hashes[tok])
    if not content:
        return
    for tok, stem in zip(content, _STEMMER.stemWords([_stem_input(t) for t in content]), strict=True):
        if len(stem) < 2 or normalize_search(stem) in stops:
            _ENTRY[tok] = ("", tok, STOP, *hashes[tok])
        else:
            _ENTRY[tok] = (stem, _display(tok), CONTENT, *hashes[tok])


def _entries(distinct: list[str]) -> list[tuple[str, str, int, int, str]]:
    entries = list(map(_ENTRY.get, distinct))
    if None in entries:
        _learn({t for t, e in zip(distinct, entries, strict=True) if e is None})
        entries = list(map(_ENTRY.__getitem__, distinct))
    return entries


def analyse_many(tokens: Sequence[str]) -> list[tuple[str, int, str]]:
    """(search form, token class, stem) of each surface token, through the cache."""
    return [(norm, kind, stem) for stem, _, kind, _, norm in _entries(list(tokens))]


def extract(tokens: Sequence[str], title: Sequence[str] = (), *, hashes: bool = False) -> Features:
    """Features of an article from its surface tokens (``normalize.tokenize(text)``) and
    its title's tokens. The pipeline already has both, so nothing is tokenized twice.
    ``hashes=True`` adds the body's word hashes for story signatures.

    Every per-token step is a C-level primitive (``map``, ``zip``, ``Counter``,
    ``sorted``, ``itertools.compress``); Python-level loops only touch repeated phrases.
    """
    n_title = len(title)
    # The title, then a break, then the body: phrases never span the two.
    seq = [*title, "\n", *tokens] if n_title else list(tokens)
    tc = Counter(seq)
    distinct = list(tc)
    entries = _entries(distinct)
    d_stems = list(map(_STEM_OF, entries))
    local = dict(zip(distinct, d_stems, strict=True))
    stems = list(map(local.__getitem__, seq))

    # Unigrams. Counter keeps first-occurrence order, so stems come out by first use.
    sc = Counter(stems)
    sc.pop("", None)
    # A stem's display form is its most frequent spelling: sort distinct tokens by count
    # (stable) and let later entries of a dict overwrite earlier ones.
    shows = list(map(_SHOW_OF, entries))
    order = sorted(range(len(distinct)), key=list(tc.values()).__getitem__)
    best = dict(zip(map(d_stems.__getitem__, order), map(shows.__getitem__, order), strict=True))
    title_stems = set(stems[:n_title])

    # Phrases: 2-grams of consecutive stems that occur at least twice (title included) and
    # contain no break (""); a 3-gram can only repeat where two such 2-grams overlap, so
    # 3-grams are only looked for there.
    grams = list(pairwise(stems))
    gc = Counter(grams)
    title_bi = set(grams[:max(0, n_title - 1)])
    kept = {g for g in compress(gc, map(gt, gc.values(), repeat(1))) if g[0] and g[1]}
    phrase_count: Counter[tuple[str, ...]] = Counter()
    phrase_form: dict[tuple[str, ...], str] = {}
    title_grams: set[tuple[str, ...]] = set()
    if kept:
        where = list(compress(range(len(grams)), map(kept.__contains__, grams)))
        at = set(where)
        tri_at = [i for i in where if i + 1 in at]
        tri = [tuple(stems[i:i + 3]) for i in tri_at]
        tri_count = Counter(tri)
        tri_title = {g for i, g in zip(tri_at, tri, strict=True) if i + 3 <= n_title and tri_count[g] > 1}
        spans = [(i, 2, grams[i]) for i in where]
        spans += [(i, 3, g) for i, g in zip(tri_at, tri, strict=True) if tri_count[g] > 1]
        keys = [g for _, _, g in spans]
        phrase_count.update(keys)
        written = [" ".join((_display(seq[i]), *seq[i + 1:i + n])) for i, n, _ in spans]
        # Most frequent spelling per phrase: sort by count, later dict entries win.
        pairs = Counter(zip(keys, written, strict=True))
        for (g, form), _ in sorted(pairs.items(), key=itemgetter(1)):
            phrase_form[g] = form
        title_grams = (kept & title_bi) | tri_title
    phrase_keys = list(phrase_count)

    word_hashes = None
    if hashes:
        local_hash = dict(zip(distinct, map(_HASH_OF, entries), strict=True))
        word_hashes = np.fromiter(map(local_hash.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
        word_hashes = word_hashes[word_hashes != 0]

    return Features(
        stems=tuple(sc),
        counts=tuple(sc.values()),
        surfaces=tuple(map(best.__getitem__, sc)),
        in_title=tuple(map(title_stems.__contains__, sc)),
        phrases=tuple(" ".join(g) for g in phrase_keys),
        phrase_counts=tuple(phrase_count[g] for g in phrase_keys),
        phrase_surfaces=tuple(map(phrase_form.__getitem__, phrase_keys)),
        phrase_in_title=tuple(g in title_grams for g in phrase_keys),
        n_words=sum(compress(tc.values(), map(_IS_WORD_KIND.__contains__, map(_KIND_OF, entries)))),
        word_hashes=word_hashes,
    )


def extract_text(text: str, title: str | None = None, *, hashes: bool = False) -> Features:
    """Features straight from a display text and title (tokenizes them first)."""
    return extract(tokenize(text), tokenize(title) if title else (), hashes=hashes)


# --- tokens with offsets --------------------------------------------------------------

def token_spans(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the camel-tools tokens of ``text``, as int64 arrays.

    Vectorized over code points: a symbol character is a token of its own, any other run
    of non-space characters is a token. That is exactly ``simple_word_tokenize`` for
    texts without multi-character emoji sequences; those take camel's own loop.
    """
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if _SEQUENCE_RE.search(text):
        spans = [(s, e) for _, s, e in tokenize_spans(text)]
        arr = np.array(spans, dtype=np.int64).reshape(-1, 2)
        return arr[:, 0], arr[:, 1]
    return token_bounds(code_points(text))


def tokens(text: str) -> list[Token]:
    """Tokens of a display text with offsets, search form, stopword flag and stem."""
    starts, ends = (a.tolist() for a in token_spans(text))
    surfaces = list(map(text.__getitem__, map(slice, starts, ends)))
    entries = _entries(surfaces)
    return list(map(Token._make, zip(surfaces, starts, ends, map(_NORM_OF, entries),
                                     map(_KIND_OF, entries), map(_STEM_OF, entries), strict=True)))
