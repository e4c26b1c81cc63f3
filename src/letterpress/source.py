"""Read YAML into plain data while remembering where every key and value stood.

Scalars stay the text the user wrote: YAML 1.1 would turn ``NO`` into false, ``2016-12-15``
into a date and ``0123`` into 83, and a letter must never be silently changed. Typed fields
(booleans, numbers) are converted later by validation, which knows what each field expects.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from yaml.composer import Composer

from letterpress.errors import Diagnostic, LetterError
from letterpress.invisible import INVISIBLE, WORDS, removed

try:  # libyaml is 7-13x faster; fall back to the pure-Python composer where it is missing
    from yaml import CSafeLoader as _Loader
    _LIBYAML = True  # its reader errors count bytes of the UTF-8 text, not characters
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
    _LIBYAML = False

YamlPath = tuple[str | int, ...]
MAX_BYTES = 32 * 1024 * 1024  # a letter or a source file; 50,000 signatories take ~3 MB
MAX_DEPTH = 64
MAX_NODES = 2_000_000  # expanded size: stops alias bombs ("billion laughs")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # a plain scalar YAML reads as nothing
_MERGE = "tag:yaml.org,2002:merge"
_YAML_TAG = "tag:yaml.org,2002:"
# the tags of untagged (or !!str, !!seq, !!map) nodes, and of merge keys: read as such
_READ_TAGS = frozenset({_MERGE, *(_YAML_TAG + kind for kind in ("str", "seq", "map"))})


class Alias:
    """A node where an alias (``*name``) is written: PyYAML's composer hands back the
    anchored node itself, whose marks are the anchor's, so a duplicate made by an alias was
    reported at its anchor, and sign appended after the anchor rather than after the alias.
    Its copies share the anchored node's content (an alias bomb stays small)."""

    anchored: yaml.Mark  # where the anchored node itself is written


class _AliasScalar(Alias, yaml.ScalarNode):
    pass


class _AliasSequence(Alias, yaml.SequenceNode):
    pass


class _AliasMapping(Alias, yaml.MappingNode):
    pass


class TooDeepError(Exception):
    """Collections nested deeper than a letter needs (PyYAML's composer recurses: ten
    thousand brackets would end in a RecursionError)."""

    def __init__(self, mark: Any) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")
        self.mark = mark


class KeepAliases(Composer):
    """PyYAML's composer, each alias composed as an :class:`Alias` where it is written,
    that refuses to nest deeper than :data:`MAX_DEPTH`."""

    peek_event: Callable[[], yaml.Event]  # the parser's, in the loader this is mixed into
    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if not isinstance(event, yaml.AliasEvent):
            self.depth += 1
            if self.depth > MAX_DEPTH + 1:  # the document's root is one level
                raise TooDeepError(event.start_mark)
            node = super().compose_node(parent, index)
            self.depth -= 1
            return node
        node = super().compose_node(parent, index)
        alias: yaml.Node
        if isinstance(node, yaml.ScalarNode):
            alias = _AliasScalar(node.tag, node.value, style=node.style)
        elif isinstance(node, yaml.SequenceNode):
            alias = _AliasSequence(node.tag, node.value, flow_style=node.flow_style)
        elif isinstance(node, yaml.MappingNode):
            alias = _AliasMapping(node.tag, node.value, flow_style=node.flow_style)
        else:  # pragma: no cover
            return node
        alias.start_mark, alias.end_mark = event.start_mark, event.end_mark
        assert isinstance(alias, Alias)
        alias.anchored = node.start_mark
        return alias


class _Composer(_Loader):
    """libyaml's composer without PyYAML's implicit types: every value stays text (see
    above), so the regular expressions PyYAML tries on each plain scalar to find its type
    (a quarter of the compose time) are skipped; only ``<<`` is told apart."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _MERGE if implicit[0] and value == "<<" else self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


class _AliasComposer(KeepAliases, _Composer):
    """libyaml's parser under PyYAML's composer, which keeps aliases where they are written:
    for a text with an anchor only, as it takes half as long again as libyaml's own."""

    def __init__(self, stream: str) -> None:
        _Composer.__init__(self, stream)
        KeepAliases.__init__(self)


# an anchor (&name) where a node may start: a text without one has no alias either
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s&]", re.M)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAKS = re.compile("\r\n|[\r\n]")
# line breaks to YAML 1.1 that an editor shows inside a line: NEL and the Unicode line and
# paragraph separators (pasted from Word, JSON, JavaScript)
SEPARATORS = re.compile("[\x85\u2028\u2029]")
SEPARATOR_NAMES = {"\x85": "NEXT LINE (NEL)", "\u2028": "LINE SEPARATOR",
                   "\u2029": "PARAGRAPH SEPARATOR"}


def _lines(text: str) -> list[str]:
    """The lines as YAML counts them (its marks' line numbers): a line may also end in \\r
    alone (old Mac), NEL, or a Unicode line or paragraph separator."""
    return _BREAKS.split(text)


class Positions:
    """YAML's line and column -> the editor's, for a text holding a :data:`SEPARATORS`
    character: YAML counts a line there, an editor does not, so every message after one
    was at a line the file does not have. Built only for such a text."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.yaml = [0, *(match.end() for match in _BREAKS.finditer(text))]
        self.editor = [0, *(match.end() for match in _EDITOR_BREAKS.finditer(text))]

    def index(self, line: int, column: int) -> int:
        """The offset of YAML's ``line`` and ``column`` (from 0)."""
        return min(self.yaml[min(line, len(self.yaml) - 1)] + column, self.size)

    def at(self, index: int) -> Mark:
        """The editor's line and column (from 1) of the offset ``index``."""
        line = bisect.bisect_right(self.editor, index)
        return Mark(line, index - self.editor[line - 1] + 1)


def positions(text: str) -> Positions | None:
    """:class:`Positions` for ``text``, or None where YAML counts lines as an editor does
    (almost always: the file is searched once)."""
    return Positions(text) if SEPARATORS.search(text) else None


def _located(where: Positions | None, line: int, column: int) -> Mark:
    """YAML's ``line`` and ``column`` (from 0) as the editor shows them (from 1)."""
    return Mark(line + 1, column + 1) if where is None else where.at(where.index(line, column))


@dataclass
class Document:
    """YAML data plus the position of each value (``marks``) and each mapping key (``keys``)."""

    file: str
    data: Any
    marks: dict[YamlPath, yaml.Mark] = field(default_factory=dict)  # as the parser gave them
    keys: dict[YamlPath, yaml.Mark] = field(default_factory=dict)
    # plain texts that ran on over a line starting "- " (a list item indented one space too
    # far joins the item above: "A - B"), with where its dash stands
    run_on: list[tuple[YamlPath, Mark]] = field(default_factory=list)
    # keys written in a flow mapping with no ':' after them ("{name: A, org: B, section C}":
    # a comma in a value makes its rest a key of its own)
    bare_keys: set[YamlPath] = field(default_factory=set)
    # invisible characters removed from keys and words (see invisible.py), one per place
    cleaned: list[Diagnostic] = field(default_factory=list)
    source: str = field(default="", repr=False)  # the file's text, as read
    # each value an alias copies, where it is written in the anchor's content (``marks``
    # has the alias): one problem there is one, however many aliases copy it
    copied: dict[YamlPath, yaml.Mark] = field(default_factory=dict)

    @cached_property
    def lines(self) -> list[str]:
        """The file's lines as an editor shows them, as its messages number them (split
        once, for the warnings that quote a line of it)."""
        return _EDITOR_BREAKS.split(self.source)

    @cached_property
    def positions(self) -> Positions | None:
        return positions(self.source)

    def point(self, mark: yaml.Mark) -> Mark:
        """Where a mark of the parser stands, as the user's editor shows it."""
        return _located(self.positions, mark.line, mark.column)

    @cached_property
    def text(self) -> str:
        """Every text of the data, one per line (looked through for scripts and footnote
        definitions, once)."""
        return "\n".join(texts(self.data))

    def written(self, path: YamlPath) -> tuple[int, int, YamlPath]:
        """Where the value at ``path`` (or its nearest ancestor with a place) is written,
        as YAML's line and column and the rest of the path: the same for the anchor's
        value and each alias's copy of it."""
        for end in range(len(path), -1, -1):
            mark = self.copied.get(path[:end]) or self.marks.get(path[:end])
            if mark:
                return mark.line, mark.column, path[end:]
        return 0, 0, path

    def where(self, path: YamlPath, *, key: bool = False) -> Mark:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.marks
        for end in range(len(path), -1, -1):
            mark = table.get(path[:end]) or self.marks.get(path[:end])
            if mark:
                return self.point(mark)
        return Mark(1, 1)

    def diagnostic(self, path: YamlPath, message: str, *, key: bool = False,
                   severity: str = "error", line: str = "") -> Diagnostic:
        """A message located at ``path``; with ``line``, at that line of its text (a table
        in the middle of a long block is told where it is, not where the block starts)."""
        mark = self.within(path, line) if line else self.where(path, key=key)
        return Diagnostic(self.file, mark.line, mark.col, message,
                          "warning" if severity == "warning" else "error")

    def within(self, path: YamlPath, line: str) -> Mark:
        """Where a line of the text at ``path`` is written: the first line of the file from
        the text's start on, within as many lines as the text can take (a folded text
        doubles its line ends), that holds it; else the text's start."""
        start, wanted = self.where(path), line.strip()
        text = data_at(self.data, path)
        if not wanted or not isinstance(text, str):
            return start
        lines = self.lines
        for number in range(start.line - 1, min(len(lines),
                                                start.line + 2 * text.count("\n") + 2)):
            col = lines[number].find(wanted)
            if col >= 0:
                return Mark(number + 1, col + 1)
        return start


def walk(folder: Path, seen: set[str] | None = None,
         ) -> Iterator[tuple[Path, list[str], list[str]]]:
    """os.walk's folders, names in order, symbolic links followed as Jinja's loader follows
    them (a ``parts/`` linked into a layout is part of it), each real folder once: a link
    back up the tree would never end. ``seen`` carries over between walks."""
    seen = set() if seen is None else seen
    for top, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:  # a link back up the tree, or a folder walked already
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        yield Path(top), dirs, sorted(names)


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def data_at(data: Any, path: YamlPath) -> Any:
    """The value at ``path`` in read data, or None where there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def strings(data: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
    """Every text in read YAML data with its path, in document order."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, (*path, i))


def texts(data: Any) -> list[str]:
    """Every text in read YAML data, in document order: :func:`strings` without the
    paths, four times faster (a look at every character of a large letter)."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return out


def format_path(path: YamlPath) -> str:
    """``('signatories', 'groups', 1)`` -> ``signatories.groups[1]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf16(head: bytes) -> bool:
    """Whether the start of a file is UTF-16 text without its byte order mark: a NUL byte
    in every other place, next to others (PowerShell's and some converters' output was
    told 'character U+0000 ... YAML does not allow' at 1:2)."""
    if b"\x00" not in head:
        return False
    for zeros, text in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):  # LE, BE
        if zeros.count(0) * 2 > len(zeros) and 0 not in text:
            return True
    return False


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or a located error naming the first bad byte."""
    if raw.startswith(UTF16_BOMS) or _utf16(raw[:512]):  # Excel's "Unicode Text", Notepad's
        raise LetterError([Diagnostic(file, 1, 1, "UTF-16 text; save the file as UTF-8 "
                                      "(Excel: CSV UTF-8; Notepad: UTF-8)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LetterError([Diagnostic(
            file, line, col,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]) from None


_RULE = re.compile(r"[ \t]*-{3,}[ \t]*")
# what libyaml says after Markdown's "---": at column 0 a new document; indented, the line
# runs on as text and the next item lacks its ':' (a "---" in a block text is no error)
_AFTER_RULE = ("but found another document", "could not find expected ':'")


def _rule_line(text: str, line: int) -> tuple[int, int] | None:
    """(line, column) of a "---" line at or just above ``line`` (1-based), where the parser
    stopped: blank lines between them aside."""
    lines = _lines(text)
    for n in range(min(line, len(lines)), 0, -1):
        if _RULE.fullmatch(lines[n - 1]):  # (not the marker a file may open with)
            opening = not any(above.strip() and not above.lstrip().startswith(("#", "%"))
                              for above in lines[:n - 1])
            return None if opening else (n, len(lines[n - 1]) - len(lines[n - 1].lstrip()) + 1)
        if lines[n - 1].strip() and n < line:
            return None
    return None


def read_yaml(text: str, file: str) -> Document:
    """Parse one YAML document; syntax errors and duplicate keys become diagnostics."""
    try:
        root = yaml.compose(text, Loader=_AliasComposer if _ANCHOR.search(text) else _Composer)
    except TooDeepError as exc:
        deep = _located(positions(text), exc.mark.line, exc.mark.column)
        raise LetterError([Diagnostic(file, deep.line, deep.col, str(exc))]) from None
    except yaml.MarkedYAMLError as exc:
        raise LetterError([_syntax(text, file, exc)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        at = exc.position if isinstance(exc.position, int) else 0
        if _LIBYAML:
            at = len(text.encode("utf-8")[:at].decode("utf-8", "ignore"))
        before = _EDITOR_BREAKS.split(text[:at])
        line, col = len(before), len(before[-1]) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise LetterError([Diagnostic(file, line, col, f"character U+{ord(char):04X} is a "
                                      "control character YAML does not allow; remove it")]
                          ) from None
    except yaml.YAMLError as exc:
        raise LetterError([Diagnostic(file, 1, 1, f"YAML: {exc}")]) from None
    doc = Document(file, None, source=text)
    if root is None:
        return doc
    # each text is looked at only if the file has such a character, or an escape to make one
    convert = _Converter(doc, checked="\\" in text or unsafe_char(text) is not None,
                         merges="<<" in text or "merge" in text,  # or !!merge
                         invisible=INVISIBLE.search(text) is not None, tags="!" in text)
    doc.data = convert(root, ())
    # (an anchored mapping's problems and warnings come back with each alias)
    problems = [*(_line_breaking_separators(text, file, root) if SEPARATORS.search(text)
                  else ()), *convert.problems]
    if problems:
        raise LetterError(list(dict.fromkeys(problems)))
    doc.cleaned = list(dict.fromkeys(doc.cleaned))
    return doc


def _syntax(text: str, file: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """A YAML syntax error in words for the writer of a letter, where to mend it."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    stop = _line(text, mark.line) if mark else ""  # the line the parser stopped on
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        problem = "a tab character; indent YAML with spaces"
    elif mark and problem.startswith("mapping values are not allowed") and ": " in \
            stop[:mark.column]:  # "title: Sahel : protéger"
        rest = stop[mark.column:].strip()
        problem = ("a second ':', ending this line (to YAML a colon at the end of a "
                   "value opens a mapping); put text ending in a colon in quotes"
                   if rest == ":" else "a second ': ' on this line; put text holding a "
                   "colon and a space in quotes")
    elif problem.startswith("did not find expected '-' indicator"):  # "  by: Raed"
        problem = ("this line stands where the list's items do but is not one (no '- '): "
                   "indent it under the item above if it belongs to it, as 'by:' under "
                   "'quote:', or start it with '- '")
    elif problem.startswith("did not find expected ','") and mark and (
            arabic := _arabic_separator(stop[:mark.column])):
        problem = (f"the Arabic {arabic} does not separate YAML items: use , (or put the "
                   "value in quotes)")  # {name: أحمد، organisation: ...}
    elif problem.startswith("did not find expected node content") and \
            "flow" in str(exc.context):  # {he: בכבוד רב,, en: ...}
        problem = ("nothing where a value should be, inside {...} or [...]: two commas, "
                   "or a comma ending a value; put a value holding a comma in quotes")
    if unclosed := _unclosed(text, exc):  # point at what was opened instead
        mark, problem = unclosed
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if str(exc.problem).startswith(_AFTER_RULE) and (rule := _rule_line(text, line)):
        line, col = rule
        problem = ("a line '---' is no Markdown rule here: YAML reads it as the start of "
                   "another document (a letter is one) or as part of the text above; for "
                   "a horizontal rule write the block '- rule: true'")
    if (where := positions(text)) is not None:
        index = where.index(line - 1, col - 1)
        if broken := _separator_broke(text, exc, where):
            index, problem = broken
        line, col = (at := where.at(index)).line, at.col
    return Diagnostic(file, line, col, f"YAML syntax: {problem}")


def text_spans(text: str) -> list[tuple[int, int]]:
    """Where each text of a valid YAML file that runs over lines starts and ends (character
    offsets): a line inside one is that text's, whatever it looks like ('# ...' indented in
    a 'note: |' is no comment). The file is composed again, so for the rare caller."""
    return [(node.start_mark.index, node.end_mark.index)
            for node in _nodes(yaml.compose(text, Loader=_Composer))
            if isinstance(node, yaml.ScalarNode) and node.end_mark.line > node.start_mark.line]


def _nodes(root: yaml.Node | None) -> Iterator[yaml.Node]:
    """Every node under ``root``, keys too, each once (an alias is its anchor's node)."""
    todo, done = [root] if root is not None else [], set()
    while todo:
        node = todo.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        yield node
        if isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            todo += [part for pair in node.value for part in pair]


def _line_breaking_separators(text: str, file: str, root: yaml.Node) -> list[Diagnostic]:
    """Each NEL or Unicode separator that YAML 1.1 (PyYAML) reads as the end of a line of
    the letter's structure while an editor, and a YAML 1.2 reader, show one line: what
    follows it ('title: Ceasefire now<U+2028>subtitle: ...') became a key or an item of its
    own without a word. One in a text (quoted, a block, a plain text's indented next line)
    or inside brackets is the text's, or a space; one ending its line changes nothing."""
    starts: list[int] = []
    ends: list[int] = []  # the texts' and brackets' spans, nested ones merged
    for start, end in sorted((node.start_mark.index, node.end_mark.index)
                             for node in _nodes(root) if isinstance(node, yaml.ScalarNode)
                             or getattr(node, "flow_style", False)):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    problems, where = [], Positions(text)
    for match in SEPARATORS.finditer(text):
        at = match.start()
        span = bisect.bisect_right(starts, at) - 1
        if span >= 0 and at < ends[span]:
            continue
        rest = _EDITOR_BREAKS.split(text[match.end():], maxsplit=1)[0]
        if not SEPARATORS.sub("", rest).strip(" \t"):
            continue
        mark = where.at(at)
        problems.append(Diagnostic(file, mark.line, mark.col, "YAML syntax: " +
                                   _separator_message(match.group())))
    return problems


def _separator_message(char: str) -> str:
    return (f"U+{ord(char):04X} {SEPARATOR_NAMES[char]}: YAML reads it as a line break, so "
            "what follows it starts a line of its own; delete it, or write it as "
            f"\\u{ord(char):04x} inside double quotes")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def unsafe_char(text: str) -> tuple[int, str] | None:
    """The first character XML (and so DOCX) cannot hold, with its index; tab, line breaks
    and the joiners Arabic and Persian need are fine."""
    match = _CONTROL.search(text)
    return (match.start(), match.group()) if match else None


_CLOSERS = {'"': '"', "'": "'", "[": "]", "{": "}"}
_FLOW_STARTS = {yaml.FlowSequenceStartToken: "[", yaml.FlowMappingStartToken: "{"}
_FLOW_ENDS = {yaml.FlowSequenceEndToken: "[", yaml.FlowMappingEndToken: "{"}


def _unclosed(text: str, exc: yaml.MarkedYAMLError) -> tuple[yaml.Mark, str] | None:
    """Where a quote or bracket opened that is never closed, and what to say there: the
    parser stops where the file ends, or at the next key a bracket swallowed ("body: [a, b"
    then "closing: Yours"), but the fix belongs where it opened."""
    problem, start = exc.problem_mark, exc.context_mark
    if problem is None:
        return None
    opened = _never_closed(text, problem)
    if opened is None and start is not None and (quote := _char_at(
            text, start.line, start.column)) in ('"', "'") and \
            not "".join(_lines(text)[problem.line:])[problem.column:].strip():
        opened = start, quote  # the file ends inside the quote
    if opened is None:
        return None
    mark, opener = opened
    return mark, f"this {opener} is never closed; add the closing {_CLOSERS[opener]}"


def _never_closed(text: str, at: yaml.Mark) -> tuple[yaml.Mark, str] | None:
    """The [ or { the parse stopped inside (at ``at``), if it is never closed: the file
    ends first, or a line indented no further than its own (the next key) comes before the
    tokens stop making sense or a bracket of the other kind ends one. Or, outside
    brackets, the quote whose text ran over such a line to take the next value's opening
    quote for its closing one (title: "Hello, then subtitle: "World"). Told by reading the
    tokens again, for a file that failed only."""
    scanner = _Loader(text)
    stack: list[tuple[yaml.Mark, str]] = []
    depth = 0  # how many brackets were open at ``at``, once reached
    quoted: yaml.ScalarToken | None = None  # the last quoted text over several lines
    stopped: yaml.Mark | None = None  # where the tokens stopped making sense, if they did
    try:
        while (token := scanner.get_token()) is not None:
            if not depth and (token.start_mark.line, token.start_mark.column) >= \
                    (at.line, at.column):
                if stack:
                    depth = len(stack)
                elif quoted and quoted.end_mark.line == at.line and \
                        _dedented(text, quoted.start_mark, quoted.end_mark, key=True):
                    return quoted.start_mark, quoted.style
                else:
                    return None
            if type(token) in _FLOW_STARTS:
                stack.append((token.start_mark, _FLOW_STARTS[type(token)]))
            elif type(token) in _FLOW_ENDS and stack:
                if depth and _FLOW_ENDS[type(token)] != stack[-1][1]:  # "[a, b}"
                    stopped = token.start_mark
                    break
                stack.pop()
                if len(stack) < depth:
                    return None
            elif isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and \
                    token.end_mark.line > token.start_mark.line:
                quoted = token
            elif isinstance(token, yaml.StreamEndToken):
                break
    except yaml.YAMLError as exc:  # a "|" after "["
        stopped = getattr(exc, "problem_mark", None) or at
    finally:
        scanner.dispose()
    if not depth:
        return None
    opened = stack[depth - 1]
    return opened if stopped is None or _dedented(text, opened[0], stopped) else None


def _dedented(text: str, opened: yaml.Mark, until: yaml.Mark, *, key: bool = False) -> bool:
    """Whether a line after the quote or bracket at ``opened``, up to ``until``, is
    indented no further than the line it opens on (with ``key``, than that line's key,
    after its "- "), and does not close it: a key or item of the block around, which a
    quote or bracket left open reads as its own."""
    first, *lines = _lines(text)[opened.line:until.line + 1] or [""]
    indent = len(first) - len(first.lstrip(" -" if key else " "))
    return any(line.strip() and line.lstrip()[0] not in "#]}" and
               len(line) - len(line.lstrip(" ")) <= indent for line in lines)


_ARABIC_SEPARATORS = {"\u060c": "comma \u060c", "\u061b": "semicolon \u061b"}


def _arabic_separator(before: str) -> str | None:
    """The Arabic comma or semicolon in the value a flow collection's parse stopped in (the
    text since its last ',', '{' or '['), named; else None."""
    value = before[max(before.rfind(c) for c in ",{["):]
    return next((name for char, name in _ARABIC_SEPARATORS.items() if char in value), None)


def _separator_broke(text: str, exc: yaml.MarkedYAMLError,
                     where: Positions) -> tuple[int, str] | None:
    """The offset of the NEL or Unicode separator that broke the YAML, and what to say
    there: the last one before where the parser got lost (the context it was in, else
    where it stopped), if the text read with each as a plain character goes further. In
    block context YAML ends the line there, and what follows, at column 1, is no key; in
    quotes and brackets it keeps a line or paragraph separator and makes a NEL a space."""
    stops = [where.index(mark.line, mark.column)
             for mark in (exc.context_mark, exc.problem_mark) if mark is not None]
    before = [match for stop in stops for match in SEPARATORS.finditer(text, 0, stop)][-1:]
    if not before:
        return None
    try:
        yaml.compose(SEPARATORS.sub("_", text), Loader=_Composer)
    except yaml.MarkedYAMLError as again:
        mark = again.problem_mark or again.context_mark
        if mark is None or where.index(mark.line, mark.column) <= stops[-1]:
            return None  # (the marks of the same text with one character for each)
    except yaml.YAMLError:
        return None
    return before[0].start(), _separator_message(before[0].group())


def _line(text: str, number: int) -> str:
    """Line ``number`` (from 0) as YAML counts lines; "" past the end (libyaml's mark of
    the end of a file without a final line break is on a line of its own)."""
    lines = _lines(text)
    return lines[number] if number < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    return _line(text, line)[column:column + 1]


class _Converter:
    """Composed YAML -> plain data, recording where each value and key stood."""

    def __init__(self, doc: Document, *, checked: bool, merges: bool, invisible: bool,
                 tags: bool) -> None:
        self.doc = doc
        self.checked = checked
        self.tags = tags  # whether the file can hold a tag (!foo, !!binary) at all
        self.merges = merges  # whether the file can hold a merge key at all
        self.invisible = invisible  # whether the file holds an invisible character at all
        self.problems: list[Diagnostic] = []
        self.budget = MAX_NODES
        self.copy: yaml.Mark | None = None  # the alias whose content is being read

    def __call__(self, node: yaml.Node, path: YamlPath) -> Any:
        """The node as data. What an alias brings (``members: *m1``) stands where the
        alias is written, each value and key under it: a duplicate it made was told at the
        anchor's line, as the same signatory as at that very line."""
        if self.copy is not None or not isinstance(node, Alias):
            return self._data(node, path)
        self.copy = node.start_mark
        self.doc.copied[path] = node.anchored
        try:
            return self._data(node, path)
        finally:
            self.copy = None

    def _data(self, node: yaml.Node, path: YamlPath) -> Any:
        doc, problems = self.doc, self.problems
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                problems.append(doc_diag(doc, node, "the document expands to too many values "
                                         "(aliases repeated too often)"))
            return None
        if len(path) > MAX_DEPTH:
            problems.append(doc_diag(doc, node, f"nested more than {MAX_DEPTH} levels deep"))
            self.budget = -2
            return None
        doc.marks[path] = self.copy or node.start_mark
        if self.copy is not None:
            doc.copied.setdefault(path, node.start_mark)
        if self.tags and node.tag not in _READ_TAGS:
            self._tagged(node)
        if isinstance(node, yaml.ScalarNode):
            value: str = node.value
            if not node.style and value in NULLS:  # plain: None in PyYAML, "" in libyaml
                return None
            if " - " in value and not node.style and node.end_mark.line > node.start_mark.line:
                self._run_on(node, path)
            if self.checked and (bad := unsafe_char(value)) is not None:
                index, char = bad
                problems.append(doc_diag(doc, node, f"character U+{ord(char):04X} (character "
                                         f"{index + 1} of this text) is a control character "
                                         "that would corrupt the DOCX; remove it"))
            if self.invisible and _word(path):
                return self._visible(value, node, path)
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result = self._merged(node, path) if self.merges else {}
            explicit: dict[str, yaml.Mark] = {}  # each key, where it is written
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(doc_diag(doc, key_node, "a key must be plain text"))
                    continue
                if key_node.tag == _MERGE:
                    continue
                key = str(key_node.value)
                if self.invisible:
                    key = self._visible(key, key_node)
                if key in explicit:
                    first = doc.point(explicit[key]).line
                    problems.append(doc_diag(doc, key_node, f"duplicate key '{key}' (first at "
                                             f"line {first}); a mapping may name each key once"))
                    continue
                explicit[key] = key_node.start_mark
                doc.keys[(*path, key)] = self.copy or key_node.start_mark
                result[key] = self(value_node, (*path, key))
                if node.flow_style and value_node.start_mark.index == key_node.end_mark.index:
                    doc.bare_keys.add((*path, key))
            return result
        problems.append(doc_diag(doc, node, "unsupported YAML node"))  # pragma: no cover
        return None

    def _tagged(self, node: yaml.Node) -> None:
        """A warning for a tag (``!!binary``, ``!!python/object/apply:...``, ``!foo``): it
        is not acted on, never constructing anything, and said so rather than silently."""
        tag = node.tag if node.tag.startswith("!") else "!!" + node.tag.removeprefix(
            _YAML_TAG) if node.tag.startswith(_YAML_TAG) else f"!<{node.tag}>"
        self.doc.cleaned.append(doc_diag(self.doc, node, f"the tag {tag} is ignored; the value "
                                         "is read as written", "warning"))

    def _visible(self, text: str, node: yaml.Node, path: YamlPath | None = None) -> str:
        """A key (or the word at ``path``) without invisible characters, with a warning
        where it held some."""
        clean = INVISIBLE.sub("", text)
        if clean != text:
            what = f"key '{clean}'" if path is None else f"{format_path(path)}: '{clean}'"
            self.doc.cleaned.append(doc_diag(self.doc, node, removed(text, what), "warning"))
        return clean

    def _run_on(self, node: yaml.ScalarNode, path: YamlPath) -> None:
        start = self.doc.point(node.start_mark).line
        lines = self.doc.lines[start:self.doc.point(node.end_mark).line]
        at = next((i for i, line in enumerate(lines) if line.lstrip().startswith("- ")), None)
        if at is not None:
            self.doc.run_on.append((path, Mark(start + at + 1, lines[at].index("-") + 1)))

    def _merged(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        """The keys a mapping takes from merge keys (``<<: *defaults``, ``<<: [*a, *b]``),
        as YAML 1.1 merges them: its own keys win (they are read after, over these), and an
        earlier mapping of a list wins over a later one. A merged value keeps the position
        where it is written."""
        sources = [value for key, value in node.value if key.tag == _MERGE]
        if not sources:
            return {}
        result: dict[str, Any] = {}
        for source in sources:
            for mapping in reversed(source.value if isinstance(source, yaml.SequenceNode)
                                    else [source]):
                if isinstance(mapping, yaml.MappingNode):
                    result.update(self(mapping, path))
                else:
                    self.problems.append(doc_diag(self.doc, mapping, "a merge key (<<) takes "
                                                  "a mapping (&anchor) or a list of them"))
        self.doc.marks[path] = self.copy or node.start_mark
        if self.copy is None:  # (the mapping is written here; its merged values there)
            self.doc.copied.pop(path, None)
        return result


def _word(path: YamlPath) -> bool:
    """Whether the value at ``path`` is a word letterpress reads (its key, or its list's, is
    one of invisible.WORDS: ``lang: ar``, ``lang: [ar, en]``)."""
    key = next((part for part in reversed(path) if isinstance(part, str)), None)
    return key in WORDS


def doc_diag(doc: Document, node: yaml.Node, message: str,
             severity: Literal["error", "warning"] = "error") -> Diagnostic:
    mark = doc.point(node.start_mark)
    return Diagnostic(doc.file, mark.line, mark.col, message, severity)


_READ: ContextVar[dict[str, str] | None] = ContextVar("read", default=None)


@contextmanager
def journal() -> Iterator[dict[str, str]]:
    """The digest of each file :func:`read_bytes` reads meanwhile, by absolute path: a build
    records what it read, not what is on disk when it looks again (a signer saved in between
    passed for built, and every later build said "unchanged")."""
    read: dict[str, str] = {}
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)


def note(path: Path, data: bytes) -> None:
    """Record in the current :func:`journal` that ``path`` was read as ``data`` (the first
    reading counts: what a build read first is what it built from)."""
    if (read := _READ.get()) is not None and (key := str(path.absolute())) not in read:
        read[key] = digest(data)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def too_big(what: str, size: int, limit: int) -> str:
    """Says ``what`` is over ``limit``: its megabytes rounded up to a tenth, which never
    reads as the limit itself (33,569,833 bytes said "32 MB; the limit is 32 MB")."""
    return f"{what} is {math.ceil(size * 10 / 2**20) / 10:g} MB; the limit is {limit // 2**20} MB"


NOT_FOUND = "file not found"


def file_problem(path: Path) -> str | None:
    """Why ``path`` is no file to read, or None: missing, a folder, or a pipe, device or
    socket, whose reading may wait forever (a FIFO named ``*.yaml`` hung ``check``)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return NOT_FOUND
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return None if stat.S_ISREG(mode) else "not a regular file (a pipe, device or socket)"


def read_bytes(path: Path, display: str, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes; a missing, unreadable or oversized file, or no regular file, is a
    located error."""
    if (problem := file_problem(path)) is not None:
        raise LetterError([Diagnostic(display, 1, 1, problem)])
    try:
        size = path.stat().st_size
        if size > limit:
            raise LetterError([Diagnostic(display, 1, 1, too_big("the file", size, limit))])
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        note(path, data)
        return data
    except FileNotFoundError:  # (gone since it was looked at)
        raise LetterError([Diagnostic(display, 1, 1, NOT_FOUND)]) from None
    except IsADirectoryError:
        raise LetterError([Diagnostic(display, 1, 1, "is a folder, not a file")]) from None
    except OSError as exc:
        raise LetterError([Diagnostic(display, 1, 1, f"cannot read: {exc.strerror}")]) from None


def is_file(path: Path) -> bool:
    """Whether ``path`` names a regular file (or a link to one), as ``Path.is_file``; but
    a name the system cannot look up (a part over 255 bytes: "File name too long") is no
    file, as a missing one, where Python 3.11 raised: a letter's 300-letter layout or image
    name ended even ``check`` in "cannot write", exit 1, at a path the letter never
    showed."""
    return file_problem(path) is None


def is_dir(path: Path) -> bool:
    """Whether ``path`` names a folder, a name that cannot be looked up none (as is_file)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def read_file(path: Path, display: str | None = None) -> Document:
    """Read and parse a YAML file."""
    name = display or str(path)
    return read_yaml(decode(read_bytes(path, name), name), name)
