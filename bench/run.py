"""The benchmark of issue 6: letterpress at every size, side by side with pandoc.

    python3 bench/run.py                    # the full run (about 10 minutes on 2 cores)
    python3 bench/run.py --quick            # tiny sizes, one run each: a smoke test
    python3 bench/run.py --sizes 1000,10000 --runs 3

Every case is a whole process started from scratch (``letterpress build ...`` as a
subprocess), timed with a monotonic clock; its peak memory is the largest resident set of the
process and the children it waited for, as GNU time's ``%M`` reports it (``wait4`` of the
process where /usr/bin/time is missing). A case's time is the median over its runs. The
letters are generated deterministically (bench/generate.py) in a temporary folder; nothing is
written into the repository. pandoc's runs on the same content alternate with ours, run for
run, so that a ratio compares runs taken seconds apart (this machine's speed drifts by 10-30 %
over minutes). The output is a Markdown table, then the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import generate

# Targets from issue 6, on this 2-core machine.
TARGET_SEED_S = 0.8
TARGET_PDF_S = {10_000: 12.0, 50_000: 90.0}
TARGET_DOCX_S = {10_000: 0.3}
TARGET_PEAK_MB = {10_000: 500.0, 50_000: 1536.0}
TARGET_BATCH_S = 3.5
TARGET_NOOP_S = 0.5
TARGET_HELP_S = 0.3

LAYOUTS = ("letter", "statement", "press-release")
SEED_SIZE = 25


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    """One line of the table: a case, its runs, and the target it is held to."""

    case: str
    samples: list[Sample] = field(default_factory=list)
    target_s: float | None = None
    target_mb: float | None = None
    skipped: str = ""  # why the case did not run

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak(self) -> float:
        return max(s.peak_mb for s in self.samples)

    @property
    def met(self) -> bool | None:
        if self.skipped or (self.target_s is None and self.target_mb is None):
            return None
        return ((self.target_s is None or self.median <= self.target_s)
                and (self.target_mb is None or self.peak <= self.target_mb))

    def target(self) -> str:
        parts = []
        if self.target_s is not None:
            parts.append(f"≤ {self.target_s:g} s")
        if self.target_mb is not None:
            parts.append(f"≤ {self.target_mb:g} MB")
        return ", ".join(parts)

    def cells(self) -> list[str]:
        if self.skipped:
            return [self.case, "0", "", "", "", self.target(), f"skipped: {self.skipped}"]
        result = {None: "", True: "met", False: "**not met**"}[self.met]
        return [self.case, str(len(self.samples)), f"{self.median:.2f}",
                f"{min(s.seconds for s in self.samples):.2f}", f"{self.peak:.0f}",
                self.target(), result]


@dataclass
class Job:
    proc: subprocess.Popen[bytes]
    argv: Sequence[str]
    log: Path
    peak: Path | None  # where GNU time writes the peak, in KB


class BenchError(RuntimeError):
    """A measured command failed: the benchmark would be meaningless."""


class Runner:
    """Starts commands in the work folder and measures them."""

    def __init__(self, work: Path, verbose: bool) -> None:
        self.work = work
        self.verbose = verbose
        self.log = work / "last-command.log"
        bindir = str(Path(sys.executable).parent)
        # The interpreter's own scripts first: letterpress, and the weasyprint pandoc calls.
        self.env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
        # As on a user's machine, Python may cache bytecode (some sandboxes turn this off).
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.gnu_time = gnu_time(work)
        script = Path(sys.executable).parent / "letterpress"
        self.letterpress = [str(script)] if script.exists() else [sys.executable, "-m",
                                                                   "letterpress"]

    def start(self, argv: Sequence[str], cwd: Path, log: Path) -> Job:
        peak = log.with_suffix(".peak") if self.gnu_time else None
        wrapped = list(argv)
        if self.gnu_time and peak:
            wrapped = [self.gnu_time, "-f", "%M", "-o", str(peak), *argv]
        with log.open("wb") as out:
            proc = subprocess.Popen(wrapped, cwd=cwd, env=self.env, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT)
        return Job(proc, argv, log, peak)

    def finish(self, job: Job, status: int, usage: resource.struct_rusage) -> float:
        """Peak memory in MB; a failed command stops the benchmark."""
        job.proc.returncode = os.waitstatus_to_exitcode(status)
        if job.proc.returncode != 0:
            raise BenchError(f"{' '.join(job.argv)} exited {job.proc.returncode}:\n"
                             f"{job.log.read_text(errors='replace')[-3000:]}")
        if job.peak is None:
            return usage.ru_maxrss / 1024
        return int(job.peak.read_text().split()[-1]) / 1024

    def once(self, argv: Sequence[str], cwd: Path | None = None) -> Sample:
        """One whole process: wall time, and its peak resident memory."""
        begin = time.perf_counter()
        job = self.start(argv, cwd or self.work, self.log)
        _, status, usage = os.wait4(job.proc.pid, 0)
        seconds = time.perf_counter() - begin
        return Sample(seconds, self.finish(job, status, usage))

    def many(self, commands: Sequence[Sequence[str]], jobs: int, cwd: Path) -> Sample:
        """Several processes, ``jobs`` at a time: total wall time, largest peak."""
        begin = time.perf_counter()
        pending = list(commands)
        running: dict[int, Job] = {}
        peak = 0.0
        while pending or running:
            while pending and len(running) < jobs:
                job = self.start(pending.pop(0), cwd, self.work / f"job-{len(pending)}.log")
                running[job.proc.pid] = job
            pid, status, usage = os.wait4(-1, 0)
            if pid in running:
                peak = max(peak, self.finish(running.pop(pid), status, usage))
        return Sample(time.perf_counter() - begin, peak)

    def output(self) -> str:
        """What the last command of :meth:`once` printed."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alternate(self, cases: Sequence[tuple[Row, Callable[[], Sample]]], runs: int,
                  budget: float = 120.0) -> None:
        """``runs`` rounds taking one sample of each case in turn (each round starting with
        the next case), fewer when the rounds would take more than ``budget`` seconds: a
        ratio between them compares runs taken seconds apart, not minutes (the machine's
        speed drifts)."""
        spent = 0.0
        for turn in range(max(1, runs)):
            took = 0.0
            first = turn % len(cases)
            for row, action in [*cases[first:], *cases[:first]]:
                if row.skipped:
                    continue
                sample = action()
                row.samples.append(sample)
                took += sample.seconds
                if self.verbose:
                    print(f"  {row.case}: {sample.seconds:.2f} s, {sample.peak_mb:.0f} MB",
                          file=sys.stderr, flush=True)
            spent += took
            if spent + took > budget:
                break

    def measure(self, row: Row, runs: int, action: Callable[[], Sample],
                budget: float = 120.0) -> Row:
        """``runs`` samples, fewer when a case would take more than ``budget`` seconds."""
        self.alternate([(row, action)], runs, budget)
        return row


def gnu_time(work: Path) -> str | None:
    """GNU time, if present: it measures a child's peak memory from a small process of its
    own. A child forked straight from this (larger) Python process would report at least
    the harness's own size, since Linux carries the peak across fork and exec."""
    path = Path("/usr/bin/time")
    if not path.exists():
        return None
    probe = work / "probe.peak"
    done = subprocess.run([str(path), "-f", "%M", "-o", str(probe), "true"],
                          capture_output=True, check=False)
    return str(path) if done.returncode == 0 and probe.exists() else None


@dataclass
class Options:
    sizes: list[int]
    runs: int  # for cases that take a second or so; slow cases run fewer times
    batch: int
    noop: int
    pandoc: bool
    pandoc_columns: bool
    verbose: bool


def write_letter(path: Path, count: int, seed: int, layout: str = "letter") -> generate.Letter:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = generate.letter(count, seed, layout)
    path.write_text(generate.to_yaml(data), encoding="utf-8")
    return data


def pandoc_tools() -> tuple[str | None, str]:
    """(pandoc's path, why not) from the pypandoc-binary package."""
    try:
        import pypandoc
    except ImportError:
        return None, "pypandoc-binary is not installed (pip install -e '.[bench]')"
    try:
        return str(pypandoc.get_pandoc_path()), ""
    except OSError as exc:
        return None, f"pypandoc found no pandoc ({exc})"


def runs_for(count: int, runs: int) -> int:
    """Fewer runs as letters grow: 50,000 signatories take minutes."""
    if count > 20_000:
        return 1
    if count > 2_000:
        return min(runs, 3)
    return runs


class Bench:
    """The six parts of issue 6's benchmark, each adding rows and ratios."""

    def __init__(self, opts: Options, work: Path) -> None:
        self.opts = opts
        self.work = work
        self.r = Runner(work, opts.verbose)
        self.lp = self.r.letterpress
        self.rows: list[Row] = []
        self.ratios: list[tuple[str, str]] = []
        self.seed: Row = Row("")
        self.seed_data: generate.Letter = {}
        self.big: dict[int, dict[str, Row]] = {}
        self.letters: dict[int, generate.Letter] = {}
        self.theirs: list[Row] = []  # pandoc's rows, printed after ours
        self.pandoc, self.no_pandoc = pandoc_tools() if opts.pandoc else (None, "--no-pandoc")
        self.no_pdf_engine = "" if shutil.which("weasyprint", path=self.r.env["PATH"]) \
            else "no weasyprint command for pandoc's PDF"

    def step(self, text: str) -> None:
        if self.opts.verbose:
            print(text, file=sys.stderr, flush=True)

    def run(self) -> None:
        self.warm_up()
        self.seed_letter()
        self.start_up()
        for count in self.opts.sizes:
            self.large(count)
        self.batch()
        self.rebuilds()
        self.rows += self.theirs
        self.per_signatory()

    def warm_up(self) -> None:
        """One untimed build, so that every run finds Python's bytecode caches written."""
        self.seed_data = write_letter(self.work / "letters" / "seed.yaml", SEED_SIZE, 1)
        self.r.once([*self.lp, "build", "letters/seed.yaml", "-o", "warm-up", "-f",
                     "pdf,docx,html,txt"])

    def seed_letter(self) -> None:
        """1. The seed-size letter, PDF + DOCX, a whole process each time."""
        self.step("seed letter")
        r, runs = self.r, self.opts.runs
        build = [*self.lp, "build", "letters/seed.yaml", "-o", "output", "--force", "-f"]
        self.seed = Row(f"seed letter ({SEED_SIZE} signatories), PDF + DOCX",
                        target_s=TARGET_SEED_S)
        pdf, docx = self.theirs_for("seed letter", self.seed_data, runs)
        r.alternate([(self.seed, functools.partial(r.once, [*build, "pdf,docx"])), pdf, docx],
                    runs)
        self.ratio("letterpress / pandoc, seed letter, PDF + DOCX (one process / two)",
                   self.seed, [pdf[0], docx[0]])
        self.rows += [self.seed,
                      r.measure(Row("seed letter, PDF only"), runs,
                                functools.partial(r.once, [*build, "pdf"])),
                      r.measure(Row("seed letter, DOCX only"), runs,
                                functools.partial(r.once, [*build, "docx"]))]

    def start_up(self) -> None:
        """5. Start-up: the help, and validating the seed letter."""
        self.step("start-up")
        r, runs = self.r, self.opts.runs
        self.rows.append(r.measure(Row("`letterpress --help`", target_s=TARGET_HELP_S), runs,
                                   functools.partial(r.once, [*self.lp, "--help"])))
        self.rows.append(r.measure(Row("`letterpress check` (seed letter)"), runs,
                                   functools.partial(r.once,
                                                     [*self.lp, "check", "letters/seed.yaml"])))

    def large(self, count: int) -> None:
        """2. A large letter in three columns: validation alone, PDF, DOCX."""
        self.step(f"{count} signatories")
        r = self.r
        name = f"letters/big-{count}.yaml"
        self.letters[count] = write_letter(self.work / name, count, 2)
        build = [*self.lp, "build", name, "-o", "output", "--force", "-f"]
        n = runs_for(count, self.opts.runs)
        peak = TARGET_PEAK_MB.get(count)
        rows = {
            "check": r.measure(Row(f"{count:,} signatories: `check` (load, validate, view)"),
                               min(n, 3), functools.partial(r.once, [*self.lp, "check", name])),
            "pdf": Row(f"{count:,} signatories, 3 columns: PDF",
                       target_s=TARGET_PDF_S.get(count), target_mb=peak),
            "docx": Row(f"{count:,} signatories, 3 columns: DOCX",
                        target_s=TARGET_DOCX_S.get(count), target_mb=peak),
            "floor": r.measure(
                Row(f"{count:,} signatories: the stack's floor (start, import Typer, pydantic, "
                    "python-docx, PyYAML; parse the YAML)"), min(n, 5),
                functools.partial(r.once, [sys.executable, str(Path(__file__).with_name(
                    "floor.py")), name])),
        }
        docx_runs = min(self.opts.runs, 3) if count > 20_000 else self.opts.runs
        ours = {fmt: (rows[fmt], functools.partial(r.once, [*build, fmt]))
                for fmt in ("pdf", "docx")}
        if count <= 10_000:  # pandoc beside ours, run for run
            pdf, docx = self.theirs_for(f"{count:,} signatories", self.letters[count], n)
            r.alternate([ours["pdf"], pdf], n, budget=360)
            r.alternate([ours["docx"], docx], docx_runs)
            for fmt, theirs in (("pdf", pdf), ("docx", docx)):
                self.ratio(f"letterpress / pandoc, {count:,} signatories, {fmt.upper()}",
                           rows[fmt], [theirs[0]])
        else:
            r.measure(rows["pdf"], n, ours["pdf"][1], budget=180)
            r.measure(rows["docx"], docx_runs, ours["docx"][1])
        self.big[count] = rows
        self.rows += rows.values()

    def batch(self) -> None:
        """3. A batch of different letters: one build, versus one process per letter."""
        self.step("batch")
        r, runs, size = self.r, self.opts.runs, self.opts.batch
        folder = self.work / "batch"
        for i in range(size):
            write_letter(folder / "letters" / f"letter-{i:02d}.yaml", SEED_SIZE, 100 + i,
                         LAYOUTS[i % len(LAYOUTS)])
        one = r.measure(Row(f"{size} letters in one `build` (PDF + DOCX)",
                            target_s=TARGET_BATCH_S if size == 20 else None), runs,
                        functools.partial(r.once, [*self.lp, "build", "letters", "-o", "output",
                                                   "--force"], folder), budget=60)
        each = [[*self.lp, "build", f"letters/letter-{i:02d}.yaml", "-o", "output", "--force"]
                for i in range(size)]
        serial = r.measure(Row(f"{size} letters, {size} processes one after another"),
                           min(runs, 3), functools.partial(r.many, each, 1, folder), budget=90)
        pair = r.measure(Row(f"{size} letters, {size} processes two at a time"),
                         min(runs, 3), functools.partial(r.many, each, 2, folder), budget=60)
        self.rows += [one, serial, pair]
        self.ratios.append((f"{size} separate processes one after another / one build",
                            f"{serial.median / one.median:.2f}"))
        self.ratios.append((f"one build / {size} processes two at a time",
                            f"{one.median / pair.median:.2f}"))

    def rebuilds(self) -> None:
        """4. No-op rebuild of many letters, then a rebuild after one `sign`."""
        self.step("no-op rebuild")
        r, runs, size = self.r, self.opts.runs, self.opts.noop
        folder = self.work / "noop"
        letters = [write_letter(folder / "letters" / f"letter-{i:02d}.yaml", SEED_SIZE, 200 + i,
                                LAYOUTS[i % len(LAYOUTS)]) for i in range(size)]
        rebuild = [*self.lp, "build", "letters", "-o", "output"]
        r.once(rebuild, folder)  # the first build, which the next ones skip

        def noop_build() -> Sample:
            sample = r.once(rebuild, folder)
            if "built " in r.output():
                raise BenchError(f"the no-op rebuild rebuilt something:\n{r.output()}")
            return sample

        self.rows.append(r.measure(Row(f"no-op rebuild of {size} letters",
                                       target_s=TARGET_NOOP_S if size == 50 else None),
                                   runs, noop_build))
        group = letters[1]["signatories"]["groups"][0]["name"]
        signs: list[Sample] = []

        def sign_then_build() -> Sample:
            signs.append(r.once([*self.lp, "sign", "letters/letter-01.yaml",
                                 f"Bench Signer {len(signs) + 1}", "--group", group,
                                 "--role", "Volunteer"], folder))
            sample = r.once(rebuild, folder)
            built = [line for line in r.output().splitlines() if line.startswith("built ")]
            if len(built) != 1:
                raise BenchError(f"expected one letter rebuilt after sign, got:\n{r.output()}")
            return sample

        after = r.measure(Row(f"rebuild of {size} letters after one `sign`"), runs,
                          sign_then_build)
        self.rows += [Row("`letterpress sign` (one name)", signs), after]
        self.rows.append(r.measure(Row(f"`letterpress check` ({size} letters)"), runs,
                                   functools.partial(r.once, [*self.lp, "check", "letters"],
                                                     folder)))

    def theirs_for(self, label: str, data: generate.Letter,
                   runs: int) -> tuple[tuple[Row, Callable[[], Sample]],
                                       tuple[Row, Callable[[], Sample]]]:
        """6. pandoc on the same content (Markdown from the same letter): its PDF and DOCX
        rows, each with the action that measures it once, to run beside ours."""
        r, opts = self.r, self.opts
        folder = self.work / "pandoc"
        folder.mkdir(parents=True, exist_ok=True)
        md = folder / f"{label.split(maxsplit=1)[0].replace(',', '')}.md"
        md.write_text(generate.to_markdown(data), encoding="utf-8")
        docx = Row(f"pandoc, {label}: md → DOCX")
        pdf = Row(f"pandoc, {label}: md → PDF (--pdf-engine=weasyprint"
                  f"{', 3 CSS columns' if opts.pandoc_columns else ''})")
        self.theirs += [docx, pdf]
        argv = [str(self.pandoc), str(md), "-o", str(md.with_suffix(".pdf")),
                "--pdf-engine=weasyprint"]
        if opts.pandoc_columns:
            header = folder / "columns.html"
            header.write_text(generate.PANDOC_HEADER, encoding="utf-8")
            argv += ["-H", str(header)]
        if self.pandoc is None:
            docx.skipped = pdf.skipped = self.no_pandoc
        pdf.skipped = pdf.skipped or self.no_pdf_engine
        return ((pdf, functools.partial(r.once, argv)),
                (docx, functools.partial(r.once, [str(self.pandoc), str(md), "-o",
                                                  str(md.with_suffix(".docx"))])))

    def ratio(self, name: str, ours: Row, theirs: list[Row]) -> None:
        """The median over rounds of ours / theirs (their times summed), each round's runs
        taken one after another; the medians' ratio if the rounds do not pair up."""
        skipped = next((t.skipped for t in theirs if t.skipped), "")
        if skipped:
            self.ratios.append((name, f"skipped ({skipped})"))
            return
        rounds = zip(ours.samples, *(t.samples for t in theirs), strict=False)
        paired = [mine.seconds / sum(s.seconds for s in others) for mine, *others in rounds]
        if len(paired) != len(ours.samples):
            paired = [ours.median / sum(t.median for t in theirs)]
        self.ratios.append((name, f"{statistics.median(paired):.2f}"))

    def per_signatory(self) -> None:
        """What each signatory beyond the smallest size adds."""
        sizes = self.opts.sizes
        if len(sizes) >= 2:
            lo, hi = sizes[0], sizes[-1]
            for fmt in ("pdf", "docx"):
                per = (self.big[hi][fmt].median - self.big[lo][fmt].median) / (hi - lo) * 1000
                self.ratios.append((f"{fmt.upper()} time per extra signatory "
                                    f"({lo:,} → {hi:,})", f"{per:.2f} ms"))


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((int(line.split()[1]) / 1024 / 1024
                   for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0.0)

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    pandoc, _ = pandoc_tools()
    pandoc_version = "not installed"
    if pandoc:
        out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
        pandoc_version = out.stdout.split("\n", 1)[0]
    return [
        f"date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine: {os.cpu_count()} cores ({cpu}), {memory:.1f} GiB memory, "
        f"{platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, letterpress {version('letterpress')}, "
        f"WeasyPrint {version('weasyprint')}, python-docx {version('python-docx')}, "
        f"{pandoc_version}",
    ]


def table(rows: list[Row], ratios: list[tuple[str, str]]) -> str:
    head = ["case", "runs", "median s", "min s", "peak MB", "target", "result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(
        ["---", "--:", "--:", "--:", "--:", "---", "---"]) + "|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    lines += ["", "| ratio, measured side by side | value |", "|---|--:|"]
    lines += [f"| {name} | {value} |" for name, value in ratios]
    judged = [row for row in rows if row.met is not None]
    met = sum(1 for row in judged if row.met)
    lines += ["", f"targets met: {met} of {len(judged)}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, one run each (a smoke test, seconds not minutes)")
    parser.add_argument("--sizes", help="signatory counts, e.g. 1000,10000 "
                        "(default 1000,10000,50000)")
    parser.add_argument("--runs", type=int, help="runs per fast case (default 5; slow cases "
                        "run 3 times, 50,000 signatories once)")
    parser.add_argument("--no-pandoc", action="store_true", help="skip the pandoc rows")
    parser.add_argument("--pandoc-columns", action="store_true",
                        help="give pandoc's PDF three CSS columns too (about twice as slow)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each run")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = ([int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
             if args.sizes else [100] if quick else [1_000, 10_000, 50_000])
    opts = Options(sorted(set(sizes)), args.runs or (1 if quick else 5), 3 if quick else 20,
                   4 if quick else 50, not args.no_pandoc, args.pandoc_columns, args.verbose)
    work = Path(tempfile.mkdtemp(prefix="letterpress-bench-"))
    begin = time.perf_counter()
    load = os.getloadavg()[0]
    bench = Bench(opts, work)
    try:
        bench.run()
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    header = [*machine(), f"load average (1 min) before: {load:.2f}, after: "
                          f"{os.getloadavg()[0]:.2f} (other work on the machine skews times)",
              "peak memory: GNU time %M (resident set of the process and its children)"
              if bench.r.gnu_time else
              f"peak memory: wait4 (no /usr/bin/time); it includes this harness's own {own:.0f} "
              "MB, so smaller values are not meaningful"]
    rows, ratios = bench.rows, bench.ratios
    print("\n".join(f"- {line}" for line in header))
    print(f"- whole benchmark: {time.perf_counter() - begin:.0f} s"
          f"{' (--quick: tiny sizes, one run; not a measurement)' if quick else ''}")
    print()
    print(table(rows, ratios))
    if args.json:
        args.json.write_text(json.dumps({
            "machine": header,
            "rows": [{"case": row.case, "seconds": [s.seconds for s in row.samples],
                      "peak_mb": [s.peak_mb for s in row.samples], "target": row.target(),
                      "met": row.met, "skipped": row.skipped} for row in rows],
            "ratios": dict(ratios)}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
