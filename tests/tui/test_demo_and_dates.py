"""The demo says it is read-only before anything is typed, and forms, recording and the bulletin
composer follow the day on screen (an old journal's last day, a day travelled to), not the
machine's today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Input

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.tui.app import GovinfoApp
from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.screens import BulletinComposer, DashboardScreen, ItemScreen, ItemsScreen, RegistryScreen
from govinfo_tui.tui.widgets import Banner

from .conftest import at, make_journal, ready, tiny_events, tree_bytes

SIZE = (100, 32)
LATER = dt.date(2026, 11, 27)  # the machine's today, years after the journals below end


def app_for(root: Path, today: dt.date = LATER) -> GovinfoApp:
    return GovinfoApp(root, "zh", today=today, watch=False, by="tester")


def notes(app: GovinfoApp) -> list[str]:
    """Every notification the app shows from now on."""
    seen: list[str] = []
    real = app.notify

    def notify(message, *args, **kw):
        seen.append(str(message))
        return real(message, *args, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def banner(app: GovinfoApp) -> Banner:
    return app.screen.query_one(Banner)


def date_field(app: GovinfoApp) -> str:
    form = app.screen
    assert isinstance(form, FormScreen)
    return form.query_one("#f-date", Input).value


async def test_the_demo_says_it_is_read_only_and_refuses_writing_keys_at_once(tmp_path: Path, monkeypatch) -> None:
    root = make_journal(tmp_path / "demo")
    monkeypatch.setattr(journal, "demo_journal", lambda: root)
    before = tree_bytes(root)
    app = app_for(root)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = notes(app)
        assert str(banner(app).render()).startswith("演示日志 · 只读 · 日志止于 2011-06-12")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("2")
        await ready(pilot)
        await pilot.press("b")  # the bulletin composer
        await pilot.pause()
        assert isinstance(app.screen, ItemsScreen)
        app.open_item("1106-AAAAA1")
        await ready(pilot)
        for key in ("a", "c", "v"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ItemScreen)
        await pilot.press("escape", "5")
        await ready(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, RegistryScreen)
        assert len(seen) == 6 and len(set(seen)) == 1
        assert "演示日志只读" in seen[0] and "govinfo init 目录 --demo" in seen[0]
    assert tree_bytes(root) == before


async def test_the_demo_banner_keeps_its_count_whole_at_80_columns(tmp_path: Path, monkeypatch) -> None:
    """At 80 columns the old-journal banner of the demo ended in a bare number (its unit cut
    off); it now fits, and a banner longer still takes a second line instead of being cut."""
    from .conftest import screen_text

    root = make_journal(tmp_path / "demo")
    monkeypatch.setattr(journal, "demo_journal", lambda: root)
    app = app_for(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.st is not None
        top = screen_text(app).splitlines()[:3]
        assert banner(app).size.height == 1
        assert f"{app.st.count} 条事件" in top[1]
        (root / "2011" / "2011-06.jsonl").open("ab").write(b'{"torn\n')  # a problem: the banner grows
        app.load_journal()
        await ready(pilot)
        assert app.loaded is not None and app.loaded.problems
        top = screen_text(app).splitlines()[:4]
        assert banner(app).size.height == 2
        assert "按 6 查看" in "".join(top)


async def test_a_journal_of_ones_own_has_no_demo_banner(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert str(banner(app).render()).startswith("日志止于 2011-06-12")


async def test_every_form_starts_on_an_old_journals_last_day(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.old_journal and app.ref_day == dt.date(2011, 6, 12)
        await pilot.press("n")
        await pilot.pause()
        assert date_field(app) == "2011-06-12"
        await pilot.press("escape")
        app.open_item("1106-AAAAA1")
        await ready(pilot)
        for key in ("a", "c", "s", "v"):
            await pilot.press(key)
            await pilot.pause()
            assert date_field(app) == "2011-06-12", key
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape", "5")
        await ready(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert date_field(app) == "2011-06-12"


async def test_recording_on_an_old_journal_stays_in_its_year(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-title", Input).value = "文江镇防汛演练"
        app.screen.query_one("#f-unit").value = "wj"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert not isinstance(app.screen, FormScreen)
        new = next(i for i in app.st.items.values() if i.title == "文江镇防汛演练")
        assert new.submitted_at.date() == dt.date(2011, 6, 12)
        assert app.pinned is None and app.old_journal and app.ref_day.year == 2011
        assert "2026" not in str(banner(app).render())


async def test_a_later_year_typed_on_an_old_journal_keeps_the_day_on_screen(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = notes(app)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-title", Input).value = "庆符镇扎实推进秋季森林防火"
        form.query_one("#f-unit").value = "qf"  # type: ignore[attr-defined]
        form.query_one("#f-date", Input).value = LATER.isoformat()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert any(i.title == "庆符镇扎实推进秋季森林防火" for i in app.full.items.values())
        assert app.pinned == dt.date(2011, 6, 12) and app.ref_day == dt.date(2011, 6, 12)
        assert str(banner(app).render()).startswith("时光回溯: 截至 2011-06-12")
        assert "已记录，日期为 2026-11-27；仍显示 2011-06-12 的状态，按 t 查看最新" in seen


async def test_every_form_starts_on_the_day_travelled_to(tiny: Path) -> None:
    app = app_for(tiny, today=dt.date(2011, 6, 30))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not app.old_journal
        await pilot.press("n")
        await pilot.pause()
        assert date_field(app) == "2011-06-30"
        await pilot.press("escape")
        app.refold_view(dt.date(2011, 6, 5))
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert date_field(app) == "2011-06-05"
        await pilot.press("escape")
        app.open_item("1106-AAAAA1")
        await ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert date_field(app) == "2011-06-05"


def issue_and_a_late_item() -> list[E.Event]:
    """The tiny journal, an issue of 《高县政务信息》 on 2011-06-02, and an item recorded years later."""
    issue = E.BulletinPublished(
        id="T09001", at=at("2011-06-02", 16), by="zhoutao", channel="gxzw", year=2011, number=20, items=["1106-AAAAA1"]
    )
    title = "文江镇多措并举推进春耕生产"
    late = E.ItemSubmitted(id="T09002", at=at("2026-11-27", 13), by="root", item="2611-Z385VC", title=title, unit="wj")
    return [*tiny_events(), issue, late]


async def test_the_composer_proposes_its_issues_period_with_years_and_the_travel_banner(tmp_path: Path) -> None:
    app = app_for(make_journal(tmp_path / "j", issue_and_a_late_item()))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.refold_view(dt.date(2011, 6, 30))
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        await pilot.press("b")
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, BulletinComposer)
        table = composer.query_one("#compose-items", DataTable)
        rows = [table.get_row_at(n) for n in range(table.row_count)]
        assert [str(r[1]) for r in rows] == ["2011-06-04", "2011-06-03"]  # after 第20期, nothing from 2026
        head = str(composer.query_one("#compose-head").render())
        assert "〔2011〕第21期 · 2011-06-30 · 上一期: 〔2011〕第20期 2011-06-02" in head
        travel = composer.query_one(Banner)
        assert travel.has_class("travel") and str(travel.render()).startswith("时光回溯: 截至 2011-06-30")
        composer.query_one("#compose-search", Input).value = "文江镇"
        await pilot.pause()
        found = [str(table.get_row_at(n)[3]) for n in range(table.row_count)]
        assert found == ["文江镇春茶产值突破亿元", "文江镇春耕生产有序推进"]  # that year's, up to the issue's day


async def test_the_composers_esc_asks_before_dropping_the_items_picked(tmp_path: Path) -> None:
    """Issue 9 §5: Esc with items picked asks (n, or a second Esc, keeps them); with none, it closes."""
    from govinfo_tui.tui.forms.confirm import ConfirmDiscard

    app = app_for(make_journal(tmp_path / "j", issue_and_a_late_item()))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await ready(pilot)
        await pilot.press("b")
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, BulletinComposer)
        await pilot.press("space")  # pick the first item
        await pilot.pause()
        assert composer.picked
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("escape")  # out of habit: back to the composer, the pick kept
        await pilot.pause()
        assert app.screen is composer and composer.picked
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, BulletinComposer | ConfirmDiscard)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("escape")  # nothing picked: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, BulletinComposer | ConfirmDiscard)
