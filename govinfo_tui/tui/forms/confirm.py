# ruff: noqa: RUF012 - Textual declares BINDINGS as a class attribute
"""The question Esc asks of a form that holds typed values: discard them, or go back to it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label

from ..i18n import t, translate_bindings


class ConfirmDiscard(ModalScreen[bool]):
    """Dismissed with True to discard. Esc, `n` and the focused default go back to the form,
    so a second Esc pressed out of habit loses nothing."""

    BINDINGS = [
        Binding("y", "answer(True)", "k.discard"),
        Binding("n,escape", "answer(False)", "k.keep_editing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(t("confirm.discard"), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(t("confirm.keep"), id="confirm-keep", compact=True)
                yield Button(t("confirm.discard.button"), id="confirm-discard", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-keep").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-discard")

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)
