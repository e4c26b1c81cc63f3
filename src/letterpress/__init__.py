"""letterpress: open letters in YAML to release-quality PDF, DOCX, HTML and text."""

from pathlib import Path

__version__ = "0.1.0"

FONTS = Path(__file__).parent / "fonts"
"""The shipped fonts (OFL): here, so that the PDF process can find them without importing the
rest of letterpress."""
