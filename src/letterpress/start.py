"""The ``letterpress`` command's entry point: for one letter to PDF, WeasyPrint's process is
forked before anything else is imported.

Importing WeasyPrint (0.2-0.3 s) and laying the PDF out is the critical path of a one-letter
build; Typer and the command line take another 0.06 s to import, so the child starts before
them. The command line is only glanced at here; ``cli`` parses it. A wrong guess costs a
process that is stopped at exit, or the head start.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from pathlib import Path

_VALUED = {"-o", "--output", "--layout", "--release", "--timeout", "-j", "--jobs", "--dpi"}
_FORMAT = ("-f", "--format")


_LASTING = {"watch", "preview"}  # commands that run until stopped, and may hold threads


def main() -> None:
    if one_letter_to_pdf(sys.argv[1:]):
        from letterpress.render import pdf_process

        pdf_process.start()
        atexit.register(pdf_process.stop)
    from letterpress.cli import main as cli_main

    if (sys.argv[1:2] and sys.argv[1] in _LASTING) or sys.getprofile() or sys.gettrace():
        cli_main()  # a profiler, debugger or tracer has work to do after main
        return
    try:
        cli_main()
    except SystemExit as exc:
        quick_exit(exc.code)
    quick_exit(0)


def quick_exit(code: object) -> None:
    """End a one-shot command without tearing the interpreter down: the streams are flushed
    and the exit handlers run (the PDF process's stop, temporary folders), but the objects
    of a large letter are not freed one by one (10,000 signatories: 0.15-0.2 s)."""
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    _flush()
    atexit._run_exitfuncs()
    _flush()  # what an exit handler printed
    os._exit(code or 0)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed (``>&-``)
            continue
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or file
            stream.flush()


def one_letter_to_pdf(args: list[str]) -> bool:
    """Whether ``args`` build one letter file with a PDF (or page images) among the
    formats (PDF and DOCX by default)."""
    if not args or args[0] != "build":
        return False
    paths: list[str] = []
    formats: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg in _FORMAT:
            formats.append(next(rest, ""))
        elif arg.startswith("--format="):
            formats.append(arg.partition("=")[2])
        elif arg.startswith("-f") and not arg.startswith("--"):
            formats.append(arg[2:])
        elif arg in _VALUED:
            next(rest, None)
        elif not arg.startswith("-"):
            paths.append(arg)
    wanted = {f.strip().lower() for text in formats or ["pdf"] for f in text.split(",")}
    return len(paths) == 1 and Path(paths[0]).is_file() and bool(wanted & {"pdf", "png"})
