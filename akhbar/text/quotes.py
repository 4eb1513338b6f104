"""Quotes in Arabic news: direct (marked) and indirect (reported), with speaker and cue.

Pure functions over the display text; offsets are character offsets into that text and
``text[q.start:q.end] == q.quote``. The rules follow ``eval/quotes/GUIDELINE.md``, and
``python -m akhbar.evaluation.quotes`` scores them on the hand-annotated gold set.

**Direct quotes** are spans in «», “”, "", „“, ‘’ or '' marks (paired in
:mod:`akhbar.text.sentences`) that someone is said to have said: a reporting cue in the
sentence before the quote (``وقال الوزير: "…"``, ``ووصف القرار بـ"…"``, ``مضيفا "…"``),
after it (``«…»، قالت الوزيرة``, ``"…"، بحسب تعبيره``), an attribution tail
(``وشدد بوتين، حسب البيان، "…"``), or a long quote continuing the last speaker. Short
marked spans that name something are not quotes: after a naming word (``تنظيم "داعش"``,
``ما يسمى "…"``, ``بعنوان "…"``), as the subject of a cue (``أكدت "رويترز" أن``), after
``لـ`` (an outlet), or a phrase the article also writes without marks.

**Indirect quotes**: a reporting cue (قال، أكد، أضاف، أوضح، أشار … in every person and with
و/ف, participles such as مشيرا/مضيفا/قائلا, ``بزعم``, an attribution tail followed by
``فإن``) and then, within the same clause, a complement opened by أن/إن/بأن (with an
attached pronoun). The quote is the clause after the complementizer, up to the end of the
sentence or to the next report (``، مشيرا إلى أن …`` starts a new quote). A clause that
opens with a quote mark is a direct quote, not an indirect one.

**Speakers**: the subject after the cue (Arabic is mostly verb-first), read as a noun
phrase: a title and a name (``وزير الخارجية السعودي عادل الجبير`` → the name), an
apposition (``وزير التربية، ناجي جلول،``), a body (``الكرملين``), a title alone
(``مسؤول كبير في البيت الأبيض``); a subject before the cue (``وكان ترامب قد أعلن``,
``صحيفة الغد كتبت``). Family names, titles and documents resolve to the nearest full
earlier mention (``البحيري`` → ``نور الدين البحيري``, ``الوزير`` → his name, ``البيان`` →
the body that issued it), and a cue without subject (``وأضاف``) continues the speaker of
the sentence or the article's last speaker. A relative clause (``وفقا للميساوي الذي أكد
أن``) takes the noun before it as subject when the verb agrees with it; ``نقل X عن Y``
quotes Y; an outlet in marks after the verb is the addressee (``أبلغ "الاقتصادية" …``).

Known limits (measured in ``eval/quotes/README.md``): on unseen articles most speaker errors
are name or title boundaries, not wrong people; speech after a colon without marks or
complementizer is not extracted, by design (see the guideline).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import EllipsisType

from akhbar.text.dates import GREGORIAN_MONTHS, fold
from akhbar.text.sentences import marked_spans, split_sentences

__all__ = ["Quote", "extract_quotes", "marked_spans", "sentences"]

# --- lexicon (folded forms: hamza-alef → ا, ى → ي, ة → ه, no diacritics) ------------------

# Verbs of saying that take an أن/إن clause: (perfect 3rd masc. sg., imperfect stem or "").
# (أبلغ has no imperfect here: يبلغ / تبلغ is "amounts to, is aged", almost never "informs".)
_SPEECH_VERBS = [
    ("اكد", "ؤكد"), ("اضاف", "ضيف"), ("اوضح", "وضح"), ("اشار", "شير"), ("شدد", "شدد"),
    ("اعتبر", ""), ("اعلن", "علن"), ("افاد", "فيد"), ("ذكر", ""), ("صرح", "صرح"),
    ("حذر", "حذر"), ("طالب", "طالب"), ("كشف", "كشف"), ("لفت", "لفت"), ("نوه", "نوه"), ("نبه", "نبه"),
    ("ابلغ", ""), ("اقر", "قر"), ("اعترف", "عترف"), ("زعم", "زعم"), ("توقع", ""),
    ("رجح", "رجح"), ("تابع", "تابع"), ("اردف", "ردف"), ("اعرب", "عرب"), ("ابرز", "برز"),
    ("كتب", "كتب"), ("غرد", "غرد"), ("نقل", "نقل"), ("اورد", "ورد"), ("تعهد", "تعهد"),
    ("وعد", ""), ("رد", ""), ("اجاب", "جيب"), ("استدرك", "ستدرك"),
    ("ختم", ""), ("اختتم", "ختتم"), ("علق", "علق"), ("شرح", "شرح"), ("افصح", "فصح"),
    ("اوصي", ""), ("استطرد", "ستطرد"), ("بين", "بين"), ("افادت", ""), ("اكدت", ""),
    ("ابان", ""), ("اصر", "صر"), ("اضافت", ""), ("لاحظ", "لاحظ"), ("اخبر", "خبر"),
    ("المح", "لمح"),
]
# Verbs often written with an object pronoun (أفادنا، أبلغه، أخبرتنا).
_OBJECT_SUFFIX_VERBS = ("افاد", "افادت", "ابلغ", "ابلغت", "اخبر", "اخبرت")
# Irregular forms written out: hollow قال, defective رأى/نفى/ادعى/روى.
_SPEECH_EXTRA = [
    "قال", "قالت", "قالوا", "قالا", "قالتا", "قلن", "قلت", "قلنا", "يقول", "تقول", "يقولون",
    "يقولان", "نقول", "اقول", "راي", "رات", "راوا", "رايا", "يري", "تري", "يرون", "نري", "اري",
    "نفي", "نفت", "نفوا", "نفيا", "ينفي", "تنفي", "ينفون", "ادعي", "ادعت", "ادعوا", "يدعي",
    "روي", "روت", "رووا", "يروي",
]
# Verbs that attribute marked words but do not introduce an أن clause in our sense.
_ATTRIBUTION_VERBS = [
    "دعا", "دعت", "دعوا", "يدعو", "تدعو", "حث", "حثت", "حثوا", "وصف", "وصفت", "وصفوا", "يصف",
    "تصف", "وصفته", "وصفتها", "وصفوه", "وصفوها", "تصفه", "تصفها",
    "انتقد", "انتقدت", "ندد", "نددت", "هدد", "هددت", "استنكر", "استنكرت", "تساءل",
    "تساءلت", "سال", "سالت", "ناشد", "ناشدت", "اشاد", "اشادت", "هاجم", "هاجمت", "دان", "دانت",
    "عبرت", "عبروا", "تحدث", "تحدثت", "ارجع", "ارجعت", "اعتبره", "اعتبرها", "يعتبره",
    "يعتبرها", "تعتبره", "وصفه", "وصفها", "يصفه", "اتهمه", "خاطب", "خاطبت", "هتف", "هتفوا",
    # an accusation names what it accuses of (اتهمه بأنه …): marked words in it are quotes,
    # the بأن clause is no reported speech (guideline §8, round 8)
    "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمون", "اتهمها", "اتهمهم", "متهما", "متهمه",
    "صاح", "رحب", "رحبت", "شكر", "شكرت", "اشار", "نصح", "نصحت", "ينصح", "طلب", "طلبت",
    "للتنديد", "تنديدا", "اقترح", "اقترحت", "مدينا", "منددا", "منتقدا", "منتقده", "عنون",
    "عنونت", "ابدي", "ابدت", "ابدوا", "يبدي", "تبدي", "مبديا", "مبديه",
]
# Participles and verbal nouns among them: what follows is their object, never their subject.
_ATTRIB_PARTICIPLES = frozenset(
    p + f for f in _ATTRIBUTION_VERBS
    if (f[:1] == "م" and f.endswith(("ا", "ه"))) or f in ("تنديدا", "للتنديد") for p in ("", "و"))
# First-person cues (a columnist's قلت): the speaker is the unnamed writer.
_FIRST_PERSON = {"قلت", "قلنا", "اقول", "نقول", "وقلت", "وقلنا", "فقلت", "فاقول", "واقول", "اري",
                 "نري", "واري", "فاري"}
# Verbs of thinking, finding, wanting or deciding: an أن clause after them is not reported
# speech, even when a reporting verb came earlier in the sentence.
_NON_SPEECH_VERBS = [
    ("اثبت", "ثبت"), ("اظهر", "ظهر"), ("وجد", "جد"), ("اكتشف", "كتشف"),
    ("ادرك", "درك"), ("علم", "علم"), ("عرف", "عرف"), ("اعتقد", "عتقد"), ("ظن", "ظن"),
    ("شعر", "شعر"), ("تمني", "تمني"), ("امل", "امل"), ("قرر", "قرر"), ("اراد", "ريد"),
    ("حاول", "حاول"), ("استطاع", "ستطيع"), ("اعتاد", "عتاد"), ("اتفق", "تفق"),
    ("وافق", "وافق"), ("رفض", "رفض"), ("خشي", "خشي"), ("حرص", "حرص"), ("ضمن", "ضمن"),
    ("اشترط", "شترط"), ("سعي", "سعي"), ("اعتزم", "عتزم"), ("نوي", "نوي"), ("تاكد", "تاكد"),
    ("يتعين", ""), ("تبين", ""), ("اتضح", "تضح"), ("ثبت", ""), ("تامل", "تامل"), ("فضل", "فضل"),
    ("استبعد", "ستبعد"), ("اختار", "ختار"), ("طلب", "طلب"), ("تقرر", ""), ("ينبغي", ""),
]
_PARTICIPLE_STEMS = [
    "قائل", "مشير", "مضيف", "مؤكد", "موضح", "معتبر", "لافت", "مشدد", "محذر", "مبين", "منوه",
    "معرب", "مطالب", "كاشف", "متوقع", "مرجح", "معلن", "مفيد", "مبرز", "ناقل", "متابع",
    "مستدرك", "مردف", "زاعم", "واصف", "متسائل", "مذكر", "مختتم", "معلق", "مستطرد",
    "مستشهد", "معترف", "متعهد", "مبدي", "ناف", "مدع", "داع",
]
# Verbal nouns that attribute an أن clause (بزعم أن، والتأكيد على أنه).
_MASDAR_CUES = {"بزعم", "بدعوي", "التاكيد", "والتاكيد", "تاكيده", "تاكيدها", "زاعمه",
                "قوله", "قولها", "قولهم", "القول", "بالقول"}
_TAIL_CUES = {"حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "ووفقا", "ووفق", "طبقا",
              "وطبقا", "نقلا", "ونقلا", "بحسبه", "حسبما", "بحسبما", "وحسبما", "وبحسبما",
              "وفقما", "ووفقما"}
# After these the speaker is a pronoun: "…"، وفق تعبيره / على حد قوله. (Used with
# ``match(text, pos)``, which anchors at ``pos``; a ``^`` would only match at 0.)
_TAIL_PRONOUN_RE = re.compile(
    r"[\s،,]*(?:و?(?:حسب|بحسب|وفق|وفقا\s+ل|على\s+حد)\s+(?:تعبيره|تعبيرها|قوله|قولها|وصفه|وصفها)|"
    r"على\s+حد\s+تعبير\s+|كما\s+(?:قال|قالت|يقول|تقول))")


def _perfect_forms(base: str) -> set[str]:
    forms = {base, base + "ت", base + "وا", base + "ا", base + "تا", base + "ن"}
    if base.endswith("ي"):  # defective: اوصي → اوصت، اوصوا
        stem = base[:-1]
        forms |= {stem + "ت", stem + "وا"}
    return forms


def _imperfect_forms(stem: str) -> set[str]:
    if not stem:
        return set()
    return {p + stem + s for p in ("ي", "ت", "ن", "ا") for s in ("", "ون", "ان", "ين")}


def _with_prefixes(forms: set[str]) -> set[str]:
    return forms | {p + f for f in forms for p in ("و", "ف")}


def _speech_forms() -> frozenset[str]:
    forms: set[str] = set(_SPEECH_EXTRA)
    for base, imperfect in _SPEECH_VERBS:
        forms |= _perfect_forms(base) | _imperfect_forms(imperfect)
    forms |= {v + p for v in _OBJECT_SUFFIX_VERBS for p in ("نا", "ني", "ه", "ها", "هم")}
    # "يذكر أن" / "يشار" are the journalist's formulas, "بين" alone is the preposition
    # "between": keep them out.
    # "أبرز" alone is mostly the elative "most prominent" (من أبرز …).
    forms -= {"يذكر", "تذكر", "بين", "تبين", "يبين", "نبين", "ابين", "يعد", "تعد", "ابرز",
              "نصر", "نجيب"}  # (نصرّ، نجيب: given names far more often than "we insist/answer")
    return frozenset((_with_prefixes(forms) | {"وابرز", "وبين"}) - {"فبين", "وتبين", "فتبين"})


def _non_speech_forms() -> frozenset[str]:
    forms: set[str] = set()
    for base, imperfect in _NON_SPEECH_VERBS:
        forms |= _perfect_forms(base) | _imperfect_forms(imperfect)
    return frozenset(_with_prefixes(forms))


SPEECH_FORMS = _speech_forms()
ATTRIBUTION_FORMS = frozenset(_with_prefixes(set(_ATTRIBUTION_VERBS))) - SPEECH_FORMS
PARTICIPLE_FORMS = frozenset(_with_prefixes({
    s + end for s in _PARTICIPLE_STEMS
    for end in (("يا", "يه", "ين") if s in ("ناف", "مدع", "داع", "مبدي") else ("ا", "ه", "ين", "تين"))
}) - {"لافته", "ولافته", "متابعه", "ومتابعه"})  # لافتة, متابعة: mostly the nouns "banner", "follow-up"
CUE_FORMS = SPEECH_FORMS  # kept for callers of the first version
NON_SPEECH_FORMS = _non_speech_forms() - SPEECH_FORMS

_KIND_OF: dict[str, str] = {}
for _f in ATTRIBUTION_FORMS:
    _KIND_OF[_f] = "attrib"
for _f in SPEECH_FORMS:
    _KIND_OF[_f] = "verb"
for _f in PARTICIPLE_FORMS:
    _KIND_OF[_f] = "part"
for _f in _MASDAR_CUES:
    _KIND_OF[_f] = "masdar"
for _f in _TAIL_CUES:
    _KIND_OF[_f] = "tail"

# ``fold`` with a cache: news repeats its words, and folding is two translates. The C-level
# cache wrapper costs less per hit than a Python function around a dict; without an LRU
# bound it is a plain dict, which ``extract_quotes`` empties when it grows too big.
_fold: Callable[[str], str] = functools.cache(fold)
# Pure predicates on a folded word, called hundreds of thousands of times on a corpus:
# cached the same way (a word's answer never changes).
_cached = functools.cache
_CACHE_MAX = 300_000


# Folded letters match their variants in the display text.
_CHAR_CLASS = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}
_WORD_RE = re.compile(r"[\w\u064B-\u0652\u0670\u0640]+")
_TOKEN_RE = re.compile(r"[\w\u064B-\u0652\u0670\u0640]+|[^\s\w]")

# A word right before أن that makes it something else than a reported clause.
_NOT_COMPLEMENT_BEFORE = {"مفروض", "المفروض", "يفترض", "المفترض",
    "بعد", "قبل", "منذ", "دون", "بدون", "حين", "لحين", "بد", "لابد", "يجب", "ينبغي", "يمكن",
    "يمكنه", "ممكن", "كما", "الا", "رغم", "برغم", "غير", "لو", "حيث", "لدرجه", "اذ", "بيد",
    "سيما", "خصوصا", "خاصه", "علما", "يذكر", "بالذكر", "المقرر", "المتوقع", "المنتظر",
    "المرجح", "المعروف", "الواضح", "يبدو", "مفادها", "مفاده", "تبين", "يتوقع", "بما", "لما",
    "طالما", "بمجرد", "شريطه", "بشرط", "امل", "امله", "املها", "يريد", "تريد", "يرغب", "اجل",
    "حتي", "عسي", "قرر", "قررت", "يستطيع", "تستطيع", "استطاع", "المحتمل", "يحتمل",
    "مقرر", "متوقع", "منتظر", "يشار", "الي",
}
# Words that open an adjunct and so end a subject noun phrase.
_ADJUNCT_WORDS = {
    "في", "خلال", "عبر", "امام", "لدي", "عقب", "بعد", "قبل", "اثناء", "منذ", "حول", "عن",
    "بعدما", "عندما", "حيث", "كلما", "تجاه", "بحق", "لصالح",
    "علي", "الي", "من", "مع", "ضمن", "بشان", "بخصوص", "تعليقا", "ردا", "لدى", "بدوره",
    "بدورها", "بدورهم", "ايضا", "كذلك", "اليوم", "امس", "غدا", "الاثنين", "الثلاثاء",
    "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد", "صباح", "مساء", "يوم", "ليله", "فجر",
    "ظهر", "عشيه", "صباحا", "له", "لها", "لهم", "لنا", "به", "بها", "انه", "انها", "يومها",
    "وقتها", "عندها", "انذاك", "بعدها", "قبلها", "الاسبوع", "الشهر", "بالقرب", "قرب",
    "ان", "بان", "بانه", "بانها", "انهم", "هو", "هي", "هم", "قد", "لقد", "الذي", "التي",
    "الذين", "مؤخرا", "سابقا", "حاليا", "الماضي", "فيه", "فيها", "لوسائل", "للصحفيين",
    "للصحافيين", "للصحافه", "للاعلام", "بنفسه", "بنفسها", "اول", "امسيه", "مجددا", "حينها",
    "كما", "بينما", "فيما", "وهو", "وهي", "ثم", "كل", "ذلك", "هذا", "هذه", "الان",
    "رسميا", "فعليا", "جزئيا", "كليا", "شخصيا", "مبدئيا", "نسبيا", "يوميا", "سنويا",
    "تدريجيا", "عمليا", "لاحقا", "دائما", "اساسا", "تماما", "كثيرا", "قليلا", "فورا",
    "تحديدا", "خصوصا", "عموما", "اصلا", "مثلا", "اطلاقا", "صراحه", "علنا", "هاتفيا", "اكثر",
    "اقل", "مره", "مرات", "سابق", "وقت",
}
# Nouns of the speech event: "في تصريح/بيان/مؤتمر صحفي …" is an adjunct, not a title.
_EVENT_NOUNS = {
    "بلاغ", "بلاغه", "بلاغها", "مراسله", "برقيه", "اعلان", "تصريحاته", "تصريحاتها", "شهادته",
    "شهادتها", "حديثه", "حديثها", "كلمتها", "رسالته", "رسالتها", "تغريدته", "تغريدتها",
    "تصريح", "تصريحات", "بيان", "مؤتمر", "كلمه", "حديث", "اتصال", "مقابله", "لقاء", "ندوه",
    "رساله", "تغريده", "تغريدات", "منشور", "تدوينه", "حوار", "جلسه", "اجتماع", "خطاب",
    "تعليق", "تعليقه", "رده", "بث", "برنامج", "حفل", "افتتاح", "كلمته", "حسابه", "حسابها",
    "صفحته", "صفحتها", "موقعه", "تصريحه", "تصريحها", "بيانه", "بيانها", "تقرير", "تقريرها",
    "تقريره", "زياره", "اطار", "معرض", "ختام", "بدايه", "نهايه", "سياق", "مستهل", "لقائه",
    "استقباله", "اتصالا", "ظل", "اعقاب", "وقت", "حين", "حضور", "اثر", "مداخله", "دراسه",
    "بحث", "كتاب", "مقال", "مقاله", "مداخلته", "مداخلتها",
}
# Addressees after ل: "قال لوكالة …" / "لـ«الشرق الأوسط»" end the subject.
_ADDRESSEE_HEADS = {
    "وكاله", "صحيفه", "قناه", "موقع", "اذاعه", "تلفزيون", "مراسل", "مراسله", "رويترز",
    "الصحفيين", "الصحافيين", "الجوهره", "مجله", "شبكه", "محطه", "وسائل", "سكاي", "العربيه",
    "الحياه", "عكاظ", "الشرق", "الرياض", "سبق", "المدينه", "الوطن", "اليوم", "الجزيره",
    "الاقتصاديه", "بي", "فرانس", "سي", "موقعنا", "مراسلنا", "الجمهور", "اعضاء",
}
# Titles and common nouns: never the start of a personal name.
_TITLE_WORDS = {
    "زميل", "زميله", "صديق", "صديقه", "جار", "جاره", "مفوض", "مفوضه", "استشاري", "استشاريه",
    "اخصائي", "اخصائيه", "ضيف", "ضيفه", "ناظر", "ناظره",
    "ضابط", "شرطي", "جندي", "طبيب", "طبيبه", "مدرس", "معلم", "معلمه", "طالب", "طالبه",
    "ناشط", "ناشطه", "مراقب", "شاهد", "اعلامي", "رجل", "امراه", "سيده", "شاب", "فتاه",
    "قيادي", "مرشح", "مرشحه", "قنصل", "مخرج", "مخرجه", "مشرف", "مشرفه", "منتج", "فنان",
    "فنانه", "مغني", "مطرب", "لاعبه", "مهاجم", "حارس", "مدافع", "مؤلف", "شاعر", "روائي",
    "مفتي", "امام", "خطيب", "داعيه", "نقيب", "محقق", "مدعي", "متهم", "ضحيه", "مصاب",
    "وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "متحدث", "متحدثه", "ناطق", "ناطقه",
    "امين", "عضو", "سفير", "سفيره", "نائب", "نائبه", "مستشار", "مستشاره", "قائد", "مدرب",
    "لاعب", "نجم", "نجمه", "ممثل", "ممثله", "معلق", "مسؤول", "مسؤوله", "مسؤولون", "مصدر",
    "مصادر", "خبير", "خبيره", "خبراء", "محلل", "محللون", "محامي", "قاضي", "ملك", "امير",
    "اميره", "شيخ", "دكتور", "دكتوره", "مهندس", "استاذ", "سيد", "زعيم", "رئيسا",
    "محافظ", "جنرال", "عقيد", "لواء", "عميد", "مقدم", "رائد", "ملازم", "عالم",
    "باحث", "باحثه", "باحثون", "علماء", "مراقبون", "ناشطون", "نشطاء", "شهود", "سكان",
    "مواطنون", "مواطن", "مواطنه", "موظف", "موظفه", "مسؤولو", "قائم", "مساعد", "وكيل",
    "كاتب", "كاتبه", "صحفي", "صحفيه", "مراسل", "مراسله", "منسق", "منسقه", "رئيسي",
    "مبعوث", "مندوب", "ممثلو", "قاده", "زعماء", "وزراء", "رؤساء", "مدراء", "مديرو", "اعضاء",
    "الامين", "العام", "عام", "المدير", "الرئيس", "الوزير", "احد", "عدد", "بعض", "كل",
    "جميع", "معظم", "اغلب", "كثير", "خمسه", "اربعه", "ثلاثه", "اثنان", "اثنين", "سته",
    "سبعه", "عشره", "عشرات", "مئات", "الاف", "كبير", "كبار", "رفيع", "بارز", "مطلع",
    "مطلعه", "مطلعون", "امني", "امنيه", "عسكري", "حكومي", "رسمي", "رسميه", "دبلوماسي",
    "دبلوماسيون", "مقرب", "مقربه", "سابق", "سابقه", "ثان", "ثاني", "ثالث", "اخر", "اخري",
    "مجموعه", "فريق", "منظمه", "هيئه", "لجنه", "مجلس", "وزاره", "حكومه", "جمعيه", "اتحاد",
    "مكتب", "مركز", "جامعه", "شركه", "بنك", "صندوق", "مؤسسه", "اداره", "دائره",
    "قوات", "جيش", "شرطه", "حزب", "حركه", "تنظيم", "جماعه", "نادي", "منتخب", "صحيفه",
    "وكاله", "قناه", "موقع", "تقرير", "بيان", "دراسه", "استطلاع", "مسؤولين", "ممثلي",
    "الحكومه", "مطلقي", "مطلقى", "ولي", "العهد", "صاحب", "السمو", "الملكي", "سمو",
    "معالي", "فضيله", "سعاده", "سماحه", "فخامه", "دوله", "جلاله", "الشيخ", "الامير",
    "الملك", "الدكتور", "الدكتوره", "المهندس", "السيد", "السيده", "الاستاذ", "اللواء",
    "العقيد", "العميد", "الفريق", "الجنرال", "المشير", "القاضي", "المحامي", "بلديه", "زوجه",
    "عقيله", "حرم", "ارمله", "نجل", "شقيق", "شقيقه",
    "محافظه", "امانه", "منطقه", "ولايه", "معتمديه", "نقابه", "غرفه", "وسائل",
}
_HONORIFICS = {
    "الدكتور", "الدكتوره", "د", "المهندس", "المهندسه", "م", "الشيخ", "الشيخه", "السيد",
    "السيده", "الاستاذ", "الاستاذه", "ا", "معالي", "سمو", "صاحب", "السمو", "الملكي", "فضيله",
    "سعاده", "سماحه", "فخامه", "جلاله", "الامير", "الاميره", "الملك", "الملكه", "البروفسور",
    "البروفيسور", "البروفيسوره", "البروفسوره",
    # military and police ranks: dropped like honorifics (اللواء عطية المالكي → عطية المالكي)
    "اللواء", "العميد", "العقيد", "المقدم", "الرائد", "النقيب", "الملازم", "المشير", "الفريق",
    "الادميرال", "الجنرال", "الكولونيل", "الكابتن", "السيناتور", "القس", "الاب", "الحاخام",
    "اللفتنانت", "الليفتنانت", "الميجور", "الميجر", "البريغادير",
}
# The second word of a compound rank (اللفتنانت جنرال، الميجور جنرال، اللفتنانت كولونيل):
# dropped with the first, never on its own (جنرال روسي is "a Russian general").
_RANK_SECONDS = {"جنرال", "كولونيل", "اول", "ركن", "الركن", "طيار", "بحري"}
# Particles inside names: بن، ابن، أبو، آل، عبد …
_NAME_PARTICLES = {"بن", "ابن", "بنت", "ابو", "ابي", "ام", "ال", "عبد", "دي", "دا", "فان",
                   "فون", "لا", "لي", "دو", "ولد", "اولاد", "سيدي", "بو"}
# Second halves of compound given names (نور الدين، عبد الله).
_NAME_SECONDS = {"الدين", "الله", "الرحمن", "الرحيم", "الاسلام", "العزيز", "الكريم", "الحق",
                 "الرزاق", "المجيد", "الحميد", "السلام", "اللطيف", "الناصر", "العابدين"}
_DEMONSTRATIVES = {"هذا", "هذه", "ذلك", "تلك", "هؤلاء", "هنا", "انا", "نحن", "انت", "انتم"}
# Titles whose posting (لدى …) belongs to them.
_ENVOYS = {"سفير", "سفيره", "مندوب", "مندوبه", "ممثل", "ممثله", "مبعوث", "مبعوثه", "قنصل"}
# Heads of a place's name that more words complete (في شمال غرب باكستان، في قاعدة بحرية).
_SITE_HEADS = {"شمال", "جنوب", "شرق", "غرب", "وسط", "قاعده", "مستشفي", "مطار", "ميناء", "سجن",
               "مخيم", "حي", "قريه", "بلده", "جزيره", "اقليم", "ولايه", "مقاطعه", "بحر", "نهر"}
# Adjectives that are no relational -ي form but may follow one (الرئيس الأمريكي السابق).
_ADJECTIVES = {"السابق", "السابقه", "الحالي", "الحاليه", "الجديد", "الجديده", "المقبل", "المقبله",
               "الاول", "الاولي", "الثاني", "الثانيه", "العام", "العامه", "المكلف", "المكلفه",
               "المساعد", "المساعده", "المستقيل", "المستقيله", "المنتخب", "المنتخبه", "المؤقت",
               "المؤقته", "الدائم", "الدائمه", "المتحده", "الخاص", "الخاصه", "المنتهيه", "المعين",
               "المعينه", "الكبير", "الكبري", "الراحل", "الراحله", "الشهير", "الشهيره", "البارز",
               "البارزه", "المعروف", "المستقل", "المستقله", "الحر", "الحره", "الموحد", "الموحده",
               "المشترك", "المشتركه", "الاعلي", "الاسبق", "العرب", "الابن", "الاب", "الحليف",
               "الحليفه", "العملاق", "العملاقه", "العليا", "الوسطي", "العظمي", "الدنيا", "القصوي"}
# Prepositions of place that _ADJUNCT_WORDS leaves out (فوق سوريا names nobody).
_PLACE_PREPOSITIONS = {"فوق", "تحت", "خلف", "بين", "عند", "نحو", "ضد", "دون", "وسط", "داخل", "خارج",
                       "حتي"}
# Titles of a single person: a bare one is resolved through its title or a name, never to
# a group's phrase (العلماء → علماء من جامعة كوبو is a group, اللاعب is someone).
_PERSON_ROLES = {"لاعب", "مدرب", "وزير", "رئيس", "متحدث", "ناطق", "مسؤول", "مدير", "نائب", "سفير",
                 "امين", "محافظ", "قائد", "رئيسه", "وزيره", "مديره", "نجم", "مصدر"}
_SPOKESPEOPLE = {"ناطق", "ناطقه", "متحدث", "متحدثه"}
_SPOKESPEOPLE_RASMI = _SPOKESPEOPLE | {"رسمي"}  # (المتحدث الرسمي، باسم …)
_NOT_NAMED_RE = re.compile(r"\s+(?:أيضاً?\s+|ايضا\s+)?عدم\s+(?:ال)?(?:كشف|ذكر|نشر|إفصاح|افصاح)")
_REACTION_RE = re.compile(r"[\u064B-\u0652]*\s+(?:ال)?فعل")
_SOURCE_NOUNS = frozenset(fold(w) for w in (
    "تقارير", "أنباء", "معلومات", "أوساط", "دوائر", "تسريبات", "روايات", "شهادات", "إحصاءات",
    "دراسات", "وكالات"))
# Definite verbal nouns of speaking: after a definite subject they are its object
# (رفضت الشركة الكشف، رفض المتحدث التعليق), never part of the subject.
_SPEECH_OBJECTS = frozenset(fold(w) for w in (
    "الكشف", "الإفصاح", "التعليق", "الإدلاء", "التصريح", "الحديث", "الرد", "الإجابة"))
# Verbal nouns that open the object of أعلن/أكد right after the subject (أعلن العميد محمد
# سمير | مقتل 88 إرهابيا، أكدت مصادر عسكرية يمنية | قتل …): never part of a name or title.
_OBJECT_MASDARS = frozenset(fold(w) for w in (
    "مقتل", "قتل", "مصرع", "اعتقال", "وفاة", "استشهاد", "إصابة", "سقوط", "تعيين", "إطلاق",
    "رفض", "تأجيل", "إلغاء", "عودة", "انطلاق", "اختيار", "استقالة", "توقيع", "تدمير",
    "إسقاط", "تحرير", "إحباط", "ضبط", "القبض", "إيقاف", "فوز", "خسارة", "ارتفاع", "انخفاض",
    "تراجع", "إغلاق", "افتتاح", "وصول", "مغادرة", "نجاح", "فشل"))  # (not فتح: a name)
# Heads of descriptions of a person (not offices, which two people may hold in one
# article): a longer description with the same head finds the one person named so.
_EPITHETS = {"لاعب", "نجم", "مدرب", "معالج", "طيار", "فنان", "فنانه", "مغني", "مطرب", "باحث",
             "باحثه", "خبير", "خبيره", "محلل", "طبيب", "طبيبه", "كاتب", "كاتبه", "مخرج", "شاب"}
# Words before a saint's name that make it a city's (ساو باولو، سان بطرسبرغ).
_SAINTS = {"ساو", "سان", "سانت", "سانتا"}
# Bodies that hear what is said to them (قال الادعاء الملكي لمحكمة أولد بيلي).
_HEARING_BODIES = {"محكمه", "مجلس", "لجنه", "برلمان", "هيئه"}
# Quantifiers opening a plural subject (بعض مسؤولي الإدارة، عدد من الخبراء).
_QUANTIFIERS = {"بعض", "عدد", "معظم", "اغلب", "غالبيه", "كثير"}
# Second halves that close a compound name whatever its first half (شرف الدين، فتح الله).
_COMPOUND_SECONDS = {"الدين", "الله"}
# Words before a short marked span that make it a name or a term, not a quote.
_NAMING_WORDS = {
    "يسمي", "تسمي", "المسمي", "المسماه", "بعنوان", "عنوان", "شعار", "تنظيم",
    "حركه", "جماعه", "عمليه", "مشروع", "برنامج", "مبادره", "حمله", "كتاب", "فيلم", "روايه",
    "مسلسل", "شركه", "موقع", "صحيفه", "قناه", "مؤتمر", "منتدي", "جائزه", "قانون", "اسم",
    "باسم", "لقب", "مصطلح", "عباره", "كلمه", "وسم", "هاشتاغ", "هاشتاج", "تطبيق", "منصه",
    "مهرجان", "معرض", "مسابقه", "اتفاقيه", "فريق", "نادي", "حزب", "ائتلاف", "تحالف",
    "جبهه", "مجموعه", "الملقب", "الملقبه", "المعروف", "المعروفه", "مثل", "اغنيه", "كليب",
    "مجله", "وكاله", "اذاعه", "شبكه", "حساب", "صفحه", "وثيقه", "خطه", "استراتيجيه", "رؤيه",
    "مركز", "جمعيه", "منظمه", "هيئه", "مؤسسه", "ماركه", "علامه", "منتج", "هاتف", "جهاز",
    "سياره", "سفينه", "طائره", "صاروخ", "قمر", "مركبه", "مجمع", "فندق", "مطعم", "مقهي",
    # places and institutions named in marks: بمقاطعة "سانت لويس"، جامعة "ويسترن كنتاكي"
    "مقاطعه", "ولايه", "محافظه", "جامعه", "كليه", "معهد", "اقليم", "منتخب", "منظمتا",
    "منظمتي", "منتخبي",
    "نظام", "خدمه", "ميزه", "خاصيه", "تبويب", "حي", "عين", "قريه", "مدينه", "ساحه",
    "شارع", "جزيره", "ملعب", "بطوله", "كاس", "دوري", "فئه", "طراز", "نوع", "اسمتها", "اسماها",
    "سماها", "سماه", "يدعي", "تدعي", "مسمي", "تحت", "صحيفتي", "صحف", "مقال", "مقاله",
    "افتتاحيه", "عمود", "زاويه", "اطلق", "اطلقت", "شعارات", "لافته", "لافتات", "ظاهره",
    "ماده", "مخدر", "مخدرات", "حبوب", "اقراص", "دواء", "مرض", "فيروس", "عاصفه", "اعصار",
    "مراسل", "مراسله", "مراسلنا", "مراسلتنا", "مدرسه", "شخصيه", "قرص", "حبه", "عقار", "صنف",
    "تسميه", "علبه", "قائمه", "قائمتها", "قائمته", "تصنيف", "ترتيب", "منطقه", "مستوطنه",
    "ضيعه", "مزرعه", "واحه",
    "حدث", "مخيم", "معبر", "مستشفي", "سجن", "جبل", "وادي", "حقل", "ميناء", "مطار",
    "قاعده", "مقر", "مبدا", "مبدأ", "مبداي", "مبادئ", "المعنون", "المعنونه", "معنون", "نوعيه",
}
# Words that name what follows even a few words later ("المعروفة إعلاميا بـ"…"").
_NAMED_AS = {"المعروف", "المعروفه", "الملقب", "الملقبه", "المسمي", "المسماه", "المعنون",
             "المعنونه", "يعرف", "تعرف", "عرف", "عرفت", "سمي", "سميت", "يسمي", "تسمي"}
_DOCUMENT_WORDS = {"البيان", "التقرير", "الرساله", "البلاغ", "المذكره", "الوثيقه", "الدراسه",
                   "الاعلان", "التغريده", "المنشور", "الصحيفه", "البرقيه", "القرار", "المقدمه",
                   "الكلمه", "الخطاب", "الوثائق", "التعميم"}
_CONCESSIVE_RE = re.compile(r"\s+(?:كان|كانت|كانوا|لم|يكن|تكن)(?!\w)")
_CHECKING = {"بالتاكد", "التاكد", "بالتحقق", "التحقق", "للتاكد", "للتحقق", "والتاكد", "والتحقق"}
_COMPLEMENTIZERS = {"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "بانهم", "فان", "اننا", "باننا",
                    "اني", "انني", "باني", "بانني", "انهن", "بانهن", "انهما", "بانهما"}
_AFTER_NAME = {"البالغ", "البالغه", "المقيم", "المقيمه", "الملقب", "الملقبه", "المعروف", "المعروفه",
               "المولود", "المولوده", "المتهم", "المتهمه", "المشتبه"}
# Honorifics that stand right before a person's name (not سمو/صاحب/الملكي, which precede titles).
_NAME_HONORIFICS = frozenset({"الدكتور", "الدكتوره", "المهندس", "المهندسه", "الشيخ", "الشيخه", "الاستاذ",
                              "الاستاذه", "البروفيسور", "البروفسور", "اللواء", "العميد", "العقيد", "المقدم",
                              "الرائد", "النقيب", "الملازم"})
_PRONOUN_CONJ = {"لكنه", "ولكنه", "لكنها", "ولكنها"}
_PRONOUN_SUBJECTS = {"هو", "هي", "هم", "هما", "انه", "انها"}
_KANA = {"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "كانوا", "وكانوا"}
_CLAUSE_CONJ = {"بينما", "فيما", "كما", "ثم", "لكن", "ولكن", "الا", "حيث", "اذ", "في", "و", "لكنه",
                "لكنها", "لكنهم", "ولكنه", "ولكنها", "ولكنهم"}


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote: ``text[start:end] == quote``; the sentence is ``text[sentence_start:sentence_end]``."""

    quote: str
    start: int
    end: int
    kind: str  # "direct" or "indirect"
    speaker: str | None
    cue: str | None
    sentence_start: int
    sentence_end: int


# --- noun phrases and names ------------------------------------------------------------------

_Token = tuple[str, str, int, int]  # surface, folded, start, end


def _definite(fw: str) -> bool:
    return fw.startswith(("ال", "وال", "بال", "فال", "كال", "لل")) and fw not in _NO_ARTICLE


def _strip_prefix(fw: str) -> str:
    """A folded word without a one-letter proclitic (و ب ل ف ك) when what remains is a word."""
    if len(fw) > 3 and fw[0] in "وبلفك":
        return fw[1:]
    return fw


@_cached
def _bare(fw: str) -> str:
    """Folded word without proclitic, article or possessive: والرئيس → رئيس, رئيسها → رئيس."""
    if fw[:1] in "وف" and len(fw) > 3 and fw not in _TITLE_WORDS and fw not in _BODY_HEADS:
        rest = fw[1:]
        if rest.startswith("ال") or rest in _TITLE_WORDS or rest in _BODY_HEADS:
            fw = rest  # والرئيس، ووزارة
    if (fw.startswith("ال") and len(fw) > 4) or (fw.startswith("لل") and len(fw) > 4):
        fw = fw[2:]
    for suffix in ("ها", "هم", "ه"):
        if fw.endswith(suffix) and fw[: -len(suffix)] in _TITLE_WORDS:
            return fw[: -len(suffix)]
    return fw


def _unglue(fw: str) -> str:
    """بالبيت → البيت، للأمم → الأمم: a preposition glued to a definite noun."""
    if fw.startswith(("بال", "كال")) and len(fw) > 4:
        return fw[1:]
    if fw.startswith("لل") and len(fw) > 4:
        return "ا" + fw[1:]
    return fw


@_cached
def _titleish(fw: str) -> bool:
    return fw in _TITLE_WORDS or _bare(fw) in _TITLE_WORDS


@_cached
def _nisba(fw: str) -> bool:
    """A definite relational adjective (الروسي، الأمريكية، التونسي): part of a title."""
    return fw.startswith("ال") and (fw.endswith(("ي", "يه")) and len(fw) > 5)


@_cached
def _oblique_plural(fw: str) -> bool:
    """الكنديين، المسؤولين، المتظاهرين: a plural that cannot be a subject (which would end
    in ون), so a subjectless verb's object."""
    return fw.startswith("ال") and len(fw) > 6 and (fw.endswith("يين") or (
        fw.startswith("الم") and fw.endswith("ين"))) and not _titleish(fw)


def _accusative(tok: _Token, nxt: _Token | None) -> bool:
    """An indefinite accusative: tanween fath (تمويلاً), or noun + adjective both ending in
    alef (تمويلا داخليا). A subject is never accusative."""
    if "\u064b" in tok[0]:
        return True
    fw = tok[1]
    return (nxt is not None and len(fw) > 3 and fw.endswith("ا") and not fw.endswith(("وا", "يا"))
            and len(nxt[1]) > 3 and nxt[1].endswith("ا") and not _definite(nxt[1]))


def _adjective_form(fw: str) -> bool:
    """A definite word shaped like an adjective that may follow a relational one: an elative
    (الأسبق), an active participle (الحاكم، التابعة، الرابعة، السالفة) or a participle in م
    (المحررة، المعاصر، المبتعث) — not a plural, which is more often the verb's object."""
    if not fw.startswith("ال") or fw.endswith(("ات", "ين")) or (fw.endswith("ون") and not (
            len(fw) == 7 and fw.startswith("الم") and fw[5] == "و")):  # (المسجون: one person)
        return False
    stem = fw[2:].removesuffix("ه")
    return ((len(fw) == 6 and fw[2] == "ا") or (len(stem) == 4 and stem[1] == "ا")
            or (len(stem) == 4 and stem[2] == "ي")  # القدير، الشهير
            or (fw.startswith("الم") and 5 <= len(fw) <= 9))


def _alef_given(toks: list[_Token], i: int) -> bool:
    """``toks[i]`` ends in alef like an accusative (رسميا) but opens a two-word name that
    ends cleanly: تيسا ليونز إن، نيكولا ستورجن الاثنين، ماريا شارابوفا،. Only a word of a
    name (no article, no title, no verb look) followed by a family name that is one too."""
    fw = toks[i][1]
    if (not fw.endswith("ا") or fw.endswith("ها") or "\u064b" in toks[i][0] or not _is_name_word(fw)
            or _verb_like(fw)
            or fw[:1] == "م" or i + 1 >= len(toks) or not _is_word(toks[i + 1])):
        return False
    fam = toks[i + 1][1]
    after = toks[i + 2] if i + 2 < len(toks) else None
    # (a family name ending in alef too when a title follows: ليساندرا زيبيدا كبيرة الباحثين)
    titled = after is not None and _is_word(after) and _titleish(after[1]) and not _definite(after[1])
    if (len(fam) < 3 or not _is_name_word(fam) or fam in _GIVEN_NAMES
            or (fam.endswith("ا") and not _is_nameish(fam) and not titled)
            or _POSSESSIVE_RE.search(toks[i + 1][0]) or fam.endswith("ها")):
        return False
    return (after is None or not _is_word(after) or after[1] in _COMPLEMENTIZERS
            or after[1] in _ADJUNCT_WORDS or _titleish(after[1]))


def _is_word(tok: _Token) -> bool:
    return tok[0][0].isalnum() or tok[0][0] == "_"


@_cached
def _is_nameish(fw: str) -> bool:
    """Can this folded word start a personal or proper name?"""
    # An indefinite accusative (مؤتمرا، رسميا) is an object or an adverb, not a name.
    return _is_name_word(fw) and not (
        len(fw) > 3 and fw.endswith("ا") and not fw.endswith(("وا", "ها", "نا", "يا", "كا")))


@_cached
def _is_name_word(fw: str) -> bool:
    """Can this folded word be part of a name (not a title, adjunct, cue …)? Later words
    of a name may end in alef (نيشات تشيما، باراك أوباما), but not an Arabic circumstantial
    accusative (غاضبا، مبتسما)."""
    if _definite(fw) or (fw[:1] == "و" and fw not in _W_NAMES) or not fw[:1].isalpha():
        return False
    if (fw.endswith("ا") and len(fw) >= 5 and (fw[1] == "ا" or fw[0] == "م") and fw not in _GIVEN_NAMES
            and not fw.endswith(("وفا", "يفا", "ينا", "سكا", "يلا", "يكا"))):  # (زاخاروفا، ماريا)
        return False
    if fw[:1] in "لب" and (fw[1:] in _PLACE_HEADS or fw[1:] in _BODY_HEADS or fw[1:] in _TITLE_WORDS):
        return False  # لمدينة، بوزارة: a preposition and a noun
    if fw[:2] in ("بم", "لم") and fw.endswith("ه") and len(fw) >= 6:
        return False  # بممارسة، لمساعدة: a preposition and a verbal noun
    if _construct_plural(fw):
        return False  # مختصو المنظمة، منتقدو القرار: a plural participle in construct
    if fw in _SOURCE_NOUNS:
        return False  # تقارير غير مؤكدة، أنباء صحفية: where news comes from, not a name
    if len(fw) > 4 and (fw.endswith("هما") or (fw[:1] in "بل" and fw.endswith(("هم", "ها")))):
        return False  # بطردهما، لبلادهم: a noun with a pronoun, not a name
    return not (_titleish(fw) or fw in _BODY_HEADS or fw in _ADJUNCT_WORDS or fw in _KIND_OF
                or fw in _EVENT_NOUNS or fw in _NAMING_WORDS or fw in NON_SPEECH_FORMS
                or fw in _PRONOUN_SUBJECTS or fw in _STOP_NP or fw in _MONTHS)



# Common given names (Arabic, and foreign names as Arabic news writes them), folded. After a
# title, a word from this list starts a name even when the name is followed by the verb's
# object (وزير الخارجية السعودي عادل الجبير جريمة …); other words start a name only when
# the phrase ends cleanly after it.
_GIVEN_NAMES = frozenset(fold(w) for w in """
محمد أحمد محمود مصطفى علي عمر عثمان خالد خليل إبراهيم إسماعيل يوسف يونس يحيى زكريا موسى
عيسى سليمان داود هارون إلياس أيوب آدم نوح صالح هود شعيب حسن حسين حسام حسني حمد حمدي حمدان
حامد حميد أمين أمجد أنور أنس أسامة إياد أيمن باسل باسم بدر بسام بشار بشير بكر بلال تامر
توفيق ثامر جابر جاسم جاسر جمال جميل جواد حاتم حازم حافظ حبيب حسان حكيم حمزة خضر خلف خميس
راشد رامي رائد ربيع رجب رشيد رضا رمضان رياض زياد زيد سالم سامي سعد سعود سعيد سلطان سلمان سليم
سمير سهيل شادي شاكر شريف شوقي صابر صادق صبري صلاح طارق طلال طه ظافر عادل عارف عاصم عاطف
عامر عباس عبد عبدالله عبدالرحمن عبدالعزيز عبدالكريم عبدالرحيم عبدالمجيد عبدالحميد عبدالسلام
عبدالمحسن عبداللطيف عبدالناصر عبدالواحد عبدالوهاب عبدالإله عبيد عدنان عزيز عصام علاء عماد
عمار عمرو عوض عيد غازي غالب غسان فادي فارس فاروق فاضل فايز فتحي فراس فرج فريد فهد فواز فؤاد
فيصل قاسم قيس كريم كمال ماجد مازن مالك ماهر مبارك مجدي مجيد محسن مختار مراد مروان مسعود
مشعل معاذ معتز منصور منير مهدي موفق ناجي ناصر نايف نبيل نجيب نزار نصر نضال نعيم نواف نور
هاشم هاني هشام هيثم وائل وليد ياسر ياسين يزيد راجح شامخ عمرو نادر حاكم مشاري متعب تركي بندر
ممدوح منذر مؤيد ناظم نوري هادي همام وسيم وحيد رؤوف لطفي المنجي الهادي الحبيب المنصف محرم كمال
الطاهر الصادق الأمين المختار الباجي راشد منجي سفيان شكري حمادي نجيب أشرف أكرم إيهاب
فاطمة عائشة خديجة مريم زينب سارة هند ليلى سلمى نادية هدى منى سعاد أمل رنا ريم لينا دينا
نور هالة سميرة سهام نجلاء نوال نهى هيفاء وفاء رشا غادة جميلة حنان سناء ابتسام إيمان أسماء
منيرة نورة لطيفة بثينة سوسن ياسمين راضية آمنة بسمة سلوى عبلة رحاب
مشهور عايض حمود عطية عواد سياف بلقاسم بلحسن بوبكر بوعلام عبدالقادر عبدالرزاق عبدالحكيم
عبدالفتاح عبدالباسط عبدالجليل عبدالرؤوف نورالدين سامح مؤمن مينا جرجس بطرس
ميرنا نيفين داليا رانيا شيرين يسرا نادين هبة نهال مها ريهام لبنى عبير نسرين
دونالد جوستين ديفيد فلاديمير إيمانويل أنجيلا تيريزا بوريس جون جورج مايكل بيتر بول مارك
توماس روبرت ريتشارد جيمس ويليام هنري شارل فرانسوا جان بيير لويس كارلوس خوسيه أنطونيو
ماريو ماريا آنا هيلاري باراك نيكولا نيكولاس سيرغي سيرجي ديمتري أليكسي ألكسندر بنيامين
أفيغدور إيهود شيمون مايك نيكي ريكس جاريد ستيفن ستيف كيم شينزو شي مون أنطونيو فيديريكا
جيرمي جيريمي إيفانكا ميلانيا كريستين كريستيان كريستوفر فرانك سيلفستر جاكي راينس ديرك
رونالدو ليونيل كريستيانو زين الدين جوزيه جوزيف بيب جوسيب يورغن أرسين جوزيه زين نغولو
أنطوان أندريه أندرو آلان أليكس فيليب فيليبي جوناثان دانيال دانيل ماتيو ماثيو أوليفر لوران
ميشيل ميشال فرانك هانز هيلموت غيرهارد أولاف فولفغانغ رجب مولود بن علي
فالتر ألبرت ألبرتو أليخاندرو ألفريد ألفونسو إليزابيث إيلون إيفو إيغور إيكر إيريك
جاك جاي جيف جيفري ستيفان سيباستيان دومينيك مارتن مارسيل باتريك إدوارد ادوارد ريشار رافائيل
غابرييل لوكا ماركو باولو بيدرو خوان كارل سيمون سوزان كاثرين كاترين جوليا جوليان إيما
""".split())  # noqa: SIM905 (a word list reads best as text)
# Month names: "في مارس" is a date, never a name (ماي is also a family name: تيريزا ماي).
_MONTHS = frozenset(m for m in GREGORIAN_MONTHS if " " not in m) - {"ماي"}
# Given names that only look definite: فالتر، ألكسندر (not الحبيب, whose ال is an article).
_NO_ARTICLE = frozenset(w for w in _GIVEN_NAMES if w.startswith(("ال", "وال", "بال", "فال", "كال", "لل"))
                        and _fold(w) not in {"الحبيب", "الباجي", "الهادي", "المنجي", "الطاهر", "الصادق",
                                            "المنصف", "الامين", "المختار", "الدين", "الان"})
_POSSESSIVE_RE = re.compile(r"[^ي\s]ه$")
# Given names written with the article (mostly Tunisian): they open a name after a title
# (رئيس الحكومة الحبيب الصيد، رئيس الجمهورية الباجي قايد السبسي).
_DEF_GIVEN = frozenset(fold(w) for w in (
    "الحبيب", "الباجي", "الهادي", "المنجي", "الطاهر", "الصادق", "المنصف", "الأمين", "المختار",
    "الطيب", "الجيلاني", "البشير", "المولدي", "الشاذلي", "المهدي", "العجمي", "الأسعد"))
# Indefinite nouns that follow كتب/نشر as objects, never as subjects.
_OBJECT_NOUNS = {"رساله", "تغريده", "تدوينه", "منشورا", "مقالا", "مقال", "كتابا", "رسالته",
                 "تغريدته", "بيانا", "تقريرا"}
_W_NAMES = {"وليد", "وائل", "وفاء", "وسام", "وداد", "وحيد", "وهيب", "وجدي", "وصفي", "وديع",
            "واين", "والتر", "وارن", "ونستون", "ولفغانغ", "ويلي", "ويل", "ويندي",
            "ولاء", "وزير", "ورده", "وسيم", "وجيه", "وهبي", "ويليام", "وانغ", "وانج", "ويلسون",
            "ويليامز"}
# Words that end a subject noun phrase without being adjunct openers.
_STOP_NP = {"ان", "لا", "لم", "لن", "ما", "ليس", "قد", "سوف", "كيف", "متي", "اين",
            "هل", "اذا", "لو", "ذلك", "تلك", "هذا", "هذه", "هؤلاء", "اكثر", "اقل", "جدا",
            "فقط", "اي", "ايه", "عدم", "او", "ام", "ولا", "بل", "حتي", "ضروره", "اهميه", "لمده",
            "لفتره", "عام", "عامين",
            "سنه", "سنوات", "ايام", "اشهر", "شهر", "شهرا", "يوما", "ساعه", "ساعات", "دقيقه",
            "جاء", "جاءت", "وجاء", "كان", "كانت", "يكون", "تكون", "ليست"}
# Places named after someone (مستشفى الملك فهد، شارع محمد الخامس): a name right after one
# of them in construct is the place's.
_NAMED_PLACES = {"مركز", "مستشفي", "مسجد", "جامع", "مدرسه", "شارع", "مول", "مجمع", "قاعه",
                 "ملعب", "ميدان", "ساحه", "فندق", "مطار", "جسر", "معهد", "قريه", "مخيم", "سوق"}
_PLACE_HEADS = {"منطقه", "محافظه", "مدينه", "ولايه", "وزاره", "بلديه", "اماره", "دوله",
                "معتمديه", "جامعه", "قطاع", "اداره", "مركز", "البيت", "المنطقه", "المحافظه"}
# Heads through which a bare title or body (الوزير، الصحيفة) finds its earlier full mention.
_RESOLVABLE_TITLES = {
    "وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "متحدث", "متحدثه", "ناطق", "ناطقه",
    "امين", "سفير", "سفيره", "نائب", "نائبه", "مستشار", "قائد", "مدرب", "لاعب", "نجم", "نجمه",
    "ممثل", "ممثله", "معلق", "مسؤول", "مسؤوله", "محافظ", "امير", "ملك", "شيخ", "زعيم", "عالم",
    "خبير", "خبيره", "محلل", "محامي", "قاضي", "مبعوث", "مندوب", "منسق", "باحث", "كاتب",
    "دبلوماسي", "ضابط", "رجل", "امراه", "سيده", "شاب", "مخرج", "مشرف", "طبيب", "متهم",
    "مصدر", "مصادر", "عضو", "مواطن", "موظف", "فنان", "فنانه", "مغني", "مطرب", "زوجه",
    "عقيله", "حرم", "ارمله", "نجل", "شقيق", "شقيقه", "والد", "والده", "استشاري", "اخصائي",
}


def _clean_name_at(toks: list[_Token], i: int) -> bool:
    """A personal name of two or three words starts at ``toks[i]`` and ends cleanly (a
    comma, the end, a complementizer), its last word not a title or a place word."""
    j = _name_end(toks, i)
    return (2 <= j - i <= 3 and (j >= len(toks) or not _is_word(toks[j])
                                 or toks[j][1] in _COMPLEMENTIZERS or _addressee(toks[j][1]))
            and not _titleish(toks[j - 1][1]) and toks[j - 1][1] not in _ADJUNCT_WORDS)


def _addressee(fw: str) -> bool:
    """لمراسل، لوكالة، للصحفيين: whom the words were told."""
    return (fw[:1] == "ل" and fw[1:] in _ADDRESSEE_HEADS) or (
        fw.startswith("لل") and ("ال" + fw[2:]) in _ADDRESSEE_HEADS)


def _name_end(words: list[_Token], i: int) -> int:
    """End (exclusive) of the personal name starting at ``words[i]``.

    Names go on through particles (بن، أبو، آل، عبد) and undefined words, and end after a
    family name with ال (``عادل الجبير | جريمة``) unless a particle or the second half of a
    compound name (نور الدين، عبد الله) follows.
    """
    n = len(words)
    j = i + 1
    def_given = words[i][1] in _DEF_GIVEN  # الباجي قايد السبسي، الحبيب الصيد
    # أليكسي سوروكين: a given name opening with a hamza أل has no article
    no_article = def_given or (words[i][0][:2] in ("أل", "إل") and words[i][1] in _GIVEN_NAMES)
    while j < n and j - i < 8:
        fw_j, prev_j = words[j][1], words[j - 1][1]
        if not _is_word(words[j]) or (fw_j in _COMPLEMENTIZERS and "إ" in words[j][0]):
            break  # فإن is not the particle فان (لويس فان غال)
        if (len(words[j][0]) > 3 and _POSSESSIVE_RE.search(words[j][0]) and fw_j not in _NAME_SECONDS
                and fw_j not in _GIVEN_NAMES  # (عبدالله، عبده: given names that end like a possessive)
                and not (fw_j.endswith("الله") and len(fw_j) > 5)  # (جارالله، نصرالله)
                and not (j == i + 1 and words[i][1] in _GIVEN_NAMES)
                and not (j == i + 1 and i > 0 and words[i - 1][0] in "،," and (
                    j + 1 >= n or not _is_word(words[j + 1]) or words[j + 1][1] in _COMPLEMENTIZERS))):
            # أنجيه | أنصاره: a possessive noun is the object (but محرم إنجه is a name, and so
            # is "…، طوني زهره بأن": a name in apposition that ends cleanly)
            break
        if fw_j == "ابن" and j - i >= 2 and j + 1 < n and _definite(words[j + 1][1]):
            break  # غزاي الحربي | ابن السجين: a relation, not a patronym
        if fw_j in _OBJECT_MASDARS and j - i >= 2:
            break  # محمد سمير | مقتل 88 إرهابيا
        if fw_j[:1] == "ل" and fw_j[1:] in _ADDRESSEE_HEADS:
            break  # تجار | لفرانس برس: whom it was told
        if fw_j == "لو" and (j - i >= 2 or (  # (برونو لو مير إن: a two-word name too, ending cleanly)
                j + 2 >= n or not _is_word(words[j + 2]) or words[j + 2][1] in _COMPLEMENTIZERS)) and (
                j + 1 < n and _is_word(words[j + 1])) and (
                _is_name_word(words[j + 1][1]) and not _verb_like(words[j + 1][1])
                and words[j + 1][1] not in _KANA):
            j += 2  # جان إيف لو دريان: the French particle (not "if")
            continue
        if fw_j in ("ل", "ب"):
            break  # ليلى علي أكرمي | لـ«الشرق الأوسط»: a preposition written apart
        if fw_j in _NAME_PARTICLES or prev_j in _NAME_PARTICLES:
            j += 1
            continue
        if words[j][0] == "علي" and j - i <= 2 and (j + 1 >= n or not _is_word(words[j + 1]) or (
                words[j + 1][1] in _COMPLEMENTIZERS and "إ" in words[j + 1][0])):
            j += 1  # مدير المكتب أحمد علي، / … أحمد علي إن: the name ends there
            break
        if (words[j][0] == "علي" and j - i <= 2 and j + 1 < n and _is_word(words[j + 1])
                and (_is_name_word(words[j + 1][1])
                     or (_definite(words[j + 1][1]) and _nisba(words[j + 1][1])))):
            j += 1  # طلال علي الشمراني: the given name علي (written with ya), not the preposition
            continue
        if (j == i + 1 and words[i][1] in _GIVEN_NAMES and _titleish(fw_j) and not _definite(fw_j)
                and j + 1 < n and _is_word(words[j + 1]) and _is_nameish(words[j + 1][1])):
            j += 2  # هالة شيخ روحه: a family name that is also a title
            continue
        # محمد صالح العبيدي، فاضل مهدي هادي: a chain of given names is a patronymic name.
        patronymic = (all(w[1] in _GIVEN_NAMES for w in words[i + 1:j]) and (
            j - i == 2 or words[i][1] in _GIVEN_NAMES)) or def_given  # (ازدهار عبدالسلام المدني)
        # عبد الملك الحوثي: the word after عبد is the second half of the given name; رضا
        # شرف الدين، محمد فتح الله: الدين/الله close a compound with any name word before them.
        second = (prev_j in _NAME_SECONDS or (j - 2 >= i and words[j - 2][1] == "عبد")
                  or (fw_j in _COMPOUND_SECONDS and not _definite(prev_j))
                  or (prev_j == "العبد" and fw_j in _NAME_SECONDS)
                  or (_definite(prev_j) and fw_j == "الله" and j - 1 > i))
        if _definite(fw_j):
            if _definite(prev_j) and not second and not (no_article and j == i + 1):
                break
            if fw_j.startswith("لل") or (fw_j.startswith("بال") and (
                    j - i >= 2 or fw_j.endswith(("ات", "ين")))):  # (تركيا | بالغارات)
                break  # جميل بلقاسم | بالمستوى (but كارلس بالاريس، خوسيه باليه are names)
            if j - i > 1 and not any(w[1] in _NAME_PARTICLES for w in words[i:j]) and (
                    not second and not patronymic) and not (
                    # محمد عوضة الزهراني، محمود شاهين الأحول،: a family name after a given and a
                    # father's name, when the name ends cleanly there (a nisba in ي, or a
                    # masculine singular form: not a plural or a feminine adjective)
                    j - i == 2 and words[i][1] in _GIVEN_NAMES and (
                        (_nisba(fw_j) and fw_j.endswith("ي"))
                        or (len(fw_j) >= 5 and not fw_j.endswith(("ه", "ين", "ون", "ات", "ان", "يه"))
                            and (j + 1 >= n or words[j + 1][0] in "،,:")))  # (ناحشون | الحدث بأنه)
                    and fw_j not in _ADJUNCT_WORDS and not _titleish(fw_j)
                    and (j + 1 >= n or not _is_word(words[j + 1]) or words[j + 1][1] in _COMPLEMENTIZERS)):
                break  # جوستين ترودو | الكنديين
            # (A relational family name — البحيري، الحجري، القحطاني — is still a name.)
            family = j == i + 1 and words[i][1] in _GIVEN_NAMES and fw_j not in _HONORIFICS
            if ((_titleish(fw_j) and not family)  # سامي الخطيب: a family name, not "the preacher"
                    or fw_j in _ADJUNCT_WORDS or fw_j in _DOCUMENT_WORDS or fw_j[:2] in ("وا", "فا")
                    # رضا شرف الدين | بالحضور، جميل بلقاسم | بالمستوى: a preposition glued to a noun
                    or fw_j in _AFTER_NAME
                    # (إبراهيم | البالغ من العمر، فلان | المعروف بـ)
                    or (prev_j in _NAME_SECONDS and fw_j.startswith("كال"))):
                break
            j += 1
            if fw_j in _NAME_SECONDS:
                continue
            if j < n and (words[j][1] in _NAME_PARTICLES or (j - 1 > i and words[j][1] == "الله")
                          or (fw_j == "العبد" and words[j][1] in _NAME_SECONDS)):
                continue  # (العبد اللطيف، رامي الحمد الله: a family name in two words)
            break
        if _definite(prev_j) and not second and not (no_article and j == i + 1):
            break  # عادل الجبير | جريمة
        if not _is_name_word(fw_j) and not (
                # دوراني وزيري": a family name may begin with و when the name ends there.
                j == i + 1 and fw_j[:1] == "و" and len(fw_j) > 4 and not _definite(fw_j[1:])
                and _is_name_word(fw_j[1:]) and not _verb_like(fw_j[1:]) and fw_j not in _KIND_OF
                and (j + 1 >= n or not _is_word(words[j + 1]))):
            break
        if j - i >= 2 and not patronymic and not (
                j + 1 >= n or not _is_word(words[j + 1]) or _boundary(words[j + 1][1])):
            break  # بنيامين نتانياهو | بتبني النص: a third word only before a clean end
        j += 1
    return j


# Nouns of kinship and relation: with a possessive they are subjects (وقال زوجها، محاميهم).
_RELATIONS = {"زوج", "زوجت", "والد", "والدت", "ابن", "بنت", "ابنت", "شقيق", "شقيقت", "اخ", "اخو",
              "اخت", "نجل", "محامي", "مدرب", "ام", "اب", "ابو", "عم", "خال", "جد", "جدت", "صديق",
              "صديقت", "جار", "اسرت", "عائلت", "اهل", "ذوي", "زميل", "زملاء", "اقارب", "رفاق", "انصار"}
_ADDRESSEE_PRONOUNS = {"لي", "له", "لها", "لهم", "لنا", "لك", "لكم"}
_PREP_PRONOUNS = {"عليه", "عليها", "عليهم", "عليهما"}  # (ردّ عليه فلان: the subject follows)
_ANONYMITY_ASKS = {"طلب", "طالبا", "مفضلا", "فضل", "رفض", "اشترط", "مشترطا"}
_UNNAMED_VERBS = {"يذكر", "تذكر", "يكشف", "تكشف", "يفصح", "تفصح", "يرد", "ترد", "يسم", "تسم"}


def _unnamed(toks: list[_Token], i: int) -> int:
    """End of "لم يذكر اسمه" / "لم يكشف عن هويته" / "طلب عدم كشف هويته" at ``toks[i]`` (0 if
    it is not there)."""
    if (toks[i][1] in _ANONYMITY_ASKS and i + 3 < len(toks) and toks[i + 1][1] == "عدم"
            and _strip_prefix(toks[i + 2][1]).removeprefix("ال") in ("كشف", "ذكر", "نشر", "افصاح")):
        return _name_object_end(toks, i + 3)
    if i + 2 < len(toks) and toks[i + 1][1] in _UNNAMED_VERBS:
        return _name_object_end(toks, i + 2)
    return 0


def _name_object_end(toks: list[_Token], j: int) -> int:
    """End of "[عن] اسمه / هويته" at ``toks[j]`` (0 if it is not there)."""
    if toks[j][1] == "عن" and j + 1 < len(toks):
        j += 1
    return j + 1 if toks[j][1] in ("اسمه", "اسمها", "هويته", "هويتها", "اسمهم", "هويتهم") else 0


def _construct_plural(fw: str) -> bool:
    """A masculine plural participle in construct (مختصو، محامو، منظمو، مؤيدو), not a name
    that merely starts with م and ends with و (مورينيو، ماركو، موسكو; موقعو is lost to them)."""
    return (fw[:1] == "م" and fw.endswith("و") and len(fw) >= 5 and fw[1] not in "اوي"
            and ("ي" not in fw or (len(fw) <= 6 and fw.count("ي") == 1 and fw.index("ي") in (2, 3)))
            and fw not in _GIVEN_NAMES)


def _nationality(fwords: tuple[str, ...]) -> str | None:
    """The relational adjective right after a description's head (المدرب الألماني → ألماني)."""
    if len(fwords) > 1 and _nisba(_unglue(fwords[1])):
        return _bare(_unglue(fwords[1]))
    return None


def _particles(words: list[_Token]) -> int:
    """How many of ``words`` are patronymic particles or second halves of compound names
    (not أم or لا, which are also words of their own)."""
    return sum(w[1] in _PATRONYMIC or w[1] in _NAME_SECONDS for w in words)


_PATRONYMIC = {"بن", "ابن", "بنت", "عبد", "ابو", "ال"}


# Time words that may come between a verb and its subject (قال اليوم الثلاثاء الوزير …).
_TIME_LEAD = frozenset(fold(w) for w in (
    "اليوم", "أمس", "الأمس", "غدا", "صباح", "مساء", "ظهر", "ليلة", "يوم", "الأحد", "الاثنين",
    "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"))


def _time_lead(toks: list[_Token]) -> int:
    """How many tokens of time words (and their commas), or a lone comma before a definite
    word, open ``toks`` before the subject."""
    k = times = 0
    while k < len(toks) and k < 6 and (toks[k][1] in _TIME_LEAD or toks[k][0] in "،,"):
        times += toks[k][1] in _TIME_LEAD
        k += 1
    if (times and k < len(toks) and _is_word(toks[k])
            and toks[k - 1][1] not in ("يوم", "صباح", "مساء", "ظهر", "ليله")):  # (يوم | الأحد)
        return k
    if (len(toks) > 1 and toks[0][0] in "،," and _is_word(toks[1]) and _definite(toks[1][1])
            and toks[1][1] not in _ADJUNCT_WORDS):
        return 1  # أفادت، النقابة العامة …: a comma before the subject
    return 0


def _boundary(fw: str) -> bool:
    return fw in _ADJUNCT_WORDS or fw in _KIND_OF or fw in _COMPLEMENTIZERS or fw in _STOP_NP


@dataclass(slots=True)
class _NP:
    words: list[_Token]
    name: tuple[int, int] | None  # indexes into words
    next: int  # token index after the phrase


def _parse_np(toks: list[_Token], k: int, max_words: int = 14,
              known: Callable[[list[_Token], int], int | None] | None = None) -> _NP:
    """The noun phrase starting at ``toks[k]`` (a subject after a cue, or a title mention).

    A title chain (``وزير الخارجية السعودي``, ``المتحدث باسم الحكومة``, ``مدير العلاقات
    العامة في الوزارة``) may end in a personal name; prepositions carry on inside a title
    while no name has been found. A time word, an event noun (في تصريح), an addressee
    (لوكالة …), a complementizer or an undefined word after a definite non-title (the
    object: ``وصف البعض | تفريط …``) ends the phrase.
    """
    words: list[_Token] = []
    has_title = False
    i = k
    n = len(toks)
    while i < n and len(words) < max_words:
        tok = toks[i]
        if not _is_word(tok):
            if has_title and tok[0] in _OPEN_MARKS[:4] and _bare(words[0][1]) not in _BODY_HEADS:
                # المتحدث باسم الجماعة "قاري حمزة"، …: a person's name in marks after the title
                close = next((c for c in range(i + 1, min(n, i + 5)) if toks[c][0] in _CLOSE_MARKS), None)
                inner = toks[i + 1:close] if close is not None else []
                if (inner and all(_is_word(t) and (_is_nameish(t[1]) or t[1] in _NAME_SECONDS
                                                   or t[1] in _NAME_PARTICLES) for t in inner)
                        and not _verb_like(inner[0][1]) and close + 1 < n
                        and (toks[close + 1][0] in "،," or toks[close + 1][1] in _COMPLEMENTIZERS)):
                    start = len(words)
                    words.extend(inner)
                    return _NP(words, (start, len(words)), close + 1)
            if (tok[0] == "." and words and words[-1][1] in ("د", "م") and i + 1 < n
                    and _is_word(toks[i + 1])):
                i += 1  # الشيخ د. نهار بن عبدالرحمن: the abbreviated honorific's dot
                continue
            if words and words[-1][1] == "باسم" and tok[0] in _OPEN_MARKS[:4]:
                # المتحدث باسم "غوغل" في بلجيكا ميكيل ساليتس: the body in marks, the title goes on
                close = next((c for c in range(i + 1, min(n, i + 6)) if toks[c][0] in _CLOSE_MARKS), None)
                if close is not None and close > i + 1 and all(_is_word(t) for t in toks[i + 1:close]):
                    words.extend(toks[i + 1:close])
                    i = close + 1
                    continue
            if len(words) == 1 and tok[0] in _OPEN_MARKS and _bare(words[0][1]) in _BODY_HEADS:
                # صحيفة "هآرتس" الإسرائيلية، موقع "ذا درايف": a body named in marks.
                close = next((c for c in range(i + 1, min(n, i + 6)) if toks[c][0] in _CLOSE_MARKS), None)
                if close is not None and close > i + 1 and _is_word(toks[i + 1]) and all(
                        _is_word(t) or t[0] in ".-" for t in toks[i + 1:close]):  # (بي.سي ماجازين)
                    words.extend(toks[i + 1:close])
                    i = close + 1
                    if i < n and _is_word(toks[i]) and _nisba(toks[i][1]):
                        words.append(toks[i])
                        i += 1
                    return _NP(words, (1, len(words)), i)
            if (tok[0] in "،," and words and i + 1 < n and _is_word(toks[i + 1]) and (
                    (toks[i + 1][1] == "باسم" and _bare(words[-1][1]) in _SPOKESPEOPLE_RASMI)
                    or (toks[i + 1][1][:1] == "ب" and toks[i + 1][1][1:] in _PLACE_HEADS
                        and any(w[1] == "باسم" for w in words)))):
                i += 1  # المتحدث الرسمي، باسم هيئة الهلال الأحمر، بمنطقة المدينة: one title
                continue
            break
        fw = tok[1]
        prev = words[-1][1] if words else ""
        if fw in ("د", "م") and i + 2 < n and toks[i + 1][0] == "." and _is_word(toks[i + 2]):
            words.append(tok)  # د. / م.: an abbreviated honorific (the dot is skipped next)
            i += 1
            continue
        if (fw == "غير" and words and i + 1 < n and _is_word(toks[i + 1]) and not _definite(toks[i + 1][1])
                and toks[i + 1][1] not in _COMPLEMENTIZERS):
            words.extend(toks[i:i + 2])  # تقارير غير مؤكدة: غير and the adjective it negates
            i += 2
            continue
        if fw.isdigit() or (fw in ("ال", "الـ") and i + 1 < n and toks[i + 1][1].isdigit()):
            # فرانس 24، القناة الإسرائيلية الـ 10: a number closes a name; elsewhere it is
            # no part of a subject.
            if words and fw.isdigit() and (_is_nameish(prev) or prev in ("ال", "الـ")):
                words.append(tok)
                i += 1
            elif words and not fw.isdigit():
                words.extend(toks[i:i + 2])
                i += 2
            break
        if (fw in _KIND_OF or (fw in NON_SPEECH_FORMS and words) or fw in ("القول", "قوله", "قولها")
                # (after a complete phrase; قائد عملية تحرير عدن is a title)
                or (fw in _OBJECT_MASDARS and len(words) >= 2 and (
                    _definite(prev) or (_bare(words[0][1]) in ("مصدر", "مصادر")
                                        and prev.endswith(("ي", "يه", "يون", "يين")))))):
            break
        nxt = toks[i + 1][1] if i + 1 < n and _is_word(toks[i + 1]) else ""
        if (words and _construct_plural(prev) and len(words) == 1 and fw not in _COMPLEMENTIZERS
                and not _boundary(fw) and not (fw[:1] == "ل" and fw[1:] in _ADDRESSEE_HEADS)):
            words.append(tok)  # محامو رونالدو، منظمو ماراثون لندن: the construct's second term
            has_title = True
            i += 1
            if not _definite(fw) and not (i < n and _is_word(toks[i]) and (
                    _definite(toks[i][1]) or _is_nameish(toks[i][1]))):
                # an indefinite second term closes it unless a construct goes on (مسؤولو مجلس
                # الاحتياطي، منظمو ماراثون لندن): مستشارو ترمب | رئيس الوزراء الكندي is the object
                break
            continue
        if (fw[:1] == "ل" and not fw.startswith(("لل", "ال")) and len(fw) >= 5 and _definite(prev)
                and _bare(words[0][1]) in _BODY_HEADS and fw[1:] not in _GIVEN_NAMES
                and i + 2 < n and _is_word(toks[i + 1]) and _is_word(toks[i + 2])
                and not _definite(nxt) and toks[i + 2][1].startswith("ال") and nxt not in _COMPLEMENTIZERS
                and nxt not in _ADJUNCT_WORDS and not _verb_like(nxt) and not _addressee(fw)):
            words.extend(toks[i:i + 3])  # اللجنة التطوعية لتحسين أوضاع المطوفات: what the body is for
            i += 3
            continue
        if (fw == "بين" and prev.startswith("لل") and nxt.startswith("ال")
                and any(_bare(w[1]) in _BODY_HEADS for w in words)):
            words.extend(toks[i:i + 2])  # المركز الوطني للتنسيق بين الوكالات: the body's name goes on
            i += 2
            continue
        if words and fw in ("عنه", "عنها", "عنهم", "عنهما", "منه", "منها", "منهم"):
            break  # نقلت وكالات أنباء روسية | عنه قوله: from whom, not part of the subject
        if fw in _RANK_SECONDS and nxt and (prev in _HONORIFICS
                                            or (prev in _RANK_SECONDS and len(words) > 1)):
            words.append(tok)  # اللفتنانت | كولونيل جيري بيسانا: the rank's second word
            i += 1
            continue
        if fw in _SPEECH_OBJECTS and words and _definite(prev):
            break  # رفضت الشركة | الكشف عن …، رفض المتحدث | التعليق: what was refused
        if fw in ("هذه", "هذا") and words and has_title and _definite(nxt):
            words.append(tok)  # أحد مطلقي هذه المبادرة أشرف قرسان
            i += 1
            continue
        if fw == "عام" and words and _titleish(prev) and not _definite(prev):
            words.append(tok)  # كاتب عام، مدير عام: part of the title, not "a year"
            i += 1
            continue
        if has_title and fw in _ANONYMITY_ASKS and _unnamed(toks, i):
            i = _unnamed(toks, i)  # أحد سكان المدينة | مفضلا عدم الكشف عن اسمه: not part of who
            break
        if has_title and fw == "لم" and _unnamed(toks, i):
            j = _unnamed(toks, i)
            words.extend(toks[i:j])  # مسؤول لم يذكر اسمه في قصر الإيليزيه: part of the title
            i = j
            continue
        if fw == "اف" and nxt == "ام" and words:
            words.extend(toks[i:i + 2])  # مراسل الجوهرة أف أم في الجهة: the radio's name
            i += 2
            continue
        if fw == "ام" and prev in ("اف", "إف"):
            words.append(tok)  # مراسل جوهرة أف ام: the radio's FM, not "or"
            i += 1
            continue
        if fw in _PUBLISHED and words and _bare(words[0][1]) in _DOC_HEAD.values():
            break  # دراسة | أعدتها منظمة الصحة العالمية: its issuer follows
        if (fw in ("ل", "لـ", "ب", "بـ") or fw in _PRONOUN_SUBJECTS or fw in _STOP_NP
                or (fw[:1] in "وف" and fw[1:] in ("ليس", "ليست", "لا", "لم", "لن", "قد", "ما"))
                or (fw in _COMPLEMENTIZERS and not (fw == "فان" and "إ" not in tok[0] and not words))):
            break  # (فان without hamza opening a name is the particle: قال فان غال)
        if (not words and tok[0].endswith(("ها", "هم")) and len(fw) > 4 and fw not in _GIVEN_NAMES
                and not _titleish(fw) and _bare(fw) not in _BODY_HEADS and fw[:-2] not in _RELATIONS
                and fw[:-2] not in _RESOLVABLE_TITLES):
            break  # وأبدت امتنانها …: a noun with a possessive is the object, not the subject
        if not words and fw in _PREP_PRONOUNS:
            if nxt and (toks[i + 1][0].startswith("ال") or nxt in _GIVEN_NAMES):
                i += 1  # وردّت عليه الهيئة: a preposition with a pronoun, then the subject
                continue
            break
        if not words and fw in _ADDRESSEE_PRONOUNS:
            if (nxt and nxt not in _COMPLEMENTIZERS and nxt not in _ADJUNCT_WORDS and nxt not in _STOP_NP
                    and (_definite(nxt) or nxt in _GIVEN_NAMES or _titleish(nxt))):
                i += 1  # وقال لي الأستاذ / ذكر لهم الوزير: the addressee, then the subject
                continue
            break  # فذكر لي أني …: an addressee, the subject is a pronoun
        if not words and (fw in ("جميع", "كل", "كافه", "مختلف", "عموم") or fw in _OBJECT_NOUNS
                          # وأضاف مخاطبا المسؤولين: a circumstantial participle, not a subject
                          or (fw[:1] == "م" and fw.endswith("ا") and len(fw) >= 5 and fw not in _GIVEN_NAMES)
                          # إذ قالت لتلك الفتيات: an addressee
                          or (fw[:1] == "ل" and fw[1:] in ("تلك", "ذلك", "هذا", "هذه", "هؤلاء"))
                          # استمرار الحملة: a masdar object (not استشاري، a title)
                          or (fw.startswith("است") and len(fw) >= 6 and fw not in ("استشاري", "استشاريه"))
                          or nxt in ("هذا", "هذه", "ذلك", "تلك")):
            break  # an object after a verb whose subject is a pronoun (وطالب جميع الأحزاب …)
        # (علي with ya before a definite word is the name: مدير المنتخب علي الشعيلان)
        ali = tok[0] == "علي" and (prev in _HONORIFICS or nxt in ("بن", "ابن") or not words
                                   or (has_title and nxt.startswith("ال")))
        if fw in _ADJUNCT_WORDS and not ali:  # (the name علي, not the preposition على)
            carry = words and nxt and (
                (fw == "في" and has_title and nxt not in _EVENT_NOUNS and _bare(nxt) not in _EVENT_NOUNS
                and nxt not in _ADJUNCT_WORDS and nxt not in _MONTHS and nxt not in _DOCUMENT_WORDS)
                or (fw == "من" and prev in ("البعض", "عدد", "احد", "بعض", "مجموعه", "كثير"))
                # مسؤول من وزارة الخارجية الإسبانية، مصدر من المقاومة الشعبية: where he is from
                or (fw == "من" and has_title and not _definite(words[0][1]) and len(words) <= 2
                    and (_bare(nxt) in _BODY_HEADS or _definite(nxt)) and nxt not in _ADJUNCT_WORDS)
                # سفيرة بريطانيا لدى الأمم المتحدة: an envoy's posting is part of the title
                or (fw in ("لدي", "لدى") and any(_bare(w[1]) in _ENVOYS for w in words))
                # النائب عن حركة الشعب سالم لبيض: a member of parliament for a party or region
                or (fw == "عن" and any(_bare(w[1]) in ("نائب", "نائبه", "ممثل", "ممثله") for w in words)
                    and nxt not in _EVENT_NOUNS and _bare(nxt) not in _EVENT_NOUNS))
            if not carry:
                break
            words.append(tok)
            i += 1
            continue
        if (len(words) == 1 and ("ال" + prev) in _DOCUMENT_WORDS and fw[:1] == "ل"
                and (_bare(fw[1:]) in _BODY_HEADS or _bare(_unglue(fw)) in _BODY_HEADS)):
            words.append(tok)  # بلاغ لوزارة الفلاحة، بيان للحكومة: the body that issued it
            has_title = True
            i += 1
            continue
        if (words and fw[:1] == "ل" and not fw.startswith(("لل", "ال")) and _bare(fw[1:]) in _BODY_HEADS
                and _definite(prev) and (
                    any(w[1].startswith("بال") for w in words[1:])
                    or (_bare(fw[1:]) in _HEARING_BODIES and not _titleish(words[0][1])
                        and _bare(words[0][1]) not in _BODY_HEADS and _nisba(prev)))):
            # مسؤول كبير بالأمم المتحدة | لمجلس الأمن، الادعاء الملكي | لمحكمة أولد بيلي: after a
            # complete phrase, ل and a body is whom the words were addressed to
            break
        base = _strip_prefix(fw)
        if fw[:1] == "ل" and not fw.startswith(("لل", "ال")) and words and (
                base in _ADDRESSEE_HEADS or base in _EVENT_NOUNS):
            break
        if fw.startswith("لل") and ("ال" + fw[2:]) in _ADDRESSEE_HEADS:
            break
        if not words and fw[:1] == "ل" and base in _ADDRESSEE_HEADS:
            break  # وقال لمراسل "الجوهرة": an addressee, the subject is a pronoun
        if fw[:1] == "ب" and (base in _EVENT_NOUNS or base in _ADJUNCT_WORDS or base in _MASDAR_CUES
                              or base in ("القول", "الاشاره")):  # ردّت الهيئة | بالتأكيد أنه
            break
        if not words and (_oblique_plural(fw) or (_accusative(tok, toks[i + 1] if i + 1 < n else None)
                                                  and not _alef_given(toks, i))
                          or fw.startswith(("بال", "لل", "كال", "وبال"))
                          or (fw[:1] in "لب" and fw not in _GIVEN_NAMES
                              and (_POSSESSIVE_RE.search(tok[0]) or fw.endswith(("يه", "يها", "يهم"))))):
            break  # an oblique plural (حث الكنديين) or an accusative (اقترح تمويلا داخليا) is an object
        nameish = (_is_nameish(fw) or fw in ("ابو", "عبد", "ابن") or tok[0] == "علي") and not (
            # (عبدالله ends like a possessive noun but is a given name)
            len(tok[0]) > 3 and _POSSESSIVE_RE.search(tok[0]) and fw not in _GIVEN_NAMES
        ) and fw not in _RELATIONS and not (
            fw in _QUANTIFIERS or fw == "عده")  # (أقارب، عدة مسؤولين: not names)
        if (nameish and not words and _plural_subject(fw)
                and known is not None and not known(toks, i) and i + 1 < n and _is_word(toks[i + 1])
                and (toks[i + 1][1] in _GIVEN_NAMES or known(toks, i + 1))):
            nameish = False  # ويتهم معارضون | أردوغان: a plural subject (not the construct -و), its object
        if tok[0][:2] in ("أل", "إل") and fw in _GIVEN_NAMES:
            nameish = True  # أليكسي سوروكين: a hamza أل is no article
        if fw == "ابو" and len(words) == 1 and words[0][0].startswith("ال") and nxt and _titleish(prev):
            nameish = True  # المطرب أبو الليف: a kunya after a role noun (not a relation)
        if prev in _SAINTS:
            nameish = False  # ساو باولو، سان بطرسبرغ: a saint's name is a city's
        if fw == "باسم" and any(_bare(w[1]) in _SPOKESPEOPLE for w in words) and not any(
                w[1] == "باسم" for w in words):
            nameish = False  # الناطق الرسمي باسم المحكمة: "on behalf of", not the name باسم
        alef_given = (not nameish and (not words or has_title or prev in _HONORIFICS)
                      and _alef_given(toks, i))
        if alef_given:
            nameish = True  # تيسا ليونز، نيكولا ستورجن: a given name ending in alef
        if (fw in _DEF_GIVEN and has_title and nxt and nxt != "العام" and not _titleish(nxt)
                and not nxt.startswith(("لل", "بال"))  # (مساعد الأمين للعلاقات العامة: a title)
                and nxt not in _ADJUNCT_WORDS and nxt not in _KIND_OF and nxt not in _COMPLEMENTIZERS):
            nameish = True  # رئيس الحكومة الحبيب الصيد (not الأمين العام)
        if (nameish and words and has_title and fw[:1] in "بل" and len(fw) > 3 and fw not in _GIVEN_NAMES
                and _definite(prev) and nxt in _GIVEN_NAMES and nxt not in _AMBIGUOUS_NAMES
                and not _verb_like(fw) and prev not in _HONORIFICS and not _titleish(prev)
                and not _addressee(fw) and not _titleish(fw[1:].removesuffix("نا"))):  # (لمراسلتنا)
            words.append(tok)  # الرئيس التنفيذي لتويتر | جاك دورسي: the body, then the name
            i += 1
            continue
        if (nameish and words and fw[:1] in "بل" and fw not in _GIVEN_NAMES and _definite(prev)
                and prev not in _HONORIFICS  # (العقيد بلحسن الوسلاتي: a name after a rank)
                and not (_nisba(prev) and i + 1 < n and _is_word(toks[i + 1])
                         and not _definite(toks[i + 1][1]) and _name_end(toks, i) - i >= 2)):
            nameish = False  # رئيس فرع الإفتاء بعسير: a place after ب/ل (برنارد هيكل is a name)
        # (a title with a possessive pronoun, رئيسه، is definite too — but not وكالة, whose
        # folded ta marbuta looks the same)
        prev_def = _definite(prev) or (words[-1][0].endswith(("ه", "ها", "هم")) and _titleish(prev)
                                       if words else False)
        after_body = has_title and not prev_def and any(w[1] in ("عن", "باسم") for w in words[:-2])
        ranked = prev in _RANK_SECONDS and any(w[1] in _HONORIFICS for w in words[:-1])
        regular = (not words or prev in _HONORIFICS or ranked or (prev_def and (has_title or _nisba(prev)))
                   # … لنصرة الأشقاء في لبنان وليد بن على الجلال: a given name ends the title
                   or (has_title and fw in _GIVEN_NAMES and fw not in _AMBIGUOUS_NAMES)
                   # كاتب عام بلدية قصر هلال عادل البك،: a name that is also a word (just,
                   # happy) opens a two- or three-word name that ends cleanly after the title
                   or (has_title and fw in _AMBIGUOUS_NAMES and fw in _GIVEN_NAMES
                       and fw not in _NAME_PARTICLES and fw not in ("عبد", "الدين")
                       and _bare(_strip_prefix(prev)) not in _BODY_HEADS  # (لمؤسسة سالم بن محفوظ)
                       and _strip_prefix(prev) not in _NAMED_PLACES and prev not in _GIVEN_NAMES
                       and _clean_name_at(toks, i))
                   or (has_title and alef_given)  # رئيسة وزراء اسكتلندا نيكولا ستورجن
                   # المنشد سمير البشيري، الفنان محمد عبده: a definite role noun, then a name
                   or (len(words) == 1 and words[0][0].startswith("ال")
                       and ((fw in _GIVEN_NAMES and fw not in _AMBIGUOUS_NAMES) or fw == "ابو")
                       and prev not in _GENERIC_SUBJECTS))  # (المطرب أبو الليف)
        if (nameish and fw in _GIVEN_NAMES and len(words) >= 2 and _bare(words[0][1]) in _BODY_HEADS
                and _definite(prev)
                and not any(_titleish(w[1]) and _bare(w[1]) not in _BODY_HEADS for w in words)
                and not (known and known(toks, i))):
            break  # دعت وزارة الخدمة المدنية | أسماء …: a given name after a body is its object
        if nameish and (regular or after_body):
            j = (known(toks, i) if known else None) or _name_end(toks, i)
            if prev in ("الملك", "الامير") and len(words) >= 2 and (
                    _bare(_strip_prefix(words[-2][1])) in _BODY_HEADS
                    or _bare(_strip_prefix(words[-2][1])) in _PLACE_HEADS):
                # مركز الملك عبدالله بن عبدالعزيز الدولي، مدينة الملك عبدالله الطبية: the
                # king's name is part of the body's, and the chain goes on to its person.
                words.extend(toks[i:j])
                i = j
                continue
            if (not words or (fw in _GIVEN_NAMES and fw not in _AMBIGUOUS_NAMES) or prev in _HONORIFICS
                    or ((fw in _GIVEN_NAMES or fw in _DEF_GIVEN) and regular)
                    # (بن، عبد and the الله of a compound do not make a name longer:
                    # مدير المتحف حمود عبد الله الغامدي is a three-name name)
                    # (not after a glued preposition: المدرب الفرنسي | لريال زين الدين زيدان)
                    or (j - i - (_particles(toks[i + 1:j]) if regular and fw[:1] not in "لب" else 0) <= 3
                        and (j >= n or not _is_word(toks[j]) or toks[j][1] in _ADJUNCT_WORDS
                             or toks[j][1] in _KIND_OF or toks[j][1] in _COMPLEMENTIZERS
                             or (toks[j][1][:1] == "ل" and toks[j][1][1:] in _ADDRESSEE_HEADS)
                             or (j - i >= 2 and _verb_like(toks[j][1].removesuffix("ه")))))):
                # (رئيس الوزراء السابق سيلفيو بيرلسكوني يحرمه …: the name, then a verb)
                if not regular and j - i == 3 and fw not in _GIVEN_NAMES:
                    words.append(toks[i])  # عن حزب نداء تونس | زهرة إدريس: the body's last word
                    i += 1
                start = len(words)
                while start >= 2 and words[start - 1][1] in ("بن", "ابن", "بنت") and (
                        _is_name_word(words[start - 2][1])):
                    start -= 2  # أمين منطقة عسير صالح بن عبدالله القاضي: the name began earlier
                words.extend(toks[i:j])
                if _construct_plural(words[0][1]):
                    return _NP(words, None, j)  # منتقدو الرئيس … أردوغان: his critics speak
                return _NP(words, (start, len(words)), j)
            if regular:
                break  # an object after a complete title (الرئيس الروسي | دعمه …)
            # (after_body: "عن حزب نداء تونس …" — the body's own name, read on as a chain)
        if words and not _definite(fw) and _definite(prev) and not (
                _titleish(fw) or fw == "باسم" or (has_title and fw[:1] == "ب" and len(fw) > 3
                                               and not fw.endswith(("ات", "ائج"))  # بنتائج: an object
                                               and fw[1:] not in _NEGATIONS  # بعدم تناول …
                                               and nxt[:1] != "و"
                                               and nxt not in _ADJUNCT_WORDS and nxt not in _KIND_OF)
                # برنامج الصحة التابع لمركز التجارة العالمي: what the body belongs to
                or (prev in ("التابع", "التابعه") and fw[:1] == "ل" and len(fw) > 3)
                # المرصد السوري لحقوق الإنسان، المركز الوطني للأرصاد: a body's full name.
                or (any(_bare(w[1]) in _BODY_HEADS for w in words) and fw[:1] == "ل" and len(fw) > 3
                    and (fw.startswith("لل") or nxt.startswith(("ال", "وال"))
                         or (nxt[:1] == "و" and len(nxt) > 4 and not _verb_like(nxt))))
                or (has_title and (
                    (fw[:1] == "و" and nxt.startswith("ال"))
                    or (fw[:1] in "بل" and (fw[1:] in _PLACE_HEADS or fw[1:] in _BODY_HEADS))))):
            break  # an object after the subject
        if (words and fw == "رويترز" and prev not in ("في", "من", "ل") and not _titleish(prev)
                and _bare(prev) not in _BODY_HEADS and prev not in ("مراسل", "مراسلو")):
            break  # وأبلغ المتحدث باسم فينيفست | رويترز: the agency told
        if (len(words) == 1 and _definite(prev) and fw.startswith("الم") and fw.endswith("ين")
                and len(fw) > 6 and not _titleish(fw) and fw != "المسلمين"):
            break  # ونبهت الوزارة | المواطنين إلى أن: an oblique plural after the subject is the object
        if (len(words) == 1 and prev in _DOCUMENT_WORDS and tok[0].startswith("ال") and not _nisba(fw)
                and not _adjective_form(fw) and fw not in _ADJECTIVES and not _titleish(fw)
                and _bare(fw) not in _BODY_HEADS):
            break  # ووصف التقرير | التباطؤ بـ"المؤقت": after a document, a definite noun is the object
        if (len(words) >= 2 and _nisba(prev) and not _definite(fw) and _bare(words[0][1]) in _BODY_HEADS
                and (_bare(fw) in _BODY_HEADS or _titleish(fw)) and fw[:1] != "و"
                and (nxt.startswith("ال") or _titleish(nxt))):
            break  # وحمّلت منظمة التحرير الفلسطينية | حكومة رئيس الوزراء …: the object
        if (words and tok[0].startswith("ال") and _nisba(prev) and fw not in _DEF_GIVEN
                and fw not in _HONORIFICS
                and not (_nisba(fw) or _titleish(fw) or fw in _ADJECTIVES or _adjective_form(fw))):
            break  # إدارة المسرح الوطني التونسي | الحملة: after an adjective, a definite noun is an object
        if (words and not _definite(fw) and not _definite(prev) and not has_title
                and not (_titleish(fw) or prev in ("في", "من") or fw[:1] == "و"
                         or prev in _QUANTIFIERS or prev == "عده"  # عدة مسؤولين حاليين
                         # تقارير إعلامية مصرية، معلومات أولية: a source and its adjectives
                         or (words[0][1] in _SOURCE_NOUNS and fw.endswith(("يه", "ي", "ه")))
                         # وكالات أنباء، شركة طيران: a body's head and its construct noun
                         or (len(words) == 1 and _bare(prev) in _BODY_HEADS and fw in _SOURCE_NOUNS))
                and not (_is_nameish(prev) and nameish)):
            break  # two undefined words that are neither a title chain nor a name
        words.append(tok)
        if _titleish(fw) or _nisba(fw):
            has_title = True
        i += 1
    # A phrase never ends on a preposition.
    while words and words[-1][1] in ("في", "من"):
        words.pop()
        i -= 1
    return _NP(words, None, i)


def _phrase_end(words: list[_Token]) -> int:
    """Where a noun phrase read from an object or a genitive stops before what follows it
    there: a verb (دراسة | نشرت), a participle of issuing (تقرير | صادر), a noun with a pronoun
    (حكومة | بلاده), a noun with a preposition (شركة أسمنت نجران | بتوزيع), a prepositional
    phrase that names no place or body (في مجال …), an undefined noun after an undefined
    adjective (علماء أمريكيون | مجسات), a definite noun after a definite non-title noun."""
    for k in range(1, len(words)):
        fw, raw, prev = words[k][1], words[k][0], words[k - 1][1]
        nxt = words[k + 1][1] if k + 1 < len(words) else ""
        if ((_verb_like(fw) and fw[:1] != "س") or fw in _ISSUED or _POSSESSIVE_RE.search(raw)
                or (len(fw) > 4 and fw.endswith(("ها", "هم", "هما"))) or fw in _COMPLEMENTIZERS
                or (fw[:1] in "بل" and len(fw) >= 5 and not fw.startswith(("بال", "لل"))
                    and not _nisba(fw) and prev not in _SAINTS)
                or (fw in ("في", "من") and not (_definite(nxt) or _bare(nxt) in _BODY_HEADS
                                              or nxt in _PLACE_HEADS))
                or (not _definite(fw) and not _definite(prev)
                    and (prev.endswith(("يه", "يون")) or (prev.endswith("ي") and len(prev) >= 6))
                    and _bare(prev) not in _BODY_HEADS and prev not in _PLACE_HEADS
                    and prev not in _STATE_HEADS
                    and not fw.endswith(("ي", "يه", "يون")) and fw not in ("في", "من"))
                or (k >= 2 and fw.startswith("ال") and not (_nisba(fw) or fw in _ADJECTIVES)
                    and _definite(prev) and not _titleish(prev) and _bare(prev) not in _BODY_HEADS)):
            return k
    return len(words)


def _strip_def(fwords: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in fwords)


def _clean_name(words: list[_Token]) -> list[_Token]:
    """Drop leading honorifics (الدكتور، الشيخ، صاحب السمو الملكي …)."""
    while len(words) > 1 and words[0][1] in _HONORIFICS and not (
            # الفريق الطبي، الفريق البحثي: the team, not the rank before a name
            words[0][1] == "الفريق" and _definite(words[1][1]) and words[1][1] not in _DEF_GIVEN):
        words = words[1:]
        while len(words) > 1 and words[0][1] in _RANK_SECONDS:
            words = words[1:]
    return words


def _join_hyphens(toks: list[_Token]) -> list[_Token]:
    """Letters joined by a hyphen with no blank (كيم جونغ-أون، شوي سونغ-ريونغ، جان-كريستوف)
    are one word: a name part, not two words and a dash."""
    out: list[_Token] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        while (k + 2 < len(toks) and toks[k + 1][0] == "-" and tok[0].isalpha() and toks[k + 2][0].isalpha()
               and tok[3] == toks[k + 1][2] and toks[k + 1][3] == toks[k + 2][2]):
            nxt = toks[k + 2]
            tok = (tok[0] + "-" + nxt[0], tok[1] + "-" + nxt[1], tok[2], nxt[3])
            k += 2
        out.append(tok)
        k += 1
    return out


def _join(words: list[_Token]) -> str:
    """The words as one string; tokens that touch in the text stay together (بي.سي)."""
    out = []
    for k, w in enumerate(words):
        if k and w[2] != words[k - 1][3]:
            out.append(" ")
        out.append(w[0])
    return "".join(out)


def _fold_words(phrase: str | None) -> tuple[str, ...]:
    return tuple(_fold(w) for w in _WORD_RE.findall(phrase)) if phrase else ()


# --- speaker memory ------------------------------------------------------------------------

@dataclass(slots=True)
class _Mention:
    pos: int  # where the article mentions it
    name: str | None  # a personal or proper name, as written
    title: str | None  # the title or body phrase it came with
    fname: tuple[str, ...] = ()
    ftitle: tuple[str, ...] = ()


_MEMORY_SPAN = 300  # mentions searched back: bounds the work on a pathological text
_WINDOW = 20_000  # characters searched around a marked span for the same words unmarked


class _Memory:
    """Full mentions seen so far, to resolve family names, titles, documents and pronouns."""

    def __init__(self) -> None:
        self.mentions: list[_Mention] = []
        self.last_speaker: str | None = None
        self.issuers: dict[str, str] = {}  # document noun → the speaker that issued it

    def add(self, name: str | None, title: str | None, pos: int) -> None:
        """Remember a mention; the list stays in text order (mentions are read lazily)."""
        if name or title:
            bisect.insort(self.mentions, _Mention(pos, name, title, _fold_words(name), _fold_words(title)),
                          key=lambda m: m.pos)

    def by_name(self, fwords: tuple[str, ...]) -> str | None:
        """The fullest earlier name ending with these words (العمري → خالد العمري)."""
        best: str | None = None
        best_len = 0
        n = len(fwords)
        if not n:
            return None
        for m in reversed(self.mentions[-_MEMORY_SPAN:]):
            if m.name and len(m.fname) >= n and len(m.fname) > best_len and m.fname[-n:] == fwords:
                best, best_len = m.name, len(m.fname)
        if best is None and fwords[0] not in _NAME_PARTICLES and n <= 3:
            # وأشار غزاي: a first name alone, when one earlier full name starts with it;
            # أحمد فوزي: a name cut short of an earlier أحمد فوزي عبد القهار.
            firsts = {m.name for m in self.mentions[-_MEMORY_SPAN:]
                      if m.name and len(m.fname) > n and m.fname[:n] == fwords}
            if len(firsts) == 1:
                best = firsts.pop()
        return best

    def by_title(self, fwords: tuple[str, ...]) -> str | None:
        """The speaker an earlier mention with this title (or the same head noun) had.

        A bare title (الوزير) takes the nearest mention with that head; a longer one
        (رئيس فرع الإفتاء) only a mention whose title holds all its words, so that "وزير
        الخارجية الأمريكي" does not become an earlier "وزير الخارجية السعودي"."""
        head = _bare(fwords[0])
        want = {_bare(_unglue(w)) for w in fwords if w not in ("في", "من")
                and not (w[:1] in "بل" and not w.startswith(("بال", "لل")))}  # not بعسير
        best: _Mention | None = None
        best_score = 0
        for m in reversed(self.mentions[-_MEMORY_SPAN:]):
            if not m.ftitle:
                continue
            mhead = _bare(m.ftitle[0])
            if mhead in _SPOUSE and head in _SPOUSE:
                mhead = head  # زوجة الرئيس … عقيلة الرئيس
            if mhead != head and not (head == "وزاره" and m.ftitle[0] in _PORTFOLIOS and len(m.ftitle) <= 2):
                continue  # (الخارجية الفلسطينية is a ministry: a later "الوزارة")
            have = {_bare(w) for w in m.ftitle} | {mhead, head}
            if len(want) > 1 and not want <= have:
                continue
            score = len(want & have)
            if score > best_score:
                best, best_score = m, score
        if best is None and len(want) > 1 and head in _RESOLVABLE_TITLES and head not in _BODY_HEADS:
            # المشرف العام على وكالة التنمية → "مستشار أمير منطقة مكة المكرمة المشرف العام
            # … هشام الفالح": a title held as the second part of a longer one
            for m in reversed(self.mentions[-_MEMORY_SPAN:]):
                if m.name and len(m.ftitle) > len(fwords) and want <= {_bare(w) for w in m.ftitle} and any(
                        m.ftitle[k:k + 2] == fwords[:2] for k in range(1, len(m.ftitle) - 1)):
                    return m.name
        if (best is None or best.name is None) and head in _EPITHETS:
            # (the best may be this very phrase, remembered unnamed when first read)
            named = self._one_named(head, _nationality(fwords))
            if named:
                return named
        return (best.name or best.title) if best else None

    def _one_named(self, head: str, nationality: str | None) -> str | None:
        """لاعب الوسط → the one person named earlier (given and family name) with that head
        noun (اللاعب الألماني مسعود أوزيل), unless he was introduced with another
        nationality (المدرب البرتغالي is not "المدرب الألماني يورغن كلوب"; but "مدرب نيوكاسل
        الإنجليزي" names the club's, not his)."""
        names = set()
        for m in self.mentions[-_MEMORY_SPAN:]:
            # (a one-word "name" may be a misread object: اللاعب | أداء لافتا)
            if not (m.name and " " in m.name and m.ftitle and _bare(m.ftitle[0]) == head):
                continue
            theirs = _nationality(m.ftitle)
            if nationality is None or theirs is None or nationality == theirs:
                names.add(m.name)
        return names.pop() if len(names) == 1 else None


# --- the extractor -------------------------------------------------------------------------

@dataclass(slots=True)
class _Cue:
    word: str  # as written
    start: int
    end: int
    kind: str  # verb, attrib, part, masdar, tail, jaa
    rel: bool = False  # opens a relative clause: "الذي أكد"، "التي قالت"


@dataclass(slots=True)
class _Subject:
    speaker: str | None  # resolved speaker, None for a pronoun subject or an unknown writer
    explicit: bool  # a subject is written (so it does not inherit one)
    end: int  # where the subject phrase ends
    names: tuple[str, ...] = ()  # marked names inside the subject (أكدت "رويترز")


@dataclass(slots=True)
class _Report:
    cue: _Cue
    start: int  # clause start (after the complementizer)
    end: int
    speaker: str | None
    marked: bool  # the clause opens with a quote mark: a direct quote


# Given names that are also common words (أمل hope, نور light, سعيد happy …) do not start a
# mention on their own.
_AMBIGUOUS_NAMES = frozenset(fold(w) for w in """
أمل نور سعيد كريم جميل أمين صالح حسن فريد منير رشيد حكيم مبارك راشد عادل نصر بدر عيد سالم فاضل
عزيز شريف حميد نعيم مجيد ربيع هادي صادق حبيب وفاء إيمان هدى جمال كمال ماجد سلطان عمر بكر رجب
رمضان منصور مختار وحيد موفق بشير أمجد أنور توفيق سليم غالب زين حافظ حازم حامد ناصر عبد مون شي
كيم بن علي مراد خلف جابر فارس قاسم سامي شادي طارق عماد هشام الدين فيصل مروان ماهر تامر
""".split())  # noqa: SIM905 (a word list reads best as text)
_CAT_CUE, _CAT_COMP, _CAT_TITLE, _CAT_GIVEN, _CAT_JAA = 1, 2, 4, 8, 16
_TITLE_FORMS = {
    p + t for t in ("رئيس", "وزير", "وزيره", "مدير", "مديره", "متحدث", "متحدثه", "ناطق", "امين",
                    "سفير", "نائب", "مستشار", "قائد", "مدرب", "لاعب", "نجم", "ممثل", "معلق", "عضو",
                    "محافظ", "امير", "ملك", "شيخ", "دكتور", "مهندس", "سيد", "زعيم", "عالم", "باحث",
                    "خبير", "محلل", "رئيسه", "زوجه", "عقيله", "حرم")
    for p in ("", "ال", "وال", "بال", "لل")
} | {"رئيسها", "رئيسه", "وزيرها", "مديرها", "زعيمها", "قائدها"}
_COMP_FORMS = {p + b + c + s for p in ("", "و") for b in ("", "ب") for c in ("ان",)
               for s in ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "كم")} | {
    "فان", "فانه", "فانها", "فانهم"}
# Nationalities that introduce a name with no title (قال إن السويسري سيب بلاتر تخلى …): read
# as mentions, for a later family name alone (بلاتر).
_NATIONALITIES = frozenset(fold("ال" + base + end) for base in """
سويسري ألماني فرنسي أمريكي أميركي بريطاني روسي إيطالي إسباني برتغالي هولندي بلجيكي تركي
إيراني إسرائيلي فلسطيني مصري سعودي إماراتي قطري كويتي بحريني عماني يمني عراقي سوري لبناني
أردني تونسي جزائري مغربي ليبي سوداني صيني ياباني كوري هندي باكستاني أفغاني كندي أسترالي
برازيلي أرجنتيني مكسيكي نيجيري سويدي نرويجي دنماركي نمساوي بولندي أوكراني يوناني كرواتي
صربي إيرلندي اسكتلندي أوروغوياني كولومبي تشيلي بلغاري روماني مجري تشيكي فنزويلي كوبي
""".split() for end in ("", "ة"))  # noqa: SIM905 (a word list reads best as text)
_CAT_NATION, _CAT_BIN = 32, 64
_SCAN_WORDS: dict[str, int] = {}
for _words, _cat in ((set(_KIND_OF), _CAT_CUE), (_COMP_FORMS, _CAT_COMP), (_TITLE_FORMS, _CAT_TITLE),
                     (_GIVEN_NAMES - _AMBIGUOUS_NAMES, _CAT_GIVEN),
                     (_NATIONALITIES, _CAT_NATION), ({"بن"}, _CAT_BIN),
                     ({"جاء", "ورد", "وجاء", "وورد", "فجاء", "جاءت", "وجاءت", "وردت"}, _CAT_JAA)):
    for _w in _words:
        _SCAN_WORDS[_w] = _SCAN_WORDS.get(_w, 0) | _cat


def _shadda_trie(words: set[str]) -> str:
    """A trie alternation tolerant of a shadda or a tanween fath (مشيرًا) inside words and of
    any diacritics at the end: cheaper than allowing every diacritic after every letter."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [_CHAR_CLASS.get(ch, re.escape(ch)) + "[\u064B\u0651]?" + emit(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_SCAN_RE = re.compile(r"(?<![\w\u064B-\u0652])" + _shadda_trie(set(_SCAN_WORDS))
                      + r"[\u064B-\u0652\u0670\u0640]*(?![\w\u064B-\u0652\u0640])")
_FI_RE = re.compile(r"\s+في\s")
# The word before a cue: "مما يشير إلى أن", "وهو ما يؤكد أن" (the writer's inference), "كيف
# يطالب" (a question), "بينها وبين" (between), "الذي أكد" (a relative clause).
_CUE_PREV_RE = re.compile(r"(?:^|\s)(\w+)\s+$")
_NOT_CUE_AFTER = {"ما", "مما", "بما", "عما", "كيف", "هل", "لماذا"}
_OFTEN_RE = re.compile(r"(?:غالبا|غالباً|كثيرا|كثيراً|نادرا|نادراً|طالما|قلما)\s+$")
_RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي", "اللواتي"}
_OWN_WORDS_RE = re.compile(r"\s+(?:تعبير|قول|وصف)(?:ه|ها|هم)(?!\w)")
_LEGAL_TAIL_RE = re.compile(r"\s*(?:ل|لـ\s*)?(?:مقتضيات|احكام|أحكام|لأحكام|القانون|للقانون|قانون|الفصل|"
                            r"للفصل|المادة|للمادة|الدستور|للدستور|نص|لنص|الاتفاق|للاتفاق|اتفاق|القرار|"
                            r"للقرار|قرار|الإجراءات|للإجراءات|الاجراءات|التعليمات|للتعليمات|المعايير)")


class _Article:
    """State for one article: text, marks, cue hits, speaker memory."""

    def __init__(self, text: str, sentences: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        marks = marked_spans(text)
        self.sents = sentences if sentences is not None else split_sentences(text, marks)
        self.sent_starts = [s for s, _ in self.sents]
        if any(u for _, _, u in marks):
            # An unclosed mark (a typo) is taken to end with its sentence: the cues of the
            # sentences after it are the article's, not words inside a quotation. When it
            # holds a short name and then a complementizer (لمراسلة "الجوهرة أف أم إنه تم …),
            # the name is all it marks.
            fixed = []
            for s, e, u in marks:
                if u:
                    if self.sents:
                        e = min(e, self.sents[max(0, bisect.bisect_right(self.sent_starts, s) - 1)][1])
                    m = _UNCLOSED_NAME_RE.match(text, s, e)
                    if m:
                        e = m.end(1)
                fixed.append((s, e, u))
            marks = fixed
        self.marks = marks
        self.mark_starts = [s for s, _, _ in self.marks]
        self.memory = _Memory()
        self.comps: list[tuple[int, int, str]] = []
        self.mention_hits: list[int] = []  # title words and given names
        self.cues = self._scan()
        self.cue_starts = [c.start for c in self.cues]
        self.comp_starts = [c[0] for c in self.comps]
        self.hit_index = 0  # mention_hits before this index are read
        self.called_upto = 0  # "يدعى «…»" names before this offset are read
        self.covered_until = 0  # a given name before this offset is part of a read mention
        self.cur_end = 0  # end of the sentence being processed
        self.pending: list[tuple[int, int, list[_Cue]]] = []  # quote-less sentences with cues
        self.quoting = False  # the previous sentence quoted someone
        self._marked_text: str | None = None  # all marked spans, for _is_name_or_term
        self.terms: set[str] = set()  # marked spans already read as names or terms

    def inside_mark(self, pos: int) -> tuple[int, int, bool] | None:
        i = bisect.bisect_right(self.mark_starts, pos) - 1
        if i >= 0 and self.marks[i][0] <= pos < self.marks[i][1]:
            return self.marks[i]
        return None

    def _scan(self) -> list[_Cue]:
        """One regex pass for every word the extractor looks for: cues, complementizers,
        titles and given names (the latter two only to remember who is who)."""
        text = self.text
        cues: list[_Cue] = []
        for m in _SCAN_RE.finditer(text):
            word, start = m.group(), m.start()
            fw = _fold(word)
            cat = _SCAN_WORDS.get(fw, 0)
            if cat & (_CAT_TITLE | _CAT_GIVEN | _CAT_NATION | _CAT_BIN):
                self.mention_hits.append(start)
            if not cat & (_CAT_CUE | _CAT_COMP | _CAT_JAA) or self.inside_mark(start):
                continue
            rel = False
            if cat & _CAT_CUE and word == "آري":
                cat &= ~_CAT_CUE  # آري بلف: a name with a madda, not "أرى" (I think)
            if cat & _CAT_CUE and fw.removeprefix("و") in ("تفيد", "يفيد", "افادت", "افاد"):
                near = [_fold(w) for w in _WORD_RE.findall(text, max(0, start - 30), m.end() + 30)]
                i = near.index(fw) if fw in near else -1
                if i >= 0 and any(w.removeprefix("و") in _DATA_NOUNS for w in near[max(0, i - 2):i + 2]):
                    cat &= ~_CAT_CUE  # "معلومات جديدة تفيد أن", "وتفيد المعطيات الأولية أن": a finding
            if cat & _CAT_CUE:
                prev = _CUE_PREV_RE.search(text, max(0, start - 12), start)
                kind = _KIND_OF[fw]
                if prev is not None:
                    pw = prev.group(1)
                    if pw in _NOT_CUE_AFTER and not _OFTEN_RE.search(
                            text, max(0, prev.start() - 12), prev.start() + 1):
                        cat &= ~_CAT_CUE  # "مما يشير إلى أن", "كيف يطالب" (not "غالبا ما تنقل")
                    elif pw == "عدم":
                        cat &= ~_CAT_CUE  # طلب عدم كشف هويته: "not revealing", no report
                    elif fw in ("وبين", "فبين") and pw.startswith("بين"):
                        cat &= ~_CAT_CUE  # "بينها وبين": "and between", not بيّن
                    elif pw.removeprefix("و") in _RELATIVES and not fw.endswith(("ه", "ها")):
                        if kind not in ("verb", "attrib"):
                            cat &= ~_CAT_CUE
                        rel = True  # "الذي تعهد": a relative clause, its subject may be the noun before
                if fw.removeprefix("و") in _ANONYMITY_ASKS and _NOT_NAMED_RE.match(text, m.end()):
                    cat &= ~_CAT_CUE  # طلب عدم كشف هويته: asked not to be named, no report
                if fw.removeprefix("و") in ("رد", "ردت") and _REACTION_RE.match(text, m.end()):
                    cat &= ~_CAT_CUE  # "ردّ فعل": a reaction, a noun
                if fw == "القول" and (prev is None or _fold(prev.group(1)) != "الي"):
                    cat &= ~_CAT_CUE  # "يمكن القول إن": the writer's; "سارع إلى القول إن": a cue
                if kind == "tail" and (_LEGAL_TAIL_RE.match(text, m.end())
                                       or _OWN_WORDS_RE.match(text, m.end())):
                    cat &= ~_CAT_CUE  # "طبقا لمقتضيات الفصل 5": a rule; "حسب تعبيره": an aside
            if cat & _CAT_JAA and _FI_RE.match(text, m.end()) and not _after_relative(text, start):
                cues.append(_Cue(word, start, m.end(), "jaa"))  # (not "التقرير الذي جاء في 688 صفحة")
            elif cat & _CAT_CUE:
                cues.append(_Cue(word, start, m.end(), _KIND_OF[fw], rel))
            if cat & _CAT_COMP:
                self.comps.append((start, m.end(), fw))
        # "حسب ما أوردت الوكالة" / "حسبما نقلت": the verb belongs to the tail.
        cues = [c for i, c in enumerate(cues)
                if not (c.kind in ("verb", "attrib") and i and cues[i - 1].kind == "tail"
                        and _TAIL_MA_RE.fullmatch(self.text, cues[i - 1].end, c.start))]
        # "وأضاف قائلا" / "وأضاف البيان موضحا": one cue, the verb (the participle only
        # starts a report of its own after a comma).
        merged: list[_Cue] = []
        for c in cues:
            if c.kind == "part" and merged and merged[-1].kind == "verb":
                gap = self.text[merged[-1].end:c.start]
                if len(gap) < 40 and not _GAP_BREAK_RE.search(gap) and len(_WORD_RE.findall(gap)) <= 3:
                    continue
            merged.append(c)
        return merged

    def tokens(self, start: int, end: int) -> list[_Token]:
        """Tokens (surface, folded, start, end) between two offsets (a small window: the
        phrases read around a cue are short)."""
        fold_ = _fold
        out = [(w, fold_(w), m.start(), m.end()) for m in _TOKEN_RE.finditer(self.text, start, end)
               for w in (m.group(),)]
        if self.text.find("#", start, end) != -1 or self.text.find("_", start, end) != -1:
            # A hashtag name (#رودريغو_دوتيرتي) reads as its words: # and _ are blanks.
            out = [(p, _fold(p), a + off, a + off + len(p)) for w, _f, a, _b in out if w != "#"
                   for off, p in _split_underscores(w)]
        if self.text.find("-", start, end) != -1:
            out = _join_hyphens(out)
        return out

    # -- mentions --------------------------------------------------------------------------

    def ensure_mentions(self, upto: int) -> None:
        """Read the "title + name" and given-name mentions before ``upto`` (the end of the
        sentence being processed) that are not read yet. Lazy: an article whose quotes
        need no resolution never pays for it."""
        if upto > self.called_upto:
            # رجل أمريكي يدعى "كارل سميث": a name given in marks, for a later "الرجل"/"سميث".
            for m in _CALLED_RE.finditer(self.text, self.called_upto, upto):
                before = _WORD_RE.findall(self.text, max(0, m.start() - 40), m.start())[-2:]
                self.memory.add(m.group(1).strip(), " ".join(before) or None, m.start())
            if self.text.find("#", self.called_upto, upto) != -1:
                # الفنانة الراحلة #مديحة_يسري: a hashtag of two or three words is a name
                for m in _HASHTAG_NAME_RE.finditer(self.text, self.called_upto, upto):
                    parts = m.group(1).split("_")
                    if not _definite(_fold(parts[0])) and not self.memory.by_name(tuple(map(_fold, parts))):
                        self.memory.add(" ".join(parts), None, m.start())
            self.called_upto = upto
        hits = self.mention_hits
        i = self.hit_index
        while i < len(hits) and hits[i] < upto:
            pos = hits[i]
            i += 1
            # (a name with بن is read even inside a read title mention, whose parse may
            # have stopped before it: الناطق الإعلامي بصحة عسير سعيد بن عبدالله النقير)
            if pos < self.covered_until and not self.text.startswith("بن", pos):
                continue
            k = bisect.bisect_right(self.sent_starts, pos) - 1
            s_end = self.sents[k][1] if k >= 0 else len(self.text)
            toks = self.tokens(pos, min(s_end, pos + 60))
            if not toks:
                continue
            cat = _SCAN_WORDS.get(toks[0][1], 0)
            if cat == _CAT_BIN:
                self._patronymic_name(toks, pos)
                continue
            if cat == _CAT_NATION:
                self._nationality_name(toks, pos)
                continue
            if cat & _CAT_TITLE:
                more = (lambda p=pos, e=s_end: self.tokens(p, min(e, p + 150))) if pos + 60 < s_end else None
                subj = self.subject_from(toks, pos, remember_only=True, more=more)
                if subj.speaker:
                    self.covered_until = subj.end
                continue
            # A given name starts a name even without a title (الجمهوري دونالد ترامب); an
            # ambiguous given name just before it belongs to it (فاضل مهدي هادي).
            back = self.tokens(max(0, pos - 30), pos)
            if toks[0][1] == "باسم" and back and (_bare(back[-1][1]) in _SPOKESPEOPLE or _nisba(back[-1][1])):
                continue  # متحدث باسم طالبان، الناطق الرسمي باسم …: "on behalf of"
            if back and _is_word(back[-1]) and _strip_prefix(back[-1][1]) in _NAMED_PLACES:
                continue  # بمركز هيفاء مول، مسجد عمر بن الخطاب: a place's name, not a person
            if (back and toks[0][1] not in _NAME_SECONDS and _is_word(back[-1])
                    and (back[-1][1] in _GIVEN_NAMES or (
                        # الدكتورة ازدهار عبدالسلام المدني: an unlisted given name after a title
                        len(back) >= 2 and _is_nameish(back[-1][1]) and back[-2][1] in _HONORIFICS))
                    and (len(back) < 2 or not _is_word(back[-2]) or _titleish(back[-2][1])
                         or back[-2][1] in _HONORIFICS)):
                toks = back[-1:] + toks
                pos = back[-1][2]
            j = self.known_name(toks, 0) or _name_end(toks, 0)
            if j >= 2:
                name = _join(toks[:j])
                if not self.memory.by_name(tuple(t[1] for t in toks[:j])):
                    self.memory.add(name, None, pos)
                self.covered_until = toks[j - 1][3]
        self.hit_index = i

    def _patronymic_name(self, toks: list[_Token], pos: int) -> None:
        """"حسب ما أكده مراد بن عثمان نائب …": a name with بن whose given name is also a
        word (مراد، سالم), remembered for a later "بن عثمان"."""
        back = self.tokens(max(0, pos - 20), pos)
        if not (back and _is_word(back[-1]) and _is_nameish(back[-1][1]) and not _verb_like(back[-1][1])
                and back[-1][1] not in _NAME_PARTICLES):
            return
        toks = back[-1:] + toks
        j = self.known_name(toks, 0) or _name_end(toks, 0)
        if j >= 3 and not self.memory.by_name(tuple(t[1] for t in toks[:j])):
            self.memory.add(_join(toks[:j]), None, toks[0][2])

    def _nationality_name(self, toks: list[_Token], pos: int) -> None:
        """"السويسري سيب بلاتر": a name right after a nationality that follows no noun it
        would qualify (not الجيش الأمريكي), remembered with the nationality as its title."""
        back = self.tokens(max(0, pos - 20), pos)
        if back and _is_word(back[-1]) and not (
                back[-1][1] in _COMPLEMENTIZERS or _verb_like(back[-1][1]) or back[-1][1] in _KIND_OF):
            return  # (مهاجم نيس الفرنسي، الجيش الأمريكي: the nationality qualifies what precedes)
        if back and back[-1][0] in _CLOSE_MARKS:
            return  # (صحيفة "دياريو غول" الإسبانية)
        if (len(toks) < 3 or not (_is_word(toks[1]) and _is_nameish(toks[1][1])) or _verb_like(toks[1][1])
                or toks[1][1] in _COMPLEMENTIZERS or toks[1][1] in _NAME_PARTICLES):
            return
        j = self.known_name(toks, 1) or _name_end(toks, 1)
        if j < 3:
            return
        words = _clean_name(toks[1:j])
        while len(words) > 2 and _verb_like(words[-1][1]):
            words.pop()  # سيب بلاتر | تخلى
        if toks[1][1] not in _GIVEN_NAMES and any(_definite(w[1]) for w in words):
            return  # الإيراني بناهي الحائز: an unlisted word and a definite one are no sure name
        if len(words) >= 2 and not self.memory.by_name(tuple(w[1] for w in words)):
            self.memory.add(_join(words), toks[0][0], words[0][2])
            self.covered_until = words[-1][3]

    def sentence_topic(self, s_start: int, before: int, feminine: bool = False) -> str | None:
        """A body or a titled person opening the sentence, before a verb that is not a cue
        (صحيفة جيروزاليم بوست شكرت الرئيس …، وقالت إن …): the subject of what follows."""
        toks = self.tokens(s_start, min(before, s_start + 120))
        if toks and toks[0][1] in ("و", "ف"):
            toks = toks[1:]
        if toks and toks[0][1] in ("لكن", "ولكن", "كما") and len(toks) > 1:
            # لكن محكمة ألمانية أمرت …، معتبرة أن: a body (a person after لكن is too often
            # described, not named: لكن رجل الأعمال أثار …)
            toks = toks[1:]
            if _bare(toks[0][1]) not in _BODY_HEADS:
                return None
        if not toks or not _is_word(toks[0]):
            return None
        if toks[0][1] in _KANA and len(toks) > 2:
            # وكان ترامب وجه رسالة …، مدينا "…": the subject after كان.
            np = _parse_np(toks, 1, 6, known=self.known_name)
            if np.name is not None and np.name[0] == 0:
                subj = self._speaker_from_np(np, None, np.words[-1][3], False)
                return subj.speaker if subj.explicit else None
        if (len(toks) > 2 and _verb_like(toks[0][1]) and _is_word(toks[1])
                and toks[1][1] in _GIVEN_NAMES and toks[1][1] not in _AMBIGUOUS_NAMES):
            # هربت نورة إلى بيت خالتها، ولكن … تقول إنها: a person named before by her full
            # name, now by her given name alone, after the verb opening the sentence
            self.ensure_mentions(before)
            full = next((m.name for m in reversed(self.memory.mentions)
                         if m.name and len(m.fname) > 1 and m.fname[0] == toks[1][1]), None)
            if full:
                return full
        head = _bare(toks[0][1])
        if (head not in _BODY_HEADS and head not in _RESOLVABLE_TITLES and len(toks) > 2
                and not _definite(toks[0][1]) and toks[0][1] not in _GIVEN_NAMES
                and _is_word(toks[1]) and (_definite(toks[1][1])
                                           or (feminine and _bare(toks[1][1]) in _BODY_HEADS))):
            # (صممت شركة أستون مارتن …، وصفتها: a body after the verb too, when the cue
            # agrees with it)
            # أولت الصحف المغربية … اهتمامها …، مشيرة إلى أن: the subject after a verb
            # opening the sentence.
            toks = toks[1:]
            head = _bare(toks[0][1])
            self.ensure_mentions(before)
            known = self.known_name(toks, 0)
            if known and head not in _BODY_HEADS and head not in _RESOLVABLE_TITLES:
                # واكتفى السليطي السبت بالقول: a person met earlier, after the verb
                fwords = tuple(t[1] for t in toks[:known])
                return self.memory.by_name(fwords) or _join(toks[:known])
        if head not in _BODY_HEADS and head not in _RESOLVABLE_TITLES:
            return None
        np = _parse_np(toks, 0, 8, known=self.known_name)
        if not np.words or np.next >= len(toks):
            return None
        body = _bare(np.words[0][1]) in _BODY_HEADS  # (a body's "name" may run into the verb)
        cut = next((k for k in range(1, len(np.words)) if _verb_like(np.words[k][1])
                    and np.words[k][1].endswith("ت")
                    and (body or not (np.name and np.name[0] <= k < np.name[1]))), None)
        if cut is not None:  # محكمة ألمانية | أمرت: the (perfect) verb the subject came before
            np = _NP(np.words[:cut], np.name if np.name and np.name[1] <= cut else None, np.next)
        subj = self._speaker_from_np(np, None, np.words[-1][3], False)
        return subj.speaker if subj.explicit else None

    def family_subject(self, s_start: int, cue: _Cue) -> str | None:
        """"نشر صلاح تغريدة … وقال "حقا؟"": a subjectless verb after و continues the subject
        of the sentence's first verb: the first name (whole, or a family name) met in full
        before, after a word that is no preposition, article or title."""
        if not _fold(cue.word).startswith("و"):
            # (وأعيد انتخاب بلاتر … لكنه أعلن أنه: a pronoun conjunction before the verb too)
            last = self.tokens(max(s_start, cue.start - 12), cue.start)[-1:]
            if not (last and last[0][1] in _PRONOUN_CONJ):
                return None
        self.ensure_mentions(cue.start)
        toks = self.tokens(max(s_start, cue.start - 150), cue.start)
        # (ورفض أردوغان مزاعم رئيس الحزب، كمال …، وقال: أردوغان, not the object's name)
        for k in range(1, len(toks)):
            fw, prev = toks[k][1], toks[k - 1][1]
            if not _is_word(toks[k]) or not _is_word(toks[k - 1]) or prev[:1] in "بل" or _definite(prev):
                continue
            if not _is_nameish(fw) or _titleish(prev):
                continue
            j = self.known_name(toks, k)
            if j is None:
                continue
            mem = self.memory
            full = mem.by_name(tuple(t[1] for t in toks[k:j])) or mem.by_name((toks[j - 1][1],))
            if full:
                return full
        return None

    def sentence_names(self, s_start: int, before: int) -> list[str]:
        """Names mentioned in the sentence before ``before``, in text order."""
        self.ensure_mentions(self.cur_end)
        mentions = self.memory.mentions
        i = bisect.bisect_left(mentions, s_start, key=lambda m: m.pos)
        return [m.name for m in mentions[i:] if m.name and m.pos < before]

    # -- subjects --------------------------------------------------------------------------

    def subject_from(self, toks: list[_Token], default_end: int, *, remember_only: bool = False,
                     more: Callable[[], list[_Token]] | None = None) -> _Subject:
        """Read a subject phrase (with an apposition) from ``toks`` and resolve it.

        ``toks`` may be a short window; when the phrase runs to its end, ``more`` gives a
        longer one (tokenizing is the costliest step, and most phrases are short)."""
        while len(toks) > 1 and toks[0][1] in _LEAD_ADVERBS:
            toks = toks[1:]  # وأعلن بعدها ليونيل ميسي: an adverb before the subject
        if not toks or not _is_word(toks[0]) or toks[0][1] in _PRONOUN_SUBJECTS:
            return _Subject(None, False, default_end)
        if toks[0][1] in ("نفس", "ذات") and len(toks) > 1 and toks[1][1] in _SAME_SOURCE:
            # وأضاف نفس المصدر: the same source as before, i.e. the last speaker.
            return _Subject(None, False, toks[1][3])
        if toks[0][1] in _SAME_SOURCE and len(toks) > 1 and toks[1][1] in ("نفسه", "ذاته", "نفسها", "ذاتها"):
            return _Subject(None, False, toks[1][3])  # وأضاف المصدر نفسه: the same
        if not remember_only and _plural_subject(toks[0][1]) and len(toks) > 1 and _is_word(toks[1]):
            self.ensure_mentions(self.cur_end)  # (for "معارضون | أردوغان": is the next word a name met?)
        np = _parse_np(toks, 0, known=self.known_name)
        if more is not None and np.next >= len(toks) - 1:
            toks = more()
            np = _parse_np(toks, 0, known=self.known_name)
            more = None
        if not np.words:
            return _Subject(None, False, default_end)
        if (np.name is None and len(np.words) == 1 and _definite(np.words[0][1]) and not remember_only
                and not _titleish(np.words[0][1]) and self.known_name(toks, 0) == 1):
            np = _NP(np.words, (0, 1), np.next)  # وأضاف الكيلاني، ضيف برنامج …: a family name met before
        issuer = self._issuer_after(np, toks, remember_only)
        if issuer is not None:
            return issuer
        if np.name is None and remember_only:
            named = self._honorific_name(np, toks)
            if named is not None:
                return named
        if np.name is None and not remember_only:
            if more is not None and len(toks) < np.next + 14 and not any(
                    t[1] in _COMPLEMENTIZERS or t[0] in ":،,." for t in toks[np.next:]):
                toks = more()  # the window ends before the clause does
                more = None
            late = (self._late_name(np, toks) or self._name_at_end(np, toks)
                    or self._honorific_name(np, toks))
            if late is not None:
                return late
        end = np.words[-1][3]
        appo: _NP | None = None
        k = np.next
        if more is not None and k + 1 < len(toks) and toks[k][0] in "،,":
            toks = more()
        # Appositions: "رئيس الجمعية، الخبير المحاسب، محمد مقديش" — up to three, the first
        # that holds a name wins (else the first one).
        for _ in range(3):
            while k < len(toks) and toks[k][1] in ("اخر", "اخري", "له", "لها", "لهم"):
                k += 1  # زميل آخر له، هو …: "another", "of his" before the apposition
            if not (k < len(toks) and toks[k][0] in "،,"):
                break
            if k + 2 < len(toks) and toks[k + 1][1] in ("هو", "هي", "وهو", "وهي"):
                k += 1  # زميل آخر له، هو آري بلف، إن …: the pronoun introduces the name
            cand = _parse_np(toks, k + 1, 10, known=self.known_name)
            if (cand.name is None and len(cand.words) >= 2 and cand.words[0][1] in _DEF_GIVEN
                    and _definite(cand.words[1][1]) and not _titleish(cand.words[1][1])):
                cand = _NP(cand.words[:2], (0, 2), cand.next)  # …، البشير الرمضاني: a name with the article
            if (cand.name is not None and cand.name[1] - cand.name[0] == 1 and len(cand.words) == 1
                    and cand.words[0][1] not in _GIVEN_NAMES and not self.known_name(cand.words, 0)):
                break  # وعلّل المتحدث، رأيه، بالقول: one unknown word is the verb's object, not a name
            lead = cand.words[:cand.name[0]] if cand.name is not None else []
            if not (cand.words and ((cand.name is not None and all(
                    _titleish(w[1]) or w[1] in _HONORIFICS or _nisba(w[1]) for w in lead))
                    or _titleish(cand.words[0][1]) or _definite(cand.words[0][1]))):
                break
            if appo is None or (appo.name is None and cand.name is not None):
                appo = cand
            if cand.name is not None or np.name is not None:
                break
            k = cand.next
        # A title read as a name runs into more words (منظم الفعالية | الفنان الشاب عوض زارب:).
        unclean = (np.name is not None and np.next < len(toks) and _is_word(toks[np.next])
                   and toks[np.next][1] not in _COMPLEMENTIZERS)
        if (np.name is None and (appo is None or appo.name is None)) or unclean:
            named = self._name_after_title(np, toks)
            if named is ... and more is not None:  # the window ended before the answer
                named = self._name_after_title(np, more())
            if isinstance(named, _Subject):
                return named
        return self._speaker_from_np(np, appo, end, remember_only, self._title_after_name(np, toks))

    @staticmethod
    def _title_after_name(np: _NP, toks: list[_Token]) -> str | None:
        """"عيد عماش المتحدث باسم مجلس محافظة الأنبار": the title written right after a
        name (no comma), remembered with it for a later bare "المتحدث"."""
        k = np.next
        if (np.name is None or not all(w[1] in _HONORIFICS for w in np.words[:np.name[0]])
                or k >= len(toks) or not _is_word(toks[k]) or not _titleish(toks[k][1])
                or not (_definite(toks[k][1]) or (
                    # خالد حنفي وزير التموين والتجارة المصري: a title in construct
                    k + 1 < len(toks) and _is_word(toks[k + 1]) and _definite(toks[k + 1][1])))):
            return None
        title = _parse_np(toks, k, 10)
        return _join(title.words) if title.words and title.name is None else None

    def _name_after_title(self, np: _NP, toks: list[_Token]) -> _Subject | EllipsisType | None:
        """The name of a titled person written after more than the title: a marked place or
        body name, a comma, a second title ("المسؤول التنفيذي بمقاطعة “سانت لويس” ، ستيف
        ستينجر ، بأنه", "منظم الفعالية الفنان الشاب عوض زارب: إن", "حاكم منطقة غازي عنتاب علي
        يرليكايا إن"). Only when the name ends the subject (a comma, colon or complementizer
        follows), so that an object after the title is never taken for its name. ``...``:
        ``toks`` ended before the answer."""
        first = np.words[0][1]
        if _bare(first) in _BODY_HEADS:
            return None
        if np.name is None:
            if not (_titleish(first) or _bare(first) in _RESOLVABLE_TITLES):
                return None
        else:
            # Not a personal name that merely goes on (بسمة الخلفاوي أرملة …) but a title read
            # as one: منظم الفعالية, حاكم منطقة غازي عنتاب.
            span = np.words[np.name[0]:np.name[1]]
            if not (any(w[1] in _PLACE_HEADS for w in span) or (
                    span[0][1] not in _GIVEN_NAMES and any(_definite(w[1]) for w in span[1:]))):
                return None
        k, in_mark, inside, marked = np.next, False, 0, False
        placed = False  # the title's office and place were passed (لصحة عسير)
        limit = np.next + 12
        while k < len(toks) and k < limit:
            surface, fw = toks[k][0], toks[k][1]
            if fw in _RELATIVES and k > np.next and toks[k - 1][0] in "،,":
                # الناشط الكوري الجنوبي، الذي له صلات بمصادر في كوريا الشمالية، شوي سونغ-ريونغ:
                # a relative clause between commas, then the name
                close = next((c for c in range(k + 1, min(len(toks), k + 14)) if toks[c][0] in "،,"), None)
                if close is None:
                    return None
                limit += close - k
                k = close + 1
                continue
            if surface in _OPEN_MARKS[:4] or surface in "»”":
                marked = marked or in_mark  # a marked name was passed
                in_mark = surface not in "»”" and not (surface == '"' and in_mark)
                inside = 0
            elif in_mark:
                inside += 1
                if inside > 4:
                    return None
            elif surface in "،,":
                pass
            elif not _is_word(toks[k]) or fw in _COMPLEMENTIZERS:
                return None
            elif (fw in _GIVEN_NAMES and (fw not in _AMBIGUOUS_NAMES or marked or placed)) or (
                    surface == "علي" and k + 1 < len(toks) and _is_nameish(toks[k + 1][1])):
                # (an ambiguous given name too after a marked body: باسم «مدن» سامي الحسيني)
                j = self.known_name(toks, k) or _name_end(toks, k)
                if j == len(toks):
                    return ...  # the window may have cut the name (مارك زوكر|بيرغ)
                if j - k < 2 or not (toks[j][0] in "،,:" or toks[j][1] in _COMPLEMENTIZERS):
                    return None
                return self._titled_name(_clean_name(toks[k:j]), _join(np.words), np.words[0][2])
            elif (toks[k - 1][0] in "،," and _is_nameish(fw) and not _titleish(fw)
                  and not _verb_like(fw) and _clean_name_at(toks, k)
                  and (_name_end(toks, k) == len(toks) or toks[_name_end(toks, k)][0] in "،,:"
                       or toks[_name_end(toks, k)][1] in _COMPLEMENTIZERS
                       or _addressee(toks[_name_end(toks, k)][1]))):
                # المدير العام لديوان المياه المعدنية، رزيق الوسلاتي، أن: a name in apposition
                # between commas, its given name not one we know
                j = _name_end(toks, k)
                if j == len(toks):
                    return ...
                return self._titled_name(_clean_name(toks[k:j]), _join(np.words), np.words[0][2])
            elif fw[:1] in "لب" and (_bare(fw[1:]) in _BODY_HEADS or _titleish(fw[1:])):
                pass  # المدير العام | لديوان المياه: the body the title belongs to
            elif (k == np.next and fw[:1] in "لب" and len(fw) > 3 and k + 2 < len(toks)
                  and _is_word(toks[k + 1]) and not _definite(toks[k + 1][1])
                  and toks[k + 2][1] in _GIVEN_NAMES
                  and (toks[k + 2][1] not in _AMBIGUOUS_NAMES or _clean_name_at(toks, k + 2))):
                k += 2  # الناطق الإعلامي | لصحة عسير | سعيد النقير: the office and its place
                placed = True
                continue
            elif not (_titleish(fw) or _definite(fw) or _nisba(fw) or fw in _HONORIFICS):
                return None
            k += 1
        return ... if k == len(toks) else None

    def _late_name(self, np: _NP, toks: list[_Token]) -> _Subject | None:
        """A title phrase cut short by a preposition may end in the name just before the
        complementizer: "أوضح مخرج العرض والمشرف على فعاليات «الجادة» المخرج ممدوح سالم أن"."""
        c = next((k for k in range(np.next, min(len(toks), np.next + 14))
                  if toks[k][1] in _COMPLEMENTIZERS or toks[k][0] in ":،,."), None)
        comma_comp = (c is not None and toks[c][0] in "،," and c + 1 < len(toks)
                       and toks[c + 1][1] in _COMPLEMENTIZERS)  # … عبد الله المحمدي، أن
        if c is None or c == np.next or (toks[c][1] not in _COMPLEMENTIZERS and not comma_comp):
            return None
        if c - 1 > np.next and _is_word(toks[c - 1]) and toks[c - 1][1][:1] == "ل" and (
                toks[c - 1][1][1:] in _ADDRESSEE_HEADS or toks[c - 1][1].startswith("لل")):
            c -= 1  # … يوليوس باراتا | لرويترز إن: whom it was told, between the name and the clause
        elif (c - 3 > np.next and toks[c - 1][0] in _CLOSE_MARKS + "«»"
              and toks[c - 3][0] in _OPEN_MARKS + "«»" and toks[c - 4][1] == "ل"):
            c -= 4  # … سعيد البسامي | لـ»المدينة» أن: the outlet told, in marks
        for k in range(max(np.next, c - 4), c - 1):
            if not _is_word(toks[k]):
                continue
            j = self.known_name(toks, k)
            if j is None and toks[k][1] in _GIVEN_NAMES and (toks[k][1] not in _AMBIGUOUS_NAMES or (
                    toks[k][1] == "عبد" and toks[k + 1][1] in _NAME_SECONDS)  # (عبد الله …)
                    or toks[k - 1][1] in _HONORIFICS  # (الدكتور هشام الفالح: a name after all)
                    # (… جدة سعيد البسامي: an ambiguous given name before a family nisba at the clause)
                    or (k + 2 == c and _definite(toks[k + 1][1]) and toks[k + 1][1].endswith("ي")
                        and not _titleish(toks[k + 1][1]))):
                j = _name_end(toks, k)
            if j is None and k == c - 2 and _unlisted_name(toks, k, c):
                j = c  # المتحدث باسم وزارة النقل يوليوس باراتا إن: two name words, then the clause
            if j == c and all(_is_word(t) for t in toks[k:c]):
                return self._titled_name(_clean_name(toks[k:c]), _join(np.words), np.words[0][2])
        return None

    def _titled_name(self, name_words: list[_Token], title: str, pos: int) -> _Subject:
        """A name found with its title: its fullest earlier form, remembered with the title."""
        full = self.memory.by_name(tuple(w[1] for w in name_words)) or _join(name_words)
        self.memory.add(full, title, pos)
        return _Subject(full, True, name_words[-1][3])

    def _honorific_name(self, np: _NP, toks: list[_Token]) -> _Subject | None:
        """A long title chain, however long, that ends in an honorific and a name right
        before the quotation or the clause: "وقال أخصائي طب وجراحة العيون رئيس العلاقات …
        عضو هيئة التدريس بكلية الطب في جامعة طيبة الدكتور وسيم عبدالعزيز عالم «…»"."""
        head = _bare(np.words[0][1])
        if not (_titleish(np.words[0][1]) or head in _RESOLVABLE_TITLES) or head in _BODY_HEADS:
            return None
        start = toks[0][2]
        limit = self.cur_end if self.cur_end > start else len(self.text)
        toks = self.tokens(start, min(limit, start + 400))
        stop = next((k for k, t in enumerate(toks) if t[1] in _COMPLEMENTIZERS or t[0] in _OPEN_MARKS[:4]
                     or t[0] in ":.؛" or (k >= len(np.words) and t[1] in _KIND_OF)), None)
        if stop is None:
            return None
        end = stop - 1 if stop and toks[stop - 1][0] in "،," else stop
        h = next((k for k in range(end - 2, len(np.words) - 1, -1) if toks[k][1] in _NAME_HONORIFICS), None)
        if h is None or any(t[1][:1] == "و" and (_titleish(t[1][1:]) or _bare(t[1][1:]) in _RESOLVABLE_TITLES)
                            for t in toks[len(np.words):h]):
            return None  # (…، اللواء طلال الشمراني، وقائد القطاع، العميد …: another person's title)
        if not 2 <= end - h - 1 <= 5:
            # المهندس عبدالله بن محمد المطيري | في تصريح له: the name, then an adjunct
            j = self.known_name(toks, h + 1) or _name_end(toks, h + 1)
            if not (2 <= j - h - 1 <= 5 and j < end and (
                    toks[j][0] in "،," or toks[j][1] in _ADJUNCT_WORDS or toks[j][1] in _TIME_LEAD)):
                return None
            end = j
        words = toks[h + 1:end]
        if len(words) > 4 or not all(
                _is_word(w) and w[0].isalpha() and w[1] not in _ADJUNCT_WORDS and w[1] not in _KIND_OF
                and (w[1] in _GIVEN_NAMES or w[1][:1] not in "بل" or w[1].startswith("ال"))
                # (the family name last; عالم: a family name may be a noun)
                and (not _definite(w[1]) or k == len(words) - 1 or w[1] in _DEF_GIVEN)
                for k, w in enumerate(words)) or _titleish(words[0][1]) or (
                _definite(words[0][1]) and words[0][1] not in _DEF_GIVEN):
            return None  # (الدكتور مبارك عسيري | إصابة المرضى بعدوى: the name, then the object)
        return self._titled_name(words, _join(toks[:h]), start)

    def _name_at_end(self, np: _NP, toks: list[_Token]) -> _Subject | None:
        """A long title whose prepositional phrase ran on into the name: "الوزير الفرنسي
        السابق والرئيس الحالي لمعهد العالم العربي في باريس جاك لانغ، …" → the name. Only
        two or three undefined name words after the place, before a clean end."""
        words = np.words
        if not any(_titleish(w[1]) for w in words):
            return None
        if (np.next < len(toks) and _is_word(toks[np.next]) and toks[np.next][1] not in _COMPLEMENTIZERS
                and toks[np.next][1] not in _TIME_LEAD  # (… روبن بون | الثلاثاء أن)
                and not (toks[np.next][1] == "ل" and np.next + 1 < len(toks)
                         and toks[np.next + 1][0] in _OPEN_MARKS + "«»")):  # (… | لـ»المدينة» أن)
            return None
        if len(words) >= 4 and (
                # رئيس لجنة النقل البري بغرفة تجارة جدة سعيد البسامي: a given and a family nisba
                (words[-2][1] in _GIVEN_NAMES and _definite(words[-1][1]) and words[-1][1].endswith("ي")
                 and not _titleish(words[-1][1]) and not _titleish(words[-2][1])
                 and not _definite(words[-3][1]))
                # المتحدث باسم وزارة النقل يوليوس باراتا: two unlisted name words
                or _unlisted_name(words, len(words) - 2, len(words))):
            return self._titled_name(words[-2:], _join(words[:-2]), words[0][2])
        for cut in (len(words) - 2, len(words) - 3):
            if cut < 3 or words[cut - 2][1] not in ("في", "لدي"):
                continue
            place, tail = words[cut - 1][1], words[cut:]
            if (_definite(place) or _titleish(place) or _bare(place) in _BODY_HEADS
                    or place in _PLACE_HEADS or place in _SITE_HEADS or len(place) < 3
                    or (len(tail) == 3 and tail[0][1] not in _GIVEN_NAMES)):
                continue  # في مدينة ساو باولو، في حزب آفاق تونس: the place or body goes on
            # (… في سورية بدر السمحان: a given name and a family name with the article)
            family = (len(tail) == 2 and tail[0][1] in _GIVEN_NAMES and _definite(tail[1][1])
                      and not tail[1][1].startswith(("بال", "لل")) and not _titleish(tail[1][1])
                      and tail[1][1] not in _ADJUNCT_WORDS and tail[1][1] not in _AFTER_NAME)
            if all(w[0].isalpha() and (_is_name_word(w[1]) or (family and w is tail[1]))
                   and not _titleish(w[1])
                   and _bare(w[1]) not in _BODY_HEADS and w[1] not in _PLACE_HEADS
                   and w[1] not in _SITE_HEADS and len(w[1]) >= 3
                   and (w[1][:1] not in "بل" or w[1] in _GIVEN_NAMES) for w in tail):
                return self._titled_name(tail, _join(words[:cut]), words[0][2])
        return None

    def _issuer_after(self, np: _NP, toks: list[_Token], remember_only: bool) -> _Subject | None:
        """"بيان صادر عن وزارة الصحة", "وثائق نشرها موقع ويكيليكس": a document issued or
        published by someone speaks for them."""
        k = np.next
        if (not remember_only and k + 1 < len(toks) and toks[k][1] in _PUBLISHED
                and _bare(np.words[0][1]) in _DOC_HEAD.values() and len(np.words) <= 2):
            issuer = self.subject_from(toks[k + 1:], toks[k][3])
            if issuer.explicit:
                self.memory.issuers[_bare(np.words[0][1])] = issuer.speaker
                return issuer
            return None
        if (remember_only or _bare(np.words[0][1]) not in _DOC_HEAD.values() or len(np.words) > 3
                or np.words[-1][1] not in _ISSUED or k >= len(toks) or toks[k][1] != "عن"):
            return None
        issuer = self.subject_from(toks[k + 1:], toks[k][3])
        if issuer.explicit and issuer.speaker:
            # (قال بيان صادر عن السلطات المصرية … وأضاف البيان: the same issuer)
            self.memory.issuers.setdefault(_bare(np.words[0][1]), issuer.speaker)
        return issuer if issuer.explicit else None

    def _speaker_from_np(self, np: _NP, appo: _NP | None, end: int, remember_only: bool,
                         post_title: str | None = None) -> _Subject:
        if np.name is None and len(np.words) > 1 and np.words[-1][1] in _ISSUED:
            np = _NP(np.words[:-1], None, np.next)  # الصحف المغربية الصادرة اليوم
        name_words: list[_Token] | None = None
        title_words = np.words
        if np.name is not None:
            i, j = np.name
            name_words = _clean_name(np.words[i:j])
            title_words = np.words[:i]
        if appo is not None:
            if (name_words is None and appo.name is not None
                    and _bare(np.words[0][1]) not in _BODY_HEADS):  # a person's title, not a body
                name_words = _clean_name(appo.words[appo.name[0]:appo.name[1]])
                end = max(end, name_words[-1][3])
            elif name_words is not None and appo.name is None and all(
                    w[1] in _HONORIFICS for w in title_words):
                # الدكتور رياض ياسين، وزير الخارجية اليمني: the apposition is the title
                title_words = appo.words
        title = _join(title_words) if title_words else post_title
        if post_title and title_words and all(w[1] in _HONORIFICS for w in title_words):
            title = post_title  # الدكتور خالد حنفي وزير التموين: the title after the name
        mem = self.memory
        pos = np.words[0][2]
        if (name_words and np.name is not None and 0 < np.name[0] <= 3
                and _bare(np.words[0][1]) in _BODY_HEADS
                # (الفريق أول ركن كمال عبدالمعروف: a rank, not a team)
                and not (np.words[0][1] in _HONORIFICS
                         and all(w[1] in _RANK_SECONDS for w in np.words[1:np.name[0]]))):
            # شرطة فاستمانلاند، صحيفة هاأرتس، نادي ألفسبورغ: a body's name names the body
            # (its head stays the title, for a later "الصحيفة").
            name_words, title = np.words[:np.name[1]], np.words[0][0]
        if name_words:
            name = _join(name_words)
            fname = tuple(w[1] for w in name_words)
            if len(fname) <= 2 and not remember_only:
                # A family name alone (البحيري، أبو الغيظ): find the full one.
                self.ensure_mentions(self.cur_end)
            full = (mem.by_name(fname) or (len(fname) == 1 and self._full_name_before(name_words[0], pos))
                    or name)
            if title or full == name:
                mem.add(full, title, pos)
            return _Subject(full, True, end)
        if remember_only:
            return _Subject(None, False, end)
        words = _clean_name(np.words)
        document = words[0][1] if words and ("ال" + words[0][1]) in _DOCUMENT_WORDS else None
        if (len(words) >= 2 and ("ال" + words[0][1]) in _DOCUMENT_WORDS and words[1][1][:1] == "ل"
                and len(words[1][0]) > 3):
            # بلاغ لوزارة الداخلية، بيان للحكومة: the body that issued it speaks
            surface, start = words[1][0], words[1][2]
            body = "ال" + surface[2:] if surface.startswith("لل") else surface[1:]
            if _bare(_fold(body)) in _BODY_HEADS:
                words = [(body, _fold(body), start + 1, words[1][3]), *words[2:]]
        elif (len(words) >= 2 and ("ال" + words[0][1]) in _DOCUMENT_WORDS and words[1][1].startswith("ال")
              and (_bare(words[1][1]) in _BODY_HEADS or words[1][1] in _PORTFOLIOS)):
            words = words[1:]  # بيان الخارجية الروسية: the body's statement speaks for the body
        fwords = tuple(w[1] for w in words)
        resolved = self.resolve_phrase(fwords) or (len(words) == 1 and self._full_name_before(words[0], pos))
        phrase = resolved or _join(words)
        if document and words[0][1] != document:
            self._issued_by(_bare(document), phrase)  # وأشار البيان: the same body's statement
        if resolved:
            return _Subject(resolved, True, end)
        mem.add(None, phrase, pos)
        return _Subject(phrase, True, end)

    def _full_name_before(self, family: _Token, before: int) -> str | None:
        """A family name's full form written earlier where the mention scan could not read
        it (a given name it does not list, then the verb's object: "رئيس الاتحاد … جبريل
        الرجوب نجم برشلونة"): the first "given family" pair before ``before`` whose given
        name opens the name (after a title, a definite noun, punctuation or the start)."""
        fam = family[1]
        if (not _is_word(family) or len(fam) < 3 or _titleish(fam) or _bare(fam) in _BODY_HEADS
                or fam in _DOCUMENT_WORDS or fam in _KIND_OF or _nisba(fam) or _oblique_plural(fam)):
            return None
        text, word = self.text, family[0]
        at = text.find(word, 0, before)
        while at != -1:
            found, at = at, text.find(word, at + 1, before)
            end = found + len(word)
            if (found and (text[found - 1].isalnum() or "\u064b" <= text[found - 1] <= "\u0652")) or (
                    end < len(text) and text[end].isalnum()):
                continue  # inside a longer word
            toks = self.tokens(max(0, found - 40), found)
            if len(toks) < 2 or not _is_word(toks[-1]):
                continue
            given, prev = toks[-1], toks[-2]
            fw = given[1]
            if fw in _NAME_SECONDS and len(toks) >= 3 and toks[-2][1] == "عبد":
                # عبد العزيز بوتفليقة: a compound given name
                given = (f"{toks[-2][0]} {given[0]}", f"عبد {fw}", toks[-2][2], given[3])
                prev, fw = toks[-3], "عبد"
            elif (not _is_nameish(fw) or _POSSESSIVE_RE.search(given[0]) or _verb_like(fw)
                    or fw in _KIND_OF or fw in _AMBIGUOUS_NAMES or len(fw) < 3 or fw in _CLAUSE_CONJ
                    or fw in _COMPLEMENTIZERS or fw in _ADJUNCT_WORDS or fw in _STOP_NP
                    or fw in _PLACE_PREPOSITIONS):
                continue
            opens = not _is_word(prev) or _titleish(prev[1]) or _definite(prev[1]) or _nisba(prev[1]) \
                or prev[1] in _HONORIFICS
            if not opens and not (fw[:1] in "لب" and fw not in _GIVEN_NAMES) and not _verb_like(prev[1]):
                # تجديد عقد مانويل بليجريني المدير الفني: after a noun in construct, a name
                # with its title after it
                nxt = self.tokens(end, min(len(text), end + 30))[:1]
                opens = bool(nxt) and _is_word(nxt[0]) and _definite(nxt[0][1]) and _titleish(nxt[0][1])
            elif not opens and _verb_like(prev[1]) and not (fw[:1] in "لب" and fw not in _GIVEN_NAMES):
                # وانتقد كارلس بوغديمون، رئيس كتالونيا السابق،: a verb's subject, named with a
                # title in apposition
                nxt = self.tokens(end, min(len(text), end + 30))[:2]
                opens = (len(nxt) == 2 and nxt[0][0] in "،," and _is_word(nxt[1])
                         and _titleish(nxt[1][1]) and not _definite(nxt[1][1]))
            if not opens or prev[1] in ("الذي", "التي", "الذين"):
                continue
            name = f"{given[0]} {family[0]}"
            self._name_title_before(name, given[2])
            return name
        return None

    def _name_title_before(self, name: str, at: int) -> None:
        """Give a name to the title mention written just before it (so that a later bare
        "رئيس الاتحاد الفلسطيني" finds the name too)."""
        for m in reversed(self.memory.mentions):
            if m.pos >= at:
                continue
            if m.name is None and m.title:
                end = self.text.find(m.title, m.pos, at)
                if end != -1 and not self.text[end + len(m.title):at].strip():
                    m.name, m.fname = name, _fold_words(name)
            break

    def known_name(self, toks: list[_Token], i: int) -> int | None:
        """End of a name at ``toks[i]`` already met in the article: the whole earlier name
        (محمد الطرابلسي) or its family name alone (ترامب in "وصف ترامب تحقيق مولر")."""
        fw = toks[i][1]
        best = None
        for m in self.memory.mentions[-_MEMORY_SPAN:]:
            f = m.fname
            if not f:
                continue
            if f[0] == fw and tuple(t[1] for t in toks[i:i + len(f)]) == f:
                best = max(best or 0, i + len(f))
            elif f[-1] == fw and len(f) > 1:
                best = best or i + 1
        return best

    def resolve_phrase(self, fwords: tuple[str, ...]) -> str | None:
        """A full earlier mention for a family name, title or document, if any."""
        self.ensure_mentions(self.cur_end)
        if self.pending:
            self.flush_pending()  # "دعت الشركة الوطنية …" may sit in a quote-less sentence
        mem = self.memory
        hit = mem.by_name(fwords)
        if hit:
            return hit
        if len(fwords) >= 2 and (_titleish(fwords[0]) or fwords[0] in _HONORIFICS):
            hit = mem.by_name(fwords[1:])  # السفير الفايز → السفير عبدالعزيز بن إبراهيم الفايز
            if hit:
                return hit
        # The leading words may be a family name followed by an object: "بدوي مؤتمراً".
        for n in range(min(3, len(fwords) - 1), 0, -1):
            if not _definite(fwords[n]) or n == 1:
                hit = mem.by_name(fwords[:n])
                if hit:
                    return hit
        head = _bare(fwords[0])
        if ("ال" + fwords[0]) in _DOCUMENT_WORDS and len(fwords) >= 2 and fwords[1].startswith("ال") and (
                _bare(fwords[1]) in _BODY_HEADS or fwords[1] in _PORTFOLIOS):  # (بيان الخارجية الروسية)
            # خطاب المجلس الإسلامي، بيان الوزارة: a body's document speaks for the body
            return self._issued_by(head, self.resolve_phrase(fwords[1:]))
        if ("ال" + fwords[0]) in _DOCUMENT_WORDS and len(fwords) >= 2 and fwords[1][:1] == "ل" and (
                _bare(_unglue(fwords[1])) in _BODY_HEADS or _bare(fwords[1][1:]) in _BODY_HEADS):
            # بيان للحكومة، بلاغ لوزارة الفلاحة: a statement issued by the body
            body = (_unglue(fwords[1]) if fwords[1].startswith("لل") else fwords[1][1:], *fwords[2:])
            return self._issued_by(head, self.resolve_phrase(body))
        if fwords[0] in _DOCUMENT_WORDS and len(fwords) <= 2:
            if head not in mem.issuers:
                self.flush_pending()  # "توقعت الأرصاد في تقريرها" may be in a quote-less sentence
            if head in mem.issuers:
                return mem.issuers[head]
            other = _SAME_DOCUMENT.get(head)
            if other in mem.issuers:
                return mem.issuers[other]  # التقرير after "دراسة أعدتها منظمة الصحة العالمية"
            if len(fwords) == 1:
                owner = self._document_owner(fwords[0])
                if owner:
                    return owner
            if fwords[0] in _STUDIES:
                # الدراسة → an earlier "أظهرت دراسة جديدة أن" (a finding verb, so no mention)
                hit = self._introduced_as(fwords) or self._head_in_text(fwords[0])
                if hit:
                    return hit
        if fwords[0].startswith("ال"):
            # الدبلوماسي الأميركي → an earlier "دبلوماسي أميركي"; الخارجية الروسية → an
            # earlier "وزارة الخارجية الروسية".
            bare = _strip_def(fwords)
            for m in reversed(mem.mentions[-_MEMORY_SPAN:]):
                words = m.ftitle or m.fname
                if words and (_strip_def(words) == bare or (len(fwords) >= 2 and len(words) == len(fwords) + 1
                              and words[1:] == fwords and _bare(words[0]) in _BODY_HEADS)):
                    return m.name or m.title
                if (m.title and not m.name and head in _BODY_HEADS and len(fwords) >= 2
                        and len(m.ftitle) > len(fwords) and m.ftitle[:len(fwords)] == fwords
                        and all(_nisba(w) for w in m.ftitle[len(fwords):])):
                    return m.title  # المجلس الإسلامي → an earlier "المجلس الإسلامي البريطاني"
                if (len(fwords) == 1 and m.title and not m.name and len(m.ftitle) >= 2
                        and m.ftitle[0] == fwords[0] and head not in _PERSON_ROLES
                        and head not in _RESOLVABLE_TITLES
                        and all(_nisba(w) or w in _ADJECTIVES for w in m.ftitle[1:])):
                    return m.title  # الادعاء → an earlier "الادعاء الملكي"
            hit = self._introduced_as(fwords)
            if hit:
                return hit
            if head in _BODY_HEADS and len(fwords) == 2 and _nisba(fwords[1]):
                # النادي القطري → an earlier "نادي الدحيل القطري" written as an object
                hit = self._head_in_text(fwords[0])
                if hit and _fold_words(hit)[-1:] == fwords[1:]:
                    return hit
            if (len(fwords) == 1 and head not in _BODY_HEADS and head not in _RESOLVABLE_TITLES
                    and not _titleish(fwords[0])):
                hit = self._domain_body(fwords[0])
                if hit:
                    return hit
            if head in _RESOLVABLE_TITLES or head in _BODY_HEADS:
                hit = mem.by_title(fwords)
                if hit is None and fwords in (("المتحدث",), ("المتحدثه",)) and mem.last_speaker:
                    return mem.last_speaker  # وعلّل المتحدث: "the speaker", the one quoted so far
                if hit is None and len(fwords) == 1 and head in _BODY_HEADS:
                    hit = self._body_in_text(fwords[0]) or self._head_in_text(fwords[0])
                if hit is None and len(fwords) == 1 and head not in _BODY_HEADS:
                    hit = self._name_before_title(head)
                return hit
            if (len(fwords) == 1 and _titleish(fwords[0]) and head not in _PERSON_ROLES
                    and fwords[0] not in _DOCUMENT_WORDS and fwords[0] not in _GENERIC_SUBJECTS):
                return self._head_in_text(fwords[0])  # العلماء → an earlier "علماء من جامعة كوبو"
        elif len(fwords) >= 2 and (head in _RESOLVABLE_TITLES or head in _BODY_HEADS):
            return mem.by_title(fwords)  # a construct title: رئيس فرع الإفتاء، وزيرة الطاقة
        elif len(fwords) == 2 and _definite(fwords[1]):
            return self._introduced_as(fwords)  # وسائل الإعلام
        return None

    def _issued_by(self, head: str, body: str | None) -> str | None:
        """Remember ``body`` as the issuer of the document ``head`` (وبيّن بيان لوزارة المالية
        … وأشار البيان) and return it."""
        if body and head in _DOC_HEAD.values():
            self.memory.issuers.setdefault(head, body)
        return body or None

    def _domain_body(self, fw: str) -> str | None:
        """"الجوازات" → an earlier "المديرية العامة للجوازات": a body named by its domain."""
        rest = fw.removeprefix("ال")
        if len(rest) < 4 or not fw.startswith("ال"):
            return None
        pattern = "لل" + "".join(_CHAR_CLASS.get(ch, re.escape(ch)) for ch in rest)
        found = None
        for m in re.compile(r"(?<!\w)" + pattern + r"(?!\w)").finditer(self.text, 0, self.cur_end):
            toks = self.tokens(max(0, m.start() - 40), m.end())
            for k in range(len(toks) - 2, max(-1, len(toks) - 5), -1):
                if _bare(toks[k][1]) in _BODY_HEADS and all(_is_word(t) for t in toks[k:]):
                    found = _join(toks[k:])
                    break
        return found

    def _name_before_title(self, head: str) -> str | None:
        """المحامية → "غابي لاسكي، محامية الفتاة": a name followed by a comma and the title
        it is later called by (written before the cue)."""
        text = self.text
        for m in re.finditer(r"[،,]\s*(?:ال)?(\w+)", text[:self.cur_end]):
            if _bare(_fold(m.group(1))) != head:
                continue
            toks = self.tokens(max(0, m.start() - 40), m.start())
            words: list[_Token] = []
            for t in reversed(toks[-3:]):
                # the family name (last, may have the article), then given names
                if not _is_word(t) or not (_is_nameish(t[1]) or (not words and _definite(t[1]))):
                    break
                words.insert(0, t)
            if (len(words) >= 2 and _is_nameish(words[0][1]) and not _verb_like(words[0][1])
                    and not _titleish(words[0][1])):
                name = _join(words)
                return self.memory.by_name(tuple(w[1] for w in words)) or name
        return None

    def _introduced_as(self, fwords: tuple[str, ...]) -> str | None:
        """The indefinite phrase that introduced a definite one of up to two words: الدراسة →
        an earlier "دراسة بريطانية", وسائل الإعلام → "وسائل إعلام جزائرية محلية"."""
        if len(fwords) > 2:
            return None
        bare = _strip_def(fwords)
        n = len(bare)
        for m in reversed(self.memory.mentions[-_MEMORY_SPAN:]):
            if (m.title and not m.name and len(m.ftitle) > n and not any(map(_definite, m.ftitle[:n]))
                    and _strip_def(m.ftitle[:n]) == bare):
                return m.title
        return None

    def _document_owner(self, fw: str) -> str | None:
        """"المقدمة" → whoever an earlier "مقدمة الآلوسي" / "بيان الوزارة" names (a
        document in construct with its author)."""
        bare = "".join(_CHAR_CLASS.get(ch, re.escape(ch)) for ch in fw.removeprefix("ال"))
        rx = re.compile(r"(?<!\w)" + bare + r"\s+(ال\w{3,}|[^\W\d]{3,}\s+ال\w{3,})(?!\w)")
        found = None
        for m in rx.finditer(self.text, max(0, self.cur_end - 5000), self.cur_end):
            found = m.group(1)
        if not found:
            return None
        fwords = _fold_words(found)
        self.ensure_mentions(self.cur_end)
        hit = self.memory.by_name(fwords[-1:]) or self.memory.by_name(fwords)
        if hit:
            return hit
        if len(fwords) == 1:
            # The author's full name written once without a title: "للراحل سالم الآلوسي".
            rx = re.compile(r"(?<!\w)([^\W\d]{3,})\s+" + re.escape(found) + r"(?!\w)")
            for m in rx.finditer(self.text, 0, self.cur_end):
                given = m.group(1)
                if _fold(given) not in _GIVEN_NAMES and given[:1] in "لب":
                    given = given[1:]  # للراحل سالم → سالم (a preposition on the title)
                if _fold(given) in _GIVEN_NAMES:
                    return f"{given} {found}"
        return found if _bare(fwords[0]) in _BODY_HEADS or fwords[0] in _PORTFOLIOS else None

    def _head_in_text(self, fw: str) -> str | None:
        """"النادي" → the nearest earlier "نادي مانشستر سيتي الإنجليزي": the same noun
        without the article heading a longer phrase in the text (a subject or an object
        there, so not in the mentions memory), read as a noun phrase."""
        bare = "".join(_CHAR_CLASS.get(ch, re.escape(ch)) for ch in fw.removeprefix("ال"))
        rx = re.compile(r"(?<![\w\u064B-\u0652])و?(" + bare + r")\s+\w")
        starts = [m.start(1) for m in rx.finditer(self.text, max(0, self.cur_end - 5000), self.cur_end)]
        for start in reversed(starts):  # the nearest one that reads as a phrase
            toks = self.tokens(start, min(self.cur_end, start + 150))
            words = _parse_np(toks, 0).words
            words = words[:_phrase_end(words)]
            if len(words) >= 2 and all(_is_word(w) for w in words):
                return _join(_clean_name(words))
        return None

    def _body_in_text(self, fw: str) -> str | None:
        """"البرلمان" alone → the nearest earlier "البرلمان الأوروبي" written in the text,
        "الصحيفة" → an earlier "لصحيفة "يديعوت أحرونوت" الإسرائيلية" (objects or genitives
        there, so not in the mentions memory)."""
        pattern = "".join(_CHAR_CLASS.get(ch, re.escape(ch)) for ch in fw)
        bare = "".join(_CHAR_CLASS.get(ch, re.escape(ch)) for ch in fw.removeprefix("ال"))
        # (#الشرطة_السويسرية: a hashtag's _ is a blank)
        rx = re.compile(r"(?<![^\W_])(?:(" + pattern
                        + r"(?:[\s_]+ال[^\W_]{2,}(?:ي|ية|يه))+(?:\s+ل[^\W\d]{2,}\s+ال\w{2,})?)"
                        r"|[وبلف]?(" + bare + r")\s*[\"«“(]([^\"«»“”()\n]{2,40})[\"»”)]"
                        r"((?:\s+ال\w{2,}(?:ي|ية|يه))?))(?!\w)")
        lo = max(0, self.cur_end - 5000)
        found = None
        for m in rx.finditer(self.text, lo, self.cur_end):
            found = m.group(1) or f"{m.group(2)} {m.group(3).strip()}{m.group(4)}"
        return found.replace("_", " ") if found else None

    def subject_after(self, cue: _Cue, limit: int) -> _Subject:
        """The subject written after a cue (Arabic is mostly verb-subject-object)."""
        def window(size: int) -> list[_Token]:
            toks = self.tokens(cue.end, min(limit, cue.end + size))
            if cue.kind == "tail":
                return _skip_tail_glue(toks)
            return toks[1:] if cue.kind == "jaa" else toks  # جاء | في

        toks = window(60)
        more = (lambda: window(150)) if cue.end + 60 < limit else None
        if not toks:
            return _Subject(None, False, cue.end)
        if (cue.kind == "verb" and len(toks) > 3 and toks[0][1] == "ل" and toks[1][0] in _OPEN_MARKS[:4]):
            # قالت لـ"الاقتصادية" مصادر …: the outlet in marks is whom it was told
            mark = self.inside_mark(toks[1][3])
            after = [t for t in (window(150) if more else toks) if mark and t[2] > mark[1]]
            if mark and after and _is_word(after[0]) and after[0][1] not in _COMPLEMENTIZERS:
                subj = self.subject_from(after, cue.end)
                if subj.explicit:
                    return subj
        first = toks[0]
        if first[0] in "\"«“”„" and cue.kind != "tail":
            # A marked name as subject: أكدت "رويترز" أن …
            mark = self.inside_mark(first[3])
            if mark and len(_WORD_RE.findall(self.text, mark[0], mark[1])) <= 3:
                name = self.text[mark[0]:mark[1]].strip()
                self.ensure_mentions(cue.start)  # وذكر "مجاهد": the full name may be in a quote-less sentence
                telling = _fold(cue.word).lstrip("وف").startswith(("ابلغ", "اخبر", "افاد"))
                if self._followed_by_comp(mark[1]) and not (
                        # أبلغ "الاقتصادية" مسؤول بحريني، أن: told to the outlet, by the subject
                        telling and len(toks) > 3 and _is_word(toks[3]) and toks[3][2] > mark[1]
                        and toks[3][1] not in _COMPLEMENTIZERS and toks[3][1] not in _TIME_LEAD):
                    full = self.memory.by_name(_fold_words(name)) or name
                    return _Subject(full, True, mark[1] + 1, (name,))
                # أبلغ "الاقتصادية" المهندس مسفر المالكي … أن: the outlet is the addressee.
                after = [t for t in toks if t[2] > mark[1]]
                if cue.kind == "verb" and after and _is_word(after[0]):
                    subj = self.subject_from(after, cue.end)
                    if subj.explicit:
                        return _Subject(subj.speaker, True, subj.end, (name,))
            return _Subject(None, False, cue.end)
        lead = _time_lead(toks) if cue.kind == "verb" else 0
        if lead:  # كشف اليوم الثلاثاء محمد رؤوف اليوسفي: the subject after the time words
            toks = toks[lead:]
            more = (lambda: window(150)[lead:]) if more else None
        return self.subject_from(toks, cue.end, more=more)

    def _followed_by_comp(self, pos: int) -> bool:
        i = bisect.bisect_left(self.comp_starts, pos)
        return i < len(self.comps) and self.comps[i][0] - pos < 25

    def subject_before(self, cue: _Cue, s_start: int) -> _Subject | None:
        """A subject written before the cue: "وكان ترامب قد أعلن", "صحيفة الغد كتبت إن"."""
        fw = _fold(cue.word)
        if fw[:1] == "و" and fw[1:] in _KIND_OF:
            return None  # "… طعن وقال شهود": a verb after و opens its own clause
        lead_start = max(s_start, cue.start - 120)
        lead = self.text[lead_start:cue.start]
        cut = max(lead.rfind(ch) for ch in "،,:؛;")
        # A parenthesis cuts the lead unless it closes within it: "موقع (واي نت) … قال".
        close, open_ = lead.rfind(")"), lead.rfind("(")
        if open_ > close or (close > cut and not (cut < open_ < close)):
            cut = max(cut, open_, close)
        if all(_fold(w) in _CLAUSE_CONJ or _fold(w) in _KANA or _fold(w) in _ADJUNCT_WORDS
               for w in lead[cut + 1:].split()):
            return None  # the cue opens its clause: nothing before it
        toks = self.tokens(lead_start + cut + 1, cue.start)
        cut = 0
        for idx, t in enumerate(toks):
            if t[0] in "،,:؛;" or t[1] in ("بينما", "فيما"):
                cut = idx + 1
        toks = toks[cut:]
        while toks and toks[-1][1] in ("قد", "لقد", "وقد", "فقد", "هو", "هي", "بدوره", "بدورها", "ايضا",
                                        "سبق", "وسبق", "سبقت", "وسبقت", "سبقه", "وسبقه"):
            toks = toks[:-1]
        if len(toks) >= 2 and toks[-1][1] == "ما" and _OFTEN_RE.search(toks[-2][0] + " "):
            toks = toks[:-2]  # الدراسات غالباً ما تنقل
        if not toks:
            return None
        kana = toks[0][1] in _KANA
        if len(toks) == 2 and toks[0][1] in ("في", "فى", "وفي") and _definite(toks[1][1]):
            return None  # في البداية اعتبرت الدكتورة …: an adverbial, the subject follows
        if kana or toks[0][1] in _CLAUSE_CONJ or toks[0][1] in ("و", "ف"):
            toks = toks[1:]
        if kana and toks and _is_word(toks[0]) and (len(toks) > 8 or not all(_is_word(t) for t in toks)):
            # وكان موقع (واي نت) الإلكتروني التابع لصحيفة … قال إن: after كان the subject
            # opens the clause, whatever describes it before the verb.
            np = _parse_np(toks, 0, known=self.known_name)
            if np.words and (np.name is not None or _bare(np.words[0][1]) in _BODY_HEADS):
                subj = self._speaker_from_np(np, None, cue.start, False)
                return subj if subj.explicit else None
            return None
        if len(toks) >= 3 and toks[0][1].removeprefix("و") in _ISSUING_VERBS and (
                _accusative(toks[-1], None) or toks[-1][1] in _OBJECT_NOUNS or toks[-1][1].endswith("ا")):
            toks = toks[1:-1]  # أصدر نتنياهو بيانا قال فيه: the issuer of the document speaks
        if not toks or len(toks) > 8 or not all(_is_word(t) for t in toks):
            return None
        first = toks[0][1]
        if (first[:1] in "وف" and not _definite(first) and first not in _W_NAMES
                and not (kana and _is_name_word(first) and not _verb_like(first[1:]))
                and not (kana and (_bare(first) in _BODY_HEADS or _titleish(first)))):  # وكانت وزارة …
            return None  # "وتجنب القروض … واقترح": a coordinated verb or noun (وكانت فرنسا رأت: a name)
        if (first in _KIND_OF or first in _ADJUNCT_WORDS or first in _EVENT_NOUNS
                or first in _PRONOUN_SUBJECTS or first in _STOP_NP or first in NON_SPEECH_FORMS):
            return None
        if len(toks) >= 2 and toks[0][1] not in _GIVEN_NAMES and _is_nameish(toks[0][1]):
            self.ensure_mentions(cue.start)  # a family name met before: "لوبان | بوجود"
        np = _parse_np(toks, 0, known=self.known_name)
        if np.next != len(toks) or not np.words:
            return None
        subj = self._speaker_from_np(np, None, cue.start, False)
        return subj if (kana or subj.explicit) else None

    # -- per sentence ----------------------------------------------------------------------

    def run(self) -> list[Quote]:
        out: list[Quote] = []
        for s_start, s_end in self.sents:
            found = self.sentence(s_start, s_end)
            out.extend(found)
            # A quote-less sentence ending in ":" (وقال الوزير:) still opens a quotation.
            self.quoting = bool(found) or self.text[s_end - 1] == ":"
        out.sort(key=lambda q: (q.start, q.end, q.kind))
        return out

    def sentence(self, s_start: int, s_end: int) -> list[Quote]:
        lo = bisect.bisect_left(self.cue_starts, s_start)
        hi = bisect.bisect_left(self.cue_starts, s_end)
        cues = self.cues[lo:hi]
        lo = bisect.bisect_left(self.mark_starts, s_start)
        hi = bisect.bisect_left(self.mark_starts, s_end)
        marks = self.marks[lo:hi]
        if not cues and not marks:
            return []
        if not self._may_quote(s_start, cues, marks):
            # No quote is possible here, but the sentence may introduce the speaker of a
            # later "وأضاف أن": its subjects are read only if that happens.
            if cues:
                self.pending.append((s_start, s_end, cues))
            return []
        self.cur_end = s_end

        # 1. Reported clauses (cue + أن/إن …); cues inside a clause are reported speech
        #    themselves (قال إن الوزير أكد أن …) and speak for nobody here.
        reports = self._reports(s_start, s_end, cues)
        free = _outside(cues, reports)

        # 2. Subjects and speakers, read only for the cues a quote depends on (and, for a
        #    cue without a subject, the cues before it): a cue without a subject takes the
        #    sentence's previous speaker, else a name earlier in the sentence, else the
        #    article's last speaker.
        subjects = _Subjects(self, free, s_start, s_end)
        speakers = _Speakers(self, free, subjects, s_start)
        for r in reports:
            r.speaker = speakers[r.cue.start]
        reports = [r for r in reports if not (r.cue.kind == "tail" and r.speaker is None)]
        quotes = [Quote(self.text[r.start:r.end], r.start, r.end, "indirect", r.speaker, r.cue.word,
                        s_start, s_end) for r in reports if not r.marked]

        # 3. Marked spans: direct quotes.
        quotes.extend(self._direct(s_start, s_end, free, marks, reports, subjects, speakers))

        quotes.sort(key=lambda q: q.start)
        last = next((q.speaker for q in reversed(quotes) if q.speaker), None)
        if not last and free:
            last = speakers.explicit_before(len(free))
            if not last:
                # "…، وفق ما أكده مدير المستشفى": a source, the antecedent of a later "وأضاف".
                last = next((subjects[c.start].speaker for c in free if c.kind == "tail"
                             and subjects[c.start].explicit), None)
        if last:
            self.memory.last_speaker = last
            self.pending.clear()  # older quote-less sentences no longer matter
        return quotes

    def _may_quote(self, s_start: int, cues: list[_Cue], marks) -> bool:
        """Can the sentence hold a quote? A cue followed by a complementizer, or a mark
        with a cue in the sentence, or a mark opening a sentence (a continuation)."""
        if marks and (cues or marks[0][0] - s_start <= 40):
            return True
        if cues:
            i = bisect.bisect_right(self.comp_starts, cues[0].end)
            return i < len(self.comps) and self.comps[i][0] < self.cur_limit(s_start)
        return False

    def cur_limit(self, s_start: int) -> int:
        k = bisect.bisect_right(self.sent_starts, s_start) - 1
        return self.sents[k][1]

    def flush_pending(self) -> None:
        """Read the subjects of the pending quote-less sentences (for their mentions and the
        documents they issue), oldest first; the last one named stays the last speaker."""
        pending, self.pending = self.pending, []
        saved = self.cur_end
        for p_start, p_end, cues in pending:
            self.cur_end = p_end
            for cue in cues:
                subj = self._subject(cue, p_start, p_end)
                if subj.explicit and subj.speaker and cue.kind != "masdar":
                    self.note_issuer_at(subj.end, subj.speaker)
                    if _fold(subj.speaker) not in _GENERIC_SUBJECTS:
                        self.memory.last_speaker = subj.speaker
        self.cur_end = saved

    def inherited(self, before: int) -> str | None:
        """The speaker a subjectless cue continues: the last speaker, unless a later
        quote-less sentence named someone (its subjects are read now, newest first)."""
        while self.pending:
            p_start, p_end, cues = self.pending.pop()
            saved = self.cur_end
            self.cur_end = p_end
            found = None
            for cue in cues:
                subj = self._subject(cue, p_start, p_end)
                if (subj.explicit and subj.speaker and cue.kind != "masdar"
                        and _fold(subj.speaker) not in _GENERIC_SUBJECTS):
                    found = subj.speaker
            self.cur_end = saved
            if found:
                self.pending.clear()
                self.memory.last_speaker = found
                break
        if self.memory.last_speaker is None:
            # Nobody has spoken yet: the antecedent is the last person or body named before
            # (رفع الشيخ فلان التعازي … وأضاف أن …).
            self.ensure_mentions(before)
            named = [m.name for m in self.memory.mentions if m.name and m.pos < before]
            if named:
                return named[-1]
        return self.memory.last_speaker

    def _subject(self, cue: _Cue, s_start: int, s_end: int) -> _Subject:
        fw = _fold(cue.word)
        if fw in ("قوله", "قولها", "قولهم"):
            # نقلت الوكالة عن مصدر عسكري قوله إن …: the speaker follows عن.
            toks = self.tokens(max(s_start, cue.start - 150), cue.start)
            for k in range(len(toks) - 1, -1, -1):
                if toks[k][1] == "عن":
                    return self.subject_from(toks[k + 1:], cue.start)
            return _Subject(None, False, cue.end)
        if fw in _FIRST_PERSON or cue.kind in ("part", "masdar") or fw in _ATTRIB_PARTICIPLES:
            return _Subject(None, False, cue.end)  # (متهمة موسكو بـ"…": the participle's object)
        if cue.rel:
            return self._relative_subject(cue, s_start) or _Subject(None, False, cue.end)
        if fw.lstrip("وف")[:3] == "نقل":
            # نقلت "أسوشيتد برس" عن زاخاروفا قولها إن …: the speaker is the one after عن.
            source = self._quoted_source(cue, s_end)
            if source is not None:
                return source
        if cue.kind in ("verb", "attrib") and _plural_verb(fw):
            # A verb before its subject agrees in the singular: قالوا/ووصفوا have a pronoun
            # subject, whose antecedent is the nearest plural noun before them (an imperfect,
            # يقولون, follows its subject: لكن مراقبين يقولون).
            if not fw.endswith("وا"):
                before = self.subject_before(cue, s_start)
                if before is not None and before.explicit:
                    return before
            return self._plural_antecedent(cue, s_start) or _Subject(None, False, cue.end)
        before = self.subject_before(cue, s_start) if cue.kind in ("verb", "attrib") else None
        if before is not None and before.explicit:
            return before
        after = self.subject_after(cue, s_end)
        if not after.explicit and cue.kind in ("verb", "attrib"):
            topic = self._amma_topic(cue, s_start)
            if topic is not None:
                return topic
        return after

    def _amma_topic(self, cue: _Cue, s_start: int) -> _Subject | None:
        """"أما X، …، فقال" / "أما X فقد أكد": the topic after أما is the subject of the ف verb."""
        fw = _fold(cue.word)
        pre = self.text[max(s_start, cue.start - 200):cue.start]
        if not (fw[:1] == "ف" or pre.rstrip().endswith(("فقد", "فإنه", "فانه"))):
            return None
        ends = [m.end() for m in _AMMA_RE.finditer(pre)]
        if not ends:
            return None
        start = cue.start - len(pre) + ends[-1]
        toks = self.tokens(start, cue.start)
        subj = self.subject_from(toks, cue.start)
        return subj if subj.explicit and subj.speaker else None

    def _relative_subject(self, cue: _Cue, s_start: int) -> _Subject | None:
        """"وفقا للميساوي الذي أكد أن": the noun before the relative pronoun is the subject
        when the verb agrees with it (الذي أكد، التي قالت); "وثيقة قرطاج التي قال إن" has a
        pronoun subject instead (None here: it is inherited)."""
        toks = self.tokens(max(s_start, cue.start - 80), cue.start)
        if len(toks) < 2:
            return None
        rel, fw = toks[-1][1].lstrip("و"), _fold(cue.word).lstrip("وف")
        toks = toks[:-1]
        while toks and not _is_word(toks[-1]):
            toks = toks[:-1]
        if rel == "الذين" and _plural_verb(fw) and toks and _definite(toks[-1][1]):
            # عائلات البحارة الذين نقلوا أن …: a plural antecedent, with its construct head.
            k = len(toks) - 1
            if k and _is_word(toks[k - 1]) and not _definite(toks[k - 1][1]) and (
                    toks[k - 1][1].endswith("ات") or toks[k - 1][1] in ("اهالي", "سكان", "ذوو", "ذوي")):
                k -= 1
            return _Subject(_join(toks[k:]), True, cue.start)
        feminine_verb = fw.endswith("ت")
        if (rel == "التي") != feminine_verb or rel not in ("الذي", "التي"):
            return None
        for k in range(max(0, len(toks) - 5), len(toks)):
            if not _is_word(toks[k]):
                continue
            head = toks[k]
            unglued = _unglue(head[1])
            if unglued != head[1]:  # للميساوي → الميساوي
                surface = "ا" + head[0][1:] if head[1].startswith("لل") else head[0][1:]
                head = (surface, unglued, head[2], head[3])
            cand = [head, *toks[k + 1:]]
            fw = head[1]
            if not (_definite(fw) or fw in _GIVEN_NAMES or _titleish(fw) or self.known_name(cand, 0)):
                continue  # the antecedent opens with a name, a title or a definite noun
            np = _parse_np(cand, 0, 6, known=self.known_name)
            if np.words and np.next == len(cand):
                subj = self._speaker_from_np(np, None, cue.start, False)
                return subj if subj.explicit else None
        return None

    def _quoted_source(self, cue: _Cue, limit: int) -> _Subject | None:
        toks = self.tokens(cue.end, min(limit, cue.end + 120))
        for k, t in enumerate(toks[:12]):
            if t[1] in _COMPLEMENTIZERS or t[0] in ":":
                return None
            if t[1] == "عن" and k + 1 < len(toks):
                subj = self.subject_from(toks[k + 1:], cue.end)
                return subj if subj.explicit else None
        return None

    def _plural_antecedent(self, cue: _Cue, s_start: int) -> _Subject | None:
        toks = self.tokens(max(s_start, cue.start - 250), cue.start)
        # لكن بعض مسؤولي إدارة ترامب قالوا إن: a quantified plural right before the verb is
        # its subject, as written (not the person named inside it).
        for k in range(max(0, len(toks) - 6), len(toks) - 1):
            surface, fw, start, end = toks[k]
            if fw.removeprefix("و") in _QUANTIFIERS and all(_is_word(t) for t in toks[k:]):
                if fw != fw.removeprefix("و"):  # وبعض → بعض
                    surface, fw, start = surface[1:], fw[1:], start + 1
                return _Subject(_join([(surface, fw, start, end), *toks[k + 1:]]), True, cue.start)
        for k in range(len(toks) - 1, -1, -1):
            fw = toks[k][1]
            if fw.startswith("ال") and len(fw) > 5 and fw.endswith("ين") and k > 0 and toks[k - 1][1] in (
                    "لكن", "ولكن"):
                # لكن الإيرانيين، الذين …، يقولون: the accusative after لكنّ
                return _Subject(toks[k][0], True, cue.start)
            plural = fw.startswith("ال") and fw.endswith("ون") and len(fw) > 5
            construct = (fw.endswith("و") and len(fw) > 4 and not fw.startswith(("ال", "و"))
                         and k + 1 < len(toks) and toks[k + 1][1].startswith("ال"))
            if plural or construct:
                np = _parse_np(toks, k, 4)
                if np.words:
                    return self._speaker_from_np(np, None, cue.start, False)
        return None

    def note_issuer_at(self, end: int, speaker: str | None) -> None:
        """The document named right after ``end`` speaks for ``speaker``: "قال الكرملين، في
        بيان" / "توقعت الأرصاد في تقريرها" (the subject's end), "وقالت في بيان" (the cue's)."""
        m = _ISSUER_RE.match(self.text[end:end + 30].lstrip("،, "))
        head = _DOC_HEAD.get(_fold(m.group(1))) if m else None
        if head:
            self._issued_by(head, speaker)

    # -- indirect ------------------------------------------------------------------------

    def _reports(self, s_start: int, s_end: int, cues: list[_Cue]) -> list[_Report]:
        text = self.text
        lo = bisect.bisect_left(self.comp_starts, s_start)
        hi = bisect.bisect_left(self.comp_starts, s_end)
        comps = self.comps[lo:hi]
        out: list[_Report] = []
        if not comps:
            return out
        taken_until = -1
        for idx, cue in enumerate(cues):
            if cue.kind == "attrib" or cue.start < taken_until:
                continue
            nxt_cue = cues[idx + 1].start if idx + 1 < len(cues) else s_end
            comp = self._complementizer(cue, comps, nxt_cue)
            if comp is None:
                continue
            c_start = comp[1]
            while c_start < s_end and (text[c_start].isspace() or (
                    text[c_start] in ":،," and c_start + 1 < s_end and text[c_start + 1] in " \"«“”„")):
                c_start += 1  # (قال إن :"…": the colon only introduces the marked text)
            if c_start >= s_end:
                continue
            speaker = None  # filled in once the subjects are known
            c_end = self._clause_end(c_start, s_end, cues)
            if text[c_start] in "\"«“”„":
                mark = self.inside_mark(c_start + 1)
                end = mark[1] + 1 if mark else c_start + 1
                # A short marked name opening a longer clause (أن "معرض وظائف 2015" الذي …)
                # leaves an indirect clause; otherwise the marked text is the report.
                n_mark = len(_WORD_RE.findall(text, mark[0], mark[1])) if mark else 0
                rest = _WORD_RE.findall(text, end, c_end)
                # (إن "الدون" ينظر لنفسه …: a one- or two-word name as the clause's subject)
                name_subject = 0 < n_mark <= 2 and len(rest) >= 3 and (
                    _verb_like(_fold(rest[0])) or _fold(rest[0]) in _KANA  # (أن "خورام" كان …)
                    or _APPOSITION_AFTER_RE.match(text, end))
                # (إن "جيبي"، وهو الإعصار …، كان: a name with an apposition, then the predicate)
                if name_subject and mark:
                    self.terms.add(_fold(text[mark[0]:mark[1]].strip(" .،,")))
                if not (mark and n_mark <= 4 and len(rest) >= 3 and (
                        name_subject or self._is_name_or_term(mark[0], text[mark[0]:mark[1]], s_start))):
                    out.append(_Report(cue, c_start, end, speaker, True))
                    taken_until = end
                    continue
            q_start, q_end = _trim_clause(text, c_start, c_end)
            if q_end - q_start < 4 or not _WORD_RE.search(text, q_start, q_end):
                continue
            out.append(_Report(cue, q_start, q_end, speaker, False))
            taken_until = q_end
        return out

    def _complementizer(self, cue: _Cue, comps, nxt_cue: int):
        """The أن/إن clause a cue governs: the first complementizer after it, before the next
        cue, within 25 words, not introduced by a word that makes it something else."""
        text = self.text
        i = bisect.bisect_left(comps, (cue.end,))
        for c_start, c_end, fc in comps[i:i + 1]:  # only the first one after the cue counts
            if c_start > nxt_cue:
                return None
            gap = text[cue.end:c_start]
            gap_words = _WORD_RE.findall(gap)
            if len(gap_words) > 35 or "\n" in gap or ".." in gap or "؟" in gap:
                return None
            if (cue.kind == "tail") != fc.startswith("ف"):
                return None  # حسب البيان فإن … ; a verb's clause is أن/إن/بأن
            if fc == "وان" and _CONCESSIVE_RE.match(text, c_end):
                return None  # وإن كانت الشركة تؤمن …: "even if", no reported clause
            if len(gap_words) >= 2 and _fold(gap_words[-1]) == "من" and _fold(gap_words[-2]) in _CHECKING:
                return None  # تطالب فيه الولايات المتحدة بالتأكد من أن …: what is to be checked
            if gap_words:
                last = _fold(gap_words[-1])
                if (len(gap_words) >= 2 and last in ("في", "بان")
                        and _fold(gap_words[-2]) in _NOT_COMPLEMENT_BEFORE):
                    return None  # أعرب عن أمله في أن …: a hope, not a report
                if _fold(gap_words[0]) in ("الله", "المولي", "ربه") and _fold(
                        cue.word).lstrip("و").startswith(("دع", "داع")):
                    return None  # داعيا الله أن يتغمدهم: a prayer
                kasra = "إ" in text[c_start:c_start + 3]  # إن/إنه: after a verb of saying only
                if last in _NOT_COMPLEMENT_BEFORE and not kasra and not (
                        last == "الي" and cue.kind in ("verb", "part")):
                    return None
                if last in NON_SPEECH_FORMS:
                    return None
                if len(gap_words) >= 2 and _fold(gap_words[-2]) in ("من", "لا") and last in (
                        "المقرر", "بد", "المتوقع", "المنتظر", "الضروري", "المرجح", "المحتمل"):
                    return None
            return c_start, c_end, fc
        return None

    def _clause_end(self, c_start: int, s_end: int, cues: list[_Cue]) -> int:
        """Where a reported clause ends: the sentence end, or before a new report
        (``، مشيرا إلى أن`` / ``، وقال إن`` / ``، بينما أكد`` / ``، في إشارة إلى``)."""
        text = self.text
        end = s_end
        m = _CLAUSE_TAIL_RE.search(text, c_start, s_end)
        if m:
            end = m.start()
        first = bisect.bisect_right([c.start for c in cues], c_start) if len(cues) > 8 else 0
        for cue in cues[first:]:
            if cue.start >= end:
                break
            if cue.start <= c_start:
                continue
            if cue.kind == "attrib":
                if (_fold(cue.word).endswith(("ا", "ه"))
                        and text[max(c_start, cue.start - 4):cue.start].rstrip().endswith(("،", ","))):
                    return _back(text, cue.start, " ،,")
                continue  # ("…"، مبديا استعداده: a participle after a comma starts a new act)
            pre = text[max(c_start, cue.start - 15):cue.start]
            stripped = pre.rstrip()
            comma = max(stripped.rfind("،"), stripped.rfind(","))
            between = stripped[comma + 1:] if comma >= 0 else stripped
            between_words = _WORD_RE.findall(between)
            if cue.rel and comma >= 0 and len(between_words) == 1:
                return cue.start - len(pre) + comma  # "…، التي قال إن": a new report
            if cue.kind == "part":
                if comma >= 0 and len(between_words) <= 1:
                    return cue.start - len(pre) + comma
                return cue.start
            fw = _fold(cue.word)
            if fw[:1] not in "وف" and not between_words and fw[:1] in "يتن":
                continue  # "، تؤكد أن": an imperfect verb inside the clause
            if (fw[:1] in "وف" and cue.kind == "verb" and fw[1:2] not in "يتن"
                    and self._followed_by_comp(cue.end)):
                # "إنها حاولت … وأضافت أن …": a second report by the same speaker
                return _back(text, cue.start, " \t\n")
            if comma >= 0 and (not between_words or (len(between_words) == 1
                               and _fold(between_words[0]) in _CLAUSE_CONJ)):
                return cue.start - len(pre) + comma
        return end

    # -- direct --------------------------------------------------------------------------

    def _direct(self, s_start: int, s_end: int, cues: list[_Cue], marks, reports: list[_Report],
                subjects: _Subjects, speakers: _Speakers) -> list[Quote]:
        out: list[Quote] = []
        text = self.text
        cue_ends = [c.end for c in cues]
        report_starts = [r.start for r in reports]  # reports are disjoint and in order
        for start, end, _unclosed in marks:
            q_start, q_end = _trim(text, start, min(end, s_end))
            if q_end <= q_start:
                continue
            content = text[q_start:q_end]
            n_words = len(_WORD_RE.findall(content))
            if not n_words:
                continue
            k = bisect.bisect_right(report_starts, start) - 1
            report = reports[k] if k >= 0 and start < reports[k].end else None
            cue: _Cue | None
            if report is not None:
                cue, speaker = report.cue, report.speaker
                if (n_words <= 8 and not report.marked
                        and self._is_name_or_term(start, content, s_start, in_report=True,
                                                  clause_start=report.start)):
                    continue
            else:
                if n_words <= 8 and self._is_name_or_term(start, content, s_start):
                    continue  # checked first: it is cheap, and names in marks are common
                cue = self._governing_cue(cues[:bisect.bisect_right(cue_ends, start)], subjects)
                pronoun_tail = False
                if cue is not None:
                    subj = subjects[cue.start]
                    if subj.names and any(nm in content for nm in subj.names):
                        continue  # the cue's subject: أكدت "رويترز" أن …
                    if subj.explicit and cue.end < start < subj.end:
                        continue  # a name inside the subject phrase
                else:
                    cue, pronoun_tail = self._cue_after(end, s_end, cues)
                if cue is None and not pronoun_tail:
                    # No cue in the sentence: a quote that opens the sentence right after
                    # quoted speech continues the last speaker; anything else is a term.
                    if n_words < 4 or not self.quoting or start - s_start > 40:
                        continue
                    speaker = self.inherited(s_start)
                    if not speaker:
                        continue
                elif cue is None:
                    speaker = next((speakers[c.start] for c in reversed(cues) if speakers[c.start]),
                                   self.memory.last_speaker)
                else:
                    speaker = speakers[cue.start]
            out.append(Quote(content, q_start, q_end, "direct", speaker,
                             cue.word if cue else None, s_start, s_end))
        return out

    @staticmethod
    def _governing_cue(before: list[_Cue], subjects: _Subjects) -> _Cue | None:
        """The cue a quote depends on: the nearest verb or participle before it, unless an
        attribution tail names a speaker and the verb has none (ركز بوتين، حسب الكرملين)."""
        if not before:
            return None
        before = before[-6:]  # the nearest cues decide; older ones are other clauses
        verb = next((c for c in reversed(before) if c.kind in ("verb", "attrib", "part", "jaa")), None)
        tail = next((c for c in reversed(before) if c.kind == "tail"), None)
        # A verb wins over a tail after it ("وتابع قائلا وفقا لما نشرته البعثة: "…""): that
        # tail names where the words were published; the verb's speaker said them.
        if verb is not None:
            return verb
        if tail is not None and subjects[tail.start].explicit:
            return tail
        return verb or before[-1]

    def _cue_after(self, end: int, s_end: int, cues: list[_Cue]) -> tuple[_Cue | None, bool]:
        """A cue right after the quote: «…»، قالت الوزيرة / "…"، بحسب تعبيره."""
        if _TAIL_PRONOUN_RE.match(self.text, end + 1, min(s_end, end + 60)):
            return None, True
        for cue in cues:
            if cue.start <= end:
                continue
            gap = self.text[end + 1:cue.start]
            if len(_WORD_RE.findall(gap)) > 2 or "\n" in gap:
                break
            return cue, False
        return None, False

    def _governed(self, prev: list[re.Match[str]], start: int, content: str) -> bool:
        """Does a short marked span read as someone's words? Yes after a reporting verb, a
        preposition or particle that completes one (وصفه بـ"…"، دعا إلى "…"، أن "…"), after
        a verb (سيفرض "…"), or when it opens with a verb or a negation (لم يعد …)."""
        if not prev:
            return True  # it opens the sentence
        last = prev[-1]
        if ":" in self.text[last.end():start]:
            return True  # قال في مؤتمر صحفي: «…»
        fw = _fold(last.group())
        if fw in _KIND_OF or fw in _GOVERNING_PARTICLES:
            return True
        if (last.end() >= start - 2 and fw[-1:] == "ب") or self.text[last.end():start].strip() in ("بـ", "ب"):
            return True  # بـ"الفضيحة"
        if _verb_like(fw[1:] if fw[:1] in "وف" and len(fw) > 4 else fw):
            return True  # after a verb: سيفرض "…"، ونصدر "…"، التي جرت "…"
        between = [_fold(m.group()) for m in prev[-4:-1]]
        for k in range(len(between) - 1, -1, -1):
            # وقالت بيرس للصحفيين "هذا مقزز": a reporting verb, its subject (and addressee)
            if _KIND_OF.get(between[k]) in ("verb", "attrib"):
                rest = [*between[k + 1:], fw]
                words = [_fold(w) for w in _WORD_RE.findall(content)]
                clause = len(words) >= 3 or "!" in content or "؟" in content or any(
                    w in _DEMONSTRATIVES or w in _NEGATIONS or w in _PRONOUN_SUBJECTS or _verb_like(w)
                    for w in words)
                if clause and not any(w in _COMPLEMENTIZERS or w in _NAMING_WORDS
                                      or _strip_prefix(w) in _NAMING_WORDS
                                      or w in ("في", "عن", "من", "علي", "الي", "مع") for w in rest):
                    return True
                break
        first = _WORD_RE.search(content)
        if not first:
            return False
        head = _fold(first.group())
        # A span opening with a preposition (استقبال اللاجئين "بمعزل عن معتقداتهم") or ذا
        # ("ذا أولوية عليا") continues the sentence: it is someone's words, not a name.
        prep = head in ("في", "علي", "من", "الي", "عن", "مع", "ضد", "ذا", "ذات", "دون", "بدون") or (
            head[:1] in "بل" and len(head) > 4 and head[1:3] != "ال" and head not in _GIVEN_NAMES
            and head[1:] not in _GIVEN_NAMES)
        return prep or head in _NEGATIONS or (_verb_like(head) and head[:1] != "ن")  # not "نانو"

    def _is_name_or_term(self, start: int, content: str, s_start: int, in_report: bool = False,
                         clause_start: int | None = None) -> bool:
        """A short marked span that names something (تنظيم "داعش") rather than quoting.

        Inside a reported clause, marks mostly flag the speaker's own words (التي جرت
        "وفقا لاتفاق مسبق"); elsewhere a short span must read as governed speech."""
        key = _fold(content.strip(" .،,"))
        if key in self.terms:
            return True  # مدرسة «مسرح الشارع» … أن يواكب «مسرح الشارع»: still the term
        if self._named_before(start, key):
            self.terms.add(key)
            return True
        if self._term(start, content, s_start, in_report, clause_start):
            self.terms.add(key)
            return True
        return False

    def _named_before(self, start: int, key: str) -> bool:
        """An earlier mark holding the same words after a naming noun or a body (اتحاد
        الكرة الدولي "إيفاب" … بأن تقر "إيفاب"): the same name again."""
        i = bisect.bisect_left(self.mark_starts, start)
        for s, e, _ in self.marks[max(0, i - 20):i]:
            if _fold(self.text[s:e].strip(" .،,")) != key:
                continue
            prev = _WORD_RE.findall(self.text, max(0, s - 30), s)
            if prev:
                fw = _fold(prev[-1])
                base = _strip_prefix(fw)
                if (_bare(fw) in _NAMING_WORDS or base in _NAMING_WORDS or _bare(base) in _BODY_HEADS
                        or _nisba(fw) or fw in _TAIL_CUES):
                    return True
        return False

    def _term(self, start: int, content: str, s_start: int, in_report: bool,
              clause_start: int | None) -> bool:
        text = self.text
        prev = list(_WORD_RE.finditer(text, max(s_start, start - 30), start))
        first = _WORD_RE.search(content)
        head = _fold(first.group()) if first else ""
        if (" " not in content.strip() and content.strip().startswith("ال") and prev
                and _fold(prev[-1].group()) in ("عن", "في", "من", "علي", "الي", "حول", "مع", "عبر", "ضد",
                                                 "نحو", "لدي", "بين")):
            return True  # فيديو عن "الظلم": one definite word after a preposition is a term
        if clause_start is not None and start > clause_start:
            subject = _WORD_RE.findall(text, clause_start, start)
            tail = text[start + len(content):start + len(content) + 3].lstrip("\"»”“' ")
            if (1 <= len(subject) <= 3 and not any(_verb_like(_fold(w)) for w in subject)
                    and not any(_strip_prefix(_fold(w)) in _NAMED_AS for w in subject)
                    and _fold(subject[-1]) not in ("ب", "بـ", "ل", "لـ")
                    and (not tail or tail[0] in "،,.؛;:!?؟\n" or tail[0] in "وف")
                    and _fold(subject[0]).startswith(("ال", "وال")) | (len(subject) >= 2)
                    and not _LATIN_NAME_RE.fullmatch(content.strip())):
                # أن الحكومة "مطالبة بتفعيلها"، إن بيانات جونسون "غير مقبولة": the marked words
                # are the predicate of the reported clause, not a name.
                return False
        predicate = head in _NEGATIONS or (_verb_like(head) and head[:1] != "ن")
        # "استهدفها بشكل مباشر": a verb with its object pronoun opens a predicate, not a name
        verb_object = len(head) >= 6 and head.endswith(("ها", "هم")) and head[:1] in "اتي"
        if len(_WORD_RE.findall(content)) <= 3 and not verb_object and not self._governed(
                prev, start, content) and (
                not in_report or (prev and _definite(_fold(prev[-1].group())))):
            return True  # مدرسة «مسرح الشارع»، الطابعات "نافثة الحبر": a term after a noun
        if prev:
            last = prev[-1]
            fw = _fold(last.group())
            glued = not text[last.end():start - 1].strip(" ـ")
            if fw in ("ل", "لـ") or (glued and fw in ("ل", "ال")):
                return True  # لـ"الشرق الأوسط": an outlet
            if fw in _TAIL_CUES or any(_strip_prefix(_fold(m.group())) in _NAMED_AS for m in prev[-3:]):
                return True  # وفق "فرانس برس"; القضية المعروفة إعلاميا بـ"خلية …"
            base = _strip_prefix(fw)
            for cand in (fw, base, fw[2:] if fw.startswith("ال") else fw,
                         base[2:] if base.startswith("ال") else base, _bare(fw)):
                if cand in _NAMING_WORDS and not (predicate and fw.startswith("ال")):
                    return True  # (البرنامج "تكمن في …" is a predicate, not a name)
            if fw in _CALLED and len(prev) > 1:
                # رجل أمريكي يدعى "كارل سميث": a name, and a mention for "الرجل" later.
                title = " ".join(m.group() for m in prev[-3:-1])
                self.memory.add(content.strip(), title, start)
                return True
            if fw in ("بين", "وبين", "وهو", "وهي", "هو", "هي") or (
                    len(prev) > 1 and _fold(prev[-2].group()) in ("ما", "مما", "بما")
                    and fw in ("يسمي", "تسمي", "سمي", "يعرف", "عرف", "اسماه", "اسموه")):
                return True
        if _LATIN_NAME_RE.fullmatch(content.strip()) or _fold(content.strip()) in _PLATFORMS:
            return True  # "Fitbit", "Creed", "تويتر": a name in marks
        first = _WORD_RE.search(content)
        if (first and _fold(first.group()) in _GIVEN_NAMES and not first.group().endswith("ى")
                and first.group() not in ("أنا", "انا") and len(_WORD_RE.findall(content)) <= 4
                and not prev_is_cue(prev)):
            return True  # "علي دوابشة": a person's name in marks (not "أنا آسف …")
        head_noun = _bare(_fold(first.group())) if first else ""
        if (first and (head_noun in _BODY_HEADS or head_noun in _STATE_HEADS)
                and len(_WORD_RE.findall(content)) <= 8
                and not any(_fold(w).lstrip("و") in _NEGATIONS or _verb_like(_fold(w).lstrip("و"))
                            for w in _WORD_RE.findall(content)[1:])):
            return True  # "مركز الملك سلمان للإغاثة": an organization (not "حكومة تقشف ولن تسرح")
        # The article writes the same words without marks elsewhere: a name, not speech.
        stripped = content.strip(" .،,")
        if len(stripped) >= 3:
            if len(text) <= _WINDOW:
                if self._marked_text is None:
                    self._marked_text = "\x00".join(text[s:e] for s, e, _ in self.marks)
                if (stripped.startswith("ال") and len(stripped) >= 5 and " " not in stripped
                        and stripped[2:].isalpha()):
                    # «الفيفا» … شكوى اللاعب للفيفا: one definite word, written elsewhere with
                    # a preposition glued to it.
                    rx = re.compile(r"(?<!\w)(?:[وفبك]?ال|لل|[وف]لل)" + re.escape(stripped[2:]) + r"(?!\w)")
                    if len(rx.findall(text)) > len(rx.findall(self._marked_text)):
                        return True
                return text.count(stripped) > self._marked_text.count(stripped)
            # A very long text: look only around the span, so the work stays linear.
            lo, hi = max(0, start - _WINDOW // 2), start + _WINDOW // 2
            first = bisect.bisect_left(self.mark_starts, lo)
            last = bisect.bisect_left(self.mark_starts, hi)
            marked = sum(text.count(stripped, s, min(e, hi)) for s, e, _ in self.marks[first:last])
            return text.count(stripped, lo, hi) > marked
        return False


_PLATFORMS = frozenset(fold(w) for w in (
    "تويتر", "فيسبوك", "فيس بوك", "الفيسبوك", "الفايسبوك", "فايسبوك", "إنستغرام", "انستغرام",
    "إنستجرام", "انستجرام", "يوتيوب", "اليوتيوب", "واتساب", "واتس اب", "تلغرام", "تيليجرام",
    "سناب شات", "سنابشات", "تيك توك", "لينكدإن", "غوغل", "جوجل", "أمازون", "أبل", "آبل"))
_LATIN_NAME_RE = re.compile(r"[A-Za-z0-9][\w.&'’+-]*(?:\s+[\w.&'’+-]+){0,3}")
_TAIL_MA_RE = re.compile(r"\s*(?:ل?ما\s*)?")
_STATE_HEADS = {"جمهوريه", "مملكه", "سلطنه", "اماره", "امارات", "دوله", "ولايه", "اقليم"}
_APPOSITION_AFTER_RE = re.compile(r"\s*[،,]\s*(?:وهو|وهي|الذي|التي)\s")
_AMMA_RE = re.compile(r"(?:^|[\s،,])[وف]?[أا]ما\s+")
_GAP_BREAK_RE = re.compile(r"[،,:؛;.!?؟\"«»“”\n]")
class _Subjects(dict):
    """Subjects of a sentence's cues by cue offset, read on first use."""

    def __init__(self, art: _Article, cues: list[_Cue], s_start: int, s_end: int) -> None:
        super().__init__()
        self.art, self.cues, self.s_start, self.s_end = art, {c.start: c for c in cues}, s_start, s_end

    def __missing__(self, start: int) -> _Subject:
        cue = self.cues[start]
        subj = self[start] = self.art._subject(cue, self.s_start, self.s_end)
        if subj.explicit and subj.speaker and cue.kind != "masdar":
            self.art.note_issuer_at(subj.end, subj.speaker)
        return subj


class _Speakers(dict):
    """Speakers of a sentence's cues by cue offset, resolved on first use."""

    def __init__(self, art: _Article, cues: list[_Cue], subjects: _Subjects, s_start: int) -> None:
        super().__init__()
        self.art, self.cues, self.subjects, self.s_start = art, cues, subjects, s_start
        self.index = {c.start: i for i, c in enumerate(cues)}

    def explicit_before(self, i: int) -> str | None:
        """The last written, non-generic subject among the sentence's first ``i`` cues."""
        for cue in reversed(self.cues[max(0, i - 6):i]):
            subj = self.subjects[cue.start]
            # A tail's subject (حسب الصحيفة) is a source, not the subject of the sentence.
            if (subj.explicit and subj.speaker and cue.kind not in ("masdar", "tail") and not cue.rel
                    and _fold(subj.speaker) not in _GENERIC_SUBJECTS):
                return subj.speaker
        return None

    def __missing__(self, start: int) -> str | None:
        i = self.index[start]
        cue = self.cues[i]
        subj = self.subjects[start]
        if subj.explicit:
            speaker = subj.speaker
        elif _fold(cue.word) in _FIRST_PERSON:
            speaker = None
        else:
            speaker = self.explicit_before(i) or self.art.sentence_topic(self.s_start, cue.start,
                                                                          _feminine_cue(cue))
            if speaker is None:
                speaker = self.art.family_subject(self.s_start, cue)
            if speaker is None:
                names = self.art.sentence_names(self.s_start, cue.start)
                speaker = names[-1] if names else self.art.inherited(self.s_start)
            if cue.kind == "verb":
                self.art.note_issuer_at(cue.end, speaker)  # وقالت في بيان: the one it continues
        self[start] = speaker
        return speaker


# Ministries named by their portfolio alone (الخارجية الفلسطينية، الداخلية السعودية).
_STUDIES = {"الدراسه", "الاستطلاع", "البحث"}  # documents that are their own speaker
_PORTFOLIOS = {"الخارجيه", "الداخليه", "الدفاع", "الصحه", "العدل", "الماليه", "الزراعه",
               "الاقتصاد", "الطاقه", "السياحه", "الثقافه", "الاعلام", "التربيه", "التعليم"}
_ISSUING_VERBS = {"اصدر", "اصدرت", "نشر", "نشرت", "وجه", "وجهت", "بعث", "بعثت", "القي", "القت",
                  "عقد", "عقدت", "ادلي", "ادلت", "كتب", "كتبت", "بث", "بثت"}
_UNCLOSED_NAME_RE = re.compile(r"\s*((?:[^\W\d]+\s+){0,3}[^\W\d]+)\s+(?:إن|أن|بأن)\w{0,2}\s")
_SPOUSE = {"زوجه", "عقيله", "حرم", "قرينه"}
_SAME_SOURCE = {"المصدر", "المتحدث", "المسؤول", "الناطق", "المصادر"}
_OPEN_MARKS = "\"«“„'("
_CLOSE_MARKS = "\"»”“')"
_HASHTAG_NAME_RE = re.compile(r"#([^\W\d_]{2,}(?:_[^\W\d_]{2,}){1,2})(?![\w])")
_CALLED_RE = re.compile(r"(?:يدعى|تدعى|يدعي|تدعي|المدعو|المدعوة)\s*[\"«“]([^\"»”\n]{2,40})[\"»”]")
_CALLED = {"يدعي", "تدعي", "المدعو", "المدعوه", "اسمه", "اسمها", "يسمي", "تسمي"}
_GOVERNING_PARTICLES = {"الي", "علي", "عن", "في", "من", "ب", "ان", "انه", "انها", "انهم", "بان",
                        "بانه", "بانها", "بانهم", "مع", "ضد", "حول", "ك", "كما", "وان", "لان",
                        "قال", "قائلا", ":", "الذي", "التي", "الذين"}
_NEGATIONS = {"لم", "لن", "لا", "ما", "ليس", "ليست", "قد", "سوف", "لقد", "غير", "عدم"}
_GENERIC_SUBJECTS = {"البعض", "بعضهم", "الكثير", "الكثيرون", "كثيرون", "اخرون", "الجميع"}


def _plural_subject(fw: str) -> bool:
    """An indefinite sound plural in -ون (معارضون): a subject, never in construct with a name."""
    return fw.endswith("ون") and len(fw) >= 6 and not _definite(fw) and fw not in _GIVEN_NAMES


def _after_relative(text: str, start: int) -> bool:
    prev = _CUE_PREV_RE.search(text, max(0, start - 12), start)
    return prev is not None and prev.group(1).removeprefix("و") in _RELATIVES


def _unlisted_name(toks: list[_Token], k: int, c: int) -> bool:
    """Two words just before the clause (``toks[k:c]``, c = k + 2) that can only be a name
    the lexicon does not list: after a definite word that ends a title chain, neither a
    title, body, place, event, time or adjunct word, no preposition glued on, no accusative."""
    if k < 1 or c != k + 2 or not (_is_word(toks[k - 1]) and _definite(toks[k - 1][1])):
        return False
    for tok in toks[k:c]:
        fw = tok[1]
        # (foreign names may look like verbs or accusatives: يوليوس باراتا)
        if (not _is_word(tok) or not tok[0].isalpha() or _definite(fw) or _titleish(fw) or fw in _GIVEN_NAMES
                or fw in _NAME_PARTICLES or fw in _RELATIONS or fw in _HONORIFICS
                or fw in _KIND_OF or fw in NON_SPEECH_FORMS or fw in _ADJUNCT_WORDS or fw in _STOP_NP
                or fw in _MONTHS or fw in _EVENT_NOUNS or fw in _TIME_LEAD or fw in _PLACE_HEADS
                or fw in _SITE_HEADS or fw in _NAMING_WORDS or fw in _SOURCE_NOUNS
                or _bare(fw) in _BODY_HEADS or fw.endswith(("ه", "ات")) or len(fw) < 3 or "\u064b" in tok[0]
                or (fw[:1] in "لبفو" and fw not in _GIVEN_NAMES and (
                    fw[1:].startswith("ال") or _titleish(fw[1:]) or _bare(fw[1:]) in _BODY_HEADS
                    or fw[1:] in _PLACE_HEADS or fw[1:] in _ADDRESSEE_HEADS or fw[1:] in _EVENT_NOUNS
                    or fw[1:] in _ADJUNCT_WORDS))):
            return False
    return True


def _feminine_cue(cue: _Cue) -> bool:
    """وصفتها، وأكدت، مشيرة: a cue whose (pronoun) subject is feminine."""
    fw = _fold(cue.word)  # (only its ending counts: وصفتها's و is the root's)
    if cue.kind == "part":
        return fw.endswith("ه")
    for suffix in ("هما", "هم", "ها", "ه"):
        if fw.endswith("ت" + suffix):
            fw = fw[: -len(suffix)]
            break
    return cue.kind in ("verb", "attrib") and fw.endswith("ت") and len(fw) > 3


def _plural_verb(fw: str) -> bool:
    """قالوا، ووصفوا، وأضافوا: a perfect verb with the plural ending (يقولون: an imperfect)."""
    return (fw.endswith("وا") and len(fw) > 3 and fw not in ("دعوا",)) or (
        fw.removeprefix("و").startswith("ي") and fw.endswith("ون") and len(fw) > 5)


_BODY_HEADS = {"صحيفه", "وكاله", "قناه", "وزاره", "حكومه", "هيئه", "لجنه", "منظمه", "نادي",
               "شركه", "مجلس", "جامعه", "اداره", "رئاسه", "بلديه", "جمعيه", "حزب", "حركه",
               "اتحاد", "مكتب", "مركز", "محكمه", "نيابه", "شرطه", "جيش", "جهاز", "بنك", "فريق",
               "سفاره", "قياده", "مديريه", "امانه", "غرفه", "صندوق", "مؤسسه", "منتخب", "موقع",
               "مفوضيه", "مرصد", "مجله", "اذاعه", "تحالف", "ائتلاف", "معهد", "نقابه", "رابطه",
               "سلطه", "شبكه", "مصلحه", "برلمان", "كتله", "صحف", "حمله", "جماعه", "جريده",
               "وحده", "ديوان", "دائره", "عماده", "بعثه", "لجان", "وكالات"}
_DOC_HEAD = {"بيان": "بيان", "بيانه": "بيان", "بيانها": "بيان", "تقرير": "تقرير",
             "تقريره": "تقرير", "تقريرها": "تقرير", "رساله": "رساله", "رسالته": "رساله",
             "بلاغ": "بلاغ", "بلاغه": "بلاغ", "مذكره": "مذكره", "دراسه": "دراسه",
             "وثائق": "وثائق", "الوثائق": "وثائق", "وثيقه": "وثائق", "الوثيقه": "وثائق",
             "تعميم": "تعميم", "تعميمه": "تعميم", "تعميمها": "تعميم"}
_ISSUED = {"صادر", "الصادر", "صادره", "الصادره"}
_SAME_DOCUMENT = {"تقرير": "دراسه", "دراسه": "تقرير"}  # a study is reported as a report
# Adverbs written between a verb and its subject (وأعلن بعدها ليونيل ميسي).
_LEAD_ADVERBS = {"بعدها", "قبلها", "ايضا", "كذلك", "مجددا", "مؤخرا", "حينها", "وقتها",
                 "امس", "اليوم", "سابقا", "لاحقا", "رسميا", "صراحه"}
# Nouns of information that "indicate" (تفيد) rather than speak (journalist's formula, §2).
_DATA_NOUNS = {"معلومات", "المعلومات", "معطيات", "المعطيات", "مؤشرات",
               "المؤشرات", "ارقام", "الارقام", "احصائيات", "الاحصائيات", "تقديرات", "التقديرات"}
_PUBLISHED = {"نشرها", "نشره", "نشرته", "نشرتها", "اصدرها", "اصدره", "اصدرته", "اصدرتها", "سربها",
              "سربه", "سربته", "سربتها", "اعدها", "اعده", "اعدته", "اعدتها", "اجراها", "اجراه",
              "اجرته", "اجرتها"}  # (دراسة أعدتها منظمة الصحة العالمية: its authors speak)
_ISSUER_RE = re.compile(r"(?:في|فى|عبر|ضمن)\s+(بيان\w*|تقرير\w*|رسال\w+|بلاغ\w*|مذكر\w+|دراس\w+)")
_CLAUSE_TAIL_RE = re.compile(
    r"[،,]\s*(?:في\s+حين|فيما\s|بينما\s|في\s+إشارة|فى\s+إشارة|وفق\s+ما|حسب\s+ما|بحسب\s+ما|"
    # (…، حسب تعبيره، كما ستقدم …: an aside inside the report, which goes on)
    r"(?:وفق|حسب|بحسب|على\s+حد)\s+تعبير(?!(?:ه|ها|هم)\s*[،,]\s*\w)|"
    r"وفق\s+قول|حسب\s+قول|حسب\s+تصريح|وفقا\s+لما|نقلا\s+عن|"
    r"وفق\s+تصريح)")


def _outside(cues: list[_Cue], reports: list[_Report]) -> list[_Cue]:
    """The cues that are not inside a reported clause (both lists are in text order and the
    clauses do not overlap)."""
    out = []
    k = 0
    for cue in cues:
        while k < len(reports) and reports[k].end <= cue.start:
            k += 1
        if not (k < len(reports) and reports[k].start <= cue.start):
            out.append(cue)
    return out


def _split_underscores(word: str) -> list[tuple[int, str]]:
    """(offset, part) for the parts of ``word`` between underscores."""
    if "_" not in word:
        return [(0, word)]
    out, pos = [], 0
    for part in word.split("_"):
        if part:
            out.append((pos, part))
        pos += len(part) + 1
    return out


def _back(text: str, pos: int, chars: str) -> int:
    """``pos`` moved back over ``chars``."""
    while pos > 0 and text[pos - 1] in chars:
        pos -= 1
    return pos


def _skip_tail_glue(toks: list[_Token]) -> list[_Token]:
    """After حسب/وفقا/نقلا: skip لـ / عن / ما + verb ("وفق ما أكده مصدر أمني")."""
    i = 0
    while i < len(toks) and toks[i][1] in ("ل", "لـ", "ـ", "عن", "ما", "لما", "الي"):
        i += 1
    if i and toks[i - 1][1] in ("ما", "لما") and i < len(toks):
        fw = toks[i][1]
        if fw in _KIND_OF or fw.removesuffix("ه") in _KIND_OF or fw.removesuffix("ها") in _KIND_OF:
            i += 1  # وفق ما أكده
            if i < len(toks) and toks[i][1] in ("به", "بها", "لنا", "له", "لها"):
                i += 1  # وفق ما أفاد به رئيس الدائرة
    if i < len(toks) and toks[i][1] in ("تعبير", "قول", "تصريح", "روايه", "تصريحات"):
        return toks[i + 1:]  # حسب تعبير لمجد الميساوي: a construct, the name follows as is
    if i < len(toks):
        s, fw, a, b = toks[i]
        if fw.startswith("لل") and len(fw) > 4:  # وفقا للوزارة → الوزارة
            toks = [*toks[:i], ("ال" + s[2:], "ال" + fw[2:], a, b), *toks[i + 1:]]
        elif fw.startswith("ل") and len(fw) > 3:  # وفقا لوزارة → وزارة
            toks = [*toks[:i], (s[1:].lstrip("ـ"), fw[1:], a + 1, b), *toks[i + 1:]]
    return toks[i:]


@_cached
def _verb_like(fw: str) -> bool:
    """A word that looks like a verb: يحاول، سيفرض، اقتصرت (not تركيا، الحكومة)."""
    if _definite(fw) or fw in _GIVEN_NAMES or len(fw) < 4:
        return False
    if fw[:1] in "يتسن" and not fw.endswith(("ا", "ه")):
        return True
    return fw.endswith("ت") and len(fw) <= 6 and not fw.endswith(("ات", "يت"))


def prev_is_cue(prev: list[re.Match[str]]) -> bool:
    return bool(prev) and _fold(prev[-1].group()) in _KIND_OF


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trim(text, start, end)
    while end > start and text[end - 1] in " .،,؛;:!?؟-–—":
        end -= 1
    return start, end


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (see :mod:`akhbar.text.sentences`); kept for callers of version 1."""
    return split_sentences(text)


def extract_quotes(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All direct and indirect quotes of an article's display text, in text order.

    ``sentences`` may pass ``split_sentences(text)`` when the caller has it already (the
    extractor needs it too; computing it once saves a tenth of the time)."""
    if not text:
        return []
    if _fold.cache_info().currsize > _CACHE_MAX:  # bound the memory of a long-running process
        for cached in _CACHED:
            cached.cache_clear()
    return _Article(text, sentences).run()


_CACHED = (_fold, _bare, _titleish, _nisba, _oblique_plural, _is_nameish, _is_name_word, _verb_like)
