"""Markdown: a report as headings, paragraphs and pipe tables, for a wiki or a mail.

Its text is data: HTML in a title reaches no viewer as HTML, and the control characters that
a terminal would obey (the file is often printed to one) are shown as escapes.
"""

from __future__ import annotations

import html

from ..reports.model import Report, Table, cn_date
from ..text import visible
from .texts import each_text


def to_markdown(report: Report) -> str:
    """The report in its layout: a document, or a bulletin issue under its masthead."""
    report = each_text(report, _md_text)
    return _bulletin(report) if report.layout == "bulletin" else _document(report)


def _md_text(text: str) -> str:
    """HTML escaped (a viewer then shows `<script>` as typed), controls as escapes, CRLF as a line break."""
    return html.escape(visible(text.replace("\r\n", "\n"), lines=True), quote=False)


def _document(report: Report) -> str:
    out = [f"# {report.title}", ""]
    if report.addressee:
        out += [report.addressee, ""]
    for p in report.intro:
        out += [p, ""]
    signers = "　　".join(report.document.signers)
    signed = report.signed_table() if signers else None
    for s in report.all_sections():
        if s.heading:
            out += [f"{'#' * (s.level + 1)} {s.heading}", ""]
        for p in s.paragraphs:
            out += [p, ""]
        printed = [t for t in s.tables if t.printed]
        for t in printed:
            if (len(printed) > 1 or not s.heading) and t.title != report.title:
                out += [f"**{t.title}**", ""]
            out += _md_table(t)
            if t is signed:
                out += [signers, ""]
    signature = report.signature()
    if signature:
        out += [signature, ""]
    if signers and signed is None:
        out += [signers, ""]
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _md_table(t: Table) -> list[str]:
    if not t.rows:
        return [t.empty, ""]
    head = "| " + " | ".join(_md_cell(c.label) for c in t.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind in ("int", "num", "pct", "money") else "---" for c in t.columns) + "|"
    rows = [*t.rows, *([t.total] if t.total else [])]  # the 合计 row last
    body = ["| " + " | ".join(_md_cell(t.cell(r, c)) for c in t.columns) + " |" for r in rows]
    return [head, rule, *body, "", *([f"注：{t.note}", ""] if t.note else [])]


def _bulletin(report: Report) -> str:
    """Masthead, issuer and date, contents, articles, then the foot between rules."""
    head = report.masthead
    assert head is not None  # Report insists on one for a bulletin
    out = [f"# {head.name}", "", head.number, "", f"{report.issuer}　　{cn_date(report.date)}", "", "---", ""]
    out += ["**本期要目**", ""]
    out += [f"{n}. {a.title}" for n, a in enumerate(report.articles, start=1)]
    out += ["", "---", ""]
    for a in report.articles:
        out += [f"## {a.title}", ""]
        for p in [*a.paragraphs, a.source]:
            if p:
                out += [p, ""]
    out += ["---", ""]
    for line in [*report.foot, report.print_run]:
        if line:
            out += [line, ""]
    return "\n".join(out)
