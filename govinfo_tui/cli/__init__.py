"""`govinfo` on the command line: the same verbs as the app, for scripts and people who prefer it.

Every error is one line saying what to do, exit status 2, and nothing written. Every sentence
is in the user's language (`i18n.lang_from_env`, or `--lang`), chosen before the help is built.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..core.errors import GovinfoError
from ..i18n import CATALOGS, cli_hint, lang_from_env, os_error, set_lang, t
from . import answers, common
from .faces import cmd_tui
from .parser import build_parser

_leave_quickly = False  # set by a command that read the whole journal: see `script`


def script() -> NoReturn:
    """The `govinfo` command: `main`, then exit. After a command that read the whole journal
    the process ends without freeing its million objects one by one (half a second at a
    million events): the output is flushed, and the exit status is the same."""
    code = main(keep_to_exit=True)
    if not _leave_quickly:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away, as `main` allows for
        _quiet_stdout()
    except (OSError, ValueError):
        sys.exit(code)  # let the interpreter say what went wrong on the way out
    os._exit(code)


def main(argv: Sequence[str] | None = None, *, keep_to_exit: bool = False) -> int:
    """Run one command. `keep_to_exit` (`script`): the process ends right after, so a reading
    command's state is not freed on the way out (`common.kept`)."""
    global _leave_quickly
    words = list(sys.argv[1:] if argv is None else argv)
    set_lang(_asked_lang(words))  # every sentence of this run, the help included, in that language
    args = build_parser().parse_args(words)
    _leave_quickly = getattr(args, "command", None) in answers.CACHED_COMMANDS
    common.kept = [] if keep_to_exit and _leave_quickly else None
    set_lang(args.lang)  # the same, unless argparse read an abbreviation (`--la en`)
    func = getattr(args, "func", cmd_tui)
    try:
        if answers.wanted(args):
            return answers.run(args, words, func)
        return func(args)
    except BrokenPipeError:  # e.g. `govinfo report ... | head`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except GovinfoError as exc:
        print(t("cli.error_line", message=f"{exc}{cli_hint(exc.code, **exc.params)}"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(t("cli.error_line", message=os_error(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _asked_lang(words: list[str]) -> str:
    """`--lang` if the command line gives a known one, else what the environment says. Read
    before the parser exists, since the parser's help is written in it."""
    for n, word in enumerate(words):
        if word == "--":
            break
        value = word.removeprefix("--lang=") if word.startswith("--lang=") else None
        if word == "--lang" and n + 1 < len(words):
            value = words[n + 1]
        if value in CATALOGS:
            return value
    return lang_from_env(os.environ)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush into the closed pipe is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    script()
