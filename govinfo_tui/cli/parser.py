"""The argparse tree: every verb, its options and its help text, in the catalogue's words.

The help is written in the language chosen before the tree is built (`main` looks for
`--lang` first). argparse's own messages (its usage errors, "invalid choice" ...) stay as
argparse prints them, in English: it offers no way to word them but gettext catalogues.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .. import __version__
from ..core import events as E
from ..core import export
from ..i18n import argparse_text, get_lang, label, t
from .faces import cmd_serve
from .reading import PAPER_REPORTS, REPORTS, cmd_check, cmd_replay, cmd_report


def _writer(name: str) -> Callable[[argparse.Namespace], int]:
    """A write command, imported when it runs: a report need not import every request."""

    def command(args: argparse.Namespace) -> int:
        from . import writes

        return int(getattr(writes, name)(args))

    command.__name__ = name
    return command


cmd_adopt = _writer("cmd_adopt")
cmd_amend = _writer("cmd_amend")
cmd_append = _writer("cmd_append")
cmd_bulletin = _writer("cmd_bulletin")
cmd_comment = _writer("cmd_comment")
cmd_commission = _writer("cmd_commission")
cmd_follow_up = _writer("cmd_follow_up")
cmd_fulfil = _writer("cmd_fulfil")
cmd_init = _writer("cmd_init")
cmd_item_verb = _writer("cmd_item_verb")
cmd_meeting = _writer("cmd_meeting")
cmd_assert = _writer("cmd_assert")
cmd_office = _writer("cmd_office")
cmd_penalize = _writer("cmd_penalize")
cmd_register = _writer("cmd_register")
cmd_repair = _writer("cmd_repair")
cmd_rescore = _writer("cmd_rescore")
cmd_restore = _writer("cmd_restore")
cmd_reward = _writer("cmd_reward")
cmd_score = _writer("cmd_score")
cmd_submit = _writer("cmd_submit")
cmd_topic = _writer("cmd_topic")
cmd_void = _writer("cmd_void")


def cmd_import(args: argparse.Namespace) -> int:
    """`import adoptions`, imported when it runs (it reads xlsx, matches and may record)."""
    from .imports import cmd_import as run

    return run(args)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout, with the catalogue's word for "usage"; the epilog keeps its lines."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, t("arg.usage") if prefix is None else prefix)


@contextmanager
def _argparse_in_our_words() -> Iterator[None]:
    """While a command line is parsed, argparse's own sentences (a missing argument, an invalid
    choice, an unknown option) come from the catalogue. argparse words them through its module's
    gettext functions, so those are swapped for the parse and put back after it."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: argparse_text(one if n == 1 else many)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, -h help and usage errors are the catalogue's;
    sub-commands are built of the same class, so the whole tree reads in one language."""

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        with _argparse_in_our_words():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        with _argparse_in_our_words():  # it words "unrecognized arguments" itself
            return super().parse_args(args, namespace)

    def error(self, message: str):  # type: ignore[no-untyped-def]
        with _argparse_in_our_words():
            self.print_usage(sys.stderr)
            self.exit(2, argparse_text("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs["add_help"] = False  # ours below, in the catalogue's words
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = t("arg.positionals")
        self._optionals.title = t("arg.options")
        self.add_argument("-h", "--help", action="help", help=t("arg.help"))


def _command(sub, name: str, key: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
    """A sub-command whose one-line help also heads its own `-h`."""
    return sub.add_parser(name, help=t(key), description=t(key))


def _date(s: argparse.ArgumentParser, key: str = "arg.date") -> None:
    s.add_argument("--date", help=t(key))


def _add_paperwork_commands(sub) -> None:
    s = _command(sub, "topic", "arg.topic")
    s.add_argument("title")
    s.add_argument("--id", help=t("arg.topic.id"))
    s.add_argument("--note")
    _date(s)
    s.set_defaults(func=cmd_topic)

    s = _command(sub, "commission", "arg.commission")
    s.add_argument("title", nargs="?", help=t("arg.commission.title"))
    s.add_argument("--unit")
    s.add_argument("--person", help=t("arg.commission.person"))
    s.add_argument("--deadline", required=True, help=t("arg.ymd"))
    s.add_argument("--topic", help=t("arg.commission.topic"))
    s.add_argument("--id", help=t("arg.commission.id"))
    s.add_argument("--requirements", metavar="TEXT", help=t("arg.commission.requirements"))
    _date(s)
    s.set_defaults(func=cmd_commission)

    s = _command(sub, "fulfil", "arg.fulfil")
    s.add_argument("commission")
    s.add_argument("item")
    _date(s, "arg.fulfil.date")
    s.set_defaults(func=cmd_fulfil)

    s = _command(sub, "follow-up", "arg.follow_up")
    s.add_argument("commission", nargs="?")
    s.add_argument("--item")
    s.add_argument("--note", required=True, help=t("arg.follow_up.note"))
    _date(s)
    s.set_defaults(func=cmd_follow_up)

    s = _command(sub, "penalize", "arg.penalize")
    s.add_argument("what", choices=("commission", "urgent", "quota"))
    s.add_argument("id", help=t("arg.penalize.id"))
    s.add_argument("--month", help=t("arg.penalize.month"))
    s.add_argument("--reason", help=t("arg.penalize.reason"))
    _date(s, "arg.penalize.date")
    s.set_defaults(func=cmd_penalize)

    s = _command(sub, "reward", "arg.reward")
    s.add_argument("what", choices=("quota",))
    s.add_argument("--month", required=True, help=t("arg.reward.month"))
    s.set_defaults(func=cmd_reward)

    s = _command(sub, "bulletin", "arg.bulletin")
    bsub = s.add_subparsers(dest="action", required=True)
    b = _command(bsub, "publish", "arg.bulletin.publish")
    b.add_argument("items", nargs="+", metavar="ITEM")
    b.add_argument("--channel", help=t("arg.bulletin.channel"))
    b.add_argument("--year", type=int, help=t("arg.bulletin.year"))
    b.add_argument("--number", type=int, help=t("arg.bulletin.number"))
    b.add_argument("--total-number", type=int, help=t("arg.bulletin.total"))
    b.add_argument("--supplement", action="store_true", help=t("arg.bulletin.supplement"))
    b.add_argument("--title", help=t("arg.bulletin.title"))
    b.add_argument("--editor", help=t("arg.bulletin.editor"))
    for flag, word in (("--up", "报"), ("--same", "送"), ("--down", "发")):
        b.add_argument(flag, action="append", help=t("arg.bulletin.recipients", word=word))
    b.add_argument("--print-run", type=int, help=t("arg.bulletin.print_run"))
    _date(b)
    b.set_defaults(func=cmd_bulletin)
    b = _command(bsub, "next", "arg.bulletin.next")
    b.add_argument("--channel")
    b.add_argument("--year", type=int)
    b.add_argument("--supplement", action="store_true")
    b.set_defaults(func=cmd_bulletin)


def _add_reconciling_commands(sub) -> None:
    """The city's figures: its list of adoptions imported, its totals asserted."""
    s = _command(sub, "import", "arg.import")
    isub = s.add_subparsers(dest="what", required=True)
    i = _command(isub, "adoptions", "arg.import.adoptions")
    i.epilog = t("arg.import.epilog")
    i.add_argument("file", help=t("arg.import.file"))
    i.add_argument("--rules", metavar="RULES", help=t("arg.import.rules"))
    i.add_argument("--record", action="store_true", help=t("arg.import.record"))
    i.add_argument("--period", help=t("arg.import.period"))
    i.add_argument("--format", default="table", choices=("table", "json", "csv"), help=t("arg.import.format"))
    i.add_argument("--table", help=t("arg.import.table"))
    i.add_argument("--any-date", action="store_true", help=t("arg.any_date"))
    i.set_defaults(func=cmd_import)

    s = _command(sub, "assert", "arg.assert")
    s.add_argument("unit", help=t("arg.assert.unit"))
    s.add_argument("--period", required=True, help=t("arg.assert.period"))
    s.add_argument("--points", type=float, required=True, help=t("arg.assert.points"))
    s.add_argument("--source", help=t("arg.assert.source"))
    s.add_argument(
        "--scheme", default="upward", choices=E.SCHEMES, help=t("arg.assert.scheme", schemes=t("arg.scheme"))
    )
    _date(s)
    s.set_defaults(func=cmd_assert)


def _add_meeting_command(sub) -> None:  # type: ignore[no-untyped-def]
    s = _command(sub, "meeting", "arg.meeting")
    s.add_argument("--attendee", action="append", required=True, metavar="NAME", help=t("arg.meeting.attendee"))
    s.add_argument("--topic", action="append", metavar="TITLE", help=t("arg.meeting.topic"))
    s.add_argument("--chair", help=t("arg.meeting.chair"))
    s.add_argument("--briefing", help=t("arg.meeting.briefing"))
    s.add_argument("--id", help=t("arg.meeting.id"))
    _date(s, "arg.meeting.date")
    s.set_defaults(func=cmd_meeting)


# --- parser --------------------------------------------------------------------------


def _report_kinds() -> str:
    """What each report is, for `govinfo report -h`: the queries' words, then the papers' names
    as they print (in Chinese, whatever the language)."""
    words = {k: label("paper", k, printed=True) if k in PAPER_REPORTS else t(f"arg.report.{k}") for k in REPORTS}
    width = max(len(kind) for kind in REPORTS) + 2
    return t("arg.report.kinds") + "\n" + "\n".join(f"  {kind:<{width}}{word}" for kind, word in words.items())


def document_options(s: argparse.ArgumentParser, *, per_paper: bool) -> None:
    """The fields of a 公文 an office sets (`office set`) or a paper overrides (`report`)."""
    g = s.add_argument_group(t("arg.doc.group"))
    g.add_argument("--issuer", help=t("arg.doc.issuer"))
    g.add_argument("--mark", help=t("arg.doc.mark"))
    g.add_argument("--number", help=t("arg.doc.number"))
    # `report --date` is the paper's 成文日期; `office set --date` is when the setting was made
    g.add_argument("--date" if per_paper else "--document-date", dest="document_date", help=t("arg.doc.date"))
    g.add_argument("--addressee", help=t("arg.doc.addressee"))
    g.add_argument("--cc", help=t("arg.doc.cc"))
    g.add_argument("--printer", help=t("arg.doc.printer"))
    g.add_argument("--printed", metavar="DATE", help=t("arg.doc.printed"))
    g.add_argument("--contact", help=t("arg.doc.contact"))
    g.add_argument("--phone", help=t("arg.doc.phone"))
    g.add_argument("--marking", help=t("arg.doc.marking"))
    g.add_argument("--signer", action="append", help=t("arg.doc.signer"))
    g.add_argument("--font", action="append", metavar="ROLE=NAMES", help=t("arg.doc.font"))
    g.add_argument("--template", metavar="DOCX", help=t("arg.doc.template"))
    if not per_paper:
        g.add_argument("--number-pattern", help=t("arg.doc.number_pattern"))
        g.add_argument("--bulletin-number", help=t("arg.doc.bulletin_number"))
        g.add_argument("--own-unit", action="append", metavar="UNIT", help=t("arg.doc.own_unit"))
        g.add_argument("--problems", help=t("arg.doc.problems"))
        g.add_argument("--requirements", help=t("arg.doc.requirements"))


def _add_office_commands(sub) -> None:  # type: ignore[no-untyped-def]
    s = _command(sub, "office", "arg.office")
    osub = s.add_subparsers(dest="action", required=True)
    o = _command(osub, "set", "arg.office.set")
    o.add_argument("--paper", help=t("arg.office.paper"))
    o.add_argument("--period", help=t("arg.office.period"))
    document_options(o, per_paper=False)
    _date(o)
    o.set_defaults(func=cmd_office)
    o = _command(osub, "show", "arg.office.show")
    o.add_argument("--paper", help=t("arg.office.paper"))
    o.add_argument("--period", help=t("arg.office.period"))
    o.add_argument("--format", default="table", choices=("table", "json"), help=t("arg.report.format"))
    o.set_defaults(func=cmd_office)


def build_parser() -> argparse.ArgumentParser:
    """The whole tree in the current language; `--lang` defaults to it."""
    epilog = f"{t('arg.epilog')}\n\n{t('arg.time_axes')}"
    p = _Parser(prog="govinfo", description=t("arg.description"), epilog=epilog)
    p.add_argument("--version", action="version", version=f"govinfo {__version__}", help=t("arg.version"))
    p.add_argument("--journal", metavar="DIR", help=t("arg.journal"))
    p.add_argument("--by", metavar="WHO", help=t("arg.by"))
    p.add_argument("--lang", choices=("zh", "en"), default=get_lang(), help=t("arg.lang"))
    p.add_argument("--no-cache", action="store_true", help=t("arg.no_cache"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = _command(sub, "init", "arg.init")
    s.add_argument("dir")
    s.add_argument("--demo", action="store_true", help=t("arg.init.demo"))
    s.set_defaults(func=cmd_init)

    reg = _command(sub, "register", "arg.register")
    rsub = reg.add_subparsers(dest="what", required=True)
    for what in ("unit", "person", "channel"):
        r = _command(rsub, what, f"arg.register.{what}")
        r.add_argument("code")
        r.add_argument("name")
        _date(r)
        if what == "unit":
            r.add_argument(
                "--kind", default="department", choices=("county", "township", "department", "office", "other")
            )
            r.add_argument("--parent")
        if what == "person":
            r.add_argument("--unit", required=True)
            r.add_argument("--role", default="part_time", choices=("full_time", "part_time"))
            r.add_argument("--login")
        if what in ("unit", "person"):
            r.add_argument("--inactive", action="store_true")
        if what == "channel":
            r.add_argument("--level", required=True, choices=E.LEVELS)
            r.add_argument("--publisher")
        r.set_defaults(func=cmd_register)
    r = _command(rsub, "rules", "arg.register.rules")
    r.add_argument("file")
    _date(r)
    r.set_defaults(func=cmd_register)
    r = _command(rsub, "target", "arg.register.target")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--points", type=float, default=0.0)
    r.add_argument("--adoptions", type=int, default=0)
    r.add_argument("--unit")
    r.add_argument("--person")
    r.add_argument("--issued-by")
    r.add_argument("--scheme", default="upward", choices=E.SCHEMES, help=t("arg.scheme"))
    _date(r)
    r.set_defaults(func=cmd_register)

    s = _command(sub, "submit", "arg.submit")
    s.add_argument("title")
    s.add_argument("--unit", action="append", required=True, help=t("arg.submit.unit"))
    s.add_argument("--author", action="append", help=t("arg.submit.author"))
    s.add_argument("--category")
    s.add_argument("--channel", action="append", help=t("arg.submit.channel"))
    s.add_argument("--urgent", action="store_true")
    s.add_argument("--occurred-at", help=t("arg.submit.occurred_at"))
    s.add_argument("--report-kind", choices=("phone", "written"))
    s.add_argument("--commission")
    s.add_argument("--text")
    _date(s)
    s.set_defaults(func=cmd_submit)

    s = _command(sub, "adopt", "arg.adopt")
    s.add_argument("item")
    s.add_argument("--channel", required=True)
    s.add_argument("--issue")
    s.add_argument("--form", default="单条")
    s.add_argument("--unit", action="append", help=t("arg.adopt.unit"))
    s.add_argument("--points", type=float, help=t("arg.adopt.points"))
    s.add_argument("--scheme", choices=E.SCHEMES, help=t("arg.adopt.scheme", schemes=t("arg.scheme")))
    s.add_argument("--reason")
    _date(s)
    s.set_defaults(func=cmd_adopt)

    s = _command(sub, "comment", "arg.comment")
    s.add_argument("item")
    s.add_argument("--leader", required=True)
    s.add_argument("--level", required=True, choices=E.LEVELS, help=t("arg.comment.level"))
    s.add_argument("--stance", default="affirmative", choices=("affirmative", "directive"))
    s.add_argument("--principal", action="store_true", help=t("arg.comment.principal"))
    s.add_argument("--text")
    _date(s)
    s.set_defaults(func=cmd_comment)

    s = _command(sub, "score", "arg.score")
    s.add_argument("--points", type=float, required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--unit")
    s.add_argument("--person")
    s.add_argument("--item")
    s.add_argument("--replaces", metavar="SCORE_ID", help=t("arg.score.replaces"))
    s.add_argument("--rule", help=t("arg.score.rule"))
    s.add_argument("--scheme", choices=E.SCHEMES, help=t("arg.score.scheme", schemes=t("arg.scheme")))
    _date(s)
    s.set_defaults(func=cmd_score)

    s = _command(sub, "amend", "arg.amend")
    s.add_argument("item")
    s.add_argument("--title")
    s.add_argument("--unit", action="append", help=t("arg.amend.unit"))
    s.add_argument("--author", action="append")
    s.add_argument("--category")
    s.add_argument("--reason")
    _date(s)
    s.set_defaults(func=cmd_amend)

    s = _command(sub, "rescore", "arg.rescore")
    s.add_argument("--period", help=t("arg.rescore.period"))
    s.add_argument("--scheme", choices=E.SCHEMES, help=t("arg.rescore.scheme", schemes=t("arg.scheme")))
    s.add_argument("--record", action="store_true", help=t("arg.rescore.record"))
    s.add_argument("--reason", help=t("arg.rescore.reason"))
    _date(s, "arg.rescore.date")
    s.add_argument("--format", default="table", choices=("table", "json", "csv"), help=t("arg.report.format"))
    s.set_defaults(func=cmd_rescore)

    for verb in ("forward", "return", "withdraw"):
        s = _command(sub, verb, f"arg.{verb}")
        s.add_argument("item")
        if verb == "forward":
            s.add_argument("--channel", action="append", required=True)
            s.add_argument("--note")
        else:
            s.add_argument("--reason", required=True)
        _date(s)
        s.set_defaults(func=cmd_item_verb)

    s = _command(sub, "void", "arg.void")
    s.add_argument("event")
    s.add_argument("--reason", required=True)
    _date(s)
    s.set_defaults(func=cmd_void)

    s = _command(sub, "restore", "arg.restore")
    s.add_argument("void", help=t("arg.restore.void"))
    s.add_argument("--reason", required=True)
    _date(s)
    s.set_defaults(func=cmd_restore)

    _add_paperwork_commands(sub)
    _add_reconciling_commands(sub)
    _add_office_commands(sub)
    _add_meeting_command(sub)

    s = _command(sub, "append", "arg.append")
    s.add_argument("file", nargs="?")
    s.add_argument("--any-date", action="store_true", help=t("arg.any_date"))
    s.set_defaults(func=cmd_append)

    s = _command(sub, "repair", "arg.repair")
    s.set_defaults(func=cmd_repair)

    s = _command(sub, "check", "arg.check")
    s.add_argument("--rev", help=t("arg.check.rev"))
    s.set_defaults(func=cmd_check)

    for name, func in (("report", cmd_report), ("replay", cmd_replay)):
        s = _command(sub, name, f"arg.{name}")
        s.epilog = _report_kinds() if name == "report" else None
        if name == "report":
            s.add_argument("report", choices=REPORTS, help=t("arg.report.report"))
            s.add_argument("--period", help=t("arg.report.period"))
            s.add_argument("--by", dest="by_what", default="unit", choices=("unit", "person"), help=t("arg.report.by"))
            s.add_argument("--kind", help=t("arg.report.kind"))
            s.add_argument("--item", help=t("arg.report.item"))
            s.add_argument("--issue", help=t("arg.report.issue"))
            s.add_argument("--channel", help=t("arg.report.channel"))
            s.add_argument("--table", help=t("arg.report.table"))
            s.add_argument("--scheme", choices=E.SCHEMES, help=t("arg.report.scheme"))
            s.add_argument("--year", type=int, help=t("arg.report.year"))
            s.add_argument("--commission", metavar="CODE", help=t("arg.report.commission"))
            s.add_argument("--follow-up", metavar="ID", help=t("arg.report.follow_up"))
            s.add_argument("--unit", metavar="CODE", help=t("arg.report.unit"))
            s.add_argument("-o", "--output", metavar="FILE", help=t("arg.report.output"))
            s.add_argument("--force", action="store_true", help=t("arg.report.force"))
            s.add_argument("--include-own", action="store_true", help=t("arg.report.include_own"))
            document_options(s, per_paper=True)
        s.add_argument("--as-of", metavar="DATE", help=t("arg.report.as_of"))
        s.add_argument("--known-at", metavar="DATETIME", help=t("arg.report.known_at"))
        s.add_argument("--rev", help=t("arg.report.rev"))
        formats = ("table", *export.FORMATS) if name == "report" else ("table", "json", "csv")
        s.add_argument("--format", default="table", choices=formats, help=t("arg.report.format"))
        s.set_defaults(func=func)

    s = _command(sub, "serve", "arg.serve")
    s.add_argument("--host", default="127.0.0.1", help=t("arg.serve.host"))
    s.add_argument("--port", type=int, default=8000, help=t("arg.serve.port"))
    s.add_argument("--token", help=t("arg.serve.token"))
    s.add_argument("--public-url", metavar="URL", help=t("arg.serve.public_url"))
    s.set_defaults(func=cmd_serve)
    _allow_any_date(p)
    return p


def _allow_any_date(parser: argparse.ArgumentParser) -> None:
    """Every verb that takes --date also takes --any-date: a date far outside the journal's
    range (a year ahead of today, or twenty years before its first events) is refused as a
    likely typo unless asked for."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _allow_any_date(child)
    if "--date" in parser._option_string_actions:
        parser.add_argument("--any-date", action="store_true", help=t("arg.any_date"))
