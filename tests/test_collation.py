"""Alphabetical order in the alphabet of each language (CLDR's tailorings of DUCET)."""

import pytest

from letterpress.collation import sort_key


def ordered(lang: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: sort_key(name, lang))


@pytest.mark.parametrize(("lang", "expected"), [
    ("es", ["Munuera", "Muñoz", "Núñez", "Nuria", "Ñandú", "Oscar"]),
    ("sv", ["Aaron", "Ystad", "Zeta", "Åsa", "Älmhult", "Örebro"]),
    ("da", ["Zeta", "Æble", "Ødegaard", "Aalborg", "Åse"]),  # aa is å
    ("cs", ["Cyril", "Čapek", "Hradec", "Chrudim", "Ivana", "Rudolf", "Řezáč", "Šimon"]),
    ("pl", ["Cezary", "Ćwik", "Lech", "Łukasz", "Zofia", "Źdźbło", "Żaneta"]),
    ("hu", ["Cecília", "Csaba", "Dániel", "Dzsenifer", "Zoltán", "Zsolt"]),
    ("et", ["Sass", "Šaša", "Zoja", "Toomas", "Tõnu", "Wolf", "Õie", "Ülo", "Xenia"]),
    ("vi", ["An", "Ăn", "Ặp", "Ấn", "Bình", "Dương", "Đặng", "Oanh", "Ông", "Ơn"]),
    ("fa", ["نادر", "وحید", "هادی", "یاسر"]),  # Persian: و before ه
    ("ar", ["نادر", "هادي", "وحيد", "ياسر"]),
    # Arabic (ICU's order): hamza, alif and its hamza forms are one letter, interfiled by
    # the letters that follow; alif madda is hamza and alif; harakat only break ties
    ("ar", ["آلاء طالب", "ابتسام مانع", "أحمد الشيخ ماجد", "إيناس جبار", "عُلا الحسيني",
            "مُصطفى سعدون", "هَناء إدوار"]),
    ("ar", ["إئتلاف استقلال القضاء", "ءاسر", "آفاق للتنمية", "ابتكار", "أبعاد", "إعلاميون",
            "المفكرة القانونية", "بيت المواطن"]),
    ("ar", ["آدم", "أحمد", "أَحمد", "احمد", "ادم", "علا", "عَلا", "عُلا", "فاطمة", "فاطمت",
            "فاطمه", "مصطفى", "مُصطفى", "مصطفي"]),
    # Persian: آ before ا, hamza after it with its seats; Urdu: its own alphabet
    ("fa", ["آذر", "آرش", "ائمه", "ابراهیم", "احمد", "ایمان", "أمید", "ئیلا", "بهرام",
            "سؤال", "كامران", "کاوه", "وحید", "هادی"]),
    ("ur", ["احمد", "أنور", "آصف", "بشیر", "بھٹی", "پرویز", "تنویر", "ٹیپو", "چودھری",
            "ہارون", "ھما", "یاسین", "ئیلا"]),
    ("en", ["Çağla", "Cem", "Émile", "Eve", "İlker", "Işık"]),  # DUCET: accents secondary
    ("sr-Latn", ["Car", "Čas", "Ćup", "Dan", "Džep", "Đak", "Lopta", "Ljubav"]),
    ("sr-Latn-RS", ["Cem", "Čelik"]),
    ("nb", ["Zeta", "Æble", "Ødegaard", "Åse"]),
    ("fi", ["Zeta", "Åsa", "Älmhult", "Örebro"]),
    ("bs", ["Car", "Čas", "Ćup"]),
    # Ukrainian ї is a letter after і (it sorted among the і names); ґ, є and й already were
    ("uk", ["Галина", "Ґанна", "Емма", "Єва", "Ирина", "Іван", "Ірина", "Ївга", "Їжак", "Йосип"]),
    ("be", ["Ежов", "Елена", "Ёлка", "Жук", "Урсула", "Ўладзь", "Фёдар", "Элка"]),
    ("ru", ["Ёжиков", "Ежов", "Елена", "Ёлка", "Жук", "Иван", "Йошкин", "Эмма"]),  # ё is е
    # the language's own script first (CLDR's [reorder Arab] ...), digits before both
    ("ar", ["350.org", "أمل", "بسمة", "Amnesty International", "Zeta", "שלום"]),
    ("fa", ["آرش", "Amnesty"]), ("ur", ["احمد", "Amnesty"]), ("ps", ["احمد", "Amnesty"]),
    ("ru", ["Мемориал", "Amnesty", "Ωmega"]), ("uk", ["Ївга", "Amnesty"]),
    ("bg", ["Мая", "Amnesty"]), ("sr", ["Мая", "Amnesty"]), ("sr-Latn", ["Amnesty", "Мая"]),
    ("el", ["Άλφα", "Ωmega", "Alpha"]), ("he", ["אבא", "שלום", "Amnesty"]),
    # Sorani and Yiddish too; a direction mark pasted before a name is no letter of it
    ("ckb", ["ئازاد", "Amnesty"]), ("yi", ["אבא", "Amnesty"]),
    ("ar", ["أمل", "\u200eBasma", "Zeta"]),
    ("en", ["Zeta", "Мая", "بسمة"]),
])
def test_names_sort_in_the_languages_alphabet(lang: str, expected: list[str]) -> None:
    assert ordered(lang, list(reversed(expected))) == expected


def test_turkish_capitals_lower_to_their_own_i() -> None:
    """Turkish I lowers to dotless ı, İ to i: "Işık" sorts before "İlker", after "Hakan"."""
    assert ordered("tr", ["İlker", "Işık", "Ilgaz", "Hakan", "Jale"]) == \
        ["Hakan", "Ilgaz", "Işık", "İlker", "Jale"]
