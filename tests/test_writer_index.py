"""The writers' index never changes what a write reads, so never what it accepts or refuses: the
lines a write validates against are the same with the index and with a search of every month
file, on the same journals, after every way a journal changes under it (appends by another
process, a shard replaced with one of the same size, a git merge, `repair`), and whatever
happens to the index itself (cut short, corrupt, another version, not ours, not writable)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, recording, writer_index
from govinfo_tui.core.recording.common import needles_for
from govinfo_tui.core.state import fold

from .conftest import at, paper_events, run
from .core.test_requests import CASES, a1_score, outcome


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    assert run("init", str(root), "--demo")[0] == 0
    return root


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts built a moment after their file changed are trusted by their stat alone (in real
    use that takes `RACY_NS`; a test does not wait for it)."""
    monkeypatch.setattr(writer_index, "RACY_NS", 0)


@contextlib.contextmanager
def no_index(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as m:
        m.setattr(writer_index, "ask", lambda *args, **kwargs: {})
        yield


def read(root: Path, needles: list[str], scan: journal.Scan | None = None) -> list[object]:
    """The events a write of `needles` validates against, as plain data."""
    if scan is None:
        scan = journal.scan_matching(root, needles)
    return [msgspec.to_builtins(ev) for ev in journal.load_matching(root, needles, scan).events]


def naming(root: Path, name: str, scan: journal.Scan | None = None) -> int:
    """How many of the lines a write of `name` reads name it."""
    return sum(f'"{name}"' in msgspec.json.encode(ev).decode() for ev in read(root, needles_for(name), scan))


def all_needles(root: Path) -> list[list[str]]:
    """A write's needles for items and event ids from every part of the journal, the voided ones,
    a few types, and some names that are nowhere."""
    st = fold(journal.load(root).events)
    names = [*list(st.items)[::40], *(ev.id for ev in st.log[::150]), *st.voids, "1106-NOWHERE", "A9"]
    types = [f'"{t}"' for t in ("topic_planned", "meeting_held", "commissioned", "bulletin_published")]
    return [needles_for(name) for name in names] + [[t] for t in types]


def same_both_ways(root: Path, monkeypatch: pytest.MonkeyPatch, needles_list: list[list[str]] | None = None) -> int:
    """Every needle set reads the same with and without the index; how many lines were read."""
    needles_list = needles_list if needles_list is not None else all_needles(root)
    with no_index(monkeypatch):
        searched = [read(root, needles) for needles in needles_list]
    indexed = [read(root, needles) for needles in needles_list]
    assert indexed == searched
    return sum(map(len, indexed))


def parts(root: Path) -> list[Path]:
    return sorted((root / ".cache" / f"writers-{os.geteuid()}").glob("*.idx"))


def shard(root: Path, month: str = "2011-03") -> Path:
    return root / month[:4] / f"{month}.jsonl"


def a_line_naming(item: str, day: str, ev_id: str = "01WRITERINDEXTEST000000001") -> bytes:
    ev = E.ItemReturned(id=ev_id, at=at(day), by="other", item=item, reason="退回")
    return journal.encode(ev)


def the_first_item(path: Path) -> str:
    for line in path.read_bytes().splitlines():
        ev = journal.decoder.decode(line)
        if isinstance(ev, E.ItemSubmitted):
            return ev.item
    raise AssertionError(f"no item in {path}")


# --- the decisions ----------------------------------------------------------------------------


@pytest.fixture
def paper_journal(tmp_path: Path) -> Path:
    """The journal the requests' own test judges them on (`tests/core/test_requests.py`)."""
    root = tmp_path / "paper"
    journal.init(root)
    journal.append(root, paper_events())
    when = at("2011-03-25", 10)
    st = fold(journal.load(root).events)
    recording.record(root, recording.Override(score=a1_score(st), points=4, reason="复核"), at=when, by="t")
    recording.record(root, recording.Amend(item="A4", authors=("p2",)), at=when, by="t")
    shutil.rmtree(root / ".cache", ignore_errors=True)
    return root


@pytest.mark.parametrize("case", [c for c in CASES if c not in ("append", "rescore")])
def test_every_request_is_decided_alike_with_and_without_the_index(
    paper_journal: Path, case: str, monkeypatch: pytest.MonkeyPatch, trusting: None
) -> None:
    whole = fold(journal.load(paper_journal).events)
    request = CASES[case](whole)
    needles = request.needles()
    if needles is None:
        pytest.skip("reads the whole journal")
    with no_index(monkeypatch):
        searched = fold(
            journal.load_matching(paper_journal, needles, journal.scan_matching(paper_journal, needles)).events
        )
    journal.scan_matching(paper_journal, needles)  # builds the index
    indexed = fold(journal.load_matching(paper_journal, needles, journal.scan_matching(paper_journal, needles)).events)
    assert parts(paper_journal) or not needles
    assert outcome(request, indexed, monkeypatch) == outcome(request, searched, monkeypatch)


def test_a_write_through_record_accepts_and_refuses_alike(
    demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None
) -> None:
    item = the_first_item(shard(demo, "2011-04"))
    taken = recording.Submit(title="重复", unit=next(iter(fold(journal.load(demo).events).units)), item=item)
    with pytest.raises(recording.RecordError) as refused:
        recording.record(demo, taken, at=at("2011-06-20"), by="t")
    assert parts(demo)  # the refusal was worked out with the index
    with no_index(monkeypatch), pytest.raises(recording.RecordError) as refused_too:
        recording.record(demo, taken, at=at("2011-06-20"), by="t")
    assert str(refused.value) == str(refused_too.value)
    fresh = recording.Submit(title="新", unit=taken.unit, item="1106-FRESH1")
    assert recording.record(demo, fresh, at=at("2011-06-20"), by="t")
    with pytest.raises(recording.RecordError) as again:  # the index saw the line just written
        recording.record(demo, fresh, at=at("2011-06-21"), by="t")
    with no_index(monkeypatch), pytest.raises(recording.RecordError) as again_too:
        recording.record(demo, fresh, at=at("2011-06-21"), by="t")
    assert "1106-FRESH1" in str(again.value) and str(again.value) == str(again_too.value)


# --- the journal changes under the index ------------------------------------------------------


def test_the_index_reads_what_a_search_reads(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None) -> None:
    assert same_both_ways(demo, monkeypatch) > 0
    assert len(parts(demo)) == len(journal.journal_files(demo)) - 1  # one part per month file


def test_appends_by_another_process(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None) -> None:
    same_both_ways(demo, monkeypatch)
    item = the_first_item(shard(demo, "2011-02"))
    void = E.EventVoided(id="01WRITERINDEXVOID000000001", at=at("2011-06-05"), by="other", target=item, reason="x")
    lines = a_line_naming(item, "2011-06-03") + journal.encode(void)
    code = f"import sys; open(sys.argv[1], 'ab').write({lines!r})"
    subprocess.run([sys.executable, "-c", code, str(shard(demo, "2011-06"))], check=True)
    assert same_both_ways(demo, monkeypatch, [needles_for(item), needles_for("1106-NOWHERE")]) > 0
    assert "01WRITERINDEXTEST000000001" in str(read(demo, needles_for(item)))


def test_a_line_appended_between_the_scan_and_the_lock_is_read(demo: Path, trusting: None) -> None:
    needles = ['"1106-LATECOMER"']
    read(demo, needles)  # the index is built and trusted
    scan = journal.scan_matching(demo, needles)
    assert not any(found for found, _ino, _size in scan.files.values())
    with open(shard(demo, "2011-05"), "ab") as fh:  # another writer, before we hold the lock
        fh.write(a_line_naming("1106-LATECOMER", "2011-05-30"))
    assert sum("1106-LATECOMER" in str(ev) for ev in read(demo, needles, scan)) == 1


def test_a_shard_replaced_by_one_of_the_same_size(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None) -> None:
    same_both_ways(demo, monkeypatch)
    path = shard(demo, "2011-03")
    item = the_first_item(path)
    other = item[:-1] + ("X" if item[-1] != "X" else "Y")  # the same length
    data = path.read_bytes().replace(f'"{item}"'.encode(), f'"{other}"'.encode())
    assert len(data) == path.stat().st_size
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # as git checks a file out
    assert same_both_ways(demo, monkeypatch, [needles_for(item), needles_for(other)]) > 0
    assert naming(demo, other) > 0


def test_a_shard_rewritten_in_place_at_once_is_not_trusted_by_its_stat(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same inode, same size, and maybe the same mtime and ctime (a change within one tick of the
    clock): a part built so soon after its file changed is checked by its digest."""
    path = shard(demo, "2011-03")
    item = the_first_item(path)
    other = item[:-1] + ("X" if item[-1] != "X" else "Y")
    read(demo, needles_for(item))
    stat = path.stat()
    data = path.read_bytes().replace(f'"{item}"'.encode(), f'"{other}"'.encode())
    with open(path, "r+b") as fh:
        fh.write(data)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the mtime as it was
    assert path.stat().st_ino == stat.st_ino and path.stat().st_size == stat.st_size
    assert same_both_ways(demo, monkeypatch, [needles_for(item), needles_for(other)]) > 0
    assert naming(demo, other) > 0


@pytest.mark.parametrize("where", ["appended", "in the middle"])
def test_a_git_merge_of_the_other_side(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None, where: str) -> None:
    """A union merge writes the file anew with the other side's lines, at the end or among ours."""
    same_both_ways(demo, monkeypatch)
    path = shard(demo, "2011-04")
    ours = path.read_bytes().splitlines(keepends=True)
    theirs = [a_line_naming("1104-THEIRS", "2011-04-10", f"01WRITERINDEXTHEIRS0000000{i}") for i in range(3)]
    merged = ours + theirs if where == "appended" else ours[:5] + theirs + ours[5:]
    tmp = path.with_suffix(".merge")
    tmp.write_bytes(b"".join(merged))
    os.replace(tmp, path)
    assert same_both_ways(demo, monkeypatch, [needles_for("1104-THEIRS"), *all_needles(demo)[:20]]) > 0
    assert naming(demo, "1104-THEIRS") == 3


def test_a_shard_cut_short_by_repair_and_a_shard_new_or_gone(
    demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None
) -> None:
    same_both_ways(demo, monkeypatch)
    path = shard(demo, "2011-05")
    lines = path.read_bytes().splitlines(keepends=True)
    gone = journal.decoder.decode(lines[-1])
    with open(path, "r+b") as fh:  # in place, as an editor might
        fh.truncate(len(b"".join(lines[:-1])))
    new = demo / "2012" / "2012-01.jsonl"
    new.parent.mkdir()
    new.write_bytes(a_line_naming("1201-NEWYEAR", "2012-01-05"))
    shard(demo, "2011-01").unlink()
    needles = [needles_for(gone.id), needles_for("1201-NEWYEAR"), *all_needles(demo)]
    assert same_both_ways(demo, monkeypatch, needles) > 0
    assert naming(demo, gone.id) == 0
    assert naming(demo, "1201-NEWYEAR") == 1


def test_a_month_that_only_grew_is_split_only_past_its_old_end(
    demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None
) -> None:
    read(demo, needles_for("1106-NOWHERE"))
    path = shard(demo, "2011-06")
    line = a_line_naming("1106-GROWN", "2011-06-28")
    with open(path, "ab") as fh:
        fh.write(line)
    split: list[int] = []
    real = writer_index._pieces
    monkeypatch.setattr(writer_index, "_pieces", lambda data: split.append(len(data)) or real(data))
    assert naming(demo, "1106-GROWN") == 1
    assert len(split) == 1 and split[0] < 2 * len(line)  # the new line (from the quote before it), not the month


def test_a_trusted_index_searches_no_month(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None) -> None:
    item = the_first_item(shard(demo, "2011-02"))
    expected = read(demo, needles_for(item))
    opened: list[str] = []
    real_read = journal.Path.read_bytes

    def counting(self: Path) -> bytes:
        opened.append(self.name)
        return real_read(self)

    monkeypatch.setattr(journal, "_mentions", lambda *args: pytest.fail("searched a month"))
    monkeypatch.setattr(journal.Path, "read_bytes", counting)
    assert read(demo, needles_for(item)) == expected
    keys = [n.encode() for n in needles_for(item)]
    holding = {p.name for p in journal.journal_files(demo)[1:] if any(k in real_read(p) for k in keys)}
    assert "2011-02.jsonl" in holding and len(holding) < len(journal.journal_files(demo)) - 1
    assert set(opened) == {"registry.jsonl", *holding}


def test_needles_the_index_does_not_keep_are_searched(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer_index, "ask", lambda *args: pytest.fail("asked the index"))
    line = shard(demo, "2011-03").read_bytes().splitlines()[0]
    moment = '"' + journal.decoder.decode(line).at.isoformat() + '"'  # holds a colon
    long = '"' + "长" * 70 + '"'
    assert writer_index.hashes_of([moment]) is None and writer_index.hashes_of([long]) is None
    assert len(read(demo, [moment])) > len(read(demo, [long]))
    assert parts(demo) == []


# --- the index itself is damaged, old, not ours, or may not be written ------------------------


def damage(part: Path, how: str) -> None:
    data = part.read_bytes()
    if how == "cut short":
        part.write_bytes(data[: len(data) - 7])
    elif how == "a hash changed":
        middle = len(data) - 8
        part.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "empty":
        part.write_bytes(b"")
    elif how == "another version":
        part.write_bytes(data.replace(b"writers index 1", b"writers index 9", 1))
    elif how == "another month's":
        neighbour = next(p for p in part.parent.glob("*.idx") if p != part)
        part.write_bytes(neighbour.read_bytes())
    elif how == "garbage":
        part.write_bytes(os.urandom(len(data)))


@pytest.mark.parametrize(
    "how", ["cut short", "a hash changed", "empty", "another version", "another month's", "garbage"]
)
def test_a_damaged_part_is_built_again(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None, how: str) -> None:
    path = shard(demo, "2011-03")
    item = the_first_item(path)
    expected = same_both_ways(demo, monkeypatch, [needles_for(item)])
    (part,) = [p for p in parts(demo) if p.name.startswith("2011_2011-03")]
    damage(part, how)
    assert writer_index.Folder(demo).read("2011/2011-03.jsonl") is None
    assert same_both_ways(demo, monkeypatch, [needles_for(item)]) == expected
    assert writer_index.Folder(demo).read("2011/2011-03.jsonl") is not None  # and kept again


def test_a_part_that_lies_about_its_month_would_be_caught_by_its_checksum(demo: Path, trusting: None) -> None:
    """The same part, its hashes emptied but its checksum kept, is refused."""
    read(demo, needles_for("1106-NOWHERE"))
    folder = writer_index.Folder(demo)
    part = folder.read("2011/2011-03.jsonl")
    assert part is not None
    data = part.encode()
    emptied = writer_index.Part(part.path, part.mark, part.built_ns, part.last_quote, part.digest, []).encode()
    forged = (
        emptied[: len(writer_index._MAGIC)]
        + data[len(writer_index._MAGIC) : len(writer_index._MAGIC) + 4]
        + emptied[len(writer_index._MAGIC) + 4 :]
    )
    assert writer_index.decode(forged, part.path) is None
    assert writer_index.decode(data, part.path) is not None


def test_a_journal_folder_we_may_not_write(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None) -> None:
    """No index is made there; one made before is used only where it is still true."""
    monkeypatch.setattr(writer_index, "_may_write", lambda root: False)
    expected = same_both_ways(demo, monkeypatch)
    assert not (demo / ".cache").exists()
    monkeypatch.undo()
    monkeypatch.setattr(writer_index, "RACY_NS", 0)
    assert same_both_ways(demo, monkeypatch) == expected  # built now
    monkeypatch.setattr(writer_index, "_may_write", lambda root: False)
    item = the_first_item(shard(demo, "2011-01"))
    with open(shard(demo, "2011-06"), "ab") as fh:
        fh.write(a_line_naming(item, "2011-06-29"))
    stale = {p: p.read_bytes() for p in parts(demo)}
    assert same_both_ways(demo, monkeypatch, [needles_for(item)]) > 0
    assert "01WRITERINDEXTEST000000001" in str(read(demo, needles_for(item)))
    assert {p: p.read_bytes() for p in parts(demo)} == stale  # nothing written


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another account takes root")
def test_parts_of_another_account_are_not_trusted(demo: Path, monkeypatch: pytest.MonkeyPatch, trusting: None) -> None:
    item = the_first_item(shard(demo, "2011-03"))
    read(demo, needles_for(item))
    for part in parts(demo):  # a colleague's lie: no month holds anything
        forged = writer_index.decode(part.read_bytes(), part.name.removesuffix(".idx").replace("_", "/"))
        assert forged is not None
        lie = writer_index.Part(forged.path, forged.mark, forged.built_ns, forged.last_quote, forged.digest, [])
        part.write_bytes(lie.encode())
        os.chown(part, 4242, -1)
    assert same_both_ways(demo, monkeypatch, [needles_for(item)]) > 0


def test_an_index_folder_that_is_a_link_is_not_followed(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusting: None
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (demo / ".cache").mkdir()
    (demo / ".cache" / f"writers-{os.geteuid()}").symlink_to(elsewhere)
    assert same_both_ways(demo, monkeypatch) > 0
    assert list(elsewhere.iterdir()) == []


# --- the index is exact -------------------------------------------------------------------------

_BYTES = st.lists(st.sampled_from([b'"', b"a", b"b", b"ab", b":", b"\n", b"\\", b"{", b"\xe9\x95\xbf"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(first=_BYTES, more=_BYTES)
def test_a_part_holds_a_quoted_string_exactly_when_the_bytes_do(first: list[bytes], more: list[bytes]) -> None:
    old, data = b"".join(first), b"".join(first + more)
    mark = (1, len(old), 0, 0)
    grown = writer_index.build("m.jsonl", data, (1, len(data), 0, 0), writer_index.build("m.jsonl", old, mark))
    whole = writer_index.build("m.jsonl", data, (1, len(data), 0, 0))
    assert list(grown.hashes) == list(whole.hashes)
    for inner in ["", "a", "b", "ab", "ba", "aa", "a:b", "\\", "长", "a\nb"]:
        needle = f'"{inner}"'
        wanted = writer_index.hashes_of([needle])
        if wanted is None:
            continue
        assert whole.holds(wanted) == (needle.encode() in data)  # (crc32 is one to one on these)
    assert zlib.crc32(b"") == 0
