"""A list's hanging indent (markers.room): its widest marker as the shipped fonts set it and
a 0.3 em gap; the DOCX's leaves that marker room to be set in a substitute font."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import W
from letterpress.build import build

SIZE = 10.5  # the letter layout's font size, pt
MARGIN = 24 / 25.4 * 72  # its margins, pt
PAGE = 210 / 25.4 * 72  # A4
Letter = Callable[..., Path]


def items(tag: str, count: int) -> str:
    """A flow list of ``count`` items "TAG1" ... ("TAG1" long enough to wrap); a number
    for a tag counts from it: "101" ... (a word that reads the same in Arabic text)."""
    filler = "نص يلتف على السطر التالي " if tag.isdigit() else "wraps onto the next line "
    tags = [str(int(tag) + n + 1) if tag.isdigit() else f"{tag}{n + 1}" for n in range(count)]
    return "[" + ", ".join([f"{tags[0]} {filler * 6}", *tags[1:]]) + "]"


def tagged(tag: str, count: int) -> list[str]:
    return [f"{tag}{n}" for n in range(1, count + 1)]


def pdf_items(pdf: Path, rtl: bool = False) -> dict[str, tuple[str, float, float, float]]:
    """Item tag ("A3") -> (its marker, the marker's two edges, where its text starts), in pt
    from the margin on the side lines start from."""
    lines: list[list[tuple[str, float, float, float]]] = []
    for body in re.split("<page ", pdf.with_suffix(".bbox").read_text()):
        last = -1.0
        for word in sorted(pdf_words_of(body), key=lambda w: w[2]):
            if word[2] - last > 3:  # a line: the same middle, whatever the font's height
                lines.append([])
            lines[-1].append(word)
            last = word[2]
    found = {}
    for line in lines:
        words = sorted(((w[0], w[1], w[3]) for w in line), key=lambda w: -w[1] if rtl else w[1])
        if len(words) < 2 or not re.fullmatch(r"[A-Z]\d+|\d{3}", words[1][0]):
            continue
        (marker, x0, x1), (tag, t0, t1) = words[0], words[1]
        if rtl:
            found[tag] = (marker, PAGE - MARGIN - x1, PAGE - MARGIN - x0, PAGE - MARGIN - t1)
        else:
            found[tag] = (marker, x0 - MARGIN, x1 - MARGIN, t0 - MARGIN)
    return found


def pdf_words_of(body: str) -> list[tuple[str, float, float, float]]:
    """(word, left, middle, right) of each word pdftotext finds."""
    return [(m[5], float(m[1]), (float(m[2]) + float(m[4])) / 2, float(m[3])) for m in
            re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                        r'yMax="([\d.]+)">(.*?)</word>', body)]


def docx_indents(docx: Path) -> dict[str, tuple[int, int]]:
    """Item tag -> (left, hanging) of its numbered paragraph, twips: its own or its list's."""
    with zipfile.ZipFile(docx) as z:
        numbering = ET.fromstring(z.read("word/numbering.xml"))
        body = ET.fromstring(z.read("word/document.xml"))
    abstract = {a.get(W + "abstractNumId"): a.find(f"{W}lvl/{W}pPr/{W}ind")
                for a in numbering.iter(W + "abstractNum")}
    of_num = {n.get(W + "numId"): abstract[n.find(W + "abstractNumId").get(W + "val")]
              for n in numbering.iter(W + "num")}
    found = {}
    for p in body.iter(W + "p"):
        text = "".join(t.text or "" if t.tag == W + "t" else "\t"
                       for t in p.iter() if t.tag in (W + "t", W + "tab"))
        tag = re.search(r"(?:^|\s)([A-Z]\d+|\d{3})\b", text)
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if tag is None or num is None:
            continue
        ind = p.find(f"{W}pPr/{W}ind") if num.get(W + "val") == "0" else of_num[num.get(W + "val")]
        found[tag[1]] = (int(ind.get(W + "left")), int(ind.get(W + "hanging")))
    return found


def built(letter: Letter, tmp_path: Path, text: str) -> tuple[dict[str, tuple[str, float, float,
                                                                          float]],
                                                               dict[str, tuple[int, int]]]:
    path = letter(text)
    result = build(path, tmp_path / "out", ["pdf", "docx"])
    assert not result.errors, result.errors
    pdf = tmp_path / "out" / "test.pdf"
    pdf.with_suffix(".bbox").write_text(_bbox(pdf), encoding="utf-8")
    return pdf_items(pdf, rtl="lang: ar" in text), docx_indents(tmp_path / "out" / "test.docx")


def _bbox(pdf: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def check_list(pdf: dict[str, tuple[str, float, float, float]], docx: dict[str, tuple[int, int]],
               tags: list[str], indent: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float]:
    """One list's items: markers end 0.3 em before one text start, the widest at the list's
    own start (``indent``, pt, in the PDF and the DOCX); the DOCX hangs by the room the
    widest marker needs in a substitute font (``substitute``). Returns the text starts."""
    rows = [pdf[tag] for tag in tags]
    starts = {round(text, 1) for *_, text in rows}
    assert max(starts) - min(starts) < 0.2, rows  # no marker pushed its text
    text = rows[0][3]
    assert min(x0 for _, x0, _, _ in rows) == pytest.approx(indent[0], abs=0.06 * SIZE), rows
    assert text - max(x1 for _, _, x1, _ in rows) == pytest.approx(0.3 * SIZE, abs=0.06 * SIZE)
    hang = substitute(text - indent[0] - 0.3 * SIZE) + 0.3 * SIZE
    for tag in tags:
        left, hanging = docx[tag]
        assert hanging / 20 == pytest.approx(hang, abs=0.5), (tag, hanging, hang)
        assert (left - hanging) / 20 == pytest.approx(indent[1], abs=0.5), (tag, left, indent)
    return text, indent[1] + hang


def substitute(width: float) -> float:
    """Room in pt for a marker ``width`` pt wide in the shipped fonts, as DejaVu (where Noto
    is missing) may set it: 1.25 times as wide, or 0.25 em wider."""
    return max(width * 1.25, width + 0.25 * SIZE)


def test_a_docx_list_leaves_room_for_a_substitute_font() -> None:
    """Measured for Noto alone, a bold "1-" filled its room but 0.3 em; LibreOffice without
    Noto sets it in DejaVu Sans Bold (1.111 em), which touched its text ("1-Protect")."""
    from letterpress import page as p
    from letterpress.markers import style_of
    from letterpress.render.docx_numbering import hanging

    block = p.ListBlock(kind="demands", style=style_of("1-"), items=tuple(
        p.Item(f"{n}-", ()) for n in range(1, 10)))
    assert hanging(block, SIZE) / 20 >= (0.696 + 0.415 + 0.3) * SIZE
    bullets = p.ListBlock(kind="list", style=style_of("•"), items=(p.Item("•", ()),))
    assert hanging(bullets, SIZE) / 20 >= (0.590 + 0.3) * SIZE  # DejaVu's bullet


def test_a_list_hangs_by_its_widest_marker_as_the_fonts_set_it(letter: Letter,
                                                               tmp_path: Path) -> None:
    """Counted at 0.55 em a character, "(viii)" started 1.4 em in from the margin, a bullet
    0.5 em, and "■" (no shipped font has it) pushed its text past the other items'; the DOCX
    hung a bullet a quarter inch (1.7 em), the PDF 1.15 em. Measured in the fonts, every
    widest marker starts at the margin in both, its text 0.3 em after it."""
    pdf, docx = built(letter, tmp_path, f"""\
        title: t
        body:
          - demands: {{marker: "(i)", items: {items("A", 9)}}}
          - list: {{marker: "а)", items: {items("B", 8)}}}
          - list: {{marker: "■", items: {items("C", 2)}}}
          - list: {{items: {items("D", 2)}}}
          - demands: {{marker: "1)", items: {items("E", 10)}}}
        """)
    for tag, count in (("A", 9), ("B", 8), ("C", 2), ("D", 2), ("E", 10)):
        check_list(pdf, docx, tagged(tag, count))
    assert pdf["A8"][2] - pdf["A8"][1] > 2.4 * SIZE  # "(viii)" in bold, 2.46 em
    assert pdf["D1"][3] < 0.7 * SIZE  # "•" (0.38 em) and the gap


def test_an_arabic_list_hangs_by_its_widest_letter(letter: Letter, tmp_path: Path) -> None:
    """Abjad letters alone are wider than joined in a word (Noto Naskh: "ص" 1.1 em, "أ" 0.24):
    "ص-" sets the room of an 18-item list, at the right margin."""
    pdf, docx = built(letter, tmp_path, f"""\
        title: t
        lang: ar
        body:
          - demands: {{marker: "أ-", items: {items("100", 18)}}}
          - list: {{marker: "(١)", items: {items("200", 12)}}}
        """)
    check_list(pdf, docx, [str(n) for n in range(101, 119)])
    check_list(pdf, docx, [str(n) for n in range(201, 213)])


def test_a_nested_list_hangs_from_its_items_text(letter: Letter, tmp_path: Path) -> None:
    """The DOCX moved a nested list in by a quarter inch a level, the PDF by the room of the
    list above: both now start its markers where its item's text starts."""
    pdf, docx = built(letter, tmp_path, f"""\
        title: t
        body:
          - demands:
              items:
                - A1 first
                - text: A2 second
                  marker: "i."
                  items: {items("N", 4)}
                - A3 third
        """)
    text = check_list(pdf, docx, tagged("A", 3))
    check_list(pdf, docx, tagged("N", 4), indent=text)


def test_the_parts_of_a_continued_list_share_one_indent(letter: Letter, tmp_path: Path) -> None:
    """A list continued after a heading hung by its own markers in the PDF ("9." an en
    space right of "8.") and by the first part's in the DOCX, where "12." then overran it."""
    pdf, docx = built(letter, tmp_path, f"""\
        title: t
        body:
          - demands: {{items: {items("A", 8)}}}
          - heading: More
          - demands: {{continue: true, items: {items("B", 4)}}}
        """)
    check_list(pdf, docx, tagged("A", 8) + tagged("B", 4))
    assert pdf["B4"][0] == "12." and pdf["A1"][0] == "1."


def test_side_by_side_lists_hang_by_their_markers(letter: Letter, tmp_path: Path) -> None:
    """Side by side, each item is a row of its own, and its list took the layout's fixed
    2.4 em: "(viii)" (2.2 em) overran it and pushed its text past the others'."""
    entries = ", ".join(f"{{fr: X{n} élément, en: Y{n} item}}" for n in range(1, 9))
    path = letter(f"title: t\nlang: [fr, en]\ncombine: parallel\n"
                  f"body:\n  - list: {{marker: '(i)', items: [{entries}]}}\n")
    assert not build(path, tmp_path / "out", ["pdf"]).errors
    pdf = tmp_path / "out" / "test.pdf"
    pdf.with_suffix(".bbox").write_text(_bbox(pdf), encoding="utf-8")
    rows = pdf_items(pdf)
    starts = {round(rows[f"X{n}"][3], 1) for n in range(1, 9)}
    assert max(starts) - min(starts) < 0.2, rows
    assert min(rows[f"X{n}"][1] for n in range(1, 9)) == pytest.approx(0, abs=0.06 * SIZE)


def test_numbers_past_words_last_are_written_as_the_pdf_prints_them(letter: Letter,
                                                                   tmp_path: Path) -> None:
    """Word numbers a list to 32,767 at most: 'start: 99999' printed "(99999)" in the PDF
    and "(34463)" in the DOCX (LibreOffice wraps at 65,536)."""
    import docx

    path = letter("title: t\nbody:\n  - list: {marker: '(1)', start: 99999, items: [x, y]}\n"
                  "  - list: {marker: '(1)', start: 32766, items: [p, q]}\n")
    assert not build(path, tmp_path / "out", ["docx"]).errors
    texts = [p.text for p in docx.Document(str(tmp_path / "out" / "test.docx")).paragraphs]
    assert [t for t in texts if t.endswith(("x", "y"))] == ["(99999)\tx", "(100000)\ty"]
    assert [t for t in texts if t in ("p", "q")] == ["p", "q"]  # Word numbers these
