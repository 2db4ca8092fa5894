"""Urgent items, remuneration and the year-end appraisal on the paper journal (answers by hand)."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, reports
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import MARCH, at, paper_events, paper_rules, paper_state, run

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages

YEAR = parse_period("2011")


# --- urgent --------------------------------------------------------------------------


def test_urgent_items_judged_against_the_limits():
    r = reports.urgent(paper_state(), MARCH)
    rows = {x["item"]: x for x in r.data["items"]}
    assert [(k, v["minutes"], v["limit"], v["status"]) for k, v in rows.items()] == [
        ("U1", 15, 20, "on_time"),
        ("U2", 60, 40, "late"),
        ("U3", None, 40, "unknown"),
    ]
    assert r.data["counts"] == {"on_time": 1, "late": 1, "unknown": 1}
    assert r.data["late_unpenalized"] == ["U2"]
    assert "迟报1条" in r.sections[0].paragraphs[0]


def test_urgent_limit_is_inclusive():
    evs = paper_events()
    evs.append(
        E.ItemSubmitted(
            id="EDGE",
            at=at("2011-03-23", 8, 20),
            by="t",
            item="U4",
            title="恰好20分钟",
            unit="qf",
            urgent=True,
            occurred_at=at("2011-03-23", 8, 0),
            report_kind="phone",
        )
    )
    rows = {x["item"]: x for x in reports.urgent(fold(evs), MARCH).data["items"]}
    assert (rows["U4"]["minutes"], rows["U4"]["status"]) == (20, "on_time")


def test_penalize_late_urgent_item(paper):
    base = ("--journal", str(paper), "--by", "tester")
    code, _, err = run(*base, "penalize", "urgent", "U1")
    assert code == 2 and "within the 20-minute limit" in err
    code, _, err = run(*base, "penalize", "urgent", "U3")
    assert code == 2 and "cannot be judged" in err
    code, _, err = run(*base, "penalize", "urgent", "A1")
    assert code == 2 and "not an urgent item" in err
    code, out, err = run(*base, "penalize", "urgent", "U2", "--date", "2011-03-31")
    assert code == 0, err
    assert "-5 (2011/penalty:late_urgent)" in out
    code, _, err = run(*base, "penalize", "urgent", "U2", "--date", "2011-03-31")
    assert code == 2 and "already penalised" in err
    st = fold(journal.load(paper).events)
    row = next(x for x in reports.urgent(st, MARCH).data["items"] if x["item"] == "U2")
    assert (row["penalized"], row["penalty"]) == (True, -5)
    (score,) = st.items["U2"].scores
    assert [(c.unit, c.person, c.points) for c in score.credits] == [("nyj", "p3", -5)]
    assert "60分钟" in score.reason and "40分钟" in score.reason


# --- remuneration --------------------------------------------------------------------


def test_remuneration_highest_rate_once_per_item():
    r = reports.remuneration_sheet(paper_state("highest"), MARCH)
    d = r.data
    assert d["total"] == 190
    assert {(p["person"], p["amount"]) for p in d["people"]} == {("p1", 115), ("p2", 50), ("p4", 25)}
    assert [(u["unit"], u["amount"]) for u in d["units"]] == [("wj", 140), ("qf", 50)]
    a6 = [x for x in d["lines"] if x["item"] == "A6"]
    assert [(x["channel"], x["rate"], x["paid"], x["note"]) for x in a6] == [
        ("kb", 30, 30, ""),
        ("cz", 50, 20, "按最高标准补差"),
    ]
    assert a6[1]["shares"] == [
        {"person": "p1", "name": "张三", "amount": 10},
        {"person": "p4", "name": "赵六", "amount": 10},
    ]


def test_remuneration_additive():
    d = reports.remuneration_sheet(paper_state("additive"), MARCH).data
    assert d["total"] == 220
    assert {(p["person"], p["amount"]) for p in d["people"]} == {("p1", 130), ("p2", 50), ("p4", 40)}


def test_remuneration_later_lower_adoption_pays_nothing():
    evs = paper_events()
    a = E.ItemAdopted(id="LATE1", at=at("2011-04-02", 10), by="t", item="A3", channel="kb")
    evs += [
        a,
        E.Scored(
            id="LATE2",
            at=a.at,
            by="t",
            points=2,
            credits=[E.Credit(unit="qf", person="p2", points=2)],
            rule="2011/adopt:kb",
            source=a.id,
            item="A3",
        ),
    ]
    d = reports.remuneration_sheet(fold(evs), parse_period("2011-04")).data
    assert [(x["item"], x["rate"], x["paid"], x["note"]) for x in d["lines"]] == [("A3", 30, 0, "已按较高标准支付")]
    assert d["total"] == 0
    assert reports.remuneration_sheet(fold(evs), parse_period("2011-03..2011-04")).data["total"] == 190


def test_remuneration_cli_csv_has_bom(paper):
    code, out, err = run("--journal", str(paper), "report", "remuneration", "--period", "2011-03", "--format", "csv")
    assert code == 0, err
    assert out.startswith("\ufeff序号,姓名,单位,采用条次,金额(元),领取人签字")  # the sheet a payee signs
    assert "1,张三,文江镇,5,115.00," in out
    assert ",合计,,8,190.00," in out


# --- appraisal -----------------------------------------------------------------------


def test_appraisal_grades_targets_and_remuneration():
    r = reports.appraisal(paper_state(), YEAR)
    d = r.data
    rows = {row["code"]: row for g in d["rankings"] for row in g["rows"]}
    assert (rows["wj"]["points"], rows["wj"]["completion"], rows["wj"]["grade"], rows["wj"]["remuneration"]) == (
        18,
        1.8,
        "优秀",
        140,
    )
    assert (rows["qf"]["points"], rows["qf"]["completion"], rows["qf"]["grade"]) == (4, 0.8, "良好")  # at the line
    assert (rows["nyj"]["points"], rows["nyj"]["completion"], rows["nyj"]["grade"]) == (0, 0.0, "未达标")
    assert d["office"] == {
        "name": "高县",
        "points": 22,
        "target": 20,
        "completion": 1.1,
        "grade": "优秀",
        "city_place": None,
        "city_of": None,
    }
    assert d["remuneration_total"] == 190
    people = {p["code"]: p for p in d["people"]}
    assert (people["p1"]["points"], people["p1"]["remuneration"]) == (15.5, 115)
    assert (people["p4"]["points"], people["p4"]["remuneration"]) == (2.5, 25)
    assert d["ruleset"] == "2011"
    assert "优秀（完成目标100.0%及以上）" in r.attachments[0].paragraphs[0]


def test_each_year_is_graded_by_its_own_rules():
    stricter = msgspec.structs.replace(
        paper_rules(),
        id="RULES2012",
        at=at("2012-01-01", 8),
        ruleset="2012",
        effective=dt.date(2012, 1, 1),
        grades=[E.Grade(name="优秀", min_completion=2.0), E.Grade(name="合格", min_completion=0.5)],
    )
    evs = [*paper_events(), stricter]
    evs.append(E.TargetSet(id="T2012", at=at("2012-01-02"), by="t", year=2012, unit="wj", points=10))
    st = fold(sorted(evs, key=lambda e: (e.at, e.id)))
    rows = {row["code"]: row for g in reports.appraisal(st, YEAR).data["rankings"] for row in g["rows"]}
    assert rows["wj"]["grade"] == "优秀"  # 2011 replays with 2011's thresholds
    d2012 = reports.appraisal(st, parse_period("2012")).data
    assert d2012["ruleset"] == "2012"
    assert {row["code"]: row["grade"] for g in d2012["rankings"] for row in g["rows"]}["wj"] == "未达标"


def test_appraisal_counts_recorded_penalties(paper):
    assert run("--journal", str(paper), "--by", "t", "penalize", "urgent", "U2", "--date", "2011-03-31")[0] == 0
    st = fold(journal.load(paper).events)
    rows = {row["code"]: row for g in reports.appraisal(st, YEAR).data["rankings"] for row in g["rows"]}
    assert (rows["nyj"]["penalties"], rows["nyj"]["points"]) == (-5, -5)


def test_the_appraisals_pay_adds_up_with_the_office_s_own_staff_named_apart():
    """The demo's 2010 appraisal: the office's own centre is not appraised, so its officers are in
    no table; the text's 稿酬 total says how much of it went to them, and the tables' 合计 plus
    that part is the total (a 科长 adds them up before signing)."""
    from govinfo_tui.core import journal, reports
    from govinfo_tui.core.period import parse_period
    from govinfo_tui.core.state import fold

    st = fold(journal.load(journal.demo_journal()).events)
    r = reports.appraisal(st, parse_period("2010"))
    d = r.data
    people = round(sum(p["remuneration"] for p in d["people"]), 2)
    units = round(sum(row["remuneration"] for g in d["rankings"] for row in g["rows"]), 2)
    assert d["remuneration_own"] > 0 and people == units == round(d["remuneration_total"] - d["remuneration_own"], 2)
    text = "\n".join(p for s in r.sections for p in s.paragraphs)
    assert f"计发稿酬{d['remuneration_total']:,.2f}元（其中本单位人员{d['remuneration_own']:,.2f}元" in text
    everyone = reports.appraisal(st, parse_period("2010"), include_own=True).data
    assert everyone["remuneration_own"] == 0
    assert round(sum(p["remuneration"] for p in everyone["people"]), 2) == everyone["remuneration_total"]
