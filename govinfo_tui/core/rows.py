"""The shapes of what `queries` returns: the contract between queries, papers, the CLI and the app.

They are TypedDicts, not classes, because these rows are also the JSON and CSV that scripts
read (`govinfo report ... --format json`): the keys below are that output, unchanged. Typing
them lets mypy catch a renamed or misspelt key in every layer that reads a row.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

CommissionStatus = Literal["open", "overdue", "on_time", "late"]

# "from" is a keyword, hence the functional form
Summary = TypedDict(
    "Summary",
    {
        "period": str,
        "from": str,
        "to": str,
        "as_of": str | None,
        "known_at": str | None,
        "office": str | None,
        "scheme": str,
        "items": int,
        "submitted": int,
        "adopted": dict[str, int],
        "adopted_by_level": dict[str, int],
        "adopted_items": int,
        "points": float,
        "target": float,
        "completion": float | None,
        "leader_comments": int,
        "affirmative_comments": int,
        "bulletin_issues": int,
        "bulletin_supplements": int,
    },
)


class RankingRow(TypedDict):
    """One unit or officer in a ranking; `target`/`completion` are for the year to the period's end."""

    rank: int
    code: str
    name: str
    kind: str  # a unit's kind, or an officer's role
    submitted: int
    adopted: int
    national: int
    province: int
    city: int
    county: int
    comments: int
    points: float
    target: float
    ytd_points: float
    completion: float | None
    scheme: str  # whose points: "upward" (the city's for the county) or "internal" (the county's)
    unit: NotRequired[str]  # officers only: the name of their unit


class MonthPoints(TypedDict):
    """One month of the office's points against its share of the annual target."""

    month: str  # YYYY-MM
    points: float
    need: float  # the annual target / 12; 0 without a target
    below: bool | None  # short of `need` (prorated in the month under way); None: to come, or no target


class Pace(TypedDict):
    """The office's year to a day: points against the target and against the pace that reaches it."""

    year: int
    day: str  # the day asked, YYYY-MM-DD
    target: float
    points: float
    due: float  # the target's share for the days gone: target × day of year / days in year
    ahead: float  # points - due; negative when behind
    months: list[MonthPoints]  # January to December


class TargetRow(TypedDict):
    subject: str | None
    name: str
    scheme: str
    issued_by: str
    target: float
    points: float
    completion: float | None


class QuotaMonth(TypedDict):
    count: int
    quota: int
    below: bool


class QuotaRow(TypedDict):
    """One officer's months (`YYYY-MM`) against the monthly minimum of the rules in force."""

    code: str
    name: str
    unit: str
    role: str
    months: dict[str, QuotaMonth]
    months_below: int
    scheme: str  # whose rules set the quota


class CommissionRow(TypedDict):
    commission: str
    title: str
    unit: str
    person: str | None
    deadline: str
    status: CommissionStatus
    item: str | None
    followups: int


class TimelineRow(TypedDict):
    """One event of an item. A voided or repeated one stays, with `voided` set and `reason`
    saying why it no longer counts; `recorded` is set when it was recorded more than a day
    after its business time `at`."""

    at: str
    type: str
    by: str
    id: str
    what: str
    voided: bool
    reason: str
    recorded: str | None


class ChangeRow(TypedDict):
    at: str
    type: str
    by: str
    id: str
    what: str
