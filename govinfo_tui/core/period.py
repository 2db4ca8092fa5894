"""The office's calendar: its time zone, its days, and the periods reports are asked for.

Business time is stored with its own offset (normally +08:00); a day, a month or a year is
always the office's (UTC+8), so a notice for June counts what the office dated in June.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
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
# what staff type: 2011年, 2011年6月, 2011年上半年, 2011年一季度, 2011年6月30日, or any of them
# without the year (上半年, 一季度, 6月) when a year is in view
_ZH = re.compile(
    r"^(?:(?P<year>\d{4})年度?)?"
    r"(?:(?P<half>[上下])半年|第?(?P<quarter>[一二三四1-4])季度"
    r"|(?P<month>\d{1,2})月份?(?:(?P<day>\d{1,2})[日号])?|(?P<whole>全年))?$"
)
_QUARTERS = "一二三四"
_RANGE = re.compile(r"\.\.|至|到|~")


def _last(y: int, mo: int) -> dt.date:
    return dt.date(y, mo, calendar.monthrange(y, mo)[1])


def _bounds(text: str, year: int | None) -> tuple[dt.date, dt.date, str]:
    """The first and last day of one period, and its label: as typed, or for what staff type
    the same in full, year included (`上半年` in 2011 is `2011年上半年`)."""
    if m := _YEAR.match(text):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), text
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise PeriodError("period.not_understood", text=text)
        return dt.date(y, mo, 1), _last(y, mo), text
    if m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        return dt.date(y, q * 3 - 2, 1), _last(y, q * 3), text
    if m := _HALF.match(text):
        y, h = int(m[1]), int(m[2])
        return (dt.date(y, 1, 1), dt.date(y, 6, 30), text) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31), text)
    if m := _DAY.match(text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, text
    if text and (m := _ZH.match(text)):
        return _chinese_bounds(m, text, year)
    raise PeriodError("period.not_understood", text=text)


def _chinese_bounds(m: re.Match[str], text: str, year: int | None) -> tuple[dt.date, dt.date, str]:
    """A period as staff write it: its own year, else the year in view; without either, staff
    are asked for it rather than given this year's, which may not be the one on screen."""
    if m["year"] is None and year is None:
        raise PeriodError("period.needs_year", text=text)
    y = int(m["year"]) if m["year"] else year
    assert y is not None
    if m["half"]:
        first = m["half"] == "上"
        start, end = (dt.date(y, 1, 1), dt.date(y, 6, 30)) if first else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        return start, end, f"{y}年{m['half']}半年"
    if m["quarter"]:
        q = int(m["quarter"]) if m["quarter"].isdigit() else _QUARTERS.index(m["quarter"]) + 1
        return dt.date(y, q * 3 - 2, 1), _last(y, q * 3), f"{y}年{_QUARTERS[q - 1]}季度"
    if m["month"]:
        mo = int(m["month"])
        if m["day"]:
            day = dt.date(y, mo, int(m["day"]))
            return day, day, f"{y}年{mo}月{day.day}日"
        return dt.date(y, mo, 1), _last(y, mo), f"{y}年{mo}月"
    return dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y}年"


def parse_period(text: str, *, year: int | None = None) -> Period:
    """`2011`, `2011-06`, `2011-Q2`, `2011-H1`, `2011-06-30`, what staff type (`2011年6月`,
    `2011年上半年`, `2011年一季度`), or `A..B` (also `A至B`) of any of those. `year` is the year
    in view (the day on screen, the as-of day): it completes `上半年`, `一季度`, `6月`; the end of
    a range takes its start's year (`2011年1月至6月`)."""
    text = unicodedata.normalize("NFKC", text).strip()  # full-width digits and ～, as a Chinese keyboard types them
    if not text.isascii():
        text = "".join(text.split())  # `2011 年 6 月`
    try:
        if sep := _RANGE.search(text):
            a, b = text[: sep.start()].strip(), text[sep.end() :].strip()
            start, _end, first = _bounds(a, year)
            _start, end, last = _bounds(b, start.year)
            label = text if sep[0] == ".." and text.isascii() else f"{first}{'..' if sep[0] == '..' else '至'}{last}"
        else:
            start, end, label = _bounds(text, year)
    except PeriodError as exc:
        if exc.code == "period.needs_year":
            raise
        raise PeriodError("period.not_understood", text=text) from None
    except ValueError:  # a month or a day that does not exist
        raise PeriodError("period.not_understood", text=text) from None
    if end < start:
        raise PeriodError("period.ends_before_start", text=text)
    return Period(start, end, label)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError("period.bad_date", text=text) from None
