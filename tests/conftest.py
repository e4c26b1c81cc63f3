"""Shared helpers: build letters in a temporary folder and read the outputs back as text."""

from __future__ import annotations

import subprocess
import textwrap
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


def docx_text(path: Path) -> str:
    """Body text plus footnotes, one paragraph per line (what textcheck.py reads)."""
    import re
    import zipfile
    from xml.etree import ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist()
                        if re.fullmatch(r"word/(document|footnotes|endnotes)\.xml", n)),
                       key=lambda n: not n.endswith("document.xml"))
        paras = []
        for name in names:
            for p in ET.fromstring(z.read(name)).iter(w + "p"):
                paras.append("".join(t.text or "" for t in p.iter(w + "t")))
    return "\n".join(paras)


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
