"""Page set-up, running header and page-number footer, and column sections for signatories.

Word keeps a section's properties at its end: in the paragraph that closes it, or for the
last section in the body's own w:sectPr. Multi-column signatories are therefore a section of
their own, opened and closed by continuous breaks, the rest of the letter staying in one column.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.shared import Mm

from letterpress.layouts import PAPER_MM, Style
from letterpress.render.docx_bidi import pieces
from letterpress.render.docx_numbering import page_format, word_number
from letterpress.render.docx_xml import (
    PPR,
    PPR_ORDER,
    SECTPR_ORDER,
    Element,
    child,
    field,
    paragraph,
    ppr_xml,
    run,
    w,
)

GAP = 340  # twips between signatory columns (6 mm, the print CSS's column-gap)


def set_up(section: Any, theme: Style, rtl: bool, lang: str) -> int:
    """Paper, margins, direction and number digits of a section (its page's ``lang``);
    returns the text width in EMU.

    Right to left, the page is mirrored: the inner margin is on the right.
    """
    width, height = (Mm(size) for size in PAPER_MM[theme.paper])
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = Mm(theme.margin_top), Mm(theme.margin_bottom)
    inner, outer = Mm(theme.margin_inner), Mm(theme.margin_outer)
    section.left_margin, section.right_margin = (outer, inner) if rtl else (inner, outer)
    section.header_distance = Mm(min(12, theme.margin_top / 2))
    section.footer_distance = Mm(min(12, theme.margin_bottom / 2))
    section.gutter = 0
    sect = section._sectPr
    child(sect, w("cols"), SECTPR_ORDER, space=str(GAP), num="1")
    _bidi(sect, rtl)
    _digits(sect, lang)
    return int(width - inner - outer)


_FOOTNOTE_ORDER = tuple(w(x) for x in ("pos", "numFmt", "numStart", "numRestart"))


def _digits(sect: Element, lang: str) -> None:
    """Page and footnote numbers in the digits of ``lang`` (``page_format``), decimal
    otherwise: a section after another language's says so again."""
    found = page_format(lang)
    footnotes = sect.find(w("footnotePr"))
    if found:
        footnotes = child(sect, w("footnotePr"), SECTPR_ORDER)
        child(footnotes, w("numFmt"), _FOOTNOTE_ORDER, val=found[0])
        child(sect, w("pgNumType"), SECTPR_ORDER, fmt=found[0])
        return
    if footnotes is not None:
        for el in footnotes.findall(w("numFmt")):
            footnotes.remove(el)
    pages = sect.find(w("pgNumType"))
    if pages is not None:
        pages.attrib.pop(w("fmt"), None)


def _bidi(sect: Element, rtl: bool) -> None:
    """A section's direction: columns run right to left, the page is mirrored."""
    bidi = child(sect, w("bidi"), SECTPR_ORDER)  # said both ways: LibreOffice ran an
    if rtl:                                      # English section of an Arabic letter
        bidi.attrib.pop(w("val"), None)          # right to left without it
    else:
        bidi.set(w("val"), "0")


def header_footer(section: Any, styles: dict[str, str], title: str, labels: dict[str, str],
                  rtl: bool, *, styles_rtl: bool | None = None, lang: str | None = None,
                  digits: str = "en") -> None:
    """"1 / 3" centred at the foot of every page, the title at the head from page two on.

    ``styles_rtl`` is the direction the styles give (the section's by default); ``lang``
    the section's language where it differs from the document's; the numbers are in the
    digits of language ``digits`` where Word has them (``page_format``: the count, which
    the section's format does not reach, by its field's switch).
    """
    switch = page_format(digits)
    count = f"NUMPAGES \\* {switch[1]}" if switch else "NUMPAGES"
    explicit = True if rtl else (None if styles_rtl is None or not styles_rtl else False)
    section.different_first_page_header_footer = True
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        p = _only_paragraph(footer, styles["Footer"], explicit)
        field(p, "PAGE", word_number(1, digits))
        run(p, f" {labels.get('of', '/')} ", lang=lang)
        field(p, count, word_number(1, digits))
    first = section.first_page_header
    first.is_linked_to_previous = False
    _only_paragraph(first, styles["Header"], explicit)
    header = section.header
    header.is_linked_to_previous = False
    p = _only_paragraph(header, styles["Header"], explicit)
    for text, piece_rtl in pieces(title, rtl) if title else ():
        run(p, text, rtl=piece_rtl, lang=lang)


def _only_paragraph(story: Any, style: str, bidi: bool | None) -> Element:
    """Empty a header or footer and give it one paragraph in ``style``."""
    root = story._element
    for el in list(root):
        root.remove(el)
    p = paragraph(ppr_xml(style, bidi=bidi))
    root.append(p)
    return p


class Columns:
    """Opens and closes multi-column sections in the body, before its final w:sectPr."""

    def __init__(self, body: Any) -> None:
        self.body = body
        self.final = body.find(w("sectPr"))

    def open(self) -> None:
        """End the section so far (one column) before the signatory list starts."""
        self._close_into(self._last_paragraph(), 1)

    def close(self, last_paragraph: Element, count: int, rtl: bool | None = None) -> None:
        """End the multi-column section in its last paragraph; the rest is one column.

        ``rtl`` is the direction the columns flow in, where it differs from the page's.
        """
        self._close_into(last_paragraph, count, rtl)

    def next_page(self, rtl: bool) -> None:
        """End the section so far (a language's last) and start a new one on a new page,
        in direction ``rtl``, without headers yet (the caller gives it its own)."""
        last = self._last_paragraph()
        self._close_into(last, None)
        for tag in ("headerReference", "footerReference", "titlePg", "type"):
            for el in self.final.findall(w(tag)):
                self.final.remove(el)
        child(self.final, w("type"), SECTPR_ORDER, val="nextPage")
        cols = child(self.final, w("cols"), SECTPR_ORDER, num="1")
        cols.attrib.pop(w("equalWidth"), None)
        _bidi(self.final, rtl)

    def _last_paragraph(self) -> Element:
        """The body's last paragraph, if it can take a section's end; else a new empty one."""
        last = self.final.getprevious()
        if last is None or last.tag != w("p") or last.find(f"{PPR}/{w('sectPr')}") is not None:
            last = paragraph()
            self.final.addprevious(last)
        return last

    def _close_into(self, p: Element, count: int | None, rtl: bool | None = None) -> None:
        """Copy the running section's properties into ``p``, ending a section there."""
        ended = copy.deepcopy(self.final)
        if count is not None:
            cols = child(ended, w("cols"), SECTPR_ORDER, num=str(count), space=str(GAP))
            if count == 1:
                cols.attrib.pop(w("equalWidth"), None)
        if rtl is not None:
            _bidi(ended, rtl)
        ppr = child(p, PPR, PPR_ORDER)
        ppr.append(ended)  # sectPr is the last property but rPr/pPrChange, never present here
        # What follows continues on the same page, and inherits headers and footers.
        for tag in ("headerReference", "footerReference", "titlePg"):
            for el in self.final.findall(w(tag)):
                self.final.remove(el)
        child(self.final, w("type"), SECTPR_ORDER, val="continuous")
        cols = child(self.final, w("cols"), SECTPR_ORDER, num="1")
        cols.attrib.pop(w("equalWidth"), None)
