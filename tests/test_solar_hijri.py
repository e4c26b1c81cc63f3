"""The Solar Hijri conversion against the official calendar (dates letters print in Persian,
Dari and Pashto)."""

from __future__ import annotations

import datetime as dt

import pytest

from letterpress.solar_hijri import from_gregorian, is_leap, new_year

# Nowruz (1 Farvardin) 2000-2040: the day of the March equinox, or the next where it falls
# after noon in Iran (1379 SH to 1419 SH); ICU prints the same
NOWRUZ = {
    2000: 20, 2001: 21, 2002: 21, 2003: 21, 2004: 20, 2005: 21, 2006: 21, 2007: 21, 2008: 20,
    2009: 21, 2010: 21, 2011: 21, 2012: 20, 2013: 21, 2014: 21, 2015: 21, 2016: 20, 2017: 21,
    2018: 21, 2019: 21, 2020: 20, 2021: 21, 2022: 21, 2023: 21, 2024: 20, 2025: 21, 2026: 21,
    2027: 21, 2028: 20, 2029: 20, 2030: 21, 2031: 21, 2032: 20, 2033: 20, 2034: 21, 2035: 21,
    2036: 20, 2037: 20, 2038: 21, 2039: 21, 2040: 20}

# the leap years of the Iranian calendar authority's table, 1206-1498 SH (Institute of
# Geophysics, University of Tehran: KabiseShamsi1206-1498), whose 1206 began on 22 March 1827
OFFICIAL_LEAP_YEARS = frozenset({
    1210, 1214, 1218, 1222, 1226, 1230, 1234, 1238, 1243, 1247, 1251, 1255, 1259, 1263, 1267,
    1271, 1276, 1280, 1284, 1288, 1292, 1296, 1300, 1304, 1309, 1313, 1317, 1321, 1325, 1329,
    1333, 1337, 1342, 1346, 1350, 1354, 1358, 1362, 1366, 1370, 1375, 1379, 1383, 1387, 1391,
    1395, 1399, 1403, 1408, 1412, 1416, 1420, 1424, 1428, 1432, 1436, 1441, 1445, 1449, 1453,
    1457, 1461, 1465, 1469, 1474, 1478, 1482, 1486, 1490, 1494, 1498})


@pytest.mark.parametrize("year", sorted(NOWRUZ))
def test_nowruz_is_the_first_of_farvardin(year: int) -> None:
    nowruz = dt.date(year, 3, NOWRUZ[year])
    assert from_gregorian(nowruz) == (year - 621, 1, 1)
    assert from_gregorian(nowruz - dt.timedelta(days=1))[:2] == (year - 622, 12)


@pytest.mark.parametrize(("day", "expected"), [
    ("2024-03-20", (1403, 1, 1)), ("2025-03-21", (1404, 1, 1)), ("2026-01-15", (1404, 10, 25)),
    # 1403 is leap: its Esfand has a 30th, where the 2820-year cycle began 1404 a day early
    ("2025-03-20", (1403, 12, 30)), ("2016-12-15", (1395, 9, 25)),
    # the last day of the sixth month (31 days) and the first of the seventh (30)
    ("2025-09-22", (1404, 6, 31)), ("2025-09-23", (1404, 7, 1)), ("2026-03-20", (1404, 12, 29)),
    ("1925-03-21", (1304, 1, 1)), ("1979-02-11", (1357, 11, 22)),
    # the first year the plain 33-year rule leaves the astronomical calendar: 1502 is not
    # leap (its Esfand ends on the 29th), 1503 is
    ("2124-03-19", (1502, 12, 29)), ("2124-03-20", (1503, 1, 1)), ("2125-03-20", (1503, 12, 30)),
])
def test_known_dates(day: str, expected: tuple[int, int, int]) -> None:
    assert from_gregorian(dt.date.fromisoformat(day)) == expected


def test_the_official_table_1206_to_1498() -> None:
    """Every year the calendar authority lists: its length and its Nowruz, reckoned day by
    day from the table's first (the 33-year cycles alone drift from it after 1501)."""
    nowruz = dt.date(1827, 3, 22)
    for year in range(1206, 1499):
        assert is_leap(year) == (year in OFFICIAL_LEAP_YEARS), year
        assert new_year(year) == nowruz.toordinal(), year
        assert from_gregorian(nowruz) == (year, 1, 1)
        last = nowruz - dt.timedelta(days=1)
        assert from_gregorian(last) == (year - 1, 12, 30 if is_leap(year - 1) else 29), year
        nowruz += dt.timedelta(days=366 if year in OFFICIAL_LEAP_YEARS else 365)


def test_every_day_follows_the_one_before() -> None:
    """From 1300 SH to 1700 SH (five of the listed years) no day is skipped or doubled."""
    day = dt.date.fromordinal(new_year(1300))
    before = from_gregorian(day)
    assert before == (1300, 1, 1)
    while before.year < 1700:
        day += dt.timedelta(days=1)
        date = from_gregorian(day)
        length = 31 if before.month <= 6 else 30 if before.month < 12 else \
            30 if is_leap(before.year) else 29
        if before.day < length:
            assert date == (before.year, before.month, before.day + 1), day
        elif before.month < 12:
            assert date == (before.year, before.month + 1, 1), day
        else:
            assert date == (before.year + 1, 1, 1), day
        before = date
