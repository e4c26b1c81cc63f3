"""The command line: parse options, call build/check, print the report. Nothing else.

Exit codes: 0 success, 2 invalid input (every problem printed as FILE:LINE:COL: message),
1 anything else.
"""

from __future__ import annotations

import functools
import glob
import re
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from letterpress import __version__
from letterpress.render.png import DPI

if TYPE_CHECKING:
    from letterpress.build import Result
    from letterpress.errors import Diagnostic

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Open letters in YAML to release-quality PDF, DOCX, HTML and text.")

INVALID = 2
Paths = Annotated[list[Path] | None, typer.Argument(help="Letter files or folders "
                                                    "(default: letters/)", show_default=False)]
Strict = Annotated[bool, typer.Option("--strict", help="Treat duplicate signatories as errors.")]
LayoutOpt = Annotated[str | None, typer.Option("--layout", help="Override the letter's layout.")]
OutputOpt = Annotated[Path, typer.Option("-o", "--output", help="Output folder.")]
DpiOpt = Annotated[int, typer.Option(
    "--dpi", min=36, max=600, help="Resolution of png page images, in pixels per inch.")]
FormatsOpt = Annotated[list[str], typer.Option(
    "-f", "--format", metavar="FORMATS",
    help="pdf, docx, html, txt, png (png: one image per page, NAME-1.png ...); "
    "comma-separated or repeated: -f pdf,docx or -f pdf -f docx.")]
DEFAULT_FORMATS = ["pdf,docx"]


F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(command: F) -> F:
    """A user error ends the command with its located messages and exit code 2; a file
    that cannot be written (a folder in the way, no permission, a full disk) with its path
    and the system's reason, exit code 1, as a failed build write."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from letterpress.errors import LetterError

        try:
            return command(*args, **kwargs)
        except LetterError as exc:
            for diag in exc.diagnostics:
                typer.echo(str(diag), err=True)
            raise typer.Exit(INVALID) from None
        except BrokenPipeError:  # `letterpress layouts | head`: Click ends it quietly
            raise
        except OSError as exc:  # making a folder where a file is says "File exists"
            reason = "a file is in the way of a folder" if isinstance(
                exc, FileExistsError | NotADirectoryError) else exc.strerror or str(exc)
            typer.echo(f"{exc.filename or '.'}:1:1: cannot write: {reason}", err=True)
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"letterpress {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """letterpress: open letters in YAML to PDF, DOCX, HTML and text."""


def _letters(paths: list[Path] | None, command: str) -> list[Path]:
    """The letters named, or those in ./letters/; without a letters/ folder here, one line
    saying so and what to give instead (it read 'letters:1:1: file not found', a line
    and column for a folder that is not there)."""
    from letterpress.build import find_letters

    if not paths and not Path("letters").exists():
        typer.echo(f"no letters/ folder here ({Path.cwd()}); give the letter files or folders "
                   f"to {command}: letterpress {command} LETTER.yaml|FOLDER ...", err=True)
        raise typer.Exit(INVALID)
    letters = find_letters(paths or [Path("letters")])
    if not letters:
        where = ", ".join(str(p) for p in paths or [Path("letters")])
        typer.echo(f"{where}:1:1: no letter files (*.yaml) found", err=True)
        raise typer.Exit(INVALID)
    return letters


def _check_layout(layout: str | None, folders: list[Path]) -> None:
    """Exit 2 at once when ``--layout`` names no layout the letters in ``folders`` find:
    told at a file 'layout:1:1:', watch and preview ran on forever."""
    from letterpress.layouts import missing

    if layout is None:
        return
    for folder in dict.fromkeys(folders):
        message = missing(layout, folder)
        if message:
            typer.echo(f"--layout: {message}", err=True)
            raise typer.Exit(INVALID)


def _report(results: list[Result]) -> int:
    """Print every problem, once (a problem in a layout several letters use is found with
    each); exit 2 for invalid input, 1 when only writing failed."""
    invalid = failed = False
    printed: set[Diagnostic] = set()
    for result in results:
        for diag in [*result.warnings, *result.errors]:
            if diag not in printed:
                printed.add(diag)
                typer.echo(str(diag), err=True)
        invalid = invalid or bool(result.errors and not result.io_error)
        failed = failed or result.io_error
    return INVALID if invalid else 1 if failed else 0


@app.command()
@_user_errors
def build(
    paths: Paths = None,
    output: OutputOpt = Path("output"),
    formats: FormatsOpt = DEFAULT_FORMATS,
    layout: LayoutOpt = None,
    strict: Strict = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only problems.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if nothing changed.")
                     ] = False,
    release: Annotated[str | None, typer.Option(
        "--release", help="Also record this build as a named release (see changes).")] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0, help="Stop rendering a letter after this many seconds "
        "(0: no limit).")] = 900.0,
    jobs: Annotated[int | None, typer.Option(
        "-j", "--jobs", min=1, help="Letters built at once (default: one per core).")] = None,
    dpi: DpiOpt = DPI,
) -> None:
    """Build letters into OUTPUT (PDF and DOCX by default); unchanged letters are skipped."""
    from letterpress.build import build_all

    chosen = _formats(formats)
    _check_release(release)
    letters = _letters(paths, "build")
    _check_layout(layout, [p.parent for p in letters])
    if len(letters) > 1 and not quiet and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("Building", total=len(letters))
            results = build_all(letters, output, chosen, layout=layout, strict=strict,
                                force=force, release=release, timeout=timeout, jobs=jobs,
                                dpi=dpi, progress=lambda _: progress.advance(task))
    else:
        results = build_all(letters, output, chosen, layout=layout, strict=strict, force=force,
                            release=release, timeout=timeout, jobs=jobs, dpi=dpi)
    code = _report(results)
    if not quiet:
        for result in results:
            _say_built(result)
    raise typer.Exit(code)


def _check_path(option: str, path: Path, example: str | None = None) -> None:
    """Exit 2 when a path given on the command line cannot be what the option makes it: a
    file where a folder must be (``--dir notes.txt``, ``-o notes.txt/list.csv``), or, for
    an ``-o`` that names one file (``example``), a folder (``-o .`` ended in a traceback,
    ``-o ..`` in "cannot write", exit 1, as if the disk had failed)."""
    if example is not None and (path.name in ("", "..") or path.is_dir()):
        typer.echo(f"{option} {path}: a folder; give a file name, e.g. {option} {example}",
                   err=True)
        raise typer.Exit(INVALID)
    if example is not None and path.exists() and not (
            path.is_file() or path.is_fifo() or path.is_char_device()):
        typer.echo(f"{option} {path}: not a file, a pipe or a terminal (a disk, a socket); "
                   f"give a file name, e.g. {option} {example}", err=True)
        raise typer.Exit(INVALID)
    for folder in path.parents if example is not None else [path, *path.parents]:
        if folder.exists():
            if not folder.is_dir():
                typer.echo(f"{option} {path}: {folder} is a file, in the way of a folder",
                           err=True)
                raise typer.Exit(INVALID)
            return


def _formats(texts: list[str]) -> list[str]:
    from letterpress.build import FORMATS

    chosen = list(dict.fromkeys(f.strip().lower() for text in texts for f in text.split(",")
                                if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        typer.echo(f"--format: unknown format {', '.join(unknown) or '(none)'}; "
                   f"choose from {', '.join(FORMATS)}", err=True)
        raise typer.Exit(INVALID)
    return chosen


def _check_release(release: str | None) -> None:
    from letterpress.manifest import RELEASE

    if release is not None and not RELEASE.match(release):
        typer.echo(f"--release {release!r}: use letters, digits, '.', '-' and '_', at most 64",
                   err=True)
        raise typer.Exit(INVALID)


def _say_built(result: Any) -> None:
    """One line per letter: what was written, the count, and the change since last time;
    a letter whose files came out the same, or were not rendered again (a comment edited),
    is unchanged, as the files it left as they were."""
    if result.errors:
        return
    notes = []
    if result.count is not None:
        delta = " ".join(d for d in [f"+{result.added}" if result.added else "",
                                      f"-{result.removed}" if result.removed else ""] if d)
        change = ", ".join(d for d in [delta, f"{result.changed} changed" if result.changed
                                       else ""] if d)
        noun = "signatory" if result.count == 1 else "signatories"
        notes.append(f"{result.count} {noun}{f', {change} since last build' if change else ''}")
    if result.skipped:
        what = f"unchanged {result.letter}"
    elif result.written:
        what = f"built {', '.join(str(p) for p in result.written)}"
    else:
        what = f"unchanged {', '.join(str(p) for p in result.outputs)}"
        if result.rendered:  # (--force; or a file given what made it, bar what it ignores)
            notes.append("rendered again, the same bytes")
    typer.echo(what + (f" ({'; '.join(notes)})" if notes else ""))
    if result.release and result.kept:
        typer.echo(f"release {result.release} already recorded with the same signatories: "
                   "kept as it was")
    elif result.release:
        count = "" if result.count is None else \
            f" ({result.count} {'signatory' if result.count == 1 else 'signatories'})"
        typer.echo(f"recorded release {result.release}{count}")


@app.command()
@_user_errors
def check(paths: Paths = None, layout: LayoutOpt = None, strict: Strict = False) -> None:
    """Validate letters without writing anything."""
    from letterpress.build import check as check_one

    letters = _letters(paths, "check")
    _check_layout(layout, [p.parent for p in letters])
    results = [check_one(p, layout=layout, strict=strict) for p in letters]
    code = _report(results)
    if code == 0:
        typer.echo(f"{len(letters)} letter{'s' if len(letters) != 1 else ''} OK")
    raise typer.Exit(code)


NAME_BYTES = 150  # in UTF-8; a system's file names hold 255: .NAME@RELEASE.json.PID.tmp fits


@app.command()
@_user_errors
def new(
    name: Annotated[str, typer.Argument(help="File name of the new letter, without .yaml")],
    layout: Annotated[str, typer.Option("--layout", help="letter, statement, press-release, "
                                        "or a project layout")] = "letter",
    folder: Annotated[Path, typer.Option("--dir", help="Where letters live.")] = Path("letters"),
) -> None:
    """Write a commented letters/NAME.yaml that builds, to start from, and the schemas that
    let editors complete and check it (schema/ beside the letters folder: --dir a/drafts
    writes a/schema/, the project being a/)."""
    from letterpress import schema
    from letterpress.build import LETTER_SUFFIXES

    # letters of any script ("وقف-إطلاق-النار", "عمّان"): no spaces, folders or characters
    # some systems refuse in file names
    if not re.fullmatch(r'[^\W_][^\s/\\:*?"<>|\x00-\x1f]*', name):
        typer.echo(f"{name}: a letter name starts with a letter or digit (of any script) and "
                   "has no spaces or / \\ : * ? \" < > |", err=True)
        raise typer.Exit(INVALID)
    if len(name.removesuffix(".yaml").encode()) > NAME_BYTES:  # (before the schemas are written)
        typer.echo(f"{name[:20]}...: a letter name is at most {NAME_BYTES} bytes (as many Latin "
                   f"letters, {NAME_BYTES // 2} Arabic ones), so that the file names of its "
                   "outputs fit", err=True)
        raise typer.Exit(INVALID)
    _check_path("--dir", folder)
    _check_layout(layout, [folder])
    target = folder / f"{name.removesuffix('.yaml')}.yaml"
    if target.exists():
        typer.echo(f"{target}:1:1: already exists; not overwritten", err=True)
        raise typer.Exit(INVALID)
    for namesake in sorted(folder.glob(f"{glob.escape(target.stem)}.*")):
        if namesake.stem == target.stem and namesake.suffix.lower() in LETTER_SUFFIXES:
            # x.yml or x.YAML: the two would share x.pdf (x.notes.yaml makes x.notes.pdf)
            typer.echo(f"{namesake}:1:1: a letter of this name exists, whose outputs "
                       f"({target.stem}.*) the new one would replace; choose another name",
                       err=True)
            raise typer.Exit(INVALID)
    text = (Path(__file__).parent / "scaffold" / "letter.yaml").read_text(encoding="utf-8")
    title = name.replace("-", " ").replace("_", " ").capitalize()
    folder.mkdir(parents=True, exist_ok=True)
    for written in schema.ensure(folder.parent):
        typer.echo(f"wrote {written} (for editors: completion and checks as you type)")
    line = schema.modeline(target, folder.parent / schema.FOLDER / schema.file_name("letter"))
    text = f"{line}\n" + text.replace("LAYOUT", layout).replace("TITLE", title).replace(
        "DATE", date.today().isoformat()).replace("letters/NAME.yaml", target.as_posix())
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    typer.echo(f"wrote {target}; build it with: letterpress build {target}")


@app.command("schema")
@_user_errors
def schema_(
    kind: Annotated[str, typer.Argument(help="letter, or layout for layouts/*/layout.yaml.")
                    ] = "letter",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file instead of printing.")] = None,
) -> None:
    """Print the JSON Schema of letters (or layout manifests) that editors use to complete
    and check YAML as it is typed."""
    from letterpress import schema

    if kind not in schema.SCHEMAS:
        typer.echo(f"{kind}: expected one of {', '.join(schema.SCHEMAS)}", err=True)
        raise typer.Exit(INVALID)
    if output is not None:
        _check_path("-o", output, schema.file_name(kind))
        schema.check_target(output)
    text = schema.dumps(schema.SCHEMAS[kind]())
    if output is None:
        sys.stdout.write(text)
        return
    from letterpress.write import write_out

    write_out(output, text.encode())


@app.command()
@_user_errors
def layouts() -> None:
    """List the available layouts, with a description and where each lives."""
    from letterpress.errors import LetterError
    from letterpress.layouts import BUILTIN, available, load

    for name, folder in available(Path("letters")).items():
        where = "built-in" if folder.parent == BUILTIN else str(folder)
        try:
            description = load(name, Path("letters")).description
        except LetterError as exc:  # a broken project layout is listed, not fatal
            description = f"(invalid: {exc.diagnostics[0].message})"
        typer.echo(f"{name:<16} {description}\n{'':<16} {where}")


def _member_name(c: object) -> str:
    from letterpress.escape import as_typed
    from letterpress.signatories.edit import Candidate

    assert isinstance(c, Candidate)
    name = c.member.name if isinstance(c.member.name, str) else str(c.member.name)
    return " ".join(as_typed(name).split())


@app.command()
@_user_errors
def sign(
    letter: Annotated[Path, typer.Argument(help="The letter file.")],
    name: Annotated[str, typer.Argument(help="The signatory's name (person or organisation); "
                                        "one beginning with '-' goes after '--'.")],
    group: Annotated[str | None, typer.Option("--group", help="Group to join.")] = None,
    role: Annotated[str | None, typer.Option("--role")] = None,
    organisation: Annotated[str | None, typer.Option("--organisation", "--organization")] = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    strict: Annotated[bool, typer.Option("--strict",
                                         help="Refuse likely duplicates too.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change.")] = False,
) -> None:
    """Add one signatory: to the letter's first source file, else to the letter's YAML."""
    from pydantic import ValidationError

    from letterpress import model as m
    from letterpress.invisible import blank
    from letterpress.signatories.edit import Candidate, add
    from letterpress.source import unsafe_char

    fields = {"name": name, "role": role, "organisation": organisation, "country": country,
              "group": group}
    asked_none = group is not None and blank(group)  # --group "": ungrouped, above the groups
    # a blank option is one not given (--role "" wrote role: "", printed as "Name, "), as
    # is one that prints nothing (--group RLM made a group with an empty heading)
    fields.update({k: None for k, v in fields.items() if k != "name" and blank(v or "")})

    def refuse(key: str, why: str) -> NoReturn:  # the command line is input too
        typer.echo(f"sign: {'the name' if key == 'name' else '--' + key} {fields[key]!r}: "
                   f"{why}", err=True)
        raise typer.Exit(INVALID)

    for key, value in fields.items():
        if value is not None and (bad := unsafe_char(value)) is not None:
            refuse(key, f"character U+{ord(bad[1]):04X} is a control character; remove it")
    group = fields["group"]  # --group "": the ungrouped members, as in a CSV
    try:
        member = m.Member.model_validate({k: v for k, v in fields.items()
                                          if v is not None and k != "group"})
    except ValidationError as exc:
        error = exc.errors()[0]
        refuse(str(error["loc"][0]) if error["loc"] else "name",
               str(error["msg"]).removeprefix("Value error, "))
    outcome = add(letter, [Candidate(member, group)], strict=strict, dry_run=dry_run,
                  ungrouped=asked_none)
    for _, other in outcome.present:
        hidden = ", but is not verified there (verified: false): set verified: true there to " \
            "print it" if outcome.unverified else ""
        typer.echo(other.diagnostic(f"'{name}' has already signed (same name and details)"
                                    f"{hidden}; nothing added"), err=True)
        raise typer.Exit(INVALID)
    for _, other in outcome.refused:
        typer.echo(other.diagnostic(f"'{name}' looks like this signatory; refused (--strict)"),
                   err=True)
        raise typer.Exit(INVALID)
    for _, other in outcome.likely:
        typer.echo(other.diagnostic(f"'{name}' looks like this signatory; added anyway "
                                    "(--strict refuses)", "warning"), err=True)
    for _, like in outcome.new_groups:
        if like is not None:
            typer.echo(str(like), err=True)
    verb = "would add" if dry_run else "added"
    joined = outcome.added[0].group if outcome.added else group  # as the letter spells it
    new = "a new group" if outcome.new_groups else "group"
    where = f" to {new} '{joined}'{' (at the end)' if outcome.new_groups else ''}" \
        if joined else " ungrouped, printed before the groups," if outcome.before_groups else ""
    typer.echo(f"{verb} '{name}'{where} in {outcome.target}")


@app.command("import")
@_user_errors
def import_(
    letter: Annotated[Path, typer.Argument(help="The letter file.")],
    csv_file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="A form export.")],
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="FIELD=COLUMN, e.g. name='Full name' (repeatable).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="COLUMN", help="A column to leave out, e.g. 'How did you hear "
        "about our organisation?' (repeatable).")] = None,
    group: Annotated[str | None, typer.Option("--group",
                                              help="Group for rows that name none.")] = None,
    strict: Annotated[bool, typer.Option("--strict",
                                         help="Refuse likely duplicates too.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change.")] = False,
) -> None:
    """Merge a CSV export into the letter's signatories: a later export adds only its new
    rows (the letter remembers the rows taken in, in comments at its end)."""
    from letterpress.invisible import blank
    from letterpress.signatories import seen
    from letterpress.signatories.edit import Candidate, add
    from letterpress.signatories.sources import ALIASES, FIELDS, read_csv

    fields: dict[str, str] = {}
    for item in mapping or []:
        key, _, column = item.partition("=")
        key = ALIASES.get(key.strip().casefold(), key.strip())  # --map organization=...
        if key not in FIELDS or not column.strip():
            typer.echo(f"--map {item}: expected FIELD=COLUMN with FIELD one of "
                       f"{', '.join(FIELDS)}", err=True)
            raise typer.Exit(INVALID)
        fields[key] = column.strip()
    table = read_csv(csv_file, str(csv_file), fields, lenient=True, dropped=ignore or ())
    for note in table.notes:
        typer.echo(str(note), err=True)
    candidates = [Candidate(row.member, row.group or group, row.place,
                            seen.code(row.member, row.group)) for row in table.rows]
    outcome = add(letter, candidates, strict=strict, dry_run=dry_run,
                  ungrouped=group is not None and blank(group), titles=table.titles)
    for note in outcome.notes:
        typer.echo(str(note), err=True)
    verb = "would add" if dry_run else "added"
    # a row without consent is written (verified: false) and not printed, unless the letter
    # sets include_unverified: told apart, so "added N" is the number the letter gains
    unconsented = [c for c in outcome.added if c.member.verified is False]
    withheld = [] if outcome.prints_unverified else unconsented
    published = [c for c in outcome.added if c not in withheld]
    loose = sum(c.group is None for c in published) if outcome.before_groups else 0
    where = "; ".join(part for part in [
        f"{loose} ungrouped, printed before the groups" if loose else "",
        f"{len(unconsented)} without consent, printed all the same: the letter sets "
        "include_unverified: true" if unconsented and not withheld else ""] if part)
    typer.echo(f"{verb} {len(published)} to {outcome.target}{f' ({where})' if where else ''}")
    for c in published:
        printed = "; no consent, written with verified: false, printed all the same" \
            if c in unconsented else ""
        typer.echo(f"  + {_member_name(c)} (line {c.origin.line if c.origin else '?'}"
                   f"{printed})")
    if withheld:
        typer.echo(f"kept unpublished, no consent: {len(withheld)}")
    for c in withheld:
        typer.echo(f"  ? {_member_name(c)} (line {c.origin.line if c.origin else '?'}; "
                   "written with verified: false, not printed)")
    typer.echo(f"new groups (at the end): {len(outcome.new_groups)}")
    for created, like in outcome.new_groups:
        typer.echo(f"  * {created}")
        if like is not None:
            typer.echo(f"    {like}")
    typer.echo(f"already present: {len(outcome.present)}")
    for c, other in outcome.present:
        consent = "; not verified there, so not printed: set verified: true there to print it" \
            if (c, other) in outcome.unverified else ""
        typer.echo(f"  = {_member_name(c)} (line {c.origin.line if c.origin else '?'}; "
                   f"as at {other}{consent})")
    typer.echo(f"imported before: {len(outcome.known)}")
    for c in outcome.known:
        typer.echo(f"  = {_member_name(c)} (line {c.origin.line if c.origin else '?'}; "
                   "corrected or removed in the letter since: not added again)")
    typer.echo(f"likely duplicates: {len(outcome.likely) + len(outcome.refused)}")
    for c, other in outcome.likely + outcome.refused:
        state = "refused" if (c, other) in outcome.refused else "added"
        typer.echo(f"  ~ {_member_name(c)} (line {c.origin.line if c.origin else '?'}) looks "
                   f"like the signatory at {other}; {state}")
    typer.echo(f"rejected: {len(table.rejected)}")
    for diag in table.rejected:
        typer.echo(f"  {diag}")
    if outcome.taken:
        typer.echo(f"{'would remember' if dry_run else 'remembered'} {len(outcome.taken)} "
                   f"row{'s' if len(outcome.taken) > 1 else ''} in {letter} (in comments at "
                   "its end), so a later export adds only its new rows")
    raise typer.Exit(INVALID if table.rejected or outcome.refused else 0)


@app.command()
@_user_errors
def signatories(
    letter: Annotated[Path, typer.Argument(help="The letter file.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, json or txt.")] = "csv",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file instead of printing (a CSV file starts "
        "with a UTF-8 mark, so Excel reads Arabic and accents right; an existing file is "
        "replaced only if it is an earlier export holding no row the new one leaves out, "
        "never if the letter reads it).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing file that is not an earlier export, or would lose "
        "rows.")] = False,
) -> None:
    """Print the final signatory list: groups, numbers and fields."""
    from letterpress.load import load
    from letterpress.manifest import dependencies
    from letterpress.signatories import export
    from letterpress.view import build as build_page

    writers = {"csv": export.to_csv, "json": export.to_json, "txt": export.to_text}
    if fmt not in writers:
        typer.echo(f"--format: expected csv, json or txt, got {fmt!r}", err=True)
        raise typer.Exit(INVALID)
    if output is not None:
        _check_path("-o", output, f"signatories.{fmt}")
    loaded = load(letter)
    page = build_page(loaded)
    if page.signatories is None:
        typer.echo(f"{letter}:1:1: this letter has no signatories", err=True)
        raise typer.Exit(INVALID)
    text = writers[fmt](page.signatories)
    if output is not None:
        export.check_target(output, dependencies(loaded), fmt, text, force=force)
    if output is None:
        sys.stdout.write(text)
        return
    from letterpress.write import write_out

    write_out(output, (("\ufeff" if fmt == "csv" else "") + text).encode())


@app.command()
@_user_errors
def changes(
    letter: Annotated[Path, typer.Argument(help="The letter file.")],
    since: Annotated[str | None, typer.Option(
        "--since", help="A release named with build --release (default: the last build).")
                     ] = None,
    output: OutputOpt = Path("output"),
    formats: Annotated[list[str], typer.Option(
        "-f", "--format", metavar="FORMATS", help="Since the last build of these formats' "
        "files, as build says it (default: pdf,docx; one never built: since the last build "
        "of any).")] = DEFAULT_FORMATS,
) -> None:
    """List who was added or removed since the last build (or a named release)."""
    from letterpress import manifest
    from letterpress.load import load
    from letterpress.view import build as build_page

    chosen = _formats(formats)
    _check_release(since)
    page = build_page(load(letter))
    before = manifest.read(output, letter.stem, since)
    if before is None:
        what = f"release '{since}'" if since else "build"
        typer.echo(f"{letter}:1:1: no recorded {what} of this letter in {output}/", err=True)
        raise typer.Exit(INVALID)
    signers, built = (before.signers, []) if since else before.before(chosen)
    now = manifest.signers(page.signatories)
    found = manifest.compare(signers, now)
    label = f"release {since}" if since else "the last build" + (
        f" of {', '.join(built)}" if built else "")
    typer.echo(f"since {label}: {len(found.added)} added, {len(found.removed)} removed, "
               f"{len(found.changed)} changed")
    listed = Counter(s.key for s in now)  # one listed twice is one added, said so
    for mark, s in [*(("+", s) for s in found.added), *(("-", s) for s in found.removed)]:
        times = listed[s.key]
        twice = f" (now listed {'once' if times == 1 else f'{times} times'})" \
            if times > (mark == "+") else ""
        typer.echo(f"{mark} {s.name}" + (f" ({s.group})" if s.group else "") + twice)
    for old, new in found.changed:  # (as the letter shows it now; what changed after)
        told = manifest.differences(old, new) or ["details changed"]
        typer.echo(f"~ {new.name}" + (f" ({new.group})" if new.group else "")
                   + f": {'; '.join(told)}")


@app.command()
@_user_errors
def watch(
    paths: Paths = None,
    output: OutputOpt = Path("output"),
    formats: FormatsOpt = DEFAULT_FORMATS,
    layout: LayoutOpt = None,
    strict: Strict = False,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between looks.")
                        ] = 0.5,
    dpi: DpiOpt = DPI,
) -> None:
    """Rebuild a letter whenever it or anything it uses is saved (Ctrl-C stops)."""
    import gc

    from letterpress.build import find_letters
    from letterpress.watch import Watcher

    gc.enable()
    chosen = _formats(formats)
    _check_layout(layout, [p.parent for p in find_letters(paths or [Path("letters")])])
    watcher = Watcher(paths or [Path("letters")], output, chosen, layout=layout, strict=strict,
                      dpi=dpi)
    typer.echo(f"watching {', '.join(str(p) for p in paths or [Path('letters')])} "
               "(Ctrl-C stops)")
    try:
        while True:
            for result in watcher.poll():
                for diag in [*result.warnings, *result.errors]:
                    typer.echo(str(diag), err=True)
                _say_built(result)
            watcher.sleep(interval)
    except KeyboardInterrupt:
        typer.echo("stopped")


@app.command()
@_user_errors
def preview(
    letter: Annotated[Path, typer.Argument(help="The letter file.")],
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 "
                                      "(0: any free port).")] = 8000,
    layout: LayoutOpt = None,
    strict: Strict = False,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between looks.")
                        ] = 0.3,
) -> None:
    """Serve the letter on 127.0.0.1 and reload the browser whenever it changes (Ctrl-C
    stops)."""
    import gc
    import time

    from letterpress.preview import Preview, Server

    gc.enable()  # runs for hours, like watch
    _check_layout(layout, [letter.parent])
    shown = Preview(letter, layout=layout, strict=strict)
    try:
        server = Server(shown, port)
    except OSError as exc:
        hint = " (another preview?); choose one with --port N, or --port 0 for any free port" \
            if port else ""
        typer.echo(f"--port {port}: cannot listen on 127.0.0.1:{port}: "
                   f"{exc.strerror or exc}{hint}", err=True)
        raise typer.Exit(1) from None
    try:
        _say_rendered(shown.refresh(), None)  # the first page is there before the URL
        server.start()
        typer.echo(f"previewing {letter} at {server.url} (Ctrl-C stops)")
        while True:
            time.sleep(interval)
            _say_rendered(shown.refresh(), server.url)
    except KeyboardInterrupt:
        server.stop()
        typer.echo("stopped")


def _say_rendered(rendering: Any, url: str | None) -> None:
    """A preview's problems as build prints them, and a line when the page was updated."""
    if rendering is None:
        return
    for diag in rendering.problems:
        typer.echo(str(diag), err=True)
    if url and not rendering.failed:
        typer.echo(f"updated {url}")


INTERRUPTED = "interrupted; every previous output is kept"


def main() -> None:
    """Entry point: user errors exit 2 with located messages; bugs keep their traceback."""
    import gc

    from letterpress.errors import LetterError

    # A one-shot command allocates many short-lived objects and exits: the cyclic collector
    # only costs time (50,000 signatories: check 6.2 s -> 3.4 s, same memory). watch, which
    # runs for hours, turns it back on.
    gc.disable()
    try:
        app()
    except LetterError as exc:
        for diag in exc.diagnostics:
            print(diag, file=sys.stderr)
        sys.exit(INVALID)
    except KeyboardInterrupt:  # Ctrl-C: outputs are written all or nothing, so none is lost
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # Ctrl-C in a command, which Typer turns into exit 130
            print(INTERRUPTED, file=sys.stderr)
        raise
