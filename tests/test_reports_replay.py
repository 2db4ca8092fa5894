"""Every paper replays: --as-of (business time) and --rev (a git revision of the journal)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import paper_events, run, write_journal

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def report(root, *args: str) -> tuple[int, dict | None, str]:
    code, out, err = run("--journal", str(root), "report", *args, "--format", "json")
    return code, (json.loads(out) if code == 0 else None), err


def test_as_of(tmp_path):
    root = write_journal(tmp_path / "j", paper_events())
    code, d, err = report(root, "notice", "--period", "2011-03", "--as-of", "2011-03-12")
    assert code == 0, err
    wj = d["rankings"][0]["rows"][0]
    assert (wj["code"], wj["points"]) == ("wj", 7)  # A1 (2) and A2 (5) only
    assert {c["commission"]: c["status"] for c in d["commissions"]} == {"C1": "on_time", "C2": "overdue", "C3": "open"}
    assert d["judged_on"] == "2011-03-12"
    code, _, err = report(root, "bulletin", "--issue", "2011-2", "--as-of", "2011-03-27")
    assert code == 2 and "no bulletin issue 2011-2" in err
    code, d, err = report(root, "remuneration", "--period", "2011-03", "--as-of", "2011-03-12")
    assert code == 0, err
    assert d["total"] == 110  # A1 30, A2 30, A3 50 (adopted on the 12th)
    code, d, err = report(root, "appraisal", "--period", "2011", "--as-of", "2011-03-12")
    assert code == 0, err
    assert d["office"]["points"] == 10  # wj 7, qf 3


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_rev(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    repo = tmp_path / "office"
    repo.mkdir()
    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    root = write_journal(repo / "journal", paper_events())
    git("add", "-A")
    git("commit", "-qm", "first")
    code, _, err = run("--journal", str(root), "--by", "t", "bulletin", "publish", "A5", "--date", "2011-03-31")
    assert code == 0, err
    git("add", "-A")
    git("commit", "-qm", "issue 3")
    assert report(root, "bulletin", "--issue", "2011-3", "--rev", "HEAD")[0] == 0
    code, _, err = report(root, "bulletin", "--issue", "2011-3", "--rev", "HEAD~1")
    assert code == 2 and "no bulletin issue" in err
    code, d, err = report(root, "notice", "--period", "2011-03", "--rev", "HEAD~1")
    assert code == 0, err
    assert d["summary"]["bulletin_issues"] == 2
