"""Reports written as JSON, CSV, Markdown, xlsx and docx: files and bytes, never a terminal.

`write(report, fmt, path)` is the one entry point the command line and the app call; `render`
gives the bytes of a text format. Files are written to a temporary name beside the target and
moved into place, so a reader never sees half a file, and an existing file is kept unless
`force` is given; what is not a regular file (a device, a FIFO, a socket, a symbolic link) is
never replaced, `force` or not. The terminal's aligned table is the command line's
(`cli.output`): the core never imports a terminal library.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ... import i18n
from ..errors import GovinfoError
from ..reports.model import Column, Report, Section, Table
from .csv_dialects import Dialect, to_csv
from .docx import to_docx
from .markdown import to_markdown
from .xlsx import to_xlsx

FORMATS = ("json", "csv", "md", "xlsx", "docx")
FILE_ONLY = frozenset({"xlsx", "docx"})


class ExportError(GovinfoError, ValueError):
    """The report cannot be written as asked; the message says what to change."""


def write(
    report: Report,
    fmt: str,
    path: str | Path,
    *,
    force: bool = False,
    table: str | None = None,
    dialect: Dialect = "people",
) -> Path:
    """Write `report` as `fmt` to `path`; refuses to replace an existing file unless `force`."""
    if fmt not in FORMATS:
        raise ExportError("export.unknown_format", fmt=fmt, formats=", ".join(FORMATS))
    target = _writable(path, force)
    writer: Callable[[Path], object]
    if fmt == "xlsx":
        writer = lambda p: to_xlsx(report, p)
    elif fmt == "docx":
        writer = lambda p: to_docx(report, p)
    else:
        data = render(report, fmt, table=table, dialect=dialect)
        writer = lambda p: p.write_bytes(data)
    _atomic(target, writer, force)
    return target


def write_bytes(data: bytes, path: str | Path, *, force: bool = False) -> Path:
    """Write `data` to `path` as `write` writes a report: whole, and over a file only if `force`."""
    target = _writable(path, force)
    _atomic(target, lambda p: p.write_bytes(data), force)
    return target


def render(report: Report, fmt: str, *, table: str | None = None, dialect: Dialect = "people") -> bytes:
    """The bytes of a text format: json, md, or csv of one table in a dialect (see `csv_dialects`)."""
    if fmt == "json":
        return (json.dumps(report.data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
    if fmt == "csv":
        return to_csv(_pick_table(report, table), dialect)
    if fmt == "md":
        return to_markdown(report).encode("utf-8")
    raise ExportError("export.file_only", fmt=fmt)


def _writable(path: str | Path, force: bool) -> Path:
    target = Path(path)
    if target.is_dir():
        raise ExportError("export.is_folder", path=target)
    _refuse_special(target)
    if target.exists() and not force:
        raise ExportError("export.exists", path=target)
    return target


_SPECIAL = (
    (stat.S_ISLNK, "symlink"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "char_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISSOCK, "socket"),
)


def _refuse_special(target: Path) -> None:
    """Refuse a target that is there and is not a regular file: the rename would replace a
    device node or a FIFO (as root, `/dev/null` itself), and a symbolic link would become a
    file instead of being followed, which is never what `-o FILE` meant."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _SPECIAL if test(mode)), "other")
    raise ExportError("export.not_regular", path=target, what=i18n.t(f"export.kind.{kind}"))


def _atomic(target: Path, writer: Callable[[Path], object], force: bool) -> None:
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError("export.no_folder", folder=parent)
    tmp = parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    tmp.touch(exist_ok=False)  # created with the usual permissions (umask), unlike mkstemp's 0600
    try:
        writer(tmp)
        if force:
            _refuse_special(target)  # again: one may have appeared while the file was written
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile: never clobber
            except FileExistsError:
                raise ExportError("export.exists", path=target) from None
            except OSError:  # a file system without hard links
                if target.exists():
                    raise ExportError("export.exists", path=target) from None
                os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _pick_table(report: Report, key: str | None) -> Table:
    """The table named `key`, or the report's first: CSV holds one table."""
    if key:
        try:
            return report.table(key)
        except KeyError:
            known = ", ".join(t.key for t in report.tables())
            raise ExportError("export.no_such_table", kind=report.kind, key=key, known=known) from None
    tables = report.tables()
    if not tables:
        raise ExportError("export.no_table", kind=report.kind)
    return tables[0]


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


__all__ = ["FILE_ONLY", "FORMATS", "Dialect", "ExportError", "from_rows", "render", "write", "write_bytes"]
