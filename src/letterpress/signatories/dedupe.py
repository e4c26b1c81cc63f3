"""Who counts as the same signatory: the format's duplicate rule, in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeVar

from letterpress import model as m

T = TypeVar("T")
_SPACE = re.compile(r"\s+")


def fold(text: str | dict[str, str] | None) -> str:
    """NFKC, case and spacing folded: what the format compares."""
    if text is None:
        return ""
    if isinstance(text, dict):
        text = "|".join(f"{k}={v}" for k, v in sorted(text.items()))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def identity(member: m.Member | str | dict[str, str]) -> tuple[str, ...]:
    """Same name, organisation, country and url: the same signatory (namesakes differ)."""
    if not isinstance(member, m.Member):
        return (fold(member), "", "", "")
    return (fold(member.name), fold(member.organisation), fold(member.country),
            fold(member.url))


def duplicates(entries: Iterable[tuple[T, m.Member | str | dict[str, str]]]) -> Iterator[
        tuple[T, T]]:
    """Pairs (first place, repeated place) in one pass: a dict, not a quadratic scan."""
    seen: dict[tuple[str, ...], T] = {}
    for where, member in entries:
        key = identity(member)
        if key in seen:
            yield seen[key], where
        else:
            seen[key] = where
