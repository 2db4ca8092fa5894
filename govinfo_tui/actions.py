"""Recording: turn what a user asks for into validated events, and write them.

Both faces (command line and app) call these builders, so the rules of what may be
recorded live in one place. Builders are pure: they read a `State` and return events;
`record` takes the lock, loads only what validation needs, builds and appends.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec
from ulid import ULID

from . import events as E
from . import journal, rules
from .events import Event
from .queries import channel_level, expected_points
from .state import OFFICE_TZ, State, fold


class RecordError(ValueError):
    """The request cannot be recorded as asked; the message says what to change."""


def new_id() -> str:
    return str(ULID())


def new_item_id(at: dt.datetime, taken: Iterable[str] = ()) -> str:
    """A short id people can say aloud: year-month and six random Crockford characters.

    The random part comes from a fresh ULID (80 random bits), so two offices on two git
    branches pick the same id only by a very unlikely accident, which `check` would report.
    """
    taken = set(taken)
    while True:
        candidate = f"{at:%y%m}-{str(ULID())[-6:]}"
        if candidate not in taken:
            return candidate


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")


def now() -> dt.datetime:
    return dt.datetime.now(OFFICE_TZ).replace(microsecond=0)


def _need(st: State, kind: str, code: str | None) -> None:
    table = {"unit": st.units, "person": st.people, "channel": st.channels, "item": st.items}[kind]
    if code is not None and code not in table:
        if kind == "item":
            raise RecordError(f"unknown item {code!r}; find its id with `govinfo report changes`")
        known = ", ".join(sorted(table)[:8])
        more = " ..." if len(table) > 8 else ""
        raise RecordError(f"unknown {kind} {code!r}; known: {known}{more}")


# --- builders ------------------------------------------------------------------------


def submit(
    st: State,
    *,
    title: str,
    unit: str,
    at: dt.datetime,
    by: str,
    authors: list[str] = [],  # noqa: B006 - never mutated
    category: str = "",
    channels: list[str] = [],  # noqa: B006
    urgent: bool = False,
    occurred_at: dt.datetime | None = None,
    report_kind: str | None = None,
    commission: str | None = None,
    text: str = "",
    item: str | None = None,
) -> list[Event]:
    if not title.strip():
        raise RecordError("the title is empty; give the item a title")
    _need(st, "unit", unit)
    for p in authors:
        _need(st, "person", p)
    for c in channels:
        _need(st, "channel", c)
    if commission and commission not in st.commissions:
        raise RecordError(f"unknown commission {commission!r}")
    if item is not None and item in st.items:
        raise RecordError(f"item id {item} is already taken")
    ev = E.ItemSubmitted(
        id=new_id(),
        at=at,
        by=by,
        item=item or new_item_id(at, st.items),
        title=title.strip(),
        unit=unit,
        authors=authors,
        category=category,
        channels=channels,
        urgent=urgent,
        occurred_at=occurred_at,
        report_kind=report_kind,  # type: ignore[arg-type]
        commission=commission,
        text=text,
    )
    return [ev]


def score_for_adoption(st: State, adoption: E.ItemAdopted) -> E.Scored:
    """The `scored` event the rule set in force on the adoption's date gives."""
    rs = rules.in_force(st.rulesets, adoption.at.date())
    if rs is None:
        raise RecordError(
            f"no rule set is in force on {adoption.at.date()}; register one (govinfo register rules) "
            "or give the points by hand with --points and --reason"
        )
    try:
        pts = rules.adoption_points(rs, adoption.channel, channel_level(st, adoption.channel), adoption.form)
    except rules.NoRule as exc:
        raise RecordError(str(exc)) from None
    return _scored(st, adoption.item, adoption.units, pts.points, pts.rule, adoption, rs)


def _scored(
    st: State,
    item_id: str,
    units: list[str],
    points: float,
    rule: str,
    source: Event,
    rs: E.RulesSet | None,
    reason: str = "",
) -> E.Scored:
    item = st.items[item_id]
    credited = list(units) or [item.unit]
    authors_by_unit: dict[str, list[str]] = {}
    for p in item.authors:
        person = st.people.get(p)
        if person is not None and person.unit in credited:
            authors_by_unit.setdefault(person.unit, []).append(p)
    if item.unit in credited and item.unit not in authors_by_unit and item.authors:
        authors_by_unit[item.unit] = list(item.authors)
    return E.Scored(
        id=new_id(),
        at=source.at,
        by=source.by,
        points=points,
        credits=rules.split_credits(rs, points, credited, authors_by_unit),
        rule=rule,
        source=source.id,
        item=item_id,
        reason=reason,
    )


def adopt(
    st: State,
    *,
    item: str,
    channel: str,
    at: dt.datetime,
    by: str,
    issue: str = "",
    form: str = "单条",
    units: list[str] = [],  # noqa: B006
    points: float | None = None,
    reason: str = "",
) -> list[Event]:
    """An adoption and its score: by the rules, or `points` given by hand with a reason."""
    _need(st, "item", item)
    _need(st, "channel", channel)
    for u in units:
        _need(st, "unit", u)
    ev = E.ItemAdopted(id=new_id(), at=at, by=by, item=item, channel=channel, issue=issue, form=form, units=units)
    if points is not None:
        if not reason.strip():
            raise RecordError("points given by hand need a reason (--reason)")
        rs = rules.in_force(st.rulesets, at.date())
        return [ev, _scored(st, item, units, points, "manual", ev, rs, reason.strip())]
    return [ev, score_for_adoption(st, ev)]


def preview_adoption(st: State, *, item: str, channel: str, day: dt.date, form: str) -> rules.Points:
    """What the rules would give, for a form to show before saving."""
    rs = rules.in_force(st.rulesets, day)
    if rs is None:
        raise RecordError(f"no rule set is in force on {day}")
    try:
        return rules.adoption_points(rs, channel, channel_level(st, channel), form)
    except rules.NoRule as exc:
        raise RecordError(str(exc)) from None


def comment(
    st: State,
    *,
    item: str,
    leader: str,
    at: dt.datetime,
    by: str,
    level: str = "county",
    stance: str = "affirmative",
    principal: bool = False,
    text: str = "",
) -> list[Event]:
    """A leader's comment, with its bonus score when the rules give one."""
    _need(st, "item", item)
    if not leader.strip():
        raise RecordError("name the leader who commented")
    ev = E.LeaderCommented(
        id=new_id(),
        at=at,
        by=by,
        item=item,
        leader=leader.strip(),
        level=level,  # type: ignore[arg-type]
        stance=stance,  # type: ignore[arg-type]
        principal=principal,
        text=text,
    )
    out: list[Event] = [ev]
    rs = rules.in_force(st.rulesets, at.date())
    if rs is not None:
        pts = rules.comment_points(rs, level, stance)
        if pts.points:
            out.append(_scored(st, item, [], pts.points, pts.rule, ev, rs))
    return out


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
    """A score by hand (a penalty, a bonus), or an override that voids the score it replaces."""
    if not reason.strip():
        raise RecordError("a score by hand needs a reason (--reason)")
    out: list[Event] = []
    source = None
    if replaces:
        old = st.events.get(replaces)
        if not isinstance(old, E.Scored):
            raise RecordError(f"{replaces} is not a score event; give the id of the score to override")
        if replaces in st.voids:
            raise RecordError(f"score {replaces} is already voided")
        out.append(E.EventVoided(id=new_id(), at=at, by=by, target=replaces, reason=f"override: {reason}"))
        item = item or old.item
        source = old.source
        if unit is None and person is None:
            units = list(dict.fromkeys(c.unit for c in old.credits))
            rs = rules.in_force(st.rulesets, old.at.date())
            item_obj = st.items.get(old.item) if old.item else None
            by_unit: dict[str, list[str]] = {}
            for c in old.credits:
                if c.person:
                    by_unit.setdefault(c.unit, []).append(c.person)
            credits = rules.split_credits(rs, points, units, by_unit if item_obj else {})
            out.append(
                E.Scored(
                    id=new_id(),
                    at=old.at,
                    by=by,
                    points=points,
                    credits=credits,
                    rule="override",
                    source=source,
                    item=item,
                    reason=reason.strip(),
                )
            )
            return out
    if item:
        _need(st, "item", item)
        unit = unit or st.items[item].unit
    if person:
        _need(st, "person", person)
        unit = unit or st.people[person].unit
    if not unit:
        raise RecordError("say whom the points credit: --unit, --person or --item")
    _need(st, "unit", unit)
    out.append(
        E.Scored(
            id=new_id(),
            at=at,
            by=by,
            points=points,
            credits=[E.Credit(unit=unit, person=person, points=points)],
            rule=rule,
            source=source,
            item=item,
            reason=reason.strip(),
        )
    )
    return out


def amend(st: State, *, item: str, at: dt.datetime, by: str, reason: str = "", **fields: object) -> list[Event]:
    _need(st, "item", item)
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise RecordError("nothing to amend; give at least one field to change")
    if "unit" in changes:
        _need(st, "unit", changes["unit"])  # type: ignore[arg-type]
    for p in changes.get("authors", []) or []:  # type: ignore[union-attr]
        _need(st, "person", p)
    return [E.ItemAmended(id=new_id(), at=at, by=by, item=item, reason=reason, **changes)]  # type: ignore[arg-type]


def forward(st: State, *, item: str, channels: list[str], at: dt.datetime, by: str, note: str = "") -> list[Event]:
    _need(st, "item", item)
    if not channels:
        raise RecordError("name at least one channel to forward to")
    for c in channels:
        _need(st, "channel", c)
    return [E.ItemForwarded(id=new_id(), at=at, by=by, item=item, channels=channels, note=note)]


def return_item(st: State, *, item: str, at: dt.datetime, by: str, reason: str) -> list[Event]:
    _need(st, "item", item)
    return [E.ItemReturned(id=new_id(), at=at, by=by, item=item, reason=reason)]


def withdraw(st: State, *, item: str, at: dt.datetime, by: str, reason: str) -> list[Event]:
    _need(st, "item", item)
    return [E.ItemWithdrawn(id=new_id(), at=at, by=by, item=item, reason=reason)]


def void(st: State, *, target: str, reason: str, at: dt.datetime, by: str) -> list[Event]:
    """Void an event; voiding an adoption or comment voids its scores with it."""
    if not reason.strip():
        raise RecordError("say why the event is voided (--reason)")
    ev = st.events.get(target)
    if ev is None:
        raise RecordError(f"no event with id {target}; copy the id from `govinfo report timeline`")
    if target in st.voids:
        raise RecordError(f"event {target} is already voided")
    if isinstance(ev, E.EventVoided):
        raise RecordError("a void cannot be voided; record the event again instead")
    out: list[Event] = [E.EventVoided(id=new_id(), at=at, by=by, target=target, reason=reason.strip())]
    for s in st.scores:
        if s.source == target and s.id not in st.voids:
            out.append(E.EventVoided(id=new_id(), at=at, by=by, target=s.id, reason=f"source voided: {reason}"))
    return out


def parse_event_lines(data: bytes, *, by: str) -> list[Event]:
    """Validate raw JSONL for `append`: every line must decode; ids and `by` are filled in."""
    out: list[Event] = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = msgspec.json.decode(raw)
            if not isinstance(obj, dict):
                raise RecordError(f"line {lineno}: expected a JSON object")
            obj.setdefault("id", new_id())
            obj.setdefault("by", by)
            out.append(msgspec.convert(obj, E.AnyEvent))
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise RecordError(f"line {lineno}: {exc}; nothing was written") from None
    if not out:
        raise RecordError("no events in the input; nothing was written")
    return out


# --- writing -------------------------------------------------------------------------


def needles_for(*refs: str | None) -> list[str]:
    return [f'"{r}"' for r in refs if r]


def record(
    root: Path,
    build: Callable[[State], list[Event]],
    *,
    needles: list[str] | None = None,
    state: State | None = None,
) -> list[Event]:
    """Under the journal lock: load what validation needs, build, append.

    With `needles`, only the registry and the shard lines that mention them are read (cheap
    for one item); with `state` (the app's live state) nothing is read at all; else the
    whole journal is folded.
    """
    if journal.is_demo(root):
        raise RecordError(
            f"{root} is the bundled demo journal, which is read-only; "
            "start your own with `govinfo init journal` or pass --journal DIR"
        )
    with journal.locked(root):
        if state is None:
            loaded = journal.load_matching(root, needles) if needles is not None else journal.load(root)
            state = fold(loaded.events)
        events = build(state)
        _check_scores_sane(events)
        journal.append_locked(root, events)
    return events


def _check_scores_sane(events: list[Event]) -> None:
    for ev in events:
        if isinstance(ev, E.Scored) and abs(sum(c.points for c in ev.credits) - ev.points) > 0.005:
            raise RecordError("internal: credits do not add up; nothing was written")


__all__ = ["RecordError", "expected_points", "record"]
