"""The message catalogue: every word govinfo shows or prints, by key, in Chinese (the default) and English.

The screens, the command line and the core all ask `t(key, **params)`. The core's errors
carry a code that is a key here (`core/errors.py`), so each face shows them in its language.
This package imports nothing else from govinfo, so any layer may use it.

Each table (zh.py, en.py) holds, in this order:
- the app's words: screens, columns, forms, key descriptions;
- domain words, one entry per value of level, status, kind, role, stance and paper, as the
  screens show them; `label(family, value)` looks one up;
- in zh.py only, `print.*`: what the printed papers say instead. The difference is intended:
  a notice keeps the office's own terms (县级部门, 直属单位, 国家级) where a screen column has
  room for the short word (部门, 办公室, 国家). `label(..., printed=True)` prefers them, and
  papers are Chinese whatever the app's language;
- event verbs for timelines and feeds (`verb.*`);
- the core's messages (`MESSAGES` in en.py): errors by code, journal problems, check findings.
  Their Chinese is in zh_messages.py; zh.py lays it over the English, so a message added to
  en.py reads in English until someone translates it, and never as a bare key.
  A message's command-line hint is a key of its own, `<code>.cli` (see `cli_hint`);
- the command line's own words (cli_en.py, cli_zh.py): its help, its confirmations and the
  headings of its tables.

A key the chosen language lacks falls back to Chinese, then to the key itself. Chinese is the
default: English only when asked for (`--lang en`, `GOVINFO_LANG=en`) or when the locale is an
English one (`lang_from_env`).
"""

from __future__ import annotations

import errno
from collections.abc import Mapping

from .cli_zh import ARGPARSE as ARGPARSE_ZH
from .en import EN
from .zh import ZH

CATALOGS: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
_lang = "zh"


def set_lang(lang: str) -> None:
    """Choose the language `t` uses by default; an unknown one means Chinese."""
    global _lang
    _lang = lang if lang in CATALOGS else "zh"


def get_lang() -> str:
    return _lang


def lang_from_env(environ: Mapping[str, str]) -> str:
    """The language a process speaks unless told otherwise: $GOVINFO_LANG if it names one, else
    English for an English locale (the first of LC_ALL, LC_MESSAGES, LANG that is set, as
    POSIX reads them), else Chinese. `C` and `POSIX` are no choice of language (a shared server
    runs with `LANG=C.UTF-8`), so they keep the Chinese an office expects."""
    chosen = environ.get("GOVINFO_LANG", "")
    if chosen in CATALOGS:
        return chosen
    locale = next((environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
    return "en" if locale.lower().startswith("en") else "zh"


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The text of `key` in `lang` (default: the current language), with `params` filled in."""
    text = CATALOGS.get(lang or _lang, ZH).get(key) or ZH.get(key) or key
    return text.format(**params) if params else text


def argparse_text(msgid: str, lang: str | None = None) -> str:
    """One of argparse's own sentences (its gettext message id) in `lang`; English is the id."""
    return ARGPARSE_ZH.get(msgid, msgid) if (lang or _lang) == "zh" else msgid


def cli_hint(code: str, /, **params: object) -> str:
    """What the command line prints after the message `code`, in the current language: its
    `<code>.cli` entry, which starts with its own separator, or "" when it has none. The app
    never shows these: they name commands and options that a form does not have."""
    key = f"{code}.cli"
    return t(key, None, **params) if key in ZH else ""  # ZH holds every key any language has


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in the current language (in the system's own English
    for a reason the catalogue does not know)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return t(f"os.{name}") if f"os.{name}" in ZH else (exc.strerror or str(exc))


def os_error(exc: OSError) -> str:
    """An error of the operating system: the file, then why; a write naming no file, why alone."""
    return f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc)


def label(family: str, value: str, /, *, printed: bool = False, lang: str | None = None) -> str:
    """The word for a domain value, e.g. `label("kind", "office")`; the value itself when there is none.

    `printed=True` gives the word a printed paper uses: Chinese, and the `print.*` one if the
    papers say it differently from the screens.
    """
    if printed:
        lang = "zh"
        if word := ZH.get(f"print.{family}.{value}"):
            return word
    key = f"{family}.{value}"
    word = t(key, lang=lang)
    return value if word == key else word
