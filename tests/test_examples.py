"""Each example letter reads, in PDF and DOCX, like the original: every snippet in order."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from letterpress.build import build

EXAMPLES = {
    "aleppo-protection": "000_9efc392c0a2fca35",
    "aleppo-extermination-press-release": "001_d4a4025f96020e71",
    "geneva-civilian-protection": "004_993f5ec883a2b9ce",
}
TEXTCHECK = SHARED / "tools" / "textcheck.py"


def _textcheck():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("textcheck", TEXTCHECK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not TEXTCHECK.exists(), reason="../shared is not beside the repository")
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_reads_like_the_original(name: str, fmt: str, tmp_path: Path) -> None:
    tc = _textcheck()
    result = build(ROOT / "letters" / f"{name}.yaml", tmp_path, [fmt])
    assert not result.errors, result.errors
    expected = SHARED / "examples" / "expected" / f"{EXAMPLES[name]}.txt"
    snippets = [line.strip() for line in expected.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    found, missing = tc.find_in_order(snippets, tc.extract(tmp_path / f"{name}.{fmt}"))
    assert missing is None, f"{found}/{len(snippets)} in order; first missing: {missing!r}"


def test_every_letter_in_letters_builds_every_format(tmp_path: Path) -> None:
    for path in sorted((ROOT / "letters").glob("*.yaml")):
        result = build(path, tmp_path, ["html", "txt"])
        assert not result.errors, result.errors
        assert not result.warnings, result.warnings


def test_geneva_numbers_demands_and_signatories(tmp_path: Path) -> None:
    build(ROOT / "letters" / "geneva-civilian-protection.yaml", tmp_path, ["txt"])
    text = (tmp_path / "geneva-civilian-protection.txt").read_text(encoding="utf-8")
    assert "3-  The United Nation's failure" in text
    assert "1-  Serious and feasible pressure" in text  # the second list restarts at 1
    assert "54- Women Now for Development" in text
