"""Problems: journal lines that could not be read, and what `core.checks` finds in the state."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from ...core.state import State
from ..fmt import txt
from ..i18n import t
from .base import GovScreen


class ProblemsScreen(GovScreen):
    NAME = "problems"

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="problems-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="problem-text")

    def on_mount(self) -> None:
        table = self.query_one("#problems-table", DataTable)
        table.add_column(t("col.kind"), key="kind", width=8)
        table.add_column(t("col.where"), key="where")
        table.add_column(t("col.reason"), key="reason")
        self.texts: dict[str, list[str]] = {}
        super().on_mount()
        table.focus()

    THREADED = True

    def context(self) -> dict[str, Any]:
        return {"generation": self.gov.generation}

    def compute(self, st: State, ctx: dict[str, Any]) -> list | None:  # None: replaced meanwhile
        return self.gov.findings(st)

    def show(self, findings: list) -> None:
        table = self.query_one("#problems-table", DataTable)
        state = self.table_state(table)
        table.clear()
        self.texts = {}
        problems = self.gov.loaded.problems if self.gov.loaded else []
        n = 0
        for p in problems:
            n += 1
            key = f"p{n}"
            self.texts[key] = [f"{p.path}:{p.line}: {p.reason}", p.text]
            table.add_row(txt(t("problems.kind.journal")), txt(f"{p.path}:{p.line}"), txt(p.reason), key=key)
        for f in findings:
            n += 1
            key = f"c{n}"
            self.texts[key] = [f"{f.event_id}: {f.message}"]
            table.add_row(txt(t("problems.kind.check")), txt(f.event_id), txt(f.message), key=key)
        if not n:
            self.query_one("#problem-text", Static).update(Text(t("problems.none")))
        self.restore_table(table, state)
        self._show()

    @on(DataTable.RowHighlighted, "#problems-table")
    def _show(self) -> None:
        table = self.query_one("#problems-table", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
            lines = self.texts.get(key or "", [])  # each line escaped on its own: the break stays a break
            self.query_one("#problem-text", Static).update(Text("\n").join(txt(line) for line in lines))
