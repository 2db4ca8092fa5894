"""The shape every report returns: plain data for screens and JSON, sections and tables for print.

A `Report` is what a screen shows and what `export.write` writes. `data` is the report's
own structured content (JSON-ready: only dicts, lists, strings, numbers, None); `sections`
lay the same content out as an office prints it: headings, paragraphs, tables.

A report also declares its `layout`, so that the writers know ways of printing, never a
report by name: a "document" (title, addressee, body, then issuer and date at the lower
right) or a "bulletin" issue (masthead, contents, articles, foot), whose parts it carries.

A document is printed as a 公文 (GB/T 9704-2012) in three parts the report keeps apart:
its body (`intro` and `sections`: prose, short tables at most), its `attachments` (附件1,
附件2 …: the statistical tables, each on its own pages, landscape when wide), and its
`document` fields (版头, 发文字号, 落款, 版记, fonts), which the office's settings give
(`reports.document.apply`) and the writers apply to any report whatever its kind.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

ColumnKind = Literal["text", "int", "num", "pct", "money", "date"]
Layout = Literal["document", "bulletin"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"
    width: int = 0  # at least this many half-width characters in print: room to write in by hand


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    empty: str = "无"
    printed: bool = True  # False: a data table for spreadsheets and CSV, not printed in documents
    total: dict[str, Any] | None = None  # the 合计 row, printed under the rows
    note: str = ""  # printed under the table: why a column does not add up, what a figure means
    row_height: float = 0  # points each row takes at least in print: a form signed or filled in by hand
    # row number (from 0) -> points that row takes at least: a form's blanks for a written reply;
    # a table with such rows is a form, kept on one page where it fits
    heights: dict[int, float] = field(default_factory=dict)

    def cell(self, row: dict[str, Any], col: Column) -> str:
        """`row`'s value in `col` as printed; in the 合计 row a column not summed stays blank."""
        if row is self.total and row.get(col.key) is None:
            return ""
        return fmt_value(row.get(col.key), col.kind)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    level: int = 1


@dataclass
class Attachment:
    """附件N of a document: its title, a few lines of explanation, its tables, on pages of its
    own (landscape when a table is too wide for a portrait page)."""

    title: str
    tables: list[Table]
    paragraphs: list[str] = field(default_factory=list)


# the font chains a document names, first choice first: Word and WPS take the first the
# machine has (the rest are declared as its alternates)
DEFAULT_FONTS: dict[str, str] = {
    "title": "方正小标宋简体,华文中宋,宋体",
    "body": "仿宋_GB2312,仿宋",
    "heading": "黑体",
    "kai": "楷体_GB2312,楷体",
    "table": "宋体",
}


@dataclass
class DocumentFields:
    """The parts of a 公文 that are the office's, not the paper's: applied by the writer to
    whatever report it prints. Empty fields are left out of the page."""

    mark: str = ""  # 发文机关标志, red at the head; "" prints no red head
    number: str = ""  # 发文字号, under the mark
    marking: str = ""  # 内部资料 / 秘密★1年, top left
    signed_by: str = ""  # 签发人 (papers sent upward), right of the number
    cc: str = ""  # 抄送 (版记)
    printer: str = ""  # 印发机关 (版记)
    printed: dt.date | None = None  # 印发日期 (版记)
    contact: str = ""  # （联系人：…，电话：…）, the 附注 under the date
    signers: list[str] = field(default_factory=list)  # 制表人：… 审核人：…, under the last table
    fonts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FONTS))
    template: str = ""  # a red-head .docx the paper is filled into

    def font(self, role: str) -> list[str]:
        """The chain of font names for `role` (title, body, heading, kai, table)."""
        chain = self.fonts.get(role) or DEFAULT_FONTS[role]
        return [name.strip() for name in chain.replace("，", ",").split(",") if name.strip()]

    def has_foot(self) -> bool:
        """Whether there is a 版记 to print."""
        return bool(self.cc or self.printer or self.printed)


@dataclass
class Masthead:
    """The head of a bulletin issue; under it the issuer (left) and the date (right) stand on a red rule."""

    name: str  # the publication, large and red: 高县政务信息
    number: str  # 〔2011〕第24期（总第156期）


@dataclass
class Article:
    """One piece of a bulletin issue, listed in the contents and printed after them."""

    title: str
    paragraphs: list[str]
    source: str = ""  # who sent it, set under the text at the right: （文江镇供稿）


@dataclass
class Report:
    kind: str
    title: str
    data: dict[str, Any]
    sections: list[Section] = field(default_factory=list)
    period: str | None = None
    office: str = ""
    issuer: str = ""
    date: dt.date | None = None
    addressee: str = ""
    intro: list[str] = field(default_factory=list)
    layout: Layout = "document"
    # the parts only a bulletin prints; its `sections` say the same for screens
    masthead: Masthead | None = None
    articles: list[Article] = field(default_factory=list)
    foot: list[str] = field(default_factory=list)  # 报：…。 送：…。 发：…。
    print_run: str = ""  # the last line, at the right: （共印120份）
    # a document's 附件 (its statistical tables) and the office's fields (版头, 版记 …)
    attachments: list[Attachment] = field(default_factory=list)
    document: DocumentFields = field(default_factory=DocumentFields)

    def __post_init__(self) -> None:
        if self.layout == "bulletin" and self.masthead is None:
            raise ValueError(f"report {self.kind}: a bulletin is printed under a masthead; give one")

    def tables(self) -> list[Table]:
        """Every table: the body's, then the attachments'."""
        return [t for s in self.sections for t in s.tables] + [t for a in self.attachments for t in a.tables]

    def all_sections(self) -> list[Section]:
        """The body's sections, then each attachment as a section headed 附件N：title: what a
        screen, Markdown or a terminal shows one after the other."""
        many = len(self.attachments) > 1
        return self.sections + [
            Section(f"附件{n if many else ''}：{a.title}", a.paragraphs, a.tables)
            for n, a in enumerate(self.attachments, start=1)
        ]

    def table(self, key: str) -> Table:
        for t in self.tables():
            if t.key == key:
                return t
        known = ", ".join(t.key for t in self.tables())
        raise KeyError(f"report {self.kind} has no table {key!r}; it has: {known}")

    def signed_table(self) -> Table | None:
        """The table the signer lines (制表人：… 审核人：…) stand under: the body's last printed
        table (a 发放表 is signed where it is filled in), else the last attachment's."""
        for tables in ([t for s in self.sections for t in s.tables], [t for a in self.attachments for t in a.tables]):
            printed = [t for t in tables if t.printed]
            if printed:
                return printed[-1]
        return None

    def signature(self) -> str:
        """The issuer and the date on one line, as a paper is signed (落款)."""
        return "　".join(part for part in (self.issuer, cn_date(self.date)) if part)


def total_row(rows: list[dict[str, Any]], label: tuple[str, str], keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The 合计 row of `rows` for `Table.total`: `label` (the column that says 合计, and its
    text) and each of `keys` summed from the rows themselves, so the printed sum cannot differ
    from the rows above it; None for no rows (an empty table prints no 合计)."""
    if not rows:
        return None
    total: dict[str, Any] = {label[0]: label[1]}
    for key in keys:
        values = [r[key] for r in rows if isinstance(r.get(key), int | float) and not isinstance(r.get(key), bool)]
        total[key] = round(sum(values), 2) if any(isinstance(v, float) for v in values) else sum(values)
    return total


# --- formatting shared by every writer -----------------------------------------------


def fmt_num(value: float) -> str:
    """12.0 -> '12', 12.5 -> '12.5', 1/3 -> '0.33'."""
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def fmt_money(value: float) -> str:
    return f"{value:,.2f}"


def fmt_value(value: Any, kind: ColumnKind = "text") -> str:
    if value is None:
        return "—" if kind in ("pct", "num", "money") else ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind == "pct":
        return fmt_pct(value)
    if kind == "money":
        return fmt_money(value)
    if kind in ("num", "int") and isinstance(value, int | float):
        return fmt_num(value)
    if isinstance(value, float):
        return fmt_num(value)
    if isinstance(value, list):
        return "、".join(fmt_value(v) for v in value)
    return str(value)


def cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def display_width(text: str) -> int:
    """Columns `text` takes in print: a Chinese character is as wide as two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
