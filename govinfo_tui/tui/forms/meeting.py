"""The weekly consultation meeting (信息会商会): its day, who sat, who chaired, what was briefed,
and the topics it set, recorded as one `HoldMeeting`."""

from __future__ import annotations

import re

from ...core.recording import HoldMeeting
from ..i18n import t
from ..session import Session
from .form import Field, Values
from .request import RequestForm

_NAMES = re.compile(r"[\n、,，;；]+")


def names(text: str | None) -> tuple[str, ...]:
    """`王敏、刘洋` or one name a line: the attendees as typed, blanks dropped."""
    return tuple(n.strip() for n in _NAMES.split(text or "") if n.strip())


def lines(text: str | None) -> tuple[str, ...]:
    """One topic a line (a topic's title may hold 、 and commas)."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def meeting_form(app: Session) -> RequestForm[HoldMeeting]:
    fields = [
        Field("date", "f.date", "date", required=True),
        Field("attendees", "f.attendees", "textarea", required=True),
        Field("chair", "f.chair"),
        Field("briefing", "f.briefing", "textarea"),
        Field("topics", "f.topics", "textarea"),
    ]

    def request(v: Values) -> HoldMeeting:
        return HoldMeeting(
            attendees=names(v["attendees"]),
            topics=lines(v["topics"]),
            chair=v["chair"] or "",
            briefing=v["briefing"] or "",
        )

    return RequestForm(app, t("form.meeting"), fields, request)
