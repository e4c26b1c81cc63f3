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


def _words(path: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, text) of every word pdftotext finds, in reading order."""
    import subprocess
    from html import unescape

    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [(float(a), float(b), float(y), unescape(text)) for a, y, b, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        xml)]


@pytest.mark.parametrize("display", ["list", "columns"])
def test_signatory_names_and_their_wrapped_lines_start_in_one_place(tmp_path: Path,
                                                                   display: str) -> None:
    """The number, a tab to the hanging indent, the name: "9-" and "10-" names and a long
    name's second line all start at the same x (they used to follow each number's width,
    and wrapped lines started left of the names)."""
    long = ("Association of Detainees and the Missing in Sednaya Prison and Elsewhere in "
            "Syria, with Families and Lawyers of Detainees from Every Governorate")
    members = [f"Member {n}" for n in range(1, 13)]
    members[8] = members[9] = long
    (tmp_path / "l.yaml").write_text(
        "title: t\nsignatories:\n  marker: '1-'\n  display: " + display + "\n  members:\n"
        + "".join(f"    - {name}  \n" for name in members[:-1]) + "    - 'Dr  Amer\tMasri '\n")
    result = build(tmp_path / "l.yaml", tmp_path / "out", ["pdf"])
    assert not result.errors, result.errors
    words = _words(tmp_path / "out" / "l.pdf")

    def first_after(x: float, top: float, bottom: float) -> float:
        """Where the first word right of ``x`` (in its column) between two heights starts."""
        return min(w[0] for w in words if top <= w[2] < bottom and x < w[0] < x + 120) - x

    offsets, wrapped = [], []  # from each number to its name, and to a wrapped line's start
    for x, end, y, text in words:
        if re.fullmatch(r"\d+-", text):
            offsets.append(first_after(end, y - 1, y + 1) + end - x)
            if text in ("9-", "10-"):
                wrapped.append(first_after(x - 1, y + 2, y + 16) - 1)
    assert len(offsets) == 12 and max(offsets) - min(offsets) < 1.0, offsets
    assert len(wrapped) == 2 and all(abs(x - min(offsets)) < 1.5 for x in wrapped), (
        offsets, wrapped)
    text = pdf_text(tmp_path / "out" / "l.pdf")
    assert "Dr Amer Masri" in text and "  " not in text.split("Dr Amer")[0][-3:]
