"""What every command shares: where the journal is, loading it, reading dates, the one error."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..core import journal
from ..core.errors import GovinfoError
from ..core.period import OFFICE_TZ, as_of_end
from ..core.state import State
from ..core.workspace import open_state


class CliError(GovinfoError):
    """A mistake on the command line: an option missing or a value that does not read."""


# --- loading -------------------------------------------------------------------------


def journal_root(args: argparse.Namespace) -> Path:
    return journal.locate(args.journal)


# What the reading commands loaded, held to the end when the process ends with `os._exit`
# (`cli.script`): else a command's return frees a million objects one by one (half a second
# at a million events) just before the process ends anyway. None: not such a process.
kept: list[object] | None = None


def load_state(
    args: argparse.Namespace, *, as_of: dt.date | None = None, settled: bool = False
) -> tuple[State, journal.Loaded]:
    """The journal of `--journal` (at `--rev`, and as known at `--known-at`, for the commands
    that take them), folded as of `as_of`; `settled`: a write in progress is waited for (see
    `journal.load`)."""
    known_at = parse_moment(getattr(args, "known_at", None), "--known-at")
    st, loaded = open_state(
        journal_root(args), as_of=as_of, rev=getattr(args, "rev", None), known_at=known_at, settled=settled
    )
    if kept is not None:
        kept.append((st, loaded))
    return st, loaded


def parse_moment(text: str | None, what: str) -> dt.datetime | None:
    """A moment to cut at: a date means its last moment; naive times are office time."""
    if not text:
        return None
    try:
        if len(text.strip()) == 10:
            return as_of_end(dt.date.fromisoformat(text.strip()))
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{what} {text!r} not understood; use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=OFFICE_TZ)


def parse_when(text: str | None) -> dt.datetime:
    """`2011-06-30`, `2011-06-30T09:15`, full RFC 3339, or now; naive times are office time."""
    if not text:
        from ..core import recording  # writers only: readers need not import every request

        return recording.now()
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CliError("cli.date_not_understood", text=text) from None
    if len(text) == 10:
        value = value.replace(hour=9)
    if value.tzinfo is None:
        value = value.replace(tzinfo=OFFICE_TZ)
    return value


def untimed(text: str | None) -> bool:
    """Whether a `--date` gives a day without a time of day (what `parse_when` makes 09:00)."""
    return text is not None and len(text.strip()) == 10


def recorder(args: argparse.Namespace) -> str:
    from ..core import recording

    return args.by or recording.current_user()


def parse_day(text: str | None, code: str) -> dt.date | None:
    """A day given as YYYY-MM-DD; `code` words the refusal of anything else."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(code, text=text) from None


def name_list(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeated --up/--same/--down values; absent keeps the previous issue's, `--up ""` clears."""
    if values is None:
        return None
    return tuple(v.strip() for value in values for v in value.replace("，", ",").split(",") if v.strip())
