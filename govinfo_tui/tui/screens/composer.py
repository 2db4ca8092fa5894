# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The bulletin composer: pick items, order them, preview the issue as printed, publish it.

An issue is composed on the day the screens speak of (today, an old journal's last day, a day
travelled to), and it proposes the items of its own period: those submitted since the issue
before that day, up to that day; a search looks through that year up to that day. Dates show
their year, and the banner says when the day is one travelled to.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from ...core import bulletins as B
from ...core import events as E
from ...core import queries
from ...core.errors import GovinfoError
from ...core.period import OFFICE_TZ, as_of_end
from ...core.queries import unit_name
from ...core.recording import PublishBulletin, RecordError
from ...core.reports.bulletin import issue_report
from ..fmt import safe, txt
from ..forms import parse_when
from ..forms.confirm import ConfirmDiscard
from ..i18n import os_error, t, translate_bindings
from ..report_view import report_view
from ..session import Session
from ..widgets import Banner

MAX_ROWS = 300


class BulletinComposer(ModalScreen[list[E.Event] | None]):
    """Pick items, put them in order, see the issue as it will print, publish it (Ctrl+S)."""

    BINDINGS = [
        Binding("escape", "cancel", "k.cancel"),
        Binding("ctrl+s", "publish", "k.publish", priority=True),
        Binding("space", "pick", "k.pick"),
        Binding("ctrl+up,u", "move(-1)", "k.move_up"),
        Binding("ctrl+down,d", "move(1)", "k.move_down"),
        Binding("slash", "search", "k.search"),
        Binding("c", "channel", "k.bulletin_channel"),
    ]

    def __init__(self, app: Session) -> None:
        super().__init__()
        translate_bindings(self)
        self.gov = app
        st = app.full
        assert st is not None
        self.st = st
        self.picked: list[str] = []
        self.channels = list(
            dict.fromkeys([*B.bulletin_channels(st), *(c for c, ch in st.channels.items() if ch.level == "county")])
        )
        self.channel: str | None = B.default_channel(st) or (self.channels[0] if self.channels else None)
        self.at = parse_when(app.ref_day.isoformat())
        self.until = as_of_end(app.ref_day)  # nothing after the issue's day is a candidate
        self.error = ""

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Banner(id="banner")
        with Vertical(id="composer"):
            yield Static(id="compose-head")
            yield Label("", id="compose-error")
            with Horizontal(id="compose-main"):
                with Vertical(id="compose-left"):
                    yield Input(placeholder=t("compose.search"), id="compose-search", compact=True)
                    yield Static(id="compose-status")
                    yield DataTable(id="compose-items", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="compose-preview"):
                    yield Static(id="compose-view")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.sub_title = t("screen.compose")
        self.query_one(Banner).show(self.gov)
        table = self.query_one("#compose-items", DataTable)
        for key, width in (("seq", 3), ("date", 10), ("unit", 8), ("title", None)):
            table.add_column(t(f"compose.col.{key}"), key=key, width=width)
        self.redraw()
        table.focus()

    # --- data ------------------------------------------------------------------------

    def previous(self) -> E.BulletinPublished | None:
        return B.previous_issue(self.st, self.channel, self.until) if self.channel else None

    def candidates(self) -> list:
        """Items of the issue's period, newest first: submitted after the previous issue (or
        in the issue's year, if it is the first) up to the issue's day; a search looks through
        the whole year up to that day."""
        needle = self.query_one("#compose-search", Input).value.strip().lower()
        prev = self.previous()
        new_year = dt.datetime(self.at.year, 1, 1, tzinfo=OFFICE_TZ)

        def in_period(at: dt.datetime) -> bool:
            if prev is not None and not needle:
                return prev.at < at <= self.until
            return new_year <= at <= self.until

        found = [
            i
            for i in self.st.items.values()
            if in_period(i.submitted_at) and (not needle or needle in i.id.lower() or needle in i.title.lower())
        ]
        found.sort(key=lambda i: (i.submitted_at, i.id), reverse=True)
        return found

    def number(self) -> int:
        return B.next_number(self.st, self.channel, self.at.year) if self.channel else 0

    def request(self) -> PublishBulletin:
        return PublishBulletin(items=tuple(self.picked), channel=self.channel)

    def draft(self) -> E.BulletinPublished:
        """The issue as it would be written (raises `RecordError`); nothing is written."""
        ev = self.request().build(self.st, self.at, self.gov.by)
        return ev[0]  # type: ignore[return-value]

    # --- drawing ---------------------------------------------------------------------

    def current(self) -> str | None:
        table = self.query_one("#compose-items", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < table.row_count:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def redraw(self, keep: str | None = None, row: int | None = None) -> None:
        st = self.st
        table = self.query_one("#compose-items", DataTable)
        keep = keep if keep is not None else (self.current() if row is None else None)
        scroll = table.scroll_y
        table.clear()
        chosen = set(self.picked)
        rest = [i for i in self.candidates() if i.id not in chosen]
        shown = 0
        for n, code in enumerate(self.picked, start=1):
            item = st.items.get(code)
            title = item.title if item else code
            cells = [
                Text(str(n), style="bold green", justify="right"),
                Text(f"{item.submitted_at:%Y-%m-%d}" if item else ""),
                txt(unit_name(st, item.unit) if item else ""),
                txt(title, style="bold"),
            ]
            table.add_row(*cells, key=code)
        for item in rest[:MAX_ROWS]:
            table.add_row(
                Text(""),
                Text(f"{item.submitted_at:%Y-%m-%d}"),
                txt(unit_name(st, item.unit)),
                txt(item.title),
                key=item.id,
            )
            shown += 1
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), scroll=False)
            except Exception:
                keep = None
        if keep is None and row is not None and table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)), scroll=False)
        table.scroll_to(y=scroll, animate=False, immediate=True)
        table.move_cursor(row=table.cursor_row, scroll=True)
        status = t("compose.status", picked=len(self.picked), shown=shown, total=len(rest))
        self.query_one("#compose-status", Static).update(Text(status))
        self.draw_head()
        self.draw_preview()

    def draw_head(self) -> None:
        st = self.st
        if self.channel is None:
            head = t("compose.no_channel")
        else:
            ev = E.BulletinPublished(
                id="-", at=self.at, by="-", channel=self.channel, year=self.at.year, number=self.number(), items=[]
            )
            prev = self.previous()
            head = t(
                "compose.head",
                name=queries.channel_name(st, self.channel),
                label=B.label(ev),
                day=self.at.date().isoformat(),
                prev=f"{B.label(prev)} {prev.at:%Y-%m-%d}" if prev else t("compose.no_prev"),
            )
        self.query_one("#compose-head", Static).update(Text(safe(head), style="bold"))

    def draw_preview(self) -> None:
        view = self.query_one("#compose-view", Static)
        if not self.picked:
            view.update(Text(t("compose.empty"), style="dim"))
            return
        try:
            report = issue_report(self.st, self.draft())
        except RecordError as exc:
            view.update(Text(safe(str(exc)), style="red"))
            return
        width = self.query_one("#compose-preview").scrollable_content_region.width
        view.update(report_view(report, max(width, 30))[0])

    def show_error(self, message: str) -> None:
        label = self.query_one("#compose-error", Label)
        label.update(Text(safe(message)))
        label.set_class(bool(message), "shown")

    # --- actions ---------------------------------------------------------------------

    @on(Input.Changed, "#compose-search")
    def _search(self) -> None:
        self.redraw()

    @on(Input.Submitted, "#compose-search")
    def _search_done(self) -> None:
        self.query_one("#compose-items", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#compose-search", Input).focus()

    def action_pick(self) -> None:
        code = self.current()
        if code is None:
            return
        table = self.query_one("#compose-items", DataTable)
        if code in self.picked:
            self.picked.remove(code)
            self.redraw(row=table.cursor_row)
        else:
            self.picked.append(code)
            self.redraw(row=table.cursor_row + 1)  # the next candidate: pick down the list
        self.show_error("")

    def action_move(self, step: int) -> None:
        code = self.current()
        if code is None or code not in self.picked:
            return
        n = self.picked.index(code)
        m = n + step
        if 0 <= m < len(self.picked):
            self.picked[n], self.picked[m] = self.picked[m], self.picked[n]
            self.redraw(keep=code)

    def action_channel(self) -> None:
        if len(self.channels) > 1 and self.channel in self.channels:
            self.channel = self.channels[(self.channels.index(self.channel) + 1) % len(self.channels)]
            self.redraw()

    def action_cancel(self) -> None:
        search = self.query_one("#compose-search", Input)
        if search.has_focus:
            self.query_one("#compose-items", DataTable).focus()
            return
        if not self.picked:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:  # items picked and ordered: ask, as the forms do
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDiscard(), answered)

    def action_publish(self) -> None:
        if not self.picked:
            self.show_error(t("compose.empty"))
            return
        try:
            written = self.gov.record(self.request(), at=self.at)
        except GovinfoError as exc:
            self.show_error(str(exc))
            return
        except OSError as exc:
            self.show_error(os_error(exc))
            return
        ev = written[0]
        if isinstance(ev, E.BulletinPublished):
            self.app.notify(t("compose.published", label=B.label(ev), n=len(ev.items)), markup=False, timeout=5)
        self.dismiss(written)
