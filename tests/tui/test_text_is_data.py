"""The app exports what people typed without crashing (F8) and never over a FIFO (S6)."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import openpyxl
from docx import Document

from govinfo_tui.core import events as E
from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.screens import PapersScreen

from .conftest import make_journal, screen_text, tiny_events
from .test_papers import app_for, export, notes, open_papers

TITLE = "文江镇春茶\x0b产值突破亿元\x1b[31m"  # Word's soft line break, then an ESC sequence


def hostile(root: Path) -> Path:
    evs = [
        msgspec.structs.replace(ev, title=TITLE) if isinstance(ev, E.ItemSubmitted) and ev.item == "1106-AAAAA2" else ev
        for ev in tiny_events()
    ]
    return make_journal(root, evs)


async def test_f8_papers_export_a_title_with_control_characters(tmp_path: Path) -> None:
    app = app_for(hostile(tmp_path / "j"))
    seen = notes(app)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_papers(pilot)
        assert "文江镇春茶\\x0b产值突破亿元\\x1b[31m" in screen_text(app)
        for fmt in ("xlsx", "docx"):
            target = tmp_path / f"通报.{fmt}"
            await export(pilot, target, fmt=fmt)
            assert isinstance(app.screen, PapersScreen) and target.is_file(), fmt
            assert any(str(target.resolve()) in n for n in seen)
        shown = "文江镇春茶\n产值突破亿元\\x1b[31m"
        wb = openpyxl.load_workbook(tmp_path / "通报.xlsx")
        assert shown in [c.value for ws in wb for row in ws.iter_rows() for c in row]
        doc = Document(str(tmp_path / "通报.docx"))
        assert shown in [c.text for t in doc.tables for row in t.rows for c in row.cells]


async def test_s6_papers_never_export_over_a_fifo(tiny: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    app = app_for(tiny)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_papers(pilot)
        form = await export(pilot, fifo, fmt="md", overwrite=True)
        assert app.screen is form and isinstance(form, FormScreen)
        assert "not a regular file" in str(form.query_one("#form-error").render())
    assert fifo.is_fifo()
