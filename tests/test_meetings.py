"""The weekly consultation meeting (信息会商会): recorded with its topics, printed as a record
and a topics list, and the weeks without one named by `check` without failing it."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from govinfo_tui.core import checks, journal
from govinfo_tui.core import events as E
from govinfo_tui.core.meetings import gaps
from govinfo_tui.core.state import fold

from .conftest import DEMO, at, gv, run, small_events, tree_bytes, write_journal


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The small journal, its record running to Wednesday 2011-04-06."""
    evs = small_events()
    evs.append(E.TopicPlanned(id="EVLATE1", at=at("2011-04-06", 16), by="t", topic="XT-2011-90", title="清明祭扫"))
    return write_journal(tmp_path / "j", evs)


def meeting(root: Path, day: str, *extra: str) -> tuple[int, str, str]:
    return gv(root, "meeting", "--date", day, "--attendee", "王敏、刘洋", "--attendee", "陈静", *extra)


def meetings_of(root: Path) -> list[E.MeetingHeld]:
    return sorted(fold(journal.load(root).events).meetings.values(), key=lambda m: m.at)


def test_a_meeting_records_its_topics_with_it(office: Path) -> None:
    code, _out, err = meeting(
        office, "2011-03-07", "--chair", "副主任 周涛", "--topic", "春耕备耕进展", "--topic", "烤烟育苗情况"
    )
    assert code == 0, err
    st = fold(journal.load(office).events)
    (m,) = st.meetings.values()
    assert m.meeting == "HS-2011-01"
    assert m.attendees == ["王敏", "刘洋", "陈静"] and m.chair == "副主任 周涛"
    assert [st.topics[c].title for c in m.topics] == ["春耕备耕进展", "烤烟育苗情况"]
    assert all(st.topics[c].note == "HS-2011-01会商确定" for c in m.topics)
    # a later meeting takes up a topic again by its code, and sets a new one beside it
    code, _out, err = meeting(office, "2011-03-14", "--topic", m.topics[0], "--topic", "小春田管")
    assert code == 0, err
    st = fold(journal.load(office).events)
    second = st.meetings["HS-2011-02"]
    assert second.topics[0] == m.topics[0] and st.topics[second.topics[1]].title == "小春田管"
    assert len(st.topics) == 3 + 1  # two, one more, and the fixture's own


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--date", "2011-03-07", "--attendee", " "), "参会人员"),
        (("--date", "2011-03-08", "--attendee", "王敏", "--topic", "XT-2011-77"), "XT-2011-77"),
        (("--date", "2011-03-07", "--attendee", "王敏"), "已记录过会商会"),
    ],
)
def test_what_a_meeting_refuses_writes_nothing(office: Path, args: tuple[str, ...], says: str) -> None:
    assert meeting(office, "2011-03-07")[0] == 0
    before = tree_bytes(office)
    code, _out, err = gv(office, "meeting", *args)
    assert code == 2 and says in err
    assert tree_bytes(office) == before


def test_check_names_the_weeks_without_a_meeting_and_still_passes(office: Path) -> None:
    for day in ("2011-03-07", "2011-03-14", "2011-03-28"):  # none in the week of 03-21
        assert meeting(office, day)[0] == 0
    st = fold(journal.load(office).events)
    (gap,) = gaps(st)
    assert (str(gap.first), str(gap.last), gap.week_numbers()) == ("2011-03-21", "2011-03-27", "12")
    assert gap.before.meeting == "HS-2011-02"
    code, out, _err = run("--journal", str(office), "check")
    assert code == 0, out
    assert "2011年第12周（2011-03-21 至 2011-03-27）未召开信息会商会" in out
    assert "提示 1 条" in out and out.strip().endswith("发现问题 0 处")
    # the week running on the record's last day (04-04 to 04-10) is not judged yet, nor any
    # week before the office's first meeting
    assert "第14周" not in out and "第9周" not in out


def test_weeks_in_a_row_without_a_meeting_are_one_note(office: Path) -> None:
    for day in ("2011-02-28", "2011-03-28"):
        assert meeting(office, day)[0] == 0
    (gap,) = gaps(fold(journal.load(office).events))
    assert gap.week_numbers() == "10-12" and gap.weeks == 3


def test_a_journal_without_meetings_has_no_notes(tmp_path: Path) -> None:
    st = fold(journal.load(write_journal(tmp_path / "j", small_events())).events)
    assert checks.notes(st) == []


def test_the_meeting_record_and_the_topics_list(office: Path, tmp_path: Path) -> None:
    assert meeting(office, "2011-03-07", "--topic", "春耕备耕进展", "--briefing", "县政府常务会部署春耕")[0] == 0
    assert meeting(office, "2011-03-28", "--topic", "烤烟移栽")[0] == 0
    code, out, err = run("--journal", str(office), "report", "meeting", "--period", "2011-03", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [m["meeting"] for m in data["meetings"]] == ["HS-2011-01", "HS-2011-02"]
    assert [t["title"] for t in data["topics"]] == ["春耕备耕进展", "烤烟移栽"]
    assert data["weeks_judged"] == 4  # the weeks of 03-07, 03-14, 03-21 and 03-28
    assert [(w["from"], w["to"], w["count"]) for w in data["weeks_without"]] == [("2011-03-14", "2011-03-27", 2)]
    out_file = tmp_path / "会商.docx"
    code, _out, err = run(
        "--journal", str(office), "report", "meeting", "--period", "2011-03", "--format", "docx", "-o", str(out_file)
    )
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(out_file)).paragraphs)
    assert "信息会商研究记录" in text
    assert "参会人员：王敏、刘洋、陈静" in text and "会议通报：县政府常务会部署春耕" in text
    assert "1. 春耕备耕进展" in text
    assert "2011年第11-12周未召开（共2周）" in text
    code, out, err = run("--journal", str(office), "report", "topics", "--period", "2011-03", "--format", "json")
    assert [t["meeting"] for t in json.loads(out)["topics"]] == ["HS-2011-01", "HS-2011-02"]


def test_the_demo_meets_every_week_but_the_holidays() -> None:
    st = fold(journal.load(DEMO).events)
    held = st.meetings.values()
    years = {m.at.year for m in held}
    assert years == {2010, 2011}
    assert sum(1 for m in held if m.at.year == 2010) >= 45
    assert all(m.attendees and m.topics for m in held)
    missed = gaps(st)
    assert 1 <= len(missed) <= 4  # the Spring Festival and National Day weeks
    assert all(g.weeks <= 2 for g in missed)
