"""A checkbox and a multiple choice whose ticks read without colour.

Textual draws a tick box as `▐X▌` whether it is ticked or not, and tells the two apart by
colour alone, which a monochrome or low-colour terminal (or a colour-blind reader) loses.
These draw `[x]` when ticked and `[ ]` when not: ASCII, one cell a character, in any font.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton


def tick(on: bool) -> str:
    return "[x]" if on else "[ ]"


class TickBox(Checkbox):
    @property
    def _button(self) -> Content:
        return Content.styled(tick(self.value), self.get_visual_style("toggle--label"))


class TickList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        option = self.get_option_at_index(self.scroll_offset.y + y)
        style = segments[3].style  # the option's own text style: the tick reads like its name
        return Strip([Segment(tick(option.value in self._selected), style), *segments[3:]], strip.cell_length)
