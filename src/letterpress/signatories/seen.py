"""Which form rows a letter's imports have taken in: a short code per row, kept in the
letter's ``imported`` key.

Web forms export every response every time. Matching a row against the letter's members
brings back anyone the coordinator corrected ('Org J' made 'Org J International') or
removed there; a row whose code the letter keeps is not taken in again, whatever became of
its member. The codes live in the letter, which travels by e-mail and git, where a state
file beside it or in output/ would be left behind.
"""

from __future__ import annotations

import base64
import hashlib
import json

from letterpress import model as m

PER_LINE = 7  # codes on a line of the record: 76 characters, indented under 80 columns


def code(member: m.Member, group: str | None) -> str:
    """A row known by what was read from it (its fields and its own group), not by its
    cells: a question added to the form, columns moved or the dates of another locale
    leave it as it was. 60 bits: a new row taken for one of 100,000 others once in ten
    million million."""
    fields = member.model_dump(exclude_none=True)
    if group:
        fields["group"] = group
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()[:8]).decode()[:10]


def codes(record: str | None) -> set[str]:
    """The codes a letter's ``imported`` holds."""
    return set(record.split()) if record else set()


def lines(new: list[str]) -> list[str]:
    """New codes as the record's lines."""
    return [" ".join(new[i:i + PER_LINE]) for i in range(0, len(new), PER_LINE)]
