"""Each request's `needles()` are enough: validating against the registry and the lines they name
gives the same events, or the same refusal, as validating against the whole journal."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import msgspec
import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, recording
from govinfo_tui.core.recording import (
    Adopt,
    AdoptMany,
    Amend,
    AppendEvents,
    AssertScore,
    Comment,
    CommissionItem,
    FollowUp,
    Forward,
    Fulfil,
    HoldMeeting,
    ManualScore,
    Override,
    PenalizeCommission,
    PenalizeQuota,
    PenalizeUrgent,
    PlanTopic,
    PublishBulletin,
    RecordError,
    RegisterChannel,
    RegisterPerson,
    RegisterRules,
    RegisterUnit,
    Request,
    Rescore,
    Restore,
    Return,
    RewardQuota,
    SetOffice,
    SetTarget,
    Submit,
    Void,
    Withdraw,
)
from govinfo_tui.core.state import State, fold

from ..conftest import at, paper_events

WHEN = at("2011-03-25", 10)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The paperwork journal, plus an override of A1's score and a change of A4's authors:
    lines a request about A1 or A4 must read to be judged right."""
    root = tmp_path_factory.mktemp("requests") / "j"
    journal.init(root)
    journal.append(root, paper_events())
    recording.record(root, Override(score=a1_score(whole_state(root)), points=4, reason="复核"), at=WHEN, by="t")
    recording.record(root, Amend(item="A4", authors=("p2",)), at=WHEN, by="t")
    return root


def whole_state(root: Path) -> State:
    return fold(journal.load(root).events)


def a1_score(st: State) -> str:
    """The score the rules gave A1's adoption (voided once the fixture overrides it)."""
    return next(e.id for e in st.log if isinstance(e, E.Scored) and e.item == "A1" and e.rule != "override")


def a1_adoption(st: State) -> str:
    return next(a.id for a in st.adoptions.values() if a.item == "A1")


def a2_score(st: State) -> str:
    return next(s.id for s in st.scores if s.item == "A2" and s.rule.endswith("单篇"))


# name -> the request, made from the whole journal's state (for ids only known there)
CASES: dict[str, Callable[[State], Request]] = {
    "submit": lambda st: Submit(title="文江镇新信息", unit="wj", authors=("p1",), channels=("kb",), item="1103-NEW001"),
    "submit for a commission": lambda st: Submit(title="防汛", unit="qf", commission="C3", item="1103-NEW002"),
    "submit for an unknown commission": lambda st: Submit(title="x", unit="qf", commission="C9", item="1103-NEW003"),
    "submit under a taken id": lambda st: Submit(title="x", unit="wj", item="A1"),
    "submit picking its own id": lambda st: Submit(title="x", unit="wj"),
    "amend": lambda st: Amend(item="A3", title="庆符镇防汛（修订）", reason="改标题"),
    "amend nothing": lambda st: Amend(item="A3"),
    "amend to an unknown unit": lambda st: Amend(item="A3", unit="nowhere"),
    "amend the units of an overridden item": lambda st: Amend(item="A1", joint=("qf",), reason="联合报送"),
    "amend the authors of an adopted item": lambda st: Amend(item="A4", unit="qf", authors=("p2",), joint=("nyj",)),
    "rescore": lambda st: Rescore(reason="复核"),
    "forward": lambda st: Forward(item="A4", channels=("kb",), note="转报"),
    "forward nowhere": lambda st: Forward(item="A4", channels=()),
    "return": lambda st: Return(item="A3", reason="要素不全"),
    "withdraw an unknown item": lambda st: Withdraw(item="A9", reason="x"),
    "void an adoption whose score was overridden": lambda st: Void(target=a1_adoption(st), reason="误录"),
    "void a voided score": lambda st: Void(target=a1_score(st), reason="x"),
    "void nothing known": lambda st: Void(target="NOSUCH", reason="x"),
    "undo the void of an override": lambda st: Restore(void=st.voids[a1_score(st)].id, reason="x"),
    "undo what is no void": lambda st: Restore(void=a1_adoption(st), reason="x"),
    "append": lambda st: AppendEvents(events=(E.ItemReturned(id="R1", at=WHEN, by="t", item="A3"),)),
    "adopt an amended item": lambda st: Adopt(item="A4", channel="kb", form="单篇"),
    "adopt crediting two units": lambda st: Adopt(item="A6", channel="kb", form="综合", units=("wj", "qf")),
    "adopt with points by hand": lambda st: Adopt(item="A3", channel="kb", points=3, reason="市办加分"),
    "adopt by the county's own bulletin": lambda st: Adopt(item="A3", channel="gxzw", form="专报"),
    "adopt by an unknown channel": lambda st: Adopt(item="A3", channel="gw"),
    "adopt an unknown item": lambda st: Adopt(item="A9", channel="kb"),
    "adopt several from the city's list": lambda st: AdoptMany(
        adoptions=((Adopt(item="A3", channel="kb", issue="第3期"), WHEN), (Adopt(item="A6", channel="cz"), WHEN)),
        origins=("list.csv:2", "list.csv:3"),
    ),
    "adopt one twice from the city's list": lambda st: AdoptMany(
        adoptions=((Adopt(item="A3", channel="kb", issue="3"), WHEN), (Adopt(item="A3", channel="kb", issue="3"), WHEN))
    ),
    "assert the city's total": lambda st: AssertScore(unit="gx", period="2011-03", points=17, source="市通报"),
    "assert a total of the county's own": lambda st: AssertScore(
        unit="wj", period="2011-03", points=3, scheme="internal"
    ),
    "assert for an unknown unit": lambda st: AssertScore(unit="xx", period="2011-03", points=1),
    "comment": lambda st: Comment(item="A6", leader="副市长", level="city"),
    "comment without a bonus": lambda st: Comment(item="A6", leader="县长", level="county", principal=True),
    "comment by nobody": lambda st: Comment(item="A6", leader=" ", level="county"),
    "score by hand for an officer": lambda st: ManualScore(points=1, reason="奖励", person="p2"),
    "score by hand for an item": lambda st: ManualScore(points=-1, reason="扣分", item="A4"),
    "score by hand replacing a score": lambda st: ManualScore(
        points=2, reason="改记", unit="qf", replaces=a2_score(st)
    ),
    "score by hand replacing a voided score": lambda st: ManualScore(points=2, reason="x", replaces=a1_score(st)),
    "score by hand without a reason": lambda st: ManualScore(points=1, reason=" ", unit="wj"),
    "override": lambda st: Override(score=a2_score(st), points=6, reason="复核"),
    "override what is no score": lambda st: Override(score=a1_adoption(st), points=1, reason="x"),
    "plan a topic": lambda st: PlanTopic(title="汛期准备"),
    "plan a topic under a taken id": lambda st: PlanTopic(title="x", topic="XT-1"),
    "hold a meeting setting a topic and taking one up": lambda st: HoldMeeting(
        attendees=("王敏", "刘洋"), topics=("汛期准备", "XT-1"), chair="副主任"
    ),
    "hold a meeting nobody attended": lambda st: HoldMeeting(attendees=(" ",)),
    "hold a meeting on an unknown topic code": lambda st: HoldMeeting(attendees=("王敏",), topics=("XT-2011-77",)),
    "commission from an officer on a topic": lambda st: CommissionItem(
        deadline=dt.date(2011, 4, 5), person="p2", topic="XT-1"
    ),
    "commission from an officer of another unit": lambda st: CommissionItem(
        deadline=dt.date(2011, 4, 5), title="x", unit="wj", person="p2"
    ),
    "commission under a taken id": lambda st: CommissionItem(
        deadline=dt.date(2011, 4, 5), title="x", unit="qf", commission="C1"
    ),
    "commission on an unknown topic": lambda st: CommissionItem(deadline=dt.date(2011, 4, 5), topic="XT-9"),
    "fulfil": lambda st: Fulfil(commission="C3", item="A3"),
    "fulfil a fulfilled commission": lambda st: Fulfil(commission="C1", item="A6"),
    "follow up an overdue commission": lambda st: FollowUp(note="电话督促", commission="C2"),
    "follow up a fulfilled commission": lambda st: FollowUp(note="x", commission="C1"),
    "publish a bulletin": lambda st: PublishBulletin(items=("A1", "A2")),
    "publish a number taken": lambda st: PublishBulletin(items=("A1",), number=2),
    "publish a total number taken": lambda st: PublishBulletin(items=("A1",), total_number=102),
    "publish an item twice": lambda st: PublishBulletin(items=("A1", "A1")),
    "penalise an overdue commission": lambda st: PenalizeCommission(commission="C2"),
    "penalise a commission delivered on time": lambda st: PenalizeCommission(commission="C1"),
    "penalise an open commission": lambda st: PenalizeCommission(commission="C3"),
    "penalise a late urgent item": lambda st: PenalizeUrgent(item="U2"),
    "penalise an urgent item on time": lambda st: PenalizeUrgent(item="U1"),
    "penalise an urgent item without its time": lambda st: PenalizeUrgent(item="U3"),
    "penalise an officer below quota": lambda st: PenalizeQuota(person="p2", month="2011-03"),
    "penalise an officer meeting the quota": lambda st: PenalizeQuota(person="p1", month="2011-03"),
    "reward the officers meeting the quota": lambda st: RewardQuota(month="2011-03"),
    "submit a joint item": lambda st: Submit(title="联合", unit="wj", joint=("qf",), item="1103-NEW004"),
    "register a unit": lambda st: RegisterUnit(code="lc", name="罗场镇", kind="township", parent="gx"),
    "register a unit under an unknown parent": lambda st: RegisterUnit(code="lc", name="罗场镇", parent="xx"),
    "register an officer": lambda st: RegisterPerson(code="p5", name="钱七", unit="nyj", role="full_time"),
    "register an officer of an unknown unit": lambda st: RegisterPerson(code="p5", name="钱七", unit="xx"),
    "register a channel": lambda st: RegisterChannel(code="gw", name="国务院信息", level="national"),
    "set a target": lambda st: SetTarget(year=2011, unit="qf", points=6),
    "set a target for nobody known": lambda st: SetTarget(year=2011, person="p9", points=6),
    "register rules": lambda st: RegisterRules(body='{"adoption": []}', name="2011修订", effective=dt.date(2011, 4, 1)),
    "register rules that are no JSON": lambda st: RegisterRules(body="{"),
    "set the office's papers": lambda st: SetOffice(E.DocumentSettings(cc="县委办。", own_units=["qf"])),
    "set one paper's number": lambda st: SetOffice(E.DocumentSettings(number="45"), paper="notice", period="2011-03"),
    "set an unknown own unit": lambda st: SetOffice(E.DocumentSettings(own_units=["xx"])),
}


def outcome(request: Request, st: State, monkeypatch: pytest.MonkeyPatch) -> object:
    """The events built (with ids counted from zero, so two builds compare) or the refusal."""
    counter = itertools.count()
    monkeypatch.setattr("govinfo_tui.core.recording.common.ULID", lambda: f"01TEST{next(counter):020d}")
    try:
        return [msgspec.to_builtins(ev) for ev in request.build(st, WHEN, "t")]
    except RecordError as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize("case", CASES)
def test_needles_are_enough(root: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = whole_state(root)
    request = CASES[case](whole)
    needles = request.needles()
    read = whole if needles is None else fold(journal.load_matching(root, needles).events)
    assert outcome(request, read, monkeypatch) == outcome(request, whole, monkeypatch)


def test_every_request_is_tried(root: Path) -> None:
    whole = whole_state(root)
    assert {type(make(whole)) for make in CASES.values()} == set(get_args(Request))


def test_record_reads_what_the_request_names(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`record` reads the registry and the named lines, or the whole journal for needles of None;
    it writes nothing when the build refuses."""
    read: list[list[str] | None] = []
    real_matching, real_load = journal.load_matching, journal.load

    def matching(root: Path, needles: list[str], scan: journal.Scan | None = None) -> journal.Loaded:
        read.append(needles)
        return real_matching(root, needles, scan)

    def load(root: Path) -> journal.Loaded:
        read.append(None)
        return real_load(root)

    monkeypatch.setattr(journal, "load_matching", matching)
    monkeypatch.setattr(journal, "load", load)
    before = {p: p.read_bytes() for p in journal.journal_files(root)}
    for request in (Adopt(item="A9", channel="kb"), Fulfil(commission="C9", item="A1")):
        with pytest.raises(RecordError):
            recording.record(root, request, at=WHEN, by="t")
    assert read == [['"A9"', '"event_voided"'], None]
    assert {p: p.read_bytes() for p in journal.journal_files(root)} == before
