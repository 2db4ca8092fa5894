"""Pilot tests of the main flows: forms append events, screens show them, cancel writes nothing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable, Input, Select, SelectionList

from govinfo_tui import cli, i18n
from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.tui.app import GovinfoApp
from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.forms.common import submit_form
from govinfo_tui.tui.screens import ItemScreen
from govinfo_tui.tui.widgets import ItemTable

from .conftest import TODAY, at, make_journal, ready, screen_text, tree_bytes, wait_for

SIZE = (100, 32)


def app_for(root: Path, **kw) -> GovinfoApp:
    kw.setdefault("today", TODAY)
    kw.setdefault("watch", False)
    return GovinfoApp(root, "zh", by="tester", **kw)


async def save(pilot) -> None:
    """Ctrl+S, then wait until the new events are folded and every screen has redrawn."""
    await pilot.press("ctrl+s")
    await ready(pilot)


async def fill(pilot, **values) -> None:
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for name, value in values.items():
        w = form.query_one(f"#f-{name}")
        if isinstance(w, Select):
            w.value = value
        elif isinstance(w, SelectionList):
            w.deselect_all()
            for v in value:
                w.select(v)
        elif isinstance(w, Input):
            w.value = value
        else:
            w.value = value
    await pilot.pause()


async def test_submit_adopt_comment_flow(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, title="文江镇防汛演练", unit="wj", authors=["p1"], channels=["kb"], date="2011-06-28")
        await save(pilot)
        assert not isinstance(app.screen, FormScreen)
        new = [i for i in app.st.items.values() if i.title == "文江镇防汛演练"]
        assert len(new) == 1
        item_id = new[0].id

        # the items screen lists it; search finds it
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("slash")
        for ch in "防汛演练":
            await pilot.press(ch)
        await pilot.pause()
        table = app.screen.query_one(ItemTable)
        assert [i.id for i in table.rows] == [item_id]
        await pilot.press("enter", "enter")  # leave the search, open the item
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)

        # adopt: the form previews the points before saving
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, channel="kb", form="单篇", date="2011-06-29", issue="第12期")
        preview = str(app.screen.query_one("#form-preview").render())
        assert "5" in preview and "2011/adopt:kb/单篇" in preview
        await save(pilot)
        assert isinstance(app.screen, ItemScreen)

        # a city leader's comment gives 5 more
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, leader="市长", level="city", text="写得好", date="2011-06-30")
        await save(pilot)
        assert app.st.items[item_id].points == 10
        timeline = app.screen.query_one("#timeline", DataTable)
        assert timeline.row_count == 5  # submitted, adopted, scored, comment, scored
        text = screen_text(app)
        assert "采用" in text and "批示" in text and "市长" in text

        # ranking: 文江镇 now has 5 (old) + 10 points in June
        await pilot.press("3")
        await pilot.pause()
        rank = app.screen.query_one("#rank-table", DataTable)
        row = rank.get_row("wj")
        assert any(str(c) == "15" for c in row)
        assert str(row[0]) == "1"

        # dashboard: 18 of 20 points this year, 90%
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "18 / 20" in text and "90%" in text
        assert "防汛演练" in text  # the live feed


async def test_cancel_writes_nothing(tiny: Path) -> None:
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, title="不要保存", unit="wj")
        await pilot.press("escape", "y")  # a filled form asks before it discards
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        app.open_item("1106-AAAAA1")
        await pilot.pause()
        for key in "acwsevrd":
            await pilot.press(key)
            await pilot.pause()
            if isinstance(app.screen, FormScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, ItemScreen), key
    assert tree_bytes(tiny) == before


async def test_invalid_input_refused_inline(tiny: Path) -> None:
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, title="", date="2011-13-45")
        await save(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "必填" in str(form.query_one("#err-title").render())
        assert "必填" in str(form.query_one("#err-unit").render())
        assert "YYYY-MM-DD" in str(form.query_one("#err-date").render())
        await pilot.press("escape", "y")
        await pilot.pause()

        # an adoption with points by hand but no reason: refused under the reason field
        app.open_item("1106-AAAAA1")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, channel="kb", points="7")
        await save(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "必填" in str(app.screen.query_one("#err-reason").render())
        await pilot.press("escape", "y")
        await pilot.pause()
    assert tree_bytes(tiny) == before


async def test_record_error_shown_in_form(tiny: Path) -> None:
    """A RecordError from recording (here: no rule for a national channel) is shown; nothing written."""
    nat = E.ChannelRegistered(
        id="T09001", at=at("2011-01-01", 7), by="admin", channel="gb", name="国办", level="national"
    )
    journal.append(tiny, [nat])
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA1")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, channel="gb")
        await save(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "未规定" in str(app.screen.query_one("#form-error").render())
    assert tree_bytes(tiny) == before


async def test_a_forms_error_leaves_out_the_command_lines_hint(tmp_path: Path, monkeypatch, capsys) -> None:
    """The demo refuses a form that reached it anyway (the keys refuse it first, see
    test_demo_and_dates): the form says what is wrong, the command line adds what to type."""
    root = make_journal(tmp_path / "demo")
    monkeypatch.setattr(journal, "demo_journal", lambda: root)
    before = tree_bytes(root)
    message = f"{root} 是随附的演示日志，只读"
    app = app_for(root)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.push_screen(submit_form(app))
        await pilot.pause()
        await fill(pilot, title="演示", unit="wj")
        await save(pilot)
        assert isinstance(app.screen, FormScreen)
        assert str(app.screen.query_one("#form-error").render()) == message
    assert tree_bytes(root) == before
    assert cli.main(["--journal", str(root), "submit", "演示", "--unit", "wj"]) == 2
    hint = i18n.t("record.demo_read_only.cli")
    assert capsys.readouterr().err == f"govinfo: 错误: {message}{hint}\n"


async def test_void_override_and_registry(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA3")
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        assert table.row_count == 3
        # override the score (last row) with a reason
        table.move_cursor(row=table.get_row_index("T00021"))  # the adoption's score
        await pilot.press("o")
        await pilot.pause()
        await fill(pilot, points="4", reason="市办复核")
        await save(pilot)
        assert app.st.items["1106-AAAAA3"].points == 4
        # void the adoption: its live score goes with it
        table.move_cursor(row=table.get_row_index("T00020"))  # the adoption
        await pilot.press("v")
        await pilot.pause()
        await fill(pilot, reason="录错了")
        await save(pilot)
        assert app.st.items["1106-AAAAA3"].points == 0
        assert not app.st.items["1106-AAAAA3"].adoptions

        # registry: add a unit through the form
        await pilot.press("escape")
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        await fill(pilot, code="sh", name="沙河镇", kind="township", parent="gx")
        await save(pilot)
        assert app.st.units["sh"].name == "沙河镇"
        assert "sh" in [str(k.value) for k in app.screen.query_one("#reg-units", DataTable).rows]


async def test_void_confirmation_lists_what_goes_and_travel_as_known(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA3")
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        # voiding the submission shows what it takes along before anything is written
        before = tree_bytes(tiny)
        table.move_cursor(row=0)
        await pilot.press("v")
        await pilot.pause()
        note = str(app.screen.query_one("#form-note").render())
        assert "将一并作废以下 2 项" in note and "采用" in note and "计分" in note
        await pilot.press("escape")
        await ready(pilot)
        assert tree_bytes(tiny) == before
        # an override recorded today corrects 12 June; as known on 12 June, the old score counts
        old = app.st.items["1106-AAAAA3"].points
        table.move_cursor(row=table.get_row_index("T00021"))
        await pilot.press("o")
        await pilot.pause()
        await fill(pilot, points="4", reason="市办复核")
        await save(pilot)
        app.refold_view(dt.date(2011, 6, 12))
        await ready(pilot)
        assert app.st.items["1106-AAAAA3"].points == 4
        await pilot.press("h")
        await ready(pilot)
        assert app.st.items["1106-AAAAA3"].points == old != 4
        assert "当天所知" in screen_text(app)


async def test_time_travel_and_old_journal_banner(tiny: Path) -> None:
    app = app_for(tiny, today=dt.date(2026, 1, 5))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.ref_day == dt.date(2011, 6, 12)  # the last event's date, not 2026
        assert "2011-06-12" in screen_text(app) and "早于今年" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("left_curly_bracket")  # one month back: 2011-05-12, before every item
        await ready(pilot)
        assert app.pinned == dt.date(2011, 5, 12)
        assert "时光回溯" in screen_text(app)
        assert app.screen.query_one(ItemTable).rows == []
        await pilot.press("right_curly_bracket", "left_square_bracket")  # 2011-06-11
        await ready(pilot)
        assert app.pinned == dt.date(2011, 6, 11)
        assert app.st.items["1106-AAAAA2"].points == 5
        assert "1106-AAAAA3" in app.st.items and not app.st.items["1106-AAAAA3"].adoptions
        await pilot.press("t")
        await ready(pilot)
        assert app.pinned is None and app.st.items["1106-AAAAA3"].adoptions


async def test_markup_injection_shown_literally(tmp_path: Path) -> None:
    evil = "[bold]x[/] [link=http://a]y[/link] \x1b[31mred 😀 中文"
    from .conftest import tiny_events

    events = tiny_events()
    events.append(
        E.ItemSubmitted(
            id="T09999",
            at=at("2011-06-20"),
            by="[red]who[/]",
            item="1106-EVIL01",
            title=evil,
            unit="wj",
            authors=["p1"],
            text="[/]\x07",
        )
    )
    root = make_journal(tmp_path / "j", events)
    app = app_for(root)
    async with app.run_test(size=(140, 32)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "[bold]x[/] [link=http://a]y[/link]" in text  # live feed on the dashboard
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/] [link=http://a]y[/link] \\x1b[31mred" in text
        assert "\x1b" not in "".join(ch for ch in text if ch == "\x1b")
        app.open_item("1106-EVIL01")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/]" in text and "😀 中文" in text and "\\x1b[31mred" in text
        assert "[red]who[/]" in text
        app.notify("ok")  # the notice path too
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, leader="[b]领导[/b]", text="[link=x]批示[/link]", date="2011-06-30")
        await save(pilot)
        assert "[link=x]批示[/link]" in screen_text(app)


async def test_live_update_from_another_process(tiny: Path) -> None:
    app = app_for(tiny, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(ItemTable)
        table.action_cursor(2)
        await pilot.pause()
        selected = table.selected.id
        env = {**os.environ, "GOVINFO_JOURNAL": ""}
        cmd = [sys.executable, "-m", "govinfo_tui", "--journal", str(tiny), "--by", "lisi"]
        cmd += ["submit", "庆符镇另一进程报送的信息", "--unit", "qf", "--date", "2011-06-29"]
        subprocess.run(cmd, check=True, env=env, capture_output=True, cwd=Path(__file__).resolve().parents[2])
        assert await wait_for(pilot, lambda: "另一进程" in screen_text(app), timeout=5)
        assert table.selected.id == selected  # the selection stayed on the same item
        assert any("另一进程" in i.title for i in table.rows)


async def test_reload_when_file_replaced(tiny: Path) -> None:
    app = app_for(tiny, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shard = tiny / "2011" / "2011-06.jsonl"
        data = shard.read_bytes()
        extra = E.ItemSubmitted(
            id="T08888", at=at("2011-06-15"), by="git", item="1106-GIT001", title="拉取来的信息", unit="wj"
        )
        tmp = shard.with_suffix(".tmp")
        tmp.write_bytes(journal.encode(extra) + data)  # like git: a new file (new inode), lines reordered
        tmp.replace(shard)
        assert await wait_for(pilot, lambda: app.st is not None and "1106-GIT001" in app.st.items, timeout=5)
        await ready(pilot)
        assert len(app.st.items) == 5


async def test_help_palette_and_small_terminal(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "命令面板" in text and "回溯一月" in text
        await pilot.press("escape")
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            assert "Traceback" not in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "AAAAA3":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen) and app.screen.item_id == "1106-AAAAA3"


async def test_english(tiny: Path) -> None:
    app = GovinfoApp(tiny, "en", today=TODAY, watch=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            text = screen_text(app)
            assert "Target 2011" in text and "Latest events" in text
    finally:
        from govinfo_tui.tui.i18n import set_lang

        set_lang("zh")


async def test_rules_and_target_registration(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert '"kb"' in form.query_one("#f-body").text  # the rule set in force, as a template
        before = tree_bytes(tiny)
        form.query_one("#f-body").text = "{not json"
        await fill(pilot, name="2011b", effective="2011-07-01")
        await save(pilot)
        assert isinstance(app.screen, FormScreen) and str(form.query_one("#err-body").render())
        assert tree_bytes(tiny) == before
        form.query_one("#f-body").text = '{"adoption": [{"channel": "kb", "points": 4}], "quota": {"part_time": 3}}'
        await save(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert [r.ruleset for r in app.st.rulesets] == ["2011", "2011b"]

        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, year="2011", points="")
        await save(pilot)
        assert "单位或信息员" in str(app.screen.query_one("#err-unit").render())
        await fill(pilot, unit="qf", points="12")
        await save(pilot)
        assert any(tg.unit == "qf" and tg.points == 12 for tg in app.st.targets)


async def test_items_filters_and_sort(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(ItemTable)
        assert [i.id for i in table.rows][:2] == ["1106-AAAAA4", "1106-AAAAA3"]  # newest first
        await pilot.press("s")  # oldest first
        await pilot.pause()
        assert table.rows[0].id == "1106-AAAAA1"
        await pilot.press("s")  # points
        await pilot.pause()
        assert table.rows[0].id == "1106-AAAAA2"
        await pilot.press("f")
        await pilot.pause()
        await fill(pilot, period="2011-13")
        await save(pilot)
        assert isinstance(app.screen, FormScreen)  # a bad period is refused inline
        await fill(pilot, period="2011-06", unit="wj", status="adopted", channel="kb")
        await save(pilot)
        assert [i.id for i in table.rows] == ["1106-AAAAA2"]
        assert "文江镇" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert len(table.rows) == 4


async def test_palette_runs_screen_actions(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA1")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "采用":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "1106-AAAAA1" in app.screen.form_title


async def test_global_keys_wait_for_open_form(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-unit").focus()
        await pilot.press("3", "left_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.current_mode == "dashboard" and app.pinned is None
