"""The weekly consultation meeting recorded from the app: the papers screen's `m` opens the
form, its values become one `HoldMeeting`, and the meeting's record is then a paper there."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from govinfo_tui.core import journal
from govinfo_tui.core.state import fold
from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.forms.meeting import names

from .conftest import ready, tree_bytes
from .test_papers import app_for, open_papers

SIZE = (100, 30)


def test_attendees_may_be_typed_a_line_each_or_with_commas() -> None:
    assert names("王敏、刘洋\n陈静,  何丽；\n\n罗斌") == ("王敏", "刘洋", "陈静", "何丽", "罗斌")


async def test_a_meeting_recorded_from_the_papers_screen(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_papers(pilot)
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-date", Input).value = "2011-06-27"
        form.query_one("#f-attendees", TextArea).text = "王敏、刘洋\n陈静"
        form.query_one("#f-chair", Input).value = "副主任 周勇"
        form.query_one("#f-topics", TextArea).text = "防汛减灾进展情况\n烤烟生产中的新情况新问题"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, FormScreen)
        screen.select("meeting")
        await ready(pilot)
        assert screen.report is not None and screen.report.kind == "meeting"
        assert [m["meeting"] for m in screen.report.data["meetings"]] == ["HS-2011-01"]
    st = fold(journal.load(tiny).events)
    (m,) = st.meetings.values()
    assert m.attendees == ["王敏", "刘洋", "陈静"] and m.chair == "副主任 周勇"
    assert [st.topics[c].title for c in m.topics] == ["防汛减灾进展情况", "烤烟生产中的新情况新问题"]


async def test_cancelling_the_meeting_form_writes_nothing(tiny: Path) -> None:
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await open_papers(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await pilot.pause()
        if isinstance(app.screen, FormScreen):  # nothing typed: it closes without asking
            await pilot.press("y")
            await pilot.pause()
    assert tree_bytes(tiny) == before
