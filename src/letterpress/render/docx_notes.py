"""Real Word footnotes: a footnotes part, references in the text, the notes at the page foot.

The view numbers notes in the order it met them, which is usually reading order; Word numbers
footnotes by their position. While the two agree a reference is an ordinary automatic one (so
Word renumbers it if someone edits the document); where they disagree, the reference carries
the view's number as a custom mark, so every format prints the same numbers.

Several languages in one document each number their notes from 1: a page's notes get keys
after the previous pages' (``offset``), and their references custom marks where needed.

A custom mark's note opens with the mark as text, as Word writes one; LibreOffice prints its
own copy of the mark there too ("11"), so that text is ``w:webHidden``: hidden in a web page
view only, for Word, and wholly for LibreOffice. A LibreOffice save undoes it: it writes
its mark as visible text (its own form, Word's too) and the copy as hidden text, and on
opening prints the visible one beside its mark; no form of the note survives (README).
Footnote ids and footnotes.xml follow the
references' order: LibreOffice pairs the n-th reference with the n-th note whatever their ids
(side by side, the English second note showed the Arabic first one's number).
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from letterpress.page import Span
from letterpress.render.docx_numbering import word_number
from letterpress.render.docx_xml import (
    PPR,
    Element,
    attr,
    paragraph,
    parse_all,
    rpr_xml,
    run_xml,
    sub,
    w,
)

_SEPARATORS = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    + "".join(f'<w:footnote w:type="{kind}" w:id="{i}"><w:p><w:pPr>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
              f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
              for i, kind in ((-1, "separator"), (0, "continuationSeparator")))
    + "</w:footnotes>")


def _bookmark(key: int) -> str:
    """The name of the bookmark around note ``key``'s reference (hidden: it starts with _)."""
    return f"_RefNote{key}"


def _noteref(key: int, number: str, rpr: str) -> str:
    """A second reference to a note as Word writes one: a NOTEREF field showing the note's
    number, which Word updates with the footnote's own (a printed "1" would stay 1)."""
    return (run_xml(rpr=rpr, inner='<w:fldChar w:fldCharType="begin"/>')
            + run_xml(rpr=rpr, inner=f'<w:instrText xml:space="preserve"> NOTEREF '
                                     f'{_bookmark(key)} \\f \\h </w:instrText>')
            + run_xml(rpr=rpr, inner='<w:fldChar w:fldCharType="separate"/>')
            + run_xml(number, rpr)
            + run_xml(rpr=rpr, inner='<w:fldChar w:fldCharType="end"/>'))


def _before(later: Element) -> Element:
    """A new w:footnote just before ``later``."""
    note: Element = later.makeelement(w("footnote"), {})
    later.addprevious(note)
    return note


class Footnotes:
    """Places note references in the text and keeps which notes became Word footnotes."""

    def __init__(self, document_part: Any, styles: dict[str, str]) -> None:
        self.document_part = document_part
        self.style = styles["Footnote Reference"]
        self.custom: dict[int, bool] = {}  # referenced note key -> carries a custom mark
        self.ids: dict[int, int] = {}  # note key -> Word footnote id, in reference order
        self._auto = 0
        self._part: Any = None

    def reference(self, span: Span, lang: str, offset: int = 0, limit: int | None = None) -> str:
        """A note reference run: the first one to a note becomes a real footnote reference.

        One Word footnote has one reference: a note referred to again is a cross-reference
        to the first (a field), or, if the first carries a custom mark, that mark again. The
        note's key is ``offset`` + its number, its id the count of notes referred to so far;
        a number beyond ``limit`` (the page's notes) is printed, never made a footnote.
        Printed numbers are in the digits Word numbers the notes of ``lang`` in
        (``word_number``).
        """
        number = span.note
        rpr = rpr_xml(self.style)
        if number is None or number < 1 or (limit is not None and number > limit):
            return run_xml(span.text, rpr)
        key = offset + number
        shown = word_number(number, lang)
        if key in self.custom:
            return run_xml(shown, rpr) if self.custom[key] else _noteref(key, shown, rpr)
        custom = number != self._auto + 1
        if not custom:
            self._auto += 1
        self.custom[key] = custom
        ident = self.ids[key] = len(self.ids) + 1
        if custom:
            return run_xml(shown, rpr, inner=(
                f'<w:footnoteReference w:customMarkFollows="1" w:id="{ident}"/>'))
        return (f'<w:bookmarkStart w:id="{key}" w:name="{_bookmark(key)}"/>'
                + run_xml(rpr=rpr, inner=f'<w:footnoteReference w:id="{ident}"/>')
                + f'<w:bookmarkEnd w:id="{key}"/>')

    @property
    def part(self) -> Any:
        """The footnotes part, made on first use (a reference document's own is replaced)."""
        if self._part is None:
            rels = self.document_part.rels
            for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.FOOTNOTES]:
                rels.pop(rid)
            package = self.document_part.package
            self._part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                                 parse_xml(_SEPARATORS), package)
            self.document_part.relate_to(self._part, RT.FOOTNOTES)
        return self._part

    def add(self, number: int, paragraphs: list[Element], lang: str, offset: int = 0) -> None:
        """The body of referred-to footnote ``number`` (key ``offset`` + number) of a page
        in ``lang``, among the others in reference order; its mark opens the first
        paragraph: Word's own number, or a custom mark's text hidden from LibreOffice."""
        ident = self.ids[offset + number]
        root = self.part.element
        later = next((n for n in root.iterchildren(w("footnote"))
                      if int(n.get(w("id"))) > ident), None)
        note = sub(root, w("footnote")) if later is None else _before(later)
        note.set(w("id"), str(ident))
        if not paragraphs or paragraphs[0].tag != w("p"):
            paragraphs.insert(0, paragraph())
        first = paragraphs[0]
        hidden = f'<w:rPr><w:rStyle w:val="{attr(self.style)}"/><w:webHidden/></w:rPr>'
        mark = (run_xml(word_number(number, lang), hidden)
                if self.custom[offset + number]
                else run_xml(rpr=rpr_xml(self.style), inner="<w:footnoteRef/>"))
        ppr = first.find(PPR)
        at = 0 if ppr is None else first.index(ppr) + 1
        for i, r in enumerate(parse_all(mark + run_xml(" "))):
            first.insert(at + i, r)
        for p in paragraphs:
            note.append(p)
