"""A commission (约稿) recorded from the app: `c` on the papers screen opens the form, its values
become one `CommissionItem`, and the 约稿通知 on that screen prints the requirements typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, TextArea

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.state import fold
from govinfo_tui.tui.forms import FormScreen

from .conftest import ready, screen_text, tree_bytes
from .test_papers import app_for, open_papers

SIZE = (100, 30)


async def test_a_commission_recorded_from_the_papers_screen(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_papers(pilot)
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-title", Input).value = "汛期[防汛]准备情况"
        form.query_one("#f-unit", Select).value = "wj"
        form.query_one("#f-deadline", Input).value = "2011-07-10"
        form.query_one("#f-requirements", TextArea).text = "500字以内，附图片两张"
        form.query_one("#f-date", Input).value = "2011-06-27"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, FormScreen)
        screen.select("commission-notice")
        await ready(pilot)
        assert screen.report is not None and screen.report.kind == "commission-notice"
        text = screen_text(app)
        assert "500字以内，附图片两张" in text and "汛期[防汛]准备情况" in text
    st = fold(journal.load(tiny).events)
    c = next(ev for ev in reversed(st.log) if isinstance(ev, E.Commissioned))
    assert (c.unit, c.title, str(c.deadline)) == ("wj", "汛期[防汛]准备情况", "2011-07-10")
    assert c.requirements == "500字以内，附图片两张"
    assert st.commissions[c.commission].at.date().isoformat() == "2011-06-27"


async def test_a_commission_for_no_one_is_refused_and_writes_nothing(tiny: Path) -> None:
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await open_papers(pilot)
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-title", Input).value = "无单位的约稿"
        form.query_one("#f-deadline", Input).value = "2011-07-10"
        form.query_one("#f-date", Input).value = "2011-06-27"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # stays open, saying whom to ask is missing
        assert "请指明向谁约稿" in screen_text(app)
    assert tree_bytes(tiny) == before
