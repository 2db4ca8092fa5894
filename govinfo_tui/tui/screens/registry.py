# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""The registry: units, people, publications, targets and rule sets, each in a tab."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, TabbedContent, TabPane

from ...core.queries import person_name, unit_name
from ...core.state import State
from ..fmt import label, pts, txt
from ..forms.registry import registration_form
from ..i18n import t
from .base import GovScreen


class RegistryScreen(GovScreen):
    NAME = "registry"
    BINDINGS = [
        Binding("u", "add('unit')", "k.add_unit"),
        Binding("p", "add('person')", "k.add_person"),
        Binding("c", "add('channel')", "k.add_channel"),
        Binding("a", "add('target')", "k.add_target"),
        Binding("r", "add('rules')", "k.add_rules"),
        Binding("e", "edit", "k.edit"),
    ]

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="reg-tabs"):
            for name in ("units", "people", "channels", "targets", "rules"):
                with TabPane(t(f"reg.{name}"), id=f"tab-{name}"):
                    yield DataTable(id=f"reg-{name}", cursor_type="row", zebra_stripes=True)

    def refresh_body(self, st: State) -> None:
        specs: dict[str, tuple[list[str], list[tuple[str, tuple[str, ...]]]]] = {
            "units": (
                ["code", "name", "kind", "parent"],
                [(u.unit, (u.unit, u.name, label("kind", u.kind), u.parent or "")) for u in st.units.values()],
            ),
            "people": (
                ["code", "name", "unit", "role", "login"],
                [
                    (p.person, (p.person, p.name, unit_name(st, p.unit), label("role", p.role), p.login or ""))
                    for p in st.people.values()
                ],
            ),
            "channels": (
                ["code", "name", "level", "publisher"],
                [(c.channel, (c.channel, c.name, label("level", c.level), c.publisher)) for c in st.channels.values()],
            ),
            "rules": (
                ["name", "scheme", "effective", "adoption_rules", "quota", "note"],
                [
                    (
                        r.id,
                        (
                            r.ruleset,
                            label("scheme", r.scheme),
                            r.effective.isoformat(),
                            str(len(r.adoption)),
                            " ".join(f"{label('role', k)} {v}" for k, v in r.quota.items()),
                            r.note,
                        ),
                    )
                    for r in sorted(st.rulesets, key=lambda r: (r.effective, r.id))
                ],
            ),
            "targets": (
                ["year", "subject", "name", "scheme", "target", "adopted", "issued_by"],
                [
                    (
                        tg.id,
                        (
                            str(tg.year),
                            tg.unit or tg.person or "",
                            unit_name(st, tg.unit) if tg.unit else person_name(st, tg.person or ""),
                            label("scheme", tg.scheme),
                            pts(tg.points),
                            str(tg.adoptions),
                            tg.issued_by,
                        ),
                    )
                    for tg in st.targets
                ],
            ),
        }
        for name, (cols, rows) in specs.items():
            table = self.query_one(f"#reg-{name}", DataTable)
            state = self.table_state(table)
            table.clear(columns=True)
            for c in cols:
                table.add_column(t(f"col.{c}"), key=c)
            for key, cells in rows:
                table.add_row(*(txt(c) for c in cells), key=key)
            self.restore_table(table, state)

    def action_add(self, what: str) -> None:
        if self.gov.full is not None:
            self.app.push_screen(registration_form(self.gov, what), self.gov.after_form)

    def action_edit(self) -> None:
        st = self.gov.full
        if st is None:
            return
        active = self.query_one("#reg-tabs", TabbedContent).active.removeprefix("tab-")
        table = self.query_one(f"#reg-{active}", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        what = {"units": "unit", "people": "person", "channels": "channel", "targets": "target", "rules": "rules"}[
            active
        ]
        self.app.push_screen(registration_form(self.gov, what, key), self.gov.after_form)
