"""What a command prints: rows and reports as json, csv and md (bytes from `core.export`), or
as `table`, aligned text drawn here with rich, since the core never draws on a terminal.

One console and one grid draw every table: a query's rows, headed in the user's language (the
JSON and CSV scripts read keep the keys), and a paper with its title and prose; `-o FILE` gets
what a terminal 200 columns wide shows. Every
string is data: control characters come out as escapes (`core.text.visible`), brackets as
brackets, never as rich markup."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..core import export
from ..core.export.csv_dialects import plain
from ..core.reports.model import Report, Table
from ..core.text import visible
from ..i18n import label

if TYPE_CHECKING:  # rich itself is imported when a table is drawn: it is slow to import
    from rich.console import Console, JustifyMethod
    from rich.table import Table as Grid
    from rich.text import Text

TABLE = "table"  # the terminal's format; every other one is written by core.export


def emit(rows: list[dict] | dict, fmt: str, columns: Sequence[str] | None = None, out: IO[str] | None = None) -> None:
    """A query's rows (or a dict, as key/value rows) as json, csv for scripts, or a table of the
    same keys and values."""
    out = out or sys.stdout
    report = export.from_rows("rows", rows, list(columns) if columns else None)
    if fmt == TABLE:
        _console(out).print(_rows_table(report.tables()[0]))
    else:
        _put(out, export.render(report, fmt, dialect="scripts"))


def show(
    report: Report,
    fmt: str,
    *,
    table: str | None = None,
    dialect: export.Dialect = "people",
) -> None:
    """A report on standard output; xlsx and docx are files only (see `save`)."""
    if fmt == TABLE:
        _draw_paper(report, _console(sys.stdout))
    else:
        _put(sys.stdout, export.render(report, fmt, table=table, dialect=dialect))


def save(
    report: Report,
    fmt: str,
    path: str | Path,
    *,
    force: bool = False,
    table: str | None = None,
    dialect: export.Dialect = "people",
) -> Path:
    """A report to a file, `table` as a terminal 200 columns wide would show it."""
    if fmt != TABLE:
        return export.write(report, fmt, path, force=force, table=table, dialect=dialect)
    text = io.StringIO()
    _draw_paper(report, _console(text, plain=True))
    return export.write_bytes(text.getvalue().encode("utf-8"), path, force=force)


# --- the table -------------------------------------------------------------------------


def _console(out: IO[str], *, plain: bool = False) -> Console:
    """A terminal's own width, anywhere else 200 columns; bold headings where rich finds a
    terminal (or FORCE_COLOR), never when `plain`, for a file."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1; let `main` end quietly with 0
            raise BrokenPipeError

    return _Console(
        file=out,
        width=None if out.isatty() else 200,
        color_system=None if plain else "auto",
        highlight=False,
        soft_wrap=False,
    )


def _text(text: str, style: str = "") -> Text:
    """User text for the terminal: data, never markup or a control sequence; lines may wrap."""
    from rich.text import Text

    return Text(visible(text, lines=True), style=style)


def _grid(columns: list[tuple[str, JustifyMethod]], rows: list[list[str]]) -> Grid:
    """Columns (header, alignment) aligned without rules; a header or a cell is data, never markup."""
    from rich.table import Table as Grid

    grid = Grid(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for header, justify in columns:
        grid.add_column(_text(header), overflow="fold", justify=justify)
    for row in rows:
        grid.add_row(*(_text(cell) for cell in row))
    return grid


def _draw_paper(report: Report, console: Console) -> None:
    """A paper as text: title, signature, intro, then each section's heading, paragraphs and
    printed tables, figures to the right."""
    console.print(_text(report.title, style="bold"))
    signature = report.signature()
    if signature:
        console.print(_text(signature))
    for p in report.intro:
        console.print(_text(p))
    signers = "　　".join(report.document.signers)
    signed = report.signed_table() if signers else None
    for s in report.all_sections():
        if s.heading:
            console.print()
            console.print(_text(s.heading, style="bold"))
        for p in s.paragraphs:
            console.print(_text(p))
        for t in s.tables:
            if not t.printed:
                continue
            if len(s.tables) > 1:
                console.print(_text(t.title))
            console.print(_paper_table(t) if t.rows else _text(t.empty))
            if t.note and t.rows:
                console.print(_text(f"注：{t.note}"))
            if t is signed:
                console.print(_text(signers))
    if signers and signed is None:
        console.print(_text(signers))


def _rows_table(t: Table) -> Grid:
    """A query's rows for people: the catalogue's heading for each key (a dict's keys, in its
    first column, likewise), plain values, all to the left. JSON and CSV keep the keys."""
    rows = [[_word(c.key, r.get(c.key)) for c in t.columns] for r in t.rows]
    if [c.key for c in t.columns] == ["key", "value"]:
        rows = [
            [label("field", key), _value_word(key, value, t.rows[i]["value"])] for i, (key, value) in enumerate(rows)
        ]
    return _grid([(label("field", c.key), "left") for c in t.columns], rows)


def _value_word(key: str, shown: str, value: object) -> str:
    """A summary's value for people: a scheme by its name, adoptions by level with the levels' words."""
    if key == "scheme" and isinstance(value, str):
        return label("scheme", value)
    if key == "adopted_by_level" and isinstance(value, dict):
        return "; ".join(f"{label('level', str(k))}: {plain(v)}" for k, v in value.items())
    return shown


def _word(key: str, value: object) -> str:
    """A cell for people: a scheme by its name (上级计分, 县内计分), anything else as it is."""
    return label("scheme", value) if key == "scheme" and isinstance(value, str) else plain(value)


def _paper_table(t: Table) -> Grid:
    """A paper's table as people read it: labels for headers, its figures to the right."""
    columns: list[tuple[str, JustifyMethod]] = [(c.label, "left" if c.kind == "text" else "right") for c in t.columns]
    rows = [*t.rows, *([t.total] if t.total else [])]  # the 合计 row last
    return _grid(columns, [[t.cell(r, c) for c in t.columns] for r in rows])


def _put(out: IO[str], data: bytes) -> None:
    """Bytes on `out` as they are (a BOM, CRLF), through its binary buffer when it has one."""
    if hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        out.write(data.decode("utf-8"))
