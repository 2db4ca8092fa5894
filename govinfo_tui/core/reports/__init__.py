"""Office paperwork: notices, appraisal, bulletin issues, commissions, urgent items, remuneration.

Each builder is a pure function of a `State` and a `Period` returning a `Report` (see
`model`), which screens show and `govinfo_tui.export.write` writes. `build_paper` picks the
builder by kind and `default_period` the period a paper is usually asked for, so the command
line and the app cannot drift apart on either.
"""

from __future__ import annotations

import datetime as dt

from ...i18n import label
from .. import events as E
from .. import office
from ..period import Period, parse_period
from ..schemes import INTERNAL
from ..state import State
from .adoption_slip import adoption_slip
from .appraisal import appraisal
from .bulletin import bulletin, bulletins, issue_report
from .commendation import commendation
from .commission_notice import commission_notice
from .commissions import commissions
from .document import apply as apply_document
from .document import paper_settings
from .follow_up_notice import follow_up_notice
from .meetings import meeting_record, topic_list
from .model import Attachment, Column, DocumentFields, Report, Section, Table
from .notice import notice
from .outgoing import SubjectError
from .remuneration_sheet import remuneration_sheet
from .subjects import SUBJECT_OF, subjects
from .target_notice import target_notice
from .urgent import urgent

# kind -> (Chinese name, English name) from the catalogue: what a screen or a palette can offer
PAPERS = {
    kind: (label("paper", kind, lang="zh"), label("paper", kind, lang="en"))
    for kind in ("notice", "appraisal", "bulletin", "commissions", "urgent", "remuneration", "meeting", "topics")
}
# the papers the office sends to units for its mechanisms (targets, 约稿, 督办, adoption, 表彰)
PAPERS.update(
    {
        kind: (label("paper", kind, lang="zh"), label("paper", kind, lang="en"))
        for kind in ("target-notice", "commission-notice", "follow-up-notice", "adoption-slip", "commendation")
    }
)

# the kinds of period a paper is read for; "range" is one the user typed
PERIOD_KINDS = ("month", "quarter", "year", "range")

# the period a paper is usually asked for: a notice and the follow-up of commissions are
# monthly, the rest cover the year
DEFAULT_PERIOD = {
    "notice": "month",
    "commissions": "month",
    "urgent": "month",
    "appraisal": "year",
    "bulletin": "year",
    "remuneration": "year",
    "target-notice": "year",
    "commission-notice": "year",
    "follow-up-notice": "year",
    "adoption-slip": "month",
    "commendation": "year",
    "meeting": "month",
    "topics": "month",
}


def period_of(kind: str, day: dt.date, typed: str = "") -> Period:
    """The month, quarter or year of `day`; for "range", the period `typed` (else the year), in
    which `上半年` or `6月` mean those of `day`'s year."""
    year = f"{day.year:04d}"  # a period names four digits: `--as-of 0001-01-01` is the year 0001
    if kind == "month":
        return parse_period(f"{year}-{day.month:02d}")
    if kind == "quarter":
        return parse_period(f"{year}-Q{(day.month - 1) // 3 + 1}")
    if kind == "year":
        return parse_period(year)
    return parse_period(typed or year, year=day.year)


def as_of_day(st: State, as_of: dt.date | None) -> dt.date:
    """The day a report speaks of: `as_of`, else the journal's last day, else today."""
    return as_of or (st.last_at.date() if st.last_at else dt.date.today())


def default_period(kind: str, st: State, as_of: dt.date | None) -> Period:
    """The usual period of the paper `kind` around `as_of_day`; the year for any other report."""
    return period_of(DEFAULT_PERIOD.get(kind, "year"), as_of_day(st, as_of))


def build_paper(
    st: State,
    kind: str,
    period: Period,
    *,
    today: dt.date,
    issue: E.BulletinPublished | None = None,
    channel: str | None = None,
    kinds: list[str] | None = None,
    scheme: E.Scheme = INTERNAL,
    subject: str | None = None,
    overrides: E.DocumentSettings | None = None,
    include_own: bool = False,
) -> Report:
    """The paper `kind` for `period`, statuses judged on `today`. A bulletin is `issue` as printed,
    or without one the period's issues (of `channel`, if given); `kinds` narrows a notice's units;
    a notice and an appraisal score units and officers in `scheme`, the office's own units
    and staff left out unless `include_own`. A paper about one thing (`SUBJECT_OF`: a
    commission, a follow-up, a unit) is about `subject`; a year's paper (targets,
    commendation) is about the year the period ends in.

    Every paper gets the office's document fields (版头, 发文字号, 成文日期, 版记 …) from its
    settings for this kind and this one paper (`paper_key`), then `overrides` (a command's
    options)."""
    report = _build(
        st,
        kind,
        period,
        today=today,
        issue=issue,
        channel=channel,
        kinds=kinds,
        scheme=scheme,
        subject=subject,
        include_own=include_own,
    )
    key = paper_key(kind, period, issue, subject)
    narrow = office.overlay(office.narrow_settings(st, kind, key), overrides)
    return apply_document(report, paper_settings(st, kind, key, overrides), narrow)


def paper_key(kind: str, period: Period, issue: E.BulletinPublished | None = None, subject: str | None = None) -> str:
    """What one paper's settings are kept under: a bulletin issue (2011-24, 2011-S1); a paper
    about a commission or a follow-up, its code; one about a unit, the unit and the period
    (qf 2011-06); else the period (2011-06, 2011)."""
    if kind == "bulletin" and issue is not None:
        return f"{issue.year}-{'S' if issue.supplement else ''}{issue.number}"
    if subject and kind in ("commission-notice", "follow-up-notice"):
        return subject
    if subject:
        return f"{subject} {period.label}"
    return period.label


def _build(
    st: State,
    kind: str,
    period: Period,
    *,
    today: dt.date,
    issue: E.BulletinPublished | None,
    channel: str | None,
    kinds: list[str] | None,
    scheme: E.Scheme,
    subject: str | None,
    include_own: bool,
) -> Report:
    if kind == "notice":
        return notice(st, period, today=today, kinds=kinds, scheme=scheme, include_own=include_own)
    if kind == "appraisal":
        return appraisal(st, period, scheme=scheme, include_own=include_own)
    if kind == "bulletin":
        return issue_report(st, issue) if issue is not None else bulletins(st, period, channel)
    if kind == "remuneration":
        return remuneration_sheet(st, period)
    if kind == "target-notice":
        return target_notice(st, period.end.year, scheme=scheme)
    if kind == "commission-notice":
        return commission_notice(st, subject)
    if kind == "follow-up-notice":
        return follow_up_notice(st, subject)
    if kind == "adoption-slip":
        return adoption_slip(st, subject, period, today=today, scheme=scheme)
    if kind == "commendation":
        return commendation(st, period.end.year, scheme=scheme)
    if kind == "urgent":
        return urgent(st, period)
    if kind == "commissions":
        return commissions(st, period, today=today)
    if kind == "meeting":
        return meeting_record(st, period, today=today)
    if kind == "topics":
        return topic_list(st, period, today=today)
    raise ValueError(f"no paper {kind!r}; one of {', '.join(PAPERS)}")


__all__ = [
    "DEFAULT_PERIOD",
    "PAPERS",
    "PERIOD_KINDS",
    "SUBJECT_OF",
    "Attachment",
    "Column",
    "DocumentFields",
    "Report",
    "Section",
    "SubjectError",
    "Table",
    "adoption_slip",
    "appraisal",
    "as_of_day",
    "build_paper",
    "bulletin",
    "bulletins",
    "commendation",
    "commission_notice",
    "commissions",
    "default_period",
    "follow_up_notice",
    "issue_report",
    "meeting_record",
    "notice",
    "paper_key",
    "paper_settings",
    "period_of",
    "remuneration_sheet",
    "subjects",
    "target_notice",
    "topic_list",
    "urgent",
]
