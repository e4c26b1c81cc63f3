"""The one substitution in a letter's text: ``%{count}`` and ``%{count:GROUP NAME}``.

``%%{`` writes a literal ``%{``; any other ``%{...}`` prints as typed (load warns of it).
Markdown code (a fenced block, a `span`) prints as typed too: it shows text to copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

COUNT = re.compile(r"%(%)\{|%\{count(?::([^}]*))?\}")  # group 1: "%%{"; group 2: a group name
_ANY = re.compile(r"%%\{|%\{[^}]*\}")
# A fenced block (to its closing fence or the text's end), else a code span: CommonMark's
# rules, near enough for a letter (an indented block is a quoted paragraph's indent too often)
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)"
                   r"|(?<!`)(`+)(?!`).+?(?<!`)\2(?!`)", re.MULTILINE | re.DOTALL)


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` cut into prose and Markdown code, each with whether it is code."""
    end = 0
    if "`" in text or "~~~" in text:
        for code in _CODE.finditer(text):
            yield text[end:code.start()], False
            yield code.group(0), True
            end = code.end()
    yield text[end:], False


def substitute(text: str, swap: Callable[[re.Match[str]], str]) -> str:
    """``text`` with each count placeholder outside Markdown code replaced by ``swap``."""
    return "".join(piece if code else COUNT.sub(swap, piece) for piece, code in _pieces(text))


def misspelt(text: str) -> list[str]:
    """The ``%{...}`` outside code in ``text`` that are not the count ("%{cont}")."""
    return [typed for piece, code in _pieces(text) if not code
            for typed in _ANY.findall(piece) if not COUNT.fullmatch(typed)]
