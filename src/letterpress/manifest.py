"""What each build built: input digest, output digests and the signatory list.

Kept as ``OUTPUT/.letterpress/NAME.json`` (and ``NAME@RELEASE.json`` for a named release), it
lets a build skip a letter whose inputs have not changed (contents, not timestamps), say
"54 signatories (+3 since last build)", and list who was added or removed.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from letterpress import FONTS, __version__
from letterpress import page as p
from letterpress.errors import Diagnostic
from letterpress.load import Loaded
from letterpress.render.text import spans
from letterpress.source import digest, walk
from letterpress.write import write_atomic

STATE = ".letterpress"
# at most 64 characters: NAME@RELEASE.json (its temporary file too) fits a file name's 255
# bytes beside a letter name new allows (a 300-character one was built and not recorded)
RELEASE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_ENCODER = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True)
class Signer:
    """A signatory as recorded: enough to say who was added, removed or changed."""

    key: str
    name: str
    group: str
    number: str = ""
    # its name and details as the letter writes them, by the exports' column names (None:
    # recorded by an older build, without them)
    details: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class Earlier:
    """Formats whose last build published another list than the record's last build."""

    formats: list[str]
    signers: list[Signer]


@dataclass
class Manifest:
    inputs: str
    outputs: dict[str, str] = field(default_factory=dict)
    signers: list[Signer] = field(default_factory=list)
    count: int | None = None
    files: list[str] = field(default_factory=list)  # what ``inputs`` covered, in its order
    layouts: str = ""  # the layout folders' listing when it was built (see ``listing``)
    folders: list[str] = field(default_factory=list)  # the letter's layout folders
    cwd: str = ""  # where it was built from (warnings name files relative to it)
    warnings: list[Diagnostic] = field(default_factory=list)  # said again when skipped
    formats: list[str] = field(default_factory=list)  # those ``outputs`` are of ("png@150")
    made: list[str] = field(default_factory=list)  # the formats ("png") built with ``signers``
    earlier: list[Earlier] = field(default_factory=list)  # other formats' lists, oldest first
    # what each output's renderer was given (see ``rendering``), by STEM.TAG ("x.ar.pdf")
    rendered: dict[str, str] = field(default_factory=dict)
    # the pictures each output's render read besides those ``rendered`` covers (a layout
    # template's image()), with their digests as read, by STEM.TAG
    shown: dict[str, dict[str, str]] = field(default_factory=dict)

    def pictures_shown(self) -> list[Path]:
        """The pictures any output's render read besides what it was given (``shown``):
        files of the build as much as those ``inputs`` covers (watch looks at them too)."""
        return [Path(path) for path in sorted({p for read in self.shown.values()
                                               for p in read})]

    def before(self, formats: list[str]) -> tuple[list[Signer], list[str]]:
        """The list some formats' files were last built with, and those of ``formats``
        that were: "+3 since last build" is what those files gain, not what a ``-f txt``
        built since shows. Of formats built with different lists, the oldest (what any of
        them lacks); of formats never built, the last build of any."""
        for entry in self.earlier:
            if found := [f for f in formats if f in entry.formats]:
                return entry.signers, found
        return self.signers, [f for f in formats if f in self.made]

    def after(self, formats: list[str], now: list[Signer]) -> tuple[list[str], list[Earlier]]:
        """``made`` and ``earlier`` of the next record, when ``formats`` are built with
        ``now``: each other format keeps the list it was last built with."""
        made, earlier = list(formats), []
        for entry in [*self.earlier, Earlier(self.made, self.signers)]:
            if rest := [f for f in entry.formats if f not in formats]:
                if entry.signers == now:
                    made += rest
                else:
                    earlier.append(Earlier(rest, entry.signers))
        return made, earlier

    def to_json(self) -> bytes:
        """Readable JSON, a signatory per line, each string quoted by json's C function
        (``indent`` would switch to the pure-Python encoder: 0.15 s for 10,000 signatories;
        an encoder call per line sets one up each time: 0.03 s)."""
        head = {"letterpress": __version__, "inputs": self.inputs, "outputs": self.outputs,
                "count": self.count, "files": self.files, "layouts": self.layouts,
                "folders": self.folders, "cwd": self.cwd,
                "warnings": [asdict(w) for w in self.warnings], "formats": self.formats,
                "made": self.made, "rendered": self.rendered, "shown": self.shown}
        text = _ENCODER.encode(head)[:-1] + ',\n "signatories": ' + _listed(self.signers)
        if self.earlier:
            text += ',\n "earlier": [' + ", ".join(
                f'{{"formats": {_ENCODER.encode(e.formats)}, "signatories": '
                f'{_listed(e.signers)}}}' for e in self.earlier) + "]"
        return (text + "\n}\n").encode("utf-8")


def _listed(signers: list[Signer]) -> str:
    """A JSON list of signatories, one a line (see :meth:`Manifest.to_json`)."""
    q = encode_basestring  # the C function json's encoder quotes each string with
    lines = [f'{{"key": {q(s.key)}, "name": {q(s.name)}, "group": {q(s.group)}, '
             f'"number": {q(s.number)}, "details": '
             + ("null" if s.details is None else "{" + ", ".join(
                 f"{q(k)}: {q(v)}" for k, v in s.details) + "}") + "}"
             for s in signers]
    return "[\n  " + ",\n  ".join(lines) + "\n ]"


def path_of(out_dir: Path, name: str, release: str | None = None) -> Path:
    return out_dir / STATE / (f"{name}@{release}.json" if release else f"{name}.json")


def read(out_dir: Path, name: str, release: str | None = None) -> Manifest | None:
    try:
        data: Any = json.loads(path_of(out_dir, name, release).read_text(encoding="utf-8"))
        formats = [str(f) for f in data.get("formats", [])]
        # a record without ``shown`` did not know what its templates showed: render again
        known = "shown" in data
        return Manifest(str(data["inputs"]) if known else "", dict(data.get("outputs", {})),
                        _signers(data.get("signatories", [])), data.get("count"),
                        [str(f) for f in data.get("files", [])], str(data.get("layouts", "")),
                        [str(f) for f in data.get("folders", [])], str(data.get("cwd", "")),
                        [Diagnostic(**w) for w in data.get("warnings", [])], formats,
                        [str(f) for f in data.get("made", [f.partition("@")[0]
                                                          for f in formats])],
                        [Earlier([str(f) for f in e["formats"]],
                                 _signers(e["signatories"]))
                         for e in data.get("earlier", [])],
                        {str(k): str(v) for k, v in data.get("rendered", {}).items()
                         if known},
                        {str(k): {str(f): str(d) for f, d in v.items()}
                         for k, v in data.get("shown", {}).items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no manifest, or one from elsewhere: simply rebuild


def _signers(data: list[dict[str, Any]]) -> list[Signer]:
    return [Signer(**{**s, "details": tuple(s["details"].items())} if s.get("details")
                   is not None else s) for s in data]


def letter_of(record: Manifest) -> Path | None:
    """The letter a record's build read first, as a path from the working folder then."""
    return Path(record.cwd) / record.files[0] if record.files else None


def write(out_dir: Path, name: str, manifest: Manifest, release: str | None = None) -> None:
    write_atomic(path_of(out_dir, name), manifest.to_json())
    if release:
        write_atomic(path_of(out_dir, name, release), manifest.to_json())


@cache
def _fonts_digest() -> str:
    """The shipped fonts by name, size and modification time, as make and Python's bytecode
    cache tell a changed file: reading their 4.8 MB took 10-15 ms of every build, no-op
    rebuilds too, and they change only when letterpress is installed again."""
    h = hashlib.sha256(f"{FONTS.resolve()}\0".encode())  # a store path changes with them
    for font in sorted(FONTS.iterdir()):
        found = font.stat()
        h.update(f"{font.name}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return h.hexdigest()


@cache
def _installed() -> str:
    """The installed distributions, by the names of their metadata folders
    (``weasyprint-70.0.dist-info``): an upgraded WeasyPrint, python-docx or any library
    under them builds again, as a new letterpress does. One listing per folder of
    ``sys.path``, not importlib.metadata (60 ms a build for the thirty libraries)."""
    h = hashlib.sha256()
    for entry in sys.path:
        try:
            names = sorted(p.name for p in Path(entry or ".").iterdir()
                           if p.name.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip, a folder gone
            continue
        if names:  # (a folder of sources only, as tests and -m add, says nothing)
            h.update(f"{entry}\0{'/'.join(names)}\0".encode())
    return h.hexdigest()


def inputs(loaded: Loaded, settings: str, read: dict[str, str] | None = None) -> str:
    """Digest of everything an output depends on: the letter, its sources and images, the
    layout's files, the fonts, the tool's version and the build settings; ``read``: the
    digests of the files as the build read them (see :func:`source.journal`)."""
    return inputs_of(dependencies(loaded), settings, read or {})


def inputs_of(files: list[Path], settings: str, read: dict[str, str] | None = None) -> str:
    """:func:`inputs` from the list of files (which a manifest records, so that an
    unchanged letter can be recognised without reading it)."""
    h = hashlib.sha256(f"{__version__}\0{_installed()}\0{settings}\0{_fonts_digest()}\0"
                       .encode())
    for path in files:
        known = (read or {}).get(str(path.absolute()))
        if known is None:
            try:
                known = digest(path.read_bytes())
            except OSError:
                known = "<missing>"
        h.update(f"{path}\0{known}\0".encode())
    return h.hexdigest()


def surroundings(loaded: Loaded, settings: str, layouts: str, files: Iterable[Path],
                 read: dict[str, str] | None = None) -> str:
    """Digest of what a renderer reads besides the view: the layout (its manifest and
    folders, the layout folders' ``listing``), the contents of ``files`` (those of the
    layout's files and pictures it reads), the fonts, the version, the settings and the
    working folder (a view's relative paths start there). Taken before rendering, so a
    file saved meanwhile is recorded as older than what was rendered: built again next
    time, never taken as built."""
    h = hashlib.sha256(inputs_of(list(files), settings, read).encode())
    h.update(f"\0{layouts}\0{Path.cwd()}\0{loaded.folder}\0{loaded.layout!r}".encode())
    return h.hexdigest()


def rendering(arounds: dict[str, str], pages: list[p.Page], combine: str) -> dict[str, str]:
    """Digest of exactly what an output's renderer is given, for each format: its pages
    (one language, or the languages combined), how they are combined and the format's
    ``surroundings``. Equal digests render equal bytes (with the same contents of the
    pictures a template's ``image()`` read, ``Manifest.shown``), so an output whose digest,
    file and those pictures are as recorded is not rendered again. The pages are pickled
    without the memo: a pure function of their values (shared objects are written out each
    time), with no ids or hash order, the same in every process; faster than their repr
    (80 ms against 140 ms for 10,000 signatories)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, 5)
    pickler.fast = True
    pickler.dump((combine, pages))
    view = digest(buffer.getvalue())
    return {fmt: digest(f"{around}\0{view}".encode()) for fmt, around in arounds.items()}


def listing(letter_dir: Path, folders: Iterable[Path] = ()) -> str:
    """Digest of the names of every file in the folders layouts are looked up in and in
    the letter's layout ``folders`` (which a path can put anywhere), symbolic links
    followed: a layout or template added there can change which files a letter uses,
    which its recorded files alone would not show."""
    from letterpress.layouts import search_path

    h = hashlib.sha256()
    seen: set[str] = set()
    for place in [*search_path(letter_dir), *folders]:
        h.update(str(place).encode() + b"\0")
        for top, dirs, names in walk(place, seen):
            for name in sorted([*dirs, *names]):
                h.update(str((top / name).relative_to(place)).encode() + b"\0")
    return h.hexdigest()


def dependencies(loaded: Loaded) -> list[Path]:
    """The files a letter's build reads (watch re-checks these)."""
    letter = loaded.letter
    files = [loaded.path]
    if letter.signatories:
        files += [loaded.folder / s for s in letter.signatories.source]
    files += loaded.pictures + list(loaded.layout.files)
    return files


def signers(signatories: p.Signatories | None) -> list[Signer]:
    if signatories is None:
        return []
    return [Signer(member.key, spans(member.name), spans(group.name), member.number,
                   member.written)
            for group in signatories.groups for member in group.members]


@dataclass
class Changes:
    """Who was added, removed, or changed (the same signatory, or one of the same name, with
    other details or in another group: a correction), each in list order."""

    added: list[Signer]
    removed: list[Signer]
    changed: list[tuple[Signer, Signer]]  # (before, after)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare(before: list[Signer], after: list[Signer]) -> Changes:
    """The changes between two lists, counted as the count is: a signatory listed twice now
    is one added (a set of keys saw none). A signer corrected (``John Smith, CARE`` now
    ``John Smith, CARE (Ghana)``) is one changed, not one removed and one added."""
    waiting: dict[str, list[tuple[int, Signer]]] = {}
    for index, signer in enumerate(before):
        waiting.setdefault(signer.key, []).append((index, signer))
    added, changed = [], []
    for signer in after:
        if pool := waiting.get(signer.key):
            old = pool.pop(0)[1]
            if differences(old, signer):
                changed.append((old, signer))
        else:
            added.append(signer)
    removed = [signer for _, signer in sorted(x for pool in waiting.values() for x in pool)]
    namesakes: dict[str, list[Signer]] = {}  # (by name: every key changed at once, as a
    for old in removed:  # column added to a form, stays linear)
        namesakes.setdefault(_name(old), []).append(old)
    matched: set[int] = set()
    for same_group in (True, False):  # a namesake in the same group first
        for signer in added:
            same = namesakes.get(_name(signer)) if id(signer) not in matched else None
            match = next((old for old in same or () if old.group == signer.group or
                          not same_group), None)
            if match is not None and same is not None:
                same.remove(match)
                matched |= {id(match), id(signer)}
                changed.append((match, signer))
    order = {id(signer): index for index, signer in enumerate(after)}
    return Changes([s for s in added if id(s) not in matched],
                   [s for s in removed if id(s) not in matched],
                   sorted(changed, key=lambda pair: order[id(pair[1])]))


def _name(signer: Signer) -> str:
    return " ".join(signer.name.translate(p.ISOLATES).casefold().split())


def differences(before: Signer, after: Signer) -> list[str]:
    """What changed of a signatory, a detail each ("organisation Oxfam -> Oxfam GB"), as
    the letter writes them (a note renumbered by one added above is no change); of one
    recorded without them, only its group is known."""
    old, new = {"group": before.group}, {"group": after.group}
    if before.details is not None and after.details is not None:
        old |= dict(before.details)
        new |= dict(after.details)
    return [f"{field} {old.get(field) or '(none)'} -> {new.get(field) or '(none)'}"
            for field in dict.fromkeys([*old, *new]) if old.get(field) != new.get(field)]
