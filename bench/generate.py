"""A deterministic generator of realistic synthetic journals, for benchmarks.

Same seed and size give the same bytes. The mix resembles a busy office: most events are
submissions, then forwards, adoptions with their scores, comments and bulletin issues;
titles are CJK of realistic length.

    python bench/generate.py OUT_DIR N_EVENTS
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import defaultdict
from pathlib import Path

from ulid import ULID

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govinfo_tui.core import events as E
from govinfo_tui.core import journal
from govinfo_tui.core.period import OFFICE_TZ

TOPICS = (
    "春耕生产 防汛减灾 茶产业发展 食品安全 安全生产 新农村建设 民生工程 招商引资 重点项目 森林防火 社会治安 教育均衡"
).split()
ACTIONS = ["多措并举推进", "扎实开展", "全面推进", "着力抓好", "强力推进", "创新机制推动"]


def generate(root: Path, n_events: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    out: dict[Path, bytearray] = defaultdict(bytearray)
    count = 0

    made = 0

    def eid(at: dt.datetime) -> str:
        """A ULID of `at` whose random part starts with a running count, so that events of one
        second sort in the order they were made (an item before the bulletin that prints it)."""
        nonlocal made
        made += 1
        stamp = int(at.timestamp() * 1000).to_bytes(6, "big")
        return str(ULID.from_bytes(stamp + made.to_bytes(4, "big") + rng.randbytes(6)))

    def put(ev: E.Event) -> None:
        nonlocal count
        out[journal.shard_for(root, ev)] += journal.encode(ev)
        count += 1

    t0 = dt.datetime(2001, 1, 1, 8, tzinfo=OFFICE_TZ)
    units = [f"u{i:02d}" for i in range(40)]
    put(E.UnitRegistered(id=eid(t0), at=t0, unit="gx", name="高县", kind="county"))
    for i, u in enumerate(units):
        put(E.UnitRegistered(id=eid(t0), at=t0, unit=u, name=f"单位{i}镇", kind="township", parent="gx"))
    people = [f"p{i:03d}" for i in range(120)]
    for i, p in enumerate(people):
        put(E.PersonRegistered(id=eid(t0), at=t0, person=p, name=f"信息员{i}", unit=units[i % 40]))
    for code, name, level in (
        ("cz", "川政晨讯", "province"),
        ("kb", "政务信息快报", "city"),
        ("gz", "高县政务信息", "county"),
    ):
        put(E.ChannelRegistered(id=eid(t0), at=t0, channel=code, name=name, level=level))
    rs = E.RulesSet(
        id=eid(t0),
        at=t0,
        ruleset="bench",
        effective=t0.date(),
        adoption=[
            E.AdoptionRule(channel="cz", points=3),
            E.AdoptionRule(channel="kb", points=2),
            E.AdoptionRule(level="county", points=0),
        ],
        comment=[E.CommentRule(level="city", points=5)],
        quota={"part_time": 4},
    )
    put(rs)
    # spread over enough months that each shard holds a few thousand lines
    months = max(12, n_events // 4000)
    per_month = max(1, n_events // months)
    items: list[tuple[str, str, list[str]]] = []
    seq = 0
    issue_no: dict[int, int] = defaultdict(int)
    printed: dict[str, int] = defaultdict(int)  # a publication's issues: one adoption each, never one twice
    for m in range(months):
        if count >= n_events:
            break  # no targets for years past the last event: the dashboard has work to show
        year, month = 2001 + m // 12, m % 12 + 1
        if month == 1:
            start = dt.datetime(year, 1, 1, 8, tzinfo=OFFICE_TZ)
            put(E.TargetSet(id=eid(start), at=start, year=year, unit="gx", points=1000))
        base = dt.datetime(year, month, 1, 8, tzinfo=OFFICE_TZ)
        offsets = sorted(rng.randrange(27 * 24 * 3600) for _ in range(per_month))
        for offset in offsets:
            if count >= n_events:
                break
            day = base + dt.timedelta(seconds=offset)
            roll = rng.random()
            if roll < 0.55 or len(items) < 10:
                seq += 1
                author = rng.choice(people)
                unit = units[people.index(author) % 40]
                item = f"{day:%y%m}-{seq:06d}"
                title = f"{unit}{rng.choice(ACTIONS)}{rng.choice(TOPICS)}工作取得新成效"
                put(
                    E.ItemSubmitted(
                        id=eid(day),
                        at=day,
                        by="bench",
                        item=item,
                        title=title,
                        unit=unit,
                        authors=[author],
                        category="普通性",
                        channels=["kb"],
                    )
                )
                items.append((item, unit, [author]))
            elif roll < 0.65:
                item, _unit, _a = rng.choice(items[-500:])
                put(E.ItemForwarded(id=eid(day), at=day, by="bench", item=item, channels=["cz"]))
            elif roll < 0.93:
                item, unit, authors = rng.choice(items[-500:])
                channel = "kb" if rng.random() < 0.9 else "cz"
                printed[channel] += 1
                issue = f"第{printed[channel]}期"
                a = E.ItemAdopted(id=eid(day), at=day, by="bench", item=item, channel=channel, issue=issue)
                put(a)
                pts = 2.0 if channel == "kb" else 3.0
                put(
                    E.Scored(
                        id=eid(day),
                        at=day,
                        by="bench",
                        points=pts,
                        credits=[E.Credit(unit=unit, person=authors[0], points=pts)],
                        rule="bench/adopt",
                        source=a.id,
                        item=item,
                    )
                )
            elif roll < 0.98:
                item, _u, _a = rng.choice(items[-500:])
                put(
                    E.LeaderCommented(
                        id=eid(day),
                        at=day,
                        by="bench",
                        item=item,
                        leader="县长",
                        level="county",
                        text="此信息反映的做法很好。",
                    )
                )
            elif issue_no[year] < E.ISSUE_MAX:  # the schema bounds an issue's number
                issue_no[year] += 1
                put(
                    E.BulletinPublished(
                        id=eid(day),
                        at=day,
                        by="bench",
                        channel="gz",
                        year=year,
                        number=issue_no[year],
                        items=[i for i, _u, _a in items[-6:]],
                    )
                )
    root.mkdir(parents=True, exist_ok=True)
    for path, data in out.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(data))
    return count


if __name__ == "__main__":
    target = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    print(f"wrote {generate(target, n)} events to {target}")
