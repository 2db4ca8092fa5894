"""Rows and tables on standard output: json, csv (with BOM, for Excel) and aligned text."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any


def emit(rows: list[dict] | dict, fmt: str, columns: Sequence[str] | None = None, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = rows if isinstance(rows, list) else [{"key": k, "value": v} for k, v in rows.items()]
    cols = list(columns or (table[0].keys() if table else []))
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for row in table:
            writer.writerow([_plain(row.get(c)) for c in cols])
        data = buf.getvalue()
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(b"\xef\xbb\xbf" + data.encode("utf-8"))  # BOM: Excel reads CJK right
            out.buffer.flush()
        else:
            out.write("\ufeff" + data)
        return
    _print_table(table, cols, out)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _print_table(table: list[dict], cols: list[str], out) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for c in cols:
        t.add_column(c, overflow="fold")
    for row in table:
        t.add_row(*(Text(_plain(row.get(c))) for c in cols))  # user text is data, never markup
    width = None if out.isatty() else 200

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1; let `main` end quietly with 0
            raise BrokenPipeError

    _Console(file=out, width=width, highlight=False, soft_wrap=False).print(t)
