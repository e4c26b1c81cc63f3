"""Web forms in the languages coalitions use: consent answers (only a clear yes publishes a
name) and column titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterpress.cli import app
from letterpress.signatories.consent import consented

runner = CliRunner()

YES = [
    # English
    "Yes", "yes", "Y", "x", "X", "1", "true", "on", "✓", "✔️", "✅", "☑", "I agree",
    "I agree to be listed", "Agreed", "I consent to my name being published", "OK",
    "Publish my name", "No objection", "I don't mind",
    "I agree, in line with the objectives of the letter",
    "J'autorise la publication de mon nom et de ma fonction",
    # French, Spanish, Portuguese, Italian, German
    "Oui", "Oui, j'accepte", "J'accepte que mon nom soit publié", "D'accord",
    "Je n'y vois pas d'inconvénient", "Sí", "Sí, acepto", "De acuerdo", "Sin problema", "Sim",
    "Concordo", "Aceito", "Sì", "Accetto", "Acconsento", "Ja", "Ja, gerne", "Einverstanden",
    "Ich habe nichts dagegen", "Kein Problem",
    # Turkish, Russian, Ukrainian
    "Evet", "EVET", "Kabul ediyorum", "Katılıyorum", "Onaylıyorum", "İtirazım yok", "Да",
    "Согласен", "Согласна", "Не возражаю", "Так", "Згоден",
    # Arabic
    "نعم", "موافق", "موافقة", "موافقه", "أوافق", "اوافق", "نعم، أوافق", "أوافق على نشر اسمي",
    "لا مانع", "بلا مانع", "لا مانع لدي من نشر اسمي", "لا أمانع", "ما عندي مانع", "لا اعتراض",
    "أعطي الموافقة", "أجل", "موافقـــة", "مُوافِق",
    # Persian
    "بله", "بلی", "موافقم", "موافق هستم", "رضایت دارم", "مانعی ندارد", "اشکالی ندارد",
]

NO = [
    # nothing, or a mark that is no yes
    "", " ", "-", "–", "n/a", "none", "pending", "unchecked", "false", "FALSE", "0", "off",
    "❌", "✗", "✘", "×", "☐", "☒", "🚫",
    # English
    "No", "no", "N", "Nope", "Nah", "No thanks", "Rather not", "Prefer not to be listed",
    "I do not consent", "I don't agree", "I dont agree", "I don’t agree", "Disagree",
    "I decline", "Maybe", "Not sure", "Anonymously", "Yes, anonymously", "Anonymous",
    "Yes, but don't publish my name", "Do not publish my name", "I agree, without my name",
    "Yes, initials only", "Yes, organisation only", "I agree to be listed (I withdraw)",
    # French
    "Non", "Pas d'accord", "Je ne suis pas d'accord", "Oui, mais sans mon nom",
    "Oui, anonymement", "Sans mon nom",
    # Spanish, Portuguese, Italian
    "No, gracias", "Sí, sin mi nombre", "Sí, pero anónimo", "Não", "Não concordo",
    "Sim, sem o meu nome", "No, grazie", "Non accetto", "Sì, ma senza il mio nome",
    # German
    "Nein", "Nein, danke", "Ja, aber anonym", "Nicht einverstanden", "Ja, ohne meinen Namen",
    "Ich lehne ab",
    # Turkish
    "Hayır", "HAYIR", "Kabul etmiyorum", "Katılmıyorum", "Onaylamıyorum", "İstemiyorum",
    "Evet, isimsiz", "Evet ama adım olmadan",
    # Russian, Ukrainian
    "Нет", "Не согласен", "Да, но анонимно", "Ні", "Не згоден", "Так, без імені",
    # Arabic
    "لا", "لا أوافق", "لا، لا أوافق", "لاأوافق", "ولا أوافق", "غير موافق", "غير موافقة",
    "كلا", "لست موافقاً", "لست موافقة", "ليس موافقا", "أرفض", "ارفض", "رافض", "ممانع",
    "أمانع", "أعترض", "مخالف", "عدم الموافقة", "لا أرغب في نشر اسمي", "أوافق دون ذكر اسمي",
    "أوافق بدون ذكر اسمي", "نعم ولكن بدون اسمي", "نعم، بس بدون اسم", "بدون", "مجهول",
    "موافق بشرط عدم ذكر اسمي", "مش موافق", "مو موافق", "ما بدي", "ما بوافق", "ربما",
    "لا مانع بدون ذكر اسمي",
    # Persian
    "خیر", "نه", "موافق نیستم", "مخالفم", "رضایت ندارم", "نمی‌خواهم", "نمیخواهم",
    "بله، ولی بدون نام", "بله اما ناشناس", "فقط نام سازمان",
]


@pytest.mark.parametrize("answer", YES)
def test_a_clear_yes_is_consent(answer: str) -> None:
    assert consented(answer)


@pytest.mark.parametrize("answer", NO)
def test_a_refusal_a_doubt_or_a_condition_is_not_consent(answer: str) -> None:
    """"غير موافق", "كلا", "خیر", "Nope", "❌" and "أوافق دون ذكر اسمي" ("I agree, without my
    name") published the name: only a word of refusal of a short list kept it out."""
    assert not consented(answer)


def test_an_arabic_form_publishes_only_who_consented(tmp_path: Path) -> None:
    """An Arabic Google Forms export: "غير موافق" and "كلا" were imported verified and
    printed."""
    letter, form = tmp_path / "l.yaml", tmp_path / "form.csv"
    letter.write_text("title: t\nsignatories:\n  members:\n    - A\n")
    form.write_text("طابع زمني,الاسم الكامل,أوافق على نشر اسمي ضمن قائمة الموقعين\n"
                    "1,هناء,نعم\n2,عمر,غير موافق\n3,ياسمين,كلا\n4,حسين,✓\n5,سمر,لا مانع\n"
                    "6,رنا,أوافق دون ذكر اسمي\n7,مريم,خیر\n8,زينب,\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(letter), str(form)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["signatories", str(letter), "--format", "json"])
    listed = [s["name"] for s in json.loads(result.output)["signatories"]]
    assert listed == ["A", "هناء", "حسين", "سمر"], listed


@pytest.mark.parametrize(("header", "row"), [
    ("الاسم الكامل,المسمى الوظيفي,بلد الإقامة,المنظمة / الجهة,الموقع الإلكتروني,التاريخ",
     "رنا,مديرة,سوريا,منظمة ج,https://x.org,2026/08/20"),
    # without hamza, as typed on many keyboards; Arabic-Indic digits in the date
    ("الاسم,الوظيفة,دولة الاقامة,الجهة,الموقع الالكتروني,التاريخ",
     "رنا,مديرة,سوريا,منظمة ج,https://x.org,٢٠٢٦/٠٨/٢٠"),
    ("نام کامل,عنوان شغلی,کشور محل اقامت,سازمان,وب‌سایت,تاریخ",
     "رنا,مديرة,سوريا,منظمة ج,https://x.org,2026-08-20"),
])
def test_arabic_and_persian_form_titles_are_read(tmp_path: Path, header: str,
                                                 row: str) -> None:
    """"المسمى الوظيفي", "بلد الإقامة", "المنظمة / الجهة", "الموقع الإلكتروني" and
    "التاريخ" were ignored with a warning, and their data lost."""
    letter, form = tmp_path / "l.yaml", tmp_path / "form.csv"
    letter.write_text("title: t\nsignatories:\n  source: form.csv\n")
    form.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = runner.invoke(app, ["signatories", str(letter), "--format", "csv"])
    assert result.exit_code == 0 and "ignored" not in result.output, result.output
    assert result.output.splitlines()[1] == \
        "1,,رنا,مديرة,منظمة ج,سوريا,https://x.org,,2026-08-20", result.output
