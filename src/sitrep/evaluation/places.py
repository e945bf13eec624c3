"""Toponym recognition and resolution against a gold geoparsing set: `score_places`.

Reproduces `../shared/tools/score_places.py` metric for metric (names, values, n, notes and order; the
agreement tests in tests/test_evaluation_places.py run both on the same predictions). Its conventions:

- Input: gold rows `{id, toponyms: [{start, end, text, name, lat, lon, geonameid, type?, spans?, admin_level?}]}`,
  the articles by id, and the mentions `sitrep places --format jsonl` writes. Mentions found in the title are
  skipped (gold offsets index the text), and so are those without integer offsets that end after they start.
- Recognition: a prediction matches a gold toponym when they overlap by at least one character; the matching is
  one-to-one and greedy, largest overlap first (ties: closer boundaries, then prediction order, then gold order).
- Resolution, over matched gold toponyms with coordinates: the great-circle error in km, capped at 20,039 km
  (half the circumference), which is also the error of a match without predicted coordinates. AUC of the log
  error curve as in Gritta et al. 2018; end-to-end Acc@161km divides by every gold toponym with coordinates.
- gwn: only the 8 toponym types that name a place count; a prediction overlapping only a span of another type
  is neither a hit nor a false positive.
- lgl, tud: adjectival forms are not annotated, so an unmatched prediction that looks like one ("Iraqi" resolved
  to Iraq) is not a false positive.
- geovirus, wiktor, localnews: the annotation is not exhaustive, so precision and F1 are not reported and
  unmatched predictions are ignored.
- localnews: a gold toponym may list several occurrences (`spans`); the overlapping prediction with the highest
  score resolves it, and for states and countries (`admin_level` adm1/adm0) a prediction naming the gold place
  (or whose admin1/country does) counts as resolved with error 0. Acc@25mi is the set's own protocol.
"""
from __future__ import annotations

import math
import re
from typing import Any

from .common import MAX_KM, Scores, as_float, as_int, distance_km, strip_accents

DATASETS = ("gwn", "lgl", "trnews", "geovirus", "wiktor", "tud", "localnews")

GWN_SCORED_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
                              "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
NOT_EXHAUSTIVE = frozenset({"geovirus", "wiktor", "localnews"})
NO_ADJECTIVES = frozenset({"lgl", "tud"})
ADJECTIVAL_ENDING = re.compile(r"(ian|ean|ish|ese|an|i|ic|ch|ek|que)$")
NEAR_KM = 161.0  # 100 miles, the field's usual threshold
LOCALNEWS_NEAR_KM = 40.2335  # 25 miles

SUMMARY = ("precision", "recall", "f1", "acc_at_161km", "auc", "mean_km", "median_km", "e2e_acc_at_161km")

Span = tuple[int, int]


def score_places(dataset: str, gold: list[dict], articles: dict[str, dict], mentions: list[dict]) -> Scores:
    """Score `sitrep places` mentions against one geoparsing set's gold toponyms (see the module docstring).

    A mention that is not a JSON object counts as one without valid offsets, as in the shared scorer.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown places dataset {dataset!r}; expected one of {', '.join(DATASETS)}")
    scores = Scores(dataset, summary=list(SUMMARY) + (["e2e_acc_at_25mi"] if dataset == "localnews" else []))
    scores.counts["gold_articles"] = len(gold)
    mentions_by_article = _usable_mentions(mentions, articles, scores.counts)
    exhaustive = dataset not in NOT_EXHAUSTIVE

    n_matched = n_predicted = n_gold = 0
    errors: list[float] = []
    n_gold_with_coordinates = n_unresolved = 0
    geonameid_hits: list[bool] = []
    for row in gold:
        article_id = row["id"]
        predicted = mentions_by_article.get(article_id, [])
        if dataset == "gwn":
            counted = [t for t in row["toponyms"] if t.get("type") in GWN_SCORED_TYPES]
            excluded = [t for t in row["toponyms"] if t.get("type") not in GWN_SCORED_TYPES]
        else:
            counted, excluded = row["toponyms"], []
        matches = match_mentions(predicted, counted, by_score=dataset == "localnews")
        matched_mentions = set(matches.values())

        for i, mention in enumerate(predicted):
            if i in matched_mentions or not exhaustive or _overlaps_any(mention, excluded):
                continue
            if dataset in NO_ADJECTIVES and is_adjectival(mention):
                continue
            n_predicted += 1
            scores.check(article_id, "precision", False, predicted=_span_label(mention.get("text"), _span(mention)))
        n_predicted += len(matched_mentions)
        n_matched += len(matches)
        n_gold += len(counted)

        for j, toponym in enumerate(counted):
            match = predicted[matches[j]] if j in matches else None
            scores.check(article_id, "recall", match is not None,
                         gold=_span_label(toponym.get("text"), spans_of(toponym)[0]),
                         predicted=match.get("text") if match else None)
            gold_lat, gold_lon = as_float(toponym.get("lat")), as_float(toponym.get("lon"))
            if gold_lat is None or gold_lon is None:
                continue
            n_gold_with_coordinates += 1
            if match is None:
                continue
            lat, lon = as_float(match.get("latitude")), as_float(match.get("longitude"))
            if dataset == "localnews" and admin_name_match(toponym, match):
                error, how = 0.0, f"names the {'state' if toponym['admin_level'] == 'adm1' else 'country'}"
            elif lat is None or lon is None:
                error, how = MAX_KM, "no coordinates"
                n_unresolved += 1
            else:
                error = min(MAX_KM, distance_km(gold_lat, gold_lon, lat, lon))
                how = f"{error:,.0f} km off"
            errors.append(error)
            scores.check(article_id, "acc_at_161km", error <= NEAR_KM,
                         gold=f"{toponym.get('name') or toponym.get('text')} ({gold_lat:.3f}, {gold_lon:.3f})",
                         predicted=f"{_place_label(match)}: {how}")
            if toponym.get("geonameid") is not None:
                geonameid_hits.append(as_int(match.get("geonameid")) == as_int(toponym["geonameid"]))

    _add_recognition(scores, exhaustive, n_matched, n_predicted, n_gold)
    _add_resolution(scores, errors, n_gold_with_coordinates, n_unresolved, geonameid_hits)
    return scores


def _usable_mentions(mentions: list[dict], articles: dict[str, dict], counts: dict[str, int]) -> dict[str, list[dict]]:
    """The mentions that can be scored, by article id, with integer offsets; tallies the rest into `counts`."""
    by_article: dict[str, list[dict]] = {}
    counts.update(predicted_mentions=len(mentions), skipped_bad_offsets=0, skipped_title=0, text_mismatch=0)
    for mention in mentions:
        if not isinstance(mention, dict):
            counts["skipped_bad_offsets"] += 1
            continue
        if mention.get("field") == "title":
            counts["skipped_title"] += 1
            continue
        start, end = as_int(mention.get("start")), as_int(mention.get("end"))
        if start is None or end is None or end <= start:
            counts["skipped_bad_offsets"] += 1
            continue
        mention = dict(mention, start=start, end=end)
        article_id = str(mention.get("article_id"))
        article = articles.get(article_id)
        # Counted but still scored: the offsets decide the match, the count tells that they may index other text.
        if (article is not None and mention.get("text") is not None
                and article.get("text", "")[start:end] != mention["text"]):
            counts["text_mismatch"] += 1
        by_article.setdefault(article_id, []).append(mention)
    return by_article


def match_mentions(mentions: list[dict], toponyms: list[dict], *, by_score: bool = False) -> dict[int, int]:
    """Greedy one-to-one matching of overlapping spans, as {toponym index: mention index}.

    Largest overlap first (ties: closer boundaries, summed over both ends, then list order); with `by_score`,
    the most confident mention first (ties: the earliest in the text).
    """
    candidates = []
    for i, mention in enumerate(mentions):
        span = _span(mention)
        for j, toponym in enumerate(toponyms):
            gold_spans = spans_of(toponym)
            overlap = max(_overlap(span, gold) for gold in gold_spans)
            if overlap <= 0:
                continue
            if by_score:
                key = (-(as_float(mention.get("score")) or 0.0), span[0], i)
            else:
                distance = min(abs(span[0] - gold[0]) + abs(span[1] - gold[1]) for gold in gold_spans)
                key = (-overlap, distance, i)
            candidates.append((key, i, j))
    candidates.sort()
    used: set[int] = set()
    matches: dict[int, int] = {}
    for _, i, j in candidates:
        if i not in used and j not in matches:
            used.add(i)
            matches[j] = i
    return matches


def spans_of(toponym: dict) -> list[Span]:
    """Every occurrence of a gold toponym: its `spans` (localnews), else its one start/end."""
    return [tuple(span) for span in toponym.get("spans") or [(toponym["start"], toponym["end"])]]


def is_adjectival(mention: dict) -> bool:
    """An adjectival form such as "Iraqi" resolved to Iraq: the text is not the name and ends like an adjective."""
    text, name = str(mention.get("text") or ""), str(mention.get("name") or "")
    return bool(name) and norm_name(text) != norm_name(name) and ADJECTIVAL_ENDING.search(text.strip()) is not None


def admin_name_match(toponym: dict, mention: dict) -> bool:
    """localnews: a state (adm1) or country (adm0) is resolved when the prediction names it, or lies in it."""
    level = toponym.get("admin_level")
    if not level:
        return False
    gold = norm_name(toponym.get("name") or toponym.get("text"))
    keys = ("name", "admin1") if level == "adm1" else ("name", "country")
    return any(norm_name(mention.get(key)) == gold for key in keys if mention.get(key))


def norm_name(name: Any) -> str:
    """Place names compared without accents, case, possessive 's, punctuation or a leading "the"."""
    text = strip_accents(str(name or "")).lower()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def auc_log_error(errors: list[float]) -> float | None:
    """Area under the curve of ln(1 + error), sorted, by the trapezoid rule, scaled to [0, 1] by ln 20039."""
    ys = sorted(math.log(1 + error) for error in errors)
    if not ys:
        return None
    if len(ys) == 1:
        return ys[0] / math.log(MAX_KM)
    return (sum(ys) - (ys[0] + ys[-1]) / 2) / ((len(ys) - 1) * math.log(MAX_KM))


def _add_recognition(scores: Scores, exhaustive: bool, n_matched: int, n_predicted: int, n_gold: int) -> None:
    precision = n_matched / n_predicted if n_predicted else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if exhaustive:
        scores.add("precision", precision, n_predicted)
    else:
        scores.add("precision", None, None, "not reported: annotation not exhaustive")
    scores.add("recall", recall, n_gold)
    scores.add("f1", f1 if exhaustive else None)


def _add_resolution(scores: Scores, errors: list[float], n_gold_with_coordinates: int, n_unresolved: int,
                    geonameid_hits: list[bool]) -> None:
    n_errors = len(errors)
    scores.acc("acc_at_161km", (error <= NEAR_KM for error in errors), "matched gold toponyms with coordinates")
    scores.mean("mean_km", errors, f"no predicted coordinates = {MAX_KM:.0f} km")
    scores.add("median_km", _median(errors), n_errors)
    scores.add("auc", auc_log_error(errors), n_errors, "Gritta et al. 2018, lower is better")
    # End to end: the same hits, over every gold toponym with coordinates, recognised or not.
    within_161 = sum(error <= NEAR_KM for error in errors)
    scores.add("e2e_acc_at_161km", within_161 / n_gold_with_coordinates if n_gold_with_coordinates else None,
               n_gold_with_coordinates, "recognised and within 161 km / all gold with coordinates")
    if scores.dataset == "localnews":
        within_25mi = sum(error <= LOCALNEWS_NEAR_KM for error in errors)
        scores.acc("acc_at_25mi", (error <= LOCALNEWS_NEAR_KM for error in errors), "the set's own protocol")
        scores.add("e2e_acc_at_25mi", within_25mi / n_gold_with_coordinates if n_gold_with_coordinates else None,
                   n_gold_with_coordinates)
    scores.acc("geonameid_acc", geonameid_hits, "matched gold with a GeoNames id")
    scores.add("unresolved_matches", n_unresolved, n_errors, "matched predictions without coordinates")


def _median(values: list[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _span(mention: dict) -> Span:
    return mention["start"], mention["end"]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlaps_any(mention: dict, toponyms: list[dict]) -> bool:
    return any(_overlap(_span(mention), span) > 0 for toponym in toponyms for span in spans_of(toponym))


def _span_label(text: Any, span: Span) -> str:
    return f"{text} [{span[0]}:{span[1]}]"


def _place_label(mention: dict) -> str:
    """The predicted place as a reader would name it: "Springfield, Illinois, United States"."""
    parts = [mention.get("name") or mention.get("text"), mention.get("admin1"), mention.get("country")]
    return ", ".join(str(part) for part in dict.fromkeys(parts) if part)
