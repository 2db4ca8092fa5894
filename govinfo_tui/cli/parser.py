"""The argparse tree: every verb, its options and its help text."""

from __future__ import annotations

import argparse
import os

from .. import __version__
from ..core import events as E
from ..core import export
from .faces import cmd_serve
from .reading import REPORTS, cmd_check, cmd_replay, cmd_report
from .writes import (
    cmd_adopt,
    cmd_amend,
    cmd_append,
    cmd_bulletin,
    cmd_comment,
    cmd_commission,
    cmd_follow_up,
    cmd_fulfil,
    cmd_init,
    cmd_item_verb,
    cmd_penalize,
    cmd_register,
    cmd_repair,
    cmd_reward,
    cmd_score,
    cmd_submit,
    cmd_topic,
    cmd_void,
)

SCHEME_HELP = "upward: what the city/province awards the county; internal: what the county awards its units"
ANY_DATE_HELP = "record a date outside the journal's range (a year ahead, or twenty years before its start)"


def _add_paperwork_commands(sub) -> None:
    s = sub.add_parser("topic", help="record a topic (选题) planned at the weekly meeting")
    s.add_argument("title")
    s.add_argument("--id", help="topic id (default: XT-YEAR-NN, the next free)")
    s.add_argument("--note")
    s.add_argument("--date")
    s.set_defaults(func=cmd_topic)

    s = sub.add_parser("commission", help="commission (约稿) an item from a unit or person by a deadline")
    s.add_argument("title", nargs="?", help="what is asked for (default: the topic's title)")
    s.add_argument("--unit")
    s.add_argument("--person", help="the officer asked (their unit is taken unless --unit)")
    s.add_argument("--deadline", required=True, help="YYYY-MM-DD")
    s.add_argument("--topic", help="the topic it serves")
    s.add_argument("--id", help="commission id (default: YG-YEAR-NN, the next free)")
    s.add_argument("--date")
    s.set_defaults(func=cmd_commission)

    s = sub.add_parser("fulfil", help="record that an item fulfils a commission")
    s.add_argument("commission")
    s.add_argument("item")
    s.add_argument("--date", help="default: when the item was submitted")
    s.set_defaults(func=cmd_fulfil)

    s = sub.add_parser("follow-up", help="record a follow-up (督办) of a commission or an item")
    s.add_argument("commission", nargs="?")
    s.add_argument("--item")
    s.add_argument("--note", required=True, help="what was done, e.g. 电话督促")
    s.add_argument("--date")
    s.set_defaults(func=cmd_follow_up)

    s = sub.add_parser(
        "penalize", help="record the rules' penalty for a missed commission, a late urgent item or a missed quota"
    )
    s.add_argument("what", choices=("commission", "urgent", "quota"))
    s.add_argument("id", help="the commission id, the urgent item's id, or the officer (quota)")
    s.add_argument("--month", help="quota: the month missed, YYYY-MM")
    s.add_argument("--reason", help="default: says what was missed and by how much")
    s.add_argument("--date", help="when the penalty counts (its period); quota: default the month's end")
    s.set_defaults(func=cmd_penalize)

    s = sub.add_parser(
        "reward", help="record the monthly base points (基础分) of every officer who met the month's quota"
    )
    s.add_argument("what", choices=("quota",))
    s.add_argument("--month", required=True, help="the month, YYYY-MM")
    s.set_defaults(func=cmd_reward)

    s = sub.add_parser("bulletin", help="publish an issue of the office's bulletin, or show the next number")
    bsub = s.add_subparsers(dest="action", required=True)
    b = bsub.add_parser("publish", help="compose an issue from items, in the order given")
    b.add_argument("items", nargs="+", metavar="ITEM")
    b.add_argument("--channel", help="the bulletin (default: the one last published)")
    b.add_argument("--year", type=int, help="default: the year of --date")
    b.add_argument("--number", type=int, help="default: the next number of that year")
    b.add_argument("--total-number", type=int, help="总第N期 (default: runs on from the previous issue)")
    b.add_argument("--supplement", action="store_true", help="a supplement (增刊), numbered apart")
    b.add_argument("--title", help="a title for the issue (e.g. a supplement's theme)")
    b.add_argument("--editor", help="editing office (default: the previous issue's)")
    for flag, word in (("--up", "报"), ("--same", "送"), ("--down", "发")):
        b.add_argument(flag, action="append", help=f"{word}: recipient; repeat (default: the previous issue's)")
    b.add_argument("--print-run", type=int, help="copies printed (default: the previous issue's)")
    b.add_argument("--date")
    b.set_defaults(func=cmd_bulletin)
    b = bsub.add_parser("next", help="the next issue number (JSON)")
    b.add_argument("--channel")
    b.add_argument("--year", type=int)
    b.add_argument("--supplement", action="store_true")
    b.set_defaults(func=cmd_bulletin)


# --- parser --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govinfo", description="政务信息工作记录 — government-information record keeper")
    p.add_argument("--version", action="version", version=f"govinfo {__version__}")
    p.add_argument("--journal", metavar="DIR", help="journal folder (else $GOVINFO_JOURNAL, ./journal, the demo)")
    p.add_argument("--by", metavar="WHO", help="who records (default: your login)")
    p.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("GOVINFO_LANG", "zh"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("init", help="create a new journal folder, ready for git")
    s.add_argument("dir")
    s.set_defaults(func=cmd_init)

    reg = sub.add_parser("register", help="register a unit, person, channel, rule set or target")
    rsub = reg.add_subparsers(dest="what", required=True)
    for what in ("unit", "person", "channel"):
        r = rsub.add_parser(what)
        r.add_argument("code")
        r.add_argument("name")
        r.add_argument("--date")
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
    r = rsub.add_parser("rules", help="a rule set from a JSON file (or - for stdin)")
    r.add_argument("file")
    r.add_argument("--date")
    r.set_defaults(func=cmd_register)
    r = rsub.add_parser("target")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--points", type=float, default=0.0)
    r.add_argument("--adoptions", type=int, default=0)
    r.add_argument("--unit")
    r.add_argument("--person")
    r.add_argument("--issued-by")
    r.add_argument("--scheme", default="upward", choices=E.SCHEMES, help=SCHEME_HELP)
    r.add_argument("--date")
    r.set_defaults(func=cmd_register)

    s = sub.add_parser("submit", help="record an item submitted by a unit")
    s.add_argument("title")
    s.add_argument(
        "--unit",
        action="append",
        required=True,
        help="the unit; repeat for a joint item (联合报送): the first leads, adoptions credit them all",
    )
    s.add_argument("--author", action="append", help="person code; repeat for several")
    s.add_argument("--category")
    s.add_argument("--channel", action="append", help="channel it goes to; repeat for several")
    s.add_argument("--urgent", action="store_true")
    s.add_argument("--occurred-at", help="when the urgent event happened")
    s.add_argument("--report-kind", choices=("phone", "written"))
    s.add_argument("--commission")
    s.add_argument("--text")
    s.add_argument("--date")
    s.set_defaults(func=cmd_submit)

    s = sub.add_parser("adopt", help="record that a publication adopted an item (and its score)")
    s.add_argument("item")
    s.add_argument("--channel", required=True)
    s.add_argument("--issue")
    s.add_argument("--form", default="单条")
    s.add_argument("--unit", action="append", help="credited unit of a combined adoption; repeat")
    s.add_argument("--points", type=float, help="points by hand instead of the rules (needs --reason)")
    s.add_argument(
        "--scheme",
        choices=E.SCHEMES,
        help="where --points count (default: internal for a county-level publication, else upward); " + SCHEME_HELP,
    )
    s.add_argument("--reason")
    s.add_argument("--date")
    s.set_defaults(func=cmd_adopt)

    s = sub.add_parser("comment", help="record a leader's comment on an item")
    s.add_argument("item")
    s.add_argument("--leader", required=True)
    s.add_argument(
        "--level", required=True, choices=E.LEVELS, help="the leader's level, which decides the bonus points"
    )
    s.add_argument("--stance", default="affirmative", choices=("affirmative", "directive"))
    s.add_argument("--principal", action="store_true", help="a principal leader (主要领导)")
    s.add_argument("--text")
    s.add_argument("--date")
    s.set_defaults(func=cmd_comment)

    s = sub.add_parser("score", help="a score by hand, a penalty, or an override of a score")
    s.add_argument("--points", type=float, required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--unit")
    s.add_argument("--person")
    s.add_argument("--item")
    s.add_argument("--replaces", metavar="SCORE_ID", help="override this score (it is voided)")
    s.add_argument("--rule", help="rule name, e.g. 2011/penalty:missed_quota")
    s.add_argument(
        "--scheme",
        choices=E.SCHEMES,
        help="default: the replaced score's, else internal for --person, else upward; " + SCHEME_HELP,
    )
    s.add_argument("--date")
    s.set_defaults(func=cmd_score)

    s = sub.add_parser("amend", help="correct an item's fields")
    s.add_argument("item")
    s.add_argument("--title")
    s.add_argument("--unit")
    s.add_argument("--author", action="append")
    s.add_argument("--category")
    s.add_argument("--reason")
    s.add_argument("--date")
    s.set_defaults(func=cmd_amend)

    for verb, helptext in (
        ("forward", "forward an item to channels"),
        ("return", "return an item to its unit"),
        ("withdraw", "withdraw an item"),
    ):
        s = sub.add_parser(verb, help=helptext)
        s.add_argument("item")
        if verb == "forward":
            s.add_argument("--channel", action="append", required=True)
            s.add_argument("--note")
        else:
            s.add_argument("--reason", required=True)
        s.add_argument("--date")
        s.set_defaults(func=cmd_item_verb)

    s = sub.add_parser("void", help="void an event (and the scores it produced)")
    s.add_argument("event")
    s.add_argument("--reason", required=True)
    s.add_argument("--date")
    s.set_defaults(func=cmd_void)

    _add_paperwork_commands(sub)

    s = sub.add_parser("append", help="append validated raw JSONL events from a file or stdin, all or nothing")
    s.add_argument("file", nargs="?")
    s.add_argument("--any-date", action="store_true", help=ANY_DATE_HELP)
    s.set_defaults(func=cmd_append)

    s = sub.add_parser(
        "repair", help="remove what interrupted writes left, keeping a copy (the one command that rewrites the journal)"
    )
    s.set_defaults(func=cmd_repair)

    s = sub.add_parser("check", help="report bad lines, unscored adoptions, wrong scores, failed assertions")
    s.add_argument("--rev", help="check the journal as it was at this git revision")
    s.set_defaults(func=cmd_check)

    for name, func, helptext in (
        ("report", cmd_report, "print a report"),
        ("replay", cmd_replay, "the year to date as of a date"),
    ):
        s = sub.add_parser(name, help=helptext)
        if name == "report":
            s.add_argument("report", choices=REPORTS)
            s.add_argument("--period", help="2011, 2011-06, 2011-Q2, 2011-H1 or 2011-01..2011-06")
            s.add_argument("--by", dest="by_what", default="unit", choices=("unit", "person"))
            s.add_argument("--kind", help="only units (or people of units) of this kind, e.g. township")
            s.add_argument("--item")
            s.add_argument("--issue", help="bulletin issue YEAR-NUMBER, e.g. 2011-24 (supplement: 2011-S2)")
            s.add_argument("--channel", help="the bulletin's channel, when there are several")
            s.add_argument("--table", help="which of the report's tables to write as CSV (default: the first)")
            s.add_argument(
                "--scheme",
                choices=E.SCHEMES,
                help="whose points: summary defaults to upward; ranking, quota, notice and appraisal rank "
                "units and officers in internal; targets shows both",
            )
            s.add_argument("-o", "--output", metavar="FILE", help="write to FILE (xlsx and docx need one)")
            s.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
        s.add_argument("--as-of", help="the state as it stood at the end of this date")
        s.add_argument("--rev", help="the journal as it was at this git revision")
        formats = ("table", *export.FORMATS) if name == "report" else ("table", "json", "csv")
        s.add_argument("--format", default="table", choices=formats)
        s.set_defaults(func=func)

    s = sub.add_parser("serve", help="serve the app in a web browser, to whoever has the address it prints")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument(
        "--token",
        help="the secret the address carries (default: $GOVINFO_SERVE_TOKEN, else a new random one); "
        "other users can read a command line, so prefer the variable",
    )
    s.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use when a reverse proxy stands in front, e.g. https://office.example/govinfo",
    )
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
        parser.add_argument("--any-date", action="store_true", help=ANY_DATE_HELP)
