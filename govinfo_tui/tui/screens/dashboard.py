"""The dashboard: the year's target, this month, the ranking, quota, the latest events and alerts."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from ...core import events as E
from ...core import queries
from ...core.period import Period, as_of_end
from ...core.state import State
from ..fmt import label, pct, pts, safe
from ..i18n import get_lang, t
from .base import GovScreen, grid, year_to_date


class DashboardScreen(GovScreen):
    NAME = "dashboard"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="dash"), Grid(id="dash-grid"):
            with Vertical(id="p-target", classes="panel"):
                yield ProgressBar(id="target-bar", show_eta=False, show_percentage=False)
                yield Static(id="target-text")
                yield Static(id="target-extra")
            yield Static(id="p-month", classes="panel")
            yield Static(id="p-ranking", classes="panel")
            yield Static(id="p-quota", classes="panel")
            yield Static(id="p-feed", classes="panel wide")
            yield Static(id="p-alerts", classes="panel wide")

    THREADED = True

    def context(self) -> dict[str, Any]:
        app = self.gov
        return {
            "ref": app.ref_day,
            "limit": as_of_end(app.pinned) if app.pinned else None,
            "events": app.loaded.events if app.loaded else [],
            "problems": len(app.loaded.problems) if app.loaded else 0,
            "generation": app.generation,
        }

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        ref = ctx["ref"]
        ytd = year_to_date(ref)
        mp = Period(ref.replace(day=1), ref, f"{ref:%Y-%m}")
        key = f"{ref:%Y-%m}"
        recent = []
        limit = ctx["limit"]
        events = ctx["events"]
        for n in range(len(events) - 1, -1, -1):
            ev = events[n]
            if limit is not None and ev.at > limit:
                continue
            if isinstance(ev, E.Scored) or ev.id not in st.events:
                continue
            recent.append((ev.at.strftime("%m-%d %H:%M"), ev.by, queries.describe(st, ev, get_lang())))
            if len(recent) >= 5:
                break
        return {
            "ref": ref,
            "year": queries.summary(st, ytd),
            "month": queries.summary(st, mp),
            "below": [
                (r["name"], r["unit"], f"{r['months'][key]['count']}/{r['months'][key]['quota']}")
                for r in queries.quota(st, mp)
                if key in r["months"] and r["months"][key]["below"]
            ],
            "ranking": queries.ranking(st, ytd, by="unit")[:5],
            "recent": recent,
            "overdue": [c for c in queries.commissions(st, ref) if c["status"] == "overdue"],
            "findings": self.gov.cached_findings(st),
            "st": st,
            "generation": ctx["generation"],
            "problems": ctx["problems"],
        }

    def show(self, d: dict[str, Any]) -> None:
        ref, s, m = d["ref"], d["year"], d["month"]
        target_box = self.query_one("#p-target")
        target_box.border_title = t("dash.target", year=ref.year)
        bar = self.query_one("#target-bar", ProgressBar)
        if s["target"]:
            bar.display = True
            bar.update(total=100, progress=min(100.0, 100 * s["points"] / s["target"]))
            text = t("dash.target.text", points=pts(s["points"]), target=pts(s["target"]), pct=pct(s["completion"]))
        else:
            bar.display = False
            text = t("dash.target.none", points=pts(s["points"]))
        self.query_one("#target-text", Static).update(Text(text, style="bold"))
        self.query_one("#target-extra", Static).update(
            grid(
                (t("dash.month.items"), str(s["items"]), t("dash.month.adopted"), str(s["adopted_items"])),
                (t("dash.month.comments"), str(s["leader_comments"]), "", ""),
            )
        )

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
            (t("dash.month.points"), pts(m["points"])),
            (t("dash.month.comments"), str(m["leader_comments"])),
        ]
        month.update(grid(*rows))

        quota_box = self.query_one("#p-quota", Static)
        quota_box.border_title = t("dash.quota")
        below = d["below"]
        if below:
            shown = list(below[:4])
            if len(below) > 4:
                shown.append((t("dash.quota.more", n=len(below) - 4), "", ""))
            quota_box.update(grid(*shown))
        else:
            quota_box.update(Text(t("dash.quota.none")))

        rank_box = self.query_one("#p-ranking", Static)
        rank_box.border_title = t("dash.ranking", year=ref.year)
        ranking = d["ranking"]
        rank_box.update(
            grid(*((str(r["rank"]), r["name"], pts(r["points"]), pct(r["completion"])) for r in ranking))
            if ranking
            else Text("-")
        )

        feed = self.query_one("#p-feed", Static)
        feed.border_title = t("dash.feed")
        feed.update(grid(*d["recent"], widths=(11, 8)) if d["recent"] else Text("-"))

        self.show_alerts(d)
        if d["findings"] is None:  # `check` is the slowest query: paint first, then run it
            self.gov.busy_change(1)
            self._findings(d)

    @work(thread=True, exclusive=True, group="findings", description="check the shown state")
    def _findings(self, d: dict[str, Any]) -> None:
        try:
            found = self.gov.findings(d["st"])
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
