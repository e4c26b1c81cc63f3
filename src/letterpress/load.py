"""Letter file -> validated model, with every problem located; nothing is rendered here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from letterpress import layouts
from letterpress import model as m
from letterpress.errors import Diagnostic, LetterError, suggest
from letterpress.fonts import css_fonts, uncovered
from letterpress.i18n import LABEL_KEYS, has_labels, label, label_override
from letterpress.images import image_problem
from letterpress.invisible import blank
from letterpress.notes import unmatched
from letterpress.placeholders import SUSPECT, misspelt
from letterpress.render.fetcher import css_refusals
from letterpress.signatories.dedupe import duplicates
from letterpress.signatories.sources import Place, Row, merge, read_source
from letterpress.source import (
    NOT_FOUND,
    Document,
    YamlPath,
    file_problem,
    format_path,
    is_file,
    read_file,
    shown,
    strings,
)
from letterpress.validate import validate

DEFAULT_LAYOUT = "letter"


@dataclass(frozen=True)
class Loaded:
    """A letter ready for the view: its model, its layout and what was noticed on the way."""

    path: Path
    doc: Document
    letter: m.Letter
    layout: layouts.Layout
    warnings: list[Diagnostic] = field(default_factory=list)
    sourced: list[Row] = field(default_factory=list)  # members read from source files
    # every member with where it was written (its path in the letter, or a source's place)
    entries: list[tuple[YamlPath | Place, m.MemberEntry]] = field(default_factory=list)

    @cached_property
    def places(self) -> list[tuple[Place, m.MemberEntry]]:
        """Every signatory with the line it was written on, letter first, then sources
        (worked out when asked for: 10,000 lookups a build does not need)."""
        return [(_place(self.doc, where), member) for where, member in self.entries]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def pictures(self) -> list[Path]:
        """The logo and the body's images, as files."""
        return [self.folder / ref for _, ref in _pictures(self.doc)]

    def at_keys(self, problems: list[Diagnostic]) -> list[Diagnostic]:
        """Problems a renderer found in a picture (located at its file), at the key that
        names it, as the checks of pictures before rendering are."""
        keys = {(self.folder / ref).resolve(): (where, ref)
                for where, ref in reversed(_pictures(self.doc))}  # the first key wins
        located = []
        for problem in problems:
            where, ref = keys.get(Path(problem.file).resolve(), ((), ""))
            located.append(self.doc.diagnostic(where, f"{ref}: {problem.message}",
                                               severity=problem.severity) if ref else problem)
        return located

    @property
    def folder(self) -> Path:
        return self.path.parent


def load(path: Path, *, layout: str | None = None, strict: bool = False) -> Loaded:
    """Read, validate and check a letter; raises LetterError with every problem found."""
    doc = read_file(path)
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    named = doc.data.get("layout") if isinstance(doc.data, dict) else None
    chosen = layout or (named if isinstance(named, str) else None) or DEFAULT_LAYOUT
    try:
        resolved = layouts.load(chosen, path.parent)
    except LetterError as exc:
        for diag in exc.diagnostics:  # "unknown layout" belongs to the letter's layout key
            if diag.file == "layout" and layout is None and named is not None:
                problems.append(doc.diagnostic(("layout",), f"layout: {diag.message}"))
            else:
                problems.append(diag)
    layout_ok = not problems
    if layout_ok:  # what the PDF would refuse to load, found before it renders (check too)
        problems += css_refusals(resolved.own_rules, path.parent)
    # the files it names are read even if the letter does not validate: all problems at once
    problems += _check_files(doc, path.parent) + _empty_names(doc)
    rows, notes = _read_sources(doc, path.parent, problems)
    try:
        letter = validate(doc)
    except LetterError as exc:
        raise LetterError(exc.diagnostics + problems) from None
    if layout_ok and letter.paper:
        style = resolved.manifest.style.model_copy(update={"paper": letter.paper.lower()})
        resolved = replace(resolved, manifest=resolved.manifest.model_copy(
            update={"style": style}))
    warnings += doc.cleaned + notes
    entries = _entries(letter, rows)
    problems += _unprinted_names(doc, letter, entries)
    for was, where in duplicates(entries):
        first, again = _place(doc, was), _place(doc, where)
        at = f"line {first.line}" if first.file == again.file else str(first)
        diag = again.diagnostic(f"the same signatory as at {at} (same name and details)",
                                "error" if strict else "warning")
        (problems if strict else warnings).append(diag)
    if problems:
        raise LetterError(problems)
    warnings += uncovered(doc) + unmatched(doc, letter) + \
        _unknown_labels(doc, letter, resolved) + _english_labels(doc, letter, resolved) + \
        _tables(doc) + _inline_images(doc) + _placeholders(doc) + _run_on(doc) + \
        _bare_keys(doc) + _lone_combine(doc, letter) + _empty_blocks(doc) + \
        css_fonts(resolved.own_rules)
    return Loaded(path, doc, merge(letter, rows), resolved, warnings, rows, entries)


def _unknown_labels(doc: Document, letter: m.Letter, layout: layouts.Layout) -> list[Diagnostic]:
    """A warning for a ``labels:`` key the layouts do not know (a misspelling is silently
    never printed; a layout of one's own may still read it, so it is not an error)."""
    known = sorted(LABEL_KEYS | set(layout.manifest.labels))
    warnings = []
    for key in letter.labels:
        if key not in known:
            warnings.append(doc.diagnostic(("labels", key), f"labels: '{key}' is not a label "
                                           f"the layouts print{suggest(key, known)}; they print: "
                                           f"{', '.join(known)}", key=True, severity="warning"))
    return warnings


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)


def _tables(doc: Document) -> list[Diagnostic]:
    """A warning for a Markdown table (GitHub's pipes): CommonMark, the letters' Markdown,
    has none, so it would print as lines of text and | signs."""
    return [doc.diagnostic(path, f"{format_path(path)}: a Markdown table: letters have no "
                                 "tables, it prints as lines of text with their | signs; "
                                 "write a list instead", severity="warning",
                           line=_header_of(text, rule.end()))
            for path, text in (strings(doc.data) if _TABLE_RULE.search(doc.text) else ())
            if "|" in text and (rule := _TABLE_RULE.search(text))]


_INLINE_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


def _inline_images(doc: Document) -> list[Diagnostic]:
    """A warning for a Markdown image in a text (``![logo](logo.png)``): only its words
    would print; a picture is a block of its own (``- image: logo.png``)."""
    return [doc.diagnostic(path, f"{format_path(path)}: a Markdown image prints as its words "
                                 f"only ({found[0]}); give a picture a block of its own: "
                                 "'- image: FILE', with 'alt:' and 'caption:'",
                           severity="warning", line=found[0])
            for path, text in (strings(doc.data) if "![" in doc.text else ())
            if (found := _INLINE_IMAGE.search(text))]


def _header_of(text: str, end: int) -> str:
    """The table's first line: the one above its rule of dashes, which ends at ``end``
    (or the rule itself, with nothing above it)."""
    lines = text[:end].rstrip().split("\n")
    return lines[-2] if len(lines) > 1 and lines[-2].strip() else lines[-1]


def _run_on(doc: Document) -> list[Diagnostic]:
    """A warning where a list item indented one space too far joined the item above (YAML
    reads "- A" then " - B" as one text, "A - B"): the letter would lose a signatory."""
    return [Diagnostic(doc.file, at.line, at.col, (
        f"this '- ' line is read as part of {format_path(path)} above, not as an item of its "
        "own: it is indented further than the items beside it; line the dashes up (or quote "
        "the text if it is one)"), "warning") for path, at in doc.run_on]


def _empty_blocks(doc: Document) -> list[Diagnostic]:
    """A warning for a body block that prints nothing: an empty text (``- ""``, ``- quote:
    ""``, a heading's), a list without items (``items: []``): a paragraph or the demands
    were likely meant there."""
    body = doc.data.get("body") if isinstance(doc.data, dict) else None
    found = []
    for i, block in enumerate(body if isinstance(body, list) else ()):
        if m.prints_nothing(block):
            found.append(doc.diagnostic(("body", i), f"body[{i}] is empty and prints nothing",
                                        severity="warning"))
        elif isinstance(block, dict):
            for kind in ("quote", "heading", "text"):
                if m.prints_nothing(block.get(kind)):
                    found.append(doc.diagnostic(("body", i, kind), f"body[{i}].{kind} is empty "
                                                "and prints nothing", severity="warning"))
            for kind in ("demands", "list"):
                items = block.get(kind)
                path: tuple[str | int, ...] = ("body", i, kind)
                if isinstance(items, dict):
                    items, path = items.get("items"), (*path, "items")
                if items == []:
                    found.append(doc.diagnostic(("body", i, kind), f"body[{i}].{kind} has no "
                                                "items and prints nothing", severity="warning"))
                found += _empty_items(doc, items, path)
    return found


def _empty_items(doc: Document, items: object, path: tuple[str | int, ...]) -> list[Diagnostic]:
    """A warning for each list item, at any depth, that prints nothing (``""``, ``"  "``:
    a deleted demand, a blank cell pasted), which the view leaves out: it printed a bare
    number or bullet and used up a number."""
    found = []
    for j, item in enumerate(items if isinstance(items, list) else ()):
        mapping = isinstance(item, dict) and "text" in item  # (not a text per language)
        if m.prints_nothing(item.get("text") if mapping and not item.get("items") else item):
            found.append(doc.diagnostic((*path, j), f"{format_path((*path, j))} is empty and "
                                        "prints nothing: it is left out (no number or bullet "
                                        "of its own)", severity="warning"))
        elif isinstance(item, dict):
            found += _empty_items(doc, item.get("items"), (*path, j, "items"))
    return found


def _lone_combine(doc: Document, letter: m.Letter) -> list[Diagnostic]:
    """A warning for ``combine`` in a letter of one language: there is nothing to put side
    by side or one after the other (a second language left out of ``lang``, most likely)."""
    if "combine" not in letter.model_fields_set or len(letter.lang) > 1:
        return []
    return [doc.diagnostic(("combine",), f"combine: {letter.combine} has one language to "
                           f"combine ({letter.lang[0]}); list the others under lang: "
                           f"[{letter.lang[0]}, ...]", severity="warning")]


def _bare_keys(doc: Document) -> list[Diagnostic]:
    """A warning for a known key written in ``{...}`` with no ':' after it ("{name: A,
    organisation: Oxfam, Oxford, country}"): it reads as empty, and the value before it
    may have ended at a comma. (An unknown one is an error, ``validate``.)"""
    return [doc.diagnostic(path, f"{format_path(path)} is written with no ':' and no value, "
                                 "so it is empty; a comma inside {...} ends the value before "
                                 "it: put a value holding a comma in quotes", key=True,
                           severity="warning") for path in sorted(doc.bare_keys, key=str)]


def _placeholders(doc: Document) -> list[Diagnostic]:
    """A warning for a ``%{...}`` that is not ``%{count}`` or ``%{count:GROUP}``: a
    misspelling ("%{cont}", "%{Count}", "%{ count }") would print as typed."""
    if not SUSPECT.search(doc.text):  # the file as typed: no text read if none
        return []
    return [doc.diagnostic(path, f"{format_path(path)}: {found} is not the count and "
                                 "prints as typed; write %{count} or %{count:GROUP NAME} "
                                 "(%%{ for a literal %{)", severity="warning")
            for path, text in strings(doc.data) for found in misspelt(text)]


def _english_labels(doc: Document, letter: m.Letter,
                    layout: layouts.Layout) -> list[Diagnostic]:
    """A warning for each language of the letter that has no built-in labels, naming the
    labels this letter prints in English (a Sorani letter headed "Signatories")."""
    printed = {"signatories": letter.signatories is not None and
               letter.signatories.heading is None,
               "contacts": letter.contacts is not None and letter.contacts.heading is None,
               "footnotes": bool(letter.footnotes) or "[^" in doc.text,
               "cc": bool(letter.cc), "subject": letter.subject is not None,
               "reference": letter.reference is not None,
               "end": layout.manifest.options.end_mark}
    found = []
    for lang in letter.lang:
        given = {key for overrides in (layout.manifest.labels, letter.labels)
                 for key, value in overrides.items() if label_override(value, lang) is not None}
        keys = [key for key, used in printed.items() if used and key not in given]
        if keys and not has_labels(lang):
            words = ", ".join(f"{key} ({label(key, 'en')})" for key in keys)
            found.append(doc.diagnostic(("lang",), f"lang: no built-in labels in '{lang}': "
                                        f"{words} print in English; give them under labels:",
                                        severity="warning"))
    return found


def _read_sources(doc: Document, folder: Path,
                  problems: list[Diagnostic]) -> tuple[list[Row], list[Diagnostic]]:
    """Every source file's rows; a URL, a missing file or a broken one is a located error
    in ``problems``."""
    rows: list[Row] = []
    notes: list[Diagnostic] = []
    for at, ref in _refs(doc, "signatories", "source", "*"):
        target = folder / ref
        if "://" in ref or (problem := file_problem(target)) is not None:
            problems.append(doc.diagnostic(at, f"{ref}: a source is a file path, not a URL"
                                           if "://" in ref else f"{ref}: source file not found"
                                           if problem == NOT_FOUND else f"{ref}: {problem}"))
            continue
        try:
            table = read_source(target, shown(target))
        except LetterError as exc:
            problems += exc.diagnostics
            continue
        rows += table.rows
        notes += table.notes
    return rows, notes


def _entries(letter: m.Letter, rows: list[Row]) -> list[tuple[YamlPath | Place,
                                                               m.MemberEntry]]:
    """Every signatory with where it was written, letter first, then sources."""
    sig = letter.signatories
    if sig is None:
        return []
    out: list[tuple[YamlPath | Place, m.MemberEntry]] = [
        (("signatories", "members", i), member) for i, member in enumerate(sig.members)]
    for g, group in enumerate(sig.groups):
        out += [(("signatories", "groups", g, "members", i), member)
                for i, member in enumerate(group.members)]
    return out + [(row.place, row.member) for row in rows]


def _unprinted_names(doc: Document, letter: m.Letter,
                     entries: list[tuple[YamlPath | Place, m.MemberEntry]]) -> list[Diagnostic]:
    """An error for a signatory whose name some version of the letter would print empty:
    one given only in languages the letter is not in (``name: {de: ...}`` in an English
    letter: never printed), or written ``""`` for one of its languages (none there). The
    list would show an empty line where a signature was collected."""
    problems = []
    for where, member in entries:
        name = member.name if isinstance(member, m.Member) else member
        if not isinstance(name, dict):
            continue
        blank = [lang for lang in letter.lang
                 if not (name.get(m.printed_in(name, lang, letter.lang) or "") or "").strip()]
        if not blank:
            continue
        place = _place(doc, (*where, "name") if isinstance(where, tuple) and
                       isinstance(member, m.Member) else where)
        given = [lang for lang in letter.lang if lang in name]
        problems.append(place.diagnostic(
            f"this signatory's name is empty in {', '.join(map(repr, blank))}: it would print "
            f"as an empty line; write it there, or leave '{blank[0]}' out to print another "
            "language's" if given else
            f"this signatory's name is given only in {', '.join(map(repr, name))}, not in the "
            f"letter's languages ({', '.join(letter.lang)}): it would print as an empty line; "
            "write it for one of them"))
    return problems


def _place(doc: Document, where: YamlPath | Place) -> Place:
    if isinstance(where, Place):
        return where
    mark = doc.where(where)
    return Place(doc.file, mark.line, mark.col)


def _refs(doc: Document, *path: str, every: bool = False) -> list[tuple[YamlPath, str]]:
    """The file names a letter gives at ``path`` ("*" for every item of a list), read from
    the YAML itself: they are checked even when the letter does not validate. With
    ``every``, the blank ones too."""
    found: list[tuple[YamlPath, object]] = [((), doc.data)]
    for key in path:
        step: list[tuple[YamlPath, object]] = []
        for at, value in found:
            if key == "*" and isinstance(value, list):
                step += [((*at, i), item) for i, item in enumerate(value)]
            elif key == "*" and isinstance(value, str):  # one source, or a list of them
                step.append((at, value))
            elif isinstance(value, dict) and key in value:
                step.append(((*at, key), value[key]))
        found = step
    return [(at, value) for at, value in found if isinstance(value, str) and
            (every or not blank(value))]


def _empty_names(doc: Document) -> list[Diagnostic]:
    """An error for a file name left empty (``source: ''``, ``logo: " "``): a source's was
    passed by without a word, a picture's failed the build at the layout, unlocated, where
    check said OK."""
    found: list[tuple[YamlPath, str]] = []
    for path in (("from", "logo"), ("body", "*", "image"), ("signatories", "source", "*")):
        found += _refs(doc, *path, every=True)
    return [doc.diagnostic(at, f"{format_path(at)}: an empty file name; name the file, or "
                           "remove the key") for at, value in found if blank(value)]


def _pictures(doc: Document) -> list[tuple[YamlPath, str]]:
    """The pictures a letter names: its logo, then its images, with where they are named."""
    return _refs(doc, "from", "logo") + _refs(doc, "body", "*", "image")


def _check_files(doc: Document, folder: Path) -> list[Diagnostic]:
    """Images and the logo must be readable images inside the letter's folder."""
    problems = []
    root = folder.resolve()
    for where, ref in _pictures(doc):
        target = (folder / ref).resolve()
        if "://" in ref or ref.startswith("data:") or not target.is_relative_to(root):
            problems.append(doc.diagnostic(where, f"{ref}: an image must be a file in the "
                                           "letter's folder (no URLs, no paths leading out)"))
        elif not is_file(target):
            problems.append(doc.diagnostic(where, f"{ref}: image file not found"))
        else:
            problem = image_problem(target)
            if problem:
                problems.append(doc.diagnostic(where, f"{ref}: {problem}"))
    return problems
