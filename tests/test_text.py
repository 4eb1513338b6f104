"""Cleaning, search normalization and tokenization (camel-tools equivalence)."""

import json

import pytest
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)
from conftest import CORPUS_FILES, shared_path

from akhbar.text import normalize as N
from akhbar.text.clean import clean_line, clean_text, is_boilerplate_line
from akhbar.text.normalize import (
    normalize_search,
    script_profile,
    search_form_and_tokens,
    tokenize,
    tokenize_spans,
)


def camel_search_form(text: str) -> str:
    """camel-tools' functions one by one, plus the extras akhbar's search form adds."""
    out = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(
        dediac_ar(normalize_unicode(text))))).replace("\u0640", "")
    return out.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")).casefold()


def corpus_texts(per_file: int = 400):
    for name in CORPUS_FILES:
        with open(shared_path("corpus", name, "articles.jsonl"), encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= per_file:
                    break
                yield json.loads(line)["text"]


def test_clean_removes_marks_html_and_boilerplate_but_keeps_the_script():
    raw = ("\u200f<p>قالَ الوزيرُ&nbsp;إنّ «الاقتصاد\u200b ينمو»</p>\u202b\r\n\r\n\r\n"
           "اقرأ أيضا: خبر آخر\nشارك هذا الخبر\nفيسبوك | تويتر | واتساب\n  الفقرة   الثانية\t")
    out = clean_text(raw)
    assert out == "قالَ الوزيرُ إنّ «الاقتصاد ينمو»\n\nالفقرة الثانية"
    assert "\u200f" not in out and "<p>" not in out and "&nbsp;" not in out
    assert clean_line("  عنوان\n\u200eالخبر ") == "عنوان الخبر"
    assert clean_line("\u200b \u200f") is None


def test_presentation_forms_fold_to_letters():
    assert clean_text("ﻻ ﺑﺄﺱ") == "لا بأس"


def test_boilerplate_lines_only_when_short():
    assert is_boilerplate_line("اقرأ أيضاً: الحكومة تعلن")
    assert not is_boilerplate_line("اقرأ أيضا " + "كلام " * 60)
    assert not is_boilerplate_line("قال الوزير إن الحكومة ستشارك في القمة")


def test_wire_markers_related_links_and_contact_lines_are_boilerplate():
    raw = ("قال الوزير إن الحكومة ستشارك في القمة.\r\n"
           "للمزيد: وزير الخارجية يصل إلى الرياض\n"
           "رابط الخبر بصحيفة الوئام: وزير الخارجية يصل إلى الرياض\n"
           "...المزيد\n* * *\n----------\n"
           "وأضاف أن الاجتماع سيعقد الأسبوع المقبل.\n"
           "// انتهى //\n14:23 ت م\n"
           "** جميع المقالات المنشورة تمثل رأي كتابها فقط.\n"
           "للتواصل مع الكاتب ارسل رسالة SMS\n88591 - Stc\n"
           "writer@example.com\nتويتر: @writer")
    assert clean_text(raw) == ("قال الوزير إن الحكومة ستشارك في القمة.\n"
                               "وأضاف أن الاجتماع سيعقد الأسبوع المقبل.")


@pytest.mark.parametrize("line", [
    "للمزيد من المعلومات عن البرنامج يمكن زيارة موقع الوزارة والتسجيل فيه قبل نهاية الشهر",
    "وقال 14 مسؤولا إن الاجتماع ناجح",
    "- الفقرة الأولى من القرار",
    "2.5 مليون دينار",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)
    assert clean_text(line) == line


def test_cleaning_without_special_characters_only_touches_blanks():
    assert clean_text("  سطر   أول\t\tثم\n\n\n\n سطر ثان  ") == "سطر أول ثم\n\nسطر ثان"
    assert clean_text("قال\xa0الوزير\r\nنعم") == "قال الوزير\nنعم"


def test_search_form():
    assert normalize_search("الإمارات والمُعدَّة أُسرة مستشفى ٢٠٢٤ ــ كتـــاب ABC") == \
        "الامارات والمعده اسره مستشفي 2024  كتاب abc"


def test_search_form_matches_camel_tools_on_real_text():
    texts = list(corpus_texts())
    assert len(texts) >= 1000
    mismatches = [t for t in texts if normalize_search(t) != camel_search_form(t)]
    assert not mismatches


def test_tokens_match_camel_simple_word_tokenize_on_real_text():
    texts = list(corpus_texts())
    texts += ["👍🏽 رائع 🇸🇦 جدا 1️⃣ ثم #️⃣ و 👨‍👩‍👧 عائلة ❤️ حب 56", "a—b «قال» x...y 5,88 2.5٪ ©️ ™"]
    for text in texts:
        assert tokenize(text) == simple_word_tokenize(text)


def test_token_offsets_point_into_the_text():
    text = "قال «الوزير»: 5,88 و2.5٪ 👨‍👩‍👧 نعم."
    spans = list(tokenize_spans(text))
    assert [t for t, _, _ in spans] == simple_word_tokenize(text)
    assert all(text[s:e] == t for t, s, e in spans)


def test_script_profile():
    assert script_profile("قال الوزير إن الحكومة")[0] == 1.0
    assert script_profile("The minister said")[0] == 0.0
    ratio, persian = script_profile("این یک خبر فارسی است که در ایران منتشر شد")
    assert ratio > 0.9 and persian > 0.05


# Texts that stress the vectorized path: NFKC ligatures that expand to several words
# (ﷺ), presentation forms, Latin that case-folds to more letters (ß, İ), a lone
# surrogate, diacritic-only tokens, Arabic-Indic digits and separators, every blank
# str.split knows, and astral letters (the script tables cover the BMP only).
TRICKY = ["قال النبي ﷺ «إنما الأعمال» ﻻ بأس ــ ٢٠٢٤٫٥ و١٬٢٠٠ STRASSE Straße İstanbul ΣΟΦΙΑ",
          "كلمة \ud800 ثم ً ٌ ـ وحدها\x1c\x1d\x85\u2028\u3000نهاية", "𝐀𝐁𝐂 نص عربي 𐌰𐌱 and more",
          "نص بلا رموز " * 30, ""]


def _long(text: str) -> str:
    return (text + " ") * (N._LONG // max(1, len(text)) + 1) if text else text


def _short_paths(text: str) -> tuple[str, list[str], list[str], tuple[float, float]]:
    """The reference: translate-based normalization and tokenization, regex script profile."""
    norm = normalize_search(text)  # always the translate path
    letters = sum(map(len, N._LETTER_RUN_RE.findall(text)))
    arabic = sum(map(len, N._ARABIC_RUN_RE.findall(text)))
    other = len(N._NON_ARABIC_LETTER_RE.findall(text))
    profile = (arabic / letters, other / arabic if arabic else 0.0) if letters else (0.0, 0.0)
    return norm, text.translate(N._PAD_SYMBOLS).split(), norm.translate(N._PAD_SYMBOLS).split(), profile


@pytest.mark.parametrize("text", [*TRICKY, *map(_long, TRICKY)])
def test_vectorized_paths_equal_the_translate_paths(text):
    norm, surface, norm_tokens, profile = _short_paths(text)
    assert search_form_and_tokens(text) == (norm, norm_tokens)
    assert tokenize(text) == surface
    assert script_profile(text) == profile


def test_vectorized_paths_on_real_articles():
    texts = [t for t in corpus_texts(150) if len(t) >= N._LONG]
    assert len(texts) >= 300
    for text in texts:
        norm, surface, norm_tokens, profile = _short_paths(text)
        assert search_form_and_tokens(text) == (norm, norm_tokens)
        assert tokenize(text) == surface
        assert script_profile(text) == profile
