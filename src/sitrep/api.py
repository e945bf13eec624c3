"""The library calls that the CLI (and later the web app) are thin layers over."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from .ingest import DEFAULT_MAX_BYTES
from .model import Article, Document, Event, PlaceMention
from .pipeline import Pipeline


class ArticleError(ValueError):
    """An article that cannot be processed; the message names it."""


_DEFAULT: dict[str, Pipeline] = {}
# The stages place names need. The lexicon's triggers, weapons and actors play no part in them; a user with a
# trained NER model passes a pipeline with its "mentions.spacy" stage before "places".
PLACES_STAGES = ("clean", "segment", "places")


def default_pipeline() -> Pipeline:
    return _DEFAULT.setdefault("pipeline", Pipeline())


def process(article: Article, pipeline: Pipeline | None = None, *, max_chars: int = DEFAULT_MAX_BYTES) -> Document:
    """Run the pipeline over one article and return the document with every stage's output."""
    if not article.text.strip():
        raise ArticleError(f"{article.id}: empty text")
    if len(article.text) > max_chars:
        raise ArticleError(f"{article.id}: text of {len(article.text):,} characters is over the "
                           f"{max_chars:,} limit (raise it with max_chars, or --max-bytes on the command line)")
    return (pipeline or default_pipeline())(Document(article=article))


def extract(text: str, *, published: dt.date | str | None = None, title: str | None = None, url: str | None = None,
            article_id: str = "text", pipeline: Pipeline | None = None,
            max_chars: int = DEFAULT_MAX_BYTES) -> list[Event]:
    """The events one article's text tells, as SCHEMA.md's records; the article's address, when given, tells
    where its outlet is based, which helps resolve its place names."""
    article = Article(id=article_id, text=text, title=title, published=published, url=url)
    return process(article, pipeline, max_chars=max_chars).events


def extract_articles(articles: Iterable[Article], *, pipeline: Pipeline | None = None,
                     max_chars: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[Article, list[Event] | ArticleError]]:
    """The batch form: each article with its events, or with the error that stopped it (the batch goes on)."""
    for article in articles:
        try:
            yield article, process(article, pipeline, max_chars=max_chars).events
        except ArticleError as error:
            yield article, error
        except Exception as error:  # noqa: BLE001 - one article's failure must not stop a batch of thousands
            yield article, ArticleError(f"{article.id}: internal error while extracting ({type(error).__name__}: "
                                        f"{error}); please report it with this article")


def places(text: str, *, title: str | None = None, url: str | None = None, article_id: str = "text",
           pipeline: Pipeline | None = None) -> list[PlaceMention]:
    """Every place-name mention in the text, resolved through the offline gazetteer (SCHEMA.md's place record); the
    article's address, when given, tells where its outlet is based."""
    article = Article(id=article_id, text=text, title=title, url=url)
    places_pipeline = pipeline or _DEFAULT.setdefault("places", Pipeline(PLACES_STAGES))
    doc = process(article, places_pipeline)
    for mention in doc.places:
        mention.article_id = article_id
    return doc.places
