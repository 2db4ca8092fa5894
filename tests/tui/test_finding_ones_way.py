"""A newcomer's way round the app: number keys that always switch, the screens' line above the
footer, forms that ask before dropping what was typed and say what their button does, the
items list's sort, cut and search, and the palette's screenshot on a server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Button, Input, Select, SelectionList

from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.forms.confirm import ConfirmDiscard
from govinfo_tui.tui.forms.ticks import TickBox
from govinfo_tui.tui.screens import DashboardScreen, ItemScreen, ItemsScreen, PapersScreen, RankingScreen
from govinfo_tui.tui.svg import fix_text_length
from govinfo_tui.tui.widgets import ItemTable, ScreenTabs

from .conftest import ready, screen_text, tree_bytes, wait_for
from .test_app import SIZE, app_for, fill
from .test_papers import notes, open_papers


async def test_number_keys_close_an_item_opened_from_the_palette(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "AAAAA3":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ItemScreen)
        await pilot.press("1")  # the item was opened on the dashboard's own stack
        await ready(pilot)
        assert isinstance(app.screen, DashboardScreen)

        await pilot.press("2")
        await ready(pilot)
        app.open_item("1106-AAAAA1")
        await ready(pilot)
        await pilot.press("3", "2")  # away and back: the list, not the item left open there
        await ready(pilot)
        assert isinstance(app.screen, ItemsScreen)


async def test_the_screens_line_names_every_number_key(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        line = "1 总览  2 信息  3 排名  4 任务完成  5 登记  6 日志问题  7 报表"
        assert line in screen_text(app)
        await pilot.press("3")
        await ready(pilot)
        assert isinstance(app.screen, RankingScreen)
        line = app.screen.query_one(ScreenTabs).content
        assert isinstance(line, Text)
        marked = "".join(line.plain[s.start : s.end] for s in line.spans if "reverse" in str(s.style))
        assert marked == " 3 排名 "  # reverse video: the current screen shows without colour
        await pilot.click(ScreenTabs, offset=(10, 0))  # on " 2 信息 "
        await ready(pilot)
        assert isinstance(app.screen, ItemsScreen)


async def test_esc_on_a_filled_form_asks_first(tiny: Path) -> None:
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, title="写到一半的信息")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("escape")  # a second Esc out of habit goes back to the form
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-title", Input).value == "写到一半的信息"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert tree_bytes(tiny) == before


async def test_authors_follow_the_unit_and_ticks_read_without_colour(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        authors = form.query_one("#f-authors", SelectionList)
        assert authors.option_count == 3
        await fill(pilot, authors=["p2"], unit="wj")
        await pilot.pause()
        # 文江镇's officer, and the one already ticked from elsewhere, which is never hidden
        assert [authors.get_option_at_index(n).value for n in range(authors.option_count)] == ["p1", "p2"]
        assert authors.selected == ["p2"]
        text = screen_text(app)
        assert "[x] 李四" in text and "[ ] 张三" in text
        urgent = form.query_one("#f-urgent", TickBox)
        assert "[ ]" in str(urgent.render())
        urgent.value = True
        assert "[x]" in str(urgent.render())
        form.query_one("#f-unit", Select).clear()
        await pilot.pause()
        assert authors.option_count == 3


async def test_buttons_say_what_they_do(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert str(app.screen.query_one("#form-save", Button).label) == "跳转 (Ctrl+S)"
        assert "^s 跳转" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        assert str(app.screen.query_one("#form-save", Button).label) == "保存 (Ctrl+S)"


async def test_the_export_path_follows_the_format_until_typed(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await open_papers(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        path = form.query_one("#f-path", Input)
        assert path.value == "./通报-2011-06.xlsx"
        assert str(form.query_one("#form-save", Button).label) == "导出 (Ctrl+S)"
        assert str(Path.cwd()) in screen_text(app)
        form.query_one("#f-format", Select).value = "docx"
        await pilot.pause()
        assert path.value == "./通报-2011-06.docx"
        path.value = "./六月通报.xlsx"  # typed by hand: left as typed
        form.query_one("#f-format", Select).value = "md"
        await pilot.pause()
        assert path.value == "./六月通报.xlsx"


async def test_sort_goes_to_the_top(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        table = app.screen.query_one(ItemTable)
        await pilot.press("end")
        assert table.cursor == 3
        await pilot.press("s")
        await pilot.pause()
        assert table.cursor == 0 and table.scroll_y == 0


async def test_search_reads_every_word_in_title_unit_author_and_issue(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ItemsScreen)
        table = screen.query_one(ItemTable)
        search = screen.query_one("#search", Input)

        async def found(text: str) -> list[str]:
            search.value = text
            await pilot.pause()
            return sorted(i.id for i in table.rows)

        assert await found("文江镇 春茶") == ["1106-AAAAA2"]  # unit and title, both needed
        assert await found("张三") == ["1106-AAAAA1", "1106-AAAAA2"]  # the author's name
        assert await found("张三\u3000快报") == ["1106-AAAAA2"]  # a full-width space separates too
        assert await found("晨讯 庆符") == ["1106-AAAAA3"]  # the adopting publication
        assert await found("文江镇 地质") == []


async def test_a_cut_title_ends_in_an_ellipsis(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        assert "庆符镇全面开展汛前地质灾害⋯" in screen_text(app)


async def test_screenshot_without_a_downloads_folder(tiny: Path, tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    app = app_for(tiny)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.action_screenshot()
        assert await wait_for(pilot, lambda: bool(seen))
    shots = list(tmp_path.glob("*.svg"))
    assert len(shots) == 1 and seen == [f"截图已保存: {shots[0]}"]
    runs = re.findall(r'textLength="([0-9.]+)"[^>]*>总览</text>', shots[0].read_text(encoding="utf-8"))
    assert runs and set(runs) == {"48.8"}  # four cells of 12.2, not two (title and screens' line)


def test_svg_runs_measured_in_cells() -> None:
    svg = (
        '<text class="r1" x="0" y="20" textLength="97.6" clip-path="url(#c)">政务信息工作记录</text>'
        '<text class="r2" x="195.2" y="20" textLength="36.6" clip-path="url(#c)">&#160;—&#160;</text>'
        '<text class="r3" x="0" y="44" textLength="48.8" clip-path="url(#c)">a&amp;b&#160;</text>'
        '<text class="r4" x="0" y="68" textLength="61" clip-path="url(#c)">县局&#160;a&lt;</text>'
    )
    fixed = fix_text_length(svg)
    assert re.findall(r'textLength="([0-9.]+)"', fixed) == ["195.2", "36.6", "48.8", "48.8", "36.6"]
    # a mixed run is cut where the width changes, each piece at its own column
    assert re.findall(r'x="([0-9.]+)"[^>]*>([^<]*)<', fixed)[-2:] == [("0", "县局"), ("48.8", "&#160;a&lt;")]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_papers_reachable_by_number_from_an_item(tiny: Path, size: tuple[int, int]) -> None:
    app = app_for(tiny)
    async with app.run_test(size=size) as pilot:
        await open_papers(pilot)
        app.open_item("1106-AAAAA2")
        await ready(pilot)
        await pilot.press("1", "7")
        await ready(pilot)
        assert isinstance(app.screen, PapersScreen) and len(app.screen_stack) == 1
