"""Properties of the files themselves: identical bytes on rebuild, PDF metadata, bookmarks,
links, page numbers and running header."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import BIDI, ROOT, fold, in_order, pdf_text
from letterpress.build import FORMATS, build

LETTER = """\
title: Aleppo exposes the international community's bankruptcy
from: {name: Syrian NGO Alliance}
lang: en
body:
  - heading: We condemn
  - "Read [the report](https://example.org/report)."
  - page_break: true
  - heading: We demand
  - Second page.
  - page_break: true
  - Third page.
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_builds_give_identical_bytes(tmp_path: Path, fmt: str) -> None:
    path = ROOT / "letters" / "geneva-civilian-protection.yaml"
    first = build(path, tmp_path / "a", [fmt]).outputs
    second = build(path, tmp_path / "b", [fmt]).outputs
    assert [p.name for p in first] == [p.name for p in second] and first  # png: one per page
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "q.yaml"
    path.write_text(LETTER, encoding="utf-8")
    result = build(path, tmp_path, ["pdf"])
    assert not result.errors
    return tmp_path / "q.pdf"


def test_pdf_metadata(pdf: Path) -> None:
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "Aleppo exposes the international community's bankruptcy"
    assert reader.metadata.author == "Syrian NGO Alliance"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/CreationDate" not in reader.metadata


def test_pdf_bookmarks_links_and_page_furniture(pdf: Path) -> None:
    reader = PdfReader(pdf)
    def flat(items: list) -> list[str]:  # type: ignore[type-arg]
        return [t for i in items for t in (flat(i) if isinstance(i, list) else [i.title])]

    titles = flat(reader.outline)
    assert "We condemn" in titles and "We demand" in titles
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages
            for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert "https://example.org/report" in uris
    pages = pdf_text(pdf).split("\f")
    assert re.search(r"1\s*/\s*3", pages[0]) and re.search(r"3\s*/\s*3", pages[2])
    assert "bankruptcy" in pages[1].split("Second page.")[0]  # running header from page 2
    assert pages[0].count("bankruptcy") == 1  # ...but not on page 1 (only the title)


@pytest.mark.parametrize("display", ["list", "columns"])
def test_signatory_names_and_wrapped_lines_line_up_after_their_numbers(tmp_path: Path,
                                                                       display: str) -> None:
    """Names after "9." and "10." start at one x in each column, and a wrapped line starts
    under the name (render/number_column.py), while the text still reads "9. Name"; a
    lettered group keeps its own indent."""
    import re
    import subprocess
    from collections import defaultdict

    from letterpress.build import build

    long = " ".join(["Syrian Association for the Protection of Civilians"] * 4)
    first = "".join(f"        - Name{n} {long if n in (3, 9) else ''}\n" for n in range(1, 10))
    second = "".join(f"        - Name{n} {long if n == 11 else ''}\n" for n in range(10, 13))
    path = tmp_path / "l.yaml"
    path.write_text(f"title: t\nsignatories:\n  display: {display}\n  groups:\n"
                    f"    - name: One\n      members:\n{first}"
                    f"    - name: Two\n      members:\n{second}"
                    "    - name: Three\n      marker: a)\n      members: [Alpha, Beta]\n")
    assert not build(path, tmp_path / "out", ["pdf"]).errors
    pdf = tmp_path / "out" / "l.pdf"
    plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    for n in (1, 9, 10, 12):
        assert f"{n}. Name{n}" in plain
    assert "m) Alpha" in plain  # (numbered on: the 13th)
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    lines: dict[float, list[tuple[float, float, str]]] = defaultdict(list)
    for x, y, x_end, text in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"'
                                        r'[^>]*>([^<]*)<', xml):
        lines[round(float(y))].append((float(x), float(x_end), text))
    names: set[float] = set()
    wrapped: set[float] = set()
    for words in lines.values():
        words.sort()
        starts = [0] + [i for i in range(1, len(words)) if words[i][0] - words[i - 1][1] > 10]
        for i in starts:  # where a column's line begins
            if re.fullmatch(r"\d+\.", words[i][2]) and words[i + 1][2].startswith("Name"):
                names.add(words[i + 1][0])
            elif words[i][2] in long.split():
                wrapped.add(words[i][0])
    columns = 3 if display == "columns" else 1
    assert 1 <= len({round(x) for x in names}) <= columns, names  # one x a column
    assert wrapped and all(any(abs(x - n) < 0.6 for n in names) for x in wrapped), (
        names, wrapped)


def test_number_column_of_long_lists_keeps_the_layouts_indent() -> None:
    """Up to 999 numbers the hanging indent is the padded number's width; from 1,000 the
    layout's own indent and no padding (a five-digit column made a 10,000-member list a
    tenth longer and 1.13x slower)."""
    from letterpress.page import Group, Member, Signatories
    from letterpress.render.number_column import column, figures

    def listing(last: int) -> tuple[Signatories, Group]:
        group = Group(name=None, members=tuple(Member(f"{n}.", ()) for n in (1, last)))
        return Signatories(heading=None, groups=(group,), count=2), group

    assert column(*listing(999)) is not None and column(*listing(999)).hang == "4.43ch"
    assert column(*listing(1000)) is None
    assert figures("7.", 3) == "\u2007\u20077." and figures("a)", 3) == "a)"


def test_breaks_between_addressees_not_after_the_salutation(tmp_path: Path) -> None:
    """Thirty addressees fill the first page: the salutation goes over with the text it
    opens (PDF and DOCX), each addressee stays whole and the next may start a page (DOCX:
    its last line does not keep with the next one), and a signatory table ends with a
    one-point paragraph, not a blank line that could spill onto a page of its own."""
    import docx

    to = "".join(f"  - name: Addressee number {n}\n    role: [Minister, Ministry {n}]\n"
                  for n in range(1, 31))
    path = tmp_path / "l.yaml"
    contacts = "".join(f"    - {{name: Contact {n}, role: Press officer, email: c{n}@x.org}}\n"
                       for n in range(3))
    path.write_text(f"title: t\nto:\n{to}salutation: Dear Sirs,\nbody: [The text.]\n"
                    "signatories:\n  display: table\n  members: [A, B]\n"
                    f"contacts:\n  people:\n{contacts}", encoding="utf-8")
    result = build(path, tmp_path / "out", ["pdf", "docx"])
    assert not result.errors, result.errors
    pages = [page.extract_text() for page in PdfReader(tmp_path / "out" / "l.pdf").pages]
    assert [n for n, text in enumerate(pages) if "Dear Sirs" in text] == \
        [n for n, text in enumerate(pages) if "The text." in text]
    document = docx.Document(str(tmp_path / "out" / "l.docx"))
    assert document.styles["Salutation"].paragraph_format.keep_with_next
    lines = [p for p in document.paragraphs if p.style.name == "Addressee Line"]
    ends = [p for p in lines if p.text.startswith("Ministry")]
    assert len(ends) == 30 and all(p.paragraph_format.keep_with_next is False for p in ends)
    assert all(p.paragraph_format.keep_with_next is not False
               for p in lines if p.text == "Minister")
    mails = [p for p in document.paragraphs if "@x.org" in p.text]  # a contact's last line
    assert len(mails) == 3 and all(p.paragraph_format.keep_with_next is False for p in mails)
    body = document.element.body
    spacer = body.xpath("./w:tbl/following-sibling::w:p[1]")[0]
    assert spacer.xpath("./w:pPr/w:spacing/@w:line") == ["20"]


def test_plain_text_wraps_notes_once_and_never_cuts_an_address(tmp_path: Path) -> None:
    url = "https://www.example.org/2019/02/Myanmar-Letter-to-the-Secretary-General-final.pdf"
    path = tmp_path / "l.yaml"
    path.write_text("title: t\nbody: ['Text with a note.[^1]']\nfootnotes:\n  '1': The number "
                    "of signatories has grown since the letter was first sent; the current "
                    f"list is below and at {url} too.\n", encoding="utf-8")
    result = build(path, tmp_path / "out", ["txt"])
    assert not result.errors, result.errors
    text = (tmp_path / "out" / "l.txt").read_text(encoding="utf-8")
    assert ("[1] The number of signatories has grown since the letter was first sent;\n"
            "    the current list is below and at\n"
            f"    {url}\n    too.\n") in text


URL = "https://www.example.org/2019/02/Myanmar-Letter-to-the-Secretary-General-final.pdf"
LONG = {  # each part of a letter, longer than a line (the French closing is that long)
    "title": "An open letter on the protection of civilians and humanitarian workers in "
             "the Sahel region",
    "reference": f"SNA/2016/12, the earlier correspondence being at {URL}",
    "place": "Ouagadougou, Bamako, Niamey and the other capitals of the Central Sahel, "
             "and Brussels",
    "salutation": "Monsieur le Président, Mesdames et Messieurs les membres du "
                  "Gouvernement de la République,",
    "heading": "What we ask of the members of the Security Council and of the regional "
               "organisations",
    "by": "Dr Aminata Ouédraogo",
    "role": "médecin, coordinatrice médicale de l'hôpital régional de Kaya, Burkina Faso",
    "closing": "Nous vous prions d'agréer, Monsieur le Président, l'expression de notre "
               "très haute considération.",
    "signatories": "Organisations and people who have signed this letter since it was "
                   "first published",
    "group": "Organisations de la société civile du Burkina Faso, du Mali, du Niger et "
             "du Tchad",
    "contacts": "For interviews with the signatories in English, French, Arabic, "
                "Fulfulde and Hausa",
    "end": "End of the letter; the list of signatories is kept up to date on the "
           "website",
    "footnotes": "Notes, sources and the documents referred to in the text of this "
                 "letter",
}


def _long_letter(layout: str) -> str:
    """The letter as JSON, which is YAML too, so that no text needs quoting."""
    v = LONG
    return json.dumps({
        "layout": layout, "lang": "en", "title": v["title"], "reference": v["reference"],
        "date": "2016-12-15", "place": v["place"], "to": ["The Secretary-General"],
        "cc": ["The Security Council"], "salutation": v["salutation"],
        "body": ["Text with a note.[^1]", {"heading": v["heading"], "level": 2},
                 {"quote": "Nous voyons des enfants mourir.", "by": v["by"], "role": v["role"]}],
        "closing": v["closing"],
        "signatories": {"heading": v["signatories"],
                        "groups": [{"name": v["group"], "members": ["Balai Citoyen"]}]},
        "contacts": {"heading": v["contacts"], "people": [{"name": "Fadi Diri"}]},
        "labels": {"end": v["end"], "footnotes": v["footnotes"]},
        "footnotes": {"1": "A note."}}, ensure_ascii=False)


def _lines_fit(text: str) -> None:
    """Every line at most 72 characters, but a line of a single word (an address); and
    every title or heading underlined as long as its longest line."""
    lines = text.splitlines()
    assert [line for line in lines if len(line) > 72 and len(line.split()) > 1] == []
    for i, line in enumerate(lines):
        if line and set(line) in ({"="}, {"-"}):
            start = max((j for j in range(i) if not lines[j]), default=-1) + 1
            assert len(line) == min(72, max(len(x) for x in lines[start:i])), lines[start:i]


@pytest.mark.parametrize("layout", ["letter", "press-release"])
def test_plain_text_wraps_every_part_at_72(tmp_path: Path, layout: str) -> None:
    """Salutation, attribution, closing, group names, reference, dateline, headings and
    the headings of lists were one line each (up to 110 characters); wrapped now, as the
    body is, their words in order, an attribution under its quotation's indent."""
    path = tmp_path / "l.yaml"
    path.write_text(_long_letter(layout), encoding="utf-8")
    assert not build(path, tmp_path / "out", ["txt"]).errors
    text = (tmp_path / "out" / "l.txt").read_text(encoding="utf-8")
    _lines_fit(text)
    v, top = LONG, layout == "letter"  # (a press release: dateline in the text, end mark)
    in_order(text, [v["title"], v["reference"], *[v["place"]] * top, v["salutation"],
                    *[v["place"]] * (not top), v["heading"], f"— {v['by']}, {v['role']}",
                    v["closing"], v["signatories"].upper(), v["group"], v["contacts"].upper(),
                    *[v["end"]] * (not top), v["footnotes"]])
    assert f"\n{URL}\n" in text  # alone on its line, whole
    assert ("    — Dr Aminata Ouédraogo, médecin, coordinatrice médicale de l'hôpital\n"
            "      régional de Kaya, Burkina Faso\n") in text


def test_plain_text_wraps_right_to_left_parts_in_logical_order(tmp_path: Path) -> None:
    """An Arabic salutation, closing, heading and group name wrap as English ones do, their
    words kept in the order they were written."""
    parts = {"salutation": "سعادة الأمين العام للأمم المتحدة، أصحاب السعادة أعضاء مجلس "
                           "الأمن الدولي الموقرين،",
             "heading": "ما نطلبه من أعضاء مجلس الأمن الدولي ومن المنظمات الإقليمية "
                        "والدولية المعنية",
             "closing": "وتفضلوا بقبول فائق الاحترام والتقدير، مع خالص تمنياتنا بالتوفيق "
                        "والنجاح في مهامكم",
             "group": "منظمات المجتمع المدني السورية العاملة في الداخل السوري وفي دول "
                      "الجوار والمهجر"}
    path = tmp_path / "l.yaml"
    path.write_text(f"lang: ar\nsalutation: {parts['salutation']}\nbody:\n  - نص.\n"
                    f"  - heading: {parts['heading']}\nclosing: {parts['closing']}\n"
                    f"signatories:\n  groups:\n    - name: {parts['group']}\n"
                    "      members: [بسمة وزيتونة]\n", encoding="utf-8")
    assert not build(path, tmp_path / "out", ["txt"]).errors
    text = (tmp_path / "out" / "l.txt").read_text(encoding="utf-8")
    _lines_fit(text)
    assert all(len(part) > 72 for part in parts.values())
    in_order(BIDI.sub("", text), list(parts.values()))
    assert "1.  \u2068بسمة وزيتونة\u2069" in text


def test_tables_signatures_and_figures_keep_together(tmp_path: Path) -> None:
    """A table row whose name wraps stays whole at a page break (number and country were
    left at the foot of the page, the name carried over); two signature blocks keep a
    gutter (the first's lines ran to within a millimetre of the second's); a caption stays
    with its picture."""
    import subprocess

    from PIL import Image

    name = "Organisation number {} with a name long enough to wrap onto a second line in its cell"
    rows = "".join(f"    - {{name: {name.format(n)}, country: Chile}}\n" for n in range(1, 61))
    path = tmp_path / "t.yaml"
    path.write_text(f"title: t\nsignatories:\n  display: table\n  columns: [country]\n"
                    f"  members:\n{rows}", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "t.pdf").split("\f")
    assert len(pages) > 2
    for page in pages:
        for number in re.findall(r"^(\d+)\.", page, re.M):
            assert name.format(number).split(" with")[0] in page, number

    path.write_text("layout: press-release\ntitle: t\nsignatories:\n  display: signature\n"
                    "  members:\n    - {name: A. Person, organisation: 'Aktion Aufschrei – "
                    "Stoppt den Waffenhandel!'}\n    - {name: B. Person, organisation: "
                    "Deutsche Friedensgesellschaft – Vereinigte KriegsdienstgegnerInnen}\n",
                    encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    boxes = [(x0, x1, word) for x0, _, x1, word in word_boxes(tmp_path / "t.pdf")]
    second = min(x0 for x0, _, word in boxes if word == "B.")
    first = {"A.", "Person", "Aktion", "Aufschrei", "–", "Stoppt", "den", "Waffenhandel!"}
    first_right = max(x1 for x0, x1, word in boxes if word in first and x0 < second - 1)
    assert second - first_right > 10  # points: more than 3.5 mm of gutter

    Image.new("RGB", (300, 300), "red").save(tmp_path / "seal.png")
    filler = "".join(f"  - Line {n} of filler text.\n" for n in range(26))
    path.write_text(f"title: t\nbody:\n{filler}  - image: seal.png\n    caption: The seal\n"
                    "    width: 30%\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "t.pdf")],
                             capture_output=True, text=True, check=True).stdout
    image_page = int(listing.splitlines()[2].split()[0])
    pages = pdf_text(tmp_path / "t.pdf").split("\f")
    assert "The seal" in pages[image_page - 1]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_table_display_reads_row_by_row(tmp_path: Path, lang: str) -> None:
    """pdftotext read a table's columns one after the other ("Lebanon", "Israel" after the
    last name) where a name ran close to the next cell, and poppler took the row for one
    line; cells a clear gutter apart, with a dash in an empty one, are read as a table, row
    by row."""
    rows: list[tuple[str, ...]] = [("Gulf Centre for Human Rights", "NGO", "Lebanon"),
            ("Adalah – The Legal Center for Arab Minority Rights", "Legal centre", "Israel"),
            ("Mossawa Center", "Civil society organisation", "Haifa")]
    if lang == "ar":
        rows = [("مركز الخليج لحقوق الإنسان", "منظمة", "لبنان"),
                ("عدالة – المركز القانوني لحقوق الأقلية العربية", "مركز قانوني", "حيفا"),
                ("مركز مساواة", "منظمة مجتمع مدني", "الناصرة")]
    members = "".join(f"    - {{name: {n}, role: {r}, country: {c}}}\n" for n, r, c in rows)
    members += "    - {name: Zaytoon, country: Syria}\n"  # an empty cell (it shows a dash)
    rows.append(("Zaytoon", "Syria"))
    path = tmp_path / "t.yaml"
    path.write_text(f"lang: {lang}\nbody: [Text.]\nsignatories:\n  display: table\n"
                    f"  columns: [role, country]\n  members:\n{members}", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    text = fold(pdf_text(tmp_path / "t.pdf"))
    cells = [fold(cell) for row in rows for cell in row]
    at = [text.find(cell) for cell in cells]
    assert -1 not in at and at == sorted(at), at


def test_bulleted_signatories_hang_their_wrapped_lines(tmp_path: Path) -> None:
    """numbering: none with a bullet: wrapped lines start under the name, as numbered ones
    do (they started under the bullet)."""

    path = tmp_path / "t.yaml"
    path.write_text("title: t\nsignatories:\n  numbering: none\n  marker: '•'\n  members:\n"
                    "    - {name: Prof. Dr. Jan van der Meer, role: Professor of Art History "
                    "and of many other things, organisation: Universiteit Wrapped}\n",
                    encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    boxes = [(x, y, word) for x, y, _, word in word_boxes(tmp_path / "t.pdf")]
    bullet_y = next(y for _, y, word in boxes if word == "•")
    name_x = next(x for x, _, word in boxes if word == "Prof.")
    wrapped = next(x for x, _, word in boxes if word == "Wrapped")
    second = next(x for x, y, _ in boxes if bullet_y + 5 < y < bullet_y + 30)
    assert abs(second - name_x) < 1 and wrapped >= name_x - 1


def test_list_markers_read_with_their_items(tmp_path: Path) -> None:
    """A marker set 1.5 em before its text was a block of its own for pdftotext, and a
    column of markers read "c)" before the nested items above it; end-aligned against the
    text (1. to 10. aligned on the point), each reads with its item."""
    path = tmp_path / "t.yaml"
    path.write_text("title: t\nbody:\n  - demands:\n      marker: 'a)'\n      items:\n"
                    "        - first item\n        - text: second item\n          marker: 'i.'\n"
                    "          items: [nested one, nested two]\n        - third item\n",
                    encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    lines = [line for line in pdf_text(tmp_path / "t.pdf").splitlines() if line.strip()]
    assert lines[1:6] == ["a) first item", "b) second item", "i. nested one",
                          "ii. nested two", "c) third item"]


def word_boxes(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, word) of every word pdftotext finds, in its reading order."""
    import subprocess

    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    return [(float(x0), float(y0), float(x1), word) for x0, y0, x1, word in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', words)]


def test_justified_lines_with_long_words_read_in_order(letter: Callable[..., Path],
                                                       built: Callable[..., dict[str, str]]
                                                       ) -> None:
    """Justified without hyphenation, a line of long Ukrainian (German, Polish) words opened
    gaps pdftotext took for columns: it read the next line first, then the words one per
    line. Hyphenated by the language's dictionary, the gaps stay word spaces."""
    path = letter("""\
        lang: uk
        body:
          - demands:
              items:
                - Вимагати від Російської Федерації негайного звільнення всіх незаконно
                  утримуваних цивільних осіб.
          - Die unterzeichnenden Organisationen fordern die Bundesregierung auf, die
            Umsetzung der EU-Lieferkettenrichtlinie ohne Abschwächung der
            zivilrechtlichen Haftungsregelungen.
        """)
    text = fold(built(path, ("pdf",))["pdf"])
    assert fold("Вимагати від Російської Федерації негайного звільнення всіх незаконно "
                "утримуваних цивільних осіб") in text
    assert fold("ohne Abschwächung der zivilrechtlichen Haftungsregelungen") in text


TOKEN = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwia"
         "WF0IjoxNTE2MjM5MDIyfQSflKxwRJSMeKKF2QT4fwpMeJf36POk6yJVadQssw5c")
REPORT = "https://www.europarl.europa.eu/RegData/etudes/STUD/2023/740248/EPRS_STU(2023)740248_EN.pdf"
LONG_LINK = ("https://example.org/a-very-long-path/with/many/segments/that/keeps/going/and/going/"
             "index.html?query=chat-control&lang=en&utm_source=newsletter")


def test_long_tokens_fill_their_lines_and_are_never_hyphenated(tmp_path: Path) -> None:
    """An access token or a web address is a word no dictionary has: it was hyphenated
    ("…IjoxN‐" / "TE2…", a hyphen in the copied token), and, pushed whole to the next line,
    it left the line before it justified with gaps of several words, which pdftotext read
    one word per line ("The" / "leaked" / "access"...). It now breaks where the line ends,
    without a hyphen, and no gap in a line is wider than 1 em (10.5 pt). Word cannot be
    told where to break one: in the DOCX its paragraph is ragged, the others justified."""
    import docx

    path = tmp_path / "t.yaml"
    path.write_text(f"body:\n  - The leaked access token was {TOKEN} and it still works.\n"
                    "  - 'The proposal may become the basis for scanning the content of all "
                    f"electronic communications. See also {REPORT} and <{LONG_LINK}>.'\n"
                    "  - Write to info@example.org or see PhotoDNA, short tokens.\n",
                    encoding="utf-8")
    assert not build(path, tmp_path, ["pdf", "docx"]).errors
    body = docx.Document(str(tmp_path / "t.docx")).paragraphs
    assert [str(p.paragraph_format.alignment) for p in body[:3]] == ["LEFT (0)", "LEFT (0)",
                                                                      "None"]
    text = pdf_text(tmp_path / "t.pdf")
    joined = text.replace("\n", "")  # each as written, wherever its lines end
    assert TOKEN in joined and REPORT in joined and LONG_LINK in joined, text
    lines: dict[float, list[tuple[float, float]]] = {}
    for x0, y0, x1, _ in word_boxes(tmp_path / "t.pdf"):
        lines.setdefault(round(y0), []).append((x0, x1))
    gaps = [b[0] - a[1] for words in lines.values() for a, b in itertools.pairwise(words)]
    assert gaps and max(gaps) < 10.5, sorted(gaps)[-5:]


def test_every_justified_docx_paragraph_with_a_long_token_is_ragged(tmp_path: Path) -> None:
    """The rule was kept to body blocks: the signatories', a group's and the contacts'
    intros, the postscript, an item whose marker is text (Arabic-Indic digits) and an Arabic
    paragraph stayed justified, and LibreOffice spread the line before the address over the
    whole width ("SIGINTRO  is  a  network  of  40  organisations.  Photos...")."""
    import docx

    text = f"is a network of 40 organisations. Photos are available at <{LONG_LINK}>."
    path = tmp_path / "t.yaml"
    path.write_text(json.dumps({
        "title": "T",
        "body": [f"BODY {text}", {"demands": {"marker": "١.", "intro": f"INTRO {text}",
                                              "items": [f"ITEM {text}"]}},
                 {"text": f"عربي {text}", "lang": "ar"}, "SHORT is justified."],
        "signatories": {"intro": f"SIGINTRO {text}", "groups": [
            {"name": "G", "intro": f"GROUPINTRO {text}", "members": ["A"]}]},
        "contacts": {"intro": f"CONTACTINTRO {text}", "people": [{"name": "B"}]},
        "postscript": f"PS {text}"}), encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    aligned = {p.text.split("\t")[-1].split()[0]: p.paragraph_format.alignment
               for p in docx.Document(str(tmp_path / "t.docx")).paragraphs if p.text}
    ragged = ["BODY", "INTRO", "ITEM", "عربي", "SIGINTRO", "GROUPINTRO", "CONTACTINTRO", "PS"]
    assert {word: str(aligned[word]) for word in ragged} == dict.fromkeys(ragged, "LEFT (0)")
    assert aligned["SHORT"] is None  # (justified, as its style)


def test_note_marks_are_clickable_without_changing_the_line(letter: Callable[..., Path],
                                                           tmp_path: Path) -> None:
    """The mark's link had no height (``line-height: 0`` on it): nothing to click. Raised
    by relative position instead, it has one, and its line keeps its place."""
    path = letter("title: t\nbody: ['A first line of text long enough to wrap once in the "
                  "body, with a note here.[^1] More text follows on the next line.']\n"
                  "footnotes: {'1': The note.}\n")
    build(path, tmp_path, ["pdf"])
    reader = PdfReader(tmp_path / "test.pdf")
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    heights = [abs(float(a["/Rect"][3]) - float(a["/Rect"][1])) for a in links
               if a.get("/Subtype") == "/Link"]
    assert heights and min(heights) > 4, heights


def test_struck_text_stays_struck_in_the_text_output(tmp_path: Path) -> None:
    """The text output dropped strikethrough: "known and ~~unknown~~ material" read "known
    and unknown material", the struck word part of the sentence."""
    from letterpress.build import build

    path = tmp_path / "l.yaml"
    path.write_text('title: t\nbody:\n  - "known and ~~unknown~~ material, ~~a **b**~~ c"\n')
    assert not build(path, tmp_path, ["txt"]).errors
    assert "known and ~~unknown~~ material, ~~a b~~ c" in (tmp_path / "l.txt").read_text()


def test_an_inline_number_never_ends_a_line_apart_from_its_name(tmp_path: Path) -> None:
    """Members one after another (display: inline) broke after a number: "· 10." at a
    line's end, its name on the next (text, PDF and DOCX alike)."""
    from letterpress.build import build

    members = "".join(f"    - Gesellschaft für bedrohte Völker Gruppe {n}\n" for n in range(30))
    path = tmp_path / "l.yaml"
    path.write_text(f"title: t\nsignatories:\n  display: inline\n  members:\n{members}")
    assert not build(path, tmp_path, ["txt", "html"]).errors
    lines = (tmp_path / "l.txt").read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if re.search(r"\d+\.$", line)]
    assert '<span class="num">10.</span>&nbsp;' in (tmp_path / "l.html").read_text()


@pytest.mark.parametrize("layout", ["letter", "statement", "press-release"])
def test_a_quotation_keeps_its_attribution(tmp_path: Path, layout: str) -> None:
    """A quotation ending at a page foot left its attribution alone at the top of the next
    page (a stub of the quote bar and "— Dr Aminata Ouédraogo")."""
    sentence = "Les attaques contre les écoles et les marchés se multiplient dans toute la région. "
    body = "".join(f"  - '{sentence * 12}'\n" for _ in range(3)) + f"  - '{sentence * 8}'\n"
    path = tmp_path / "q.yaml"
    path.write_text(f"layout: {layout}\nlang: fr\ntitle: Citation coupée\nbody:\n{body}"
                    "  - quote: « Quand les routes sont coupées, nos équipes ne peuvent plus "
                    "atteindre les femmes qui accouchent. Nous voyons des enfants mourir de "
                    "maladies que l'on sait soigner depuis cinquante ans. »\n"
                    "    by: Dr Aminata Ouédraogo\n    role: médecin à Kaya\n"
                    "  - Paragraphe suivant.\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "q.pdf").split("\f")
    page = next(p for p in pages if "Aminata" in p)
    assert "cinquante ans" in page and page.index("cinquante ans") < page.index("Aminata")


def test_the_of_label_stands_between_page_numbers(tmp_path: Path) -> None:
    """``labels: {of: ...}`` changed the DOCX's footer only: the PDF's said " / " whatever
    the letter set ("1 of 3" was wanted). ``page``, never printed, is no label to set."""
    from letterpress.build import check

    path = tmp_path / "l.yaml"
    path.write_text('title: t\nlabels: {of: "of"}\nbody: [Text.]\n', encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    assert "1 of 1" in pdf_text(tmp_path / "l.pdf")
    path.write_text('title: t\nlabels: {page: Page}\nbody: [Text.]\n', encoding="utf-8")
    assert [w.message.split(";")[0] for w in check(path).warnings] == [
        "labels: 'page' is not a label the layouts print"]


def test_plain_text_lines_close_their_isolates_and_keep_separators(tmp_path: Path) -> None:
    """A name isolated in its direction and wrapped opened its isolate on one line and
    closed it on the next (a mail reader orders each line alone); an inline list could
    start a line with its " · " separator."""
    names = ["منظمة العفو الدولية للدفاع عن حقوق الإنسان في الشرق الأوسط وشمال أفريقيا",
             "منظمة هيومن رايتس ووتش", "مركز الخليج لحقوق الإنسان",
             "المبادرة المصرية للحقوق الشخصية", "الشبكة العربية لمعلومات حقوق الإنسان"]
    path = tmp_path / "a.yaml"
    path.write_text("lang: ar\ntitle: بيان\nsignatories:\n  display: inline\n  members:\n"
                    + "".join(f"    - {n}\n" for n in names), encoding="utf-8")
    assert not build(path, tmp_path, ["txt"]).errors
    lines = (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()
    for line in lines:
        depth = 0
        for ch in line:
            depth += ch in "\u2066\u2067\u2068"
            depth -= ch == "\u2069"
            assert depth >= 0, line
        assert depth == 0, line
        assert not line.lstrip().startswith("·"), line
    assert sum(line.count("\u2068") for line in lines) > len(names)  # a name was wrapped


def test_plain_text_never_breaks_before_french_punctuation(tmp_path: Path) -> None:
    """French sets a space before : ; ! ? and inside « »: the e-mail text wrapped there,
    a line starting ": le droit d'asile" or "»[1].", a line ending "«". No longer (UAX #14,
    as the PDF breaks); a closing quote opening a word (Danish »Tak«) may still begin one."""
    words = [f"{'m' * (k % 9 + 1)} {mark} suite" for k in range(40) for mark in ":;!?"]
    quotes = [f"{'q' * (k % 11 + 1)} « cité {'c' * (k % 7)} »" for k in range(40)]
    path = tmp_path / "l.yaml"
    body = json.dumps(" ".join(words + quotes) + " »[^1].", ensure_ascii=False)
    path.write_text(f"lang: fr\nbody:\n  - {body}\nfootnotes:\n  1: Note.\n",
                    encoding="utf-8")
    assert not build(path, tmp_path, ["txt"]).errors
    lines = (tmp_path / "l.txt").read_text(encoding="utf-8").splitlines()
    assert not [x for x in lines if x.startswith(tuple(":;!?»")) or x.endswith("«")], lines
    assert max(map(len, lines)) <= 72
