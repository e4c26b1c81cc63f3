"""Word styles from the layout: every style the DOCX writer uses exists, named as Word names it.

Styles come from the layout's ``reference.docx`` when it has one (pandoc's --reference-doc
idea: a designer edits the look in Word); otherwise from python-docx's default template. The
layout's theme values (fonts, sizes, colours) are then applied over them, so the PDF and DOCX
agree. Spacing, indents and borders are set only on styles this module creates, or on every
style when there is no reference document: a designer's own choices are kept. Without one,
the default template's styles that letterpress does not use are removed (``prune``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from letterpress.i18n import locale_tag
from letterpress.layouts import Options, Style
from letterpress.render.docx_bidi import word_lang
from letterpress.render.docx_xml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    VAL,
    child,
    drop,
    sub,
    table_indent,
    w,
)
from letterpress.table_widths import CELL_MARGIN_PT, TABLE_SIZE

# the print CSS's line-heights: h1-h4's, ol.members's (and .members-signature's), and what
# right-to-left text adds to the layout's (its body); ol.members.columns's font-size
HEADING_LEADING = 1.25
MEMBERS_LEADING = 1.35
RTL_LEADING = 0.15
COLUMNS_SIZE = 0.92
END_MARK_TRACKING = 0.2  # .end-mark's letter-spacing ("###"; none right to left)

STYLE_ORDER = tuple(w(x) for x in (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"))
MONO = "Courier New"  # on every Word install; LibreOffice maps it to Liberation Mono

# Word's own (lower-case) names for its built-in styles, so Word recognises them as built-in.
WORD_NAMES = {f"Heading {n}": f"heading {n}" for n in (1, 2, 3)} | {
    "Caption": "caption", "Header": "header", "Footer": "footer",
    "Footnote Text": "footnote text", "Footnote Reference": "footnote reference"}
BUILTIN = frozenset({"Normal", "Title", "Subtitle", "Quote", "List Number", "List Bullet",
                     "List Continue", "Hyperlink", *WORD_NAMES})

Kind = Literal["paragraph", "character", "table"]
Font = Literal["body", "heading", "mono"]
Colour = Literal["text", "accent", "muted"]


@dataclass(frozen=True)
class Def:
    """One style: theme values (font, size, colour) and shape (spacing, keeps, borders)."""

    name: str
    kind: Kind = "paragraph"
    base: str | None = "Normal"
    font: Font | None = None
    size: float | None = None  # times the layout's font size
    colour: Colour | None = None
    bold: bool | None = None
    italic: bool | Literal["latin"] | None = None  # latin: not Arabic (no italic; as the PDF)
    before: float | None = None  # em
    after: float | None = None  # em
    # Lines this many em apart (at least), as the print CSS's line-height; None: the body's
    # leading. In points, not Word's "multiple", which counts the font's own line (1.36 em
    # in Noto Serif, 1.7 in Noto Naskh): 1.38 of it set lines 1.9 to 2.6 em apart.
    line: float | None = None
    keep_next: bool = False
    keep_lines: bool = False
    jc: str | None = None
    indent: float | None = None  # mm, both sides for quotes, left otherwise
    contextual: bool = False
    border: Literal["bottom", "left"] | None = None
    outline: int | None = None
    superscript: bool = False
    underline: bool = False
    tracking: float | None = None  # em between letters, left to right only (as the CSS)


def definitions(options: Options, *, narrow: bool = False) -> tuple[Def, ...]:
    """Every style the writer uses, base styles first (a style's base must exist).

    Values follow the built-in print CSS, so the PDF and the DOCX look alike: justified
    body text, ragged addresses and lists of names, headings in the accent colour. In
    ``narrow`` columns (languages side by side) text is ragged and the title smaller, as
    in the PDF: justified half-page lines opened gaps of several words.
    """
    big = options.title_style == "title"
    head = "center" if options.heading_align == "center" else "left"
    return (
        Def("Normal", base=None, font="body", size=1, colour="text", after=0.7,
            jc="left" if narrow else "both"),
        Def("Title", font="heading", size=1.45 if narrow else 2.0 if big else 1.6,
            colour="accent", bold=True,
            before=0.3, after=0.3, line=HEADING_LEADING, keep_next=True, jc=head),
        Def("Subtitle", font="heading", size=1.15, colour="muted", italic=False, after=1.2,
            keep_next=True, jc=head),
        *(Def(f"Heading {n}", font="heading", size=size, colour="accent", bold=True,
              before=before, after=after, line=HEADING_LEADING, keep_next=True, keep_lines=True,
              outline=n - 1, jc="left")
          for n, size, before, after in ((1, 1.2, 1.2, 0.5), (2, 1.08, 1.0, 0.4),
                                         (3, 1.0, 0.9, 0.3))),
        Def("Quote", colour="text", italic="latin" if options.quote_style == "italic" else False,
            indent=6, border="left", before=0.2, after=0.5),
        # side by side, at the start of its quote's bar, as the PDF's: at the end, the two
        # languages' met at the gutter and read as one attribution
        Def("Attribution", indent=6, after=1.0, jc="left" if narrow else "right",
            border="left" if narrow else None),
        Def("List Intro", keep_next=True, after=0.4),
        # the signatories', a group's, the contacts' intro (p.intro): one style to restyle
        Def("Intro", keep_next=True),
        Def("Demand", after=0.35),
        Def("List Number", after=0.35),
        Def("List Bullet", after=0.35),
        Def("List Continue", after=0.35),
        Def("Source Code", font="mono", size=0.9, indent=5, after=0.7, jc="left"),
        Def("Rule", size=0.6, line=1.0, border="bottom", after=1.0),
        Def("Figure", jc="center", keep_next=True, before=0.5, after=0.2),
        Def("Caption", size=0.88, colour="muted", bold=False, italic=False, jc="center",
            after=1.0),
        Def("Letterhead", font="heading", size=1.15, colour="accent", bold=True, after=0,
            keep_next=True, jc="left"),
        Def("Sender", size=0.88, colour="muted", after=0, keep_next=True,
            jc="left"),
        Def("Reference", after=0, jc="right" if head == "left" else head),
        Def("Dateline", jc="right" if head == "left" else head, after=1.6),
        Def("Addressee", bold=True, before=0.4, after=0, keep_next=True, jc="left"),
        Def("Addressee Line", after=0, keep_next=True, jc="left"),
        Def("CC Label", bold=True, before=0.6, after=0, keep_next=True, jc="left"),
        Def("Subject", bold=True, before=0.6, after=1.2, jc="left"),
        Def("Salutation", before=0.3, keep_next=True, jc="left"),
        Def("Closing", before=1.4, keep_next=True, jc="left"),
        Def("Signatory Group", base="Heading 2", size=1.0, before=1.0, after=0.3,
            line=HEADING_LEADING, keep_next=True),
        Def("Signatory", after=0.05, line=MEMBERS_LEADING, jc="left"),
        # display: columns, at the PDF's size, no space between members (as ol.members)
        Def("Signatory Column", base="Signatory", size=COLUMNS_SIZE, after=0,
            line=MEMBERS_LEADING),
        Def("Signatory Inline", jc="left"),
        Def("Signatory Cell", size=TABLE_SIZE, after=0, jc="left"),
        Def("Signature", after=1.2, line=MEMBERS_LEADING, keep_lines=True, jc="left"),
        Def("Note", colour="muted", before=0.4, jc="left"),
        Def("Contact", bold=True, before=0.6, after=0, keep_next=True, jc="left"),
        Def("Contact Line", after=0, keep_next=True, jc="left"),
        Def("End Mark", bold=True, tracking=END_MARK_TRACKING, jc="center", before=1.5),
        Def("Footnote Text", size=0.85, after=0.2, jc="left"),
        Def("Header", size=0.8, colour="muted", jc="center", after=0),
        Def("Footer", size=0.8, colour="muted", jc="center", after=0),
        Def("Footnote Reference", kind="character", base=None, superscript=True),
        Def("Hyperlink", kind="character", base=None, colour="accent", underline=True),
        Def("Verbatim Char", kind="character", base=None, font="mono", size=0.9),
        Def("Signatory Table", kind="table", base=None),
    )


def barred(options: Options, *, narrow: bool = False) -> frozenset[str]:
    """The paragraph styles with a quote's accent bar (on the side their text starts)."""
    return frozenset(d.name for d in definitions(options, narrow=narrow) if d.border == "left")


def justified(options: Options, *, narrow: bool = False) -> frozenset[str]:
    """The paragraph styles that justify their lines (their own ``jc``, or their base's)."""
    defs = {d.name: d for d in definitions(options, narrow=narrow)}

    def jc(d: Def) -> str | None:
        return d.jc if d.jc is not None or d.base is None else jc(defs[d.base])

    return frozenset(d.name for d in defs.values() if d.kind == "paragraph" and jc(d) == "both")


def prepare(doc: Any, theme: Style, options: Options, lang: str, rtl: bool,
            from_reference: bool, hang: float = 0, *, bidi_lang: str | None = None,
            cs_font: str | None = None, narrow: bool = False,
            mixed: bool = False) -> dict[str, str]:
    """Make every style exist and carry the layout's values; returns name -> style id.

    ``lang`` is the language of left-to-right text (``Page.latin_lang``), ``bidi_lang``
    of right-to-left text, ``cs_font`` its typeface (the layouts' fonts are Latin: Arabic
    letters get an Arabic one); ``rtl`` sets the direction of every style (the first
    page's). ``hang`` (em) is the hanging
    indent of signatory lines, sized to the widest number; ``narrow``: languages side by
    side (see :func:`definitions`); ``mixed``: pages in both directions.
    """
    root = doc.styles.element
    by_name = {_name(el).lower(): el for el in root.iter(w("style"))}
    ids = {el.get(w("styleId")) for el in root.iter(w("style"))}
    out: dict[str, str] = {}
    # the body's line-height: right-to-left text's is looser, not side by side (the CSS).
    # The styles serve every page: a file in both directions keeps the layout's, which
    # Arabic in Noto Naskh exceeds anyway ("at least" its own line, 1.7 em).
    leading = theme.line_height + (RTL_LEADING if rtl and not (narrow or mixed) else 0)
    _defaults(root, theme, lang, bidi_lang, cs_font)
    for d in definitions(options, narrow=narrow):
        word_name = WORD_NAMES.get(d.name, d.name)
        el = by_name.get(word_name.lower())
        if el is not None and el.get(w("type")) != d.kind:  # same name, other kind of style
            word_name = f"{word_name} ({d.kind})"
            el = by_name.get(word_name.lower())
        created = el is None
        if el is None:
            el = _create(root, d, word_name, ids, out)
            by_name[word_name.lower()] = el
        _theme(el, d, theme, cs_font)
        if created or not from_reference:
            _shape(el, d, theme, leading, rtl)
        out[d.name] = el.get(w("styleId"))
    _direction(by_name["normal"], rtl, bidi_lang)
    for name, twips in member_indents(theme, hang).items():
        child(child(by_name[name.lower()], w("pPr"), STYLE_ORDER), w("ind"), PPR_ORDER,
              left=str(twips), hanging=str(twips))
    if not from_reference:
        prune(root, set(out.values()), doc.part.numbering_part.element)
    return out


def prune(root: Any, used: set[str], numbering: Any) -> None:
    """Remove the default template's styles outside ``used`` (style ids) and what they need.

    python-docx's template brings 164 styles ("Heading 1 Char" ... "Title Char" in theme
    fonts and blue theme colours, "Intense Quote", 99 table styles) that matched nothing
    in the letter and filled the style list a partner picks from. Kept: the used styles,
    Word's defaults ("Normal", "Default Paragraph Font", "Normal Table", "No List") and the
    styles they are based on or followed by; a link to a removed style (Heading 1 to
    "Heading 1 Char") is dropped, as is a numbering level's (List Number 2's). Not for a
    reference document: its styles are the designer's.
    """
    styles = {el.get(w("styleId")): el for el in root.findall(w("style"))}
    defaults = {sid for sid, el in styles.items() if el.get(w("default")) in ("1", "true", "on")}
    keep = used | defaults
    todo = list(keep)
    while todo:
        el = styles.get(todo.pop())
        refs = () if el is None else (el.find(w("basedOn")), el.find(w("next")))
        for target in (ref.get(VAL) for ref in refs if ref is not None):
            if target in styles and target not in keep:
                keep.add(target)
                todo.append(target)
    for sid, el in styles.items():
        if sid not in keep:
            el.getparent().remove(el)
            continue
        link = el.find(w("link"))
        if link is not None and link.get(VAL) not in keep:
            el.remove(link)
    for ref in list(numbering.iter(w("pStyle"))):
        if ref.get(VAL) not in keep:
            ref.getparent().remove(ref)


def keeping(root: Any) -> frozenset[str]:
    """The ids of the styles whose paragraphs keep with the next (their own ``keepNext`` or
    that of a style they are based on): a reference document's may, as well as ours."""
    styles = {el.get(w("styleId")): el for el in root.findall(w("style"))}

    def keeps(sid: str | None, seen: frozenset[str]) -> bool:
        el = styles.get(sid)
        if el is None or sid is None or sid in seen:
            return False
        found = el.find(f"{w('pPr')}/{w('keepNext')}")
        if found is not None:
            return found.get(VAL) not in ("0", "false", "off")
        based = el.find(w("basedOn"))
        return based is not None and keeps(based.get(VAL), seen | {sid})

    return frozenset(sid for sid in styles if keeps(sid, frozenset()))


def letter_spacing(theme: Style, tracking: float, size: float | None = None) -> int:
    """``tracking`` em between letters, in twips, for text ``size`` times the layout's."""
    return round(tracking * theme.font_size * 20 * (size or 1))


def member_indents(theme: Style, hang: float) -> dict[str, int]:
    """Signatory style -> its hanging indent in twips (``hang`` em of its size, none for
    0): the styles' and their Word numbering's, which must agree."""
    sizes = {"Signatory": 1.0, "Signatory Column": COLUMNS_SIZE} if hang else {}
    return {name: round(hang * size * theme.font_size * 20) for name, size in sizes.items()}


def _name(el: Any) -> str:
    name = el.find(w("name"))
    return "" if name is None else str(name.get(VAL, ""))


def _create(root: Any, d: Def, word_name: str, ids: set[str], made: dict[str, str]) -> Any:
    """A new style element: custom unless Word knows the name as one of its built-ins."""
    base_id = "".join(ch for ch in d.name if ch.isalnum()) or "Style"
    style_id, n = base_id, 1
    while style_id in ids:
        n += 1
        style_id = f"{base_id}{n}"
    ids.add(style_id)
    el = sub(root, w("style"))
    el.set(w("type"), d.kind)
    if d.name not in BUILTIN:
        el.set(w("customStyle"), "1")
    el.set(w("styleId"), style_id)
    sub(el, w("name")).set(VAL, word_name)
    if d.base and d.base in made:
        sub(el, w("basedOn")).set(VAL, made[d.base])
    sub(el, w("qFormat"))
    return el


def _defaults(root: Any, theme: Style, lang: str, bidi_lang: str | None,
              cs_font: str | None) -> None:
    """Document defaults: fonts for every script and the languages for spelling (``w:val``:
    of left-to-right text, ``w:bidi``: of right-to-left text, none in a letter without any:
    the template's ar-SA was a leftover)."""
    defaults = child(root, w("docDefaults"), (w("docDefaults"), w("latentStyles"), w("style")))
    rpr_default = child(defaults, w("rPrDefault"), (w("rPrDefault"), w("pPrDefault")))
    rpr = child(rpr_default, w("rPr"), (w("rPr"),))
    _fonts(rpr, theme.font, cs_font)
    child(rpr, w("sz"), RPR_ORDER, val=_half_points(theme.font_size))
    child(rpr, w("szCs"), RPR_ORDER, val=_half_points(theme.font_size))
    language = child(rpr, w("lang"), RPR_ORDER, val=locale_tag(lang))
    if bidi_lang:
        language.set(w("bidi"), word_lang(bidi_lang))
    else:
        language.attrib.pop(w("bidi"), None)


def _direction(normal: Any, rtl: bool, bidi_lang: str | None) -> None:
    """A right-to-left letter: every paragraph based on Normal runs right to left, its
    text is complex script in the letter's language."""
    if not rtl:
        return
    ppr = child(normal, w("pPr"), STYLE_ORDER)
    child(ppr, w("bidi"), PPR_ORDER)
    rpr = child(normal, w("rPr"), STYLE_ORDER)
    child(rpr, w("rtl"), RPR_ORDER)
    if bidi_lang:
        child(rpr, w("lang"), RPR_ORDER, bidi=word_lang(bidi_lang))


def _fonts(rpr: Any, family: str, cs: str | None = None) -> None:
    """One family for Latin and East Asian scripts, ``cs`` (else the same) for complex
    scripts; theme fonts would override them."""
    fonts = child(rpr, w("rFonts"), RPR_ORDER)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("ascii", "hAnsi", "eastAsia"):
        fonts.set(w(key), family)
    fonts.set(w("cs"), cs or family)


def _theme(el: Any, d: Def, theme: Style, cs_font: str | None) -> None:
    """The layout's values: font family, size and colour."""
    if d.kind == "table":
        return
    if not (d.font or d.size or d.colour):
        return
    rpr = child(el, w("rPr"), STYLE_ORDER)
    if d.font:
        family = {"body": theme.font, "heading": theme.heading_font, "mono": MONO}[d.font]
        _fonts(rpr, family, None if d.font == "mono" else cs_font)
    if d.size:
        size = _half_points(theme.font_size * d.size)
        child(rpr, w("sz"), RPR_ORDER, val=size)
        child(rpr, w("szCs"), RPR_ORDER, val=size)
    if d.colour:
        drop(rpr, w("color"))  # a themeColor attribute would win over w:val
        value = {"text": theme.color, "accent": theme.accent,
                 "muted": _blend(theme.color, 0.2)}[d.colour]
        child(rpr, w("color"), RPR_ORDER, val=value.lstrip("#").upper())


def _shape(el: Any, d: Def, theme: Style, leading: float, rtl: bool = False) -> None:
    """Spacing, keeps, alignment, borders and emphasis: set only on styles we own.

    Every paragraph style has its own line spacing, in points (``leading``: the body's
    line-height): "at least" a distance, unlike a multiple, whatever the font (a partner
    without the layout's fonts gets the PDF's pitch), and unlike "exact" it never cuts
    tall letters (Noto Naskh's own line, 1.7 em, is more than Arabic's 1.53).

    Right to left, a quote's bar is on the right: w:bidi mirrors indents and alignment,
    not borders.
    """
    if d.kind == "table":
        _table(el, theme)
        return
    rpr = child(el, w("rPr"), STYLE_ORDER)
    # no letter spacing (python-docx's Title and Subtitle have some): it pulls Arabic
    # letters apart, and the print CSS has none but the end mark's, left to right
    drop(rpr, w("spacing"))
    if d.tracking and not rtl:
        child(rpr, w("spacing"), RPR_ORDER, val=str(letter_spacing(theme, d.tracking, d.size)))
    complex_italic = d.italic if d.italic != "latin" else False
    for tag, flag in (("b", d.bold), ("bCs", d.bold), ("i", d.italic), ("iCs", complex_italic)):
        drop(rpr, w(tag))
        if flag is not None:
            child(rpr, w(tag), RPR_ORDER, val="1" if flag else "0")
    if d.superscript:
        child(rpr, w("vertAlign"), RPR_ORDER, val="superscript")
    if d.underline:
        child(rpr, w("u"), RPR_ORDER, val="single")
    if d.kind != "paragraph":
        return
    ppr = child(el, w("pPr"), STYLE_ORDER)
    numpr = ppr.find(w("numPr"))
    if numpr is not None and numpr.find(w("numId")) is None:  # Subtitle's: a level, no list
        ppr.remove(numpr)
    em = theme.font_size * 20 * (d.size or 1)  # twips in one em of this style
    spacing = child(ppr, w("spacing"), PPR_ORDER)
    if d.before is not None:
        spacing.set(w("before"), str(round(d.before * em)))
    if d.after is not None:
        spacing.set(w("after"), str(round(d.after * em)))
    spacing.set(w("line"), str(round((d.line or leading) * em)))
    spacing.set(w("lineRule"), "atLeast")
    for flag, tag in ((d.keep_next, "keepNext"), (d.keep_lines, "keepLines"),
                      (d.contextual, "contextualSpacing")):
        if flag:
            child(ppr, w(tag), PPR_ORDER)
    if d.jc:
        child(ppr, w("jc"), PPR_ORDER, val=d.jc)
    if d.indent is not None:
        twips = str(_twips(d.indent))
        child(ppr, w("ind"), PPR_ORDER, left=twips, right="0")
    if d.outline is not None:
        child(ppr, w("outlineLvl"), PPR_ORDER, val=str(d.outline))
    drop(ppr, w("pBdr"))
    if d.border:
        border = child(ppr, w("pBdr"), PPR_ORDER)
        if d.border == "left":  # a quote's accent bar, on the side the text starts
            quote_bar(border, "right" if rtl else "left", theme.accent)
        else:  # a grey hairline (a rule)
            sub(border, w("bottom"), {w("val"): "single", w("sz"): "6", w("space"): "1",
                                      w("color"): "999999"})


def quote_bar(border: Any, side: str, accent: str) -> None:
    """The accent bar of a quotation on ``side`` of a w:pBdr."""
    sub(border, w(side), {w("val"): "single", w("sz"): "16", w("space"): "8",
                          w("color"): accent.lstrip("#").upper()})


def _table(el: Any, theme: Style) -> None:
    """Signatory tables: hairlines between rows, no vertical rules, room in each cell."""
    tblpr = child(el, w("tblPr"), STYLE_ORDER)
    borders = child(tblpr, w("tblBorders"), TBLPR_ORDER)
    for key in list(borders):
        borders.remove(key)
    colour = _blend(theme.color, 0.75).lstrip("#").upper()
    for edge in ("top", "bottom", "insideH"):
        sub(borders, w(edge), {w("val"): "single", w("sz"): "4", w("space"): "0",
                                            w("color"): colour})
    margins = child(tblpr, w("tblCellMar"), TBLPR_ORDER)
    for key in list(margins):
        margins.remove(key)
    side = round(CELL_MARGIN_PT * 20)  # the widths leave room for it (table_widths)
    for edge, value in (("top", 40), ("left", side), ("bottom", 40), ("right", side)):
        sub(margins, w(edge), {w("w"): str(value), w("type"): "dxa"})
    table_indent(tblpr, side)


def _blend(colour: str, amount: float) -> str:
    """``colour`` mixed with white (0 = as is, 1 = white): a muted tone of the text colour."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def _half_points(points: float) -> str:
    return str(round(points * 2))


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)
