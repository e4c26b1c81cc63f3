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
])
def test_names_sort_in_the_languages_alphabet(lang: str, expected: list[str]) -> None:
    assert ordered(lang, list(reversed(expected))) == expected


def test_turkish_capitals_lower_to_their_own_i() -> None:
    """Turkish I lowers to dotless ı, İ to i: "Işık" sorts before "İlker", after "Hakan"."""
    assert ordered("tr", ["İlker", "Işık", "Ilgaz", "Hakan", "Jale"]) == \
        ["Hakan", "Ilgaz", "Işık", "İlker", "Jale"]
