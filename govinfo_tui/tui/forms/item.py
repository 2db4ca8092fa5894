"""The forms of one item's verbs: adopt, comment, forward, return, withdraw, amend, score,
override a score, void an event. Each records through the app and returns what it wrote."""

from __future__ import annotations

from ...core import events as E
from ...core import queries, recording
from ...core.recording import (
    Adopt,
    Amend,
    Comment,
    Forward,
    ManualScore,
    Override,
    RecordError,
    Restore,
    Return,
    Void,
    Withdraw,
)
from ..fmt import label, pts
from ..i18n import get_lang, t
from ..session import Session
from .choices import CATEGORIES, channel_choices, level_choices, people_choices, unit_choices
from .form import Field, FormError, Values
from .request import RequestForm


def adopt_form(app: Session, item_id: str) -> RequestForm[Adopt]:
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

    def preview(v: Values) -> str:
        if not v.get("channel"):
            return ""
        if v.get("points") is not None:
            return t("preview.manual", points=pts(v["points"]))
        if app.full is None:
            return ""
        try:
            found = recording.preview_adoption(app.full, channel=v["channel"], day=v["date"].date(), form=v["form"])
        except RecordError as exc:
            return t("preview.none", error=str(exc))
        return "; ".join(t("preview.points", rule=p.rule, points=pts(p.points)) for p in found)

    def request(v: Values) -> Adopt:
        if v["points"] is not None and not v["reason"]:
            raise FormError("form.required", field="reason")
        return Adopt(
            item=item_id,
            channel=v["channel"],
            issue=v["issue"] or "",
            form=v["form"],
            units=tuple(v["units"]),
            points=v["points"],
            reason=v["reason"] or "",
            untimed=bool(v.get("date.untimed")),
        )

    return RequestForm(app, t("form.adopt", item=item_id), fields, request, preview=preview)


def comment_form(app: Session, item_id: str) -> RequestForm[Comment]:
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

    def request(v: Values) -> Comment:
        return Comment(
            item=item_id,
            leader=v["leader"],
            level=v["level"],
            stance=v["stance"],
            principal=bool(v["principal"]),
            text=v["text"] or "",
            untimed=bool(v.get("date.untimed")),
        )

    return RequestForm(app, t("form.comment", item=item_id), fields, request)


def forward_form(app: Session, item_id: str) -> RequestForm[Forward]:
    st = app.full
    assert st is not None
    fields = [
        Field("channels", "f.channels", "multi", channel_choices(st), required=True),
        Field("note", "f.note"),
        Field("date", "f.date", "date", required=True),
    ]

    def request(v: Values) -> Forward:
        return Forward(item=item_id, channels=tuple(v["channels"]), note=v["note"] or "")

    return RequestForm(app, t("form.forward", item=item_id), fields, request)


def reason_form(app: Session, item_id: str, verb: str) -> RequestForm[Return | Withdraw]:
    fields = [Field("reason", "f.reason", required=True), Field("date", "f.date", "date", required=True)]
    kind = Return if verb == "return" else Withdraw

    def request(v: Values) -> Return | Withdraw:
        return kind(item=item_id, reason=v["reason"])

    return RequestForm(app, t(f"form.{verb}", item=item_id), fields, request)


def amend_form(app: Session, item_id: str) -> RequestForm[Amend]:
    st = app.full
    assert st is not None
    item = st.items[item_id]
    categories = list(dict.fromkeys([*CATEGORIES, item.category] if item.category else CATEGORIES))
    fields = [
        Field("title", "f.title", required=True, default=item.title),
        Field("unit", "f.unit", "select", unit_choices(st), required=True, default=item.unit),
        Field("joint", "f.joint", "multi", unit_choices(st), default=list(item.sub.joint)),
        Field("authors", "f.authors", "multi", people_choices(st), default=item.authors),
        Field("category", "f.category", "select", [(c, c) for c in categories], default=item.category or None),
        Field("reason", "f.reason"),
        Field("date", "f.date", "date", required=True),
    ]

    def request(v: Values) -> Amend:
        """Only the fields that changed; the rest stay None, which keeps them."""
        return Amend(
            item=item_id,
            reason=v["reason"] or "",
            title=v["title"] if v["title"] != item.title else None,
            unit=v["unit"] if v["unit"] != item.unit else None,
            joint=tuple(v["joint"]) if list(v["joint"]) != list(item.sub.joint) else None,
            authors=tuple(v["authors"]) if list(v["authors"]) != list(item.authors) else None,
            category=v["category"] if (v["category"] or "") != item.category else None,
        )

    return RequestForm(app, t("form.amend", item=item_id), fields, request)


def score_form(app: Session, item_id: str) -> RequestForm[ManualScore]:
    fields = [
        Field("points", "f.points_req", "number", required=True),
        Field("reason", "f.reason", required=True),
        Field("date", "f.date", "date", required=True),
    ]

    def request(v: Values) -> ManualScore:
        return ManualScore(points=v["points"], reason=v["reason"], item=item_id)

    return RequestForm(app, t("form.score", item=item_id), fields, request)


def override_form(app: Session, score: E.Scored) -> RequestForm[Override]:
    fields = [
        Field("points", "f.points_req", "number", required=True, default=pts(score.points)),
        Field("reason", "f.reason", required=True),
        Field("date", "f.date", "date", required=True),
    ]
    note = f"{score.rule or score.reason} {pts(score.points)}"

    def request(v: Values) -> Override:
        return Override(score=score.id, points=v["points"], reason=v["reason"])

    return RequestForm(app, t("form.override", score=score.id), fields, request, note=note)


def void_form(app: Session, ev: E.Event) -> RequestForm[Void]:
    """The void's confirmation names the event and everything it takes along, before anything is written."""
    st = app.full
    assert st is not None
    fields = [Field("reason", "f.reason", required=True), Field("date", "f.date", "date", required=True)]
    lines = [queries.describe(st, ev, get_lang())]
    taken = recording.void_takes(st, ev.id)
    if taken:
        lines.append(t("form.void_takes", n=len(taken)))
        lines += [f"  {queries.describe(st, e, get_lang())}" for e in taken]

    def request(v: Values) -> Void:
        return Void(target=ev.id, reason=v["reason"])

    return RequestForm(app, t("form.void", event=ev.id), fields, request, note="\n".join(lines))


def restore_form(app: Session, void: E.EventVoided) -> RequestForm[Restore]:
    """The undo's confirmation: what the void voided, and everything that counts again with it,
    before anything is written (a refusal, e.g. an override's void, is said at once)."""
    st = app.full
    assert st is not None
    back = recording.restore_brings(st, void.id)  # raises RecordError for a void that cannot be undone
    fields = [
        Field("reason", "f.reason", required=True, default=t("form.restore_reason")),
        Field("date", "f.date", "date", required=True),
    ]
    lines = [queries.describe(st, void, get_lang()), t("form.restore_brings", n=len(back))]
    lines += [f"  {queries.describe(st, e, get_lang())}" for e in back]

    def request(v: Values) -> Restore:
        return Restore(void=void.id, reason=v["reason"])

    return RequestForm(app, t("form.restore", event=void.id), fields, request, note="\n".join(lines))
