"""Regenerate the README's screenshots and key table:

    python -m govinfo_tui.tui.docs [JOURNAL] [OUT_DIR]

Screens are taken at 100x30 in Chinese on the demo journal (default `journal/`), writing
`docs/screens/{dashboard,items,item,ranking,form,papers}.svg` and `docs/keys.md`.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from .i18n import CATALOGS, KEYS

SIZE = (100, 30)


def keys_markdown() -> str:
    zh, en = CATALOGS["zh"], CATALOGS["en"]
    lines = ["| where | key | 作用 | action |", "|---|---|---|---|"]
    for scope, keys, desc in KEYS:
        shown = keys.replace("|", "\\|")
        lines.append(f"| {en[f'scope.{scope}']} | `{shown}` | {zh[desc]} | {en[desc]} |")
    return "\n".join(lines) + "\n"


async def shots(root: Path, out: Path) -> None:
    from .app import GovinfoApp

    out.mkdir(parents=True, exist_ok=True)
    app = GovinfoApp(root, "zh", watch=False, by="demo")

    async def settle(pilot) -> None:
        await pilot.pause()
        while app.st is None or app.busy:
            await pilot.pause(0.05)
        await pilot.pause(0.2)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.save_screenshot(str(out / "dashboard.svg"))
        await pilot.press("2")
        await settle(pilot)
        app.save_screenshot(str(out / "items.svg"))
        st = app.st
        assert st is not None
        commented = [i for i in st.items.values() if i.comments and i.adoptions]
        item = commented[-1] if commented else next(iter(st.items.values()))
        app.open_item(item.id)
        await settle(pilot)
        app.save_screenshot(str(out / "item.svg"))
        await pilot.press("escape")
        await pilot.press("3")
        await settle(pilot)
        app.save_screenshot(str(out / "ranking.svg"))
        others = [i for i in st.items.values() if not i.adoptions and i.channels]
        app.open_item((others[-1] if others else item).id)
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        channel = (others[-1] if others else item).channels[0]
        form.query_one("#f-channel").value = channel  # type: ignore[attr-defined]
        form.query_one("#f-date").value = st.last_at.date().isoformat() if st.last_at else ""  # type: ignore[attr-defined]
        await settle(pilot)
        app.save_screenshot(str(out / "form.svg"))
        await pilot.press("escape", "escape", "7")
        await settle(pilot)
        app.save_screenshot(str(out / "papers.svg"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else Path("journal")
    out = Path(argv[1]) if len(argv) > 1 else Path("docs/screens")
    asyncio.run(shots(root, out))
    (out.parent / "keys.md").write_text(keys_markdown(), encoding="utf-8")
    print(f"wrote {out}/*.svg and {out.parent / 'keys.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
