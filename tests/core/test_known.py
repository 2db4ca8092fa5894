"""Recording time: read from `recorded`, else the ULID, else business time; `append` fills it in."""

from __future__ import annotations

import datetime as dt

from ulid import ULID

from govinfo_tui.core import events as E
from govinfo_tui.core.known import known_by, recorded_at, recorded_late
from govinfo_tui.core.period import OFFICE_TZ
from govinfo_tui.core.recording import parse_event_lines

AT = dt.datetime(2011, 3, 1, 9, tzinfo=OFFICE_TZ)


def returned(ev_id: str, **kw) -> E.ItemReturned:
    return E.ItemReturned(id=ev_id, at=AT, item="x", **kw)


def test_the_ulid_says_when_an_event_was_recorded_to_the_millisecond():
    when = dt.datetime(2011, 6, 1, 10, 30, 15, 123000, tzinfo=dt.UTC)
    ev = returned(str(ULID.from_datetime(when)))
    assert recorded_at(ev) == when
    assert known_by([ev], when) == [ev]
    assert known_by([ev], when - dt.timedelta(milliseconds=1)) == []
    assert recorded_late(ev) == when  # three months after its business time


def test_recorded_comes_first_and_an_id_that_is_no_ulid_means_business_time():
    later = AT + dt.timedelta(days=30)
    given = returned(str(ULID.from_datetime(AT)), recorded=later)
    hand = returned("EV00001")
    assert recorded_at(given) == later and recorded_at(hand) == AT
    assert known_by([given, hand], AT) == [hand]
    assert recorded_late(hand) is None


def test_append_dates_the_lines_whose_id_cannot_say_when_they_were_learned():
    lines = b'{"type":"item_returned","id":"IMP1","at":"2011-03-01T09:00:00+08:00","item":"x"}\n'
    lines += b'{"type":"item_returned","at":"2011-03-01T09:00:00+08:00","item":"y"}\n'
    imported, fresh = parse_event_lines(lines, by="t").events
    assert imported.recorded is not None and imported.recorded.year > 2011
    assert fresh.recorded is None and recorded_at(fresh).year > 2011  # a new ULID says it
