"""The answers cache (`core.cache`, `cli.answers`): an answer given again is the answer worked
out afresh, on the same journal, after appends, after a same-size rewrite of a shard, with bad
lines, and with the cache file cut short or corrupted; and a kept answer is given without
decoding the journal at all."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import cache, journal

from .conftest import DEMO, run

READS = (
    ("report", "summary", "--period", "2011", "--format", "json"),
    ("report", "ranking", "--period", "2011-03"),
    ("report", "problems", "--format", "json"),
    ("report", "notice", "--period", "2011-03", "--format", "md"),
    ("replay", "--format", "json"),
    ("check",),
)


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)


def answers(root: Path) -> list[Path]:
    folder = root / cache.CACHE_DIR / cache.ANSWERS_DIR
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".tmp")) if folder.is_dir() else []


def fresh(root: Path, *words: str) -> tuple[int, str, str]:
    return run("--journal", str(root), "--no-cache", *words)


def kept(root: Path, *words: str) -> tuple[int, str, str]:
    return run("--journal", str(root), *words)


def assert_same_both_ways(root: Path, words: tuple[str, ...] = READS[0]) -> tuple[int, str, str]:
    """Worked out afresh, then through the cache twice (a miss that keeps it, then a hit)."""
    expected = fresh(root, *words)
    assert kept(root, *words) == expected
    assert kept(root, *words) == expected
    return expected


def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, decoding the journal fails the test."""

    def refuse(*_a, **_k):
        raise AssertionError("decoded although a kept answer should do")

    monkeypatch.setattr(journal, "decode_bytes", refuse)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    assert run("init", str(root), "--demo")[0] == 0
    return root


@pytest.mark.parametrize("words", READS, ids=lambda w: " ".join(w[:2]))
def test_a_kept_answer_is_the_answer_worked_out_afresh(demo_copy, words, monkeypatch):
    expected = assert_same_both_ways(demo_copy, words)
    assert answers(demo_copy)
    no_decoding(monkeypatch)
    assert kept(demo_copy, *words) == expected
    with pytest.raises(AssertionError, match="decoded"):
        fresh(demo_copy, *words)


def test_the_environment_switch_turns_the_cache_off(demo_copy, monkeypatch):
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert kept(demo_copy, *READS[0])[0] == 0
    assert answers(demo_copy) == []


def test_an_append_is_seen(demo_copy):
    before = assert_same_both_ways(demo_copy)
    out = kept(demo_copy, "--by", "t", "submit", "新的信息", "--unit", "wj", "--date", "2011-05-06")
    assert out[0] == 0, out
    after = assert_same_both_ways(demo_copy)
    assert after != before


def _same_size_rewrite(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes in place, keeping size, inode and mtime: as a careless tool or a coarse
    clock could leave a file after a merge rewrote it."""
    st = path.stat()
    data = path.read_bytes()
    assert len(old) == len(new) and data.count(old) >= 1
    with open(path, "r+b") as fh:
        fh.write(data.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == (
        st.st_size,
        st.st_mtime_ns,
        st.st_ino,
    )


def test_a_shard_rewritten_to_the_same_size_and_mtime_is_read_again(demo_copy):
    words = ("report", "summary", "--period", "2011", "--format", "json")
    before = assert_same_both_ways(demo_copy, words)
    shard = demo_copy / "2011" / "2011-03.jsonl"
    _same_size_rewrite(shard, b'{"type":"scored","points":2,', b'{"type":"scored","points":7,')
    after = assert_same_both_ways(demo_copy, words)
    assert after != before


def test_a_merge_that_reorders_a_shard_gives_the_same_answer_as_afresh(demo_copy):
    words = ("report", "ranking", "--period", "2011", "--format", "json")
    assert_same_both_ways(demo_copy, words)
    shard = max(journal.journal_files(demo_copy)[1:], key=lambda p: p.stat().st_size)
    lines = shard.read_bytes().splitlines(keepends=True)
    shard.write_bytes(b"".join(reversed(lines)) + lines[0])  # another order, a line twice: a union merge
    assert_same_both_ways(demo_copy, words)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:10],
        lambda data: b"",
        lambda data: data[:-40] + bytes(40),
        lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:],
        lambda data: b"not a cache at all\n" * 10,
    ],
    ids=["halved", "header-only", "empty", "tail-zeroed", "one-bit", "garbage"],
)
def test_a_spoiled_cache_file_is_worked_around(demo_copy, spoil):
    expected = assert_same_both_ways(demo_copy)
    (entry,) = answers(demo_copy)
    entry.write_bytes(spoil(entry.read_bytes()))
    assert kept(demo_copy, *READS[0]) == expected
    assert kept(demo_copy, *READS[0]) == expected  # kept anew, and good


def test_bad_lines_are_listed_alike(demo_copy):
    shard = journal.journal_files(demo_copy)[3]
    with open(shard, "ab") as fh:
        fh.write(b'{"type":"item_submitted","id":"X"}\n<<<<<<< HEAD\n{"type": "no_such_thing"}\n')
    for words in (("check",), ("report", "problems", "--format", "json"), ("report", "problems")):
        _code, out, _err = assert_same_both_ways(demo_copy, words)
        assert "no_such_thing" in out or "<<<<<<<" in out


def test_a_torn_tail_is_never_kept(demo_copy):
    shard = journal.journal_files(demo_copy)[-1]
    with open(shard, "ab") as fh:
        fh.write(b'{"type":"item_submitted","id":"01')
    assert_same_both_ways(demo_copy, ("check",))
    assert answers(demo_copy) == []


def test_a_file_changing_while_read_is_not_kept(demo_copy, monkeypatch):
    real = journal.read_file
    shard = journal.journal_files(demo_copy)[2]

    def read_then_append(path: Path) -> bytes:
        data = real(path)
        if path == shard:
            with open(shard, "ab") as fh:
                fh.write(journal.encode(journal.decoder.decode(data.splitlines()[0])))
        return data

    monkeypatch.setattr(journal, "read_file", read_then_append)
    assert kept(demo_copy, *READS[0])[0] == 0
    assert answers(demo_copy) == []


def test_the_bundled_demo_is_never_written_to():
    before = sorted(p.name for p in DEMO.iterdir())
    assert run("--journal", str(DEMO), *READS[0])[0] == 0
    assert not (DEMO / cache.CACHE_DIR).exists()
    assert sorted(p.name for p in DEMO.iterdir()) == before


def test_the_cache_is_ignored_by_git_and_shared_with_the_group(tmp_path):
    root = tmp_path / "shared"
    root.mkdir()
    os.chmod(root, 0o2775)
    assert run("init", str(root), "--demo")[0] == 0
    assert kept(root, *READS[0])[0] == 0
    (entry,) = answers(root)
    assert entry.parent.stat().st_mode & 0o2070 == 0o2070  # every officer of the group keeps answers here
    assert entry.parent.parent.stat().st_mode & 0o2070 == 0o2070
    assert entry.stat().st_mode & 0o022 == 0  # ... each their own, written by them alone
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        shown = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--ignored"], capture_output=True, text=True, check=True
        )
        assert "!! .cache/" in shown.stdout


def test_the_day_is_part_of_the_question(demo_copy, monkeypatch):
    assert_same_both_ways(demo_copy, ("report", "summary", "--format", "json"))

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2031, 1, 1)

    monkeypatch.setattr(dt, "date", Tomorrow)
    no_decoding(monkeypatch)
    with pytest.raises(AssertionError, match="decoded"):
        kept(demo_copy, "report", "summary", "--format", "json")


# --- generated journals -----------------------------------------------------------------------

SUMMARY = ("report", "summary", "--period", "2011", "--format", "json")
LINES = [line for p in journal.journal_files(DEMO) for line in p.read_bytes().splitlines(keepends=True)]
JUNK = [b"{oops\n", b'{"type":"item_adopted"}\n', b"=======\n", b"\n", b'{"type":"nope","id":"Z","at":"2011"}\n']


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=80),
    junk=st.lists(st.sampled_from(JUNK), max_size=3),
    torn=st.booleans(),
    changes=st.lists(st.integers(0, len(LINES) - 1), max_size=3),
)
def test_generated_journals_give_the_same_answers_kept_or_afresh(tmp_path_factory, picks, junk, torn, changes):
    """Any choice of the demo's lines (repeats, any order, the registry among them), bad lines,
    a torn tail; then lines appended one by one: each answer as worked out afresh."""
    root = tmp_path_factory.mktemp("gen")
    registry = LINES[: sum(1 for p in journal.journal_files(DEMO)[:1] for _ in p.read_bytes().splitlines())]
    (root / journal.REGISTRY_NAME).write_bytes(b"".join(registry))
    shard = root / "2011" / "2011-03.jsonl"
    shard.parent.mkdir()
    body = b"".join(LINES[i] for i in picks) + b"".join(junk)
    shard.write_bytes(body + (b'{"type":"item_sub' if torn else b""))
    for words in (SUMMARY, ("check",), ("report", "problems", "--format", "json")):
        assert_same_both_ways(root, words)
    for i in changes:
        with open(root / "2011" / "2011-04.jsonl", "ab") as fh:
            fh.write(LINES[i])
        assert_same_both_ways(root, SUMMARY)


def _forge(entry: Path, out: bytes) -> None:
    """Rewrite a kept answer, checksum and all, as someone who knows the format could."""
    import hashlib

    import msgspec

    magic = b"govinfo answers 1\n"
    payload = entry.read_bytes()[len(magic) + 32 :]
    answer = msgspec.msgpack.decode(payload, type=cache.Answer)
    payload = msgspec.msgpack.encode(msgspec.structs.replace(answer, out=out))
    entry.write_bytes(magic + hashlib.sha256(payload).digest() + payload)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another account takes root")
def test_an_answer_kept_by_another_account_is_not_given(demo_copy):
    expected = assert_same_both_ways(demo_copy)
    (entry,) = answers(demo_copy)
    _forge(entry, b"forged\n")
    assert kept(demo_copy, *READS[0])[1] == "forged\n"  # as our own it would be given ...
    _forge(entry, b"forged\n")
    os.chown(entry, 4242, -1)
    assert kept(demo_copy, *READS[0]) == expected  # ... as a colleague's it is not


# --- writers: the search before the lock ------------------------------------------------------


def test_what_is_appended_between_the_search_and_the_lock_is_searched_again(demo_copy):
    """A writer searches before taking the lock; a line naming its needle that lands after the
    search (another writer's) is still found, in an appended tail or a file replaced or new."""
    shard = demo_copy / "2011" / "2011-03.jsonl"
    line = shard.read_bytes().splitlines(keepends=True)[0]
    item = journal.decoder.decode(line)
    needle = f'"{item.id}"'
    scan = journal.scan_matching(demo_copy, [needle])
    assert scan.files[str(shard)][0]
    later = journal.encode(msgspec_replace(item, id="01NEWLINE0000000000000000X"))
    fresh_needle = '"01NEWLINE0000000000000000X"'
    scan = journal.scan_matching(demo_copy, [fresh_needle])
    assert not any(found for found, _i, _s in scan.files.values())
    with open(shard, "ab") as fh:  # appended after the search
        fh.write(later)
    assert "01NEWLINE0000000000000000X" in {
        ev.id for ev in journal.load_matching(demo_copy, [fresh_needle], scan).events
    }
    replaced = demo_copy / "2011" / "2011-04.jsonl"  # replaced whole, as git does
    data = replaced.read_bytes() + later.replace(b"0000X", b"0000Y")
    tmp = replaced.with_suffix(".tmp")
    tmp.write_bytes(data)
    scan = journal.scan_matching(demo_copy, [fresh_needle.replace("0X", "0Y")])
    os.replace(tmp, replaced)
    events = journal.load_matching(demo_copy, [fresh_needle.replace("0X", "0Y")], scan).events
    assert "01NEWLINE0000000000000000Y" in {ev.id for ev in events}


def msgspec_replace(ev, **changes):
    import msgspec

    return msgspec.structs.replace(ev, **changes)
