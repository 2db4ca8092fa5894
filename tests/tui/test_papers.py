"""The papers screen (reports shown and exported) and the bulletin composer."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from textual.widgets import Checkbox, DataTable, Input, Select

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, reports
from govinfo_tui.tui.app import GovinfoApp
from govinfo_tui.tui.forms import FormScreen
from govinfo_tui.tui.report_view import report_view
from govinfo_tui.tui.screens import BulletinComposer, PapersScreen

from .conftest import TODAY, make_journal, ready, screen_text, tree_bytes, wait_for

SIZE = (100, 30)


def app_for(root: Path) -> GovinfoApp:
    return GovinfoApp(root, "zh", today=TODAY, watch=False, by="tester")


def notes(app: GovinfoApp) -> list[str]:
    seen: list[str] = []
    real = app.notify

    def notify(message, *args, **kw):
        seen.append(str(message))
        return real(message, *args, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def open_papers(pilot) -> PapersScreen:
    await ready(pilot)
    await pilot.press("7")
    await ready(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PapersScreen)
    assert await wait_for(pilot, lambda: screen.report is not None)
    return screen


async def export(pilot, path: Path, *, fmt: str = "xlsx", overwrite: bool = False) -> FormScreen:
    await pilot.press("e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    form.query_one("#f-format", Select).value = fmt
    form.query_one("#f-path", Input).value = str(path)
    form.query_one("#f-overwrite", Checkbox).value = overwrite
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    return form


async def test_notice_shows_june(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=(220, 60)) as pilot:
        screen = await open_papers(pilot)
        expected = reports.notice(app.st, reports.period_of("month", TODAY), today=TODAY)
        assert screen.report is not None and screen.report.data == expected.data
        text = screen_text(app)
        assert expected.intro == ["现将2011年6月全县政务信息工作情况通报如下："]
        assert expected.intro[0] in text  # the lead paragraph (one line at this width)
        assert "2011年6月，全县共报送政务信息4条" in text
        assert "附件1：各单位政务信息报送采用情况统计表" in text  # the attachments follow the body
        row = next(line for line in text.splitlines() if "文江镇" in line and "%" in line)
        assert row.split() == ["1", "文江镇", "2", "0", "1", "1", "5", "5", "10", "50.0%"]

        # k: the next paper; p: month -> quarter -> year; the period follows time travel
        await pilot.press("k")
        await ready(pilot)
        assert screen.report.kind == "appraisal" and screen.report.period == "2011"
        await pilot.press("K", "p")
        await ready(pilot)
        assert screen.report.kind == "notice" and screen.report.period == "2011-Q2"
        await pilot.press("p", "p", "left_curly_bracket")
        await ready(pilot)
        assert screen.report.period == "2011-05" and screen.report.data["summary"]["items"] == 0

        # the command palette's "报表: 稿酬" entry
        await pilot.press("t")
        app.open_paper("remuneration")
        await pilot.pause()
        await ready(pilot)
        assert screen.report.kind == "remuneration" and screen.report.period == "2011"


async def test_export_xlsx_and_refuse_overwrite(tiny: Path, tmp_path: Path) -> None:
    app = app_for(tiny)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_papers(pilot)
        report = screen.report
        assert report is not None
        target = tmp_path / "out" / "通报.xlsx"
        target.parent.mkdir()
        await export(pilot, target)
        assert isinstance(app.screen, PapersScreen) and target.is_file()
        assert any(str(target.resolve()) in n for n in seen)
        wb = openpyxl.load_workbook(target)
        table = report.tables()[0]
        ws = wb.worksheets[0]
        assert ws.cell(1, 2).value == table.columns[1].label == "单位"
        col = next(j for j, c in enumerate(table.columns, start=1) if c.key == "points")
        row = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, 2).value == "文江镇")
        assert ws.cell(row, col).value == 5 and isinstance(ws.cell(row, col).value, int | float)

        # a second time: refused under the path field unless "overwrite" is ticked
        target.write_bytes(b"keep me")
        form = await export(pilot, target)
        assert app.screen is form
        assert "已存在" in str(form.query_one("#err-path").render())
        assert target.read_bytes() == b"keep me"
        await pilot.press("escape")
        await pilot.pause()
        await export(pilot, target, fmt="md", overwrite=True)
        assert isinstance(app.screen, PapersScreen)
        assert target.read_text(encoding="utf-8").startswith("# 高县人民政府办公室关于2011年6月")


async def test_compose_pick_reorder_publish(tiny: Path) -> None:
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await open_papers(pilot)
        await pilot.press("b")
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, BulletinComposer)
        table = composer.query_one("#compose-items", DataTable)
        keys = [table.coordinate_to_cell_key((n, 0)).row_key.value for n in range(table.row_count)]
        assert keys == ["1106-AAAAA4", "1106-AAAAA3", "1106-AAAAA2", "1106-AAAAA1"]  # newest first
        assert "〔2011〕第1期" in screen_text(app)
        await pilot.press("space", "down", "space")  # picks A4, then (skipping A3) A2
        assert composer.picked == ["1106-AAAAA4", "1106-AAAAA2"]
        await pilot.press("up", "up")
        assert composer.current() == "1106-AAAAA2"
        await pilot.press("u")
        assert composer.picked == ["1106-AAAAA2", "1106-AAAAA4"]
        text = screen_text(app)
        assert text.index("文江镇春茶产值突破亿元") < text.index("县农业局四举措壮大龙头企业")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, PapersScreen)
    issues = [ev for ev in journal.load(tiny).events if isinstance(ev, E.BulletinPublished)]
    assert len(issues) == 1
    ev = issues[0]
    assert ev.items == ["1106-AAAAA2", "1106-AAAAA4"]
    assert (ev.channel, ev.year, ev.number, ev.by) == ("gxzw", 2011, 1, "tester")


async def test_compose_escape_writes_nothing(tiny: Path) -> None:
    before = tree_bytes(tiny)
    app = app_for(tiny)
    async with app.run_test(size=SIZE) as pilot:
        await open_papers(pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("space", "space", "u")
        await pilot.press("escape", "y")  # items picked: Esc asks first, `y` drops them
        await pilot.pause()
        assert isinstance(app.screen, PapersScreen)
    assert tree_bytes(tiny) == before


async def test_compose_error_shown(tmp_path: Path, monkeypatch) -> None:
    """The demo journal is read-only: a composer that reached it anyway (`b` refuses it first)
    says so on publishing, and nothing is written."""
    root = make_journal(tmp_path / "demo")
    monkeypatch.setattr(journal, "demo_journal", lambda: root)
    before = tree_bytes(root)
    app = app_for(root)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.push_screen(BulletinComposer(app))
        await pilot.pause()
        await pilot.press("ctrl+s")  # nothing picked
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BulletinComposer)
        assert "只读" in str(app.screen.query_one("#compose-error").render())
    assert tree_bytes(root) == before


def test_report_text_is_data_not_markup() -> None:
    report = reports.Report(kind="x", title="[bold]标题[/bold]", data={}, intro=["[red]x[/red]"])
    buf = io.StringIO()
    Console(file=buf, width=80, color_system=None).print(report_view(report, 80)[0])
    assert "[bold]标题[/bold]" in buf.getvalue() and "[red]x[/red]" in buf.getvalue()


@pytest.fixture
def snap_app(tmp_path: Path) -> GovinfoApp:
    return app_for(make_journal(tmp_path / "j"))


def test_papers_snapshot(snap_compare, snap_app: GovinfoApp) -> None:
    async def before(pilot) -> None:
        await open_papers(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=before)


async def test_a_papers_own_settings_are_recorded_from_the_screen(tiny: Path) -> None:
    """s on the papers screen: the notice's number, date and the office's words, kept as an
    `office_set` event for this one paper, and the notice shows them at once."""
    from textual.widgets import TextArea

    app = app_for(tiny)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        await pilot.press("s")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-number", Input).value = "45"
        form.query_one("#f-doc_date", Input).value = "2011-07-05"
        form.query_one("#f-requirements", TextArea).text = "一要提高认识。\n二要按时报送。"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert await wait_for(
            pilot,
            lambda: (
                screen.report is not None
                and screen.report.date is not None
                and screen.report.date.isoformat() == "2011-07-05"
            ),
        )
        report = screen.report
        assert report.sections[-1].heading.endswith("下一步工作要求")
        assert report.sections[-1].paragraphs == ["一要提高认识。", "二要按时报送。"]
        assert report.document.number == "45"  # no pattern set: the number as typed
    (ev,) = [e for e in journal.load(tiny).events if isinstance(e, E.OfficeSet)]
    assert (ev.paper, ev.period, ev.settings.number) == ("notice", "2011-06", "45")
    assert ev.settings.cc is None  # only what was changed is recorded


async def test_papers_sent_to_units_choose_whom_they_are_about(tiny: Path) -> None:
    app = app_for(tiny)
    seen = notes(app)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_papers(pilot)
        june = reports.period_of("month", TODAY)

        # the adoption slip starts on a unit with adoptions in the month, the first in the registry
        app.open_paper("adoption-slip")
        await pilot.pause()
        assert await wait_for(pilot, lambda: screen.report is not None and screen.report.kind == "adoption-slip")
        assert screen.report.data == reports.adoption_slip(app.st, "wj", june, today=TODAY).data
        assert "文江镇2011年6月政务信息采用情况" in screen_text(app)

        # o: another unit
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-subject", Select).value = "qf"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert await wait_for(pilot, lambda: screen.report is not None and screen.report.data["unit"] == "qf")
        assert screen.report.data["points"] == 3

        # the commission notice of the one commission; no follow-up yet: the screen says so
        app.open_paper("commission-notice")
        await pilot.pause()
        assert await wait_for(pilot, lambda: screen.report is not None and screen.report.kind == "commission-notice")
        assert screen.report.data["commission"] == "C1" and screen.report.addressee == "庆符镇："
        app.open_paper("follow-up-notice")
        await pilot.pause()
        assert await wait_for(pilot, lambda: screen.kind == "follow-up-notice" and screen.report is None)
        assert "请指明督办记录" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PapersScreen) and any("还没有可选的对象" in n for n in seen)
