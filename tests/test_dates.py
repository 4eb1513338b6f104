"""Dates as Arabic news writes them."""

import datetime as dt

import pytest

from akhbar.text.dates import date_from_url, find_date, hijri_to_gregorian, is_date_line, parse_date


@pytest.mark.parametrize(("value", "expected"), [
    ("الثلاثاء، ٢١ نوفمبر ٢٠١٧", dt.date(2017, 11, 21)),  # the seed's date line
    ("21 نوفمبر 2017", dt.date(2017, 11, 21)),
    ("الثلاثاء 21 تشرين الثاني 2017", dt.date(2017, 11, 21)),
    ("٥ كانون الثاني ٢٠٢٠", dt.date(2020, 1, 5)),
    ("13 كانون الأول 2019", dt.date(2019, 12, 13)),
    ("1 تشرين الأول 2018", dt.date(2018, 10, 1)),
    ("الأحد 3 شباط 2019", dt.date(2019, 2, 3)),
    ("9 آب 2016", dt.date(2016, 8, 9)),
    ("17 أيلول 2015", dt.date(2015, 9, 17)),
    ("3 أفريل 2024", dt.date(2024, 4, 3)),
    ("12 جانفي 2017", dt.date(2017, 1, 12)),
    ("السبت، 15 حزيران (يونيو) 2024", dt.date(2024, 6, 15)),
    ("15 حزيران/يونيو 2024", dt.date(2024, 6, 15)),
    ("الخميس ٩ مايو ٢٠٢٤", dt.date(2024, 5, 9)),
    ("الإثنين 2 إبريل 2018", dt.date(2018, 4, 2)),
    ("Sun, 18 Feb 2018 21:35:43 +0400", dt.date(2018, 2, 18)),
    ("2017-01-20T21:43:00+01:00", dt.date(2017, 1, 20)),
    ("2017-01-22T185600", dt.date(2017, 1, 22)),
    ("17/05/2015", dt.date(2015, 5, 17)),
    ("2015-08-03", dt.date(2015, 8, 3)),
    ("November 21, 2017", dt.date(2017, 11, 21)),
])
def test_parse_date(value, expected):
    parsed = parse_date(value)
    assert parsed is not None and parsed.date == expected


def test_time_of_day_gives_an_aware_instant_in_the_sources_own_day():
    parsed = parse_date("Sun, 18 Feb 2018 23:35:43 +0400")
    assert parsed.date == dt.date(2018, 2, 18)  # the calendar date as the source gave it
    assert parsed.instant.astimezone(dt.UTC) == dt.datetime(2018, 2, 18, 19, 35, 43, tzinfo=dt.UTC)


def test_hijri_is_recognised_not_read_as_gregorian():
    parsed = parse_date("الأحد ٢٧ صفر ١٤٤٦ هـ")
    assert parsed.calendar == "hijri"
    assert abs((parsed.date - dt.date(2024, 8, 31)).days) <= 2
    # A Hijri year never makes a Gregorian date, even with a Gregorian month name.
    assert parse_date("5 مارس 1445 هـ") is None
    assert hijri_to_gregorian(1445, 9, 1) == dt.date(2024, 3, 11)


def test_not_dates():
    assert parse_date("يوم 11 تشرين الثاني خلال القمة") is None  # no year
    assert parse_date("مارس الرياضة منذ صغره") is None
    assert parse_date("31 فبراير 2020") is None
    assert parse_date("") is None and parse_date(None) is None


def test_find_date_span_and_date_lines():
    found = find_date("بيروت - الثلاثاء، ٢١ نوفمبر ٢٠١٧ - قال")
    assert found is not None and found[0].date == dt.date(2017, 11, 21)
    assert is_date_line("الثلاثاء، ٢١ نوفمبر ٢٠١٧")
    assert not is_date_line("أخبار عربية ودولية")
    assert not is_date_line("وقال الوزير في 21 نوفمبر 2017 إن الحكومة ستقدم مشروع قانون جديدا إلى البرلمان")


def test_dates_in_urls():
    assert date_from_url("https://x.example/2024/08/20/story") == dt.date(2024, 8, 20)
    assert date_from_url("https://x.example/news/20240702/story") == dt.date(2024, 7, 2)
    assert date_from_url("https://x.example/a/2013-08-03-story") == dt.date(2013, 8, 3)
    assert date_from_url("https://x.example/article/123456") is None
