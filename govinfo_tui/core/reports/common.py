"""Helpers the reports share: names, Chinese dates and periods, ledger look-ups."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import get_args

from ... import i18n
from .. import events as E
from .. import queries
from ..period import Period
from ..queries import unit_name
from ..rows import RankingRow
from ..schemes import INTERNAL, ledger, own_rules, rules_for
from ..state import State


def printed_labels(family: str, values: Iterable[str]) -> dict[str, str]:
    """value -> the word the papers print for it, from the catalogue (`print.*` where it differs)."""
    return {v: i18n.label(family, v, printed=True) for v in values}


KIND_LABELS = printed_labels("kind", get_args(E.UnitKind))
KIND_ORDER = ("township", "department", "office", "other", "county")
LEVEL_LABELS = printed_labels("level", E.LEVELS)
ROLE_LABELS = printed_labels("role", get_args(E.Role))
STANCE_LABELS = printed_labels("stance", get_args(E.Stance))
STATUS_LABELS = printed_labels("commission", ("open", "overdue", "on_time", "late"))
_CN_NUM = "〇一二三四五六七八九十"


def office_name(st: State) -> str:
    return unit_name(st, queries.office_unit(st)) or "本县"


def cn_month_range(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.year}年{start.month}月"
        return f"{start.year}年{start.month}—{end.month}月"
    return f"{start.year}年{start.month}月至{end.year}年{end.month}月"


def cn_period(period: Period) -> str:
    """2011年6月, 2011年第二季度, 2011年上半年, 2011年, 2011年1—5月, or dates."""
    s, e = period.start, period.end
    whole_months = s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]
    if not whole_months:
        if s == e:
            return f"{s.year}年{s.month}月{s.day}日"
        return f"{s.year}年{s.month}月{s.day}日至{e.year}年{e.month}月{e.day}日"
    if s.year == e.year:
        if (s.month, e.month) == (1, 12):
            return f"{s.year}年"
        if (s.month, e.month) == (1, 6):
            return f"{s.year}年上半年"
        if (s.month, e.month) == (7, 12):
            return f"{s.year}年下半年"
        if s.month % 3 == 1 and e.month == s.month + 2:
            return f"{s.year}年第{_CN_NUM[(s.month + 2) // 3]}季度"
    return cn_month_range(s, e)


def cn_ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二 (section numbers up to 99)."""
    if n <= 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return (_CN_NUM[tens] if tens > 1 else "") + "十" + (_CN_NUM[ones] if ones else "")


def ref_day(period: Period, today: dt.date | None) -> dt.date:
    """The day statuses are judged on: the period's end, or `today` if that is earlier."""
    return min(period.end, today) if today else period.end


def points_by_source(st: State, scheme: E.Scheme) -> dict[str, float]:
    """What each adoption or comment earned in `scheme`."""
    out: dict[str, float] = defaultdict(float)
    for s in ledger(st, scheme):
        if s.source:
            out[s.source] += s.points
    return {k: round(v, 2) for k, v in out.items()}


def grouped_ranking(
    st: State, period: Period, kinds: list[str] | None = None, scheme: E.Scheme = INTERNAL, include_own: bool = False
) -> list[dict]:
    """`queries.ranking` of units in `scheme`, one group per unit kind, places counted within
    each group. Inactive units with nothing in the period are left out, and the office's own
    units unless `include_own`.
    """
    rows = queries.ranking(st, period, by="unit", scheme=scheme, include_own=include_own)
    groups: dict[str, list[RankingRow]] = defaultdict(list)
    for row in rows:
        unit = st.units.get(row["code"])
        busy = row["submitted"] or row["adopted"] or row["points"]
        if unit is not None and not unit.active and not busy:
            continue
        groups[row["kind"]].append(row)
    out = []
    for kind in KIND_ORDER:
        if kind not in groups or (kinds and kind not in kinds):
            continue
        members = groups[kind]
        for row, place in zip(members, queries.competition_ranks([r["points"] for r in members]), strict=True):
            row["rank"] = place
        out.append({"kind": kind, "label": KIND_LABELS.get(kind, kind), "rows": members})
    return out


def scheme_note(st: State, scheme: E.Scheme, day: dt.date) -> str:
    """The sentence a paper prints to say whose points its units are scored by: the scheme and
    its rules, or that the county has none of its own and follows the city's."""
    own, followed = own_rules(st, scheme, day), rules_for(st, scheme, day)
    if followed is None:
        return f"各单位得分为{i18n.label('scheme', scheme, printed=True)}。"
    if own is None:
        return f"各单位得分按《{followed.ruleset}》计算（本县未另定考核细则）。"
    return f"各单位得分为{i18n.label('scheme', scheme, printed=True)}，依据《{own.ruleset}》计算。"
