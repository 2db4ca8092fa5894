"""The base of every full screen: header, banner, footer; redrawn from the app's state when it
changes, with the slow queries in a worker thread. Also the year to date and the grid the screens share."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header
from textual.worker import get_current_worker

from ...core.period import Period
from ...core.state import State
from ..fmt import safe
from ..i18n import t, translate_bindings
from ..session import Session
from ..widgets import Banner, ScreenTabs
from ..workers import Handed, thread_work


def year_to_date(d: dt.date) -> Period:
    return Period(dt.date(d.year, 1, 1), d, f"{d.year}")


class GovScreen(Screen):
    """A screen that redraws from the app's current state when it changes."""

    NAME = "dashboard"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.seen: tuple[int, str] | None = None  # the generation and scheme last drawn
        self.asked = 0  # requests for figures made; only the latest one's are shown

    @property
    def gov(self) -> Session:
        """The app, seen through the members a screen may use."""
        return cast("Session", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Banner(id="banner")
        yield from self.compose_body()
        yield ScreenTabs()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.sub_title = t(f"screen.{self.NAME}")
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.query_one(ScreenTabs).show(list(self.app.MODES), self.app.current_mode)
        if self.seen != (self.gov.generation, self.gov.scheme):
            self.refresh_data()

    def refresh_data(self) -> None:
        if not self.is_mounted:
            return
        app = self.gov
        self.update_banner()
        self.seen = (app.generation, app.scheme)
        if app.st is None:
            return
        if self.THREADED:
            app.busy_change(1)
            self.asked += 1
            self._compute(Handed(app.st), self.context(), self.asked)
        else:
            self.refresh_body(app.st)

    def action_scheme(self) -> None:
        """Switch the scheme units and officers are ranked in (bound where a screen ranks them)."""
        self.gov.switch_scheme()
        self.refresh_data()

    def update_banner(self) -> None:
        self.query_one(Banner).show(self.gov)

    # Screens whose queries cost tenths of a second at 100k items compute in a thread
    # (`compute`, reading the state only) and draw on the main thread (`show`).
    THREADED = False

    def context(self) -> dict[str, Any]:
        return {}

    def compute(self, st: State, ctx: dict[str, Any]) -> Any:
        return None

    def show(self, data: Any) -> None:
        pass

    # Not `exclusive`: a worker cancelled before it starts never runs its `finally`, and the
    # busy count it took would never come back (tests and benchmarks wait for it forever).
    # Every request runs; only the latest one's figures are shown.
    @thread_work(group="compute", description="compute the screen's figures")
    def _compute(self, handed: Handed[State], ctx: dict[str, Any], asked: int) -> None:
        try:
            st = handed.get()
            if asked != self.asked or st is None:  # a newer request is on its way
                return
            data = self.compute(st, ctx)  # `st` never changes under us: a poll makes a new State
            if data is not None and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._deliver, data, asked)
        finally:
            self.gov.busy_change(-1)

    def _deliver(self, data: Any, asked: int) -> None:
        if self.is_mounted and asked == self.asked:
            self.show(data)

    def refresh_body(self, st: State) -> None:
        pass

    def table_state(self, table: DataTable) -> tuple[Any, float]:
        key = None
        if table.row_count and 0 <= table.cursor_row < table.row_count:
            key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return key, table.scroll_y

    def restore_table(self, table: DataTable, state: tuple[Any, float]) -> None:
        key, scroll_y = state
        if key is not None:
            with contextlib.suppress(Exception):
                table.move_cursor(row=table.get_row_index(key), scroll=False)
        table.scroll_to(y=scroll_y, animate=False, immediate=True)


def grid(*rows: tuple, widths: tuple[int, ...] = ()) -> Table:
    tab = Table.grid(padding=(0, 1))
    for n in range(len(rows[0]) if rows else 1):
        tab.add_column(no_wrap=True, overflow="crop", min_width=widths[n] if n < len(widths) else None)
    for row in rows:
        tab.add_row(*(c if isinstance(c, Text) else Text(safe(c)) for c in row))
    return tab
