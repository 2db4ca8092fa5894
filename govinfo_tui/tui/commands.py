"""The command palette provider: go to a screen, find an item by id or title, run an action."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..core import queries, reports
from .fmt import safe
from .i18n import t
from .screens import SCREENS

ACTIONS = (
    ("new_item", "k.new"),
    ("compose_bulletin", "k.compose"),
    ("latest", "k.latest"),
    ("goto_date", "k.goto"),
    ("step_month(-1)", "k.month_back"),
    ("step_month(1)", "k.month_fwd"),
    ("help", "k.help"),
)


class GovinfoCommands(Provider):
    def _commands(self) -> list[tuple[str, object]]:
        app = self.app
        out: list[tuple[str, object]] = []
        for name in SCREENS:
            out.append((t("cmd.goto", screen=t(f"screen.{name}")), partial(app.run_action, f"goto('{name}')")))
        for action, key in ACTIONS:
            out.append((t(key), partial(app.run_action, action)))
        for kind in reports.PAPERS:
            out.append((t("cmd.paper", name=t(f"paper.{kind}")), partial(app.open_paper, kind)))  # type: ignore[attr-defined]
        # the keys of the screen the palette was opened from (adopt, comment ... on an item)
        screen = self.screen
        seen = {text for text, _c in out}
        for _key, binding in screen._bindings:  # type: ignore[attr-defined]
            text = binding.description
            if text and text not in seen and binding.action not in ("back", "cancel"):
                seen.add(text)
                out.append((text, partial(screen.run_action, binding.action)))
        return out

    async def discover(self) -> Hits:
        for text, command in self._commands():
            yield DiscoveryHit(Content(text), command, text=text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text)  # type: ignore[arg-type]
        st = getattr(self.app, "st", None)
        if st is None or not query.strip():
            return
        needle = query.strip().lower()
        found = queries.find_items(st, query)[:30]
        if len(found) < 30:
            seen = {i.id for i in found}
            for item in st.items.values():
                if item.id not in seen and (needle in item.id.lower() or needle in item.title.lower()):
                    found.append(item)
                    if len(found) >= 30:
                        break
        for item in found:
            shown = f"{item.id}  {safe(item.title)}"
            yield Hit(
                0.9 if item.id.lower().startswith(query.strip().lower()) else 0.5,
                Content(shown),
                partial(self.app.open_item, item.id),  # type: ignore[attr-defined]
                text=shown,
                help=t("cmd.open_item", id=item.id),
            )
