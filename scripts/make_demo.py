"""Write the demo journal: the Gao County information office, 2008-01 to 2011-06.

Deterministic (fixed seed, ids derived from it), so regenerating gives the same bytes.
The first half of 2011 is built to reproduce the figures of the office's own report:
24 bulletin issues, 450+ items submitted upward, 3 adoptions by 《川政晨讯》 and 72 by
《政务信息快报》 worth 191 points (120% of the city's annual target of 159), and 8 items
with affirmative comments from the county's principal leaders. Those are the upward scheme's.

The county's own scheme (its 考核细则 for townships, departments and officers) is added last,
from the record the rest built, so it changes none of the draws the seed figures rest on:
county-level adoptions of every item its bulletin used, internal points for the city's and
the province's adoptions and the leaders' comments, monthly base points and quota penalties.

    python scripts/make_demo.py journal
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import TypeVar

import msgspec
from ulid import ULID

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import demo_content as content

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.period import OFFICE_TZ, order_key, parse_period
from govinfo_tui.core.queries import quota
from govinfo_tui.core.recording import HoldMeeting, PenalizeCommission, PenalizeQuota, RewardQuota
from govinfo_tui.core.recording.paperwork import bulletin_adoptions
from govinfo_tui.core.recording.scoring import scores_for_adoption, scores_for_comment
from govinfo_tui.core.state import State, fold

rng = random.Random(20111005)
Ev = TypeVar("Ev", bound=E.Event)

COUNTY = ("gx", "高县")
OFFICE = ("xxzx", "县政府信息中心")
TOWNSHIPS = [
    ("qf", "庆符镇"),
    ("wj", "文江镇"),
    ("sh", "沙河镇"),
    ("jl", "嘉乐镇"),
    ("lc", "罗场镇"),
    ("jc", "蕉村镇"),
    ("kj", "可久镇"),
    ("lf", "来复镇"),
    ("yj", "月江镇"),
    ("st", "胜天镇"),
    ("fx", "复兴镇"),
    ("dw", "大窝镇"),
]
DEPARTMENTS = [
    ("fgj", "县发展改革局"),
    ("czj", "县财政局"),
    ("nyj", "县农业局"),
    ("jyj", "县教育局"),
    ("wsj", "县卫生局"),
    ("gtj", "县国土资源局"),
    ("ajj", "县安全生产监督管理局"),
    ("mzj", "县民政局"),
    ("cyj", "县茶产业发展局"),
    ("jsj", "县经济商务局"),
    ("swj", "县水务局"),
    ("gaj", "县公安局"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国明华丽娟勇军敏静强磊洋艳杰涛超霞平刚桂英玉兰秀云春梅海燕志红文斌晓东雪峰婷宇成林颖"
STAFF_LOGINS = ["liuyang", "chenjing", "wangmin", "zhaolei", "huangli", "zhoutao"]

CH_PROVINCE, CH_CITY, CH_COUNTY = "chzx", "kb", "gxzw"
CATEGORIES = ["普通性", "综合性", "政策性", "苗头性", "调研类", "社会民生", "本地特色"]
CATEGORY_WEIGHTS = [40, 12, 8, 8, 5, 17, 10]
ACTIONS = [
    "多措并举推进",
    "三举措抓好",
    "四举措推进",
    "扎实开展",
    "全面推进",
    "着力抓好",
    "强力推进",
    "狠抓",
    "创新机制推动",
    "精心组织",
]
# item titles once drew one of 30 topics for any unit at any date; the figures rest on those
# draws, so the generator still makes them and words the item by the unit's own subjects in
# season (`demo_content`) instead
DRAWN_TOPICS = 30
SEED_TITLES = [
    ("高县三举措积极应对食盐抢购", dt.date(2011, 3, 18), "苗头性", CH_PROVINCE, "重要"),
    ("高县春茶产值突破亿元", dt.date(2011, 4, 12), "本地特色", CH_PROVINCE, "单条"),
    ("高县着力打造30万亩优质茶产业基地", dt.date(2011, 5, 9), "本地特色", CH_PROVINCE, "单条"),
    ("高县全面开展汛前地质灾害排查工作", dt.date(2011, 4, 20), "普通性", CH_CITY, "单篇"),
    ("高县四举措壮大农业产业化龙头企业", dt.date(2011, 2, 24), "综合性", CH_CITY, "单篇"),
    ("高县狠抓食品添加剂专项整治工作", dt.date(2011, 5, 26), "普通性", CH_CITY, "单条"),
]
LEADERS_PRINCIPAL = [("县委书记 李明", "county"), ("县长 王建华", "county")]
CITY_LEADERS = [("市长 张国庆", "city"), ("常务副市长 刘志刚", "city")]
PROVINCE_LEADER = ("副省长 陈建", "province")
# the city's annual target for the county, its ranking place among the city's 10 counties
COUNTY_TARGETS = {2008: 150, 2009: 155, 2010: 158, 2011: 159}
CITY_PLACES = {2008: 2, 2009: 3, 2010: 1}
# the county's own annual targets for its units, in its internal points
UNIT_TARGETS = {"township": 48, "department": 38}


class Writer:
    def __init__(self) -> None:
        self.events: list[E.Event] = []

    def eid(self, at: dt.datetime) -> str:
        ms = int(at.timestamp() * 1000)
        return str(ULID.from_bytes(ms.to_bytes(6, "big") + rng.randbytes(10)))

    def add(self, cls: type[Ev], at: dt.datetime, by: str = "liuyang", **fields) -> Ev:
        if cls in (E.UnitRegistered, E.PersonRegistered, E.ChannelRegistered):
            at = at + dt.timedelta(seconds=len(self.events))  # registered one after another
        ev = cls(id=self.eid(at), at=at, by=by, **fields)
        self.events.append(ev)
        return ev

    def keep(self, built: Ev) -> Ev:
        """An event the recording rules built, with its id drawn from the seed instead of the clock,
        and schema 1 like every other line of the demo (whose ids are its recording times)."""
        ev = msgspec.structs.replace(built, id=self.eid(built.at), v=1)
        self.events.append(ev)
        return ev

    def state(self) -> State:
        """The record so far, for the recording rules to score against."""
        return fold(sorted(self.events, key=order_key))


def when(day: dt.date, hour: int | None = None) -> dt.datetime:
    h = hour if hour is not None else rng.randint(8, 17)
    return dt.datetime(day.year, day.month, day.day, h, rng.randint(0, 59), tzinfo=OFFICE_TZ)


def workdays(year: int, month: int) -> list[dt.date]:
    day, out = dt.date(year, month, 1), []
    while day.month == month:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def person_name(used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in used:
            used.add(name)
            return name


def ruleset(year: int) -> dict:
    """The city's rules for scoring its counties (the upward scheme)."""
    return dict(
        ruleset=f"{year}年计分办法",
        effective=dt.date(year, 1, 1),
        adoption=[
            E.AdoptionRule(level="national", points=10),
            E.AdoptionRule(channel=CH_PROVINCE, points=3),
            E.AdoptionRule(channel=CH_PROVINCE, form="重要", points=5),
            E.AdoptionRule(channel=CH_CITY, points=2),
            E.AdoptionRule(channel=CH_CITY, form="单篇", points=5),
            E.AdoptionRule(channel=CH_CITY, form="约稿", points=5),
            E.AdoptionRule(channel=CH_CITY, form="专报", points=5),
            E.AdoptionRule(level="county", points=0),
        ],
        comment=[
            E.CommentRule(level="national", points=20),
            E.CommentRule(level="province", points=10),
            E.CommentRule(level="city", points=5),
            E.CommentRule(level="county", points=0),
        ],
        split="equal",
        grades=GRADES,
        note="宜宾市人民政府办公室对各县（区）政务信息工作的计分办法",
    )


GRADES = [
    E.Grade(name="优秀", min_completion=1.0),
    E.Grade(name="良好", min_completion=0.8),
    E.Grade(name="合格", min_completion=0.6),
]


def internal_ruleset(year: int) -> dict:
    """The county's own 考核细则 for its townships, departments and officers (the internal
    scheme), on the larger scale counties use: the county bulletin's adoptions (县级采用) count,
    an item the city or the province adopts is worth far more, officers earn a base point for
    each month they meet the quota and lose two for each month they miss it."""
    return dict(
        ruleset=f"高县政务信息工作考核细则（{year}年）",
        effective=dt.date(year, 1, 1),
        scheme="internal",
        adoption=[
            E.AdoptionRule(level="national", points=50),
            E.AdoptionRule(channel=CH_PROVINCE, points=20),
            E.AdoptionRule(channel=CH_PROVINCE, form="重要", points=30),
            E.AdoptionRule(channel=CH_CITY, points=10),
            E.AdoptionRule(channel=CH_CITY, form="单篇", points=20),
            E.AdoptionRule(channel=CH_CITY, form="约稿", points=20),
            E.AdoptionRule(channel=CH_CITY, form="专报", points=20),
            E.AdoptionRule(channel=CH_COUNTY, points=2),
        ],
        comment=[
            E.CommentRule(level="national", points=30),
            E.CommentRule(level="province", points=20),
            E.CommentRule(level="city", points=10),
            E.CommentRule(level="county", stance="affirmative", points=5),
        ],
        penalties=E.Penalties(missed_quota=2, late_urgent=5, missed_commission=5),
        split="equal",
        quota={"part_time": 4 if year >= 2011 else 3},
        base_points=1,
        urgent=E.UrgentLimits(phone_minutes=20, written_minutes=40),
        remuneration=[
            E.Remuneration(level="national", amount=80),
            E.Remuneration(level="province", amount=50),
            E.Remuneration(level="city", amount=30),
        ],
        remuneration_mode="highest",
        grades=GRADES,
        note="高县人民政府办公室印发，考核各乡镇、县级各部门和信息员",
        commendation=commendation_rules(year),
    )


def commendation_rules(year: int) -> E.Commendation:
    """Whom the county commends at the year's end (its 表彰办法, part of its 考核细则): the best
    three townships and three departments that met their target, ten officers with at least
    three adoptions who missed the monthly quota at most twice, and the year's best items in
    three classes. Only the rule set's words change: no draw of the seed depends on them."""
    return E.Commendation(
        units=3,
        unit_min_completion=1.0,
        officers=10,
        officer_min_adopted=3,
        officer_max_months_below=2,
        prizes=[
            E.ItemPrize(name="一等奖", count=3, min_points=30),
            E.ItemPrize(name="二等奖", count=5, min_points=20),
            E.ItemPrize(name="三等奖", count=10, min_points=12),
        ],
    )


def build() -> list[E.Event]:
    w = Writer()
    start = when(dt.date(2008, 1, 1), 7)
    w.add(E.UnitRegistered, start, unit=COUNTY[0], name=COUNTY[1], kind="county")
    w.add(E.UnitRegistered, start, unit=OFFICE[0], name=OFFICE[1], kind="office", parent=COUNTY[0])
    for code, name in TOWNSHIPS:
        w.add(E.UnitRegistered, start, unit=code, name=name, kind="township", parent=COUNTY[0])
    for code, name in DEPARTMENTS:
        w.add(E.UnitRegistered, start, unit=code, name=name, kind="department", parent=COUNTY[0])
    w.add(
        E.ChannelRegistered,
        start,
        channel=CH_PROVINCE,
        name="川政晨讯",
        level="province",
        publisher="四川省人民政府办公厅",
    )
    w.add(
        E.ChannelRegistered, start, channel=CH_CITY, name="政务信息快报", level="city", publisher="宜宾市人民政府办公室"
    )
    w.add(
        E.ChannelRegistered,
        start,
        channel=CH_COUNTY,
        name="高县政务信息",
        level="county",
        publisher="高县人民政府办公室",
    )

    used: set[str] = set()
    full_time = []
    for i, login in enumerate(STAFF_LOGINS, start=1):
        code = f"zz{i:02d}"
        w.add(
            E.PersonRegistered,
            start,
            person=code,
            name=person_name(used),
            unit=OFFICE[0],
            role="full_time",
            login=login,
        )
        full_time.append(code)
    part_time: dict[str, str] = {}
    for n, (unit, _name) in enumerate(TOWNSHIPS + DEPARTMENTS, start=1):
        code = f"jz{n:02d}"
        w.add(E.PersonRegistered, start, person=code, name=person_name(used), unit=unit, role="part_time")
        part_time[code] = unit
    for _ in (1, 2):
        code = f"jz{len(part_time) + 1:02d}"
        w.add(E.PersonRegistered, start, person=code, name=person_name(used), unit=OFFICE[0], role="part_time")
        part_time[code] = OFFICE[0]
    units_all = [c for c, _ in TOWNSHIPS + DEPARTMENTS]
    unit_name = dict(TOWNSHIPS + DEPARTMENTS + [OFFICE, COUNTY])

    total_number = 0
    item_seq = 0
    placed: set[str] = set()  # the seed report's items already in an issue of the bulletin

    def item_id(at: dt.datetime) -> str:
        nonlocal item_seq
        item_seq += 1
        return f"{at:%y%m}-{str(ULID.from_bytes(rng.randbytes(16)))[-6:]}"

    def title_for(unit: str, category: str, day: dt.date) -> tuple[str, str]:
        """The item's title and text: a subject of the unit's own, in season on `day`."""
        pick = rng.randrange(DRAWN_TOPICS)
        kind = "office" if unit == OFFICE[0] else "township" if unit in dict(TOWNSHIPS) else "department"
        subjects = content.topics_for(unit, kind, day)
        topic = subjects[pick % len(subjects)]
        short = "高县" if unit == OFFICE[0] else unit_name[unit]
        action = "" if category in ("苗头性", "调研类", "政策性", "综合性") else rng.choice(ACTIONS)
        return content.title(short, topic, category, action), content.body(short, topic, category, day)

    def comment(
        item: E.ItemSubmitted,
        day: dt.date,
        leader: tuple[str, str],
        stance: str,
        principal: bool,
        text: str,
        st: State,
    ) -> None:
        ev = w.add(
            E.LeaderCommented,
            when(day),
            by=rng.choice(STAFF_LOGINS),
            item=item.item,
            leader=leader[0],
            level=leader[1],
            stance=stance,
            principal=principal,
            text=text,
        )
        for bonus in scores_for_comment(st, ev):
            w.keep(bonus)

    for year in (2008, 2009, 2010, 2011):
        y0 = when(dt.date(year, 1, 4), 9)
        w.add(E.RulesSet, y0, **ruleset(year))
        w.add(
            E.TargetSet,
            y0,
            year=year,
            unit=COUNTY[0],
            points=COUNTY_TARGETS[year],
            adoptions=60,
            issued_by="宜宾市人民政府办公室",
        )
        for code in units_all:
            goal = UNIT_TARGETS["township" if code in dict(TOWNSHIPS) else "department"]
            w.add(
                E.TargetSet,
                y0,
                year=year,
                unit=code,
                points=goal + 2 * (year - 2008),
                issued_by="高县人民政府办公室",
                scheme="internal",
            )
        months = range(1, 7) if year == 2011 else range(1, 13)
        # --- items ---------------------------------------------------------------------
        year_items: list[E.ItemSubmitted] = []
        for month in months:
            days = workdays(year, month)
            quota = 4 if year >= 2011 else 3
            for person, unit in part_time.items():
                n = rng.choices([quota - 2, quota - 1, quota, quota + 1, quota + 2], [3, 9, 40, 30, 18])[0]
                for _ in range(n):
                    year_items.append(_item(w, person, unit, days, title_for, item_id))
            for person in full_time:
                for _ in range(rng.randint(7, 10) if year == 2011 else rng.randint(4, 6)):
                    year_items.append(_item(w, person, OFFICE[0], days, title_for, item_id))
        # --- which go upward ---------------------------------------------------------------
        seeds = []
        if year == 2011:
            for title, day, category, _ch, _form in SEED_TITLES:
                author = rng.choice(full_time)
                ev = E.ItemSubmitted(
                    id=w.eid(when(day)),
                    at=when(day),
                    by=rng.choice(STAFF_LOGINS),
                    item=item_id(when(day)),
                    title=title,
                    unit=OFFICE[0],
                    authors=[author],
                    category=category,
                    channels=[CH_PROVINCE, CH_CITY],
                    text=content.SEED_BODIES[title],
                )
                seeds.append(ev)
        upward_goal = 468 - len(seeds) if year == 2011 else rng.randint(560, 640)
        order = list(range(len(year_items)))
        rng.shuffle(order)
        # the office's own items are likelier to be sent upward than the units'
        weight = {i: rng.random() + (0.6 if year_items[i].unit == OFFICE[0] else 0.0) for i in order}
        order.sort(key=lambda i: -weight[i])
        upward_idx = set(order[:upward_goal])
        last_day = dt.date(2011, 6, 30) if year == 2011 else dt.date(year, 12, 31)
        late = last_day - dt.timedelta(days=3)
        forwarded_idx = set(rng.sample(sorted(i for i in upward_idx if year_items[i].at.date() <= late), 30))
        final_items: list[E.ItemSubmitted] = []
        for i, ev in enumerate(year_items):
            if i in upward_idx and i not in forwarded_idx:
                ev = _with(ev, channels=[CH_CITY] if rng.random() < 0.6 else [CH_CITY, CH_PROVINCE])
            final_items.append(ev)
        final_items.extend(seeds)
        final_items.sort(key=lambda e: (e.at, e.id))
        w.events.extend(final_items)
        by_item = {e.item: e for e in final_items}
        forwarded_ids = {year_items[i].item for i in forwarded_idx}
        for item_code in sorted(forwarded_ids):
            day = by_item[item_code].at.date() + dt.timedelta(days=1)
            w.add(
                E.ItemForwarded,
                when(day),
                by=rng.choice(STAFF_LOGINS),
                item=item_code,
                channels=[CH_CITY],
                note="经信息中心编辑后转报",
            )
        upward_ids = {e.item for e in final_items if e.channels} | forwarded_ids
        # --- adoptions ---------------------------------------------------------------------
        pool = [by_item[i] for i in sorted(upward_ids) if by_item[i].at.date() <= last_day - dt.timedelta(days=14)]
        pool = [e for e in pool if e.item not in {s.item for s in seeds}]
        rng.shuffle(pool)
        if year == 2011:
            plan = [(CH_PROVINCE, "重要"), (CH_PROVINCE, "单条"), (CH_PROVINCE, "单条")]
            plan += [(CH_CITY, "单篇")] * 6 + [(CH_CITY, "约稿")] * 6 + [(CH_CITY, "综合")] * 8
            plan += [(CH_CITY, "单条")] * 52
        else:
            n_prov, n_city = rng.randint(3, 5), rng.randint(52, 58)
            plan = [(CH_PROVINCE, rng.choice(["单条", "单条", "重要"])) for _ in range(n_prov)]
            plan += [(CH_CITY, rng.choices(["单条", "单篇", "综合", "约稿"], [70, 6, 6, 3])[0]) for _ in range(n_city)]
        adopted_items: list[E.ItemSubmitted] = []
        seed_plan = {s.title: (ch, form) for s in seeds for t, _d, _c, ch, form in SEED_TITLES if t == s.title}
        plan_for_seed = [seed_plan[s.title] for s in seeds]
        remaining = list(plan)
        for pair in plan_for_seed:
            remaining.remove(pair)
        assignments = list(zip(seeds, plan_for_seed, strict=True)) + list(zip(pool, remaining, strict=False))
        st = w.state()  # the year's rules and items, which its adoptions and comments are scored against
        for item, (channel, form) in sorted(assignments, key=lambda a: (a[0].at, a[0].id)):
            day = item.at.date() + dt.timedelta(days=rng.randint(2, 12))
            day = min(day, last_day)
            every = 1 if channel == CH_PROVINCE else 3  # 川政晨讯 daily, 快报 every few days
            issue = f"{year}年第{day.timetuple().tm_yday // every + 1}期"
            units: list[str] = []
            if form == "综合":
                others = [u for u in units_all if u != item.unit]
                units = [item.unit, *rng.sample(others, rng.choice((1, 2)))]
            adoption = w.add(
                E.ItemAdopted,
                when(day),
                by=rng.choice(STAFF_LOGINS),
                item=item.item,
                channel=channel,
                issue=issue,
                form=form,
                units=units,
            )
            for scored in scores_for_adoption(st, adoption):
                w.keep(scored)
            adopted_items.append(item)
        # --- leader comments -----------------------------------------------------------
        if year == 2011:
            picked = rng.sample(adopted_items, 8)
            for n, item in enumerate(picked):
                day = min(item.at.date() + dt.timedelta(days=rng.randint(3, 10)), last_day)
                comment(
                    item,
                    day,
                    LEADERS_PRINCIPAL[n % 2],
                    "affirmative",
                    True,
                    "此信息反映的做法很好，请有关部门认真总结推广。",
                    st,
                )
            for item in rng.sample([i for i in adopted_items if i not in picked], 2):
                day = min(item.at.date() + dt.timedelta(days=5), last_day)
                comment(item, day, LEADERS_PRINCIPAL[1], "directive", True, "请县政府办督促相关部门抓紧研究解决。", st)
        else:
            for item in rng.sample(adopted_items, rng.randint(2, 4)):
                leader = rng.choice(CITY_LEADERS)
                day = min(item.at.date() + dt.timedelta(days=rng.randint(3, 10)), last_day)
                comment(item, day, leader, "affirmative", False, "高县的经验值得各地借鉴。", st)
            item = rng.choice(adopted_items)
            comment(
                item,
                min(item.at.date() + dt.timedelta(days=9), last_day),
                PROVINCE_LEADER,
                "affirmative",
                False,
                "做法可行，请省政府办公厅跟踪了解。",
                st,
            )
        # --- bulletin issues of 《高县政务信息》 -------------------------------------------
        per_month = 4 if year == 2011 else rng.choice((3, 4))
        number = 0
        for month in months:
            days = workdays(year, month)
            month_items = [e for e in final_items if e.at.year == year and e.at.month == month]
            for k in range(per_month):
                number += 1
                total_number += 1
                day = days[min(len(days) - 1, 3 + k * 5)]
                at = when(day, 17)
                chosen = [e.item for e in month_items if e.at < at][-40:]
                chosen = rng.sample(chosen, min(len(chosen), rng.randint(5, 8)))
                chosen = _with_seed_items(chosen, seeds, at, placed)
                w.add(
                    E.BulletinPublished,
                    at,
                    by="chenjing",
                    channel=CH_COUNTY,
                    year=year,
                    number=number,
                    total_number=total_number,
                    items=chosen,
                    editor="高县人民政府办公室",
                    recipients_up=["市政府办公室"],
                    recipients_same=["县委办", "县人大办", "县政协办"],
                    recipients_down=["各乡镇人民政府", "县政府各部门"],
                    print_run=120,
                )
        # --- year-end: the city's notice of the county's points and place ----------------
        if year in CITY_PLACES:
            notice_day = when(dt.date(year + 1, 1, 15), 10)
            total = _ledger_total(w.events, year)
            w.add(
                E.ScoreAsserted,
                notice_day,
                by="wangmin",
                unit=COUNTY[0],
                period=str(year),
                points=total,
                source=f"宜宾市政府办公室关于{year}年度政务信息工作情况的通报",
            )
            w.add(
                E.RankingRecorded,
                notice_day,
                by="wangmin",
                unit=COUNTY[0],
                year=year,
                place=CITY_PLACES[year],
                of=10,
                source=f"宜宾市政府办公室关于{year}年度政务信息工作情况的通报",
            )

    _meetings(w)
    _year_2011_extras(w, full_time, part_time)
    _internal_scheme(w)
    _office_settings(w, full_time)
    return w.events


def _item(w: Writer, person: str, unit: str, days: list[dt.date], title_for, item_id) -> E.ItemSubmitted:
    day = rng.choice(days)
    at = when(day)
    category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
    title, text = title_for(unit, category, day)
    return E.ItemSubmitted(
        id=w.eid(at),
        at=at,
        by=rng.choice(STAFF_LOGINS),
        item=item_id(at),
        title=title,
        unit=unit,
        authors=[person],
        category=category,
        channels=[],
        text=text,
    )


def _with_seed_items(chosen: list[str], seeds: list[E.ItemSubmitted], at: dt.datetime, placed: set[str]) -> list[str]:
    """The issue's items with the seed report's own items in the first issue after each was
    written: one in its place takes the place of the issue's last generated item, so the issue
    keeps its length and no draw changes."""
    due = [s.item for s in seeds if s.at < at and s.item not in placed]
    out = list(chosen)
    free = [i for i in range(len(out) - 1, -1, -1) if out[i] not in due]
    for item in due:
        if item not in out:
            out[free.pop(0)] = item
        placed.add(item)
    return out


def _with(ev: E.ItemSubmitted, **changes) -> E.ItemSubmitted:
    import msgspec

    return msgspec.structs.replace(ev, **changes)


def _find(items: list[E.ItemSubmitted], item: str) -> E.ItemSubmitted:
    return next(e for e in items if e.item == item)


def _ledger_total(events: list[E.Event], year: int) -> float:
    return round(sum(e.points for e in events if isinstance(e, E.Scored) and e.at.year == year), 2)


def _year_2011_extras(w: Writer, full_time: list[str], part_time: dict[str, str]) -> None:
    """Topics, commissions, an urgent report, a correction and a voided mistake in 2011."""
    items_2011 = [e for e in w.events if isinstance(e, E.ItemSubmitted) and e.at.year == 2011]
    # the topics the weekly meetings of May and June set (`_meetings`), commissioned below
    code_of = {e.title: e.topic for e in w.events if isinstance(e, E.TopicPlanned) and e.at.year == 2011}
    topics = [(code_of[title], title) for _day, title in COMMISSIONED_TOPICS]
    plan = [
        ("YG-2011-01", topics[0][0], "cyj", dt.date(2011, 5, 20), "on_time"),
        ("YG-2011-02", topics[1][0], "gtj", dt.date(2011, 5, 27), "on_time"),
        ("YG-2011-03", topics[2][0], "fgj", dt.date(2011, 6, 3), "late"),
        ("YG-2011-04", topics[3][0], "mzj", dt.date(2011, 6, 17), "on_time"),
        ("YG-2011-05", topics[4][0], "wsj", dt.date(2011, 6, 24), "open"),
    ]
    person_of = {u: p for p, u in part_time.items()}
    topic_title = dict(topics)
    for code, topic, unit, deadline, outcome in plan:
        asked = deadline - dt.timedelta(days=10)
        w.add(
            E.Commissioned,
            when(asked, 11),
            by="wangmin",
            commission=code,
            title=topic_title[topic],
            unit=unit,
            deadline=deadline,
            person=person_of.get(unit),
            topic=topic,
        )
        if outcome == "open":
            w.add(
                E.FollowedUp,
                when(deadline + dt.timedelta(days=3), 15),
                by="wangmin",
                commission=code,
                note="电话督办，承诺月底前报送",
            )
            continue
        done = deadline - dt.timedelta(days=2) if outcome == "on_time" else deadline + dt.timedelta(days=4)
        at = when(done, 16)
        w.add(
            E.ItemSubmitted,
            at,
            by="wangmin",
            item=f"{at:%y%m}-{code[-2:]}YG{code[-4:-3]}",
            title=f"{topic_title[topic]}的报告",
            unit=unit,
            authors=[person_of[unit]],
            category="调研类",
            channels=[CH_COUNTY],
            commission=code,
            text=content.commissioned_report(dict(DEPARTMENTS)[unit], topic_title[topic], done),
        )
    # an urgent item, reported by phone 15 minutes after the event
    occurred = dt.datetime(2011, 6, 14, 7, 40, tzinfo=OFFICE_TZ)
    w.add(
        E.ItemSubmitted,
        occurred + dt.timedelta(minutes=15),
        by="zhaolei",
        item="1106-JJ7Q2D",
        title="月江镇发生山体滑坡 无人员伤亡",
        unit="yj",
        authors=[person_of["yj"]],
        category="苗头性",
        channels=["gxzw"],
        urgent=True,
        occurred_at=occurred,
        report_kind="phone",
        text="6月14日7时40分，月江镇一处山体发生滑坡，已组织群众转移，无人员伤亡。",
    )
    # a title corrected after submission
    target = next(e for e in items_2011 if e.unit == "qf" and e.at.month == 3)
    w.add(
        E.ItemAmended,
        target.at + dt.timedelta(hours=2),
        by="huangli",
        item=target.item,
        title=target.title + "（修订稿）",
        reason="按信息中心意见修改标题",
    )
    # a mistaken adoption recorded and then voided together with its score
    wrong = next(e for e in items_2011 if e.unit == "lc" and e.at.month == 4 and not e.channels)
    at = wrong.at + dt.timedelta(days=3)
    adoption = w.add(E.ItemAdopted, at, by="zhoutao", item=wrong.item, channel=CH_CITY, issue="2011年第31期")
    (scored,) = [w.keep(s) for s in scores_for_adoption(w.state(), adoption)]
    later = at + dt.timedelta(hours=3)
    w.add(E.EventVoided, later, by="zhoutao", target=adoption.id, reason="误录：该期采用的是罗场镇另一条信息")
    w.add(E.EventVoided, later, by="zhoutao", target=scored.id, reason="来源作废")
    # the city's monthly notices state the county's points to date
    for month in range(1, 6):
        total = round(
            sum(
                e.points
                for e in w.events
                if isinstance(e, E.Scored) and e.at.year == 2011 and e.at.month <= month and e.id != scored.id
            ),
            2,
        )
        w.add(
            E.ScoreAsserted,
            when(dt.date(2011, month + 1, 8), 10),
            by="wangmin",
            unit=COUNTY[0],
            period=f"2011-01..2011-{month:02d}",
            points=total,
            source=f"宜宾市政府办公室2011年{month}月政务信息工作通报",
        )


# the topics of May and June 2011 the office commissioned from units, with the meeting that set them
COMMISSIONED_TOPICS = [
    (dt.date(2011, 5, 9), "春茶产销形势及茶农增收情况"),
    (dt.date(2011, 5, 16), "汛期地质灾害防治措施落实情况"),
    (dt.date(2011, 5, 23), "重点项目建设进度及存在的困难"),
    (dt.date(2011, 6, 7), "城乡低保提标后的落实情况"),
    (dt.date(2011, 6, 7), "食品安全专项整治中发现的新问题"),
]


def _meetings(w: Writer) -> None:
    """The weekly consultation meeting of 2010 and 2011 (the office began recording them in
    2010), each with the topics it set, recorded as `govinfo meeting` records them. Ids and
    minutes come from `demo_content.words`, so the draws the figures rest on stay as they were."""
    staff = [e.name for e in w.events if isinstance(e, E.PersonRegistered) and e.role == "full_time"]
    kept: list[E.Event] = []
    recent: list[set[str]] = []  # the subjects of each meeting so far
    for day in content.meeting_days(dt.date(2010, 1, 4), dt.date(2011, 6, 27)):
        fixed = tuple(title for d, title in COMMISSIONED_TOPICS if d == day)
        attendees, titles, briefing = content.meeting_plan(day, staff, recent, fixed)
        titles = [*fixed, *titles]
        at = dt.datetime(day.year, day.month, day.day, 9, content.words.randrange(0, 30), tzinfo=OFFICE_TZ)
        request = HoldMeeting(attendees=tuple(attendees), topics=tuple(titles), chair=content.CHAIR, briefing=briefing)
        for ev in request.build(fold(kept), at, "wangmin"):
            ms = int(ev.at.timestamp() * 1000).to_bytes(6, "big")
            kept.append(msgspec.structs.replace(ev, id=str(ULID.from_bytes(ms + content.words.randbytes(10))), v=1))
    w.events.extend(kept)


def _internal_scheme(w: Writer) -> None:
    """The county's own scoring of its units and officers, recorded as `govinfo` would have:
    its rules each January, then what they give every bulletin issue, adoption and comment,
    every month's quota, and the commission delivered late."""
    for year in (2008, 2009, 2010, 2011):
        w.add(E.RulesSet, when(dt.date(year, 1, 5), 10), by="wangmin", **internal_ruleset(year))
    st = w.state()
    for issue in st.bulletins:
        for adoption in bulletin_adoptions(st, issue):
            kept = w.keep(adoption)
            for scored in scores_for_adoption(st, kept):
                w.keep(scored)
    scored_later = [scores_for_adoption(st, a) for a in st.adoptions.values()]
    scored_later += [scores_for_comment(st, c) for c in st.comments.values()]
    for scores in scored_later:
        for scored in scores:
            if scored.scheme == "internal":  # the upward ones are in the record already
                w.keep(scored)
    # the office settles each month's quota once the month is over: penalties, then base points
    for y, m in [(y, m) for y in (2008, 2009, 2010, 2011) for m in range(1, 13) if (y, m) <= (2011, 6)]:
        month = f"{y}-{m:02d}"
        settled = dt.datetime(y + m // 12, m % 12 + 1, 3, 10, tzinfo=OFFICE_TZ)
        for row in quota(st, parse_period(month)):
            if row["months"].get(month, {}).get("below"):
                for built in PenalizeQuota(person=row["code"], month=month).build(st, settled, "wangmin"):
                    w.keep(built)
        for built in RewardQuota(month=month).build(st, settled, "wangmin"):
            w.keep(built)
    late = when(dt.date(2011, 6, 10), 15)
    for built in PenalizeCommission(commission="YG-2011-03").build(w.state(), late, "wangmin"):
        w.keep(built)


def _office_settings(w: Writer, full_time: list[str]) -> None:
    """What the office prints on its papers (`govinfo office set`): its red head, number
    pattern, 版记 and contact, its own unit (not ranked in papers to the units), and the June
    2011 notice's and the 2010 appraisal's numbers, dates and words. Added last, so the ids
    drawn before stay as they were."""
    contact = next(p for p in w.events if isinstance(p, E.PersonRegistered) and p.person == full_time[0])
    office = E.DocumentSettings(
        issuer="高县人民政府办公室",
        mark="高县人民政府办公室",
        number_pattern="高府办函〔{year}〕{n}号",
        addressee="各乡镇人民政府，县政府各部门，县级有关单位：",
        cc="县委办公室，县人大常委会办公室，县政协办公室。",
        printer="高县人民政府办公室",
        contact=contact.name,
        phone="0831-5622013",
        own_units=[OFFICE[0]],
    )
    w.add(E.OfficeSet, when(dt.date(2008, 1, 2), 9), by="wangmin", settings=office)
    w.add(
        E.OfficeSet,
        when(dt.date(2008, 1, 2), 9),
        by="wangmin",
        paper="bulletin",
        settings=E.DocumentSettings(marking="内部资料　注意保存"),
    )
    june = E.DocumentSettings(
        number="45",
        date=dt.date(2011, 7, 5),
        printed=dt.date(2011, 7, 6),
        problems=(
            "部分单位对政务信息工作重视不够，信息报送数量少、质量不高，反映苗头性、倾向性问题的信息偏少。\n"
            "少数兼职信息员未完成每月报送任务，约稿逾期未报的情况仍有发生。"
        ),
        requirements=(
            "各乡镇、各部门要进一步提高认识，明确一名分管领导负责政务信息工作，确保每月按时完成报送任务。\n"
            "要围绕县委、县政府中心工作和社会关注的热点难点问题，多报送有深度、有分析、有建议的综合性信息。\n"
            "要严格落实约稿制度，按时限完成约稿任务；紧急信息须按规定时限先电话报告、后书面报送。"
        ),
    )
    w.add(E.OfficeSet, when(dt.date(2011, 6, 30), 17), by="wangmin", paper="notice", period="2011-06", settings=june)
    # the office's own registers and sheets are no 公文: no red head, no 版记
    plain = E.DocumentSettings(mark="", cc="", printer="")
    for kind in ("commissions", "urgent", "remuneration", "meeting", "topics"):
        w.add(E.OfficeSet, when(dt.date(2008, 1, 2), 9), by="wangmin", paper=kind, settings=plain)
    appraisal = E.DocumentSettings(number="3", date=dt.date(2011, 1, 20), printed=dt.date(2011, 1, 21))
    w.add(
        E.OfficeSet, when(dt.date(2011, 1, 20), 16), by="wangmin", paper="appraisal", period="2010", settings=appraisal
    )


def write(root: Path, events: list[E.Event]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for old in journal.journal_files(root):
        old.unlink()
    files: dict[Path, bytearray] = defaultdict(bytearray)
    for ev in sorted(events, key=lambda e: (e.at, e.id)):
        files[journal.shard_for(root, ev)] += journal.encode(ev)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(data))
    (root / ".gitattributes").write_text(journal.GITATTRIBUTES, encoding="utf-8")
    (root / ".gitignore").write_text(journal.GITIGNORE, encoding="utf-8")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "journal")
    evs = build()
    write(out, evs)
    print(f"wrote {len(evs)} events to {out}")
