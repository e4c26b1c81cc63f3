"""Page -> .docx bytes: the view laid out with real Word styles, numbering and footnotes.

Every number, marker, date and label is already decided in the page; this module only lays
it out, in the same order as the HTML template. Paragraphs are built as XML elements (see
``docx_xml``) so that thousands of signatories stay fast; python-docx supplies the package,
the template and its parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docx.shared import Mm

from letterpress.layouts import Layout
from letterpress.page import (
    Block,
    Code,
    Contacts,
    Footnote,
    Group,
    Heading,
    Image,
    Inline,
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
    plain,
)
from letterpress.render.docx_media import Pictures, css_width
from letterpress.render.docx_notes import Footnotes
from letterpress.render.docx_numbering import Numbering, hanging
from letterpress.render.docx_package import (
    open_template,
    set_properties,
    strip_template,
    to_bytes,
    tune_settings,
)
from letterpress.render.docx_sections import Columns, header_footer, set_up
from letterpress.render.docx_styles import prepare
from letterpress.render.docx_xml import (
    BR,
    PPR,
    PPR_ORDER,
    Element,
    SpanWriter,
    add_text,
    child,
    new,
    paragraph,
    run,
    sub,
    w,
)

ROLE_STYLES = {"note": "Note", "closing": "Closing", "caption": "Caption",
               "salutation": "Salutation"}
LOGO_HEIGHT = Mm(18)
EMU_PER_TWIP = 635
ISOLATE = {True: ("\u202b", "\u202c"), False: ("\u202a", "\u202c")}  # RLE/LRE ... PDF


def render(page: Page, layout: Layout) -> bytes:
    """The letter as a .docx file; the same page and layout always give the same bytes."""
    reference = layout.find("reference.docx")
    doc = open_template(reference)
    _Writer(doc, page, layout, from_reference=reference is not None).write()
    return to_bytes(doc)


@dataclass(frozen=True)
class _Ctx:
    """Where blocks are going: the style that overrides paragraph roles (quotes, footnotes),
    the part that owns their links and pictures, and a direction that differs from the page's.
    """

    spans: SpanWriter
    style: str | None = None
    direction: bool | None = None  # True: right to left; None: as the page


class _Writer:
    """Walks the page in reading order and appends its paragraphs to the document body."""

    def __init__(self, doc: Any, page: Page, layout: Layout, *, from_reference: bool) -> None:
        self.doc, self.page = doc, page
        self.theme, self.options = layout.manifest.style, layout.manifest.options
        self.rtl = page.dir == "rtl"
        self.body = doc.element.body
        self.final = self._clear_body()
        numbers = [m.number for g in (page.signatories.groups if page.signatories else ())
                   if g.display in ("list", "columns") for m in g.members if m.number]
        hang = hanging(numbers, self.theme.font_size) if numbers else 0
        self.s = prepare(doc, self.theme, self.options, page.lang, self.rtl, from_reference,
                         hang)
        section = doc.sections[0]
        self.text_width = set_up(section, self.theme, self.rtl)
        header_footer(section, self.s, page.meta_title if page.title else "", page.labels, self.rtl)
        self.numbering = Numbering(doc.part.numbering_part.element, self.theme.font_size,
                                   self.theme.accent)
        self.notes = Footnotes(doc.part, self.s)
        self.ctx = _Ctx(SpanWriter(doc.part, self.s, self.notes.reference))
        self.pictures = Pictures(doc.part.package, self.text_width)
        self.columns = Columns(self.body)
        self.em = round(self.theme.font_size * 20)  # twips

    def _clear_body(self) -> Element:
        """Empty the template's body (a reference document may hold sample text)."""
        final = self.body.find(w("sectPr"))
        for el in list(self.body):
            if el is not final:
                self.body.remove(el)
        if final is None:
            final = sub(self.body, w("sectPr"))
        return final

    # --- output helpers ------------------------------------------------------------------

    def add(self, *elements: Element) -> None:
        """Append to the body, before its final section properties."""
        for el in elements:
            self.final.addprevious(el)

    def add_all(self, elements: Iterable[Element]) -> None:
        """Append many (a generator of blocks, thousands of signatories)."""
        for el in elements:
            self.final.addprevious(el)

    def para(self, style: str, spans: Inline | None = None, ctx: _Ctx | None = None, *,
             num: tuple[int, int] | None = None, ind: tuple[int, int] | None = None) -> Element:
        """A paragraph in a named style holding ``spans``, in the context's direction."""
        ctx = ctx or self.ctx
        p = paragraph(self.s[style], bidi=ctx.direction, num=num, ind=ind)
        if spans:
            ctx.spans.write(p, spans, rtl=ctx.direction)
        return p

    def direction(self, value: str | None) -> bool | None:
        """True/False where a part's direction differs from the page's, else None."""
        if value not in ("rtl", "ltr") or (value == "rtl") == self.rtl:
            return None
        return value == "rtl"

    def gap_after(self, p: Element, ems: float = 1.0) -> None:
        """Space after the last paragraph of a block (an address, the letterhead)."""
        spacing = child(child(p, PPR, PPR_ORDER), w("spacing"), PPR_ORDER)
        spacing.set(w("after"), str(round(ems * self.em)))

    # --- the letter, in reading order -----------------------------------------------------

    def write(self) -> None:
        """Every part of the page in the HTML template's order, then notes and metadata."""
        page = self.page
        self.letterhead()
        if page.title:
            self.add(self.para("Title", page.title))
        if page.subtitle:
            self.add(self.para("Subtitle", page.subtitle))
        if page.reference:
            self.add(self.para("Reference", (Span(
                f"{page.labels.get('reference', 'Ref.')} {page.reference}"),)))
        if self.options.dateline == "top" and page.dateline:
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
        self.add_all(self.blocks(self.body_blocks(), self.ctx))
        if page.closing:
            self.add(self.para("Closing", page.closing))
        if page.signatories:
            self.signatories(page.signatories)
        if page.contacts:
            self.contacts(page.contacts)
        self.add_all(self.blocks(page.postscript, self.ctx))
        if self.options.end_mark:
            self.add(self.para("End Mark", (Span(page.labels.get("end", "###")),)))
        self.footnotes(page.footnotes)
        if self.final.getprevious() is None:  # Word wants at least one paragraph
            self.add(paragraph())
        set_properties(self.doc, page.meta_title, page.author, page.lang)
        strip_template(self.doc)
        tune_settings(self.doc, page.lang)

    def letterhead(self) -> None:
        """Logo, sender name and lines, closed by an accent hairline and a gap."""
        page = self.page
        last = None
        if page.logo:
            path = page.logo if page.logo.is_absolute() else page.base / page.logo
            picture = self.pictures.run(self.doc.part, path, height=int(LOGO_HEIGHT),
                                        alt=plain(page.sender.name) if page.sender else "")
            if picture is not None:
                last = self.para("Letterhead")
                last.append(picture)
                self.add(last)
        if page.sender:
            block = self.person(page.sender, "Letterhead", "Sender")
            self.add_all(block)
            last = block[-1]
        if last is not None:  # a hairline in the accent colour closes the letterhead
            self.gap_after(last, 1.8)
            border = child(child(last, PPR, PPR_ORDER), w("pBdr"), PPR_ORDER)
            sub(border, w("bottom"), {w("val"): "single", w("sz"): "12", w("space"): "6",
                                      w("color"): self.theme.accent.lstrip("#").upper()})

    def people(self, people: Iterable[Person]) -> None:
        """Addressees or cc: each a name paragraph, then its lines; a gap after the block."""
        last = None
        for person in people:
            block = self.person(person, "Addressee", "Addressee Line")
            self.add_all(block)
            last = block[-1]
        if last is not None:
            self.gap_after(last)

    def person(self, person: Person, name_style: str, line_style: str) -> list[Element]:
        """A name paragraph, then one per line, email (linked), phone and web address."""
        out = [self.para(name_style, person.name)]
        out += [self.para(line_style, line) for line in person.lines]
        out += [self.para(line_style, (Span(e, href=f"mailto:{e}"),)) for e in person.emails]
        out += [self.para(line_style, (Span(self.isolate(t, False)),)) for t in person.phones]
        if person.url:
            out.append(self.para(line_style, (Span(person.url, href=person.url),)))
        return out

    def isolate(self, text: str, rtl: bool) -> str:
        """Text kept in one direction inside a paragraph running the other way (a phone
        number in an Arabic letter), as HTML's <bdi> does."""
        if rtl == self.rtl:
            return text
        start, end = ISOLATE[rtl]
        return f"{start}{text}{end}"

    def body_blocks(self) -> tuple[Block, ...]:
        """The body, opened by "[date, place] " when the layout puts the dateline inline.

        The view may have done it already (then the first paragraph starts with it).
        """
        page, body = self.page, self.page.body
        text = ", ".join(x for x in (page.date, page.place) if x)
        if self.options.dateline != "inline" or not text:
            return body
        opening = f"[{text}]"
        first = body[0] if body else None
        if isinstance(first, Paragraph):
            if plain(first.spans).startswith(opening):
                return body
            spans = (Span(f"{opening} ", bold=True), *first.spans)
            return (Paragraph(spans, first.role), *body[1:])
        return (Paragraph((Span(opening, bold=True),)), *body)

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
            p = paragraph()
            sub(run(p), BR).set(w("type"), "page")
            yield p
        elif isinstance(b, Code):
            p = self.para("Source Code", ctx=ctx)
            run(p, b.text.rstrip("\n"), rtl=False if self.rtl else None)
            yield p
        elif isinstance(b, Image):
            yield from self.image(b, ctx)

    def quote(self, b: Quote, ctx: _Ctx) -> Iterator[Element]:
        """Quoted blocks in the Quote style, then "— by, role" in its own paragraph."""
        inner = list(self.blocks(b.blocks, replace(ctx, style="Quote")))
        if b.by or b.role:
            spans: list[Span] = [Span("— ")]
            spans += [replace(s, bold=True) for s in b.by or ()]
            spans += [Span(", ")] if b.by and b.role else []
            spans += b.role or ()
            if inner:  # never leave the attribution alone at the top of a page
                child(child(inner[-1], PPR, PPR_ORDER), w("keepNext"), PPR_ORDER)
            inner.append(self.para("Attribution", tuple(spans), ctx))
        yield from inner

    def list_block(self, b: ListBlock, ctx: _Ctx) -> Iterator[Element]:
        """Word-numbered items; an item's further paragraphs are indented, unnumbered."""
        if b.intro:
            yield self.para("List Intro", b.intro, ctx)
        num_id, left, _ = self.numbering.list_for(b)
        style = "Demand" if b.kind == "demands" else (
            "List Bullet" if b.style.kind == "bullet" else "List Number")
        for item in b.items:
            numbered = False
            for block in item.blocks:
                if not numbered:
                    numbered = True
                    if isinstance(block, Paragraph):
                        yield self.para(style, block.spans, ctx, num=(num_id, 0))
                        continue
                    yield self.para(style, ctx=ctx, num=(num_id, 0))
                if isinstance(block, Paragraph):
                    yield self.para("List Continue", block.spans, ctx, ind=(left, 0))
                else:
                    yield from self.block(block, ctx)
            if not numbered:
                yield self.para(style, ctx=ctx, num=(num_id, 0))
            if item.sublist:
                yield from self.list_block(item.sublist, ctx)

    def image(self, b: Image, ctx: _Ctx) -> Iterator[Element]:
        """An inline picture in its own paragraph, its caption under it."""
        path = b.path if b.path.is_absolute() else self.page.base / b.path
        picture = self.pictures.run(ctx.spans.part, path, alt=b.alt,
                                    width=css_width(b.width, self.text_width))
        p = self.para("Figure", ctx=ctx)
        if picture is not None:
            p.append(picture)
        else:  # a format Word cannot embed (SVG): say what was there
            run(p, f"[{b.alt or Path(b.path).name}]")
        yield p
        if b.caption:
            yield self.para("Caption", b.caption, ctx)

    # --- signatories and contacts ----------------------------------------------------------

    def signatories(self, sig: Signatories) -> None:
        """Heading, intro, each group, note: appended directly, since column sections
        need the body around them."""
        if sig.heading:
            self.add(self.para("Heading 1", sig.heading))
        self.add_all(self.blocks(sig.intro, self.ctx))
        for group in sig.groups:
            self.group(group)
        self.add_all(self.blocks(sig.note, self.ctx))

    def group(self, g: Group) -> None:
        """A group's name (kept with its first members), intro, members and note."""
        direction = self.direction(g.dir)
        ctx = replace(self.ctx, direction=direction)
        if g.name:
            self.add(self.para("Signatory Group", g.name, ctx))
        self.add_all(self.blocks(g.intro, ctx))
        if g.members:
            if g.display == "inline":
                self.add(self.inline_members(g.members, direction))
            elif g.display == "table":
                self.add(self.table(g, direction), self.para("Signatory Cell"))
            elif g.display == "signature":
                self.in_columns([self.signature(m, direction) for m in g.members],
                                min(2, len(g.members)))
            elif g.display == "columns":
                self.in_columns([self.member(m, direction) for m in g.members],
                                self.theme.signatory_columns)
            else:
                self.add_all(self.member(m, direction) for m in g.members)
        self.add_all(self.blocks(g.note, ctx))

    def in_columns(self, paragraphs: list[Element], count: int) -> None:
        """Paragraphs set in ``count`` columns (a section of their own), or as they are."""
        if count > 1:
            self.columns.open()
        self.add_all(paragraphs)
        if count > 1:
            self.columns.close(paragraphs[-1], count)

    def member(self, m: Member, group_direction: bool | None) -> Element:
        """One signatory line: number, tab, name, then its details after commas."""
        direction = self.direction(m.dir) if m.dir else group_direction
        p = paragraph(self.s["Signatory"], bidi=direction)
        if m.number:
            run(p, f"{m.number}\t", rtl=direction)
        write = self.ctx.spans.write
        write(p, m.name, rtl=direction)
        for _, value in m.fields:
            run(p, ", ", rtl=direction)
            write(p, value, rtl=direction)
        return p

    def inline_members(self, members: Iterable[Member], direction: bool | None) -> Element:
        """Every member in one paragraph, separated by " · ", details in parentheses."""
        p = paragraph(self.s["Signatory Inline"], bidi=direction)
        rtl = self.rtl if direction is None else direction
        write = self.ctx.spans.write
        for i, m in enumerate(members):
            if i:
                run(p, " · ", rtl=direction)
            against = m.dir in ("rtl", "ltr") and (m.dir == "rtl") != rtl
            if against:
                run(p, ISOLATE[m.dir == "rtl"][0])
            if m.number:
                run(p, f"{m.number} ", rtl=direction)
            write(p, m.name, rtl=direction)
            for n, (_, value) in enumerate(m.fields):
                run(p, ", " if n else " (", rtl=direction)
                write(p, value, rtl=direction)
            if m.fields:
                run(p, ")", rtl=direction)
            if against:
                run(p, ISOLATE[m.dir == "rtl"][1])
        return p

    def signature(self, m: Member, group_direction: bool | None) -> Element:
        """A signature block: the name in bold, then each detail on its own line."""
        direction = self.direction(m.dir) if m.dir else group_direction
        p = paragraph(self.s["Signature"], bidi=direction)
        if m.number:
            run(p, f"{m.number} ", bold=True, rtl=direction)
        write = self.ctx.spans.write
        write(p, tuple(replace(s, bold=True) for s in m.name), rtl=direction)
        for _, value in m.fields:
            sub(run(p), BR)
            write(p, value, rtl=direction)
        return p

    def table(self, g: Group, direction: bool | None) -> Element:
        """A real table: number (when numbered), name, then one column per listed field."""
        numbered = g.numbered and any(m.number for m in g.members)
        total = self.text_width // EMU_PER_TWIP
        number_width = hanging([m.number for m in g.members], self.theme.font_size) \
            if numbered else 0
        share = (total - number_width) // (2 + len(g.columns))
        widths = ([number_width] if numbered else []) + [2 * share] + [share] * len(g.columns)
        tbl = new("w:tbl")
        tblpr = sub(tbl, w("tblPr"))
        sub(tblpr, w("tblStyle")).set(w("val"), self.s["Signatory Table"])
        if direction or (direction is None and self.rtl):
            sub(tblpr, w("bidiVisual"))
        sub(tblpr, w("tblW"), {w("w"): str(sum(widths)), w("type"): "dxa"})
        sub(tblpr, w("tblLayout")).set(w("type"), "fixed")
        sub(tblpr, w("tblLook"), {w("val"): "0000", w("firstRow"): "0",
                                                w("noHBand"): "1", w("noVBand"): "1"})
        grid = sub(tbl, w("tblGrid"))
        for width in widths:
            sub(grid, w("gridCol")).set(w("w"), str(width))
        cell_style = self.s["Signatory Cell"]
        write = self.ctx.spans.write
        for m in g.members:
            tr = sub(tbl, w("tr"))
            sub(sub(tr, w("trPr")), w("cantSplit"))
            fields = dict(reversed(m.fields))  # the first value of a field wins
            cells: list[Inline] = ([(Span(m.number),)] if numbered else []) + [m.name] + [
                fields.get(column, ()) for column in g.columns]
            member_direction = self.direction(m.dir) if m.dir else direction
            for width, spans in zip(widths, cells, strict=True):
                tc = sub(tr, w("tc"))
                tcpr = sub(tc, w("tcPr"))
                sub(tcpr, w("tcW"), {w("w"): str(width), w("type"): "dxa"})
                p = paragraph(cell_style, bidi=member_direction)
                write(p, spans, rtl=member_direction)
                tc.append(p)
        return tbl

    def contacts(self, c: Contacts) -> None:
        """Media contacts: heading, intro, then each person as a small block."""
        if c.heading:
            self.add(self.para("Heading 1", c.heading))
        self.add_all(self.blocks(c.intro, self.ctx))
        last = None
        for person in c.people:
            block = self.person(person, "Contact", "Contact Line")
            self.add_all(block)
            last = block[-1]
        if last is not None:
            self.gap_after(last)

    # --- notes -----------------------------------------------------------------------------

    def footnotes(self, notes: Iterable[Footnote]) -> None:
        """Referenced notes become Word footnotes; notes never referenced are listed at the
        end under the notes label, so no note is lost."""
        unreferenced = []
        written = set()
        note_ctx: _Ctx | None = None
        for note in notes:
            if note.number not in self.notes.custom:
                unreferenced.append(note)
                continue
            if note_ctx is None:
                note_ctx = _Ctx(SpanWriter(self.notes.part, self.s), style="Footnote Text")
            self.notes.add(note.number, list(self.blocks(note.blocks, note_ctx)))
            written.add(note.number)
        for number in sorted(set(self.notes.custom) - written):  # a reference without a text
            self.notes.add(number, [])
        if not unreferenced:
            return
        self.add(self.para("Heading 1", (Span(self.page.labels.get("footnotes", "Notes")),)))
        ctx = replace(self.ctx, style="Footnote Text")
        for note in unreferenced:
            paragraphs = list(self.blocks(note.blocks, ctx)) or [self.para("Footnote Text")]
            _prefix(paragraphs[0], f"{note.number} ")
            self.add_all(paragraphs)


def _prefix(p: Element, text: str) -> None:
    """A run of text opening paragraph ``p`` (after its properties)."""
    r = p.makeelement(w("r"), {})
    add_text(r, text)
    ppr = p.find(PPR)
    p.insert(0 if ppr is None else p.index(ppr) + 1, r)
