"""What every command shares: where the journal is, loading it, reading dates, the one error."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..core import journal, recording
from ..core.errors import GovinfoError
from ..core.period import OFFICE_TZ
from ..core.state import State
from ..core.workspace import open_state


class CliError(GovinfoError):
    """A mistake on the command line. Its words are written where it is raised, not catalogued yet."""

    def __init__(self, message: str) -> None:
        super().__init__("cli.error", message=message)


# --- loading -------------------------------------------------------------------------


def journal_root(args: argparse.Namespace) -> Path:
    return journal.locate(args.journal)


def load_state(
    args: argparse.Namespace, *, as_of: dt.date | None = None, settled: bool = False
) -> tuple[State, journal.Loaded]:
    """The journal of `--journal` (at `--rev`, for the commands that take it), folded as of
    `as_of`; `settled`: a write in progress is waited for (see `journal.load`)."""
    return open_state(journal_root(args), as_of=as_of, rev=getattr(args, "rev", None), settled=settled)


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


def recorder(args: argparse.Namespace) -> str:
    return args.by or recording.current_user()


def parse_day(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} {text!r} not understood; use YYYY-MM-DD") from None


def name_list(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeated --up/--same/--down values; absent keeps the previous issue's, `--up ""` clears."""
    if values is None:
        return None
    return tuple(v.strip() for value in values for v in value.replace("，", ",").split(",") if v.strip())
