"""Story clusters across outlets and runs, and canonical keys for quotes.

Pure: no warehouse IO. Per batch (in the workers) the pipeline computes each article's
:func:`signature` from its word hashes; per run (in the driver, in input order) a
:class:`StoryIndex` loaded from the warehouse gives each new article a ``story_id`` and is
saved back. :class:`QuoteIndex` does the same for quotes; :func:`quote_key` is its
stateless core.

Signatures. Shingles are word 3-grams of the search form: punctuation and symbols are
dropped, so re-punctuated copies shingle alike. Words come as stable 64-bit hashes from
:func:`akhbar.text.features.extract` (``hashes=True``; cached per distinct token), and
shingle hashes are combined from them in numpy with fixed seeds, so signatures are
identical in every process and every run. The 128-value MinHash is a one-permutation
MinHash with densification (see :func:`minhash`); the exact key is a BLAKE2b digest of the
word sequence.

Matching. An article joins an indexed article's story when it is an exact duplicate
(same word sequence) or a near duplicate: LSH (42 bands × 3 rows) proposes candidates,
and a candidate is accepted when the estimated Jaccard similarity of the shingle sets is
≥ ``jaccard`` or, for texts of at least ``min_containment_shingles`` shingles, when the
estimated containment of the shorter text in the longer is ≥ ``containment`` (a
truncated wire copy). Among accepted candidates the most similar wins. Texts with fewer
than ``min_shingles`` shingles match exact duplicates only: a few shared words between
two briefs are not evidence of one story. A new story's id is derived from the article's
id, so re-running the same input yields the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pyarrow as pa

from akhbar.ipc import from_ipc, to_ipc
from akhbar.text.features import analyse_many, extract
from akhbar.text.normalize import normalize_search, tokenize

NUM_PERM = 128
BANDS, ROWS = 42, 3  # LSH: 42 bands of 3 values (126 of the 128)
# Rows added since the last compaction live in a dict (42 entries each); past this many
# they are folded into the sorted arrays, so a long run's memory grows by arrays only.
COMPACT_ROWS = 16384
SHINGLE = 3
INDEX_FORMAT = "akhbar.stories.index/1"
QUOTES_FORMAT = "akhbar.stories.quotes/1"

_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _rng_u64(seed: int, n: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**64, size=n, dtype=np.uint64)


_BIN_SHIFT = np.uint64(64 - 7)  # 2**7 == NUM_PERM bins
_BINS = np.arange(NUM_PERM, dtype=np.uint64)
_SLOTS = np.arange(NUM_PERM)
_GRAM_MIX = _rng_u64(0xD1E7, SHINGLE) | np.uint64(1)  # per word position in a shingle
_BAND_MIX = _rng_u64(0xE3F9, 16) | np.uint64(1)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finalizer: spreads every input bit over the output (wrapping uint64)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass(frozen=True, slots=True)
class StorySignature:
    """What the story index needs of an article: 16-byte exact key, shingle count, MinHash."""

    exact: bytes
    n_shingles: int
    minhash: np.ndarray  # uint32 (NUM_PERM,)


def shingles(word_hashes: np.ndarray) -> np.ndarray:
    """Distinct hashes (uint64) of the word 3-grams of a text, from its word hashes
    (:attr:`akhbar.text.features.Features.word_hashes`); a text shorter than three words
    gives one shingle per word."""
    n = word_hashes.size - SHINGLE + 1
    if n <= 0:
        return np.unique(_mix(word_hashes * _GRAM_MIX[0]))
    grams = word_hashes[:n] * _GRAM_MIX[0]
    for j in range(1, SHINGLE):
        grams = grams + word_hashes[j:j + n] * _GRAM_MIX[j]
    return np.unique(_mix(grams))


def minhash(shingle_hashes: np.ndarray) -> np.ndarray:
    """A 128-value MinHash (uint32) by one-permutation hashing with rotation densification
    (Shrivastava & Li, 2014): the top 7 bits of a shingle hash choose its bin, each bin
    keeps its smallest value, and an empty bin borrows the nearest filled bin to its right
    (circularly) plus a constant per step. One sort instead of 128 hash passes, with the
    same accuracy for Jaccard estimates (an unbiased estimator). ``shingle_hashes`` must be
    sorted and distinct, as :func:`shingles` returns them; an empty set gives all ones."""
    sh = shingle_hashes
    if sh.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    bins = sh >> _BIN_SHIFT  # sorted, because ``sh`` is
    pos = np.minimum(np.searchsorted(bins, _BINS), sh.size - 1)
    filled = bins[pos] == _BINS
    values = (sh[pos] >> np.uint64(25)) & np.uint64(0xFFFFFFFF)
    if not filled.all():
        full = np.flatnonzero(filled)
        source = full[np.searchsorted(full, _SLOTS) % full.size]
        steps = ((source - _SLOTS) % NUM_PERM).astype(np.uint64)
        values = (values[source] + steps * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
    return values.astype(np.uint32)


def signature(word_hashes: np.ndarray) -> StorySignature:
    """The story signature of an article from the word hashes of its body
    (``features.extract(tokens, title, hashes=True).word_hashes``)."""
    sh = shingles(word_hashes)
    exact = hashlib.blake2b(word_hashes.astype("<u8").tobytes(), digest_size=16).digest()
    return StorySignature(exact=exact, n_shingles=int(sh.size), minhash=minhash(sh))


def word_hashes_of_text(text: str) -> np.ndarray:
    """The word hashes of a display text (tokenizes it first)."""
    hashes = extract(tokenize(text), hashes=True).word_hashes
    assert hashes is not None
    return hashes


def signature_of_text(text: str) -> StorySignature:
    """Convenience: the signature of a display text (tokenizes it first)."""
    return signature(word_hashes_of_text(text))


def _band_keys(sigs: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """One 64-bit key per LSH band (n × bands); the band number is mixed in, so one sorted
    array holds every band."""
    cut = sigs[:, :bands * rows].reshape(len(sigs), bands, rows).astype(np.uint64)
    acc = (cut * _BAND_MIX[None, None, :rows]).sum(axis=2, dtype=np.uint64)
    return _mix(acc + np.arange(bands, dtype=np.uint64)[None, :] * np.uint64(0x9E3779B97F4A7C15))


def story_id_for(article_id: str) -> str:
    """The id of a story first seen with ``article_id``."""
    return "s" + hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Match:
    story_id: str
    article_id: str | None  # the indexed article matched (None: a new story)
    kind: str  # "new", "exact", "near", "contained", "same_article"
    similarity: float  # estimated Jaccard (1.0 for exact)


@dataclass(slots=True)
class StoryIndex:
    """Incremental, persistable near-duplicate index (see module docstring)."""

    jaccard: float = 0.4
    containment: float = 0.7
    min_shingles: int = 8
    min_containment_shingles: int = 40
    bands: int = BANDS
    rows: int = ROWS
    article_ids: list[str] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)
    exact_keys: list[bytes] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    days: list[int] = field(default_factory=list)  # days since 1970-01-01, -1 unknown
    _sigs: list[np.ndarray] = field(default_factory=list, repr=False)
    _sig_matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, NUM_PERM), np.uint32), repr=False)
    _by_article: dict[str, int] = field(default_factory=dict, repr=False)
    _by_exact: dict[bytes, int] = field(default_factory=dict, repr=False)
    _sorted_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64), repr=False)
    _sorted_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    _recent: dict[int, int | list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.bands * self.rows > NUM_PERM or not 1 <= self.rows <= len(_BAND_MIX):
            raise ValueError(f"bands × rows must fit in {NUM_PERM} values (rows ≤ {len(_BAND_MIX)})")

    def __len__(self) -> int:
        return len(self.article_ids)

    # --- matching -----------------------------------------------------------------------

    def _signature_row(self, row: int) -> np.ndarray:
        base = len(self._sig_matrix)
        return self._sig_matrix[row] if row < base else self._sigs[row - base]

    def _candidates(self, keys: np.ndarray) -> set[int]:
        found: set[int] = set()
        sorted_keys = self._sorted_keys
        if sorted_keys.size:
            # One binary search per key; the (rare) hits then find where their bucket ends.
            lo = np.searchsorted(sorted_keys, keys, side="left")
            hit = sorted_keys[np.minimum(lo, sorted_keys.size - 1)] == keys
            if hit.any():
                lo = lo[hit]
                hi = np.searchsorted(sorted_keys, keys[hit], side="right")
                for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                    found.update(self._sorted_rows[a:b].tolist())
        recent = self._recent
        for k in keys.tolist():
            rows = recent.get(k)
            if rows is None:
                continue
            if isinstance(rows, int):
                found.add(rows)
            else:
                found.update(rows)
        return found

    def match(self, sig: StorySignature, keys: np.ndarray | None = None) -> Match | None:
        """The best indexed article ``sig`` duplicates, or None (read-only)."""
        row = self._by_exact.get(sig.exact)
        if row is not None and sig.n_shingles > 0:
            return Match(self.story_ids[row], self.article_ids[row], "exact", 1.0)
        if sig.n_shingles < self.min_shingles:
            return None
        if keys is None:
            keys = _band_keys(sig.minhash[None, :], self.bands, self.rows)[0]
        cands = [r for r in self._candidates(keys) if self.sizes[r] >= self.min_shingles]
        if not cands:
            return None
        cands.sort()  # deterministic tie-break: the earliest indexed article
        sigs = np.stack([self._signature_row(r) for r in cands])
        jac = (sigs == sig.minhash[None, :]).mean(axis=1)
        sizes = np.array([self.sizes[r] for r in cands], dtype=np.float64)
        inter = jac / (1.0 + jac) * (sizes + sig.n_shingles)
        smaller = np.minimum(sizes, sig.n_shingles)
        contain = inter / np.maximum(smaller, 1.0)
        near = jac >= self.jaccard
        contained = (contain >= self.containment) & (smaller >= self.min_containment_shingles)
        ok = near | contained
        if not ok.any():
            return None
        best = int(np.argmax(np.where(ok, jac, -1.0)))
        r = cands[best]
        return Match(self.story_ids[r], self.article_ids[r], "near" if near[best] else "contained",
                     round(float(jac[best]), 4))

    def assign(self, article_id: str, sig: StorySignature, day: int = -1) -> Match:
        """The story of a new article; the article is added to the index.

        An article id seen before keeps its story (a re-run or a corrected article)."""
        row = self._by_article.get(article_id)
        if row is not None:
            return Match(self.story_ids[row], article_id, "same_article", 1.0)
        keys = _band_keys(sig.minhash[None, :], self.bands, self.rows)[0]
        found = self.match(sig, keys)
        match = found or Match(story_id_for(article_id), None, "new", 0.0)
        self._add(article_id, match.story_id, sig, day, keys)
        return match

    def assign_many(self, items: Iterable[tuple[str, StorySignature]]) -> list[Match]:
        """:meth:`assign` in order (the order decides which copy founds a story)."""
        return [self.assign(aid, sig) for aid, sig in items]

    def _add(self, article_id: str, story_id: str, sig: StorySignature, day: int,
             keys: np.ndarray) -> None:
        row = len(self.article_ids)
        self.article_ids.append(article_id)
        self.story_ids.append(story_id)
        self.exact_keys.append(sig.exact)
        self.sizes.append(sig.n_shingles)
        self.days.append(day)
        self._sigs.append(sig.minhash.astype(np.uint32))
        self._by_article[article_id] = row
        if sig.n_shingles > 0:
            self._by_exact.setdefault(sig.exact, row)
        if sig.n_shingles >= self.min_shingles:
            # A bucket holds a bare row number until a second row arrives: most buckets
            # stay single, and ints are not tracked by the garbage collector.
            recent = self._recent
            for k in keys.tolist():
                old = recent.get(k)
                if old is None:
                    recent[k] = row
                elif isinstance(old, int):
                    recent[k] = [old, row]
                else:
                    old.append(row)
        if len(self._sigs) >= COMPACT_ROWS:
            self._compact()

    # --- persistence --------------------------------------------------------------------

    def _compact(self) -> None:
        """Fold rows added since the last load/compaction into the sorted LSH arrays
        (the new keys sorted and inserted: linear, not a re-sort of everything)."""
        if not self._sigs:
            return
        first = len(self._sig_matrix)
        self._sig_matrix = np.vstack([self._sig_matrix, np.stack(self._sigs)])
        self._sigs = []
        sizes = np.asarray(self.sizes[first:], dtype=np.int64)
        rows = first + np.flatnonzero(sizes >= self.min_shingles)
        if rows.size:
            keys = _band_keys(self._sig_matrix[rows], self.bands, self.rows).ravel()
            order = np.argsort(keys, kind="stable")
            keys, owners = keys[order], np.repeat(rows, self.bands)[order]
            # After the equal keys already there: each bucket stays in row order.
            at = np.searchsorted(self._sorted_keys, keys, side="right")
            self._sorted_keys = np.insert(self._sorted_keys, at, keys)
            self._sorted_rows = np.insert(self._sorted_rows, at, owners)
        self._recent = {}

    def _rebuild_lsh(self) -> None:
        sizes = np.asarray(self.sizes, dtype=np.int64)
        rows = np.flatnonzero(sizes >= self.min_shingles)
        keys = (_band_keys(self._sig_matrix[rows], self.bands, self.rows).ravel() if rows.size
                else np.zeros(0, np.uint64))
        owners = np.repeat(rows, self.bands)
        order = np.argsort(keys, kind="stable")
        self._sorted_keys = keys[order]
        self._sorted_rows = owners[order]
        self._recent = {}

    def prune(self, before_day: int) -> int:
        """Forget articles dated before ``before_day`` (days since 1970-01-01; undated ones
        stay). Their story ids remain valid in the warehouse; they just stop attracting
        new copies. Returns how many were dropped."""
        self._compact()
        keep = [i for i, d in enumerate(self.days) if d < 0 or d >= before_day]
        dropped = len(self.days) - len(keep)
        if dropped:
            state = self._rows(keep)
            self._load_rows(*state)
        return dropped

    def _rows(self, keep: Sequence[int]) -> tuple[list[str], list[str], list[bytes], list[int], list[int],
                                                  np.ndarray]:
        return ([self.article_ids[i] for i in keep], [self.story_ids[i] for i in keep],
                [self.exact_keys[i] for i in keep], [self.sizes[i] for i in keep],
                [self.days[i] for i in keep], self._sig_matrix[list(keep)])

    def _load_rows(self, article_ids: list[str], story_ids: list[str], exact: list[bytes],
                   sizes: list[int], days: list[int], sigs: np.ndarray) -> None:
        self.article_ids, self.story_ids, self.exact_keys = article_ids, story_ids, exact
        self.sizes, self.days = sizes, days
        self._sig_matrix = sigs.astype(np.uint32).reshape(-1, NUM_PERM)
        self._sigs = []
        self._by_article = {a: i for i, a in enumerate(article_ids)}
        self._by_exact = {}
        for i, (k, n) in enumerate(zip(exact, sizes, strict=True)):
            if n > 0:
                self._by_exact.setdefault(k, i)
        self._rebuild_lsh()

    def to_bytes(self) -> bytes:
        """Arrow IPC stream, one row per indexed article: article_id, story_id, exact
        (16 bytes), n_shingles, day, minhash (512 bytes); thresholds in the metadata."""
        self._compact()
        n = len(self.article_ids)
        table = pa.table({
            "article_id": pa.array(self.article_ids, pa.string()),
            "story_id": pa.array(self.story_ids, pa.string()),
            "exact": pa.array(self.exact_keys, pa.binary(16)),
            "n_shingles": pa.array(self.sizes, pa.int32()),
            "day": pa.array(self.days, pa.int32()),
            "minhash": pa.FixedSizeBinaryArray.from_buffers(
                pa.binary(NUM_PERM * 4), n, [None, pa.py_buffer(self._sig_matrix.astype("<u4").tobytes())]),
        })
        return to_ipc(table, INDEX_FORMAT, jaccard=self.jaccard, containment=self.containment,
                      min_shingles=self.min_shingles,
                      min_containment_shingles=self.min_containment_shingles,
                      bands=self.bands, rows=self.rows)

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndex:
        table, meta = from_ipc(data, INDEX_FORMAT, "an akhbar story index")
        index = cls(jaccard=float(meta["jaccard"]), containment=float(meta["containment"]),
                    min_shingles=int(meta["min_shingles"]),
                    min_containment_shingles=int(meta["min_containment_shingles"]),
                    bands=int(meta["bands"]), rows=int(meta["rows"]))
        mh = table.column("minhash").combine_chunks()
        start, stop = mh.offset * NUM_PERM, (mh.offset + len(mh)) * NUM_PERM
        raw = np.frombuffer(mh.buffers()[1], dtype="<u4")[start:stop]
        index._load_rows(table.column("article_id").to_pylist(), table.column("story_id").to_pylist(),
                         table.column("exact").to_pylist(), table.column("n_shingles").to_pylist(),
                         table.column("day").to_pylist(), raw.reshape(-1, NUM_PERM))
        return index


# --- quotes ---------------------------------------------------------------------------

QUOTE_PREFIX_WORDS = 8  # content words of a quote that make its key
_SHORT_QUOTE = 3  # quotes with fewer content words key on all their words


@lru_cache(maxsize=65536)
def speaker_key(speaker: str | None) -> str:
    """A coarse key for a speaker: the stem of the last content word of the name
    (الرئيس الأمريكي دونالد ترامب, دونالد ترامب and ترامب all give ترامب). Cached: an
    article names few speakers, many times."""
    if not speaker:
        return ""
    words = [stem for _, kind, stem in analyse_many(tokenize(speaker)) if kind == 0]
    if not words:
        return normalize_search(speaker).strip()
    return words[-1]


def quote_words(quote: str) -> list[str]:
    """The content words of a quote as stems (punctuation, quote marks, diacritics,
    spelling variants, clitics and stopwords do not matter). Numbers are kept."""
    out = []
    for norm, kind, stem in analyse_many(tokenize(quote)):
        if kind == 0:
            # A one-letter proclitic the stemmer keeps (لشباب / شباب) is dropped: the key is
            # never shown, so a consistent cut is enough.
            out.append(stem[1:] if len(stem) >= 4 and stem[0] in "وفبلك" else stem)
        elif kind == 2:
            out.append(norm)
    return out


def quote_fingerprint(speaker: str | None, quote: str) -> tuple[str, str, frozenset[int]]:
    """(speaker key, :func:`quote_key`, content-word 2-gram hashes) of a quote: everything
    :meth:`QuoteIndex.resolve_fingerprint` needs, computed once per quote where the quote
    is extracted (a worker), not in the driver."""
    words = quote_words(quote)
    spk = speaker_key(speaker)
    return spk, _key_of(spk, quote, words), frozenset(_quote_shingles(words))


def quote_key(speaker: str | None, quote: str) -> str:
    """Canonical key of a quote by a speaker, the same across outlets when they report it
    with different punctuation, quote marks, diacritics, spelling, clitics or function
    words, and when one of them truncates it after its first eight content words.

    Keyed on the speaker key and the first ``QUOTE_PREFIX_WORDS`` content stems; a quote
    with fewer than three content words keys on all its search-form words, so that short
    generic quotes do not collide. For quotes reported in part (starting mid-sentence) or
    edited near the start, use :class:`QuoteIndex`."""
    return _key_of(speaker_key(speaker), quote, quote_words(quote))


def _key_of(spk: str, quote: str, words: list[str]) -> str:
    if len(words) < _SHORT_QUOTE:
        words = [w for w in tokenize(normalize_search(quote)) if any(ch.isalnum() for ch in w)]
    body = " ".join(words[:QUOTE_PREFIX_WORDS])
    digest = hashlib.blake2b(f"{spk}\x1f{body}".encode(), digest_size=8).hexdigest()
    return "q" + digest


def _quote_shingles(words: Sequence[str]) -> set[int]:
    """Stable hashes of the word 2-grams of a quote's content words (single words when
    the quote has one)."""
    grams = [" ".join(words[i:i + 2]) for i in range(max(1, len(words) - 1))]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") >> 1
            for g in grams if g}


@dataclass(slots=True)
class QuoteIndex:
    """Canonical quote keys across outlets and runs, tolerant of partial quotes.

    A quote gets an indexed quote's key when both have the same :func:`speaker_key` and
    the shorter one's content-word 2-grams lie, to at least ``containment``, inside the
    longer one (at least ``min_shared`` 2-grams shared): "سنرد بقوة" reported by one outlet
    and "إننا سنرد بقوة على أي اعتداء" by another are one quote. Otherwise its key is
    :func:`quote_key`. Persisted as Arrow IPC: speaker_key, quote_key, shingles.
    """

    containment: float = 0.8
    min_shared: int = 3
    speakers: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    shingle_sets: list[frozenset[int]] = field(default_factory=list)
    # speaker key → 2-gram hash → row (or rows) of the quotes holding it
    _inverted: dict[str, dict[int, int | list[int]]] = field(default_factory=dict, repr=False)
    _by_key: dict[str, int] = field(default_factory=dict, repr=False)

    def resolve(self, speaker: str | None, quote: str) -> str:
        """The canonical key of a quote; a new quote is added to the index."""
        return self.resolve_fingerprint(*quote_fingerprint(speaker, quote))

    def resolve_fingerprint(self, spk: str, key: str, sh: frozenset[int]) -> str:
        """:meth:`resolve` from a precomputed :func:`quote_fingerprint`."""
        if key in self._by_key:
            return key
        votes: dict[int, int] = {}
        postings = self._inverted.get(spk)
        if postings:
            for s in sh:
                rows = postings.get(s)
                if rows is None:
                    continue
                if type(rows) is int:
                    votes[rows] = votes.get(rows, 0) + 1
                else:
                    for row in rows:
                        votes[row] = votes.get(row, 0) + 1
        best: tuple[float, int] | None = None
        for row, shared in sorted(votes.items()):
            smaller = min(len(sh), len(self.shingle_sets[row]))
            if shared >= min(self.min_shared, smaller) and shared / smaller >= self.containment:
                score = shared / max(len(sh), len(self.shingle_sets[row]))
                if best is None or score > best[0]:
                    best = (score, row)
        if best is not None:
            return self.keys[best[1]]
        self._add(spk, key, sh)
        return key

    def _add(self, spk: str, key: str, sh: frozenset[int]) -> None:
        row = len(self.keys)
        self.speakers.append(spk)
        self.keys.append(key)
        self.shingle_sets.append(sh)
        self._by_key[key] = row
        postings = self._inverted.get(spk)
        if postings is None:
            postings = self._inverted[spk] = {}
        for s in sh:
            rows = postings.get(s)
            if rows is None:
                postings[s] = row  # most 2-grams occur in one quote: a row, not a list
            elif type(rows) is int:
                postings[s] = [rows, row]
            else:
                rows.append(row)

    def to_bytes(self) -> bytes:
        table = pa.table({
            "speaker_key": pa.array(self.speakers, pa.string()),
            "quote_key": pa.array(self.keys, pa.string()),
            "shingles": pa.array([sorted(s) for s in self.shingle_sets], pa.list_(pa.int64())),
        })
        return to_ipc(table, QUOTES_FORMAT, containment=self.containment, min_shared=self.min_shared)

    @classmethod
    def from_bytes(cls, data: bytes) -> QuoteIndex:
        table, meta = from_ipc(data, QUOTES_FORMAT, "an akhbar quote index")
        index = cls(containment=float(meta["containment"]), min_shared=int(meta["min_shared"]))
        columns = (table.column(c).to_pylist() for c in ("speaker_key", "quote_key", "shingles"))
        for spk, key, sh in zip(*columns, strict=True):
            index._add(spk, key, frozenset(sh))
        return index
