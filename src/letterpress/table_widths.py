"""Column widths of signatory tables, decided once for the PDF and the DOCX.

Every table group of the same columns on a page gets the same widths, so that consecutive
tables line up (each sized to its own text, the PDF's stood at different places). A column
is at least its longest word (a country must not break as "Netherland/s"); the rest of the
line is shared by the length of each column's longest text (10 to 40 characters): equal
shares wrapped long organisations on 7 lines beside a half-empty name column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from letterpress.page import Group, Inline, Member, plain

CHAR_EM = 0.55  # an average character, in em
WORD_EM = 0.65  # a character of a longest word, in em: a wide one must not be cut
# what a line cannot break: a word, or a part of it up to its hyphen or slash
_UNBROKEN = re.compile(r"[^\s\-‐/]+[\-‐/]?")
# Between columns: the PDF's cell padding (pdftotext reads cells closer than 1.5 em as one
# line; the layouts' CSS says 1.8em); the DOCX's cell margins take 0.8 em of it.
GUTTER_EM = 1.8


def with_widths(groups: Sequence[Group], text_width_pt: float,
                font_size_pt: float) -> tuple[Group, ...]:
    """``groups``, each table group given its ``widths``: fractions of the line, the
    number column first when numbered."""
    shared: dict[tuple[tuple[str, ...], bool], tuple[float, ...]] = {}

    def widths(key: tuple[tuple[str, ...], bool]) -> tuple[float, ...]:
        if key not in shared:
            shared[key] = _widths([g for g in groups if g.display == "table"
                                   and (g.columns, _numbered(g)) == key],
                                  text_width_pt, font_size_pt)
        return shared[key]

    return tuple(replace(g, widths=widths((g.columns, _numbered(g))))
                 if g.display == "table" else g for g in groups)


def widths_of(group: Group, text_width_pt: float, font_size_pt: float) -> tuple[float, ...]:
    """The table group's widths, or (a page not made by the view) its own alone."""
    return group.widths or _widths([group], text_width_pt, font_size_pt)


def cells(group: Group, member: Member) -> list[Inline]:
    """A row's texts after the number: name, then each listed column (a field's first value
    wins)."""
    fields = dict(reversed(member.fields))
    return [member.name, *(fields.get(column, ()) for column in group.columns)]


def _numbered(group: Group) -> bool:
    return any(member.number for member in group.members)  # numbers, or bullets


def _widths(tables: list[Group], line: float, size: float) -> tuple[float, ...]:
    em = size / line  # fractions of the line from here on
    numbers = [m.number for g in tables for m in g.members if m.number]
    number = (max(map(len, numbers)) * CHAR_EM + GUTTER_EM) * em if numbers else 0.0
    columns = list(zip(*([plain(text) for text in cells(g, m)] for g in tables
                         for m in g.members), strict=True))
    if not columns:  # no one in these tables yet
        return ()
    least = [(max((len(word) for text in texts for word in _UNBROKEN.findall(text)), default=4)
              * WORD_EM + GUTTER_EM) * em for texts in columns]
    weights = [min(max([len(text) for text in texts] + [10]), 40) for texts in columns]
    spare = max(1 - number - sum(least), 0.0)
    widths = ([number] if numbers else []) + [
        low + spare * weight / sum(weights) for low, weight in zip(least, weights, strict=True)]
    over = max(sum(widths), 1.0)  # words too long for the line: every column gives way
    return tuple(width / over for width in widths)
