"""The message catalogue: every key the code names is there in both languages, every error's
code has words, errors speak the current language, and papers and screens read one label table."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import string
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest

from govinfo_tui import i18n
from govinfo_tui.cli.common import CliError
from govinfo_tui.core import events as E
from govinfo_tui.core import queries, reports
from govinfo_tui.core.errors import GovinfoError
from govinfo_tui.core.period import PeriodError, parse_period
from govinfo_tui.core.recording.common import RecordError, need
from govinfo_tui.core.state import fold
from govinfo_tui.i18n import EN, ZH, en, label, t, zh_messages

PACKAGE = Path(i18n.__file__).resolve().parent.parent
common = importlib.import_module("govinfo_tui.core.reports.common")
urgent = importlib.import_module("govinfo_tui.core.reports.urgent")


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    yield
    i18n.set_lang("zh")


def _trees() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _first_literal(call: ast.Call) -> str | None:
    first = call.args[0] if call.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _takes_code(init: ast.FunctionDef) -> bool:
    """Whether an `__init__` still takes a catalogue code first, as FormError's does."""
    args = [*init.args.posonlyargs, *init.args.args]
    return len(args) > 1 and args[1].arg == "code"


def _error_classes() -> dict[str, bool]:
    """Every class deriving from GovinfoError in the package, read from the source (so classes
    in modules nothing imports count too) -> whether it is raised as (code, **params)."""
    classes = [node for _path, tree in _trees() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    found = {"GovinfoError": True}
    grew = True
    while grew:
        grew = False
        for node in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
            if node.name not in found and bases & set(found):
                init = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
                found[node.name] = init is None or _takes_code(init)
                grew = True
    return found


def _literal_keys() -> set[str]:
    keys = set()
    for _path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == "t" and (key := _first_literal(node)):
                keys.add(key)
    return keys


def _raised_codes() -> set[str]:
    coded = {name for name, by_code in _error_classes().items() if by_code}
    codes = set()
    for _path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in coded and (code := _first_literal(node)):
                codes.add(code)
    return codes


def test_every_key_the_code_names_is_in_both_languages():
    keys = _literal_keys()
    assert {"app.title", "journal.line.torn", "describe.items"} <= keys  # the app's and the core's alike
    assert sorted(k for k in keys if k not in ZH) == []
    assert sorted(k for k in keys if k not in EN) == []


def test_every_error_code_has_words_in_both_languages():
    codes = _raised_codes()
    expected = {"journal.missing", "period.not_understood", "issue.ambiguous", "rule.no_adoption_points"}
    assert expected | {"record.unknown_item", "target.needs"} <= codes  # a RecordError's, a FormError's
    assert sorted(c for c in codes if c not in ZH) == []
    assert sorted(c for c in codes if c not in EN) == []


def test_a_command_line_hint_follows_a_message_of_its_own():
    hints = [key for key in EN if key.endswith(".cli")]
    assert "record.unknown_item.cli" in hints
    assert sorted(key for key in hints if key.removesuffix(".cli") not in EN) == []
    assert i18n.cli_hint("record.unknown_item") == "；可用 `govinfo report changes` 查找编号"
    i18n.set_lang("en")
    assert i18n.cli_hint("record.unknown_item") == "; find its id with `govinfo report changes`"
    assert i18n.cli_hint("record.empty_title") == ""


def test_an_unknown_code_is_worded_for_its_kind():
    words = {"unit": "单位", "person": "人员", "channel": "刊物"}
    for kind in ("unit", "person", "channel"):
        with pytest.raises(RecordError) as caught:
            need(fold([]), kind, "x")  # type: ignore[arg-type]
        assert str(caught.value) == f"没有代码为「x」的{words[kind]}；已有: "
        i18n.set_lang("en")
        assert str(caught.value) == f"unknown {kind} 'x'; known: "
        i18n.set_lang("zh")


def test_the_command_line_raises_by_code_too():
    assert _error_classes()["CliError"] is True
    assert str(CliError("cli.timeline_needs_item")) == "report timeline 须用 --item 指明信息编号"
    i18n.set_lang("en")
    assert str(CliError("cli.timeline_needs_item")) == "report timeline needs --item ID"


def test_every_core_message_has_chinese():
    assert sorted(set(en.MESSAGES) - set(zh_messages.MESSAGES)) == []
    assert sorted(set(zh_messages.MESSAGES) - set(en.MESSAGES)) == []
    assert all(ZH[code] == zh_messages.MESSAGES[code] for code in en.MESSAGES)


def test_a_message_without_chinese_reads_in_english(monkeypatch):
    """zh.py lays the Chinese over the English: a code someone adds to en.py alone still reads."""
    monkeypatch.setitem(en.MESSAGES, "record.brand_new", "brand new {thing}")
    catalogue = importlib.reload(importlib.import_module("govinfo_tui.i18n.zh")).ZH
    try:
        assert catalogue["record.brand_new"] == "brand new {thing}"
        assert catalogue["record.empty_title"] == "标题为空；请填写标题"
    finally:
        monkeypatch.undo()
        importlib.reload(importlib.import_module("govinfo_tui.i18n.zh"))


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


# Keys whose callers pass Chinese a parameter English leaves out: where the JSON parser stopped
# and the field a validation error names (English quotes the parser's own words), and the verb
# of an event (English names its type).
CHINESE_PARAMS = {
    "journal.line.not_json": {"byte"},
    "journal.line.invalid": {"field"},
    "append.not_json": {"byte"},
    "append.invalid": {"field"},
    "cli.recorded": {"verb"},
    "check.on_voided_item": {"verb"},
}


def test_chinese_asks_only_for_parameters_the_callers_pass():
    """A Chinese text may say less than the English (a plural's `s`), never ask for more."""
    asks = {k: _fields(ZH[k]) - _fields(EN[k]) for k in EN if k in ZH}
    assert {k: extra for k, extra in asks.items() if extra} == CHINESE_PARAMS


def test_only_the_printed_papers_words_are_chinese_only():
    assert sorted(set(EN) - set(ZH)) == []
    assert all(key.startswith("print.") for key in set(ZH) - set(EN))


def test_an_error_is_chinese_by_default_and_follows_the_language():
    with pytest.raises(PeriodError) as caught:
        parse_period("2011-13")
    exc = caught.value
    assert isinstance(exc, GovinfoError) and isinstance(exc, ValueError)
    assert (exc.code, exc.params) == ("period.not_understood", {"text": "2011-13"})
    assert str(exc).startswith("期间「2011-13」无法识别；可写 2011、2011-06")
    i18n.set_lang("en")  # the words are chosen when the error is shown, not when raised
    assert str(exc) == "period '2011-13' not understood; use 2011, 2011-06, 2011-Q2, 2011-H1 or 2011-01..2011-06"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "POSIX"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "GOVINFO_LANG": "zh"}, "zh"),
        ({"LANG": "C", "GOVINFO_LANG": "en"}, "en"),
        ({"LANG": "en_US.UTF-8", "GOVINFO_LANG": "fr"}, "en"),
    ],
)
def test_the_language_comes_from_govinfo_lang_then_the_locale(environ, lang):
    assert i18n.lang_from_env(environ) == lang


def test_t_falls_back_to_chinese_then_to_the_key():
    assert t("print.kind.office", lang="en") == "直属单位"
    assert t("no.such.key") == "no.such.key"
    assert t("cmd.goto", lang="xx", screen="排名") == "转到: 排名"


def test_the_screen_and_the_paper_words_differ_on_purpose():
    assert label("kind", "department") == "部门"
    assert label("kind", "department", printed=True) == "县级部门"
    assert label("kind", "department", lang="en") == "department"
    assert label("kind", "department", printed=True, lang="en") == "县级部门"  # papers are Chinese
    assert label("role", "full_time", printed=True) == label("role", "full_time") == "专职"
    assert label("kind", "unheard_of") == "unheard_of"


def test_the_papers_print_the_catalogues_words():
    assert common.KIND_LABELS["department"] == ZH["print.kind.department"]
    assert common.KIND_LABELS["township"] == ZH["kind.township"]  # one word on screen and paper: no print.* key
    assert {lv: ZH[f"print.level.{lv}"] for lv in E.LEVELS} == common.LEVEL_LABELS
    assert {r: ZH[f"role.{r}"] for r in get_args(E.Role)} == common.ROLE_LABELS
    assert {s: ZH[f"stance.{s}"] for s in get_args(E.Stance)} == common.STANCE_LABELS
    assert common.STATUS_LABELS["overdue"] == ZH["print.commission.overdue"]
    assert urgent.KIND_LABELS["phone"] == ZH["print.report_kind.phone"]
    assert list(urgent.STATUS_LABELS) == ["on_time", "late", "unknown"]  # the order of the counts
    assert {k: (ZH[f"paper.{k}"], EN[f"paper.{k}"]) for k in reports.PAPERS} == reports.PAPERS


def test_the_app_reads_the_same_catalogue():
    from govinfo_tui.tui import fmt
    from govinfo_tui.tui import i18n as app_i18n

    assert app_i18n.t is t and app_i18n.CATALOGS is i18n.CATALOGS
    for lang in ("zh", "en"):
        app_i18n.set_lang(lang)
        assert i18n.get_lang() == lang
        assert fmt.label("kind", "office") == label("kind", "office", lang=lang)


def test_every_event_type_has_a_verb_in_both_languages():
    types = [cls.__struct_config__.tag for cls in get_args(E.AnyEvent)]
    assert sorted(ty for ty in types if f"verb.{ty}" not in ZH or f"verb.{ty}" not in EN) == []


def test_describe_takes_its_words_from_the_catalogue():
    st = fold([])
    at = dt.datetime(2011, 6, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    void = E.EventVoided(id="V1", at=at, target="A1", reason="重复")
    ranked = E.RankingRecorded(id="R1", at=at, unit="U1", year=2011, place=3, source="")
    assert queries.describe(st, void) == "作废 A1: 重复"
    assert queries.describe(st, void, "en") == "voided A1: 重复"
    assert queries.describe(st, ranked) == "通报排名 U1 2011: 第3名"
    assert queries.describe(st, ranked, "en") == "official ranking U1 2011: place 3"
