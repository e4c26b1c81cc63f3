"""Who counts as the same signatory: the format's duplicate rule, in one place."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeVar

from letterpress import model as m
from letterpress.escape import as_typed
from letterpress.signatories.spelling import VARIANTS, bare

T = TypeVar("T")


def fold(text: str | dict[str, str] | None) -> str:
    """NFKC, case and spacing folded, Markdown escapes taken off (an imported "\\[UK\\]"
    prints "[UK]"), what prints nothing or only adorns Arabic letters (bidi marks, tatweel,
    harakat: ``spelling.bare``) left out: what the format compares."""
    if text is None:
        return ""
    if isinstance(text, dict):
        text = "|".join(f"{k}={v}" for k, v in sorted(text.items()))
    return " ".join(bare(unicodedata.normalize("NFKC", as_typed(text))).casefold().split())


def group_keys(name: object) -> set[str]:
    """What a group answers to (a CSV row's ``group``, ``sign --group``): its name folded,
    or each language's name for a language map (anything else: nothing)."""
    texts = name.values() if isinstance(name, dict) else [name]
    return {fold(text) for text in texts if isinstance(text, str)}


def variants(text: str | dict[str, str] | None) -> list[str]:
    """A text's spellings, folded: one, or one per language of a language map (the English
    name of a member written {en: Big Heart, ar: القلب الكبير} is that member too)."""
    if isinstance(text, dict):
        return list(dict.fromkeys(fold(value) for value in text.values()))
    return [fold(text)]


def identities(member: m.Member | str | dict[str, str]) -> list[tuple[str, ...]]:
    """Same name, organisation, country and url: the same signatory (namesakes differ);
    each combination of the languages they are written in is one identity."""
    if not isinstance(member, m.Member):
        return [(name, "", "", "") for name in variants(member)]
    return list(itertools.product(variants(member.name), variants(member.organisation),
                                  variants(member.country), variants(member.url)))


def names(member: m.Member | str | dict[str, str]) -> list[str]:
    """A member's name in each language it is written in."""
    name = member.name if isinstance(member, m.Member) else member
    return list(name.values()) if isinstance(name, dict) else [name]


def duplicates(entries: Iterable[tuple[T, m.Member | str | dict[str, str]]]) -> Iterator[
        tuple[T, T]]:
    """Pairs (first place, repeated place) in one pass: a dict, not a quadratic scan."""
    seen: dict[tuple[str, ...], T] = {}
    for where, member in entries:
        keys = identities(member)
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            yield first, where
        for key in keys:
            seen.setdefault(key, where)


# --- likely duplicates ------------------------------------------------------------------------

_STOP = frozenset({"of", "for", "and", "the", "in", "on", "to", "de", "des", "du", "la", "le",
                   "et", "&", "al", "el"})
_WORD = re.compile(r"[^\W_]+")
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")


class _Unaccented(dict[int, str]):
    """A translation table, filled as characters come: a Latin letter without its accents
    ("Bïg" is "Big"), an Arabic-script letter as its usual spelling variants share it
    (``spelling.VARIANTS``: "أحمد" is "احمد", "فاطمة" "فاطمه"), anything else as it is. In
    other scripts a mark makes another letter (Cyrillic й beside и)."""

    def __missing__(self, code: int) -> str:
        char = VARIANTS.get(code, chr(code))
        plain = unicodedata.normalize("NFD", char)
        if len(plain) > 1 and unicodedata.name(plain[0], "").startswith("LATIN "):
            char = plain[0]
        self[code] = char
        return char


_UNACCENTED = _Unaccented()


def _likely_form(name: str) -> str:
    """A name as the likely-duplicate checks compare it: NFKC, what prints nothing taken
    out, Latin accents taken off, Arabic spelling variants as one."""
    return bare(unicodedata.normalize("NFKC", name)).translate(_UNACCENTED)


def loose(text: str | dict[str, str] | None) -> str:
    """Letters and digits only, folded, without Latin accents, Arabic spelling variants as
    one: "Basmeh &Zeitooneh" == "basmeh & zeitooneh", "Bïg Heart" == "Big Heart", "هناء
    إدوار" == "هناء ادوار"."""
    return "".join(_WORD.findall(fold(text).translate(_UNACCENTED)))


def acronyms(name: str) -> set[str]:
    """What a name may be abbreviated to: its capitalised words' initials ("Syrian American
    Medical Society" -> "sams") and any acronym it already holds ("... (SAMS)" -> "sams")."""
    words = _WORD.findall(_likely_form(name))
    found = {w.casefold() for w in words if len(w) >= 3 and _is_acronym(w)}
    initials = _initials(words)
    if len(initials) >= 3:
        found.add(initials)
    return found


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in _STOP
                   and not _is_acronym(w)).casefold()


def base(name: str) -> str:
    """The loose name without the acronym it carries in brackets or spelled out by its
    words: "... for Human Rights (SNHR)", "... Medical Society SAMS" -> "...rights",
    "...society". Any other code stays: a national chapter, an office or a centre ("Save
    the Children UK" / "USA", "MSF OCG" / "OCB", "P04") is another signatory than its
    sister sections, not an abbreviation of them."""
    text = _likely_form(name)
    words = _WORD.findall(text)
    initials = _initials(words)
    bracketed = {w for inside in _BRACKETED.findall(text) for w in _WORD.findall(inside)}
    return "".join(w.casefold() for w in words if not (
        _is_acronym(w) and len(w) > 2 and (w in bracketed or w.casefold() == initials))) \
        or loose(name)


class NearIndex:
    """Finds likely duplicates in constant time per name: same letters once punctuation and
    spacing are ignored, or one name is the other's acronym."""

    def __init__(self) -> None:
        self._loose: dict[str, object] = {}
        self._acronym: dict[str, object] = {}

    def add(self, name: str, where: object) -> None:
        self._loose.setdefault(loose(name), where)
        self._loose.setdefault(base(name), where)
        for short in acronyms(name):
            self._acronym.setdefault(short, where)

    def find(self, name: str) -> object | None:
        key = loose(name)
        for candidate in (key, base(name)):
            if candidate in self._loose:
                return self._loose[candidate]
        if key in self._acronym:  # "SAMS" against "Syrian American Medical Society SAMS"
            return self._acronym[key]
        for short in acronyms(name):
            if short in self._loose:  # "... Society SAMS" against "SAMS"
                return self._loose[short]
        return None
