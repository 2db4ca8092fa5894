"""Every screen that shows points says whose scheme they are in, and `s` switches the ranking's.
(The help's key table lists `s` where it is bound: tests/tui/test_keys.py.)"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from govinfo_tui.core import events as E
from govinfo_tui.tui.app import GovinfoApp

from .conftest import TODAY, at, make_journal, ready, screen_text, tiny_events


def journal_with_a_penalty(root: Path) -> Path:
    """The tiny journal, and a county penalty of 4 on 庆符镇 (internal): in the county's own
    scheme 庆符镇 has 3 - 4 = -1 points, in the city's it keeps its 3."""
    penalty = E.Scored(
        id="PENALTY1",
        at=at("2011-06-20"),
        by="admin",
        points=-4,
        credits=[E.Credit(unit="qf", points=-4)],
        rule="manual",
        reason="约稿逾期",
        scheme="internal",
    )
    return make_journal(root, [*tiny_events(), penalty])


def _points(app: GovinfoApp) -> dict[str, str]:
    table = app.screen.query_one("#rank-table", DataTable)
    column = [c.key.value for c in table.ordered_columns].index("points")
    return {str(key.value): str(table.get_row(key)[column]) for key in table.rows}


async def test_s_switches_the_ranking_s_scheme_and_every_screen_names_it(tmp_path: Path) -> None:
    app = GovinfoApp(journal_with_a_penalty(tmp_path / "j"), "zh", today=TODAY, watch=False, by="t")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "2011年目标 · 上级计分" in text  # the county's figure against the city's target
        assert "单位排名 (2011年) · 县内计分" in text and "积分 · 上级计分" in text
        assert "s 换计分口径" in text  # in the footer
        await pilot.press("3")
        await ready(pilot)
        assert "口径: 县内计分" in screen_text(app)
        assert (_points(app)["wj"], _points(app)["qf"]) == ("5", "-1")
        await pilot.press("s")
        await ready(pilot)
        assert "口径: 上级计分" in screen_text(app)
        assert (_points(app)["wj"], _points(app)["qf"]) == ("5", "3")
        await pilot.press("4")  # the quota screen and the dashboard follow the choice
        await ready(pilot)
        assert "· 上级计分" in screen_text(app)
        await pilot.press("1")
        await ready(pilot)
        assert "单位排名 (2011年) · 上级计分" in screen_text(app)
        await pilot.press("s")
        await ready(pilot)
        assert "单位排名 (2011年) · 县内计分" in screen_text(app)


async def test_the_amend_form_makes_an_item_joint_and_the_ranking_shares_its_points(tmp_path: Path) -> None:
    from .test_app import fill, save

    app = GovinfoApp(make_journal(tmp_path / "j"), "zh", today=TODAY, watch=False, by="t")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.open_item("1106-AAAAA2")  # 文江镇's, adopted for 5
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, joint=["qf"], reason="两镇联合", date="2011-06-28")
        await save(pilot)
        assert app.st is not None and app.st.items["1106-AAAAA2"].units == ["wj", "qf"]
        await pilot.press("3")
        await ready(pilot)
        assert (_points(app)["wj"], _points(app)["qf"]) == ("2.5", "5.5")  # 庆符镇: 3 of its own and 2.5
