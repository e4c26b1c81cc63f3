"""Lay out each page of CSS columns once instead of twice (WeasyPrint 70).

WeasyPrint's multi-column layout first renders a page's columns to find how much fits, then,
having decided, renders the very same columns again to keep them. For a long signatory list in
three columns that second pass is about 40 % of the whole PDF (10,000 signatories: 49,000 line
boxes laid out instead of 27,000). While ``columns_layout`` runs, this module remembers each
column it laid out and hands the remembered one back, moved to its place, when the same column
(same first box, same resume point, same space, same "page is empty") is asked for again.

It is only used for the WeasyPrint versions it was checked against (the tests compare PDFs
byte for byte with and without it), and a column is only reused when nothing in it registered
itself with the layout context (footnotes, floats, positioned or running elements), which a
reused box would skip.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

CHECKED = ("70.",)  # WeasyPrint versions whose columns_layout this was verified against

_installed: dict[str, Any] = {}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``columns_layout`` (once; other versions are left alone)."""
    if _installed or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.layout import block, column

    original = column.columns_layout

    def columns_layout(*args: Any, **kwargs: Any) -> Any:
        if not _installed.get("enabled", True):
            return original(*args, **kwargs)
        with _reusing(block):
            return original(*args, **kwargs)

    _installed.update(original=original, block=block)
    column.columns_layout = block.columns_layout = columns_layout


def reused() -> int:
    """How many columns were handed back instead of laid out again (for the tests)."""
    return int(_installed.get("reused", 0))


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """WeasyPrint's own behaviour, for comparing outputs."""
    before = _installed.get("enabled", True)
    _installed["enabled"] = False
    try:
        yield
    finally:
        _installed["enabled"] = before


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
                          page_is_empty, *rest, **kwargs)
        key = (id(box.children[0]) if box.children else None, len(box.children),
               box.position_y, box.width, bottom_space, repr(skip_stack), page_is_empty)
        if key in kept:
            _installed["reused"] = _installed.get("reused", 0) + 1
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
