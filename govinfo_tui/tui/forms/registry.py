"""The registration form: register, or re-register to edit, a unit, person, publication,
target or rule set."""

from __future__ import annotations

import json

from ...core import events as E
from ...core import recording, rules
from ...core.period import PeriodError, parse_date
from ...core.recording import RecordError
from ...core.state import State
from ..fmt import label, pts
from ..i18n import t
from ..session import Session
from .choices import level_choices, people_choices, unit_choices
from .form import Field, FormError, FormScreen


def registration_form(app: Session, what: str, code: str | None = None) -> FormScreen:
    """Register (or, with `code`, re-register = edit) a unit, person, channel or target."""
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

        def build(v: dict, s: State) -> E.Event:
            return recording.register_unit(
                s, code=v["code"], name=v["name"], at=v["date"], by=app.by, kind=v["kind"], parent=v["parent"]
            )[0]

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

        def build(v: dict, s: State) -> E.Event:
            return recording.register_person(
                s,
                code=v["code"],
                name=v["name"],
                unit=v["unit"],
                at=v["date"],
                by=app.by,
                role=v["role"],
                login=v["login"],
            )[0]

    elif what == "channel":
        c = st.channels.get(code or "")
        fields = [
            Field("code", "f.code", required=True, default=c.channel if c else None),
            Field("name", "f.name", required=True, default=c.name if c else None),
            Field("level", "f.level", "select", level_choices(), required=True, default=c.level if c else None),
            Field("publisher", "f.publisher", default=c.publisher if c else None),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            return recording.register_channel(
                s,
                code=v["code"],
                name=v["name"],
                level=v["level"],
                at=v["date"],
                by=app.by,
                publisher=v["publisher"] or "",
            )[0]

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

        def build(v: dict, s: State) -> E.Event:
            try:
                effective = parse_date(v["effective"])
            except PeriodError as exc:
                raise FormError(str(exc), "effective") from None
            try:
                return recording.rules_from_json(
                    v["body"], at=v["date"], by=app.by, name=v["name"], effective=effective
                )[0]
            except RecordError as exc:
                raise FormError(str(exc), "body") from None

    else:
        tg = next((x for x in st.targets if x.id == code), None)
        fields = [
            Field("year", "f.year", "int", required=True, default=tg.year if tg else app.ref_day.year),
            Field("unit", "f.unit", "select", unit_choices(st), default=tg.unit if tg else None),
            Field("person", "f.person", "select", people_choices(st), default=tg.person if tg else None),
            Field("points", "f.target_points", "number", default=pts(tg.points) if tg else None),
            Field("adoptions", "f.adoptions", "int", default=tg.adoptions if tg else None),
            Field("issued_by", "f.issued_by", default=tg.issued_by if tg else None),
            date_field,
        ]

        def build(v: dict, s: State) -> E.Event:
            return recording.set_target(
                s,
                year=v["year"],
                at=v["date"],
                by=app.by,
                points=v["points"] or 0.0,
                adoptions=v["adoptions"] or 0,
                unit=v["unit"],
                person=v["person"],
                issued_by=v["issued_by"] or "",
            )[0]

    def save(v: dict) -> list[E.Event]:
        if what == "target" and not (v["unit"] or v["person"]):
            raise FormError(t("target.needs"), "unit")
        if what == "rules":
            ev = build(v, st)  # validate before taking the lock: errors show under the field
            return app.record(lambda s: [ev], [])
        return app.record(lambda s: [build(v, s)], [])

    note = t("reg.exists", code=code) if code and what not in ("target", "rules") else ""
    return FormScreen(t(f"form.{what}"), fields, save, today=app.today, note=note)
