"""Hypothesis-drawn lines: whatever line another tool writes, no command fails, a refused
`append` writes nothing, and a line `append` refuses is named by `check` when written by hand."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from .lines import events, judge, raw

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(events())
def test_drawn_events(line: bytes) -> None:
    for outcome in judge(line):
        assert outcome.clean, outcome


@SETTINGS
@given(raw())
def test_drawn_bytes(line: bytes) -> None:
    for outcome in judge(line):
        assert outcome.clean, outcome
