"""The monthly / quarterly notice (通报): rankings, silent units, quota, adoptions, comments,
commissions and penalties for a period, as the office circulates it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import queries
from ..events import LEVELS, UPWARD_LEVELS, Scheme
from ..period import Period, day_of, order_key
from ..queries import person_name, unit_name
from ..rules import penalty_kind
from ..schemes import INTERNAL, UPWARD, ledger
from ..state import State
from .commissions import commission_rows
from .common import (
    LEVEL_LABELS,
    ROLE_LABELS,
    STANCE_LABELS,
    cn_ordinal,
    cn_period,
    grouped_ranking,
    office_name,
    points_by_source,
    ref_day,
    scheme_note,
)
from .model import Column, Report, Section, Table, fmt_num, fmt_pct

RANKING_COLUMNS = [
    Column("rank", "名次", "int"),
    Column("name", "单位", "text"),
    Column("submitted", "报送", "int"),
    Column("national", "国家级采用", "int"),
    Column("province", "省级采用", "int"),
    Column("city", "市级采用", "int"),
    Column("county", "县级采用", "int"),
    Column("adopted", "采用合计", "int"),
    Column("points", "得分", "num"),
    Column("ytd_points", "年度累计得分", "num"),
    Column("target", "年度目标", "num"),
    Column("completion", "目标完成率", "pct"),
]


def notice(
    st: State,
    period: Period,
    *,
    today: dt.date | None = None,
    kinds: list[str] | None = None,
    issued=None,
    scheme: Scheme = INTERNAL,
) -> Report:
    """The notice for `period`; commission statuses are judged at the period's end (or `today`
    if earlier), so a past month's notice reads the same whenever it is printed again.

    The county's own figures are the upward ones the city counts; units, officers, adoptions,
    comments and penalties are scored in `scheme`, by default the county's own."""
    day = ref_day(period, today)
    office = queries.office_unit(st)
    summary = queries.summary(st, period)
    year = period.end.year
    ytd = Period(dt.date(year, 1, 1), period.end, str(year))
    ytd_points = round(sum(s.points for s in ytd.slice(ledger(st, UPWARD))), 2)
    office_target = queries.target_for(st, year, office)
    groups = grouped_ranking(st, period, kinds, scheme)
    zero = [
        {"code": code, "name": u.name, "kind": u.kind}
        for g in groups
        for r in g["rows"]
        if r["submitted"] == 0
        for code, u in [(r["code"], st.units[r["code"]])]
        if u.active
    ]
    below: list[dict[str, Any]] = [{**r} for r in queries.quota(st, period, scheme) if r["months_below"]]
    for r in below:
        r["detail"] = "；".join(
            f"{int(m[:4])}年{int(m[5:7])}月报送{c['count']}条（应报{c['quota']}条）"
            for m, c in r["months"].items()
            if c["below"]
        )
        r["role_label"] = ROLE_LABELS.get(r["role"], r["role"])
    pts = points_by_source(st, scheme)
    adoptions = []
    for a in sorted(st.adoptions.values(), key=order_key):
        if not period.has(a.at) or a.item not in st.items:
            continue
        item = st.items[a.item]
        level = queries.channel_level(st, a.channel)
        credited = a.units or [item.unit]
        adoptions.append(
            {
                "date": day_of(a.at).isoformat(),
                "item": a.item,
                "title": item.title,
                "unit": item.unit,
                "unit_name": "、".join(unit_name(st, u) for u in credited),
                "authors": "、".join(person_name(st, p) for p in item.authors),
                "channel": a.channel,
                "channel_name": queries.channel_name(st, a.channel),
                "level": level,
                "level_label": LEVEL_LABELS.get(level, level),
                "issue": a.issue,
                "form": a.form,
                "points": pts.get(a.id, 0.0),
            }
        )
    comments = []
    for c in sorted(st.comments.values(), key=order_key):
        if not period.has(c.at) or c.item not in st.items:
            continue
        item = st.items[c.item]
        comments.append(
            {
                "date": day_of(c.at).isoformat(),
                "item": c.item,
                "title": item.title,
                "unit_name": unit_name(st, item.unit),
                "leader": c.leader,
                "level_label": LEVEL_LABELS.get(c.level, c.level),
                "stance": c.stance,
                "stance_label": STANCE_LABELS.get(c.stance, c.stance),
                "principal": c.principal,
                "text": c.text,
                "points": pts.get(c.id, 0.0),
            }
        )
    commissions = [
        r
        for r in commission_rows(st, day)
        if r["commissioned"] <= period.end.isoformat()
        and not (r["delivered"] and r["delivered"] < period.start.isoformat())
    ]
    penalties = []
    for s in period.slice(ledger(st, scheme)):
        kind = penalty_kind(s.rule)
        if kind is None and s.points >= 0:
            continue
        for cr in s.credits:
            penalties.append(
                {
                    "date": day_of(s.at).isoformat(),
                    "unit_name": unit_name(st, cr.unit),
                    "person_name": person_name(st, cr.person),
                    "points": cr.points,
                    "kind": kind or "manual",
                    "reason": s.reason or s.rule,
                }
            )
    data = {
        "kind": "notice",
        "period": period.label,
        "period_label": cn_period(period),
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "judged_on": day.isoformat(),
        "office": office_name(st),
        "scheme": scheme,
        "scheme_note": scheme_note(st, scheme, period.end),
        "summary": summary,
        "ytd_points": ytd_points,
        "office_target": office_target,
        "ytd_completion": round(ytd_points / office_target, 4) if office_target else None,
        "rankings": groups,
        "zero_submissions": zero,
        "below_quota": below,
        "adoptions": adoptions,
        "comments": comments,
        "commissions": commissions,
        "penalties": penalties,
    }
    return _layout(st, period, data, issued or day)


def _summary_text(data: dict, bulletin_names: list[str]) -> str:
    s = data["summary"]
    parts = [f"{data['period_label']}，全县共报送政务信息{s['items']}条，其中向省、市报送{s['submitted']}条"]
    adopted: dict[str, int] = {}
    for a in data["adoptions"]:
        if a["level"] in UPWARD_LEVELS:
            adopted[a["channel_name"]] = adopted.get(a["channel_name"], 0) + 1
    adopted = dict(sorted(adopted.items(), key=lambda kv: (-kv[1], kv[0])))
    if adopted:
        parts.append("被" + "、".join(f"《{name}》采用{n}条" for name, n in adopted.items()))
        if len(adopted) > 1:
            parts.append(f"共被上级采用{sum(adopted.values())}条（次）")
    else:
        parts.append("本期无被上级采用的信息")
    if s["bulletin_issues"]:
        names = "、".join(f"《{n}》" for n in bulletin_names) or "简报"
        parts.append(f"编发{names}{s['bulletin_issues']}期")
    if s["leader_comments"]:
        parts.append(f"获领导批示{s['leader_comments']}次，其中肯定性批示{s['affirmative_comments']}条")
    text = "，".join(parts) + f"。本期共得{fmt_num(s['points'])}分"
    if data["office_target"]:
        year = data["to"][:4]
        text += (
            f"，{year}年累计得{fmt_num(data['ytd_points'])}分，"
            f"完成年度目标任务（{fmt_num(data['office_target'])}分）的{fmt_pct(data['ytd_completion'])}"
        )
    return text + "。现将有关情况通报如下："


def _layout(st: State, period: Period, data: dict, issued: dt.date) -> Report:
    bulletin_names = sorted(
        {queries.channel_name(st, b.channel) for b in st.bulletins if period.has(b.at) and not b.supplement}
    )
    sections: list[Section] = []

    def add(heading: str, paragraphs: list[str], tables: list[Table]) -> None:
        sections.append(Section(f"{cn_ordinal(len(sections) + 1)}、{heading}", paragraphs, tables))

    # every level that adopted something in the period, and always the province and the city
    used = {lvl for g in data["rankings"] for r in g["rows"] for lvl in LEVELS if r[lvl]} | {"province", "city"}
    columns = [c for c in RANKING_COLUMNS if c.key not in LEVELS or c.key in used]
    tables = [
        Table(f"ranking_{g['kind']}", f"{g['label']}信息报送采用情况", columns, g["rows"]) for g in data["rankings"]
    ]
    note = "排名按本期得分，得分相同者名次并列；目标完成率为年初至本期末累计得分占年度目标的比例。"
    add("各单位信息报送采用情况", [data["scheme_note"] + note], tables)
    zero_names = "、".join(z["name"] for z in data["zero_submissions"])
    add(
        "未报送信息的单位",
        [f"{zero_names}本期未报送信息，请予重视。" if zero_names else "本期各单位均有信息报送。"],
        [],
    )
    add(
        "未完成报送任务的信息员",
        [] if data["below_quota"] else ["本期信息员均完成了每月报送任务。"],
        [
            Table(
                "below_quota",
                "未完成报送任务的信息员",
                [
                    Column("name", "姓名"),
                    Column("unit", "单位"),
                    Column("role_label", "类别"),
                    Column("months_below", "未完成月数", "int"),
                    Column("detail", "报送情况"),
                ],
                data["below_quota"],
            )
        ]
        if data["below_quota"]
        else [],
    )
    add(
        "信息采用情况",
        [],
        [
            Table(
                "adoptions",
                "信息采用情况",
                [
                    Column("date", "采用日期", "date"),
                    Column("title", "标题"),
                    Column("unit_name", "单位"),
                    Column("channel_name", "采用刊物"),
                    Column("issue", "期号"),
                    Column("form", "采用形式"),
                    Column("points", "得分", "num"),
                ],
                data["adoptions"],
                empty="本期无信息被采用。",
            )
        ],
    )
    add(
        "领导批示情况",
        [] if data["comments"] else ["本期无领导批示。"],
        [
            Table(
                "comments",
                "领导批示情况",
                [
                    Column("date", "批示日期", "date"),
                    Column("title", "信息标题"),
                    Column("unit_name", "单位"),
                    Column("leader", "批示领导"),
                    Column("stance_label", "性质"),
                    Column("text", "批示内容"),
                    Column("points", "加分", "num"),
                ],
                data["comments"],
            )
        ]
        if data["comments"]
        else [],
    )
    add(
        "约稿完成情况",
        [] if data["commissions"] else ["本期无约稿。"],
        [
            Table(
                "commissions",
                "约稿完成情况",
                [
                    Column("commission", "编号"),
                    Column("title", "约稿题目"),
                    Column("unit_name", "承办单位"),
                    Column("deadline", "报送时限", "date"),
                    Column("delivered", "报送日期", "date"),
                    Column("status_label", "完成情况"),
                ],
                data["commissions"],
            )
        ]
        if data["commissions"]
        else [],
    )
    if data["penalties"]:
        add(
            "扣分情况",
            [],
            [
                Table(
                    "penalties",
                    "扣分情况",
                    [
                        Column("date", "日期", "date"),
                        Column("unit_name", "单位"),
                        Column("person_name", "信息员"),
                        Column("points", "扣分", "num"),
                        Column("reason", "原因"),
                    ],
                    data["penalties"],
                )
            ],
        )
    office = data["office"]
    return Report(
        kind="notice",
        title=f"{office}人民政府办公室关于{data['period_label']}政务信息工作情况的通报",
        data=data,
        sections=sections,
        period=period.label,
        office=office,
        issuer=f"{office}人民政府办公室",
        date=issued,
        addressee="各乡镇人民政府，县政府各部门：",
        intro=[_summary_text(data, bulletin_names)],
    )
