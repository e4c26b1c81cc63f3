"""The fonts letterpress ships: their families, which a layout may name (any other font is
whatever the machine has, so the PDF would differ from machine to machine), and which
characters they cover, so a letter in another script is warned about instead of silently
printing empty boxes."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache

from letterpress import FONTS
from letterpress.errors import Diagnostic
from letterpress.source import Document, format_path, strings
from letterpress.validate import suggest

FAMILIES = {  # family -> (file stem, has italics)
    "Noto Serif": ("NotoSerif", True),
    "Noto Sans": ("NotoSans", True),
    "Noto Naskh Arabic": ("NotoNaskhArabic", False),
    "Noto Serif Hebrew": ("NotoSerifHebrew", False),
    "Noto Sans Hebrew": ("NotoSansHebrew", False),
    "Letterpress Brackets Serif": ("LetterpressBracketsSerif", False),
    "Letterpress Brackets Sans": ("LetterpressBracketsSans", False),
}
TEXT = ("Noto Serif", "Noto Sans")  # with Latin letters: what a layout sets its text in
NAMED = (*TEXT, "Noto Naskh Arabic", "Noto Serif Hebrew", "Noto Sans Hebrew")  # (the
# brackets are right-to-left text's own, scripts/bracket_fonts.py)
LAYOUT_FONTS = ("a layout's fonts are Noto Serif and Noto Sans, which letterpress ships (Arabic "
                "and Hebrew text takes its shipped Noto Naskh Arabic and Noto Serif or Sans "
                "Hebrew by itself)")


def text_font(name: str) -> str:
    """The shipped family a layout's ``font`` or ``heading_font`` names, in any capitals (CSS
    and Word match font names so). Any other is refused: the PDF took the font Fontconfig
    found for it on the machine (DejaVu Sans for Comic Sans MS), the same on no two
    machines and not among a build's recorded inputs, while the DOCX named the other."""
    for family in TEXT:
        if family.casefold() == name.casefold():
            return family
    if name.casefold() in (family.casefold() for family in NAMED):
        raise ValueError(f"'{name}' is the font of Arabic or Hebrew text alone; {LAYOUT_FONTS}")
    raise ValueError(f"'{name}' is not a font letterpress ships{suggest(name, list(TEXT))}; "
                     f"{LAYOUT_FONTS}")

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

