"""How wide a text sets, in em, without opening a font (fontTools costs 0.1 s to import and
read): table columns are sized by their longest words with it (table_widths), and the
DOCX's number indent by its widest number.

Printable ASCII has the advance widths of the shipped Noto Serif and Noto Sans (the wider of
the two, so both fit); a letter with an accent counts as its base letter ("ę" as "e"); a
wide East Asian character is 1 em, a combining mark nothing, an Arabic letter 0.42 em (as
Noto Naskh joins it), any other character 0.65 em.
A character count (0.65 em each) made "Landesarbeitsgemeinschaft" a quarter wider than it
prints, and squeezed the other columns of the table for room it did not need.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from letterpress.i18n import has_arabic

# " " to "~", in thousandths of an em (fontTools, hmtx of NotoSerif/NotoSans-Regular.ttf)
_ASCII = (
    260, 332, 408, 646, 572, 896, 742, 225, 346, 346, 551, 572, 268, 322, 268, 372,
    572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 286, 286, 572, 572, 572, 474,
    921, 705, 654, 632, 730, 623, 590, 728, 793, 367, 357, 700, 623, 938, 763, 781,
    605, 781, 656, 549, 613, 731, 675, 1047, 660, 625, 592, 360, 372, 360, 572, 459,
    281, 563, 615, 492, 615, 564, 369, 615, 635, 320, 300, 585, 310, 945, 645, 605,
    615, 615, 471, 479, 361, 635, 579, 862, 578, 565, 511, 428, 559, 428, 572)
OTHER = 0.65  # a letter of another script, on average (Cyrillic, Greek, Hebrew)
# an Arabic letter as Noto Naskh joins it: 0.38 em on average in a printed table (measured
# with pdftotext); at 0.65 "الاستراتيجية" took 7.8 em for its 4.6, and squeezed the English
# names beside it ("Responsib-ility" side by side)
ARABIC = 0.42


@cache
def _char(char: str) -> float:
    point = ord(char)
    if 0x20 <= point < 0x7F:
        return _ASCII[point - 0x20] / 1000
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0.0  # an accent drawn over its letter, a bidi or joiner mark
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if has_arabic(char):
        return ARABIC
    base = unicodedata.normalize("NFD", char)[0]
    return _char(base) if base != char else {"\u2007": 0.572, "\u2010": 0.322,
                                             "\u00a0": 0.26}.get(char, OTHER)


def em(text: str) -> float:
    """The width of ``text`` in em of its font size."""
    return sum(map(_char, text))


_FIGURES = str.maketrans("123456789", "000000000")  # every digit is as wide as "0" here


def widest(texts: Iterable[str]) -> float:
    """The width of the widest of ``texts`` in em: of a list's numbers, each shape measured
    once ("1974." as "0000."), not each of 10,000 numbers."""
    return max(map(em, {text.translate(_FIGURES) for text in texts}), default=0.0)
