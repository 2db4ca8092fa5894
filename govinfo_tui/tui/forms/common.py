"""Forms opened from anywhere: a new item, the day to travel to, a period typed by hand."""

from __future__ import annotations

import datetime as dt

from ...core import recording
from ...core.period import PeriodError, parse_date, parse_period
from ...core.recording import Submit
from ..i18n import t
from ..session import Session
from .choices import CATEGORIES, channel_choices, people_choices, unit_choices
from .form import Field, FormError, FormScreen, Values
from .request import RequestForm


def submit_form(app: Session) -> RequestForm[Submit]:
    st = app.full
    assert st is not None
    categories = list(dict.fromkeys(CATEGORIES + sorted({i.category for i in st.items.values() if i.category})))
    fields = [
        Field("title", "f.title", required=True),
        Field("unit", "f.unit", "select", unit_choices(st), required=True),
        Field(
            "authors",
            "f.authors",
            "multi",
            people_choices(st),
            follows="unit",
            choices_for=lambda unit: people_choices(st, unit),
        ),
        Field("category", "f.category", "select", [(c, c) for c in categories]),
        Field("channels", "f.channels", "multi", channel_choices(st)),
        Field("urgent", "f.urgent", "bool"),
        Field("date", "f.date", "date", required=True),
        Field("text", "f.text"),
    ]

    def request(v: Values) -> Submit:
        return Submit(
            title=v["title"],
            unit=v["unit"],
            authors=tuple(v["authors"]),
            category=v["category"] or "",
            channels=tuple(v["channels"]),
            urgent=bool(v["urgent"]),
            text=v["text"] or "",
            item=recording.new_item_id(v["date"]),  # a known id: `Submit.needles` then reads one item's lines
        )

    return RequestForm(app, t("form.submit"), fields, request)


def goto_date_form(app: Session) -> FormScreen[dt.date]:
    fields = [Field("day", "f.day", required=True, default=app.ref_day.isoformat())]

    def save(v: Values) -> dt.date:
        try:
            return parse_date(v["day"])
        except PeriodError as exc:
            raise FormError.from_error(exc, field="day") from None

    return FormScreen(t("form.goto"), fields, save, action="form.act.goto")


def period_range_form(title: str, field_label: str, default: str, year: int) -> FormScreen[str]:
    """Ask for any period `parse_period` reads (`2011-H1`, `2011年上半年`, `一季度` of `year`,
    the year on screen ...); the form returns the text as typed, so the screen can offer it
    again next time."""
    fields = [Field("period", field_label, required=True, default=default)]

    def save(v: Values) -> str:
        try:
            parse_period(v["period"], year=year)
        except PeriodError as exc:
            raise FormError.from_error(exc, field="period") from None
        return v["period"]

    return FormScreen(title, fields, save, action="form.act.apply")
