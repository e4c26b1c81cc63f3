"""Pango contexts and font descriptions made once per render, not once per text box
(WeasyPrint 70).

WeasyPrint gives every Pango layout a new Pango context (font map, base direction,
language) and a new font description (family, style, weight, size...), and it makes a
layout each time it looks for a line break and again to draw each line: 49,500 of each at
10,000 signatories, 0.7 s of the render. A context is only read by the layouts made from it,
and Pango copies the font description into each layout, so one of each per distinct set of
values serves the whole render. The PDF is the same bytes (tested).
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Iterator
from typing import Any

from letterpress.render import columns

CHECKED = ("70.",)  # WeasyPrint versions whose text/line_break.py this was verified against

_state: dict[str, Any] = {"contexts": None, "fonts": None, "reused": 0}


_wp = types.SimpleNamespace()  # what is used of WeasyPrint, once installed


def install(weasyprint: Any) -> None:
    """Replace WeasyPrint's ``Layout.setup`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.text import constants, fonts, line_break
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p

    _wp.line_break, _wp.constants, _wp.fonts = line_break, constants, fonts
    _wp.from_units, _wp.ffi, _wp.gobject, _wp.pango = FROM_UNITS, ffi, gobject, pango
    _wp.char_p = unicode_to_char_p
    _state["original"] = line_break.Layout.setup
    line_break.Layout.setup = setup


def setup(self: Any, style: Any) -> None:
    """WeasyPrint's ``Layout.setup``, with the context and font description shared."""
    if _state["contexts"] is None or columns.plain():
        _state["original"](self, style)
        return
    ffi, pango = _wp.ffi, _wp.pango
    self.style = style
    self.first_line_direction = 0
    pango_context, self.language = _context(style)
    assert not isinstance(style["font_family"], str), "font_family should be a list"
    font_description = _font(style)
    self.layout = ffi.gc(pango.pango_layout_new(pango_context), _wp.gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(self.layout, False)
    pango.pango_layout_set_font_description(self.layout, font_description)
    if style["text_decoration_line"] != "none":
        metrics = ffi.gc(pango.pango_context_get_metrics(
            pango_context, font_description, self.language), pango.pango_font_metrics_unref)
        units = _wp.from_units
        self.ascent = units * pango.pango_font_metrics_get_ascent(metrics)
        self.underline_position = units * (
            pango.pango_font_metrics_get_underline_position(metrics))
        self.strikethrough_position = units * (
            pango.pango_font_metrics_get_strikethrough_position(metrics))
        self.underline_thickness = units * (
            pango.pango_font_metrics_get_underline_thickness(metrics))
        self.strikethrough_thickness = units * (
            pango.pango_font_metrics_get_strikethrough_thickness(metrics))
    else:
        self.ascent = None
        self.underline_position = None
        self.strikethrough_position = None
    features = _wp.fonts.font_features(
        style["font_kerning"], style["font_variant_ligatures"], style["font_variant_position"],
        style["font_variant_caps"], style["font_variant_numeric"],
        style["font_variant_alternates"], style["font_variant_east_asian"],
        style["font_feature_settings"])
    if features:
        encoded = ",".join(f"{key} {value}" for key, value in features.items()).encode()
        attr = style.font_config.font_features.setdefault(
            encoded, pango.pango_attr_font_features_new(encoded))
        attr_list = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)


def _context(style: Any) -> tuple[Any, Any]:
    """A Pango context set up as WeasyPrint sets one up, and its language."""
    if style["font_language_override"] != "normal":
        override = style["font_language_override"]
        lang = _wp.constants.LST_TO_ISO.get(override.lower(), override)
    else:
        lang = style["lang"] or None
    font_map = style.font_config.font_map
    key = (font_map, style["direction"], lang)
    found = _state["contexts"].get(key)
    if found is not None:
        _state["reused"] += 1
        return found  # type: ignore[no-any-return]
    pango = _wp.pango
    context = _wp.ffi.gc(pango.pango_font_map_create_context(font_map),
                         _wp.gobject.g_object_unref)
    pango.pango_context_set_round_glyph_positions(context, False)
    pango.pango_context_set_base_dir(context, _wp.constants.PANGO_DIRECTION[style["direction"]])
    if lang:
        language = pango.pango_language_from_string(_wp.char_p(lang)[0])
        pango.pango_context_set_language(context, language)
    else:
        language = pango.pango_language_get_default()
    found = _state["contexts"][key] = (context, language)
    return found


def _font(style: Any) -> Any:
    """The font description WeasyPrint would make for ``style``."""
    variations = style["font_variation_settings"]
    key = (tuple(style["font_family"]), style["font_style"], style["font_stretch"],
           style["font_weight"], style["font_size"], style["font_variant_caps"],
           variations if variations == "normal" else tuple(variations))
    found = _state["fonts"].get(key)
    if found is None:
        found = _state["fonts"][key] = _wp.fonts.get_font_description(style)
    return found


@contextlib.contextmanager
def remembered() -> Iterator[None]:
    """Share contexts and font descriptions for the length of one render."""
    _state["contexts"], _state["fonts"] = {}, {}
    try:
        yield
    finally:
        _state["contexts"] = _state["fonts"] = None
