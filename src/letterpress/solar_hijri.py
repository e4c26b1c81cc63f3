"""Gregorian dates in the Solar Hijri calendar, the civil calendar of Iran and Afghanistan.

The official calendar is astronomical: a year starts on the day of the March equinox, or
the next day if the equinox falls after noon on the 52.5° E meridian. No short arithmetic
rule follows it for ever: the 2820-year cycle of older software is a day off from 1403 on
(Nowruz 1404 is 21 March 2025, not the 20th), and the plain 33-year rule from 1502 on. This
is the rule ICU and ICU4X use: the 33-year rule, with the years at which the astronomical
calendar steps out of it listed. It matches the astronomical calendar from 1178 to 3000 SH
(1799-3621), the table of the Iranian calendar authority (University of Tehran Institute
of Geophysics, 1206-1498 SH) included. Babel formats the Gregorian calendar only.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import NamedTuple

# 1 Farvardin 1 SH: 19 March 622 in the Julian calendar (a day count, date.toordinal())
EPOCH = dt.date(622, 3, 22).toordinal()
# the years the 33-year rule makes leap and the astronomical calendar does not: the year
# after each is leap instead (from Reingold and Dershowitz, Calendrical Calculations, as
# ICU4X's calendrical_calculations and ICU have them)
NOT_LEAP = (
    1502, 1601, 1634, 1667, 1700, 1733, 1766, 1799, 1832, 1865, 1898, 1931, 1964, 1997, 2030,
    2059, 2063, 2096, 2129, 2158, 2162, 2191, 2195, 2224, 2228, 2257, 2261, 2290, 2294, 2323,
    2327, 2356, 2360, 2389, 2393, 2422, 2426, 2455, 2459, 2488, 2492, 2521, 2525, 2554, 2558,
    2587, 2591, 2620, 2624, 2653, 2657, 2686, 2690, 2719, 2723, 2748, 2752, 2756, 2781, 2785,
    2789, 2818, 2822, 2847, 2851, 2855, 2880, 2884, 2888, 2913, 2917, 2921, 2946, 2950, 2954,
    2979, 2983, 2987)


class SolarHijriDate(NamedTuple):
    year: int
    month: int  # 1 Farvardin (Hamal) ... 12 Esfand (Hut)
    day: int


def _listed(year: int) -> bool:
    at = bisect_left(NOT_LEAP, year)
    return at < len(NOT_LEAP) and NOT_LEAP[at] == year


def is_leap(year: int) -> bool:
    """Whether Esfand of ``year`` has 30 days (366 in the year)."""
    if _listed(year):
        return False
    return _listed(year - 1) or (25 * year + 11) % 33 < 8


def new_year(year: int) -> int:
    """The day (a ``date.toordinal()``) of 1 Farvardin ``year``: Nowruz."""
    day = EPOCH - 1 + 365 * (year - 1) + (8 * year + 21) // 33
    return day - 1 if _listed(year - 1) else day


def from_gregorian(day: dt.date) -> SolarHijriDate:
    """The Solar Hijri date of a Gregorian one (``2026-01-15``: 25 Dey 1404)."""
    ordinal = day.toordinal()
    year = 1 + (33 * (ordinal - EPOCH + 1) + 3) // 12053  # the 33-year rule's year
    if ordinal >= new_year(year + 1):  # a listed year ends a day early: the next has begun
        year += 1
    of_year = ordinal - new_year(year)  # 0 on Nowruz
    # six months of 31 days, five of 30, and Esfand
    month = of_year // 31 + 1 if of_year < 186 else (of_year - 186) // 30 + 7
    start = 31 * (month - 1) if month <= 7 else 30 * (month - 1) + 6
    return SolarHijriDate(year, month, of_year - start + 1)
