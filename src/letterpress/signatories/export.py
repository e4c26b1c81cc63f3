"""The final signatory list (groups, printed numbers, fields) as CSV, JSON or text."""

from __future__ import annotations

import csv
import io
import json

from letterpress import page as p
from letterpress.render.text import spans

COLUMNS = ("number", "group", "name", "role", "organisation", "country", "url", "note", "added")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def rows(signatories: p.Signatories) -> list[dict[str, str]]:
    """Each member's cells, without the isolate marks the view puts around names and
    details for display (in a spreadsheet they would make equal names differ)."""
    out = []
    for group in signatories.groups:
        for member in group.members:
            row = dict.fromkeys(COLUMNS, "")
            row.update(number=member.number, group=spans(group.name), name=spans(member.name))
            row.update({name: spans(text) for name, text in member.fields})
            out.append({key: value.translate(p.ISOLATES) for key, value in row.items()})
    return out


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will show, never run: formulas get a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(signatories: p.Signatories) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(signatories):
        writer.writerow([safe_cell(row[c]) for c in COLUMNS])
    return out.getvalue()


def to_json(signatories: p.Signatories) -> str:
    return json.dumps({"count": signatories.count, "signatories": rows(signatories)},
                      ensure_ascii=False, indent=2) + "\n"


def to_text(signatories: p.Signatories) -> str:
    lines: list[str] = []
    for group in signatories.groups:
        if group.name:
            lines.append(("\n" if lines else "") + spans(group.name))
        for member in group.members:
            details = ", ".join(spans(t) for _, t in member.fields)
            name = spans(member.name) + (f", {details}" if details else "")
            lines.append(f"{member.number} {name}".strip())
    return "\n".join(lines) + "\n"
