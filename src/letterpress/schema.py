"""JSON Schemas of letters and layout manifests, generated from the pydantic models.

Editors running the YAML language server read them to complete keys, explain them on hover
and underline mistakes while a letter is typed. pydantic writes the shapes; the steps here
only make them read well in an editor and match what letterpress accepts: no titles made of
field and class names, one-of-several shapes as a flat ``anyOf``, text and language maps
named once in ``$defs``, and booleans written the ways letterpress reads them (``yes``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from letterpress import model as m
from letterpress.errors import Diagnostic, LetterError
from letterpress.i18n import LABEL_KEYS, LABELS
from letterpress.layouts import Manifest

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schema"  # in a project, beside letters/ and layouts/
MODELINE = "# yaml-language-server: $schema="

# pydantic's lax booleans, in any case; a YAML 1.2 editor reads yes/no/on/off as text
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")
_DEFS: dict[str, dict[str, Any]] = {
    "Text": {"anyOf": [m.WRITTEN_JSON, {"$ref": "#/$defs/LanguageMap"}], "title": "text",
             "description": "Text, or one text per language: {en: ..., ar: ...}."},
    "LanguageMap": {**m.LANGUAGE_MAP_JSON, "title": "text per language"},
    "LanguageLines": {**m.LANGUAGE_LINES_JSON, "title": "lines per language"},
    "Flag": {"title": "true or false", "anyOf": [
        {"type": "boolean"}, {"enum": [0, 1]},
        {"type": "string", "pattern": "^(?:" + "|".join(
            "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)
            for word in _BOOL_WORDS) + ")$", "patternErrorMessage": "true or false"}],
        "description": "true or false (yes/no and on/off work too)."},
}


def letter_schema() -> dict[str, Any]:
    """The schema of a letter file (``letters/*.yaml``)."""
    return _finish(m.Letter, "letter", "letterpress letter",
                   "An open letter, joint statement or press release for letterpress.",
                   label=_ref("Text"))


def layout_schema() -> dict[str, Any]:
    """The schema of a layout manifest (``layouts/*/layout.yaml``)."""
    return _finish(Manifest, "layout", "letterpress layout manifest",
                   "A layout's layout.yaml: fonts, colours, margins, options and labels.",
                   label={"type": "string"})


SCHEMAS = {"letter": letter_schema, "layout": layout_schema}


def dumps(schema: dict[str, Any]) -> str:
    """The committed form: two-space indents, keys in a fixed order, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


HEAD = f'{{\n  "$schema": "{DRAFT}",\n  "$id": "urn:letterpress:'  # how dumps() starts


def check_target(target: Path) -> None:
    """Refuse to replace a file that is not a schema letterpress wrote: ``schema -o
    letters/x.yaml`` silently replaced a letter with JSON (as ``signatories -o`` decides)."""
    from letterpress.write import replaces, starts_with

    if replaces(target) and not starts_with(target, HEAD):
        raise LetterError([Diagnostic(str(target), 1, 1, "this file exists and is not a "
                                      "JSON schema letterpress wrote; not replaced: give "
                                      "another file name, or remove it first")])


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def ensure(project: Path) -> list[Path]:
    """Write ``schema/*.schema.json`` into a project where missing or out of date (after an
    upgrade of letterpress); returns the files written."""
    from letterpress.write import write_atomic

    written = []
    for kind, make in SCHEMAS.items():
        path = project / FOLDER / file_name(kind)
        data = dumps(make()).encode()
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
            written.append(path)
    return written


def modeline(document: Path, schema: Path) -> str:
    """The first line that points the YAML language server at ``schema``, relative to
    ``document``'s folder so that it works offline and wherever the project is moved."""
    relative = os.path.relpath(schema.resolve(), document.resolve().parent)
    return MODELINE + Path(relative).as_posix()


# --- post-processing -------------------------------------------------------------------------

def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _finish(model: type[BaseModel], kind: str, title: str, description: str,
            label: dict[str, Any]) -> dict[str, Any]:
    raw = model.model_json_schema(by_alias=True, mode="validation")
    body = {key: value for key, value in raw.items() if key not in ("title", "description")}
    tidy = _tidy(body)
    defs = tidy.setdefault("$defs", {})
    while missing := [name for name in _DEFS if name not in defs
                      and f'"#/$defs/{name}"' in json.dumps(tidy)]:
        defs.update({name: _DEFS[name] for name in missing})
    tidy["properties"]["labels"]["properties"] = {
        key: {**label, "description": f'Instead of "{LABELS["en"][key]}" (English).'}
        for key in sorted(LABEL_KEYS)}
    head = {"$schema": DRAFT, "$id": f"urn:letterpress:{kind}:v1", "title": title,
            "description": description}
    return {**head, **_sorted({key: tidy[key] for key in tidy if key != "$defs"}),
            "$defs": _sorted(defs)}


_VALUES = ("examples", "default", "enum", "const")  # data, not schemas


def _tidy(node: Any) -> Any:
    """One node, depth first: drop pydantic's titles and null defaults, flatten one-of-
    several shapes, and name text, language maps and booleans by reference."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and "properties" not in node:
            continue  # pydantic's field names; a shape keeps the title its model gives it
        if key in ("properties", "$defs"):
            out[key] = {name: _tidy(sub) for name, sub in value.items()}
            if key == "properties":  # "organization" as check reads it: the same key
                out[key] |= {other: {**out[key][name], "description": f"'{name}' in US "
                                     "spelling: the same key (give one of them)."}
                             for other, name in m.SPELLINGS.items() if name in out[key]}
        else:
            out[key] = value if key in _VALUES else _tidy(value)
    if "default" in out and (out["default"] is None or isinstance(out["default"], dict)):
        del out["default"]  # a mapping's defaults are shown on its own keys
    if "oneOf" in out:  # pydantic's discriminated unions: the shapes never overlap
        out["anyOf"] = out.pop("oneOf")
    if "anyOf" in out:
        out["anyOf"] = _alternatives(out["anyOf"])
        if len(out["anyOf"]) == 1:
            out.update(out.pop("anyOf")[0])
    if out == m.LANGUAGE_MAP_JSON:
        return _ref("LanguageMap")
    if out == m.LANGUAGE_LINES_JSON:
        return _ref("LanguageLines")
    if out.get("type") == "boolean":
        del out["type"]
        out.update(_ref("Flag"))
    return out


def _alternatives(options: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for option in options:
        nested = option.get("anyOf") if isinstance(option, dict) and len(option) == 1 else None
        flat.extend(nested or [option])
    if m.WRITTEN_JSON in flat and _ref("LanguageMap") in flat:
        at = flat.index(m.WRITTEN_JSON)
        flat = [o for o in flat if o not in (m.WRITTEN_JSON, _ref("LanguageMap"))]
        flat.insert(at, _ref("Text"))
    shapes = [o for o in flat if "$ref" in o and o != _ref("Text")]
    if shapes and _ref("Text") in flat:
        # An editor that cannot tell which shape was meant reports the first one's errors:
        # "missing key heading" says more about `headin: ...` than "expected text".
        flat.remove(_ref("Text"))
        flat.insert(flat.index(shapes[-1]) + 1, _ref("Text"))
    return flat


def _sorted(node: Any, names: bool = False) -> Any:
    """Keys in alphabetical order, except property names, which keep the format's order."""
    if isinstance(node, list):
        return [_sorted(item) for item in node]
    if not isinstance(node, dict):
        return node
    keys = node if names else sorted(node)
    return {key: _sorted(node[key], names=key == "properties" and not names) for key in keys}
