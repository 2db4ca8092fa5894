"""The root of every error the user must act on, so each face catches one type.

An error is a code and its parameters; its words live in the catalogue (`govinfo_tui.i18n`)
under that code and are looked up when the error is shown, in the language of that moment.
An area's error is a subclass, raised as `PeriodError("period.not_understood", text=text)`;
it may also keep a builtin base (`ValueError`, `LookupError`) for callers that catch that.
A hint naming a command or an option is a catalogue entry of its own, which only the command
line adds (`i18n.cli_hint`): the app's forms show the message alone.
"""

from __future__ import annotations

from typing import Self

from .. import i18n


class GovinfoError(Exception):
    """An error with a catalogue `code` and the `params` its message needs; `str()` renders it."""

    code: str
    params: dict[str, object]

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return i18n.t(self.code, i18n.get_lang(), **self.params)

    @classmethod
    def from_error(cls, error: GovinfoError, /, **extra: object) -> Self:
        """`error`'s message raised as this kind of error: an area passing on a refusal from below."""
        return cls(error.code, **error.params, **extra)
