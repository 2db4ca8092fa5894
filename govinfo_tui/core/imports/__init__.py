"""Imports: the city's own figures read against the journal (issue 10's reconciliation).

`reconcile_file` reads the city's adoption list (CSV or xlsx, mapped by a rules file, see
`rules`) and matches its rows to items (`reconcile`); `to_record` turns the adoptions the
journal lacks into one `AdoptMany` request, written whole or not at all; `as_report` lays the
outcome out for the one renderer (table, JSON, CSV).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..period import OFFICE_TZ, Period
from ..recording import Adopt, AdoptMany
from ..state import State
from .reconcile import BadRow, CityRow, Reconciliation, RowMatch, read_rows, reconcile
from .report import as_report
from .rules import ImportFileError, ImportRules, load_rules, parse_rules
from .sheets import read_sheet

ADOPTION_HOUR = 9  # a day without a time reads as the morning, as `--date` does


def reconcile_file(st: State, path: Path, rules: ImportRules, *, period: Period | None = None) -> Reconciliation:
    """Read the city's list at `path` and match it against `st` (see `reconcile`)."""
    sheet = read_sheet(path, rules)
    rows, bad, skipped = read_rows(st, sheet, rules, str(path))
    recon = reconcile(st, rows, rules, source=str(path), encoding=sheet.encoding, period=period)
    recon.bad, recon.skipped = bad, skipped
    return recon


def to_record(st: State, recon: Reconciliation) -> AdoptMany:
    """The adoptions the list holds and the journal lacks, as one request: each at its row's
    day (or its item's submission, if that was later the same day), in its row's form (单条
    unless a 形式 column says), crediting every unit a row names (a combined adoption, 综合),
    scored by the rules."""
    refused = recon.bad
    if refused:
        raise ImportFileError(
            "import.record_bad_rows",
            count=len(refused),
            rows=", ".join(b.where.rpartition(":")[2] for b in refused),
            source=recon.source,
        )
    adoptions: list[tuple[Adopt, dt.datetime]] = []
    origins: list[str] = []
    for m in recon.of("new"):
        assert m.item is not None  # a "new" row has its item
        row = m.row
        when = dt.datetime.combine(row.day, dt.time(ADOPTION_HOUR), tzinfo=OFFICE_TZ)
        adopt = Adopt(
            item=m.item, channel=row.channel, issue=row.issue, form=row.form, units=row.credited, untimed=True
        )
        adoptions.append((adopt, when))
        origins.append(row.where)
    return AdoptMany(adoptions=tuple(adoptions), origins=tuple(origins))


__all__ = [
    "BadRow",
    "CityRow",
    "ImportFileError",
    "ImportRules",
    "Reconciliation",
    "RowMatch",
    "as_report",
    "load_rules",
    "parse_rules",
    "reconcile_file",
    "to_record",
]
