"""Office paperwork: notices, appraisal, bulletin issues, commissions, urgent items, remuneration.

Each builder is a pure function of a `State` and a `Period` returning a `Report` (see
`model`), which screens show and `govinfo_tui.export.write` writes.
"""

from .appraisal import appraisal
from .bulletin import bulletin, bulletins
from .commissions import commissions
from .model import Column, Report, Section, Table
from .notice import notice
from .remuneration import remuneration
from .urgent import urgent

# kind -> (Chinese name, English name): what a screen or a palette can offer
PAPERS = {
    "notice": ("通报", "monthly / quarterly notice"),
    "appraisal": ("年终评比", "year-end appraisal"),
    "bulletin": ("简报", "bulletin issue (with an issue) or the issues of a period"),
    "commissions": ("约稿督办", "commissions and follow-up"),
    "urgent": ("紧急信息", "urgent items"),
    "remuneration": ("稿酬", "remuneration"),
}

__all__ = [
    "PAPERS",
    "Column",
    "Report",
    "Section",
    "Table",
    "appraisal",
    "bulletin",
    "bulletins",
    "commissions",
    "notice",
    "remuneration",
    "urgent",
]
