"""Web addresses typed bare in text ("see https://example.org/a_b_c.pdf") are links, whole.

CommonMark links only ``<https://...>``; a bare address is text to it, and the ``_`` or
``*`` in it pairs up as emphasis: ``report_29_-_2024_-_web.pdf`` printed as
``report_29_-2024-_web.pdf`` with "2024" in italics, a wrong source address in a footnote.
This inline rule takes the address first, as GitHub's autolinks do: from ``http://``,
``https://`` or ``ftp://`` to the next space, ``<`` or footnote reference ``[^`` (a note
typed right after the address: ``report.[^1]``), less trailing punctuation and an
unbalanced closing bracket (the sentence's, not the address's).
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

_SCHEME = re.compile(r"(?:^|(?<=[^A-Za-z0-9.+-]))(?:https?|ftp)$", re.IGNORECASE)
_REST = re.compile(r"://(?:[^\s<\[]|\[(?!\^))+")  # (a "[" that opens no "[^" is the address's)
_TRAILING = "?!.,:;*_~'\""
_PAIRS = {")": "(", "]": "["}


def _trimmed(address: str) -> str:
    """``address`` less what ends the sentence around it."""
    while address and (address[-1] in _TRAILING or _unmatched(address)):
        address = address[:-1]
    return address


def _unmatched(address: str) -> bool:
    """Whether ``address`` ends in a closing bracket it did not open."""
    opening = _PAIRS.get(address[-1])
    return opening is not None and address.count(address[-1]) > address.count(opening)


def bare_link(state: StateInline, silent: bool) -> bool:
    """At the ``:`` of ``https://``: the address as a link (the scheme, already taken as
    text, is taken back)."""
    if state.linkLevel > 0 or state.src[state.pos] != ":":
        return False
    scheme = _SCHEME.search(state.pending)
    rest = _REST.match(state.src, state.pos)
    if scheme is None or rest is None:
        return False
    address = scheme.group(0) + _trimmed(rest.group(0))
    if len(address) <= len(scheme.group(0)) + 3:  # "https://" and nothing after it
        return False
    href = state.md.normalizeLink(address)
    if not state.md.validateLink(href):
        return False
    if not silent:
        state.pending = state.pending[: -len(scheme.group(0))]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href}
        token.markup, token.info = "linkify", "auto"
        state.push("text", "", 0).content = state.md.normalizeLinkText(address)
        token = state.push("link_close", "a", -1)
        token.markup, token.info = "linkify", "auto"
    state.pos += len(address) - len(scheme.group(0))
    return True
