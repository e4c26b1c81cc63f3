"""Where a text's Markdown code is: a fenced block or a `span` prints as typed, so what is
written inside it (a ``%{count}``) is not the letter's to read.

CommonMark's rules, near enough for a letter: an indented block is left out, as a quoted
paragraph's indent is one too often; a code span ends at a blank line, as a paragraph does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# a fenced block (to its closing fence or the text's end), else a code span in a paragraph
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)"
                   r"|(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`)",
                   re.MULTILINE | re.DOTALL)


def pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` cut into prose and Markdown code, each with whether it is code."""
    end = 0
    if "`" in text or "~~~" in text:
        for code in _CODE.finditer(text):
            yield text[end:code.start()], False
            yield code.group(0), True
            end = code.end()
    yield text[end:], False
