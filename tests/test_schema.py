"""The JSON Schemas editors use: generated, committed, and never at odds with ``check``.

Files are read as the YAML language server reads them (YAML 1.2 core schema: ``2016-12-15``
and ``yes`` are text, ``2024`` is a number), and validated with a standard validator.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from letterpress import schema
from letterpress.build import check
from letterpress.cli import app
from letterpress.layouts import BUILTIN
from letterpress.source import format_path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
INVALID = Path(__file__).parent / "invalid"
REGENERATE = "make schema"
runner = CliRunner()


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's scalars, as editors see them; keys as written."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        return {(k.value if isinstance(k, yaml.ScalarNode) else self.construct_object(k)):
                self.construct_object(v, deep=deep) for k, v in node.value}


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


for tag, pattern, first in (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)"
     r"|\.(nan|NaN|NAN)", "-+0123456789."),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(f"^(?:{pattern})$"),
                                       list(first))
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)


def load12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader


def validator(kind: str) -> jsonschema.Draft202012Validator:
    document = schema.SCHEMAS[kind]()
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


LETTER = validator("letter")
LAYOUT = validator("layout")


def errors(kind: jsonschema.Draft202012Validator, text: str) -> list[Any]:
    """Every error, with each way an anyOf was not met (the editor shows the likeliest)."""
    def flat(found: Any) -> Any:
        for error in found:
            yield error
            yield from flat(error.context or [])

    return list(flat(kind.iter_errors(load12(text))))


def problems(kind: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [f"{format_path(tuple(e.absolute_path)) or 'letter'}: {e.message}"
            for e in errors(kind, text)]


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


_PNG = _png()


# --- generation and freshness --------------------------------------------------------------

@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_committed_schema_is_what_letterpress_schema_prints(kind: str) -> None:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0, result.output
    committed = ROOT / schema.FOLDER / schema.file_name(kind)
    assert committed.read_text(encoding="utf-8") == result.output, (
        f"{committed.relative_to(ROOT)} is stale: run `{REGENERATE}` and commit it")


def subschemas(node: Any, path: str = "") -> Any:
    """Every schema inside a schema, with a path such as ``properties.to.anyOf.2``."""
    if isinstance(node, dict):
        yield path, node
        for key, sub in node.items():
            if key in ("properties", "$defs"):
                for name, inner in sub.items():
                    yield from subschemas(inner, f"{path}.{key}.{name}")
            elif key in ("anyOf", "allOf", "prefixItems") and isinstance(sub, list):
                for i, inner in enumerate(sub):
                    yield from subschemas(inner, f"{path}.{key}.{i}")
            elif key in ("items", "additionalProperties", "propertyNames", "not"):
                yield from subschemas(sub, f"{path}.{key}")


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_schema_is_draft_2020_12_with_id_title_and_no_pydantic_titles(kind: str) -> None:
    document = schema.SCHEMAS[kind]()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] and document["title"]
    for path, node in subschemas(document):
        if path.count(".") == 2 and path.startswith(".$defs."):  # a shape: named for people
            assert node["title"] != path.rsplit(".", 1)[1] and node["title"].islower(), path
        elif path:
            assert "title" not in node, path  # pydantic's "Title" for `title`, "Lang"...
        assert "oneOf" not in node and "discriminator" not in node, path
    assert "<" not in schema.dumps(document)  # no discriminator tags such as <person>


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_every_key_is_described(kind: str) -> None:
    for path, node in subschemas(schema.SCHEMAS[kind]()):
        if node.get("type") == "object":
            for key, sub in node.get("properties", {}).items():
                assert sub.get("description"), f"{path}.{key} has no description"


def test_enums_examples_and_shapes_are_there() -> None:
    letter = schema.letter_schema()
    defs, props = letter["$defs"], letter["properties"]
    assert defs["Signatories"]["properties"]["numbering"]["enum"] == [
        "continuous", "per-group", "none"]
    assert "examples" in props["date"] and "2016-12-15" in props["date"]["examples"]
    assert list(defs["LanguageMap"]["patternProperties"]) == [
        r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(-u-(ca-(gregory|persian)(-nu-(latn|arab|arabext))?"
        r"|nu-(latn|arab|arabext)(-ca-(gregory|persian))?))?$"]
    assert defs["LanguageMap"]["additionalProperties"] is False
    for shape in ("Person", "Member", "ListItem", "Heading", "Quote", "Demands", "BulletList",
                  "Rule", "Image", "PageBreak", "Paragraphs"):
        assert defs[shape]["additionalProperties"] is False and defs[shape]["required"], shape
    assert "signatories" in props["labels"]["properties"]


# --- what letterpress accepts, the schema accepts --------------------------------------------

LETTERS = sorted((ROOT / "letters").glob("*.yaml"))
SHARED_LETTERS = sorted((SHARED / "examples").glob("*.yaml"))  # the examples there are text
MANIFESTS = sorted([*BUILTIN.glob("*/layout.yaml"), *(ROOT / "layouts").glob("*/layout.yaml")])


@pytest.mark.parametrize("path", LETTERS + SHARED_LETTERS, ids=lambda p: p.name)
def test_every_letter_validates(path: Path) -> None:
    assert check(path).errors == []
    assert problems(LETTER, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_every_layout_manifest_validates(path: Path) -> None:
    assert problems(LAYOUT, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", LETTERS + MANIFESTS, ids=lambda p: p.name)
def test_files_in_the_repository_carry_the_modeline(path: Path) -> None:
    kind = "layout" if path.name == "layout.yaml" else "letter"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = ROOT / schema.FOLDER / schema.file_name(kind)
    assert first == schema.modeline(path, target)


# Text as letterpress reads it: numbers, dates and yes/no stay the words written; flags take
# the spellings pydantic knows; shorthand forms (one addressee, a list for signatories).
ACCEPTED = {
    "numbers as text": "title: 2024\nreference: 0123\nbody: [1984]\nfootnotes: {1: 2}\n",
    "dates and words": "title: x\ndate: 2016-12-15\nsubtitle: yes\nplace: NO\n",
    "empty optional keys": "title: x\nsubtitle:\nclosing: ~\nsignatories: null\n",
    "language maps": "lang: [en, ar]\ntitle: {en: Hello, ar: مرحبا, fr-CA: Allo}\n",
    "digits chosen by the tag": "lang: [ar-SY-u-nu-latn, fa-u-nu-arab]\n"
                                "title: {ar-SY-u-nu-latn: بيان, fa-u-nu-arab: بیانیه}\n",
    "calendar chosen by the tag": "lang: [fa-IR-u-ca-gregory-nu-latn, ps-u-nu-latn-ca-persian]\n"
                                  "title: {fa-IR-u-ca-gregory-nu-latn: بیانیه, "
                                  "ps-u-nu-latn-ca-persian: اعلامیه}\ndate: 2026-01-15\n",
    "one addressee": "title: x\nto: {name: Mr Guterres, role: [Secretary-General, UN]}\n",
    "lines per language": "lang: [uk, en]\ntitle: x\nfrom: {name: A, address: {uk: [Київ], "
                          "en: [Kyiv, Ukraine]}, phone: {uk: '+380 44', en: ['+380 44']}}\n",
    "markers in other scripts": "title: x\nbody:\n  - demands: {marker: α), items: [a]}\n"
                                "  - list: {marker: (А), items: [b]}\n",
    "flags": "title: x\nbody: [{rule: yes}, {page_break: on}, {demands: {continue: True, "
             "items: [a]}}]\nsignatories: {include_unverified: 0, members: [{name: A, "
             "verified: n}]}\n",
    "markers": "title: x\nbody:\n  - demands: {marker: 1., items: [a]}\n"
               "  - list: {marker: ' • ', items: [b]}\n  - list: {marker: (1), items: [c]}\n"
               "  - list: {marker: '', items: [d]}\n",
    "lists of items": "title: x\nbody:\n  - demands: [a, {text: b, marker: a), items: [c]}]\n",
    "signatories as a list": "title: x\nsignatories: [A, {name: B, added: 2016-12-14}]\n",
    "contacts as a list": "title: x\ncontacts: [{name: A, phone: +44 7824 777267}]\n",
    "US spelling": "title: x\nto: [{name: A, organization: UN}]\n"
                   "signatories: [{name: B, organization: Oxfam America}]\n",
    "blocks with lang": "lang: ar\ntitle: x\nbody: [{text: Hi, lang: en}, {heading: H, "
                        "level: 2}, {quote: Q, by: B}, {image: a.png, width: 60%}]\n",
    "source": "title: x\nsignatories: {source: [a.csv, b.yaml]}\n",
    "Arabic and Persian digits": "title: x\ndate: ٢٠٢٦-٠٨-٢١\nbody: [{heading: H, level: ٢}, "
                                 "{demands: {start: ۳, items: [a]}}, {image: a.png, width: ٦٠%}]\n"
                                 "signatories: [{name: B, added: ۲۰۲۶-۰۸-۱۹}]\n",
    "scaffold": (ROOT / "src/letterpress/scaffold/letter.yaml").read_text(encoding="utf-8")
                .replace("LAYOUT", "letter").replace("TITLE", "T").replace("DATE", "2026-01-01"),
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_what_check_accepts_the_schema_accepts(name: str, tmp_path: Path) -> None:
    text = ACCEPTED[name]
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(_PNG)
    (tmp_path / "a.csv").write_text("name\nZ\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- name: Y\n", encoding="utf-8")
    assert [d.message for d in check(path).errors] == []
    assert problems(LETTER, text) == []



@pytest.mark.parametrize("word", ["true", "False", "YES", "no", "On", "off", "y", "N", "t",
                                  "f", "1", "0"])
def test_flags_accept_the_words_letterpress_reads(word: str, tmp_path: Path) -> None:
    text = f"title: x\nbody: [{{rule: {word}}}]\n"
    (tmp_path / "l.yaml").write_text(text, encoding="utf-8")
    assert check(tmp_path / "l.yaml").errors == []
    assert problems(LETTER, text) == []


# --- what check rejects for structure, the schema rejects ----------------------------------

STRUCTURAL = ["misspelt-key", "wrong-types", "no-title-no-body", "not-a-mapping",
              "misspelt-required-key", "comma-in-flow-mapping", "colon-after-one-word",
              "block-key-inside-its-value", "member-role-lines"]
NOT_STRUCTURAL = {  # why the schema cannot see it
    "bad-lang-map": "xx is shaped like a language tag; only CLDR knows it is none",
    "duplicate-key": "a YAML error: the language server reports it itself",
    "missing-image": "a file on disk",
    "not-utf8": "bytes, not structure",
    "tab": "a YAML error",
    "unclosed-quote": "a YAML error",
    "unknown-count-group": "a reference inside text",
    "count-in-title": "a reference inside text",
    "unknown-layout": "a folder on disk",
    "markdown-rule": "a YAML error",
    "second-document": "a YAML error",
    "rule-in-block-text": "a YAML error",
    "name-in-no-printed-language": "which of its languages a name needs is the letter's lang",
}


def test_every_invalid_case_is_sorted() -> None:
    cases = {p.stem for p in INVALID.glob("*.yaml")}
    assert cases == set(STRUCTURAL) | set(NOT_STRUCTURAL)


@pytest.mark.parametrize("case", STRUCTURAL)
def test_structural_invalid_cases_are_rejected_by_both(case: str) -> None:
    path = INVALID / f"{case}.yaml"
    assert runner.invoke(app, ["check", str(path)]).exit_code == 2
    assert problems(LETTER, path.read_text(encoding="utf-8"))


# Broken letters: check and the schema must both reject each, at the same place.
BROKEN = {
    "unknown top-level key": "titel: Hello\nbody: [Text]\n",
    "unknown key in from": "title: x\nfrom: {name: A, adress: B}\n",
    "unknown key in an addressee": "title: x\nto: [{name: A, rank: B}]\n",
    "unknown key in a group": "title: x\nsignatories: {groups: [{nme: A}]}\n",
    "member with an unknown key": "title: x\nsignatories:\n  groups:\n    - members:\n"
                                  "        - name: A\n          organisaton: B\n",
    "unknown key in a nested item": "title: x\nbody:\n  - demands:\n      items:\n"
                                    "        - text: a\n          itemz: [b]\n",
    "unknown block": "title: x\nbody: [{headin: We condemn}]\n",
    "block of the wrong shape": "title: x\nbody: [{quote: [a, b]}]\n",
    "block with two kinds": "title: x\nbody: [{heading: a, quote: b}]\n",
    "empty block": "title: x\nbody: [{}]\n",
    "list for text": "title: [a, b]\n",
    "mapping for text": "title: {text: a}\n",
    "text for a list": "title: x\nsignatories: {groups: [{members: Zaytoon}]}\n",
    "bad enum": "title: x\nsignatories: {display: colums}\n",
    "bad enum in a list": "title: x\nsignatories: {columns: [colour]}\n",
    "bad combine": "title: x\ncombine: together\n",
    "level out of range": "title: x\nbody: [{heading: H, level: 4}]\n",
    "not a number": "title: x\nbody: [{demands: {start: many, items: [a]}}]\n",
    "not a flag": "title: x\nbody: [{demands: {continue: perhaps, items: [a]}}]\n",
    "bad marker": "title: x\nbody: [{demands: {marker: x), items: [a]}}]\n",
    "bad width": "title: x\nbody: [{image: a.png, width: wide}]\n",
    "empty member name": "title: x\nsignatories: [{name: ''}]\n",
    "member without a name": "title: x\nsignatories: [{role: Director}]\n",
    "lang not a tag": "lang: English\ntitle: x\n",
    "lang twice": "lang: [en, en]\ntitle: x\n",
    "language map with a field's name": "title: {en: a, name: b}\n",
    "null item": "title: x\nbody: [a, ~]\n",
    "not a mapping": "- a\n- b\n",
    "neither title nor body": "subtitle: x\n",
}


def check_paths(path: Path) -> set[str]:
    """Where check puts each problem, written as letterpress writes paths (``body[0].level``)."""
    heads = {d.message.split(": ", 1)[0] for d in check(path).errors}
    return {head if re.fullmatch(r"[\w.\[\]-]+", head) else "letter" for head in heads}


def schema_paths(text: str) -> set[str]:
    return {format_path(tuple(e.absolute_path)) or "letter" for e in errors(LETTER, text)}


@pytest.mark.parametrize("name", list(BROKEN))
def test_structural_mistakes_are_rejected_by_check_and_schema_at_the_same_place(
        name: str, tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text(BROKEN[name], encoding="utf-8")
    (tmp_path / "a.png").write_bytes(_PNG)
    by_check, by_schema = check_paths(path), schema_paths(BROKEN[name])
    assert by_check, "check accepts it"
    assert by_schema, "the schema accepts it"
    # an unknown or missing key: check names the key, the schema the mapping that holds it
    holder = {c: c.rsplit(".", 1)[0] if "." in c else "letter" for c in by_check}
    assert any(s in (c, holder[c]) for c in by_check for s in by_schema), (by_check, by_schema)


# Where the two still differ, and why; a fix on either side should move a case out of here.
CHECK_ONLY = {  # check rejects, the schema cannot know
    "a 3-letter typo reads as a language": "title: x\nto: [{nam: Antonio}]\n",
    "a language CLDR does not know": "title: {en: Hello, xx: Bonjour}\n",
    "lang CLDR does not know": "lang: xx\ntitle: x\n",
    "a date that does not exist": "title: x\ndate: 2016-13-45\n",
    "hex is a number in YAML 1.2 only": "title: x\nbody: [{demands: {start: 0x10, items: [a]}}]\n",
}
SCHEMA_ONLY = {  # the editor underlines what check reads as the text written
    "true as a title": "title: true\n",
    "a quoted number": "title: x\nbody: [{heading: H, level: '2'}]\n",
    "a number where only text is read": "title: x\nsignatories: [{name: A, url: 2016}]\n",
}


@pytest.mark.parametrize(("name", "by_check"), [(n, False) for n in CHECK_ONLY]
                         + [(n, True) for n in SCHEMA_ONLY])
def test_known_differences(name: str, by_check: bool, tmp_path: Path) -> None:
    text = {**CHECK_ONLY, **SCHEMA_ONLY}[name]
    (tmp_path / "l.yaml").write_text(text, encoding="utf-8")
    assert (check(tmp_path / "l.yaml").errors == []) is by_check
    assert (problems(LETTER, text) == []) is not by_check


LAYOUT_BROKEN = {
    "unknown key": "descripton: x\n",
    "unknown style key": "style: {fnt: Noto Sans}\n",
    "bad colour": "style: {accent: green}\n",
    "out of range": "style: {font_size: 100}\n",
    "bad option": "options: {dateline: bottom}\n",
    "bad flag": "options: {end_mark: sometimes}\n",
    "label not text": "labels: {signatories: [a]}\n",
    "font not shipped": "style: {font: Comic Sans MS}\n",
    "heading font misspelt": "style: {heading_font: Noto Sams}\n",
}


@pytest.mark.parametrize("name", list(LAYOUT_BROKEN))
def test_layout_mistakes_are_rejected_by_both(name: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from letterpress.errors import LetterError
    from letterpress.layouts import load

    text = LAYOUT_BROKEN[name]
    folder = tmp_path / "layouts" / "broken"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LetterError):
        load("broken")
    assert problems(LAYOUT, text)


def test_a_shipped_font_in_any_capitals_is_accepted_by_both(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from letterpress.layouts import load

    text = "style: {font: noto sans, heading_font: NOTO SERIF}\n"
    folder = tmp_path / "layouts" / "mine"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    style = load("mine").manifest.style
    assert (style.font, style.heading_font) == ("Noto Sans", "Noto Serif")
    assert problems(LAYOUT, text) == []


# --- letterpress new ------------------------------------------------------------------------

def test_new_writes_the_schemas_and_a_modeline_that_resolves(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "ceasefire", "--layout", "statement"])
    assert result.exit_code == 0, result.output
    letter = tmp_path / "letters" / "ceasefire.yaml"
    first = letter.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/letter.schema.json"
    target = (letter.parent / first.partition("$schema=")[2]).resolve()
    assert target.read_text(encoding="utf-8") == schema.dumps(schema.letter_schema())
    assert (tmp_path / "schema" / "layout.schema.json").is_file()
    assert problems(LETTER, letter.read_text(encoding="utf-8")) == []
    assert runner.invoke(app, ["check", str(letter)]).exit_code == 0


def test_new_refreshes_a_stale_schema_and_leaves_a_fresh_one(tmp_path: Path) -> None:
    stale = tmp_path / "schema" / "letter.schema.json"
    stale.parent.mkdir()
    stale.write_text("{}\n", encoding="utf-8")
    assert schema.ensure(tmp_path) == [stale, tmp_path / "schema" / "layout.schema.json"]
    assert schema.ensure(tmp_path) == []


def test_new_in_another_folder_points_relatively(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "draft", "--dir", "campaign/drafts"])
    assert result.exit_code == 0, result.output
    first = (tmp_path / "campaign/drafts/draft.yaml").read_text(encoding="utf-8").split("\n")[0]
    assert first.endswith("$schema=../schema/letter.schema.json")
    assert (tmp_path / "campaign/schema/letter.schema.json").is_file()


def test_sign_keeps_the_modeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["new", "draft"]).exit_code == 0
    letter = tmp_path / "letters" / "draft.yaml"
    before = letter.read_text(encoding="utf-8")
    result = runner.invoke(app, ["sign", str(letter), "Hand In Hand", "--group", "New"])
    assert result.exit_code == 0, result.output
    after = letter.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]
    assert problems(LETTER, after) == []


def test_schema_output_option_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "layout.schema.json"
    result = runner.invoke(app, ["schema", "layout", "-o", str(target)])
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8") == schema.dumps(schema.layout_schema())


def test_unknown_schema_kind_is_invalid_input() -> None:
    result = runner.invoke(app, ["schema", "letters"])
    assert result.exit_code == 2 and "letter, layout" in result.output


def test_yaml12_loader_reads_as_editors_do() -> None:
    data = load12(textwrap.dedent("""\
        a: 2016-12-15
        b: yes
        c: 0123
        d: 0o17
        e: 1.
        f: TRUE
        g: ~
        1: key
    """))
    assert data == {"a": "2016-12-15", "b": "yes", "c": 123, "d": 15, "e": 1.0, "f": True,
                    "g": None, "1": "key"}
