"""The year-end commendation (表彰决定): the advanced units (先进单位), excellent officers
(优秀信息员) and the year's best items (优秀信息 一/二/三等奖), chosen from the year's appraisal
by the rules the office set (`commendation` of the rule set in force at the year's end).

Choosing is by place, as a notice ranks: the top N of each kind of unit, of the officers and of
the items, ties sharing a place (so a tie at the last place is commended whole). Who falls short
of a threshold (completion, adoptions, months under quota, an item's points) is passed over
before places are counted. The county and the office's own units (its settings, `own_units`)
commend others, not themselves: their officers and items are left out; any other unit, an
office-kind one too, is judged like the rest.

The decision names the commended in its text; the figures behind each name (places, points,
completion) are a 名单 a county office attaches, so the tables go to one 附件 with the lists
that have anyone in them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import events as E
from .. import queries
from ..period import Period, day_of
from ..schemes import INTERNAL, UPWARD, ledger, rules_for
from ..state import State
from .common import cn_ordinal, grouped_ranking, office_name, scheme_note
from .model import Attachment, Column, Report, Section, Table, fmt_num, fmt_pct
from .outgoing import ALL_UNITS, commendation_sentences, has_commendation, is_own, issuer, not_units

LEVEL_RANK = {"national": 3, "province": 2, "city": 1, "county": 0}


def _top(rows: list[Any], count: int, key: Any) -> list[dict[str, Any]]:
    """The rows whose competition place by `key` (descending) is within `count`."""
    ordered = sorted(rows, key=key, reverse=True)
    keys = [key(r) for r in ordered]
    places = queries.competition_ranks(keys)
    out = []
    for row, place in zip(ordered, places, strict=True):
        if place <= count:
            out.append({**row, "place": place})
    return out


def _items(st: State, period: Period, scheme: E.Scheme) -> list[dict]:
    """Every item of other units that earned points in `scheme` during the year, with its best
    adoption level and its leaders' comments (the tie-breakers after points)."""
    points: dict[str, float] = {}
    for s in period.slice(ledger(st, scheme)):
        if s.item and s.source:
            points[s.item] = round(points.get(s.item, 0.0) + s.points, 2)
    out = []
    left_out = not_units(st)
    for code, got in points.items():
        item = st.items.get(code)
        if item is None or got <= 0 or is_own(st, item.unit, left_out):
            continue
        adoptions = [a for a in item.adoptions if period.has(a.at)]
        levels = [queries.channel_level(st, a.channel) for a in adoptions]
        best = max(levels, key=lambda lv: LEVEL_RANK.get(lv, 0), default="county")
        out.append(
            {
                "item": code,
                "title": item.title,
                "unit_name": queries.unit_name(st, item.unit),
                "authors": "、".join(queries.person_name(st, p) for p in item.authors),
                "points": got,
                "best_level": best,
                "channels": "、".join(dict.fromkeys(queries.channel_name(st, a.channel) for a in adoptions)),
                "comments": sum(1 for c in item.comments if period.has(c.at)),
                "submitted": day_of(item.submitted_at).isoformat(),
            }
        )
    return out


def commendation(st: State, year: int, scheme: E.Scheme = INTERNAL) -> Report:
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
    rs = rules_for(st, scheme, period.end)
    rules = rs.commendation if rs else E.Commendation()
    units: list[dict[str, Any]] = []
    left_out = not_units(st)
    for group in grouped_ranking(st, period, scheme=scheme):  # the office's own units are not ranked
        if group["kind"] == "county":
            continue
        eligible = [
            r
            for r in group["rows"]
            if r["points"] > 0
            and (not rules.unit_min_completion or (r["completion"] or 0) + 1e-9 >= rules.unit_min_completion)
        ]
        for r in _top(eligible, rules.units, key=lambda r: r["points"]):
            units.append(
                {
                    "unit": r["code"],
                    "name": r["name"],
                    "kind": group["kind"],
                    "kind_label": group["label"],
                    "place": r["place"],
                    "points": r["points"],
                    "adopted": r["adopted"],
                    "target": r["target"],
                    "completion": r["completion"],
                }
            )
    below = {r["code"]: r["months_below"] for r in queries.quota(st, period, scheme)}
    limit = rules.officer_max_months_below
    eligible_people = [
        r
        for r in queries.ranking(st, period, by="person", scheme=scheme)
        if r["code"] in st.people
        and not is_own(st, st.people[r["code"]].unit, left_out)
        and r["points"] > 0
        and r["adopted"] >= rules.officer_min_adopted
        and (limit is None or below.get(r["code"], 0) <= limit)
    ]
    officers = [
        {
            "person": r["code"],
            "name": r["name"],
            "unit_name": r["unit"],
            "place": r["place"],
            "points": r["points"],
            "adopted": r["adopted"],
            "months_below_quota": below.get(r["code"], 0),
        }
        for r in _top(eligible_people, rules.officers, key=lambda r: r["points"])
    ]
    prizes = []
    left = _items(st, period, scheme)
    for prize in rules.prizes:
        fit = [r for r in left if r["points"] + 1e-9 >= prize.min_points]
        won = _top(fit, prize.count, key=lambda r: (r["points"], LEVEL_RANK.get(r["best_level"], 0), r["comments"]))
        won.sort(key=lambda r: (r["place"], r["submitted"], r["item"]))
        taken = {r["item"] for r in won}
        left = [r for r in left if r["item"] not in taken]
        prizes.append({"name": prize.name, "count": prize.count, "min_points": prize.min_points, "items": won})
    county = queries.summary(st, period, UPWARD)
    city = [r for r in st.rankings if r.year == year and r.unit == queries.office_unit(st)]
    data = {
        "kind": "commendation",
        "year": year,
        "scheme": scheme,
        "scheme_note": scheme_note(st, scheme, period.end),
        "ruleset": rs.ruleset if rs else None,
        "rules": commendation_sentences(rules),
        "has_rules": has_commendation(rules),
        "county": {
            "name": office_name(st),
            "items": county["items"],
            "submitted": county["submitted"],
            "adopted": sum(county["adopted"].values()),
            "points": county["points"],
            "target": county["target"],
            "completion": county["completion"],
            "city_place": city[-1].place if city else None,
            "city_of": city[-1].of if city else None,
        },
        "units": units,
        "officers": officers,
        "prizes": prizes,
    }
    return _layout(st, data, period)


def _layout(st: State, data: dict, period: Period) -> Report:
    year, c = data["year"], data["county"]
    facts = f"{year}年，全县共报送政务信息{c['items']}条，其中向省、市报送{c['submitted']}条"
    facts += f"，被各级刊物采用{c['adopted']}条次"
    if c["target"]:
        facts += f"，得分{fmt_num(c['points'])}分，完成年度目标任务的{fmt_pct(c['completion'])}"
    if c["city_place"]:
        facts += f"，在全市综合排名中位列第{c['city_place']}名"
    facts += "。"
    named = [
        f"{len(data['units'])}个先进单位" if data["units"] else "",
        f"{len(data['officers'])}名优秀信息员" if data["officers"] else "",
        f"{sum(len(p['items']) for p in data['prizes'])}条优秀信息" if any(p["items"] for p in data["prizes"]) else "",
    ]
    named = [n for n in named if n]
    intro = [facts]
    if not data["has_rules"]:
        intro.append(
            f"《{data['ruleset']}》未规定表彰名额，本年度不作表彰。"
            if data["ruleset"]
            else "本年度尚未制定计分办法，不作表彰。"
        )
    elif named:
        intro.append(f"为表彰先进，经考核评比，决定对{'、'.join(named)}予以通报表彰。")
    else:
        intro.append("经考核评比，本年度无单位、信息员或信息达到表彰条件。")
    sections: list[Section] = []
    n = 0
    if data["units"]:
        n += 1
        by_kind: dict[str, list[str]] = {}
        for u in data["units"]:
            by_kind.setdefault(u["kind_label"], []).append(u["name"])
        lines = [f"{label}（{len(names)}个）：{'、'.join(names)}" for label, names in by_kind.items()]
        sections.append(Section(f"{cn_ordinal(n)}、先进单位", lines))
    if data["officers"]:
        n += 1
        names = "、".join(f"{o['name']}（{o['unit_name']}）" for o in data["officers"])
        sections.append(Section(f"{cn_ordinal(n)}、优秀信息员（{len(data['officers'])}名）", [names]))
    if any(p["items"] for p in data["prizes"]):
        n += 1
        lines = []
        for p in data["prizes"]:
            if p["items"]:
                listed = "；".join(
                    f"《{r['title']}》（{r['unit_name']}{' ' + r['authors'] if r['authors'] else ''}）"
                    for r in p["items"]
                )
                lines.append(f"{p['name']}（{len(p['items'])}条）：{listed}")
        sections.append(Section(f"{cn_ordinal(n)}、优秀信息", lines))
    if data["rules"]:
        rules = "；".join(data["rules"])
        basis = [f"评选依据《{data['ruleset']}》：{rules}。得分相同、名次并列的，一并表彰。", data["scheme_note"]]
        if named:
            basis.append("希望受表彰的单位和个人珍惜荣誉，再接再厉；各单位要以先进为榜样，进一步做好政务信息工作。")
        sections.append(Section("", basis))
    tables = [
        Table(
            "units",
            "先进单位",
            [
                Column("kind_label", "类别"),
                Column("place", "名次", "int"),
                Column("name", "单位"),
                Column("adopted", "采用", "int"),
                Column("points", "得分", "num"),
                Column("target", "年度目标", "num"),
                Column("completion", "完成率", "pct"),
            ],
            data["units"],
            empty="无",
        ),
        Table(
            "officers",
            "优秀信息员",
            [
                Column("place", "名次", "int"),
                Column("name", "姓名"),
                Column("unit_name", "单位"),
                Column("adopted", "采用", "int"),
                Column("points", "得分", "num"),
                Column("months_below_quota", "未完成月数", "int"),
            ],
            data["officers"],
            empty="无",
        ),
        Table(
            "items",
            "优秀信息",
            [
                Column("prize", "奖次"),
                Column("title", "标题"),
                Column("unit_name", "单位"),
                Column("authors", "作者"),
                Column("channels", "采用刊物"),
                Column("points", "得分", "num"),
            ],
            [{**r, "prize": p["name"]} for p in data["prizes"] for r in p["items"]],
            empty="无",
        ),
    ]
    named_tables = [t for t in tables if t.rows]
    roll = f"{year}年度政务信息工作表彰名单"
    attachments = [Attachment(roll, named_tables)] if named_tables else []
    return Report(
        kind="commendation",
        title=f"{issuer(st)}关于表彰{year}年度政务信息工作先进单位和先进个人的决定",
        data=data,
        sections=sections,
        period=period.label,
        office=c["name"],
        issuer=issuer(st),
        date=period.end,
        addressee=ALL_UNITS,
        intro=intro,
        attachments=attachments,
    )
