"""The command line's reports say whose scheme their points are in, in words on a terminal
(上级计分 / 县内计分) and as a key in JSON and CSV, and `--scheme` changes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run
from .test_schemes import INTERNAL_RULES, UPWARD_RULES, make_office


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path / "j", UPWARD_RULES, INTERNAL_RULES)


def report(root: Path, *args: str) -> str:
    code, out, err = run("--journal", str(root), "report", *args, "--period", "2011")
    assert code == 0, err
    return out


def test_each_report_names_its_scheme(office):
    assert "上级计分" in report(office, "summary") and "县内计分" not in report(office, "summary")
    for kind in ("ranking", "quota"):
        assert "县内计分" in report(office, kind) and "上级计分" not in report(office, kind), kind
        assert "上级计分" in report(office, kind, "--scheme", "upward"), kind
        assert ",internal" in report(office, kind, "--format", "csv"), kind
    assert '"scheme": "upward"' in report(office, "summary", "--format", "json")
