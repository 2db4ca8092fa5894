"""A small office journal for the paperwork reports, with answers worked out by hand.

It is `conftest.small_events` (March 2011) with a rule set that also sets remuneration,
penalties, grades and urgent limits, plus:

- p4 (赵六, 文江镇, part-time) co-writes A6 with p1; A6 is adopted by 快报 (2 points, ¥30) on
  03-14 and by 川政晨讯 (3 points, ¥50) on 03-16: paid once at the highest rate, so the second
  adoption tops up ¥20. Each share is split between p1 and p4.
- a topic XT-1 and three commissions: C1 (wj/p1, due 03-15) fulfilled by A5 on 03-05; C2 (nyj,
  due 03-10) never delivered; C3 (qf, due 03-31) open at 03-25.
- urgent items: U1 (qf, phone, 15 minutes: on time), U2 (nyj, written, 60 minutes against 40:
  late), U3 (wj, no time of the event: cannot be judged).
- targets: qf 5, nyj 10 (besides gx 20 and wj 10).
- bulletin 〔2011〕第2期 (总第102期) of A6 and A3, after 第1期 of the small journal.

Remuneration for March (mode highest): A1 30, A2 30, A3 50, A5 30, A6 30 + top-up 20 = 190;
p1 30 + 30 + 30 + 15 + 10 = 115, p2 50, p4 15 + 10 = 25; units wj 140, qf 50.
Points for March: wj 2 + 5 + 5 (comment) + 1 + 2 + 3 = 18 (p1 2 + 5 + 5 + 1 + 1 + 1.5 = 15.5,
p4 1 + 1.5 = 2.5), qf 3 + 1 = 4, nyj 0; the office 22 against its target 20.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from govinfo_tui import events as E
from govinfo_tui import journal
from govinfo_tui.queries import check, parse_period
from govinfo_tui.state import fold

from .conftest import at, rules_2011, small_events


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


def test_the_paper_journal_is_clean(tmp_path):
    root = tmp_path / "j"
    journal.init(root)
    journal.append(root, paper_events())
    st = fold(journal.load(root).events)
    assert [f.message for f in check(st)] == []
    assert len(st.items) == 9
