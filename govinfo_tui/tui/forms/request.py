"""A form that records: its values become a request, which the session records as of the form's date.

The form is typed by its request (`RequestForm[Adopt]`), as a Posting modal is typed by the value
it returns. A factory says only what its fields mean; which journal lines to read is the
request's own business (`needles()`), and who records is the session's. Every recording form
has a `date` field, the moment the events are recorded at; it starts on the day on screen (an
old journal's last day, a day travelled to), not on the machine's today, which would put the
event in a year the screens are not showing. The form is dismissed with the events written,
or stays open showing why nothing was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from ...core.events import Event
from ...core.recording import Request
from ..session import Session
from .form import Field, FormScreen, Values

R = TypeVar("R", bound=Request)


class RequestForm(FormScreen[list[Event]], Generic[R]):
    ASK_BEFORE_DISCARD = True

    def __init__(
        self,
        session: Session,
        title: str,
        fields: list[Field],
        request: Callable[[Values], R],
        *,
        preview: Callable[[Values], str] | None = None,
        note: str = "",
    ) -> None:
        super().__init__(title, fields, self._record, preview=preview, day=session.ref_day, note=note)
        self.session = session
        self.request = request

    def _record(self, values: Values) -> list[Event]:
        return self.session.record(self.request(values), at=values["date"])
