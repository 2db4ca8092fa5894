"""Urgent items (紧急信息): when the event happened, when it was reported, the limit the rules
in force set for that kind of report (phone / written), and whether it was late."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..penalties import judge
from ..period import Period
from ..queries import person_name, unit_name
from ..rules import penalty_kind
from ..state import State
from .common import cn_period, office_name, printed_labels
from .model import Column, Report, Section, Table

KIND_LABELS = printed_labels("report_kind", ("phone", "written"))
STATUS_LABELS = printed_labels("urgent", ("on_time", "late", "unknown"))


def _fmt_time(t: dt.datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


def urgent(st: State, period: Period) -> Report:
    penalties: dict[str, float] = {}
    for s in st.scores:
        if s.item and penalty_kind(s.rule) == "late_urgent":
            penalties[s.item] = round(penalties.get(s.item, 0.0) + s.points, 2)
    rows = []
    for item in sorted(st.items.values(), key=lambda i: (i.submitted_at, i.id)):
        if not item.urgent or not period.has(item.submitted_at):
            continue
        j = judge(st, item)
        rows.append(
            {
                "item": item.id,
                "title": item.title,
                "unit": item.unit,
                "unit_name": unit_name(st, item.unit),
                "authors": "、".join(person_name(st, p) for p in item.authors),
                "occurred_at": _fmt_time(item.occurred_at),
                "submitted_at": _fmt_time(item.submitted_at),
                "report_kind": j["kind"],
                "report_kind_label": KIND_LABELS.get(j["kind"], j["kind"]),
                "minutes": j["minutes"],
                "limit": j["limit"],
                "status": j["status"],
                "status_label": STATUS_LABELS[j["status"]],
                "late": j["status"] == "late",
                "penalty": penalties.get(item.id, 0.0),
                "penalized": item.id in penalties,
            }
        )
    late = [r for r in rows if r["late"]]
    data: dict[str, Any] = {
        "kind": "urgent",
        "period": period.label,
        "period_label": cn_period(period),
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "items": rows,
        "counts": {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_LABELS},
        "late_unpenalized": [r["item"] for r in late if not r["penalized"]],
    }
    counts = data["counts"]
    text = (
        f"{cn_period(period)}共报送紧急信息{len(rows)}条，其中按时报送{counts['on_time']}条，"
        f"迟报{counts['late']}条"
        + (f"，未记录事发时间无法判定{counts['unknown']}条" if counts["unknown"] else "")
        + "。"
    )
    if data["late_unpenalized"]:
        text += f"迟报尚未扣分的：{'、'.join(data['late_unpenalized'])}（用 govinfo penalize urgent 扣分）。"
    cols = [
        Column("item", "编号"),
        Column("title", "标题"),
        Column("unit_name", "单位"),
        Column("occurred_at", "事发时间"),
        Column("submitted_at", "报送时间"),
        Column("report_kind_label", "报告方式"),
        Column("minutes", "用时(分钟)", "int"),
        Column("limit", "时限(分钟)", "int"),
        Column("status_label", "结果"),
        Column("penalty", "扣分", "num"),
    ]
    return Report(
        kind="urgent",
        title=f"{cn_period(period)}紧急信息报送情况",
        data=data,
        sections=[
            Section("紧急信息报送情况", [text], [Table("urgent", "紧急信息", cols, rows, empty="本期无紧急信息。")])
        ],
        period=period.label,
        office=office_name(st),
        date=period.end,
    )
