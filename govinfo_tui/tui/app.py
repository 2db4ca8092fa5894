# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The Textual app: navigation, and the workers that load, follow and travel the live journal.

What is shown, and when it changes, is `core.workspace.LiveJournal`'s business: the app runs
its calls in thread workers, hears back through typed messages, and tells the screens.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from platformdirs import user_downloads_path
from rich.text import Text
from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from ..core import cache, checks, dashboard, journal, queries, recording
from ..core.events import Event, Scheme, Scored
from ..core.recording import Request
from ..core.schemes import INTERNAL, UPWARD
from ..core.state import State
from ..core.travel import add_months
from ..core.workspace import LiveJournal
from . import heap
from .commands import GovinfoCommands
from .forms.common import goto_date_form, submit_form
from .i18n import get_lang, set_lang, t, translate_bindings
from .screens import SCREENS, BulletinComposer, HelpScreen, ItemScreen, PapersScreen
from .session import WritingScreen
from .svg import fix_text_length
from .textual_words import Palette, system_commands
from .workers import thread_work


class JournalLoaded(Message):
    """A load of the whole journal finished; if it failed, `LiveJournal.error` says why."""


class KeptRecalled(Message):
    """The dashboard's figures kept for exactly the journal's bytes (`core.dashboard`)."""

    def __init__(self, kept: dashboard.Kept, painted: threading.Event) -> None:
        super().__init__()
        self.kept = kept
        self.painted = painted  # set once they are on screen: the load waits for it


class JournalRead(Message):
    """The journal is read and folded; its tables (items ...) are being built: the dashboard
    draws the figures that need none of them meanwhile."""


class TailFolded(Message):
    """A poll of the journal finished."""

    def __init__(self, added: list[Event] | None, changed: bool) -> None:
        super().__init__()
        self.added = added  # the new events; None: a file was replaced and all was read again
        self.changed = changed  # whether what the screens show changed


class ViewFolded(Message):
    """The figures of a day travelled to are folded (None: back to the latest)."""

    def __init__(self, day: dt.date | None) -> None:
        super().__init__()
        self.day = day


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
        Binding("h", "toggle_known", "k.known", show=False),
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
        heap.hold_threshold()  # a long-lived process that makes and frees large tables
        set_lang(lang)
        super().__init__()
        translate_bindings(self)
        self.lang = lang
        self.journal_root = Path(root)
        self.live = LiveJournal(self.journal_root, today=today)
        self.read_only = journal.is_demo(self.journal_root)  # the bundled demo: `record` refuses it
        self.watch_enabled = watch
        self.by = by or recording.current_user()
        self.busy = 0
        self.scheme: Scheme = INTERNAL  # whose points rank units and officers (the county's own)
        self._watching = False
        self._busy_lock = threading.Lock()
        self.keeping = cache.usable(self.journal_root) and not cache.disabled(os.environ)
        self.kept: dashboard.Kept | None = None  # figures kept at the last start, while the journal loads
        self.kept_confirmed = False  # the load read the very bytes they were kept for
        self._reads: tuple[int, cache.Reads] | None = None  # what the load read, until its figures are kept
        self._read_told = threading.Event()
        self._recalled = threading.Event()  # the kept figures were looked for
        self._may_read = threading.Event()  # they are drawn (or there are none): the load may begin
        self._kept_found: dashboard.Kept | None = None
        # worked out here, not in the read's thread: there it would take turns for the
        # interpreter with Textual's setup, one file of the program stat'ed per turn (0.13 s)
        self._first_request = self._kept_request(self.scheme) if self.keeping else None
        starting = ThreadPoolExecutor(1, thread_name_prefix="read-journal")
        self._early: Future[cache.Reads | None] | None = starting.submit(self._read)  # see `_read`
        starting.shutdown(wait=False)

    # --- what the screens read, all from the live journal --------------------------------

    @property
    def loaded(self) -> journal.Loaded | None:
        return self.live.loaded

    @property
    def full(self) -> State | None:
        """Everything read so far."""
        return self.live.full

    @property
    def st(self) -> State | None:
        """What the screens show (`full` unless time travelling)."""
        return self.live.shown

    @property
    def pinned(self) -> dt.date | None:
        return self.live.pinned

    @property
    def generation(self) -> int:
        return self.live.generation

    @property
    def load_error(self) -> str | None:
        return self.live.error

    @property
    def today(self) -> dt.date:
        return self.live.today

    @property
    def old_journal(self) -> bool:
        return self.live.old_journal

    @property
    def ref_day(self) -> dt.date:
        """The date the screens speak of: the pinned day, the last event of an old journal, or today."""
        return self.live.ref_day

    def switch_scheme(self) -> Scheme:
        """Rank units and officers in the other scheme, on every screen that ranks them."""
        self.scheme = UPWARD if self.scheme == INTERNAL else INTERNAL
        return self.scheme

    def banner(self) -> Text:
        if self.load_error:
            return Text(t("load.error", error=self.load_error))
        kept = self.kept_in_view()
        if kept is not None and (self.st is None or self.loaded is None):
            day = kept.figures.ref.isoformat()
            text = (
                t("banner.old", day=day, events=kept.events)
                if kept.old
                else t("banner.latest", day=day, events=kept.events, items=kept.items)
            )
            if kept.problems:
                text += t("banner.problems", n=kept.problems)
            return Text((t("banner.demo") if self.read_only else "") + text + t("banner.kept"))
        if self.st is None or self.loaded is None:
            return Text(t("loading", root=self.journal_root))
        if self.pinned is not None:
            text = t("banner.known" if self.live.known else "banner.travel", day=self.pinned.isoformat())
        elif self.old_journal:
            text = t("banner.old", day=self.ref_day.isoformat(), events=self.st.count)
        else:
            # the items are counted once built (in the load's thread): counting them here would
            # build them on the main thread, and hold up the first paint by seconds
            items = len(self.st.items) if self.tables_built or self.st is not self.full else "…"
            text = t("banner.latest", day=self.ref_day.isoformat(), events=self.st.count, items=items)
        if self.loaded.problems:
            text += t("banner.problems", n=len(self.loaded.problems))
        return Text(t("banner.demo") + text if self.read_only else text)

    def cached_findings(self, st: State) -> list[checks.Finding] | None:
        """The findings of `st` if this generation's are computed. A state is never changed
        once shown, so `st` alone says which generation a screen drew."""
        return self.live.cached_findings(st)

    def findings(self, st: State) -> list[checks.Finding] | None:
        """`checks.check` of the shown state, computed once per state generation; None if the
        state was replaced meanwhile (`LiveJournal.findings`)."""
        return self.live.findings(st)

    # --- loading ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.sub_title = self.journal_root.name
        self.load_journal()

    def load_journal(self) -> None:
        """Read and fold the whole journal in a thread; the screens show it when done."""
        self.busy_change(1)
        self._load()

    def _kept_request(self, scheme: Scheme) -> bytes:
        return dashboard.request(self.journal_root, today=self.today, pinned=None, scheme=scheme, lang=self.lang)

    @on(KeptRecalled)
    def _kept_recalled(self, message: KeptRecalled) -> None:
        if self.st is None and self.load_error is None:
            self.kept = message.kept
            self.publish()
        self.call_after_refresh(message.painted.set)

    def kept_in_view(self) -> dashboard.Kept | None:
        """The kept figures, while they are the journal's and the state cannot yet draw them
        all: before the load, and (if it read the very bytes they were kept for) until the
        items are built. None once the real figures are there, or when something else is asked
        (another scheme, a day travelled to, a failed load)."""
        kept = self.kept
        if kept is None or self.load_error is not None or self.pinned is not None or self.scheme != kept.figures.scheme:
            return None
        if self.st is None or (self.kept_confirmed and not self.tables_built and self.st is self.full):
            return kept
        return None

    def _read(self) -> cache.Reads | None:
        """Read and fold the journal (with the files' blob ids worked out beside it, to keep
        the dashboard's figures); before that, the figures kept from the last start if the
        bytes are the same (every file hashed: a fraction of the load), drawn before the load
        begins: decoding holds the interpreter, and would hold up the app's first drawing.

        Started with the app (`__init__`), before Textual has set up its screens: the reading
        is what a start waits for."""
        if self.keeping:
            request, self._first_request = self._first_request, None
            self._kept_found = dashboard.recall(self.journal_root, request or self._kept_request(self.scheme))
            self._recalled.set()
            if self._kept_found is not None:
                self._may_read.wait(3)  # until they are on screen
        self._recalled.set()
        pool = ThreadPoolExecutor(1, thread_name_prefix="blob-ids") if self.keeping else None
        reads = cache.ReadsHashedAside(self.journal_root, pool=pool) if pool else None
        collecting = gc.isenabled()
        gc.disable()  # between the decoding and the fold (each keeps the collector off itself)
        heap.hold_threshold(heap.READING)
        try:
            with journal.witnessed(reads) if reads else nullcontext():
                self.live.load()
        finally:
            heap.hold_threshold()
            # what was folded lives on: out of the collector's sight, or its first collection
            # walks millions of young objects, seconds in which nothing is drawn
            gc.freeze()
            if collecting:
                gc.enable()
            if pool is not None:
                pool.shutdown(wait=False)  # the files read are still hashed, beside the fold
        return reads

    @thread_work(exclusive=True, group="load", description="read and fold the journal")
    def _load(self) -> None:
        early, self._early = self._early, None
        if early is None:  # a load after the first
            self._kept_found = None
            self._recalled.set()
            early = ThreadPoolExecutor(1, thread_name_prefix="read-journal").submit(self._read)
        self._recalled.wait()
        kept = self._kept_found
        if kept is not None:
            painted = threading.Event()
            self.post_message(KeptRecalled(kept, painted))
            painted.wait(3)
        self._may_read.set()
        try:
            reads = early.result()
        except (journal.JournalError, OSError):  # `live.error` tells the banner why
            self.kept = None
            self.post_message(JournalLoaded())
            return
        if reads is not None:
            self._reads = (self.live.generation, reads)
            kept = self.kept
            self.kept_confirmed = kept is not None and reads.shards() == kept.shards
        self.post_message(JournalRead())
        self._let_screens_draw()
        self.live.build_tables()
        self.post_message(JournalLoaded())

    def _let_screens_draw(self, longest: float = 2.0) -> None:
        """Wait (a moment at most) until the screens have drawn the figures that need no
        tables: building the tables beside them would take turns with them for the
        interpreter and put off the first paint."""
        deadline = time.monotonic() + longest
        self._read_told.wait(longest)  # `JournalRead` reached the screens, which count themselves busy
        while self.busy > 1 and time.monotonic() < deadline:  # this load is one
            time.sleep(0.005)

    def keep_dashboard(self, figures: dashboard.Figures, generation: int) -> None:
        """Keep the dashboard of the journal just loaded for the next start (from the worker
        that computed it), if nothing has been read or shown since the load."""
        reads, st, loaded = self._reads, self.full, self.loaded
        if reads is None or reads[0] != generation or st is None or loaded is None or self.pinned is not None:
            return
        self._reads = None  # once per load
        kept = dashboard.Kept(b"", [], figures, st.count, len(st.items), len(loaded.problems), self.old_journal)
        dashboard.keep(self.journal_root, self._kept_request(figures.scheme), reads[1], kept)

    def busy_change(self, delta: int) -> None:
        """Count running background folds and queries (tests and benchmarks wait for 0)."""
        with self._busy_lock:
            self.busy += delta

    @on(JournalRead)
    def _journal_read(self) -> None:
        self.publish()
        self._read_told.set()

    @property
    def tables_built(self) -> bool:
        return self.live.tables_built

    @on(JournalLoaded)
    def _journal_loaded(self) -> None:
        self.publish()
        if self.load_error is None and self.watch_enabled and not self._watching:
            self._watching = True
            self.watch_journal()
        self.busy_change(-1)
        if self.load_error is None:
            self._prepare()

    def publish(self) -> None:
        """Tell every screen of the current stack to redraw from `self.st`."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    # --- live updates ------------------------------------------------------------------

    @work(exclusive=True, group="watch", description="watch the journal folder")
    async def watch_journal(self) -> None:
        from watchfiles import awatch

        # inotify misses writes made on another host (NFS/CIFS): GOVINFO_POLL=1 polls instead
        polling = os.environ.get("GOVINFO_POLL", "") not in ("", "0")
        async for _changes in awatch(self.journal_root, debounce=100, step=50, force_polling=polling or None):
            self.poll_journal()

    def poll_journal(self) -> None:
        """Fold what was appended since the last look, in a thread (or read it all again)."""
        if self.loaded is not None:
            self.busy_change(1)
            self._poll()

    @thread_work(group="fold", description="fold the journal's new lines")
    def _poll(self) -> None:
        before = self.live.generation
        collecting = gc.isenabled()
        # what died in a cycle since the last freeze (a worker and its task) is collected first,
        # while the unfrozen heap is small (milliseconds): the freeze below would keep it forever
        gc.collect()
        gc.disable()  # the new state's tables are a few large containers: see below
        try:
            added = self.live.poll()
        except (journal.JournalError, OSError):  # reading it all again failed: `live.error` says why
            self.post_message(JournalLoaded())
            return
        finally:
            if self.live.generation != before:
                # out of the collector's sight, as the journal loaded (`workspace.warm`): each
                # collection would otherwise walk the copied tables of half a million items,
                # a fifth of a second at a time, before the new row could be drawn
                gc.freeze()
            if collecting:
                gc.enable()
        self.post_message(TailFolded(added, self.live.generation != before))

    @on(TailFolded)
    def _tail_folded(self, message: TailFolded) -> None:
        if message.added is None:
            self.notify(t("notice.reloaded"), markup=False, timeout=3)
        if message.changed:
            self.publish()
        if message.added:
            self._announce(message.added)
        self.busy_change(-1)

    def _announce(self, added: list[Event]) -> None:
        st = self.full
        assert st is not None
        shown = [ev for ev in added if not isinstance(ev, Scored)][:3]
        for ev in shown:
            what = queries.describe(st, ev, get_lang())
            self.notify(t("notice.recorded", who=ev.by, what=what), markup=False, timeout=4)

    # --- time travel -----------------------------------------------------------------

    def refold_view(self, day: dt.date | None) -> None:
        """Travel to the end of `day` (None: back to the latest). The banner names a day at
        once; the figures follow from a worker."""
        self.live.pinned = day
        if day is not None:
            for screen in self.screen_stack:
                if hasattr(screen, "update_banner") and screen.is_mounted:
                    screen.update_banner()
        self.busy_change(1)
        self._travel(day)

    # not exclusive: a step cancelled before it ran would keep the busy count it took (the
    # live journal folds one view at a time, and shows only the pinned day's)
    @thread_work(group="view", description="fold the journal as of a day")
    def _travel(self, day: dt.date | None) -> None:
        self.live.view_as_of(day)
        self.post_message(ViewFolded(day))

    @on(ViewFolded)
    def _view_folded(self, message: ViewFolded) -> None:
        if self.pinned == message.day:
            self.publish()
        self.busy_change(-1)
        self._prepare()

    @thread_work(exclusive=True, group="prepare", description="fold ahead for the next step in time")
    def _prepare(self) -> None:
        """When the screens are drawn and checked, fold what a step back in time starts from
        (`LiveJournal.prepare`), so that the step takes a fraction of a second."""
        while self.busy:
            time.sleep(0.05)
            if get_current_worker().is_cancelled:
                return
        self.busy_change(1)
        try:
            self.live.prepare()
        finally:
            self.busy_change(-1)

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

    def action_toggle_known(self) -> None:
        """Travel on the other time axis: the record as of the day, with the corrections
        recorded since, or the journal as the office knew it that day, without them."""
        self.live.known = not self.live.known
        self.notify(t("travel.known" if self.live.known else "travel.corrected"), timeout=3)
        if self.pinned is not None:
            self.refold_view(self.pinned)

    def action_goto_date(self) -> None:
        if self.st is not None:
            self.push_screen(goto_date_form(self), self._goto_done)

    def _goto_done(self, day: dt.date | None) -> None:
        if day is not None:
            self.refold_view(day)

    # --- navigation ------------------------------------------------------------------

    GLOBAL_ACTIONS = frozenset(
        {
            "goto",
            "new_item",
            "step_day",
            "step_month",
            "latest",
            "goto_date",
            "toggle_known",
            "help",
            "compose_bulletin",
        }
    )

    NEED_STATE = frozenset(
        {"step_day", "step_month", "goto_date", "toggle_known", "new_item", "compose_bulletin", "scheme", "filters"}
    )

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[no-untyped-def]
        """A key whose action needs the journal, pressed while it is still being read, says so
        (the figures kept from the last start are only for looking at)."""
        name = action.rsplit(".", 1)[-1].split("(", 1)[0] if isinstance(action, str) else ""
        if name in self.NEED_STATE and self.full is None and self.load_error is None:
            self.notify(t("notice.loading"), markup=False, timeout=3)
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen switching and time travel wait until an open form or the help is closed."""
        return not (action in self.GLOBAL_ACTIONS and isinstance(self.screen, ModalScreen))

    async def action_goto(self, mode: str) -> None:
        """Show the screen behind a number key at its own first page: an item opened from
        there (from the palette too) is closed, so `1` always means the dashboard."""
        if mode != self.current_mode:
            await self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            await self.pop_screen()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- Textual's own words, in ours (textual_words.py) --------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("palette.themes")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from system_commands(self, screen)

    def action_help_quit(self) -> None:
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("quit.hint", key=key), title=t("quit.title"), markup=False)
                return

    def open_item(self, item_id: str) -> None:
        self.push_screen(ItemScreen(item_id))

    def action_new_item(self) -> None:
        if self.full is not None:
            self.open_form(submit_form(self))

    def open_paper(self, kind: str) -> None:
        """The papers screen showing `kind` (notice, appraisal ...)."""

        async def show() -> None:
            await self.action_goto("papers")
            screen = self.screen
            if isinstance(screen, PapersScreen):
                screen.select(kind)

        self.call_later(show)

    def action_compose_bulletin(self) -> None:
        """Compose an issue of the office's bulletin: pick, order, preview, publish."""
        if self.full is not None and not isinstance(self.screen, BulletinComposer):
            self.open_form(BulletinComposer(self))

    def open_form(self, form: WritingScreen) -> None:
        """Open a screen that records; on a read-only journal refuse at once, before anything is
        typed, and say how to get a copy that can be written to."""
        if self.read_only:
            self.notify(t("notice.demo"), severity="warning", timeout=12, markup=False)
            return
        self.push_screen(form, self.after_form)

    def after_form(self, result: object) -> None:
        """Forms return the events they wrote; read the journal's tail now rather than wait
        for the watcher, so the screen shows them at once."""
        if result:
            self.poll_journal()

    # --- screenshots (the palette's "Screenshot") ----------------------------------------

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Textual saves to ~/Downloads and fails where there is none, as on most servers:
        then save in the working folder. The SVG's Chinese keeps its width in a browser."""
        downloads = user_downloads_path()
        folder = Path(path) if path else downloads if downloads.is_dir() else Path.cwd()
        svg = fix_text_length(self.export_screenshot())
        return self.deliver_text(
            io.StringIO(svg),
            save_directory=folder,
            save_filename=filename or f"{self.title}-{dt.datetime.now().strftime(time_format or '%Y%m%d-%H%M%S')}.svg",
            open_method="browser",
            mime_type="image/svg+xml",
            name="screenshot",
        )

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # instead of Textual's English notice
            self.notify(t("screenshot.saved", path=str(event.path or "")), markup=False, timeout=8)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(t("screenshot.failed", error=str(event.exception)), markup=False, severity="error")

    # --- writing ---------------------------------------------------------------------

    def record(self, request: Request, *, at: dt.datetime) -> list[Event]:
        """Record as this session's login through the journal's one write path; a refusal raises
        a `GovinfoError` with the reason.

        An event dated in a later year than an old journal's (today typed on the demo) would end
        the "old journal" view and show that nearly empty year; the app stays on the day it was
        showing instead, as time travel, and says where the event went (`t` shows the latest)."""
        shown = self.ref_day if self.old_journal else None
        written = recording.record(self.journal_root, request, at=at, by=self.by)
        if shown is not None and at.year > shown.year:
            self.refold_view(shown)
            self.notify(t("notice.kept_day", at=f"{at:%Y-%m-%d}", day=shown.isoformat()), markup=False, timeout=8)
        return written


def run(root: Path, lang: str = "zh", by: str | None = None) -> int:
    GovinfoApp(root, lang, by=by).run()
    return 0
