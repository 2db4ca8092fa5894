"""The registration form: register, or re-register to edit, a unit, person, publication,
target or rule set."""

from __future__ import annotations

import json
from typing import TypeAlias

from ...core import rules
from ...core.events import SCHEMES
from ...core.period import PeriodError, parse_date
from ...core.recording import (
    RecordError,
    RegisterChannel,
    RegisterPerson,
    RegisterRules,
    RegisterUnit,
    SetTarget,
)
from ...core.state import State
from ..fmt import label, pts
from ..i18n import t
from ..session import Session
from .choices import level_choices, people_choices, unit_choices
from .form import Field, FormError, Values
from .request import RequestForm

Registration: TypeAlias = RegisterUnit | RegisterPerson | RegisterChannel | RegisterRules | SetTarget


def registration_form(app: Session, what: str, code: str | None = None) -> RequestForm[Registration]:
    """Register (or, with `code`, re-register = edit) a unit, person, channel, target or rule set."""
    st = app.full
    assert st is not None
    date_field = Field("date", "f.date", "date", required=True)
    if what == "unit":
        u = st.units.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=u.unit if u else None),
            Field("name", "f.name", required=True, default=u.name if u else None),
            Field(
                "kind",
                "f.kind",
                "select",
                [(label("kind", k), k) for k in ("county", "township", "department", "office", "other")],
                required=True,
                default=u.kind if u else "department",
            ),
            Field("parent", "f.parent", "select", unit_choices(st), default=u.parent if u else None),
            date_field,
        ]

        def request(v: Values) -> Registration:
            return RegisterUnit(code=v["code"], name=v["name"], kind=v["kind"], parent=v["parent"])

    elif what == "person":
        p = st.people.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=p.person if p else None),
            Field("name", "f.name", required=True, default=p.name if p else None),
            Field("unit", "f.unit", "select", unit_choices(st), required=True, default=p.unit if p else None),
            Field(
                "role",
                "f.role",
                "select",
                [(label("role", r), r) for r in ("part_time", "full_time")],
                required=True,
                default=p.role if p else "part_time",
            ),
            Field("login", "f.login", default=p.login if p else None),
            date_field,
        ]

        def request(v: Values) -> Registration:
            return RegisterPerson(code=v["code"], name=v["name"], unit=v["unit"], role=v["role"], login=v["login"])

    elif what == "channel":
        c = st.channels.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=c.channel if c else None),
            Field("name", "f.name", required=True, default=c.name if c else None),
            Field("level", "f.level", "select", level_choices(), required=True, default=c.level if c else None),
            Field("publisher", "f.publisher", default=c.publisher if c else None),
            date_field,
        ]

        def request(v: Values) -> Registration:
            return RegisterChannel(code=v["code"], name=v["name"], level=v["level"], publisher=v["publisher"] or "")

    elif what == "rules":
        import msgspec

        base = next((r for r in st.rulesets if r.id == code), None)
        if base is None:
            base = rules.in_force(st.rulesets, app.ref_day)
        skip = {"id", "at", "by", "v", "batch", "type", "ruleset", "effective"}
        body = msgspec.to_builtins(base) if base is not None else {"adoption": [], "comment": [], "quota": {}}
        template = {k: v for k, v in body.items() if k not in skip}
        fields = [
            Field("name", "f.ruleset", required=True, default=base.ruleset if base and code else None),
            Field("effective", "f.effective", required=True, default=app.ref_day.isoformat()),
            Field(
                "body",
                "f.rules_json",
                "textarea",
                required=True,
                default=json.dumps(template, ensure_ascii=False, indent=1),
            ),
            date_field,
        ]

        def request(v: Values) -> Registration:
            try:
                effective = parse_date(v["effective"])
            except PeriodError as exc:
                raise FormError.from_error(exc, field="effective") from None
            rule_set = RegisterRules(body=v["body"], name=v["name"], effective=effective)
            try:  # read the JSON before taking the lock, so its errors show under the field
                rule_set.build(State(), v["date"], app.by)
            except RecordError as exc:
                raise FormError.from_error(exc, field="body") from None
            return rule_set

    else:
        tg = next((x for x in st.targets if x.id == code), None)
        fields = [
            Field("year", "f.year", "int", required=True, default=tg.year if tg else app.ref_day.year),
            Field("unit", "f.unit", "select", unit_choices(st), default=tg.unit if tg else None),
            Field("person", "f.person", "select", people_choices(st), default=tg.person if tg else None),
            Field("points", "f.target_points", "number", default=pts(tg.points) if tg else None),
            Field("adoptions", "f.adoptions", "int", default=tg.adoptions if tg else None),
            Field("issued_by", "f.issued_by", default=tg.issued_by if tg else None),
            Field(
                "scheme",
                "f.scheme",
                "select",
                [(label("scheme", s), s) for s in SCHEMES],
                required=True,
                default=tg.scheme if tg else "upward",
            ),
            date_field,
        ]

        def request(v: Values) -> Registration:
            if not (v["unit"] or v["person"]):
                raise FormError("target.needs", field="unit")
            return SetTarget(
                year=v["year"],
                points=v["points"] or 0.0,
                adoptions=v["adoptions"] or 0,
                unit=v["unit"],
                person=v["person"],
                issued_by=v["issued_by"] or "",
                scheme=v["scheme"],
            )

    note = t("reg.exists", code=code) if code and what not in ("target", "rules") else ""
    return RequestForm(app, t(f"form.{what}"), fields, request, note=note)
