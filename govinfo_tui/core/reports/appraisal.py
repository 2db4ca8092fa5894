"""The year-end appraisal (年终评比): the annual ranking, target completion, grades by the
thresholds of the rule set in force that year, and remuneration totals.

The county's own line is the upward figure graded by the upward rules; its units and officers
are scored and graded in `scheme`, by default the county's own."""

from __future__ import annotations

from typing import Any

from .. import queries
from ..events import Scheme
from ..office import own_units
from ..period import Period
from ..rules import grade_for, penalty_kind
from ..schemes import INTERNAL, UPWARD, ledger, rules_for
from ..state import State
from .common import ROLE_LABELS, cn_ordinal, cn_period, grouped_ranking, office_name, scheme_note
from .model import Attachment, Column, Report, Section, Table, fmt_num, fmt_pct
from .outgoing import ALL_UNITS
from .remuneration import payments, totals


def appraisal(st: State, period: Period, scheme: Scheme = INTERNAL, include_own: bool = False) -> Report:
    year = period.end.year
    rs = rules_for(st, scheme, period.end)
    office_rs = rules_for(st, UPWARD, period.end)
    lines = payments(st, period)
    by_person_pay, by_unit_pay = totals(st, lines)
    unit_pay = {r["unit"]: r["amount"] for r in by_unit_pay}
    person_pay = {r["person"]: r["amount"] for r in by_person_pay if r["person"]}
    unit_penalty: dict[str, float] = {}
    for s in period.slice(ledger(st, scheme)):
        if penalty_kind(s.rule):
            for cr in s.credits:
                unit_penalty[cr.unit] = round(unit_penalty.get(cr.unit, 0.0) + cr.points, 2)
    groups = grouped_ranking(st, period, scheme=scheme, include_own=include_own)
    for g in groups:
        g["rows"] = [
            {
                **row,
                "grade": grade_for(rs, row["completion"]) if row["target"] else None,
                "remuneration": unit_pay.get(row["code"], 0.0),
                "penalties": unit_penalty.get(row["code"], 0.0),
            }
            for row in g["rows"]
        ]
    quota_below = {r["code"]: r["months_below"] for r in queries.quota(st, period, scheme)}
    people: list[dict[str, Any]] = [
        {
            **row,
            "role_label": ROLE_LABELS.get(row["kind"], row["kind"]),
            "remuneration": person_pay.get(row["code"], 0.0),
            "months_below_quota": quota_below.get(row["code"], 0),
            "grade": grade_for(rs, row["completion"]) if row["target"] else None,
        }
        for row in queries.ranking(st, period, by="person", scheme=scheme, include_own=include_own)
    ]
    people = [r for r in people if r["submitted"] or r["points"] or r["remuneration"] or r["months_below_quota"]]
    office = queries.office_unit(st)
    points = round(sum(s.points for s in period.slice(ledger(st, UPWARD))), 2)
    target = queries.target_for(st, year, office)
    completion = round(points / target, 4) if target else None
    city = [r for r in st.rankings if r.year == year and r.unit == office]
    data = {
        "kind": "appraisal",
        "year": year,
        "period": period.label,
        "period_label": cn_period(period),
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "scheme": scheme,
        "scheme_note": scheme_note(st, scheme, period.end),
        "ruleset": rs.ruleset if rs else None,
        "grades": [{"name": g.name, "min_completion": g.min_completion} for g in (rs.grades if rs else [])],
        "office": {
            "name": office_name(st),
            "points": points,
            "target": target,
            "completion": completion,
            "grade": grade_for(office_rs, completion) if target else None,
            "city_place": city[-1].place if city else None,
            "city_of": city[-1].of if city else None,
        },
        "rankings": groups,
        "people": people,
        "remuneration_total": round(sum(line["paid"] for line in lines), 2),
        # paid to the office's own units and staff, who are not appraised: in the total, not the tables
        "remuneration_own": 0.0 if include_own else round(sum(unit_pay.get(u, 0.0) for u in own_units(st)), 2),
    }
    return _layout(st, period, data)


def _grade_text(data: dict) -> str:
    if not data["grades"]:
        return "本年度计分办法未规定评定等次。"
    parts = [f"{g['name']}（完成目标{fmt_pct(g['min_completion'])}及以上）" for g in data["grades"]]
    return f"依据《{data['ruleset']}》，按年度目标完成率评定等次：" + "；".join(parts) + "。"


def _layout(st: State, period: Period, data: dict) -> Report:
    o = data["office"]
    intro = f"{data['period_label']}，{o['name']}共得{fmt_num(o['points'])}分"
    if o["target"]:
        intro += f"，完成年度目标任务（{fmt_num(o['target'])}分）的{fmt_pct(o['completion'])}"
    if o["city_place"]:
        of = f"（共{o['city_of']}个）" if o["city_of"] else ""
        intro += f"，在全市综合排名中位列第{o['city_place']}名{of}"
    intro += f"；计发稿酬{data['remuneration_total']:,.2f}元"
    if data["remuneration_own"]:
        intro += f"（其中本单位人员{data['remuneration_own']:,.2f}元，不参加评比，未列入附表）"
    intro += "。"
    cols = [
        Column("rank", "名次", "int"),
        Column("name", "单位"),
        Column("submitted", "报送", "int"),
        Column("province", "省级采用", "int"),
        Column("city", "市级采用", "int"),
        Column("adopted", "采用合计", "int"),
        Column("comments", "领导批示", "int"),
        Column("penalties", "扣分", "num"),
        Column("points", "得分", "num"),
        Column("target", "年度目标", "num"),
        Column("completion", "完成率", "pct"),
        Column("grade", "等次"),
        Column("remuneration", "稿酬(元)", "money"),
    ]
    tables = [
        _totalled(Table(f"appraisal_{g['kind']}", f"{g['label']}年度评比", cols, g["rows"])) for g in data["rankings"]
    ]
    people_cols = [
        Column("rank", "名次", "int"),
        Column("name", "姓名"),
        Column("unit", "单位"),
        Column("role_label", "类别"),
        Column("submitted", "报送", "int"),
        Column("adopted", "采用", "int"),
        Column("points", "得分", "num"),
        Column("months_below_quota", "未完成月数", "int"),
        Column("remuneration", "稿酬(元)", "money"),
    ]
    attachments = [
        Attachment("各单位政务信息工作年度考核评比结果", tables, [_grade_text(data), data["scheme_note"]]),
        Attachment("信息员年度情况", [_people_total(Table("people", "信息员年度情况", people_cols, data["people"]))]),
    ]
    sections = [
        Section(f"{cn_ordinal(1)}、全县完成情况", [intro]),
        Section(f"{cn_ordinal(2)}、各单位考核结果", [*_grade_lines(data), "各单位得分、完成率及等次见附件1。"]),
    ]
    best = [r for r in data["people"] if r["points"] > 0][:10]
    if best:
        names = "、".join(f"{r['name']}（{r['unit']}，采用{r['adopted']}条，得{fmt_num(r['points'])}分）" for r in best)
        sections.append(
            Section(f"{cn_ordinal(3)}、信息员情况", [f"全年得分较多的信息员：{names}。信息员年度情况见附件2。"])
        )
    return Report(
        kind="appraisal",
        title=f"{o['name']}{data['period_label']}政务信息工作考核评比结果",
        data=data,
        sections=sections,
        period=period.label,
        office=o["name"],
        issuer=f"{o['name']}人民政府办公室",
        date=period.end,
        addressee=ALL_UNITS,
        intro=[f"现将{data['period_label']}全县政务信息工作考核评比结果通报如下："],
        attachments=attachments,
    )


def _grade_lines(data: dict) -> list[str]:
    """Each grade and the units in it, by name, best first; those without a target apart."""
    if not data["grades"]:
        return []
    by_grade: dict[str, list[str]] = {}
    for g in data["rankings"]:
        for r in sorted(g["rows"], key=lambda r: -(r["completion"] or 0)):
            if r["grade"]:
                by_grade.setdefault(r["grade"], []).append(r["name"])
    out = []
    for g in data["grades"]:
        names = by_grade.get(g["name"], [])
        if names:
            out.append(f"评为“{g['name']}”的单位（{len(names)}个）：{'、'.join(names)}。")
    failed = [n for grade, names in by_grade.items() if grade not in {g["name"] for g in data["grades"]} for n in names]
    if failed:
        out.append(f"未达到等次要求的单位（{len(failed)}个）：{'、'.join(failed)}。")
    return out


def _totalled(t: Table) -> Table:
    """The 合计 row of a group: counts, points, targets and money add up; a joint item or a
    combined adoption counts for each of its units, which the note says."""
    total: dict[str, Any] = {"name": "合计"}
    for c in t.columns:
        if c.kind in ("int", "num", "money") and c.key != "rank":
            total[c.key] = round(sum(r.get(c.key) or 0 for r in t.rows), 2)
    if total.get("target"):
        total["completion"] = round(total.get("points", 0) / total["target"], 4)
    t.total = total
    t.note = "联合报送、联合采用的信息在每个署名单位各计1条；完成率为全年得分占年度目标的比例。"
    return t


def _people_total(t: Table) -> Table:
    """The officers' 合计: what they submitted, had adopted, scored and were paid."""
    if t.rows:
        t.total = {"name": "合计"} | {
            key: round(sum(r.get(key) or 0 for r in t.rows), 2)
            for key in ("submitted", "adopted", "points", "remuneration")
        }
        t.note = "联合署名的信息在每位作者各计1条；稿酬按作者分摊。"
    return t
