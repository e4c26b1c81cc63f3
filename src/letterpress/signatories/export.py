"""The final signatory list (groups, printed numbers, fields) as CSV, JSON or text."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from letterpress import page as p
from letterpress.errors import Diagnostic, LetterError
from letterpress.escape import to_cell
from letterpress.model import MEMBER_FIELDS
from letterpress.render.text import spans
from letterpress.signatories.printed import printed
from letterpress.signatories.sources import LITERAL_FIELDS
from letterpress.write import replaces, starts_with

COLUMNS = ("number", "group", "name", *MEMBER_FIELDS)
# how an export starts, so -o knows an earlier one; a text export has no head of its own
# (it is pasted into mails as it is): it is one when each of its lines is in the new one
HEADS = {"csv": ",".join(COLUMNS) + "\n", "json": '{\n  "count": '}
# a text export line's number or bullet, as the view prints them ("12.", "(iv)", "١.", "•")
_MARK = re.compile(r"(?:\(?(?:\d+|[^\W\d_]{1,6})[.):\-]|\d+|[^\w\s]{1,2})\s+")

Cell = str | int | None


def rows(signatories: p.Signatories) -> list[dict[str, Cell]]:
    """Each member's cells, as data: its number as counted (none for an unnumbered member:
    ``1``, not the printed "1." or "١."), the name and details as the letter writes them
    (dates ISO, line breaks kept), Markdown read as it prints; without the isolate marks
    the view puts around names for display (they would make equal names differ)."""
    out = []
    for group in signatories.groups:
        name = spans(group.name).translate(p.ISOLATES)
        for member in group.members:
            row: dict[str, Cell] = dict.fromkeys(COLUMNS, "")
            row.update(number=member.ordinal, group=name)
            row.update({field: printed(text) if field in LITERAL_FIELDS else text
                        for field, text in member.written})
            out.append(row)
    return out


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


def check_target(target: Path, inputs: list[Path], fmt: str, text: str, *,
                 force: bool) -> None:
    """Refuse to write an export over a file the letter is built from (its own CSV source
    would lose every unverified member and their notes), ever; and, unless forced, over
    any other file but an earlier export of the same format that holds no row ``text``
    leaves out (another letter may use the export as its source and ``sign`` into it)."""
    if not replaces(target):  # nothing there, or a pipe or device written into
        return
    if any(target.resolve() == path.resolve() for path in inputs):
        raise LetterError([Diagnostic(str(target), 1, 1, "this file is one the letter is "
                                      "built from; the export would replace it: write to "
                                      "another file")])
    if force:
        return
    old = _read(target) if fmt not in HEADS or starts_with(target, HEADS[fmt]) else None
    if old is None:
        raise LetterError([Diagnostic(str(target), 1, 1, "this file exists and is not an "
                                      f"earlier {fmt} export of signatories; to replace it, "
                                      "add --force")])
    lost = _lost(old, text, fmt)
    if lost is not None:
        line, name = lost
        why = "signed here since, or corrected by hand?" if fmt in HEADS else \
            "a text export is replaced only if each of its lines is in the new one"
        raise LetterError([Diagnostic(str(target), line, 1, f"{name!r} is in this file but "
                                      f"not in the new export ({why}): replacing the file "
                                      "would lose it; to replace it anyway, add --force")])


def _read(path: Path) -> str | None:
    """A file's text, or None if it is not UTF-8 text (no export: a PDF, a picture)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None


def _lost(old: str, new: str, fmt: str) -> tuple[int, str] | None:
    """The line and name of the first row of ``old`` that ``new`` does not hold (numbers
    aside: a member added above renumbers the rest), or None."""
    try:
        have = Counter(key for _, _, key in _keyed(new, fmt))
        for line, name, key in _keyed(old, fmt):
            if not have[key]:
                return line, name
            have[key] -= 1
    except (ValueError, KeyError, TypeError, AttributeError):  # not JSON as exports write
        return 1, "the file's content"
    return None


def _keyed(text: str, fmt: str) -> Iterator[tuple[int, str, str]]:
    """Each row of an export: its line, its name and the whole row but its number."""
    if fmt == "txt":  # (a group's name is a row, and a member's line without its number)
        for line, shown in enumerate(text.splitlines(), 1):
            if shown.strip():
                yield line, shown, shown[m.end():] if (m := _MARK.match(shown)) else shown
        return
    if fmt == "json":
        for item in json.loads(text)["signatories"]:
            row = {**item, "number": None}
            yield 1, str(row.get("name")), json.dumps(row, sort_keys=True)
        return
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    for record in reader:
        if any(cell.strip() for cell in record):
            cells = record[1:] + [""] * (len(COLUMNS) - len(record))
            yield reader.line_num, cells[COLUMNS.index("name") - 1], "\x1f".join(cells)

