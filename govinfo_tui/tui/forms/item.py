"""The forms of one item's verbs: adopt, comment, forward, return, withdraw, amend, score,
override a score, void an event. Each records through the app and returns what it wrote."""

from __future__ import annotations

from ...core import events as E
from ...core import queries, recording
from ...core.recording import RecordError
from ..fmt import label, pts
from ..i18n import get_lang, t
from ..session import Session
from .choices import CATEGORIES, channel_choices, level_choices, people_choices, unit_choices
from .form import Field, FormError, FormScreen


def adopt_form(app: Session, item_id: str) -> FormScreen:
    st = app.full
    assert st is not None
    fields = [
        Field("channel", "f.channel", "select", channel_choices(st), required=True),
        Field("issue", "f.issue"),
        Field("form", "f.form", "select", [(f, f) for f in E.FORMS], required=True, default="单条"),
        Field("units", "f.credit_units", "multi", unit_choices(st)),
        Field("date", "f.date", "date", required=True),
        Field("points", "f.points", "number"),
        Field("reason", "f.reason"),
    ]

    def preview(v: dict) -> str:
        if not v.get("channel"):
            return ""
        if v.get("points") is not None:
            return t("preview.manual", points=pts(v["points"]))
        if app.full is None:
            return ""
        try:
            p = recording.preview_adoption(
                app.full, item=item_id, channel=v["channel"], day=v["date"].date(), form=v["form"]
            )
        except RecordError as exc:
            return t("preview.none", error=str(exc))
        return t("preview.points", rule=p.rule, points=pts(p.points))

    def save(v: dict) -> list[E.Event]:
        if v["points"] is not None and not v["reason"]:
            raise FormError(t("form.required"), "reason")
        return app.record(
            lambda s: recording.adopt(
                s,
                item=item_id,
                channel=v["channel"],
                at=v["date"],
                by=app.by,
                issue=v["issue"] or "",
                form=v["form"],
                units=v["units"],
                points=v["points"],
                reason=v["reason"] or "",
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.adopt", item=item_id), fields, save, preview=preview, today=app.today)


def comment_form(app: Session, item_id: str) -> FormScreen:
    fields = [
        Field("leader", "f.leader", required=True),
        Field("level", "f.level", "select", level_choices(), required=True, default="county"),
        Field(
            "stance",
            "f.stance",
            "select",
            [(label("stance", s), s) for s in ("affirmative", "directive")],
            required=True,
            default="affirmative",
        ),
        Field("principal", "f.principal", "bool"),
        Field("text", "f.text"),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.comment(
                s,
                item=item_id,
                leader=v["leader"],
                at=v["date"],
                by=app.by,
                level=v["level"],
                stance=v["stance"],
                principal=bool(v["principal"]),
                text=v["text"] or "",
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.comment", item=item_id), fields, save, today=app.today)


def forward_form(app: Session, item_id: str) -> FormScreen:
    st = app.full
    assert st is not None
    fields = [
        Field("channels", "f.channels", "multi", channel_choices(st), required=True),
        Field("note", "f.note"),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.forward(
                s, item=item_id, channels=v["channels"], at=v["date"], by=app.by, note=v["note"] or ""
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.forward", item=item_id), fields, save, today=app.today)


def reason_form(app: Session, item_id: str, verb: str) -> FormScreen:
    fields = [Field("reason", "f.reason", required=True), Field("date", "f.date", "date", required=True)]
    builder = recording.return_item if verb == "return" else recording.withdraw

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: builder(s, item=item_id, at=v["date"], by=app.by, reason=v["reason"]),
            recording.needles_for(item_id),
        )

    return FormScreen(t(f"form.{verb}", item=item_id), fields, save, today=app.today)


def amend_form(app: Session, item_id: str) -> FormScreen:
    st = app.full
    assert st is not None
    item = st.items[item_id]
    categories = list(dict.fromkeys([*CATEGORIES, item.category] if item.category else CATEGORIES))
    fields = [
        Field("title", "f.title", required=True, default=item.title),
        Field("unit", "f.unit", "select", unit_choices(st), required=True, default=item.unit),
        Field("authors", "f.authors", "multi", people_choices(st), default=item.authors),
        Field("category", "f.category", "select", [(c, c) for c in categories], default=item.category or None),
        Field("reason", "f.reason"),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        changes = {
            "title": v["title"] if v["title"] != item.title else None,
            "unit": v["unit"] if v["unit"] != item.unit else None,
            "authors": v["authors"] if list(v["authors"]) != list(item.authors) else None,
            "category": v["category"] if (v["category"] or "") != item.category else None,
        }
        return app.record(
            lambda s: recording.amend(s, item=item_id, at=v["date"], by=app.by, reason=v["reason"] or "", **changes),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.amend", item=item_id), fields, save, today=app.today)


def score_form(app: Session, item_id: str) -> FormScreen:
    fields = [
        Field("points", "f.points_req", "number", required=True),
        Field("reason", "f.reason", required=True),
        Field("date", "f.date", "date", required=True),
    ]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.manual_score(
                s, points=v["points"], reason=v["reason"], at=v["date"], by=app.by, item=item_id
            ),
            recording.needles_for(item_id),
        )

    return FormScreen(t("form.score", item=item_id), fields, save, today=app.today)


def override_form(app: Session, item_id: str, score: E.Scored) -> FormScreen:
    fields = [
        Field("points", "f.points_req", "number", required=True, default=pts(score.points)),
        Field("reason", "f.reason", required=True),
        Field("date", "f.date", "date", required=True),
    ]
    note = f"{score.rule or score.reason} {pts(score.points)}"

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.manual_score(
                s, points=v["points"], reason=v["reason"], at=v["date"], by=app.by, replaces=score.id
            ),
            recording.needles_for(item_id, score.id),
        )

    return FormScreen(t("form.override", score=score.id), fields, save, today=app.today, note=note)


def void_form(app: Session, item_id: str, ev: E.Event) -> FormScreen:
    """The void's confirmation names the event and everything it takes along, before anything is written."""
    st = app.full
    assert st is not None
    fields = [Field("reason", "f.reason", required=True), Field("date", "f.date", "date", required=True)]
    lines = [queries.describe(st, ev, get_lang())]
    taken = recording.void_takes(st, ev.id)
    if taken:
        lines.append(t("form.void_takes", n=len(taken)))
        lines += [f"  {queries.describe(st, e, get_lang())}" for e in taken]

    def save(v: dict) -> list[E.Event]:
        return app.record(
            lambda s: recording.void(s, target=ev.id, reason=v["reason"], at=v["date"], by=app.by),
            recording.needles_for(ev.id, item_id),
        )

    return FormScreen(t("form.void", event=ev.id), fields, save, today=app.today, note="\n".join(lines))
