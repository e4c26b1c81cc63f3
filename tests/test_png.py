"""Page images: one PNG per PDF page, at the chosen resolution, never mixed with an older run."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import ROOT
from letterpress.cli import app

runner = CliRunner()


def _sizes(folder: Path, stem: str) -> list[tuple[int, int]]:
    pages = sorted(folder.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(io.BytesIO(p.read_bytes())).size for p in pages]


@pytest.mark.parametrize("letter", ["geneva-civilian-protection", "aleppo-press-release-bilingual"])
def test_one_png_per_pdf_page(tmp_path: Path, letter: str) -> None:
    result = runner.invoke(app, ["build", str(ROOT / "letters" / f"{letter}.yaml"), "-o",
                                 str(tmp_path), "-f", "pdf,png", "--dpi", "72"])
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        reader = PdfReader(pdf)
        sizes = _sizes(tmp_path, pdf.stem)
        assert len(sizes) == len(reader.pages) >= 1
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert abs(sizes[0][0] - width) < 1 and abs(sizes[0][1] - height) < 1  # 72 dpi: a
        # pixel per point


def test_png_alone_and_resolution(tmp_path: Path) -> None:
    letter = ROOT / "letters" / "sna-joint-statement.yaml"
    assert runner.invoke(app, ["build", str(letter), "-o", str(tmp_path), "-f", "png",
                               "--dpi", "150"]).exit_code == 0
    assert not list(tmp_path.glob("*.pdf"))  # the PDF is rendered for the images, not written
    (width, height), *_ = _sizes(tmp_path, "sna-joint-statement")
    assert abs(width - 1240) <= 1 and abs(height - 1754) <= 1  # A4 at 150 dpi
    image = Image.open(tmp_path / "sna-joint-statement-1.png").convert("L")
    assert image.getextrema()[0] < 64  # there is dark text on the page, not a blank sheet


def test_fewer_pages_remove_the_old_images(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    letter = folder / "grow.yaml"
    long_body = "\n".join(f"  - Paragraph {n} " + "of a long letter " * 40 for n in range(30))
    letter.write_text(f"title: Grow\nbody:\n{long_body}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(letter), "-o", str(out), "-f", "png",
                               "--dpi", "36"]).exit_code == 0
    before = len(_sizes(out, "grow"))
    assert before > 2
    (out / "grow-x.png").write_bytes(b"not a page image")  # not ours: kept
    letter.write_text("title: Grow\nbody: [Short now.]\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(letter), "-o", str(out), "-f", "png",
                                 "--dpi", "36"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("grow-*.png")) == ["grow-1.png", "grow-x.png"]


def test_dpi_is_part_of_the_build_settings(tmp_path: Path) -> None:
    letter = tmp_path / "one.yaml"
    shutil.copy(ROOT / "letters" / "sna-joint-statement.yaml", letter)
    args = ["build", str(letter), "-o", str(tmp_path / "out"), "-f", "png"]
    runner.invoke(app, [*args, "--dpi", "36"])
    small = _sizes(tmp_path / "out", "one")[0]
    result = runner.invoke(app, [*args, "--dpi", "72"])
    assert "unchanged" not in result.output
    assert _sizes(tmp_path / "out", "one")[0][0] == small[0] * 2


def test_dpi_out_of_range_is_invalid(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(ROOT / "letters" / "sna-joint-statement.yaml"),
                                 "-o", str(tmp_path), "-f", "png", "--dpi", "5000"])
    assert result.exit_code == 2


def test_watch_takes_builds_dpi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """watch -f png had no --dpi: its images were always 150 dpi."""
    def stop(_: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", stop)  # one round of building, then Ctrl-C
    letter = ROOT / "letters" / "sna-joint-statement.yaml"
    result = runner.invoke(app, ["watch", str(letter), "-o", str(tmp_path), "-f", "png",
                                 "--dpi", "36"])
    assert result.exit_code == 0, result.output
    (width, height), *_ = _sizes(tmp_path, "sna-joint-statement")
    assert abs(width - 298) <= 1 and abs(height - 421) <= 1  # A4 at 36 dpi
    refused = runner.invoke(app, ["watch", str(letter), "-o", str(tmp_path), "-f", "png",
                                  "--dpi", "5000"])
    assert refused.exit_code == 2 and "--dpi" in refused.output
