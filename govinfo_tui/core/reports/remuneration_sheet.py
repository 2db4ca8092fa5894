"""The remuneration sheet (稿酬发放表) as a finance office takes it: one line per payee with a
blank for the payee's signature (领取人签字) and a 合计 line, signed under the table by who
drew it up, checked and approved it (制表人, 审核人, 负责人: `document.signers`, which the
office may fill in or change with `office set --signer`).

The sheet itself IS the paper: finance pays from it and files it with the signatures, so it
stays in the body. The units' totals and the adoption-by-adoption detail are what the sheet is
checked against, statistical tables a county office attaches: 附件1 and 附件2.

The money is `remuneration.payments` and `remuneration.totals`, the same the appraisal
quotes; this module only lays it out.
"""

from __future__ import annotations

from ..period import Period
from ..state import State
from .common import cn_period, office_name
from .model import Attachment, Column, DocumentFields, Report, Section, Table, total_row
from .outgoing import issuer
from .remuneration import payments, totals

# who signs a 发放表 under its table, their names written by hand in the room after each
SIGNERS = ["制表人：　　　　", "审核人：　　　　", "负责人："]


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
    text = (
        f"{label}共有{len(lines)}条（次）采用信息计发稿酬，发放{len(by_person)}人（单位），合计{total:,.2f}元。"
        if lines
        else f"{label}无应发稿酬。"
    )
    note = "信息员一栏按人合计（一条信息多人撰写的按人均分）；采用条次按人计，故与按单位合计的条次可能不同。"
    units = Table(
        "units",
        "各单位稿酬合计",
        [
            Column("unit_name", "单位"),
            Column("adoptions", "采用条次", "int"),
            Column("amount", "稿酬(元)", "money"),
        ],
        by_unit,
        empty="本期无稿酬。",
        total=total_row(by_unit, ("unit_name", "合计"), ("amount",)),
        note=note if lines else "",
    )
    if units.total is not None:
        units.total["adoptions"] = len(lines)  # each adoption paid once, a joint one under each unit
    detail = Table(
        "lines",
        "稿酬发放明细",
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
        lines,
        empty="本期无稿酬。",
        total=total_row(lines, ("title", "合计"), ("paid",)),
    )
    return Report(
        kind="remuneration",
        title=f"{issuer(st)}{label}政务信息稿酬发放表",
        data=data,
        sections=[
            Section(
                "",
                [text, *(["各单位稿酬合计见附件1，逐条明细见附件2。"] if lines else [])],
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
                            Column("signature", "领取人签字", width=16),  # room for a name by hand
                        ],
                        sheet,
                        empty="本期无稿酬。",
                        total=total_row(sheet, ("name", "合计"), ("adoptions", "amount")),
                        row_height=24,  # a line tall enough to sign on
                    )
                ],
            ),
        ],
        attachments=[Attachment(units.title, [units]), Attachment(detail.title, [detail])] if lines else [],
        document=DocumentFields(signers=list(SIGNERS)),
        period=period.label,
        office=office_name(st),
        issuer=issuer(st),
        date=period.end,
    )
