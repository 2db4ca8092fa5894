"""The weekly consultation meeting's papers (信息会商研究会): the record of a period's meetings
(who sat, who chaired, the work briefed, the topics set, the weeks without one), and the list
of topics (选题清单) with the commissions each led to, which the office hands its writers.

Both are "document" papers; the writers lay them out, the figures come from here. In the
record the topics list is a table of seven columns beside minutes in prose, so it is the
record's 附件 (the writer turns the page when it is too wide); in the topics list the table is
the paper itself, so it stays in the body.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import events as E
from .. import meetings as M
from ..period import Period, day_of
from ..state import State
from .commissions import commission_rows
from .common import cn_period, office_name, ref_day
from .model import Attachment, Column, Report, Section, Table, cn_date

_CN_ORDINALS = "一二三四五六七八九十"


def _ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五: the （一） of a paper's second-level headings."""
    if n <= 10:
        return _CN_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_ORDINALS[tens - 1]
    return head + "十" + (_CN_ORDINALS[ones - 1] if ones else "")


def _topic_rows(st: State, day: dt.date, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The topics planned from `start` to `end`, the meeting that set each and what came of it."""
    set_at = {code: m for m in M.held(st) for code in m.topics}
    by_topic: dict[str, list[dict]] = {}
    for r in commission_rows(st, day):
        if r["topic"]:
            by_topic.setdefault(r["topic"], []).append(r)
    rows = []
    for t in sorted(st.topics.values(), key=lambda t: (t.at, t.topic)):
        planned = day_of(t.at)
        if not start <= planned <= min(end, day):
            continue
        meeting = set_at.get(t.topic)
        mine = by_topic.get(t.topic, [])
        rows.append(
            {
                "topic": t.topic,
                "title": t.title,
                "planned": planned.isoformat(),
                "meeting": meeting.meeting if meeting else None,
                "commissions": "、".join(r["commission"] for r in mine),
                "units": "、".join(dict.fromkeys(r["unit_name"] for r in mine)),
                "status": "、".join(r["status_label"] for r in mine),
                "delivered": sum(1 for r in mine if r["delivered"]),
                "note": t.note,
            }
        )
    return rows


TOPIC_COLUMNS = [
    Column("topic", "编号"),
    Column("title", "选题"),
    Column("planned", "确定日期", "date"),
    Column("meeting", "会商会"),
    Column("commissions", "约稿"),
    Column("units", "承办单位"),
    Column("status", "完成情况"),
]


def _gap_rows(st: State, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "weeks": gap.week_numbers(),
            "year": gap.first.isocalendar().year,
            "from": gap.first.isoformat(),
            "to": gap.last.isoformat(),
            "count": gap.weeks,
            "before": gap.before.meeting,
        }
        for gap in M.gaps(st, start, end)
    ]


def _meeting_section(n: int, m: E.MeetingHeld, title_of: dict[str, str], st: State) -> Section:
    """One meeting as the record prints it: when, who chaired, who sat, what was briefed, the
    topics set (a topic planned before and taken up again says so)."""
    held_on = day_of(m.at)
    paragraphs = [
        f"时间：{cn_date(held_on)}",
        *([f"主持：{m.chair}"] if m.chair else []),
        f"参会人员：{'、'.join(m.attendees)}",
        *([f"会议通报：{m.briefing}"] if m.briefing else []),
    ]
    if m.topics:
        paragraphs.append("确定选题：")
        for k, code in enumerate(m.topics, start=1):
            planned = st.topics.get(code)
            again = "，沿用" if planned is not None and day_of(planned.at) < held_on else ""
            paragraphs.append(f"{k}. {title_of.get(code, '')}（{code}{again}）")
    else:
        paragraphs.append("本次会议未确定选题。")
    return Section(f"（{_ordinal(n)}）{held_on.month}月{held_on.day}日会商会（{m.meeting}）", paragraphs, level=2)


def meeting_record(st: State, period: Period, *, today: dt.date | None = None) -> Report:
    """信息会商研究记录: every meeting of the period in the order held, then its topics list."""
    day = ref_day(period, today)
    end = min(period.end, day)
    held = [m for m in M.held(st) if period.start <= day_of(m.at) <= end]
    topics = _topic_rows(st, day, period.start, end)
    title_of = {t.topic: t.title for t in st.topics.values()}
    gaps = _gap_rows(st, period.start, end)
    judged = M.weeks_judged(st, period.start, end)
    rows = []
    for m in held:
        rows.append(
            {
                "meeting": m.meeting,
                "date": day_of(m.at).isoformat(),
                "chair": m.chair,
                "attendees": list(m.attendees),
                "briefing": m.briefing,
                "topics": [{"topic": code, "title": title_of.get(code, "")} for code in m.topics],
            }
        )
    commissioned = sum(1 for t in topics if t["commissions"])
    summary = f"{cn_period(period)}共召开信息会商研究会{len(held)}次，确定重点信息选题{len(topics)}个"
    summary += f"，其中{commissioned}个已向有关单位约稿（选题清单见附件）。" if topics else "。"
    if gaps:
        missed = sum(g["count"] for g in gaps)
        weeks = "、".join(f"{g['year']}年第{g['weeks']}周" for g in gaps)
        summary += f"应召开的{judged}周中，{weeks}未召开（共{missed}周）。"
    elif judged:
        summary += f"应召开的{judged}周每周均已召开。"
    sections = [_meeting_section(n, m, title_of, st) for n, m in enumerate(held, start=1)]
    data: dict[str, Any] = {
        "kind": "meeting",
        "period": period.label,
        "period_label": cn_period(period),
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "judged_on": day.isoformat(),
        "meetings": rows,
        "topics": topics,
        "weeks_judged": judged,
        "weeks_without": gaps,
    }
    return Report(
        kind="meeting",
        title=f"{office_name(st)}人民政府办公室{cn_period(period)}信息会商研究记录",
        data=data,
        sections=[
            Section("一、会商会召开情况", [summary]),
            *(sections or [Section("（无）", ["本期未记录会商会。"], level=2)]),
        ],
        attachments=[
            Attachment("选题清单", [Table("topics", "选题清单", TOPIC_COLUMNS, topics, empty="本期无选题。")])
        ],
        period=period.label,
        office=office_name(st),
        issuer=f"{office_name(st)}人民政府办公室",
        date=day,
    )


def topic_list(st: State, period: Period, *, today: dt.date | None = None) -> Report:
    """选题清单: the topics the meetings set in the period, whose each, and what came of them."""
    day = ref_day(period, today)
    topics = _topic_rows(st, day, period.start, min(period.end, day))
    delivered = sum(1 for t in topics if t["delivered"])
    text = f"{cn_period(period)}经会商确定重点信息选题{len(topics)}个，已有{delivered}个选题的约稿报送到位。"
    paragraphs = [text] if topics else [f"{cn_period(period)}未确定重点信息选题。"]
    return Report(
        kind="topics",
        title=f"{office_name(st)}人民政府办公室{cn_period(period)}重点信息选题",
        data={
            "kind": "topics",
            "period": period.label,
            "period_label": cn_period(period),
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "judged_on": day.isoformat(),
            "topics": topics,
        },
        sections=[
            Section(
                "", paragraphs, [Table("topics", "选题清单", TOPIC_COLUMNS, topics, empty="无")]
            )  # the title says it
        ],
        period=period.label,
        office=office_name(st),
        issuer=f"{office_name(st)}人民政府办公室",
        date=day,
    )
