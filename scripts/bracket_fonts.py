"""Make the shipped "Letterpress Brackets" fonts: the brackets of Noto Serif and Noto Sans
under a family name of their own (OFL: Noto reserves no font name), for right-to-left text.

Why: Noto Naskh Arabic has no brackets, so Arabic (and Hebrew) text takes them from the
body font, where HarfBuzz draws "(" in right-to-left text with the glyph of ")". A PDF maps
each glyph to one character, so the first use decided, and English text elsewhere in the
letter copied out as "Some text )in brackets( here". Brackets of their own give right-to-
left text its own glyph ids. Run once; the output is committed:

    .venv/bin/python scripts/bracket_fonts.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "src" / "letterpress" / "fonts"
# every bidi-mirrored character the body fonts have a glyph for that letters use
BRACKETS = "()[]{}<>«»‹›"


def make(source: str, family: str, style: str) -> None:
    font = TTFont(FONTS / f"{source}-{style}.ttf")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=BRACKETS)
    subsetter.subset(font)
    full = f"{family} {style}".replace("Regular", "").strip()
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = full
        elif record.nameID == 6:
            record.string = full.replace(" ", "")
        elif record.nameID == 3:
            record.string = f"letterpress:{full.replace(' ', '')}"
    font.save(FONTS / f"{family.replace(' ', '')}-{style}.ttf")


if __name__ == "__main__":
    for source, family in (("NotoSerif", "Letterpress Brackets Serif"),
                           ("NotoSans", "Letterpress Brackets Sans")):
        for style in ("Regular", "Bold"):
            make(source, family, style)
