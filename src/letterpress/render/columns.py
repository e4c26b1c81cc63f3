"""Signatory columns laid out once per page, not twice (WeasyPrint 70), same bytes.

WeasyPrint lays CSS columns out by trial: it renders a page's columns to see what fits, then
renders the very same columns again to keep them. For a long signatory list in three columns
that second pass was about 45 % of the line boxes (10,000 signatories: 49,000 instead of
27,000). While ``columns_layout`` runs, each column laid out is remembered and handed back,
moved into place, when the same column (same first box, resume point, space and "page is
empty") is asked for again. The PDF is byte for byte the same (tested).

Tried and left out: balancing the last page of a group costs more still (WeasyPrint grows
the height in small steps, keeping the smallest step it ever took, and measures the box that
did not fit by its first line only). Resetting the step, or measuring the box whole, made
balancing 1.3-1.5x faster, but a random sample of generated letters showed 6 and 12 in 50
with signatories in other columns than WeasyPrint's own layout, some less balanced.

Only the WeasyPrint versions this was checked against are changed; a column is only reused
when nothing in it registered itself with the layout context (footnotes, floats, positioned
or running elements).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

CHECKED = ("70.",)  # WeasyPrint versions whose column.py this was verified against

_state: dict[str, Any] = {"mode": "fast", "reused": 0}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``columns_layout`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.layout import block, column

    original = column.columns_layout

    def columns_layout(*args: Any, **kwargs: Any) -> Any:
        if _state["mode"] == "plain":
            return original(*args, **kwargs)
        with _reusing(block):
            return original(*args, **kwargs)

    _state["original"] = original
    column.columns_layout = block.columns_layout = columns_layout


@contextlib.contextmanager
def mode(name: str) -> Iterator[None]:
    """``fast`` (columns reused) or ``plain`` (WeasyPrint's own), for the tests."""
    before = _state["mode"]
    _state["mode"] = name
    try:
        yield
    finally:
        _state["mode"] = before


def reused() -> int:
    """How many columns were handed back instead of laid out again (for the tests)."""
    return int(_state["reused"])


@contextlib.contextmanager
def _reusing(block: Any) -> Iterator[None]:
    """Within one ``columns_layout`` call, lay out each distinct column once.

    ``columns_layout`` imports ``block_box_layout`` from the block module when it runs, so the
    module attribute is swapped for the duration of the call (layout is single-threaded)."""
    layout = block.block_box_layout
    kept: dict[tuple[Any, ...], tuple[Any, float]] = {}

    def block_box_layout(context: Any, box: Any, bottom_space: float, skip_stack: Any,
                         containing_block: Any, page_is_empty: bool, *rest: Any,
                         **kwargs: Any) -> Any:
        if not getattr(box, "is_column", False) or bottom_space == float("inf"):
            return layout(context, box, bottom_space, skip_stack, containing_block,
                          page_is_empty, *rest, **kwargs)  # not a column, or a step's probe
        key = (id(box.children[0]) if box.children else None, len(box.children),
               box.position_y, box.width, bottom_space, repr(skip_stack), page_is_empty)
        if key in kept:
            _state["reused"] += 1
            result, x = kept.pop(key)
            result[0].translate(box.position_x - x, 0)
            return result
        result = layout(context, box, bottom_space, skip_stack, containing_block,
                        page_is_empty, *rest, **kwargs)
        if result[0] is not None and _self_contained(result[0]):
            kept[key] = (result, box.position_x)
        return result

    block.block_box_layout = block_box_layout
    try:
        yield
    finally:
        block.block_box_layout = layout


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
