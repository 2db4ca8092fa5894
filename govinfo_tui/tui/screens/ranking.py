# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The ranking of units or people for a month, quarter, year or a typed period, each row with
its points as a bar (the leader's the longest)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ...core import events as E
from ...core import queries, reports
from ...core.period import Period
from ...core.reports import PERIOD_KINDS
from ...core.state import State
from ..bars import ShareBar
from ..fmt import label, pct, pts, safe
from ..forms.common import period_range_form
from ..i18n import t
from .base import GovScreen

RANK_BY = [("unit", None), ("unit", "township"), ("unit", "department"), ("person", None)]


BAR_WIDTH = 16  # the last column at most, where a bar wider in some terminal cannot push another
BAR_LEAST = 4  # narrower than this a bar says nothing: the column is left out
SCROLLBAR = 2  # room kept for the table's vertical scrollbar


class RankingScreen(GovScreen):
    NAME = "ranking"
    COMPONENT_CLASSES = {"ranking--bar"}
    BINDINGS = [
        Binding("b", "by", "k.by"),
        Binding("p", "period", "k.period"),
        Binding("r", "range", "k.range"),
        Binding("s", "scheme", "k.scheme"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.by = 0
        self.kind = 0
        self.range_text = ""

    def compose_body(self) -> ComposeResult:
        yield Static(id="rank-head")
        yield DataTable(id="rank-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#rank-table").focus()

    def period(self) -> Period:
        return reports.period_of(PERIOD_KINDS[self.kind], self.gov.ref_day, self.range_text)

    THREADED = True

    def context(self) -> dict[str, Any]:
        return {"by": RANK_BY[self.by], "period": self.period(), "scheme": self.gov.scheme}

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        by, kind = ctx["by"]
        return {**ctx, "rows": queries.ranking(st, ctx["period"], by=by, kind=kind, scheme=ctx["scheme"])}

    def show(self, d: dict[str, Any]) -> None:
        by, kind = d["by"]
        period = d["period"]
        rows = d["rows"]
        by_label = t(f"rank.by.{kind or by}")
        head = "  ".join(
            [
                t("rank.by", by=by_label),
                t("rank.period", label=period.label, start=period.start, end=period.end),
                f"[{t(f'period.{PERIOD_KINDS[self.kind]}')}]",
                t("rank.scheme", scheme=label("scheme", d["scheme"])),
            ]
        )
        self.query_one("#rank-head", Static).update(Text(head))
        table = self.query_one("#rank-table", DataTable)
        state = self.table_state(table)
        table.clear(columns=True)
        cols = ["rank", "name"] + (["unit"] if by == "person" else [])
        cols += ["submitted", "adopted", "province", "city", "county", "comments", "points"]
        if any(r["target"] for r in rows):  # officers have no targets: two columns of dashes would push
            cols += ["target", "completion"]  # the table past 80 columns
        for c in cols:
            name = label("level", c) if c in E.LEVELS else t(f"col.{c}")
            table.add_column(Text(name, justify="right" if c not in ("name", "unit") else "left"), key=c)
        top = max((r["points"] for r in rows), default=0.0)
        bar_style = self.get_component_rich_style("ranking--bar", partial=True)
        for r in rows:
            cells = []
            for c in cols:
                if c in ("name", "unit"):
                    cells.append(Text(safe(r[c])))
                elif c == "points":
                    cells.append(Text(pts(r[c]), justify="right", style="bold"))
                elif c == "target":
                    cells.append(Text(pts(r[c]) if r[c] else "-", justify="right"))
                elif c == "completion":
                    cells.append(Text(pct(r[c]), justify="right"))
                else:
                    cells.append(Text(str(r[c]), justify="right"))
            table.add_row(*cells, key=r["code"])
        add_bars(table, {r["code"]: ShareBar(r["points"], top, bar_style) for r in rows}, t("col.bar"))
        self.restore_table(table, state)
        self.drawn = d

    def on_resize(self) -> None:
        if getattr(self, "drawn", None) is not None:  # the bars follow the room the table has
            self.show(self.drawn)

    def action_by(self) -> None:
        self.by = (self.by + 1) % len(RANK_BY)
        self.refresh_data()

    def action_period(self) -> None:
        self.kind = (self.kind + 1) % 3 if self.kind < 3 else 0
        self.refresh_data()

    def action_range(self) -> None:
        default = self.range_text or str(self.gov.ref_day.year)

        def done(result: str | None) -> None:
            if result:
                self.range_text, self.kind = result, 3
                self.refresh_data()

        form = period_range_form(t("rank.range.title"), "rank.range.field", default, self.gov.ref_day.year)
        self.app.push_screen(form, done)


def add_bars(table: DataTable, bars: dict[str, ShareBar], heading: str) -> None:
    """The bars as the last column, as wide as the room the other columns leave (at most
    BAR_WIDTH; none below BAR_LEAST), so that at 80 columns the table never runs off the edge."""
    widths = [column.label.cell_len for column in table.columns.values()]  # the table measures its
    for row in table.rows:  # cells only when it next refreshes, so they are measured here
        widths = [
            max(w, cell.cell_len if isinstance(cell, Text) else len(str(cell)))
            for w, cell in zip(widths, table.get_row(row), strict=True)
        ]
    used = sum(widths) + 2 * table.cell_padding * len(widths)
    width = min(BAR_WIDTH, (table.size.width or table.app.size.width) - used - 2 * table.cell_padding - SCROLLBAR)
    if width < BAR_LEAST:
        return
    table.add_column(heading, key="bar", width=width, default="")
    for code, bar in bars.items():
        bar.width = width
        table.update_cell(code, "bar", bar)
