"""``word-break: break-all`` as CSS says it: a line may break between any two characters
(WeasyPrint 70).

WeasyPrint breaks such text between characters only when nothing else fits it: where the
text has a break of its own that fits (after a "/" in a web address), it breaks there and
leaves the rest of the line empty, and a justified line spread that room over its few
spaces (gaps that text extraction read as columns). Its Pango layouts of such text wrap at
characters here, so the text fills the line. The print CSS gives it to long tokens only
(tokens.py).
"""

from __future__ import annotations

from typing import Any

CHECKED = ("70.",)  # WeasyPrint versions whose text/line_break.py this was verified against

_state: dict[str, Any] = {}


def install(weasyprint: Any) -> None:
    """Wrap WeasyPrint's ``Layout.setup`` (once; other versions are left alone). Installed
    after pango_contexts, which replaces it."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    from weasyprint.text import line_break
    from weasyprint.text.ffi import pango

    original = _state["original"] = line_break.Layout.setup

    def setup(self: Any, style: Any) -> None:
        original(self, style)
        if style["word_break"] == "break-all":
            pango.pango_layout_set_wrap(self.layout, pango.PANGO_WRAP_CHAR)

    line_break.Layout.setup = setup
