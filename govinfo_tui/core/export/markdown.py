"""Markdown: a report as headings, paragraphs and pipe tables, for a wiki or a mail."""

from __future__ import annotations

from ..reports.bulletin import foot_lines, number_line, print_run_line
from ..reports.model import Report, Table


def to_markdown(report: Report) -> str:
    if report.kind == "bulletin":
        return _bulletin_markdown(report)
    out = [f"# {report.title}", ""]
    if report.addressee:
        out += [report.addressee, ""]
    for p in report.intro:
        out += [p, ""]
    for s in report.sections:
        if s.heading:
            out += [f"{'#' * (s.level + 1)} {s.heading}", ""]
        for p in s.paragraphs:
            out += [p, ""]
        printed = [t for t in s.tables if t.printed]
        for t in printed:
            if (len(printed) > 1 or not s.heading) and t.title != report.title:
                out += [f"**{t.title}**", ""]
            out += _md_table(t)
    meta = report.signature()
    if meta:
        out += [meta, ""]
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _md_table(t: Table) -> list[str]:
    if not t.rows:
        return [t.empty, ""]
    head = "| " + " | ".join(_md_cell(c.label) for c in t.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind in ("int", "num", "pct", "money") else "---" for c in t.columns) + "|"
    body = ["| " + " | ".join(_md_cell(t.cell(r, c)) for c in t.columns) + " |" for r in t.rows]
    return [head, rule, *body, ""]


def _bulletin_markdown(report: Report) -> str:
    d = report.data
    out = [f"# {d['name']}", "", number_line(d), "", f"{d['editor']}编　　{d['date_label']}", "", "---", ""]
    out += ["**本期要目**", ""]
    out += [f"{it['seq']}. {it['title']}" for it in d["items"]]
    out += ["", "---", ""]
    for it in d["items"]:
        out += [f"## {it['title']}", ""]
        for p in it["paragraphs"]:
            out += [p, ""]
        if it.get("unit_name"):
            out += [f"（{it['unit_name']}供稿）", ""]
    out += ["---", ""]
    for line in [*foot_lines(d), print_run_line(d)]:
        if line:
            out += [line, ""]
    return "\n".join(out)
