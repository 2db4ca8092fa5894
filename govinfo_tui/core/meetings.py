"""The weekly consultation meeting (信息会商研究会): which weeks had one and which did not.

The seed's office meets once a week to hear the government's latest work and set the topics
(选题) its officers write on. A week counts from Monday to Sunday. Weeks are judged only from
the week of the first meeting on record, in the years the office records meetings at all, and
only once they are over: a journal kept before the office recorded meetings, or a year it
stopped, is not filled with missed weeks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import events as E
from .period import day_of
from .state import State

WEEK = dt.timedelta(days=7)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def held(st: State) -> list[E.MeetingHeld]:
    """The meetings that count, in the order they were held."""
    return sorted(st.meetings.values(), key=lambda m: (m.at, m.id))


@dataclass(frozen=True)
class Gap:
    """A run of weeks without a meeting, Monday of the first to Sunday of the last, and the
    meeting held before it."""

    first: dt.date
    last: dt.date
    before: E.MeetingHeld

    @property
    def weeks(self) -> int:
        return (self.last - self.first).days // 7 + 1

    def week_numbers(self) -> str:
        """ISO week numbers as people write them: `5` or `5-6`."""
        a, b = self.first.isocalendar().week, (self.last - dt.timedelta(days=6)).isocalendar().week
        return str(a) if a == b else f"{a}-{b}"


def gaps(st: State, start: dt.date | None = None, end: dt.date | None = None) -> list[Gap]:
    """The runs of weeks that had no meeting, of those whose Monday falls from `start` to `end`
    (default: from the record's first meeting on), in the years meetings are recorded. A week
    belongs to the period holding its Monday; one still running on the record's last day is
    not judged yet."""
    meetings = held(st)
    if not meetings or st.last_at is None:
        return []
    years = {day_of(m.at).year for m in meetings}
    days = sorted({day_of(m.at) for m in meetings})
    first_week = monday(days[0])
    week = max(first_week, monday(start + dt.timedelta(days=6)) if start else first_week)
    last_day = day_of(st.last_at)
    out: list[Gap] = []
    held_weeks = {monday(d) for d in days}
    i = 0  # the meetings held before `week`
    while week + dt.timedelta(days=6) <= last_day and (end is None or week <= end):
        while i < len(meetings) and day_of(meetings[i].at) < week:
            i += 1
        if week not in held_weeks and (week + dt.timedelta(days=3)).year in years and i > 0:
            last = week + dt.timedelta(days=6)
            if out and out[-1].last + dt.timedelta(days=1) == week:
                out[-1] = Gap(out[-1].first, last, out[-1].before)
            else:
                out.append(Gap(week, last, meetings[i - 1]))
        week += WEEK
    return out


def weeks_judged(st: State, start: dt.date, end: dt.date) -> int:
    """How many weeks whose Monday falls from `start` to `end` are judged (see `gaps`), held or not."""
    meetings = held(st)
    if not meetings or st.last_at is None:
        return 0
    years = {day_of(m.at).year for m in meetings}
    week = max(monday(day_of(meetings[0].at)), monday(start + dt.timedelta(days=6)))
    last_day = day_of(st.last_at)
    n = 0
    while week + dt.timedelta(days=6) <= last_day and week <= end:
        n += (week + dt.timedelta(days=3)).year in years
        week += WEEK
    return n
