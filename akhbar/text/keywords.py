"""Per-article keywords in surface form, scored by TF-IDF over the batch.

A first version: candidates are word tokens of the search form minus stopwords and
numbers; clitic-prefixed spellings of one word (والحكومة، بالحكومة، الحكومة) share a key;
the keyword shown is the most frequent way the article itself writes it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources

from akhbar.text.normalize import normalize_search

_PROCLITIC_ARTICLE = ("وال", "بال", "فال", "كال", "وبال", "فبال", "ولل")


@cache
def stopwords() -> frozenset[str]:
    """Arabic stopwords in search form, with their و/ف/ب/ل-prefixed variants."""
    text = resources.files("akhbar").joinpath("resources/stopwords_ar.txt").read_text("utf-8")
    base = {normalize_search(line.strip()) for line in text.splitlines()
            if line.strip() and not line.startswith("#")}
    return frozenset(base | {p + w for w in base for p in ("و", "ف", "ب", "ل")})


def keyword_key(token_norm: str) -> str:
    """The key under which spellings of one word with a clitic prefix are counted."""
    for prefix in _PROCLITIC_ARTICLE:
        if token_norm.startswith(prefix) and len(token_norm) - len(prefix) >= 2:
            return "ال" + token_norm[len(prefix):]
    if token_norm.startswith("لل") and len(token_norm) >= 5:
        return "ال" + token_norm[2:]
    return token_norm


def candidates(tokens_norm: Sequence[str], tokens_surface: Sequence[str]
               ) -> tuple[Counter[str], dict[str, str]]:
    """Candidate keyword counts and each key's most frequent surface spelling."""
    stops = stopwords()
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    for norm, surface in zip(tokens_norm, tokens_surface, strict=True):
        if len(norm) < 3 or norm in stops or not any(ch.isalpha() for ch in norm):
            continue
        if any(ch.isdigit() for ch in norm):
            continue
        key = keyword_key(norm)
        if key in stops:
            continue
        counts[key] += 1
        surfaces.setdefault(key, Counter())[surface] += 1
    shown = {}
    for key, forms in surfaces.items():
        # Prefer the spelling without a conjunction/preposition clitic when it occurs.
        best = max(forms.items(), key=lambda kv: (keyword_key(kv[0]) == kv[0], kv[1], kv[0]))
        shown[key] = best[0]
    return counts, shown


def batch_keywords(docs: Sequence[tuple[Counter[str], dict[str, str]]], top_k: int = 10
                   ) -> list[list[tuple[str, float]]]:
    """Top-k (keyword, score) per document, TF-IDF with document frequencies of the batch."""
    n_docs = len(docs)
    df: Counter[str] = Counter()
    for counts, _ in docs:
        df.update(counts.keys())
    out = []
    for counts, shown in docs:
        total = sum(counts.values()) or 1
        scored = [
            (key, (c / total) * (math.log((n_docs + 1) / (df[key] + 1)) + 1.0))
            for key, c in counts.items()
        ]
        scored.sort(key=lambda kv: (-kv[1], kv[0]))
        out.append([(shown[k], round(s, 6)) for k, s in scored[:top_k]])
    return out
