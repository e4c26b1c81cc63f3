"""The command line, in-process with Typer's runner and once as a real subprocess."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from letterpress import __version__
from letterpress.cli import app

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "one.yaml").write_text("title: One\nbody: [First letter.]\n")
    (tmp_path / "letters" / "two.yaml").write_text(
        "title: Two\nsignatories: {members: [A, B, C]}\n")
    return tmp_path


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_build_defaults_to_letters_and_output(project: Path) -> None:
    result = runner.invoke(app, ["build", "-f", "html,txt"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "output").iterdir()) == [
        ".letterpress", "one.html", "one.txt", "two.html", "two.txt"]
    assert "(3 signatories)" in result.output


def test_build_output_folder_and_quiet(project: Path) -> None:
    result = runner.invoke(app, ["build", "letters/one.yaml", "-o", "out", "-f", "txt", "-q"])
    assert result.exit_code == 0 and result.output == ""
    assert (project / "out" / "one.txt").read_text().startswith("One\n===")


def test_formats_may_be_repeated_or_comma_separated(project: Path) -> None:
    result = runner.invoke(app, ["build", "letters/one.yaml", "-f", "txt", "-f", "html,txt"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "output").iterdir()) == [
        ".letterpress", "one.html", "one.txt"]


def test_unknown_format_is_invalid_input(project: Path) -> None:
    result = runner.invoke(app, ["build", "-f", "pdf,odt"])
    assert result.exit_code == 2 and "odt" in result.output


def test_layout_override(project: Path) -> None:
    result = runner.invoke(app, ["build", "letters/one.yaml", "--layout", "press-release",
                                 "-f", "txt"])
    assert result.exit_code == 0
    assert "###" in (project / "output" / "one.txt").read_text()


@pytest.mark.parametrize("command", [["build", "letters/one.yaml", "-f", "txt"], ["check"],
                                     ["watch", "-f", "txt"],
                                     ["preview", "letters/one.yaml", "--port", "0"]])
def test_a_mistyped_layout_option_is_told_as_an_option_and_stops_at_once(
        project: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """It was told at a file 'layout:1:1:', and watch and preview ran on forever."""
    def stop(_: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", stop)  # (the loop they kept running)
    result = runner.invoke(app, [*command, "--layout", "statment"])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[0] == ("--layout: unknown layout 'statment' (did you "
                                             "mean 'statement'?); available: letter, "
                                             "press-release, statement")


def test_failed_build_keeps_previous_outputs(project: Path) -> None:
    assert runner.invoke(app, ["build", "letters/one.yaml", "-f", "txt"]).exit_code == 0
    before = (project / "output" / "one.txt").read_bytes()
    (project / "letters" / "one.yaml").write_text("title: One\nbody: [x]\nbogus: 1\n")
    result = runner.invoke(app, ["build", "letters/one.yaml", "-f", "txt"])
    assert result.exit_code == 2 and "3:1: bogus: unknown key" in result.output
    assert (project / "output" / "one.txt").read_bytes() == before
    assert sorted(p.name for p in (project / "output").iterdir()) == [".letterpress", "one.txt"]


def test_check_writes_nothing(project: Path) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0 and "2 letters OK" in result.output
    assert not (project / "output").exists()


@pytest.mark.parametrize("layout", ["letter", "statement", "press-release"])
def test_new_scaffolds_a_letter_that_builds(project: Path, layout: str) -> None:
    result = runner.invoke(app, ["new", "draft", "--layout", layout])
    assert result.exit_code == 0, result.output
    text = (project / "letters" / "draft.yaml").read_text()
    assert f"layout: {layout}" in text and "# " in text
    assert "letterpress build letters/draft.yaml" in text and "NAME" not in text  # its own
    built = runner.invoke(app, ["build", "letters/draft.yaml", "-f", "txt,html"])
    assert built.exit_code == 0, built.output
    assert "We, the undersigned 2 organisations" in (project / "output" / "draft.txt").read_text()


@pytest.mark.parametrize("name", ["café", "وقف-إطلاق-النار", "عمّان"])
def test_new_takes_names_in_any_script(project: Path, name: str) -> None:
    result = runner.invoke(app, ["new", name])
    assert result.exit_code == 0, result.output
    assert (project / "letters" / f"{name}.yaml").is_file()


@pytest.mark.parametrize("name", ["a b", "x/y", "../up", "a:b"])
def test_new_refuses_names_that_are_no_file_names(project: Path, name: str) -> None:
    result = runner.invoke(app, ["new", name])
    assert result.exit_code == 2 and "a letter name starts with" in result.output


def test_new_refuses_to_overwrite(project: Path) -> None:
    result = runner.invoke(app, ["new", "one"])
    assert result.exit_code == 2 and "already exists" in result.output


@pytest.mark.parametrize("existing", ["x.yml", "x.YAML"])
def test_new_refuses_a_name_whose_outputs_another_letter_has(project: Path,
                                                             existing: str) -> None:
    """Beside letters/x.yml, `new x` wrote x.yaml, and from then on the real letter was the
    one refused and its published outputs replaced by the template's."""
    (project / "letters" / existing).write_text("title: Our real appeal\n")
    result = runner.invoke(app, ["new", "x"])
    assert result.exit_code == 2 and f"letters/{existing}:1:1: a letter of this name" in \
        result.output
    assert not (project / "letters" / "x.yaml").exists()


def test_new_takes_a_name_only_a_longer_one_starts_with(project: Path) -> None:
    """letters/x.notes.yaml builds x.notes.*: `new x` was refused, "whose outputs (x.*) the
    new one would replace"."""
    (project / "letters" / "x.notes.yaml").write_text("title: Notes\n")
    result = runner.invoke(app, ["new", "x"])
    assert result.exit_code == 0, result.output
    assert (project / "letters" / "x.yaml").is_file()


def test_a_folder_build_reports_a_letter_it_cannot_read(project: Path) -> None:
    """A letter that is a link to a moved file, and one named in capitals (PETITION.YAML),
    were skipped without a word, exit 0."""
    (project / "letters" / "gone.yaml").symlink_to(project / "elsewhere.yaml")
    (project / "letters" / "PETITION.YAML").write_text("title: Petition\nbody: [x]\n")
    result = runner.invoke(app, ["build", "-f", "txt"])
    assert result.exit_code == 2 and "letters/gone.yaml:1:1: file not found" in result.output
    assert (project / "output" / "PETITION.txt").is_file()


def test_a_file_in_the_way_of_a_folder_is_a_message(project: Path) -> None:
    """Commands that write name the path and the reason (exit 1, as a failed build write),
    never a traceback: here a file named schema where new writes the editor schemas."""
    (project / "schema").write_text("not a folder")
    result = runner.invoke(app, ["new", "draft"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("schema") and "cannot write" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)


@pytest.mark.parametrize("folder", ["afile", "afile/letters"])
def test_new_in_a_folder_that_is_a_file_is_invalid_input(project: Path, folder: str) -> None:
    """`new x --dir notes.txt` said "cannot write: a file is in the way of a folder", exit
    1, as a disk failing: the argument is the user's mistake, exit 2, nothing written."""
    (project / "afile").write_text("not a folder")
    result = runner.invoke(app, ["new", "draft", "--dir", folder])
    assert result.exit_code == 2, result.output
    assert result.output == f"--dir {folder}: afile is a file, in the way of a folder\n"
    assert not (project / "schema").exists()


@pytest.mark.parametrize("command", [["schema"], ["signatories", "letters/one.yaml"]])
@pytest.mark.parametrize(("given", "says"), [
    (".", "-o .: a folder; give a file name, e.g. -o "),
    ("..", "-o ..: a folder; give a file name, e.g. -o "),
    ("letters", "-o letters: a folder; give a file name, e.g. -o "),
    ("afile/list.json", "-o afile/list.json: afile is a file, in the way of a folder")])
def test_output_file_that_cannot_be_a_file_is_invalid_input(
        project: Path, command: list[str], given: str, says: str) -> None:
    """`-o .` ended in a traceback (PosixPath('.') has an empty name), `-o letters` in
    "cannot write: Is a directory", exit 1, as a disk failing: it is the user's argument,
    told as such, exit 2, before anything is read or written."""
    (project / "afile").write_text("not a folder")
    result = runner.invoke(app, [*command, "-o", given])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(says) and result.output.count("\n") == 1
    assert (project / "afile").read_text() == "not a folder"


def test_output_through_a_link_is_written_at_its_target(project: Path) -> None:
    """The temporary-file-and-rename write replaced a link given to -o with a file, its
    target untouched; the link stays and its target is written (a dangling one made),
    as sign keeps a linked letter a link."""
    (project / "target.txt").write_text("keep\n")
    (project / "so3").symlink_to("target.txt")
    result = runner.invoke(app, ["signatories", "letters/two.yaml", "-o", "so3", "--force"])
    assert result.exit_code == 0, result.output
    assert (project / "so3").is_symlink()
    assert (project / "target.txt").read_text(encoding="utf-8-sig").startswith("number,")
    (project / "dangling").symlink_to("made.json")
    assert runner.invoke(app, ["schema", "-o", "dangling"]).exit_code == 0
    assert (project / "dangling").is_symlink()
    assert (project / "made.json").read_text().startswith('{\n  "$schema"')


def test_output_into_a_pipe_is_written_into_it(project: Path) -> None:
    """`-o FIFO` replaced the pipe with a regular file; it is written into, as the shell's
    `>` would, and a pipe no program reads is told at once, not waited on."""
    os.mkfifo(project / "ff")
    result = runner.invoke(app, ["schema", "-o", "ff"])
    assert result.exit_code == 1 and "ff:1:1: cannot write: a pipe no program reads" in \
        result.output
    reader = os.open(project / "ff", os.O_RDONLY | os.O_NONBLOCK)  # a program reading
    result = runner.invoke(app, ["schema", "layout", "-o", "ff"])  # (fits the pipe's buffer)
    assert result.exit_code == 0, result.output
    read = os.read(reader, 1 << 16)
    os.close(reader)
    assert read.startswith(b'{\n  "$schema"') and (project / "ff").is_fifo()
    # signatories read the pipe to see if it was an earlier export: a hang
    reader = os.open(project / "ff", os.O_RDONLY | os.O_NONBLOCK)
    result = runner.invoke(app, ["signatories", "letters/two.yaml", "-o", "ff"])
    assert result.exit_code == 0, result.output
    assert os.read(reader, 1 << 16).startswith("\ufeffnumber,".encode())
    os.close(reader)
    import socket

    with socket.socket(socket.AF_UNIX) as sock:  # what is written into neither: refused
        sock.bind(str(project / "sock"))
        result = runner.invoke(app, ["schema", "-o", "sock"])
    assert result.exit_code == 2 and result.output.startswith("-o sock: not a file, a pipe")


def test_output_to_dev_stdout_prints_and_appends(tmp_path: Path) -> None:
    """`-o /dev/stdout` (a link to /proc/self/fd/1, made here as the test's own link: were
    /dev/stdout renamed over, as root, the machine lost it) is written into, not renamed
    over: a pipe gets the schema, and a file the shell opened with `>>` keeps what it
    held."""
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
    command = [sys.executable, "-m", "letterpress", "schema", "-o", str(tmp_path / "stdout")]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    piped = subprocess.run(command, capture_output=True, env=env, check=True)
    assert piped.stdout.startswith(b'{\n  "$schema"')
    log = tmp_path / "log"
    log.write_bytes(b"before\n")
    with log.open("ab") as out:
        subprocess.run(command, stdout=out, env=env, check=True)
    assert log.read_bytes() == b"before\n" + piped.stdout


def test_schema_output_never_replaces_another_file(project: Path) -> None:
    """`schema -o letters/one.yaml` silently replaced the letter with JSON: a file that is
    not a schema letterpress wrote is refused, exit 2; an earlier schema is replaced."""
    before = (project / "letters" / "one.yaml").read_bytes()
    result = runner.invoke(app, ["schema", "-o", "letters/one.yaml"])
    assert result.exit_code == 2 and result.output.startswith(
        "letters/one.yaml:1:1: this file exists and is not a JSON schema letterpress wrote")
    assert (project / "letters" / "one.yaml").read_bytes() == before
    assert runner.invoke(app, ["schema", "-o", "s.json"]).exit_code == 0
    assert runner.invoke(app, ["schema", "layout", "-o", "s.json"]).exit_code == 0
    assert '"urn:letterpress:layout:v1"' in (project / "s.json").read_text()


@pytest.mark.parametrize("name", ["n" * 151, "ن" * 76], ids=["latin", "arabic"])
def test_new_refuses_a_name_too_long_before_writing_anything(project: Path, name: str) -> None:
    """A 300-letter name wrote schema/*.json, then failed "cannot write: File name too
    long", exit 1: the name is refused first, exit 2, nothing written."""
    result = runner.invoke(app, ["new", name])
    assert result.exit_code == 2 and "a letter name is at most 150 bytes" in result.output
    assert not (project / "schema").exists()
    assert sorted(p.name for p in (project / "letters").iterdir()) == ["one.yaml", "two.yaml"]
    assert runner.invoke(app, ["new", name[:-1]]).exit_code == 0


def test_layouts_lists_builtins_and_project_layouts(project: Path) -> None:
    custom = project / "layouts" / "ours"
    custom.mkdir(parents=True)
    (custom / "layout.yaml").write_text("description: Our own\nextends: letter\n")
    result = runner.invoke(app, ["layouts"])
    assert result.exit_code == 0
    for name in ("letter", "statement", "press-release", "ours", "Our own", "built-in"):
        assert name in result.output
    assert str(custom) in result.output


def test_real_process_exit_codes(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    ok = subprocess.run([sys.executable, "-m", "letterpress", "build", "-f", "txt"],
                        capture_output=True, text=True, env=env,
                        check=False)
    assert ok.returncode == 0, ok.stderr
    (project / "letters" / "bad.yaml").write_text("title: [unclosed\n")
    bad = subprocess.run([sys.executable, "-m", "letterpress", "check"], capture_output=True,
                         text=True, env=env, check=False)
    assert bad.returncode == 2
    assert "letters/bad.yaml:1:8: YAML syntax: this [ is never closed" in bad.stderr
    assert "Traceback" not in bad.stderr
    # a one-shot command ends without interpreter teardown (start.quick_exit): what it
    # printed still arrives whole, and a usage error keeps Click's code
    shown = subprocess.run([sys.executable, "-m", "letterpress", "build", "--help"],
                           capture_output=True, text=True, env=env, check=False)
    assert shown.returncode == 0 and "--format" in shown.stdout
    assert shown.stdout.rstrip().endswith("Show this message and exit.")
    usage = subprocess.run([sys.executable, "-m", "letterpress", "build", "--no-such"],
                           capture_output=True, text=True, env=env, check=False)
    assert usage.returncode == 2 and "--no-such" in usage.stderr


def _long_letter_and_scratch(project: Path, tmp_path: Path,
                             count: int) -> tuple[Path, dict[str, str]]:
    """letters/long.yaml with ``count`` members, and an environment whose temporary files
    go to an empty folder (returned) that a test can look into."""
    members = "".join(f"    - Member number {n} of a long list\n" for n in range(count))
    (project / "letters" / "long.yaml").write_text(
        f"title: Long\nsignatories:\n  display: columns\n  members:\n{members}")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return scratch, {**os.environ, "TMPDIR": str(scratch),
                     "PYTHONPATH": str(Path(__file__).parent.parent / "src")}


@pytest.mark.parametrize("args", [["letters/one.yaml"], ["letters"], ["letters", "-j", "1"],
                                  ["letters/long.yaml"]])
def test_pdf_builds_leave_nothing_in_tmp(project: Path, tmp_path: Path, args: list[str]) -> None:
    """WeasyPrint copies the fonts into a temporary folder per font configuration; one
    letter (PDF process), a batch (worker processes) and a serial batch all remove it. A
    longer letter once left it: the parent's SIGTERM cut the child's clean-up short."""
    scratch, env = _long_letter_and_scratch(project, tmp_path, 600)
    run = subprocess.run([sys.executable, "-m", "letterpress", "build", *args, "-f", "pdf"],
                         capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert (project / "output" / ("long.pdf" if "long" in args[0] else "one.pdf")).exists()
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(("args", "forks"), [
    (["build", "letters/one.yaml"], True),
    (["build", "-o", "out", "letters/one.yaml", "--force"], True),
    (["build", "letters/one.yaml", "-f", "docx", "-f", "pdf"], True),
    (["build", "letters/one.yaml", "--format=png"], True),
    (["build", "-fpdf,txt", "letters/one.yaml"], True),
    (["build", "letters/one.yaml", "-f", "docx,txt"], False),
    (["build", "letters/one.yaml", "letters/two.yaml"], False),
    (["build", "letters"], False),
    (["build", "letters/missing.yaml"], False),
    (["build", "--layout", "letters/one.yaml"], False),  # the file is --layout's value
    (["check", "letters/one.yaml"], False),
    ([], False),
])
def test_pdf_process_starts_first_only_for_one_letter_to_pdf(
        project: Path, args: list[str], forks: bool) -> None:
    from letterpress.start import one_letter_to_pdf

    assert one_letter_to_pdf(args) is forks


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
@contextlib.contextmanager
def _rendering(env: dict[str, str], settle: float,
               **popen: Any) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """``build letters/long.yaml -f pdf`` once its PDF process has the letter (``settle``
    seconds after it started); the build and its children are killed afterwards."""
    import time

    build = subprocess.Popen([sys.executable, "-m", "letterpress", "build", "letters/long.yaml",
                              "-f", "pdf"], env=env, text=True, **popen)
    children: list[int] = []
    try:
        deadline = time.time() + 30
        while not (children := _children(build.pid)) and time.time() < deadline:
            time.sleep(0.05)
        assert children, "no PDF process started"
        time.sleep(settle)  # the letter is read and handed over: the child is laying it out
        yield build, children
    finally:
        build.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_a_build_says_so_and_leaves_nothing(project: Path,
                                                         tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the terminal's process group) in the middle of a PDF: exit 130 with
    the promise that nothing was lost, no output, no PDF process, no temporary fonts."""
    from letterpress.cli import INTERRUPTED

    scratch, env = _long_letter_and_scratch(project, tmp_path, 3_000)
    with _rendering(env, 2, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    start_new_session=True) as (build, children):
        os.killpg(build.pid, signal.SIGINT)
        _, err = build.communicate(timeout=30)
        assert build.returncode == 130, err
        assert INTERRUPTED in err and "Traceback" not in err
        assert not (project / "output" / "long.pdf").exists()
        assert not any(Path(f"/proc/{pid}").exists() for pid in children)
        assert list(scratch.iterdir()) == []


def test_quick_exit_stands_aside_for_closed_streams_and_profilers(project: Path,
                                                                 tmp_path: Path) -> None:
    """A one-shot command ends with os._exit after its exit handlers (start.quick_exit):
    not when it was started with stdout closed, nor under a profiler that writes after."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    closed = subprocess.run(f"'{sys.executable}' -m letterpress check letters/one.yaml >&-",
                            shell=True, capture_output=True, text=True, env=env, check=False)
    assert closed.returncode == 0, closed.stderr
    profile = tmp_path / "build.prof"
    profiled = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m",
                               "letterpress", "build", "letters/one.yaml", "-f", "txt"],
                              capture_output=True, text=True, env=env, check=False)
    assert profiled.returncode == 0, profiled.stderr
    assert profile.stat().st_size > 10_000


def test_pdf_process_ends_when_the_build_is_killed(project: Path, tmp_path: Path) -> None:
    """SIGKILL skips every clean-up of the parent; the kernel then tells the PDF process
    (PR_SET_PDEATHSIG), which stops rendering at once and removes its temporary fonts.
    Without it the child rendered on for the rest of the letter (here ~20 s)."""
    import time

    scratch, env = _long_letter_and_scratch(project, tmp_path, 20_000)
    with _rendering(env, 5, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL) as (build, children):
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.time() + 10
        while any(Path(f"/proc/{pid}").exists() for pid in children) and time.time() < deadline:
            time.sleep(0.1)
        assert not any(Path(f"/proc/{pid}").exists() for pid in children)
        assert list(scratch.iterdir()) == []


def test_a_reader_gone_away_is_quiet(project: Path) -> None:
    """`letterpress layouts | head -1`: the pipe closes before letterpress writes; no
    traceback, no message about it."""
    process = subprocess.Popen([sys.executable, "-m", "letterpress", "layouts"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # long before the interpreter has started
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1 and errors == ""


def test_jobs_must_be_at_least_one() -> None:
    result = runner.invoke(app, ["build", "-j", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_one_signatory_is_singular(tmp_path: Path) -> None:
    letter = tmp_path / "l.yaml"
    letter.write_text("title: t\nsignatories:\n  members: [A]\n")
    result = runner.invoke(app, ["build", str(letter), "-o", str(tmp_path / "o"), "-f", "txt"])
    assert result.exit_code == 0 and "(1 signatory)" in result.output, result.output
