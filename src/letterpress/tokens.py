"""Tokens: words no dictionary has (web and e-mail addresses, file names, codes, access keys).

Hyphenation patterns split them anyway ("…IjoxN‐TE2…": copied, the token holds a hyphen it
never had); and, unbreakable, a long one went whole to the next line and left the line
before it justified with gaps that text extraction (pdftotext, copy) read as columns, one
word per line. The view marks them in the body (``Span.token``): the print CSS never
hyphenates a token and breaks a long one anywhere, filling its line; the DOCX, which cannot
say where one may break, sets any paragraph holding a long one ragged (``holds_long``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from letterpress import i18n
from letterpress import page as p

# What no dictionary word holds. An address: "://", "@", a sign such as _ / = & % #, a dot
# before a letter or digit (example.org, EN.pdf): the whole word is the token. A code: a
# letter beside a digit (eyJhb…I1Ni), a capital after a small letter (PhotoDNA): only the
# part between hyphens that has one ("CO2" of "CO2-Bepreisungsmechanismus", whose other
# part the dictionary still hyphenates).
_ADDRESS = re.compile(r"://|[@_/\\=&%#~|]|\.(?=\w)")
_CODE = re.compile(r"[^\W\d_]\d|\d[^\W\d_]|[a-z][A-Z]")
_WORD = re.compile(r"\S+")
_PART = re.compile(r"[^\s\-\u2010]+")

# A token this long or longer breaks anywhere: pushed whole to the next line, it would
# leave that many characters' room to the spaces of the line before it (1 em or more each
# in a line of 8 spaces).
LONG = 20


def marked(blocks: tuple[p.Block, ...], direction: str) -> tuple[p.Block, ...]:
    """Body blocks with the tokens of their paragraphs marked, where text runs left to right
    (``direction``, or a part's own): WeasyPrint 70 lays the inline elements of a
    right-to-left line out in reverse order, and a token marked in an English name of an
    Arabic list ("7amleh – The Arab Center...") moved to the line's far end."""
    return tuple(_block(block, direction) for block in blocks)


def _block(block: p.Block, direction: str) -> p.Block:
    if isinstance(block, p.Directed):
        return replace(block, blocks=marked(block.blocks, block.dir))
    if direction != "ltr":
        return block
    if isinstance(block, p.Paragraph):
        return replace(block, spans=_spans(block.spans))
    if isinstance(block, p.Quote):
        return replace(block, blocks=marked(block.blocks, direction))
    if isinstance(block, p.ListBlock):
        return _list(block)
    return block


def _list(block: p.ListBlock) -> p.ListBlock:
    return replace(block, items=tuple(
        replace(item, blocks=marked(item.blocks, "ltr"),
                sublist=_list(item.sublist) if item.sublist else None)
        for item in block.items))


def _spans(spans: p.Inline) -> p.Inline:
    """Each token a span of its own; text holding right-to-left letters is left whole (its
    runs, split into elements, would be laid out in the wrong order as above), and a link's
    or code's short tokens too (never hyphenated already: one link stays one)."""
    out: list[p.Span] = []
    for span in spans:
        if span.note is not None or span.br or i18n.has_rtl(span.text):  # (a line break: kept)
            out.append(span)
            continue
        shortest = LONG if span.href or span.code else 1
        last = 0
        for start, end in _tokens(span.text):
            if end - start < shortest:
                continue
            if start > last:
                out.append(replace(span, text=span.text[last:start]))
            out.append(replace(span, text=span.text[start:end],
                               token="long" if end - start >= LONG else "short"))
            last = end
        if last < len(span.text):
            out.append(replace(span, text=span.text[last:]))
    return tuple(out)


def holds_long(spans: p.Inline) -> bool:
    """Whether text holds a token of ``LONG`` characters or more, in any direction, marked
    or not: the DOCX sets such a paragraph ragged wherever it would justify it (the intros
    and postscript, unmarked, kept gaps of several words before an address)."""
    return any(end - start >= LONG for span in spans for start, end in _tokens(span.text))


def _tokens(text: str) -> Iterator[tuple[int, int]]:
    """Where the tokens of ``text`` start and end."""
    if not _ADDRESS.search(text) and not _CODE.search(text):
        return
    for word in _WORD.finditer(text):
        if _ADDRESS.search(word.group()):
            yield word.span()
        elif _CODE.search(word.group()):
            yield from ((word.start() + part.start(), word.start() + part.end())
                        for part in _PART.finditer(word.group()) if _CODE.search(part.group()))
