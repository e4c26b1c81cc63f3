"""Signatory columns laid out with less repetition (render/columns.py, page_names.py,
used_values.py, pseudo_styles.py) give
the same PDF as WeasyPrint's own layout, for every example letter and for generated lists (a
random sample of sizes, layouts and directions): the same bytes, or, where a member moved into
place differs from a fresh layout by floating-point rounding, the same drawing to 1e-4 pt."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import ROOT, fold, pdf_text, same_words
from letterpress import layouts
from letterpress.build import build, pages, render
from letterpress.errors import LetterError
from letterpress.load import load
from letterpress.render import (
    columns,
    glyph_runs,
    pango_contexts,
    pseudo_styles,
    stylesheets,
    used_values,
)

sys.path.insert(0, str(ROOT / "bench"))
import generate

sys.path.remove(str(ROOT / "bench"))


def _pdfs(path: Path, tmp_path: Path) -> dict[str, Path]:
    """The letter's PDF in each mode."""
    loaded = load(path)
    built = pages(loaded)
    out = {}
    for name in ("plain", "fast"):
        with columns.mode(name):
            out[name] = tmp_path / f"{name}.pdf"
            out[name].write_bytes(render(built, loaded, "pdf"))
    return out


def _layout(tmp_path: Path, name: str, css: str) -> None:
    """A project layout ``name`` in ``tmp_path``: the ``letter`` layout and ``css``."""
    folder = tmp_path / "layouts" / name
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text("extends: letter\n", encoding="utf-8")
    (folder / "style.css").write_text(css, encoding="utf-8")


def _same_bytes_using(letter: Path, tmp_path: Path, state: dict[str, Any],
                      counter: str) -> dict[str, Path]:
    """The letter's PDF in each mode: the same bytes, the fast one having used the speed-up
    that counts ``counter`` (so the test cannot pass without it)."""
    before = state[counter]
    pdfs = _pdfs(letter, tmp_path)
    assert state[counter] > before
    assert pdfs["fast"].read_bytes() == pdfs["plain"].read_bytes()
    return pdfs


def _page_texts(pdf: Path) -> list[str]:
    """Each page as pdftotext -layout sets it out: where every line sits, column by column."""
    count = len(PdfReader(pdf).pages)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


_NUMBER = re.compile(rb"-?\d+\.\d*|-?\d+")


def _drawn(pdf: Path) -> list[bytes]:
    """Each page's drawing operators, numbers to 1e-4 pt: a member moved into place sits
    where WeasyPrint would put it up to floating-point rounding (56.0 for 56.000000001)."""
    return [_NUMBER.sub(lambda m: b"%.4f" % float(m.group()), page.get_contents().get_data())
            for page in PdfReader(pdf).pages]


def _same_columns(pdfs: dict[str, Path]) -> None:
    fast, plain = pdfs["fast"].read_bytes(), pdfs["plain"].read_bytes()
    assert fast == plain or _drawn(pdfs["fast"]) == _drawn(pdfs["plain"])


@pytest.mark.parametrize("letter", sorted(p.name for p in (ROOT / "letters").glob("*.yaml")))
def test_example_letters_keep_their_columns(letter: str, tmp_path: Path) -> None:
    _same_columns(_pdfs(ROOT / "letters" / letter, tmp_path))


def test_three_members_take_three_columns(tmp_path: Path) -> None:
    """Three members take three columns (a faster balancing once put them in two)."""
    letter = tmp_path / "three.yaml"
    letter.write_text("title: t\nsignatories:\n  display: columns\n  columns: [country]\n"
                      "  members:\n    - Big Heart\n    - {name: Dr Amer Masri, role: Director,"
                      " country: Syria}\n    - Zaytoon\n", encoding="utf-8")
    pdfs = _pdfs(letter, tmp_path)
    _same_columns(pdfs)
    first = _page_texts(pdfs["fast"])[0]
    assert re.search(r"1\. Big Heart +2\. Dr Amer Masri, Director, +3\. Zaytoon", first), first


@pytest.mark.parametrize(("count", "layout", "lang"), [
    (8, "press-release", "en"), (35, "letter", "en"), (120, "statement", "en"),
    (20, "statement", "ar"), (600, "letter", "en"), (400, "statement", "ar"),
    (900, "press-release", "en")])
def test_long_lists_keep_their_columns(tmp_path: Path, count: int, layout: str,
                                       lang: str) -> None:
    data = generate.letter(count, seed=count, layout=layout)
    text = generate.to_yaml(data).replace("lang: en", f"lang: {lang}", 1)
    letter = tmp_path / "long.yaml"
    letter.write_text(text, encoding="utf-8")
    before, replays = columns.reused(), columns.replayed()
    _same_columns(_pdfs(letter, tmp_path))
    assert columns.replayed() > replays  # balancing moved members laid out before
    if count >= 400:
        assert columns.reused() > before  # full pages were laid out once


def test_members_with_links_notes_and_long_names_keep_their_columns(tmp_path: Path) -> None:
    """Members that wrap to several lines, carry links or a footnote (never replayed: the
    note registers with the page), unnumbered, in both directions and every layout."""
    members = []
    for n in range(40):
        if n % 7 == 0:
            members.append(f"    - {{name: 'Member {n} with a note[^n]', country: Syria}}")
        elif n % 5 == 0:
            members.append(f"    - {{name: Org {n}, url: 'https://example.org/{n}'}}")
        elif n % 3 == 0:
            members.append(f"    - {{name: '{'Very long organisation name ' * (n % 4 + 1)}"
                           f"{n}', role: Coordinator, organisation: Network, country: Iraq}}")
        else:
            members.append(f"    - 'منظمة {n}'" if n % 2 else f"    - Person {n}")
    for layout in ("letter", "statement", "press-release"):
        for lang, numbering in (("en", "continuous"), ("ar", "none")):
            letter = tmp_path / f"{layout}-{lang}.yaml"
            letter.write_text(
                f"title: t\nlang: {lang}\nlayout: {layout}\nfootnotes: {{n: A note.}}\n"
                f"signatories:\n  display: columns\n  numbering: {numbering}\n  groups:\n"
                "  - name: One\n    members:\n" + "\n".join(members[:23]) +
                "\n  - name: Two\n    members:\n" + "\n".join(members[23:]) + "\n",
                encoding="utf-8")
            before = columns.replayed()
            _same_columns(_pdfs(letter, tmp_path))
            assert columns.replayed() > before


def test_named_pages_are_still_looked_for_where_the_css_names_them(tmp_path: Path) -> None:
    """Page-name checks are skipped only when no CSS can set ``page``; a layout that sets it
    gets WeasyPrint's own handling: the named page is used, the bytes are the same."""
    from letterpress.render import page_names

    assert not page_names.can_name_pages(
        "<style>@page :first { margin: 0 } h1 { break-before: page; page-break-after: avoid;"
        " content: counter(page) } a { background: url(page:x) }</style>"
        '<col style="width: 50%">')
    for html in ("<style>li { page: wide }</style>", "<style>li{PAGE :x}</style>",
                 "<style>li { page/**/: wide }</style>", "<style>li { pa\\ge: x }</style>",
                 "<style>li { p\\61 ge: x }</style>", '<p style="p&#97;ge: wide">',
                 "<p style=page:wide>", "<style>@media print { li { page: x } }</style>",
                 "<style>@import 'more.css';</style>", '<link rel="stylesheet" href="a.css">'):
        assert page_names.can_name_pages(html), html
    _layout(tmp_path, "named", "@page wide { size: A4 landscape }\n"
                               ".signatories { page: wide }\n")
    members = "".join(f"    - Member {n}\n" for n in range(60))
    letter = tmp_path / "named.yaml"
    letter.write_text(f"title: t\nlayout: named\nbody: [Text.]\nsignatories:\n"
                      f"  display: columns\n  members:\n{members}", encoding="utf-8")
    pdfs = _pdfs(letter, tmp_path)
    _same_columns(pdfs)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in PdfReader(pdfs["fast"]).pages]
    assert sizes[0] == (595, 842) and sizes[-1] == (842, 595)  # the list on its named page


@pytest.mark.parametrize("css", [
    # a random sample's case where one rectangle came out 56 instead of 56.000000001
    "ol.members li { margin-bottom: 0.4em; padding-top: 0; padding-bottom: 0; "
    "border-bottom: 0.5pt solid #ccc; line-height: 14pt }\n"
    "ol.members.columns { column-gap: 8mm; font-size: 1em }\n",
    "ol.members li { margin-top: 2px; padding-top: 1px; border-top: 1px solid #ccc; "
    "orphans: 1; widows: 1 }\n",
    "ol.members li { break-inside: auto; line-height: 1.5 }\n",
])
def test_members_styled_by_a_project_layout_keep_their_columns(tmp_path: Path,
                                                               css: str) -> None:
    _layout(tmp_path, "fz", css)
    letter = tmp_path / "styled.yaml"
    letter.write_text(generate.to_yaml(generate.letter(40, seed=927454, layout="fz")),
                      encoding="utf-8")
    _same_columns(_pdfs(letter, tmp_path))


def test_a_multi_column_member_is_laid_out_by_weasyprint_itself(tmp_path: Path) -> None:
    """Columns inside a column are WeasyPrint's own: its nested boxes are fresh copies each
    time, and a reused id once printed another member's details under a name."""
    _layout(tmp_path, "nested", "ol.members li { columns: 2; column-gap: 1mm; "
                                "orphans: 1; widows: 1 }\n")
    members = "".join(f"    - {{name: Member {i}, organisation: Org{i} for the protection of "
                      f"civilians in armed conflict, country: C{i}}}\n" for i in range(10))
    letter = tmp_path / "nested.yaml"
    letter.write_text(f"title: t\nlayout: nested\nsignatories:\n  display: columns\n"
                      f"  members:\n{members}", encoding="utf-8")
    pdfs = _pdfs(letter, tmp_path)
    _same_columns(pdfs)
    text = " ".join(_page_texts(pdfs["fast"]))  # each member once, its lines in two columns
    for i in range(10):
        assert len(re.findall(rf"\bMember {i},", text)) == 1, i
        assert len(re.findall(rf"\bOrg{i} for\b", text)) == 1, i
        assert len(re.findall(rf"\bconflict, C{i}\b", text)) == 1, i


def test_used_lengths_worked_out_once_per_style_are_the_same(tmp_path: Path) -> None:
    """Percentages, calc() (resolved against each box's own font size), box-sizing, flex
    items (whose styles WeasyPrint changes in place) and collapsed table borders."""
    _layout(
        tmp_path, "lengths",
        "ol.members li { margin-left: calc(1em + 2%); padding: 1% 2px; "
        "padding-inline-start: 0; font-size: 9pt }\n"
        "ol.members li:nth-child(3n) { font-size: 12pt; box-sizing: border-box; "
        "width: 90%; border: 1px solid #ccc }\n"
        "ol.members li:nth-child(3n+1) { font-size: 11pt }\n"
        ".body { display: flex; flex-wrap: wrap; padding-left: 5% }\n"
        "table { border-collapse: collapse } td { border: 2px solid; width: 30% }\n")
    members = "".join(f"        - {{name: Member {i}, country: Country {i % 7}}}\n"
                      for i in range(120))
    letter = tmp_path / "lengths.yaml"
    letter.write_text("title: t\nlayout: lengths\nbody: [First paragraph., Second.]\n"
                      "signatories:\n  columns: [country]\n  groups:\n"
                      f"    - display: columns\n      members:\n{members}"
                      f"    - display: table\n      members:\n{members}",
                      encoding="utf-8")
    _same_bytes_using(letter, tmp_path, used_values._state, "reused")


def test_pseudo_element_styles_worked_out_when_asked_are_the_same(tmp_path: Path) -> None:
    """::before/::after content with counters and quotes, list markers, CSS footnotes and
    an anchor on a pseudo-element (computed at once) give the same PDF."""
    _layout(
        tmp_path, "pseudo",
        "body { counter-reset: member }\n"
        "ol.members li { counter-increment: member }\n"
        "ol.members li::after { content: ' [' counter(member) ']'; color: #777 }\n"
        "ol.members li:nth-child(5n)::before { content: open-quote; anchor: attr(id) }\n"
        "ol.members li:nth-child(5n)::after { content: close-quote }\n"
        "ol.members.unnumbered { list-style: square inside }\n"
        "ol.members.unnumbered li { display: list-item }\n"
        "ol.members.unnumbered li::marker { color: red; content: '\u2013 ' }\n"
        ".body p:first-child::after { content: 'note'; float: footnote }\n")
    members = "".join(f"        - Member {i}\n" for i in range(40))
    letter = tmp_path / "pseudo.yaml"
    letter.write_text("title: t\nlayout: pseudo\nbody: [First paragraph., Second.]\n"
                      "signatories:\n  groups:\n"
                      f"    - display: columns\n      members:\n{members}"
                      f"    - numbering: none\n      members:\n{members}",
                      encoding="utf-8")
    pdfs = _same_bytes_using(letter, tmp_path, pseudo_styles._state, "deferred")
    text = " ".join(_page_texts(pdfs["fast"]))
    assert "[39]" in text and "“" in text and "– Member" in text  # the pseudo-elements drew


def test_glyphs_read_a_run_at_a_time_are_drawn_the_same(tmp_path: Path) -> None:
    """Latin, Arabic (with and without vowel marks, which Pango raises and WeasyPrint draws
    itself), isolated names, mixed scripts in one line, letter spacing, justified text,
    links, an ellipsis and a character no font has: the same PDF, with lines drawn both
    here and by WeasyPrint."""
    _layout(
        tmp_path, "glyphs",
        ".body p:nth-child(2) { text-align: justify; letter-spacing: 0.4px }\n"
        ".body p:nth-child(3) { white-space: nowrap; overflow: hidden; "
        "text-overflow: ellipsis; width: 30mm; text-decoration: underline }\n"
        "ol.members li:nth-child(4n) { letter-spacing: 1px; word-spacing: 3px }\n")
    long = "Protect the civilians of Aleppo now, and open every crossing to aid. " * 4
    arabic = "\u0645\u062d\u0645\u062f \u0627\u0644\u062e\u0637\u064a\u0628"
    marked = "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f"  # with vowel marks
    names = ["Amer Masri", arabic, "Caf\u00e9 Re\u0301seau", "Zeynep Y\u0131lmaz"] * 10
    members = "".join(f"        - {{name: '{name} {i}', organisation: 'Watch {arabic}'}}\n"
                      for i, name in enumerate(names))
    letter = tmp_path / "glyphs.yaml"
    letter.write_text(
        f"title: Glyphs \u2014 {marked}\nlayout: glyphs\nbody:\n"
        f"  - 'First [link](https://example.org) \u2068{arabic}\u2069 text.'\n"
        f"  - '{long}'\n  - '{long}'\n  - 'Fist \u270a\U0001F3FD and {marked}'\n"
        "signatories:\n  groups:\n"
        f"    - display: columns\n      members:\n{members}",
        encoding="utf-8")
    before = glyph_runs._state["theirs"]
    _same_bytes_using(letter, tmp_path, glyph_runs._state, "drawn")
    assert glyph_runs._state["theirs"] > before



def test_stylesheets_parsed_once_per_process_are_the_same(tmp_path: Path) -> None:
    """Letters of one batch share their layouts' parsed CSS: each PDF is the same bytes as
    when its CSS is parsed afresh, and a url() in the CSS still means a file of each
    letter's own folder (here refused, and reported with that folder)."""
    _layout(tmp_path, "striped", "ol.members li:nth-child(2n) { color: #a00 }\n")
    _layout(tmp_path, "pictured", "body { background: url(bg.png) }\n")
    letters = []
    for i, (layout, lang, where) in enumerate([
            ("striped", "en", "a"), ("letter", "ar", "a"), ("striped", "en", "a"),
            ("letter", "ar", "a"), ("statement", "en", "a"), ("striped", "en", "b"),
            ("pictured", "en", "c"), ("pictured", "en", "d")]):
        folder = tmp_path / where
        if not folder.exists():
            folder.mkdir()
            (folder / "layouts").symlink_to(tmp_path / "layouts")
        letter = folder / f"l{i}.yaml"
        letter.write_text(f"title: Letter {i}\nlayout: {layout}\nlang: {lang}\nbody: [Text.]\n"
                          "signatories:\n  display: columns\n  members: [One, Two, Three]\n",
                          encoding="utf-8")
        letters.append(letter)
    # (load refuses the url() of a pictured letter's layout first: taken past it, as a url()
    # a template writes would be, the render refuses it too, in the letter's own folder)
    built = [(loaded, pages(loaded)) for loaded in map(load, letters[:6])] + [
        (replace(loaded, layout=layouts.load("pictured", letter.parent)), pages(loaded))
        for letter in letters[6:] for loaded in [load(letter, layout="letter")]]
    before = stylesheets._state["reused"]
    pdfs = {}
    for name in ("fast", "plain"):
        with columns.mode(name):
            pdfs[name] = [render(view, loaded, "pdf") for loaded, view in built[:6]]
    assert stylesheets._state["reused"] > before
    assert pdfs["fast"] == pdfs["plain"]
    for loaded, view in built[6:]:
        with pytest.raises(LetterError, match=rf"{loaded.folder.name}/bg.png: refused"):
            render(view, loaded, "pdf")


def test_pango_contexts_shared_in_a_render_are_the_same(tmp_path: Path) -> None:
    """Text in two languages and directions (mixed scripts in a right-to-left paragraph of
    the English page: fails when the direction is left out of the key), a language
    override, font features, small capitals, decorations and sizes: the same PDF with one
    Pango context and font description per distinct style as with one per layout."""
    _layout(
        tmp_path, "typeset",
        ".body p:nth-child(1) { font-variant: small-caps; text-decoration: underline }\n"
        ".body p:nth-child(2) { font-kerning: none; font-language-override: 'TRK'; "
        "text-decoration: line-through }\n"
        ".body p:nth-child(4) { direction: rtl; font-feature-settings: 'liga' 0 }\n"
        ".body p:nth-child(3) { font-variant-numeric: oldstyle-nums; font-size: 14pt; "
        "letter-spacing: 0.5px }\n"
        "ol.members li:nth-child(3n) { font-weight: bold; font-style: italic }\n"
        "ol.members li:nth-child(2n) { font-language-override: 'URD' }\n")
    arabic = "\u0627\u0644\u062d\u0631\u064a\u0629 \u0644\u0645\u0639\u062a\u0642\u0644"
    letter = tmp_path / "typeset.yaml"
    letter.write_text(
        "title: Typeset\nlayout: typeset\nlang: [en, ar]\ncombine: sequential\n"
        "body:\n  - {en: 'Office affinity 1234 [link](https://example.org)', ar: " + arabic + "}\n"
        "  - {en: 'Official fifty first', ar: " + arabic + "}\n"
        "  - {en: 'Numbers 1234567890 ffi', ar: " + arabic + "}\n"
        "  - {en: 'Right " + arabic + " left 12', ar: 'Left " + arabic + " right'}\n"
        "signatories:\n  display: columns\n  members:\n"
        + "".join(f"    - 'Member {i} {arabic} \u06f4\u06f6\u06f7'\n" for i in range(12)),
        encoding="utf-8")
    _same_bytes_using(letter, tmp_path, pango_contexts._state, "reused")


def test_quick_c_types_are_cffi_s_own() -> None:
    """Pointers and arrays made without pycparser are the very types cffi makes by parsing
    the same strings (those WeasyPrint uses, and more); other strings are parsed as before."""
    from letterpress.render import pdf

    pdf.prepare()
    from weasyprint.text.ffi import ffi

    assert isinstance(ffi._parsed_types, pdf._QuickTypes)
    for cdecl in ["hb_codepoint_t[4321]", "hb_tag_t[100]", "char[4]", "char[]",
                  "PangoLogAttr[]", "PangoRectangle *", "PangoFcFontMap *", "FcChar8 **",
                  "unsigned int *", "int *", "gint *", "PangoLayout *"]:
        made = ffi._parsed_types.__missing__(cdecl)[0]  # made here, whatever came before
        with ffi._lock:
            parsed = ffi._get_cached_btype(ffi._parser.parse_type(cdecl))
        assert made is parsed, cdecl
    for left in ("const char *", "int[010]"):  # qualifiers, and octal sizes: cffi's parse
        with pytest.raises(KeyError):
            ffi._parsed_types.__missing__(left)
    assert len(ffi.new("int[010]")) == 8
    assert ffi.typeof("const char *") is not None
    assert list(ffi.new("hb_codepoint_t[3]", [7, 8, 9])) == [7, 8, 9]


def test_rarely_used_font_modules_are_imported_when_used() -> None:
    """A fresh process imports WeasyPrint without fontTools' subsetter and instancer,
    renders a PDF, and gets the real modules the moment something asks for them."""
    script = (
        "import sys\n"
        "from letterpress.render import pdf\n"
        "pdf.prepare()\n"
        "assert 'fontTools.subset' not in sys.modules\n"
        "assert 'fontTools.varLib.instancer' not in sys.modules\n"
        "from pathlib import Path\n"
        "data = pdf.render('<p>Hello \u0645\u0631\u062d\u0628\u0627</p>', Path('.'))\n"
        "assert data.startswith(b'%PDF')\n"
        "import weasyprint.pdf.fonts as fonts\n"
        "from fontTools.subset import Options\n"
        "assert fonts.subset.Options is Options\n"
        "try:\n"
        "    fonts.instantiateVariableFont(None, {})\n"
        "except Exception as exc:\n"
        "    assert 'fontTools.varLib.instancer' in sys.modules, exc\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_remembered_stylesheets_stay_bounded(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters in many folders (a base URL each) do not grow the memory without end."""
    monkeypatch.setattr(stylesheets, "_LIMIT", 150)
    stylesheets._results.clear()
    sizes = []
    for i in range(8):
        folder = tmp_path / f"f{i}"
        folder.mkdir()
        letter = folder / "l.yaml"
        letter.write_text("title: t\nbody: [Text.]\n", encoding="utf-8")
        loaded = load(letter)
        render(pages(loaded), loaded, "pdf")
        sizes.append(len(stylesheets._results))
    assert sizes[0] > 10  # one render remembers the layout's rules
    assert max(sizes) <= 150 + sizes[0], sizes


FORUM = ["Amnesty International",
         "Asian Forum for Human Rights and Development (FORUM-ASIA), Bangkok and Geneva",
         "Burma Campaign UK", "CIVICUS", "Fortify Rights",
         "International Commission of Jurists (ICJ)", "Human Rights Watch",
         "Progressive Voice", "Women's League of Burma", "ALTSEAN-Burma"]
NAMES_AR = [f"{kind} {topic} في {city}" for kind, topic, city in zip(
    ["مؤسسة", "اتحاد", "جمعية", "رابطة", "مبادرة", "شبكة", "مركز"] * 5,
    ["التعليم البديل", "السلم الأهلي", "حقوق المرأة والطفل في المناطق المحاصرة", "الإعلام المستقل",
     "دعم المعتقلين"] * 7,
    ["حلب", "إدلب", "بيروت", "عمّان", "برلين", "القامشلي", "غازي عنتاب"] * 5, strict=True)]


@pytest.mark.parametrize(("layout", "lang", "names"), [
    ("statement", "en", FORUM), ("letter", "en", FORUM * 3), ("letter", "ar", NAMES_AR)])
def test_columns_are_read_column_by_column(tmp_path: Path, layout: str, lang: str,
                                           names: list[str]) -> None:
    """Text extraction (pdftotext, as textcheck and a reader's copy use it) reads a list in
    columns in order, names that wrap or not: its lines sit close enough to be one block
    per column (1.5 em apart, they came out across the page: 1, 5, 2, 6...)."""
    _read_in_order(tmp_path, layout, lang, names)


def _read_in_order(tmp_path: Path, layout: str, lang: str, names: list[str],
                   title: str = "Columns") -> Path:
    """Build ``names`` in columns and assert pdftotext reads them in order; the letter."""
    path = tmp_path / "cols.yaml"
    members = "".join(f"    - \"{name}\"\n" for name in names)
    path.write_text(f"layout: {layout}\nlang: {lang}\ntitle: {title}\nsignatories:\n"
                    f"  display: columns\n  members:\n{members}", encoding="utf-8")
    result = build(path, tmp_path / "out", ["pdf"])
    assert not result.errors, result.errors
    text = fold(pdf_text(tmp_path / "out" / "cols.pdf"))
    at = 0
    for number, name in enumerate(names, 1):
        found = text.find(fold(name), at)
        assert found >= 0, f"member {number} ({name}) not after position {at}"
        at = found + len(fold(name))
    return path


NAMES_FA = ["سازمان الف", "سازمان ب", "سازمان پ", "سازمان ت", "سازمان ث", "سازمان ج"]
NAMES_FA_LONG = [f"{kind} {city}" for kind in ["انجمن", "کانون", "بنیاد", "شبکه", "مرکز"]
                 for city in ["تهران", "مشهد", "تبریز", "شیراز", "اصفهان", "کرمان", "رشت"]]


@pytest.mark.parametrize(("layout", "lang", "names"), [
    ("statement", "fa", NAMES_FA), ("statement", "ar-EG", NAMES_AR[:6]),
    ("letter", "fa", NAMES_FA[:3]), ("letter", "fa", NAMES_FA_LONG),
    ("statement", "fa", NAMES_FA_LONG)])
def test_columns_over_a_page_number_in_native_digits_read_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, lang: str,
        names: list[str]) -> None:
    """Below a right-to-left list, the page number in Persian or Arabic-Indic digits ("۱ / ۱",
    13 pt, where "1 / 1" is 17.3 pt) fits inside the 6 mm column gap, and pdftotext read the
    second column first (4 5 6 1 2 3; with Latin digits in order): each column now starts a
    hair below the one before it (columns.stagger), the same drawing to 0.001 pt."""
    loaded = load(_read_in_order(tmp_path, layout, lang, names, "ستون‌ها"))
    staggered = render(pages(loaded), loaded, "pdf")
    monkeypatch.setattr(columns, "STAGGER", 0)
    level = render(pages(loaded), loaded, "pdf")
    assert staggered != level
    same_words(staggered, level)


def test_a_word_longer_than_its_column_is_hyphenated(tmp_path: Path) -> None:
    """"Menschenrechtsbeauftragte", wider than a third of the page, was cut at the column's
    edge without a hyphen ("Menschenrechtsbeauftragt" / "e,"), read as two words; words
    that fit are not hyphenated."""
    path = tmp_path / "de.yaml"
    path.write_text(
        "lang: de\ntitle: Spalten\nsignatories:\n  display: columns\n  members:\n"
        "    - {name: Anna Krause, role: Bundestagsabgeordnete a. D., organisation: "
        "Flüchtlingsrat Niedersachsen e. V.}\n"
        "    - {name: Lea Wolf, role: Menschenrechtsbeauftragte, organisation: "
        "Diakonie Katastrophenhilfe}\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    layout = subprocess.run(["pdftotext", "-layout", str(tmp_path / "de.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    words = layout.split()
    assert "Menschenrechtsbeauftragte" in words or any(
        w.startswith("Menschenrechts") and w.endswith("\u2010") for w in words), layout
    assert not any(w.endswith("\u2010") and not w.startswith("Menschen") for w in words), layout
