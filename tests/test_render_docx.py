"""The DOCX writer on pages built by hand: styles, Word numbering, sections, tables, links,
footnotes, metadata and reproducible bytes, read back with python-docx and from the XML."""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from pypdf import PdfReader

from conftest import WordNumbering
from letterpress import layouts
from letterpress.i18n import LABELS
from letterpress.markers import number_text
from letterpress.page import (
    Code,
    Contacts,
    Footnote,
    Group,
    Heading,
    Image,
    Item,
    ListBlock,
    Member,
    NumberStyle,
    Page,
    PageBreak,
    Paragraph,
    Person,
    Quote,
    Rule,
    Signatories,
    Span,
)
from letterpress.render.docx import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sp(text: str, **kw: Any) -> tuple[Span, ...]:
    return (Span(text, **kw),)


def png(path: Path, width: int = 200, height: int = 100) -> Path:
    """A small red PNG, written without any imaging library."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(
            ">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def make_layout(tmp_path: Path, name: str = "testing", **manifest: Any) -> layouts.Layout:
    """A layout folder of our own (JSON is YAML), so built-in changes do not move the tests."""
    folder = tmp_path / "layouts" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "layout.yaml").write_text(json.dumps(manifest), encoding="utf-8")
    return layouts.load(name, tmp_path)


WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def page(tmp_path: Path, **changes: Any) -> Page:
    """An empty English page with the labels the view would give it."""
    base = Page(lang="en", dir="ltr", title=None, subtitle=None, dateline=None, date=None,
                place=None, reference=None, sender=None, logo=None, to=(), cc=(),
                subject=None, salutation=None, body=(), closing=None, signatories=None,
                contacts=None, postscript=(), footnotes=(), latin_lang="en",
                labels=dict(LABELS["en"]),
                meta_title="A letter", author="Syrian NGO Alliance", base=tmp_path)
    return replace(base, **changes)


DEMANDS = NumberStyle("decimal", "", "-")


def members(first: int, last: int, numbered: bool = True) -> tuple[Member, ...]:
    return tuple(Member(f"{n}-" if numbered else "", sp(f"Member {n}"),
                        (("country", sp(f"Country {n}")),)) for n in range(first, last + 1))


def full_page(tmp_path: Path) -> Page:
    """Every block type, every part of a letter and every signatory display."""
    picture = png(tmp_path / "pic.png")
    body = (
        Paragraph((Span("We serve five million Syrians."), Span("1", note=1), Span(" Act "),
                   Span("today", bold=True), Span(", "), Span("now", italic=True), Span(", "),
                   Span("never", strike=True), Span(" "), Span("x = 1", code=True),
                   Span(". See "), Span("our site", href="https://example.org/"),
                   Span("", br=True), Span("Second line."))),
        Heading(sp("We condemn"), 1),
        Heading(sp("The sieges"), 2),
        Heading(sp("In Homs"), 3),
        Quote((Paragraph(sp("We have exhausted all options.")),), by=sp("Raed al Saleh"),
              role=sp("Head of the White Helmets")),
        ListBlock((Item("1-", (Paragraph(sp("Protect civilians.")),)),
                   Item("2-", (Paragraph(sp("Evacuate.")), Paragraph(sp("All of them."))),
                        sublist=ListBlock((Item("a)", (Paragraph(sp("Observers.")),)),),
                                          NumberStyle("lowerLetter", "", ")"), sequence=2,
                                          depth=1))),
                  DEMANDS, 1, sequence=1, kind="demands", intro=sp("We call for:")),
        ListBlock((Item("•", (Paragraph(sp("Homs")),)), Item("•", (Paragraph(sp("Hama")),))),
                  NumberStyle("bullet", suffix=""), sequence=3),
        Rule(),
        ListBlock((Item("3-", (Paragraph(sp("Fund the response.")),)),), DEMANDS, 3,
                  sequence=1, restart=False, kind="demands"),
        ListBlock((Item("(iv)", (Paragraph(sp("Fourth, in Roman.")),)),),
                  NumberStyle("lowerRoman", "(", ")"), 4, sequence=4, kind="demands"),
        Image(picture, caption=sp("Member organisations"), width="50%", alt="Logos"),
        PageBreak(),
        Code("def f():\n    return 1"),
        Paragraph(sp("After the break.")),
    )
    groups = (
        Group(sp("Alliance"), (Member("1-", sp("Big Heart")),
                               Member("2-", sp("Dr Amer Masri"),
                                      (("role", sp("Director")), ("country", sp("Syria")),
                                       ("url", sp("https://idaorg.example/",
                                                  href="https://idaorg.example/"))))),
              intro=(Paragraph(sp("Members signed on 14 December."), "intro"),),
              note=(Paragraph(sp("More have signed since."), "note"),)),
        Group(sp("Coalition"), members(3, 8), display="columns"),
        Group(sp("Inline"), members(9, 10), display="inline"),
        Group(sp("Table"), members(11, 12), display="table", columns=("country",)),
        Group(sp("Signers"), members(13, 14), display="signature"),
    )
    return page(
        tmp_path,
        title=sp("Protect the civilians"), subtitle=sp("A joint statement"),
        dateline="Brussels, 15 December 2016", date="15 December 2016", place="Brussels",
        reference="SNA/2016/12",
        sender=Person(sp("Syrian NGO Alliance"), lines=(sp("PO Box 123, Gaziantep"),),
                      emails=((Span("info@example.org", href="mailto:info@example.org"),),),
                      phones=(sp("+90 539 270 38 94"),),
                      url=(Span("https://sna.example/", href="https://sna.example/"),)),
        logo=picture,
        to=(Person(sp("Mr Antonio Guterres"), lines=(sp("Secretary-General"),)),
            Person(sp("Representatives of the Security Council"))),
        cc=(Person(sp("EU Member States")),),
        subject=sp("Protection of civilians"), salutation=sp("Dear Secretary-General,"),
        body=body, closing=sp("Sincerely,"),
        signatories=Signatories(sp("Signatories"), groups, 14,
                                intro=(Paragraph(sp("Endorsers as of today:"), "intro"),),
                                note=(Paragraph(sp("Affiliations for identification."),
                                                "note"),)),
        contacts=Contacts(sp("Media contacts"), (Person(
            sp("Fadi Deri"), lines=(sp("Programme Director"),), emails=(
                (Span("fadi@example.org", href="mailto:fadi@example.org"),),),
            phones=(sp("+44 7824 777267"),)),), intro=(Paragraph(sp("Spokespeople."), "intro"),)),
        postscript=(Paragraph(sp("Stay up to date.")),),
        footnotes=(Footnote(1, "1", (Paragraph(sp("Figures from OCHA."), "note"),)),
                   Footnote(2, "2", (Paragraph(sp("A note nobody refers to."), "note"),))),
        meta_title="Protect the civilians",
    )


@pytest.fixture
def layout(tmp_path: Path) -> layouts.Layout:
    return make_layout(tmp_path, options={"dateline": "top", "end_mark": True},
                       style={"signatory_columns": 3})


@pytest.fixture
def full(tmp_path: Path, layout: layouts.Layout) -> tuple[bytes, Any]:
    data = render([full_page(tmp_path)], layout)
    return data, docx.Document(io.BytesIO(data))


def lines(document: Any) -> list[str]:
    """"[Style] text" for every body paragraph outside tables."""
    return [f"[{p.style.name}] {p.text}" for p in document.paragraphs]


def text_of(element: Any) -> str:
    """The w:t text under an element (python-docx's own itertext repeats itself)."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


# --- paragraphs and styles ---------------------------------------------------------------------

def test_paragraphs_in_reading_order_with_their_styles(full: tuple[bytes, Any]) -> None:
    letterhead = full[1].tables[0]  # the sender's lines, then the logo
    assert [f"[{p.style.name}] {p.text}" for cell in letterhead.rows[0].cells
            for p in cell.paragraphs] == [
        "[Letterhead] Syrian NGO Alliance",
        "[Sender] PO Box 123, Gaziantep",
        "[Sender] info@example.org",
        "[Sender] +90 539 270 38 94",
        "[Sender] https://sna.example/",
        "[Letterhead] ",
    ]
    assert lines(full[1]) == [
        "[Letterhead] ",  # the hairline under the letterhead's table
        "[Title] Protect the civilians",
        "[Subtitle] A joint statement",
        "[Reference] Ref. SNA/2016/12",
        "[Dateline] Brussels, 15 December 2016",
        "[Addressee] Mr Antonio Guterres",
        "[Addressee Line] Secretary-General",
        "[Addressee] Representatives of the Security Council",
        "[CC Label] cc:",
        "[Addressee] EU Member States",
        "[Subject] Subject: Protection of civilians",
        "[Salutation] Dear Secretary-General,",
        "[Normal] We serve five million Syrians. Act today, now, never x = 1. See our site\n"
        "Second line.",
        "[Heading 1] We condemn",
        "[Heading 2] The sieges",
        "[Heading 3] In Homs",
        "[Quote] We have exhausted all options.",
        "[Attribution] — Raed al Saleh, Head of the White Helmets",
        "[List Intro] We call for:",
        "[Demand] Protect civilians.",
        "[Demand] Evacuate.",
        "[List Continue] All of them.",
        "[List Number] Observers.",
        "[List Bullet] Homs",
        "[List Bullet] Hama",
        "[Rule] ",
        "[Demand] Fund the response.",
        "[Demand] Fourth, in Roman.",
        "[Figure] ",
        "[Caption] Member organisations",
        "[Source Code] def f():\n    return 1",  # from a new page (pageBreakBefore)
        "[Normal] After the break.",
        "[Closing] Sincerely,",
        "[Heading 1] Signatories",
        "[Intro] Endorsers as of today:",
        "[Signatory Group] Alliance",
        "[Intro] Members signed on 14 December.",
        "[Signatory] 1-\tBig Heart",
        "[Signatory] 2-\tDr Amer Masri, Director, Syria, https://idaorg.example/",
        "[Note] More have signed since.",
        "[Signatory Group] Coalition",
        *(f"[Signatory Column] {n}-\tMember {n}, Country {n}" for n in range(3, 9)),
        "[Signatory Group] Inline",
        "[Signatory Inline] 9-\u00a0Member 9 (Country 9) · 10-\u00a0Member 10 (Country 10)",
        "[Signatory Group] Table",
        "[Signatory Cell] ",
        "[Signatory Group] Signers",
        "[Signatory Cell] ",  # after the table of signature blocks
        "[Note] Affiliations for identification.",
        "[Heading 1] Media contacts",
        "[Intro] Spokespeople.",
        "[Contact] Fadi Deri",
        "[Contact Line] Programme Director",
        "[Contact Line] fadi@example.org",
        "[Contact Line] +44 7824 777267",
        "[Normal] Stay up to date.",
        "[End Mark] ###",
        "[Heading 1] Notes",
        "[footnote text] 2 A note nobody refers to.",  # Word's own name for its built-in
    ]


def test_inline_formatting_is_real_run_formatting(full: tuple[bytes, Any]) -> None:
    body = xml(full[0], "word/document.xml")
    runs = {r.text: r for p in full[1].paragraphs for r in p.runs}
    assert runs["today"].bold and runs["now"].italic and runs["never"].font.strike
    assert runs["x = 1"].style.name == "Verbatim Char"
    assert '<w:br/>' in body and '<w:pageBreakBefore/>' in body


def test_a_page_break_is_the_next_paragraphs_page_break_before(tmp_path: Path) -> None:
    """A page break was an empty unstyled paragraph holding a page break (an invisible
    line for a partner clicking there): the paragraph after it starts a page instead, a
    heading, a paragraph or a list's first. Before a table or nothing, where it ends a
    section (before columns) and two in a row, it stays a break in a paragraph."""
    demands = ListBlock((Item("1-", (Paragraph(sp("Protect civilians.")),)),), DEMANDS, 1,
                        sequence=1, kind="demands")
    body = (Paragraph(sp("Opening.")), PageBreak(), Heading(sp("Section")), PageBreak(),
            Paragraph(sp("Second page.")), PageBreak(), demands, PageBreak())
    sig = Signatories(None, (Group(None, members(1, 2), display="table"),
                             Group(None, members(3, 4), note=(PageBreak(),)),
                             Group(None, members(5, 6), display="columns")), 6)
    for pg, breaks in ((page(tmp_path, body=body), 1), (page(tmp_path, body=body[:-1]), 0),
                       (page(tmp_path, body=body, signatories=sig), 2)):
        document = docx.Document(io.BytesIO(render([pg], make_layout(
            tmp_path, style={"signatory_columns": 2}))))
        before = [text_of(p) for p in document.element.body.iter(f"{W}p")
                  if p.find(f"{W}pPr/{W}pageBreakBefore") is not None]
        assert before == ["Section", "Second page.", "Protect civilians."]  # (Word numbers it)
        kept = [p for p in document.element.body.iter(f"{W}p")
                if p.find(f"{W}r/{W}br[@{W}type='page']") is not None]
        assert len(kept) == breaks  # at the end; before the table; the columns' section
        assert all(not text_of(p) and p.find(f"{W}pPr/{W}pStyle") is None for p in kept)
        if pg.signatories:
            assert kept[0].getnext().tag == f"{W}tbl"
            assert kept[1].find(f"{W}pPr/{W}sectPr") is not None  # ends the section too
    # two breaks in a row: an empty page, as in the PDF (LibreOffice merged a break and
    # the next paragraph's "before" into one)
    twice = render([page(tmp_path, body=(Paragraph(sp("A")), PageBreak(), PageBreak(),
                                         Paragraph(sp("B"))))], make_layout(tmp_path))
    assert xml(twice, "word/document.xml").count('<w:br w:type="page"/>') == 2
    assert "pageBreakBefore" not in xml(twice, "word/document.xml")


def test_every_style_used_exists(full: tuple[bytes, Any]) -> None:
    data = full[0]
    styles = xml(data, "word/styles.xml")
    used = set()
    for part in ("word/document.xml", "word/footnotes.xml"):
        text = xml(data, part)
        for tag in ("pStyle", "rStyle", "tblStyle"):
            used |= {chunk.split('"')[0] for chunk in text.split(f'<w:{tag} w:val="')[1:]}
    missing = {s for s in used if f'w:styleId="{s}"' not in styles}
    assert not missing
    assert {"Demand", "Signatory", "SignatoryGroup", "Dateline", "Addressee", "Closing",
            "FootnoteText", "Caption", "Quote", "Title", "Heading1"} <= used


@pytest.mark.parametrize("align", ["start", "center"])
def test_heading_align_and_no_letter_spacing(tmp_path: Path, align: str) -> None:
    """The statement centres title, subtitle and dateline in the DOCX as in the PDF; no
    style spaces letters (python-docx's Title and Subtitle did: Arabic fell apart)."""
    layout = make_layout(tmp_path, options={"heading_align": align})
    document = docx.Document(io.BytesIO(render([full_page(tmp_path)], layout)))
    expected = {"start": ("left", "left", "right"), "center": ("center",) * 3}[align]
    assert tuple(document.styles[name].element.pPr.find(f"{W}jc").get(f"{W}val")
                 for name in ("Title", "Subtitle", "Dateline")) == expected
    for name in ("Title", "Subtitle", "Normal", "Heading 1", "Signatory"):
        rpr = document.styles[name].element.find(f"{W}rPr")
        assert rpr is None or rpr.find(f"{W}spacing") is None, name


def test_the_end_mark_is_bold_and_spaced_left_to_right_as_in_the_pdf(tmp_path: Path) -> None:
    """.end-mark is bold, its letters 0.2 em apart ("###"), not an Arabic word's (spaced,
    its letters no longer join): the End Mark style was plain. Each mark is spaced by its
    own direction, whichever the styles run in (Arabic first, "###" was unspaced)."""
    layout = make_layout(tmp_path, options={"end_mark": True})
    english = full_page(tmp_path)
    arabic = replace(english, lang="ar", dir="rtl", labels=dict(LABELS["ar"]))
    for pages, combine, spacing in (([english], "separate", "42"), ([arabic], "separate", None),
                                    ([english, arabic], "sequential", "42"),
                                    ([arabic, english], "sequential", None)):
        document = docx.Document(io.BytesIO(render(pages, layout, combine)))
        rpr = document.styles["End Mark"].element.find(f"{W}rPr")
        assert rpr.find(f"{W}b") is not None and rpr.find(f"{W}bCs") is not None
        tracking = rpr.find(f"{W}spacing")
        assert (tracking.get(f"{W}val") if tracking is not None else None) == spacing
        marks = [p for p in document.paragraphs if p.style.name == "End Mark"]
        assert [p.text for p in marks] == [page.labels.get("end", "###") for page in pages]
        for mark, page_ in zip(marks, pages, strict=True):  # the run's, else the style's
            runs = {r.get(f"{W}val") for r in mark._p.iter(f"{W}spacing")} or {spacing}
            assert runs == {"42"} if page_.dir == "ltr" else runs <= {"0", None}, page_.lang


def test_theme_values_reach_the_styles(tmp_path: Path) -> None:
    layout = make_layout(tmp_path, style={"font": "Noto Sans", "heading_font": "Noto Serif",
                                          "font_size": 12, "accent": "#00aa00",
                                          "paper": "letter", "margin_inner": 30})
    document = docx.Document(io.BytesIO(render([full_page(tmp_path)], layout)))
    normal = document.styles["Normal"]
    assert normal.font.name == "Noto Sans" and normal.font.size.pt == 12
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Noto Sans"}
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        assert style.font.name == "Noto Serif"
        assert str(style.font.color.rgb) == "00AA00"
    section: Any = document.sections[0]
    assert round(section.page_width.mm, 1) == 215.9 and round(section.page_height.mm, 1) == 279.4
    assert round(section.left_margin.mm) == 30
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "en"


@pytest.mark.parametrize(("lang", "direction", "looser"), [("en", "ltr", 0), ("ar", "rtl", 0.15)])
def test_lines_are_as_far_apart_as_in_the_pdf_whatever_the_font(
        tmp_path: Path, lang: str, direction: str, looser: float) -> None:
    """Every paragraph style spaces its lines "at least" the print CSS's line-height, in
    points: a 1.38 multiple counted Noto's own line (1.36 em, 1.7 in Noto Naskh), and
    body lines stood 1.9 em apart in Word and LibreOffice (2.6 em in Arabic), not 1.38."""
    pg = replace(full_page(tmp_path), lang=lang, dir=direction)
    layout = make_layout(tmp_path, style={"line_height": 1.38})
    data = render([pg], layout)
    document = docx.Document(io.BytesIO(data))
    size, leading = document.styles["Normal"].font.size.pt, 1.38 + looser

    def line(name: str) -> tuple[str | None, str | None]:
        spacing = document.styles[name].element.find(f"{W}pPr/{W}spacing")
        return spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")

    def twips(em: float) -> tuple[str, str]:
        return str(round(em * 20)), "atLeast"

    assert line("Normal") == twips(leading * size)
    assert line("footnote text") == twips(leading * size * 0.85)
    assert line("heading 1") == twips(1.25 * size * 1.2)  # h1-h4's line-height
    assert line("Signatory") == twips(1.35 * size)  # ol.members's
    styles = xml(data, "word/styles.xml")
    ours = re.findall(r'<w:style [^>]*w:customStyle="1".*?</w:style>', styles, re.S)
    assert ours and not any('w:lineRule="auto"' in style for style in ours)


def test_a4_paper_by_default(tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(render([page(tmp_path, body=(Paragraph(sp("x")),))],
                                               make_layout(tmp_path))))
    section: Any = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# --- numbering ---------------------------------------------------------------------------------

def numbering(document: Any) -> dict[str, dict[str, str]]:
    """numId -> the level-0 properties of its abstract numbering."""
    root = document.part.numbering_part.element
    abstract = {a.get(f"{W}abstractNumId"): a for a in root.iter(f"{W}abstractNum")}
    out = {}
    for num in root.iter(f"{W}num"):
        lvl = abstract[num.find(f"{W}abstractNumId").get(f"{W}val")].find(f"{W}lvl")
        out[num.get(f"{W}numId")] = {tag: lvl.find(f"{W}{tag}").get(f"{W}val")
                                     for tag in ("start", "numFmt", "lvlText")}
    return out


def num_ids(document: Any) -> dict[str, str]:
    """Paragraph text -> its numId, for numbered paragraphs."""
    out = {}
    for p in document.paragraphs:
        num = p._p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None and num.get(f"{W}val") != "0":
            out[p.text] = num.get(f"{W}val")
    return out


def test_lists_use_word_numbering(full: tuple[bytes, Any]) -> None:
    document = full[1]
    ids, defs = num_ids(document), numbering(document)
    assert defs[ids["Protect civilians."]] == {"start": "1", "numFmt": "decimal",
                                               "lvlText": "%1-"}
    assert ids["Evacuate."] == ids["Protect civilians."]
    assert defs[ids["Observers."]] == {"start": "1", "numFmt": "lowerLetter", "lvlText": "%1)"}
    assert defs[ids["Homs"]]["numFmt"] == "bullet" and defs[ids["Homs"]]["lvlText"] == "•"
    assert defs[ids["Fourth, in Roman."]] == {"start": "4", "numFmt": "lowerRoman",
                                              "lvlText": "(%1)"}
    assert "All of them." not in ids  # an item's second paragraph carries no number
    assert len({ids["Protect civilians."], ids["Observers."], ids["Homs"],
                ids["Fourth, in Roman."]}) == 4


def test_continue_reuses_the_list_and_restart_starts_a_new_one(full: tuple[bytes, Any]) -> None:
    ids = num_ids(full[1])
    assert ids["Fund the response."] == ids["Protect civilians."]  # Word numbers on: 3-


def test_restart_gets_its_own_counter(tmp_path: Path) -> None:
    first = ListBlock((Item("1.", (Paragraph(sp("One")),)), Item("2.", (Paragraph(sp("Two")),))),
                      NumberStyle("decimal"), 1, sequence=1)
    again = ListBlock((Item("1.", (Paragraph(sp("One again")),)),), NumberStyle("decimal"), 1,
                      sequence=2)
    arabic = ListBlock((Item("٥.", (Paragraph(sp("Five")),)),), NumberStyle("arabicIndic"), 5,
                       sequence=3)
    document = docx.Document(io.BytesIO(render([page(tmp_path, body=(first, again, arabic))],
                                               make_layout(tmp_path))))
    ids, defs = num_ids(document), numbering(document)
    assert ids["One"] != ids["One again"] and defs[ids["One again"]]["start"] == "1"
    root = document.part.numbering_part.element
    abstract_of = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
                   for n in root.iter(f"{W}num")}
    assert abstract_of[ids["One"]] != abstract_of[ids["One again"]]  # separate counters
    # Arabic-Indic digits: LibreOffice cannot number with them, so the marker is text.
    five = next(p for p in document.paragraphs if p.text.endswith("Five"))
    assert "Five" not in ids and five.text == "٥.\tFive"
    assert five._p.find(f"{W}pPr/{W}ind").get(f"{W}hanging") is not None


WORD_KINDS = {"decimal": "decimal", "lowerLetter": "lowerLetter", "upperLetter": "upperLetter",
              "lowerRoman": "lowerRoman", "upperRoman": "upperRoman",
              "hindiNumbers": "arabicIndic", "bullet": "bullet"}


def text_with_markers(data: bytes) -> list[str]:
    """Paragraph texts as a reader sees them: Word's list numbers worked out from the
    numbering part (one counter per abstract numbering), tabs and breaks as characters.

    Plain text extraction misses list markers, since Word draws them; this is what a
    text comparison of the DOCX with the PDF needs.
    """
    document = docx.Document(io.BytesIO(data))
    root = document.part.numbering_part.element
    levels = {a.get(f"{W}abstractNumId"): a.find(f"{W}lvl") for a in root.iter(f"{W}abstractNum")}
    abstract_of = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
                   for n in root.iter(f"{W}num")}
    counters: dict[str, int] = {}
    out = []
    for p in document.element.body.iter(f"{W}p"):
        text = "".join(el.text or "" if el.tag == f"{W}t" else "\t" if el.tag == f"{W}tab"
                       else "\n" for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"))
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None and num.get(f"{W}val") != "0":  # (0: not numbered)
            abstract = abstract_of[num.get(f"{W}val")]
            lvl = levels[abstract]
            start, fmt, pattern = (lvl.find(f"{W}{tag}").get(f"{W}val")
                                   for tag in ("start", "numFmt", "lvlText"))
            n = counters.get(abstract, int(start) - 1) + 1
            counters[abstract] = n
            kind = WORD_KINDS[fmt]
            marker = pattern if kind == "bullet" else pattern.replace(
                "%1", number_text(n, NumberStyle(kind)))  # type: ignore[arg-type]
            text = f"{marker} {text}"
        out.append(text)
    return out


def test_word_draws_the_markers_the_view_decided(full: tuple[bytes, Any]) -> None:
    texts = text_with_markers(full[0])
    for expected in ("1- Protect civilians.", "2- Evacuate.", "a) Observers.", "• Homs",
                     "• Hama", "3- Fund the response.", "(iv) Fourth, in Roman.",
                     "1-\tBig Heart"):
        assert expected in texts
    assert "All of them." in texts  # an item's second paragraph: no marker


def test_letters_past_z_are_written_as_the_view_counts_them(tmp_path: Path) -> None:
    """Word and LibreOffice count "aa", "bb" after "z", the view (as CSS) "aa", "ab": such a
    list carries the view's markers as text; one that stays within "z" keeps Word's."""
    letters = NumberStyle("lowerLetter", "", ")")
    late = ListBlock(tuple(Item(f"{m})", (Paragraph(sp(f"{m} item")),)) for m in
                           ("z", "aa", "ab")), letters, start=26)
    early = ListBlock((Item("a)", (Paragraph(sp("a item")),)),), letters, sequence=1)
    data = render([page(tmp_path, body=(late, early))], make_layout(tmp_path))
    assert text_with_markers(data) == ["z)\tz item", "aa)\taa item", "ab)\tab item",
                                       "a) a item"]
    numbered = [p for p in docx.Document(io.BytesIO(data)).element.body.iter(f"{W}p")
                if p.findtext(f"{W}pPr/{W}numPr/{W}numId") is not None and
                p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") != "0"]
    assert [text_of(p) for p in numbered] == ["a item"]


# --- signatories -------------------------------------------------------------------------------

def test_columns_display_is_a_section_of_n_columns(full: tuple[bytes, Any]) -> None:
    body = full[1].element.body
    breaks = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}sectPr") is not None]
    cols = [p.find(f"{W}pPr/{W}sectPr/{W}cols").get(f"{W}num") for p in breaks]
    texts = [text_of(p) for p in breaks]
    assert cols == ["1", "3"]  # before the columns, the columns
    assert texts[1] == "8-Member 8, Country 8"
    final = body.find(f"{W}sectPr")
    assert final.find(f"{W}cols").get(f"{W}num") == "1"
    assert final.find(f"{W}type").get(f"{W}val") == "continuous"
    first = breaks[0].find(f"{W}pPr/{W}sectPr")
    assert first.find(f"{W}titlePg") is not None and first.find(f"{W}footerReference") is not None


def test_table_display_is_a_real_table(full: tuple[bytes, Any]) -> None:
    _, table, _ = full[1].tables  # (the letterhead's, then the signature blocks')
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["11-", "Member 11", "Country 11"], ["12-", "Member 12", "Country 12"]]
    assert table.style.name == "Signatory Table"


def test_word_opens_it_in_its_own_layout_with_cell_text_at_the_margin(
        full: tuple[bytes, Any]) -> None:
    """compatibilityMode 15 (Word 2013 and later): python-docx's 14 opened every letter in
    "Compatibility Mode". Word 2013's layout puts a table's edge at w:tblInd: each table
    says it is its cells' margin before the text, where Word 2010's put it by itself."""
    data, document = full
    modes = re.findall(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"',
                       xml(data, "word/settings.xml"))
    assert modes == ["15"]
    style = document.styles["Signatory Table"].element
    assert style.find(f"{W}tblPr/{W}tblInd").get(f"{W}w") == "-80"  # 4 pt cell margins
    letterhead, members, signatures = (t._tbl.find(f"{W}tblPr") for t in document.tables)
    assert letterhead.find(f"{W}tblInd") is None  # its cells have no margin
    assert members.find(f"{W}tblInd") is None  # (its style's)
    assert signatures.find(f"{W}tblInd").get(f"{W}w") == "-113"


def test_compatibility_mode_is_added_to_a_reference_without_one(tmp_path: Path) -> None:
    """A reference document without w:compat (as older Word saved them) got the tables'
    negative indents for Word 2013's layout but no compatibilityMode, which Word reads as
    Word 2007's: now w:compat is made where the schema has it, with mode 15."""
    reference = docx.Document()
    settings = reference.settings.element
    settings.remove(settings.find(f"{W}compat"))
    layout = make_layout(tmp_path, name="ref")
    reference.save(str(tmp_path / "layouts" / "ref" / "reference.docx"))
    data = render([page(tmp_path, body=(Paragraph(sp("Text")),))], layout)
    out = parse_xml(xml(data, "word/settings.xml").encode())
    tags = [el.tag for el in out]
    assert tags.index(f"{W}characterSpacingControl") < tags.index(f"{W}compat") < tags.index(
        f"{W}rsids")
    compat = out.find(f"{W}compat")
    assert [el.tag for el in compat] == [f"{W}doNotExpandShiftReturn", f"{W}compatSetting"]
    assert dict(compat[1].attrib) == {f"{W}name": "compatibilityMode",
                                      f"{W}uri": "http://schemas.microsoft.com/office/word",
                                      f"{W}val": "15"}


def test_signature_display_has_bold_names_and_one_line_per_field(
        full: tuple[bytes, Any]) -> None:
    """Two to a row in a borderless table, filled row by row as the PDF sets them."""
    *_, table = full[1].tables
    cells = [[c.paragraphs[0] for c in row.cells] for row in table.rows]
    assert [[p.style.name for p in row] for row in cells] == [["Signature", "Signature"]]
    first, second = cells[0]
    assert [r.bold for r in first.runs if r.text in ("13- ", "Member 13")] == [True, True]
    assert second.text.startswith("14- Member 14")


# --- signatory numbering: Word's, so that a name added in the DOCX renumbers the list --------

def word_lines(data: bytes) -> list[tuple[str, str | None, str | None, str]]:
    """(style id, numId, the number Word counts, text) of every body paragraph in order: a
    typed number is part of the text, Word's is worked out from the numbering part."""
    root = docx.Document(io.BytesIO(data)).element.body
    numbering = WordNumbering(zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        num_id = None if num is None or num.get(f"{W}val") == "0" else num.get(f"{W}val")
        text = "".join(el.text or "" if el.tag == f"{W}t" else "\t"
                       for el in p.iter(f"{W}t", f"{W}tab"))
        out.append((style.get(f"{W}val") if style is not None else "", num_id,
                    numbering.marker(num_id, 0) if num_id else None, text))
    return out


def from_letter(letter: Any, text: str) -> tuple[bytes, list[Page]]:
    """A letter written as YAML, through the view, as a DOCX."""
    from letterpress.load import load
    from letterpress.view import build

    loaded = load(letter(text))
    pages = [build(loaded, lang) for lang in loaded.letter.lang]
    return render(pages, loaded.layout), pages


def load_layout(page_: Page) -> layouts.Layout:
    return layouts.load("letter", page_.base)


GROUPS = """\
    title: T
    signatories:
      marker: "1-"
      groups:
        - name: First
          members: [A1, A2, A3]
        - name: Unnumbered
          numbering: none
          members: [U1]
        - name: Second
          intro: Joined later.
          members: [B1, B2]
        - name: In a table
          display: table
          members: [T1]
        - name: Third
          members: [C1, C2]
    """


def test_continuous_signatories_are_one_word_list_across_groups(letter: Any) -> None:
    """One list counts on across group names, intros and an unnumbered group, so a name a
    partner adds renumbers every group after it; Word's count is the printed number."""
    data, (page_,) = from_letter(letter, GROUPS)
    assert page_.signatories is not None
    printed = {m.name[0].text: m.number for g in page_.signatories.groups for m in g.members}
    lines = {text: (num_id, marker) for _, num_id, marker, text in word_lines(data)}
    for name in ("A1", "A2", "A3", "B1", "B2", "C1", "C2"):
        assert lines[name][1] == printed[name]  # Word numbers it, as printed
    assert lines["A1"][0] == lines["A3"][0] == lines["B1"][0] == lines["B2"][0]
    assert lines["U1"] == (None, None)  # no number of Word's, and none typed
    # a table's numbers stay text, so the list after it starts at its own number
    assert lines["C1"][0] not in (None, lines["A1"][0]) and lines["C1"][1] == "7-"
    assert "6-" in [cell.text for cell in docx.Document(io.BytesIO(data)).tables[-1]._cells]
    defs = numbering(docx.Document(io.BytesIO(data)))
    assert defs[lines["A1"][0]] == {"start": "1", "numFmt": "decimal", "lvlText": "%1-"}
    assert defs[lines["C1"][0]]["start"] == "7"
    used = {num_id for _, num_id, _, _ in word_lines(data) if num_id}
    assert used <= set(defs)  # every numId exists; one definition per list, not per name
    assert len(defs) - len(numbering(docx.Document(io.BytesIO(render(
        [replace(page_, signatories=None)], load_layout(page_)))))) == 2


def test_a_name_added_in_word_renumbers_the_names_after_it(letter: Any) -> None:
    """The partner's edit: a late signatory pasted after "2-" (Enter copies the line's
    numbering) is "3-", and every later name of the list counts on."""
    data, _ = from_letter(letter, GROUPS)
    lines = {text: marker for _, _, marker, text in word_lines(_late_signer(data))}
    assert [lines[n] for n in ("A1", "A2", "Late signer", "A3", "B1", "B2")] == [
        "1-", "2-", "3-", "4-", "5-", "6-"]


def _late_signer(data: bytes) -> bytes:
    """The DOCX with a name added after "A2" as a partner does in Word: Enter copies the
    line, its numbering with it."""
    document = docx.Document(io.BytesIO(data))
    second = next(p for p in document.paragraphs if p.text == "A2")
    added = parse_xml(second._p.xml)
    added.find(f".//{W}t").text = "Late signer"
    second._p.addnext(added)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_per_group_signatories_restart_in_a_list_of_their_own(letter: Any) -> None:
    data, _ = from_letter(letter, """\
        title: T
        signatories:
          numbering: per-group
          groups:
            - {name: One, members: [A1, A2]}
            - {name: Two, display: columns, members: [B1, B2, B3]}
            - {name: Three, members: [C1]}
        """)
    lines = {text: (style, num_id, marker) for style, num_id, marker, text in word_lines(data)}
    assert [lines[n][2] for n in ("A1", "A2", "B1", "B2", "B3", "C1")] == [
        "1.", "2.", "1.", "2.", "3.", "1."]
    assert lines["B1"][0] == "SignatoryColumn"
    assert len({lines[n][1] for n in ("A1", "B1", "C1")}) == 3
    root = docx.Document(io.BytesIO(data)).part.numbering_part.element
    abstract_of = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
                   for n in root.iter(f"{W}num")}
    assert len({abstract_of[lines[n][1]] for n in ("A1", "B1", "C1")}) == 3  # own counters


def test_signatory_numbering_keeps_the_lines_indent(letter: Any) -> None:
    """The level's indent is the style's (the widest number and a space), so the numbers
    and names stand where the typed ones did, in a list and in columns; the level has no
    tab, which would put a name at its indent in lines indented otherwise."""
    data, _ = from_letter(letter, """\
        title: T
        signatories:
          numbering: per-group
          groups:
            - {members: [A1, A2]}
            - {display: columns, members: [B1, B2]}
        """)
    styles = xml(data, "word/styles.xml")
    numbering_xml = xml(data, "word/numbering.xml")
    for style, name in (("Signatory", "A1"), ("Signatory Column", "B1")):
        defined = re.search(rf'<w:name w:val="{style}"/>.*?</w:style>', styles, re.S)[0]
        left = re.search(r'<w:ind w:left="(\d+)" w:hanging="\1"/>', defined)[1]
        num_id = {text: num for _, num, _, text in word_lines(data)}[name]
        abstract = re.search(rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="(\d+)"/>',
                             numbering_xml)[1]
        level = re.search(rf'<w:abstractNum w:abstractNumId="{abstract}">.*?</w:abstractNum>',
                          numbering_xml, re.S)[0]
        assert "<w:tab " not in level
        assert f'<w:ind w:left="{left}" w:hanging="{left}"/>' in level
        assert '<w:lvlJc w:val="left"/>' in level
    assert "<w:ind " not in xml(data, "word/document.xml")  # the level's indent is theirs


def test_a_list_and_a_columns_group_are_one_word_list(letter: Any) -> None:
    """Numbered on, a ``list`` group and a ``columns`` one (set smaller, so indented less)
    are one Word list: a name added in the first renumbers the second (it started a list of
    its own at "4.", and Word printed two "4."). The columns' lines carry their style's
    indent, which comes before the level's, the list's."""
    data, _ = from_letter(letter, """\
        title: T
        signatories:
          groups:
            - {name: Alliance, members: [A1, A2, A3]}
            - {name: Individuals, display: columns, members: [B1, B2]}
        """)
    lines = {text: (num_id, marker) for _, num_id, marker, text in word_lines(data)}
    assert lines["A1"][0] == lines["B1"][0] is not None
    column = re.search(r'<w:name w:val="Signatory Column"/>.*?(<w:ind [^>]*/>)',
                       xml(data, "word/styles.xml"), re.S)[1]
    body = xml(data, "word/document.xml")
    assert re.search(r"<w:ind [^>]*/></w:pPr><w:r><w:t>A1<", body) is None
    assert re.search(rf"{re.escape(column)}</w:pPr><w:r><w:t>B1<", body)
    markers = {text: marker for _, _, marker, text in word_lines(_late_signer(data))}
    assert [markers[n] for n in ("A1", "A2", "Late signer", "A3", "B1", "B2")] == [
        "1.", "2.", "3.", "4.", "5.", "6."]


def test_signatory_bullets_are_word_bullets(letter: Any) -> None:
    data, _ = from_letter(letter, """\
        title: T
        signatories:
          numbering: none
          marker: "•"
          groups:
            - {members: [A1, A2]}
            - {display: columns, members: [B1]}
            - {members: [C1]}
        """)
    lines = {text: (num_id, marker) for _, num_id, marker, text in word_lines(data)}
    assert [lines[n][1] for n in ("A1", "A2", "B1", "C1")] == ["•"] * 4
    assert lines["A1"][0] == lines["B1"][0] == lines["C1"][0]  # one list, as numbers
    assert numbering(docx.Document(io.BytesIO(data)))[lines["A1"][0]]["numFmt"] == "bullet"


@pytest.mark.parametrize(("head", "expected"), [
    ("lang: fa\n", ["۱.\tA1", "۲.\tA2"]),  # Persian digits: Word's own vary (as demands)
    ("signatories:\n  marker: 'a)'\n", None),  # past z: Word counts "aa", "bb"
])
def test_numbers_word_would_count_otherwise_stay_text(letter: Any, head: str,
                                                      expected: list[str] | None) -> None:
    members = ", ".join(f"A{n}" for n in range(1, 31))
    text = f"title: T\n{head}signatories:\n  members: [{members}]\n"
    if "signatories:" in head:
        text = f"title: T\n{head}  members: [{members}]\n"
    data, (page_,) = from_letter(letter, text)
    assert page_.signatories is not None
    lines = [(num_id, line) for style, num_id, _, line in word_lines(data)
             if style == "Signatory"]
    assert all(num_id is None for num_id, _ in lines)
    marks = re.compile("[\u200e\u200f\u2066-\u2069]")  # (around Latin names in Persian)
    printed = [marks.sub("", f"{m.number}\t{m.name[0].text}")
               for m in page_.signatories.groups[0].members]
    assert [marks.sub("", line) for _, line in lines] == printed
    if expected:
        assert printed[:2] == expected


def test_inline_table_and_signature_numbers_stay_text(letter: Any) -> None:
    data, _ = from_letter(letter, """\
        title: T
        signatories:
          numbering: continuous
          groups:
            - {display: inline, members: [A1, A2]}
            - {display: table, members: [B1]}
            - {display: signature, numbering: continuous, members: [C1]}
        """)
    assert not [line for line in word_lines(data) if line[1]]  # nothing Word numbers
    texts = [line[3] for line in word_lines(data)]
    assert "1.\u00a0A1 · 2.\u00a0A2" in texts and "3." in texts and "4. C1" in texts


def test_ten_thousand_members(tmp_path: Path) -> None:
    many = tuple(Member(f"{n}.", sp(f"Person {n}"), (("role", sp("Director")),))
                 for n in range(1, 10_001))
    for display in ("list", "columns", "table"):
        group = Group(None, many, display=display, columns=("role",))
        sig = Signatories(sp("Signatories"), (group,), len(many))
        document: Any = docx.Document(io.BytesIO(render([page(tmp_path, signatories=sig)],
                                                   make_layout(tmp_path))))
        if display == "table":
            assert len(document.tables[0].rows) == 10_000
        else:
            style = "Signatory Column" if display == "columns" else "Signatory"
            assert sum(p.style.name == style for p in document.paragraphs) == 10_000


def test_markup_characters_and_spaces_survive_every_display(tmp_path: Path) -> None:
    """Runs are written as markup: what XML escapes, a carriage return, spaces at the ends,
    tabs and line breaks come back as written, in every display and in link targets."""
    name = 'Smith & Sons <Ltd> "Q" \u2019s'
    odd = Member("1.", sp(name), (("organisation", sp("  O\rBrien  ")),
                                  ("url", sp("x?a=1&b=\"2\"", href="https://e.org/?a=1&b=\"2\""))))
    for display in ("list", "columns", "table", "inline", "signature"):
        group = Group(sp("A & B <c>"), (odd,), display=display, columns=("organisation",))
        sig = Signatories(sp("S"), (group,), 1)
        body = (Paragraph(sp("tab\there\nnext line")),)
        data = render([page(tmp_path, body=body, signatories=sig)], make_layout(tmp_path))
        document: Any = docx.Document(io.BytesIO(data))
        text = "\n".join([p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells])
        assert name in text and "A & B <c>" in text and "tab\there\nnext line" in text
        assert "  O\rBrien  " in text
        if display != "table":
            assert 'x?a=1&b="2"' in text
            targets = {rel.target_ref for rel in document.part.rels.values()
                       if rel.reltype == RT.HYPERLINK}
            assert 'https://e.org/?a=1&b="2"' in targets


def test_a_paragraph_over_ten_megabytes_is_written(tmp_path: Path) -> None:
    """libxml2 refuses text nodes over 10 MB unless told otherwise; letters may be 32 MB."""
    from lxml import etree

    text = "word " * 2_200_000
    data = render([page(tmp_path, body=(Paragraph(sp(text)),))], make_layout(tmp_path))
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"),
                            etree.XMLParser(huge_tree=True))
    assert max(len(t.text or "") for t in body.iter(f"{W}t")) == len(text)


def test_right_to_left(tmp_path: Path) -> None:
    group = Group(sp("English supporters"), (Member("1.", sp("Jane Doe")),), dir="ltr",
                  display="table")
    arabic = Group(sp("الموقعون"), (Member("2.", sp("أحمد")),
                                    Member("3.", sp("John Smith"))))
    sig = Signatories(sp("الموقعون"), (arabic, group), 3)
    pg = page(tmp_path, lang="ar", dir="rtl", body=(Paragraph(sp("نص الرسالة")),),
              signatories=sig, labels=dict(LABELS["ar"]))
    data = render([pg], make_layout(tmp_path))
    document = docx.Document(io.BytesIO(data))
    normal = document.styles["Normal"].element
    assert normal.find(f"{W}pPr/{W}bidi") is not None and normal.find(f"{W}rPr/{W}rtl") is not None
    smith = next(p for p in document.paragraphs if "John Smith" in p.text)
    assert smith._p.find(f"{W}pPr/{W}bidi") is None  # the list's direction: numbers on one side
    (name,) = [r for r in smith._p.iter(f"{W}r") if text_of(r) == "John Smith"]
    assert name.find(f"{W}rPr/{W}rtl").get(f"{W}val") == "0"  # the name runs left to right
    assert document.tables[0]._tbl.find(f"{W}tblPr/{W}bidiVisual") is None  # ltr group
    assert document.sections[0]._sectPr.find(f"{W}bidi") is not None
    styles = xml(data, "word/styles.xml")
    assert 'w:bidi="ar-EG"' in styles  # the language with its region, as Word names it


# --- links, notes, pictures --------------------------------------------------------------------

def test_links_are_real_hyperlinks(full: tuple[bytes, Any]) -> None:
    document = full[1]
    rels = {rid: rel for rid, rel in document.part.rels.items() if rel.reltype == RT.HYPERLINK}
    targets = {rel.target_ref for rel in rels.values()}
    assert {"https://example.org/", "mailto:info@example.org", "https://sna.example/",
            "https://idaorg.example/"} <= targets
    assert all(rel.is_external for rel in rels.values())
    body = document.element.body
    links = list(body.iter(f"{W}hyperlink"))
    assert links and all(link.get(R_ID) in rels for link in links)
    our_site = next(link for link in links if text_of(link) == "our site")
    assert our_site.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"


def test_footnotes_are_real_word_footnotes(full: tuple[bytes, Any]) -> None:
    data, document = full
    notes = xml(data, "word/footnotes.xml")
    assert "Figures from OCHA." in notes and 'w:type="separator"' in notes
    assert 'w:footnoteReference w:id="1"' in xml(data, "word/document.xml")
    assert "A note nobody refers to." not in notes  # listed under Notes in the body instead
    types = xml(data, "[Content_Types].xml")
    assert ('PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.footnotes+xml"') in types
    assert any(rel.reltype == RT.FOOTNOTES for rel in document.part.rels.values())
    assert 'w:styleId="FootnoteText"' in xml(data, "word/styles.xml")


def test_notes_out_of_reading_order_keep_the_view_numbers(tmp_path: Path) -> None:
    body = (Paragraph((Span("First"), Span("2", note=2))),
            Paragraph((Span("Second"), Span("1", note=1), Span("again"), Span("2", note=2))))
    notes = (Footnote(1, "1", (Paragraph(sp("Note one")),)),
             Footnote(2, "2", (Paragraph(sp("Note two")),)))
    data = render([page(tmp_path, body=body, footnotes=notes)], make_layout(tmp_path))
    document = xml(data, "word/document.xml")
    # note 2, referred to first, is the first footnote (LibreOffice pairs them in order)
    assert '<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>2</w:t>' in document
    assert "Note one" in xml(data, "word/footnotes.xml")
    assert document.count("footnoteReference") == 2  # the repeated 2 is plain superscript


def test_a_note_referred_to_again_is_a_cross_reference_word_keeps_up_to_date(
        tmp_path: Path) -> None:
    """One footnote, two references: the second is Word's NOTEREF to a bookmark on the first,
    so it follows the note's number when someone adds a note before it in Word."""
    body = (Paragraph((Span("First"), Span("1", note=1), Span(" and again"),
                       Span("1", note=1))),)
    notes = (Footnote(1, "1", (Paragraph(sp("Note one")),)),)
    document = xml(render([page(tmp_path, body=body, footnotes=notes)],
                          make_layout(tmp_path)), "word/document.xml")
    assert document.count("<w:footnoteReference") == 1
    reference = document.index('<w:footnoteReference w:id="1"/>')
    start = document.index('<w:bookmarkStart w:id="1" w:name="_RefNote1"/>')
    assert start < reference < document.index('<w:bookmarkEnd w:id="1"/>')
    field = document[document.index('w:fldCharType="begin"'):]
    assert ("NOTEREF _RefNote1 \\f \\h" in field
            and field.index('"separate"') < field.index("<w:t>1</w:t>") < field.index('"end"'))


def test_picture_width_and_caption(full: tuple[bytes, Any]) -> None:
    data, document = full
    inline = document.inline_shapes
    assert len(inline) == 2  # the logo and the figure
    text_width = document.sections[0].page_width - document.sections[0].left_margin \
        - document.sections[0].right_margin
    assert abs(inline[1].width - text_width // 2) < 1000
    assert inline[1].height * 2 == pytest.approx(inline[1].width, abs=2)
    assert round(inline[0].height.mm) == 18
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "media/" in n]
    assert len(media) == 1  # the same picture twice is stored once


# --- package -----------------------------------------------------------------------------------

def test_core_properties_without_template_traces(full: tuple[bytes, Any]) -> None:
    data, document = full
    props = document.core_properties
    assert props.title == "Protect the civilians"
    assert props.author == props.last_modified_by == "Syrian NGO Alliance"
    assert props.language == "en" and props.revision == 1
    assert props.created.year == props.modified.year == 2000
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any("thumbnail" in n for n in names)
    assert "thumbnail" not in xml(data, "_rels/.rels")
    for name in ("docProps/core.xml", "docProps/app.xml"):
        assert "python-docx" not in xml(data, name) and "2013" not in xml(data, name)


def test_a_title_or_sender_past_255_characters_is_cut_in_the_properties(
        tmp_path: Path) -> None:
    """python-docx refuses a core property of more than 255 characters: a title that is a
    whole sentence ended the DOCX build in a traceback. The property is cut with an
    ellipsis (it is metadata); the letter prints the whole title."""
    from letterpress.build import build

    title = "Open letter on the protection of civilians " * 6
    path = tmp_path / "long.yaml"
    path.write_text(f"title: {title}\nfrom:\n  name: {'x' * 300}\nbody: [Text.]\n",
                    encoding="utf-8")
    assert not build(path, tmp_path / "out", ["docx"]).errors
    document = docx.Document(str(tmp_path / "out" / "long.docx"))
    props = document.core_properties
    assert len(props.title) == len(props.author) == 255
    assert props.title.endswith("civili…") and props.author == "x" * 254 + "…"
    assert title.strip() in "\n".join(p.text for p in document.paragraphs)


def test_page_numbers_and_running_header(full: tuple[bytes, Any]) -> None:
    section = full[1].sections[0]
    assert section.different_first_page_header_footer
    for footer in (section.footer, section.first_page_footer):
        fields = [f.get(f"{W}instr") for f in footer._element.iter(f"{W}fldSimple")]
        assert fields == [" PAGE ", " NUMPAGES "]
        assert text_of(footer.paragraphs[0]._p) == "1 / 1"
    assert section.header.paragraphs[0].text == "Protect the civilians"
    assert section.first_page_header.paragraphs[0].text == ""


def test_same_input_same_bytes(tmp_path: Path, layout: layouts.Layout) -> None:
    pg = full_page(tmp_path)
    first, second = render([pg], layout), render([pg], layout)
    assert first == second
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_reference_docx_supplies_styles(tmp_path: Path) -> None:
    reference = docx.Document()
    styles = reference.styles.element
    styles.remove(reference.styles["Quote"].element)  # a reference without a Quote style
    heading = reference.styles["Heading 1"]
    heading.paragraph_format.space_before = docx.shared.Pt(33)  # the designer's choice
    reference.add_paragraph("Sample text from the reference document")
    layout = make_layout(tmp_path, name="ref", style={"heading_font": "Noto Sans"})
    reference.save(str(tmp_path / "layouts" / "ref" / "reference.docx"))
    pg = page(tmp_path, body=(Heading(sp("Section")),
                              Quote((Paragraph(sp("Quoted")),))))
    document = docx.Document(io.BytesIO(render([pg], layout)))
    assert lines(document) == ["[Heading 1] Section", "[Quote] Quoted"]
    assert document.styles["Heading 1"].paragraph_format.space_before.pt == 33
    assert document.styles["Heading 1"].font.name == "Noto Sans"


def test_only_the_styles_the_letter_uses(full: tuple[bytes, Any]) -> None:
    """python-docx's template brought 164 styles, "Heading 1 Char" ... "Title Char" in theme
    fonts and blue theme colours among them, all in the style list a partner picks from:
    the file keeps the ones letterpress writes, Word's defaults and what they build on."""
    data, document = full
    styles = parse_xml(xml(data, "word/styles.xml").encode())
    ids = {el.get(f"{W}styleId"): el for el in styles.iter(f"{W}style")}
    names = {el.find(f"{W}name").get(f"{W}val") for el in ids.values()}
    assert {"Normal", "Default Paragraph Font", "Normal Table", "No List", "heading 1", "Title",
            "Subtitle", "Signatory", "Hyperlink", "Signatory Table"} <= names
    assert not names & {"Heading 1 Char", "Title Char", "Subtitle Char", "Quote Char",
                        "Intense Quote", "List Number 2", "Table Grid", "Light Shading"}
    assert len(ids) < 60 and styles.find(f"{W}latentStyles") is not None
    assert "Theme" not in xml(data, "word/styles.xml")  # theme fonts, theme colours
    for el in ids.values():  # every reference resolves
        for tag in ("basedOn", "next", "link"):
            ref = el.find(f"{W}{tag}")
            assert ref is None or ref.get(f"{W}val") in ids, (el.get(f"{W}styleId"), tag)
    numbering = parse_xml(xml(data, "word/numbering.xml").encode())
    assert {el.get(f"{W}val") for el in numbering.iter(f"{W}pStyle")} <= set(ids)
    # the template's Subtitle carried a list level without a list
    assert ids["Subtitle"].find(f"{W}pPr/{W}numPr") is None
    parts = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist()
             if re.fullmatch(r"word/(document|footnotes|header\d|footer\d)\.xml", name)]
    used = {el.get(f"{W}val") for name in parts for tag in ("pStyle", "rStyle", "tblStyle")
            for el in parse_xml(xml(data, name).encode()).iter(f"{W}{tag}")}
    assert len(parts) > 3 and "SignatoryTable" in used and used <= set(ids)
    assert document.styles["Heading 1"].font.name is not None


def test_a_reference_documents_styles_are_all_kept(tmp_path: Path) -> None:
    """Only python-docx's template is pruned: a reference document's styles, used or not,
    are the designer's."""
    reference = docx.Document()
    reference.styles.add_style("Press Note", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    layout = make_layout(tmp_path, name="ref")
    reference.save(str(tmp_path / "layouts" / "ref" / "reference.docx"))
    data = render([page(tmp_path, body=(Paragraph(sp("Text")),))], layout)
    styles = xml(data, "word/styles.xml")
    for name in ("Press Note", "Heading 1 Char", "Intense Quote", "Light Shading"):
        assert f'w:val="{name}"' in styles, name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(tmp_path: Path, layout: layouts.Layout) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(render([full_page(tmp_path)], layout))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "letter.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    for snippet in ("Protect the civilians", "1- Protect civilians.", "3- Fund the response.",
                    "(iv) Fourth, in Roman.", "a) Observers.", "Figures from OCHA.",
                    "Member 14"):
        assert snippet in " ".join(text.split())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_does_not_end_a_line_after_an_opening_bracket(tmp_path: Path) -> None:
    """An Arabic line ended in "(" with "OHCHR)" on the next: the DOCX split the run after
    the bracket, and LibreOffice files a bracket with the script before it. Brackets and
    quotation marks around Latin text go with it, wherever the line ends."""
    from letterpress.build import build

    enclosed = ["(OHCHR)", "«UN»", "“UN”"]
    body = "".join(f"  - {'كلمة ' * n}{text} نص\n" for n in range(8, 24) for text in enclosed)
    path = tmp_path / "brackets.yaml"
    path.write_text(f"lang: ar\nbody:\n{body}", encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "brackets.docx")], check=True, capture_output=True,
                   timeout=180)  # a profile of its own: another soffice may be running
    text = subprocess.run(["pdftotext", str(tmp_path / "brackets.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [line for line in text.splitlines() if "OHCHR" in line or "UN" in line]
    assert len(lines) == 16 * 3, text
    for line in lines:  # (pdftotext's order of a mixed line is its own)
        assert all(line.count(a) == line.count(b) == 1 for a, b in ("()", "«»", "“”")
                   if a in line or b in line), line


def test_an_empty_page_is_still_a_document(tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(render([page(tmp_path)], make_layout(tmp_path))))
    assert len(document.paragraphs) == 1


@pytest.mark.parametrize(("size", "dpi", "expected"), [
    ((40, 20), None, (40 * 9525, 20 * 9525)),  # small: its own size, a pixel a CSS pixel
    ((40, 20), 300, (40 * 9525, 20 * 9525)),  # as WeasyPrint: the recorded DPI is not used
    ((2000, 100), None, (60 * 36000, 3 * 36000)),  # wide: 60 mm at most
    ((300, 300), None, (18 * 36000, 18 * 36000)),  # tall: 18 mm at most
])
def test_the_logo_is_sized_as_in_the_pdf(tmp_path: Path, size: tuple[int, int],
                                         dpi: int | None, expected: tuple[int, int]) -> None:
    from PIL import Image as Picture

    logo = tmp_path / "logo.png"
    Picture.new("RGB", size, "navy").save(logo, **({"dpi": (dpi, dpi)} if dpi else {}))
    document = docx.Document(io.BytesIO(render([page(tmp_path, logo=logo)],
                                               make_layout(tmp_path))))
    (extent,) = document.element.body.iter(f"{WP}extent")
    assert (int(extent.get("cx")), int(extent.get("cy"))) == expected


def test_a_poster_sized_svg_is_drawn_at_the_size_shown(tmp_path: Path) -> None:
    """An A0 drawing placed at half the text width is drawn at twice that many pixels, not
    at its own 3,000 x 4,000 (which took half a gigabyte)."""
    from PIL import Image as Picture

    svg = tmp_path / "poster.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="841mm" height="1189mm">'
                   '<rect width="100%" height="100%" fill="navy"/></svg>')
    layout = make_layout(tmp_path)
    pg = page(tmp_path, body=(Image(svg, width="50%"),))
    document = docx.Document(io.BytesIO(render([pg], layout)))
    (extent,) = document.element.body.iter(f"{WP}extent")
    shown = int(extent.get("cx")) / 9525  # CSS pixels
    (png,) = [r.target_part.blob for r in document.part.rels.values()
              if r.reltype == RT.IMAGE and str(r.target_part.partname).endswith(".png")]
    assert abs(Picture.open(io.BytesIO(png)).width - 2 * shown) <= 2


def test_pictures_word_cannot_read_are_drawn_as_png(tmp_path: Path) -> None:
    """An SVG is drawn at its own size as a PNG (twice the pixels) with the SVG kept
    beside it for Word 2016 and later; a WebP becomes a PNG; the same SVG is stored once."""
    from PIL import Image as Picture

    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                   '<rect width="40" height="20" fill="#1b6b3a"/></svg>')
    webp = tmp_path / "photo.webp"
    Picture.new("RGB", (30, 15), "red").save(webp, "WEBP")
    pg = page(tmp_path, logo=svg, body=(Image(svg, alt="Our logo"), Image(webp, alt="Photo")))
    document = docx.Document(io.BytesIO(render([pg], make_layout(tmp_path))))
    assert lines(document) == ["[Letterhead] ", "[Figure] ", "[Figure] "]
    parts = {str(r.target_part.partname): r.target_part
             for r in document.part.rels.values() if r.reltype == RT.IMAGE}
    pngs = sorted(name for name in parts if name.endswith(".png"))
    assert len(pngs) == 2 and list(parts).count("/word/media/vector1.svg") == 1
    assert parts["/word/media/vector1.svg"].blob == svg.read_bytes()
    sizes = {Picture.open(io.BytesIO(parts[name].blob)).size for name in pngs}
    assert sizes == {(80, 40), (30, 15)}
    body = document.element.body
    extents = [(int(e.get("cx")), int(e.get("cy"))) for e in body.iter(f"{WP}extent")]
    assert extents[1] == (40 * 9525, 20 * 9525)  # the body's SVG at its own size
    svg_blips = [e.get(qn("r:embed")) for e in body.iter(
        "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip")]
    assert len(svg_blips) == 2
    assert {document.part.rels[rid].target_part.partname for rid in svg_blips} == {
        "/word/media/vector1.svg"}


# --- held markup and the zip -----------------------------------------------------------------

# Where a signatory list ends a table cell, a language or comes before a section of
# columns: what looks at the last paragraph placed must find one (a review found an empty
# paragraph added after each of these).
LIST_ENDS = {
    "parallel": "lang: [en, fr]\ncombine: parallel\ntitle: {en: T, fr: Titre}\nbody:\n"
                "  - {en: Hello, fr: Bonjour}\nsignatories:\n  members: [Alice, Bob]\n",
    "sequential": "lang: [en, fr]\ncombine: sequential\ntitle: {en: T, fr: Titre}\n"
                  "signatories:\n  members: [Alice, Bob]\n",
    "inline": "lang: [en, fr]\ncombine: parallel\ntitle: {en: T, fr: Titre}\n"
              "signatories:\n  display: inline\n  members: [Alice, Bob]\n",
    "columns": "title: T\nsignatories:\n  groups:\n    - display: list\n"
               "      members: [Alice, Bob]\n    - display: columns\n      members: [Carol, Dan]\n",
}


def _example_pages(paths: list[Path] | None = None) -> list[tuple[list[Page], layouts.Layout,
                                                                   str]]:
    """The pages of every letter in letters/ (or of ``paths``), as `build` renders them."""
    from letterpress.build import outputs, pages
    from letterpress.load import load

    found = []
    for path in paths or sorted((Path(__file__).parent.parent / "letters").glob("*.yaml")):
        loaded = load(path)
        for _, group in outputs(loaded, pages(loaded)):
            combine = loaded.letter.combine if len(group) > 1 else "separate"
            found.append((group, loaded.layout, combine))
    return found


def test_held_markup_is_written_as_the_parsed_elements_would_be(
        tmp_path: Path, layout: layouts.Layout, monkeypatch: pytest.MonkeyPatch) -> None:
    """Signatory paragraphs held as markup until the save (docx_xml.Placeholders) give the
    very bytes of parsing them into the body: every display, odd characters, Arabic,
    links, both directions, every example letter and its combined languages, lists that
    end a table cell, a language or come before columns."""
    from letterpress.render import docx_xml

    ends = []
    for name, text in LIST_ENDS.items():
        (tmp_path / f"{name}.yaml").write_text(f"layout: statement\n{text}")
        ends.append(tmp_path / f"{name}.yaml")

    odd = Member("1.", sp('Smith & Sons <Ltd> "Q"  '), (
        ("organisation", sp("  O\rBrien\ttab\nline  ")),
        ("url", sp("x?a=1&b=\"2\"", href="https://e.org/?a=1&b=\"2\""))))
    arabic = Member("2.", sp("سلمى خالد الحلبي"), (("country", sp("سوريا")),))
    groups = tuple(Group(sp(display), (odd, arabic, *members(3, 5)), display=display,
                         columns=("organisation",))
                   for display in ("list", "columns", "table", "inline", "signature"))
    sig = Signatories(sp("S"), groups, 5)
    cases = [([full_page(tmp_path)], layout, "separate"),
             ([page(tmp_path, signatories=sig)], layout, "separate"),
             ([page(tmp_path, lang="ar", dir="rtl", signatories=sig,
                    labels=dict(LABELS["ar"]))], layout, "separate"),
             *_example_pages(), *_example_pages(ends)]
    held = [render(*case) for case in cases]
    monkeypatch.setattr(docx_xml.Placeholders, "hold",
                        lambda self, xml: docx_xml.parse_all(xml))
    parsed = [render(*case) for case in cases]
    for ours, theirs in zip(held, parsed, strict=True):
        assert ours == theirs
    assert b"letterpress-markup" not in b"".join(
        zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml") for data in held)


def test_markup_is_parsed_where_the_body_binds_other_prefixes() -> None:
    """The body's own bindings count (a reference document may rebind ``r`` there), and a
    comment that looks like a stand-in but is not this writer's is left alone."""
    from lxml import etree

    from letterpress.render.docx_xml import R_NS, W_NS, Placeholders

    for root in (f'<x:document xmlns:x="{W_NS}"><x:body/></x:document>',
                 f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
                 '<w:body xmlns:r="urn:example:other"/></w:document>'):
        held = Placeholders(etree.fromstring(root.encode())[0])
        (p,) = held.hold("<w:p><w:r><w:t>a</w:t></w:r></w:p>")
        assert p.tag == f"{W}p" and not held.chunks
    held = Placeholders(etree.fromstring(
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body/></w:document>'.encode())[0])
    (comment,) = held.hold("<w:p/>")
    stray = b"<!--letterpress-markup-0-->"
    assert held.fill(stray + f"<!--{comment.text}-->".encode()) == stray + b"<w:p/>"


def test_zip_members_are_what_python_docx_saves(tmp_path: Path, layout: layouts.Layout,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The package is zipped once from python-docx's parts: the same members, byte for byte,
    as its own save (then rewritten in a fixed order with fixed stamps)."""
    from letterpress.render import docx as docx_render
    from letterpress.render import docx_package

    seen: list[dict[str, bytes]] = []

    def compare(doc: Any, fill: Any) -> bytes:
        raw = io.BytesIO()
        doc.save(raw)
        saved = {name: zipfile.ZipFile(raw).read(name)
                 for name in zipfile.ZipFile(raw).namelist()}
        saved["word/document.xml"] = fill(saved["word/document.xml"])
        ours = docx_package.members(doc, fill)
        assert ours == saved
        seen.append(ours)
        return docx_package.to_bytes(doc, fill)

    monkeypatch.setattr(docx_render, "to_bytes", compare)
    data = render([full_page(tmp_path)], layout)
    (ours,) = seen
    with zipfile.ZipFile(io.BytesIO(data)) as written:
        assert written.namelist()[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert {name: written.read(name) for name in written.namelist()} == ours
        assert {info.date_time for info in written.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_plain_text_is_written_as_the_careful_path_writes_it() -> None:
    """text_xml skips cleaning, escaping and splitting for text that needs none: every
    character below U+3000, alone, inside and at either end, gives what the careful path
    gives."""
    from letterpress.render.docx_xml import _text_xml, run_xml, text_xml

    for point in [*range(0x3000), 0xFEFF, 0xFFFE, 0xFFFF, 0xD800, 0x1F600]:
        char = chr(point)
        for text in (char, f"a{char}b", f"{char}ab", f"ab{char}"):
            assert text_xml(text) == _text_xml(text), repr(text)
            assert run_xml(text, "<w:rPr/>", tab=True) == run_xml(f"{text}\t", "<w:rPr/>")


def test_a_repeated_detail_with_a_note_refers_to_the_footnote_once(
        tmp_path: Path, layout: layouts.Layout) -> None:
    """The view gives repeated details one tuple of spans, which the DOCX writes once; a
    note reference among them is written afresh: one Word footnote has one reference."""
    role = (Span("Director"), Span("1", note=1))
    group = Group(sp("G"), tuple(Member(f"{n}.", sp(f"Person {n}"), (("role", role),))
                                 for n in (1, 2, 3)))
    pg = page(tmp_path, body=(Paragraph(sp("Text")),),
              signatories=Signatories(sp("S"), (group,), 3),
              footnotes=(Footnote(1, "1", (Paragraph(sp("A note."), "note"),)),))
    body = xml(render([pg], layout), "word/document.xml")
    assert body.count("<w:footnoteReference") == 1
    assert body.count("Director") == 3


def test_nested_markdown_lists_are_indented(tmp_path: Path) -> None:
    """A Markdown list inside a list item took its parent's indent (it had the same
    sequence, so the rule for a list restyled mid-way kept the parent's): flush with it."""
    from letterpress.build import build

    path = tmp_path / "n.yaml"
    path.write_text("body:\n  - |\n    - water\n    - fuel:\n      - Al-Shifa;\n"
                    "      - Indonesian Hospital.\n", encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    data = (tmp_path / "n.docx").read_bytes()
    numbering = xml(data, "word/numbering.xml")
    document = docx.Document(io.BytesIO(data))

    def left(text: str) -> int:
        p = next(p for p in document.paragraphs if p.text == text)
        num_id = p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        abstract = re.search(rf'<w:num w:numId="{num_id}"[^>]*>\s*<w:abstractNumId '
                             r'w:val="(\d+)"', numbering).group(1)
        body = numbering.split(f'w:abstractNumId="{abstract}"', 1)[1]
        return int(re.search(r'<w:ind w:left="(\d+)"', body).group(1))

    assert left("Al-Shifa;") > left("fuel:") == left("water")


def test_table_columns_take_the_width_of_their_text() -> None:
    """Equal shares wrapped a long organisation on 7 lines beside a half-empty name column,
    and broke a country as "Netherland/s"."""
    from letterpress.table_widths import TABLE_SIZE, with_widths
    from letterpress.text_width import em

    rows = [("Ana López", "Centro de Derechos Humanos Miguel Agustín Pro Juárez (Centro Prodh)",
             "Netherlands"), ("Dr Amer Masri", "PAX", "UK")]
    group = Group(name=None, display="table", columns=("organisation", "country"),
                  members=tuple(Member("", (Span(name),), (("organisation", (Span(org),)),
                                                           ("country", (Span(country),))))
                                for name, org, country in rows))
    (group,) = with_widths([group], 450, 10.5)
    name, organisation, country = group.widths
    assert organisation > name and organisation > country
    assert country * 450 >= em("Netherlands") * TABLE_SIZE * 10.5
    assert sum(group.widths) == pytest.approx(1)


def test_table_room_goes_to_the_columns_whose_text_wants_it() -> None:
    """Shared by characters (10 to 40 a column), a country column of "France" took twice
    the room it needed while 80-character names wrapped on three lines; as a browser lays a
    table out, a column of short words keeps what it needs, and one whose text fits on a
    line is not made wider than the line's share of it."""
    from letterpress.table_widths import TABLE_SIZE, with_widths
    from letterpress.text_width import em

    def widths(rows: list[tuple[str, str]]) -> tuple[float, ...]:
        group = Group(name=None, display="table", columns=("country",), members=tuple(
            Member("", (Span(name),), (("country", (Span(country),)),))
            for name, country in rows))
        return with_widths([group], 450, 10.5)[0].widths

    name, country = widths([
        ("Action des chrétiens pour l'abolition de la torture et de la peine de mort (ACAT)",
         "France"), ("Zoé Çelik", "Turquie")])
    least = (em("Turquie") * 1.05 * TABLE_SIZE * 10.5 + 8) / 450  # its word and margins
    assert country == pytest.approx(least, abs=0.005) and name == pytest.approx(1 - least)
    name, country = widths([("Zoé Çelik", "France"), ("Ana López", "Deutschland")])
    size = 1.05 * TABLE_SIZE * 10.5  # every text on one line, the spare room shared
    assert name * 450 > em("Zoé Çelik") * size + 20 and country * 450 > em("Deutschland") * size
    assert name + country == pytest.approx(1)


def test_table_columns_give_way_from_the_longest_words() -> None:
    """When the longest words together were wider than the line every column gave way, the
    number column too: "1." broke as "1" over "." and "Deutschland" as "Deutsch-/land" beside
    two 25-letter compounds. Only the columns of those compounds give way now, in
    proportion; the number, the name and the country keep their widths."""
    from letterpress.table_widths import GUTTER_EM, TABLE_SIZE, with_widths
    from letterpress.text_width import em

    rows = [("Dr. Anna Łukasiewicz-Brzęczyszczykiewicz", "Menschenrechtsbeauftragte",
             "Landesarbeitsgemeinschaft Wohnungslosenhilfe", "Deutschland"),
            ("Kai-Uwe Müller", "Geschäftsführer", "Landesarbeitsgemeinschaften e. V.",
             "Deutschland")]
    group = Group(name=None, display="table", columns=("role", "organisation", "country"),
                  members=tuple(Member(f"{n}.", (Span(name),), (
                      ("role", (Span(role),)), ("organisation", (Span(org),)),
                      ("country", (Span(country),)))) for n, (name, role, org, country)
                      in enumerate(rows, 1)))
    line, size = 459, 10.5 * TABLE_SIZE
    (group,) = with_widths([group], line, 10.5)
    number, name, role, organisation, country = (share * line for share in group.widths)
    assert sum(group.widths) == pytest.approx(1)
    assert number >= em("2.") * size + GUTTER_EM * size
    assert name >= em("Brzęczyszczykiewicz") * size + GUTTER_EM * size
    assert country >= em("Deutschland") * size
    # the two columns of long compounds are too narrow for them, and share the loss by size
    assert role < em("Menschenrechtsbeauftragte") * size + GUTTER_EM * size
    assert organisation > role >= name
    assert organisation / role == pytest.approx(
        em("Landesarbeitsgemeinschaften") / em("Menschenrechtsbeauftragte"), rel=0.1)


def test_an_arabic_word_is_reckoned_as_naskh_sets_it() -> None:
    """Side by side, an Arabic organisation's longest word was reckoned at 0.65 em a letter
    ("الاستراتيجية" 7.8 em; it prints in 4.6), and the English names beside it gave way:
    "Responsib-ility" was hyphenated in a column that had the room."""
    from letterpress.table_widths import GUTTER_EM, TABLE_SIZE, with_widths
    from letterpress.text_width import em

    rows = [("Global Centre for the Responsibility to Protect", "مركز صنعاء للدراسات الاستراتيجية",
             "الولايات المتحدة")]
    group = Group(name=None, display="table", columns=("organisation", "country"),
                  members=tuple(Member(f"{n}.", (Span(name),), (
                      ("organisation", (Span(org),)), ("country", (Span(country),))))
                      for n, (name, org, country) in enumerate(rows, 1)))
    line, size = 240, 10.5 * TABLE_SIZE  # half an A4 page's line, about
    (group,) = with_widths([group], line, 10.5)
    assert group.widths[1] * line >= (em("Responsibility") + GUTTER_EM) * size
    assert em("الاستراتيجية") < 6


def test_a_table_column_holds_a_whole_date() -> None:
    """A date's no-break spaces make it one word: its column is as wide as the whole date
    (wider than for its month alone), or the unbroken date ran over the next column."""
    from letterpress.table_widths import with_widths

    def added_width(added: str) -> float:
        member = Member("", (Span("Ana"),), (("organisation", (Span("X" * 50),)),
                                             ("added", (Span(added),))))
        group = Group(name=None, display="table", columns=("organisation", "added"),
                      members=(member,))
        return with_widths([group], 450, 10.5)[0].widths[-1]

    assert added_width("15\u00a0September\u00a02016") > added_width("September") * 1.4


def test_table_columns_hold_their_longest_words(tmp_path: Path) -> None:
    """A hyphenated name (one 45-letter "word") took half the line and the organisation
    column was cut inside "Zachodniopomor-skim"; side by side, the number column was sized
    for the whole page and its "7." broke as "7" over "."."""
    from conftest import pdf_text
    from letterpress.build import build

    org = ("Ogólnopolskie Stowarzyszenie na Rzecz Przeciwdziałania Wykluczeniu Społecznemu "
           "Osób Starszych w Województwie Zachodniopomorskim")
    path = tmp_path / "t.yaml"
    path.write_text(f"""\
lang: pl
title: Apel
signatories:
  display: table
  columns: [organisation, country]
  members:
    - name: Dr Maria-Magdalena Wojciechowska-Szczepańska-Brzęczyszczykiewicz
      organisation: {org}
      country: Polska
    - {{name: Jan Nowak, organisation: Fundacja Ocalenie, country: Polska}}
""", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    assert "Zachodniopomorskim" in pdf_text(tmp_path / "t.pdf").split()
    members = "".join(f"    - Member {n}\n" for n in range(1, 13))
    path.write_text("lang: [fr, en]\ncombine: parallel\ntitle: {fr: Lettre, en: Letter}\n"
                    f"signatories:\n  display: table\n  columns: [country]\n  members:\n"
                    f"{members}", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    lines = pdf_text(tmp_path / "t.pdf").split("\n")
    assert "12." in lines and "." not in lines, lines


def test_table_groups_line_up(tmp_path: Path) -> None:
    """Each group's table took the widths of its own text: a long organisation in one
    group and short ones in the next put their columns at different places."""
    from letterpress.build import build

    path = tmp_path / "l.yaml"
    path.write_text("""\
title: t
signatories:
  display: table
  columns: [organisation, country]
  groups:
    - name: A
      members:
        - name: Bartłomiej Chrząszczewski
          organisation: Ogólnopolskie Stowarzyszenie Przeciwdziałania Dyskryminacji
          country: Polska
    - name: B
      members:
        - {name: Jan Kowalski, organisation: Amnesty International, country: Wielka Brytania}
""", encoding="utf-8")
    assert not build(path, tmp_path / "out", ["docx", "pdf"]).errors
    xml = zipfile.ZipFile(tmp_path / "out" / "l.docx").read("word/document.xml").decode()
    grids = re.findall(r"<w:tblGrid>.*?</w:tblGrid>", xml)
    assert len(grids) == 2 and grids[0] == grids[1]
    # the PDF's tables too (each was as wide as its own text)
    words = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "out" / "l.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    left = {word: float(x) for x, word in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]*)<', words)}
    assert left["Amnesty"] == pytest.approx(left["Ogólnopolskie"], abs=0.5)
    assert left["Wielka"] == pytest.approx(left["Polska"], abs=0.5)


def test_table_numbers_names_and_countries_stay_whole(tmp_path: Path) -> None:
    """Three German signatories with role, organisation and country: "1." broke as "1" over
    ".", "16." touched the name ("16.Prof."), "Deutschland" and a name were hyphenated, and
    the table stopped a centimetre short of the margin; the DOCX (LibreOffice) cut
    "Deutschlan/d". Same widths in the PDF, the HTML and the DOCX."""
    from conftest import pdf_text
    from letterpress.build import build

    people = [("Prof. Dr. Markus Krajewski",
               "Lehrstuhlinhaber für Öffentliches Recht und Völkerrecht",
               "Friedrich-Alexander-Universität Erlangen-Nürnberg"),
              ("Kai-Uwe Müller", "Geschäftsführer",
               "Landesarbeitsgemeinschaft Wohnungslosenhilfe Nordrhein-Westfalen"),
              ("Dr. Anna Łukasiewicz-Brzęczyszczykiewicz", "Menschenrechtsbeauftragte",
               "Bundesarbeitsgemeinschaft Psychosozialer Zentren für Flüchtlinge und "
               "Folteropfer (BAfF)")] * 6
    rows = "".join(f"    - {{name: {name}, role: {role}, organisation: {org}, "
                   f"country: Deutschland}}\n" for name, role, org in people)
    path = tmp_path / "t.yaml"
    path.write_text("layout: statement\nlang: de\ntitle: Tabelle\nsignatories:\n"
                    "  display: table\n  columns: [role, organisation, country]\n"
                    f"  members:\n{rows}", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf", "docx", "html"]).errors
    words = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "t.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    boxes = [(float(x0), float(x1), word) for x0, x1, word in re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', words)]
    found = [word for *_, word in boxes]
    for n in range(1, 19):
        assert f"{n}." in found
    assert "." not in found
    assert found.count("Deutschland") == 3 * found.count("Krajewski") == 18
    assert found.count("Brzęczyszczykiewicz") == found.count("Łukasiewicz-") == 6
    number_end = max(x1 for _, x1, word in boxes if word == "16.")
    name_start = min(x0 for x0, _, word in boxes if word == "Prof.")
    assert name_start - number_end > 10  # points: a clear gutter after the widest number
    right_margin = 595.28 - 24 / 25.4 * 72
    # the country column ends at the margin, as wide as its word and the DOCX's margins
    assert right_margin - max(x1 for _, x1, word in boxes if word == "Deutschland") < 14
    assert "Menschenrechtsbeauftragte" not in pdf_text(tmp_path / "t.pdf").split()  # too long
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    shares = [float(x) / 100 for x in re.findall(r'<col style="width: ([\d.]+)%">', html)]
    xml = zipfile.ZipFile(tmp_path / "t.docx").read("word/document.xml").decode()
    grid = [int(x) for x in re.findall(r'<w:gridCol w:w="(\d+)"', xml)]
    assert len(shares) == len(grid) == 5 and sum(shares) == pytest.approx(1, abs=1e-3)
    assert [g / sum(grid) for g in grid] == pytest.approx(shares, abs=1e-3)
    if shutil.which("soffice") is None:
        return
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "lo"), str(tmp_path / "t.docx")], check=True,
                   capture_output=True, timeout=180)
    text = pdf_text(tmp_path / "lo" / "t.pdf")
    found = text.split()
    assert found.count("Deutschland") == 3 * found.count("Krajewski") == 18
    # (a line may end at the compound's own hyphen, which pdftotext then drops)
    assert text.count("Brzęczyszczykiewicz") == found.count("Geschäftsführer") == 6


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_columns_take_the_pages_the_pdf_does(tmp_path: Path) -> None:
    """A 3-column list of 2,004 members with role and organisation was 67 pages in
    LibreOffice where the PDF was 40: each column gave 1.2 cm to the number, at the text's
    full size and 1.7 em between lines, leaving one or two words a line. The DOCX's columns
    now have the PDF's size and line spacing, and an indent as wide as the widest number."""
    from conftest import pdf_text
    from letterpress.build import build

    roles = ["Professor of International Law", "Programme Officer", "Executive Director"]
    orgs = ["International Rescue Committee", "Women's International League for Peace and "
            "Freedom (WILPF)", "Norwegian Refugee Council"]
    rows = "".join(f"    - {{name: Kwame Fernández {n}, role: {roles[n % 3]}, "
                   f"organisation: {orgs[n % 3]}, country: United Kingdom}}\n"
                   for n in range(1, 1201))
    path = tmp_path / "t.yaml"
    path.write_text("title: t\nsignatories:\n  display: columns\n  members:\n" + rows,
                    encoding="utf-8")
    assert not build(path, tmp_path, ["pdf", "docx"]).errors
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "lo"), str(tmp_path / "t.docx")], check=True,
                   capture_output=True, timeout=180)
    pdf = len(PdfReader(tmp_path / "t.pdf").pages)
    docx_pages = len(PdfReader(tmp_path / "lo" / "t.pdf").pages)
    assert docx_pages <= pdf * 1.15, (docx_pages, pdf)  # 1.6 times as many before
    assert "1200." in pdf_text(tmp_path / "lo" / "t.pdf").split()
    styles = zipfile.ZipFile(tmp_path / "t.docx").read("word/styles.xml").decode()
    column = re.search(r'<w:name w:val="Signatory Column"/>.*?</w:style>', styles, re.S)[0]
    # 0.92 of 10.5 pt, lines 1.35 em apart (at least), "1200." and an en space: 3.1 em
    assert '<w:sz w:val="19"/>' in column and 'w:lineRule="atLeast"' in column
    assert re.search(r'w:line="(\d+)"', column)[1] == str(round(1.35 * 9.66 * 20))
    assert int(re.search(r'w:hanging="(\d+)"', column)[1]) < 3.2 * 9.66 * 20


def test_side_by_side_rows_keep_as_the_plan_says(tmp_path: Path) -> None:
    """LibreOffice keeps a side-by-side row with the next when a cell's first paragraph
    keeps with the next: a picture, kept with its caption in the same cell, took its row
    over with the closing and left a third of page 1 empty. A row's paragraphs keep only
    where the row keeps (the plan's ``keep_with_next``: a heading, the closing)."""
    from letterpress.build import build

    png(tmp_path / "map.png")
    path = tmp_path / "p.yaml"
    path.write_text("""\
lang: [en, fr]
combine: parallel
title: {en: Letter, fr: Lettre}
body:
  - heading: {en: Demands, fr: Demandes}
  - demands:
      items:
        - text: {en: Protect staff by, fr: Protéger le personnel en}
          items: [{en: storing, fr: stockant}, {en: funding, fr: finançant}]
        - {en: Report., fr: Rendre compte.}
  - quote: {en: We eat leaves., fr: Nous mangeons des feuilles.}
    by: {en: A mother, fr: Une mère}
  - image: map.png
    caption: {en: Besieged areas, fr: Zones assiégées}
closing: {en: "In solidarity,", fr: "Solidairement,"}
signatories:
  members: [A, B]
""", encoding="utf-8")
    assert not build(path, tmp_path / "out", ["docx"]).errors
    document = docx.Document(str(tmp_path / "out" / "p.docx"))

    def kept(p: Any) -> bool:
        own = p.paragraph_format.keep_with_next
        return bool(own if own is not None else p.style.paragraph_format.keep_with_next)

    cells = {p.text.split("\t")[-1] or p.style.name: kept(p)
             for row in document.tables[0].rows for p in row.cells[0].paragraphs}
    assert cells["Demands"] and cells["In solidarity,"]
    assert not any(cells[text] for text in (
        "Figure", "Besieged areas", "Protect staff by", "storing", "We eat leaves."))
