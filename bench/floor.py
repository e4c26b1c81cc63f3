"""The floor under the DOCX build: what the required stack costs before any work.

    python3 bench/floor.py LETTER.yaml

Starts, imports what a ``letterpress build`` cannot do without (Typer for the command line,
pydantic for validation, python-docx, PyYAML) and parses the letter with libyaml's composer,
as letterpress does, then ends: no validation, no view, no rendering, nothing written. The
benchmark times this whole process beside the DOCX build of the same letter.
"""

import sys
from pathlib import Path

import docx  # noqa: F401
import pydantic  # noqa: F401
import typer  # noqa: F401
import yaml

yaml.compose(Path(sys.argv[1]).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
