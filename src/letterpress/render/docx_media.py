"""Pictures: sizes from CSS lengths, inline drawings related to the part that shows them."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from lxml import etree

from letterpress.render import raster
from letterpress.render.docx_xml import Element, new, sub, w

# Office 2016's extension of a picture: the SVG itself beside its PNG (which other readers show)
SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
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
        self._vectors: dict[str, Part] = {}  # SVG parts by their digest

    def run(self, part: Any, path: Path, *, width: int | None = None,
            box: tuple[int, int] | None = None, alt: str = "") -> Element | None:
        """A ``w:r`` holding the picture, or None for a file that is not a picture.

        Sized as the PDF sizes it: ``width`` if given, else its natural size (a pixel a CSS
        pixel, as WeasyPrint, whatever DPI the file records; an SVG its own size), shrunk
        to fit ``box`` (a largest width and height, as CSS max-width and max-height) and
        the text width. An SVG is drawn as PNG for every reader, and kept for Word 2016.
        """
        vector = path.read_bytes() if path.suffix.lower() == ".svg" else None
        try:
            if vector is not None:
                size = raster.svg_size(vector, self.text_width / EMU_PER["px"])
                natural_w, natural_h = (n * EMU_PER["px"] for n in size)
                image_part = self._image_part(raster.svg_png(path, *size))
            else:
                image_part = self._image_part(path)
                natural_w, natural_h = (n * EMU_PER["px"] for n in (
                    image_part.image.px_width, image_part.image.px_height))
        except (UnrecognizedImageError, OSError, ValueError, SyntaxError):
            return None
        if natural_w <= 0 or natural_h <= 0:
            return None
        limits = [float(width) if width is not None else natural_w, self.text_width]
        if box:
            limits += [box[0], box[1] * natural_w / natural_h]
        cx = min(limits)
        cy = max(1, round(cx * natural_h / natural_w))
        cx = max(1, round(cx))
        rid = part.relate_to(image_part, RT.IMAGE)
        shape_id = self._next_id
        self._next_id += 1
        inline = CT_Inline.new_pic_inline(shape_id, rid, path.name, Emu(cx), Emu(cy))
        inline.docPr.set("descr", alt)
        if vector is not None:
            self._add_vector(part, inline, vector)
        r = new("w:r")
        sub(r, w("drawing")).append(inline)
        return r

    def _image_part(self, source: bytes | Path) -> Any:
        """python-docx's image part for a file or PNG bytes; a picture Word cannot read
        (WebP) is re-encoded as PNG."""
        if isinstance(source, bytes):
            return self.package.get_or_add_image_part(io.BytesIO(source))
        try:
            return self.package.get_or_add_image_part(str(source))
        except UnrecognizedImageError:
            return self.package.get_or_add_image_part(io.BytesIO(raster.pillow_png(source)))

    def _add_vector(self, part: Any, inline: Any, data: bytes) -> None:
        """The SVG beside the picture's PNG, as Office 2016 writes it."""
        digest = hashlib.sha1(data).hexdigest()
        vector = self._vectors.get(digest)
        if vector is None:
            name = PackURI(f"/word/media/vector{len(self._vectors) + 1}.svg")
            vector = self._vectors[digest] = Part(name, "image/svg+xml", data, self.package)
        blip = inline.xpath(".//a:blip")[0]
        ext = sub(sub(blip, qn("a:extLst")), qn("a:ext"), {"uri": SVG_BLIP})
        rid = part.relate_to(vector, RT.IMAGE)
        etree.SubElement(ext, f"{{{ASVG}}}svgBlip", {qn("r:embed"): rid}, nsmap={"asvg": ASVG})
