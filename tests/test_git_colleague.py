"""`--rev` on a journal repository owned by a colleague (another uid), as on a shared server.

Review addendum S8: git refuses such a repository as "dubious ownership". govinfo reads it all
the same, and the repository's config cannot make it run a command. The uids below have no
account (git compares numbers only), so nothing is added to the machine; root is needed to
hand the repository to them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from govinfo_tui.core import git, journal

from .conftest import small_events, write_journal

COLLEAGUE, THIRD = 4101, 4102

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="handing files to another uid needs root"),
]


def sh(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def colleague_repo() -> Iterator[Path]:
    """A repository with a committed journal, owned by COLLEAGUE, readable by everyone.

    Made under the system's temporary folder, since pytest's own is private to root."""
    top = Path(tempfile.mkdtemp(prefix="govinfo-colleague-"))
    try:
        top.chmod(0o755)
        repo = top / "office"
        repo.mkdir()
        sh("git", "init", "-q", cwd=repo)
        root = write_journal(repo / "journal", small_events())
        sh("git", "add", "-A", cwd=repo)
        sh("git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "journal", cwd=repo)
        sh("chown", "-R", f"{COLLEAGUE}:{COLLEAGUE}", str(repo), cwd=top)
        sh("chmod", "-R", "a+rX", str(repo), cwd=top)
        plain = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
        if plain.returncode == 0:
            pytest.skip("this git does not refuse repositories owned by others")
        assert "dubious ownership" in plain.stderr
        yield root
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_root_reads_a_colleagues_repository_at_a_revision(colleague_repo):
    sources = journal.read_sources_at_rev(colleague_repo, "HEAD")
    assert sorted(sources) == ["HEAD:2011/2011-03.jsonl", "HEAD:registry.jsonl"]
    loaded = journal.load_sources(sources)
    assert loaded.problems == [] and len(loaded.events) == len(small_events())


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) is not installed")
def test_a_third_officer_reads_it_from_the_command_line(colleague_repo):
    argv = [sys.executable, "-m", "govinfo_tui", "--journal", str(colleague_repo), "--lang", "en"]
    argv += ["report", "summary", "--period", "2011", "--rev", "HEAD", "--format", "json"]
    drop = ["setpriv", f"--reuid={THIRD}", f"--regid={THIRD}", "--clear-groups"]
    res = subprocess.run([*drop, *argv], capture_output=True, text=True, timeout=120, cwd="/")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["points"] == 17


def test_the_repositorys_config_runs_nothing(colleague_repo):
    """An fsmonitor command, and a partial clone whose missing object plain `git cat-file`
    would fetch by running the remote's `ext::` command: neither runs."""
    repo = colleague_repo.parent
    marker = repo.parent / "ran"
    shard = "journal/2011/2011-03.jsonl"
    blob = subprocess.run(
        ["git", "-c", f"safe.directory={repo}", "-C", str(repo), "rev-parse", f"HEAD:{shard}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    settings = {
        "core.repositoryformatversion": "1",
        "extensions.partialClone": "origin",
        "remote.origin.url": f"ext::sh -c touch% {marker}",
        "remote.origin.promisor": "true",
        "protocol.ext.allow": "always",
        "protocol.allow": "always",
        "core.fsmonitor": f"touch {marker}; echo",
        "core.hooksPath": str(repo),
    }
    for key, value in settings.items():
        sh("git", "-c", f"safe.directory={repo}", "config", key, value, cwd=repo)
    sources = journal.read_sources_at_rev(colleague_repo, "HEAD")
    assert not marker.exists()
    assert sorted(sources) == ["HEAD:registry.jsonl"]  # the missing shard is missing, not fetched


def test_a_refusal_is_git_s_reason_not_its_advice():
    stderr = (
        b"fatal: detected dubious ownership in repository at '/srv/xinxi/journal'\n"
        b"To add an exception for this directory, call:\n\n"
        b"\tgit config --global --add safe.directory /srv/xinxi/journal\n"
    )
    assert git._reason(stderr) == "detected dubious ownership in repository at '/srv/xinxi/journal'"
