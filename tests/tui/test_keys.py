"""The key table of the help screen and docs/keys.md says what the screens' BINDINGS do."""

from __future__ import annotations

from textual.dom import DOMNode

import govinfo_tui.tui.app  # noqa: F401 - loads every screen, form and widget
from govinfo_tui.i18n import EN, ZH
from govinfo_tui.i18n.keys import KEYS

# scope of the table -> the classes (by name, wherever the split put them) whose bindings it lists
SCOPES = {
    "global": ("GovinfoApp",),
    "items": ("ItemsScreen", "ItemTable"),
    "item": ("ItemScreen",),
    "dashboard": ("DashboardScreen",),
    "ranking": ("RankingScreen",),
    "quota": ("QuotaScreen",),
    "registry": ("RegistryScreen",),
    "papers": ("PapersScreen",),
    "compose": ("BulletinComposer",),
    "form": ("FormScreen",),
    "confirm": ("ConfirmDiscard",),
}
# what the table shows -> Textual's key name (a single character is its own name)
SHOWN = {
    "Esc": "escape",
    "Enter": "enter",
    "Space": "space",
    "/": "slash",
    "?": "question_mark",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "{": "left_curly_bracket",
    "}": "right_curly_bracket",
}
# Listed for people but bound elsewhere: Textual's own quit, Enter handled by a form's fields,
# and K shown beside k as one "k / K" row.
ONLY_LISTED = {
    ("global", "ctrl+q", "k.quit"),
    ("global", "ctrl+p", "k.palette"),
    ("form", "enter", "k.save"),
    ("papers", "K", "k.paper_kind"),
}
# Bound but listed differently: the footer's short word for the palette, and K's own description.
ONLY_BOUND = {
    ("global", "ctrl+p", "k.cmd"),
    ("papers", "K", "k.paper_kind_back"),
}


def _classes() -> dict[str, type]:
    found: dict[str, type] = {}
    todo = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("govinfo_tui.tui"):
            found[cls.__name__] = cls
    return found


def _key_name(shown: str) -> str:
    if shown in SHOWN:
        return SHOWN[shown]
    return shown if len(shown) == 1 else shown.lower()


def _listed() -> set[tuple[str, str, str]]:
    return {(scope, _key_name(k), desc) for scope, keys, desc in KEYS for k in keys.split(" / ")}


def _bound() -> set[tuple[str, str, str]]:
    classes = _classes()
    out = set()
    for scope, names in SCOPES.items():
        for name in names:
            for binding in classes[name].BINDINGS:
                if binding.description.startswith("k."):  # ours, not Textual's built-in ones
                    out.update((scope, key, binding.description) for key in binding.key.split(","))
    return out


def test_the_key_table_lists_what_the_screens_bind():
    listed, bound = _listed(), _bound()
    assert sorted(listed - bound) == sorted(ONLY_LISTED)
    assert sorted(bound - listed) == sorted(ONLY_BOUND)


def test_every_key_description_has_both_languages():
    descriptions = {desc for _scope, _keys, desc in KEYS} | {desc for _scope, _key, desc in _bound()}
    scopes = {f"scope.{scope}" for scope, _keys, _desc in KEYS}
    assert sorted(k for k in descriptions | scopes if k not in ZH or k not in EN) == []
