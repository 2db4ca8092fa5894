"""Remuneration (稿酬): money per adoption by the rules in force on the adoption's date.

Mode `additive` pays every adoption its rate; mode `highest` pays an item once, at the
highest rate it reached: a later adoption at a higher rate pays only the difference, a
lower one pays nothing. Each payment is shared equally among the item's authors (to the
cent, the remainder on the first), or goes to the unit when the item has no author.
The money is the county's, so the rates are its own rules' (the city's where it has none).
"""

from __future__ import annotations

from collections import defaultdict

from .. import queries, rules
from ..period import Period, day_of, order_key
from ..queries import person_name, unit_name
from ..schemes import INTERNAL, rules_for
from ..state import State
from .common import LEVEL_LABELS


def payments(st: State, period: Period) -> list[dict]:
    """One row per adoption in the period that carries a rate: what it pays and to whom."""
    paid_so_far: dict[str, float] = defaultdict(float)
    out = []
    for a in sorted(st.adoptions.values(), key=order_key):
        day = day_of(a.at)
        if day > period.end or a.item not in st.items:
            continue
        item = st.items[a.item]
        rs = rules_for(st, INTERNAL, day)
        level = queries.channel_level(st, a.channel)
        amount = rules.remuneration_rate(rs, a.channel, level)
        mode = rs.remuneration_mode if rs else "highest"
        if mode == "additive":
            pay = amount
        else:
            pay = max(0.0, round(amount - paid_so_far[a.item], 2))
        paid_so_far[a.item] += pay
        if day < period.start or (amount <= 0 and pay <= 0):
            continue
        shares = (
            [(p, part) for p, part in zip(item.authors, rules.shares(pay, len(item.authors)), strict=True)]
            if item.authors
            else [(None, round(pay, 2))]
        )
        note = ""
        if mode == "highest" and pay < amount:
            note = "已按较高标准支付" if pay == 0 else "按最高标准补差"
        out.append(
            {
                "date": day.isoformat(),
                "adoption": a.id,
                "item": a.item,
                "title": item.title,
                "unit": item.unit,
                "unit_name": unit_name(st, item.unit),
                "channel": a.channel,
                "channel_name": queries.channel_name(st, a.channel),
                "level": level,
                "level_label": LEVEL_LABELS.get(level, level),
                "issue": a.issue,
                "rate": amount,
                "paid": round(pay, 2),
                "mode": mode,
                "note": note,
                "shares": [{"person": p, "name": person_name(st, p), "amount": part} for p, part in shares],
                "recipients": "、".join(
                    f"{person_name(st, p) or unit_name(st, item.unit)} {part:.2f}" for p, part in shares
                ),
            }
        )
    return out


def totals(st: State, lines: list[dict]) -> tuple[list[dict], list[dict]]:
    """Totals per person (or per unit for items without an author) and per unit."""
    people: dict[tuple, dict] = {}
    units: dict[str, dict] = {}
    for line in lines:
        u = units.setdefault(
            line["unit"], {"unit": line["unit"], "unit_name": line["unit_name"], "adoptions": 0, "amount": 0.0}
        )
        u["adoptions"] += 1
        u["amount"] = round(u["amount"] + line["paid"], 2)
        for share in line["shares"]:
            code = share["person"]
            person_unit = st.people[code].unit if code in st.people else line["unit"]
            key = (code, person_unit if code is None else "")
            row = people.setdefault(
                key,
                {
                    "person": code,
                    "name": share["name"] or line["unit_name"],
                    "unit_name": unit_name(st, person_unit),
                    "adoptions": 0,
                    "amount": 0.0,
                },
            )
            row["adoptions"] += 1
            row["amount"] = round(row["amount"] + share["amount"], 2)
    by_person = sorted(people.values(), key=lambda r: (-r["amount"], r["unit_name"], r["person"] or ""))
    by_unit = sorted(units.values(), key=lambda r: (-r["amount"], r["unit"]))
    return by_person, by_unit
