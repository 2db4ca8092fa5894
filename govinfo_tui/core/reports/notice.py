"""The monthly / quarterly notice (通报): rankings, silent units, quota, adoptions, comments,
commissions and penalties for a period, as the office circulates it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import office as O
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
from .model import Attachment, Column, Report, Section, Table, fmt_num, fmt_pct
from .outgoing import ALL_UNITS

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
    include_own: bool = False,
) -> Report:
    """The notice for `period`; commission statuses are judged at the period's end (or `today`
    if earlier), so a past month's notice reads the same whenever it is printed again.

    The county's own figures are the upward ones the city counts; units, officers, adoptions,
    comments and penalties are scored in `scheme`, by default the county's own. The office's
    own units and staff (`office.own_units`) are neither ranked, praised nor listed: the notice
    is addressed to the units. The office's free text for this notice (存在问题, 下一步工作要求)
    is taken from its settings for the paper."""
    day = ref_day(period, today)
    office = queries.office_unit(st)
    summary = queries.summary(st, period)
    year = period.end.year
    ytd = Period(dt.date(year, 1, 1), period.end, str(year))
    ytd_points = round(sum(s.points for s in ytd.slice(ledger(st, UPWARD))), 2)
    office_target = queries.target_for(st, year, office)
    groups = grouped_ranking(st, period, kinds, scheme, include_own)
    zero = [
        {"code": code, "name": u.name, "kind": u.kind}
        for g in groups
        for r in g["rows"]
        if r["submitted"] == 0
        for code, u in [(r["code"], st.units[r["code"]])]
        if u.active
    ]
    own_people, own_units = O.own_people(st), O.own_units(st)
    below: list[dict[str, Any]] = [
        {**r} for r in queries.quota(st, period, scheme) if r["months_below"] and r["code"] not in own_people
    ]
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
                "units": list(credited),
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
                "unit": item.unit,
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
            if cr.unit in own_units:  # the office's own staff: not in a paper to the units
                continue
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
    settings = O.settings(st, "notice", period.label)
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
        "praise": _praise(st, period, groups, adoptions, comments, scheme),
        "problems": O.paragraphs(settings.problems),
        "requirements": O.paragraphs(settings.requirements),
    }
    return _layout(st, period, data, issued or day)


PRAISED_UNITS, PRAISED_PEOPLE, PRAISED_ITEMS = 3, 5, 5


def _praise(
    st: State, period: Period, groups: list[dict], adoptions: list[dict], comments: list[dict], scheme: Scheme
) -> dict[str, Any]:
    """Whom the notice names for praise: in each group of units the first three that earned
    points, the officers with the most points, the items the province or the nation took (then
    the city's), and the items a leader commented on approvingly."""
    units = []
    for g in groups:
        best = [r for r in g["rows"] if r["points"] > 0][:PRAISED_UNITS]
        if best:
            units.append(
                {
                    "label": g["label"],
                    "rows": [
                        {"name": r["name"], "adopted": r["adopted"], "points": r["points"], "rank": r["rank"]}
                        for r in best
                    ],
                }
            )
    people = [
        {"name": r["name"], "unit": r.get("unit", ""), "adopted": r["adopted"], "points": r["points"]}
        for r in queries.ranking(st, period, by="person", scheme=scheme)
        if r["points"] > 0
    ][:PRAISED_PEOPLE]
    order = {"national": 0, "province": 1, "city": 2}
    upward = sorted(
        (a for a in adoptions if a["level"] in order),
        key=lambda a: (order[a["level"]], -a["points"], a["date"]),
    )
    own = O.own_units(st)
    items: dict[str, dict[str, Any]] = {}
    for a in upward:
        theirs = [u for u in a["units"] if u not in own]
        if not theirs:  # the office's own item: the notice praises the units
            continue
        names = "、".join(unit_name(st, u) for u in theirs)
        entry = items.setdefault(a["item"], {"title": a["title"], "unit_name": names, "channels": []})
        if a["channel_name"] not in entry["channels"]:
            entry["channels"].append(a["channel_name"])
    approved = [
        {"title": c["title"], "unit_name": c["unit_name"], "leader": c["leader"]}
        for c in comments
        if c["stance"] == "affirmative" and c["unit"] not in own
    ]
    return {"units": units, "people": people, "items": list(items.values())[:PRAISED_ITEMS], "comments": approved}


def _summary_text(data: dict, bulletin_names: list[str]) -> str:
    """The figures of the period in one paragraph, as 基本情况 opens."""
    s = data["summary"]
    month = "本月" if data["period"][4:5] == "-" and len(data["period"]) == 7 else "本期"
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
        parts.append(f"{month}无被上级采用的信息")
    if s["bulletin_issues"]:
        names = "、".join(f"《{n}》" for n in bulletin_names) or "简报"
        parts.append(f"编发{names}{s['bulletin_issues']}期")
    if s["leader_comments"]:
        parts.append(f"信息获领导批示{s['leader_comments']}次，其中肯定性批示{s['affirmative_comments']}次")
    text = "，".join(parts) + f"。{month}共得{fmt_num(s['points'])}分"
    if data["office_target"]:
        year = data["to"][:4]
        text += (
            f"，{year}年累计得{fmt_num(data['ytd_points'])}分，"
            f"完成年度目标任务（{fmt_num(data['office_target'])}分）的{fmt_pct(data['ytd_completion'])}"
        )
    return text + "。"


def _praise_text(data: dict, month: str) -> list[str]:
    """The paragraphs that name the units, officers and items done well, with their counts."""
    p = data["praise"]
    out = []
    if p["units"]:
        groups = [
            f"{g['label']}中的"
            + "、".join(f"{r['name']}（采用{r['adopted']}条，得{fmt_num(r['points'])}分）" for r in g["rows"])
            for g in p["units"]
        ]
        out.append(f"{month}，" + "，".join(groups) + "信息报送采用成绩较好。")
    if p["people"]:
        people = "、".join(
            f"{r['name']}（{r['unit']}，采用{r['adopted']}条，得{fmt_num(r['points'])}分）" for r in p["people"]
        )
        out.append(f"得分较多的信息员：{people}。")
    if p["items"]:
        items = "；".join(
            f"{it['unit_name']}报送的《{it['title']}》被{'、'.join(f'《{c}》' for c in it['channels'])}采用"
            for it in p["items"]
        )
        out.append(f"被上级采用的信息中，{items}。")
    if p["comments"]:
        comments = "；".join(f"{c['unit_name']}报送的《{c['title']}》获{c['leader']}肯定性批示" for c in p["comments"])
        out.append(f"{comments}。")
    if out:
        out.append("以上单位和个人予以通报表扬。")
    return out


def _commission_text(data: dict) -> list[str]:
    """约稿: how many, which came on time, which late, which are still owed."""
    rows = data["commissions"]
    if not rows:
        return []
    by = {k: [r for r in rows if r["status"] == k] for k in ("on_time", "late", "overdue", "open")}

    def names(rs: list[dict]) -> str:
        return "、".join(f"{r['unit_name']}（《{r['title']}》）" for r in rs)

    out = [f"共向有关单位约稿{len(rows)}篇，按时完成{len(by['on_time'])}篇"]
    if by["on_time"]:
        out[0] += f"：{names(by['on_time'])}"
    text = out[0]
    if by["late"]:
        text += f"；逾期报送{len(by['late'])}篇：{names(by['late'])}"
    if by["overdue"]:
        text += f"；逾期未报{len(by['overdue'])}篇：{names(by['overdue'])}，请抓紧报送"
    if by["open"]:
        text += f"；尚未到期{len(by['open'])}篇"
    return [text + "。"]


def _problem_text(data: dict, month: str, lists_ref: str) -> list[str]:
    """Units that sent nothing, officers below their monthly minimum, penalties."""
    out = []
    zero = data["zero_submissions"]
    if zero:
        count = f"共{len(zero)}个单位" if len(zero) > 1 else ""
        out.append(f"{'、'.join(z['name'] for z in zero)}{count}{month}未报送信息，请予重视。")
    below = data["below_quota"]
    if below:
        names = "、".join(f"{b['name']}（{b['unit']}）" for b in below)
        count = f"共{len(below)}名信息员" if len(below) > 1 else ""
        out.append(f"{names}{count}未完成每月报送任务。")
    if zero or below:
        out[-1] = out[-1][:-1] + f"（名单见{lists_ref}）。"  # the last of the two
    if data["penalties"]:
        total = round(sum(p["points"] for p in data["penalties"]), 2)
        out.append(f"{month}共扣分{fmt_num(abs(total))}分（详见{lists_ref}）。")
    return out


def _layout(st: State, period: Period, data: dict, issued: dt.date) -> Report:
    """A short body (基本情况, praise, 约稿, 存在问题, 下一步工作要求) and the tables in 附件:
    1 the units' figures, 2 the adoptions and comments, then as there are any the commissions,
    the lists of silent units and officers below quota, and the penalties."""
    bulletin_names = sorted(
        {queries.channel_name(st, b.channel) for b in st.bulletins if period.has(b.at) and not b.supplement}
    )
    month = "本月" if len(data["period"]) == 7 and data["period"][4] == "-" else "本期"
    sections: list[Section] = []
    attachments: list[Attachment] = []

    def add(heading: str, paragraphs: list[str]) -> None:
        sections.append(Section(f"{cn_ordinal(len(sections) + 1)}、{heading}", paragraphs, []))

    def attach(title: str, tables: list[Table], paragraphs: list[str] | None = None) -> str:
        attachments.append(Attachment(title, tables, paragraphs or []))
        return f"附件{len(attachments)}"

    # every level that adopted something in the period, and always the province and the city
    used = {lvl for g in data["rankings"] for r in g["rows"] for lvl in LEVELS if r[lvl]} | {"province", "city"}
    columns = [c for c in RANKING_COLUMNS if c.key not in LEVELS or c.key in used]
    tables = [
        _with_total(st, period, Table(f"ranking_{g['kind']}", f"{g['label']}信息报送采用情况", columns, g["rows"]))
        for g in data["rankings"]
    ]
    note = "排名按本期得分，得分相同者名次并列；目标完成率为年初至本期末累计得分占年度目标的比例。"
    ranking_ref = attach("各单位政务信息报送采用情况统计表", tables, [data["scheme_note"] + note])
    adoption_tables = [
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
            empty=f"{month}无信息被采用。",
            total={"title": "合计", "points": round(sum(a["points"] for a in data["adoptions"]), 2)}
            if data["adoptions"]
            else None,
        )
    ]
    if data["comments"]:
        adoption_tables.append(
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
        )
    adoptions_ref = attach("信息采用及领导批示情况", adoption_tables)
    add(
        "基本情况",
        [_summary_text(data, bulletin_names) + f"各单位报送采用情况见{ranking_ref}，采用及批示明细见{adoptions_ref}。"],
    )
    praise = _praise_text(data, month)
    if praise:
        add("成绩突出的单位和个人", praise)
    commission_text = _commission_text(data)
    if commission_text:
        ref = attach(
            "约稿完成情况",
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
            ],
        )
        add("约稿完成情况", [commission_text[0][:-1] + f"（详见{ref}）。"])
    lists: list[Table] = []
    if data["zero_submissions"]:
        lists.append(
            Table(
                "zero_submissions",
                f"{month}未报送信息的单位",
                [Column("name", "单位"), Column("kind_label", "类别")],
                [{**z, "kind_label": _kind_label(z["kind"])} for z in data["zero_submissions"]],
            )
        )
    if data["below_quota"]:
        lists.append(
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
        )
    if data["penalties"]:
        lists.append(
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
                total={"unit_name": "合计", "points": round(sum(p["points"] for p in data["penalties"]), 2)},
            )
        )
    lists_ref = attach("未完成报送任务及扣分情况", lists) if lists else ""
    problems = _problem_text(data, month, lists_ref) + data["problems"]
    if problems:
        add("存在问题", problems)
    if data["requirements"]:
        add("下一步工作要求", data["requirements"])
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
        addressee=ALL_UNITS,
        intro=[f"现将{data['period_label']}全县政务信息工作情况通报如下："],
        attachments=attachments,
    )


def _kind_label(kind: str) -> str:
    from .common import KIND_LABELS

    return KIND_LABELS.get(kind, kind)


def _with_total(st: State, period: Period, t: Table) -> Table:
    """`t` with its 合计 row, and a note where a column's sum is not the number of items or
    adoptions (a joint item, a combined adoption counts once for each of its units)."""
    codes = {r["code"] for r in t.rows}
    total: dict[str, Any] = {"name": "合计"}
    for c in t.columns:
        if c.kind in ("int", "num") and c.key != "rank":
            total[c.key] = round(sum(r.get(c.key) or 0 for r in t.rows), 2)
    if total.get("target"):
        total["completion"] = round(total.get("ytd_points", 0) / total["target"], 4)
    items = sum(1 for it in st.items.values() if period.has(it.submitted_at) and codes & set(it.units))
    adopted = 0
    for a in st.adoptions.values():
        if period.has(a.at) and a.item in st.items and codes & set(a.units or st.items[a.item].units):
            adopted += 1
    notes = []
    if total.get("submitted", items) != items:
        notes.append(f"联合报送的信息在每个署名单位各计1条，报送数合计{total['submitted']}条，实际{items}条")
    if total.get("adopted", adopted) != adopted:
        notes.append(f"联合采用的信息在每个署名单位各计1条，采用数合计{total['adopted']}条，实际{adopted}条")
    t.total = total
    t.note = "；".join(notes) + ("。" if notes else "")
    return t
