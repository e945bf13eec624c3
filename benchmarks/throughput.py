"""Throughput of `sitrep extract` against spaCy's tokenizer alone over the same texts, in the same run, and what
event coding (the stages after the geoparser: mentions, dates, frames, merge, records) adds per article, as the
median over the articles (issue 4's budget is 2 ms).

Machines here are small and noisy, so the number that means something is the ratio, not the seconds.
Usage: python benchmarks/throughput.py [--shared ../shared] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import spacy

import sitrep
from sitrep.model import Article, Document
from sitrep.pipeline import DEFAULT_STAGES, registered

SETS = ("gva_dev", "gtd_dev")


def load(path: Path, limit: int | None) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append(Article(**{k: v for k, v in record.items() if k != "html"}))
            if limit and len(articles) >= limit:
                break
    return articles


def timed(func, items) -> float:
    start = time.perf_counter()
    for item in items:
        func(item)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tokenizer = spacy.blank("en")
    sitrep.extract("Warm-up: gunmen attacked a village in Gao on Monday, killing two.")  # loads lexicons, gazetteer
    for name in SETS:
        articles = load(Path(args.shared) / "dev" / name / "articles.jsonl", args.limit)
        texts = [a.text for a in articles]
        runs = []
        for _ in range(args.repeat):
            tok = timed(tokenizer.make_doc, texts)
            full = timed(lambda a: sitrep.api.process(a), articles)
            runs.append((tok, full))
        tok, full = (statistics.median(r[i] for r in runs) for i in (0, 1))
        chars = sum(map(len, texts))
        print(f"{name}: {len(articles)} articles, {chars / len(articles):,.0f} chars on average | "
              f"sitrep {len(articles) / full:,.1f} articles/s ({1000 * full / len(articles):.2f} ms each) | "
              f"spaCy tokenizer alone {len(articles) / tok:,.1f} articles/s | ratio sitrep/tokenizer time "
              f"{full / tok:.1f}x")
        coding = [coding_time(article) for article in articles]
        print(f"  event coding ({', '.join(CODING_STAGES)}): median {1000 * statistics.median(coding):.2f} ms, "
              f"90th percentile {1000 * statistics.quantiles(coding, n=10)[-1]:.2f} ms per article, "
              f"{sum(coding) / tok:.1f}x the tokenizer's time on the same texts")


CODING_STAGES = ("mentions", "dates", "frames", "merge", "records")


def coding_time(article: Article) -> float:
    """Seconds the event-coding stages take on one article; the others run in their place, untimed."""
    stages = registered()
    doc = Document(article=article)
    seconds = 0.0
    for name in DEFAULT_STAGES:
        start = time.perf_counter()
        stages[name].func(doc)
        if name in CODING_STAGES:
            seconds += time.perf_counter() - start
    return seconds


if __name__ == "__main__":
    main()
