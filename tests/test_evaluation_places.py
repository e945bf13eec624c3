"""The places and dedup scorers: their conventions on small hand-made rows, and agreement with the shared scorers.

The unit tests' sentences are written for these tests (none comes from the dev sets). The agreement tests run
sitrep over the GeoWebNews and GVA-multi dev sets once per module, score the output with both our scorers and
../shared/tools/score_places.py / score_dedup.py, and require the same metrics: same names in the same order, same
values, same n.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main as sitrep_main
from sitrep.evaluation.common import MAX_KM, Scores
from sitrep.evaluation.dedup import score_dedup
from sitrep.evaluation.places import DATASETS, auc_log_error, score_places

# ---------------------------------------------------------------------------------------------- helpers


def toponym(text: str, word: str, lat=None, lon=None, occurrence: int = 0, **extra) -> dict:
    """A gold toponym on the `occurrence`-th appearance of `word` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return {"start": start, "end": start + len(word), "text": word, "name": word, "lat": lat, "lon": lon,
            "geonameid": None, **extra}


def mention(text: str, word: str, name: str | None = "same", lat=None, lon=None, occurrence: int = 0,
            **extra) -> dict:
    """A predicted mention as `sitrep places --format jsonl` writes it."""
    gold = toponym(text, word, occurrence=occurrence)
    return {"article_id": "a1", "start": gold["start"], "end": gold["end"], "text": word, "field": "text",
            "name": word if name == "same" else name, "latitude": lat, "longitude": lon, "geonameid": None,
            "country": None, "admin1": None, "score": 0.5, **extra}


def score(dataset: str, text: str, toponyms: list[dict], mentions: list) -> Scores:
    return score_places(dataset, [{"id": "a1", "toponyms": toponyms}], {"a1": {"id": "a1", "text": text}}, mentions)


def checks(scores: Scores, metric: str) -> list[tuple]:
    return [(c.hit, c.gold, c.predicted) for c in scores.checks if c.metric == metric]


# ------------------------------------------------------------------------------------------ recognition

def test_matching_is_one_to_one_greedy_by_largest_overlap_not_file_order():
    text = "Protesters marched through New York City on Friday."
    gold = [toponym(text, "New York City")]
    found = [mention(text, "New York"), mention(text, "New York City")]
    scores = score("lgl", text, gold, found)
    assert checks(scores, "recall") == [(True, "New York City [27:40]", "New York City")]
    # The smaller overlap loses and becomes a false positive.
    assert checks(scores, "precision") == [(False, None, "New York [27:35]")]
    assert scores.value("precision") == 0.5 and scores.value("recall") == 1.0
    assert scores.value("f1") == pytest.approx(2 / 3)


def test_equal_overlaps_go_to_the_closer_boundaries():
    text = "The convoy reached Port Sudan at dawn."
    gold = [toponym(text, "Sudan")]
    wide = dict(mention(text, "reached Port Sudan"), text="reached Port Sudan")  # overlap 5, 13 characters off
    close = mention(text, "Port Sudan")  # overlap 5, 5 characters off
    scores = score("trnews", text, gold, [wide, close])
    assert checks(scores, "recall") == [(True, "Sudan [24:29]", "Port Sudan")]
    assert scores.as_dict()["precision"] == {"value": 0.5, "n": 2, "note": ""}


def test_gwn_counts_only_place_types_and_ignores_predictions_on_excluded_spans():
    text = "French police said the city of Lyon was calm; Paris Saint-Germain played Nantes."
    gold = [toponym(text, "French", type="Demonym"), toponym(text, "city", type="Literal_Expression"),
            toponym(text, "Lyon", 45.76, 4.84, type="Literal"),
            toponym(text, "Paris Saint-Germain", type="Non_Toponym"),
            toponym(text, "Nantes", 47.22, -1.55, type="Metonymic")]
    found = [mention(text, "French", name="France"), mention(text, "Lyon", lat=45.76, lon=4.84),
             mention(text, "Paris"), mention(text, "calm")]
    scores = score("gwn", text, gold, found)
    # "French" and "Paris" overlap only excluded spans: neither hits nor false positives; "calm" is one.
    assert scores.as_dict()["precision"] == {"value": 0.5, "n": 2, "note": ""}
    assert scores.as_dict()["recall"] == {"value": 0.5, "n": 2, "note": ""}
    assert checks(scores, "recall") == [(True, "Lyon [31:35]", "Lyon"), (False, "Nantes [73:79]", None)]
    assert checks(scores, "precision") == [(False, None, "calm [40:44]")]
    # Nantes has coordinates but was missed: it counts end to end only.
    assert scores.as_dict()["e2e_acc_at_161km"]["value"] == 0.5
    assert scores.as_dict()["e2e_acc_at_161km"]["n"] == 2


def test_lgl_and_tud_do_not_count_unannotated_adjectival_forms_as_false_positives():
    text = "Iraqi forces entered Mosul while Turkish jets flew over Paris."
    gold = [toponym(text, "Mosul", 36.34, 43.13)]
    found = [mention(text, "Iraqi", name="Iraq"), mention(text, "Mosul", lat=36.34, lon=43.13),
             mention(text, "Turkish", name="Turkey"), mention(text, "Paris")]
    # Paris is not adjectival (its text is its name), so it stays a false positive.
    for dataset in ("lgl", "tud"):
        assert score(dataset, text, gold, found).as_dict()["precision"] == {"value": 0.5, "n": 2, "note": ""}
    assert score("trnews", text, gold, found).as_dict()["precision"] == {"value": 0.25, "n": 4, "note": ""}


@pytest.mark.parametrize("dataset", ["geovirus", "wiktor", "localnews"])
def test_non_exhaustive_sets_report_no_precision_and_ignore_unmatched_predictions(dataset):
    text = "Cholera spread from Aden to the port of Hodeidah."
    gold = [toponym(text, "Aden", 12.78, 45.04)]
    found = [mention(text, "Aden", lat=12.78, lon=45.04), mention(text, "Hodeidah")]
    scores = score(dataset, text, gold, found)
    assert scores.as_dict()["precision"] == {"value": None, "n": None,
                                             "note": "not reported: annotation not exhaustive"}
    assert scores.as_dict()["f1"] == {"value": None, "n": None, "note": ""}
    assert scores.value("recall") == 1.0
    assert checks(scores, "precision") == []


# ------------------------------------------------------------------------------------------- resolution

def test_localnews_resolves_with_the_highest_scoring_overlapping_prediction():
    text = "Springfield police said the Springfield shooting was the first this year."
    gold = [dict(toponym(text, "Springfield", 39.80, -89.64),
                 spans=[[0, 11], [28, 39]])]
    found = [mention(text, "Springfield", lat=37.21, lon=-93.29, score=0.3, country="United States"),
             mention(text, "Springfield", lat=39.80, lon=-89.64, score=0.9, occurrence=1, admin1="Illinois",
                     country="United States")]
    scores = score("localnews", text, gold, found)
    assert scores.value("acc_at_161km") == 1.0 and scores.value("acc_at_25mi") == 1.0
    assert checks(scores, "recall") == [(True, "Springfield [0:11]", "Springfield")]
    assert checks(scores, "acc_at_161km") == [(True, "Springfield (39.800, -89.640)",
                                                "Springfield, Illinois, United States: 0 km off")]
    assert [m.name for m in scores.metrics][-4:] == ["acc_at_25mi", "e2e_acc_at_25mi", "geonameid_acc",
                                                      "unresolved_matches"]
    assert scores.summary[-1] == "e2e_acc_at_25mi"


def test_localnews_states_and_countries_are_resolved_by_name():
    text = "Flooding closed roads across Texas and Mexico."
    gold = [toponym(text, "Texas", 31.0, -100.0, admin_level="adm1"),
            toponym(text, "Mexico", 23.0, -102.0, admin_level="adm0")]
    # Both points are far from the gold ones, but the names say they are in the right state and country.
    found = [mention(text, "Texas", name="Houston", lat=29.76, lon=-95.37, admin1="Texas"),
             mention(text, "Mexico", name="Mexico City", lat=19.43, lon=-99.13, country="Mexico")]
    scores = score("localnews", text, gold, found)
    assert scores.value("mean_km") == 0.0
    assert [hit for hit, _, _ in checks(scores, "acc_at_161km")] == [True, True]
    assert checks(scores, "acc_at_161km")[0][2] == "Houston, Texas: names the state"
    # Other sets measure the distance.
    assert score("lgl", text, gold, found).value("mean_km") > 161


def test_a_match_without_coordinates_costs_the_maximum_error():
    text = "Shelling resumed in Avdiivka and Bakhmut."
    gold = [toponym(text, "Avdiivka", 48.14, 37.74, geonameid=712165), toponym(text, "Bakhmut", 48.59, 38.00)]
    found = [mention(text, "Avdiivka", lat=48.14, lon=37.74, geonameid=712165), mention(text, "Bakhmut")]
    scores = score("lgl", text, gold, found)
    assert scores.as_dict()["mean_km"] == {"value": MAX_KM / 2, "n": 2, "note": "no predicted coordinates = 20039 km"}
    assert scores.as_dict()["median_km"] == {"value": MAX_KM / 2, "n": 2, "note": ""}
    assert scores.as_dict()["unresolved_matches"] == {"value": 1, "n": 2,
                                                      "note": "matched predictions without coordinates"}
    assert scores.value("acc_at_161km") == 0.5
    # ys = [ln 1, ln 20040]: (ln 20040 - ln 20040 / 2) / (1 * ln 20039)
    assert scores.value("auc") == pytest.approx(math.log(20040) / (2 * math.log(20039)), abs=1e-12)
    assert scores.as_dict()["geonameid_acc"] == {"value": 1.0, "n": 1, "note": "matched gold with a GeoNames id"}
    assert checks(scores, "acc_at_161km")[1] == (False, "Bakhmut (48.590, 38.000)", "Bakhmut: no coordinates")


def test_auc_of_the_log_error_curve_by_hand():
    assert auc_log_error([]) is None
    # n = 1: ln(1 + e) / ln 20039
    assert auc_log_error([math.e - 1]) == pytest.approx(1 / math.log(20039), abs=1e-12)
    # n = 3, ys = [0, 1, 2]: (0 + 1 + 2 - (0 + 2) / 2) / (2 * ln 20039); the order of the errors does not matter
    assert auc_log_error([math.e ** 2 - 1, 0.0, math.e - 1]) == pytest.approx(1 / math.log(20039), abs=1e-12)
    assert auc_log_error([MAX_KM] * 4) == pytest.approx(math.log(20040) / math.log(20039), abs=1e-12)


# -------------------------------------------------------------------------------------- what is skipped

def test_title_mentions_and_bad_offsets_are_skipped_and_counted():
    text = "Gunmen attacked a market in Maiduguri."
    gold = [toponym(text, "Maiduguri", 11.85, 13.16)]
    in_title = dict(mention(text, "Maiduguri", lat=11.85, lon=13.16), field="title")
    string_offsets = dict(mention(text, "market"), start="18", end="24")  # read as integers, like the shared scorer
    bad = [dict(mention(text, "Maiduguri"), end=28), dict(mention(text, "Maiduguri"), start=None),
           dict(mention(text, "Maiduguri"), start="28.0"), "not an object"]
    shifted = dict(mention(text, "Gunmen"), start=1, end=7)
    scores = score("trnews", text, gold, [in_title, string_offsets, shifted, *bad])
    assert scores.counts == {"gold_articles": 1, "predicted_mentions": 7, "skipped_bad_offsets": 4,
                             "skipped_title": 1, "text_mismatch": 1}
    # The title mention overlaps the gold offsets but indexes the title: the toponym is missed.
    assert scores.value("recall") == 0.0
    assert scores.as_dict()["precision"] == {"value": 0.0, "n": 2, "note": ""}
    assert checks(scores, "precision") == [(False, None, "market [18:24]"), (False, None, "Gunmen [1:7]")]


def test_summary_and_datasets():
    assert DATASETS == ("gwn", "lgl", "trnews", "geovirus", "wiktor", "tud", "localnews")
    assert score("gwn", "x", [], []).summary == ["precision", "recall", "f1", "acc_at_161km", "auc", "mean_km",
                                                 "median_km", "e2e_acc_at_161km"]
    with pytest.raises(ValueError, match="unknown places dataset"):
        score("geonames", "x", [], [])


# ---------------------------------------------------------------------------------------------- dedup

INCIDENTS = [{"incident_id": "1", "article_ids": ["a1", "a2"]}, {"incident_id": "2", "article_ids": ["b1", "b2"]}]


def event(event_id: str | None, *sources: str, event_type: str = "Violence against civilians", **extra) -> dict:
    return {"event_id": event_id, "article_id": sources[0], "sources": list(sources), "event_type": event_type,
            "is_background": False, **extra}


def test_dedup_an_incident_merged_into_one_event():
    scores = score_dedup(INCIDENTS, {}, [event("e1", "a1", "a2"), event("e2", "b1")])
    # Incident 2 has an event from one article only: nothing to judge.
    assert scores.as_dict() == {"incidents_judged": {"value": 1, "n": None, "note": ""},
                                "one_event_rate": {"value": 1.0, "n": 1, "note": ""},
                                "split_rate": {"value": 0.0, "n": 1, "note": ""},
                                "false_merge_rate": {"value": 0.0, "n": 2, "note": ""},
                                "counted_events": {"value": 2, "n": None, "note": ""}}
    assert [(c.article_id, c.metric, c.hit, c.gold, c.predicted) for c in scores.checks] == [
        ("a1", "one_event_rate", True, "a1, a2", "e1")]
    assert scores.summary == ["one_event_rate", "split_rate", "false_merge_rate"]


def test_dedup_an_incident_split_into_several_events():
    # Events without ids are told apart by their position, as the shared scorer does by line number.
    found = [event(None, "a1"), event(None, "a2"), event("e3", "a2"),
             event("bg", "b1", is_background=True), event("protest", "b2", event_type="Protests")]
    scores = score_dedup(INCIDENTS, {}, found)
    assert scores.value("incidents_judged") == 1 and scores.value("counted_events") == 3
    assert scores.value("one_event_rate") == 0.0 and scores.value("split_rate") == 1.0
    assert [(c.hit, c.predicted) for c in scores.checks] == [(False, "e3, line0, line1")]


def test_dedup_a_false_merge_across_incidents():
    scores = score_dedup(INCIDENTS, {}, [event("e1", "a1", "b1"), event("e2", "a2"), event("e3", "b2")])
    assert scores.value("false_merge_rate") == pytest.approx(1 / 3)
    assert [(c.article_id, c.metric, c.hit, c.gold, c.predicted, c.event_id) for c in scores.checks][0] == (
        "a1", "false_merge_rate", False, "incidents 1, 2", "a1, b1", "e1")
    # Both incidents now have reports in two events each.
    assert scores.value("incidents_judged") == 2 and scores.value("split_rate") == 1.0


# ---------------------------------------------------------------------------- agreement with ../shared

SHORT_NAMES = {"P": "precision", "R": "recall", "F1": "f1", "acc161": "acc_at_161km",
               "e2e_acc161": "e2e_acc_at_161km", "e2e_acc25mi": "e2e_acc_at_25mi"}
# For the localnews-style gold derived from GeoWebNews: names scored as states or countries by name.
ADMIN_LEVELS = {"United States": "adm0", "China": "adm0", "Russia": "adm0", "Syria": "adm0", "UK": "adm0",
                "California": "adm1", "Texas": "adm1", "Florida": "adm1", "New York": "adm1"}


def read_jsonl(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sitrep_output(tmp_path_factory):
    """Runs `sitrep COMMAND ARTICLES --format jsonl` at most once per module (shared_dir is per test, so the
    fixtures that need it are too, and share this cache)."""
    made: dict[tuple[str, Path], Path] = {}

    def run(command: str, articles: Path) -> Path:
        if (command, articles) not in made:
            out = tmp_path_factory.mktemp(command) / "out.jsonl"
            assert sitrep_main([command, str(articles), "--format", "jsonl", "-o", str(out)]) == 0
            made[command, articles] = out
        return made[command, articles]
    return run


@pytest.fixture
def gwn_dir(shared_dir) -> Path:
    return shared_dir / "dev" / "geowebnews"


@pytest.fixture
def gwn_places(gwn_dir, sitrep_output) -> Path:
    return sitrep_output("places", gwn_dir / "articles.jsonl")


@pytest.fixture
def perturbed_places(gwn_places, tmp_path) -> Path:
    """The same mentions with the damage a scorer must survive: lost coordinates, shifted spans, broken offsets,
    junk scores and a line that is not an object."""
    mentions = read_jsonl(gwn_places)
    for n, m in enumerate(mentions):
        if n % 3 == 0:
            m["latitude"] = m["longitude"] = None
        if n % 5 == 0:
            m["start"] += 1
            m["end"] += 2
        if n % 11 == 0:
            m["end"] = m["start"]
        if n % 13 == 0:
            m["start"], m["score"] = str(m["start"]), "high"
        if n % 17 == 0:
            m["latitude"] = "n/a"
    return write_jsonl(tmp_path / "perturbed.jsonl", ["junk", *mentions])


@pytest.fixture
def localnews_style_dir(gwn_dir, tmp_path) -> Path:
    """GeoWebNews gold rewritten as localnews gold: each place named once per article, with every occurrence
    in `spans`, and a few states and countries marked with their admin level."""
    rows = []
    for row in read_jsonl(gwn_dir / "gold.jsonl"):
        by_name: dict[str, dict] = {}
        for t in row["toponyms"]:
            if t["type"] in ("Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier", "Metonymic",
                             "Non_Literal_Modifier", "Embedded_Non_Lit"):
                merged = by_name.setdefault(t["name"], dict(t, spans=[], admin_level=ADMIN_LEVELS.get(t["name"])))
                merged["spans"].append([t["start"], t["end"]])
        rows.append({"id": row["id"], "toponyms": list(by_name.values())})
    folder = tmp_path / "localnews_style"
    folder.mkdir()
    write_jsonl(folder / "gold.jsonl", rows)
    (folder / "articles.jsonl").write_bytes((gwn_dir / "articles.jsonl").read_bytes())
    return folder


def shared_scores(shared_dir: Path, tool: str, args: list[str], out: Path) -> tuple[dict, str]:
    """The shared scorer's JSON and its last line."""
    result = subprocess.run([sys.executable, str(shared_dir / "tools" / tool), *args, "--json", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8")), result.stdout.strip().splitlines()[-1]


def summary_names(last_line: str) -> list[str]:
    return [SHORT_NAMES.get(item.split("=")[0], item.split("=")[0]) for item in last_line.split(": ", 1)[1].split()]


def assert_same_metrics(ours: Scores, theirs: dict[str, dict], compare_n: bool = True) -> None:
    mine = ours.as_dict()
    assert list(mine) == list(theirs)
    for name, metric in theirs.items():
        if metric["value"] is None:
            assert mine[name]["value"] is None, name
        else:
            assert mine[name]["value"] == pytest.approx(metric["value"], abs=1e-12), name
        if compare_n:
            assert (mine[name]["n"], mine[name]["note"]) == (metric["n"], metric["note"]), name


def assert_places_agree(shared_dir: Path, data: Path, dataset: str, predictions: Path, tmp_path: Path) -> Scores:
    theirs, last_line = shared_scores(shared_dir, "score_places.py",
                                      ["--dataset", dataset, "--data", str(data), "--pred", str(predictions)],
                                      tmp_path / f"{dataset}.json")
    articles = {a["id"]: a for a in read_jsonl(data / "articles.jsonl")}
    ours = score_places(dataset, read_jsonl(data / "gold.jsonl"), articles, read_jsonl(predictions))
    assert_same_metrics(ours, theirs["metrics"])
    assert ours.summary == summary_names(last_line)
    assert ours.counts == {"gold_articles": len(read_jsonl(data / "gold.jsonl")),
                           "predicted_mentions": theirs["pred_mentions"],
                           "skipped_bad_offsets": theirs["skipped_bad_offsets"],
                           "skipped_title": theirs["skipped_title"], "text_mismatch": theirs["text_mismatch"]}
    return ours


@pytest.mark.parametrize("dataset", ["gwn", "lgl", "trnews", "geovirus"])
def test_places_agree_with_the_shared_scorer_on_geowebnews(shared_dir, gwn_dir, gwn_places, dataset, tmp_path):
    ours = assert_places_agree(shared_dir, gwn_dir, dataset, gwn_places, tmp_path)
    n_gold = ours.as_dict()["recall"]["n"]
    assert sum(c.metric == "recall" for c in ours.checks) == n_gold
    assert sum(c.metric == "acc_at_161km" for c in ours.checks) == ours.as_dict()["acc_at_161km"]["n"]


@pytest.mark.parametrize("dataset", ["gwn", "tud", "wiktor"])
def test_places_agree_with_the_shared_scorer_on_perturbed_predictions(shared_dir, gwn_dir, perturbed_places,
                                                                      dataset, tmp_path):
    ours = assert_places_agree(shared_dir, gwn_dir, dataset, perturbed_places, tmp_path)
    assert ours.counts["skipped_bad_offsets"] > 1 and ours.counts["text_mismatch"] > 0
    assert ours.value("unresolved_matches") > 0


@pytest.mark.parametrize("predictions", ["gwn_places", "perturbed_places"])
def test_places_agree_with_the_shared_scorer_on_localnews_style_gold(shared_dir, localnews_style_dir, predictions,
                                                                     request, tmp_path):
    ours = assert_places_agree(shared_dir, localnews_style_dir, "localnews", request.getfixturevalue(predictions),
                               tmp_path)
    assert any("names the" in str(c.predicted) for c in ours.checks), "the admin-name rule was not exercised"


@pytest.fixture
def gva_multi_dir(shared_dir) -> Path:
    return shared_dir / "dev" / "gva_multi_dev"


@pytest.fixture
def gva_multi_events(gva_multi_dir, sitrep_output) -> Path:
    return sitrep_output("extract", gva_multi_dir / "articles.jsonl")


@pytest.fixture
def merged_events(gva_multi_dir, gva_multi_events, tmp_path) -> Path:
    """sitrep's events as a dedup stage might leave them: every other incident's reports merged into one event,
    some events merged across incidents and some without an id."""
    incidents = read_jsonl(gva_multi_dir / "gold.jsonl")
    merged_id = {article_id: f"incident-{row['incident_id']}" for row in incidents[::2]
                 for article_id in row["article_ids"]}
    events = read_jsonl(gva_multi_events)
    for n, e in enumerate(events):
        e["event_id"] = merged_id.get(e["article_id"], e["event_id"])
        if n % 9 == 0 and n + 1 < len(events):
            e["sources"] = e["sources"] + events[n + 1]["sources"]
        if n % 7 == 0:
            del e["event_id"]
    # The shared scorer names an event without id by its line number; with no blank lines that is the list index.
    return write_jsonl(tmp_path / "merged.jsonl", events)


@pytest.mark.parametrize("events", ["gva_multi_events", "merged_events"])
def test_dedup_agrees_with_the_shared_scorer(shared_dir, gva_multi_dir, events, request, tmp_path):
    predictions = request.getfixturevalue(events)
    theirs, last_line = shared_scores(shared_dir, "score_dedup.py",
                                      ["--data", str(gva_multi_dir), "--pred", str(predictions)],
                                      tmp_path / "dedup.json")
    ours = score_dedup(read_jsonl(gva_multi_dir / "gold.jsonl"), {}, read_jsonl(predictions))
    assert_same_metrics(ours, theirs["metrics"], compare_n=False)
    assert ours.summary == summary_names(last_line)
    if events == "merged_events":
        assert 0 < ours.value("one_event_rate") < 1 and ours.value("false_merge_rate") > 0
