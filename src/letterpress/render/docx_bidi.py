"""Direction in WordprocessingML: which runs are right to left, their language and fonts.

Word lays out a paragraph by its runs: a run marked ``w:rtl`` is complex-script text (its
``w:cs`` font, ``w:szCs`` size, ``w:lang w:bidi`` language) and its neutral characters follow
the right-to-left direction. So text is cut into runs the way Word itself writes them when
someone types mixed Arabic and English: strong letters keep their own direction, spaces and
punctuation between two letters of one direction take that direction, others the paragraph's.
A value isolated by the view (FSI ... PDI) is one run in its own direction, so a phone number
in an Arabic letter is a left-to-right run and is never reversed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from letterpress import i18n

ARABIC_FONT = "Noto Naskh Arabic"  # shipped with letterpress; the layouts' fonts are Latin
OPENERS = {"\u2066": False, "\u2067": True, i18n.FSI: None}  # LRI, RLI, FSI
CLOSER = i18n.PDI
_OPENER = re.compile("[\u2066-\u2068]")
_MARKS = re.compile("[\u2066-\u2069]")

Pieces = list[tuple[str, bool]]


@cache
def word_lang(tag: str) -> str:
    """A language tag as Word names proofing languages: with its region ("ar" -> "ar-EG",
    from CLDR's likely subtags); a tag that has a region already is kept (without the
    digits its Unicode extension chooses: the numbers are written out in them)."""
    tag = i18n.locale_tag(tag).replace("_", "-")
    region = i18n.region(tag)
    if not region or region in tag.upper().split("-")[1:]:
        return tag  # none known, or the tag's own
    return f"{i18n.base(tag)}-{region}"


@cache
def _strong(ch: str) -> bool | None:
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return True
    if kind == "L":
        return False
    return None


def pieces(text: str, rtl: bool) -> Pieces:
    """``text`` cut into (piece, right to left) runs, in a paragraph of direction ``rtl``."""
    return split([text], rtl)[0]


def split(texts: list[str], rtl: bool) -> list[Pieces]:
    """Each of ``texts`` (consecutive spans of one paragraph, read as one text, so that an
    isolate may open in one span and close in another) cut into direction pieces."""
    joined = "".join(texts)
    if not rtl and not i18n.has_rtl(joined):
        return [[(text, False)] for text in texts]
    if len(texts) == 1 and (way := _one_way(joined)) is not None:
        return [[_marked(joined, way, rtl)]]
    return _split(texts, joined, rtl)


def _one_way(text: str) -> bool | None:
    """The direction of a text that is one first-strong isolate (as the view writes a
    member's name) whose letters all run one way, else None: most names in a long list,
    which need none of ``_resolve``'s work."""
    if len(text) < 2 or text[0] != i18n.FSI or text[-1] != CLOSER or \
            _MARKS.search(text, 1, len(text) - 1):
        return None
    ways = set(map(_strong, text[1:-1]))
    ways.discard(None)
    if len(ways) > 1:
        return None
    return ways.pop() if ways else False


def _split(texts: list[str], joined: str, rtl: bool) -> list[Pieces]:
    directions = _with_brackets_inside(joined, _resolve(joined, rtl))
    out: list[Pieces] = []
    at = 0
    for text in texts:
        found: Pieces = []
        if text:
            ways = directions[at:at + len(text)]
            start = 0
            for i in range(1, len(ways)):
                if ways[i] != ways[i - 1]:
                    found.append(_marked(text[start:i], ways[i - 1], rtl))
                    start = i
            found.append(_marked(text[start:], ways[-1], rtl))
        out.append(found or [(text, rtl)])
        at += len(text)
    return out


_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "»": "«", "“": "”", "‘": "’", "‹": "›"}


def _with_brackets_inside(text: str, directions: list[bool]) -> list[bool]:
    """Brackets and quotation marks around a text wholly in the other direction take its
    direction: "(OHCHR)" in Arabic is one left-to-right run, drawn the same, where a run
    "(" ending the Arabic one let LibreOffice end a line after the bracket."""
    opened: list[int] = []
    for i, ch in enumerate(text):
        if opened and ch == _PAIRS[text[opened[-1]]]:
            start = opened.pop()
            inner = {directions[j] for j in range(start + 1, i) if _strong(text[j]) is not None}
            if len(inner) == 1 and directions[start] == directions[i] not in inner:
                directions[start] = directions[i] = inner.pop()
        elif ch in _PAIRS and not (ch == "»" and opened):
            opened.append(i)
    return directions


_CLOSING = frozenset({"CS", "ON", "ES", "ET"})  # bidi classes of "." "!" "-" "%"
_SHUT = frozenset(_PAIRS.values())


def _marked(piece: str, way: bool, rtl: bool) -> tuple[str, bool]:
    """A piece against the paragraph that opens with a bracket, behind its direction's mark:
    LibreOffice files a bracket with the script before it, the other piece's, and ended a
    line after "(" ("... الإنسان (" / "OHCHR)"); a mark is a letter of this piece's. One
    that ends in punctuation (an isolated English sentence in Arabic) has the mark after
    it, or its full stop stood at the other end (".Guarantee safe passage"); not a closing
    bracket, which the bidi algorithm gives its opening one's direction ("(IDA)")."""
    if way == rtl:
        return piece, way
    mark, text = "\u200f" if way else "\u200e", _MARKS.sub("", piece)  # (isolates: gone)
    if text[:1] in _PAIRS:
        piece = mark + piece
    if unicodedata.bidirectional(text[-1:] or " ") in _CLOSING and text[-1] not in _SHUT:
        piece += mark
    return piece, way


def _close(text: str, start: int) -> int:
    """The index of the PDI closing the isolate opened at ``start`` (or the text's end)."""
    depth = 0
    for mark in _MARKS.finditer(text, start):
        if mark.group() == CLOSER:
            depth -= 1
            if depth == 0:
                return mark.start()
        else:
            depth += 1
    return len(text)


def _resolve(text: str, base: bool) -> list[bool]:
    """The direction of every character: strong ones their own, isolates theirs, neutral
    ones that of the letters around them when both agree, else the paragraph's."""
    out: list[bool | None] = []
    strong: list[bool | None] = []  # what the outside sees (isolates: none)
    at = 0
    while True:
        found = _OPENER.search(text, at)
        stop = found.start() if found else len(text)
        letters = list(map(_strong, text[at:stop]))
        out += letters
        strong += letters
        if found is None:
            break
        end = _close(text, stop)
        inner = text[stop + 1:end]
        direction = OPENERS[found.group()]
        if direction is None:
            direction = next((s for s in map(_strong, inner) if s is not None), False)
        isolate = [direction, *_resolve(inner, direction)] + ([direction] if end < len(text)
                                                                 else [])
        out += isolate
        strong += [None] * len(isolate)
        at = end + 1
    if (not base) not in strong:  # nothing runs against the paragraph: neutrals follow it
        return [base if d is None else d for d in out]
    before: bool | None = None
    previous: list[bool | None] = []
    for s in strong:
        previous.append(before)
        if s is not None:
            before = s
    after: bool | None = None
    for j in range(len(text) - 1, -1, -1):
        if out[j] is None:
            out[j] = previous[j] if previous[j] is not None and previous[j] == after else base
        if strong[j] is not None:
            after = strong[j]
    return [bool(d) for d in out]
