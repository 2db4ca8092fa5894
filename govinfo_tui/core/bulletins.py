"""Numbering of the office's own bulletin (《高县政务信息》): which issue is which, and the next.

Issues are numbered per channel and year (〔2011〕第24期), supplements (增刊) apart; an
optional running total (总第N期) counts regular issues across years. `checks.bulletin_numbering`
reports gaps and duplicates; here we parse issue names and give the next free numbers.
"""

from __future__ import annotations

import datetime as dt
import re

from . import events as E
from .errors import GovinfoError
from .period import order_key
from .state import State

_SPEC = re.compile(r"^\s*(\d{4})\s*[-/ ]\s*(增刊|增|[Ss])?\s*(\d{1,4})\s*$")


class IssueError(GovinfoError, LookupError):
    """No such issue, or the request is ambiguous; the message says what to give."""


def parse_issue(spec: str) -> tuple[int, int, bool]:
    """`2011-24` -> (2011, 24, False); `2011-S2` or `2011-增刊2` -> (2011, 2, True)."""
    m = _SPEC.match(spec)
    if not m:
        raise IssueError("issue.not_understood", spec=spec)
    return int(m[1]), int(m[3]), bool(m[2])


def label(ev: E.BulletinPublished) -> str:
    return f"〔{ev.year}〕{'增刊' if ev.supplement else ''}第{ev.number}期"


def bulletin_channels(st: State) -> list[str]:
    """Channels that have issues, the most recently published first."""
    order: dict[str, tuple] = {}
    for b in st.bulletins:
        key = order_key(b)
        if b.channel not in order or key > order[b.channel]:
            order[b.channel] = key
    return sorted(order, key=lambda c: order[c], reverse=True)


def default_channel(st: State) -> str | None:
    """The channel of the latest issue, else the only county-level channel, else None."""
    used = bulletin_channels(st)
    if used:
        return used[0]
    county = [c for c, ch in st.channels.items() if ch.level == "county"]
    return county[0] if len(county) == 1 else None


def issues_of(st: State, channel: str) -> list[E.BulletinPublished]:
    return sorted((b for b in st.bulletins if b.channel == channel), key=order_key)


def next_number(st: State, channel: str, year: int, supplement: bool = False) -> int:
    used = [b.number for b in st.bulletins if b.channel == channel and b.year == year and b.supplement == supplement]
    return max(used, default=0) + 1


def next_total(st: State, channel: str) -> int | None:
    """The next 总第N期, when the channel's regular issues carry one; else None."""
    totals = [b.total_number for b in st.bulletins if b.channel == channel and not b.supplement and b.total_number]
    return max(totals) + 1 if totals else None


def previous_issue(st: State, channel: str, until: dt.datetime | None = None) -> E.BulletinPublished | None:
    """The channel's latest issue, or its latest up to `until` (an issue composed on a past day)."""
    found = [b for b in issues_of(st, channel) if until is None or b.at <= until]
    return found[-1] if found else None


def find_issue(st: State, spec: str, channel: str | None = None) -> E.BulletinPublished:
    year, number, supplement = parse_issue(spec)
    candidates = [
        b
        for b in st.bulletins
        if b.year == year and b.number == number and b.supplement == supplement and channel in (None, b.channel)
    ]
    if not candidates:
        if channel:
            raise IssueError("issue.missing_in", spec=spec, channel=channel)
        raise IssueError("issue.missing", spec=spec)
    channels = {b.channel for b in candidates}
    if len(channels) > 1:
        raise IssueError("issue.ambiguous", spec=spec, channels=", ".join(sorted(channels)))
    return min(candidates, key=order_key)  # a duplicate number is reported by `check`
