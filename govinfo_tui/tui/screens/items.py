# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The items screen: every item in one table, with search as you type (every word, in the title,
unit, authors or issue), filters and sort orders."""

from __future__ import annotations

import bisect
import datetime as dt
import weakref
from array import array
from collections.abc import Callable
from itertools import compress
from operator import is_not
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...core import queries
from ...core.item_search import Found, ItemIndex, gather, in_order, ones, places
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


class Later:
    """A key that sorts the other way: `bisect` on a list in descending order."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: Later) -> bool:
        return bool(other.key < self.key)


class KeptOrder:
    """One order of every item (by date, either way, or by id), kept across live updates: a
    fold of new lines adds items at the end of `State.items` and replaces the ones it changes
    by new objects, so a look along the dict's values (comparing references, in C) finds both,
    and only they are placed. Looking every item up again by id costs about half a second at
    430,000 items (the dict's entries are scattered in memory); this, a few milliseconds.
    `ordinals` numbers each row by its place in `State.items`, as the search index does. The
    lists are never changed once made (the screen shows them as they are): an update makes new
    ones."""

    def __init__(self, values: list[Item], key: Callable[[Item], Any], *, descending: bool = False) -> None:
        self.key, self.descending = key, descending
        self.seen_items = values  # `State.items`' values, shared with the search index
        self.ordinals = array("I", sorted(range(len(values)), key=lambda n: key(values[n]), reverse=descending))
        self.rows = list(map(values.__getitem__, self.ordinals))

    def _place(self, item: Item) -> Any:
        return Later(self.key(item)) if self.descending else self.key(item)

    def update(self, values: list[Item]) -> bool:
        """Bring the order up to `values` (of a newer `State.items`); False if that cannot be
        done exactly (an item gone, or moved in the order by a change): then it must be built
        anew."""
        n = len(self.seen_items)
        if len(values) < n:
            return False
        changed = list(compress(range(n), map(is_not, values, self.seen_items)))
        if not changed and len(values) == n:
            self.seen_items = values
            return True
        rows, ordinals = self.rows[:], self.ordinals[:]
        for i in changed:
            old, new = self.seen_items[i], values[i]
            if new.id != old.id:  # not the same place: an item gone, or the dict built anew
                return False
            k = self._place(old)
            at = bisect.bisect_left(rows, k, key=self._place)
            if self.key(new) != self.key(old) or at >= len(rows) or rows[at] is not old:
                return False
            rows[at] = new
        for i in range(n, len(values)):
            item = values[i]
            at = bisect.bisect_right(rows, self._place(item), key=self._place)
            rows.insert(at, item)
            ordinals.insert(at, i)
        self.seen_items, self.rows, self.ordinals = values, rows, ordinals
        return True


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
        self._rows: tuple[int, int, list, array] | None = None
        self._places: tuple[array, array] | None = None  # where each item number stands in `_rows`
        self._order: dict[str, KeptOrder] = {}
        self._index: ItemIndex | None = None
        self._seen: tuple[weakref.ref[State], list[Item]] | None = None  # `_values`
        self._indexing = False  # a worker builds the index
        self._placing: array | None = None  # the order a worker places the items of
        self._last: tuple | None = None
        self._found: dict[tuple, tuple[list, Found, array]] = {}  # recent searches: a backspace finds them again
        # the rows on screen after a search, the list searched, and where each stands in it
        self._shown: tuple[list, list, array] | None = None

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=t("items.search"), id="search", compact=True)
        yield Static(id="items-status")
        yield ItemTable(id="items")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ItemTable).focus()

    def refresh_body(self, st: State) -> None:
        self.apply()

    def sorted_items(self, st: State) -> tuple[list, array]:
        """All items in the current sort order, and their numbers (places in `State.items`).
        The date and id orders are kept across live updates (`KeptOrder`), so a tail of new
        events costs milliseconds, not a sort."""
        gen = self.gov.generation
        if self._rows is not None and self._rows[0] == gen and self._rows[1] == self.sort:
            return self._rows[2], self._rows[3]
        kind = SORTS[self.sort]
        if kind in ("date_desc", "date_asc", "id"):
            order = self._order.get(kind)
            values = self._values(st)
            if order is None or not order.update(values):
                kept_key: Callable[[Item], Any] = by_id if kind == "id" else by_date
                order = self._order[kind] = KeptOrder(values, kept_key, descending=kind == "date_desc")
            rows, ordinals = order.rows, order.ordinals
        else:
            values = self._values(st)
            if kind == "points":
                key: Callable[[Item], Any] = lambda i: (-i.points, i.id)
            elif kind == "unit":
                key = lambda i: (unit_name(st, i.unit), i.submitted_at)
            else:
                key = lambda i: (i.status, i.submitted_at)
            ordinals = array("I", sorted(range(len(values)), key=lambda n: key(values[n])))
            rows = list(map(values.__getitem__, ordinals))
        self._rows = (gen, self.sort, rows, ordinals)
        return rows, ordinals

    def _values(self, st: State) -> list[Item]:
        """`st.items`' values as a list, one for the orders and the index alike. The state
        they were listed from is held weakly: the screen, out of sight after a poll, would
        otherwise keep the replaced state's table of items (15 MB at a million events); the
        list is made again (milliseconds) if that state is gone."""
        if not self._lists(st):
            self._seen = (weakref.ref(st), list(st.items.values()))
        assert self._seen is not None
        return self._seen[1]

    def _lists(self, st: State) -> bool:
        """Whether `_values` lists the items of `st` already."""
        listed = self._seen[0]() if self._seen is not None else None
        return listed is not None and listed.items is st.items

    def index(self, st: State) -> ItemIndex:
        """The search index of `st`'s items: the one built in the background, brought up to
        this state, or (a search typed before it was ready) built now."""
        index = self._index
        if index is None or (index.seen is not self._values(st) and not index.update(st.items, self._values(st))):
            index = self._index = ItemIndex(st.items, self._values(st))
        return index

    @thread_work(group="search-keys", description="index the items for search")  # see GovScreen._compute
    def _warm_index(self, handed: Handed[State]) -> None:
        """Build the search index in the background so the first keystroke is quick too."""
        try:
            st = handed.get()
            index = ItemIndex(st.items) if st is not None else None  # None: a newer state asks again
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._set_index, index, handed)
        finally:
            self.gov.busy_change(-1)

    def _set_index(self, index: ItemIndex | None, handed: Handed[State]) -> None:
        self._indexing = False
        if self._index is None and index is not None:
            self._index = index
            st = handed.get()
            if st is not None and self._lists(st):
                index.seen = self._values(st)  # the same values: one list for both

    @thread_work(group="search-keys", description="place the items for search")  # see GovScreen._compute
    def _warm_places(self, ordinals: array) -> None:
        """Where each item stands in the order on screen, so the first search need not wait."""
        try:
            where = places(ordinals)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._set_places, ordinals, where)
        finally:
            self.gov.busy_change(-1)

    def _set_places(self, ordinals: array, where: array) -> None:
        if self._rows is not None and self._rows[3] is ordinals:
            self._places = (ordinals, where)

    def apply(self) -> None:
        st = self.gov.st
        if st is None:
            return
        f = self.filters
        words = queries.search_words(self.query_one("#search", Input).value)
        needle = " ".join(words)
        signature = (self.gov.generation, self.sort, tuple(str(f[k]) for k in FILTER_KEYS))
        last = self._last
        rows, ordinals = self.sorted_items(st)
        everything = rows
        filters: list[Callable[[Item], bool]] = []
        if f["period"] is not None:
            period = f["period"]
            filters.append(lambda i: i.submitted_at.date() in period)
        if f["unit"]:
            filters.append(lambda i: i.unit == f["unit"])
        if f["category"]:
            filters.append(lambda i: i.category == f["category"])
        if f["status"]:
            filters.append(lambda i: i.status == f["status"])
        if f["channel"]:
            ch = f["channel"]
            filters.append(lambda i: ch in i.channels or any(a.channel == ch for a in i.adoptions))
        if filters:
            keep = bytes(all(test(i) for test in filters) for i in rows)
            rows, ordinals = list(compress(rows, keep)), array("I", compress(ordinals, keep))
        index = self._index
        if index is not None and index.seen is not self._values(st) and not index.update(st.items, self._values(st)):
            self._index = None  # not a continuation (a refold, a day travelled to): built anew
        if self._index is None and not self._indexing and not needle:
            self._indexing = True
            self.gov.busy_change(1)
            self._warm_index(Handed(st))
        placed = self._places is not None and self._places[0] is ordinals
        if rows is everything and self._placing is not ordinals and not placed:
            self._placing = ordinals
            self.gov.busy_change(1)
            self._warm_places(ordinals)
        table = self.query_one(ItemTable)
        at: int | None = None  # where the cursor's row went, if known without looking for it
        listed = table.rows
        # where the cursor's row stands in `rows` (the list searched), if known without a look
        cursor: int | None = None
        if listed is rows:
            cursor = table.cursor
        elif self._shown is not None and self._shown[0] is listed and self._shown[1] is rows:
            cursor = self._shown[2][table.cursor] if 0 <= table.cursor < len(listed) else None
        base = rows
        if needle:
            found = self._found.get((signature, needle))
            if found is not None:
                rows, kept, where = found
                if last is not None and last[:2] == (signature, needle):
                    kept = last[2]  # the same, with the texts a search typed on reads
            else:
                typing_on = last is not None and last[0] == signature and needle.startswith(last[1])
                among = last[2] if typing_on and last is not None else None
                kept = self.index(st).select(st, words, among)
                if rows is everything and len(kept) * 3 < len(rows):  # placed by where each stands in the order
                    if self._places is None or self._places[0] is not ordinals:
                        self._places = (ordinals, places(ordinals))
                    where = array("I", in_order(kept.ordinals, self._places[1]))
                    rows = gather(rows, where)
                else:  # many found, or few rows: each row looked up
                    hit = bytes(gather(kept.mask, ordinals))
                    where = array("I", ones(hit))
                    rows = list(compress(rows, hit))
                if len(self._found) >= 16 or any(k[0] != signature for k in self._found):
                    self._found = {}
                self._found[(signature, needle)] = (rows, kept.bare(), where)
            if cursor is not None and 0 <= cursor < len(base):
                n = bisect.bisect_left(where, cursor)
                at = n if n < len(where) and where[n] == cursor else 0  # not listed any more: the first row
            self._shown = (rows, base, where)
            self._last = (signature, needle, kept)
        else:
            self._shown = None
            self._last = (signature, needle, None)
            if cursor is not None and listed is not rows:
                at = cursor  # back to the whole list: the row where it stands in it
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
