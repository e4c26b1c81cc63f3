"""Web forms export every response every time: a row imported once is not taken in again,
even after the letter's copy was corrected or removed (tester h13c #6)."""

from __future__ import annotations

import difflib
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterpress.cli import app
from letterpress.signatories import yamledit
from letterpress.source import read_yaml

runner = CliRunner()

LETTER = """\
# Ceasefire letter: comments and quotes must survive.
title: 'Ceasefire now'   # quoted on purpose
signatories:
  members:
    - Seed            # the first signer
"""
# Google Forms: a Timestamp, the questions, the respondent's e-mail
GOOGLE = ("Timestamp,Email Address,Full name,Organisation name,Country\n"
          "9/28/2024 14:03:11,jane@example.org,Jane Doe,Org J,Kenya\n"
          "9/28/2024 15:10:42,amir@example.org,Amir Haddad,Org A,Lebanon\n")


def _import(letter: Path, form: Path, *args: str) -> str:
    result = runner.invoke(app, ["import", str(letter), str(form), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _names(letter: Path) -> list[str]:
    """The signatories as the plain-text build prints them."""
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "ceasefire.yaml"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_a_corrected_signer_is_not_added_again_by_the_next_export(letter: Path) -> None:
    """The repro: after 'Org J' was corrected to 'Org J International' in the letter, the
    next export (one new row) added Jane Doe a second time with the old details."""
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    assert "added 2 to" in _import(letter, form)
    letter.write_text(letter.read_text().replace("organisation: Org J\n",
                                                 "organisation: Org J International\n"))
    form.write_text(GOOGLE + "9/29/2024 10:00:00,new@example.org,New Person,Org N,Ghana\n")
    out = _import(letter, form)
    assert "added 1 to" in out and "+ New Person (line 4)" in out
    assert "already present: 1" in out and "= Amir Haddad (line 3" in out
    assert "imported before: 1\n  = Jane Doe (line 2; corrected or removed in the letter " \
        "since: not added again)" in out
    assert "remembered 1 row in" in out
    text = letter.read_text()
    assert text.count("Jane Doe") == 1 and "Org J International" in text
    assert runner.invoke(app, ["build", str(letter), "-f", "txt", "-q", "-o",
                               str(letter.parent / "out")]).exit_code == 0
    built = (letter.parent / "out" / "ceasefire.txt").read_text()
    assert built.count("Jane Doe") == 1
    # the same export once more adds nothing and writes nothing
    again = _import(letter, form)
    assert "added 0 to" in again and "remembered" not in again
    assert letter.read_text() == text


def test_the_record_is_only_added_lines_at_the_end(letter: Path) -> None:
    """The letter is the user's: an import adds its members and the record's lines,
    nothing else changes; a second import adds a line of codes to the same block."""
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    _import(letter, form)
    once = letter.read_text()
    diff = list(difflib.ndiff(LETTER.splitlines(), once.splitlines()))
    assert not [d for d in diff if d.startswith("- ")]
    added = [d[2:] for d in diff if d.startswith("+ ")]
    assert added[:8] == [
        "    - name: Jane Doe", "      organisation: Org J", "      country: Kenya",
        "    - name: Amir Haddad", "      organisation: Org A", "      country: Lebanon", "",
        "# Written by letterpress import: a code for each form row it took in, so that"]
    assert added[9] == "imported: |" and len(added) == 11
    codes = added[10].split()
    assert len(codes) == 2 and all(len(c) == 10 for c in codes)
    form.write_text(GOOGLE + "9/29/2024 10:00:00,b@example.org,Bea Lund,,\n")
    _import(letter, form)
    twice = letter.read_text()
    assert twice.endswith(f"imported: |\n  {' '.join(codes)}\n  {twice.split()[-1]}\n")
    assert read_yaml(twice, "x").data["imported"].split()[:2] == codes


def test_a_removed_signer_does_not_come_back(letter: Path) -> None:
    """A signer the coordinator removed (consent withdrawn, a prank row) stays removed:
    the next export still holds the row. Microsoft Forms' shape (ID, times, its own Name
    beside the Full name question), semicolons as Excel writes them in Europe."""
    form = letter.parent / "ms.csv"
    head = "ID;Start time;Completion time;Email;Name;Full name;Organisation\n"
    rows = ("1;9/28/24 14:01:10;9/28/24 14:03:11;anonymous;;Mickey Mouse;Disney\n"
            "2;9/28/24 15:00:00;9/28/24 15:02:00;anonymous;;Rana Khalil;Women Now\n")
    form.write_text(head + rows)
    _import(letter, form, "--map", "name=Full name")
    letter.write_text(letter.read_text().replace(
        "    - name: Mickey Mouse\n      organisation: Disney\n", ""))
    form.write_text(head + rows + "3;9/29/24 9:00:00;9/29/24 9:01:00;anonymous;;Omar Said;\n")
    out = _import(letter, form, "--map", "name=Full name")
    assert "+ Omar Said (line 4)" in out and "= Mickey Mouse (line 2; corrected or removed" \
        in out
    assert _names(letter) == ["1. Seed", "2. Rana Khalil, Women Now", "3. Omar Said"]


def test_namesakes_and_new_rows_still_come_in(letter: Path) -> None:
    """A second Jane Doe (another organisation) in a later row is another person, added
    as before; a row is known by what it says, so a resubmission saying the same is not
    a new signer (a deleted one stays deleted: sign adds her by hand). Typeform's shape."""
    form = letter.parent / "typeform.csv"
    head = "#,What is your full name?,What is the name of your organisation?,Submitted At\n"
    form.write_text(head + "a1,Jane Doe,Org J,2024-09-28 14:03:11\n")
    _import(letter, form)
    letter.write_text(letter.read_text().replace("Org J\n", "Org J International\n"))
    form.write_text(head + "a1,Jane Doe,Org J,2024-09-28 14:03:11\n"
                    "b2,Jane Doe,CARE Kenya,2024-09-29 08:00:00\n"
                    "c3,Jane Doe,Org J,2024-09-30 08:00:00\n")
    out = _import(letter, form)
    assert "added 1 to" in out and "+ Jane Doe (line 3)" in out
    assert "= Jane Doe (line 2; corrected" in out and "= Jane Doe (line 4; corrected" in out
    assert _names(letter) == ["1. Seed", "2. Jane Doe, Org J International",
                              "3. Jane Doe, CARE Kenya"]


def test_strict_refuses_a_likely_duplicate_every_time(letter: Path) -> None:
    """A row --strict refuses is not taken in: the next import refuses it again rather than
    forgetting it; the rows it took in are remembered as in any import."""
    form = letter.parent / "responses.csv"
    form.write_text("Full name,Organisation\nSeed,\nSéed,\nLina Nasser,SAMS\n")
    for _ in range(2):
        result = runner.invoke(app, ["import", str(letter), str(form), "--strict"])
        assert result.exit_code == 2, result.output
        assert "~ Séed (line 3) looks like the signatory at" in result.output
        assert "refused" in result.output
    assert "imported before: 0" in result.output and "= Seed (line 2; as at" in result.output
    letter.write_text(letter.read_text().replace("Lina Nasser", "Dr Lina Nasser"))
    result = runner.invoke(app, ["import", str(letter), str(form), "--strict"])
    assert "= Lina Nasser (line 4; corrected" in result.output
    assert _names(letter) == ["1. Seed", "2. Dr Lina Nasser, SAMS"]


def test_into_a_csv_source_the_letter_remembers(tmp_path: Path) -> None:
    """With a source file the members go there and the record into the letter, which
    travels with it; a correction made in the source keeps the old row out too. A
    read-only letter still takes its members into the source, remembering nothing."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: signed.csv\n")
    source = tmp_path / "signed.csv"
    source.write_text("name,organisation\r\nSeed,\r\n")
    form = tmp_path / "form.csv"
    form.write_text("Timestamp,Full name,Organisation\n9/28/2024 14:03:11,Jane Doe,Org J\n")
    out = _import(letter, form)
    assert source.read_bytes() == b"name,organisation\r\nSeed,\r\nJane Doe,Org J\r\n"
    assert "remembered 1 row in" in out and "imported: |\n" in letter.read_text()
    source.write_bytes(source.read_bytes().replace(b"Org J", b"Org J Intl"))
    out = _import(letter, form)
    assert "added 0" in out and "imported before: 1" in out
    assert source.read_text().count("Jane Doe") == 1
    letter.chmod(stat.S_IRUSR)
    try:
        form.write_text(form.read_text() + "9/29/2024 10:00:00,Omar Said,\n")
        result = runner.invoke(app, ["import", str(letter), str(form)])
        assert result.exit_code == 0, result.output
        assert "warning: the letter is read-only, so the rows taken in are not remembered" \
            in result.output
    finally:
        letter.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert source.read_bytes().endswith(b"Omar Said,\r\n")
    assert len(read_yaml(letter.read_text(), "l").data["imported"].split()) == 1


def test_a_dry_run_remembers_nothing(letter: Path) -> None:
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    out = _import(letter, form, "--dry-run")
    assert "would add 2" in out and "would remember 2 rows" in out
    assert letter.read_text() == LETTER


@pytest.mark.parametrize(("before", "after"), [
    # emptied by hand, with a comment after the key
    ("imported:   # old codes cleared\n", "imported: |   # old codes cleared\n  NEW\n"),
    ("imported: ~\n", "imported: |\n  NEW\n"),
    # blank lines after the block stay after it, and so does the key that follows
    ("imported: |\n    AAA BBB\n\n\nlayout: letter\n",
     "imported: |\n    AAA BBB\n    NEW\n\n\nlayout: letter\n"),
    ("imported: >-\n  AAA\n", "imported: >-\n  AAA\n  NEW\n"),
])
def test_the_record_block_grows_in_place(before: str, after: str) -> None:
    text = "title: t\n" + before
    assert yamledit.add_record(text, ["NEW"], read_yaml(text, "l.yaml")) == "title: t\n" + after


def test_a_record_that_is_not_a_block_is_refused_at_its_line(letter: Path) -> None:
    letter.write_text(LETTER + 'imported: "AAA"\n')
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2
    assert f"{letter}:6:11: 'imported' holds the codes of the form rows imported" in \
        result.output
    assert letter.read_text() == LETTER + 'imported: "AAA"\n'


def test_the_record_keeps_windows_line_ends_past_a_pasted_line_separator(
        tmp_path: Path) -> None:
    """YAML counts a pasted U+2028 as a line break, so the block's line as the reader
    gives it is one too far down; it is found where it is, and the file keeps its \\r\\n."""
    letter = tmp_path / "l.yaml"
    letter.write_bytes("title: 'Sahel\u2028now'\r\nsignatories:\r\n  members:\r\n    - Seed\r\n"
                       .encode())
    form = tmp_path / "form.csv"
    for name in ("Jane Doe", "Omar Said"):
        form.write_text(f"Full name\n{name}\n")
        _import(letter, form)
    raw = letter.read_bytes().decode()
    assert "\n" not in raw.replace("\r\n", "")
    assert raw.endswith("imported: |\r\n  " + "\r\n  ".join(
        read_yaml(raw.replace("\r\n", "\n"), "l").data["imported"].split()) + "\r\n")
