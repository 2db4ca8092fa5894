"""Pure presentation helpers: user text made safe to show, fitted to terminal cells."""

from __future__ import annotations

import datetime as dt
import unicodedata

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from .i18n import t

_CONTROL = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL[0x0A] = "\\n"
_CONTROL[0x09] = " "


def safe(text: object) -> str:
    """User text with control characters (ESC, CR, BEL...) shown as escapes, never sent raw."""
    s = "" if text is None else str(text)
    s = s.translate(_CONTROL)
    # format and bidi controls would reorder or hide what follows: show them too
    if any(unicodedata.category(ch) == "Cf" for ch in s):
        s = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cf" else ch for ch in s)
    return s


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
