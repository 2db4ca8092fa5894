"""`govinfo` on the command line: the same verbs as the app, for scripts and people who prefer it.

Every error is one line saying what to do, exit status 2, and nothing written.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .core import checks, export, journal, queries, recording, reports
from .core import events as E
from .core.bulletins import IssueError
from .core.journal import JournalError
from .core.period import OFFICE_TZ, Period, PeriodError, as_of_end, parse_date, parse_period
from .core.recording import RecordError
from .core.state import State, fold


class CliError(Exception):
    pass


# --- loading -------------------------------------------------------------------------


def journal_root(args: argparse.Namespace) -> Path:
    return journal.locate(args.journal)


def load_state(args: argparse.Namespace, *, as_of: dt.date | None = None) -> tuple[State, journal.Loaded]:
    root = journal_root(args)
    rev = getattr(args, "rev", None)
    if rev:
        loaded = journal.load_sources(journal.read_sources_at_rev(root, rev))
    else:
        loaded = journal.load(root)
    st = fold(loaded.events, as_of=as_of_end(as_of) if as_of else None)
    return st, loaded


def parse_when(text: str | None) -> dt.datetime:
    """`2011-06-30`, `2011-06-30T09:15`, full RFC 3339, or now; naive times are office time."""
    if not text:
        return recording.now()
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"date {text!r} not understood; use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    if len(text) == 10:
        value = value.replace(hour=9)
    if value.tzinfo is None:
        value = value.replace(tzinfo=OFFICE_TZ)
    return value


# --- output --------------------------------------------------------------------------


def emit(rows: list[dict] | dict, fmt: str, columns: Sequence[str] | None = None, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = rows if isinstance(rows, list) else [{"key": k, "value": v} for k, v in rows.items()]
    cols = list(columns or (table[0].keys() if table else []))
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for row in table:
            writer.writerow([_plain(row.get(c)) for c in cols])
        data = buf.getvalue()
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(b"\xef\xbb\xbf" + data.encode("utf-8"))  # BOM: Excel reads CJK right
            out.buffer.flush()
        else:
            out.write("\ufeff" + data)
        return
    _print_table(table, cols, out)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _print_table(table: list[dict], cols: list[str], out) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for c in cols:
        t.add_column(c, overflow="fold")
    for row in table:
        t.add_row(*(Text(_plain(row.get(c))) for c in cols))  # user text is data, never markup
    width = None if out.isatty() else 200

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1; let `main` end quietly with 0
            raise BrokenPipeError

    _Console(file=out, width=width, highlight=False, soft_wrap=False).print(t)


# --- commands ------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    journal.init(root)
    print(f"created journal {root}; put it under git with: git -C {root} init && git -C {root} add -A")
    return 0


def _write(args: argparse.Namespace, build: Callable[[State], list[E.Event]], needles: list[str] | None) -> int:
    root = journal_root(args)
    written = recording.record(root, build, needles=needles)
    for ev in written:
        line = f"{E.event_type(ev)} {ev.id}"
        if isinstance(ev, E.ItemSubmitted):
            line += f" item {ev.item}"
        if isinstance(ev, E.Scored):
            line += f" {ev.points:+g} ({ev.rule})"
        print(line)
    return 0


def _by(args: argparse.Namespace) -> str:
    return args.by or recording.current_user()


def cmd_register(args: argparse.Namespace) -> int:
    at, by = parse_when(args.date), _by(args)
    what = args.what
    if what == "rules":
        data = Path(args.file).read_bytes() if args.file != "-" else sys.stdin.buffer.read()
        return _write(args, lambda st: recording.rules_from_json(data, at=at, by=by), [])

    def build(st: State) -> list[E.Event]:
        if what == "unit":
            return recording.register_unit(
                st,
                code=args.code,
                name=args.name,
                at=at,
                by=by,
                kind=args.kind,
                parent=args.parent,
                active=not args.inactive,
            )
        if what == "person":
            return recording.register_person(
                st,
                code=args.code,
                name=args.name,
                unit=args.unit,
                at=at,
                by=by,
                role=args.role,
                login=args.login,
                active=not args.inactive,
            )
        if what == "channel":
            return recording.register_channel(
                st, code=args.code, name=args.name, level=args.level, at=at, by=by, publisher=args.publisher or ""
            )
        return recording.set_target(
            st,
            year=args.year,
            at=at,
            by=by,
            points=args.points,
            adoptions=args.adoptions,
            unit=args.unit,
            person=args.person,
            issued_by=args.issued_by or "",
        )

    return _write(args, build, [])


def cmd_submit(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    item_id = recording.new_item_id(at)
    occurred = parse_when(args.occurred_at) if args.occurred_at else None

    def build(st: State) -> list[E.Event]:
        return recording.submit(
            st,
            title=args.title,
            unit=args.unit,
            at=at,
            by=_by(args),
            authors=args.author or [],
            category=args.category or "",
            channels=args.channel or [],
            urgent=args.urgent or bool(occurred),
            occurred_at=occurred,
            report_kind=args.report_kind,
            commission=args.commission,
            text=args.text or "",
            item=item_id,
        )

    return _write(args, build, recording.needles_for(item_id, args.commission))


def cmd_adopt(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.adopt(
            st,
            item=args.item,
            channel=args.channel,
            at=at,
            by=_by(args),
            issue=args.issue or "",
            form=args.form,
            units=args.unit or [],
            points=args.points,
            reason=args.reason or "",
        ),
        recording.needles_for(args.item),
    )


def cmd_comment(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.comment(
            st,
            item=args.item,
            leader=args.leader,
            at=at,
            by=_by(args),
            level=args.level,
            stance=args.stance,
            principal=args.principal,
            text=args.text or "",
        ),
        recording.needles_for(args.item),
    )


def cmd_score(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.manual_score(
            st,
            points=args.points,
            reason=args.reason,
            at=at,
            by=_by(args),
            unit=args.unit,
            item=args.item,
            person=args.person,
            replaces=args.replaces,
            rule=args.rule or "manual",
        ),
        recording.needles_for(args.item, args.replaces),
    )


def cmd_amend(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.amend(
            st,
            item=args.item,
            at=at,
            by=_by(args),
            reason=args.reason or "",
            title=args.title,
            unit=args.unit,
            authors=args.author,
            category=args.category,
        ),
        recording.needles_for(args.item),
    )


def cmd_item_verb(args: argparse.Namespace) -> int:
    at, by = parse_when(args.date), _by(args)
    if args.command == "forward":
        build: Callable[[State], list[E.Event]] = lambda st: recording.forward(
            st, item=args.item, channels=args.channel or [], at=at, by=by, note=args.note or ""
        )
    elif args.command == "return":
        build = lambda st: recording.return_item(st, item=args.item, at=at, by=by, reason=args.reason)
    else:
        build = lambda st: recording.withdraw(st, item=args.item, at=at, by=by, reason=args.reason)
    return _write(args, build, recording.needles_for(args.item))


def cmd_void(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.void(st, target=args.event, reason=args.reason, at=at, by=_by(args)),
        recording.needles_for(args.event),
    )


def cmd_append(args: argparse.Namespace) -> int:
    data = sys.stdin.buffer.read() if args.file in (None, "-") else Path(args.file).read_bytes()
    parsed = recording.parse_event_lines(data, by=_by(args))
    return _write(args, lambda st: parsed, [])


def cmd_check(args: argparse.Namespace) -> int:
    st, loaded = load_state(args)
    root = journal_root(args)
    sources = journal.read_sources(root) if not getattr(args, "rev", None) else {}
    n = 0
    for p in loaded.problems:
        print(p)
        n += 1
    for f in checks.check(st):
        where = _where(sources, f.event_id)
        print(f"{where}: {f.message}")
        n += 1
    print(f"{st.count} events, {len(st.items)} items, {n} problem{'s' if n != 1 else ''}")
    return 1 if n else 0


def _where(sources: dict[str, bytes], event_id: str) -> str:
    found = journal.locate_id(sources, event_id)
    return f"{found[0][0]}:{found[0][1]}" if found else f"event {event_id}"


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
)
# the office's papers: built by `govinfo_tui.reports`, written by `govinfo_tui.export`
PAPER_REPORTS = frozenset({"notice", "appraisal", "bulletin", "remuneration", "urgent", "commissions"})


def cmd_report(args: argparse.Namespace) -> int:
    as_of = parse_date(args.as_of) if args.as_of else None
    st, loaded = load_state(args, as_of=as_of)
    kind = args.report
    if kind == "notice" and not args.period:
        day = as_of or (st.last_at.date() if st.last_at else dt.date.today())
        period = parse_period(f"{day.year}-{day.month:02d}")  # a notice is monthly
    else:
        period = parse_period(args.period) if args.period else _default_period(st, as_of)
    if kind in PAPER_REPORTS:
        return _output(args, _paper(args, st, period, as_of))
    columns: list[str] | None = None
    rows: list[dict] | dict
    if kind == "summary":
        rows = queries.summary(st, period)
    elif kind == "ranking":
        rows = queries.ranking(st, period, by=args.by_what, kind=args.kind)
        columns = ["rank", "code", "name", "submitted", "adopted", "province", "city", "points", "target", "completion"]
    elif kind == "quota":
        rows = queries.quota(st, period)
        if args.format != "json":
            rows = [
                {
                    "code": r["code"],
                    "name": r["name"],
                    "unit": r["unit"],
                    "role": r["role"],
                    **{m: f"{c['count']}{'!' if c['below'] else ''}" for m, c in r["months"].items()},
                    "below": r["months_below"],
                }
                for r in rows
            ]
    elif kind == "targets":
        rows = queries.targets(st, period.end.year, upto=min(period.end, as_of) if as_of else period.end)
    elif kind == "timeline":
        if not args.item:
            raise CliError("report timeline needs --item ID")
        try:
            rows = queries.timeline(st, args.item)
        except KeyError:
            raise CliError(f"no item {args.item!r}; find it with `govinfo report changes`") from None
    elif kind == "changes":
        rows = queries.changes(st, period)
    elif kind == "city-ranking":
        rows = [
            {"year": r.year, "unit": r.unit, "place": r.place, "of": r.of, "source": r.source}
            for r in sorted(st.rankings, key=lambda r: (r.year, r.place))
        ]
    else:  # problems
        rows = [{"where": f"{p.path}:{p.line}", "reason": p.reason, "text": p.text} for p in loaded.problems]
    if getattr(args, "output", None) or args.format not in ("table", "json", "csv"):
        return _output(args, export.from_rows(kind, rows, columns))
    emit(rows, args.format, columns)
    return 0


def _paper(args: argparse.Namespace, st: State, period: Period, as_of: dt.date | None) -> reports.Report:
    """One of the office's papers; statuses are judged on the period's end, or --as-of if earlier."""
    kind = args.report
    today = as_of or dt.date.today()
    channel = getattr(args, "channel", None)
    try:
        if kind == "notice":
            return reports.notice(st, period, today=today, kinds=[args.kind] if args.kind else None)
        if kind == "appraisal":
            return reports.appraisal(st, period)
        if kind == "bulletin":
            issue = getattr(args, "issue", None)
            return reports.bulletin(st, issue, channel) if issue else reports.bulletins(st, period, channel)
        if kind == "remuneration":
            return reports.remuneration(st, period)
        if kind == "urgent":
            return reports.urgent(st, period)
        return reports.commissions(st, period, today=today)
    except IssueError as exc:
        raise CliError(str(exc)) from None


def _output(args: argparse.Namespace, report: reports.Report) -> int:
    """Write the report to -o FILE (refusing to overwrite without --force) or to stdout."""
    fmt, target, table = args.format, getattr(args, "output", None), getattr(args, "table", None)
    try:
        if target:
            path = export.write(report, fmt, target, force=getattr(args, "force", False), table=table)
            print(f"wrote {path}")
            return 0
        if fmt in export.FILE_ONLY:
            raise CliError(f"--format {fmt} writes a file; give it a name with -o FILE")
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 200
        data = export.render(report, fmt, table=table, width=width)
    except export.ExportError as exc:
        raise CliError(str(exc)) from None
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def _default_period(st: State, as_of: dt.date | None) -> Period:
    day = as_of or (st.last_at.date() if st.last_at else dt.date.today())
    return parse_period(str(day.year))


def cmd_replay(args: argparse.Namespace) -> int:
    as_of = parse_date(args.as_of) if args.as_of else None
    st, loaded = load_state(args, as_of=as_of)
    day = as_of or (st.last_at.date() if st.last_at else dt.date.today())
    summary = queries.summary(st, Period(dt.date(day.year, 1, 1), day, f"{day.year}..{day}"))
    summary["events"] = st.count
    summary["problems"] = len(loaded.problems)
    emit(summary, args.format)
    return 0


def cmd_tui(args: argparse.Namespace) -> int:
    from .tui.app import run

    root = journal_root(args)
    if not root.is_dir():
        raise CliError(f"{root}: no journal folder here; create one with `govinfo init {root}`")
    return run(root, lang=args.lang, by=getattr(args, "by", None))


def cmd_serve(args: argparse.Namespace) -> int:
    """The same app in a browser via textual-serve: one app process per tab. It has no login of
    its own, so it binds to 127.0.0.1 unless told otherwise; put it behind an authenticating proxy."""
    import shlex

    from textual_serve.server import Server

    root = journal_root(args).resolve()
    argv = [sys.executable, "-m", "govinfo_tui", "--journal", str(root), "--lang", args.lang]
    if args.by:
        argv += ["--by", args.by]
    Server(" ".join(shlex.quote(a) for a in argv), host=args.host, port=args.port, title="govinfo").serve()
    return 0


# --- topics, commissions, follow-up, bulletin issues, penalties ------------------------


def _date(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} {text!r} not understood; use YYYY-MM-DD") from None


def cmd_topic(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.plan_topic(st, title=args.title, at=at, by=_by(args), note=args.note or "", topic=args.id),
        ['"topic_planned"'],
    )


def cmd_commission(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    deadline = _date(args.deadline, "deadline")
    assert deadline is not None  # required by the parser
    return _write(
        args,
        lambda st: recording.commission_item(
            st,
            deadline=deadline,
            at=at,
            by=_by(args),
            title=args.title or "",
            unit=args.unit,
            person=args.person,
            topic=args.topic,
            commission=args.id,
        ),
        ['"commissioned"', '"topic_planned"'],
    )


def cmd_fulfil(args: argparse.Namespace) -> int:
    at = parse_when(args.date) if args.date else None
    return _write(
        args,
        lambda st: recording.fulfil(st, commission=args.commission, item=args.item, by=_by(args), at=at),
        None,  # whole journal: the item that already fulfilled it may not mention the commission
    )


def cmd_follow_up(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.follow_up(
            st, note=args.note, at=at, by=_by(args), commission=args.commission, item=args.item
        ),
        None,  # whole journal: whether it was fulfilled may rest on an item not mentioning it
    )


def cmd_penalize(args: argparse.Namespace) -> int:
    at, by, reason = parse_when(args.date), _by(args), args.reason or ""
    if args.what == "quota":
        if not args.month:
            raise CliError("penalize quota needs --month YYYY-MM")
        when = parse_when(args.date) if args.date else None
        return _write(
            args,
            lambda st: recording.penalize_quota(st, person=args.id, month=args.month, by=by, at=when, reason=reason),
            None,
        )
    if args.what == "commission":
        return _write(
            args, lambda st: recording.penalize_commission(st, commission=args.id, at=at, by=by, reason=reason), None
        )
    return _write(
        args,
        lambda st: recording.penalize_urgent(st, item=args.id, at=at, by=by, reason=reason),
        recording.needles_for(args.id),
    )


def _names(values: list[str] | None) -> list[str] | None:
    """Repeated --up/--same/--down values; absent keeps the previous issue's, `--up ""` clears."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.replace("，", ",").split(",") if v.strip()]


def cmd_bulletin(args: argparse.Namespace) -> int:
    from .core import bulletins as B

    if args.action == "next":
        st, _ = load_state(args)
        channel = args.channel or B.default_channel(st)
        if channel is None:
            raise CliError("which bulletin? give --channel")
        year = args.year or (st.last_at.year if st.last_at else dt.date.today().year)
        row = {
            "channel": channel,
            "year": year,
            "supplement": args.supplement,
            "number": B.next_number(st, channel, year, args.supplement),
            "total_number": None if args.supplement else B.next_total(st, channel),
        }
        emit(row, "json")
        return 0
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.publish_bulletin(
            st,
            items=args.items,
            at=at,
            by=_by(args),
            channel=args.channel,
            year=args.year,
            number=args.number,
            total_number=args.total_number,
            supplement=args.supplement,
            title=args.title or "",
            editor=args.editor,
            recipients_up=_names(args.up),
            recipients_same=_names(args.same),
            recipients_down=_names(args.down),
            print_run=args.print_run,
        ),
        ['"bulletin_published"', *recording.needles_for(*args.items)],
    )


def _add_paperwork_commands(sub) -> None:
    s = sub.add_parser("topic", help="record a topic (选题) planned at the weekly meeting")
    s.add_argument("title")
    s.add_argument("--id", help="topic id (default: XT-YEAR-NN, the next free)")
    s.add_argument("--note")
    s.add_argument("--date")
    s.set_defaults(func=cmd_topic)

    s = sub.add_parser("commission", help="commission (约稿) an item from a unit or person by a deadline")
    s.add_argument("title", nargs="?", help="what is asked for (default: the topic's title)")
    s.add_argument("--unit")
    s.add_argument("--person", help="the officer asked (their unit is taken unless --unit)")
    s.add_argument("--deadline", required=True, help="YYYY-MM-DD")
    s.add_argument("--topic", help="the topic it serves")
    s.add_argument("--id", help="commission id (default: YG-YEAR-NN, the next free)")
    s.add_argument("--date")
    s.set_defaults(func=cmd_commission)

    s = sub.add_parser("fulfil", help="record that an item fulfils a commission")
    s.add_argument("commission")
    s.add_argument("item")
    s.add_argument("--date", help="default: when the item was submitted")
    s.set_defaults(func=cmd_fulfil)

    s = sub.add_parser("follow-up", help="record a follow-up (督办) of a commission or an item")
    s.add_argument("commission", nargs="?")
    s.add_argument("--item")
    s.add_argument("--note", required=True, help="what was done, e.g. 电话督促")
    s.add_argument("--date")
    s.set_defaults(func=cmd_follow_up)

    s = sub.add_parser(
        "penalize", help="record the rules' penalty for a missed commission, a late urgent item or a missed quota"
    )
    s.add_argument("what", choices=("commission", "urgent", "quota"))
    s.add_argument("id", help="the commission id, the urgent item's id, or the officer (quota)")
    s.add_argument("--month", help="quota: the month missed, YYYY-MM")
    s.add_argument("--reason", help="default: says what was missed and by how much")
    s.add_argument("--date", help="when the penalty counts (its period); quota: default the month's end")
    s.set_defaults(func=cmd_penalize)

    s = sub.add_parser("bulletin", help="publish an issue of the office's bulletin, or show the next number")
    bsub = s.add_subparsers(dest="action", required=True)
    b = bsub.add_parser("publish", help="compose an issue from items, in the order given")
    b.add_argument("items", nargs="+", metavar="ITEM")
    b.add_argument("--channel", help="the bulletin (default: the one last published)")
    b.add_argument("--year", type=int, help="default: the year of --date")
    b.add_argument("--number", type=int, help="default: the next number of that year")
    b.add_argument("--total-number", type=int, help="总第N期 (default: runs on from the previous issue)")
    b.add_argument("--supplement", action="store_true", help="a supplement (增刊), numbered apart")
    b.add_argument("--title", help="a title for the issue (e.g. a supplement's theme)")
    b.add_argument("--editor", help="editing office (default: the previous issue's)")
    for flag, word in (("--up", "报"), ("--same", "送"), ("--down", "发")):
        b.add_argument(flag, action="append", help=f"{word}: recipient; repeat (default: the previous issue's)")
    b.add_argument("--print-run", type=int, help="copies printed (default: the previous issue's)")
    b.add_argument("--date")
    b.set_defaults(func=cmd_bulletin)
    b = bsub.add_parser("next", help="the next issue number (JSON)")
    b.add_argument("--channel")
    b.add_argument("--year", type=int)
    b.add_argument("--supplement", action="store_true")
    b.set_defaults(func=cmd_bulletin)


# --- parser --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govinfo", description="政务信息工作记录 — government-information record keeper")
    p.add_argument("--version", action="version", version=f"govinfo {__version__}")
    p.add_argument("--journal", metavar="DIR", help="journal folder (else $GOVINFO_JOURNAL, ./journal, the demo)")
    p.add_argument("--by", metavar="WHO", help="who records (default: your login)")
    p.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("GOVINFO_LANG", "zh"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("init", help="create a new journal folder, ready for git")
    s.add_argument("dir")
    s.set_defaults(func=cmd_init)

    reg = sub.add_parser("register", help="register a unit, person, channel, rule set or target")
    rsub = reg.add_subparsers(dest="what", required=True)
    for what in ("unit", "person", "channel"):
        r = rsub.add_parser(what)
        r.add_argument("code")
        r.add_argument("name")
        r.add_argument("--date")
        if what == "unit":
            r.add_argument(
                "--kind", default="department", choices=("county", "township", "department", "office", "other")
            )
            r.add_argument("--parent")
        if what == "person":
            r.add_argument("--unit", required=True)
            r.add_argument("--role", default="part_time", choices=("full_time", "part_time"))
            r.add_argument("--login")
        if what in ("unit", "person"):
            r.add_argument("--inactive", action="store_true")
        if what == "channel":
            r.add_argument("--level", required=True, choices=E.LEVELS)
            r.add_argument("--publisher")
        r.set_defaults(func=cmd_register)
    r = rsub.add_parser("rules", help="a rule set from a JSON file (or - for stdin)")
    r.add_argument("file")
    r.add_argument("--date")
    r.set_defaults(func=cmd_register)
    r = rsub.add_parser("target")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--points", type=float, default=0.0)
    r.add_argument("--adoptions", type=int, default=0)
    r.add_argument("--unit")
    r.add_argument("--person")
    r.add_argument("--issued-by")
    r.add_argument("--date")
    r.set_defaults(func=cmd_register)

    s = sub.add_parser("submit", help="record an item submitted by a unit")
    s.add_argument("title")
    s.add_argument("--unit", required=True)
    s.add_argument("--author", action="append", help="person code; repeat for several")
    s.add_argument("--category")
    s.add_argument("--channel", action="append", help="channel it goes to; repeat for several")
    s.add_argument("--urgent", action="store_true")
    s.add_argument("--occurred-at", help="when the urgent event happened")
    s.add_argument("--report-kind", choices=("phone", "written"))
    s.add_argument("--commission")
    s.add_argument("--text")
    s.add_argument("--date")
    s.set_defaults(func=cmd_submit)

    s = sub.add_parser("adopt", help="record that a publication adopted an item (and its score)")
    s.add_argument("item")
    s.add_argument("--channel", required=True)
    s.add_argument("--issue")
    s.add_argument("--form", default="单条")
    s.add_argument("--unit", action="append", help="credited unit of a combined adoption; repeat")
    s.add_argument("--points", type=float, help="points by hand instead of the rules (needs --reason)")
    s.add_argument("--reason")
    s.add_argument("--date")
    s.set_defaults(func=cmd_adopt)

    s = sub.add_parser("comment", help="record a leader's comment on an item")
    s.add_argument("item")
    s.add_argument("--leader", required=True)
    s.add_argument("--level", default="county", choices=E.LEVELS)
    s.add_argument("--stance", default="affirmative", choices=("affirmative", "directive"))
    s.add_argument("--principal", action="store_true", help="a principal leader (主要领导)")
    s.add_argument("--text")
    s.add_argument("--date")
    s.set_defaults(func=cmd_comment)

    s = sub.add_parser("score", help="a score by hand, a penalty, or an override of a score")
    s.add_argument("--points", type=float, required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--unit")
    s.add_argument("--person")
    s.add_argument("--item")
    s.add_argument("--replaces", metavar="SCORE_ID", help="override this score (it is voided)")
    s.add_argument("--rule", help="rule name, e.g. 2011/penalty:missed_quota")
    s.add_argument("--date")
    s.set_defaults(func=cmd_score)

    s = sub.add_parser("amend", help="correct an item's fields")
    s.add_argument("item")
    s.add_argument("--title")
    s.add_argument("--unit")
    s.add_argument("--author", action="append")
    s.add_argument("--category")
    s.add_argument("--reason")
    s.add_argument("--date")
    s.set_defaults(func=cmd_amend)

    for verb, helptext in (
        ("forward", "forward an item to channels"),
        ("return", "return an item to its unit"),
        ("withdraw", "withdraw an item"),
    ):
        s = sub.add_parser(verb, help=helptext)
        s.add_argument("item")
        if verb == "forward":
            s.add_argument("--channel", action="append", required=True)
            s.add_argument("--note")
        else:
            s.add_argument("--reason", required=True)
        s.add_argument("--date")
        s.set_defaults(func=cmd_item_verb)

    s = sub.add_parser("void", help="void an event (and the scores it produced)")
    s.add_argument("event")
    s.add_argument("--reason", required=True)
    s.add_argument("--date")
    s.set_defaults(func=cmd_void)

    _add_paperwork_commands(sub)

    s = sub.add_parser("append", help="append validated raw JSONL events from a file or stdin")
    s.add_argument("file", nargs="?")
    s.set_defaults(func=cmd_append)

    s = sub.add_parser("check", help="report bad lines, unscored adoptions, wrong scores, failed assertions")
    s.add_argument("--rev", help="check the journal as it was at this git revision")
    s.set_defaults(func=cmd_check)

    for name, func, helptext in (
        ("report", cmd_report, "print a report"),
        ("replay", cmd_replay, "the year to date as of a date"),
    ):
        s = sub.add_parser(name, help=helptext)
        if name == "report":
            s.add_argument("report", choices=REPORTS)
            s.add_argument("--period", help="2011, 2011-06, 2011-Q2, 2011-H1 or 2011-01..2011-06")
            s.add_argument("--by", dest="by_what", default="unit", choices=("unit", "person"))
            s.add_argument("--kind", help="only units (or people of units) of this kind, e.g. township")
            s.add_argument("--item")
            s.add_argument("--issue", help="bulletin issue YEAR-NUMBER, e.g. 2011-24 (supplement: 2011-S2)")
            s.add_argument("--channel", help="the bulletin's channel, when there are several")
            s.add_argument("--table", help="which of the report's tables to write as CSV (default: the first)")
            s.add_argument("-o", "--output", metavar="FILE", help="write to FILE (xlsx and docx need one)")
            s.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
        s.add_argument("--as-of", help="the state as it stood at the end of this date")
        s.add_argument("--rev", help="the journal as it was at this git revision")
        formats = export.FORMATS if name == "report" else ("table", "json", "csv")
        s.add_argument("--format", default="table", choices=formats)
        s.set_defaults(func=func)

    s = sub.add_parser("serve", help="serve the app in a web browser (textual-serve; no login: localhost only)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_tui)
    try:
        return func(args)
    except BrokenPipeError:  # e.g. `govinfo report ... | head`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except (CliError, RecordError, JournalError, PeriodError, OSError) as exc:
        msg = str(exc) if not isinstance(exc, OSError) else f"{exc.filename or ''}: {exc.strerror}"
        print(f"govinfo: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush into the closed pipe is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
