"""The final signatory list (groups, printed numbers, fields) as CSV, JSON or text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from letterpress import page as p
from letterpress.errors import Diagnostic, LetterError
from letterpress.escape import to_cell
from letterpress.inline import Markdown
from letterpress.model import MEMBER_FIELDS
from letterpress.render.text import spans
from letterpress.signatories.sources import LITERAL_FIELDS

COLUMNS = ("number", "group", "name", *MEMBER_FIELDS)

Cell = str | int | None


def rows(signatories: p.Signatories) -> list[dict[str, Cell]]:
    """Each member's cells, as data: its number as counted (none for an unnumbered member:
    ``1``, not the printed "1." or "١."), the name and details as the letter writes them
    (dates ISO, line breaks kept), Markdown read as it prints; without the isolate marks
    the view puts around names for display (they would make equal names differ)."""
    md = Markdown({}, lambda label: 0)
    out = []
    for group in signatories.groups:
        name = spans(group.name).translate(p.ISOLATES)
        for member in group.members:
            row: dict[str, Cell] = dict.fromkeys(COLUMNS, "")
            row.update(number=member.ordinal, group=name)
            row.update({field: _printed(md, text) if field in LITERAL_FIELDS else text
                        for field, text in member.written})
            out.append(row)
    return out


def _printed(md: Markdown, text: str) -> str:
    """Text as the letter prints it, line by line (Markdown reads a line break as a space:
    a note's paragraphs were run into one line, "para one  para two")."""
    return "\n".join(spans(md.inline(line)) for line in text.strip().split("\n"))


def to_csv(signatories: p.Signatories) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(signatories):
        writer.writerow([to_cell(cell) if isinstance(cell := row[c], str) else cell
                         for c in COLUMNS])
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


def check_target(target: Path, inputs: list[Path], fmt: str, *, force: bool) -> None:
    """Refuse to write an export over a file the letter is built from (its own CSV source
    would lose every unverified member and their notes), ever; and over any other file
    but an earlier export of the same format, unless forced."""
    if not target.exists() or target.is_dir():  # (a folder: the write says why not)
        return
    if any(target.resolve() == path.resolve() for path in inputs):
        raise LetterError([Diagnostic(str(target), 1, 1, "this file is one the letter is "
                                      "built from; the export would replace it: write to "
                                      "another file")])
    if not force and not _is_export(target, fmt):
        raise LetterError([Diagnostic(str(target), 1, 1, "this file exists and is not an "
                                      f"earlier {fmt} export of signatories; to replace it, "
                                      "add --force")])


def _is_export(path: Path, fmt: str) -> bool:
    """Whether a file starts as this module writes ``fmt`` (text exports cannot be told)."""
    header = ",".join(COLUMNS) + "\n"
    try:
        with path.open(encoding="utf-8-sig") as handle:
            head = handle.read(len(header))
    except (OSError, UnicodeDecodeError):
        return False
    if fmt == "csv":
        return head == header
    return fmt == "json" and head.startswith('{\n  "count": ')
