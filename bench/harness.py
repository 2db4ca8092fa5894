"""The reliability harness: the figures of issue 12's target, one function per part of it.

    python bench/harness.py                 # every part
    python bench/harness.py --examples 500  # more hypothesis-drawn lines
    python bench/harness.py --part crash --runs 50   # the crash part, 50 runs of each fault

Each part returns rows of figures (inputs tried, tracebacks, hangs, ...); `main` prints them as
one table. The target is 0 in every column but the first (and the crash part's "writes that
left remains", which says how many of its faults struck in the middle of a write). The fuzz
part runs the corpus of `tests/fuzz` (the same cases the test suite asserts one by one) and
lines drawn by hypothesis; the crash part runs the faults of `tests/crash`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

Row = dict[str, object]  # "part" and its figures, by column name


def _row(part: str, outcomes: Iterable, seconds: float) -> Row:
    outcomes = list(outcomes)
    return {
        "part": part,
        "inputs tried": len(outcomes),
        "tracebacks": sum(bool(o.traceback) for o in outcomes),
        "hangs": sum(o.hung for o in outcomes),
        "partial writes": sum(o.partial for o in outcomes),
        "accepted but wrong": sum(o.case.wrong and o.accepted for o in outcomes),
        "wrong, not named by check": sum(o.unnamed for o in outcomes),
        "good refused": sum(o.over_refused for o in outcomes),
        "seconds": round(seconds, 1),
    }


def fuzz(args: argparse.Namespace) -> list[Row]:
    """Malformed input through `append` and straight into journal files, then every command.
    A line read from a file is "accepted"; if wrong, `check` must name it."""
    from tests.fuzz import corpus, lines
    from tests.fuzz.runner import base_journal, run

    rows = []
    with tempfile.TemporaryDirectory(prefix="govinfo-harness-") as tmp:
        folder = Path(tmp)
        base = base_journal(folder)
        start = time.perf_counter()
        outcomes = [run(case, "append", base, folder) for case in corpus.append_cases()]
        rows.append(_row("fuzz: append inputs", outcomes, time.perf_counter() - start))
        start = time.perf_counter()
        outcomes = [run(case, way, base, folder) for case, way in corpus.direct_cases()]
        rows.append(_row("fuzz: lines in files", outcomes, time.perf_counter() - start))
    for name, strategy in (("fuzz: drawn events", lines.events()), ("fuzz: drawn bytes", lines.raw())):
        start = time.perf_counter()
        rows.append(_row(name, _drawn(strategy, args.examples), time.perf_counter() - start))
    return rows


def _drawn(strategy, examples: int) -> list:
    """Every outcome of `examples` lines drawn by hypothesis (none stops the run)."""
    from hypothesis import HealthCheck, given, settings

    from tests.fuzz import lines

    drawn: list = []
    tried = settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    tried(given(strategy)(lambda line: drawn.extend(lines.judge(line))))()
    return drawn


def crash(args: argparse.Namespace) -> list[Row]:
    """Writes broken on purpose (a kill at any byte or call, a full disk, short writes, a killed
    repair, real processes killed from outside), each run judged from outside the writer. What
    went wrong in a run goes to stderr, with what it takes to run it again."""
    from tests.crash.runner import PARTS as CRASHES

    rows = []
    for part in CRASHES.values():
        start = time.perf_counter()
        figures = part(seed=args.seed, **({"runs": args.runs} if args.runs else {}))
        rows.append(figures.row(time.perf_counter() - start))
        for failure in figures.failures[:10]:
            print(f"- {failure}", file=sys.stderr)
    return rows


PARTS: list[Callable[[argparse.Namespace], list[Row]]] = [fuzz, crash]


def table(rows: list[Row]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    for r in cells:
        first, *rest = zip(r, widths, strict=True)
        lines.append(" | ".join([first[0].ljust(first[1]), *(v.rjust(w) for v, w in rest)]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="hypothesis-drawn lines per strategy")
    parser.add_argument("--runs", type=int, help="crash runs per fault (default: each fault's own)")
    parser.add_argument("--seed", type=int, default=1, help="the crash part's random choices")
    names = [part.__name__ for part in PARTS]
    parser.add_argument("--part", action="append", choices=names, help="only this part; repeat for several")
    args = parser.parse_args(argv)
    rows = [row for part in PARTS if part.__name__ in (args.part or names) for row in part(args)]
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
