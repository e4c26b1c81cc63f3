"""The one substitution in a letter's text: ``%{count}`` and ``%{count:GROUP NAME}``.

``%%{`` writes a literal ``%{``; any other ``%{...}`` prints as typed (load warns of it).
"""

from __future__ import annotations

import re

COUNT = re.compile(r"%(%)\{|%\{count(?::([^}]*))?\}")  # group 1: "%%{"; group 2: a group name
_ANY = re.compile(r"%%\{|%\{[^}]*\}")


def misspelt(text: str) -> list[str]:
    """The ``%{...}`` in ``text`` that are not the count ("%{cont}", "%{ count }")."""
    return [found for found in _ANY.findall(text) if not COUNT.fullmatch(found)]
