"""Language facts the view needs: direction, labels and dates in the letter's language.

Dates and locale data come from Babel (CLDR); only the handful of letter labels that CLDR
does not have are kept here, and the Solar Hijri month names: Babel has the Gregorian
calendar only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global
from babel.dates import format_date as _babel_date

from letterpress import solar_hijri
from letterpress.errors import suggest

RTL = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug", "syr"})
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

LABELS: dict[str, dict[str, str]] = {
    "en": {"signatories": "Signatories", "cc": "cc:", "subject": "Subject:", "reference": "Ref.",
           "contacts": "Media contacts", "footnotes": "Notes",
           "end": "###", "of": "/", "email": "Email", "phone": "Tel.", "to": "To:"},
    "ar": {"signatories": "الموقعون", "cc": "نسخة إلى:", "subject": "الموضوع:",
           "reference": "المرجع:", "contacts": "للتواصل الإعلامي", "footnotes": "ملاحظات",
           "end": "انتهى", "email": "البريد الإلكتروني",
           "phone": "هاتف", "to": "إلى:"},
    "fr": {"signatories": "Signataires", "cc": "Copie à :", "subject": "Objet :",
           "reference": "Réf.", "contacts": "Contacts presse", "footnotes": "Notes",
           "end": "FIN", "email": "Courriel", "phone": "Tél.",
           "to": "À :"},
    "es": {"signatories": "Firmantes", "cc": "Copia a:", "subject": "Asunto:", "reference": "Ref.",
           "contacts": "Contactos de prensa", "footnotes": "Notas",
           "end": "FIN", "email": "Correo", "phone": "Tel.", "to": "A:"},
    "tr": {"signatories": "İmzacılar", "cc": "Bilgi:", "subject": "Konu:", "reference": "Sayı:",
           "contacts": "Basın iletişim", "footnotes": "Notlar",
           "end": "SON", "email": "E-posta", "phone": "Tel.", "to": "Kime:"},
    "de": {"signatories": "Unterzeichnende", "cc": "Kopie an:", "subject": "Betreff:",
           "reference": "Az.", "contacts": "Pressekontakt", "footnotes": "Anmerkungen",
           "end": "ENDE", "email": "E-Mail", "phone": "Tel.",
           "to": "An:"},
}
# more languages coalitions publish in
LABELS |= {
    "pt": {"signatories": "Signatários", "cc": "Cópia para:", "subject": "Assunto:",
           "reference": "Ref.", "contacts": "Contatos para a imprensa", "footnotes": "Notas",
           "end": "FIM", "email": "E-mail", "phone": "Tel.",
           "to": "Para:"},
    "it": {"signatories": "Firmatari", "cc": "Per conoscenza:", "subject": "Oggetto:",
           "reference": "Rif.", "contacts": "Contatti stampa", "footnotes": "Note",
           "end": "FINE", "email": "E-mail", "phone": "Tel.",
           "to": "A:"},
    "nl": {"signatories": "Ondertekenaars", "cc": "Cc:", "subject": "Betreft:",
           "reference": "Kenmerk:", "contacts": "Perscontact", "footnotes": "Noten",
           "end": "EINDE", "email": "E-mail", "phone": "Tel.",
           "to": "Aan:"},
    "pl": {"signatories": "Sygnatariusze", "cc": "Do wiadomości:", "subject": "Dotyczy:",
           "reference": "Znak:", "contacts": "Kontakt dla mediów", "footnotes": "Przypisy",
           "end": "###", "email": "E-mail", "phone": "Tel.",
           "to": "Do:"},
    "ru": {"signatories": "Подписавшие", "cc": "Копия:", "subject": "Тема:",
           "reference": "Исх. №", "contacts": "Контакты для СМИ", "footnotes": "Примечания",
           "end": "###", "email": "Эл. почта", "phone": "Тел.",
           "to": "Кому:"},
    "uk": {"signatories": "Підписанти", "cc": "Копія:", "subject": "Тема:",
           "reference": "Вих. №", "contacts": "Контакти для ЗМІ", "footnotes": "Примітки",
           "end": "###", "email": "Ел. пошта", "phone": "Тел.",
           "to": "Кому:"},
    "id": {"signatories": "Penanda tangan", "cc": "Tembusan:", "subject": "Perihal:",
           "reference": "Nomor:", "contacts": "Kontak media", "footnotes": "Catatan",
           "end": "###", "email": "Surel", "phone": "Telp.",
           "to": "Kepada:"},
    "sw": {"signatories": "Waliotia saini", "cc": "Nakala kwa:", "subject": "Kuhusu:",
           "reference": "Kumb.", "contacts": "Mawasiliano kwa vyombo vya habari",
           "footnotes": "Maelezo", "end": "MWISHO",
           "email": "Barua pepe", "phone": "Simu", "to": "Kwa:"},
}
# the other right-to-left languages coalitions write in (Persian, Urdu, Hebrew)
LABELS |= {
    "fa": {"signatories": "امضاکنندگان", "cc": "رونوشت:", "subject": "موضوع:",
           "reference": "شماره:", "contacts": "تماس با رسانه‌ها", "footnotes": "یادداشت‌ها",
           "end": "پایان", "email": "ایمیل", "phone": "تلفن",
           "to": "به:"},
    "ur": {"signatories": "دستخط کنندگان", "cc": "نقل:", "subject": "موضوع:",
           "reference": "حوالہ:", "contacts": "میڈیا سے رابطہ", "footnotes": "حواشی",
           "end": "اختتام", "email": "ای میل", "phone": "فون",
           "to": "بنام:"},
    "he": {"signatories": "החותמים", "cc": "העתק:", "subject": "הנדון:", "reference": "סימוכין:",
           "contacts": "לפניות תקשורת", "footnotes": "הערות",
           "end": "סוף", "email": "דוא״ל", "phone": "טלפון", "to": "אל:"},
}
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug"})
SEPARATORS = dict.fromkeys(ARABIC_SCRIPT, "، ")  # the Arabic comma
LABELS["en"]["sep"] = ", "  # a label too (a letter may override it); by language: separator
LABEL_KEYS = frozenset(LABELS["en"])
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate: a value keeps its own direction
LRI, RLI = "\u2066", "\u2067"  # left-to-right and right-to-left isolates


def base(tag: str) -> str:
    return tag.split("-", maxsplit=1)[0].lower()


# CLDR's numbering systems of the scripts the fonts cover: (numbering style, zero); a tag's
# Unicode extension may choose one (BCP 47 ``-u-nu-``): ``ar-SY-u-nu-latn`` is Syrian Arabic
# (month names آب...) in 0-9, ``ar-u-nu-arab`` Arabic in ٠-٩
NUMBERING_SYSTEMS: dict[str, tuple[str, int] | None] = {
    "latn": None, "arab": ("arabicIndic", 0x660), "arabext": ("persian", 0x6F0)}
# the calendars dates print in (BCP 47 ``-u-ca-``), by CLDR's names
CALENDARS = {"gregory": "Gregorian", "persian": "Solar Hijri"}
EXTENSION = "-u-"
# CLDR's month names of the Solar Hijri calendar (its format forms: a date's), by language
# and region: Iran's, Afghanistan's in Dari (the zodiac's), and Pashto's (CLDR writes
# غبرگولی and چنگاښ with the Persian gaf)
SOLAR_HIJRI_MONTHS = {
    "fa": ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
           "دی", "بهمن", "اسفند"),
    "fa-AF": ("حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبلهٔ", "میزان", "عقرب", "قوس", "جدی",
              "دلو", "حوت"),
    "ps": ("وری", "غویی", "غبرگولی", "چنگاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ", "مرغومی",
           "سلواغه", "کب"),
}
# where CLDR prefers the Solar Hijri calendar (supplemental calendarPreference): a Persian
# or Pashto letter for readers there prints its dates in it unless the tag says -u-ca-gregory
SOLAR_HIJRI_REGIONS = frozenset({"IR", "AF"})


def locale_tag(tag: str) -> str:
    """The tag without its Unicode extension (``ar-SY-u-nu-latn`` -> ``ar-SY``): the language
    and region, as Babel and Word name them."""
    return tag.partition(EXTENSION)[0]


def keywords(tag: str) -> dict[str, str] | None:
    """The keys and values of a tag's Unicode extension (``fa-u-ca-gregory-nu-latn``:
    ca gregory, nu latn), or None where it is not well formed (a key twice, no value)."""
    found: dict[str, str] = {}
    key = ""
    for part in tag.partition(EXTENSION)[2].lower().split("-") if EXTENSION in tag else ():
        if len(part) == 2 and part.isalnum() and part not in found:
            key, found[part] = part, ""
        elif key and 3 <= len(part) <= 8 and part.isalnum():
            found[key] = f"{found[key]}-{part}".lstrip("-")
        else:
            return None
    return None if "" in found.values() else found


def numbering(tag: str) -> str | None:
    """The numbering system a tag's ``-u-nu-`` extension asks for (``latn``), or None."""
    return (keywords(tag) or {}).get("nu")


def extension_problem(tag: str) -> str | None:
    """What letterpress cannot honour in a tag's Unicode extension, as a message; None if
    it can (or there is none)."""
    if EXTENSION not in tag:
        return None
    found = keywords(tag) or {}
    written = re.search(r"-ca-([^-]+)", tag.lower())  # "gregorian" is too long for a key
    chosen = found.get("ca") or (written[1] if written else "gregory")
    if chosen not in CALENDARS:
        return ("-u-ca- chooses the calendar of the dates: -u-ca-gregory (Gregorian) or "
                f"-u-ca-persian (Solar Hijri); letterpress knows no '{chosen}' calendar"
                f"{suggest(chosen, CALENDARS)}")
    if chosen == "persian" and base(tag) not in SOLAR_HIJRI_MONTHS:
        return ("the Solar Hijri calendar (-u-ca-persian) prints in Persian, Dari and Pashto "
                f"(fa, fa-AF, ps); letterpress has no month names for it in '{base(tag)}'")
    if not found or set(found) - {"ca", "nu"} or found.get("nu", "latn") not in NUMBERING_SYSTEMS:
        return ("after the language, -u-nu-latn (0-9), -u-nu-arab (٠-٩) or -u-nu-arabext "
                "(۰-۹) choose the digits and -u-ca-gregory or -u-ca-persian the calendar; "
                "letterpress knows no other extension")
    return None


def region(tag: str) -> str:
    """The region a tag names (``fa-AF``: AF), else the one its language is most used in
    (CLDR's likely subtags: ``fa`` IR, ``ps`` AF); "" if CLDR knows none."""
    for part in locale_tag(tag).split("-")[1:]:
        if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            return part.upper()
    likely = str(get_global("likely_subtags").get(base(tag), "")).rpartition("_")[2]
    return likely if len(likely) == 2 or likely.isdigit() else ""  # not a script (Latn)


@cache
def calendar(tag: str) -> str:
    """The calendar a language prints its dates in: its tag's ``-u-ca-``, else CLDR's
    preference where the language has the month names: Solar Hijri ("persian") for
    Persian and Pashto in Iran and Afghanistan, Gregorian ("gregory") everywhere else."""
    chosen = (keywords(tag) or {}).get("ca")
    if chosen:
        return chosen
    if base(tag) in SOLAR_HIJRI_MONTHS and region(tag) in SOLAR_HIJRI_REGIONS:
        return "persian"
    return "gregory"


@cache
def is_language(tag: str) -> bool:
    """True for a BCP 47 tag whose language CLDR knows (``en``, ``ar``, ``fr-CA``)."""
    return localedata.exists(base(tag))


def direction(tag: str) -> str:
    return "rtl" if base(tag) in RTL else "ltr"


def separator(tag: str) -> str:
    """", " between items; Arabic-script languages use the Arabic comma."""
    return SEPARATORS.get(base(tag), ", ")


# Hebrew, Arabic, Syriac, Thaana... blocks and their presentation forms, but not U+FE00-FE6F
# between those forms: the variation selector after an emoji made "🕊️ Peace Doves" right to
# left, isolated in English letters
_RTL_BLOCKS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL = re.compile(f"[{_RTL_BLOCKS}]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


_LTR = re.compile(f"[^\\W\\d_{_RTL_BLOCKS}]")  # a letter of a left-to-right script
_ARABIC = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds a letter (or mark) of the Arabic script."""
    return _ARABIC.search(text) is not None


def has_ltr(text: str) -> bool:
    return _LTR.search(text) is not None


def leaning(text: str) -> str | None:
    """The direction most of a text's letters run ("SMEX للحقوق الرقمية": rtl), or None for
    a text without letters (a phone number)."""
    rtl, ltr = len(_RTL.findall(text)), len(_LTR.findall(text))
    return None if rtl == ltr == 0 else "rtl" if rtl > ltr else "ltr"


def comma_of(text: str) -> str:
    """The comma a text's own script writes: the Arabic comma for Arabic script."""
    return SEPARATORS["ar"] if has_arabic(text) else ", "


@cache
def _locale(tag: str) -> Locale:
    try:
        return Locale.parse(locale_tag(tag).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(base(tag))


def is_arabic_script(lang: str) -> bool:
    """Languages written in the Arabic script (an Arabic typeface; lists lettered أ ب ج)."""
    return base(lang) in ARABIC_SCRIPT


def label_override(value: str | dict[str, str], lang: str) -> str | None:
    """A label override (a layout's or a letter's) in ``lang``: one for every language, or
    the language's own (its base language's), else None (the language's default stands,
    or the layout's: an override for some languages leaves the others theirs). "" hides
    the label."""
    if isinstance(value, str):
        return value
    key = reads(value, lang)
    return None if key is None else value[key]


def reads(value: Mapping[str, object], lang: str) -> str | None:
    """The key of a language map (a text, a label) that ``lang`` reads as its own: its own
    tag, else its base language's (``en`` in an ``en-GB`` letter, ``ar`` for ``ar-SY``),
    else another region's of that language (``en-GB`` in an ``en`` letter), else None."""
    if lang in value:
        return lang
    own = base(lang)
    if own in value:
        return own
    return next((key for key in value if base(key) == own), None)


def has_labels(lang: str) -> bool:
    return base(lang) in LABELS


def label(key: str, lang: str) -> str:
    """A layout label in ``lang``, falling back to English (but for the comma, which
    follows the script: Sorani and Pashto have no labels here, and write "، ")."""
    if key == "sep":
        return separator(lang)
    return LABELS.get(base(lang), LABELS["en"]).get(key, LABELS["en"][key])


_ANY_DIGIT = re.compile(r"\d")  # a decimal digit of any script (Unicode Nd)


def western_digits(text: str) -> str:
    """``text`` with every script's decimal digits as 0-9 (``٢٠٢٦`` -> ``2026``): Arabic and
    Persian keyboards and phones type their own digits, which mean the same numbers."""
    if text.isascii():
        return text
    return _ANY_DIGIT.sub(lambda found: str(unicodedata.decimal(found[0])), text)


def parse_iso(text: str) -> dt.date | None:
    """An ISO date (``2016-12-15``, ``٢٠١٦-١٢-١٥``), or None for any other text; ValueError
    if impossible."""
    text = western_digits(text.strip())
    if not ISO_DATE.match(text):
        return None
    return dt.date.fromisoformat(text)


def format_date(text: str, lang: str) -> str:
    """An ISO date in the language's long form and calendar (see calendar: Solar Hijri in
    Persian and Pashto); any other text is printed as written.

    Plain ``en`` follows the international (and UN) style "15 December 2016"; ``en-US``
    keeps "December 15, 2016". Its spaces are no-break ones: a line does not end between
    day and month ("١" / "أيار ٢٠٢٦" in a plain-text list), in any format.
    """
    day = parse_iso(text)
    if day is None:
        return text
    if calendar(lang) == "persian":
        written = _solar_hijri_date(day, lang)
    else:
        tag = "en-GB" if tag_is_plain_english(locale_tag(lang)) else lang
        locale = _locale(tag)
        pattern = _first_of_month(locale) if day.day == 1 else None
        written = str(_babel_date(day, pattern or "long", locale=locale))
    return digits(written, lang).replace(" ", "\u00a0")


def _solar_hijri_date(day: dt.date, lang: str) -> str:
    """``day`` in the Solar Hijri calendar, in the order of the language's long dates:
    Persian "۲۵ دی ۱۴۰۴" (day month year, as ICU prints it), Pashto "۱۴۰۴ مرغومی ۲۵"
    (year month day, as Pashto writes its Gregorian dates; CLDR has no Pashto pattern of
    its own for this calendar, and ICU's stand-in puts a Latin era "AP" before it)."""
    date = solar_hijri.from_gregorian(day)
    names = SOLAR_HIJRI_MONTHS.get(f"{base(lang)}-{region(lang)}",
                                   SOLAR_HIJRI_MONTHS[base(lang)])
    pattern = _locale(lang).date_formats["long"]
    return str(pattern.format % {"d": date.day, "MMMM": names[date.month - 1],
                                 "y": date.year})


@cache
def _first_of_month(locale: Locale) -> str | None:
    """The long date pattern for the 1st where the language writes it as an ordinal, which
    CLDR does not know: French "1er mai 2024" (every French letter; "1 mai" reads wrong)."""
    if locale.language != "fr":
        return None
    return re.sub(r"(?<![d'])d(?!d)", "d'er'", str(locale.date_formats["long"].pattern))


def _digit_set(lang: str) -> tuple[str, int] | None:
    """The digits of ``lang``: those its ``-u-nu-`` asks for, else CLDR's default."""
    system = numbering(lang) or _locale(lang).default_numbering_system
    return NUMBERING_SYSTEMS.get(system)


@cache
def _digit_table(lang: str) -> dict[int, int] | None:
    found = _digit_set(lang)
    return {ord("0") + i: found[1] + i for i in range(10)} if found else None


def native_digits(lang: str) -> str | None:
    """The numbering style of the digits the language writes (its ``-u-nu-``, else CLDR's
    default), where they are not Latin: "persian" (Persian, Pashto), "arabicIndic" (Sorani,
    Egyptian Arabic, ``ar-u-nu-arab``)."""
    found = _digit_set(lang)
    return found[0] if found else None


def digits(text: str, lang: str) -> str:
    """``text`` with the digits the language writes (see native_digits: Persian and Pashto
    ۱۵, Sorani and Egyptian Arabic ١٥; Arabic, Urdu and Hebrew 15; ``ar-SY-u-nu-latn`` 15).
    Babel formats dates with Latin digits whatever the locale."""
    table = _digit_table(lang)
    return text.translate(table) if table else text


# Greek capitals drop the tonos (and the breathings, perispomeni, macron, breve, iota
# subscript) but keep the dialytika; a tonos on the first vowel of a diphthong becomes a
# dialytika on the second, which is then said apart (CLDR el-Upper, as WeasyPrint upper-cases
# text-transform for lang="el")
_GREEK_DIPHTHONGS = re.compile("(?i)([άέόύ])(ι)|([άέήό])(υ)")  # αι ει οι υι, αυ ευ ηυ ου
_GREEK_ACCENTS = dict.fromkeys(map(ord, "\u0313\u0314\u0301\u0300\u0306\u0342\u0304\u0345"))


def upper(text: str, lang: str) -> str:
    """``text`` in capitals as the language writes them: Turkish and Azerbaijani i is İ (a
    plain upper() wrote "IÇIN", not a word), Greek capitals have no accents ("ΥΠΟΓΡΑΦΟΥΣΕΣ")."""
    code = base(lang)
    if code in ("tr", "az"):
        text = text.replace("i", "İ")
    elif code == "el":
        text = _GREEK_DIPHTHONGS.sub(  # the second vowel gets its dialytika
            lambda pair: (pair[1] or pair[3]) + (pair[2] or pair[4]) + "\u0308", text)
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text)
                                     .translate(_GREEK_ACCENTS))
    return text.upper()


def tag_is_plain_english(lang: str) -> bool:
    return lang.lower() == "en"
