"""Run sitrep over a gold folder's articles and score what it wrote: the library behind `sitrep eval`."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import api, ingest
from .common import ARTICLES_FILE, GOLD_FILE, Scores
from .datasets import DATASETS, DataError, data_hash, read_gold, read_jsonl


@dataclass
class Evaluation:
    dataset: str
    data_dir: Path
    data_hash: str
    scores: Scores
    gold: list[dict]
    articles: dict[str, dict]
    predictions: list[dict]
    errors: list[str] = field(default_factory=list)  # articles sitrep could not process, one line each
    seconds: float = 0.0  # time spent predicting (0 when the predictions were read from a file)


def predict(predicts: str, articles_path: Path) -> tuple[list[dict], list[str]]:
    """sitrep's records for every article of a JSONL file, exactly as `sitrep extract|places --format jsonl`
    writes them, and one line per article it could not process."""
    records: list[dict] = []
    errors: list[str] = []
    # The per-file limit guards against a runaway input; a gold set is a trusted file of many articles.
    items = ingest.read_inputs([str(articles_path)], max_bytes=articles_path.stat().st_size + 1)
    articles = []
    for item in items:
        if isinstance(item, ingest.InputError):
            errors.append(str(item))
        else:
            articles.append(item)
    if predicts == "events":
        for _, result in api.extract_articles(articles):
            if isinstance(result, api.ArticleError):
                errors.append(str(result))
            else:
                records.extend(event.to_record() for event in result)
    else:
        for article in articles:
            try:
                mentions = api.places(article.text, title=article.title, url=article.url, article_id=article.id)
            except api.ArticleError as error:
                errors.append(str(error))
                continue
            records.extend(mention.model_dump(mode="json") for mention in mentions)
    return records, errors


def evaluate(dataset: str, data_dir: Path | str, *, predictions: Path | str | None = None) -> Evaluation:
    """Score sitrep on one gold folder; with `predictions`, score that JSONL file instead of running sitrep."""
    if dataset not in DATASETS:
        raise DataError(f"unknown dataset {dataset!r}; choose one of {', '.join(DATASETS)}")
    spec = DATASETS[dataset]
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"{data_dir}: not a folder; expected one holding {ARTICLES_FILE} and {GOLD_FILE}")
    gold, articles = read_gold(data_dir)
    started = time.perf_counter()
    if predictions is None:
        records, errors = predict(spec.predicts, data_dir / ARTICLES_FILE)
        seconds = time.perf_counter() - started
    else:
        records, errors, seconds = read_jsonl(Path(predictions), spec.predicts[:-1] + " record"), [], 0.0
    try:
        scores = spec.score(gold, articles, records)
    except (KeyError, TypeError, ValueError) as error:
        # A gold file of another set's shape fails deep inside a scorer; say which file and which scorer.
        what = f"missing field {error}" if isinstance(error, KeyError) else str(error)
        raise DataError(f"{data_dir / GOLD_FILE}: not in the shape the {dataset} scorer reads ({what})") from None
    scores.dataset = dataset
    return Evaluation(dataset, data_dir, data_hash(data_dir), scores, gold, articles, records, errors, seconds)
