"""Shared fixtures: a small hand-made journal whose answers are worked out by hand."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from govinfo_tui import events as E
from govinfo_tui import journal
from govinfo_tui.cli import main
from govinfo_tui.state import OFFICE_TZ

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "journal"


def at(day: str, hour: int = 9, minute: int = 0) -> dt.datetime:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=OFFICE_TZ)


class Ids:
    """Readable, ordered ids for hand-made events (real ones are ULIDs)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"EV{self.n:05d}"


def rules_2011() -> E.RulesSet:
    return E.RulesSet(
        id="RULES2011",
        at=at("2011-01-01", 8),
        by="t",
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
    )


def registrations(i, by: str = "t") -> list[E.Event]:
    """Gao County in miniature: the county, two townships, a department, three officers, and the
    three publications (province, city, the county's own bulletin)."""
    reg = at("2011-01-01", 7)
    return [
        E.UnitRegistered(id=i(), at=reg, by=by, unit="gx", name="高县", kind="county"),
        E.UnitRegistered(id=i(), at=reg, by=by, unit="wj", name="文江镇", kind="township", parent="gx"),
        E.UnitRegistered(id=i(), at=reg, by=by, unit="qf", name="庆符镇", kind="township", parent="gx"),
        E.UnitRegistered(id=i(), at=reg, by=by, unit="nyj", name="县农业局", kind="department", parent="gx"),
        E.PersonRegistered(id=i(), at=reg, by=by, person="p1", name="张三", unit="wj", role="part_time"),
        E.PersonRegistered(id=i(), at=reg, by=by, person="p2", name="李四", unit="qf", role="part_time"),
        E.PersonRegistered(id=i(), at=reg, by=by, person="p3", name="王五", unit="nyj", role="full_time"),
        E.ChannelRegistered(id=i(), at=reg, by=by, channel="kb", name="政务信息快报", level="city"),
        E.ChannelRegistered(id=i(), at=reg, by=by, channel="cz", name="川政晨讯", level="province"),
        E.ChannelRegistered(id=i(), at=reg, by=by, channel="gxzw", name="高县政务信息", level="county"),
    ]


def small_events() -> list[E.Event]:
    """Two townships, one department; March 2011.

    Hand-worked answers (period 2011-03): items 5, upward 4; adoptions: kb x2 (单条 2 + 单篇 5),
    province x1 (3), combined kb 单条 crediting wj and qf (2 -> 1 + 1); a city leader's comment
    (+5). Points: wj 2 + 5 + 1 + 5 = 13, qf 3 + 1 = 4, nyj 0. Office total 17, target 20 -> 0.85.
    """
    i = Ids()
    evs: list[E.Event] = [
        *registrations(i),
        rules_2011(),
        E.TargetSet(id=i(), at=at("2011-01-02"), by="t", year=2011, unit="gx", points=20),
        E.TargetSet(id=i(), at=at("2011-01-02"), by="t", year=2011, unit="wj", points=10),
    ]
    sub = [
        ("A1", "文江镇春耕", "wj", ["p1"], ["kb"], "2011-03-01"),
        ("A2", "文江镇茶叶", "wj", ["p1"], ["kb", "cz"], "2011-03-02"),
        ("A3", "庆符镇防汛", "qf", ["p2"], ["cz"], "2011-03-03"),
        ("A4", "农业局调研", "nyj", ["p3"], ["gxzw"], "2011-03-04"),
        ("A5", "文江镇综合", "wj", ["p1"], ["kb"], "2011-03-05"),
    ]
    for item, title, unit, authors, channels, day in sub:
        evs.append(
            E.ItemSubmitted(
                id=i(), at=at(day), by="t", item=item, title=title, unit=unit, authors=authors, channels=channels
            )
        )

    def adopt(
        item: str,
        channel: str,
        day: str,
        form: str,
        points: float,
        credits: list[E.Credit],
        rule: str,
        units: list[str] | None = None,
    ) -> None:
        a = E.ItemAdopted(id=i(), at=at(day, 10), by="t", item=item, channel=channel, form=form, units=units or [])
        evs.append(a)
        evs.append(E.Scored(id=i(), at=a.at, by="t", points=points, credits=credits, rule=rule, source=a.id, item=item))

    adopt("A1", "kb", "2011-03-10", "单条", 2, [E.Credit(unit="wj", person="p1", points=2)], "2011/adopt:kb")
    adopt("A2", "kb", "2011-03-11", "单篇", 5, [E.Credit(unit="wj", person="p1", points=5)], "2011/adopt:kb/单篇")
    adopt("A3", "cz", "2011-03-12", "单条", 3, [E.Credit(unit="qf", person="p2", points=3)], "2011/adopt:province")
    adopt(
        "A5",
        "kb",
        "2011-03-13",
        "综合",
        2,
        [E.Credit(unit="wj", person="p1", points=1), E.Credit(unit="qf", points=1)],
        "2011/adopt:kb",
        ["wj", "qf"],
    )
    c = E.LeaderCommented(id=i(), at=at("2011-03-20"), by="t", item="A2", leader="市长", level="city")
    evs.append(c)
    evs.append(
        E.Scored(
            id=i(),
            at=c.at,
            by="t",
            points=5,
            credits=[E.Credit(unit="wj", person="p1", points=5)],
            rule="2011/comment:city",
            source=c.id,
            item="A2",
        )
    )
    evs.append(
        E.BulletinPublished(
            id=i(), at=at("2011-03-25", 16), by="t", channel="gxzw", year=2011, number=1, items=["A1", "A4"]
        )
    )
    return evs


def write_journal(root: Path, events: list[E.Event]) -> Path:
    journal.init(root)
    journal.append(root, events)
    return root


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "j", small_events())


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        import sys

        real = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        if stdin is not None:
            sys.stdin = real
    return code, out.getvalue(), err.getvalue()


def run_json(*args: str) -> object:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.jsonl"))}


os.environ.pop("GOVINFO_JOURNAL", None)
