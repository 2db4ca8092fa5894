"""Snapshots (pytest-textual-snapshot) of the main screens, in Chinese, at 100x30, on a fixed journal.

Regenerate with `pytest tests/tui --snapshot-update` after a deliberate change, and look at them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_tui.tui.app import GovinfoApp

from .conftest import TODAY, make_journal, ready

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
