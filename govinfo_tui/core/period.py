"""The office's calendar: its time zone, its days, and the periods reports are asked for.

Business time is stored with its own offset (normally +08:00); a day, a month or a year is
always the office's (UTC+8), so a notice for June counts what the office dated in June.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol, TypeVar

from .errors import GovinfoError

OFFICE_TZ = dt.timezone(dt.timedelta(hours=8))


class _Dated(Protocol):
    @property
    def at(self) -> dt.datetime: ...

    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_Dated)
_AT = attrgetter("at")


def as_of_end(day: dt.date) -> dt.datetime:
    """The last moment of `day` in the office's time zone."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=OFFICE_TZ)


def day_of(at: dt.datetime) -> dt.date:
    """The office's calendar day of a moment (business time is read in UTC+8, like periods)."""
    return at.astimezone(OFFICE_TZ).date()


def order_key(ev: _Dated) -> tuple[dt.datetime, str]:
    """The one order of events: business time, ties broken by id (so line order never matters)."""
    return (ev.at, ev.id)


class PeriodError(GovinfoError, ValueError):
    """A period or date that does not read; still a `ValueError` for callers that catch one."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def first_moment(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=OFFICE_TZ)

    @property
    def last_moment(self) -> dt.datetime:
        return as_of_end(self.end)

    def has(self, at: dt.datetime) -> bool:
        """Whether a moment falls in the period, bounds taken in office time (UTC+8)."""
        return self.first_moment <= at <= self.last_moment

    def slice(self, events: list[E]) -> list[E]:
        """The events of a time-ordered list that fall in the period (two binary searches)."""
        lo = bisect_left(events, self.first_moment, key=_AT)
        hi = bisect_right(events, self.last_moment, key=_AT)
        return events[lo:hi]

    def months(self) -> list[tuple[int, int]]:
        out = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    if m := _YEAR.match(text):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise PeriodError("period.not_understood", text=text)
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    if m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        last = q * 3
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    if m := _HALF.match(text):
        y, h = int(m[1]), int(m[2])
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if m := _DAY.match(text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    raise PeriodError("period.not_understood", text=text)


def parse_period(text: str) -> Period:
    """`2011`, `2011-06`, `2011-Q2`, `2011-H1`, `2011-06-30`, or `A..B` of any of those."""
    text = text.strip()
    try:
        if ".." in text:
            a, b = text.split("..", 1)
            start, end = _bounds(a)[0], _bounds(b)[1]
        else:
            start, end = _bounds(text)
    except (PeriodError, ValueError):
        raise PeriodError("period.not_understood", text=text) from None
    if end < start:
        raise PeriodError("period.ends_before_start", text=text)
    return Period(start, end, text)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError("period.bad_date", text=text) from None
