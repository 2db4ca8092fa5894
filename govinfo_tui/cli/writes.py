"""Commands that record events: each builds its events under the journal lock and prints what it wrote."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ..core import events as E
from ..core import journal, recording
from ..core.state import State
from .common import CliError, journal_root, load_state, name_list, parse_day, parse_when, recorder
from .output import emit


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


def cmd_register(args: argparse.Namespace) -> int:
    at, by = parse_when(args.date), recorder(args)
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
            by=recorder(args),
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
            by=recorder(args),
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
            by=recorder(args),
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
            by=recorder(args),
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
            by=recorder(args),
            reason=args.reason or "",
            title=args.title,
            unit=args.unit,
            authors=args.author,
            category=args.category,
        ),
        recording.needles_for(args.item),
    )


def cmd_item_verb(args: argparse.Namespace) -> int:
    at, by = parse_when(args.date), recorder(args)
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
        lambda st: recording.void(st, target=args.event, reason=args.reason, at=at, by=recorder(args)),
        recording.needles_for(args.event),
    )


def cmd_append(args: argparse.Namespace) -> int:
    data = sys.stdin.buffer.read() if args.file in (None, "-") else Path(args.file).read_bytes()
    parsed = recording.parse_event_lines(data, by=recorder(args))
    return _write(args, lambda st: parsed, [])


def cmd_topic(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.plan_topic(
            st, title=args.title, at=at, by=recorder(args), note=args.note or "", topic=args.id
        ),
        ['"topic_planned"'],
    )


def cmd_commission(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    deadline = parse_day(args.deadline, "deadline")
    assert deadline is not None  # required by the parser
    return _write(
        args,
        lambda st: recording.commission_item(
            st,
            deadline=deadline,
            at=at,
            by=recorder(args),
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
        lambda st: recording.fulfil(st, commission=args.commission, item=args.item, by=recorder(args), at=at),
        None,  # whole journal: the item that already fulfilled it may not mention the commission
    )


def cmd_follow_up(args: argparse.Namespace) -> int:
    at = parse_when(args.date)
    return _write(
        args,
        lambda st: recording.follow_up(
            st, note=args.note, at=at, by=recorder(args), commission=args.commission, item=args.item
        ),
        None,  # whole journal: whether it was fulfilled may rest on an item not mentioning it
    )


def cmd_penalize(args: argparse.Namespace) -> int:
    at, by, reason = parse_when(args.date), recorder(args), args.reason or ""
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


def cmd_bulletin(args: argparse.Namespace) -> int:
    from ..core import bulletins as B

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
            by=recorder(args),
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
        ),
        ['"bulletin_published"', *recording.needles_for(*args.items)],
    )
