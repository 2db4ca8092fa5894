"""The remuneration sheet (稿酬发放表) as a finance office takes it: one line per payee with a
blank for the payee's signature (领取人签字), a 合计 line, the units' totals and the detail of
each adoption paid, and the lines for who drew it up, checked and approved it.

The money is `remuneration.payments` and `remuneration.totals`, the same the appraisal
quotes; this module only lays it out.
"""

from __future__ import annotations

from ..period import Period
from ..state import State
from .common import cn_period, office_name
from .model import Column, Report, Section, Table
from .outgoing import issuer
from .remuneration import payments, totals

# who signs a 发放表 under its table; the names are written by hand
SIGNERS = "制表人：　　　　　　审核人：　　　　　　负责人："


def remuneration_sheet(st: State, period: Period) -> Report:
    lines = payments(st, period)
    by_person, by_unit = totals(st, lines)
    total = round(sum(line["paid"] for line in lines), 2)
    label = cn_period(period)
    data = {
        "kind": "remuneration",
        "period": period.label,
        "period_label": label,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "total": total,
        "payees": len(by_person),
        "people": by_person,
        "units": by_unit,
        "lines": lines,
    }
    sheet = [{**row, "no": n, "signature": ""} for n, row in enumerate(by_person, start=1)]
    if sheet:
        count = sum(r["adoptions"] for r in by_person)
        sheet.append({"name": "合计", "adoptions": count, "amount": total, "total": True})
    unit_rows = [*by_unit]
    if unit_rows:
        unit_rows.append({"unit_name": "合计", "adoptions": len(lines), "amount": total, "total": True})
    detail = [*lines]
    if detail:
        detail.append({"title": "合计", "paid": total, "total": True})
    text = (
        f"{label}共有{len(lines)}条（次）采用信息计发稿酬，发放{len(by_person)}人（单位），合计{total:,.2f}元。"
        if lines
        else f"{label}无应发稿酬。"
    )
    note = "信息员一栏按人合计（一条信息多人撰写的按人均分）；采用条次按人计，故与按单位合计的条次可能不同。"
    return Report(
        kind="remuneration",
        title=f"{issuer(st)}{label}政务信息稿酬发放表",
        data=data,
        sections=[
            Section(
                "",
                [text],
                [
                    Table(
                        "sheet",
                        "稿酬发放表",
                        [
                            Column("no", "序号", "int"),
                            Column("name", "姓名"),
                            Column("unit_name", "单位"),
                            Column("adoptions", "采用条次", "int"),
                            Column("amount", "金额(元)", "money"),
                            Column("signature", "领取人签字"),
                        ],
                        sheet,
                        empty="本期无稿酬。",
                    )
                ],
            ),
            Section("", [SIGNERS]),
            Section(
                "附：单位合计及明细",
                [note] if lines else [],
                [
                    Table(
                        "units",
                        "单位稿酬",
                        [
                            Column("unit_name", "单位"),
                            Column("adoptions", "采用条次", "int"),
                            Column("amount", "稿酬(元)", "money"),
                        ],
                        unit_rows,
                        empty="本期无稿酬。",
                    ),
                    Table(
                        "lines",
                        "稿酬明细",
                        [
                            Column("date", "采用日期", "date"),
                            Column("title", "标题"),
                            Column("unit_name", "单位"),
                            Column("channel_name", "采用刊物"),
                            Column("issue", "期号"),
                            Column("rate", "标准(元)", "money"),
                            Column("paid", "发放(元)", "money"),
                            Column("recipients", "领取人"),
                            Column("note", "备注"),
                        ],
                        detail,
                        empty="本期无稿酬。",
                    ),
                ],
            ),
        ],
        period=period.label,
        office=office_name(st),
        issuer=issuer(st),
        date=period.end,
    )
