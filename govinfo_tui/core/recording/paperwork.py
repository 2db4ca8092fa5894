"""Requests for the office's paperwork: topics, commissions and their follow-up, bulletin issues.

The reports that read these events live in `core.reports`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import bulletins as B
from .. import events as E
from ..events import Event
from ..period import day_of
from ..state import State
from .common import RecordError, envelope, in_range, need, needles_for
from .scoring import after_submission, earns_points, scores_for_adoption


def _next_code(taken: Iterable[str], prefix: str) -> str:
    """`XT-2011-07` after `XT-2011-06`: a readable running number per prefix.

    Numbers are taken under the journal lock, so two people on one server never collide;
    two offices on two git branches could, and the second registration would replace the first.
    """
    used = [
        int(code[len(prefix) + 1 :])
        for code in taken
        if code.startswith(prefix + "-") and code[len(prefix) + 1 :].isdigit()
    ]
    return f"{prefix}-{max(used, default=0) + 1:02d}"


@dataclass(frozen=True)
class PlanTopic:
    """A topic (选题) planned at the weekly consultation meeting."""

    title: str
    note: str = ""
    topic: str | None = None

    def needles(self) -> list[str] | None:
        return ['"topic_planned"']  # the next free code runs on from every topic

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.title.strip():
            raise RecordError("record.topic_untitled")
        if self.topic is not None and self.topic in st.topics:
            raise RecordError("record.topic_taken", topic=self.topic, title=st.topics[self.topic].title)
        code = self.topic or _next_code(st.topics, f"XT-{at.year}")
        return [E.TopicPlanned(**envelope(at, by), topic=code, title=self.title.strip(), note=self.note)]


# what a topic's code looks like when typed where a title could stand: `XT-2011-07`
_TOPIC_CODE = re.compile(r"^XT-\d{4}-\d+$")


@dataclass(frozen=True)
class HoldMeeting:
    """The weekly consultation meeting (信息会商研究会) on the day it is recorded at: who sat at
    it, who chaired it, the work it heard of, and the topics it set. Each of `topics` is a new
    topic's title, planned in the same write, or the code of a topic planned before."""

    attendees: tuple[str, ...]
    topics: tuple[str, ...] = ()
    chair: str = ""
    briefing: str = ""
    meeting: str | None = None

    def needles(self) -> list[str] | None:
        return ['"meeting_held"', '"topic_planned"']  # codes run on from both; a meeting a day

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        attendees = list(dict.fromkeys(name.strip() for name in self.attendees if name.strip()))
        if not attendees:
            raise RecordError("record.meeting_nobody")
        day = day_of(at)
        same = next((m for m in st.meetings.values() if day_of(m.at) == day), None)
        if same is not None:
            raise RecordError("record.meeting_same_day", day=day, meeting=same.meeting)
        if self.meeting is not None and self.meeting in st.meetings:
            raise RecordError("record.meeting_taken", meeting=self.meeting)
        code = self.meeting or _next_code(st.meetings, f"HS-{at.year}")
        out: list[Event] = []
        codes: list[str] = []
        taken = list(st.topics)
        for text in (t.strip() for t in self.topics):
            if not text:
                continue
            if text in st.topics:
                codes.append(text)
                continue
            if _TOPIC_CODE.match(text):
                raise RecordError("record.unknown_topic", topic=text)
            new = _next_code(taken, f"XT-{at.year}")
            taken.append(new)
            out.append(E.TopicPlanned(**envelope(at, by), topic=new, title=text, note=f"{code}会商确定"))
            codes.append(new)
        meeting = E.MeetingHeld(
            **envelope(at, by),
            meeting=code,
            attendees=attendees,
            topics=list(dict.fromkeys(codes)),
            chair=self.chair.strip(),
            briefing=self.briefing.strip(),
        )
        return [*out, meeting]


@dataclass(frozen=True)
class CommissionItem:
    """An item commissioned (约稿) from a unit or one of its officers by a deadline."""

    deadline: dt.date
    title: str = ""
    unit: str | None = None
    person: str | None = None
    topic: str | None = None
    commission: str | None = None
    requirements: str = ""

    def needles(self) -> list[str] | None:
        return ['"commissioned"', '"topic_planned"']  # every code taken, and the topic's title

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        topic, unit = self.topic, self.unit
        if topic is not None and topic not in st.topics:
            raise RecordError("record.unknown_topic", topic=topic)
        title = self.title.strip() or (st.topics[topic].title if topic else "")
        if not title:
            raise RecordError("record.commission_untitled")
        if self.person is not None:
            need(st, "person", self.person)
            home = st.people[self.person].unit
            if unit is not None and unit != home:
                raise RecordError("record.person_elsewhere", person=self.person, home=home, unit=unit)
            unit = home
        if unit is None:
            raise RecordError("record.commission_for_whom")
        need(st, "unit", unit)
        if self.deadline < at.date():
            raise RecordError("record.deadline_before", deadline=self.deadline, day=at.date())
        if self.commission is not None and self.commission in st.commissions:
            raise RecordError("record.commission_taken", commission=self.commission)
        code = self.commission or _next_code(st.commissions, f"YG-{at.year}")
        return [
            E.Commissioned(
                **envelope(at, by),
                commission=code,
                title=title,
                unit=unit,
                deadline=self.deadline,
                person=self.person,
                topic=topic,
                requirements=self.requirements.strip(),
            )
        ]


@dataclass(frozen=True)
class Fulfil:
    """Link an item to the commission it answers.

    It is `dated` when given, else a second after the item came in (or the commission was
    made, if later), so it sorts after both whenever it is recorded.
    """

    commission: str
    item: str
    dated: dt.datetime | None = None

    def needles(self) -> list[str] | None:
        return None  # the item that already fulfilled it need not name the commission

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        com = st.commissions.get(self.commission)
        if com is None:
            raise RecordError("record.unknown_commission", commission=self.commission)
        need(st, "item", self.item)
        if com.item is not None:
            raise RecordError("record.commission_fulfilled", commission=self.commission, item=com.item)
        when = self.dated or max(st.items[self.item].submitted_at, com.at) + dt.timedelta(seconds=1)
        return [E.CommissionFulfilled(**envelope(when, by), commission=self.commission, item=self.item)]


@dataclass(frozen=True)
class FollowUp:
    """督办: the office chased a commission (or an item's follow-up)."""

    note: str
    commission: str | None = None
    item: str | None = None

    def needles(self) -> list[str] | None:
        return None  # whether it was fulfilled may rest on an item that does not name it

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.note.strip():
            raise RecordError("record.follow_up_no_note")
        if self.commission is None and self.item is None:
            raise RecordError("record.follow_up_nothing")
        if self.commission is not None:
            com = st.commissions.get(self.commission)
            if com is None:
                raise RecordError("record.unknown_commission", commission=self.commission)
            if com.item is not None and com.fulfilled_at is not None and com.fulfilled_at <= at:
                raise RecordError("record.nothing_to_chase", commission=self.commission, item=com.item)
        if self.item is not None:
            need(st, "item", self.item)
        return [E.FollowedUp(**envelope(at, by), commission=self.commission, item=self.item, note=self.note.strip())]


@dataclass(frozen=True)
class PublishBulletin:
    """An issue of the office's bulletin, its items in the order given.

    The number runs on per channel and year (supplements apart) unless given; 总第N期 runs on
    when earlier issues carry it; editor, recipients and print run default to the previous
    issue's (None keeps them, an empty tuple clears them). Where the rules score the bulletin
    (县级采用), each item is adopted in the issue too, with its scores.
    """

    items: tuple[str, ...]
    channel: str | None = None
    year: int | None = None
    number: int | None = None
    total_number: int | None = None
    supplement: bool = False
    title: str = ""
    editor: str | None = None
    recipients_up: tuple[str, ...] | None = None
    recipients_same: tuple[str, ...] | None = None
    recipients_down: tuple[str, ...] | None = None
    print_run: int | None = None

    def needles(self) -> list[str] | None:
        return ['"bulletin_published"', *needles_for(*self.items)]  # the numbering, and the items

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        items = self.items
        if not items:
            raise RecordError("record.issue_empty")
        for code in items:
            need(st, "item", code)
            after_submission(st, code, at, "bulletin issue")
        doubled = sorted({code for code in items if items.count(code) > 1})
        if doubled:
            raise RecordError("record.issue_twice", items=", ".join(doubled))
        channel = self.channel or B.default_channel(st)
        if channel is None:
            raise RecordError("record.issue_which")
        need(st, "channel", channel)
        year = self.year or at.year
        in_range(year, "year", E.FIRST_YEAR, E.LAST_YEAR)
        number = self.number
        if number is None:
            number = B.next_number(st, channel, year, self.supplement)
        elif number < 1:
            raise RecordError("record.issue_from_one")
        in_range(number, "issue number", 1, E.ISSUE_MAX)
        if self.total_number is not None:
            in_range(self.total_number, "total number", 1, E.TOTAL_MAX)
        if self.print_run is not None:
            in_range(self.print_run, "print run", 0, E.COUNT_MAX)
        for b in st.bulletins:
            if (b.channel, b.year, b.number, b.supplement) == (channel, year, number, self.supplement):
                nxt = B.next_number(st, channel, year, self.supplement)
                raise RecordError("record.issue_taken", issue=B.label(b), day=b.at.date(), next=nxt)
        total = self.total_number
        if not self.supplement:
            if total is None:
                total = B.next_total(st, channel)
            else:
                for b in st.bulletins:
                    if b.channel == channel and not b.supplement and b.total_number == total:
                        raise RecordError("record.total_taken", total=total, issue=B.label(b))
        prev = B.previous_issue(st, channel)

        def kept(given: tuple[str, ...] | None, previous: list[str] | None) -> list[str]:
            return list(given) if given is not None else list(previous or [])

        issue = E.BulletinPublished(
            **envelope(at, by),
            channel=channel,
            year=year,
            number=number,
            items=list(items),
            total_number=total,
            supplement=self.supplement,
            title=self.title,
            editor=self.editor if self.editor is not None else (prev.editor if prev else ""),
            recipients_up=kept(self.recipients_up, prev.recipients_up if prev else None),
            recipients_same=kept(self.recipients_same, prev.recipients_same if prev else None),
            recipients_down=kept(self.recipients_down, prev.recipients_down if prev else None),
            print_run=self.print_run if self.print_run is not None else (prev.print_run if prev else 0),
        )
        out: list[Event] = [issue]
        for adoption in bulletin_adoptions(st, issue):
            out += [adoption, *scores_for_adoption(st, adoption)]
        return out


def bulletin_adoptions(st: State, issue: E.BulletinPublished) -> list[E.ItemAdopted]:
    """The adoption of each item in `issue` by its bulletin, if the rules in force give the
    bulletin's adoptions points (in the county's own scheme, typically); else none."""
    if not earns_points(st, issue.channel, issue.at.date()):
        return []
    return [
        E.ItemAdopted(**envelope(issue.at, issue.by), item=code, channel=issue.channel, issue=B.label(issue))
        for code in issue.items
    ]
