"""The outcome of an import as a `Report`: what the one renderer prints as a table, JSON or CSV.

Three lists, as the office reads them: rows already on record; rows the city adopted that are
not on record (to record, ambiguous, matching no item, repeated); adoptions on record that the
list does not hold. Then the rows that do not read, each with its FILE:ROW and what to do.
CSV gets one table of every row with its status (`--table` picks another); JSON the same data.
Every string from the file is data: the writers and the terminal show it inert.
"""

from __future__ import annotations

from typing import Any

from ... import i18n
from ..events import Event, ItemAdopted, Scored
from ..period import day_of
from ..queries import channel_name, unit_name
from ..reports.model import Column, Report, Section, Table
from ..state import State
from .reconcile import Reconciliation, RowMatch

_ROW_COLUMNS = ("title", "unit", "publication", "issue", "date")  # after "row" on screen, "where" in CSV


def _columns(*keys: str) -> list[Column]:
    kinds = {"similarity": "pct", "row": "int"}
    return [Column(k, i18n.t(f"import.col.{k}"), kinds.get(k, "text")) for k in keys]  # type: ignore[arg-type]


def _row(m: RowMatch) -> dict[str, Any]:
    r = m.row
    best = m.candidates[0] if m.candidates else None
    return {
        "status": m.status,
        "status_text": i18n.t(f"import.status.{m.status}"),
        "where": r.where,
        "row": int(r.where.rpartition(":")[2]),
        "title": r.title,
        "unit": r.unit_text,
        "publication": r.publication,
        "channel": r.channel,
        "issue": r.issue,
        "date": r.day.isoformat(),
        "item": m.item or "",
        "item_title": best.title if best else "",
        "similarity": m.similarity,
        "candidates": "；".join(f"{c.item}《{c.title}》{c.similarity:.2f}" for c in m.candidates)
        if m.status == "ambiguous"
        else "",
        "candidate_items": [c.item for c in m.candidates] if m.status == "ambiguous" else [],
        "adoption": m.adoption or "",
        "todo": _todo(m),
    }


def _todo(m: RowMatch) -> str:
    notes = list(m.notes)
    if m.status == "new":
        notes.append(i18n.t("import.todo.new"))
    elif m.status == "ambiguous":
        notes.append(i18n.t("import.todo.ambiguous", channel=m.row.channel, issue=m.row.issue))
    elif m.status == "unmatched":
        notes.append(i18n.t("import.todo.unmatched"))
    elif m.status == "duplicate":
        notes.append(i18n.t("import.todo.duplicate", first=m.first))
    return "；".join(notes)


def as_report(st: State, recon: Reconciliation, written: list[Event] | None = None) -> Report:
    """The reconciliation laid out; `written` are the events `--record` wrote, if it did."""
    rows = [_row(m) for m in recon.rows]
    matched = [r for r in rows if r["status"] == "recorded"]
    missing = [r for r in rows if r["status"] != "recorded"]
    unlisted = [_unlisted(st, a) for a in recon.unlisted]
    bad = [{"where": b.where, "problem": i18n.t(b.code, None, **b.params)} for b in recon.bad]
    counts = {
        s: sum(1 for r in rows if r["status"] == s) for s in ("recorded", "new", "ambiguous", "unmatched", "duplicate")
    }
    adopted = [ev for ev in written or [] if isinstance(ev, ItemAdopted)]
    points = round(sum(ev.points for ev in written or [] if isinstance(ev, Scored) and ev.scheme == "upward"), 2)
    period = recon.period.label if recon.period else ""
    channels = "、".join(channel_name(st, c) for c in recon.channels) or "-"
    intro = [
        i18n.t(
            "import.read",
            source=recon.source,
            encoding=recon.encoding,
            rows=len(rows) + len(bad),
            skipped=recon.skipped,
        ),
        i18n.t(
            "import.counts",
            recorded=counts["recorded"],
            new=counts["new"],
            ambiguous=counts["ambiguous"],
            unmatched=counts["unmatched"],
            duplicate=counts["duplicate"],
            bad=len(bad),
            unlisted=len(unlisted),
            period=period or "-",
            channels=channels,
        ),
    ]
    if written is not None:
        intro.append(i18n.t("import.written", adoptions=len(adopted), events=len(written), points=points))
    elif counts["new"]:
        intro.append(i18n.t("import.to_record", count=counts["new"]))
    data = {
        "source": recon.source,
        "encoding": recon.encoding,
        "period": period,
        "channels": recon.channels,
        "counts": {**counts, "bad": len(bad), "unlisted": len(unlisted), "skipped": recon.skipped},
        "rows": rows,
        "unlisted": unlisted,
        "bad": bad,
        "recorded": [ev.id for ev in adopted] if written is not None else None,
    }
    every = [*rows, *({**u, "status": "unlisted", "status_text": i18n.t("import.status.unlisted")} for u in unlisted)]
    every += [{"status": "bad", "status_text": i18n.t("import.status.bad"), **b} for b in bad]
    sections = [
        Section(
            "",
            tables=[
                Table(
                    "all",
                    i18n.t("import.table.all"),
                    _columns(
                        "status",
                        "where",
                        *_ROW_COLUMNS,
                        "item",
                        "item_title",
                        "similarity",
                        "adoption",
                        "problem",
                        "todo",
                    ),
                    every,
                    printed=False,
                )
            ],
        ),
        Section(
            i18n.t("import.section.matched", count=len(matched)),
            tables=[
                Table(
                    "matched", "", _columns("row", *_ROW_COLUMNS, "item", "similarity"), matched, i18n.t("import.none")
                )
            ],
        ),
        Section(
            i18n.t("import.section.missing", count=len(missing)),
            tables=[
                Table(
                    "missing",
                    "",
                    _columns(
                        "status_text", "row", *_ROW_COLUMNS, "item", "item_title", "similarity", "candidates", "todo"
                    ),
                    missing,
                    i18n.t("import.none"),
                )
            ],
        ),
        Section(
            i18n.t("import.section.unlisted", count=len(unlisted), period=period or "-"),
            tables=[
                Table(
                    "unlisted",
                    "",
                    _columns("item", "title", "unit", "publication", "issue", "date", "adoption"),
                    unlisted,
                    i18n.t("import.none"),
                )
            ],
        ),
    ]
    if bad:
        sections.append(
            Section(
                i18n.t("import.section.bad", count=len(bad)),
                tables=[Table("bad", "", _columns("where", "problem"), bad)],
            )
        )
    return Report(kind="import", title=i18n.t("import.title"), data=data, sections=sections, intro=intro)


def _unlisted(st: State, a: ItemAdopted) -> dict[str, Any]:
    item = st.items.get(a.item)
    return {
        "item": a.item,
        "title": item.title if item else "",
        "unit": unit_name(st, item.unit) if item else "",
        "publication": channel_name(st, a.channel),
        "channel": a.channel,
        "issue": a.issue,
        "date": day_of(a.at).isoformat(),
        "adoption": a.id,
    }
