"""sitrep: news about political violence in, ACLED-style event records out."""
from .api import extract, extract_articles, places
from .model import Article, Attribution, Event, Evidence, Mention, PlaceMention

__all__ = ["extract", "extract_articles", "places", "Article", "Attribution", "Event", "Evidence", "Mention",
           "PlaceMention"]
__version__ = "0.1.0"
