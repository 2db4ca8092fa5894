"""Questions asked of a `State`: pure functions of the state and a period.

Period membership uses each event's own calendar date (its business time as recorded,
normally +08:00), so a notice for June counts what the office dated in June.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import compress, repeat
from operator import attrgetter, contains
from typing import TypeVar

from .. import i18n
from . import events as EV
from . import rules
from .events import UPWARD_LEVELS, Event, Scheme, event_type
from .known import recorded_late
from .office import own_units
from .penalties import status_on
from .period import Period, day_of, order_key
from .rows import (
    ChangeRow,
    CommissionRow,
    MonthPoints,
    Pace,
    QuotaMonth,
    QuotaRow,
    RankingRow,
    Summary,
    TargetRow,
    TimelineRow,
)
from .schemes import INTERNAL, UPWARD, ledger, rules_for
from .state import Item, State

E = TypeVar("E", bound=Event)
T = TypeVar("T")
_AT = attrgetter("at")


# --- helpers -------------------------------------------------------------------------


def office_unit(st: State) -> str | None:
    """The journal's own office: the county-level unit at the top of the tree."""
    roots = [u for u in st.units.values() if not u.parent]
    for u in roots:
        if u.kind == "county":
            return u.unit
    return roots[0].unit if roots else None


def unit_name(st: State, code: str | None) -> str:
    """A unit's registered name, or its code if it has none."""
    if not code:
        return ""
    u = st.units.get(code)
    return u.name if u else code


def person_name(st: State, code: str | None) -> str:
    if not code:
        return ""
    p = st.people.get(code)
    return p.name if p else code


def channel_level(st: State, channel: str) -> str:
    ch = st.channels.get(channel)
    return ch.level if ch else "county"


def channel_name(st: State, channel: str) -> str:
    ch = st.channels.get(channel)
    return ch.name if ch else channel


def descendants(st: State, unit: str) -> set[str]:
    children: dict[str, list[str]] = defaultdict(list)
    for u in st.units.values():
        if u.parent:
            children[u.parent].append(u.unit)
    out, todo = {unit}, [unit]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def _scores_in(st: State, period: Period, scheme: Scheme) -> list:
    return period.slice(ledger(st, scheme))


def target_for(
    st: State, year: int, unit: str | None = None, person: str | None = None, scheme: Scheme = UPWARD
) -> float:
    """The latest target of `scheme` set for that year and subject (a later one replaces an
    earlier); the internal scheme takes the upward target where it sets none."""
    found = None
    for t in st.targets:
        if t.year == year and t.unit == unit and t.person == person and t.scheme == scheme:
            found = t
    if found is None and scheme == INTERNAL:
        return target_for(st, year, unit, person, UPWARD)
    return found.points if found else 0.0


def _period_target(st: State, period: Period, unit: str | None, scheme: Scheme) -> float:
    return sum(target_for(st, y, unit, None, scheme) for y in range(period.start.year, period.end.year + 1))


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


# --- summary -------------------------------------------------------------------------


def summary(st: State, period: Period, scheme: Scheme = UPWARD) -> Summary:
    """The office's figures for a period: what scripts and the dashboard rely on. Its points
    and target are the upward scheme's, the figure the city checks, unless `scheme` says otherwise."""
    office = office_unit(st)
    submitted = period.slice(st.submissions)
    upward_channels = {c for c, ch in st.channels.items() if ch.level in UPWARD_LEVELS}
    # an item not sent upward when submitted counts if a forward sent it so: only the period's
    # such items are looked for among the journal's forwards (a set of them all cost 70 ms at 1M)
    not_yet = {s.item for s in submitted if upward_channels.isdisjoint(s.channels)}
    forwarded_up = {
        f.item for f in st.of(EV.ItemForwarded) if f.item in not_yet and not upward_channels.isdisjoint(f.channels)
    }
    upward = [s for s in submitted if s.item in forwarded_up or not upward_channels.isdisjoint(s.channels)]
    adopted: Counter[str] = Counter()
    adopted_by_level: Counter[str] = Counter()
    adopted_items: set[str] = set()
    for a in period.slice(st.of(EV.ItemAdopted)):
        adopted[channel_name(st, a.channel)] += 1
        adopted_by_level[channel_level(st, a.channel)] += 1
        adopted_items.add(a.item)
    points = round(sum(s.points for s in _scores_in(st, period, scheme)), 2)
    target = _period_target(st, period, office, scheme)
    comments = period.slice(st.of(EV.LeaderCommented))
    affirmative_items = {c.item for c in comments if c.stance == "affirmative"}
    issues = period.slice(st.bulletins)
    return {
        "period": period.label,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "as_of": st.as_of.isoformat() if st.as_of else None,
        "known_at": st.known_at.isoformat() if st.known_at else None,
        "office": st.units[office].name if office in st.units else None,
        "scheme": scheme,
        "items": len(submitted),
        "submitted": len(upward),
        "adopted": dict(sorted(adopted.items(), key=lambda kv: (-kv[1], kv[0]))),
        "adopted_by_level": dict(adopted_by_level),
        "adopted_items": len(adopted_items),
        "points": points,
        "target": target,
        "completion": _ratio(points, target),
        "leader_comments": len(comments),
        "affirmative_comments": len(affirmative_items),
        "bulletin_issues": sum(1 for b in issues if not b.supplement),
        "bulletin_supplements": sum(1 for b in issues if b.supplement),
    }


def pace(st: State, day: dt.date, scheme: Scheme = UPWARD) -> Pace:
    """The office's points from 1 January to `day`, month by month, against the annual target
    spread evenly over the year: what the dashboard draws, in the scheme of `summary` (the
    city's figure unless `scheme` says otherwise). A month is below when its points fall short
    of a twelfth of the target; the month under way is judged on its days gone."""
    year = day.year
    start = dt.date(year, 1, 1)
    by_month = [0.0] * 12
    for s in _scores_in(st, Period(start, day, str(year)), scheme):
        by_month[day_of(s.at).month - 1] += s.points
    target = target_for(st, year, office_unit(st), scheme=scheme)
    days = (dt.date(year + 1, 1, 1) - start).days
    due = round(target * ((day - start).days + 1) / days, 2)
    need = round(target / 12, 2)
    months: list[MonthPoints] = []
    for n, points in enumerate(by_month, start=1):
        if n > day.month or not target:
            below = None
        elif n == day.month:
            month_days = calendar.monthrange(year, n)[1]
            below = points < target / 12 * day.day / month_days
        else:
            below = points < target / 12
        months.append({"month": f"{year:04d}-{n:02d}", "points": round(points, 2), "need": need, "below": below})
    points = round(sum(by_month), 2)
    return {
        "year": year,
        "day": day.isoformat(),
        "target": target,
        "points": points,
        "due": due,
        "ahead": round(points - due, 2),
        "months": months,
    }


# --- rankings ------------------------------------------------------------------------


def competition_ranks(values: list[float]) -> list[int]:
    """1, 2, 2, 4: ties share a place, the next place skips (values sorted descending)."""
    ranks, prev, place = [], None, 0
    for idx, v in enumerate(values, start=1):
        if v != prev:
            place, prev = idx, v
        ranks.append(place)
    return ranks


def _items_submitted_in(st: State, period: Period) -> list[Item]:
    """The items submitted in `period`, from the time-ordered submissions (two binary searches,
    not a walk over every item): each item once, by the submission that made it."""
    items = st.items
    return [
        item for s in period.slice(st.submissions) if (item := items.get(s.item)) is not None and item.events[0] is s
    ]


def _tally(st: State, period: Period, scheme: Scheme) -> tuple[dict, dict]:
    """Per unit and per person: submitted, adopted by level, comments, and points in `scheme`.
    A joint item counts for each of its units, as a combined adoption does."""

    def blank() -> dict:
        return {"submitted": 0, "adopted": Counter(), "points": 0.0, "comments": 0}

    by_unit: dict[str, dict] = defaultdict(blank)
    by_person: dict[str, dict] = defaultdict(blank)
    for item in _items_submitted_in(st, period):
        for u in item.units:
            by_unit[u]["submitted"] += 1
        for p in item.authors:
            by_person[p]["submitted"] += 1
    items = st.items
    for a in period.slice(st.of(EV.ItemAdopted)):  # the adoptions' own list, in time order
        if a.item in items:
            item = items[a.item]
            level = channel_level(st, a.channel)
            for u in a.units or item.units:
                by_unit[u]["adopted"][level] += 1
            for p in item.authors:
                by_person[p]["adopted"][level] += 1
    for c in period.slice(st.of(EV.LeaderCommented)):
        if c.item in items:
            item = items[c.item]
            for u in item.units:
                by_unit[u]["comments"] += 1
            for p in item.authors:
                by_person[p]["comments"] += 1
    for s in _scores_in(st, period, scheme):
        for cr in s.credits:
            by_unit[cr.unit]["points"] += cr.points
            if cr.person:
                by_person[cr.person]["points"] += cr.points
    return by_unit, by_person


def ranking(
    st: State,
    period: Period,
    by: str = "unit",
    kind: str | None = None,
    scheme: Scheme = INTERNAL,
    include_own: bool = False,
) -> list[RankingRow]:
    """Rows ranked by points in `scheme` (then adoptions, then name), ties sharing a place.
    Units and officers are ranked in the county's own scheme unless asked otherwise. The
    office's own units and their staff (`office.own_units`) are left out unless `include_own`:
    the office ranks the units it is writing to, not itself."""
    by_unit, by_person = _tally(st, period, scheme)
    own = frozenset() if include_own else own_units(st)
    # target % is the annual target reached so far: points from 1 January to the period's end
    year = period.end.year
    ytd = Period(dt.date(year, 1, 1), period.end, str(year))
    ytd_unit, ytd_person = (by_unit, by_person) if ytd == period else _tally(st, ytd, scheme)
    office = office_unit(st)
    rows = []
    if by == "unit":
        for code, u in st.units.items():
            if code == office or code in own or (kind and u.kind != kind):
                continue
            target = target_for(st, year, code, None, scheme)
            rows.append(_row(code, u.name, u.kind, by_unit.get(code), target, ytd_unit.get(code), scheme))
    elif by == "person":
        for code, p in st.people.items():
            unit = st.units.get(p.unit)
            if p.unit in own or (kind and (unit is None or unit.kind != kind)):
                continue
            target = target_for(st, year, None, code, scheme)
            row = _row(code, p.name, p.role, by_person.get(code), target, ytd_person.get(code), scheme)
            row["unit"] = unit.name if unit else p.unit
            rows.append(row)
    else:
        raise ValueError(f"ranking by {by!r}: use unit or person")
    rows.sort(key=lambda r: (-r["points"], -r["adopted"], r["code"]))
    for row, place in zip(rows, competition_ranks([r["points"] for r in rows]), strict=True):
        row["rank"] = place
    return rows


def _row(
    code: str, name: str, kind: str, t: dict | None, target: float, ytd: dict | None, scheme: Scheme
) -> RankingRow:
    t = t or {"submitted": 0, "adopted": Counter(), "points": 0.0, "comments": 0}
    points = round(t["points"], 2)
    ytd_points = round(ytd["points"], 2) if ytd else 0.0
    return {
        "rank": 0,
        "code": code,
        "name": name,
        "kind": kind,
        "submitted": t["submitted"],
        "adopted": sum(t["adopted"].values()),
        "national": t["adopted"].get("national", 0),
        "province": t["adopted"].get("province", 0),
        "city": t["adopted"].get("city", 0),
        "county": t["adopted"].get("county", 0),
        "comments": t["comments"],
        "points": points,
        "target": target,
        "ytd_points": ytd_points,
        "completion": _ratio(ytd_points, target),
        "scheme": scheme,
    }


# --- targets and quotas --------------------------------------------------------------


def targets(st: State, year: int, upto: dt.date | None = None, scheme: Scheme | None = None) -> list[TargetRow]:
    """Each target of `year` (of `scheme`, or of both) with the points earned in its own scheme
    from 1 January to `upto`."""
    period = Period(dt.date(year, 1, 1), upto or dt.date(year, 12, 31), str(year))
    latest: dict[tuple, EV.TargetSet] = {}
    for t in st.targets:
        if t.year == year and scheme in (None, t.scheme):
            latest[(t.scheme, t.unit, t.person)] = t
    tallies = {s: _tally(st, period, s) for s in {t.scheme for t in latest.values()}}
    office = office_unit(st)
    rows: list[TargetRow] = []
    for (in_scheme, unit, person), t in latest.items():
        by_unit, by_person = tallies[in_scheme]
        if person:
            name = st.people[person].name if person in st.people else person
            points = by_person.get(person, {}).get("points", 0.0)
        else:
            name = st.units[unit].name if unit in st.units else str(unit)
            if unit == office:
                points = sum(s.points for s in _scores_in(st, period, in_scheme))
            else:
                points = by_unit.get(unit, {}).get("points", 0.0)
        goal = t.points
        rows.append(
            {
                "subject": person or unit,
                "name": name,
                "scheme": in_scheme,
                "issued_by": t.issued_by,
                "target": goal,
                "points": round(points, 2),
                "completion": _ratio(points, goal),
            }
        )
    rows.sort(key=lambda r: (r["scheme"] != UPWARD, r["subject"] != office, -(r["completion"] or 0), r["subject"]))
    return rows


def quota(st: State, period: Period, scheme: Scheme = INTERNAL) -> list[QuotaRow]:
    """Per officer and month: items written against the monthly minimum of `scheme`'s rules
    (the county sets it, so by default its own)."""
    counts: Counter[tuple[str, int, int]] = Counter()
    for item in _items_submitted_in(st, period):
        d = item.submitted_at.date()
        for p in item.authors:
            counts[(p, d.year, d.month)] += 1
    rows: list[QuotaRow] = []
    for code, person in st.people.items():
        if not person.active:
            continue
        months: dict[str, QuotaMonth] = {}
        below = 0
        for y, m in period.months():
            rs = rules_for(st, scheme, dt.date(y, m, 1))
            need = rules.quota_for(rs, person.role)
            if need <= 0:
                continue
            if st.as_of is not None and dt.date(y, m, 1) > st.as_of.date():
                continue
            got = counts.get((code, y, m), 0)
            months[f"{y:04d}-{m:02d}"] = {"count": got, "quota": need, "below": got < need}
            below += got < need
        if months:
            unit = st.units.get(person.unit)
            rows.append(
                {
                    "code": code,
                    "name": person.name,
                    "unit": unit.name if unit else person.unit,
                    "role": person.role,
                    "months": months,
                    "months_below": below,
                    "scheme": scheme,
                }
            )
    rows.sort(key=lambda r: (-r["months_below"], r["unit"], r["code"]))
    return rows


# --- commissions, timeline, changes --------------------------------------------------


def commissions(st: State, today: dt.date) -> list[CommissionRow]:
    """Every commission with its status at the end of `today` (`penalties.status_on`)."""
    rows: list[CommissionRow] = []
    for c in st.commissions.values():
        status, _ = status_on(c, today)
        rows.append(
            {
                "commission": c.id,
                "title": c.title,
                "unit": c.unit,
                "person": c.person,
                "deadline": c.deadline.isoformat(),
                "status": status,
                "item": c.item,
                "followups": len(c.followups),
            }
        )
    rows.sort(key=lambda r: (r["status"] not in ("overdue", "open"), r["deadline"], r["commission"]))
    return rows


HAND_RULES = frozenset({"manual", "override"})  # the rule names of scores given by hand, not by a rule set


def describe(st: State, ev: Event, lang: str = "zh") -> str:
    """One line saying what an event did, for timelines and feeds (plain text, never markup)."""
    verb = i18n.t(f"verb.{event_type(ev)}", lang=lang)
    if isinstance(ev, EV.ItemSubmitted):
        return f"{verb} {ev.item} 《{ev.title}》 ({ev.unit})"
    if isinstance(ev, EV.ItemAdopted):
        return f"{verb} {ev.item}: {channel_name(st, ev.channel)} {ev.issue} {ev.form}".rstrip()
    if isinstance(ev, EV.Scored):
        why = i18n.label("rule", ev.rule, lang=lang) if ev.rule else ev.reason
        if ev.rule in HAND_RULES and ev.reason:  # a score by hand says why it was given
            why = f"{why}: {ev.reason}"
        return f"{verb} {ev.points:+g} ({why})"
    if isinstance(ev, EV.LeaderCommented):
        return f"{verb} {ev.item}: {ev.leader} ({i18n.label('stance', ev.stance, lang=lang)}) {ev.text}".rstrip()
    if isinstance(ev, EV.ItemForwarded):
        return f"{verb} {ev.item} → {', '.join(channel_name(st, c) for c in ev.channels)}"
    if isinstance(ev, EV.ItemAmended | EV.ItemReturned | EV.ItemWithdrawn):
        return f"{verb} {ev.item}: {ev.reason}".rstrip(": ")
    if isinstance(ev, EV.EventVoided):
        return _describe_void(st, ev, lang)
    if isinstance(ev, EV.BulletinPublished):
        kind = "增刊" if ev.supplement else ""
        return f"{verb} 〔{ev.year}〕{kind}第{ev.number}期 ({len(ev.items)} {i18n.t('describe.items', lang=lang)})"
    if isinstance(ev, EV.Commissioned):
        return f"{verb} {ev.commission} 《{ev.title}》 ({ev.unit}, {ev.deadline})"
    if isinstance(ev, EV.CommissionFulfilled):
        return f"{verb} {ev.commission}: {ev.item}"
    if isinstance(ev, EV.FollowedUp):
        return f"{verb} {ev.commission or ev.item or ''}: {ev.note}".strip()
    if isinstance(ev, EV.ScoreAsserted):
        scheme = "" if ev.scheme == "upward" else f" [{i18n.label('scheme', ev.scheme, lang=lang)}]"
        return f"{verb} {ev.unit} {ev.period}: {ev.points:g}{scheme} ({ev.source})"
    if isinstance(ev, EV.RankingRecorded):
        return f"{verb} {ev.unit} {ev.year}: {i18n.t('describe.place', lang=lang, place=ev.place)}"
    if isinstance(ev, EV.TopicPlanned):
        return f"{verb} {ev.topic} 《{ev.title}》"
    if isinstance(ev, EV.MeetingHeld):
        return f"{verb} {ev.meeting} {day_of(ev.at)}: {'、'.join(ev.topics)}".rstrip(": ")
    if isinstance(ev, EV.TargetSet):
        return f"{verb} {ev.year} {ev.unit or ev.person}: {ev.points:g}"
    if isinstance(ev, EV.RulesSet):
        return f"{verb} {ev.ruleset} ({ev.effective})"
    label = getattr(ev, "name", "") or ""
    code = getattr(ev, "unit", None) or getattr(ev, "person", None) or getattr(ev, "channel", None) or ""
    return f"{verb} {code} {label}".strip()


def _describe_void(st: State, ev: EV.EventVoided, lang: str) -> str:
    """A void in words, by what it voided ("作废: 采用 … — 误录"); one that undoes a void by
    what comes back ("撤销作废: 采用 … — 误作废"); only a target the view lacks by its id."""
    target = st.events.get(ev.target)
    if target is None:
        return f"{i18n.t('verb.event_voided', lang=lang)} {ev.target}: {ev.reason}"
    verb = "verb.event_voided"
    if isinstance(target, EV.EventVoided):
        verb, target = "verb.restore", st.events.get(target.target, target)
    inner = describe(st, target, lang) if not isinstance(target, EV.EventVoided) else target.target
    return f"{i18n.t(verb, lang=lang)}: {inner} — {ev.reason}"


def timeline(st: State, item_id: str, lang: str = "zh") -> list[TimelineRow]:
    """An item's events in order, those that no longer count included and marked, with why;
    the item of a voided submission too. Unknown items raise KeyError."""
    item = st.items.get(item_id)
    if item is not None:
        index = st.events  # a void may name an event the cut left out
        gone = [index[i] for i in (*st.voided, *st.superseded) if i in index]
        evs = {ev.id: ev for ev in [*item.events, *(ev for ev in gone if getattr(ev, "item", None) == item_id)]}
    elif item_id in st.voided_items:
        named = {ev.id: ev for ev in st.log if getattr(ev, "item", None) == item_id}
        voids = {v.id: v for v in st.of(EV.EventVoided) if v.target in named}
        undone = {u.id: u for u in st.of(EV.EventVoided) if u.target in voids}  # restores, and voids again
        evs = {**named, **voids, **undone}
    else:
        raise KeyError(item_id)
    rows: list[TimelineRow] = []
    for ev in sorted(evs.values(), key=order_key):
        late = recorded_late(ev)
        rows.append(
            {
                "at": ev.at.isoformat(),
                "type": event_type(ev),
                "by": ev.by,
                "id": ev.id,
                "what": describe(st, ev, lang),
                "voided": ev.id in st.voided or ev.id in st.superseded,
                "reason": _why_not_counted(st, ev.id, lang),
                "recorded": late.astimezone(ev.at.tzinfo).isoformat() if late else None,
            }
        )
    return rows


def _why_not_counted(st: State, ev_id: str, lang: str) -> str:
    void = st.voided.get(ev_id)
    if void is not None:
        if void.target == ev_id:
            return void.reason
        source = st.events.get(void.target)
        named = describe(st, source, lang) if source is not None else void.target
        return i18n.t("describe.taken", lang=lang, target=named, reason=void.reason)
    other = st.superseded.get(ev_id)
    return i18n.t("describe.repeat", lang=lang, other=other) if other else ""


def changes(st: State, period: Period, lang: str = "zh") -> list[ChangeRow]:
    """Everything recorded with a business date in the period: 'what changed since...'."""
    return [
        {"at": ev.at.isoformat(), "type": event_type(ev), "by": ev.by, "id": ev.id, "what": describe(st, ev, lang)}
        for ev in period.slice(st.log)
    ]


def search_text(st: State, item: Item) -> str:
    """What a search of the items list reads, lower-cased: id, title, unit, authors, and the
    publication and issue of each adoption, so "胜天 2011年第31期" finds an item by all four."""
    parts = [item.id, item.title, unit_name(st, item.unit)]
    parts += [person_name(st, p) for p in item.authors]
    for a in item.adoptions:
        parts += (channel_name(st, a.channel), a.issue)
    return "\n".join(parts).lower()


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased; spaces (a full-width one too) separate them."""
    return text.lower().split()


def matcher(words: list[str]) -> Callable[[str], bool]:
    """Whether a `search_text` holds every word: words narrow, they never widen. One word, the
    usual case, is a plain substring test, which keeps a keystroke over 100,000 items quick."""
    if len(words) == 1:
        word = words[0]
        return lambda text: word in text
    return lambda text: all(map(text.__contains__, words))


def narrow(words: list[str], rows: list[T], texts: list[str]) -> tuple[list[T], list[str]]:
    """The rows whose search text holds every word, as `matcher` says, with their texts. Each
    word narrows the lists in one pass in C, which keeps a keystroke over a million items quick."""
    for word in words:
        hit = list(map(contains, texts, repeat(word)))
        rows, texts = list(compress(rows, hit)), list(compress(texts, hit))
    return rows, texts


def find_items(st: State, text: str) -> list[Item]:
    """Items whose id starts with, or whose title contains, `text`."""
    needle = text.strip().lower()
    if needle in (k.lower() for k in st.items):
        return [i for k, i in st.items.items() if k.lower() == needle]
    return [i for i in st.items.values() if i.id.lower().startswith(needle) or needle in i.title.lower()]
