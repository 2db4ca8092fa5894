"""Requests that register who and what the record speaks of: units, officers, channels,
annual targets and rule sets. Registering a code again edits it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import get_args

import msgspec

from .. import events as E
from ..events import Event
from ..state import State
from .common import RecordError, envelope, need, new_id


def _code_and_name(code: str, name: str) -> tuple[str, str]:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise RecordError("a registration needs a code and a name")
    return code, name


def _edited(table: Mapping[str, Event], code: str) -> str | None:
    """The registration an edit replaces: naming it tells an edit from a second registration
    made on another git branch (which `check` reports)."""
    current = table.get(code)
    return current.id if current is not None else None


@dataclass(frozen=True)
class RegisterUnit:
    """A unit, or an edit of one: registering an existing code again replaces its details."""

    code: str
    name: str
    kind: E.UnitKind = "department"
    parent: str | None = None
    active: bool = True

    def needles(self) -> list[str] | None:
        return []  # the registry, which is always read, holds all a registration checks

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        code, name = _code_and_name(self.code, self.name)
        if self.kind not in get_args(E.UnitKind):  # the type binds mypy, not a form or a script
            raise RecordError(f"kind {self.kind!r}: use county, township, department, office or other")
        if self.parent == code:
            raise RecordError(f"unit {code} cannot be its own parent")
        if self.parent and self.parent not in st.units:
            raise RecordError(f"unknown parent unit {self.parent!r}; register it first")
        return [
            E.UnitRegistered(
                **envelope(at, by),
                unit=code,
                name=name,
                kind=self.kind,
                parent=self.parent or None,
                active=self.active,
                replaces=_edited(st.units, code),
            )
        ]


@dataclass(frozen=True)
class RegisterPerson:
    """An information officer of a unit, or an edit of one."""

    code: str
    name: str
    unit: str
    role: E.Role = "part_time"
    login: str | None = None
    active: bool = True

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        code, name = _code_and_name(self.code, self.name)
        if self.unit not in st.units:
            raise RecordError(f"unknown unit {self.unit!r}; register it first")
        if self.role not in get_args(E.Role):
            raise RecordError(f"role {self.role!r}: use full_time (专职) or part_time (兼职)")
        return [
            E.PersonRegistered(
                **envelope(at, by),
                person=code,
                name=name,
                unit=self.unit,
                role=self.role,
                login=self.login or None,
                active=self.active,
                replaces=_edited(st.people, code),
            )
        ]


@dataclass(frozen=True)
class RegisterChannel:
    """A publication that adopts items, at its level."""

    code: str
    name: str
    level: E.Level
    publisher: str = ""

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        code, name = _code_and_name(self.code, self.name)
        if self.level not in E.LEVELS:
            raise RecordError(f"level {self.level!r}: use one of {', '.join(E.LEVELS)}")
        return [
            E.ChannelRegistered(
                **envelope(at, by),
                channel=code,
                name=name,
                level=self.level,
                publisher=self.publisher,
                replaces=_edited(st.channels, code),
            )
        ]


@dataclass(frozen=True)
class SetTarget:
    """An annual target for a unit or an officer; a later one for the same year and subject replaces it."""

    year: int
    points: float = 0.0
    adoptions: int = 0
    unit: str | None = None
    person: str | None = None
    issued_by: str = ""

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not (self.unit or self.person):
            raise RecordError("a target is for a unit or a person")
        need(st, "unit", self.unit or None)
        need(st, "person", self.person or None)
        if self.points < 0 or self.adoptions < 0:
            raise RecordError("a target cannot be negative")
        return [
            E.TargetSet(
                **envelope(at, by),
                year=self.year,
                points=self.points,
                adoptions=self.adoptions,
                unit=self.unit or None,
                person=self.person or None,
                issued_by=self.issued_by,
            )
        ]


@dataclass(frozen=True)
class RegisterRules:
    """A rule set from its JSON (as in the README); `name` and `effective` override the JSON's."""

    body: bytes | str
    name: str | None = None
    effective: dt.date | None = None

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        try:
            obj = msgspec.json.decode(self.body)
        except msgspec.DecodeError as exc:
            raise RecordError(f"the rule set is not valid JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise RecordError("a rule set is a JSON object")
        obj.update({"type": "rules_set", "id": new_id(), "at": at.isoformat(), "by": by, "v": E.SCHEMA_VERSION})
        if self.name:
            obj["ruleset"] = self.name
        if self.effective:
            obj["effective"] = self.effective.isoformat()
        try:
            return [msgspec.convert(obj, E.RulesSet)]
        except msgspec.ValidationError as exc:
            raise RecordError(f"not a valid rule set: {exc}") from None
