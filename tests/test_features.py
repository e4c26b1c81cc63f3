"""Every feature of the letter format, checked on the text of the PDF and of the DOCX."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BIDI, docx_text, in_order, norm, pdf_text

Letter = Callable[..., Path]
Built = Callable[..., dict[str, str]]
FORMATS = ["pdf", "docx"]
PNG = base64.b64decode(  # a 1x1 transparent PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")

FULL = """\
layout: letter
title: Protect the civilians of Aleppo
subtitle: A joint statement by %{count} NGOs
date: 2016-12-15
place: Brussels
reference: SNA/2016/12
from:
  name: Syrian NGO Alliance
  logo: logo.png
  address: [PO Box 123, Gaziantep, Turkey]
  email: info@example.org
to:
  - name: Mr Antonio Guterres
    role: Secretary-General of the United Nations
  - Representatives of the Members of the Security Council
  - name: Mr Staffan de Mistura
    role: [Special Envoy for Syria, Office of the Special Envoy]
    organisation: United Nations
    address: [Palais des Nations, 1211 Geneva 10]
cc: [Permanent Representatives of the EU Member States]
subject: Protection of civilians in Aleppo
salutation: Dear Secretary-General,
body:
  - |
    We, the undersigned %{count} NGOs, serve over five million Syrians.[^1]
    **World leaders must act today.** See [our site](https://example.org).

    A blank line starts a new paragraph.
  - heading: We condemn
  - heading: The sieges
    level: 2
  - heading: In Homs
    level: 3
  - quote: |
      We have exhausted all the options of civilian protection.
    by: Raed al Saleh
    role: Head of the White Helmets
  - demands:
      intro: "We call for immediate action to:"
      items:
        - Protect the civilians of Aleppo.
        - text: Begin a process for the evacuation of all civilians.
          items:
            - Independent observers must be present.
  - list:
      items: [Homs, Hama]
  - rule: true
  - demands:
      continue: true
      items: [Fund the humanitarian response in full.]
  - image: logo.png
    caption: Member organisations
    width: 20%
  - page_break: true
  - After the break.
closing: Sincerely,
signatories:
  intro: "Endorsers as of 15 December 2016:"
  note: Affiliations are listed for identification only.
  groups:
    - name: Syrian NGO Alliance (SNA)
      intro: Members signed on 14 December.
      note: Further members have signed since.
      members: [Big Heart, Hand In Hand For Aid and Development]
    - name: SHAML CSOs Coalition
      members:
        - name: Dr Amer Masri
          role: Director
          organisation: Independent Doctors Association
          country: Syria
  members: [Zaytoon, Baytna Syria]
contacts:
  heading: For media interviews please reach
  intro: Spokespeople are available in English and Arabic.
  people:
    - name: Fadi Deri
      role: Programme Director
      organisation: Hand In Hand For Aid and Development
      email: fadi@example.org
      phone: ["+90 539 270 38 94", "+44 7824 777267"]
postscript: Stay up to date at example.org.
footnotes:
  "1": Figures from the UN Office for the Coordination of Humanitarian Affairs.
"""


@pytest.fixture
def full(letter: Letter) -> Path:
    path = letter(FULL)
    (path.parent / "logo.png").write_bytes(PNG)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_whole_letter_in_order(full: Path, built: Built, fmt: str) -> None:
    text = built(full, (fmt,))[fmt]
    in_order(text, [
        "Syrian NGO Alliance", "PO Box 123", "info@example.org",
        "Protect the civilians of Aleppo", "A joint statement by 5 NGOs",
        "SNA/2016/12", "Brussels, 15 December 2016",
        "Mr Antonio Guterres", "Secretary-General of the United Nations",
        "Representatives of the Members of the Security Council",
        "Mr Staffan de Mistura", "Special Envoy for Syria", "Office of the Special Envoy",
        "United Nations", "Palais des Nations", "1211 Geneva 10",
        "Permanent Representatives of the EU Member States",
        "Protection of civilians in Aleppo", "Dear Secretary-General,",
        "We, the undersigned 5 NGOs, serve over five million Syrians.",
        "World leaders must act today.", "our site", "A blank line starts a new paragraph.",
        "We condemn", "The sieges", "In Homs",
        "We have exhausted all the options of civilian protection.", "Raed al Saleh",
        "Head of the White Helmets", "We call for immediate action to:",
        "Protect the civilians of Aleppo.", "Begin a process for the evacuation",
        "Independent observers must be present.", "Homs", "Hama",
        "Fund the humanitarian response in full.", "Member organisations", "After the break.",
        "Sincerely,", "Signatories", "Endorsers as of 15 December 2016:",
        "Zaytoon", "Baytna Syria", "Syrian NGO Alliance (SNA)", "Members signed on 14 December.",
        "Big Heart", "Hand In Hand For Aid and Development", "Further members have signed since.",
        "SHAML CSOs Coalition", "Dr Amer Masri", "Director", "Independent Doctors Association",
        "Syria", "Affiliations are listed for identification only.",
        "For media interviews please reach", "Spokespeople are available",
        "Fadi Deri", "Programme Director", "fadi@example.org", "+90 539 270 38 94",
        "+44 7824 777267", "Stay up to date at example.org.",
        "Figures from the UN Office for the Coordination of Humanitarian Affairs.",
    ])


@pytest.mark.parametrize("fmt", FORMATS)
def test_demand_numbers_nesting_and_continue(full: Path, built: Built, fmt: str) -> None:
    text = norm(built(full, (fmt,))[fmt])
    in_order(text, ["1. Protect the civilians", "2. Begin a process",
                    "a) Independent observers", "3. Fund the humanitarian"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("marker", "third"), [
    ("1.", "3."), ("1)", "3)"), ("1-", "3-"), ("(1)", "(3)"), ("a)", "c)"), ("A.", "C."),
    ("i.", "iii."), ("I.", "III."), ("•", "•"), ("-", "-"), ("١.", "٣."), ("۱.", "۳."),
    ("أ-", "ج-"), ("α)", "γ)"), ("Α.", "Γ."), ("а)", "в)"), ("А.", "В.")])
def test_every_marker_style(letter: Letter, built: Built, fmt: str, marker: str,
                            third: str) -> None:
    path = letter(f"""\
        body:
          - demands:
              marker: "{marker}"
              items: [First demand, Second demand, Third demand]
        """)  # (pdftotext marks an Arabic letter's direction: the controls are dropped)
    in_order(norm(BIDI.sub("", built(path, (fmt,))[fmt])), [f"{third} Third demand"])


@pytest.mark.parametrize("fmt", [*FORMATS, "txt"])
def test_greek_and_cyrillic_letters_count_as_their_lists_do(letter: Letter, built: Built,
                                                            fmt: str) -> None:
    """Greek and Cyrillic lettered markers were refused ("unknown marker 'а)'", beside a
    suggested "a)" that looks the same). They count as CSS lower-greek (no final ς; after ω,
    αα) and Russian lists (no ё й ъ ы ь: е ж, и к, щ э); a nested list takes them too."""
    items = ", ".join(f"Item {n}" for n in range(1, 31))
    path = letter(f"""\
        lang: ru
        body:
          - demands:
              marker: "а)"
              items: [{items}]
          - list:
              marker: "α."
              items: [{items}]
          - demands:
              - text: Outer
                marker: "(А)"
                items: [Inner one, Inner two]
        """)
    text = norm(BIDI.sub("", built(path, (fmt,))[fmt]))
    in_order(text, ["е) Item 6", "ж) Item 7", "и) Item 9", "к) Item 10", "щ) Item 25",
                    "э) Item 26", "я) Item 28", "аа) Item 29", "аб) Item 30",
                    "σ. Item 18", "τ. Item 19", "ω. Item 24", "αα. Item 25", "αβ. Item 26",
                    "1. Outer", "(А) Inner one", "(Б) Inner two"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("first", ["heading: Background", "quote: We must act."])
def test_inline_dateline_before_a_body_not_opened_by_a_paragraph(
        letter: Letter, built: Built, fmt: str, first: str) -> None:
    """A press release opening on a heading: the dateline stands alone before it (it was
    printed in the DOCX only, the view and the DOCX deciding it each on their own)."""
    path = letter(f"""\
        layout: press-release
        title: Release
        date: 2024-09-24
        place: New York
        body:
          - {first}
          - The first paragraph.
        """)
    in_order(norm(built(path, (fmt,))[fmt]), ["Release", "[24 September 2024, New York]",
                                              first.split(": ")[1], "The first paragraph."])


def test_inline_dateline_is_one_bold_run(letter: Letter, built: Built) -> None:
    """A free-text date or a place holding "4th", "10:00" or "/" (tokens, marked apart)
    leaves the dateline one <strong>, coloured whole by the press release: it was several,
    and "[4th" alone took the accent colour."""
    path = letter("""\
        layout: press-release
        title: Release
        date: "4th February 2021, 10:00 CET"
        place: Brussels / Beirut
        body:
          - Text of the **release, see <https://example.org/a_b>** and more.
        """)
    html = built(path, ("html",))["html"]
    assert re.search(r'<p class="body"><strong><span class="token short">\[4th</span> '
                     r"February 2021, 10:00 CET, Brussels <span class=\"token short\">/"
                     r"</span> Beirut\] </strong>Text", html), html
    assert re.search(r'<strong>release, see <a href="https://example.org/a_b">'
                     r'<span class="token long">https://example.org/a_b</span></a></strong>',
                     html), html


@pytest.mark.parametrize("fmt", FORMATS)
def test_start_and_restart(letter: Letter, built: Built, fmt: str) -> None:
    path = letter("""\
        body:
          - demands: {start: 5, items: [Five, Six]}
          - demands: {items: [One again]}
          - demands: {continue: true, marker: "(1)", items: [Two on]}
        """)
    in_order(norm(built(path, (fmt,))[fmt]), ["5. Five", "6. Six", "1. One again", "(2) Two on"])


SIGNERS = """\
title: Signers
signatories:
  numbering: {numbering}
  order: {order}
  groups:
    - name: Group one
      members: [Zeta, Émile, alpha]
    - name: Unnumbered
      numbering: none
      members: [Loose]
    - name: Group two
      members: [Beta, Gamma]
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_continuous_numbering_skips_unnumbered_groups(letter: Letter, built: Built,
                                                       fmt: str) -> None:
    path = letter(SIGNERS.format(numbering="continuous", order="as-given"))
    in_order(norm(built(path, (fmt,))[fmt]),
             ["1. Zeta", "2. Émile", "3. alpha", "Loose", "4. Beta", "5. Gamma"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_per_group_numbering_and_alphabetical_order(letter: Letter, built: Built,
                                                    fmt: str) -> None:
    path = letter(SIGNERS.format(numbering="per-group", order="alphabetical"))
    in_order(norm(built(path, (fmt,))[fmt]),
             ["1. alpha", "2. Émile", "3. Zeta", "Loose", "1. Beta", "2. Gamma"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_group_with_nobody_to_print_is_left_out(letter: Letter, built: Built,
                                                  fmt: str) -> None:
    """No bare heading for a group without members (or with unverified ones only); one
    with an intro still says it. Groups of the same name count together."""
    path = letter("""\
        title: t
        body: ["Partners: %{count:Partners}. Pending: %{count:Pending}."]
        signatories:
          groups:
            - name: Partners
              members: [Alpha]
            - name: Pending
              members: [{name: Not Yet, verified: false}]
            - name: Empty
              members: []
            - name: Withheld
              intro: Names withheld for their safety.
              members: []
            - name: Partners
              members: [Beta]
        """)
    text = norm(built(path, (fmt,))[fmt])
    in_order(text, ["Partners: 2. Pending: 0.", "Partners", "1. Alpha", "Withheld",
                    "Names withheld for their safety.", "Partners", "2. Beta"])
    assert "Pending" not in text.split("Pending: 0.")[1] and "Empty" not in text


def test_no_heading_over_nobody(letter: Letter, built: Built) -> None:
    """Groups that all wait for their first signatures: no "Signatories" heading alone."""
    path = letter("title: t\nbody: [Text.]\nsignatories:\n  groups:\n    - name: A\n"
                  "      members: []\n    - name: B\n      members:\n")
    texts = built(path, ("pdf", "docx", "txt"))
    for text in texts.values():
        assert "Text." in text and "Signatories" not in text.title() and " A\n" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_bullets_in_a_table_group(letter: Letter, built: Built, fmt: str) -> None:
    """numbering: none with a bullet marker: "a bullet still prints", in a table too."""
    path = letter("title: t\nsignatories:\n  numbering: none\n  marker: \"•\"\n  groups:\n"
                  "    - display: table\n      columns: [country]\n"
                  "      members: [{name: Gamma, country: UK}]\n")
    in_order(norm(built(path, (fmt,))[fmt]), ["• Gamma", "UK"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_numbers_but_bullets(letter: Letter, built: Built, fmt: str) -> None:
    path = letter("""\
        title: t
        signatories:
          numbering: none
          marker: "•"
          members: [One, Two]
        """)
    text = norm(built(path, (fmt,))[fmt])
    in_order(text, ["• One", "• Two"])
    assert "1." not in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("display", ["list", "columns", "inline", "table", "signature"])
def test_every_display(letter: Letter, built: Built, fmt: str, display: str) -> None:
    path = letter(f"""\
        title: t
        signatories:
          display: {display}
          columns: [country]
          members:
            - Big Heart
            - name: Dr Amer Masri
              role: Director
              country: Syria
            - Zaytoon
        """)
    in_order(norm(built(path, (fmt,))[fmt]), ["Big Heart", "Dr Amer Masri", "Syria", "Zaytoon"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("numbering", "numbered"),
                         [("", False), ("  numbering: continuous\n", True)])
def test_signature_blocks_unnumbered_unless_asked(letter: Letter, built: Built, fmt: str,
                                                  numbering: str, numbered: bool) -> None:
    """A signature block is a signature, not an item of a list: no number by default."""
    path = letter("title: t\nsignatories:\n  display: signature\n" + numbering +
                  "  members: [Jane Doe, John Roe]\n")
    text = norm(built(path, (fmt,))[fmt])
    in_order(text, ["Jane Doe", "John Roe"])
    assert ("1. Jane Doe" in text and "2. John Roe" in text) is numbered


@pytest.mark.parametrize(("lang", "block"), [
    ("en", "1.  Dr Lina Haddad\n    Chair\n    Daraa Relief Network\n\n2.  John Roe\n"),
    ("fa", "۱.  \u2068Dr Lina Haddad\u2069\n    \u2068Chair\u2069\n"
           "    \u2068Daraa Relief Network\u2069\n\n۲.  \u2068John Roe\u2069\n"),
])
def test_signature_blocks_in_text_have_a_line_per_detail(letter: Letter, built: Built,
                                                         lang: str, block: str) -> None:
    """The TXT's signature block is the printed one: name, then each detail on its own line
    (it was one comma line, with the Persian comma between an English name and role)."""
    path = letter(f"lang: {lang}\ntitle: t\nsignatories:\n  display: signature\n"
                  "  numbering: continuous\n  members:\n    - {name: Dr Lina Haddad, role: "
                  "Chair, organisation: Daraa Relief Network}\n    - John Roe\n")
    assert block in built(path, ("txt",))["txt"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_count_substitution_and_literals(letter: Letter, built: Built, fmt: str) -> None:
    path = letter("""\
        title: "We, the %{count} signers"
        body:
          - "Group A has %{count:A} members; write %%{count} for the code; {{ x }} {% y %}"
          - "Any %%{name} is literal too"
          - "<b>not bold</b> & <script>alert(1)</script>"
        signatories:
          groups:
            - {name: A, members: [One, Two]}
            - {name: B, members: [Three], numbering: none}
        """)
    text = norm(built(path, (fmt,))[fmt])
    in_order(text, ["We, the 3 signers", "Group A has 2 members; write %{count} for the code;",
                    "{{ x }} {% y %}", "Any %{name} is literal too",
                    "<b>not bold</b> & <script>alert(1)</script>"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_count_inside_markdown_code_prints_as_typed(letter: Letter, built: Built,
                                                     fmt: str) -> None:
    """Code shows text to copy: a fenced block's or a span's %{count} is not the count."""
    path = letter("""\
        title: t
        body:
          - |
            Write `%{count}` or ``%{count:A}`` where the count goes; here: %{count}.

            ~~~
            We, the %{count} signers, %%{x}
            ~~~

            After it: %{count:A}.
        signatories: {groups: [{name: A, members: [One, Two]}]}
        """)
    text = norm(built(path, (fmt,))[fmt])
    in_order(text, ["Write %{count} or %{count:A} where the count goes; here: 2.",
                    "We, the %{count} signers, %%{x}", "After it: 2."])


def test_a_stray_backtick_does_not_make_the_next_paragraph_code(letter: Letter,
                                                                 built: Built) -> None:
    """A code span ends at a blank line, as its paragraph does: "5` each" paired with a
    span paragraphs later, and the %{count} between printed as typed."""
    path = letter("""\
        title: t
        body:
          - |
            Costs 5` each.

            We are %{count} signatories, see `code`.
        signatories: {members: [One, Two]}
        """)
    in_order(norm(built(path, ("txt",))["txt"]), ["Costs 5` each.", "We are 2 signatories"])


def test_a_misspelt_count_warns(letter: Letter) -> None:
    """%{cont}, %{Count} and %{ count } printed as typed without a word, even --strict;
    not in code, which is printed as typed."""
    from letterpress.build import check

    path = letter("""\
        title: "We, the %{Count} signers"
        body: ["%{cont} and %{ count }, but %{count}, %{count:A} and %%{x} are fine",
               "as is `%{name}` in code"]
        signatories: {groups: [{name: A, members: [One]}]}
        """)
    warnings = [(w.line, w.message.split(" is not")[0]) for w in check(path).warnings]
    assert warnings == [(1, "title: %{Count}"), (2, "body[0]: %{cont}"),
                        (2, "body[0]: %{ count }")]
    # a count left open in one text does not hide another's misspelling (the file's quick
    # look, before the texts are read, took "%{count:A ... %{cont}" for one count)
    path = letter("""\
        title: "Joined by %{count:A"
        body: ["%{cont}"]
        signatories: {groups: [{name: A, members: [One]}]}
        """)
    assert [w.message.split(" is not")[0] for w in check(path).warnings] == ["body[0]: %{cont}"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_yaml_values_kept_as_written(letter: Letter, built: Built, fmt: str) -> None:
    path = letter("""\
        title: NO
        subject: 0123
        closing: 2016-12-15
        date: 4th February 2021, 10:00 CET
        body: [yes]
        """)
    in_order(norm(built(path, (fmt,))[fmt]),
             ["NO", "4th February 2021, 10:00 CET", "0123", "yes", "2016-12-15"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_markdown_footnotes(letter: Letter, built: Built, fmt: str) -> None:
    path = letter("""\
        title: t
        body:
          - |
            First claim.[^a] Second claim.[^b]

            [^b]: Defined in the body.
        footnotes:
          a: Defined under footnotes.
        """)
    in_order(norm(built(path, (fmt,))[fmt]),
             ["First claim.", "Second claim.", "Defined under footnotes.", "Defined in the body."])


@pytest.mark.parametrize("fmt", [*FORMATS, "html", "txt"])
def test_a_bare_web_address_prints_as_typed(letter: Letter, built: Built, fmt: str) -> None:
    """Its _ and * are no emphasis ("a_b_-_2024_-_c.pdf" lost two _ and set 2024 in italics);
    the sentence's full stop and bracket are not part of it."""
    path = letter("""\
        title: t
        body: ["Figures.[^1]"]
        footnotes:
          "1": "Report (see https://ex.org/a_b_-_2024_-_c.pdf). *Also* ftp://ex.org/x_y_z."
        """)
    text = built(path, (fmt,))[fmt]
    if fmt == "html":
        assert '<a href="https://ex.org/a_b_-_2024_-_c.pdf">' in text
        assert '<a href="ftp://ex.org/x_y_z">' in text and "<em>Also</em>" in text
    else:
        in_order(text, ["Report (see https://ex.org/a_b_-_2024_-_c.pdf). Also ftp://ex.org/x_y_z."])


def test_a_note_typed_right_after_a_bare_web_address_is_a_note(letter: Letter, tmp_path: Path,
                                                                ) -> None:
    """The address ends before "[^": "report.[^1]" was all link (to ".../report.%5B%5E1%5D"),
    and note 1 printed as unreferenced, numbered after note 2, without a warning. A "[" of
    the address's own stays in it; a note cited only inside an autolink is warned of."""
    from letterpress.build import build

    path = letter("""\
        lang: [en, ar]
        title: t
        body:
          - {en: "See https://example.org/report.[^1] And text.[^2]",
             ar: "انظر https://example.org/report.[^1] ونص.[^2]"}
          - "At http://[::1]/a[0]?x[]=1 and <https://example.org/z[^3]>."
        footnotes: {"1": One., "2": Two., "3": Three.}
        """)
    result = build(path, tmp_path / "out", ["txt", "html"])
    assert [w.message for w in result.warnings] == [
        "footnotes: '3' is not referenced in the text ([^3]); it is printed after the others"]
    for lang, words in (("en", "See"), ("ar", "انظر")):
        text = (tmp_path / "out" / f"test.{lang}.txt").read_text()
        in_order(text, [f"{words} https://example.org/report.[1]", "[2]", "[1] One.",
                        "[2] Two.", "[3] Three."])
        html = (tmp_path / "out" / f"test.{lang}.html").read_text()
        assert '<a href="https://example.org/report">' in html
        assert '<a href="http://[::1]/a%5B0%5D?x%5B%5D=1">' in html


def test_a_missing_footnote_in_a_letter_without_footnotes_says_how_to_give_one(
        letter: Letter) -> None:
    """The warning ended in "(defined: )" when the letter defined none."""
    from letterpress.build import check

    path = letter("title: t\nbody:\n  - 'Text.[^losses]'\n")
    assert [(w.line, w.col, w.message) for w in check(path).warnings] == [
        (3, 5, "body[0]: footnote [^losses] has no definition, so it prints as typed (the "
               "letter defines no footnotes: give its text under footnotes:, or as a line "
               "'[^losses]: ...')")]


def test_a_footnote_label_in_a_link_address_is_no_reference(letter: Letter) -> None:
    """A [^x] inside a link's address (or an autolink) is part of the address, as Markdown
    reads it; it was counted as a reference: a note nothing refers to was not said, and one
    defined nowhere was warned about."""
    from letterpress.build import check

    path = letter("""\
        title: t
        body:
          - "See [the report](https://e.org/a[^x]b), <https://e.org/c[^y]d>, [it][^z]."
        footnotes: {x: Only in an address., z: Referred to.}
        """)
    assert [(w.line, w.col, w.message) for w in check(path).warnings] == [
        (4, 13, "footnotes: 'x' is not referenced in the text ([^x]); it is printed after "
                "the others")]


@pytest.mark.parametrize("fmt", [*FORMATS, "txt"])
def test_footnote_labels_match_in_any_case_and_a_missing_one_warns(
        letter: Letter, tmp_path: Path, fmt: str) -> None:
    """As CommonMark matches labels: [^ocha] is the note OCHA. A reference with no
    definition prints as typed, with a warning at its text; so does a note never referred to."""
    from letterpress.build import build

    path = letter("""\
        title: t
        body:
          - "From OCHA.[^ocha] Unknown.[^nope] Again.[^Def]"
          - |
            Para.

            [^def]: Defined in the body.
        footnotes:
          OCHA: Figures from OCHA.
          spare: Never referred to.
        """)
    result = build(path, tmp_path / "out", [fmt])
    assert not result.errors
    assert set(map(str, result.warnings)) == {
        f"{path}:3:5: warning: body[0]: footnote [^nope] has no definition, so it prints as "
        "typed (defined: [^OCHA], [^spare], [^def])",
        f"{path}:10:3: warning: footnotes: 'spare' is not referenced in the text ([^spare]); "
        "it is printed after the others"}
    out = tmp_path / "out" / f"test.{fmt}"
    text = norm({"pdf": pdf_text, "docx": docx_text}.get(fmt, lambda f: f.read_text())(out))
    in_order(text, ["From OCHA.", "Unknown.[^nope] Again.", "Figures from OCHA.",
                    "Defined in the body."])
    assert "Never referred to." in text  # (the DOCX lists it in the body, after the rest)
    assert "[^ocha]" not in text and "[^Def]" not in text


def test_footnotes_defined_twice_or_quoted_as_code_warn_as_they_should(letter: Letter) -> None:
    """CommonMark keeps the first of two definitions whose labels differ only in case: the
    second is said; a [^x] in a code span or escaped is no reference."""
    from letterpress.build import check

    path = letter("""\
        title: t
        body:
          - "Code `[^code]`, escaped \\\\[^esc], real[^A]."
          - |
            x

            [^a]: Second definition.
        footnotes:
          A: First definition.
        """)
    assert [str(w) for w in check(path).warnings] == [
        f"{path}:4:5: warning: body[1]: footnote [^a] is defined a second time (labels match "
        "in any case); only the first definition (footnotes.A) is printed"]


def test_a_reference_followed_by_a_colon_is_a_reference(letter: Letter, built: Built) -> None:
    """Only a line that starts with "[^d]:" defines a note: "reported[^d]: many died" was
    taken for a definition, and 'd' said to be referenced nowhere (and "[^E]:", in another
    case than its note, printed as typed)."""
    from letterpress.build import check

    path = letter("""\
        title: W
        body:
          - "As OCHA reported[^d]: many died. Also[^E]: more."
        footnotes:
          d: Note D.
          e: Note E.
        """)
    assert check(path).warnings == []
    in_order(built(path, ("txt",))["txt"], ["reported[1]: many died. Also[2]: more.",
                                            "[1] Note D.", "[2] Note E."])


def test_a_footnote_reference_in_a_fenced_block_is_code(letter: Letter) -> None:
    """A fence prints as typed: its [^x] was said to have no definition."""
    from letterpress.build import check

    path = letter('title: t\nbody:\n  - "~~~\\ncite as [^fenced]\\n~~~"\n')
    assert check(path).warnings == []


def test_a_members_notes_are_numbered_in_reading_order(letter: Letter, tmp_path: Path) -> None:
    """The name's note before its details' notes: plain numbers in the text, and Word's own
    automatic numbering (no custom marks) in the DOCX."""
    import zipfile

    from letterpress.build import build

    path = letter("""\
        title: t
        body: ["Body.[^1]"]
        signatories:
          members:
            - {name: "Member[^2]", note: "note[^3]"}
        footnotes: {"1": one, "2": two, "3": three}
        """)
    assert not build(path, tmp_path / "out", ["txt", "docx"]).errors
    in_order((tmp_path / "out" / "test.txt").read_text(), ["Body.[1]", "1.  Member[2], note[3]",
                                                            "[2] two", "[3] three"])
    document = zipfile.ZipFile(tmp_path / "out" / "test.docx").read("word/document.xml")
    assert document.count(b"<w:footnoteReference") == 3 and b"customMark" not in document


def test_a_table_members_notes_are_numbered_in_its_columns_order(letter: Letter,
                                                                 tmp_path: Path) -> None:
    """A table prints the fields its columns list, in that order: their notes were numbered
    in the model's field order ("Syria[2], Org[1]"), and the DOCX fell back to custom
    marks."""
    import zipfile

    from letterpress.build import build

    path = letter("""\
        title: t
        signatories:
          display: table
          columns: [country, organisation]
          members:
            - {name: Carl, organisation: "Org[^o]", country: "Syria[^c]"}
        footnotes: {o: org note, c: country note}
        """)
    assert not build(path, tmp_path / "out", ["txt", "docx"]).errors
    in_order((tmp_path / "out" / "test.txt").read_text(), ["1.  Carl, Syria[1], Org[2]",
                                                            "[1] country note", "[2] org note"])
    document = zipfile.ZipFile(tmp_path / "out" / "test.docx").read("word/document.xml")
    assert document.count(b"<w:footnoteReference") == 2 and b"customMark" not in document


def test_every_parts_notes_are_numbered_in_reading_order(letter: Letter,
                                                         tmp_path: Path) -> None:
    """A list's or the contacts' intro before their items, the letterhead and addressees
    before the body, a person's name before its lines: note 1 to 17 down the page, and
    Word's own numbers in the DOCX (a list intro's note was numbered after the items')."""
    import zipfile

    from letterpress.build import build

    path = letter("""\
        from: {name: "Sender[^1]", address: ["Street[^2]"]}
        title: "Title[^3]"
        to: [{name: "Addressee[^4]", role: "Role[^5]"}]
        cc: ["Copied[^6]"]
        subject: "Subject[^7]"
        salutation: "Dear all[^8],"
        body:
          - demands: {intro: "We call for:[^9]", items: ["Item[^10]"]}
          - quote: "Quoted[^11]"
            by: "Quoter[^12]"
          - list: {intro: "Also:[^13]", items: [plain]}
        contacts:
          heading: "Contacts[^14]"
          intro: "Contacts intro[^15]"
          people: [{name: "Person[^16]", role: "Spokesperson[^17]"}]
        footnotes: {""" + ", ".join(f'"{n}": note {n}' for n in range(1, 18)) + "}\n")
    assert not build(path, tmp_path / "out", ["txt", "docx"]).errors
    text = (tmp_path / "out" / "test.txt").read_text()
    in_order(text, [f"[{n}]" for n in range(1, 18)] + [f"[{n}] note {n}" for n in range(1, 18)])
    document = zipfile.ZipFile(tmp_path / "out" / "test.docx").read("word/document.xml")
    assert document.count(b"<w:footnoteReference") == 17 and b"customMark" not in document


def test_a_misspelt_label_warns(letter: Letter) -> None:
    from letterpress.build import check

    path = letter("title: t\nlabels:\n  signatoires: Endorsed by\n  signatories: Signed\n")
    result = check(path)
    assert not result.errors
    assert [str(w) for w in result.warnings] == [
        f"{path}:3:3: warning: labels: 'signatoires' is not a label the layouts print (did you "
        "mean 'signatories'?); they print: cc, contacts, email, end, footnotes, of, "
        "phone, reference, sep, signatories, subject, to"]


def test_duplicates_warn_then_fail_with_strict(letter: Letter, tmp_path: Path) -> None:
    from letterpress.build import build

    path = letter("""\
        title: t
        signatories:
          members:
            - Basmeh & Zeitooneh
            - name: "basmeh  &  ZEITOONEH"
        """)
    result = build(path, tmp_path / "o", ["txt"])
    assert not result.errors
    assert [f"{d.line}:{d.col}" for d in result.warnings] == ["5:7"]
    assert "same signatory as at line 4" in result.warnings[0].message
    strict = build(path, tmp_path / "o2", ["txt"], strict=True)
    assert [f"{d.line}:{d.col}" for d in strict.errors] == ["5:7"]
    assert not (tmp_path / "o2").exists()


def test_text_is_wrapped_at_72_with_numbers(full: Path, built: Built) -> None:
    text = built(full, ("txt",))["txt"]
    assert max(len(line) for line in text.splitlines()) <= 72
    assert "3.  Fund the humanitarian response in full." in text
    assert "1.  Zaytoon" in text


def test_text_lists_start_their_items_text_in_one_column(letter: Letter,
                                                         built: Built) -> None:
    """An indent as wide as the list's widest marker, as the PDF aligns them: "III." took
    5 columns of an indent of 4 and pushed its text one further than "I." and "II."; the
    same for a hundredth signatory (and a wrapped item's next lines under its text)."""
    members = ", ".join(f"M{n}" for n in range(1, 101))
    path = letter(f"""\
        title: t
        body:
          - demands:
              marker: "I."
              items: [One, Two, Three {"word " * 16}]
        signatories:
          members: [{members}]
        """)
    lines = built(path, ("txt",))["txt"].splitlines()
    assert "I.   One" in lines and "II.  Two" in lines and "III. Three word word" in \
        [line[:20] for line in lines]
    assert lines[lines.index("I.   One") + 3].startswith("     word")
    assert "9.   M9" in lines and "99.  M99" in lines and "100. M100" in lines


def test_an_empty_item_is_left_out_and_not_numbered_with_a_warning(
        letter: Letter, built: Built) -> None:
    """A stray "" or "  " in a list printed a bare "2." or bullet and used up a number, so
    the demands after it were numbered one too high, without a word, in every format."""
    from letterpress.build import check

    path = letter("""\
        title: t
        body:
          - demands:
              items: [First, "", Third, {text: Fourth, items: [x, "  ", y]}]
          - list:
              items: ["  ", Second]
          - demands:
              continue: true
              items: [Fifth]
        """)
    assert [(w.line, w.col, w.message.split(":")[0]) for w in check(path).warnings] == [
        (4, 22, "body[0].demands.items[1] is empty and prints nothing"),
        (4, 59, "body[0].demands.items[3].items[1] is empty and prints nothing"),
        (6, 15, "body[1].list.items[0] is empty and prints nothing")]
    texts = built(path, ("pdf", "docx", "txt"))
    expected = ["1. First", "2. Third", "3. Fourth", "a) x", "b) y", "• Second", "4. Fifth"]
    for fmt, text in texts.items():
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert lines[lines.index("1. First"):][:7] == expected, fmt


def test_emoji_print_in_the_shipped_emoji_font(letter: Letter, tmp_path: Path) -> None:
    """Emoji printed as empty boxes: no shipped font had them. Noto Emoji draws them (in
    the title's bold too), and they copy out as typed, skin tone included."""
    from letterpress.build import build

    path = letter("title: Stop the executions \U0001f54a\ufe0f\nbody:\n"
                  "  - We stand with them \u270a\U0001f3fd.\n")
    result = build(path, tmp_path / "out", ["pdf"])
    assert not result.errors and not result.warnings
    assert {"Noto-Emoji", "Noto-Emoji-Bold"} <= _pdf_fonts(tmp_path / "out" / "test.pdf")
    assert "them \u270a\U0001f3fd." in pdf_text(tmp_path / "out" / "test.pdf")


def test_text_symbols_stay_text_beside_the_emoji_font(letter: Letter, tmp_path: Path) -> None:
    """Noto Emoji, before DejaVu in the stacks, drew 178 text symbols as emoji (↔ ➡ ▶ as
    white arrows in black squares, 1.27 em wide): it now serves its emoji alone, and the
    range it serves is all glyphs of its own (WeasyPrint tells Fontconfig the font has
    every code point of the range: one it lacks would print as an empty box)."""
    from fontTools.ttLib import TTFont

    from letterpress import FONTS, fonts
    from letterpress.build import build

    path = letter("title: Demands \u2714\nbody:\n  - Aleppo \u2194 Idlib \u25aa call \u260e "
                  "\u2709 \u26a0 \u27a1 \u25b6 \u2764 \u2600 \u2708 \u2642 \u2b05\ufe0e\n")
    assert not build(path, tmp_path / "out", ["pdf"]).errors
    used = _pdf_fonts(tmp_path / "out" / "test.pdf")
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= used and not {"Noto-Emoji",
                                                               "Noto-Emoji-Bold"} & used
    for style in ("Regular", "Bold"):
        glyphs = set(TTFont(FONTS / f"NotoEmoji-{style}.ttf").getBestCmap())
        assert not {p for r in fonts.RANGES["Noto Emoji"] for p in r} - glyphs


def _pdf_fonts(path: Path) -> set[str]:
    """The fonts a PDF's first page uses, without their subset tags."""
    from pypdf import PdfReader

    page = PdfReader(path).pages[0]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1]
            for font in page["/Resources"]["/Font"].values()}


def test_html_is_one_self_contained_file(full: Path, built: Built) -> None:
    html = built(full, ("html",))["html"]
    assert "data:image/png;base64," in html
    assert 'src="logo.png"' not in html and "<link" not in html


def test_us_letter_paper(letter: Letter, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from letterpress.build import build

    path = letter("title: t\npaper: letter\nbody: [Hello]\n")
    build(path, tmp_path, ["pdf"])
    box = PdfReader(tmp_path / "test.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@pytest.mark.parametrize("fmt", FORMATS)
def test_logo_and_image_are_embedded(full: Path, built: Built, fmt: str, tmp_path: Path) -> None:
    import subprocess
    import zipfile

    built(full, (fmt,))
    out = tmp_path / "output" / f"test.{fmt}"
    if fmt == "pdf":
        listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True,
                                 text=True, check=True).stdout
        assert len(listing.strip().splitlines()) >= 4  # header, rule, logo, body image
    else:
        media = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("word/media/")]
        assert len(media) >= 1


def test_pictures_of_a_letter_named_from_its_project(letter: Letter, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`letterpress build letters/NAME.yaml`, as the README says, from the project folder:
    the logo and the picture are in the DOCX too (they were looked for in letters/letters/)."""
    import zipfile

    from PIL import Image as Picture
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = letter("title: t\nfrom: {name: Us, logo: logo.png}\nbody:\n  - image: pic.png\n")
    Picture.new("RGB", (40, 20), "navy").save(path.parent / "logo.png")
    Picture.new("RGB", (30, 20), "red").save(path.parent / "pic.png")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "letters/test.yaml", "-f", "docx,pdf"])
    assert result.exit_code == 0, result.output
    docx_file = zipfile.ZipFile(tmp_path / "output" / "test.docx")
    assert len([n for n in docx_file.namelist() if n.startswith("word/media/")]) == 2
    assert docx_file.read("word/document.xml").count(b"<pic:pic") == 2


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_docx_letterhead_sets_the_logo_beside_the_sender(letter: Letter, tmp_path: Path,
                                                         lang: str) -> None:
    """The PDF floats the logo at the end of the sender's lines; the DOCX had it above them.
    Now a borderless table: the sender on the side the text starts from, the logo at the
    other end (bidiVisual puts the first cell on the right in Arabic), the accent hairline
    under both; a logo alone stays a paragraph."""
    import zipfile

    from PIL import Image as Picture

    from letterpress.build import build

    path = letter(f"lang: {lang}\ntitle: t\nfrom: {{name: Us, logo: logo.png, "
                  "address: [Gaziantep]}\nbody: [Text.]\n")
    Picture.new("RGB", (400, 160), "navy").save(path.parent / "logo.png")
    assert not build(path, tmp_path / "both", ["docx"]).errors
    body = zipfile.ZipFile(tmp_path / "both" / "test.docx").read("word/document.xml").decode()
    table = body[body.index("<w:tbl>"):body.index("</w:tbl>")]
    assert ("<w:bidiVisual/>" in table) == (lang == "ar")
    first, second = table.split("</w:tc>")[:2]
    assert "Us" in first and "Gaziantep" in first and "<pic:pic" not in first
    assert "<pic:pic" in second and '<w:jc w:val="right"/>' in second
    after = body[body.index("</w:tbl>"):].split("</w:p>")[0]
    assert '<w:top w:val="single"' in after  # the hairline, under the table
    assert body.index("</w:tbl>") < body.index(">t<")  # before the title
    path.write_text(f"lang: {lang}\ntitle: t\nfrom: {{logo: logo.png}}\nbody: [Text.]\n")
    assert not build(path, tmp_path / "logo", ["docx"]).errors
    body = zipfile.ZipFile(tmp_path / "logo" / "test.docx").read("word/document.xml").decode()
    assert "<w:tbl>" not in body and "<pic:pic" in body


def test_image_width_sizes_small_pictures_too(letter: Letter, tmp_path: Path) -> None:
    """``width: 100%`` makes a 120-pixel picture as wide as the text in the PDF (as in the
    DOCX), not only caps large ones."""
    import subprocess

    from PIL import Image as Picture

    from letterpress.build import build

    (tmp_path / "letters").mkdir()
    Picture.new("RGB", (120, 60), "navy").save(tmp_path / "letters" / "small.png")
    ppi = {}
    for width in ("100%", "50%"):
        path = letter(f"title: t\nbody:\n  - image: small.png\n    width: '{width}'\n")
        assert not build(path, tmp_path / "out", ["pdf"]).errors
        listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "out" / "test.pdf")],
                                 capture_output=True, text=True, check=True).stdout
        ppi[width] = int(listing.splitlines()[2].split()[12])
    text_width_in = (210 - 2 * 24) / 25.4  # A4 less the letter layout's margins, about
    assert abs(ppi["100%"] - 120 / text_width_in) <= 2
    assert abs(ppi["50%"] - 2 * ppi["100%"]) <= 2


def test_a_picture_edited_between_two_builds_of_one_process(letter: Letter,
                                                            tmp_path: Path) -> None:
    """As watch and preview build again in one process: the new picture, not a kept copy."""
    from PIL import Image as Picture

    from letterpress.build import build

    path = letter("title: t\nbody:\n  - image: p.png\n")
    out = tmp_path / "out"
    for colour, size in (("red", (10, 10)), ("blue", (12, 10))):
        Picture.new("RGB", size, colour).save(path.parent / "p.png")
        assert not build(path, out, ["html"], force=True).errors
        png = base64.b64encode((path.parent / "p.png").read_bytes()).decode()
        assert png in (out / "test.html").read_text()


@pytest.mark.parametrize("fmt", FORMATS)
def test_table_columns_in_their_order(letter: Letter, built: Built, fmt: str) -> None:
    path = letter("""\
        title: t
        signatories:
          display: table
          columns: [country, role]
          members: [{name: Jane Doe, role: Director, country: France}]
        """)
    in_order(norm(built(path, (fmt,))[fmt]), ["Jane Doe", "France", "Director"])


def test_blank_details_print_nothing(letter: Letter, tmp_path: Path) -> None:
    """A blank cell of a web-form export (organisation "", role " ") printed "ZMINA, ,
    Ukraine" in every format and in the exported list."""
    from letterpress.build import build

    path = letter("title: t\nsignatories:\n  members:\n"
                  "    - {name: ZMINA, organisation: '', role: ' ', country: Ukraine}\n")
    assert not build(path, tmp_path, ["txt", "docx"]).errors
    assert "1.  ZMINA, Ukraine\n" in (tmp_path / "test.txt").read_text()
    assert "1. ZMINA, Ukraine" in docx_text(tmp_path / "test.docx").splitlines()  # (Word's 1.)


@pytest.mark.parametrize("fmt", [*FORMATS, "html", "txt"])
def test_hard_line_breaks_are_kept(letter: Letter, built: Built, fmt: str) -> None:
    """A line ended by a backslash or two spaces breaks there: the view's marking of tokens
    (web addresses, codes) dropped the break, and "Line one.Line two." ran together."""
    path = letter("""\
        title: t
        body:
          - "Line one.\\\\\\nLine two. See example.org/x_y."
          - "Two spaces.  \\nNext line."
          - demands: ["First.  \\nSecond."]
        """)
    text = built(path, (fmt,))[fmt]
    if fmt == "html":
        assert "Line one.<br" in text and "Two spaces.<br" in text and "First.<br" in text
        return
    lines = [line.strip() for line in text.splitlines()]
    for first, second in (("Line one.", "Line two."), ("Two spaces.", "Next line."),
                          ("First.", "Second.")):
        assert any(line.endswith(first) for line in lines), (first, lines)
        assert any(line.startswith(second) for line in lines), (second, lines)


def test_a_bare_web_address_in_a_name_is_a_link_as_in_the_body(letter: Letter,
                                                               built: Built) -> None:
    """A name or title was told plain by its characters alone, so a bare address in it was
    a link only when some other Markdown character stood beside it."""
    path = letter("""\
        title: Statement at https://example.org/s
        signatories:
          members: [Human Rights Watch https://www.hrw.org, "Amnesty_ https://amnesty.org"]
        """)
    html = built(path, ("html",))["html"]
    for address in ("https://example.org/s", "https://www.hrw.org", "https://amnesty.org"):
        assert f'<a href="{address}">{address}</a>' in html, address


@pytest.mark.parametrize(("lang", "reference", "extra", "printed"), [
    ("fr", "Réf. : LDH/2024/112", "", "Réf. : LDH/2024/112"),  # was "Réf. Réf. : LDH..."
    ("en", "Ref: SNA/2016/12", "", "Ref: SNA/2016/12"),
    ("en", "REF.SNA/12", "", "REF.SNA/12"),
    ("fr", "Ref. 12", "", "Ref. 12"),  # accents aside
    ("en", "Refugee Council 2024/1", "", "Ref. Refugee Council 2024/1"),  # a word, no label
    ("en", "Reference: SNA/12", "", "Reference: SNA/12"),  # the long form: a colon after
    ("fr", "Référence : LDH/2024/112", "", "Référence : LDH/2024/112"),
    ("es", "REFERENCIA: 7", "", "REFERENCIA: 7"),
    ("en", "Refugee Council: 2024/1", "", "Ref. Refugee Council: 2024/1"),
    ("en", "Refugees 2024: 1", "", "Ref. Refugees 2024: 1"),
    ("en", "SNA/2016/12", "", "Ref. SNA/2016/12"),
    ("en", "Ref: SNA/2016/12", "labels: {reference: \"\"}\n", "Ref: SNA/2016/12"),
    ("en", "SNA/2016/12", "labels: {reference: \"\"}\n", "SNA/2016/12"),
])
def test_a_reference_typed_with_its_label_prints_it_once(
        letter: Letter, built: Built, lang: str, reference: str, extra: str,
        printed: str) -> None:
    path = letter(f"lang: {lang}\ntitle: t\nreference: \"{reference}\"\n{extra}body: [x]\n")
    texts = built(path, ("pdf", "docx", "txt", "html"))
    assert f"\n{printed}\n" in texts["txt"]  # no label before it, nor a space
    assert f'<p class="reference">{printed}</p>' in texts["html"]
    for fmt in ("pdf", "docx"):
        assert norm(printed) in norm(texts[fmt]) and \
            norm(f"Ref. {printed}") not in norm(texts[fmt]).replace("Réf.", "Ref."), fmt
