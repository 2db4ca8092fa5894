# ruff: noqa: RUF012 - Textual declares BINDINGS as a class attribute
"""One event in full over the item's timeline (Enter on a row): every field, who recorded it
and when beside when it happened, and what it voids, undoes or was voided by; `u` on a void
(or a voided event) opens the undo's confirmation."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...core.audit import Detail
from ..fmt import safe
from ..i18n import t, translate_bindings


class EventScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,enter", "close", "k.back"),
        Binding("u", "undo", "k.undo_void"),
    ]

    def __init__(self, detail: Detail, undo: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.undo = undo  # given when the event is a void, or voided: the item screen's `u`
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        d = self.detail
        with Vertical(id="event"):
            yield Label(Text(t("audit.title", id=d.id)), id="event-title")
            with VerticalScroll(id="event-body"):
                yield Static(self._body(), id="event-text")
            yield Label(t("audit.close_undo" if self.undo else "audit.close"), id="event-close")

    def _body(self) -> Table:
        d = self.detail
        tab = Table.grid(padding=(0, 2))
        tab.add_column(style="bold", no_wrap=True)
        tab.add_column(overflow="fold")
        struck = d.standing != "counts"
        tab.add_row(Text(t("audit.what")), Text(safe(d.what), style="strike" if struck else ""))
        tab.add_row(
            Text(t("audit.standing")),
            Text(t(f"audit.standing.{d.standing}"), style="bold red" if struck else "green"),
        )
        tab.add_row(Text(t("audit.type")), Text(t(f"verb.{d.type}") + f"  ({d.type})"))
        tab.add_row(Text(t("audit.at")), Text(d.at))
        recorded = Text(d.recorded)
        if d.late_days is not None:
            recorded.append(f"  {t('audit.late', days=d.late_days)}", style="bold yellow")
        tab.add_row(Text(t("audit.recorded")), recorded)
        tab.add_row(Text(t("audit.by")), Text(safe(d.by)))
        tab.add_row(Text(""), Text(""))
        tab.add_row(Text(t("audit.fields"), style="underline"), Text(""))
        for name, value in d.fields:
            tab.add_row(Text(name), Text(safe(value)))
        if d.links:
            tab.add_row(Text(""), Text(""))
            tab.add_row(Text(t("audit.links"), style="underline"), Text(""))
            for link in d.links:
                line = Text(safe(link.what))
                line.append(f"\n{link.id}", style="dim")
                if link.at:
                    line.append(f"  {link.at}  {safe(link.by)}", style="dim")
                tab.add_row(Text(t(link.relation)), line)
        tab.add_row(Text(""), Text(""))
        tab.add_row(Text(t("audit.line"), style="underline"), Text(""))
        tab.add_row(Text(""), Text(safe(d.line), style="dim"))
        return tab

    def action_close(self) -> None:
        self.dismiss(None)

    def action_undo(self) -> None:
        if self.undo is None:
            self.app.notify(t("item.undo_not_voided"), severity="warning", markup=False)
            return
        self.dismiss(None)
        self.undo()
