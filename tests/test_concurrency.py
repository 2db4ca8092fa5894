"""Many writers at once, through the real append path."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.recording import new_id

from .conftest import at, small_events, write_journal


def _writer(root: str, worker: int, count: int) -> None:
    for n in range(count):
        ev = E.ItemReturned(id=new_id(), at=at("2011-03-15", 10), by=f"w{worker}", item="A1", reason=f"{worker}-{n}")
        journal.append(Path(root), [ev])


def test_eight_processes_appending_200_events_each(tmp_path):
    root = write_journal(tmp_path / "j", small_events())
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(root), w, 200)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    loaded = journal.load(root)
    assert loaded.problems == []
    returned = [e for e in loaded.events if isinstance(e, E.ItemReturned)]
    assert len(returned) == 1600
    assert {e.reason for e in returned} == {f"{w}-{n}" for w in range(8) for n in range(200)}


def test_a_held_lock_is_a_clear_error_not_a_hang(tmp_path):
    import pytest

    root = write_journal(tmp_path / "j", small_events())
    ctx = mp.get_context("fork")
    started, release = ctx.Event(), ctx.Event()

    def holder() -> None:
        with journal.locked(root):
            started.set()
            release.wait(30)

    p = ctx.Process(target=holder)
    p.start()
    assert started.wait(10)
    try:
        with pytest.raises(journal.JournalError, match="lock"), journal.locked(root, timeout=0.2):
            pass
    finally:
        release.set()
        p.join(10)
