"""The follow-up slip (督办通知单): the office chases one unit for an overdue commission, or
for what it did about a leader's comment on its item, and asks it to answer in writing.

The slip is a form the unit signs and sends back, so it is a two-column table (项目 | 内容)
with the reply rows left blank; the numbers on it are the journal's: the deadline, how many
days overdue on the day of the follow-up, which follow-up this is, the penalty the rules set.
The table is no statistics for a 附件: it is the form itself, whose 办理情况反馈, 签收人 and
签收日期 rows the unit fills in on the same sheet, so it stays in the body under the letter.
"""

from __future__ import annotations

import datetime as dt

from .. import events as E
from .. import queries
from ..penalties import status_on
from ..period import day_of, order_key
from ..rules import penalty
from ..schemes import INTERNAL, rules_for
from ..state import State
from .common import STATUS_LABELS, office_name
from .model import Column, Report, Section, Table, cn_date, fmt_num
from .outgoing import follow_up_event, issuer, person_of_login


def follow_up_notice(st: State, ref: str | None) -> Report:
    f = follow_up_event(st, ref)
    day = day_of(f.at)
    same_year = sorted((x for x in st.followups if x.at.year == f.at.year), key=order_key)
    number = 1 + [x.id for x in same_year].index(f.id)
    com = st.commissions.get(f.commission or "")
    item = st.items.get(f.item or "") if f.item else None
    rs = rules_for(st, INTERNAL, day)
    data: dict = {
        "kind": "follow-up-notice",
        "follow_up": f.id,
        "number": f"督办〔{f.at.year}〕{number}号",
        "date": day.isoformat(),
        "note": f.note,
        "handled_by": person_of_login(st, f.by) or f.by,
        "commission": None,
        "item": None,
    }
    if com is not None:
        status, delivered = status_on(com, day)
        earlier = [x for x in com.followups if order_key(x) <= order_key(f)]
        data["commission"] = {
            "commission": com.id,
            "title": com.title,
            "deadline": com.deadline.isoformat(),
            "commissioned": day_of(com.at).isoformat(),
            "status": status,
            "status_label": STATUS_LABELS[status],
            "delivered": delivered.isoformat() if delivered else None,
            "days_overdue": (day - com.deadline).days if status == "overdue" else 0,
            "times": len(earlier),
        }
        unit, person = com.unit, com.person
    elif item is not None:
        comments = sorted((c for c in st.comments.values() if c.item == item.id and c.at <= f.at), key=order_key)
        data["item"] = {
            "item": item.id,
            "title": item.title,
            "submitted": day_of(item.submitted_at).isoformat(),
            "comments": [
                {"date": day_of(c.at).isoformat(), "leader": c.leader, "text": c.text, "stance": c.stance}
                for c in comments
            ],
            "times": sum(1 for x in st.followups if x.item == item.id and order_key(x) <= order_key(f)),
        }
        unit, person = item.unit, (item.authors[0] if item.authors else None)
    else:  # a follow-up of a commission or item since voided: the slip says only what was written
        unit, person = None, None
    data["unit"], data["unit_name"] = unit, queries.unit_name(st, unit)
    data["person"], data["person_name"] = person, queries.person_name(st, person)
    data["ruleset"] = rs.ruleset if rs else None
    data["penalty_if_missed"] = abs(penalty(rs, "missed_commission").points) if rs and com is not None else 0.0
    return _layout(st, data, f)


def _layout(st: State, data: dict, f: E.FollowedUp) -> Report:
    com, item = data["commission"], data["item"]
    day = day_of(f.at)
    rows = [{"field": "督办编号", "value": data["number"]}]
    if com is not None:
        matter = f"约稿《{com['title']}》（{com['commission']}）"
        if com["status"] == "overdue":
            state = (
                f"报送时限{cn_date(_date(com['deadline']))}，截至{cn_date(day)}尚未报送，已逾期{com['days_overdue']}天"
            )
        elif com["status"] == "open":
            state = f"报送时限{cn_date(_date(com['deadline']))}，截至{cn_date(day)}尚未报送"
        else:
            state = f"已于{cn_date(_date(com['delivered']))}报送（{com['status_label']}）"
        intro = f"你单位承办的{matter}，{state}。现予督办，请抓紧办理，并将办理情况书面反馈。"
        rows += [
            {"field": "督办事项", "value": matter},
            {"field": "约稿日期", "value": com["commissioned"]},
            {"field": "报送时限", "value": com["deadline"]},
            {"field": "办理情况", "value": state},
            {"field": "督办次数", "value": f"第{com['times']}次"},
        ]
    elif item is not None:
        said = "；".join(
            f"{c['leader']}批示：“{c['text']}”" if c["text"] else f"{c['leader']}作出批示" for c in item["comments"]
        )
        matter = f"《{item['title']}》的领导批示落实情况"
        intro = (
            f"你单位报送的信息《{item['title']}》"
            + (f"，{said}" if said else "")
            + "。现就批示落实情况予以督办，请抓紧落实，并将落实情况书面反馈。"
        )
        rows += [
            {"field": "督办事项", "value": matter},
            {"field": "领导批示", "value": said},
            {"field": "督办次数", "value": f"第{item['times']}次"},
        ]
    else:
        intro = "现予督办，请抓紧办理，并将办理情况书面反馈。"
    rows += [
        {"field": "承办单位", "value": data["unit_name"]},
        {"field": "承办人", "value": data["person_name"]},
        {"field": "督办意见", "value": data["note"]},
        {"field": "督办人", "value": data["handled_by"]},
        {"field": "督办日期", "value": data["date"]},
        {"field": "办理情况反馈", "value": ""},
        {"field": "签收人", "value": ""},
        {"field": "签收日期", "value": ""},
    ]
    paragraphs = [intro]
    if data["penalty_if_missed"]:
        paragraphs.append(f"逾期仍未报送的，按《{data['ruleset']}》扣{fmt_num(data['penalty_if_missed'])}分。")
    sections = [
        Section("", paragraphs),
        Section(
            "",
            [],
            [
                Table(
                    "slip",
                    "督办通知单",
                    [Column("field", "项目"), Column("value", "内容")],
                    rows,
                    heights=_blanks(rows),
                )
            ],
        ),
    ]
    return Report(
        kind="follow-up-notice",
        title=f"{issuer(st)}政务信息督办通知单",
        data=data,
        sections=sections,
        period=data["number"],
        office=office_name(st),
        issuer=issuer(st),
        date=day,
        addressee=f"{data['unit_name']}：" if data["unit_name"] else "",
        intro=[],
    )


# the rows the unit fills in by hand, and the room each needs in print (points): a reply of a
# few lines, a name, a date
BLANKS = {"办理情况反馈": 140.0, "签收人": 30.0, "签收日期": 30.0}


def _blanks(rows: list[dict]) -> dict[int, float]:
    return {n: BLANKS[r["field"]] for n, r in enumerate(rows) if r["field"] in BLANKS}


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
