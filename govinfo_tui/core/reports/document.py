"""The office's fields on a paper: its settings (`core.office`) turned into what a 公文 prints
(`DocumentFields`), applied to any `Report` whatever its kind, so a new paper gets the 版头,
发文字号, 落款 and 版记 by being built through `build_paper`."""

from __future__ import annotations

from .. import events as E
from .. import office
from ..state import State
from .model import DEFAULT_FONTS, DocumentFields, Report
from .outgoing import ALL_UNITS


def paper_settings(
    st: State, kind: str, key: str | None, overrides: E.DocumentSettings | None = None
) -> E.DocumentSettings:
    """The settings for the paper `kind` of `key` (a period label, an issue): the office's,
    the kind's, the paper's own, then a command's `overrides`."""
    return office.overlay(office.settings(st, kind, key), overrides)


def apply(report: Report, s: E.DocumentSettings, narrow: E.DocumentSettings | None = None) -> Report:
    """`report` with the settings `s` applied: issuer, addressee and 成文日期 where set, and
    the printed fields of the office (`report.document`). The office-wide addressee (all in `s`
    but not in `narrow`, the settings of this kind of paper, this paper and the command) only
    stands for the units in general: it replaces ALL_UNITS, never a paper's own (庆符镇：).
    Signer lines set anywhere replace the paper's own blanks (a 发放表's 制表人：…); set to none,
    none are printed."""
    if s.issuer and report.layout == "document":  # a bulletin's line names its editor (…编)
        report.issuer = s.issuer
    if narrow is not None and narrow.addressee is not None:
        if narrow.addressee:
            report.addressee = narrow.addressee
    elif s.addressee and report.addressee == ALL_UNITS:
        report.addressee = s.addressee
    if s.date:
        report.date = s.date
    year = report.date.year if report.date else 0
    contact = "，".join(
        part
        for part in (f"联系人：{s.contact}" if s.contact else "", f"联系电话：{s.phone}" if s.phone else "")
        if part
    )
    report.document = DocumentFields(
        mark=s.mark or "",
        number=office.document_number(s.number or "", s.number_pattern or "", year),
        marking=s.marking or "",
        cc=s.cc or "",
        printer=s.printer or "",
        printed=s.printed or (report.date if s.printer else None),
        contact=f"（{contact}）" if contact else "",
        signers=list(s.signers) if s.signers is not None else report.document.signers,  # else the paper's own
        fonts={**DEFAULT_FONTS, **(s.fonts or {})},
        template=s.template or "",
    )
    return report
