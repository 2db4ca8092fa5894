"""Issue 9 §4, an audit-grade timeline: Enter shows an event whole, `u` undoes a mistaken void
after saying what comes back, and the dashboard's feed marks what no longer counts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.screens.event import EventScreen

from .conftest import at, make_journal, ready, screen_text, tiny_events, tree_bytes
from .test_app import app_for, fill, save

ITEM = "1106-AAAAA3"  # adopted by 川报 on 12 June for +3 (T00020, its score T00021)


async def _void_submission(app, pilot) -> DataTable:
    app.open_item(ITEM)
    await pilot.pause()
    table = app.screen.query_one("#timeline", DataTable)
    table.move_cursor(row=0)
    await pilot.press("v")
    await pilot.pause()
    await fill(pilot, reason="误操作")
    await save(pilot)
    return table


async def test_enter_shows_the_event_whole_with_who_when_and_what_voided_it(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        table = await _void_submission(app, pilot)
        table.move_cursor(row=table.get_row_index("T00020"))  # the adoption, taken along
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        text = screen_text(app)
        for words in ("事件详情 T00020", "已作废", "业务时间", "2011-06-12 10:00", "录入时间", "记录人"):
            assert words in text, words
        assert "被作废" in text and "误操作" in text  # what voided it, and why
        assert "channel" in text and '"type":"item_adopted"' in text  # every field, and the line itself
        await pilot.press("escape")
        await pilot.pause()
        # the void's own row: what it voided, in words, never a bare id
        void = next(ev for ev in app.st.log if isinstance(ev, E.EventVoided) and ev.target == "T00016")
        table.move_cursor(row=table.get_row_index(void.id))
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "作废了" in text and "报送 1106-AAAAA3 《庆符镇全面开展汛前地质灾害排查》" in text
        assert "u 撤销这次作废" in text


async def test_u_on_a_voided_row_says_what_comes_back_and_brings_back_every_figure(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        before = app.st.items[ITEM].points, app.st.items[ITEM].status
        table = await _void_submission(app, pilot)
        assert ITEM not in app.st.items
        written = tree_bytes(tiny)
        table.move_cursor(row=table.get_row_index("T00021"))  # the score, taken along
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        note = str(app.screen.query_one("#form-note").render())
        assert "\n以下 3 项将重新计入" in note and "\\n" not in note  # a line each, not an escaped newline
        assert "报送 1106-AAAAA3" in note and "采用 1106-AAAAA3" in note and "计分 +3" in note
        await pilot.press("escape")  # the reason is filled in, so Esc asks; nothing is written
        await pilot.pause()
        await pilot.press("y")
        await ready(pilot)
        assert tree_bytes(tiny) == written
        await pilot.press("u")
        await pilot.pause()
        await save(pilot)
        assert (app.st.items[ITEM].points, app.st.items[ITEM].status) == before
        # appended: every line written before is still there, as it was
        old = [ev.id for ev in journal.load_sources({"x": b"".join(written.values())}).events]
        assert [ev.id for ev in journal.load(tiny).events][: len(old)] == old
        # the voids stay on the timeline, struck; a void that was undone cannot be undone twice
        rows = {str(k.value): i for i, k in enumerate(table.rows)}
        assert len(rows) == 3 + 3 + 3  # the events, their voids, the undoing of each
        void = next(ev for ev in app.st.log if isinstance(ev, E.EventVoided) and ev.target == "T00016")
        table.move_cursor(row=table.get_row_index(void.id))
        await pilot.press("u")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert table.get_row(void.id)[2].plain == "作废"  # the void itself is marked, as undone


async def test_the_dashboards_feed_marks_voided_events(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA2")
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        table.move_cursor(row=table.get_row_index("T00018"))  # the adoption of 10 June
        await pilot.press("v")
        await pilot.pause()
        await fill(pilot, reason="采用的是另一篇")
        await save(pilot)
        await pilot.press("escape")
        await pilot.press("1")
        await ready(pilot)
        feed = [line for line in screen_text(app).splitlines() if "采用 1106-AAAAA2" in line]
        assert feed and all("已作废" in line for line in feed if "作废:" not in line), feed
        assert any("作废: 采用 1106-AAAAA2" in line for line in feed)


async def test_the_timeline_strikes_what_no_longer_counts_and_dates_late_records(tmp_path: Path) -> None:
    """A voided row stays, struck and marked 作废 with why; the void says what it voided in
    words; an event recorded long after its business date shows its recording date."""
    late = E.ItemAdopted(
        id="T09100",
        at=at("2011-06-05", 10),
        recorded=at("2011-07-20", 15),
        by="zhoutao",
        item="1106-AAAAA1",
        channel="cz",
    )
    app = app_for(make_journal(tmp_path / "j", [*tiny_events(), late]))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA1")
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        assert "录入于 2011-07-20" in table.get_row("T09100")[3].plain
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "录入晚于业务日期 45 天" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        table.move_cursor(row=table.get_row_index("T09100"))
        await pilot.press("v")
        await pilot.pause()
        await fill(pilot, reason="采用的是另一篇")
        await save(pilot)
        _at, _by, mark, what = table.get_row("T09100")
        assert mark.plain == "作废" and "strike" in str(what.style) and "采用的是另一篇" in what.plain
        void = next(ev for ev in app.st.log if isinstance(ev, E.EventVoided) and ev.target == "T09100")
        assert table.get_row(void.id)[3].plain.startswith("作废: 采用 1106-AAAAA1: 川政晨讯")  # in words, no bare id
