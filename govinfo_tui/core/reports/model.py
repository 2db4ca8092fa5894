"""The shape every report returns: plain data for screens and JSON, sections and tables for print.

A `Report` is what a screen shows and what `export.write` writes. `data` is the report's
own structured content (JSON-ready: only dicts, lists, strings, numbers, None); `sections`
lay the same content out as an office prints it: headings, paragraphs, tables.

A report also declares its `layout`, so that the writers know ways of printing, never a
report by name: a "document" (title, addressee, body, then issuer and date at the lower
right) or a "bulletin" issue (masthead, contents, articles, foot), whose parts it carries.
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


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    empty: str = "无"
    printed: bool = True  # False: a data table for spreadsheets and CSV, not printed in documents

    def cell(self, row: dict[str, Any], col: Column) -> str:
        return fmt_value(row.get(col.key), col.kind)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    level: int = 1


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

    def __post_init__(self) -> None:
        if self.layout == "bulletin" and self.masthead is None:
            raise ValueError(f"report {self.kind}: a bulletin is printed under a masthead; give one")

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    def table(self, key: str) -> Table:
        for t in self.tables():
            if t.key == key:
                return t
        known = ", ".join(t.key for t in self.tables())
        raise KeyError(f"report {self.kind} has no table {key!r}; it has: {known}")

    def signature(self) -> str:
        """The issuer and the date on one line, as a paper is signed (落款)."""
        return "　".join(part for part in (self.issuer, cn_date(self.date)) if part)


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
