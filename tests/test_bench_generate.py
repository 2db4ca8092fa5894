"""The benchmark's journals are ones `check` finds clean, with targets only in years that have
events, so that what is measured on them is real work on a sound journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govinfo_tui.core import journal

from .conftest import bench_generate, run

generate = bench_generate()


@pytest.mark.parametrize("size", [3_000, 60_000])
def test_a_generated_journal_is_clean_and_its_targets_fall_in_years_with_events(tmp_path: Path, size: int):
    root = tmp_path / "j"
    made = generate.generate(root, size)
    assert size <= made <= size + 1  # an adoption and its score go down together
    assert generate.generate(tmp_path / "again", size) == made
    again = [p.read_bytes() for p in journal.journal_files(tmp_path / "again")]
    assert [p.read_bytes() for p in journal.journal_files(root)] == again  # the same bytes each time
    code, out, err = run("--journal", str(root), "--no-cache", "check")
    assert code == 0, out + err
    years = sorted(int(p.name) for p in root.glob("[0-9][0-9][0-9][0-9]"))
    for year in years:
        code, out, err = run(
            "--journal", str(root), "--no-cache", "report", "targets", "--period", str(year), "--format", "json"
        )
        assert code == 0, err
        assert json.loads(out), f"no target in {year}"
    loaded = journal.load(root)
    target_years = {ev.year for ev in loaded.events if type(ev).__name__ == "TargetSet"}
    assert target_years == set(years)
