"""What the office's outgoing papers share: who sends them, to whom, and its rules in words.

The papers a unit receives (目标任务通知, 约稿通知, 督办通知单, 采用情况, 表彰决定) quote the
rule set in force rather than restate it by hand, so that a notice and the figures it announces
cannot disagree: `rule_sentences` words each rule as a county notice would.
"""

from __future__ import annotations

from .. import events as E
from .. import office, queries
from ..errors import GovinfoError
from ..state import State
from .common import LEVEL_LABELS, ROLE_LABELS, office_name
from .model import fmt_num, fmt_pct

# whom a paper addressed to all units greets, as the notice does
ALL_UNITS = "各乡镇人民政府，县政府各部门："


def issuer(st: State) -> str:
    """The office that signs: the county government's general office."""
    return f"{office_name(st)}人民政府办公室"


def desk(st: State) -> str:
    """Where units send their items: the office's own unit (its information centre, as the
    office's settings name it), else the office that signs."""
    own = office.own_units(st)
    return next((u.name for c, u in st.units.items() if c in own and u.active), "") or issuer(st)


def not_units(st: State) -> frozenset[str]:
    """What a paper speaking to the units leaves out: the county itself (kind "county") and the
    office's own units (`office.own_units`, its settings). Any other unit, an office-kind one
    included (a 县政府办 that is not this office), is one of the units."""
    return office.own_units(st) | {c for c, u in st.units.items() if u.kind == "county"}


def is_own(st: State, unit: str | None, left_out: frozenset[str] | None = None) -> bool:
    """Whether `unit` is not one of the units a paper speaks to (`not_units`, or `left_out`
    when the caller has it at hand); an unknown unit is not one either."""
    return unit not in st.units or unit in (not_units(st) if left_out is None else left_out)


def person_of_login(st: State, login: str) -> str:
    """The registered name behind a login (a follow-up's `by`), or "" when none is registered."""
    for p in st.people.values():
        if p.login and p.login == login:
            return p.name
    return ""


def _where(st: State, channel: str | None, level: str | None) -> str:
    if channel:
        return f"《{queries.channel_name(st, channel)}》"
    if level:
        return f"{LEVEL_LABELS.get(level, level)}刊物"
    return "各级刊物"


def adoption_sentences(st: State, rs: E.RulesSet, *, form: str | None = None) -> list[str]:
    """ "被《政务信息快报》以单篇形式采用的，每条计20分" for each rule that gives points; only the
    rules of `form`, which then goes unsaid, when one is given."""
    out = []
    for r in rs.adoption:
        if r.points == 0 or (form is not None and r.form != form):
            continue
        how = f"以{r.form}形式" if r.form and form is None else ""
        out.append(f"被{_where(st, r.channel, r.level)}{how}采用的，每条计{fmt_num(r.points)}分")
    return out


def rule_sentences(st: State, rs: E.RulesSet) -> list[str]:
    """The rule set in numbered-free sentences: adoption points, comments, quota, base points,
    penalties, credit sharing, urgent limits, remuneration, grades."""
    out: list[str] = []
    adoptions = adoption_sentences(st, rs)
    if adoptions:
        out.append("信息采用计分：" + "；".join(adoptions) + "。")
    comments = []
    for c in rs.comment:
        if c.points == 0:
            continue
        who = f"{LEVEL_LABELS.get(c.level, c.level)}领导" if c.level else "领导"
        stance = "肯定性" if c.stance == "affirmative" else ("指示性" if c.stance == "directive" else "")
        comments.append(f"获{who}{stance}批示的，每条加{fmt_num(c.points)}分")
    if comments:
        out.append("领导批示加分：" + "；".join(comments) + "。")
    quota = [f"{ROLE_LABELS.get(role, role)}信息员每月报送信息不少于{n}条" for role, n in rs.quota.items() if n]
    if quota:
        line = "报送任务：" + "；".join(quota)
        if rs.base_points:
            line += f"；完成当月报送任务的，每人每月计基础分{fmt_num(rs.base_points)}分"
        out.append(line + "。")
    pen = rs.penalties
    penalties = [
        f"{words}的，每{unit}扣{fmt_num(value)}分"
        for words, unit, value in (
            ("未完成当月报送任务", "人次", pen.missed_quota),
            ("紧急信息迟报", "次", pen.late_urgent),
            ("约稿逾期未报", "次", pen.missed_commission),
        )
        if value
    ]
    if penalties:
        out.append("扣分：" + "；".join(penalties) + "。")
    if rs.adoption:
        shared = "各单位平均分享得分" if rs.split == "equal" else "各单位均计全分"
        out.append(f"综合采用多个单位信息的，{shared}。")
    if pen.late_urgent:
        limits = rs.urgent
        out.append(f"紧急信息须在事发后{limits.phone_minutes}分钟内电话报告、{limits.written_minutes}分钟内书面报告。")
    if rs.remuneration:
        rates = [f"{_where(st, r.channel, r.level)}采用每条{fmt_num(r.amount)}元" for r in rs.remuneration if r.amount]
        once = (
            "同一条信息被多个刊物采用的，按最高标准计发一次"
            if rs.remuneration_mode == "highest"
            else "同一条信息被多个刊物采用的，分别计发"
        )
        out.append("稿酬：" + "，".join(rates) + f"；{once}。")
    if rs.grades:
        parts = [
            f"{g.name}（完成{fmt_pct(g.min_completion)}及以上）"
            for g in sorted(rs.grades, key=lambda g: -g.min_completion)
        ]
        out.append("年终按年度目标完成率评定等次：" + "、".join(parts) + "。")
    return out


def commendation_sentences(rules: E.Commendation) -> list[str]:
    """What the year-end commendation will name and what each must reach, in words."""
    out = []
    if rules.units:
        line = f"先进单位：乡镇、县级部门分别评选得分前{rules.units}名"
        if rules.unit_min_completion:
            line += f"且完成年度目标任务{fmt_pct(rules.unit_min_completion)}及以上"
        out.append(line + "的单位")
    if rules.officers:
        line = f"优秀信息员：评选得分前{rules.officers}名"
        needs = []
        if rules.officer_min_adopted:
            needs.append(f"全年被采用{rules.officer_min_adopted}条次及以上")
        if rules.officer_max_months_below is not None:
            needs.append(
                "每月均完成报送任务"
                if rules.officer_max_months_below == 0
                else f"未完成月度报送任务不超过{rules.officer_max_months_below}个月"
            )
        out.append(line + ("且" + "、".join(needs) if needs else "") + "的信息员")
    for prize in rules.prizes:
        if prize.count:
            need = f"且得分不低于{fmt_num(prize.min_points)}分" if prize.min_points else ""
            out.append(f"优秀信息{prize.name}：{prize.count}条{need}")
    return out


def has_commendation(rules: E.Commendation) -> bool:
    return bool(rules.units or rules.officers or any(p.count for p in rules.prizes))


class SubjectError(GovinfoError, LookupError):
    """A paper for one commission, follow-up or unit was asked for one the journal lacks."""


def commission_event(st: State, code: str | None) -> E.Commissioned:
    """The (latest, unvoided) `commissioned` event of `code`; a SubjectError names the codes known."""
    found = None
    for ev in st.of(E.Commissioned):
        if ev.commission == code:
            found = ev
    if found is None or code not in st.commissions:
        if not code:
            raise SubjectError("outgoing.needs_commission", known=_known(st.commissions))
        raise SubjectError("outgoing.unknown_commission", commission=code, known=_known(st.commissions))
    return found


def follow_up_event(st: State, ref: str | None) -> E.FollowedUp:
    """The follow-up whose id is `ref`, or the latest follow-up of the commission `ref`."""
    chosen = [f for f in st.followups if f.id == ref] or [f for f in st.followups if ref and f.commission == ref]
    if not chosen:
        known = _known({f.id: f for f in st.followups[-5:]})
        raise SubjectError(
            "outgoing.unknown_follow_up" if ref else "outgoing.needs_follow_up", ref=ref or "", known=known
        )
    return chosen[-1]


def unit_of(st: State, code: str | None) -> E.UnitRegistered:
    if code and code in st.units:
        return st.units[code]
    left_out = not_units(st)
    known = _known({c: u for c, u in st.units.items() if not is_own(st, c, left_out)})
    raise SubjectError("outgoing.unknown_unit" if code else "outgoing.needs_unit", unit=code or "", known=known)


def _known(codes: dict) -> str:
    shown = list(codes)[:12]
    return ("、".join(shown) + ("…" if len(codes) > len(shown) else "")) or "—"
