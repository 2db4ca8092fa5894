"""Every string of a report passed through one function, before a writer lays it out.

A writer then need not remember, at each of its many places, that a title or a name is data:
Markdown escapes HTML in all of them, xlsx and docx drop what XML cannot hold. Keys, kinds and
the layout name are the report's own words and stay; `data` is for JSON, which never reads this.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

from ..reports.model import Report

_OWN_WORDS = frozenset({"data", "key", "kind", "layout"})


def each_text(report: Report, fn: Callable[[str], str]) -> Report:
    """A copy of `report` with `fn` applied to every string a writer prints (row keys stay)."""
    return cast(Report, _map(report, fn))


def _map(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_map(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: _map(v, fn) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f.name for f in dataclasses.fields(value) if f.name not in _OWN_WORDS]
        return dataclasses.replace(value, **{name: _map(getattr(value, name), fn) for name in fields})
    return value
