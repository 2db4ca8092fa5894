"""The rules file of an import: which column of the city's list says what, in the spirit of
hledger's CSV rules (one directive a line, `#` starts a comment).

    skip 2                                  rows before the header (or before the data)
    fields 序号, title, unit, publication, issue, date   columns by position: no header read
    column 信息标题 = title                  a header the file uses, and the field it holds
    date-format %Y年%m月%d日                 how the dates are written (may repeat)
    publication kb                          a field's value where the file has no such column
    alias publication 快报 = kb              a name the file uses for a publication, a unit
    alias unit 文江 = wj
    encoding gb18030                        CSV only; otherwise detected
    separator tab                           CSV only: , ; tab; otherwise detected
    sheet 采用情况                           xlsx only; otherwise the active sheet
    skip-if ^合计                            rows any cell of which matches are left out
    similarity 0.85                         how alike two titles must be to match (0..1)
    window 90                               days an item may wait for its adoption

Without a rules file, the first row is the header and its names are read as they are
(标题, 单位, 刊物, 期号, 日期, and the synonyms below).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import i18n
from ..errors import GovinfoError

FIELDS = ("title", "unit", "publication", "issue", "date", "form")

# the names a header or a `fields` line may give each field; NFKC-folded, spaces removed
SYNONYMS: dict[str, str] = {
    **{f: f for f in FIELDS},
    "标题": "title",
    "信息标题": "title",
    "题目": "title",
    "信息题目": "title",
    "单位": "unit",
    "报送单位": "unit",
    "供稿单位": "unit",
    "县区": "unit",
    "刊物": "publication",
    "采用刊物": "publication",
    "刊物名称": "publication",
    "期号": "issue",
    "期数": "issue",
    "刊期": "issue",
    "日期": "date",
    "采用日期": "date",
    "刊发日期": "date",
    "时间": "date",
    "形式": "form",
    "采用形式": "form",
    "采用类型": "form",
}

DIRECTIVES = (
    "skip",
    "fields",
    "column",
    "date-format",
    "alias",
    "encoding",
    "separator",
    "sheet",
    "skip-if",
    "similarity",
    "window",
)
_COMMENT = re.compile(r"(?:^|\s)#")
SEPARATORS = {",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t", "\\t": "\t"}


class ImportFileError(GovinfoError, ValueError):
    """The city's list or its rules cannot be read as given; the message says where and what to do."""


@dataclass
class ImportRules:
    """What a rules file said; the defaults read a file whose header names the fields."""

    source: str = ""
    skip: int = 0
    fields: list[str | None] | None = None  # by position; None: read the header row
    columns: dict[str, str] = field(default_factory=dict)  # header text -> field
    date_formats: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)  # field -> value for every row
    aliases: dict[str, dict[str, str]] = field(default_factory=lambda: {"publication": {}, "unit": {}})
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    skip_if: list[re.Pattern[str]] = field(default_factory=list)
    similarity: float = 0.8
    window: int = 90


def field_of(name: str) -> str | None:
    """The field a header or `fields` name stands for, or None (a column that is not read)."""
    return SYNONYMS.get(fold_name(name))


def fold_name(name: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", name).split()).lower()


def load_rules(path: Path | None) -> ImportRules:
    if path is None:
        return ImportRules()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("import.rules_not_utf8", path=path) from None
    return parse_rules(text, str(path))


def parse_rules(text: str, source: str) -> ImportRules:
    """Read a rules file; the first line that does not read stops it, naming file and line."""
    r = ImportRules(source=source)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.split(raw, maxsplit=1)[0].strip()  # `#` at the start or after a space
        if not line:
            continue
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        where = f"{source}:{number}"
        try:
            _directive(r, word, rest)
        except _Bad as bad:
            reason = i18n.t(bad.code, None, **bad.params)
            raise ImportFileError("import.rules_line", where=where, line=raw.strip(), reason=reason) from None
        except (ValueError, LookupError, re.error) as exc:
            reason = i18n.t("import.rules.bad_value", word=word, error=exc)
            raise ImportFileError("import.rules_line", where=where, line=raw.strip(), reason=reason) from None
    return r


class _Bad(Exception):
    """A directive that does not read: a catalogue code and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _directive(r: ImportRules, word: str, rest: str) -> None:
    if word == "skip":
        r.skip = _count(rest or "1")
    elif word == "fields":
        r.fields = [field_of(name) for name in re.split(r"[,，]", rest)]
        if not any(r.fields):
            raise _Bad("import.rules.no_field", fields=", ".join(FIELDS))
    elif word == "column":
        header, eq, name = rest.partition("=")
        target = field_of(name)
        if not eq or target is None:
            raise _Bad("import.rules.column", fields=", ".join(FIELDS))
        r.columns[fold_name(header)] = target
    elif word == "date-format":
        dt.datetime.strptime(dt.date(2011, 6, 30).strftime(rest), rest)  # refuses what cannot read back
        r.date_formats.append(rest)
    elif word == "alias":
        kind, _, pair = rest.partition(" ")
        name, eq, code = pair.partition("=")
        if kind not in r.aliases or not eq or not name.strip() or not code.strip():
            raise _Bad("import.rules.alias")
        r.aliases[kind][fold_name(name)] = code.strip()
    elif word == "encoding":
        r.encoding = codecs.lookup(rest).name
    elif word == "separator":
        r.separator = SEPARATORS[rest.lower()] if rest.lower() in SEPARATORS else _one_char(rest)
    elif word == "sheet":
        r.sheet = _needed(rest)
    elif word == "skip-if":
        r.skip_if.append(re.compile(_needed(rest)))
    elif word == "similarity":
        value = float(rest)
        if not 0 < value <= 1:
            raise _Bad("import.rules.similarity")
        r.similarity = value
    elif word == "window":
        r.window = _count(rest)
    elif field_of(word) is not None:
        r.defaults[field_of(word) or word] = _needed(rest)
    else:
        raise _Bad("import.rules.unknown", word=word, known=", ".join(DIRECTIVES), fields=", ".join(FIELDS))


def _count(text: str) -> int:
    value = int(text)
    if value < 0 or value > 100_000:
        raise _Bad("import.rules.count")
    return value


def _needed(text: str) -> str:
    if not text:
        raise _Bad("import.rules.missing")
    return text


def _one_char(text: str) -> str:
    if len(text) != 1:
        raise _Bad("import.rules.separator")
    return text
