"""Shared fixtures: a small hand-made journal whose answers are worked out by hand."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import os
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import msgspec
import pytest

from govinfo_tui import i18n
from govinfo_tui.cli import main
from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.period import OFFICE_TZ, parse_period
from govinfo_tui.core.state import fold

REPO = Path(__file__).resolve().parent.parent


def bench_generate():  # type: ignore[no-untyped-def]
    """`bench/generate.py` as a module (the benchmark's journals, which tests use too)."""
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture(autouse=True)
def _language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in the default language, Chinese, whatever the locale of the machine
    running it: no GOVINFO_LANG, and the locale of a shared server (`C.UTF-8`)."""
    for name in ("GOVINFO_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_lang("zh")
    yield
    i18n.set_lang("zh")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """English, as `GOVINFO_LANG=en` asks: for the tests that read the messages' English words."""
    monkeypatch.setenv("GOVINFO_LANG", "en")
    i18n.set_lang("en")


# --- the paperwork journal -------------------------------------------------------------
# A small office journal for the paperwork reports, with answers worked out by hand.
#
# It is `conftest.small_events` (March 2011) with a rule set that also sets remuneration,
# penalties, grades and urgent limits, plus:
#
# - p4 (赵六, 文江镇, part-time) co-writes A6 with p1; A6 is adopted by 快报 (2 points, ¥30) on
#   03-14 and by 川政晨讯 (3 points, ¥50) on 03-16: paid once at the highest rate, so the second
#   adoption tops up ¥20. Each share is split between p1 and p4.
# - a topic XT-1 and three commissions: C1 (wj/p1, due 03-15) fulfilled by A5 on 03-05; C2 (nyj,
#   due 03-10) never delivered; C3 (qf, due 03-31) open at 03-25.
# - urgent items: U1 (qf, phone, 15 minutes: on time), U2 (nyj, written, 60 minutes against 40:
#   late), U3 (wj, no time of the event: cannot be judged).
# - targets: qf 5, nyj 10 (besides gx 20 and wj 10).
# - bulletin 〔2011〕第2期 (总第102期) of A6 and A3, after 第1期 of the small journal.
#
# Remuneration for March (mode highest): A1 30, A2 30, A3 50, A5 30, A6 30 + top-up 20 = 190;
# p1 30 + 30 + 30 + 15 + 10 = 115, p2 50, p4 15 + 10 = 25; units wj 140, qf 50.
# Points for March: wj 2 + 5 + 5 (comment) + 1 + 2 + 3 = 18 (p1 2 + 5 + 5 + 1 + 1 + 1.5 = 15.5,
# p4 1 + 1.5 = 2.5), qf 3 + 1 = 4, nyj 0; the office 22 against its target 20.


def paper_rules(mode: str = "highest") -> E.RulesSet:
    return msgspec.structs.replace(
        rules_2011(),
        penalties=E.Penalties(missed_quota=1, late_urgent=5, missed_commission=10),
        urgent=E.UrgentLimits(phone_minutes=20, written_minutes=40),
        remuneration=[E.Remuneration(level="province", amount=50), E.Remuneration(level="city", amount=30)],
        remuneration_mode=mode,  # type: ignore[arg-type]
        grades=[
            E.Grade(name="优秀", min_completion=1.0),
            E.Grade(name="良好", min_completion=0.8),
            E.Grade(name="合格", min_completion=0.6),
        ],
    )


def paper_events(mode: str = "highest") -> list[E.Event]:
    evs = [paper_rules(mode) if ev.id == "RULES2011" else ev for ev in small_events()]
    n = iter(range(1, 1000))

    def i() -> str:
        return f"PX{next(n):04d}"

    reg = at("2011-01-01", 7)
    evs += [
        E.PersonRegistered(id=i(), at=reg, by="t", person="p4", name="赵六", unit="wj", role="part_time"),
        E.TargetSet(id=i(), at=at("2011-01-02"), by="t", year=2011, unit="qf", points=5),
        E.TargetSet(id=i(), at=at("2011-01-02"), by="t", year=2011, unit="nyj", points=10),
        E.ItemSubmitted(
            id=i(),
            at=at("2011-03-06"),
            by="t",
            item="A6",
            title="文江镇茶旅融合",
            unit="wj",
            authors=["p1", "p4"],
            channels=["kb", "cz"],
            text="第一段。\n第二段。",
        ),
    ]

    def adopt(item: str, channel: str, day: str, points: float, credits: list[E.Credit], rule: str) -> None:
        a = E.ItemAdopted(id=i(), at=at(day, 10), by="t", item=item, channel=channel, issue="第9期")
        evs.append(a)
        evs.append(E.Scored(id=i(), at=a.at, by="t", points=points, credits=credits, rule=rule, source=a.id, item=item))

    adopt(
        "A6",
        "kb",
        "2011-03-14",
        2,
        [E.Credit(unit="wj", person="p1", points=1), E.Credit(unit="wj", person="p4", points=1)],
        "2011/adopt:kb",
    )
    adopt(
        "A6",
        "cz",
        "2011-03-16",
        3,
        [E.Credit(unit="wj", person="p1", points=1.5), E.Credit(unit="wj", person="p4", points=1.5)],
        "2011/adopt:province",
    )
    evs += [
        E.TopicPlanned(id=i(), at=at("2011-03-01", 10), by="t", topic="XT-1", title="春茶产销"),
        E.Commissioned(
            id=i(),
            at=at("2011-03-02"),
            by="t",
            commission="C1",
            title="春茶产销",
            unit="wj",
            person="p1",
            deadline=dt.date(2011, 3, 15),
            topic="XT-1",
        ),
        E.Commissioned(
            id=i(),
            at=at("2011-03-02"),
            by="t",
            commission="C2",
            title="农业调研",
            unit="nyj",
            deadline=dt.date(2011, 3, 10),
        ),
        E.Commissioned(
            id=i(),
            at=at("2011-03-02"),
            by="t",
            commission="C3",
            title="防汛准备",
            unit="qf",
            deadline=dt.date(2011, 3, 31),
        ),
        E.CommissionFulfilled(id=i(), at=at("2011-03-05"), by="t", commission="C1", item="A5"),
        E.ItemSubmitted(
            id=i(),
            at=at("2011-03-20", 8, 15),
            by="t",
            item="U1",
            title="庆符镇突发山体滑坡",
            unit="qf",
            authors=["p2"],
            urgent=True,
            occurred_at=at("2011-03-20", 8, 0),
            report_kind="phone",
        ),
        E.ItemSubmitted(
            id=i(),
            at=at("2011-03-21", 11, 0),
            by="t",
            item="U2",
            title="县农业局报告禽流感疫情",
            unit="nyj",
            authors=["p3"],
            urgent=True,
            occurred_at=at("2011-03-21", 10, 0),
            report_kind="written",
        ),
        E.ItemSubmitted(
            id=i(), at=at("2011-03-22"), by="t", item="U3", title="文江镇火情", unit="wj", authors=["p1"], urgent=True
        ),
        E.BulletinPublished(
            id=i(),
            at=at("2011-03-28", 16),
            by="t",
            channel="gxzw",
            year=2011,
            number=2,
            items=["A6", "A3"],
            total_number=102,
            editor="高县人民政府办公室",
            recipients_up=["市政府办公室"],
            recipients_same=["县委办"],
            recipients_down=["各乡镇人民政府", "县政府各部门"],
            print_run=80,
        ),
    ]
    return sorted(evs, key=lambda e: (e.at, e.id))


def paper_state(mode: str = "highest", as_of: dt.datetime | None = None):
    return fold(paper_events(mode), as_of=as_of)


MARCH = parse_period("2011-03")


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    """The paperwork journal written to a fresh folder."""
    root = tmp_path / "j"
    journal.init(root)
    journal.append(root, paper_events())
    return root


def gv(root: Path, *args: str) -> tuple[int, str, str]:
    """`govinfo` on a journal, recording as `tester`."""
    return run("--journal", str(root), "--by", "tester", *args)
