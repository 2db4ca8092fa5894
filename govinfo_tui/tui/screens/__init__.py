"""The app's screens, one module each; `base` holds what they share. Re-exported here so the
app names every screen from one place."""

from .base import GovScreen
from .composer import BulletinComposer
from .dashboard import DashboardScreen
from .help import HelpScreen
from .item import ItemScreen
from .items import ItemsScreen
from .papers import PapersScreen
from .problems import ProblemsScreen
from .quota import QuotaScreen
from .ranking import RankingScreen
from .registry import RegistryScreen

# the screens behind the number keys 1 to 7, in that order: the app's modes, the palette's "go to"
SCREENS: dict[str, type[GovScreen]] = {
    "dashboard": DashboardScreen,
    "items": ItemsScreen,
    "ranking": RankingScreen,
    "quota": QuotaScreen,
    "registry": RegistryScreen,
    "problems": ProblemsScreen,
    "papers": PapersScreen,
}

__all__ = [
    "SCREENS",
    "BulletinComposer",
    "DashboardScreen",
    "GovScreen",
    "HelpScreen",
    "ItemScreen",
    "ItemsScreen",
    "PapersScreen",
    "ProblemsScreen",
    "QuotaScreen",
    "RankingScreen",
    "RegistryScreen",
]
