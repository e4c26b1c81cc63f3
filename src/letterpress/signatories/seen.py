"""Which form rows a letter's imports have taken in: a short code per row, kept in comment
lines of the letter.

Web forms export every response every time. Matching a row against the letter's members
brings back anyone the coordinator corrected ('Org J' made 'Org J International') or
removed there; a row whose code the letter keeps is not taken in again, whatever became of
its member. The codes live in the letter, which travels by e-mail and git, where a state
file beside it or in output/ would be left behind; and in its comments, which every YAML
reader passes by, as the letter format (a contract other tools implement) has no key for
them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from itertools import accumulate

from letterpress import model as m
from letterpress.errors import Diagnostic
from letterpress.source import Document, text_spans

PREFIX = "# letterpress import: "  # a line of the memory starts so, wherever it stands
HEADER = PREFIX + "web-form rows already imported (delete these lines to import every row again)"
PER_LINE = 5  # codes on a line: 76 columns
_CODE = re.compile(r"[A-Za-z0-9_-]{10}")  # as code() makes them
# a block scalar that keeps its final blank lines ('note: |+'): one more would be its text
_KEEP = re.compile(r"[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$", re.M)


def code(member: m.Member, group: str | None) -> str:
    """A row known by what was read from it (its fields and its own group), not by its
    cells: a question added to the form, columns moved or the dates of another locale
    leave it as it was. 60 bits: two of 100,000 rows share a code (a new signer taken for
    one imported before, and left out without a word) with odds of 1 in 230 million."""
    fields = member.model_dump(exclude_none=True)
    if group:
        fields["group"] = group
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()[:8]).decode()[:10]


@dataclass
class Memory:
    codes: list[str] = field(default_factory=list)  # in the order the lines give them
    notes: list[Diagnostic] = field(default_factory=list)  # lines edited into non-codes


def read(doc: Document) -> Memory:
    """The codes on every comment line starting with PREFIX, wherever it stands (a block
    moved or indented by hand is still read). A word that is not a code, or a line that is
    text of the letter (indented in a block such as 'note: |', where '#' starts no comment),
    is passed over with a warning at its line: the rows it stood for come in again."""
    memory = Memory()
    if PREFIX not in doc.source:
        return memory
    # a text holding such a line holds PREFIX: if none does, every such line is a comment
    spans = text_spans(doc.source) if PREFIX.strip() in doc.text else []
    lines = doc.source.splitlines(keepends=True)  # as YAML counts them
    starts = list(accumulate(map(len, lines), initial=0)) if spans else []
    for index in [i for i, line in enumerate(lines) if PREFIX in line]:
        line, number = lines[index], index + 1
        body = line.lstrip(" \t").rstrip()
        if not (body + " ").startswith(PREFIX) or body == HEADER:
            continue
        col = len(line) - len(line.lstrip(" \t")) + 1
        if any(s < starts[index] + col - 1 < e for s, e in spans):
            memory.notes.append(Diagnostic(
                doc.file, number, col, "this line of import codes is inside a text of the "
                "letter (indented in a block such as 'note: |', or in quotes), which prints "
                "it: not a comment, its codes are not read; move it out, to a line's start",
                "warning"))
            continue
        words = body[len(PREFIX):].split()
        wrong = [word for word in words if not _CODE.fullmatch(word)]
        memory.codes += [word for word in words if word not in wrong] if wrong else words
        if wrong:
            more = f" and {len(wrong) - 1} more words on this line are" if len(wrong) > 1 \
                else " is"
            memory.notes.append(Diagnostic(
                doc.file, number, col + body.index(wrong[0], len(PREFIX)),
                f"'{wrong[0]}'{more} not import codes (10 letters, digits, - or _; "
                "edited by hand?): passed over, so a row one stood for comes in again",
                "warning"))
    return memory


def remembered(text: str, codes: list[str]) -> str:
    """``text`` (with \\n line ends, ending in one) with lines of ``codes`` after its last
    line, at column 0: there '#' starts a comment whatever came before (a line indented in
    a block scalar is its text). They go under the lines of earlier imports if those end
    the letter, else under a new HEADER, after a blank line (none where a block keeps its
    final blank lines)."""
    lines = "".join(PREFIX + " ".join(codes[i:i + PER_LINE]) + "\n"
                    for i in range(0, len(codes), PER_LINE))
    rest = text.rstrip()
    if rest[rest.rfind("\n") + 1:].startswith(PREFIX):  # (at column 0: no text)
        return text + lines
    blank = "\n" if rest and not text.endswith("\n\n") and not _KEEP.search(text) else ""
    return text + blank + HEADER + "\n" + lines
