"""Where one build's time goes, stage by stage, without a profiler's overhead.

    python3 bench/phases.py LETTER.yaml [BUILD OPTIONS]      # e.g. --format docx --force

Runs ``letterpress build LETTER.yaml ...`` in this process with a clock around each stage
of the pipeline (load -> validate -> view -> render -> write) and prints the table when the
build ends. cProfile and pyinstrument double a 10,000-signatory DOCX build (0.8 s -> 1.6-1.8
s) and blur what is start-up and what is work; this costs a few microseconds per call. A
stage's time includes the stages inside it (``load`` holds ``read``, ``validate`` and the
checks). The PDF is laid out in another process, while the other formats render here.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import sys
import time
from collections.abc import Callable
from typing import Any

STARTED = time.perf_counter()

# (module, function, stage): every module that imported the function by name gets the timed one
STAGES = [
    ("letterpress.load", "load", "load (read, validate, checks)"),
    ("letterpress.source", "read_file", "  read the YAML (libyaml, positions)"),
    ("letterpress.validate", "validate", "  validate (pydantic)"),
    ("letterpress.signatories.dedupe", "duplicates", "  duplicate signatories"),
    ("letterpress.load", "_placeholders", "  misspelt placeholders"),
    ("letterpress.fonts", "uncovered", "  characters the fonts lack"),
    ("letterpress.build", "missing_translations", "missing translations"),
    ("letterpress.view", "build", "view (numbers, Markdown, directions)"),
    ("letterpress.build", "files_of", "render every format (the PDF: until it is laid out)"),
    ("letterpress.render.docx", "render", "  DOCX"),
    ("letterpress.render.html", "render", "  HTML (for the PDF too)"),
    ("letterpress.render.text", "render", "  TXT"),
    ("letterpress.write", "write_all", "write the outputs"),
    ("letterpress.manifest", "write", "write the manifest"),
]

spent: dict[str, float] = {}


def timed(function: Callable[..., Any], stage: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            if hasattr(result, "__next__"):  # a generator does its work when consumed
                result = iter(list(result))
            return result
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - start
    return run


def instrument() -> None:
    for module_name, name, stage in STAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if function is None:
            continue
        wrapper = timed(function, stage)
        for loaded in list(sys.modules.values()):
            if getattr(loaded, "__name__", "").startswith("letterpress") and \
                    getattr(loaded, name, None) is function:
                setattr(loaded, name, wrapper)


def report(imported: float) -> None:
    total = time.perf_counter() - STARTED
    rows = [("start-up: import letterpress, Typer, pydantic, python-docx...", imported),
            *((stage, spent[stage]) for _, _, stage in STAGES if stage in spent),
            ("whole process, after Python's own start", total)]
    width = max(len(stage) for stage, _ in rows)
    print(file=sys.stderr)
    for stage, seconds in rows:
        print(f"{stage:<{width}}  {seconds * 1000:7.0f} ms", file=sys.stderr)


def main() -> None:
    # what a build imports before its first stage
    import letterpress.build
    import letterpress.cli
    import letterpress.render.docx
    import letterpress.view

    imported = time.perf_counter() - STARTED
    instrument()
    atexit.register(report, imported)
    sys.argv = ["letterpress", "build", *sys.argv[1:]]
    letterpress.cli.main()


if __name__ == "__main__":
    main()
