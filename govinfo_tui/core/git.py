"""Running git's read-only plumbing on a journal repository that may belong to a colleague.

git (since 2.35.2) refuses a repository owned by another account ("dubious ownership"). The
refusal guards against the repository's own config: whoever owns the repository writes its
`.git/config`, and some settings there make git run a command for whoever uses it. On a shared
server the journal's repository is normally a colleague's, so govinfo trusts it with
`safe.directory` for that one path and takes away every way its config could run a command:

- only plumbing that reads objects: `rev-parse`, `ls-tree`, `cat-file --batch` (no `--filters`
  or `--textconv`, so no clean, smudge or textconv driver runs);
- settings on the command line, which outrank the repository's: `core.fsmonitor=false` (the
  fsmonitor hook, the classic attack), `core.hooksPath=/dev/null` (no hook);
- `GIT_ALLOW_PROTOCOL` empty, which overrides any `protocol.*.allow` in the config: a partial
  clone would otherwise fetch a missing object from its promisor remote, and a remote can be an
  `ext::` command or an `ssh` with `core.sshCommand` taken from that same config;
- a clean environment: no system or personal config (`GIT_CONFIG_NOSYSTEM`, `GIT_CONFIG_GLOBAL`),
  none of the caller's `GIT_*` variables, no prompt, no pager, C locale so messages are git's own.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .. import i18n
from .errors import GovinfoError


class GitError(GovinfoError):
    """git is missing or refused; the message says what git said."""


def worktree_of(root: Path) -> Path | None:
    """The top of the working tree holding `root`: where git's own search for `.git` stops."""
    start = root.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _environment() -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "LC_ALL": "C",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_ALLOW_PROTOCOL": "",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
    }


def plumbing(root: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run `git <args>` in `root` as described above; its output, or GitError."""
    top = worktree_of(root)
    trust = ["-c", f"safe.directory={top}"] if top is not None else []
    command = [
        "git",
        "--no-pager",
        *trust,
        "-c",
        "core.fsmonitor=false",
        "-c",
        f"core.hooksPath={os.devnull}",
        "-C",
        str(root),
        *args,
    ]
    try:
        res = subprocess.run(command, input=data, capture_output=True, env=_environment(), check=False)
    except FileNotFoundError as exc:
        raise GitError("journal.no_git") from exc
    if res.returncode != 0:
        raise GitError("journal.git_failed", root=root, command=" ".join(args[:2]), reason=_reason(res.stderr))
    return res.stdout


def _reason(stderr: bytes) -> str:
    """git's first `fatal:` or `error:` line (its advice lines after it make no sense alone)."""
    lines = [ln.strip() for ln in stderr.decode(errors="replace").splitlines() if ln.strip()]
    for line in lines:
        for prefix in ("fatal:", "error:"):
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
    return lines[0] if lines else i18n.t("journal.git_no_reason")
