"""Signatory source files: CSV as spreadsheets and forms export it, and YAML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import in_order, norm
from letterpress.build import build, check
from letterpress.cli import app
from letterpress.load import load
from letterpress.signatories.export import rows
from letterpress.view import build as build_page

Letter = Callable[..., Path]
Built = Callable[..., dict[str, str]]

LETTER = """\
title: Sources
signatories:
  source: {source}
  groups:
    - name: SNA
      members: [Big Heart]
"""


def _csv(folder: Path, data: bytes, name: str = "signers.csv") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_real_export_bom_semicolons_newlines(letter: Letter, built: Built, fmt: str) -> None:
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, "\ufeffName;Group;Organisation;Email;Verified\r\n"
         "\"Dr Amer\nMasri\";Doctors;IDA;a@example.org;yes\r\n"
         "Hand In Hand;SNA;;;\r\n\r\n"
         "Not yet;SNA;;;no\r\n"
         "Zaytoon;;;;\r\n".encode())
    text = norm(built(path, (fmt,))[fmt])
    in_order(text, ["1. Zaytoon", "SNA", "2. Big Heart", "3. Hand In Hand", "Doctors",
                    "4. Dr Amer Masri"])
    assert "Not yet" not in text


def test_include_unverified(letter: Letter, built: Built) -> None:
    path = letter(LETTER.format(source="signers.csv").replace(
        "  source:", "  include_unverified: true\n  source:"))
    _csv(path.parent, b"name,verified\nNot yet,no\n")
    assert "Not yet" in built(path, ("txt",))["txt"]


def test_yaml_source_and_several_sources(letter: Letter, built: Built) -> None:
    path = letter(LETTER.format(source="[more.yaml, signers.csv]"))
    (path.parent / "more.yaml").write_text(
        "- Plain Name\n- name: Dr Jane Doe\n  role: Director\n  group: New Coalition\n")
    _csv(path.parent, b"name,group\nCSV Person,SNA\n")
    text = norm(built(path, ("txt",))["txt"])
    in_order(text, ["1. Plain Name", "SNA", "2. Big Heart", "3. CSV Person",
                    "New Coalition", "4. Dr Jane Doe, Director"])


def test_a_group_that_prints_nothing_is_the_ungrouped_members(letter: Letter,
                                                               built: Built) -> None:
    """A group given as an RLM or a zero-width space alone made a group with a blank
    heading, printed apart from the ungrouped members."""
    path = letter(LETTER.format(source="[more.yaml, signers.csv]"))
    (path.parent / "more.yaml").write_text('- {name: Y1, group: "\\u200f"}\n'
                                           '- {name: Y2, group: " \\u200b "}\n')
    _csv(path.parent, "name,group\nC1,\u200f\n".encode())
    text = norm(built(path, ("txt",))["txt"])
    in_order(text, ["1. Y1", "2. Y2", "3. C1", "SNA", "4. Big Heart"])
    assert "\u200f" not in text and "\u200b" not in text


def test_a_row_joins_a_group_named_in_several_languages(letter: Letter, tmp_path: Path) -> None:
    """A CSV's group written in any of a group's languages is that group (not a new one),
    and %{count:NAME} counts it in every language's version."""
    path = letter("""\
        lang: [en, ar]
        title: {en: T, ar: ت}
        body: ["We are %{count:syrian  Organisations}."]
        signatories:
          groups:
            - name: {en: Syrian organisations, ar: المنظمات السورية}
              members: [A, B]
          source: signers.csv
        """)
    _csv(path.parent, "name,group\nEnglish Row,syrian  organisations\n"
         "Arabic Row,المنظمات السورية\n".encode())
    assert not build(path, tmp_path / "out", ["txt"]).errors
    for lang, heading in (("en", "Syrian organisations"), ("ar", "المنظمات السورية")):
        text = norm((tmp_path / "out" / f"test.{lang}.txt").read_text(encoding="utf-8"))
        in_order(text, ["We are 4.", heading, "A", "B", "English Row", "Arabic Row"])
        assert text.count(heading) == 1


def test_comma_and_tab_delimiters(letter: Letter, built: Built) -> None:
    path = letter(LETTER.format(source="[a.csv, b.csv]"))
    _csv(path.parent, b"name,organisation\n\"Doe, Jane\",X\n", "a.csv")
    _csv(path.parent, b"name\torganisation\nTab Person\tY\n", "b.csv")
    in_order(norm(built(path, ("txt",))["txt"]), ["Doe, Jane, X", "Tab Person, Y"])


def test_extra_columns_are_noted(letter: Letter, tmp_path: Path) -> None:
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, b"name,Email,Phone\nA,a@b.c,1\n")
    result = check(path)
    assert not result.errors
    assert any("'Email', 'Phone' ignored" in d.message and d.severity == "warning"
               for d in result.warnings)


@pytest.mark.parametrize(("data", "where", "message"), [
    (b"name,group\nA,SNA\n,SNA\n", "signers.csv:3:1", "a signatory's name is empty"),
    (b"name,group\nA,SNA,extra\n", "signers.csv:2:7", "this row has 3 fields"),
    (b"group\nSNA\n", "signers.csv:1:1", "no 'name' column"),
    (b"name\nCaf\xe9\n", "signers.csv:2:4", "not UTF-8"),
    (b"name\nA\x00B\n", "signers.csv:2:2", "NUL byte"),
    (b"name,verified\nA,perhaps\n", "signers.csv:2:3", "verified: expected yes or no"),
    (b"", "signers.csv:1:1", "empty CSV file"),
    (b"\n\n\n", "signers.csv:1:1", "empty CSV file"),  # (was "the columns are: ", none)
    (b"\r\n \r\n", "signers.csv:1:1", "empty CSV file"),
    (b"\n\ngroup\n\nSNA\n", "signers.csv:3:1", "no 'name' column; the columns are: 'group'"),
    # columns as an editor counts them, the quotes of earlier cells too (were 2 short)
    (b'"added","name"\n"2026-01-02",Bad\x01Name\n', "signers.csv:2:17", "U+0001"),
    (b'"added","name"\n"2026-01-02","B""a\x01"\n', "signers.csv:2:19", "U+0001"),
    (b'"added","name"\n"2026-01-02",""\n', "signers.csv:2:14", "name is empty"),
    (b'"name","x, y","verified"\nA,,perhaps\n', "signers.csv:2:4", "verified: expected"),
    (b'"a, b",name,"c, d",name\nA,B,C,D\n', "signers.csv:1:20", "a second column for name"),
])
def test_bad_csv_is_located(letter: Letter, data: bytes, where: str, message: str) -> None:
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, data)
    errors = check(path).errors
    assert errors, "expected an error"
    assert f"{Path(errors[0].file).name}:{errors[0].line}:{errors[0].col}" == where
    assert message in errors[0].message


runner = CliRunner()


@pytest.mark.parametrize("data", [b"\n\nname;group\n\nA;SNA\n",
                                  b"\r\n\r\nname;group\r\nA;SNA\r\n",
                                  b"sep=;\n\nname;group\nA;SNA\n"])
def test_blank_lines_before_the_header_are_skipped(letter: Letter, tmp_path: Path,
                                                    data: bytes) -> None:
    """A blank first line was taken for the header: no 'name' column, the columns listed
    none. Its delimiter is the header's, and sign adds a row in it."""
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, data)
    assert not check(path).errors
    assert runner.invoke(app, ["sign", str(path), "B", "--group", "SNA"]).exit_code == 0
    newline = b"\r\n" if data.endswith(b"\r\n") else b"\n"
    assert (path.parent / "signers.csv").read_bytes() == data + b"B;SNA" + newline
    assert [row.member.name for row in load(path).sourced] == ["A", "B"]


def test_missing_source_is_located(letter: Letter) -> None:
    path = letter(LETTER.format(source="nowhere.csv"))
    errors = check(path).errors
    assert [(e.line, e.col) for e in errors] == [(3, 11)]
    assert "nowhere.csv: source file not found" in errors[0].message


def test_a_letter_error_does_not_hide_its_sources_errors(letter: Letter) -> None:
    """README: every problem at once. An error in the letter's own fields stopped before its
    sources were read: their errors showed only once it was fixed."""
    path = letter("title: T\nsignatories:\n  source: signers.csv\n  members:\n"
                  "    - {name: X, added: 2026-02-30}\n")
    _csv(path.parent, b"name,added\nE,2026-13-01\nF,2026-01-01,extra\n")
    errors = check(path).errors
    assert [(Path(e.file).name, e.line, e.col) for e in errors] == [
        ("signers.csv", 2, 3), ("signers.csv", 3, 14), ("test.yaml", 5, 24)]


def test_duplicate_across_letter_and_source_names_both(letter: Letter) -> None:
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, b"name,group\nbig  HEART,SNA\n")
    warnings = check(path).warnings
    assert len(warnings) == 1 and "same signatory as at" in warnings[0].message
    assert warnings[0].line == 2 and "test.yaml:6" in warnings[0].message
    assert check(path, strict=True).errors


def test_yaml_source_in_letters_is_not_built_as_a_letter(letter: Letter, tmp_path: Path) -> None:
    from letterpress.build import find_letters

    path = letter(LETTER.format(source="more.yaml"))
    (path.parent / "more.yaml").write_text("# signers\n- A\n")
    assert find_letters([path.parent]) == [path]


def test_a_letter_written_as_a_list_is_built_and_reported(letter: Letter) -> None:
    """A stray "- " before the letter's first key made it a list: the folder scan took it for
    a signatory source and skipped it without a word (exit 0, "1 letter OK"). A list whose
    first item holds a letter's key (no member has one) is a letter, which the build then
    reports; a list of members beside it is still a source."""
    from letterpress.build import find_letters

    path = letter(LETTER.format(source="more.yaml"))
    (path.parent / "more.yaml").write_text("# signers\n- {name: A, country: Syria}\n- B\n")
    oops = path.parent / "oops.yaml"
    oops.write_text("- title: Ceasefire now\n  body:\n    - We call for a ceasefire.\n- B\n")
    assert find_letters([path.parent]) == [oops, path]
    assert "this file holds a list" in check(oops).errors[0].message
    # a member given a title or a date by mistake is still a source (its own check says
    # so), and so is a one-line list
    oops.unlink()
    (path.parent / "more.yaml").write_text("- name: A\n  title: Director\n  date: 2024-01-01\n"
                                           "  note: |\n    body: not a key\n- B\n")
    (path.parent / "flow.yaml").write_text("[" + ", ".join(f"{{name: N{i}}}" for i in
                                                           range(3)) + "]\n")
    assert find_letters([path.parent]) == [path]


def test_ten_thousand_signatories(letter: Letter, tmp_path: Path) -> None:
    path = letter(LETTER.format(source="big.csv").replace(
        "  source:", "  order: alphabetical\n  display: columns\n  source:"))
    rows = [f"Organisation number {i:05d},Group {i % 7}" for i in range(10_000)]
    rows += ["Organisation number 00042,Group 0"]  # one duplicate
    _csv(path.parent, ("name,group\n" + "\n".join(rows) + "\n").encode(), "big.csv")
    result = build(path, tmp_path / "out", ["pdf", "docx"])
    assert not result.errors
    assert result.count == 10_002  # 10,000 + Big Heart + the duplicate (a warning, kept)
    assert [w for w in result.warnings if "same signatory" in w.message]
    assert (tmp_path / "out" / "test.pdf").stat().st_size > 100_000


def test_alphabetical_order_is_locale_aware(letter: Letter, built: Built) -> None:
    path = letter("""\
        title: t
        signatories:
          order: alphabetical
          members: [ياسر, Émile, أحمد, zeta, باسمة, Eve, ثامر, تامر, alpha]
        """)
    text = norm(built(path, ("txt",))["txt"])
    in_order(text, ["alpha", "Émile", "Eve", "zeta", "أحمد", "باسمة", "تامر", "ثامر", "ياسر"])


def test_alphabetical_order_follows_the_language_alphabet(letter: Letter, built: Built) -> None:
    """Turkish Ç, Ş and dotless I are letters of their own (DUCET files them as accented
    C, S and I); an English group in the same letter keeps the English order."""
    path = letter("""\
        lang: tr
        title: t
        signatories:
          order: alphabetical
          numbering: none
          groups:
            - members: [Şule, Deniz, Işık, Sema, Çağla, İlker, Cem, Ilgaz, Ümit, Uğur]
            - lang: en
              members: [Şule, Sema, Çağla, Cem]
        """)
    for fmt in ("txt", "docx"):
        text = norm(built(path, (fmt,))[fmt])
        in_order(text, ["Cem", "Çağla", "Deniz", "Ilgaz", "Işık", "İlker", "Sema", "Şule",
                        "Uğur", "Ümit", "Çağla", "Cem", "Sema", "Şule"])


def test_alphabetical_order_puts_the_languages_own_script_first(letter: Letter,
                                                                 built: Built) -> None:
    """CLDR's Arabic rules begin with [reorder Arab]: "Amnesty International" came first
    in an Arabic letter, before أمل and بسمة, in every format and in the export; an
    English group in it keeps Latin first."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = letter("""\
        lang: ar
        title: ترتيب
        signatories:
          order: alphabetical
          groups:
            - members: [Amnesty International, بسمة, أمل]
            - lang: en
              members: [بسمة, Zeta]
        """)
    for fmt in ("txt", "docx"):
        text = norm(built(path, (fmt,))[fmt])
        in_order(text, ["أمل", "بسمة", "Amnesty International", "Zeta", "بسمة"])
    result = CliRunner().invoke(app, ["signatories", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [row.split(",")[2] for row in result.output.splitlines()[1:]] == [
        "أمل", "بسمة", "Amnesty International", "Zeta", "بسمة"]


def test_mac_line_ends_are_read_and_kept(letter: Letter, tmp_path: Path) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends lines with a carriage return alone: every
    command ended in a traceback ('substring not found'). Read, and signed into, in kind."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = letter(LETTER.format(source="signers.csv"))
    source = _csv(path.parent, b"name,organisation\rAlice,Org A\rBob,Org B\r")
    result = check(path)
    assert not result.errors and result.count == 3, result.errors
    signed = CliRunner().invoke(app, ["sign", str(path), "Eve", "--organisation", "E",
                                      "--group", ""])
    assert signed.exit_code == 0, signed.output
    assert source.read_bytes() == b"name,organisation\rAlice,Org A\rBob,Org B\rEve,E\r"


def test_utf16_text_is_read_and_signed_in_kind(letter: Letter) -> None:
    """Excel's "Unicode Text" (UTF-16 with its byte-order mark, tab delimited) was refused
    ("save the file as UTF-8"); it is read, and a row signed into it is UTF-16 too."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = letter(LETTER.format(source="signers.csv"))
    source = _csv(path.parent, "name\torganisation\r\nJosé Núñez\tCELS\r\n"
                  "أحمد\tمنظمة\r\n".encode("utf-16-le").join([b"\xff\xfe", b""]))
    result = check(path)
    assert not result.errors and result.count == 3, result.errors
    signed = CliRunner().invoke(app, ["sign", str(path), "Zoë", "--organisation", "L",
                                      "--group", ""])
    assert signed.exit_code == 0, signed.output
    assert source.read_bytes() == b"\xff\xfe" + ("name\torganisation\r\nJosé Núñez\tCELS\r\n"
                                                "أحمد\tمنظمة\r\nZoë\tL\r\n").encode("utf-16-le")
    assert check(path).count == 4


def test_excel_sep_line_names_the_delimiter(letter: Letter) -> None:
    """Excel's "sep=;" first line was taken for the header ("no 'name' column; the columns
    are: 'sep=', ''"); a bad row is still told at its own line."""
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, "sep=;\r\nNom complet;Organisation\r\nFrançois Müller;Org F\r\n"
         ";Org G\r\n".encode())
    result = check(path)
    assert [(d.line, d.message) for d in result.errors] == [
        (4, "a signatory's name is empty")]
    _csv(path.parent, "sep=;\r\nNom complet;Organisation\r\nFrançois Müller;Org F\r\n".encode())
    result = check(path)
    assert not result.errors and result.count == 2


def test_excel_sep_line_header_messages_point_at_the_header(letter: Letter) -> None:
    """After Excel's "sep=;" line the header is line 2, but its warnings (a column ignored,
    consent read from a form's box) and errors (no name column) pointed at line 1, where
    the column they named does not exist."""
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, "sep=;\r\nHorodateur;Nom;J'accepte que mon nom soit publié\r\n"
         "02/10/2024;Élodie Martin;Oui\r\n".encode())
    result = check(path)
    assert not result.errors
    assert sorted((d.line, d.col, d.message.split(":")[0]) for d in result.warnings
                  if d.file.endswith("signers.csv")) == [
        (2, 1, "column 'Horodateur' ignored"),
        (2, 16, "consent from column 'J'accepte que mon nom soit publié'")]
    _csv(path.parent, b"sep=;\r\nOrganisation;Pays\r\nOrg F;France\r\n")
    assert [(d.line, d.message.split(";")[0]) for d in check(path).errors] == [
        (2, "no 'name' column")]


def test_csv_cells_are_text_as_typed(letter: Letter, built: Built) -> None:
    """A cell is not Markdown: an export read back as a source (or a form's CSV used as
    one) made "[Click me](https://...)" a live link and "*bold*" italics."""
    path = letter(LETTER.format(source="signers.csv"))
    _csv(path.parent, b"name,organisation\n[Click me](https://evil.example),*bold* org\n")
    html = built(path, ("html",))["html"]
    assert "evil.example" in html and 'href="https://evil.example"' not in html
    assert "*bold* org" in html and "<em>" not in html


def test_added_is_the_date_signed_kept_not_printed(letter: Letter, built: Built) -> None:
    """`added` is when a member signed, for the coordinators: it printed after every name
    ("Naomi Klein, Author, 22 September 2024", a CSV's "9/28/2024" as typed) and took any
    text ("yesterday"). A spreadsheet's or a form's own dates in a CSV are read as ISO."""
    path = letter("title: T\nsignatories:\n  source: signers.csv\n  members:\n"
                  "    - {name: Naomi Klein, role: Author, added: 2024-09-22}\n")
    _csv(path.parent, b"name,role,added\nKholoud Waleed,Journalist,9/28/2024\n"
                      b"Omar,Film-maker,9/10/2024 14:03:11\n"
                      b"Sara,Professor,2024/09/25 10:01:02 AM GMT+2\n")
    texts = built(path, ("txt", "docx"))
    for text in texts.values():
        in_order(text, ["Naomi Klein, Author", "Kholoud Waleed, Journalist",
                        "Omar, Film-maker", "Sara, Professor"])
        assert "2024" not in text and "September" not in text
    signatories = build_page(load(path)).signatories
    assert signatories is not None  # the export has them, ISO (9/10 read in 9/28's order)
    assert [r["added"] for r in rows(signatories)] == [
        "2024-09-22", "2024-09-28", "2024-09-10", "2024-09-25"]
    # a table that lists it prints it, in the letter's language
    path.write_text(path.read_text() + "  display: table\n  columns: [role, added]\n")
    assert "22\u00a0September\u00a02024" in built(path, ("txt",))["txt"]
    path = letter("title: T\nsignatories:\n  source: signers.csv\n  members:\n"
                  "    - {name: A, added: yesterday}\n")
    _csv(path.parent, b"name,added\nB,9/28/2024\nC,2024-13-01\nD,tomorrow\n")
    assert [(Path(e.file).name, e.line, e.col, e.message) for e in check(path).errors] == [
        ("signers.csv", 3, 3, "added: '2024-13-01' is not a real date"),
        ("signers.csv", 4, 3, "added: 'tomorrow' is not a date written year-month-day, "
                              "such as 2024-09-28"),
        ("test.yaml", 5, 24, "signatories.members[0].added: 'yesterday' is not a date "
                             "written year-month-day, such as 2024-09-28")]
    # nothing tells which; a dotted date always puts the day first and tells nothing of it
    # (it made 9/10/2024 9 October without a word)
    _csv(path.parent, b"name,added\nB,9/10/2024\nC,28.09.2024\nD,05.09.2024\n")
    errors = [(Path(e.file).name, e.line, e.col, e.message) for e in check(path).errors]
    assert ("signers.csv", 2, 3, "added: '9/10/2024' is 10 September or 9 October, and no "
            "other date in its column tells which: write 2024-09-10 or 2024-10-09") in errors
    assert [e for e in errors if e[1] > 2 and e[0] == "signers.csv"] == []
    _csv(path.parent, b"name,added\nC,28.09.2024\nD,05.09.2024\n")
    path.write_text(path.read_text().replace("yesterday", "2024-01-01"))
    signatories = build_page(load(path)).signatories
    assert signatories is not None
    assert [r["added"] for r in rows(signatories)] == ["2024-01-01", "2024-09-28", "2024-09-05"]


def test_dates_and_numbers_in_arabic_or_persian_digits_are_the_same(letter: Letter,
                                                                     built: Built) -> None:
    """Arabic and Persian keyboards and phones type ٢٠٢٦ or ۲۰۲۶: `date: ٢٠٢٦-٠٨-٢١` was "not
    a real date (year-month-day)" and `start: ٣` "expected a whole number". They are the same
    dates and numbers, in the letter, in a YAML source and in a CSV alike; `added` is kept
    in 0-9, so it sorts and compares with the others."""
    path = letter("title: T\ndate: ٢٠٢٦-٠٨-٢١\nbody:\n  - heading: H\n    level: ٢\n"
                  "  - demands: {start: ٣, items: [Stop]}\n"
                  "signatories:\n  source: [signers.csv, more.yaml]\n  display: table\n"
                  "  columns: [added]\n  members:\n    - {name: Ann, added: ۲۰۲۶-۰۸-۱۹}\n")
    _csv(path.parent, "name,added\nBo,٢٠٢٦/٠٨/٢٠\n".encode())
    (path.parent / "more.yaml").write_text("- {name: Cy, added: ٢٠٢٦-٠٨-١٨}\n", encoding="utf-8")
    text = built(path, ("txt",))["txt"]
    in_order(text, ["21 August 2026", "H", "3. Stop", "Ann", "19 August 2026",
                    "Bo", "20 August 2026", "Cy", "18 August 2026"])
    signatories = build_page(load(path)).signatories
    assert signatories is not None
    assert [r["added"] for r in rows(signatories)] == ["2026-08-19", "2026-08-20", "2026-08-18"]
    assert load(path).letter.body[0].level == 2  # type: ignore[union-attr]
