"""The year's targets notice (年度目标任务通知): at the start of the year the office tells each
township and department its target, and by which rules it will be scored and commended.

The body says the totals and the rules in words; the breakdown by unit (with its 合计) and the
officers' own targets are statistical tables, so they go to 附件 pages, as a county office
attaches its 目标任务分解表 to the notice rather than set it in the text.

Every figure is the journal's: the targets registered for the year (`register target`), the
city's target for the county, and the rule set in force on 1 January, quoted in words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import events as E
from .. import queries
from ..period import day_of
from ..schemes import INTERNAL, UPWARD, rules_for
from ..state import State
from .common import KIND_LABELS, KIND_ORDER, cn_ordinal, office_name
from .model import Attachment, Column, Report, Section, Table, fmt_num, total_row
from .outgoing import ALL_UNITS, commendation_sentences, is_own, issuer, not_units, rule_sentences


def latest_target(
    st: State, year: int, *, unit: str | None = None, person: str | None = None, scheme: E.Scheme = INTERNAL
) -> E.TargetSet | None:
    """The target set last for that year and subject in `scheme`; the internal scheme takes the
    upward one where it sets none (as `queries.target_for` does)."""
    found = None
    for t in st.targets:
        if t.year == year and t.unit == unit and t.person == person and t.scheme == scheme:
            found = t
    if found is None and scheme == INTERNAL:
        return latest_target(st, year, unit=unit, person=person, scheme=UPWARD)
    return found


def target_notice(st: State, year: int, scheme: E.Scheme = INTERNAL) -> Report:
    start = dt.date(year, 1, 1)
    rs = rules_for(st, scheme, start)
    county = queries.office_unit(st)
    upward = latest_target(st, year, unit=county, scheme=UPWARD) if county else None
    units: list[dict[str, Any]] = []
    issued: list[E.TargetSet] = []
    left_out = not_units(st)
    for kind in KIND_ORDER:
        for code, u in st.units.items():
            if u.kind != kind or is_own(st, code, left_out) or not u.active:
                continue
            t = latest_target(st, year, unit=code, scheme=scheme)
            if t is not None:
                issued.append(t)
            units.append(
                {
                    "no": len(units) + 1,
                    "unit": code,
                    "name": u.name,
                    "kind": kind,
                    "kind_label": KIND_LABELS.get(kind, kind),
                    "points": t.points if t else None,
                    "adoptions": t.adoptions if t and t.adoptions else None,
                }
            )
    people: list[dict[str, Any]] = []
    for code, p in st.people.items():
        t = latest_target(st, year, person=code, scheme=scheme)
        if t is None or not p.active:
            continue
        issued.append(t)
        people.append(
            {
                "no": len(people) + 1,
                "person": code,
                "name": p.name,
                "unit_name": queries.unit_name(st, p.unit),
                "points": t.points,
            }
        )
    total = round(sum(r["points"] or 0 for r in units), 2)
    total_adoptions = sum(r["adoptions"] or 0 for r in units)
    day = max((day_of(t.at) for t in issued), default=start)
    data = {
        "kind": "target-notice",
        "year": year,
        "scheme": scheme,
        "ruleset": rs.ruleset if rs else None,
        "county": {
            "unit": county,
            "name": office_name(st),
            "points": upward.points if upward else None,
            "adoptions": upward.adoptions if upward and upward.adoptions else None,
            "issued_by": upward.issued_by if upward else "",
        },
        "units": units,
        "people": people,
        "total": total,
        "total_adoptions": total_adoptions,
        "without_target": [r["name"] for r in units if r["points"] is None],
        "rules": rule_sentences(st, rs) if rs else [],
        "commendation": commendation_sentences(rs.commendation) if rs else [],
        "date": day.isoformat(),
    }
    return _layout(st, data, day)


def _layout(st: State, data: dict, day: dt.date) -> Report:
    year, c = data["year"], data["county"]
    basis = f"根据《{data['ruleset']}》，" if data["ruleset"] else ""
    intro = f"为做好{year}年全县政务信息工作，{basis}现将{year}年度政务信息工作目标任务下达给你们，请认真抓好落实。"
    tasks = []
    if c["points"]:
        by = c["issued_by"] or "上级"
        extra = f"、采用信息{c['adoptions']}条" if c["adoptions"] else ""
        tasks.append(f"{by}下达{c['name']}{year}年政务信息工作目标任务{fmt_num(c['points'])}分{extra}。")
    counted = [r for r in data["units"] if r["points"] is not None]
    many = bool(data["people"])  # 附件1 and 附件2, else the one 附件
    if counted:
        line = f"全县{len(counted)}个乡镇和县级部门年度目标任务合计{fmt_num(data['total'])}分"
        if data["total_adoptions"]:
            line += f"、采用信息{data['total_adoptions']}条"
        tasks.append(line + f"，分解到各单位的目标任务见附件{1 if many else ''}。")
    else:
        tasks.append(f"{year}年度尚未向各单位分解目标任务。")
    if data["without_target"]:
        tasks.append("以下单位本年度未分解目标任务：" + "、".join(data["without_target"]) + "。")
    if data["people"]:
        tasks.append(f"{len(data['people'])}名信息员的个人目标任务见附件2。")
    sections = [Section(f"{cn_ordinal(1)}、目标任务", tasks)]
    if data["rules"]:
        lines = [f"（{cn_ordinal(n)}）{line}" for n, line in enumerate(data["rules"], start=1)]
        sections.append(
            Section(f"{cn_ordinal(2)}、考核计分办法", [f"{year}年按《{data['ruleset']}》考核计分。", *lines])
        )
    else:
        sections.append(Section(f"{cn_ordinal(2)}、考核计分办法", [f"{year}年的考核计分办法另行通知。"]))
    if data["commendation"]:
        lines = [f"（{cn_ordinal(n)}）{line}。" for n, line in enumerate(data["commendation"], start=1)]
        sections.append(
            Section(
                f"{cn_ordinal(3)}、表彰奖励",
                ["年终对完成目标任务成绩突出的单位、信息员和优秀信息予以通报表彰：", *lines],
            )
        )
    cols = [
        Column("no", "序号", "int"),
        Column("name", "单位"),
        Column("kind_label", "类别"),
        Column("points", "年度目标(分)", "num"),
    ]
    if data["total_adoptions"]:
        cols.append(Column("adoptions", "采用目标(条)", "int"))
    counted_keys = ("points", "adoptions") if data["total_adoptions"] else ("points",)
    targets = Table(
        "targets",
        f"各单位{year}年度政务信息目标任务",
        cols,
        data["units"],
        empty="本年度未分解目标任务。",
        total=total_row(counted, ("name", "合计"), counted_keys),
    )
    attachments = [Attachment(targets.title, [targets])]
    if data["people"]:
        people = Table(
            "people",
            f"信息员{year}年度目标任务",
            [
                Column("no", "序号", "int"),
                Column("name", "姓名"),
                Column("unit_name", "单位"),
                Column("points", "年度目标(分)", "num"),
            ],
            data["people"],
        )
        attachments.append(Attachment(people.title, [people]))
    return Report(
        kind="target-notice",
        title=f"{issuer(st)}关于下达{year}年度政务信息工作目标任务的通知",
        data=data,
        sections=sections,
        period=str(year),
        office=data["county"]["name"],
        issuer=issuer(st),
        date=day,
        addressee=ALL_UNITS,
        intro=[intro],
        attachments=attachments,
    )
