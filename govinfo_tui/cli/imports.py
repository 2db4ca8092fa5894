"""`govinfo import adoptions FILE`: the city's list read against the journal, and with
`--record` the adoptions it lacks written in one go. The work is the core's (`core.imports`);
this reads the arguments, records and prints through the one renderer."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import imports, recording
from ..core.events import Event
from ..core.period import parse_period
from .common import journal_root, load_state, recorder
from .output import show


def cmd_import(args: argparse.Namespace) -> int:
    rules = imports.load_rules(Path(args.rules) if args.rules else None)
    period = parse_period(args.period) if args.period else None
    path = Path(args.file)
    st, _loaded = load_state(args, settled=True)
    recon = imports.reconcile_file(st, path, rules, period=period)
    written: list[Event] | None = None
    if args.record:
        request = imports.to_record(st, recon)  # refuses while a row does not read
        written = []
        if request.adoptions:
            root = journal_root(args)
            written = recording.record(root, request, at=recording.now(), by=recorder(args), any_date=args.any_date)
            st, _loaded = load_state(args, settled=True)
            recon = imports.reconcile_file(st, path, rules, period=period)
    show(imports.as_report(st, recon, written), args.format, table=args.table, dialect="scripts")
    return 1 if recon.bad else 0  # as `check`: a script must not take a partly read list for a whole one
