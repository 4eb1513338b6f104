"""Per-article features: token offsets, stopword flags, light stems, phrases, word hashes."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from akhbar.text import features as F
from akhbar.text.clean import clean_text
from akhbar.text.normalize import normalize_search, tokenize, tokenize_spans
from tests.conftest import corpus_records

# Project-written sentences.
TEXT = ("قال وزير الخارجية إن الحكومة ستدرس الملف، وأضاف وزير الخارجية أن والحكومة لن تتأخر. "
        "وللحكومة موقف واضح من 25 قضية في 2024.")


def spans(starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def test_token_spans_match_camel_tokenization_with_offsets():
    samples = [TEXT, "", "   ", "«مرحبا»،\tبكم\u00a0هنا!!", "كلمة😀😀 ثم 👍🏽 و🇸🇦 نهاية", "a\u2028b\u3000c"]
    for text in samples:
        starts, ends = F.token_spans(text)
        assert [(s, e) for _, s, e in tokenize_spans(text)] == spans(starts, ends)
        assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == tokenize(text)


def test_token_spans_on_real_articles():
    for rec in corpus_records(60, step=53):
        text = clean_text(rec["text"])
        starts, ends = F.token_spans(text)
        assert [(s, e) for _, s, e in tokenize_spans(text)] == spans(starts, ends)


def test_tokens_carry_offsets_stopword_flags_and_stems():
    toks = F.tokens(TEXT)
    assert all(TEXT[t.start:t.end] == t.surface for t in toks)
    by_surface = {t.surface: t for t in toks}
    assert by_surface["قال"].is_stop and by_surface["في"].is_stop and by_surface["وأضاف"].is_stop
    assert by_surface["،"].kind == F.PUNCT and by_surface["25"].kind == F.NUMBER
    gov = [by_surface[w] for w in ("الحكومة", "والحكومة", "وللحكومة")]
    assert all(t.kind == F.CONTENT and not t.is_stop for t in gov)
    assert len({t.stem for t in gov}) == 1  # clitic spellings share one stem
    assert by_surface["الحكومة"].norm == normalize_search("الحكومة")


def test_extract_counts_stems_and_shows_readable_surfaces():
    f = F.extract(tokenize(TEXT), tokenize("الحكومة والملف"))
    counts = f.stem_counts()
    gov = F.stem_word("الحكومة")
    assert counts[gov] == 4  # title once, body three times in three spellings
    shown = dict(zip(f.stems, f.surfaces, strict=True))
    assert shown[gov] == "الحكومة"  # not والحكومة, not the stem
    assert all(not s.isdigit() for s in f.surfaces)
    assert F.stem_word("25") not in counts and "في" not in f.surfaces
    assert dict(zip(f.stems, f.in_title, strict=True))[gov]
    # n_words counts letters-only tokens of title + body (stopwords included, numbers not).
    assert f.n_words == sum(1 for t in tokenize(TEXT) + tokenize("الحكومة والملف")
                            if any(c.isalpha() for c in t) and not any(c.isdigit() for c in t))


def test_phrases_repeat_and_never_cross_stopwords_or_punctuation():
    text = ("مجلس الأمن الدولي يجتمع. مجلس الأمن الدولي يصوت. "
            "الأمن، الحكومة ثم الأمن، الحكومة. السوق في المدينة ثم السوق في المدينة.")
    f = F.extract(tokenize(text))
    phrases = dict(zip(f.phrases, f.phrase_surfaces, strict=True))
    stem = F.stem_word
    assert phrases[f"{stem('مجلس')} {stem('الأمن')}"] == "مجلس الأمن"
    assert phrases[f"{stem('مجلس')} {stem('الأمن')} {stem('الدولي')}"] == "مجلس الأمن الدولي"
    assert dict(zip(f.phrases, f.phrase_counts, strict=True))[f"{stem('الأمن')} {stem('الدولي')}"] == 2
    assert f"{stem('الأمن')} {stem('الحكومة')}" not in phrases  # a comma between them
    assert f"{stem('السوق')} {stem('المدينة')}" not in phrases  # a stopword between them
    once = F.extract(tokenize("وزير الخارجية يصل اليوم"))
    assert once.phrases == ()  # a phrase must repeat (title and body count)
    titled = F.extract(tokenize("وصل وزير الخارجية إلى الرياض"), tokenize("وزير الخارجية في الرياض"))
    in_title = dict(zip(titled.phrases, titled.phrase_in_title, strict=True))
    assert in_title[f"{stem('وزير')} {stem('الخارجية')}"]


def test_word_hashes_are_stable_across_processes_and_ignore_punctuation():
    f = F.extract(tokenize(TEXT), hashes=True)
    assert f.word_hashes is not None and f.word_hashes.dtype == np.uint64
    words = [t for t in tokenize(TEXT) if any(c.isalnum() for c in t)]
    assert f.word_hashes.size == len(words)
    code = ("from akhbar.text.features import extract; from akhbar.text.normalize import tokenize; "
            f"print(' '.join(map(str, extract(tokenize({TEXT!r}), hashes=True).word_hashes.tolist())))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "123"})
    assert other.stdout.split() == [str(h) for h in f.word_hashes.tolist()]
    repunct = F.extract(tokenize(TEXT.replace("،", " ").replace(".", "!")), hashes=True)
    assert np.array_equal(repunct.word_hashes, f.word_hashes)


@pytest.mark.parametrize("word", ["والي", "والدة", "فيسبوك"])
def test_conjunction_stripping_leaves_short_words_alone(word):
    assert F._stem_input(word) == word
