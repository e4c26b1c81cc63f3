"""The text of right-to-left glyphs in the PDF's Unicode maps, as copying reads it
(WeasyPrint 70).

A mark above or below its letter (Arabic fatha, tanween, shadda, kasra...; Hebrew niqqud
and dagesh) is drawn raised or lowered with a text rise, and text extraction by position
(pdftotext, a viewer's copy and search) takes the mark for a line of its own: the line
around it came out split in two and reordered ("...المؤتمر / ً / عموما، ونسجل..."), a
pointed Hebrew word split in three ("הַ ַּביִת" for "הַבַּיִת"). Mapped to no text, marks are
still drawn; extracted text is the letters without their marks, as Arabic and Hebrew are
mostly written and searched (the DOCX, HTML and TXT keep them).

A ligature of several letters (Allah, "لله" in one glyph) is mapped to its letters in
reverse: an extractor reads a right-to-left line in drawing order and reverses it character
by character, ligatures' letters too, so "عبد الله" came out as "عبد اهلل", and a search
for one of the commonest names on an Arabic signatory list found nothing.
"""

from __future__ import annotations

import re
from typing import Any

CHECKED = ("70.",)  # WeasyPrint versions whose pdf/fonts.py this was verified against
# Arabic combining marks: honorifics, harakat and tanween, superscript alef, Quranic marks;
# Hebrew points (niqqud, dagesh, shin and sin dots) and cantillation marks
MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8"
                   "\u06ea-\u06ed\u08d3-\u08e1\u08e3-\u08ff"
                   "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]+")

# Arabic letters (no marks, digits or punctuation): the text of a ligature glyph
_LETTERS = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+")


def install(weasyprint: Any) -> None:
    """Wrap the writing of the fonts' Unicode maps (once; other versions are left alone)."""
    from weasyprint import pdf

    original = pdf.build_fonts_dictionary
    if not weasyprint.__version__.startswith(CHECKED) or hasattr(original, "arabic_mapped"):
        return

    def build_fonts_dictionary(document_pdf: Any, fonts: Any, *args: Any) -> Any:
        for font in fonts.values():
            unicode = font.to_unicode
            for glyph, text in unicode.items():
                if text and MARKS.fullmatch(text):
                    unicode[glyph] = ""
                elif len(text) > 1 and _LETTERS.fullmatch(text):
                    unicode[glyph] = text[::-1]
        return original(document_pdf, fonts, *args)

    build_fonts_dictionary.arabic_mapped = True  # type: ignore[attr-defined]
    pdf.build_fonts_dictionary = build_fonts_dictionary
