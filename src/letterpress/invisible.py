"""Invisible characters pasted into a key or a word letterpress reads (an RLM before ``ar``).

Right-to-left editors, Word and messaging apps slip direction marks, isolates, a byte
order mark or a zero-width space in with the text copied. In a key or a word such as a
language tag or a display they made messages that show nothing wrong on screen ("unknown
key 'title' (did you mean 'title'?)"). There they mean nothing: they are removed, with a
warning naming them. Text that prints (names, prose) keeps them: a mark may be meant.
"""

from __future__ import annotations

import re
import unicodedata

# direction marks (LRM, RLM, ALM), embeddings and overrides, isolates, zero-width space
# and joiners, the byte order mark (ZERO WIDTH NO-BREAK SPACE)
INVISIBLE = re.compile("[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")

# keys whose values are words letterpress reads (a language, a choice, a flag, a number),
# never printed: what an invisible character in them does is only to make them wrong
WORDS = frozenset({"lang", "layout", "combine", "paper", "display", "numbering", "order",
                   "marker", "columns", "continue", "rule", "page_break", "verified",
                   "include_unverified", "start", "level", "dateline"})


def found(text: str) -> str:
    """The invisible characters of ``text``, named ("U+200F RIGHT-TO-LEFT MARK"), or ""."""
    chars = dict.fromkeys(INVISIBLE.findall(text))
    return " and ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'INVISIBLE CHARACTER')}"
                        for c in chars)


def removed(text: str, what: str) -> str:
    """The warning for ``what`` (``key 'title'``) once its invisible characters are gone."""
    return f"{what} holds an invisible {found(text)}; removed"
