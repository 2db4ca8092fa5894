"""Regenerate the README's screenshots and key table:

    python -m govinfo_tui.tui.docs [JOURNAL] [OUT_DIR]

Screens are taken at 100x30 in Chinese on the demo journal (default `journal/`), writing
`docs/screens/{dashboard,items,item,ranking,form,papers}.svg` and `docs/keys.md`. Each SVG's
text runs are measured in terminal cells (`svg.py`), so browsers draw the Chinese at its width.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from .i18n import CATALOGS, KEYS
from .svg import fix_text_length

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

    def shot(name: str) -> None:
        (out / f"{name}.svg").write_text(fix_text_length(app.export_screenshot()), encoding="utf-8")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shot("dashboard")
        await pilot.press("2")
        await settle(pilot)
        shot("items")
        st = app.st
        assert st is not None
        commented = [i for i in st.items.values() if i.comments and i.adoptions]
        item = commented[-1] if commented else next(iter(st.items.values()))
        app.open_item(item.id)
        await settle(pilot)
        shot("item")
        await pilot.press("escape")
        await pilot.press("3")
        await settle(pilot)
        shot("ranking")
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
        shot("form")
        await pilot.press("escape", "y", "7")  # the form asks before it drops the values typed
        await settle(pilot)
        shot("papers")


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
