"""Signatory columns at a fraction of WeasyPrint 70's cost, with the same columns.

WeasyPrint lays CSS columns out by trial: it renders a page's columns to see what fits, then
renders the very same columns again to keep them; and to balance the last page of a list it
grows the column height step by step, re-rendering every column at each step. Profiling the
seed letter and 10,000 signatories showed two avoidable costs, removed here:

1. *Second pass.* While ``columns_layout`` runs, each column laid out is remembered and handed
   back, moved into place, when the same column (same first box, resume point, space and
   "page is empty") is asked for again: 10,000 signatories lay out 27,000 line boxes instead
   of 49,000, and the PDF is byte for byte the same.
2. *Sticky step.* Balancing keeps the smallest step it ever took (``lost_space`` is set once,
   before its loop), so one early small step makes every later one small. It is reset at each
   step, as the comment above that loop describes: the bench's seed letter balances in 0.35 s
   instead of 0.46 s, with the same signatories in each column.

Measuring the box that did not fit whole (WeasyPrint measures its first line only) saved
more, but it overshoots when a column cannot place its first box, which the step ignores:
three members in three columns ended up in two. It is not done.

Only WeasyPrint versions this was checked against are changed (the tests compare every
page's text with WeasyPrint's own layout, and the bytes for 1); a column is only reused when
nothing in it registered itself with the layout context (footnotes, floats, positioned or
running elements).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

CHECKED = ("70.",)  # WeasyPrint versions whose column.py this was verified against

STICKY = """        lost_space = inf
        original_excluded_shapes = context.excluded_shapes[:]
        original_page_is_empty = page_is_empty
        page_is_empty = stop_rendering = balancing = False
        while True:
"""
RESET = STICKY.replace("        lost_space = inf\n", "") + "            lost_space = inf\n"

_state: dict[str, Any] = {"mode": "fast", "reused": 0}


def install(weasyprint: Any) -> None:
    """Put the faster ``columns_layout`` in place (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.layout import block, column

    original = column.columns_layout
    balanced = _reset_each_step(column) or original

    def columns_layout(*args: Any, **kwargs: Any) -> Any:
        mode = _state["mode"]
        if mode == "plain":
            return original(*args, **kwargs)
        with _reusing(block):
            return (balanced if mode == "fast" else original)(*args, **kwargs)

    _state["original"] = original
    column.columns_layout = block.columns_layout = columns_layout


def _reset_each_step(column: Any) -> Callable[..., Any] | None:
    """WeasyPrint's own ``columns_layout`` with ``lost_space`` reset at each step (2 above),
    compiled from its source; None if the source is not the one this was checked against."""
    try:
        source = inspect.getsource(column)
    except (OSError, TypeError):
        return None
    if source.count(STICKY) != 1:
        return None
    namespace = dict(vars(column))
    exec(compile(source.replace(STICKY, RESET), column.__file__, "exec"), namespace)
    function: Callable[..., Any] = namespace["columns_layout"]
    return function


@contextlib.contextmanager
def mode(name: str) -> Iterator[None]:
    """``fast`` (1 and 2), ``reuse`` (1 only: identical bytes) or ``plain`` (WeasyPrint's
    own), for comparing outputs in the tests."""
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
    """Within one ``columns_layout`` call, lay out each distinct column once (1).

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
