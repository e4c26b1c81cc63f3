"""Signatory columns laid out faster (render/columns.py) hold the same signatories as
WeasyPrint's own layout: byte for byte when only the second pass is saved, the same text on
every page with the balancing fixes too; for every example letter and for long generated
lists, left to right and right to left."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from letterpress.build import pages, render
from letterpress.load import load
from letterpress.render import columns

sys.path.insert(0, str(ROOT / "bench"))
import generate

sys.path.remove(str(ROOT / "bench"))


def _pdfs(path: Path, tmp_path: Path) -> dict[str, Path]:
    """The letter's PDF in each mode, and how many columns the reuse saved in ``reuse``."""
    loaded = load(path)
    built = pages(loaded)
    out = {}
    for name in ("plain", "reuse", "fast"):
        with columns.mode(name):
            out[name] = tmp_path / f"{name}.pdf"
            out[name].write_bytes(render(built, loaded, "pdf"))
    return out


def _page_texts(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def _same_columns(pdfs: dict[str, Path]) -> None:
    assert pdfs["reuse"].read_bytes() == pdfs["plain"].read_bytes()
    assert _page_texts(pdfs["fast"]) == _page_texts(pdfs["plain"])


@pytest.mark.parametrize("letter", sorted(p.name for p in (ROOT / "letters").glob("*.yaml")))
def test_example_letters_keep_their_columns(letter: str, tmp_path: Path) -> None:
    _same_columns(_pdfs(ROOT / "letters" / letter, tmp_path))


@pytest.mark.parametrize(("count", "layout", "lang"), [
    (25, "letter", "en"), (600, "letter", "en"), (400, "statement", "ar"),
    (900, "press-release", "en")])
def test_long_lists_keep_their_columns(tmp_path: Path, count: int, layout: str,
                                       lang: str) -> None:
    data = generate.letter(count, seed=count, layout=layout)
    text = generate.to_yaml(data).replace("lang: en", f"lang: {lang}", 1)
    letter = tmp_path / "long.yaml"
    letter.write_text(text, encoding="utf-8")
    before = columns.reused()
    _same_columns(_pdfs(letter, tmp_path))
    if count >= 400:
        assert columns.reused() > before  # full pages were laid out once
