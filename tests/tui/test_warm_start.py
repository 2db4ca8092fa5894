"""A warm start: the dashboard's figures kept in `.cache/dashboard/` (`core.dashboard`) are drawn
at once when the journal's bytes are unchanged, and are exactly the figures the journal gives;
an append, another day, another scheme or a spoiled cache file means no kept figures; while
the journal loads, keys that need it say so."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from govinfo_tui.core import cache, dashboard, journal
from govinfo_tui.core import events as E
from govinfo_tui.core.schemes import INTERNAL, UPWARD
from govinfo_tui.core.state import fold
from govinfo_tui.core.workspace import day_in_view, warm

from ..conftest import DEMO, at, bench_generate
from .conftest import TODAY, HeldLoad, ready, screen_text

generate = bench_generate().generate

DEMO_TODAY = dt.date(2026, 11, 27)  # the demo is an old journal: the app speaks of its last day


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".cache"))
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "j"
    generate(root, 4000)
    return root


@pytest.fixture
def generated_copy(generated: Path, tmp_path: Path) -> Path:
    root = tmp_path / "gen"
    shutil.copytree(generated, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def kept_files(root: Path) -> list[Path]:
    folder = root / cache.CACHE_DIR / dashboard.KEPT_DIR
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".tmp")) if folder.is_dir() else []


# --- the core: kept figures are the fresh figures ------------------------------------------


def fresh_and_kept(root: Path, today: dt.date, scheme=INTERNAL) -> tuple[dashboard.Figures, bytes]:
    reads = cache.Reads(root)
    with journal.witnessed(reads):
        loaded = journal.load(root)
    st = warm(fold(loaded.events))
    ref = day_in_view(st, today)
    fig = dashboard.figures(st, ref, limit=None, scheme=scheme, lang="zh", ready=True)
    wanted = dashboard.request(root, today=today, pinned=None, scheme=scheme, lang="zh")
    kept = dashboard.Kept(b"", [], fig, st.count, len(st.items), len(loaded.problems), ref != today)
    assert dashboard.keep(root, wanted, reads, kept)
    return fig, wanted


@pytest.mark.parametrize("scheme", [INTERNAL, UPWARD])
def test_kept_figures_are_the_figures_worked_out_afresh(demo_copy, generated_copy, scheme):
    for root, today in ((demo_copy, DEMO_TODAY), (generated_copy, TODAY)):
        fig, wanted = fresh_and_kept(root, today, scheme)
        assert fig.ranking and fig.recent and fig.year["items"] > 0  # real work on the dashboard
        kept = dashboard.recall(root, wanted)
        assert kept is not None and kept.figures == fig
        assert kept.events == sum(1 for p in journal.journal_files(root) for _ in p.open("rb"))


def test_another_question_gets_no_kept_figures(demo_copy):
    _, wanted = fresh_and_kept(demo_copy, DEMO_TODAY)
    others = [
        dashboard.request(demo_copy, today=DEMO_TODAY + dt.timedelta(days=1), pinned=None, scheme=INTERNAL, lang="zh"),
        dashboard.request(demo_copy, today=DEMO_TODAY, pinned=None, scheme=UPWARD, lang="zh"),
        dashboard.request(demo_copy, today=DEMO_TODAY, pinned=None, scheme=INTERNAL, lang="en"),
        dashboard.request(demo_copy, today=DEMO_TODAY, pinned=dt.date(2011, 5, 1), scheme=INTERNAL, lang="zh"),
    ]
    assert dashboard.recall(demo_copy, wanted) is not None
    assert all(dashboard.recall(demo_copy, other) is None for other in others)


def test_an_append_or_a_same_size_rewrite_means_no_kept_figures(demo_copy):
    _, wanted = fresh_and_kept(demo_copy, DEMO_TODAY)
    shard = journal.journal_files(demo_copy)[-1]
    data = shard.read_bytes()
    st = shard.stat()
    i = data.index(b'"by":"') + 6
    swapped = data[:i] + bytes([data[i] ^ 1]) + data[i + 1 :]  # one letter of a login: same size
    shard.write_bytes(swapped)
    os.utime(shard, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert dashboard.recall(demo_copy, wanted) is None
    shard.write_bytes(data)
    os.utime(shard, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert dashboard.recall(demo_copy, wanted) is not None  # the same bytes again
    new = E.ItemSubmitted(id="WARM1", at=at("2011-12-30"), by="x", item="W1", title="新", unit="gx")
    journal.append(demo_copy, [new])
    assert dashboard.recall(demo_copy, wanted) is None


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: data[:-40] + bytes(40),
        lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:],
        lambda data: b"not a cache at all\n" * 10,
    ],
    ids=["halved", "empty", "tail-zeroed", "one-bit", "garbage"],
)
def test_a_spoiled_kept_file_gives_nothing(demo_copy, spoil):
    _, wanted = fresh_and_kept(demo_copy, DEMO_TODAY)
    (entry,) = kept_files(demo_copy)
    entry.write_bytes(spoil(entry.read_bytes()))
    assert dashboard.recall(demo_copy, wanted) is None


def test_the_bundled_demo_is_never_written_to():
    before = sorted(p.name for p in (DEMO / cache.CACHE_DIR).iterdir()) if (DEMO / cache.CACHE_DIR).is_dir() else []
    reads = cache.Reads(DEMO)
    with journal.witnessed(reads):
        loaded = journal.load(DEMO)
    st = warm(fold(loaded.events))
    fig = dashboard.figures(st, day_in_view(st, DEMO_TODAY), limit=None, scheme=INTERNAL, lang="zh", ready=True)
    wanted = dashboard.request(DEMO, today=DEMO_TODAY, pinned=None, scheme=INTERNAL, lang="zh")
    assert not dashboard.keep(DEMO, wanted, reads, dashboard.Kept(b"", [], fig, 0, 0, 0, True))
    after = sorted(p.name for p in (DEMO / cache.CACHE_DIR).iterdir()) if (DEMO / cache.CACHE_DIR).is_dir() else []
    assert after == before


# --- the app ---------------------------------------------------------------------------------


def panels(text: str) -> list[str]:
    """The screen's lines without the banner and the alerts (the checks' findings come later)."""
    lines = text.splitlines()
    cut = next(n for n, line in enumerate(lines) if "提醒" in line)
    return [line for line in lines[:cut] if "条事件" not in line and "正在读取" not in line]


async def start(root: Path, today: dt.date):
    from govinfo_tui.tui.app import GovinfoApp

    return GovinfoApp(root, "zh", today=today, watch=False, by="tester")


async def first_start(root: Path, today: dt.date) -> str:
    """A start on a journal with nothing kept; the dashboard's text once complete."""
    app = await start(root, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, 30)
        assert app.screen.drawn is not None and not app.screen.drawn["kept"]
        return screen_text(app)


@pytest.mark.parametrize("which", ["demo", "generated"])
async def test_a_second_start_draws_the_kept_figures_at_once_and_they_are_the_journals(
    which, demo_copy, generated_copy, monkeypatch
):
    root, today = (demo_copy, DEMO_TODAY) if which == "demo" else (generated_copy, TODAY)
    fresh_text = await first_start(root, today)
    assert len(kept_files(root)) == 1
    hold = HeldLoad(monkeypatch)
    app = await start(root, today)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            if app.screen.drawn is not None:
                break
            await pilot.pause(0.01)
        d = app.screen.drawn
        assert d is not None and d["kept"] and app.st is None  # drawn before the journal is read
        for _ in range(5):  # laid out (the months' picture is drawn again to its panel's width)
            await pilot.pause(0.05)
        kept_text = screen_text(app)
        assert "上次启动时的数字" in kept_text  # the banner says what they are
        kept_figures = d["figures"]

        await pilot.press("left_square_bracket")  # a step in time needs the journal: it says so
        await pilot.pause()
        assert app.pinned is None
        assert any("日志还在读取中" in str(n.message) for n in app._notifications)

        hold.release.set()
        await ready(pilot, 30)
        d = app.screen.drawn
        assert d is not None and not d["kept"] and d["ready"]
        assert d["figures"] == kept_figures  # the journal's figures, drawn again from its state
        assert len(panels(kept_text)) > 15 and "…" not in "".join(panels(kept_text))
        assert panels(screen_text(app)) == panels(kept_text) == panels(fresh_text)


async def test_after_an_append_the_kept_figures_are_not_drawn(generated_copy):
    await first_start(generated_copy, TODAY)
    unit = "gx"
    journal.append(
        generated_copy, [E.ItemSubmitted(id="WARM2", at=at("2011-06-29"), by="x", item="W2", title="追加", unit=unit)]
    )
    shown: list[bool] = []
    from govinfo_tui.tui.screens.dashboard import DashboardScreen

    show = DashboardScreen.show

    def watched(screen: DashboardScreen, d: dict) -> None:
        shown.append(d["kept"])
        show(screen, d)

    DashboardScreen.show = watched  # type: ignore[method-assign]
    try:
        app = await start(generated_copy, TODAY)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot, 30)
    finally:
        DashboardScreen.show = show  # type: ignore[method-assign]
    assert shown and not any(shown)
    assert len(kept_files(generated_copy)) == 1  # kept anew for the journal as it is now


async def test_a_spoiled_kept_file_falls_back_to_the_journal(generated_copy):
    fresh_text = await first_start(generated_copy, TODAY)
    (entry,) = kept_files(generated_copy)
    data = entry.read_bytes()
    entry.write_bytes(data[:200] + bytes([data[200] ^ 1]) + data[201:])
    again = await first_start(generated_copy, TODAY)  # asserts that nothing kept was drawn
    assert panels(again) == panels(fresh_text)
    (entry,) = kept_files(generated_copy)
    assert entry.read_bytes() == data  # kept anew, whole


async def test_the_switch_turns_keeping_off(generated_copy, monkeypatch):
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    await first_start(generated_copy, TODAY)
    await asyncio.sleep(0)
    assert kept_files(generated_copy) == []
