"""Who is the same signatory, and who only looks like one, in Arabic-script names too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterpress.cli import app

runner = CliRunner()

NAME = "أحمد العبيدي"
# the same name as NAME: these print nothing, or only stretch or vowel the letters
SAME = {
    "tatweel": "أحمـــد العبيدي",
    "leading tatweel": "ـأحمد العبيدي",
    "harakat": "أحْمَد العُبَيْدي",
    "shadda and superscript alif": "أحمّد العبيدٰي",
    "trailing RLM": "أحمد العبيدي\u200f",
    "leading LRM": "\u200eأحمد العبيدي",
    "Arabic letter mark": "أحمد\u061c العبيدي",
    "zero-width non-joiner": "أحمد\u200c العبيدي",
    "word joiner": "أحمد العبيدي\u2060",
    "zero-width joiner": "أحمد\u200d العبيدي",
    "zero-width space": "أحمد العبي\u200bدي",
}


def _letter(tmp_path: Path, *members: str) -> Path:
    letter = tmp_path / "l.yaml"
    items = "".join(f'    - "{member}"\n' for member in members)
    letter.write_text(f"lang: ar\ntitle: t\nsignatories:\n  members:\n{items}",
                      encoding="utf-8")
    return letter


@pytest.mark.parametrize("kind", SAME)
def test_invisible_and_adorning_marks_make_the_same_signatory(tmp_path: Path,
                                                                kind: str) -> None:
    """check/build missed harakat and a pasted RLM, and sign missed tatweel: the PDF
    printed the same person twice."""
    letter = _letter(tmp_path, NAME, SAME[kind])
    result = runner.invoke(app, ["check", str(letter)])
    assert f"{letter}:6:7: warning: the same signatory as at line 5" in result.output, \
        result.output
    result = runner.invoke(app, ["check", str(letter), "--strict"])
    assert result.exit_code == 2 and \
        f"{letter}:6:7: the same signatory as at line 5" in result.output
    letter = _letter(tmp_path, NAME)
    result = runner.invoke(app, ["sign", str(letter), SAME[kind]])
    assert result.exit_code == 2 and f"{letter}:5:7: '" in result.output and \
        "has already signed" in result.output, result.output


def test_a_detail_with_an_invisible_mark_is_the_same_detail(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n"
                      "    - {name: أحمد, organisation: منظمة}\n"
                      "    - {name: أحمد, organisation: \"منظمة\u200f\"}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(letter)])
    assert "warning: the same signatory as at line 4" in result.output, result.output


@pytest.mark.parametrize(("first", "second"), [
    ("أحمد العبيدي", "احمد العبيدي"),  # alif with hamza / bare alif
    ("إيناس جبار", "ايناس جبار"),
    ("آلاء طالب", "الاء طالب"),  # alif with madda
    ("فاطمة الزهراء", "فاطمه الزهراء"),  # ta marbuta / ha
    ("مصطفى الكاظمي", "مصطفى الكاظمى"),  # ya / alif maqsura
    ("علی رضایی", "علي رضايي"),  # Persian / Arabic ya
    ("کاظم", "كاظم"),  # Persian / Arabic kaf
    ("هناء إدوار", "هناء ادوار"),
])
def test_arabic_spelling_variants_are_likely_duplicates(tmp_path: Path, first: str,
                                                        second: str) -> None:
    """احمد / أحمد, فاطمه / فاطمة: the commonest spellings of one name in Arabic form data
    were two signatories without a word."""
    letter = _letter(tmp_path, first)
    result = runner.invoke(app, ["sign", str(letter), second, "--strict"])
    assert result.exit_code == 2 and f"{letter}:5:7: '{second}' looks like" in result.output, \
        result.output
    result = runner.invoke(app, ["sign", str(letter), second])
    assert result.exit_code == 0 and f"{letter}:5:7: warning: '{second}' looks like" in \
        result.output, result.output
    assert second in letter.read_text(encoding="utf-8")
    # the build does not merge them: two people may spell their names so
    assert "the same signatory" not in runner.invoke(app, ["check", str(letter)]).output


def _import(tmp_path: Path, form: str, *options: str) -> tuple[Path, str, int]:
    letter, csv = tmp_path / "l.yaml", tmp_path / "form.csv"
    letter.write_text("title: t\nsignatories:\n  members:\n"
                      "    - {name: John Smith, organisation: Oxfam, country: Kenya}\n"
                      "    - {name: هناء إدوار, organisation: جمعية الأمل العراقية}\n",
                      encoding="utf-8")
    csv.write_text(form, encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(csv), *options])
    return letter, result.output, result.exit_code


def test_namesakes_are_not_likely_duplicates(tmp_path: Path) -> None:
    """Every namesake (same name, another organisation and country) was a "likely
    duplicate", and --strict refused it: 1,240 warnings on a 2,060-row form buried 13 real
    duplicates."""
    letter, output, code = _import(
        tmp_path, "Full name,Organisation,Country\nJohn Smith,CARE International,Ghana\n"
                  "john smith,Amnesty,\nهناء إدوار,منظمة أخرى,\n", "--strict")
    assert code == 0 and "likely duplicates: 0" in output, output
    assert letter.read_text(encoding="utf-8").casefold().count("john smith") == 3


@pytest.mark.parametrize(("row", "line"), [
    ("John Smith,,", 4),  # nothing said against it
    ("John Smith,OXFAM,", 4),  # the same organisation, no country
    ("Jon Smith,Oxfam,Kenya", 0),  # another name: not a duplicate at all
    ("هناء ادوار,جمعية الامل العراقية,العراق", 5),  # spelling variants in name and detail
])
def test_the_same_name_with_details_that_agree_is_a_likely_duplicate(
        tmp_path: Path, row: str, line: int) -> None:
    letter, output, code = _import(tmp_path, f"Full name,Organisation,Country\n{row}\n")
    assert code == 0, output
    if not line:
        assert "likely duplicates: 0" in output, output
        return
    assert f"looks like the signatory at {letter}:{line}; added" in output, output
    letter, output, code = _import(tmp_path, f"Full name,Organisation,Country\n{row}\n",
                                   "--strict")
    assert code == 2 and f"looks like the signatory at {letter}:{line}; refused" in output


def test_a_detail_is_compared_as_printed(tmp_path: Path) -> None:
    """The letter's "[Oxfam](https://oxfam.org)" prints Oxfam: J. Smith of Oxfam signing
    again was taken for a namesake of another organisation, without a word."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n"
                      "    - {name: J Smith, organisation: '[Oxfam](https://oxfam.org)'}\n")
    result = runner.invoke(app, ["sign", str(letter), "J. Smith", "--organisation", "Oxfam"])
    assert result.exit_code == 0 and f"{letter}:4:7: warning: 'J. Smith' looks like this " \
        "signatory" in result.output, result.output


def test_sign_a_namesake_in_another_country(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members:\n    - {name: SAMS, country: USA}\n"
                      "    - {name: John Smith, organisation: Oxfam}\n")
    for args in (["John Smith", "--organisation", "CARE"],
                 ["Syrian American Medical Society SAMS", "--country", "Turkey"]):
        result = runner.invoke(app, ["sign", str(letter), *args, "--strict"])
        assert result.exit_code == 0 and "warning" not in result.output, result.output


GROUPS = ("lang: ar\ntitle: t\nsignatories:\n  groups:\n    - name: منظمات\n      members: [أ]\n"
          "    - name: الأفراد\n      members: [ب]\n")


@pytest.mark.parametrize("typed", ["\u200fالأفراد", "الأفراد\u200e", " الأفراد ", "الأفـراد"])
def test_sign_joins_a_group_typed_with_invisible_marks(tmp_path: Path, typed: str) -> None:
    """A group name pasted with an RLM made a second group that printed the same heading;
    the message read like joining."""
    letter = tmp_path / "l.yaml"
    letter.write_text(GROUPS, encoding="utf-8")
    result = runner.invoke(app, ["sign", str(letter), "سمر", "--group", typed])
    assert result.exit_code == 0 and "to group 'الأفراد' in" in result.output, result.output
    assert letter.read_text(encoding="utf-8") == GROUPS.replace("[ب]", "[ب, سمر]")


MARKDOWN_GROUPS = ("title: '%{count:Friends} and %{count:Syrian NGO Alliance (SNA)}'\n"
                   "signatories:\n  groups:\n"
                   "    - name: '[Syrian NGO Alliance](https://sna.org) (SNA)'\n"
                   "      members: [A]\n    - name: '**Friends**'\n      members: [B]\n")


def test_a_group_is_matched_as_printed(tmp_path: Path) -> None:
    """A group whose name holds Markdown was not found by the name it prints: sign --group,
    import and a source's group column made a second group of the same heading, and
    %{count:Friends} was no group."""
    letter = tmp_path / "l.yaml"
    letter.write_text(MARKDOWN_GROUPS, encoding="utf-8")
    result = runner.invoke(app, ["sign", str(letter), "C", "--group",
                                 "Syrian NGO Alliance (SNA)"])
    assert result.exit_code == 0 and "added 'C' to group '[Syrian NGO Alliance](" \
        "https://sna.org) (SNA)' in" in result.output, result.output
    form = tmp_path / "form.csv"  # the group as the export writes it, and as read
    form.write_text("name,group\nD,Friends\n"
                    "E,Syrian NGO Alliance <https://sna.org> (SNA)\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0 and "new groups (at the end): 0\n" in result.output, \
        result.output
    assert letter.read_text(encoding="utf-8").startswith(MARKDOWN_GROUPS.replace(
        "[A]", "[A, C, E]").replace("[B]", "[B, D]"))
    letter.write_text(MARKDOWN_GROUPS.replace("groups:", "source: s.csv\n  groups:"),
                      encoding="utf-8")
    (tmp_path / "s.csv").write_text("name,group\nF,friends\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(letter), "-f", "txt", "-o",
                                 str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "l.txt").read_text(encoding="utf-8")
    assert text.startswith("2 and 1\n") and text.count("Friends") == 1, text


def test_a_new_group_is_said_to_be_new_and_one_like_a_group_is_questioned(
        tmp_path: Path) -> None:
    """"الافراد" typed for "الأفراد" silently created a second group."""
    letter = tmp_path / "l.yaml"
    letter.write_text(GROUPS, encoding="utf-8")
    result = runner.invoke(app, ["sign", str(letter), "سمر", "--group", "الافراد", "--strict"])
    assert result.exit_code == 2 and f"{letter}:7:13: the new group 'الافراد' looks like the " \
        "group 'الأفراد' here (did you mean 'الأفراد'?); refused (--strict)" in result.output
    assert letter.read_text(encoding="utf-8") == GROUPS
    result = runner.invoke(app, ["sign", str(letter), "سمر", "--group", "الافراد"])
    assert result.exit_code == 0 and f"{letter}:7:13: warning: the new group 'الافراد' looks " \
        "like the group 'الأفراد'" in result.output, result.output
    assert "added 'سمر' to a new group 'الافراد' (at the end)" in result.output
    result = runner.invoke(app, ["sign", str(letter), "رنا", "--group", "أصدقاء"])
    assert result.exit_code == 0 and "warning" not in result.output
    assert "added 'رنا' to a new group 'أصدقاء' (at the end)" in result.output
    form = tmp_path / "form.csv"
    form.write_text("name,group\nهدى,منظمات\nليلى,اصدقاء\nمنى,جيران\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(form), "--dry-run"])
    assert "new groups (at the end): 2\n  * اصدقاء\n    " in result.output, result.output
    assert "  * جيران\n" in result.output


def test_a_new_group_a_letter_or_two_from_one_is_questioned(tmp_path: Path) -> None:
    """"Syrian NGO Aliance (SNA)" typed for "Syrian NGO Alliance (SNA)" made a new group
    without a word; a group only like it in part ("Group B" beside "Group A") is new."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  groups:\n    - name: Syrian NGO Alliance "
                      "(SNA)\n      members: [A]\n    - name: Group A\n      members: [B]\n")
    result = runner.invoke(app, ["sign", str(letter), "C", "--group",
                                 "Syrian NGO Aliance (SNA)"])
    assert result.exit_code == 0 and f"{letter}:4:13: warning: the new group 'Syrian NGO " \
        "Aliance (SNA)' looks like the group 'Syrian NGO Alliance (SNA)'" in result.output
    result = runner.invoke(app, ["sign", str(letter), "D", "--group", "Group B"])
    assert result.exit_code == 0 and "looks like" not in result.output, result.output


def test_a_new_group_like_a_linked_groups_printed_name_is_questioned(tmp_path: Path) -> None:
    """The README's own group, "[Syrian NGO Alliance](https://sna.org) (SNA)": the similar
    groups were looked for among names as written, link and all, so "Syrian NGO Aliance
    (SNA)" made a new group without a word, --strict too."""
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  groups:\n    - name: '[Syrian NGO Alliance]"
                      "(https://sna.org) (SNA)'\n      members: [A]\n", encoding="utf-8")
    before = letter.read_text(encoding="utf-8")
    result = runner.invoke(app, ["sign", str(letter), "C", "--group",
                                 "Syrian NGO Aliance (SNA)", "--strict"])
    assert result.exit_code == 2 and letter.read_text(encoding="utf-8") == before
    assert "looks like the group '[Syrian NGO Alliance](https://sna.org) (SNA)'" in \
        result.output, result.output
