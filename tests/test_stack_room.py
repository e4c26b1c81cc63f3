"""The PDF render's frames get a chunk of CPython's frame stack that lasts (render/stack_room)."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable

import pytest

from letterpress.render import pdf, stack_room


def _down(depth: int) -> int:
    return _down(depth - 1) if depth else 0


def _faults(run: Callable[[], object]) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    run()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def _oscillate() -> None:
    """Down 400 frames (about 35 KB) and back, many times: wherever it starts, the way down
    crosses a chunk's end."""
    for _ in range(3000):
        _down(400)


def test_deep_calls_and_returns_do_not_map_chunks_in_the_room() -> None:
    loose = _faults(_oscillate)
    if loose < 1000:
        pytest.skip(f"{sys.implementation.name} {sys.version_info[:2]} does not free frame "
                    f"chunks on return ({loose} page faults)")
    assert _faults(lambda: stack_room.call(_oscillate)) < loose / 10


def test_call_returns_and_raises_what_the_function_does() -> None:
    assert stack_room.call(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        stack_room.call(lambda: 1 // 0)


def test_the_pdf_render_runs_in_the_room(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    original = stack_room.call

    def recording(function: Callable[[], object]) -> object:
        calls.append(function)
        return original(function)

    monkeypatch.setattr(stack_room, "call", recording)
    assert pdf.render("<p>Hello</p>", base=pdf.Path(".")).startswith(b"%PDF")
    assert len(calls) == 1
