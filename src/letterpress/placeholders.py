"""The one substitution in a letter's text: ``%{count}`` and ``%{count:GROUP NAME}``.

``%%{`` writes a literal ``%{``; any other ``%{...}`` prints as typed (load warns of it).
Markdown code (a fenced block, a `span`) prints as typed too: it shows text to copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from letterpress.markdown_code import pieces

COUNT = re.compile(r"%(%)\{|%\{count(?::([^}]*))?\}")  # group 1: "%%{"; group 2: a group name
_ANY = re.compile(r"%%\{|%\{[^}]*\}")
# a "%{" that does not open the count: a file without one has no misspelling to look for
SUSPECT = re.compile(r"%\{(?!count[}:])")


def substitute(text: str, swap: Callable[[re.Match[str]], str]) -> str:
    """``text`` with each count placeholder outside Markdown code replaced by ``swap``."""
    return "".join(piece if code else COUNT.sub(swap, piece) for piece, code in pieces(text))


def misspelt(text: str) -> list[str]:
    """The ``%{...}`` outside code in ``text`` that are not the count ("%{cont}")."""
    if "%{" not in text:
        return []
    return [typed for piece, code in pieces(text) if not code
            for typed in _ANY.findall(piece) if not COUNT.fullmatch(typed)]
