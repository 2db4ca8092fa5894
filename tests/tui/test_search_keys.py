"""Typing a search on the items screen (index, narrowing, searches remembered for a backspace)
lists exactly the items whose search text holds every word, in the screen's order, and keeps
the cursor on the item it was on while that item is still listed."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from govinfo_tui.core import queries
from govinfo_tui.tui.widgets import ItemTable

from ..conftest import DEMO, REPO
from .conftest import TODAY, ready

TYPED = [
    "防",
    "防汛",
    "防汛减",
    "防汛减灾",
    "防汛减",
    "防汛",
    "防",
    "",
    "镇",
    "镇 ",
    "镇 县",
    "镇",
    "",
    "第",
    "第1",
    "",
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("search") / "j"
    module.generate(root, 5000)
    return root


@pytest.mark.parametrize("which", ["demo", "generated"])
async def test_each_keystroke_lists_what_a_full_search_lists(which, generated, tmp_path):
    from govinfo_tui.tui.app import GovinfoApp

    root = tmp_path / "j"
    shutil.copytree(DEMO if which == "demo" else generated, root, ignore=shutil.ignore_patterns(".cache"))
    app = GovinfoApp(root, "zh", today=TODAY, watch=False, by="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, 30)
        await pilot.press("2")
        await ready(pilot, 30)
        screen = app.screen
        table = screen.query_one(ItemTable)
        search = screen.query_one("#search", Input)
        st = app.st
        assert st is not None
        everything = list(table.rows)
        assert len(everything) == len(st.items) > 20
        texts = {i.id: queries.search_text(st, i) for i in everything}
        for n, text in enumerate(TYPED):
            chosen = table.selected.id if table.selected else None
            search.value = text
            await pilot.pause()
            words = queries.search_words(text)
            expected = [i.id for i in everything if all(w in texts[i.id] for w in words)]
            assert [i.id for i in table.rows] == expected, text
            if chosen in expected:
                assert table.selected is not None and table.selected.id == chosen, text
            elif expected:
                assert table.cursor == 0, text
            if expected and n % 3 == 0:  # move down, so the cursor is not always on the first row
                table.cursor = min(len(expected) - 1, 2)
        assert any(
            0
            < len(queries.narrow(queries.search_words(t), everything, [texts[i.id] for i in everything])[0])
            < len(everything)
            for t in TYPED
        )
