"""The commission notice (约稿通知): what the office asks one unit to write, by when, what it
wants, and what the rules give for delivering it or cost for missing it.

Everything a unit needs is in the text; its 约稿单 (项目 | 内容) is kept for spreadsheets and
CSV only (not printed), so the notice has no 附件."""

from __future__ import annotations

import datetime as dt

from .. import office, queries
from ..period import day_of
from ..rules import penalty
from ..schemes import INTERNAL, rules_for
from ..state import State
from .common import office_name
from .model import Column, Report, Section, Table, cn_date, fmt_num
from .outgoing import adoption_sentences, commission_event, desk, issuer, person_of_login


def commission_notice(st: State, code: str | None) -> Report:
    ev = commission_event(st, code)
    asked = day_of(ev.at)
    topic = st.topics.get(ev.topic) if ev.topic else None
    rs = rules_for(st, INTERNAL, asked)
    pays = adoption_sentences(st, rs, form="约稿") if rs else []
    missed = abs(penalty(rs, "missed_commission").points) if rs else 0.0
    data = {
        "kind": "commission-notice",
        "commission": ev.commission,
        "title": ev.title,
        "unit": ev.unit,
        "unit_name": queries.unit_name(st, ev.unit),
        "person": ev.person,
        "person_name": queries.person_name(st, ev.person),
        "topic": ev.topic,
        "topic_title": topic.title if topic else "",
        "topic_note": topic.note if topic else "",
        "commissioned": asked.isoformat(),
        "deadline": ev.deadline.isoformat(),
        "days_given": (ev.deadline - asked).days,
        "requirements": ev.requirements,
        "ruleset": rs.ruleset if rs else None,
        "points_if_adopted": pays,
        "penalty_if_missed": missed,
        # who recorded it, named in the text unless the office prints its own contact in the 附注
        "contact": ""
        if office.settings(st, "commission-notice", ev.commission).contact
        else person_of_login(st, ev.by),
    }
    return _layout(st, data, ev.deadline, asked)


def _layout(st: State, data: dict, deadline: dt.date, asked: dt.date) -> Report:
    unit = data["unit_name"]
    basis = f"根据信息选题“{data['topic_title']}”，" if data["topic_title"] else ""
    intro = f"{basis}现向你单位约稿，请围绕下列题目组织撰写政务信息，按时报送{desk(st)}。"
    sections = [
        Section("一、约稿题目", [f"《{data['title']}》（约稿编号：{data['commission']}）。"]),
        Section(
            "二、报送时限",
            [f"请于{cn_date(deadline)}前报送（约稿日期{cn_date(asked)}，办理时限{data['days_given']}天）。"],
        ),
    ]
    asks = []
    if data["requirements"]:
        asks.append(data["requirements"])
    rules = data["ruleset"]
    if data["points_if_adopted"]:
        asks.append(f"按《{rules}》，约稿信息" + "；".join(data["points_if_adopted"]) + "。")
    if data["penalty_if_missed"]:
        asks.append(f"逾期未报送的，按《{rules}》扣{fmt_num(data['penalty_if_missed'])}分。")
    if asks:
        sections.append(Section("三、约稿要求", asks))
    handled = []
    if data["person_name"]:
        handled.append(f"请{data['person_name']}同志具体承办。")
    if data["contact"]:
        handled.append(f"联系人：{data['contact']}。")
    if handled:
        sections.append(Section("", handled))
    sheet = [
        {"field": "约稿编号", "value": data["commission"]},
        {"field": "约稿题目", "value": data["title"]},
        {"field": "承办单位", "value": unit},
        {"field": "承办人", "value": data["person_name"]},
        {"field": "所属选题", "value": data["topic_title"]},
        {"field": "约稿日期", "value": data["commissioned"]},
        {"field": "报送时限", "value": data["deadline"]},
        {"field": "约稿要求", "value": data["requirements"]},
    ]
    sections.append(
        Section(
            "",
            [],
            [Table("commission", "约稿单", [Column("field", "项目"), Column("value", "内容")], sheet, printed=False)],
        )
    )
    return Report(
        kind="commission-notice",
        title=f"{issuer(st)}政务信息约稿通知",
        data=data,
        sections=sections,
        period=data["commission"],
        office=office_name(st),
        issuer=issuer(st),
        date=asked,
        addressee=f"{unit}：",
        intro=[intro],
    )
