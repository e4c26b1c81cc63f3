"""The letter format (``letter-format.md``) as frozen, validated pydantic models.

Every mapping forbids unknown keys. Text fields accept a string or a language map
(``{en: ..., ar: ...}``). Entries that may be text or a mapping (addressees, members, body
blocks, list items) are told apart by the keys the format defines for them, never by guessing.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from letterpress.i18n import is_language, parse_iso

LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def is_lang_tag(key: object) -> bool:
    """A BCP 47 tag of a language CLDR knows: tells a language map from a mapping of fields."""
    return isinstance(key, str) and bool(LANG_TAG.match(key)) and is_language(key)


def _text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value:
        bad = [k for k in value if not is_lang_tag(k)]
        if bad:
            raise ValueError(f"'{bad[0]}' is not a language tag; a text given per language "
                             "looks like {en: ..., ar: ...}")
        for k, v in value.items():
            if not isinstance(v, str):
                raise ValueError(f"the '{k}' text must be text")
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list):
        raise ValueError("expected text, got a list")
    if isinstance(value, dict):
        raise ValueError("expected text, got an empty mapping")
    raise ValueError("expected text")


TEXT_SCHEMA = WithJsonSchema({"anyOf": [
    {"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]})
"""Text, or a map from language tag to text."""

Text = Annotated[
    str | dict[str, str],
    PlainValidator(_text),
    TEXT_SCHEMA,
]


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _name(value: Any) -> str | dict[str, str]:
    """A name: text, without the bidi embedding, override and isolate controls that can make
    a name display as something else (the joiners Arabic and Persian need are kept)."""
    text = _text(value)
    for one in text.values() if isinstance(text, dict) else [text]:
        match = _BIDI_CONTROLS.search(one)
        if match:
            raise ValueError(f"bidi control U+{ord(match.group()):04X} (character "
                             f"{match.start() + 1}) can disguise a name; remove it")
    return text


Name = Annotated[
    str | dict[str, str],
    PlainValidator(_name),
    TEXT_SCHEMA,
]


def _lines(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) else value


Lines = Annotated[list[Text], BeforeValidator(_lines)]
"""One line, or a list of lines (addresses, roles, phone numbers)."""


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) else value


MARKER = re.compile(r"^(\(?)([0-9\u0660-\u0669\u06f0-\u06f9]+|[aAiI]|[\u0623])([.)\-:]?)$")
BULLETS = frozenset({"•", "-", "–", "—", "*", "◦", "▪", "■", "●", "○", "✓", "►", ""})


def _marker(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a marker is text such as \"1.\", \"(1)\", \"a)\", \"i.\" or \"•\"")
    text: str = value.strip()
    if text in BULLETS or MARKER.match(text):
        return text
    raise ValueError(f"unknown marker '{text}'; use one of \"1.\" \"1)\" \"1-\" \"(1)\" "
                     "\"a)\" \"A.\" \"i.\" \"I.\" \"•\" \"-\"")


Marker = Annotated[str, PlainValidator(_marker), WithJsonSchema({"type": "string"})]


def _date_text(value: Any) -> Any:
    """ISO dates must exist; any other text is printed as written."""
    for text in (value.values() if isinstance(value, dict) else [value]):
        if text is not None:
            try:
                parse_iso(text)
            except ValueError:
                raise ValueError(f"'{text}' is not a real date (year-month-day)") from None
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- people -------------------------------------------------------------------------------

class Person(Strict):
    """An addressee, a cc or a media contact."""

    name: Name
    role: Lines | None = None
    organisation: Text | None = None
    address: Lines | None = None
    email: Lines | None = None
    phone: Lines | None = None
    url: str | None = None


class Sender(Strict):
    """The letterhead."""

    name: Name | None = None
    logo: str | None = None
    address: Lines | None = None
    email: Lines | None = None
    phone: Lines | None = None
    url: str | None = None


def is_lang_map(value: dict[str, Any]) -> bool:
    return bool(value) and all(is_lang_tag(k) for k in value)


def _text_or(kind: str, *keys: str) -> Any:
    """Discriminate 'plain text (or language map)' from 'a mapping with these keys'."""

    def pick(value: Any) -> str | None:
        if isinstance(value, str):
            return "text"
        if isinstance(value, dict):
            if any(k in value for k in keys) or not is_lang_map(value):
                return kind
            return "text"
        if isinstance(value, BaseModel):
            return kind
        return None

    return pick


Addressee = Annotated[
    Annotated[Name, Tag("text")] | Annotated[Person, Tag("<person>")],
    Discriminator(_text_or("<person>", "name"), custom_error_type="addressee",
                  custom_error_message="an addressee is text or a mapping with a name"),
]
Addressees = Annotated[list[Addressee], BeforeValidator(_one_or_many)]


# --- lists and demands ----------------------------------------------------------------------

class ListItem(Strict):
    """A list item with details: its text and an optional nested list."""

    text: Text
    marker: Marker | None = None
    start: int | None = Field(default=None, ge=0)
    items: list[Item] = Field(default_factory=list)


Item = Annotated[
    Annotated[Text, Tag("text")] | Annotated[ListItem, Tag("<item>")],
    Discriminator(_text_or("<item>", "text", "items", "marker"), custom_error_type="item",
                  custom_error_message="a list item is text or a mapping with text and items"),
]


def _list_spec(value: Any) -> Any:
    return {"items": value} if isinstance(value, list) else value


class ListSpec(Strict):
    """The keys shared by ``demands`` and ``list`` blocks."""

    intro: Text | None = None
    marker: Marker | None = None
    start: int | None = Field(default=None, ge=0)
    continue_: bool = Field(default=False, alias="continue")
    items: list[Item]


Spec = Annotated[ListSpec, BeforeValidator(_list_spec)]


# --- body blocks ------------------------------------------------------------------------------

class Paragraphs(Strict):
    """Markdown text as a mapping, so that it can carry ``lang``."""

    text: Text
    lang: str | None = None


class Heading(Strict):
    heading: Text
    level: int = Field(default=1, ge=1, le=3)
    lang: str | None = None


class Quote(Strict):
    quote: Text
    by: Text | None = None
    role: Text | None = None
    lang: str | None = None


class Demands(Strict):
    demands: Spec
    lang: str | None = None


class BulletList(Strict):
    list_: Spec = Field(alias="list")
    lang: str | None = None


class Rule(Strict):
    rule: bool = True


class Image(Strict):
    image: str
    caption: Text | None = None
    width: str | None = Field(default=None, pattern=r"^\d+(\.\d+)?\s*(%|mm|cm|in|pt|px)$")
    alt: Text | None = None


class PageBreak(Strict):
    page_break: bool = True


BLOCK_KINDS: dict[str, type[Strict]] = {
    "heading": Heading, "quote": Quote, "demands": Demands, "list": BulletList,
    "rule": Rule, "image": Image, "page_break": PageBreak, "text": Paragraphs,
}


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "markdown"
    if isinstance(value, BaseModel):
        return f"<{type(value).__name__}>"
    if isinstance(value, dict):
        for key in value:
            if key in BLOCK_KINDS:
                return f"<{BLOCK_KINDS[key].__name__}>"
        if is_lang_map(value):
            return "markdown"
    return None


Block = Annotated[
    Annotated[Text, Tag("markdown")]
    | Annotated[Heading, Tag("<Heading>")]
    | Annotated[Quote, Tag("<Quote>")]
    | Annotated[Demands, Tag("<Demands>")]
    | Annotated[BulletList, Tag("<BulletList>")]
    | Annotated[Rule, Tag("<Rule>")]
    | Annotated[Image, Tag("<Image>")]
    | Annotated[PageBreak, Tag("<PageBreak>")]
    | Annotated[Paragraphs, Tag("<Paragraphs>")],
    Discriminator(_block_kind, custom_error_type="block",
                  custom_error_message="a body block is Markdown text or a mapping with one of "
                  "the keys: heading, quote, demands, list, rule, image, page_break, text"),
]


# --- signatories --------------------------------------------------------------------------------

MemberField = Literal["role", "organisation", "country", "url", "note", "added"]
DEFAULT_COLUMNS: tuple[MemberField, ...] = ("role", "organisation")
Numbering = Literal["continuous", "per-group", "none"]
Display = Literal["list", "columns", "inline", "table", "signature"]
Order = Literal["as-given", "alphabetical"]


class Member(Strict):
    """A signatory with details."""

    name: Name
    role: Text | None = None
    organisation: Text | None = None
    country: Text | None = None
    url: str | None = None
    note: Text | None = None
    added: str | None = None
    verified: bool | None = None

    _added = field_validator("added")(classmethod(lambda cls, v: _date_text(v)))

    @field_validator("name")
    @classmethod
    def _named(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        if isinstance(value, str) and not value.strip():
            raise ValueError("a signatory's name is empty")
        return value


MemberEntry = Annotated[
    Annotated[Name, Tag("text")] | Annotated[Member, Tag("<member>")],
    Discriminator(_text_or("<member>", "name"), custom_error_type="member",
                  custom_error_message="a signatory is text or a mapping with a name"),
]


class Group(Strict):
    name: Name | None = None
    intro: Text | None = None
    note: Text | None = None
    members: list[MemberEntry] = Field(default_factory=list)
    numbering: Numbering | None = None
    marker: Marker | None = None
    order: Order | None = None
    display: Display | None = None
    columns: list[MemberField] | None = None
    lang: str | None = None


def _signatories(value: Any) -> Any:
    return {"members": value} if isinstance(value, list) else value


class Signatories(Strict):
    heading: Text | None = None
    numbering: Numbering = "continuous"
    marker: Marker | None = None
    order: Order = "as-given"
    display: Display = "list"
    columns: list[MemberField] = Field(default_factory=lambda: list(DEFAULT_COLUMNS))
    intro: Text | None = None
    note: Text | None = None
    groups: list[Group] = Field(default_factory=list)
    members: list[MemberEntry] = Field(default_factory=list)
    source: Annotated[list[str], BeforeValidator(_one_or_many)] = Field(default_factory=list)
    include_unverified: bool = False


def _contacts(value: Any) -> Any:
    return {"people": value} if isinstance(value, list) else value


class Contacts(Strict):
    heading: Text | None = None
    intro: Text | None = None
    people: list[Person] = Field(default_factory=list)


# --- the letter ----------------------------------------------------------------------------------

def _lang(value: Any) -> Any:
    langs = [value] if isinstance(value, str) else value
    if isinstance(langs, list):
        for tag in langs:
            if not is_lang_tag(tag):
                raise ValueError(f"'{tag}' is not a language tag such as en, ar or fr-CA")
        if len(set(langs)) != len(langs):
            raise ValueError("a language is listed twice")
    return langs


class Letter(Strict):
    """A whole letter: at least a title or a body."""

    layout: str | None = None
    lang: Annotated[list[str], BeforeValidator(_lang), Field(min_length=1)] = ["en"]
    combine: Literal["separate", "sequential", "parallel"] = "separate"
    paper: Literal["a4", "letter", "A4", "Letter"] | None = None
    title: Text | None = None
    subtitle: Text | None = None
    date: Text | None = None
    place: Text | None = None
    reference: Text | None = None
    from_: Sender | None = Field(default=None, alias="from")
    to: Addressees = Field(default_factory=list)
    cc: Addressees = Field(default_factory=list)
    subject: Text | None = None
    salutation: Text | None = None
    body: list[Block] = Field(default_factory=list)
    closing: Text | None = None
    signatories: Annotated[Signatories, BeforeValidator(_signatories)] | None = None
    contacts: Annotated[Contacts, BeforeValidator(_contacts)] | None = None
    postscript: Text | None = None
    footnotes: dict[str, Text] = Field(default_factory=dict)
    labels: dict[str, Text] = Field(default_factory=dict)

    _date = field_validator("date")(classmethod(lambda cls, v: _date_text(v)))

    @model_validator(mode="after")
    def _has_content(self) -> Letter:
        if self.title is None and not self.body:
            raise ValueError("a letter needs at least a title or a body")
        return self
