"""Snapshots (pytest-textual-snapshot) of the main screens, in Chinese, on a fixed journal: at
100x30, and the screens issue 9 changed at 80x24 and 120x40.

Regenerate with `pytest tests/tui --snapshot-update` after a deliberate change, and look at them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govinfo_tui.core import journal
from govinfo_tui.tui.app import GovinfoApp

from .conftest import TODAY, make_journal, ready
from .test_demo_and_dates import LATER, issue_and_a_late_item

SIZE = (100, 30)


@pytest.fixture
def snap_app(tmp_path: Path) -> GovinfoApp:
    return GovinfoApp(make_journal(tmp_path / "j"), "zh", today=TODAY, watch=False, by="tester")


def test_dashboard(snap_compare, snap_app: GovinfoApp) -> None:
    assert snap_compare(snap_app, terminal_size=SIZE, run_before=ready)


def test_items(snap_compare, snap_app: GovinfoApp) -> None:
    async def before(pilot) -> None:
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        await pilot.press("down")

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=before)


def test_item_detail(snap_compare, snap_app: GovinfoApp) -> None:
    async def before(pilot) -> None:
        await ready(pilot)
        pilot.app.open_item("1106-AAAAA2")
        await ready(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=before)


def test_ranking(snap_compare, snap_app: GovinfoApp) -> None:
    async def before(pilot) -> None:
        await ready(pilot)
        await pilot.press("3")
        await ready(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=before)


def test_adopt_form(snap_compare, snap_app: GovinfoApp) -> None:
    async def before(pilot) -> None:
        await ready(pilot)
        pilot.app.open_item("1106-AAAAA1")
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        form = pilot.app.screen
        form.query_one("#f-channel").value = "kb"
        form.query_one("#f-date").value = "2011-06-30"
        await ready(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=before)


# --- the screens issue 9 changed, at the two sizes offices use: a laptop's 80x24, a desktop's 120x40


async def _goto(pilot, key: str) -> None:
    await ready(pilot)
    await pilot.press(key)
    await ready(pilot)


async def _item(pilot) -> None:
    await ready(pilot)
    pilot.app.open_item("1106-AAAAA2")
    await ready(pilot)


async def _adopt_form(pilot) -> None:
    await ready(pilot)
    pilot.app.open_item("1106-AAAAA1")
    await ready(pilot)
    await pilot.press("a")
    await ready(pilot)
    pilot.app.screen.query_one("#f-channel").value = "kb"
    await ready(pilot)


async def _submit_form(pilot) -> None:
    """A new item for 文江镇: the authors offered are 文江镇's, a tick and the focus bar show."""
    await ready(pilot)
    await pilot.press("n")
    await ready(pilot)
    form = pilot.app.screen
    form.query_one("#f-title").value = "文江镇[春耕]生产有序推进"
    form.query_one("#f-unit").value = "wj"
    await ready(pilot)
    form.query_one("#f-authors").select("p1")
    await ready(pilot)


async def _confirm(pilot) -> None:
    await _submit_form(pilot)
    await pilot.press("escape")
    await ready(pilot)


async def _event_view(pilot) -> None:
    """Enter on the adoption's row: the event whole, with the score it gave."""
    await _item(pilot)
    await pilot.press("down", "enter")
    await ready(pilot)


async def _export_form(pilot) -> None:
    await _goto(pilot, "7")
    await pilot.press("e")
    await ready(pilot)
    pilot.app.screen.query_one("#f-format").value = "docx"
    await ready(pilot)


SCENES = {
    "dashboard": ready,
    "items": lambda pilot: _goto(pilot, "2"),
    "item": _item,
    "ranking": lambda pilot: _goto(pilot, "3"),
    "quota": lambda pilot: _goto(pilot, "4"),
    "papers": lambda pilot: _goto(pilot, "7"),
    "adopt_form": _adopt_form,
    "submit_form": _submit_form,
    "confirm_discard": _confirm,
    "export_form": _export_form,
    "event_view": _event_view,
}


@pytest.mark.parametrize("scene", list(SCENES))
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_screen(snap_compare, snap_app: GovinfoApp, size: tuple[int, int], scene: str, monkeypatch) -> None:
    monkeypatch.chdir("/")  # the export form names the current folder
    assert snap_compare(snap_app, terminal_size=size, run_before=SCENES[scene])


# The demo's banner says it is read-only (80x24: the line is cut, the start says it).
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_demo_dashboard(snap_compare, tmp_path: Path, monkeypatch, size: tuple[int, int]) -> None:
    root = make_journal(tmp_path / "demo")
    monkeypatch.setattr(journal, "demo_journal", lambda: root)
    app = GovinfoApp(root, "zh", today=LATER, watch=False, by="tester")
    assert snap_compare(app, terminal_size=size, run_before=ready)


# The composer on a day travelled to: the banner, that period's items only, dates with years.
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_composer_travelling(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    root = make_journal(tmp_path / "j", issue_and_a_late_item())
    app = GovinfoApp(root, "zh", today=LATER, watch=False, by="tester")

    async def before(pilot) -> None:
        await ready(pilot)
        pilot.app.refold_view(dt.date(2011, 6, 30))
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        await pilot.press("b")
        await ready(pilot)
        await pilot.press("space")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)
