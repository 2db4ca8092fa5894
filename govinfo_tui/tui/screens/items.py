# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The items screen: every item in one table, with search as you type (every word, in the title,
unit, authors or issue), filters and sort orders."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from itertools import compress
from operator import is_, is_not
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...core import queries
from ...core.period import PeriodError, parse_period
from ...core.queries import unit_name
from ...core.state import Item, State
from ..fmt import label, safe
from ..forms import Field, FormError, FormScreen
from ..forms.choices import channel_choices, unit_choices
from ..i18n import t
from ..widgets import ItemTable
from ..workers import Handed, thread_work
from .base import GovScreen

SORTS = ["date_desc", "date_asc", "points", "id", "unit", "status"]
FILTER_KEYS = ["period", "unit", "category", "status", "channel"]


def by_date(item: Item) -> tuple[dt.datetime, str]:
    return item.submitted_at, item.id


def by_id(item: Item) -> str:
    return item.id


class KeptOrder:
    """One order of every item (by date or id), kept across live updates: a fold of new lines
    adds items at the end of `State.items` and replaces the ones it changes by new objects, so
    a look along the dict's keys and values (comparing references, in C) finds both, and only
    they are placed. Looking every item up again by id costs about half a second at 430,000
    items (the dict's entries are scattered in memory); this, a few milliseconds."""

    def __init__(self, items: dict[str, Item], key: Callable[[Item], Any]) -> None:
        self.key = key
        self.rows = sorted(items.values(), key=key)
        self.keys = list(map(key, self.rows))
        self.seen_ids, self.seen_items = list(items), list(items.values())
        self.texts: list[str] | None = None  # the search texts of `rows`, once built, kept alongside
        self.registry: tuple[Any, ...] = ()  # the names they were read with

    def update(self, items: dict[str, Item], text_of: Callable[[Item], str]) -> bool:
        """Bring the order (and the texts, if built) up to `items`; False if that cannot be
        done exactly (an item gone, or moved in the order by a change): then it must be built
        anew."""
        ids, n = list(items), len(self.seen_ids)
        if len(ids) < n or ids[:n] != self.seen_ids:
            return False
        values = list(items.values())
        for i in compress(range(n), map(is_not, values, self.seen_items)):
            old, new = self.seen_items[i], values[i]
            k = self.key(old)
            at = bisect.bisect_left(self.keys, k)
            if self.key(new) != k or at >= len(self.rows) or self.rows[at] is not old:
                return False
            self.rows[at] = new
            if self.texts is not None:
                self.texts[at] = text_of(new)
        for item in values[n:]:
            k = self.key(item)
            at = bisect.bisect_right(self.keys, k)
            self.keys.insert(at, k)
            self.rows.insert(at, item)
            if self.texts is not None:
                self.texts.insert(at, text_of(item))
        self.seen_ids, self.seen_items = ids, values
        return True


def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return len(a) == len(b) and all(map(is_, a, b))


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
        self._order: dict[str, KeptOrder] = {}
        self._search_keys: dict[str, tuple[Any, str]] = {}  # id -> (the item it was read from, its text)
        self._registry: tuple[Any, ...] = ()  # the names search texts were read with
        self._keys: tuple[list, list[str]] | None = None
        self._last: tuple | None = None
        self._found: dict[tuple, tuple[list, list[str]]] = {}  # recent searches: a backspace finds them again

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
        """All items in the current sort order. The date and id orders are kept across live
        updates (`KeptOrder`), so a tail of new events costs milliseconds, not a sort."""
        gen = self.gov.generation
        if self._rows is not None and self._rows[0] == gen and self._rows[1] == self.sort:
            return self._rows[2]
        items = st.items
        kind = SORTS[self.sort]
        if kind in ("date_desc", "date_asc", "id"):
            order = self._order.get(kind)
            registry = (st.units, st.people, st.channels)
            if order is not None and not same(order.registry, registry):
                order.texts = None  # a name changed: read again
            if order is None or not order.update(items, lambda item: self.search_key(st, item)):
                order = self._order[kind] = KeptOrder(items, by_id if kind == "id" else by_date)
            rows = order.rows[::-1] if kind == "date_desc" else order.rows[:]  # a new list: see `row_keys`
            if order.texts is not None:
                self._keys = (rows, order.texts[::-1] if kind == "date_desc" else order.texts[:])
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

    def search_key(self, st: State, item) -> str:
        """`queries.search_text` of an item, kept while the item is the same object: a fold
        copies an item it changes, and replaces the registry's dicts when a name changes."""
        registry = (st.units, st.people, st.channels)
        if len(self._registry) != 3 or any(a is not b for a, b in zip(registry, self._registry, strict=True)):
            self._search_keys.clear()
            self._registry = registry
        found = self._search_keys.get(item.id)
        if found is None or found[0] is not item:
            found = (item, queries.search_text(st, item))
            self._search_keys[item.id] = found
        return found[1]

    def row_keys(self, st: State, rows: list) -> list[str]:
        """Search keys aligned with `rows` (the sorted list), built once per list."""
        if self._keys is not None and self._keys[0] is rows:
            return self._keys[1]
        keys = [self.search_key(st, i) for i in rows]
        self._keys = (rows, keys)
        return keys

    @thread_work(group="search-keys", description="index the items for search")  # see GovScreen._compute
    def _warm_keys(self, handed: Handed[State], rows: list) -> None:
        """Build the search keys in the background so the first keystroke is quick too."""
        try:
            st = handed.get()
            if st is None:
                return
            keys = [self.search_key(st, i) for i in rows]
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._set_keys, rows, keys, (st.units, st.people, st.channels))
        finally:
            self.gov.busy_change(-1)

    def _set_keys(self, rows: list, keys: list[str], registry: tuple[Any, ...] = ()) -> None:
        if self._keys is None or self._keys[0] is not rows:
            self._keys = (rows, keys)
        kind = SORTS[self.sort]
        order = self._order.get(kind)
        if order is not None and registry and self._rows is not None and self._rows[2] is rows:
            order.texts = keys[::-1] if kind == "date_desc" else keys[:]  # kept alongside from now on
            order.registry = registry

    def apply(self) -> None:
        st = self.gov.st
        if st is None:
            return
        f = self.filters
        needle = " ".join(queries.search_words(self.query_one("#search", Input).value))
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
                    keys = self.row_keys(st, rows)
                elif self._keys is None or self._keys[0] is not rows:
                    self.gov.busy_change(1)
                    self._warm_keys(Handed(st), rows)
        table = self.query_one(ItemTable)
        at: int | None = None  # where the cursor's row went, if known without looking for it
        if needle:
            found = self._found.get((signature, needle))
            if found is not None:
                rows, keys = found
            else:
                if keys is None and self._keys is not None and self._keys[0] is rows:
                    keys = self._keys[1]
                if keys is None:
                    keys = [self.search_key(st, i) for i in rows]
                cursor = table.cursor if table.rows is rows else None  # its row: where the search puts it
                rows, keys, at = queries.search(needle.split(), rows, keys, cursor)
                if cursor is not None and at is None:
                    at = 0  # not listed any more: the first row, as `set_rows` does
                if len(self._found) >= 16 or any(k[0] != signature for k in self._found):
                    self._found = {}
                self._found[(signature, needle)] = (rows, keys)
        if table.rows is rows:
            at = table.cursor
        self._last = (signature, needle, rows, keys)
        table.set_rows(rows, st, at=at)
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
        """The next order, from its first row: a sort that kept the cursor's item would show
        the middle of the new order, and look wrong."""
        self.sort = (self.sort + 1) % len(SORTS)
        self.apply()
        self.query_one(ItemTable).action_edge(0)

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
                    out["period"] = parse_period(values["period"], year=self.gov.ref_day.year)
                except PeriodError as exc:
                    raise FormError.from_error(exc, field="period") from None
            else:
                out["period"] = None
            return out

        def done(result: dict | None) -> None:
            if result is not None:
                self.filters = result
                self.apply()

        self.app.push_screen(FormScreen(t("filter.title"), fields, save, action="form.act.filter"), done)
