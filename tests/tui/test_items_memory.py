"""The items screen and its search index follow the state they listed without keeping its table
of items: out of sight, after a poll replaced that state, the table is freed (15 MB at a million
events), and back in sight the screen lists the new state's items."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from govinfo_tui.core import journal
from govinfo_tui.core.events import ItemSubmitted
from govinfo_tui.core.item_search import ItemIndex
from govinfo_tui.core.state import fold
from govinfo_tui.tui.widgets import ItemTable

from .conftest import TODAY, at, ready, wait_for


class Table(dict):
    """A table of items that can be watched: a dict with a weak reference."""


def test_the_search_index_keeps_no_table_of_items(tiny: Path) -> None:
    st = fold(journal.load(tiny).events)
    table = Table(st.items)
    gone = weakref.ref(table)
    index = ItemIndex(table)
    newer = Table(st.items)
    newer_gone = weakref.ref(newer)
    assert index.update(newer)
    del table, newer
    gc.collect()
    assert gone() is None and newer_gone() is None
    assert index.n == len(st.items)


async def _poll(pilot, root: Path, n: int) -> None:
    app = pilot.app
    generation = app.live.generation
    sub = ItemSubmitted(id=f"MEM{n}", at=at("2011-06-20"), by="t", item=f"1106-MEM{n}", title=f"新{n}", unit="wj")
    journal.append(root, [sub])
    app.poll_journal()
    assert await wait_for(pilot, lambda: app.live.generation > generation and not app.busy)
    await ready(pilot)


async def test_a_replaced_table_of_items_is_freed_while_the_screen_is_out_of_sight(tiny: Path) -> None:
    from govinfo_tui.tui.app import GovinfoApp

    app = GovinfoApp(tiny, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        await _poll(pilot, tiny, 0)  # not the loaded state (time travel may keep that one)
        builder = app.live.full._cache["builder"]
        builder.items = Table(builder.items)  # the same table, watched
        watched = weakref.ref(builder.items)
        del builder
        await pilot.press("2")
        await ready(pilot)
        listed = app.screen
        assert listed.query_one(ItemTable).rows and listed._index is not None
        await pilot.press("1")
        await ready(pilot)
        await _poll(pilot, tiny, 1)  # the state listed is replaced while the items screen is out of sight
        await pilot.pause(0.2)
        gc.collect()
        assert watched() is None
        await pilot.press("2")
        await ready(pilot)
        rows = app.screen.query_one(ItemTable).rows
        assert len(rows) == len(app.st.items) and any(i.id == "1106-MEM1" for i in rows)
