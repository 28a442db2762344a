"""cleaner: strip boilerplate from the body text of web pages and news articles.

>>> import cleaner
>>> cleaner.clean("A line of the article.\\nFollow us on Twitter for the latest news.\\n")
'A line of the article.\\n'
"""

from cleaner.api import Cleaner, clean, clean_html, default_cleaner
from cleaner.engine.run import CleanResult, Removal
from cleaner.errors import (
    CleanerError,
    ConfigError,
    DocumentError,
    InputError,
    RuleError,
    RuleExampleError,
    RuleTimeoutError,
    SettingError,
)
from cleaner.packs.loader import load_pack, load_packs
from cleaner.packs.model import Action, Matcher, Pack, Position, Rule

__all__ = [
    "Action",
    "CleanResult",
    "Cleaner",
    "CleanerError",
    "ConfigError",
    "DocumentError",
    "InputError",
    "Matcher",
    "Pack",
    "Position",
    "Removal",
    "Rule",
    "RuleError",
    "RuleExampleError",
    "RuleTimeoutError",
    "SettingError",
    "clean",
    "clean_html",
    "default_cleaner",
    "load_pack",
    "load_packs",
]
