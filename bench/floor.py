"""The floor under the DOCX build: what the required stack costs before any work.

    python3 bench/floor.py LETTER.yaml

Starts, imports what a ``letterpress build`` cannot do without (Typer for the command line,
pydantic for validation, python-docx, PyYAML) and parses the letter with libyaml's composer,
as letterpress does, then ends: no validation, no view, no rendering, nothing written. The
benchmark times this whole process beside the DOCX build of the same letter.
"""

import sys

import docx  # noqa: F401
import pydantic  # noqa: F401
import typer  # noqa: F401
import yaml

with open(sys.argv[1], encoding="utf-8") as letter:
    yaml.compose(letter.read(), Loader=yaml.CSafeLoader)
