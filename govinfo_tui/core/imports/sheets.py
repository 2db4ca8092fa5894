"""The city's list as rows of cells: a CSV in whatever encoding an office's Excel wrote it, or xlsx.

Chinese offices' Excel saves "CSV" in the system code page (GBK, which GB18030 extends),
"CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16 with tabs; a file from a
web system is usually UTF-8 without a mark. So, unless the rules say: a mark decides; else
UTF-8 if every byte reads as UTF-8 (GBK text almost never does); else GB18030. The encoding
chosen is said, so a wrong guess is seen. Cells are data: nothing in them is evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from .rules import ImportFileError, ImportRules

Cell = str | dt.date | None

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel (and WPS .et): openpyxl cannot read it


@dataclass(frozen=True)
class RawRow:
    number: int  # the line (CSV) or row (xlsx) people see in their editor
    cells: list[Cell]


@dataclass(frozen=True)
class Sheet:
    rows: list[RawRow]
    encoding: str  # how the file was read: "UTF-8 (BOM)", "GB18030", "xlsx: 采用情况"


def read_sheet(path: Path, rules: ImportRules) -> Sheet:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError("import.no_file", path=path) from None
    if data.startswith(_XLS_MAGIC):
        raise ImportFileError("import.old_excel", path=path)
    if data.startswith(_XLSX_MAGIC):
        return _xlsx(path, rules)
    return _csv(path, data, rules)


def decode(data: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    """The text and the name of the encoding it was read in (see the module docstring)."""
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff"), encoding.upper()
        except UnicodeDecodeError as exc:
            raise ImportFileError("import.not_in_encoding", path=path, encoding=encoding, at=exc.start) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030 (GBK)"
    except UnicodeDecodeError as exc:
        raise ImportFileError("import.unknown_encoding", path=path, at=exc.start) from None


def _csv(path: Path, data: bytes, rules: ImportRules) -> Sheet:
    try:
        text, encoding = decode(data, rules.encoding, path)
    except UnicodeDecodeError as exc:  # a mark that lies
        raise ImportFileError("import.unknown_encoding", path=path, at=exc.start) from None
    separator = rules.separator or _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[RawRow] = []
    start = 1
    try:
        for cells in reader:
            rows.append(RawRow(start, [c for c in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError("import.csv_broken", where=f"{path}:{start}", error=exc) from None
    name = {"\t": "tab", ",": "comma", ";": "semicolon"}.get(separator, repr(separator))
    return Sheet(rows, f"{encoding}, {name}")


def _sniff(text: str) -> str:
    """The separator of the first lines: the one of comma, tab, semicolon they hold most of."""
    head = "\n".join(text.splitlines()[:20])
    counts = {sep: head.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _xlsx(path: Path, rules: ImportRules) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError("import.xlsx_broken", path=path, error=exc) from None
    try:
        if rules.sheet is not None:
            if rules.sheet not in book.sheetnames:
                raise ImportFileError(
                    "import.no_sheet", path=path, sheet=rules.sheet, sheets="、".join(book.sheetnames)
                )
            ws = book[rules.sheet]
        else:
            ws = book.active or book.worksheets[0]
        rows = [
            RawRow(number, [_cell(v) for v in values])
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
        return Sheet(rows, f"xlsx: {ws.title}")
    finally:
        book.close()


def _cell(value: object) -> Cell:
    """A cell as the list means it: a date is a date, a whole number its digits (期号 52, not
    52.0), anything else its text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
