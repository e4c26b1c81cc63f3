"""Invalid letters give the specified messages, at the right line and column, exit code 2.

Each ``invalid/NAME.yaml`` sits beside ``NAME.expected``: one ``LINE:COL: message`` per
problem, in order; a message only needs to start with the expected text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterpress.build import check
from letterpress.cli import app
from letterpress.load import load
from letterpress.source import SEPARATOR_NAMES

CASES = Path(__file__).parent / "invalid"


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_invalid_letter_is_reported_where_it_is_wrong(case: str) -> None:
    path = CASES / f"{case}.yaml"
    expected = (CASES / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    result = check(path)
    got = [f"{d.line}:{d.col}: {d.message}" for d in result.errors]
    assert len(got) == len(expected), "\n".join(got)
    for line, want in zip(got, expected, strict=True):
        assert line.startswith(want), f"{line!r} does not start with {want!r}"


def test_only_a_blocks_own_key_inside_its_value_is_sent_beside_it(tmp_path: Path) -> None:
    """`demands: {lang: en, ...}` said only "unknown key 'lang'; allowed: intro, ..." (see
    block-key-inside-its-value); a key no block takes there, or a list item's, is not sent
    beside the block."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nbody:\n  - demands:\n      caption: x\n"
                    "      items: [{text: y, lang: en}]\n", encoding="utf-8")
    messages = [d.message for d in check(path).errors]
    assert len(messages) == 2 and not any("beside" in m for m in messages), messages


def test_cli_exit_code_2_and_located_messages_without_traceback() -> None:
    result = CliRunner().invoke(app, ["check", str(CASES / "wrong-types.yaml")])
    assert result.exit_code == 2
    assert f"{CASES / 'wrong-types.yaml'}:2:7: date:" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_located(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml:1:1: file not found" in result.output


def test_plain_nulls_are_nothing_and_quoted_ones_text() -> None:
    """libyaml marks plain scalars with style '' (PyYAML: None); both mean nothing was given."""
    from letterpress.source import read_yaml

    doc = read_yaml("a:\nb: ~\nc: null\nd: 'null'\ne: \"~\"\nf: [~, x]\n", "l.yaml")
    assert doc.data == {"a": None, "b": None, "c": None, "d": "null", "e": "~", "f": [None, "x"]}


def test_scripts_the_shipped_fonts_lack_are_warned_about_where_first_used(
        tmp_path: Path) -> None:
    """One warning per script, at its first use; Latin, Arabic and Greek are covered."""
    path = tmp_path / "cjk.yaml"
    path.write_text("title: Open letter — رسالة — Ανοιχτή επιστολή\nbody: [Text]\n"
                    "signatories:\n  - Ana\n  - 李小龍\n  - 王\n  - 김민준\n"
                    "  - Heart \u2764\ufe0f Org\n", encoding="utf-8")  # (an emoji's selector)
    result = check(path)
    assert not result.errors
    got = [(d.line, d.col, d.message.split(";")[0]) for d in result.warnings]
    assert got == [
        (5, 5, "signatories[1]: the shipped fonts have no CJK characters ('李')"),
        (7, 5, "signatories[3]: the shipped fonts have no Hangul characters ('김')"),
    ]


def test_emoji_the_shipped_fonts_lack_are_warned_about_where_first_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Emoji are symbols, not letters of a script: they printed as empty boxes without a
    word while CJK was warned. One warning for all of them, at the first, naming it
    (not its skin tone, selector or joiner)."""
    from letterpress import fonts

    shipped = fonts.covered()
    monkeypatch.setattr(fonts, "covered", lambda: frozenset(
        p for p in shipped if not fonts._emoji(chr(p))))  # as fonts without emoji
    monkeypatch.setattr(fonts, "_system_points", frozenset)  # nor the machine
    path = tmp_path / "e.yaml"
    path.write_text("title: Stop the executions\nbody:\n  - We stand \u270a\U0001f3fd.\n"
                    "  - Peace \U0001f54a\ufe0f and \U0001f469\u200d\U0001f467 #\ufe0f\u20e3\n",
                    encoding="utf-8")
    got = [(d.line, d.col, d.message.split(";")[0]) for d in check(path).warnings]
    assert got == [(3, 5, "body[0]: the shipped fonts have no emoji characters ('\u270a')")]
    assert fonts._emoji("\U0001f3fd")  # skin tone
    assert not any(map(fonts._emoji, "\ufe0f\u200d\u20e3#\u2192©"))


def test_symbols_shown_as_text_are_no_emoji_and_not_warned(tmp_path: Path) -> None:
    """Every symbol of the blocks emoji come from was taken for an emoji: ★ ☐ ⌘, which
    DejaVu draws, warned 'the shipped fonts have no emoji characters ('★')'. An emoji is
    one of the table Noto Emoji draws (``EMOJI``), and a symbol of text warns nothing."""
    from letterpress import fonts

    path = tmp_path / "sym.yaml"
    path.write_text('title: "Demands \u2714"\nbody:\n  - "Aleppo \u2194 Idlib \u25aa call '
                    '\u260e \u2709 \u26a0 \u27a1 \u2605 \u2606 \u2610 \u2612 \u2318 \u23ce \u261b '
                    '\u2764\ufe0f"\n', encoding="utf-8")
    assert not check(path).warnings
    assert not any(map(fonts._emoji, "\u2605\u2610\u2318\u2194\u25b6\u2714\u260e\u2764"))
    assert all(map(fonts._emoji, "\u231a\u2705\u270a\u2b50\U0001f4e3\U0001f54a\U0001f1f8"))


def test_an_emoji_no_font_has_is_warned_after_one_a_system_font_has(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One warning per kind of character: the first emoji's 'a system font is used for
    them' stood for a later one no font has, which printed as an empty box. A character
    of the kind with another fallback is warned too."""
    from letterpress import fonts

    shipped = fonts.covered()
    monkeypatch.setattr(fonts, "covered", lambda: frozenset(
        p for p in shipped if not fonts._emoji(chr(p))))  # as fonts without emoji
    monkeypatch.setattr(fonts, "_system_points", lambda: frozenset({0x270A, 0x2B50}))
    path = tmp_path / "e.yaml"
    path.write_text("title: We stand \u270a\nbody:\n  - Peace \U0001f54a and \u2b50\n"
                    "  - More \U0001f4e3\n", encoding="utf-8")
    got = [(d.line, d.col, d.message) for d in check(path).warnings]
    assert got == [
        (1, 8, "title: the shipped fonts have no emoji characters ('\u270a'); a system font "
               "is used for them in the PDF"),
        (3, 5, "body[0]: the shipped fonts have no emoji characters ('\U0001f54a'); no font "
               "on this machine has them: they will print as empty boxes")]


def test_missing_files_are_told_with_the_other_mistakes(tmp_path: Path) -> None:
    """A missing image or source was only reported once the letter validated: one more
    round of fixing for the user."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nnumbering: 3\nfrom: {name: X, logo: nologo.png}\n"
                    "body: [{image: nothere.png}]\nsignatories:\n  source: [a.csv, b.csv]\n")
    result = check(path)
    assert [(d.line, d.message.split(":")[0]) for d in result.errors] == [
        (2, "numbering"), (3, "nologo.png"), (4, "nothere.png"), (6, "a.csv"), (6, "b.csv")]


def test_a_markdown_table_warns_at_its_first_line(tmp_path: Path) -> None:
    """The warning pointed at the start of the block, not at the table further down."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nbody:\n  - |\n    Text.\n\n    | A | B |\n    |---|---|\n"
                    "    | 1 | 2 |\n  - Text with a | sign.\n  - >\n    Folded.\n\n"
                    "      |---|---|\n")
    assert [(w.line, w.col, w.message.split(":")[1]) for w in check(path).warnings] == [
        (6, 5, " a Markdown table"), (13, 7, " a Markdown table")]


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n"])
def test_a_list_item_indented_too_far_warns(tmp_path: Path, end: str) -> None:
    """" - B" one space further than "- A" is, to YAML, more of A's text: "A - B" printed
    as one signatory and %{count} dropped by one, without a word from check. (Saved with
    old-Mac line ends it was found at a line the file, split at \\n only, did not have.)"""
    path = tmp_path / "l.yaml"
    path.write_text(end.join(["title: t", "signatories:", "  members:", "    - Amel Association",
                              "     - Basmeh & Zeitooneh", "    - Big Heart",
                              "    - Dar - Relief", ""]), encoding="utf-8", newline="")
    assert [(w.line, w.col, w.message.split(" is read")[0]) for w in check(path).warnings] == [
        (5, 6, "this '- ' line")]


def test_a_known_key_without_a_value_in_braces_warns(tmp_path: Path) -> None:
    """"{name: Ann, organisation: Oxfam, Oxford, country}": an unknown key after a comma
    is an error, but a known one (country) was read as empty without a word."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nsignatories:\n  members:\n"
                    "    - {name: Ann, organisation: Oxfam, country}\n"
                    "    - {name: Bob, organisation: Oxfam, country: UK}\n")
    assert [(w.line, w.col, w.message.split(" is written")[0])
            for w in check(path).warnings] == [(4, 40, "signatories.members[0].country")]


def test_organization_is_the_same_key_as_organisation(tmp_path: Path) -> None:
    """A member's `organization:` was refused, though CSV headers, --map and import took
    that spelling; it is the same key (both at once is one message)."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nto: [{name: Ms X, organization: UN}]\nsignatories:\n"
                    "  members:\n    - {name: Ann, organization: Oxfam America}\n")
    result = CliRunner().invoke(app, ["build", str(path), "-f", "txt", "-o",
                                      str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert "1.  Ann, Oxfam America" in (tmp_path / "out" / "l.txt").read_text()
    path.write_text("title: t\nsignatories:\n  members:\n"
                    "    - {name: Ann, organisation: Oxfam, organization: Oxfam America}\n")
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (4, 40, "signatories.members[0].organization: 'organization' is another spelling of "
                "'organisation', which is given too: keep one")]


def test_a_key_meant_by_its_sense_is_suggested(tmp_path: Path) -> None:
    """`mobile:` in a contact was answered "did you mean 'role'?" (the closest letters)."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\ncontacts:\n  people:\n    - name: B\n      mobile: '+1 555 0100'\n"
                    "      website: example.org\nsignatories:\n  members:\n"
                    "    - {name: A, position: Director, mobile: '+1'}\n")
    assert [(e.line, e.col, e.message.split(";")[0]) for e in check(path).errors] == [
        (5, 7, "contacts.people[0].mobile: unknown key 'mobile' (did you mean 'phone'?)"),
        (6, 7, "contacts.people[0].website: unknown key 'website' (did you mean 'url'?)"),
        (9, 17, "signatories.members[0].position: unknown key 'position' (did you mean "
                "'role'?)"),
        (9, 37, "signatories.members[0].mobile: unknown key 'mobile'")]  # no phone there


def test_a_markdown_image_in_text_warns(tmp_path: Path) -> None:
    """"![the logo](logo.png)" in a paragraph printed "the logo" without a word: a picture
    is a block of its own."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nbody:\n  - Intro.\n  - |\n    First line.\n"
                    "    See ![the logo](logo.png) here.\n")
    assert [(w.line, w.col, w.message.split(" prints")[0]) for w in check(path).warnings] == [
        (6, 9, "body[1]: a Markdown image")]


def test_combine_in_a_letter_of_one_language_warns(tmp_path: Path) -> None:
    """`combine: parallel` with one language printed it alone, without a word."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nlang: fr\ncombine: parallel\nbody: [a]\n")
    assert [(w.line, w.col, w.message.split(" has")[0]) for w in check(path).warnings] == [
        (3, 10, "combine: parallel")]
    path.write_text("title: t\nlang: [fr, en]\ncombine: parallel\nbody: [a]\n")
    assert not [w for w in check(path).warnings if "combine" in w.message]


def test_a_body_block_that_prints_nothing_warns(tmp_path: Path) -> None:
    """An empty text (- "") and a list without items vanished without a word."""
    path = tmp_path / "l.yaml"
    path.write_text('title: t\nbody:\n  - ""\n  - Text.\n  - demands:\n      items: []\n'
                    "  - list: []\n")
    assert [(w.line, w.message) for w in check(path).warnings] == [
        (3, "body[0] is empty and prints nothing"),
        (6, "body[2].demands has no items and prints nothing"),
        (7, "body[3].list has no items and prints nothing")]


def test_a_yaml_tag_is_ignored_with_a_warning_and_nothing_constructed(tmp_path: Path) -> None:
    """A tag (!!python/object/apply, !!binary, !foo) was silently ignored: the value is
    read as written, with a warning where the tag stands."""
    path = tmp_path / "l.yaml"
    path.write_text("title: T\ncc: !!python/object/apply:os.system [echo pwned]\nbody:\n"
                    "  - !!binary aGk=\n  - !foo x\n  - !!str fine\n  - ! fine\n"
                    "subtitle: !<tag:x> y\nreference: '!!not a tag'\n", encoding="utf-8")
    result = check(path)
    assert not result.errors
    assert [(w.line, w.col, w.message) for w in result.warnings] == [
        (line, col, f"the tag {tag} is ignored; the value is read as written")
        for line, col, tag in [(2, 5, "!!python/object/apply:os.system"), (4, 5, "!!binary"),
                               (5, 5, "!foo"), (8, 11, "!<tag:x>")]]
    data = load(path).doc.data
    assert (data["cc"], data["body"][:2]) == (["echo pwned"], ["aGk=", "x"])


def test_an_empty_quote_or_heading_prints_nothing_and_warns(tmp_path: Path) -> None:
    """- quote: "" gave no warning where - "" did."""
    path = tmp_path / "l.yaml"
    path.write_text('title: t\nlang: [en, ar]\nbody:\n  - quote: ""\n  - quote: {en: " "}\n'
                    '    by: A\n  - heading: "\u200b"\n    level: 2\n  - {en: "", ar: ""}\n'
                    '  - quote: {en: Q, ar: ""}\n', encoding="utf-8")
    assert [(w.line, w.message) for w in check(path).warnings if "nothing" in w.message] == [
        (4, "body[0] is empty and prints nothing"),
        (5, "body[1].quote is empty and prints nothing"),
        (7, "body[2].heading is empty and prints nothing"),
        (9, "body[3] is empty and prints nothing")]


@pytest.mark.parametrize("title", ['""', '"   "', '"\u200b"', '{en: "", ar: "\u200f"}'])
def test_a_letter_whose_only_title_is_empty_is_refused(tmp_path: Path, title: str) -> None:
    """An empty title and no body passed for a letter ("1 letter OK")."""
    path = tmp_path / "l.yaml"
    path.write_text(f"lang: [en, ar]\ntitle: {title}\n", encoding="utf-8")
    assert [(e.line, e.message) for e in check(path).errors] == [
        (1, "letter: a letter needs at least a title or a body (its title is empty)")]
    path.write_text(f"lang: [en, ar]\ntitle: {title}\nbody: [Text.]\n", encoding="utf-8")
    assert not check(path).errors


@pytest.mark.parametrize(("text", "line", "col", "key"), [
    ("signatories:\n  source: ''\n", 3, 11, "signatories.source"),
    ("signatories:\n  source: [a.csv, ' ']\n", 3, 19, "signatories.source[1]"),
    ("body:\n  - image: ''\n", 3, 12, "body[0].image"),
    ("from:\n  name: x\n  logo: ' '\n", 4, 9, "from.logo"),
])
def test_an_empty_file_name_is_an_error_at_its_key(tmp_path: Path, text: str, line: int,
                                                   col: int, key: str) -> None:
    """source: '' was passed by without a word; an empty image or logo failed the build
    at the layout ("layout:1:1: image(.)"), unlocated, where check said OK."""
    path = tmp_path / "l.yaml"
    (tmp_path / "a.csv").write_text("name\nA\n")
    path.write_text("title: t\n" + text, encoding="utf-8")
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (line, col, f"{key}: an empty file name; name the file, or remove the key")]


def test_invisible_marks_in_keys_and_words_are_removed_and_named(tmp_path: Path) -> None:
    """A right-to-left mark pasted before a key gave "unknown key 'title' (did you mean
    'title'?)", before ar "'ar' is not a language tag": nothing wrong on screen; in a label's
    key a warning, and the label unused. Keys and words letterpress reads lose their
    invisible characters, with a warning naming them where they stood; a name keeps its."""
    from letterpress.build import build

    rlm, alm, bom = "\u200f", "\u061c", "\ufeff"
    path = tmp_path / "l.yaml"
    path.write_text(f"lang: {rlm}ar\n{rlm}title: بيان\nbody:\n  - heading{rlm}: عنوان\n"
                    f"labels:\n  signatories{alm}: الموقعات\nsignatories:\n"
                    f"  display: {bom}list\n  source: s.yaml\n  members: [سارة{rlm}]\n",
                    encoding="utf-8")
    (tmp_path / "s.yaml").write_text(f"- {{name{rlm}: أحمد}}\n", encoding="utf-8")
    result = build(path, tmp_path / "out", ["txt"])
    assert not result.errors
    assert [(Path(w.file).name, w.line, w.col, w.message) for w in result.warnings] == [
        ("l.yaml", 1, 7, "lang: 'ar' holds an invisible U+200F RIGHT-TO-LEFT MARK; removed"),
        ("l.yaml", 2, 1, "key 'title' holds an invisible U+200F RIGHT-TO-LEFT MARK; removed"),
        ("l.yaml", 4, 5, "key 'heading' holds an invisible U+200F RIGHT-TO-LEFT MARK; "
                         "removed"),
        ("l.yaml", 6, 3, "key 'signatories' holds an invisible U+061C ARABIC LETTER MARK; "
                         "removed"),
        ("l.yaml", 8, 12, "signatories.display: 'list' holds an invisible U+FEFF ZERO WIDTH "
                          "NO-BREAK SPACE; removed"),
        ("s.yaml", 1, 4, "key 'name' holds an invisible U+200F RIGHT-TO-LEFT MARK; removed")]
    text = (tmp_path / "out" / "l.txt").read_text(encoding="utf-8")
    assert "الموقعات" in text and f"سارة{rlm}" in text and "أحمد" in text


def test_an_invisible_mark_under_an_anchor_is_named_once(tmp_path: Path) -> None:
    """Each alias of an anchored mapping brought its invisible mark's warning back: three
    of one in watch and preview (build and check print a message once)."""
    from letterpress.load import load

    path = tmp_path / "l.yaml"
    path.write_text("title: t\nbody:\n  - &d {heading: Hi, \u200flevel: 2}\n  - *d\n  - *d\n",
                    encoding="utf-8")
    assert [(w.line, w.message) for w in load(path).warnings] == [
        (3, "key 'level' holds an invisible U+200F RIGHT-TO-LEFT MARK; removed")]


def test_an_unknown_key_under_an_anchor_is_told_once(tmp_path: Path) -> None:
    """A mapping with an unknown key reused by aliases was told at the anchor and again at
    each alias: one typo, three messages. Once, where it is written; a problem only a copy
    has (a key its place does not take) is still told at the copy."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nto:\n  - &p {name: A, rol: B}\ncc:\n  - *p\n  - *p\n"
                    "signatories:\n  members:\n    - &s {name: S, email: s@x.org}\n"
                    "  groups:\n    - members:\n        - <<: *s\n          note: n\n",
                    encoding="utf-8")
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (3, 18, "to[0].rol: unknown key 'rol' (did you mean 'role'?); allowed: name, role, "
                "organisation, address, email, phone, url"),
        (9, 20, "signatories.members[0].email: unknown key 'email'; allowed: name, role, "
                "organisation, country, url, note, added, verified")]


@pytest.mark.parametrize(("char", "name"), [("،", "comma"), ("؛", "semicolon")])
def test_an_arabic_comma_in_braces_is_named(tmp_path: Path, char: str, name: str) -> None:
    """An Arabic keyboard types ، (and ؛): inside {...} it gave the parser's "did not find
    expected ',' or '}'", though a comma was typed."""
    path = tmp_path / "l.yaml"
    path.write_text(f"title: بيان\nsignatories:\n  - {{name: أحمد{char} organisation: منظمة}}\n",
                    encoding="utf-8")
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (3, 30, f"YAML syntax: the Arabic {name} {char} does not separate YAML items: use , "
                "(or put the value in quotes)")]


NEVER_CLOSED = "YAML syntax: this {} is never closed; add the closing {}"


@pytest.mark.parametrize(("text", "line", "col", "opener"), [
    # a bracket left open, then the next key: libyaml stops at that key's ':'
    ("title: t\nbody: [a, b\nclosing: Yours\n", 2, 7, "["),
    ("title: t\nto: {name: A\nclosing: Yours\n", 2, 5, "{"),
    ("title: t\nbody: [a, b\n\n# a comment\nclosing: Yours\n", 2, 7, "["),
    ("title: t\nbody: [a, b\nsignatories:\n  members: [x]\n", 2, 7, "["),  # others close
    ("title: t\nbody: [a, {en: b}, c\nclosing: x\n", 2, 7, "["),
    ("title: t\nbody: [a, {en: b\nclosing: x\n", 2, 11, "{"),  # the innermost
    ("title: t\nbody: [a, [b, c]\nclosing: x\n", 2, 7, "["),
    ('title: t\nbody: [a, "b, [c", d\nclosing: x\n', 2, 7, "["),  # a quote holds brackets
    ("title: [a, b\nbody: c}\n", 1, 8, "["),
    ("lang: [en, ar]\ntitle: {en: 'Peace, now', ar: سلام\nbody: [a]\n", 2, 8, "{"),
    ("title: t\r\nbody: [a, b\r\nclosing: Yours\r\n", 2, 7, "["),
    ("title: t\nsignatories:\n  members:\n    - {name: A, organisation: B\n"
     "    - {name: C}\n", 4, 7, "{"),
    # then a block text, where the tokens stop making sense: told by the next key's indent
    ("title: t\nlang: [en, ar\nbody:\n  - |\n    Text.\n", 2, 7, "["),
    # the file ends inside: "body: [" at the end gave "two commas, or a comma ending a value"
    ("title: t\nbody: [\n", 2, 7, "["),
    ("title: t\nbody: [a,\n", 2, 7, "["),
    ("title: t\nbody: {en: a,\n", 2, 7, "{"),
    ("title: t\nbody:\n  - [\n      a,\n      b\n  - c\n", 3, 5, "["),
    # a quote whose text ran over the next key and took its opening quote as its closing
    ('title: "Hello\nsubtitle: "World"\n', 1, 8, '"'),
    ("title: 'Hello\nsubtitle: 'World'\n", 1, 8, "'"),
    ('title: t\nbody:\n  - quote: "We have\n    by: "Raed"\n', 3, 12, '"'),
])
def test_a_bracket_or_quote_never_closed_is_told_where_it_opens(
        tmp_path: Path, text: str, line: int, col: int, opener: str) -> None:
    """The README's promise; libyaml's "did not find expected ',' or ']'" came at the next
    key's line, or "nothing where a value should be ... two commas" at the end."""
    path = tmp_path / "l.yaml"
    path.write_bytes(text.encode())
    closer = {"[": "]", "{": "}"}.get(opener, opener)
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (line, col, NEVER_CLOSED.format(opener, closer))]


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ('title: t\nbody: [a, "b" c]\n', 2, 15, "did not find expected ',' or ']'"),
    ("title: t\nbody: [a, b}\n", 2, 12, "did not find expected ',' or ']'"),
    ("title: {en: Hello, fr: Bonjou]r}\n", 1, 30, "did not find expected ',' or '}'"),
    ("signatories:\n  - {na[me: A, organisation: B}\n  - name: C\n", 2, 8,
     "did not find expected ',' or '}'"),  # the [ takes the } and the { runs on
    ("lang: [he, en]\nclosing: {he: a,, en: b}\n", 2, 17, "nothing where a value should be"),
    ("title: {en: Hello\nar: x}\n", 2, 3, "did not find expected ',' or '}'"),
    ('title: "A long\n  title"\nsubtitle: "x" y\n', 3, 15, "did not find expected key"),
    ("title: t\nbody: [a, @b]\n", 2, 11, "found character that cannot start any token"),
])
def test_a_closed_bracket_or_quote_keeps_the_message_of_what_is_wrong(
        tmp_path: Path, text: str, line: int, col: int, message: str) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(text, encoding="utf-8")
    assert [(e.line, e.col, e.message.removeprefix("YAML syntax: ")[:len(message)])
            for e in check(path).errors] == [(line, col, message)]


def test_brackets_over_several_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "l.yaml"
    path.write_text("title: {en: Peace,\n  ar: سلام}\nlang: [en, ar]\nbody: [\n  a,\n  b\n]\n"
                    "signatories:\n  - {name: A,\n     organisation: B}\n", encoding="utf-8")
    assert not check(path).errors


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ("title: t\nbody: [a", 2, 7, "this [ is never closed"),  # no line break at the end
    ("title: t\rbody: Sahel : x\r", 2, 13, "a second ': ' on this line"),  # old Mac
    ("title: t\r\tbody: x\r", 2, 1, "a tab character"),
    # (at the line and column an editor shows: it breaks no line at U+2028)
    ("title: t\u2028body: [a,\u2028", 1, 16, "this [ is never closed"),
])
def test_syntax_messages_read_the_lines_yaml_reads(
        tmp_path: Path, text: str, line: int, col: int, message: str) -> None:
    """A file without a final line break, or with \\r line ends, gave an IndexError
    traceback where the message looked at the line the parser stopped on."""
    path = tmp_path / "l.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    assert [(e.line, e.col, e.message.removeprefix("YAML syntax: ")[:len(message)])
            for e in check(path).errors] == [(line, col, message)]


SEPARATOR = ("YAML reads it as a line break, so what follows it starts a line of its own; "
             "delete it, or write it as \\u{:04x} inside double quotes")


@pytest.mark.parametrize(("text", "line", "col", "char"), [
    ("title: T\nbody:\n  - a\n  - b\x85c\n  - d\n", 4, 6, "\x85"),  # a plain item
    ("title: T\u2028x\nbody: [x]\n", 1, 9, "\u2028"),
    ("title: T\nbody:\n  - |\n    a\u2029b\n  - c\n", 4, 6, "\u2029"),  # a block text
    ("title: T # a comment\u2028b\nbody: [x]\n", 1, 21, "\u2028"),
])
def test_a_nel_or_unicode_separator_breaking_the_yaml_is_named_where_it_stands(
        tmp_path: Path, text: str, line: int, col: int, char: str) -> None:
    """YAML 1.1 breaks a line at NEL, U+2028 and U+2029 (pasted from Word or JSON), an
    editor does not: the message was at a line the file does not have (7:1 in a file of
    5), and never named the character."""
    path = tmp_path / "l.yaml"
    _refused_at_separator(path, text, line, col, char)


def _refused_at_separator(path: Path, text: str, line: int, col: int, char: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (line, col, f"YAML syntax: U+{ord(char):04X} {SEPARATOR_NAMES[char]}: "
         + SEPARATOR.format(ord(char)))]


@pytest.mark.parametrize(("text", "line", "col", "char"), [
    ("title: Ceasefire now\u2028subtitle: A joint statement\nbody: [x]\n", 1, 21, "\u2028"),
    ("title: T\nbody:\n  - Hello\u2029  - World\n", 3, 10, "\u2029"),  # one item or two
    ("title: T\nsignatories:\n  members:\n    - name: Oxfam\x85      role: Director\n", 4, 18,
     "\x85"),
    ("title: T # a comment\u2028body: [x]\n", 1, 21, "\u2028"),  # a comment's end
])
def test_a_separator_that_yaml_reads_as_a_line_of_structure_is_refused(
        tmp_path: Path, text: str, line: int, col: int, char: str) -> None:
    """Where what follows a NEL or Unicode separator parses as a key or an item, YAML 1.1
    made it one without a word ('title: Ceasefire now<U+2028>subtitle: ...' two keys), while
    the editor shows one line and a YAML 1.2 reader reads it so: refused at the separator."""
    path = tmp_path / "l.yaml"
    _refused_at_separator(path, text, line, col, char)
    # ending a line, inside brackets or in a text, it changes nothing an editor shows
    path.write_text("title: T\u2028\nbody: [a,\u2028b]\ncc:\n  - c\u2028    d\n",
                    encoding="utf-8")
    assert not check(path).errors


def test_after_a_separator_yaml_reads_as_text_messages_keep_the_editors_lines(
        tmp_path: Path) -> None:
    """In quotes, or before a text indented under its key, YAML reads U+2028 in the text:
    the letter reads, and what is told after it is at the line an editor shows."""
    path = tmp_path / "l.yaml"
    path.write_text('title: "T\u2028x"\nbody:\n  - |\n    a\u2028    b\nlang: zz\n'
                    'cc: [a, b\u2028c]\nfoo: 1\n', encoding="utf-8")
    assert [(e.line, e.col, e.message[:4]) for e in check(path).errors] == [
        (5, 7, "lang"), (7, 1, "foo:")]


COMMA = ("{}: a comma inside {{...}} ends the value before it, and '{}' after it is read as a "
         "key: put a value holding a comma in quotes")


@pytest.mark.parametrize(("text", "line", "col", "where", "key"), [
    ("title: {en: Hello, world, ar: مرحبا}\nlang: [en, ar]\n", 1, 20, "title", "world"),
    ("title: X\nlang: [en, ar]\nbody:\n  - {en: English text, edited, ar: نص}\n", 4, 24,
     "body[0]", "edited"),
    ("title: X\nlang: [en, ar]\nbody:\n  - quote: {en: Yes, we can, ar: نعم}\n", 4, 22,
     "body[0].quote", "we can"),
    # a tag after the comma ('it') is no better: it holds no text
    ("title: {en: Peace, it, ar: سلام}\nlang: [en, ar]\n", 1, 20, "title", "it"),
    ("title: {en: Peace, ar: سلام، أمن, and justice}\nlang: [en, ar]\n", 1, 35, "title",
     "and justice"),
    # over several lines, and with quotes elsewhere in it
    ("title: X\nlang: [en, ar]\nsignatories:\n  groups:\n    - name: {en: 'Alliance, SNA',\n"
     "              ar: تحالف, سوريا}\n      members: [A]\n", 6, 26,
     "signatories.groups[0].name", "سوريا"),
    # a member or an addressee given per language: one message, not one per key
    ("title: X\nlang: [en, ar]\nsignatories:\n  - {en: Big Heart, Aid, ar: قلب}\n", 4, 21,
     "signatories[0]", "Aid"),
    ("title: X\nlang: [en, ar]\nto:\n  - {en: The Secretary, General, ar: الأمين}\n", 4, 25,
     "to[0]", "General"),
    ("title: X\r\nlang: [en, ar]\r\nsubject: {en: Aleppo, Syria, ar: حلب}\r\n", 3, 23,
     "subject", "Syria"),
    # a key without ':' where any key may stand: its error was "expected text"
    ("title: X\nlabels: {signatories: Signed by, among others}\nbody: [a]\n", 2, 34, "labels",
     "among others"),
])
def test_a_comma_inside_a_text_per_language_is_named(
        tmp_path: Path, text: str, line: int, col: int, where: str, key: str) -> None:
    """What members and groups are told: "'world' is not a language tag" and "unknown block
    'en'" pointed at what was right."""
    path = tmp_path / "l.yaml"
    path.write_bytes(text.encode())
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (line, col, COMMA.format(where, key))]


def test_a_misspelt_language_map_keeps_its_own_message(tmp_path: Path) -> None:
    """A map without a key written bare is not told about commas."""
    path = tmp_path / "l.yaml"
    path.write_text("title: {en: Hello, world: x}\nbody:\n  - {heding: Intro, level}\n",
                    encoding="utf-8")
    assert [(e.line, e.col, e.message.split(";")[0]) for e in check(path).errors] == [
        (1, 8, "title: 'world' is not a language tag"),
        (3, 5, "body[0]: unknown block 'heding' (did you mean 'heading'?)")]



def test_a_start_left_empty_is_no_start(tmp_path: Path) -> None:
    """'start:' with nothing after it ended in a TypeError traceback (pydantic tried the
    'at least 0' bound on nothing); written bare in {...} it is warned about as empty."""
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nbody:\n  - demands:\n      start:\n      items: [a]\n"
                    "  - list: {items: [b], start}\n  - demands: {start: -1, items: [c]}\n")
    result = check(path)
    assert [(e.line, e.col, e.message) for e in result.errors] == [
        (7, 22, "body[2].demands.start: must be at least 0, got '-1'")]
    path.write_text("title: t\nbody:\n  - demands:\n      start:\n      items: [a]\n"
                    "  - list: {items: [b], start}\n")
    result = check(path)
    assert not result.errors
    assert [(w.line, w.col, w.message.split(" is written")[0]) for w in result.warnings] == [
        (6, 24, "body[1].list.start")]
