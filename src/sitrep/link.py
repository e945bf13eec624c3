"""The `merge` stage: frames that tell one event become one frame, carrying all their evidence.

A headline and the body, or two sentences that each open a frame for the same attack, agree on what happened
(compatible kinds), where (the same place, places under 25 km apart, a town and its province or country, or one
of them has none) and when (the same day, or one of them has no date of its own), and are both news or both
background (or an undated telling of news retells a dated one of history). A frame opened by "another" or "a similar" never merges back; a frame that names neither place nor date
joins the event told just before it, any other the first event it fits. Casualty counts are not added up
across the merged frames: the casualties module reads a repeated figure as the same victims told twice.
"""
from __future__ import annotations

import datetime as dt

from .events import KIND_PRIORITY, Frame, compatible_kinds, keep_the_subject_as_news, mark_background
from .gazetteer import distance_km
from .model import Document, PlaceMention
from .pipeline import stage

SAME_PLACE_KM = 25.0


@stage("merge", requires=("frames",), assigns=("frames",))
def merge_frames(doc: Document) -> None:
    """Merge the frames that tell the same event (headline and body, repeated tellings)."""
    merged: list[Frame] = []
    for frame in sorted(doc.frames, key=lambda f: (f.part != "title", f.sentence, f.start)):
        candidates = reversed(merged) if _told_alone(frame) else merged
        partner = next((m for m in candidates if same_event(m, frame)), None)
        if partner is None:
            merged.append(frame)
        else:
            absorb(partner, frame)
    for frame in merged:
        mark_background(doc, frame)
    keep_the_subject_as_news(doc, merged)
    doc.frames = merged


def same_event(a: Frame, b: Frame) -> bool:
    """Whether the later frame `b` tells the event of `a` again."""
    if "accusation" in (a.kind, b.kind) or not compatible_kinds(a.kind, b.kind) or b.distinct:
        return False
    if a.kind != b.kind and "attack" not in (a.kind, b.kind) and not (a.in_title or b.in_title):
        return False
    if (a.background is None) != (b.background is None) and not _undated_telling_of_history(a, b):
        return False
    if not _same_place(a.place, b.place):
        return False
    if _own_date(a) is not None and _own_date(b) is not None and _own_date(a) != _own_date(b):
        return False
    if a.in_title or b.in_title:
        return True
    if a.background is not None:
        # History is told in passing: two background frames are one event only when they give the same date.
        return a.time is not None and b.time is not None
    # Two frames that each name their own place or their own date and agree are one event; a frame that names
    # neither is a retelling of the event around it ("Police said the shooting happened after a fight").
    if bool(a.places and b.places) or (a.time is not None and b.time is not None):
        return True
    return _told_alone(a) or _told_alone(b)


def _undated_telling_of_history(a: Frame, b: Frame) -> bool:
    """An undated telling of news and a dated telling of history may be one event: the article dates it later."""
    news, history = (a, b) if a.background is None else (b, a)
    return _own_date(news) is None and _own_date(history) is not None


def _own_date(frame: Frame) -> dt.date | None:
    """The date of the act itself: a bound ("arrested Friday for the shooting") tells of a later happening."""
    return frame.time.date if frame.time is not None and not frame.time_is_bound else None


def _told_alone(frame: Frame) -> bool:
    return not frame.places and frame.time is None


def _same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """The same place, places a few km apart, or one inside the other (a town and its province or country)."""
    if a is None or b is None or not a.resolved or not b.resolved:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_KM or _contains(a, b) \
        or _contains(b, a)


def _contains(region: PlaceMention, place: PlaceMention) -> bool:
    if region.feature_code and region.feature_code.startswith("PCL"):
        return bool(region.country) and region.country == place.country
    if region.feature_code == "ADM1":
        return bool(region.name) and region.country == place.country and region.name == place.admin1
    return False


def absorb(into: Frame, other: Frame) -> None:
    """Add `other`'s words to `into`; where both have a value the more precise one stays."""
    into.triggers.extend(other.triggers)
    into.weapons.extend(other.weapons)
    into.counts.extend(other.counts)
    into.perpetrators.extend(other.perpetrators)
    into.victims.extend(other.victims)
    into.victim_actors.extend(other.victim_actors)
    into.targets.extend(other.targets)
    into.places.extend(other.places)
    into.attributions.extend(other.attributions)
    into.sentences |= other.sentences
    if _dates_better(other, into):
        into.time, into.time_is_bound = other.time, other.time_is_bound
    if other.place is not None and other.place.resolved and (
            into.place is None or not into.place.resolved
            or (other.place.geo_precision or 3) < (into.place.geo_precision or 3)):
        into.place = other.place
    if into.background is None:
        into.background = other.background
    if KIND_PRIORITY.index(other.kind) < KIND_PRIORITY.index(into.kind):
        into.kind = other.kind


def _dates_better(other: Frame, than: Frame) -> bool:
    """Whether `other`'s time dates the event better: a time of the act itself over a bound, then the finer one."""
    if other.time is None:
        return False
    if than.time is None:
        return True
    if other.time_is_bound != than.time_is_bound:
        return than.time_is_bound
    return (other.time.precision or 3) < (than.time.precision or 3)
