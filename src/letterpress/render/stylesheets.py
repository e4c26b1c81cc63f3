"""A layout's CSS parsed once per process, not once per letter (WeasyPrint 70).

Every letter carries its layout's CSS in a ``<style>``, and WeasyPrint parses it (tinycss2),
compiles each rule's selectors (cssselect2, through ``eval``) and validates its
declarations for every document: a tenth of a seed letter's render, the same work again for
each letter of a batch. Here the parsed rules are kept per CSS text, and each qualified
rule's selectors and declarations per base URL. What a stylesheet adds to one document
(selectors to its matcher, page rules, font faces, counter styles) is still added to each
document by WeasyPrint's own code. The PDFs are the same bytes (tested).
"""

from __future__ import annotations

import functools
import types
from typing import Any

from letterpress.render import columns

CHECKED = ("70.",)  # WeasyPrint versions whose CSS class and preprocessing this was verified
_LIMIT = 20_000  # results remembered before starting afresh (a long watch, edited CSS,
# letters in many folders: each folder is a base URL of its own)

_state: dict[str, Any] = {"reused": 0}
_kept_preludes: dict[int, Any] = {}  # the remembered parses' rule preludes, kept alive
_results: dict[tuple[int, str], list[Any]] = {}  # (id of a kept prelude, base URL) -> results


def install(weasyprint: Any) -> None:
    """Give WeasyPrint's ``CSS`` a remembering tinycss2 and its stylesheet preprocessing a
    remembering ``preprocess_declarations`` (once; other versions are left alone)."""
    if "original" in _state or not weasyprint.__version__.startswith(CHECKED):
        return
    import tinycss2
    from weasyprint import css

    @functools.lru_cache(maxsize=32)
    def parse(text: str, *args: Any, **kwargs: Any) -> Any:
        rules = tinycss2.parse_stylesheet(text, *args, **kwargs)
        for rule in rules:  # only these preludes live on; rules inside @media are new each time
            if rule.type == "qualified-rule":
                _kept_preludes[id(rule.prelude)] = rule.prelude
        return rules

    def parse_stylesheet(text: str, *args: Any, **kwargs: Any) -> Any:
        if columns.plain():
            return tinycss2.parse_stylesheet(text, *args, **kwargs)
        return parse(text, *args, **kwargs)

    original = css.preprocess_declarations

    def preprocess_declarations(base_url: str, declarations: Any, prelude: Any = None) -> Any:
        if len(_results) >= _LIMIT:  # start afresh, parses included (their preludes go)
            _results.clear()
            _kept_preludes.clear()
            parse.cache_clear()
        if prelude is None or columns.plain() or _kept_preludes.get(id(prelude)) is not prelude:
            return original(base_url, declarations, prelude)
        key = (id(prelude), base_url)
        found = _results.get(key)
        if found is None:
            found = _results[key] = list(original(base_url, declarations, prelude))
        else:
            _state["reused"] += 1
        return found

    _state["original"] = original
    weasyprint.tinycss2 = types.SimpleNamespace(**{**vars(tinycss2),
                                                  "parse_stylesheet": parse_stylesheet})
    css.preprocess_declarations = preprocess_declarations
