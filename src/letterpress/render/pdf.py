"""HTML -> PDF with WeasyPrint, imported only here: it costs a third of a second."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from letterpress.render.fetcher import make_fetcher


def render(html: str, base: Path) -> bytes:
    """PDF bytes; identical input gives identical bytes (the PDF id is the HTML's hash)."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=make_fetcher())
    result = document.write_pdf(pdf_identifier=identifier, presentational_hints=False)
    assert isinstance(result, bytes)
    return result
