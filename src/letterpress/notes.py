"""Footnote labels: which references ``[^x]`` have a definition, matched as CommonMark
matches labels (case-insensitively), and what to warn about before anything is rendered."""

from __future__ import annotations

import re
from collections.abc import Iterable

from letterpress import model as m
from letterpress.errors import Diagnostic
from letterpress.source import Document, format_path, strings

DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)  # "[^1]: text" in a Markdown text
REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def labels(footnotes: Iterable[str], text: str) -> dict[str, str]:
    """Every defined label by its case-folded form: the ``footnotes:`` keys first, then the
    definitions written in the letter's texts (``text``, all of them)."""
    found: dict[str, str] = {}
    for label in [*footnotes, *(DEFINITION.findall(text) if "[^" in text else ())]:
        found.setdefault(label.casefold(), label)
    return found


def unmatched(doc: Document, letter: m.Letter) -> list[Diagnostic]:
    """A warning for each reference without a definition (it prints as typed) and each
    ``footnotes:`` entry nothing refers to (it is still printed, numbered after the rest)."""
    text = doc.text
    if "[^" not in text and not letter.footnotes:
        return []
    known = labels(letter.footnotes, text)
    used = {label.casefold() for label in REFERENCE.findall(text)} if "[^" in text else set()
    warnings = []
    # where each undefined one is written: only then every text is looked at with its path
    for path, value in strings(doc.data) if used - set(known) else ():
        for label in REFERENCE.findall(value):
            if label.casefold() not in known:
                names = ", ".join(f"[^{k}]" for k in known.values()) or "none"
                warnings.append(doc.diagnostic(path, f"{format_path(path)}: footnote "
                                               f"[^{label}] has no definition, so it prints "
                                               f"as typed (defined: {names})",
                                               severity="warning"))
    for label in letter.footnotes:
        if label.casefold() not in used:
            warnings.append(doc.diagnostic(("footnotes", label), f"footnotes: '{label}' is "
                                           "not referenced in the text ([^" + label + "]); it "
                                           "is printed after the others", key=True,
                                           severity="warning"))
    return warnings
