"""List and signatory markers: "1-" -> a numbering style, and number -> "(iv)" and back."""

from __future__ import annotations

import re
from collections.abc import Iterable

from letterpress.page import ListBlock, NumberStyle
from letterpress.text_width import widest

# digits (Western, Arabic-Indic, Persian), a letter (a, A, i, I; Arabic أ: abjad order;
# Greek α, Α; Cyrillic а, А)
MARKER = re.compile(r"^(\(?)([0-9]+|[\u0660-\u0669]+|[\u06f0-\u06f9]+|[aAiI\u0623\u03b1\u0391"
                    r"\u0430\u0410])([.)\-:]?)$")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# the abjad order Arabic lists are lettered in: أ، ب، ج، د، هـ، و، ز...
ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع",
         "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")
# the letters lists count in, as CSS lower-latin, lower-greek (no final ς) and lower-russian
# (Russian lists skip ё й ъ ы ь, as Word's russianLower does): kind -> (letters, capitals)
_LATIN, _GREEK, _CYRILLIC = ("abcdefghijklmnopqrstuvwxyz", "αβγδεζηθικλμνξοπρστυφχψω",
                             "абвгдежзиклмнопрстуфхцчшщэюя")
LETTERED = {"lowerLetter": (_LATIN, False), "upperLetter": (_LATIN, True),
            "lowerGreek": (_GREEK, False), "upperGreek": (_GREEK, True),
            "lowerCyrillic": (_CYRILLIC, False), "upperCyrillic": (_CYRILLIC, True)}


def style_of(marker: str) -> NumberStyle:
    """Parse a marker as written in the letter ("1.", "(1)", "a)", "I.", "١.", "•")."""
    match = MARKER.match(marker.strip())
    if not match:
        return NumberStyle("bullet", suffix="", bullet=marker.strip())
    prefix, sample, suffix = match.groups()
    if prefix and not suffix:
        suffix = ")"
    kinds = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
             "أ": "arabicAbjad", "α": "lowerGreek", "Α": "upperGreek", "а": "lowerCyrillic",
             "А": "upperCyrillic"}
    if sample in kinds:
        return NumberStyle(kinds[sample], prefix, suffix)  # type: ignore[arg-type]
    if sample[0] in "٠١٢٣٤٥٦٧٨٩":
        return NumberStyle("arabicIndic", prefix, suffix)
    if sample[0] in "۰۱۲۳۴۵۶۷۸۹":
        return NumberStyle("persian", prefix, suffix)
    return NumberStyle("decimal", prefix, suffix)


def first_number(marker: str) -> int:
    """The number a marker itself shows ("3." starts at 3), 1 for letters and bullets."""
    match = MARKER.match(marker.strip())
    if match and match.group(2).isdigit():
        return int(match.group(2)) or 1  # (int reads Arabic-Indic digits)
    return 1


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out or "0"


def _letters(n: int, alphabet: str) -> str:
    """``n`` counted in letters: a ... z, aa, ab ... (CSS alphabetic, as browsers count)."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, len(alphabet))
        out = alphabet[rem] + out
    return out or "0"


def number_text(n: int, style: NumberStyle) -> str:
    """The number alone, in the style's digits or letters."""
    if style.kind in LETTERED:
        alphabet, capitals = LETTERED[style.kind]
        letters = _letters(n, alphabet)
        return letters.upper() if capitals else letters
    if style.kind == "lowerRoman":
        return _roman(n)
    if style.kind == "upperRoman":
        return _roman(n).upper()
    if style.kind == "arabicIndic":
        return str(n).translate(_ARABIC_INDIC)
    if style.kind == "persian":
        return str(n).translate(_PERSIAN)
    if style.kind == "arabicAbjad":  # past the 28 letters, numbers
        return ABJAD[n - 1] if 0 < n <= len(ABJAD) else str(n).translate(_ARABIC_INDIC)
    return str(n)


def format_marker(n: int, style: NumberStyle) -> str:
    """The printed marker for item ``n``: "3-", "(c)", "iv.", or the bullet."""
    if style.kind == "bullet":
        return style.bullet
    return f"{style.prefix}{number_text(n, style)}{style.suffix}"


GAP = 0.3  # em between a list's widest marker and its text (the letter layout's .marker pads it so)


def room(markers: Iterable[str], bold: bool = False) -> float:
    """The hanging indent of a list, in em, in the PDF (the DOCX leaves the marker more
    room, for a font of the reader's: docx_numbering.hanging): its widest marker
    as the shipped fonts set it (text_width; a demand's number is bold) and the gap. The gap
    stays under 1 em, which pdftotext needs to read a marker with its item ("c)" came before
    the nested items above it). Counted at 0.55 em a character, "(viii)" started 1.4 em in
    from the margin and "ж)" (1.3 em in bold) pushed its item's text past the others'."""
    return widest(markers, bold) + GAP


def room_of(block: ListBlock) -> float:
    """A list's hanging indent: the room its sequence shares (``room``), or its own."""
    if block.room is not None:
        return block.room
    return room((item.marker for item in block.items), bold=block.kind == "demands")
