"""A call with room on CPython's frame stack, so that WeasyPrint's layout does not thrash it.

CPython (3.11 on) keeps Python frames on a stack of 16 KB chunks and frees a chunk as soon as
the frame that opened it returns. WeasyPrint's layout recurses deeply and returns all the
time; where the depth it works at straddles a chunk's end, each call there maps a new chunk
and each return unmaps it. Where the render happens to start decides it: the
10,000-signatory PDF mapped and unmapped 172,000 chunks (1.5 s of system time, an eighth of
the build) when run by the ``letterpress`` command, 2,800 when run by ``python -m
letterpress``, for the same work and the same PDF.

:func:`call` runs a function from a frame too large for any 64 KB chunk. CPython opens a
128 KB chunk for it, and the frames of the function it calls stack in the 70 KB left, which
lasts until the call returns: a layout less than that deep never crosses a chunk's end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Unused locals that make the frame: 8 bytes each; with CPython's 8 KB of headroom a chunk
# for it must exceed 64 KB, so it is 128 KB (chunks double from 16 KB).
_ROOM_LOCALS = 7200


def call(function: Callable[[], T]) -> T:
    """``function()``, its frames in a chunk of their own (see the module's text)."""
    return function()


_code = call.__code__
call.__code__ = _code.replace(
    co_varnames=_code.co_varnames + tuple(f"_room{i}" for i in range(_ROOM_LOCALS)),
    co_nlocals=_code.co_nlocals + _ROOM_LOCALS)
