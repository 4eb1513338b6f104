"""Dates as Arabic news writes them.

Handles ISO 8601 and RFC 822 stamps, numeric dates (day-first, as the Arab world writes
them), and written dates with Arabic-Indic or ASCII digits in all three month-name systems
(يناير…ديسمبر, كانون الثاني…كانون الأول, جانفي…ديسمبر), an optional weekday and double
names such as ``15 حزيران (يونيو) 2024``. Hijri dates (``27 صفر 1446 هـ``) are recognised
as Hijri and converted with the tabular Islamic calendar, never read as Gregorian.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

ARABIC_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"
)
# Letter variants folded before matching month names (hamza forms, alef maksura,
# teh marbuta) plus diacritics and tatweel removed, so spelling variants all match.
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None,
     **{chr(c): None for c in range(0x064B, 0x0653)}, "\u0670": None}
)


def fold(text: str) -> str:
    """Fold digits and letter variants so written dates match one pattern."""
    return text.translate(ARABIC_DIGITS).translate(_FOLD)


def _months(table: dict[int, list[str]]) -> dict[str, int]:
    return {fold(name): month for month, names in table.items() for name in names}


GREGORIAN_MONTHS = _months({
    1: ["يناير", "كانون الثاني", "جانفي", "كانون ثاني"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"],
    5: ["مايو", "أيار", "ايار", "ماي"],
    6: ["يونيو", "يونيه", "يونية", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "يولية", "تموز", "جويلية", "جويليه"],
    8: ["أغسطس", "اغسطس", "آب", "أوت", "اوت"],
    9: ["سبتمبر", "أيلول", "ايلول", "شتنبر"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون أول", "دجنبر"],
})
HIJRI_MONTHS = _months({
    1: ["محرم"],
    2: ["صفر"],
    3: ["ربيع الأول", "ربيع الاول"],
    4: ["ربيع الآخر", "ربيع الثاني", "ربيع الاخر"],
    5: ["جمادى الأولى", "جمادى الاولى", "جمادى الأول"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الاخرة"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"],
    12: ["ذو الحجة", "ذي الحجة"],
})
ENGLISH_MONTHS = {
    name: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for name in names
}
WEEKDAYS = [fold(w) for w in (
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")]


def _alternation(names) -> str:
    # Longest first so "كانون الثاني" wins over a shorter prefix.
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_GREG = _alternation(GREGORIAN_MONTHS)
_HIJ = _alternation(HIJRI_MONTHS)
_WEEKDAY = _alternation(WEEKDAYS)
_NB = r"(?<![\w])"  # not inside a word
_WRITTEN_RE = re.compile(
    rf"{_NB}(?:(?:{_WEEKDAY})\s*[،,]?\s*)?"
    rf"(?P<day>\d{{1,2}})\s*(?:من\s+)?"
    rf"(?:(?P<greg>{_GREG})(?:\s*[(/\-]\s*(?P<greg2>{_GREG})\s*\)?)?|(?P<hij>{_HIJ}))"
    rf"\s*[،,]?\s*(?:(?:من\s+)?(?:عام|سنه|لعام|العام)\s+)?(?P<year>\d{{4}})"
    rf"(?:\s*(?P<era>هـ|ه(?![\w])|م(?![\w])))?"
)
_ENGLISH_RE = re.compile(
    r"(?i)\b(?:(?P<d1>\d{1,2})\s+(?P<m1>[a-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))\b"
)
_YMD_RE = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_DMY_RE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)")
_COMPACT_RE = re.compile(
    r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?:[T ](?P<H>\d{2}):?(?P<M>\d{2}):?(?P<S>\d{2})?)?$"
)
_RFC822_RE = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d")
_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?:/|-|_)?(?P<m>0[1-9]|1[0-2])(?:/|-|_)?(?P<d>0[1-9]|[12]\d|3[01])(?:/|\b|[-_])"
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A calendar date found in a value, with the instant when a time of day was given."""

    date: dt.date
    instant: dt.datetime | None = None  # aware, when the value carried a time of day
    calendar: str = "gregorian"  # or "hijri" (converted to Gregorian, approximate ±1 day)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Tabular (arithmetic) Islamic calendar to Gregorian; within a day or two of Umm al-Qura."""
    jdn = (day + ((295 * (month - 1) + 9) // 10) + 354 * (year - 1)
           + (3 + 11 * year) // 30 + 1948440 - 1)
    return dt.date.fromordinal(jdn - 1721425)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _parse_stamp(value: str) -> ParsedDate | None:
    """Machine stamps: ISO 8601, RFC 822, compact forms such as 2017-01-22T185600."""
    v = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(v.replace("Z", "+00:00") if v.endswith("Z") else v)
    except ValueError:
        stamp = None
    if stamp is not None:
        if len(v) <= 10:
            return ParsedDate(stamp.date())
        return ParsedDate(stamp.date(), _aware(stamp))
    m = _COMPACT_RE.match(v)
    if m:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d and m["H"]:
            t = dt.time(int(m["H"]) % 24, int(m["M"]) % 60, int(m["S"] or 0) % 60)
            return ParsedDate(d, dt.datetime.combine(d, t, dt.UTC))
        return ParsedDate(d) if d else None
    if _RFC822_RE.search(v):
        try:
            stamp = email.utils.parsedate_to_datetime(v)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None:
            return ParsedDate(stamp.date(), _aware(stamp))
    return None


def _aware(stamp: dt.datetime) -> dt.datetime:
    # A time without a zone is taken as UTC, the only defensible reading.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def find_date(text: str) -> tuple[ParsedDate, tuple[int, int]] | None:
    """First written or numeric date in ``text`` with its (start, end) span.

    Written dates win over numeric ones at the same place. Spans are offsets into ``text``
    only when folding kept its length (digits and hamza folding do; diacritics do not), so
    callers use them as approximate positions.
    """
    folded = fold(text)
    candidates: list[tuple[int, int, ParsedDate]] = []
    for m in _WRITTEN_RE.finditer(folded):
        day, year = int(m["day"]), int(m["year"])
        if m["hij"] is not None:
            month = HIJRI_MONTHS[re.sub(r"\s+", " ", m["hij"])]
            if 1 <= day <= 30 and 1300 <= year <= 1600:
                candidates.append((m.start(), m.end(), ParsedDate(
                    hijri_to_gregorian(year, month, day), calendar="hijri")))
            continue
        if m["era"] in ("هـ", "ه"):
            continue  # a Gregorian month name with a Hijri year is not a Gregorian date
        month = GREGORIAN_MONTHS[re.sub(r"\s+", " ", m["greg"])]
        d = _safe_date(year, month, day)
        if d:
            candidates.append((m.start(), m.end(), ParsedDate(d)))
    for m in _ENGLISH_RE.finditer(folded):
        day, mon, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
        month = ENGLISH_MONTHS.get(mon.lower())
        d = _safe_date(int(year), month, int(day)) if month else None
        if d:
            candidates.append((m.start(), m.end(), ParsedDate(d)))
    for rx in (_YMD_RE, _DMY_RE):
        for m in rx.finditer(folded):
            d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if d:
                candidates.append((m.start(), m.end(), ParsedDate(d)))
    if not candidates:
        return None
    start, end, parsed = min(candidates, key=lambda c: (c[0], -(c[1] - c[0])))
    return parsed, (start, end)


def parse_date(value: object) -> ParsedDate | None:
    """Parse a date-like field value (str, date or datetime); None when nothing is found."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date(), _aware(value))
    if isinstance(value, dt.date):
        return ParsedDate(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 200:
        return None
    return _parse_stamp(value.translate(ARABIC_DIGITS)) or (
        found[0] if (found := find_date(value)) else None)


def date_from_url(url: str | None) -> dt.date | None:
    """A date spelled in a URL path (``/2024/07/02/``, ``/2024-07-02-slug``, ``/20240702/``)."""
    if not url:
        return None
    m = _URL_DATE_RE.search(url)
    return _safe_date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def is_date_line(line: str) -> bool:
    """True when a short line is essentially a date (a dateline in a header)."""
    line = line.strip()
    if not line or len(line) > 80:
        return False
    found = find_date(line)
    if not found:
        return False
    start, end = found[1]
    rest = fold(line)[:start] + fold(line)[end:]
    return len(re.sub(r"[\W\d_]+", "", rest)) <= 12  # room for a weekday or a city name
