"""Incremental builds, the build manifest, changes since a build or release, and watch."""

from __future__ import annotations

import base64
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from letterpress.build import build
from letterpress.cli import app

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.yaml").write_text("layout: mine\ntitle: A\nsignatories:\n  source: a.csv\n")
    (letters / "a.csv").write_text("name\nOne\nTwo\n")
    (letters / "b.yaml").write_text("title: B\nbody: [Text]\n")
    mine = tmp_path / "layouts" / "mine"
    mine.mkdir(parents=True)
    (mine / "layout.yaml").write_text("extends: letter\n")
    (mine / "style.css").write_text("h1 { color: red; }\n")
    return tmp_path


def _built(result_output: str) -> list[str]:
    return [line.split()[1] for line in result_output.splitlines() if line.startswith("built")]


def _rendered(result_output: str) -> list[str]:
    """The letters rendered (not skipped), whether their files came out new or the same."""
    return [Path(line.split()[1].rstrip(",")).name.split(".")[0]
            for line in result_output.splitlines()
            if line.startswith("built") or "rendered again" in line]


def test_second_build_skips_everything(project: Path) -> None:
    first = runner.invoke(app, ["build", "-f", "txt,html"])
    assert first.exit_code == 0 and len(_built(first.output)) == 2
    second = runner.invoke(app, ["build", "-f", "txt,html"])
    assert second.exit_code == 0 and _built(second.output) == []
    assert "unchanged letters/a.yaml (2 signatories)" in second.output
    forced = runner.invoke(app, ["build", "-f", "txt,html", "--force"])
    assert _rendered(forced.output) == ["a", "b"] and _built(forced.output) == []
    assert "unchanged output/b.txt, output/b.html (rendered again, the same bytes)" \
        in forced.output


@pytest.mark.parametrize("change", ["letters/a.csv", "layouts/mine/style.css", "letters/a.yaml"])
def test_changed_input_rebuilds_only_that_letter(project: Path, change: str) -> None:
    runner.invoke(app, ["build", "-f", "txt,html"])
    path = project / change
    path.write_text(path.read_text() + {".csv": "Three\n", ".css": "\n/* edit */\n"}.get(
        path.suffix, "body: [More]\n"))
    result = runner.invoke(app, ["build", "-f", "txt,html"])
    assert _rendered(result.output) == ["a"]


def test_a_signer_saved_while_the_letter_builds_is_built_next_time(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source saved after the build read it and before the build recorded it: the record
    is of what was read, so the next build sees the new signer (every later build said
    "unchanged" and the output lacked them for good)."""
    import letterpress.build as building

    source, load = project / "letters" / "a.csv", building.load

    def load_then_a_save(*args: object, **kwargs: object) -> object:
        loaded = load(*args, **kwargs)  # type: ignore[arg-type]
        source.write_text(source.read_text() + "Late Signer\n")
        return loaded

    monkeypatch.setattr(building, "load", load_then_a_save)
    build(project / "letters" / "a.yaml", project / "output", ["txt"])
    assert "Late Signer" not in (project / "output" / "a.txt").read_text()
    monkeypatch.setattr(building, "load", load)
    again = build(project / "letters" / "a.yaml", project / "output", ["txt"])
    assert not again.skipped and "Late Signer" in (project / "output" / "a.txt").read_text()


def test_timestamps_alone_do_not_rebuild(project: Path) -> None:
    runner.invoke(app, ["build", "-f", "txt"])
    os.utime(project / "letters" / "a.csv", (1, 1))
    assert _built(runner.invoke(app, ["build", "-f", "txt"]).output) == []


def test_deleted_or_edited_output_is_rebuilt(project: Path) -> None:
    runner.invoke(app, ["build", "-f", "txt"])
    (project / "output" / "b.txt").write_text("tampered")
    assert _built(runner.invoke(app, ["build", "-f", "txt"]).output) == ["output/b.txt"]


def test_other_formats_rebuild(project: Path) -> None:
    runner.invoke(app, ["build", "-f", "txt"])
    assert len(_built(runner.invoke(app, ["build", "-f", "html"]).output)) == 2


def test_after_sign_only_that_letter_rebuilds_and_count_grows(project: Path) -> None:
    runner.invoke(app, ["build", "-f", "txt"])
    assert runner.invoke(app, ["sign", "letters/a.yaml", "Three"]).exit_code == 0
    result = runner.invoke(app, ["build", "-f", "txt"])
    assert _built(result.output) == ["output/a.txt"]
    assert "(3 signatories, +1 since last build)" in result.output


def test_signers_are_who_the_letter_says_not_how_they_print(project: Path) -> None:
    """A footnote added before a member's note renumbers it ([1] -> [2]); the member is the
    same signatory, not one removed and one added (signers were keyed by printed text)."""
    path = project / "letters" / "b.yaml"
    path.write_text("title: B\nbody: [Text]\nfootnotes: {n: A note.}\nsignatories:\n"
                    "  members: ['Dr Amer Masri[^n]', Zaytoon]\n")
    runner.invoke(app, ["build", "letters/b.yaml", "-f", "txt"])
    path.write_text(path.read_text().replace("body: [Text]", "body: ['Text.[^m]']").replace(
        "footnotes: {", "footnotes: {m: First., "))
    result = runner.invoke(app, ["build", "letters/b.yaml", "-f", "txt"])
    assert "(2 signatories)" in result.output and "since last build" not in result.output


def test_changes_since_last_build_and_release(project: Path) -> None:
    runner.invoke(app, ["build", "-f", "txt", "--release", "v1"])
    runner.invoke(app, ["sign", "letters/a.yaml", "Three"])
    (project / "letters" / "a.csv").write_text("name\nOne\nThree\n")  # Two withdrew
    result = runner.invoke(app, ["changes", "letters/a.yaml"])
    assert result.exit_code == 0
    assert "1 added, 1 removed" in result.output
    assert "+ Three" in result.output and "- Two" in result.output
    runner.invoke(app, ["build", "-f", "txt"])
    assert "0 added, 0 removed" in runner.invoke(app, ["changes", "letters/a.yaml"]).output
    since = runner.invoke(app, ["changes", "letters/a.yaml", "--since", "v1"])
    assert "+ Three" in since.output and "- Two" in since.output
    missing = runner.invoke(app, ["changes", "letters/a.yaml", "--since", "v9"])
    assert missing.exit_code == 2 and "no recorded release 'v9'" in missing.output


def test_since_last_build_is_since_the_same_formats_last_build(project: Path) -> None:
    """After a quick -f txt build, the HTML (PDF, DOCX) that gained a name and lost one was
    built with no "+1 -1", and changes said "0 added, 0 removed": both compared with the
    last build of any format. Each format's files are compared with their own last build."""
    csv = project / "letters" / "a.csv"
    runner.invoke(app, ["build", "letters/a.yaml", "-f", "html,txt"])
    csv.write_text("name\nOne\nThree\n")
    assert "(2 signatories, +1 -1 since last build)" in runner.invoke(
        app, ["build", "letters/a.yaml", "-f", "txt"]).output
    csv.write_text("name\nOne\nThree\nFour\n")
    assert "(3 signatories, +1 since last build)" in runner.invoke(
        app, ["build", "letters/a.yaml", "-f", "txt"]).output
    changes = runner.invoke(app, ["changes", "letters/a.yaml", "-f", "html"])
    assert changes.output.splitlines() == ["since the last build of html: 2 added, 1 removed, "
                                           "0 changed",
                                           "+ Three", "+ Four", "- Two"]
    assert "since the last build of txt: 0 added" in runner.invoke(
        app, ["changes", "letters/a.yaml", "-f", "txt"]).output
    assert "since the last build: 0 added" in runner.invoke(  # (pdf, docx: never built)
        app, ["changes", "letters/a.yaml"]).output
    assert "(3 signatories, +2 -1 since last build)" in runner.invoke(
        app, ["build", "letters/a.yaml", "-f", "html"]).output
    assert "since the last build of html: 0 added" in runner.invoke(
        app, ["changes", "letters/a.yaml", "-f", "html"]).output


def test_a_signatory_listed_twice_is_one_added(project: Path) -> None:
    """Oxfam added a second time by hand raised the count (2 -> 3) while the build said no
    "+1" and changes nothing: signers were compared as a set of keys. They are counted."""
    csv = project / "letters" / "a.csv"
    runner.invoke(app, ["build", "letters/a.yaml", "-f", "txt"])
    csv.write_text("name\nOne\nTwo\nOne\n")
    changes = runner.invoke(app, ["changes", "letters/a.yaml", "-f", "txt"])
    assert changes.output.splitlines() == ["since the last build of txt: 1 added, 0 removed, "
                                           "0 changed",
                                           "+ One (now listed 2 times)"]
    assert "(3 signatories, +1 since last build)" in runner.invoke(
        app, ["build", "letters/a.yaml", "-f", "txt"]).output
    csv.write_text("name\nOne\nTwo\n")
    assert runner.invoke(app, ["changes", "letters/a.yaml", "-f", "txt"]).output.splitlines() \
        == ["since the last build of txt: 0 added, 1 removed, 0 changed",
            "- One (now listed once)"]
    assert "(2 signatories, -1 since last build)" in runner.invoke(
        app, ["build", "letters/a.yaml", "-f", "txt"]).output


def test_a_corrected_signatory_is_one_changed(project: Path) -> None:
    """John Smith's organisation corrected (another John Smith beside him) was told '+ John
    Smith' and '- John Smith', nothing to tell them apart: now one changed, with what."""
    path = project / "letters" / "b.yaml"
    path.write_text("title: B\nsignatories:\n  groups:\n    - name: Individuals\n"
                    "      members:\n        - {name: John Smith, organisation: Oxfam}\n"
                    "        - {name: John Smith, organisation: CARE International}\n"
                    "        - {name: Amal, role: Director}\n        - Zaid\n")
    runner.invoke(app, ["build", "letters/b.yaml", "-f", "txt"])
    path.write_text(path.read_text().replace("CARE International", "CARE (Ghana office)")
                    .replace("Director", "Head").replace("- Zaid", "- Zaid Saleh"))
    changes = runner.invoke(app, ["changes", "letters/b.yaml", "-f", "txt"])
    assert changes.output.splitlines() == [  # (another name: another signatory)
        "since the last build of txt: 1 added, 1 removed, 2 changed",
        "+ Zaid Saleh (Individuals)", "- Zaid (Individuals)",
        "~ John Smith (Individuals): organisation CARE International -> CARE (Ghana office)",
        "~ Amal (Individuals): role Director -> Head"], changes.output
    assert "(4 signatories, +1 -1, 2 changed since last build)" in runner.invoke(
        app, ["build", "letters/b.yaml", "-f", "txt"]).output


def test_a_release_name_is_recorded_once(project: Path) -> None:
    """build --release v1 a second time replaced the first v1 record without a word (what
    was published under it was lost), and no build said a release was recorded."""
    first = runner.invoke(app, ["build", "letters/a.yaml", "-f", "txt", "--release", "v1"])
    assert "recorded release v1 (2 signatories)" in first.output
    record = project / "output" / ".letterpress" / "a@v1.json"
    kept = record.read_bytes()
    same = runner.invoke(app, ["build", "letters/a.yaml", "-f", "txt", "--release", "v1"])
    assert same.exit_code == 0 and "release v1 already recorded with the same signatories: " \
        "kept" in same.output and record.read_bytes() == kept
    runner.invoke(app, ["sign", "letters/a.yaml", "Three"])
    output = (project / "output" / "a.txt").read_bytes()
    again = runner.invoke(app, ["build", "letters/a.yaml", "-f", "txt", "--release", "v1"])
    assert again.exit_code == 2 and "letters/a.yaml:1:1: release 'v1' was recorded on " \
        in again.output and "with 2 signatories, and the signatories have changed since: " \
        "choose another name" in again.output
    assert record.read_bytes() == kept and (project / "output" / "a.txt").read_bytes() == output
    assert "+ Three" in runner.invoke(app, ["changes", "letters/a.yaml", "--since", "v1"]).output
    other = runner.invoke(app, ["build", "letters/a.yaml", "-f", "txt", "--release", "v2"])
    assert other.exit_code == 0 and "recorded release v2 (3 signatories)" in other.output


def test_failed_build_keeps_manifest_and_outputs(project: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["build", "-f", "txt"])
    manifest = (project / "output" / ".letterpress" / "a.json").read_bytes()
    (project / "letters" / "a.csv").write_text("name\n\n,x\n")
    assert runner.invoke(app, ["build", "-f", "txt"]).exit_code == 2
    assert (project / "output" / ".letterpress" / "a.json").read_bytes() == manifest


def test_build_result_lists_dependencies(project: Path) -> None:
    result = build(project / "letters" / "a.yaml", project / "output", ["txt"])
    names = {p.name for p in result.dependencies}
    assert {"a.yaml", "a.csv", "style.css", "layout.yaml"} <= names


def test_watch_rebuilds_on_save_reports_errors_and_stops_cleanly(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "letterpress", "watch", "-f", "txt",
                             "--interval", "0.1"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = project / "output" / "a.txt"
    try:
        _wait(out.exists)
        (project / "letters" / "a.csv").write_text("name\nOne\nTwo\nWatched Signer\n")
        _wait(lambda: "Watched Signer" in out.read_text())
        (project / "letters" / "a.yaml").write_text("title: [broken\n")
        time.sleep(1)
        assert proc.poll() is None  # an error does not stop watching
        (project / "letters" / "a.yaml").write_text(
            "title: Fixed\nsignatories:\n  source: a.csv\n")
        _wait(lambda: "Fixed" in out.read_text())
    finally:
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert "a.yaml:1:8: YAML syntax: this [ is never closed" in stderr
    assert "Traceback" not in stderr
    assert "stopped" in stdout


def test_a_source_saved_while_the_first_build_finishes_is_not_missed(project: Path) -> None:
    """The files a build read were stamped after it: a CSV saved between the build reading
    it and that stamp (just after the output appeared: the watch test, under load) was
    taken as built, and never built. One saved since the build began is built again."""
    from letterpress.watch import Files

    letter, source = project / "letters" / "a.yaml", project / "letters" / "a.csv"
    files = Files(letter)
    stamp = files.changed()
    assert stamp is not None
    source.write_text("name\nOne\nTwo\nSaved Meanwhile\n")  # during the build
    os.utime(source, ns=(files.looked + 10**6, files.looked + 10**6))  # (on any clock)
    files.built(stamp, [letter, source])
    assert files.changed() is not None  # built again
    files.built(files.changed() or (), [letter, source])
    assert files.changed() is None  # then quiet


def test_watch_rebuilds_once_a_missing_source_file_is_created(project: Path) -> None:
    from letterpress.watch import Watcher

    letter = project / "letters" / "a.yaml"
    letter.write_text("title: Waiting\nsignatories:\n  source: later.csv\n")
    watcher = Watcher([letter], project / "output", ["txt"])
    (first,) = watcher.poll()
    assert first.errors and "later.csv" in str(first.errors[0])
    assert list(watcher.poll()) == []  # nothing changed: nothing built
    (project / "letters" / "later.csv").write_text("name\nArrived Later\n")
    (again,) = watcher.poll()
    assert not again.errors
    assert "Arrived Later" in (project / "output" / "a.txt").read_text()


def _wait(condition: Callable[[], bool], timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_an_unchanged_letter_is_skipped_without_being_read(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest records the files a build read and the layout folders' listing: an
    unchanged letter is recognised from those digests alone, and its warnings are said
    again."""
    (project / "letters" / "a.csv").write_text("name\nOne\nTwo\nOne\n")  # a duplicate: a warning
    first = runner.invoke(app, ["build", "-f", "txt"])
    assert first.exit_code == 0 and "the same signatory" in first.output

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged letter was read")

    monkeypatch.setattr("letterpress.build.load", unread)
    second = runner.invoke(app, ["build", "-f", "txt"])
    assert second.exit_code == 0, second.output
    assert _built(second.output) == [] and "the same signatory" in second.output
    assert build(Path("letters/b.yaml"), Path("output"), ["txt"]).dependencies[0] == \
        Path("letters/b.yaml")


@pytest.mark.parametrize(("added", "rebuilt"), [
    # a project layout now comes before the built-in that both letters' layouts extend
    ("layouts/letter/layout.yaml", ["a", "b"]),
    ("layouts/mine/parts/title.html.j2", ["a"]),  # a part template of a's layout
])
def test_a_file_added_to_the_layout_folders_rebuilds(project: Path, added: str,
                                                     rebuilt: list[str]) -> None:
    runner.invoke(app, ["build", "-f", "txt,html"])
    path = project / added
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("extends: letter\n" if path.suffix == ".yaml" else "<h1>Ours</h1>\n")
    result = runner.invoke(app, ["build", "-f", "txt,html"])
    assert result.exit_code == 0, result.output
    assert _rendered(result.output) == rebuilt


@pytest.mark.parametrize("where", ["outside", "symlink"])
def test_a_template_added_to_a_layout_outside_or_linked_rebuilds(project: Path,
                                                                 where: str) -> None:
    """A layout named by a path outside the layout folders, or a layouts/ entry that is a
    symbolic link: the listing covers the letter's own layout folders, links followed."""
    house = project / "shared" / "house"
    house.mkdir(parents=True)
    (house / "layout.yaml").write_text("extends: letter\n")
    name = "../shared/house" if where == "outside" else "house"
    if where == "symlink":
        (project / "layouts" / "house").symlink_to(house, target_is_directory=True)
    (project / "letters" / "c.yaml").write_text(f"layout: {name}\ntitle: C\nbody: [Text.]\n")
    runner.invoke(app, ["build", "letters/c.yaml", "-f", "html"])
    (house / "parts").mkdir()
    (house / "parts" / "title.html.j2").write_text("<h1>OURS</h1>\n")
    result = runner.invoke(app, ["build", "letters/c.yaml", "-f", "html"])
    assert result.exit_code == 0, result.output
    assert _built(result.output) == ["output/c.html"]
    assert "OURS" in (project / "output" / "c.html").read_text()


def test_a_template_edited_in_a_folder_linked_into_a_layout_rebuilds(project: Path) -> None:
    """A ``parts/`` folder shared between layouts by a symbolic link is read by Jinja like
    any other: its templates are the layout's files, so an edit of one is a change (it was
    in no digest: the letter stayed "unchanged", even after an edit of the letter)."""
    shared = project / "shared_parts"
    shared.mkdir()
    (shared / "title.html.j2").write_text("<h1>FIRST</h1>\n")
    (project / "layouts" / "mine" / "parts").symlink_to(shared, target_is_directory=True)
    assert runner.invoke(app, ["build", "letters/a.yaml", "-f", "html"]).exit_code == 0
    assert "FIRST" in (project / "output" / "a.html").read_text()
    (shared / "title.html.j2").write_text("<h1>SECOND</h1>\n")
    result = runner.invoke(app, ["build", "letters/a.yaml", "-f", "html"])
    assert _built(result.output) == ["output/a.html"], result.output
    assert "SECOND" in (project / "output" / "a.html").read_text()


def test_warnings_are_not_replayed_from_another_working_folder(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings name files relative to the working folder: from another one the letter is
    read again (and still skipped, its digest being the same)."""
    from letterpress import manifest
    from letterpress.build import _settings, unchanged

    letter = (project / "letters" / "b.yaml").resolve()
    out = (project / "output").resolve()
    build(letter, out, ["txt"])
    settings = _settings(None, False)
    assert unchanged(letter, out, settings, ["txt"], manifest.read(out, "b")) is not None
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    assert unchanged(letter, out, settings, ["txt"], manifest.read(out, "b")) is None
    assert build(letter, out, ["txt"]).skipped


def test_a_changed_shipped_font_changes_the_inputs(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The fonts are recognised by name, size and time (reading 4.8 MB cost every build
    10-15 ms): a font replaced by another one still rebuilds."""
    import shutil

    from letterpress import FONTS, manifest

    fonts = tmp_path / "fonts"
    shutil.copytree(FONTS, fonts)
    monkeypatch.setattr(manifest, "FONTS", fonts)
    manifest._fonts_digest.cache_clear()
    before = manifest.inputs_of([], "pdf")
    manifest._fonts_digest.cache_clear()
    assert manifest.inputs_of([], "pdf") == before
    shutil.copyfile(FONTS / "NotoSans-Bold.ttf", fonts / "NotoSans-Regular.ttf")
    manifest._fonts_digest.cache_clear()
    assert manifest.inputs_of([], "pdf") != before
    manifest._fonts_digest.cache_clear()


def test_an_upgraded_library_rebuilds(project: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A new WeasyPrint (or python-docx...) may set the same letter otherwise: its outputs
    are built again, as after a new letterpress, not kept as the old one made them."""
    from letterpress import manifest

    site = tmp_path / "site"
    (site / "weasyprint-70.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    manifest._installed.cache_clear()
    assert runner.invoke(app, ["build", "-f", "txt"]).exit_code == 0
    manifest._installed.cache_clear()
    assert _built(runner.invoke(app, ["build", "-f", "txt"]).output) == []
    (site / "weasyprint-70.0.dist-info").rename(site / "weasyprint-71.0.dist-info")
    manifest._installed.cache_clear()
    again = runner.invoke(app, ["build", "-f", "txt"])
    assert _rendered(again.output) == ["a", "b"], again.output
    manifest._installed.cache_clear()


def test_the_manifest_reads_back_what_was_written(tmp_path: Path) -> None:
    """Signatory lines are put together from json's string quoting: any text (quotes,
    backslashes, controls, Arabic, a lone surrogate's escape) reads back as written, and
    every field of Signer is on the line."""
    import dataclasses
    import json

    from letterpress import manifest

    odd = ['a "quoted" \\ name', "tab\there\nline", "سلمى خالد", "\u2028\x00\x1f", "{}, {"]
    signers = [manifest.Signer(text, text[::-1], f"g {n}", f"{n}.")
               for n, text in enumerate(odd)]
    written = manifest.Manifest("digest", {"a.pdf": "x"}, signers, len(signers))
    data = json.loads(written.to_json())
    assert data["signatories"] == [dataclasses.asdict(s) for s in signers]
    manifest.write(tmp_path, "a", written)
    again = manifest.read(tmp_path, "a")
    assert again is not None and again.signers == signers
    assert written.to_json().decode().count("\n") == len(signers) + 4


@pytest.mark.parametrize("twin", ["letters/sub/b.yaml", "letters/b.yml"])
def test_two_letters_of_one_name_are_refused(project: Path, twin: str) -> None:
    """letters/b.yaml and letters/sub/b.yaml would both write output/b.*, each build
    overwriting the other's: the later one is an error naming the earlier, which builds."""
    (project / twin).parent.mkdir(exist_ok=True)
    (project / twin).write_text("title: The other B\n")
    for _ in range(2):
        result = runner.invoke(app, ["build", "-f", "txt"])
        assert result.exit_code == 2
        assert f"{twin}:1:1: its outputs (b.*) would overwrite those of letters/b.yaml" \
            in result.output
        assert (project / "output" / "b.txt").read_text().startswith("B\n")


def test_a_letter_named_for_a_language_of_another_is_refused(project: Path) -> None:
    """x.yaml in English and Arabic writes x.en.*, as x.en.yaml does: built together or one
    after the other, each build overwrote the other's (rc 0). The one that has the outputs
    keeps them; the other is refused, nothing written, until one is renamed."""
    letters = project / "letters"
    (letters / "x.yaml").write_text(
        "title: {en: Both, ar: كلاهما}\nlang: [en, ar]\nbody: [{en: from x, ar: نص}]\n")
    (letters / "x.en.yaml").write_text("title: One\nbody: [from x.en]\n")
    first = runner.invoke(app, ["build", "letters/x.yaml", "-f", "txt"])
    assert first.exit_code == 0
    english = (project / "output" / "x.en.txt").read_bytes()
    for args in (["letters/x.en.yaml"], ["letters", "-j", "2"], []):
        result = runner.invoke(app, ["build", *args, "-f", "txt"])
        assert result.exit_code == 2
        assert "letters/x.en.yaml:1:1: its outputs (x.en.*) would overwrite those of " \
            "letters/x.yaml, built into output before: " in result.output
        assert "rename one of the two" in result.output
        assert (project / "output" / "x.en.txt").read_bytes() == english
    assert not (project / "output" / ".letterpress" / "x.en.json").exists()
    (letters / "x.yaml").unlink()  # gone (renamed, moved): its outputs are taken over
    result = runner.invoke(app, ["build", "-f", "txt"])
    assert result.exit_code == 0 and "built output/x.en.txt" in result.output


def test_letters_in_one_build_that_write_the_same_file_build_one_after_the_other(
        project: Path) -> None:
    """Two worker processes each found no record of the other's outputs and both wrote
    x.en.txt: letters whose names may share outputs are built in turn, the later refused."""
    runner.invoke(app, ["build", "-f", "txt"])  # so that the two are all there is to build
    (project / "letters" / "x.yaml").write_text("lang: [en, fr]\ntitle: Both\n")
    (project / "letters" / "x.en.yaml").write_text("title: One\n")
    result = runner.invoke(app, ["build", "-f", "txt", "-j", "2"])
    assert result.exit_code == 2
    assert "letters/x.yaml:1:1: its outputs (x.en.*) would overwrite those of " \
        "letters/x.en.yaml" in result.output
    assert (project / "output" / "x.en.txt").read_text().startswith("One\n")
    assert not (project / "output" / "x.fr.txt").exists()


def test_a_letter_of_one_name_elsewhere_is_refused_in_a_later_build(project: Path) -> None:
    """letters/b.yaml, then other/b.yaml: the second overwrote the first's outputs and record
    and said '+1 -2 since last build', comparing two different letters."""
    runner.invoke(app, ["build", "letters/b.yaml", "-f", "txt"])
    record = project / "output" / ".letterpress" / "b.json"
    before = record.read_bytes(), (project / "output" / "b.txt").read_bytes()
    (project / "other").mkdir()
    (project / "other" / "b.yaml").write_text("title: Other B\n")
    result = runner.invoke(app, ["build", "other/b.yaml", "-f", "txt"])
    assert result.exit_code == 2
    assert result.output.startswith(
        "other/b.yaml:1:1: its outputs (b.*) would overwrite those of letters/b.yaml, built "
        "into output before: outputs are named after the letter file")
    assert (record.read_bytes(), (project / "output" / "b.txt").read_bytes()) == before
    moved = runner.invoke(app, ["build", "letters/b.yaml", "-f", "txt"])
    assert moved.output == "unchanged letters/b.yaml\n"


def test_a_moved_letter_takes_its_outputs_over(project: Path) -> None:
    runner.invoke(app, ["build", "letters/a.yaml", "-f", "txt"])
    (project / "other").mkdir()
    for name in ("a.yaml", "a.csv"):
        (project / "letters" / name).rename(project / "other" / name)
    (project / "other" / "a.csv").write_text("name\nOne\nTwo\nThree\n")
    result = runner.invoke(app, ["build", "other/a.yaml", "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert result.output == "built output/a.txt (3 signatories, +1 since last build)\n"


def _dates(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


def test_a_file_that_comes_out_the_same_is_not_written_again(project: Path) -> None:
    """Editing the English of a letter in English and Arabic rewrote the Arabic files, and
    a comment rewrote them all, the same bytes with new dates (a sync tool uploads them)."""
    letter = project / "letters" / "x.yaml"
    letter.write_text("title: {en: Hello, ar: مرحبا}\nlang: [en, ar]\n"
                      "body:\n  - en: English text\n    ar: نص عربي\n")
    runner.invoke(app, ["build", "letters/x.yaml", "-f", "txt,html"])
    out = project / "output"
    for path in out.iterdir():
        os.utime(path, ns=(10**9, 10**9))
    before = _dates(out)
    letter.write_text(letter.read_text().replace("English text", "English text, edited"))
    result = runner.invoke(app, ["build", "letters/x.yaml", "-f", "txt,html"])
    assert result.output == "built output/x.en.txt, output/x.en.html\n"
    assert {name for name, date in _dates(out).items() if date != before[name]} == {
        "x.en.txt", "x.en.html"}
    before = _dates(out)
    letter.write_text(letter.read_text() + "# a comment\n")
    result = runner.invoke(app, ["build", "letters/x.yaml", "-f", "txt,html"])
    assert result.output == "unchanged output/x.en.txt, output/x.en.html, output/x.ar.txt, " \
        "output/x.ar.html\n"  # (not even rendered: see test_an_edit_of_one_language_...)
    assert _dates(out) == before


def test_a_format_added_renders_only_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-f pdf, then -f pdf,docx rendered the PDF again; -f pdf after -f pdf,docx rendered
    it too. A format the same inputs made before is not rendered; a subset is unchanged."""
    import letterpress.build as building

    rendered: list[list[str]] = []
    files_of = building.files_of

    def spy(*args: Any) -> dict[Path, bytes]:
        rendered.append(args[4])
        return files_of(*args)

    monkeypatch.setattr(building, "files_of", spy)

    def build_b(formats: str, *options: str) -> str:
        rendered.clear()
        result = runner.invoke(app, ["build", "letters/b.yaml", "-f", formats, *options])
        assert result.exit_code == 0, result.output
        return result.output

    build_b("txt")
    txt = (project / "output" / "b.txt").stat().st_mtime_ns
    assert build_b("txt,html") == "built output/b.html\n" and rendered == [["html"]]
    assert (project / "output" / "b.txt").stat().st_mtime_ns == txt
    assert build_b("html") == build_b("txt") == "unchanged letters/b.yaml\n"
    assert rendered == []
    (project / "letters" / "b.yaml").write_text("title: B\nbody: [New text]\n")
    build_b("html")
    assert build_b("txt,html") == "built output/b.txt\n" and rendered == [["txt"]]
    assert "New text" in (project / "output" / "b.txt").read_text()
    build_b("txt,png", "--dpi", "40")
    assert rendered == [["png"]]
    build_b("txt,png", "--dpi", "50")  # page images at another resolution are other files
    assert rendered == [["png"]]


def test_outputs_of_a_dropped_language_are_removed(project: Path) -> None:
    """Arabic dropped from lang: x.ar.* stayed beside the new outputs, a version behind;
    combined into one file, the x.en.* of the separate files did too. Removed, unless
    edited since they were written (then they are the user's)."""
    letter = project / "letters" / "x.yaml"
    out = project / "output"
    formats = ["txt", "docx"]
    letter.write_text("title: X\nlang: [en, ar, fr]\nbody: [Text]\n", encoding="utf-8")
    assert not build(letter, out, formats).errors
    assert {p.name for p in out.glob("x.*")} == {
        f"x.{lang}.{fmt}" for lang in ("en", "ar", "fr") for fmt in formats}
    letter.write_text("title: X\nlang: [en, fr]\nbody: [Text]\n", encoding="utf-8")
    assert not build(letter, out, formats).errors
    assert {p.name for p in out.glob("x.*")} == {
        f"x.{lang}.{fmt}" for lang in ("en", "fr") for fmt in formats}
    (out / "x.fr.txt").write_text("kept: edited by hand\n", encoding="utf-8")
    letter.write_text("title: X\nlang: [en, fr]\ncombine: sequential\nbody: [Text]\n",
                      encoding="utf-8")
    assert not build(letter, out, formats).errors
    assert {p.name for p in out.glob("x.*")} == {"x.txt", "x.docx", "x.fr.txt"}


BILINGUAL = ("title: {en: Hello, ar: مرحبا}\nlang: [en, ar]\ndate: 2024-05-01\n"
             "from:\n  name: Us\n  logo: logo.svg\n"
             "body:\n  - en: English text\n    ar: نص عربي\n  - image: logo.svg\n"
             "signatories:\n  source: x.csv\n")
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
        '<rect width="100" height="50" fill="red"/></svg>')


@pytest.fixture
def renders(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str]]]:
    """A letter in English and Arabic (a logo, an image, a source), and the (stem, formats)
    each build renders, as ``files_of`` is asked for them."""
    import letterpress.build as building

    letters = project / "letters"
    (letters / "x.yaml").write_text(BILINGUAL, encoding="utf-8")
    (letters / "x.csv").write_text("name\nOne\nTwo\n", encoding="utf-8")
    (letters / "logo.svg").write_text(LOGO, encoding="utf-8")
    asked: list[tuple[str, list[str]]] = []
    files_of = building.files_of

    def spy(*args: Any) -> dict[Path, bytes]:
        asked.append((args[1], list(args[4])))
        return files_of(*args)

    monkeypatch.setattr(building, "files_of", spy)
    return asked


def _build_x(asked: list[tuple[str, list[str]]], *options: str,
             formats: str = "txt,docx,pdf") -> str:
    asked.clear()
    result = runner.invoke(app, ["build", "letters/x.yaml", "-f", formats, *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_edit_of_one_language_renders_only_its_files(
        project: Path, renders: list[tuple[str, list[str]]]) -> None:
    """Editing only the English of a letter in English and Arabic rendered the Arabic
    PDF again (seconds for a long list) to find the same bytes; a comment, or keys
    written in another order, rendered every file. Each output's renderer is given what
    made its file: only the outputs given something else are rendered."""
    letter = project / "letters" / "x.yaml"
    _build_x(renders)
    assert renders == [("x.en", ["txt", "docx", "pdf"]), ("x.ar", ["txt", "docx", "pdf"])]
    letter.write_text(BILINGUAL.replace("English text", "English text, edited"),
                      encoding="utf-8")
    assert _build_x(renders) == "built output/x.en.txt, output/x.en.docx, output/x.en.pdf " \
        "(2 signatories)\n"
    assert renders == [("x.en", ["txt", "docx", "pdf"])]
    letter.write_text("# a comment\n" + letter.read_text(encoding="utf-8").replace(
        "  name: Us\n  logo: logo.svg\n", "  logo: logo.svg\n  name: Us\n"), encoding="utf-8")
    assert _build_x(renders) == "unchanged output/x.en.txt, output/x.en.docx, " \
        "output/x.en.pdf, output/x.ar.txt, output/x.ar.docx, output/x.ar.pdf (2 signatories)\n"
    assert renders == []
    _build_x(renders, "--force")
    assert renders == [("x.en", ["txt", "docx", "pdf"]), ("x.ar", ["txt", "docx", "pdf"])]


@pytest.mark.parametrize(("change", "rendered"), [
    ("signer", ["x.en", "x.ar"]),
    ("date", ["x.en", "x.ar"]),
    ("arabic", ["x.ar"]),
    ("logo", ["x.en", "x.ar"]),
    ("css", ["x.en", "x.ar"]),
    ("output", ["x.ar"]),  # a file edited since it was written
])
def test_a_change_an_output_shows_renders_it(project: Path, change: str, rendered: list[str],
                                             renders: list[tuple[str, list[str]]]) -> None:
    """What can change an output's bytes always renders it: a signatory, the date, its
    language's text, an image's contents (the view names only its path), a file of the
    layout, or the file itself no longer as written."""
    letter, letters = project / "letters" / "x.yaml", project / "letters"
    letter.write_text(BILINGUAL.replace("logo.svg\nbody", "logo.svg\nlayout: mine\nbody"),
                      encoding="utf-8")
    _build_x(renders)
    if change == "signer":
        (letters / "x.csv").write_text("name\nOne\nTwo\nThree\n", encoding="utf-8")
    elif change in ("date", "arabic"):
        letter.write_text(letter.read_text(encoding="utf-8").replace(
            *(("2024-05-01", "2024-05-02") if change == "date" else ("نص عربي", "نص"))),
            encoding="utf-8")
    elif change == "logo":
        (letters / "logo.svg").write_text(LOGO.replace("red", "blue"), encoding="utf-8")
    elif change == "css":
        (project / "layouts" / "mine" / "style.css").write_text("h1 { color: blue; }\n")
    else:
        (project / "output" / "x.ar.pdf").write_bytes(b"%PDF-1.7 edited")
    _build_x(renders)
    assert [stem for stem, _ in renders] == rendered
    if change == "output":
        assert renders == [("x.ar", ["pdf"])]


def _png(rgb: tuple[int, int, int]) -> bytes:
    """A 40 x 40 picture of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\0" + bytes(rgb) * 40 for _ in range(40))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 40, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _showing_logo(project: Path) -> None:
    """x.yaml in a layout of its own whose template shows logo.png of the letter's folder
    (red), which the letter does not name."""
    part = project / "layouts" / "mine" / "parts" / "postscript.html.j2"
    part.parent.mkdir()
    part.write_text("<img src=\"{{ image('logo.png') }}\" style=\"width: 3cm\">\n")
    (project / "letters" / "logo.png").write_bytes(_png((255, 0, 0)))
    (project / "letters" / "x.yaml").write_text(
        BILINGUAL.replace("logo.svg\nbody", "logo.svg\nlayout: mine\nbody"), encoding="utf-8")


def _blue_in(pdf: Path) -> bool:
    import pypdfium2

    image = pypdfium2.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("RGB")
    return (0, 0, 255) in {colour for _, colour in image.getcolors(1 << 16) or []}


def test_a_picture_a_layout_template_shows_is_read_by_the_build(
        project: Path, renders: list[tuple[str, list[str]]]) -> None:
    """A picture shown only by a layout template's ``image()`` was no input of the
    build: replaced, the build said "unchanged" and the PDF and HTML kept the old one.
    Each output's record now lists the pictures its render showed, with their contents'
    digests: replaced, the PDF and HTML (not the DOCX and text, which show none) render
    again with the new one; deleted, the build says so."""
    _showing_logo(project)
    _build_x(renders, formats="txt,docx,html,pdf")
    (project / "letters" / "logo.png").write_bytes(_png((0, 0, 255)))
    assert _build_x(renders, formats="txt,docx,html,pdf") == (
        "built output/x.en.html, output/x.en.pdf, output/x.ar.html, output/x.ar.pdf "
        "(2 signatories)\n")
    assert renders == [("x.en", ["html", "pdf"]), ("x.ar", ["html", "pdf"])]
    blue = base64.b64encode(_png((0, 0, 255))).decode()
    assert blue in (project / "output" / "x.ar.html").read_text(encoding="utf-8")
    assert _blue_in(project / "output" / "x.en.pdf")
    assert _build_x(renders, formats="txt,docx,html,pdf").startswith("unchanged")
    assert renders == []
    skipped = build(Path("letters/x.yaml"), Path("output"), ["pdf"])  # (watch looks at it)
    assert skipped.skipped and (project / "letters" / "logo.png") in skipped.dependencies
    (project / "letters" / "logo.png").unlink()
    result = runner.invoke(app, ["build", "letters/x.yaml", "-f", "txt,docx,html,pdf"])
    assert result.exit_code == 2 and "image(logo.png)" in result.output


def test_a_template_names_a_picture_from_the_letters_folder_wherever_the_build_runs(
        project: Path, renders: list[tuple[str, list[str]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``image('logo.png')`` was taken from the working folder: refused from the project's
    root ("a layout may only show images from the letter's folder"), drawn from inside
    letters/. It is the letter folder's picture from anywhere."""
    _showing_logo(project)
    red = base64.b64encode(_png((255, 0, 0))).decode()
    for where, letter in ((project, "letters/x.yaml"), (project / "letters", "x.yaml")):
        monkeypatch.chdir(where)
        result = runner.invoke(app, ["build", letter, "-f", "html", "-o", str(project / "o")])
        assert result.exit_code == 0, result.output
        assert red in (project / "o" / "x.en.html").read_text(encoding="utf-8")


def test_a_record_from_before_pictures_were_recorded_renders_again(
        project: Path, renders: list[tuple[str, list[str]]]) -> None:
    """A build record written before the pictures templates show were recorded does not
    know them: taken as complete, a picture replaced since was left out again."""
    import json

    _showing_logo(project)
    _build_x(renders, formats="html")
    record = project / "output" / ".letterpress" / "x.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    del data["shown"]
    record.write_text(json.dumps(data), encoding="utf-8")
    (project / "letters" / "logo.png").write_bytes(_png((0, 0, 255)))
    _build_x(renders, formats="html")
    assert renders == [("x.en", ["html"]), ("x.ar", ["html"])]


def test_a_layout_with_templates_of_its_own_renders_only_what_changed(
        project: Path, renders: list[tuple[str, list[str]]]) -> None:
    """A layout's own template may show any picture of the letter's folder (``image()``),
    which the view does not name: its PDF and HTML were rendered whenever the letter was.
    The pictures an output's render showed are on its record: an edit of the English
    renders the English files only, a comment none, a format added only it."""
    _showing_logo(project)
    letter = project / "letters" / "x.yaml"
    _build_x(renders, formats="txt,docx,html,pdf")
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "English text", "English text, edited"), encoding="utf-8")
    _build_x(renders, formats="txt,docx,html,pdf")
    assert renders == [("x.en", ["txt", "docx", "html", "pdf"])]
    letter.write_text(letter.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert _build_x(renders, formats="txt,docx,html,pdf").startswith("unchanged")
    assert renders == []
    (project / "letters" / "logo.png").write_bytes(_png((0, 0, 255)))
    _build_x(renders, formats="html,pdf,png")  # (a format added, and the picture changed)
    assert renders == [("x.en", ["html", "pdf", "png"]), ("x.ar", ["html", "pdf", "png"])]


def test_what_a_renderer_is_given_has_one_digest_in_every_process(project: Path) -> None:
    """The digest of each output's view is taken in every build process anew: no ids, no
    set order, no string hashes (which change from process to process) may reach it."""
    (project / "letters" / "x.yaml").write_text(BILINGUAL, encoding="utf-8")
    (project / "letters" / "x.csv").write_text("name\nOne\nالثاني\n", encoding="utf-8")
    (project / "letters" / "logo.svg").write_text(LOGO, encoding="utf-8")
    examples = sorted((Path(__file__).parents[1] / "letters").glob("*.yaml"))  # all layouts
    script = (
        "import sys; from pathlib import Path\n"
        "from letterpress import build, manifest, load\n"
        "for name in sys.argv[1:]:\n"
        "    loaded = load.load(Path(name))\n"
        "    around = manifest.surroundings(loaded, '', '', loaded.layout.files)\n"
        "    for stem, group in build.outputs(loaded, build.pages(loaded)):\n"
        "        print(stem, manifest.rendering({'': around}, group, loaded.letter.combine))\n")
    digests = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script, "letters/x.yaml",
                               *map(str, examples)], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed,
                                               "PYTHONPATH": str(examples[0].parents[1] / "src")})
        digests.append(done.stdout)
    assert digests[0] == digests[1] and digests[0].count("\n") >= len(examples) + 2


@pytest.mark.parametrize(("edited", "formats"), [
    ("reference.docx", ["docx"]), ("style.css", ["html"]), ("layout.yaml", ["docx", "html"])])
def test_a_layout_file_renders_the_formats_that_read_it(
        project: Path, edited: str, formats: list[str],
        renders: list[tuple[str, list[str]]]) -> None:
    """A Word reference document is read by the DOCX writer alone, the CSS by the HTML
    (and the PDF). The manifest's file (a comment here) counts, conservatively, for the
    formats that read the layout's files; the text writer reads none, only the manifest's
    values, which are the same."""
    import docx

    mine = project / "layouts" / "mine"
    docx.Document().save(str(mine / "reference.docx"))
    (project / "letters" / "x.yaml").write_text(
        BILINGUAL.replace("logo.svg\nbody", "logo.svg\nlayout: mine\nbody"), encoding="utf-8")
    _build_x(renders, formats="txt,docx,html")
    if edited == "reference.docx":
        changed = docx.Document()
        changed.add_paragraph("Sample")
        changed.save(str(mine / edited))
    else:
        (mine / edited).write_text((mine / edited).read_text() + "\n/* edited */\n"
                                   if edited.endswith(".css") else "extends: letter # ours\n")
    _build_x(renders, formats="txt,docx,html")
    assert renders == [("x.en", formats), ("x.ar", formats)]
