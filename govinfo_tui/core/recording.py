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
from typing import cast

import msgspec
from ulid import ULID

from . import events as E
from . import journal, rules
from .events import Event
from .period import OFFICE_TZ
from .queries import channel_level
from .state import State, fold


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
    tables: dict[str, dict] = {"unit": st.units, "person": st.people, "channel": st.channels, "item": st.items}
    table = tables[kind]
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
    for p in fields.get("authors") or []:  # type: ignore[attr-defined]
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
) -> list[Event]:
    """Under the journal lock: load what validation needs, build, append.

    With `needles`, only the registry and the shard lines that mention them are read (cheap
    for one item); else the whole journal is folded.
    """
    if journal.is_demo(root):
        raise RecordError(
            f"{root} is the bundled demo journal, which is read-only; "
            "start your own with `govinfo init journal` or pass --journal DIR"
        )
    with journal.locked(root):
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


# --- topics, commissions, follow-up, bulletin issues, penalties ----------------------
# (office paperwork; the reports that read these events live in `core.reports`)


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


def plan_topic(
    st: State, *, title: str, at: dt.datetime, by: str, note: str = "", topic: str | None = None
) -> list[Event]:
    """A topic (选题) planned at the weekly consultation meeting."""
    if not title.strip():
        raise RecordError("the topic has no title; say what it is about")
    if topic is not None and topic in st.topics:
        raise RecordError(f"topic id {topic} is already taken by 《{st.topics[topic].title}》")
    code = topic or _next_code(st.topics, f"XT-{at.year}")
    return [E.TopicPlanned(id=new_id(), at=at, by=by, topic=code, title=title.strip(), note=note)]


def commission_item(
    st: State,
    *,
    deadline: dt.date,
    at: dt.datetime,
    by: str,
    title: str = "",
    unit: str | None = None,
    person: str | None = None,
    topic: str | None = None,
    commission: str | None = None,
) -> list[Event]:
    """An item commissioned (约稿) from a unit or one of its officers by a deadline."""
    if topic is not None and topic not in st.topics:
        raise RecordError(f"unknown topic {topic!r}; plan it first with `govinfo topic`")
    title = title.strip() or (st.topics[topic].title if topic else "")
    if not title:
        raise RecordError("the commission has no title; give one or a --topic")
    if person is not None:
        _need(st, "person", person)
        home = st.people[person].unit
        if unit is not None and unit != home:
            raise RecordError(f"{person} belongs to unit {home}, not {unit}")
        unit = home
    if unit is None:
        raise RecordError("say whom the item is asked from: --unit or --person")
    _need(st, "unit", unit)
    if deadline < at.date():
        raise RecordError(f"the deadline {deadline} is before the commission's date {at.date()}")
    if commission is not None and commission in st.commissions:
        raise RecordError(f"commission id {commission} is already taken")
    code = commission or _next_code(st.commissions, f"YG-{at.year}")
    return [
        E.Commissioned(
            id=new_id(),
            at=at,
            by=by,
            commission=code,
            title=title,
            unit=unit,
            deadline=deadline,
            person=person,
            topic=topic,
        )
    ]


def fulfil(st: State, *, commission: str, item: str, by: str, at: dt.datetime | None = None) -> list[Event]:
    """Link an item to the commission it answers; dated when the item came in unless `at` is given."""
    com = st.commissions.get(commission)
    if com is None:
        raise RecordError(f"unknown commission {commission!r}; list them with `govinfo report commissions`")
    _need(st, "item", item)
    if com.item is not None:
        raise RecordError(f"commission {commission} is already fulfilled by item {com.item}")
    # a second after the item came in (or the commission was made), so it sorts after both
    when = at or max(st.items[item].submitted_at, com.at) + dt.timedelta(seconds=1)
    return [E.CommissionFulfilled(id=new_id(), at=when, by=by, commission=commission, item=item)]


def follow_up(
    st: State, *, note: str, at: dt.datetime, by: str, commission: str | None = None, item: str | None = None
) -> list[Event]:
    """督办: record that the office chased a commission (or an item's follow-up)."""
    if not note.strip():
        raise RecordError("say what was done to follow up (--note), e.g. 电话督促, 限6月25日前报送")
    if commission is None and item is None:
        raise RecordError("follow up a commission (give its id) or an item (--item)")
    if commission is not None:
        com = st.commissions.get(commission)
        if com is None:
            raise RecordError(f"unknown commission {commission!r}; list them with `govinfo report commissions`")
        if com.item is not None and com.fulfilled_at is not None and com.fulfilled_at <= at:
            raise RecordError(f"commission {commission} was fulfilled by item {com.item}; nothing to chase")
    if item is not None:
        _need(st, "item", item)
    return [E.FollowedUp(id=new_id(), at=at, by=by, commission=commission, item=item, note=note.strip())]


def publish_bulletin(
    st: State,
    *,
    items: list[str],
    at: dt.datetime,
    by: str,
    channel: str | None = None,
    year: int | None = None,
    number: int | None = None,
    total_number: int | None = None,
    supplement: bool = False,
    title: str = "",
    editor: str | None = None,
    recipients_up: list[str] | None = None,
    recipients_same: list[str] | None = None,
    recipients_down: list[str] | None = None,
    print_run: int | None = None,
) -> list[Event]:
    """An issue of the office's bulletin, its items in the order given.

    The number runs on per channel and year (supplements apart) unless given; 总第N期 runs on
    when earlier issues carry it; editor, recipients and print run default to the previous issue's.
    """
    from . import bulletins as B

    if not items:
        raise RecordError("an issue needs at least one item")
    for code in items:
        _need(st, "item", code)
    doubled = sorted({code for code in items if items.count(code) > 1})
    if doubled:
        raise RecordError(f"item {', '.join(doubled)} is listed twice in the issue")
    channel = channel or B.default_channel(st)
    if channel is None:
        raise RecordError("which bulletin? give --channel (a county-level channel)")
    _need(st, "channel", channel)
    year = year or at.year
    if number is None:
        number = B.next_number(st, channel, year, supplement)
    elif number < 1:
        raise RecordError("issue numbers start at 1")
    for b in st.bulletins:
        if (b.channel, b.year, b.number, b.supplement) == (channel, year, number, supplement):
            nxt = B.next_number(st, channel, year, supplement)
            raise RecordError(f"{B.label(b)} was already published on {b.at.date()}; the next free number is {nxt}")
    if supplement:
        total = total_number
    else:
        total = total_number if total_number is not None else B.next_total(st, channel)
        if total_number is not None:
            for b in st.bulletins:
                if b.channel == channel and not b.supplement and b.total_number == total_number:
                    raise RecordError(f"总第{total_number}期 is already {B.label(b)}")
    prev = B.previous_issue(st, channel)
    return [
        E.BulletinPublished(
            id=new_id(),
            at=at,
            by=by,
            channel=channel,
            year=year,
            number=number,
            items=list(items),
            total_number=total,
            supplement=supplement,
            title=title,
            editor=editor if editor is not None else (prev.editor if prev else ""),
            recipients_up=recipients_up if recipients_up is not None else (list(prev.recipients_up) if prev else []),
            recipients_same=(
                recipients_same if recipients_same is not None else (list(prev.recipients_same) if prev else [])
            ),
            recipients_down=(
                recipients_down if recipients_down is not None else (list(prev.recipients_down) if prev else [])
            ),
            print_run=print_run if print_run is not None else (prev.print_run if prev else 0),
        )
    ]


def _penalty(st: State, rs: E.RulesSet | None, kind: str, day: dt.date) -> rules.Points:
    if rs is None:
        raise RecordError(f"no rule set is in force on {day}; a penalty needs one (or use `govinfo score`)")
    pts = rules.penalty(rs, kind)
    if not pts.points:
        raise RecordError(f"rule set {rs.ruleset} sets no penalty for {kind}; nothing to record")
    return pts


def penalize_commission(st: State, *, commission: str, at: dt.datetime, by: str, reason: str = "") -> list[Event]:
    """The rules' penalty for a commission missed (约稿未报) or delivered after its deadline.

    The score's source is the `commissioned` event, so voiding that voids the penalty too.
    """
    from .penalties import commission_event_ids, status_on
    from .period import day_of

    com = st.commissions.get(commission)
    if com is None:
        raise RecordError(f"unknown commission {commission!r}; list them with `govinfo report commissions`")
    status, delivered = status_on(com, day_of(at))
    if status == "open":
        raise RecordError(f"commission {commission} is not due until {com.deadline}; nothing to penalise yet")
    if status == "on_time":
        raise RecordError(f"commission {commission} was delivered on time ({delivered}); nothing to penalise")
    source = commission_event_ids(st).get(commission)
    for s in st.scores:
        if s.source == source and rules.penalty_kind(s.rule) == "missed_commission":
            raise RecordError(f"commission {commission} was already penalised ({s.points:+g}, score {s.id})")
    rs = rules.in_force(st.rulesets, com.deadline)
    pts = _penalty(st, rs, "missed_commission", com.deadline)
    what = "逾期未报" if status == "overdue" else f"逾期报送（{delivered}）"
    text = reason.strip() or f"约稿 {commission}《{com.title}》{what}，时限 {com.deadline}"
    return [
        E.Scored(
            id=new_id(),
            at=at,
            by=by,
            points=pts.points,
            credits=[E.Credit(unit=com.unit, person=com.person, points=pts.points)],
            rule=pts.rule,
            source=source,
            reason=text,
        )
    ]


def penalize_urgent(st: State, *, item: str, at: dt.datetime, by: str, reason: str = "") -> list[Event]:
    """The rules' penalty for an urgent item reported later than the limit (迟报)."""
    from .penalties import judge
    from .period import day_of

    _need(st, "item", item)
    it = st.items[item]
    if not it.urgent:
        raise RecordError(f"item {item} is not an urgent item")
    verdict = judge(st, it)
    if verdict["status"] == "unknown":
        raise RecordError(f"item {item} has no time of the event (occurred_at); lateness cannot be judged")
    if verdict["status"] != "late":
        raise RecordError(
            f"item {item} was reported in {verdict['minutes']} minutes, within the {verdict['limit']}-minute limit"
        )
    for s in it.scores:
        if rules.penalty_kind(s.rule) == "late_urgent":
            raise RecordError(f"item {item} was already penalised for lateness ({s.points:+g}, score {s.id})")
    day = day_of(it.occurred_at or it.submitted_at)
    rs = rules.in_force(st.rulesets, day)
    pts = _penalty(st, rs, "late_urgent", day)
    authors = [p for p in it.authors if p not in st.people or st.people[p].unit == it.unit] or list(it.authors)
    credits = rules.split_credits(rs, pts.points, [it.unit], {it.unit: authors} if authors else {})
    text = reason.strip() or (
        f"紧急信息迟报：{verdict['minutes']}分钟（{'电话' if verdict['kind'] == 'phone' else '书面'}报告时限"
        f"{verdict['limit']}分钟）"
    )
    return [
        E.Scored(
            id=new_id(),
            at=at,
            by=by,
            points=pts.points,
            credits=credits,
            rule=pts.rule,
            source=it.events[0].id if it.events else None,
            item=item,
            reason=text,
        )
    ]


def penalize_quota(
    st: State, *, person: str, month: str, by: str, at: dt.datetime | None = None, reason: str = ""
) -> list[Event]:
    """The rules' penalty for an officer below the monthly quota; dated the month's last
    moment unless `at` is given, so it counts in that month's notice."""
    from .period import PeriodError, as_of_end, parse_period
    from .queries import quota

    _need(st, "person", person)
    try:
        period = parse_period(month)
    except PeriodError as exc:
        raise RecordError(str(exc)) from None
    if (period.start.year, period.start.month) != (period.end.year, period.end.month) or period.start.day != 1:
        raise RecordError(f"give one month, e.g. 2011-06, not {month!r}")
    key = f"{period.start.year:04d}-{period.start.month:02d}"
    row = next((r for r in quota(st, period) if r["code"] == person), None)
    got = row["months"].get(key) if row else None
    if got is None:
        raise RecordError(f"{person} has no monthly quota in {key} (by role, under the rules then in force)")
    if not got["below"]:
        raise RecordError(f"{person} wrote {got['count']} items in {key}, meeting the quota of {got['quota']}")
    for s in st.scores:
        mine = rules.penalty_kind(s.rule) == "missed_quota" and any(c.person == person for c in s.credits)
        if mine and (period.has(s.at) or key in s.reason):
            raise RecordError(f"{person} was already penalised for {key} ({s.points:+g}, score {s.id})")
    rs = rules.in_force(st.rulesets, period.start)
    pts = _penalty(st, rs, "missed_quota", period.start)
    when = at or as_of_end(period.end).replace(microsecond=0)
    text = reason.strip() or f"{key} 报送{got['count']}条，少于每月{got['quota']}条"
    if key not in text:
        text = f"{key} {text}"
    return [
        E.Scored(
            id=new_id(),
            at=when,
            by=by,
            points=pts.points,
            credits=[E.Credit(unit=st.people[person].unit, person=person, points=pts.points)],
            rule=pts.rule,
            reason=text,
        )
    ]


# --- registrations -------------------------------------------------------------------


def _code_and_name(code: str, name: str) -> tuple[str, str]:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise RecordError("a registration needs a code and a name")
    return code, name


def register_unit(
    st: State,
    *,
    code: str,
    name: str,
    at: dt.datetime,
    by: str,
    kind: str = "department",
    parent: str | None = None,
    active: bool = True,
) -> list[Event]:
    """A unit, or an edit of one: registering an existing code again replaces its details."""
    code, name = _code_and_name(code, name)
    if kind not in ("county", "township", "department", "office", "other"):
        raise RecordError(f"kind {kind!r}: use county, township, department, office or other")
    if parent == code:
        raise RecordError(f"unit {code} cannot be its own parent")
    if parent and parent not in st.units:
        raise RecordError(f"unknown parent unit {parent!r}; register it first")
    return [
        E.UnitRegistered(
            id=new_id(),
            at=at,
            by=by,
            unit=code,
            name=name,
            kind=kind,  # type: ignore[arg-type]
            parent=parent or None,
            active=active,
        )
    ]


def register_person(
    st: State,
    *,
    code: str,
    name: str,
    unit: str,
    at: dt.datetime,
    by: str,
    role: str = "part_time",
    login: str | None = None,
    active: bool = True,
) -> list[Event]:
    code, name = _code_and_name(code, name)
    if unit not in st.units:
        raise RecordError(f"unknown unit {unit!r}; register it first")
    if role not in ("full_time", "part_time"):
        raise RecordError(f"role {role!r}: use full_time (专职) or part_time (兼职)")
    person = E.PersonRegistered(
        id=new_id(),
        at=at,
        by=by,
        person=code,
        name=name,
        unit=unit,
        role=cast(E.Role, role),
        login=login or None,
        active=active,
    )
    return [person]


def register_channel(
    st: State, *, code: str, name: str, level: str, at: dt.datetime, by: str, publisher: str = ""
) -> list[Event]:
    code, name = _code_and_name(code, name)
    if level not in E.LEVELS:
        raise RecordError(f"level {level!r}: use one of {', '.join(E.LEVELS)}")
    return [
        E.ChannelRegistered(
            id=new_id(),
            at=at,
            by=by,
            channel=code,
            name=name,
            level=level,  # type: ignore[arg-type]
            publisher=publisher,
        )
    ]


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
    """An annual target; a later one for the same year and subject replaces it."""
    if not (unit or person):
        raise RecordError("a target is for a unit or a person")
    _need(st, "unit", unit or None)
    _need(st, "person", person or None)
    if points < 0 or adoptions < 0:
        raise RecordError("a target cannot be negative")
    return [
        E.TargetSet(
            id=new_id(),
            at=at,
            by=by,
            year=year,
            points=points,
            adoptions=adoptions,
            unit=unit or None,
            person=person or None,
            issued_by=issued_by,
        )
    ]


def rules_from_json(
    body: bytes | str, *, at: dt.datetime, by: str, name: str | None = None, effective: dt.date | None = None
) -> list[Event]:
    """A rule set from its JSON (as in the README); `name` and `effective` override the JSON's."""
    try:
        obj = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise RecordError(f"the rule set is not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise RecordError("a rule set is a JSON object")
    obj.update({"type": "rules_set", "id": new_id(), "at": at.isoformat(), "by": by})
    if name:
        obj["ruleset"] = name
    if effective:
        obj["effective"] = effective.isoformat()
    try:
        return [msgspec.convert(obj, E.RulesSet)]
    except msgspec.ValidationError as exc:
        raise RecordError(f"not a valid rule set: {exc}") from None
