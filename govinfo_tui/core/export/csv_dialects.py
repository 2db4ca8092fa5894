"""CSV, one table at a time, in one of two dialects.

"scripts" is for programs reading `govinfo report QUERY --format csv`:
- headers: the columns' keys (`rank,code,name,points`), which stay put when wording changes;
- values as Python prints them: a float in `%g` form (up to six significant digits, no
  trailing zeros), True/False, a list joined by ", ", a dict as `key: value; ...`;
- lines end in LF.

"people" is for someone opening a paper's table in Excel or WPS:
- headers: the columns' labels (`名次,单位,得分`);
- values as the paper prints them, kept readable as numbers by a spreadsheet: money with
  two decimals and no thousands separator (`115.00`), a share as `130.0%`, 是/否, a list
  joined by 、; other figures rounded to two decimals without trailing zeros;
- lines end in CRLF, as RFC 4180 and Excel have them;
- a table's 合计 row (`Table.total`) last, as printed; "scripts" leaves it out, since a
  program summing a column would count it twice.

In both an absent value is an empty field, and the file starts with a UTF-8 byte-order mark:
without it Excel takes the file for the local code page and garbles the Chinese (a script
reads it with the `utf-8-sig` codec).

In both, text is data (OWASP's advice on CSV injection): a text field that begins as a formula
would (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe, which a spreadsheet shows as
text and a reader can strip; a number, negative or not, is written as it is. Control characters
other than tab and line breaks are shown as escapes (`\\x1b`), as in xlsx, and a line break
inside a field is written as LF, so that the field is quoted. JSON keeps text exact.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from ..reports.model import ColumnKind, Table, fmt_value
from ..text import looks_like_formula, printable

Dialect = Literal["scripts", "people"]

BOM = b"\xef\xbb\xbf"
_LINE_END: dict[Dialect, str] = {"scripts": "\n", "people": "\r\n"}


def to_csv(table: Table, dialect: Dialect) -> bytes:
    """A header row, then one line per row of `table`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=_LINE_END[dialect])
    if dialect == "scripts":
        w.writerow([_inert(c.key) for c in table.columns])
        w.writerows([_field(plain(row.get(c.key)), row.get(c.key)) for c in table.columns] for row in table.rows)
    else:
        w.writerow([_inert(c.label) for c in table.columns])
        rows = [*table.rows, *([table.total] if table.total else [])]
        w.writerows(
            [_field(_for_people(row.get(c.key), c.kind), row.get(c.key)) for c in table.columns] for row in rows
        )
    return BOM + buf.getvalue().encode("utf-8")


def _field(text: str, value: Any) -> str:
    """A number's text as it is (`-2` stays a number); any other value's as inert text."""
    return text if isinstance(value, int | float) and not isinstance(value, bool) else _inert(text)


def _inert(text: str) -> str:
    text = printable(text)
    if looks_like_formula(text):
        text = "'" + text
    # a line break inside a field is LF: Python's writer quotes a lone CR only if the line ends in one
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain(value: Any) -> str:
    """A value as the "scripts" dialect writes it."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _for_people(value: Any, kind: ColumnKind) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int | float):
        return f"{value:.2f}"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_for_people(v, 'text')}" for k, v in value.items())
    return fmt_value(value, kind)
