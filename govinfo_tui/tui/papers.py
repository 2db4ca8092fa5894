# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The office's paperwork in the app: the papers screen (notice, appraisal, bulletin issues,
commissions, urgent items, remuneration; shown and exported) and the bulletin composer (pick,
order, preview, publish an issue)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from ..core import bulletins as B
from ..core import events as E
from ..core import export, queries, recording, reports
from ..core.journal import JournalError
from ..core.period import Period, PeriodError, parse_period
from ..core.queries import unit_name
from ..core.recording import RecordError
from ..core.reports.bulletin import issue_report
from ..core.reports.model import Report
from ..core.state import State
from .fmt import safe, txt
from .forms import Field, FormError, FormScreen, parse_when
from .i18n import t, translate_bindings
from .report_view import report_view
from .screens import GovScreen, month_period

if TYPE_CHECKING:
    from .app import GovinfoApp

KINDS = list(reports.PAPERS)  # notice, appraisal, bulletin, commissions, urgent, remuneration
PERIOD_KINDS = ["month", "quarter", "year", "range"]
# the period a report is usually asked for: a notice and the follow-up of commissions are
# monthly, the rest cover the year
DEFAULT_PERIOD = {
    "notice": "month",
    "commissions": "month",
    "urgent": "month",
    "appraisal": "year",
    "bulletin": "year",
    "remuneration": "year",
}
EXPORT_FORMATS = ["xlsx", "docx", "md", "csv", "json"]


def paper_name(kind: str) -> str:
    return t(f"paper.{kind}")


def period_for(kind: str, ref: dt.date, range_text: str = "") -> Period:
    """The month, quarter or year of `ref`, or a period typed by the user."""
    if kind == "month":
        return month_period(ref)
    if kind == "quarter":
        return parse_period(f"{ref.year}-Q{(ref.month - 1) // 3 + 1}")
    if kind == "year":
        return parse_period(str(ref.year))
    return parse_period(range_text or str(ref.year))


def build_paper(st: State, kind: str, period: Period, today: dt.date, issue: str | None = None) -> Report:
    """The report as the command line builds it; statuses judged on `today` (the shown day)."""
    if kind == "notice":
        return reports.notice(st, period, today=today)
    if kind == "appraisal":
        return reports.appraisal(st, period)
    if kind == "bulletin":
        ev = next((b for b in st.bulletins if b.id == issue), None) if issue else None
        return issue_report(st, ev) if ev is not None else reports.bulletins(st, period)
    if kind == "remuneration":
        return reports.remuneration(st, period)
    if kind == "urgent":
        return reports.urgent(st, period)
    return reports.commissions(st, period, today=today)


def file_stem(report: Report, kind: str, period: Period) -> str:
    if report.kind == "bulletin":
        d = report.data
        return f"{reports.PAPERS['bulletin'][0]}-{d['year']}-{'S' if d['supplement'] else ''}{d['number']}"
    stem = f"{reports.PAPERS[kind][0]}-{period.label}"
    return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in stem)


# --- the papers screen ---------------------------------------------------------------------


class PapersScreen(GovScreen):
    NAME = "papers"
    BINDINGS = [
        Binding("k", "kind(1)", "k.paper_kind"),
        Binding("K", "kind(-1)", "k.paper_kind_back", show=False),
        Binding("p", "period", "k.period"),
        Binding("r", "range", "k.range"),
        Binding("e", "export", "k.export"),
        Binding("i", "issue", "k.issue", show=False),
        Binding("b", "compose", "k.compose"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = "notice"
        self.periods = dict(DEFAULT_PERIOD)
        self.range_text = ""
        self.issue: str | None = None
        self.report: Report | None = None
        self.shown_period: Period | None = None
        self.fitted: int | None = None  # the width the shown report was laid out for

    def compose_body(self) -> ComposeResult:
        yield Static(id="papers-kinds")
        yield Static(id="papers-head")
        with VerticalScroll(id="papers-body"):
            yield Static(id="paper")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#papers-body").focus()

    def period(self) -> Period:
        kind = self.periods[self.kind]
        try:
            return period_for(kind, self.gov.ref_day, self.range_text)
        except PeriodError:
            return period_for("year", self.gov.ref_day)

    def draw_kinds(self) -> None:
        line = Text()
        for n, kind in enumerate(KINDS):
            if n:
                line.append(" │ ", style="dim")
            line.append(f"{paper_name(kind)}", style="bold reverse" if kind == self.kind else "")
        self.query_one("#papers-kinds", Static).update(line)

    THREADED = True

    def context(self) -> dict[str, Any]:
        self.draw_kinds()
        return {
            "kind": self.kind,
            "period": self.period(),
            "period_kind": self.periods[self.kind],
            "today": self.gov.ref_day,
            "issue": self.issue if self.kind == "bulletin" else None,
            "width": self.body_width(),
        }

    def body_width(self) -> int:
        width = self.query_one("#papers-body").scrollable_content_region.width
        return max(width or self.app.size.width - 4, 40)  # before the first layout: the terminal's

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """Lay the report out again when the room for it changed (first layout, resize)."""
        if self.is_mounted and self.fitted is not None and self.fitted != self.body_width():
            self.fitted = None
            self.refresh_data()

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        report = build_paper(st, ctx["kind"], ctx["period"], ctx["today"], ctx["issue"])
        view, need = report_view(report, ctx["width"])
        return {**ctx, "report": report, "view": view, "need": need}

    def show(self, d: dict[str, Any]) -> None:
        if d["kind"] != self.kind:  # switched meanwhile: the newer request draws
            return
        self.report, self.shown_period = d["report"], d["period"]
        period: Period = d["period"]
        if d["report"].kind == "bulletin":
            head = t("papers.issue", label=d["report"].title)
        else:
            head = "  ".join(
                [
                    t("rank.period", label=period.label, start=period.start, end=period.end),
                    "[" + t("period." + d["period_kind"]) + "]",
                    t("papers.judged", day=d["today"].isoformat()),
                ]
            )
        self.query_one("#papers-head", Static).update(Text(safe(head)))
        paper = self.query_one("#paper", Static)
        paper.styles.min_width = d["need"] if d["need"] > d["width"] else None
        paper.update(d["view"])
        self.fitted = d["width"]
        self.call_after_refresh(self._refit)

    def action_kind(self, step: int) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + step) % len(KINDS)]
        self.issue = None
        self.draw_kinds()
        self.refresh_data()

    def action_period(self) -> None:
        if self.kind == "bulletin" and self.issue is not None:  # from one issue back to the register
            self.issue = None
            self.refresh_data()
            return
        current = self.periods[self.kind]
        self.periods[self.kind] = PERIOD_KINDS[(PERIOD_KINDS.index(current) + 1) % 3 if current != "range" else 0]
        self.issue = None
        self.refresh_data()

    def action_range(self) -> None:
        default = self.range_text or self.period().label
        fields = [Field("period", "filter.period", required=True, default=default)]

        def save(v: dict) -> str:
            try:
                parse_period(v["period"])
            except PeriodError as exc:
                raise FormError(str(exc), "period") from None
            return v["period"]

        def done(result: str | None) -> None:
            if result:
                self.range_text = result
                self.periods[self.kind] = "range"
                self.issue = None
                self.refresh_data()

        self.app.push_screen(FormScreen(t("papers.range.title"), fields, save), done)

    def action_issue(self) -> None:
        """Show one issue of the bulletin (as printed) instead of the period's register."""
        st = self.gov.st
        if st is None:
            return
        issues = sorted(st.bulletins, key=lambda b: (b.at, b.id), reverse=True)
        if not issues:
            self.app.notify(t("papers.no_issues"), markup=False, timeout=3)
            return
        choices = [(f"{B.label(b)} · {b.at:%Y-%m-%d} · {b.channel}", b.id) for b in issues]
        fields = [
            Field("issue", "papers.issue.field", "select", choices, required=True, default=self.issue or issues[0].id)
        ]

        def done(result: dict | None) -> None:
            if result:
                self.kind, self.issue = "bulletin", result["issue"]
                self.refresh_data()

        self.app.push_screen(FormScreen(t("papers.issue.title"), fields, lambda v: v), done)

    def action_export(self) -> None:
        report, period = self.report, self.shown_period
        if report is None or period is None:
            return
        self.app.push_screen(export_form(report, self.kind, period), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.app.notify(t("papers.written", path=str(path)), markup=False, timeout=8)

    def action_compose(self) -> None:
        self.gov.action_compose_bulletin()

    def select(self, kind: str) -> None:
        """Show the paper `kind` (from the command palette)."""
        if kind in KINDS and kind != self.kind:
            self.kind, self.issue = kind, None
            if self.is_mounted:
                self.draw_kinds()
                self.refresh_data()


def export_form(report: Report, kind: str, period: Period) -> FormScreen:
    """Format, file name (in the working folder by default) and whether to overwrite."""
    stem = file_stem(report, kind, period)
    default_path = f"./{stem}.xlsx"
    fields = [
        Field("format", "papers.format", "select", [(f, f) for f in EXPORT_FORMATS], required=True, default="xlsx"),
        Field("path", "papers.path", required=True, default=default_path),
        Field("overwrite", "papers.overwrite", "bool"),
    ]

    def save(v: dict) -> Path:
        fmt, text = v["format"], v["path"]
        if text == default_path and fmt != "xlsx":  # the name was not touched: follow the format
            text = f"./{stem}.{fmt}"
        target = Path(text).expanduser()
        target = (Path.cwd() / target).resolve() if not target.is_absolute() else target
        if target.exists() and not target.is_dir() and not v["overwrite"]:
            raise FormError(t("papers.exists", path=str(target)), "path")
        return export.write(report, fmt, target, force=bool(v["overwrite"])).resolve()

    return FormScreen(t("papers.export.title", name=report.title), fields, save)


# --- the bulletin composer -----------------------------------------------------------------

MAX_ROWS = 300


class BulletinComposer(ModalScreen[list | None]):
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

    def __init__(self, app: GovinfoApp) -> None:
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
        # dated on the day the app speaks of: today, or the last day of an old journal (the
        # demo), or the day travelled to (a back-dated issue)
        self.at = parse_when(app.ref_day.isoformat(), app.today)
        self.error = ""

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
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
        table = self.query_one("#compose-items", DataTable)
        for key, width in (("seq", 3), ("date", 5), ("unit", 8), ("title", None)):
            table.add_column(t(f"compose.col.{key}"), key=key, width=width)
        self.redraw()
        table.focus()

    # --- data ------------------------------------------------------------------------

    def previous(self) -> E.BulletinPublished | None:
        return B.previous_issue(self.st, self.channel) if self.channel else None

    def candidates(self) -> list:
        """Items submitted since the previous issue (newest first); with a search, all that match."""
        st = self.st
        needle = self.query_one("#compose-search", Input).value.strip().lower()
        if needle:
            found = [i for i in st.items.values() if needle in i.id.lower() or needle in i.title.lower()]
        else:
            prev = self.previous()
            found = [i for i in st.items.values() if prev is None or i.submitted_at > prev.at]
        found.sort(key=lambda i: (i.submitted_at, i.id), reverse=True)
        return found

    def number(self) -> int:
        return B.next_number(self.st, self.channel, self.at.year) if self.channel else 0

    def draft(self) -> E.BulletinPublished:
        """The issue as it would be written (raises `RecordError`); nothing is written."""
        ev = recording.publish_bulletin(
            self.st, items=list(self.picked), at=self.at, by=self.gov.by, channel=self.channel
        )
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
                Text(f"{item.submitted_at:%m-%d}" if item else ""),
                txt(unit_name(st, item.unit) if item else ""),
                txt(title, style="bold"),
            ]
            table.add_row(*cells, key=code)
        for item in rest[:MAX_ROWS]:
            table.add_row(
                Text(""),
                Text(f"{item.submitted_at:%m-%d}"),
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
        self.dismiss(None)

    def action_publish(self) -> None:
        if not self.picked:
            self.show_error(t("compose.empty"))
            return
        items, at, by, channel = list(self.picked), self.at, self.gov.by, self.channel
        try:
            written = self.gov.record(
                lambda s: recording.publish_bulletin(s, items=items, at=at, by=by, channel=channel), needles=None
            )
        except (RecordError, JournalError, OSError) as exc:
            self.show_error(str(exc))
            return
        ev = written[0]
        if isinstance(ev, E.BulletinPublished):
            self.app.notify(t("compose.published", label=B.label(ev), n=len(ev.items)), markup=False, timeout=5)
        self.dismiss(written)
