"""The app in a terminal (`govinfo`) and in a browser (`govinfo serve`)."""

from __future__ import annotations

import argparse
import sys

from .common import CliError, journal_root


def cmd_tui(args: argparse.Namespace) -> int:
    from ..tui.app import run

    root = journal_root(args)
    if not root.is_dir():
        raise CliError(f"{root}: no journal folder here; create one with `govinfo init {root}`")
    return run(root, lang=args.lang, by=getattr(args, "by", None))


def cmd_serve(args: argparse.Namespace) -> int:
    """The same app in a browser via textual-serve: one app process per tab. It has no login of
    its own, so it binds to 127.0.0.1 unless told otherwise; put it behind an authenticating proxy."""
    import shlex

    from textual_serve.server import Server

    root = journal_root(args).resolve()
    argv = [sys.executable, "-m", "govinfo_tui", "--journal", str(root), "--lang", args.lang]
    if args.by:
        argv += ["--by", args.by]
    Server(" ".join(shlex.quote(a) for a in argv), host=args.host, port=args.port, title="govinfo").serve()
    return 0
