"""Textual's own words in the user's language: the command palette (its placeholder, its
"no matches", the system commands), the descriptions of Textual's own key bindings, and the
hint Ctrl+C gives. Textual speaks English and offers hooks, not a catalogue: these are they."""

from __future__ import annotations

from collections.abc import Iterable

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from .i18n import t


class Palette(CommandPalette):
    """Textual's command palette with the placeholder and the "no matches" line in our words."""

    def __init__(self, *, placeholder: str | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(placeholder=placeholder or t("palette.placeholder"), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's own (command.py), with its "No matches found" from the catalogue."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                line = Align.center(Text(t("palette.no_matches"), style="not bold"))
                self.query_one(CommandList).add_option(Option(line, disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def system_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """Textual's system commands (theme, quit, keys, maximize, screenshot), worded by us."""
    yield SystemCommand(t("sys.theme"), t("sys.theme.help"), app.action_change_theme)
    yield SystemCommand(t("sys.quit"), t("sys.quit.help"), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(t("sys.keys"), t("sys.keys.hide"), app.action_hide_help_panel)
    else:
        yield SystemCommand(t("sys.keys"), t("sys.keys.show"), app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand(t("sys.minimize"), t("sys.minimize.help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("sys.maximize"), t("sys.maximize.help"), screen.action_maximize)
    yield SystemCommand(
        t("sys.screenshot"), t("sys.screenshot.help"), lambda: app.set_timer(0.1, app.deliver_screenshot)
    )
