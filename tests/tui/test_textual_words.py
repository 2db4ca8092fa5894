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

        def listed() -> bool:  # the list fills as the providers answer: wait for all of it
            seen.append(screen_text(app))
            return all(w in seen[-1] for w in ("转到: 总览", "配色", "退出", "截图"))

        assert await wait_for(pilot, listed, timeout=15), seen[-1]
        text = seen[-1]
        assert not [w for w in ENGLISH if w in text], text
        # Textual's own keys, which the palette lists with the screen's, in Chinese
        screen = app.screen_stack[-2]
        words = {b.description for _k, b in screen._bindings}
        assert {"下一项", "上一项", "复制所选文字"} <= words and not words & set(ENGLISH), words
        for ch in "zqxzqx":
            await pilot.press(ch)
        await pilot.pause(1.0)
        assert "没有匹配项" in screen_text(app) and "No matches" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.action_help_quit()  # Ctrl+C where nothing is to copy: the hint says how to quit
        await pilot.pause()
        shown = [(n.title, n.message) for n in app._notifications]
        assert ("要退出吗？", "按 ctrl+q 退出本程序") in shown
