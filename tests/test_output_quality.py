"""Properties of the files themselves: identical bytes on rebuild, PDF metadata, bookmarks,
links, page numbers and running header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, pdf_text
from letterpress.build import FORMATS, build

LETTER = """\
title: Aleppo exposes the international community's bankruptcy
from: {name: Syrian NGO Alliance}
lang: en
body:
  - heading: We condemn
  - "Read [the report](https://example.org/report)."
  - page_break: true
  - heading: We demand
  - Second page.
  - page_break: true
  - Third page.
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_builds_give_identical_bytes(tmp_path: Path, fmt: str) -> None:
    path = ROOT / "letters" / "geneva-civilian-protection.yaml"
    first = build(path, tmp_path / "a", [fmt]).outputs
    second = build(path, tmp_path / "b", [fmt]).outputs
    assert [p.name for p in first] == [p.name for p in second] and first  # png: one per page
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "q.yaml"
    path.write_text(LETTER, encoding="utf-8")
    result = build(path, tmp_path, ["pdf"])
    assert not result.errors
    return tmp_path / "q.pdf"


def test_pdf_metadata(pdf: Path) -> None:
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "Aleppo exposes the international community's bankruptcy"
    assert reader.metadata.author == "Syrian NGO Alliance"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/CreationDate" not in reader.metadata


def test_pdf_bookmarks_links_and_page_furniture(pdf: Path) -> None:
    reader = PdfReader(pdf)
    def flat(items: list) -> list[str]:  # type: ignore[type-arg]
        return [t for i in items for t in (flat(i) if isinstance(i, list) else [i.title])]

    titles = flat(reader.outline)
    assert "We condemn" in titles and "We demand" in titles
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages
            for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert "https://example.org/report" in uris
    pages = pdf_text(pdf).split("\f")
    assert re.search(r"1\s*/\s*3", pages[0]) and re.search(r"3\s*/\s*3", pages[2])
    assert "bankruptcy" in pages[1].split("Second page.")[0]  # running header from page 2
    assert pages[0].count("bankruptcy") == 1  # ...but not on page 1 (only the title)
