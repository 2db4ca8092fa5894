"""Bulletin issues: composing from items, numbering per year, 总第N期, supplements apart,
defaults from the previous issue, and `check` catching gaps and duplicates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govinfo_tui.core import bulletins as B
from govinfo_tui.core import events as E
from govinfo_tui.core import export, journal, recording, reports
from govinfo_tui.core.period import OFFICE_TZ
from govinfo_tui.core.reports.bulletin import issue_report
from govinfo_tui.core.state import fold

from .conftest import MARCH, gv, paper_state

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def issues(root: Path) -> dict:
    st = fold(journal.load(root).events)
    return {(b.year, b.number, b.supplement): b for b in st.bulletins}


def test_parse_issue():
    assert B.parse_issue("2011-24") == (2011, 24, False)
    assert B.parse_issue("2011-S2") == (2011, 2, True)
    assert B.parse_issue("2011-增刊3") == (2011, 3, True)
    with pytest.raises(B.IssueError):
        B.parse_issue("24")


def test_next_numbers():
    st = paper_state()
    assert (B.default_channel(st), B.next_number(st, "gxzw", 2011), B.next_total(st, "gxzw")) == ("gxzw", 3, 103)
    assert B.next_number(st, "gxzw", 2011, supplement=True) == 1
    assert B.next_number(st, "gxzw", 2012) == 1


def test_publish_runs_on_and_copies_the_previous_issue(paper):
    code, out, err = gv(paper, "bulletin", "publish", "A5", "A2", "--date", "2011-03-30T17:00")
    assert code == 0, err
    b = issues(paper)[(2011, 3, False)]
    assert (b.channel, b.items, b.total_number, b.print_run, b.editor) == (
        "gxzw",
        ["A5", "A2"],
        103,
        80,
        "高县人民政府办公室",
    )
    assert (b.recipients_up, b.recipients_same, b.recipients_down) == (
        ["市政府办公室"],
        ["县委办"],
        ["各乡镇人民政府", "县政府各部门"],
    )
    code, _, err = gv(
        paper,
        "bulletin",
        "publish",
        "A1",
        "--supplement",
        "--title",
        "春茶专刊",
        "--up",
        "",
        "--down",
        "各乡镇，县级各部门",
        "--print-run",
        "50",
        "--date",
        "2011-03-31",
    )
    assert code == 0, err
    s = issues(paper)[(2011, 1, True)]
    assert (s.total_number, s.title, s.recipients_up, s.recipients_down, s.print_run) == (
        None,
        "春茶专刊",
        [],
        ["各乡镇", "县级各部门"],
        50,
    )
    code, out, _ = gv(paper, "bulletin", "next")
    assert json.loads(out) == {"channel": "gxzw", "year": 2011, "supplement": False, "number": 4, "total_number": 104}
    code, out, _ = gv(paper, "check")
    assert code == 0, out
    code, out, err = gv(paper, "report", "bulletin", "--issue", "2011-S1", "--format", "md")
    assert code == 0, err
    assert "〔2011〕增刊第1期" in out and "（总第" not in out


def test_publish_refusals(paper):
    code, _, err = gv(paper, "bulletin", "publish", "A1", "--number", "2", "--year", "2011")
    assert code == 2 and "〔2011〕第2期 was already published on 2011-03-28; the next free number is 3" in err
    code, _, err = gv(paper, "bulletin", "publish", "A1", "A1")
    assert code == 2 and "listed twice" in err
    code, _, err = gv(paper, "bulletin", "publish", "ZZ")
    assert code == 2 and "unknown item" in err
    code, _, err = gv(paper, "bulletin", "publish", "A1", "--total-number", "102", "--date", "2011-03-30")
    assert code == 2 and "总第102期" in err


def test_check_catches_gaps_and_duplicates(paper):
    assert gv(paper, "bulletin", "publish", "A1", "--number", "5", "--date", "2011-03-30")[0] == 0
    code, out, _ = gv(paper, "check")
    assert code == 1
    assert "高县政务信息 〔2011〕 numbering has gaps: 3-4 missing (2)" in out
    # a duplicate number can only come from outside the command (a merge, a hand edit)
    st = fold(journal.load(paper).events)
    first = next(b for b in st.bulletins if b.number == 1)
    journal.append(paper, [E.BulletinPublished(id="DUP01", at=first.at, by="git", channel="gxzw", year=2011, number=1)])
    code, out, _ = gv(paper, "check")
    assert "〔2011〕第1期 is numbered twice" in out


def test_issue_register_for_a_period():
    r = reports.bulletins(paper_state(), MARCH)
    assert [(x["issue"], x["label"], x["total_number"], x["items"]) for x in r.data["issues"]] == [
        ("2011-1", "〔2011〕第1期", None, 2),
        ("2011-2", "〔2011〕第2期", 102, 2),
    ]
    assert r.data["numbering_problems"] == []


def test_composer_preview_writes_nothing(paper, tmp_path):
    st = fold(journal.load(paper).events)
    before = sorted(p.read_bytes() for p in paper.rglob("*.jsonl"))
    (ev,) = recording.PublishBulletin(items=("A2", "A1")).build(st, dt.datetime(2011, 3, 31, 17, tzinfo=OFFICE_TZ), "t")
    r = issue_report(st, ev)
    assert r.data["label"] == "〔2011〕第3期" and r.data["total_number"] == 103
    assert [it["title"] for it in r.data["items"]] == ["文江镇茶叶", "文江镇春耕"]  # the order given
    export.write(r, "docx", tmp_path / "preview.docx")
    assert sorted(p.read_bytes() for p in paper.rglob("*.jsonl")) == before
