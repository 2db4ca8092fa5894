"""The office's settings for its papers (`office_set`): set once for every paper, for a kind of
paper, or for one paper (its number, its date, the 存在问题 and 下一步工作要求 it says)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import events as E
from .. import office
from ..events import Event
from ..state import State
from .common import RecordError, envelope, need


@dataclass(frozen=True)
class SetOffice:
    """Settings for the office's papers; `paper` and `period` narrow them to a kind of paper
    and to one paper of it (a period label, or a bulletin issue such as 2011-24)."""

    settings: E.DocumentSettings
    paper: str | None = None
    period: str | None = None

    def needles(self) -> list[str] | None:
        return ['"office_set"']  # and the registry (always read), for the own units

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        from ..reports import PAPERS  # the papers this version prints (reports sit below recording)

        if self.period is not None and self.paper is None:
            raise RecordError("office.period_without_paper", period=self.period)
        if self.paper is not None and self.paper not in PAPERS:
            raise RecordError("office.unknown_paper", paper=self.paper, papers=", ".join(PAPERS))
        if all(getattr(self.settings, name) is None for name in office.FIELDS):
            raise RecordError("office.nothing_set")
        for unit in self.settings.own_units or ():
            need(st, "unit", unit)
        if self.settings.own_units is not None and self.paper is not None:
            raise RecordError("office.own_units_for_all")
        return [E.OfficeSet(**envelope(at, by), settings=self.settings, paper=self.paper, period=self.period)]
