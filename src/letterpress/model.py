"""The letter format (``letter-format.md``) as frozen, validated pydantic models.

Every mapping forbids unknown keys. Text fields accept a string or a language map
(``{en: ..., ar: ...}``). Entries that may be text or a mapping (addressees, members, body
blocks, list items) are told apart by the keys the format defines for them, never by guessing.

The descriptions and examples are what an editor shows while a letter is typed: the JSON
Schema (``letterpress schema``) is generated from these models.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    AliasChoices,
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

from letterpress.i18n import (
    CALENDARS,
    EXTENSION,
    NUMBERING_SYSTEMS,
    extension_problem,
    is_language,
    locale_tag,
    parse_iso,
    reads,
    western_digits,
)
from letterpress.invisible import PRINTING_JSON, blank
from letterpress.markers import MARKER

# language, script, region...; then the calendar and the digits, if chosen, in either order
# (fa-IR-u-ca-gregory-nu-latn)
_CA, _NU = f"ca-({'|'.join(CALENDARS)})", f"nu-({'|'.join(NUMBERING_SYSTEMS)})"
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
                      f"({EXTENSION}({_CA}(-{_NU})?|{_NU}(-{_CA})?))?$")


def is_lang_tag(key: object) -> bool:
    """A BCP 47 tag of a language CLDR knows: tells a language map from a mapping of fields."""
    return isinstance(key, str) and bool(LANG_TAG.match(key)) and is_language(key) \
        and extension_problem(key) is None


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


def prints_nothing(text: object) -> bool:
    """Whether a text (or a text per language) is blank in every language: spaces and
    invisible characters only (``title: ""`` made an empty letter pass for one)."""
    if isinstance(text, dict):
        return all(prints_nothing(value) for value in text.values())
    return isinstance(text, str) and blank(text)


# JSON Schema of what a YAML 1.2 editor sees. letterpress keeps every scalar as the text
# written, so ``2024`` or ``0123`` is text here, where an editor reads a number.
WRITTEN_JSON: dict[str, Any] = {"type": ["string", "number"]}
LANG_TAG_JSON: dict[str, Any] = {
    "type": "string", "pattern": LANG_TAG.pattern,
    "patternErrorMessage": "a language tag such as en, ar or fr-CA"}
# Keys as patternProperties, not propertyNames: then a misspelt block or member key counts
# for no language, and editors report the error of the shape that was meant.
LANGUAGE_MAP_JSON: dict[str, Any] = {
    "type": "object", "minProperties": 1, "patternProperties": {LANG_TAG.pattern: WRITTEN_JSON},
    "additionalProperties": False,
    "errorMessage": "a language tag such as en, ar or fr-CA: a text given per language looks "
                    "like {en: ..., ar: ...}",
    "description": "One text per language: {en: ..., ar: ...}. A language missing here falls "
                   "back to the first language of the letter's lang."}
TEXT_JSON: dict[str, Any] = {"anyOf": [WRITTEN_JSON, LANGUAGE_MAP_JSON]}
TEXT_SCHEMA = WithJsonSchema(TEXT_JSON)
"""Text, or a map from language tag to text."""

Text = Annotated[
    str | dict[str, str],
    PlainValidator(_text),
    TEXT_SCHEMA,
]


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _undisguised(what: str) -> Callable[[Any], Any]:
    """A text's validator refusing the bidi embedding, override and isolate controls that
    can make it display as something else (the joiners Arabic and Persian need are kept):
    a name, and a member's details printed beside it, which a form lets anyone type (U+202E
    before "HRW" shows "WRH")."""

    def validate(value: Any) -> Any:
        text = None if value is None else _text(value)
        for one in () if text is None else text.values() if isinstance(text, dict) else [text]:
            if match := _BIDI_CONTROLS.search(one):
                raise ValueError(f"bidi control U+{ord(match.group()):04X} (character "
                                 f"{match.start() + 1}) can disguise {what}; remove it")
        return text

    return validate


Name = Annotated[
    str | dict[str, str],
    PlainValidator(_undisguised("a name")),
    TEXT_SCHEMA,
]
# a member's role, country or note (and an organisation, a web address): refused what a
# name refuses
Detail = Annotated[
    str | dict[str, str],
    PlainValidator(_undisguised("the text")),
    TEXT_SCHEMA,
]


def _one_or_many(value: Any) -> Any:
    if isinstance(value, dict) and is_lang_map(value) and any(
            isinstance(v, list) for v in value.values()):
        return _lines_per_line(value)
    return [value] if isinstance(value, str | dict) else value


def _lines_per_line(value: dict[str, Any]) -> list[dict[str, str]]:
    """A language map of lines ({uk: [...], en: [...]}, as many lines as each language
    needs) as one map per line; "" where a language has no such line, which prints none."""
    lines: dict[str, list[str]] = {}
    for lang, given in value.items():
        texts = given if isinstance(given, list) else [given]
        for n, text in enumerate(texts, 1):
            if not isinstance(text, str):
                raise ValueError(f"line {n} of the '{lang}' lines must be text; lines per "
                                 "language look like {en: [line, line], ar: [line]}")
        lines[str(lang)] = texts
    depth = max(map(len, lines.values()))
    return [{lang: texts[n] if n < len(texts) else "" for lang, texts in lines.items()}
            for n in range(depth)]


LANGUAGE_LINES_JSON: dict[str, Any] = {
    **LANGUAGE_MAP_JSON, "patternProperties": {LANG_TAG.pattern: {
        "anyOf": [WRITTEN_JSON, {"type": "array", "items": WRITTEN_JSON}]}},
    "description": "The lines per language, as many as each needs: {en: [line, line], "
                   "ar: [line]}. A language missing here falls back to the first language "
                   "of the letter's lang."}
LanguageLines = Annotated[dict[str, list[str]], WithJsonSchema(LANGUAGE_LINES_JSON)]
Lines = Annotated[list[Text], BeforeValidator(
    _one_or_many, json_schema_input_type=Text | LanguageLines | list[Text])]
"""One line, or a list of lines (addresses, roles, phone numbers), or lines per language."""


BULLETS = frozenset({"•", "-", "–", "—", "*", "◦", "▪", "■", "●", "○", "✓", "►", ""})
MARKERS_SHOWN = ("1.", "1)", "1-", "(1)", "a)", "A.", "i.", "I.", "•", "-")


def _marker(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a marker is text such as \"1.\", \"(1)\", \"a)\", \"i.\" or \"•\"")
    text: str = value.strip()
    if text in BULLETS or MARKER.match(text):
        return text
    shown = " ".join(f'"{m}"' for m in MARKERS_SHOWN)
    raise ValueError(f"unknown marker '{text}'{_scripts(text)}; use one of {shown}")


def _scripts(text: str) -> str:
    """Which letters of a refused marker are not Latin (" ('і' is a Cyrillic letter)"): a
    Cyrillic і or Greek Ι looks like the Latin one the message offers, so the message
    would seem to refuse what it suggests."""
    named = {ch: unicodedata.name(ch, "").split(" ")[0].capitalize() for ch in text
             if ch.isalpha()}
    foreign = [f"'{ch}' is a {script} letter" for ch, script in named.items()
               if script and script != "Latin"]
    return f" ({', '.join(foreign)})" if foreign else ""


def _marker_json() -> dict[str, Any]:
    """MARKER or a bullet, around spaces; unquoted ``1.`` is a number to a YAML editor."""
    bullets = "[" + "".join(sorted(b for b in BULLETS if b)).replace("-", "\\-") + "]"
    core = MARKER.pattern.removeprefix("^").removesuffix("$")
    return {"anyOf": [{"type": "string", "pattern": f"^\\s*(?:{bullets}|{core})?\\s*$",
                       "patternErrorMessage": "a marker such as " + " ".join(MARKERS_SHOWN)},
                      {"type": "integer", "minimum": 0}]}


Marker = Annotated[str, PlainValidator(_marker), WithJsonSchema(_marker_json())]


def _date_text(value: Any) -> Any:
    """ISO dates must exist; any other text is printed as written."""
    for text in (value.values() if isinstance(value, dict) else [value]):
        if text is not None:
            try:
                parse_iso(text)
            except ValueError:
                raise ValueError(f"'{text}' is not a real date (year-month-day)") from None
    return value


def iso_date(value: str | None) -> str | None:
    """A date kept for bookkeeping (``added``), compared and sorted as text: ISO only, since
    "9/10/2024" is 9 October or 10 September depending on who wrote it."""
    if value is None:
        return value
    if parse_iso(_date_text(value)) is None:
        raise ValueError(f"'{value}' is not a date written year-month-day, such as "
                         "2024-09-28")
    return western_digits(value.strip())


# the digits Arabic and Persian keyboards type; an editor reads ``٣`` as text, ``3`` a number
ARABIC_DIGITS_JSON = "[\u0660-\u0669\u06f0-\u06f9]"
DIGIT_JSON = f"[0-9{ARABIC_DIGITS_JSON[1:]}"


ISO_DATE_JSON: dict[str, Any] = {
    "type": "string",
    "pattern": f"^\\s*{DIGIT_JSON}{{4}}-{DIGIT_JSON}{{2}}-{DIGIT_JSON}{{2}}\\s*$",
    "patternErrorMessage": "a date written year-month-day, such as 2024-09-28"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


# --- shared field descriptions -------------------------------------------------------------

def _says(description: str, *examples: Any, default: Any = None) -> Any:
    """A field with the description an editor shows on hover and the examples it offers;
    ``default=...`` makes the field required."""
    return Field(default, description=description, examples=list(examples) or None)


BlockLang = Annotated[str | None, _says(
    "This part's language (a BCP 47 tag) when it differs from the letter's: sets its "
    "direction, e.g. an English supporters list inside an Arabic letter.", "en", "ar")]
Role = Annotated[Lines | None, _says(
    "Role or title: one line or a list of lines.", "Secretary-General of the United Nations")]
# the US spelling of a key is the same key, as CSV headers, --map and import take it
SPELLINGS = {"organization": "organisation"}
# keys meant for another by their sense, not their letters: suggested for an unknown key
# ("mobile": "phone", not "role", the closest letters); web forms title columns so too
SYNONYMS = {"mobile": "phone", "cell": "phone", "tel": "phone", "telephone": "phone",
            "whatsapp": "phone", "fax": "phone", "mail": "email", "e-mail": "email",
            "website": "url", "web": "url", "site": "url", "link": "url",
            "homepage": "url", "position": "role", "job": "role", "function": "role",
            "org": "organisation", "affiliation": "organisation", "company": "organisation",
            "institution": "organisation"}
Organisation = Annotated[Detail | None, _says("The organisation they belong to.",
                                            "United Nations"),
                         Field(validation_alias=AliasChoices("organisation", *(
                             us for us, key in SPELLINGS.items() if key == "organisation")))]
Address = Annotated[Lines | None, _says(
    "Postal address: one line or a list of lines.", ["Palais des Nations", "1211 Geneva 10"])]
Email = Annotated[Lines | None, _says("E-mail address, or a list of them.", "info@example.org")]
Phone = Annotated[Lines | None, _says(
    "Phone number, or a list of them.", ["+90 539 270 38 94", "+44 7824 777267"])]
Url = Annotated[str | None, AfterValidator(_undisguised("the text")),
                _says("Web address.", "https://example.org")]
ListMarker = Annotated[Marker | None, _says(
    'How items are numbered or bulleted: "1." (default for demands) "1)" "1-" "(1)" "a)" '
    '"A." "i." "I." "•" (default for lists) "-"; Greek "α)", Cyrillic "а)" and Arabic "أ-" '
    'letters, Arabic-Indic "١." and Persian "۱." digits.', *MARKERS_SHOWN)]


def _western(value: Any) -> Any:
    """A number typed in another script's digits (``٣``) is the same number (``3``)."""
    return western_digits(value) if isinstance(value, str) else value


def whole(minimum: int, maximum: int | None = None) -> Any:
    """A whole number from ``minimum`` (to ``maximum``), in any script's digits."""
    return (BeforeValidator(_western), Field(ge=minimum, le=maximum),
            _whole_json(minimum, maximum))


def _whole_json(minimum: int, maximum: int | None = None, *,
                optional: bool = False) -> WithJsonSchema:
    number: dict[str, Any] = {"type": "integer", "minimum": minimum}
    if maximum is not None:
        number["maximum"] = maximum
    shapes = [number, {"type": "string", "pattern": f"^{ARABIC_DIGITS_JSON}+$"}]
    return WithJsonSchema({"anyOf": [*shapes, {"type": "null"}] if optional else shapes})


# the bound is the number's: on the union pydantic tried it on nothing ("start:"), a TypeError
Start = Annotated[Annotated[int, *whole(0)] | None, _whole_json(0, optional=True),
                  Field(description="The first number.", examples=[1])]
Numbering = Literal["continuous", "per-group", "none"]
Display = Literal["list", "columns", "inline", "table", "signature"]
Order = Literal["as-given", "alphabetical"]
MemberField = Literal["role", "organisation", "country", "url", "note", "added"]
MEMBER_FIELDS: tuple[str, ...] = get_args(MemberField)  # in the order they print
DEFAULT_COLUMNS: tuple[MemberField, ...] = ("role", "organisation")
NUMBERING = ("How signatories are numbered: continuous (across groups, the default), "
             "per-group (restarts at 1 in each group) or none.")
ORDER = ("as-given (default) or alphabetical (within each group; locale-aware, ignores case "
         "and accents).")
DISPLAY = ("list (default) | columns | inline (one run separated by \" · \") | table (number, "
           "name, then the fields in columns) | signature (one block per member: for one or "
           "a few signers).")
COLUMNS = "With display: table, which member fields get a column."


# --- people -------------------------------------------------------------------------------

class Person(Strict, title="person"):
    """An addressee, a cc or a media contact."""

    name: Name = _says("The person's or body's name.", "Mr Antonio Guterres", default=...)
    role: Role = None
    organisation: Organisation = None
    address: Address = None
    email: Email = None
    phone: Phone = None
    url: Url = None


class Sender(Strict, title="letterhead"):
    """The letterhead: who sends the letter."""

    name: Name | None = _says("The sender's name, printed in the letterhead.",
                              "Syrian NGO Alliance")
    logo: str | None = _says("A logo: a path relative to the letter file; PNG, JPEG or SVG.",
                             "assets/logo.png")
    address: Address = None
    email: Email = None
    phone: Phone = None
    url: Url = None


def is_lang_map(value: dict[str, Any]) -> bool:
    return bool(value) and all(is_lang_tag(k) for k in value)


def printed_in(value: dict[str, Any], lang: str, langs: list[str]) -> str | None:
    """The language whose text a language map prints in ``lang``'s version: its own (``""``
    is none), else the first of the letter's ``langs`` it has (a missing translation's
    stand-in), else None: a text in a language the letter is not in, ``de:`` written for
    ``fr:``, is never printed (the format falls back to a language listed in ``lang``)."""
    return next((key for key in (reads(value, one) for one in (lang, *langs)) if key), None)


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
Addressees = Annotated[list[Addressee], BeforeValidator(
    _one_or_many, json_schema_input_type=Addressee | list[Addressee])]


# --- lists and demands ----------------------------------------------------------------------

class ListItem(Strict, title="item with details"):
    """A list item with details: its text and an optional nested list."""

    text: Text = _says("The item, in Markdown.",
                       "Begin a process for the evacuation of all civilians.", default=...)
    marker: ListMarker = None
    start: Start = None
    items: list[Item] = Field(default_factory=list, description="A nested list.")


Item = Annotated[
    Annotated[Text, Tag("text")] | Annotated[ListItem, Tag("<item>")],
    Discriminator(_text_or("<item>", "text", "items", "marker"), custom_error_type="item",
                  custom_error_message="a list item is text or a mapping with text and items"),
]


def _list_spec(value: Any) -> Any:
    return {"items": value} if isinstance(value, list) else value


class ListSpec(Strict, title="list"):
    """A list: its items, or a mapping with intro, marker, start, continue and items."""

    intro: Text | None = _says("A lead-in line before the list.",
                               "We call for immediate action to:")
    marker: ListMarker = None
    start: Start = None
    continue_: bool = Field(default=False, alias="continue", description=(
        "Number on from the previous numbered list of the letter."))
    items: list[Item] = _says("The items: text in Markdown, or a mapping with text, marker "
                              "and items for a nested list.", default=...)


Spec = Annotated[ListSpec, BeforeValidator(_list_spec,
                                           json_schema_input_type=ListSpec | list[Item])]


# --- body blocks ------------------------------------------------------------------------------

class Paragraphs(Strict, title="text block"):
    """Markdown text as a mapping, so that it can carry ``lang``."""

    text: Text = _says("One or more Markdown paragraphs; a blank line starts a new one.",
                       default=...)
    lang: BlockLang = None


class Heading(Strict, title="heading block"):
    """A section heading."""

    heading: Text = _says("The heading text.", "We condemn", default=...)
    level: Annotated[int, *whole(1, 3)] = Field(default=1, description="1 (default), 2 or 3.")
    lang: BlockLang = None


class Quote(Strict, title="quote block"):
    """A quotation with an optional attribution."""

    quote: Text = _says("The quotation, in Markdown; may hold several paragraphs.",
                        default=...)
    by: Text | None = _says("Who said it.", "Raed al Saleh")
    role: Text | None = _says("The speaker's role.", "Head of the White Helmets")
    lang: BlockLang = None


class Demands(Strict, title="demands block"):
    """The letter's asks: a numbered list."""

    demands: Spec = _says("The items, or a mapping with intro, marker, start, continue "
                          "and items.", default=...)
    lang: BlockLang = None


class BulletList(Strict, title="list block"):
    """A list with bullets by default (the same keys as demands)."""

    list_: Spec = Field(alias="list", description="The items, or a mapping with intro, "
                        "marker, start, continue and items.")
    lang: BlockLang = None


class Rule(Strict, title="rule"):
    """A horizontal rule."""

    model_config = ConfigDict(json_schema_extra={"required": ["rule"]})  # the block's key
    rule: bool = _says("true draws a horizontal rule.", True, default=True)
    lang: BlockLang = None  # accepted on every block; nothing here to write in it


class Image(Strict, title="image block"):
    """A picture."""

    image: str = _says("A path relative to the letter file; PNG, JPEG or SVG.",
                       "assets/logos.png", default=...)
    caption: Text | None = _says("Printed under the picture.", "Member organisations")
    width: Annotated[str, BeforeValidator(_western), Field(
        pattern=r"^\d+(\.\d+)?\s*(%|mm|cm|in|pt|px)$", json_schema_extra={
            "pattern": f"^{DIGIT_JSON}+(\\.{DIGIT_JSON}+)?\\s*(%|mm|cm|in|pt|px)$",
            "patternErrorMessage": "a width such as 60% or 8cm"})] | None = _says(
        "Width on the page: a percentage or a length (mm, cm, in, pt, px).", "60%", "8cm")
    alt: Text | None = _says("A description for readers who cannot see the picture.")
    lang: BlockLang = None


class PageBreak(Strict, title="page break"):
    """An explicit page break."""

    model_config = ConfigDict(json_schema_extra={"required": ["page_break"]})
    page_break: bool = _says("true starts a new page here.", True, default=True)
    lang: BlockLang = None  # accepted on every block; nothing here to write in it


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

EMPTY_NAME = "a signatory's name is empty"
NONBLANK_NAME_JSON: dict[str, Any] = {"anyOf": [
    {"type": "string", "pattern": PRINTING_JSON, "patternErrorMessage": EMPTY_NAME},
    {"type": "number"}, LANGUAGE_MAP_JSON]}


def _nonblank(value: str | dict[str, str]) -> str | dict[str, str]:
    """A name of spaces or invisible marks only (an RLM pasted alone) prints nothing."""
    if isinstance(value, str) and blank(value):
        raise ValueError(EMPTY_NAME)
    return value


def _none_is_blank(value: Any) -> Any:
    """``name:`` left with nothing after it is an empty name, told in the words sign and a
    CSV use ("expected text" read as a question of type)."""
    return "" if value is None else value


SignatoryName = Annotated[Name, BeforeValidator(_none_is_blank), AfterValidator(_nonblank),
                          WithJsonSchema(NONBLANK_NAME_JSON)]


def _member_role(value: Any) -> Any:
    """A member's role is a detail, one line beside the name (as a CSV cell holds it); a
    list of lines, which an addressee's role may be, was told only 'expected text, got a
    list', as if lines were nowhere allowed."""
    if isinstance(value, list):
        lines = ", ".join(v for v in value if isinstance(v, str))
        raise ValueError("a signatory's role is one line of text (a list of lines is for the "
                         "role of an addressee or a contact)" +
                         (f": write it as one, '{lines}'" if lines else ""))
    return _undisguised("the text")(value)


MemberRole = Annotated[str | dict[str, str], PlainValidator(_member_role), TEXT_SCHEMA]


class Member(Strict, title="signatory with details"):
    """A signatory with details."""

    name: SignatoryName = _says(
        "The organisation's or person's name (inline Markdown).", "Dr Amer Masri",
        default=...)
    role: MemberRole | None = _says("The person's role: one line.", "Director")
    organisation: Organisation = None
    country: Detail | None = _says("Country.", "Syria")
    url: Url = None
    note: Detail | None = _says("A note printed with the member.")
    added: Annotated[str | None, AfterValidator(iso_date),
                     WithJsonSchema({"anyOf": [ISO_DATE_JSON, {"type": "null"}]})] = _says(
        "When the member signed, for the coordinators' records (not printed, unless a table "
        "lists it in columns): an ISO date.", "2016-12-14")
    verified: bool | None = _says(
        "false leaves the member out of the output unless signatories.include_unverified "
        "is true.", True)


MemberEntry = Annotated[
    Annotated[SignatoryName, Tag("text")] | Annotated[Member, Tag("<member>")],
    Discriminator(_text_or("<member>", "name"), custom_error_type="member",
                  custom_error_message="a signatory is text or a mapping with a name"),
]
class SourceEntry(Member, title="member of a YAML source"):
    """A member mapping in a YAML signatory source: the member keys plus ``group``."""

    group: str | None = _says("The group the member joins (created after the others if "
                              "new); none: the ungrouped members.")


SourceEntries = list[Annotated[
    Annotated[str, Tag("text")] | Annotated[SourceEntry, Tag("<source member>")],
    Discriminator(_text_or("<source member>", "name"), custom_error_type="member",
                  custom_error_message="a signatory is text or a mapping with a name"),
]]
"""A YAML signatory source: plain names, or member mappings with a group."""

def _none_is_empty(value: Any) -> Any:
    """``members:`` written with nothing under it yet (``sign`` fills it in) is no one."""
    return [] if value is None else value


Members = Annotated[list[MemberEntry], BeforeValidator(
    _none_is_empty, json_schema_input_type=list[MemberEntry] | None), Field(
    description="Signatories: a plain string (an organisation or a person), or a mapping "
    "with name and details; empty until the first ones sign.",
    examples=[["Big Heart", {"name": "Dr Amer Masri", "role": "Director"}]])]


class Group(Strict, title="group"):
    """A group of signatories, e.g. one coalition."""

    name: Name | None = _says("The group's name (inline Markdown); a group may have none.",
                              "Syrian NGO Alliance (SNA)")
    intro: Text | None = _says("Markdown under the group's name.",
                               "Members of the alliance signed on 14 December.")
    note: Text | None = _says("Markdown after the group's list.",
                              "Further members have signed since.")
    members: Members = Field(default_factory=list)
    numbering: Numbering | None = _says(NUMBERING + " Overrides signatories.numbering.")
    marker: ListMarker = None
    order: Order | None = _says(ORDER)
    display: Display | None = _says(DISPLAY + " Overrides signatories.display.")
    columns: list[MemberField] | None = _says(COLUMNS, ["country"])
    lang: BlockLang = None


def _signatories(value: Any) -> Any:
    return {"members": value} if isinstance(value, list) else value


class Signatories(Strict, title="signatories"):
    """The signatories: a list of members, or a mapping with groups and options."""

    heading: Text | None = _says('The heading over the list; default: the language\'s word; '
                                 '"" hides it.', "Signatories")
    numbering: Numbering = _says(NUMBERING, "continuous", default="continuous")
    marker: ListMarker = None
    order: Order = _says(ORDER, "as-given", default="as-given")
    display: Display = _says(DISPLAY, "list", default="list")
    columns: list[MemberField] = Field(default_factory=lambda: list(DEFAULT_COLUMNS),
                                       description=COLUMNS, examples=[["country"]])
    intro: Text | None = _says("A Markdown line before the list.",
                               "Endorsers as of 15 December 2016:")
    note: Text | None = _says("Markdown after the list.",
                              "Affiliations are listed for identification only.")
    groups: Annotated[list[Group], BeforeValidator(
        _none_is_empty, json_schema_input_type=list[Group] | None)] = Field(
        default_factory=list, description="Groups of signatories, "
                                "each with a name and members.")
    members: Members = Field(default_factory=list)
    source: Annotated[list[str], BeforeValidator(
        _one_or_many, json_schema_input_type=str | list[str])] = Field(
        default_factory=list, description="CSV or YAML file(s) of further members, relative "
        "to the letter.", examples=["signatories.csv"])
    include_unverified: bool = _says("true prints members marked verified: false too.",
                                     default=False)


def _contacts(value: Any) -> Any:
    return {"people": value} if isinstance(value, list) else value


class Contacts(Strict, title="contacts"):
    """Media contacts: a list of people, or a mapping with heading, intro and people."""

    heading: Text | None = _says("The heading over the contacts.",
                                 "For media interviews please reach")
    intro: Text | None = _says("Markdown before the contacts.")
    people: list[Person] = Field(default_factory=list, description="The contacts.")


# --- the letter ----------------------------------------------------------------------------------

# ISO 639-3 tags of languages CLDR files under another one (Dari is Persian of Afghanistan)
CLDR_NAMES = {"prs": "fa-AF", "pes": "fa", "arb": "ar", "pbt": "ps", "pbu": "ps",
              "zsm": "ms", "cmn": "zh"}


def _lang(value: Any) -> Any:
    langs = [value] if isinstance(value, str) else value
    if isinstance(langs, list):
        for tag in langs:
            problem = extension_problem(tag) if isinstance(tag, str) else None
            if problem:
                raise ValueError(f"'{tag}': {problem}")
            if isinstance(tag, str) and LANG_TAG.match(tag) and not is_language(tag):
                meant = CLDR_NAMES.get(locale_tag(tag).lower())
                raise ValueError(
                    f"'{tag}' is not a language CLDR knows by that tag (letterpress prints "
                    "dates and labels from CLDR): " + (f"write {meant}" if meant else
                                                      "write one such as en, ar or fr-CA"))
            if not is_lang_tag(tag):
                raise ValueError(f"'{tag}' is not a language tag such as en, ar or fr-CA")
        if len(set(langs)) != len(langs):
            raise ValueError("a language is listed twice")
    return langs


LANGS_JSON: dict[str, Any] = {"anyOf": [LANG_TAG_JSON, {
    "type": "array", "items": LANG_TAG_JSON, "minItems": 1, "uniqueItems": True}]}


class Letter(Strict):
    """A letter: at least a title or a body; every other key is optional."""

    # _has_content, for editors (a property schema here would hide the key's description)
    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["title"]},
                                                           {"required": ["body"]}]})

    layout: str | None = _says(
        "How the letter looks: letter (default), statement, press-release, or the name of "
        "a folder in ./layouts/.", "letter", "statement", "press-release")
    lang: Annotated[list[str], BeforeValidator(_lang), Field(min_length=1),
                    WithJsonSchema(LANGS_JSON)] = _says(
        "The language (a BCP 47 tag such as en, ar or fr-CA), or a list such as [en, ar] to "
        "build one output per language. ar, fa, he, ur... are written right to left; "
        "-u-nu-latn, -u-nu-arab or -u-nu-arabext after it choose the digits (ar-SY-u-nu-latn), "
        "-u-ca-gregory or -u-ca-persian the calendar of the dates (fa-u-ca-gregory: Persian "
        "dates in the Gregorian calendar, not the Solar Hijri).",
        "en", ["en", "ar"], default=["en"])
    combine: Literal["separate", "sequential", "parallel"] = _says(
        "With several languages: separate files (default), sequential (one file, each "
        "language from a new page) or parallel (side by side, block by block).", "separate",
        default="separate")
    paper: Literal["a4", "letter", "A4", "Letter"] | None = _says(
        "Paper size, instead of the layout's.", "a4")
    title: Text | None = _says("The headline (inline Markdown). %{count} becomes the number "
                               "of signatories.", "Ceasefire now")
    subtitle: Text | None = _says("A line under the title.",
                                  "A joint statement by %{count} organisations")
    date: Text | None = _says(
        "An ISO date (year-month-day), printed in the letter's language, or any other text, "
        "printed as written.", "2016-12-15", "4th February 2021, 10:00 CET")
    place: Text | None = _says("Where it is issued; with the date it forms the dateline.",
                               "Brussels")
    reference: Text | None = _says("A reference number.", "SNA/2016/12")
    from_: Sender | None = Field(default=None, alias="from", description=(
        "The letterhead: name, logo, address, email, phone, url."))
    to: Addressees = Field(default_factory=list, description=(
        "Addressees, in order: a plain string, or a mapping with name, role, organisation "
        "and address."), examples=[["Representatives of the Members of the Security Council"]])
    cc: Addressees = Field(default_factory=list, description="Copied to: the same shapes as "
                           "to.", examples=[["Permanent Representatives of the EU Member "
                                             "States"]])
    subject: Text | None = _says("The subject line.", "Protection of civilians in Aleppo")
    salutation: Text | None = _says("The greeting.", "Dear Secretary-General,")
    body: list[Block] = Field(default_factory=list, description=(
        "The text, block by block: a plain string is Markdown paragraphs; a mapping is a "
        "heading, quote, demands, list, rule, image, page_break or text block."))
    closing: Text | None = _says("The complimentary close.", "Sincerely,")
    signatories: Annotated[Signatories, BeforeValidator(
        _signatories, json_schema_input_type=Signatories | list[MemberEntry])] | None = _says(
        "Who signs: a list of members, or a mapping with groups, members, numbering, "
        "display and more.")
    contacts: Annotated[Contacts, BeforeValidator(
        _contacts, json_schema_input_type=Contacts | list[Person])] | None = _says(
        "Media contacts (press releases): a list of people, or a mapping with heading, "
        "intro and people.")
    postscript: Text | None = _says("Markdown after the signatories and contacts.",
                                    "Stay up to date at example.org.")
    footnotes: dict[str, Text] = Field(default_factory=dict, description=(
        "Footnote texts by label, for the references [^1] in the text."),
        examples=[{"1": "Figures from the UN Office for the Coordination of Humanitarian "
                   "Affairs."}])
    labels: dict[str, Text] = Field(default_factory=dict, description=(
        "Words the layout prints, instead of the layout's own (e.g. signatories, cc, "
        "footnotes)."), examples=[{"signatories": "Endorsed by"}])

    _date = field_validator("date")(classmethod(lambda cls, v: _date_text(v)))

    @model_validator(mode="after")
    def _has_content(self) -> Letter:
        if (self.title is None or prints_nothing(self.title)) and not self.body:
            raise ValueError("a letter needs at least a title or a body" + (
                "" if self.title is None else " (its title is empty)"))
        return self
