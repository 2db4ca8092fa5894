"""Snapshots (pytest-textual-snapshot) of the main screens, in Chinese, at 100x30, on a fixed
journal; the demo's banner and the composer on a day travelled to at 80x24 and 120x40.

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
