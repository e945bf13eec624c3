"""Speed and size of the geoparser (issue 3's budget): gazetteer build time and peak memory (in a process of its own,
with --rebuild) and load time, recognition plus resolution per article of about 1,200 characters, against spaCy's
tokenizer over the same texts in the same run, and peak memory. Accuracy is measured by `sitrep eval gwn|gtd|gva`
and held by `sitrep gate`, not here.

    .venv/bin/python benchmarks/places.py [--shared ../shared] [--rebuild] [--repeat 3]

Texts: the GeoWebNews and GVA development articles under ../shared, each cut to its first ~1,200 characters at a
sentence end (read, never copied); without ../shared, the example article of this repository. Machines here are
small and noisy, so the ratio to the tokenizer is the number that carries over.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from sitrep import gazetteer as gazetteer_module, geo
from sitrep.api import PLACES_STAGES
from sitrep.model import Article, Document
from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
TARGET_CHARS = 1200
SETS = ("geowebnews", "gva_dev")
# A build in a new interpreter: its peak memory is then the build's own (with sitrep's imports), and this process's
# peak stays that of loading and geoparsing.
BUILD = """
import resource, sys, time
from pathlib import Path
from sitrep import gazetteer
started = time.perf_counter()
gazetteer.build_gazetteer(gazetteer.gazetteer_path(Path(sys.argv[1])))
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def texts_of(shared: Path) -> list[str]:
    texts = []
    for name in SETS:
        path = shared / "dev" / name / "articles.jsonl"
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                texts += [_cut(json.loads(line)["text"]) for line in handle if line.strip()]
    if not texts:
        example = (ROOT / "examples" / "mortar-attack-gao.txt").read_text(encoding="utf-8")
        texts = [_cut(example)] * 200
    return [t for t in texts if t.strip()]


def _cut(text: str) -> str:
    end = text.find(". ", TARGET_CHARS)
    return text[:end + 1] if 0 < end < 2 * TARGET_CHARS else text[:TARGET_CHARS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rebuild", action="store_true", help="time a fresh gazetteer build in a temporary folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.rebuild:
        with tempfile.TemporaryDirectory() as directory:
            child = subprocess.run([sys.executable, "-c", BUILD, directory], check=True, stdout=subprocess.PIPE,
                                   text=True)
        seconds, kilobytes = child.stdout.split()[-2:]
        print(f"gazetteer build: {float(seconds):.1f} s, {int(kilobytes) / 1024:.0f} MB peak resident memory")
    started = time.perf_counter()
    gazetteer = gazetteer_module.Gazetteer.load()
    gazetteer.lookup(["baghdad"])
    print(f"gazetteer load: {time.perf_counter() - started:.3f} s")

    texts = texts_of(args.shared)
    tokenizer = spacy.blank("en")
    # The stages the places stage needs, once: what is timed is recognition and resolution, and, apart, the
    # furniture marking and sentence splitting before them.
    prepare = Pipeline(PLACES_STAGES[:-1])
    prepare(Document(article=Article(id="warm-up", text="Warm-up in Baghdad.")))
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            tokenizer.make_doc(text)
        tokenize = time.perf_counter() - started
        started = time.perf_counter()
        documents = [prepare(Document(article=Article(id=str(n), text=t))) for n, t in enumerate(texts)]
        segment = time.perf_counter() - started
        # A gazetteer of its own per run, so each run starts with an empty lookup cache, as a new batch does (its
        # one-off setup, such as compiling the country-phrase pattern, done before the clock starts).
        fresh = gazetteer_module.Gazetteer.load()
        gazetteer_module.name_keys.cache_clear()
        geo.find_places_with(prepare(Document(article=Article(id="warm-up", text="Warm-up in Baghdad."))), fresh)
        started = time.perf_counter()
        for document in documents:
            geo.find_places_with(document, fresh)
        geoparse = time.perf_counter() - started
        runs.append((tokenize, segment, geoparse))
    tokenize, segment, geoparse = (statistics.median(r[i] for r in runs) for i in range(3))
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} articles of {chars:,.0f} characters on average, median of {args.repeat} runs, one core")
    print(f"recognition + resolution: {len(texts) / geoparse:,.0f} articles/s, {1000 * geoparse / len(texts):.2f} ms "
          f"each; ratio to spaCy's tokenizer {geoparse / tokenize:.1f}x")
    print(f"with the furniture marking and sentence splitting they need: {len(texts) / (segment + geoparse):,.0f} "
          f"articles/s; ratio {(segment + geoparse) / tokenize:.1f}x")
    print(f"spaCy tokenizer alone: {len(texts) / tokenize:,.0f} articles/s")
    print(f"peak resident memory (loading and geoparsing): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

if __name__ == "__main__":
    main()
