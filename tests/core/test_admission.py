"""The gate every write passes: nothing is acknowledged that cannot be read back, `append` is
judged like the other doors, and dates far from the journal are refused unless asked for."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import msgspec
import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, recording
from govinfo_tui.core.faults import Window
from govinfo_tui.core.recording import (
    Adopt,
    AppendEvents,
    ManualScore,
    RecordError,
    RegisterRules,
    SetTarget,
    admission,
)
from govinfo_tui.core.state import fold

from ..conftest import run, small_events, tree_bytes, write_journal
from .test_requests import CASES, WHEN, whole_state
from .test_requests import root as requests_journal  # noqa: F401 - a fixture, asked for by name

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

NOT_FINITE = [float("nan"), float("inf"), float("-inf"), float("1e999"), 1e308]


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "j", small_events())


def refused(root: Path, request) -> str:
    before = tree_bytes(root)
    with pytest.raises(RecordError) as caught:
        recording.record(root, request, at=WHEN, by="t")
    assert tree_bytes(root) == before, "nothing was written"
    return str(caught.value)


@pytest.mark.parametrize("points", NOT_FINITE, ids=str)
def test_numbers_that_cannot_be_read_back_are_refused(office: Path, points: float) -> None:
    """F2: `--points nan` used to be acknowledged and written as null, a line nothing reads."""
    assert "not a number from -1000000 to 1000000" in refused(office, ManualScore(points=points, reason="x", unit="wj"))
    assert "not a number" in refused(office, Adopt(item="A4", channel="kb", points=points, reason="x"))
    assert refused(office, SetTarget(year=2011, unit="qf", points=points))  # negative, or not a number


def test_a_combined_adoption_with_infinite_points_is_refused_not_a_traceback(office: Path) -> None:
    """F9: the credit split used to raise OverflowError on infinity."""
    request = Adopt(item="A4", channel="kb", form="综合", units=("wj", "qf"), points=float("inf"), reason="x")
    assert "points inf" in refused(office, request)


def test_a_rule_set_with_a_number_out_of_range_is_refused(office: Path) -> None:
    body = '{"ruleset": "R", "effective": "2011-01-01", "adoption": [{"channel": "kb", "points": 1e999}]}'
    assert "Number out of range" in refused(office, RegisterRules(body=body))
    body = '{"ruleset": "R", "effective": "2011-01-01", "urgent": {"phone_minutes": 1e12}}'
    assert "not a valid rule set" in refused(office, RegisterRules(body=body))


def test_an_event_built_by_hand_that_would_not_read_back_is_refused(office: Path) -> None:
    bad = E.Scored(id="S-NAN", at=WHEN, by="t", points=float("nan"), credits=[E.Credit(unit="wj", points=1)])
    assert "would not read back" in refused(office, AppendEvents(events=(bad,)))


def test_the_cli_refuses_nan_with_one_line_and_exit_2(office: Path) -> None:
    before = tree_bytes(office)
    for args in (
        ("score", "--points", "nan", "--reason", "x", "--unit", "wj"),
        ("score", "--points", "1e999", "--reason", "x", "--unit", "wj"),
        ("adopt", "A4", "--channel", "kb", "--points", "inf", "--reason", "x", "--unit", "wj", "--unit", "qf"),
        ("register", "target", "--year", "2011", "--unit", "gx", "--points", "nan"),
        ("register", "target", "--year", "-5", "--unit", "gx", "--points", "1"),
        ("bulletin", "publish", "A1", "--channel", "gxzw", "--number", "1000000000"),
    ):
        code, _, err = run("--journal", str(office), *args, "--date", "2011-03-28")
        assert code == 2 and err.count("\n") == 1 and "error:" in err, (args, err)
    assert tree_bytes(office) == before


# --- `append`, a door like the others ---------------------------------------------------


def line(**fields: object) -> str:
    fields.setdefault("at", "2011-03-28T09:00:00+08:00")
    return json.dumps(fields, ensure_ascii=False)


def append(root: Path, tmp_path: Path, *lines: str | bytes, any_date: bool = False) -> tuple[int, str]:
    path = tmp_path / "import.jsonl"
    path.write_bytes(b"".join((ln if isinstance(ln, bytes) else ln.encode()) + b"\n" for ln in lines))
    code, _out, err = run("--journal", str(root), "append", str(path), *(["--any-date"] if any_date else []))
    return code, err


def first_id(root: Path, kind: type) -> str:
    return next(ev.id for ev in fold(journal.load(root).events).log if isinstance(ev, kind))


REFUSED_LINES = {
    "an empty title": line(type="item_submitted", item="X1", title=" ", unit="wj"),
    "an unknown unit": line(type="item_submitted", item="X1", title="t", unit="nowhere"),
    "an unknown author": line(type="item_submitted", item="X1", title="t", unit="wj", authors=["p9"]),
    "a taken item id": line(type="item_submitted", item="A1", title="t", unit="wj"),
    "a negative target": line(type="target_set", year=2011, unit="wj", points=-5),
    "a target for nobody": line(type="target_set", year=2011, points=5),
    "a year of 0": line(type="target_set", year=0, unit="wj", points=5),
    "bulletin number 0": line(type="bulletin_published", channel="gxzw", year=2011, number=0, items=["A1"]),
    "a taken bulletin number": line(type="bulletin_published", channel="gxzw", year=2011, number=1, items=["A2"]),
    "a commission due before it was made": line(
        type="commissioned", commission="YG-9", title="t", unit="wj", deadline="2011-03-01"
    ),
    "a follow-up of nothing": line(type="followed_up", note="催"),
    "a unit its own parent": line(type="unit_registered", unit="lc", name="罗场镇", parent="lc"),
    "a parent cycle": line(type="unit_registered", unit="gx", name="高县", parent="wj"),
    "a negative quota": line(type="rules_set", ruleset="R", effective="2011-01-01", quota={"part_time": -1}),
    "credits to an unregistered unit": line(type="scored", points=2, credits=[{"unit": "nowhere", "points": 2}]),
    "an adoption of nothing": line(type="item_adopted", item="NOPE", channel="kb"),
    "an adoption before its item": line(type="item_adopted", item="A4", channel="kb", at="2011-03-01T09:00:00+08:00"),
    "an assertion whose period does not read (F6)": line(
        type="score_asserted", unit="gx", period="2011年五季度", points=5
    ),
    "a bulletin number of 1e9 (F7)": line(type="bulletin_published", channel="gxzw", year=2011, number=10**9),
    "year 1": line(type="item_returned", item="A4", at="0001-03-28T09:00:00+08:00"),
    "year 9999": line(type="item_returned", item="A4", at="9999-03-28T09:00:00+08:00"),
    "an empty id": line(type="item_returned", item="A4", id=""),
    "a megabyte id": line(type="item_returned", item="A4", id="x" * 1_000_000),
    "a ranking place of 0": line(type="ranking_recorded", unit="gx", year=2011, place=0, of=20),
    "not an object": "[1, 2]",
    "an unknown type": line(type="item_teleported"),
    "invalid UTF-8": b'{"type":"item_returned","item":"\xff","at":"2011-03-28T09:00:00+08:00"}',
    "deep nesting": b'{"type":"item_returned","x":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "a conflict marker": "<<<<<<< HEAD",
    "not JSON": "{oops",
}


@pytest.mark.parametrize("case", sorted(REFUSED_LINES))
def test_append_refuses_what_the_other_doors_refuse(office: Path, tmp_path: Path, case: str) -> None:
    """F15: each of these was accepted by `append` and most left `check` silent. The refusal
    names the input file and line; a good line before it is not written either."""
    before = tree_bytes(office)
    good = line(type="item_returned", item="A4", reason="ok")
    code, err = append(office, tmp_path, good, REFUSED_LINES[case])
    assert code == 2 and f"{tmp_path / 'import.jsonl'}:2: " in err and "nothing was written" in err, err
    assert "Traceback" not in err
    assert tree_bytes(office) == before


def test_append_refuses_an_id_already_in_the_journal(office: Path, tmp_path: Path) -> None:
    """F4: an imported line could take a recorded event's id and shadow it."""
    taken = first_id(office, E.ItemSubmitted)
    code, err = append(office, tmp_path, line(type="item_submitted", item="Z1", title="冒名", unit="wj", id=taken))
    assert code == 2 and f"id {taken} is already in the journal" in err


def test_append_refuses_one_id_twice_however_spaced(office: Path, tmp_path: Path) -> None:
    first = line(type="item_returned", item="A4", id="DUP")
    second = '{"type" : "item_returned",  "item": "A3", "id":   "DUP", "at": "2011-03-28T10:00:00+08:00"}'
    code, err = append(office, tmp_path, first, second)
    assert code == 2 and "id DUP is also on line 1" in err


def test_append_takes_a_void_of_a_void_as_its_undoing_and_refuses_a_void_of_that(office: Path, tmp_path: Path) -> None:
    target = first_id(office, E.LeaderCommented)
    assert append(office, tmp_path, line(type="event_voided", target=target, reason="误录", id="V1"))[0] == 0
    code, err = append(office, tmp_path, line(type="event_voided", target=target, reason="again"))
    assert code == 2 and "already voided" in err
    assert append(office, tmp_path, line(type="event_voided", target="V1", reason="误作废", id="U1"))[0] == 0
    code, err = append(office, tmp_path, line(type="event_voided", target="U1", reason="x"))
    assert code == 2 and "undoes a void" in err
    code, err = append(office, tmp_path, line(type="event_voided", target="V1", reason="twice"))
    assert code == 2 and "already voided" in err
    # the comment counts again, so it may be voided anew
    assert append(office, tmp_path, line(type="event_voided", target=target, reason="again", id="V2"))[0] == 0
    out = run("--journal", str(office), "check")
    assert "twice" not in out[1], out


def test_append_reads_lines_that_refer_to_earlier_lines_and_skips_a_bom(office: Path, tmp_path: Path) -> None:
    submitted = line(type="item_submitted", item="N1", title="新", unit="wj", authors=["p1"])
    adopted = line(type="item_adopted", item="N1", channel="kb", at="2011-03-29T09:00:00+08:00", id="AD1")
    scored = line(type="scored", points=2, source="AD1", item="N1", credits=[{"unit": "wj", "points": 2}])
    code, err = append(office, tmp_path, b"\xef\xbb\xbf" + submitted.encode(), adopted, scored)
    assert code == 0, err
    assert run("--journal", str(office), "check")[0] == 0


def test_append_names_a_utf16_file(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes(line(type="item_returned", item="A4").encode("utf-16"))
    code, _out, err = run("--journal", str(office), "append", str(path))
    assert code == 2 and f"{path}:1: the file is UTF-16" in err


def test_an_import_lists_every_bad_line(office: Path, tmp_path: Path) -> None:
    bad = [line(type="item_returned", item=f"NOPE{i}") for i in range(30)]
    code, err = append(office, tmp_path, *bad)
    assert code == 2 and err.count(": unknown item") == admission.MAX_SHOWN and "..." in err


# --- the window of dates --------------------------------------------------------------------


def test_a_mistyped_year_is_refused_and_the_message_gives_the_window(office: Path) -> None:
    """F17: `--date 2101-03-05` was accepted and moved every default period to 2101."""
    code, _, err = run("--journal", str(office), "submit", "年份打错", "--unit", "wj", "--date", "2101-03-05")
    assert code == 2 and "date 2101-03-05 is outside this journal's range, 1991-01-01 to " in err
    assert "20 years before its first events in 2011-01" in err and "--any-date" in err
    code, _, err = run("--journal", str(office), "submit", "年份打错", "--unit", "wj", "--date", "0211-03-05")
    assert code == 2 and "outside this journal's range" in err


def test_any_date_records_it_and_check_keeps_naming_it(office: Path) -> None:
    args = ("submit", "远期", "--unit", "wj", "--date", "2101-03-05", "--any-date")
    assert run("--journal", str(office), *args)[0] == 0
    code, out, _ = run("--journal", str(office), "check")
    assert code == 1 and f"{office / '2101' / '2101-03.jsonl'}:1: date 2101-03-05 is outside" in out


def test_the_window_runs_from_the_journals_run_of_dates() -> None:
    today = dt.date(2026, 11, 27)
    days = [dt.date(211, 3, 5), dt.date(2011, 1, 1), dt.date(2011, 6, 30), dt.date(2101, 3, 5)]
    window = Window.of(days, today)
    assert (window.start, window.end, window.core) == (dt.date(1991, 1, 1), dt.date(2027, 11, 27), dt.date(2011, 1, 1))
    assert Window.of([], today).start == dt.date(1900, 1, 1)
    assert Window.of([dt.date(1995, 1, 1), dt.date(2011, 1, 1)], today).core == dt.date(1995, 1, 1)
    # a line recorded today on a journal of long ago: the journal's years are its run, not today's
    old = Window.of([dt.date(2001, 1, 1), dt.date(2002, 1, 1), today], today)
    assert old.core == dt.date(2001, 1, 1) and old.holds(today) and old.holds(dt.date(2001, 5, 1))
    # a year mistyped long before: stray, whichever comes first
    assert Window.of([dt.date(1911, 3, 5), dt.date(2011, 1, 1), dt.date(2012, 1, 1)], today).core == dt.date(2011, 1, 1)


# --- the gate reads no more than the request's needles -----------------------------------


@pytest.mark.parametrize("case", CASES)
def test_the_gate_judges_alike_with_the_needles_or_the_whole_journal(
    requests_journal: Path,  # noqa: F811 - the fixture imported above
    case: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = requests_journal
    whole = whole_state(root)
    request = CASES[case](whole)
    counter = itertools.count()
    monkeypatch.setattr("govinfo_tui.core.recording.common.ULID", lambda: f"01TEST{next(counter):020d}")
    try:
        built = request.build(whole, WHEN, "t")
    except RecordError:
        return  # refused before the gate, alike: see test_requests
    needles = request.needles()
    read = whole if needles is None else fold(journal.load_matching(root, needles).events)

    def verdict(st) -> str:
        try:
            admission.admit(st, built, dates=admission.window(root, st))
        except RecordError as exc:
            return str(exc)
        return "admitted"

    assert verdict(read) == verdict(whole) == "admitted", [msgspec.to_builtins(ev) for ev in built]


def test_every_fault_has_words_in_both_languages() -> None:
    """`Fault` codes are rendered by the catalogue like errors: each needs its words."""
    import ast

    from govinfo_tui import i18n

    package = Path(i18n.__file__).resolve().parent.parent
    codes = {
        node.args[0].value
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "Fault"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert {"fault.unknown", "gate.id_taken", "append.not_json"} <= codes
    assert sorted(c for c in codes if c not in i18n.EN or c not in i18n.ZH) == []
