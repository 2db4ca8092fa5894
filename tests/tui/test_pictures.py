"""Pictures where people would rather look than read: the year's months against the target's
pace and the units' points as bars on the dashboard, a bar per unit in the ranking, and the
quota grid's months below quota in colour as well as marked `!`."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Sparkline

from govinfo_tui.tui.bars import ShareBar

from .conftest import ready, screen_text
from .test_app import app_for


def drawn(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_dashboard_draws_the_months_and_the_units(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        spark = app.screen.query_one("#pace-months", Sparkline)
        # January to June, the day on screen's month (June: 5 + 3 points); July on are to come:
        # blank, not drawn as months of 0
        assert list(spark.data or []) == [0, 0, 0, 0, 0, 8]
        assert spark.size.width == 24  # four cells a month, so the marks below line up
        text = screen_text(app)
        assert "1!  2!  3!  4!  5!  6   7" in text  # January to May below 20/12 a month, June not
        assert "应达 9.9 分" in text  # 20 × 181 / 365 by 30 June
        assert "! 低于月均所需 1.67 分" in text
        line = next(ln for ln in text.splitlines() if "文江镇" in ln and "50%" in ln)
        assert "━" in line  # the leading unit's bar
        line = next(ln for ln in text.splitlines() if "县农业局" in ln and "-" in ln)
        assert "━" not in line  # no points, no bar


async def test_ranking_has_a_bar_per_unit(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await ready(pilot)
        table = app.screen.query_one("#rank-table", DataTable)
        bars = {key.value: table.get_row(key)[-1] for key in table.rows}
        assert all(isinstance(b, ShareBar) for b in bars.values())
        assert (bars["wj"].share, bars["qf"].share, bars["nyj"].share) == (1.0, 0.6, 0.0)
        assert drawn(bars["qf"], 16).rstrip("\n") == "━" * 9 + "╸" + " " * 6  # 3 of 5 points: 9.6 cells


async def test_quota_colours_a_month_below_and_marks_it(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("4")
        await ready(pilot)
        table = app.screen.query_one("#quota-table", DataTable)
        cell = table.get_row("p1")[table.get_column_index("2011-06")]
        assert cell.plain.strip() == "2!"
        assert cell.style.bgcolor is not None  # type: ignore[union-attr]


def test_a_share_bar_leaves_the_rest_blank() -> None:
    assert drawn(ShareBar(0, 10, "bold", width=6), 20).rstrip("\n") == " " * 6
    assert drawn(ShareBar(10, 10, "bold", width=6), 20).rstrip("\n") == "━" * 6
    assert drawn(ShareBar(5, 0, "bold", width=4), 20).rstrip("\n") == " " * 4  # no top: nothing to compare


async def test_the_rankings_bars_fit_the_terminal(tiny: Path) -> None:
    """Issue 9 §6: at 80 columns the bar column takes the room the figures leave, so nothing
    runs off the edge; at 120 it has its full width; where no room is left, it goes."""
    for size, bar_width in (((80, 24), 12), ((120, 40), 16), ((66, 24), None)):
        app = app_for(tiny)
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            await pilot.press("3")
            await ready(pilot)
            table = app.screen.query_one("#rank-table", DataTable)
            await pilot.pause()
            widths = {str(k.value): c.get_render_width(table) for k, c in table.columns.items()}
            assert sum(widths.values()) <= table.size.width - 2, (size, widths)  # the scrollbar's room kept
            assert (widths["bar"] - 2 if "bar" in widths else None) == bar_width, (size, widths)
            if bar_width:
                assert "━" in next(ln for ln in screen_text(app).splitlines() if "文江镇" in ln)


async def test_the_ranking_of_officers_fits_80_columns_on_the_demo(tmp_path: Path) -> None:
    """Officers have no targets: the ranking by person leaves out the target and completion
    columns (dashes only) rather than running past the edge; the units keep theirs."""
    from govinfo_tui.core import journal

    root = tmp_path / "demo"
    journal.init(root, seed=journal.demo_journal())
    app = app_for(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await ready(pilot)
        for _ in range(3):  # all units, townships, departments, people
            table = app.screen.query_one("#rank-table", DataTable)
            assert {"target", "completion"} <= {str(k.value) for k in table.columns}
            await pilot.press("b")
            await ready(pilot)
        await pilot.pause()
        table = app.screen.query_one("#rank-table", DataTable)
        keys = [str(k.value) for k in table.columns]
        assert "unit" in keys and "target" not in keys and "completion" not in keys
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) <= table.size.width - 2, widths
        assert "唐海强" in screen_text(app)
