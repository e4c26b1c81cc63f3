"""Page -> plain text for e-mail: wrapped at 72 columns, list and signatory numbers kept.

Text stays in logical order (no visual reordering for right-to-left scripts); links are
written out after their text.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator

from letterpress import i18n
from letterpress import page as p
from letterpress.i18n import upper
from letterpress.layouts import Layout

WIDTH = 72


def spans(items: p.Inline | None) -> str:
    """Inline text as plain text; struck text between ~~ as the letter wrote it (dropped
    silently, "unknown" read as part of the sentence it was struck from)."""
    out = []
    struck = False
    for s in items or ():
        if s.strike != struck and not s.br:
            out.append("~~")
            struck = s.strike
        if s.br:
            out.append("\n")
        elif s.note is not None:
            out.append(f"[{s.text}]")
        elif s.href and s.href not in (s.text, f"mailto:{s.text}", f"https://{s.text}"):
            out.append(f"{s.text} <{s.href}>")
        else:
            out.append(s.text)
    return "".join(out) + ("~~" if struck else "")


# Spaces no line breaks at (UAX #14, as the PDF breaks): before : ; ! ? and closing marks
# (a closing quote followed by no letter: "» ", "».", not Danish "»Tak"), after an opening
# quote or bracket that follows a space; French spaces them all ("1946 : le", "« soulèvent").
_GLUED = re.compile(r" +(?=[:;!?)\]}]|[»›”’](?!\w))|(?:(?<=^[«‹“‘(\[{])|(?<=\s[«‹“‘(\[{])) +")
_KEPT = "\ufdd0"  # a noncharacter standing in for a glued space while textwrap splits


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """Lines of at most WIDTH, except a word longer than that (a web address), which has a
    line of its own rather than being cut where it would no longer work."""
    lines = []
    lead = indent if first is None else first
    text = _GLUED.sub(lambda m: _KEPT * len(m.group()), text)
    for part in text.split("\n"):
        wrapped = textwrap.wrap(part, WIDTH, initial_indent=lead, subsequent_indent=indent,
                                break_long_words=False, break_on_hyphens=False) or [lead.rstrip()]
        lines += wrapped
        lead = indent
    return "\n".join(_isolated_per_line(lines)).replace(_KEPT, " ")


_OPENERS, _PDI = i18n.LRI + i18n.RLI + i18n.FSI, i18n.PDI


def _isolated_per_line(lines: list[str]) -> list[str]:
    """Each line's direction isolates closed on it, and reopened on the next: an isolate
    (a name kept in its own direction) opened on one line and closed on the next made the
    line end run on in the wrong direction in a mail reader, which orders line by line."""
    if not any(ch in line for line in lines for ch in _OPENERS):
        return lines
    out, carried = [], ""
    for line in lines:
        body = line.lstrip(" ")
        text, still = carried + body, list(carried)
        for ch in body:
            if ch in _OPENERS:
                still.append(ch)
            elif ch == _PDI and still:
                still.pop()
        out.append(line[:len(line) - len(body)] + text + _PDI * len(still))
        carried = "".join(still)
    return out


def _underlined(text: str, rule: str, indent: str = "") -> str:
    """A title or heading, wrapped, over a rule as long as its longest line (at most WIDTH,
    as a long address alone on a line is longer): a rule of the unwrapped length ran on."""
    lines = _wrap(text, indent)
    longest = max(len(line) for line in lines.split("\n"))
    return f"{lines}\n{indent}{rule * (min(longest, WIDTH) - len(indent))}"


def _room(markers: Iterable[str]) -> int:
    """A list's hanging indent: its widest marker and a space, 4 at least, so that every
    item's text starts in one column, as in print ("III." pushed its text one column
    further than "I." and "II.")."""
    return max([4, *(len(marker) + 1 for marker in markers)])


def _hanging(marker: str, text: str, indent: str, width: int) -> str:
    return _wrap(text, indent + " " * width, indent + marker.ljust(width))


def _note(note: p.Footnote) -> str:
    """"[1] " and the note's text, wrapped once, under its first line's start."""
    marker = f"[{note.mark}]"
    pad = " " * max(len(marker) + 1, 4)
    text = "\n\n".join(_blocks(note.blocks, pad))
    return marker.ljust(len(pad)) + text[len(pad):]


def _blocks(blocks: tuple[p.Block, ...], indent: str = "") -> Iterator[str]:
    for block in blocks:
        if isinstance(block, p.Paragraph):
            yield _wrap(spans(block.spans), indent)
        elif isinstance(block, p.Heading):
            yield _underlined(spans(block.spans), "=" if block.level == 1 else "-", indent)
        elif isinstance(block, p.Quote):
            inner = "\n\n".join(_blocks(block.blocks, indent + "    "))
            by = block.sep.join(x for x in (spans(block.by), spans(block.role)) if x)
            yield inner + ("\n" + _wrap(by, indent + "      ", indent + "    — ") if by else "")
        elif isinstance(block, p.ListBlock):
            yield _list(block, indent)
        elif isinstance(block, p.Rule):
            yield indent + "-" * 20
        elif isinstance(block, p.Code):
            yield textwrap.indent(block.text, indent + "    ")
        elif isinstance(block, p.Directed):
            yield "\n\n".join(_blocks(block.blocks, indent))
        elif isinstance(block, p.Image):
            yield _wrap(f"[{spans(block.caption) or block.alt or block.path.name}]", indent)


def _list(block: p.ListBlock, indent: str) -> str:
    parts = [_wrap(spans(block.intro), indent)] if block.intro else []
    width = _room(item.marker for item in block.items)
    pad = indent + " " * width
    for item in block.items:
        first, directed, rest = p.lead(item.blocks)
        lead = first.spans if first else ()
        lines = [_hanging(item.marker, spans(p.isolated(lead, directed.dir) if directed
                                             else lead), indent, width)]
        lines += _blocks(rest, pad)
        if item.sublist:
            lines.append(_list(item.sublist, pad))
        parts.append("\n".join(lines))
    return "\n".join(parts)


def _person(person: p.Person) -> str:
    lines = [spans(line) for line in (person.name, *person.lines, *person.emails,
                                      *person.phones, *([person.url] if person.url else []))]
    return "\n".join(_wrap(line) for line in lines)


def _member(member: p.Member, group: p.Group, width: int) -> str:
    """A member's line: a table's columns in their order, any other display all details; a
    signature block its name, then each detail on a line of its own, as in print (on one
    comma line, an English role in a Persian letter took the letter's comma)."""
    if group.display == "table":
        values = dict(reversed(member.fields))  # the first value of a field wins
        fields = [spans(values[column]) for column in group.columns if column in values]
    else:
        fields = [spans(text) for _, text in member.fields]
    sep = "\n" if group.display == "signature" else member.sep or group.sep  # (_wrap: lines)
    text = sep.join([spans(member.name), *fields])
    return _hanging(member.number, text, "", width) if member.number else _wrap(text)


def _inline_member(member: p.Member, sep: str) -> str:
    details = sep.join(spans(text) for _, text in member.fields)
    text = f"{member.number}\u00a0{spans(member.name)}" if member.number else spans(member.name)
    return f"{text} ({details})" if details else text


def _signatories(sig: p.Signatories, lang: str) -> Iterator[str]:
    if sig.heading:
        yield _wrap(upper(spans(sig.heading), lang))
    yield from _blocks(sig.intro)
    for group in sig.groups:
        if group.name:
            yield _wrap(spans(group.name))
        yield from _blocks(group.intro)
        if group.display == "inline":
            yield _wrap("\u00a0· ".join(_inline_member(m, group.sep) for m in group.members))
        else:  # signature blocks apart, lines of a list together
            width = _room(member.number for member in group.members if member.number)
            yield ("\n\n" if group.display == "signature" else "\n").join(
                _member(member, group, width) for member in group.members)
        yield from _blocks(group.note)
    yield from _blocks(sig.note)


def render(page: p.Page, layout: Layout) -> str:
    """The whole letter as plain text."""
    out: list[str] = []
    if page.sender:
        out.append(_person(page.sender))
    if page.title:
        out.append(_underlined(spans(page.title), "="))
    if page.subtitle:
        out.append(_wrap(spans(page.subtitle)))
    if page.reference:
        out.append(_wrap(page.reference_line))
    if page.dateline:
        out.append(_wrap(page.dateline))
    out += [_person(x) for x in page.to]
    if page.cc:
        out.append(_wrap(page.labels["cc"]) + "\n" + "\n".join(_person(x) for x in page.cc))
    if page.subject:
        out.append(_wrap(f"{page.labels['subject']} {spans(page.subject)}"))
    if page.salutation:
        out.append(_wrap(spans(page.salutation)))
    out += _blocks(page.body)
    if page.closing:
        out.append(_wrap(spans(page.closing)))
    if page.signatories:
        out += _signatories(page.signatories, page.lang)
    if page.contacts:
        c = page.contacts
        if c.heading:
            out.append(_wrap(upper(spans(c.heading), page.lang)))
        out += _blocks(c.intro)
        out += [_person(x) for x in c.people]
    out += _blocks(page.postscript)
    if layout.manifest.options.end_mark:
        end = _wrap(page.labels["end"]).split("\n")
        out.append("\n".join(line.center(WIDTH).rstrip() for line in end))
    if page.footnotes:
        out.append(_wrap(page.labels["footnotes"]))
        out += [_note(n) for n in page.footnotes]
    return "\n\n".join(x for x in out if x.strip()) + "\n"
