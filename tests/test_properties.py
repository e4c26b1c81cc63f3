"""Properties over random letters: they build, every signatory is printed, rebuilds are
identical, mutations never crash, and sign keeps every byte outside its insertion."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import docx_text, fold, pdf_text
from letterpress.build import build, check
from letterpress.model import Member
from letterpress.signatories.edit import Candidate, add
from letterpress.source import read_yaml

RTL = re.compile("[\u0590-\u08ff]")
SETTINGS = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
LATIN = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "éüçñ0123456789")), min_size=2, max_size=12)
ARABIC = st.text(alphabet=st.sampled_from(list("بتثجحخدذرزسشصضطظعغفقكلمنهويا")), min_size=2,
                 max_size=10)
WORD = st.one_of(LATIN, ARABIC)  # a word is in one script, as in real names
NAME = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
PUNCT = st.sampled_from([".", ",", ";", ":", "!", "?", " -", " (x)", "&", "'", '"', "*", "_",
                         "<b>", "{{ x }}", "%", "#", "[a]", "1."])
SENTENCE = st.lists(st.one_of(WORD, PUNCT), min_size=1, max_size=12).map(" ".join)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON escaping is valid YAML)."""
    import json
    return json.dumps(text, ensure_ascii=False)


letters = st.builds(
    lambda title, body, groups, numbering, display: (
        f"title: {q(title)}\nbody:\n" + "".join(f"  - {q(p)}\n" for p in body)
        + f"signatories:\n  numbering: {numbering}\n  display: {display}\n  groups:\n"
        + "".join(f"    - name: {q(name)}\n      members: [{', '.join(q(m) for m in members)}]\n"
                  for name, members in groups), [m for _, ms in groups for m in ms]),
    NAME, st.lists(SENTENCE, min_size=1, max_size=4),
    st.lists(st.tuples(NAME, st.lists(NAME, min_size=1, max_size=6, unique=True)), min_size=1,
             max_size=3),
    st.sampled_from(["continuous", "per-group", "none"]),
    st.sampled_from(["list", "columns", "inline", "table", "signature"]))


@settings(SETTINGS, max_examples=12)
@given(letters)
def test_random_letters_build_and_print_every_signatory(tmp_path: Path,
                                                        case: tuple[str, list[str]]) -> None:
    text, members = case
    letter = tmp_path / "random.yaml"
    letter.write_text(text, encoding="utf-8")
    result = build(letter, tmp_path / "out", ["pdf", "docx"], force=True)
    assert not result.errors, result.errors
    pdf = fold(pdf_text(tmp_path / "out" / "random.pdf"))
    doc = fold(docx_text(tmp_path / "out" / "random.docx"))
    for member in members:
        assert fold(member) in doc, member
        if not RTL.search(member):
            assert fold(member) in pdf, member
            continue
        # In a name mixing directions, pdftotext may move digits across right-to-left words
        # (the page itself is right): check each word's letters, as textcheck.py does.
        letters_only = re.sub(r"\d", "", pdf)
        for word in member.split():
            assert re.sub(r"\d", "", fold(word)) in letters_only, word


@settings(SETTINGS, max_examples=8)
@given(letters)
def test_rebuilds_are_byte_identical(tmp_path: Path, case: tuple[str, list[str]]) -> None:
    letter = tmp_path / "random.yaml"
    letter.write_text(case[0], encoding="utf-8")
    build(letter, tmp_path / "a", ["docx", "html", "txt", "pdf"], force=True)
    build(letter, tmp_path / "b", ["docx", "html", "txt", "pdf"], force=True)
    for fmt in ("docx", "html", "txt", "pdf"):
        name = f"random.{fmt}"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


SEED = (Path(__file__).parent.parent / "letters" / "sna-joint-statement.yaml").read_text(
    encoding="utf-8")


@settings(SETTINGS, max_examples=300)
@given(st.lists(st.tuples(st.integers(0, len(SEED)), st.sampled_from(["delete", "insert", "dup"]),
                          st.text(min_size=1, max_size=3)), min_size=1, max_size=6))
def test_mutated_yaml_never_crashes(tmp_path: Path, edits: list[tuple[int, str, str]]) -> None:
    text = SEED
    for where, kind, chars in edits:
        at = min(where, len(text))
        if kind == "delete":
            text = text[:at] + text[at + len(chars):]
        elif kind == "insert":
            text = text[:at] + chars + text[at:]
        else:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at) + 1 or len(text)
            text = text[:line_end] + text[line_start:line_end] + text[line_end:]
    letter = tmp_path / "mutant.yaml"
    letter.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = check(letter)  # must return, with located errors or none: never raise
    for diag in result.errors:
        assert diag.line >= 1 and diag.col >= 1 and diag.message


COMMENTED = st.builds(
    lambda comment, names, quote: (
        f"# {comment}\ntitle: {quote}t{quote}   # {comment}\n\nsignatories:\n"
        "  # the members\n  members:\n" + "".join(f"    - {q(n)}   # {comment}\n" for n in names)
        + f"\n# end {comment}\n"),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
    st.lists(NAME, min_size=1, max_size=5, unique=True), st.sampled_from(["", "'", '"']))


@settings(SETTINGS, max_examples=40)
@given(COMMENTED, NAME)
def test_sign_keeps_every_byte_outside_the_insertion(tmp_path: Path, before: str,
                                                     name: str) -> None:
    letter = tmp_path / "commented.yaml"
    letter.write_text(before, encoding="utf-8")
    existing = read_yaml(before, "x").data["signatories"]["members"]
    outcome = add(letter, [Candidate(Member(name=name))])
    after = letter.read_text(encoding="utf-8")
    if outcome.present or not outcome.added:
        assert after == before
        return
    diff = [d for d in difflib.ndiff(before.splitlines(True), after.splitlines(True))
            if d[0] in "+-"]
    assert all(d.startswith("+ ") for d in diff), diff
    assert read_yaml(after, "x").data["signatories"]["members"] == [*existing, name]
