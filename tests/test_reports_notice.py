"""The monthly notice (通报) on hand-made journals, its numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

from govinfo_tui.core import events as E
from govinfo_tui.core import reports
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import fold

from .conftest import MARCH, at, paper_state, run, small_events

# conftest.small_events, March 2011: wj 13 points (target 10), qf 4 (no target), nyj 0; office 17 of 20.


def small_notice(**kw):
    return reports.notice(fold(small_events()), MARCH, **kw)


def test_rankings_per_unit_kind():
    r = small_notice()
    groups = {g["kind"]: g["rows"] for g in r.data["rankings"]}
    assert list(groups) == ["township", "department"]
    wj, qf = groups["township"]
    assert (wj["rank"], wj["name"], wj["submitted"], wj["city"], wj["province"], wj["points"]) == (
        1,
        "文江镇",
        3,
        3,
        0,
        13,
    )
    assert (wj["target"], wj["ytd_points"], wj["completion"]) == (10, 13, 1.3)
    assert (qf["rank"], qf["submitted"], qf["city"], qf["province"], qf["points"], qf["completion"]) == (
        2,
        1,
        1,
        1,
        4,
        None,
    )
    (nyj,) = groups["department"]
    assert (nyj["rank"], nyj["submitted"], nyj["adopted"], nyj["points"]) == (1, 1, 0, 0)


def test_ties_rank_equal():
    evs = small_events()
    # give 庆符镇 9 more points by hand: 13 each, both first
    evs.append(
        E.Scored(
            id="TIE1",
            at=at("2011-03-30"),
            by="t",
            points=9,
            credits=[E.Credit(unit="qf", points=9)],
            rule="manual",
            reason="测试并列",
        )
    )
    r = reports.notice(fold(evs), MARCH)
    rows = r.data["rankings"][0]["rows"]
    assert [(x["code"], x["rank"], x["points"]) for x in rows] == [("wj", 1, 13), ("qf", 1, 13)]


def test_office_summary_and_text():
    r = small_notice()
    d = r.data
    assert d["summary"]["items"] == 5 and d["summary"]["submitted"] == 4
    assert (d["summary"]["points"], d["ytd_points"], d["office_target"], d["ytd_completion"]) == (17, 17, 20, 0.85)
    assert r.intro == ["现将2011年3月全县政务信息工作情况通报如下："]
    assert r.sections[0].heading == "一、基本情况"
    text = r.sections[0].paragraphs[0]
    assert text.startswith("2011年3月，全县共报送政务信息5条，其中向省、市报送4条")
    assert "被《政务信息快报》采用3条、《川政晨讯》采用1条，共被上级采用4条（次）" in text
    assert "编发《高县政务信息》1期" in text
    assert "完成年度目标任务（20分）的85.0%" in text
    assert r.title == "高县人民政府办公室关于2011年3月政务信息工作情况的通报"


def test_zero_submissions_quota_adoptions_comments():
    evs = small_events()
    evs.insert(
        3,
        E.UnitRegistered(
            id="EV00003b", at=at("2011-01-01", 7), by="t", unit="sh", name="沙河镇", kind="township", parent="gx"
        ),
    )
    r = reports.notice(fold(evs), MARCH)
    d = r.data
    assert [z["name"] for z in d["zero_submissions"]] == ["沙河镇"]
    problems = next(s for s in r.sections if s.heading.endswith("存在问题"))
    assert "沙河镇本月未报送信息，请予重视。" in problems.paragraphs
    below = {b["code"]: b for b in d["below_quota"]}
    assert set(below) == {"p1", "p2"}  # part-time quota 4; p3 is full-time with no quota
    assert below["p1"]["detail"] == "2011年3月报送3条（应报4条）"
    assert [(a["item"], a["channel_name"], a["points"]) for a in d["adoptions"]] == [
        ("A1", "政务信息快报", 2),
        ("A2", "政务信息快报", 5),
        ("A3", "川政晨讯", 3),
        ("A5", "政务信息快报", 2),
    ]
    assert d["adoptions"][3]["unit_name"] == "文江镇、庆符镇"  # combined adoption credits both
    assert [(c["item"], c["leader"], c["points"]) for c in d["comments"]] == [("A2", "市长", 5)]


def test_commissions_and_penalties_in_the_notice():
    st = paper_state()
    r = reports.notice(st, MARCH)
    com = {c["commission"]: c["status"] for c in r.data["commissions"]}
    assert com == {"C1": "on_time", "C2": "overdue", "C3": "open"}
    # judged at the end of the period, so a later delivery does not change March's notice
    assert reports.notice(st, MARCH, today=dt.date(2011, 3, 9)).data["commissions"][0]["status"] == "open"
    assert r.data["penalties"] == []


def test_the_period_is_respected():
    r = reports.notice(fold(small_events()), parse_period("2011-04"))
    assert r.data["adoptions"] == [] and r.data["summary"]["points"] == 0
    assert r.data["ytd_points"] == 17  # the year to date still counts March


def test_cli_notice_json_and_default_period(small):
    code, out, err = run("--journal", str(small), "report", "notice", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["period"] == "2011-03"  # a notice defaults to the month of the last event
    assert d["rankings"][0]["rows"][0]["points"] == 13
    code, out, err = run("--journal", str(small), "report", "notice", "--period", "2011-03", "--as-of", "2011-03-10")
    assert code == 0, err
    assert "2011年3月" in out and "文江镇" in out


def test_period_names_and_quarterly_notice():
    from govinfo_tui.core.reports.common import cn_period

    names = {
        t: cn_period(parse_period(t)) for t in ("2011", "2011-06", "2011-Q2", "2011-H1", "2011-H2", "2011-01..2011-05")
    }
    assert names == {
        "2011": "2011年",
        "2011-06": "2011年6月",
        "2011-Q2": "2011年第二季度",
        "2011-H1": "2011年上半年",
        "2011-H2": "2011年下半年",
        "2011-01..2011-05": "2011年1—5月",
    }
    r = reports.notice(fold(small_events()), parse_period("2011-Q1"))
    assert r.title == "高县人民政府办公室关于2011年第一季度政务信息工作情况的通报"
    below = {b["code"]: b["months_below"] for b in r.data["below_quota"]}
    assert below == {"p1": 3, "p2": 3}  # January and February empty, March short
    assert reports.notice(fold(small_events()), MARCH, kinds=["department"]).data["rankings"][0]["kind"] == "department"
