"""The command line's own words in English: its confirmations, its help (argparse's frame
around it included) and the headings of the tables it prints for people, by the keys of the
rows scripts read (`field.*`, the keys themselves in English).
"""

from __future__ import annotations

CLI: dict[str, str] = {
    "cli.error_line": "govinfo: error: {message}",
    "cli.date_not_understood": "date {text!r} not understood; use YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    "cli.deadline_not_understood": "deadline {text!r} not understood; use YYYY-MM-DD",
    "cli.penalize_needs_month": "penalize quota needs --month YYYY-MM",
    "cli.timeline_needs_item": "report timeline needs --item ID",
    "cli.created": "created journal {root}; put it under git with: git -C {root} init && git -C {root} add -A",
    "cli.created_demo": (
        "created journal {root}, a copy of the demo journal you may write to; "
        "put it under git with: git -C {root} init && git -C {root} add -A"
    ),
    "cli.wrote": "wrote {path}",
    "cli.recorded": "{type} {id}",
    "cli.recorded.item": " item {item}",
    "cli.check_summary": "{events} events, {items} items, {n} problem{s}",
    "cli.where_event": "event {id}",
    "arg.usage": "usage: ",
    "arg.positionals": "positional arguments",
    "arg.options": "options",
    "arg.help": "show this help message and exit",
    "arg.version": "show program's version number and exit",
    "arg.description": "政务信息工作记录 — government-information record keeper",
    "arg.epilog": (
        "examples:\n"
        "  govinfo                                   open the app\n"
        "  govinfo init DIR --demo                   a copy of the demo journal to practise on\n"
        "  govinfo report summary --period 2011-H1   the first half of 2011"
    ),
    "arg.journal": "journal folder (else $GOVINFO_JOURNAL, ./journal, the demo)",
    "arg.by": "who records (default: your login)",
    "arg.lang": "language: zh (the default) or en; also $GOVINFO_LANG or an English locale",
    "arg.date": "when (YYYY-MM-DD or YYYY-MM-DDTHH:MM; default now)",
    "arg.ymd": "YYYY-MM-DD",
    "arg.init": "create a new journal folder, ready for git",
    "arg.init.demo": "fill it with a copy of the demo journal, to practise on",
    "arg.register": "register a unit, person, channel, rule set or target",
    "arg.register.unit": "a unit (township, department ...)",
    "arg.register.person": "an officer who writes items",
    "arg.register.channel": "a publication that adopts items",
    "arg.register.rules": "a rule set from a JSON file (or - for stdin)",
    "arg.register.target": "an annual target of a unit or a person",
    "arg.submit": "record an item submitted by a unit",
    "arg.submit.author": "person code; repeat for several",
    "arg.submit.channel": "channel it goes to; repeat for several",
    "arg.submit.occurred_at": "when the urgent event happened",
    "arg.adopt": "record that a publication adopted an item (and its score)",
    "arg.adopt.unit": "credited unit of a combined adoption; repeat",
    "arg.adopt.points": "points by hand instead of the rules (needs --reason)",
    "arg.comment": "record a leader's comment on an item",
    "arg.comment.principal": "a principal leader (主要领导)",
    "arg.score": "a score by hand, a penalty, or an override of a score",
    "arg.score.replaces": "override this score (it is voided)",
    "arg.score.rule": "rule name, e.g. 2011/penalty:missed_quota",
    "arg.amend": "correct an item's fields",
    "arg.forward": "forward an item to channels",
    "arg.return": "return an item to its unit",
    "arg.withdraw": "withdraw an item",
    "arg.void": "void an event (and the scores it produced)",
    "arg.append": "append validated raw JSONL events from a file or stdin, all or nothing",
    "arg.repair": ("remove what interrupted writes left, keeping a copy (the one command that rewrites the journal)"),
    "arg.check": "report bad lines, unscored adoptions, wrong scores, failed assertions",
    "arg.check.rev": "check the journal as it was at this git revision",
    "arg.report": "print a report",
    "arg.replay": "the year to date as of a date",
    "arg.report.report": "which report",
    "arg.report.period": "2011, 2011-06, 2011-Q2, 2011-H1 or 2011-01..2011-06",
    "arg.report.by": "rank units or people",
    "arg.report.kind": "only units (or people of units) of this kind, e.g. township",
    "arg.report.item": "the item (report timeline)",
    "arg.report.issue": "bulletin issue YEAR-NUMBER, e.g. 2011-24 (supplement: 2011-S2)",
    "arg.report.channel": "the bulletin's channel, when there are several",
    "arg.report.table": "which of the report's tables to write as CSV (default: the first)",
    "arg.report.output": "write to FILE (xlsx and docx need one)",
    "arg.report.force": "overwrite FILE if it exists",
    "arg.report.as_of": "business time: what had happened by the end of DATE, with every correction recorded since",
    "arg.report.known_at": (
        "recording time: only what had been recorded by then (a date: its end), uncorrected by later voids"
    ),
    "arg.time_axes": (
        "time: every event has two times.\n"
        "  business time   when it happened in the office (--date when recording); --as-of DATE cuts it\n"
        "  recording time  when it was written into the journal; --known-at DATETIME cuts it\n"
        "A correction (void, score override, amendment) corrects the record at the business time of\n"
        "what it corrects: every --as-of view shows the corrected figures. Only a --known-at (or\n"
        "--rev) view from before the correction was recorded shows the figures as they were then."
    ),
    "arg.report.rev": "the journal as it was at this git revision",
    "arg.report.format": "table for people; json and csv for scripts; md, xlsx, docx for papers",
    "arg.serve": "serve the app in a web browser, to whoever has the address it prints",
    "arg.serve.host": "address to bind (default 127.0.0.1)",
    "arg.serve.port": "port (default 8000)",
    "arg.serve.token": (
        "the secret the address carries (default: $GOVINFO_SERVE_TOKEN, else a new random one); "
        "other users can read a command line, so prefer the variable"
    ),
    "arg.serve.public_url": "the address browsers use when a reverse proxy stands in front, e.g. https://office.example/govinfo",
    "arg.topic": "record a topic (选题) planned at the weekly meeting",
    "arg.topic.id": "topic id (default: XT-YEAR-NN, the next free)",
    "arg.commission": "commission (约稿) an item from a unit or person by a deadline",
    "arg.commission.title": "what is asked for (default: the topic's title)",
    "arg.commission.person": "the officer asked (their unit is taken unless --unit)",
    "arg.commission.topic": "the topic it serves",
    "arg.commission.id": "commission id (default: YG-YEAR-NN, the next free)",
    "arg.fulfil": "record that an item fulfils a commission",
    "arg.fulfil.date": "default: when the item was submitted",
    "arg.follow_up": "record a follow-up (督办) of a commission or an item",
    "arg.follow_up.note": "what was done, e.g. 电话督促",
    "arg.penalize": "record the rules' penalty for a missed commission, a late urgent item or a missed quota",
    "arg.penalize.id": "the commission id, the urgent item's id, or the officer (quota)",
    "arg.penalize.month": "quota: the month missed, YYYY-MM",
    "arg.penalize.reason": "default: says what was missed and by how much",
    "arg.penalize.date": "when the penalty counts (its period); quota: default the month's end",
    "arg.bulletin": "publish an issue of the office's bulletin, or show the next number",
    "arg.bulletin.publish": "compose an issue from items, in the order given",
    "arg.bulletin.channel": "the bulletin (default: the one last published)",
    "arg.bulletin.year": "default: the year of --date",
    "arg.bulletin.number": "default: the next number of that year",
    "arg.bulletin.total": "总第N期 (default: runs on from the previous issue)",
    "arg.bulletin.supplement": "a supplement (增刊), numbered apart",
    "arg.bulletin.title": "a title for the issue (e.g. a supplement's theme)",
    "arg.bulletin.editor": "editing office (default: the previous issue's)",
    "arg.bulletin.recipients": "{word}: recipient; repeat (default: the previous issue's)",
    "arg.bulletin.print_run": "copies printed (default: the previous issue's)",
    "arg.bulletin.next": "the next issue number (JSON)",
    "arg.scheme": "upward: what the city/province awards the county; internal: what the county awards its units",
    "arg.any_date": "record a date outside the journal's range (a year ahead, or twenty years before its start)",
    "arg.reward": "record the monthly base points (基础分) of every officer who met the month's quota",
    "arg.reward.month": "the month, YYYY-MM",
    "arg.submit.unit": "the unit; repeat for a joint item (联合报送): the first leads, adoptions credit them all",
    "arg.adopt.scheme": (
        "where --points count (default: internal for a county-level publication, else upward); {schemes}"
    ),
    "arg.comment.level": "the leader's level, which decides the bonus points",
    "arg.score.scheme": "default: the replaced score's, else internal for --person, else upward; {schemes}",
    "arg.report.scheme": (
        "whose points: summary defaults to upward; ranking, quota, notice and appraisal rank "
        "units and officers in internal; targets shows both"
    ),
    "arg.report.summary": "figures of a period",
    "arg.report.ranking": "units or officers ranked",
    "arg.report.quota": "monthly quota of each officer",
    "arg.report.targets": "annual targets and how far they are met",
    "arg.report.timeline": "one item's events (--item)",
    "arg.report.changes": "what was recorded in a period",
    "arg.report.city-ranking": "the city's places for the county",
    "arg.report.problems": "journal lines that do not read",
    "arg.report.kinds": "reports:",
    # the operating system's refusals (`i18n.os_error`)
    "os.ENOENT": "No such file or directory",
    "os.EACCES": "Permission denied",
    "os.EPERM": "Operation not permitted",
    "os.EISDIR": "Is a directory",
    "os.ENOTDIR": "Not a directory",
    "os.ENOSPC": "No space left on device",
    "os.EROFS": "Read-only file system",
    "os.EEXIST": "File exists",
    # table headings for people
    "field.period": "period",
    "field.from": "from",
    "field.to": "to",
    "field.as_of": "as_of",
    "field.office": "office",
    "field.items": "items",
    "field.submitted": "submitted",
    "field.adopted": "adopted",
    "field.adopted_by_level": "adopted_by_level",
    "field.adopted_items": "adopted_items",
    "field.points": "points",
    "field.target": "target",
    "field.completion": "completion",
    "field.leader_comments": "leader_comments",
    "field.affirmative_comments": "affirmative_comments",
    "field.bulletin_issues": "bulletin_issues",
    "field.bulletin_supplements": "bulletin_supplements",
    "field.rank": "rank",
    "field.code": "code",
    "field.name": "name",
    "field.kind": "kind",
    "field.national": "national",
    "field.province": "province",
    "field.city": "city",
    "field.county": "county",
    "field.comments": "comments",
    "field.ytd_points": "ytd_points",
    "field.unit": "unit",
    "field.subject": "subject",
    "field.issued_by": "issued_by",
    "field.role": "role",
    "field.below": "below",
    "field.commission": "commission",
    "field.title": "title",
    "field.person": "person",
    "field.deadline": "deadline",
    "field.status": "status",
    "field.item": "item",
    "field.followups": "followups",
    "field.at": "at",
    "field.type": "type",
    "field.by": "by",
    "field.id": "id",
    "field.what": "what",
    "field.voided": "voided",
    "field.year": "year",
    "field.place": "place",
    "field.of": "of",
    "field.source": "source",
    "field.where": "where",
    "field.reason": "reason",
    "field.text": "text",
    "field.events": "events",
    "field.problems": "problems",
    "field.key": "key",
    "field.value": "value",
    "field.scheme": "scheme",
    "arg.import": "read the city's own figures against the journal",
    "arg.import.adoptions": (
        "read the city's list of adoptions (CSV or xlsx) against the journal: on record, not recorded, "
        "recorded but not in the list"
    ),
    "arg.import.file": "the city's list: .xlsx, or CSV in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16",
    "arg.import.rules": "a rules file mapping the list's columns (see below); without one the header row names them",
    "arg.import.record": "record the adoptions not on record, scored by the rules, in one write (all or nothing)",
    "arg.import.period": (
        "the period the list covers, for what it lacks (default: the months of its dates), e.g. 2011-06"
    ),
    "arg.import.table": "with --format csv: the table to write (all, matched, missing, unlisted, bad)",
    "arg.import.epilog": (
        "Without --rules, the first row names the columns: 标题 (title), 单位 (unit), 刊物 (publication),\n"
        "期号 (issue), 日期 (date), optionally 形式 (form). A rules file, one directive a line:\n"
        "  skip 2                          rows before the header (or before the data)\n"
        "  fields _, title, unit, publication, issue, date    columns by position, no header\n"
        "  column 信息标题 = title          a header name and the field it holds\n"
        "  date-format %Y年%m月%d日          how dates are written\n"
        "  publication kb                  a value for every row (the list of one publication)\n"
        "  alias publication 快报 = kb      names the list uses for a publication or a unit\n"
        "  alias unit 文江 = wj\n"
        "  encoding gbk | separator tab | sheet 采用情况 | skip-if ^合计 | similarity 0.8 | window 90\n"
        "Rows are matched by title (exact, then alike), unit and date; ambiguous rows are shown, never\n"
        "recorded. Then assert the city's total: govinfo assert UNIT --period P --points N --source NOTICE"
    ),
    "arg.assert": "assert an official total (the city's notice), which `govinfo check` reconciles",
    "arg.assert.unit": "the unit the total is for (the county's code, for the city's total)",
    "arg.assert.period": "the period the total covers, e.g. 2011-01..2011-06 or 2011",
    "arg.assert.points": "the points the notice gives",
    "arg.assert.source": "the notice, e.g. 宜宾市政府办公室2011年6月政务信息工作通报",
    "arg.assert.scheme": "the ledger to hold it to (default upward, the city's scoring of the county); {schemes}",
    "arg.import.format": "table to read; json and csv for scripts",
    "arg.commission.requirements": "what the office asks for, printed in the commission notice",
    "arg.report.year": "the year of a targets notice or a commendation (same as --period YEAR)",
    "arg.report.commission": "the commission a commission notice is about (its code)",
    "arg.report.follow_up": "the follow-up a follow-up slip is about (its id, or a commission's code: its latest)",
    "arg.report.unit": "the unit an adoption slip is about (its code)",
    "arg.meeting": "record the weekly consultation meeting (信息会商会): attendees and the topics it set",
    "arg.meeting.attendee": "someone who sat at it (once for each, or several separated by 、)",
    "arg.meeting.topic": (
        "a topic (选题) it set: a new topic's title, or the code of one planned before (once for each)"
    ),
    "arg.meeting.chair": "the leader who chaired it",
    "arg.meeting.briefing": "the government's latest work it was told of",
    "arg.meeting.id": "meeting id (default: HS-YEAR-NN, the next free)",
    "arg.meeting.date": "the day it was held (default: today)",
    "cli.check_notes": "{n} note{s} (weeks without a consultation meeting); notes do not fail the check",
    "arg.no_cache": (
        "work the answer out afresh, neither reusing nor keeping one in the journal's .cache/ (also GOVINFO_NO_CACHE=1)"
    ),
}
