"""Images a letter may show: checked before rendering, so that a huge, corrupt or
reference-laden image is a located error instead of a crash, a stall or a request out."""

from __future__ import annotations

import math
import re
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers.expat import ErrorString

from letterpress.source import too_big

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
        return too_big("the image", size, MAX_BYTES)
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
    return _xml_problem(data)


def _xml_problem(data: bytes) -> str | None:
    """Why WeasyPrint would not read the SVG, read as it reads it (ElementTree; entities
    are refused before): it left the picture out of the PDF without a word, and the DOCX
    with it."""
    if not data.strip():
        return "not a readable SVG image (the file is empty)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line, col = exc.position
        return (f"not a readable SVG image ({ErrorString(exc.code)} at its line {line}, "
                f"column {col + 1})")
    tag = root.tag.rsplit("}", 1)[-1]
    if tag != "svg":
        return f"not an SVG image (its first element is <{tag}>, not <svg>)"
    return next(filter(None, map(_view_box_problem, root.iter())), None)


def _view_box_problem(element: ElementTree.Element) -> str | None:
    """What is wrong with an element's viewBox, read as WeasyPrint reads it: anything but
    four numbers with a width and height above 0 and finite ("0 0 10", "0 0 a b",
    "0,0,10,inf") ended the build in a traceback from inside WeasyPrint, and check
    passed some."""
    text = element.get("viewBox")
    if text is None:
        return None
    try:
        box = view_box(text)
    except ValueError:
        box = (0.0,)
    if not box or (len(box) == 4 and all(map(math.isfinite, box)) and box[2] > 0 and
                   box[3] > 0):
        return None  # (an empty one is none, to WeasyPrint too)
    return (f"not a readable SVG image (its viewBox \"{text[:40]}\" is not four numbers, "
            "x y width height, with a width and height above 0)")


def view_box(text: str) -> tuple[float, ...]:
    """A viewBox's numbers, split as WeasyPrint splits them (commas, spaces, a sign)."""
    text = re.sub(r"(?<![eE])([+-])", r" \1", text.replace("E", "e"))
    text = re.sub(r"(\.[0-9-]+)(?=\.)", r"\1 ", re.sub(r"[ \n\r\t,]+", " ", text))
    return tuple(float(number) for number in text.split())


CSS_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0,
          "em": 16.0, "ex": 8.0}  # CSS pixels per unit (em and ex at the default 16 px)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*"
                     r"(%|px|pt|pc|mm|cm|in|em|ex)?\s*$")


def css_length(value: str | None, whole: float) -> float | None:
    """A CSS length ("8cm", "120px", "12") in CSS pixels, a percentage of ``whole``; None
    when unset or not a length."""
    match = _LENGTH.match(value or "")
    if not match:
        return None
    number, unit = float(match[1]), match[2] or "px"
    return number / 100 * whole if unit == "%" else number * CSS_PX[unit]


def svg_size(data: bytes, fill: float) -> tuple[float, float, bool]:
    """An SVG's size in CSS pixels as WeasyPrint sizes an ``<img>`` of it, and whether it
    has no size of its own (a viewBox only, or a percentage): then it is ``fill`` wide at
    the viewBox's ratio, as a browser fills the box. Without either, CSS's 300 x 150."""
    root = ElementTree.fromstring(data)  # entities are refused before (image_problem)
    width, height = (_own(root.get(key)) for key in ("width", "height"))
    try:
        box = view_box(root.get("viewBox") or "")
    except ValueError:  # a layout's own picture, which image_problem did not see
        box = ()
    ratio = box[2] / box[3] if len(box) == 4 and box[2] > 0 and box[3] > 0 else None
    if width and height:
        return width, height, False
    if ratio:
        if width:
            return width, width / ratio, False
        if height:
            return height * ratio, height, False
        return fill, fill / ratio, True
    return width or 300.0, height or 150.0, False


def _own(value: str | None) -> float | None:
    """An SVG root's width or height, unless unset or a percentage (of a box it has not)."""
    if value is None or "%" in value:
        return None
    return css_length(value, 0) or None


def fills(path: Path) -> bool:
    """Whether a picture is an SVG without a size of its own. WeasyPrint 70 fails laying
    one out in a right-to-left line (InlineReplacedBox has no position_x), so the view
    gives it the width a browser would: the whole text width."""
    if path.suffix.lower() != ".svg":
        return False
    try:
        return svg_size(path.read_bytes(), 1.0)[2]
    except (OSError, ElementTree.ParseError):
        return False
