"""All or nothing: a write of several events counts whole or not at all, whatever happens to it
on disk or in a merge; a write that fails is taken back and names its file."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

import msgspec
import pytest

from govinfo_tui.core import batches, journal
from govinfo_tui.core import events as E

from .conftest import at, run, small_events, write_journal

GOOD = small_events()


def item(n: int, month: int, text: str = "") -> E.ItemSubmitted:
    when = at(f"2011-{month:02d}-05")
    return E.ItemSubmitted(id=f"IMP{n:03d}", at=when, by="t", item=f"X{n}", title=f"导入{n}", unit="wj", text=text)


def import_events() -> list[E.Event]:
    """The review's F1 write: a registry line and an item in each of twelve months."""
    unit = E.UnitRegistered(id="IMP000", at=at("2011-01-01"), by="t", unit="new", name="新单位", parent="gx")
    return [unit, *(item(m, m) for m in range(1, 13))]


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def ids(root: Path) -> set[str]:
    return {ev.id for ev in journal.load(root).events}


def test_one_event_is_written_as_before_and_several_share_one_tag(tmp_path):
    root = write_journal(tmp_path / "j", GOOD[:1])
    single = E.ItemReturned(id="ONE", at=at("2011-03-29"), by="t", item="A1", reason="r")
    journal.append(root, [single])
    assert lines(root / "2011" / "2011-03.jsonl") == [journal.encode(single).rstrip(b"\n")]
    journal.append(root, import_events())
    tags = {journal.decoder.decode(line).batch for path in journal.journal_files(root) for line in lines(path)[-1:]}
    (tag,) = tags - {None}
    assert tag.endswith("/13") and len(tag) == 29
    assert ids(root) >= {ev.id for ev in import_events()}


def test_a_tag_brought_along_is_replaced(tmp_path):
    root = write_journal(tmp_path / "j", GOOD[:1])
    copied = msgspec.structs.replace(item(1, 3), batch="0" * 26 + "/5")  # a line from another journal's batch
    journal.append(root, [copied])
    assert journal.load(root).problems == [] and "IMP001" in ids(root)


def interrupted(tmp_path: Path, missing: int) -> Path:
    """A journal where the import's write stopped before the line `missing` of its thirteen."""
    full = write_journal(tmp_path / "full", GOOD)
    journal.append(full, import_events())
    root = write_journal(tmp_path / "j", GOOD)
    written = [ln for p in journal.journal_files(full) for ln in lines(p) if b'"IMP' in ln]
    for raw in written[:missing]:
        ev = journal.decoder.decode(raw)
        journal.shard_for(root, ev).parent.mkdir(exist_ok=True)
        with open(journal.shard_for(root, ev), "ab") as fh:
            fh.write(raw + b"\n")
    return root


@pytest.mark.parametrize("missing", [1, 7, 12])
def test_part_of_a_batch_never_counts_and_check_names_it(tmp_path, missing):
    root = interrupted(tmp_path, missing)
    loaded = journal.load(root)
    assert {ev.id for ev in loaded.events} == {ev.id for ev in GOOD}, "no part of the import counts"
    kinds = [p.kind for p in loaded.problems]
    assert kinds == ["interrupted"] * missing  # one per file that holds some of it
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1
    assert f"{root / journal.REGISTRY_NAME}:" in out
    assert "an interrupted write left 1 of the 13 lines of batch" in out and f"({missing} in all)" in out
    assert "govinfo repair" in out


def test_a_union_merge_keeps_a_batch_whole_in_any_order(tmp_path):
    """Each side holds some of a batch's lines, in any order, some on both: the merge counts it
    once it has them all."""
    events = journal.batches.tagged([item(n, 3) for n in range(1, 5)])
    raw = [journal.encode(ev) for ev in events]
    base = b"".join(journal.encode(ev) for ev in GOOD if journal.shard_for(Path(), ev).name != "registry.jsonl")
    ours = base + raw[2] + raw[0]
    half = journal.load_sources({"j/2011/2011-03.jsonl": ours})
    assert not any(ev.id.startswith("IMP") for ev in half.events) and half.held
    merged = journal.load_sources({"j/2011/2011-03.jsonl": ours + raw[0] + raw[3] + raw[1]})
    assert sum(ev.id.startswith("IMP") for ev in merged.events) == 4
    assert [p.kind for p in merged.problems] == []


def test_the_tail_holds_a_batch_until_its_last_line(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    tail = journal.Tail(root, journal.load(root).marks)
    events = batches.tagged([item(1, 3), item(2, 4)])
    with open(root / "2011" / "2011-03.jsonl", "ab") as fh:
        fh.write(journal.encode(events[0]))
    assert tail.poll() == ([], [])  # the writer is between its two files
    (root / "2011" / "2011-04.jsonl").write_bytes(journal.encode(events[1]))
    found = tail.poll()
    assert found is not None and sorted(ev.id for ev in found[0]) == ["IMP001", "IMP002"]


def test_a_tail_finishes_a_batch_the_load_saw_in_part(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    events = batches.tagged([item(1, 3), item(2, 4)])
    with open(root / "2011" / "2011-03.jsonl", "ab") as fh:
        fh.write(journal.encode(events[0]))
    loaded = journal.load(root)
    assert "IMP001" not in {ev.id for ev in loaded.events}
    tail = journal.Tail(root, loaded.marks, loaded.held)
    (root / "2011" / "2011-04.jsonl").write_bytes(journal.encode(events[1]))
    found = tail.poll()
    assert found is not None and sorted(ev.id for ev in found[0]) == ["IMP001", "IMP002"]


def test_a_writer_reading_part_of_a_batch_judges_it_on_the_whole_files(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    journal.append(root, [item(1, 3), item(2, 4)])
    assert {"IMP001"} <= {ev.id for ev in journal.load_matching(root, ['"X1"']).events}
    (root / "2011" / "2011-04.jsonl").unlink()  # the other half never made it
    assert "IMP001" not in {ev.id for ev in journal.load_matching(root, ['"X1"']).events}


def test_check_waits_for_a_write_in_progress(tmp_path):
    """Half a batch seen while its writer holds the lock is a write going on, not an interrupted one."""
    root = write_journal(tmp_path / "j", GOOD)
    events = batches.tagged([item(1, 3), item(2, 4)])
    holding, finished = threading.Event(), threading.Event()

    def writer() -> None:
        with journal.locked(root):
            with open(root / "2011" / "2011-03.jsonl", "ab") as fh:
                fh.write(journal.encode(events[0]))
            holding.set()
            time.sleep(0.5)
            (root / "2011" / "2011-04.jsonl").write_bytes(journal.encode(events[1]))
        finished.set()

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(5)
    code, out, _ = run("--journal", str(root), "check")
    thread.join()
    assert finished.is_set()
    assert code == 0, out


# --- a write that fails ------------------------------------------------------------------


def failing_after(monkeypatch, calls: int, err: int = errno.ENOSPC) -> None:
    """`os.write` works `calls` times, then writes half and fails like a full disk."""
    real = os.write
    count = [0]

    def write(fd, data):
        count[0] += 1
        if count[0] <= calls:
            return real(fd, data)
        if count[0] == calls + 1:
            return real(fd, bytes(data)[: len(data) // 2])
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "write", write)


def test_a_full_disk_takes_the_whole_write_back_and_names_the_file(tmp_path, monkeypatch):
    root = write_journal(tmp_path / "j", GOOD)
    before = {p: p.read_bytes() for p in journal.journal_files(root)}
    failing_after(monkeypatch, calls=2)
    late = E.ItemReturned(id="IMPLAST", at=at("2012-02-01"), by="t", item="A1")
    events = [*import_events()[:2], late, *import_events()[2:]]  # the third file is a new year's
    with pytest.raises(journal.JournalError) as caught:
        journal.append(root, events)
    message = str(caught.value)
    assert message.startswith(str(root / "2012" / "2012-02.jsonl")) and "disk is full; nothing was written" in message
    assert {p: p.read_bytes() for p in journal.journal_files(root)} == before
    assert not (root / "2012").exists(), "a year folder the write made goes with it"


def test_the_command_line_names_the_file_when_the_disk_is_full(tmp_path, monkeypatch):
    root = write_journal(tmp_path / "j", GOOD)
    failing_after(monkeypatch, calls=0)
    code, _, err = run("--journal", str(root), "--by", "t", "submit", "一条", "--unit", "wj", "--date", "2011-03-30")
    assert code == 2
    assert err.startswith(f"govinfo: error: {root / '2011' / '2011-03.jsonl'}: the disk is full")


def test_a_short_write_is_finished_not_abandoned(tmp_path, monkeypatch):
    root = write_journal(tmp_path / "j", GOOD)
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data)[:7]))
    journal.append(root, import_events())
    assert journal.load(root).problems == [] and ids(root) >= {ev.id for ev in import_events()}


def test_an_error_that_names_no_file_gives_the_reason_alone(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(journal, "load", refuse)
    code, _, err = run("--journal", str(tmp_path), "report", "summary")
    assert code == 2 and err == f"govinfo: error: {os.strerror(errno.EIO)}\n"
