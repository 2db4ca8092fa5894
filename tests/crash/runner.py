"""Crash runs: break a write on purpose, then look at the journal from outside.

Each part writes through the real command line with a fault (`faults.py`), or kills a real
process at a random moment, and then judges the journal: every acknowledged event is there, no
part of a write counts without the rest, `check` names whatever the write left as an
interrupted write's, `govinfo repair` leaves a journal without problems and with the same
figures, and the next write works. `bench/harness.py` prints the figures of many runs;
`test_crash.py` runs a few of each.
"""

from __future__ import annotations

import contextlib
import io
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from ulid import ULID

from govinfo_tui import cli, i18n
from govinfo_tui.core import journal

from .faults import Fault, Outcome, run_child


@dataclass
class Figures:
    """One row of the table; every column but `runs` should read 0."""

    part: str
    runs: int = 0
    interrupted: int = 0  # runs whose write left remains (the faults did bite)
    tracebacks: int = 0
    hangs: int = 0
    lost: int = 0  # acknowledged events missing afterwards
    partial: int = 0  # writes of which some events count and others do not
    unnamed: int = 0  # runs whose remains `check` does not name as an interrupted write's
    unclean: int = 0  # runs after which `govinfo repair` left a problem or changed a figure
    next_failed: int = 0  # runs after which the next write failed
    unclear: int = 0  # failed writes whose error names no journal file, or that left bytes behind
    failures: list[str] = field(default_factory=list)  # what went wrong, to reproduce it

    def clean(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in INFORMATIVE)

    def row(self, seconds: float) -> dict[str, object]:
        """The figures under the harness's column names (a run is an input tried)."""
        return (
            {"part": f"crash: {self.part}", "inputs tried": self.runs}
            | {title: getattr(self, name) for name, title in COLUMNS}
            | {"seconds": round(seconds, 1)}
        )


INFORMATIVE = ("part", "runs", "interrupted", "failures")
COLUMNS = (  # attribute, column: the harness's where the fuzz part has the same figure
    ("tracebacks", "tracebacks"),
    ("hangs", "hangs"),
    ("partial", "partial writes"),
    ("interrupted", "writes that left remains"),
    ("lost", "acknowledged events lost"),
    ("unnamed", "remains not named by check"),
    ("unclean", "unclean after repair"),
    ("next_failed", "next write failed"),
    ("unclear", "errors unclear or untrue"),
)


# --- quiet in-process command line ---------------------------------------------------------


def govinfo(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


# --- the journal the writes go to ----------------------------------------------------------


@dataclass
class Base:
    """A small journal (the review's setup) and what the writes need from it."""

    root: Path
    item: str  # submitted, not adopted
    score: str  # an adoption's score, to override in another month
    files: dict[str, bytes]  # relative path -> bytes


def make_base(folder: Path) -> Base:
    root = folder / "base"
    rules = folder / "rules.json"
    rules.write_text(
        '{"ruleset":"R2011","effective":"2011-01-01","adoption":[{"channel":"kb","points":2}],'
        '"comment":[{"level":"province","points":10}]}',
        encoding="utf-8",
    )
    j = ("--journal", str(root), "--by", "harness")
    steps = [
        ("init", str(root)),
        (*j, "register", "unit", "gx", "高县", "--kind", "county", "--date", "2011-01-01"),
        (*j, "register", "unit", "wj", "文江镇", "--kind", "township", "--parent", "gx", "--date", "2011-01-01"),
        (*j, "register", "person", "p01", "张三", "--unit", "wj", "--date", "2011-01-01"),
        (*j, "register", "channel", "kb", "政务信息快报", "--level", "city", "--date", "2011-01-01"),
        (*j, "register", "rules", str(rules), "--date", "2011-01-01"),
        (*j, "register", "target", "--year", "2011", "--unit", "gx", "--points", "100", "--date", "2011-01-01"),
    ]
    for argv in steps:
        code, _out, err = govinfo(*argv)
        assert code == 0, err
    _, out, _ = govinfo(*j, "submit", "基线信息", "--unit", "wj", "--author", "p01", "--date", "2011-03-02")
    adopted = out.split()[3]
    _, out, _ = govinfo(*j, "adopt", adopted, "--channel", "kb", "--date", "2011-03-10")
    score = next(line.split()[1] for line in out.splitlines() if line.startswith("scored"))
    _, out, _ = govinfo(*j, "submit", "待采用信息", "--unit", "wj", "--author", "p01", "--date", "2011-04-02")
    item = out.split()[3]
    return Base(root, item, score, snapshot(root))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in journal.journal_files(root)}


# --- the writes ----------------------------------------------------------------------------


def import_lines(rng: random.Random, big: bool) -> tuple[bytes, list[str]]:
    """A multi-month import: a registry line and one item in each month of 2012 (the review's
    F1 case), with long texts when `big` so that one `write` spans many pages."""
    ids = [str(ULID()) for _ in range(13)]
    code = f"u{rng.randrange(10**6)}"
    lines = [
        f'{{"type":"unit_registered","unit":"{code}","name":"新单位","kind":"department","parent":"gx",'
        f'"id":"{ids[0]}","at":"2012-01-01T09:00:00+08:00"}}'
    ]
    for month in range(1, 13):
        text = "长" * (rng.randrange(50_000, 400_000) if big else 10)
        lines.append(
            f'{{"type":"item_submitted","item":"12{month:02d}-{rng.randrange(10**6):06d}","title":"导入{month}",'
            f'"unit":"wj","text":"{text}","id":"{ids[month]}","at":"2012-{month:02d}-05T09:00:00+08:00"}}'
        )
    return "\n".join(lines).encode() + b"\n", ids


def writes(base: Base, folder: Path, rng: random.Random) -> dict[str, list[str]]:
    """The writes a run picks from, as command lines: one line, one long line, two lines in one
    file, two lines in two months (an override), thirteen lines in thirteen files."""
    small, _ = import_lines(rng, big=False)
    big, _ = import_lines(rng, big=True)
    (folder / "small.jsonl").write_bytes(small)
    (folder / "big.jsonl").write_bytes(big)
    long_text = "很长的正文" * 60_000
    return {
        "submit": ["submit", "一条信息", "--unit", "wj", "--author", "p01", "--date", "2011-05-06"],
        "submit-long": ["submit", "长信息", "--unit", "wj", "--text", long_text, "--date", "2011-05-07"],
        "adopt": ["adopt", base.item, "--channel", "kb", "--date", "2011-04-20"],
        "override": ["score", "--replaces", base.score, "--points", "5", "--reason", "改分", "--date", "2011-09-01"],
        "import": ["append", str(folder / "small.jsonl")],
        "import-big": ["append", str(folder / "big.jsonl")],
    }


# --- judging one run -----------------------------------------------------------------------


def judge(figures: Figures, base: Base, root: Path, outcome: Outcome, label: str, *, expect_success: bool) -> None:
    """Check the journal after one faulty write and add what went wrong to `figures`."""
    figures.runs += 1

    def fail(column: str, what: str) -> None:
        setattr(figures, column, getattr(figures, column) + 1)
        figures.failures.append(f"{label}: {what}")

    if outcome.code is None:
        fail("hangs", "the writer hung")
        return
    if "Traceback" in outcome.stderr:
        fail("tracebacks", outcome.stderr.strip().splitlines()[-1])
    if outcome.code not in (0, 2, -signal.SIGKILL):
        fail("tracebacks", f"exit status {outcome.code}")
    if outcome.code == 2 and ".jsonl" not in outcome.stderr and "/.lock" not in outcome.stderr:
        fail("unclear", outcome.stderr.strip())
    if outcome.code == 2 and "nothing was written" in outcome.stderr and snapshot(root) != base.files:
        fail("unclear", f"says nothing was written, but the files changed: {outcome.stderr.strip()}")
    if expect_success and outcome.code != 0:
        fail("lost", f"the write failed: {outcome.stderr.strip()}")
    before = {ev.id for ev in journal.load_sources(prefixed(root, base.files)).events}
    loaded = journal.load(root)
    ids = {ev.id for ev in loaded.events}
    new = ids - before
    planned = set(outcome.planned)
    if outcome.acknowledged and planned - ids:
        fail("lost", f"{len(planned - ids)} of {len(planned)} acknowledged events are missing")
    if (new and new != planned) or (before - ids):
        fail("partial", f"{len(new & planned)} of {len(planned)} events count")
    files = snapshot(root)
    dirty = [
        name
        for name, data in files.items()
        if data.strip() != base.files.get(name, b"").strip() and not (new and new == planned)
    ]
    if dirty:
        figures.interrupted += 1
        code, out, _ = govinfo("--journal", str(root), "check")
        named = [name for name in dirty if f"{name}:" in out and _names_remains(_lines_about(out, name))]
        if code != 1 or len(named) != len(dirty):
            fail("unnamed", f"check does not name {sorted(set(dirty) - set(named))}: {out.strip()[-300:]}")
    code, out, err = govinfo("--journal", str(root), "repair")
    after = journal.load(root)
    left = [p for p in after.problems if p.reason != WHOLE_WITHOUT_NEWLINE]
    if code != 0 or left or {ev.id for ev in after.events} != ids:
        fail("unclean", f"repair: {code} {err.strip()} {[str(p) for p in left][:2]}")
    code, out, err = govinfo(
        "--journal", str(root), "--by", "next", "submit", "下一条", "--unit", "wj", "--date", "2011-06-01"
    )
    check_code, check_out, _ = govinfo("--journal", str(root), "check")
    if code != 0 or (check_code != 0 and not _only_whole_lines(check_out)):
        fail("next_failed", f"{err.strip()} {check_out.strip()[-200:]}")


def prefixed(root: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    return {str(root / name): data for name, data in files.items()}


# A single line cut just before its newline leaves a whole event: a write that is all there
# but was never acknowledged. `check` says so and that a newline makes it count; repair leaves
# it, since an editor can leave a line so too.
WHOLE_WITHOUT_NEWLINE = i18n.t("journal.line.no_newline")


def _names_remains(lines: str) -> bool:
    return "interrupted write" in lines or WHOLE_WITHOUT_NEWLINE in lines


def _only_whole_lines(check_out: str) -> bool:
    """Whether every problem `check` printed is a whole event without its newline."""
    summary = check_out.strip().splitlines()[-1]  # "11 events, 3 items, 1 problem"
    return int(summary.split(", ")[-1].split()[0]) == check_out.count(WHOLE_WITHOUT_NEWLINE)


def _lines_about(out: str, name: str) -> str:
    return "\n".join(line for line in out.splitlines() if f"{name}:" in line)


# --- the parts -----------------------------------------------------------------------------


@contextlib.contextmanager
def workspace() -> Iterator[tuple[Path, Base]]:
    with tempfile.TemporaryDirectory(prefix="govinfo-harness-") as tmp:
        folder = Path(tmp)
        with contextlib.redirect_stdout(io.StringIO()):
            base = make_base(folder)
        yield folder, base


def measured(base: Base, folder: Path, argv: list[str]) -> tuple[int, int]:
    """Bytes and calls a write makes when nothing goes wrong (on a copy of the base)."""
    root = fresh(base, folder)
    outcome = run_child(["--journal", str(root), *argv], None, folder)
    assert outcome.code == 0, outcome.stderr
    return outcome.tally


def fresh(base: Base, folder: Path) -> Path:
    root = folder / "run"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(base.root, root)
    return root


def faulty_part(name: str, runs: int, seed: int, pick: Callable[[random.Random, int, int], Fault]) -> Figures:
    """`runs` writes, each of a randomly chosen kind with a fault from `pick(rng, bytes, calls)`."""
    rng = random.Random(seed)
    figures = Figures(name)
    with workspace() as (folder, base):
        choices = writes(base, folder, rng)
        sizes = {kind: measured(base, folder, argv) for kind, argv in choices.items()}
        for n in range(runs):
            kind = rng.choice(sorted(choices))
            fault = pick(rng, *sizes[kind])
            root = fresh(base, folder)
            outcome = run_child(["--journal", str(root), *choices[kind]], fault, folder)
            label = f"{name} run {n} (seed {seed}): {kind} {fault}"
            judge(figures, base, root, outcome, label, expect_success=fault.kind == "short")
    return figures


def part_kill(runs: int = 300, seed: int = 1) -> Figures:
    """The writer is killed (SIGKILL) at a random byte of its write (now and then its first or
    its last, the newline), or at a random one of its write, fsync and rename calls (between
    two files, between a write and its fsync)."""

    def pick(rng: random.Random, size: int, calls: int) -> Fault:
        draw = rng.random()
        if draw < 0.1:
            return Fault("kill", at=rng.choice((1, size - 1)))
        if draw < 0.5:
            return Fault("kill", at=rng.randrange(size + 1))
        return Fault("kill", call=rng.randrange(calls + 1))

    return faulty_part("kill -9 inside the write", runs, seed, pick)


def part_disk_full(runs: int = 200, seed: int = 2) -> Figures:
    """The disk fills up at a random byte of the write: `write` stops short, then fails."""
    return faulty_part(
        "disk full at byte N", runs, seed, lambda rng, size, _calls: Fault("enospc", at=rng.randrange(size))
    )


def part_short_writes(runs: int = 100, seed: int = 3) -> Figures:
    """Every `write` puts down at most a few bytes (as after a signal): the write must still complete."""

    def pick(rng: random.Random, size: int, _calls: int) -> Fault:
        return Fault("short", at=rng.randrange(max(1, size // 40), max(2, size // 2)))

    return faulty_part("short writes", runs, seed, pick)


def part_repair_killed(runs: int = 100, seed: int = 4) -> Figures:
    """`govinfo repair` itself is killed at a random write, fsync or rename; the journal must
    stay readable with the same figures, and a second repair must finish the job."""
    rng = random.Random(seed)
    figures = Figures("kill -9 inside repair")
    with workspace() as (folder, base):
        choices = writes(base, folder, rng)
        sizes = {kind: measured(base, folder, argv) for kind, argv in choices.items()}
        for n in range(runs):
            kind = rng.choice(["import", "import-big", "override", "adopt"])
            root = fresh(base, folder)
            run_child(
                ["--journal", str(root), *choices[kind]], Fault("kill", call=rng.randrange(sizes[kind][1])), folder
            )
            counted = {ev.id for ev in journal.load(root).events}
            twin = folder / "twin"  # the same remains, repaired without a fault to count its calls
            shutil.rmtree(twin, ignore_errors=True)
            shutil.copytree(root, twin)
            calls = run_child(["--journal", str(twin), "repair"], None, folder).tally[1]
            fault = Fault("kill", call=rng.randrange(calls + 1))
            outcome = run_child(["--journal", str(root), "repair"], fault, folder)
            label = f"repair run {n} (seed {seed}): {kind}, repair {fault}"
            figures.runs += 1
            if outcome.code is None:
                figures.hangs += 1
                figures.failures.append(f"{label}: hung")
                continue
            if "Traceback" in outcome.stderr:
                figures.tracebacks += 1
                figures.failures.append(f"{label}: {outcome.stderr.strip().splitlines()[-1]}")
            if journal.load(root).problems:
                figures.interrupted += 1  # the killed repair had not finished
            if {ev.id for ev in journal.load(root).events} != counted:
                figures.partial += 1
                figures.failures.append(f"{label}: the killed repair changed what counts")
            code, _out, err = govinfo("--journal", str(root), "repair")
            after = journal.load(root)
            if code != 0 or after.problems or {ev.id for ev in after.events} != counted:
                figures.unclean += 1
                figures.failures.append(f"{label}: the second repair: {err.strip()} {after.problems[:1]}")
    return figures


def part_real_kill(runs: int = 40, seed: int = 5) -> Figures:
    """A real `govinfo append` of a big thirteen-file import, killed with kill -9 from outside:
    in odd runs after a random 0.05-1.5 s, in even runs the moment the registry grows (the
    review's two methods), so that kills land between files and inside long writes."""
    rng = random.Random(seed)
    figures = Figures("kill -9 from outside (real processes)")
    with workspace() as (folder, base):
        registry = len(base.files[journal.REGISTRY_NAME])
        for n in range(runs):
            data, ids = import_lines(rng, big=True)
            source = folder / "import.jsonl"
            source.write_bytes(data)
            root = fresh(base, folder)
            cmd = [sys.executable, "-m", "govinfo_tui", "--journal", str(root), "--by", "harness"]
            proc = subprocess.Popen([*cmd, "append", str(source)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if n % 2:
                when = f"after {rng.uniform(0.05, 1.5):.2f} s"
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=float(when.split()[1]))
            else:
                when = "once the registry grew"
                while proc.poll() is None and (root / journal.REGISTRY_NAME).stat().st_size == registry:
                    time.sleep(0.0002)
            proc.kill()
            _out, err = proc.communicate()
            outcome = Outcome(proc.returncode, err.decode(errors="replace"), ids, proc.returncode == 0, (0, 0))
            judge(figures, base, root, outcome, f"real kill run {n} (seed {seed}) {when}", expect_success=False)
    return figures


PARTS: dict[str, Callable[..., Figures]] = {
    "kill": part_kill,
    "disk-full": part_disk_full,
    "short-writes": part_short_writes,
    "repair-killed": part_repair_killed,
    "real-kill": part_real_kill,
}
