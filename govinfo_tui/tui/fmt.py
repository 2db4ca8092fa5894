"""Pure presentation helpers: user text made safe to show, fitted to terminal cells."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, chop_cells
from rich.text import Text

from ..core.text import visible as safe  # the one rule for every face: see core/text.py
from .i18n import t


def txt(text: object, style: str = "") -> Text:
    """User text as a rich `Text`: data, never markup."""
    return Text(safe(text), style=style, no_wrap=False)


# What a cut ends with. Not "…" (U+2026): its East Asian width is ambiguous, and a terminal set
# up for CJK draws it in two cells, pushing the rest of an aligned row one cell right. U+22EF
# is neutral, one cell everywhere; measured with `unicodedata.east_asian_width`.
ELLIPSIS = "⋯"


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` padded or cut to exactly `width` terminal cells (CJK counts two); a cut ends in
    `ELLIPSIS`, so a shortened title or unit says that it is."""
    if width <= 0:
        return ""
    n = cell_len(text)
    if n <= width:
        pad = " " * (width - n)
        return pad + text if right else text + pad
    head = chop_cells(text, width - 1)[0] if width > 1 else ""
    return head + ELLIPSIS + " " * (width - 1 - cell_len(head))


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
