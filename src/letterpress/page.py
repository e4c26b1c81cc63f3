"""The view's vocabulary: what a page shows, with every decision already taken.

Renderers (HTML/PDF, DOCX, text) walk these frozen objects and only lay them out: numbers,
markers, dates, labels, direction and inline formatting are all settled here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, Literal

from letterpress.i18n import LRI, PDI, RLI


@dataclass(frozen=True)
class Span:
    """A run of inline text with its formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None
    note: int | None = None  # a footnote reference: ``text`` is its number
    br: bool = False  # a hard line break (``text`` is empty)
    token: Literal["", "short", "long"] = ""  # a word no dictionary has (tokens.py)


Inline = tuple[Span, ...]


# the bidi isolate marks the view puts around values (LRI, RLI, FSI, PDI): display only
ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def plain(spans: Inline | None) -> str:
    """The text of some spans, without formatting or isolate marks (metadata, alt text)."""
    if not spans:
        return ""
    return "".join("\n" if s.br else s.text for s in spans if s.note is None).translate(
        ISOLATES)


@dataclass(frozen=True)
class Paragraph:
    tag: ClassVar[str] = "paragraph"  # what templates dispatch on
    spans: Inline
    role: str = "body"  # body, intro, note, closing, caption, salutation, ...


@dataclass(frozen=True)
class Heading:
    tag: ClassVar[str] = "heading"  # what templates dispatch on
    spans: Inline
    level: int = 1


@dataclass(frozen=True)
class Quote:
    tag: ClassVar[str] = "quote"  # what templates dispatch on
    blocks: tuple[Block, ...]
    by: Inline | None = None
    role: Inline | None = None
    sep: str = ", "  # between by and role: the comma of the quote's language


@dataclass(frozen=True)
class NumberStyle:
    """How a list is numbered, for Word numbering and for CSS alike."""

    kind: Literal["decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman",
                  "arabicIndic", "persian", "arabicAbjad", "lowerGreek", "upperGreek",
                  "lowerCyrillic", "upperCyrillic", "bullet"]
    prefix: str = ""
    suffix: str = "."
    bullet: str = "•"


@dataclass(frozen=True)
class Item:
    marker: str  # the printed marker, e.g. "3-", "(b)", "•"
    blocks: tuple[Block, ...]
    sublist: ListBlock | None = None


@dataclass(frozen=True)
class ListBlock:
    tag: ClassVar[str] = "list"  # what templates dispatch on
    items: tuple[Item, ...]
    style: NumberStyle
    start: int = 1
    sequence: int = 0  # lists continuing one another share a sequence (one Word list)
    restart: bool = True
    kind: Literal["demands", "list"] = "list"
    intro: Inline | None = None
    depth: int = 0
    room: float | None = None  # hanging indent, em, shared by a sequence's parts (None: its own)


@dataclass(frozen=True)
class Rule:
    tag: ClassVar[str] = "rule"  # what templates dispatch on


@dataclass(frozen=True)
class PageBreak:
    tag: ClassVar[str] = "page_break"  # what templates dispatch on


@dataclass(frozen=True)
class Code:
    tag: ClassVar[str] = "code"  # what templates dispatch on
    text: str


@dataclass(frozen=True)
class Image:
    tag: ClassVar[str] = "image"  # what templates dispatch on
    path: Path  # the letter's folder joined already: absolute, or from the working folder
    caption: Inline | None = None
    width: str | None = None  # CSS length, e.g. "60%" or "8cm"
    alt: str = ""


@dataclass(frozen=True)
class Directed:
    """Blocks in another language than the letter's (``lang`` on a body block)."""

    tag: ClassVar[str] = "directed"
    lang: str
    dir: str
    blocks: tuple[Block, ...]


Block = Paragraph | Heading | Quote | ListBlock | Rule | PageBreak | Code | Image | Directed


def lead(blocks: tuple[Block, ...]) -> tuple[Paragraph | None, Directed | None,
                                             tuple[Block, ...]]:
    """The paragraph a list item's (or note's) marker stands on, the language block it
    comes from, if any, and the blocks after it. A text standing in for a missing
    translation is a ``Directed`` block: its first paragraph still goes on the marker's
    line, in its own direction (renderers isolate it there), so "2." is not left alone on
    a line above it."""
    first = blocks[0] if blocks else None
    if isinstance(first, Directed) and first.blocks and isinstance(first.blocks[0], Paragraph):
        after = (replace(first, blocks=first.blocks[1:]),) if first.blocks[1:] else ()
        return first.blocks[0], first, after + blocks[1:]
    if isinstance(first, Paragraph):
        return first, None, blocks[1:]
    return None, None, blocks


def isolated(spans: Inline, direction: str) -> Inline:
    """Spans kept in ``direction`` on a line of the other (LRI or RLI ... PDI)."""
    return marked(spans, LRI if direction == "ltr" else RLI, PDI)


def marked(spans: Inline, before: str = "", after: str = "") -> Inline:
    """Spans between invisible marks (bidi isolates), in the text of the first and last
    span (one run: most names of a long list), or in spans of their own beside a link, a
    note or code, whose text must stay as it is: a link's text inside the marks was no
    longer its address, and the TXT printed both ("FSI https://www.hrw.org PDI
    <https://www.hrw.org>")."""
    out = list(spans)
    if before:
        if out and _bare(out[0]):
            out[0] = replace(out[0], text=before + out[0].text)
        else:
            out.insert(0, Span(before))
    if after:
        if out and _bare(out[-1]):
            out[-1] = replace(out[-1], text=out[-1].text + after)
        else:
            out.append(Span(after))
    return tuple(out)


def _bare(span: Span) -> bool:
    return not (span.href or span.code or span.br or span.note is not None)


@dataclass(frozen=True)
class Person:
    """An addressee, cc, sender or contact: a name and its lines, already in order."""

    name: Inline
    lines: tuple[Inline, ...] = ()
    emails: tuple[Inline, ...] = ()  # linked (mailto:); isolated, as below
    phones: tuple[Inline, ...] = ()
    url: Inline | None = None  # isolated in right-to-left pages, the marks outside the link


@dataclass(frozen=True)
class Member:
    number: str  # the printed number or bullet, "" for none
    name: Inline
    fields: tuple[tuple[str, Inline], ...] = ()  # (field, text): role, organisation, ...
    key: str = ""  # who this is, from what the letter says: name, organisation, country, url
    # its own comma, when its whole line runs against its list's direction and is isolated
    # as one (FSI opens its name, PDI closes its last detail): "Dr Amer Masri, Director"
    sep: str | None = None
    ordinal: int | None = None  # its number as counted (exports), None when not numbered
    # (field, text): the name and details as the letter writes them, for exports (line
    # breaks, ISO dates), where ``name`` and ``fields`` are set for one line of print
    written: tuple[tuple[str, str], ...] = ()

    @property
    def boxed(self) -> bool:
        """Whether a member isolated as one line (``sep``) holds an inline element (a link,
        emphasis, a marked word): WeasyPrint lays each element out as a box of its own in
        the line's direction, out of the isolate marks' reach ("https://www.hrw.org Human
        Rights Watch," in an Arabic list), so the HTML sets such a member in an element of
        its own direction; plain ones stay one text run (an element costs every member)."""
        return self.sep is not None and any(
            s.bold or s.italic or s.strike or s.token or not _bare(s)
            for spans in (self.name, *(text for _, text in self.fields)) for s in spans)


@dataclass(frozen=True)
class Group:
    name: Inline | None
    members: tuple[Member, ...]
    display: Literal["list", "columns", "inline", "table", "signature"] = "list"
    columns: tuple[str, ...] = ()
    intro: tuple[Block, ...] = ()
    note: tuple[Block, ...] = ()
    numbered: bool = True
    lang: str | None = None
    dir: str | None = None
    sep: str = ", "  # between a member's name and details: the comma of the group's language
    # a table's column widths, fractions of the line (number column first when numbered),
    # shared by the page's tables of the same columns (table_widths)
    widths: tuple[float, ...] = ()
    # how its members' numbers (or bullets) were made, for Word numbering (None: none)
    style: NumberStyle | None = None


@dataclass(frozen=True)
class Signatories:
    heading: Inline | None
    groups: tuple[Group, ...]
    count: int
    intro: tuple[Block, ...] = ()
    note: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Contacts:
    heading: Inline | None
    people: tuple[Person, ...]
    intro: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Footnote:
    number: int
    mark: str  # the number in the digits of the page's language (Persian ۳)
    blocks: tuple[Block, ...]
    dir: str | None = None  # its own, when written wholly in the other direction's script


@dataclass(frozen=True)
class Page:
    """A whole letter as the reader sees it, in one language."""

    lang: str
    dir: str
    title: Inline | None
    subtitle: Inline | None
    dateline: str | None  # "Brussels, 15 December 2016"
    date: str | None
    place: str | None
    reference: str | None
    sender: Person | None
    logo: Path | None  # as Image.path
    to: tuple[Person, ...]
    cc: tuple[Person, ...]
    subject: Inline | None
    salutation: Inline | None
    body: tuple[Block, ...]
    closing: Inline | None
    signatories: Signatories | None
    contacts: Contacts | None
    postscript: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    # the language Word proofs left-to-right text in (an English name in an Arabic letter):
    # the letter's, so that each file of it, built separately, says the same
    latin_lang: str
    # and right-to-left text (w:bidi): the letter's, so that its English file names the
    # Arabic of its Arabic file (it kept the template's ar-SA); None: the letter has none
    rtl_lang: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    body_sizes: tuple[int, ...] = ()  # page blocks per YAML body block (to align languages)
    meta_title: str = ""
    author: str = ""
    base: Path = Path()

    @property
    def reference_line(self) -> str:
        """The reference after its label, or alone where the label is "" (set so, or
        typed in the reference already)."""
        return " ".join(x for x in (self.labels.get("reference", ""), self.reference) if x)
