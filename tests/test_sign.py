"""sign and import: only the new lines change, nothing is ever lost, duplicates are caught."""

from __future__ import annotations

import difflib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterpress.cli import app
from letterpress.signatories.seen import HEADER
from letterpress.source import read_yaml

runner = CliRunner()
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}

COMMENTED = """\
# Joint letter on Aleppo.   Comments, blank lines and quotes must survive.
title: 'Aleppo'      # single-quoted on purpose
date: 2016-12-15

signatories:
  numbering: continuous   # across groups

  groups:
    # the alliance first
    - name: Syrian NGO Alliance (SNA)
      members:
        - Big Heart          # founding member
        - "Basmeh &Zeitooneh"
        - name: Dr Amer Masri
          role: Director

    - name: Friends
      members: [Zaytoon, 'Baytna Syria']
# end of letter
"""


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "aleppo.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def _added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [d for d in diff if d.startswith("- ")], "a line was removed or changed"
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_sign_adds_only_new_lines(letter: Path) -> None:
    result = runner.invoke(app, ["sign", str(letter), "Hand In Hand", "--group",
                                 "Syrian NGO Alliance (SNA)", "--role", "Director: ops",
                                 "--country", "Syria"])
    assert result.exit_code == 0, result.output
    added = _added_lines(COMMENTED, letter.read_text())
    assert added == ["        - name: Hand In Hand", '          role: "Director: ops"',
                     "          country: Syria"]


def test_sign_new_group_and_ungrouped(letter: Path) -> None:
    assert runner.invoke(app, ["sign", str(letter), "New Org", "--group", "Newcomers"]
                         ).exit_code == 0
    result = runner.invoke(app, ["sign", str(letter), "Alone"])  # above every group: asked
    assert result.exit_code == 2 and "--group \"\" to put it there" in result.output
    assert runner.invoke(app, ["sign", str(letter), "Alone", "--group", ""]).exit_code == 0
    after = letter.read_text()
    assert _added_lines(COMMENTED, after) == [
        "    - name: Newcomers", "      members:", "        - New Org", "  members:",
        "    - Alone"]
    data = read_yaml(after, "x").data
    assert data["signatories"]["groups"][-1] == {"name": "Newcomers", "members": ["New Org"]}


def test_sign_into_a_group_named_in_several_languages(tmp_path: Path) -> None:
    path = tmp_path / "l.yaml"
    text = ("lang: [en, ar]\ntitle: T\nsignatories:\n  groups:\n"
            "    - name: {en: Doctors, ar: الأطباء}\n      members:\n        - A\n")
    path.write_text(text, encoding="utf-8")
    for group in ("doctors", "الأطباء"):
        result = runner.invoke(app, ["sign", str(path), f"Signer {group}", "--group", group])
        assert result.exit_code == 0, result.output
    assert _added_lines(text, path.read_text(encoding="utf-8")) == [
        "        - Signer doctors", "        - Signer الأطباء"]


@pytest.mark.parametrize("flow", [False, True])
def test_import_into_a_group_named_in_two_of_its_languages(tmp_path: Path, flow: bool) -> None:
    """A form's rows naming one group in Arabic and in English were refused as an edit that
    would not read back (two insertions at one place, in the wrong order), with a hint about
    anchors that the '&' in a name had brought on."""
    path = tmp_path / "l.yaml"
    members = "      members: [Basmeh &Zeitooneh]\n" if flow else \
        "      members:\n        - Basmeh &Zeitooneh\n        - '*Bold* name'\n"
    text = ("lang: [en, ar]\ntitle: T\nsignatories:\n  groups:\n"
            "    - name: {en: Friends, ar: الأصدقاء}\n" + members)
    path.write_text(text, encoding="utf-8")
    form = tmp_path / "form.csv"
    form.write_text("Name,Group\nKhaled,الأصدقاء\nMona,Friends\nSami,الأصدقاء\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), str(form)])
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert ("members: [Basmeh &Zeitooneh, Khaled, Mona, Sami]\n" in after if flow else
            _added_lines(text, after)[:3] == ["        - Khaled", "        - Mona",
                                               "        - Sami"])


def test_the_anchor_hint_comes_only_with_an_alias() -> None:
    """The hint was a text search, which an '&' or '*' in a name or an unused anchor met."""
    from letterpress.signatories.yamledit import EditError, verify
    for text, hint in (("a: [Basmeh &Zeitooneh, '*Bold*', &unused x]\n", False),
                       ("a: &m [x]\nb: *m\n", True)):
        with pytest.raises(EditError) as caught:
            verify(text, "l.yaml", {})
        assert ("an anchor &, alias *" in str(caught.value)) is hint


def test_sign_names_the_group_as_the_letter_spells_it(tmp_path: Path) -> None:
    """--group "  DOCTORS " joined Doctors but was reported, and written into a CSV source,
    as typed; a new group's name is written with its spacing tidied, not quoted as typed."""
    path = tmp_path / "l.yaml"
    path.write_text("lang: [en, ar]\ntitle: T\nsignatories:\n  source: s.csv\n  groups:\n"
                    "    - name: {en: Doctors, ar: الأطباء}\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text("name,group\nA,Doctors\n")
    for name, typed, joined in (("B", "  DOCTORS ", "group 'Doctors'"),
                                ("C", " الأطباء", "group 'الأطباء'"),
                                ("D", "  New   Group ", "a new group 'New Group' (at the end)")):
        result = runner.invoke(app, ["sign", str(path), name, "--group", typed])
        assert result.exit_code == 0, result.output
        assert f"added '{name}' to {joined} in " in result.output
    assert (tmp_path / "s.csv").read_text() == ("name,group\nA,Doctors\nB,Doctors\n"
                                                "C,الأطباء\nD,New Group\n")


def test_a_name_beginning_with_a_dash_is_signed_after_double_dash(letter: Path) -> None:
    """As README says: without '--' the name is read as an option (Typer: "No such option")."""
    result = runner.invoke(app, ["sign", str(letter), "--group", "Friends", "--",
                                 "- Leading Dash Org"])
    assert result.exit_code == 0, result.output
    assert "'Baytna Syria', \"- Leading Dash Org\"]" in letter.read_text()
    assert "'-' goes after '--'" in " ".join(runner.invoke(app, ["sign", "--help"]).output.split())


def test_sign_into_flow_list(letter: Path) -> None:
    assert runner.invoke(app, ["sign", str(letter), "Peace, Justice", "--group", "friends"]
                         ).exit_code == 0
    assert "members: [Zaytoon, 'Baytna Syria', \"Peace, Justice\"]" in letter.read_text()


@pytest.mark.parametrize("group", ["Syrian NGO Alliance (SNA)", "Friends"])  # block, flow
def test_a_name_holding_a_line_or_paragraph_separator_or_nel_is_kept_escaped(
        letter: Path, tmp_path: Path, group: str) -> None:
    """A NEL, U+2028 or U+2029 in a name (pasted from Word or JSON) was written as it is,
    a line break to YAML: the edit failed, blamed on the letter's YAML, and an import
    took no row at all. Written escaped, each name reads back as given."""
    names = ["A\u2028B", "C\u2029D", "E\x85F"]
    result = runner.invoke(app, ["sign", str(letter), names[0], "--group", group])
    assert result.exit_code == 0, result.output
    form = tmp_path / "form.csv"
    form.write_text("Name\nGood Person\n" + "\n".join(names[1:]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(form), "--group", group])
    assert result.exit_code == 0 and "added 3" in result.output, result.output
    text = letter.read_text(encoding="utf-8")
    assert '"A\\u2028B"' in text and '"E\\u0085F"' in text
    groups = read_yaml(text, "l").data["signatories"]["groups"]
    members = next(g["members"] for g in groups if g["name"] == group)
    assert members[-4:] == [names[0], "Good Person", *names[1:]]


def test_exact_duplicate_is_refused_naming_the_line(letter: Path) -> None:
    result = runner.invoke(app, ["sign", str(letter), "big  heart", "--group", "Friends"])
    assert result.exit_code == 2
    assert f"{letter}:12:11: 'big  heart' has already signed" in result.output
    assert letter.read_text() == COMMENTED


@pytest.mark.parametrize(("name", "line"), [("Basmeh & Zeitooneh", 13),
                                            ("Syrian NGO Alliance SNA", 0)])
def test_likely_duplicate_warns_or_is_refused(letter: Path, name: str, line: int) -> None:
    strict = runner.invoke(app, ["sign", str(letter), name, "--strict", "--group", ""])
    if line:
        assert strict.exit_code == 2 and f"{letter}:{line}:11: '{name}' looks like" in \
            strict.output
        assert letter.read_text() == COMMENTED
        loose = runner.invoke(app, ["sign", str(letter), name, "--group", ""])
        assert loose.exit_code == 0 and f"{letter}:{line}:11: warning: '{name}'" in loose.output
        assert name in letter.read_text()


def test_accents_make_a_likely_duplicate_in_latin_letters_only(letter: Path) -> None:
    """"Bïg Heart" was added beside "Big Heart" without a word: the likely check did not
    fold accents. It does, of Latin letters (and Arabic spelling variants, see
    test_duplicates): in Cyrillic a breve makes another letter (Мой / Мои stay apart)."""
    result = runner.invoke(app, ["sign", str(letter), "Bïg Heart", "--strict", "--group", ""])
    assert result.exit_code == 2 and f"{letter}:12:11: 'Bïg Heart' looks like" in result.output
    assert letter.read_text() == COMMENTED
    assert runner.invoke(app, ["sign", str(letter), "Мой", "--strict", "--group", ""]
                         ).exit_code == 0
    result = runner.invoke(app, ["sign", str(letter), "Мои", "--strict", "--group", ""])
    assert result.exit_code == 0 and "warning" not in result.output, result.output


def test_sams_acronym_is_a_likely_duplicate(letter: Path) -> None:
    assert runner.invoke(app, ["sign", str(letter), "SAMS", "--group", ""]).exit_code == 0
    result = runner.invoke(app, ["sign", str(letter), "Syrian American Medical Society SAMS",
                                 "--strict", "--group", ""])
    assert result.exit_code == 2 and "looks like" in result.output


def test_dry_run_changes_nothing(letter: Path) -> None:
    result = runner.invoke(app, ["sign", str(letter), "Someone", "--dry-run", "--group", ""])
    assert result.exit_code == 0 and "would add" in result.output
    assert letter.read_text() == COMMENTED


def test_sign_goes_to_first_source(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: [s.csv, t.yaml]\n")
    csv_bytes = "\ufeffName;Group;Role\r\nA;G;\r\n".encode()
    (tmp_path / "s.csv").write_bytes(csv_bytes)
    (tmp_path / "t.yaml").write_text("- B\n")
    result = runner.invoke(app, ["sign", str(letter), "C; D", "--group", "G", "--role", "R"])
    assert result.exit_code == 0, result.output
    after = (tmp_path / "s.csv").read_bytes()
    assert after == csv_bytes + b'"C; D";G;R\r\n'
    assert (tmp_path / "t.yaml").read_text() == "- B\n"


def test_sign_refuses_a_field_the_csv_has_no_column_for(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("name\nA\n")
    result = runner.invoke(app, ["sign", str(letter), "B", "--country", "Syria"])
    assert result.exit_code == 2 and "no column for country" in result.output
    assert (tmp_path / "s.csv").read_text() == "name\nA\n"


def test_import_into_a_csv_without_verified_writes_no_default(tmp_path: Path) -> None:
    """Every row consented (verified: true, the default), yet an import into a CSV source
    without a verified column was refused ("no column for verified"), not saying which
    form column needed it. The default is not written; where a value must be, the form's
    column is named."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("name,organisation\nOxfam,\n")
    form = tmp_path / "form.csv"
    form.write_text("Full name,Organization,Do you agree to be listed publicly?\n"
                    "Sara Cohen,BTselem,Yes\nKofi Mensah,,Yes\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "added 2 to" in result.output, result.output
    assert (tmp_path / "s.csv").read_text() == \
        "name,organisation\nOxfam,\nSara Cohen,BTselem\nKofi Mensah,\n"
    form.write_text("Full name,Do you agree to be listed publicly?,Your role\nNo One,No,Chair\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2, result.output
    assert "s.csv:1:1: no column for role (from the form's column 'Your role'), verified (from " \
        "the form's column 'Do you agree to be listed publicly?'); add the column" in \
        result.output


def test_sign_into_yaml_source(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: more.yaml\n")
    (tmp_path / "more.yaml").write_text("# people\n  - A   # first\n")
    assert runner.invoke(app, ["sign", str(letter), "B", "--group", "G"]).exit_code == 0
    assert (tmp_path / "more.yaml").read_text() == \
        "# people\n  - A   # first\n  - name: B\n    group: G\n"


FORM = ("Full name,Organisation,E-mail,Group\n"
        "\"Dr Amer\nMasri\",IDA,a@example.org,Doctors\n"
        "Big Heart,,,Syrian NGO Alliance (SNA)\n"
        ",,nobody@example.org,\n"
        "Basmeh & Zeitooneh,,,\n")


def test_import_rejects_a_name_of_invisible_marks(letter: Path, tmp_path: Path) -> None:
    """A name of only an RLM or zero-width spaces was added, printing a numbered line
    without a name."""
    form = tmp_path / "form.csv"
    form.write_text("Name,Organisation\n\u200f,X\n\u200b\u200b ,Y\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2 and "added 0 to" in result.output, result.output
    assert "form.csv:2:1: a signatory's name is empty" in result.output
    assert "form.csv:3:1: a signatory's name is empty" in result.output
    assert letter.read_text() == COMMENTED


def test_import_reports_and_reimport_adds_nothing(letter: Path, tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    form.write_text(FORM)
    result = runner.invoke(app, ["import", str(letter), str(form), "--map", "name=Full name",
                                 "--group", ""])
    assert result.exit_code == 2  # one row was rejected
    out = result.output
    assert "added 2 to" in out and "+ Dr Amer Masri (line 2)" in out
    assert "already present: 1" in out and "= Big Heart (line 4" in out
    assert "likely duplicates: 2" in out and "~ Basmeh & Zeitooneh (line 6)" in out
    assert "~ Dr Amer Masri (line 2) looks like the signatory at" in out  # same name, new org
    assert "rejected: 1" in out and "form.csv:5:1: a signatory's name is empty" in out
    assert "'E-mail' ignored" in out
    once = letter.read_text()
    _added_lines(COMMENTED, once)
    again = runner.invoke(app, ["import", str(letter), str(form), "--map", "name=Full name"])
    assert "added 0 to" in again.output and "already present: 3" in again.output
    assert letter.read_text() == once


def test_import_group_option(letter: Path, tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    form.write_text("name\nOne\nTwo\n")
    result = runner.invoke(app, ["import", str(letter), str(form), "--group", "Friends"])
    assert result.exit_code == 0
    assert "members: [Zaytoon, 'Baytna Syria', One, Two]" in letter.read_text()


def test_import_map_to_a_column_that_is_not_there(letter: Path, tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    form.write_text("Full name,Organisation\nOne,X\n")
    result = runner.invoke(app, ["import", str(letter), str(form), "--map", "name=Ful name"])
    assert result.exit_code == 2
    assert (f"{form}:1:1: no column 'Ful name' (--map name=Ful name); the columns are: "
            "'Full name', 'Organisation'") in result.output
    assert letter.read_text() == COMMENTED


def _letter_and_form(tmp_path: Path, form_text: str) -> tuple[Path, Path]:
    """A letter signed by A, and a web form's CSV export beside it."""
    letter, form = tmp_path / "l.yaml", tmp_path / "form.csv"
    letter.write_text("title: t\nsignatories:\n  members:\n    - A\n")
    form.write_text(form_text)
    return letter, form


@pytest.mark.parametrize(("header", "row", "expected"), [
    # Google Forms
    ("Timestamp,Full name,Organisation name,Country", "1/1/2026,Amina Yusuf,Women Now,Syria",
     "name: Amina Yusuf\n      organisation: Women Now\n      country: Syria"),
    # JotForm
    ("Submission Date,Full Name,Organization Name,Title,E-mail", "x,Hassan Ali,HIHFAD,Director,h@e",
     "name: Hassan Ali\n      role: Director\n      organisation: HIHFAD"),
    # Typeform's questions
    ("#,What is your full name?,What is the name of your organisation?,Your role",
     "1,Leila Haddad,SAMS,Doctor", "name: Leila Haddad\n      role: Doctor\n"
     "      organisation: SAMS"),
    # organisations signing: their name is the signatory's
    ("Organisation (optional),Country", "Baytna Syria,Syria",
     "name: Baytna Syria\n      country: Syria"),
    # a question for the country (Typeform; Microsoft Forms' "Country/Region")
    ("What is your full name?,Which country are you based in?", "Rami Aziz,Jordan",
     "name: Rami Aziz\n      country: Jordan"),
    ("Name,Country/Region", "Ana Silva,Brazil", "name: Ana Silva\n      country: Brazil"),
])
def test_import_knows_web_form_headers(tmp_path: Path, header: str, row: str,
                                       expected: str) -> None:
    letter, form = _letter_and_form(tmp_path, f"{header}\n{row}\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0, result.output
    assert f"    - {expected}\n" in letter.read_text()


@pytest.mark.parametrize(("header", "row", "expected"), [
    ("Full name,Which organisation do you represent?", "X Y,Big Heart",
     "name: X Y\n      organisation: Big Heart"),
    ('Full name,Your organisation’s name,"Your role, if any"', "X Y,Big Heart,Chair",
     "name: X Y\n      role: Chair\n      organisation: Big Heart"),
    ("Full name,NGO name,Role in organisation,Website URL", "X Y,Big Heart,Chair,https://b.org",
     "name: X Y\n      role: Chair\n      organisation: Big Heart\n      url: https://b.org"),
    ("Full name,Organisation you represent,Organisation website", "X Y,Big Heart,https://b.org",
     "name: X Y\n      organisation: Big Heart\n      url: https://b.org"),
    ("Full name,اسم منظمتك", "X Y,القلب الكبير", "name: X Y\n      organisation: القلب الكبير"),
    ("Full name,المنظمة التي تمثلها", "X Y,القلب الكبير",
     "name: X Y\n      organisation: القلب الكبير"),
])
def test_import_reads_a_member_detail_asked_as_a_question(tmp_path: Path, header: str, row: str,
                                                         expected: str) -> None:
    """These titles were ignored with a note, and the letter went out without the signers'
    affiliations."""
    letter, form = _letter_and_form(tmp_path, f"{header}\n{row}\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "ignored" not in result.output, result.output
    assert f"    - {expected}\n" in letter.read_text()


@pytest.mark.parametrize(("title", "fields"), [
    ("Group/Organization", ("group", "organisation")), ("Network", ("group",)),
    ("Coalition", ("group",)), ("المجموعة أو الشبكة", ("group",)),
    ("Member of which organisation?", ("organisation",)),
    ("منظمة شريكة", ("organisation",)), ("Your role in the campaign", ("role",)),
    ("Where is your ONG based?", ("organisation",)),
    ("How did you hear about our organisation?", ("organisation",)),
])
def test_import_asks_for_a_column_that_may_be_a_member_detail(tmp_path: Path, title: str,
                                                              fields: tuple[str, ...]) -> None:
    """A column whose title names a member's detail, under a question the titles matched
    do not know, was ignored with a note: now the import stops, nothing written, with the
    --map that reads it and the --ignore that leaves it out."""
    letter, form = _letter_and_form(tmp_path, f'Full name,Email,"{title}"\nX Y,x@y.org,Z\n')
    before = letter.read_text()
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2 and letter.read_text() == before, result.output
    assert f"form.csv:1:17: column '{title}' may hold the signatories' {' or '.join(fields)}, " \
        "which no column gives: " + " or ".join(f'--map "{field}={title}"' for field in fields) \
        + f' reads it, --ignore "{title}" leaves it out' in result.output
    result = runner.invoke(app, ["import", str(letter), str(form), "--ignore", title])
    assert result.exit_code == 0 and "'Email' ignored" in result.output, result.output
    assert title not in result.output and "    - X Y\n" in letter.read_text()


@pytest.mark.parametrize(("header", "row"), [
    # Typeform's export: its "Network ID" is a code, no network
    ("#,First name,Last name,Organization,Network ID,Tags", "1,Amal,Haddad,Amnesty,abc123,"),
    # an opt-in question naming the coalition, answered yes or no
    ("Full name,Would you like to receive updates from the Alliance?", "X Y,Yes"),
    ("Full name,هل تود الانضمام إلى الشبكة؟", "X Y,نعم"),
    ("Full name,Network", "X Y,"),  # asked, never answered: nothing to lose
])
def test_import_notes_a_column_whose_answers_are_no_detail(tmp_path: Path, header: str,
                                                          row: str) -> None:
    """A column whose title names a detail but whose answers are yes/no, codes or nothing
    was refused, with a --map that would have filed the signers under "Yes" and "No":
    every Typeform export stopped at its "Network ID". It is noted and left out."""
    letter, form = _letter_and_form(tmp_path, f'{header}\n{row}\n')
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "ignored" in result.output, result.output
    assert "--map" not in result.output


def test_import_ignore_and_map_name_columns_that_are_there(tmp_path: Path) -> None:
    letter, form = _letter_and_form(tmp_path, "Full name,Network\nX Y,Z\n")
    result = runner.invoke(app, ["import", str(letter), str(form), "--ignore", "Networks"])
    assert result.exit_code == 2 and "no column 'Networks' (--ignore Networks)" in result.output
    result = runner.invoke(app, ["import", str(letter), str(form), "--ignore", "Network",
                                 "--map", "group=Network"])
    assert result.exit_code == 2 and "'Network' is given to --map group and to --ignore" in \
        result.output
    result = runner.invoke(app, ["import", str(letter), str(form), "--map", "group=Network"])
    assert result.exit_code == 0 and "    - name: Z\n      members:\n        - X Y\n" in \
        letter.read_text(), result.output


@pytest.mark.parametrize("header", [
    "Full name,Organisation,How did you hear about our organisation?",  # the detail is there
    "Full name,Organisation email,Timestamp",  # a contact's address, not a member's detail
    "Full name,I agree that my organisation is listed,Timestamp",  # consent
])
def test_import_notes_columns_that_are_not_a_member_detail(tmp_path: Path, header: str) -> None:
    """Columns that are not a member's detail, or whose detail another column gives, are
    left out with a note, as before."""
    letter, form = _letter_and_form(tmp_path, f"{header}\nX Y,yes,2\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "ignored" in result.output, result.output


@pytest.mark.parametrize("title", [
    "Comment", "Comments", "Comments (optional)", "Your comments", "Any comments?", "Message",
    "Remarks", "Feedback", "Notes", "Note (optional)", "Your note",
    "Any comments for the coalition?", "Commentaires", "Comentarios", "ملاحظات", "تعليقات",
])
def test_import_leaves_a_forms_comments_box_out(tmp_path: Path, title: str) -> None:
    """A form's free "Comments" box, written to the organisers ("Off the record: ..."),
    was read as each signer's note and published beside the name: it is ignored with
    the other columns, and only a column titled ``note`` is the note."""
    letter, form = _letter_and_form(
        tmp_path, f'Full name,Organisation,"{title}",Consent\nX Y,Z,Off the record,yes\n')
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and f"'{title}' ignored" in result.output, result.output
    assert "Off the record" not in letter.read_text() and "    - name: X Y\n" in \
        letter.read_text()
    assert "consent from column 'Consent'" in result.output
    letter, form = _letter_and_form(tmp_path, "Full name,Note\nX Y,Chair since 2019\n")
    assert runner.invoke(app, ["import", str(letter), str(form)]).exit_code == 0
    assert "note: Chair since 2019" in letter.read_text()


def test_import_writes_a_run_of_spaces_as_one(tmp_path: Path) -> None:
    """A form's "Jane   Doe" went into the letter as typed and printed so in the DOCX and
    the text (HTML and PDF fold spaces)."""
    letter, form = _letter_and_form(tmp_path, "Full name,Organisation\n"
                                              "Jane   Doe,Amnesty \t International\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0, result.output
    assert "    - name: Jane Doe\n      organisation: Amnesty International\n" in \
        letter.read_text()


def test_import_joins_first_and_last_name_columns(tmp_path: Path) -> None:
    """Typeform's and JotForm's name fields export First name and Last name columns."""
    letter, form = _letter_and_form(
        tmp_path, "Last Name,First Name,Organization\nHaddad,Amal,ALRC\n,Jane,PAX\n"
                  "Okafor,,\n,,Org only\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2 and "added 3" in result.output  # and one row rejected
    text = letter.read_text()
    assert "    - name: Amal Haddad\n      organisation: ALRC\n" in text
    assert "    - name: Jane\n      organisation: PAX\n    - Okafor\n" in text
    assert "form.csv:5:2: a signatory's name is empty" in result.output
    # a name column wins; the parts are then ignored, and said so
    form.write_text("Name,First name,Surname\nDr Hadi Saleh,Hadi,Saleh\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0, result.output
    assert "    - Dr Hadi Saleh\n" in letter.read_text()
    assert "columns 'First name', 'Surname' ignored" in result.output
    form.write_text("First name,Given name\nA,B\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2
    assert "a second column for first name: 'First name' (column 1) and 'Given name' " \
        "(column 2)" in \
        result.output


def test_sign_into_a_csv_of_split_names_reads_back_whole(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("First name,Last name\nAmal,Haddad\n")
    result = runner.invoke(app, ["sign", str(letter), "Mohammed bin Ali Al-Saleh"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s.csv").read_text() == \
        "First name,Last name\nAmal,Haddad\nMohammed bin Ali Al-Saleh,\n"
    result = runner.invoke(app, ["signatories", str(letter)])
    assert result.exit_code == 0, result.output
    assert "Amal Haddad" in result.output and "Mohammed bin Ali Al-Saleh," in result.output


def test_import_two_name_columns_offers_map(tmp_path: Path) -> None:
    """Microsoft Forms adds the respondent's Name beside the form's own Full name."""
    letter, form = _letter_and_form(tmp_path, "ID;Name;Full name;Organisation\n1;;Jane Doe;X\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2 and "(or choose one with --map FIELD=COLUMN)" in result.output
    result = runner.invoke(app, ["import", str(letter), str(form), "--map", "name=Full name",
                                 "--map", "organization=Organisation"])
    assert result.exit_code == 0, result.output
    assert "    - name: Jane Doe\n      organisation: X\n" in letter.read_text()


def test_export_neutralises_formulas(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text('title: t\nsignatories:\n  members:\n    - "=HYPERLINK(\\"x\\")"\n'
                      '    - name: "+Plus"\n      role: "@role"\n    - "-minus"\n')
    result = runner.invoke(app, ["signatories", str(letter), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("number,group,name,role")
    assert lines[1] == '1,,"\'=HYPERLINK(""x"")",,,,,,'
    assert lines[2].startswith("2,,'+Plus,'@role")
    assert lines[3].startswith("3,,'-minus")


def test_export_has_no_display_isolates(tmp_path: Path) -> None:
    """The view isolates an Arabic name in an English letter for display; the exported
    cells hold the names as written."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n"
                      "    - {name: محمد العلي, organisation: بيتنا}\n")
    result = runner.invoke(app, ["signatories", str(letter), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == "1,,محمد العلي,,بيتنا,,,,"


def test_export_to_a_file_opens_in_excel_and_imports_back(tmp_path: Path) -> None:
    """Excel takes a CSV without a byte-order mark for the local code page (mojibake for
    Arabic); the file written with -o has one, and reads back as a source unchanged."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n"
                      "    - {name: محمد العلي, organisation: Café Liberté}\n")
    out = tmp_path / "list.csv"
    result = runner.invoke(app, ["signatories", str(letter), "-o", str(out)])
    assert result.exit_code == 0 and result.output == ""
    assert out.read_bytes() == "\ufeffnumber,group,name,role,organisation,country,url,note," \
        "added\n1,,محمد العلي,,Café Liberté,,,,\n".encode()
    again = tmp_path / "again.yaml"
    again.write_text("title: t\nsignatories:\n  source: list.csv\n")
    result = runner.invoke(app, ["signatories", str(again)])
    assert result.output.splitlines()[1] == "1,,محمد العلي,,Café Liberté,,,,"
    letter.write_text("title: t\nsignatories:\n  members: [{name: A, url: www.example.org/a}]\n")
    runner.invoke(app, ["signatories", str(letter), "-o", str(out), "--force"])  # (another
    # list: its row would be lost without --force); a bare web address is written as typed
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == "1,,A,,,,www.example.org/a,,"
    runner.invoke(app, ["signatories", str(letter), "--format", "json", "-o", str(out),
                        "--force"])  # (a CSV export is not a JSON one)
    assert out.read_text(encoding="utf-8").startswith("{")  # no mark: JSON must not have one
    result = runner.invoke(app, ["signatories", str(letter), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_export_never_replaces_what_the_letter_reads(tmp_path: Path) -> None:
    """`-o signatories.csv`, the source's own name, replaced the source with the export,
    which leaves out unverified members and their notes: gone for good. The letter's files
    are refused even with --force; another existing file needs --force, unless it is an
    earlier export, which is replaced as before."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: signatories.csv\n")
    source = tmp_path / "signatories.csv"
    source.write_text("name,verified,note\nA,yes,\nB,no,waiting for consent\n")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    for target, force in ((source, True), (letter, True), (notes, False)):
        before = target.read_bytes()
        result = runner.invoke(app, ["signatories", str(letter), "-o", str(target)]
                               + (["--force"] if force else []))
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert target.read_bytes() == before
    assert "built from" in result.output or "not an earlier" in result.output
    out = tmp_path / "list.csv"
    for _ in range(2):  # an earlier export is replaced without asking
        result = runner.invoke(app, ["signatories", str(letter), "-o", str(out)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["signatories", str(letter), "-o", str(notes), "--force"])
    assert result.exit_code == 0 and notes.read_text(encoding="utf-8-sig").startswith("number")


@pytest.mark.parametrize("fmt", ["csv", "json", "txt"])
def test_every_export_refreshes_itself(tmp_path: Path, fmt: str) -> None:
    """`signatories --format txt -o FILE` refused its own earlier export, 'not an earlier
    txt export' (a text export has no head to know it by). Each format refreshes its own
    export, also renumbered by a member added above; a text export is one whose every line
    (numbers aside) is in the new one, so another text, or a line corrected in it, is
    refused at its line."""
    letter, out = tmp_path / "l.yaml", tmp_path / f"list.{fmt}"
    letter.write_text("title: t\nsignatories:\n  groups:\n    - name: G\n      members: "
                      "[Org B, {name: Org C, country: Syria}]\n    - name: People\n"
                      "      numbering: none\n      members: [Dr. Amer, Sam]\n")
    for _ in range(2):
        result = runner.invoke(app, ["signatories", str(letter), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
    letter.write_text(letter.read_text().replace("[Org B,", "[Org A, Org B,"))
    result = runner.invoke(app, ["signatories", str(letter), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0 and "Org A" in out.read_text(encoding="utf-8-sig")
    if fmt != "txt":
        return
    assert out.read_text().splitlines()[:4] == ["G", "1. Org A", "2. Org B", "3. Org C, Syria"]
    out.write_text(out.read_text().replace("Org C, Syria", "Org C, Syrie"))
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt", "-o", str(out)])
    assert result.exit_code == 2 and f"{out}:4:1: '3. Org C, Syrie' is in this file but not " \
        "in the new export (a text export is replaced only if each of its lines is in the " \
        "new one)" in result.output
    out.write_bytes(b"\x89PNG\r\n\x1a\n\xff")
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt", "-o", str(out)])
    assert result.exit_code == 2 and "not an earlier txt export" in result.output


def test_export_never_drops_a_row_signed_into_an_earlier_export(tmp_path: Path) -> None:
    """A list exported once and used as another letter's source collects signatures with
    `sign`; refreshing the export wrote over it and the signature was gone (exit 0). A row
    the new export leaves out is refused, at its line, unless --force; a plain refresh
    (a member added above renumbers the rest) still replaces the file."""
    a, b, out = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "list.csv"
    a.write_text("title: A\nsignatories:\n  members: [Alpha One, Alpha Two]\n")
    b.write_text("title: B\nsignatories:\n  source: list.csv\n")
    for fmt, target in (("csv", out), ("json", tmp_path / "list.json")):
        assert runner.invoke(app, ["signatories", str(a), "--format", fmt, "-o",
                                   str(target)]).exit_code == 0
    a.write_text("title: A\nsignatories:\n  members: [Aardvark, Alpha One, Alpha Two]\n")
    assert runner.invoke(app, ["sign", str(b), "Only In B"]).exit_code == 0
    before = out.read_bytes()
    result = runner.invoke(app, ["signatories", str(a), "-o", str(out)])
    assert result.exit_code == 2 and out.read_bytes() == before, result.output
    assert f"{out}:4:1: 'Only In B' is in this file" in result.output
    json_out = tmp_path / "list.json"  # a JSON export refreshed: nothing lost, replaced
    assert runner.invoke(app, ["signatories", str(a), "--format", "json", "-o",
                               str(json_out)]).exit_code == 0
    assert '"Aardvark"' in json_out.read_text()
    a.write_text("title: A\nsignatories:\n  members: [Aardvark, Alpha Two]\n")
    result = runner.invoke(app, ["signatories", str(a), "--format", "json", "-o",
                                 str(json_out)])
    assert result.exit_code == 2 and "'Alpha One' is in this file" in result.output
    assert runner.invoke(app, ["signatories", str(a), "-o", str(out), "--force"]
                         ).exit_code == 0
    assert "Only In B" not in out.read_text(encoding="utf-8-sig")


def test_export_json_and_txt(letter: Path) -> None:
    import json

    data = json.loads(runner.invoke(app, ["signatories", str(letter), "--format", "json"]
                                    ).output)
    assert data["count"] == 5
    assert data["signatories"][2] == {
        "number": 3, "group": "Syrian NGO Alliance (SNA)", "name": "Dr Amer Masri",
        "role": "Director", "organisation": "", "country": "", "url": "", "note": "",
        "added": ""}
    txt = runner.invoke(app, ["signatories", str(letter), "--format", "txt"]).output
    assert "5. Baytna Syria" in txt


def test_export_is_data_and_reads_back_as_it_was(tmp_path: Path) -> None:
    """The export wrote the printed number ("1.") and date ("2 March 2026"), ran a note's
    paragraphs and a name's lines into one ("para one  para two"), and read back as a
    source it warned "column 'number' ignored". Now: plain numbers (none unnumbered), ISO
    dates, line breaks kept, Markdown as printed; its own export reads back without a
    word, every cell as it was."""
    import json

    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n    - '**Big** Heart'\n"
                      "    - name: \"Two\\nLines\"\n      note: |\n        para one\n\n"
                      "        para two\n      added: 2026-03-02\n  groups:\n"
                      "    - {name: Friends, numbering: none, members: [Ahmad]}\n")
    data = json.loads(runner.invoke(app, ["signatories", str(letter), "--format", "json"]
                                    ).output)["signatories"]
    assert [(row["number"], row["name"]) for row in data] == [
        (1, "Big Heart"), (2, "Two\nLines"), (None, "Ahmad")]
    assert (data[1]["note"], data[1]["added"]) == ("para one\n\npara two", "2026-03-02")
    out = tmp_path / "list.csv"
    assert runner.invoke(app, ["signatories", str(letter), "-o", str(out)]).exit_code == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert exported.splitlines()[1:3] == ["1,,Big Heart,,,,,,", '2,,"Two']
    again = tmp_path / "again.yaml"
    again.write_text("title: t\nsignatories:\n  source: list.csv\n")
    result = runner.invoke(app, ["check", str(again)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    result = runner.invoke(app, ["signatories", str(again), "--format", "csv"])
    # the same cells (Friends, a group of the source now, is numbered as groups are)
    assert result.output == exported.replace("\n,Friends,", "\n3,Friends,"), result.output


def test_a_name_written_in_markdown_is_the_name_it_prints(tmp_path: Path) -> None:
    """The export writes "**Big** Heart" as it prints, "Big Heart"; importing the export
    added Big Heart again (the duplicate rule compared the Markdown), and the build printed
    both without a warning. Names are compared as printed, Markdown's marks taken off,
    a link as its text too."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n    - '**Big** Heart'\n"
                      "    - A*B*C Collective\n    - '[Plain](https://plain.org) Org'\n"
                      "    - Plain_Org_2\n")
    out = tmp_path / "export.csv"
    assert runner.invoke(app, ["signatories", str(letter), "-o", str(out)]).exit_code == 0
    before = letter.read_bytes()
    result = runner.invoke(app, ["import", str(letter), str(out)])
    assert result.exit_code == 0 and "added 0" in result.output, result.output
    assert "already present: 4" in result.output  # no member added, its rows remembered
    assert letter.read_bytes().startswith(before + b"\n# letterpress import: ")
    letter.write_bytes(before + b"    - Big Heart\n    - Plain Org\n    - ~~Big~~ Heart\n")
    result = runner.invoke(app, ["check", str(letter)])
    assert "l.yaml:8:7: warning: the same signatory as at line 4" in result.output
    assert "l.yaml:9:7: warning: the same signatory as at line 6" in result.output
    assert "l.yaml:10:7: warning: the same signatory as at line 4" in result.output


def test_twenty_concurrent_signs_all_land(letter: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-m", "letterpress", "sign", str(letter),
                               f"Signer {i:02d}", "--group", "Friends"], env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(20)]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * 20, [p.stderr.read() for p in procs if p.stderr]
    data = read_yaml(letter.read_text(), "x").data
    friends = data["signatories"]["groups"][1]["members"]
    assert sorted(friends[2:]) == [f"Signer {i:02d}" for i in range(20)]
    assert friends[:2] == ["Zaytoon", "Baytna Syria"]


def test_sign_killed_mid_write_loses_nothing(letter: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "letterpress", "sign", str(letter),
                             "Killed Signer", "--group", ""],
                            env={**ENV, "LETTERPRESS_TEST_PAUSE_BEFORE_RENAME": "30"},
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while not list(letter.parent.glob(".aleppo.yaml.*.tmp")) and time.time() < deadline:
        time.sleep(0.05)
    assert list(letter.parent.glob(".aleppo.yaml.*.tmp")), "the writer never reached the rename"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert letter.read_text() == COMMENTED  # the old file, whole
    assert runner.invoke(app, ["sign", str(letter), "Next Signer", "--group", ""]).exit_code == 0
    assert not list(letter.parent.glob(".aleppo.yaml.*.tmp"))  # the stale file is cleaned up
    assert "Next Signer" in letter.read_text() and "Big Heart" in letter.read_text()


@pytest.mark.parametrize("command", ["sign", "import"])
def test_a_save_made_while_signing_is_kept(letter: Path, command: str) -> None:
    """The folder lock holds back letterpress, not an editor: a save made between the
    read and the rename was overwritten (a 50,000-row import, ~1 s). Now the file is read
    again just before the rename; it changed, so the edit is redone on the saved text."""
    rows = letter.parent / "form.csv"
    rows.write_text("name\nLate Signer\n")
    args = ["sign", str(letter), "Late Signer", "--group", ""] if command == "sign" else \
        ["import", str(letter), str(rows), "--group", ""]
    proc = subprocess.Popen([sys.executable, "-m", "letterpress", *args],
                            env={**ENV, "LETTERPRESS_TEST_PAUSE_BEFORE_RENAME": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while not list(letter.parent.glob(".aleppo.yaml.*.tmp")) and time.time() < deadline:
        time.sleep(0.01)
    saved = COMMENTED.replace("title: 'Aleppo'", "title: 'Aleppo, saved by the user'")
    letter.write_text(saved)  # the editor's save, during the pause before the rename
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    added = _added_lines(saved, letter.read_text())
    assert added[:2] == ["  members:", "    - Late Signer"]
    assert len(added) == 2 if command == "sign" else added[-2] == HEADER  # its rows


def test_signs_whose_sources_are_in_each_others_folder_all_land(tmp_path: Path) -> None:
    """P/a.yaml signs into ../Q/s.csv, Q/b.yaml into ../P/t.csv: each run locked its
    letter's folder, then waited for the other's, forever. Locks are now taken in order."""
    p, q = tmp_path / "P", tmp_path / "Q"
    p.mkdir()
    q.mkdir()
    (p / "a.yaml").write_text("title: a\nsignatories:\n  source: ../Q/s.csv\n")
    (q / "b.yaml").write_text("title: b\nsignatories:\n  source: ../P/t.csv\n")
    for csv_file in (q / "s.csv", p / "t.csv"):
        csv_file.write_text("name\n")
    procs = [subprocess.Popen([sys.executable, "-m", "letterpress", "sign",
                               str(folder / letter), f"{name}{i}"], env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(3) for folder, letter, name in ((p, "a.yaml", "A"),
                                                            (q, "b.yaml", "B"))]
    try:
        codes = [proc.wait(timeout=30) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
    assert codes == [0] * 6
    assert sorted((q / "s.csv").read_text().split()) == ["A0", "A1", "A2", "name"]
    assert sorted((p / "t.csv").read_text().split()) == ["B0", "B1", "B2", "name"]


def test_sign_killed_at_random_moments_leaves_old_or_new(letter: Path) -> None:
    from letterpress.signatories.yamledit import expected_letter

    for delay in (0.05, 0.15, 0.3, 0.5, 0.8):
        before = read_yaml(letter.read_text(), "x").data
        name = f"Signer after {delay}"
        proc = subprocess.Popen([sys.executable, "-m", "letterpress", "sign", str(letter),
                                 name], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = read_yaml(letter.read_text(), "x").data  # always a whole, valid file
        assert after in (before, expected_letter(before, [(None, {"name": name})]))


def test_sign_keeps_windows_line_ends_bom_mode_and_links(tmp_path: Path) -> None:
    """A letter saved by Notepad (BOM, \\r\\n) gets only the new line, in its own line ends;
    its mode stays; a link stays a link and its target gets the name."""
    real = tmp_path / "real"
    real.mkdir()
    letter = real / "l.yaml"
    before = "\ufefftitle: x\r\nsignatories:\r\n  members:\r\n    - A\r\n"
    letter.write_bytes(before.encode("utf-8"))
    letter.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(letter)
    result = runner.invoke(app, ["sign", str(link), "B"])
    assert result.exit_code == 0, result.output
    assert letter.read_bytes() == (before + "    - B\r\n").encode("utf-8")
    assert link.is_symlink() and (letter.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize(("before", "after"), [
    # an editor that strips the final line break, after a block scalar: refused at 1:1
    ("title: T\nsignatories:\n  members:\n    - name: A\n      note: |\n        one\n"
     "        two", "title: T\nsignatories:\n  members:\n    - name: A\n      note: |\n"
     "        one\n        two\n    - B\n"),
    # old Mac line ends (\r only), which check reads: refused at 1:1
    ("title: CR\rsignatories:\r  members:\r    - A\r",
     "title: CR\rsignatories:\r  members:\r    - A\r    - B\r"),
    ("title: CR\rsignatories:\r  members:\r    - A", "title: CR\rsignatories:\r  members:\r"
     "    - A\r    - B\r"),
])
def test_sign_into_a_letter_without_a_final_break_or_with_mac_line_ends(
        tmp_path: Path, before: str, after: str) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_bytes(before.encode())
    result = runner.invoke(app, ["sign", str(letter), "B"])
    assert result.exit_code == 0, result.output
    assert letter.read_bytes() == after.encode()


def test_import_never_makes_a_file_too_big_to_read(tmp_path: Path) -> None:
    """An import wrote a source past the 32 MB input limit (exit 0), after which check,
    sign and build refused the letter; the message said "32 MB; the limit is 32 MB" for
    33,569,833 bytes. The import is refused, nothing written; the size is never the limit."""
    from letterpress.source import MAX_BYTES

    letter, source, form = tmp_path / "l.yaml", tmp_path / "s.csv", tmp_path / "form.csv"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    row = "," + "o" * 3300 + "\n"
    source.write_text("name,organisation\n" + "".join(
        f"Person {i:05d}{row}" for i in range((MAX_BYTES - 100_000) // (len(row) + 11))))
    form.write_text("name,organisation\n" + "".join(f"New {i}{row}" for i in range(40)))
    before = source.read_bytes()
    for dry in ([], ["--dry-run"]):
        result = runner.invoke(app, ["import", str(letter), str(form), *dry])
        assert result.exit_code == 2, result.output
        assert f"{source}:1:1: with them the file is 32.1 MB; the limit is 32 MB" in \
            result.output and source.read_bytes() == before
    letter.write_bytes(b"")
    os.truncate(letter, 33_569_833)
    assert f"{letter}:1:1: the file is 32.1 MB; the limit is 32 MB" in runner.invoke(
        app, ["check", str(letter)]).output


def test_sign_refuses_a_read_only_letter(letter: Path) -> None:
    letter.chmod(0o444)
    result = runner.invoke(app, ["sign", str(letter), "Someone New", "--group", "Friends"])
    assert result.exit_code == 2
    assert f"{letter}:1:1: the file is read-only; nothing written" in result.output
    assert letter.read_text() == COMMENTED


@pytest.mark.parametrize(("before", "args", "added"), [
    ("title: x\nsignatories:\n", ["C"], ["  members:", "    - C"]),
    ("title: x\nsignatories:   # to come\n", ["C", "--group", "G"],
     ["  groups:", "    - name: G", "      members:", "        - C"]),
    ("title: x\nsignatories:\n  members: [\n    A,\n    B,\n  ]\n", ["C"], ["    B, C,"]),
    ("title: x\nsignatories:\n  groups:\n  members:\n", ["C", "--group", "G"],
     ["    - name: G", "      members:", "        - C"]),
])
def test_sign_into_empty_signatories_and_trailing_commas(tmp_path: Path, before: str,
                                                        args: list[str],
                                                        added: list[str]) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(before)
    result = runner.invoke(app, ["sign", str(path), *args])
    assert result.exit_code == 0, result.output
    after = path.read_text()
    if "B, C," in added[0]:  # the line "    B," itself grows
        assert after == before.replace("    B,\n", "    B, C,\n")
    else:
        assert _added_lines(before, after) == added


def test_sign_a_new_group_into_a_flow_list_of_groups(tmp_path: Path) -> None:
    path = tmp_path / "l.yaml"
    path.write_text("title: x\nsignatories:\n  groups: []\n")
    for name, group in (("Bob", "G: x"), ("Cy", "H")):
        assert runner.invoke(app, ["sign", str(path), name, "--group", group]).exit_code == 0
    assert path.read_text() == ('title: x\nsignatories:\n  groups: [{name: "G: x", members: '
                                "[Bob]}, {name: H, members: [Cy]}]\n")


@pytest.mark.parametrize(("args", "message"), [
    ([""], "sign: the name '': a signatory's name is empty"),
    (["\u200f\u200b"], "sign: the name '\\u200f\\u200b': a signatory's name is empty"),
    (["a\x0bb"], "sign: the name 'a\\x0bb': character U+000B is a control character"),
    (["C", "--role", "x\x07"], "sign: --role 'x\\x07': character U+0007 is a control character"),
])
def test_sign_refuses_bad_command_line_values_saying_which(letter: Path, args: list[str],
                                                          message: str) -> None:
    result = runner.invoke(app, ["sign", str(letter), *args])
    assert result.exit_code == 2 and message in result.output
    assert letter.read_text() == COMMENTED


def test_ungrouped_signers_above_the_groups_are_told_or_refused(letter: Path,
                                                                 tmp_path: Path) -> None:
    """Without --group, sign and import put the new signers ungrouped, printed above every
    group, renumbering all, and said nothing. Into a letter with no ungrouped members yet
    that is refused, naming the groups; beside ungrouped members, the report says where."""
    form = tmp_path / "form.csv"
    form.write_text("Full name,Group\nP One,\nP Two,Friends\nP Three,\n")
    for args in (["sign", str(letter), "Lone Signer"], ["import", str(letter), str(form)],
                 ["import", str(letter), str(form), "--dry-run"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and letter.read_text() == COMMENTED, result.output
        assert "choose a group with --group \"Syrian NGO Alliance (SNA)\" (the groups: " \
            "'Syrian NGO Alliance (SNA)', 'Friends')" in result.output, result.output
    assert f"{letter}:8:3: lines 2, 4 name no group: with no --group they would be the " \
        "letter's first ungrouped members, printed above every group" in result.output
    result = runner.invoke(app, ["import", str(letter), str(form), "--group", "Friends"])
    assert result.exit_code == 0 and "added 3 to" in result.output, result.output
    letter.write_text(COMMENTED.replace("  groups:", "  members: [Solo]\n  groups:"))
    result = runner.invoke(app, ["sign", str(letter), "Lone Signer"])
    assert result.exit_code == 0 and "added 'Lone Signer' ungrouped, printed before the " \
        "groups, in" in result.output, result.output
    form.write_text("Full name,Group\nQ One,\nQ Two,Friends\nQ Three,\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "added 3 to " f"{letter} (2 ungrouped, printed before " \
        "the groups)" in result.output, result.output


def test_sign_blank_options_are_not_given(letter: Path) -> None:
    """--group " " joins the ungrouped members; --role "" writes no empty role."""
    assert runner.invoke(app, ["sign", str(letter), "Alone", "--group", " ", "--role", ""]
                         ).exit_code == 0
    assert _added_lines(COMMENTED, letter.read_text()) == ["  members:", "    - Alone"]


def test_a_group_that_prints_nothing_is_the_ungrouped_members(letter: Path,
                                                               tmp_path: Path) -> None:
    """--group RLM, import --group ZWSP or a row's group of an RLM made a group with an
    empty heading; they are the ungrouped members, as --group " " is."""
    result = runner.invoke(app, ["sign", str(letter), "Alone", "--group", "\u200f"])
    assert result.exit_code == 0 and "added 'Alone' ungrouped, printed before the groups, in" \
        in result.output, result.output
    form = tmp_path / "form.csv"
    form.write_text("Name,Group\nQ,\u200f\nR,\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(form), "--group", "\u200b"])
    assert result.exit_code == 0 and "new groups (at the end): 0" in result.output
    assert _added_lines(COMMENTED, letter.read_text())[:4] == [
        "  members:", "    - Alone", "    - Q", "    - R"]


ALIAS = ("title: x\nsignatories:\n  groups:\n    - name: G1\n      members: &m [A, B]\n"
         "    - name: G2\n      members: *m\n")
MERGE = ("title: x\nsignatories:\n  groups:\n    - &g {name: A, members: [a]}\n"
         "    - <<: *g\n      name: B\n")


@pytest.mark.parametrize(("text", "group", "message"), [
    (ALIAS, "G2", ":7:16: 'members' at line 7 is an alias of a list written earlier"),
    (MERGE, "B", ":5:7: the group at line 5 takes its keys from a merge key"),
    (MERGE, "A", ":4:29: the list at line 4 is copied by the alias at line 5: a member "
                 "added here would be added there too"),
    (ALIAS, "G1", ":5:16: the list at line 5 is copied by the alias at line 7"),
    ("title: x\nsignatories:\n  groups:\n    - &g\n      name: A\n    - <<: *g\n"
     "      name: B\n", "A", ":4:7: the group at line 4 is copied by the alias at line 6"),
    ("title: x\nsignatories: {members: [A]}\n", "G",
     ":2:14: the mapping is written in flow style"),
    ("title: x\nsignatories:\n  - A\n", "G", ":3:3: signatories is a plain list"),
])
def test_sign_into_yaml_it_cannot_add_to_says_why_and_where(tmp_path: Path, text: str,
                                                            group: str, message: str) -> None:
    """Such refusals were all located at 1:1."""
    path = tmp_path / "l.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["sign", str(path), "Z", "--group", group])
    assert result.exit_code == 2 and message in result.output
    assert path.read_text() == text


@pytest.mark.parametrize(("text", "line", "first"), [
    (ALIAS.replace("[A, B]", "\n        - A"), 8, 6),
    ("title: x\nsignatories:\n  groups:\n    - &g\n      name: A\n      members:\n"
     "        - X\n    - <<: *g\n      name: B\n", 8, 7),
])
def test_a_duplicate_an_alias_makes_is_told_at_the_alias(tmp_path: Path, text: str,
                                                         line: int, first: int) -> None:
    """A list copied by an alias (members: *m, <<: *g) was told as the same signatory as
    at its own line, at the anchor, twice."""
    path = tmp_path / "l.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["check", str(path)])
    assert result.output.count("the same signatory") == 1, result.output
    assert f"{path}:{line}:" in result.output and f"as at line {first} " in result.output


def test_sign_after_an_alias_appends_after_the_alias(tmp_path: Path) -> None:
    """PyYAML gives an alias (*amel) the anchor's own position: the member was placed after
    the anchor, the edit did not read back and sign refused a plain list; check's warning
    for the second use pointed at the first."""
    text = ("title: t\nsignatories:\n  groups:\n    - name: Lebanon\n      members:\n"
            "        - &amel {name: Amel, country: Lebanon}\n        - Basmeh\n"
            "        - *amel          # two offices\n")
    path = tmp_path / "l.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["check", str(path)])
    assert f"{path}:8:11: warning: the same signatory as at line 6" in result.output
    result = runner.invoke(app, ["sign", str(path), "New Org", "--group", "Lebanon"])
    assert result.exit_code == 0, result.output
    assert path.read_text() == text + "        - New Org\n"


def test_tabs_neither_break_the_file_nor_end_in_a_traceback(tmp_path: Path) -> None:
    """A tab in a name was written unquoted, which PyYAML (the editor's reader) cannot read
    back: every later sign failed with a traceback. A tab the user wrote before a comment,
    which the build accepts, is a located error for sign and import."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n    - A\n")
    for name in ("tab\there", "Next"):
        result = runner.invoke(app, ["sign", str(letter), name])
        assert result.exit_code == 0, result.output
    assert '    - "tab\\there"\n    - Next\n' in letter.read_text()
    letter.write_text("title: T\t# tab before a comment\nsignatories:\n  members: [A]\n")
    before = letter.read_bytes()
    csv = tmp_path / "one.csv"
    csv.write_text("name\nB\n")
    for args in (["sign", str(letter), "B"], ["import", str(letter), str(csv)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert f"{letter}:1:9: cannot edit this file" in result.output
        assert "a tab here" in result.output
        assert letter.read_bytes() == before


def test_a_question_mark_in_a_flow_list_is_quoted_and_no_tab_is_blamed(tmp_path: Path) -> None:
    """'Why Not?' was written plain into a flow list, where PyYAML (the editor's reader)
    ends a plain value at '?': every later sign and import on the letter failed, with a
    message blaming a tab that was not there."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: T\nsignatories:\n  members: [A]\n")
    for args in (["Why Not?"], ["Z", "--role", "What?"], ["Q?A"], ["Baytna"]):
        result = runner.invoke(app, ["sign", str(letter), *args])
        assert result.exit_code == 0, result.output
    assert letter.read_text().endswith(
        '  members: [A, "Why Not?", {name: Z, role: "What?"}, "Q?A", Baytna]\n')
    letter.write_text("title: T\nsignatories:\n  members: [A, Why Not?]\n")
    result = runner.invoke(app, ["sign", str(letter), "B"])
    assert result.exit_code == 2 and f"{letter}:3:23: cannot edit this file" in result.output
    assert "tab" not in result.output and "in quotes" in result.output


def test_export_reads_back_without_the_formula_apostrophes(tmp_path: Path) -> None:
    """The apostrophe that keeps "+972 Magazine" from running as a formula stayed on when
    the export was read back as a source: the letter printed "'+972 Magazine"."""
    letter = tmp_path / "l.yaml"
    letter.write_text('title: t\nsignatories:\n  groups:\n    - name: "=Group"\n      members:'
                      '\n        - "+972 Magazine"\n        - {name: Amal, role: "@amal"}\n')
    out = tmp_path / "list.csv"
    assert runner.invoke(app, ["signatories", str(letter), "-o", str(out)]).exit_code == 0
    assert "'+972 Magazine" in out.read_text(encoding="utf-8-sig")
    again = tmp_path / "again.yaml"
    again.write_text("title: t\nsignatories:\n  source: list.csv\n")
    result = runner.invoke(app, ["signatories", str(again), "--format", "txt"])
    assert result.output == "=Group\n1. +972 Magazine\n2. Amal, @amal\n", result.output


def test_sign_and_import_write_formulas_into_a_csv_source_as_the_export_does(
        tmp_path: Path) -> None:
    """Coordinators open the letter's CSV source in a spreadsheet: a form's
    "=HYPERLINK(...)" was appended as typed, where the export writes it after an
    apostrophe; the letter still prints the name as typed."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("name,organisation\nAnna,Org A\n")
    form = tmp_path / "form.csv"
    form.write_text('Full name,Organisation name\n"=HYPERLINK(""http://evil.example/"";'
                    '""Click"")",x\nBob,+cmd|\'/C calc\'!A0\n')
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "added 2" in result.output, result.output
    for name in ("'=quoted", "-ism Collective"):  # (typed with its apostrophe, it keeps it)
        result = runner.invoke(app, ["sign", str(letter), "--", name])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "s.csv").read_text().splitlines()[2:] == [
        '"\'=HYPERLINK(""http://evil.example/"";""Click"")",x', "Bob,'+cmd|'/C calc'!A0",
        "''=quoted,", "'-ism Collective,"]
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output.splitlines() == [
        "1. Anna, Org A", '2. =HYPERLINK("http://evil.example/";"Click"), x',
        "3. Bob, +cmd|'/C calc'!A0", "4. '=quoted", "5. -ism Collective"]
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert "added 0" in result.output and "already present: 2" in result.output


def test_import_writes_a_forms_dates_as_iso_and_never_loses_a_row_over_one(
        tmp_path: Path) -> None:
    """Microsoft Forms' "Date" went into the source as "9/28/2024 14:03:11" and printed so;
    a date that cannot be told is left out with a warning, the signature kept."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("name,added\n")
    form = tmp_path / "form.csv"
    form.write_text("ID,Full name,Date\n1,Sara Ahmed,9/28/2024 14:03:11\n"
                    "2,Ali,10/1/2024 9:00:00\n3,Mona,2024-09-28T14:03:11Z\n4,Rami,yesterday\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "added 4" in result.output, result.output
    assert "form.csv:5:8: warning: added: 'yesterday' is not a date written year-month-day" \
        in result.output
    assert (tmp_path / "s.csv").read_text().splitlines()[1:] == [
        "Sara Ahmed,2024-09-28", "Ali,2024-10-01", "Mona,2024-09-28", "Rami,"]
    form.write_text("Full name,Date\nNour,1/2/2024\n")  # 1 February or 2 January
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "added 1" in result.output, result.output
    assert "form.csv:2:6: warning: added: '1/2/2024' is 2 January or 1 February" in \
        result.output and (tmp_path / "s.csv").read_text().endswith("Rami,\nNour,\n")


def test_bad_csv_cells_are_located_at_the_cell(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("name,role,added,verified\nA,x,2024-13-01,\nB,y,,nein\n")
    result = runner.invoke(app, ["check", str(letter)])
    assert result.exit_code == 2
    assert "s.csv:2:5: added: '2024-13-01' is not a real date" in result.output
    assert "s.csv:3:6: verified: expected yes or no, got 'nein'" in result.output


def test_import_reads_form_headers_in_other_languages(tmp_path: Path) -> None:
    """A French form's "Nom, Prénom, Organisation": the names were not recognised, so the
    organisation was published as the name and the second person from it merged away."""
    letter, form = _letter_and_form(
        tmp_path, "Nom,Prénom,Organisation\nDupont,Marie,CCFD\nMartin,Paul,CCFD\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0, result.output
    text = letter.read_text()
    assert "- name: Marie Dupont\n      organisation: CCFD\n" in text
    assert "- name: Paul Martin\n      organisation: CCFD\n" in text
    form.write_text("Organisation,Signer's name\nCCFD,Marie Dupont\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2 and "--map name=\"Signer's name\"" in result.output
    assert letter.read_text() == text
    # an organisations' sign-on form: its contact is the coalition's follow-up address,
    # asked about as "Contact person name" was (it was published as the signatory)
    form.write_text("Timestamp,Organisation name,Country,Contact name,Contact email\n"
                    "1,Baytna,Syria,Sam Jones,s@b.org\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 2 and "--map name=\"Contact name\"" in result.output
    assert '--map name="Organisation name"' in result.output
    assert letter.read_text() == text


def test_a_comment_under_the_last_member_stays_with_it(tmp_path: Path) -> None:
    """A comment indented under the last member describes it: the new member used to be
    inserted above it, so "# C verified by phone" ended up under the new one."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: T\nsignatories:\n  groups:\n    - name: G3\n      members:\n"
                      "        - name: C\n          role: R\n"
                      "          # C verified by phone on 3 March\n")
    result = runner.invoke(app, ["sign", str(letter), "New", "--group", "G3"])
    assert result.exit_code == 0, result.output
    assert letter.read_text().endswith("          role: R\n          # C verified by phone on "
                                       "3 March\n        - New\n")


GROUPED = ("title: T\nsignatories:\n  groups:\n    - name: A\n      members:\n"
           "        - name: Dr Amer\n")
UNGROUPED = "title: T\nsignatories:\n  members:\n    - Amer\n"
NEW_GROUP_B = "    - name: B\n      members:\n        - Sara\n"


@pytest.mark.parametrize(("text", "args", "tail"), [
    # indented under the last member, a comment describes it: the new lines go after it
    (GROUPED + "          # confirmed by phone\n", ["--group", "B"],
     "          # confirmed by phone\n" + NEW_GROUP_B),
    (GROUPED + "\n          # confirmed by phone\n", ["--group", "B"],
     "\n          # confirmed by phone\n" + NEW_GROUP_B),
    (GROUPED + "          # confirmed by phone\n", ["--group", ""],
     "          # confirmed by phone\n  members:\n    - Sara\n"),
    (UNGROUPED + "      # confirmed by phone\n", ["--group", "B"],
     "      # confirmed by phone\n  groups:\n" + NEW_GROUP_B),
    # at the item's own column or left of it, a comment heads what follows: before it
    (GROUPED + "# the closing words\nclosing: Yours\n", ["--group", "B"],
     NEW_GROUP_B + "# the closing words\nclosing: Yours\n"),
    (GROUPED + "    # more groups to come\n", ["--group", "B"],
     NEW_GROUP_B + "    # more groups to come\n"),
    (UNGROUPED + "  # groups to come\n\n", ["--group", "B"],
     "    - Amer\n  groups:\n" + NEW_GROUP_B
     + "  # groups to come\n\n"),
])
def test_a_new_group_or_key_keeps_each_comment_with_what_it_describes(
        tmp_path: Path, text: str, args: list[str], tail: str) -> None:
    """A new group, or a new members: or groups: key, was put right after the last member,
    above the comment under it: the note then described the new signer, in another group."""
    letter = tmp_path / "l.yaml"
    letter.write_text(text)
    result = runner.invoke(app, ["sign", str(letter), "Sara", *args])
    assert result.exit_code == 0, result.output
    assert letter.read_text().endswith(tail), letter.read_text()


def test_a_name_given_per_language_is_the_same_member_in_each(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("lang: [en, ar]\ntitle: t\nsignatories:\n  members:\n"
                      "    - {en: Big Heart, ar: القلب الكبير}\n")
    before = letter.read_text()
    for name in ("Big Heart", "القلب الكبير"):
        result = runner.invoke(app, ["sign", str(letter), name, "--strict"])
        assert "already" in result.output, result.output
        assert letter.read_text() == before
    letter.write_text(before + "    - big heart\n")
    result = runner.invoke(app, ["check", str(letter), "--strict"])
    assert result.exit_code == 2 and "the same signatory as at line 5" in result.output


def test_national_chapters_are_not_likely_duplicates(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: T\nsignatories:\n  members:\n    - Save the Children UK\n"
                      "    - Oxfam GB\n    - Amnesty International UK\n"
                      "    - Syrian Network for Human Rights (SNHR)\n"
                      "    - Médecins Sans Frontières OCG\n    - Save the Children USA\n"
                      "    - Radio ABC Beirut\n    - P04 Nord\n")
    # codes of three capitals (offices, centres, sections) or with digits were taken for
    # acronyms to leave out: "MSF OCB" was refused as "MSF OCG"
    for name in ("Save the Children US", "Oxfam IT", "Amnesty International",
                 "Médecins Sans Frontières OCB", "Save the Children AUS", "Radio XYZ Beirut",
                 "P05 Nord"):
        result = runner.invoke(app, ["sign", str(letter), name, "--strict"])
        assert result.exit_code == 0, result.output
    for name in ("Syrian Network for Human Rights", "Syrian Network for Human Rights SNHR"):
        result = runner.invoke(app, ["sign", str(letter), name, "--strict"])
        assert result.exit_code == 2 and "looks like" in result.output, result.output


def test_imported_names_print_as_typed(tmp_path: Path) -> None:
    """A web form is open to anyone: a name written as a Markdown link became a live link
    in the published letter, "A*B*C" italics; imported texts are escaped."""
    letter, form = _letter_and_form(
        tmp_path, 'Full name,Organisation\n"[Click](https://evil.example)",X\n'
                  "A*B*C,Basmeh & Zeitooneh\n%{count} people,Y\n")
    for _ in range(2):  # the second import finds them all present
        result = runner.invoke(app, ["import", str(letter), str(form)])
        assert result.exit_code == 0, result.output
    assert "already present: 3" in result.output
    assert "= [Click](https://evil.example) (line 2" in result.output  # reported as typed
    assert "organisation: Basmeh & Zeitooneh" in letter.read_text()
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output.splitlines()[1:] == [
        "2. [Click](https://evil.example), X", "3. A*B*C, Basmeh & Zeitooneh",
        "4. %{count} people, Y"]
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(letter), "-o", str(out), "-f", "html", "-q"]
                         ).exit_code == 0
    assert "evil.example\"" not in (out / "l.html").read_text(encoding="utf-8")


def test_a_dry_run_refuses_what_the_run_would(tmp_path: Path) -> None:
    """--dry-run said "would add" (exit 0) where the run refused (exit 2)."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  source: s.csv\n")
    (tmp_path / "s.csv").write_text("name\nA\n")
    result = runner.invoke(app, ["sign", str(letter), "B", "--role", "Director", "--dry-run"])
    assert result.exit_code == 2 and "no column for role" in result.output, result.output
    letter.write_text("title: t\nsignatories:\n  members: [A]\n")
    letter.chmod(0o444)
    try:
        result = runner.invoke(app, ["sign", str(letter), "B", "--dry-run"])
    finally:
        letter.chmod(0o644)
    assert result.exit_code == 2 and "read-only" in result.output, result.output


@pytest.mark.parametrize("null", ["~", "null", "~  # to come"])
def test_sign_into_a_null_written_out(tmp_path: Path, null: str) -> None:
    """`signatories: ~` is accepted by check (no signatories yet) and was refused by sign."""
    letter = tmp_path / "l.yaml"
    letter.write_text(f"title: t\nsignatories: {null}\ncontacts: []\n")
    result = runner.invoke(app, ["sign", str(letter), "A", "--group", "G"])
    assert result.exit_code == 0, result.output
    comment = "   # to come" if "#" in null else ""
    assert letter.read_text() == (f"title: t\nsignatories:{comment}\n  groups:\n    - name: G"
                                  "\n      members:\n        - A\ncontacts: []\n")


def test_a_consent_column_publishes_only_who_ticked_it(tmp_path: Path) -> None:
    """--map verified=<consent box>: an unticked (empty) box counted as verified, and a
    ticked one saying "I agree" was a rejected row."""
    letter, form = _letter_and_form(
        tmp_path, "Full name,I agree to be listed\nTicked,I agree\nUnticked,\nSaid no,No\n"
                  "Said non,Non\nPending,pending\n")
    result = runner.invoke(app, ["import", str(letter), str(form), "--map",
                                 "verified=I agree to be listed"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output == "1. A\n2. Ticked\n", result.output


@pytest.mark.parametrize("answer", ["No, I do not agree", "I do not agree", "I don't agree",
                                    "Je ne suis pas d'accord", "off", "✗", "-", "لا أوافق",
                                    "Nein, danke"])
def test_a_consent_box_refused_in_words_is_not_consent(answer: str) -> None:
    """Refusals written out were published as consent (anything but a few words counted)."""
    from letterpress.signatories.consent import consented

    assert not consented(answer)
    assert consented("I agree to be listed") and consented("Yes") and consented("✓")


@pytest.mark.parametrize("dry", [[], ["--dry-run"]])
def test_rows_without_consent_are_reported_apart(tmp_path: Path, dry: list[str]) -> None:
    """Rows without consent, written with verified: false (kept, not printed), were listed
    with "+" and counted in "added N" like the published ones: the coordinator announced
    five new signatures, the letter got three."""
    letter, form = _letter_and_form(
        tmp_path, "Full name,Do you agree to be listed publicly?\nYes Person,Yes\n"
                  "No Person,No\nBlank Person,\n")
    result = runner.invoke(app, ["import", str(letter), str(form), *dry])
    assert result.exit_code == 0, result.output
    assert ("would add 1 to" if dry else "added 1 to") in result.output
    assert "  + Yes Person (line 2)\n" in result.output
    assert "kept unpublished, no consent: 2\n  ? No Person (line 3; written with verified: " \
        "false, not printed)\n  ? Blank Person (line 4;" in result.output, result.output
    assert "+ No Person" not in result.output and "+ Blank Person" not in result.output


def test_rows_without_consent_in_a_letter_printing_the_unverified(tmp_path: Path) -> None:
    """With include_unverified: true, rows without consent (and a signer already there with
    verified: false) were reported "kept unpublished" / "not printed", and the build
    printed them: the report says what the build does."""
    letter, form = _letter_and_form(
        tmp_path, "Full name,Do you agree to be listed publicly?\nYes Person,Yes\n"
                  "No Person,No\n")
    letter.write_text("title: t\nsignatories:\n  include_unverified: true\n  members:\n"
                      "    - A\n    - {name: Hidden, verified: false}\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0, result.output
    assert "kept unpublished" not in result.output and "not printed)" not in result.output
    assert "added 2 to " in result.output and "(1 without consent, printed all the same: " \
        "the letter sets include_unverified: true)\n  + Yes Person (line 2)\n  + No Person " \
        "(line 3; no consent, written with verified: false, printed all the same)\n" \
        in result.output, result.output
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output == "1. A\n2. Hidden\n3. Yes Person\n4. No Person\n"
    result = runner.invoke(app, ["sign", str(letter), "Hidden"])
    assert result.exit_code == 2
    assert "'Hidden' has already signed (same name and details); nothing added" \
        in result.output, result.output
    form.write_text("Full name\nHidden\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert "  = Hidden (line 2; as at " in result.output and "not printed" not in \
        result.output, result.output


def test_an_edited_form_response_is_one_signer(tmp_path: Path) -> None:
    """A response edited in the form (same timestamp and e-mail, a detail corrected) was
    added as a second signer without a word: the later row is imported, told as likely
    the same person; the e-mail is not written."""
    letter, form = _letter_and_form(
        tmp_path, "Timestamp,Email address,Full name,Organisation\n"
                  "2026/11/22 9:14:03,amal@x.org,Amal Haddad,Syria Relief\n"
                  "2026/11/22 9:14:03,Amal@x.org,Amal Haddad,Syria Relief UK\n"
                  "2026/11/22 9:20:00,amal@x.org,Sami Haddad,\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "added 2 to" in result.output, result.output
    assert "form.csv:3:1: warning: likely the same person as line 2 (edited response? the " \
        "same timestamp and e-mail): this later row is imported, not both" in result.output
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output == "1. A\n2. Amal Haddad, Syria Relief UK\n3. Sami Haddad\n"
    assert "x.org" not in letter.read_text()


def test_a_consent_column_is_found_by_its_title(tmp_path: Path) -> None:
    """Without --map verified=..., a form's consent column was ignored and everyone who
    refused was published."""
    letter, form = _letter_and_form(
        tmp_path, "Timestamp,Full name,Listed in our newsletter?,Do you agree to be listed "
                  "publicly?\n1,Yes Person,No,Yes\n2,No Person,Yes,No\n3,Blank Person,Yes,\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "consent from column 'Do you agree" in result.output
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output == "1. A\n2. Yes Person\n", result.output


def test_a_form_sent_again_with_consent_is_published(tmp_path: Path) -> None:
    """The later submission of the same person, box ticked, was "already present" beside
    the unticked one, which stayed unpublished without a word."""
    letter, form = _letter_and_form(tmp_path, "Name,Consent\nRana Haddad,\nRana Haddad,yes\n")
    assert runner.invoke(app, ["import", str(letter), str(form)]).exit_code == 0
    result = runner.invoke(app, ["signatories", str(letter), "--format", "txt"])
    assert result.output == "1. A\n2. Rana Haddad\n", result.output
    # already in the letter, not verified: the import says it is not printed, and why
    letter.write_text("title: t\nsignatories:\n  members:\n"
                      "    - {name: Rana Haddad, verified: false}\n")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert "not verified there, so not printed: set verified: true" in result.output


def test_map_name_beside_a_column_that_reads_as_a_name(tmp_path: Path) -> None:
    """--map name=... was refused as "a second column for name" beside a "Nom" column."""
    letter, form = _letter_and_form(
        tmp_path, "Full name,Nom,Email\nMarie Dupont,Dupont,m@example.org\n")
    result = runner.invoke(app, ["import", str(letter), str(form), "--map", "name=Full name"])
    assert result.exit_code == 0, result.output
    assert "    - Marie Dupont\n" in letter.read_text()


def test_an_escaped_import_is_the_same_name_as_one_typed(tmp_path: Path) -> None:
    """An import writes "Save the Children \\[UK\\]"; typed again by sign as "[UK]", it is
    the same signatory (it was only a likely duplicate, and added)."""
    letter, form = _letter_and_form(tmp_path, "Full name\nSave the Children [UK]\n")
    assert runner.invoke(app, ["import", str(letter), str(form)]).exit_code == 0
    before = letter.read_text()
    result = runner.invoke(app, ["sign", str(letter), "Save the Children [UK]"])
    assert "already" in result.output and letter.read_text() == before, result.output


def test_a_null_under_its_key_is_refused_where_it_stands(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n    ~\n")
    result = runner.invoke(app, ["sign", str(letter), "X"])
    assert result.exit_code == 2 and f"{letter}:4:5: write this null" in result.output


def test_a_persian_name_with_a_joiner_stays_plain(tmp_path: Path) -> None:
    """Only a control character (a tab) needs quotes; a zero-width non-joiner, which
    Persian writes in most names, does not."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n    - A\n")
    assert runner.invoke(app, ["sign", str(letter), "می‌کنیم"]).exit_code == 0
    assert letter.read_text().endswith("    - می‌کنیم\n")
