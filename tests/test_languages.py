"""Arabic and multilingual letters: direction, shaping order, labels, dates, combined files."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from conftest import (
    BIDI,
    docx_paragraphs,
    docx_text,
    fold,
    in_order,
    pdf_text,
    pdf_words,
    same_words,
)
from letterpress import i18n
from letterpress.build import build, check

Letter = Callable[..., Path]

ARABIC = """\
lang: ar
title: رسالة مفتوحة إلى الأمين العام
date: 2016-12-15
place: بروكسل
body:
  - نحن، المنظمات الموقعة أدناه وعددها %{count}، نقدم الخدمات الإنسانية لأكثر من خمسة ملايين سوري.
  - text: This paragraph is in English inside the Arabic letter.
    lang: en
  - demands:
      marker: "١."
      intro: "ندعو إلى:"
      items: [حماية المدنيين في حلب., إجلاء الجرحى فوراً., وقف القصف.]
signatories:
  groups:
    - name: تحالف المنظمات السورية
      members:
        - بسمة وزيتونة
        - Hand In Hand for Aid and Development
        - name: د. عامر مصري
          role: مدير
          organisation: Independent Doctors Association (IDA)
    - name: English supporters
      lang: en
      members: [Syria Solidarity UK]
contacts:
  people:
    - name: فادي ديري
      phone: "+90 539 270 38 94"
      email: fadi@example.org
      url: https://example.org/
"""
@pytest.fixture
def arabic(letter: Letter, tmp_path: Path) -> Path:
    path = letter(ARABIC)
    result = build(path, tmp_path / "out", ["pdf", "html", "txt"])
    assert not result.errors, result.errors
    return tmp_path / "out"


def test_pdf_text_is_the_arabic_in_logical_order(arabic: Path) -> None:
    text = fold(pdf_text(arabic / "test.pdf"))
    for sentence in ["رسالة مفتوحة إلى الأمين العام", "بروكسل، 15 ديسمبر 2016",
                     "نحن، المنظمات الموقعة أدناه وعددها", "نقدم الخدمات الإنسانية",
                     "الموقعون", "تحالف المنظمات السورية", "بسمة وزيتونة", "د. عامر مصري"]:
        assert fold(sentence) in text, sentence


def test_a_letter_with_its_vowel_mark_copies_out_whole(letter: Letter, tmp_path: Path) -> None:
    """An Arabic letter and the mark over it are one cluster of two glyphs; WeasyPrint gave
    the mark the letter's text and the letter none: "أُقرّت" copied out of the PDF as
    "قرت", "إِعلان" as "ِإ علان", and the mark then brought an alef wherever it was drawn."""
    path = letter("lang: ar\nbody:\n  - أُقرّت الأُمم إِعلان أَحمد مُحمد كُتب\n")
    assert not build(path, tmp_path, ["pdf"]).errors
    text = BIDI.sub("", pdf_text(tmp_path / "test.pdf")).split()
    assert text[:6] == ["أقرت", "الأمم", "إعلان", "أحمد", "محمد", "كتب"]


def test_the_allah_ligature_copies_out_in_order(letter: Letter, tmp_path: Path) -> None:
    """The font draws "لله" as one glyph; its letters came out of the PDF reversed with the
    line ("عبد اهلل"), so the name Abdullah could not be found in a signatory list."""
    path = letter("lang: ar\nbody:\n  - السيد عبد الله حسن ولله الحمد\n"
                  "signatories:\n  members:\n    - سامر عبد اللّه\n")
    assert not build(path, tmp_path, ["pdf"]).errors
    text = BIDI.sub("", pdf_text(tmp_path / "test.pdf"))
    assert text.split()[:5] == ["السيد", "عبد", "الله", "حسن", "ولله"]
    assert "سامر عبد الله" in text


def test_pointed_hebrew_copies_out_whole(letter: Letter, tmp_path: Path) -> None:
    """Hebrew points (niqqud, dagesh) are drawn raised or lowered: pdftotext split pointed
    words ("הַ ַּביִת" for "הַבַּיִת") and dropped letters' points at random."""
    path = letter("lang: he\nbody:\n  - אֵין לָנוּ לְאָן לָלֶכֶת. זֶה הַבַּיִת הַיָּחִיד שֶׁיָּדַעְנוּ.\n")
    assert not build(path, tmp_path, ["pdf"]).errors
    text = re.sub(r"[^\w\s]", "", BIDI.sub("", pdf_text(tmp_path / "test.pdf"))).split()
    assert text[:8] == ["אין", "לנו", "לאן", "ללכת", "זה", "הבית", "היחיד", "שידענו"], text


def test_an_english_note_in_an_arabic_letter_reads_left_to_right(letter: Letter,
                                                                 tmp_path: Path) -> None:
    """The note took the letter's direction: its full stop and commas stood at the wrong
    ends (".November 2023 ,Hacking in a war zone ,Access Now")."""
    path = letter("lang: ar\nbody:\n  - " + "نص طويل يملأ السطر كله. " * 20 + "[^1]\n"
                  "footnotes:\n  '1': Access Now, Hacking in a war zone, November 2023.\n")
    assert not build(path, tmp_path, ["html", "pdf", "docx"]).errors
    assert '<li id="note-1" dir="ltr">' in (tmp_path / "test.html").read_text(encoding="utf-8")
    text = " ".join(BIDI.sub("", pdf_text(tmp_path / "test.pdf")).split())
    assert "Access Now, Hacking in a war zone, November 2023." in text
    # its number hangs inside the text's left edge (it stood in the margin, left of it)
    from test_output_quality import word_boxes

    boxes = word_boxes(tmp_path / "test.pdf")
    access = next(i for i, (*_, word) in enumerate(boxes) if word == "Access")
    edge = min(x0 for x0, y0, _, _ in boxes if y0 < boxes[access][1] - 20)  # the body's
    number = min((boxes[access - 1], boxes[access + 1]), key=lambda b: abs(b[1] - boxes[access][1]))
    assert number[0] >= edge - 0.5, (number, edge)
    notes = zipfile.ZipFile(tmp_path / "test.docx").read("word/footnotes.xml").decode()
    assert re.search(r'<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="[^"]+"/>'
                     r'<w:bidi w:val="0"/>', notes)  # (the letter's paragraphs: w:bidi)


def test_mixed_direction_values_keep_their_order(arabic: Path) -> None:
    text = fold(pdf_text(arabic / "test.pdf"))
    raw = pdf_text(arabic / "test.pdf")
    assert "Hand In Hand for Aid and Development" in raw
    assert "Independent Doctors Association (IDA)" in raw
    assert "This paragraph is in English inside the Arabic letter." in raw
    assert "+90 539 270 38 94" in raw
    assert fold("Hand In Hand for Aid and Development") in text


def test_arabic_indic_markers(arabic: Path) -> None:
    text = fold(pdf_text(arabic / "test.pdf"))
    assert "١" in text and "٣" in text


def test_html_direction_and_isolation(arabic: Path) -> None:
    html = (arabic / "test.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<div lang="en" dir="ltr" class="directed">' in html
    assert 'lang="en" dir="ltr"' in html  # the English group
    assert "\u2068+90 539 270 38 94\u2069" in html
    # addresses isolated with the marks outside the link, whose target is the bare address
    assert '\u2068<a href="mailto:fadi@example.org">fadi@example.org</a>\u2069' in html
    assert '\u2068<a href="https://example.org/">https://example.org/</a>\u2069' in html
    assert "\u2068Hand In Hand for Aid and Development\u2069" in html


def test_text_keeps_logical_order(arabic: Path) -> None:
    text = (arabic / "test.txt").read_text(encoding="utf-8")
    assert "رسالة مفتوحة إلى الأمين العام" in text
    assert "بروكسل، 15\u00a0ديسمبر\u00a02016" in text  # the date unbroken
    assert "1.  \u2068بسمة وزيتونة\u2069" in text


@pytest.mark.parametrize(("lang", "label", "date"), [
    ("en", "Signatories", "15 December 2016"), ("ar", "الموقعون", "15 ديسمبر 2016"),
    ("fr", "Signataires", "15 décembre 2016"), ("es", "Firmantes", "15 de diciembre de 2016"),
    ("tr", "İmzacılar", "15 Aralık 2016"), ("de", "Unterzeichnende", "15. Dezember 2016"),
    ("fa", "امضاکنندگان", "۲۵ آذر ۱۳۹۵"), ("ur", "دستخط کنندگان", "15 دسمبر، 2016"),
    ("he", "החותמים", "15 בדצמבר 2016")])
def test_labels_and_dates_per_language(letter: Letter, tmp_path: Path, lang: str, label: str,
                                       date: str) -> None:
    path = letter(f"lang: {lang}\ntitle: t\ndate: 2016-12-15\nsignatories: [One]\n")
    build(path, tmp_path, ["pdf"])
    text = fold(pdf_text(tmp_path / "test.pdf"))
    assert fold(label) in text and fold(date) in text


@pytest.mark.parametrize(("lang", "date", "count"), [
    ("fa", "۲۵ آذر ۱۳۹۵", "۱۲"), ("ar-EG", "١٥ ديسمبر ٢٠١٦", "١٢"),
    ("ar", "15 ديسمبر 2016", "12"), ("ar-SY-u-nu-latn", "15 كانون الأول 2016", "12"),
    ("ar-u-nu-arab", "١٥ ديسمبر ٢٠١٦", "١٢"), ("fa-u-nu-latn", "25 آذر 1395", "12"),
    ("fa-IR-u-ca-gregory-nu-latn", "15 دسامبر 2016", "12")])
def test_dates_and_counts_in_the_digits_of_the_language(letter: Letter, tmp_path: Path,
                                                        lang: str, date: str,
                                                        count: str) -> None:
    """Babel writes every date with Latin digits; Persian writes ۱۵, Egyptian Arabic ١٥
    (CLDR's default numbering), Arabic itself 15. %{count} follows the date."""
    members = "".join(f"  - سازمان {chr(0x627 + n)}\n" for n in range(12))
    path = letter(f"lang: {lang}\ntitle: بیانیه\ndate: 2016-12-15\n"
                  f"body: ['%{{count}} سازمان']\nsignatories:\n{members}")
    assert not build(path, tmp_path, ["pdf", "docx", "txt"]).errors
    for text in (pdf_text(tmp_path / "test.pdf"), (tmp_path / "test.txt").read_text(),
                 "\n".join(t for _, t in docx_paragraphs(tmp_path / "test.docx"))):
        assert fold(date) in fold(text) and fold(f"{count} سازمان") in fold(text)


def test_french_writes_the_first_of_the_month_as_an_ordinal(letter: Letter,
                                                            tmp_path: Path) -> None:
    """French dates printed "1 mai 2024"; French writes the first "1er mai 2024" (only the
    first: "2 mai"), in the dateline of every format."""
    for day, date in (("2024-05-01", "1er mai 2024"), ("2024-05-02", "2 mai 2024")):
        path = letter(f"lang: fr-CA\nplace: Québec\ndate: {day}\nbody: [Texte.]\n")
        out = tmp_path / day
        assert not build(path, out, ["pdf", "docx", "html", "txt"]).errors
        for text in (pdf_text(out / "test.pdf"), (out / "test.txt").read_text(),
                     (out / "test.html").read_text(),
                     "\n".join(t for _, t in docx_paragraphs(out / "test.docx"))):
            assert f"Québec, {date}" in text.replace("\u00a0", " "), text  # (no-break)


def test_a_mixed_value_reads_with_the_letter(letter: Letter, tmp_path: Path) -> None:
    """An Arabic value opening on a Latin word ("SMEX للحقوق الرقمية", a subject "Re: ...")
    was laid out left to right from its first letter: the words came out swapped. A value
    of both scripts now runs in the letter's direction; one of a single script, its own."""
    path = letter("lang: ar\nsubject: 'Re: حالة المدافعين'\nbody: [نص.]\nsignatories:\n"
                  "  members:\n    - {name: SMEX للحقوق الرقمية, role: CEO المدير التنفيذي, "
                  "organisation: Human Rights Watch}\n")
    assert not build(path, tmp_path, ["pdf", "html"]).errors
    text = fold(pdf_text(tmp_path / "test.pdf"))
    assert fold("Re: حالة المدافعين") in text
    # (pdftotext reads "1. SMEX" as one left-to-right run, "SMEX 1.": left out)
    assert fold("للحقوق الرقمية، CEO المدير التنفيذي، Human Rights Watch") in text
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    assert "\u2067SMEX للحقوق الرقمية\u2069" in html  # RLI: the letter's direction
    assert "\u2068Human Rights Watch\u2069" in html  # FSI: its own


def test_an_emoji_name_in_an_english_letter_has_no_isolates(letter: Letter,
                                                             tmp_path: Path) -> None:
    """The variation selector after an emoji (U+FE0F) counted as right-to-left: the name
    came out as "\u2066🕊️ Peace Doves\u2069" in the text and the signatory export. In an
    Arabic letter the same name is still isolated."""
    from typer.testing import CliRunner

    from letterpress.cli import app

    name = "\U0001f54a\ufe0f Peace Doves"
    for lang, isolated in (("en", name), ("ar", f"\u2068{name}\u2069")):
        path = letter(f"lang: {lang}\nbody: [Text.]\nsignatories: ['{name}']\n", lang)
        assert not build(path, tmp_path / lang, ["txt"]).errors
        text = (tmp_path / lang / f"{lang}.txt").read_text(encoding="utf-8")
        export = CliRunner().invoke(app, ["signatories", str(path), "--format", "txt"]).output
        assert f"1.  {isolated}\n" in text and f"1. {isolated}\n" in export


@pytest.mark.parametrize("lang", ["ckb", "ps"])
def test_arabic_script_languages_without_labels_still_write_the_arabic_comma(
        letter: Letter, tmp_path: Path, lang: str) -> None:
    """Sorani and Pashto have no label set here (English labels); their comma followed the
    labels and came out "ڕەحمان غەریب, هەماهەنگکار"."""
    path = letter(f"lang: {lang}\nbody:\n  - {{quote: دەنگی خەڵکە., by: ڕەحمان غەریب, "
                  "role: هەماهەنگکار}\nsignatories:\n"
                  "  members: [{name: ڕەحمان غەریب, role: هەماهەنگکار}]\n")
    assert not build(path, tmp_path, ["txt"]).errors
    text = BIDI.sub("", (tmp_path / "test.txt").read_text(encoding="utf-8"))
    assert text.count("ڕەحمان غەریب، هەماهەنگکار") == 2 and "," not in text


def test_side_by_side_paragraphs_are_not_justified(letter: Letter, tmp_path: Path) -> None:
    """Half a page wide and unhyphenated, justified lines opened gaps of several words (and
    pdftotext read such a row out of order): side by side, text is set ragged."""
    import subprocess

    long = " ".join(["Humanitarian access must be guaranteed without obstruction."] * 6)
    path = letter(f"lang: [en, fr]\ncombine: parallel\nbody:\n  - {{en: '{long}', "
                  f"fr: '{long}'}}\n")
    assert not build(path, tmp_path, ["pdf"]).errors
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(tmp_path / "test.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    ends = [round(float(x)) for x in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" '
                                                 r'xMax="([\d.]+)"', layout)]
    left = sorted(end for end in ends if end < 300)[1:]  # the left column, but its last line
    assert len(left) >= 4 and max(left) - min(left) > 5, left


BILINGUAL = """\
lang: [en, ar]
{combine}
title: {{en: Protect civilians, ar: احموا المدنيين}}
date: 2016-12-15
body:
  - {{en: We call for action., ar: ندعو إلى التحرك.}}
  - demands:
      items:
        - {{en: First demand., ar: المطلب الأول.}}
        - {{en: Second demand., ar: المطلب الثاني.}}
signatories:
  members:
    - {{en: Big Heart, ar: القلب الكبير}}
    - Zaytoon
"""


def test_separate_files_per_language(letter: Letter, tmp_path: Path) -> None:
    path = letter(BILINGUAL.format(combine=""))
    result = build(path, tmp_path, ["pdf", "html", "txt"])
    assert not result.errors and not result.warnings
    assert sorted(p.name for p in tmp_path.glob("test.*")) == [
        "test.ar.html", "test.ar.pdf", "test.ar.txt", "test.en.html", "test.en.pdf",
        "test.en.txt"]
    ar = fold(pdf_text(tmp_path / "test.ar.pdf"))
    assert fold("احموا المدنيين") in ar and fold("القلب الكبير") in ar and "zaytoon" in ar
    assert "Protect civilians" in pdf_text(tmp_path / "test.en.pdf")


def test_sequential_one_file_each_language_on_new_page(letter: Letter, tmp_path: Path) -> None:
    path = letter(BILINGUAL.format(combine="combine: sequential"))
    build(path, tmp_path, ["pdf", "html"])
    pages = pdf_text(tmp_path / "test.pdf").split("\f")
    assert "Protect civilians" in pages[0] and fold("احموا المدنيين") not in fold(pages[0])
    assert len(pages) >= 2
    assert fold("احموا المدنيين") in fold(pages[1])
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    assert '<article class="letter head-start quote-italic" lang="ar" dir="rtl"' in html


@pytest.mark.parametrize("combine", ["sequential", "parallel"])
def test_footnote_links_stay_in_their_language(letter: Letter, tmp_path: Path,
                                               combine: str) -> None:
    """Each language numbers its notes from 1: the links of a file holding both must not
    share ids (the English "1" jumped to the Arabic note)."""
    path = letter(f"""\
        lang: [en, ar]
        combine: {combine}
        body:
          - {{en: "Text.[^1]", ar: "نص.[^1]"}}
        footnotes:
          "1": {{en: Source A., ar: المصدر أ.}}
        """)
    build(path, tmp_path, ["html"])
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="((?:note|ref)-[^"]*)"', html)
    assert sorted(ids) == ["note-ar-1", "note-en-1", "ref-ar-1", "ref-en-1"]
    assert html.index('href="#note-en-1"') < html.index('id="note-en-1"')


SIDE_BY_SIDE = {
    "en": "We write to you urgently because the demolitions in the east of the city have left "
          "whole families without a roof and we call on the government to freeze every "
          "pending order without delay",
    "fr": "Nous vous écrivons en urgence car les démolitions dans l'est de la ville ont "
          "laissé des familles entières sans toit et nous appelons le gouvernement à geler "
          "sans délai tous les ordres en attente",
    "he": "אנו פונים אליכם בדחיפות משום שההריסות במזרח העיר הותירו משפחות שלמות ללא קורת "
          "גג ואנו קוראים לממשלה להקפיא לאלתר את כל צווי ההריסה התלויים ועומדים",
    "ar": "نكتب إليكم على وجه السرعة لأن عمليات الهدم في شرق المدينة تركت عائلات بأكملها "
          "بلا مأوى ونحن ندعو الحكومة إلى تجميد جميع أوامر الهدم المعلقة دون تأخير"}


@pytest.mark.parametrize("langs", [("he", "en"), ("ar", "en"), ("en", "he"), ("fr", "en")])
def test_parallel_columns_read_paragraph_by_paragraph(letter: Letter, tmp_path: Path,
                                                      langs: tuple[str, str]) -> None:
    """Side by side, a Hebrew or Arabic first language set both columns at the
    right-to-left body's line spacing, 1.53 em: over the 1.5 em within which pdftotext joins
    lines into one block, and it read the columns a line of each in turn. Both languages
    now take the layout's spacing whichever comes first, and each paragraph reads whole."""
    body = ", ".join(f"{lang}: {SIDE_BY_SIDE[lang]}" for lang in langs)
    path = letter(f"lang: [{', '.join(langs)}]\ncombine: parallel\ntitle: t\n"
                  f"body:\n  - {{{body}}}\n")
    result = build(path, tmp_path, ["pdf"])
    assert not result.errors, result.errors
    text = fold(pdf_text(tmp_path / "test.pdf"))
    for lang in langs:
        assert fold(SIDE_BY_SIDE[lang]) in text, lang


def test_parallel_aligns_blocks_and_demands(letter: Letter, tmp_path: Path) -> None:
    path = letter(BILINGUAL.format(combine="combine: parallel"))
    build(path, tmp_path, ["pdf", "html"])
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    second = next(r for r in rows if "Second demand." in r)
    assert "المطلب الثاني." in second and "First demand." not in second
    assert '<td lang="ar" dir="rtl">' in second
    text = fold(pdf_text(tmp_path / "test.pdf"))
    assert fold("Second demand.") in text and fold("المطلب الثاني.") in text


def test_parallel_aligns_a_list_written_in_one_language_item_by_item(letter: Letter,
                                                                      tmp_path: Path) -> None:
    """A demands block with its own ``lang`` is that language's list in every column (in the
    Arabic column a block in English): the DOCX set it item by item beside the other, the
    PDF/HTML as one cell, so its demands stood apart from each other's translation."""
    path = letter(BILINGUAL.format(combine="combine: parallel").replace(
        "  - demands:\n", "  - lang: en\n    demands:\n").replace(
        "{en: First demand., ar: المطلب الأول.}", "First demand.").replace(
        "{en: Second demand., ar: المطلب الثاني.}", "Second demand."))
    build(path, tmp_path, ["html", "docx"])
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    second = next(r for r in rows if "Second demand." in r)
    assert second.count("Second demand.") == 2 and "First demand." not in second
    assert '<ol class="demands depth-0" lang="en" dir="ltr" style=' in second
    table = docx.Document(str(tmp_path / "test.docx")).tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert any(all("Second demand." in text and "First demand." not in text for text in row)
               for row in cells)


def test_parallel_aligns_the_notes_note_by_note(letter: Letter, tmp_path: Path) -> None:
    """Side by side the notes were one row: a longer note 1 in one language pushed its note 2
    down, and at a page's foot the Arabic heading and note 1 printed on page 3, the English
    ones on page 4. The heading is a row kept with the first note, each note a row."""
    long = "See the report of the Group of Eminent Experts, paragraph twelve. " * 4
    path = letter("lang: [ar, en]\ncombine: parallel\ntitle: {ar: رسالة, en: Letter}\n"
                  "body:\n  - {ar: 'نص.[^1] نص.[^2]', en: 'Text.[^1] Text.[^2]'}\n"
                  f"footnotes:\n  '1': {{ar: انظر التقرير., en: '{long}'}}\n"
                  "  '2': {ar: بحسب مشروع مسام., en: According to Project Masam.}\n")
    assert not build(path, tmp_path, ["pdf", "html"]).errors
    words = {word: (y0 + y1) / 2 for word, _, y0, _, y1 in
             pdf_words((tmp_path / "test.pdf").read_bytes())}
    masam = words.get("مسام.", words.get(".ماسم"))  # pdftotext's boxes: in drawing order
    assert masam is not None and abs(masam - words["Masam."]) < 3, words
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    heading = re.search(r'<tr class="keep-with-next">(?:(?!</tr>).)*Notes</h2>', html, re.S)
    assert heading and "ملاحظات" in heading[0] and "Eminent" not in heading[0]


def test_missing_translation_warns_with_field_and_line(letter: Letter) -> None:
    path = letter("lang: [en, ar]\ntitle: {en: Hello}\nbody:\n  - {en: Text, ar: نص}\n")
    warnings = check(path).warnings
    assert [(w.line, w.message) for w in warnings] == [
        (2, "title: no 'ar' text; the 'en' text is used")]


def test_script_without_shipped_font_warns(letter: Letter) -> None:
    path = letter("title: Բարեւ\nbody: [שלום]\n")  # Armenian: not shipped; Hebrew is
    warnings = check(path).warnings
    assert len(warnings) == 1
    assert "no Armenian characters" in warnings[0].message and warnings[0].line == 1


@pytest.mark.parametrize("display", ["list", "columns"])
def test_right_to_left_signatory_lists_stay_inside_the_text_area(tmp_path: Path,
                                                                 display: str) -> None:
    """WeasyPrint 70 applies text-indent on the left of right-to-left lines, so the hanging
    indent of a numbered list indented the whole Arabic list from the right edge and widened
    each first line past the left edge (into the margin, or towards the next column).
    Right-to-left lists now start at the edge with no hanging indent."""
    import subprocess

    name = "منظمة الدفاع المدني السوري للإغاثة والتنمية في الشمال السوري وما حوله من المناطق"
    members = "".join(f"    - {name if n % 2 else 'بسمة وزيتونة'}\n" for n in range(24))
    (tmp_path / "l.yaml").write_text(f"lang: ar\ntitle: رسالة\nsignatories:\n"
                                     f"  display: {display}\n  members:\n{members}")
    result = build(tmp_path / "l.yaml", tmp_path / "out", ["pdf"])
    assert not result.errors, result.errors
    xml = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "out" / "l.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml).group(1))  # type: ignore[union-attr]
    boxes = [(float(a), float(b), text) for a, b, text in re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', xml)]
    right = max(b for _, b, _ in boxes)  # the text area's right edge (the title, the list)
    numbers = [(a, b) for a, b, text in boxes if re.fullmatch(r"\.\d+", text)]
    assert len(numbers) == 24
    assert min(a for a, _, _ in boxes) >= width - right - 1  # margins are the same each side
    # the first column's numbers at the right edge, "1." padded to the width of "24."
    # (render/number_column.py), so they end (on their left) in one line
    first = [(a, b) for a, b in numbers if b > right - 15]
    assert first and max(b for _, b in numbers) >= right - 7
    assert max(a for a, _ in first) - min(a for a, _ in first) < 0.5


@pytest.mark.parametrize(("lang", "members"), [
    ("ar", [("ليلى خليل", "محامية"), ("سامر حداد", "صحفي")]),
    ("ur", [("عاصمہ جہانگیر فاؤنڈیشن", "لاہور"), ("ڈاکٹر مہدی حسن", "صحافی"),
            ("حنا جیلانی", "وکیل")]),
    ("he", [("דנה כהן", "עורכת דין"), ("יוסי לוי", "עיתונאי")])])
def test_right_to_left_signature_blocks_read_in_order(letter: Letter, tmp_path: Path,
                                                      lang: str,
                                                      members: list[tuple[str, str]]) -> None:
    """The page number centred below a row of signature blocks sits in the gap between them
    (6 % of the width, 28 pt; "1 / 1" is 17 pt) and joined both blocks' reading areas in
    pdftotext, which then read the row left first: member 2 before member 1 in Arabic. The
    second of a row sits 0.0001px lower, the same drawing to 0.001 pt."""
    rows = "".join(f"    - {{name: {name}, role: {role}}}\n" for name, role in members)
    path = letter(f"lang: {lang}\ntitle: بيان\nsignatories:\n  display: signature\n"
                  f"  members:\n{rows}")
    result = build(path, tmp_path / "out", ["pdf"])
    assert not result.errors, result.errors
    text, at = fold(pdf_text(tmp_path / "out" / "test.pdf")), 0
    for number, (name, role) in enumerate(members, 1):
        found = text.find(fold(name) + fold(role), at)
        assert found >= 0, f"member {number} not after position {at}"
        at = found + 1
    level = tmp_path / "layouts" / "level"
    level.mkdir(parents=True)
    (level / "layout.yaml").write_text("extends: letter\n", encoding="utf-8")
    (level / "style.css").write_text(".signature:nth-child(even) { top: 0; }\n")
    assert not build(path, tmp_path / "level", ["pdf"], layout="level").errors
    staggered = (tmp_path / "out" / "test.pdf").read_bytes()
    assert staggered != (tmp_path / "level" / "test.pdf").read_bytes()
    same_words(staggered, (tmp_path / "level" / "test.pdf").read_bytes())


def test_lang_on_every_kind_of_body_block(letter: Letter, tmp_path: Path) -> None:
    """The format's "lang on a body block": pictures, rules and page breaks take it too."""
    from PIL import Image

    path = letter("lang: ar\ntitle: ت\nbody:\n"
                  "  - {image: p.png, caption: English caption, lang: en}\n"
                  "  - {rule: true, lang: en}\n  - {page_break: true, lang: en}\n  - نص\n")
    Image.new("RGB", (20, 10), "navy").save(path.parent / "p.png")
    result = build(path, tmp_path / "out", ["html", "docx"])
    assert not result.errors, result.errors
    html = (tmp_path / "out" / "test.html").read_text(encoding="utf-8")
    directed = html.split('<div lang="en" dir="ltr" class="directed">', 1)[1]
    assert directed.index("English caption") < directed.index("</div>")


def test_pictures_in_right_to_left_letters(letter: Letter, tmp_path: Path) -> None:
    """WeasyPrint 70 put a narrower figure off the page in right-to-left text and failed on
    an SVG with only a viewBox there: a sized picture is centred in the text, and such an
    SVG fills the text width, as in a left-to-right letter."""
    from PIL import Image

    path = letter("lang: ar\ntitle: ت\nbody:\n  - image: p.png\n    width: 30%\n"
                  "  - page_break: true\n  - image: v.svg\n")
    Image.new("RGB", (100, 50), (0, 0, 128)).save(path.parent / "p.png")
    (path.parent / "v.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
                                       '100 50"><rect width="100" height="50" fill="#008000"/>'
                                       "</svg>")
    result = build(path, tmp_path / "out", ["png", "docx"], dpi=40)
    assert not result.errors, result.errors
    text_left, text_right = 24 / 25.4 * 40, (210 - 24) / 25.4 * 40  # the letter layout's
    for number, colour in ((1, (0, 0, 128)), (2, (0, 128, 0))):
        picture = Image.open(tmp_path / "out" / f"test-{number}.png").convert("RGB")
        columns = [x for x in range(picture.width)
                   if any(picture.getpixel((x, y)) == colour for y in range(0, picture.height, 2))]
        left, right = min(columns), max(columns)
        width = (text_right - text_left) * (0.3 if number == 1 else 1)
        assert abs((left + right) / 2 - (text_left + text_right) / 2) <= 2
        assert abs(right - left - width) <= 3


def test_a_right_to_left_quote_keeps_its_gap_from_the_bar(letter: Letter, tmp_path: Path) -> None:
    """The quote's padding is on the side of its bar (inline start), in Arabic the right."""
    import subprocess

    path = letter("lang: ar\ntitle: ت\nbody:\n  - نص الرسالة الأول هنا\n"
                  "  - quote: لقد استنفدنا كل خيارات حماية المدنيين\n")
    assert not build(path, tmp_path / "out", ["pdf"]).errors
    xml = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "out" / "test.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines: dict[float, float] = {}  # each line's right edge (pdftotext's words are visual)
    for y, x in re.findall(r'yMin="([\d.]+)" xMax="([\d.]+)"', xml):
        lines[float(y)] = max(lines.get(float(y), 0.0), float(x))
    _title, body, quote = sorted(lines.items())[:3]
    assert body[1] - quote[1] > 12  # 5 mm in from the text's right edge, the bar beside


def test_plain_text_uses_each_parts_comma(letter: Letter, tmp_path: Path) -> None:
    """As the PDF and the DOCX: an English group in an Arabic letter is written with ", ",
    an Arabic quote's attribution with the Arabic comma."""
    path = letter("lang: ar\ntitle: ت\nbody:\n  - quote: نص\n    by: رائد الصالح\n"
                  "    role: مدير\nsignatories:\n  groups:\n    - name: Supporters\n"
                  "      lang: en\n      members: [{name: Jane Smith, country: UK}]\n")
    assert not build(path, tmp_path / "out", ["txt"]).errors
    text = BIDI.sub("", (tmp_path / "out" / "test.txt").read_text(encoding="utf-8"))
    assert "— رائد الصالح، مدير" in text and "Jane Smith, UK" in text


def test_vowel_marks_keep_pdf_lines_whole(letter: Letter, tmp_path: Path) -> None:
    """A raised Arabic vowel mark (the tanween of عموماً, a shadda) is drawn but not part of
    the PDF's text: read by position, it was a line of its own that split the line around
    it in two, the halves swapped."""
    text = ("عُقد المؤتمر الثامن حول دعم مستقبل سوريا والمنطقة في بروكسل في الفترة بين 12 و14 "
            "آذار 2024، برئاسة مشتركة من الاتحاد الأوروبي والأمم المتحدة. ونحن، المنظمات "
            "الموقعة أدناه، نرحب بنتائج المؤتمر عموماً، ونسجل في الوقت ذاته ملاحظاتنا "
            "التالية حول عمّان.")
    path = letter(f"lang: ar\nbody:\n  - {text}\n")
    result = build(path, tmp_path / "out", ["pdf"])
    assert not result.errors, result.errors
    raw = pdf_text(tmp_path / "out" / "test.pdf")
    assert fold("المنظمات الموقعة أدناه، نرحب بنتائج المؤتمر عموماً، ونسجل في الوقت ذاته "
                "ملاحظاتنا التالية حول عمّان") in fold(raw)
    assert "\u064b" not in raw and "\u0651" not in raw  # drawn, not extracted


def test_stand_ins_keep_their_own_direction(letter: Letter, tmp_path: Path) -> None:
    """A missing translation's stand-in, or one text for both languages, is set in its own
    direction: the English title's "!" stays at its end in the Arabic version, the English
    quote stands left-to-right with its bar."""
    path = letter("""\
        lang: [en, ar]
        title: {en: "Stop the executions in Iraq!"}
        body:
          - {en: Text., ar: نص.}
          - quote: {en: "Justice is not revenge."}
            by: {en: Jane Doe, ar: جين دو}
        closing: "Sincerely,"
        """)
    result = build(path, tmp_path / "out", ["html", "txt"])
    assert not result.errors, result.errors
    html = (tmp_path / "out" / "test.ar.html").read_text(encoding="utf-8")
    assert "\u2068Stop the executions in Iraq!\u2069</h1>" in html
    assert "<title>Stop the executions in Iraq!</title>" in html  # metadata without marks
    assert "\u2068Sincerely,\u2069" in html
    assert re.search(r'<div lang="en" dir="ltr" class="directed">\s*<blockquote>\s*'
                     r"<p[^>]*>Justice is not revenge\.</p>", html), html
    english = (tmp_path / "out" / "test.en.html").read_text(encoding="utf-8")
    assert "\u2068" not in english  # the English version is as written


@pytest.mark.parametrize(("lang", "quote"), [
    ("ar", '{en: "Hello", ar: ""}'), ("he", '{en: "Hello", he: ""}'), ("ar", '{en: ""}'),
    ("[en, ar]", '{en: ""}'), ("[en, he]", '{en: " "}'), ("[en, ar]", '{en: "Hello", ar: ""}')])
def test_an_empty_quote_in_a_right_to_left_version_builds(letter: Letter, tmp_path: Path,
                                                          lang: str, quote: str) -> None:
    """A quote whose text in the version's language is empty, or whose stand-in from a
    language of the other direction is, ended in an IndexError traceback in the view."""
    path = letter(f"lang: {lang}\ntitle: T\nbody: [{{quote: {quote}}}, Text.]\n")
    result = build(path, tmp_path / "out", ["html", "txt", "docx"])
    assert not result.errors, result.errors


@pytest.mark.parametrize("combine", ["separate", "parallel"])
def test_a_stand_in_item_keeps_its_number_line(letter: Letter, tmp_path: Path,
                                               combine: str) -> None:
    """A demand with no Arabic text stands in English on its number's line in the Arabic
    version, in its own direction (isolated, its full stop at its end): it stood as a block
    of its own under a "2." left alone, in every format."""
    path = letter(f"""\
        lang: [en, ar]
        combine: {combine}
        title: {{en: Title, ar: عنوان}}
        body:
          - demands:
              items:
                - {{en: First demand., ar: المطلب الأول.}}
                - en: "Guarantee safe passage, see <https://example.org/x>.\\n\\nSecond paragraph."
        """)
    result = build(path, tmp_path / "out", ["html", "txt", "docx"])
    assert not result.errors, result.errors
    name = "test.ar" if combine == "separate" else "test"
    html = (tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8")
    assert '<li><p><span class="marker">2.</span><span lang="en" dir="ltr">Guarantee safe ' \
        'passage, see <a href="https://example.org/x">https://example.org/x</a>.</span></p>' \
        '<div lang="en" dir="ltr" class="directed"><p class="body">Second paragraph.</p>' in html
    txt = (tmp_path / "out" / f"{name}.txt").read_text(encoding="utf-8")
    assert "2.  \u2066Guarantee safe passage, see https://example.org/x.\u2069\n" in txt, txt
    numbered = [line for line in docx_text(tmp_path / "out" / f"{name}.docx").splitlines()
                if "Guarantee" in line]
    assert numbered[-1] == "2. Guarantee safe passage, see https://example.org/x.\u200e"
    # its runs are English to Word's proofing (they took the Arabic page's language), and a
    # second paragraph of it stands under the item's text, in its own direction
    xml = zipfile.ZipFile(tmp_path / "out" / f"{name}.docx").read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml)
    english = [p for p in paragraphs if "Guarantee" in p or "Second paragraph" in p]
    assert len(english) == (2 if combine == "separate" else 4)  # (parallel: en too)
    for p in english[-2:]:
        assert set(re.findall(r'w:lang w:val="([^"]+)"', p)) == {"en"}, p
    assert 'w:pStyle w:val="ListContinue"' in english[-1] and "<w:ind w:left=" in english[-1]


def test_a_member_url_is_printed_once_in_right_to_left(letter: Letter, tmp_path: Path) -> None:
    """A signatory's web address in an Arabic letter is isolated outside its link: inside,
    the link's text was no longer its address, and the TXT printed both
    ("FSI https://www.hrw.org PDI <https://www.hrw.org>")."""
    path = letter("""\
        lang: ar
        title: بيان
        signatories:
          members:
            - {name: هيومن رايتس ووتش, url: https://www.hrw.org}
            - {name: Human Rights Watch, url: https://www.hrw.org}
        """)
    result = build(path, tmp_path / "out", ["html", "txt"])
    assert not result.errors, result.errors
    txt = (tmp_path / "out" / "test.txt").read_text(encoding="utf-8")
    assert "1.  \u2068هيومن رايتس ووتش\u2069، \u2068https://www.hrw.org\u2069\n" in txt, txt
    assert "2.  \u2068Human Rights Watch, https://www.hrw.org\u2069\n" in txt, txt
    html = (tmp_path / "out" / "test.html").read_text(encoding="utf-8")
    assert html.count('<a href="https://www.hrw.org">https://www.hrw.org</a>') == 2, html


@pytest.mark.parametrize(("lang", "member", "line"), [
    ("ar", "{name: Dr Amer Masri, role: Director, organisation: Independent Doctors Association}",
     "Dr Amer Masri, Director, Independent Doctors Association"),
    ("en", "{name: رائد الصالح, role: مدير, organisation: الدفاع المدني السوري}",
     "رائد الصالح، مدير، الدفاع المدني السوري"),
])
def test_a_member_written_in_the_other_script_reads_as_written(
        letter: Letter, tmp_path: Path, lang: str, member: str, line: str) -> None:
    """An English signatory with role and organisation in an Arabic list (and the other way
    round) is one line in its own direction with its own comma: isolated field by field,
    it read backwards ("Independent Doctors Association ,Director ,Dr Amer Masri")."""
    path = letter(f"lang: {lang}\ntitle: t\nsignatories:\n  members:\n"
                  f"    - {member}\n    - {{name: Mixed, organisation: منظمة}}\n")
    result = build(path, tmp_path / "out", ["pdf", "docx", "txt", "html"])
    assert not result.errors, result.errors
    out = tmp_path / "out"
    assert f"\u2068{line}\u2069" in (out / "test.txt").read_text(encoding="utf-8")
    assert f"\u2068{line}\u2069" in (out / "test.html").read_text(encoding="utf-8")
    assert fold(line) in fold(pdf_text(out / "test.pdf"))  # (pdftotext moves spaces)
    assert any(BIDI.sub("", text).endswith(line) for _, text in docx_paragraphs(out / "test.docx"))


def test_the_comma_is_decided_once(letter: Letter, tmp_path: Path) -> None:
    """A labels sep reaches the lists of every format (HTML chose its own), and a quote in
    another language is attributed with that language's comma in every format."""
    path = letter("""\
        title: t
        labels: {sep: " / "}
        body:
          - quote: نص
            by: رائد الصالح
            role: مدير
            lang: ar
        signatories:
          members: [{name: Jane Doe, organisation: Org A, country: France}]
        """)
    result = build(path, tmp_path / "out", ["docx", "txt", "html"])
    assert not result.errors, result.errors
    out = tmp_path / "out"
    texts = [(out / "test.txt").read_text(encoding="utf-8"),
             re.sub("<[^>]+>", "", (out / "test.html").read_text(encoding="utf-8")),
             "\n".join(text for _, text in docx_paragraphs(out / "test.docx"))]
    for text in texts:
        assert "Jane Doe / Org A / France" in text
        assert "رائد الصالح، مدير" in BIDI.sub("", text)


def test_sequential_page_numbers_run_with_each_letter(letter: Letter, tmp_path: Path) -> None:
    """Arabic first, then English: the English pages' numbers read "2 / 3" (they ran right
    to left with the document, "3 / 2"); the Arabic page's in its own direction."""
    long = " ".join(["The coalition calls for the protection of civilians."] * 40)
    path = letter("lang: [ar, en]\ncombine: sequential\ntitle: {ar: بيان, en: Statement}\n"
                  f"body:\n  - {{ar: نص قصير., en: '{long}'}}\n"
                  f"  - {{ar: نص., en: '{long}'}}\n  - {{ar: نص., en: '{long}'}}\n")
    result = build(path, tmp_path / "out", ["pdf"])
    assert not result.errors, result.errors
    pages = pdf_text(tmp_path / "out" / "test.pdf").split("\f")
    assert len(pages[:-1]) == 3
    assert re.search(r"2\s*/\s*3\s*$", BIDI.sub("", pages[1]).strip())
    assert re.search(r"3\s*/\s*1\s*$", BIDI.sub("", pages[0]).strip())  # (visual order)


def test_running_title_skips_the_page_each_language_starts_on(letter: Letter,
                                                             tmp_path: Path) -> None:
    """The title in the top margin is left out where the title itself is printed: page 1,
    and in a sequential file the first page of each later language (it printed "Statement"
    above the Arabic title); side by side, the pages after the first carry the file's
    title, as the DOCX's header does."""
    long_en = " ".join(["The coalition calls for the protection of civilians."] * 60)
    long_ar = " ".join(["يدعو التحالف إلى حماية المدنيين في كل مكان."] * 60)
    body = "body:\n" + f"  - {{en: '{long_en}', ar: '{long_ar}'}}\n" * 2
    path = letter("lang: [en, ar]\ncombine: sequential\n"
                  "title: {en: Open Statement, ar: بيان مفتوح}\n" + body)
    result = build(path, tmp_path / "seq", ["pdf"])
    assert not result.errors, result.errors
    pages = [fold(page) for page in pdf_text(tmp_path / "seq" / "test.pdf").split("\f")[:-1]]
    starts = [i for i, page in enumerate(pages) if fold("بيان مفتوح") in page]
    first_ar = starts[0]
    assert first_ar >= 2 and len(pages) >= first_ar + 2, len(pages)
    assert [page.count(fold("Open Statement")) for page in pages[:first_ar]] == [1] * first_ar
    assert fold("Open Statement") not in pages[first_ar]  # (was its running title)
    assert pages[first_ar].count(fold("بيان مفتوح")) == 1
    assert all(page.count(fold("بيان مفتوح")) == 1 for page in pages[first_ar:])
    path = letter("lang: [en, ar]\ncombine: parallel\n"
                  "title: {en: Open Statement, ar: بيان مفتوح}\n" + body)
    result = build(path, tmp_path / "par", ["pdf"])
    assert not result.errors, result.errors
    pages = [fold(page) for page in pdf_text(tmp_path / "par" / "test.pdf").split("\f")[:-1]]
    assert len(pages) >= 2 and pages[0].count(fold("Open Statement")) == 1
    assert all(fold("Open Statement") in page and fold("بيان مفتوح") not in page
               for page in pages[1:])


@pytest.mark.parametrize("langs", ["[en, ar]", "[ar, en]"])
def test_parallel_rule_between_the_languages(letter: Letter, tmp_path: Path,
                                             langs: str) -> None:
    """The hairline between the columns stands between them, whichever language comes
    first (an Arabic cell's "start" side is its right: the rule was on the page edge)."""
    from PIL import Image

    body = "".join(f"  - {{en: English paragraph number {n} of the statement., "
                   f"ar: الفقرة العربية رقم {n} من البيان.}}\n" for n in range(12))
    path = letter(f"lang: {langs}\ncombine: parallel\nbody:\n{body}")
    result = build(path, tmp_path / "out", ["png"], dpi=72)
    assert not result.errors, result.errors
    image = Image.open(tmp_path / "out" / "test-1.png").convert("L")
    width, height = image.size
    pixels = image.load()
    band = range(height // 10, height // 2)
    rules = [x for x in range(width)
             if sum(1 for y in band if pixels[x, y] < 245) > 0.9 * len(band)]
    assert rules and all(0.4 * width < x < 0.6 * width for x in rules), rules


@pytest.mark.parametrize(("lang", "heading"), [
    ("ru", "Подписавшие"), ("uk", "Підписанти"), ("pl", "Sygnatariusze"),
    ("pt-BR", "Signatários"), ("it", "Firmatari"), ("nl", "Ondertekenaars"),
    ("id", "Penanda tangan"), ("sw", "Waliotia saini")])
def test_labels_in_more_languages(letter: Letter, lang: str, heading: str) -> None:
    path = letter(f"lang: {lang}\ntitle: t\nsignatories:\n  members: [A]\n")
    assert not check(path).warnings
    from letterpress.build import pages
    from letterpress.load import load

    page = pages(load(path))[0]
    assert page.signatories is not None and page.signatories.heading is not None
    assert page.signatories.heading[0].text == heading


def test_a_language_without_labels_warns_which_print_in_english(letter: Letter) -> None:
    path = letter("lang: [ckb, en]\ntitle: {ckb: ناونیشان, en: Title}\n"
                  "body: ['text[^1]']\nsignatories:\n  members: [A]\n"
                  "footnotes: {'1': note}\n")
    warnings = [w.message for w in check(path).warnings]
    assert warnings == ["lang: no built-in labels in 'ckb': signatories (Signatories), "
                        "footnotes (Notes) print in English; give them under labels:"]
    path = letter("lang: ckb\ntitle: t\nsignatories:\n  heading: واژووکاران\n  members: [A]\n")
    assert not check(path).warnings
    path = letter("lang: [ckb, en]\ntitle: {ckb: t, en: t}\nsignatories:\n  members: [A]\n"
                  "labels: {signatories: {en: Endorsed by}}\n")  # English only: ckb's stays
    assert [w.message for w in check(path).warnings] == [
        "lang: no built-in labels in 'ckb': signatories (Signatories) print in English; "
        "give them under labels:"]


def test_a_text_in_a_language_the_letter_is_not_in_warns(letter: Letter) -> None:
    """`de:` written where `fr:` was meant was dropped without a word."""
    path = letter("lang: [en, fr]\ntitle: {en: Hello, de: Bonjour}\nbody: [x]\n")
    assert [(w.line, w.col, w.message) for w in check(path).warnings] == [
        (2, 8, "title: no 'fr' text; the 'en' text is used"),
        (2, 20, "title.de: 'de' is not one of the letter's languages (en, fr); this text is "
                "never printed")]


def test_a_letter_of_one_language_warns_where_its_own_text_is_missing(letter: Letter) -> None:
    """With `lang: fr`, `subtitle: {en: ..., de: ...}` printed the English without a word
    (`lang: [fr, en]` warned); a map with the French text keeps its others for later, one
    without prints none of them (none is in a language of the letter)."""
    path = letter("lang: fr\ntitle: {en: Open letter, fr: Lettre ouverte}\n"
                  "subtitle: {en: Signed, de: Unterzeichnet}\nbody: [x]\n")
    assert [(w.line, w.col, w.message) for w in check(path).warnings] == [
        (3, 12, "subtitle.en: 'en' is not one of the letter's languages (fr); this text is "
                "never printed"),
        (3, 24, "subtitle.de: 'de' is not one of the letter's languages (fr); this text is "
                "never printed")]


def test_a_text_in_no_language_of_the_letter_is_never_printed(letter: Letter,
                                                              tmp_path: Path) -> None:
    """`closing: {de: ...}` in a letter in English and French ended both versions in German,
    warning "no 'en' text; the 'de' text is used", though a text in a language the letter
    is not in is never printed: only a language listed in `lang` stands in. A line written
    "" in a language is none there, whichever language comes first (the Ukrainian took the
    English second line)."""
    path = letter("lang: [en, fr]\ntitle: {en: Title, fr: Titre}\n"
                  "closing: {de: Mit freundlichen Grüßen}\n"
                  "subtitle: {fr: Sous-titre, ar: عنوان}\n")
    result = build(path, tmp_path, ["txt"])
    assert [w.message for w in result.warnings] == [
        "closing.de: 'de' is not one of the letter's languages (en, fr); this text is never "
        "printed",
        "subtitle: no 'en' text; the 'fr' text is used",
        "subtitle.ar: 'ar' is not one of the letter's languages (en, fr); this text is never "
        "printed"]
    for lang in ("en", "fr"):
        text = (tmp_path / f"test.{lang}.txt").read_text(encoding="utf-8")
        assert "Gr" not in text and "Sous-titre" in text and "عنوان" not in text
    path = letter("lang: [en, uk]\ntitle: {en: T, uk: Т}\ncontacts:\n  people:\n"
                  "    - {name: P, role: {en: [Director, Kyiv office], uk: [Директор]}}\n")
    assert not build(path, tmp_path, ["txt"]).warnings
    assert "Kyiv" not in (tmp_path / "test.uk.txt").read_text(encoding="utf-8")


def test_labels_named_like_a_language_are_no_text_per_language(letter: Letter) -> None:
    """`labels: {to: ...}` read as a text given in Tongan ('to') alone: "labels: no 'en'
    text; the 'to' text is used"; a label given per language is still checked."""
    path = letter('title: t\nlabels: {to: "Dear friends,"}\nbody: [x]\n')
    assert not check(path).warnings
    path = letter('lang: [en, ar]\ntitle: {en: t, ar: ت}\nlabels: {to: {en: "To:", de: An}}\n'
                  "body: [{en: x, ar: س}]\n")
    assert [w.message for w in check(path).warnings] == [
        "labels.to.de: 'de' is not one of the letter's languages (en, ar); this text is "
        "never printed"]


def test_a_label_given_for_some_languages_leaves_the_others_theirs(
        letter: Letter, tmp_path: Path) -> None:
    """`labels: {contacts: {en: Press}}` headed the French version "PRESS", with "no 'fr'
    text; the 'en' text is used": a label is no text to stand in for a translation; a
    language the override leaves out keeps its built-in label, as with a layout's."""
    path = letter("lang: [en, fr]\ntitle: {en: Labels, fr: Étiquettes}\nbody: [Text]\n"
                  "cc: [Someone]\ncontacts:\n  people: [{name: P, email: p@example.org}]\n"
                  'labels:\n  contacts: {en: Press}\n  cc: {fr: "Copie :"}\n')
    result = build(path, tmp_path, ["txt"])
    assert not result.errors and not result.warnings
    english = (tmp_path / "test.en.txt").read_text(encoding="utf-8")
    french = (tmp_path / "test.fr.txt").read_text(encoding="utf-8")
    assert "PRESS" in english and "cc:" in english and "Copie" not in english
    assert "CONTACTS PRESSE" in french and "Copie :" in french and "PRESS\n" not in french


def test_a_note_mark_never_starts_a_line(letter: Letter, tmp_path: Path) -> None:
    """A line could break between a sentence's full stop and its note mark (the mark
    started the next line of a Persian paragraph): a word joiner holds them together."""
    path = letter("lang: fa\nbody: ['ابراز می‌کنیم.[^1] بر اساس']\nfootnotes: {'1': x}\n")
    build(path, tmp_path, ["html"])
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    assert 'می‌کنیم.&#8288;<sup class="note-ref">' in html  # U+2060 WORD JOINER


def test_persian_numbers_lists_and_pages_in_persian_digits(letter: Letter,
                                                           tmp_path: Path) -> None:
    """Persian dates and counts were in Persian digits, but demand and signatory numbers and
    page numbers stayed Latin; an English part keeps Latin digits."""
    path = letter("""\
        lang: fa
        title: نامه
        body:
          - demands: [آزادی زندانیان, توقف اعدام‌ها]
          - demands: [One, Two]
            lang: en
        signatories:
          groups:
            - members: [علی, رضا]
            - lang: en
              members: [Jane]
        """)
    build(path, tmp_path, ["txt", "pdf", "docx"])
    text = (tmp_path / "test.txt").read_text(encoding="utf-8")
    for line in ("۱.  آزادی زندانیان", "۲.  توقف اعدام‌ها", "1.  One", "2.  Two",
                 "۱.  \u2068علی", "۲.  \u2068رضا", "3.  \u2068Jane"):
        assert line in text, text
    assert "۱/۱" in pdf_text(tmp_path / "test.pdf")  # the page number
    paragraphs = [text for _, text in docx_paragraphs(tmp_path / "test.docx")]
    assert any(p.startswith("۱.") for p in paragraphs), paragraphs


def test_persian_note_marks_in_persian_digits(letter: Letter, tmp_path: Path) -> None:
    """Note marks stayed Latin ("نامه 1") among Persian digits in the PDF, HTML and text;
    the DOCX's are Word's own footnote numbers, in the digits Word shows them in."""
    path = letter("lang: fa\nbody: ['ما امضاکنندگان این نامه[^1] هستیم.']\n"
                  "footnotes: {'1': گزارش عفو بین‌الملل، ۲۰۲۵.}\n")
    assert not build(path, tmp_path, ["txt", "pdf", "html"]).errors
    text = (tmp_path / "test.txt").read_text(encoding="utf-8")
    assert "نامه[۱] هستیم" in text and "[۱] گزارش" in text, text
    pdf = fold(pdf_text(tmp_path / "test.pdf"))
    assert fold("نامه ۱ هستیم") in pdf and fold("۱ گزارش عفو") in pdf, pdf
    assert "1" not in BIDI.sub("", pdf_text(tmp_path / "test.pdf"))


def test_an_english_contact_in_arabic_is_isolated_once(letter: Letter, tmp_path: Path) -> None:
    path = letter("lang: ar\ntitle: بيان\ncontacts:\n  people:\n    - name: Aya Majzoub\n"
                  "      email: press@example.org\n")
    build(path, tmp_path, ["txt"])
    text = (tmp_path / "test.txt").read_text(encoding="utf-8")
    assert "\u2068Aya Majzoub\u2069" in text and "\u2068\u2068" not in text


def test_brackets_copy_out_right_in_both_directions(letter: Letter, tmp_path: Path) -> None:
    """Arabic text took its brackets from the body font, the "(" drawn as ")" right to left;
    the PDF maps a glyph to one character, so English brackets elsewhere copied out
    reversed: "Some text )in brackets( here". Right-to-left brackets have glyphs of their own."""
    path = letter("lang: ar\nbody:\n  - نص (بين قوسين) هنا.\n"
                  "  - text: Some text (in brackets) here.\n    lang: en\n")
    build(path, tmp_path, ["pdf"])
    text = pdf_text(tmp_path / "test.pdf")
    assert "Some text (in brackets) here." in text
    assert "(بين قوسين)" in text


def test_a_space_beside_a_bracket_is_as_wide_as_the_others(letter: Letter,
                                                          tmp_path: Path) -> None:
    """Pango may set the space between a bracket and a word in the brackets' font, which had
    no space: its missing glyph printed more than twice as wide ("(رصد)" in the letterhead:
    6.21 pt apart from its words, 2.67 between the others; 5.20 pt for 2.32 between ")" and
    a dash). Arabic spaces there are Naskh's, Hebrew and Latin ones the Latin font's."""
    path = letter("lang: ar\nfrom:\n  name: التحالف اليمني (رصد) للحقوق\nbody:\n"
                  "  - سطر أول (كلمة) – ثاني – (كلمة) ثالث.\n"
                  "  - text: שורה (מילה) – שנייה – (מילה) שלישית.\n    lang: he\n")
    assert not build(path, tmp_path, ["pdf"]).errors
    lines: list[list[tuple[float, float, float]]] = []  # words' middle height, x0, x1
    for _, x0, y0, x1, y1 in pdf_words((tmp_path / "test.pdf").read_bytes()):
        # a word in brackets reaches lower: words within 5 pt of a line's height are on it
        line = next((line for line in lines if abs(line[0][0] - (y0 + y1) / 2) < 5), [])
        if not line:
            lines.append(line)
        line.append(((y0 + y1) / 2, x0, x1))
    assert [len(line) for line in lines] == [4, 8, 7, 3]  # the last: the page number
    for line in lines:
        line.sort(key=lambda word: word[1])
        gaps = [right[1] - left[2] for left, right in itertools.pairwise(line)]
        assert max(gaps) - min(gaps) < 0.05, gaps


def test_side_by_side_docx_is_ragged_with_a_smaller_title(letter: Letter,
                                                         tmp_path: Path) -> None:
    """Justified half-page columns opened gaps of several words in the DOCX (the PDF sets
    them ragged); its title kept the full-page size."""
    import docx
    from docx.oxml.ns import qn

    def styles(combine: str) -> tuple[str | None, float]:
        path = letter(BILINGUAL.format(combine=f"combine: {combine}"))
        build(path, tmp_path / combine, ["docx"])
        doc = docx.Document(str(next((tmp_path / combine).glob("*.docx"))))
        normal, title = doc.styles["Normal"], doc.styles["Title"]
        jc = normal.element.find(".//" + qn("w:jc"))
        return (jc.get(qn("w:val")) if jc is not None else None), title.font.size.pt

    (narrow_jc, narrow_title), (full_jc, full_title) = styles("parallel"), styles("sequential")
    assert full_jc == "both" and narrow_jc == "left"
    assert narrow_title < full_title


def test_nested_lists_in_arabic_script_are_lettered_in_it(letter: Letter, tmp_path: Path) -> None:
    """Under numbers, a nested list was lettered "a)" in a Persian or Arabic letter too: a
    Latin letter, shown "(a" by LibreOffice and "a)" by the PDF. Now أ ب ج, as the
    language letters its lists; an English part keeps a b c."""
    path = letter("""\
        lang: fa
        body:
          - demands:
              - text: یک
                items: [دو, سه]
          - demands:
              - text: One
                items: [Two]
            lang: en
        """)
    build(path, tmp_path, ["txt"])
    text = (tmp_path / "test.txt").read_text(encoding="utf-8")
    for line in ("أ)  دو", "ب)  سه", "a)  Two"):
        assert line in text, text


def test_a_tags_unicode_extension_chooses_the_digits(letter: Letter, tmp_path: Path) -> None:
    """``ar-SY`` writes آب and Arabic-Indic digits, ``ar`` أغسطس and 0-9; a coalition writing
    آب with 0-9 (as the rest of its text) asks for ``ar-SY-u-nu-latn`` (BCP 47), which was
    "not a language tag". Its digits hold for every number printed; the files are named by
    the tag, and Word reads the language without the extension."""
    path = letter("""\
        lang: [ar-SY-u-nu-latn, en]
        title: {ar-SY-u-nu-latn: بيان, en: Statement}
        date: 2026-08-21
        body:
          - {ar-SY-u-nu-latn: "نحن %{count} منظمة", en: "We are %{count}"}
          - demands: [{ar-SY-u-nu-latn: أولاً, en: First}, {ar-SY-u-nu-latn: ثانياً, en: Second}]
        signatories: [أحمد, سارة]
        """)
    assert not build(path, tmp_path, ["pdf", "docx", "html", "txt"]).errors
    assert sorted(p.name for p in tmp_path.glob("test.ar*")) == [
        f"test.ar-SY-u-nu-latn.{kind}" for kind in ("docx", "html", "pdf", "txt")]
    def out(kind: str) -> Path:
        return tmp_path / f"test.ar-SY-u-nu-latn.{kind}"

    text = out("txt").read_text(encoding="utf-8").replace("\u00a0", " ")  # (dates unbroken)
    for line in ("21 آب 2026", "نحن 2 منظمة", "1.  أولاً", "2.  ثانياً", "1.  \u2068أحمد"):
        assert line in text, text
    pdf = pdf_text(out("pdf"))
    assert "1/1" in pdf and fold("21 آب 2026") in fold(pdf)
    paragraphs = docx_text(out("docx")).replace("\u00a0", " ").splitlines()
    assert "21 آب 2026" in paragraphs and "1. أولاً" in paragraphs, paragraphs
    with zipfile.ZipFile(out("docx")) as docx_zip:
        styles = docx_zip.read("word/styles.xml").decode()
    assert 'w:bidi="ar-SY"' in styles and "-u-" not in styles  # (Arabic text's language)
    html = out("html").read_text(encoding="utf-8")
    assert '<html lang="ar-SY-u-nu-latn" dir="rtl">' in html
    assert "page-digits { system: extends decimal; }" in html


OTHER_EXTENSION = ("after the language, -u-nu-latn (0-9), -u-nu-arab (٠-٩) or -u-nu-arabext "
                   "(۰-۹) choose the digits and -u-ca-gregory or -u-ca-persian the calendar; "
                   "letterpress knows no other extension")


@pytest.mark.parametrize(("tag", "message"), [
    ("hi-u-nu-deva", OTHER_EXTENSION), ("fa-u-hc-h12", OTHER_EXTENSION),
    ("fa-u-ca", OTHER_EXTENSION),
    ("ar-u-ca-islamic", "-u-ca- chooses the calendar of the dates: -u-ca-gregory (Gregorian) "
                        "or -u-ca-persian (Solar Hijri); letterpress knows no 'islamic' calendar"),
    ("fa-IR-u-ca-islamic-civil-nu-latn",
     "-u-ca- chooses the calendar of the dates: -u-ca-gregory (Gregorian) or -u-ca-persian "
     "(Solar Hijri); letterpress knows no 'islamic-civil' calendar"),
    ("en-u-ca-persian", "the Solar Hijri calendar (-u-ca-persian) prints in Persian, Dari and "
                        "Pashto (fa, fa-AF, ps); letterpress has no month names for it in 'en'"),
    # ICU's and Java's name, one letter too long for a Unicode key: "no other extension"
    ("fa-u-ca-gregorian", "-u-ca- chooses the calendar of the dates: -u-ca-gregory "
                          "(Gregorian) or -u-ca-persian (Solar Hijri); letterpress knows no "
                          "'gregorian' calendar (did you mean 'gregory'?)")])
def test_an_extension_letterpress_cannot_honour_is_named(letter: Letter, tag: str,
                                                         message: str) -> None:
    path = letter(f"lang: {tag}\ntitle: t\n")
    assert [(e.line, e.col, e.message) for e in check(path).errors] == [
        (1, 7, f"lang: '{tag}': {message}")]


@pytest.mark.parametrize(("tag", "hint"), [("prs", "write fa-AF"), ("pbt", "write ps"),
                                          ("xyz", "write one such as en, ar or fr-CA")])
def test_a_tag_cldr_files_under_another_is_named(letter: Letter, tag: str, hint: str) -> None:
    """'prs' (Dari) is a registered tag: "not a language tag" was wrong; CLDR has it as
    fa-AF."""
    path = letter(f"lang: {tag}\ntitle: t\n")
    assert [e.message for e in check(path).errors] == [
        f"lang: '{tag}' is not a language CLDR knows by that tag (letterpress prints dates and "
        f"labels from CLDR): {hint}"]


# --- the Solar Hijri calendar ---------------------------------------------------------------

# 2026-01-15 in each language's calendar and long form, as ICU writes it (Pashto without the
# Latin era "AP" of ICU's stand-in pattern: CLDR has no Pashto one for this calendar)
SOLAR_HIJRI = [
    ("fa", "۲۵ دی ۱۴۰۴"), ("fa-IR", "۲۵ دی ۱۴۰۴"), ("fa-AF", "۲۵ جدی ۱۴۰۴"),
    ("ps", "۱۴۰۴ مرغومی ۲۵"), ("ps-AF", "۱۴۰۴ مرغومی ۲۵"), ("fa-u-ca-persian", "۲۵ دی ۱۴۰۴"),
    ("fa-u-nu-latn", "25 دی 1404"), ("fa-IR-u-nu-latn-ca-persian", "25 دی 1404"),
    ("ps-PK-u-ca-persian", "۱۴۰۴ مرغومی ۲۵"),
    # Gregorian, as before: asked for, or where CLDR prefers it (Pakistan, a diaspora)
    ("fa-u-ca-gregory", "۱۵ ژانویهٔ ۲۰۲۶"), ("fa-IR-u-ca-gregory-nu-latn", "15 ژانویهٔ 2026"),
    ("fa-AF-u-ca-gregory", "۱۵ جنوری ۲۰۲۶"), ("ps-PK", "۲۰۲۶ جنوري ۱۵"),
    ("fa-DE", "۱۵ ژانویهٔ ۲۰۲۶"), ("ar-u-ca-gregory", "15 يناير 2026"),
]


@pytest.mark.parametrize(("lang", "date"), SOLAR_HIJRI)
def test_persian_and_pashto_dates_are_solar_hijri(letter: Letter, tmp_path: Path, lang: str,
                                                  date: str) -> None:
    """Persian letters printed "۱۵ ژانویهٔ ۲۰۲۶" where Iranian readers expect "۲۵ دی ۱۴۰۴"
    (CLDR's calendar for Iran and Afghanistan); ``-u-ca-gregory`` keeps the Gregorian date,
    unbroken as before, and a member's ``added`` date follows the dateline."""
    path = letter(f"lang: {lang}\ntitle: بیانیه\nplace: تهران\ndate: 2026-01-15\n"
                  "signatories:\n  display: table\n  columns: [added]\n"
                  "  members: [{name: سازمان, added: 2026-01-15}]\n")
    assert not build(path, tmp_path, ["txt"]).errors
    text = (tmp_path / "test.txt").read_text(encoding="utf-8")
    assert text.count(date.replace(" ", "\u00a0")) == 2, text


@pytest.mark.parametrize(("lang", "months"), [
    ("fa-u-nu-latn", "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند"),
    ("fa-AF-u-nu-latn", "حمل ثور جوزا سرطان اسد سنبلهٔ میزان عقرب قوس جدی دلو حوت"),
    ("ps-u-nu-latn", "وری غویی غبرگولی چنگاښ زمری وږی تله لړم لیندۍ مرغومی سلواغه کب")])
def test_solar_hijri_month_names_are_cldrs(lang: str, months: str) -> None:
    """The 15th of every month of 1404 as ICU writes it: Iran's names, Afghanistan's in
    Dari, Pashto's (CLDR spells غبرگولی and چنگاښ with the Persian gaf)."""
    days = ["2025-04-04", "2025-05-05", "2025-06-05", "2025-07-06", "2025-08-06",
            "2025-09-06", "2025-10-07", "2025-11-06", "2025-12-06", "2026-01-05",
            "2026-02-04", "2026-03-06"]
    order = "{y} {m} {d}" if lang.startswith("ps") else "{d} {m} {y}"
    assert [i18n.format_date(day, lang).replace("\u00a0", " ") for day in days] == [
        order.format(d=15, m=month, y=1404) for month in months.split()]


def test_a_persian_letter_through_the_cli(tmp_path: Path) -> None:
    """The real command: dateline and signing dates in Solar Hijri in every format."""
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "nowruz.yaml").write_text(textwrap.dedent("""\
        lang: fa
        title: بیانیه
        place: تهران
        date: 2026-01-15
        body: [متن.]
        signatories:
          display: table
          columns: [added]
          members:
            - {name: سازمان یک, added: 2025-03-21}
            - {name: سازمان دو, added: 2024-03-20}
        """), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "letterpress", "build", "letters/nowruz.yaml",
                          *(f"--format={kind}" for kind in ("pdf", "docx", "html", "txt"))],
                         capture_output=True, text=True, cwd=tmp_path, check=False,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    assert run.returncode == 0, run.stderr
    out = tmp_path / "output"
    texts = {"pdf": pdf_text(out / "nowruz.pdf"),
             "docx": "\n".join(text for _, text in docx_paragraphs(out / "nowruz.docx")),
             "html": (out / "nowruz.html").read_text(encoding="utf-8"),
             "txt": (out / "nowruz.txt").read_text(encoding="utf-8")}
    for kind, text in texts.items():
        for date in ("۲۵ دی ۱۴۰۴", "۱ فروردین ۱۴۰۴", "۱ فروردین ۱۴۰۳"):
            assert fold(date) in fold(text), (kind, date, text)
        assert "ژانویه" not in text and "مارس" not in text, kind


@pytest.mark.parametrize("combine", ["separate", "sequential", "parallel"])
def test_each_language_of_a_letter_has_its_own_calendar(letter: Letter, tmp_path: Path,
                                                        combine: str) -> None:
    """Persian beside English: the Persian dateline in Solar Hijri, the English one
    Gregorian, in files of one language, one after the other and side by side."""
    path = letter(f"lang: [fa, en]\ncombine: {combine}\ntitle: {{fa: بیانیه, en: Statement}}\n"
                  "date: 2026-01-15\nbody: [{fa: متن., en: Text.}]\n")
    assert not build(path, tmp_path, ["pdf", "docx", "txt"]).errors
    names = ["test.fa", "test.en"] if combine == "separate" else ["test"]
    for name in names:
        texts = [pdf_text(tmp_path / f"{name}.pdf"), docx_text(tmp_path / f"{name}.docx"),
                 (tmp_path / f"{name}.txt").read_text(encoding="utf-8")]
        for text in texts:
            lines = [BIDI.sub(" ", line).split() for line in text.splitlines()]
            for lang, date in (("fa", "۲۵ دی ۱۴۰۴"), ("en", "15 January 2026")):
                # (pdftotext reads a short right-to-left line beside a column backwards)
                assert (name in ("test", f"test.{lang}")) == any(
                    set(date.split()) <= set(line) for line in lines), (name, date, text)
            assert "۱۵" not in text and "1404" not in text


@pytest.mark.parametrize(("lang", "heading", "capitals"), [
    ("tr", "Basın için iletişim", "BASIN İÇİN İLETİŞİM"),
    ("az", "İmzaçılar və şirkətlər", "İMZAÇILAR VƏ ŞİRKƏTLƏR"),
    ("el", "Υπογράφουσες οργανώσεις", "ΥΠΟΓΡΑΦΟΥΣΕΣ ΟΡΓΑΝΩΣΕΙΣ"),
    ("el", "Προϋποθέσεις, Μάιος", "ΠΡΟΫΠΟΘΕΣΕΙΣ, ΜΑΪΟΣ"),
    # every such pair, after a capital too ("ΚΕΙΚ", "ΑΙΣ" took them for diphthongs)
    ("el", "Κέικ, Άις, τσάι, άυλος", "ΚΕΪΚ, ΑΪΣ, ΤΣΑΪ, ΑΫΛΟΣ"),
])
def test_text_headings_are_in_the_languages_capitals(letter: Letter, tmp_path: Path, lang: str,
                                                     heading: str, capitals: str) -> None:
    """The e-mail text upper-cased its signatory and contact headings as English does:
    Turkish "BASIN IÇIN ILETIŞIM" (not words: i is İ in capitals), Greek with its accents
    ("ΥΠΟΓΡΆΦΟΥΣΕΣ": capitals drop the tonos, and a tonos on a diphthong's first vowel
    becomes a dialytika on the second, "ΜΑΪΟΣ")."""
    path = letter(f"""\
        lang: {lang}
        body: [Text.]
        signatories:
          heading: "{heading}"
          members: [One]
        contacts:
          heading: "{heading}"
          people: [{{name: Two}}]
        """)
    assert not build(path, tmp_path, ["txt"]).errors
    text = (tmp_path / "test.txt").read_text(encoding="utf-8")
    assert text.count(capitals) == 2, text


def test_address_lines_per_language(letter: Letter, tmp_path: Path) -> None:
    """An address given as lines per language ({uk: [...], en: [...]}, of different lengths)
    was refused ("from.address[0]: the 'uk' text must be text"); each language prints its
    own lines, in every format, and a language with fewer lines prints no empty ones; a
    language without lines warns as a text missing in it does."""
    path = letter("""\
        lang: [uk, en]
        from:
          name: {uk: Центр громадянських свобод, en: Center for Civil Liberties}
          address: {uk: ["вул. Басейна, 9Б", Київ 01004], en: [9B Baseina St, Kyiv 01004,
                                                               Ukraine]}
          phone: {uk: "+380 44 000 00 00", en: ["+380 44 000 00 00", "+44 20 0000 0000"]}
        body:
          - {uk: Текст., en: Text.}
        """)
    assert not build(path, tmp_path, ["pdf", "docx", "txt"]).errors
    wanted = {"uk": "вул. Басейна, 9Б\nКиїв 01004\n+380 44 000 00 00\n\nТекст.",
              "en": "9B Baseina St\nKyiv 01004\nUkraine\n+380 44 000 00 00\n+44 20 0000 0000"}
    for lang, lines in wanted.items():
        assert lines in (tmp_path / f"test.{lang}.txt").read_text(encoding="utf-8")
        docx_lines = "\n".join(t for _, t in docx_paragraphs(tmp_path / f"test.{lang}.docx"))
        for text in (pdf_text(tmp_path / f"test.{lang}.pdf"), docx_lines):
            in_order(text, lines.split("\n"))
            assert ("Ukraine" in text) == ("+44" in text) == (lang == "en")
    path = letter("lang: [uk, en]\nfrom: {name: A, address: {uk: [Київ, Україна]}}\nbody: [x]\n")
    assert [d.message for d in check(path).warnings] == [
        "from.address: no 'en' text; the 'uk' text is used"]


def test_a_formatted_date_is_never_split_across_lines(letter: Letter, tmp_path: Path) -> None:
    """The plain text left a member's day at a line end and its month and year on the next
    ("١" / "أيار ٢٠٢٦"): a date the tool writes (dateline, `added`) is one unbreakable
    whole (no-break spaces, in every format)."""
    members = "".join(f"    - {{name: اسم {'ب' * n}, organisation: {'منظمة ' * n}, "
                      f"added: 2026-05-0{n % 9 + 1}}}\n" for n in range(1, 13))
    path = letter(f"lang: ar-IQ\ntitle: t\nplace: {'مدينة ' * 11}\ndate: 2026-04-29\n"
                  f"signatories:\n  groups:\n  - display: table\n    columns: [organisation,"
                  f" added]\n    members:\n{members}")
    assert not build(path, tmp_path, ["txt"]).errors
    lines = BIDI.sub("", (tmp_path / "test.txt").read_text(encoding="utf-8")).splitlines()
    dates = [f"{day} أيار ٢٠٢٦" for day in "١٢٣٤٥٦٧٨٩"] + ["٢٩ نيسان ٢٠٢٦"]
    for date in dates:
        assert any(date in line.replace("\u00a0", " ") for line in lines), (date, lines)


def test_an_english_member_with_a_link_in_an_arabic_list_reads_left_to_right(
        letter: Letter, tmp_path: Path) -> None:
    """WeasyPrint lays a link out as a box of its own in the line's direction, out of the
    isolate marks' reach: "https://www.hrw.org Human Rights Watch," in an Arabic list. The
    member is set in an element of its own direction; a plain one stays one text run."""
    path = letter("lang: ar\nbody: [نص.]\nsignatories:\n  members:\n"
                  "    - {name: Human Rights Watch, url: 'https://www.hrw.org'}\n"
                  "    - {name: Jane Smith, role: Director}\n"
                  "    - {name: منظمة العفو, url: 'https://www.amnesty.org'}\n")
    assert not build(path, tmp_path, ["pdf", "html"]).errors
    words = {w[0]: w[1] for w in pdf_words((tmp_path / "test.pdf").read_bytes())}
    assert words["Human"] < words["Watch,"] < words["https://www.hrw.org"]
    assert words["Jane"] < words["Smith,"] < words["Director"]
    html = (tmp_path / "test.html").read_text(encoding="utf-8")
    assert html.count('<span dir="ltr">') == 1 and "\u2068Jane Smith, Director\u2069" in html


def test_a_text_written_for_the_base_language_prints_in_a_regional_letter(
        letter: Letter, tmp_path: Path) -> None:
    """lang: en-GB with title: {en: ...} printed nothing and warned that 'en' is not one of
    the letter's languages: a language reads its base language's text (as labels did), and
    another region's of the same language."""
    path = letter("lang: [en-GB, fr-CA]\ntitle: {en: Open letter, fr: Lettre ouverte}\n"
                  "body:\n  - {en: Body text., fr-FR: Le texte.}\n", "regional")
    result = build(path, tmp_path, ["txt"])
    assert not result.errors and not result.warnings, result.warnings
    english = (tmp_path / "regional.en-GB.txt").read_text(encoding="utf-8")
    french = (tmp_path / "regional.fr-CA.txt").read_text(encoding="utf-8")
    assert "Open letter" in english and "Body text." in english
    assert "Lettre ouverte" in french and "Le texte." in french
