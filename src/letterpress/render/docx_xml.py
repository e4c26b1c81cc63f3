"""WordprocessingML: paragraphs, runs, links and note references, as markup and elements.

python-docx's high-level API slows down as a document grows (each new paragraph walks the
body), and even lxml's SubElement costs a microsecond an element. So paragraphs and runs
are written as markup (properties cached, they repeat) and parsed in one go (the DOCX of
10,000 signatories: 0.41 -> 0.22 s); signatory lists are not parsed at all, but written
into the saved XML (``Placeholders``). Properties are in schema
order, because Word rejects out-of-order ones; ``child`` and ``sub`` adjust elements once
they exist.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.parser import element_class_lookup
from lxml.etree import Comment, SubElement, XMLParser, fromstring

from letterpress.i18n import direction, has_arabic, has_rtl, locale_tag
from letterpress.page import ISOLATES, Span
from letterpress.render.docx_bidi import Pieces, split, word_lang

Element = Any  # an lxml element (python-docx's oxml classes have no type stubs)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag (``w("p")``)."""
    return f"{{{W_NS}}}{tag}"


VAL = w("val")
P, PPR, PSTYLE, R, RPR, RSTYLE, T, TAB, BR = (w(x) for x in (
    "p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "tab", "br"))
HYPERLINK = w("hyperlink")

# Schema order of the children Word validates (CT_PPr, CT_RPr, CT_TblPr, CT_SectPr).
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
TBLPR_ORDER = tuple(w(x) for x in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook"))
SECTPR_ORDER = tuple(w(x) for x in (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
    "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
    "sectPrChange"))

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_DIGITS = re.compile(r"\d")
LRM = "\u200e"  # a left-to-right mark: digits after it run left to right (UAX 9, W7)
# what text_xml does anything about: a character to drop or escape, a tab or line break,
# space at either end
_TEXT_WORK = re.compile("[\x00-\x1f&<>\ufffe\uffff\ud800-\udfff]|^\\s|\\s\\Z")
_ATTR_SPECIAL = re.compile("[&<>\r\"\n\t]")
_FRAGMENT = (f'<w:fragment xmlns:w="{W_NS}" xmlns:r="{R_NS}">', "</w:fragment>")
# python-docx's parser (its element classes), taking text nodes over 10 MB (a letter may be
# 32 MB; the markup is ours, with no DTD or entities to expand).
_PARSER = XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)
_PARSER.set_element_class_lookup(element_class_lookup)


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


def table_indent(tblpr: Element, margin: int) -> None:
    """A table's edge ``margin`` twips (its cells' margin) before the text's start, so that
    the text in its cells lines up with the paragraphs: Word 2013's layout measures
    ``w:tblInd`` to the edge (Word 2010's moved the edge out by the margin itself)."""
    if margin:
        child(tblpr, w("tblInd"), TBLPR_ORDER, w=str(-margin), type="dxa")


def keep_next(p: Element, keep: bool = True) -> None:
    """Keep paragraph ``p`` on the page of the next one, or (``keep`` False) not, whatever
    its style says."""
    if keep:
        child(child(p, PPR, PPR_ORDER), w("keepNext"), PPR_ORDER)
    else:
        child(child(p, PPR, PPR_ORDER), w("keepNext"), PPR_ORDER, val="0")


def drop(parent: Element, tag: str) -> None:
    """Remove every ``tag`` child (a property the layout replaces)."""
    for found in parent.findall(tag):
        parent.remove(found)


def escape(text: str) -> str:
    """Text as XML character data (a carriage return kept as one)."""
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], text) \
        if _TEXT_SPECIAL.search(text) else text


def attr(text: str) -> str:
    """Text as a double-quoted XML attribute value."""
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], clean(text))


def parse_all(xml: str) -> list[Element]:
    """WordprocessingML markup (any number of sibling elements) as python-docx elements.

    Markup is how the runs and the long lists are built: one parse of 10,000 signatory
    paragraphs takes a tenth of the time of making their elements one by one.
    """
    root = fromstring(f"{_FRAGMENT[0]}{xml}{_FRAGMENT[1]}".encode(), _PARSER)
    return list(root)


def parse(xml: str) -> Element:
    """One element from its markup, free-standing."""
    found = parse_all(xml)[0]
    found.getparent().remove(found)
    return found


def append(parent: Element, xml: str) -> Element | None:
    """Append the elements of ``xml`` to ``parent``; the last of them."""
    found = parse_all(xml)
    parent.extend(found)
    return found[-1] if found else None


class Placeholders:
    """Long runs of paragraphs (signatories) held as markup until the document is saved.

    Parsing them into elements, moving them into the body and serializing them again took
    0.1 s at 10,000 signatories; a comment stands in their place instead, and ``fill``
    writes their markup there in the saved XML: the same bytes, since the markup is what
    lxml writes for those elements (same escapes, same prefixes). Where the body does not
    bind ``w`` and ``r`` as the markup does (a foreign reference document), the paragraphs
    are parsed. Each writer's comments carry a token of their own, so no comment a
    reference document holds can be taken for one.
    """

    def __init__(self, body: Element) -> None:
        self.chunks: list[bytes] = []
        nsmap = body.nsmap
        self.enabled = nsmap.get("w") == W_NS and nsmap.get("r") == R_NS
        self.token = f"letterpress-markup-{os.urandom(8).hex()}-"
        self.pattern = re.compile(rf"<!--{self.token}(\d+)-->".encode())

    def hold(self, xml: str) -> list[Element]:
        """What to place for ``xml``: a stand-in, or its parsed elements."""
        if not self.enabled or not xml:
            return parse_all(xml)
        self.chunks.append(xml.encode())
        return [Comment(f"{self.token}{len(self.chunks) - 1}")]

    def paragraphs(self, paragraphs: list[str]) -> list[Element]:
        """Paragraphs held but the last, which is parsed: what looks at the last element
        placed (a table cell's closing paragraph, a section's end) finds a paragraph."""
        return [*self.hold("".join(paragraphs[:-1])), parse(paragraphs[-1])]

    def fill(self, blob: bytes) -> bytes:
        """The serialized document with every stand-in replaced by its markup."""
        if not self.chunks:
            return blob
        return self.pattern.sub(lambda m: self.chunks[int(m[1])], blob)


def text_xml(text: str) -> str:
    """The content of a run: tabs and newlines become ``w:tab``/``w:br`` as Word expects."""
    if not _TEXT_WORK.search(text):  # most text: nothing to drop, escape, split or keep
        return f"<w:t>{text}</w:t>" if text else ""
    return _text_xml(text)


def _text_xml(text: str) -> str:
    text = clean(text)
    if "\t" not in text and "\n" not in text:
        return _t(text) if text else ""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(_t(piece))
    return "".join(out)


def _t(text: str) -> str:
    if text[:1].isspace() or text[-1:].isspace():
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


@cache
def ppr_xml(style: str | None = None, *, keep_next: bool = False, bidi: bool | None = None,
            ind: tuple[int, int] | None = None, jc: str | None = None,
            after: int | None = None, num: tuple[int, int] | None = None) -> str:
    """Paragraph properties (``w:pPr``), children in schema order; "" when there are none.

    ``bidi`` is None to inherit the style's direction, True/False to set it; ``ind`` is
    (left, hanging) in twips; ``num`` is (numId, ilvl) for Word list numbering.
    """
    out = []
    if style:
        out.append(f'<w:pStyle w:val="{attr(style)}"/>')
    if keep_next:
        out.append("<w:keepNext/>")
    if num:
        out.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if bidi is not None:
        out.append("<w:bidi/>" if bidi else '<w:bidi w:val="0"/>')
    if after is not None:
        out.append(f'<w:spacing w:after="{after}"/>')
    if ind:
        out.append(f'<w:ind w:left="{ind[0]}" w:hanging="{ind[1]}"/>')
    if jc:
        out.append(f'<w:jc w:val="{attr(jc)}"/>')
    return f"<w:pPr>{''.join(out)}</w:pPr>" if out else ""


def paragraph_xml(runs: str = "", ppr: str = "") -> str:
    """A ``w:p`` holding ``runs``, with properties ``ppr`` (see :func:`ppr_xml`)."""
    return f"<w:p>{ppr}{runs}</w:p>"


def paragraph(ppr: str = "") -> Element:
    """An empty ``w:p`` element with properties ``ppr``, to fill and place."""
    return parse(paragraph_xml("", ppr))


@cache
def rpr_xml(style: str | None = None, *, fonts: tuple[tuple[str, str], ...] = (),
            bold: bool = False, italic: bool = False, strike: bool = False,
            color: str | None = None, rtl: bool | None = None,
            lang: str | None = None) -> str:
    """Run properties (``w:rPr``) in schema order; "" when there are none.

    ``fonts`` are (slot, font) pairs of ``w:rFonts``; ``rtl`` is None to inherit the
    direction of the paragraph style, else True/False; ``lang`` a language other than the
    document's: ``w:lang w:bidi`` names the language of right-to-left (complex script)
    text, ``w:val`` that of Latin text.
    """
    out = []
    if style:
        out.append(f'<w:rStyle w:val="{attr(style)}"/>')
    if fonts:
        out.append("<w:rFonts " + " ".join(f'w:{slot}="{attr(font)}"' for slot, font in fonts)
                   + "/>")
    if bold:
        out.append("<w:b/><w:bCs/>")
    if italic:
        out.append("<w:i/><w:iCs/>")
    if strike:
        out.append("<w:strike/>")
    if color:
        out.append(f'<w:color w:val="{attr(color)}"/>')
    if rtl is not None:
        out.append("<w:rtl/>" if rtl else '<w:rtl w:val="0"/>')
    if lang:
        if direction(lang) == "rtl":
            out.append(f'<w:lang w:bidi="{attr(word_lang(lang))}"/>')
        else:
            out.append(f'<w:lang w:val="{attr(locale_tag(lang))}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def run_xml(text: str = "", rpr: str = "", *, inner: str = "", tab: bool = False) -> str:
    """A ``w:r`` with properties ``rpr`` (see :func:`rpr_xml`), then ``inner`` markup
    (a break, a note reference), then ``text``, then a tab if asked (``text + "\t"``
    without the careful path a tab takes: a signatory's number)."""
    return f"<w:r>{rpr}{inner}{text_xml(text)}{'<w:tab/>' if tab else ''}</w:r>"


def run(parent: Element, text: str = "", *, style: str | None = None, bold: bool = False,
        rtl: bool | None = None, lang: str | None = None, color: str | None = None) -> Element:
    """A plain ``w:r`` appended to ``parent`` (a paragraph or hyperlink)."""
    return append(parent, run_xml(text, rpr_xml(style, bold=bold, rtl=rtl, lang=lang,
                                                color=color)))


def _plain(span: Span) -> bool:
    """Left-to-right text with no link, note, code or break: what ``SpanWriter.xml`` would
    write as one run in the paragraph's direction (see ``docx_bidi.split``)."""
    return not (span.href or span.note is not None or span.code or span.br
                or has_rtl(span.text))


def field(parent: Element, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) with the text shown before Word updates it."""
    append(parent, f'<w:fldSimple w:instr=" {attr(instruction)} ">{run_xml(shown)}'
                   "</w:fldSimple>")


NoteWriter = Callable[[Span], str]


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

    def xml(self, spans: Iterable[Span], *, rtl: bool | None = None,
            lang: str | None = None) -> str:
        """The runs of ``spans``, one hyperlink around each run of a link.

        ``rtl`` is the paragraph's direction where it differs from the styles' (else None);
        text is cut into runs by direction (see ``docx_bidi``); ``lang`` marks every run.
        """
        spans = tuple(spans)
        base = self.default_rtl if rtl is None else rtl
        if len(spans) == 1 and not base and _plain(spans[0]):  # most names: one run
            return self._run(spans[0], spans[0].text, rtl, lang)
        texts = ["" if span.br or span.code or span.note is not None else span.text
                 for span in spans]
        out: list[str] = []
        href: str | None = None  # the link open in ``out``
        for span, found in zip(spans, split(texts, base), strict=True):
            linked = span.href if span.note is None else None
            if href is not None and linked != href:
                out.append("</w:hyperlink>")
                href = None
            if span.note is not None:
                out.append(self.notes(span) if self.notes is not None else run_xml(
                    span.text, rpr_xml(self.styles["Footnote Reference"], rtl=rtl)))
                continue
            if linked and href is None:
                out.append(self._hyperlink(linked))
                href = linked
            self._runs(out, span, found, base, rtl, lang)
        if href is not None:
            out.append("</w:hyperlink>")
        return "".join(out)

    def _hyperlink(self, href: str) -> str:
        if href.startswith("#"):
            return f'<w:hyperlink w:anchor="{attr(href[1:])}">'
        rid = self._links.get(href)
        if rid is None:
            rid = self.part.relate_to(href, RT.HYPERLINK, is_external=True)
            self._links[href] = rid
        return f'<w:hyperlink r:id="{attr(rid)}">'

    def _runs(self, out: list[str], span: Span, found: Pieces, base: bool, rtl: bool | None,
              lang: str | None) -> None:
        """One run per piece of the span's text that runs in one direction."""
        if span.br or span.code:
            out.append(self._run(span, span.text, rtl, lang))
            return
        for text, piece_rtl in found:
            if text and not text.translate(ISOLATES):  # a mark of its own: no empty run
                continue
            out.append(self._run(span, text, rtl if piece_rtl == base else piece_rtl, lang,
                                 arabic=piece_rtl and self.arabic_font is not None
                                 and has_arabic(text)))

    def _run(self, span: Span, text: str, rtl: bool | None, lang: str | None, *,
             arabic: bool = False) -> str:
        if not text.isascii():  # isolate marks have done their work, the run says its
            text = text.translate(ISOLATES)  # direction, as Word writes mixed text (and
            # LibreOffice set lines holding them apart, overlapping)
        if rtl is False and text and _DIGITS.search(text):  # "+961 1 234 567" in Arabic:
            text = f"{LRM}{text}{LRM}"  # LibreOffice reversed the groups despite w:rtl="0"
        style = self.styles["Hyperlink"] if span.href else (
            self.styles["Verbatim Char"] if span.code else None)
        fonts: tuple[tuple[str, str], ...] = ()
        if span.code and span.href:
            fonts = (("ascii", self.mono), ("hAnsi", self.mono), ("cs", self.mono))
        elif arabic and self.arabic_font:
            fonts = (("cs", self.arabic_font),)
        rpr = rpr_xml(style, fonts=fonts, bold=span.bold, italic=span.italic,
                      strike=span.strike, rtl=rtl, lang=lang)
        if span.br:
            return run_xml(rpr=rpr, inner="<w:br/>")
        return run_xml(text, rpr)
