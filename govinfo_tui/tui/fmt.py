"""Pure presentation helpers: user text made safe to show, fitted to terminal cells."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from ..core.text import visible as safe  # the one rule for every face: see core/text.py
from .i18n import t


def txt(text: object, style: str = "") -> Text:
    """User text as a rich `Text`: data, never markup."""
    return Text(safe(text), style=style, no_wrap=False)


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` padded or cut to exactly `width` terminal cells (CJK counts two)."""
    if width <= 0:
        return ""
    if right:
        n = cell_len(text)
        if n <= width:
            return " " * (width - n) + text
    return set_cell_size(text, width)


def pts(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def pct(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio * 100:.0f}%"


def stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def label(prefix: str, value: str | None) -> str:
    if not value:
        return ""
    out = t(f"{prefix}.{value}")
    return value if out == f"{prefix}.{value}" else out
