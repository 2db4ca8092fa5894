# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""One item: its fields and its timeline, and the keys that open its forms (adopt, comment ...)."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Label, Static

from ...core import audit, queries
from ...core import events as E
from ...core.queries import person_name, unit_name
from ...core.recording import RecordError
from ...core.state import State
from ..fmt import label, pts, safe, stamp
from ..forms import FormScreen
from ..forms.item import (
    adopt_form,
    amend_form,
    comment_form,
    forward_form,
    override_form,
    reason_form,
    restore_form,
    score_form,
    void_form,
)
from ..i18n import get_lang, t
from .base import GovScreen
from .event import EventScreen


class ItemScreen(GovScreen):
    NAME = "item"
    BINDINGS = [
        Binding("escape", "back", "k.back"),
        Binding("a", "adopt", "k.adopt"),
        Binding("c", "comment", "k.comment"),
        Binding("w", "forward", "k.forward"),
        Binding("s", "score", "k.score"),
        Binding("o", "override", "k.override"),
        Binding("e", "amend", "k.amend"),
        Binding("r", "return_item", "k.return", show=False),
        Binding("d", "withdraw", "k.withdraw", show=False),
        Binding("v", "void", "k.void"),
        Binding("u", "undo_void", "k.undo_void"),
        Binding("enter", "detail", "k.event_detail", show=False),
    ]

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="item-body"):
            yield Static(id="item-fields")
        yield Label(t("item.timeline"), id="timeline-title")
        yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#timeline", DataTable)
        for key, width in (("at", 16), ("by", 10), ("voided", 4), ("what", None)):
            table.add_column(t(f"col.{key}"), key=key, width=width)
        super().on_mount()
        table.focus()

    def refresh_body(self, st: State) -> None:
        item = st.items.get(self.item_id)
        fields = self.query_one("#item-fields", Static)
        table = self.query_one("#timeline", DataTable)
        if item is None:
            fields.update(Text(t("item.missing", id=self.item_id), style="bold red"))
            self._timeline(st, table)  # a voided item still shows what happened to it
            return
        chans = ", ".join(queries.channel_name(st, c) for c in item.channels)
        adopted = "; ".join(f"{queries.channel_name(st, a.channel)} {a.issue} {a.form}".strip() for a in item.adoptions)
        rows = [
            (t("col.id"), item.id, t("col.date"), stamp(item.submitted_at)),
            (t("col.title"), item.title, "", ""),
            (
                t("col.unit"),
                unit_name(st, item.unit),
                t("col.authors"),
                ", ".join(person_name(st, p) for p in item.authors),
            ),
            (t("col.category"), item.category, t("col.status"), label("status", item.status)),
            (t("item.channels"), chans, t("col.points"), pts(item.points)),
            (t("col.adopted_in"), adopted, t("item.submitted_by"), item.submitted_by),
        ]
        if item.text:
            rows.append((t("item.text"), item.text.replace("\n", " "), "", ""))
        tab = Table.grid(padding=(0, 1), expand=True)
        tab.add_column(style="bold", no_wrap=True)
        tab.add_column(ratio=1, overflow="fold")
        tab.add_column(style="bold", no_wrap=True)
        tab.add_column(ratio=1, overflow="fold")
        for a, b, c, d in rows:
            tab.add_row(Text(a), Text(safe(b)), Text(c), Text(safe(d)))
        fields.update(tab)
        self._timeline(st, table)

    def _timeline(self, st: State, table: DataTable) -> None:
        """Every event of the item; one that no longer counts is struck through, marked 作废 and
        followed by why, and one recorded late says when it was recorded."""
        state = self.table_state(table)
        table.clear()
        try:
            rows = queries.timeline(st, self.item_id, get_lang())
        except KeyError:
            rows = []
        for row in rows:
            voided = row["voided"]
            style = "strike dim" if voided else ""
            what = Text(safe(row["what"]), style=style)
            if voided and row["reason"]:
                what.append(f"  {safe(row['reason'])}", style="italic")
            if row["recorded"]:
                what.append(f"  ({t('item.recorded', day=row['recorded'][:10])})", style="dim")
            table.add_row(
                Text(row["at"][:16].replace("T", " "), style=style),
                Text(safe(row["by"]), style=style),
                Text(t("col.voided") if voided else "", style="bold red"),
                what,
                key=row["id"],
            )
        self.restore_table(table, state)

    def selected_event(self) -> E.Event | None:
        table = self.query_one("#timeline", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        st = self.gov.full
        return st.events.get(key) if st and key else None

    def action_back(self) -> None:
        self.app.pop_screen()

    def _form(self, screen: FormScreen) -> None:
        if self.gov.full is None or self.item_id not in self.gov.full.items:
            self.app.notify(t("item.missing", id=self.item_id), severity="error", markup=False)
            return
        self.gov.open_form(screen)

    def action_adopt(self) -> None:
        self._form(adopt_form(self.gov, self.item_id))

    def action_comment(self) -> None:
        self._form(comment_form(self.gov, self.item_id))

    def action_forward(self) -> None:
        self._form(forward_form(self.gov, self.item_id))

    def action_score(self) -> None:
        self._form(score_form(self.gov, self.item_id))

    def action_amend(self) -> None:
        self._form(amend_form(self.gov, self.item_id))

    def action_return_item(self) -> None:
        self._form(reason_form(self.gov, self.item_id, "return"))

    def action_withdraw(self) -> None:
        self._form(reason_form(self.gov, self.item_id, "withdraw"))

    def action_override(self) -> None:
        ev = self.selected_event()
        st = self.gov.full
        if st is None:
            return
        if not isinstance(ev, E.Scored) or ev.id in st.voided or ev.id in st.superseded:
            item = st.items.get(self.item_id)
            live = item.scores if item else []
            ev = live[-1] if live else None
        if ev is None:
            self.app.notify(t("form.override", score="-"), severity="warning", markup=False)
            return
        self._form(override_form(self.gov, ev))

    def action_detail(self) -> None:
        """The whole of the selected event, in a scrollable view over the timeline."""
        ev = self.selected_event()
        st = self.gov.full
        if ev is None or st is None:
            return
        undo = self._undo_for(st, ev)
        self.app.push_screen(EventScreen(audit.event_detail(st, ev.id, get_lang()), undo))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_detail()

    def action_undo_void(self) -> None:
        """`u` on a void, or on what it voided: the undo's confirmation, saying what comes back."""
        ev = self.selected_event()
        st = self.gov.full
        if ev is None or st is None:
            return
        undo = self._undo_for(st, ev)
        if undo is None:
            self.app.notify(t("item.undo_not_voided"), severity="warning", markup=False)
            return
        undo()

    def _undo_for(self, st: State, ev: E.Event) -> Callable[[], None] | None:
        """How to undo the void the row is about: the row's own void, or the void of the voided
        event on the row; None when there is no void to undo."""
        void = ev if isinstance(ev, E.EventVoided) and ev.id not in st.voids else st.voided.get(ev.id)
        if void is None or isinstance(st.events.get(void.target), E.EventVoided):
            return None

        def undo() -> None:
            try:
                form = restore_form(self.gov, void)
            except RecordError as exc:
                self.app.notify(str(exc), severity="error", markup=False)
                return
            self.gov.open_form(form)

        return undo

    def action_void(self) -> None:
        ev = self.selected_event()
        if ev is not None:
            self._form(void_form(self.gov, ev))
