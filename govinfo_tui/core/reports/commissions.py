"""Topics and commissions (选题 / 约稿) and their follow-up (督办): what was asked for, by
when, what came in, what is overdue, what was chased, what was penalised."""

from __future__ import annotations

import datetime as dt

from ..penalties import commission_event_ids, status_on
from ..period import Period, day_of, order_key
from ..queries import person_name, unit_name
from ..rules import penalty_kind
from ..state import State
from .common import STATUS_LABELS, cn_period, office_name, ref_day
from .model import Column, Report, Section, Table


def commission_rows(st: State, day: dt.date) -> list[dict]:
    """Every commission recorded by `day`, its status on that day, follow-ups and penalties."""
    ev_ids = commission_event_ids(st)
    penalties: dict[str, float] = {}
    for s in st.scores:
        if s.source and penalty_kind(s.rule) == "missed_commission" and day_of(s.at) <= day:
            penalties[s.source] = round(penalties.get(s.source, 0.0) + s.points, 2)
    rows = []
    for c in st.commissions.values():
        if day_of(c.at) > day:
            continue
        status, delivered = status_on(c, day)
        followups = sorted((f for f in c.followups if day_of(f.at) <= day), key=order_key)
        topic = st.topics.get(c.topic) if c.topic else None
        penalty = penalties.get(ev_ids.get(c.id, ""), 0.0)
        rows.append(
            {
                "commission": c.id,
                "title": c.title,
                "topic": c.topic,
                "topic_title": topic.title if topic else "",
                "unit": c.unit,
                "unit_name": unit_name(st, c.unit),
                "person": c.person,
                "person_name": person_name(st, c.person),
                "commissioned": day_of(c.at).isoformat(),
                "deadline": c.deadline.isoformat(),
                "status": status,
                "status_label": STATUS_LABELS[status],
                "item": c.item if delivered else None,
                "item_title": st.items[c.item].title if delivered and c.item in st.items else "",
                "delivered": delivered.isoformat() if delivered else None,
                "days_overdue": (day - c.deadline).days if status == "overdue" else 0,
                "followups": len(followups),
                "last_followup": day_of(followups[-1].at).isoformat() if followups else None,
                "last_followup_note": followups[-1].note if followups else "",
                "penalized": penalty != 0,
                "penalty": penalty,
            }
        )
    rows.sort(key=lambda r: (r["status"] not in ("overdue", "open"), r["deadline"], r["commission"]))
    return rows


COMMISSION_COLUMNS = [
    Column("commission", "编号"),
    Column("title", "约稿题目"),
    Column("unit_name", "承办单位"),
    Column("person_name", "信息员"),
    Column("commissioned", "约稿日期", "date"),
    Column("deadline", "报送时限", "date"),
    Column("status_label", "完成情况"),
    Column("delivered", "报送日期", "date"),
    Column("item_title", "报送信息"),
    Column("followups", "督办次数", "int"),
    Column("penalty", "扣分", "num"),
]


def commissions(st: State, period: Period, *, today: dt.date | None = None) -> Report:
    """Overdue commissions (to chase), the commissions of the period, the topics planned."""
    day = ref_day(period, today)
    rows = commission_rows(st, day)
    start, end = period.start.isoformat(), period.end.isoformat()
    overdue = [r for r in rows if r["status"] == "overdue"]
    in_period = [
        r
        for r in rows
        if start <= r["commissioned"] <= end
        or start <= r["deadline"] <= end
        or (r["delivered"] and start <= r["delivered"] <= end)
        or (r["status"] in ("open", "overdue") and r["commissioned"] <= end)
    ]
    topics = []
    for t in sorted(st.topics.values(), key=lambda t: (t.at, t.topic)):
        if not start <= day_of(t.at).isoformat() <= min(end, day.isoformat()):
            continue
        mine = [r for r in rows if r["topic"] == t.topic]
        topics.append(
            {
                "topic": t.topic,
                "title": t.title,
                "planned": day_of(t.at).isoformat(),
                "note": t.note,
                "commissions": len(mine),
                "delivered": sum(1 for r in mine if r["delivered"]),
            }
        )
    followups = []
    for f in sorted(st.followups, key=order_key):
        if period.start <= day_of(f.at) <= day:
            com = st.commissions.get(f.commission or "")
            followups.append(
                {
                    "date": day_of(f.at).isoformat(),
                    "commission": f.commission,
                    "item": f.item,
                    "title": com.title if com else (st.items[f.item].title if f.item in st.items else ""),
                    "unit_name": unit_name(st, com.unit) if com else "",
                    "note": f.note,
                    "by": f.by,
                }
            )
    data = {
        "kind": "commissions",
        "period": period.label,
        "period_label": cn_period(period),
        "from": start,
        "to": end,
        "judged_on": day.isoformat(),
        "overdue": overdue,
        "commissions": in_period,
        "topics": topics,
        "followups": followups,
        "counts": {s: sum(1 for r in in_period if r["status"] == s) for s in ("open", "overdue", "on_time", "late")},
    }
    overdue_cols = [
        Column("commission", "编号"),
        Column("title", "约稿题目"),
        Column("unit_name", "承办单位"),
        Column("person_name", "信息员"),
        Column("deadline", "报送时限", "date"),
        Column("days_overdue", "逾期天数", "int"),
        Column("followups", "督办次数", "int"),
        Column("last_followup", "最近督办", "date"),
        Column("penalty", "扣分", "num"),
    ]
    sections = [
        Section(
            "一、逾期未报约稿（督办）",
            [] if overdue else [f"截至{day.year}年{day.month}月{day.day}日，无逾期未报的约稿。"],
            [Table("overdue", "逾期未报约稿", overdue_cols, overdue)] if overdue else [],
        ),
        Section(
            "二、约稿情况", [], [Table("commissions", "约稿情况", COMMISSION_COLUMNS, in_period, empty="本期无约稿。")]
        ),
        Section(
            "三、选题",
            [],
            [
                Table(
                    "topics",
                    "选题",
                    [
                        Column("topic", "编号"),
                        Column("title", "选题"),
                        Column("planned", "确定日期", "date"),
                        Column("commissions", "约稿数", "int"),
                        Column("delivered", "已报送", "int"),
                        Column("note", "备注"),
                    ],
                    topics,
                    empty="本期无选题。",
                )
            ],
        ),
        Section(
            "四、督办记录",
            [],
            [
                Table(
                    "followups",
                    "督办记录",
                    [
                        Column("date", "日期", "date"),
                        Column("commission", "约稿编号"),
                        Column("title", "题目"),
                        Column("unit_name", "单位"),
                        Column("note", "督办情况"),
                        Column("by", "经办人"),
                    ],
                    followups,
                    empty="本期无督办记录。",
                )
            ],
        ),
    ]
    return Report(
        kind="commissions",
        title=f"{cn_period(period)}约稿及督办情况",
        data=data,
        sections=sections,
        period=period.label,
        office=office_name(st),
        date=day,
    )
