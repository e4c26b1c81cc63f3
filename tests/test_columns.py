"""Signatory columns laid out once (render/columns.py) give the very same PDF as WeasyPrint's
own two passes: byte for byte, for every example letter and for long generated lists in every
member display, left to right and right to left."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT
from letterpress.build import pages, render
from letterpress.load import load
from letterpress.render import columns

sys.path.insert(0, str(ROOT / "bench"))
import generate

sys.path.remove(str(ROOT / "bench"))


def _both(path: Path) -> tuple[bytes, bytes, int]:
    loaded = load(path)
    built = pages(loaded)
    before = columns.reused()
    once = render(built, loaded, "pdf")
    reused = columns.reused() - before
    with columns.disabled():
        twice = render(built, loaded, "pdf")
    return once, twice, reused


@pytest.mark.parametrize("letter", sorted(p.name for p in (ROOT / "letters").glob("*.yaml")))
def test_example_letters_are_unchanged(letter: str) -> None:
    once, twice, _ = _both(ROOT / "letters" / letter)
    assert once == twice


@pytest.mark.parametrize(("count", "layout", "lang"), [
    (600, "letter", "en"), (400, "statement", "ar"), (900, "press-release", "en")])
def test_long_lists_are_unchanged_and_reused(tmp_path: Path, count: int, layout: str,
                                             lang: str) -> None:
    data = generate.letter(count, seed=count, layout=layout)
    text = generate.to_yaml(data).replace("lang: en", f"lang: {lang}", 1)
    letter = tmp_path / "long.yaml"
    letter.write_text(text, encoding="utf-8")
    once, twice, reused = _both(letter)
    assert once == twice
    assert reused > 0  # the second pass was really skipped on full pages
