"""A report (`core.reports.model.Report`) laid out for the screen: headings, paragraphs and
tables fitted to the terminal's width. Shared by the papers screen and the composer's preview."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Group, JustifyMethod, RenderableType
from rich.constrain import Constrain
from rich.table import Table as RichTable
from rich.text import Text

from ..core.reports.model import Report, Table, cn_date
from .fmt import safe


def min_widths(tab: Table, rows: list[list[str]]) -> list[int]:
    """Each column's narrowest width: a figure, a date or a short name is never broken; a
    header wraps after two characters at most, a long text (a title) after twelve cells."""
    out = []
    for n, c in enumerate(tab.columns):
        widest = max((cell_len(row[n]) for row in rows), default=1)
        out.append(max(min(widest, 12 if c.kind == "text" else widest), min(cell_len(c.label), 4), 2))
    return out


def fit_widths(natural: list[int], least: list[int], width: int) -> list[int]:
    """Column widths for `width` cells: the widest columns give way first, none below its least."""
    gaps = 3 * (len(natural) - 1)
    widths = [max(a, b) for a, b in zip(natural, least, strict=True)]
    excess = sum(widths) + gaps - width
    while excess > 0:
        n = max(range(len(widths)), key=lambda i: (widths[i] - least[i] > 0, widths[i]))
        if widths[n] <= least[n]:
            break
        cut = min(excess, widths[n] - least[n], max(widths[n] - sorted(widths)[-2], 1) if len(widths) > 1 else excess)
        widths[n] -= cut
        excess -= cut
    return widths


def report_view(report: Report, width: int = 100) -> tuple[RenderableType, int]:
    """Headings, paragraphs and tables of a report fitted to `width`; every string is data,
    never markup. Also the width it needs (wider than `width` when a table cannot shrink)."""
    need = 0
    out: list[RenderableType] = []

    def prose(text: str, style: str = "", justify: JustifyMethod | None = None) -> None:
        # wrapped to the screen even where a table is wider and scrolls sideways
        out.append(Constrain(Text(safe(text), style=style, justify=justify), width))

    prose(report.title, "bold", "center")
    meta = "　".join(p for p in (report.issuer, cn_date(report.date)) if p)
    if meta:
        prose(meta, "dim", "center")
    if report.addressee:
        prose(report.addressee)
    for p in report.intro:
        prose(p)
    signers = "　　".join(report.document.signers)
    signed = report.signed_table() if signers else None
    for s in report.all_sections():
        printed = [tab for tab in s.tables if tab.printed]
        if not (s.heading or s.paragraphs or printed):
            continue
        if s.heading:
            out.append(Text(""))
            prose(s.heading, "bold" if s.level <= 1 else "bold italic")
        for p in s.paragraphs:
            prose(p)
        for tab in printed:
            if len(printed) > 1 or (not s.heading and tab.title != report.title):
                prose(tab.title, "bold dim")
            if not tab.rows:
                prose(tab.empty, "dim")
                continue
            shown = [*tab.rows, *([tab.total] if tab.total else [])]  # the 合计 row last
            rows = [[safe(tab.cell(r, c)) for c in tab.columns] for r in shown]
            natural = [max([cell_len(c.label), *(cell_len(row[n]) for row in rows)]) for n, c in enumerate(tab.columns)]
            widths = fit_widths(natural, min_widths(tab, rows), width)
            need = max(need, sum(widths) + 3 * (len(widths) - 1))
            rt = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=False)
            for c, w in zip(tab.columns, widths, strict=True):
                rt.add_column(
                    Text(safe(c.label)),
                    justify="left" if c.kind in ("text", "date") else "right",
                    width=w,
                    overflow="fold",
                )
            for row in rows:
                rt.add_row(*(Text(cell) for cell in row))
            out.append(rt)
            if tab.note:
                prose(f"注：{tab.note}", "dim")
            if tab is signed:
                prose(signers)
    if signers and signed is None:
        prose(signers)
    return Group(*out), need
