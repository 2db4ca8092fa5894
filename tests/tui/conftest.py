"""A small deterministic journal for the app's tests, and helpers to drive and read the app."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

import pytest
from rich.console import Console

from govinfo_tui.core import events as E
from govinfo_tui.core import journal

from ..conftest import at, registrations, tree_bytes  # noqa: F401 - re-exported to the app's tests

TODAY = dt.date(2011, 6, 30)


def tiny_events() -> list[E.Event]:
    """Gao County in June 2011, small enough to check by eye; fixed ids and dates."""
    n = iter(range(1, 10_000))

    def i() -> str:
        return f"T{next(n):05d}"

    reg = at("2011-01-01", 7)
    evs: list[E.Event] = [
        *registrations(i, by="admin"),
        E.RulesSet(
            id=i(),
            at=reg,
            by="admin",
            ruleset="2011",
            effective=dt.date(2011, 1, 1),
            adoption=[
                E.AdoptionRule(channel="kb", points=2),
                E.AdoptionRule(channel="kb", form="单篇", points=5),
                E.AdoptionRule(level="province", points=3),
                E.AdoptionRule(level="county", points=0),
            ],
            comment=[E.CommentRule(level="city", points=5), E.CommentRule(level="county", points=0)],
            quota={"part_time": 4},
        ),
        E.TargetSet(id=i(), at=at("2011-01-02"), by="admin", year=2011, unit="gx", points=20),
        E.TargetSet(id=i(), at=at("2011-01-02"), by="admin", year=2011, unit="wj", points=10),
    ]
    items = [
        ("1106-AAAAA1", "文江镇春耕生产有序推进", "wj", ["p1"], ["kb"], "2011-06-01", "普通性"),
        ("1106-AAAAA2", "文江镇春茶产值突破亿元", "wj", ["p1"], ["kb", "cz"], "2011-06-02", "本地特色"),
        ("1106-AAAAA3", "庆符镇全面开展汛前地质灾害排查", "qf", ["p2"], ["cz"], "2011-06-03", "苗头性"),
        ("1106-AAAAA4", "县农业局四举措壮大龙头企业", "nyj", ["p3"], ["gxzw"], "2011-06-04", "调研类"),
    ]
    for item, title, unit, authors, channels, day, cat in items:
        evs.append(
            E.ItemSubmitted(
                id=i(),
                at=at(day),
                by="zhoutao",
                item=item,
                title=title,
                unit=unit,
                authors=authors,
                channels=channels,
                category=cat,
            )
        )
    a = E.ItemAdopted(id=i(), at=at("2011-06-10", 10), by="zhoutao", item="1106-AAAAA2", channel="kb", form="单篇")
    evs += [
        a,
        E.Scored(
            id=i(),
            at=a.at,
            by="zhoutao",
            points=5,
            credits=[E.Credit(unit="wj", person="p1", points=5)],
            rule="2011/adopt:kb/单篇",
            source=a.id,
            item="1106-AAAAA2",
        ),
    ]
    b = E.ItemAdopted(id=i(), at=at("2011-06-12", 10), by="zhoutao", item="1106-AAAAA3", channel="cz")
    evs += [
        b,
        E.Scored(
            id=i(),
            at=b.at,
            by="zhoutao",
            points=3,
            credits=[E.Credit(unit="qf", person="p2", points=3)],
            rule="2011/adopt:province",
            source=b.id,
            item="1106-AAAAA3",
        ),
        E.Commissioned(
            id=i(),
            at=at("2011-06-05"),
            by="zhoutao",
            commission="C1",
            title="防汛工作进展",
            unit="qf",
            deadline=dt.date(2011, 6, 20),
        ),
    ]
    return evs


def make_journal(root: Path, events: list[E.Event] | None = None) -> Path:
    journal.init(root)
    journal.append(root, tiny_events() if events is None else events)
    return root


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return make_journal(tmp_path / "j")


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


async def ready(pilot, timeout: float = 10.0) -> None:
    """Wait until the app has loaded and no refold is running."""
    app = pilot.app
    waited = 0.0
    while (app.st is None or app.busy) and app.load_error is None and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()


async def wait_for(pilot, predicate, timeout: float = 5.0) -> bool:
    waited = 0.0
    while waited < timeout:
        if predicate():
            return True
        await pilot.pause(0.05)
        waited += 0.05
    return predicate()


class HeldLoad:
    """Holds the app's load of the journal until released, to look at what is drawn before it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from govinfo_tui.core.workspace import LiveJournal

        self.release = threading.Event()
        load = LiveJournal.load

        def held(live: LiveJournal) -> None:
            self.release.wait(30)
            load(live)

        monkeypatch.setattr(LiveJournal, "load", held)
