"""Deterministic benchmark letters: the same seed and size always give the same bytes.

A letter is built as a plain dictionary (what the YAML holds), written as letterpress YAML by
:func:`to_yaml` and as pandoc Markdown by :func:`to_markdown`, so both tools get the same
content. Names are realistic: organisations and people, about a fifth of them in Arabic
script, in groups, some people with a role, an organisation and a country. Every name is
unique, also once case, punctuation and spacing are ignored, so that letterpress's duplicate
checks stay silent and the benchmark measures rendering only.

    python3 bench/generate.py 10000 /tmp/big.yaml [--seed 7] [--markdown /tmp/big.md]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Letter = dict[str, Any]

ARABIC_SHARE = 0.2
PERSON_SHARE = 0.4  # the rest are organisations

FIRST = (
    "Amer", "Fadi", "Rania", "Lina", "Omar", "Yasmin", "Khaled", "Nour", "Samer", "Hiba", "Tarek",
    "Dima", "Ziad", "Reem", "Bassel", "Maya", "Anas", "Salma", "Hassan", "Layla", "Karim", "Jana",
    "Mazen", "Aya", "Rami", "Farah", "Wael", "Sara", "Majd", "Ola", "Anna", "Thomas", "Claire",
    "Jonas", "Sofia", "Lucas", "Marta", "Pieter", "Ingrid", "Mateo", "Elena", "David", "Hannah",
    "Paolo", "Chloe", "Henrik", "Amira", "Joseph", "Grace", "Daniel", "Miriam", "Ahmet", "Elif",
    "Mehmet", "Zeynep", "Tomasz", "Agnieszka", "Kwame", "Amina", "Chinedu", "Fatou", "Aarav",
    "Priya", "Kenji", "Yuki", "Nadia", "Igor", "Olga", "Sean", "Aoife", "Lars", "Freya",
)
SURNAMES = (
    "Masri", "Deri", "Haddad", "Khatib", "Najjar", "Sabbagh", "Hamdan", "Kassab", "Halabi",
    "Shami", "Attar", "Darwish", "Zoubi", "Jaber", "Issa", "Mansour", "Nasser", "Qasim", "Rahal",
    "Saleh", "Taha", "Yousef", "Bakr", "Dabbagh", "Farouk", "Ghanem", "Habib", "Idlibi", "Karam",
    "Lahham", "Murad", "Obeid", "Rifai", "Sawaf", "Tannous", "Wehbe", "Zaher", "Abboud", "Müller",
    "Dubois", "Rossi", "Jansen", "Nowak", "Larsen", "García", "Novak", "Schmidt", "Moreau",
    "Bianchi", "Andersson", "O'Brien", "Kowalski", "Fischer", "Lefèvre", "Romano", "Visser",
    "Nielsen", "Fernández", "Petrov", "Ivanova", "Smith", "Johnson", "Williams", "Brown", "Okafor",
    "Mensah", "Diallo", "Sharma", "Patel", "Tanaka", "Suzuki", "Yilmaz", "Demir",
)
INITIALS = "ABCDEFGHJKLMNPRSTVW"
TITLES = ("", "", "", "", "Dr ", "Prof. ", "Ms ", "Mr ")

AR_FIRST = (
    "محمد", "أحمد", "خالد", "عمر", "علي", "حسن", "حسين", "يوسف", "إبراهيم", "سامر", "فادي", "طارق",
    "زياد", "باسل", "مازن", "رامي", "وائل", "أنس", "مجد", "كريم", "فاطمة", "مريم", "نور", "هبة",
    "ريم", "رانيا", "لينا", "ديمة", "سلمى", "ليلى", "جنى", "آية", "فرح", "علا", "سارة", "ياسمين",
    "منى", "هالة", "رنا", "دعاء",
)
AR_SURNAMES = (
    "الخطيب", "المصري", "النجار", "الحداد", "الصباغ", "حمدان", "القصاب", "الحلبي", "الشامي",
    "العطار", "درويش", "الزعبي", "جابر", "عيسى", "منصور", "ناصر", "قاسم", "الرحال", "صالح", "طه",
    "يوسف", "بكر", "الدباغ", "فاروق", "غانم", "حبيب", "الإدلبي", "كرم", "اللحام", "مراد", "عبيد",
    "الرفاعي", "الصواف", "طنوس", "وهبة", "زاهر", "عبود", "الأحمد",
)

PLACES = (
    "Syrian", "Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Deir ez-Zor", "Raqqa", "Latakia",
    "Damascus", "Ghouta", "Afrin", "Qamishli", "Gaziantep", "Levant", "Euphrates", "Orontes",
    "Mediterranean", "European", "International", "Global", "Arab", "Kurdish", "Lebanese",
    "Jordanian", "Turkish", "Iraqi", "Yemeni", "Sudanese", "African", "Balkan", "Nordic",
    "Atlantic", "Andean", "Pacific", "Caucasus", "Sahel", "Danube", "Baltic",
)
THEMES = (
    "Relief", "Human Rights", "Civil Society", "Women's", "Youth", "Medical", "Education",
    "Legal Aid", "Media", "Peace", "Development", "Refugee", "Democracy", "Justice",
    "Humanitarian", "Health", "Child Protection", "Disability Rights", "Press Freedom",
    "Environmental", "Water and Sanitation", "Mental Health", "Food Security", "Shelter",
    "Transitional Justice", "Documentation", "Migrant Rights", "Labour", "Culture", "Housing",
)
KINDS = (
    "Network", "Association", "Foundation", "Organisation", "Union", "Initiative", "Centre",
    "Coalition", "Council", "Alliance", "Trust", "Forum", "Institute", "Collective",
    "Committee", "Project", "Society", "League", "Platform", "Movement",
)
CITIES = (
    "Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Gaziantep", "Beirut", "Amman",
    "Istanbul", "Berlin", "Paris", "Brussels", "London", "Geneva", "Stockholm", "Oslo",
    "Madrid", "Rome", "Vienna", "Copenhagen", "The Hague", "Toronto", "New York", "Nairobi",
    "Tunis", "Cairo", "Erbil", "Sarajevo", "Warsaw",
)
AR_ORG_KINDS = (
    "جمعية", "منظمة", "مؤسسة", "شبكة", "رابطة", "اتحاد", "مبادرة", "مركز", "تجمع", "هيئة",
)
AR_ORG_THEMES = (
    "الإغاثة", "حقوق الإنسان", "المجتمع المدني", "تمكين المرأة", "الشباب", "الرعاية الصحية",
    "التعليم", "المساعدة القانونية", "الإعلام الحر", "السلام", "التنمية", "دعم اللاجئين",
    "العدالة", "حماية الطفل", "الصحة النفسية", "الأمن الغذائي", "التوثيق", "الثقافة",
)
AR_ORG_PLACES = (
    "السورية", "في حلب", "في إدلب", "في حمص", "في حماة", "في درعا", "في الرقة", "في دير الزور",
    "في الغوطة", "في عفرين", "في القامشلي", "في اللاذقية", "في دمشق", "في غازي عنتاب", "في بيروت",
    "في عمان", "العربية", "الدولية", "المستقلة", "الوطنية",
)
ROLES = (
    "Director", "Executive Director", "Programme Director", "Chair", "Founder", "Researcher",
    "Lawyer", "Journalist", "Physician", "Professor of International Law", "Board Member",
    "Coordinator", "Spokesperson", "Member of Parliament", "Human Rights Defender", "Nurse",
    "Teacher", "Writer", "Photographer", "Head of Advocacy",
)
AR_BRANCHES = ("الشمال", "الجنوب", "الشرق", "الغرب", "الساحل", "الوسط", "الجزيرة", "المهجر")
AR_ROLES = ("مدير", "مديرة", "منسق", "منسقة", "باحث", "باحثة", "محامي", "صحفية", "طبيب", "رئيس")
COUNTRIES = (
    "Syria", "Turkey", "Lebanon", "Jordan", "Iraq", "Germany", "France", "Belgium",
    "United Kingdom", "Netherlands", "Sweden", "Norway", "Denmark", "Spain", "Italy",
    "Switzerland", "Austria", "Canada", "United States", "Kenya", "Tunisia", "Egypt",
)
GROUP_NAMES = (
    "Syrian NGO Alliance", "SHAML CSOs Coalition", "International organisations",
    "Syrian Civil Defence partners", "Medical and health organisations", "Women's rights groups",
    "Legal and documentation networks", "Media and press freedom groups", "Diaspora associations",
    "Academics and researchers", "Faith-based organisations", "Youth and student groups",
    "Individuals",
)

PARAGRAPHS = (
    "We, the undersigned %{count} organisations and individuals, provide humanitarian "
    "services, legal aid and medical care to millions of people. **World leaders must act "
    "today.**",
    "Over the past months, hospitals, schools, bakeries and markets have been bombed. Aid "
    "convoys wait for weeks at checkpoints while families run out of food, fuel and "
    "medicine, and whole neighbourhoods are cut off from the outside world.[^1]",
    "The deliberate targeting of civilians and civilian infrastructure is a grave violation "
    "of international humanitarian law. The parties to the conflict, and the states that "
    "support them, bear responsibility for the protection of every civilian.",
    "Our member organisations have documented thousands of violations. Their staff work in "
    "conditions that no one should have to endure, and many have paid with their lives. "
    "They ask for nothing but the protection the law already promises.",
)
DEMANDS = (
    "Demand an immediate and unconditional ceasefire, monitored by independent observers.",
    "Guarantee safe, unimpeded and sustained humanitarian access to every besieged area.",
    "Protect hospitals, schools and medical workers, and hold to account those who attack "
    "them.",
    "Release all people detained arbitrarily and reveal the fate of the disappeared.",
    "Fund the humanitarian response in full, without conditions that delay aid.",
)
SUB_DEMANDS = (
    "The wounded and the sick must be evacuated first.",
    "Families must be able to choose where they go, and to return.",
)


def _loose(name: str) -> str:
    """Letters and digits only, case-folded: how letterpress spots likely duplicates."""
    return re.sub(r"[\W_]+", "", name.casefold())


class Names:
    """Unique, realistic signatory entries from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            key = _loose(name)
            if key not in self.seen:
                self.seen.add(key)
                return name
        raise RuntimeError("name pools exhausted; enlarge them")

    def person(self, arabic: bool) -> str:
        r = self.rng
        if arabic:
            return self._unique(lambda: " ".join(
                (r.choice(AR_FIRST), r.choice(AR_FIRST), r.choice(AR_SURNAMES))))
        return self._unique(lambda: (
            f"{r.choice(TITLES)}{r.choice(FIRST)} "
            f"{r.choice(INITIALS) + '. ' if r.random() < 0.6 else ''}{r.choice(SURNAMES)}"))

    def organisation(self, arabic: bool) -> str:
        r = self.rng
        if arabic:
            def make_ar() -> str:
                name = " ".join((r.choice(AR_ORG_KINDS), r.choice(AR_ORG_THEMES),
                                 r.choice(AR_ORG_PLACES)))
                if r.random() < 0.5:
                    name += f" - فرع {r.choice(AR_BRANCHES)}"
                return name
            return self._unique(make_ar)

        def make() -> str:
            name = f"{r.choice(PLACES)} {r.choice(THEMES)} {r.choice(KINDS)}"
            roll = r.random()
            if roll < 0.35:
                name += f" of {r.choice(CITIES)}"
            elif roll < 0.5:
                name = f"{r.choice(FIRST)} {r.choice(SURNAMES)} {r.choice(KINDS)}"
            elif roll < 0.6:
                name += f" ({r.choice(CITIES)} office)"
            return name
        return self._unique(make)

    def member(self) -> str | dict[str, str]:
        r = self.rng
        arabic = r.random() < ARABIC_SHARE
        if r.random() >= PERSON_SHARE:
            name = self.organisation(arabic)
            if r.random() < 0.15:
                return {"name": name, "country": r.choice(COUNTRIES)}
            return name
        person: dict[str, str] = {"name": self.person(arabic)}
        if r.random() < 0.7:
            person["role"] = r.choice(AR_ROLES if arabic else ROLES)
            person["organisation"] = self.organisation(arabic)
        if r.random() < 0.5:
            person["country"] = r.choice(COUNTRIES)
        return person if len(person) > 1 or r.random() < 0.5 else person["name"]


def group_sizes(count: int, groups: int, rng: random.Random) -> list[int]:
    """Uneven group sizes adding up to ``count``, none empty when there are enough members."""
    weights = [rng.uniform(0.3, 2.0) for _ in range(groups)]
    total = sum(weights)
    sizes = [max(1, int(count * w / total)) for w in weights]
    sizes[0] += count - sum(sizes)
    while sizes[0] < 1:  # tiny letters: take from the largest group
        biggest = sizes.index(max(sizes))
        sizes[biggest] -= 1
        sizes[0] += 1
    return sizes


def letter(count: int, seed: int = 1, layout: str = "letter", display: str = "columns") -> Letter:
    """One letter with ``count`` signatories, the same for the same arguments."""
    rng = random.Random(f"letterpress-bench:{seed}:{count}")
    names = Names(rng)
    groups = max(1, min(len(GROUP_NAMES), 3 + count // 5000)) if count >= 3 else 1
    start = rng.randrange(len(GROUP_NAMES))
    topic = rng.choice(CITIES[:9])
    signatories: dict[str, Any] = {
        "numbering": "continuous",
        "display": display,
        "groups": [
            {"name": GROUP_NAMES[(start + i) % len(GROUP_NAMES)],
             "members": [names.member() for _ in range(size)]}
            for i, size in enumerate(group_sizes(count, groups, rng))
        ],
    }
    paragraphs = list(PARAGRAPHS)
    rng.shuffle(paragraphs)
    body: list[Any] = [
        paragraphs[0],
        {"heading": "We condemn", "level": 2},
        paragraphs[1],
        {"quote": "We have exhausted all the options of civilian protection.",
         "by": names.person(False), "role": "Head of a civil defence team"},
        paragraphs[2],
        {"heading": "We call for", "level": 2},
        {"demands": {
            "intro": "We call on the members of the Security Council to:",
            "items": [DEMANDS[0], DEMANDS[1],
                      {"text": DEMANDS[2], "items": list(SUB_DEMANDS)},
                      *DEMANDS[3:]],
        }},
        paragraphs[3],
    ]
    return {
        "layout": layout,
        "lang": "en",
        "title": f"Protect the civilians of {topic} now",
        "subtitle": "A joint statement by %{count} signatories",
        "date": f"2026-{1 + seed % 12:02d}-{1 + seed % 28:02d}",
        "place": "Brussels",
        "from": {"name": GROUP_NAMES[start], "address": ["PO Box 123", "Gaziantep", "Turkey"],
                 "email": "info@example.org"},
        "to": [{"name": "Mr Antonio Guterres",
                "role": "Secretary-General of the United Nations"},
               "Representatives of the Members of the Security Council"],
        "subject": f"Protection of civilians in {topic}",
        "salutation": "Dear Secretary-General,",
        "body": body,
        "closing": "Sincerely,",
        "signatories": signatories,
        "footnotes": {"1": "Figures from the UN Office for the Coordination of "
                           "Humanitarian Affairs."},
    }


def count_members(data: Letter) -> int:
    return sum(len(g["members"]) for g in data["signatories"]["groups"])


def to_yaml(data: Letter) -> str:
    """The letter as letterpress YAML (libyaml's emitter when present: 50,000 names in ~1 s)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
    return text


def _md_member(member: str | dict[str, str]) -> str:
    if isinstance(member, str):
        return _md_escape(member)
    details = [member.get(k, "") for k in ("role", "organisation", "country")]
    return ", ".join(_md_escape(x) for x in [member["name"], *details] if x)


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def to_markdown(data: Letter) -> str:
    """The same letter as pandoc Markdown: title block, body, demands as a numbered list, the
    signatories as numbered lists under their group names, in a three-column div."""
    count = count_members(data)

    def sub(text: str) -> str:
        return text.replace("%{count}", str(count))

    meta = {"title": data["title"], "subtitle": sub(data["subtitle"]), "date": data["date"],
            "lang": data["lang"]}
    out = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    addressees = [a if isinstance(a, str) else f"{a['name']}, {a['role']}" for a in data["to"]]
    out += [f"{data['place']}, {data['date']}", "", "\\\n".join(addressees), "",
            f"**Subject: {data['subject']}**", "", data["salutation"], ""]
    for block in data["body"]:
        if isinstance(block, str):
            out += [sub(block).strip(), ""]
        elif "heading" in block:
            out += [f"{'#' * (block.get('level', 1) + 1)} {block['heading']}", ""]
        elif "quote" in block:
            out += [f"> {block['quote'].strip()}", ">", f"> --- {block['by']}, {block['role']}",
                    ""]
        elif "demands" in block:
            out += [block["demands"]["intro"], ""]
            for i, item in enumerate(block["demands"]["items"], 1):
                if isinstance(item, str):
                    out.append(f"{i}. {item}")
                else:
                    out.append(f"{i}. {item['text']}")
                    out += [f"    {chr(97 + j)}) {nested}"
                            for j, nested in enumerate(item["items"])]
            out.append("")
    out += [data["closing"], "", "## Signatories", "", "::: {.signatories}", ""]
    number = 1
    for group in data["signatories"]["groups"]:
        out += [f"### {group['name']}", ""]
        for member in group["members"]:
            out.append(f"{number}. {_md_member(member)}")
            number += 1
        out.append("")
    out += [":::", ""]
    for key, note in data["footnotes"].items():
        out += [f"[^{key}]: {note}", ""]
    return "\n".join(out)


# Pandoc's default HTML sets no columns: this gives its PDF the same three signatory columns.
PANDOC_HEADER = "<style>.signatories ol { columns: 3; column-gap: 6mm; }</style>\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of signatories")
    parser.add_argument("output", type=Path, help="the YAML file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", default="letter")
    parser.add_argument("--display", default="columns")
    parser.add_argument("--markdown", type=Path, help="also write the pandoc Markdown here")
    args = parser.parse_args(argv)
    data = letter(args.count, args.seed, args.layout, args.display)
    args.output.write_text(to_yaml(data), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(to_markdown(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
