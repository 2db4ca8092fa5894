"""The crash harness in small: writers killed at any byte or call, a disk filling up, short
writes, a repair killed, real processes killed from outside. Every figure but the number of
runs (and of writes that left remains) must be 0; `python bench/harness.py` runs many more."""

from __future__ import annotations

import pytest

from .runner import PARTS


@pytest.mark.parametrize(
    ("part", "runs"),
    [("kill", 30), ("disk-full", 25), ("short-writes", 10), ("repair-killed", 15), ("real-kill", 4)],
)
def test_no_fault_loses_or_half_counts_a_write(part, runs):
    figures = PARTS[part](runs=runs, seed=11)
    assert figures.runs == runs
    assert figures.clean(), "\n".join([str(figures.row(0)), *figures.failures])
