"""No poison line: whatever bytes a journal file holds, every command reads the good lines and
names each bad one as `file:line: what is wrong; what to do`, with advice that fits the cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_tui.cli.reading import REPORTS
from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.reports import SUBJECT_OF

from .conftest import at, run, small_events, write_journal

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

GOOD = small_events()
AT = b'"at":"2011-03-09T09:00:00+08:00"'

# name -> (the bad line, words its reason must hold)
POISON = {
    "deep nesting (F5)": (
        b'{"type":"item_returned","id":"N1",' + AT + b',"x":' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "nested too deeply",
    ),
    "deep nesting, not an object": (b"[" * 10_000, "nested too deeply"),
    "a bulletin number of 1e9 (F7)": (
        b'{"type":"bulletin_published","id":"F7","channel":"gxzw","year":2011,"number":1000000000,' + AT + b"}",
        "<= 999",
    ),
    "points of 1e999": (b'{"type":"scored","id":"S9","points":1e999,"credits":[],' + AT + b"}", "out of range"),
    "points of null (F2's unreadable line)": (
        b'{"type":"scored","id":"S9","points":null,"credits":[],' + AT + b"}",
        "cannot be voided",
    ),
    "a git conflict marker (F21)": (b"<<<<<<< HEAD", "keep both sides' lines"),
    "the marker's middle": (b"=======", "delete the markers"),
    "only NUL bytes": (b"\x00" * 16, "power cut"),
    "a line cut inside a character": (
        b'{"type":"item_returned","id":"C1",' + AT + b',"reason":"\xe4\xb8',
        "interrupted write",
    ),
    "a line cut short": (b'{"type":"item_returned","id":"C2",' + AT + b',"reason":"abc', "never acknowledged"),
    "a year-1 date": (b'{"type":"item_returned","id":"Y1","at":"0001-03-09T09:00:00+08:00","item":"A4"}', "1900-2999"),
    "a 10 MB line": (
        b'{"type":"item_returned","id":"BIG",' + AT + b',"reason":"' + b"x" * 10_000_000 + b'"',
        "never acknowledged",
    ),
}

COMMANDS = (
    ("check",),
    ("replay", "--as-of", "2011-03-31"),
    *(("report", kind) for kind in REPORTS if kind != "timeline" and kind not in SUBJECT_OF),
    ("report", "timeline", "--item", "A4"),
    ("report", "adoption-slip", "--unit", "wj", "--period", "2011-03"),  # the journal has no commission
    ("report", "notice", "--period", "2011-03", "--format", "md"),
)


def shard(root: Path) -> Path:
    return root / "2011" / "2011-03.jsonl"


@pytest.mark.parametrize("case", sorted(POISON))
def test_a_poison_line_is_named_and_every_good_line_read(tmp_path: Path, case: str) -> None:
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    lineno = path.read_bytes().count(b"\n") + 1
    bad, words = POISON[case]
    late = E.ItemReturned(id="LATE", at=at("2011-03-30"), by="t", item="A4", reason="退回")
    path.write_bytes(path.read_bytes() + bad + b"\n" + journal.encode(late))
    loaded = journal.load(root)
    assert len(loaded.events) == len(GOOD) + 1
    (p,) = loaded.problems
    assert (p.path, p.line) == (str(path), lineno) and words in p.reason
    assert "; " in p.reason, "what is wrong, then what to do"
    for command in COMMANDS:
        code, _out, err = run("--journal", str(root), *command)
        assert code in (0, 1) and not err, (command, err[-300:])
    assert f"{path}:{lineno}: " in run("--journal", str(root), "check")[1]


def test_a_byte_order_mark_keeps_the_first_line(tmp_path: Path) -> None:
    """F16: Notepad's BOM at the start of the registry used to cost its first line (the county)."""
    root = write_journal(tmp_path / "j", GOOD)
    registry = root / journal.REGISTRY_NAME
    registry.write_bytes(b"\xef\xbb\xbf" + registry.read_bytes())
    loaded = journal.load(root)
    assert loaded.problems == [] and len(loaded.events) == len(GOOD)
    assert run("--journal", str(root), "check")[0] == 0


def test_crlf_line_ends_read_as_lf(tmp_path: Path) -> None:
    """Windows' CRLF, even beside a bad line (which makes the reader go line by line)."""
    root = write_journal(tmp_path / "j", GOOD)
    for path in journal.journal_files(root):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    loaded = journal.load(root)
    assert loaded.problems == [] and len(loaded.events) == len(GOOD)
    with shard(root).open("ab") as fh:
        fh.write(b"not json\r\n")
    loaded = journal.load(root)
    assert [p.kind for p in loaded.problems] == ["decode"] and len(loaded.events) == len(GOOD)


def test_values_apart_by_a_carriage_return_read_alike_in_bulk_and_line_by_line(tmp_path: Path) -> None:
    """The bulk decoder reads two values on one line; a bad line elsewhere in the file (which
    makes the reader go line by line) must not change that."""
    root = write_journal(tmp_path / "j", GOOD)
    pair = (
        b'{"type":"item_returned","id":"R1",'
        + AT
        + b',"item":"A4"}\r{"type":"item_returned","id":"R2",'
        + AT
        + b',"item":"A4"}\n'
    )
    with shard(root).open("ab") as fh:
        fh.write(pair)
    assert len(journal.load(root).events) == len(GOOD) + 2
    with shard(root).open("ab") as fh:
        fh.write(b"not json\n")
    assert len(journal.load(root).events) == len(GOOD) + 2


def test_a_utf16_file_is_named_once(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", GOOD)
    path = root / "2011" / "2011-04.jsonl"
    late = E.ItemReturned(id="LATE", at=at("2011-04-30"), by="t", item="A4")
    path.write_bytes(b"\xff\xfe" + journal.encode(late).decode().encode("utf-16-le") * 3)
    (p,) = journal.load(root).problems
    assert (p.path, p.line) == (str(path), 1) and "UTF-16" in p.reason


def test_a_whole_last_line_without_newline_is_told_apart_from_a_torn_one(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    late = E.ItemReturned(id="LATE", at=at("2011-03-30"), by="t", item="A4")
    path.write_bytes(path.read_bytes() + journal.encode(late).rstrip(b"\n"))
    (p,) = journal.load(root).problems
    assert p.kind == "torn" and "whole event" in p.reason and "add the newline" in p.reason
    path.write_bytes(path.read_bytes()[:-5])
    (p,) = journal.load(root).problems
    assert p.kind == "torn" and "interrupted write, never acknowledged" in p.reason


def test_one_id_twice_is_found_however_the_json_is_spaced(tmp_path: Path) -> None:
    """F3: lines another tool wrote (`"id": "X"`) sharing an id used to lose one event silently."""
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    n = path.read_bytes().count(b"\n")
    twins = (
        '{"type": "item_submitted", "item": "DUP-A", "title": "甲", "unit": "wj", "id": "01J0", '
        '"at": "2011-03-20T09:00:00+08:00"}\n'
        '{"type":"item_submitted", "item":"DUP-B", "title":"乙", "unit":"wj", "id" :"01J0", '
        '"at":"2011-03-21T09:00:00+08:00"}\n'
    )
    path.write_bytes(path.read_bytes() + twins.encode())
    conflicts = [(p.line, p.kind) for p in journal.load(root).problems]
    assert conflicts == [(n + 1, "conflict"), (n + 2, "conflict")]
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1 and f"{path}:{n + 2}: id 01J0 is used by different events" in out


def test_an_id_written_with_escapes_is_still_located(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    n = path.read_bytes().count(b"\n")
    twins = (
        b'{"type":"item_returned","item":"A4","id":"Q1",' + AT + b"}\n"
        b'{"type":"item_returned","item":"A3","id":"\\u0051\\u0031",' + AT + b"}\n"
    )
    path.write_bytes(path.read_bytes() + twins)
    assert [p.line for p in journal.load(root).problems] == [n + 1, n + 2]


def test_an_assertion_whose_period_does_not_read_is_a_finding(tmp_path: Path) -> None:
    """F6: `check` used to stop at the first such assertion, and the app would not start."""
    bad = E.ScoreAsserted(id="F6", at=at("2011-07-05"), by="t", unit="gx", period="2011年五季度", points=5)
    root = write_journal(tmp_path / "j", [*GOOD, bad])
    code, out, err = run("--journal", str(root), "check")
    assert code == 1 and not err
    assert "period '2011年五季度' not understood" in out and "void this assertion" in out


def test_a_huge_bulletin_number_in_an_old_reader_is_walked_not_enumerated(tmp_path: Path) -> None:
    """F7: gaps are found by walking the numbers, so even a number the schema now refuses
    (here built in Python, past the decoder) costs nothing."""
    from govinfo_tui.core import checks
    from govinfo_tui.core.state import fold

    far = E.BulletinPublished(id="F7", at=at("2011-03-26"), by="t", channel="gxzw", year=2011, number=10**9)
    found = [f.message for f in checks.bulletin_numbering(fold([*GOOD, far]))]
    assert found == ["高县政务信息 〔2011〕 numbering has gaps: 2-999999999 missing (999999998)"]


def test_a_day_of_year_1_names_the_year_0001(small: Path) -> None:
    """F24: `--as-of 0001-01-01` used to fail with "period '1' not understood"."""
    for args in (("report", "summary"), ("report", "notice"), ("replay",)):
        code, out, err = run("--journal", str(small), *args, "--as-of", "0001-01-01")
        assert code == 0 and not err and ("0001" in out or "1年1月" in out), (args, err)


def test_every_finding_of_many_is_named_at_its_own_line(tmp_path: Path) -> None:
    """Past the first few, `check` finds lines through one index of the files instead of a
    search per finding (a finding on every line took minutes at 100k events): the index must
    name the same line, however the line spaces its `"id"`."""
    root = write_journal(tmp_path / "j", GOOD)
    path = shard(root)
    item = next(ev.item for ev in GOOD if isinstance(ev, E.ItemSubmitted))
    lines = []
    for k in range(60):  # adoptions nobody scored: a finding each
        space = b" " if k % 3 == 0 else b""
        issue = f"第{k + 100}期".encode()
        head = b'{"type":"item_adopted","item":"' + item.encode() + b'","channel":"kb","issue":"' + issue
        lines.append(head + b'","id":' + space + b'"U' + str(k).encode() + b'",' + AT + b"}\n")
    path.write_bytes(path.read_bytes() + b"".join(lines))
    code, out, _ = run("--journal", str(root), "check")
    named = [ln for ln in out.splitlines() if ln.startswith(f"{path}:")]
    assert code == 1 and len(named) >= 60
    first = len(path.read_bytes().split(b"\n")) - 60  # the line of U0
    numbers = {int(ln[len(str(path)) + 1 :].split(":")[0]) for ln in named}
    assert set(range(first, first + 60)) <= numbers, sorted(numbers)
    by_search = {f"U{k}": journal.locate_id({str(path): path.read_bytes()}, f"U{k}") for k in range(60)}
    where = journal.Locator({str(path): path.read_bytes()})
    assert {ev_id: where(ev_id) for ev_id in by_search} == by_search


def test_a_unit_whose_parent_is_blank_by_hand_is_named(tmp_path: Path) -> None:
    """`append` refuses `"parent":""` (no unit has that code); written straight into the
    registry, `check` names it too (it used to take the blank for no parent)."""
    root = write_journal(tmp_path / "j", GOOD)
    line = b'{"type":"unit_registered","unit":"zz","name":"\\u67d0\\u9547","parent":"","id":"UZ",' + AT + b"}\n"
    code, _, err = run("--journal", str(root), "append", stdin=line)
    assert code == 2 and "parent" in err
    registry = root / "registry.jsonl"
    registry.write_bytes(registry.read_bytes() + line)
    n = registry.read_bytes().count(b"\n")
    code, out, _ = run("--journal", str(root), "check")
    assert code == 1 and f"{registry}:{n}: " in out and "zz" in out
