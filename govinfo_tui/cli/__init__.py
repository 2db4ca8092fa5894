"""`govinfo` on the command line: the same verbs as the app, for scripts and people who prefer it.

Every error is one line saying what to do, exit status 2, and nothing written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..core.errors import GovinfoError
from ..i18n import cli_hint, set_lang
from .faces import cmd_tui
from .parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_lang(args.lang)  # every sentence of this run in the language asked for
    func = getattr(args, "func", cmd_tui)
    try:
        return func(args)
    except BrokenPipeError:  # e.g. `govinfo report ... | head`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except GovinfoError as exc:
        print(f"govinfo: error: {exc}{cli_hint(exc.code, **exc.params)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"govinfo: error: {_os_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _os_error(exc: OSError) -> str:
    """The file and the system's reason; a write that names no file gives the reason alone."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush into the closed pipe is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
