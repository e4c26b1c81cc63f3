"""Which letters, which formats, which languages: render each in memory, then write."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from letterpress import manifest
from letterpress.errors import Diagnostic, LetterError
from letterpress.i18n import reads
from letterpress.load import Loaded, load
from letterpress.model import is_lang_map, printed_in
from letterpress.page import Page
from letterpress.render.png import DPI
from letterpress.source import YamlPath, digest, format_path, is_dir, journal, shown
from letterpress.write import sweep, write_all

FORMATS = ("pdf", "docx", "html", "txt", "png")
LETTER_SUFFIXES = (".yaml", ".yml")


@dataclass
class Result:
    """What one letter's build produced (or why it did not)."""

    letter: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    count: int | None = None
    skipped: bool = False  # nothing changed since the last build
    io_error: bool = False  # the outputs could not be written (not the letter's fault)
    added: int = 0  # signatories since the last build
    removed: int = 0
    changed: int = 0  # (corrected: other details, another group)
    dependencies: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # outputs whose bytes changed
    rendered: list[Path] = field(default_factory=list)  # outputs rendered (written or not)
    release: str | None = None  # the release recorded by this build
    kept: bool = False  # ``release`` was on record already, with the same signatories

    def since(self, changes: manifest.Changes) -> None:
        self.added, self.removed = len(changes.added), len(changes.removed)
        self.changed = len(changes.changed)


def find_letters(paths: Iterable[Path]) -> list[Path]:
    """Letter files named directly, or the letters among the ``*.yaml`` files of folders
    (a YAML signatory source beside them is a list, never a letter, and is left out)."""
    found: list[Path] = []
    for path in paths:
        if is_dir(path):
            found += sorted(p for p in path.rglob("*") if _is_letter_file(p)
                            and "layouts" not in p.relative_to(path).parts
                            and not _is_source(p))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _is_letter_file(path: Path) -> bool:
    """A ``.yaml`` or ``.yml`` file in any case (``PETITION.YAML``), or a link to one that
    is gone, which the build then reports (both were skipped without a word)."""
    return path.suffix.lower() in LETTER_SUFFIXES and (
        path.is_file() or (path.is_symlink() and not path.exists()))


FIRST_ITEM_LIMIT = 65536  # characters read for a list's first item (a source may be 30 MB)
# a key at the start of a line's text ("title: ...", "'body':")
_KEY = re.compile(r"['\"]?([A-Za-z_]+)['\"]?[ \t]*:(?:\s|$)")


def _is_source(path: Path) -> bool:
    """Whether a YAML file is a signatory source: a top-level list, unless its first item
    holds what only a letter has (``body`` or ``signatories``, or three of a letter's keys:
    ``- title: ...`` with the rest of a letter under it, a stray "- " that made the letter
    a list, which was skipped without a word; built, it is reported). A member written
    with a title or a date is still a source (the source's check refuses those keys). Only
    the first item's keys are looked at, without parsing: a folder is scanned again on
    every change ``watch`` sees, and a source may be one line of 30 MB ("[...]")."""
    keys: set[str] = set()
    column = read = 0  # where the first item's keys start; what was read of it
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                text = line.strip()
                if not read:
                    if not text or text.startswith(("#", "---", "%")):
                        continue
                    if text.startswith("["):
                        return True  # a flow list: a source (a letter is never written so)
                    if not (text.startswith("- ") or text == "-"):
                        return False
                    column = len(line) - len(line[1:].lstrip(" "))
                elif line.startswith(("-", "...")) or read > FIRST_ITEM_LIMIT:
                    break  # the next item, or the end of the document
                read += len(line)
                if (found := _KEY.match(line, column)) and line[:column].strip() in ("", "-"):
                    keys.add(found[1])
    except OSError:
        return False
    if not read:
        return False
    letter = keys & _letter_keys()
    return not ({"body", "signatories"} & letter or len(letter) >= 3)


@functools.cache
def _letter_keys() -> frozenset[str]:
    """The keys a letter has and a source's member never does (title, body, signatories...)."""
    from letterpress.model import Letter, SourceEntry

    def keys(model: type[Letter] | type[SourceEntry]) -> set[str]:
        return {info.alias or name for name, info in model.model_fields.items()}

    return frozenset(keys(Letter) - keys(SourceEntry))


def render(pages: list[Page], loaded: Loaded, fmt: str) -> bytes:
    """One file's bytes (one language, or several combined), importing each renderer only
    when it is needed."""
    if fmt == "pdf":
        return submit_pdf(pages, loaded)()
    combine = _combine(pages, loaded)
    if fmt == "html":
        from letterpress.render import html

        return html.render(pages, loaded.layout, combine=combine).encode("utf-8")
    if fmt == "docx":
        from letterpress.render.docx import render as render_docx

        return render_docx(pages, loaded.layout, combine)
    if fmt == "txt":
        from letterpress.render import text

        rule = "\n" + "-" * text.WIDTH + "\n\n"
        return rule.join(text.render(page, loaded.layout) for page in pages).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def submit_pdf(pages: list[Page], loaded: Loaded) -> Callable[[], bytes]:
    """Start the PDF (in the PDF process, if one was started); the result waits for it."""
    from letterpress.render import html, pdf_process

    markup = html.render(pages, loaded.layout, combine=_combine(pages, loaded), for_pdf=True)
    pending = pdf_process.submit(markup, loaded.folder, [*loaded.layout.files,
                                                         *loaded.pictures])

    def result() -> bytes:
        """The PDF; WeasyPrint failing on a layout of the user's own is the layout's error
        (WeasyPrint 70 raises on some CSS it parses but cannot lay out, such as content
        on ``::marker``), located at its CSS; with the built-in layouts it is a bug."""
        try:
            return pending()
        except pdf_process.RenderError as exc:
            own = loaded.layout.own_files
            if not own:
                raise
            raise LetterError([Diagnostic(
                shown(own[0]), 1, 1, f"WeasyPrint could not lay the letter out with layout "
                f"'{loaded.layout.name}' ({exc.summary}); the likely cause is a rule in its "
                f"{', '.join(p.name for p in own)} WeasyPrint cannot lay out (if it builds "
                "with the built-in layout, --layout letter, look there first)")]) from None

    return result


def _combine(pages: list[Page], loaded: Loaded) -> str:
    return loaded.letter.combine if len(pages) > 1 else "separate"


def files_of(out_dir: Path, stem: str, pages: list[Page], loaded: Loaded, formats: list[str],
             dpi: int) -> dict[Path, bytes]:
    """Every output file of one stem: ``STEM.FMT``, and ``STEM-1.png``, ``STEM-2.png``... one
    image per PDF page. The PDF is started first (it is rendered once for both), so that a
    PDF process lays it out while the other formats are rendered here."""
    pending = submit_pdf(pages, loaded) if {"pdf", "png"} & set(formats) else None
    others = {fmt: render(pages, loaded, fmt) for fmt in formats if fmt not in ("pdf", "png")}
    pdf = pending() if pending else b""
    files: dict[Path, bytes] = {}
    for fmt in formats:
        if fmt == "png":
            from letterpress.render.png import pages as page_images

            for number, image in enumerate(page_images(pdf, dpi), 1):
                files[out_dir / f"{stem}-{number}.png"] = image
        else:
            files[out_dir / f"{stem}.{fmt}"] = pdf if fmt == "pdf" else others[fmt]
    return files


def remove_stale_pages(out_dir: Path, stems: Iterable[str], written: Iterable[Path]) -> None:
    """Delete page images of an earlier, longer build (``NAME-7.png`` of a letter that now
    has six pages), so the folder never mixes two versions."""
    keep = set(written)
    for stem in stems:
        for path in out_dir.glob(f"{glob_escape(stem)}-*.png"):
            if path not in keep and path.name[len(stem) + 1:-4].isdigit():
                with contextlib.suppress(OSError):
                    path.unlink()


def remove_dropped(out_dir: Path, current: Iterable[str],
                   previous: manifest.Manifest | None) -> None:
    """Delete the outputs of a language or file the letter no longer makes (``x.ar.pdf``
    once Arabic is dropped from ``lang``, ``x.en.*`` once the languages are combined into
    ``x.pdf``), as its last build recorded them and only if still as written: they stayed
    beside the new ones, a version behind, looking current."""
    keep = set(current)
    for name, written in (previous.outputs.items() if previous else ()):
        if stem_of(name) not in keep and _intact(out_dir / name, written):
            with contextlib.suppress(OSError):
                (out_dir / name).unlink()


def stems(loaded: Loaded) -> list[str]:
    """The file stems of a letter's outputs: ``NAME`` for one language or a combined letter,
    ``NAME.LANG`` for each language built separately."""
    langs = loaded.letter.lang
    if len(langs) == 1 or loaded.letter.combine != "separate":
        return [loaded.name]
    return [f"{loaded.name}.{lang}" for lang in langs]


def outputs(loaded: Loaded, built: list[Page]) -> list[tuple[str, list[Page]]]:
    """(file stem, pages) for each file (one page per language, in the letter's order)."""
    names = stems(loaded)
    if len(names) == 1:
        return [(names[0], built)]
    return [(name, [page]) for name, page in zip(names, built, strict=True)]


def stem_of(name: str) -> str:
    """The stem of an output file's name (``x.en`` of ``x.en.pdf`` and ``x.en-2.png``)."""
    stem = name.rpartition(".")[0]
    return stem.rpartition("-")[0] if name.endswith(".png") else stem


def pages(loaded: Loaded) -> list[Page]:
    """One page per language of the letter (every one validated before anything renders).
    The view (and markdown-it) is imported here: an unchanged letter never needs it."""
    from letterpress.view import build as build_page

    return [build_page(loaded, lang) for lang in loaded.letter.lang]


def missing_translations(loaded: Loaded) -> list[Diagnostic]:
    """A warning for each text given per language that lacks one of the letter's languages
    (the first language listed that it has is printed instead, as ``model.printed_in``
    says), or has a language the letter is not in (never printed: ``de:`` written for
    ``fr:``; a text in none of the letter's languages warns only that). In a letter of one
    language only where its own text is missing: its other texts may wait for later
    versions (``{fr: ..., en: ...}`` in a French letter), but one without French prints
    nothing. A label given for some languages is no text to stand in: the others
    keep their own (``label_override``), so only a language no version reads warns."""
    langs = loaded.letter.lang
    found: list[Diagnostic] = []

    def walk(data: object, path: YamlPath) -> None:
        if isinstance(data, dict):
            # (labels are named by key, and a label's name may look like a language: "to")
            if path != ("labels",) and is_lang_map(data) and all(  # (or lines per language)
                    isinstance(v, str | list) for v in data.values()):
                if len(langs) < 2 and reads(data, langs[0]):
                    return
                read: set[str | None]  # the keys printed in some language
                if len(path) == 2 and path[0] == "labels":
                    read = {reads(data, lang) for lang in langs}
                else:
                    used = printed_in(data, langs[0], langs)
                    read = {used, *(reads(data, lang) for lang in langs)}
                    for lang in langs:
                        if reads(data, lang) is None and used:
                            found.append(loaded.doc.diagnostic(
                                path, f"{format_path(path)}: no '{lang}' text; the '{used}' "
                                "text is used", severity="warning"))
                for key in data:
                    if key not in read:
                        found.append(loaded.doc.diagnostic(
                            (*path, key), f"{format_path((*path, key))}: '{key}' is not one "
                            f"of the letter's languages ({', '.join(langs)}); this text is "
                            "never printed", key=True, severity="warning"))
                return
            for key, value in data.items():
                if isinstance(value, dict | list):  # (a text alone needs no look)
                    walk(value, (*path, key))
        elif isinstance(data, list):
            for i, value in enumerate(data):
                if isinstance(value, dict | list):
                    walk(value, (*path, i))

    walk(loaded.doc.data, ())
    return found


def check(path: Path, *, layout: str | None = None, strict: bool = False) -> Result:
    """Validate a letter completely (model, layout, view) without writing; with a layout of
    the user's own, its templates are run too (the HTML, not the PDF)."""
    result = Result(path)
    try:
        loaded = load(path, layout=layout, strict=strict)
        result.warnings = loaded.warnings + missing_translations(loaded)
        built = pages(loaded)
        result.count = built[0].signatories.count if built[0].signatories else None
        if any(p.suffix == ".j2" for p in loaded.layout.own_files) or \
                loaded.layout.find("template.html.j2") is None:
            render(built, loaded, "html")
    except LetterError as exc:
        result.errors = exc.diagnostics
    return result


DEFAULT_TIMEOUT = 900.0  # seconds per letter; 50,000 signatories take about two minutes


class RenderTimeout(BaseException):
    """Raised by the alarm when rendering runs past its limit (a BaseException, so that no
    library's ``except Exception`` swallows it)."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` (main thread only; elsewhere no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build(path: Path, out_dir: Path, formats: Iterable[str], *, layout: str | None = None,
          strict: bool = False, force: bool = False, release: str | None = None,
          timeout: float | None = DEFAULT_TIMEOUT, dpi: int = DPI) -> Result:
    """Render every format of every language in memory; write only if all succeeded.

    A letter whose inputs (contents) are unchanged since its outputs were written is skipped;
    of its formats, those built from the same inputs before (``-f pdf``, now ``-f pdf,docx``)
    are not rendered again. A letter whose outputs another letter built is refused.
    """
    formats = list(formats)
    settings, tags = _settings(layout, strict), _tags(formats, dpi)
    previous = manifest.read(out_dir, path.stem)
    again = force or bool(release)
    if not again and (fresh := unchanged(path, out_dir, settings, tags, previous)):
        return fresh
    result = Result(path)
    try:
        with journal() as read:
            loaded = load(path, layout=layout, strict=strict)
    except LetterError as exc:
        result.errors = exc.diagnostics
        return result
    layouts_now = manifest.listing(path.parent, loaded.layout.folders)
    result.warnings = loaded.warnings + missing_translations(loaded)
    result.dependencies = manifest.dependencies(loaded)
    inputs = manifest.inputs(loaded, settings, read)
    done = [] if again else _fresh(previous, inputs, tags, out_dir)
    kept = [out_dir / name for name in _names(previous, done)]
    if previous and len(done) == len(tags):
        return Result(path, kept, result.warnings, count=previous.count, skipped=True,
                      dependencies=result.dependencies + previous.pictures_shown())
    if taken := _taken(path, out_dir, stems(loaded), previous):
        result.errors = taken.errors
        return result
    todo = [fmt for fmt, tag in zip(formats, tags, strict=True) if tag not in done]
    try:
        built, files, made, views, shown = _rendered(
            loaded, out_dir, todo, dpi, timeout,
            {fmt: manifest.surroundings(loaded, settings, layouts_now, read=read, files=[
                f for f in [*loaded.pictures, *loaded.layout.files] if reads_file(fmt, f)])
             for fmt in todo}, None if again else previous)
    except LetterError as exc:
        result.errors = loaded.at_keys(exc.diagnostics)
        return result
    signatories = built[0].signatories
    now = manifest.signers(signatories)
    recorded = manifest.read(out_dir, loaded.name, release) if release else None
    if release and recorded is not None and manifest.compare(recorded.signers, now):
        result.errors = [_release_taken(path, out_dir, loaded.name, release, recorded)]
        return result
    try:
        result.written = write_all(files)
    except OSError as exc:
        where = exc.filename or out_dir
        result.errors = [Diagnostic(str(where), 1, 1, f"cannot write the output: "
                                    f"{exc.strerror or exc}; the previous outputs are kept")]
        result.io_error = True
        return result
    if "png" in todo:
        remove_stale_pages(out_dir, stems(loaded), made)
    remove_dropped(out_dir, stems(loaded), previous)
    result.outputs, result.rendered = kept + list(made), list(files)
    result.count = signatories.count if signatories else None
    result.release, result.kept = release, recorded is not None
    if previous is not None:  # (with what these formats' files last showed)
        result.since(manifest.compare(previous.before(formats)[0], now))
    formats_made, earlier = previous.after(formats, now) if previous else (formats, [])
    # what the same inputs made before in formats not rendered now stays on record
    same = previous if previous and previous.inputs == inputs else manifest.Manifest(inputs)
    others = [tag for tag in same.formats if _format(tag) not in todo]
    _record(result, out_dir, loaded.name, manifest.Manifest(
        inputs, {name: same.outputs[name] for name in _names(same, others)}
        | {p.name: sha for p, sha in made.items()}, now,
        result.count, [str(p) for p in result.dependencies], layouts_now,
        [str(f) for f in loaded.layout.folders], str(Path.cwd()), result.warnings,
        others + [tag for tag in tags if tag not in done], formats_made, earlier,
        {key: view for key, view in same.rendered.items() if key.rpartition(".")[2] in others}
        | views,
        {key: read for key, read in same.shown.items() if key.rpartition(".")[2] in others}
        | shown))
    return result


def _record(result: Result, out_dir: Path, name: str, record: manifest.Manifest) -> None:
    """Write the record of a build (and of its release, unless kept as it was). The
    pictures its templates showed are files the build read too (watch looks at them)."""
    result.dependencies = result.dependencies + record.pictures_shown()
    try:
        manifest.write(out_dir, name, record, None if result.kept else result.release)
    except OSError as exc:  # the outputs are written; only the record of them is missing
        result.release = None
        result.warnings.append(Diagnostic(str(exc.filename or out_dir), 1, 1,
                                          f"cannot record the build: {exc.strerror or exc}",
                                          "warning"))


def _release_taken(path: Path, out_dir: Path, name: str, release: str,
                   recorded: manifest.Manifest) -> Diagnostic:
    """A release name the letter has on record with other signatories is refused: recorded
    again, it replaced what was published under it, and ``changes --since`` lost it."""
    where = manifest.path_of(out_dir, name, release)
    try:
        when = f" on {datetime.fromtimestamp(where.stat().st_mtime):%Y-%m-%d %H:%M}"
    except OSError:
        when = ""
    count = "" if recorded.count is None else f" with {recorded.count} signatories"
    return Diagnostic(str(path), 1, 1, f"release '{release}' was recorded{when}{count}, and "
                      "the signatories have changed since: choose another name (or delete "
                      f"{where} to record it again); nothing was built")


def _rendered(loaded: Loaded, out_dir: Path, formats: list[str], dpi: int,
              timeout: float | None, arounds: dict[str, str],
              previous: manifest.Manifest | None,
              ) -> tuple[list[Page], dict[Path, bytes], dict[Path, str], dict[str, str],
                         dict[str, dict[str, str]]]:
    """The pages, the files of some formats that had to be rendered, in memory, every
    output of those formats in order with its digest, what each one's renderer was given
    (by STEM.TAG, see :func:`manifest.rendering`; ``arounds``: the rest each format's
    renderer reads, by format) and the pictures it read besides (by STEM.TAG, those a
    layout's template showed with ``image()``, which nothing given names). An output
    ``previous`` made from the same, still as it wrote it and whose pictures read besides
    are too, is not rendered again (the Arabic file, when only the English was edited;
    every file, when only a comment was): same templates given the same view and the same
    pictures make the same bytes. A render running past ``timeout`` raises LetterError."""
    files: dict[Path, bytes] = {}
    made: dict[Path, str] = {}
    views: dict[str, str] = {}
    shown: dict[str, dict[str, str]] = {}
    given_files = {str(f.absolute()) for f in [*loaded.pictures, *loaded.layout.files]}
    tags = _tags(formats, dpi)
    try:
        with time_limit(timeout):
            built = pages(loaded)
            for stem, group in outputs(loaded, built):
                given = manifest.rendering(arounds, group, _combine(group, loaded))
                kept: dict[str, dict[Path, str]] = {}
                for fmt, tag in zip(formats, tags, strict=True):
                    key = f"{stem}.{tag}"
                    views[key] = given[fmt]
                    if previous and previous.rendered.get(key) == given[fmt] and \
                            _still_shown(previous, key):
                        names = [n for n in _names(previous, [tag]) if stem_of(n) == stem]
                        if names and all(_intact(out_dir / n, previous.outputs[n])
                                         for n in names):
                            kept[fmt] = {out_dir / n: previous.outputs[n] for n in names}
                            if key in previous.shown:
                                shown[key] = previous.shown[key]
                with journal() as read:
                    new = files_of(out_dir, stem, group, loaded,
                                   [fmt for fmt in formats if fmt not in kept], dpi) \
                        if len(kept) < len(formats) else {}
                besides = {path: sha for path, sha in read.items() if path not in given_files}
                files |= new
                for fmt, tag in zip(formats, tags, strict=True):
                    made |= kept.get(fmt) or {p: digest(data) for p, data in new.items()
                                              if p.suffix == f".{fmt}"}
                    # (image() is a template's: the DOCX and text writers run none)
                    if fmt not in kept and besides and reads_file(fmt, TEMPLATE):
                        shown[f"{stem}.{tag}"] = besides
    except RenderTimeout:
        raise LetterError([Diagnostic(
            str(loaded.path), 1, 1, f"rendering took longer than {timeout:g} s and was "
            "stopped (a layout loop, or a very large letter: raise --timeout)")]) from None
    return built, files, made, views, shown


def _still_shown(record: manifest.Manifest, key: str) -> bool:
    """Whether every picture the last render of an output read besides what it was given
    (a layout template's ``image()``) still has the contents it read."""
    return all(_intact(Path(path), sha) for path, sha in record.shown.get(key, {}).items())


TEMPLATE = Path("template.html.j2")  # a layout template, as :func:`reads_file` tells them


def reads_file(fmt: str, path: Path) -> bool:
    """Whether a format's renderer may read a file of its layout or a picture: the text
    writer reads none (the manifest's options are in the layout itself), the DOCX writer
    no template or CSS, the HTML (and the PDF and page images made from it) no Word
    document. A file saved that a format never reads (a ``reference.docx``) does not
    render that format again."""
    if fmt == "txt":
        return False
    return path.suffix not in ((".css", ".j2") if fmt == "docx" else (".docx",))


def _settings(layout: str | None, strict: bool) -> str:
    """The build options every format's outputs depend on, as the manifest's digest records
    them (the formats are recorded one by one: see :func:`_tags`)."""
    return f"{layout}|{strict}"


def _tags(formats: list[str], dpi: int) -> list[str]:
    """Each format as the manifest records it, with the options that are its alone
    (``png@150``: page images at another resolution are other outputs)."""
    return [f"png@{dpi}" if fmt == "png" else fmt for fmt in formats]


def _format(tag: str) -> str:
    return tag.partition("@")[0]


def _names(record: manifest.Manifest | None, tags: Iterable[str]) -> list[str]:
    """The outputs a record lists of some formats (an output's name ends in its format)."""
    chosen = {_format(tag) for tag in tags}
    return [name for name in record.outputs if name.rpartition(".")[2] in chosen] \
        if record else []


def unchanged(path: Path, out_dir: Path, settings: str, tags: list[str],
              previous: manifest.Manifest | None) -> Result | None:
    """The skipped result of a letter whose recorded inputs in ``previous`` (the files its
    last build read, the layout folders' listing, the settings) and outputs are all as they
    were, found without reading the letter; else None. Its warnings are said again."""
    if previous is None or not previous.files or previous.files[0] != str(path) or \
            previous.cwd != str(Path.cwd()):
        return None
    files = [Path(name) for name in previous.files]
    folders = [Path(name) for name in previous.folders]
    if len(_fresh(previous, manifest.inputs_of(files, settings), tags, out_dir)) < len(tags) \
            or manifest.listing(path.parent, folders) != previous.layouts:
        return None
    return Result(path, [out_dir / name for name in _names(previous, tags)],
                  previous.warnings, count=previous.count, skipped=True,
                  dependencies=files + previous.pictures_shown())


def _fresh(previous: manifest.Manifest | None, inputs: str, tags: list[str],
           out_dir: Path) -> list[str]:
    """The formats (tags) whose outputs the last build made from these inputs and that are
    all still as it wrote them, as are the pictures their templates showed (which these
    inputs do not cover): they need not be rendered again."""
    if previous is None or previous.inputs != inputs:
        return []
    return [tag for tag in tags if tag in previous.formats and (names := _names(
        previous, [tag])) and all(_intact(out_dir / name, previous.outputs[name])
                                  for name in names)
            and all(_still_shown(previous, key) for key in previous.shown
                    if key.rpartition(".")[2] == tag)]


def _intact(path: Path, expected: str) -> bool:
    try:
        return digest(path.read_bytes()) == expected
    except OSError:
        return False


def _collect() -> None:
    """Free the last letter's garbage before the next one. One-shot commands run without the
    cyclic collector, and WeasyPrint's boxes are cycles, so a process building letter after
    letter kept every one of them (10 seed letters: 206 MB, 102 MB collected after each).
    What was there after the first letter (imports) is frozen, so that a collection costs
    about 25 ms a letter instead of 70 ms. A process about to exit has nothing to free."""
    if not gc.isenabled():
        gc.collect()
        if not gc.get_freeze_count():
            gc.freeze()


def _build_in_worker(path: Path, **options: Any) -> Result:
    """``build`` in a worker process, which may get another letter next."""
    result = build(path, **options)
    _collect()
    return result


def _same_outputs(path: Path, first: Path, shared: Iterable[str],
                  where: str = "") -> Result:
    """A letter whose outputs another one's would overwrite, build after build (one named
    as an earlier one in the same build, ``letters/a.yaml`` and ``letters/sub/a.yaml``, or
    ``where`` in an earlier build): refused, nothing written; the other one keeps them."""
    return Result(path, errors=[Diagnostic(
        str(path), 1, 1, f"its outputs ({', '.join(f'{stem}.*' for stem in shared)}) would "
        f"overwrite those of {first}{where}: outputs are named after the letter file (and "
        "NAME.LANG for each language built separately); rename one of the two, or build "
        "one with -o into another folder")])


def _taken(path: Path, out_dir: Path, names: list[str],
           previous: manifest.Manifest | None) -> Result | None:
    """Refused if another letter that is still there built outputs of these stems into
    ``out_dir`` (``x.en.*`` of ``x.yaml`` in English and Arabic, for ``x.en.yaml``; ``a.*``
    of ``letters/a.yaml``, for ``other/a.yaml``). The record of a stem's outputs is that of
    the letter of its name or of its name less a language: two at most are read. A
    letter renamed or moved, the old file gone, takes its outputs over."""
    records = {name for stem in names for name in (stem, stem.rpartition(".")[0]) if name}
    for name in sorted(records):
        record = previous if name == path.stem else manifest.read(out_dir, name)
        other = manifest.letter_of(record) if record else None
        try:
            if record is None or other is None or other.samefile(path):
                continue
        except OSError:  # gone
            continue
        if shared := sorted({stem_of(output) for output in record.outputs} & set(names)):
            return _same_outputs(path, Path(shown(other)), shared,
                                 f", built into {out_dir} before")
    return None


def build_all(paths: list[Path], out_dir: Path, formats: list[str], *,
              layout: str | None = None, strict: bool = False, force: bool = False,
              release: str | None = None, timeout: float | None = DEFAULT_TIMEOUT,
              jobs: int | None = None, dpi: int = DPI,
              progress: Callable[[Path], None] | None = None) -> list[Result]:
    """Build several letters, in ``jobs`` worker processes (default: one per core) when
    more than one needs building: each worker imports WeasyPrint once and renders letter
    after letter. Letters found unchanged from their manifests alone are skipped here
    first, without reading them or starting workers. Results come back in the order of
    ``paths``."""
    options: dict[str, Any] = {
        "out_dir": out_dir, "formats": formats, "layout": layout, "strict": strict,
        "force": force, "release": release, "timeout": timeout, "dpi": dpi}
    settings, tags = _settings(layout, strict), _tags(formats, dpi)
    for folder in (out_dir, out_dir / manifest.STATE):
        sweep(folder)
    owners: dict[str, Path] = {}  # a file name's first letter: the one whose outputs they are
    for path in paths:
        owners.setdefault(path.stem, path)
    results: list[Result | None] = [
        _same_outputs(path, owners[path.stem], [path.stem]) if owners[path.stem] != path
        else None if force or release
        else unchanged(path, out_dir, settings, tags, manifest.read(out_dir, path.stem))
        for path in paths]
    todo = [i for i, result in enumerate(results) if result is None]
    if progress:
        for path, result in zip(paths, results, strict=True):
            if result is not None:
                progress(path)
    workers = min(len(todo), jobs or os.cpu_count() or 1)
    names = {paths[index].stem for index in todo}
    if any(name.rpartition(".")[0] in names for name in names):
        workers = 1  # x.yaml may write x.en.*: x.en.yaml learns it from x's record, after it
    if workers <= 1:
        for count, index in enumerate(todo):
            if count:
                _collect()
            results[index] = build(paths[index], **options)
            if progress:
                progress(paths[index])
        return [result for result in results if result is not None]
    from concurrent.futures import ProcessPoolExecutor

    from letterpress.render import pdf_process

    pdf_process.stop()  # each worker renders its own PDFs; none may share this one's pipe
    # a worker ends with the build, even one killed outright (they waited on their queue
    # for good, 95 MB each)
    with ProcessPoolExecutor(max_workers=workers, initializer=pdf_process.end_with,
                             initargs=(os.getpid(),)) as pool:
        one = functools.partial(_build_in_worker, **options)
        futures = {index: pool.submit(one, paths[index]) for index in todo}
        for index, future in futures.items():
            results[index] = future.result()
            if progress:
                progress(paths[index])
    return [result for result in results if result is not None]
