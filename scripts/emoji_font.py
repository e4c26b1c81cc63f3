"""Make the shipped "Noto Emoji" fonts (monochrome emoji, so that a letter's 📣 or ✊🏽
prints in the PDF instead of an empty box): Noto Emoji 3.002 (Copyright 2013 Google LLC,
SIL Open Font Licence 1.1, no reserved name), as the PyPI package manimgx-fonts ships it
unmodified (NotoEmoji[wght].ttf, a variable font of 2 MB), instanced at the weights
letterpress names, regular (400) and bold (700), 0.9 MB each. Run once; the output is
committed:

    .venv/bin/pip download --no-deps -d /tmp/emoji manimgx-fonts
    unzip -o /tmp/emoji/manimgx_fonts-*.whl -d /tmp/emoji
    .venv/bin/python scripts/emoji_font.py "/tmp/emoji/manimgx_fonts/NotoEmoji[wght].ttf"
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

FONTS = Path(__file__).resolve().parent.parent / "src" / "letterpress" / "fonts"


def main(source: str) -> None:
    for weight, style in ((400, "Regular"), (700, "Bold")):
        font = instancer.instantiateVariableFont(TTFont(source), {"wght": weight},
                                                 updateFontNames=True)
        font.save(FONTS / f"NotoEmoji-{style}.ttf")


if __name__ == "__main__":
    main(sys.argv[1])
