"""Text people typed, shown as data: never as a command to a terminal, a spreadsheet or XML.

Titles, names and reasons come from a journal that everyone in the office's group may write.
A terminal obeys the control characters among them (ESC sequences retitle, clear or repaint
the screen, OSC 52 reaches the clipboard; CR overwrites a line), bidi controls reorder what
follows, and XML (so xlsx and docx) cannot hold most C0 controls at all. Each face therefore
shows such a character as an escape (`\\x1b`, `\\u202e`) and keeps every other one as typed:
CJK, emoji, brackets. One module, so that the app, the command line and the files agree.
"""

from __future__ import annotations

import unicodedata

_CONTROLS = (*range(0x20), 0x7F, *range(0x80, 0xA0))  # C0, DEL, C1
_ESCAPES = {c: f"\\x{c:02x}" for c in _CONTROLS}

# a terminal cell or line: one line, a tab as the space it stands for
_ONE_LINE = {**_ESCAPES, ord("\t"): " ", ord("\n"): "\\n"}
# a terminal paragraph or a table cell that may wrap: line breaks stay
_LINES = {**_ONE_LINE, ord("\n"): "\n"}
# a document or spreadsheet cell: tab, LF and CR are layout; Word's soft line break (VT) is a line break
_DOCUMENT = {**_ESCAPES, ord("\t"): "\t", ord("\n"): "\n", ord("\r"): "\r", ord("\v"): "\n"}

# zero-width joiners hold emoji sequences (and Indic and Arabic words) together: never hidden
_JOINERS = frozenset("\u200c\u200d")
# the two noncharacters XML 1.0 forbids (surrogates cannot come out of the journal's UTF-8)
_NOT_XML = frozenset("\ufffe\uffff")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula (OWASP)


def visible(text: object, *, lines: bool = False) -> str:
    """`text` for a terminal: control characters as `\\xNN`, format and bidi controls and line
    separators as `\\uNNNN`; a newline as `\\n` unless `lines` (text that may span lines)."""
    s = "" if text is None else str(text)
    s = s.translate(_LINES if lines else _ONE_LINE)
    if s.isascii() or not any(_hidden(ch) for ch in s):
        return s
    return "".join(f"\\u{ord(ch):04x}" if _hidden(ch) else ch for ch in s)


def printable(text: str) -> str:
    """`text` for xlsx, docx and CSV: what XML cannot hold, and other control characters, as
    `\\xNN` or `\\uNNNN`; tab, LF and CR kept; VT (Word's soft line break) as a line break."""
    s = text.translate(_DOCUMENT)
    if s.isascii() or not _NOT_XML.intersection(s):
        return s
    return "".join(f"\\u{ord(ch):04x}" if ch in _NOT_XML else ch for ch in s)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this cell for a formula (or for DDE) were it typed in."""
    return text.startswith(FORMULA_START)


def _hidden(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Zl", "Zp") and ch not in _JOINERS
