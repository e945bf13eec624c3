"""What every scorer shares: the metric and check records, and the normalisation and matching helpers.

The scorers reproduce `../shared/tools/score_events.py`, `score_places.py` and `score_dedup.py` metric for
metric (tests/test_evaluation_events.py and test_evaluation_places.py run both on the same predictions), and additionally record one
`Check` per scored comparison so that the error report can show which articles failed which metric and why.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..gazetteer import distance_km
from ..text import strip_accents

# The layout of every gold folder (that of ../shared/dev/*): sitrep's input records and the gold, one per line.
ARTICLES_FILE = "articles.jsonl"
GOLD_FILE = "gold.jsonl"
MAX_KM = 20039.0
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None
    n: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Check:
    """One scored comparison on one article: the unit the error report counts and shows."""
    article_id: str
    metric: str
    hit: bool
    gold: Any = None
    predicted: Any = None
    event_id: str | None = None
    evidence_field: str | None = None  # the event field whose evidence explains the prediction


@dataclass
class Scores:
    dataset: str
    metrics: list[Metric] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # metric names of the one-line summary, in order
    checks: list[Check] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # gold articles, predictions read, ...

    def add(self, name: str, value: float | None, n: int | None = None, note: str = "") -> None:
        self.metrics.append(Metric(name, value, n, note))

    def acc(self, name: str, hits: Iterable[bool], note: str = "") -> None:
        hits = list(hits)
        self.add(name, (sum(hits) / len(hits)) if hits else None, len(hits), note)

    def mean(self, name: str, values: Iterable[float], note: str = "") -> None:
        values = list(values)
        self.add(name, (sum(values) / len(values)) if values else None, len(values), note)

    def prf(self, prefix: str, tp: int, n_pred: int, n_gold: int, note: str = "") -> None:
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        self.add(f"{prefix}_p", precision, n_pred, note)
        self.add(f"{prefix}_r", recall, n_gold, note)
        self.add(f"{prefix}_f1", f1, None, note)

    def check(self, article_id: str, metric: str, hit: bool, gold: Any = None, predicted: Any = None,
              event: dict | None = None, evidence_field: str | None = None) -> bool:
        self.checks.append(Check(article_id, metric, bool(hit), gold, predicted,
                                 (event or {}).get("event_id"), evidence_field))
        return bool(hit)

    def value(self, name: str) -> float | None:
        for metric in self.metrics:
            if metric.name == name:
                return metric.value
        raise KeyError(name)

    def as_dict(self) -> dict[str, dict]:
        return {m.name: {"value": m.value, "n": m.n, "note": m.note} for m in self.metrics}


def as_float(x: Any) -> float | None:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def as_int(x: Any) -> int | None:
    if isinstance(x, bool) or x is None:
        return None
    try:
        return int(x)
    except (TypeError, ValueError):
        return None


def as_list(x: Any) -> list[str]:
    """A list field as a list of non-empty strings (a lone string counts as one item; junk is dropped)."""
    if isinstance(x, str):
        x = [x]
    if not isinstance(x, list):
        return []
    return [str(v) for v in x if isinstance(v, (str, int, float)) and str(v).strip()]


def parse_date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except (TypeError, ValueError):
        return None


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching in the bipartite graph given by ok(i, j), as (i, j) pairs."""
    adjacent = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    match_right = [-1] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacent[i]:
            if j not in seen:
                seen.add(j)
                if match_right[j] == -1 or augment(match_right[j], seen):
                    match_right[j] = i
                    return True
        return False

    for i in range(n_left):
        augment(i, set())
    return [(match_right[j], j) for j in range(n_right) if match_right[j] != -1]


def is_violent(event: dict) -> bool:
    return not event.get("is_background") and (event.get("event_type") or "") in VIOLENT


def main_event(events: list[dict]) -> dict | None:
    """The article's main event: the most confident violent, non-background event; ties go to the first."""
    best, best_confidence = None, None
    for event in events:
        if not is_violent(event):
            continue
        confidence = event.get("confidence")
        confidence = float(confidence) if isinstance(confidence, (int, float)) else 0.0
        if best is None or confidence > best_confidence:
            best, best_confidence = event, confidence
    return best
