"""Images a letter may show: checked before rendering, so that a huge, corrupt or
reference-laden image is a located error instead of a crash, a stall or a request out."""

from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 6,000 x 6,000 photograph is plenty for a letter
RASTER = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
_SVG_REF = re.compile(r"""(?:href|src)\s*=\s*["']\s*([^"'#\s][^"']*)["']"""
                      r"""|url\(\s*["']?([^"')#\s][^"')]*)""", re.IGNORECASE)


def image_problem(path: Path) -> str | None:
    """Why an image cannot be used, or None when it is fine."""
    suffix = path.suffix.lower()
    if suffix not in RASTER and suffix != ".svg":
        return "not a PNG, JPEG, GIF, WebP or SVG image"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return f"the image is {size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB"
    if suffix == ".svg":
        return _svg_problem(path.read_bytes())
    return _raster_problem(path)


def _raster_problem(path: Path) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (f"the image is {width} x {height} pixels; the limit is "
                        f"{MAX_PIXELS // 1_000_000} million pixels")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"not a readable image ({exc})"
    except Image.DecompressionBombError:
        return "the image is too large to open safely"
    return None


def _svg_problem(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "the SVG is not UTF-8 text"
    if "<!ENTITY" in text.upper():
        return "the SVG declares entities; they are refused"
    for match in _SVG_REF.finditer(text):
        ref = (match.group(1) or match.group(2) or "").strip()
        if not ref.startswith("data:"):
            return (f"the SVG refers to '{ref[:80]}'; external references are not loaded "
                    "(embed the picture in the SVG instead)")
    return None
