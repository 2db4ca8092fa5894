"""The adoption slip (信息采用情况): what the office tells one unit about a period: which of its
items were adopted where, the leaders' comments, the other points (base points, penalties),
what each earned it in one scheme, and where that leaves it against its year's target.

The points are the ledger's, credit by credit, so the slip's total is the unit's figure in the
ranking and the notice of the same period and scheme.

The letter says the sums; the item-by-item detail (adoptions with their 合计, comments, other
points) is a 明细 a unit files and checks against its own register, so it goes to a 附件.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ... import i18n
from .. import events as E
from .. import queries
from ..period import Period, day_of, order_key
from ..rules import is_base, penalty_kind
from ..schemes import INTERNAL, ledger
from ..state import State
from .common import KIND_LABELS, LEVEL_LABELS, STANCE_LABELS, cn_period, office_name, ref_day, scheme_note
from .model import Attachment, Column, Report, Section, Table, cn_date, fmt_num, fmt_pct, total_row
from .outgoing import issuer, unit_of


def _why(s: E.Scored) -> str:
    """A score that is neither an adoption's nor a comment's, in words."""
    if is_base(s.rule):
        return "完成月度报送任务基础分"
    kind = penalty_kind(s.rule)
    if kind:
        return i18n.label("penalty", kind, lang="zh")
    return s.reason or s.rule or "手工计分"


def adoption_slip(
    st: State, unit: str | None, period: Period, *, today: dt.date | None = None, scheme: E.Scheme = INTERNAL
) -> Report:
    u = unit_of(st, unit)
    code = u.unit
    by_source: dict[str | None, float] = defaultdict(float)
    others: list[dict[str, Any]] = []
    for s in period.slice(ledger(st, scheme)):
        mine = round(sum(c.points for c in s.credits if c.unit == code), 2)
        if not any(c.unit == code for c in s.credits):
            continue
        if s.source and (s.source in st.adoptions or s.source in st.comments):
            by_source[s.source] = round(by_source[s.source] + mine, 2)
            continue
        people = sorted({queries.person_name(st, c.person) for c in s.credits if c.unit == code and c.person})
        others.append(
            {"date": day_of(s.at).isoformat(), "reason": _why(s), "people": "、".join(people), "points": mine}
        )
    adopted: list[dict[str, Any]] = []
    for a in sorted(st.adoptions.values(), key=order_key):
        item = st.items.get(a.item)
        if item is None or not period.has(a.at) or code not in (a.units or item.units):
            continue
        level = queries.channel_level(st, a.channel)
        adopted.append(
            {
                "no": len(adopted) + 1,
                "date": day_of(a.at).isoformat(),
                "item": a.item,
                "title": item.title,
                "authors": "、".join(queries.person_name(st, p) for p in item.authors),
                "channel": a.channel,
                "channel_name": queries.channel_name(st, a.channel),
                "level": level,
                "level_label": LEVEL_LABELS.get(level, level),
                "issue": a.issue,
                "form": a.form,
                "combined": len(a.units) > 1,
                "points": by_source.get(a.id, 0.0),
            }
        )
    comments: list[dict[str, Any]] = []
    for c in sorted(st.comments.values(), key=order_key):
        item = st.items.get(c.item)
        if item is None or not period.has(c.at) or code not in item.units:
            continue
        comments.append(
            {
                "date": day_of(c.at).isoformat(),
                "title": item.title,
                "leader": c.leader,
                "stance_label": STANCE_LABELS.get(c.stance, c.stance),
                "text": c.text,
                "points": by_source.get(c.id, 0.0),
            }
        )
    ranked = queries.ranking(st, period, by="unit", kind=u.kind, scheme=scheme)
    row = next((r for r in ranked if r["code"] == code), None)
    total = round(
        sum(r["points"] for r in adopted) + sum(r["points"] for r in comments) + sum(r["points"] for r in others), 2
    )
    day = ref_day(period, today)
    data = {
        "kind": "adoption-slip",
        "unit": code,
        "unit_name": u.name,
        "unit_kind": u.kind,
        "period": period.label,
        "period_label": cn_period(period),
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "scheme": scheme,
        "scheme_note": scheme_note(st, scheme, period.end),
        "submitted": row["submitted"] if row else 0,
        "by_level": {lv: sum(1 for r in adopted if r["level"] == lv) for lv in E.LEVELS},
        "adopted": adopted,
        "comments": comments,
        "others": others,
        "points": total,
        "rank": row["rank"] if row else None,
        "of": len(ranked),
        "target": row["target"] if row else 0.0,
        "ytd_points": row["ytd_points"] if row else 0.0,
        "completion": row["completion"] if row else None,
        "date": day.isoformat(),
    }
    return _layout(st, data, period, day)


def _layout(st: State, data: dict, period: Period, day: dt.date) -> Report:
    levels = [f"{LEVEL_LABELS[lv]}{n}条次" for lv, n in data["by_level"].items() if n]
    adopted = len(data["adopted"])
    text = f"{data['period_label']}，你单位报送信息{data['submitted']}条，被各级刊物采用{adopted}条次"
    if levels:
        text += f"（其中{'、'.join(levels)}）"
    if data["comments"]:
        text += f"，获领导批示{len(data['comments'])}次"
    text += f"，共计{fmt_num(data['points'])}分。"
    lines = [text, data["scheme_note"]]
    if data["rank"] is not None and data["points"]:
        kind = KIND_LABELS.get(data["unit_kind"], "")
        lines.append(f"本期得分在{data['of']}个{kind}中排第{data['rank']}名。")
    if data["target"]:
        lines.append(
            f"截至{cn_date(day)}，你单位本年度累计得分{fmt_num(data['ytd_points'])}分，"
            f"完成年度目标任务（{fmt_num(data['target'])}分）的{fmt_pct(data['completion'])}。"
        )
    if data["adopted"] or data["comments"] or data["others"]:
        lines.append("逐条采用和计分情况见附件。")
    tables = [
        Table(
            "adopted",
            "信息采用明细",
            [
                Column("no", "序号", "int"),
                Column("date", "采用日期", "date"),
                Column("title", "标题"),
                Column("channel_name", "采用刊物"),
                Column("issue", "期号"),
                Column("form", "采用形式"),
                Column("points", "得分", "num"),
            ],
            data["adopted"],
            empty="本期无信息被采用。",
            total=total_row(data["adopted"], ("title", "合计"), ("points",)),
        )
    ]
    if data["comments"]:
        tables.append(
            Table(
                "comments",
                "领导批示",
                [
                    Column("date", "批示日期", "date"),
                    Column("title", "信息标题"),
                    Column("leader", "批示领导"),
                    Column("stance_label", "性质"),
                    Column("points", "得分", "num"),
                ],
                data["comments"],
                total=total_row(data["comments"], ("title", "合计"), ("points",))
                if len(data["comments"]) > 1
                else None,
            )
        )
    if data["others"]:
        tables.append(
            Table(
                "others",
                "其他计分",
                [
                    Column("date", "日期", "date"),
                    Column("reason", "事由"),
                    Column("people", "信息员"),
                    Column("points", "得分", "num"),
                ],
                data["others"],
                total=total_row(data["others"], ("reason", "合计"), ("points",)) if len(data["others"]) > 1 else None,
            )
        )
    return Report(
        kind="adoption-slip",
        title=f"{data['unit_name']}{data['period_label']}政务信息采用情况",
        data=data,
        sections=[Section("", lines)],
        attachments=[Attachment(f"{data['unit_name']}{data['period_label']}政务信息采用及计分明细", tables)],
        period=period.label,
        office=office_name(st),
        issuer=issuer(st),
        date=day,
        addressee=f"{data['unit_name']}：",
    )
