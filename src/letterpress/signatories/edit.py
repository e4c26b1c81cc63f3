"""``sign`` and ``import``: add signatories to a letter's first source, or to the letter.

Every change happens under a lock on the target's folder (so concurrent runs all land), as
one atomic write (so a writer killed at any point leaves the old file or the new one), and
only after the result was read back and found to be the old content plus the additions.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from letterpress import escape
from letterpress import model as m
from letterpress.errors import Diagnostic, LetterError
from letterpress.invisible import blank
from letterpress.load import Loaded, load
from letterpress.signatories import seen, yamledit
from letterpress.signatories.dedupe import NearIndex, group_keys, identities, loose, same_group
from letterpress.signatories.locks import holding
from letterpress.signatories.printed import forms
from letterpress.signatories.sources import (
    LITERAL_FIELDS,
    CsvText,
    Place,
    cell_starts,
    columns_of,
    shell_argument,
)
from letterpress.source import MAX_BYTES, decode, read_yaml, too_big
from letterpress.write import ChangedError, write_all

FIELD_ORDER = ("name", *m.MEMBER_FIELDS, "verified")


@dataclass(frozen=True)
class Candidate:
    """A signatory to add, with the group it joins and where it came from (import rows)."""

    member: m.Member
    group: str | None = None
    origin: Place | None = None
    row: str | None = None  # an import row's code (seen.code), which the letter remembers


@dataclass
class Outcome:
    target: Path
    kind: Literal["csv", "yaml", "letter"]
    added: list[Candidate] = field(default_factory=list)
    present: list[tuple[Candidate, Place]] = field(default_factory=list)
    # present but not verified (verified: false), so not printed: the coordinator decides
    unverified: list[tuple[Candidate, Place]] = field(default_factory=list)
    # the letter sets include_unverified: true: members written verified: false (rows
    # without consent among them) are printed all the same
    prints_unverified: bool = False
    # rows an earlier import took in that the letter no longer has as they were (corrected
    # or removed there since): not taken in again
    known: list[Candidate] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # codes of the rows taken in, to remember
    notes: list[Diagnostic] = field(default_factory=list)  # warnings about the memory
    likely: list[tuple[Candidate, Place]] = field(default_factory=list)
    refused: list[tuple[Candidate, Place]] = field(default_factory=list)
    rejected: list[Diagnostic] = field(default_factory=list)
    # groups the additions create (at the end), each with the group it looks like, if any
    new_groups: list[tuple[str, Diagnostic | None]] = field(default_factory=list)
    # the form's column each field came from (an import), named where a source lacks one
    titles: dict[str, str] = field(default_factory=dict)
    # the letter has groups, so the ungrouped members added print before all of them
    before_groups: bool = False
    written: bool = False


def target_of(loaded: Loaded) -> tuple[Path, Literal["csv", "yaml", "letter"]]:
    """The letter's first source file if it has one, else the letter itself."""
    sig = loaded.letter.signatories
    if sig is not None and sig.source:
        path = loaded.folder / sig.source[0]
        return path, "yaml" if path.suffix.lower() in (".yaml", ".yml") else "csv"
    return loaded.path, "letter"


def fields_of(member: m.Member) -> dict[str, str]:
    """A member's written fields, in the format's order (language maps are not added);
    ``verified: true``, the default, is not written (a CSV source without the column
    refused a form's rows that all consented)."""
    out: dict[str, str] = {}
    for name in FIELD_ORDER:
        value = getattr(member, name)
        if value is None or (name == "verified" and value is True):
            continue
        if isinstance(value, bool):
            out[name] = "true" if value else "false"
        elif isinstance(value, str):
            out[name] = value
    return out


ATTEMPTS = 3  # an editor saving the file while the edit is made: read it again, redo


def add(letter: Path, candidates: list[Candidate], *, strict: bool = False,
        dry_run: bool = False, ungrouped: bool = False,
        titles: dict[str, str] | None = None) -> Outcome:
    """Sort candidates into added / already present / likely duplicates, then write once,
    under the locks on the letter's folder and the target's; redone on the new content if
    the file changed meanwhile (the locks hold back letterpress, not an editor).
    ``ungrouped``: the ungrouped members were asked for (--group ""), above any group;
    ``titles``: the form's column for each field, named if the source has none for it."""
    for _ in range(ATTEMPTS):
        with holding(letter.parent, lambda: _read(letter)) as loaded:
            target, kind = target_of(loaded)
            named = [replace(c, group=_group_named(loaded, c.group)) for c in candidates]
            memory = seen.read(loaded.doc) if any(c.row for c in candidates) else \
                seen.Memory()
            sig = loaded.letter.signatories
            outcome = _classify(loaded, named, strict, Outcome(
                target, kind, notes=memory.notes, titles=dict(titles or {}),
                prints_unverified=sig is not None and sig.include_unverified),
                set(memory.codes))
            outcome.new_groups = _new_groups(loaded, outcome.added)
            outcome.before_groups = _before_groups(loaded, outcome.added, ungrouped)
            refused = [like for _, like in outcome.new_groups if like is not None]
            if strict and refused:
                raise LetterError([replace(d, severity="error", message=d.message +
                                           "; refused (--strict), nothing written")
                                   for d in refused])
            # a dry run refuses what the run would refuse, writing nothing
            files = _edited(loaded, outcome) if outcome.added or outcome.taken else {}
            for shown, _, data in files.values():
                if len(data) > MAX_BYTES:  # letterpress could read it no more
                    raise LetterError([Diagnostic(shown, 1, 1, too_big(
                        "with them the file", len(data), MAX_BYTES) + ", the most letterpress "
                        "reads; nothing written (split the list over several source files)")])
            if files and not dry_run:
                try:  # the members first: a run killed between the two renames has
                    # remembered no row it did not add (the next run remembers them)
                    write_all({path: data for path, (_, _, data) in files.items()},
                              was={path: was for path, (_, was, _) in files.items()})
                except ChangedError:
                    continue
                outcome.written = True
        return outcome
    raise LetterError([Diagnostic(str(target), 1, 1, "the file kept changing while it was "
                                  f"being edited ({ATTEMPTS} times: saved in an editor?); "
                                  "nothing written: run the command again")])


def _read(letter: Path) -> tuple[Loaded, Path]:
    """The letter, and the folder of the file an edit writes (a link's target: the link
    stays)."""
    loaded = load(letter)
    return loaded, target_of(loaded)[0].resolve().parent


def _group_named(loaded: Loaded, group: str | None) -> str | None:
    """The name of the group a typed name joins, as the letter spells it in the language it
    was typed in ('  INDIVIDUALS ' joins 'Individuals', 'Friends' '**Friends**', and is
    reported and written so); a new group's name as typed, its spacing tidied; None (the
    ungrouped members) for one that prints nothing, as the format's empty group."""
    if group is None or blank(group):
        return None
    sig = loaded.letter.signatories
    for known in sig.groups if sig is not None else []:
        for text in _texts(known.name):
            if same_group(group, text):
                return escape.as_typed(text)
    return " ".join(group.split())


def _texts(name: object) -> list[str]:
    """A group's name in each of its languages."""
    return [t for t in (name.values() if isinstance(name, dict) else [name])
            if isinstance(t, str)]


def _new_groups(loaded: Loaded, added: list[Candidate]) -> list[tuple[str, Diagnostic | None]]:
    """The groups ``added`` creates, in order, each with a note when it looks like a group
    the letter has (its name once spelling variants and punctuation are set aside: "الافراد"
    typed for "الأفراد"; or a letter or two apart: "Aliance" for "Alliance"), located at
    that group's name."""
    sig = loaded.letter.signatories
    groups = sig.groups if sig is not None else []
    known = {key for g in groups for key in group_keys(g.name)}
    similar: dict[str, tuple[int, str]] = {}
    for i, g in enumerate(groups):
        for text in _texts(g.name):  # as written, and as printed ("[SNA](https://...)": SNA)
            for form in dict.fromkeys([text, *forms(text)]):
                similar.setdefault(loose(form), (i, escape.as_typed(text)))
    out: dict[str, tuple[str, Diagnostic | None]] = {}
    for candidate in added:
        keys = group_keys(candidate.group)
        if not candidate.group or not keys or not known.isdisjoint(keys) or keys[0] in out:
            continue
        typed = loose(candidate.group)  # the same letters, or one or two typed wrong
        close = difflib.get_close_matches(typed, similar, n=1, cutoff=0.85)
        like = similar.get(typed) or (similar[close[0]] if close else None)
        note = None if like is None else loaded.doc.diagnostic(
            ("signatories", "groups", like[0], "name"),
            f"the new group '{candidate.group}' looks like the group '{like[1]}' here "
            f"(did you mean '{like[1]}'?)", severity="warning")
        out[keys[0]] = (candidate.group, note)
    return list(out.values())


def _before_groups(loaded: Loaded, added: list[Candidate], asked: bool) -> bool:
    """Whether ungrouped members are added to a letter with groups, where they print first.
    Into a letter whose members are all in groups, the first would head the list above
    every group and renumber them all: unless ``asked`` (--group ""), refused, naming the
    groups and the --group to give."""
    sig = loaded.letter.signatories
    loose_ones = [c for c in added if c.group is None]
    if sig is None or not sig.groups or not loose_ones:
        return False
    if sig.members or asked:
        return True
    names = [escape.as_typed(texts[0]) for g in sig.groups if (texts := _texts(g.name))]
    lines = [str(c.origin.line) for c in loose_ones if c.origin is not None]
    many = len(loose_ones) > 1
    who = f"line{'s' if many else ''} {', '.join(lines)} name{'' if many else 's'} no group: " \
        "with no --group they" if lines else \
        f"'{' '.join(escape.as_typed(str(loose_ones[0].member.name)).split())}' with no --group"
    first = "the letter's first ungrouped members" if many else \
        "the letter's first ungrouped member"
    raise LetterError([loaded.doc.diagnostic(("signatories", "groups"), (
        f"{who} would be {first}, printed above every group (renumbering them); choose a "
        f"group with --group {shell_argument(names[0])} (the groups: "
        f"{', '.join(repr(n) for n in names)}), or --group \"\" to put "
        f"{'them' if many else 'it'} there; nothing written"), key=True)])


def _classify(loaded: Loaded, candidates: list[Candidate], strict: bool,
              outcome: Outcome, known: set[str]) -> Outcome:
    """Sort the candidates. An import row the letter has is present as ever; one an earlier
    import took in that it no longer has as it was (corrected or removed since) is known,
    not added again. The codes of the rows added or present go to ``outcome.taken``; a
    likely duplicate --strict refuses is not taken in: it comes back to be refused."""
    taken: dict[str, None] = {}
    exact: dict[tuple[str, ...], Place] = {}
    unverified: set[Place] = set()
    batch: dict[Place, int] = {}  # where a candidate of this batch came from -> its index
    near = NearIndex()
    for place, entry in loaded.places:
        if isinstance(entry, m.Member) and entry.verified is False and \
                not outcome.prints_unverified:
            unverified.add(place)
        for key in identities(entry):
            exact.setdefault(key, place)
        near.add(entry, place)
    for candidate in candidates:
        keys = identities(candidate.member)
        where = candidate.origin or Place(str(outcome.target), 0)
        found = next((exact[key] for key in keys if key in exact), None)
        if found is None and candidate.row in known:
            outcome.known.append(candidate)
            continue
        earlier = batch.get(found) if found is not None else None
        other = near.find(candidate.member) if found is None else None
        if isinstance(other, Place) and strict:
            outcome.refused.append((candidate, other))
            continue
        if candidate.row is not None:
            taken[candidate.row] = None
        if earlier is not None and candidate.member.verified and \
                outcome.added[earlier].member.verified is False:
            outcome.added[earlier] = candidate  # sent again with consent: the later row wins
            batch[where] = earlier
            continue
        if found is not None:
            outcome.present.append((candidate, found))
            if found in unverified:
                outcome.unverified.append((candidate, found))
            continue
        if isinstance(other, Place):
            outcome.likely.append((candidate, other))
        batch[where] = len(outcome.added)
        outcome.added.append(candidate)
        for key in keys:
            exact[key] = where
        near.add(candidate.member, where)
    outcome.taken = [row for row in taken if row not in known]
    return outcome


def _edited(loaded: Loaded, outcome: Outcome) -> dict[Path, tuple[str, bytes, bytes]]:
    """The files to write, each the one a link points at (the link stays), with its name
    as given, its bytes as read and its new bytes: the target with the members added, then
    the letter with the rows taken in remembered. A read-only letter whose members go to a
    source file is left as it is, with a warning that nothing is remembered: its imports
    worked before letters remembered, and still do."""
    additions = [(c.group, fields_of(c.member)) for c in outcome.added]
    files: dict[Path, tuple[str, bytes, bytes]] = {}
    record = outcome.taken if outcome.kind == "letter" else []
    if additions or record:
        path, shown = outcome.target.resolve(), str(outcome.target)
        _writable(path, shown)
        raw = path.read_bytes() if path.exists() else b""
        files[path] = (shown, raw, _csv_appended(raw, shown, additions, outcome.titles)
                       if outcome.kind == "csv" else
                       _yaml_edited(raw, shown, outcome.kind, additions, record))
    if outcome.taken and not record:
        path, shown = loaded.path.resolve(), str(loaded.path)
        try:
            _writable(path, shown)
        except LetterError:
            outcome.notes.append(Diagnostic(shown, 1, 1, "the letter is read-only, so the "
                                            "rows taken in are not remembered there (in "
                                            "comments at its end): a row corrected or removed "
                                            "later comes back", "warning"))
            outcome.taken = []  # nothing remembered
            return files
        raw = path.read_bytes()
        files[path] = (shown, raw, _yaml_edited(raw, shown, "letter", [], outcome.taken))
    return files


def _writable(path: Path, shown: str) -> None:
    """Refuse a read-only file: the user saying no."""
    if path.exists() and not (os.access(path, os.W_OK) and path.stat().st_mode & 0o222):
        raise LetterError([Diagnostic(shown, 1, 1, "the file is read-only; "
                                      "nothing written")])


def _yaml_edited(raw: bytes, shown: str, kind: Literal["yaml", "letter"],
                 additions: list[tuple[str | None, dict[str, str]]], record: list[str]) -> bytes:
    """A YAML file's new bytes: the members added (to a letter, or a source's list) and the
    codes of the rows taken in remembered (a letter, in comments: seen.py), checked by
    reading the result back: its data must be the old data plus the members, its codes the
    old codes plus the new ones."""
    before = decode(raw, shown)
    # edited with \n line ends, written back in the file's own (Windows \r\n, old Mac \r)
    newline = _newline(before)
    text = before.replace(newline, "\n") if newline != "\n" else before
    if text and not text.endswith("\n"):  # the last line gets its break, as editors add it
        text += "\n"  # (read as the old content: a "note: |" ending there ends in a break)
    doc = read_yaml(text, shown)
    after, expected = text, doc.data
    try:
        if additions and kind == "letter":
            after = yamledit.add_members(after, additions)
            expected = yamledit.expected_letter(expected, additions)
        elif additions:
            after = yamledit.append_items(after, additions)
            expected = yamledit.expected_source(expected, additions)
        if record:  # after the members: at the end of the letter
            after = seen.remembered(after, record)
        got = yamledit.verify(after, shown, expected)
        if record and seen.read(got).codes != seen.read(doc).codes + record:
            raise yamledit.EditError("the import's codes would not read back from the "
                                     "comments at the letter's end; nothing was written")
    except yamledit.EditError as exc:
        raise LetterError([Diagnostic(shown, exc.line, exc.col, str(exc))]) from None
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + after.replace("\n", newline).encode("utf-8")


def _newline(text: str) -> str:
    """The file's line ending if it uses one kind only, else \n (the lines stay as they
    are)."""
    if "\r" not in text:
        return "\n"
    if "\n" not in text:
        return "\r"
    rest = text.replace("\r\n", "")
    return "\r\n" if "\r" not in rest and "\n" not in rest else "\n"


def _csv_appended(raw: bytes, shown: str, additions: list[tuple[str | None, dict[str, str]]],
                  titles: dict[str, str]) -> bytes:
    """The CSV's bytes with rows appended in its own delimiter, line ending and columns; a
    field it has no column for is refused, naming the form's column it came from."""
    lines = CsvText.of(raw, shown)
    if not lines.text.strip():
        raw = b"name,group,role,organisation,country\n"
        lines = CsvText.of(raw, shown)
    delimiter, newline = lines.delimiter, lines.newline
    header = next(csv.reader(io.StringIO(lines.header()), delimiter=delimiter))
    columns, _ = columns_of(header, shown, None, lines.header_at,
                            starts=cell_starts(lines.header(), delimiter))
    missing = sorted({k for _, f in additions for k in f if k not in columns} |
                     ({"group"} if any(g for g, _ in additions) and "group" not in columns
                      else set()))
    if missing:
        named = ", ".join(f"{name} (from the form's column '{titles[name]}')" if name in titles
                          else name for name in missing)
        raise LetterError([Diagnostic(shown, lines.header_at, 1, f"no column for {named}; "
                                      "add the column to the header first (nothing written)")])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    for group, fields in additions:
        row = [""] * len(header)
        for name, value in fields.items():  # a whole name in the first of its columns:
            row[columns[name][0]] = escape.as_typed(value) if name in LITERAL_FIELDS \
                else value  # (read back joined, it is the same name; a cell is as typed)
        if group and "group" in columns:
            row[columns["group"][0]] = group
        # coordinators open the source in a spreadsheet: a form's "=HYPERLINK(...)" is
        # written as the export writes it, after an apostrophe the reading takes off
        writer.writerow([escape.to_cell(cell) for cell in row])
    lead = "" if lines.text.endswith("\n") else newline
    return raw + (lead + out.getvalue()).encode(lines.codec)
