"""Measure the geoparser: gazetteer build and load time, GeoWebNews recognition/resolution (through the shared
scorer), GTD and GVA event places, speed and peak memory.

    .venv/bin/python benchmarks/places.py [--shared ../shared] [--out /tmp/places-bench] [--rebuild]

Reads the dev sets under ../shared when present (it never copies them). `--rebuild` times a fresh gazetteer build in
a temporary cache directory; otherwise the cached gazetteer is used and its load time reported.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitrep import geo
from sitrep.evaluation.events import US_STATES
from sitrep.model import Article, Document

ROOT = Path(__file__).resolve().parents[1]
# The first violent verb of a GVA story marks its event sentence, as the events stage would.
TRIGGER = re.compile(r"\b(shot|shooting|shootings|killed|wounded|gunfire|fired|injured|murdered|slain|dead|died|"
                     r"exploded|attacked|attack|bomb|bombing|kidnapped|abducted|assaulted|stabbed)\b", re.IGNORECASE)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def parse(article: dict, gazetteer: geo.Gazetteer) -> Document:
    doc = Document(article=Article.model_validate(article))
    doc.sentences = geo.split_sentences(doc.article.title or "", "title") + geo.split_sentences(doc.text)
    geo.find_places_with(doc, gazetteer)
    return doc


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def event_place_of(doc: Document, gazetteer: geo.Gazetteer, sentence_choice: str):
    text_sentences = [s for s in doc.sentences if s.part == "text"]
    if not text_sentences:
        return None
    chosen, anchor = text_sentences[0], text_sentences[0].start
    if sentence_choice == "trigger":
        for sentence in text_sentences:
            match = TRIGGER.search(sentence.text)
            if match:
                chosen, anchor = sentence, sentence.start + match.start()
                break
    else:
        match = TRIGGER.search(chosen.text)
        anchor = chosen.start + match.start() if match else chosen.start
    return geo.event_place(doc, chosen.index, "text", anchor, gazetteer=gazetteer)


def norm(name: str | None) -> str:
    name = re.sub(r"[^\w]+", " ", (name or "").lower()).strip()
    return re.sub(r"\s+(county|parish|borough|township|city|town|village)$", "", name)


def bench_gwn(shared: Path, out: Path, gazetteer: geo.Gazetteer) -> dict:
    articles = read_jsonl(shared / "dev/geowebnews/articles.jsonl")
    pred = out / "gwn.places.jsonl"
    started = time.perf_counter()
    chars = 0
    with pred.open("w", encoding="utf-8") as handle:
        for article in articles:
            chars += len(article["text"])
            for mention in parse(article, gazetteer).places:
                handle.write(json.dumps(mention.model_dump(mode="json")) + "\n")
    elapsed = time.perf_counter() - started
    result = subprocess.run([sys.executable, str(shared / "tools/score_places.py"), "--dataset", "gwn", "--data",
                             str(shared / "dev/geowebnews"), "--pred", str(pred)], capture_output=True, text=True)
    return {"summary": result.stdout.strip().splitlines()[-1] if result.stdout else result.stderr,
            "articles_per_s_gwn": len(articles) / elapsed, "mean_chars": chars / len(articles)}


def bench_gtd(shared: Path, gazetteer: geo.Gazetteer) -> dict:
    articles = read_jsonl(shared / "dev/gtd_dev/articles.jsonl")
    gold = {g["id"]: g for g in read_jsonl(shared / "dev/gtd_dev/gold.jsonl")}
    within = country_ok = scored = 0
    started = time.perf_counter()
    misses = []
    for article in articles:
        g = gold[article["id"]]
        place = event_place_of(parse(article, gazetteer), gazetteer, "first")
        if g.get("latitude") is not None:
            scored += 1
            ok = place is not None and km(place.latitude, place.longitude, g["latitude"], g["longitude"]) <= 161
            within += ok
            if not ok and len(misses) < 15:
                misses.append((article["text"][:110], g["city"], g["country_txt"], place and place.name))
        country_ok += place is not None and (place.iso3 == g["iso3"] or norm(place.country) == norm(g["country_txt"]))
    elapsed = time.perf_counter() - started
    return {"gtd_acc_at_161km": within / scored, "gtd_country_acc": country_ok / len(articles),
            "articles_per_s_gtd": len(articles) / elapsed, "gtd_misses": misses}


def bench_gva(shared: Path, gazetteer: geo.Gazetteer) -> dict:
    articles = read_jsonl(shared / "dev/gva_dev/articles.jsonl")
    gold = {g["id"]: g for g in read_jsonl(shared / "dev/gva_dev/gold.jsonl")}
    state_ok = city_ok = 0
    misses = []
    for article in articles:
        g = gold[article["id"]]
        place = event_place_of(parse(article, gazetteer), gazetteer, "trigger")
        state = place.admin1 if place else None
        state_hit = norm(US_STATES.get((state or "").upper(), state)) == norm(g["state"])
        golds = [norm(p) for p in re.split(r"[()]", g["city_or_county"]) if norm(p) and norm(p) != "county"]
        preds = [norm(v) for v in ((place.name, place.admin2, place.admin1) if place else ()) if v]
        city_hit = any(a == b or re.search(rf"(^| ){re.escape(a)}( |$)", b) or re.search(rf"(^| ){re.escape(b)}( |$)", a)
                       for a in golds for b in preds)
        state_ok += state_hit
        city_ok += city_hit
        if not city_hit and len(misses) < 15:
            misses.append((article.get("title"), g["city_or_county"], g["state"], place and (place.name, place.admin1)))
    return {"gva_state_acc": state_ok / len(articles), "gva_city_acc": city_ok / len(articles), "gva_misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "sitrep-places-bench")
    parser.add_argument("--rebuild", action="store_true", help="time a fresh gazetteer build")
    parser.add_argument("--misses", action="store_true", help="print examples of GTD/GVA misses")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict = {}
    if args.rebuild:
        with tempfile.TemporaryDirectory() as directory:
            started = time.perf_counter()
            geo.build_gazetteer(geo.gazetteer_path(Path(directory)))
            report["build_s"] = time.perf_counter() - started
    started = time.perf_counter()
    gazetteer = geo.Gazetteer.load()
    gazetteer.lookup(["baghdad"])
    report["load_s"] = time.perf_counter() - started
    parse({"id": "warm-up", "text": "Warm-up in Baghdad."}, gazetteer)  # spaCy's tokenizer loads once
    if (args.shared / "dev").is_dir():
        report.update(bench_gwn(args.shared, args.out, gazetteer))
        report.update(bench_gtd(args.shared, gazetteer))
        report.update(bench_gva(args.shared, gazetteer))
    else:
        print(f"no dev sets at {args.shared}; only timing the gazetteer", file=sys.stderr)
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for key, value in report.items():
        if key.endswith("misses"):
            if args.misses:
                print(key)
                for miss in value:
                    print("   ", miss)
        else:
            print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()
