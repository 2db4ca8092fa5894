"""Topics, commissions and follow-up: overdue lists, fulfilment, follow-up, explicit penalties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govinfo_tui.core import journal, reports
from govinfo_tui.core.state import fold

from .conftest import MARCH, gv, paper_state

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def commissions_json(root: Path, period: str, *extra: str) -> dict:
    code, out, err = gv(root, "report", "commissions", "--period", period, "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_statuses_judged_at_the_period_end():
    r = reports.commissions(paper_state(), MARCH)
    rows = {c["commission"]: c for c in r.data["commissions"]}
    assert {k: v["status"] for k, v in rows.items()} == {"C1": "on_time", "C2": "overdue", "C3": "open"}
    assert rows["C1"]["delivered"] == "2011-03-05" and rows["C1"]["item"] == "A5"
    assert rows["C2"]["days_overdue"] == 21
    assert [c["commission"] for c in r.data["overdue"]] == ["C2"]
    assert r.data["topics"] == [
        {"topic": "XT-1", "title": "春茶产销", "planned": "2011-03-01", "note": "", "commissions": 1, "delivered": 1}
    ]


def test_overdue_appears_then_disappears_when_fulfilled(paper):
    assert [c["commission"] for c in commissions_json(paper, "2011-04")["overdue"]] == ["C2", "C3"]
    code, out, err = gv(paper, "fulfil", "C3", "U1")
    assert code == 0, err
    assert "commission_fulfilled" in out
    d = commissions_json(paper, "2011-04")
    assert [c["commission"] for c in d["overdue"]] == ["C2"]
    assert "C3" not in [c["commission"] for c in d["commissions"]]  # settled in March: not April's business
    c3 = next(c for c in commissions_json(paper, "2011-03")["commissions"] if c["commission"] == "C3")
    assert (c3["status"], c3["delivered"], c3["item"]) == ("on_time", "2011-03-20", "U1")  # dated when U1 came in
    # fulfilling twice is refused
    code, _, err = gv(paper, "fulfil", "C3", "A3")
    assert code == 2 and "already fulfilled by item U1" in err


def test_follow_up_is_recorded_and_refused_when_nothing_to_chase(paper):
    code, _, err = gv(paper, "follow-up", "C2", "--note", "电话督促，限4月5日前报送", "--date", "2011-04-02")
    assert code == 0, err
    d = commissions_json(paper, "2011-04")
    c2 = d["overdue"][0]
    assert (c2["followups"], c2["last_followup"], c2["last_followup_note"]) == (
        1,
        "2011-04-02",
        "电话督促，限4月5日前报送",
    )
    assert d["followups"][0]["commission"] == "C2"
    code, _, err = gv(paper, "follow-up", "C1", "--note", "x", "--date", "2011-04-02")
    assert code == 2 and "nothing to chase" in err
    code, _, err = gv(paper, "follow-up", "NOPE", "--note", "x")
    assert code == 2 and "unknown commission" in err


def test_penalty_only_by_explicit_command(paper):
    # being overdue alone deducts nothing
    assert commissions_json(paper, "2011-04")["overdue"][0]["penalty"] == 0
    code, _, err = gv(paper, "penalize", "commission", "C3", "--date", "2011-03-25")
    assert code == 2 and "not due until 2011-03-31" in err
    code, _, err = gv(paper, "penalize", "commission", "C1", "--date", "2011-04-01")
    assert code == 2 and "on time" in err
    code, out, err = gv(paper, "penalize", "commission", "C2", "--date", "2011-04-05")
    assert code == 0, err
    assert "-10 (2011/penalty:missed_commission)" in out
    code, _, err = gv(paper, "penalize", "commission", "C2", "--date", "2011-04-06")
    assert code == 2 and "already penalised" in err
    st = fold(journal.load(paper).events)
    (score,) = [s for s in st.scores if s.rule.endswith("penalty:missed_commission")]
    assert (score.points, score.credits[0].unit, score.credits[0].person) == (-10, "nyj", None)
    assert "C2" in score.reason
    c2 = commissions_json(paper, "2011-04")["overdue"][0]
    assert (c2["penalized"], c2["penalty"]) == (True, -10)
    notice = reports.notice(st, reports_period("2011-04"))
    assert [(p["unit_name"], p["points"], p["kind"]) for p in notice.data["penalties"]] == [
        ("县农业局", -10, "missed_commission")
    ]
    code, out, _ = gv(paper, "check")
    assert code == 0, out


def reports_period(text: str):
    from govinfo_tui.core.period import parse_period

    return parse_period(text)


def test_topic_and_commission_commands(paper):
    code, _out, err = gv(paper, "topic", "汛期地质灾害防治", "--note", "周会商会确定", "--date", "2011-04-01")
    assert code == 0, err
    code, _out, err = gv(
        paper,
        "commission",
        "--topic",
        "XT-2011-01",
        "--person",
        "p2",
        "--deadline",
        "2011-04-10",
        "--date",
        "2011-04-01T10:00",
    )
    assert code == 0, err
    st = fold(journal.load(paper).events)
    assert st.topics["XT-2011-01"].title == "汛期地质灾害防治"
    com = st.commissions["YG-2011-01"]
    assert (com.title, com.unit, com.person, str(com.deadline), com.topic) == (
        "汛期地质灾害防治",
        "qf",
        "p2",
        "2011-04-10",
        "XT-2011-01",
    )
    code, _, err = gv(paper, "commission", "二号", "--unit", "wj", "--deadline", "2011-04-10", "--date", "2011-04-01")
    assert code == 0, err
    assert "YG-2011-02" in fold(journal.load(paper).events).commissions
    for bad, message in (
        (("--unit", "wj", "--deadline", "2011-03-01", "--date", "2011-04-01"), "before the commission's date"),
        (("--person", "p2", "--unit", "wj", "--deadline", "2011-04-10"), "belongs to unit qf"),
        (("--topic", "XT-9", "--unit", "wj", "--deadline", "2011-04-10"), "unknown topic"),
        (
            (
                "--deadline",
                "2011-04-10",
            ),
            "--unit or --person",
        ),
    ):
        code, _, err = gv(paper, "commission", "题目", *bad)
        assert code == 2 and message in err, (bad, err)


def test_voiding_the_commission_voids_its_penalty(paper):
    assert gv(paper, "penalize", "commission", "C2", "--date", "2011-04-05")[0] == 0
    st = fold(journal.load(paper).events)
    ev_id = next(ev.id for ev in st.log if getattr(ev, "commission", None) == "C2" and ev.id.startswith("PX"))
    code, out, err = gv(paper, "void", ev_id, "--reason", "约稿取消")
    assert code == 0, err
    assert out.count("event_voided") == 2
    st = fold(journal.load(paper).events)
    assert "C2" not in st.commissions
    assert not [s for s in st.scores if "penalty" in s.rule]


def test_penalize_missed_quota(paper):
    code, _, err = gv(paper, "penalize", "quota", "p3", "--month", "2011-03")
    assert code == 2 and "no monthly quota" in err  # p3 is full-time; the rules set a part-time quota only
    code, _, err = gv(paper, "penalize", "quota", "p1")
    assert code == 2 and "--month" in err
    code, out, err = gv(paper, "penalize", "quota", "p2", "--month", "2011-03")
    assert code == 0, err
    assert "-1 (2011/penalty:missed_quota)" in out
    code, _, err = gv(paper, "penalize", "quota", "p2", "--month", "2011-03")
    assert code == 2 and "already penalised for 2011-03" in err
    st = fold(journal.load(paper).events)
    (s,) = [s for s in st.scores if s.rule.endswith("missed_quota")]
    assert (s.at.isoformat(), s.credits[0].unit, s.credits[0].person) == ("2011-03-31T23:59:59+08:00", "qf", "p2")
    assert s.reason == "2011-03 报送2条，少于每月4条"
    notice = reports.notice(st, MARCH)
    assert [(p["person_name"], p["points"], p["kind"]) for p in notice.data["penalties"]] == [
        ("李四", -1, "missed_quota")
    ]
