"""A commission (约稿): what the office asks a unit or one of its officers to write, by when,
and its requirements as the 约稿通知 prints them, recorded as one `CommissionItem`."""

from __future__ import annotations

from ...core.recording import CommissionItem
from ...core.state import State
from ..i18n import t
from ..session import Session
from .choices import people_choices, unit_choices
from .form import Field, Values
from .request import RequestForm


def topic_choices(st: State) -> list[tuple[str, str]]:
    """The topics planned (at the weekly meetings, or by `topic`), newest first."""
    topics = sorted(st.topics.values(), key=lambda tp: (tp.at, tp.id), reverse=True)
    return [(f"{tp.title} ({tp.topic})", tp.topic) for tp in topics]


def commission_form(app: Session) -> RequestForm[CommissionItem]:
    st = app.full
    assert st is not None
    fields = [
        Field("topic", "f.commission_topic", "select", topic_choices(st)),
        Field("title", "f.commission_title"),
        Field("unit", "f.unit", "select", unit_choices(st)),
        Field(
            "person",
            "f.person",
            "select",
            people_choices(st),
            follows="unit",
            choices_for=lambda unit: people_choices(st, unit),
        ),
        Field("deadline", "f.deadline", "date", required=True),
        Field("requirements", "f.requirements", "textarea"),
        Field("date", "f.date", "date", required=True),
    ]

    def request(v: Values) -> CommissionItem:
        return CommissionItem(
            deadline=v["deadline"].date(),
            title=v["title"] or "",
            unit=v["unit"] or None,
            person=v["person"] or None,
            topic=v["topic"] or None,
            requirements=v["requirements"] or "",
        )

    return RequestForm(app, t("form.commission"), fields, request, note=t("form.commission.note"))
