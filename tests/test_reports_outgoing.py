"""The papers the office sends for its mechanisms, read back from docx and xlsx and checked
against the paper journal (tests/conftest.py), whose answers are worked out by hand there and
below: the targets notice, the commission notice, the follow-up slip, the adoption slip, the
commendation decision and the remuneration sheet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import msgspec
import pytest
from docx import Document
from openpyxl import load_workbook

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries, reports
from govinfo_tui.core.reports.remuneration import payments, totals
from govinfo_tui.core.state import fold

from .conftest import MARCH, at, gv, paper_events, write_journal

# --- the journal ---------------------------------------------------------------------
# The paper journal with:
# - commendation rules: the best township and department (one each) at 100% of target or more,
#   two officers with an adoption and at most 11 months under the quota (the journal has only
#   March, so each part-time officer misses the other months: p1 11, p2 and p4 12, as p2 and p4
#   miss March too), and three classes of items;
# - requirements on commission C1;
# - two follow-ups of C2 (县农业局, due 03-10, never delivered): 03-14 and 03-20, and one of
#   item A2 (the city mayor's comment) on 03-22.

RULES = E.Commendation(
    units=1,
    unit_min_completion=1.0,
    officers=2,
    officer_min_adopted=1,
    officer_max_months_below=11,
    prizes=[
        E.ItemPrize(name="一等奖", count=1, min_points=10),
        E.ItemPrize(name="二等奖", count=2, min_points=3),
        E.ItemPrize(name="三等奖", count=5),
    ],
)


def outgoing_events(rules: E.Commendation = RULES) -> list[E.Event]:
    evs = []
    for ev in paper_events():
        if isinstance(ev, E.RulesSet):
            ev = msgspec.structs.replace(ev, commendation=rules)
        if isinstance(ev, E.Commissioned) and ev.commission == "C1":
            ev = msgspec.structs.replace(ev, requirements="请附典型事例和具体数据。")
        evs.append(ev)
    evs += [
        E.FollowedUp(id="FU1", at=at("2011-03-14", 15), by="t", commission="C2", note="电话督办"),
        E.FollowedUp(id="FU2", at=at("2011-03-20", 15), by="t", commission="C2", note="再次督办，限三日内报送"),
        E.FollowedUp(id="FU3", at=at("2011-03-22", 15), by="t", item="A2", note="请报送批示落实情况"),
    ]
    return sorted(evs, key=lambda e: (e.at, e.id))


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "j", outgoing_events())


def docx_text(path: Path) -> list[str]:
    """The paragraphs with text, a title broken over lines (whole words on each) read as one."""
    return [p.text.replace("\n", "") for p in Document(str(path)).paragraphs if p.text]


def docx_rows(path: Path, n: int = 0) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in Document(str(path)).tables[n].rows]


def sheet_rows(path: Path, title: str) -> list[tuple]:
    return list(load_workbook(path)[title].iter_rows(values_only=True))


def paper(root: Path, tmp_path: Path, fmt: str, *args: str) -> Path:
    out = tmp_path / f"{args[0]}.{fmt}"
    code, _, err = gv(root, "report", *args, "--format", fmt, "-o", str(out), "--force")
    assert code == 0, err
    return out


# --- 年度目标任务通知 ----------------------------------------------------------------------


def test_target_notice_lists_each_units_target_and_the_rules(office, tmp_path):
    # targets of 2011: the county 20 (from above), 文江镇 10, 庆符镇 5, 县农业局 10 -> 25 in all
    doc = paper(office, tmp_path, "docx", "target-notice", "--year", "2011")
    text = docx_text(doc)
    assert text[0] == "高县人民政府办公室关于下达2011年度政务信息工作目标任务的通知"
    assert text[1] == "各乡镇人民政府，县政府各部门："
    assert "上级下达高县2011年政务信息工作目标任务20分。" in text
    assert "全县3个乡镇和县级部门年度目标任务合计25分，分解到各单位的目标任务见附件。" in text
    rules = next(t for t in text if t.startswith("（一）信息采用计分"))
    assert "被《政务信息快报》采用的，每条计2分" in rules
    assert "被《政务信息快报》以单篇形式采用的，每条计5分" in rules
    assert "被省级刊物采用的，每条计3分" in rules
    assert any(t.startswith("（") and "约稿逾期未报的，每次扣10分" in t for t in text)
    assert any("稿酬：省级刊物采用每条50元，市级刊物采用每条30元" in t for t in text)
    assert any("优秀信息一等奖：1条且得分不低于10分" in t for t in text)  # the commendation rules, announced
    # the day the targets were registered, then the breakdown on a page of its own (附件)
    assert text[text.index("附件：各单位2011年度政务信息目标任务") + 2 :] == [
        "2011年1月2日",
        "附件",
        "各单位2011年度政务信息目标任务",
    ]
    rows = docx_rows(doc)
    assert rows[0] == ["序号", "单位", "类别", "年度目标(分)"]
    assert [r[1:] for r in rows[1:]] == [
        ["文江镇", "乡镇", "10"],
        ["庆符镇", "乡镇", "5"],
        ["县农业局", "县级部门", "10"],
        ["合计", "", "25"],
    ]
    xlsx = paper(office, tmp_path, "xlsx", "target-notice", "--year", "2011")
    cells = sheet_rows(xlsx, "各单位2011年度政务信息目标任务")
    assert cells[1:] == [
        (1, "文江镇", "乡镇", 10),
        (2, "庆符镇", "乡镇", 5),
        (3, "县农业局", "县级部门", 10),
        (None, "合计", None, 25),
    ]


def test_target_notice_year_without_targets_says_so():
    r = reports.target_notice(fold(outgoing_events()), 2012)
    assert r.data["units"] and all(u["points"] is None for u in r.data["units"])
    assert "2012年度尚未向各单位分解目标任务。" in r.sections[0].paragraphs


# --- 约稿通知 ----------------------------------------------------------------------------


def test_commission_notice_to_the_unit_with_deadline_requirements_and_penalty(office, tmp_path):
    doc = paper(office, tmp_path, "docx", "commission-notice", "--commission", "C1")
    text = docx_text(doc)
    assert text[0] == "高县人民政府办公室政务信息约稿通知"
    assert text[1] == "文江镇："
    assert text[2].startswith("根据信息选题“春茶产销”，现向你单位约稿")
    assert "《春茶产销》（约稿编号：C1）。" in text
    assert "请于2011年3月15日前报送（约稿日期2011年3月2日，办理时限13天）。" in text
    assert "请附典型事例和具体数据。" in text
    assert "逾期未报送的，按《2011》扣10分。" in text
    assert "请张三同志具体承办。" in text
    assert text[-2:] == ["高县人民政府办公室", "2011年3月2日"]
    data = reports.build_paper(fold(outgoing_events()), "commission-notice", MARCH, today=MARCH.end, subject="C1").data
    assert (data["unit"], data["deadline"], data["days_given"], data["penalty_if_missed"]) == (
        "wj",
        "2011-03-15",
        13,
        10,
    )


def test_commission_notice_names_what_is_missing(office):
    code, _, err = gv(office, "report", "commission-notice")
    assert code == 2 and "--commission" in err and "C1" in err
    code, _, err = gv(office, "report", "commission-notice", "--commission", "C9")
    assert code == 2 and "C9" in err


def test_commission_requirements_recorded_from_the_command_line(office):
    code, _, err = gv(
        office, "commission", "春耕备耕", "--unit", "qf", "--deadline", "2011-03-30",
        "--requirements", "须经单位主要负责人审签", "--date", "2011-03-21",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = gv(office, "report", "commission-notice", "--commission", "YG-2011-01", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["requirements"] == "须经单位主要负责人审签"


# --- 督办通知单 ---------------------------------------------------------------------------


def test_follow_up_slip_counts_days_overdue_and_times_chased(office, tmp_path):
    doc = paper(office, tmp_path, "docx", "follow-up-notice", "--follow-up", "C2")  # its latest: FU2
    text = docx_text(doc)
    assert text[0] == "高县人民政府办公室政务信息督办通知单"
    assert text[1] == "县农业局："
    assert text[2] == (
        "你单位承办的约稿《农业调研》（C2），报送时限2011年3月10日，截至2011年3月20日尚未报送，已逾期10天。"
        "现予督办，请抓紧办理，并将办理情况书面反馈。"
    )
    assert "逾期仍未报送的，按《2011》扣10分。" in text
    slip = dict(docx_rows(doc)[1:])
    assert slip["督办编号"] == "督办〔2011〕2号"
    assert slip["督办次数"] == "第2次"
    assert slip["督办意见"] == "再次督办，限三日内报送"
    assert slip["承办单位"] == "县农业局"
    assert slip["办理情况反馈"] == slip["签收人"] == ""
    first = reports.follow_up_notice(fold(outgoing_events()), "FU1").data
    assert (first["number"], first["commission"]["days_overdue"], first["commission"]["times"]) == (
        "督办〔2011〕1号",
        4,
        1,
    )


def test_follow_up_slip_of_a_leaders_comment(office, tmp_path):
    xlsx = paper(office, tmp_path, "xlsx", "follow-up-notice", "--follow-up", "FU3")
    slip = dict(sheet_rows(xlsx, "督办通知单")[1:])
    assert slip["督办事项"] == "《文江镇茶叶》的领导批示落实情况"
    assert slip["领导批示"] == "市长作出批示"
    assert slip["承办单位"] == "文江镇" and slip["承办人"] == "张三"
    assert slip["督办编号"] == "督办〔2011〕3号"


def test_follow_up_slip_unknown_id(office):
    code, _, err = gv(office, "report", "follow-up-notice", "--follow-up", "NOPE")
    assert code == 2 and "NOPE" in err


# --- 信息采用情况 -------------------------------------------------------------------------


def test_adoption_slip_adds_up_to_the_units_ranking_points(office, tmp_path):
    # 文江镇, March: A1 快报 2, A2 快报单篇 5, A5 combined with 庆符镇 1 (of 2), A6 快报 2 (p1 1 + p4 1),
    # A6 川政晨讯 3 -> 13 from adoptions; the mayor's comment on A2 5 -> 18; target 10 -> 180%
    doc = paper(office, tmp_path, "docx", "adoption-slip", "--unit", "wj", "--period", "2011-03")
    text = docx_text(doc)
    assert text[0] == "文江镇2011年3月政务信息采用情况"
    assert text[1] == "文江镇："
    assert (
        text[2]
        == "2011年3月，你单位报送信息5条，被各级刊物采用5条次（其中省级1条次、市级4条次），获领导批示1次，共计18分。"
    )
    assert "截至2011年3月31日，你单位本年度累计得分18分，完成年度目标任务（10分）的180.0%。" in text
    assert "本期得分在2个乡镇中排第1名。" in text
    rows = docx_rows(doc, 0)
    assert [(r[2], r[3], r[5], r[6]) for r in rows[1:]] == [
        ("文江镇春耕", "政务信息快报", "单条", "2"),
        ("文江镇茶叶", "政务信息快报", "单篇", "5"),
        ("文江镇综合", "政务信息快报", "综合", "1"),
        ("文江镇茶旅融合", "政务信息快报", "单条", "2"),
        ("文江镇茶旅融合", "川政晨讯", "单条", "3"),
        ("合计", "", "", "13"),
    ]
    assert docx_rows(doc, 1)[1][2:] == ["市长", "肯定性", "5"]
    st = fold(outgoing_events())
    ranked = {r["code"]: r["points"] for r in queries.ranking(st, MARCH)}
    for unit in ("wj", "qf", "nyj"):
        assert reports.adoption_slip(st, unit, MARCH).data["points"] == ranked[unit]
    xlsx = paper(office, tmp_path, "xlsx", "adoption-slip", "--unit", "qf", "--period", "2011-03")
    cells = sheet_rows(xlsx, "信息采用明细")
    assert [(c[2], c[3], c[6]) for c in cells[1:]] == [
        ("庆符镇防汛", "川政晨讯", 3),
        ("文江镇综合", "政务信息快报", 1),
        ("合计", None, 4),
    ]


def test_adoption_slip_is_scheme_aware(office):
    # the county's own rules from 2011-03-01: the city's 快报 10 points; scored only in the internal ledger
    evs = outgoing_events()
    own = E.RulesSet(
        id="OWN",
        at=at("2011-02-20"),
        by="t",
        ruleset="县细则",
        effective=dt.date(2011, 3, 1),
        scheme="internal",
        adoption=[E.AdoptionRule(channel="kb", points=10)],
    )
    a1 = next(e for e in evs if isinstance(e, E.ItemAdopted) and e.item == "A1")
    internal = E.Scored(
        id="OWN1",
        at=a1.at,
        by="t",
        points=10,
        credits=[E.Credit(unit="wj", person="p1", points=10)],
        rule="县细则/adopt:kb",
        source=a1.id,
        item="A1",
        scheme="internal",
    )
    st = fold(sorted([*evs, own, internal], key=lambda e: (e.at, e.id)))
    internal_slip = reports.adoption_slip(st, "wj", MARCH).data
    upward_slip = reports.adoption_slip(st, "wj", MARCH, scheme="upward").data
    assert internal_slip["points"] == 10 and internal_slip["adopted"][0]["points"] == 10
    assert upward_slip["points"] == 18 and upward_slip["adopted"][0]["points"] == 2
    assert "县内考核计分" in internal_slip["scheme_note"]


def test_adoption_slip_needs_a_unit(office):
    code, _, err = gv(office, "report", "adoption-slip", "--period", "2011-03")
    assert code == 2 and "--unit" in err
    code, _, err = gv(office, "report", "adoption-slip", "--unit", "zz", "--period", "2011-03")
    assert code == 2 and "zz" in err


# --- 表彰决定 ----------------------------------------------------------------------------


def test_commendation_by_the_offices_rules(office, tmp_path):
    # units: 文江镇 18 of 10 (180%); 庆符镇 4 of 5 (80%) falls short; 县农业局 scored nothing.
    # officers: p1 15.5 (11 months under quota); p2 3 and p4 2.5 missed all 12; p3 scored nothing.
    # items (points in the year): A2 5 + 5 = 10 (一等奖); A6 2 + 3 = 5 and A3 3 (二等奖);
    # A1 2 and A5 2, tied (三等奖, both, in the order they came in).
    doc = paper(office, tmp_path, "docx", "commendation", "--year", "2011")
    text = docx_text(doc)
    assert text[0] == "高县人民政府办公室关于表彰2011年度政务信息工作先进单位和先进个人的决定"
    assert text[2] == (
        "2011年，全县共报送政务信息9条，其中向省、市报送5条，被各级刊物采用6条次，得分22分，完成年度目标任务的110.0%。"
    )
    assert text[3] == "为表彰先进，经考核评比，决定对1个先进单位、1名优秀信息员、5条优秀信息予以通报表彰。"
    assert "乡镇（1个）：文江镇" in text
    assert "张三（文江镇）" in text
    assert "一等奖（1条）：《文江镇茶叶》（文江镇 张三）" in text
    assert "二等奖（2条）：《文江镇茶旅融合》（文江镇 张三、赵六）；《庆符镇防汛》（庆符镇 李四）" in text
    assert "三等奖（2条）：《文江镇春耕》（文江镇 张三）；《文江镇综合》（文江镇 张三）" in text
    xlsx = paper(office, tmp_path, "xlsx", "commendation", "--year", "2011")
    assert [r[:3] for r in sheet_rows(xlsx, "先进单位")[1:]] == [("乡镇", 1, "文江镇")]
    assert [(r[1], r[4]) for r in sheet_rows(xlsx, "优秀信息员")[1:]] == [("张三", 15.5)]
    assert [(r[0], r[1], r[5]) for r in sheet_rows(xlsx, "优秀信息")[1:]] == [
        ("一等奖", "文江镇茶叶", 10),
        ("二等奖", "文江镇茶旅融合", 5),
        ("二等奖", "庆符镇防汛", 3),
        ("三等奖", "文江镇春耕", 2),
        ("三等奖", "文江镇综合", 2),
    ]


def test_commendation_thresholds_change_who_is_named():
    loose = msgspec.structs.replace(RULES, officer_max_months_below=None, unit_min_completion=0.8)
    d = reports.commendation(fold(outgoing_events(loose)), 2011).data
    assert [o["name"] for o in d["officers"]] == ["张三", "李四"]  # p2 is in once the quota is not asked
    assert [u["name"] for u in d["units"]] == ["文江镇"]  # still one township: the top one
    two = msgspec.structs.replace(loose, units=2)
    assert [u["name"] for u in reports.commendation(fold(outgoing_events(two)), 2011).data["units"]] == [
        "文江镇",
        "庆符镇",
    ]


def test_commendation_without_rules_names_nobody():
    r = reports.commendation(fold(outgoing_events(E.Commendation())), 2011)
    assert r.data["units"] == r.data["officers"] == [] and not any(p["items"] for p in r.data["prizes"])
    assert "《2011》未规定表彰名额，本年度不作表彰。" in r.intro


def test_commendation_rules_register_from_json(office, tmp_path):
    body = {
        "ruleset": "县细则",
        "effective": "2011-12-01",
        "scheme": "internal",
        "commendation": {"units": 2, "officers": 3, "prizes": [{"name": "一等奖", "count": 1}]},
    }
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    code, _, err = gv(office, "register", "rules", str(path), "--date", "2011-11-30")
    assert code == 0, err
    code, out, err = gv(office, "report", "commendation", "--year", "2011", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert d["ruleset"] == "县细则"
    assert d["rules"][0].startswith("先进单位：乡镇、县级部门分别评选得分前2名")


# --- 稿酬发放表 --------------------------------------------------------------------------


def test_remuneration_sheet_signature_column_total_and_signers(office, tmp_path):
    # March: p1 115, p2 50, p4 25 -> 190 (tests/conftest.py)
    doc = paper(office, tmp_path, "docx", "remuneration", "--period", "2011-03")
    text = docx_text(doc)
    assert text[0] == "高县人民政府办公室2011年3月政务信息稿酬发放表"
    assert "2011年3月共有6条（次）采用信息计发稿酬，发放3人（单位），合计190.00元。" in text
    assert "制表人：　　　　　　审核人：　　　　　　负责人：" in text
    rows = docx_rows(doc)
    assert rows[0] == ["序号", "姓名", "单位", "采用条次", "金额(元)", "领取人签字"]
    assert rows[1:] == [
        ["1", "张三", "文江镇", "5", "115.00", ""],
        ["2", "李四", "庆符镇", "1", "50.00", ""],
        ["3", "赵六", "文江镇", "2", "25.00", ""],
        ["", "合计", "", "8", "190.00", ""],
    ]
    xlsx = paper(office, tmp_path, "xlsx", "remuneration", "--period", "2011-03")
    sheet = sheet_rows(xlsx, "稿酬发放表")
    # the 合计 row, then a row apart the lines of who signs the sheet (document.signers)
    assert sheet[-3] == (None, "合计", None, 8, 190, None)
    assert sheet[-1][0] == "制表人：　　　　　　审核人：　　　　　　负责人："
    assert sum(r[4] for r in sheet[1:-3]) == 190
    assert sheet_rows(xlsx, "各单位稿酬合计")[-2] == ("合计", 6, 190)  # its note under it
    d = reports.remuneration_sheet(fold(outgoing_events()), MARCH).data
    lines = payments(fold(outgoing_events()), MARCH)  # the same money as the ledger's payments
    assert d["lines"] == lines and (d["people"], d["units"]) == totals(fold(outgoing_events()), lines)
    assert d["payees"] == 3


def test_what_people_typed_is_printed_as_typed(tmp_path):
    evs = [
        msgspec.structs.replace(ev, title="=1+1 [bold]春茶[/bold]", requirements="@SUM(A1) 附\x1b[31m数据")
        if isinstance(ev, E.Commissioned) and ev.commission == "C1"
        else ev
        for ev in outgoing_events()
    ]
    root = tmp_path / "j"
    journal.init(root)
    journal.append(root, evs)
    doc = paper(root, tmp_path, "docx", "commission-notice", "--commission", "C1")
    assert "《=1+1 [bold]春茶[/bold]》（约稿编号：C1）。" in docx_text(doc)
    assert "@SUM(A1) 附\\x1b[31m数据" in docx_text(doc)  # the escape shown, never sent to Word
    xlsx = paper(root, tmp_path, "xlsx", "commission-notice", "--commission", "C1")
    cells = {r[0].value: r[1] for r in load_workbook(xlsx)["约稿单"].iter_rows(min_row=2)}
    assert cells["约稿题目"].value == "=1+1 [bold]春茶[/bold]" and cells["约稿题目"].data_type == "s"
    assert cells["约稿题目"].quotePrefix
