"""Quote extraction on real and tricky sentences."""

from conftest import SEED

from akhbar.formats import parse
from akhbar.text.clean import clean_text
from akhbar.text.quotes import extract_quotes, marked_spans


def seed_text() -> str:
    return clean_text(parse("seed-txt", SEED.read_bytes(), {}).text)


def test_seed_quotes_have_speakers_including_putin_and_the_kremlin():
    text = seed_text()
    quotes = extract_quotes(text)
    assert len(quotes) >= 5
    speakers = {q.speaker for q in quotes}
    assert "بوتين" in speakers and "الكرملين" in speakers
    for q in quotes:
        assert text[q.start:q.end] == q.quote


def test_kremlin_statement_chunks_are_two_quotes_by_the_kremlin():
    text = seed_text()
    chunks = [q for q in extract_quotes(text) if q.quote.startswith(("وفقا لاتفاق مسبق", "تم خلالها"))]
    assert len(chunks) == 2
    assert {q.speaker for q in chunks} == {"الكرملين"}


def test_nested_marks_pair_and_daesh_is_not_a_quote():
    text = 'فيما اتفقا على "دراسة سبل للتعاون في محاربة "داعش" والقاعدة والتنظيمات الأخرى".'
    spans = marked_spans(text)
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]].endswith("الأخرى")
    text2 = 'وتواصل القوات عملياتها ضد تنظيم "داعش" في المنطقة.'
    assert extract_quotes(text2) == []


def test_partial_quote_and_quote_first_attribution():
    text = ('وعبر المدرب يوسف الحلبي عن سعادته، واصفا أداء اللاعبين بأنه "بطولي" رغم الإرهاق.\n'
            '«السلامة أولا، ولن نتردد في تعليق الدوام»، قالت وزيرة التربية، هدى السالم، في تصريح.')
    quotes = extract_quotes(text)
    by_text = {q.quote: q for q in quotes}
    assert "بطولي" in by_text
    assert by_text["السلامة أولا، ولن نتردد في تعليق الدوام"].speaker == "هدى السالم"


def test_pronoun_subject_continues_the_previous_speaker():
    text = ('وقال مدير الدائرة، خالد العمري، في مؤتمر صحفي: «نتوقع أمطارا غزيرة».\n'
            'وأضاف: «على المواطنين تجنب الأودية».\nوأكد العمري أن الفرق جاهزة للتدخل.')
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["خالد العمري"] * 3
    assert quotes[-1].kind == "indirect"
