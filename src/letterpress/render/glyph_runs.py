"""A line of text written to the PDF with its glyphs read in one go (WeasyPrint 70).

To draw a line, WeasyPrint walks its glyphs in Python, reading each glyph's id, width and
offsets as separate C struct fields through cffi: about 2 us a glyph, half of all drawing
and a tenth of a 10,000-signatory render (25,000 lines, 570,000 glyphs). Here a run's glyph
array is read as one block of integers and the same operators are written from them, in the
same order with the same numbers: the PDF is the same bytes (tested).

Only plain lines take this path: glyphs of outline fonts, set on the baseline. A line with
an ellipsis, a glyph raised or lowered (Arabic vowel marks), a glyph missing from its font,
or a bitmap or colour font (emoji) is drawn by WeasyPrint's own code.
"""

from __future__ import annotations

import types
from typing import Any

from letterpress.render import columns, rtl_text

CHECKED = ("70.",)  # WeasyPrint versions whose draw/text.py this was verified against
_INFO_SIZE = 20  # a PangoGlyphInfo: glyph, width, x offset, y offset, attributes (32 bits each)

_state: dict[str, Any] = {"drawn": 0, "theirs": 0}  # lines drawn here, lines passed on
_wp = types.SimpleNamespace()  # what is used of WeasyPrint, once installed


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``draw_first_line`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.draw import text
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    if ffi.sizeof("PangoGlyphInfo") != _INFO_SIZE:
        return
    _wp.ffi, _wp.pango, _wp.from_units = ffi, pango, FROM_UNITS
    _wp.fixed_size = pango.pango_version() < 14802  # WeasyPrint's workaround for Pango 530
    _wp.empty, _wp.unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    _state["original"] = text.draw_first_line
    text.draw_first_line = draw_first_line


def draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str,
                    matrix: Any) -> Any:
    """WeasyPrint's ``draw_first_line``, for a plain line: the same operators."""
    found = None
    if (not columns.plain() and text_overflow != "ellipsis" and block_ellipsis == "none"
            and textbox.text.strip() and textbox.style["font_size"] >= 1e-6):
        layout = textbox.pango_layout
        _wp.pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        found = _runs(stream, textbox, layout.get_first_line()[0])
        if found is None:  # (the text of its glyphs named here, as a plain line's are)
            _name_glyphs(stream, textbox, layout.get_first_line()[0])
    if found is None:
        _state["theirs"] += not columns.plain()
        return _state["original"](stream, textbox, text_overflow, block_ellipsis, matrix)
    _state["drawn"] += 1
    stream.set_text_matrix(*matrix.values)
    previous = None
    out: list[str] = []  # the text operator's pieces: WeasyPrint's ``string``
    for pango_font, font, size, glyph_item, fields in found:
        if pango_font != previous:
            previous = pango_font
            if shown := "".join(out):
                stream.show_text(shown)
            out = []
            stream.set_font_size(font.hash, size)
        out.append("<")
        known = font.__dict__.setdefault("_letterpress_pieces", {}).setdefault(size, {})
        keys = list(zip(fields[::5], fields[1::5], fields[2::5], strict=True))
        pieces = [known.get(key) for key in keys]
        for i, key in enumerate(keys):
            if pieces[i] is None:  # in order: a glyph's first sight names its text
                pieces[i] = known.get(key) or _piece(stream, textbox, pango_font, font, size,
                                                     glyph_item, i)
                known[key] = pieces[i]
        out += pieces
        last = out[-1]
        if last[-1] == "<":  # close the run's glyph list, dropping it if empty
            out[-1] = last[:-1]
        else:
            out.append(">")
    stream.show_text("".join(out))
    return []


def _runs(stream: Any, textbox: Any, first_line: Any) -> list[tuple[Any, ...]] | None:
    """(Pango font, font, size, glyph item, its glyphs' fields) per run, or None for a line
    that needs WeasyPrint's own code."""
    ffi = _wp.ffi
    found = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyphs = glyph_item.glyphs
        fields = memoryview(ffi.buffer(glyphs.glyphs, glyphs.num_glyphs * _INFO_SIZE)).cast("i")
        if any(fields[3::5]) or any(g & _wp.unknown and g != _wp.empty for g in fields[::5]):
            return None  # raised or lowered, or missing from the font
        pango_font = glyph_item.item.analysis.font
        font, size = stream.add_font(pango_font)
        if font.bitmap or font.png or font.svg or font.colr:
            return None
        if _wp.fixed_size:
            size = textbox.style["font_size"]
        found.append((pango_font, font, size, glyph_item, fields.tolist()))
    return found


def _name_glyphs(stream: Any, textbox: Any, first_line: Any) -> None:
    """Each glyph's text (``_characters``) for a line WeasyPrint's own code draws: it names
    a glyph only if it has no name yet, and would split an Arabic letter from its marks."""
    run = first_line.runs[0]
    while run != _wp.ffi.NULL:
        glyph_item, run = run.data, run.next
        font = stream.add_font(glyph_item.item.analysis.font)[0]
        glyphs = glyph_item.glyphs
        for index in range(glyphs.num_glyphs):
            glyph = glyphs.glyphs[index].glyph
            if glyph not in font.to_unicode and glyph != _wp.empty and not glyph & _wp.unknown:
                font.to_unicode[glyph] = _characters(textbox, glyph_item, index)


def _piece(stream: Any, textbox: Any, pango_font: Any, font: Any, size: float,
           glyph_item: Any, index: int) -> str:
    """What WeasyPrint writes for one glyph: its id, with the offset and kerning that set it
    where Pango placed it (the same for every glyph with the same id, width and offset)."""
    info = glyph_item.glyphs.glyphs[index]
    glyph, width = info.glyph, info.geometry.width
    if glyph == _wp.empty:
        return f">{-width / size}<"
    if glyph not in font.to_unicode:
        font.to_unicode[glyph] = _characters(textbox, glyph_item, index)
    piece = ""
    offset = info.geometry.x_offset / size
    if offset:
        piece += f">{-offset}<"
    piece += f"{glyph:04x}"
    logical_width = font.widths.get(glyph)
    if logical_width is None:
        _wp.pango.pango_font_get_glyph_extents(
            pango_font, glyph, stream.ink_rect, stream.logical_rect)
        logical_width = font.widths[glyph] = round(
            stream.logical_rect.width * 1000 * _wp.from_units / size)
    kerning = logical_width + offset - width * 1000 * _wp.from_units / size
    if kerning:
        piece += f">{int(kerning)}<"
    return piece


def _characters(textbox: Any, glyph_item: Any, index: int) -> str:
    """The text a glyph stands for, for copying text out of the PDF: its cluster's, on the
    cluster's first glyph with an advance (a letter, not the vowel marks drawn over it).

    WeasyPrint gives each glyph the text up to the next glyph's cluster, so of an Arabic
    letter and its mark, one cluster ("أُ"), the mark took the letter and the letter nothing:
    "أُقرّت" copied out as "قرت", and the mark's glyph then brought an alef wherever it was
    drawn. The letter takes its cluster's text without the marks (``rtl_text``)."""
    item = glyph_item.item
    glyphs = glyph_item.glyphs
    clusters, count = glyphs.log_clusters, glyphs.num_glyphs
    start = clusters[index]
    step = -1 if item.analysis.level % 2 else 1  # towards the next cluster (right to left)
    first = last = index
    while 0 <= first - step < count and clusters[first - step] == start:
        first -= step
    while 0 <= last + step < count and clusters[last + step] == start:
        last += step
    end = clusters[last + step] if 0 <= last + step < count else item.length
    text = str(textbox.pango_layout.text.encode()[item.offset + start:
                                                   item.offset + end].decode())
    if first == last:
        return text
    same = range(first, last + step, step)
    carrier = next((k for k in same if glyphs.glyphs[k].geometry.width), first)
    return (rtl_text.MARKS.sub("", text) or text) if index == carrier else ""
