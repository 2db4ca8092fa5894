"""Commands that record events: each turns its arguments into a request, records it and prints what it wrote."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .. import i18n
from ..core import events as E
from ..core import journal, office, queries, recording, repair
from ..core.period import parse_period
from ..core.recording import RecordError
from ..core.workspace import day_in_view
from ..i18n import label, t
from .common import CliError, journal_root, load_state, name_list, parse_day, parse_when, recorder, untimed
from .documents import document_settings
from .output import emit

if TYPE_CHECKING:
    from ..core.recording import Request


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    journal.init(root, seed=journal.demo_journal() if args.demo else None)
    print(t("cli.created_demo" if args.demo else "cli.created", root=root))
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    root = journal_root(args)
    if journal.is_demo(root):
        raise journal.JournalError("repair.demo", root=root)
    done = repair.repair(root)
    if done.copy is None:
        print(i18n.t("repair.nothing"))
        return 0
    for removal in done.removals:
        what = [i18n.t("repair.what.batch", batch=batch) for batch in removal.batches]
        if removal.cut_off:
            what.append(i18n.t("repair.what.cut_off", count=removal.cut_off))
        if removal.torn:
            what.append(i18n.t("repair.what.torn"))
        lines = _spans(removal.lines)
        file = removal.path.relative_to(root)
        print(i18n.t("repair.removed", file=file, lines=lines, what="; ".join(what)))
    print(i18n.t("repair.kept", folder=done.copy))
    return 0


def _spans(numbers: list[int]) -> str:
    """[4, 5, 6, 9] -> "4-6, 9": a 10,000-line import reads as one span."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans)


def _write(args: argparse.Namespace, request: Request, at: dt.datetime) -> int:
    """Record, then say what was written: one line per event, its kind and id first."""
    root, any_date = journal_root(args), getattr(args, "any_date", False)
    written = recording.record(root, request, at=at, by=recorder(args), any_date=any_date)
    for ev in written:
        kind = E.event_type(ev)
        line = t("cli.recorded", type=kind, verb=label("verb", kind), id=ev.id)
        if isinstance(ev, E.ItemSubmitted):
            line += t("cli.recorded.item", item=ev.item)
        if isinstance(ev, E.Scored):
            line += f" {ev.points:+g} ({label('rule', ev.rule)})"
        print(line)
    return 0


def _tuple(values: list[str] | None) -> tuple[str, ...]:
    """A repeated option: absent is none."""
    return tuple(values or ())


def cmd_register(args: argparse.Namespace) -> int:
    from ..core.recording import RegisterChannel, RegisterPerson, RegisterRules, RegisterUnit, SetTarget

    at = parse_when(args.date)
    request: Request
    if args.what == "rules":
        data = Path(args.file).read_bytes() if args.file != "-" else sys.stdin.buffer.read()
        request = RegisterRules(body=data)
    elif args.what == "unit":
        request = RegisterUnit(
            code=args.code, name=args.name, kind=args.kind, parent=args.parent, active=not args.inactive
        )
    elif args.what == "person":
        request = RegisterPerson(
            code=args.code,
            name=args.name,
            unit=args.unit,
            role=args.role,
            login=args.login,
            active=not args.inactive,
        )
    elif args.what == "channel":
        request = RegisterChannel(code=args.code, name=args.name, level=args.level, publisher=args.publisher or "")
    else:
        request = SetTarget(
            year=args.year,
            points=args.points,
            adoptions=args.adoptions,
            unit=args.unit,
            person=args.person,
            issued_by=args.issued_by or "",
            scheme=args.scheme,
        )
    return _write(args, request, at)


def cmd_submit(args: argparse.Namespace) -> int:
    from ..core.recording import Submit

    at = parse_when(args.date)
    occurred = parse_when(args.occurred_at) if args.occurred_at else None
    lead, *joint = args.unit
    request = Submit(
        title=args.title,
        unit=lead,
        joint=tuple(joint),
        authors=_tuple(args.author),
        category=args.category or "",
        channels=_tuple(args.channel),
        urgent=args.urgent or bool(occurred),
        occurred_at=occurred,
        report_kind=args.report_kind,
        commission=args.commission,
        text=args.text or "",
        item=recording.new_item_id(at),  # chosen here, so validation reads only the lines naming it
    )
    return _write(args, request, at)


def cmd_adopt(args: argparse.Namespace) -> int:
    from ..core.recording import Adopt

    request = Adopt(
        item=args.item,
        channel=args.channel,
        issue=args.issue or "",
        form=args.form,
        units=_tuple(args.unit),
        points=args.points,
        reason=args.reason or "",
        scheme=args.scheme,
        untimed=untimed(args.date),
    )
    return _write(args, request, parse_when(args.date))


def cmd_assert(args: argparse.Namespace) -> int:
    """The city's total (or a figure of the county's own scoring) as a balance assertion."""
    from ..core.recording import AssertScore

    request = AssertScore(
        unit=args.unit, period=args.period, points=args.points, source=args.source or "", scheme=args.scheme
    )
    return _write(args, request, parse_when(args.date))


def cmd_comment(args: argparse.Namespace) -> int:
    from ..core.recording import Comment

    request = Comment(
        item=args.item,
        leader=args.leader,
        level=args.level,
        stance=args.stance,
        principal=args.principal,
        text=args.text or "",
        untimed=untimed(args.date),
    )
    return _write(args, request, parse_when(args.date))


def cmd_score(args: argparse.Namespace) -> int:
    from ..core.recording import ManualScore

    request = ManualScore(
        points=args.points,
        reason=args.reason,
        unit=args.unit,
        item=args.item,
        person=args.person,
        replaces=args.replaces,
        rule=args.rule or "manual",
        scheme=args.scheme,
    )
    return _write(args, request, parse_when(args.date))


def cmd_amend(args: argparse.Namespace) -> int:
    from ..core.recording import Amend

    lead, *joint = args.unit or [None]
    request = Amend(
        item=args.item,
        reason=args.reason or "",
        title=args.title,
        unit=lead,
        joint=tuple(joint) if args.unit else None,
        authors=tuple(args.author) if args.author is not None else None,
        category=args.category,
    )
    return _write(args, request, parse_when(args.date))


def cmd_rescore(args: argparse.Namespace) -> int:
    """List the scores that disagree with the rules in force or with their items; with
    `--record`, replace them all in one write."""
    from ..core.recording import Rescore

    st, _ = load_state(args)
    period = parse_period(args.period, year=day_in_view(st, dt.date.today()).year) if args.period else None
    if args.record:
        return _write(args, Rescore(period=period, scheme=args.scheme, reason=args.reason or ""), parse_when(args.date))
    found = recording.disagreements(st, period, args.scheme)
    lang = i18n.get_lang()
    rows = [
        {
            "item": r.source.item,
            "what": label("verb", E.event_type(r.source)),
            "day": r.source.at.date().isoformat(),
            "scheme": r.scheme,
            "rule": label("rule", r.rule, lang=lang),
            "was": r.was,
            "points": r.points,
            "shares": ", ".join(f"{c.unit}{'/' + c.person if c.person else ''} {c.points:g}" for c in r.credits),
            "score": r.score.id if r.score is not None else "",
        }
        for r in found
    ]
    if args.format != "table":
        emit(rows, args.format)
        return 0
    if rows:
        emit(rows, "table")
    print(t("cli.rescore.found", n=len(rows)) if rows else t("cli.rescore.none"))
    return 0


def cmd_item_verb(args: argparse.Namespace) -> int:
    from ..core.recording import Forward, Return, Withdraw

    request: Request
    if args.command == "forward":
        request = Forward(item=args.item, channels=_tuple(args.channel), note=args.note or "")
    elif args.command == "return":
        request = Return(item=args.item, reason=args.reason)
    else:
        request = Withdraw(item=args.item, reason=args.reason)
    return _write(args, request, parse_when(args.date))


def cmd_void(args: argparse.Namespace) -> int:
    """Void, then say what went: the target, and a line for each event it took along."""
    from ..core.recording import Void

    before, _ = load_state(args)  # to describe the events voided (the write reads its own)
    request = Void(target=args.event, reason=args.reason)
    written = recording.record(journal_root(args), request, at=parse_when(args.date), by=recorder(args))
    for ev in written:
        if not isinstance(ev, E.EventVoided):
            continue
        target = before.events.get(ev.target)
        what = ev.target
        if target is not None:
            what = f"{E.event_type(target)} {ev.target}: {queries.describe(before, target, i18n.get_lang())}"
        print(t("cli.voided" if ev.target == args.event else "cli.voided.along", id=ev.id, what=what))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Undo a void, then say what counts again, a line for each event that comes back."""
    from ..core.recording import Restore

    before, _ = load_state(args)
    back = recording.restore_brings(before, args.void)
    written = recording.record(
        journal_root(args), Restore(void=args.void, reason=args.reason), at=parse_when(args.date), by=recorder(args)
    )
    for ev in written:
        print(t("cli.restored.void", id=ev.id, target=getattr(ev, "target", "")))
    lang = i18n.get_lang()
    for ev in back:
        print(t("cli.restored.event", type=E.event_type(ev), id=ev.id, what=queries.describe(before, ev, lang)))
    return 0


def cmd_append(args: argparse.Namespace) -> int:
    stdin = args.file in (None, "-")
    data = sys.stdin.buffer.read() if stdin else Path(args.file).read_bytes()
    request = recording.parse_event_lines(data, by=recorder(args), source="<stdin>" if stdin else args.file)
    return _write(args, request, recording.now())


def cmd_topic(args: argparse.Namespace) -> int:
    from ..core.recording import PlanTopic

    request = PlanTopic(title=args.title, note=args.note or "", topic=args.id)
    return _write(args, request, parse_when(args.date))


def cmd_meeting(args: argparse.Namespace) -> int:
    """A consultation meeting: `--attendee 张三 --attendee 李四` or `--attendee 张三、李四`."""
    from ..core.recording import HoldMeeting

    names = [name for given in args.attendee for name in given.replace(",", "、").replace("，", "、").split("、")]
    request = HoldMeeting(
        attendees=tuple(names),
        topics=tuple(args.topic or ()),
        chair=args.chair or "",
        briefing=args.briefing or "",
        meeting=args.id,
    )
    return _write(args, request, parse_when(args.date))


def cmd_commission(args: argparse.Namespace) -> int:
    from ..core.recording import CommissionItem

    at = parse_when(args.date)
    deadline = parse_day(args.deadline, "cli.deadline_not_understood")
    assert deadline is not None  # required by the parser
    request = CommissionItem(
        deadline=deadline,
        title=args.title or "",
        unit=args.unit,
        person=args.person,
        topic=args.topic,
        commission=args.id,
        requirements=args.requirements or "",
    )
    return _write(args, request, at)


def cmd_fulfil(args: argparse.Namespace) -> int:
    from ..core.recording import Fulfil

    at = parse_when(args.date)
    request = Fulfil(commission=args.commission, item=args.item, dated=at if args.date else None)
    return _write(args, request, at)


def cmd_follow_up(args: argparse.Namespace) -> int:
    from ..core.recording import FollowUp

    request = FollowUp(note=args.note, commission=args.commission, item=args.item)
    return _write(args, request, parse_when(args.date))


def cmd_penalize(args: argparse.Namespace) -> int:
    from ..core.recording import PenalizeCommission, PenalizeQuota, PenalizeUrgent

    at, reason = parse_when(args.date), args.reason or ""
    request: Request
    if args.what == "quota":
        if not args.month:
            raise CliError("cli.penalize_needs_month")
        request = PenalizeQuota(person=args.id, month=args.month, reason=reason, dated=at if args.date else None)
    elif args.what == "commission":
        request = PenalizeCommission(commission=args.id, reason=reason)
    else:
        request = PenalizeUrgent(item=args.id, reason=reason)
    return _write(args, request, at)


def cmd_reward(args: argparse.Namespace) -> int:
    from ..core.recording import RewardQuota

    return _write(args, RewardQuota(month=args.month), parse_when(None))


def cmd_bulletin(args: argparse.Namespace) -> int:
    from ..core import bulletins as B
    from ..core.recording import PublishBulletin

    if args.action == "next":
        st, _ = load_state(args)
        channel = args.channel or B.default_channel(st)
        if channel is None:
            raise RecordError("record.issue_which")
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
    request = PublishBulletin(
        items=tuple(args.items),
        channel=args.channel,
        year=args.year,
        number=args.number,
        total_number=args.total_number,
        supplement=args.supplement,
        title=args.title or "",
        editor=args.editor,
        recipients_up=name_list(args.up),
        recipients_same=name_list(args.same),
        recipients_down=name_list(args.down),
        print_run=args.print_run,
    )
    return _write(args, request, parse_when(args.date))


def cmd_office(args: argparse.Namespace) -> int:
    """`office set`: record the settings given; `office show`: what applies, field by field."""
    from ..core.recording import SetOffice

    if args.action == "set":
        request = SetOffice(document_settings(args), paper=args.paper, period=args.period)
        return _write(args, request, parse_when(args.date))
    st, _ = load_state(args)
    merged = office.settings(st, args.paper, args.period if args.paper else None)
    shown = {name: getattr(merged, name) for name in office.FIELDS if getattr(merged, name) is not None}
    if args.format == "json":
        emit(msgspec.to_builtins(shown), "json")
    else:
        emit([{"key": t(f"office.field.{k}"), "value": _shown(v)} for k, v in shown.items()], "table", ["key", "value"])
    return 0


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}={v}" for k, v in value.items())
    return str(value)
