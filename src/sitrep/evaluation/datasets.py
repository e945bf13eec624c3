"""The gold sets `sitrep eval` knows: what sitrep runs over each (events or place mentions) and which scorer reads it.

Every set is a folder in one layout, the layout of `../shared/dev/*`: `articles.jsonl` (sitrep's input records)
and `gold.jsonl` (one line per article, or per incident for `dedup`), in the shape the set's scorer reads.
`convert.py` makes that layout from the corpora's published formats; docs/gold-format.md describes the `sitrep`
format for one's own annotated articles.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Literal

from . import dedup, events, native, places
from .common import ARTICLES_FILE, GOLD_FILE, Scores

Scorer = Callable[[list[dict], dict[str, dict], list[dict]], Scores]


class DataError(ValueError):
    """A gold folder that cannot be scored; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Dataset:
    name: str
    predicts: Literal["events", "places"]
    score: Scorer
    about: str


def _places(convention: str) -> Scorer:
    return partial(places.score_places, convention)


DATASETS: dict[str, Dataset] = {d.name: d for d in (
    Dataset("gtd", "events", events.score_gtd, "Global Terrorism Database coder summaries with coded fields"),
    Dataset("gva", "events", events.score_gva, "Gun Violence Archive incidents with their source article"),
    Dataset("muc4", "events", events.score_muc4, "MUC-4 terrorism templates, CEAF-REE role fillers (GRIT)"),
    Dataset("wikievents", "events", events.score_wikievents, "WikiEvents attack arguments, head match"),
    Dataset("dedup", "events", dedup.score_dedup, "several articles per incident: are they one event?"),
    Dataset("sitrep", "events", native.score_sitrep, "your own articles in the sitrep gold format"),
    *(Dataset(name, "places", _places(name), about) for name, about in (
        ("gwn", "GeoWebNews toponyms with types and coordinates"),
        ("lgl", "Local-Global Lexicon, local news toponyms"),
        ("trnews", "TR-News toponyms"),
        ("geovirus", "GeoVirus, epidemics news (not exhaustive: no precision)"),
        ("wiktor", "WikToR, one toponym per text (not exhaustive)"),
        ("tud", "TUD, streets and addresses count too"),
        ("localnews", "local news, one toponym per text with several occurrences"),
    )),
    Dataset("sitrep-places", "places", _places("trnews"),
            "toponyms of your own articles in the sitrep gold format (every span counts)"),
)}


def read_jsonl(path: Path, what: str) -> list[dict]:
    rows = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise DataError(f"{path}:{number}: not JSON ({error.msg}); expected one {what} per line") from None
                if not isinstance(row, dict):
                    raise DataError(f"{path}:{number}: expected one JSON object ({what}) per line")
                rows.append(row)
    except FileNotFoundError:
        raise DataError(f"{path}: no such file; a gold folder holds {ARTICLES_FILE} and {GOLD_FILE}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    return rows


def read_gold(data_dir: Path) -> tuple[list[dict], dict[str, dict]]:
    """The gold rows and the articles by id of one folder."""
    gold = read_jsonl(data_dir / GOLD_FILE, "gold record")
    articles = {}
    for row in read_jsonl(data_dir / ARTICLES_FILE, "article"):
        if "id" not in row:
            raise DataError(f"{data_dir / ARTICLES_FILE}: an article without an id")
        articles[str(row["id"])] = row
    return gold, articles


def data_hash(data_dir: Path) -> str:
    """SHA-256 of the folder's articles and gold, so pinned floors are only compared on the data they came from."""
    digest = hashlib.sha256()
    for name in (ARTICLES_FILE, GOLD_FILE):
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()
