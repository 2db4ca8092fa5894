"""The papers sent to units on the one 公文 model, read back from docx, xlsx and Markdown: their
statistical tables in 附件, their 合计 rows as `Table.total` summed from the rows, the 发放表's
signer lines as settings, the units a paper speaks to chosen by the office's own units (its
settings), and the layout a 科长 would sign (room to sign, a reply form kept whole, a wide list
turned)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, reports
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.reports.outgoing import desk, is_own
from govinfo_tui.core.state import fold

from .conftest import MARCH, at, gv, write_journal
from .test_reports_outgoing import docx_text, outgoing_events, paper, sheet_rows

DEMO = Path(__file__).resolve().parent.parent / "journal"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "j", outgoing_events())


def after_table(path: Path, n: int = 0) -> str:
    """The text of the first paragraph with text after the body's table `n`."""
    doc = Document(str(path))
    body = list(doc.element.body.iterchildren())
    tables = [el for el in body if el.tag.endswith("}tbl")]
    start = body.index(tables[n])
    for el in body[start + 1 :]:
        if el.tag.endswith("}p"):
            text = "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t"))
            if text:
                return text
    return ""


# --- 合计 rows: Table.total, summed from the rows -----------------------------------------


DEMO_PAPERS = [
    ("target-notice", "2011", None),
    ("commission-notice", "2011", "YG-2011-03"),
    ("adoption-slip", "2011-H1", "gaj"),
    ("commendation", "2010", None),
    ("remuneration", "2011-H1", None),
    ("meeting", "2011-06", None),
    ("topics", "2011", None),
]


@pytest.fixture(scope="module")
def demo_state():
    return fold(journal.load(DEMO).events)


@pytest.mark.parametrize(("kind", "period", "subject"), DEMO_PAPERS)
def test_no_paper_hides_its_total_among_its_rows(demo_state, kind, period, subject):
    r = reports.build_paper(demo_state, kind, parse_period(period), today=dt.date(2011, 12, 31), subject=subject)
    for t in r.tables():
        assert not any("total" in row for row in t.rows), (kind, t.key)
        assert not any("合计" in row.values() for row in t.rows), (kind, t.key)


@pytest.mark.parametrize(("kind", "period", "subject"), DEMO_PAPERS)
def test_every_total_is_the_sum_of_its_rows(demo_state, kind, period, subject):
    r = reports.build_paper(demo_state, kind, parse_period(period), today=dt.date(2011, 12, 31), subject=subject)
    for t in r.tables():
        if t.total is None:
            continue
        summed = [c for c in t.columns if c.kind in ("int", "num", "money") and t.total.get(c.key) is not None]
        assert summed, (kind, t.key)
        for c in summed:
            if (t.key, c.key) == ("units", "adoptions"):  # each adoption once, its note says why
                assert t.note and t.total[c.key] == len(r.data["lines"])
                continue
            assert t.total[c.key] == pytest.approx(sum(row.get(c.key) or 0 for row in t.rows)), (kind, t.key, c.key)


def test_the_demo_papers_totals_are_the_figures_they_state(demo_state):
    today = dt.date(2011, 12, 31)
    target = reports.build_paper(demo_state, "target-notice", parse_period("2011"), today=today)
    assert target.table("targets").total == {"name": "合计", "points": 1176}  # 12 x 54 + 12 x 44
    assert (
        "全县24个乡镇和县级部门年度目标任务合计1176分，分解到各单位的目标任务见附件。" in target.sections[0].paragraphs
    )
    sheet = reports.build_paper(demo_state, "remuneration", parse_period("2011-H1"), today=today)
    assert sheet.table("sheet").total == {"name": "合计", "adoptions": 75, "amount": 2310.0}
    assert sheet.table("units").total["amount"] == sheet.table("lines").total["paid"] == sheet.data["total"] == 2310
    slip = reports.build_paper(demo_state, "adoption-slip", parse_period("2011-H1"), today=today, subject="gaj")
    parts = [slip.table(key).total["points"] for key in ("adopted", "others")]
    assert parts == [19, 3] and sum(parts) == slip.data["points"] == 22  # the letter's 共计22分


def test_the_total_row_is_printed_by_every_writer_once(office, tmp_path):
    md = paper(office, tmp_path, "md", "adoption-slip", "--unit", "wj", "--period", "2011-03").read_text("utf-8")
    assert md.count("| 合计 |") == 1  # the adoptions' (one comment and no other points: no 合计 of one row)
    assert "|  |  | 合计 |  |  |  | 13 |" in md  # the unsummed columns blank, not —
    code, out, err = gv(office, "report", "adoption-slip", "--unit", "wj", "--period", "2011-03")
    assert code == 0, err
    assert out.count("合计") == 1 and "—" not in out.split("合计")[1].splitlines()[0]
    xlsx = paper(office, tmp_path, "xlsx", "target-notice", "--year", "2011")
    rows = sheet_rows(xlsx, "各单位2011年度政务信息目标任务")
    assert rows[-1] == (None, "合计", None, 25)
    from openpyxl import load_workbook

    ws = load_workbook(xlsx)["各单位2011年度政务信息目标任务"]
    assert ws.cell(row=len(rows), column=2).font.bold  # printed as the 合计, not as a unit
    assert ws.auto_filter.ref == "A1:D4"  # sorting the units leaves the 合计 where it is


# --- 附件: the statistical tables on pages of their own ------------------------------------


def test_statistical_tables_are_attachments_and_forms_stay_in_the_body(office):
    st = fold(outgoing_events())
    target = reports.target_notice(st, 2011)
    assert [a.title for a in target.attachments] == ["各单位2011年度政务信息目标任务"]
    assert not [t for s in target.sections for t in s.tables]
    slip = reports.adoption_slip(st, "wj", MARCH)
    assert [a.title for a in slip.attachments] == ["文江镇2011年3月政务信息采用及计分明细"]
    assert [t.key for t in slip.attachments[0].tables] == ["adopted", "comments"]
    decision = reports.commendation(st, 2011)
    assert [a.title for a in decision.attachments] == ["2011年度政务信息工作表彰名单"]
    assert [t.key for t in decision.attachments[0].tables] == ["units", "officers", "items"]
    sheet = reports.remuneration_sheet(st, MARCH)
    assert [t.key for s in sheet.sections for t in s.tables] == ["sheet"]  # the 发放表 is the paper
    assert [a.title for a in sheet.attachments] == ["各单位稿酬合计", "稿酬发放明细"]
    follow = reports.follow_up_notice(st, "FU2")
    assert [t.key for s in follow.sections for t in s.tables] == ["slip"] and not follow.attachments


def test_a_paper_with_two_attachments_numbers_them(office, tmp_path):
    doc = paper(office, tmp_path, "docx", "remuneration", "--period", "2011-03")
    text = docx_text(doc)
    assert "各单位稿酬合计见附件1，逐条明细见附件2。" in text
    assert "附件：1．各单位稿酬合计" in text and "2．稿酬发放明细" in text
    assert text.index("附件1") < text.index("各单位稿酬合计") < text.index("附件2")
    assert text.count("各单位稿酬合计") == 1  # over its page, with no second heading (单位稿酬) under it
    landscape = [s for s in Document(str(doc)).sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(landscape) == 1  # the nine-column 明细 turned, the three-column 合计 upright


# --- signer lines: the office's settings ---------------------------------------------------


def test_the_sheet_is_signed_under_its_table_by_default_and_as_the_office_sets(office, tmp_path):
    doc = paper(office, tmp_path, "docx", "remuneration", "--period", "2011-03")
    assert after_table(doc) == "制表人：　　　　　　审核人：　　　　　　负责人："
    md = paper(office, tmp_path, "md", "remuneration", "--period", "2011-03").read_text("utf-8")
    assert md.index("| 合计 |") < md.index("制表人：") < md.index("## 附件1")
    code, _, err = gv(
        office, "office", "set", "--paper", "remuneration", "--signer", "制表人：王敏", "--signer", "审核人：刘洋"
    )
    assert code == 0, err
    doc = paper(office, tmp_path, "docx", "remuneration", "--period", "2011-03")
    assert after_table(doc) == "制表人：王敏　　审核人：刘洋"
    code, out, err = gv(office, "report", "remuneration", "--period", "2011-03", "--signer", "负责人：陈静")
    assert code == 0, err
    assert "负责人：陈静" in out and "王敏" not in out
    # set to none: the sheet goes without the lines
    code, _, err = gv(office, "office", "set", "--paper", "remuneration", "--signer", "")
    assert code == 0, err
    assert "制表人" not in "".join(docx_text(paper(office, tmp_path, "docx", "remuneration", "--period", "2011-03")))


def test_signer_lines_set_for_all_papers_stand_under_the_last_attachment(office, tmp_path):
    code, _, err = gv(office, "office", "set", "--signer", "审核人：刘洋")
    assert code == 0, err
    doc = paper(office, tmp_path, "docx", "target-notice", "--year", "2011")
    assert after_table(doc) == "审核人：刘洋"  # the one table, on the 附件 page


# --- the units a paper speaks to: the office's own units -----------------------------------


def with_offices(own: list[str] | None) -> list[E.Event]:
    """The paper journal with two office-kind units: the office's information centre (xxzx)
    and the county's legal affairs office (fzb), each given a target for 2011; `own` names the
    office's own units in its settings."""
    reg = at("2011-01-01", 8)
    evs = [
        *outgoing_events(),
        E.UnitRegistered(id="U-xxzx", at=reg, by="t", unit="xxzx", name="县政府信息中心", kind="office", parent="gx"),
        E.UnitRegistered(id="U-fzb", at=reg, by="t", unit="fzb", name="县政府法制办", kind="office", parent="gx"),
        E.TargetSet(id="T-xxzx", at=at("2011-01-02"), by="t", year=2011, unit="xxzx", points=8, scheme="internal"),
        E.TargetSet(id="T-fzb", at=at("2011-01-02"), by="t", year=2011, unit="fzb", points=6, scheme="internal"),
    ]
    if own is not None:
        evs.append(E.OfficeSet(id="O-own", at=reg, by="t", settings=E.DocumentSettings(own_units=own)))
    return sorted(evs, key=lambda e: (e.at, e.id))


def test_an_office_kind_unit_not_the_office_is_one_of_the_units():
    st = fold(with_offices(["xxzx"]))
    assert is_own(st, "xxzx") and is_own(st, "gx")  # the office itself, the county
    assert not is_own(st, "fzb")  # another office of the county government
    names = [u["name"] for u in reports.target_notice(st, 2011).data["units"]]
    assert "县政府法制办" in names and "县政府信息中心" not in names and "高县" not in names
    assert reports.target_notice(st, 2011).table("targets").total["points"] == 25 + 6
    choices = [code for code, _ in reports.subjects(st, "adoption-slip")]
    assert "fzb" in choices and "xxzx" not in choices and "gx" not in choices
    assert desk(st) == "县政府信息中心"  # where units send their items: the office's own unit


def test_the_settings_decide_not_the_kind():
    st = fold(with_offices(None))  # no own units set: both offices are units like any other
    names = [u["name"] for u in reports.target_notice(st, 2011).data["units"]]
    assert "县政府法制办" in names and "县政府信息中心" in names and "高县" not in names
    assert not is_own(st, "xxzx") and is_own(st, "gx")
    assert desk(st) == "高县人民政府办公室"  # no own unit: the office that signs
    st = fold(with_offices(["wj"]))  # a township as the office's own: left out, however odd
    assert "文江镇" not in [u["name"] for u in reports.target_notice(st, 2011).data["units"]]
    assert "文江镇" not in [u["name"] for u in reports.commendation(st, 2011).data["units"]]


# --- what the 科长 looks at -------------------------------------------------------------------


def test_the_sheet_has_room_to_sign(office, tmp_path):
    doc = Document(str(paper(office, tmp_path, "docx", "remuneration", "--period", "2011-03")))
    table = doc.tables[0]
    widths = [c.width for c in table.columns]
    assert widths[-1] == max(widths)  # 领取人签字 the widest column
    assert widths[-1] >= sum(widths) // 5
    assert all(row.height is not None and row.height >= Pt(24) for row in table.rows[1:])


def test_the_follow_up_form_has_room_for_the_reply_and_stays_whole(office, tmp_path):
    doc = Document(str(paper(office, tmp_path, "docx", "follow-up-notice", "--follow-up", "FU2")))
    rows = {row.cells[0].text: row for row in doc.tables[0].rows}
    assert rows["办理情况反馈"].height >= Pt(120)
    assert rows["签收人"].height >= Pt(28) and rows["签收日期"].height >= Pt(28)
    kept = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in doc.tables[0].rows]
    assert all(kept[:-1])  # the form moves to a page as a whole


def test_a_list_too_wide_to_stand_is_printed_turned(tmp_path):
    out = tmp_path / "topics.docx"
    code, _, err = gv(DEMO, "report", "topics", "--period", "2011", "--format", "docx", "-o", str(out))
    assert code == 0, err
    assert Document(str(out)).sections[0].orientation == WD_ORIENT.LANDSCAPE
    out = tmp_path / "slip.docx"
    code, _, err = gv(
        DEMO, "report", "follow-up-notice", "--follow-up", "YG-2011-05", "--format", "docx", "-o", str(out)
    )
    assert code == 0, err
    assert Document(str(out)).sections[0].orientation == WD_ORIENT.PORTRAIT  # a two-column form stands


def test_the_contact_is_not_named_twice(office, tmp_path):
    code, _, err = gv(office, "office", "set", "--contact", "丁成", "--phone", "0831-5622013")
    assert code == 0, err
    text = docx_text(paper(office, tmp_path, "docx", "commission-notice", "--commission", "C1"))
    assert "（联系人：丁成，联系电话：0831-5622013）" in text
    assert [t for t in text if "联系人" in t] == ["（联系人：丁成，联系电话：0831-5622013）"]
