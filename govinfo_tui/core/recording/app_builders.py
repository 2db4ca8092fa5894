"""The builder functions the Textual app still calls, each a thin wrapper over its request.

The app's forms record with `record(root, lambda st: adopt(st, ...), needles=...)`. Once they
construct requests and record those, this module goes, and `record` loses its second form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from .. import events as E
from ..events import Event
from ..state import State
from .items import Amend, Forward, Return, Submit, Void, Withdraw
from .paperwork import PublishBulletin
from .registry import RegisterChannel, RegisterPerson, RegisterRules, RegisterUnit, SetTarget
from .scoring import Adopt, Comment, ManualScore


def _tuple(values: Sequence[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


def submit(
    st: State,
    *,
    title: str,
    unit: str,
    at: dt.datetime,
    by: str,
    authors: Sequence[str] = (),
    category: str = "",
    channels: Sequence[str] = (),
    urgent: bool = False,
    occurred_at: dt.datetime | None = None,
    report_kind: Literal["phone", "written"] | None = None,
    commission: str | None = None,
    text: str = "",
    item: str | None = None,
) -> list[Event]:
    request = Submit(
        title=title,
        unit=unit,
        authors=tuple(authors),
        category=category,
        channels=tuple(channels),
        urgent=urgent,
        occurred_at=occurred_at,
        report_kind=report_kind,
        commission=commission,
        text=text,
        item=item,
    )
    return request.build(st, at, by)


def adopt(
    st: State,
    *,
    item: str,
    channel: str,
    at: dt.datetime,
    by: str,
    issue: str = "",
    form: str = "单条",
    units: Sequence[str] = (),
    points: float | None = None,
    reason: str = "",
) -> list[Event]:
    request = Adopt(
        item=item, channel=channel, issue=issue, form=form, units=tuple(units), points=points, reason=reason
    )
    return request.build(st, at, by)


def comment(
    st: State,
    *,
    item: str,
    leader: str,
    at: dt.datetime,
    by: str,
    level: E.Level = "county",
    stance: E.Stance = "affirmative",
    principal: bool = False,
    text: str = "",
) -> list[Event]:
    request = Comment(item=item, leader=leader, level=level, stance=stance, principal=principal, text=text)
    return request.build(st, at, by)


def manual_score(
    st: State,
    *,
    points: float,
    reason: str,
    at: dt.datetime,
    by: str,
    unit: str | None = None,
    item: str | None = None,
    person: str | None = None,
    replaces: str | None = None,
    rule: str = "manual",
) -> list[Event]:
    request = ManualScore(
        points=points, reason=reason, unit=unit, item=item, person=person, replaces=replaces, rule=rule
    )
    return request.build(st, at, by)


def amend(
    st: State,
    *,
    item: str,
    at: dt.datetime,
    by: str,
    reason: str = "",
    title: str | None = None,
    unit: str | None = None,
    authors: Sequence[str] | None = None,
    category: str | None = None,
    text: str | None = None,
) -> list[Event]:
    request = Amend(
        item=item, reason=reason, title=title, unit=unit, authors=_tuple(authors), category=category, text=text
    )
    return request.build(st, at, by)


def forward(st: State, *, item: str, channels: Sequence[str], at: dt.datetime, by: str, note: str = "") -> list[Event]:
    return Forward(item=item, channels=tuple(channels), note=note).build(st, at, by)


def return_item(st: State, *, item: str, at: dt.datetime, by: str, reason: str) -> list[Event]:
    return Return(item=item, reason=reason).build(st, at, by)


def withdraw(st: State, *, item: str, at: dt.datetime, by: str, reason: str) -> list[Event]:
    return Withdraw(item=item, reason=reason).build(st, at, by)


def void(st: State, *, target: str, reason: str, at: dt.datetime, by: str) -> list[Event]:
    return Void(target=target, reason=reason).build(st, at, by)


def publish_bulletin(
    st: State,
    *,
    items: Sequence[str],
    at: dt.datetime,
    by: str,
    channel: str | None = None,
    year: int | None = None,
    number: int | None = None,
    total_number: int | None = None,
    supplement: bool = False,
    title: str = "",
    editor: str | None = None,
    recipients_up: Sequence[str] | None = None,
    recipients_same: Sequence[str] | None = None,
    recipients_down: Sequence[str] | None = None,
    print_run: int | None = None,
) -> list[Event]:
    request = PublishBulletin(
        items=tuple(items),
        channel=channel,
        year=year,
        number=number,
        total_number=total_number,
        supplement=supplement,
        title=title,
        editor=editor,
        recipients_up=_tuple(recipients_up),
        recipients_same=_tuple(recipients_same),
        recipients_down=_tuple(recipients_down),
        print_run=print_run,
    )
    return request.build(st, at, by)


def register_unit(
    st: State,
    *,
    code: str,
    name: str,
    at: dt.datetime,
    by: str,
    kind: E.UnitKind = "department",
    parent: str | None = None,
    active: bool = True,
) -> list[Event]:
    return RegisterUnit(code=code, name=name, kind=kind, parent=parent, active=active).build(st, at, by)


def register_person(
    st: State,
    *,
    code: str,
    name: str,
    unit: str,
    at: dt.datetime,
    by: str,
    role: E.Role = "part_time",
    login: str | None = None,
    active: bool = True,
) -> list[Event]:
    request = RegisterPerson(code=code, name=name, unit=unit, role=role, login=login, active=active)
    return request.build(st, at, by)


def register_channel(
    st: State, *, code: str, name: str, level: E.Level, at: dt.datetime, by: str, publisher: str = ""
) -> list[Event]:
    return RegisterChannel(code=code, name=name, level=level, publisher=publisher).build(st, at, by)


def set_target(
    st: State,
    *,
    year: int,
    at: dt.datetime,
    by: str,
    points: float = 0.0,
    adoptions: int = 0,
    unit: str | None = None,
    person: str | None = None,
    issued_by: str = "",
) -> list[Event]:
    request = SetTarget(year=year, points=points, adoptions=adoptions, unit=unit, person=person, issued_by=issued_by)
    return request.build(st, at, by)


def rules_from_json(
    body: bytes | str, *, at: dt.datetime, by: str, name: str | None = None, effective: dt.date | None = None
) -> list[Event]:
    return RegisterRules(body=body, name=name, effective=effective).build(State(), at, by)
