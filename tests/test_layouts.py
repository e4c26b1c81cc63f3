"""Layouts: the built-ins resolve, project layouts add or override, and changes show in
both the PDF and the DOCX."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import ROOT, pdf_text
from letterpress import layouts
from letterpress.build import build
from letterpress.errors import LetterError

LETTER = """\
layout: custom
title: A statement
body: [Text of the statement.]
signatories:
  display: columns
  members: [One, Two, Three, Four]
"""


def _project(tmp_path: Path, manifest: str, css: str = "") -> Path:
    folder = tmp_path / "layouts" / "custom"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    if css:
        (folder / "style.css").write_text(css, encoding="utf-8")
    letters = tmp_path / "letters"
    letters.mkdir()
    path = letters / "custom.yaml"
    path.write_text(LETTER, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["letter", "statement", "press-release"])
def test_builtin_layouts_resolve(name: str) -> None:
    layout = layouts.load(name)
    assert layout.description
    assert layout.find("template.html.j2") is not None
    assert "@page" in layout.css()


def test_check_refuses_what_the_layout_css_would_load_as_build_does(tmp_path: Path) -> None:
    """check passed a layout whose CSS has a url() or an @font-face ("1 letter OK"), which
    build refused only when the PDF rendered (exit 2): one check, run by both, located where
    each is written. Embedded data, an @import (ignored after the built-in rules) and an
    element of the document (url(#end)) load nothing."""
    from letterpress.build import check

    path = _project(tmp_path, "extends: statement\n", (
        "@font-face { font-family: X; src: url(http://127.0.0.1:9/y.ttf) }\n"
        "h1 { background: url(http://127.0.0.1:9/bg.png) }\n"
        "@media print { p { background: url('bg.png') } }\n"
        "em { background: url(data:image/png;base64,AAAA) }\n@import url(x.css);\n"
        "a::after { content: target-counter(url(#end), page) }\n"))
    css = tmp_path / "layouts" / "custom" / "style.css"
    refused = "refused; letters render from their own folder only (no network, no other files)"
    expected = [
        f"{css}:1:1: @font-face: refused; a layout's fonts are the ones letterpress ships",
        f"{css}:2:22: http://127.0.0.1:9/bg.png: {refused}",
        f"{css}:3:37: {(path.parent / 'bg.png').resolve().as_uri()}: {refused}"]
    assert [str(e) for e in check(path).errors] == expected
    assert [str(e) for e in build(path, tmp_path / "out", ["pdf"]).errors] == expected


def test_custom_layout_changes_pdf_and_docx(tmp_path: Path) -> None:
    path = _project(tmp_path, """\
        description: Green and sans-serif
        extends: statement
        style: {font: Noto Sans, accent: "#00aa00", signatory_columns: 2}
        labels: {signatories: Endorsed by}
        """)
    result = build(path, tmp_path / "out", ["pdf", "docx"])
    assert not result.errors, result.errors
    pdf = tmp_path / "out" / "custom.pdf"
    assert "Endorsed by" in pdf_text(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "Noto-Sans" in fonts and "Noto-Serif" not in fonts
    document = docx.Document(str(tmp_path / "out" / "custom.docx"))
    assert document.styles["Normal"].font.name == "Noto Sans"
    assert any(p.text == "Endorsed by" for p in document.paragraphs)
    xml = zipfile.ZipFile(tmp_path / "out" / "custom.docx").read("word/document.xml").decode()
    assert 'w:num="2"' in xml
    assert "00AA00" in zipfile.ZipFile(tmp_path / "out" / "custom.docx").read(
        "word/styles.xml").decode().upper()


def test_layout_labels_per_language(tmp_path: Path) -> None:
    """A layout's label given per language is used in those languages; another language
    keeps its own default, not the layout's English."""
    path = _project(tmp_path, """\
        extends: letter
        labels: {signatories: {en: Endorsed by, ar: أيّدها}}
        """)
    path.write_text(LETTER.replace("title: A statement", "lang: [en, ar, fr]\ntitle: A "
                                   "statement"), encoding="utf-8")
    result = build(path, tmp_path / "out", ["txt"])
    assert not result.errors, result.errors
    out = {lang: (tmp_path / "out" / f"custom.{lang}.txt").read_text(encoding="utf-8").upper()
           for lang in ("en", "ar", "fr")}
    assert "ENDORSED BY" in out["en"] and "أيّدها" in out["ar"]
    assert "SIGNATAIRES" in out["fr"] and "ENDORSED" not in out["fr"]


def test_project_layout_overrides_one_template_part(tmp_path: Path) -> None:
    path = _project(tmp_path, "extends: letter\n")
    parts = tmp_path / "layouts" / "custom" / "parts"
    parts.mkdir()
    (parts / "postscript.html.j2").write_text("<p>Printed by our own part</p>\n")
    build(path, tmp_path / "out", ["pdf"])
    assert "Printed by our own part" in pdf_text(tmp_path / "out" / "custom.pdf")


def test_project_folder_overrides_builtin_of_same_name(tmp_path: Path) -> None:
    folder = tmp_path / "layouts" / "statement"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text("extends: statement\nlabels: {signatories: Signed}\n")
    layout = layouts.load("statement", tmp_path / "letters")
    assert layout.folders[0] == folder.resolve()
    assert layout.manifest.labels["signatories"] == "Signed"
    assert layout.manifest.options.title_style == "title"  # inherited from the built-in


def test_bad_manifest_is_located(tmp_path: Path) -> None:
    _project(tmp_path, "extends: letter\nstyle: {colour: red}\n")
    with pytest.raises(LetterError) as err:
        layouts.load("custom", tmp_path / "letters")
    message = str(err.value)
    assert "layout.yaml:2:" in message and "unknown key 'colour'" in message


SHIPPED = ("a layout's fonts are Noto Serif and Noto Sans, which letterpress ships (Arabic "
           "and Hebrew text takes its shipped Noto Naskh Arabic and Noto Serif or Sans Hebrew "
           "by itself)")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_font_letterpress_does_not_ship_is_a_located_error(tmp_path: Path, command: str,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """The PDF took whatever font Fontconfig found on the machine (DejaVu Sans for Comic
    Sans MS), exit 0 without a word, while the DOCX named the font asked for."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = _project(tmp_path, "extends: letter\nstyle:\n  font: Comic Sans MS\n"
                              "  heading_font: Noto Sams\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [command, str(path.relative_to(tmp_path))])
    assert result.exit_code == 2, result.output
    manifest = "layouts/custom/layout.yaml"  # as the user would type it, as a letter is
    assert result.output.splitlines() == [
        f"{manifest}:3:9: style.font: 'Comic Sans MS' is not a font letterpress ships; "
        f"{SHIPPED}",
        f"{manifest}:4:17: style.heading_font: 'Noto Sams' is not a font letterpress ships "
        f"(did you mean 'Noto Sans'?); {SHIPPED}"]
    assert not (tmp_path / "output").exists()


def test_a_manifest_value_of_the_wrong_kind_is_told_as_a_letters_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word for a number said pydantic's "Input should be a valid number, unable to parse
    string as a number", at the manifest's absolute path."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = _project(tmp_path, "extends: letter\nstyle:\n  font_size: big\n  line_height: [1]\n"
                              "  signatory_columns: two\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", str(path.relative_to(tmp_path))])
    assert result.exit_code == 2 and result.output.splitlines() == [
        "layouts/custom/layout.yaml:3:14: style.font_size: expected a number, got 'big'",
        "layouts/custom/layout.yaml:4:16: style.line_height: expected a number, got a list",
        "layouts/custom/layout.yaml:5:22: style.signatory_columns: expected a whole number, "
        "got 'two'"], result.output


def test_the_arabic_font_is_not_a_layouts_font(tmp_path: Path) -> None:
    """Noto Naskh Arabic has no Latin letters: English text in it was the machine's font."""
    _project(tmp_path, "extends: letter\nstyle: {font: Noto Naskh Arabic}\n")
    with pytest.raises(LetterError) as err:
        layouts.load("custom", tmp_path / "letters")
    assert str(err.value).endswith(":2:15: style.font: 'Noto Naskh Arabic' is the font of "
                                   f"Arabic or Hebrew text alone; {SHIPPED}")


def test_a_shipped_font_in_other_capitals_is_that_font(tmp_path: Path) -> None:
    """CSS and Word match font names whatever their case: 'noto sans' was Noto Sans."""
    path = _project(tmp_path, "extends: letter\nstyle: {font: noto sans}\n")
    result = build(path, tmp_path / "out", ["docx"])
    assert not result.errors and not result.warnings, result.errors
    document = docx.Document(str(tmp_path / "out" / "custom.docx"))
    assert document.styles["Normal"].font.name == "Noto Sans"


def test_a_font_the_layouts_css_names_is_warned_about(tmp_path: Path) -> None:
    """A layout's own CSS naming a font letterpress does not ship before the shipped ones:
    a warning where it is named. After a shipped font (or the layout's font, a var()) a name
    is used only for characters that font lacks, which a letter is warned about itself;
    generic families (serif, monospace) name no font."""
    css = ("h1 { color: red; font-family: \"Comic Sans MS\", 'Noto Sans', serif }\n"
           "@media print {\n  .sender { font: bold 12pt/1.2 Helvetica Neue, Arial, sans-serif }"
           "\n}\n"
           "p { font-family: var(--heading-font), Arial; }\n"
           ":root { --font-ltr: 'Noto Naskh Arabic', 'Noto Serif', Arial; "
           "--heading-font-ltr: Noto Sanz }\n"
           ".quote { font-family: noto serif, monospace; font: inherit }\n")
    path = _project(tmp_path, "extends: letter\n", css=css)
    result = build(path, tmp_path / "out", ["html"])
    assert not result.errors, result.errors
    style = tmp_path / "layouts" / "custom" / "style.css"
    tail = ("the PDF would take a font this machine has in its place (letterpress ships Noto "
            "Serif, Noto Sans, Noto Naskh Arabic, Noto Serif Hebrew and Noto Sans Hebrew)")
    assert [str(w) for w in result.warnings] == [
        f"{style}:1:31: warning: font-family: 'Comic Sans MS' is not a font letterpress "
        f"ships; {tail}",
        f"{style}:3:33: warning: font: 'Helvetica Neue' is not a font letterpress ships; {tail}",
        f"{style}:3:49: warning: font: 'Arial' is not a font letterpress ships; {tail}",
        f"{style}:6:83: warning: --heading-font-ltr: 'Noto Sanz' is not a font letterpress "
        f"ships (did you mean 'Noto Sans'?); {tail}"]


def test_only_the_stylesheet_letters_are_styled_with_is_checked(tmp_path: Path) -> None:
    """A layout's fonts and fetched files are checked in its ``style.css``, the CSS every
    format reads; another ``.css`` beside it is never read, so its fonts are not warned
    about (check warned of fonts in a file that refused nothing it would fetch)."""
    path = _project(tmp_path, "extends: letter\n", css="p { font-family: Arial }\n")
    (tmp_path / "layouts" / "custom" / "draft.css").write_text(
        "p { font-family: Comic Sans MS; background: url(https://example.org/x.png) }\n",
        encoding="utf-8")
    result = build(path, tmp_path / "out", ["html"])
    assert not result.errors, result.errors
    assert [w.message.split(" is ")[0] for w in result.warnings] == ["font-family: 'Arial'"]
    assert [Path(w.file).name for w in result.warnings] == ["style.css"]


def test_a_layouts_files_are_named_as_typed(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A problem in a layout's CSS or template is named by its path from the working
    folder, as a letter's and the manifest's are (it was the absolute path)."""
    path = _project(tmp_path, "extends: letter\n", css="p { font-family: Arial }\n")
    (path.parent.parent / "layouts" / "custom" / "template.html.j2").write_text(
        "{{ page.title|nosuchfilter }}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = build(Path("letters/custom.yaml"), Path("out"), ["html"])
    assert [d.file for d in result.warnings] == ["layouts/custom/style.css"]
    assert [d.file for d in result.errors] == ["layouts/custom/template.html.j2"]


def test_a_problem_in_a_shared_layout_is_printed_once(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Found with each letter of a folder that uses the layout: printed once, not once a
    letter."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    path = _project(tmp_path, "extends: letter\n", css="p { font-family: Arial }\n")
    (path.parent / "other.yaml").write_text(LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "letters"])
    assert result.exit_code == 0, result.output
    assert result.output.count("warning: font-family: 'Arial'") == 1, result.output
    assert "2 letters OK" in result.output
@pytest.mark.parametrize(("manifest", "where", "opener"), [
    ("extends: letter\nstyle: [\n", "2:8", "["),  # was "two commas, or a comma ending..."
    ("extends: letter\nstyle: {font: Noto Sans\noptions: {end_mark: true}\n", "2:8", "{"),
])
def test_a_manifest_bracket_never_closed_is_told_where_it_opens(
        tmp_path: Path, manifest: str, where: str, opener: str) -> None:
    _project(tmp_path, manifest)
    with pytest.raises(LetterError) as err:
        layouts.load("custom", tmp_path / "letters")
    assert str(err.value).endswith(f"layout.yaml:{where}: YAML syntax: this {opener} is never "
                                   f"closed; add the closing {']' if opener == '[' else '}'}")


def test_a_comma_in_a_manifest_label_per_language_is_named(tmp_path: Path) -> None:
    _project(tmp_path, "extends: letter\nlabels: {signatories: {en: Signed, among others, "
                       "ar: الموقعون}}\n")
    with pytest.raises(LetterError) as err:
        layouts.load("custom", tmp_path / "letters")
    assert str(err.value).endswith(
        "layout.yaml:2:36: labels.signatories: a comma inside {...} ends the value before it, "
        "and 'among others' after it is read as a key: put a value holding a comma in quotes")


def test_layout_loop_is_an_error(tmp_path: Path) -> None:
    _project(tmp_path, "extends: other\n")
    other = tmp_path / "layouts" / "other"
    other.mkdir()
    (other / "layout.yaml").write_text("extends: custom\n")
    with pytest.raises(LetterError, match="loop"):
        layouts.load("custom", tmp_path / "letters")


def test_template_error_names_the_template_line(tmp_path: Path) -> None:
    path = _project(tmp_path, "extends: letter\n")
    parts = tmp_path / "layouts" / "custom" / "parts"
    parts.mkdir()
    (parts / "postscript.html.j2").write_text("\n{{ page.no_such_field }}\n")
    result = build(path, tmp_path / "out", ["html"])
    assert result.errors and "postscript.html.j2:2:" in str(result.errors[0])


# WeasyPrint 70 parses this rule but raises while laying the marker out.
UNSUPPORTED_CSS = 'ol li::marker { content: counter(list-item) ") " }\n'


def test_css_weasyprint_cannot_lay_out_is_the_layouts_error(tmp_path: Path) -> None:
    """The whole command, with the PDF laid out in its own process: a located error at the
    layout's CSS, exit 2, no traceback, and the previous outputs left as they were."""
    path = _project(tmp_path, "extends: letter\n")
    out = tmp_path / "out"
    assert not build(path, out, ["pdf", "docx"]).errors
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tmp_path / "layouts" / "custom" / "style.css").write_text(UNSUPPORTED_CSS)
    run = subprocess.run([sys.executable, "-m", "letterpress", "build", str(path), "-o",
                          str(out)], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    # (named from the working folder, as typed)
    assert run.stderr.startswith("layouts/custom/style.css:1:1: WeasyPrint could not lay the "
                                 "letter out")
    assert "not handled yet" in run.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_render_failure_with_builtin_layouts_stays_a_bug(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendered in this process (as in a batch's workers): a project layout's failure is a
    located error, while the same failure with only built-in files is left to surface."""
    from letterpress.render import pdf, pdf_process

    def fail(*args: object) -> bytes:
        raise TypeError("min-content width for TextBox not handled yet")

    monkeypatch.setattr(pdf, "render", fail)
    path = _project(tmp_path, "extends: letter\n", css="p { color: red }\n")
    result = build(path, tmp_path / "out", ["pdf"])
    assert [d.file for d in result.errors] == [str(tmp_path / "layouts" / "custom" /
                                                   "style.css")]
    path.write_text(LETTER.replace("layout: custom", "layout: letter"))
    with pytest.raises(pdf_process.RenderError, match="TextBox") as failed:
        build(path, tmp_path / "out", ["pdf"])
    again = pickle.loads(pickle.dumps(failed.value))  # as a batch's worker hands it back
    assert (again.summary, again.details) == (failed.value.summary, failed.value.details)


def test_check_runs_a_project_layouts_templates(tmp_path: Path) -> None:
    """What build would stop at, check says first (the built-in templates are tested)."""
    from letterpress.build import check

    path = _project(tmp_path, "extends: letter\n")
    assert not check(path).errors
    parts = tmp_path / "layouts" / "custom" / "parts"
    parts.mkdir()
    (parts / "title.html.j2").write_text("<h1>{{ page.title }}</h1>\n{{ page.no_such }}\n")
    (error,) = check(path).errors
    assert str(error).startswith(f"{parts / 'title.html.j2'}:2:1: layout template: ")


def test_project_layout_found_from_inside_letters(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`cd letters && letterpress check custom.yaml`: the letter's folder is "." there, whose
    parent was taken as "." too, so ../layouts/custom was not looked in."""
    from letterpress.build import check

    path = _project(tmp_path, "extends: letter\n")
    monkeypatch.chdir(path.parent)
    assert not check(Path(path.name)).errors


def test_example_project_layout_builds(tmp_path: Path) -> None:
    layout = layouts.load("coalition", ROOT / "letters")
    assert layout.manifest.style.signatory_columns == 2
    assert layout.manifest.options.title_style == "title"


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize(("name", "italic"), [("letter", True), ("statement", True),
                                              ("press-release", False)])
def test_quote_style_alike_in_pdf_and_docx(tmp_path: Path, name: str, italic: bool,
                                           parallel: bool) -> None:
    """options.quote_style sets quotations in italic (upright in the press release) in the
    PDF and the DOCX alike, languages side by side too; Arabic, which has no italic, stays
    upright in both."""
    path = tmp_path / "quote.yaml"
    langs = "lang: [en, ar]\ncombine: parallel\n" if parallel else ""
    path.write_text(f"layout: {name}\n{langs}body:\n  - Plain text.\n"
                    "  - quote: We have exhausted all the options.\n    by: Raed al Saleh\n",
                    encoding="utf-8")
    result = build(path, tmp_path / "out", ["pdf", "docx"])
    assert not result.errors, result.errors
    fonts = subprocess.run(["pdffonts", str(tmp_path / "out" / "quote.pdf")],
                           capture_output=True, text=True, check=True).stdout
    assert ("Italic" in fonts) is italic, fonts
    style = docx.Document(str(tmp_path / "out" / "quote.docx")).styles["Quote"].element
    assert style.rPr.i.val is italic
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert style.rPr.find(f"{w}iCs").get(f"{w}val") == "0"


def test_arabic_end_mark_is_not_letter_spaced(tmp_path: Path) -> None:
    """The press release spaces its end mark's letters; spaced Arabic letters no longer
    join (انتهى came out as five separate letters)."""
    from letterpress.build import pages
    from letterpress.load import load
    from letterpress.render import html, pdf

    path = tmp_path / "ar.yaml"
    path.write_text("layout: press-release\nlang: ar\nbody: [نص.]\n", encoding="utf-8")
    loaded = load(path)
    built = pages(loaded)
    document = pdf.prepare().HTML(string=html.render(built, loaded.layout, for_pdf=True),
                                  base_url=str(tmp_path)).render()

    def boxes(box: object) -> list[object]:
        found = [box]
        for child in getattr(box, "children", []):
            found += boxes(child)
        return found

    ends = [b for page in document.pages for b in boxes(page._page_box)
            if getattr(b, "text", None) == "انتهى"]
    assert ends and all(b.style["letter_spacing"] in ("normal", 0) for b in ends)


def test_statement_side_by_side_centres_its_titles(tmp_path: Path) -> None:
    """The statement centres title, subtitle and date; side by side the title alone was
    set at the start of its column (the DOCX centres it)."""
    import re

    path = tmp_path / "par.yaml"
    path.write_text("layout: statement\nlang: [en, ar]\ncombine: parallel\n"
                    "title: {en: Protect civilians in Sudan, ar: احموا المدنيين في السودان}\n"
                    "subtitle: {en: A joint statement, ar: بيان مشترك}\n"
                    "body:\n  - {en: Text., ar: نص.}\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(tmp_path / "par.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    lines = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>',
                       layout, re.S)
    centre = {" ".join(re.sub(r"<[^>]+>", " ", text).split()): (float(a) + float(b)) / 2
              for a, b, text in lines}
    assert abs(centre["Protect civilians in Sudan"] - centre["A joint statement"]) < 2


def test_layout_labels_count_in_their_languages_only(tmp_path: Path) -> None:
    """A layout label given only in English left a Sorani letter headed "Signatories"
    without the warning; an empty label ({en: ""}) hides it, as a plain "" does."""
    from letterpress.build import check

    path = _project(tmp_path, "extends: letter\nlabels: {signatories: {en: Endorsed by}}\n")
    path.write_text(LETTER.replace("title: A statement", "lang: ckb\ntitle: t"),
                    encoding="utf-8")
    assert any("no built-in labels in 'ckb'" in w.message for w in check(path).warnings)
    (tmp_path / "layouts" / "custom" / "layout.yaml").write_text(
        "extends: letter\nlabels: {signatories: {en: '', ckb: واژووکاران}}\n", encoding="utf-8")
    assert not check(path).warnings
    path.write_text(LETTER.replace("title: A statement", "lang: en\ntitle: t"),
                    encoding="utf-8")
    build(path, tmp_path / "out", ["txt"])
    assert "ENDORSED" not in (tmp_path / "out" / "custom.txt").read_text().upper()
    assert "SIGNATORIES" not in (tmp_path / "out" / "custom.txt").read_text().upper()


def test_side_by_side_keeps_headings_with_what_follows(tmp_path: Path) -> None:
    """Side by side the signatories' heading was left alone at the foot of page 2 and the
    list began page 3 (a letter in one language never did this)."""
    tr = "Türkiye'de gazeteciler her gün yargısal tacizle karşı karşıya. "
    en = "Journalists in Turkey face judicial harassment every day. "
    path = tmp_path / "par.yaml"
    path.write_text(
        "layout: statement\nlang: [tr, en]\ncombine: parallel\ntitle: {tr: Başlık, en: Title}\n"
        f"body:\n  - {{tr: \"{tr * 40}\", en: \"{en * 40}\"}}\n"
        f"  - {{tr: \"{tr * 22}\", en: \"{en * 22}\"}}\n"
        "signatories:\n  heading: {tr: İmzacı kuruluşlar, en: Signatory organisations}\n"
        "  members: [ARTICLE 19, PEN International, Index on Censorship]\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "par.pdf").split("\f")
    assert len(pages) > 2
    heading = next(p for p in pages if "Signatory organisations" in p)
    assert "ARTICLE 19" in heading


@pytest.mark.parametrize("combine", ["separate", "parallel"])
def test_signatories_heading_stands_apart_from_the_text_above(tmp_path: Path,
                                                               combine: str) -> None:
    """Side by side the signatories' heading came with the space under a paragraph only,
    less than under the heading itself (it read as that paragraph's): each cell holds the
    heading in the signatories' section, whose margin a one-language page has above it."""
    from conftest import pdf_words

    path = tmp_path / "par.yaml"
    path.write_text(f"lang: [en, ar]\ncombine: {combine}\n"
                    "body:\n  - {en: A final paragraph., ar: فقرة أخيرة.}\n"
                    "signatories:\n  groups:\n    - name: {en: Syrian groups, ar: مجموعات}\n"
                    "      members: [Big Heart]\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    words = pdf_words((tmp_path / ("par.pdf" if combine == "parallel" else "par.en.pdf"))
                      .read_bytes())
    top = {text: (y0, y1) for text, _, y0, _, y1 in words}
    above = top["Signatories"][0] - top["paragraph."][1]
    below = top["Syrian"][0] - top["Signatories"][1]
    assert above > 1.5 * below, (above, below)
