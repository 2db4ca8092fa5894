"""A journal folder that a group shares: planted links, the writer's umask, who holds the lock."""

from __future__ import annotations

import multiprocessing as mp
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.shared_folder import UnsafeEntryError

from .conftest import at, run, small_events, write_journal


def _submitted(day: str = "2013-05-09") -> E.ItemSubmitted:
    return E.ItemSubmitted(id="EVNEW", at=at(day), by="victim", item="B1", title="t", unit="wj")


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_a_shard_linked_to_a_private_file_is_refused_and_the_file_untouched(small, tmp_path):
    """Review S2: a group member links next month's shard to the victim's private notes."""
    notes = tmp_path / "notes"
    notes.write_text("private\n")
    (small / "2013").mkdir()
    (small / "2013" / "2013-05.jsonl").symlink_to(notes)
    with pytest.raises(UnsafeEntryError, match=r"2013-05\.jsonl is a symbolic link"):
        journal.append(small, [_submitted()])
    assert notes.read_text() == "private\n"
    code, _out, err = run("--journal", str(small), "--by", "v", "submit", "t", "--unit", "wj", "--date", "2013-05-09")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert str(small / "2013" / "2013-05.jsonl") in err and "nothing was written" in err
    assert notes.read_text() == "private\n"


def test_a_linked_year_folder_and_a_linked_registry_are_refused(small, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (small / "2013").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafeEntryError, match="2013 is a symbolic link"):
        journal.append(small, [_submitted()])
    assert list(elsewhere.iterdir()) == []

    registry = small / journal.REGISTRY_NAME
    kept = tmp_path / "kept.jsonl"
    registry.rename(kept)
    registry.symlink_to(kept)
    unit = E.UnitRegistered(id="EVU", at=at("2011-01-01"), by="t", unit="zz", name="新单位", kind="township")
    with pytest.raises(UnsafeEntryError, match=r"registry\.jsonl is a symbolic link"):
        journal.append(small, [unit])


def test_a_fifo_under_a_shard_name_is_refused_without_blocking(small):
    (small / "2013").mkdir()
    os.mkfifo(small / "2013" / "2013-05.jsonl")
    with pytest.raises(UnsafeEntryError, match="not a plain file"):
        journal.append(small, [_submitted()])


def test_new_folders_and_files_are_group_writable_in_a_setgid_folder_whatever_the_umask(tmp_path):
    """Review S3: a writer with umask 022 must not lock the group out of a new year or month."""
    root = tmp_path / "j"
    root.mkdir()
    root.chmod(0o2775)
    with umask(0o022):
        write_journal(root, small_events())
        journal.append(root, [_submitted()])
    year = root / "2013"
    assert stat.S_IMODE(year.stat().st_mode) == 0o2775
    assert stat.S_IMODE((year / "2013-05.jsonl").stat().st_mode) == 0o664
    assert stat.S_IMODE((root / "2011" / "2011-03.jsonl").stat().st_mode) == 0o664
    assert stat.S_IMODE((root / journal.REGISTRY_NAME).stat().st_mode) == 0o664


def test_a_private_folder_keeps_the_writers_umask(tmp_path):
    root = tmp_path / "j"
    with umask(0o077):
        write_journal(root, small_events())
    assert stat.S_IMODE((root / "2011").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "2011" / "2011-03.jsonl").stat().st_mode) == 0o600


def test_a_held_lock_says_who_holds_it_and_since_when(tmp_path):
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
        held = journal.lock_holder(root)
        assert held is not None and held.pid == p.pid and held.login
        with pytest.raises(journal.JournalError) as caught, journal.locked(root, timeout=0.2):
            pass
        message = str(caught.value)
        assert f"(process {p.pid})" in message and held.login in message and held.since in message
    finally:
        release.set()
        p.join(10)
    assert journal.lock_holder(root) is None  # released: nobody is named any more
    with journal.locked(root, timeout=1):
        pass
