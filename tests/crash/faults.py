"""Faults injected into a writer: a `govinfo` command run in a forked child whose `os.write`,
`os.fsync` and `os.replace` fail on cue, so that a kill or a full disk lands at an exact byte or
call of the real write path (the journal's append, or `govinfo repair`).
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from govinfo_tui import cli
from govinfo_tui.core import journal

HANG_SECONDS = 60.0


@dataclass(frozen=True)
class Fault:
    """What goes wrong in the child: `kill` at byte `at` of its writes (or at its `call`-th
    write, fsync or rename), `enospc` from byte `at` on, or `short` writes of at most `at` bytes."""

    kind: str
    at: int = 0
    call: int = -1

    def __str__(self) -> str:
        return f"{self.kind}@{'call ' + str(self.call) if self.call >= 0 else self.at}"


def install(fault: Fault | None, tally: list[int]) -> None:
    """Patch the `os` calls that put bytes on disk; `tally` counts [bytes written, calls made]."""
    real_write, real_fsync, real_replace = os.write, os.fsync, os.replace

    def step() -> None:
        if fault is not None and fault.kind == "kill" and tally[1] == fault.call:
            os.kill(os.getpid(), signal.SIGKILL)
        tally[1] += 1

    def write(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        step()
        data = memoryview(data)
        room = len(data)
        if fault is not None and fault.call < 0:
            if fault.kind == "short":
                room = min(room, fault.at)
            else:
                room = min(room, max(fault.at - tally[0], 0))
        if room < len(data) and fault is not None and fault.kind != "short":
            if room:
                tally[0] += real_write(fd, data[:room])
            if fault.kind == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            if not room:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return room
        written = real_write(fd, data[:room])
        tally[0] += written
        return written

    def fsync(fd: int) -> None:
        step()
        real_fsync(fd)

    def replace(src, dst) -> None:  # type: ignore[no-untyped-def]
        step()
        real_replace(src, dst)

    os.write, os.fsync, os.replace = write, fsync, replace  # type: ignore[assignment]


@dataclass
class Outcome:
    code: int | None  # None: hung
    stderr: str
    planned: list[str]  # ids the write was about to put down
    acknowledged: bool
    tally: tuple[int, int]


def run_child(argv: list[str], fault: Fault | None, folder: Path, *, who: str = "harness") -> Outcome:
    """Run one `govinfo` command in a forked child with `fault` installed."""
    plan, ack, err, tally_file = (folder / name for name in ("plan", "ack", "stderr", "tally"))
    for path in (plan, ack, err, tally_file):
        path.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 70
        try:
            fd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 2)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            real_append = journal.append_locked

            def spy(root: Path, events: list) -> None:  # type: ignore[type-arg]
                plan.write_text("\n".join(ev.id for ev in events))
                real_append(root, events)
                ack.write_text("ok")

            journal.append_locked = spy  # type: ignore[assignment]
            tally = [0, 0]
            install(fault, tally)
            code = cli.main(["--by", who, *argv])
            tally_file.write_text(f"{tally[0]} {tally[1]}")
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + HANG_SECONDS
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.002)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return Outcome(None, "", [], False, (0, 0))
    code = os.waitstatus_to_exitcode(status) if status is not None else None
    planned = plan.read_text().split() if plan.exists() else []
    counts = tally_file.read_text().split() if tally_file.exists() else ["0", "0"]
    return Outcome(
        code, err.read_text(errors="replace") if err.exists() else "", planned, ack.exists() and code == 0,
        (int(counts[0]), int(counts[1])),
    )  # fmt: skip
