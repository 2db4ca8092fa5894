"""CSV: one table, UTF-8 with a byte-order mark so that Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..reports.model import Table, fmt_value


def to_csv(table: Table) -> bytes:
    """The table's labels as headers, then its rows; lines end in CRLF."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.label for c in table.columns])
    for row in table.rows:
        w.writerow([_cell(row.get(c.key), c.kind) for c in table.columns])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int | float):
        return f"{value:.2f}"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v, 'text')}" for k, v in value.items())
    return fmt_value(value, kind)  # type: ignore[arg-type]
