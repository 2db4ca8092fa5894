"""Exports read back: xlsx cell by cell (openpyxl), docx paragraph by paragraph (python-docx),
CSV with its BOM, Markdown, JSON; -o refuses to overwrite without --force."""

from __future__ import annotations

import json

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from govinfo_tui.core import export, reports
from govinfo_tui.core.state import fold

from .conftest import MARCH, gv, paper_events, small_events

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def east_asian(run_) -> str | None:
    rfonts = run_._element.rPr.find(qn("w:rFonts"))
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


# --- xlsx ----------------------------------------------------------------------------


def test_notice_xlsx_cell_by_cell(small, tmp_path):
    out = tmp_path / "notice.xlsx"
    code, stdout, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    assert stdout.strip() == f"wrote {out}"
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "乡镇信息报送采用情况",
        "县级部门信息报送采用情况",
        "信息采用情况",
        "领导批示情况",
        "未完成报送任务的信息员",
        "说明",
    ]
    ws = wb["乡镇信息报送采用情况"]
    header = [c.value for c in ws[1]]
    assert header == [
        "名次",
        "单位",
        "报送",
        "省级采用",
        "市级采用",
        "采用合计",
        "得分",
        "年度累计得分",
        "年度目标",
        "目标完成率",
    ]
    assert [c.value for c in ws[2]] == [1, "文江镇", 3, 0, 3, 3, 13, 13, 10, 1.3]
    assert [c.value for c in ws[3]] == [2, "庆符镇", 1, 1, 1, 2, 4, 4, 0, None]
    assert [c.value for c in ws[4]] == [None, "合计", 4, 1, 4, 5, 17, 17, 10, 1.7]
    assert ws["A5"].value == "注：联合采用的信息在每个署名单位各计1条，采用数合计5条，实际4条。"
    assert ws.max_row == 5
    assert isinstance(ws["G2"].value, int) and ws["J2"].number_format == "0.0%"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert ws.column_dimensions["B"].width >= 8
    adoptions = wb["信息采用情况"]
    assert [c.value for c in adoptions[1]] == ["采用日期", "标题", "单位", "采用刊物", "期号", "采用形式", "得分"]
    row = [c.value for c in adoptions[2]]
    assert row[0].date().isoformat() == "2011-03-10" and row[1:] == [
        "文江镇春耕",
        "文江镇",
        "政务信息快报",
        None,
        "单条",
        2,
    ]
    assert adoptions["A2"].number_format == "yyyy-mm-dd"
    notes = wb["说明"]
    assert notes["A1"].value == "高县人民政府办公室关于2011年3月政务信息工作情况的通报"
    assert notes["A4"].value == "现将2011年3月全县政务信息工作情况通报如下："
    assert notes["A5"].value == "一、基本情况"
    assert notes["A6"].value.startswith("2011年3月，全县共报送政务信息5条")


def test_old_reports_write_files_too(small, tmp_path):
    out = tmp_path / "ranking.xlsx"
    code, _, err = gv(small, "report", "ranking", "--period", "2011-03", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    ws = load_workbook(out).worksheets[0]
    assert [c.value for c in ws[1]][:3] == ["rank", "code", "name"]
    assert [c.value for c in ws[2]][:4] == [1, "wj", "文江镇", 3]
    js = tmp_path / "summary.json"
    assert gv(small, "report", "summary", "--period", "2011-03", "--format", "json", "-o", str(js))[0] == 0
    code, stdout, _ = gv(small, "report", "summary", "--period", "2011-03", "--format", "json")
    assert json.loads(js.read_text("utf-8")) == json.loads(stdout)


# --- csv / md / json -----------------------------------------------------------------


def test_csv_starts_with_bom_and_picks_tables(small, tmp_path):
    out = tmp_path / "n.csv"
    assert gv(small, "report", "notice", "--period", "2011-03", "--format", "csv", "-o", str(out))[0] == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").splitlines()
    assert lines[0] == "名次,单位,报送,省级采用,市级采用,采用合计,得分,年度累计得分,年度目标,目标完成率"
    assert lines[1] == "1,文江镇,3,0,3,3,13,13,10,130.0%"
    code, stdout, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "csv", "--table", "adoptions")
    assert code == 0, err
    assert stdout.startswith("\ufeff采用日期,标题,")
    code, _, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "csv", "--table", "nope")
    assert code == 2 and "ranking_township" in err


def test_csv_dialects_scripts_for_queries_people_for_papers(small, tmp_path):
    """A query's CSV is the same on stdout and in a file: keys, LF; a paper's has labels, CRLF."""
    out = tmp_path / "ranking.csv"
    assert gv(small, "report", "ranking", "--period", "2011-03", "--format", "csv", "-o", str(out))[0] == 0
    code, stdout, err = gv(small, "report", "ranking", "--period", "2011-03", "--format", "csv")
    assert code == 0, err
    assert out.read_bytes() == stdout.encode("utf-8")
    assert stdout.startswith("\ufeffrank,code,name,submitted,") and "\r" not in stdout
    code, stdout, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "csv")
    assert code == 0, err
    assert stdout.startswith("\ufeff名次,单位,报送,") and stdout.endswith("\r\n")


def test_markdown_and_json(small):
    code, md, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "md")
    assert code == 0, err
    assert md.startswith("# 高县人民政府办公室关于2011年3月政务信息工作情况的通报\n")
    assert "## 一、基本情况" in md and "## 附件1：各单位政务信息报送采用情况统计表" in md
    assert "| 名次 | 单位 | 报送 |" in md and "| 1 | 文江镇 | 3 |" in md
    assert "|---:|---|---:|" in md
    code, js, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "json")
    assert json.loads(js)["summary"]["points"] == 17


def test_markdown_escapes_pipes():
    r = reports.notice(fold(small_events()), MARCH)
    r.data["adoptions"][0]["title"] = "a|b"
    assert "a\\|b" in export.render(r, "md").decode("utf-8")


# --- -o, --force ---------------------------------------------------------------------


def test_refuses_to_overwrite_without_force(small, tmp_path):
    out = tmp_path / "n.xlsx"
    out.write_bytes(b"precious")
    code, _, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "xlsx", "-o", str(out))
    assert code == 2 and "exists; pass --force" in err
    assert out.read_bytes() == b"precious"
    code, _, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "xlsx", "-o", str(out), "--force")
    assert code == 0, err
    assert load_workbook(out).sheetnames[0] == "乡镇信息报送采用情况"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left behind


def test_file_format_needs_an_output(small):
    for fmt in ("xlsx", "docx"):
        code, out, err = gv(small, "report", "notice", "--format", fmt)
        assert code == 2 and "-o FILE" in err and out == ""


def test_missing_folder_is_an_error(small, tmp_path):
    code, _, err = gv(small, "report", "notice", "--format", "docx", "-o", str(tmp_path / "no" / "n.docx"))
    assert code == 2 and "does not exist" in err


# --- docx ----------------------------------------------------------------------------


def test_notice_docx_paragraph_by_paragraph(small, tmp_path):
    out = tmp_path / "notice.docx"
    code, _, err = gv(small, "report", "notice", "--period", "2011-03", "--format", "docx", "-o", str(out))
    assert code == 0, err
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "高县人民政府办公室\n关于2011年3月政务信息工作情况的通报"  # no 红头 until the office sets one
    assert texts[1] == "各乡镇人民政府，县政府各部门："
    assert texts[2] == "现将2011年3月全县政务信息工作情况通报如下："
    assert texts[3] == "一、基本情况"
    assert texts[4].startswith("2011年3月，全县共报送政务信息5条")
    assert "乡镇信息报送采用情况" in texts and "县级部门信息报送采用情况" in texts
    signed = texts.index("2011年3月31日")
    assert texts[signed - 1] == "高县人民政府办公室" and texts[signed + 1] == "附件1"
    title = next(p for p in doc.paragraphs if p.text == texts[0])
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    body = next(p for p in doc.paragraphs if p.text == texts[4])
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    heading = next(p for p in doc.paragraphs if p.text == texts[3])
    assert east_asian(heading.runs[0]) == "黑体"
    township = doc.tables[0]
    assert [c.text for c in township.rows[0].cells][:3] == ["名次", "单位", "报送"]
    assert [c.text for c in township.rows[1].cells] == ["1", "文江镇", "3", "0", "3", "3", "13", "13", "10", "130.0%"]
    assert [c.text for c in township.rows[2].cells][-1] == "—"
    assert east_asian(township.rows[1].cells[1].paragraphs[0].runs[0]) == "宋体"
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.top_margin.cm, 1) == 3.7
    assert doc.core_properties.title == texts[0].replace("\n", "")


def test_bulletin_docx_paragraph_by_paragraph(paper, tmp_path):
    out = tmp_path / "b.docx"
    code, _, err = gv(paper, "report", "bulletin", "--issue", "2011-2", "--format", "docx", "-o", str(out))
    assert code == 0, err
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts == [
        "高县政务信息",
        "〔2011〕第2期（总第102期）",
        "高县人民政府办公室编\t2011年3月28日",
        "本期要目",
        "1. 文江镇茶旅融合",
        "2. 庆符镇防汛",
        "文江镇茶旅融合",
        "第一段。",
        "第二段。",
        "（文江镇供稿）",
        "庆符镇防汛",
        "（庆符镇供稿）",
    ]
    box = next(doc.element.body.iter(qn("w:txbxContent")))  # the foot, in a box at the foot of the page
    lines = ["".join(t.text for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p"))]
    assert [line for line in lines if line] == [
        "报：市政府办公室。",
        "送：县委办。",
        "发：各乡镇人民政府，县政府各部门。",
        "（共印80份）",
    ]
    name = doc.paragraphs[0].runs[0]
    assert str(name.font.color.rgb) == "FF0000" and east_asian(name) == "方正小标宋简体"
    masthead = next(p for p in doc.paragraphs if p.text.startswith("高县人民政府办公室编"))
    border = masthead._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "FF0000"  # the red rule under the masthead
    assert masthead.paragraph_format.tab_stops[0].alignment == 2  # RIGHT: the date at the right
    body = next(p for p in doc.paragraphs if p.text == "第一段。")
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.paragraph_format.first_line_indent.pt == 32


def test_bulletin_other_formats(paper, tmp_path):
    code, md, err = gv(paper, "report", "bulletin", "--issue", "2011-2", "--format", "md")
    assert code == 0, err
    assert md.splitlines()[:3] == ["# 高县政务信息", "", "〔2011〕第2期（总第102期）"]
    xlsx = tmp_path / "b.xlsx"
    assert gv(paper, "report", "bulletin", "--issue", "2011-2", "--format", "xlsx", "-o", str(xlsx))[0] == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["本期要目", "正文", "说明"]
    assert [c.value for c in wb["正文"][2]] == [1, "文江镇茶旅融合", "文江镇", "张三、赵六", "A6", "第一段。\n第二段。"]
    code, _, err = gv(paper, "report", "bulletin", "--issue", "2011-7", "--format", "md")
    assert code == 2 and "no bulletin issue 2011-7" in err
    code, _, err = gv(paper, "report", "bulletin", "--issue", "24", "--format", "md")
    assert code == 2 and "YEAR-NUMBER" in err


def test_write_entry_point_for_the_app(tmp_path):
    st = fold(paper_events())
    for fmt in export.FORMATS:
        path = export.write(reports.appraisal(st, MARCH), fmt, tmp_path / f"a.{fmt}")
        assert path.stat().st_size > 0
    with pytest.raises(export.ExportError, match="exists"):
        export.write(reports.urgent(st, MARCH), "md", tmp_path / "a.md")
