"""WordprocessingML built with lxml directly: paragraphs, runs, links and note references.

python-docx's high-level API slows down as a document grows (each new paragraph walks the
body), so a letter with 10,000 signatories is written element by element here instead. Child
elements are inserted in schema order, because Word rejects out-of-order properties.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from lxml.etree import SubElement

from letterpress.i18n import direction
from letterpress.page import Span
from letterpress.render.docx_bidi import Pieces, has_arabic, split, word_lang

Element = Any  # an lxml element (python-docx's oxml classes have no type stubs)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag (``w("p")``)."""
    return f"{{{W_NS}}}{tag}"


VAL = w("val")
P, PPR, PSTYLE, R, RPR, RSTYLE, T, TAB, BR = (w(x) for x in (
    "p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "tab", "br"))
HYPERLINK = w("hyperlink")

# Schema order of the children Word validates (CT_PPr, CT_RPr, CT_SectPr).
PPR_ORDER = tuple(w(x) for x in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange"))
RPR_ORDER = tuple(w(x) for x in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath"))
SECTPR_ORDER = tuple(w(x) for x in (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
    "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
    "sectPrChange"))

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def sub(parent: Element, tag: str, attrs: dict[str, str] | None = None) -> Element:
    """A new last child of ``parent``; python-docx's element classes still apply, since
    lxml looks them up through the parent's document (0.6x the time of makeelement+append,
    which matters at 100,000 elements)."""
    return SubElement(parent, tag, attrs) if attrs else SubElement(parent, tag)


def new(tag: str) -> Element:
    """A new free-standing element (``new("w:p")``) for python-docx's parser."""
    return OxmlElement(tag)


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold, which lxml would refuse."""
    return _BAD_CHARS.sub("", text) if _BAD_CHARS.search(text) else text


def child(parent: Element, tag: str, order: Sequence[str], **attrs: str) -> Element:
    """The ``tag`` child of ``parent``, created in schema position if missing."""
    found = parent.find(tag)
    if found is None:
        found = parent.makeelement(tag, {})
        rank = order.index(tag) if tag in order else len(order)
        for index, existing in enumerate(parent):
            if existing.tag in order and order.index(existing.tag) > rank:
                parent.insert(index, found)
                break
        else:
            parent.append(found)
    for key, value in attrs.items():
        found.set(w(key), value)
    return found


def drop(parent: Element, tag: str) -> None:
    """Remove every ``tag`` child (a property the layout replaces)."""
    for found in parent.findall(tag):
        parent.remove(found)


def add_text(run: Element, text: str) -> None:
    """Text into a run: tabs and newlines become ``w:tab``/``w:br`` as Word expects."""
    text = clean(text)
    if "\t" not in text and "\n" not in text:
        _t(run, text)
        return
    for i, line in enumerate(text.split("\n")):
        if i:
            sub(run, BR)
        for j, piece in enumerate(line.split("\t")):
            if j:
                sub(run, TAB)
            if piece:
                _t(run, piece)


def _t(run: Element, text: str) -> None:
    t = sub(run, T)
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")


def paragraph(style: str | None = None, *, keep_next: bool = False,
              bidi: bool | None = None, ind: tuple[int, int] | None = None,
              jc: str | None = None, after: int | None = None,
              num: tuple[int, int] | None = None) -> Element:
    """A ``w:p`` with its properties, children in schema order.

    ``bidi`` is None to inherit the style's direction, True/False to set it; ``ind`` is
    (left, hanging) in twips; ``num`` is (numId, ilvl) for Word list numbering.
    """
    p = OxmlElement("w:p")
    if style is None and not (keep_next or bidi is not None or ind or jc or num) \
            and after is None:
        return p
    ppr = sub(p, PPR)
    if style:
        sub(ppr, PSTYLE).set(VAL, style)
    if keep_next:
        sub(ppr, w("keepNext"))
    if num:
        numpr = sub(ppr, w("numPr"))
        sub(numpr, w("ilvl")).set(VAL, str(num[1]))
        sub(numpr, w("numId")).set(VAL, str(num[0]))
    if bidi is not None:
        el = sub(ppr, w("bidi"))
        if not bidi:
            el.set(VAL, "0")
    if after is not None:
        sub(ppr, w("spacing")).set(w("after"), str(after))
    if ind:
        el = sub(ppr, w("ind"))
        el.set(w("left"), str(ind[0]))
        el.set(w("hanging"), str(ind[1]))
    if jc:
        sub(ppr, w("jc")).set(VAL, jc)
    return p


def run(parent: Element, text: str = "", *, style: str | None = None, bold: bool = False,
        rtl: bool | None = None, lang: str | None = None, color: str | None = None) -> Element:
    """A plain ``w:r`` appended to ``parent`` (a paragraph or hyperlink).

    ``rtl`` is None to inherit the direction of the paragraph style, else True/False;
    ``lang`` a language other than the document's (``w:lang``).
    """
    r = sub(parent, R)
    if style or bold or rtl is not None or lang or color:
        rpr = sub(r, RPR)
        if style:
            sub(rpr, RSTYLE).set(VAL, style)
        if bold:
            sub(rpr, w("b"))
            sub(rpr, w("bCs"))
        if color:
            sub(rpr, w("color")).set(VAL, color)
        _direction(rpr, rtl)
        _language(rpr, lang)
    if text:
        add_text(r, text)
    return r


def _direction(rpr: Element, rtl: bool | None) -> None:
    if rtl is not None:
        el = sub(rpr, w("rtl"))
        if not rtl:
            el.set(VAL, "0")


def _language(rpr: Element, lang: str | None) -> None:
    """``w:lang``: ``w:bidi`` names the language of right-to-left (complex script) text,
    ``w:val`` that of Latin text."""
    if lang:
        sub(rpr, w("lang")).set(w("bidi") if direction(lang) == "rtl" else VAL,
                                word_lang(lang) if direction(lang) == "rtl" else lang)


def field(parent: Element, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) with the text shown before Word updates it."""
    fld = sub(parent, w("fldSimple"))
    fld.set(w("instr"), f" {instruction} ")
    run(fld, shown)


NoteWriter = Callable[[Element, Span], None]


class SpanWriter:
    """Spans -> runs for one part: links are related to that part, notes go to a callback.

    Word needs hyperlink relationships on the part that holds the text (document, footnotes,
    header), so a writer is made per part; link ids are cached because python-docx's own
    lookup scans every relationship (quadratic with thousands of member URLs).
    """

    def __init__(self, part: Any, styles: dict[str, str], notes: NoteWriter | None = None,
                 mono: str = "Courier New", *, default_rtl: bool = False,
                 arabic_font: str | None = None) -> None:
        self.part = part
        self.styles = styles
        self.notes = notes
        self.mono = mono
        self.default_rtl = default_rtl  # the direction the styles give
        self.arabic_font = arabic_font  # for Arabic runs, when the styles' w:cs font is Latin
        self._links: dict[str, str] = {}

    def write(self, p: Element, spans: Iterable[Span], *, rtl: bool | None = None,
              lang: str | None = None) -> None:
        """Append runs for ``spans`` to paragraph ``p``; one hyperlink per run of a link.

        ``rtl`` is the paragraph's direction where it differs from the styles' (else None);
        text is cut into runs by direction (see ``docx_bidi``); ``lang`` marks every run.
        """
        spans = tuple(spans)
        base = self.default_rtl if rtl is None else rtl
        texts = ["" if span.br or span.code or span.note is not None else span.text
                 for span in spans]
        link: Element | None = None
        href: str | None = None
        for span, found in zip(spans, split(texts, base), strict=True):
            if span.note is not None:
                link = href = None
                if self.notes is not None:
                    self.notes(p, span)
                else:
                    run(p, span.text, style=self.styles["Footnote Reference"], rtl=rtl)
                continue
            if span.href:
                if link is None or span.href != href:
                    link, href = self._hyperlink(p, span.href), span.href
                self._runs(link, span, found, base, rtl, lang)
                continue
            link = href = None
            self._runs(p, span, found, base, rtl, lang)

    def _hyperlink(self, p: Element, href: str) -> Element:
        link = sub(p, HYPERLINK)
        if href.startswith("#"):
            link.set(w("anchor"), href[1:])
            return link
        rid = self._links.get(href)
        if rid is None:
            rid = self.part.relate_to(href, RT.HYPERLINK, is_external=True)
            self._links[href] = rid
        link.set(f"{{{R_NS}}}id", rid)
        return link

    def _runs(self, parent: Element, span: Span, found: Pieces, base: bool, rtl: bool | None,
              lang: str | None) -> None:
        """One run per piece of the span's text that runs in one direction."""
        if span.br or span.code:
            self._run(parent, span, rtl, lang)
            return
        for text, piece_rtl in found:
            self._run(parent, Span(text, span.bold, span.italic, span.strike, href=span.href),
                      rtl if piece_rtl == base else piece_rtl, lang,
                      arabic=piece_rtl and self.arabic_font is not None and has_arabic(text))

    def _run(self, parent: Element, span: Span, rtl: bool | None, lang: str | None, *,
             arabic: bool = False) -> None:
        r = sub(parent, R)
        style = self.styles["Hyperlink"] if span.href else (
            self.styles["Verbatim Char"] if span.code else None)
        if style or span.bold or span.italic or span.strike or rtl is not None or (
                span.code and span.href) or lang or arabic:
            rpr = sub(r, RPR)
            if style:
                sub(rpr, RSTYLE).set(VAL, style)
            if span.code and span.href:
                fonts = sub(rpr, w("rFonts"))
                for key in ("ascii", "hAnsi", "cs"):
                    fonts.set(w(key), self.mono)
            elif arabic and self.arabic_font:
                sub(rpr, w("rFonts")).set(w("cs"), self.arabic_font)
            if span.bold:
                sub(rpr, w("b"))
                sub(rpr, w("bCs"))
            if span.italic:
                sub(rpr, w("i"))
                sub(rpr, w("iCs"))
            if span.strike:
                sub(rpr, w("strike"))
            _direction(rpr, rtl)
            _language(rpr, lang)
        if span.br:
            sub(r, BR)
        elif span.text:
            add_text(r, span.text)
