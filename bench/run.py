"""Benchmark: cold load + fold + summary against the floor of reading and decoding the bytes.

Each figure is measured in a fresh child process (so peak RSS is that step's own), best of
`--repeat` runs. Journals are generated once into a cache folder and reused.

    python bench/run.py                 # 10k, 100k, 1M events
    python bench/run.py --sizes 10000   # just one size
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from govinfo_tui.core import journal, queries
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.workspace import open_state
root, what = Path(sys.argv[1]), sys.argv[2]
t0 = time.perf_counter()
if what == "floor":
    gc.disable()
    n = 0
    for path in journal.journal_files(root):
        data = path.read_bytes()
        n += len(journal.decoder.decode_lines(data[: data.rfind(b"\n") + 1]))
    gc.enable()
else:
    st, loaded = open_state(root)
    day = st.last_at.date()
    summary = queries.summary(st, parse_period(str(day.year)))
    n = st.count
elapsed = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "rss_mb": rss, "events": n}))
"""


def child(root: Path, what: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), what, str(HERE.parent)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def best(root: Path, what: str, repeat: int) -> dict:
    runs = [child(root, what) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"]) | {"rss_mb": max(r["rss_mb"] for r in runs)}


def cli_append(root: Path) -> float:
    """Seconds for one `govinfo adopt` through the CLI (a process start included)."""
    from govinfo_tui.core import journal
    from govinfo_tui.core.events import ItemSubmitted

    last = journal.journal_files(root)[-1]
    line = next(ln for ln in reversed(last.read_bytes().splitlines()) if b'"item_submitted"' in ln)
    item = journal.decoder.decode(line)
    assert isinstance(item, ItemSubmitted)
    day = (item.at.date() + dt.timedelta(days=1)).isoformat()  # an adoption comes after its item
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "govinfo_tui",
            "--journal",
            str(root),
            "--by",
            "bench",
            "adopt",
            item.item,
            "--channel",
            "kb",
            "--date",
            day,
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def cli_noop() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "govinfo_tui", "--version"], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    from generate import generate

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", default=os.environ.get("GOVINFO_BENCH_CACHE", "/tmp/govinfo-bench"))
    args = parser.parse_args()
    print(
        f"{'events':>9} {'MB':>6} {'floor s':>8} {'load+fold+summary s':>20} {'ratio':>6} {'peak RSS MB':>12} "
        f"{'CLI adopt s':>12}"
    )
    startup = cli_noop()
    for size in (int(s) for s in args.sizes.split(",")):
        root = Path(args.cache) / f"j{size}"
        if not (root / "registry.jsonl").exists():
            generate(root, size)
        mb = sum(p.stat().st_size for p in root.rglob("*.jsonl")) / 1e6
        floor = best(root, "floor", args.repeat)
        full = best(root, "full", args.repeat)
        append = cli_append(root)
        print(
            f"{size:>9} {mb:>6.0f} {floor['seconds']:>8.2f} {full['seconds']:>20.2f} "
            f"{full['seconds'] / floor['seconds']:>6.2f} {full['rss_mb']:>12.0f} {append:>12.2f}"
        )
    print(f"(a bare `govinfo --version` process takes {startup:.2f} s of the CLI figure)")


if __name__ == "__main__":
    main()
