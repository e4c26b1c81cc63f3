"""Letter model -> page: every decision both output formats share is taken here, once.

Numbers of demands and signatories, dates and labels in the letter's language, direction,
the signatory count in text, footnote numbers and inline formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from letterpress import i18n, tokens
from letterpress import model as m
from letterpress import page as p
from letterpress.collation import sort_key
from letterpress.errors import Diagnostic, LetterError
from letterpress.images import fills
from letterpress.inline import Markdown, link_target
from letterpress.load import Loaded
from letterpress.markers import first_number, format_marker, room_of, style_of
from letterpress.notes import labels as footnote_labels
from letterpress.placeholders import substitute
from letterpress.signatories.dedupe import group_in, group_keys, words
from letterpress.source import format_path, strings
from letterpress.table_widths import with_widths

IDENTITY_FIELDS = ("organisation", "country", "url")  # with the name: who a member is


@dataclass
class _Context:
    loaded: Loaded
    lang: str
    md: Markdown
    counts: dict[str, int] = field(default_factory=dict)  # %{count:...}: by folded name
    group_names: list[str] = field(default_factory=list)  # as printed, for messages
    notes: dict[str, int] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    sequence: int = 0
    last_numbered: tuple[int, int, p.NumberStyle] | None = None  # (sequence, next, style)
    # a member detail's spans by (field, text): countries and roles repeat down a long list
    details: dict[tuple[str, str], p.Inline] = field(default_factory=dict)
    sep: str = ", "  # the page's comma between items (its labels' "sep")

    def comma(self, lang: str | None) -> str:
        """The comma between items of a part in ``lang``: the page's (a ``labels`` override
        included) in its own language, that language's own in another ("، " in Arabic)."""
        if lang is None or i18n.base(lang) == i18n.base(self.lang):
            return self.sep
        return i18n.separator(lang)

    def text(self, value: str | dict[str, str] | None) -> str | None:
        """The text in this language, else the first listed language's (``printed_in``)."""
        if value is None or isinstance(value, str):
            return value
        used = m.printed_in(value, self.lang, self.loaded.letter.lang)
        return None if used is None else value[used]

    def isolated(self, spans: p.Inline | None) -> p.Inline:
        """A member's or contact's value kept in its own direction (FSI...PDI), so an English
        name in Arabic, or a phone number, neither reorders nor drags punctuation along.
        Only where right-to-left text is involved: English letters stay byte for byte."""
        if not spans:
            return ()
        rtl = self.rtl or any(i18n.has_rtl(s.text) for s in spans)
        if not rtl:
            return spans
        # one script: its own direction (first strong); both: the letter's, as the line
        # around it ("SMEX للحقوق الرقمية" read left to right from SMEX, words swapped)
        opener = i18n.FSI
        if any(i18n.has_ltr(s.text) for s in spans) and any(i18n.has_rtl(s.text) for s in spans):
            opener = i18n.RLI if self.rtl else i18n.LRI
        return p.marked(spans, opener, i18n.PDI)

    @property
    def dir(self) -> str:
        return i18n.direction(self.lang)

    @cached_property
    def rtl(self) -> bool:
        return self.dir == "rtl"

    def counted(self, value: str | dict[str, str] | None) -> str | None:
        text = self.text(value)
        if text is None or "%" not in text:
            return text

        def swap(match: re.Match[str]) -> str:
            if match.group(1):
                return "%{"
            group = match.group(2)
            if group is None:
                return i18n.digits(str(self.counts.get("", 0)), self.lang)
            count = group_in(group, self.counts)  # never the total: no group key is ""
            if count is None:
                known = ", ".join(self.group_names) or "none"
                where = next((path for path, text in strings(self.loaded.doc.data)
                              if match.group(0) in text), ("signatories",))
                self.problems.append(self.loaded.doc.diagnostic(
                    where, f"{format_path(where)}: {match.group(0)}: no signatory group of "
                    f"that name (groups: {known})"))
                return match.group(0)
            return i18n.digits(str(count), self.lang)

        return substitute(text, swap)

    def fallen_back(self, value: str | dict[str, str] | None) -> str | None:
        """The language of a text written for another language, of the other direction,
        that stands in for a missing translation; else None."""
        if not isinstance(value, dict):
            return None
        used = m.printed_in(value, self.lang, self.loaded.letter.lang)
        return used if used and i18n.direction(used) != self.dir else None

    def inline(self, value: str | dict[str, str] | None) -> p.Inline | None:
        """Inline text; text that starts in the other direction (a missing translation's
        stand-in, one closing for both languages) keeps its own, isolated, so the "!" of an
        English title stays at its end in the Arabic version."""
        text = self.counted(value)
        if text is None:
            return None
        spans = self.md.inline(text)
        return self.isolated(spans) if _against(text, self.lang) else spans

    def value(self, value: str | dict[str, str] | None) -> p.Inline:
        """A name or detail of a person: inline text always isolated (see isolated)."""
        return self.isolated(self.md.inline(self.counted(value) or ""))

    def blocks(self, value: str | dict[str, str] | None, role: str = "body") -> tuple[
            p.Block, ...]:
        """Blocks of text; a stand-in of the other direction is set in its language."""
        text = self.counted(value)
        if text is None:
            return ()
        blocks = self.md.blocks(text, role)
        lang = self.fallen_back(value)
        return (p.Directed(lang, i18n.direction(lang), blocks),) if lang and blocks else blocks


def build(loaded: Loaded, lang: str | None = None) -> p.Page:
    """The page for one language of a loaded letter."""
    letter = loaded.letter
    lang = lang or letter.lang[0]
    notes: dict[str, int] = {}
    md = Markdown(footnote_labels(letter.footnotes, loaded.doc.text),
                  lambda label: notes.setdefault(label, len(notes) + 1),
                  lambda number: i18n.digits(number, lang))
    ctx = _Context(loaded, lang, md, notes=notes)
    labels = _labels(ctx)
    ctx.sep = labels["sep"]
    reference = ctx.text(letter.reference)
    if reference and _labelled(reference, labels["reference"]):
        labels["reference"] = ""
    groups = _resolve_groups(ctx)  # first: %{count} in any text needs the totals
    # each part in reading order (the template's), as footnotes are numbered on first use
    sender = letter.from_
    letterhead = _person(ctx, sender) if sender and sender.name else None
    header = (ctx.inline(letter.title), ctx.inline(letter.subtitle))
    to = tuple(_addressee(ctx, a) for a in letter.to)
    cc = tuple(_addressee(ctx, a) for a in letter.cc)
    opening = (ctx.inline(letter.subject), ctx.inline(letter.salutation))
    body = _with_dateline(ctx, [_block(ctx, block) for block in letter.body])
    closing = ctx.inline(letter.closing)
    page = p.Page(
        lang=lang,
        dir=i18n.direction(lang),
        title=header[0],
        subtitle=header[1],
        dateline=_dateline(ctx) if _options(ctx).dateline == "top" else None,
        date=_date(ctx),
        place=ctx.text(letter.place),
        reference=reference,
        sender=letterhead,
        logo=(loaded.folder.absolute() / sender.logo) if sender and sender.logo else None,
        to=to,
        cc=cc,
        subject=opening[0],
        salutation=opening[1],
        body=tokens.marked(_shared_rooms(tuple(b for group in body for b in group)),
                           i18n.direction(lang)),
        closing=closing,
        signatories=_signatories(ctx, labels, groups) if groups is not None else None,
        contacts=_contacts(ctx, letter.contacts, labels) if letter.contacts else None,
        postscript=ctx.blocks(letter.postscript),
        footnotes=(),
        latin_lang=_latin_lang(letter.lang, body, groups),
        rtl_lang=_first_lang("rtl", letter.lang, body, groups),
        labels=labels,
        body_sizes=tuple(len(group) for group in body),
        meta_title=p.plain(ctx.inline(letter.title) or ctx.inline(letter.subject)) or
        loaded.name,
        author=ctx.text(sender.name) or "" if sender else "",
        base=loaded.folder,
    )
    footnotes = _footnotes(ctx)
    if ctx.problems:  # a text read twice (the title: heading and metadata) says it once
        raise LetterError(list(dict.fromkeys(ctx.problems)))
    return _replace_footnotes(page, footnotes)


def _latin_lang(langs: list[str], body: list[tuple[p.Block, ...]],
                groups: Resolved | None) -> str:
    """The language of a page's left-to-right text, for spelling (a right-to-left letter's
    own there had Word check every English name against the Arabic dictionary): the
    letter's first left-to-right language, whichever page is built (an [fr, ar] letter's
    Arabic file, built on its own, checks French names in French), else a body block's or
    signatory group's, else US English, as Word writes for an Arabic document."""
    return _first_lang("ltr", langs, body, groups) or "en-US"


def _first_lang(direction: str, langs: list[str], body: list[tuple[p.Block, ...]],
                groups: Resolved | None) -> str | None:
    """The letter's first language written in ``direction``, else a body block's or
    signatory group's: the same for each file of the letter."""
    found = [*langs, *(b.lang for blocks in body for b in blocks if isinstance(b, p.Directed)),
             *(g.lang for g, _ in groups or () if g.lang)]
    return next((i18n.locale_tag(lang) for lang in found if i18n.direction(lang) == direction),
                None)


def _replace_footnotes(page: p.Page, footnotes: tuple[p.Footnote, ...]) -> p.Page:
    return replace(page, footnotes=footnotes)


def _labels(ctx: _Context) -> dict[str, str]:
    """The language's labels, then the layout's, then the letter's: each override only
    where it gives this language or every language (a label is no text to fall back to
    another language: the built-in one is in the right language). In the order of their
    keys, not of a set's hashes: the same in every process, as what renderers are given is
    compared between builds (``manifest.rendering``)."""
    labels = {key: i18n.label(key, ctx.lang) for key in sorted(i18n.LABEL_KEYS)}
    for overrides in (ctx.loaded.layout.manifest.labels, ctx.loaded.letter.labels):
        for key, value in overrides.items():
            text = i18n.label_override(value, ctx.lang)
            if text is not None:
                labels[key] = text
    return labels


def _labelled(text: str, label: str) -> bool:
    """Whether a text begins with its label, as typed references often do ("Réf. :
    LDH/2024/112" under "Réf.", "Ref: SNA/2016/12" under "Ref."): letters alone compared,
    case and accents aside, so that the label is not printed a second time before it. A
    label of one word is also the long form it abbreviates, a first word that begins with
    it and a colon after ("Reference: SNA/12", "Référence : ..."), so that "Refugee
    Council" keeps it."""
    mine = words(label)
    if not mine:
        return False
    first = _FIRST_WORD.match(text)
    return words(text)[:len(mine)] == mine or (
        len(mine) == 1 and first is not None and "".join(words(first[1])).startswith(mine[0]))


_FIRST_WORD = re.compile(r"\W*(\w+)\s*:")  # a text's first word, followed by a colon


def _options(ctx: _Context) -> Any:
    return ctx.loaded.layout.manifest.options


def _with_dateline(ctx: _Context, body: list[tuple[p.Block, ...]]) -> list[
        tuple[p.Block, ...]]:
    """Press-release style: "[24 September, New York] " opens the first paragraph, or
    stands as a paragraph of its own before a body that starts otherwise (a heading).
    ``body``: the page blocks of each YAML block; the dateline belongs to the first."""
    letter = ctx.loaded.letter
    date = _date(ctx)
    text = i18n.separator(ctx.lang).join(x for x in (date, ctx.text(letter.place)) if x)
    if _options(ctx).dateline != "inline" or not text:
        return body
    first = body[0] if body else ()
    if first and isinstance(first[0], p.Paragraph):
        opening = (p.Paragraph((p.Span(f"[{text}] ", bold=True), *first[0].spans),
                               first[0].role), *first[1:])
    else:
        opening = (p.Paragraph((p.Span(f"[{text}]", bold=True),)), *first)
    return [opening, *body[1:]]


def _date(ctx: _Context) -> str | None:
    text = ctx.text(ctx.loaded.letter.date)
    return i18n.format_date(text, ctx.lang) if text else None


def _dateline(ctx: _Context) -> str | None:
    letter = ctx.loaded.letter
    date = _date(ctx)
    place = ctx.text(letter.place)
    return i18n.separator(ctx.lang).join(x for x in (place, date) if x) or None


def _texts(ctx: _Context, values: list[str | dict[str, str]] | None) -> list[str]:
    """Lines in this language; a line given per language as "" is none (``{en: [a, b],
    uk: [a]}``: the Ukrainian has one line)."""
    texts = (ctx.text(v) or "" for v in values or [])
    return [text for text, v in zip(texts, values or [], strict=True)
            if text or not isinstance(v, dict)]


def _lines(ctx: _Context, values: list[str | dict[str, str]] | None) -> list[p.Inline]:
    return [ctx.md.inline(text) for text in _texts(ctx, values)]


def _person(ctx: _Context, person: m.Person | m.Sender) -> p.Person:
    name = ctx.value(person.name)  # first: its notes come first in reading
    lines = _lines(ctx, getattr(person, "role", None))
    if isinstance(person, m.Person) and person.organisation:
        lines.append(ctx.md.inline(ctx.text(person.organisation) or ""))
    lines += _lines(ctx, person.address)

    def value(text: str, href: str | None = None) -> p.Inline:
        """An address or number never reversed by right-to-left text around it: isolated
        (FSI ... PDI), the marks outside the link, which points at the bare address."""
        span = p.Span(text, href=href)
        return p.marked((span,), i18n.FSI, i18n.PDI) if ctx.dir == "rtl" else (span,)

    emails = _texts(ctx, person.email)
    return p.Person(
        name=name,
        lines=tuple(ctx.isolated(line) for line in lines),
        emails=tuple(value(e, f"mailto:{e}") for e in emails),
        phones=tuple(value(t) for t in _texts(ctx, person.phone)),
        url=value(person.url, link_target(person.url)) if person.url else None,
    )


def _addressee(ctx: _Context, entry: m.Person | str | dict[str, str]) -> p.Person:
    if isinstance(entry, m.Person):
        return _person(ctx, entry)
    return p.Person(name=ctx.value(entry))


# --- body ---------------------------------------------------------------------------------------

def _block(ctx: _Context, block: m.Block) -> tuple[p.Block, ...]:
    """A YAML body block as page blocks; ``lang`` on it sets that part's language, as does
    a quotation standing in for a missing translation (bar and text on its side)."""
    blocks = _plain_block(ctx, block)
    lang = getattr(block, "lang", None)
    if not lang and isinstance(block, m.Quote) and (lang := ctx.fallen_back(block.quote)):
        quote = blocks[0]
        assert isinstance(quote, p.Quote)
        if quote.blocks:  # (an empty stand-in has no text to set apart: an IndexError)
            assert isinstance(quote.blocks[0], p.Directed)
            blocks = (replace(quote, blocks=quote.blocks[0].blocks, sep=ctx.comma(lang)),)
    if lang and lang != ctx.lang and blocks:
        return (p.Directed(lang, i18n.direction(lang), blocks),)
    return blocks


def _plain_block(ctx: _Context, block: m.Block) -> tuple[p.Block, ...]:
    if isinstance(block, str | dict):
        return ctx.blocks(block)
    if isinstance(block, m.Paragraphs):
        return ctx.blocks(block.text)
    if isinstance(block, m.Heading):
        return (p.Heading(ctx.inline(block.heading) or (), block.level),)
    if isinstance(block, m.Quote):
        return (p.Quote(ctx.blocks(block.quote), ctx.inline(block.by), ctx.inline(block.role),
                        ctx.comma(block.lang)),)
    if isinstance(block, m.Demands):
        return (_list(ctx, block.demands, "demands", block.lang or ctx.lang),)
    if isinstance(block, m.BulletList):
        return (_list(ctx, block.list_, "list", block.lang or ctx.lang),)
    if isinstance(block, m.Rule):
        return (p.Rule(),) if block.rule else ()
    if isinstance(block, m.PageBreak):
        return (p.PageBreak(),) if block.page_break else ()
    if isinstance(block, m.Image):
        path, caption = ctx.loaded.folder.absolute() / block.image, ctx.inline(block.caption)
        alt = ctx.text(block.alt) or p.plain(caption)
        # an SVG without a size of its own fills the width, as browsers draw it (and as
        # WeasyPrint does, except in right-to-left text, where it fails without a width)
        return (p.Image(path, caption, block.width or ("100%" if fills(path) else None), alt),)
    raise AssertionError(f"unhandled block {block!r}")  # pragma: no cover


def _style(marker: str, lang: str) -> p.NumberStyle:
    """A marker's numbering style, its digits those the language writes by default (1. is
    ۱. in Persian, as its dates and counts are)."""
    style = style_of(marker)
    native = i18n.native_digits(lang) if style.kind == "decimal" else None
    return replace(style, kind=native) if native else style  # type: ignore[arg-type]


def _list(ctx: _Context, spec: m.ListSpec, kind: str, lang: str) -> p.ListBlock:
    """A top-level demands or list block: numbering may carry on from the previous list."""
    default = "1." if kind == "demands" else "•"
    continuing = spec.continue_ and ctx.last_numbered is not None
    if continuing and ctx.last_numbered is not None:
        sequence, start, style = ctx.last_numbered
        if spec.marker:
            style = _style(spec.marker, lang)
    else:
        ctx.sequence += 1
        sequence, style = ctx.sequence, _style(spec.marker or default, lang)
        start = first_number(spec.marker) if spec.marker else 1
    if spec.start is not None:
        start = spec.start
    intro = ctx.inline(spec.intro)  # first: its notes come before the items'
    items = _items(ctx, spec.items, style, start, 0, lang)
    block = p.ListBlock(items, style, start, sequence, restart=not continuing or
                        spec.start is not None, kind=kind,  # type: ignore[arg-type]
                        intro=intro)
    if style.kind != "bullet":
        ctx.last_numbered = (sequence, start + len(items), style)
    return block


def _shared_rooms(blocks: tuple[p.Block, ...]) -> tuple[p.Block, ...]:
    """The parts of a list (``continue: true``) hang by the room of the widest marker of them
    all, as the DOCX's one Word list does: "9." stands under "8." across a heading, and a
    "12." later on fits the first part's indent."""
    parts: dict[int, list[p.ListBlock]] = {}
    for block in blocks:
        for inner in block.blocks if isinstance(block, p.Directed) else (block,):
            if isinstance(inner, p.ListBlock) and inner.sequence:  # 0: a Markdown list
                parts.setdefault(inner.sequence, []).append(inner)
    rooms = {sequence: max(map(room_of, found)) for sequence, found in parts.items()
             if len(found) > 1}

    def sized(block: p.Block) -> p.Block:
        if isinstance(block, p.Directed):
            return replace(block, blocks=tuple(map(sized, block.blocks)))
        if isinstance(block, p.ListBlock) and block.sequence in rooms:
            return replace(block, room=rooms[block.sequence])
        return block

    return tuple(map(sized, blocks)) if rooms else blocks


def _items(ctx: _Context, items: list[m.Item], style: p.NumberStyle, start: int,
           depth: int, lang: str) -> tuple[p.Item, ...]:
    out = []
    printed = [item for item in items if not m.prints_nothing(
        item.text if isinstance(item, m.ListItem) and not item.items else item)]
    for n, item in enumerate(printed, start):  # an empty item is left out (load warns)
        marker = format_marker(n, style)
        if isinstance(item, m.ListItem):
            sub = None
            if item.items:
                sub_marker = item.marker or ("•" if style.kind == "bullet" else
                                             "أ)" if i18n.is_arabic_script(lang) else "a)")
                sub_style = _style(sub_marker, lang)
                sub_start = item.start if item.start is not None else 1
                ctx.sequence += 1
                sub = p.ListBlock(_items(ctx, item.items, sub_style, sub_start, depth + 1, lang),
                                  sub_style, sub_start, ctx.sequence, depth=depth + 1)
            out.append(p.Item(marker, ctx.blocks(item.text), sub))
        else:
            out.append(p.Item(marker, ctx.blocks(item)))
    return tuple(out)


# --- signatories ---------------------------------------------------------------------------------

def _members(ctx: _Context, entries: list[m.MemberEntry], include_unverified: bool,
             order_lang: str | None) -> list[m.MemberEntry]:
    """The members to print, in order; a name written alone stays a name (it was validated
    as one: making a Member of it validated it again, 5,400 times at 10,000 signatories)."""
    members = [e for e in entries
               if include_unverified or not isinstance(e, m.Member) or e.verified is not False]
    if order_lang:  # alphabetical, in this language's alphabet
        members.sort(key=lambda x: sort_key(ctx.text(_name(x)) or "", order_lang))
    return members


def _name(entry: m.MemberEntry) -> str | dict[str, str]:
    return entry.name if isinstance(entry, m.Member) else entry


Resolved = list[tuple[m.Group, list[m.MemberEntry]]]


def _resolve_groups(ctx: _Context) -> Resolved | None:
    """Groups with their printed members, in order; records the counts ``%{count}`` uses."""
    sig = ctx.loaded.letter.signatories
    if sig is None:
        return None
    groups = ([m.Group(members=sig.members)] if sig.members else []) + list(sig.groups)
    resolved = []
    for group in groups:
        ordered = (group.order or sig.order) == "alphabetical"
        resolved.append((group, _members(ctx, group.members, sig.include_unverified,
                                         (group.lang or ctx.lang) if ordered else None)))
    ctx.counts[""] = sum(len(ms) for _, ms in resolved)
    for group, ms in resolved:  # a group answers to its name as sign --group matches it
        for key in group_keys(group.name):  # same-name groups count together
            ctx.counts[key] = ctx.counts.get(key, 0) + len(ms)
        if name := (ctx.text(group.name) or "").strip():
            ctx.group_names.append(name)
    return resolved


def _signatories(ctx: _Context, labels: dict[str, str],
                 resolved: Resolved) -> p.Signatories | None:
    """Numbers (continuous, per group or none), display and text of every group."""
    sig = ctx.loaded.letter.signatories
    assert sig is not None
    heading = sig.heading if sig.heading is not None else labels["signatories"]
    heading_spans = ctx.inline(heading) if ctx.text(heading) else None
    intro = ctx.blocks(sig.intro, "intro")
    number = 1
    out = []
    for group, ms in resolved:
        if not ms and group.intro is None and group.note is None:
            continue  # nobody to print yet (no members, or none verified): no bare heading
        name, group_intro = ctx.inline(group.name), ctx.blocks(group.intro, "intro")
        numbering = group.numbering or sig.numbering
        display = group.display or sig.display
        if display == "signature" and not (group.numbering or "numbering" in sig.model_fields_set):
            numbering = "none"  # a signature block carries no number unless asked for
        style = _style(group.marker or sig.marker or "1.", group.lang or ctx.lang)
        if numbering == "per-group":
            number = 1
        numbered = numbering != "none" and style.kind != "bullet"
        columns = tuple(group.columns or sig.columns)
        # one line per member (list, columns): the direction its lines run in
        line_rtl = (i18n.direction(group.lang) if group.lang else ctx.dir) == "rtl" \
            if display in ("list", "columns") else None
        members = []
        for member in ms:
            ordinal = number if numbered else None
            if numbered:
                mark = format_marker(number, style)
                number += 1
            else:
                mark = style.bullet if style.kind == "bullet" and (group.marker or sig.marker) \
                    else ""
            members.append(_member(ctx, member, mark, ordinal, line_rtl,
                                   columns if display == "table" else None))
        lang = group.lang
        out.append(p.Group(
            name=name, members=tuple(members), display=display,
            columns=columns, intro=group_intro,
            note=ctx.blocks(group.note, "note"), numbered=numbered, lang=lang,
            dir=i18n.direction(lang) if lang else None, sep=ctx.comma(lang),
            style=style if numbered or style.kind == "bullet" else None))
    note = ctx.blocks(sig.note, "note")
    if not out and not intro and not note:
        return None  # nobody yet: no heading over nothing
    theme = ctx.loaded.layout.manifest.style
    letter = ctx.loaded.letter
    languages = len(letter.lang) if letter.combine == "parallel" else 1
    # side by side, a table stands in its language's column (less the 3 mm padding each side)
    width_mm = (theme.text_width_mm - 6 * (languages - 1)) / languages
    groups = with_widths(out, width_mm * 72 / 25.4, theme.font_size)
    return p.Signatories(heading=heading_spans, groups=groups, count=ctx.counts[""],
                         intro=intro, note=note)


def _member(ctx: _Context, member: m.MemberEntry, number: str, ordinal: int | None,
            line_rtl: bool | None, columns: tuple[str, ...] | None = None) -> p.Member:
    """A member's name and details, each kept in its own direction (isolated) where right
    to left is involved; a member written wholly in the other direction's script, on a
    line of its own (``line_rtl``: its list's direction), is isolated as one line with its
    own comma instead, so "Dr Amer Masri, Director" reads as written in an Arabic list.
    A table's member has the details its ``columns`` print, in their order (its notes are
    numbered in reading order); the date the member signed is the coordinators' record: a
    detail only where a table asks for it as a column."""
    name_text = ctx.text(_name(member)) or ""
    name = ctx.md.inline(name_text)  # first: its notes come first in reading
    details: list[tuple[str, str]] = []
    written = [("name", name_text)]  # (for the exports: the date too)
    key = [" ".join(name_text.casefold().split())]
    for field_name in m.MEMBER_FIELDS if isinstance(member, m.Member) else ():
        text = ctx.text(getattr(member, field_name))
        if text and not text.isspace():  # a blank cell of a CSV or form: no ", ," for it
            written.append((field_name, text))
            if field_name != "added" or columns is not None:
                details.append((field_name, text))
            if field_name in IDENTITY_FIELDS:
                key.append(f"{field_name}={text.casefold()}")
    if columns is not None:
        given = dict(details)
        details = [(field_name, given[field_name]) for field_name in columns
                   if field_name in given]
    who = "|".join(key) if len(key) > 1 else f"{key[0]}|"
    # (a date is written in the letter's language: a dated member is never wholly other)
    if line_rtl is not None and name and (line_rtl or i18n.has_rtl(name_text)) and \
            all(f != "added" for f, _ in details) and \
            _written_against([name_text, *(t for _, t in details)], line_rtl):
        spans = [name, *(_detail(ctx, f, t) for f, t in details)]
        spans[0] = p.marked(spans[0], before=i18n.FSI)
        spans[-1] = p.marked(spans[-1], after=i18n.PDI)
        return p.Member(number, spans[0], tuple(zip((f for f, _ in details), spans[1:],
                                                      strict=True)),
                        who, i18n.comma_of(name_text), ordinal, tuple(written))
    fields = []
    for field_name, text in details:
        shown = ctx.details.get((field_name, text))
        if shown is None:
            shown = ctx.details[field_name, text] = ctx.isolated(_detail(ctx, field_name, text))
        fields.append((field_name, shown))
    return p.Member(number, ctx.isolated(name), tuple(fields), who, None, ordinal,
                    tuple(written))


def _written_against(texts: list[str], line_rtl: bool) -> bool:
    """Whether texts are in the script of the other direction only."""
    joined = "".join(texts)
    own, other = (i18n.has_rtl, i18n.has_ltr) if line_rtl else (i18n.has_ltr, i18n.has_rtl)
    return other(joined) and not own(joined)


def _detail(ctx: _Context, name: str, text: str) -> p.Inline:
    """A member's detail as spans; the same text gives the same spans (a footnote reference
    has its number from its first use), so they are worked out once per text."""
    if name == "url":
        return (p.Span(text, href=link_target(text)),)
    if name == "added":
        return (p.Span(i18n.format_date(text, ctx.lang)),)
    return ctx.md.inline(text)


def _against(text: str, lang: str) -> str | None:
    """The direction of a text mostly in a script that runs against the letter's, else
    None (an Arabic subject opening on "Re:" runs with the letter)."""
    own = i18n.leaning(text)
    return own if own and own != i18n.direction(lang) else None


def _contacts(ctx: _Context, contacts: m.Contacts, labels: dict[str, str]) -> p.Contacts:
    heading = contacts.heading if contacts.heading is not None else labels["contacts"]
    shown = ctx.inline(heading) if ctx.text(heading) else None
    intro = ctx.blocks(contacts.intro, "intro")  # (in reading order: notes are numbered so)
    return p.Contacts(heading=shown, intro=intro,
                      people=tuple(_person(ctx, person) for person in contacts.people))


def _footnotes(ctx: _Context) -> tuple[p.Footnote, ...]:
    letter = ctx.loaded.letter
    for label in letter.footnotes:  # defined but never referenced: still printed, never lost
        ctx.notes.setdefault(label, len(ctx.notes) + 1)
    out = []
    for label, number in sorted(ctx.notes.items(), key=lambda kv: kv[1]):
        text = None
        if label in letter.footnotes:
            blocks = ctx.blocks(letter.footnotes[label], "note")
            text = ctx.text(letter.footnotes[label])
        else:
            blocks = ctx.md.definitions.get(label, ())
        # an English source under an Arabic letter reads left to right (its full stop and
        # commas stood at the wrong ends: ".November 2023 ,Hacking in a war zone")
        other = text is not None and _written_against([text], ctx.rtl)
        out.append(p.Footnote(number, i18n.digits(str(number), ctx.lang), blocks,
                              ("ltr" if ctx.rtl else "rtl") if other else None))
    return tuple(out)
