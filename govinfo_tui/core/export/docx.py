"""docx: a report laid out as an office prints it (GB/T 9704): an official document, or a
bulletin issue with its red masthead.

Characters that XML cannot hold (a pasted ESC, a NUL) are shown as escapes, and Word's own
soft line break (VT) comes back as a line break, instead of failing the export.
"""

from __future__ import annotations

from pathlib import Path

from ..reports.common import cn_ordinal
from ..reports.model import Report, Table, cn_date, display_width
from ..text import printable
from .texts import each_text

FANGSONG = "仿宋_GB2312"
SONG = "宋体"
HEI = "黑体"
KAI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
LATIN = "Times New Roman"


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
            max([display_width(t.cell(r, c)) for r in t.rows] + [(display_width(c.label) + 1) // 2, 4])
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
    """The report in its layout: an official document, or a bulletin issue."""
    report = each_text(report, printable)
    if report.layout == "bulletin":
        _bulletin(report, path)
    else:
        _document(report, path)


def _document(report: Report, path: Path) -> None:
    """A paper as an office prints it: 小标宋 title, addressee, 仿宋 body, 黑体 headings,
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


def _bulletin(report: Report, path: Path) -> None:
    """A bulletin issue: red masthead (name, number, editor lower left, date lower right, red
    rule), contents, articles, and the foot with 报 / 送 / 发 and the print run."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    masthead = report.masthead
    assert masthead is not None  # Report insists on one for a bulletin
    d = _Doc()
    red = "FF0000"
    d.para(masthead.name, font=XIAOBIAOSONG, size=42, align="center", color=red, line=60, before=12, after=6)
    d.para(masthead.number, font=FANGSONG, align="center", after=18)
    head = d.para(indent=False)
    head.paragraph_format.tab_stops.add_tab_stop(d.text_width, WD_TAB_ALIGNMENT.RIGHT)
    _set_font(head.add_run(report.issuer), FANGSONG, d.BODY)
    _set_font(head.add_run("\t" + cn_date(report.date)), FANGSONG, d.BODY)
    _border(head, "bottom", color=red, size=18, space=4)
    d.para("", line=14)
    d.para("本期要目", font=HEI, indent=False)
    for n, a in enumerate(report.articles, start=1):
        d.para(f"{n}. {a.title}", font=KAI)
    rule = d.para("", line=14)
    _border(rule, "bottom", size=6)
    for a in report.articles:
        d.para(a.title, font=XIAOBIAOSONG, size=18, align="center", line=32, before=18, after=8)
        for p in a.paragraphs:
            d.para(p)
        if a.source:
            d.para(a.source, font=KAI, align="right")
    d.para("", line=20)
    paras = [d.para(line, size=14, indent=False, line=24) for line in report.foot]
    if report.print_run:
        paras.append(d.para(report.print_run, size=14, align="right", line=24))
    if paras:
        _border(paras[0], "top", size=12, space=4)
        _border(paras[-1], "bottom", size=12, space=4)
    d.save(path, report.title)
