"""Write src/letterpress/glyph_widths.py: the advance widths of the shipped fonts, which
text_width measures text with (without opening a font: fontTools costs 0.1 s to import and
read). For each character, the widest of the shipped fonts that draw it, so that text fits
in any of them: Noto Serif or Sans, Noto Naskh Arabic, Noto Serif or Sans Hebrew, and the
brackets of right-to-left text. Run again when a font changes; the output is committed:

    .venv/bin/python scripts/glyph_widths.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "letterpress" / "fonts"
OUT = ROOT / "src" / "letterpress" / "glyph_widths.py"
TEXT, HEBREW, ARABIC = ("NotoSerif", "NotoSans"), ("NotoSerifHebrew", "NotoSansHebrew"), (
    "NotoNaskhArabic",)
# the characters of printed text and list markers, each in the fonts that set its script
# (the brackets of right-to-left text are the text fonts' own): Latin, Greek and Cyrillic
# letters, spaces, dashes, quotes and bullets; Hebrew letters; Arabic-Indic and Persian digits
RUNS = (((0x20, 0x7E), TEXT), ((0xA0, 0xFF), TEXT), ((0x391, 0x3C9), TEXT),
        ((0x400, 0x45F), TEXT), ((0x2000, 0x2027), TEXT), ((0x5D0, 0x5EA), HEBREW),
        ((0x660, 0x669), ARABIC), ((0x6F0, 0x6F9), ARABIC))
# Arabic letters as they stand alone (a list's "ب-"): joined in a word, they are narrower
ALONE = (((0x621, 0x64A), ARABIC),)
Runs = tuple[tuple[tuple[int, int], tuple[str, ...]], ...]


def width(point: int, stems: tuple[str, ...], style: str) -> int:
    """The widest advance among the fonts that have the character, in 1/1000 em (0: none)."""
    found = 0
    for stem in stems:
        font = _font(stem, style)
        glyph = font.getBestCmap().get(point)
        if glyph is not None:
            found = max(found, round(font["hmtx"][glyph][0] * 1000 / font["head"].unitsPerEm))
    return found


_fonts: dict[str, TTFont] = {}


def _font(stem: str, style: str) -> TTFont:
    name = f"{stem}-{style}.ttf"
    if name not in _fonts:
        _fonts[name] = TTFont(FONTS / name, lazy=True)
    return _fonts[name]


def table(name: str, style: str, runs: Runs) -> str:
    """``name = {first code point: (widths from it on, 0 where no font has the character)}``."""
    lines = [f"{name}: dict[int, tuple[int, ...]] = {{"]
    for (first, last), stems in runs:
        values = [width(point, stems, style) for point in range(first, last + 1)]
        lines.append(f"    0x{first:04X}: (")
        for start in range(0, len(values), 16):
            lines.append("        " + ", ".join(map(str, values[start:start + 16])) + ",")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines)


HEAD = ('"""Advance widths of the shipped fonts, in thousandths of an em: for each character the\n'
        "widest of the fonts that draw it. Made by scripts/glyph_widths.py from the fonts' hmtx\n"
        '(do not edit); text_width reads them."""\n')


def source() -> str:
    """The module's text (tests/test_text_width.py checks the committed one against it)."""
    return (f"{HEAD}\n{table('REGULAR', 'Regular', RUNS)}\n{table('BOLD', 'Bold', RUNS)}\n"
            f"{table('ALONE_REGULAR', 'Regular', ALONE)}\n{table('ALONE_BOLD', 'Bold', ALONE)}\n")


def main() -> None:
    OUT.write_text(source(), encoding="utf-8")


if __name__ == "__main__":
    main()
