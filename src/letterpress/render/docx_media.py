"""Pictures: sizes from CSS lengths, inline drawings related to the part that shows them."""

from __future__ import annotations

import hashlib
import io
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

from letterpress.errors import Diagnostic, LetterError
from letterpress.images import css_length, svg_size
from letterpress.render import raster
from letterpress.render.docx_xml import Element, new, sub, w

# Office 2016's extension of a picture: the SVG itself beside its PNG (which other readers show)
SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMU_PER_PX = 9525  # EMU per CSS pixel (1/96 in)


def css_width(value: str | None, text_width: int) -> int | None:
    """A CSS width ("60%", "8cm", "120px") in EMU, capped at the text width; None if unset."""
    px = css_length(value, text_width / EMU_PER_PX)
    return None if px is None else max(1, min(round(px * EMU_PER_PX), text_width))


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
                natural_w, natural_h, _ = svg_size(vector, self.text_width / EMU_PER_PX)
            else:
                image_part = self._image_part(path)
                natural_w, natural_h = image_part.image.px_width, image_part.image.px_height
        except (UnrecognizedImageError, OSError, ValueError, SyntaxError):
            return None
        if natural_w <= 0 or natural_h <= 0:
            return None
        limits = [width / EMU_PER_PX if width is not None else natural_w,
                  self.text_width / EMU_PER_PX]
        if box:
            limits += [box[0] / EMU_PER_PX, box[1] / EMU_PER_PX * natural_w / natural_h]
        shown_w = min(limits)  # CSS pixels
        shown_h = shown_w * natural_h / natural_w
        if vector is not None:  # drawn at the size it is shown, never at a poster's own
            try:
                image_part = self._image_part(raster.svg_png(path, shown_w, shown_h))
            except (OSError, ValueError) as exc:
                raise LetterError([Diagnostic(str(path), 1, 1, f"the SVG could not be drawn "
                                              f"for the DOCX ({exc})")]) from None
        cx, cy = max(1, round(shown_w * EMU_PER_PX)), max(1, round(shown_h * EMU_PER_PX))
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
