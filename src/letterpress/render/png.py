"""PDF pages -> PNG images, with PDFium (pypdfium2): the images show exactly the PDF that was
released, on any machine, without poppler or Ghostscript installed."""

from __future__ import annotations

import io

DPI = 150  # A4 at 1241 x 1754 pixels: sharp on a phone, small enough to post


def pages(pdf: bytes, dpi: int = DPI) -> list[bytes]:
    """One PNG per page of ``pdf``, at ``dpi`` pixels per inch."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dpi / 72)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, "PNG", optimize=False, dpi=(dpi, dpi))
            images.append(buffer.getvalue())
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()
