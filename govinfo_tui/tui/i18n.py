"""The app's side of the catalogue: Textual glue, and the names screens import from `.i18n`.

The texts, `t` and the language live in `govinfo_tui.i18n`, shared with the core and the
command line; the key table for help and docs lives in `govinfo_tui.i18n.keys`.
"""

from __future__ import annotations

import dataclasses

from ..i18n import CATALOGS, get_lang, os_error, set_lang, t
from ..i18n.keys import KEYS

__all__ = ["CATALOGS", "KEYS", "get_lang", "os_error", "set_lang", "t", "translate_bindings"]


# the descriptions Textual gives its own bindings (Screen's, App's), by the key that words them
TEXTUAL_BINDINGS = {
    "Focus Next": "k.focus_next",
    "Focus Previous": "k.focus_previous",
    "Copy selected text": "k.copy_text",
    "Quit": "k.quit",
    "Maximize": "k.maximize",
    "Minimize": "k.minimize",
}


def translate_bindings(node: object) -> None:
    """Replace description keys ("k.open") of a node's bindings by the current language's text,
    and the English Textual gives its own (the palette lists them)."""
    bindings = node._bindings.key_to_bindings  # type: ignore[attr-defined]
    for key, found in list(bindings.items()):
        bindings[key] = [_translated(b) for b in found]


def _translated(b):  # type: ignore[no-untyped-def]
    if b.description.startswith("k."):
        return dataclasses.replace(b, description=t(b.description))
    if b.description in TEXTUAL_BINDINGS:
        return dataclasses.replace(b, description=t(TEXTUAL_BINDINGS[b.description]))
    return b
