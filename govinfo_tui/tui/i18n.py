"""The app's side of the catalogue: Textual glue, and the names screens import from `.i18n`.

The texts, `t` and the language live in `govinfo_tui.i18n`, shared with the core and the
command line; the key table for help and docs lives in `govinfo_tui.i18n.keys`.
"""

from __future__ import annotations

import dataclasses

from ..i18n import CATALOGS, get_lang, os_error, set_lang, t
from ..i18n.keys import KEYS

__all__ = ["CATALOGS", "KEYS", "get_lang", "os_error", "set_lang", "t", "translate_bindings"]


def translate_bindings(node: object) -> None:
    """Replace description keys ("k.open") of a node's bindings by the current language's text."""
    bindings = node._bindings.key_to_bindings  # type: ignore[attr-defined]
    for key, found in list(bindings.items()):
        bindings[key] = [
            dataclasses.replace(b, description=t(b.description)) if b.description.startswith("k.") else b for b in found
        ]
