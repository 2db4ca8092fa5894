# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""Widgets: the banner, the screens' tab line, and the Line-API item table that renders only
the visible rows."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from operator import attrgetter, indexOf

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from ..core import queries
from ..core.queries import person_name, unit_name
from ..core.state import Item, State
from .fmt import fit, label, pts, safe
from .i18n import t, translate_bindings
from .session import Session
from .workers import Handed

_ID = attrgetter("id")


class Banner(Static):
    """One line under the header: the as-of date and whether this is time travel."""

    def show(self, session: Session) -> None:
        """Say which day the session shows, coloured for time travel and for an old journal."""
        self.update(session.banner())
        self.set_class(session.pinned is not None, "travel")
        self.set_class(session.old_journal, "old")


class ScreenTabs(Static):
    """The screens behind the number keys, on the line above the footer, so that a newcomer
    sees that `2` to `7` exist. The current one is in reverse video, which needs no colour;
    a click on a name goes there as its key would."""

    COMPONENT_CLASSES = {"screentabs--key", "screentabs--current"}
    DEFAULT_CSS = """
    ScreenTabs {
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
        link-style: none;
        link-style-hover: bold;
    }
    ScreenTabs > .screentabs--key { color: $footer-key-foreground; text-style: bold; }
    ScreenTabs > .screentabs--current { text-style: bold reverse; }
    """

    def show(self, modes: list[str], current: str) -> None:
        key_style = self.get_component_rich_style("screentabs--key", partial=True)
        current_style = self.get_component_rich_style("screentabs--current", partial=True)
        line = Text(no_wrap=True, overflow="crop")
        for n, mode in enumerate(modes, 1):
            click = Style(meta={"@click": f"app.goto('{mode}')"})
            here = current_style if mode == current else Style()
            line.append(f" {n}", key_style + here + click)
            line.append(f" {t(f'screen.{mode}')} ", here + click)
        self.update(line)


@dataclass(frozen=True)
class Column:
    key: str
    width: int
    priority: int  # columns with the lowest priority go first when the terminal is narrow
    right: bool = False


COLUMNS = [
    Column("id", 11, 9),
    Column("date", 10, 8),
    Column("title", 0, 10),
    Column("unit", 14, 7),
    Column("authors", 8, 3),
    Column("category", 8, 2),
    Column("status", 6, 6),
    Column("adopted_in", 12, 4),
    Column("points", 5, 5, right=True),
]
MIN_TITLE = 16
TITLE_SHARE = 0.35  # the title is what staff read: columns give way until it has this share of the width


def layout(width: int) -> list[tuple[Column, int]]:
    """Columns that fit `width`, the title taking what is left."""
    cols = list(COLUMNS)
    wanted = max(MIN_TITLE, int(width * TITLE_SHARE))
    while True:
        fixed = sum(c.width for c in cols if c.key != "title") + len(cols) - 1
        if width - fixed >= wanted or len(cols) <= 3:
            break
        drop = min((c for c in cols if c.key not in ("title", "id")), key=lambda c: c.priority)
        cols.remove(drop)
    title_w = max(width - fixed, 8)
    return [(c, title_w if c.key == "title" else c.width) for c in cols]


def cell_text(st: State, item: Item, key: str) -> str:
    if key == "id":
        return item.id
    if key == "date":
        return item.submitted_at.strftime("%Y-%m-%d")
    if key == "title":
        return safe(item.title)
    if key == "unit":
        return safe(unit_name(st, item.unit))
    if key == "authors":
        return safe(",".join(person_name(st, p) for p in item.authors))
    if key == "category":
        return safe(item.category)
    if key == "status":
        return label("status", item.status)
    if key == "adopted_in":
        names = dict.fromkeys(queries.channel_name(st, a.channel) for a in item.adoptions)
        return safe(",".join(names))
    if key == "points":
        return pts(item.points) if item.scores else ""
    return ""


class ItemTable(ScrollView, can_focus=True):
    """A list of `Item`s drawn line by line: cost depends on the screen, not the list."""

    COMPONENT_CLASSES = {"itemtable--header", "itemtable--cursor", "itemtable--odd", "itemtable--muted"}
    DEFAULT_CSS = """
    ItemTable { height: 1fr; overflow-x: hidden; }
    ItemTable > .itemtable--header { text-style: bold; background: $panel; }
    ItemTable > .itemtable--cursor { background: $accent 40%; }
    ItemTable:focus > .itemtable--cursor { background: $accent; color: $text; }
    ItemTable > .itemtable--odd { background: $surface-lighten-1 30%; }
    ItemTable > .itemtable--muted { color: $text-muted; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", show=False),
        Binding("down,j", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "open", "k.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.rows: list[Item] = []
        self._st: Handed[State] | None = None
        self._cache: dict[tuple[int, bool, int], Strip] = {}

    @property
    def st(self) -> State | None:
        """The state the rows were listed from while it lives, else the app's: a row reads only
        the registry's names of it, and a screen out of sight, replaced by a poll, should not
        keep a whole state (its log and tables, tens of MB at a million events) for them."""
        listed = self._st.get() if self._st is not None else None
        return listed if listed is not None else getattr(self.app, "st", None)

    # --- data ----------------------------------------------------------------------

    @property
    def selected(self) -> Item | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_rows(self, rows: list[Item], st: State, keep: str | None = None, at: int | None = None) -> None:
        """Replace the rows; the cursor stays on the same item id if it is still listed (`at`:
        the caller knows where that is, 0 if nowhere)."""
        keep = keep if keep is not None else (self.selected.id if self.selected else None)
        scroll_y = self.scroll_y
        self.rows, self._st = rows, Handed(st)
        self._cache.clear()
        self.virtual_size = Size(0, len(rows) + 1)
        index = 0
        if at is not None:
            index = at
        elif keep is not None:
            with contextlib.suppress(ValueError):  # not listed: the first row
                index = indexOf(map(_ID, rows), keep)  # one pass in C over up to a million rows
        self.set_reactive(ItemTable.cursor, min(index, max(len(rows) - 1, 0)))
        self.scroll_to(y=min(scroll_y, max(len(rows) + 1 - self.size.height, 0)), animate=False, immediate=True)
        self._follow()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(0, len(self.rows) + 1)

    # --- cursor ----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._follow()
        self.refresh()

    def _follow(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(self.size.height - 2, 1))

    def action_edge(self, end: int) -> None:
        self._move_to(len(self.rows) - 1 if end else 0)

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(self.Opened(self.selected.id))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows) or self.st is None:
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self.cursor
        key = (index, is_cursor, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._row(index, width, is_cursor)
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("itemtable--header")
        segments = []
        for col, w in layout(width):
            segments.append(Segment(fit(t(f"col.{col.key}"), w, col.right) + " ", style))
        return Strip(segments).adjust_cell_length(width, style)

    def _row(self, index: int, width: int, is_cursor: bool) -> Strip:
        st = self.st
        assert st is not None
        item = self.rows[index]
        base = self.rich_style
        if is_cursor:
            style = base + self.get_component_rich_style("itemtable--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("itemtable--odd")
        else:
            style = base
        muted = style + self.get_component_rich_style("itemtable--muted") if not is_cursor else style
        segments = []
        cols = layout(width)
        for n, (col, w) in enumerate(cols):
            seg_style = muted if col.key in ("id", "date") else style
            if col.key == "status" and item.status == "adopted" and not is_cursor:
                seg_style = style + Style(color="green")
            segments.append(Segment(fit(cell_text(st, item, col.key), w, col.right), seg_style))
            if n < len(cols) - 1:
                segments.append(Segment(" ", style))
        used = sum(w for _c, w in cols) + len(cols) - 1
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments, width).crop(0, width)
