"""The event scorers of `sitrep.evaluation.events`: unit cases written for these tests, then agreement with
../shared/tools/score_events.py on sitrep's own predictions for the dev sets, as extracted and perturbed."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep import api, export
from sitrep.evaluation import events as scorers
from sitrep.evaluation.events import (city_matches, grit_norm, gva_city_candidates, head, perp_role,
                                      perpetrator_matches, score_gtd, score_gva, score_muc4, score_wikievents,
                                      weapon_class)
from sitrep.ingest import InputError, read_inputs


def event(article_id: str = "a1", event_id: str = "e1", **fields) -> dict:
    record = {"event_id": event_id, "article_id": article_id, "event_type": "Violence against civilians",
              "sub_event_type": "Attack", "is_background": False, "confidence": 0.9}
    record.update(fields)
    return record


def checks_of(scores, metric: str) -> list:
    return [check for check in scores.checks if check.metric == metric]


# ----------------------------------------------------------------------------------------------- GTD

def gtd_row(article_id: str = "a1", **fields) -> dict:
    row = {"id": article_id, "date": "2016-07-03", "country_txt": "Nigeria", "iso3": "NGA", "provstate": "Borno",
           "city": "Maiduguri", "latitude": 11.85, "longitude": 13.16, "attacktype1_txt": "Bombing/Explosion",
           "weaptype1_txt": "Explosives/Bombs/Dynamite", "gname": "Boko Haram", "nkill": 4, "nwound": 9}
    row.update(fields)
    return row


def gtd_event(article_id: str = "a1", event_id: str = "e1", **fields) -> dict:
    record = event(article_id, event_id, event_type="Explosions/Remote violence",
                   sub_event_type="Remote explosive/landmine/IED", event_date="2016-07-03", country="Nigeria",
                   iso3="NGA", location="Maiduguri", admin1="Borno", latitude=11.84, longitude=13.15, fatalities=4,
                   fatalities_high=None, injuries=9, weapons=["roadside bomb"], actor1="Boko Haram",
                   perpetrators=["Boko Haram militants"])
    record.update(fields)
    return record


GTD_ACCURACIES = ["detection", "fatalities_acc", "injuries_acc", "acc_at_25km", "acc_at_161km", "country_acc",
                  "date_acc", "weapon_class_acc", "perpetrator_acc", "event_type_agree"]


def test_gtd_perfect_prediction_scores_one_everywhere():
    scores = score_gtd([gtd_row()], {}, [gtd_event()])
    for metric in GTD_ACCURACIES + ["fatalities_in_range", "fatalities_stated"]:
        assert scores.value(metric) == 1.0, metric
    assert scores.value("fatalities_mae") == 0.0
    assert scores.value("median_km") < 2
    assert scores.counts == {"gold_articles": 1, "predicted_events": 1, "articles_with_events": 1,
                             "unknown_article_ids": 0}
    assert sorted({check.metric for check in scores.checks}) == sorted(GTD_ACCURACIES)
    assert all(check.hit and check.event_id == "e1" for check in scores.checks)


def test_gtd_wrong_prediction_scores_zero_and_checks_say_what_was_compared():
    wrong = gtd_event(fatalities=6, injuries=1, latitude=9.06, longitude=7.49, location="Abuja", country="Niger",
                      iso3="NER", event_date="2016-07-02", weapons=["AK-47 rifles"], actor1="Fulani Ethnic Militia",
                      perpetrators=[], sub_event_type="Armed clash")
    scores = score_gtd([gtd_row()], {}, [wrong])
    for metric in GTD_ACCURACIES[1:]:
        assert scores.value(metric) == 0.0, metric
    assert scores.value("detection") == 1.0
    assert scores.value("fatalities_mae") == 2.0
    assert scores.value("injuries_mae") == 8.0
    assert 690 < scores.value("median_km") < 700
    weapon, = checks_of(scores, "weapon_class_acc")
    assert (weapon.gold, weapon.predicted, weapon.evidence_field) == ("Explosives", "Firearms",
                                                                      "weapons")
    event_type, = checks_of(scores, "event_type_agree")
    assert (event_type.gold, event_type.predicted) == ("Bombing/Explosion", "Armed clash")
    country, = checks_of(scores, "country_acc")
    assert (country.gold, country.predicted) == ("Nigeria", "Niger")
    distance, = checks_of(scores, "acc_at_161km")
    assert distance.gold == "Maiduguri, Borno, Nigeria" and distance.predicted == "Abuja, 693 km away"


def test_gtd_article_without_events_is_wrong_everywhere_and_null_counts_read_as_zero():
    gold = [gtd_row("a1", nkill=0, nwound=0), gtd_row("a2", nkill=2, nwound=None)]
    scores = score_gtd(gold, {}, [gtd_event("a1", fatalities=None, fatalities_high=None, injuries=None),
                                  gtd_event("ghost")])
    assert scores.value("detection") == 0.5
    assert scores.value("fatalities_acc") == 0.5  # a1: null read as 0 is right; a2 has no main event
    assert scores.value("fatalities_stated") == 0.0
    assert scores.value("fatalities_acc_pos") == 0.0 and scores.as_dict()["fatalities_acc_pos"]["n"] == 1
    assert scores.value("fatalities_in_range") == 0.5  # [0, 0] holds a1's 0, not a2's 2
    assert scores.value("injuries_acc") == 1.0 and scores.as_dict()["injuries_acc"]["n"] == 1  # a2 not scored
    assert scores.counts == {"gold_articles": 2, "predicted_events": 2, "articles_with_events": 1,
                             "unknown_article_ids": 1}
    first, second = checks_of(scores, "fatalities_acc")
    assert (first.gold, first.predicted, first.hit) == (0, 0, True)
    assert (second.gold, second.predicted, second.event_id, second.hit) == (2, 0, None, False)


def test_fatality_range_holds_the_gold_count():
    scores = score_gtd([gtd_row(nkill=7)], {}, [gtd_event(fatalities=5, fatalities_high=10)])
    assert scores.value("fatalities_acc") == 0.0
    assert scores.value("fatalities_in_range") == 1.0


def test_main_event_ignores_background_and_non_violent_events_and_prefers_confidence():
    events = [gtd_event(event_id="background", is_background=True, confidence=1.0),
              gtd_event(event_id="protest", event_type="Protests", sub_event_type="Peaceful protest", confidence=1.0),
              gtd_event(event_id="weak", fatalities=1, confidence=0.4),
              gtd_event(event_id="strong", confidence=0.8),
              gtd_event(event_id="tie", fatalities=1, confidence=0.8)]
    scores = score_gtd([gtd_row()], {}, events)
    assert {check.event_id for check in scores.checks} == {"strong"}
    assert scores.value("fatalities_acc") == 1.0
    only_background = score_gtd([gtd_row()], {}, events[:2])
    assert only_background.value("detection") == 0.0
    assert only_background.counts["articles_with_events"] == 1


@pytest.mark.parametrize("gname, actor1, perpetrators, expected", [
    ("Unknown", None, [], True),
    ("Unknown", "Unidentified Armed Group (Nigeria)", [], True),
    ("Unknown", "Boko Haram", [], False),
    ("Moro Islamic Liberation Front", "MILF", [], True),  # acronym of the significant words
    ("Islamic State of Iraq and the Levant (ISIL)", None, ["Daesh"], True),  # GROUP_ALIASES
    ("Revolutionary Armed Forces of Colombia (FARC)", "FARC rebels", [], True),  # the parenthesis, generic word
    ("Boko Haram", None, ["suspected Boko Haram militants"], True),  # the gold's words contained
    ("Boko Haram", "Boko Haram faction", [], True),  # ... either way
    ("Boko Haram", "Al Shabaab", ["gunmen"], False),
])
def test_perpetrator_rules(gname, actor1, perpetrators, expected):
    assert perpetrator_matches(gname, {"actor1": actor1, "perpetrators": perpetrators}) is expected
    assert perpetrator_matches(gname, None) is False


@pytest.mark.parametrize("weapons, expected", [
    (["AK-47 rifles"], "Firearms"),
    (["car bomb"], "Explosives"),  # Explosives is tried before Vehicle
    (["molotov cocktails", "rifles"], "Incendiary"),  # the first weapon decides
    (["unspecified", "machetes"], "Melee"),  # ... the first that maps
    ("tear gas", "Chemical"),
    (["rope"], None),
])
def test_weapon_classes(weapons, expected):
    assert weapon_class(weapons) == expected


def test_gtd_unknown_weapon_and_attack_type_are_not_scored():
    scores = score_gtd([gtd_row(weaptype1_txt="Unknown", attacktype1_txt="Unknown"), gtd_row("a2")], {},
                       [gtd_event(), gtd_event("a2", event_id="e2", weapons=["grenade"])])
    assert scores.as_dict()["weapon_class_acc"]["n"] == 1
    assert scores.as_dict()["event_type_agree"]["n"] == 1
    assert scores.value("weapon_class_acc") == 1.0


# ----------------------------------------------------------------------------------------------- GVA

def gva_row(article_id: str = "a1", **fields) -> dict:
    row = {"id": article_id, "date": "2019-05-11", "state": "Ohio", "city_or_county": "Columbus (Whitehall)",
           "killed": 1, "injured": 2}
    row.update(fields)
    return row


def gva_event(article_id: str = "a1", event_id: str = "e1", **fields) -> dict:
    record = event(article_id, event_id, event_date="2019-05-12", location="Whitehall", admin2="Franklin County",
                   admin1="OH", fatalities=1, injuries=2, weapons=["handgun"])
    record.update(fields)
    return record


def test_gva_perfect_prediction():
    scores = score_gva([gva_row()], {}, [gva_event()])
    for metric in ("detection", "killed_acc", "injured_acc", "state_acc", "city_acc", "date_within_1d",
                   "killed_in_range"):
        assert scores.value(metric) == 1.0, metric
    assert [metric.name for metric in scores.metrics][:3] == ["detection", "killed_acc", "killed_acc_pos"]
    assert scores.summary == ["detection", "killed_acc", "killed_mae", "injured_acc", "injured_mae", "state_acc",
                              "city_acc", "date_within_1d"]
    city, = checks_of(scores, "city_acc")
    assert (city.gold, city.predicted, city.evidence_field) == ("Columbus (Whitehall)",
                                                                "Whitehall, Franklin County, OH", "location")


def test_gva_wrong_prediction_and_null_counts():
    wrong = gva_event(event_date="2019-05-13", location="Dayton", admin2="Montgomery County", admin1="Indiana",
                      fatalities=None, injuries=None)
    scores = score_gva([gva_row(), gva_row("a2", killed=0, injured=0)], {},
                       [wrong, gva_event("a2", event_id="e2", fatalities=None, injuries=None)])
    assert scores.value("state_acc") == 0.5
    assert scores.value("city_acc") == 0.5
    assert scores.value("date_within_1d") == 0.5
    assert scores.value("killed_acc") == 0.5  # a2's null is right as 0
    assert scores.value("killed_mae") == 0.5
    assert scores.value("killed_stated") == 0.0
    assert scores.value("killed_acc_pos") == 0.0
    assert scores.value("injured_mae") == 1.0


@pytest.mark.parametrize("city, expected", [
    ("Columbus (Whitehall)", ["columbus", "whitehall"]),
    ("Fulton (county)", ["fulton"]),
    ("St. Mary's Parish", ["st marys"]),
    ("", []),
])
def test_gva_city_candidates(city, expected):
    assert gva_city_candidates(city) == expected


@pytest.mark.parametrize("gold_city, location, expected", [
    ("Columbus (Whitehall)", "Columbus", True),
    ("Columbus (Whitehall)", "Whitehall", True),
    ("Mobile", "Mobile County", True),
    ("Brooklyn", "Brooklyn, New York", True),  # whole words contained
    ("Brook", "Brooklyn", False),
    ("Columbus (Whitehall)", "Cleveland", False),
])
def test_gva_city_matching(gold_city, location, expected):
    assert city_matches(gold_city, {"location": location}) is expected


# ----------------------------------------------------------------------------------------------- MUC-4

TEXT = "Guerrillas of the ELN attacked a farm. The army said."


def muc_row(article_id: str = "d1", relevant: bool = True, **roles) -> dict:
    role_lists = {role: roles.get(role, []) for role in scorers.MUC_ROLES}
    templates = [{"date_ranges": [["1990-02-01", "1990-02-02"]],
                  "locations": [{"country": "GUATEMALA", "iso3": "GTM", "places": [{"name": "SANTO TOMAS"}]}],
                  "fatalities": [1, 2], "injuries": None}] if relevant else []
    return {"id": article_id, "relevant": relevant, "roles": role_lists,
            "victims_name_or_description": roles.get("Victim", []), "templates": templates}


def test_grit_norm_and_perp_role():
    assert grit_norm("The FMLN's urban commandos.") == "fmlns urban commandos"
    actor1 = "FMLN: Farabundo Marti National Liberation Front"
    assert perp_role("FMLN", actor1, mixed_case=False) == "PerpOrg"  # a part of actor1
    assert perp_role("urban commandos", None, mixed_case=True) == "PerpInd"
    assert perp_role("Medellin cartel", None, mixed_case=True) == "PerpOrg"
    assert perp_role("army troops", None, mixed_case=True) == "PerpInd"  # people words win
    assert perp_role("ELN", None, mixed_case=True) == "PerpOrg"  # an acronym in mixed-case text
    assert perp_role("ELN", None, mixed_case=False) == "PerpInd"  # ... but not in an all-caps wire


def test_muc4_ceaf_ree_is_one_to_one_and_splits_perpetrators():
    gold = [muc_row(PerpInd=[["guerrillas", "guerrilla column"]], PerpOrg=[["national liberation army", "eln"]],
                    Target=[["presidential farm", "farm"], ["tank truck", "truck"]],
                    Weapon=[["ak-47 rifles"]])]
    predicted = event("d1", perpetrators=["the guerrillas", "ELN"], targets=["farm", "presidential farm"],
                      weapons=["rifle"], evidence=[{"field": "weapons", "text": "AK-47 rifles"}],
                      event_date="1990-02-02", country="Guatemala", iso3="GTM", location="Santo Tomas",
                      fatalities=1)
    background = event("d1", "e2", is_background=True, targets=["embassy"], weapons=["grenade"])
    scores = score_muc4(gold, {"d1": {"id": "d1", "text": TEXT}}, [predicted, background])
    assert scores.value("PerpInd_f1") == 1.0
    assert scores.value("PerpOrg_f1") == 1.0
    # "farm" and "presidential farm" are two predicted entities for one gold entity: one of them matches
    assert (scores.value("Target_p"), scores.value("Target_r")) == (0.5, 0.5)
    assert scores.value("Weapon_f1") == 1.0  # "rifle" accepts its evidence text "AK-47 rifles"
    assert (scores.value("micro_p"), scores.value("micro_r")) == (4 / 5, 4 / 5)
    assert scores.value("Victim_p") == 0.0 and scores.as_dict()["Victim_r"]["n"] == 0
    for metric in ("date_acc", "country_acc", "place_acc", "fatalities_acc"):
        assert scores.value(metric) == 1.0, metric
    assert scores.value("injuries_acc") is None
    target, = checks_of(scores, "Target_f1")
    assert target.gold == ["presidential farm / farm", "tank truck / truck"]
    assert target.predicted == ["farm", "presidential farm"] and not target.hit
    weapon, = checks_of(scores, "Weapon_f1")
    assert weapon.hit and weapon.predicted == ["rifle"]
    fatalities, = checks_of(scores, "fatalities_acc")
    assert (fatalities.gold, fatalities.predicted) == ("1-2", 1)


def test_muc4_detection_and_template_fields_of_a_wrong_main_event():
    gold = [muc_row("d1"), muc_row("d2", relevant=False), muc_row("d3")]
    events = [event("d1", event_date="1990-02-05", country="Honduras", iso3="HND", location="Tegucigalpa"),
              event("d2", "e2")]
    scores = score_muc4(gold, {}, events)
    assert (scores.value("detection_p"), scores.value("detection_r")) == (0.5, 0.5)
    assert scores.value("date_acc") == 0.0 and scores.as_dict()["date_acc"]["n"] == 2
    assert scores.value("country_acc") == 0.0
    assert scores.value("fatalities_acc") == 0.0  # null is not read as 0 here
    assert [check.hit for check in checks_of(scores, "detection")] == [True, False, False]
    country = checks_of(scores, "country_acc")[0]
    assert (country.gold, country.predicted) == ("GUATEMALA", "Honduras")


# ----------------------------------------------------------------------------------------------- WikiEvents

@pytest.mark.parametrize("phrase, expected", [
    ("the commander of the brigade", "commander"),
    ("Islamic State's fighters", "fighters"),
    ("in Baghdad", "baghdad"),  # a leading preposition does not cut
    ("soldiers who guarded the checkpoint", "soldiers"),
    ("Café Bahía", "bahia"),
    ("", ""),
])
def test_head(phrase, expected):
    assert head(phrase) == expected


def test_wikievents_head_matching_with_coreference_and_roles():
    gold = [{"id": "w1", "roles": {
        "Attacker": [{"arg_texts": ["IS"], "mentions": ["IS", "Islamic State"]}],
        "Victim": [{"arg_texts": ["general"], "mentions": ["general", "Vyacheslav Gladkikh"]},
                   {"arg_texts": ["soldiers"], "mentions": ["soldiers"]}],
        "Place": [{"arg_texts": ["Deir ez-Zor"], "mentions": ["Deir ez-Zor", "province"]}]}}]
    events = [event("w1", perpetrators=["the Islamic State"], victims=["Gen. Vyacheslav Gladkikh"],
                    targets=["two soldiers"], location="Deir ez-Zor province", weapons=["IED"]),
              event("w1", "e2", event_type="Protests", victims=["protesters"]),
              event("w1", "e3", is_background=True, perpetrators=["rebels"])]
    scores = score_wikievents(gold, {}, events)
    assert scores.value("Attacker_f1") == 1.0  # "state" is the head of a coreferent mention
    assert (scores.value("Victim_p"), scores.value("Victim_r")) == (1.0, 0.5)
    assert scores.value("Place_f1") == 1.0
    assert scores.value("Target_p") == 0.0 and scores.value("Instrument_p") == 0.0
    assert (scores.value("arg_c_p"), scores.value("arg_c_r")) == (3 / 5, 3 / 4)
    assert (scores.value("arg_i_p"), scores.value("arg_i_r")) == (4 / 5, 4 / 4)  # "soldiers" as a target counts
    victim, = checks_of(scores, "Victim_f1")
    assert victim.gold == ["general", "soldiers"] and victim.predicted == ["Gen. Vyacheslav Gladkikh"]
    assert not victim.hit and victim.evidence_field == "victims"
    assert [check.hit for check in scores.checks] == [True, False, False, False, True]


# ----------------------------------------------------------------------------------------------- agreement

DEV_SETS = {"gtd": "gtd_dev", "gva": "gva_dev", "muc4": "muc4_dev", "wikievents": "wikievents_dev"}


def read_jsonl(path: Path) -> list:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """extracted(data_dir) -> the JSONL file of sitrep's events for data_dir/articles.jsonl, written the way
    `sitrep extract --format jsonl` writes it (cli.run_extract); each dataset is extracted once per module."""
    files: dict[Path, Path] = {}

    def extract(data_dir: Path) -> Path:
        if data_dir not in files:
            path = tmp_path_factory.mktemp("predictions") / f"{data_dir.name}.jsonl"
            with open(path, "w", encoding="utf-8", newline="") as out:
                writer = export.JsonlWriter(out)
                articles = (item for item in read_inputs([str(data_dir / "articles.jsonl")])
                            if not isinstance(item, InputError))
                for article, result in api.extract_articles(articles):
                    if not isinstance(result, api.ArticleError):
                        writer.write(article.title or article.id, result)
                writer.close()
            files[data_dir] = path
        return files[data_dir]

    return extract


def assert_agrees(shared_dir: Path, dataset: str, data_dir: Path, predictions: Path, tmp_path: Path) -> None:
    """Our scores equal the shared scorer's on the same files: metrics (order, value, n, note), summary, counts;
    and every accuracy metric equals the share of hits among its checks."""
    report = tmp_path / f"{dataset}.scores.json"
    result = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_events.py"), "--dataset", dataset,
                             "--data", str(data_dir), "--pred", str(predictions), "--json", str(report)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    theirs = json.loads(report.read_text(encoding="utf-8"))
    summary_line = result.stdout.strip().splitlines()[-1]

    gold = read_jsonl(data_dir / "gold.jsonl")
    articles = {row["id"]: row for row in read_jsonl(data_dir / "articles.jsonl")}
    ours = getattr(scorers, f"score_{dataset}")(gold, articles, read_jsonl(predictions))

    assert ours.dataset == dataset
    assert [metric.name for metric in ours.metrics] == list(theirs["metrics"])
    for metric in ours.metrics:
        expected = theirs["metrics"][metric.name]
        assert (metric.n, metric.note) == (expected["n"], expected["note"]), metric.name
        if expected["value"] is None:
            assert metric.value is None, metric.name
        else:
            assert metric.value == pytest.approx(expected["value"], abs=1e-12), metric.name
    assert summary_line.startswith(f"{dataset}: ")
    assert ours.summary == [item.split("=")[0] for item in summary_line.split(": ", 1)[1].split()]
    assert ours.counts == {"gold_articles": theirs["gold_articles"], "predicted_events": theirs["pred_events"],
                           "articles_with_events": theirs["articles_with_events"],
                           "unknown_article_ids": theirs["unknown_article_ids"]}

    accuracies = {metric.name: metric for metric in ours.metrics if metric.n is not None}
    for name in {check.metric for check in ours.checks} & set(accuracies):
        hits = [check.hit for check in ours.checks if check.metric == name]
        assert len(hits) == accuracies[name].n, name
        assert sum(hits) / len(hits) == pytest.approx(accuracies[name].value, abs=1e-12), name


@pytest.mark.parametrize("dataset", list(DEV_SETS))
def test_agrees_with_shared_scorer_on_sitrep_predictions(dataset, shared_dir, extracted, tmp_path):
    data_dir = shared_dir / "dev" / DEV_SETS[dataset]
    assert_agrees(shared_dir, dataset, data_dir, extracted(data_dir), tmp_path)


def perturbed(events: list[dict], seed: int) -> list:
    """Bad predictions of every kind the scorers must read the same way: half the events gone, random and junk
    counts, confidences, types, dates, places, weapons and perpetrators, unknown article ids and a junk line."""
    rng = random.Random(seed)
    junk_counts = [None, 0, 1, 3, 12, -1, 2.7, "many", True]
    out: list = []
    for event in events[::2]:
        event = dict(event)
        event["fatalities"] = rng.choice(junk_counts + [event.get("fatalities")])
        event["fatalities_high"] = rng.choice([None, 0, 5, 40])
        event["injuries"] = rng.choice(junk_counts + [event.get("injuries")])
        event["confidence"] = rng.choice([None, 0.1, 0.5, 0.5, 0.9, "high"])
        event["is_background"] = rng.random() < 0.15
        event["event_type"] = rng.choice(["Battles", "Explosions/Remote violence", "Violence against civilians",
                                          "Protests", None, event.get("event_type")])
        event["sub_event_type"] = rng.choice(["Attack", "Armed clash", "Grenade", None, event.get("sub_event_type")])
        event["event_date"] = rng.choice([None, "2015-02-30", "1999-11-06", event.get("event_date")])
        if rng.random() < 0.3:
            event["latitude"], event["longitude"] = rng.uniform(-60, 60), rng.uniform(-170, 170)
        if rng.random() < 0.2:
            event["latitude"] = None
        event["country"] = rng.choice(["USA", "Côte d'Ivoire", "the Netherlands", None, event.get("country")])
        event["iso3"] = rng.choice([None, "usa", event.get("iso3")])
        event["location"] = rng.choice([None, "Whitehall", "New York City", event.get("location")])
        event["admin1"] = rng.choice([None, "NY", "Ohio", event.get("admin1")])
        event["weapons"] = rng.choice([[], "machete", ["toy gun", "car bomb"], ["rocks"], event.get("weapons")])
        event["actor1"] = rng.choice([None, "Unidentified Armed Group", "ISIS", "FARC", event.get("actor1")])
        event["perpetrators"] = rng.choice([[], ["gunmen"], ["Daesh", "ELN"], event.get("perpetrators")])
        event["victims"] = rng.choice([[], ["the mayor of the town"], event.get("victims")])
        if rng.random() < 0.05:
            event["article_id"] = "not-in-gold"
        out.append(event)
    out.append(["not", "an", "event"])
    return out


@pytest.mark.parametrize("dataset", list(DEV_SETS))
def test_agrees_with_shared_scorer_on_perturbed_predictions(dataset, shared_dir, extracted, tmp_path):
    data_dir = shared_dir / "dev" / DEV_SETS[dataset]
    bad = write_jsonl(tmp_path / "perturbed.jsonl", perturbed(read_jsonl(extracted(data_dir)), seed=len(dataset)))
    assert_agrees(shared_dir, dataset, data_dir, bad, tmp_path)


def test_agrees_with_shared_scorer_without_predictions(shared_dir, tmp_path):
    data_dir = shared_dir / "dev" / DEV_SETS["gtd"]
    assert_agrees(shared_dir, "gtd", data_dir, write_jsonl(tmp_path / "empty.jsonl", []), tmp_path)
