"""How wide a text sets, in em, without opening a font (fontTools costs 0.1 s to import and
read): table columns are sized by their longest words with it (table_widths), the DOCX's
number indent by its widest number, and a list's hanging indent by its widest marker
(markers.room).

A character takes the advance width of the shipped fonts (glyph_widths: the widest of those
that draw it, regular or bold): Latin, Greek and Cyrillic letters, Hebrew letters, Arabic-
Indic and Persian digits, spaces, dashes and bullets. A letter with an accent counts as its
base letter ("ę" as "e"); a wide East Asian character is 1 em, a combining mark nothing, an
Arabic letter 0.42 em in a word (as Noto Naskh joins it) and its own width standing alone
(a marker's "ب-"), a symbol no shipped font draws 1 em (the machine's font draws it: "■" is
0.95 em in DejaVu Sans), any other character 0.65 em.
A character count (0.65 em each) made "Landesarbeitsgemeinschaft" a quarter wider than it
prints, and squeezed the other columns of the table for room it did not need. Greek and
Cyrillic letters were 0.65 em ("ж" is 0.92 in bold), an Arabic letter 0.42 even alone ("ص"
is 1.1) and "■" 0.65: a list's room measured so pushed such a marker's text aside.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from letterpress import glyph_widths
from letterpress.i18n import has_arabic


def _flat(runs: dict[int, tuple[int, ...]]) -> dict[str, float]:
    return {chr(first + i): width / 1000 for first, widths in runs.items()
            for i, width in enumerate(widths) if width}


_WIDTHS = (_flat(glyph_widths.REGULAR), _flat(glyph_widths.BOLD))
_ALONE = (_flat(glyph_widths.ALONE_REGULAR), _flat(glyph_widths.ALONE_BOLD))
OTHER = 0.65  # a letter of another script, on average
# an Arabic letter as Noto Naskh joins it: 0.38 em on average in a printed table (measured
# with pdftotext); at 0.65 "الاستراتيجية" took 7.8 em for its 4.6, and squeezed the English
# names beside it ("Responsib-ility" side by side)
ARABIC = 0.42
UNKNOWN_SYMBOL = 1.0  # a symbol of a font of the machine, as wide as an em at most
# an Arabic letter joined to neither side (marks between letters do not part them)
_ALONE_LETTER = re.compile("(?<![\u0620-\u064a\u064b-\u065f\u0670])[\u0621-\u064a]"
                           "(?![\u064b-\u065f\u0670]*[\u0620-\u064a])")


def _char(char: str, bold: bool) -> float:
    width = _WIDTHS[bold].get(char)
    if width is not None:
        return width
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0.0  # an accent drawn over its letter, a bidi or joiner mark
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if has_arabic(char):
        return ARABIC
    base = unicodedata.normalize("NFD", char)[0]
    if base != char:
        return _char(base, bold)
    return UNKNOWN_SYMBOL if unicodedata.category(char)[0] == "S" else OTHER


_CHARS = (cache(lambda char: _char(char, False)), cache(lambda char: _char(char, True)))


def em(text: str, bold: bool = False) -> float:
    """The width of ``text`` in em of its font size, in the regular or the bold fonts."""
    width = sum(map(_CHARS[bold], text))
    if has_arabic(text):  # a letter standing alone is wider than joined
        width += sum(_ALONE[bold][found[0]] - ARABIC for found in _ALONE_LETTER.finditer(text))
    return width


_FIGURES = str.maketrans("123456789", "000000000")  # every digit is as wide as "0" here


def widest(texts: Iterable[str], bold: bool = False) -> float:
    """The width of the widest of ``texts`` in em: of a list's numbers, each shape measured
    once ("1974." as "0000."), not each of 10,000 numbers."""
    return max((em(text, bold) for text in {text.translate(_FIGURES) for text in texts}),
               default=0.0)
