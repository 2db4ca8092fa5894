"""Papers a 科长 would sign: the office's settings, and each paper read back from its file
(python-docx, openpyxl, and through LibreOffice to PDF where it is installed)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from govinfo_tui.core import events as E
from govinfo_tui.core import export, journal, office, queries, reports
from govinfo_tui.core.bulletins import find_issue
from govinfo_tui.core.export.docx import title_lines
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.recording import RecordError, SetOffice, record
from govinfo_tui.core.state import fold

from .conftest import DEMO, at, run, run_json

JUNE = parse_period("2011-06")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def demo():
    return fold(journal.load(DEMO).events)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "j"
    code, _, err = run("init", str(root), "--demo")
    assert code == 0, err
    return root


def notice_docx(st, tmp_path: Path, overrides: E.DocumentSettings | None = None) -> Document:
    r = reports.build_paper(st, "notice", JUNE, today=dt.date(2011, 7, 5), overrides=overrides)
    return Document(str(export.write(r, "docx", tmp_path / "notice.docx")))


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def body_xml(doc) -> str:
    from lxml import etree

    return etree.tostring(doc.element.body, encoding="unicode")


# --- settings ----------------------------------------------------------------------------


def test_settings_scopes_override_field_by_field(copy: Path):
    record(copy, SetOffice(E.DocumentSettings(cc="县委办公室。")), at=at("2011-06-01"), by="t")
    record(copy, SetOffice(E.DocumentSettings(cc="县委办，县人大办。"), paper="notice"), at=at("2011-06-02"), by="t")
    record(
        copy,
        SetOffice(E.DocumentSettings(number="47"), paper="notice", period="2011-05"),
        at=at("2011-06-03"),
        by="t",
    )
    st = fold(journal.load(copy).events)
    may = office.settings(st, "notice", "2011-05")
    assert (may.cc, may.number, may.mark) == ("县委办，县人大办。", "47", "高县人民政府办公室")
    assert office.settings(st, "appraisal", "2010").cc == "县委办公室。"  # the office's, not the notice's
    assert office.settings(st, "notice", "2011-06").number == "45"  # the demo's June notice keeps its own
    r = reports.build_paper(st, "notice", parse_period("2011-05"), today=dt.date(2011, 6, 5))
    assert r.document.number == "高府办函〔2011〕47号"  # a bare number through the office's pattern


def test_cli_office_set_and_show_replay_from_the_journal(copy: Path):
    code, out, err = run(
        "--journal",
        str(copy),
        "office",
        "set",
        "--paper",
        "notice",
        "--period",
        "2011-06",
        "--requirements",
        "一要提高认识。\n二要按时报送。",
        "--signer",
        "签发：王建华",
        "--date",
        "2011-06-30T18:00",
    )
    assert code == 0, err and "office_set" in out
    shown = run_json("--journal", str(copy), "office", "show", "--paper", "notice", "--period", "2011-06")
    assert shown["requirements"] == "一要提高认识。\n二要按时报送。"  # type: ignore[index]
    assert shown["number"] == "45" and shown["own_units"] == ["xxzx"]  # type: ignore[index]
    code, table, err = run(
        "--lang", "zh", "--journal", str(copy), "office", "show", "--paper", "notice", "--period", "2011-06"
    )
    assert code == 0, err
    assert re.search(r"下一步工作要求 +一要提高认识。", table) and re.search(
        r"本办单位 +xxzx", table
    )  # words, not keys
    registry = (copy / journal.REGISTRY_NAME).read_text(encoding="utf-8")
    before = (DEMO / journal.REGISTRY_NAME).read_text(encoding="utf-8").count('"type":"office_set"')
    assert registry.count('"type":"office_set"') == before + 1  # in the registry: it travels with git
    st = fold(journal.load(copy).events)
    r = reports.build_paper(st, "notice", JUNE, today=dt.date(2011, 7, 5))
    assert r.sections[-1].heading == "五、下一步工作要求"
    assert r.sections[-1].paragraphs == ["一要提高认识。", "二要按时报送。"]


def test_settings_refuse_what_cannot_be_meant(copy: Path):
    with pytest.raises(RecordError) as e:
        record(copy, SetOffice(E.DocumentSettings()), at=at("2011-06-01"), by="t")
    assert e.value.code == "office.nothing_set"
    with pytest.raises(RecordError) as e:
        record(copy, SetOffice(E.DocumentSettings(number="1"), period="2011-06"), at=at("2011-06-01"), by="t")
    assert e.value.code == "office.period_without_paper"
    with pytest.raises(RecordError) as e:
        record(copy, SetOffice(E.DocumentSettings(own_units=["nosuch"])), at=at("2011-06-01"), by="t")
    assert e.value.code == "record.unknown_unit"


# --- the office's own units -----------------------------------------------------------------


def test_rankings_leave_the_office_out_unless_asked(demo):
    year = parse_period("2011")
    codes = [r["code"] for r in queries.ranking(demo, year)]
    assert "xxzx" not in codes and len(codes) == 24
    assert "xxzx" in [r["code"] for r in queries.ranking(demo, year, include_own=True)]
    staff = {p for p, rec in demo.people.items() if rec.unit == "xxzx"}
    assert not staff & {r["code"] for r in queries.ranking(demo, year, by="person")}
    rows = run_json("--journal", str(DEMO), "report", "ranking", "--period", "2011", "--include-own")
    assert rows[0]["code"] == "xxzx"  # type: ignore[index]  # first when it is ranked at all


def test_the_notice_names_units_officers_and_items_but_not_the_office(demo):
    r = reports.build_paper(demo, "notice", JUNE, today=dt.date(2011, 7, 5))
    everything = "".join(p for s in r.all_sections() for p in s.paragraphs)
    assert "县政府信息中心" not in everything
    assert not any(row["code"] == "xxzx" for t in r.tables() if t.key.startswith("ranking_") for row in t.rows)
    praise = next(s for s in r.sections if s.heading.endswith("成绩突出的单位和个人"))
    assert "嘉乐镇（采用2条，得13分）" in praise.paragraphs[0]
    assert "唐海强（嘉乐镇，采用2条，得13分）" in praise.paragraphs[1]
    theirs = [a for a in r.data["adoptions"] if a["level"] == "city" and a["units"] != ["xxzx"]]
    assert theirs and all(f"《{a['title']}》被《政务信息快报》采用" in praise.paragraphs[2] for a in theirs[:5])
    mine = [a for a in r.data["adoptions"] if a["units"] == ["xxzx"]]
    assert mine and not any(a["title"] in praise.paragraphs[2] for a in mine)  # the office's own items
    commissions = next(s for s in r.sections if s.heading.endswith("约稿完成情况"))
    assert "按时完成1篇" in commissions.paragraphs[0] and "逾期未报1篇：县卫生局" in commissions.paragraphs[0]
    problems = next(s for s in r.sections if s.heading.endswith("存在问题"))
    assert problems.paragraphs[-1].startswith("少数兼职信息员未完成每月报送任务")  # the office's words
    assert [a.title for a in r.attachments][:2] == ["各单位政务信息报送采用情况统计表", "信息采用及领导批示情况"]


def test_ranking_tables_total_and_say_why_adoptions_do_not_add_up(demo):
    r = reports.build_paper(demo, "notice", JUNE, today=dt.date(2011, 7, 5))
    township = r.table("ranking_township")
    assert township.total is not None
    assert township.total["submitted"] == sum(row["submitted"] for row in township.rows)
    assert township.total["points"] == round(sum(row["points"] for row in township.rows), 2)
    assert "联合采用的信息在每个署名单位各计1条，采用数合计12条，实际11条" in township.note


# --- the notice as a 公文 -------------------------------------------------------------------


def test_notice_docx_has_the_gbt_9704_parts(demo, tmp_path: Path):
    doc = notice_docx(demo, tmp_path)
    paras = doc.paragraphs
    lines = texts(doc)
    mark = next(p for p in paras if p.text == "高县人民政府办公室" and p.runs[0].font.color.rgb is not None)
    assert str(mark.runs[0].font.color.rgb) == "FF0000"  # the red 发文机关标志
    number = paras[lines.index("高府办函〔2011〕45号")]
    assert number.paragraph_format.keep_with_next
    assert number._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}color") == "FF0000"  # the red rule
    assert "高县人民政府办公室\n关于2011年6月政务信息工作情况的通报" in lines  # broken before 关于
    assert "各乡镇人民政府，县政府各部门，县级有关单位：" in lines
    assert any(line.startswith("附件：1．各单位政务信息报送采用情况统计表") for line in lines)
    issuer, date = paras[lines.index("2011年7月5日") - 1], paras[lines.index("2011年7月5日")]
    assert issuer.text == "高县人民政府办公室" and issuer.paragraph_format.keep_with_next
    assert date.paragraph_format.right_indent.pt == 64  # 右空四字 of 三号
    assert issuer.paragraph_format.right_indent.pt > date.paragraph_format.right_indent.pt - 32  # centred over it
    assert "（联系人：丁成，联系电话：0831-5622013）" in lines
    headings = [p for p in paras if p.text in ("一、基本情况", "四、存在问题")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    assert "附件1" in lines and "附件4" in lines
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in doc.sections)  # the wide ranking table
    assert doc.sections[-1].orientation == WD_ORIENT.PORTRAIT  # the 版记 on a portrait page


def test_notice_tables_repeat_headers_keep_rows_and_total(demo, tmp_path: Path):
    doc = notice_docx(demo, tmp_path)
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "名次"]
    assert tables
    for t in tables:
        assert t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row._tr.find(f"{W}trPr/{W}cantSplit") is not None for row in t.rows)
        assert t.rows[-1].cells[1].text == "合计"
    assert tables[0].rows[1].cells[0].paragraphs[0].runs[0].font.size.pt >= 10.5  # 五号 at least


def test_notice_foot_is_a_box_at_the_bottom_of_the_last_page(demo, tmp_path: Path):
    doc = notice_docx(demo, tmp_path)
    xml = body_xml(doc)
    anchor = xml.rsplit("<wp:anchor", 1)[1]
    assert "<wp:align>bottom</wp:align>" in anchor and 'relativeFrom="margin"' in anchor
    assert "抄送：县委办公室，县人大常委会办公室，县政协办公室。" in anchor
    assert "高县人民政府办公室</w:t><w:tab/><w:t>2011年7月6日印发" in anchor  # issuer left, date right
    assert xml.rfind("<wp:anchor") > xml.rfind("附件4")  # after the last attachment


def test_language_fonts_and_page_numbers(demo, tmp_path: Path):
    doc = notice_docx(demo, tmp_path)
    lang = doc.styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    fonts = doc.part.part_related_by(RT.FONT_TABLE).blob.decode("utf-8")
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>' in fonts
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in fonts
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = doc.sections[0].footer.paragraphs[0], doc.sections[0].even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"  # the PAGE field, shown as 1 until updated
    assert "PAGE" in odd._p.xml
    assert (odd.alignment, even.alignment) == (2, 0)  # odd pages right, even pages left


def test_fonts_are_settable(demo, tmp_path: Path):
    doc = notice_docx(demo, tmp_path, E.DocumentSettings(fonts={"body": "仿宋,FangSong"}))
    body = doc.paragraphs[[p.text for p in doc.paragraphs].index("一、基本情况") + 1]
    assert body.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋"


def test_cli_number_and_date_override_the_settings(tmp_path: Path):
    out = tmp_path / "n.docx"
    code, _, err = run(
        "--journal",
        str(DEMO),
        "report",
        "notice",
        "--period",
        "2011-06",
        "--number",
        "高府办函〔2011〕50号",
        "--date",
        "2011-07-08",
        "--marking",
        "内部资料",
        "--format",
        "docx",
        "-o",
        str(out),
    )
    assert code == 0, err
    lines = texts(Document(str(out)))
    assert lines[0] == "内部资料" and "高府办函〔2011〕50号" in lines and "2011年7月8日" in lines
    assert "高府办函〔2011〕45号" not in lines


def test_a_red_head_template_is_filled(demo, tmp_path: Path):
    template = Document()
    template.add_paragraph("高县人民政府办公室文件（模板红头）")
    template.add_paragraph("{{发文字号}}")
    template.save(str(tmp_path / "head.docx"))
    doc = notice_docx(demo, tmp_path, E.DocumentSettings(template=str(tmp_path / "head.docx")))
    lines = texts(doc)
    assert lines[:2] == ["高县人民政府办公室文件（模板红头）", "高府办函〔2011〕45号"]
    assert "高县人民政府办公室\n关于2011年6月政务信息工作情况的通报" in lines


def test_a_template_that_is_no_docx_is_refused(demo, tmp_path: Path):
    (tmp_path / "head.docx").write_text("not a document", encoding="utf-8")
    r = reports.build_paper(
        demo,
        "notice",
        JUNE,
        today=dt.date(2011, 7, 5),
        overrides=E.DocumentSettings(template=str(tmp_path / "head.docx")),
    )
    with pytest.raises(export.ExportError.__mro__[1]) as e:  # a GovinfoError, worded by the catalogue
        export.write(r, "docx", tmp_path / "n.docx")
    assert e.value.code == "export.template"
    assert not (tmp_path / "n.docx").exists()


def test_title_lines_break_between_words():
    assert title_lines("高县2010年政务信息工作考核评比结果", 40) == ["高县2010年政务信息工作考核评比结果"]
    assert title_lines("高县人民政府办公室关于2011年6月政务信息工作情况的通报", 38) == [
        "高县人民政府办公室",
        "关于2011年6月政务信息工作情况的通报",
    ]
    for line in title_lines("某某县人民政府办公室关于进一步加强和改进全县政务信息报送工作的通知", 38):
        assert len(line) <= 19 and not line.startswith(("的", "通知"))


# --- appraisal and bulletin ---------------------------------------------------------------------


def test_appraisal_docx_body_names_grades_and_tables_go_landscape(demo, tmp_path: Path):
    r = reports.build_paper(demo, "appraisal", parse_period("2010"), today=dt.date(2011, 1, 20))
    doc = Document(str(export.write(r, "docx", tmp_path / "a.docx")))
    lines = texts(doc)
    assert "高府办函〔2011〕3号" in lines and "2011年1月20日" in lines
    assert any(line.startswith("评为“优秀”的单位") for line in lines)
    assert not any("县政府信息中心" in line for line in lines)
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in doc.sections)
    unit_tables = [t for t in doc.tables if t.rows[0].cells[1].text == "单位"]
    assert unit_tables and all(t.rows[-1].cells[1].text == "合计" for t in unit_tables)
    size = unit_tables[0].rows[1].cells[1].paragraphs[0].runs[0].font.size.pt
    assert size >= 10.5  # no 六号 tables in portrait any more


def test_appraisal_xlsx_has_total_rows(demo, tmp_path: Path):
    from openpyxl import load_workbook

    r = reports.build_paper(demo, "appraisal", parse_period("2010"), today=dt.date(2011, 1, 20))
    wb = load_workbook(export.write(r, "xlsx", tmp_path / "a.xlsx"))
    ws = wb[r.table("appraisal_township").title]
    last = [c.value for c in ws[ws.max_row - 1]]
    assert "合计" in last
    assert ws.cell(ws.max_row, 1).value.startswith("注：")


def test_bulletin_number_line_marking_and_foot(copy: Path, tmp_path: Path):
    record(
        copy,
        SetOffice(E.DocumentSettings(bulletin_number="{year}年第{number}期（总第{total}期）"), paper="bulletin"),
        at=at("2011-06-30", 18),
        by="t",
    )
    st = fold(journal.load(copy).events)
    issue = find_issue(st, "2011-24", None)
    r = reports.build_paper(st, "bulletin", parse_period("2011"), today=dt.date(2011, 7, 1), issue=issue)
    doc = Document(str(export.write(r, "docx", tmp_path / "b.docx")))
    lines = texts(doc)
    assert lines[0] == "内部资料　注意保存"
    assert "2011年第24期（总第156期）" in lines
    assert "高县人民政府办公室编\t2011年6月27日" in lines  # the editor's line keeps 编
    anchor = body_xml(doc).rsplit("<wp:anchor", 1)[1]
    assert "<wp:align>bottom</wp:align>" in anchor and "报：" in anchor and "（共印120份）" in anchor


def test_bulletin_number_pattern_for_a_supplement():
    line = office.bulletin_number_line(
        "{year}年第{number}期（总第{total}期）", year=2011, number=2, total=None, supplement=True
    )
    assert line == "2011年增刊第2期"


# --- through LibreOffice ------------------------------------------------------------------------


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice or poppler absent")
def test_notice_and_bulletin_print_with_the_foot_on_the_last_page(demo, tmp_path: Path):
    notice = reports.build_paper(demo, "notice", JUNE, today=dt.date(2011, 7, 5))
    issue = reports.build_paper(
        demo, "bulletin", parse_period("2011"), today=dt.date(2011, 7, 1), issue=find_issue(demo, "2011-24", None)
    )
    export.write(notice, "docx", tmp_path / "notice.docx")
    export.write(issue, "docx", tmp_path / "bulletin.docx")
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    for name in ("notice", "bulletin"):
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), f"{name}.docx"],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            timeout=240,
        )
    # pdftotext sets spaces between Chinese and figures: compare without them
    pages = {name: [p.replace(" ", "") for p in _pages(tmp_path / f"{name}.pdf")] for name in ("notice", "bulletin")}
    n = pages["notice"]
    assert 8 <= len(n) <= 16
    assert "高府办函〔2011〕45号" in n[0] and "关于2011年6月政务信息工作情况的通报" in n[0]
    assert [i for i, text in enumerate(n) if "印发" in text] == [len(n) - 1]  # 版记 on the last page only
    assert "抄送：县委办公室" in n[-1]
    last_lines = [line for line in n[-1].splitlines() if line.strip()]
    assert "印发" in last_lines[-2] and "13" not in last_lines[-2]  # the foot stands just above the page number
    signed = next(i for i, text in enumerate(n) if "2011年7月5日" in text)
    assert "附件" in n[signed] and "要" in n[signed]  # the signature page carries body text
    b = pages["bulletin"]
    assert [i for i, text in enumerate(b) if "共印" in text] == [len(b) - 1]
    foot = [line for line in b[-1].splitlines() if line.strip()]
    assert "共印120份" in foot[-2]  # at the foot, just above the page number


def _pages(pdf: Path) -> list[str]:
    count = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in range(1, count + 1)
    ]


def test_the_offices_addressee_never_replaces_a_papers_own(demo):
    """The office-wide addressee stands for "the units": a commission notice to one unit keeps
    its unit, a notice to all takes the office's words, a paper's own setting wins over both."""
    notice = reports.build_paper(demo, "notice", JUNE, today=dt.date(2011, 7, 5))
    assert notice.addressee == "各乡镇人民政府，县政府各部门，县级有关单位："
    code = sorted(demo.commissions)[0]
    sent = reports.build_paper(demo, "commission-notice", JUNE, today=dt.date(2011, 7, 5), subject=code)
    unit = demo.units[demo.commissions[code].unit].name
    assert sent.addressee == f"{unit}："
    told = reports.build_paper(
        demo, "notice", JUNE, today=dt.date(2011, 7, 5), overrides=E.DocumentSettings(addressee="各乡镇人民政府：")
    )
    assert told.addressee == "各乡镇人民政府："


def test_the_offices_registers_print_without_a_red_head(demo, tmp_path: Path):
    """The demo office clears the red head and the 版记 for its own sheets (the 稿酬发放表)."""
    r = reports.build_paper(demo, "remuneration", parse_period("2011-H1"), today=dt.date(2011, 7, 5))
    assert (r.document.mark, r.document.cc, r.addressee) == ("", "", "")
    doc = Document(str(export.write(r, "docx", tmp_path / "r.docx")))
    assert "<wp:anchor" not in body_xml(doc) and not any(
        p.runs and p.runs[0].font.color.rgb is not None for p in doc.paragraphs
    )
