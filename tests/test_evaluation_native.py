"""score_sitrep, the scorer of the sitrep gold format (docs/gold-format.md), on hand-written gold and events."""
import json
import re
from pathlib import Path

import pytest

from sitrep.evaluation.native import SUMMARY, GoldFormatError, score_sitrep

GOLD_EVENT = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "event_date": "2024-03-02",
    "fatalities": 2,
    "injuries": 5,
    "country": "Iraq",
    "iso3": "IRQ",
    "admin1": "Ninewa",
    "location": "Tal Harun",
    "latitude": 36.0,
    "longitude": 43.0,
    "actor1": "Islamic State (Iraq)",
    "actor2": "Civilians (Iraq)",
    "weapons": ["mortar"],
}
ARTICLES = {"a1": {"id": "a1", "text": "..."}, "a2": {"id": "a2", "text": "..."}}


def predicted(article_id="a1", event_id="e1", **fields) -> dict:
    return {"article_id": article_id, "event_id": event_id, "confidence": 0.8, "is_background": False, **fields}


def values(scores) -> dict:
    return {metric.name: metric.value for metric in scores.metrics}


def sizes(scores) -> dict:
    return {metric.name: metric.n for metric in scores.metrics}


def test_a_perfect_prediction_scores_one_everywhere():
    scores = score_sitrep([{"id": "a1", "events": [GOLD_EVENT]}], ARTICLES, [predicted(**GOLD_EVENT)])
    result = values(scores)
    assert all(result[name] == 1.0 for name in SUMMARY), {name: result[name] for name in SUMMARY}
    assert scores.summary == list(SUMMARY)
    assert sizes(scores)["fatalities_acc"] == 1
    assert scores.counts == {"gold_articles": 1, "gold_lines_without_events": 0, "gold_ids_not_in_articles": 0,
                             "pred_events": 1, "articles_with_events": 1, "unknown_article_ids": 0}
    assert all(check.hit and check.article_id == "a1" for check in scores.checks)


def test_wrong_fields_are_misses_and_near_ones_are_hits():
    event = predicted(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",  # wrong
        event_date="2024-03-01",  # wrong
        fatalities=None,  # read as 0: wrong against 2
        injuries=5,
        country="iraq", iso3=None,  # the name, normalised, is enough
        admin1="Erbil",  # wrong
        location="Tal  Harun",  # whitespace and case do not matter
        latitude=36.0, longitude=43.5,  # 45 km away
        actor1="Islamic State",  # contained in the gold name
        actor2="Military Forces of Iraq",  # wrong
        weapons=["Mortar", "rocket"],
    )
    scores = score_sitrep([{"id": "a1", "events": [GOLD_EVENT]}], ARTICLES, [event])
    result = values(scores)
    assert {name: result[name] for name in SUMMARY} == {
        "detection_f1": 1.0, "events_f1": 0.0, "event_type_acc": 1.0, "sub_event_type_acc": 0.0, "date_acc": 0.0,
        "fatalities_acc": 0.0, "injuries_acc": 1.0, "country_acc": 1.0, "admin1_acc": 0.0, "location_acc": 1.0,
        "acc_at_25km": 0.0, "acc_at_161km": 1.0, "actor1_acc": 1.0, "actor2_acc": 0.0, "weapon_acc": 1.0,
    }
    [date_check] = [check for check in scores.checks if check.metric == "date_acc"]
    assert (date_check.hit, date_check.gold, date_check.predicted) == (False, "2024-03-02", "2024-03-01")
    assert (date_check.event_id, date_check.evidence_field) == ("e1", "event_date")
    [fatalities_check] = [check for check in scores.checks if check.metric == "fatalities_acc"]
    assert (fatalities_check.gold, fatalities_check.predicted) == (2, None)


def test_fields_the_gold_leaves_out_are_not_scored():
    gold = [{"id": "a1", "events": [{"sub_event_type": "Armed clash", "fatalities": 0, "actor2": None}]}]
    scores = score_sitrep(gold, ARTICLES, [predicted(event_type="Battles", sub_event_type="Armed clash",
                                                     fatalities=None, admin1="Ninewa")])
    scored = {name: n for name, n in sizes(scores).items() if name.endswith("_acc") or name.startswith("acc_")}
    assert scored == {"event_type_acc": 0, "sub_event_type_acc": 1, "date_acc": 0, "fatalities_acc": 1,
                      "injuries_acc": 0, "country_acc": 0, "admin1_acc": 0, "location_acc": 0, "acc_at_25km": 0,
                      "acc_at_161km": 0, "actor1_acc": 0, "actor2_acc": 0, "weapon_acc": 0}
    result = values(scores)
    assert result["sub_event_type_acc"] == 1.0 and result["fatalities_acc"] == 1.0  # null read as 0
    assert result["admin1_acc"] is None
    assert {check.metric for check in scores.checks} == {"detection", "sub_event_type_acc", "fatalities_acc",
                                                         "events"}


def test_without_a_predicted_main_event_every_field_is_a_miss():
    gold = [{"id": "a1", "events": [{"event_type": "Battles", "fatalities": 0}]}]
    protest = predicted(event_type="Protests", sub_event_type="Peaceful protest", fatalities=0)
    result = values(score_sitrep(gold, ARTICLES, [protest]))
    assert result["detection_r"] == 0.0 and result["detection_f1"] == 0.0
    assert result["event_type_acc"] == 0.0 and result["fatalities_acc"] == 0.0


def test_events_are_matched_one_to_one_by_type_and_date():
    gold = [{"id": "a1", "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "event_date": "2024-03-02"},
        {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-03-04"},
        {"event_type": "Battles", "event_date": "2023-11-20", "is_background": True},
    ]}]
    events = [
        predicted(event_id="e1", event_type="Explosions/Remote violence",
                  sub_event_type="Shelling/artillery/missile attack", event_date="2024-03-02"),
        predicted(event_id="e2", event_type="Battles", sub_event_type="Armed clash", event_date="2024-03-05"),
        predicted(event_id="e3", event_type="Battles", sub_event_type="Armed clash", event_date="2023-11-20",
                  is_background=True),  # background: not compared
        predicted(event_id="e4", event_type="Protests", sub_event_type="Peaceful protest"),  # not violent
    ]
    scores = score_sitrep(gold, ARTICLES, events)
    result = values(scores)
    assert (result["events_p"], result["events_r"]) == (0.5, 0.5)
    assert sizes(scores)["events_p"] == 2 and sizes(scores)["events_r"] == 2
    event_checks = [(check.hit, check.event_id) for check in scores.checks if check.metric == "events"]
    assert event_checks == [(True, "e1"), (False, None), (False, "e2")]


def test_a_gold_event_without_types_or_date_matches_any_violent_event():
    gold = [{"id": "a1", "events": [{"fatalities": 3}, {"fatalities": 1}]}]
    events = [predicted(event_id="e1", event_type="Battles", fatalities=3)]
    result = values(score_sitrep(gold, ARTICLES, events))
    assert (result["events_p"], result["events_r"]) == (1.0, 0.5)
    assert result["fatalities_acc"] == 1.0


def test_an_event_in_a_no_event_article_is_a_false_positive():
    gold = [{"id": "a1", "events": [GOLD_EVENT]}, {"id": "a2", "events": []}]
    events = [predicted(**GOLD_EVENT), predicted("a2", "e9", event_type="Battles", sub_event_type="Armed clash")]
    scores = score_sitrep(gold, ARTICLES, events)
    result = values(scores)
    assert (result["detection_p"], result["detection_r"]) == (0.5, 1.0)
    assert result["detection_f1"] == pytest.approx(2 / 3)
    assert (result["events_p"], result["events_r"]) == (0.5, 1.0)
    assert sizes(scores)["event_type_acc"] == 1  # the no-event article has no fields to score
    [check] = [c for c in scores.checks if c.article_id == "a2" and c.metric == "detection"]
    assert (check.hit, check.gold, check.event_id) == (False, False, "e9")
    assert check.predicted == {"event_type": "Battles", "sub_event_type": "Armed clash"}


def test_non_violent_gold_events_and_lines_without_events_are_not_scored():
    gold = [{"id": "a1", "events": [{"event_type": "Protests", "sub_event_type": "Peaceful protest"}]},
            {"id": "a2", "toponyms": []}]
    scores = score_sitrep(gold, ARTICLES, [predicted("a3", event_type="Battles")])
    result = values(scores)
    assert (result["detection_p"], result["detection_r"], result["events_r"]) == (0.0, 0.0, 0.0)
    assert sizes(scores)["detection_r"] == 0 and sizes(scores)["event_type_acc"] == 0
    assert scores.counts["gold_lines_without_events"] == 1
    assert scores.counts["unknown_article_ids"] == 1


@pytest.mark.parametrize("line, message", [
    ({"events": []}, "gold line 1: expected an object with an \"id\""),
    ({"id": "a1", "events": {"event_type": "Battles"}}, "\"events\" must be a list of objects"),
    ({"id": "a1", "events": [{"event_date": "2 March 2024"}]}, "'event_date' must be a date YYYY-MM-DD"),
    ({"id": "a1", "events": [{"fatalities": "two"}]}, "'fatalities' must be a whole number >= 0"),
    ({"id": "a1", "events": [{"event_type": "Explosions"}]}, "'event_type' must be one of ACLED's event types"),
    ({"id": "a1", "events": [{"weapons": "mortar"}]}, "'weapons' must be a list of strings"),
])
def test_a_malformed_gold_line_names_the_article_and_the_field(line, message):
    with pytest.raises(GoldFormatError, match=re.escape(message)):
        score_sitrep([line], ARTICLES, [])


def test_the_worked_example_of_the_docs_scores_as_the_docs_say():
    page = (Path(__file__).resolve().parents[1] / "docs" / "gold-format.md").read_text(encoding="utf-8")
    records = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", page, re.DOTALL)]
    articles = {r["id"]: r for r in records if "text" in r}
    gold = [r for r in records if "events" in r]
    events = [r for r in records if "article_id" in r]
    assert (len(articles), len(gold), len(events)) == (2, 2, 4)
    for line in gold:
        for toponym in line["toponyms"]:
            assert articles[line["id"]]["text"][toponym["start"]:toponym["end"]] == toponym["text"]

    result = values(score_sitrep(gold, articles, events))
    assert (result["detection_p"], result["detection_r"]) == (0.5, 1.0)
    assert result["detection_f1"] == pytest.approx(0.667, abs=5e-4)
    assert result["injuries_acc"] == 0.0 and result["admin1_acc"] == 0.0
    right = ["event_type_acc", "sub_event_type_acc", "date_acc", "fatalities_acc", "country_acc", "location_acc",
             "acc_at_25km", "acc_at_161km", "actor1_acc", "actor2_acc", "weapon_acc"]
    assert {name: result[name] for name in right} == dict.fromkeys(right, 1.0)
    assert (result["events_p"], result["events_r"], result["events_f1"]) == (pytest.approx(2 / 3), 1.0,
                                                                              pytest.approx(0.8))
