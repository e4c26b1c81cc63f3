"""Layouts are self-describing folders: a manifest, HTML templates, print CSS, DOCX styling.

A folder in the project's ``layouts/`` is searched before the built-ins, so a project can add a
layout or override a built-in one. ``extends:`` inherits everything the child does not change:
manifest values merge key by key, templates are looked up child first, CSS files cascade
parent first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from letterpress.errors import Diagnostic, LetterError, suggest
from letterpress.fonts import TEXT, text_font
from letterpress.model import Text
from letterpress.source import Document, decode, is_dir, is_file, read_file, shown, walk

BUILTIN = Path(__file__).parent / "layouts"
MANIFEST = "layout.yaml"
MAX_CHAIN = 10


PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # width, height
# for editors: a shipped text font, in any capitals, as the validator takes it
_TEXT_FONT: dict[str, Any] = {
    "pattern": "^(" + "|".join("".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c
                                       for c in family) for family in TEXT) + ")$",
    "patternErrorMessage": "Noto Serif or Noto Sans, the fonts letterpress ships"}


class Style(BaseModel, title="style"):
    """Theme values both the print CSS and the DOCX styles are made from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    font: str = Field("Noto Serif", description="The text font: Noto Serif or Noto Sans, "
                      "which letterpress ships.", examples=["Noto Serif", "Noto Sans"],
                      json_schema_extra=_TEXT_FONT)
    heading_font: str = Field("Noto Sans", description="The font of titles and headings: "
                              "Noto Serif or Noto Sans.", examples=["Noto Sans"],
                              json_schema_extra=_TEXT_FONT)
    font_size: float = Field(10.5, gt=4, lt=40, description="Text size in points.")
    line_height: float = Field(1.35, ge=1, le=3, description="Line spacing, 1 to 3.")
    color: str = Field("#1a1a1a", pattern=r"^#[0-9a-fA-F]{6}$", description="Text colour.",
                       json_schema_extra={"patternErrorMessage": "a colour such as #1a1a1a"})
    accent: str = Field("#1f3a5f", pattern=r"^#[0-9a-fA-F]{6}$",
                        description="Colour of titles, headings and rules.",
                        json_schema_extra={"patternErrorMessage": "a colour such as #1f3a5f"})
    paper: Literal["a4", "letter"] = Field("a4", description="Paper size.")
    margin_top: float = Field(22, ge=5, le=80, description="Top margin in millimetres.")
    margin_bottom: float = Field(22, ge=5, le=80, description="Bottom margin in millimetres.")
    margin_inner: float = Field(22, ge=5, le=80, description="Inner margin in millimetres.")
    margin_outer: float = Field(22, ge=5, le=80, description="Outer margin in millimetres.")
    signatory_columns: int = Field(3, ge=1, le=4, description="Columns of signatories with "
                                   "display: columns.")

    @field_validator("font", "heading_font")
    @classmethod
    def _shipped(cls, name: str) -> str:
        return text_font(name)

    @property
    def text_width_mm(self) -> float:
        """The width of a line of text: the paper's less the inner and outer margins."""
        return PAPER_MM[self.paper][0] - self.margin_inner - self.margin_outer


class Options(BaseModel, title="options"):
    """Structure choices the HTML template and the DOCX writer both honour."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dateline: Literal["top", "inline", "none"] = Field(
        "top", description="Where date and place go: top (above the letter), inline "
        "(opening the first paragraph, as in a press release) or none.")
    title_style: Literal["title", "heading"] = Field(
        "heading", description="title: a large title; heading: a plain heading.")
    end_mark: bool = Field(False, description="true prints an end mark (###) after the text.")
    heading_align: Literal["start", "center"] = Field(
        "start", description="center: title, subtitle and dateline centred (as the statement "
        "layout does), in the PDF and the DOCX alike.")
    quote_style: Literal["italic", "upright"] = Field(
        "italic", description="Quotations in italic (Latin script; Arabic has no italic "
        "and stays upright) or upright (as the press release prints them), in the PDF and "
        "the DOCX alike.")


class Manifest(BaseModel):
    """A layout's layout.yaml: what it looks like; the rest comes from the layout it extends."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field("", description="One line shown by `letterpress layouts`.")
    extends: str | None = Field(None, description="The layout this one starts from: its "
                                "values, templates and CSS apply unless changed here.",
                                examples=["statement"])
    style: Style = Field(Style(), description="Fonts, colours, paper and margins, for PDF "
                         "and DOCX alike.")
    options: Options = Field(Options(), description="Where the dateline goes, the title's "
                             "style, the end mark.")
    labels: dict[str, Text] = Field(
        default_factory=dict, description="Words the layout prints, instead of the "
        "language's defaults: one text for every language, or one per language (a language "
        "not given keeps its default).",
        examples=[{"signatories": "Endorsed by"},
                  {"signatories": {"en": "Endorsed by", "ar": "الموقعون"}}])


@dataclass(frozen=True)
class Layout:
    """A resolved layout: its own folder first, then each ancestor's."""

    name: str
    folders: tuple[Path, ...]
    manifest: Manifest
    files: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def description(self) -> str:
        return self.manifest.description

    @property
    def own_files(self) -> tuple[Path, ...]:
        """The CSS and templates of the chain that are not built in, CSS first: what a
        render failure the built-in layouts do not have most likely comes from."""
        own = (p for p in self.files if p.suffix in (".css", ".j2") and BUILTIN not in p.parents)
        return tuple(sorted(own, key=lambda p: p.suffix != ".css"))

    def find(self, name: str) -> Path | None:
        """The first folder's copy of a file (child overrides parent)."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return None

    @property
    def stylesheets(self) -> tuple[Path, ...]:
        """Every folder's ``style.css``, ancestors first so the child's rules win: the only
        CSS a letter is styled with (another ``.css`` in a layout's folder is not read)."""
        return tuple(folder / "style.css" for folder in reversed(self.folders)
                     if (folder / "style.css").is_file())

    @cached_property
    def own_rules(self) -> tuple[tuple[str, list[Any]], ...]:
        """The stylesheets that are not built in, as the user would type their paths, each
        parsed once (tinycss2) for the checks that read them: the fonts it names, the files
        it would fetch."""
        import tinycss2

        return tuple((shown(path), tinycss2.parse_stylesheet(path.read_text(encoding="utf-8-sig"),
                                                      skip_comments=True, skip_whitespace=True))
                     for path in self.stylesheets if BUILTIN not in path.parents)

    def css(self) -> str:
        """The stylesheets' text, one after the other."""
        return "\n".join(path.read_text(encoding="utf-8-sig") for path in self.stylesheets)


def search_path(letter_dir: Path | None = None) -> list[Path]:
    """Where layouts are looked up: the project's ``layouts/`` folders, then the built-ins."""
    places: list[Path] = []
    candidates = [Path.cwd() / "layouts"]
    if letter_dir is not None:  # (resolved: the parent of "." is "." itself)
        letter_dir = letter_dir.resolve()
        candidates[:0] = [letter_dir / "layouts", letter_dir.parent / "layouts"]
    for candidate in candidates:
        place = candidate.resolve()
        if place.is_dir() and place not in places:
            places.append(place)
    places.append(BUILTIN)
    return places


def available(letter_dir: Path | None = None) -> dict[str, Path]:
    """Every layout name with the folder that wins for it."""
    found: dict[str, Path] = {}
    for place in search_path(letter_dir):
        for folder in sorted(place.iterdir()):
            if (folder / MANIFEST).is_file() and folder.name not in found:
                found[folder.name] = folder
    return found


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) else value
    return out


def load(name: str, letter_dir: Path | None = None) -> Layout:
    """Resolve a layout and its ``extends`` chain; every problem is a located error, in the
    manifest that has it."""
    from letterpress.validate import diagnostics

    folders: list[Path] = []
    chain: list[dict[str, Any]] = []
    problems: list[Diagnostic] = []
    places = search_path(letter_dir)
    current: str | None = name
    skip_first_match: Path | None = None
    doc: Document | None = None  # the manifest naming ``current`` (None: the letter does)
    while current is not None:
        folder = _find(current, places, skip_first_match)
        if folder is None:
            raise LetterError([_unknown(current, doc, letter_dir, places)])
        if folder in folders or len(folders) >= MAX_CHAIN:
            raise LetterError([Diagnostic(shown(folder / MANIFEST), 1, 1,
                                          "layouts extend each other in a loop")])
        folders.append(folder)
        doc = _read_manifest(folder)
        data = doc.data or {}
        if not isinstance(data, dict):
            raise LetterError([doc.diagnostic((), "a layout manifest is a mapping of keys")])
        try:  # each manifest alone: a mistake is reported in the file that makes it
            Manifest.model_validate(data)
        except ValidationError as exc:
            problems += diagnostics(doc, exc, Manifest)
        chain.append(data)
        parent = data.get("extends")
        # A project layout may extend the built-in of the same name it overrides.
        skip_first_match = folder if parent == current else None
        current = parent if isinstance(parent, str) else None
    if problems:
        raise LetterError(problems)
    raw: dict[str, Any] = {}
    for data in reversed(chain):
        raw = _merge(raw, data)
    raw["extends"] = chain[0].get("extends")
    raw["description"] = chain[0].get("description", raw.get("description", ""))
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:  # each file is right alone, but not together
        first = _read_manifest(folders[0])
        first.data = raw
        raise LetterError(diagnostics(first, exc, Manifest)) from None
    files = tuple(sorted(top / name for folder in folders for top, _, names in walk(folder)
                         for name in names if (top / name).is_file()))
    layout = Layout(name, tuple(folders), manifest, files)
    _check_text(layout.own_files)
    return layout


def _read_manifest(folder: Path) -> Document:
    """A layout's manifest, named as the user would type it (``layouts/mine/layout.yaml``),
    as a letter is: the folders are looked up resolved."""
    return read_file(folder / MANIFEST, shown(folder / MANIFEST))


def _check_text(paths: tuple[Path, ...]) -> None:
    """A CSS file or template that is not UTF-8 is its own located error (it would fail
    where it is read, or be blamed on the template including it)."""
    problems = []
    for path in paths:
        try:
            decode(path.read_bytes(), shown(path))
        except LetterError as exc:
            problems += exc.diagnostics
    if problems:
        raise LetterError(problems)


def _unknown(name: str, doc: Document | None, letter_dir: Path | None,
             places: list[Path]) -> Diagnostic:
    """Why no layout of that name was found, at the ``extends`` naming it (or for the letter
    to place at its ``layout`` key)."""
    folder = next((place / name for place in places if is_dir(place / name)), None)
    if doc is not None and doc.file == shown((folder or Path()) / MANIFEST):
        message = f"layout '{name}' extends itself, and no other layout has that name"
    else:
        message = _not_found(name, letter_dir, places)
    if doc is None:
        return Diagnostic("layout", 1, 1, message)
    return doc.diagnostic(("extends",), f"extends: {message}")


def missing(name: str, letter_dir: Path | None = None) -> str | None:
    """Why a letter in ``letter_dir`` finds no layout of that name, or None when it finds
    one: the command line asks it of ``--layout`` before building (a file was blamed)."""
    places = search_path(letter_dir)
    return None if _find(name, places, None) else _not_found(name, letter_dir, places)


def _not_found(name: str, letter_dir: Path | None, places: list[Path]) -> str:
    folder = next((place / name for place in places if is_dir(place / name)), None)
    if folder is not None:
        return (f"{folder} has no {MANIFEST}; a layout folder needs one (such as "
                "'extends: letter')")
    known = sorted(available(letter_dir))
    return f"unknown layout '{name}'{suggest(name, known)}; available: {', '.join(known)}"


def _find(name: str, places: list[Path], after: Path | None) -> Path | None:
    passed = after is None
    for place in places:
        folder = place / name
        if not is_file(folder / MANIFEST):
            continue
        if passed:
            return folder
        if folder == after:
            passed = True
    return None
