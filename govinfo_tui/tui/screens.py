# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""Screens: dashboard, items, item detail, ranking, quota, registry, problems, help; and the
form factories that record events through `core.recording`."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker

from ..core import events as E
from ..core import queries, recording, rules
from ..core.period import Period, PeriodError, as_of_end, parse_date, parse_period
from ..core.queries import person_name, unit_name
from ..core.recording import RecordError
from ..core.state import State
from .fmt import label, pct, pts, safe, stamp, txt
from .forms import Field, FormError, FormScreen
from .i18n import KEYS, get_lang, t, translate_bindings
from .widgets import Banner, ItemTable

if TYPE_CHECKING:
    from .app import GovinfoApp


def month_period(d: dt.date) -> Period:
    import calendar

    return Period(d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1]), f"{d:%Y-%m}")


def year_to_date(d: dt.date) -> Period:
    return Period(dt.date(d.year, 1, 1), d, f"{d.year}")


class GovScreen(Screen):
    """A screen that redraws from the app's current state when it changes."""

    NAME = "dashboard"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.seen = -1

    @property
    def gov(self) -> GovinfoApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Banner(id="banner")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.sub_title = t(f"screen.{self.NAME}")
        self.refresh_data()

    def on_screen_resume(self) -> None:
        if self.seen != self.gov.generation:
            self.refresh_data()

    def refresh_data(self) -> None:
        if not self.is_mounted:
            return
        app = self.gov
        self.update_banner()
        self.seen = app.generation
        if app.st is None:
            return
        if self.THREADED:
            app.busy_change(1)
            self._compute(app.st, self.context())
        else:
            self.refresh_body(app.st)

    def update_banner(self) -> None:
        app = self.gov
        banner = self.query_one(Banner)
        banner.update(app.banner())
        banner.set_class(app.pinned is not None, "travel")
        banner.set_class(app.old_journal, "old")

    # Screens whose queries cost tenths of a second at 100k items compute in a thread
    # (`compute`, reading the state only) and draw on the main thread (`show`).
    THREADED = False

    def context(self) -> dict[str, Any]:
        return {}

    def compute(self, st: State, ctx: dict[str, Any]) -> Any:
        return None

    def show(self, data: Any) -> None:
        pass

    @work(thread=True, exclusive=True, group="compute")
    def _compute(self, st: State, ctx: dict[str, Any]) -> None:
        try:
            data = None
            for _attempt in range(3):
                try:
                    data = self.compute(st, ctx)
                    break
                except RuntimeError:  # the live fold changed a dict under us: try again
                    continue
            if data is not None and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._deliver, data)
        finally:
            self.gov.busy_change(-1)

    def _deliver(self, data: Any) -> None:
        if self.is_mounted:
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


# --- dashboard -------------------------------------------------------------------------


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
            "findings": self.gov.cached_findings(st, ctx["generation"]),
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

    @work(thread=True, exclusive=True, group="findings")
    def _findings(self, d: dict[str, Any]) -> None:
        try:
            found = None
            for _attempt in range(3):
                try:
                    found = self.gov.findings(d["st"], d["generation"])
                    break
                except RuntimeError:
                    continue
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


# --- items -----------------------------------------------------------------------------

SORTS = ["date_desc", "date_asc", "points", "id", "unit", "status"]
FILTER_KEYS = ["period", "unit", "category", "status", "channel"]


class ItemsScreen(GovScreen):
    NAME = "items"
    BINDINGS = [
        Binding("slash", "search", "k.search"),
        Binding("f", "filters", "k.filter"),
        Binding("s", "sort", "k.sort"),
        Binding("x", "clear", "k.clear"),
        Binding("b", "compose", "k.compose"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters: dict[str, Any] = dict.fromkeys(FILTER_KEYS)
        self.sort = 0
        self._rows: tuple[int, int, list] | None = None
        self._order: dict[str, tuple[list[str], list, set[str]]] = {}
        self._search_keys: dict[str, tuple[str, str]] = {}
        self._keys: tuple[list, list[str]] | None = None
        self._last: tuple | None = None

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=t("items.search"), id="search", compact=True)
        yield Static(id="items-status")
        yield ItemTable(id="items")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ItemTable).focus()

    def refresh_body(self, st: State) -> None:
        self.apply()

    def sorted_items(self, st: State) -> list:
        """All items in the current sort order. The date orders are kept across live updates
        by inserting only the new ids, so a tail of new events costs milliseconds, not a sort."""
        gen = self.gov.generation
        if self._rows is not None and self._rows[0] == gen and self._rows[1] == self.sort:
            return self._rows[2]
        items = st.items
        kind = SORTS[self.sort]
        if kind in ("date_desc", "date_asc", "id"):
            order = self._order.get(kind)
            if order is not None and len(order[2]) <= len(items) and order[2] <= items.keys():
                ids, sortkeys, idset = order
                for iid, item in items.items():
                    if iid not in idset:
                        k = item.id if kind == "id" else (item.submitted_at, item.id)
                        n = bisect.bisect(sortkeys, k)
                        sortkeys.insert(n, k)
                        ids.insert(n, iid)
                        idset.add(iid)
            else:
                if kind == "id":
                    pairs = sorted((i.id, i.id) for i in items.values())
                else:
                    pairs = sorted(((i.submitted_at, i.id), i.id) for i in items.values())
                ids = [p[1] for p in pairs]
                sortkeys = [p[0] for p in pairs]
                self._order[kind] = (ids, sortkeys, set(ids))
            rows = [items[i] for i in (reversed(ids) if kind == "date_desc" else ids)]
        else:
            rows = list(items.values())
            if kind == "points":
                rows.sort(key=lambda i: (-i.points, i.id))
            elif kind == "unit":
                rows.sort(key=lambda i: (unit_name(st, i.unit), i.submitted_at))
            else:
                rows.sort(key=lambda i: (i.status, i.submitted_at))
        self._rows = (gen, self.sort, rows)
        return rows

    def search_key(self, item) -> str:
        """The lower-cased id and title, cached while the title stays the same string."""
        title = item.title
        found = self._search_keys.get(item.id)
        if found is None or found[0] is not title:
            found = (title, f"{item.id}\n{title}".lower())
            self._search_keys[item.id] = found
        return found[1]

    def row_keys(self, rows: list) -> list[str]:
        """Search keys aligned with `rows` (the sorted list), built once per list."""
        if self._keys is not None and self._keys[0] is rows:
            return self._keys[1]
        keys = [self.search_key(i) for i in rows]
        self._keys = (rows, keys)
        return keys

    @work(thread=True, exclusive=True, group="search-keys")
    def _warm_keys(self, rows: list) -> None:
        """Build the search keys in the background so the first keystroke is quick too."""
        try:
            keys = [self.search_key(i) for i in rows]
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._set_keys, rows, keys)
        finally:
            self.gov.busy_change(-1)

    def _set_keys(self, rows: list, keys: list[str]) -> None:
        if self._keys is None or self._keys[0] is not rows:
            self._keys = (rows, keys)

    def apply(self) -> None:
        st = self.gov.st
        if st is None:
            return
        f = self.filters
        needle = self.query_one("#search", Input).value.strip().lower()
        signature = (self.gov.generation, self.sort, tuple(str(f[k]) for k in FILTER_KEYS))
        last = self._last
        keys: list[str] | None = None
        if last is not None and last[0] == signature and needle.startswith(last[1]):
            rows, keys = last[2], last[3]  # typing on: narrow the previous result
        else:
            rows = self.sorted_items(st)
            filtered = False
            if f["period"] is not None:
                period = f["period"]
                rows = [i for i in rows if i.submitted_at.date() in period]
                filtered = True
            if f["unit"]:
                rows = [i for i in rows if i.unit == f["unit"]]
                filtered = True
            if f["category"]:
                rows = [i for i in rows if i.category == f["category"]]
                filtered = True
            if f["status"]:
                rows = [i for i in rows if i.status == f["status"]]
                filtered = True
            if f["channel"]:
                ch = f["channel"]
                rows = [i for i in rows if ch in i.channels or any(a.channel == ch for a in i.adoptions)]
                filtered = True
            if not filtered:
                if needle:
                    keys = self.row_keys(rows)
                elif self._keys is None or self._keys[0] is not rows:
                    self.gov.busy_change(1)
                    self._warm_keys(rows)
        if needle:
            if keys is None and self._keys is not None and self._keys[0] is rows:
                keys = self._keys[1]
            if keys is None:
                keys = [self.search_key(i) for i in rows]
            kept = [(i, k) for i, k in zip(rows, keys, strict=True) if needle in k]
            rows, keys = [p[0] for p in kept], [p[1] for p in kept]
        self._last = (signature, needle, rows, keys)
        self.query_one(ItemTable).set_rows(rows, st)
        shown = []
        for k in FILTER_KEYS:
            v = f[k]
            if v is None or v == "":
                continue
            if k == "period":
                shown.append(v.label)
            elif k == "unit":
                shown.append(unit_name(st, v))
            elif k == "channel":
                shown.append(queries.channel_name(st, v))
            elif k == "status":
                shown.append(label("status", v))
            else:
                shown.append(v)
        status = "  ".join(
            [
                t("items.count", shown=len(rows), total=len(st.items)),
                t("items.sort", key=t(f"sort.{SORTS[self.sort]}")),
                t("items.filters", text=" ".join(shown) if shown else t("items.filters.none")),
            ]
        )
        self.query_one("#items-status", Static).update(Text(safe(status)))

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self.apply()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(ItemTable).focus()

    @on(ItemTable.Opened)
    def _open(self, event: ItemTable.Opened) -> None:
        self.gov.open_item(event.item_id)

    def key_escape(self) -> None:
        if self.query_one("#search", Input).has_focus:
            self.query_one(ItemTable).focus()

    def action_compose(self) -> None:
        self.gov.action_compose_bulletin()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self.apply()

    def action_clear(self) -> None:
        self.filters = dict.fromkeys(FILTER_KEYS)
        self.query_one("#search", Input).value = ""
        self.apply()

    def action_filters(self) -> None:
        st = self.gov.st
        if st is None:
            return
        f = self.filters
        categories = sorted({i.category for i in st.items.values() if i.category})
        fields = [
            Field("period", "filter.period", default=f["period"].label if f["period"] else ""),
            Field("unit", "f.unit", "select", unit_choices(st), default=f["unit"]),
            Field("category", "f.category", "select", [(c, c) for c in categories], default=f["category"]),
            Field(
                "status",
                "col.status",
                "select",
                [(label("status", s), s) for s in ("submitted", "forwarded", "adopted", "returned", "withdrawn")],
                default=f["status"],
            ),
            Field("channel", "f.channel", "select", channel_choices(st), default=f["channel"]),
        ]

        def save(values: dict) -> dict:
            out = dict(values)
            if values["period"]:
                try:
                    out["period"] = parse_period(values["period"])
                except PeriodError as exc:
                    raise FormError(str(exc), "period") from None
            else:
                out["period"] = None
            return out

        def done(result: dict | None) -> None:
            if result is not None:
                self.filters = result
                self.apply()

        self.app.push_screen(FormScreen(t("filter.title"), fields, save), done)


# --- choices ---------------------------------------------------------------------------


def unit_choices(st: State) -> list[tuple[str, str]]:
    return [(f"{u.name} ({u.unit})", u.unit) for u in st.units.values() if u.active]


def people_choices(st: State) -> list[tuple[str, str]]:
    return [(f"{p.name} · {unit_name(st, p.unit)} ({p.person})", p.person) for p in st.people.values() if p.active]


def channel_choices(st: State) -> list[tuple[str, str]]:
    return [(f"{c.name} · {label('level', c.level)} ({c.channel})", c.channel) for c in st.channels.values()]


def level_choices() -> list[tuple[str, str]]:
    return [(label("level", lv), lv) for lv in E.LEVELS]


CATEGORIES = ["普通性", "综合性", "政策性", "苗头性", "调研类", "社会民生", "本地特色"]


# --- item detail -----------------------------------------------------------------------


class ItemScreen(GovScreen):
    NAME = "item"
    BINDINGS = [
        Binding("escape", "back", "k.back"),
        Binding("a", "adopt", "k.adopt"),
        Binding("c", "comment", "k.comment"),
        Binding("w", "forward", "k.forward"),
        Binding("s", "score", "k.score"),
        Binding("o", "override", "k.override"),
        Binding("e", "amend", "k.amend"),
        Binding("r", "return_item", "k.return", show=False),
        Binding("d", "withdraw", "k.withdraw", show=False),
        Binding("v", "void", "k.void"),
    ]

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="item-body"):
            yield Static(id="item-fields")
        yield Label(t("item.timeline"), id="timeline-title")
        yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#timeline", DataTable)
        for key, width in (("at", 16), ("by", 10), ("voided", 4), ("what", None)):
            table.add_column(t(f"col.{key}"), key=key, width=width)
        super().on_mount()
        table.focus()

    def refresh_body(self, st: State) -> None:
        item = st.items.get(self.item_id)
        fields = self.query_one("#item-fields", Static)
        table = self.query_one("#timeline", DataTable)
        if item is None:
            fields.update(Text(t("item.missing", id=self.item_id), style="bold red"))
            table.clear()
            return
        chans = ", ".join(queries.channel_name(st, c) for c in item.channels)
        adopted = "; ".join(f"{queries.channel_name(st, a.channel)} {a.issue} {a.form}".strip() for a in item.adoptions)
        rows = [
            (t("col.id"), item.id, t("col.date"), stamp(item.submitted_at)),
            (t("col.title"), item.title, "", ""),
            (
                t("col.unit"),
                unit_name(st, item.unit),
                t("col.authors"),
                ", ".join(person_name(st, p) for p in item.authors),
            ),
            (t("col.category"), item.category, t("col.status"), label("status", item.status)),
            (t("item.channels"), chans, t("col.points"), pts(item.points)),
            (t("col.adopted_in"), adopted, t("item.submitted_by"), item.submitted_by),
        ]
        if item.text:
            rows.append((t("item.text"), item.text.replace("\n", " "), "", ""))
        tab = Table.grid(padding=(0, 1), expand=True)
        tab.add_column(style="bold", no_wrap=True)
        tab.add_column(ratio=1, overflow="fold")
        tab.add_column(style="bold", no_wrap=True)
        tab.add_column(ratio=1, overflow="fold")
        for a, b, c, d in rows:
            tab.add_row(Text(a), Text(safe(b)), Text(c), Text(safe(d)))
        fields.update(tab)
        state = self.table_state(table)
        table.clear()
        for row in queries.timeline(st, self.item_id, get_lang()):
            voided = row["voided"]
            style = "strike dim" if voided else ""
            table.add_row(
                Text(row["at"][:16].replace("T", " "), style=style),
                Text(safe(row["by"]), style=style),
                Text("x" if voided else ""),
                Text(safe(row["what"]), style=style),
                key=row["id"],
            )
        self.restore_table(table, state)

    def selected_event(self) -> E.Event | None:
        table = self.query_one("#timeline", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        st = self.gov.full
        return st.events.get(key) if st and key else None

    def action_back(self) -> None:
        self.app.pop_screen()

    def _form(self, screen: FormScreen) -> None:
        if self.gov.full is None or self.item_id not in self.gov.full.items:
            self.app.notify(t("item.missing", id=self.item_id), severity="error", markup=False)
            return
        self.app.push_screen(screen, self.gov.after_form)

    def action_adopt(self) -> None:
        self._form(adopt_form(self.gov, self.item_id))

    def action_comment(self) -> None:
        self._form(comment_form(self.gov, self.item_id))

    def action_forward(self) -> None:
        self._form(forward_form(self.gov, self.item_id))

    def action_score(self) -> None:
        self._form(score_form(self.gov, self.item_id))

    def action_amend(self) -> None:
        self._form(amend_form(self.gov, self.item_id))

    def action_return_item(self) -> None:
        self._form(reason_form(self.gov, self.item_id, "return"))

    def action_withdraw(self) -> None:
        self._form(reason_form(self.gov, self.item_id, "withdraw"))

    def action_override(self) -> None:
        ev = self.selected_event()
        st = self.gov.full
        if st is None:
            return
        if not isinstance(ev, E.Scored) or ev.id in st.voids:
            item = st.items.get(self.item_id)
            live = [s for s in (item.scores if item else []) if s.id not in st.voids]
            ev = live[-1] if live else None
        if ev is None:
            self.app.notify(t("form.override", score="-"), severity="warning", markup=False)
            return
        self._form(override_form(self.gov, self.item_id, ev))

    def action_void(self) -> None:
        ev = self.selected_event()
        if ev is not None:
            self._form(void_form(self.gov, self.item_id, ev))


# --- form factories --------------------------------------------------------------------


def _today(app: GovinfoApp) -> dt.date:
    return app.today


def submit_form(app: GovinfoApp) -> FormScreen:
    st = app.full
    assert st is not None
    categories = list(dict.fromkeys(CATEGORIES + sorted({i.category for i in st.items.values() if i.category})))
    fields = [
        Field("title", "f.title", required=True),
        Field("unit", "f.unit", "select", unit_choices(st), required=True),
        Field("authors", "f.authors", "multi", people_choices(st)),
        Field("category", "f.category", "select", [(c, c) for c in categories]),
        Field("channels", "f.channels", "multi", channel_choices(st)),
        Field("urgent", "f.urgent", "bool"),
        Field("date", "f.date", "date", required=True),
        Field("text", "f.text"),
    ]

    def save(v: dict) -> list[E.Event]:
        item_id = recording.new_item_id(v["date"])
        return app.record(
            lambda s: recording.submit(
                s,
                title=v["title"],
                unit=v["unit"],
                at=v["date"],
                by=app.by,
                authors=v["authors"],
                category=v["category"] or "",
                channels=v["channels"],
                urgent=bool(v["urgent"]),
                text=v["text"] or "",
                item=item_id,
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.submit"), fields, save, today=_today(app))


def adopt_form(app: GovinfoApp, item_id: str) -> FormScreen:
    st = app.full
    assert st is not None
    fields = [
        Field("channel", "f.channel", "select", channel_choices(st), required=True),
        Field("issue", "f.issue"),
        Field("form", "f.form", "select", [(f, f) for f in E.FORMS], required=True, default="单条"),
        Field("units", "f.credit_units", "multi", unit_choices(st)),
        Field("date", "f.date", "date", required=True),
        Field("points", "f.points", "number"),
        Field("reason", "f.reason"),
    ]

    def preview(v: dict) -> str:
        if not v.get("channel"):
            return ""
        if v.get("points") is not None:
            return t("preview.manual", points=pts(v["points"]))
        if app.full is None:
            return ""
        try:
            p = recording.preview_adoption(
                app.full, item=item_id, channel=v["channel"], day=v["date"].date(), form=v["form"]
            )
        except RecordError as exc:
            return t("preview.none", error=str(exc))
        return t("preview.points", rule=p.rule, points=pts(p.points))

    def save(v: dict) -> list[E.Event]:
        if v["points"] is not None and not v["reason"]:
            raise FormError(t("form.required"), "reason")
        return app.record(
            lambda s: recording.adopt(
                s,
                item=item_id,
                channel=v["channel"],
                at=v["date"],
                by=app.by,
                issue=v["issue"] or "",
                form=v["form"],
                units=v["units"],
                points=v["points"],
                reason=v["reason"] or "",
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.adopt", item=item_id), fields, save, preview=preview, today=_today(app))


def comment_form(app: GovinfoApp, item_id: str) -> FormScreen:
    fields = [
        Field("leader", "f.leader", required=True),
        Field("level", "f.level", "select", level_choices(), required=True, default="county"),
        Field(
            "stance",
            "f.stance",
            "select",
            [(label("stance", s), s) for s in ("affirmative", "directive")],
            required=True,
            default="affirmative",
        ),
        Field("principal", "f.principal", "bool"),
        Field("text", "f.text"),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.comment(
                s,
                item=item_id,
                leader=v["leader"],
                at=v["date"],
                by=app.by,
                level=v["level"],
                stance=v["stance"],
                principal=bool(v["principal"]),
                text=v["text"] or "",
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.comment", item=item_id), fields, save, today=_today(app))


def forward_form(app: GovinfoApp, item_id: str) -> FormScreen:
    st = app.full
    assert st is not None
    fields = [
        Field("channels", "f.channels", "multi", channel_choices(st), required=True),
        Field("note", "f.note"),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.forward(
                s, item=item_id, channels=v["channels"], at=v["date"], by=app.by, note=v["note"] or ""
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.forward", item=item_id), fields, save, today=_today(app))


def reason_form(app: GovinfoApp, item_id: str, verb: str) -> FormScreen:
    fields = [Field("reason", "f.reason", required=True), Field("date", "f.date", "date", required=True)]
    builder = recording.return_item if verb == "return" else recording.withdraw

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: builder(s, item=item_id, at=v["date"], by=app.by, reason=v["reason"]),
            recording.needles_for(item_id),
        )

    return FormScreen(t(f"form.{verb}", item=item_id), fields, save, today=_today(app))


def amend_form(app: GovinfoApp, item_id: str) -> FormScreen:
    st = app.full
    assert st is not None
    item = st.items[item_id]
    categories = list(dict.fromkeys([*CATEGORIES, item.category] if item.category else CATEGORIES))
    fields = [
        Field("title", "f.title", required=True, default=item.title),
        Field("unit", "f.unit", "select", unit_choices(st), required=True, default=item.unit),
        Field("authors", "f.authors", "multi", people_choices(st), default=item.authors),
        Field("category", "f.category", "select", [(c, c) for c in categories], default=item.category or None),
        Field("reason", "f.reason"),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        changes = {
            "title": v["title"] if v["title"] != item.title else None,
            "unit": v["unit"] if v["unit"] != item.unit else None,
            "authors": v["authors"] if list(v["authors"]) != list(item.authors) else None,
            "category": v["category"] if (v["category"] or "") != item.category else None,
        }
        return app.record(
            lambda s: recording.amend(s, item=item_id, at=v["date"], by=app.by, reason=v["reason"] or "", **changes),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.amend", item=item_id), fields, save, today=_today(app))


def score_form(app: GovinfoApp, item_id: str) -> FormScreen:
    fields = [
        Field("points", "f.points_req", "number", required=True),
        Field("reason", "f.reason", required=True),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.manual_score(
                s, points=v["points"], reason=v["reason"], at=v["date"], by=app.by, item=item_id
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.score", item=item_id), fields, save, today=_today(app))


def override_form(app: GovinfoApp, item_id: str, score: E.Scored) -> FormScreen:
    fields = [
        Field("points", "f.points_req", "number", required=True, default=pts(score.points)),
        Field("reason", "f.reason", required=True),
        Field("date", "f.date", "date", required=True),
    ]
    note = f"{score.rule or score.reason} {pts(score.points)}"

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.manual_score(
                s, points=v["points"], reason=v["reason"], at=v["date"], by=app.by, replaces=score.id
            ),
            recording.needles_for(item_id, score.id),
        )

    return FormScreen(t("form.override", score=score.id), fields, save, today=_today(app), note=note)


def void_form(app: GovinfoApp, item_id: str, ev: E.Event) -> FormScreen:
    st = app.full
    assert st is not None
    fields = [Field("reason", "f.reason", required=True), Field("date", "f.date", "date", required=True)]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.void(s, target=ev.id, reason=v["reason"], at=v["date"], by=app.by),
            recording.needles_for(ev.id, item_id),
        )

    return FormScreen(
        t("form.void", event=ev.id), fields, save, today=_today(app), note=queries.describe(st, ev, get_lang())
    )


def goto_date_form(app: GovinfoApp) -> FormScreen:
    fields = [Field("day", "f.day", required=True, default=app.ref_day.isoformat())]

    def save(v: dict) -> dt.date:
        try:
            return parse_date(v["day"])
        except PeriodError as exc:
            raise FormError(str(exc), "day") from None

    return FormScreen(t("form.goto"), fields, save, today=_today(app))


# --- ranking ---------------------------------------------------------------------------

RANK_BY = [("unit", None), ("unit", "township"), ("unit", "department"), ("person", None)]
PERIOD_KINDS = ["month", "quarter", "year", "range"]


class RankingScreen(GovScreen):
    NAME = "ranking"
    BINDINGS = [
        Binding("b", "by", "k.by"),
        Binding("p", "period", "k.period"),
        Binding("r", "range", "k.range"),
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
        ref = self.gov.ref_day
        kind = PERIOD_KINDS[self.kind]
        if kind == "month":
            return month_period(ref)
        if kind == "quarter":
            return parse_period(f"{ref.year}-Q{(ref.month - 1) // 3 + 1}")
        if kind == "year":
            return parse_period(str(ref.year))
        return parse_period(self.range_text or str(ref.year))

    THREADED = True

    def context(self) -> dict[str, Any]:
        return {"by": RANK_BY[self.by], "period": self.period()}

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        by, kind = ctx["by"]
        return {**ctx, "rows": queries.ranking(st, ctx["period"], by=by, kind=kind)}

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
            ]
        )
        self.query_one("#rank-head", Static).update(Text(head))
        table = self.query_one("#rank-table", DataTable)
        state = self.table_state(table)
        table.clear(columns=True)
        cols = ["rank", "name"] + (["unit"] if by == "person" else [])
        cols += ["submitted", "adopted", "province", "city", "county", "comments", "points", "target", "completion"]
        for c in cols:
            name = label("level", c) if c in E.LEVELS else t(f"col.{c}")
            table.add_column(Text(name, justify="right" if c not in ("name", "unit") else "left"), key=c)
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
        self.restore_table(table, state)

    def action_by(self) -> None:
        self.by = (self.by + 1) % len(RANK_BY)
        self.refresh_data()

    def action_period(self) -> None:
        self.kind = (self.kind + 1) % 3 if self.kind < 3 else 0
        self.refresh_data()

    def action_range(self) -> None:
        default = self.range_text or str(self.gov.ref_day.year)
        fields = [Field("period", "rank.range.field", required=True, default=default)]

        def save(v: dict) -> str:
            try:
                parse_period(v["period"])
            except PeriodError as exc:
                raise FormError(str(exc), "period") from None
            return v["period"]

        def done(result: str | None) -> None:
            if result:
                self.range_text, self.kind = result, 3
                self.refresh_data()

        self.app.push_screen(FormScreen(t("rank.range.title"), fields, save), done)


# --- quota -----------------------------------------------------------------------------


class QuotaScreen(GovScreen):
    NAME = "quota"

    def compose_body(self) -> ComposeResult:
        yield Static(id="quota-head")
        yield DataTable(id="quota-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#quota-table").focus()

    THREADED = True

    def context(self) -> dict[str, Any]:
        return {"ref": self.gov.ref_day}

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        return {**ctx, "rows": queries.quota(st, year_to_date(ctx["ref"]))}

    def show(self, d: dict[str, Any]) -> None:
        ref = d["ref"]
        period = year_to_date(ref)
        rows = d["rows"]
        self.query_one("#quota-head", Static).update(Text(t("quota.title" if rows else "quota.none", year=ref.year)))
        table = self.query_one("#quota-table", DataTable)
        state = self.table_state(table)
        table.clear(columns=True)
        months = [f"{y:04d}-{m:02d}" for y, m in period.months()]
        table.add_column(t("col.name"), key="name")
        table.add_column(t("col.unit"), key="unit")
        for m in months:
            table.add_column(Text(m[5:], justify="right"), key=m)
        table.add_column(Text(t("col.below"), justify="right"), key="below")
        for r in rows:
            cells: list[Text] = [txt(r["name"]), txt(r["unit"])]
            for m in months:
                c = r["months"].get(m)
                if c is None:
                    cells.append(Text(""))
                elif c["below"]:
                    cells.append(Text(f"{c['count']}!", style="bold red", justify="right"))
                else:
                    cells.append(Text(str(c["count"]), justify="right"))
            cells.append(Text(str(r["months_below"]), justify="right", style="bold" if r["months_below"] else ""))
            table.add_row(*cells, key=r["code"])
        self.restore_table(table, state)


# --- problems --------------------------------------------------------------------------


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

    def compute(self, st: State, ctx: dict[str, Any]) -> list:
        return self.gov.findings(st, ctx["generation"])

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


# --- registry --------------------------------------------------------------------------


class RegistryScreen(GovScreen):
    NAME = "registry"
    BINDINGS = [
        Binding("u", "add('unit')", "k.add_unit"),
        Binding("p", "add('person')", "k.add_person"),
        Binding("c", "add('channel')", "k.add_channel"),
        Binding("a", "add('target')", "k.add_target"),
        Binding("r", "add('rules')", "k.add_rules"),
        Binding("e", "edit", "k.edit"),
    ]

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="reg-tabs"):
            for name in ("units", "people", "channels", "targets", "rules"):
                with TabPane(t(f"reg.{name}"), id=f"tab-{name}"):
                    yield DataTable(id=f"reg-{name}", cursor_type="row", zebra_stripes=True)

    def refresh_body(self, st: State) -> None:
        specs: dict[str, tuple[list[str], list[tuple[str, tuple[str, ...]]]]] = {
            "units": (
                ["code", "name", "kind", "parent"],
                [(u.unit, (u.unit, u.name, label("kind", u.kind), u.parent or "")) for u in st.units.values()],
            ),
            "people": (
                ["code", "name", "unit", "role", "login"],
                [
                    (p.person, (p.person, p.name, unit_name(st, p.unit), label("role", p.role), p.login or ""))
                    for p in st.people.values()
                ],
            ),
            "channels": (
                ["code", "name", "level", "publisher"],
                [(c.channel, (c.channel, c.name, label("level", c.level), c.publisher)) for c in st.channels.values()],
            ),
            "rules": (
                ["name", "effective", "adoption_rules", "quota", "note"],
                [
                    (
                        r.id,
                        (
                            r.ruleset,
                            r.effective.isoformat(),
                            str(len(r.adoption)),
                            " ".join(f"{label('role', k)} {v}" for k, v in r.quota.items()),
                            r.note,
                        ),
                    )
                    for r in sorted(st.rulesets, key=lambda r: (r.effective, r.id))
                ],
            ),
            "targets": (
                ["year", "subject", "name", "target", "adopted", "issued_by"],
                [
                    (
                        tg.id,
                        (
                            str(tg.year),
                            tg.unit or tg.person or "",
                            unit_name(st, tg.unit) if tg.unit else person_name(st, tg.person or ""),
                            pts(tg.points),
                            str(tg.adoptions),
                            tg.issued_by,
                        ),
                    )
                    for tg in st.targets
                ],
            ),
        }
        for name, (cols, rows) in specs.items():
            table = self.query_one(f"#reg-{name}", DataTable)
            state = self.table_state(table)
            table.clear(columns=True)
            for c in cols:
                table.add_column(t(f"col.{c}"), key=c)
            for key, cells in rows:
                table.add_row(*(txt(c) for c in cells), key=key)
            self.restore_table(table, state)

    def action_add(self, what: str) -> None:
        if self.gov.full is not None:
            self.app.push_screen(registration_form(self.gov, what), self.gov.after_form)

    def action_edit(self) -> None:
        st = self.gov.full
        if st is None:
            return
        active = self.query_one("#reg-tabs", TabbedContent).active.removeprefix("tab-")
        table = self.query_one(f"#reg-{active}", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        what = {"units": "unit", "people": "person", "channels": "channel", "targets": "target", "rules": "rules"}[
            active
        ]
        self.app.push_screen(registration_form(self.gov, what, key), self.gov.after_form)


def registration_form(app: GovinfoApp, what: str, code: str | None = None) -> FormScreen:
    """Register (or, with `code`, re-register = edit) a unit, person, channel or target."""
    st = app.full
    assert st is not None
    date_field = Field("date", "f.date", "date", required=True)
    if what == "unit":
        u = st.units.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=u.unit if u else None),
            Field("name", "f.name", required=True, default=u.name if u else None),
            Field(
                "kind",
                "f.kind",
                "select",
                [(label("kind", k), k) for k in ("county", "township", "department", "office", "other")],
                required=True,
                default=u.kind if u else "department",
            ),
            Field("parent", "f.parent", "select", unit_choices(st), default=u.parent if u else None),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            return recording.register_unit(
                s, code=v["code"], name=v["name"], at=v["date"], by=app.by, kind=v["kind"], parent=v["parent"]
            )[0]

    elif what == "person":
        p = st.people.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=p.person if p else None),
            Field("name", "f.name", required=True, default=p.name if p else None),
            Field("unit", "f.unit", "select", unit_choices(st), required=True, default=p.unit if p else None),
            Field(
                "role",
                "f.role",
                "select",
                [(label("role", r), r) for r in ("part_time", "full_time")],
                required=True,
                default=p.role if p else "part_time",
            ),
            Field("login", "f.login", default=p.login if p else None),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            return recording.register_person(
                s,
                code=v["code"],
                name=v["name"],
                unit=v["unit"],
                at=v["date"],
                by=app.by,
                role=v["role"],
                login=v["login"],
            )[0]

    elif what == "channel":
        c = st.channels.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=c.channel if c else None),
            Field("name", "f.name", required=True, default=c.name if c else None),
            Field("level", "f.level", "select", level_choices(), required=True, default=c.level if c else None),
            Field("publisher", "f.publisher", default=c.publisher if c else None),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            return recording.register_channel(
                s,
                code=v["code"],
                name=v["name"],
                level=v["level"],
                at=v["date"],
                by=app.by,
                publisher=v["publisher"] or "",
            )[0]

    elif what == "rules":
        import msgspec

        base = next((r for r in st.rulesets if r.id == code), None)
        if base is None:
            base = rules.in_force(st.rulesets, app.ref_day)
        skip = {"id", "at", "by", "v", "type", "ruleset", "effective"}
        body = msgspec.to_builtins(base) if base is not None else {"adoption": [], "comment": [], "quota": {}}
        template = {k: v for k, v in body.items() if k not in skip}
        fields = [
            Field("name", "f.ruleset", required=True, default=base.ruleset if base and code else None),
            Field("effective", "f.effective", required=True, default=app.ref_day.isoformat()),
            Field(
                "body",
                "f.rules_json",
                "textarea",
                required=True,
                default=json.dumps(template, ensure_ascii=False, indent=1),
            ),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            try:
                effective = parse_date(v["effective"])
            except PeriodError as exc:
                raise FormError(str(exc), "effective") from None
            try:
                return recording.rules_from_json(
                    v["body"], at=v["date"], by=app.by, name=v["name"], effective=effective
                )[0]
            except RecordError as exc:
                raise FormError(str(exc), "body") from None

    else:
        tg = next((x for x in st.targets if x.id == code), None)
        fields = [
            Field("year", "f.year", "int", required=True, default=tg.year if tg else app.ref_day.year),
            Field("unit", "f.unit", "select", unit_choices(st), default=tg.unit if tg else None),
            Field("person", "f.person", "select", people_choices(st), default=tg.person if tg else None),
            Field("points", "f.target_points", "number", default=pts(tg.points) if tg else None),
            Field("adoptions", "f.adoptions", "int", default=tg.adoptions if tg else None),
            Field("issued_by", "f.issued_by", default=tg.issued_by if tg else None),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            return recording.set_target(
                s,
                year=v["year"],
                at=v["date"],
                by=app.by,
                points=v["points"] or 0.0,
                adoptions=v["adoptions"] or 0,
                unit=v["unit"],
                person=v["person"],
                issued_by=v["issued_by"] or "",
            )[0]

    def save(v: dict) -> list[E.Event]:
        if what == "target" and not (v["unit"] or v["person"]):
            raise FormError(t("target.needs"), "unit")
        if what == "rules":
            ev = build(v, st)  # validate before taking the lock: errors show under the field
            return app.record(lambda s: [ev], [])
        return app.record(lambda s: [build(v, s)], [])

    note = t("reg.exists", code=code) if code and what not in ("target", "rules") else ""
    return FormScreen(t(f"form.{what}"), fields, save, today=_today(app), note=note)


# --- help ------------------------------------------------------------------------------


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "k.back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        tab = Table(box=None, show_header=False, padding=(0, 2))
        tab.add_column(style="bold cyan", no_wrap=True)
        tab.add_column(no_wrap=True)
        last = None
        for scope, keys, desc in KEYS:
            if scope != last:
                tab.add_row(Text(t(f"scope.{scope}"), style="bold underline"), Text(""))
                last = scope
            tab.add_row(Text(keys), Text(t(desc)))
        app = self.app
        with Vertical(id="help"):
            yield Label(t("help.title"), id="help-title")
            yield Label(
                Text(t("help.where", root=str(getattr(app, "journal_root", "")), by=getattr(app, "by", ""))),
                id="help-where",
            )
            with VerticalScroll():
                yield Static(tab)
            yield Label(t("help.close"), id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
