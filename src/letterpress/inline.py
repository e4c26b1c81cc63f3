"""Markdown (CommonMark + strikethrough + footnotes) -> page blocks and spans, parsed once.

Raw HTML is off, so ``<b>`` prints as typed; typographer is off, so the quotes and dashes the
user typed are kept as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from letterpress import page as p
from letterpress.bare_links import bare_link

# what Markdown may change in a text: its characters, a bare web address (bare_links), a
# space other than one between words
_MARKUP = re.compile(r"[\\`*_\[\]!<>&~]|://|[^\S ]|  |^ | $")


@cache
def _parser(every_reference: bool = False) -> MarkdownIt:
    """The letter's Markdown; ``every_reference``: a ``[^x]`` is a footnote reference
    wherever it would be one if its label were defined (see ``references``)."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("strikethrough").use(footnote_plugin, always_match_refs=every_reference)
    md.inline.ruler.after("text", "bare_link", bare_link)
    md.disable("footnote_tail")  # definitions are gathered by the view, numbered letter-wide
    md.disable("footnote_inline")
    return md


def references(text: str) -> list[str]:
    """The footnote labels ``text`` refers to, as written, defined or not: each ``[^x]``
    Markdown makes a reference, so not one in code, in a link's address or an autolink, nor
    a definition's own label (a regex took ``[text](https://e.org/a[^1]b)`` for one)."""
    if "[^" not in text:
        return []
    found: list[str] = []
    stack = list(reversed(_parser(every_reference=True).parse(text, {})))
    while stack:  # in document order, into inline tokens' children
        token = stack.pop()
        if token.type == "footnote_ref":
            found.append(token.meta["label"])
        stack.extend(reversed(token.children or ()))
    return found


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def link_target(address: str) -> str | None:
    """Where a web address field (``url``) points: as written with a scheme Markdown links
    may have (https, mailto...), https:// before a bare domain ("www.example.org"); none for
    javascript:, vbscript:, file: or data: (from a web form, say), which prints as text."""
    address = address.strip()
    if not _SCHEME.match(address):
        return f"https://{address}" if "." in address and " " not in address else None
    return address if _parser().validateLink(address) else None


class Markdown:
    """Parses the letter's text; footnote references are numbered by ``number_note``."""

    def __init__(self, labels: dict[str, str], number_note: Callable[[str], int],
                 figures: Callable[[str], str] = str) -> None:
        """``labels``: every defined footnote label by its case-folded form (``notes``);
        ``figures``: a number as the language writes it (a reference's text)."""
        self._md = _parser()
        self._labels = labels
        self._number = number_note
        self._figures = figures
        self.definitions: dict[str, tuple[p.Block, ...]] = {}

    def _env(self, text: str) -> dict[str, Any]:
        """The plugin takes a reference only if its label is defined, as written: a
        reference written in another case than its definition is added as written."""
        refs = {f":{label}": -1 for label in self._labels.values()}
        if "[^" in text:
            refs.update((f":{label}", -1) for label in references(text)
                        if label.casefold() in self._labels)
        return {"footnotes": {"refs": refs}}

    def blocks(self, text: str, role: str = "body") -> tuple[p.Block, ...]:
        tokens = self._md.parse(text, self._env(text))
        blocks, _ = self._blocks(tokens, 0, None, role, 0)
        return tuple(blocks)

    def inline(self, text: str) -> p.Inline:
        """Inline Markdown only (titles, names): no paragraphs, lists or headings."""
        if not _MARKUP.search(text):  # most names: nothing Markdown would change (5x faster)
            return (p.Span(text),) if text else ()
        tokens = self._md.parseInline(text, self._env(text))
        return self._spans(tokens[0].children or []) if tokens else ()

    # -- blocks ---------------------------------------------------------------------------

    def _blocks(self, tokens: Sequence[Token], i: int, close: str | None, role: str,
                depth: int) -> tuple[list[p.Block], int]:
        out: list[p.Block] = []
        while i < len(tokens):
            tok = tokens[i]
            if close is not None and tok.type == close:
                return out, i + 1
            if tok.type == "paragraph_open":
                out.append(p.Paragraph(self._spans(tokens[i + 1].children or []), role))
                i += 3
            elif tok.type == "heading_open":
                level = min(int(tok.tag[1]), 3)
                out.append(p.Heading(self._spans(tokens[i + 1].children or []), level))
                i += 3
            elif tok.type == "blockquote_open":
                inner, i = self._blocks(tokens, i + 1, "blockquote_close", role, depth)
                out.append(p.Quote(tuple(inner)))
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                lst, i = self._list(tokens, i, role, depth)
                out.append(lst)
            elif tok.type in ("fence", "code_block"):
                out.append(p.Code(tok.content.rstrip("\n")))
                i += 1
            elif tok.type == "hr":
                out.append(p.Rule())
                i += 1
            elif tok.type == "footnote_reference_open":
                label = str(tok.meta.get("label", ""))
                inner, i = self._blocks(tokens, i + 1, "footnote_reference_close", "note", 0)
                self.definitions.setdefault(label, tuple(inner))
            else:
                i += 1
        return out, i

    def _list(self, tokens: Sequence[Token], i: int, role: str,
              depth: int) -> tuple[p.ListBlock, int]:
        ordered = tokens[i].type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(tokens[i].attrs.get("start", 1) or 1) if ordered else 1
        delim = tokens[i].markup if ordered else ""
        style = p.NumberStyle("decimal", suffix=delim or ".") if ordered else p.NumberStyle(
            "bullet", suffix="", bullet="•" if depth % 2 == 0 else "◦")
        items: list[p.Item] = []
        i += 1
        while tokens[i].type != close:
            inner, i = self._blocks(tokens, i + 1, "list_item_close", role, depth + 1)
            sub = next((b for b in inner if isinstance(b, p.ListBlock)), None)
            rest = tuple(b for b in inner if b is not sub)
            marker = f"{start + len(items)}{style.suffix}" if ordered else style.bullet
            items.append(p.Item(marker, rest, sub))
        return p.ListBlock(tuple(items), style, start, depth=depth), i + 1

    # -- inline -----------------------------------------------------------------------------

    def _spans(self, tokens: Sequence[Token]) -> p.Inline:
        out: list[p.Span] = []
        bold = italic = strike = 0
        href: str | None = None
        for tok in tokens:
            kind = tok.type
            if kind in {"text", "html_inline"}:
                out.append(p.Span(tok.content, bold > 0, italic > 0, strike > 0, href=href))
            elif kind == "code_inline":
                out.append(p.Span(tok.content, bold > 0, italic > 0, strike > 0, True, href))
            elif kind == "softbreak":
                out.append(p.Span(" ", bold > 0, italic > 0, strike > 0, href=href))
            elif kind == "hardbreak":
                out.append(p.Span("", br=True))
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike -= 1
            elif kind == "link_open":
                href = str(tok.attrs.get("href", "")) or None
            elif kind == "link_close":
                href = None
            elif kind == "image":
                out.append(p.Span(tok.content or str(tok.attrs.get("alt", "")), href=href))
            elif kind == "footnote_ref":
                label = str(tok.meta.get("label", ""))
                number = self._number(self._labels.get(label.casefold(), label))
                out.append(p.Span(self._figures(str(number)), note=number))
        return tuple(_merge(out))


def _merge(spans: list[p.Span]) -> list[p.Span]:
    """Join neighbouring runs with the same formatting (fewer runs in DOCX and HTML)."""
    out: list[p.Span] = []
    for span in spans:
        if not span.text and not span.br:
            continue
        last = out[-1] if out else None
        if (last is not None and not span.br and not last.br and span.note is None
                and last.note is None and (last.bold, last.italic, last.strike, last.code,
                                           last.href) == (span.bold, span.italic, span.strike,
                                                          span.code, span.href)):
            out[-1] = p.Span(last.text + span.text, last.bold, last.italic, last.strike,
                             last.code, last.href)
        else:
            out.append(span)
    return out
