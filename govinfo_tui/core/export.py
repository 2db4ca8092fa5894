"""Writers for reports: xlsx, docx, CSV (UTF-8 with BOM), Markdown, JSON and plain text.

`write(report, fmt, path)` is the one entry point the command line and the app call. Files
are written to a temporary name beside the target and moved into place, so a reader never
sees half a file, and an existing file is kept unless `force` is given.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .reports.bulletin import foot_lines, number_line, print_run_line
from .reports.common import cn_ordinal
from .reports.model import Column, Report, Section, Table, cn_date, fmt_value

FORMATS = ("table", "json", "csv", "md", "xlsx", "docx")
FILE_ONLY = frozenset({"xlsx", "docx"})

FANGSONG = "仿宋_GB2312"
SONG = "宋体"
HEI = "黑体"
KAI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
LATIN = "Times New Roman"


class ExportError(ValueError):
    """The report cannot be written as asked; the message says what to change."""


# --- entry point ---------------------------------------------------------------------


def write(report: Report, fmt: str, path: str | Path, *, force: bool = False, table: str | None = None) -> Path:
    """Write `report` as `fmt` to `path`; refuses to replace an existing file unless `force`."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r} unknown; use one of {', '.join(FORMATS)}")
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    if target.exists() and not force:
        raise ExportError(f"{target} exists; pass --force to overwrite it")
    writer: Callable[[Path], None]
    if fmt == "xlsx":
        writer = lambda p: to_xlsx(report, p)
    elif fmt == "docx":
        writer = lambda p: to_docx(report, p)
    else:
        data = render(report, fmt, table=table)

        def writer(p: Path) -> None:
            p.write_bytes(data)

    _atomic(target, writer, force)
    return target


def render(report: Report, fmt: str, *, table: str | None = None, width: int = 200) -> bytes:
    """The bytes of a text format: json, csv (with BOM), md, table."""
    if fmt == "json":
        return (to_json(report) + "\n").encode("utf-8")
    if fmt == "csv":
        return to_csv(report, table)
    if fmt == "md":
        return to_markdown(report).encode("utf-8")
    if fmt == "table":
        return to_text(report, width=width).encode("utf-8")
    raise ExportError(f"{fmt} is a file format; give an output file with -o FILE")


def _atomic(target: Path, writer: Callable[[Path], None], force: bool) -> None:
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"folder {parent} does not exist")
    tmp = parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    tmp.touch(exist_ok=False)  # created with the usual permissions (umask), unlike mkstemp's 0600
    try:
        writer(tmp)
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile: never clobber
            except FileExistsError:
                raise ExportError(f"{target} exists; pass --force to overwrite it") from None
            except OSError:  # a file system without hard links
                if target.exists():
                    raise ExportError(f"{target} exists; pass --force to overwrite it") from None
                os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


# --- plain data ----------------------------------------------------------------------


def from_rows(kind: str, rows: list[dict] | dict, columns: list[str] | None = None, title: str = "") -> Report:
    """Wrap a plain query result (a list of rows or a dict) as a one-table report."""
    table_rows = rows if isinstance(rows, list) else [{"key": k, "value": v} for k, v in rows.items()]
    keys = list(columns or (table_rows[0].keys() if table_rows else []))
    cols = [Column(k, k, _guess_kind(table_rows, k)) for k in keys]
    return Report(
        kind=kind,
        title=title or kind,
        data=rows,  # type: ignore[arg-type]
        sections=[Section("", [], [Table(kind, title or kind, cols, table_rows)])],
    )


def _guess_kind(rows: list[dict], key: str) -> Any:
    values = [r.get(key) for r in rows if r.get(key) is not None]
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "num"
    return "text"


def to_json(report: Report) -> str:
    return json.dumps(report.data, ensure_ascii=False, indent=2, default=str)


def _pick_table(report: Report, key: str | None) -> Table:
    tables = report.tables()
    if key:
        try:
            return report.table(key)
        except KeyError as exc:
            raise ExportError(str(exc.args[0])) from None
    if not tables:
        raise ExportError(f"report {report.kind} has no table to write as CSV")
    return tables[0]


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int | float):
        return f"{value:.2f}"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_csv_cell(v, 'text')}" for k, v in value.items())
    return fmt_value(value, kind)  # type: ignore[arg-type]


def to_csv(report: Report, table: str | None = None) -> bytes:
    """One table (the first, or the one named) as CSV, UTF-8 with a BOM so Excel reads Chinese."""
    t = _pick_table(report, table)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.label for c in t.columns])
    for row in t.rows:
        w.writerow([_csv_cell(row.get(c.key), c.kind) for c in t.columns])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


# --- Markdown and text ---------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _md_table(t: Table) -> list[str]:
    if not t.rows:
        return [t.empty, ""]
    head = "| " + " | ".join(_md_cell(c.label) for c in t.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind in ("int", "num", "pct", "money") else "---" for c in t.columns) + "|"
    body = ["| " + " | ".join(_md_cell(t.cell(r, c)) for c in t.columns) + " |" for r in t.rows]
    return [head, rule, *body, ""]


def _meta_line(report: Report) -> str:
    parts = []
    if report.issuer:
        parts.append(report.issuer)
    if report.date:
        parts.append(cn_date(report.date))
    return "　".join(parts)


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
    meta = _meta_line(report)
    if meta:
        out += [meta, ""]
    return "\n".join(out)


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


def to_text(report: Report, width: int = 200) -> str:
    """What `--format table` prints: headings, paragraphs and aligned tables."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, width=width, highlight=False, soft_wrap=False, color_system=None)
    console.print(Text(report.title, style="bold"))
    meta = _meta_line(report)
    if meta:
        console.print(Text(meta))
    for p in report.intro:
        console.print(Text(p))
    for s in report.sections:
        if s.heading:
            console.print()
            console.print(Text(s.heading, style="bold"))
        for p in s.paragraphs:
            console.print(Text(p))
        for t in s.tables:
            if not t.printed:
                continue
            if len(s.tables) > 1:
                console.print(Text(t.title))
            if not t.rows:
                console.print(Text(t.empty))
                continue
            rt = RichTable(show_edge=False, pad_edge=False, box=None, header_style="bold")
            for c in t.columns:
                rt.add_column(c.label, overflow="fold", justify="right" if c.kind != "text" else "left")
            for r in t.rows:
                rt.add_row(*(Text(t.cell(r, c)) for c in t.columns))
            console.print(rt)
    return buf.getvalue()


# --- xlsx ----------------------------------------------------------------------------


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


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

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = report.title
    wb.properties.creator = "govinfo"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name=SONG, bold=True, size=11)
    head_fill = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
    body_font = Font(name=SONG, size=11)
    taken: set[str] = set()
    for t in report.tables():
        ws = wb.create_sheet(_sheet_name(t.title, taken))
        widths = [_display_width(c.label) for c in t.columns]
        for j, c in enumerate(t.columns, start=1):
            cell = ws.cell(row=1, column=j, value=c.label)
            cell.font, cell.fill, cell.border = head_font, head_fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for i, row in enumerate(t.rows, start=2):
            for j, c in enumerate(t.columns, start=1):
                value = _xlsx_value(row.get(c.key), c.kind)
                cell = ws.cell(row=i, column=j, value=value)
                cell.font, cell.border = body_font, border
                if c.kind in _NUMBER_FORMATS and value is not None and not isinstance(value, str):
                    cell.number_format = _NUMBER_FORMATS[c.kind]
                long_text = isinstance(value, str) and _display_width(value) > 60
                cell.alignment = Alignment(vertical="top", wrap_text=long_text)
                shown = t.cell(row, c)
                widths[j - 1] = max(widths[j - 1], min(_display_width(shown), 60))
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = max(6, min(w + 2, 62))
        ws.row_dimensions[1].height = 20
        ws.freeze_panes = "A2"
        if t.rows and t.columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(t.columns))}{len(t.rows) + 1}"
        ws.print_title_rows = "1:1"
        ws.oddHeader.center.text = t.title if t.title == report.title else f"{report.title}　{t.title}"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.page_setup.orientation = "landscape" if len(t.columns) > 7 else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    notes = wb.create_sheet(_sheet_name("说明", taken))
    lines = [report.title, _meta_line(report), report.addressee, *report.intro]
    for s in report.sections:
        if s.paragraphs and report.kind != "bulletin":
            lines += [s.heading, *s.paragraphs]
    at_row = 1
    for line in lines:
        if not line:
            continue
        cell = notes.cell(row=at_row, column=1, value=line)
        cell.font = Font(name=SONG, size=14 if at_row == 1 else 11, bold=at_row == 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        at_row += 1
    notes.column_dimensions["A"].width = 100
    if not report.tables():
        wb.move_sheet(notes, offset=-len(wb.sheetnames) + 1)
    wb.save(path)


# --- docx ----------------------------------------------------------------------------


def _set_font(run, name: str, size: float, *, bold: bool = False, color: str | None = None, latin: str = LATIN):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), name)
    rfonts.set(qn("w:cs"), latin)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def _border(paragraph, side: str, color: str = "000000", size: int = 8, space: int = 1) -> None:
    """A rule above or below a paragraph: the red line under a masthead, the lines of the foot."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.append(pbdr)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), str(space))
    el.set(qn("w:color"), color)
    pbdr.append(el)


class _Doc:
    """A document set up as GB/T 9704 lays out an official paper: A4, its margins, 仿宋 三号."""

    BODY = 16.0  # 三号
    LINE = 28.0

    def __init__(self) -> None:
        from docx import Document
        from docx.shared import Cm, Pt

        self.doc = Document()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Cm(21), Cm(29.7)
        sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
        sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
        self.text_width = Cm(21 - 2.8 - 2.6)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(self.BODY)
        _set_font(_StyleRun(normal), FANGSONG, self.BODY)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        self._page_numbers()

    def _page_numbers(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        p = self.doc.sections[0].footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run("— "), SONG, 14)
        run = _set_font(p.add_run(), SONG, 14)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text == "1":
                el = OxmlElement("w:t")
                el.text = text
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        _set_font(p.add_run(" —"), SONG, 14)

    def para(
        self,
        text: str = "",
        *,
        font: str = FANGSONG,
        size: float | None = None,
        bold: bool = False,
        align: str = "left",
        indent: bool = True,
        color: str | None = None,
        line: float | None = None,
        before: float = 0,
        after: float = 0,
    ):
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        size = size or self.BODY
        p = self.doc.add_paragraph()
        p.alignment = {
            "left": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        pf = p.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line or max(self.LINE, size * 1.5))
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        if indent and align == "left":
            pf.first_line_indent = Pt(size * 2)
        if text:
            _set_font(p.add_run(text), font, size, bold=bold, color=color)
        return p

    def table(self, t: Table) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        size, widths = self._plan(t)
        table = self.doc.add_table(rows=1, cols=len(t.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        head = table.rows[0]
        trpr = head._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)
        for cell, col in zip(head.cells, t.columns, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(p.add_run(col.label), HEI, size)
        for row in t.rows:
            cells = table.add_row().cells
            for cell, col in zip(cells, t.columns, strict=True):
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT if col.kind == "text" else WD_ALIGN_PARAGRAPH.CENTER
                _set_font(p.add_run(t.cell(row, col)), SONG, size)
        table.autofit = False
        for col, w in zip(table.columns, widths, strict=True):
            col.width = w  # the grid, which LibreOffice follows
        for tr in table.rows:
            for cell, w in zip(tr.cells, widths, strict=True):
                cell.width = w  # the cells, which Word follows
        self.para("", line=12)

    def _plan(self, t: Table) -> tuple[float, list[int]]:
        """The font size (五号, else 小五, else 六号) and column widths: numbers, dates and short
        text get the room they need, long text shares the rest, headers may wrap."""
        from docx.shared import Pt

        pad = 3  # half-width units of cell padding (Word and LibreOffice leave ~0.19 cm a side)
        longest = [
            max([_display_width(t.cell(r, c)) for r in t.rows] + [(_display_width(c.label) + 1) // 2, 4])
            for c in t.columns
        ]
        fixed = [c.kind != "text" or n <= 12 for c, n in zip(t.columns, longest, strict=True)]
        for size in (10.5, 9.0, 7.5):
            units = int(self.text_width / Pt(size / 2))
            room = units - pad * len(t.columns) - sum(n for n, f in zip(longest, fixed, strict=True) if f)
            flexible = sum(n for n, f in zip(longest, fixed, strict=True) if not f)
            want = [
                n + pad if f or flexible <= room else max(8, room * n // flexible) + pad
                for n, f in zip(longest, fixed, strict=True)
            ]
            if sum(want) <= units:
                break
        total = sum(want)
        return size, [int(self.text_width * w / total) for w in want]

    def save(self, path: Path, title: str) -> None:
        self.doc.core_properties.title = title
        self.doc.core_properties.author = "govinfo"
        self.doc.save(str(path))


class _StyleRun:
    """Lets `_set_font` set a style's fonts (a style has an rPr like a run has)."""

    def __init__(self, style) -> None:
        self.font = style.font
        self._element = style.element


def to_docx(report: Report, path: Path) -> None:
    if report.kind == "bulletin":
        _bulletin_docx(report, path)
    else:
        _document_docx(report, path)


def _document_docx(report: Report, path: Path) -> None:
    """A notice as an office prints it: 小标宋 title, addressee, 仿宋 body, 黑体 headings,
    tables, the issuing office and date at the lower right."""
    d = _Doc()
    d.para(report.title, font=XIAOBIAOSONG, size=22, align="center", line=35, after=16)
    if report.addressee:
        d.para(report.addressee, indent=False)
    for p in report.intro:
        d.para(p)
    for s in report.sections:
        if s.heading:
            d.para(s.heading, font=HEI if s.level == 1 else KAI)
        for p in s.paragraphs:
            d.para(p)
        printed = [t for t in s.tables if t.printed]
        for n, t in enumerate(printed, start=1):
            if len(printed) > 1:
                d.para(f"（{cn_ordinal(n)}）{t.title}", font=KAI)
            if t.rows:
                d.table(t)
            elif not s.paragraphs:
                d.para(t.empty)
    if report.issuer or report.date:
        d.para("")
        if report.issuer:
            d.para(report.issuer, align="right", before=12)
        if report.date:
            d.para(cn_date(report.date), align="right")
    d.save(path, report.title)


def _bulletin_docx(report: Report, path: Path) -> None:
    """A bulletin issue: red masthead (name, number, editor lower left, date lower right, red
    rule), contents, items, and the foot with 报 / 送 / 发 and the print run."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    data = report.data
    d = _Doc()
    red = "FF0000"
    d.para(data["name"], font=XIAOBIAOSONG, size=42, align="center", color=red, line=60, before=12, after=6)
    d.para(number_line(data), font=FANGSONG, align="center", after=18)
    head = d.para(indent=False)
    head.paragraph_format.tab_stops.add_tab_stop(d.text_width, WD_TAB_ALIGNMENT.RIGHT)
    _set_font(head.add_run(f"{data['editor']}编"), FANGSONG, d.BODY)
    _set_font(head.add_run("\t" + data["date_label"]), FANGSONG, d.BODY)
    _border(head, "bottom", color=red, size=18, space=4)
    d.para("", line=14)
    d.para("本期要目", font=HEI, indent=False)
    for it in data["items"]:
        d.para(f"{it['seq']}. {it['title']}", font=KAI)
    rule = d.para("", line=14)
    _border(rule, "bottom", size=6)
    for it in data["items"]:
        d.para(it["title"], font=XIAOBIAOSONG, size=18, align="center", line=32, before=18, after=8)
        for p in it["paragraphs"]:
            d.para(p)
        if it.get("unit_name"):
            d.para(f"（{it['unit_name']}供稿）", font=KAI, align="right")
    foot = foot_lines(data)
    run_line = print_run_line(data)
    d.para("", line=20)
    paras = []
    for line in foot:
        paras.append(d.para(line, size=14, indent=False, line=24))
    if run_line:
        paras.append(d.para(run_line, size=14, align="right", line=24))
    if paras:
        _border(paras[0], "top", size=12, space=4)
        _border(paras[-1], "bottom", size=12, space=4)
    d.save(path, report.title)


__all__ = ["FILE_ONLY", "FORMATS", "ExportError", "from_rows", "render", "write"]
