"""Property tests: `sitrep.extract` on arbitrary text never crashes and always returns well-formed records."""
import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

os.environ.setdefault("SITREP_CACHE_DIR", "/tmp/sitrep-cache")

import sitrep  # noqa: E402
from sitrep.api import ArticleError  # noqa: E402
from sitrep.model import Event  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that steer the text into the interesting parts of the pipeline (triggers, numbers, dates, places, actors).
NEWSY = ["killed", "wounded", "attack", "bomb", "exploded", "rockets", "gunmen", "Al-Shabaab", "Taliban", "Kabul",
         "Mogadishu", "on Monday", "last week", "In January", "3 March 2023", "at least", "dozens", "12", "no one",
         "claimed responsibility", "blamed", "denied involvement", "ceasefire", "protesters", "arrested",
         "since", "two days after", "the blast", "civilians", "soldiers", "<b>", "</p>", "&amp;", "\x00", "\u200b",
         "9" * 40, "-1", "1e308", "KILLED", "BOMB EXPLODED IN KABUL", "Кабул", "قتل", "💣", "\r\n", "\t", ".", ",",
         "«", "»", "“", "”", "’s"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(NEWSY), st.text(max_size=12)), max_size=60).map(" ".join),
    st.lists(st.sampled_from(NEWSY), min_size=1, max_size=80).map(lambda ws: " ".join(ws).upper()),
)
titles = st.one_of(st.none(), st.text(max_size=60), st.lists(st.sampled_from(NEWSY), max_size=10).map(" ".join))
published = st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)),
                      st.just("2023-05-10"))

OPTIONAL_STR = ("date_text", "event_type", "sub_event_type", "disorder_type", "plover_type", "plover_mode", "actor1",
                "assoc_actor_1", "actor2", "assoc_actor_2", "location", "admin1", "admin2", "country", "iso3")
OPTIONAL_INT = ("inter1", "inter2", "interaction", "geonameid", "fatalities_high", "injuries_high")
STR_LISTS = ("weapons", "targets", "perpetrators", "victims", "sources")


def check_event(event: Event, text: str, title: str | None) -> None:
    assert isinstance(event, Event)
    assert isinstance(event.event_id, str) and event.event_id
    assert event.event_date is None or isinstance(event.event_date, dt.date)
    assert event.time_precision in (1, 2, 3, None)
    assert (event.event_date is None) == (event.time_precision is None)
    assert event.geo_precision in (1, 2, 3, None)
    for name in OPTIONAL_STR:
        assert getattr(event, name) is None or isinstance(getattr(event, name), str), name
    for name in OPTIONAL_INT:
        value = getattr(event, name)
        assert value is None or (isinstance(value, int) and not isinstance(value, bool)), name
    for name in ("inter1", "inter2"):
        assert getattr(event, name) in (None, 1, 2, 3, 4, 5, 6, 7, 8), name
    for name in ("fatalities", "injuries"):
        value = getattr(event, name)
        assert value is None or (isinstance(value, int) and value >= 0), name
        high = getattr(event, f"{name}_high")
        assert high is None or (value is not None and high >= value), name
    for name in ("latitude", "longitude"):
        value = getattr(event, name)
        assert value is None or isinstance(value, float), name
    assert event.latitude is None or -90 <= event.latitude <= 90
    assert event.longitude is None or -180 <= event.longitude <= 180
    for name in STR_LISTS:
        assert all(isinstance(item, str) for item in getattr(event, name)), name
    assert isinstance(event.civilian_targeting, bool) and isinstance(event.is_background, bool)
    assert isinstance(event.notes, str) and event.notes
    assert 0.0 <= event.confidence <= 1.0
    for attribution in event.attributions:
        assert attribution.kind in ("accusation", "claim of responsibility", "denial")
    for evidence in event.evidence:
        if evidence.part == "published":
            assert evidence.sentence == -1 and evidence.text == event.event_date.isoformat(), evidence
            continue
        source = (title or "") if evidence.part == "title" else text
        assert 0 <= evidence.start <= evidence.end <= len(source), evidence
        assert source[evidence.start:evidence.end] == evidence.text, evidence
    assert Event.from_record(event.to_record()) == event


def run(text: str, title: str | None, pub) -> list[Event] | None:
    try:
        return sitrep.extract(text, published=pub, title=title)
    except ArticleError:
        assert not text.strip(), "ArticleError for a non-empty text within the size limit"
        return None


@SETTINGS
@given(text=texts, title=titles, pub=published)
def test_extract_never_raises_and_returns_valid_events(text, title, pub):
    events = run(text, title, pub)
    if events is None:
        return
    assert isinstance(events, list)
    for event in events:
        check_event(event, text, title)
    assert len({e.event_id for e in events}) == len(events)


@SETTINGS
@given(text=texts, title=titles)
def test_without_publication_no_date_is_today(text, title):
    events = run(text, title, None)
    for event in events or []:
        if event.event_date is not None:
            # Only an absolute date written in the text can give a date; today's date is never guessed.
            assert event.date_text, event
            assert event.date_text in text or (title and event.date_text in title)


@SETTINGS
@given(text=texts, pub=published)
def test_extract_is_deterministic(text, pub):
    first = run(text, None, pub)
    second = run(text, None, pub)
    if first is None:
        assert second is None
        return
    assert [e.to_record() for e in first] == [e.to_record() for e in second]


@pytest.mark.parametrize("text", ["", "   ", "\n\t \r\n"])
def test_empty_text_is_an_article_error(text):
    with pytest.raises(ArticleError):
        sitrep.extract(text, published="2023-05-10")


def test_oversized_text_is_an_article_error_and_the_limit_can_be_raised():
    text = "Gunmen attacked a village near Gao on Monday. " * 30
    with pytest.raises(ArticleError, match="over the 1,000 limit"):
        sitrep.extract(text, published="2023-05-10", max_chars=1_000)
    assert sitrep.extract(text, published="2023-05-10", max_chars=len(text))


@pytest.mark.parametrize("text", [
    "GUNMEN SHOT DEAD FOUR CIVILIANS IN A VILLAGE NEAR MAIDUGURI ON TUESDAY.",
    "<p>A car bomb exploded outside a hotel in <b>Mogadishu</b> on Sunday, killing 99999999999999999999 people.</p>",
    "Militants fired 1e308 rockets at Kandahar on Monday\x00, wounding -3 soldiers.",
    "Взрыв в Кабуле: a bomb exploded in Kabul on Monday 💣, killing at least 12.",
])
def test_odd_but_newsy_text(text):
    events = sitrep.extract(text, published="2023-05-10")
    for event in events:
        check_event(event, text, None)
