"""Where pages break: what introduces a list goes over with its first lines, and a page
break is one in every format and arrangement (read back from the PDF and the DOCX)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import pdf_text
from letterpress.build import build

PARAGRAPH = ("The coalition documented repeated violations of international humanitarian law "
             "across the region, including attacks on schools, hospitals and markets.")


def _letter(paragraphs: int, words: int, *, layout: str = "letter",
            group_intro: bool = False, intro: bool = True) -> str:
    """A letter whose signatories start near a page's foot (its length chosen by the
    body's ``paragraphs`` and a last one of ``words``): six groups of five."""
    body = "".join(f'  - "{PARAGRAPH} ({n})"\n' for n in range(paragraphs))
    body += f'  - "{" ".join(["word"] * words)}"\n' if words else ""
    groups = "".join(
        f"    - name: Group {g}\n"
        + (f"      intro: Group {g} intro.\n" if group_intro else "")
        + f"      members: [{', '.join(f'Org {g}-{m}' for m in range(5))}]\n"
        for g in range(6))
    return (f"layout: {layout}\ntitle: Scan\nbody:\n{body}"
            "  - heading: Our demands\n"
            "  - demands:\n      intro: 'We call on the parties to:'\n"
            "      items: [First demand., Second., Third.]\n"
            "closing: Sincerely,\nsignatories:\n"
            + ("  intro: The following organisations signed.\n" if intro else "")
            + f"  groups:\n{groups}")


def _libreoffice_pages(path: Path) -> list[str]:
    """The pages of a DOCX as LibreOffice lays it out (a profile of its own: two at once
    sharing one, the second failed)."""
    out = path.parent / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return pdf_text(out / f"{path.stem}.pdf").split("\f")


def _page_of(pages: list[str], snippet: str) -> int:
    return next(n for n, text in enumerate(pages) if snippet in " ".join(text.split()))


@pytest.mark.parametrize("layout", ["letter", "statement", "press-release"])
def test_signatories_intro_goes_over_with_the_list_in_the_pdf(tmp_path: Path,
                                                              layout: str) -> None:
    """At this length "Signatories" and its intro were left at the foot of page 1, the
    first group on page 2 (every built-in layout)."""
    path = tmp_path / "l.yaml"
    path.write_text(_letter(12, 25, layout=layout), encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "l.pdf").split("\f")
    assert _page_of(pages, "Signatories") == _page_of(pages, "The following organisations") \
        == _page_of(pages, "Group 0") == _page_of(pages, "Org 0-0") > 0


def test_docx_intros_keep_with_the_list(tmp_path: Path) -> None:
    """The signatories' and each group's intro keep with what follows, as the heading and
    the group's name do (in Normal, they were left alone at a page's foot); with
    ``display: columns`` too, where the members are a section of their own."""
    path = tmp_path / "l.yaml"
    path.write_text(_letter(2, 0, group_intro=True).replace(
        "  groups:", "  display: columns\n  groups:"), encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    document = docx.Document(str(tmp_path / "l.docx"))
    intros = [p for p in document.paragraphs if "intro." in p.text or "following" in p.text]
    assert len(intros) == 7
    assert all(p.paragraph_format.keep_with_next for p in intros)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_group_intro_is_not_left_at_a_page_foot(tmp_path: Path) -> None:
    """LibreOffice laid this one out with "Group 0 / Group 0 intro." at the foot of page 1
    and the group's members on page 2."""
    path = tmp_path / "l.yaml"
    path.write_text(_letter(8, 25, group_intro=True, intro=False), encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    pages = _libreoffice_pages(tmp_path / "l.docx")
    for g in range(6):
        assert _page_of(pages, f"Group {g} intro.") == _page_of(pages, f"Org {g}-0")


PARALLEL_BREAK = """\
lang: [fr, en]
combine: parallel
body:
  - {fr: "Avant le saut de page.", en: "Before the page break."}
  - page_break: true
  - {fr: "Après le saut de page.", en: "After the page break."}
closing: {fr: "Salutations.", en: "Regards."}
"""


def test_page_break_side_by_side(tmp_path: Path) -> None:
    """Side by side, `page_break` broke nothing: written inside the table's cells, where
    neither WeasyPrint nor Word breaks a page. The rows after it start a new page: the PDF
    breaks before the next row, the DOCX ends the table, breaks and starts another."""
    path = tmp_path / "p.yaml"
    path.write_text(PARALLEL_BREAK, encoding="utf-8")
    assert not build(path, tmp_path, ["pdf", "docx"]).errors
    pages = pdf_text(tmp_path / "p.pdf").split("\f")
    assert _page_of(pages, "Before the page break.") == 0
    assert _page_of(pages, "After the page break.") == _page_of(pages, "Regards.") == 1
    body = docx.Document(str(tmp_path / "p.docx")).element.body
    parts = [child.tag.rsplit("}", 1)[1] for child in body]
    assert parts[:3] == ["tbl", "p", "tbl"]
    assert body[1].xpath("./w:r/w:br/@w:type") == ["page"]
    assert "Before" in "".join(body[0].itertext()) and "After" not in "".join(
        body[0].itertext())
    assert "After" in "".join(body[2].itertext()) and "Regards." in "".join(
        body[2].itertext())
    if shutil.which("soffice"):
        pages = _libreoffice_pages(tmp_path / "p.docx")
        assert _page_of(pages, "Before the page break.") == 0
        assert _page_of(pages, "After the page break.") == 1


def _list_letter(paragraphs: int, words: int, items: list[str], *, end: str) -> str:
    """A letter whose body ends in a list near a page's foot (as ``_letter``), then ``end``."""
    body = "".join(f'  - "{PARAGRAPH} ({n})"\n' for n in range(paragraphs))
    body += f'  - "{" ".join(["word"] * words)}"\n' if words else ""
    return (f"title: Scan\nbody:\n{body}"
            f"  - list:\n      intro: 'Attached:'\n      items: [{', '.join(items)}]\n{end}")


CLOSING_AND_SIGNATORIES = ("closing: Sincerely,\n"
                           "signatories:\n  heading: Signatories\n  members: [A, B, C, D, E]\n")


def test_closing_does_not_pull_a_list_item_over(tmp_path: Path) -> None:
    """The closing kept with the body's last lines as well as with the signatures: the
    chain reached back into a two-item list ending the body and took its second item over,
    "Annual report" alone at the foot of page 1. The list stays whole; the closing goes
    over with the signatures (as LibreOffice lays out the DOCX)."""
    path = tmp_path / "l.yaml"
    path.write_text(_list_letter(14, 30, ["Annual report", "Testimonies"],
                                 end=CLOSING_AND_SIGNATORIES), encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "l.pdf").split("\f")
    assert _page_of(pages, "Attached:") == _page_of(pages, "Annual report") \
        == _page_of(pages, "Testimonies") == 0
    assert _page_of(pages, "Sincerely,") == _page_of(pages, "Signatories") == 1


ITEMS = ["Item one", "Item two", "Item three", "Item four", "Item five"]


@pytest.mark.parametrize(("paragraphs", "words", "first_over"), [
    (15, 20, "Item four"),  # "Item five" went over alone
    (16, 40, "Attached:"),  # "Attached:" and "Item one" were left at the foot
])
def test_a_list_breaks_with_two_items_on_each_side(tmp_path: Path, paragraphs: int,
                                                   words: int, first_over: str) -> None:
    """Orphans and widows count an item's lines, not the items: a list of one-line items
    broke with its first or its last item alone on a page."""
    path = tmp_path / "l.yaml"
    path.write_text(_list_letter(paragraphs, words, ITEMS, end="  - heading: After\n"
                                 "  - The end.\n"), encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "l.pdf").split("\f")
    order = ["Attached:", *ITEMS]
    over = order.index(first_over)
    assert {_page_of(pages, text) for text in order[:over]} <= {0}
    assert {_page_of(pages, text) for text in order[over:]} == {1}


def test_docx_list_items_keep_two_on_each_side(tmp_path: Path) -> None:
    """The DOCX keeps the first item and the one before the last with the next paragraph
    (Word's widow control counts lines of one paragraph, not items)."""
    path = tmp_path / "l.yaml"
    path.write_text(_list_letter(1, 0, ITEMS, end="  - list:\n      items: [Alone]\n")
                    + "  - list:\n      items: [First, Second]\n", encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    kept = {p.text: bool(p.paragraph_format.keep_with_next)
            for p in docx.Document(str(tmp_path / "l.docx")).paragraphs}
    assert [kept[item] for item in ITEMS] == [True, False, False, True, False]
    assert (kept["Alone"], kept["First"], kept["Second"]) == (False, True, False)


def test_docx_an_item_keeps_with_its_sublist(tmp_path: Path) -> None:
    """An item whose sub-items follow was left alone at a page's foot ("2. Protect its
    staff ... in particular by", its sub-items on the next page): it introduces them, so
    it keeps with the first, as an intro does; an item with no sublist keeps as before."""
    path = tmp_path / "l.yaml"
    path.write_text("title: Scan\nbody:\n  - demands:\n      items:\n"
                    "        - One.\n        - text: Two, in particular by\n"
                    "          items: [storing, ensuring, funding]\n"
                    "        - Three.\n        - Four.\n", encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    kept = {p.text.split("\t")[-1]: bool(p.paragraph_format.keep_with_next)
            for p in docx.Document(str(tmp_path / "l.docx")).paragraphs}
    assert kept["Two, in particular by"] is True
    assert [kept[t] for t in ("One.", "storing", "ensuring", "funding", "Three.", "Four.")] \
        == [True, True, True, False, True, False]


@pytest.mark.parametrize(("display", "paragraphs", "words", "first_over"), [
    ("list", 5, 40, "Group 2"),  # "Group 2" and "Org 2-0" were left at the foot of page 1
    ("list", 4, 32, "Org 2-3"),  # "Org 2-4" went over alone
    ("table", 4, 40, "Group 2"),
    ("table", 4, 0, "Org 2-3"),
])
def test_a_group_breaks_with_two_members_on_each_side(tmp_path: Path, display: str,
                                                      paragraphs: int, words: int,
                                                      first_over: str) -> None:
    """A group's name went over with its first member only (a name keeps with the next
    box, and each member is one), and a group's last member went over alone."""
    path = tmp_path / "l.yaml"
    path.write_text(_letter(paragraphs, words).replace(
        "  groups:", f"  display: {display}\n  groups:"), encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "l.pdf").split("\f")
    order = ["Group 2", *(f"Org 2-{m}" for m in range(5))]
    over = order.index(first_over)
    assert {_page_of(pages, text) for text in order[:over]} <= {0}
    assert {_page_of(pages, text) for text in order[over:]} == {1}


def test_docx_group_keeps_two_members_on_each_side(tmp_path: Path) -> None:
    """The DOCX keeps a list group's first member and the one before the last with the next
    paragraph (the name kept with the first member only); not in columns, a section of
    their own, nor a one-member group."""
    path = tmp_path / "l.yaml"
    path.write_text(_letter(1, 0).replace("    - name: Group 5\n", "    - name: Group 5\n"
                                          "      display: columns\n")
                    + "    - name: Single\n      members: [Alone]\n", encoding="utf-8")
    assert not build(path, tmp_path, ["docx"]).errors
    kept = {p.text.split("\t")[-1]: bool(p.paragraph_format.keep_with_next)
            for p in docx.Document(str(tmp_path / "l.docx")).paragraphs}
    assert [kept[f"Org 0-{m}"] for m in range(5)] == [True, False, False, True, False]
    assert not any(kept[f"Org 5-{m}"] for m in range(5))
    assert kept["Alone"] is False


def test_side_by_side_columns_group_keeps_two_members_on_each_side(tmp_path: Path) -> None:
    """Side by side a columns group is one column, and a two-member group was split one
    and one ("Org E" at the foot of page 1, "Org F" alone on page 2): there it breaks
    with two members on each side, as a list group."""
    body = "".join(f'  - {{en: "{PARAGRAPH} ({n})", fr: "{PARAGRAPH} ({n})"}}\n'
                   for n in range(7))
    path = tmp_path / "l.yaml"
    path.write_text("lang: [en, fr]\ncombine: parallel\ntitle: {en: Scan, fr: Scan}\n"
                    f"body:\n{body}signatories:\n  display: columns\n  groups:\n"
                    "    - {name: First, members: [Org A, Org B, Org C, Org D]}\n"
                    "    - {name: Second, members: [Org E, Org F]}\n", encoding="utf-8")
    assert not build(path, tmp_path, ["pdf"]).errors
    pages = pdf_text(tmp_path / "l.pdf").split("\f")
    assert _page_of(pages, "Org E") == _page_of(pages, "Org F") == _page_of(pages, "Second")
