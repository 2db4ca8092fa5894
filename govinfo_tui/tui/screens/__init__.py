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

__all__ = [
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
