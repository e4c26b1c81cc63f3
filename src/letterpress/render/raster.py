"""Pictures a DOCX cannot hold as they are, as PNG: an SVG drawn by WeasyPrint, as the PDF
draws it, and a WebP re-encoded by Pillow. Word reads PNG, JPEG, GIF, BMP and TIFF only (an
SVG it shows only beside a PNG fallback), and LibreOffice and older Words need the fallback.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.etree import ElementTree

SCALE = 2  # device pixels per CSS pixel: 192 dpi at the drawn size, sharp in print
CSS_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0,
          "em": 16.0, "ex": 8.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in|em|ex)?\s*$")


def svg_size(data: bytes, fill: float) -> tuple[float, float]:
    """An SVG's size in CSS pixels, as WeasyPrint sizes an ``<img>`` of it: its width and
    height; one of them and the viewBox's ratio; without either, ``fill`` wide (the text
    width) at the viewBox's ratio, or the 300 x 150 default of CSS."""
    root = ElementTree.fromstring(data)  # entities are refused before (images.image_problem)
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(n) for n in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if n]
    ratio = box[2] / box[3] if len(box) == 4 and box[2] > 0 and box[3] > 0 else None
    if width and height:
        return width, height
    if ratio:
        if width:
            return width, width / ratio
        if height:
            return height * ratio, height
        return fill, fill / ratio
    return width or 300.0, height or 150.0


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if not match:
        return None  # unset, or a percentage of a container the picture does not have
    return float(match[1]) * CSS_PX[match[2] or "px"] or None


def svg_png(path: Path, width: float, height: float) -> bytes:
    """The SVG at ``path`` drawn ``width`` x ``height`` CSS pixels large, as PNG at
    :data:`SCALE` times that, with its resolution recorded (so Word's natural size is the
    drawn size); white where the drawing is transparent, as on paper."""
    from letterpress.render import pdf, png
    from letterpress.render.html import image_uri

    page = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }} "
            f"img {{ display: block; width: {width}px; height: {height}px }}</style>"
            f'<img src="{image_uri(path.resolve())}">')
    document = pdf.render(page, path.parent)
    return png.pages(document, dpi=96 * SCALE)[0]


def pillow_png(path: Path) -> bytes:
    """A picture Pillow reads and Word does not (WebP) as PNG, at its own resolution."""
    from PIL import Image

    with Image.open(path) as image:
        buffer = io.BytesIO()
        dpi = image.info.get("dpi")
        image.save(buffer, "PNG", **({"dpi": dpi} if dpi else {}))
        return buffer.getvalue()
