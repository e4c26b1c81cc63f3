"""Pseudo-element styles worked out when a box asks for one (WeasyPrint 70).

WeasyPrint's default stylesheet gives every element six pseudo-elements with declarations
(``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``, ``::note-marker``,
``::note-callback``), and the cascade builds a computed style for each of them at once: at
10,000 signatories 63,295 styles that are never asked for (the boxes only ask for the
markers of list items and what the document's CSS gives content): 26 MB of the render's
peak memory (220 -> 194 MB; a 50,000-signatory build 1132 -> 1018 MB), and 0.3-0.4 s of
time in a profile that the benchmark's noise hides. Here those styles are kept as their
cascaded declarations and computed, exactly as WeasyPrint would, the first time the box
builder asks. Ones that name an anchor (which the cascade registers for cross-references)
are computed at once. The PDF is the same bytes (tested).
"""

from __future__ import annotations

from typing import Any

from letterpress.render import columns

CHECKED = ("70.",)  # WeasyPrint versions whose css/__init__.py this was verified against

_state: dict[str, Any] = {"deferred": 0}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``StyleFor`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.css import StyleFor

    original_init = StyleFor.__init__
    original_set = StyleFor.set_computed_styles

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        if columns.plain():
            original_init(self, *args, **kwargs)
            return
        self._letterpress_pending = {}
        try:
            original_init(self, *args, **kwargs)
        finally:
            pending = self.__dict__.pop("_letterpress_pending")
        if pending:
            self._computed_styles = _Styles(self._computed_styles, self, pending, original_set)

    def set_computed_styles(self: Any, element: Any, parent: Any, root: Any = None,
                            pseudo_type: str | None = None, base_url: Any = None,
                            target_collector: Any = None) -> None:
        pending = self.__dict__.get("_letterpress_pending")
        if pending is not None and pseudo_type and parent is element:
            cascaded = self._cascaded_styles.get((element, pseudo_type), {})
            if "anchor" not in cascaded:
                pending[element, pseudo_type] = (cascaded, root, base_url, target_collector)
                _state["deferred"] += 1
                return
        original_set(self, element, parent, root, pseudo_type, base_url, target_collector)

    _state["original"] = (original_init, original_set)
    StyleFor.__init__ = init
    StyleFor.set_computed_styles = set_computed_styles


class _Styles(dict[Any, Any]):
    """WeasyPrint's computed styles, with the deferred pseudo-element ones worked out on
    first use through WeasyPrint's own ``set_computed_styles``."""

    def __init__(self, computed: dict[Any, Any], style_for: Any,
                 pending: dict[Any, Any], compute: Any) -> None:
        super().__init__(computed)
        self._style_for = style_for
        self._pending = pending
        self._compute = compute

    def _settle(self, key: Any) -> None:
        cascaded, root, base_url, target_collector = self._pending.pop(key)
        element, pseudo_type = key
        cascades = self._style_for._cascaded_styles
        cascades[key] = cascaded
        try:
            self._compute(self._style_for, element, element, root, pseudo_type, base_url,
                          target_collector)
        finally:
            del cascades[key]

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self._pending:
            self._settle(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        if key in self._pending:
            self._settle(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        return key in self._pending or super().__contains__(key)
