"""Issue 9 §1: Textual's own words (the command palette's placeholder and "no matches", its
system commands, the descriptions of its own keys, Ctrl+C's hint) in the user's language."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandPalette

from .conftest import ready, screen_text, wait_for
from .test_app import app_for

ENGLISH = ("Search for commands", "Focus Next", "Focus Previous", "Copy selected text", "Quit", "Keys", "Theme")


async def test_the_palette_speaks_chinese(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA3")  # an item screen: its own keys, and Textual's, are listed
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令，或信息的编号、标题…"
        seen: list[str] = []

        def listed() -> bool:  # the list fills as the providers answer
            seen.append(screen_text(app))
            return "转到: 总览" in seen[-1]

        assert await wait_for(pilot, listed, timeout=15), seen[-1]
        assert not [w for w in ENGLISH if w in seen[-1]], seen[-1]
        # Textual's system commands, in Chinese (the list is longer than the screen: ask them)
        screen = app.screen_stack[-2]
        names = [c.title for c in app.get_system_commands(screen)]
        assert {"配色", "退出", "按键面板", "截图"} <= set(names) and not set(names) & set(ENGLISH), names
        search = app.screen.query_one(CommandInput)
        search.value = "配色"
        assert await wait_for(pilot, lambda: "更换界面配色" in screen_text(app), timeout=15)
        search.value = ""
        # Textual's own keys, which the palette lists with the screen's, in Chinese
        words = {b.description for _k, b in screen._bindings}
        assert {"下一项", "上一项", "复制所选文字"} <= words and not words & set(ENGLISH), words
        search.value = "zqxzqx"
        assert await wait_for(pilot, lambda: "没有匹配项" in screen_text(app), timeout=15)
        assert "No matches" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.action_help_quit()  # Ctrl+C where nothing is to copy: the hint says how to quit
        await pilot.pause()
        shown = [(n.title, n.message) for n in app._notifications]
        assert ("要退出吗？", "按 ctrl+q 退出本程序") in shown
