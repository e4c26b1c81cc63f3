"""Right to left and several languages in the DOCX: paragraph and section direction, run
direction, complex-script font, size and language, logical order of Arabic text, mixed
direction values, and letters combined one after the other or side by side."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml

from conftest import WordNumbering, docx_text
from letterpress.load import Loaded, load
from letterpress.page import ISOLATES, Page
from letterpress.render.docx import render
from letterpress.render.docx_bidi import pieces, word_lang
from letterpress.view import build

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ARABIC = """\
lang: ar
title: رسالة مفتوحة إلى الأمين العام
date: 2016-12-15
place: بروكسل
to:
  - name: السيد أنطونيو غوتيريش
    role: الأمين العام للأمم المتحدة
body:
  - >-
    نحن، المنظمات الموقعة أدناه وعددها %{count}، نقدم الخدمات الإنسانية.
    تواصلوا معنا عبر info@example.org.
  - text: This paragraph is in English inside the Arabic letter.
    lang: en
  - quote: لقد استنفدنا كل خيارات حماية المدنيين.
    by: رائد الصالح
  - demands:
      marker: "١."
      intro: "ندعو إلى:"
      items: [حماية المدنيين في حلب., إجلاء الجرحى فوراً.]
signatories:
  display: columns
  groups:
    - name: تحالف المنظمات السورية
      members:
        - بسمة وزيتونة
        - Hand In Hand for Aid and Development
        - {name: د. عامر مصري, role: مدير, organisation: Independent Doctors Association (IDA)}
    - name: English supporters
      lang: en
      members: [Syria Solidarity UK, Peace and Justice for Syria]
contacts:
  people:
    - name: فادي ديري
      phone: ["+90 539 270 38 94"]
      email: fadi@example.org
"""

BILINGUAL = """\
lang: [en, ar]
title: {en: Open letter to the Secretary-General, ar: رسالة مفتوحة إلى الأمين العام}
date: 2016-12-15
place: {en: Brussels, ar: بروكسل}
body:
  - en: "We, the undersigned organisations, provide humanitarian services.[^1]"
    ar: "نحن، المنظمات الموقعة أدناه، نقدم الخدمات الإنسانية.[^1]"
  - demands:
      intro: {en: "We call for:", ar: "ندعو إلى:"}
      items:
        - {en: Protect the civilians of Aleppo., ar: حماية المدنيين في حلب.}
        - {en: Evacuate the wounded immediately., ar: إجلاء الجرحى فوراً.}
  - demands:
      continue: true
      items:
        - {en: Fund the response in full., ar: تمويل الاستجابة بالكامل.}
signatories:
  groups:
    - name: {en: Syrian NGO Alliance, ar: تحالف المنظمات السورية}
      members:
        - name: {en: Basma & Zeitooneh, ar: بسمة وزيتونة}
        - Hand In Hand for Aid and Development
footnotes:
  "1": {en: Figures from OCHA., ar: أرقام من مكتب تنسيق الشؤون الإنسانية.}
"""


# --- reading the document back ------------------------------------------------------------------

class Doc:
    """A rendered document: its parts as XML, and the direction paragraphs and runs get
    from their own properties or their styles."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.body = self.part("word/document.xml").find(f"{W}body")
        self.styles = {s.get(f"{W}styleId"): s for s in self.part("word/styles.xml").iter(
            f"{W}style")}
        numbering = WordNumbering(self.zip.read("word/numbering.xml"))
        self.markers = {}  # paragraph -> the number Word counts it (its numPr)
        for p in self.paragraphs():
            num = p.find(f"{W}pPr/{W}numPr/{W}numId")
            if num is not None and num.get(f"{W}val") != "0":
                self.markers[p] = numbering.marker(num.get(f"{W}val"), 0)

    def shown(self, p: Any) -> str:
        """A paragraph's text as Word shows it: the number it counts, a tab, the text."""
        marker = self.markers.get(p)
        return text(p) if marker is None else f"{marker}\t{text(p)}"

    def part(self, name: str) -> Any:
        return parse_xml(self.zip.read(name))

    def paragraphs(self) -> list[Any]:
        return list(self.body.iter(f"{W}p"))

    def paragraph(self, contains: str) -> Any:
        return next(p for p in self.paragraphs() if contains in text(p))

    def _style_flag(self, style_id: str | None, path: str) -> bool | None:
        while style_id:
            style = self.styles[style_id]
            found = style.find(path)
            if found is not None:
                return found.get(f"{W}val") not in ("0", "false")
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None

    def bidi(self, p: Any) -> bool:
        """The paragraph's direction: its own w:bidi, else its style's."""
        own = p.find(f"{W}pPr/{W}bidi")
        if own is not None:
            return own.get(f"{W}val") not in ("0", "false")
        style = p.find(f"{W}pPr/{W}pStyle")
        return bool(self._style_flag(style.get(f"{W}val") if style is not None else "Normal",
                                     f"{W}pPr/{W}bidi"))

    def rtl(self, p: Any, r: Any) -> bool:
        """A run's direction: its own w:rtl, else its paragraph style's."""
        own = r.find(f"{W}rPr/{W}rtl")
        if own is not None:
            return own.get(f"{W}val") not in ("0", "false")
        style = p.find(f"{W}pPr/{W}pStyle")
        return bool(self._style_flag(style.get(f"{W}val") if style is not None else "Normal",
                                     f"{W}rPr/{W}rtl"))


def text(element: Any) -> str:
    return "".join(t.text or "" if t.tag == f"{W}t" else "\t" for t in element.iter(
        f"{W}t", f"{W}tab"))


def logical(value: str) -> str:
    """Text without the isolate marks the view adds (FSI ... PDI)."""
    return value.translate(ISOLATES)


def has_arabic(value: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in value)


@pytest.fixture
def loaded(letter: Callable[..., Path]) -> Callable[[str], Loaded]:
    def make(source: str) -> Loaded:
        return load(letter(source))

    return make


def pages_of(loaded: Loaded) -> list[Page]:
    return [build(loaded, lang) for lang in loaded.letter.lang]


@pytest.fixture
def arabic(loaded: Callable[[str], Loaded]) -> Doc:
    found = loaded(ARABIC)
    return Doc(render(pages_of(found), found.layout))


# --- one Arabic letter ---------------------------------------------------------------------------

def test_sections_and_paragraphs_run_right_to_left(arabic: Doc) -> None:
    final = arabic.body.find(f"{W}sectPr")
    assert final.find(f"{W}bidi") is not None
    title = arabic.paragraph("رسالة مفتوحة")
    assert arabic.bidi(title)
    assert arabic.styles["Normal"].find(f"{W}pPr/{W}bidi") is not None
    for p in arabic.paragraphs():
        if has_arabic(text(p)) and "English" not in text(p):
            assert arabic.bidi(p), text(p)


def test_arabic_runs_are_complex_script_right_to_left(arabic: Doc) -> None:
    runs = 0
    for p in arabic.paragraphs():
        for r in p.iter(f"{W}r"):
            if has_arabic(text(r)):
                runs += 1
                assert arabic.rtl(p, r), text(r)
            elif any(ch.isascii() and ch.isalpha() for ch in text(r)):
                assert not arabic.rtl(p, r), text(r)  # English words keep their direction
    assert runs > 10


def test_complex_script_font_size_and_language(arabic: Doc) -> None:
    styles = arabic.part("word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}cs") == "Noto Naskh Arabic"
    assert defaults.find(f"{W}lang").get(f"{W}bidi") == word_lang("ar")
    normal = arabic.styles["Normal"].find(f"{W}rPr")
    assert normal.find(f"{W}rFonts").get(f"{W}cs") == "Noto Naskh Arabic"
    assert normal.find(f"{W}lang").get(f"{W}bidi") == "ar-EG"
    used = {el.get(f"{W}val") for el in arabic.body.iter(f"{W}pStyle", f"{W}rStyle")}
    for style in (arabic.styles[name] for name in used):
        rpr = style.find(f"{W}rPr")
        if rpr is None:
            continue
        size, size_cs = rpr.find(f"{W}sz"), rpr.find(f"{W}szCs")
        if size is not None:
            assert size_cs is not None and size_cs.get(f"{W}val") == size.get(f"{W}val")
        fonts = rpr.find(f"{W}rFonts")
        if fonts is not None and fonts.get(f"{W}ascii") != "Courier New":
            assert fonts.get(f"{W}cs") == "Noto Naskh Arabic", style.get(f"{W}styleId")
    settings = arabic.part("word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}bidi") == "ar-EG"


PLAIN_ARABIC = "lang: ar\nbody: [نص الرسالة مع Human Rights Watch]\n"


@pytest.mark.parametrize(("source", "combine", "latin"), [
    (ARABIC, "separate", "en"),  # its English block's
    (PLAIN_ARABIC, "separate", "en-US"),  # as Word writes for an Arabic document
    (PLAIN_ARABIC + "signatories:\n  groups:\n    - {name: Soutiens, lang: fr, "
     "members: [Amnesty France]}\n", "separate", "fr"),
    (BILINGUAL.replace("lang: [en, ar]", "lang: [ar, en]"), "sequential", "en"),
    (BILINGUAL.replace("lang: [en, ar]", "lang: [ar, en]"), "parallel", "en"),
    (BILINGUAL, "sequential", "en"),
], ids=["english-block", "plain", "french-group", "ar-en-sequential", "ar-en-parallel",
        "en-ar-sequential"])
def test_latin_text_is_proofed_in_a_latin_language(
        loaded: Callable[[str], Loaded], source: str, combine: str, latin: str) -> None:
    """w:lang w:val is the language of Latin-script text: the letter's Arabic there had
    Word and LibreOffice check every English name against the Arabic dictionary. Arabic
    is named in w:bidi, the language of right-to-left text."""
    found = loaded(source)
    doc = Doc(render(pages_of(found), found.layout, combine))
    lang = doc.part("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}bidi")) == (latin, "ar-EG")
    theme = doc.part("word/settings.xml").find(f"{W}themeFontLang")
    assert (theme.get(f"{W}val"), theme.get(f"{W}bidi")) == (latin, "ar-EG")
    vals = {el.get(f"{W}val") for el in doc.body.iter(f"{W}lang")}
    assert not {"ar", "ar-EG"} & vals


def test_a_separate_arabic_file_proofs_latin_text_in_the_letters_other_language(
        loaded: Callable[[str], Loaded]) -> None:
    """Built on its own, the Arabic file of a French and Arabic letter checks its French
    names in French (the renderer, seeing only the Arabic page, said US English)."""
    found = loaded("lang: [fr, ar]\ntitle: {fr: Lettre, ar: رسالة}\nsignatories:\n"
                   "  members: [Médecins Sans Frontières, أمل]\n")
    doc = Doc(render([build(found, "ar")], found.layout))
    lang = doc.part("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}bidi")) == ("fr", "ar-EG")
    theme = doc.part("word/settings.xml").find(f"{W}themeFontLang")
    assert theme.get(f"{W}val") == "fr"


def test_each_file_of_a_letter_names_its_right_to_left_language(
        loaded: Callable[[str], Loaded]) -> None:
    """The English file of an English and Arabic letter, built on its own, kept the
    template's w:bidi ar-SA where the Arabic file says ar-EG: both name the letter's."""
    found = loaded(BILINGUAL)
    for page in pages_of(found):
        doc = Doc(render([page], found.layout))
        lang = doc.part("word/styles.xml").find(
            f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        theme = doc.part("word/settings.xml").find(f"{W}themeFontLang")
        assert lang.get(f"{W}bidi") == theme.get(f"{W}bidi") == "ar-EG", page.lang
        assert lang.get(f"{W}val") == theme.get(f"{W}val") == "en", page.lang


def test_a_letter_without_right_to_left_text_names_no_such_language(
        loaded: Callable[[str], Loaded]) -> None:
    """A French letter kept the template's w:bidi="ar-SA" in the document defaults: a
    proofing language for right-to-left text a letter without any does not have."""
    found = loaded("lang: fr\ntitle: Lettre\nsignatories:\n  members: [Médecins du Monde]\n")
    doc = Doc(render(pages_of(found), found.layout))
    lang = doc.part("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    theme = doc.part("word/settings.xml").find(f"{W}themeFontLang")
    assert lang.get(f"{W}val") == theme.get(f"{W}val") == "fr"
    assert lang.get(f"{W}bidi") is None and theme.get(f"{W}bidi") is None


def test_arabic_text_is_in_logical_order(arabic: Doc) -> None:
    texts = [logical(text(p)) for p in arabic.paragraphs()]
    for expected in ("رسالة مفتوحة إلى الأمين العام", "السيد أنطونيو غوتيريش",
                     "الأمين العام للأمم المتحدة", "ندعو إلى:",
                     "لقد استنفدنا كل خيارات حماية المدنيين.",
                     "نحن، المنظمات الموقعة أدناه وعددها 5، نقدم الخدمات الإنسانية. تواصلوا معنا "
                     "عبر info@example.org.", "بروكسل، 15\u00a0ديسمبر\u00a02016"):
        assert expected in texts


def test_mixed_direction_member_keeps_its_words_in_order(arabic: Doc) -> None:
    p = arabic.paragraph("عامر")
    assert logical(arabic.shown(p)) == (
        "3.\tد. عامر مصري، مدير، Independent Doctors Association (IDA)")
    assert arabic.bidi(p)  # the Arabic list's direction: the number on the right
    english = [r for r in p.iter(f"{W}r") if "Independent" in text(r)]
    assert english and not arabic.rtl(p, english[0])
    hand = arabic.paragraph("Hand In Hand")
    assert logical(arabic.shown(hand)) == "2.\tHand In Hand for Aid and Development"
    assert arabic.bidi(hand)
    (name,) = [r for r in hand.iter(f"{W}r") if "Hand" in text(r)]
    assert not arabic.rtl(hand, name)


def test_no_isolate_marks_in_the_text(arabic: Doc) -> None:
    """The runs say each value's direction, as Word writes mixed text; the isolate marks
    the view adds are not written (LibreOffice set lines holding them apart: "(EEAS"
    overlapping, the space after an Arabic comma lost)."""
    body = zipfile.ZipFile(io.BytesIO(arabic.data)).read("word/document.xml").decode()
    assert "Independent Doctors Association" in body
    assert not any(mark in body for mark in "\u2066\u2067\u2068\u2069")


def test_phone_and_email_run_left_to_right_and_links_are_bare(arabic: Doc) -> None:
    phone = arabic.paragraph("539")  # between left-to-right marks, which LibreOffice
    assert text(phone) == "\u200e+90 539 270 38 94\u200e"  # needs not to reverse groups
    assert all(not arabic.rtl(phone, r) for r in phone.iter(f"{W}r"))
    email = arabic.paragraph("fadi@")
    link = email.find(f"{W}hyperlink")
    assert text(link) == "fadi@example.org"  # the isolate marks stay outside the link
    document = docx.Document(io.BytesIO(arabic.data))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "mailto:fadi@example.org" in targets


def test_arabic_indic_markers_are_written_as_text(arabic: Doc) -> None:
    items = [p for p in arabic.paragraphs() if logical(text(p)).startswith(("١.", "٢."))]
    assert [logical(text(p)) for p in items] == ["١.\tحماية المدنيين في حلب.",
                                                 "٢.\tإجلاء الجرحى فوراً."]
    for p in items:
        assert p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") == "0" and arabic.bidi(p)
        assert p.find(f"{W}pPr/{W}ind").get(f"{W}hanging") is not None


def test_a_list_with_markers_as_text_has_no_number_of_its_style(tmp_path: Path) -> None:
    """The List Number style numbers its paragraphs itself: "1. ١) الأول" until each
    paragraph says numId 0 (no numbering)."""
    path = tmp_path / "l.yaml"
    path.write_text("lang: ar\nbody:\n  - list: {marker: '١)', items: [الأول, الثاني]}\n"
                    "  - demands: {marker: 'أ-', items: [ألف, باء]}\n", encoding="utf-8")
    from letterpress import build as builder

    assert not builder.build(path, tmp_path, ["docx"]).errors
    document = docx.Document(str(tmp_path / "l.docx"))
    items = [p for p in document.paragraphs if p.text.startswith(("١)", "٢)", "أ-", "ب-"))]
    assert len(items) == 4
    for p in items:
        assert p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") == "0"


def test_a_block_in_english_runs_left_to_right_in_english(arabic: Doc) -> None:
    p = arabic.paragraph("This paragraph is in English")
    assert not arabic.bidi(p)
    for r in p.iter(f"{W}r"):
        assert not arabic.rtl(p, r)
        assert r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "en"


def test_english_group_columns_flow_left_to_right(arabic: Doc) -> None:
    ends = [p for p in arabic.paragraphs() if p.find(f"{W}pPr/{W}sectPr") is not None]
    sections = {logical(arabic.shown(p)): p.find(f"{W}pPr/{W}sectPr") for p in ends}
    arabic_columns = sections["3.\tد. عامر مصري، مدير، Independent Doctors Association (IDA)"]
    english_columns = sections["5.\tPeace and Justice for Syria"]
    assert arabic_columns.find(f"{W}cols").get(f"{W}num") == "3"
    assert arabic_columns.find(f"{W}bidi").get(f"{W}val") is None  # on
    assert english_columns.find(f"{W}bidi").get(f"{W}val") == "0"  # said: LibreOffice
    # ran the English columns right to left when it was left out
    group = arabic.paragraph("English supporters")
    assert not arabic.bidi(group)


def test_quote_bar_is_on_the_right(arabic: Doc) -> None:
    quote = arabic.styles["Quote"].find(f"{W}pPr/{W}pBdr")
    assert quote.find(f"{W}right") is not None and quote.find(f"{W}left") is None


def test_text_is_cut_into_runs_by_direction() -> None:
    assert pieces("\u2068+90 539 270 38 94\u2069", True) == [
        ("\u2068+90 539 270 38 94\u2069", False)]
    assert pieces("حماية info@example.org.", True) == [
        ("حماية ", True), ("info@example.org", False), (".", True)]
    assert pieces("Hello مرحبا world", False) == [
        ("Hello ", False), ("مرحبا", True), (" world", False)]
    assert pieces("An English letter", False) == [("An English letter", False)]


# --- several languages in one document --------------------------------------------------------

@pytest.fixture
def bilingual(loaded: Callable[[str], Loaded]) -> tuple[Loaded, list[Page]]:
    found = loaded(BILINGUAL)
    return found, pages_of(found)


def test_sequential_has_a_section_per_language(bilingual: tuple[Loaded, list[Page]]) -> None:
    found, pages = bilingual
    data = render(pages, found.layout, "sequential")
    doc = Doc(data)
    inner = [p.find(f"{W}pPr/{W}sectPr") for p in doc.paragraphs()
             if p.find(f"{W}pPr/{W}sectPr") is not None]
    final = doc.body.find(f"{W}sectPr")
    assert len(inner) == 1  # the English section ends, the Arabic one is the last
    english, arabic = inner[0], final
    assert english.find(f"{W}bidi").get(f"{W}val") == "0"
    assert arabic.find(f"{W}bidi").get(f"{W}val") is None
    assert arabic.find(f"{W}type").get(f"{W}val") == "nextPage"
    references = [{ref.get(f"{W}type"): ref.get(f"{{{R}}}id")
                   for ref in sect.iter(f"{W}headerReference")} for sect in (english, arabic)]
    assert references[0]["default"] != references[1]["default"]  # each its own header
    document = docx.Document(io.BytesIO(data))
    headers = [section.header.paragraphs[0].text for section in document.sections]
    assert headers == ["Open letter to the Secretary-General", "رسالة مفتوحة إلى الأمين العام"]
    paragraphs = doc.paragraphs()
    end = paragraphs.index(next(p for p in paragraphs if p.find(f"{W}pPr/{W}sectPr") is not None))
    for p in paragraphs[:end + 1]:
        assert not doc.bidi(p), text(p)
    arabic_texts = [p for p in paragraphs[end + 1:] if text(p)]
    assert arabic_texts and all(doc.bidi(p) for p in arabic_texts)
    assert logical(text(arabic_texts[0])) == "رسالة مفتوحة إلى الأمين العام"


def test_sequential_numbers_and_notes_per_language(tmp_path: Path,
                                                   bilingual: tuple[Loaded, list[Page]]) -> None:
    found, pages = bilingual
    path = tmp_path / "sequential.docx"
    path.write_bytes(render(pages, found.layout, "sequential"))
    lines = docx_text(path).splitlines()
    for expected in ("1. Protect the civilians of Aleppo.", "3. Fund the response in full.",
                     "1. حماية المدنيين في حلب.", "3. تمويل الاستجابة بالكامل."):
        assert expected in lines
    document = Doc(path.read_bytes())
    notes = document.part("word/footnotes.xml")
    ids = [n.get(f"{W}id") for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    assert ids == ["1", "2"]  # one Word footnote per language
    arabic_ref = next(r for r in document.body.iter(f"{W}footnoteReference")
                      if r.get(f"{W}id") == "2")
    assert arabic_ref.get(f"{W}customMarkFollows") == "1"
    assert arabic_ref.getparent().find(f"{W}t").text == "1"  # the view's number


def test_page_and_note_numbers_in_the_languages_digits(loaded: Callable[[str], Loaded]) -> None:
    """Egyptian Arabic prints ١٢٣ (as its PDF and its lists do): the section numbers its
    pages and notes in Word's hindiNumbers, the page count by its field's switch, and a
    custom mark and the fields' first text are in those digits too; the English section
    before it counts in decimal. Persian digits have no Word format: decimal."""
    found = loaded(BILINGUAL.replace("ar", "ar-EG").replace("[^1]\"\n  -", "[^1][^1]\"\n  -"))
    data = render(pages_of(found), found.layout, "sequential")
    doc = Doc(data)
    english, arabic = [*doc.body.iter(f"{W}sectPr")]
    assert english.find(f"{W}footnotePr/{W}numFmt") is None
    assert english.find(f"{W}pgNumType") is None
    assert arabic.find(f"{W}footnotePr/{W}numFmt").get(f"{W}val") == "hindiNumbers"
    assert arabic.find(f"{W}pgNumType").get(f"{W}fmt") == "hindiNumbers"
    arabic_ref = next(r for r in doc.body.iter(f"{W}footnoteReference")
                      if r.get(f"{W}id") == "2")
    assert arabic_ref.getparent().find(f"{W}t").text == "١"  # custom mark
    refs = [text(r) for r in doc.body.iter(f"{W}r")
            if r.find(f"{W}rPr/{W}rStyle[@{W}val='FootnoteReference']") is not None]
    assert refs == ["", "١", "١"]  # English Word's own; Arabic cited again: its mark again
    notes = doc.part("word/footnotes.xml")
    assert text(notes.find(f"{W}footnote[@{W}id='2']")).startswith("١ ")
    document = docx.Document(io.BytesIO(data))
    fields = [[(f.get(f"{W}instr"), text(f)) for f in section.footer._element.iter(
        f"{W}fldSimple")] for section in document.sections]
    assert fields == [[(" PAGE ", "1"), (" NUMPAGES ", "1")],
                      [(" PAGE ", "١"), (" NUMPAGES \\* HINDIARABIC ", "١")]]
    alone = Doc(render(pages_of(found)[1:], found.layout)).body.find(f"{W}sectPr")
    assert alone.find(f"{W}pgNumType").get(f"{W}fmt") == "hindiNumbers"  # its file alone
    persian = loaded(BILINGUAL.replace("ar", "fa"))
    doc = Doc(render(pages_of(persian), persian.layout, "sequential"))
    assert not [*doc.body.iter(f"{W}pgNumType")] and not [*doc.body.iter(f"{W}numFmt")]

TWO_NOTES = """\
lang: [en, ar]
title: {en: Protect civilians in Aleppo, ar: احموا المدنيين في حلب}
body:
  - en: "We call for action.[^1]"
    ar: "ندعو إلى التحرك.[^1]"
  - en: "A final paragraph.[^2]"
    ar: "فقرة أخيرة.[^2]"
footnotes:
  "1": {en: OCHA figures., ar: أرقام أوتشا.}
  "2": {en: Second note., ar: الحاشية الثانية.}
"""


@pytest.mark.parametrize("combine", ["sequential", "parallel"])
def test_second_language_notes_read_once_in_word_and_libreoffice(
        loaded: Callable[[str], Loaded], combine: str) -> None:
    """LibreOffice pairs the n-th reference with the n-th footnote whatever their ids (side
    by side, the English second note was numbered 1), and prints a custom mark's own copy
    before the note's text ("11"): ids follow the references, the Arabic notes' typed mark
    (Word's own form) is web-hidden, which Word shows in print and LibreOffice hides."""
    found = loaded(TWO_NOTES)
    doc = Doc(render(pages_of(found), found.layout, combine))
    refs = [*doc.body.iter(f"{W}footnoteReference")]
    assert [r.get(f"{W}id") for r in refs] == ["1", "2", "3", "4"]
    notes = [n for n in doc.part("word/footnotes.xml").iter(f"{W}footnote")
             if n.get(f"{W}type") is None]
    assert [n.get(f"{W}id") for n in notes] == ["1", "2", "3", "4"]
    expected = (["OCHA", "Second", "أرقام", "الحاشية"] if combine == "sequential"
                else ["OCHA", "أرقام", "Second", "الحاشية"])
    for ref, note, words in zip(refs, notes, expected, strict=True):
        assert words in text(note)
        mark = note.find(f"{W}p/{W}r")
        if ref.get(f"{W}customMarkFollows") == "1":
            assert "أ" in words or "ال" in words  # the second language's
            assert text(mark) == ref.getparent().find(f"{W}t").text
            assert mark.find(f"{W}rPr/{W}webHidden") is not None
        else:
            assert mark.find(f"{W}footnoteRef") is not None
            assert mark.find(f"{W}rPr/{W}webHidden") is None


def test_parallel_is_a_table_of_aligned_languages(tmp_path: Path,
                                                  bilingual: tuple[Loaded, list[Page]]) -> None:
    found, pages = bilingual
    data = render(pages, found.layout, "parallel")
    doc = Doc(data)
    (table,) = doc.body.findall(f"{W}tbl")
    widths = [col.get(f"{W}w") for col in table.iter(f"{W}gridCol")]
    assert len(widths) == 2 and widths[0] == widths[1]
    assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    assert table.find(f"{W}tblPr/{W}bidiVisual") is None  # English first, on the left
    assert all(b.get(f"{W}val") == "nil" for b in table.find(f"{W}tblPr/{W}tblBorders"))
    assert not list(table.iter(f"{W}cantSplit"))  # rows may break across pages
    rows = [[logical(text(tc)) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]
    assert ["Evacuate the wounded immediately.", "إجلاء الجرحى فوراً."] in rows
    assert ["We call for:", "ندعو إلى:"] in rows
    assert rows[0][0].startswith("Open letter") and rows[0][1].startswith("رسالة مفتوحة")
    row = next(tr for tr in table.findall(f"{W}tr") if "Evacuate" in text(tr))
    english, arabic = row.findall(f"{W}tc")
    assert all(doc.bidi(p) for p in arabic.iter(f"{W}p"))
    assert not any(doc.bidi(p) for p in english.iter(f"{W}p"))
    assert all(doc.rtl(p, r) for p in arabic.iter(f"{W}p") for r in p.iter(f"{W}r")
               if has_arabic(text(r)))
    path = tmp_path / "parallel.docx"
    path.write_bytes(data)
    lines = docx_text(path).splitlines()  # each language numbers its own demands
    for expected in ("2. Evacuate the wounded immediately.", "2. إجلاء الجرحى فوراً.",
                     "3. Fund the response in full.", "3. تمويل الاستجابة بالكامل."):
        assert expected in lines


def test_parallel_attributions_stand_at_their_quotes_bar(
        loaded: Callable[[str], Loaded]) -> None:
    """Side by side, an attribution starts where its quote does, inside its bar (as the
    PDF's): at the end, the English and the Arabic one met at the gutter, read as one."""
    quote = """  - quote: {en: We have exhausted all options., ar: لقد استنفدنا كل الخيارات.}
    by: {en: Raed al Saleh, ar: رائد الصالح}
"""
    found = loaded(BILINGUAL.replace("signatories:", quote + "signatories:", 1))
    doc = Doc(render(pages_of(found), found.layout, "parallel"))
    style = doc.styles["Attribution"].find(f"{W}pPr")
    assert style.find(f"{W}jc").get(f"{W}val") == "left"  # the start, either way
    bar = doc.styles["Quote"].find(f"{W}pPr")
    assert style.find(f"{W}ind").attrib == bar.find(f"{W}ind").attrib  # one bar
    assert style.find(f"{W}pBdr/{W}left").attrib == bar.find(f"{W}pBdr/{W}left").attrib
    arabic = doc.paragraph("رائد الصالح")
    assert arabic.find(f"{W}pPr/{W}pBdr/{W}left").get(f"{W}val") == "nil"
    assert arabic.find(f"{W}pPr/{W}pBdr/{W}right").get(f"{W}val") == "single"
    assert doc.paragraph("Raed al Saleh").find(f"{W}pPr/{W}pBdr") is None  # the style's
    one = Doc(render(pages_of(found)[:1], found.layout)).styles["Attribution"].find(f"{W}pPr")
    assert one.find(f"{W}jc").get(f"{W}val") == "right" and one.find(f"{W}pBdr") is None


def test_parallel_arabic_first_starts_on_the_right(loaded: Callable[[str], Loaded]) -> None:
    found = loaded(BILINGUAL.replace("lang: [en, ar]", "lang: [ar, en]"))
    doc = Doc(render(pages_of(found), found.layout, "parallel"))
    table = doc.body.find(f"{W}tbl")
    assert table.find(f"{W}tblPr/{W}bidiVisual") is not None
    first = table.find(f"{W}tr/{W}tc")
    assert logical(text(first)).startswith("رسالة مفتوحة")


def test_combined_documents_are_reproducible(bilingual: tuple[Loaded, list[Page]]) -> None:
    found, pages = bilingual
    for combine in ("sequential", "parallel"):
        assert render(pages, found.layout, combine) == render(pages, found.layout, combine)


def test_one_page_is_the_same_in_every_mode(bilingual: tuple[Loaded, list[Page]]) -> None:
    found, pages = bilingual
    one = render(pages[:1], found.layout)
    assert render(pages[:1], found.layout, "sequential") == one
    assert render(pages[:1], found.layout, "parallel") == one


def test_bad_combinations_are_refused(bilingual: tuple[Loaded, list[Page]]) -> None:
    found, pages = bilingual
    with pytest.raises(ValueError, match="one page"):
        render(pages, found.layout)
    with pytest.raises(ValueError, match="unknown combine"):
        render(pages, found.layout, "interleaved")
    with pytest.raises(ValueError, match="no page"):
        render([], found.layout)


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_a_one_way_isolate_is_cut_as_the_full_resolution_cuts_it() -> None:
    """split() answers a name isolated by the view whose letters all run one way without
    resolving each character: the same pieces as the full resolution, for 20,000 random
    texts of Arabic, Hebrew, Latin, digits, spaces, punctuation, vowel marks and isolates,
    in paragraphs of both directions."""
    import random

    from letterpress.i18n import has_rtl
    from letterpress.render.docx_bidi import _split, split

    alphabet = ["س", "ل", "م", "ى", "ש", "a", "B", "é", "1", "٣", " ", ",", "-", "(", ")",
                "\u064e", "\u200f", "\u2066", "\u2067", "\u2068", "\u2069", "."]
    rng = random.Random(7)
    for _ in range(20_000):
        inner = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        text = rng.choice([f"\u2068{inner}\u2069", inner, f"\u2068{inner}", f"{inner}\u2069"])
        for rtl in (False, True):
            full = [[(text, False)]] if not rtl and not has_rtl(text) else \
                _split([text], text, rtl)  # (left-to-right text keeps its shortcut)
            assert split([text], rtl) == full, (text, rtl)
