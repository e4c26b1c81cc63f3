"""Text measured in the shipped fonts' advance widths, without opening a font."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT
from letterpress.text_width import em, widest


def test_the_widths_are_the_shipped_fonts() -> None:
    """glyph_widths.py is what scripts/glyph_widths.py makes of the fonts now (run it again
    when a font changes)."""
    spec = importlib.util.spec_from_file_location("glyph_widths_script",
                                                  ROOT / "scripts" / "glyph_widths.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert (ROOT / "src" / "letterpress" / "glyph_widths.py").read_text(
        encoding="utf-8") == script.source()


@pytest.mark.parametrize(("marker", "bold", "width"), [
    ("1.", False, 0.572 + 0.268),  # the wider of Noto Serif and Sans, a character at a time
    ("10.", True, 2 * 0.572 + 0.294),  # a demand's number is bold
    ("(viii)", True, 0.400 + 3 * 0.352 + 0.606 + 0.400),  # Noto Serif Bold
    ("ж)", True, 0.922 + 0.400),  # Cyrillic: at 0.65 em a letter, 0.27 em short
    ("Щ.", False, 1.079 + 0.268),
    ("ω)", False, 0.782 + 0.346),  # Greek
    ("ب-", False, 0.772 + 0.322),  # an Arabic letter alone (Noto Naskh): 0.42 em joined
    ("ص-", True, 1.131 + 0.322),
    ("(١٢)", True, 0.400 + 0.343 + 0.453 + 0.400),  # Arabic-Indic digits, Noto Naskh
    ("۱۲.", False, 0.316 + 0.413 + 0.268),  # Persian digits
    ("•", True, 0.400),
    ("–", False, 0.500),
])
def test_a_marker_is_as_wide_as_the_fonts_set_it(marker: str, bold: bool, width: float) -> None:
    """Counted at 0.55 em a character, "ж)" (1.32 em in bold) was given less room than it
    takes and "(viii)" 1.4 em too much."""
    assert em(marker, bold) == pytest.approx(width, abs=0.002)


def test_what_no_shipped_font_draws_is_given_an_em() -> None:
    """"■" and "✓" come from a font of the machine (DejaVu Sans: 0.95 and 0.84 em), which
    letterpress cannot measure: an em keeps the text clear of them."""
    assert em("■") == em("✓") == em("◦") == 1.0
    assert em("क") == 0.65  # a letter of a script the fonts lack: an average


def test_arabic_letters_in_a_word_are_reckoned_as_joined() -> None:
    """A word keeps the joined average (0.42 em a letter), which table widths were set by;
    a letter alone, or beside a bracket or a dash, is its own width."""
    assert em("الاستراتيجية") == pytest.approx(12 * 0.42)
    assert em("هـ") == pytest.approx(2 * 0.42)  # heh joined to a tatweel
    assert em("(ب)") == pytest.approx(0.346 + 0.772 + 0.346)
    assert em("ب ت") == pytest.approx(0.772 + 0.260 + 0.772)


def test_the_widest_of_many_numbers_is_measured_once_a_shape() -> None:
    assert widest(f"{n}." for n in range(1, 10001)) == pytest.approx(em("10000."))
    assert widest([]) == 0.0
