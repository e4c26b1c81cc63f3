"""Turn pydantic's errors into one located, plain-language diagnostic per problem.

Errors are mapped by pydantic's stable error ``type``, never by its message text, and each
location path is walked back through the YAML to the line and column the user wrote.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from letterpress import model as m
from letterpress.errors import Diagnostic, LetterError, suggest
from letterpress.source import Document, YamlPath, data_at, format_path

_TAGGED: dict[str, type[BaseModel]] = {
    "<person>": m.Person, "<member>": m.Member, "<item>": m.ListItem,
    "<source member>": m.SourceEntry,
    **{f"<{cls.__name__}>": cls for cls in m.BLOCK_KINDS.values()},
}


def validate(doc: Document) -> m.Letter:
    """The letter model, or a LetterError listing every problem with its position."""
    if not isinstance(doc.data, dict):
        got = "nothing" if doc.data is None else _kind(doc.data)
        raise LetterError([doc.diagnostic((), f"a letter is a mapping of keys (title, body, "
                                          f"...); this file holds {got}")])
    try:
        return m.Letter.model_validate(doc.data)
    except ValidationError as exc:
        raise LetterError(diagnostics(doc, exc, m.Letter)) from None


def diagnostics(doc: Document, exc: ValidationError, root: type[BaseModel],
                prefix: YamlPath = ()) -> list[Diagnostic]:
    # one message per problem: an aliased mapping's unknown key is one, at the anchor
    found: dict[tuple[object, ...], Diagnostic] = {}
    errors = exc.errors(include_url=False)
    misspelt = {(tuple(e["loc"][:-1]), close) for e in errors if e["type"] == "extra_forbidden"
                for close in difflib.get_close_matches(str(e["loc"][-1]),
                                                       [str(k) for k in _missing(errors)], n=1)}
    # each unknown key's hint, once; mappings that were text with a colon ("- Note: the
    # deadline is 1 May."): one message, the unknown key's, not a second for the key such
    # text lacks
    hints = {tuple(e["loc"]): _key_hint(doc, _data_path(doc.data, prefix, tuple(e["loc"])),
                                        tuple(e["loc"]), root)
             for e in errors if e["type"] == "extra_forbidden"}
    quoted = {loc[:-1] for loc, hint in hints.items() if hint == COLON_HINT}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and ((loc[:-1], str(loc[-1])) in misspelt or
                                           loc[:-1] in quoted):
            continue  # "unknown key 'itmes' (did you mean 'items'?)" says it already
        path = _data_path(doc.data, prefix, loc)
        on_key = error["type"] == "extra_forbidden"
        if split := _comma_split(doc, path, on_key=on_key):
            path, on_key, message = split, True, COMMA.format(split[-1])
            where = format_path(split[:-1])
        else:
            message = _message(error, loc, root, hints.get(loc, "")) + _beside_hint(doc.data,
                                                                                     path)
            where = format_path(path) or "letter"
        diag = doc.diagnostic(path, f"{where}: {message}", key=on_key)
        problem = (doc.written(path), on_key, message)
        if problem not in found or (diag.line, diag.col) < (found[problem].line,
                                                            found[problem].col):
            found[problem] = diag  # (told at the anchor, which comes before its aliases)
    return list(found.values())


def _comma_split(doc: Document, path: YamlPath, *, on_key: bool) -> YamlPath | None:
    """The key written without ':' in ``{...}`` that the error at ``path`` comes of: the
    error is that key's own, its value being nothing (labels: {signatories: Signed by,
    among others}), or the key stands among language tags: a text per language that a comma
    split ("{en: Hello, world, ar: ...}"), whose every error ("'world' is not a language
    tag", "unknown block 'en'", an unknown key per language of a member) comes of the
    comma. (An unknown key so written keeps its message, with COMMA_HINT.)"""
    if path in doc.bare_keys and not on_key:
        return path
    for at in (path, path[:-1]):
        value = data_at(doc.data, at)
        if isinstance(value, dict):
            bare = [key for key in value if (*at, key) in doc.bare_keys]
            if bare and m.is_lang_map({k: v for k, v in value.items() if k not in bare}):
                return (*at, bare[0])
    return None


def _missing(errors: Any) -> set[object]:
    return {e["loc"][-1] for e in errors if e["type"] == "missing" and e["loc"]}


def _data_path(data: Any, prefix: YamlPath, loc: tuple[Any, ...]) -> YamlPath:
    """Keep the parts of pydantic's location that are real keys and indexes in the data."""
    path: list[str | int] = list(prefix)
    node = data
    for part in prefix:
        node = node[part]
    for part in loc:
        here = (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node))
        if here:
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and part not in _TAGGED:
            # a missing or extra key: name it, so the message can point at the parent
            path.append(part)
            break
    return tuple(path)


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model that owns the last key of ``loc`` (for "did you mean")."""
    current = root
    for part in loc:
        if isinstance(part, str) and part in _TAGGED:
            current = _TAGGED[part]
            continue
        if not isinstance(part, str):
            continue
        for name, info in current.model_fields.items():
            if part in (name, info.alias):
                inner = _first_model(info.annotation)
                if inner is not None:
                    current = inner
                break
    return current


def _first_model(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _first_model(typing.get_args(tp)[0])
    if origin is not None or isinstance(tp, types.UnionType):
        for arg in typing.get_args(tp):
            found = _first_model(arg)
            if found is not None:
                return found
    return None


def _keys_of(cls: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in cls.model_fields.items()]


def _suggest_key(key: str, keys: list[str]) -> str:
    """:func:`suggest` for a key, which may be meant for another by its sense, not its
    letters ("mobile" looked most like "role"): that key where allowed, else nothing."""
    meant = m.SYNONYMS.get(key.casefold())
    if meant is not None:
        return f" (did you mean '{meant}'?)" if meant in keys else ""
    return suggest(key, keys)


def _pattern_hint(owner: type[BaseModel], key: object) -> str:
    """What a field's pattern asks for, in the words its schema gives editors."""
    for name, info in owner.model_fields.items():
        if key in (name, info.alias):
            extras = [info.json_schema_extra, *(getattr(meta, "json_schema_extra", None) for arg
                      in typing.get_args(info.annotation) for meta in getattr(arg, "__metadata__",
                                                                                ()))]
            for extra in extras:
                if isinstance(extra, dict) and isinstance(extra.get("patternErrorMessage"), str):
                    return str(extra["patternErrorMessage"])
    return "another form of text"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    first = text.strip().split("\n", 1)[0]
    if len(first) > 50 or first != text.strip():  # a whole body once read: its start only
        start = first if len(first) <= 40 else first[:40].rsplit(" ", 1)[0]
        return f"text ('{start}...')"
    return f"'{value}'"


COLON_HINT = "; text holding a colon and a space is read as a key: put it in quotes"
COMMA = ("a comma inside {{...}} ends the value before it, and '{}' after it is read as a key: "
         "put a value holding a comma in quotes")
COMMA_HINT = "; " + COMMA


def _colon_hint(key: object, holder: object, keys: list[str]) -> str:
    """For a key that reads as words ("Nous demandons" of "- Nous demandons : la paix"), or
    that is the only key of its mapping, with text after it, and no misspelt key (keys are
    lower case: "- Note: the deadline is 1 May.", "- Jina: Kurdish women network", "- ژینا:
    ..."): text, in YAML's eyes a mapping."""
    if not isinstance(key, str):
        return ""
    alone = isinstance(holder, dict) and len(holder) == 1 and isinstance(holder.get(key), str)
    typo = _KEYLIKE.fullmatch(key) is not None and _suggest_key(key, keys) != ""
    return COLON_HINT if " " in key.strip() or (alone and not typo) else ""


_KEYLIKE = re.compile(r"[a-z_]+")


def _key_hint(doc: Document, path: YamlPath, loc: tuple[Any, ...],
              root: type[BaseModel]) -> str:
    """What an unknown key likely was: text after a comma in ``{...}``, or with a colon."""
    if path in doc.bare_keys:
        return COMMA_HINT.format(loc[-1])
    return _colon_hint(loc[-1], data_at(doc.data, path[:-1]), _keys_of(_model_at(root, loc[:-1])))


def _beside_hint(data: Any, path: YamlPath) -> str:
    """Where a body block's own keys go when the error at ``path`` comes of one written
    inside the value of the block's kind (``demands: {lang: en, items: ...}``, ``quote:
    {lang: en, text: ...}``): beside that key, as every block takes them."""
    if len(path) not in (3, 4) or path[0] != "body" or path[2] not in m.BLOCK_KINDS:
        return ""
    kind = str(path[2])
    block = data_at(data, path[:2])
    inner = block.get(kind) if isinstance(block, dict) else None
    if not isinstance(inner, dict):
        return ""
    own = set(_keys_of(m.BLOCK_KINDS[kind])) - {kind}
    keys = [k for k in (path[3:] or list(inner)) if k in own and k in inner]
    if not keys:
        return ""
    named = " and ".join(f"'{k}'" for k in keys)
    return f"; a block's {named} {'goes' if len(keys) == 1 else 'go'} beside '{kind}:', " \
           "not inside it"


def _message(error: Any, loc: tuple[Any, ...], root: type[BaseModel], hint: str) -> str:
    """One error's message; ``hint``: an unknown key's (``_key_hint``)."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "extra_forbidden":
        keys = _keys_of(_model_at(root, loc[:-1]))
        same = m.SPELLINGS.get(str(loc[-1]))
        if same in keys:  # both spellings, where pydantic takes the first
            return f"'{loc[-1]}' is another spelling of '{same}', which is given too: " \
                   "keep one"
        return f"unknown key '{loc[-1]}'{_suggest_key(str(loc[-1]), keys)}; " \
               f"allowed: {', '.join(keys)}{hint}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "block" and isinstance(value, dict):
        unknown = next(iter(value), "")
        hint = suggest(str(unknown), list(m.BLOCK_KINDS))
        return f"unknown block '{unknown}'{hint}; a body block is Markdown text or a " \
               f"mapping with one of: {', '.join(m.BLOCK_KINDS)}" \
               f"{_colon_hint(unknown, value, list(m.BLOCK_KINDS))}"
    if kind in ("block", "member", "addressee", "item"):
        return f"{error['msg']}, got {_kind(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}, got {_kind(value)}"
    if kind in {"bool_parsing", "bool_type"}:
        return f"expected true or false, got {_kind(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {_kind(value)}"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, got {_kind(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {_kind(value)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {_kind(value)}"
    if kind in ("list_type",):
        hint = "; start each item on a line of its own with '- '" if isinstance(
            value, str) else ""
        return f"expected a list, got {_kind(value)}{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys, got {_kind(value)}"
    if kind in ("string_type",):
        return f"expected text, got {_kind(value)}"
    if kind == "string_pattern_mismatch":
        return f"expected {_pattern_hint(_model_at(root, loc[:-1]), loc[-1])}, got {_kind(value)}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}, got {_kind(value)}"
    if kind == "less_than":
        return f"must be less than {ctx.get('lt')}, got {_kind(value)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])
