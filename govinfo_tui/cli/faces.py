"""The app in a terminal (`govinfo`) and in a browser (`govinfo serve`)."""

from __future__ import annotations

import argparse
import sys

from ..i18n import t
from .common import CliError, journal_root, recorder


def cmd_tui(args: argparse.Namespace) -> int:
    from ..tui.app import run

    root = journal_root(args)
    if not root.is_dir():
        raise CliError(f"{root}: no journal folder here; create one with `govinfo init {root}`")
    return run(root, lang=args.lang, by=getattr(args, "by", None))


def cmd_serve(args: argparse.Namespace) -> int:
    """The same app in a browser: one app process per tab, each recording as the server's `--by`
    (or its login), for whoever opens the address with the token (`serve.py`)."""
    import shlex

    from . import serve

    root = journal_root(args).resolve()
    argv = [sys.executable, "-m", "govinfo_tui", "--journal", str(root), "--lang", args.lang]
    if args.by:
        argv += ["--by", args.by]
    token = serve.choose_token(args.token)
    if not serve.is_loopback(args.host):
        print(t("serve.exposed", host=args.host), file=sys.stderr)
    server = serve.GuardedServer(
        " ".join(shlex.quote(a) for a in argv),
        host=args.host,
        port=args.port,
        title="govinfo",
        token=token,
        public_url=args.public_url,
        by=recorder(args),
    )
    server.serve()
    return 0
