"""The fault harness (`bench/harness.py`) in small: writers killed at any byte or call, a disk
filling up, short writes, a repair killed, real processes killed from outside. Every figure
but the number of runs must be 0; `python bench/harness.py` runs many more."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import REPO

spec = importlib.util.spec_from_file_location("harness", REPO / "bench" / "harness.py")
assert spec is not None and spec.loader is not None
harness = importlib.util.module_from_spec(spec)
sys.modules["harness"] = harness  # dataclasses look their module up while the class is made
spec.loader.exec_module(harness)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the harness forks")


@pytest.mark.parametrize(
    ("part", "runs"),
    [("kill", 30), ("disk-full", 25), ("short-writes", 10), ("repair-killed", 15), ("real-kill", 4)],
)
def test_no_fault_loses_or_half_counts_a_write(part, runs):
    figures = harness.PARTS[part](runs=runs, seed=11)
    assert figures.runs == runs
    assert figures.clean(), harness.table([figures]) + "\n" + "\n".join(figures.failures)
