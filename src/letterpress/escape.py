"""Text from outside (a web form) made safe where it goes, and read back as typed.

The letter reads names and details as Markdown, and a form is open to anyone: a name sent
as "[Click](https://...)" would be a live link, "A*B*C" italics. A CSV file is opened in a
spreadsheet, which runs a cell starting with "=" as a formula. Each way has its pair of
functions here, so that what was escaped always reads back as typed.
"""

from __future__ import annotations

import re

_SPECIAL = r"\\`*_\[\]<~"  # what starts or ends inline Markdown; "&" only before an entity,
_ESCAPE = re.compile(rf"([{_SPECIAL}]|&(?=#?\w+;)|:(?=//))")  # ":" in a bare web address
_ESCAPED = re.compile(rf"\\([{_SPECIAL}&:])")


def literal(text: str) -> str:
    """``text`` as Markdown that prints it as typed."""
    return _ESCAPE.sub(r"\\\1", text)


def as_typed(text: str) -> str:
    """A text :func:`literal` escaped, as it was typed (messages, duplicate checks)."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


# what a spreadsheet runs as a formula; a CSV cell starting so is written after an
# apostrophe (``'+972 Magazine``), which reading the file takes off again
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def to_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows, never runs: a formula gets a leading
    apostrophe (so does one already after apostrophes, so that it reads back as typed)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA) else text


def from_cell(text: str) -> str:
    """A CSV cell's text as typed: without the apostrophe :func:`to_cell` put before it."""
    return text[1:] if text[:1] == "'" and text.lstrip("'").startswith(FORMULA) else text
