"""Bars for figures people compare at a glance (units' points, a year against its target).

Textual's own `Bar` draws them; this gives it a share instead of cells, so a bar fills the
share of whatever room its cell gets. The rest of the room stays blank rather than a dimmed
bar: the length reads without colour.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style, StyleType
from rich.text import Text
from textual.renderables.bar import Bar

BLANK = Style(color="default")  # Textual's Bar draws no background in the default colour


class ShareBar:
    """`value` out of `top` as a bar; `width` fixes its room, else it takes what it is given."""

    def __init__(self, value: float, top: float, style: StyleType, width: int | None = None, least: int = 4) -> None:
        self.share = max(0.0, min(1.0, value / top)) if top > 0 else 0.0
        self.style = style
        self.width = width
        self.least = least

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self.width or options.max_width
        if self.share * width < 0.25:  # Bar draws an empty range as a whole bar of background
            yield Text(" " * width, end="")
            return
        yield Bar((0, self.share * width), highlight_style=self.style, background_style=BLANK, width=width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width or self.least, self.width or options.max_width)
