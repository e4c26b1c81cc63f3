"""Which characters the shipped fonts cover, so a letter in another script is warned about
instead of silently printing empty boxes."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache

from letterpress import FONTS
from letterpress.errors import Diagnostic
from letterpress.source import Document, format_path, strings

_SURE = (range(0x20, 0x250), range(0x600, 0x700), range(0x2000, 0x2070))  # Latin, Arabic, punct.


@cache
def covered() -> frozenset[int]:
    """Every code point some shipped font has a glyph for (read once, only when needed)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in sorted(FONTS.glob("*.ttf")):
        font = TTFont(path, lazy=True)
        points.update(font.getBestCmap() or {})
        font.close()
    return frozenset(points)


def _system_has(char: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True,
                         text=True, check=False, timeout=10).stdout
    return bool(out.strip())


_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))  # variation selectors


def _unusual(char: str) -> bool:
    """A letter, mark or digit outside the scripts every shipped font set has (a variation
    selector, the invisible mark after an emoji such as ❤️, belongs to no script)."""
    point = ord(char)
    return not any(point in r for r in _SURE) and unicodedata.category(char)[0] in "LMN" \
        and not any(point in r for r in _SELECTORS)


def uncovered(doc: Document) -> list[Diagnostic]:
    """A warning per script the shipped fonts lack, naming where it is first used."""
    warnings: list[Diagnostic] = []
    missing = {char for char in set(doc.text)
               if _unusual(char) and ord(char) not in covered()}
    seen: set[str] = set()
    for path, text in strings(doc.data) if missing else ():
        for char in sorted(set(text) & missing, key=text.index):
            missing.discard(char)
            word = unicodedata.name(char, "UNKNOWN").split()[0]
            script = word if len(word) <= 3 else word.capitalize()
            if script in seen:
                continue
            seen.add(script)
            fallback = ("a system font is used for them in the PDF" if _system_has(char) else
                        "no font on this machine has them: they will print as empty boxes")
            warnings.append(doc.diagnostic(path, f"{format_path(path)}: the shipped fonts have "
                                           f"no {script} characters ('{char}'); {fallback}",
                                           severity="warning"))
    return warnings
