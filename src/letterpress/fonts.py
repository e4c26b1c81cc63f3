"""The fonts letterpress ships: their families, which a layout may name (any other font is
whatever the machine has, so the PDF would differ from machine to machine), and which
characters they cover, so a letter in another script is warned about instead of silently
printing empty boxes."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from letterpress import FONTS
from letterpress.errors import Diagnostic, suggest
from letterpress.source import Document, format_path, strings

FAMILIES = {  # family -> (file stem, has italics)
    "Noto Serif": ("NotoSerif", True),
    "Noto Sans": ("NotoSans", True),
    "Noto Naskh Arabic": ("NotoNaskhArabic", False),
    "Noto Serif Hebrew": ("NotoSerifHebrew", False),
    "Noto Sans Hebrew": ("NotoSansHebrew", False),
    "Letterpress Brackets Serif": ("LetterpressBracketsSerif", False),
    "Letterpress Brackets Sans": ("LetterpressBracketsSans", False),
    "Noto Emoji": ("NotoEmoji", False),  # monochrome (scripts/emoji_font.py)
}
# What is an emoji: Unicode's emoji-data.txt 15.0 (the version Noto Emoji 3.002 draws), the
# code points with Emoji_Presentation (⌚ ✊ ⭐ 📣, skin tones, flags' letters) and those of
# plane 1 with Emoji (🕊 🗳: text by default, but no text font has them). Not the symbols
# with text presentation (↔ ▶ ✔ ☎ ❤ ★), which DejaVu draws as text.
_EMOJI_DATA = """
231A-231B 23E9-23EC 23F0 23F3 25FD-25FE 2614-2615 2648-2653 267F 2693 26A1 26AA-26AB
26BD-26BE 26C4-26C5 26CE 26D4 26EA 26F2-26F3 26F5 26FA 26FD 2705 270A-270B 2728 274C
274E 2753-2755 2757 2795-2797 27B0 27BF 2B1B-2B1C 2B50 2B55 1F004 1F0CF 1F170-1F171
1F17E-1F17F 1F18E 1F191-1F19A 1F1E6-1F1FF 1F201-1F202 1F21A 1F22F 1F232-1F23A
1F250-1F251 1F300-1F321 1F324-1F393 1F396-1F397 1F399-1F39B 1F39E-1F3F0 1F3F3-1F3F5
1F3F7-1F4FD 1F4FF-1F53D 1F549-1F54E 1F550-1F567 1F56F-1F570 1F573-1F57A 1F587
1F58A-1F58D 1F590 1F595-1F596 1F5A4-1F5A5 1F5A8 1F5B1-1F5B2 1F5BC 1F5C2-1F5C4
1F5D1-1F5D3 1F5DC-1F5DE 1F5E1 1F5E3 1F5E8 1F5EF 1F5F3 1F5FA-1F64F 1F680-1F6C5
1F6CB-1F6D2 1F6D5-1F6D7 1F6DC-1F6E5 1F6E9 1F6EB-1F6EC 1F6F0 1F6F3-1F6FC 1F7E0-1F7EB
1F7F0 1F90C-1F93A 1F93C-1F945 1F947-1F9FF 1FA70-1FA7C 1FA80-1FA88 1FA90-1FABD
1FABF-1FAC5 1FACE-1FADB 1FAE0-1FAE8 1FAF0-1FAF8
"""
EMOJI = tuple(range(int(a, 16), int(b or a, 16) + 1) for a, _, b in (
    item.partition("-") for item in _EMOJI_DATA.split()))
# what joins emoji into one: the joiner, the emoji selector, the keycap (#️⃣) and the tags
# of a region's flag; Noto Emoji draws them with the emoji
_JOINERS = (range(0x200D, 0x200E), range(0xFE0F, 0xFE10), range(0x20E3, 0x20E4),
            range(0xE0030, 0xE003A), range(0xE0061, 0xE007B), range(0xE007F, 0xE0080))
RANGES = {"Noto Emoji": (*EMOJI, *_JOINERS)}  # family -> the code points it is used for
TEXT = ("Noto Serif", "Noto Sans")  # with Latin letters: what a layout sets its text in
NAMED = (*TEXT, "Noto Naskh Arabic", "Noto Serif Hebrew", "Noto Sans Hebrew")  # (the
# brackets are right-to-left text's own, scripts/bracket_fonts.py)
LAYOUT_FONTS = ("a layout's fonts are Noto Serif and Noto Sans, which letterpress ships (Arabic "
                "and Hebrew text takes its shipped Noto Naskh Arabic and Noto Serif or Sans "
                "Hebrew by itself)")


def text_font(name: str) -> str:
    """The shipped family a layout's ``font`` or ``heading_font`` names, in any capitals (CSS
    and Word match font names so). Any other is refused: the PDF took the font Fontconfig
    found for it on the machine (DejaVu Sans for Comic Sans MS), the same on no two
    machines and not among a build's recorded inputs, while the DOCX named the other."""
    for family in TEXT:
        if family.casefold() == name.casefold():
            return family
    if name.casefold() in (family.casefold() for family in NAMED):
        raise ValueError(f"'{name}' is the font of Arabic or Hebrew text alone; {LAYOUT_FONTS}")
    raise ValueError(f"'{name}' is not a font letterpress ships{suggest(name, list(TEXT))}; "
                     f"{LAYOUT_FONTS}")

_SURE = (range(0x20, 0x250), range(0x600, 0x700), range(0x2000, 0x2070))  # Latin, Arabic, punct.


@cache
def covered() -> frozenset[int]:
    """Every code point some shipped font draws (read once, only when needed): of Noto
    Emoji, the emoji its ``unicode-range`` gives it (``RANGES``)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    stems = {stem: RANGES.get(family) for family, (stem, _) in FAMILIES.items()}
    for path in sorted(FONTS.glob("*.ttf")):
        font = TTFont(path, lazy=True)
        ranges = stems.get(path.stem.split("-")[0])
        points.update(p for p in font.getBestCmap() or {}
                      if ranges is None or any(p in r for r in ranges))
        font.close()
    return frozenset(points)


@cache
def _system_points() -> frozenset[int]:
    """Every code point some font of this machine has, asked of Fontconfig once (a question
    per character took a CJK letter's hundreds of characters a few seconds)."""
    if not shutil.which("fc-list"):
        return frozenset()
    out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True,
                         text=True, check=False, timeout=10).stdout
    return frozenset(p for item in out.split() for a, _, b in [item.partition("-")]
                     for p in range(int(a, 16), int(b or a, 16) + 1))


def _system_has(char: str) -> bool:
    return ord(char) in _system_points()


_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))  # variation selectors


def _emoji(char: str) -> bool:
    """An emoji (``EMOJI``, the table Noto Emoji draws: not ★ or ☐, symbols of text):
    symbols, not letters, which the script check would pass over. (The joiner and the
    selectors between them print nothing.)"""
    point = ord(char)
    return any(point in r for r in EMOJI)


def _unusual(char: str) -> bool:
    """A letter, mark or digit outside the scripts every shipped font set has, or an emoji
    (a variation selector, the invisible mark after an emoji such as ❤️, belongs to no
    script)."""
    point = ord(char)
    return _emoji(char) or (not any(point in r for r in _SURE) and unicodedata.category(
        char)[0] in "LMN" and not any(point in r for r in _SELECTORS))


def uncovered(doc: Document) -> list[Diagnostic]:
    """A warning per script the shipped fonts lack, naming where it is first used, and
    again where one of its characters has another fallback: a character a system font
    has must not stand for one that prints as an empty box."""
    warnings: list[Diagnostic] = []
    missing = {char for char in set(doc.text)
               if _unusual(char) and ord(char) not in covered()}
    seen: set[tuple[str, bool]] = set()
    for path, text in strings(doc.data) if missing else ():
        for char in sorted(set(text) & missing, key=text.index):
            missing.discard(char)
            word = unicodedata.name(char, "UNKNOWN").split()[0]
            script = "emoji" if _emoji(char) else word if len(word) <= 3 else \
                word.capitalize()
            system = _system_has(char)
            if (script, system) in seen:
                continue
            seen.add((script, system))
            fallback = ("a system font is used for them in the PDF" if system else
                        "no font on this machine has them: they will print as empty boxes")
            warnings.append(doc.diagnostic(path, f"{format_path(path)}: the shipped fonts have "
                                           f"no {script} characters ('{char}'); {fallback}",
                                           severity="warning"))
    return warnings


# names that are no font: generic families (the machine's choice, by kind) and CSS keywords
_NO_FONT = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
                      "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji",
                      "math", "fangsong", "inherit", "initial", "unset", "revert",
                      "revert-layer"})
# what lists fonts: the property, and the font stacks of the theme (render/html.py theme_css)
_STACKS = frozenset({"font-family", "--font", "--heading-font", "--font-ltr", "--font-rtl",
                     "--heading-font-ltr", "--heading-font-rtl"})


def css_fonts(stylesheets: Sequence[tuple[str, list[Any]]]) -> list[Diagnostic]:
    """A warning for each font a layout's own CSS names that letterpress does not ship,
    before any it ships: the PDF takes it from the machine, if the machine has it. (After a
    shipped font or a ``var()``, a name serves only characters that font lacks, of which a
    letter is warned itself, ``uncovered``.)"""
    warnings = []
    for path, rules in stylesheets:
        for declaration in _declarations(rules):
            name = declaration.lower_name
            if name not in _STACKS and name != "font":
                continue
            for family, token in _families(declaration.value, shorthand=name == "font"):
                warnings.append(Diagnostic(
                    path, token.source_line, token.source_column,
                    f"{declaration.name}: '{family}' is not a font letterpress ships"
                    f"{suggest(family, list(NAMED))}; the PDF would take a font this machine "
                    f"has in its place (letterpress ships {', '.join(NAMED[:-1])} and "
                    f"{NAMED[-1]})", "warning"))
    return warnings


def _declarations(rules: list[Any]) -> Iterator[Any]:
    """Every declaration of a parsed stylesheet, in rules and at-rules (@media, @page and its
    margin boxes) at any depth; not in @font-face, where font-family names the face."""
    import tinycss2

    for rule in rules:
        if rule.type == "declaration":
            yield rule
        elif rule.type in ("qualified-rule", "at-rule") and rule.content is not None and \
                getattr(rule, "lower_at_keyword", "") != "font-face":
            yield from _declarations(tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True))


def _families(tokens: list[Any], *, shorthand: bool) -> list[tuple[str, Any]]:
    """The fonts a font stack lists before the first that is shipped, generic or a var(),
    each with its first token; of the ``font`` shorthand, those after its size."""
    groups: list[list[Any]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        elif token.type not in ("whitespace", "comment"):
            groups[-1].append(token)
    if shorthand:  # "bold 12pt/1.2 Helvetica Neue, Arial": the family follows the size
        sized = [i for i, t in enumerate(groups[0]) if t.type not in ("ident", "string")]
        if not sized:  # "font: inherit", "font: caption": no family given
            return []
        groups[0] = groups[0][sized[-1] + 1:]
    found = []
    shipped = {family.casefold() for family in FAMILIES}
    for group in groups:
        if not group or any(t.type not in ("ident", "string") for t in group):
            break  # a var(), or what is no family name
        family = group[0].value if group[0].type == "string" else \
            " ".join(t.value for t in group)
        if family.casefold() in shipped or family.casefold() in _NO_FONT:
            break
        found.append((family, group[0]))
    return found
