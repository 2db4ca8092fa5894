"""docx: a report laid out as an office prints it: an official document (公文, GB/T 9704-2012)
or a bulletin issue with its red masthead.

A document is printed in the order the standard gives: the 版头 (a 密级 or 内部资料 marking,
the red 发文机关标志, the 发文字号 and the red rule), the title broken between whole words,
the addressee, the body, the list of attachments, the issuer centred above the date set four
characters from the right, a 附注 with the contact, then each attachment on pages of its own
(landscape when its table is too wide) and the 版记 (抄送, 印发机关 and 印发日期) at the foot
of the last page. Headings keep with what follows, the signature keeps with the last lines
of the body, table rows never split across pages and their header rows repeat.

Fonts are named in chains (方正小标宋简体 → 华文中宋 → 宋体): the first is written on the
text and the next declared as its alternate in the font table, which Word and WPS use on a
machine without the first. East Asian text is tagged zh-CN. An office's own red-head
template (a .docx) can stand in for the 版头: the paper is filled in after its content.

Characters that XML cannot hold (a pasted ESC, a NUL) are shown as escapes, and Word's own
soft line break (VT) comes back as a line break, instead of failing the export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import GovinfoError
from ..reports.common import cn_ordinal
from ..reports.model import DocumentFields, Report, Table, cn_date, display_width
from ..text import printable
from .texts import each_text

LATIN = "Times New Roman"
RED = "FF0000"
BODY = 16.0  # 三号
LINE = 28.0  # 22 lines to a page
TITLE = 22.0  # 二号
FOOT = 14.0  # 四号: page numbers and the 版记
PORTRAIT = (21.0, 29.7, 3.7, 3.5, 2.8, 2.6)  # width, height, top, bottom, left, right (cm)
LANDSCAPE = (29.7, 21.0, 2.8, 2.6, 3.7, 3.5)


class TemplateError(GovinfoError, ValueError):
    """The office's red-head template cannot be read."""


# --- runs and paragraphs -----------------------------------------------------------------


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
    """A rule above or below a paragraph: the red line under a head, the lines of a 版记."""
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


def title_lines(title: str, width: int) -> list[str]:
    """The title broken into lines of at most `width` half-width columns, each break between
    whole words (GB/T 9704 asks for a title set in a 梯形 or 菱形, never a word cut): before
    关于, after 的, before the kind of paper, and lines as even as those breaks allow."""
    if display_width(title) <= width:
        return [title]
    marks = ("关于", "的", "通报", "通知", "决定", "结果", "情况", "工作", "办法")
    cuts = sorted(
        {i for m in marks for i in _find_all(title, m) if i > 0}
        | {i + len(m) for m in ("的", "年", "月", "度") for i in _find_all(title, m) if i + len(m) < len(title)}
    )
    best: list[str] | None = None
    # try each break point, and pairs of them, preferring the fewest lines, then the most even
    for n_cuts in (1, 2):
        options = []
        for combo in _combinations(cuts, n_cuts):
            lines = [title[a:b] for a, b in zip((0, *combo), (*combo, len(title)), strict=True)]
            widths = [display_width(line) for line in lines]
            if max(widths) <= width and all(lines):
                # a leading 关于 belongs to its line; prefer it, then the most even lines
                prefer = 0 if title[combo[0] :].startswith("关于") else 1
                options.append((prefer, max(widths) - min(widths), lines))
        if options:
            best = min(options, key=lambda o: (o[0], o[1]))[2]
            break
    if best is None:  # no word break fits: cut by width, never inside a run of digits or Latin
        best, line = [], ""
        for ch in title:
            if display_width(line + ch) > width and line and not (line[-1].isascii() and ch.isascii()):
                best.append(line)
                line = ""
            line += ch
        best.append(line)
    return best


def _find_all(text: str, word: str) -> list[int]:
    out, start = [], 0
    while (i := text.find(word, start)) >= 0:
        out.append(i)
        start = i + 1
    return out


def _combinations(values: list[int], n: int) -> list[tuple[int, ...]]:
    from itertools import combinations

    return list(combinations(values, n))


# --- the document ---------------------------------------------------------------------------


class _Doc:
    """A document set up as GB/T 9704 lays out an official paper: A4, its margins, 仿宋 三号,
    page numbers "— 1 —" at the outer side, East Asian text in Chinese."""

    def __init__(self, fields: DocumentFields, *, landscape: bool = False) -> None:
        from docx import Document
        from docx.shared import Pt

        self.fields = fields
        self.fonts = {role: fields.font(role) for role in ("title", "body", "heading", "kai", "table")}
        self.from_template = bool(fields.template)
        if fields.template:
            self.doc = _open_template(fields.template)
            landscape = False  # the template's pages as they are
        else:
            self.doc = Document()
            self._page(self.doc.sections[0], LANDSCAPE if landscape else PORTRAIT)
        sec = self.doc.sections[-1]
        self.text_width = sec.page_width - sec.left_margin - sec.right_margin
        self.text_height = sec.page_height - sec.top_margin - sec.bottom_margin
        self.landscape = landscape
        self.turned = landscape  # the whole paper on landscape pages: a list too wide to stand
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(BODY)
        _set_font(_StyleRun(normal), self.font("body"), BODY)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        self._chinese()
        self._alternates()
        if not (self.from_template and any(p.text.strip() for p in sec.footer.paragraphs)):
            self._page_numbers()

    def font(self, role: str) -> str:
        return self.fonts[role][0]

    @staticmethod
    def _page(sec, geometry: tuple[float, ...]) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm

        width, height, top, bottom, left, right = geometry
        sec.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Cm(width), Cm(height)
        sec.top_margin, sec.bottom_margin = Cm(top), Cm(bottom)
        sec.left_margin, sec.right_margin = Cm(left), Cm(right)
        sec.footer_distance = Cm(2.0)

    def _chinese(self) -> None:
        """Tag East Asian text zh-CN in the document defaults and the Normal style."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        targets = [self.doc.styles["Normal"].element.get_or_add_rPr()]
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(qn("w:rPrDefault"))
            if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
                targets.append(rpr_default.find(qn("w:rPr")))
        for rpr in targets:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")

    def _alternates(self) -> None:
        """Declare each font of a chain in the font table with the next as its alternate, and
        the GB2312 character set, so that Word and WPS fall back along the chain."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from lxml import etree

        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        try:
            part = self.doc.part.part_related_by(RT.FONT_TABLE)
        except KeyError:
            return
        root = etree.fromstring(part.blob)
        known = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
        for chain in self.fonts.values():
            for n, name in enumerate(chain):
                if name in known:
                    continue
                known.add(name)
                font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
                if n + 1 < len(chain):
                    etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": chain[n + 1]})
                etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
                etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "auto"})
                etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _page_numbers(self) -> None:
        """ "— 1 —" in 四号宋体: odd pages at the right, even pages at the left, one character in."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.doc.settings.odd_and_even_pages_header_footer = True
        sec = self.doc.sections[0]
        for footer, align in ((sec.footer, "right"), (sec.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
            if align == "right":
                p.paragraph_format.right_indent = Pt(FOOT)
            else:
                p.paragraph_format.left_indent = Pt(FOOT)
            song = self.fonts["table"][0]
            _set_font(p.add_run("— "), song, FOOT)
            _field(_set_font(p.add_run(), song, FOOT), "PAGE")
            _set_font(p.add_run(" —"), song, FOOT)

    def para(
        self,
        text: str = "",
        *,
        role: str = "body",
        size: float = BODY,
        bold: bool = False,
        align: str = "left",
        indent: float | None = None,
        color: str | None = None,
        line: float | None = None,
        before: float = 0,
        after: float = 0,
        keep: bool = False,
    ):
        """A paragraph; `indent` in characters on the first line (2 for body text), `keep`
        holds it on the page of the next one."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        p.alignment = {
            "left": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        pf = p.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line or max(LINE, size * 1.5))
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        pf.widow_control = True
        if indent is None:
            indent = 2 if align == "left" else 0
        if indent:
            pf.first_line_indent = Pt(size * indent)
        if keep:
            pf.keep_with_next = True
        if text:
            parts = text.split("\n")
            for n, part in enumerate(parts):
                run = _set_font(p.add_run(part), self.font(role), size, bold=bold, color=color)
                if n + 1 < len(parts):
                    run.add_break()
        return p

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_section(self, landscape: bool) -> None:
        """The pages that follow on a new page, portrait or landscape."""
        from docx.enum.section import WD_SECTION

        if landscape == self.landscape and self.doc.paragraphs:
            self.page_break_before_next = True
            return
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(sec, LANDSCAPE if landscape else PORTRAIT)
        self.text_width = sec.page_width - sec.left_margin - sec.right_margin
        self.text_height = sec.page_height - sec.top_margin - sec.bottom_margin
        self.landscape = landscape

    page_break_before_next = False

    def start(self, p) -> None:
        """Let `p` start a new page if one was asked for."""
        if self.page_break_before_next:
            p.paragraph_format.page_break_before = True
            self.page_break_before_next = False

    def table(self, t: Table, sizes: tuple[float, ...] = (10.5, 9.0, 7.5)) -> None:
        """A table: header repeated on each page, no row split across pages, a bold 合计 row,
        the note under it; figures centred, text to the left."""
        from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        size, widths = self.plan(t, sizes)
        table = self.doc.add_table(rows=1, cols=len(t.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        head = table.rows[0]
        _row_props(head, header=True)
        for cell, col in zip(head.cells, t.columns, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = bool(t.heights)  # a form starts where its rows are
            _set_font(p.add_run(col.label), self.font("heading"), size)
        rows: list[tuple[dict[str, Any], bool]] = [(r, False) for r in t.rows]
        if t.total is not None:
            rows.append((t.total, True))
        for n, (row, is_total) in enumerate(rows):
            tr = table.add_row()
            _row_props(tr, height=t.heights.get(n, t.row_height))
            # the last row stays with the 合计; a form's rows stay together
            held = (t.total is not None and n == len(rows) - 2) or (bool(t.heights) and n < len(rows) - 1)
            for cell, col in zip(tr.cells, t.columns, strict=True):
                if t.row_height and n not in t.heights:
                    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER  # a tall row: its text mid-height
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT if col.kind == "text" else WD_ALIGN_PARAGRAPH.CENTER
                text = t.cell(row, col)
                font = self.font("heading") if is_total else self.font("table")
                _set_font(p.add_run(text), font, size)
                p.paragraph_format.keep_with_next = held
        table.autofit = False
        for col, w in zip(table.columns, widths, strict=True):
            col.width = w  # the grid, which LibreOffice follows
        for tr in table.rows:
            for cell, w in zip(tr.cells, widths, strict=True):
                cell.width = w  # the cells, which Word follows
        if t.note:
            self.para(f"注：{t.note}", role="kai", size=max(size, 12), indent=0, line=max(size, 12) * 1.5, before=4)
        self.para("", line=12)

    def plan(self, t: Table, sizes: tuple[float, ...]) -> tuple[float, list[int]]:
        """The font size (the first of `sizes` it fits at) and column widths: numbers, dates and
        short text get the room they need, long text shares the rest, headers may wrap."""
        _fits, size, widths = _plan(t, self.text_width, sizes)
        return size, widths

    def save(self, path: Path, title: str) -> None:
        self.doc.core_properties.title = title
        self.doc.core_properties.author = "govinfo"
        self.doc.save(str(path))


def _plan(t: Table, text_width: int, sizes: tuple[float, ...]) -> tuple[bool, float, list[int]]:
    """Whether `t` fits `text_width` at one of `sizes`, the size, and the column widths."""
    from docx.shared import Pt

    pad = 3  # half-width units of cell padding (Word and LibreOffice leave ~0.19 cm a side)
    rows = [*t.rows, *([t.total] if t.total else [])]
    fits = False
    want: list[int] = []
    size = sizes[0]
    # headers whole where there is room, else wrapped over two lines
    for size, whole in [(size, whole) for size in sizes for whole in (True, False)]:
        label = [display_width(c.label) if whole else (display_width(c.label) + 1) // 2 for c in t.columns]
        longest = [
            max([display_width(t.cell(r, c)) for r in rows] + [n, 4, c.width])
            for c, n in zip(t.columns, label, strict=True)
        ]
        # short names whole, and the room asked for handwriting
        fixed = [c.kind != "text" or n <= 14 or c.width > 0 for c, n in zip(t.columns, longest, strict=True)]
        units = int(text_width / Pt(size / 2))
        room = units - pad * len(t.columns) - sum(n for n, f in zip(longest, fixed, strict=True) if f)
        flexible = sum(n for n, f in zip(longest, fixed, strict=True) if not f)
        want = [
            n + pad if f or flexible <= room else max(8, room * n // flexible) + pad
            for n, f in zip(longest, fixed, strict=True)
        ]
        if sum(want) <= units and (flexible <= room or room >= 12 * sum(1 for f in fixed if not f)):
            fits = True
            break
    total = sum(want)
    return fits, size, [int(text_width * w / total) for w in want]


def _row_props(row, *, header: bool = False, height: float = 0) -> None:
    """A row kept whole on one page, at least `height` points tall; a header row repeated at
    the top of each page."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    trpr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    trpr.append(cant)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)
    if height:  # set last: python-docx puts w:trHeight where the schema wants it, after w:cantSplit
        row.height, row.height_rule = Pt(height), WD_ROW_HEIGHT_RULE.AT_LEAST


def _field(run, code: str) -> None:
    """A field (PAGE) in `run`, showing 1 until the reader updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
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


def _open_template(path: str):
    from docx import Document

    try:
        return Document(str(Path(path).expanduser()))
    except Exception as e:  # a missing file, not a zip, not a Word document
        raise TemplateError("export.template", path=path, reason=str(e) or type(e).__name__) from None


def _fill_template(doc, values: dict[str, str]) -> set[str]:
    """Replace {{发文字号}} and the like in the template's paragraphs (a placeholder typed in one
    go sits in one run; one split over runs is joined into the first); the names filled."""
    filled: set[str] = set()
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for sec in doc.sections:
        paragraphs += sec.header.paragraphs
    for p in paragraphs:
        text = p.text
        if "{{" not in text:
            continue
        new = text
        for name, value in values.items():
            if "{{" + name + "}}" in new:
                new = new.replace("{{" + name + "}}", value)
                filled.add(name)
        if new != text and p.runs:
            p.runs[0].text = new
            for run in p.runs[1:]:
                run.text = ""
    return filled


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


def _head(d: _Doc, report: Report) -> None:
    """The 版头: marking at the top left, the red 发文机关标志, the 发文字号 and the red rule;
    from the office's template when it has one."""
    f = report.document
    if d.from_template:
        filled = _fill_template(
            d.doc,
            {
                "发文字号": f.number,
                "成文日期": cn_date(report.date),
                "签发人": f.signed_by,
                "密级": f.marking,
                "标题": report.title,
                "发文机关": report.issuer,
            },
        )
        if f.number and "发文字号" not in filled:
            d.para(f.number, align="center", before=12)
        return
    if f.marking:
        d.para(f.marking, role="heading", indent=0)
    if f.mark:
        lines = f.mark.split("\n")
        longest = max(display_width(line) for line in lines) / 2
        size = min(48.0, d.text_width / 12700 / max(longest, 1) * 0.92)  # EMU -> pt
        before = 99 - (LINE if f.marking else 0)  # GB/T: 35 mm from the top of the text area
        d.para(
            f.mark,
            role="title",
            size=size,
            align="center",
            color=RED,
            line=size * 1.15,
            before=max(before, 0),
            keep=True,
        )
    if f.number or f.mark:
        number = f.number
        if f.signed_by:
            number = f"{f.number}\t签发人：{f.signed_by}"
        p = d.para(number, align="center" if not f.signed_by else "left", indent=0, before=LINE, keep=True)
        if f.signed_by:
            from docx.enum.text import WD_TAB_ALIGNMENT

            p.paragraph_format.tab_stops.add_tab_stop(d.text_width, WD_TAB_ALIGNMENT.RIGHT)
        if f.mark:
            _border(p, "bottom", color=RED, size=12, space=11)  # 4 mm under the number


def _document(report: Report, path: Path) -> None:
    """A 公文: 版头, title, addressee, body, 附件说明, signature, 附注, attachments, 版记."""
    f = report.document
    d = _Doc(f, landscape=_wide_body(report))
    _head(d, report)
    chars = int(d.text_width / 12700 / TITLE) * 2  # half-width columns of the title's size
    gap = LINE * 2 if (f.mark or f.number) else 0
    d.para(
        "\n".join(title_lines(report.title, chars - 2)),
        role="title",
        size=TITLE,
        align="center",
        line=35,
        before=gap,
        after=LINE / 2,
    )
    if report.addressee:
        d.para(report.addressee, indent=0)
    for p in report.intro:
        d.para(p)
    signed = report.signed_table() if f.signers else None
    for s in report.sections:
        printed = [t for t in s.tables if t.printed]
        if not (s.heading or s.paragraphs or printed):
            continue
        if s.heading:
            d.para(s.heading, role="heading" if s.level == 1 else "kai", keep=True)
        for p in s.paragraphs:
            d.para(p)
        for n, t in enumerate(printed, start=1):
            if len(printed) > 1:
                d.para(f"（{cn_ordinal(n)}）{t.title}", role="kai", keep=True)
            if t.rows:
                d.table(t)
            elif not s.paragraphs:
                d.para(t.empty)
            if t is signed:
                _signers(d)
    attachments = [a for a in report.attachments if any(t.printed for t in a.tables) or a.paragraphs]
    if attachments:
        _attachment_list(d, [a.title for a in attachments])
    _signature(d, report)
    if f.contact:
        if d.doc.paragraphs:  # the 附注 never starts a page alone: the date goes with it
            d.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        d.para(f.contact, indent=2)
    if f.signers and signed is None:  # no table to sign under: the lines under the date
        d.para("　　".join(f.signers), indent=0, before=LINE / 2)
    for n, a in enumerate(attachments, start=1):
        _attachment(d, a, n if len(attachments) > 1 else 0, signed=signed)
    if f.has_foot():
        if d.landscape and not d.turned:
            d.new_section(False)
        _foot(d, report)
    d.save(path, report.title)


def _wide_body(report: Report) -> bool:
    """Whether a table of the body (a paper that is a list: 选题清单) is too wide for a portrait
    page at 五号: the paper is then printed on landscape pages, as an office prints such a list,
    rather than its table squeezed to a column of a few characters."""
    from docx.shared import Cm

    width = Cm(PORTRAIT[0] - PORTRAIT[4] - PORTRAIT[5])
    return any(not _plan(t, width, (10.5,))[0] for s in report.sections for t in s.tables if t.printed and t.rows)


def _attachment_list(d: _Doc, titles: list[str]) -> None:
    """附件：1．… under the body, one blank line down, the numbers aligned after 附件："""
    from docx.shared import Pt

    if d.doc.paragraphs:  # the list never starts a page: the body's last lines come with it
        d.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    d.para("", keep=True)
    if len(titles) == 1:
        d.para(f"附件：{titles[0]}", keep=True)
        return
    for n, title in enumerate(titles, start=1):
        p = d.para(f"{'附件：' if n == 1 else ''}{n}．{title}", indent=0, keep=True)
        p.paragraph_format.left_indent = Pt(BODY * 5)
        p.paragraph_format.first_line_indent = Pt(-BODY * 3) if n == 1 else Pt(0)


def _signature(d: _Doc, report: Report) -> None:
    """Room for the seal, the issuer centred above the date, the date four characters in from
    the right; kept on one page together with the last lines of the body."""
    from docx.shared import Pt

    if not (report.issuer or report.date):
        return
    if d.doc.paragraphs:
        d.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    d.para("", keep=True)
    d.para("", keep=True)
    date = cn_date(report.date)
    date_chars = display_width(date) / 2
    issuer_chars = display_width(report.issuer) / 2
    if report.issuer:
        if issuer_chars <= date_chars + 4:
            right = 4 + (date_chars - issuer_chars) / 2
        else:  # a long name: two characters in, the date under its middle
            right = 2
        p = d.para(report.issuer, align="right", indent=0, keep=bool(date))
        p.paragraph_format.right_indent = Pt(BODY * max(right, 0))
    if date:
        if report.issuer and issuer_chars > date_chars + 4:
            right = 2 + (issuer_chars - date_chars) / 2
        else:
            right = 4
        p = d.para(date, align="right", indent=0)
        p.paragraph_format.right_indent = Pt(BODY * right)


def _signers(d: _Doc) -> None:
    """制表人：… 审核人：… on one line under the table they sign, kept on its page."""
    if d.doc.paragraphs:
        d.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    d.para("　　".join(d.fields.signers), indent=0, keep=False)


def _attachment(d: _Doc, a, number: int, *, signed: Table | None) -> None:
    """附件N at the top left, its title, its lines and tables; landscape when a table is too
    wide for a portrait page at 五号."""
    from docx.shared import Cm

    tables = [t for t in a.tables if t.printed]
    portrait_width = Cm(PORTRAIT[0] - PORTRAIT[4] - PORTRAIT[5])
    wide = any(not _plan(t, portrait_width, (10.5,))[0] for t in tables if t.rows)  # 五号 upright, else turned
    d.new_section(wide)
    p = d.para(f"附件{number}" if number else "附件", role="heading", indent=0)
    d.start(p)
    chars = int(d.text_width / 12700 / 18) * 2
    d.para("\n".join(title_lines(a.title, chars - 2)), role="title", size=18, align="center", line=30, after=12)
    for text in a.paragraphs:
        d.para(text)
    sizes = (12.0, 10.5, 9.0) if wide else (10.5, 9.0)
    for t in tables:
        if len(tables) > 1 or t.title != a.title:
            d.para(t.title, role="kai", indent=0, keep=True)
        if t.rows:
            d.table(t, sizes)
        else:
            d.para(t.empty)
        if t is signed:
            _signers(d)


def _foot(d: _Doc, report: Report) -> None:
    """The 版记 at the foot of the last page: 抄送, then the 印发机关 at the left and the
    印发日期 at the right, between a thick rule above and below and a thin one between."""
    f = report.document
    printed = f"{cn_date(f.printed)}印发" if f.printed else ""
    lines: list[tuple[str, str]] = []
    if f.cc:
        lines.append((f"抄送：{f.cc}", ""))
    if f.printer or printed:
        lines.append((f.printer, printed))
    _foot_table(d, lines)


def _foot_height(d: _Doc, lines: list[tuple[str, str]]) -> int:
    """The height (EMU) the foot's lines take: each wraps at the width less its indents."""
    per_line = int(d.text_width / 12700 / FOOT) - 2
    rows = 0
    for left, right in lines:
        text = display_width(left + right) / 2 + (4 if right else 0)
        rows += max(1, -(-int(text) // max(per_line - 3, 1)))
    return int((rows * FOOT * 1.6 + len(lines) * 4 + 6) * 12700)


def _foot_table(d: _Doc, lines: list[tuple[str, str]]) -> None:
    """Lines (left text, right text) in a borderless table that floats at the foot of the text
    area of its page, a rule above, under and between the lines; Word and LibreOffice both
    keep a floating table where its position says, whatever the text above it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    if not lines:
        return
    table = d.doc.add_table(rows=len(lines), cols=1)
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 4), ("insideV", 0)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if size else "nil")
        if size:
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    later = [tblpr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    following = next((el for el in later if el is not None), None)
    if following is not None:
        following.addprevious(borders)  # the schema's order
    else:
        tblpr.append(borders)
    width = d.text_width
    table.autofit = False
    table.columns[0].width = width
    for row, (left, right) in zip(table.rows, lines, strict=True):
        _row_props(row)
        cell = row.cells[0]
        cell.width = width
        p = cell.paragraphs[0]
        pf = p.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(FOOT * 1.6)
        pf.space_before = pf.space_after = Pt(2)
        pf.left_indent = pf.right_indent = Pt(FOOT)  # 左右各空一字
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if left.startswith(("抄送：", "报：", "送：", "发：")):
            head = left.index("：") + 1
            pf.left_indent = Pt(FOOT * (1 + head))
            pf.first_line_indent = Pt(-FOOT * head)  # later lines under the first name
        if right:
            pf.tab_stops.add_tab_stop(width - Cm(0.38) - Pt(FOOT), WD_TAB_ALIGNMENT.RIGHT)
        _set_font(p.add_run(f"{left}\t{right}" if right else left), d.font("body"), FOOT)
    anchor = d.para("", line=1)
    _float_to_foot(anchor, table._tbl, d.text_width, _foot_height(d, lines))


def _float_to_foot(anchor, tbl, width: int, height: int) -> None:
    """Move `tbl` into a text box anchored in the paragraph `anchor` and held at the foot of
    the text area (DrawingML: aligned to the bottom of the margin box, text above and below
    it, never beside), which Word, WPS and LibreOffice all place where it says."""
    from lxml import etree

    ns = {
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    }
    xml = f"""<w:r xmlns:w="{ns["w"]}" xmlns:wp="{ns["wp"]}" xmlns:a="{ns["a"]}" xmlns:wps="{ns["wps"]}">
<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>
<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapTopAndBottom/><wp:docPr id="4097" name="版记"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="{ns["wps"]}"><wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent><w:p/></w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""
    run = etree.fromstring(xml)
    content = run.find(".//w:txbxContent", ns)
    tbl.getparent().remove(tbl)
    content.insert(0, tbl)
    anchor._p.append(run)


def _bulletin(report: Report, path: Path) -> None:
    """A bulletin issue: marking, red masthead (name, number, editor lower left, date lower
    right, red rule), contents, articles, and at the foot of the last page 报 / 送 / 发 and the
    print run between rules."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    masthead = report.masthead
    assert masthead is not None  # Report insists on one for a bulletin
    d = _Doc(report.document)
    if report.document.marking:
        d.para(report.document.marking, role="heading", indent=0)
    d.para(masthead.name, role="title", size=42, align="center", color=RED, line=60, before=12, after=6)
    d.para(masthead.number, align="center", after=18)
    head = d.para(indent=0)
    head.paragraph_format.tab_stops.add_tab_stop(d.text_width, WD_TAB_ALIGNMENT.RIGHT)
    _set_font(head.add_run(report.issuer), d.font("body"), BODY)
    _set_font(head.add_run("\t" + cn_date(report.date)), d.font("body"), BODY)
    _border(head, "bottom", color=RED, size=18, space=4)
    d.para("", line=14)
    d.para("本期要目", role="heading", indent=0, keep=True)
    for n, a in enumerate(report.articles, start=1):
        d.para(f"{n}. {a.title}", role="kai")
    rule = d.para("", line=14)
    _border(rule, "bottom", size=6)
    for a in report.articles:
        d.para(a.title, role="title", size=18, align="center", line=32, before=18, after=8, keep=True)
        for p in a.paragraphs:
            d.para(p)
        if a.source:
            d.para(a.source, role="kai", align="right")
    foot: list[tuple[str, str]] = [(line, "") for line in report.foot]
    if report.print_run:
        foot.append(("", report.print_run))
    _foot_table(d, foot)
    d.save(path, report.title)
