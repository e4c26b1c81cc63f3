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

# printing nothing: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian
# vowel separator, zero-width space / non-joiner / joiner, LRM, RLM, the bidi embeddings,
# overrides and isolates, word joiner and invisible operators, variation selectors, BOM
POINTS = (0x00AD, 0x034F, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
          *range(0x2060, 0x2065), *range(0x2066, 0x2070), *range(0xFE00, 0xFE10), 0xFEFF)
INVISIBLE = re.compile("[" + "".join(re.escape(chr(point)) for point in POINTS) + "]")
# a character that prints, as a JSON Schema (ECMAScript) pattern: what blank() looks for
PRINTING_JSON = "[^\\s" + "".join(f"\\u{point:04X}" for point in POINTS) + "]"

# keys whose values are words letterpress reads (a language, a choice, a flag, a number),
# never printed: what an invisible character in them does is only to make them wrong
WORDS = frozenset({"lang", "layout", "combine", "paper", "display", "numbering", "order",
                   "marker", "columns", "continue", "rule", "page_break", "verified",
                   "include_unverified", "start", "level", "dateline"})


def blank(text: str) -> bool:
    """Whether ``text`` prints nothing: spaces and invisible characters only (a name pasted
    as an RLM alone printed a numbered line without a name)."""
    return not INVISIBLE.sub("", text).strip()


def found(text: str) -> str:
    """The invisible characters of ``text``, named ("U+200F RIGHT-TO-LEFT MARK"), or ""."""
    chars = dict.fromkeys(INVISIBLE.findall(text))
    return " and ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'INVISIBLE CHARACTER')}"
                        for c in chars)


def removed(text: str, what: str) -> str:
    """The warning for ``what`` (``key 'title'``) once its invisible characters are gone."""
    return f"{what} holds an invisible {found(text)}; removed"
