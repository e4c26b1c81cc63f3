"""Named pages looked for only in letters whose CSS can name one (WeasyPrint 70).

Between every two sibling blocks WeasyPrint asks whether the page name changes (CSS
``page``), walking the first and last descendants of both; in a signatory column that is
every member, on every column layout: 9 % of a 3,000-signatory render. When the CSS never
sets ``page`` (no declaration in the document's ``<style>`` blocks or ``style`` attributes,
read with tinycss2 as WeasyPrint reads them; nothing linked or imported), every box's page
is the initial ``auto`` and the answer is always "no change", which is then given at once.
The PDF is the same bytes (tested; ``columns.mode("plain")`` turns this off too).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from letterpress.render import columns

CHECKED = ("70.",)  # WeasyPrint versions whose block.py this was verified against
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
_ANY_STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
_LINK = re.compile(r"<link\b", re.IGNORECASE)

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
    """Whether a ``page`` declaration could apply in ``html``: read as CSS is read (comments,
    escapes, entities in attributes), in its ``<style>`` blocks and ``style`` attributes,
    where all of a letter's CSS is. A linked or imported stylesheet, or a ``style``
    attribute this cannot read, counts as one."""
    if _LINK.search(html):
        return True
    quoted = _STYLE_ATTRIBUTE.findall(html)
    if len(quoted) != len(_ANY_STYLE_ATTRIBUTE.findall(html)):
        return True
    return any(_declares_page(css) for css in _STYLE_BLOCK.findall(html)) or any(
        _declares_page(unescape(value[1:-1])) for value in quoted)


@functools.lru_cache(maxsize=32)
def _declares_page(css: str) -> bool:
    """Whether CSS (a stylesheet, or a declaration list) sets ``page`` or imports more:
    the ident ``page`` then a colon, at any depth (a selector ``page:hover`` counts too)."""
    import tinycss2

    stack = [tinycss2.parse_component_value_list(css, skip_comments=True)]
    while stack:
        values = [v for v in stack.pop() if v.type not in ("whitespace", "comment")]
        for i, value in enumerate(values):
            if value.type == "at-keyword" and value.lower_value == "import":
                return True
            if (value.type == "ident" and value.lower_value == "page" and i + 1 < len(values)
                    and values[i + 1].type == "literal" and values[i + 1].value == ":"):
                return True
            if value.type == "function":
                stack.append(value.arguments)
            elif getattr(value, "content", None) is not None:  # {} [] () blocks
                stack.append(value.content)
    return False


@contextlib.contextmanager
def unnamed(html: str) -> Iterator[None]:
    """While rendering ``html``: skip the page-name checks if it cannot name pages."""
    before = _state["unnamed"]
    _state["unnamed"] = not can_name_pages(html)
    try:
        yield
    finally:
        _state["unnamed"] = before
