"""Add signatories to a YAML file by inserting text, never by re-dumping the document.

Re-serialising YAML loses comments, blank lines, quote styles and key order; inserting the new
lines at the right place keeps every byte the user wrote, so the diff is only the added
lines. Each edit is checked by parsing the result: if the data is not exactly the old data
plus the new members, nothing is written.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from letterpress.signatories.dedupe import group_keys, same_group
from letterpress.source import NULLS, Alias, Document, KeepAliases, read_yaml

Fields = dict[str, str]
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*|\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|\d{4}-\d\d?-\d\d?.*)$")
# what YAML does not read back as written, even in double quotes: NEL and the Unicode line
# and paragraph separators are line breaks to it (a NEL in quotes a space), the rest are
# characters it refuses in a file; JSON leaves them as they are
_UNREADABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class EditError(Exception):
    """The file cannot be edited safely; nothing was written. Located at ``at`` (the node
    in the way, or the parser's mark), else at the file's start."""

    def __init__(self, message: str, at: yaml.Node | yaml.Mark | None = None) -> None:
        super().__init__(message)
        mark = at.start_mark if isinstance(at, yaml.Node) else at
        self.line, self.col = (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Loader(KeepAliases, yaml.SafeLoader):
    """PyYAML's own reader, whose marks count characters (libyaml's count bytes), with each
    alias standing where it is written."""


def _compose(text: str) -> yaml.Node | None:
    """The file's node tree with character offsets. Its reader is stricter than libyaml,
    which read the letter: a tab before a comment, a '?' in a plain item of a flow list, is
    an error here, located, instead of a traceback; the tab is named only where it stands
    (the mark is on it), so no one looks for a tab that is not there."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        hint = "a tab here: replace it by spaces" if mark and text[mark.index:mark.index + 1] \
            == "\t" else "the editor's reader, PyYAML, is stricter than the build's: put " \
            "the value here in quotes"
        raise EditError(f"cannot edit this file: {exc.problem or exc.context} ({hint}); "
                        "nothing written", mark) from None


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same everywhere, else
    double-quoted (JSON escaping is valid YAML), a character YAML would not read back
    escaped (a name holding a pasted U+2028 broke the letter's YAML, and the whole import
    with it). In a flow list PyYAML ends a plain scalar at '?' as at ',' (libyaml does
    not): 'Why Not?' plain there made the letter one the editor could no longer read."""
    unreadable = _UNREADABLE.search(text) is not None
    plain = (not unreadable and _PLAIN.match(text) and not _SPECIAL.match(text)
             and ": " not in text
             and not any(c < " " for c in text)  # a tab: PyYAML cannot read it back plain
             and " #" not in text and not text.endswith((" ", ":"))
             and not (flow and any(c in text for c in ",[]{}?")))
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNREADABLE.sub(lambda c: f"\\u{ord(c.group()):04x}", quoted) if unreadable \
        else quoted


def render_member(fields: Fields, indent: int, *, flow: bool = False) -> str:
    """A member as YAML: a plain name, or a mapping whose later keys sit at ``indent``."""
    if set(fields) == {"name"}:
        return scalar(fields["name"], flow=flow)
    pairs = [(k, scalar(v, flow=flow)) for k, v in fields.items()]
    if flow:
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    return ("\n" + " " * indent).join(f"{k}: {v}" for k, v in pairs)


@dataclass
class _Insert:
    offset: int
    text: str
    end: int | None = None  # what it replaces ends here (a "~" taken out); None: nothing


def _aliases(node: yaml.Node | None) -> Iterator[yaml.Node]:
    """The aliases written in the tree (``*name``, a merge key's too), each node looked at
    where it is written: an alias's content is its anchor's."""
    todo = [node] if node is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, Alias):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            todo += [part for pair in node.value for part in pair]


Copies = dict[int, yaml.Node]  # a collection's content list (id) -> an alias copying it


def _copies(root: yaml.Node | None) -> Copies:
    """Each collection some alias copies (its anchor's node and all inside it; an alias
    shares its anchor's content list), with the first alias that does."""
    copies: Copies = {}
    for alias in _aliases(root):
        todo: list[yaml.Node] = [alias]
        while todo:
            node = todo.pop()
            if not isinstance(node, yaml.CollectionNode) or id(node.value) in copies:
                continue
            copies[id(node.value)] = alias
            todo += node.value if isinstance(node, yaml.SequenceNode) else \
                [part for pair in node.value for part in pair]
    return copies


def _own(node: yaml.Node, copies: Copies, what: str) -> None:
    """Refuse to add to ``node`` where an alias copies it: what is added there is added
    where the alias stands too (the edit did not read back: refused at 1:1, unnamed)."""
    alias = copies.get(id(node.value))
    if alias is not None:
        raise EditError(f"the {what} at line {node.start_mark.line + 1} is copied by the alias "
                        f"at line {alias.start_mark.line + 1}: a member added here would be "
                        "added there too; write the members out where they are added", node)


def _line_end(text: str, index: int) -> int:
    """Offset just after the line holding ``index`` (where a new line can start)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _end(node: yaml.Node) -> int:
    """Where a node's text really ends: a block collection's own end mark lies at the next
    token (past blank lines and comments), so descend to its last scalar, flow item or
    alias (whose content is written elsewhere)."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value \
            and not isinstance(node, Alias):
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)


def _dash_column(text: str, item: yaml.Node) -> int:
    """Column of the ``-`` that introduces a block sequence item."""
    start = item.start_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    dash = text.rfind("-", line_start, start)
    return dash - line_start if dash >= 0 else item.start_mark.column


def _key(node: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def _items_text(text: str, seq: yaml.SequenceNode, members: list[Fields]) -> _Insert:
    """Insertion that appends ``members`` to a sequence, in the sequence's own style."""
    if seq.flow_style:
        close = seq.end_mark.index - 1
        parts = ", ".join(render_member(f, 0, flow=True) for f in members)
        before = text[:close].rstrip()
        if before.endswith(","):  # a trailing comma: the new ones go after it, with one
            return _Insert(len(before), f" {parts},")
        return _Insert(close, (", " if seq.value else "") + parts)
    last, first = seq.value[-1], seq.value[0]
    dash = _dash_column(text, first)
    content = first.start_mark.column
    pad = content - dash
    lines = "".join(" " * dash + "-" + " " * (pad - 1) + render_member(f, content) + "\n"
                    for f in members)
    at = _after_comments(text, _line_end(text, _end(last)), dash)
    return _lines_at(text, at, lines)


def _after_comments(text: str, at: int, column: int) -> int:
    """Past the comment lines after the last item that are indented under it, deeper than
    ``column`` (its dash, or its key): they follow it and describe it ("# verified by
    phone"), blank lines among them too. A comment at ``column`` or left of it stays after
    the new lines: it heads what follows. Every insertion after a last item goes here: a
    new group, or a new members: or groups: key, put between a member and its note made the
    note describe another signer."""
    after = at
    while at < len(text):
        newline = text.find("\n", at)
        end = len(text) if newline < 0 else newline + 1
        line = text[at:end].rstrip("\n")
        if line.strip() and (not line.lstrip().startswith("#")
                             or len(line) - len(line.lstrip()) <= column):
            break
        at = end
        if line.strip():  # a comment: the new lines go after it (blank lines: only before
            after = at    # one, so that a blank line at the end stays after them)
    return after


def _lines_at(text: str, at: int, lines: str) -> _Insert:
    """Whole lines inserted at ``at``, the end of a line (a line break first if that line
    has none: the last line of a file without one)."""
    return _Insert(at, ("" if at == 0 or text[at - 1] == "\n" else "\n") + lines)


def _block_key(text: str, mapping: yaml.MappingNode, body: str) -> _Insert:
    """Insertion of a new key (``body``, already indented) at the end of a block mapping."""
    if mapping.flow_style:
        raise EditError("the mapping is written in flow style ({...}); write it as one key per "
                        "line to let letterpress add to it", mapping)
    at = _after_comments(text, _line_end(text, _end(mapping.value[-1][1])),
                         _key_column(mapping)) if mapping.value else \
        _line_end(text, mapping.start_mark.index)
    return _lines_at(text, at, body)


def _members_block(indent: int, members: list[Fields]) -> str:
    return "".join(" " * indent + "- " + render_member(f, indent + 2) + "\n" for f in members)


def _key_column(mapping: yaml.MappingNode) -> int:
    return int(mapping.value[0][0].start_mark.column) if mapping.value else 0


def _into_members(text: str, owner: yaml.MappingNode, members: list[Fields],
                  copies: Copies) -> _Insert:
    """Append to ``owner``'s ``members`` list, creating the key if needed."""
    found = _key(owner, "members")
    col = _key_column(owner)
    if found is None and _key(owner, "<<") is not None:
        raise EditError(f"the group at line {owner.start_mark.line + 1} takes its keys from a "
                        "merge key (<<); write its members: out to add to them", owner)
    if found is None:
        _own(owner, copies, "group")
        return _block_key(text, owner, " " * col + "members:\n" + _members_block(col + 2, members))
    key, value = found
    if isinstance(value, Alias):  # *list: the members of an earlier list
        raise EditError(f"'members' at line {key.start_mark.line + 1} is an alias of a list "
                        "written earlier; write its members out to add to it", value)
    if isinstance(value, yaml.SequenceNode) and (value.value or value.flow_style):
        _own(value, copies, "list")
        return _items_text(text, value, members)
    if _empty(value):
        _own(owner, copies, "group")
        return _under(text, key, value, _members_block(col + 2, members))
    raise EditError("signatories 'members' is not a list", value)


def add_members(text: str, additions: list[tuple[str | None, Fields]]) -> str:
    """The letter's YAML text with the members added to their groups (None: ungrouped)."""
    root = _compose(text)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise EditError("the letter is not a mapping of keys")
    sig = _key(root, "signatories") if root is not None else None
    groups = _key(sig[1], "groups") if sig and isinstance(sig[1], yaml.MappingNode) else None
    by_group, names = _by_group(additions, groups[1] if groups else None)
    inserts: list[_Insert] = []
    copies = _copies(root)
    if sig is None:
        inserts.append(_new_signatories(text, root, by_group, names))
    else:
        sig_node = sig[1]
        if isinstance(sig_node, yaml.SequenceNode):
            if set(by_group) != {None}:
                raise EditError("signatories is a plain list; write it as 'signatories: "
                                "{members: [...], groups: [...]}' to add groups", sig_node)
            _own(sig_node, copies, "list")
            inserts.append(_items_text(text, sig_node, by_group[None]) if sig_node.value else
                           _flow_empty(sig_node, by_group[None]))
        elif isinstance(sig_node, yaml.MappingNode):
            inserts += _into_signatories(text, sig_node, by_group, names, copies)
        elif _empty(sig_node):  # "signatories:" with nothing under it yet
            inserts.append(_under(text, sig[0], sig_node, _signatories_body(
                by_group, names, sig[0].start_mark.column + 2)))
        else:
            raise EditError("signatories is neither a mapping nor a list", sig_node)
    for insert in sorted(inserts, key=lambda i: i.offset, reverse=True):
        text = text[:insert.offset] + insert.text + text[_end_of(insert):]
    return text


def _by_group(additions: list[tuple[str | None, Fields]], groups: yaml.Node | None
              ) -> tuple[dict[str | None, list[Fields]], dict[str | None, str | None]]:
    """The members each group gains, in the order given, keyed by their group's folded
    name (None: ungrouped), with the name as first typed. A group the letter has is one
    key whichever of its languages names it: 'Friends' and 'الأصدقاء' of one group were
    two, two insertions at one place, whose members came out in the wrong order."""
    by_group: dict[str | None, list[Fields]] = {}
    names: dict[str | None, str | None] = {}
    found: dict[int, str] = {}  # a group of the letter (its node's id) -> its key here
    for group, fields in additions:
        key = (group_keys(group) or [group])[0] if group else None  # as printed, folded
        node = _find_group(groups, group) if group else None
        if key and node is not None:
            key = found.setdefault(id(node), key)
        by_group.setdefault(key, []).append(fields)
        names.setdefault(key, group)
    return by_group, names


def _flow_empty(seq: yaml.SequenceNode, members: list[Fields]) -> _Insert:
    return _Insert(seq.end_mark.index - 1, ", ".join(render_member(f, 0, flow=True)
                                                     for f in members))


def _into_signatories(text: str, sig: yaml.MappingNode, by_group: dict[str | None, list[Fields]],
                      names: dict[str | None, str | None], copies: Copies) -> list[_Insert]:
    inserts: list[_Insert] = []
    col = _key_column(sig)
    groups = _key(sig, "groups")
    new_groups: list[str | None] = []
    for key, members in by_group.items():
        if key is None:
            inserts.append(_into_members(text, sig, members, copies))
            continue
        node = _find_group(groups[1] if groups else None, names[key] or "")
        if node is not None:
            inserts.append(_into_members(text, node, members, copies))
        else:
            new_groups.append(key)
    if not new_groups:
        return inserts
    if groups and isinstance(groups[1], yaml.SequenceNode):
        _own(groups[1], copies, "list of groups")
    else:  # a groups: key to write, or one to fill
        _own(sig, copies, "signatories")
    blocks = [_group_text(names[key] or "", by_group[key], 0) for key in new_groups]
    if groups is None:
        body = " " * col + "groups:\n" + "".join(_indent_group(g, col + 2) for g in blocks)
        inserts.append(_block_key(text, sig, body))
    elif isinstance(groups[1], yaml.SequenceNode) and groups[1].flow_style:  # [...]
        seq = groups[1]
        flow = ", ".join(f"{{name: {scalar(names[key] or '', flow=True)}, members: ["
                         f"{', '.join(render_member(f, 0, flow=True) for f in by_group[key])}]}}"
                         for key in new_groups)
        inserts.append(_Insert(seq.end_mark.index - 1, (", " if seq.value else "") + flow))
    elif isinstance(groups[1], yaml.SequenceNode) and groups[1].value:
        seq = groups[1]
        dash = _dash_column(text, seq.value[0])
        at = _after_comments(text, _line_end(text, _end(seq.value[-1])), dash)
        body = "".join(_indent_group(g, dash) for g in blocks)
        inserts.append(_lines_at(text, at, body))
    elif _empty(groups[1]):  # "groups:" with nothing under it yet
        body = "".join(_indent_group(g, col + 2) for g in blocks)
        inserts.append(_under(text, groups[0], groups[1], body))
    else:
        raise EditError("signatories 'groups' must be a list to add a group", groups[1])
    return inserts


def _find_group(groups: yaml.Node | None, group: str) -> yaml.MappingNode | None:
    if not isinstance(groups, yaml.SequenceNode):
        return None
    for item in groups.value:
        if isinstance(item, yaml.MappingNode):
            name = _key(item, "name")
            if name and same_group(group, _texts(name[1])):
                return item
    return None


def _texts(node: yaml.Node) -> str | dict[str, str] | None:
    """A group name node as text, or as a language map."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): str(v.value) for k, v in node.value
                if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
    return None


def _group_text(name: str, members: list[Fields], indent: int) -> str:
    """A new group as block YAML, relative to column 0 (indented later)."""
    return f"- name: {scalar(name)}\n  members:\n" + _members_block(4, members)


def _indent_group(block: str, indent: int) -> str:
    return "".join(" " * indent + line + "\n" for line in block.splitlines())


def _new_signatories(text: str, root: yaml.Node | None, by_group: dict[str | None, list[Fields]],
                     names: dict[str | None, str | None]) -> _Insert:
    body = "signatories:\n" + _signatories_body(by_group, names, 2)
    return _lines_at(text, len(text), "\n" + body)  # after a blank line


def _signatories_body(by_group: dict[str | None, list[Fields]], names: dict[str | None, str | None],
                      indent: int) -> str:
    """What goes under a new ``signatories:``: the ungrouped members, then the groups."""
    body = ""
    if None in by_group:
        body += " " * indent + "members:\n" + _members_block(indent + 2, by_group[None])
    groups = [k for k in by_group if k is not None]
    if groups:
        body += " " * indent + "groups:\n" + "".join(_indent_group(_group_text(
            names[k] or "", by_group[k], 0), indent + 2) for k in groups)
    return body


def _empty(node: yaml.Node) -> bool:
    """A key written with no value (``members:``), or a null one (``members: ~``)."""
    return isinstance(node, yaml.ScalarNode) and node.style is None and \
        node.value in NULLS


def _under(text: str, key: yaml.Node, value: yaml.Node, lines: str) -> _Insert:
    """``lines`` under a key with no value; a null written there (``~``) is taken out,
    the rest of its line (a comment) kept."""
    at = _line_end(text, key.end_mark.index)
    insert = _lines_at(text, at, lines)
    if not value.value:
        return insert
    if value.start_mark.line != key.start_mark.line:
        raise EditError("write this null (~) on the line of its key, or leave the key empty, "
                        "to add members under it", value)
    start, end = value.start_mark.index, value.end_mark.index
    rest = text[end:at]
    if not rest.strip():  # nothing after the null: no space left at the end of the line
        start = len(text[:start].rstrip(" "))
    return _Insert(start, rest + insert.text, at)


def _end_of(insert: _Insert) -> int:
    return insert.offset if insert.end is None else insert.end


def append_items(text: str, members: list[tuple[str | None, Fields]]) -> str:
    """A YAML source file (a top-level list) with the members appended."""
    root = _compose(text)
    rows = [dict(f, **({"group": g} if g else {})) for g, f in members]
    if root is None:
        return text + ("" if not text or text.endswith("\n") else "\n") + _members_block(0, rows)
    if not isinstance(root, yaml.SequenceNode):
        raise EditError("a YAML signatory source is a list of members", root)
    if not root.value:
        if root.flow_style:
            start, end = root.start_mark.index, root.end_mark.index
            return text[:start] + "\n" + _members_block(0, rows) + text[end:].lstrip("\n")
        return text + _members_block(0, rows)
    insert = _items_text(text, root, rows)
    return text[:insert.offset] + insert.text + text[_end_of(insert):]


def _as_entry(fields: Fields) -> Any:
    return fields["name"] if set(fields) == {"name"} else dict(fields)


def expected_letter(data: Any, additions: list[tuple[str | None, Fields]]) -> Any:
    """What the letter's data must be after the edit: the old data plus the members."""
    data = copy.deepcopy(data) if data is not None else {}
    if data.get("signatories") is None:
        data["signatories"] = {}
    sig = data["signatories"]
    for group, fields in additions:
        if isinstance(sig, list):
            sig.append(_as_entry(fields))
            continue
        if group is None:
            if sig.get("members") is None:
                sig["members"] = []
            sig["members"].append(_as_entry(fields))
            continue
        if sig.get("groups") is None:
            sig["groups"] = []
        groups = sig["groups"]
        target = next((g for g in groups if isinstance(g, dict)
                       and same_group(group, g.get("name"))), None)
        if target is None:
            target = {"name": group, "members": []}
            groups.append(target)
        if target.get("members") is None:
            target["members"] = []
        target["members"].append(_as_entry(fields))
    return data


def expected_source(data: Any, additions: list[tuple[str | None, Fields]]) -> Any:
    rows = list(data or [])
    for group, fields in additions:
        entry = dict(fields, **({"group": group} if group else {}))
        rows.append(_as_entry(entry))
    return rows


def verify(after: str, file: str, expected: Any) -> Document:
    """Parse the edited text: it must hold exactly ``expected`` (old data plus additions).
    The reading is returned, for what else the caller checks in it."""
    got = read_yaml(after, file)
    if got.data != expected:
        shared = " (a list shared through an anchor &, alias * or merge key << changes in " \
            "every place that uses it: write the members out where they are added)" \
            if next(_aliases(_compose(after)), None) else ""  # not a '&' in a name
        raise EditError("the edit would not read back as the old content plus the new "
                        f"members{shared}; nothing was written")
    return got
