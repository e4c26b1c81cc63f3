"""Column widths of signatory tables, decided once for the PDF, the HTML and the DOCX.

Every table group of the same columns on a page gets the same widths, so that consecutive
tables line up (each sized to its own text, the PDF's stood at different places). The
number column holds the widest number and its gutter, whatever else the line must hold
("1." broke as "1" over "." when every column gave way to a long word). Each other column
is at least its longest word (a country must not break as "Netherland/s", nor a name be
hyphenated), measured in the font (text_width), and the rest of the line goes to the
columns by how much wider than that their longest text is, as a browser lays a table out:
a column of short words ("France") keeps what it needs, and names and organisations get
the room (equal shares wrapped long organisations on 7 lines beside a half-empty name
column; shares by characters wrapped names on three lines beside a country column twice
as wide as "France"). When the longest words together
are wider than the line, only the columns of the longest give way, in proportion, down to
no narrower than the widest column kept whole: a 76-letter compound is hyphenated, and the
names and countries beside it stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from heapq import nlargest

from letterpress.page import Group, Inline, Member, plain
from letterpress.text_width import em, widest

# the tables' text size, of the letter's (the layouts' CSS: .members-table, 0.92em)
TABLE_SIZE = 0.92
# what a line cannot break: a word (a date's no-break spaces join it), or a part of it up to
# its hyphen or slash
_UNBROKEN = re.compile(r"(?:[^\s\-‐/]|\u00a0)+[\-‐/]?")
# Between columns: the PDF's cell padding at the end of every cell but the last (pdftotext
# reads cells closer than 1.5 em as one line; the layouts' CSS says 1.8em), in em of the
# table's text; the DOCX's cell margins, 4 pt each side, take 8 pt of it, and of the last.
GUTTER_EM = 1.8
CELL_MARGIN_PT = 4.0
# a word measured a twentieth wider: another renderer's rounding, a layout's wider font
SAFETY = 1.05
_LONGEST = 5  # texts measured for a column's longest line (10,000 names: not each one)


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


def _widths(tables: list[Group], line: float, font_size: float) -> tuple[float, ...]:
    size = font_size * TABLE_SIZE
    gutter = max(GUTTER_EM * size, 2 * CELL_MARGIN_PT)
    numbers = [m.number for g in tables for m in g.members if m.number]
    # (never more than a quarter of the line: a "number" is a marker, a few characters)
    number = min(widest(numbers) * SAFETY * size + gutter, line / 4) if numbers else 0.0
    columns = list(zip(*([plain(text) for text in cells(g, m)] for g in tables
                         for m in g.members), strict=True))
    if not columns:  # no one in these tables yet
        return ()
    least = [max((em(word) for word in {w for text in texts for w in _UNBROKEN.findall(text)}),
                 default=2.0) * SAFETY * size + gutter for texts in columns]
    # and at most its longest text on one line (of the longest few by characters)
    most = [max(low, max((em(text) for text in nlargest(_LONGEST, texts, key=len)),
                         default=0.0) * SAFETY * size + gutter)
            for low, texts in zip(least, columns, strict=True)]
    least[-1] += 2 * CELL_MARGIN_PT - gutter  # no gutter after the last: the DOCX's margins
    most[-1] += 2 * CELL_MARGIN_PT - gutter
    room = line - number
    if sum(least) > room:
        fitted = _give_way(least, room)
    elif sum(most) <= room:  # every text on one line: the spare room in proportion
        fitted = [width * room / sum(most) for width in most]
    else:  # the room above the words shared by what each column's text wants beyond them
        wants = [high - low for low, high in zip(least, most, strict=True)]
        fitted = [low + (room - sum(least)) * want / sum(wants)
                  for low, want in zip(least, wants, strict=True)]
    return tuple(width / line for width in ([number] if numbers else []) + fitted)


def _give_way(least: list[float], room: float) -> list[float]:
    """Columns at least ``least`` wide narrowed to ``room``: the widest give way in
    proportion, as few as can, none to less than the widest kept whole."""
    order = sorted(range(len(least)), key=least.__getitem__, reverse=True)
    for count in range(1, len(least) + 1):
        narrow, kept = order[:count], order[count:]
        scale = (room - sum(least[i] for i in kept)) / sum(least[i] for i in narrow)
        floor = least[kept[0]] if kept else 0.0
        if scale > 0 and least[narrow[-1]] * scale >= floor:
            return [width * scale if i in narrow else width for i, width in enumerate(least)]
    raise AssertionError("unreachable: every column giving way always fits")
