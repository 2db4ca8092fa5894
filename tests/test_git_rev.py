"""Replaying the journal as it was at a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import run, small_events, write_journal

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.usefixtures("english"),  # these tests read the English words of messages
]


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_report_and_check_at_an_earlier_revision(tmp_path):
    repo = tmp_path / "office"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    root = write_journal(repo / "journal", small_events()[:-5])  # before the combined adoption and the comment
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    code, out, err = run("--journal", str(root), "--by", "t", "adopt", "A4", "--channel", "kb", "--date", "2011-03-28")
    assert code == 0, err
    git(repo, "commit", "-qam", "second")

    def points(*extra):
        code, out, err = run(
            "--journal", str(root), "report", "summary", "--period", "2011", *extra, "--format", "json"
        )
        assert code == 0, err
        return json.loads(out)["points"]

    assert points() == 12  # 2 + 5 + 3 + the new 2
    assert points("--rev", "HEAD~1") == 10
    assert points("--rev", "HEAD") == 12
    code, out, _ = run("--journal", str(root), "check", "--rev", "HEAD~1")
    assert code == 0, out


def test_unknown_revision_is_one_clear_error(tmp_path):
    repo = tmp_path / "office"
    repo.mkdir()
    git(repo, "init", "-q")
    root = write_journal(repo / "journal", small_events())
    code, _out, err = run("--journal", str(root), "report", "summary", "--rev", "nosuchrev")
    assert code == 2
    assert err.startswith("govinfo: error:") and "revision" in err and len(err.strip().splitlines()) == 1
