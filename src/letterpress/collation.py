"""Alphabetical order by language: the Unicode Collation Algorithm (pyuca's DUCET) with the
letters CLDR tailors for the languages coalitions publish in.

DUCET files "ç" under "c" and "ñ" under "n" (an accent is a secondary difference), which
is right in French and wrong in Turkish, Spanish, Polish, Swedish and many more, whose
alphabets have these as letters of their own: "Çelik" comes after every "C" name there.
ICU would know, but PyICU needs ICU's headers and a compiler; these tailorings are the
CLDR rules that place a letter (or a digraph: Czech "ch") after another one, which is all
a list of names needs.

A tailored letter is written as the letter it follows plus one weight above every other
primary: it sorts after every string that starts with that letter and before the next
letter, which is what CLDR's ``&c < ç`` means for real names.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from letterpress.i18n import base

# language -> (letter, the letters that follow it in order); "a" ["ă", "â"]: a < ă < â < b.
# A letter given as "ä=æ" sorts as the letter after "=" (in Danish, ä is a variant of æ).
_AFTER: dict[str, tuple[tuple[str, str], ...]] = {
    "tr": (("c", "ç"), ("g", "ğ"), ("h", "ı"), ("o", "ö"), ("s", "ş"), ("u", "ü")),
    "az": (("c", "ç"), ("e", "ə"), ("g", "ğ"), ("h", "x ı"), ("k", "q"), ("o", "ö"),
           ("s", "ş"), ("u", "ü")),
    "es": (("n", "ñ"),),
    "gl": (("n", "ñ"),),
    "da": (("z", "æ ä=æ ø ö=ø å aa=å"),),
    "sv": (("z", "å ä æ=ä ö ø=ö"), ("y", "ü=y")),
    "is": (("a", "á"), ("d", "ð"), ("e", "é"), ("i", "í"), ("o", "ó"), ("u", "ú"),
           ("y", "ý"), ("z", "þ æ ä=æ ö ø=ö å")),
    "pl": (("a", "ą"), ("c", "ć"), ("e", "ę"), ("l", "ł"), ("n", "ń"), ("o", "ó"),
           ("s", "ś"), ("z", "ź ż")),
    "cs": (("c", "č"), ("h", "ch"), ("r", "ř"), ("s", "š"), ("z", "ž")),
    "sk": (("a", "ä"), ("c", "č"), ("h", "ch"), ("o", "ô"), ("r", "ř"), ("s", "š"),
           ("z", "ž")),
    "hr": (("c", "č ć"), ("d", "dž đ"), ("l", "lj"), ("n", "nj"), ("s", "š"), ("z", "ž")),
    "sl": (("c", "č ć"), ("d", "đ"), ("s", "š"), ("z", "ž")),
    "ro": (("a", "ă â"), ("i", "î"), ("s", "ș ş=ș"), ("t", "ț ţ=ț")),
    "hu": (("c", "cs"), ("d", "dz dzs"), ("g", "gy"), ("l", "ly"), ("n", "ny"),
           ("o", "ö ő=ö"), ("s", "sz"), ("t", "ty"), ("u", "ü ű=ü"), ("z", "zs")),
    "et": (("s", "š z ž"), ("w", "õ ä ö ü")),
    "lv": (("c", "č"), ("g", "ģ"), ("k", "ķ"), ("l", "ļ"), ("n", "ņ"), ("s", "š"),
           ("z", "ž")),
    "lt": (("c", "č"), ("i", "y"), ("s", "š"), ("z", "ž")),
    "sq": (("c", "ç"), ("d", "dh"), ("e", "ë"), ("g", "gj"), ("l", "ll"), ("n", "nj"),
           ("r", "rr"), ("s", "sh"), ("t", "th"), ("x", "xh"), ("z", "zh")),
    "ku": (("c", "ç"), ("e", "ê"), ("i", "î"), ("s", "ş"), ("u", "û")),
    "cy": (("c", "ch"), ("d", "dd"), ("f", "ff"), ("g", "ng"), ("l", "ll"), ("p", "ph"),
           ("r", "rh"), ("t", "th")),
    "vi": (("a", "ă â"), ("d", "đ"), ("e", "ê"), ("o", "ô ơ"), ("u", "ư")),
    "fa": (("و", "ه"),),  # Persian: ... ن و ه ی (Arabic: ن ه و ي)
    # Cyrillic: DUCET has ґ, є, і and й as letters of their own already, but ї, ё and ў
    # as і, е and у with an accent, which Russian wants (ё sorts with е) and these do not
    "uk": (("і", "ї"),),  # Ukrainian: ... и і ї й ...
    "be": (("е", "ё"), ("у", "ў")),  # Belarusian: ... е ё ж ... у ў ф ...
}
# the same alphabets: Bosnian and Serbian in Latin letters as Croatian, Norwegian as
# Danish, Finnish as Swedish
_AFTER |= {"bs": _AFTER["hr"], "sr-latn": _AFTER["hr"], "nb": _AFTER["da"],
           "nn": _AFTER["da"], "no": _AFTER["da"], "fi": _AFTER["sv"]}
_TOP = 0x10000  # above every primary weight DUCET gives, implicit ones included

Element = list[int]


@cache
def _ducet() -> Any:
    """pyuca's collator (DUCET), loaded only when a list is sorted."""
    import pyuca

    return pyuca.Collator()


@cache
def _tailoring(lang: str) -> tuple[dict[str, list[Element]], int]:
    """Decomposed letter (or digraph) -> its collation elements in ``lang``, and the length
    of the longest. Serbian is tailored in Latin script only (sr-Latn, sr-Latn-RS)."""
    key = "sr-latn" if base(lang) == "sr" and "-latn" in lang.lower() else base(lang)
    rules = _AFTER.get(key, ())
    table: dict[str, list[Element]] = {}
    for letter, following in rules:
        anchor = _ducet().collation_elements(_nfd(letter))
        for weight, entry in enumerate(following.split(), 1):
            name, _, same = entry.partition("=")
            if same:  # a variant of another letter, tailored or not
                table[_nfd(name)] = table.get(_nfd(same)) or \
                    _ducet().collation_elements(_nfd(same))
            else:
                table[_nfd(name)] = [*anchor, [_TOP + weight, 0, 0]]
    return table, max(map(len, table), default=0)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def sort_key(name: str, lang: str) -> tuple[Any, str]:
    """Alphabetical order in ``lang`` ignoring case and accents (é sorts with e), with the
    language's own letters in their place; the name itself breaks ties."""
    text = unicodedata.normalize("NFKC", name).strip(" \"'“”‘’«»()[]-–—.،")
    if base(lang) in ("tr", "az"):  # dotless I: "Işık" lowers to "ışık", not "işık"
        text = text.replace("I", "ı").replace("İ", "i")
    text = _nfd(text.casefold())
    table, longest = _tailoring(lang)
    ducet = _ducet()
    if not table:
        return ducet.sort_key(text), name
    elements: list[Element] = []
    plain, i = 0, 0  # text[plain:i] is waiting for DUCET
    while i < len(text):
        found = _match(text, i, table, longest)
        if found is None:
            i += 1
            continue
        letter, end, marks = found
        elements += ducet.collation_elements(text[plain:i]) + table[letter]
        elements += ducet.collation_elements(marks)
        i = plain = end
    elements += ducet.collation_elements(text[plain:])
    return ducet.sort_key_from_collation_elements(elements), name


def _match(text: str, i: int, table: dict[str, list[Element]],
           longest: int) -> tuple[str, int, str] | None:
    """The tailored letter at ``text[i]``, the longest first: (the letter, where it ends,
    the accents it leaves over). A Vietnamese "ặ" decomposes as a, dot below, breve: the
    letter is "ă" (a and the breve), the dot below an accent on it."""
    for size in range(min(longest, len(text) - i), 0, -1):
        if text[i:i + size] in table:
            return text[i:i + size], i + size, ""
    end = i + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    for j in range(i + 2, end):  # a mark behind another one (i + 1 was tried above)
        if text[i] + text[j] in table:
            return text[i] + text[j], end, text[i + 1:j] + text[j + 1:end]
    return None
