"""Pictures a DOCX cannot hold as they are, as PNG: an SVG drawn by WeasyPrint, as the PDF
draws it, and a WebP re-encoded by Pillow. Word reads PNG, JPEG, GIF, BMP and TIFF only (an
SVG it shows only beside a PNG fallback), and LibreOffice and older Words need the fallback.
"""

from __future__ import annotations

import io
from pathlib import Path

SCALE = 2  # device pixels per CSS pixel: 192 dpi at the drawn size, sharp in print


def svg_png(path: Path, width: float, height: float) -> bytes:
    """The SVG at ``path`` drawn ``width`` x ``height`` CSS pixels large, as PNG at
    :data:`SCALE` times that, with its resolution recorded (so Word's natural size is the
    drawn size); white where the drawing is transparent, as on paper."""
    from letterpress.render import pdf, png
    from letterpress.render.html import image_uri

    page = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }} "
            f"img {{ display: block; width: {width}px; height: {height}px }}</style>"
            f'<img src="{image_uri(path.resolve())}">')
    document = pdf.render(page, path.parent, (path,))
    return png.pages(document, dpi=96 * SCALE)[0]


def pillow_png(path: Path) -> bytes:
    """A picture Pillow reads and Word does not (WebP) as PNG, at its own resolution."""
    from PIL import Image

    with Image.open(path) as image:
        buffer = io.BytesIO()
        dpi = image.info.get("dpi")
        image.save(buffer, "PNG", **({"dpi": dpi} if dpi else {}))
        return buffer.getvalue()
