"""The fuzz corpus: malformed and mischievous journal lines, by category, made the same way every run.

Each `Case` is the lines of one `govinfo append` input, and `wrong` says whether they must not
count as they are: a write must refuse them, and a reader given them straight in a file must
name them (as a bad line, or through `check`). The categories follow the reliability review's
fuzzing (§4): random bytes, truncated JSON, wrong types, huge numbers, NaN, odd points,
unknown types, references to nothing, dates, big lines, encodings, deep nesting, ids,
all-or-nothing, voids, rules, assertions and cycles, plus good lines that must go through.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from govinfo_tui.core import events as E

from ..conftest import small_events

AT = "2011-03-28T09:00:00+08:00"
BASE = small_events()  # the journal every case starts from
IDS = {type(ev).__name__: ev.id for ev in BASE}  # the last event of each type
SOURCE = next(ev.id for ev in BASE if isinstance(ev, E.ItemAdopted))

# one good line of each type, against BASE (an adoption or a commission comes with its sequel)
GOOD: dict[str, list[dict]] = {
    "unit_registered": [{"unit": "lc", "name": "罗场镇", "kind": "township", "parent": "gx"}],
    "person_registered": [{"person": "p9", "name": "赵六", "unit": "wj"}],
    "channel_registered": [{"channel": "gw", "name": "国务院信息", "level": "national"}],
    "rules_set": [{"ruleset": "R2", "effective": "2011-04-01", "adoption": [{"channel": "kb", "points": 2}]}],
    "target_set": [{"year": 2011, "unit": "qf", "points": 8}],
    "item_submitted": [{"item": "F-1", "title": "模糊测试", "unit": "wj", "authors": ["p1"], "channels": ["kb"]}],
    "item_amended": [{"item": "A3", "title": "改过的标题", "reason": "改"}],
    "item_forwarded": [{"item": "A4", "channels": ["kb"]}],
    "item_returned": [{"item": "A4", "reason": "要素不全"}],
    "item_withdrawn": [{"item": "A4", "reason": "撤回"}],
    "item_adopted": [
        {"item": "A4", "channel": "cz", "id": "F-AD"},
        {"type": "scored", "points": 3, "source": "F-AD", "item": "A4", "credits": [{"unit": "nyj", "points": 3}]},
    ],
    "scored": [{"points": 1, "credits": [{"unit": "wj", "points": 1}], "reason": "奖励", "rule": "manual"}],
    "leader_commented": [{"item": "A4", "leader": "县长", "level": "county"}],
    "bulletin_published": [{"channel": "gxzw", "year": 2011, "number": 2, "items": ["A2"]}],
    "topic_planned": [{"topic": "XT-9", "title": "选题"}],
    "commissioned": [{"commission": "YG-9", "title": "约稿", "unit": "wj", "deadline": "2011-04-10"}],
    "commission_fulfilled": [
        {"type": "commissioned", "commission": "YG-8", "title": "约稿", "unit": "wj", "deadline": "2011-04-10"},
        {"commission": "YG-8", "item": "A5", "at": "2011-03-29T09:00:00+08:00"},
    ],
    "followed_up": [{"item": "A4", "note": "电话督促"}],
    "score_asserted": [{"unit": "gx", "period": "2011-03", "points": 17}],
    "ranking_recorded": [{"unit": "gx", "year": 2011, "place": 3, "of": 20}],
    "event_voided": [{"target": IDS["BulletinPublished"], "reason": "误录"}],
    "meeting_held": [{"meeting": "HS-9", "attendees": ["王敏", "刘洋"], "chair": "副主任", "briefing": "春耕"}],
}


@dataclass(frozen=True)
class Case:
    name: str
    category: str
    lines: tuple[bytes, ...]
    wrong: bool

    @property
    def data(self) -> bytes:
        return b"".join(line + b"\n" for line in self.lines)


def event(kind: str, /, **fields: object) -> dict:
    """A line of type `kind`: its good fields, then `fields` (a value of ... drops the field)."""
    body = {"type": kind, "at": AT, **GOOD[kind][0], **fields}
    return {k: v for k, v in body.items() if v is not ...}


def dump(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def lines_of(kind: str) -> tuple[bytes, ...]:
    return tuple(dump({"type": kind, "at": AT, **fields}) for fields in GOOD[kind])


# --- the categories ----------------------------------------------------------------------


def good_lines(rng: random.Random) -> Iterator[Case]:
    for kind in GOOD:
        yield Case(f"good {kind}", "good", lines_of(kind), wrong=False)


def random_bytes(rng: random.Random) -> Iterator[Case]:
    for n in range(30):
        yield Case(f"random bytes {n}", "random bytes", (rng.randbytes(rng.randint(1, 300)),), wrong=True)


def truncated(rng: random.Random) -> Iterator[Case]:
    kinds = list(GOOD)
    for n in range(30):
        whole = lines_of(kinds[n % len(kinds)])[0]
        yield Case(f"truncated {n}", "truncated JSON", (whole[: rng.randint(1, len(whole) - 1)],), wrong=True)


WRONG_VALUES: list[object] = [7, "七", [], {}, None, True, 1.5, ["x"]]


def wrong_types(rng: random.Random) -> Iterator[Case]:
    fields = [(kind, name) for kind, lines in GOOD.items() for name in lines[0] if name not in ("id", "type")]
    for n in range(40):
        kind, name = fields[n % len(fields)]
        value = WRONG_VALUES[n % len(WRONG_VALUES)]
        if type(value) is type(GOOD[kind][0][name]):
            value = {"v": value}
        yield Case(f"wrong type {kind}.{name}={value!r}", "wrong types", (dump(event(kind, **{name: value})),), True)


HUGE: list[tuple[str, str, object]] = [
    ("scored", "points", 1e308),
    ("scored", "points", 1e40),
    ("scored", "points", 2**64),
    ("scored", "points", -(2**63)),
    ("target_set", "points", 1e308),
    ("target_set", "year", 2**64),
    ("target_set", "year", 10**22),
    ("target_set", "adoptions", 2**62),
    ("bulletin_published", "number", 10**9),
    ("bulletin_published", "number", 2**62),
    ("bulletin_published", "total_number", 10**9),
    ("bulletin_published", "print_run", 10**12),
    ("ranking_recorded", "place", 2**40),
    ("ranking_recorded", "year", 10**9),
    ("score_asserted", "points", 1e300),
    ("rules_set", "quota", {"part_time": 2**62}),
    ("rules_set", "urgent", {"phone_minutes": 10**15}),
    ("rules_set", "grades", [{"name": "优秀", "min_completion": 1e300}]),
]


def huge_numbers(rng: random.Random) -> Iterator[Case]:
    for kind, name, value in HUGE:
        fields: dict[str, object] = {name: value}
        if kind == "scored":
            fields["credits"] = [{"unit": "wj", "points": value}]
        yield Case(f"huge {kind}.{name}={value}", "huge numbers", (dump(event(kind, **fields)),), wrong=True)


def nan_tokens(rng: random.Random) -> Iterator[Case]:
    for token in ("NaN", "Infinity", "-Infinity", "nan", "1e999", "-1e999"):
        line = f'{{"type":"scored","at":"{AT}","points":{token},"credits":[{{"unit":"wj","points":{token}}}]}}'
        yield Case(f"points {token}", "NaN / Infinity", (line.encode(),), wrong=True)


def odd_points(rng: random.Random) -> Iterator[Case]:
    yield Case("credits do not add up", "odd points", (dump(event("scored", points=5)),), True)
    yield Case("no credits", "odd points", (dump(event("scored", credits=[])),), True)
    yield Case("negative target", "odd points", (dump(event("target_set", points=-5)),), True)
    yield Case("negative adoptions target", "odd points", (dump(event("target_set", adoptions=-1)),), True)
    yield Case("negative quota", "odd points", (dump(event("rules_set", quota={"part_time": -4})),), True)
    yield Case("negative minutes", "odd points", (dump(event("rules_set", urgent={"phone_minutes": -1})),), True)
    yield Case(
        "negative grade", "odd points", (dump(event("rules_set", grades=[{"name": "x", "min_completion": -1}])),), True
    )
    yield Case(
        "a penalty by hand",
        "odd points",
        (dump(event("scored", points=-2, credits=[{"unit": "wj", "points": -2}])),),
        False,
    )
    yield Case(
        "zero points", "odd points", (dump(event("scored", points=0, credits=[{"unit": "wj", "points": 0}])),), False
    )
    yield Case(
        "cents", "odd points", (dump(event("scored", points=0.01, credits=[{"unit": "wj", "points": 0.01}])),), False
    )


def types_and_shapes(rng: random.Random) -> Iterator[Case]:
    for n, line in enumerate(
        [
            dump({"at": AT, "item": "A4"}),
            dump({"type": "item_teleported", "at": AT}),
            dump({"type": "", "at": AT}),
            dump({"type": None, "at": AT}),
            dump({"type": ["item_returned"], "at": AT, "item": "A4"}),
            dump(["item_returned", AT]),
            b'"item_returned"',
            b"42",
            b"null",
            b"true",
            dump(event("item_returned", at=...)),
            dump(event("item_returned", item=...)),
        ]
    ):
        yield Case(f"type or shape {n}", "types and shapes", (line,), wrong=True)


UNKNOWN: list[tuple[str, dict]] = [
    ("item_returned", {"item": "NOPE"}),
    ("item_adopted", {"item": "NOPE"}),
    ("item_adopted", {"channel": "nope"}),
    ("item_adopted", {"units": ["nope"]}),
    ("item_submitted", {"unit": "nope"}),
    ("item_submitted", {"authors": ["p404"]}),
    ("item_submitted", {"channels": ["nope"]}),
    ("item_submitted", {"commission": "YG-404"}),
    ("scored", {"credits": [{"unit": "nope", "points": 1}]}),
    ("scored", {"credits": [{"unit": "wj", "person": "p404", "points": 1}]}),
    ("scored", {"source": "NOPE"}),
    ("scored", {"item": "NOPE"}),
    ("event_voided", {"target": "NOPE"}),
    ("commissioned", {"topic": "XT-404"}),
    ("commissioned", {"person": "p404"}),
    ("commission_fulfilled", {"commission": "YG-404", "item": "A5"}),
    ("followed_up", {"commission": "YG-404"}),
    ("person_registered", {"unit": "nope"}),
    ("unit_registered", {"parent": "nope"}),
    ("target_set", {"unit": "nope"}),
    ("score_asserted", {"unit": "nope"}),
    ("ranking_recorded", {"unit": "nope"}),
    ("bulletin_published", {"items": ["NOPE"]}),
    ("bulletin_published", {"channel": "nope"}),
]


def references(rng: random.Random) -> Iterator[Case]:
    for kind, fields in UNKNOWN:
        if kind == "commission_fulfilled":
            line = dump({"type": kind, "at": AT, **fields})
        else:
            line = dump(event(kind, **fields))
        yield Case(f"unknown in {kind} {fields}", "references to nothing", (line,), wrong=True)


BAD_DATES: list[tuple[str, dict, bool]] = [
    ("item_returned", {"at": "2011-13-01T09:00:00+08:00"}, True),
    ("item_returned", {"at": "2011-02-30T09:00:00+08:00"}, True),
    ("item_returned", {"at": "2011-03-28T09:00:00"}, True),
    ("item_returned", {"at": "2011-03-28"}, True),
    ("item_returned", {"at": "yesterday"}, True),
    ("item_returned", {"at": "0001-03-28T09:00:00+08:00"}, True),
    ("item_returned", {"at": "9999-12-31T23:59:59+08:00"}, True),
    ("item_returned", {"at": "9999-12-31T23:59:59-12:00"}, True),
    ("item_returned", {"at": "2101-03-05T09:00:00+08:00"}, True),
    ("item_returned", {"at": "1899-03-05T09:00:00+08:00"}, True),
    ("item_returned", {"at": "0211-03-05T09:00:00+08:00"}, True),
    ("item_returned", {"at": "2011-03-28T09:00:00+25:00"}, True),
    ("item_returned", {"at": "2011-03-28T09:00:00Z"}, False),
    ("item_returned", {"at": "2011-03-28T01:00:00.123456+08:00"}, False),
    ("commissioned", {"deadline": "2101-04-10"}, True),
    ("commissioned", {"deadline": "2011-03-01"}, True),
    ("commissioned", {"deadline": "0001-01-01"}, True),
    ("rules_set", {"effective": "0001-01-01"}, True),
    ("rules_set", {"effective": "2101-01-01"}, True),
    ("target_set", {"year": 2101}, True),
    ("bulletin_published", {"year": 1999}, True),
    ("item_submitted", {"urgent": True, "occurred_at": "2011-03-29T09:00:00+08:00"}, True),
    ("item_submitted", {"urgent": True, "occurred_at": "0001-01-01T00:00:00+08:00"}, True),
]


def dates(rng: random.Random) -> Iterator[Case]:
    for kind, fields, wrong in BAD_DATES:
        yield Case(f"date {kind} {fields}", "dates", (dump(event(kind, **fields)),), wrong)


def big_lines(rng: random.Random) -> Iterator[Case]:
    yield Case("10 MB of garbage", "big lines", (b"x" * 10_000_000,), wrong=True)
    yield Case("a 10 MB title", "big lines", (dump(event("item_submitted", title="长" * 3_500_000)),), wrong=False)
    yield Case("a 1 MB id", "big lines", (dump(event("item_returned", id="i" * 1_000_000)),), wrong=True)
    yield Case("a 1 MB item code", "big lines", (dump(event("item_submitted", item="i" * 1_000_000)),), wrong=True)


def encodings(rng: random.Random) -> Iterator[Case]:
    good = dump(event("item_returned"))
    cases: list[tuple[str, bytes, bool]] = [
        ("a BOM", b"\xef\xbb\xbf" + good, False),
        ("CRLF", good + b"\r", False),
        ("UTF-16", good.decode().encode("utf-16"), True),
        ("UTF-16 BE", good.decode().encode("utf-16-be"), True),
        ("raw NUL", good + b"\x00", True),
        ("only NUL", b"\x00" * 8, True),
        ("invalid UTF-8", good.replace(b"A4", b"A\xff"), True),
        ("overlong UTF-8", good.replace(b"A4", b"A\xc0\xb4"), True),
        ("encoded surrogate", good.replace(b"A4", b"A\xed\xa0\x80"), True),
        ("lone surrogate escape", good.replace(b"A4", b"A\\ud800"), True),
        ("Latin-1", dump(event("item_returned", reason="é")).replace("é".encode(), b"\xe9"), True),
        ("GBK", dump(event("item_returned", reason="退回")).replace("退回".encode(), "退回".encode("gbk")), True),
        ("raw control in a string", good.replace(b"A4", b"A\x01"), True),
        ("escaped ESC and VT", dump(event("item_returned", reason="\x1b[31m\x0b")), False),
        ("escaped NUL", dump(event("item_returned", reason="\x00")), False),
        ("bidi override", dump(event("item_returned", reason="\u202etxt")), False),
        ("emoji and CJK", dump(event("item_returned", reason="😀中文")), False),
    ]
    for name, line, wrong in cases:
        yield Case(name, "encodings", (line,), wrong)


def deep(rng: random.Random) -> Iterator[Case]:
    yield Case("10,000 brackets", "deep nesting", (b"[" * 10_000 + b"]" * 10_000,), True)
    nested = b"[" * 100_000 + b"]" * 100_000
    yield Case(
        "a title nested",
        "deep nesting",
        (b'{"type":"item_returned","at":"' + AT.encode() + b'","item":"A4","reason":' + nested + b"}",),
        True,
    )
    yield Case(
        "an unknown field nested", "deep nesting", (dump(event("item_returned"))[:-1] + b',"x":' + nested + b"}",), True
    )
    yield Case("objects nested", "deep nesting", (b'{"a":' * 5_000 + b"1" + b"}" * 5_000,), True)


def ids(rng: random.Random) -> Iterator[Case]:
    taken = IDS["ItemSubmitted"]
    yield Case("an existing id", "ids", (dump(event("item_returned", id=taken)),), True)
    yield Case(
        "an existing id, spaced",
        "ids",
        (json.dumps(event("item_returned", id=taken), indent=1).replace("\n", " ").encode(),),
        True,
    )
    twice = (dump(event("item_returned", id="TWICE")), dump(event("item_withdrawn", id="TWICE")))
    yield Case("one id twice", "ids", twice, True)
    yield Case("one id twice, spaced", "ids", (twice[0], twice[1].replace(b'"id": ', b'"id"  :  ')), True)
    yield Case("an empty id", "ids", (dump(event("item_returned", id="")),), True)
    yield Case("an id with spaces", "ids", (dump(event("item_returned", id="a b")),), True)
    yield Case("an id with a newline escape", "ids", (dump(event("item_returned", id="a\nb")),), True)
    yield Case("a number for an id", "ids", (dump(event("item_returned", id=7)),), True)
    yield Case("a chosen id", "ids", (dump(event("item_returned", id="MY-OWN-1")),), False)
    yield Case("an item code taken", "ids", (dump(event("item_submitted", item="A1")),), True)


def all_or_nothing(rng: random.Random) -> Iterator[Case]:
    good = lines_of("item_returned") + lines_of("followed_up")
    yield Case("good then bad", "all-or-nothing", (*good, b"{oops"), True)
    yield Case("bad then good", "all-or-nothing", (dump(event("item_returned", item="NOPE")), *good), True)
    yield Case("good, bad, good", "all-or-nothing", (good[0], dump(event("scored", points=1e999)), good[1]), True)


def voids_rules_cycles(rng: random.Random) -> Iterator[Case]:
    void = dump(event("event_voided", id="V1"))
    cases: list[tuple[str, tuple[bytes, ...]]] = [
        # a void of a void undoes it (`govinfo restore`); a void of that undoing is wrong
        (
            "a void of an undoing",
            (void, dump(event("event_voided", id="U1", target="V1")), dump(event("event_voided", target="U1"))),
        ),
        ("a second void", (void, dump(event("event_voided", reason="again")))),
        ("a void with no reason", (dump(event("event_voided", reason=" ")),)),
        ("a void of itself", (dump(event("event_voided", id="SELF", target="SELF")),)),
        ("an own parent", (dump(event("unit_registered", unit="lc", parent="lc")),)),
        ("a parent cycle", (dump(event("unit_registered", unit="gx", parent="wj")),)),
        ("a unit with no name", (dump(event("unit_registered", name=" ")),)),
        ("a target for nobody", (dump(event("target_set", unit=...)),)),
        ("a rule set with no name", (dump(event("rules_set", ruleset="")),)),
        ("a split mode unknown", (dump(event("rules_set", split="half")),)),
        ("an assertion of an unreadable period (F6)", (dump(event("score_asserted", period="2011年五季度")),)),
        ("an assertion of a reversed period", (dump(event("score_asserted", period="2011-06..2011-01")),)),
        ("bulletin number 0", (dump(event("bulletin_published", number=0)),)),
        ("bulletin number taken", (dump(event("bulletin_published", number=1)),)),
        ("bulletin with no items", (dump(event("bulletin_published", items=[])),)),
        ("bulletin listing an item twice", (dump(event("bulletin_published", items=["A2", "A2"])),)),
        ("bulletin far from its year", (dump(event("bulletin_published", year=2000)),)),
        ("a commission from another unit's officer", (dump(event("commissioned", person="p2")),)),
        ("a commission code taken twice", (dump(event("commissioned")), dump(event("commissioned", title="又")))),
        ("a topic code taken twice", (dump(event("topic_planned")), dump(event("topic_planned", title="又")))),
        ("a meeting nobody attended", (dump(event("meeting_held", attendees=[])),)),
        ("a meeting on an unknown topic", (dump(event("meeting_held", topics=["XT-77"])),)),
        (
            "a meeting listing a topic twice",
            (dump(event("topic_planned")), dump(event("meeting_held", topics=["XT-9", "XT-9"]))),
        ),
        ("a meeting code taken twice", (dump(event("meeting_held")), dump(event("meeting_held", chair="又")))),
        ("a ranking place of 0", (dump(event("ranking_recorded", place=0)),)),
        ("a ranking place past the end", (dump(event("ranking_recorded", place=30)),)),
        ("a follow-up of nothing", (dump(event("followed_up", item=...)),)),
        ("an amendment of nothing", (dump(event("item_amended", title=..., reason="x")),)),
        ("an empty title", (dump(event("item_submitted", title="")),)),
        ("a leader with no name", (dump(event("leader_commented", leader="")),)),
    ]
    for name, lines in cases:
        yield Case(name, "voids, rules, assertions, cycles", lines, wrong=True)


CATEGORIES: list[Callable[[random.Random], Iterator[Case]]] = [
    good_lines,
    random_bytes,
    truncated,
    wrong_types,
    huge_numbers,
    nan_tokens,
    odd_points,
    types_and_shapes,
    references,
    dates,
    big_lines,
    encodings,
    deep,
    ids,
    all_or_nothing,
    voids_rules_cycles,
]


def append_cases(seed: int = 2011) -> list[Case]:
    """The malformed `append` inputs, and the good ones that must go through."""
    rng = random.Random(seed)
    return [case for category in CATEGORIES for case in category(rng)]


def direct_cases(seed: int = 2011) -> list[tuple[Case, str]]:
    """The same lines written straight into a file, each object given an id as a writer would:
    into the month's file, and into the registry as well for bytes that are no event at all
    (a registry line is read by every write)."""
    twice = {"random bytes", "encodings", "deep nesting", "truncated JSON"}
    out = []
    for n, case in enumerate(append_cases(seed)):
        lines = tuple(_with_id(line, f"FZ{n}-{i}") for i, line in enumerate(case.lines))
        case = Case(case.name, case.category, lines, case.wrong)
        out.append((case, "shard"))
        if case.category in twice:
            out.append((case, "registry"))
    return out


def _with_id(line: bytes, new: str) -> bytes:
    """`line` with `"id"` added after its opening brace, the rest byte for byte, if it has none."""
    start = len(line) - len(line.lstrip(b"\xef\xbb\xbf \t"))
    if line[start : start + 1] != b"{" or b'"id"' in line:
        return line
    return line[: start + 1] + f'"id":"{new}",'.encode() + line[start + 1 :]
