"""Footnote labels: which references ``[^x]`` have a definition, matched as CommonMark
matches labels (case-insensitively), and what to warn about before anything is rendered."""

from __future__ import annotations

import re
from collections.abc import Iterable

from letterpress import model as m
from letterpress.errors import Diagnostic
from letterpress.source import Document, YamlPath, format_path, strings, texts

DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)  # "[^1]: text" in a Markdown text


def labels(footnotes: Iterable[str], text: str) -> dict[str, str]:
    """Every defined label by its case-folded form, the first definition's spelling."""
    found: dict[str, str] = {}
    for label in _definitions(footnotes, text):
        found.setdefault(label.casefold(), label)
    return found


def _definitions(footnotes: Iterable[str], text: str) -> list[str]:
    """Every label defined: the ``footnotes:`` keys first, then the definitions written in
    the letter's texts (``text``, all of them), repeats included."""
    return [*footnotes, *(DEFINITION.findall(text) if "[^" in text else ())]


def unmatched(doc: Document, letter: m.Letter) -> list[Diagnostic]:
    """A warning for each reference without a definition (it prints as typed), each label
    defined twice (in any case: only the first definition prints) and each ``footnotes:``
    entry nothing refers to (it is still printed, numbered after the rest)."""
    text = doc.text
    if "[^" not in text and not letter.footnotes:
        return []
    from letterpress.inline import references  # (markdown-it: only for a letter with notes)

    definitions = _definitions(letter.footnotes, text)
    known = labels(definitions, "")
    used = {label.casefold() for value in texts(doc.data) for label in references(value)}
    warnings = []
    for label in letter.footnotes:
        if label.casefold() not in used:
            warnings.append(doc.diagnostic(("footnotes", label), f"footnotes: '{label}' is "
                                           "not referenced in the text ([^" + label + "]); it "
                                           "is printed after the others", key=True,
                                           severity="warning"))
    if not used - set(known) and len({d.casefold() for d in definitions}) == len(definitions):
        return warnings
    # where each problem is written: only then every text is looked at with its path
    first: dict[str, YamlPath] = {}

    def define(label: str, path: YamlPath, key: bool = False) -> None:
        if label.casefold() in first:
            warnings.append(doc.diagnostic(path, f"{format_path(path)}: footnote [^{label}] "
                                           "is defined a second time (labels match in any "
                                           "case); only the first definition ("
                                           f"{format_path(first[label.casefold()])}) is "
                                           "printed", key=key, severity="warning"))
        first.setdefault(label.casefold(), path)

    for label in letter.footnotes:
        define(label, ("footnotes", label), key=True)
    names = ", ".join(f"[^{k}]" for k in known.values())
    for path, value in strings(doc.data):
        for label in references(value):
            if label.casefold() not in known:
                defined = f"defined: {names}" if names else "the letter defines no " \
                    f"footnotes: give its text under footnotes:, or as a line '[^{label}]: ...'"
                warnings.append(doc.diagnostic(path, f"{format_path(path)}: footnote "
                                               f"[^{label}] has no definition, so it prints "
                                               f"as typed ({defined})",
                                               severity="warning"))
        for label in DEFINITION.findall(value) if "[^" in value else ():
            define(label, path)
    return warnings
