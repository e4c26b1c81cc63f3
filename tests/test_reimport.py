"""Web forms export every response every time: a row imported once is not taken in again,
even after the letter's copy was corrected or removed (tester h13c #6). The letter remembers
in comments, so it stays a letter of the shared format (letter-format.md has no key for it)."""

from __future__ import annotations

import difflib
import json
import stat
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from letterpress.cli import app
from letterpress.signatories.seen import HEADER, PREFIX
from letterpress.source import read_yaml

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "letter.schema.json"

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


def _memory(text: str) -> list[str]:
    """The lines of the import's memory, as written: comment lines starting so."""
    return [line for line in text.splitlines() if line.lstrip().startswith(PREFIX)]


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


def test_the_memory_is_comment_lines_at_the_end(letter: Path) -> None:
    """The letter stays a letter of the shared format, which any tool implementing it reads
    (its schema forbids a key it does not list): the import adds its members and, after the
    letter's last line, comment lines of codes, nothing else; a second import adds a line
    of codes under them."""
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    _import(letter, form)
    once = letter.read_text()
    data = yaml.safe_load(once)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert set(data) == {"title", "signatories"}
    assert runner.invoke(app, ["check", str(letter)]).exit_code == 0
    diff = list(difflib.ndiff(LETTER.splitlines(), once.splitlines()))
    assert not [d for d in diff if d.startswith("- ")]
    added = [d[2:] for d in diff if d.startswith("+ ")]
    assert added[:7] == [
        "    - name: Jane Doe", "      organisation: Org J", "      country: Kenya",
        "    - name: Amir Haddad", "      organisation: Org A", "      country: Lebanon", ""]
    assert added[7:8] == [HEADER] == [
        "# letterpress import: web-form rows already imported (delete these lines to import "
        "every row again)"] and len(added) == 9
    codes = added[8].removeprefix(PREFIX).split()
    assert len(codes) == 2 and all(len(c) == 10 for c in codes)
    form.write_text(GOOGLE + "9/29/2024 10:00:00,b@example.org,Bea Lund,,\n")
    _import(letter, form)
    twice = letter.read_text()
    assert not [d for d in difflib.ndiff(once.splitlines(), twice.splitlines())
                if d.startswith("- ")] and len(twice.split()[-1]) == 10
    assert twice.endswith(f"{HEADER}\n{PREFIX}{' '.join(codes)}\n{PREFIX}{twice.split()[-1]}\n")
    form.write_text(GOOGLE.splitlines()[0] + "\n" + "".join(
        f"9/30/2024 10:00:00,x{i}@example.org,Signer {i},,\n" for i in range(11)))
    _import(letter, form)
    lines = _memory(letter.read_text())
    assert [len(line.split()) - 3 for line in lines[3:]] == [5, 5, 1]
    assert max(len(line) for line in lines[1:]) <= 80


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
    """With a source file the members go there and the memory into the letter, which
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
    assert "remembered 1 row in" in out and letter.read_text().startswith(
        f"title: t\nsignatories:\n  source: signed.csv\n\n{HEADER}\n{PREFIX}")
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
    assert "\nremembered" not in result.output
    assert len(_memory(letter.read_text())) == 2  # the header and Jane Doe's code


def test_a_dry_run_remembers_nothing(letter: Path) -> None:
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    out = _import(letter, form, "--dry-run")
    assert "would add 2" in out and "would remember 2 rows" in out
    assert letter.read_text() == LETTER


WINDOWS = LETTER.replace("Ceasefire now", "Ceasefire\u2028now").replace("\n", "\r\n")
ENDINGS = {  # (the letter's bytes, its line end)
    "no last line break": (LETTER.rstrip("\n").encode(), "\n"),
    # a pasted U+2028, which YAML counts as a line break and an editor does not
    "windows with a BOM": (b"\xef\xbb\xbf" + WINDOWS.encode(), "\r\n"),
    "old mac": (LETTER.replace("\n", "\r").encode(), "\r"),
    # a '#' line indented in a block is its text: a comment there would print
    "a block's '#' line last": ((LETTER + "postscript: |\n  Follow us:\n  # CeasefireNow")
                                .encode(), "\n"),
    # a blank line before the memory would be the block's text
    "a block keeping its blank lines": ((LETTER + "postscript: |+\n  Stay safe.\n\n").encode(),
                                        "\n"),
}


@pytest.mark.parametrize(("raw", "newline"), ENDINGS.values(), ids=list(ENDINGS))
def test_the_memory_goes_after_the_last_line_however_the_letter_ends(
        tmp_path: Path, raw: bytes, newline: str) -> None:
    """The codes go at the start of lines after the letter's last one, in its own line
    ends, after its BOM; read back, the letter holds what it held plus the members, and
    the codes bring the removed signer back no more."""
    letter = tmp_path / "l.yaml"
    letter.write_bytes(raw)
    text = raw.decode("utf-8-sig").replace(newline, "\n")
    text += "" if text.endswith("\n") else "\n"  # (as an editor adds it)
    before = read_yaml(text, "l").data
    form = tmp_path / "form.csv"
    form.write_text("Full name,Organisation\nJane Doe,Org J\n")
    _import(letter, form)
    after = letter.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff") == raw.startswith(b"\xef\xbb\xbf")
    assert not after.replace(newline, "").count("\r") + after.replace(newline, "").count("\n")
    assert _memory(after.replace(newline, "\n"))[0] == HEADER
    added = {"name": "Jane Doe", "organisation": "Org J"}
    assert read_yaml(after.lstrip("\ufeff").replace(newline, "\n"), "l").data == {
        **before, "signatories": {"members": ["Seed", added]}}
    jane = f"    - name: Jane Doe{newline}      organisation: Org J{newline}"
    letter.write_bytes(after.replace(jane, "").encode())  # removed by the coordinator
    out = _import(letter, form)
    assert "imported before: 1" in out and "added 0" in out and "remembered" not in out
    form.write_text("Full name,Organisation\nJane Doe,Org J\nOmar Said,\n")
    assert "+ Omar Said (line 3)" in _import(letter, form)
    final = letter.read_bytes().decode("utf-8")
    memory = _memory(final.replace(newline, "\n"))
    assert final.endswith(newline.join(memory[-2:]) + newline) and len(memory) == 3
    assert final.count(HEADER) == 1 and "Jane" not in final
    assert read_yaml(final.lstrip("\ufeff").replace(newline, "\n"), "l").data[
        "signatories"] == {"members": ["Seed", "Omar Said"]}


def _imported(letter: Path) -> tuple[str, list[str]]:
    """GOOGLE imported into ``letter``: the letter's text before its memory, and the lines
    of the memory."""
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE)
    _import(letter, form)
    text = letter.read_text()
    memory = _memory(text)
    assert text.endswith("\n\n" + "\n".join(memory) + "\n")
    return text.removesuffix("\n\n" + "\n".join(memory) + "\n") + "\n", memory


def test_a_memory_moved_by_hand_is_read_where_it_stands(letter: Path) -> None:
    """A coordinator tidying the letter moved the comment lines to its top and indented
    them: they are read there; the new codes go at the end, under a header of their own."""
    text, memory = _imported(letter)
    moved = "".join(f"  {line}\n" for line in memory) + text.replace(
        "organisation: Org J\n", "organisation: Org J International\n")
    letter.write_text(moved)
    form = letter.parent / "responses.csv"
    form.write_text(GOOGLE + "9/29/2024 10:00:00,new@example.org,New Person,Org N,Ghana\n")
    out = _import(letter, form)
    assert "added 1 to" in out and "imported before: 1" in out and "warning: " not in \
        out.replace("warning: columns", "")
    after = letter.read_text()
    assert after.startswith(moved.replace("Ghana", "")[:len(moved) - 1])
    assert _memory(after)[:2] == [f"  {line}" for line in memory]
    assert after.endswith(f"\n\n{HEADER}\n{PREFIX}{after.split()[-1]}\n")
    assert _import(letter, form).count("imported before: 1") == 1
    assert letter.read_text() == after


def test_a_memory_edited_by_hand_keeps_its_codes_and_warns_at_the_rest(letter: Path) -> None:
    """A line of codes edited by hand: the words that are not codes are passed over, each
    line with a warning at its place (the rows they stood for come in again); the codes
    beside them still count."""
    text, memory = _imported(letter)
    jane, amir = memory[1].removeprefix(PREFIX).split()
    removed = text.replace("    - name: Jane Doe\n      organisation: Org J\n      country: "
                           "Kenya\n    - name: Amir Haddad\n      organisation: Org A\n"
                           "      country: Lebanon\n", "")
    assert removed.count("\n") == 5
    letter.write_text(removed + f"\n{HEADER}\n{PREFIX}{jane} {amir[:-1]} (Jane, Amir)\n"
                      f"{PREFIX}\n")
    result = runner.invoke(app, ["import", str(letter), str(letter.parent / "responses.csv")])
    assert result.exit_code == 0, result.output
    assert f"{letter}:8:34: warning: '{amir[:-1]}' and 2 more words on this line are not " \
        "import codes (10 letters, digits, - or _; edited by hand?): passed over, so a row " \
        "one stood for comes in again" in result.output
    assert result.output.count(f"{letter}:") == 1
    assert "imported before: 1\n  = Jane Doe (line 2;" in result.output
    assert "+ Amir Haddad (line 3)" in result.output
    assert _memory(letter.read_text())[-1] == PREFIX + amir


def test_codes_inside_a_text_are_text(letter: Path) -> None:
    """Lines of codes moved into a block's text ('postscript: |', indented) are the
    letter's text, which prints, not comments: they are not read, and a warning says so;
    the new memory goes after the block, at the start of a line, as comments."""
    text, memory = _imported(letter)
    block = "postscript: |\n  Thank you.\n" + "".join(f"  {line}\n" for line in memory)
    letter.write_text(text + block)
    result = runner.invoke(app, ["import", str(letter), str(letter.parent / "responses.csv")])
    assert result.exit_code == 0, result.output
    assert f"{letter}:15:3: warning: this line of import codes is inside a text of the " \
        "letter (indented in a block such as 'note: |', or in quotes), which prints it: not " \
        "a comment, its codes are not read; move it out, to a line's start" in result.output
    assert "already present: 2" in result.output and "added 0" in result.output
    after = letter.read_text()
    assert after == text + block + "\n" + "\n".join(memory) + "\n"
    assert read_yaml(after, "l").data["postscript"] == "Thank you.\n" + "\n".join(
        memory) + "\n"
