# ruff: noqa: RUF012 - Textual declares BINDINGS and COMPONENT_CLASSES as class attributes
"""The dashboard: the year's target with its months against the target's pace, this month, the
units' points as bars, quota, the latest events and alerts."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, ProgressBar, Sparkline, Static
from textual.worker import get_current_worker

from ...core import dashboard
from ...core import events as E
from ...core.period import as_of_end
from ...core.rows import Pace, RankingRow
from ...core.state import State
from ..bars import ShareBar
from ..fmt import fit, label, pct, pts, safe
from ..i18n import get_lang, t
from ..workers import Handed, thread_work
from .base import GovScreen, grid


class DashboardScreen(GovScreen):
    NAME = "dashboard"
    BINDINGS = [Binding("s", "scheme", "k.scheme")]
    COMPONENT_CLASSES = {"dashboard--bar", "dashboard--below", "dashboard--to-come"}
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # a tall terminal has room for taller months

    def __init__(self) -> None:
        super().__init__()
        self.drawn: dict[str, Any] | None = None  # the figures shown, drawn again at a new width

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dash"), Grid(id="dash-grid"):
            with Vertical(id="p-target", classes="panel"):
                yield Static(id="target-text")
                # a total from the start: a bar without one animates, 15 frames a second, and
                # every frame takes the interpreter from the journal's load
                yield ProgressBar(total=100, id="target-bar", show_eta=False, show_percentage=False)
                with Horizontal(id="pace-row"):
                    yield Label(t("dash.pace.months"), id="pace-label")
                    yield Sparkline(id="pace-months")
                yield Static(id="pace-marks")
                yield Static(id="target-extra")
            yield Static(id="p-month", classes="panel")
            yield Static(id="p-ranking", classes="panel")
            yield Static(id="p-quota", classes="panel")
            yield Static(id="p-feed", classes="panel wide")
            yield Static(id="p-alerts", classes="panel wide")

    THREADED = True

    def context(self) -> dict[str, Any]:
        """What the worker needs beside the state: small values only (Textual keeps a worker's
        arguments, and the state's own log already holds every event)."""
        app = self.gov
        return {
            "ref": app.ref_day,
            "limit": as_of_end(app.pinned) if app.pinned else None,
            "problems": len(app.loaded.problems) if app.loaded else 0,
            "generation": app.generation,
            "ready": app.tables_built or app.st is not app.full,  # a travelled state is built
            "scheme": app.scheme,
        }

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        fig = dashboard.figures(
            st, ctx["ref"], limit=ctx["limit"], scheme=ctx["scheme"], lang=get_lang(), ready=ctx["ready"]
        )
        if fig.ready and ctx["limit"] is None:
            self.gov.keep_dashboard(fig, ctx["generation"])  # for the next start, if these are the journal's
        findings = self.gov.cached_findings(st)
        # the state as a weak reference: a screen out of sight keeps its drawing, not the state
        return drawing(fig, st=Handed(st), generation=ctx["generation"], problems=ctx["problems"], findings=findings)

    def refresh_data(self) -> None:
        """The figures kept from the last start while they are the journal's and the state
        cannot draw them yet (`GovinfoApp.kept_in_view`); else the state's, as every screen."""
        kept = self.gov.kept_in_view() if self.is_mounted else None
        if kept is None:
            if self.is_mounted and self.drawn is not None and self.drawn["kept"] and self.gov.st is None:
                self.query_one("#dash").display = False  # the load failed: no figures but the journal's
                self.drawn = None
            super().refresh_data()
            return
        self.update_banner()
        if self.drawn is None or not self.drawn["kept"]:
            self.show(drawing(kept.figures, st=None, generation=-1, problems=kept.problems, findings=None))

    def show(self, d: dict[str, Any]) -> None:
        ref, s, m = d["ref"], d["year"], d["month"]
        self.drawn = d
        self.query_one("#dash").display = True
        target_box = self.query_one("#p-target")
        upward = label("scheme", s["scheme"])  # the county's figure: what the city's target measures
        target_box.border_title = t("with_scheme", what=t("dash.target", year=ref.year), scheme=upward)
        bar = self.query_one("#target-bar", ProgressBar)
        line = Text()
        if s["target"]:
            bar.display = True
            bar.update(total=100, progress=min(100.0, 100 * s["points"] / s["target"]))
            text = t("dash.target.text", points=pts(s["points"]), target=pts(s["target"]), pct=pct(s["completion"]))
            line.append(text, style="bold")
            line.append("  " + t("dash.pace", due=pts(round(d["pace"]["due"], 1))))
            target_box.border_subtitle = t("dash.pace.legend", need=pts(d["pace"]["months"][0]["need"]))
        else:
            bar.display = False
            line.append(t("dash.target.none", points=pts(s["points"])), style="bold")
            target_box.border_subtitle = ""
        self.query_one("#target-text", Static).update(line)
        self.query_one("#target-extra", Static).update(
            grid(
                (
                    t("dash.month.items"),
                    str(s["items"]),
                    t("dash.month.adopted"),
                    str(s["adopted_items"]),
                    t("dash.month.comments"),
                    str(s["leader_comments"]),
                )
            )
        )
        self.draw_months(d["pace"])

        month = self.query_one("#p-month", Static)
        month.border_title = t("dash.month", month=f"{ref:%Y-%m}")
        levels = m["adopted_by_level"]
        rows = [
            (t("dash.month.items"), str(m["items"])),
            (t("dash.month.submitted"), str(m["submitted"])),
            (
                t("dash.month.adopted"),
                " ".join(f"{label('level', lv)} {levels[lv]}" for lv in E.LEVELS if levels.get(lv)) or "0",
            ),
            (t("with_scheme", what=t("dash.month.points"), scheme=label("scheme", m["scheme"])), pts(m["points"])),
            (t("dash.month.comments"), str(m["leader_comments"])),
        ]
        month.update(grid(*rows))

        quota_box = self.query_one("#p-quota", Static)
        units_scheme = label("scheme", d["scheme"])  # units and officers: the scheme chosen with `s`
        quota_box.border_title = t("with_scheme", what=t("dash.quota"), scheme=units_scheme)
        below = d["below"]
        if below is None:
            quota_box.update(Text("…"))
        elif below:
            shown = list(below[:4])
            if len(below) > 4:
                shown.append((t("dash.quota.more", n=len(below) - 4), "", ""))
            quota_box.update(grid(*shown))
        else:
            quota_box.update(Text(t("dash.quota.none")))

        rank_box = self.query_one("#p-ranking", Static)
        rank_box.border_title = t("with_scheme", what=t("dash.ranking", year=ref.year), scheme=units_scheme)
        self.draw_ranking(d["ranking"])

        feed = self.query_one("#p-feed", Static)
        feed.border_title = t("dash.feed")
        feed.update(grid(*map(_feed_row, d["recent"]), widths=(11, 8)) if d["recent"] else Text("-"))

        self.show_alerts(d)
        if d["findings"] is None and d["ready"] and d["st"] is not None:  # `check` is the slowest: paint first
            self.gov.busy_change(1)
            self._findings(d["st"], {k: v for k, v in d.items() if k != "st"})

    # --- pictures: drawn to the room their panel has, and again when it changes -----------

    def room(self, panel: str) -> int:
        """The cells inside a panel; before the first layout, half the terminal less the frame."""
        return self.query_one(panel).content_region.width or max(self.app.size.width // 2 - 5, 20)

    def on_resize(self, event: events.Resize) -> None:
        if self.drawn is not None:
            self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        if self.drawn is not None and self.is_mounted:
            self.draw_months(self.drawn["pace"])
            self.draw_ranking(self.drawn["ranking"])

    def draw_months(self, pace: Pace) -> None:
        """The year's points month by month, each month the same number of cells so the marks
        under it line up: `!` under a month short of its share of the target, the month's
        number too where there is room."""
        label_width = cell_len(t("dash.pace.months")) + 1
        per_month = max(1, min(4, (self.room("#p-target") - label_width) // 12))
        months = pace["months"]
        spark = self.query_one("#pace-months", Sparkline)
        drawn = months[: pace_month(pace)]  # months after the day on screen are to come: blank, not 0
        spark.styles.width = max(1, len(drawn)) * per_month
        spark.data = [mo["points"] for mo in drawn]
        below = self.get_component_rich_style("dashboard--below", partial=True)
        to_come = self.get_component_rich_style("dashboard--to-come", partial=True)
        marks = Text(" " * label_width, no_wrap=True, overflow="crop")
        for n, mo in enumerate(months, start=1):
            number = str(n) if per_month >= 3 else ""
            mark = "!" if mo["below"] else ""
            style = below if mo["below"] else to_come if n > pace_month(pace) else ""
            marks.append(fit(number + mark, per_month), style)
        self.query_one("#pace-marks", Static).update(marks)

    def draw_ranking(self, ranking: list[RankingRow] | None) -> None:
        """The units of the year's ranking with their points as bars, the top unit's the longest."""
        box = self.query_one("#p-ranking", Static)
        if ranking is None:  # the items are still being built
            box.update(Text("…"))
            return
        if not ranking:
            box.update(Text("-"))
            return
        room = self.room("#p-ranking")
        top = max(r["points"] for r in ranking)
        numbers = [(str(r["rank"]), pts(r["points"]), pct(r["completion"])) for r in ranking]
        fixed = sum(max(cell_len(row[n]) for row in numbers) for n in range(3)) + 4  # and the gaps
        name_width = min(max(cell_len(r["name"]) for r in ranking), max(room - fixed - 6, 6))
        style = self.get_component_rich_style("dashboard--bar", partial=True)
        tab = Table.grid(padding=(0, 1), expand=True)
        tab.add_column(justify="right", no_wrap=True)
        tab.add_column(no_wrap=True)
        tab.add_column(justify="right", no_wrap=True)
        tab.add_column(justify="right", no_wrap=True)
        tab.add_column(ratio=1, no_wrap=True)
        for r, (rank, points, done) in zip(ranking, numbers, strict=True):
            name = Text(fit(safe(r["name"]), name_width))
            tab.add_row(rank, name, points, done, ShareBar(r["points"], top, style))
        box.update(tab)

    @thread_work(group="findings", description="check the shown state")  # not exclusive: see `_compute`
    def _findings(self, handed: Handed[State], d: dict[str, Any]) -> None:
        try:
            st = handed.get()
            found = self.gov.findings(st) if st is not None else None
            if found is not None and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._deliver_findings, {**d, "findings": found})
        finally:
            self.gov.busy_change(-1)

    def _deliver_findings(self, d: dict[str, Any]) -> None:
        if self.is_mounted and d["generation"] == self.gov.generation:
            self.show_alerts(d)

    def show_alerts(self, d: dict[str, Any]) -> None:
        alerts = self.query_one("#p-alerts", Static)
        alerts.border_title = t("dash.alerts")
        if not d["ready"]:
            alerts.update(Text("…"))
            return
        overdue, findings, problems = d["overdue"], d["findings"] or [], d["problems"]
        lines = Text()
        if overdue:
            lines.append(t("dash.alerts.overdue", n=len(overdue)) + "\n", style="bold red")
            for c in overdue[:2]:
                lines.append(f"  {c['deadline']} {safe(c['title'])}\n")
        if findings:
            lines.append(t("dash.alerts.findings", n=len(findings)) + "\n", style="bold yellow")
            for f in findings[:2]:
                lines.append(f"  {safe(f.message)}\n")
        if problems:
            lines.append(t("dash.alerts.problems", n=problems) + "\n", style="bold red")
        if not lines.plain:
            lines.append(t("dash.alerts.none"))
        lines.rstrip()
        alerts.update(lines)


def pace_month(pace: Pace) -> int:
    """The month of the day the pace was taken on (months after it are still to come)."""
    return int(pace["day"][5:7])


def _feed_row(row: tuple[str, str, str, bool]) -> tuple[str, str, Text]:
    """A line of the recent events; one that no longer counts says 已作废 and is struck through."""
    when, by, what, gone = row
    if not gone:
        return when, by, Text(safe(what))
    line = Text(f"{t('feed.voided')} ", style="bold red")
    line.append(safe(what), style="strike dim")
    return when, by, line


def drawing(fig: dashboard.Figures, **more: Any) -> dict[str, Any]:
    """What `show` draws: the figures' fields, and `st`, `generation`, `problems`, `findings`
    (`st` None: figures kept from the last start, `kept` set)."""
    return {f: getattr(fig, f) for f in fig.__struct_fields__} | {"figures": fig, "kept": more["st"] is None} | more
