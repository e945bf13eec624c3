"""Quick measurement of `sitrep.casualties` alone on the GTD and GVA dev sets (no pipeline, no scorer).

For each article: the counts of its first sentences (GVA: the title, then the first --sentences sentences; GTD:
the whole summary, which is short), merged in reading order with `merge_counts`, against the gold killed/injured.
Like the scorer, a null figure reads as 0. Everything the article states is taken as its event, so numbers here
are a floor for what the pipeline (which decides background and splits events) can reach. Reads ../shared/dev when present; prints accuracies and, with --failures N, the first N
misses of each set to study.

    .venv/bin/python benchmarks/casualties_probe.py [--sentences 3] [--no-title] [--failures 20]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from sitrep.casualties import find_casualties, merge_counts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# A rough sentence split, enough for a probe: end punctuation followed by space and a capital or a quote, or a
# blank line (GVA pages run paragraphs together).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n\s*\n")


def sentences(text: str) -> list[tuple[int, str]]:
    spans, start = [], 0
    for boundary in SENTENCE_END.finditer(text):
        spans.append((start, text[start:boundary.start()]))
        start = boundary.end()
    spans.append((start, text[start:]))
    return [(s, t) for s, t in spans if t.strip()]


def figures(parts: list[str]) -> tuple[int, int, float]:
    counts, elapsed, n = [], 0.0, 0
    for part in parts:
        for start, sentence in sentences(part):
            began = time.perf_counter()
            counts.extend(find_casualties(sentence, offset=start))
            elapsed += time.perf_counter() - began
            n += 1
    killed, injured = merge_counts(counts)
    return (killed.low if killed else 0), (injured.low if injured else 0), elapsed / max(n, 1)


def load(folder: Path) -> list[tuple[dict, dict]]:
    articles = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    gold = {g["id"]: g for g in map(json.loads, (folder / "gold.jsonl").open(encoding="utf-8"))}
    return [(a, gold[a["id"]]) for a in articles]


def accuracy(pairs: list[tuple[int, int]], positive_only: bool = False) -> str:
    chosen = [(g, p) for g, p in pairs if g is not None and (g > 0 or not positive_only)]
    return f"{sum(g == p for g, p in chosen) / len(chosen):.3f} (n={len(chosen)})" if chosen else "n/a"


def probe(name: str, rows, text_of, gold_keys, failures: int) -> None:
    killed_pairs, injured_pairs, misses, per_sentence = [], [], [], []
    for article, gold in rows:
        killed, injured, seconds = figures(text_of(article))
        per_sentence.append(seconds)
        gold_killed, gold_injured = (gold[k] for k in gold_keys)
        killed_pairs.append((gold_killed, killed))
        injured_pairs.append((gold_injured, injured))
        if (gold_killed is not None and gold_killed != killed) or (gold_injured is not None and gold_injured != injured):
            misses.append((article["id"], (gold_killed, gold_injured), (killed, injured), " | ".join(text_of(article))[:600]))
    print(f"{name}: killed_acc {accuracy(killed_pairs)}  killed_acc_pos {accuracy(killed_pairs, True)}  "
          f"injured_acc {accuracy(injured_pairs)}  injured_acc_pos {accuracy(injured_pairs, True)}  "
          f"mean {1000 * sum(per_sentence) / len(per_sentence):.3f} ms/sentence")
    for miss in misses[:failures]:
        print("  MISS", miss[0], "gold", miss[1], "pred", miss[2], "\n      ", miss[3].replace("\n", " "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=3, help="GVA: how many leading sentences to read")
    parser.add_argument("--no-title", action="store_true", help="GVA: leave the title out")
    parser.add_argument("--failures", type=int, default=0, help="print the first N misses of each set")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    dev = args.shared / "dev"
    if not dev.is_dir():
        print(f"no gold data at {dev}; nothing to measure", file=sys.stderr)
        return 0

    def gva_text(article: dict) -> list[str]:
        lead = " ".join(t for _, t in sentences(article["text"])[: args.sentences])
        title = [] if args.no_title or not article.get("title") else [article["title"]]
        return title + [lead]

    probe("gtd_dev", load(dev / "gtd_dev"), lambda a: [a["text"]], ("nkill", "nwound"), args.failures)
    probe("gva_dev", load(dev / "gva_dev"), gva_text, ("killed", "injured"), args.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
