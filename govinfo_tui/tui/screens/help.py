# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The key help, a modal over any screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..i18n import KEYS, t, translate_bindings


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "k.back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        tab = Table(box=None, show_header=False, padding=(0, 2))
        tab.add_column(style="bold cyan", no_wrap=True)
        tab.add_column(no_wrap=True)
        last = None
        for scope, keys, desc in KEYS:
            if scope != last:
                tab.add_row(Text(t(f"scope.{scope}"), style="bold underline"), Text(""))
                last = scope
            tab.add_row(Text(keys), Text(t(desc)))
        app = self.app
        with Vertical(id="help"):
            yield Label(t("help.title"), id="help-title")
            yield Label(
                Text(t("help.where", root=str(getattr(app, "journal_root", "")), by=getattr(app, "by", ""))),
                id="help-where",
            )
            with VerticalScroll():
                yield Static(tab)
            yield Label(t("help.close"), id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
