"""The command line: parse options, call build/check, print the report. Nothing else.

Exit codes: 0 success, 2 invalid input (every problem printed as FILE:LINE:COL: message),
1 anything else.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from letterpress import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Open letters in YAML to release-quality PDF, DOCX, HTML and text.")

INVALID = 2
Paths = Annotated[list[Path] | None, typer.Argument(help="Letter files or folders "
                                                    "(default: letters/)", show_default=False)]
Strict = Annotated[bool, typer.Option("--strict", help="Treat duplicate signatories as errors.")]
LayoutOpt = Annotated[str | None, typer.Option("--layout", help="Override the letter's layout.")]


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


def _letters(paths: list[Path] | None) -> list[Path]:
    from letterpress.build import find_letters

    letters = find_letters(paths or [Path("letters")])
    if not letters:
        where = ", ".join(str(p) for p in paths or [Path("letters")])
        typer.echo(f"{where}:1:1: no letter files (*.yaml) found", err=True)
        raise typer.Exit(INVALID)
    return letters


def _report(results: list, quiet: bool) -> int:  # type: ignore[type-arg]
    failed = False
    for result in results:
        for diag in result.warnings:
            typer.echo(str(diag), err=True)
        for diag in result.errors:
            typer.echo(str(diag), err=True)
        failed = failed or bool(result.errors)
    return INVALID if failed else 0


@app.command()
def build(
    paths: Paths = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")] = Path(
        "output"),
    formats: Annotated[str, typer.Option("-f", "--format",
                                         help="Comma-separated: pdf,docx,html,txt.")] = "pdf,docx",
    layout: LayoutOpt = None,
    strict: Strict = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only problems.")] = False,
) -> None:
    """Build letters into OUTPUT (PDF and DOCX by default)."""
    from letterpress.build import FORMATS, build_all

    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        typer.echo(f"--format: unknown format {', '.join(unknown) or '(none)'}; "
                   f"choose from {', '.join(FORMATS)}", err=True)
        raise typer.Exit(INVALID)
    letters = _letters(paths)
    if len(letters) > 1 and not quiet and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("Building", total=len(letters))
            results = build_all(letters, output, chosen, layout=layout, strict=strict,
                                progress=lambda _: progress.advance(task))
    else:
        results = build_all(letters, output, chosen, layout=layout, strict=strict)
    code = _report(results, quiet)
    if not quiet:
        for result in results:
            if result.outputs:
                names = ", ".join(str(p) for p in result.outputs)
                count = "" if result.count is None else f" ({result.count} signatories)"
                typer.echo(f"built {names}{count}")
    raise typer.Exit(code)


@app.command()
def check(paths: Paths = None, layout: LayoutOpt = None, strict: Strict = False) -> None:
    """Validate letters without writing anything."""
    from letterpress.build import check as check_one

    letters = _letters(paths)
    results = [check_one(p, layout=layout, strict=strict) for p in letters]
    code = _report(results, quiet=False)
    if code == 0:
        typer.echo(f"{len(letters)} letter{'s' if len(letters) != 1 else ''} OK")
    raise typer.Exit(code)


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="File name of the new letter, without .yaml")],
    layout: Annotated[str, typer.Option("--layout", help="letter, statement, press-release, "
                                        "or a project layout")] = "letter",
    folder: Annotated[Path, typer.Option("--dir", help="Where letters live.")] = Path("letters"),
) -> None:
    """Write a commented letters/NAME.yaml that builds, to start from."""
    from letterpress.layouts import available

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        typer.echo(f"{name}: a letter name uses letters, digits, '-', '_' and '.'", err=True)
        raise typer.Exit(INVALID)
    known = available(folder)
    if layout not in known:
        typer.echo(f"--layout: unknown layout '{layout}'; available: {', '.join(known)}",
                   err=True)
        raise typer.Exit(INVALID)
    target = folder / f"{name.removesuffix('.yaml')}.yaml"
    if target.exists():
        typer.echo(f"{target}:1:1: already exists; not overwritten", err=True)
        raise typer.Exit(INVALID)
    text = (Path(__file__).parent / "scaffold" / "letter.yaml").read_text(encoding="utf-8")
    title = name.replace("-", " ").replace("_", " ").capitalize()
    text = text.replace("LAYOUT", layout).replace("TITLE", title).replace(
        "DATE", date.today().isoformat())
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    typer.echo(f"wrote {target}; build it with: letterpress build {target}")


@app.command()
def layouts() -> None:
    """List the available layouts, with a description and where each lives."""
    from letterpress.layouts import BUILTIN, available, load

    for name, folder in available(Path("letters")).items():
        where = "built-in" if folder.parent == BUILTIN else str(folder)
        try:
            description = load(name, Path("letters")).description
        except Exception as exc:  # a broken project layout is listed, not fatal
            description = f"(invalid: {exc})"
        typer.echo(f"{name:<16} {description}\n{'':<16} {where}")


def main() -> None:
    """Entry point: user errors exit 2 with located messages; bugs keep their traceback."""
    from letterpress.errors import LetterError

    try:
        app()
    except LetterError as exc:
        for diag in exc.diagnostics:
            print(diag, file=sys.stderr)
        sys.exit(INVALID)
