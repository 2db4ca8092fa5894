"""The demo journal's June 2011 notice and issue 2011-24, through the commands scripts use."""

from __future__ import annotations

from docx import Document
from openpyxl import load_workbook

from .conftest import DEMO, run, run_json


def demo_json(*args: str) -> dict:
    return run_json("--journal", str(DEMO), *args)  # type: ignore[return-value]


def test_june_notice_agrees_with_the_summary():
    """Ranked in the upward scheme, the notice adds up to the summary's points; in the county's
    own scheme (the default) it adds up to its units' internal points instead."""
    s = demo_json("report", "summary", "--period", "2011-06")
    n = demo_json("report", "notice", "--period", "2011-06", "--scheme", "upward", "--include-own")
    assert n["summary"] == s and n["scheme"] == "upward"
    rows = [r for g in n["rankings"] for r in g["rows"]]
    office_items = s["items"] - sum(r["submitted"] for r in rows)
    assert office_items >= 0  # whatever the office itself wrote is not ranked
    assert sum(r["adopted"] for r in rows) >= sum(s["adopted"].values())  # combined adoptions credit several
    assert round(sum(r["points"] for r in rows), 2) <= s["points"]
    assert len(n["adoptions"]) == sum(s["adopted"].values())
    assert round(sum(a["points"] for a in n["adoptions"]), 2) == round(
        s["points"] - sum(c["points"] for c in n["comments"]) - sum(p["points"] for p in n["penalties"]), 2
    )
    assert len(n["comments"]) == s["leader_comments"]
    internal = demo_json("report", "notice", "--period", "2011-06")
    assert internal["scheme"] == "internal" and internal["summary"] == s
    assert "考核细则" in internal["scheme_note"]
    by_level: dict[str, float] = {}
    for a in internal["adoptions"]:
        by_level[a["level"]] = by_level.get(a["level"], 0) + a["points"]
    assert by_level["county"] == 2 * s["adopted_by_level"]["county"]  # 县级采用: 2 points each
    assert internal["penalties"] and all(p["points"] < 0 for p in internal["penalties"])
    h1 = demo_json("report", "summary", "--period", "2011-H1")
    assert (n["ytd_points"], n["office_target"], n["ytd_completion"]) == (h1["points"], h1["target"], h1["completion"])
    for g in n["rankings"]:
        places = [r["rank"] for r in g["rows"]]
        assert places == sorted(places) and places[0] == 1
        points = [r["points"] for r in g["rows"]]
        assert points == sorted(points, reverse=True)


def test_first_half_headline_figures():
    n = demo_json("report", "notice", "--period", "2011-H1")
    channels = {}
    for a in n["adoptions"]:
        if a["level"] != "county":  # the county's own bulletin adopts too (县级采用)
            channels[a["channel_name"]] = channels.get(a["channel_name"], 0) + 1
    assert channels == {"川政晨讯": 3, "政务信息快报": 72}
    assert n["ytd_points"] == 191
    assert n["summary"]["bulletin_issues"] == 24
    assert round(n["ytd_completion"], 2) == 1.20  # 全年任务,半年完成: 120% of the annual target
    assert "完成年度目标任务" in n_text()


def n_text() -> str:
    code, out, err = run("--journal", str(DEMO), "report", "notice", "--period", "2011-H1", "--format", "md")
    assert code == 0, err
    return out


def test_scripted_notice_xlsx_and_bulletin_docx(tmp_path):
    xlsx = tmp_path / "notice.xlsx"
    code, _, err = run(
        "--journal", str(DEMO), "report", "notice", "--period", "2011-06", "--format", "xlsx", "-o", str(xlsx)
    )
    assert code == 0, err
    wb = load_workbook(xlsx)
    ws = wb["乡镇信息报送采用情况"]
    assert ws["A2"].value == 1 and ws.freeze_panes == "A2"
    s = demo_json("report", "summary", "--period", "2011-06")
    adopted = wb["信息采用情况"]
    assert adopted.max_row - 2 == sum(s["adopted"].values())  # under the header, over the 合计
    assert adopted.cell(adopted.max_row, 2).value == "合计"
    docx = tmp_path / "b.docx"
    code, _, err = run(
        "--journal", str(DEMO), "report", "bulletin", "--issue", "2011-24", "--format", "docx", "-o", str(docx)
    )
    assert code == 0, err
    texts = [p.text for p in Document(str(docx)).paragraphs if p.text]
    assert texts[0] == "内部资料　注意保存"  # the demo office's marking for its bulletin
    assert texts[1] == "高县政务信息"
    assert texts[2].startswith("〔2011〕第24期")
    foot = "".join(Document(str(docx)).element.body.itertext())  # in the box at the foot of the page
    assert foot.endswith("（共印120份）") and "报：市政府办公室。" in foot


def test_demo_commissions_and_urgent():
    c = demo_json("report", "commissions", "--period", "2011-06")
    assert {r["status"] for r in c["commissions"]} <= {"open", "overdue", "on_time", "late"}
    u = demo_json("report", "urgent", "--period", "2011-06")
    assert all(r["status"] in ("on_time", "late", "unknown") for r in u["items"])
    r = demo_json("report", "remuneration", "--period", "2011-06")
    assert r["total"] == round(sum(p["amount"] for p in r["people"]), 2)
