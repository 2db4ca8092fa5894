"""A cold start leaves the interpreter to the load: the journal is decoded in a thread, and
every turn the app's own thread takes while it waits is a turn the load waits for (one
interpreter lock). Nothing on screen animates meanwhile, and what the start works out beside
the load is worked out before the load's thread begins."""

from __future__ import annotations

import asyncio
import threading

from govinfo_tui.core import cache

from .conftest import TODAY, HeldLoad, ready


async def test_nothing_on_screen_animates_while_the_journal_loads(tiny, monkeypatch) -> None:
    from textual.screen import Screen

    from govinfo_tui.tui.app import GovinfoApp

    hold = HeldLoad(monkeypatch)
    refreshed = []
    compositor_refresh = Screen._compositor_refresh

    def counted(screen: Screen) -> None:
        refreshed.append(screen)
        compositor_refresh(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.1)  # mounted and drawn once
        assert app.st is None  # still loading
        animated = [w for w in app.screen.walk_children() if w.auto_refresh]
        assert animated == []  # (the target's bar, without a total, moved 15 times a second)
        refreshed.clear()
        await asyncio.sleep(0.5)  # not the Pilot's pause: it makes the screen answer messages
        assert len(refreshed) <= 1
        hold.release.set()
        await ready(pilot)
        assert app.st is not None


async def test_the_kept_figures_are_looked_for_with_a_request_made_before_the_read(tiny, monkeypatch) -> None:
    """The request names every file of the program (a stat each): in the read's thread, each
    stat gave the interpreter to Textual's setup and waited for it back."""
    from govinfo_tui.tui.app import GovinfoApp

    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    threads = []
    program_files = cache.program_files

    def watched() -> list[str]:
        threads.append(threading.current_thread())
        return program_files()

    monkeypatch.setattr(cache, "program_files", watched)
    app = GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    assert app.keeping
    assert app._early is not None
    app._early.result(30)  # the first read, done in its own thread
    assert threads and all(t is threading.main_thread() for t in threads)


async def test_a_load_after_the_first_looks_for_kept_figures_with_the_same_request(tiny, monkeypatch) -> None:
    """The request made early serves the first read only; a later load makes its own."""
    from govinfo_tui.tui import app as app_module

    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    asked: list[bytes] = []
    recall = app_module.dashboard.recall

    def watched(root, wanted: bytes):
        asked.append(wanted)
        return recall(root, wanted)

    monkeypatch.setattr(app_module.dashboard, "recall", watched)
    app = app_module.GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.load_journal()  # as when a journal file is replaced
        await ready(pilot)
    assert len(asked) == 2 and asked[0] == asked[1] and b"program" in asked[0]
