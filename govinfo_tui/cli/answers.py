"""A reading command's answer given again while the journal is unchanged (`core.cache`).

`report`, `check` and `replay` print to standard output what the journal's bytes, the command
line, the environment and the day determine. Their output is captured as they print it (to a
terminal too: the capture says it is one, so rich draws as it would) and kept with the bytes
they read; the next identical request on identical bytes prints it again without decoding.
`--no-cache` or GOVINFO_NO_CACHE=1 turn this off; `--rev` (git) and `-o FILE` are never cached.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import msgspec

from .. import __version__
from ..core import cache, journal
from ..core.period import OFFICE_TZ
from ..i18n import get_lang

CACHED_COMMANDS = frozenset({"report", "check", "replay"})


def wanted(args: argparse.Namespace) -> bool:
    return (
        getattr(args, "command", None) in CACHED_COMMANDS
        and not getattr(args, "no_cache", False)
        and not cache.disabled(os.environ)
        and not getattr(args, "rev", None)
        and not getattr(args, "output", None)
    )


def run(args: argparse.Namespace, words: list[str], func: Callable[[argparse.Namespace], int]) -> int:
    """`func(args)`, or the answer it gave before on the same bytes."""
    root = journal.locate(args.journal)
    if not cache.usable(root):
        return func(args)
    request = _request(words, root)
    answer = cache.recall(root, request)
    if answer is not None:
        _put(sys.stdout, answer.out)
        _put(sys.stderr, answer.err)
        return answer.code
    reads = cache.Reads(root)
    with journal.witnessed(reads), _captured() as (out, err):
        code = func(args)
    cache.remember(root, request, reads, code, out.getvalue(), err.getvalue())
    return code


def _request(words: list[str], root: Path) -> bytes:
    """Everything besides the journal that an answer may depend on."""
    today = dt.date.today()
    return msgspec.msgpack.encode(
        {
            "program": [__version__, sys.version, msgspec.__version__, *cache.program_files()],
            "words": words,
            "cwd": os.getcwd(),
            "root": str(root.resolve()),
            "env": sorted(os.environ.items()),
            "lang": get_lang(),
            "days": [today.isoformat(), dt.datetime.now(OFFICE_TZ).date().isoformat()],
            "tty": [_tty(sys.stdout), _tty(sys.stderr), *map(_terminal_size, (0, 1, 2))],
        }
    )


def _tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_size(fd: int) -> list[int] | None:
    try:
        size = os.get_terminal_size(fd)
    except OSError:
        return None
    return [size.columns, size.lines]


class _Capture(io.TextIOWrapper):
    """Text written here is kept as bytes; it is a terminal if the stream it stands for is,
    so that what is drawn for a terminal is kept as drawn."""

    def __init__(self, real: IO[str]) -> None:
        self.kept = io.BytesIO()
        super().__init__(
            self.kept,
            encoding=getattr(real, "encoding", None) or "utf-8",
            errors=getattr(real, "errors", None) or "strict",
            write_through=True,
        )
        self.real = real

    def isatty(self) -> bool:
        return _tty(self.real)

    def fileno(self) -> int:
        return self.real.fileno()

    def getvalue(self) -> bytes:
        self.flush()
        return self.kept.getvalue()


@contextmanager
def _captured() -> Iterator[tuple[_Capture, _Capture]]:
    """Standard output and error captured; written out when the command is done, failed or not."""
    real_out, real_err = sys.stdout, sys.stderr
    out, err = _Capture(real_out), _Capture(real_err)
    sys.stdout, sys.stderr = out, err
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = real_out, real_err
        _put(real_out, out.getvalue())
        _put(real_err, err.getvalue())


def _put(stream: IO[str], data: bytes) -> None:
    if not data:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:
        stream.write(data.decode(getattr(stream, "encoding", None) or "utf-8", errors="replace"))
