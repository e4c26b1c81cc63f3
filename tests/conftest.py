"""Shared helpers: build letters in a temporary folder and read the outputs back as text."""

from __future__ import annotations

import re
import subprocess
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from letterpress.build import Result, build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pdf_text(path: Path) -> str:
    """Text of a PDF in reading order, as pdftotext gives it."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


def pdf_words(pdf: bytes) -> list[tuple[str, float, float, float, float]]:
    """Every word pdftotext finds: text, then its box (x0, y0, x1, y1), in reading order."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=pdf,
                           capture_output=True, check=True).stdout.decode()
    return [(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            for m in _WORD.finditer(boxes)]


def same_words(pdf: bytes, other: bytes, within: float = 0.001) -> None:
    """Assert two PDFs draw the same words in the same places, to ``within`` pt (pdftotext's
    word boxes: ink placed by the same glyph positions)."""
    mine, theirs = sorted(pdf_words(pdf)), sorted(pdf_words(other))
    assert mine and len(mine) == len(theirs)
    for one, two in zip(mine, theirs, strict=True):
        assert one[0] == two[0] and all(abs(a - b) <= within
                                        for a, b in zip(one[1:], two[1:], strict=True)), (one, two)


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) for every paragraph of the body, tables included, in order."""
    document = docx.Document(str(path))
    out: list[tuple[str, str]] = []
    body = document.element.body
    for element in body.iter():
        if element.tag.endswith("}p"):
            para = docx.text.paragraph.Paragraph(element, document)
            out.append((para.style.name if para.style is not None else "", para.text))
    return out


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + n - 1)
    if fmt == "upperLetter":
        return chr(ord("A") + n - 1)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "hindiNumbers":
        return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return str(n)


class WordNumbering:
    """Computes the list markers Word would show, from numbering.xml (for tests)."""

    def __init__(self, xml: bytes | None) -> None:
        from xml.etree import ElementTree as ET

        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        if xml is None:
            return
        root = ET.fromstring(xml)
        for absnum in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in absnum.iter(W + "lvl"):
                values = {child.tag.removeprefix(W): child.get(W + "val") for child in lvl}
                levels[int(lvl.get(W + "ilvl", "0"))] = (
                    int(values.get("start") or 1), values.get("numFmt") or "decimal",
                    values.get("lvlText") or "")
            self.levels[absnum.get(W + "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                start = ov.find(W + "startOverride")
                if start is not None:
                    overrides[int(ov.get(W + "ilvl", "0"))] = int(start.get(W + "val", "1"))
            absid = num.find(W + "abstractNumId")
            self.nums[num.get(W + "numId", "")] = (
                absid.get(W + "val", "") if absid is not None else "", overrides)

    def marker(self, num_id: str, ilvl: int) -> str:
        absid, overrides = self.nums[num_id]
        levels = self.levels[absid]
        key = (num_id, ilvl) if ilvl in overrides else (absid, ilvl)
        start = overrides.get(ilvl, levels[ilvl][0])
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in range(ilvl + 1, 9):  # a new item resets the levels below it
            self.counters.pop((num_id, deeper), None)
            self.counters.pop((absid, deeper), None)
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return text
        for level in range(ilvl + 1):
            lkey = (num_id, level) if level in overrides else (absid, level)
            value = self.counters.get(lkey, levels[level][0])
            text = text.replace(f"%{level + 1}", _format(value, levels[level][1]))
        return text


def docx_text(path: Path, *, numbers: bool = True) -> str:
    """Body text plus footnotes, one paragraph per line (what textcheck.py reads); with
    ``numbers``, each numbered paragraph starts with the marker Word would show."""
    import re
    import zipfile
    from xml.etree import ElementTree as ET

    with zipfile.ZipFile(path) as z:
        numbering = WordNumbering(z.read("word/numbering.xml") if numbers and
                                  "word/numbering.xml" in z.namelist() else None)
        names = sorted((n for n in z.namelist()
                        if re.fullmatch(r"word/(document|footnotes|endnotes)\.xml", n)),
                       key=lambda n: not n.endswith("document.xml"))
        paras = []
        for name in names:
            for p in ET.fromstring(z.read(name)).iter(W + "p"):
                text = "".join(t.text or "" if t.tag == W + "t" else
                               "\t" if t.tag == W + "tab" else "\n"
                               for t in p.iter() if t.tag in (W + "t", W + "tab", W + "br"))
                num = p.find(f"{W}pPr/{W}numPr")
                if numbers and num is not None and num.find(W + "numId") is not None:
                    num_id = num.find(W + "numId").get(W + "val", "")  # type: ignore[union-attr]
                    ilvl = num.find(W + "ilvl")
                    level = int(ilvl.get(W + "val", "0")) if ilvl is not None else 0
                    if num_id != "0":
                        text = f"{numbering.marker(num_id, level)} {text}"
                paras.append(text)
    return "\n".join(paras)


BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def fold(text: str) -> str:
    """Logical-order text as textcheck.py compares it: letters and digits only, no bidi
    controls, harakat or tatweel, and lam-alef written as pdftotext writes the ligature."""
    text = unicodedata.normalize("NFKC", BIDI.sub("", text))
    text = re.sub("[\u0640\u064b-\u065f\u0670]", "", text)
    text = re.sub("\u0644([\u0622\u0623\u0625\u0627])", "\\1\u0644", text)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def norm(text: str) -> str:
    """Fold spacing so that wrapping and hyphenation do not matter."""
    return " ".join(text.split())


def in_order(text: str, snippets: list[str]) -> None:
    """Assert every snippet appears in ``text`` after the previous one."""
    hay, pos = norm(text), 0
    for snippet in snippets:
        j = hay.find(norm(snippet), pos)
        assert j >= 0, f"{snippet!r} not found after position {pos} in:\n{hay[pos:pos + 600]}"
        pos = j + len(norm(snippet))


@pytest.fixture
def letter(tmp_path: Path) -> Callable[..., Path]:
    """Write a letter file (dedented YAML) into a temporary project and return its path."""

    def write(text: str, name: str = "test") -> Path:
        folder = tmp_path / "letters"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def built(tmp_path: Path) -> Callable[..., dict[str, str]]:
    """Build a letter file and return the extracted text of each format."""

    def run(path: Path, formats: tuple[str, ...] = ("pdf", "docx"), **kw: object) -> dict[
            str, str]:
        out = tmp_path / "output"
        result: Result = build(path, out, formats, **kw)  # type: ignore[arg-type]
        assert not result.errors, "\n".join(map(str, result.errors))
        texts = {}
        for fmt in formats:
            file = out / f"{path.stem}.{fmt}"
            texts[fmt] = {"pdf": pdf_text, "docx": docx_text}.get(
                fmt, lambda p: p.read_text(encoding="utf-8"))(file)
        return texts

    return run
