"""Named pages looked for only in letters whose CSS can name one (WeasyPrint 70).

Between every two sibling blocks WeasyPrint asks whether the page name changes (CSS
``page``), walking the first and last descendants of both; in a signatory column that is
every member, on every column layout: 9 % of a 3,000-signatory render. When the CSS never
sets ``page`` (no declaration anywhere in the document, nothing imported), every box's page
is the initial ``auto`` and the answer is always "no change", which is then given at once.
The PDF is the same bytes (tested; ``columns.mode("plain")`` turns this off too).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from letterpress.render import columns

CHECKED = ("70.",)  # WeasyPrint versions whose block.py this was verified against
_NAMING = re.compile(r"(?<![\w@-])page\s*:|@import|<link", re.IGNORECASE)

_state: dict[str, Any] = {"unnamed": False}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``block_level_page_name`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.layout import block

    original = block.block_level_page_name

    def block_level_page_name(sibling_before: Any, sibling_after: Any) -> Any:
        if _state["unnamed"] and not columns.plain():
            return None
        return original(sibling_before, sibling_after)

    _state["original"] = original
    block.block_level_page_name = block_level_page_name


def can_name_pages(html: str) -> bool:
    """Whether a ``page`` declaration could apply in ``html`` (all of a letter's CSS is in
    it; an ``@import`` or a ``<link>`` could bring more, so either counts as one)."""
    return _NAMING.search(html) is not None


@contextlib.contextmanager
def unnamed(html: str) -> Iterator[None]:
    """While rendering ``html``: skip the page-name checks if it cannot name pages."""
    before = _state["unnamed"]
    _state["unnamed"] = not can_name_pages(html)
    try:
        yield
    finally:
        _state["unnamed"] = before
