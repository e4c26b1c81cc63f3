"""A smoke run of the benchmark harness (bench/run.py --quick): it runs and prints its table.

No timing is asserted: timings belong to `make bench`, not to tests.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_prints_the_table() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    assert "| case | runs | median s | min s | peak MB | target | result |" in out
    for case in ("seed letter (25 signatories), PDF + DOCX", "`letterpress --help`",
                 "100 signatories, 3 columns: PDF", "100 signatories, 3 columns: DOCX",
                 "3 letters in one `build`", "no-op rebuild of 4 letters",
                 "rebuild of 4 letters after one `sign`", "pandoc, seed letter: md → DOCX"):
        assert f"| {case}" in out, case
    assert "| ratio, measured side by side | value |" in out
    if importlib.util.find_spec("pypandoc") is None:
        assert "skipped: pypandoc-binary is not installed" in out
    assert "targets met:" in out


def test_generator_is_deterministic() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    first = generate.to_yaml(generate.letter(300, seed=3))
    assert first == generate.to_yaml(generate.letter(300, seed=3))
    assert first != generate.to_yaml(generate.letter(300, seed=4))
    data = generate.letter(2000, seed=3)
    assert generate.count_members(data) == 2000
    names = [m if isinstance(m, str) else m["name"]
             for g in data["signatories"]["groups"] for m in g["members"]]
    arabic = sum(1 for n in names if any("\u0600" <= c <= "\u06ff" for c in n))
    assert 0.15 < arabic / len(names) < 0.25
    assert len({generate._loose(n) for n in names}) == len(names)  # no likely duplicates
    markdown = generate.to_markdown(data)
    assert "2000. " in markdown and "::: {.signatories}" in markdown


def test_phases_times_every_stage_of_a_build(tmp_path: Path) -> None:
    """bench/phases.py finds each stage by name: a stage renamed in the code would drop out
    of its table without a word."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
        import phases
    finally:
        sys.path.remove(str(ROOT / "bench"))
    letter = tmp_path / "big.yaml"
    letter.write_text(generate.to_yaml(generate.letter(200, seed=5)), encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "phases.py"), str(letter),
                          "--format", "docx,txt", "-o", str(tmp_path / "out"), "-q"],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "out" / "big.docx").is_file()
    printed = [line.rsplit("  ", 1)[0].strip() for line in run.stderr.splitlines()
               if line.endswith(" ms")]
    expected = [stage.strip() for _, _, stage in phases.STAGES if "HTML" not in stage]
    assert [stage for stage in printed if stage in expected] == expected, printed
    assert printed[0].startswith("start-up") and printed[-1].startswith("whole process")
