"""Benchmark: the command line at 100k and 1M events, every figure a ratio to a floor measured
in the same run.

Every figure is a whole fresh process, timed from outside (wall clock, and the kernel's account
of its cpu and peak memory), the median of `--runs` runs. A command and its floor run in turn
(A B A B ...), and the ratio is the median of the pairs' ratios, so it holds while the load
of a shared machine drifts. The rows:

* floor: the least a Python program can do: read every journal file, decode every line with
  msgspec into the event types, and tally a few figures of the year.
* cold: `govinfo report summary --no-cache` (decode, order, fold, summary, print).
* first: the same with the answers cache on and empty: the run that keeps the answer.
* warm: the same with the answer kept: every file is read and hashed, nothing decoded.
* --version, submit, adopt: a bare start, and two writes on the whole journal (ratio to --version).
* submit, the writers' index built: the first write after `.cache/writers-*` is removed.
* 4 writers: four processes submitting at once; the median latency each sees, as a ratio to
  one writer's alone (the worst of the four is shown); beside it the same for four bare starts
  (`--version`), the floor of any four processes crowding this machine's cores; then, printed
  below the table, the writes' ratio over that floor, and how long a write waits for the
  journal lock and holds it, alone and four at once.

    python bench/run.py                       # 100k and 1M events, 5 runs each
    python bench/run.py --sizes 100000 --runs 3
Journals are generated once (bench/generate.py) into --cache and reused; the writes add a few
events to them each time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

FLOOR = r"""
import gc, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import msgspec
from govinfo_tui.core.events import AnyEvent, ItemSubmitted, ItemAdopted, Scored
root, year = Path(sys.argv[1]), int(sys.argv[2])
decode = msgspec.json.Decoder(AnyEvent).decode_lines
gc.disable()
files = [root / "registry.jsonl", *sorted(root.glob("[0-9][0-9][0-9][0-9]/*.jsonl"))]
events = []  # kept, as any program that answers more than one question must
for path in files:
    data = path.read_bytes()
    events.extend(decode(data[: data.rfind(b"\n") + 1]))
submitted = adopted = 0
points = 0.0
for ev in events:
    if ev.at.year == year:
        kind = type(ev)
        if kind is ItemSubmitted:
            submitted += 1
        elif kind is ItemAdopted:
            adopted += 1
        elif kind is Scored:
            points += ev.points
print(len(events), submitted, adopted, round(points, 2))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int


def timed(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """One fresh process: wall clock, and cpu and peak RSS as the kernel accounted them."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


@dataclass
class Row:
    size: int
    what: str
    runs: list[Run] = field(default_factory=list)
    ratios_cpu: list[float] = field(default_factory=list)
    ratios_wall: list[float] = field(default_factory=list)
    versus: str = "floor"

    def cells(self) -> list[str]:
        med = statistics.median
        ratio = f"{med(self.ratios_cpu):.2f} / {med(self.ratios_wall):.2f}" if self.ratios_cpu else "—"  # cpu / wall
        codes = {r.code for r in self.runs}
        return [
            f"{self.size:,}",
            self.what,
            str(len(self.runs)),
            f"{med(r.wall for r in self.runs):.3f}",
            f"{med(r.cpu for r in self.runs):.3f}",
            f"{max(r.rss_mb for r in self.runs):.0f}",
            ratio,
            self.versus,
            ",".join(map(str, sorted(codes))),
        ]


def paired(size: int, what: str, a, b, runs: int, versus: str = "floor", before=None) -> tuple[Row, Row]:  # type: ignore[no-untyped-def]
    """A and B in turn; `before` runs untimed before each A (to empty a cache, say)."""
    row_a, row_b = Row(size, what, versus=versus), Row(size, versus, versus="")
    for _ in range(runs):
        if before:
            before()
        ra = a()
        rb = b()
        row_a.runs.append(ra)
        row_b.runs.append(rb)
        row_a.ratios_cpu.append(ra.cpu / rb.cpu)
        row_a.ratios_wall.append(ra.wall / rb.wall)
    return row_a, row_b


def govinfo(*args: str) -> list[str]:
    return [sys.executable, "-m", "govinfo_tui", *args]


def last_year(root: Path) -> int:
    return int(sorted(root.glob("[0-9][0-9][0-9][0-9]"))[-1].name)


def a_submitted_item(root: Path) -> tuple[str, str]:
    """The id and date of the last item submitted, for an adoption."""
    from govinfo_tui.core import journal
    from govinfo_tui.core.events import ItemSubmitted

    for path in reversed(journal.journal_files(root)):
        for line in reversed(path.read_bytes().splitlines()):
            if b'"item_submitted"' in line:
                ev = journal.decoder.decode(line)
                assert isinstance(ev, ItemSubmitted)
                return ev.item, ev.at.date().isoformat()
    raise SystemExit(f"no item in {root}")


def submit(root: Path, year: int, who: str = "bench") -> list[str]:
    return govinfo(
        "--journal", str(root), "--by", who, "submit", "基准测试信息", "--unit", "u01", "--author", "p001",
        "--channel", "kb", "--date", f"{year}-06-15",
    )  # fmt: skip


def adopt(root: Path) -> list[str]:
    item, day = a_submitted_item(root)
    issue = f"bench-{time.time_ns()}"  # a fresh issue: one adoption is one fact
    return govinfo("--journal", str(root), "--by", "bench", "adopt", item, "--channel", "kb", "--issue", issue,
                   "--date", day)  # fmt: skip


def writers_at_once(root: Path, year: int, writers: int, each: int, command=None) -> list[list[Run]]:  # type: ignore[no-untyped-def]
    """`writers` threads, each running `each` submits one after another; every run, by writer."""
    latencies: list[list[Run]] = [[] for _ in range(writers)]
    start = threading.Barrier(writers)
    command = command or submit

    def work(k: int) -> None:
        start.wait()
        for _ in range(each):
            latencies[k].append(timed(command(root, year, f"bench{k}")))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


# `govinfo` with the journal lock timed: how long each write waited for it and held it, one
# line per write appended to the file named first (the write itself is the same).
LOCK_TIMED = """
import contextlib, sys, time
from govinfo_tui.core import journal
real, out = journal.locked, sys.argv[1]
@contextlib.contextmanager
def locked(*args, **kwargs):
    asked = time.perf_counter()
    with real(*args, **kwargs):
        got = time.perf_counter()
        try:
            yield
        finally:
            with open(out, "a") as fh:
                fh.write(f"{got - asked} {time.perf_counter() - got}\\n")
journal.locked = locked
sys.argv = ["govinfo", *sys.argv[2:]]
from govinfo_tui.cli import script
script()
"""


def lock_times(root: Path, year: int, writers: int, each: int) -> tuple[float, float]:
    """The median wait for the lock and the median time it is held, over `writers` at once."""
    with tempfile.NamedTemporaryFile("r", suffix=".lock-times") as log:

        def command(root: Path, year: int, who: str) -> list[str]:
            return [sys.executable, "-c", LOCK_TIMED, log.name, *submit(root, year, who)[3:]]

        writers_at_once(root, year, writers, each, command)
        pairs = [tuple(map(float, line.split())) for line in log.read().splitlines()]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def crowded(root: Path, size: int, year: int, each: int, what: str, command) -> list[Row]:  # type: ignore[no-untyped-def]
    """`command` by one process alone, then by four at once: the median latency of the worst of
    the four, as a ratio to the lone one's. Four processes on two cores take twice as long
    each, whatever they run: `--version` crowded so is the floor of a crowded write."""
    lone = writers_at_once(root, year, 1, each, command)[0]
    crowd = writers_at_once(root, year, 4, each, command)
    worst = max(crowd, key=lambda runs: statistics.median(r.wall for r in runs))
    alone = Row(size, f"{what}, 1 process alone", versus="")
    alone.runs = lone
    together = Row(size, f"{what}, 4 processes at once (worst)", versus=f"{what} alone")
    together.runs = worst
    together.ratios_wall = [statistics.median(r.wall for r in worst) / statistics.median(r.wall for r in lone)]
    together.ratios_cpu = [statistics.median(r.cpu for r in worst) / statistics.median(r.cpu for r in lone)]
    return [alone, together]


def measure(root: Path, size: int, runs: int, parts: set[str]) -> list[Row]:
    year = last_year(root)
    floor = [sys.executable, "-c", FLOOR, str(root), str(year), str(REPO)]
    summary = ("--journal", str(root), "report", "summary", "--period", str(year), "--format", "json")
    cache_dir = root / ".cache"

    def forget() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    rows: list[Row] = []
    timed(floor)  # warm-up: the files in the page cache
    if "reads" in parts:
        rows += reads(root, size, runs, floor, summary, forget)
    if "writes" in parts:
        rows += writes(root, size, runs, year)
    return rows


def reads(root: Path, size: int, runs: int, floor: list[str], summary: tuple[str, ...], forget) -> list[Row]:  # type: ignore[no-untyped-def]
    rows: list[Row] = []
    cold, floor_row = paired(size, "cold: report summary --no-cache", lambda: timed(govinfo("--no-cache", *summary)),
                             lambda: timed(floor), runs)  # fmt: skip
    rows += [floor_row, cold]
    first, _ = paired(size, "first: report summary, cache kept", lambda: timed(govinfo(*summary)),
                      lambda: timed(floor), runs, before=forget)  # fmt: skip
    rows.append(first)
    timed(govinfo(*summary))  # keeps the answer
    warm, _ = paired(size, "warm: report summary, cache given", lambda: timed(govinfo(*summary)),
                     lambda: timed(floor), runs)  # fmt: skip
    rows.append(warm)
    return rows


def writes(root: Path, size: int, runs: int, year: int) -> list[Row]:
    rows: list[Row] = []
    version = [sys.executable, "-m", "govinfo_tui", "--version"]
    for part in root.glob(".cache/writers-*"):
        shutil.rmtree(part)  # the writers' index, built again by the first write
    first, _ = paired(size, "submit, the writers' index built", lambda: timed(submit(root, year)),
                      lambda: timed(version), 1, versus="--version")  # fmt: skip
    sub, version_row = paired(size, "submit", lambda: timed(submit(root, year)), lambda: timed(version), runs,
                              versus="--version")  # fmt: skip
    version_row.what = "--version (bare start)"
    rows += [version_row, first, sub]
    adp, _ = paired(size, "adopt", lambda: timed(adopt(root)), lambda: timed(version), runs, versus="--version")
    rows.append(adp)
    each = max(3, runs)
    writers = crowded(root, size, year, each, "submit", submit)
    bare = crowded(root, size, year, each, "--version", lambda root, year, who: version)
    rows += writers + bare
    writes_ratio, bare_ratio = writers[1].ratios_wall[0], bare[1].ratios_wall[0]
    print(f"{size:,} events: 4 writers at once, {writes_ratio:.2f}x a lone writer; 4 bare starts at once, "
          f"{bare_ratio:.2f}x a lone start (the crowding of {os.cpu_count()} cores itself); the writes' own "
          f"share: {writes_ratio / bare_ratio:.2f}", flush=True)  # fmt: skip
    wait, held = lock_times(root, year, 4, each)
    lone_wait, lone_held = lock_times(root, year, 1, each)
    print(f"{size:,} events: the lock, median per write: alone waited {lone_wait * 1000:.0f} ms, held "
          f"{lone_held * 1000:.0f} ms; 4 writers at once waited {wait * 1000:.0f} ms, held {held * 1000:.0f} ms",
          flush=True)  # fmt: skip
    return rows


HEAD = ["events", "what", "runs", "wall s", "cpu s", "peak RSS MB", "÷ (cpu / wall)", "of", "exit"]


def table(rows: list[Row]) -> str:
    cells = [HEAD, *(r.cells() for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEAD))]
    lines = ["| " + " | ".join(c[i].ljust(widths[i]) for i in range(len(HEAD))) + " |" for c in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> None:
    from bytecode import compile_program
    from generate import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parts", default="reads,writes", help="reads, writes or both (comma-separated)")
    parser.add_argument("--cache", default=os.environ.get("GOVINFO_BENCH_CACHE", "/tmp/govinfo-bench"))
    args = parser.parse_args()
    compile_program()
    rows: list[Row] = []
    load = os.getloadavg()
    for size in (int(s) for s in args.sizes.split(",")):
        root = Path(args.cache) / f"j{size}"
        if not (root / "registry.jsonl").exists():
            generate(root, size)
        rows += measure(root, size, args.runs, set(args.parts.split(",")))
        print(table(rows), flush=True)
        print()
    print(f"load average at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f}; "
          f"{os.cpu_count()} cores; Python {sys.version.split()[0]}")  # fmt: skip


if __name__ == "__main__":
    main()
