"""True Word list numbering for demands, lists and signatory lists, matching the markers the
view printed, so that an item or a name added in Word renumbers what follows.

Each list that restarts gets its own abstract numbering (its own counter: two w:num pointing
at one w:abstractNum would share a counter and run on), and a list that carries on another
reuses that list's w:num, so Word numbers on just as the view did. Several languages in one
document (sequential or side by side) each have their own lists: a ``scope`` per page.

Arabic-Indic digits ("١.") are Word's ``hindiNumbers``, which LibreOffice does not know (it
would print "1."): such lists carry the view's markers as text, with the same indents. So do
letter lists that run past "z": after it Word and LibreOffice count "aa", "bb", "cc", where
the view (as CSS) counts "aa", "ab", "ac".
"""

from __future__ import annotations

import math
from typing import Any

from letterpress.i18n import digits, native_digits
from letterpress.markers import GAP, format_marker, room_of
from letterpress.page import Group, ListBlock, NumberStyle
from letterpress.render.docx_xml import VAL, sub, w

FORMATS = {"decimal": "decimal", "lowerLetter": "lowerLetter", "upperLetter": "upperLetter",
           "lowerRoman": "lowerRoman", "upperRoman": "upperRoman",
           "arabicIndic": "hindiNumbers", "persian": "hindiNumbers",
           "arabicAbjad": "arabicAbjad", "bullet": "bullet"}
# kinds written as text (numId 0): Word's own Arabic formats vary with the reader's settings;
# Word numbers in no Greek letters; Cyrillic is text too, so that Word and LibreOffice show
# the letters the other formats count, whatever their own Cyrillic numbering does
TEXT_MARKERS = frozenset({"arabicIndic", "persian", "arabicAbjad", "lowerGreek", "upperGreek",
                          "lowerCyrillic", "upperCyrillic"})


# Word's page and footnote numbers (w:pgNumType, w:footnotePr, a field's \* switch) in the
# digits a language writes: Word prints hindiNumbers as ١٢٣. LibreOffice's DOCX import maps
# hindiNumbers to no numbering of its own and shows 1, 2 there (as it did before). No Word
# format counts in Persian digits (hindiNumbers prints ٤٥٦ for ۴۵۶): those stay decimal.
PAGE_FORMATS = {"arabicIndic": ("hindiNumbers", "HINDIARABIC")}


def page_format(lang: str) -> tuple[str, str] | None:
    """(number format, field switch) for page and note numbers in ``lang``'s digits, None
    for decimal (see ``PAGE_FORMATS``)."""
    return PAGE_FORMATS.get(native_digits(lang) or "")


def word_number(number: int, lang: str) -> str:
    """``number`` as Word prints a page or note number in ``lang`` (``page_format``): the
    text of a custom note mark or a field before Word updates it."""
    return digits(str(number), lang) if page_format(lang) else str(number)


def level_text(style: NumberStyle) -> str:
    """Word's lvlText for a style: "%1-", "(%1)", or the bullet itself."""
    if style.kind == "bullet":
        return style.bullet
    return f"{style.prefix}%1{style.suffix}"


# A DOCX is set in the reader's fonts: where the shipped ones are missing, LibreOffice takes
# DejaVu (Linux's fallback), which sets list markers up to 1.25 times as wide (bold digits
# 1.22, serif bold 1.25) and a bullet 0.25 em wider; measured for Noto alone, "1-" touched
# its text there ("1-Protect civilians.").
SUBSTITUTE_SCALE, SUBSTITUTE_EXTRA = 1.25, 0.25


def hanging(block: ListBlock, font_size: float) -> int:
    """A list's hanging indent in twips: the PDF's (markers.room_of) with its widest marker
    given room to be set in a substitute font, rounded up so that it fits: one that did not
    would push its text to Word's next tab stop."""
    widest = room_of(block) - GAP
    room = max(widest * SUBSTITUTE_SCALE, widest + SUBSTITUTE_EXTRA) + GAP
    return math.ceil(room * font_size * 20)


# the largest number Word numbers a list to (LibreOffice wraps at 65,536: "(99999)" printed
# "(34463)"); a list going past it has its numbers written as text, as the PDF prints them
WORD_LAST = 32767


def as_text_to(style: NumberStyle, last: int) -> bool:
    """Whether markers of ``style`` up to number ``last`` are written as text, Word and
    LibreOffice counting otherwise than the view (see the module's docstring)."""
    return style.kind in TEXT_MARKERS or last > WORD_LAST or (
        style.kind in ("lowerLetter", "upperLetter") and last > 26)


class Numbering:
    """Adds abstractNum/num definitions to the numbering part, one per list that restarts."""

    def __init__(self, root: Any, font_size: float, accent: str) -> None:
        self.root = root
        self.font_size = font_size
        self.accent = accent.lstrip("#").upper()
        self._next_abstract = 1 + max(
            (int(el.get(w("abstractNumId"))) for el in root.iter(w("abstractNum"))), default=-1)
        self._next_num = 1 + max(
            (int(el.get(w("numId"))) for el in root.iter(w("num"))), default=0)
        self._sequences: dict[tuple[int, int], tuple[int, NumberStyle, int, int]] = {}
        # per scope, the signatory list counting on: (numId, style, next number)
        self._members: dict[int, tuple[int, NumberStyle, int]] = {}
        self._bullets: dict[tuple[int, NumberStyle], int] = {}
        self._member_indents: dict[int, int] = {}  # a signatory list's numId -> its level's

    def list_for(self, block: ListBlock, scope: int = 0, indent: int = 0) -> tuple[int, int, int]:
        """(numId, left indent, hanging indent) for a list; continuing lists share a numId.
        A nested list's markers start where its item's text does (``indent``), as in the PDF.

        numId 0: no Word numbering, the markers are written as text (``TEXT_MARKERS``).
        """
        key = (scope, block.sequence)
        known = self._sequences.get(key)
        as_text = as_text_to(block.style, block.start + len(block.items) - 1)
        if known is not None and not block.restart and known[1] == block.style and not (
                as_text and known[0]):
            return known[0], known[2], known[3]
        hang = hanging(block, self.font_size)
        left = indent + hang
        if known is not None and not block.restart:  # the same list restyled mid-way:
            left, hang = known[2], known[3]               # keep its indent
        num_id = 0 if as_text else self._add(
            block.style, block.start, left, hang, block.kind == "demands")
        self._sequences[key] = (num_id, block.style, left, hang)
        return num_id, left, hang

    def members_for(self, group: Group, scope: int, hang: int) -> tuple[int, int | None]:
        """The numId of a signatory group's lines (set in a hanging indent of ``hang``
        twips, their style's), 0 where its numbers stay text, and the hanging indent the
        lines carry themselves, None where the level's is theirs.

        A group whose first number is the next of the scope's last numbered group (numbering
        ``continuous``, across headings, intros and unnumbered groups) carries on its list, so
        that a name added in one group renumbers the groups after it; any other first number
        (``per-group``, numbers a table took) starts a list at that number. Word counts 1, 2,
        3 in a list: numbers the view did not count so (or whose marker is not the style's)
        stay text, as do the kinds Word counts otherwise (``as_text_to``).

        The indent does not part lists, so that a ``list`` group and a ``columns`` one
        (whose "Signatory Column" style is set smaller) count on in one: the level has the
        indent of the group that starts it, and the lines of a group indented otherwise
        carry their own, which comes before the level's. The level has no tab, so that
        the name stands at the line's own indent. LibreOffice needs the level's indent:
        where a level has none, it sets the line without a hanging indent (not the
        style's), its name at the next default tab stop.
        """
        style, members = group.style, group.members
        if style is None or not members:
            return 0, None
        if style.kind == "bullet":  # bullets count nothing: one list per look
            if any(m.number != style.bullet for m in members):
                return 0, None
            key = (scope, style)
            if key not in self._bullets:
                self._bullets[key] = self._member_list(style, 1, hang)
            return self._bullets[key], self._own_indent(self._bullets[key], hang)
        first = members[0].ordinal
        if first is None or first < 1 or as_text_to(style, first + len(members) - 1) or any(
                m.ordinal != n or m.number != format_marker(n, style)
                for n, m in enumerate(members, first)):
            return 0, None
        known = self._members.get(scope)
        if known is not None and known[1:] == (style, first):
            num_id = known[0]
        else:
            num_id = self._member_list(style, first, hang)
        self._members[scope] = (num_id, style, first + len(members))
        return num_id, self._own_indent(num_id, hang)

    def _member_list(self, style: NumberStyle, start: int, hang: int) -> int:
        """A signatory list's numId, its level in a hanging indent of ``hang`` twips."""
        num_id = self._add(style, start, hang, hang, strong=False, tab=False)
        self._member_indents[num_id] = hang
        return num_id

    def _own_indent(self, num_id: int, hang: int) -> int | None:
        """``hang`` where the level of list ``num_id`` has another indent, else None."""
        return None if self._member_indents[num_id] == hang else hang

    def _add(self, style: NumberStyle, start: int, left: int, hang: int, strong: bool,
             tab: bool = True) -> int:
        """One abstractNum (its own counter) and the num that points at it.

        ``strong`` numbers (demands) are bold in the accent colour, as in the print CSS;
        ``tab``: a tab stop for the number's tab at the text's indent (a signatory line
        has none: its own indent may differ from the level's).
        """
        abstract_id, num_id = self._next_abstract, self._next_num
        self._next_abstract += 1
        self._next_num += 1
        abstract = self.root.makeelement(w("abstractNum"), {w("abstractNumId"): str(abstract_id)})
        # nsid tells Word's paste logic lists apart; fixed per id so output stays reproducible.
        sub(abstract, w("nsid")).set(VAL, f"{0x1E770000 + abstract_id:08X}")
        sub(abstract, w("multiLevelType")).set(VAL, "singleLevel")
        lvl = sub(abstract, w("lvl"), {w("ilvl"): "0"})
        sub(lvl, w("start")).set(VAL, str(max(start, 0)))
        sub(lvl, w("numFmt")).set(VAL, FORMATS[style.kind])
        sub(lvl, w("suff")).set(VAL, "tab")
        sub(lvl, w("lvlText")).set(VAL, level_text(style))
        sub(lvl, w("lvlJc")).set(VAL, "left")
        ppr = sub(lvl, w("pPr"))
        if tab:
            tabs = sub(ppr, w("tabs"))
            sub(tabs, w("tab"), {w("val"): "num", w("pos"): str(left)})
        sub(ppr, w("ind"), {w("left"): str(left), w("hanging"): str(hang)})
        if strong:
            rpr = sub(lvl, w("rPr"))
            sub(rpr, w("b"))
            sub(rpr, w("bCs"))
            sub(rpr, w("color")).set(VAL, self.accent)
        first_num = self.root.find(w("num"))
        if first_num is not None:  # schema order: every abstractNum before the first num
            first_num.addprevious(abstract)
        else:
            cleanup = self.root.find(w("numIdMacAtCleanup"))
            if cleanup is not None:
                cleanup.addprevious(abstract)
            else:
                self.root.append(abstract)
        num = self.root.makeelement(w("num"), {w("numId"): str(num_id)})
        sub(num, w("abstractNumId")).set(VAL, str(abstract_id))
        cleanup = self.root.find(w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.root.append(num)
        return num_id
