"""Commands that read: `check`, `report` (queries and papers) and `replay`."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..core import checks, export, journal, queries, reports
from ..core.bulletins import find_issue
from ..core.period import Period, parse_date, parse_period
from ..core.schemes import INTERNAL, UPWARD
from ..core.state import State
from ..core.text import visible
from ..core.workspace import day_in_view
from ..i18n import get_lang, t
from .common import CliError, journal_root, load_state
from .documents import document_settings
from .output import emit, save, show


def cmd_check(args: argparse.Namespace) -> int:
    st, loaded = load_state(args, settled=True)
    root = journal_root(args)
    where = journal.Locator(lambda: journal.read_sources(root) if not getattr(args, "rev", None) else {})
    n = 0
    for p in loaded.problems:  # a problem quotes its line on a line of its own
        print(visible(p, lines=True))
        n += 1
    for f in checks.check(st):
        also = "".join(f" [{other}: {_where(where, other)}]" for other in f.others)
        print(visible(f"{_where(where, f.event_id)}: {f.message}{also}"))  # one line, whatever a title holds
        n += 1
    notes = checks.notes(st)
    for f in notes:
        print(visible(f"{_where(where, f.event_id)}: {f.message}"))
    if notes:
        print(t("cli.check_notes", n=len(notes), s="s" if len(notes) != 1 else ""))
    print(t("cli.check_summary", events=st.count, items=len(st.items), n=n, s="s" if n != 1 else ""))
    return 1 if n else 0


def _where(where: journal.Locator, event_id: str) -> str:
    found = where(event_id)
    return f"{found[0][0]}:{found[0][1]}" if found else t("cli.where_event", id=event_id)


REPORTS = (
    "summary",
    "ranking",
    "quota",
    "targets",
    "timeline",
    "commissions",
    "changes",
    "city-ranking",
    "problems",
    "notice",
    "appraisal",
    "bulletin",
    "remuneration",
    "urgent",
    "meeting",
    "topics",
    "target-notice",
    "commission-notice",
    "follow-up-notice",
    "adoption-slip",
    "commendation",
)
# the office's papers: built by `govinfo_tui.reports`, written by `govinfo_tui.export`
PAPER_REPORTS = frozenset(
    {"notice", "appraisal", "bulletin", "remuneration", "urgent", "commissions", "meeting", "topics"}
) | {
    "target-notice",
    "commission-notice",
    "follow-up-notice",
    "adoption-slip",
    "commendation",
}


def cmd_report(args: argparse.Namespace) -> int:
    as_of = parse_date(args.as_of) if args.as_of else None
    st, loaded = load_state(args, as_of=as_of)
    kind = args.report
    if getattr(args, "year", None) is not None and not args.period:  # --year 2011 is --period 2011
        args.period = f"{args.year:04d}"
    if args.period:  # `上半年`, `6月` ...: of the year the reader is looking at
        period = parse_period(args.period, year=(as_of or day_in_view(st, dt.date.today())).year)
    else:
        period = reports.default_period(kind, st, as_of)
    if kind in PAPER_REPORTS:
        return _output(args, _paper(args, st, period, as_of))
    columns: list[str] | None = None
    rows: Any  # typed rows (core/rows.py) or plain dicts, all printed the same way
    scheme = args.scheme
    if kind == "summary":
        rows = queries.summary(st, period, scheme or UPWARD)
    elif kind == "ranking":
        rows = queries.ranking(
            st, period, by=args.by_what, kind=args.kind, scheme=scheme or INTERNAL, include_own=args.include_own
        )
        columns = [
            "rank",
            "code",
            "name",
            "submitted",
            "adopted",
            "province",
            "city",
            "county",
            "points",
            "target",
            "completion",
            "scheme",
        ]
    elif kind == "quota":
        rows = queries.quota(st, period, scheme or INTERNAL)
        if args.format != "json":
            rows = [
                {
                    "code": r["code"],
                    "name": r["name"],
                    "unit": r["unit"],
                    "role": r["role"],
                    **{m: f"{c['count']}{'!' if c['below'] else ''}" for m, c in r["months"].items()},
                    "below": r["months_below"],
                    "scheme": r["scheme"],
                }
                for r in rows
            ]
    elif kind == "targets":
        upto = min(period.end, as_of) if as_of else period.end
        rows = queries.targets(st, period.end.year, upto=upto, scheme=scheme)
    elif kind == "timeline":
        if not args.item:
            raise CliError("cli.timeline_needs_item")
        try:
            rows = queries.timeline(st, args.item, get_lang())
        except KeyError:
            from ..core.recording import RecordError

            raise RecordError("record.unknown_item", item=args.item) from None
    elif kind == "changes":
        rows = queries.changes(st, period, get_lang())
    elif kind == "city-ranking":
        rows = [
            {"year": r.year, "unit": r.unit, "place": r.place, "of": r.of, "source": r.source}
            for r in sorted(st.rankings, key=lambda r: (r.year, r.place))
        ]
    else:  # problems
        rows = [{"where": f"{p.path}:{p.line}", "reason": p.reason, "text": p.text} for p in loaded.problems]
    if getattr(args, "output", None) or args.format not in ("table", "json", "csv"):
        return _output(args, export.from_rows(kind, rows, columns), dialect="scripts")
    emit(rows, args.format, columns)
    return 0


def _paper(args: argparse.Namespace, st: State, period: Period, as_of: dt.date | None) -> reports.Report:
    """One of the office's papers; statuses are judged on the period's end, or --as-of if earlier."""
    channel = getattr(args, "channel", None)
    spec = getattr(args, "issue", None) if args.report == "bulletin" else None
    issue = find_issue(st, spec, channel) if spec else None  # an IssueError says which to give
    kinds = [args.kind] if args.kind else None
    subject = {"commission": args.commission, "follow-up": args.follow_up, "unit": args.unit}.get(
        reports.SUBJECT_OF.get(args.report, "")
    )
    return reports.build_paper(
        st,
        args.report,
        period,
        today=as_of or (st.known_at.date() if st.known_at else dt.date.today()),
        issue=issue,
        channel=channel,
        kinds=kinds,
        scheme=args.scheme or INTERNAL,
        overrides=document_settings(args),
        include_own=args.include_own,
        subject=subject,
    )


def _output(args: argparse.Namespace, report: reports.Report, dialect: export.Dialect = "people") -> int:
    """Write the report to -o FILE (refusing to overwrite without --force) or to stdout; a
    query's rows come as scripts read them, a paper as people do (see `export.csv_dialects`)."""
    fmt, target, table = args.format, getattr(args, "output", None), getattr(args, "table", None)
    if target:
        path = save(report, fmt, target, force=getattr(args, "force", False), table=table, dialect=dialect)
        print(t("cli.wrote", path=path))
        return 0
    if fmt in export.FILE_ONLY:
        raise export.ExportError("export.file_only", fmt=fmt)
    show(report, fmt, table=table, dialect=dialect)  # an ExportError is a GovinfoError: `main` words it
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    as_of = parse_date(args.as_of) if args.as_of else None
    st, loaded = load_state(args, as_of=as_of)
    day = as_of or (st.last_at.date() if st.last_at else dt.date.today())
    summary: dict[str, Any] = {**queries.summary(st, Period(dt.date(day.year, 1, 1), day, f"{day.year:04d}..{day}"))}
    summary["events"] = st.count
    summary["problems"] = len(loaded.problems)
    emit(summary, args.format)
    return 0
