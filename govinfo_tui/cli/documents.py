"""The fields of a 公文 given as options, shared by `office set` (which records them) and
`report` (which prints them over the office's settings)."""

from __future__ import annotations

import argparse
from typing import Any

from ..core import events as E
from ..core.reports.model import DEFAULT_FONTS
from .common import CliError, parse_day


def document_settings(args: argparse.Namespace) -> E.DocumentSettings:
    """The 公文 fields given as options (`office set`, `report`); what is not given stays None."""

    def opt(name: str) -> Any:
        return getattr(args, name, None)

    fonts = None
    if opt("font"):
        fonts = {}
        for spec in args.font:
            role, eq, names = spec.partition("=")
            if not eq or role.strip() not in DEFAULT_FONTS:
                raise CliError("cli.bad_font", spec=spec, roles=", ".join(DEFAULT_FONTS))
            fonts[role.strip()] = names.strip()
    return E.DocumentSettings(
        issuer=opt("issuer"),
        mark=opt("mark"),
        number_pattern=opt("number_pattern"),
        number=opt("number"),
        date=parse_day(opt("document_date"), "cli.date_not_understood"),
        addressee=opt("addressee"),
        cc=opt("cc"),
        printer=opt("printer"),
        printed=parse_day(opt("printed"), "cli.date_not_understood"),
        contact=opt("contact"),
        phone=opt("phone"),
        marking=opt("marking"),
        signers=[x for x in args.signer if x] if opt("signer") is not None else None,
        fonts=fonts,
        template=opt("template"),
        bulletin_number=opt("bulletin_number"),
        own_units=[x for x in args.own_unit if x] if opt("own_unit") is not None else None,
        problems=opt("problems"),
        requirements=opt("requirements"),
    )
