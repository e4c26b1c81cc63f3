"""Who counts as the same signatory: the format's duplicate rule, in one place."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

from letterpress import model as m
from letterpress.escape import as_typed
from letterpress.signatories.printed import forms
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


def group_keys(name: object) -> list[str]:
    """What a group answers to, and what a typed group name is looked up by (``sign
    --group``, a CSV or YAML row's ``group``, ``%{count:GROUP}``): its name as printed,
    folded, as a member's is compared ("**Friends**" is Friends, "[SNA](https://sna.org)"
    SNA and its export's "SNA <https://sna.org>"), then as written (a name typed with the
    letter's Markdown), in each of its languages; none for no name or one that prints
    nothing."""
    texts = name.values() if isinstance(name, dict) else [name]
    return [key for key in dict.fromkeys(key for text in texts if isinstance(text, str)
                                         for key in [*_printed(text), fold(text)]) if key]


def same_group(typed: str, name: object) -> bool:
    """Whether a group name typed is the group named ``name`` (by :func:`group_keys`)."""
    return not set(group_keys(typed)).isdisjoint(group_keys(name))


def group_in(typed: str, index: Mapping[str, T]) -> T | None:
    """What ``index`` (keyed by :func:`group_keys`) holds for a group name typed, or None."""
    return next((index[key] for key in group_keys(typed) if key in index), None)


def variants(text: str | dict[str, str] | None) -> list[str]:
    """A text's spellings, folded: one, or one per language of a language map (the English
    name of a member written {en: Big Heart, ar: القلب الكبير} is that member too)."""
    if isinstance(text, dict):
        return list(dict.fromkeys(fold(value) for value in text.values()))
    return [fold(text)]


def identities(member: m.Member | str | dict[str, str]) -> list[tuple[str, ...]]:
    """Same name, organisation, country (as printed: Markdown read) and url: the same
    signatory (namesakes differ); each combination of the languages they are written in
    is one identity."""
    if not isinstance(member, m.Member):
        return [(name, "", "", "") for name in _printed(member)]
    return list(itertools.product(_printed(member.name), _printed(member.organisation),
                                  _printed(member.country), variants(member.url)))


def _printed(text: str | dict[str, str] | None) -> list[str]:
    """A text's spellings as printed (Markdown read), folded (a text without Markdown, most
    names, and no text at all, the most common organisation, without the general way)."""
    if text is None:
        return [""]
    if isinstance(text, str) and len(shown := forms(text)) == 1:
        return [fold(shown[0])]
    return list(dict.fromkeys(key for form in forms(text) for key in variants(form)))


def names(member: m.Member | str | dict[str, str]) -> list[str]:
    """A member's name in each language it is written in."""
    return _texts(member.name if isinstance(member, m.Member) else member)


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
    return "".join(words(text))


def words(text: str | dict[str, str] | None) -> list[str]:
    """The runs of letters and digits of ``loose``: "Réf. : LDH/2024" -> ref, ldh, 2024."""
    return _WORD.findall(fold(text).translate(_UNACCENTED))


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


# a member's organisation, country and url, each as its loose spellings (none: not given)
Details = tuple[frozenset[str], ...]
Entry = m.Member | str | dict[str, str]
_DETAILS = ("organisation", "country", "url")


def details(member: Entry) -> Details:
    """What tells two people of one name apart: their organisation, country and url, as
    printed (Markdown read, as the exact rule compares them: "[Oxfam](https://...)" is
    Oxfam)."""
    if not isinstance(member, m.Member):
        return ()
    return tuple(frozenset(loose(text) for form in forms(getattr(member, name))
                           for text in _texts(form)) - {""} for name in _DETAILS)


def _texts(value: str | dict[str, str] | None) -> list[str]:
    """A text, or each language's (none for None)."""
    return list(value.values()) if isinstance(value, dict) else [] if value is None else [value]


def contradict(one: Details, other: Details) -> bool:
    """Whether a detail both give differs (a namesake: another person, not a duplicate);
    a bare name's details are ``()``, contradicting nothing."""
    return any(a and b and not a & b for a, b in zip(one, other, strict=False))


class NearIndex:
    """Finds likely duplicates in constant time per name: same letters once punctuation,
    spacing and spelling variants are ignored, or one name is the other's acronym; and no
    detail both give differs ("John Smith, Oxfam, Kenya" and "John Smith, CARE, Ghana" are
    namesakes, as the format allows)."""

    def __init__(self) -> None:
        # each key's members, their details worked out only when a name comes again
        self._loose: dict[str, list[tuple[object, Entry]]] = {}
        self._acronym: dict[str, list[tuple[object, Entry]]] = {}

    def add(self, member: Entry, where: object) -> None:
        for name in names(member):
            for key in dict.fromkeys((loose(name), base(name))):
                self._loose.setdefault(key, []).append((where, member))
            for short in acronyms(name):
                self._acronym.setdefault(short, []).append((where, member))

    def find(self, member: Entry) -> object | None:
        """Where a likely duplicate of ``member`` was written, or None."""
        given: Details | None = None
        for name in names(member):
            key = loose(name)
            found = [self._loose.get(key), self._loose.get(base(name)),
                     self._acronym.get(key),  # "SAMS" against "... Medical Society SAMS"
                     *map(self._loose.get, acronyms(name))]  # "... Society SAMS" / "SAMS"
            for entries in found:
                for where, known in entries or ():
                    given = details(member) if given is None else given
                    if not contradict(given, details(known)):
                        return where
        return None
