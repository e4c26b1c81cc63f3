"""Pictures: a broken SVG is a located error, as a broken PNG is; a valid one is drawn in
the PDF and the DOCX."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from typer.testing import CliRunner

from letterpress.cli import app

runner = CliRunner()

RED = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
       '<rect width="100" height="50" fill="red"/></svg>')
LETTER = "title: Pictures\nbody:\n  - Text.\n  - image: logo.svg\n    caption: Our logo\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "l.yaml").write_text(LETTER, encoding="utf-8")
    return tmp_path


BROKEN = {  # what the file holds, what the message says of it
    "unclosed-tag": (RED.replace("</svg>", "<text>unclosed</svg>"),
                     "not a readable SVG image (mismatched tag at its line 1, column 123)"),
    "truncated": (RED[:80], "not a readable SVG image (unclosed token at its line 1, column 65)"),
    "not-xml": ("GIF89a, not an SVG", "not a readable SVG image (syntax error at its line 1, "
                                      "column 1)"),
    "empty": ("", "not a readable SVG image (the file is empty)"),
    "not-svg": ('<html xmlns="http://www.w3.org/1999/xhtml"><body>A page</body></html>',
                "not an SVG image (its first element is <html>, not <svg>)"),
    # a viewBox WeasyPrint cannot read ended in its traceback (float('a'), a fourth number
    # missing, a division by an infinite one), and check passed two of them
    **{f"view-box-{i}": (RED.replace('width="100"', f'viewBox="{box}" width="100"', 1),
                         f'not a readable SVG image (its viewBox "{box}" is not four numbers, '
                         "x y width height, with a width and height above 0)")
       for i, box in enumerate(["0 0 a b", "0 0 10", "0,0,10,inf", "0 0 -10 5", "0 0 10 0"])},
    "nested-view-box": (RED.replace("<rect", '<svg viewBox="0 0 1"/><rect'),
                        'not a readable SVG image (its viewBox "0 0 1" is not four numbers, '
                        "x y width height, with a width and height above 0)"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_broken_svg_is_located_at_its_image_key(project: Path, kind: str,
                                                 command: str) -> None:
    """check and build both: one line at the image key, exit 2, nothing written (the picture
    was left out of the PDF and the DOCX, exit 0, without a word)."""
    svg, message = BROKEN[kind]
    (project / "letters" / "logo.svg").write_text(svg, encoding="utf-8")
    result = runner.invoke(app, [command, "letters/l.yaml"])
    assert result.exit_code == 2, result.output
    assert result.output == f"letters/l.yaml:4:12: logo.svg: {message}\n"
    assert not (project / "output").exists()


def test_an_empty_view_box_is_none(project: Path) -> None:
    """WeasyPrint reads viewBox="" as no viewBox and draws the picture: not an error."""
    (project / "letters" / "logo.svg").write_text(
        RED.replace('width="100"', 'viewBox=" , " width="100"', 1), encoding="utf-8")
    result = runner.invoke(app, ["check", "letters/l.yaml"])
    assert result.exit_code == 0, result.output


def test_a_logo_is_checked_as_a_picture_is(project: Path) -> None:
    (project / "letters" / "l.yaml").write_text("title: Pictures\nfrom:\n  name: Us\n"
                                                "  logo: logo.svg\n", encoding="utf-8")
    (project / "letters" / "logo.svg").write_text(RED[:80], encoding="utf-8")
    result = runner.invoke(app, ["check", "letters/l.yaml"])
    assert result.exit_code == 2
    assert result.output.startswith("letters/l.yaml:4:9: logo.svg: not a readable SVG image")


def _red_pixels(pdf: Path) -> int:
    page = pypdfium2.PdfDocument(pdf)[0]
    rgb = page.render(scale=40 / 72).to_pil().convert("RGB").tobytes()
    return sum(1 for i in range(0, len(rgb), 3)
               if rgb[i] > 200 and rgb[i + 1] < 60 and rgb[i + 2] < 60)


def test_a_valid_svg_is_drawn_in_the_pdf_and_the_docx(project: Path) -> None:
    (project / "letters" / "logo.svg").write_text(RED, encoding="utf-8")
    assert runner.invoke(app, ["check", "letters/l.yaml"]).exit_code == 0
    result = runner.invoke(app, ["build", "letters/l.yaml"])
    assert result.exit_code == 0, result.output
    assert _red_pixels(project / "output" / "l.pdf") > 500  # 100 x 50 px at 40 dpi: ~860
    with zipfile.ZipFile(project / "output" / "l.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        png = next(n for n in media if n.endswith(".png"))
        from PIL import Image

        drawn = Image.open(io.BytesIO(docx.read(png))).convert("RGB")
        assert drawn.getpixel((drawn.width // 2, drawn.height // 2)) == (255, 0, 0)
    assert sorted(n.rsplit(".", 1)[1] for n in media) == ["png", "svg"]


def test_an_svg_weasyprint_cannot_draw_is_an_error(project: Path) -> None:
    """Well-formed XML that WeasyPrint fails on while drawing (a transform it cannot read):
    it drew nothing in its place, in the PDF and in the DOCX's picture, exit 0."""
    svg = RED.replace("<rect ", '<rect transform="rotate(x)" ')
    (project / "letters" / "logo.svg").write_text(svg, encoding="utf-8")
    for formats in ("pdf", "docx"):
        result = runner.invoke(app, ["build", "letters/l.yaml", "-f", formats])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("letters/l.yaml:4:12: logo.svg: WeasyPrint could not "
                                        "draw this picture"), result.output
        assert not (project / "output").exists()
