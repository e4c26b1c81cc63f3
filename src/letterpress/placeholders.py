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


def substitute(text: str, swap: Callable[[re.Match[str]], str]) -> str:
    """``text`` with each count placeholder outside Markdown code replaced by ``swap``."""
    return "".join(piece if code else COUNT.sub(swap, piece) for piece, code in pieces(text))


def misspelt(text: str, *, markdown: bool = True) -> list[str]:
    """The ``%{...}`` outside code in ``text`` that are not the count ("%{cont}");
    ``markdown=False``: code included (a quick look at a file as typed)."""
    if "%{" not in text:
        return []
    return [typed for piece, code in (pieces(text) if markdown else [(text, False)])
            if not code for typed in _ANY.findall(piece) if not COUNT.fullmatch(typed)]
