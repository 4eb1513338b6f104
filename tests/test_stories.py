"""Story clusters across outlets and runs; canonical quote keys."""

from __future__ import annotations

import itertools
import json
import random
import re

import numpy as np

from akhbar.stories import (
    QuoteIndex,
    StoryIndex,
    quote_key,
    signature_of_text,
    speaker_key,
    story_id_for,
)
from akhbar.text.clean import clean_text
from tests.conftest import shared_path

# A project-written wire story and an unrelated one.
WIRE = """أعلنت وزارة النقل اليوم الأحد عن إطلاق مشروع جديد لتوسعة شبكة القطارات بين المدن الرئيسية.
وقال وزير النقل في مؤتمر صحفي إن المشروع سيستغرق ثلاث سنوات وسيوفر آلاف فرص العمل للشباب.
وأضاف الوزير أن الحكومة خصصت ميزانية كبيرة للمشروع تشمل شراء قطارات حديثة وبناء محطات جديدة.
وأوضح أن الخط الأول سيربط العاصمة بالمدن الساحلية خلال أقل من ساعتين بدلا من خمس ساعات حاليا.
ومن المتوقع أن تبدأ أعمال البناء في الربع الأول من العام المقبل بعد استكمال الدراسات الفنية.
وأشار مسؤولون في الوزارة إلى أن المشروع يأتي ضمن خطة شاملة لتحديث البنية التحتية في البلاد.
وأكد الوزير أن الأسعار ستكون مناسبة لجميع المواطنين وأن القطارات ستعمل على مدار الساعة."""

OTHER = """شهدت العاصمة أمس افتتاح معرض الكتاب السنوي بمشاركة مئات دور النشر من مختلف الدول العربية.
ويستمر المعرض عشرة أيام ويتضمن ندوات فكرية وأمسيات شعرية وورشا للأطفال في القاعات المخصصة.
وقالت إدارة المعرض إن عدد الزوار المتوقع يتجاوز نصف مليون زائر هذا العام مقارنة بالعام الماضي.
وتحل دولة ضيفة على المعرض هذا العام بجناح خاص يعرض أبرز إصداراتها الحديثة في الأدب والتاريخ.
وأعلن المنظمون عن جوائز للكتاب الشباب في مجالات الرواية والقصة القصيرة والشعر والترجمة."""


def edited_copy(text: str) -> str:
    """The wire story as another outlet runs it: new byline, a sentence dropped, two
    sentences swapped, a few words changed, different punctuation, a source line."""
    lines = text.split("\n")
    del lines[4]
    lines[1], lines[2] = lines[2], lines[1]
    body = "\n".join(lines).replace("اليوم الأحد", "الأحد").replace("آلاف", "الآلاف من")
    body = body.replace("كبيرة", "ضخمة").replace(".", "،", 1)
    return "الرياض - وكالات\n" + body + "\nالمصدر: وكالات"


def test_edited_wire_copy_from_another_outlet_joins_the_story():
    index = StoryIndex()
    first = index.assign("outlet-a/1", signature_of_text(WIRE))
    assert first.kind == "new" and first.story_id == story_id_for("outlet-a/1")
    copy = index.assign("outlet-b/9", signature_of_text(edited_copy(WIRE)))
    assert copy.story_id == first.story_id and copy.kind == "near" and copy.article_id == "outlet-a/1"
    other = index.assign("outlet-b/10", signature_of_text(OTHER))
    assert other.kind == "new" and other.story_id != first.story_id


def test_exact_copy_links_even_with_other_punctuation_and_the_same_article_keeps_its_story():
    index = StoryIndex()
    a = index.assign("a", signature_of_text(WIRE))
    b = index.assign("b", signature_of_text(WIRE.replace("،", ",").replace(".", "!")))
    assert (b.kind, b.story_id) == ("exact", a.story_id)
    again = index.assign("a", signature_of_text(OTHER))  # a re-run of article "a"
    assert (again.kind, again.story_id) == ("same_article", a.story_id)


def test_short_texts_link_only_when_identical():
    index = StoryIndex()
    s1 = index.assign("s1", signature_of_text("وصل الوزير إلى الرياض"))
    s2 = index.assign("s2", signature_of_text("وصل الوزير إلى جدة"))
    s3 = index.assign("s3", signature_of_text("وصل الوزير إلى الرياض."))
    assert s2.story_id != s1.story_id and s3.story_id == s1.story_id


def test_the_index_persists_across_runs_and_prunes_old_articles():
    run1 = StoryIndex()
    first = run1.assign("a", signature_of_text(WIRE), day=100)
    run1.assign("c", signature_of_text(OTHER), day=90)
    data = run1.to_bytes()
    run2 = StoryIndex.from_bytes(data)
    assert len(run2) == 2 and run2.to_bytes() == data
    assert run2.assign("b", signature_of_text(edited_copy(WIRE)), day=101).story_id == first.story_id
    assert run2.prune(before_day=95) == 1  # "c" is older than the window
    assert run2.assign("d", signature_of_text(OTHER)).kind == "new"
    run3 = StoryIndex.from_bytes(run2.to_bytes())
    assert run3.match(signature_of_text(edited_copy(WIRE))).story_id == first.story_id


def test_real_articles_link_to_their_lightly_edited_copies_only():
    path = shared_path("corpus", "ant_multisource", "articles.jsonl")
    with open(path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in itertools.islice(fh, 0, 2000, 10)]
    rng = random.Random(3)
    split = re.compile(r"(?<=[.!?؟])\s+")
    long_ones = [r for r in records if len(split.split(clean_text(r["text"]))) >= 5][:20]
    index = StoryIndex()
    ids = {r["id"]: index.assign(r["id"], signature_of_text(clean_text(r["text"]))).story_id for r in records}
    for r in long_ones:
        sentences = split.split(clean_text(r["text"]))
        sentences.pop(rng.randrange(1, len(sentences)))
        copy = "دبي - وكالات\n" + " ".join(sentences).replace("،", ",")
        assert index.assign(r["id"] + "@copy", signature_of_text(copy)).story_id == ids[r["id"]]
    # Unrelated corpus articles do not collapse into a few stories.
    assert len(long_ones) == 20
    assert len(set(ids.values())) > 0.95 * len(ids)


# --- quotes ---------------------------------------------------------------------------

QUOTE = "إن المشروع سيوفر آلاف فرص العمل للشباب خلال السنوات الثلاث المقبلة في كل المدن"


def test_quote_key_is_the_same_across_outlets():
    key = quote_key("وزير النقل أحمد الخالدي", QUOTE)
    variants = [
        ("الخالدي", f"«{QUOTE}»"),  # short speaker name, other quote marks
        ("الوزير أحمد الخالدي",  # diacritics
         "إنّ المشروعَ سيوفّر آلافَ فرصِ العملِ للشبابِ خلال السنواتِ الثلاثِ المقبلة في كل المدن"),
        ("وزير النقل أحمد الخالدي", QUOTE.replace("للشباب", "لشباب").replace("إن ", "")),
        ("وزير النقل أحمد الخالدي", QUOTE.rsplit(" في ", 1)[0] + "..."),  # truncated at the end
    ]
    assert all(quote_key(speaker, quote) == key for speaker, quote in variants)
    assert quote_key("وزير المالية سامي العلي", QUOTE) != key  # another speaker
    assert quote_key("الخالدي", "لن نرفع أسعار التذاكر هذا العام على المواطنين") != key
    assert speaker_key("الرئيس الأمريكي دونالد ترامب") == speaker_key("ترامب")


def test_short_quotes_keep_their_function_words():
    assert quote_key("الوزير", "لا") != quote_key("الوزير", "نعم")
    assert quote_key("الوزير", "لن نتراجع") != quote_key("الوزير", "لن نتوقف")


def test_quote_index_links_partial_quotes_and_persists():
    index = QuoteIndex()
    full = index.resolve("أحمد الخالدي", QUOTE)
    partial = index.resolve("الخالدي", "فرص العمل للشباب خلال السنوات الثلاث المقبلة")  # starts mid-quote
    assert partial == full
    other = index.resolve("الخالدي", "الحكومة لن ترفع أسعار التذاكر هذا العام على المواطنين أبدا")
    assert other != full
    same_words_other_speaker = index.resolve("سامي العلي", "فرص العمل للشباب خلال السنوات الثلاث المقبلة")
    assert same_words_other_speaker != full
    loaded = QuoteIndex.from_bytes(index.to_bytes())
    assert loaded.resolve("الخالدي", "آلاف فرص العمل للشباب خلال السنوات الثلاث") == full
    assert loaded.keys == index.keys


def test_signatures_are_compact_and_deterministic():
    a, b = signature_of_text(WIRE), signature_of_text(WIRE)
    assert a.exact == b.exact and np.array_equal(a.minhash, b.minhash)
    assert a.minhash.dtype == np.uint32 and a.minhash.size == 128 and len(a.exact) == 16
    assert a.n_shingles > 50


def test_folding_recent_rows_into_the_sorted_index_changes_no_match(monkeypatch):
    """A long run folds its recent rows into the sorted LSH arrays every COMPACT_ROWS
    articles (bounded memory); the matches must be those of an index that never folds."""
    import akhbar.stories as stories

    texts = [WIRE, edited_copy(WIRE), OTHER, edited_copy(OTHER), WIRE.replace("القطارات", "القطار")]
    rng = random.Random(7)
    items = [(f"a{i}", signature_of_text(rng.choice(texts) + f"\nرقم {i}")) for i in range(60)]

    def matches() -> list[tuple[str, str]]:
        index = StoryIndex()
        return [(m.story_id, m.kind) for m in (index.assign(aid, sig) for aid, sig in items)]

    monkeypatch.setattr(stories, "COMPACT_ROWS", 10**9)
    never = matches()
    monkeypatch.setattr(stories, "COMPACT_ROWS", 4)
    assert matches() == never
    assert len({story for story, _ in never}) < len(never) // 4  # the copies did link
