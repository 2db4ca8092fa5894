"""`govinfo repair`: it removes exactly what interrupted writes left, keeps a copy, changes no
figure, and is itself safe to interrupt."""

from __future__ import annotations

import os
import stat

import pytest

from govinfo_tui.core import batches, journal, repair
from govinfo_tui.core import events as E

from .conftest import DEMO, at, run, small_events, write_journal

GOOD = small_events()


def remains(tmp_path):
    """A journal holding one line of each kind of remains, amid good lines."""
    root = write_journal(tmp_path / "j", GOOD)
    march, april = root / "2011" / "2011-03.jsonl", root / "2011" / "2011-04.jsonl"
    half = batches.tagged(
        [
            E.ItemReturned(id="HALF1", at=at("2011-03-30"), by="t", item="A1", reason="r"),
            E.ItemReturned(id="HALF2", at=at("2011-04-01"), by="t", item="A2", reason="r"),
        ]
    )
    cut = b'{"type":"item_returned","id":"CUT","at":"2011-03-'
    later = E.ItemReturned(id="LATER", at=at("2011-03-31"), by="t", item="A3", reason="r")
    with open(march, "ab") as fh:
        fh.write(journal.encode(half[0]) + cut + b"\n" + journal.encode(later))
    april.write_bytes(b'{"type":"item_returned","id":"TORN","at":"2011-04-0')
    return root


def test_repair_removes_the_remains_keeps_a_copy_and_changes_no_figure(tmp_path):
    root = remains(tmp_path)
    march, april = root / "2011" / "2011-03.jsonl", root / "2011" / "2011-04.jsonl"
    old_march, old_april = march.read_bytes(), april.read_bytes()
    before = journal.load(root)
    assert sorted(p.kind for p in before.problems) == ["decode", "interrupted", "torn"]
    assert "stops short" in next(p.reason for p in before.problems if p.kind == "decode")
    code, out, err = run("--journal", str(root), "repair")
    assert code == 0, err
    assert "2011/2011-03.jsonl: removed line " in out and "lines cut short (1)" in out
    assert "2011/2011-04.jsonl: removed line 1: a last line without its newline" in out
    after = journal.load(root)
    assert after.problems == []
    assert [ev.id for ev in after.events] == [ev.id for ev in before.events]
    assert b"LATER" in march.read_bytes() and april.read_bytes() == b""
    assert (root / repair.REPAIRED_DIR / ".gitignore").read_text() == "*\n"
    (copy,) = (p for p in (root / repair.REPAIRED_DIR).iterdir() if p.is_dir())
    assert str(copy) in out
    kept_march = (copy / "2011" / "2011-03.jsonl").read_bytes()
    assert sorted(kept_march.splitlines() + march.read_bytes().splitlines()) == sorted(old_march.splitlines())
    assert (copy / "2011" / "2011-04.jsonl").read_bytes() == old_april
    assert run("--journal", str(root), "check")[0] == 0
    code, out, _ = run("--journal", str(root), "repair")
    assert (code, out.strip()) == (0, "nothing to repair: no interrupted write left anything behind")


def test_repair_keeps_the_file_mode_and_leaves_other_bad_lines(tmp_path):
    root = remains(tmp_path)
    march = root / "2011" / "2011-03.jsonl"
    os.chmod(march, 0o664)
    with open(march, "ab") as fh:
        fh.write(b"not json at all\n")
    repair.repair(root)
    assert stat.S_IMODE(march.stat().st_mode) == 0o664
    (left,) = journal.load(root).problems
    assert left.text == "not json at all", "a line a person must look at is not repair's to remove"


def test_repair_refuses_a_symlinked_file_and_the_demo(tmp_path):
    root = remains(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"private\n")
    april = root / "2011" / "2011-04.jsonl"
    april.unlink()
    april.symlink_to(secret)
    code, _, err = run("--journal", str(root), "repair")
    assert code == 2 and f"{april} is a symbolic link (to {secret})" in err
    assert not (root / repair.REPAIRED_DIR).exists() or not any((root / repair.REPAIRED_DIR).rglob("*.jsonl"))
    code, _, err = run("--journal", str(DEMO), "repair")
    assert code == 2 and "read-only" in err


@pytest.mark.parametrize("crash_at", ["after the copy", "after the first file"])
def test_a_repair_interrupted_anywhere_leaves_the_figures_and_finishes_next_time(tmp_path, monkeypatch, crash_at):
    root = remains(tmp_path)
    counted = [ev.id for ev in journal.load(root).events]
    real = repair._rewrite
    done = []

    def crashing(removal):
        if crash_at == "after the first file" and not done:
            done.append(real(removal))
            return
        raise KeyboardInterrupt  # stands for a kill: nothing after this point runs

    monkeypatch.setattr(repair, "_rewrite", crashing)
    with pytest.raises(KeyboardInterrupt):
        repair.repair(root)
    monkeypatch.undo()
    assert [ev.id for ev in journal.load(root).events] == counted
    repair.repair(root)
    assert journal.load(root).problems == [] and [ev.id for ev in journal.load(root).events] == counted


def test_repair_leaves_a_file_git_replaced_meanwhile(tmp_path, monkeypatch):
    root = remains(tmp_path)
    april = root / "2011" / "2011-04.jsonl"
    real = repair._keep

    def checkout(root_, removals):
        folder = real(root_, removals)
        april.unlink()
        april.write_bytes(b"")  # a new file (new inode), as git checkout leaves it
        return folder

    monkeypatch.setattr(repair, "_keep", checkout)
    code, _, err = run("--journal", str(root), "repair")
    assert code == 2 and "changed while it was being repaired" in err
    assert april.read_bytes() == b""


def test_in_a_group_folder_the_copies_stay_open_to_the_group(tmp_path):
    root = remains(tmp_path)
    os.chmod(root, 0o2775)
    old = os.umask(0o022)
    try:
        done = repair.repair(root)
    finally:
        os.umask(old)
    assert done.copy is not None
    for folder in (root / repair.REPAIRED_DIR, done.copy, done.copy / "2011"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o2070 == 0o2070, folder


def test_a_whole_last_line_stays_unless_it_is_part_of_a_write_of_several(tmp_path):
    """An untagged event without its newline may be an editor's doing (`check` says to add the
    newline); a tagged one is a write of several that never finished."""
    root = write_journal(tmp_path / "j", GOOD)
    april = root / "2011" / "2011-04.jsonl"
    alone = E.ItemReturned(id="ALONE", at=at("2011-04-02"), by="t", item="A1", reason="r")
    april.write_bytes(journal.encode(alone).rstrip(b"\n"))
    assert repair.repair(root).copy is None and b"ALONE" in april.read_bytes()
    pair = batches.tagged([alone, E.ItemReturned(id="PAIR", at=at("2011-04-03"), by="t", item="A2", reason="r")])
    april.write_bytes(journal.encode(pair[0]) + journal.encode(pair[1]).rstrip(b"\n"))
    assert repair.repair(root).copy is not None and april.read_bytes() == b""
