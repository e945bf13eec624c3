"""Scoring sitrep against the sitrep gold format, for users' own annotated articles: `score_sitrep`.

A gold line is `{"id": ..., "events": [...]}` whose events use SCHEMA.md's event field names; docs/gold-format.md
is the user's guide. Every field is optional and scored only where the gold gives it (a null counts as not given),
so an annotator writes down only what they checked. The conventions, where the shared scorers have one, are theirs:

- Only violent events are compared, as everywhere in sitrep's evaluation: the predicted side is the article's
  main event (`main_event`) or, for event matching, its non-background violent events; on the gold side, the
  non-background events whose `event_type` is violent or not given. Other gold events are kept but not scored.
- Detection, per article: gold has a scored event vs sitrep has a main event; precision, recall and F1.
- Fields, per article with a gold event: its first scored event against the predicted main event; no main event
  makes every field a miss. A null predicted `fatalities` or `injuries` is read as 0, as the shared scorer does.
- Event matching, for articles reporting several events: predicted and gold events are matched one to one
  (maximum matching) when their sub-event type agrees (the event type when the gold gives no sub-event type,
  anything when it gives neither) and their dates agree where both give one; precision, recall and F1.
- Names (types, admin1, location, country names, weapons) are compared after normalisation: case, accents,
  punctuation and a leading "the" ignored. Actors match when their significant words are equal or one set holds
  the other ("Islamic State" matches "Islamic State (Iraq)"); "of", "the", "and" and the like are not significant.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterator

from .common import (VIOLENT, Scores, as_float, as_int, as_list, distance_km, is_violent, main_event,
                     max_matching, parse_date, strip_accents)

NAME_FIELDS = (  # metric, gold field compared by normalised name
    ("event_type_acc", "event_type"),
    ("sub_event_type_acc", "sub_event_type"),
    ("admin1_acc", "admin1"),
    ("location_acc", "location"),
)
COUNT_FIELDS = (("fatalities_acc", "fatalities"), ("injuries_acc", "injuries"))
ACTOR_FIELDS = (("actor1_acc", "actor1"), ("actor2_acc", "actor2"))
NEAR_KM = (("acc_at_25km", 25.0), ("acc_at_161km", 161.0))
FIELD_METRICS = ("event_type_acc", "sub_event_type_acc", "date_acc", "fatalities_acc", "injuries_acc",
                 "country_acc", "admin1_acc", "location_acc", "acc_at_25km", "acc_at_161km", "actor1_acc",
                 "actor2_acc", "weapon_acc")
NOTES = {
    "fatalities_acc": "null predicted read as 0",
    "injuries_acc": "null predicted read as 0",
    "country_acc": "iso3, or the normalised country name",
    "actor1_acc": "significant words equal or one set holds the other",
    "actor2_acc": "significant words equal or one set holds the other",
    "weapon_acc": "any gold weapon among the predicted weapons",
}
SUMMARY = ("detection_f1", "events_f1", *FIELD_METRICS)
INSIGNIFICANT_ACTOR_WORDS = frozenset({"a", "an", "and", "the", "of", "in", "for", "on", "at", "to"})
ACLED_EVENT_TYPES = (*VIOLENT, "Protests", "Riots", "Strategic developments")
TEXT_FIELDS = ("event_type", "sub_event_type", "country", "iso3", "admin1", "location", "actor1", "actor2")


class GoldFormatError(ValueError):
    """A gold line that does not follow docs/gold-format.md; the message names the line, the article and the field."""


def score_sitrep(gold: list[dict], articles: dict[str, dict], events: list[dict]) -> Scores:
    """Score `sitrep extract` events against gold lines in the sitrep gold format (see the module docstring).

    Gold lines without an `events` key (lines that only annotate toponyms) are not scored here. A malformed gold
    line raises GoldFormatError.
    """
    scores = Scores("sitrep", summary=list(SUMMARY))
    predicted_by_article: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        if isinstance(event, dict):
            predicted_by_article[str(event.get("article_id"))].append(event)

    annotated = [(str(line["id"]), _scored_gold_events(line, number))
                 for number, line in enumerate(gold, 1) if _has_events(line, number)]
    detection = {"tp": 0, "predicted": 0, "gold": 0}
    field_hits: dict[str, list[bool]] = {metric: [] for metric in FIELD_METRICS}
    matching = {"tp": 0, "predicted": 0, "gold": 0}
    for article_id, gold_events in annotated:
        predicted = predicted_by_article.get(article_id, [])
        predicted_main = main_event(predicted)
        _detect(scores, detection, article_id, gold_events, predicted_main)
        if gold_events:
            for metric, field, gold_value, predicted_value, hit in _compare_fields(gold_events[0], predicted_main):
                field_hits[metric].append(scores.check(article_id, metric, hit, gold=gold_value,
                                                       predicted=predicted_value, event=predicted_main,
                                                       evidence_field=field))
        _match_events(scores, matching, article_id, gold_events, [e for e in predicted if is_violent(e)])

    scores.prf("detection", detection["tp"], detection["predicted"], detection["gold"],
               "articles: gold has a scored event vs sitrep has a main event")
    for metric in FIELD_METRICS:
        scores.acc(metric, field_hits[metric], NOTES.get(metric, ""))
    scores.prf("events", matching["tp"], matching["predicted"], matching["gold"],
               "one-to-one: sub-event type (else event type) and date agree")

    gold_ids = {article_id for article_id, _ in annotated}
    scores.counts.update({
        "gold_articles": len(annotated),
        "gold_lines_without_events": len(gold) - len(annotated),
        "gold_ids_not_in_articles": len(gold_ids - set(articles)),
        "pred_events": len(events),
        "articles_with_events": sum(1 for article_id in gold_ids if predicted_by_article.get(article_id)),
        "unknown_article_ids": len(set(predicted_by_article) - gold_ids),
    })
    return scores


# ----------------------------------------------------------------------------------------------- gold lines

def _has_events(line: Any, number: int) -> bool:
    """Whether a gold line annotates events; a line that is not an object with an id is an error."""
    if not isinstance(line, dict) or "id" not in line:
        raise GoldFormatError(f"gold line {number}: expected an object with an \"id\"")
    return "events" in line


def _scored_gold_events(line: dict, number: int) -> list[dict]:
    """The line's non-background events whose event type is violent or not given, validated."""
    where = f"gold line {number} (id {line['id']!r})"
    events = line["events"]
    if not isinstance(events, list) or not all(isinstance(event, dict) for event in events):
        raise GoldFormatError(f"{where}: \"events\" must be a list of objects")
    for event in events:
        _validate_gold_event(where, event)
    return [event for event in events
            if not event.get("is_background") and event.get("event_type") in (None, *VIOLENT)]


def _validate_gold_event(where: str, event: dict) -> None:
    def fail(field: str, expected: str) -> GoldFormatError:
        return GoldFormatError(f"{where}: event field {field!r} must be {expected}, not {event[field]!r}")

    for field in TEXT_FIELDS:
        if event.get(field) is not None and not isinstance(event[field], str):
            raise fail(field, "a string")
    if event.get("event_type") is not None and event["event_type"] not in ACLED_EVENT_TYPES:
        raise fail("event_type", "one of ACLED's event types (" + ", ".join(ACLED_EVENT_TYPES) + ")")
    if event.get("event_date") is not None and parse_date(event["event_date"]) is None:
        raise fail("event_date", "a date YYYY-MM-DD")
    for field in ("fatalities", "injuries"):
        if event.get(field) is not None and (as_int(event[field]) is None or as_int(event[field]) < 0):
            raise fail(field, "a whole number >= 0")
    for field in ("latitude", "longitude"):
        if event.get(field) is not None and as_float(event[field]) is None:
            raise fail(field, "a number")
    if event.get("weapons") is not None and not isinstance(event["weapons"], list):
        raise fail("weapons", "a list of strings")
    if event.get("is_background") is not None and not isinstance(event["is_background"], bool):
        raise fail("is_background", "true or false")


# ----------------------------------------------------------------------------------------------- metrics

def _detect(scores: Scores, tally: dict[str, int], article_id: str, gold_events: list[dict],
            predicted_main: dict | None) -> None:
    has_gold, has_predicted = bool(gold_events), predicted_main is not None
    tally["gold"] += has_gold
    tally["predicted"] += has_predicted
    tally["tp"] += has_gold and has_predicted
    scores.check(article_id, "detection", has_gold == has_predicted, gold=has_gold,
                 predicted=_event_label(predicted_main) if has_predicted else None, event=predicted_main,
                 evidence_field="event_type")


def _compare_fields(gold_event: dict, predicted: dict | None) -> Iterator[tuple[str, str, Any, Any, bool]]:
    """(metric, evidence field, gold value, predicted value, hit) for every field the gold event gives."""
    found = predicted is not None
    predicted = predicted or {}
    for metric, field in NAME_FIELDS:
        if gold_event.get(field) is not None:
            hit = found and _same_name(gold_event[field], predicted.get(field))
            yield metric, field, gold_event[field], predicted.get(field), hit
    if gold_event.get("event_date") is not None:
        hit = found and parse_date(predicted.get("event_date")) == parse_date(gold_event["event_date"])
        yield "date_acc", "event_date", gold_event["event_date"], predicted.get("event_date"), hit
    for metric, field in COUNT_FIELDS:
        if gold_event.get(field) is not None:
            gold_count, predicted_count = as_int(gold_event[field]), as_int(predicted.get(field))
            yield metric, field, gold_count, predicted_count, found and (predicted_count or 0) == gold_count
    if gold_event.get("iso3") is not None or gold_event.get("country") is not None:
        hit = found and _same_country(gold_event, predicted)
        yield ("country_acc", "country", gold_event.get("iso3") or gold_event.get("country"),
               predicted.get("iso3") or predicted.get("country"), hit)
    yield from _compare_coordinates(gold_event, predicted)
    for metric, field in ACTOR_FIELDS:
        if gold_event.get(field) is not None:
            hit = found and _same_actor(gold_event[field], predicted.get(field))
            yield metric, field, gold_event[field], predicted.get(field), hit
    gold_weapons, predicted_weapons = as_list(gold_event.get("weapons")), as_list(predicted.get("weapons"))
    if gold_weapons:
        hit = found and bool({_norm(w) for w in gold_weapons} & {_norm(w) for w in predicted_weapons})
        yield "weapon_acc", "weapons", gold_weapons, predicted_weapons, hit


def _compare_coordinates(gold_event: dict, predicted: dict) -> Iterator[tuple[str, str, Any, Any, bool]]:
    gold_point = (as_float(gold_event.get("latitude")), as_float(gold_event.get("longitude")))
    if None in gold_point:
        return
    predicted_point = (as_float(predicted.get("latitude")), as_float(predicted.get("longitude")))
    distance = None if None in predicted_point else distance_km(*gold_point, *predicted_point)
    shown = None if distance is None else list(predicted_point)
    for metric, limit in NEAR_KM:
        yield metric, "location", list(gold_point), shown, distance is not None and distance <= limit


def _match_events(scores: Scores, tally: dict[str, int], article_id: str, gold_events: list[dict],
                  predicted: list[dict]) -> None:
    pairs = max_matching(len(gold_events), len(predicted), lambda i, j: _same_event(gold_events[i], predicted[j]))
    tally["tp"] += len(pairs)
    tally["gold"] += len(gold_events)
    tally["predicted"] += len(predicted)
    partner = dict(pairs)
    for i, gold_event in enumerate(gold_events):
        match = predicted[partner[i]] if i in partner else None
        scores.check(article_id, "events", match is not None, gold=_event_label(gold_event),
                     predicted=_event_label(match) if match else None, event=match, evidence_field="sub_event_type")
    matched = set(partner.values())
    for j, event in enumerate(predicted):
        if j not in matched:
            scores.check(article_id, "events", False, predicted=_event_label(event), event=event,
                         evidence_field="sub_event_type")


# ----------------------------------------------------------------------------------------------- comparisons

def _same_event(gold_event: dict, predicted: dict) -> bool:
    for field in ("sub_event_type", "event_type"):
        if gold_event.get(field) is not None:
            if not _same_name(gold_event[field], predicted.get(field)):
                return False
            break
    gold_date, predicted_date = parse_date(gold_event.get("event_date")), parse_date(predicted.get("event_date"))
    return gold_date is None or predicted_date is None or gold_date == predicted_date


def _same_name(gold: Any, predicted: Any) -> bool:
    return bool(_norm(predicted)) and _norm(predicted) == _norm(gold)


def _same_country(gold_event: dict, predicted: dict) -> bool:
    gold_iso3, predicted_iso3 = gold_event.get("iso3"), predicted.get("iso3")
    if gold_iso3 and predicted_iso3 and str(predicted_iso3).upper() == gold_iso3.upper():
        return True
    return gold_event.get("country") is not None and _same_name(gold_event["country"], predicted.get("country"))


def _same_actor(gold: str, predicted: Any) -> bool:
    gold_words, predicted_words = _actor_words(gold), _actor_words(predicted)
    return bool(gold_words) and bool(predicted_words) and (
        gold_words <= predicted_words or predicted_words <= gold_words)


def _actor_words(name: Any) -> set[str]:
    return set(_norm(name).split()) - INSIGNIFICANT_ACTOR_WORDS


def _norm(value: Any) -> str:
    """Case, accents, punctuation and a leading 'the' removed; whitespace collapsed."""
    if value is None:
        return ""
    text = re.sub(r"[’'`]", "", strip_accents(str(value)).lower())
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _event_label(event: dict) -> dict[str, Any]:
    """What identifies an event in the error report: its types and date, where given."""
    return {key: event[key] for key in ("event_type", "sub_event_type", "event_date") if event.get(key) is not None}
