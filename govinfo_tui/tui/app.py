# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The Textual app: loads and folds the journal in a worker, keeps it live, travels in time."""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from ..core import checks, journal, queries, recording
from ..core.events import Event, EventVoided, Scored
from ..core.period import as_of_end
from ..core.state import State, fold
from .commands import GovinfoCommands
from .forms.common import goto_date_form, submit_form
from .i18n import get_lang, set_lang, t, translate_bindings
from .screens import SCREENS, BulletinComposer, HelpScreen, ItemScreen, PapersScreen


def _order(ev: Event) -> tuple:
    return (ev.at, ev.id)


def _warm(st: State) -> State:
    """Build the state's lazily computed indexes here (in a worker), not on the UI thread.

    Then move everything alive to the collector's permanent generation (`gc.freeze`): with
    a million long-lived objects, a full collection would otherwise pause a keystroke for
    a tenth of a second. Objects freed by reference counting are still freed."""
    _ = st.items, st.events, st.adoptions, st.comments, st.commissions
    gc.freeze()
    return st


def add_months(day: dt.date, n: int) -> dt.date:
    import calendar

    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class GovinfoApp(App):
    """政务信息工作记录: dashboard, items, item detail, forms, rankings, quota, registry, problems."""

    CSS_PATH = "govinfo.tcss"
    MODES = {**SCREENS}
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {GovinfoCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "k.help"),
        Binding("ctrl+p", "command_palette", "k.cmd", show=False, priority=True),
        *(Binding(str(n), f"goto('{name}')", f"k.{name}", show=False) for n, name in enumerate(SCREENS, 1)),
        Binding("n", "new_item", "k.new"),
        Binding("left_square_bracket", "step_day(-1)", "k.day_back", show=False),
        Binding("right_square_bracket", "step_day(1)", "k.day_fwd", show=False),
        Binding("left_curly_bracket", "step_month(-1)", "k.month_back", show=False),
        Binding("right_curly_bracket", "step_month(1)", "k.month_fwd", show=False),
        Binding("t", "latest", "k.latest", show=False),
        Binding("g", "goto_date", "k.goto", show=False),
    ]

    def __init__(
        self,
        root: Path,
        lang: str = "zh",
        *,
        today: dt.date | None = None,
        watch: bool = True,
        by: str | None = None,
    ) -> None:
        set_lang(lang)
        super().__init__()
        translate_bindings(self)
        self.lang = lang
        self.journal_root = Path(root)
        self.fixed_today = today
        self.watch_enabled = watch
        self.by = by or recording.current_user()
        self.loaded: journal.Loaded | None = None
        self.full: State | None = None  # everything, folded incrementally
        self.st: State | None = None  # what the screens show (== full unless time travelling)
        self.pinned: dt.date | None = None
        self.generation = 0
        self.load_error: str | None = None
        self.tail: journal.Tail | None = None
        self.busy = 0
        self._watching = False
        self._findings: tuple[int, State, list] | None = None
        self._lock = threading.Lock()  # one fold of the live state at a time
        self._busy_lock = threading.Lock()

    # --- dates -----------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def old_journal(self) -> bool:
        last = self.full.last_at if self.full else None
        return self.pinned is None and last is not None and last.date().year < self.today.year

    @property
    def ref_day(self) -> dt.date:
        """The date the screens speak of: the pinned day, the last event of an old journal, or today."""
        if self.pinned is not None:
            return self.pinned
        if self.old_journal:
            assert self.full is not None and self.full.last_at is not None
            return self.full.last_at.date()
        return self.today

    def banner(self) -> Text:
        if self.load_error:
            return Text(t("load.error", error=self.load_error))
        if self.st is None or self.loaded is None:
            return Text(t("loading", root=self.journal_root))
        if self.pinned is not None:
            text = t("banner.travel", day=self.pinned.isoformat())
        elif self.old_journal:
            text = t("banner.old", day=self.ref_day.isoformat(), events=self.st.count)
        else:
            text = t("banner.latest", day=self.ref_day.isoformat(), events=self.st.count, items=len(self.st.items))
        if self.loaded.problems:
            text += t("banner.problems", n=len(self.loaded.problems))
        return Text(text)

    # --- loading ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.sub_title = self.journal_root.name
        self.load_journal()

    def load_journal(self) -> None:
        """Read and fold the whole journal in a thread; the screens show it when done."""
        self.busy_change(1)
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        try:
            with self._lock:
                loaded = journal.load(self.journal_root)
                full = fold(loaded.events)
                _warm(full)
                pinned = self.pinned
                view = _warm(fold(loaded.events, as_of=as_of_end(pinned))) if pinned else full
            self.call_from_thread(self._set_loaded, loaded, full, view)
        except (journal.JournalError, OSError) as exc:
            self.call_from_thread(self._failed, str(exc))
        finally:
            self.busy_change(-1)

    def busy_change(self, delta: int) -> None:
        """Count running background folds and queries (tests and benchmarks wait for 0)."""
        with self._busy_lock:
            self.busy += delta

    def _failed(self, message: str) -> None:
        self.load_error = message
        self.publish()

    def _set_loaded(self, loaded: journal.Loaded, full: State, view: State) -> None:
        self.loaded, self.full, self.st = loaded, full, view
        self.load_error = None
        self.tail = journal.Tail(self.journal_root, loaded.marks, loaded.held)
        self.publish()
        if self.watch_enabled and not self._watching:
            self._watching = True
            self.watch_journal()

    def publish(self) -> None:
        """Tell every screen of the current stack to redraw from `self.st`."""
        self.generation += 1
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    def cached_findings(self, st: State, generation: int) -> list[checks.Finding] | None:
        cached = self._findings
        if cached is not None and cached[0] == generation and cached[1] is st:
            return cached[2]
        return None

    def findings(self, st: State, generation: int) -> list[checks.Finding]:
        """`checks.check` of the shown state, computed once per state generation."""
        cached = self._findings
        if cached is not None and cached[0] == generation and cached[1] is st:
            return cached[2]
        found = checks.check(st)
        self._findings = (generation, st, found)
        return found

    # --- live updates ------------------------------------------------------------------

    @work(exclusive=True, group="watch")
    async def watch_journal(self) -> None:
        from watchfiles import awatch

        # inotify misses writes made on another host (NFS/CIFS): GOVINFO_POLL=1 polls instead
        polling = os.environ.get("GOVINFO_POLL", "") not in ("", "0")
        async for _changes in awatch(self.journal_root, debounce=100, step=50, force_polling=polling or None):
            self.poll_journal()

    def poll_journal(self) -> None:
        """Read what was appended since the last look; fold only that, in a thread (or reload)."""
        if self.tail is None or self.loaded is None or self.full is None:
            return
        try:
            found = self.tail.poll()
        except OSError:
            found = None
        if found is None:  # a file was replaced or removed (git pull, checkout): read it all again
            self.notify(t("notice.reloaded"), markup=False, timeout=3)
            self.load_journal()
            return
        new, problems = found
        if new or problems:
            self.busy_change(1)
            self._fold_tail(new, problems)

    @work(thread=True, group="fold")
    def _fold_tail(self, new: list[Event], problems: list[journal.Problem]) -> None:
        try:
            with self._lock:
                loaded, full = self.loaded, self.full
                assert loaded is not None and full is not None
                loaded.problems.extend(problems)
                known = full.events
                fresh: dict[str, Event] = {}
                for ev in new:
                    if ev.id not in known:
                        fresh.setdefault(ev.id, ev)
                added = sorted(fresh.values(), key=_order)
                if added:
                    events = loaded.events
                    if any(type(ev) is EventVoided for ev in added) or (
                        events and _order(added[0]) < _order(events[-1])
                    ):  # a void or a back-dated event: fold everything again, in order
                        merged = sorted([*events, *added], key=_order)
                        loaded.events = merged
                        full = fold(merged)
                    else:
                        events.extend(added)
                        full = fold(added, state=full)
                    self.full = _warm(full)
            self.call_from_thread(self._tail_folded, added)
        finally:
            self.busy_change(-1)

    def _tail_folded(self, added: list[Event]) -> None:
        if self.pinned is None:
            self.st = self.full
            self.publish()
        else:
            self.refold_view(self.pinned)
        if added:
            self._announce(added)

    def _announce(self, added: list[Event]) -> None:
        st = self.full
        assert st is not None
        shown = [ev for ev in added if not isinstance(ev, Scored)][:3]
        for ev in shown:
            what = queries.describe(st, ev, get_lang())
            self.notify(t("notice.recorded", who=ev.by, what=what), markup=False, timeout=4)

    # --- time travel -----------------------------------------------------------------

    def refold_view(self, day: dt.date | None) -> None:
        self.pinned = day
        if day is None or self.loaded is None:
            self.st = self.full
            self.publish()
            return
        for screen in self.screen_stack:  # say at once where we are going; figures follow
            if hasattr(screen, "update_banner") and screen.is_mounted:
                screen.update_banner()
        self.busy_change(1)
        self._refold(day, list(self.loaded.events))

    @work(thread=True, exclusive=True, group="view")
    def _refold(self, day: dt.date, events: list[Event]) -> None:
        try:
            st = _warm(fold(events, as_of=as_of_end(day)))
            self.call_from_thread(self._set_view, day, st)
        finally:
            self.busy_change(-1)

    def _set_view(self, day: dt.date, st: State) -> None:
        if self.pinned == day:
            self.st = st
            self.publish()

    def action_step_day(self, n: int) -> None:
        if self.st is not None:
            self.refold_view(self.ref_day + dt.timedelta(days=n))

    def action_step_month(self, n: int) -> None:
        if self.st is not None:
            self.refold_view(add_months(self.ref_day, n))

    def action_latest(self) -> None:
        if self.pinned is not None:
            self.refold_view(None)
            self.notify(t("travel.latest"), timeout=2)

    def action_goto_date(self) -> None:
        if self.st is not None:
            self.push_screen(goto_date_form(self), self._goto_done)

    def _goto_done(self, day: dt.date | None) -> None:
        if day is not None:
            self.refold_view(day)

    # --- navigation ------------------------------------------------------------------

    GLOBAL_ACTIONS = frozenset(
        {"goto", "new_item", "step_day", "step_month", "latest", "goto_date", "help", "compose_bulletin"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen switching and time travel wait until an open form or the help is closed."""
        return not (action in self.GLOBAL_ACTIONS and isinstance(self.screen, ModalScreen))

    def action_goto(self, mode: str) -> None:
        self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_item(self, item_id: str) -> None:
        self.push_screen(ItemScreen(item_id))

    def action_new_item(self) -> None:
        if self.full is not None:
            self.push_screen(submit_form(self), self.after_form)

    def open_paper(self, kind: str) -> None:
        """The papers screen showing `kind` (notice, appraisal ...)."""
        self.switch_mode("papers")

        def pick() -> None:
            screen = self.screen
            if isinstance(screen, PapersScreen):
                screen.select(kind)

        self.call_after_refresh(pick)

    def action_compose_bulletin(self) -> None:
        """Compose an issue of the office's bulletin: pick, order, preview, publish."""
        if self.full is not None and not isinstance(self.screen, BulletinComposer):
            self.push_screen(BulletinComposer(self), self.after_form)

    def after_form(self, result: object) -> None:
        """Forms return the events they wrote; read the journal's tail now rather than wait
        for the watcher, so the screen shows them at once."""
        if result:
            self.poll_journal()

    # --- writing ---------------------------------------------------------------------

    def record(self, build: Callable[[State], list[Event]], needles: list[str] | None) -> list[Event]:
        """Append through the journal's one write path; raises `RecordError` with the reason."""
        return recording.record(self.journal_root, build, needles=needles)


def run(root: Path, lang: str = "zh", by: str | None = None) -> int:
    GovinfoApp(root, lang, by=by).run()
    return 0
