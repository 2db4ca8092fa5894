"""What screens and forms may ask of the app, and nothing more.

Screens and forms hold the app as a `Session`, never as `GovinfoApp`: to change a screen one
reads this page, not the app's loading, live tail and time travel. It also keeps `tui/` free of
import circles: the app imports the screens, and the screens import only this."""

from __future__ import annotations

import datetime as dt
from typing import Protocol, TypeAlias

from rich.text import Text
from textual.screen import Screen

from ..core.checks import Finding
from ..core.events import Event, Scheme
from ..core.journal import Loaded
from ..core.recording import Request
from ..core.state import State

# a form that records (dismissed with what it wrote), or the composer (which may be left with nothing)
WritingScreen: TypeAlias = Screen[list[Event]] | Screen[list[Event] | None]


class Session(Protocol):
    @property
    def by(self) -> str:
        """The login that new events are recorded as."""

    @property
    def full(self) -> State | None:
        """Everything in the journal, folded (None until loaded): what forms validate against."""

    @property
    def st(self) -> State | None:
        """What the screens show: `full`, or the state as of the day travelled to."""

    @property
    def loaded(self) -> Loaded | None:
        """The journal as read: its events in order and the lines that could not be read."""

    @property
    def pinned(self) -> dt.date | None:
        """The day travelled to, or None when showing the latest."""

    @property
    def generation(self) -> int:
        """Goes up each time `st` changes; a screen redraws when it has seen an older one."""

    @property
    def tables_built(self) -> bool:
        """Whether the latest state's items, adoptions and commissions are built: for a moment
        after a load they are not, and the dashboard first draws what needs none of them."""

    @property
    def today(self) -> dt.date: ...

    @property
    def scheme(self) -> Scheme:
        """The scheme whose points rank units and officers: the county's own (internal) unless switched."""

    def switch_scheme(self) -> Scheme:
        """Rank in the other scheme on every screen that ranks; returns the one now in use."""

    @property
    def ref_day(self) -> dt.date:
        """The day the screens speak of: the day travelled to, the last day of an old journal, or today."""

    @property
    def old_journal(self) -> bool:
        """Whether the journal ends in an earlier year (the demo), so the screens speak of its last day."""

    def banner(self) -> Text: ...

    def busy_change(self, delta: int) -> None:
        """Count a background job in (+1) or out (-1); tests and benchmarks wait for none."""

    def findings(self, st: State) -> list[Finding] | None:
        """`core.checks.check` of `st`, computed once per generation (None: `st` was replaced
        while it was checked, and nobody will draw it)."""

    def cached_findings(self, st: State) -> list[Finding] | None:
        """The findings if this generation's are already known, else None (without computing)."""

    def record(self, request: Request, *, at: dt.datetime) -> list[Event]:
        """Record `request` at `at` as `by`, checked against freshly read state under the journal's
        lock; a refusal raises a `GovinfoError` saying why, and nothing is written."""

    def open_form(self, form: WritingScreen) -> None:
        """Open a form (or the composer) that records, and show what it wrote at once; on a
        read-only journal (the demo) refuse before anything is typed, saying how to get a copy."""

    def open_item(self, item_id: str) -> None: ...

    def action_compose_bulletin(self) -> None: ...
