"""Thread workers that let go of what they were given once their work is done.

Textual marks the running worker in the pool thread's own context (`active_worker`) and leaves
the mark there when the work returns, so each idle thread of the pool keeps its last worker
alive, and with it the worker's arguments: at a million events, a state (its log, tables and
items: tens of megabytes) for each of up to six threads, long after it stopped being shown.
A worker also sits in a reference cycle with its asyncio task, which only the collector frees,
and the app moves what is alive out of the collector's sight after each poll (`gc.freeze`): a
worker running at that moment is never collected. Hence two rules here: the mark is cleared
when the work ends (`thread_work`), and a state goes to a worker as a weak reference
(`Handed`), which the worker turns back into the state while it runs.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual import work
from textual.worker import active_worker

F = TypeVar("F", bound=Callable[..., None])
T = TypeVar("T")


def thread_work(*, group: str, description: str, exclusive: bool = False) -> Callable[[F], F]:
    """`textual.work(thread=True, ...)` for a method that returns nothing, whose pool thread
    forgets the worker when the method returns."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def run(*args: Any, **kwargs: Any) -> None:
            try:
                method(*args, **kwargs)
            finally:
                active_worker.set(None)  # type: ignore[arg-type]  # the mark's only holder is this thread

        return work(thread=True, group=group, description=description, exclusive=exclusive)(run)  # type: ignore[return-value]

    return decorate


class Handed(Generic[T]):
    """An object handed to a worker without keeping it alive: `get()` is the object, or None once
    nobody else holds it (a state replaced by a poll or a step in time: its figures would not be
    shown anyway)."""

    __slots__ = ("_ref",)

    def __init__(self, obj: T) -> None:
        self._ref = weakref.ref(obj)

    def get(self) -> T | None:
        return self._ref()

    def __repr__(self) -> str:  # Textual's debug label of a worker is built from its arguments
        return f"Handed({type(self._ref()).__name__})"
