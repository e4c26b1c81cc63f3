"""Text from outside (a web form) made Markdown that prints as typed, and back.

The letter reads names and details as Markdown, and a form is open to anyone: a name sent
as "[Click](https://...)" would be a live link, "A*B*C" italics. One character set for
both ways, so that what was escaped always reads back as typed.
"""

from __future__ import annotations

import re

_SPECIAL = r"\\`*_\[\]<~"  # what starts or ends inline Markdown; "&" only before an entity
_ESCAPE = re.compile(rf"([{_SPECIAL}]|&(?=#?\w+;))")
_ESCAPED = re.compile(rf"\\([{_SPECIAL}&])")


def literal(text: str) -> str:
    """``text`` as Markdown that prints it as typed."""
    return _ESCAPE.sub(r"\\\1", text)


def as_typed(text: str) -> str:
    """A text :func:`literal` escaped, as it was typed (messages, duplicate checks)."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text
