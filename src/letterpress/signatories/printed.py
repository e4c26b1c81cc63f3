"""A signatory's text as the letter prints it, Markdown read: what the export writes, and
what the duplicate rule compares (the letter's "**Big** Heart" is its export's "Big
Heart", so importing the export adds no second Big Heart)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from letterpress import page as p

if TYPE_CHECKING:
    from letterpress.inline import Markdown

Text = str | dict[str, str] | None  # a text, or a text per language

# what can make Markdown print a name otherwise: an escape, code, emphasis, strike, a link
# or autolink, an entity; "_" only at a word's edge ("Partners_1" is not emphasis)
_MARKDOWN = re.compile(r"[\\`*\[~<]|&[#A-Za-z]|(?<!\w)_|_(?!\w)")


def printed(text: str) -> str:
    """Text as the export writes it: as printed, a link's address after its text, line by
    line (Markdown reads a line break as a space: a note's paragraphs were run into one
    line, "para one  para two")."""
    return _forms(text.strip())[1]


def forms(text: Text) -> list[Text]:
    """What the duplicate rule compares: the text as a reader sees it (a link's text only:
    "[Big Heart](https://bh.org)" is Big Heart) and as the export writes it; one form, as
    written, if it holds no Markdown character (most names: no parser needed)."""
    if isinstance(text, dict):
        pairs = {language: _forms(value) for language, value in text.items()}
        return [{language: pair[i] for language, pair in pairs.items()} for i in (0, 1)]
    if not text:
        return [text]
    seen, written = _forms(text)
    return [seen] if seen is written else [seen, written]


@lru_cache(maxsize=1 << 16)  # a letter's names are compared on loading and on signing
def _forms(text: str) -> tuple[str, str]:
    if not _MARKDOWN.search(text):
        return text, text
    from letterpress.render.text import spans

    lines = _parsed(text)
    return "\n".join(map(p.plain, lines)), "\n".join(map(spans, lines))


def _parsed(text: str) -> list[p.Inline]:
    return [_markdown().inline(line) for line in text.strip().split("\n")]


@cache
def _markdown() -> Markdown:
    from letterpress.inline import Markdown

    return Markdown({}, lambda label: 0)
