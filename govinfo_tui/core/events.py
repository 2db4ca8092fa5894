"""The journal's schema: every event type as a frozen msgspec Struct in one tagged union.

This module is the contract between writers and readers of the journal, so it holds
nothing but the shapes. New fields must get defaults (older lines lack them); unknown
fields are ignored so that an older reader survives a newer writer's additions. So a rule
set, target or score written before scoring schemes existed reads as `upward`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

import msgspec

# Lines written by this version say `"v":2`: its corrections name what they correct (a score's
# or a registration's `replaces`, a void's `item`), so a v2 line without `replaces` is no edit.
# A line without `v` is version 1.
SCHEMA_VERSION = 2

AwareDateTime = Annotated[dt.datetime, msgspec.Meta(tz=True)]
# "<ULID of the write>/<number of events in it>", on each line of a write of several events
BatchTag = Annotated[str, msgspec.Meta(pattern=r"^[0-9A-Z]{26}/[1-9][0-9]{0,8}$")]

# Bounds on every number a line holds. They make msgspec refuse what cannot be read back
# (NaN and infinity are written as null) and what would make a reader run away (a bulletin
# number of 1e9 is a loop of 1e9 steps); each is far beyond anything an office records.
MAX_POINTS = 1_000_000
FIRST_YEAR, LAST_YEAR = 1900, 2999  # four digits, as the shard folders, and far from datetime's limits
Points = Annotated[float, msgspec.Meta(ge=-MAX_POINTS, le=MAX_POINTS)]
COUNT_MAX, ISSUE_MAX, TOTAL_MAX = 1_000_000, 999, 99_999
Count = Annotated[int, msgspec.Meta(ge=0, le=COUNT_MAX)]
Year = Annotated[int, msgspec.Meta(ge=FIRST_YEAR, le=LAST_YEAR)]
IssueNumber = Annotated[int, msgspec.Meta(ge=1, le=ISSUE_MAX)]
TotalNumber = Annotated[int, msgspec.Meta(ge=1, le=TOTAL_MAX)]
Minutes = Annotated[int, msgspec.Meta(ge=0, le=525_600)]  # a year
Ratio = Annotated[float, msgspec.Meta(ge=0, le=100)]

UnitKind = Literal["county", "township", "department", "office", "other"]
Role = Literal["full_time", "part_time"]
Level = Literal["national", "province", "city", "county"]
Stance = Literal["affirmative", "directive"]
# Who awards the points: the city or province awarding the county (`upward`, compared with the
# city's target and its notices), or the county awarding its own units and officers (`internal`).
Scheme = Literal["upward", "internal"]
SCHEMES: tuple[Scheme, ...] = ("upward", "internal")

LEVELS: tuple[Level, ...] = ("national", "province", "city", "county")
UPWARD_LEVELS: frozenset[str] = frozenset({"national", "province", "city"})
FORMS = ("单条", "单篇", "综合", "专报", "增刊", "约稿", "重要")


class Event(msgspec.Struct, frozen=True, gc=False, kw_only=True, omit_defaults=True, tag_field="type"):
    """The envelope shared by every event.

    `at` is business time (when it happened in the office), `id` is a ULID (unique across
    branches, sortable by recording time), `by` is who recorded it. `batch` belongs to the line
    rather than the event: the writer sets it on every line of a write of several events, and
    readers count those lines only once the whole write is present (`core/batches.py`).
    `recorded` is recording time, given only where the id cannot tell it (see `core.known`).
    """

    id: str
    at: AwareDateTime
    by: str = ""
    v: int = 1  # absent on lines written before schema version 2; new lines carry SCHEMA_VERSION
    batch: BatchTag | None = None
    recorded: AwareDateTime | None = None


# --- registrations -------------------------------------------------------------------


class UnitRegistered(Event, tag="unit_registered", frozen=True):
    """A unit (county, township, department); registering an existing code edits it, and
    `replaces` names the registration edited."""

    unit: str
    name: str
    kind: UnitKind = "department"
    parent: str | None = None
    active: bool = True
    replaces: str | None = None


class PersonRegistered(Event, tag="person_registered", frozen=True):
    """An information officer; re-registering the same code edits them (`replaces` as for units)."""

    person: str
    name: str
    unit: str
    role: Role = "part_time"
    login: str | None = None
    active: bool = True
    replaces: str | None = None


class ChannelRegistered(Event, tag="channel_registered", frozen=True):
    """A publication that adopts items (川政晨讯, 政务信息快报, the county bulletin...)."""

    channel: str
    name: str
    level: Level
    publisher: str = ""
    replaces: str | None = None


class AdoptionRule(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """Points for an adoption; empty fields match anything, the most specific rule wins."""

    points: Points
    channel: str | None = None
    level: Level | None = None
    form: str | None = None


class CommentRule(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """Bonus points for a leader's comment, by the leader's level and the stance."""

    points: Points
    level: Level | None = None
    stance: Stance | None = None


class Penalties(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """Points deducted per miss (given as positive numbers)."""

    missed_quota: Points = 0.0
    late_urgent: Points = 0.0
    missed_commission: Points = 0.0


class UrgentLimits(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """Minutes allowed between an urgent event and its first report."""

    phone_minutes: Minutes = 20
    written_minutes: Minutes = 40


class Remuneration(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    amount: Points
    level: Level | None = None
    channel: str | None = None


class Grade(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """A year-end grade reached at `min_completion` (fraction of target)."""

    name: str
    min_completion: Ratio


class ItemPrize(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """One class of the year's best items (优秀信息一等奖…): how many, and the points each needs."""

    name: str
    count: Count
    min_points: Points = 0.0


class Commendation(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """Whom the year-end commendation (表彰决定) names: the top `units` of each kind of unit
    that reach `unit_min_completion` of their target, the top `officers` with at least
    `officer_min_adopted` adoptions and at most `officer_max_months_below` months under the
    quota (None: not asked), and the year's best items in `prizes`, highest first."""

    units: Count = 0
    unit_min_completion: Ratio = 0.0
    officers: Count = 0
    officer_min_adopted: Count = 0
    officer_max_months_below: Count | None = None
    prizes: list[ItemPrize] = []


class RulesSet(Event, tag="rules_set", frozen=True):
    """A scoring rule set of one scheme, in force from `effective` until a later one of the
    same scheme takes over. `base_points` go to an officer for each month the quota is met."""

    ruleset: str
    effective: dt.date
    scheme: Scheme = "upward"
    adoption: list[AdoptionRule] = []
    comment: list[CommentRule] = []
    penalties: Penalties = Penalties()
    split: Literal["equal", "full"] = "equal"
    quota: dict[str, Count] = {}
    base_points: Points = 0.0
    urgent: UrgentLimits = UrgentLimits()
    remuneration: list[Remuneration] = []
    remuneration_mode: Literal["highest", "additive"] = "highest"
    grades: list[Grade] = []
    note: str = ""
    commendation: Commendation = Commendation()


class TargetSet(Event, tag="target_set", frozen=True):
    """An annual target for a unit or a person in one scheme: the city's for the county
    (upward), or the county's own for its units and officers (internal)."""

    year: Year
    points: Points = 0.0
    adoptions: Count = 0
    unit: str | None = None
    person: str | None = None
    issued_by: str = ""
    scheme: Scheme = "upward"


# --- items ---------------------------------------------------------------------------


class ItemSubmitted(Event, tag="item_submitted", frozen=True):
    """An item enters the record: written by `authors` of `unit`, sent to `channels`. A joint
    item (联合报送) names its other units in `joint`; its adoptions credit them all."""

    item: str
    title: str
    unit: str
    joint: tuple[str, ...] = ()  # a tuple: its default is shared, where every empty list costs memory
    authors: list[str] = []
    category: str = ""
    channels: list[str] = []
    urgent: bool = False
    occurred_at: AwareDateTime | None = None
    report_kind: Literal["phone", "written"] | None = None
    commission: str | None = None
    text: str = ""


class ItemAmended(Event, tag="item_amended", frozen=True):
    """A correction of an item's fields; only the fields given change."""

    item: str
    title: str | None = None
    unit: str | None = None
    authors: list[str] | None = None
    category: str | None = None
    text: str | None = None
    reason: str = ""
    joint: tuple[str, ...] | None = None  # the other units of a joint item, as corrected ([]: none)


class ItemForwarded(Event, tag="item_forwarded", frozen=True):
    item: str
    channels: list[str]
    note: str = ""


class ItemReturned(Event, tag="item_returned", frozen=True):
    item: str
    reason: str = ""


class ItemWithdrawn(Event, tag="item_withdrawn", frozen=True):
    item: str
    reason: str = ""


class ItemAdopted(Event, tag="item_adopted", frozen=True):
    """A publication printed the item. `units` lists every credited unit of a combined
    adoption (综合采用); empty means the item's own unit."""

    item: str
    channel: str
    issue: str = ""
    form: str = "单条"
    units: list[str] = []


class Credit(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    unit: str
    points: Points
    person: str | None = None


class Scored(Event, tag="scored", frozen=True):
    """Points in the ledger of one scheme. `source` is the adoption or comment event that
    earned them (None for a manual entry), `rule` names the rule that produced them, `reason`
    explains a manual score or an override. An override names the score it `replaces` and
    keeps that score's business time and scheme."""

    points: Points
    credits: list[Credit]
    rule: str = ""
    source: str | None = None
    item: str | None = None
    reason: str = ""
    scheme: Scheme = "upward"
    replaces: str | None = None


class LeaderCommented(Event, tag="leader_commented", frozen=True):
    item: str
    leader: str
    level: Level = "county"
    stance: Stance = "affirmative"
    principal: bool = False
    text: str = ""


# --- bulletin, topics, commissions ---------------------------------------------------


class BulletinPublished(Event, tag="bulletin_published", frozen=True):
    """An issue of the office's own bulletin: 〔year〕第number期; supplements apart."""

    channel: str
    year: Year
    number: IssueNumber
    items: list[str] = []
    total_number: TotalNumber | None = None
    supplement: bool = False
    title: str = ""
    editor: str = ""
    recipients_up: list[str] = []
    recipients_same: list[str] = []
    recipients_down: list[str] = []
    print_run: Count = 0


class TopicPlanned(Event, tag="topic_planned", frozen=True):
    topic: str
    title: str
    note: str = ""


class MeetingHeld(Event, tag="meeting_held", frozen=True):
    """The weekly consultation meeting (信息会商研究会) on `at`'s day: who sat at it, the
    leader who chaired it, what the government's latest work was (`briefing`), and the topics
    (选题) it set, by code: each is a `topic_planned` the same write recorded, or an earlier one
    taken up again."""

    meeting: str
    attendees: list[str]
    topics: list[str] = []
    chair: str = ""
    briefing: str = ""


class Commissioned(Event, tag="commissioned", frozen=True):
    """An item requested (约稿) from a unit or person by a deadline."""

    commission: str
    title: str
    unit: str
    deadline: dt.date
    person: str | None = None
    topic: str | None = None
    requirements: str = ""  # what the office asks for, printed in the 约稿通知


class CommissionFulfilled(Event, tag="commission_fulfilled", frozen=True):
    commission: str
    item: str


class FollowedUp(Event, tag="followed_up", frozen=True):
    """督办: the office chased an overdue commission or a comment's follow-up."""

    commission: str | None = None
    item: str | None = None
    note: str = ""


class ScoreAsserted(Event, tag="score_asserted", frozen=True):
    """An official tally (a notice's figure), checked like a balance assertion against the
    ledger of its scheme: the city's total for the county (upward, and every line written
    before schemes), or a figure of the county's own scoring of its units (internal)."""

    unit: str
    period: str
    points: Points
    source: str = ""
    scheme: Scheme = "upward"


class RankingRecorded(Event, tag="ranking_recorded", frozen=True):
    """The place a unit was given in an external ranking (e.g. the city's annual one)."""

    unit: str
    year: Year
    place: Count
    of: Count = 0
    source: str = ""


class EventVoided(Event, tag="event_voided", frozen=True):
    """A correction: `target` no longer counts, in any view that knows this void. `item` names
    the item the target hangs on, so that the item's lines include its voids."""

    target: str
    reason: str
    item: str | None = None


# --- the office's papers ---------------------------------------------------------------


class DocumentSettings(msgspec.Struct, frozen=True, gc=False, kw_only=True, omit_defaults=True):
    """What an office prints on its papers (GB/T 9704-2012: 版头, 落款, 版记) and a paper's own
    text. None: not set by this event, so what an earlier one set stands; "" or []: cleared."""

    issuer: str | None = None  # 发文机关署名: 高县人民政府办公室
    mark: str | None = None  # 发文机关标志, red at the head: 高县人民政府办公室 / …文件
    number_pattern: str | None = None  # 发文字号 from a number: 高府办函〔{year}〕{n}号
    number: str | None = None  # one paper's 发文字号 (or its bare number, for the pattern)
    date: dt.date | None = None  # 成文日期
    addressee: str | None = None  # 主送机关
    cc: str | None = None  # 抄送 (版记)
    printer: str | None = None  # 印发机关 (版记)
    printed: dt.date | None = None  # 印发日期 (版记)
    contact: str | None = None  # 联系人
    phone: str | None = None  # 联系电话
    marking: str | None = None  # 内部资料, 秘密★1年: top left
    signers: list[str] | None = None  # 签发人：…, 制表人：…, 审核人：…
    fonts: dict[str, str] | None = None  # title / body / heading / kai -> "方正小标宋简体,华文中宋,宋体"
    template: str | None = None  # a red-head .docx the papers fill
    bulletin_number: str | None = None  # the bulletin's number line: {year}年第{number}期（总第{total}期）
    own_units: list[str] | None = None  # the office's own units: not ranked in papers to the units
    problems: str | None = None  # 存在问题, paragraphs the office writes for a paper
    requirements: str | None = None  # 下一步工作要求


class OfficeSet(Event, tag="office_set", frozen=True):
    """The office's settings for its papers. Without `paper`, for every paper; with `paper`
    (notice, appraisal, bulletin …), for that kind; with `period` too, for one paper (a period
    label such as 2011-06, or a bulletin issue such as 2011-24)."""

    settings: DocumentSettings
    paper: str | None = None
    period: str | None = None


AnyEvent = Union[  # noqa: UP007 - a named alias msgspec decodes as one tagged union
    UnitRegistered,
    PersonRegistered,
    ChannelRegistered,
    RulesSet,
    TargetSet,
    ItemSubmitted,
    ItemAmended,
    ItemForwarded,
    ItemReturned,
    ItemWithdrawn,
    ItemAdopted,
    Scored,
    LeaderCommented,
    BulletinPublished,
    TopicPlanned,
    Commissioned,
    CommissionFulfilled,
    FollowedUp,
    ScoreAsserted,
    RankingRecorded,
    EventVoided,
    OfficeSet,
    MeetingHeld,
]

# Corrections apply at the business time of what they correct, so an as-of cut keeps them.
CORRECTIONS: tuple[type, ...] = (EventVoided, ItemAmended)

REGISTRY_TYPES = frozenset(
    {"unit_registered", "person_registered", "channel_registered", "rules_set", "target_set", "office_set"}
)


class Envelope(msgspec.Struct, kw_only=True):
    """The minimum a line must have; used to report lines the union cannot decode."""

    id: str = ""
    type: str = ""
    at: str = ""


def event_type(ev: Event) -> str:
    return ev.__struct_config__.tag  # type: ignore[return-value]
