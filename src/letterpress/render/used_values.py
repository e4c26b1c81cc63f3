"""A box's used margins, paddings, borders and sizes worked out once per style (WeasyPrint 70).

Before laying a box out, WeasyPrint turns its computed lengths into used ones against the
containing block (``resolve_percentages``): 18 properties, each through two function calls.
It does so for every box on every layout of it, and in a signatory list that is every
member, line and text box on every column layout: 8 % of a 10,000-signatory render. The
result depends only on those properties' computed values, the containing block's size and
whether the box is a page, so for each such key it is worked out once and copied after
(65,149 of 65,196 calls at 10,000 signatories). Lengths that are not plain (``calc()`` and
other math, which can depend on the font size) and collapsed table borders are always
worked out afresh. The PDF is the same bytes (tested).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from letterpress.render import columns

CHECKED = ("70.",)  # WeasyPrint versions whose percent.py this was verified against

# Read by resolve_percentages; the first 14 are lengths (``auto``, None or a Dimension).
_READ = ("margin_left", "margin_right", "margin_top", "margin_bottom", "padding_left",
         "padding_right", "padding_top", "padding_bottom", "width", "min_width", "max_width",
         "height", "min_height", "max_height", "border_top_width", "border_right_width",
         "border_bottom_width", "border_left_width", "box_sizing", "border_collapse")
_LENGTHS = 14
# Set by resolve_percentages: the used value of each length and border width.
_SET = _READ[:18]

_state: dict[str, Any] = {"memo": None, "reused": 0}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``resolve_percentages`` wherever layout imported it (once; other
    versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    import sys

    from weasyprint.css.properties import Dimension
    from weasyprint.formatting_structure.boxes import Box, PageBox
    from weasyprint.layout import percent

    original = percent.resolve_percentages

    def resolve_percentages(box: Any, containing_block: Any) -> None:
        memo = _state["memo"]
        style = box.style
        if memo is None or style["border_collapse"] == "collapse" or columns.plain():
            original(box, containing_block)
            return
        values = tuple([style[name] for name in _READ])
        for value in values[:_LENGTHS]:
            if value.__class__ is not Dimension and value != "auto" and value is not None:
                original(box, containing_block)  # math, resolved against this style
                return
        if isinstance(containing_block, Box):
            key = (values, containing_block.width, containing_block.height,
                   isinstance(box, PageBox))
        else:
            width, height = containing_block
            key = (values, width, height, isinstance(box, PageBox))
        used = memo.get(key)
        if used is None:
            original(box, containing_block)
            attributes = box.__dict__
            memo[key] = {name: attributes[name] for name in _SET}
        else:
            box.__dict__.update(used)
            _state["reused"] += 1

    _state["original"] = original
    modules: list[Any] = list(sys.modules.values())
    for module in modules:
        if getattr(module, "__name__", "").startswith("weasyprint.") and \
                getattr(module, "resolve_percentages", None) is original:
            module.resolve_percentages = resolve_percentages


@contextlib.contextmanager
def remembered() -> Iterator[None]:
    """Keep used values for the length of one render (a batch's next letter starts empty)."""
    _state["memo"] = {}
    try:
        yield
    finally:
        _state["memo"] = None
