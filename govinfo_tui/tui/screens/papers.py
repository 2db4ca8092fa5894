# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The office's papers on screen (notice, appraisal, bulletin issues, commissions, urgent items,
remuneration, and what the office sends units: targets, commission notices, follow-up slips,
adoption slips, the commendation), period by period, and their export to a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core import bulletins as B
from ...core import events as E
from ...core import export, office, reports
from ...core.period import Period, PeriodError, parse_date
from ...core.recording import SetOffice
from ...core.reports import PERIOD_KINDS
from ...core.reports.model import Report
from ...core.state import State
from ..fmt import safe
from ..forms import Field, FormError, FormScreen
from ..forms.commission import commission_form
from ..forms.common import period_range_form
from ..forms.form import Values
from ..forms.meeting import meeting_form
from ..forms.request import RequestForm
from ..i18n import t
from ..report_view import report_view
from ..session import Session
from .base import GovScreen

KINDS = list(reports.PAPERS)  # notice, appraisal, bulletin, ... remuneration, then the papers sent to units
EXPORT_FORMATS = ["xlsx", "docx", "md", "csv", "json"]


def paper_name(kind: str) -> str:
    return t(f"paper.{kind}")


def file_stem(report: Report, kind: str, period: Period) -> str:
    if report.kind == "bulletin":
        d = report.data
        return f"{reports.PAPERS['bulletin'][0]}-{d['year']}-{'S' if d['supplement'] else ''}{d['number']}"
    stem = f"{reports.PAPERS[kind][0]}-{period.label}"
    if kind in reports.SUBJECT_OF:  # about one thing: named by it (a slip by its unit and period)
        stem = f"{reports.PAPERS[kind][0]}-{report.data.get('unit_name') or report.period}"
        if kind == "adoption-slip":
            stem += f"-{period.label}"
    return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in stem)


class PapersScreen(GovScreen):
    NAME = "papers"
    BINDINGS = [
        Binding("k", "kind(1)", "k.paper_kind"),
        Binding("K", "kind(-1)", "k.paper_kind_back", show=False),
        Binding("p", "period", "k.period"),
        Binding("r", "range", "k.range"),
        Binding("e", "export", "k.export"),
        Binding("i", "issue", "k.issue", show=False),
        Binding("b", "compose", "k.compose"),
        Binding("s", "settings", "k.paper_settings"),
        Binding("o", "subject", "k.subject", show=False),
        Binding("m", "meeting", "k.meeting", show=False),
        Binding("c", "commission", "k.commission", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = "notice"
        self.periods = dict(reports.DEFAULT_PERIOD)
        self.range_text = ""
        self.issue: str | None = None
        self.subjects: dict[str, str] = {}  # paper kind -> the commission, follow-up or unit chosen
        self.shown_subject: str | None = None  # what the shown paper is about
        self.report: Report | None = None
        self.shown_period: Period | None = None
        self.fitted: int | None = None  # the width the shown report was laid out for

    def compose_body(self) -> ComposeResult:
        yield Static(id="papers-kinds")
        yield Static(id="papers-head")
        with VerticalScroll(id="papers-body"):
            yield Static(id="paper")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#papers-body").focus()

    def period(self) -> Period:
        kind = self.periods[self.kind]
        try:
            return reports.period_of(kind, self.gov.ref_day, self.range_text)
        except PeriodError:
            return reports.period_of("year", self.gov.ref_day)

    def draw_kinds(self) -> None:
        line = Text()
        for n, kind in enumerate(KINDS):
            if n:
                line.append(" │ ", style="dim")
            line.append(f"{paper_name(kind)}", style="bold reverse" if kind == self.kind else "")
        self.query_one("#papers-kinds", Static).update(line)

    THREADED = True

    def context(self) -> dict[str, Any]:
        self.draw_kinds()
        return {
            "kind": self.kind,
            "period": self.period(),
            "period_kind": self.periods[self.kind],
            "today": self.gov.ref_day,
            "issue": self.issue if self.kind == "bulletin" else None,
            "subject": self.subjects.get(self.kind),
            "width": self.body_width(),
        }

    def body_width(self) -> int:
        width = self.query_one("#papers-body").scrollable_content_region.width
        return max(width or self.app.size.width - 4, 40)  # before the first layout: the terminal's

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """Lay the report out again when the room for it changed (first layout, resize)."""
        if self.is_mounted and self.fitted is not None and self.fitted != self.body_width():
            self.fitted = None
            self.refresh_data()

    def compute(self, st: State, ctx: dict[str, Any]) -> dict[str, Any]:
        issue = next((b for b in st.bulletins if b.id == ctx["issue"]), None) if ctx["issue"] else None
        subject = ctx["subject"]
        if subject is None and ctx["kind"] in reports.SUBJECT_OF:  # the likeliest until one is chosen
            choices = reports.subjects(st, ctx["kind"], ctx["period"])
            subject = choices[0][0] if choices else None
        try:
            report = reports.build_paper(
                st, ctx["kind"], ctx["period"], today=ctx["today"], issue=issue, subject=subject
            )
        except reports.SubjectError as exc:  # nothing to be about yet (no commission, no follow-up)
            return {**ctx, "report": None, "view": Text(str(exc)), "need": 0}
        view, need = report_view(report, ctx["width"])
        return {**ctx, "report": report, "view": view, "need": need, "shown_subject": subject}

    def show(self, d: dict[str, Any]) -> None:
        if d["kind"] != self.kind:  # switched meanwhile: the newer request draws
            return
        self.report, self.shown_period = d["report"], d["period"]
        self.shown_subject = d.get("shown_subject")
        period: Period = d["period"]
        if d["report"] is None:
            head = paper_name(d["kind"])
        elif d["report"].kind == "bulletin":
            head = t("papers.issue", label=d["report"].title)
        elif d["kind"] in ("commission-notice", "follow-up-notice"):  # about one thing, not a period
            head = t("papers.about", name=paper_name(d["kind"]), what=d["report"].period or "", key="o")
        else:
            head = "  ".join(
                [
                    t("rank.period", label=period.label, start=period.start, end=period.end),
                    "[" + t("period." + d["period_kind"]) + "]",
                    t("papers.judged", day=d["today"].isoformat()),
                ]
            )
        self.query_one("#papers-head", Static).update(Text(safe(head)))
        paper = self.query_one("#paper", Static)
        paper.styles.min_width = d["need"] if d["need"] > d["width"] else None
        paper.update(d["view"])
        self.fitted = d["width"]
        self.call_after_refresh(self._refit)

    def action_kind(self, step: int) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + step) % len(KINDS)]
        self.issue = None
        self.draw_kinds()
        self.refresh_data()

    def action_period(self) -> None:
        if self.kind == "bulletin" and self.issue is not None:  # from one issue back to the register
            self.issue = None
            self.refresh_data()
            return
        current = self.periods[self.kind]
        self.periods[self.kind] = PERIOD_KINDS[(PERIOD_KINDS.index(current) + 1) % 3 if current != "range" else 0]
        self.issue = None
        self.refresh_data()

    def action_range(self) -> None:
        default = self.range_text or self.period().label

        def done(result: str | None) -> None:
            if result:
                self.range_text = result
                self.periods[self.kind] = "range"
                self.issue = None
                self.refresh_data()

        form = period_range_form(t("papers.range.title"), "filter.period", default, self.gov.ref_day.year)
        self.app.push_screen(form, done)

    def action_issue(self) -> None:
        """Show one issue of the bulletin (as printed) instead of the period's register."""
        st = self.gov.st
        if st is None:
            return
        issues = sorted(st.bulletins, key=lambda b: (b.at, b.id), reverse=True)
        if not issues:
            self.app.notify(t("papers.no_issues"), markup=False, timeout=3)
            return
        choices = [(f"{B.label(b)} · {b.at:%Y-%m-%d} · {b.channel}", b.id) for b in issues]
        fields = [
            Field("issue", "papers.issue.field", "select", choices, required=True, default=self.issue or issues[0].id)
        ]

        def done(result: dict | None) -> None:
            if result:
                self.kind, self.issue = "bulletin", result["issue"]
                self.refresh_data()

        self.app.push_screen(FormScreen(t("papers.issue.title"), fields, lambda v: v, action="form.act.view"), done)

    def action_export(self) -> None:
        report, period = self.report, self.shown_period
        if report is None or period is None:
            return
        self.app.push_screen(export_form(report, self.kind, period), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.app.notify(t("papers.written", path=str(path)), markup=False, timeout=8)

    def action_subject(self) -> None:
        """Choose the commission, follow-up or unit the paper on screen is about."""
        st = self.gov.st
        if st is None or self.kind not in reports.SUBJECT_OF:
            self.app.notify(t("papers.no_subject"), markup=False, timeout=3)
            return
        choices = reports.subjects(st, self.kind, self.period())
        if not choices:
            self.app.notify(t("papers.no_subjects"), markup=False, timeout=3)
            return
        kind = self.kind
        fields = [
            Field(
                "subject",
                f"papers.subject.{reports.SUBJECT_OF[kind]}",
                "select",
                [(text, code) for code, text in choices],
                required=True,
                default=self.subjects.get(kind) or choices[0][0],
            )
        ]

        def done(result: dict | None) -> None:
            if result:
                self.subjects[kind] = result["subject"]
                self.refresh_data()

        title = t("papers.subject.title", name=paper_name(kind))
        self.app.push_screen(FormScreen(title, fields, lambda v: v, action="form.act.view"), done)

    def action_compose(self) -> None:
        self.gov.action_compose_bulletin()

    def action_settings(self) -> None:
        """The shown paper's own fields (文号, 成文日期, 版记 …) and the office's words for it
        (存在问题, 下一步工作要求), recorded as settings of this one paper."""
        st, report, period = self.gov.full, self.report, self.shown_period
        if st is None or report is None or period is None:
            return
        issue = next((b for b in st.bulletins if b.id == self.issue), None) if self.issue else None
        key = reports.paper_key(self.kind, period, issue, self.shown_subject)
        self.gov.open_form(paper_settings_form(self.gov, self.kind, key, office.settings(st, self.kind, key)))

    def action_meeting(self) -> None:
        """Record a consultation meeting; its record and topics are papers of this screen."""
        if self.gov.full is not None:
            self.gov.open_form(meeting_form(self.gov))

    def action_commission(self) -> None:
        """Commission an item; its 约稿通知 is a paper of this screen (`o` picks which)."""
        if self.gov.full is not None:
            self.gov.open_form(commission_form(self.gov))

    def select(self, kind: str) -> None:
        """Show the paper `kind` (from the command palette)."""
        if kind in KINDS and kind != self.kind:
            self.kind, self.issue = kind, None
            if self.is_mounted:
                self.draw_kinds()
                self.refresh_data()


# the fields of one paper the screen lets a user set: (form field, setting, label key, kind)
PAPER_FIELDS = (
    ("number", "number", "f.doc_number", "text"),
    ("doc_date", "date", "f.doc_date", "text"),
    ("addressee", "addressee", "f.doc_addressee", "text"),
    ("cc", "cc", "f.doc_cc", "text"),
    ("printed", "printed", "f.doc_printed", "text"),
    ("contact", "contact", "f.doc_contact", "text"),
    ("phone", "phone", "f.doc_phone", "text"),
    ("marking", "marking", "f.doc_marking", "text"),
    ("problems", "problems", "f.doc_problems", "textarea"),
    ("requirements", "requirements", "f.doc_requirements", "textarea"),
)


def paper_settings_form(session: Session, kind: str, key: str, current: E.DocumentSettings) -> RequestForm[SetOffice]:
    """One paper's settings, starting from what applies now; only what is changed is recorded
    (an emptied field clears it for this paper). The form's own date is when it is recorded."""

    def shown(setting: str) -> str:
        value = getattr(current, setting)
        return value.isoformat() if isinstance(value, dt.date) else (value or "")

    fields = [Field(name, label, kind_, default=shown(setting)) for name, setting, label, kind_ in PAPER_FIELDS]
    fields.append(Field("date", "f.date", "date", required=True))

    def request(v: Values) -> SetOffice:
        changed: dict[str, Any] = {}
        for name, setting, _, _ in PAPER_FIELDS:
            text = (v[name] or "").strip()
            if text == shown(setting):
                continue
            if setting in ("date", "printed") and text:
                try:
                    changed[setting] = parse_date(text)
                except PeriodError as exc:
                    raise FormError.from_error(exc, field=name) from None
            else:
                changed[setting] = text
        return SetOffice(E.DocumentSettings(**changed), paper=kind, period=key)

    title = t("papers.settings.title", paper=paper_name(kind), key=key)
    return RequestForm(session, title, fields, request)


def export_form(report: Report, kind: str, period: Period) -> FormScreen:
    """Format, file name (in the working folder by default) and whether to overwrite."""
    fields = [
        Field("format", "papers.format", "select", [(f, f) for f in EXPORT_FORMATS], required=True, default="xlsx"),
        Field(
            "path",
            "papers.path",
            required=True,
            default=f"./{file_stem(report, kind, period)}.xlsx",
            follows="format",
            value_for=with_format,
        ),
        Field("overwrite", "papers.overwrite", "bool"),
    ]

    def save(v: dict) -> Path:
        fmt, text = v["format"], v["path"]
        target = Path(text).expanduser()
        target = (Path.cwd() / target).resolve() if not target.is_absolute() else target
        if target.exists() and not target.is_dir() and not v["overwrite"]:
            raise FormError("papers.exists", field="path", path=str(target))
        return export.write(report, fmt, target, force=bool(v["overwrite"])).resolve()

    note = t("papers.export.where", cwd=Path.cwd())
    return FormScreen(t("papers.export.title", name=report.title), fields, save, note=note, action="form.act.export")


def with_format(fmt: str | None, path: str) -> str:
    """The export path ending in the chosen format's extension, so the field shows the name
    of the file that will be written. A name typed with another ending is left alone."""
    stem, dot, ext = path.rpartition(".")
    if fmt and dot and ext.lower() in EXPORT_FORMATS:
        return f"{stem}.{fmt}"
    return path
