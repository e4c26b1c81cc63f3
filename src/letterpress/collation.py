"""Alphabetical order by language: the Unicode Collation Algorithm (pyuca's DUCET) with the
letters CLDR tailors for the languages coalitions publish in.

DUCET files "ç" under "c" and "ñ" under "n" (an accent is a secondary difference), which
is right in French and wrong in Turkish, Spanish, Polish, Swedish and many more, whose
alphabets have these as letters of their own: "Çelik" comes after every "C" name there.
Arabic is the other way round: DUCET has أ إ آ as letters of their own, CLDR files them
with alif, so "أحمد" sorts between "ابتسام" and "إيناس". ICU would know, but PyICU needs
ICU's headers and a compiler; these tailorings are CLDR's rules for these languages,
read by a small subset of its syntax (the resets and relations a list of names needs).

A tailored letter is written as the letter it follows plus one weight above every other
at its level: "ç" sorts after every string that starts with "c" and before "d", which is
what CLDR's ``&c < ç`` means for real names; "أ" is alif with a secondary weight above
any accent, as ``&ء << أ`` has it.

A language written in another script than Latin puts that script first (CLDR's ``[reorder
Arab]``, ``[reorder Cyrl]``...): in an Arabic list "أمل" before "Amnesty International",
the other scripts after it in DUCET's order; digits and punctuation stay before both."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, NamedTuple

from letterpress.i18n import ARABIC_SCRIPT, base

# language -> CLDR's rules for it, in CLDR's syntax: "&c<ç" puts ç after c (a letter of
# its own), "&ء<<أ" files أ under ء with a secondary difference (tied names are told apart
# by it), "<<<" is a tertiary one, "=" the same letter ("&z<æ=ä": in Danish, ä is æ),
# "*" a list of letters each related alike, "&[before 2]ت<<ة" puts ة just before ت.
_RULES: dict[str, str] = {
    "tr": "&c<ç &g<ğ &h<ı &o<ö &s<ş &u<ü",
    "az": "&c<ç &e<ə &g<ğ &h<x<ı &k<q &o<ö &s<ş &u<ü",
    "es": "&n<ñ",
    "gl": "&n<ñ",
    "da": "&z<æ=ä<ø=ö<å=aa",
    "sv": "&z<å<ä=æ<ö=ø &y=ü",
    "is": "&a<á &d<ð &e<é &i<í &o<ó &u<ú &y<ý &z<þ<æ=ä<ö=ø<å",
    "pl": "&a<ą &c<ć &e<ę &l<ł &n<ń &o<ó &s<ś &z<ź<ż",
    "cs": "&c<č &h<ch &r<ř &s<š &z<ž",
    "sk": "&a<ä &c<č &h<ch &o<ô &r<ř &s<š &z<ž",
    "hr": "&c<č<ć &d<dž<đ &l<lj &n<nj &s<š &z<ž",
    "sl": "&c<č<ć &d<đ &s<š &z<ž",
    "ro": "&a<ă<â &i<î &s<ș=ş &t<ț=ţ",
    "hu": "&c<cs &d<dz<dzs &g<gy &l<ly &n<ny &o<ö=ő &s<sz &t<ty &u<ü=ű &z<zs",
    "et": "&s<š<z<ž &w<õ<ä<ö<ü",
    "lv": "&c<č &g<ģ &k<ķ &l<ļ &n<ņ &s<š &z<ž",
    "lt": "&c<č &i<y &s<š &z<ž",
    "sq": "&c<ç &d<dh &e<ë &g<gj &l<ll &n<nj &r<rr &s<sh &t<th &x<xh &z<zh",
    "ku": "&c<ç &e<ê &i<î &s<ş &u<û",
    "cy": "&c<ch &d<dd &f<ff &g<ng &l<ll &p<ph &r<rh &t<th",
    "vi": "&a<ă<â &d<đ &e<ê &o<ô<ơ &u<ư",
    # Arabic: hamza, alif and the letters carrying a hamza are one letter, alif madda is
    # hamza and alif; teh marbuta is teh, alef maksura yeh; harakat only break ties
    "ar": "&[before 2]ت<<ة &[before 2]ي<<ی<<ى &ء<<أ<<ؤ<<إ<<ئ<<ىٕ<<ا &ءا<<آ"
          " &[last secondary ignorable]<<<*\u064b\u064c\u064d\u064e\u064f\u0650\u0651"
          "\u0652\u0653\u0670",
    # Persian: alif madda before alif, hamza after it with the hamza seats, ... و ه ی
    "fa": "&\u064e<<\u0650<<\u064f<<\u064b<<\u064d<<\u064c &[before 1]ا<آ"
          " &ا<<ٱ<ء<<أ<<ٲ<<إ<<ٳ<<ؤ<<یٔ<<<ىٔ<<<ئ &ک<<*ڪګكڬڭڮ &ۏ<ه<<ە<<ہ<<ة<<ۃ<<ۀ<<ھ"
          " &ی<<*ىےيېۑۍێ",
    "ur": "&ا<<أ<آ<ب<بھ<پ<پھ<ت<تھ<ٹ<ٹھ<ث<ج<جھ<چ<چھ<ح<خ<د<دھ<ڈ<ڈھ<ذ<ر<رھ<ڑ<ڑھ<ز<ژ<س<ش<ص"
          "<ض<ط<ظ<ع<غ<ف<ق<ک<کھ<گ<گھ<ل<لھ<م<مھ<ن<نھ<ں<ںھ<و<<ؤ<وھ<ہ<<ۂ<ھ<ۃ<ء<ی<<ئ<یھ<ے<<ۓ"
          " &\u0652<<\u064e<<\u0650<<\u064f<<\u0670<<\u0656<<\u0657<<\u064b<<\u064d"
          "<<\u064c<<\u0654<<\u0651<<\u0658<<\u0653",
    "ps": "&\u064e<<\u0650<<\u064f<<\u064b<<\u064d<<\u064c &[before 1]ا<آ"
          " &ا<<أ<<ٲ<<ٱ<<إ<<ٳ<ء &ت<ټ<<ٹ &ج<ځ<<حٔ &چ<څ &د<ډ<<ڈ &ر<ړ<<ڑ &ژ<ږ &ک<<*ڪك &ګ<<گ"
          " &ڼ<<ڻ &و<<ؤ<<ۇ<<ۉ &ه<<<ۀ<<<هٔ<<*ەہھةۃ &ی<<*ىےيېۍ<<یٔ<<<ىٔ<<<ئ",
    # Cyrillic: DUCET has ґ, є, і and й as letters of their own already, but ї, ё and ў
    # as і, е and у with an accent, which Russian wants (ё sorts with е) and these do not
    "uk": "&і<ї",  # Ukrainian: ... и і ї й ...
    "be": "&е<ё &у<ў",  # Belarusian: ... е ё ж ... у ў ф ...
}
# the same alphabets: Bosnian and Serbian in Latin letters as Croatian, Norwegian as
# Danish, Finnish as Swedish
_RULES |= {"bs": _RULES["hr"], "sr-latn": _RULES["hr"], "nb": _RULES["da"],
           "nn": _RULES["da"], "no": _RULES["da"], "fi": _RULES["sv"]}
# language -> the script CLDR's rules for it put before the others ([reorder Arab]), by
# the first word of its letters' Unicode names ("ARABIC LETTER ALEF")
_FIRST_SCRIPT = {**dict.fromkeys(ARABIC_SCRIPT, "ARABIC"), "yi": "HEBREW",
                 "ru": "CYRILLIC", "uk": "CYRILLIC", "be": "CYRILLIC", "bg": "CYRILLIC",
                 "mk": "CYRILLIC", "sr": "CYRILLIC", "kk": "CYRILLIC",
                 "el": "GREEK", "he": "HEBREW"}
# A tailored weight is one above every weight DUCET gives at its level (implicit primaries
# included): "ç" as "c" and _TOP + 1 sorts after every name that starts with "c", before "d"
_TOP, _TOP2, _TOP3 = 0x10000, 0x200, 0x40
_RESET = re.compile(r"&(\[before [12]\]|\[last secondary ignorable\])?([^<=]*)")
_RELATION = re.compile(r"(<<<|<<|<|=)(\*?)([^<=]+)")

Element = list[int]


class _Table(NamedTuple):
    """Decomposed letter (or digraph) -> its collation elements; the length of the longest
    and the characters one starts with (elsewhere DUCET's weights stand, looked up at once)."""

    letters: dict[str, list[Element]]
    longest: int
    starts: frozenset[str]

    @classmethod
    def of(cls, letters: dict[str, list[Element]]) -> _Table:
        return cls(letters, max(map(len, letters), default=0),
                   frozenset(letter[0] for letter in letters))


@cache
def _ducet() -> Any:
    """pyuca's collator (DUCET), loaded only when a list is sorted."""
    import pyuca

    return pyuca.Collator()


@cache
def _tailoring(lang: str) -> _Table:
    """The letters ``lang`` sorts otherwise than DUCET. Serbian is tailored in Latin script
    only (sr-Latn, sr-Latn-RS)."""
    table: dict[str, list[Element]] = {}
    for rule in re.split(r"\s+(?=&)", _RULES.get(_rules_key(lang), "")):
        reset = _RESET.match(rule)
        if reset is None:  # no rules
            break
        before, anchor = reset.groups()
        elements = _elements(_nfd(anchor), _Table.of(table)) if anchor else []
        if before == "[before 1]":  # after whatever precedes the anchor's first letter
            elements = [[elements[0][0] - 1, 0x20, 2]]
        primary = secondary = elements
        counts = [0, 0, 0]
        for op, star, letters in _RELATION.findall(rule[reset.end():]):
            for letter in letters if star else [letters]:
                level = len(op) - 1 if op != "=" else -1
                if level >= 0:
                    counts[level] += 1
                    counts[level + 1:] = [0] * (2 - level)
                if level == 0:
                    elements = primary = secondary = [*primary, [_TOP + counts[0], 0, 0]]
                elif level == 1 and before == "[before 2]":  # below the anchor's accent
                    elements = secondary = [[primary[0][0], 0x10 + counts[1], 2],
                                            *primary[1:]]
                elif level == 1:
                    elements = secondary = [*primary, [0, _TOP2 + counts[1], 0]]
                elif level == 2:
                    elements = [*secondary, [0, 0, _TOP3 + counts[2]]]
                table[_nfd(letter)] = elements
    return _Table.of(table)


def _rules_key(lang: str) -> str:
    """The key of ``lang``'s rules: its base language, Serbian in Latin letters apart."""
    return "sr-latn" if base(lang) == "sr" and "-latn" in lang.lower() else base(lang)


def _after_own_script(text: str, lang: str) -> bool:
    """Whether a name sorts after the names in ``lang``'s own script: its first letter or
    digit is a letter of another script (a digit starts the same in every script; an
    invisible direction mark pasted before a name is no letter of it)."""
    script = _FIRST_SCRIPT.get(_rules_key(lang))
    first = next((c for c in text if unicodedata.category(c)[0] in "LN"), "") if script else ""
    if not first or not unicodedata.category(first).startswith("L"):
        return False
    return unicodedata.name(first, "").split(" ")[0] != script


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def sort_key(name: str, lang: str) -> tuple[Any, str]:
    """Alphabetical order in ``lang`` ignoring case and accents (é sorts with e), with the
    language's own letters in their place and its own script first; the name itself
    breaks ties."""
    text = unicodedata.normalize("NFKC", name).strip(" \"'“”‘’«»()[]-–—.،")
    if base(lang) in ("tr", "az"):  # dotless I: "Işık" lowers to "ışık", not "işık"
        text = text.replace("I", "ı").replace("İ", "i")
    text = _nfd(text.casefold())
    table = _tailoring(lang)
    ducet = _ducet()
    key = ducet.sort_key_from_collation_elements(_elements(text, table)) if table.letters \
        else ducet.sort_key(text)
    return (_after_own_script(text, lang), key), name


def _elements(text: str, table: _Table) -> list[Element]:
    """The collation elements of decomposed ``text``: the tailored letters' from ``table``,
    DUCET's for the rest."""
    ducet = _ducet()
    elements: list[Element] = []
    plain, i = 0, 0  # text[plain:i] is waiting for DUCET
    while i < len(text):
        found = _match(text, i, table) if text[i] in table.starts else None
        if found is None:
            i += 1
            continue
        letter, end, marks = found
        elements += ducet.collation_elements(text[plain:i]) + table.letters[letter]
        elements += ducet.collation_elements(marks)
        i = plain = end
    rest: list[Element] = ducet.collation_elements(text[plain:])
    return elements + rest


def _match(text: str, i: int, table: _Table) -> tuple[str, int, str] | None:
    """The tailored letter at ``text[i]``, the longest first: (the letter, where it ends,
    the accents it leaves over). A Vietnamese "ặ" decomposes as a, dot below, breve: the
    letter is "ă" (a and the breve), the dot below an accent on it."""
    letters = table.letters
    for size in range(min(table.longest, len(text) - i), 1, -1):
        if text[i:i + size] in letters:
            return text[i:i + size], i + size, ""
    end = i + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    for j in range(i + 2, end):  # a mark behind another one (i + 1 was tried above)
        if text[i] + text[j] in letters:
            return text[i] + text[j], end, text[i + 1:j] + text[j + 1:end]
    return (text[i], i + 1, "") if text[i] in letters else None  # the letter without it
