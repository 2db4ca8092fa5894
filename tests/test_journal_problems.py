"""Bad input: every bad line is reported with file:line, and no good event is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import at, run, small_events, write_journal

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

GOOD = small_events()


def shard(root: Path) -> Path:
    return root / "2011" / "2011-03.jsonl"


def good_count(root: Path) -> int:
    return len(journal.load(root).events)


BAD_LINES = {
    "malformed JSON": (b'{"type": "item_submitted", "id": ', "not valid JSON"),
    "wrong type of value": (
        b'{"type":"item_returned","id":"B1","at":"2011-03-09T09:00:00+08:00","item":42}',
        "Expected `str`, got `int`",
    ),
    "naive time": (b'{"type":"item_returned","id":"B1","at":"2011-03-09T09:00:00","item":"A1"}', "timezone"),
    "unknown event type": (
        b'{"type":"item_teleported","id":"B1","at":"2011-03-09T09:00:00+08:00"}',
        "unknown event type 'item_teleported'",
    ),
    "invalid UTF-8": (b'{"type":"item_returned","id":"B1","at":"2011-03-09T09:00:00+08:00","item":"\xff\xfe"}', ""),
    "NUL bytes": (b"\x00\x00\x00", "not valid JSON"),
    "a huge line": (b'{"type":"item_returned","id":"B1","item":"' + b"x" * 2_000_000 + b'"', "not valid JSON"),
    "not an object": (b"[1, 2, 3]", "invalid event"),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_bad_line_is_reported_with_file_and_line(tmp_path, case):
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    before = path.read_bytes()
    n_lines = before.count(b"\n")
    bad, expected = BAD_LINES[case]
    # the bad line goes in the middle, followed by one more good line
    extra = E.ItemReturned(id="LATE", at=at("2011-03-30"), by="t", item="A4", reason="退回")
    path.write_bytes(before + bad + b"\n" + journal.encode(extra))
    loaded = journal.load(root)
    assert len(loaded.events) == len(GOOD) + 1, "every good line still loads"
    assert len(loaded.problems) == 1
    p = loaded.problems[0]
    assert (p.path, p.line) == (str(path), n_lines + 1)
    assert expected in p.reason
    assert str(p).startswith(f"{path}:{n_lines + 1}: ")
    assert len(p.text) < 200, "a huge line is shown shortened"


def test_torn_last_line_is_reported_then_never_glued(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    path.write_bytes(path.read_bytes() + b'{"type":"item_returned","id":"TORN","at":"2011-03-')
    loaded = journal.load(root)
    assert [p.kind for p in loaded.problems] == ["torn"]
    assert len(loaded.events) == len(GOOD)
    # the next append starts on a fresh line: the fragment stays one bad line of its own
    journal.append(root, [E.ItemReturned(id="NEXT", at=at("2011-03-29"), by="t", item="A4")])
    loaded = journal.load(root)
    assert len(loaded.events) == len(GOOD) + 1
    assert [p.kind for p in loaded.problems] == ["decode"]
    assert "TORN" in loaded.problems[0].text


def test_duplicate_lines_count_once(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    path.write_bytes(path.read_bytes() * 2)
    loaded = journal.load(root)
    assert loaded.problems == []
    assert len(loaded.events) == len(GOOD)
    assert queries.summary(fold(loaded.events), parse_period("2011"))["points"] == 17


def test_same_id_different_content_is_a_conflict(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    first = next(e for e in GOOD if isinstance(e, E.ItemSubmitted))
    other = E.ItemSubmitted(id=first.id, at=first.at, by="x", item="Z9", title="另一条", unit="wj")
    journal.append(root, [other])
    loaded = journal.load(root)
    conflicts = [p for p in loaded.problems if p.kind == "conflict"]
    assert len(conflicts) == 2, "both copies are pointed at"
    assert all(first.id in p.reason for p in conflicts)
    assert len(loaded.events) == len(GOOD)


def test_reference_to_unknown_item_is_reported_by_check_with_file_and_line(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    journal.append(root, [E.ItemAdopted(id="ORPHAN", at=at("2011-03-28"), by="t", item="NOPE", channel="kb")])
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1
    last = shard(root).read_bytes().count(b"\n")
    assert f"{shard(root)}:{last}: refers to unknown item NOPE" in out
    assert len(journal.load(root).events) == len(GOOD) + 1


def test_check_lists_bad_lines_and_exits_nonzero(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    with shard(root).open("ab") as fh:
        fh.write(b"not json\n")
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1
    assert f"{shard(root)}:" in out and "not valid JSON" in out


def test_blank_lines_are_harmless(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    path.write_bytes(b"\n\n" + path.read_bytes() + b"\n   \n")
    loaded = journal.load(root)
    assert loaded.problems == [] and len(loaded.events) == len(GOOD)


def test_reading_never_writes(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    with shard(root).open("ab") as fh:
        fh.write(b"garbage without newline")
    before = {p: p.read_bytes() for p in root.rglob("*.jsonl")}
    journal.load(root)
    run("--journal", str(root), "check")
    run("--journal", str(root), "report", "summary")
    assert {p: p.read_bytes() for p in root.rglob("*.jsonl")} == before


def test_text_that_only_starts_like_json_is_called_malformed(tmp_path):
    root = write_journal(tmp_path / "j", GOOD)
    with shard(root).open("ab") as fh:
        fh.write(b"[bold]not json\n")
    (p,) = journal.load(root).problems
    assert "not valid JSON" in p.reason and p.text == "[bold]not json"
