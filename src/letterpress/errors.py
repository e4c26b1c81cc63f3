"""User-facing diagnostics, kept apart from bugs: a user error never shows a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place, printed as ``FILE:LINE:COL: message``."""

    file: str
    line: int
    col: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}"


class LetterError(Exception):
    """Invalid user input: carries every diagnostic found, so all are reported at once."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(map(str, self.diagnostics)))


def suggest(word: str, options: Iterable[str]) -> str:
    """ (did you mean 'x'?)", or nothing when no option is close."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
