# ruff: noqa: RUF012 - Textual declares BINDINGS and COMPONENT_CLASSES as class attributes
"""The monthly quota of the part-time writers, month by month through the year: a month below
quota is coloured, and marked `!` for a screen without colour."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ...core import queries
from ...core.state import State
from ..fmt import label, txt
from ..i18n import t
from .base import GovScreen, year_to_date


class QuotaScreen(GovScreen):
    NAME = "quota"
    COMPONENT_CLASSES = {"quota--below"}
    BINDINGS = [Binding("s", "scheme", "k.scheme")]

    def compose_body(self) -> ComposeResult:
        yield Static(id="quota-head")
        yield DataTable(id="quota-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#quota-table").focus()

    THREADED = True

    def context(self) -> dict[str, Any]:
        return {"ref": self.gov.ref_day, "scheme": self.gov.scheme}

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        return {**ctx, "rows": queries.quota(st, year_to_date(ctx["ref"]), ctx["scheme"])}

    def show(self, d: dict[str, Any]) -> None:
        ref = d["ref"]
        period = year_to_date(ref)
        rows = d["rows"]
        head = t(
            "with_scheme",
            what=t("quota.title" if rows else "quota.none", year=ref.year),
            scheme=label("scheme", d["scheme"]),
        )
        self.query_one("#quota-head", Static).update(Text(head))
        table = self.query_one("#quota-table", DataTable)
        state = self.table_state(table)
        table.clear(columns=True)
        months = [f"{y:04d}-{m:02d}" for y, m in period.months()]
        table.add_column(t("col.name"), key="name")
        table.add_column(t("col.unit"), key="unit")
        for m in months:
            table.add_column(Text(m[5:], justify="right"), key=m)
        table.add_column(Text(t("col.below"), justify="right"), key="below")
        short = self.get_component_rich_style("quota--below", partial=True)
        for r in rows:
            cells: list[Text] = [txt(r["name"]), txt(r["unit"])]
            for m in months:
                c = r["months"].get(m)
                if c is None:
                    cells.append(Text(""))
                elif c["below"]:
                    cells.append(Text(f" {c['count']}!", style=short, justify="right"))
                else:
                    cells.append(Text(str(c["count"]), justify="right"))
            cells.append(Text(str(r["months_below"]), justify="right", style="bold" if r["months_below"] else ""))
            table.add_row(*cells, key=r["code"])
        self.restore_table(table, state)
