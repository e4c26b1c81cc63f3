"""Signatory numbers as a column in the PDF and HTML: names after "9." and "10." start at the
same place, and wrapped lines under the names, as a typesetter lines up a numbered list.

A member stays one text run (every inline element costs WeasyPrint 0.25-0.7 ms a member,
README "Performance"): shorter numbers are padded with figure spaces, which fonts make as
wide as a digit (the shipped Noto fonts have tabular digits), so every number is as wide
as the widest; the hanging indent is that width in ``ch`` (a digit's width), so it follows
the font and its size. Only lists of up to 999 (MOST_DIGITS) numbered in ASCII digits:
letters, roman numerals and Arabic-Indic digits have no figure space of their width, and
those lists keep the layout's fixed indent. The DOCX aligns its names with a tab instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letterpress.page import Group, Signatories

FIGURE_SPACE = "\u2007"
# A marker's punctuation ("." ")" "-" "(") and the en space after it, in ch: measured in the
# shipped fonts (Noto Serif and Sans: "." 0.45, ")" 0.54-0.62, "-" 0.55, en space 0.87-0.89),
# so a wrapped line starts within 0.1 ch (half a point) of the name above it.
PUNCTUATION_CH = 0.55
SPACE_CH = 0.88
_NUMBER = re.compile(r"([^0-9]*)([0-9]+)([^0-9]*)")


# Lists of 1,000 and more keep the layout's fixed indent and unpadded numbers: a column of
# five digits (3.6 em instead of 2.2 em) wrapped a 10,000-signatory list onto 166 pages
# instead of 153 and took 1.13x the time; padding alone still took 1.05-1.08x (157 pages),
# which the 12 s target of that list cannot spare on this machine's slower hours.
MOST_DIGITS = 3


@dataclass(frozen=True)
class Column:
    digits: int  # of the widest number of the whole list (continuous numbers share one)
    hang: str  # the hanging indent, "4.4ch": the padded number and the space after it


def column(signatories: Signatories, group: Group) -> Column | None:
    """The number column of a numbered list group, or None (no numbers, other digits)."""
    first = next((member.number for member in group.members if member.number), None)
    found = _NUMBER.fullmatch(first) if first and group.numbered else None
    if found is None:
        return None
    digits = _widest(signatories)
    if digits > MOST_DIGITS:
        return None
    punctuation = len(found[1]) + len(found[3])
    return Column(digits, f"{digits + punctuation * PUNCTUATION_CH + SPACE_CH:.2f}ch")


def figures(number: str, digits: int) -> str:
    """``number`` padded before with figure spaces to ``digits`` digits."""
    found = _NUMBER.fullmatch(number)
    missing = digits - len(found[2]) if found else 0
    return FIGURE_SPACE * missing + number if missing > 0 else number


_widest_of: dict[int, tuple[Signatories, int]] = {}  # the list being rendered


def _widest(signatories: Signatories) -> int:
    """The most digits of any member's number in ASCII digits, once per list."""
    known = _widest_of.get(id(signatories))
    if known is not None and known[0] is signatories:
        return known[1]
    widest = max((len(found[2]) for group in signatories.groups for member in group.members
                  if member.number and (found := _NUMBER.fullmatch(member.number))), default=0)
    _widest_of.clear()
    _widest_of[id(signatories)] = (signatories, widest)
    return widest
