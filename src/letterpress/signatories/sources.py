"""Signatory source files (``signatories.source``): CSV or YAML, read with every row located.

CSV reading copes with what spreadsheets and web forms export: UTF-8 with or without BOM,
comma, semicolon or tab delimiters, quoted fields holding newlines, extra columns (ignored,
with a note), blank lines. A bad row is an error naming its file, line and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from letterpress import escape
from letterpress import model as m
from letterpress.errors import Diagnostic, LetterError
from letterpress.invisible import blank
from letterpress.signatories.consent import consented
from letterpress.signatories.spelling import VARIANTS, bare
from letterpress.source import UTF16_BOMS, decode, read_bytes, read_file, unsafe_char

# the byte-order marks of UTF-16 text, and its codec after them
_UTF16 = dict(zip(UTF16_BOMS, ("utf-16-le", "utf-16-be"), strict=True))

FIELDS = ("name", "group", *m.MEMBER_FIELDS, "verified")
# what a signatory export writes that the letter works out itself: read back, left out
# without a word (it warned "column 'number' ignored" on one's own export)
COUNTED = ("number",)
LITERAL_FIELDS = ("name", "role", "organisation", "country", "note")  # texts, not addresses
# how web forms (Google Forms, Typeform, JotForm, Microsoft Forms) title the columns, as
# ``header_key`` folds them ("Your organisation (optional)" -> "organisation")
ALIASES = {
    **m.SPELLINGS, **m.SYNONYMS,
    "full name": "name", "signatory": "name", "signatory name": "name", "signer": "name",
    "first and last name": "name", "name and surname": "name", "individual name": "name",
    "organisation name": "organisation",
    "organization name": "organisation", "name of organisation": "organisation",
    "name of organization": "organisation", "ngo": "organisation", "title": "role",
    "job title": "role", "country of residence": "country",
    "web site": "url", "web address": "url",
    "date": "added", "date signed": "added",
    "name of signatory": "name", "name of signer": "name",
    # the same in the languages coalitions' forms come in
    "nom complet": "name", "prénom et nom": "name", "nom et prénom": "name",
    "prénom nom": "name", "nombre completo": "name", "nombre y apellido": "name",
    "nombre y apellidos": "name", "nome completo": "name", "vollständiger name": "name",
    "ad soyad": "name", "adı soyadı": "name", "الاسم": "name", "الاسم الكامل": "name",
    "الاسم الثلاثي": "name", "نام و نام خانوادگی": "name",
    "organización": "organisation", "organizacion": "organisation",
    "organização": "organisation", "organizzazione": "organisation", "structure": "organisation",
    "organisation ou structure": "organisation", "kuruluş": "organisation",
    "المنظمة": "organisation", "الجهة": "organisation", "المؤسسة": "organisation",
    "اسم المنظمة": "organisation", "اسم منظمتك": "organisation",
    "المنظمة التي تمثلها": "organisation", "الجهة التي تمثلها": "organisation",
    "سازمان": "organisation",
    "fonction": "role", "poste": "role", "cargo": "role", "función": "role",
    "funzione": "role", "ruolo": "role", "funktion": "role", "görev": "role", "unvan": "role",
    "المنصب": "role", "الصفة": "role", "سمت": "role",
    "pays": "country", "país": "country", "pais": "country", "paese": "country",
    "ülke": "country", "البلد": "country", "الدولة": "country", "کشور": "country",
    "site web": "url", "sitio web": "url", "site": "url", "الموقع": "url",
    "المسمى الوظيفي": "role", "الوظيفة": "role", "الصفة الوظيفية": "role", "المهنة": "role",
    "بلد الإقامة": "country", "دولة الإقامة": "country", "الموقع الإلكتروني": "url",
    "التاريخ": "added", "تاريخ التوقيع": "added",
    "نام کامل": "name", "نام سازمان": "organisation", "عنوان شغلی": "role", "شغل": "role",
    "کشور محل اقامت": "country", "وب‌سایت": "url", "وبسایت": "url", "وب سایت": "url",
    "تاریخ": "added",
    # the letter's group, as "group" in each language ("Network", "Coalition": not always)
    "groupe": "group", "grupo": "group", "gruppo": "group", "gruppe": "group", "grup": "group",
    "المجموعة": "group", "گروه": "group",
}
# the same with Arabic spelling variants as one ("الموقع الالكتروني", "بلد الاقامة")
_LOOSE_ALIASES = {key.translate(VARIANTS): field for key, field in ALIASES.items()}
# forms that split the name (Typeform's and JotForm's name fields), joined in _PART_ORDER
NAME_PARTS = {"first name": "first name", "given name": "first name", "forename": "first name",
              "first": "first name", "middle name": "middle name", "last name": "last name",
              "surname": "last name", "family name": "last name", "last": "last name",
              "prénom": "first name", "vorname": "first name", "nom de famille": "last name",
              "nachname": "last name", "familienname": "last name", "apellido": "last name",
              "apellidos": "last name", "sobrenome": "last name", "cognome": "last name",
              "soyadı": "last name", "soyad": "last name"}
# "Nom", "Nombre", "Nome", "Ad": the whole name, or the first part beside a last-name column
# (French "Nom" is the surname beside "Prénom")
_NAME_OR_PART = {"nom": "last name", "nombre": "first name", "nome": "first name",
                 "ad": "first name", "adı": "first name", "name": "first name"}
_NAMEISH = re.compile(r"\b(?:name|nom|nombre|nome|signator|اسم|الاسم|isim|ad)\b")
_PART_ORDER = ("first name", "middle name", "last name")
_FILLER = re.compile(r"\([^)]*\)|[?:*.]|^(?:what is|what's|please enter|enter|the)\s|"
                     r"\byour\b|,? if (?:any|applicable)$")


# a form's questions for a field, as ``header_key`` folds them, beyond the aliases: "Which
# country are you based in?", "Country/Region"; "Which organisation do you represent?",
# "NGO name"; "Role in organisation"; "Website URL", "Organisation website"
_ORG = r"(?:organi[sz]ation|org|ngo)(?:'s)?"
_QUESTIONS = (
    (re.compile(r"(?:(?:in )?(?:which|what) )?country\b.*"), "country"),
    (re.compile(rf"(?:(?:which|what) )?{_ORG} (?:name|(?:do |are )?(?:you )?(?:represent|"
                r"belong to|work (?:for|at|with)))"), "organisation"),
    (re.compile(rf"(?:role|title|position|job title|function) (?:in|at|within) (?:the )?{_ORG}"),
     "role"),
    (re.compile(rf"(?:{_ORG} )?(?:website|web site|site|homepage)(?: url| address)?|"
                rf"(?:{_ORG} )?url"), "url"),
)
# words for a member's details in titles the aliases and questions do not know, by field: a
# column holding one, that no column read gives, may be that detail under its own question
# ("Which network are you part of?"); an import asks for it rather than drop it. Arabic-script
# words are stems, which take an article and endings ("منظمتك", your organisation); a word
# of a contact's address ("Organisation email") is none of them.
_DETAIL_WORDS = {
    "organisation": (r"organi[sz]ations?|organi[sz]aci[oó]n|organiza[cç][aã]o|organizzazione|"
                     r"orgs?|ngos?|ong|affiliation|company|institution|kuruluş|kurum",
                     "منظم|مؤسس|جهة|سازمان"),
    "role": (r"roles?|title|position|job|function|fonction|poste|cargo|funci[oó]n|funzione|"
             r"ruolo|funktion|görev|unvan", "منصب|صفة|صفت|وظيف|مهنة|مهنت|مسمى|سمت|شغل"),
    "url": (r"websites?|web|url|site|homepage|sitio|sito|webseite", "موقع|سایت"),
    "country": (r"country|pays|pa[ií]s|paese|ülke", "بلد|دولة|کشور"),
    "group": (r"groups?|networks?|coalition|alliance|réseau|rede|rete|netzwerk|coalici[oó]n|"
              r"coliga[cç][aã]o|coalizione|koalisyon|bündnis",
              "مجموع|شبكة|شبکه|تحالف|ائتلاف|گروه"),
}
_DETAILS = {field: re.compile(rf"\b(?:{words})\b|{stems.translate(VARIANTS)}")
            for field, (words, stems) in _DETAIL_WORDS.items()}
# a form's free text box ("Comments", "Any comments?", "Message", "Remarks", "Feedback"):
# written to the organisers, never to print; only a column titled ``note`` is the note
_PRIVATE = re.compile(r"\b(?:comments?|messages?|remarks?|feedback|notes?|observations?|"
                      r"commentaires?|remarques?|comentarios?|coment[aá]rios?|observaciones|"
                      r"mensajes?|mensagem|commenti|commento|messaggio|kommentare?|"
                      r"anmerkungen|anmerkung|bemerkungen|bemerkung|nachricht|yorum(?:lar)?|"
                      r"mesaj|açıklama)\b|"
                      + "تعليق|ملاحظ|رسال|پیام|توضیح|یادداشت".translate(VARIANTS))
_CODE_TITLE = re.compile(r"\b(?:id|uuid|token|ip)\b")  # "Network ID", "Response ID"
# a value that is no member's detail: blank, a yes/no answer, a code (a token with a digit)
_CODE = re.compile(r"[\w-]*\d[\w-]*")  # a token with a digit: abc123, 4711
_CONTACT = re.compile(r"\b(?:(?:e ?)?mail|courriel|correo|phone|telephone|tel|mobile|cell|"
                      r"whatsapp|fax|address|adresse|contact)\b|"
                      + "بريد|هاتف|جوال|اتصال|ایمیل|تلفن|تماس".translate(VARIANTS))


def alias(key: str) -> str | None:
    """The field a column title (as ``header_key`` folds it) names: as listed, with Arabic
    spelling variants, as a question a form asks for it, or every part of "المنظمة / الجهة"
    naming one field."""
    field = ALIASES.get(key) or _LOOSE_ALIASES.get(key.translate(VARIANTS)) or next(
        (field for question, field in _QUESTIONS if question.fullmatch(key)), None)
    if field is None and "/" in key:
        fields = {alias(part.strip()) for part in key.split("/")}
        field = fields.pop() if len(fields) == 1 else None
    return field


def header_key(title: str) -> str:
    """A column title as the aliases know it: case, spacing, "_" and "-" folded; brackets,
    "?", "*", "your" and a question's "What is the" left out ("What is the name of your
    organisation?" -> "name of organisation")."""
    key = " ".join(bare(title).replace("_", " ").replace("-", " ").replace("\u2019", "'")
                   .casefold().split())
    while (shorter := " ".join(_FILLER.sub(" ", key).split())) != key:
        key = shorter
    return key
TRUE = {"true", "yes", "y", "1", "x", "✓"}
FALSE = {"false", "no", "n", "0"}
# a yes or no answering a form's question, in the form languages the titles are known in
_ANSWERS = TRUE | FALSE | {"✔", "oui", "non", "sí", "si", "sim", "não", "sì", "ja", "nein",
                           "evet", "hayır", "hayir", "да", "нет", "так", "ні", "نعم", "لا",
                           "بله", "خیر"}
# titles of a form's consent column, as header_key folds them ("I consent to my name being
# published", "Do you agree to be listed publicly?", "J'accepte que mon nom soit publié")
# (words of consent only: "Published in our newsletter?" or "Accepted at" are not consent)
_CONSENT_TITLE = re.compile(r"consent|agree|permission|autoris|accept(?!ed)|acepto|"
                            r"consentimiento|concordo|acconsento|einverstanden|zustimm|onay|"
                            r"موافق|أوافق|الموافقة|رضایت")


@dataclass(frozen=True)
class Place:
    """Where a signatory was written: the letter's YAML or a source file."""

    file: str
    line: int
    col: int = 1

    def __str__(self) -> str:  # within a sentence ("as at form.csv:2")
        return f"{self.file}:{self.line}"

    def diagnostic(self, message: str, severity: str = "error") -> Diagnostic:
        """A message about what is written here, located to its column like any other."""
        return Diagnostic(self.file, self.line, self.col, message,
                          "warning" if severity == "warning" else "error")


@dataclass(frozen=True)
class Row:
    """One signatory read from a source, with the group it joins (None: ungrouped)."""

    member: m.Member
    group: str | None
    place: Place


@dataclass
class Table:
    """A source file's rows, plus notes worth telling (ignored columns)."""

    rows: list[Row]
    notes: list[Diagnostic]
    delimiter: str = ","
    header: tuple[str, ...] = ()
    rejected: list[Diagnostic] = field(default_factory=list)  # bad rows, when lenient
    titles: dict[str, str] = field(default_factory=dict)  # field -> its column's title


_SEP_LINE = re.compile(r"sep=(.)\r?\n")  # Excel's first line naming the delimiter ("sep=;")
_BLANK_LINES = re.compile(r"(?:[ \t\r]*\n)*")


@dataclass(frozen=True)
class CsvText:
    """A CSV file's text as the reader takes it, and what its writer must keep."""

    text: str  # with \n line ends (Excel for Mac's "CSV (Macintosh)" ends lines with \r)
    newline: str  # the file's own line end
    delimiter: str
    header_line: int  # its first line that is not blank, after Excel's "sep=;" line if any
    codec: str  # what added rows are encoded in: UTF-8, or the UTF-16 of Excel's "Unicode Text"

    @classmethod
    def of(cls, raw: bytes, file: str) -> CsvText:
        codec = _UTF16.get(raw[:2], "utf-8")
        if codec == "utf-8":
            text = decode(raw, file)
        else:
            try:
                text = raw[2:].decode(codec)
            except UnicodeDecodeError as exc:
                raise LetterError([Diagnostic(file, 1, 1, f"broken UTF-16 text (at byte "
                                              f"{exc.start + 2}); save the file again")]) from None
        newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text \
            else "\n"
        if newline == "\r":
            text = text.replace("\r", "\n")
        sep = _SEP_LINE.match(text)
        # blank lines before the header are skipped, as after it (the header was a blank
        # line, and the message "no 'name' column; the columns are: " listed none)
        start = sep.end() if sep else 0
        blank = _BLANK_LINES.match(text, start)
        assert blank is not None  # (it matches none too)
        end = blank.end()
        header_line = (1 if sep else 0) + text.count("\n", start, end)
        if not text[end:].strip():  # no header at all: an empty file
            header_line = text.count("\n") + 1
        lines = cls(text, newline, ",", header_line, codec)
        delimiter = sep[1] if sep else delimiter_of(lines.header())
        return replace(lines, delimiter=delimiter)

    def header(self) -> str:
        """The header's line ("" where there is none)."""
        lines = self.text.split("\n", self.header_line + 1)
        return lines[self.header_line] if self.header_line < len(lines) else ""

    @property
    def header_at(self) -> int:
        """The header's line in the file, where its messages point (2 after "sep=;", 3
        after two blank lines)."""
        return self.header_line + 1


def delimiter_of(first_line: str) -> str:
    """The delimiter a spreadsheet used: the most frequent of , ; and tab outside quotes."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


Starts = list[tuple[int, bool]]  # where each cell of a CSV line starts, and if quoted


def cell_starts(line: str, delimiter: str) -> Starts:
    """Each cell's column in a CSV line as written (an editor's count, quotes and all), and
    whether it is quoted; a cell past a line break inside quotes is not on the line."""
    starts, quoted = [(1, line.startswith('"'))], False
    for at, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            starts.append((at + 2, line.startswith('"', at + 1)))
    return starts


def _column(starts: Starts, index: int, before: str | None = None) -> int:
    """The column of cell ``index`` in its line; with ``before``, the cell's text before a
    character, that character's (after the opening quote and the quotes doubled in it).
    The one place columns are counted: from the cells read, the quotes of earlier cells
    were missed ("2026, x" made every later column two short)."""
    if not starts:
        return 1
    at, quoted = starts[min(index, len(starts) - 1)]
    if before is None:
        return at
    return at + len(before) + (1 + before.count('"') if quoted else 0)


def _bool(text: str) -> bool | None:
    folded = text.strip().casefold()
    if not folded:
        return None
    if folded in TRUE:
        return True
    if folded in FALSE:
        return False
    raise ValueError(f"verified: expected yes or no, got '{text}'")


# a spreadsheet's or a form's date, and any time after it: Google Forms' "2024/09/25
# 10:01:02 AM GMT+2", Microsoft Forms' "9/28/2024 14:03:11", Excel's "28/09/2024", German
# "28.09.2024", "2024-09-28T14:03:11Z" (the date as written: no time zone is applied)
_TIME = r"(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*" \
        r"(?:Z|UTC|GMT)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)?"
_YEAR_FIRST = re.compile(rf"(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_YEAR_LAST = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def day_first_in(cells: Iterable[str]) -> bool | None:
    """Whether a column's dates put the day first ("28/09/2024"), as one of them shows by a
    number over 12; None when none does, or they disagree. A dotted date tells nothing of the
    others: dots always put the day first ("28.09.2024" beside a form's "9/10/2024")."""
    seen = set()
    for cell in cells:
        if (match := _YEAR_LAST.fullmatch(cell.strip())) and match[2] != ".":
            first, second = int(match[1]), int(match[3])
            if first > 12 >= second or second > 12 >= first:
                seen.add(first > 12)
    return seen.pop() if len(seen) == 1 else None


def spreadsheet_date(text: str, day_first: bool | None) -> str:
    """A date cell as the ISO date ``added`` holds: a spreadsheet's or a form's own format
    converted where it tells day from month (``day_first``: its column's order); otherwise
    the reason it is not a date (ValueError)."""
    text = text.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
    elif match := _YEAR_LAST.fullmatch(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        year += 2000 if year < 100 else 0
        day_first = True if match[2] == "." else day_first  # (28.09.2024, 05.09.2024)
        if first != second and first <= 12 and second <= 12 and day_first is None:
            raise ValueError(f"'{text}' is {second} {_MONTHS[first - 1]} or {first} "
                             f"{_MONTHS[second - 1]}, and no other date in its column tells "
                             f"which: write {year}-{first:02}-{second:02} or "
                             f"{year}-{second:02}-{first:02}")
        day_is_first = first > 12 if first > 12 or second > 12 else bool(day_first)
        day, month = (first, second) if day_is_first else (second, first)
    else:
        return m.iso_date(text) or ""
    try:
        return m.iso_date(f"{year:04}-{month:02}-{day:02}") or ""
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def read_csv(path: Path, display: str, mapping: Mapping[str, str] | None = None, *,
             lenient: bool = False, dropped: Collection[str] = ()) -> Table:
    """Rows of a CSV export; ``mapping`` names the column for a field (``name=Full name``),
    ``dropped`` the columns to leave out (``--ignore``).

    A bad row is an error, or with ``lenient`` (imports) a rejection that spares the others.
    """
    raw = read_bytes(path, display)
    if b"\x00" in raw and not raw.startswith(UTF16_BOMS):  # (UTF-16 text is read)
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise LetterError([Diagnostic(display, line, offset - raw.rfind(b"\n", 0, offset),
                                      "a NUL byte: this is not a text CSV file (a spreadsheet "
                                      "file, or UTF-16 text: save it as CSV UTF-8)")])
    lines = CsvText.of(raw, display)
    text, delimiter = lines.text, lines.delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        for _ in range(lines.header_at):
            header = next(reader)
    except StopIteration:
        raise LetterError([Diagnostic(display, 1, 1, "empty CSV file: the first row must "
                                      "name the columns (name, group, role, ...)")]) from None
    last_line = text.count("\n") + (not text.endswith("\n"))  # where an unclosed quote ends
    records: list[tuple[int, list[str]] | Diagnostic] = []
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            records.append(Diagnostic(display, line, 1, f"unreadable CSV row: {exc}"))
            continue
        if reader.line_num >= last_line and (open_at := _unclosed(text, line, delimiter)):
            records.append(Diagnostic(display, line, open_at, "a quote opened here is never "
                                      "closed, so the rest of the file would be one field; "
                                      "close it or remove it"))
            break
        if any(cell.strip() for cell in record):
            records.append((line, record))

    def cells(index: int) -> Iterator[str]:
        return (r[1][index] for r in records if not isinstance(r, Diagnostic) and
                index < len(r[1]))

    physical = text.split("\n")
    columns, notes = columns_of(header, display, mapping, lines.header_at, dropped, cells,
                                starts=cell_starts(lines.header(), delimiter))
    # a form's consent box (mapped, or found by its title), not a column of yes and no
    consent = "verified" in columns and header_key(header[columns["verified"][0]]) != "verified"
    # the column's order of day and month, told by any of its dates ("28/9/2024")
    at = columns["added"][0] if "added" in columns else None
    order = None if at is None else day_first_in(
        cells(at))
    read: list[tuple[Row, list[str]]] = []
    problems: list[Diagnostic] = []
    for entry in records:
        if isinstance(entry, Diagnostic):
            problems.append(entry)
            continue
        row = _row(entry[1], len(header), columns, Place(display, entry[0]),
                   cell_starts(physical[entry[0] - 1], delimiter), consent=consent,
                   day_first=order, dates=notes if lenient else None)
        if isinstance(row, Row):
            read.append((row, entry[1]))
        else:
            problems.append(row)
    rows = _one_per_respondent(header, read, notes) if lenient else [row for row, _ in read]
    if problems and not lenient:
        raise LetterError(problems)
    titles = {name: " + ".join(header[i].strip() for i in at) for name, at in columns.items()}
    return Table(rows, notes, delimiter, tuple(header), problems, titles)


_TIMESTAMP = re.compile(r"timestamp|submission date|submitted at|submission time|horodateur|"
                        r"marca temporal|zeitstempel|date de soumission|الطابع الزمني")
_MAIL = re.compile(r"\b(?:e ?mail|email address|courriel|correo|البريد الإلكتروني|ایمیل)\b")


def _one_per_respondent(header: list[str], read: list[tuple[Row, list[str]]],
                        notes: list[Diagnostic]) -> list[Row]:
    """The rows of an import, a respondent's later row in place of their earlier one: an
    answer edited in the form comes again with the same e-mail (and timestamp, where the
    export has one) and was added as a second signer. Each is told; e-mails are compared,
    never kept."""
    keys = [header_key(title) for title in header]
    mail = next((i for i, key in enumerate(keys) if _MAIL.search(key)), None)
    if mail is None:
        return [row for row, _ in read]
    at = [*[i for i, key in enumerate(keys) if _TIMESTAMP.fullmatch(key)][:1], mail]
    rows: list[Row] = []
    answered: dict[tuple[str, ...], int] = {}  # a respondent -> the index of their row
    for row, record in read:
        who = tuple(record[i].strip().casefold() if i < len(record) else "" for i in at)
        if "@" in who[-1] and who in answered:  # (Microsoft Forms' "anonymous": nobody)
            notes.append(row.place.diagnostic(
                f"likely the same person as line {rows[answered[who]].place.line} (edited "
                f"response? the same {'timestamp and ' if len(at) > 1 else ''}e-mail): this "
                "later row is imported, not both", "warning"))
            rows[answered[who]] = row
            continue
        answered[who] = len(rows)
        rows.append(row)
    return rows


def columns_of(header: list[str], display: str, mapping: Mapping[str, str] | None,
               line: int = 1, dropped: Collection[str] = (),
               cells: Callable[[int], Iterable[str]] = lambda index: (), *,
               starts: Starts | None = None,
               ) -> tuple[dict[str, tuple[int, ...]], list[Diagnostic]]:
    """Which columns hold which field (a name split into first and last name: both, joined
    in that order); unknown columns are noted; a missing name column, a mapped column that
    is not there or a field's column given twice is fatal. ``mapping`` is None where no
    --map can be given (a source file): the messages do not offer one, and a column that
    may hold a member's detail under a title not known is noted, not refused. ``dropped``:
    the columns --ignore leaves out, without a note; ``cells``: a column's values, which
    tell a detail from a form's yes/no question or an ID. ``line``: the header's (2 after
    Excel's "sep=;" line), where every message points; ``starts``: its cells' columns
    there (by default, of the titles joined by commas, unquoted)."""
    starts = starts or cell_starts(",".join(header), ",")
    remedy = " (or choose one with --map FIELD=COLUMN)" if mapping is not None else ""
    mapping = mapping or {}
    wanted = {column.strip().casefold(): field for field, column in mapping.items()}
    listed = "the columns are: " + ", ".join(repr(h) for h in header)
    _check_options(header, mapping, dropped, Place(display, line))
    mapped = set(wanted.values())
    singles: dict[str, int] = {}
    parts: dict[str, int] = {}  # first, middle or last name -> column
    ignored: list[str] = []

    def claim(taken: dict[str, int], slot: str, index: int) -> None:
        if slot in taken:
            raise LetterError([Diagnostic(display, line, _column(starts, index),
                                          f"a second column for {slot}: '"
                                          f"{header[taken[slot]].strip()}' (column "
                                          f"{taken[slot] + 1}) and '{header[index].strip()}' "
                                          f"(column {index + 1}); rename or remove one{remedy}")])
        taken[slot] = index

    given = {NAME_PARTS[header_key(title)] for title in header
             if header_key(title) in NAME_PARTS}  # the name parts that have their own column
    skipped = {column.strip().casefold() for column in dropped}
    for index, title in enumerate(header):
        key, folded = title.strip().casefold(), header_key(title)
        if key in skipped:
            continue
        # a note only from a column titled so: "Your note" is the organisers' (_PRIVATE)
        field = wanted.get(key) or ("" if folded == "note" != key else alias(folded) or folded)
        if key not in wanted and folded in _NAME_OR_PART and given and \
                _NAME_OR_PART[folded] not in given and "name" not in mapped:
            claim(parts, _NAME_OR_PART[folded], index)
        elif key not in wanted and folded in _NAME_OR_PART and field not in FIELDS and \
                "name" not in mapped:
            claim(singles, "name", index)
        elif key not in wanted and folded in NAME_PARTS:
            claim(parts, NAME_PARTS[folded], index)
        elif field in FIELDS and (key in wanted or field not in mapped):
            claim(singles, field, index)
        elif title.strip() and folded not in COUNTED:
            ignored.append(title.strip())
    read = set(singles)  # (the organisation too where organisations sign by their name)
    columns: dict[str, tuple[int, ...]] = {field: (at,) for field, at in singles.items()}
    if parts and "name" in columns:
        ignored += [header[index].strip() for index in parts.values()]
    elif parts:
        columns["name"] = tuple(parts[part] for part in _PART_ORDER if part in parts)
    elif remedy and "name" not in columns and "organisation" in columns and \
            "organisation" not in mapped:  # a form for organisations: they sign by their name
        named = [title for title in ignored if _NAMEISH.search(header_key(title))]
        if named:  # unless a column looks like people's names: never publish the wrong one
            raise LetterError([Diagnostic(display, line, 1, f"no column known as the name, but "
                                          f"'{named[0]}' looks like one: --map name="
                                          f"\"{named[0]}\" (or --map name=\""
                                          f"{header[columns['organisation'][0]].strip()}\" "
                                          "if organisations sign by their name)")])
        columns["name"] = columns.pop("organisation")
    if "name" not in columns:
        hint = " (map one with --map name=COLUMN)" if remedy else ""
        raise LetterError([Diagnostic(display, line, 1, f"no 'name' column; {listed}{hint}")])
    notes = [] if "verified" in columns else _consent_column(
        header, display, ignored, columns, line, starts)
    if remedy:
        _refuse_details(header, display, ignored, read, line, cells, starts)
    if ignored:
        notes.append(Diagnostic(display, line, 1, f"column{'s' if len(ignored) > 1 else ''} "
                                f"{', '.join(repr(c) for c in ignored)} ignored", "warning"))
    return columns, notes


def _check_options(header: list[str], mapping: Mapping[str, str], dropped: Collection[str],
                   place: Place) -> None:
    """Refuse a --map or --ignore naming a column the header does not have, or both naming
    one column."""
    titles = {title.strip().casefold() for title in header}
    listed = "the columns are: " + ", ".join(repr(h) for h in header)
    options = [*((f"--map {field}={column}", column) for field, column in mapping.items()),
               *((f"--ignore {column}", column) for column in dropped)]
    missing = [f"no column '{column}' ({option}); {listed}" for option, column in options
               if column.strip().casefold() not in titles]
    wanted = {column.strip().casefold(): field for field, column in mapping.items()}
    missing += [f"'{column}' is given to --map {wanted[column.strip().casefold()]} and to "
                "--ignore: choose one" for column in dropped if column.strip().casefold() in wanted]
    if missing:
        raise LetterError([place.diagnostic(message) for message in missing])


def _refuse_details(header: list[str], display: str, ignored: list[str], read: set[str],
                    line: int, cells: Callable[[int], Iterable[str]], starts: Starts) -> None:
    """Refuse the columns left out whose title names a member's detail no column gives
    ("Member of which organisation?" beside "Full name"): noted and dropped, the
    letter went out without the signers' affiliations. Each is told with the --map that
    reads it and the --ignore that leaves it out ("How did you hear about us?"). A column
    whose every answer is yes or no ("Would you like updates from the Alliance?") or a
    code (Typeform's "Network ID": abc123), that holds nothing, or a comments box (_PRIVATE)
    is no detail: noted."""
    problems = []
    for index, written in enumerate(header):
        title, key = written.strip(), header_key(written)
        loose = key.translate(VARIANTS)
        if title not in ignored or _CONTACT.search(loose) or _CONSENT_TITLE.search(key) or \
                _CODE_TITLE.search(key) or _PRIVATE.search(loose) or \
                all(_no_detail(value) for value in cells(index)):
            continue
        found = sorted((match.start(), field) for field, words in _DETAILS.items()
                       if field not in read and (match := words.search(loose)))
        if found:
            fields = [field for _, field in found]
            problems.append(Diagnostic(display, line, _column(starts, index), (
                f"column '{title}' may hold the signatories' {' or '.join(fields)}, which no "
                "column gives: " + " or ".join(f"--map {shell_argument(f'{field}={title}')}"
                                                for field in fields) +
                f" reads it, --ignore {shell_argument(title)} leaves it out")))
    if problems:
        raise LetterError(problems)


def _no_detail(value: str) -> bool:
    """Whether a form's answer is none of a member's details: blank, a yes or no, a code."""
    folded = value.strip().casefold()
    return not folded or folded in _ANSWERS or bool(_CODE.fullmatch(folded))


def shell_argument(text: str) -> str:
    """``text`` as one argument of a shell command, in double quotes."""
    return '"' + re.sub(r'(["\\$`])', r"\\\1", text) + '"'


def _consent_column(header: list[str], display: str, ignored: list[str],
                    columns: dict[str, tuple[int, ...]], line: int,
                    starts: Starts) -> list[Diagnostic]:
    """A form's consent box, found by its title, taken as ``verified`` (a note saying so)."""
    consent = next((i for i, title in enumerate(header) if title.strip() in ignored
                    and _CONSENT_TITLE.search(header_key(title))
                    and not _PRIVATE.search(header_key(title).translate(VARIANTS))), None)
    if consent is None:
        return []
    columns["verified"] = (consent,)
    ignored.remove(header[consent].strip())
    return [Diagnostic(display, line, _column(starts, consent), (
        f"consent from column '{header[consent].strip()}': a clear yes is verified; empty, a "
        "refusal, a doubt or a condition ('without my name') is not (not printed, unless the "
        "letter sets include_unverified: true)"), "warning")]


def _unclosed(text: str, line: int, delimiter: str) -> int | None:
    """The column of a quote opened on ``line`` and never closed (the lenient reader made
    the rest of the file one field of it), else None."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    try:
        for _ in csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter,
                            strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            end = text.find("\n", start)
            return max(text.find('"', start, len(text) if end < 0 else end) - start, 0) + 1
    return None


def _cell(text: str) -> str:
    """A cell's text, without the apostrophe an export, ``sign`` or ``import`` put before a
    formula character, and with a run of spaces as one (a form's "Jane  Doe" printed so in
    the DOCX and the text)."""
    return escape.from_cell(_SPACES.sub(" ", text.strip()))


_SPACES = re.compile(r"[ \t]{2,}")


def _row(record: list[str], width: int, columns: dict[str, tuple[int, ...]],
         place: Place, starts: Starts, *, consent: bool = False, day_first: bool | None = None,
         dates: list[Diagnostic] | None = None) -> Row | Diagnostic:
    """One record as a member, or the located reason it cannot be one. With ``consent``
    (``--map verified=COLUMN``: a form's consent box), a ticked box is verified whatever
    it says ("I agree"), an empty one is not: nobody is published who did not tick it.
    With ``dates`` (an import), a date that cannot be read is left out with a warning
    there: it is the coordinators' record, not a reason to lose the signature."""
    if len(record) > width and any(c.strip() for c in record[width:]):
        return Diagnostic(place.file, place.line, _column(starts, width),
                          f"this row has {len(record)} fields but the header names {width}")
    for index, cell in enumerate(record):
        bad = unsafe_char(cell)
        if bad is not None:
            return Diagnostic(place.file, place.line, _column(starts, index, cell[:bad[0]]),
                              f"character U+{ord(bad[1]):04X} is a control character that "
                              "would corrupt the DOCX; remove it")
    values = {f: " ".join(_cell(record[i]) for i in at  # a cell printing nothing is empty
                          if i < len(record) and not blank(record[i]))
              for f, at in columns.items()}
    if not values["name"]:
        return Diagnostic(place.file, place.line, _column(starts, columns["name"][0]),
                          m.EMPTY_NAME)

    def column_of(field: object) -> int:
        """The column of a field's (first) cell in the line: where the problem is."""
        at = columns.get(str(field))
        return _column(starts, at[0]) if at else 1

    if values.get("added"):
        try:
            values["added"] = spreadsheet_date(values["added"], day_first)
        except ValueError as exc:
            if dates is None:
                return Diagnostic(place.file, place.line, column_of("added"), f"added: {exc}")
            dates.append(Diagnostic(place.file, place.line, column_of("added"),
                                    f"added: {exc}; the date is left out", "warning"))
            values["added"] = ""

    try:
        given = values.get("verified", "")
        verified = consented(given) if consent else _bool(given)
        # a cell is text as typed, not Markdown: a form's "[Click](https://...)" is no link
        fields = {k: escape.literal(v) if k in LITERAL_FIELDS else v
                  for k, v in values.items() if v and k not in ("group", "verified")}
        if verified is not None:
            fields["verified"] = verified  # type: ignore[assignment]
        member = m.Member.model_validate(fields)
    except ValidationError as exc:
        errors = exc.errors()
        message = "; ".join(f"{'.'.join(map(str, e['loc']))}: "
                            f"{str(e['msg']).removeprefix('Value error, ')}" for e in errors)
        return Diagnostic(place.file, place.line, column_of(errors[0]["loc"][0]), message)
    except ValueError as exc:  # (verified)
        return Diagnostic(place.file, place.line, column_of("verified"), str(exc))
    return Row(member, values.get("group") or None, place)


_ENTRIES = TypeAdapter(m.SourceEntries)


def read_yaml_source(path: Path, display: str) -> Table:
    """A YAML list of member mappings (or plain names), each with an optional ``group``."""
    from letterpress.validate import diagnostics

    doc = read_file(path, display)
    data = doc.data if doc.data is not None else []
    if not isinstance(data, list):
        raise LetterError([doc.diagnostic((), "a YAML signatory source is a list of members")])
    try:
        entries = _ENTRIES.validate_python(data)
    except ValidationError as exc:
        raise LetterError(diagnostics(doc, exc, m.SourceEntry)) from None
    rows = []
    problems: list[Diagnostic] = []
    for i, entry in enumerate(entries):
        mark = doc.where((i,))
        try:  # a name alone is checked as a name here (blank, bidi controls)
            if isinstance(entry, str):
                member, group = m.Member(name=entry), None
            else:
                fields: dict[str, Any] = entry.model_dump(exclude={"group"}, exclude_none=True)
                member, group = m.Member.model_validate(fields), entry.group
        except ValidationError as exc:
            problems += diagnostics(doc, exc, m.Member, (i,))
            continue
        rows.append(Row(member, group, Place(display, mark.line, mark.col)))
    if problems:
        raise LetterError(problems)
    return Table(rows, doc.cleaned)


def read_source(path: Path, display: str) -> Table:
    if path.suffix.lower() in (".yaml", ".yml"):
        return read_yaml_source(path, display)
    return read_csv(path, display)


def merge(letter: m.Letter, rows: list[Row]) -> m.Letter:
    """The letter with source rows joined to their groups (new groups at the end, in order
    of first appearance; an empty group, or one that prints nothing, means the ungrouped
    members)."""
    sig = letter.signatories
    if sig is None or not rows:
        return letter
    from letterpress.signatories.dedupe import group_in, group_keys

    groups = list(sig.groups)
    index: dict[str, int] = {}
    for i, g in enumerate(groups):
        for key in group_keys(g.name):
            index.setdefault(key, i)
    extra: dict[int, list[m.MemberEntry]] = {}
    ungrouped: list[m.MemberEntry] = []
    for row in rows:
        if row.group is None or blank(row.group):
            ungrouped.append(row.member)
            continue
        at = group_in(row.group, index)
        if at is None:
            at = len(groups)
            groups.append(m.Group(name=row.group))
            for key in group_keys(row.group):
                index.setdefault(key, at)
        extra.setdefault(at, []).append(row.member)
    groups = [g.model_copy(update={"members": [*g.members, *extra.get(i, [])]})
              for i, g in enumerate(groups)]
    merged = sig.model_copy(update={"groups": groups, "members": [*sig.members, *ungrouped]})
    return letter.model_copy(update={"signatories": merged})
