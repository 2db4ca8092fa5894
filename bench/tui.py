"""Benchmark of the app on a large synthetic journal (not collected by pytest).

    python bench/tui.py [EVENTS]      # default 240000 events (about 100k items)

Figures: launch to the first painted dashboard, opening the items screen, the app's own work
per search keystroke (filter + redraw of the visible rows, measured directly, since the
Pilot's key round trip adds about 60-80 ms of harness overhead on any journal), the delay
from an append by another process to its row on screen, and the live journal's share of that
delay (`LiveJournal.poll`, timed without the app).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from textual.widgets import Input  # noqa: E402

from govinfo_tui.core import journal, recording  # noqa: E402
from govinfo_tui.core.events import ItemSubmitted  # noqa: E402
from govinfo_tui.core.workspace import LiveJournal  # noqa: E402
from govinfo_tui.tui.app import GovinfoApp  # noqa: E402
from govinfo_tui.tui.widgets import ItemTable  # noqa: E402


async def settle(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    while app.st is None or app.busy:
        await pilot.pause(0.005)
    await pilot.pause()


async def bench(root: Path) -> None:
    t0 = time.perf_counter()
    app = GovinfoApp(root, "zh", watch=True, by="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query_one("#p-month").border_title:  # the dashboard's figures are drawn
            await pilot.pause(0.005)
        print(f"launch -> dashboard painted: {time.perf_counter() - t0:.2f} s")
        await settle(pilot)
        print(f"launch -> alerts complete (checks.check done): {time.perf_counter() - t0:.2f} s")
        print(f"journal: {len(app.st.items)} items, {app.st.count} events")
        t = time.perf_counter()
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ItemTable)
        print(f"open items screen (sort + first paint): {time.perf_counter() - t:.2f} s")
        search = screen.query_one("#search", Input)
        per_key = []
        for text in ["防", "防汛", "防汛减", "防汛减灾", "防汛减", "防汛", "防", ""]:
            t = time.perf_counter()
            search.value = text
            screen.apply()
            for y in range(table.size.height):
                table.render_line(y)
            per_key.append((text or "(empty)", (time.perf_counter() - t) * 1000, len(table.rows)))
            await pilot.pause()
        print("search keystroke, app work (ms):", ", ".join(f"{k} {ms:.1f} ({n} rows)" for k, ms, n in per_key))
        t = time.perf_counter()
        await pilot.press("h")
        print(f"pilot key round trip (harness overhead): {(time.perf_counter() - t) * 1000:.0f} ms")
        delays = []
        unit = next(iter(u for u in app.st.units.values() if u.parent)).unit
        for n in range(3):
            title = f"另一进程追加{n}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "govinfo_tui",
                    "--journal",
                    str(root),
                    "--by",
                    "other",
                    "submit",
                    title,
                    "--unit",
                    unit,
                ],
                check=True,
                capture_output=True,
                cwd=REPO,
            )
            t = time.perf_counter()  # the append is on disk when the writer exits
            while not any(i.title == title for i in table.rows[:5]):
                await pilot.pause(0.005)
                if time.perf_counter() - t > 10:
                    break
            delays.append(time.perf_counter() - t)
        print("append by another process -> row on screen (s):", " ".join(f"{d:.2f}" for d in delays))
        t = time.perf_counter()
        await pilot.press("1")
        await settle(pilot)
        print(f"dashboard refresh after appends: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        await pilot.press("left_curly_bracket")
        await settle(pilot)
        print(f"time travel one month back (refold + dashboard): {time.perf_counter() - t:.2f} s")


def poll(root: Path, appends: int = 20) -> None:
    live = LiveJournal(root)
    live.load()
    assert live.full is not None and live.full.last_at is not None
    unit = next(iter(u for u in live.full.units.values() if u.parent)).unit
    at = live.full.last_at
    seconds = []
    for n in range(appends):
        at += dt.timedelta(minutes=1)
        line = ItemSubmitted(id=recording.new_id(), at=at, by="other", item=f"BENCH-{n}", title=f"追加{n}", unit=unit)
        journal.append(root, [line])
        t = time.perf_counter()
        live.poll()
        seconds.append(time.perf_counter() - t)
    median = statistics.median(seconds) * 1000
    print(f"LiveJournal.poll after one appended line (ms, median of {appends}): {median:.1f}")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 240_000
    tmp = Path(tempfile.mkdtemp(prefix="govinfo-bench-"))
    try:
        root = tmp / "journal"
        subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(root), str(n)], check=True)
        asyncio.run(bench(root))
        poll(root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
