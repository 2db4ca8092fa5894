"""The fuzz corpus, case by case: no traceback, no hang, nothing partly written, and every
wrong line that gets in is named by `check`; good lines go through `append`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import append_cases, direct_cases
from .runner import base_journal, run

APPEND = append_cases()
DIRECT = direct_cases()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_journal(tmp_path_factory.mktemp("fuzz"))


def test_the_corpus_is_the_reviews_size_at_least() -> None:
    assert sum(case.wrong for case in APPEND) >= 225
    assert len(DIRECT) >= 300


@pytest.mark.parametrize("case", APPEND, ids=[c.name[:70] for c in APPEND])
def test_append(base: Path, tmp_path: Path, case) -> None:
    outcome = run(case, "append", base, tmp_path)
    assert outcome.clean, outcome
    assert not outcome.over_refused, outcome.notes
    if case.wrong:
        assert not outcome.accepted, "a wrong input must be refused"


@pytest.mark.parametrize(("case", "way"), DIRECT, ids=[f"{way}: {c.name[:60]}" for c, way in DIRECT])
def test_straight_into_a_file(base: Path, tmp_path: Path, case, way: str) -> None:
    outcome = run(case, way, base, tmp_path)
    assert outcome.clean, outcome
