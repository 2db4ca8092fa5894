"""xlsx: one styled sheet per table, numbers as numbers, and a sheet 说明 with the text.

Text is written as text: a title such as `=HYPERLINK(...)` is a string cell that Excel shows
as typed and never evaluates, even when someone edits it (quotePrefix), and characters that
XML cannot hold are shown as escapes instead of failing the export.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..reports.model import Report, display_width, fmt_value
from ..text import looks_like_formula, printable
from .texts import each_text

FONT = "宋体"


def _sheet_name(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", title).strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _xlsx_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind in ("int", "num", "pct", "money") and isinstance(value, int | float):
        if kind == "int" or (kind == "num" and float(value).is_integer()):
            return int(value)
        return float(value)
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, list | dict):
        return fmt_value(value)
    return value


_NUMBER_FORMATS = {"int": "0", "num": "General", "pct": "0.0%", "money": "#,##0.00", "date": "yyyy-mm-dd"}


def to_xlsx(report: Report, path: Path) -> None:
    """One sheet per table: styled, frozen header, fitted widths, numbers as numbers; and a
    sheet 说明 with the title and the text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    report = each_text(report, printable)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = report.title
    wb.properties.creator = "govinfo"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name=FONT, bold=True, size=11)
    head_fill = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
    body_font = Font(name=FONT, size=11)
    taken: set[str] = set()
    signers = "　　".join(report.document.signers)
    signed = report.signed_table() if signers else None
    for t in report.tables():
        ws = wb.create_sheet(_sheet_name(t.title, taken))
        widths = [display_width(c.label) for c in t.columns]
        for j, c in enumerate(t.columns, start=1):
            cell = _put(ws, 1, j, c.label)
            cell.font, cell.fill, cell.border = head_font, head_fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for i, row in enumerate(t.rows, start=2):
            for j, c in enumerate(t.columns, start=1):
                value = _xlsx_value(row.get(c.key), c.kind)
                cell = _put(ws, i, j, value)
                cell.font, cell.border = body_font, border
                if c.kind in _NUMBER_FORMATS and value is not None and not isinstance(value, str):
                    cell.number_format = _NUMBER_FORMATS[c.kind]
                long_text = isinstance(value, str) and display_width(value) > 60
                cell.alignment = Alignment(vertical="top", wrap_text=long_text)
                shown = t.cell(row, c)
                widths[j - 1] = max(widths[j - 1], min(display_width(shown), 60))
        at_row = len(t.rows) + 2
        if t.total is not None:  # the 合计 row, bold, under the rows (outside the filter)
            for j, c in enumerate(t.columns, start=1):
                value = _xlsx_value(t.total.get(c.key), c.kind)
                cell = _put(ws, at_row, j, value)
                cell.font, cell.border = Font(name=FONT, size=11, bold=True), border
                if c.kind in _NUMBER_FORMATS and value is not None and not isinstance(value, str):
                    cell.number_format = _NUMBER_FORMATS[c.kind]
            at_row += 1
        if t.note:
            _put(ws, at_row, 1, f"注：{t.note}").font = Font(name=FONT, size=10, italic=True)
            at_row += 1
        if t is signed:  # 制表人：… 审核人：… under the sheet they sign, a row apart
            _put(ws, at_row + 1, 1, signers).font = body_font
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = max(6, min(w + 2, 62))
        ws.row_dimensions[1].height = 20
        ws.freeze_panes = "A2"
        if t.rows and t.columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(t.columns))}{len(t.rows) + 1}"
        ws.print_title_rows = "1:1"
        head = t.title if t.title == report.title else f"{report.title}　{t.title}"
        ws.oddHeader.center.text = head.replace("&", "&&")  # a lone & starts a header code (&P, &D)
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.page_setup.orientation = "landscape" if len(t.columns) > 7 else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    notes = wb.create_sheet(_sheet_name("说明", taken))
    lines = [report.title, report.signature(), report.addressee, *report.intro]
    for s in report.all_sections():  # a document's prose only: a bulletin's articles are in its sheet 正文
        if s.paragraphs and report.layout == "document":
            lines += [s.heading, *s.paragraphs]
    at_row = 1
    for line in lines:
        if not line:
            continue
        cell = _put(notes, at_row, 1, line)
        cell.font = Font(name=FONT, size=14 if at_row == 1 else 11, bold=at_row == 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        at_row += 1
    notes.column_dimensions["A"].width = 100
    if not report.tables():
        wb.move_sheet(notes, offset=-len(wb.sheetnames) + 1)
    wb.save(path)


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """A cell holding `value`; a string stays a string, whatever it begins with."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl takes a string beginning with "=" for a formula
        if looks_like_formula(value):
            cell.quotePrefix = True  # and Excel would, once someone edits the cell
    return cell
