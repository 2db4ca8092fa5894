# ruff: noqa: RUF012 - Textual declares BINDINGS, MODES and COMPONENT_CLASSES as class attributes
"""Forms as modal screens: labelled fields, inline validation, Enter / Ctrl+S save, Esc cancel.

A form is typed by what it is dismissed with (`FormScreen[dt.date]`); its `on_save` turns the
checked values into that, or raises an error the form shows, and then nothing is written. Forms
that record are `RequestForm`s (`request.py`); their Esc asks before it drops what was typed.
Cancel writes nothing. A field may follow another (`Field.follows`): the authors offered follow
the unit, an export's file name follows its format until someone types one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ...core.errors import GovinfoError
from ...core.period import OFFICE_TZ
from ..fmt import safe
from ..i18n import os_error, t, translate_bindings
from .confirm import ConfirmDiscard
from .ticks import TickBox, TickList

Values: TypeAlias = dict[str, Any]  # a form's checked values by field name
Changed: TypeAlias = Input.Changed | Select.Changed | SelectionList.SelectedChanged | Checkbox.Changed
T = TypeVar("T")


@dataclass
class Field:
    name: str
    label: str  # catalog key
    kind: str = "text"  # text | date | number | int | select | multi | bool | textarea
    choices: list[tuple[str, str]] = field(default_factory=list)  # (shown, value)
    required: bool = False
    default: Any = None
    placeholder: str = ""
    follows: str | None = None  # the field whose changes this one follows
    choices_for: Callable[[Any], list[tuple[str, str]]] | None = None  # its choices for that field's value
    value_for: Callable[[Any, Any], Any] | None = None  # (that value, this value) -> this field's new value


class FormError(GovinfoError):
    """A value the user must correct: a catalogue code, and the field to show it under (None:
    above the buttons). `FormError.from_error(exc, field=...)` puts a core error under a field."""

    def __init__(self, code: str, /, *, field: str | None = None, **params: object) -> None:
        super().__init__(code, **params)
        self.field = field


def parse_when(text: str) -> dt.datetime:
    """`YYYY-MM-DD` (now if it is today, else 09:00) or `YYYY-MM-DD HH:MM`, office time."""
    text = text.strip()
    if len(text) == 10:
        day = dt.date.fromisoformat(text)
        now = dt.datetime.now(OFFICE_TZ)
        clock = now.time().replace(microsecond=0) if day == now.date() else dt.time(9)
        return dt.datetime.combine(day, clock, tzinfo=OFFICE_TZ)
    value = dt.datetime.fromisoformat(text.replace(" ", "T"))
    return value if value.tzinfo else value.replace(tzinfo=OFFICE_TZ)


class FormScreen(ModalScreen[T]):
    """A generic form: fields in, `on_save(values)` out; dismissed with its result."""

    # Whether Esc asks before discarding changed values: a record's title and text are worth a
    # question; a filter, a date to go to or an export's settings are quicker typed again.
    ASK_BEFORE_DISCARD = False

    BINDINGS = [
        Binding("escape", "cancel", "k.cancel"),
        Binding("ctrl+s", "save", "k.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        on_save: Callable[[Values], T],
        *,
        preview: Callable[[Values], str] | None = None,
        day: dt.date | None = None,
        note: str = "",
        action: str = "form.act.save",
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.form_title = title
        self.fields = fields
        self.on_save = on_save
        self.preview = preview
        self.day = day or dt.date.today()  # where a date field starts: the day the screens speak of
        self.note = note
        self.action = t(action)  # what saving does, on the button and in the footer: 保存, 跳转, 导出 ...
        keys = self._bindings.key_to_bindings
        keys["ctrl+s"] = [dataclasses.replace(b, description=self.action) for b in keys["ctrl+s"]]
        self.initial: Values | None = None  # the values as opened: Esc asks only if they changed
        self.derived: Values = {f.name: f.default for f in fields if f.value_for}  # what the form last put there

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(safe(self.form_title)), id="form-title")
            if self.note:
                # a line each (what a void takes along, what an undo brings back), each shown as data
                yield Label(Text("\n".join(map(safe, self.note.split("\n")))), id="form-note")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    yield Label(t(f.label) + (" *" if f.required else ""), classes="field-label")
                    yield self._widget(f)
                    yield Label("", id=f"err-{f.name}", classes="field-error")
            yield Static("", id="form-preview")
            yield Label("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(t("form.button", action=self.action), id="form-save", compact=True)
                yield Button(t("form.cancel"), id="form-cancel", compact=True)
        yield Footer()

    def _widget(self, f: Field):
        wid = f"f-{f.name}"
        if f.kind == "select":
            value = f.default if f.default in {v for _s, v in f.choices} else Select.NULL
            return Select(
                [(Text(safe(s)), v) for s, v in f.choices],
                id=wid,
                allow_blank=not f.required or value is Select.NULL,
                value=value,
                prompt=t("form.none"),
                compact=True,
            )
        if f.kind == "multi":
            return TickList(*_selections(f.choices, set(f.default or [])), id=wid)
        if f.kind == "bool":
            return TickBox(t(f.label), value=bool(f.default), id=wid, compact=True)
        if f.kind == "textarea":
            return TextArea(str(f.default or ""), id=wid, soft_wrap=True)
        default = f.default
        if f.kind == "date" and default is None:
            default = self.day.isoformat()
        return Input(value="" if default is None else str(default), placeholder=f.placeholder, id=wid, compact=True)

    def on_mount(self) -> None:
        self._update_preview()
        self.initial = self.raw()
        for f in self.fields:
            try:
                self.query_one(f"#f-{f.name}").focus()
                break
            except Exception:  # pragma: no cover - a field that cannot take focus
                continue

    # --- values ----------------------------------------------------------------------

    def raw(self) -> Values:
        out: Values = {}
        for f in self.fields:
            w = self.query_one(f"#f-{f.name}")
            if isinstance(w, Select):
                out[f.name] = None if w.value is Select.NULL else w.value
            elif isinstance(w, SelectionList):
                out[f.name] = list(w.selected)
            elif isinstance(w, Checkbox):
                out[f.name] = w.value
            elif isinstance(w, TextArea):
                out[f.name] = w.text
            elif isinstance(w, Input):
                out[f.name] = w.value.strip()
        return out

    def validate(self) -> tuple[Values, dict[str, str]]:
        values: Values = {}
        errors: dict[str, str] = {}
        for name, value in self.raw().items():
            f = next(x for x in self.fields if x.name == name)
            empty = value in (None, "", []) or (f.kind == "textarea" and not str(value).strip())
            if empty:
                if f.required:
                    errors[name] = t("form.required")
                values[name] = None if f.kind not in ("multi", "text", "textarea") else value
                continue
            try:
                if f.kind == "date":
                    values[f"{name}.untimed"] = len(str(value).strip()) == 10  # a day without a time
                    value = parse_when(value)
                elif f.kind == "number":
                    value = float(value)
                elif f.kind == "int":
                    value = int(value)
            except ValueError:
                key = {"date": "form.bad_date", "number": "form.bad_number", "int": "form.bad_int"}[f.kind]
                errors[name] = t(key)
                continue
            values[name] = value
        return values, errors

    def _show_errors(self, errors: dict[str, str], general: str = "") -> None:
        for f in self.fields:
            label = self.query_one(f"#err-{f.name}", Label)
            label.update(Text(safe(errors.get(f.name, ""))))
            label.set_class(f.name in errors, "shown")
        err = self.query_one("#form-error", Label)
        err.update(Text(safe(general)))
        err.set_class(bool(general), "shown")

    def _update_preview(self) -> None:
        box = self.query_one("#form-preview", Static)
        if self.preview is None:
            box.display = False
            return
        values, errors = self.validate()
        try:
            text = "" if errors else self.preview(values)
        except GovinfoError as exc:
            text = str(exc)
        box.update(Text(safe(text)))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    def _changed(self, event: Changed) -> None:
        changed = (event.control.id or "").removeprefix("f-")
        for f in self.fields:
            if f.follows == changed and changed:
                self._follow(f, self.raw()[changed])
        self._update_preview()

    def _follow(self, f: Field, value: Any) -> None:
        """Bring `f` in line with the field it follows, which now holds `value`."""
        w = self.query_one(f"#f-{f.name}")
        if f.choices_for is not None and isinstance(w, SelectionList):
            chosen = set(w.selected)
            offered = f.choices if value is None else f.choices_for(value)
            keep = {v for _s, v in offered}
            offered = offered + [(s, v) for s, v in f.choices if v in chosen and v not in keep]  # a choice made stays
            w.clear_options()
            w.add_options(_selections(offered, chosen))
        if f.value_for is not None and isinstance(w, Input) and w.value == self.derived.get(f.name):
            w.value = self.derived[f.name] = str(f.value_for(value, w.value))

    # --- actions ---------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close without saving; in a form that records, ask first if something was typed or chosen."""
        if not self.ASK_BEFORE_DISCARD or self.initial is None or self.raw() == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDiscard(), answered)

    def action_save(self) -> None:
        values, errors = self.validate()
        if errors:
            self._show_errors(errors)
            return
        try:
            result = self.on_save(values)
        except GovinfoError as exc:
            field = exc.field if isinstance(exc, FormError) else None
            self._show_errors({field: str(exc)} if field else {}, "" if field else str(exc))
            return
        except OSError as exc:  # the file system
            self._show_errors({}, os_error(exc))
            return
        except ValueError as exc:  # a ValueError from a library
            self._show_errors({}, str(exc))
            return
        self.dismiss(result)


def _selections(choices: list[tuple[str, str]], chosen: set[str]) -> list[Selection[str]]:
    return [Selection(Text(safe(s)), v, v in chosen) for s, v in choices]
