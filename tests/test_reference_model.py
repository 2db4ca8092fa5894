"""The figures against an independent reference model, on generated journals, at every day boundary.

`Model` reads the raw JSON lines and knows nothing of the program but the event schema's
field names and the documented rules: a line's recording time is its `recorded`, else its ULID's
time, else its business time; `--known-at` keeps what was recorded by then and `--as-of` what
happened by then, voids and amendments whatever their own date; a void takes along what hangs
on its target, and a void of a void undoes it; one adoption is (item, publication, issue) and
the first in business order counts; a fact, a comment or a chain of overrides has one live score in each scheme, the
counted adoption's own first, else the last recorded; a score the rules gave has the points of
its scheme's rule set in force on its source's date among those known when it was recorded.
The summary counts the upward scores, rankings the internal ledger (the internal scores, and
the upward ones before the first internal rule set). A score its adoption or comment earned is
shared among the item's units (lead and joint, as amended) or the adoption's own, unless it is a
hand score (one with a reason) that replaced another to name its own unit; a score that replaces
one with the same points and rule only shares it anew. It imports nothing from the fold, the queries or the rules.

The journals are written by the program's own requests (as the command line would), on one or
two git branches, with raw lines as an older version or `append` would write them (repeated
adoptions, voids that take nothing along), voids undone and voided again, lines renamed as if
imported, repeated lines and any line order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections import defaultdict
from unittest import mock

import msgspec
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.recording import (
    Adopt,
    Amend,
    Comment,
    ManualScore,
    Override,
    RecordError,
    Rescore,
    Restore,
    Submit,
    Void,
)
from govinfo_tui.core.recording import common as recording_common
from govinfo_tui.core.recording.scoring import scores_for_adoption
from govinfo_tui.core.state import fold

TZ = dt.timezone(dt.timedelta(hours=8))
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CORRECTIONS = ("event_voided", "item_amended")
PERIODS = ("2011", "2011-04")

# --- the reference model -------------------------------------------------------------


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def recorded(d: dict) -> dt.datetime:
    if d.get("recorded"):
        return _time(d["recorded"])
    i = d["id"]
    if len(i) == 26 and i[0] in "01234567" and all(c in CROCKFORD for c in i):
        ms = 0
        for c in i[:10]:
            ms = ms * 32 + CROCKFORD.index(c)
        return EPOCH + dt.timedelta(milliseconds=ms)
    return _time(d["at"])


def day(d: dict) -> dt.date:
    return _time(d["at"]).astimezone(TZ).date()


def standing_targets(voids: list[dict]) -> set[str]:
    """What the voids remove: a void stands unless a standing void voids it (an undo)."""
    against: dict[str, list[str]] = defaultdict(list)
    for d in voids:
        against[d["target"]].append(d["id"])
    memo: dict[str, bool] = {}

    def stands(i: str) -> bool:
        if i not in memo:
            memo[i] = not any(stands(j) for j in against.get(i, []))
        return memo[i]

    return {d["target"] for d in voids if stands(d["id"])}


class Model:
    """What counts in one view of a journal, from the raw lines."""

    def __init__(
        self, lines: list[dict], as_of: dt.datetime | None, known_at: dt.datetime | None, shares: bool = True
    ) -> None:
        unique: dict[str, dict] = {}
        for d in lines:
            unique.setdefault(d["id"], d)
        self.every = list(unique.values())
        kept = [
            d
            for d in self.every
            if (known_at is None or recorded(d) <= known_at)
            and (as_of is None or _time(d["at"]) <= as_of or d["type"] in CORRECTIONS)
        ]
        kept.sort(key=lambda d: (_time(d["at"]), d["id"]))

        def of(kind: str) -> list[dict]:
            return [d for d in kept if d["type"] == kind]

        voided = standing_targets(of("event_voided"))
        self.units = self._registered(of("unit_registered"), "unit", voided)
        self.people = self._registered(of("person_registered"), "person", voided)
        self.channels = self._registered(of("channel_registered"), "channel", voided)
        submissions = {d["item"]: d for d in of("item_submitted")}
        self.dead = {i for i, d in submissions.items() if d["id"] in voided}
        self.items = {
            i: {"unit": d["unit"], "joint": d.get("joint", []), "authors": d.get("authors", []), "day": day(d)}
            for i, d in submissions.items()
            if i not in self.dead
        }
        for d in of("item_amended"):
            if d["id"] not in voided and d["item"] in self.items:
                for field in ("unit", "joint", "authors"):
                    if d.get(field) is not None:
                        self.items[d["item"]][field] = d[field]
        first: dict[tuple, dict] = {}
        fact: dict[str, str] = {}  # every live adoption -> the one that counts for its fact
        for d in of("item_adopted"):
            if d["id"] not in voided and d["item"] in self.items:
                fact[d["id"]] = first.setdefault((d["item"], d["channel"], d.get("issue", "")), d)["id"]
        self.adoptions = list(first.values())
        self.comments = [d for d in of("leader_commented") if d["id"] not in voided and d["item"] in self.items]
        fact.update((d["id"], d["id"]) for d in self.comments)
        scores = {d["id"]: d for d in of("scored")}

        def slot(d: dict) -> str:
            while d.get("replaces") in scores:
                d = scores[d["replaces"]]
            return fact[d["source"]] if d.get("source") else d["id"]

        slots: dict[tuple, list[dict]] = defaultdict(list)
        for d in scores.values():
            if d["id"] in voided or (d.get("source") and d["source"] not in fact) or d.get("item") in self.dead:
                continue
            slots[d.get("scheme", "upward"), slot(d)].append(d)
        self.slots = list(slots)
        self.scores = [
            max(members, key=lambda d: (d.get("source") == key[1], recorded(d), d["id"]))
            for key, members in slots.items()
        ]
        internal = [d["effective"] for d in of("rules_set") if d.get("scheme") == "internal" and d["id"] not in voided]
        start = min(internal, default=None)
        self.internal = [
            d for d in self.scores if d.get("scheme") == "internal" or start is None or day(d).isoformat() < start
        ]
        counted = {d["id"] for d in [*self.scores, *self.adoptions, *self.comments]}
        self.timeline = {
            i: {d["id"]: d["id"] not in counted for d in events} for i, events in self._item_events(kept).items()
        }
        every_source = {d["id"]: d for d in of("item_adopted") + of("leader_commented")}
        for d in self.scores:
            self._check_rule_points(d, {**{a["id"]: a for a in self.adoptions}, **{c["id"]: c for c in self.comments}})
            if shares:
                self._check_shares(d, every_source)

    @staticmethod
    def _registered(events: list[dict], code: str, voided: set[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for d in events:
            if d["id"] not in voided:
                out[d[code]] = d
        return out

    def _item_events(self, kept: list[dict]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = defaultdict(list)
        for d in kept:
            kind, item = d["type"], d.get("item")
            if kind in ("item_adopted", "leader_commented", "scored") and (item in self.items or item in self.dead):
                out[item].append(d)
        return out

    def _check_shares(self, score: dict, sources: dict[str, dict]) -> None:
        """A score its adoption or comment earned credits the adoption's own units, else the
        item's units as amended (the lead, then the joint ones), in that order."""
        source = sources.get(score.get("source") or "")
        item = self.items.get(score.get("item") or "")
        if source is None or item is None or self._names_its_own_unit(score):
            return
        units = source.get("units") or [item["unit"], *item["joint"]]
        credited = list(dict.fromkeys(c["unit"] for c in score["credits"]))
        assert credited == units, (score, units)

    def _names_its_own_unit(self, score: dict) -> bool:
        """A hand score (with a reason) that replaced another to name its unit, or an override
        (which keeps the shares it found) of one."""
        every = {d["id"]: d for d in self.every}
        node: dict | None = score
        while node is not None and node.get("replaces"):
            if node.get("rule") != "override":
                return bool(node.get("reason"))
            node = every.get(node["replaces"])
        return False

    def _check_rule_points(self, score: dict, sources: dict[str, dict]) -> None:
        """A score the rules gave has the points of the rule set in force on its source's date,
        among the rule sets (and voids of them) recorded before the score; one that only
        shares a score anew (same points, same rule) is judged as the score it replaces."""
        assert abs(sum(c["points"] for c in score["credits"]) - score["points"]) < 0.005
        every = {d["id"]: d for d in self.every}
        while (old := every.get(score.get("replaces") or "")) is not None and (
            old.get("rule"),
            old["points"],
        ) == (score.get("rule"), score["points"]):
            score = old
        source = sources.get(score.get("source") or "")
        if source is None or score.get("rule") in ("manual", "override"):
            return
        expected = self.rule_points(source, score.get("scheme", "upward"), recorded(score))
        assert expected is not None and abs(expected - score["points"]) < 0.005, (score, expected)

    def rule_points(self, source: dict, scheme: str, when: dt.datetime) -> float | None:
        """What the rule set of `scheme` in force on the source's date gives it, among the rule
        sets (and voids of them) recorded by `when`; None if no rule judges it."""
        gone = standing_targets([d for d in self.every if d["type"] == "event_voided" and recorded(d) <= when])
        known = [
            d
            for d in self.every
            if d["type"] == "rules_set"
            and d.get("scheme", "upward") == scheme
            and recorded(d) <= when
            and d["id"] not in gone
        ]
        on = day(source).isoformat()
        in_force = max(
            (d for d in known if d["effective"] <= on),
            key=lambda d: (d["effective"], _time(d["at"]), d["id"]),
            default=None,
        )
        if in_force is None:
            return None
        if source["type"] == "item_adopted":
            level = self.channels[source["channel"]]["level"]
            wanted = {"channel": source["channel"], "level": level, "form": source.get("form", "单条")}
            weights = {"channel": 4, "level": 2, "form": 1}
            rules = in_force.get("adoption", [])
        else:
            wanted = {"level": source.get("level", "county"), "stance": source.get("stance", "affirmative")}
            weights = {"level": 2, "stance": 1}
            rules = in_force.get("comment", [])
        best, best_weight = None, -1
        for rule in rules:
            if all(rule.get(k) in (None, v) for k, v in wanted.items()):
                weight = sum(w for k, w in weights.items() if rule.get(k))
                if weight > best_weight:
                    best, best_weight = rule, weight
        if best is None:  # a comment no rule names earns no bonus; an adoption no rule names is not judged
            return 0.0 if source["type"] == "leader_commented" else None
        return best["points"]

    def assert_rescored(self, when: dt.datetime) -> None:
        """Right after `rescore`: every counted adoption and comment has, in each scheme, the
        points the rules known at `when` give it (a hand score keeps its own), and none that
        the rules score is without a score."""
        sources = {d["id"]: d for d in [*self.adoptions, *self.comments]}
        by_slot = {key: d for key, d in zip(self.slots, self.scores, strict=True)}
        for source in sources.values():
            for scheme in ("upward", "internal"):
                expected = self.rule_points(source, scheme, when)
                score = by_slot.get((scheme, source["id"]))
                if score is None:
                    assert not expected, (source, scheme, expected)
                elif expected is not None and score.get("rule") not in ("manual", "override"):
                    assert abs(score["points"] - expected) < 0.005, (score, expected)

    # --- figures ---------------------------------------------------------------------

    def figures(self) -> dict:
        out: dict = {}
        office = next(code for code, u in self.units.items() if u.get("kind") == "county" and not u.get("parent"))
        for label in PERIODS:
            period = parse_period(label)

            def within(d: dict, period=period) -> bool:
                return period.start <= day(d) <= period.end

            scores = [d for d in self.scores if within(d) and d.get("scheme", "upward") == "upward"]
            ranked = [d for d in self.internal if within(d)]
            adoptions = [d for d in self.adoptions if within(d)]
            items = {i: it for i, it in self.items.items() if period.start <= it["day"] <= period.end}
            out[("summary", label)] = (
                _cents(sum(d["points"] for d in scores)),
                len(adoptions),
                len({d["item"] for d in adoptions}),
                len(items),
            )
            units = {code: [0.0, 0, 0] for code in self.units if code != office}
            people = {code: [0.0, 0, 0] for code in self.people}
            for d in ranked:
                for c in d["credits"]:
                    if c["unit"] in units:
                        units[c["unit"]][0] += c["points"]
                    if c.get("person") in people:
                        people[c["person"]][0] += c["points"]
            for d in adoptions:
                item = self.items[d["item"]]
                for u in d.get("units") or [item["unit"], *item["joint"]]:
                    if u in units:
                        units[u][1] += 1
                for p in item["authors"]:
                    if p in people:
                        people[p][1] += 1
            for item in items.values():
                for u in [item["unit"], *item["joint"]]:
                    if u in units:
                        units[u][2] += 1
                for p in item["authors"]:
                    if p in people:
                        people[p][2] += 1
            out[("unit", label)] = {k: (_cents(v[0]), v[1], v[2]) for k, v in units.items()}
            out[("person", label)] = {k: (_cents(v[0]), v[1], v[2]) for k, v in people.items()}
        upward = [d for d in self.scores if d.get("scheme", "upward") == "upward"]
        out["items"] = {i: _cents(sum(d["points"] for d in upward if d.get("item") == i)) for i in self.items}
        out["timeline"] = self.timeline
        return out


def _cents(x: float) -> float:
    return round(x + 0.0, 2) + 0.0


# --- the program's figures, through the same questions ----------------------------------


def program_figures(events: list[E.Event], as_of: dt.datetime | None, known_at: dt.datetime | None) -> dict:
    s = fold(events, as_of=as_of, known_at=known_at)
    out: dict = {}
    for label in PERIODS:
        period = parse_period(label)
        summary = queries.summary(s, period)
        out[("summary", label)] = (
            _cents(summary["points"]),
            sum(summary["adopted"].values()),
            summary["adopted_items"],
            summary["items"],
        )
        for by in ("unit", "person"):
            rows = queries.ranking(s, period, by=by)
            out[(by, label)] = {r["code"]: (_cents(r["points"]), r["adopted"], r["submitted"]) for r in rows}
    out["items"] = {i: _cents(item.points) for i, item in s.items.items()}
    out["timeline"] = {}
    for i in [*s.items, *s.voided_items]:
        rows = [r for r in queries.timeline(s, i) if r["type"] in ("item_adopted", "leader_commented", "scored")]
        if rows:
            out["timeline"][i] = {r["id"]: r["voided"] for r in rows}
    return out


# --- generated journals ------------------------------------------------------------------


def ulid(moment: dt.datetime, n: int) -> str:
    ms = (moment - EPOCH) // dt.timedelta(milliseconds=1)
    head = "".join(CROCKFORD[(ms >> (5 * k)) & 31] for k in range(9, -1, -1))
    return head + "".join(CROCKFORD[(n >> (5 * k)) & 31] for k in range(15, -1, -1))


def _registry(internal: bool) -> list[E.Event]:
    """Hand-made ids, so their recording time is their business time (1 January); with
    `internal`, the county's own rules too, from 15 March."""
    reg = dt.datetime(2011, 1, 1, 7, tzinfo=TZ)
    n = iter(range(100))

    def i() -> str:
        return f"REG{next(n):02d}"

    return [
        E.UnitRegistered(id=i(), at=reg, unit="gx", name="高县", kind="county"),
        E.UnitRegistered(id=i(), at=reg, unit="wj", name="文江镇", kind="township", parent="gx"),
        E.UnitRegistered(id=i(), at=reg, unit="qf", name="庆符镇", kind="township", parent="gx"),
        E.UnitRegistered(id=i(), at=reg, unit="nyj", name="县农业局", kind="department", parent="gx"),
        E.PersonRegistered(id=i(), at=reg, person="p1", name="张三", unit="wj"),
        E.PersonRegistered(id=i(), at=reg, person="p2", name="李四", unit="qf"),
        E.PersonRegistered(id=i(), at=reg, person="p3", name="王五", unit="nyj", role="full_time"),
        E.PersonRegistered(id=i(), at=reg, person="p4", name="赵六", unit="wj"),
        E.ChannelRegistered(id=i(), at=reg, channel="kb", name="政务信息快报", level="city"),
        E.ChannelRegistered(id=i(), at=reg, channel="cz", name="川政晨讯", level="province"),
        E.ChannelRegistered(id=i(), at=reg, channel="gxzw", name="高县政务信息", level="county"),
        E.RulesSet(
            id=i(),
            at=reg,
            ruleset="R1",
            effective=dt.date(2011, 1, 1),
            adoption=[
                E.AdoptionRule(channel="kb", points=2),
                E.AdoptionRule(channel="kb", form="单篇", points=5),
                E.AdoptionRule(level="province", points=3),
                E.AdoptionRule(level="county", points=1),
            ],
            comment=[E.CommentRule(level="city", points=5), E.CommentRule(level="province", points=10)],
        ),
        *(
            [
                E.RulesSet(
                    id=i(),
                    at=reg,
                    ruleset="县考核",
                    scheme="internal",
                    effective=dt.date(2011, 3, 15),
                    adoption=[E.AdoptionRule(level="county", points=2), E.AdoptionRule(points=4)],
                    comment=[E.CommentRule(level="county", points=1)],
                )
            ]
            if internal
            else []
        ),
    ]


OPS = (
    "submit",
    "submit",
    "adopt",
    "adopt",
    "adopt",
    "comment",
    "override",
    "rescore",
    "manual",
    "void",
    "raw_void",
    "restore",
    "restore",
    "repeat_adoption",
    "amend",
    "rules",
    "rescore_by_rules",
    "branch",
)
UNITS = ("wj", "qf", "nyj")
PEOPLE = {"wj": ("p1", "p4"), "qf": ("p2",), "nyj": ("p3",)}


class Writer:
    """Writes a journal the way the command line does, on a clock the test controls."""

    def __init__(self, rnd: random.Random, internal: bool) -> None:
        self.rnd = rnd
        self.clock = dt.datetime(2011, 3, 1, 10, tzinfo=TZ)
        self.n = 0
        self.prefix: list[E.Event] = _registry(internal)
        self.branches: list[list[E.Event]] | None = None
        self.items = 0

    def new_id(self) -> str:
        self.n += 1
        return ulid(self.clock, self.n)

    def events(self, branch: int) -> list[E.Event]:
        return self.prefix if self.branches is None else [*self.prefix, *self.branches[branch]]

    def business_day(self, after: dt.datetime) -> dt.datetime:
        """A business time after `after`, by the clock's day (lines are often recorded late)."""
        lo = after.astimezone(TZ).date()
        span = max((self.clock.date() - lo).days, 0)
        d = lo + dt.timedelta(days=self.rnd.randint(0, span))
        when = dt.datetime(d.year, d.month, d.day, 9, self.rnd.randint(0, 59), tzinfo=TZ)
        return when if when > after else after + dt.timedelta(minutes=self.rnd.randint(1, 30))

    def apply(self, op: str, a: int, b: int) -> None:
        self.clock += dt.timedelta(days=a % 4, minutes=1 + b % 300)
        branch = b % 2
        if op == "branch":
            if self.branches is None:
                self.branches = [[], []]
            return
        if op == "rules" and self.branches is not None:
            return  # rule changes only before the branches part (their scores would not see them)
        written = self.build(op, a, b, self.events(branch))
        (self.prefix if self.branches is None else self.branches[branch]).extend(written)
        if op == "rescore_by_rules":  # whatever it wrote, or nothing: the scores now follow the rules
            raw = [json.loads(journal.encode(ev)) for ev in self.events(branch)]
            Model(raw, None, None, shares=False).assert_rescored(self.clock)

    def build(self, op: str, a: int, b: int, events: list[E.Event]) -> list[E.Event]:
        rnd = self.rnd
        s = fold(sorted(events, key=lambda e: (e.at, e.id)))
        live_items = sorted(s.items)
        start = dt.datetime(2011, 3, 1, 9, tzinfo=TZ)
        with mock.patch.object(recording_common, "new_id", self.new_id):
            try:
                if op in ("void", "raw_void", "rules", "restore"):
                    return self.correction(op, a, b, s)
                if op == "submit" or not live_items:
                    unit = UNITS[a % 3]
                    authors = tuple(rnd.sample(PEOPLE[unit], k=1 + (b % len(PEOPLE[unit]))))
                    self.items += 1
                    joint = (UNITS[(a + 1) % 3],) if b % 6 == 0 else ()  # now and then a joint item
                    request = Submit(
                        title=f"信息{self.items}", unit=unit, joint=joint, authors=authors, item=f"I{self.items:03d}"
                    )
                    return request.build(s, self.business_day(start), "t")
                item = s.items[live_items[a % len(live_items)]]
                if op == "adopt":
                    units = ("wj", "qf") if b % 5 == 0 else ()
                    request = Adopt(
                        item=item.id,
                        channel=("kb", "cz", "gxzw")[b % 3],
                        issue=("", "第1期", "第2期")[a % 3],
                        form="单篇" if b % 7 == 0 else "单条",
                        units=units,
                    )
                    if b % 4 == 1:  # a day without a time, on the day the item was submitted
                        day = item.submitted_at.astimezone(TZ).replace(hour=9, minute=0)
                        return dataclasses.replace(request, untimed=True).build(s, day, "t")
                    return request.build(s, self.business_day(item.submitted_at), "t")
                if op == "comment":
                    level = ("city", "province", "county")[b % 3]
                    return Comment(item=item.id, leader="县长", level=level).build(
                        s, self.business_day(item.submitted_at), "t"
                    )
                if op == "amend":  # the unit, or the joint units, or the authors
                    unit = UNITS[b % 3]
                    at = max(self.clock, item.submitted_at + dt.timedelta(minutes=1))
                    if b % 3 == 1:
                        others = tuple(u for u in UNITS if u != item.unit)[: a % 3]
                        return Amend(item=item.id, joint=others, reason="联合报送").build(s, at, "t")
                    if b % 3 == 2:
                        joint = tuple(u for u in UNITS if u != unit)[: a % 2 + 1]
                        return Amend(item=item.id, unit=unit, joint=joint, authors=PEOPLE[unit]).build(s, at, "t")
                    return Amend(item=item.id, unit=unit, authors=(PEOPLE[unit][0],)).build(s, at, "t")
                if op == "rescore_by_rules":
                    return Rescore(reason="复核").build(s, self.clock, "t")
                scores = sorted(s.scores, key=lambda e: e.id)
                if op in ("override", "rescore") and scores:
                    score = scores[a % len(scores)]
                    points = float(b % 9)
                    if op == "override":
                        return Override(score.id, points, "改分").build(s, self.clock, "t")
                    return ManualScore(points, "改记", unit=UNITS[b % 3], replaces=score.id).build(s, self.clock, "t")
                if op == "manual":
                    return ManualScore(-float(b % 3 + 1), "扣分", unit=UNITS[a % 3]).build(
                        s, self.business_day(start), "t"
                    )
                if op == "repeat_adoption" and s.adoptions:
                    first = s.adoptions[sorted(s.adoptions)[a % len(s.adoptions)]]
                    copy = msgspec.structs.replace(first, id=self.new_id(), at=self.business_day(first.at), v=1)
                    return [copy, *scores_for_adoption(s, copy)]
            except RecordError:
                return []
        return []

    def correction(self, op: str, a: int, b: int, s) -> list[E.Event]:
        if op == "rules":
            effective = dt.date(2011, 3, 1) + dt.timedelta(days=a % 60)
            rules = E.RulesSet(
                id=self.new_id(),
                at=self.clock,
                ruleset=f"R{self.n}",
                scheme="internal" if b % 3 == 0 else "upward",
                effective=effective,
                adoption=[E.AdoptionRule(channel="kb", points=3), E.AdoptionRule(points=float(1 + b % 4))],
                comment=[E.CommentRule(level="city", points=6)],
            )
            return [rules]
        if op == "restore":  # undo a standing void, as the app's `u` does (the program refuses an edit's)
            # once the branches part, not the void of a rule set or an officer: undone on one branch,
            # the other's scores could not see it (as `rules` above; `check` and `rescore` mend them)
            fixed = E.EventVoided if self.branches is None else E.EventVoided | E.RulesSet | E.PersonRegistered
            voids = sorted(v.id for v in s.voids.values() if not isinstance(s.events.get(v.target), fixed))
            if not voids:
                return []
            return Restore(void=voids[a % len(voids)], reason="误作废").build(s, self.clock, "t")
        kinds = (E.ItemSubmitted, E.ItemAdopted, E.LeaderCommented, E.Scored)
        targets = sorted(ev.id for ev in s.log if isinstance(ev, kinds) and ev.id not in s.voids)
        if b % 11 == 0 and self.branches is None:  # now and then a person, or a rule set, before any branch
            targets = [ev.id for ev in s.log if isinstance(ev, E.PersonRegistered | E.RulesSet)][-2:]
        if not targets:
            return []
        target = targets[a % len(targets)]
        at = self.business_day(dt.datetime(2011, 3, 1, 9, tzinfo=TZ))
        if op == "raw_void":  # as an older version or `append` writes it: nothing taken along
            return [E.EventVoided(id=self.new_id(), at=at, target=target, reason="误录")]
        return Void(target=target, reason="误录").build(s, at, "t")

    def lines(self) -> list[bytes]:
        """Every event as a line; now and then one renamed as if imported, with `recorded`."""
        events = [*self.prefix, *(ev for branch in self.branches or [] for ev in branch)]
        renamed = {ev.id: f"IMP{k:04d}" for k, ev in enumerate(events) if ev.id[0] == "0" and self.rnd.random() < 0.1}
        out = []
        for ev in events:
            changes: dict = {
                f: renamed[v] for f in ("source", "target", "replaces") if (v := getattr(ev, f, None)) in renamed
            }
            if ev.id in renamed:
                changes.update(id=renamed[ev.id], recorded=_ulid_time(ev.id))
            out.append(journal.encode(msgspec.structs.replace(ev, **changes) if changes else ev))
        return out


def _ulid_time(i: str) -> dt.datetime:
    return recorded({"id": i, "at": ""})


def _boundaries(lines: list[dict]) -> tuple[list[dt.datetime], list[dt.datetime]]:
    """The end of every business day, and of every day something was recorded on."""

    def end(d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, dt.time.max, tzinfo=TZ)

    business = sorted({day(d) for d in lines})
    recording = sorted({recorded(d).astimezone(TZ).date() for d in lines})
    return [end(d) for d in business], [end(d) for d in recording]


OP = st.tuples(st.sampled_from(OPS), st.integers(0, 10**6), st.integers(0, 10**6))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(  # a rule set voided, then on one branch the void undone while the other adopts
    ops=[
        *[("submit", 0, 0)] * 9,
        ("rules", 0, 1),
        ("void", 1, 0),
        ("branch", 0, 0),
        ("restore", 0, 0),
        ("adopt", 0, 1),
    ],
    seed=0,
    repeats=[],
)
@example(  # an adoption naming its units, its score overridden, the item amended, the adoption voided and restored
    ops=[
        ("submit", 0, 0),
        ("submit", 0, 0),
        ("adopt", 0, 1),
        ("override", 0, 0),
        ("amend", 0, 1),
        *[("submit", 0, 0)] * 7,
        ("restore", 0, 0),
        ("void", 4, 1),
    ],
    seed=0,
    repeats=[],
)
@example(  # a repeated adoption's score, hidden, then counted once the first one's is voided after an amendment
    ops=[
        *[("submit", 0, 0)] * 5,
        *[("adopt", 0, 0)] * 3,
        ("adopt", 0, 1),
        ("adopt", 3, 1),
        ("raw_void", 0, 1),
        ("repeat_adoption", 0, 0),
        ("amend", 2, 1),
        ("void", 83, 1),
    ],
    seed=0,
    repeats=[],
)
@example(  # an adoption voided, its fact adopted anew naming units, the first restored: the fact's units count
    ops=[
        ("submit", 1, 0),
        ("submit", 2, 0),
        ("override", 3, 0),
        ("submit", 2, 0),
        ("adopt", 0, 1),
        ("void", 0, 1),
        ("void", 0, 0),
        ("adopt", 146, 557),
        ("submit", 1, 0),
        ("submit", 0, 0),
        ("submit", 0, 0),
        ("submit", 0, 0),
        ("submit", 0, 0),
        ("adopt", 0, 1),
        ("adopt", 0, 2),
        ("adopt", 0, 0),
        ("void", 2, 1),
        ("restore", 0, 0),
        ("adopt", 0, 0),
        ("submit", 0, 0),
        ("void", 526, 1),
        ("restore", 0, 0),
        ("submit", 0, 0),
        ("adopt", 9185, 9245),
        ("restore", 0, 0),
    ],
    seed=0,
    repeats=[],
)
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 10**6), st.integers(0, 10**6)), min_size=14, max_size=40
    ),
    seed=st.integers(0, 2**32),
    repeats=st.lists(st.integers(0, 10**6), max_size=6),
)
def test_every_view_of_a_generated_journal_agrees_with_the_reference_model(ops, seed, repeats):
    rnd = random.Random(seed)
    writer = Writer(rnd, internal=seed % 2 == 1)
    for op, a, b in ops:
        writer.apply(op, a, b)
    _agrees_in_every_view(writer, rnd, repeats, seed)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(st.tuples(st.sampled_from(OPS[:-1]), st.integers(0, 10**6), st.integers(0, 10**6)), max_size=24),
    changes=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=3),
    seed=st.integers(0, 2**32),
)
def test_rescore_after_the_rules_change_agrees_with_the_reference_model(ops, changes, seed):
    """Adoptions and comments scored, then rule sets registered late (effective before them),
    then `rescore`: `Writer.apply` asserts every score follows the rules then known, and every
    view of the journal, before the rescore was recorded and after, agrees with the model."""
    rnd = random.Random(seed)
    writer = Writer(rnd, internal=seed % 2 == 1)
    for op, a, b in [("submit", 0, 1), ("adopt", 0, 1), ("comment", 1, 0), *ops]:
        writer.apply(op, a, b)
    for a, b in changes:
        writer.apply("rules", a, b)
    writer.apply("rescore_by_rules", 0, 0)
    _agrees_in_every_view(writer, rnd, [], seed)


def _agrees_in_every_view(writer: Writer, rnd: random.Random, repeats: list[int], seed: int) -> None:
    lines = writer.lines()
    lines += [lines[r % len(lines)] for r in repeats]  # a union merge repeats lines
    rnd.shuffle(lines)
    loaded = journal.load_sources({"j.jsonl": b"".join(lines)})
    assert loaded.problems == []
    raw = [json.loads(line) for line in lines]
    business, recording = _boundaries(raw)
    shares = writer.branches is None  # a branch's adoption cannot see the other's amendment (`rescore` mends it)
    for as_of in [None, *business]:
        model = Model(raw, as_of, None, shares=shares)
        assert program_figures(loaded.events, as_of, None) == model.figures(), f"as of {as_of}"
    for known_at in recording:
        model = Model(raw, None, known_at, shares=shares)
        assert program_figures(loaded.events, None, known_at) == model.figures(), f"known at {known_at}"
    # the live view: a state folded with a tail equals one folded at once
    cut = seed % (len(loaded.events) + 1)
    part = fold(loaded.events[:cut])
    assert isinstance(part.items, dict)  # built before the tail arrives, as the app's are
    assert _figures_of(fold(loaded.events[cut:], state=part)) == _figures_of(fold(loaded.events))


def _figures_of(s) -> tuple:
    period = parse_period("2011")
    return (
        queries.summary(s, period),
        queries.ranking(s, period, by="person"),
        {i: it.points for i, it in s.items.items()},
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(OP, min_size=14, max_size=30),
    seed=st.integers(0, 2**32),
    cached=st.booleans(),
)
def test_the_command_line_agrees_with_the_reference_model_with_and_without_its_cache(ops, seed, cached):
    """The summary as `govinfo report summary` prints it, from a journal folder: worked out
    afresh, or kept and given again (`core.cache`), it is the model's."""
    import os
    import tempfile
    from pathlib import Path

    from .conftest import run

    rnd = random.Random(seed)
    writer = Writer(rnd, internal=seed % 2 == 1)
    for op, a, b in ops:
        writer.apply(op, a, b)
    lines = writer.lines()
    raw = [json.loads(line) for line in lines]
    with tempfile.TemporaryDirectory() as tmp, mock.patch.dict(os.environ):
        root = Path(tmp)
        for line in lines:
            path = journal.shard_for(root, journal.decoder.decode(line))
            path.parent.mkdir(exist_ok=True)
            with open(path, "ab") as fh:
                fh.write(line)
        if cached:
            os.environ.pop("GOVINFO_NO_CACHE", None)
        else:
            os.environ["GOVINFO_NO_CACHE"] = "1"
        # a branch's adoption cannot see the other's amendment (`rescore` mends it), as above
        model = Model(raw, None, None, shares=writer.branches is None).figures()
        for label in PERIODS:
            for _again in range(2):  # the second time from the cache, if on
                code, out, err = run("--journal", tmp, "report", "summary", "--period", label, "--format", "json")
                assert code == 0, err
                summary = json.loads(out)
                figures = (
                    _cents(summary["points"]),
                    sum(summary["adopted"].values()),
                    summary["adopted_items"],
                    summary["items"],
                )
                assert figures == model[("summary", label)]
        assert (root / ".cache").is_dir() == cached
