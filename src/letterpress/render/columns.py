"""Signatory columns laid out with less repetition (WeasyPrint 70), to the same layout.

WeasyPrint lays CSS columns out by trial. For every page it renders the columns to see what
fits, then renders the very same columns again to keep them; and to balance the last page of
a group it renders all of its columns again for every height it tries (growing the height in
small steps: the seed letter's three groups take 123 column layouts). Two memories, both
held only while one ``columns_layout`` call runs, cut that work without changing a result:

- a column asked for again (same first box, resume point, space and "page is empty") is
  handed back, moved into place (10,000 signatories: 49,000 line boxes -> 27,000);
- a member (``_Members``) laid out once is moved wherever balancing asks for it again, as
  long as its own lines say WeasyPrint would lay it out the same there (seed letter: the
  render 0.41 -> 0.20 s; members laid out 374 times -> 81).

The PDF is WeasyPrint's own layout (each column but the first then set a hair lower,
``stagger``, in both modes): byte for byte in the tests (letters, generated lists)
and in 440 random letters (sizes, layouts, displays, directions, random member CSS) but one,
where a moved member's rectangle came out 56 pt high instead of 56.000000001 (moving adds
the offset in another order than laying out afresh). The tests compare the drawing to
1e-4 pt where the bytes differ.

Tried and left out: faster balancing itself. Resetting WeasyPrint's step, or measuring the
box that did not fit whole, put signatories in other columns than WeasyPrint's own layout
in 6 and 12 of 50 generated letters, some less balanced.

Only the WeasyPrint versions this was checked against are changed; nothing is reused that
registered itself with the layout context (footnotes, floats, positioned or running
elements), or whose lines could sit differently (floats beside the columns); columns inside
a column are WeasyPrint's own throughout. A moved member can differ from a fresh layout in
the last bit of a coordinate; where content ends exactly on the balancing limit (a review
built one, with a member holding its own columns) that bit could tip a decision.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from math import inf
from typing import Any

CHECKED = ("70.",)  # WeasyPrint versions whose column.py this was verified against

_state: dict[str, Any] = {"mode": "fast", "reused": 0, "members": 0, "depth": 0}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``columns_layout`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.layout import block, column

    original = column.columns_layout

    def columns_layout(*args: Any, **kwargs: Any) -> Any:
        result = laid_out(*args, **kwargs)
        if result[0] is not None:
            stagger(result[0])
        return result

    def laid_out(*args: Any, **kwargs: Any) -> Any:
        if plain():
            return original(*args, **kwargs)
        _state["depth"] += 1
        try:
            if _state["depth"] > 1:  # columns inside a column: WeasyPrint's own, throughout
                return original(*args, **kwargs)
            with _reusing(block):
                return original(*args, **kwargs)
        finally:
            _state["depth"] -= 1

    _state["original"] = original
    column.columns_layout = block.columns_layout = columns_layout


# How far each column is set below the one before it, in CSS px (0.000075 pt; see stagger).
STAGGER = 0.0001


def stagger(box: Any) -> None:
    """Set each column of a laid-out multi-column ``box`` ``STAGGER`` below the one before
    it (after layout, in both modes: nothing else moves), so that text extraction reads the
    columns in their order.

    pdftotext (poppler) widens each block's reading area sideways over every block below it
    that stays clear of its neighbours, reads areas that overlap top first, and areas side
    by side in the page's direction. The page number centred below a list in columns, when
    narrower than the 6 mm gap ("۱ / ۲" in Persian or Arabic-Indic digits is 13 pt, "1 / 2"
    17.3 pt), lies inside the gap and widens both columns' areas over itself until they
    overlap: both start level, neither is beside the other, and poppler falls back to left
    first, in a right-to-left list the second column. Starting lower by far less than any
    rasterizer resolves, the second column is read second. (A block's top is its baseline
    less its font's ascent, 1.069 em in the shipped fonts but 0.896 em in Noto Serif Hebrew:
    a first line in Hebrew alone beside one holding Latin letters or digits still starts
    lower.)"""
    place = 0
    for child in box.children:
        if getattr(child, "is_column", False):
            if place:
                child.translate(0, place * STAGGER)
            place += 1
        else:  # a block spanning the columns: the next row of columns starts again
            place = 0


@contextlib.contextmanager
def mode(name: str) -> Iterator[None]:
    """``fast`` (columns reused, page names skipped where none can be set) or ``plain``
    (WeasyPrint's own layout throughout), for the tests."""
    before = _state["mode"]
    _state["mode"] = name
    try:
        yield
    finally:
        _state["mode"] = before


def plain() -> bool:
    """Whether WeasyPrint's own layout is wanted (``mode("plain")``)."""
    return bool(_state["mode"] == "plain")


def reused() -> int:
    """How many columns were handed back instead of laid out again (for the tests)."""
    return int(_state["reused"])


def replayed() -> int:
    """How many member layouts were replayed instead of laid out again (for the tests)."""
    return int(_state["members"])


@contextlib.contextmanager
def _reusing(block: Any) -> Iterator[None]:
    """Within one ``columns_layout`` call, lay out each distinct column once, and each
    member once (``_Members``).

    ``columns_layout`` imports ``block_box_layout`` from the block module when it runs, and
    the block module calls its own ``block_level_layout``, so both module attributes are
    swapped for the duration of the call (layout is single-threaded)."""
    layout = block.block_box_layout
    kept: dict[tuple[Any, ...], tuple[Any, float, Any]] = {}

    def block_box_layout(context: Any, box: Any, bottom_space: float, skip_stack: Any,
                         containing_block: Any, page_is_empty: bool, *rest: Any,
                         **kwargs: Any) -> Any:
        if (not getattr(box, "is_column", False) or bottom_space == float("inf")
                or _state["depth"] > 1):  # not a column, a step's probe, or nested columns
            return layout(context, box, bottom_space, skip_stack, containing_block,
                          page_is_empty, *rest, **kwargs)
        first = box.children[0] if box.children else None
        key = (id(first), len(box.children), box.position_y, box.width, bottom_space,
               repr(skip_stack), page_is_empty)
        found = kept.pop(key, None)
        if found is not None and found[2] is first:
            _state["reused"] += 1
            result, x, _ = found
            result[0].translate(box.position_x - x, 0)
            return result
        result = layout(context, box, bottom_space, skip_stack, containing_block,
                        page_is_empty, *rest, **kwargs)
        if result[0] is not None and _self_contained(result[0]):
            kept[key] = (result, box.position_x, first)
        return result

    level = block.block_level_layout
    members = _Members()

    def block_level_layout(context: Any, box: Any, bottom_space: float, skip_stack: Any,
                           containing_block: Any, page_is_empty: bool = True,
                           *rest: Any, **kwargs: Any) -> Any:
        args = (context, box, bottom_space, skip_stack, containing_block, page_is_empty,
                *rest)
        key = None if kwargs or _state["depth"] > 1 else members.key(*args)
        if key is None:
            return level(*args, **kwargs)
        margins = rest[2]
        case = members.case(key, context, box, bottom_space, page_is_empty)
        found = None if case is None else members.replay(case, box, margins)
        if found is not None:
            _state["members"] += 1
            return found
        x, y, before = box.position_x, box.position_y, list(margins)
        result = level(*args)
        if case is None and result[0] is not None and result[1] is None:
            case = (*key, "whole")  # the first time: nothing kept yet to compare with
        if case is not None and margins[:len(before)] == before:
            members.keep(case, _Kept(box, result, x, y, (box.position_x - x,
                                                          box.position_y - y),
                                     margins[len(before):]),
                         context, bottom_space, margins)
        return result

    block.block_box_layout = block_box_layout
    block.block_level_layout = block_level_layout
    try:
        yield
    finally:
        block.block_box_layout = layout
        block.block_level_layout = level


class _Members:
    """A signatory's layout in a column, kept and moved wherever the same member is laid
    out again while the columns are balanced (the seed letter's members are laid out about
    ten times each, and every time the text is shaped again).

    A member (a block of lines, nothing floated or noted) is laid out the same wherever it
    starts, so its lines are kept once. Asked again from another height, the kept lines say
    which one, if any, overflows the new place, with WeasyPrint's own test
    (``_linebox_layout``):

    - none: the kept box, copied and moved;
    - line ``k``, on a page with content: WeasyPrint gives up on the member (it avoids
      breaks inside), and what it returns depends only on whether ``k`` lines were enough
      for its orphans and widows: the result seen last time for the same case;
    - the first line, on an empty page (the probe WeasyPrint makes of the next column's
      first member, with no room at all): the probe seen last time, moved.

    Anything else is laid out for real. What a layout does to its arguments (moves the box,
    appends to the adjoining margins) is done again on a replay.
    """

    def __init__(self) -> None:
        self.kept: dict[tuple[Any, ...], _Kept] = {}

    @staticmethod
    def key(context: Any, box: Any, bottom_space: float, skip_stack: Any,
            containing_block: Any, page_is_empty: bool, absolute_boxes: Any = None,
            fixed_boxes: Any = None, adjoining_margins: Any = None,
            first_letter_style: Any = None, first_line_style: Any = None,
            discard: bool = False, max_lines: Any = None) -> tuple[Any, ...] | None:
        """What the layout of a whole member depends on besides its place on the page;
        None for anything that is not a member starting afresh in a column.

        The margins before it only move it (by their collapsed value); "the page is empty"
        also drops its top margin after page one, and changes what an overflow does.
        """
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.block import collapse_margin

        if (skip_stack is not None or type(box) is not boxes.BlockBox
                or not getattr(containing_block, "is_column", False) or discard
                or context.excluded_shapes or first_letter_style is not None
                or first_line_style is not None or max_lines is not None
                or adjoining_margins is None
                or box.style["box_decoration_break"] == "clone"
                or box.style["break_inside"] not in ("avoid", "avoid-page", "avoid-column")):
            return None
        dropped = page_is_empty and context.current_page > 1 and (
            containing_block.is_for_root_element or bool(adjoining_margins))
        return (id(box), containing_block.width, bool(adjoining_margins),
                collapse_margin(adjoining_margins), dropped and context.forced_break)

    def case(self, key: tuple[Any, ...], context: Any, box: Any, bottom_space: float,
             page_is_empty: bool) -> tuple[Any, ...] | None:
        """Which kept result a layout of ``box`` here would repeat (None: unknown)."""
        if bottom_space == inf and page_is_empty:
            return (*key, "probe")
        whole = self.kept.get((*key, "whole"))
        if whole is None or whole.box is not box:
            return None
        line = _overflowing_line(context, whole.result[0], box.position_y - whole.y,
                                 bottom_space, page_is_empty)
        if line is None:
            return (*key, "whole")
        if line < 0 or page_is_empty:
            return None
        lines = len(whole.result[0].children)
        orphans, widows = box.style["orphans"], box.style["widows"]
        needed = max(0, widows - 1 - min(lines - line - 1, widows))
        return (*key, "abort" if line < orphans or needed > line - orphans else "push")

    def replay(self, case: tuple[Any, ...], box: Any, adjoining_margins: list[float]) -> Any:
        """The result kept for ``case``, moved to ``box``'s place; None if none was kept."""
        kept = self.kept.get(case)
        if kept is None or kept.box is not box:
            return None
        new, resume_at, next_page, margins, through, lines = kept.result
        if new is not None:
            new = new.deepcopy()
            new.translate(box.position_x - kept.x, box.position_y - kept.y)
        box.position_x += kept.moved[0]
        box.position_y += kept.moved[1]
        adjoining_margins.extend(kept.appended)
        return (new, copy.deepcopy(resume_at), dict(next_page), list(margins), through,
                lines)

    def keep(self, case: tuple[Any, ...], kept: _Kept, context: Any,
             bottom_space: float, adjoining_margins: list[float]) -> None:
        """Remember a result, unless its case cannot be told from its lines."""
        from weasyprint.formatting_structure import boxes

        new = kept.result[0]
        if case[-1] == "whole" and not (
                new is not None and kept.result[1] is None and new.children
                and all(type(child) is boxes.LineBox for child in new.children)
                and _self_contained(new)
                and _overflowing_line(context, new, 0, bottom_space, False) is None):
            return
        if case[-1] in ("abort", "push") and new is not None:
            return
        if case[-1] == "probe" and new is not None and not _self_contained(new):
            return
        if case in self.kept:
            return
        # A copy, taken before WeasyPrint's caller appends to the margins list or moves
        # the box it was handed.
        _, resume_at, next_page, margins, through, lines = kept.result
        kept.result = (None if new is None else new.deepcopy(), copy.deepcopy(resume_at),
                       dict(next_page), list(margins), through, lines)
        self.kept[case] = kept


@dataclass
class _Kept:
    box: Any  # the member (keys hold its id; the box itself tells a reused id apart)
    result: Any  # what block_level_layout returned
    x: float  # where the box was when laid out
    y: float
    moved: tuple[float, float] = (0, 0)  # how the layout moved the box itself
    appended: list[float] = field(default_factory=list)  # what it appended to the margins


def _overflowing_line(context: Any, box: Any, dy: float, bottom_space: float,
                      page_is_empty: bool) -> int | None:
    """The first line of a laid-out member that WeasyPrint would find overflowing were the
    member ``dy`` lower (None: none; -1: the first line of an empty page overflows, which
    WeasyPrint handles by moving it, so nothing is predicted)."""
    last = len(box.children) - 1
    for i, line in enumerate(box.children):
        bottom = line.position_y + dy + line.height
        if i == 0 and page_is_empty:
            if context.overflows_page(bottom_space, bottom):
                return -1
            continue
        if i == last:
            bottom += box.border_bottom_width + box.padding_bottom
        if context.overflows_page(bottom_space, bottom):
            return i
    return None


def _self_contained(box: Any) -> bool:
    """Whether nothing in ``box`` registered itself with the layout context while laid out."""
    stack = [box]
    while stack:
        one = stack.pop()
        if (one.footnote or getattr(one, "note", None) or one.is_floated()
                or one.style["position"] not in ("static", "relative")):
            return False
        stack.extend(getattr(one, "children", ()))
    return True
