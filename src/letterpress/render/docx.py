"""Pages -> .docx bytes: the view laid out with real Word styles, numbering and footnotes.

Every number, marker, date and label is already decided in the page; this module only lays
it out, in the same order as the HTML template. Paragraphs are built as XML elements (see
``docx_xml``) so that thousands of signatories stay fast; python-docx supplies the package,
the template and its parts.

Several languages of one letter go into one document either one after the other
(``sequential``: each from a new page, in a section of its own direction, headers and
footers) or side by side (``parallel``: a borderless table, one column per language and one
row per aligned unit: the header, each body block, each demand, each signatory group...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm

from letterpress import side_by_side, tokens
from letterpress.i18n import is_arabic_script
from letterpress.layouts import Layout
from letterpress.page import (
    Block,
    Code,
    Contacts,
    Directed,
    Footnote,
    Group,
    Heading,
    Image,
    Inline,
    Item,
    ListBlock,
    Member,
    Page,
    PageBreak,
    Paragraph,
    Person,
    Quote,
    Rule,
    Signatories,
    Span,
    isolated,
    lead,
    plain,
)
from letterpress.render.docx_bidi import ARABIC_FONT
from letterpress.render.docx_media import Pictures, css_width
from letterpress.render.docx_notes import Footnotes
from letterpress.render.docx_numbering import Numbering
from letterpress.render.docx_package import (
    open_template,
    set_properties,
    strip_template,
    to_bytes,
    tune_settings,
)
from letterpress.render.docx_sections import Columns, header_footer, set_up
from letterpress.render.docx_styles import (
    END_MARK_TRACKING,
    barred,
    justified,
    keeping,
    letter_spacing,
    member_indents,
    prepare,
    quote_bar,
)
from letterpress.render.docx_xml import (
    PPR,
    PPR_ORDER,
    PSTYLE,
    RPR_ORDER,
    VAL,
    Element,
    P,
    Placeholders,
    SpanWriter,
    child,
    keep_next,
    new,
    paragraph,
    paragraph_xml,
    parse,
    ppr_xml,
    rpr_xml,
    run,
    run_xml,
    sub,
    table_indent,
    w,
)
from letterpress.table_widths import cells, widths_of
from letterpress.text_width import widest

ROLE_STYLES = {"note": "Note", "closing": "Closing", "caption": "Caption",
               "salutation": "Salutation", "intro": "Intro"}
LOGO_BOX = (int(Mm(60)), int(Mm(18)))  # the layouts' max-width and max-height of the logo
EMU_PER_TWIP = 635
COMBINE = ("separate", "sequential", "parallel")
CELL_MARGIN = 113  # twips each side of a parallel cell (2 mm): 4 mm between languages
NUMBER_GAP_EM = 0.5  # after a signatory's number: an en space, as the PDF's (number_column)


def render(pages: Sequence[Page] | Page, layout: Layout, combine: str = "separate") -> bytes:
    """The letter as a .docx file; the same pages and layout always give the same bytes.

    ``separate`` takes one page; ``sequential`` puts each page (language) after the other,
    each from a new page; ``parallel`` sets them side by side, the first on the left.
    """
    pages = [pages] if isinstance(pages, Page) else list(pages)
    if not pages:
        raise ValueError("no page to render")
    if combine not in COMBINE:
        raise ValueError(f"unknown combine {combine!r} (one of {', '.join(COMBINE)})")
    if combine == "separate" and len(pages) > 1:
        raise ValueError("combine 'separate' renders one page per document")
    reference = layout.find("reference.docx")
    doc = open_template(reference)
    side_by_side = combine == "parallel" and len(pages) > 1
    writer = _Writer(doc, pages, layout, from_reference=reference is not None,
                     narrow=side_by_side)
    if side_by_side:
        writer.parallel()
    else:
        writer.sequential()
    return to_bytes(doc, writer.held.fill)


@dataclass(frozen=True)
class _Ctx:
    """Where blocks are going: the style that overrides paragraph roles (quotes, footnotes),
    the part that owns their links and pictures, a direction that differs from the styles'
    and a language that differs from the document's.
    """

    spans: SpanWriter
    style: str | None = None
    direction: bool | None = None  # True: right to left; None: as the styles
    lang: str | None = None  # written on every run (w:lang); None: the document's


def borderless_table(widths: Sequence[int], rtl: bool, margin: int = CELL_MARGIN) -> Element:
    """A table without borders, a column per width (twips), the first on the side the text
    starts from (parallel languages, signature blocks, the letterhead)."""
    tbl = new("w:tbl")
    tblpr = sub(tbl, w("tblPr"))
    if rtl:
        sub(tblpr, w("bidiVisual"))
    sub(tblpr, w("tblW"), {w("w"): str(sum(widths)), w("type"): "dxa"})
    table_indent(tblpr, margin)
    borders = sub(tblpr, w("tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, w(edge), {w("val"): "nil"})
    sub(tblpr, w("tblLayout")).set(w("type"), "fixed")
    margins = sub(tblpr, w("tblCellMar"))
    for edge in ("left", "right"):
        sub(margins, w(edge), {w("w"): str(margin), w("type"): "dxa"})
    sub(tblpr, w("tblLook"), {w("val"): "0000", w("firstRow"): "0", w("lastRow"): "0",
                              w("firstColumn"): "0", w("lastColumn"): "0",
                              w("noHBand"): "1", w("noVBand"): "1"})
    grid = sub(tbl, w("tblGrid"))
    for width in widths:
        sub(grid, w("gridCol")).set(w("w"), str(width))
    return tbl


def _note_count(page: Page) -> int:
    return max([len(page.footnotes), *(note.number for note in page.footnotes)])


class _Writer:
    """Walks each page in reading order and appends its paragraphs to the document body
    (or, side by side, to the cells of a table)."""

    def __init__(self, doc: Any, pages: Sequence[Page], layout: Layout, *,
                 from_reference: bool, narrow: bool = False) -> None:
        self.doc, self.pages = doc, tuple(pages)
        first = self.pages[0]
        self.theme, self.options = layout.manifest.style, layout.manifest.options
        self.styles_rtl = first.dir == "rtl"  # the styles run in the first page's direction
        # the letter's right-to-left language, as its Arabic file's, in its English one too
        rtl_page = next((page for page in self.pages if page.dir == "rtl"), None)
        self.bidi_lang = rtl_page.lang if rtl_page else first.rtl_lang
        self.latin_lang = first.latin_lang
        arabic = any(is_arabic_script(page.lang) for page in self.pages)
        self.body = doc.element.body
        self.held = Placeholders(doc.element.body)
        self.final = self._clear_body()
        numbers = [m.number for page in self.pages
                   for g in (page.signatories.groups if page.signatories else ())
                   if g.display in ("list", "columns") for m in g.members if m.number]
        # the widest number and an en space, as the PDF's number column (number_column)
        hang = widest(numbers) + NUMBER_GAP_EM if numbers else 0
        self.s = prepare(doc, self.theme, self.options, self.latin_lang, self.styles_rtl,
                         from_reference, hang, bidi_lang=self.bidi_lang,
                         cs_font=ARABIC_FONT if arabic else None, narrow=narrow,
                         mixed=len({page.dir for page in self.pages}) > 1)
        self.member_indents = member_indents(self.theme, hang)
        self.justified = justified(self.options, narrow=narrow)
        self.barred = barred(self.options, narrow=narrow)
        self.text_width = set_up(doc.sections[0], self.theme, self.styles_rtl, first.lang)
        self.spans = SpanWriter(doc.part, self.s, self._note, default_rtl=self.styles_rtl,
                                arabic_font=None if arabic else ARABIC_FONT)
        self.offsets = [sum(_note_count(page) for page in self.pages[:i])
                        for i in range(len(self.pages))]
        self.begin(0)
        self.headers()
        self.numbering = Numbering(doc.part.numbering_part.element, self.theme.font_size,
                                   self.theme.accent)
        self.notes = Footnotes(doc.part, self.s)
        self._note_spans: SpanWriter | None = None
        self.pictures = Pictures(doc.part.package, self.text_width)
        self.columns = Columns(self.body)
        self.em = round(self.theme.font_size * 20)  # twips
        self.sink: list[Element] | None = None  # a table cell being filled, else the body
        self._lists: dict[tuple[int, int], tuple[int, int, int]] = {}
        self.breaks: list[Element] = []  # page breaks' paragraphs (see breaks_before)
        self._keeping: frozenset[str] | None = None  # styles that keep with the next

    def _clear_body(self) -> Element:
        """Empty the template's body (a reference document may hold sample text)."""
        final = self.body.find(w("sectPr"))
        for el in list(self.body):
            if el is not final:
                self.body.remove(el)
        if final is None:
            final = sub(self.body, w("sectPr"))
        return final

    def begin(self, index: int) -> None:
        """Write page ``index`` from now on: its direction, language and note numbers."""
        self.index, self.page = index, self.pages[index]
        self.rtl = self.page.dir == "rtl"
        lang = self.page.lang if self.page.lang != self.pages[0].lang else None
        self.ctx = _Ctx(self.spans, direction=self.direction(None), lang=lang)
        self.note_offset = self.offsets[index]
        self.note_limit = None if len(self.pages) == 1 else _note_count(self.page)

    def headers(self) -> None:
        """The running header and page-number footer of the page's (first) section."""
        page = self.page
        header_footer(self.doc.sections[-1], self.s, page.meta_title if page.title else "",
                      page.labels, self.rtl, styles_rtl=self.styles_rtl, lang=self.ctx.lang,
                      digits=page.lang)

    def _note(self, span: Span) -> str:
        return self.notes.reference(span, self.page.lang, self.note_offset, self.note_limit)

    # --- output helpers ------------------------------------------------------------------

    def add(self, *elements: Element) -> None:
        """Append to the body, before its final section properties (or to the cell)."""
        self.add_all(elements)

    def add_all(self, elements: Iterable[Element]) -> None:
        """Append many (a generator of blocks, thousands of signatories)."""
        if self.sink is not None:
            self.sink.extend(elements)
            return
        for el in elements:
            self.final.addprevious(el)

    def para(self, style: str, spans: Inline | None = None, ctx: _Ctx | None = None, *,
             num: tuple[int, int] | None = None, ind: tuple[int, int] | None = None,
             prefix: str = "") -> Element:
        """A paragraph in a named style holding ``spans`` (after ``prefix``: runs, a
        marker), in the context's direction."""
        ctx = ctx or self.ctx
        runs = prefix + (ctx.spans.xml(spans, rtl=ctx.direction, lang=ctx.lang) if spans else "")
        # Word and LibreOffice break a long token (a web address, an access key: tokens.py)
        # only where it is wider than a line, and the DOCX cannot say where else without
        # putting characters into the text: justified, the line before it spread over the
        # whole width (gaps of several words). Its paragraph is ragged instead, whatever
        # part of the letter it is in (the view marks tokens in the body only).
        jc = "left" if style in self.justified and spans and tokens.holds_long(spans) else None
        p = parse(paragraph_xml(runs, ppr_xml(self.s[style], bidi=ctx.direction, num=num,
                                              ind=ind, jc=jc)))
        if style in self.barred and ctx.direction is not None:  # the bar changes sides
            border = child(child(p, PPR, PPR_ORDER), w("pBdr"), PPR_ORDER)
            if ctx.direction:
                sub(border, w("left"), {w("val"): "nil"})
                quote_bar(border, "right", self.theme.accent)
            else:
                quote_bar(border, "left", self.theme.accent)
                sub(border, w("right"), {w("val"): "nil"})
        return p

    def direction(self, value: str | None) -> bool | None:
        """The direction to write for a part running ``value`` (None: the page's way):
        True/False where it differs from the styles', else None (inherited)."""
        rtl = value == "rtl" if value in ("rtl", "ltr") else self.rtl
        return None if rtl == self.styles_rtl else rtl

    def is_rtl(self, direction: bool | None) -> bool:
        """The actual direction of a context (``direction`` as ``_Ctx.direction``)."""
        return self.styles_rtl if direction is None else direction

    def lang_of(self, lang: str | None) -> str | None:
        """The language to write for a part in ``lang`` (None: the page's)."""
        if not lang or lang == self.page.lang:
            return self.ctx.lang
        return lang

    def spacer(self, style: str = "Signatory Cell") -> Element:
        """The paragraph Word needs after a table (two tables would merge), a point high:
        a full line of it spilled onto a blank last page after a table ending a page."""
        spacer = self.para(style)
        ppr = child(spacer, PPR, PPR_ORDER)
        child(ppr, w("spacing"), PPR_ORDER, before="0", after="0", line="20",
              lineRule="exact")
        child(child(ppr, w("rPr"), PPR_ORDER), w("sz"), RPR_ORDER, val="2")
        return spacer

    def gap_after(self, p: Element, ems: float = 1.0) -> None:
        """Space after the last paragraph of a block (an address, the letterhead)."""
        spacing = child(child(p, PPR, PPR_ORDER), w("spacing"), PPR_ORDER)
        spacing.set(w("after"), str(round(ems * self.em)))

    # --- the letter, in reading order -----------------------------------------------------

    def sequential(self) -> None:
        """Each page in turn, every one after the first from a new page, in a section of
        its own direction with its own header and footer."""
        for index, page in enumerate(self.pages):
            if index:
                rtl = page.dir == "rtl"
                self.columns.next_page(rtl)
                self.text_width = set_up(self.doc.sections[-1], self.theme, rtl, page.lang)
                self.pictures.text_width = self.text_width
                self.begin(index)
                self.headers()
            self.write_page()
        self.finish()

    def write_page(self) -> None:
        """Every part of the page in the HTML template's order."""
        page = self.page
        self.head()
        self.add_all(self.blocks(self.page.body, self.ctx))
        self.closing()
        if page.signatories:
            self.signatories(page.signatories)
        if page.contacts:
            self.contacts(page.contacts)
        self.postscript()
        self.footnotes(page.footnotes)

    def finish(self) -> None:
        """Metadata from the first page; a document is never empty."""
        first = self.pages[0]
        self.breaks_before()
        if self.final.getprevious() is None:  # Word wants at least one paragraph
            self.add(paragraph())
        set_properties(self.doc, first.meta_title, first.author, first.lang)
        strip_template(self.doc)
        tune_settings(self.doc, self.latin_lang, self.bidi_lang)

    def breaks_before(self) -> None:
        """A page break followed by a paragraph becomes that paragraph's "page break
        before", not an empty paragraph of its own (a partner clicking there found an
        invisible line). Before a table, a section's end, held signatories or nothing, where
        the break's paragraph ends a section itself, and in a run of breaks (an empty page in
        the PDF; LibreOffice made one break of a break and the next paragraph's "before"),
        it stays a break in a paragraph."""
        breaks = set(self.breaks)
        for brk in self.breaks:
            after = brk.getnext()
            if (after is None or after.tag != P or brk.getparent() is None
                    or after in breaks or brk.getprevious() in breaks
                    or any(p.find(f"{PPR}/{w('sectPr')}") is not None for p in (brk, after))):
                continue
            child(child(after, PPR, PPR_ORDER), w("pageBreakBefore"), PPR_ORDER)
            brk.getparent().remove(brk)

    def head(self) -> None:
        """Letterhead, title, subtitle, reference, dateline, addressees, cc, subject and
        salutation."""
        page = self.page
        self.letterhead()
        if page.title:
            self.add(self.para("Title", page.title))
        if page.subtitle:
            self.add(self.para("Subtitle", page.subtitle))
        if page.reference:
            self.add(self.para("Reference", (Span(page.reference_line),)))
        if page.dateline:  # (the view sets it only where the layout puts it on top)
            self.add(self.para("Dateline", (Span(page.dateline),)))
        self.people(page.to)
        if page.cc:
            self.add(self.para("CC Label", (Span(page.labels.get("cc", "cc:")),)))
            self.people(page.cc)
        if page.subject:
            label = page.labels.get("subject", "")
            self.add(self.para("Subject", (Span(f"{label} "), *page.subject) if label
                               else page.subject))
        if page.salutation:
            self.add(self.para("Salutation", page.salutation))

    def closing(self) -> None:
        if self.page.closing:
            self.add(self.para("Closing", self.page.closing))

    def postscript(self) -> None:
        """The postscript, then the end mark where the layout wants one."""
        self.add_all(self.blocks(self.page.postscript, self.ctx))
        if self.options.end_mark:
            mark = self.para("End Mark", (Span(self.page.labels.get("end", "###")),))
            if self.rtl != self.styles_rtl:
                # the style spaces the letters in the styles' direction: left to right, as
                # the CSS ("###"); right to left, none (spaced Arabic letters do not join)
                spacing = "0" if self.rtl else str(letter_spacing(self.theme, END_MARK_TRACKING))
                for rpr in mark.iter(w("rPr")):
                    child(rpr, w("spacing"), RPR_ORDER, val=spacing)
            self.add(mark)

    def letterhead(self) -> None:
        """Sender name and lines with the logo on the other side, as the PDF floats it (a
        borderless table when there are both), closed by an accent hairline and a gap."""
        page = self.page
        logo, shown = None, 0  # the logo's width (EMU)
        if page.logo:
            picture = self.pictures.run(self.doc.part, page.logo, box=LOGO_BOX,
                                        alt=plain(page.sender.name) if page.sender else "")
            if picture is not None:
                logo = self.para("Letterhead")
                child(child(logo, PPR, PPR_ORDER), w("jc"), PPR_ORDER, val="right")  # (end)
                logo.append(picture)
                shown = int(picture.find(f".//{qn('wp:extent')}").get("cx"))
        block = self.person(page.sender, "Letterhead", "Sender") if page.sender else []
        if logo is not None and block:
            total = self.text_width // EMU_PER_TWIP
            side = shown // EMU_PER_TWIP + CELL_MARGIN
            tbl = borderless_table([total - side, side], self.styles_rtl, margin=0)
            self.row(tbl, [block, [logo]], [total - side, side])
            last = self.spacer("Letterhead")
            self.add(tbl, last)
            edge = "top"  # the hairline under the taller of the two, 3 mm below it (as CSS)
            child(child(last, PPR, PPR_ORDER), w("spacing"), PPR_ORDER).set(w("before"), "170")
        else:
            self.add_all(block := [*([logo] if logo is not None else []), *block])
            if not block:
                return
            last, edge = block[-1], "bottom"
        self.gap_after(last, 1.8)  # a hairline in the accent colour closes the letterhead
        border = child(child(last, PPR, PPR_ORDER), w("pBdr"), PPR_ORDER)
        sub(border, w(edge), {w("val"): "single", w("sz"): "12", w("space"): "6",
                              w("color"): self.theme.accent.lstrip("#").upper()})

    def people(self, people: Iterable[Person], name_style: str = "Addressee",
               line_style: str = "Addressee Line") -> None:
        """Addressees, cc or media contacts: each a name paragraph, then its lines; a gap
        after the block. Each one's lines keep together and the next may start a page (a
        chain of nineteen addressees each kept with the next was longer than a page: Word
        broke it anywhere, inside an address; three contacts left a third of a page empty)."""
        last = None
        for person in people:
            block = self.person(person, name_style, line_style)
            self.add_all(block)
            last = block[-1]
            keep_next(last, False)
        if last is not None:
            self.gap_after(last)

    def person(self, person: Person, name_style: str, line_style: str) -> list[Element]:
        """A name paragraph, then one per line, email, phone and web address."""
        url = [person.url] if person.url else []
        lines = (*person.lines, *person.emails, *person.phones, *url)
        return [self.para(name_style, person.name),
                *(self.para(line_style, line) for line in lines)]

    # --- blocks ----------------------------------------------------------------------------

    def blocks(self, blocks: Iterable[Block], ctx: _Ctx) -> Iterator[Element]:
        """Body blocks as elements; the caller decides where they go (body or footnote)."""
        for block in blocks:
            yield from self.block(block, ctx)

    def block(self, b: Block, ctx: _Ctx) -> Iterator[Element]:
        """One block: paragraphs take their role's style unless the context overrides it."""
        if isinstance(b, Paragraph):
            yield self.para(ctx.style or ROLE_STYLES.get(b.role, "Normal"), b.spans, ctx)
        elif isinstance(b, Heading):
            yield self.para(f"Heading {min(max(b.level, 1), 3)}", b.spans, ctx)
        elif isinstance(b, Quote):
            yield from self.quote(b, ctx)
        elif isinstance(b, ListBlock):
            yield from self.list_block(b, ctx)
        elif isinstance(b, Rule):
            yield self.para("Rule", ctx=ctx)
        elif isinstance(b, PageBreak):
            self.breaks.append(parse(paragraph_xml(run_xml(inner='<w:br w:type="page"/>'))))
            yield self.breaks[-1]
        elif isinstance(b, Code):
            p = self.para("Source Code", ctx=ctx)
            run(p, b.text.rstrip("\n"), rtl=False if self.is_rtl(ctx.direction) else None)
            yield p
        elif isinstance(b, Image):
            yield from self.image(b, ctx)
        elif isinstance(b, Directed):
            yield from self.blocks(b.blocks, self.directed(b, ctx))

    def directed(self, b: Directed, ctx: _Ctx) -> _Ctx:
        """The context of blocks in another language: its direction, its w:lang."""
        return replace(ctx, direction=self.direction(b.dir), lang=b.lang)

    def quote(self, b: Quote, ctx: _Ctx) -> Iterator[Element]:
        """Quoted blocks in the Quote style, then "— by, role" in its own paragraph."""
        inner = list(self.blocks(b.blocks, replace(ctx, style="Quote")))
        if b.by or b.role:
            spans: list[Span] = [Span("— ")]
            spans += [replace(s, bold=True) for s in b.by or ()]
            spans += [Span(b.sep)] if b.by and b.role else []
            spans += b.role or ()
            if inner:  # never leave the attribution alone at the top of a page (side by
                # side, the row's keeps decide: unkeep)
                keep_next(inner[-1])
            inner.append(self.para("Attribution", tuple(spans), ctx))
        yield from inner

    def list_numbers(self, b: ListBlock, indent: int = 0) -> tuple[int, int, int]:
        """(numId, left, hanging) of a list, asked of the numbering once per list."""
        key = (self.index, id(b))
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = self.numbering.list_for(b, self.index, indent)
        return found

    def list_block(self, b: ListBlock, ctx: _Ctx, indent: int = 0) -> Iterator[Element]:
        """Word-numbered items; an item's further paragraphs are indented, unnumbered. A
        sublist's markers start at its item's text (``indent``, twips). The first item and
        the one before the last keep with the next, as in the PDF: a page break leaves at
        least two items on each side (a two-item list was split 1/1); side by side, the
        row's keeps decide (``unkeep``)."""
        if b.intro:
            yield self.para("List Intro", b.intro, ctx)
        self.list_numbers(b, indent)
        last = len(b.items) - 1
        for n, item in enumerate(b.items):
            elements = list(self.list_item(b, item, ctx))
            if n in (0, last - 1) and n < last and elements:
                keep_next(elements[-1])
            yield from elements

    def list_item(self, b: ListBlock, item: Item, ctx: _Ctx) -> Iterator[Element]:
        """One item: its numbered first paragraph, further blocks, then its sublist. An
        item's text introduces its sublist, so its last paragraph keeps with the first
        sub-item, as an intro does (it was left alone at a page's foot)."""
        num_id, left, hang = self.list_numbers(b)
        style = "Demand" if b.kind == "demands" else (
            "List Bullet" if b.style.kind == "bullet" else "List Number")
        first, directed, rest = lead(item.blocks)
        spans = first.spans if first else None
        if spans and directed:  # a stand-in of the other direction, on the number's line
            spans = isolated(spans, directed.dir)
        own = [self.numbered(style, spans, ctx, b, item, (num_id, left, hang),
                             lang=directed.lang if directed else None)]
        for block in rest:  # under the item's text; a stand-in's in its language and direction
            inner = self.directed(block, ctx) if isinstance(block, Directed) else ctx
            for one in block.blocks if isinstance(block, Directed) else (block,):
                if isinstance(one, Paragraph):
                    own.append(self.para("List Continue", one.spans, inner, ind=(left, 0)))
                else:
                    own.extend(self.block(one, inner))
        if item.sublist and own[-1].tag == P:
            keep_next(own[-1])
        yield from own
        if item.sublist:
            yield from self.list_block(item.sublist, ctx, left)

    def numbered(self, style: str, spans: Inline | None, ctx: _Ctx, b: ListBlock, item: Item,
                 numbers: tuple[int, int, int], lang: str | None = None) -> Element:
        """An item's first paragraph: Word numbering, or the view's marker as text (in the
        same hanging indent) for kinds Word's rivals cannot number (Arabic-Indic digits);
        its text in ``lang`` where it stands in for a missing translation."""
        num_id, left, hang = numbers
        text = replace(ctx, lang=lang) if lang else ctx
        if num_id:
            return self.para(style, spans, text, num=(num_id, 0))
        strong = b.kind == "demands"
        marker = run_xml(f"{item.marker}\t", rpr_xml(
            bold=strong, rtl=ctx.direction, lang=ctx.lang,
            color=self.theme.accent.lstrip("#").upper() if strong else None))
        # (numId 0: not the style's own numbering too)
        return self.para(style, spans, text, ind=(left, hang), num=(0, 0), prefix=marker)

    def image(self, b: Image, ctx: _Ctx) -> Iterator[Element]:
        """An inline picture in its own paragraph, its caption under it."""
        picture = self.pictures.run(ctx.spans.part, b.path, alt=b.alt,
                                    width=css_width(b.width, self.text_width))
        p = self.para("Figure", ctx=ctx)
        if picture is not None:
            p.append(picture)
        else:  # not a picture after all (load checked it was): say what was there
            run(p, f"[{b.alt or b.path.name}]")
        yield p
        if b.caption:
            yield self.para("Caption", b.caption, ctx)

    # --- signatories and contacts ----------------------------------------------------------

    def signatories(self, sig: Signatories) -> None:
        """Heading, intro, each group, note: appended directly, since column sections
        need the body around them."""
        self.signatories_head(sig)
        for group in sig.groups:
            self.group(group)
        self.add_all(self.blocks(sig.note, self.ctx))

    def signatories_head(self, sig: Signatories) -> None:
        if sig.heading:
            self.add(self.para("Heading 1", sig.heading))
        self.intro(sig.intro, self.ctx)

    def group(self, g: Group) -> None:
        """A group's name (kept with its first members), intro, members and note."""
        direction = self.direction(g.dir)
        lang = self.lang_of(g.lang)
        ctx = replace(self.ctx, direction=direction, lang=lang)
        if g.name:
            self.add(self.para("Signatory Group", g.name, ctx))
        self.intro(g.intro, ctx)
        if g.members:
            flow = g.dir == "rtl" if g.dir and (g.dir == "rtl") != self.rtl else None
            if g.display == "inline":
                self.add(parse(self.inline_members(g.members, ctx, g.sep)))
            elif g.display == "table":
                self.add(self.table(g, ctx), self.spacer())
            elif g.display == "signature":
                self.add(self.signatures(g.members, ctx), self.spacer())
            elif g.display == "columns":
                self.in_columns(self.members(g, ctx, "Signatory Column"),
                                self.theme.signatory_columns, flow)
            else:
                self.add_all(self.held.paragraphs(self.members(g, ctx)))
        self.add_all(self.blocks(g.note, ctx))

    def intro(self, blocks: Iterable[Block], ctx: _Ctx) -> None:
        """An intro (the signatories', a group's, the contacts'), each paragraph kept with
        the next: it introduces what follows (in the Normal style, it was left alone at a
        page's foot)."""
        paragraphs = list(self.blocks(blocks, ctx))
        for p in paragraphs:
            if p.tag == w("p"):
                keep_next(p)
        self.add_all(paragraphs)

    def in_columns(self, paragraphs: list[str], count: int, rtl: bool | None) -> None:
        """Paragraphs (markup) set in ``count`` columns (a section of their own, flowing in
        direction ``rtl`` where it differs from the page's), or as they are (in a table
        cell)."""
        columns = count > 1 and self.sink is None
        if columns:
            self.columns.open()
        placed = self.held.paragraphs(paragraphs)
        self.add_all(placed)
        if columns:
            self.columns.close(placed[-1], count, rtl)

    def members(self, g: Group, ctx: _Ctx, style: str = "Signatory") -> list[str]:
        """One signatory line each (``style``: of a list or of columns): number, tab, name,
        then the details after commas. The number is Word's (``Numbering.members_for``),
        so that a name added or taken out renumbers the lines after it, or text where Word
        would count otherwise.

        A line runs in its list's direction (the numbers stay on one side) whatever the
        member's script: the view isolates the name, its runs follow their own script; a
        member isolated as one line (its own comma) is written as one text, the isolate
        running across its commas. Members are markup, held until the document is saved
        (see ``Placeholders``); what every line shares (properties, comma) is written once.
        """
        direction, xml, text_lang = ctx.direction, ctx.spans.xml, ctx.lang
        plain_rpr = rpr_xml(rtl=direction, lang=text_lang)
        sep = run_xml(g.sep, plain_rpr)
        hang = self.member_indents.get(style, 0)
        num_id, own = self.numbering.members_for(g, self.index, hang) if hang else (0, None)
        props = {"bidi": direction, "num": (num_id, 0) if num_id else None,
                 "ind": None if own is None else (own, own)}
        ppr = ppr_xml(self.s[style], **props)
        # a plain list (as the PDF's, not in columns or a table cell) keeps the first
        # member and the one before the last with the next: the group's name goes over
        # with two members at least, the last never goes over alone
        kept = ppr_xml(self.s[style], keep_next=True, **props)
        keep = ({0, len(g.members) - 2} if style == "Signatory" and self.sink is None
                and len(g.members) > 1 else set())
        # a detail the view made once (a country, a role) is written once; not a note
        # reference, whose first use differs from the others (see Footnotes.reference)
        details: dict[int, str] = {}
        out = []
        for n, m in enumerate(g.members):
            runs = [run_xml(m.number, plain_rpr, tab=True)] if m.number and not num_id else []
            if m.sep is not None:
                line = [*m.name]
                for _, value in m.fields:
                    line += [Span(m.sep), *value]
                runs.append(xml(tuple(line), rtl=direction, lang=text_lang))
                out.append(paragraph_xml("".join(runs), kept if n in keep else ppr))
                continue
            runs.append(xml(m.name, rtl=direction, lang=text_lang))
            for _, value in m.fields:
                runs.append(sep)
                done = details.get(id(value))
                if done is None:
                    done = xml(value, rtl=direction, lang=text_lang)
                    if all(span.note is None for span in value):
                        details[id(value)] = done
                runs.append(done)
            out.append(paragraph_xml("".join(runs), kept if n in keep else ppr))
        return out

    def inline_members(self, members: Iterable[Member], ctx: _Ctx, sep: str) -> str:
        """Every member in one paragraph, separated by " · ", details in parentheses."""
        direction, xml = ctx.direction, ctx.spans.xml
        plain_rpr = rpr_xml(rtl=direction, lang=ctx.lang)
        out = []
        for i, m in enumerate(members):
            if i:
                out.append(run_xml(" · ", plain_rpr))
            if m.number:
                out.append(run_xml(f"{m.number}\u00a0", plain_rpr))  # never apart from its name
            out.append(xml(m.name, rtl=direction, lang=ctx.lang))
            for n, (_, value) in enumerate(m.fields):
                out.append(run_xml(sep if n else " (", plain_rpr))
                out.append(xml(value, rtl=direction, lang=ctx.lang))
            if m.fields:
                out.append(run_xml(")", plain_rpr))
        return paragraph_xml("".join(out), ppr_xml(self.s["Signatory Inline"], bidi=direction))

    def signatures(self, members: tuple[Member, ...], ctx: _Ctx) -> Element:
        """Signature blocks two to a row, filled row by row as the PDF sets them (a table
        without borders; one signer alone in the first column)."""
        width = self.text_width // EMU_PER_TWIP // 2
        tbl = borderless_table([width] * 2, self.is_rtl(ctx.direction))
        cell = f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{{}}</w:tc>'
        blocks = [self.signature(m, ctx) for m in members]
        rows = ("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
            cell.format(block) for block in pair) + (cell.format("<w:p/>") * (2 - len(pair)))
            + "</w:tr>" for pair in (blocks[i:i + 2] for i in range(0, len(blocks), 2)))
        tbl.extend(self.held.hold("".join(rows)))
        return tbl

    def signature(self, m: Member, ctx: _Ctx) -> str:
        """A signature block: the name in bold, then each detail on its own line."""
        direction, xml = ctx.direction, ctx.spans.xml
        out = [run_xml(f"{m.number} ", rpr_xml(bold=True, rtl=direction, lang=ctx.lang))
               ] if m.number else []
        out.append(xml(tuple(replace(s, bold=True) for s in m.name), rtl=direction,
                       lang=ctx.lang))
        for _, value in m.fields:
            out.append(run_xml(inner="<w:br/>"))
            out.append(xml(value, rtl=direction, lang=ctx.lang))
        return paragraph_xml("".join(out), ppr_xml(self.s["Signature"], bidi=direction))

    def table(self, g: Group, ctx: _Ctx) -> Element:
        """A real table: number (when numbered), name, then one column per listed field."""
        numbered = any(m.number for m in g.members)  # numbers, or bullets (numbering: none)
        total = self.text_width // EMU_PER_TWIP
        widths = [round(share * total)
                  for share in widths_of(g, total / 20, self.theme.font_size)]
        tbl = new("w:tbl")
        tblpr = sub(tbl, w("tblPr"))
        sub(tblpr, w("tblStyle")).set(w("val"), self.s["Signatory Table"])
        if self.is_rtl(ctx.direction):
            sub(tblpr, w("bidiVisual"))
        sub(tblpr, w("tblW"), {w("w"): str(sum(widths)), w("type"): "dxa"})
        sub(tblpr, w("tblLayout")).set(w("type"), "fixed")
        sub(tblpr, w("tblLook"), {w("val"): "0000", w("firstRow"): "0",
                                                w("noHBand"): "1", w("noVBand"): "1"})
        grid = sub(tbl, w("tblGrid"))
        for width in widths:
            sub(grid, w("gridCol")).set(w("w"), str(width))
        ppr = ppr_xml(self.s["Signatory Cell"], bidi=ctx.direction)
        xml = ctx.spans.xml
        rows = []
        for m in g.members:
            row: list[Inline] = ([(Span(m.number),)] if numbered else []) + cells(g, m)
            rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"{paragraph_xml(xml(spans, rtl=ctx.direction, lang=ctx.lang), ppr)}</w:tc>"
                for width, spans in zip(widths, row, strict=True)) + "</w:tr>")
        tbl.extend(self.held.hold("".join(rows)))
        return tbl

    def contacts(self, c: Contacts) -> None:
        """Media contacts: heading, intro, then each person as a small block."""
        if c.heading:
            self.add(self.para("Heading 1", c.heading))
        self.intro(c.intro, self.ctx)
        self.people(c.people, "Contact", "Contact Line")

    # --- notes -----------------------------------------------------------------------------

    def footnotes(self, notes: Iterable[Footnote]) -> None:
        """Referenced notes become Word footnotes; notes never referenced are listed at the
        end under the notes label, so no note is lost."""
        unreferenced = []
        written = set()
        offset = self.note_offset
        note_ctx: _Ctx | None = None
        for note in notes:
            if offset + note.number not in self.notes.custom:
                unreferenced.append(note)
                continue
            if note_ctx is None:
                if self._note_spans is None:
                    self._note_spans = SpanWriter(self.notes.part, self.s,
                                                  default_rtl=self.styles_rtl,
                                                  arabic_font=self.spans.arabic_font)
                note_ctx = _Ctx(self._note_spans, style="Footnote Text",
                                direction=self.ctx.direction, lang=self.ctx.lang)
            self.notes.add(note.number, list(self.blocks(note.blocks, self.note_way(
                note, note_ctx))), self.page.lang, offset)
            written.add(offset + note.number)
        mine = {key for key in self.notes.custom if key > offset and (
            self.note_limit is None or key <= offset + self.note_limit)}
        for key in sorted(mine - written):  # a reference without a text
            self.notes.add(key - offset, [], self.page.lang, offset)
        if not unreferenced:
            return
        self.add(self.para("Heading 1", (Span(self.page.labels.get("footnotes", "Notes")),)))
        ctx = replace(self.ctx, style="Footnote Text")
        for note in unreferenced:
            paragraphs = list(self.blocks(note.blocks, self.note_way(note, ctx))) or [
                self.para("Footnote Text")]
            _prefix(paragraphs[0], f"{note.mark} ")
            self.add_all(paragraphs)

    def note_way(self, note: Footnote, ctx: _Ctx) -> _Ctx:
        """A note written wholly in the other direction's script runs its own way (the full
        stop of an English note under an Arabic letter stood at its left end)."""
        return replace(ctx, direction=self.direction(note.dir)) if note.dir else ctx

    # --- side by side ----------------------------------------------------------------------

    def parallel(self) -> None:
        """A borderless table, a column per language, a row per aligned unit; each cell in
        its page's direction. Rows may break across pages; a page break ends the table and
        the rows after it are a new one (in a cell, Word and LibreOffice ignore the break).
        The first language is on the side the first page starts from (the left for
        English, the right for Arabic), as in the HTML, whose table takes the first page's
        direction."""
        count = len(self.pages)
        width = self.text_width // EMU_PER_TWIP // count
        self.text_width = (width - 2 * CELL_MARGIN) * EMU_PER_TWIP
        self.pictures.text_width = self.text_width
        tbl = None
        for unit in side_by_side.rows(self.pages):
            if unit.part == "page-break":
                if tbl is not None:
                    self.add_all(self.block(PageBreak(), self.ctx))
                    tbl = None
                continue
            cells = []
            for index in range(count):
                self.begin(index)
                self.sink = []
                self.cell(unit, index)
                cells.append(self.sink)
            self.sink = None
            if any(cells):
                if not unit.keep_with_next:
                    self.unkeep(cells)
                if tbl is None:
                    tbl = borderless_table([width] * count, self.styles_rtl)
                    self.add(tbl)
                self.row(tbl, cells, [width] * count)
        self.begin(0)
        self.finish()

    def unkeep(self, cells: list[list[Element]]) -> None:
        """No paragraph of a side-by-side row keeps with the next unless the row does (as
        the PDF's plan says: ``Row.keep_with_next``). LibreOffice keeps a row with the next
        one when a cell's first paragraph keeps with the next, whatever it keeps with: a
        picture kept with its caption in the same cell took its row over to the next page
        with the closing, a third of page 1 empty. Members are held markup and keep
        nothing in a cell (``members``)."""
        if self._keeping is None:
            self._keeping = keeping(self.doc.styles.element)
        for p in (el for elements in cells for el in elements if el.tag == P):
            ppr = p.find(PPR)
            if ppr is None:
                continue
            style = ppr.find(PSTYLE)
            if ppr.find(w("keepNext")) is not None or (
                    style is not None and style.get(VAL) in self._keeping):
                keep_next(p, False)

    def row(self, tbl: Element, cells: list[list[Element]], widths: Sequence[int]) -> None:
        """A table row of cells; a cell ends with a paragraph, as Word requires."""
        tr = sub(tbl, w("tr"))
        for elements, width in zip(cells, widths, strict=True):
            tc = sub(tr, w("tc"))
            sub(sub(tc, w("tcPr")), w("tcW"), {w("w"): str(width), w("type"): "dxa"})
            if not elements or elements[-1].tag != w("p"):
                elements.append(paragraph())
            for el in elements:
                tc.append(el)

    def cell(self, row: side_by_side.Row, index: int) -> None:
        """Page ``index``'s part of a side-by-side row (``begin`` has made it current)."""
        part, item = row.part, row.cells[index] if row.cells else None
        if part == "header":
            self.head()
        elif part == "blocks":
            self.add_all(self.blocks(item or (), self.ctx))
        elif part in ("list-intro", "list-item") and item is not None:
            b, directed, *entry = item
            ctx = self.directed(directed, self.ctx) if directed else self.ctx
            if part == "list-item":
                if entry[0] is not None:
                    self.add_all(self.list_item(b, entry[0], ctx))
            else:
                if b.intro:
                    self.add(self.para("List Intro", b.intro, ctx))
                self.list_numbers(b)
        elif part == "closing":
            self.closing()
        elif part == "signatories" and self.page.signatories:
            self.signatories_head(self.page.signatories)
        elif part == "group" and item is not None:
            self.group(item)
        elif part == "signatories-note" and self.page.signatories:
            self.add_all(self.blocks(self.page.signatories.note, self.ctx))
        elif part == "contacts" and self.page.contacts:
            self.contacts(self.page.contacts)
        elif part == "postscript":
            self.postscript()
        elif part == "footnotes":  # Word's footnotes; the notes' rows stay empty
            self.footnotes(self.page.footnotes)


def _prefix(p: Element, text: str) -> None:
    """A run of text opening paragraph ``p`` (after its properties)."""
    r = parse(run_xml(text))
    ppr = p.find(PPR)
    p.insert(0 if ppr is None else p.index(ppr) + 1, r)
