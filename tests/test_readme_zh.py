"""Issue 9 §7: what a Chinese office needs from the README is in Chinese too (README.zh.md),
linked from the README, and names the keys and commands that exist."""

from __future__ import annotations

import re

from govinfo_tui.cli.parser import build_parser
from govinfo_tui.i18n.keys import KEYS

from .conftest import REPO


def test_the_chinese_readme_has_the_sections_an_office_needs_and_is_linked() -> None:
    zh = (REPO / "README.zh.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", zh, flags=re.MULTILINE)
    assert {"快速开始", "日常工作", "共享服务器"} <= set(headings)
    assert "init" in zh and "--demo" in zh  # the writable copy of the demo
    assert "(README.zh.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_chinese_readmes_commands_and_item_keys_exist() -> None:
    zh = (REPO / "README.zh.md").read_text(encoding="utf-8")
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    named = set(re.findall(r"govinfo ([a-z][a-z-]+)", zh))
    assert named and named <= commands, named - commands
    item_keys = {k for scope, k, _d in KEYS if scope == "item"}
    assert {"u", "Enter", "v"} <= item_keys and "按 `u`" in zh
