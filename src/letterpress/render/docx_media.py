"""Pictures: sizes from CSS lengths, inline drawings related to the part that shows them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.shape import CT_Inline
from docx.shared import Emu

from letterpress.render.docx_xml import Element, new, sub, w

EMU_PER = {"cm": 360000, "mm": 36000, "in": 914400, "pt": 12700, "pc": 152400, "px": 9525}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(%|cm|mm|in|pt|pc|px)?\s*$")


def css_width(value: str | None, text_width: int) -> int | None:
    """A CSS width ("60%", "8cm", "120px") in EMU, capped at the text width; None if unset."""
    if not value:
        return None
    match = _LENGTH.match(value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    emu = number / 100 * text_width if unit == "%" else number * EMU_PER[unit]
    return max(1, min(round(emu), text_width))


class Pictures:
    """Adds image parts once per file and inline drawings with unique drawing ids."""

    def __init__(self, package: Any, text_width: int) -> None:
        self.package = package
        self.text_width = text_width
        self._next_id = 1

    def run(self, part: Any, path: Path, *, width: int | None = None,
            height: int | None = None, alt: str = "") -> Element | None:
        """A ``w:r`` holding the picture, or None for a format Word cannot show (SVG).

        Without a width the picture keeps its natural size (from its DPI), never wider
        than the text; with only a height the width follows the aspect ratio.
        """
        try:
            image_part = self.package.get_or_add_image_part(str(path))
        except (UnrecognizedImageError, OSError):
            return None
        image = image_part.image
        natural_w, natural_h = int(image.width), int(image.height)
        if natural_w <= 0 or natural_h <= 0:
            return None
        if width is None and height is not None:
            width = round(natural_w * height / natural_h)
        if width is None:
            width = natural_w
        width = min(width, self.text_width)
        cy = max(1, round(width * natural_h / natural_w))
        rid = part.relate_to(image_part, RT.IMAGE)
        shape_id = self._next_id
        self._next_id += 1
        inline = CT_Inline.new_pic_inline(shape_id, rid, path.name, Emu(width), Emu(cy))
        inline.docPr.set("descr", alt)
        r = new("w:r")
        sub(r, w("drawing")).append(inline)
        return r
