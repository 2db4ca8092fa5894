"""Workers are started cheaply: Textual builds a worker's debug label from `repr()` of every
argument unless it is given a description, and a repr of a million events is a 300-million-
character string (six seconds and a gigabyte). Every worker of the app names its own.

And workers let go: a thread worker's pool thread keeps the last worker it ran (and its
arguments), so every thread worker is a `thread_work`, and a state goes to one as `Handed`."""

from __future__ import annotations

import ast
from pathlib import Path

from ..conftest import REPO

TUI = REPO / "govinfo_tui" / "tui"


def _calls(path: Path) -> list[tuple[int, str, set[str]]]:
    """(line, what, keyword names) of every `@work(...)`/`@work` and `run_worker(...)` in a file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Name) and dec.id == "work":
                    out.append((dec.lineno, "@work", set()))
                elif isinstance(dec, ast.Call) and getattr(dec.func, "id", None) in ("work", "thread_work"):
                    keys = {k.arg for k in dec.keywords if k.arg}
                    thread = any(k.arg == "thread" for k in dec.keywords) or dec.func.id == "thread_work"  # type: ignore[attr-defined]
                    out.append((dec.lineno, f"@{dec.func.id}" + (" thread" if thread else ""), keys))  # type: ignore[attr-defined]
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "run_worker":
            out.append((node.lineno, "run_worker", {k.arg for k in node.keywords if k.arg}))
    return out


def test_every_worker_has_a_description_so_its_arguments_are_never_repr_ed() -> None:
    found = [(path, *call) for path in sorted(TUI.rglob("*.py")) for call in _calls(path)]
    assert len(found) >= 8  # the load, watch, poll, travel, prepare, screen, checks and search workers
    missing = [f"{p.relative_to(REPO)}:{line} {what}" for p, line, what, keys in found if "description" not in keys]
    assert missing == []


def test_every_thread_worker_lets_go_of_its_arguments() -> None:
    found = [(path, *call) for path in sorted(TUI.rglob("*.py")) for call in _calls(path)]
    plain = [f"{p.relative_to(REPO)}:{line}" for p, line, what, _ in found if what == "@work thread"]
    assert plain == []  # `@work(thread=True)` keeps its last worker in the pool thread: use `thread_work`
    assert sum(what == "@thread_work thread" for _, _, what, _ in found) >= 6


async def test_states_replaced_by_polls_are_freed(tiny: Path) -> None:
    """At a million events each state holds tens of megabytes of its own tables: one replaced
    by a poll must be freed, not kept by an idle worker thread, a frozen worker or a screen out
    of sight. (The loaded state may stay as a folded prefix for time travel.)"""
    import gc
    import weakref

    from govinfo_tui.core import journal
    from govinfo_tui.core.events import ItemSubmitted
    from govinfo_tui.tui.app import GovinfoApp

    from .conftest import TODAY, at, ready, wait_for

    app = GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        replaced = []
        for n, key in enumerate(["2", "1", None, "2", None]):  # the items screen and the dashboard
            if key:
                await pilot.press(key)
                await ready(pilot)
            replaced.append(weakref.ref(app.live.full))
            generation = app.live.generation
            sub = ItemSubmitted(id=f"LEAK{n}", at=at("2011-06-20"), by="t", item=f"1106-LEAK{n}", title="t", unit="wj")
            journal.append(tiny, [sub])
            app.poll_journal()
            assert await wait_for(pilot, lambda g=generation: app.live.generation > g and not app.busy)
            await ready(pilot)
        await pilot.pause(0.2)
        gc.collect()
        alive = [n for n, ref in enumerate(replaced) if ref() is not None]
        # kept: only 0 (loaded: a folded prefix, for time travel); a screen out of sight keeps
        # its drawing or its rows, not the state they came from
        assert set(alive) <= {0}, alive


async def test_a_thread_worker_does_not_keep_its_arguments_once_done() -> None:
    """Textual leaves the worker marked in its pool thread's context after the work returns:
    `thread_work` clears the mark, so the arguments are freed with the worker."""
    import gc
    import weakref

    from textual.app import App

    from govinfo_tui.tui.workers import thread_work

    class Big:
        pass

    class Probe(App[None]):
        @thread_work(group="probe", description="hold an argument")
        def hold(self, big: Big) -> None:
            assert big is not None

    app = Probe()
    async with app.run_test() as pilot:
        refs = []
        for _ in range(8):  # more than the pool's threads
            big = Big()
            refs.append(weakref.ref(big))
            await app.hold(big).wait()
            del big
        await pilot.pause()
        gc.collect()
        assert [ref() for ref in refs] == [None] * 8


def test_a_handed_state_is_not_kept_alive_by_the_worker_it_went_to() -> None:
    from govinfo_tui.core.state import fold
    from govinfo_tui.tui.workers import Handed

    st = fold([])
    handed = Handed(st)
    assert handed.get() is st and "State" in repr(handed)
    del st
    assert handed.get() is None


async def test_what_died_in_a_cycle_before_a_poll_is_not_frozen_by_it(tiny: Path) -> None:
    """The app freezes what is alive after a poll (`gc.freeze`); garbage in a cycle frozen with
    it would never be freed, so the poll collects first."""
    import gc
    import weakref

    from govinfo_tui.core import journal
    from govinfo_tui.core.events import ItemSubmitted
    from govinfo_tui.tui.app import GovinfoApp

    from .conftest import TODAY, at, ready, wait_for

    class Node:
        pass

    app = GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        ref = weakref.ref(a)
        del a, b
        generation = app.live.generation
        sub = ItemSubmitted(id="CYCLE1", at=at("2011-06-20"), by="t", item="1106-CYCLE1", title="t", unit="wj")
        journal.append(tiny, [sub])
        was = gc.isenabled()
        gc.disable()  # only the poll's own collection may free it
        try:
            app.poll_journal()
            assert await wait_for(pilot, lambda: app.live.generation > generation and not app.busy)
        finally:
            if was:
                gc.enable()
        gc.collect()
        assert ref() is None
