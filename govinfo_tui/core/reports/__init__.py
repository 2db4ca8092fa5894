"""Office paperwork: notices, appraisal, bulletin issues, commissions, urgent items, remuneration.

Each builder is a pure function of a `State` and a `Period` returning a `Report` (see
`model`), which screens show and `govinfo_tui.export.write` writes.
"""

from ...i18n import label
from .appraisal import appraisal
from .bulletin import bulletin, bulletins
from .commissions import commissions
from .model import Column, Report, Section, Table
from .notice import notice
from .remuneration import remuneration
from .urgent import urgent

# kind -> (Chinese name, English name) from the catalogue: what a screen or a palette can offer
PAPERS = {
    kind: (label("paper", kind, lang="zh"), label("paper", kind, lang="en"))
    for kind in ("notice", "appraisal", "bulletin", "commissions", "urgent", "remuneration")
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
