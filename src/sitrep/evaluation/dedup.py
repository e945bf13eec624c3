"""Cross-article dedup: do all the reports of one real incident end up as one stored event? `score_dedup`.

Reproduces `../shared/tools/score_dedup.py` metric for metric (tests/test_evaluation_places.py runs both on the
same events). Its conventions:

- Gold: one row per incident, `{incident_id, article_ids, ...}` (dev/gva_multi_dev). Events: SCHEMA.md records,
  each naming the articles that reported it in `sources` (ids, or objects with an `article_id`), else in
  `article_id`. Only non-background events with a violent event_type count.
- one_event_rate: of the incidents where at least two articles gave a counted event, the share whose counted
  events are exactly one event; split_rate: the rest of them.
- false_merge_rate: of the counted events, the share whose sources span two or more incidents.
"""
from __future__ import annotations

from collections import defaultdict

from .common import Scores, is_violent

SUMMARY = ("one_event_rate", "split_rate", "false_merge_rate")


def score_dedup(gold: list[dict], articles: dict[str, dict], events: list[dict]) -> Scores:
    """Score merged events against gold incidents (see the module docstring).

    `articles` is not read (the gold names the articles); it keeps the signature every scorer shares.
    """
    scores = Scores("dedup", summary=list(SUMMARY))
    incident_of = {article_id: row["incident_id"] for row in gold for article_id in row["article_ids"]}
    scores.counts.update(gold_incidents=len(gold), predicted_events=len(events))

    events_of_article: dict[str, set[str]] = defaultdict(set)
    n_counted = n_spanning = 0
    for index, event in enumerate(events):
        if not is_violent(event):
            continue
        n_counted += 1
        # The shared scorer numbers lines from 0; a list of events has no blank lines, so the index is the line.
        event_id = event.get("event_id") or f"line{index}"
        sources = _sources(event)
        incidents = {incident_of[source] for source in sources if source in incident_of}
        if len(incidents) > 1:
            n_spanning += 1
            first_reported = next(source for source in sources if source in incident_of)
            scores.check(first_reported, "false_merge_rate", False,
                         gold="incidents " + ", ".join(sorted(map(str, incidents))),
                         predicted=", ".join(map(str, sources)), event={"event_id": event_id})
        for source in sources:
            events_of_article[source].add(event_id)

    articles_of_incident: dict[str, list[str]] = defaultdict(list)
    for article_id, incident in incident_of.items():
        articles_of_incident[incident].append(article_id)
    n_merged = n_judged = 0
    for article_ids in articles_of_incident.values():
        reporting = [article_id for article_id in article_ids if events_of_article.get(article_id)]
        # An incident only one article gave an event for has nothing to merge.
        if len(reporting) < 2:
            continue
        n_judged += 1
        event_ids = set().union(*(events_of_article[article_id] for article_id in reporting))
        n_merged += scores.check(article_ids[0], "one_event_rate", len(event_ids) == 1,
                                 gold=", ".join(article_ids), predicted=", ".join(sorted(map(str, event_ids))))

    scores.add("incidents_judged", n_judged)
    scores.add("one_event_rate", n_merged / n_judged if n_judged else None, n_judged)
    scores.add("split_rate", 1 - n_merged / n_judged if n_judged else None, n_judged)
    scores.add("false_merge_rate", n_spanning / n_counted if n_counted else None, n_counted)
    scores.add("counted_events", n_counted)
    return scores


def _sources(event: dict) -> list:
    """The ids of the articles that reported the event (None for a source that names none)."""
    ids = []
    for source in event.get("sources") or [event.get("article_id")]:
        if isinstance(source, dict):
            ids.append(source.get("article_id"))
        else:
            ids.append(source if isinstance(source, str) else None)
    return ids
