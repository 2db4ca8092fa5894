"""Benchmark of the app on a large synthetic journal, against the command line in the same run
(not collected by pytest).

    python bench/tui.py [EVENTS | JOURNAL] [--runs N]   # default 240000 events, 3 runs

Each run starts the app in a fresh process on a fresh copy of the journal, beside a cold
`govinfo report summary` of the same journal (alternating, so the machine's load falls on both
alike), and prints the medians, and the app's figures as ratios to the command line's: the
median of each run's ratio to the command line's run beside it.

The app's figures: from the process start to the dashboard's first figures on screen, and to the
dashboard complete (its ranking and quota need the items built); the checks done; opening the
items screen; the app's own work per search keystroke (filter + redraw of the visible rows,
measured directly, since the Pilot's key round trip adds 60-80 ms of harness overhead); an
append by another process until its row is on the items screen, and until the dashboard shows
it; one step of time travel (a month or a day, back and forward) until the dashboard is drawn
for that day (the checks of that day follow in the background); and the process's peak
memory. `LiveJournal.poll` of one appended line is timed without the app as well.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GOVINFO = [sys.executable, "-m", "govinfo_tui"]
SEARCH = ["防", "防汛", "防汛减", "防汛减灾", "防汛减", "防汛", "防", ""]
BUSY_GROUPS = {"load", "fold", "view", "prepare", "compute", "findings", "search-keys", "kept"}


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- one app run, in its own process -----------------------------------------------------


async def settle(pilot) -> None:
    """Until nothing runs in the background (folds, checks, folding ahead for travel)."""
    app = pilot.app
    await pilot.pause()
    quiet, start = 0, time.time()
    while quiet < 3 and time.time() - start < 120:  # a stuck worker shows as a two-minute figure
        running = any(w.group in BUSY_GROUPS and not w.is_finished for w in app.workers)
        quiet = 0 if running or app.busy or app.st is None else quiet + 1
        await pilot.pause(0.01)


async def drawn(pilot, day: dt.date | None = None, *, ready: bool = True) -> None:
    """Until the dashboard shows the current generation (of `day`, if given)."""
    app = pilot.app
    start = time.time()
    while time.time() - start < 120:
        d = app.screen.drawn
        current = d is not None and d["generation"] == app.generation and ready <= d["ready"]
        if current and (day is None or d["ref"] == day):
            return
        await shown(0.05)


SHOWN = asyncio.Event()  # set each time the dashboard's figures reach its widgets (`timed_show`)


async def shown(longest: float) -> None:
    """Until the dashboard shows figures again (or `longest` seconds). Waiting on an event, not
    by the Pilot's `pause`: a pause first waits for every widget of the screen to answer a
    message, work on the interpreter that the app itself would not do and that slowed the very
    load being timed (a fifth of the first paint at 1M, polled every 20 ms)."""
    SHOWN.clear()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(SHOWN.wait(), longest)


async def app_run(root: Path, started: float) -> dict:
    from textual.widgets import Input

    from govinfo_tui.tui.app import GovinfoApp
    from govinfo_tui.tui.screens.dashboard import DashboardScreen
    from govinfo_tui.tui.widgets import ItemTable

    show = DashboardScreen.show

    def timed_show(screen: DashboardScreen, d: dict) -> None:  # when the figures reach the widgets
        show(screen, d)
        screen.drawn_at = time.time()  # type: ignore[attr-defined]
        if not hasattr(screen, "first_at"):
            screen.first_at = screen.drawn_at  # type: ignore[attr-defined]
        SHOWN.set()

    DashboardScreen.show = timed_show  # type: ignore[method-assign]
    out: dict = {}
    app = GovinfoApp(root, "zh", watch=True, by="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, DashboardScreen) or app.screen.drawn is None:
            await shown(0.5)  # the time is taken in `show`
        out["first paint"] = app.screen.first_at - started
        await drawn(pilot)
        out["dashboard complete"] = app.screen.drawn_at - started
        out["rss at paint MiB"] = rss_mib()
        await settle(pilot)
        out["checks done"] = time.time() - started
        st = app.st
        assert st is not None
        out["items"], out["events"] = len(st.items), st.count

        t = time.perf_counter()
        await pilot.press("2")
        await settle(pilot)
        out["open items screen"] = time.perf_counter() - t
        screen = app.screen
        table = screen.query_one(ItemTable)
        search = screen.query_one("#search", Input)
        keys = []
        for text in SEARCH:
            t = time.perf_counter()
            search.value = text
            screen.apply()
            for y in range(table.size.height):
                table.render_line(y)
            keys.append(time.perf_counter() - t)
            await pilot.pause()
        out["search keystroke ms (median)"] = statistics.median(keys) * 1000
        out["search keystroke ms (max)"] = max(keys) * 1000

        unit = next(u for u in st.units.values() if u.parent).unit
        on_items = []
        for n in range(3):
            title = f"另一进程追加{n}"
            other_process_submits(root, title, unit)
            t = time.perf_counter()  # the append is on disk when the writer exits
            while not any(i.title == title for i in table.rows[:5]) and time.perf_counter() - t < 20:
                await pilot.pause(0.002)
            on_items.append(time.perf_counter() - t)
            await settle(pilot)
        out["append -> items screen s (median)"] = statistics.median(on_items)

        await pilot.press("1")
        await settle(pilot)
        on_dash = []
        for n in range(3):
            title = f"仪表盘追加{n}"
            other_process_submits(root, title, unit)
            t = time.time()
            while not any(title in row[2] for row in (app.screen.drawn or {}).get("recent", [])):
                await shown(0.05)
                if time.time() - t > 20:
                    break
            on_dash.append(app.screen.drawn_at - t)
            await settle(pilot)
        out["append -> dashboard refreshed s (median)"] = statistics.median(on_dash)

        # travel from a day inside the data (the generated journal's targets lie after its events)
        log = app.full.log
        start = log[int(len(log) * 0.9)].at.date()
        app.refold_view(start)
        await settle(pilot)
        steps = {}
        for step, name in [
            (app.action_step_month, "month back"),
            (app.action_step_day, "day back"),
            (app.action_step_day, "day forward"),
            (app.action_step_month, "month forward"),
            (app.action_step_month, "month back again"),
        ]:
            t = time.time()
            step(1 if "forward" in name else -1)  # what `{` `[` `]` `}` do, without the Pilot's wait for idle
            await drawn(pilot, app.pinned)
            steps[name] = app.screen.drawn_at - t
            await settle(pilot)
        for name, s in steps.items():
            out[f"travel: {name} s"] = s
        out["travel step s (median)"] = statistics.median(steps.values())
        out["peak RSS MiB"] = rss_mib()
    return out


async def paint_run(root: Path, started: float) -> dict:
    """Only the start: first paint (kept figures or the journal's), the dashboard complete,
    and everything settled (the figures kept for the next start)."""
    from govinfo_tui.tui.app import GovinfoApp
    from govinfo_tui.tui.screens.dashboard import DashboardScreen

    show = DashboardScreen.show

    def timed_show(screen: DashboardScreen, d: dict) -> None:
        show(screen, d)
        if not hasattr(screen, "first_at"):
            screen.first_at = time.time()  # type: ignore[attr-defined]
            screen.first_kept = d["kept"]  # type: ignore[attr-defined]
        screen.drawn_at = time.time()  # type: ignore[attr-defined]
        SHOWN.set()

    DashboardScreen.show = timed_show  # type: ignore[method-assign]
    app = GovinfoApp(root, "zh", watch=False, by="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, DashboardScreen) or app.screen.drawn is None:
            await shown(0.5)
        out = {"first paint": app.screen.first_at - started, "kept": app.screen.first_kept}
        await drawn(pilot)
        out["dashboard complete"] = app.screen.drawn_at - started
        await settle(pilot)
    return out


def other_process_submits(root: Path, title: str, unit: str) -> None:
    cmd = [*GOVINFO, "--journal", str(root), "--by", "other", "submit", title, "--unit", unit]
    subprocess.run(cmd, check=True, capture_output=True, cwd=REPO)


def poll_ms(root: Path, appends: int = 10) -> float:
    from govinfo_tui.core import journal, recording
    from govinfo_tui.core.events import ItemSubmitted
    from govinfo_tui.core.workspace import LiveJournal

    live = LiveJournal(root)
    live.load()
    live.build_tables()
    assert live.full is not None and live.full.last_at is not None
    unit = next(u for u in live.full.units.values() if u.parent).unit
    at = live.full.last_at
    seconds = []
    for n in range(appends):
        at += dt.timedelta(minutes=1)
        line = ItemSubmitted(id=recording.new_id(), at=at, by="other", item=f"BENCH-{n}", title=f"追加{n}", unit=unit)
        journal.append(root, [line])
        t = time.perf_counter()
        live.poll()
        seconds.append(time.perf_counter() - t)
    return statistics.median(seconds) * 1000


# --- the runs ------------------------------------------------------------------------------


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def child_run(mode: str, root: Path) -> dict:
    started = time.time()
    child = subprocess.run(
        [sys.executable, __file__, mode, str(root), str(started)], capture_output=True, text=True, timeout=1800
    )
    if child.returncode != 0:
        raise SystemExit(child.stderr)
    return json.loads(child.stdout.strip().splitlines()[-1])


def cli_summary(root: Path, year: int) -> tuple[float, float]:
    """A cold `report summary`: a fresh copy of the journal, and the answers cache turned off."""
    cmd = [*GOVINFO, "--journal", str(root), "report", "summary", "--period", str(year), "--format", "json"]
    return timed(["env", "GOVINFO_NO_CACHE=1", *cmd])


def last_year(root: Path) -> int:
    return max(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())


def main() -> int:
    args = sys.argv[1:]
    if args[:1] in (["--child"], ["--child-paint"]):
        root, started = Path(args[1]), float(args[2])
        figures = asyncio.run((paint_run if args[0] == "--child-paint" else app_run)(root, started))
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    from bytecode import compile_program

    compile_program()
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    source = next((a for a in args if not a.startswith("--") and a != str(runs)), "240000")
    tmp = Path(tempfile.mkdtemp(prefix="govinfo-bench-"))
    try:
        if source.isdigit():
            original = tmp / "original"
            subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(original), source], check=True)
        else:
            original = Path(source)
        year = last_year(original)
        cli: list[tuple[float, float]] = []
        apps: list[dict] = []
        for n in range(runs):
            root = tmp / f"run{n}"
            shutil.copytree(original, root, ignore=shutil.ignore_patterns(".cache"))
            cli.append(cli_summary(root, year))
            started = time.time()
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(root), str(started)],
                capture_output=True,
                text=True,
                timeout=1800,
            )
            if child.returncode != 0:
                raise SystemExit(child.stderr)
            apps.append(json.loads(child.stdout.strip().splitlines()[-1]))
            shutil.rmtree(root)
            # the start alone, on another fresh copy: cold (the figures are kept), then warm
            shutil.copytree(original, root, ignore=shutil.ignore_patterns(".cache"))
            for warm in (False, True):
                paint = child_run("--child-paint", root)
                if paint["kept"] != warm:
                    raise SystemExit(f"the {'warm' if warm else 'cold'} start drew kept={paint['kept']}")
                name = "warm start (figures kept)" if warm else "cold start, keeping the figures"
                apps[-1][f"{name}: first paint"] = paint["first paint"]
                apps[-1][f"{name}: dashboard complete"] = paint["dashboard complete"]
            shutil.rmtree(root)
            print(
                f"run {n + 1}: cli {cli[-1][0]:.2f} s; app first paint {apps[-1]['first paint']:.2f} s, "
                f"warm {apps[-1]['warm start (figures kept): first paint']:.2f} s",
                flush=True,
            )
        poll = poll_ms(shutil.copytree(original, tmp / "poll", ignore=shutil.ignore_patterns(".cache")))
        report(source, runs, cli, apps, poll)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(source: str, runs: int, cli: list[tuple[float, float]], apps: list[dict], poll: float) -> None:
    cli_s = statistics.median(w for w, _ in cli)
    cli_mib = statistics.median(m for _, m in cli)
    first = apps[0]
    print(f"\njournal: {source}: {first['events']} events, {first['items']} items; {runs} runs, medians")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    print(f"{'cli: report summary, cold (wall s)':48s} {cli_s:8.2f}")
    print(f"{'cli: peak RSS (MiB)':48s} {cli_mib:8.0f}")
    for key in first:
        if key in ("items", "events"):
            continue
        value = statistics.median(a[key] for a in apps)
        ratio = ""  # the median of each run's ratio to the command line's run beside it
        if key.endswith(("first paint", "dashboard complete", "checks done")):
            ratio = f"  {statistics.median(a[key] / w for a, (w, _) in zip(apps, cli, strict=True)):5.2f}x cli"
        elif "MiB" in key:
            ratio = f"  {statistics.median(a[key] / m for a, (_, m) in zip(apps, cli, strict=True)):5.2f}x cli"
        print(f"{'app: ' + key:48s} {value:8.2f}{ratio}")
    print(f"{'LiveJournal.poll of one appended line (ms)':48s} {poll:8.1f}")


if __name__ == "__main__":
    sys.exit(main())
