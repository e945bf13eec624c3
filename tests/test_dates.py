"""The `dates` stage: datelines, time expressions and how they resolve against the anchor."""
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.dates import find_times, resolve_dateline, resolve_dates
from sitrep.model import Article, Document, Sentence
from sitrep.pipeline import _REGISTRY

MONDAY = dt.date(2021, 2, 22)  # the seed article's publication date
D = dt.date


def only(text: str, anchor: dt.date | None = MONDAY):
    """The one time expression of `text`, as (text, date, precision, is_past_context)."""
    times = find_times(text, anchor=anchor)
    assert len(times) == 1, [t.text for t in times]
    time = times[0]
    return time.text, time.date, time.precision, time.is_past_context


def dates(text: str, anchor: dt.date | None = MONDAY):
    return [(t.text, t.date, t.precision) for t in find_times(text, anchor=anchor)]


# --- the seed article ----------------------------------------------------------------------------------------------

def test_seed_article_time_expressions(shared_dir):
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    found = {t.text: (t.date, t.precision, t.is_past_context) for t in find_times(text, anchor=MONDAY)}
    assert found == {
        "Monday": (D(2021, 2, 22), 1, False),
        "one week after": (D(2021, 2, 15), 2, False),
        "on Saturday": (D(2021, 2, 20), 1, False),
        "In October": (D(2020, 10, 1), 3, True),
        "the next month": (D(2020, 11, 1), 3, True),
        "November": (D(2020, 11, 1), 3, True),
    }


# --- weekdays ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the rockets were launched from the al-Salam neighborhood Monday", ("Monday", D(2021, 2, 22))),
    ("Another contractor was injured at Balad Air Base on Saturday.", ("on Saturday", D(2021, 2, 20))),
    ("Four people were wounded in a shooting on Tuesday evening.", ("on Tuesday evening", D(2021, 2, 16))),
    ("Gunmen opened fire Tuesday night.", ("Tuesday night", D(2021, 2, 16))),
    ("The bomb went off early Sunday.", ("early Sunday", D(2021, 2, 21))),
    ("It happened late Friday, police said.", ("late Friday", D(2021, 2, 19))),
    ("Police shot a man early Sunday morning.", ("early Sunday morning", D(2021, 2, 21))),
    ("Militants attacked the base last Tuesday.", ("last Tuesday", D(2021, 2, 16))),
    ("He was arrested last Monday.", ("last Monday", D(2021, 2, 15))),
    ("The court will rule next Wednesday.", ("next Wednesday", D(2021, 2, 24))),
    ("ON THURSDAY GUERRILLAS BLEW UP A PYLON.", ("ON THURSDAY", D(2021, 2, 18))),
    ("The brother of one of the victims from Saturday's shootings spoke.", ("Saturday", D(2021, 2, 20))),
])
def test_weekday_is_the_most_recent_such_day(text, expected):
    assert only(text) == (*expected, 1, False)


@pytest.mark.parametrize("text", [
    "The Sunday Times reported the raid.",
    "according to the Sunday Telegraph",
    "Bloody Sunday is remembered every year.",
    "The attack on the Sunday school was condemned.",
    "she works monday to friday",  # lower case in mixed-case text: not a name of a day
    "Police patrol on Sundays.",
])
def test_weekday_names_that_are_not_dates(text):
    assert find_times(text, anchor=MONDAY) == []


# --- month names ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("In October, the militias announced a ceasefire.", ("In October", D(2020, 10, 1), 3, True)),
    ("a November rocket attack on the Green Zone", ("November", D(2020, 11, 1), 3, True)),
    ("Talks began in February.", ("in February", D(2021, 2, 1), 3, False)),
    ("IN DECEMBER THE ARMY LAUNCHED AN OFFENSIVE", ("IN DECEMBER", D(2020, 12, 1), 3, True)),
    ("in May, rebels seized the town", ("in May", D(2020, 5, 1), 3, True)),
    ("The siege lasted since March.", ("since March", D(2020, 3, 1), 3, True)),
    ("Fighting resumed in mid-January.", ("mid-January", D(2021, 1, 1), 3, True)),
    ("It was seized last October.", ("last October", D(2020, 10, 1), 3, True)),
    ("Elections are due next June.", ("next June", D(2021, 6, 1), 3, False)),
    ("The attack in October 2019 killed six.", ("in October 2019", D(2019, 10, 1), 3, True)),
    ("since Sept. 2015", ("since Sept. 2015", D(2015, 9, 1), 3, True)),
    ("the 5th of May", ("the 5th of May", D(2020, 5, 5), 1, True)),
])
def test_month_names(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text", [
    "Rebels may strike again.",
    "Militants May strike again, officials warned.",  # capitalised in a headline style, no date lead
    "THE REBELS MAY BE PLANNING AN ATTACK",
    "A protest march was dispersed.",
    "Thousands joined the March for Our Lives.",
    "Prime Minister Theresa May condemned the attack.",
    "the Mayor of Mosul",
    "Jan Egeland said",
    "Black September claimed the attack.",
    "THE APRIL 19 MOVEMENT (M-19) ISSUED A COMMUNIQUE",
])
def test_month_words_that_are_not_dates(text):
    assert find_times(text, anchor=MONDAY) == []


# --- absolute dates ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Rockets hit the base on Feb. 22.", ("on Feb. 22", D(2021, 2, 22))),
    ("The attack took place February 22, 2021.", ("February 22, 2021", D(2021, 2, 22))),
    ("The attack took place 22 February 2021.", ("22 February 2021", D(2021, 2, 22))),
    ("on the 22nd of February", ("on the 22nd of February", D(2021, 2, 22))),
    ("On Dec. 25 a child was shot.", ("On Dec. 25", D(2020, 12, 25))),
    ("Posted: Monday, March 31, 2014 3:13 PM EDT", ("Monday, March 31, 2014", D(2014, 3, 31))),
    ("HE ADDED THAT ON 3 FEBRUARY PRESIDENT CEREZO MET", ("ON 3 FEBRUARY", D(2021, 2, 3))),
    ("FARM, WHERE PRESIDENT CEREZO HAS BEEN STAYING SINCE 2 FEBRUARY.", ("SINCE 2 FEBRUARY", D(2021, 2, 2))),
    ("EVENTS OF 3 JAN 90 WERE RECALLED", ("3 JAN 90", D(1990, 1, 3))),
    ("ON 30\nNOVEMBER WHEN U.S. TROOPS", ("ON 30\nNOVEMBER", D(2020, 11, 30))),
    ("dated 2/22/21 by the police", ("2/22/21", D(2021, 2, 22))),
    ("dated 02/22/2021 by the police", ("02/22/2021", D(2021, 2, 22))),
    ("dated 22/02/2021 (day first, as the month cannot be 22)", ("22/02/2021", D(2021, 2, 22))),
    ("dated 22.02.2021 by the police", ("22.02.2021", D(2021, 2, 22))),
    ("logged at 2021-02-22T10:00", ("2021-02-22", D(2021, 2, 22))),
    ("shot on Christmas Day", ("on Christmas Day", D(2020, 12, 25))),
    ("a shooting on Thanksgiving", ("on Thanksgiving", D(2020, 11, 26))),
])
def test_absolute_dates(text, expected):
    assert only(text)[:3] == (*expected, 1)


def test_a_date_without_year_is_the_nearest_on_or_before_the_anchor():
    assert dates("on 3 February", anchor=D(1990, 2, 4)) == [("on 3 February", D(1990, 2, 3), 1)]
    assert dates("on 5 February", anchor=D(1990, 2, 4)) == [("on 5 February", D(1989, 2, 5), 1)]
    assert dates("on Feb. 29", anchor=D(2021, 3, 1)) == [("on Feb. 29", D(2020, 2, 29), 1)]


def test_a_weekday_before_a_date_picks_its_year():
    assert dates("at 5 p.m. on Thursday, May 26", anchor=D(2016, 5, 23)) == [
        ("on Thursday, May 26", D(2016, 5, 26), 1)]


def test_two_digit_years():
    assert dates("3 JAN 90", anchor=None) == [("3 JAN 90", D(1990, 1, 3), 1)]
    assert dates("2/22/21", anchor=None) == [("2/22/21", D(2021, 2, 22), 1)]
    assert dates("1/5/70", anchor=D(2071, 1, 1)) == [("1/5/70", D(2070, 1, 5), 1)]


def test_the_gtd_prefix_is_a_time_expression():
    assert dates("11/06/1998: A suicide car bomb exploded in a market in Jerusalem, Israel.", anchor=None) == [
        ("11/06/1998", D(1998, 11, 6), 1)]
    assert dates("9/5/1999: A car bomb exploded in Haifa, Israel.", anchor=None) == [("9/5/1999", D(1999, 9, 5), 1)]
    assert dates("02/00/2021: unknown day", anchor=None) == [("02/00/2021", D(2021, 2, 1), 3)]


@pytest.mark.parametrize("text, expected", [
    ("Sometime between February 17, 2021 and February 24, 2021, assailants",
     ("between February 17, 2021 and February 24, 2021", D(2021, 2, 20), 2)),
    ("between January 31 and February 6, 2016", ("between January 31 and February 6, 2016", D(2016, 2, 3), 2)),
    ("killed between late Friday and early Monday", ("between late Friday and early Monday", D(2021, 2, 20), 2)),
    ("between October and December", ("between October and December", D(2020, 11, 1), 3)),
])
def test_ranges_are_dated_at_their_middle(text, expected):
    assert dates(text) == [expected]


# --- relative expressions ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The army denied today that guerrillas attacked.", ("today", D(2021, 2, 22), 1, False)),
    ("THE ARMY DENIED TODAY THAT GUERRILLAS ATTACKED", ("TODAY", D(2021, 2, 22), 1, False)),
    ("Gunmen killed two police officers yesterday.", ("yesterday", D(2021, 2, 21), 1, False)),
    ("A bomb exploded last night.", ("last night", D(2021, 2, 21), 1, False)),
    ("Clashes erupted this week.", ("this week", D(2021, 2, 22), 2, False)),
    ("Clashes erupted last week.", ("last week", D(2021, 2, 15), 2, False)),
    ("Clashes erupted earlier this week.", ("earlier this week", D(2021, 2, 22), 2, False)),
    ("A GUERRILLA COLUMN ATTACKED THE FARM\n2 DAYS AGO.", ("2 DAYS AGO", D(2021, 2, 20), 1, False)),
    ("The convoy was ambushed a week ago.", ("a week ago", D(2021, 2, 15), 2, False)),
    ("The convoy was ambushed three months ago.", ("three months ago", D(2020, 11, 1), 3, True)),
    ("The convoy was ambushed a few days ago.", ("a few days ago", D(2021, 2, 19), 2, False)),
    ("The attack comes one week after a similar rocket attack on Erbil",
     ("one week after", D(2021, 2, 15), 2, False)),
    ("It was the second attack in two days before the vote.", None),
    ("Militants seized the town last month.", ("last month", D(2021, 1, 1), 3, True)),
    ("Militants seized the town earlier this year.", ("earlier this year", D(2021, 1, 1), 3, True)),
    ("Militants seized the town last year.", ("last year", D(2020, 1, 1), 3, True)),
    ("Militants seized the town in 2017.", ("in 2017", D(2017, 1, 1), 3, True)),
    ("Attacks have been frequent since 2003.", ("since 2003", D(2003, 1, 1), 3, True)),
    ("Police were searching over the weekend.", ("over the weekend", D(2021, 2, 20), 2, False)),
])
def test_relative_to_the_anchor(text, expected):
    if expected is None:
        assert [t.text for t in find_times(text, anchor=MONDAY)] == ["two days before"]
    else:
        assert only(text) == expected


def test_relative_to_the_previous_expression():
    text = ("In October, the militias announced a ceasefire. That ceasefire was broken the next month. "
            "The following day two rockets hit the embassy. Two days later the militia denied it.")
    assert dates(text) == [
        ("In October", D(2020, 10, 1), 3),
        ("the next month", D(2020, 11, 1), 3),
        # counted from a month-precision date, the day stays at month precision
        ("The following day", D(2020, 11, 1), 3),
        ("Two days later", D(2020, 11, 1), 3),
    ]
    assert dates("On Feb. 3 gunmen struck; the next day police arrested two men; two days later they were freed.") == [
        ("On Feb. 3", D(2021, 2, 3), 1), ("the next day", D(2021, 2, 4), 1), ("two days later", D(2021, 2, 6), 1)]


def test_previous_expression_carries_across_calls():
    (october,) = find_times("In October, the militias announced a ceasefire.", anchor=MONDAY)
    (next_month,) = find_times("It was broken the next month.", anchor=MONDAY, previous=october)
    assert next_month.date == D(2020, 11, 1)
    assert find_times("It was broken the next month.", anchor=MONDAY)[0].date is None


# --- no anchor, offsets, clock times -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Monday", "on Saturday", "today", "yesterday", "last week", "2 DAYS AGO", "In October", "Feb. 22",
    "one week after the attack", "the next month", "last year",
])
def test_without_an_anchor_relative_dates_stay_unresolved(text):
    (time,) = find_times(text, anchor=None)
    assert time.date is None and time.precision is None and not time.is_past_context


def test_offsets_sentence_and_part_are_passed_through():
    (time,) = find_times("Gunmen struck on Saturday.", anchor=MONDAY, sentence=4, offset=100, part="title")
    assert (time.start, time.end, time.sentence, time.part) == (114, 125, 4, "title")


@pytest.mark.parametrize("text", [
    "Police were called just before 6 p.m.",
    "AT 0640 AN FMLN GUERRILLA UNIT ATTACKED",
    "AT 2030 HOURS THE TROOPS WITHDREW",
    "The second attack killed 12 people and wounded 2021 others.",
    "He was sentenced to 25 years in prison.",
    "They were 45 to 50 years old.",
    "The 9/11 attacks changed the region.",
    "Read the USA Today report.",
])
def test_numbers_that_are_not_dates(text):
    assert find_times(text, anchor=MONDAY) == []


# --- datelines -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("   SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- [TEXT] THE ARMY", D(1990, 1, 3)),
    ("   LIMA, 10 JAN 90 (EFE) -- [TEXT] POLICE HAVE REPORTED", D(1990, 1, 10)),
    ("   BOGOTA, 12 JAN 90 (INRAVISION TELEVISION CADENA 1) -- [REPORT]", D(1990, 1, 12)),
    ("   BEIJING (PRC), 30 NOV 89 (XINHUA DOMESTIC SERVICE) -- [TEXT] ON 30", D(1989, 11, 30)),
    ("   SANTIAGO, 18 MAY 90 (RADIO COOPERATIVA NETWORK) -- [REPORT]", D(1990, 5, 18)),
    ("   CARACAS (VENEZUELA), 18 MAY 90 (VENEZOLANA DE TELEVISION CANAL 8)\n-- [TEXT] GUATEMALAN", D(1990, 5, 18)),
    ("RICHMOND, Ind. (April 11, 2014) – Four men were wounded", D(2014, 4, 11)),
    ("BAGHDAD, Feb. 22, 2021 (Reuters) - Rockets struck", D(2021, 2, 22)),
    ("MACON, GA (March 3, 2015): Two men were shot", D(2015, 3, 3)),
    ("11/06/1998: A suicide car bomb exploded in a market in Jerusalem, Israel.", D(1998, 11, 6)),
    ("9/5/1999: A car bomb exploded in Haifa, Israel.", D(1999, 9, 5)),
    ("MOBILE, Ala. (AP) — A man was shot", None),
    ("   CLANDESTINE, NO DATE (RADIO VENCEREMOS) -- [TEXT]", None),
    ("   BUENOS AIRES, 25 JAN (NA) -- [TEXT] THE GROUP", None),
    ("Four people were wounded in a shooting on Tuesday evening.", None),
    ("", None),
])
def test_resolve_dateline(text, expected):
    assert resolve_dateline(text) == expected


# --- the stage -----------------------------------------------------------------------------------------------------

def _document(text: str, *, published: dt.date | None = None, title: str | None = None) -> Document:
    """A document with one sentence per line (the segmenter's job, done crudely here)."""
    doc = Document(Article(id="t", text=text, title=title, published=published))
    parts = [("title", title or ""), ("text", text)]
    for part, part_text in parts:
        start = 0
        for index, line in enumerate(part_text.split("\n")):
            if line.strip():
                doc.sentences.append(Sentence(index=index, start=start, end=start + len(line), text=line, part=part))
            start += len(line) + 1
    return doc


def test_stage_is_registered_with_its_contract():
    # The registry itself, not registered(): that imports every stage module, and this test is about this one.
    dates_stage = _REGISTRY["dates"]
    assert dates_stage.func is resolve_dates
    assert dates_stage.requires == ("sentences",) and dates_stage.assigns == ("times", "anchor")


def test_stage_resolves_against_published_and_chains_across_sentences():
    doc = _document("In October, the militias announced a ceasefire.\nIt was broken the next month.",
                    published=MONDAY, title="Rockets hit Baghdad on Monday")
    resolve_dates(doc)
    assert doc.anchor == MONDAY
    assert [(t.part, t.sentence, t.text, t.date) for t in doc.times] == [
        ("title", 0, "on Monday", MONDAY),
        ("text", 0, "In October", D(2020, 10, 1)),
        ("text", 1, "the next month", D(2020, 11, 1)),
    ]
    for time in doc.times:
        assert doc.part_text(time.part)[time.start:time.end] == time.text


def test_stage_anchors_on_the_dateline_and_skips_it():
    text = ("   GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY DENIED TODAY THAT GUERRILLAS\n"
            "ATTACKED THE FARM 2 DAYS AGO, WHERE CEREZO HAS BEEN STAYING SINCE 2 FEBRUARY.")
    doc = _document(text)
    resolve_dates(doc)
    assert doc.anchor == D(1990, 2, 4)
    assert [(t.text, t.date) for t in doc.times] == [
        ("TODAY", D(1990, 2, 4)), ("2 DAYS AGO", D(1990, 2, 2)), ("SINCE 2 FEBRUARY", D(1990, 2, 2))]


def test_stage_without_anchor_leaves_relative_dates_unresolved():
    doc = _document("Gunmen attacked a checkpoint on Monday, killing two.")
    resolve_dates(doc)
    assert doc.anchor is None
    assert [(t.text, t.date) for t in doc.times] == [("on Monday", None)]


# --- robustness ----------------------------------------------------------------------------------------------------

_date_words = st.sampled_from([
    "Monday", "on Saturday", "In October", "the next month", "2 DAYS AGO", "Feb. 22", "3 JAN 90", "11/06/1998:",
    "between", " and ", "may", "MARCH", "last week", "one week after", "since 2003", "-", " ", "\n", "29", "Feb.",
])


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200),
                   st.lists(st.one_of(_date_words, st.text(max_size=5)), max_size=30).map("".join)),
    anchor=st.one_of(st.none(), st.dates()),
    offset=st.integers(min_value=0, max_value=1000),
)
def test_find_times_never_crashes_and_offsets_slice_back(text, anchor, offset):
    padded = " " * offset + text
    for time in find_times(text, anchor=anchor, offset=offset):
        assert padded[time.start:time.end] == time.text
        assert time.start < time.end
        assert (time.date is None) == (time.precision is None)
    resolve_dateline(text)


# --- the dev sets --------------------------------------------------------------------------------------------------

def _rows(folder):
    articles = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    gold = {g["id"]: g for g in map(json.loads, (folder / "gold.jsonl").open(encoding="utf-8"))}
    return [(article, gold[article["id"]]) for article in articles]


def test_gtd_dev_leading_date(shared_dir):
    """The finest time expression of a GTD summary's first sentence is GTD's date (>= 99.5%)."""
    rows = _rows(shared_dir / "dev" / "gtd_dev")
    hits = 0
    for article, gold in rows:
        first_sentence = article["text"].split(". ")[0]
        times = [t for t in find_times(first_sentence, anchor=resolve_dateline(article["text"])) if t.date]
        best = min(times, key=lambda t: t.precision) if times else None
        hits += best is not None and best.date.isoformat() == gold["date"]
    assert hits / len(rows) >= 0.995


def test_muc4_dev_datelines(shared_dir):
    """Every MUC-4 dateline with a day, month and year resolves (the others say NO DATE or give no year)."""
    rows = _rows(shared_dir / "dev" / "muc4_dev")
    resolved = sum(resolve_dateline(article["text"]) is not None for article, _ in rows)
    assert resolved / len(rows) >= 0.9


@pytest.mark.parametrize("text, expected", [
    ("Police arrested a man in weekend shooting deaths.", "weekend"),
    ("Two people were shot during the weekend.", "the weekend"),
    ("THREE PEOPLE WERE KILLED OVER THE WEEKEND.", "OVER THE WEEKEND"),
])
def test_weekend_is_the_saturday_before_the_anchor_within_a_week(text, expected):
    times = find_times(text, anchor=dt.date(2015, 1, 13))
    assert [(t.text, t.date, t.precision) for t in times] == [(expected, dt.date(2015, 1, 10), 2)]


def test_every_phrase_of_the_lexicon_holds_a_cue_of_each_rule_that_matches_it():
    # A rule runs only where one of its cues is, so no phrase a rule matches may lack one of that rule's cues.
    from sitrep import dates

    lex = dates._lexicon()
    for phrase in [*lex.anchor_phrases, *lex.previous_phrases, *lex.holidays, *lex.months,
                   *(day for day in lex.weekdays if day not in lex.weekday_abbreviations),
                   "2 days ago", "on 12/03/2021", "2021-02-22", "in 2017", "Monday night", "Christmas Eve"]:
        matching = [rule for rule in dates._rules() if rule.pattern.search(phrase)]
        assert matching, phrase
        for rule in matching:
            assert not rule.cues.isdisjoint(dates._cues_in(phrase)), (phrase, rule.pattern.pattern[:60])
    assert dates._time_cue().search("Gunmen attacked the village and burned houses.") is None


# --- which time dates an event (the frames stage) ---------------------------------------------------------------
# Sentences written for these tests; published on a Wednesday.

WEDNESDAY = "2023-05-10"


def _main_event_date(text: str, published: str | None = WEDNESDAY, title: str | None = None,
                     url: str | None = None) -> dt.date | None:
    from sitrep.api import process
    from sitrep.events import VIOLENT_TYPES

    events = process(Article(id="t", text=text, title=title, published=published, url=url)).events
    news = [e for e in events if e.event_type in VIOLENT_TYPES and not e.is_background]
    assert news, [(e.sub_event_type, e.is_background) for e in events]
    return max(news, key=lambda e: e.confidence).event_date


@pytest.mark.parametrize("text, expected", [
    # A day told before the act with a clause word between them dates the main clause.
    ("Bail was refused Tuesday for a Denver man whose nephew shot a neighbor Sunday.", D(2023, 5, 7)),
    ("A 12-year-old girl was in fair condition Monday after being shot in Tulsa on Saturday.", D(2023, 5, 6)),
    ("Deputies on Tuesday were still searching for the man who shot a clerk in Macon on Sunday night.",
     D(2023, 5, 7)),
    # Without another day, that day is still the best bound on the act.
    ("A teenager was in stable condition Monday after being shot in Mobile.", D(2023, 5, 8)),
    # A day that opens the sentence dates all of it.
    ("Early Sunday, a man who was walking home was shot in Dayton.", D(2023, 5, 7)),
])
def test_a_day_of_the_main_clause_gives_way_to_the_acts_own(text, expected):
    assert _main_event_date(text) == expected


def test_a_counted_span_after_the_act_dates_the_earlier_event():
    text = ("Rebels blew up the pipeline near Arauca today. The attack comes 20 days after a previous rebel action "
            "on the same pipeline.")
    assert _main_event_date(text) == D(2023, 5, 10)


def test_a_day_after_the_report_is_no_date_of_the_act():
    text = ("Arsonists set fire to a logging truck in Eugene, Oregon. "
            "On 14 June 2023, a suspect will be charged with arson in the attack.")
    assert _main_event_date(text) == D(2023, 5, 10)


@pytest.mark.parametrize("text, expected", [
    ("A 9-year-old boy was shot in the arm in Camden. The incident happened on May 6 in the 200 block of Elm "
     "Street.", D(2023, 5, 6)),
    ("A man was found shot dead in his car in Akron. Officers responded to a call about 9 p.m. Sunday.",
     D(2023, 5, 7)),
])
def test_an_undated_event_takes_the_day_of_the_sentence_that_goes_on_about_it(text, expected):
    assert _main_event_date(text) == expected


@pytest.mark.parametrize("text", [
    # What came after the act: a death in hospital, a hearing, a quotation's own "tonight".
    "A man was shot in Akron. He died at a hospital on Sunday.",
    "A man was shot in Akron. His arraignment is set for Monday.",
    "A man was shot in Akron. \"We will be out there tonight,\" the chief said.",
    # Two sentences on, the day is of something else.
    "A man was shot in Akron. He was taken to a hospital. On Friday, two men robbed a store nearby.",
])
def test_days_that_do_not_date_the_undated_event(text):
    assert _main_event_date(text) == D(2023, 5, 10)  # the report's date, with a week's precision


@pytest.mark.parametrize("published, url, expected", [
    # The address files the story earlier than the page's date: the story's own day.
    ("2017-01-28", "http://www.example-herald.com/news/20161223/man-hurt-on-ice", D(2016, 12, 23)),
    ("2015-09-11", "http://web.archive.org/web/20160101000000/http://tv.example.com/2015/09/06/teen-shot/",
     D(2015, 9, 6)),
    ("2013-07-25", "http://www.example.com/news/2013/jul/22/campbell/", D(2013, 7, 22)),
    # Agreeing, later, over a year earlier, or not a date of the web: the published date.
    ("2014-01-14", "http://tv.example.com/2014/01/14/four-hurt/", D(2014, 1, 14)),
    ("2014-01-14", "http://tv.example.com/2014/01/16/four-hurt/", D(2014, 1, 14)),
    ("2015-11-14", "http://news.example.com/en/a/19170726-five-hurt", D(2015, 11, 14)),
    ("2016-06-01", "http://news.example.com/story/32378092/update", D(2016, 6, 1)),
    # Without a published date, the address's.
    (None, "http://tv.example.com/2016/07/19/woman-shot/", D(2016, 7, 19)),
])
def test_the_anchor_is_the_day_the_address_files_the_story_under_when_earlier(published, url, expected):
    doc = Document(article=Article(id="t", text="A man was shot in Erie.", published=published, url=url))
    resolve_dates(doc)
    assert doc.anchor == expected


def test_an_undated_event_takes_the_day_of_the_scene_set_just_before_it():
    text = ("A quiet evening on a porch in Macon was ruined Sunday when something struck a 6-year-old boy. "
            "Doctors found he had been shot in the leg.")
    assert _main_event_date(text) == D(2023, 5, 7)


@pytest.mark.parametrize("text", [
    "A boy was listed in critical condition on Sunday. He had been shot in the leg in Macon.",
    "A vigil was held on Sunday. A boy had been shot in the leg in Macon.",
])
def test_a_scene_of_the_aftermath_gives_no_day(text):
    assert _main_event_date(text) == D(2023, 5, 10)


@pytest.mark.parametrize("published, text, anchor, event_date", [
    # A page dated Saturday that tells of "Sunday" was written on Sunday (its date lags a day).
    (D(2023, 5, 6), "Two men were shot early Sunday outside a bar in Toledo.", D(2023, 5, 7), D(2023, 5, 7)),
    (D(2023, 5, 7), "A man was arrested Monday. He shot a clerk in Toledo late Sunday.", D(2023, 5, 8),
     D(2023, 5, 7)),
    # "Last Sunday", and days up to five back, are what they say.
    (D(2023, 5, 6), "Two men were shot last Sunday outside a bar in Toledo.", D(2023, 5, 6), D(2023, 4, 30)),
    (D(2023, 5, 6), "Two men were shot on Monday outside a bar in Toledo.", D(2023, 5, 6), D(2023, 5, 1)),
])
def test_a_page_whose_text_names_the_next_weekday_is_anchored_a_day_later(published, text, anchor, event_date):
    doc = _document(text, published=published)
    resolve_dates(doc)
    assert doc.anchor == anchor
    assert _main_event_date(text, published=published.isoformat()) == event_date


def test_a_datelines_day_is_never_moved():
    doc = _document("   LIMA, 6 MAY 89 (EFE) -- [TEXT] GUERRILLAS BLEW UP A PYLON ON SUNDAY.")
    resolve_dates(doc)
    assert doc.anchor == D(1989, 5, 6)
    assert [(t.text, t.date) for t in doc.times] == [("ON SUNDAY", D(1989, 4, 30))]


def test_a_later_day_inside_the_month_first_told_dates_the_event_more_precisely():
    text = ("A 20-year-old man is accused of shooting two teenagers in Flint last month. "
            "The shooting was reported April 28 after an argument outside a gas station.")
    assert _main_event_date(text) == D(2023, 4, 28)


@pytest.mark.parametrize("text, expected", [
    ("The shooting was reported Sunday near a school in Gary.", D(2023, 5, 7)),
    ("Police reported Monday that a man was shot in Gary.", D(2023, 5, 10)),  # when it was said
])
def test_a_shooting_reported_on_a_day_happened_that_day(text, expected):
    assert _main_event_date(text) == expected


def test_the_day_of_an_arrest_bounds_the_attack_told_after_it():
    text = "Police arrested a woman on May 6 after she took part in an attack on a bus in Soyapango."
    assert _main_event_date(text) == D(2023, 5, 6)


def test_a_dateline_earlier_than_the_page_dates_its_text():
    text = "MACON, GA (March 3, 2015): Two men were shot early this morning outside a bar."
    doc = _document(text, published=D(2017, 1, 5))
    resolve_dates(doc)
    assert doc.anchor == D(2015, 3, 3)
    assert [(t.text, t.date) for t in doc.times] == [("this morning", D(2015, 3, 3))]


@pytest.mark.parametrize("text, expected", [
    # The day of a death in hospital or of an autopsy is a bound, which the act's own day replaces.
    ("A teenager who was shot in Erie died Monday. The shooting happened on Saturday night.", D(2023, 5, 6)),
    ("After an autopsy this week, the coroner ruled that the woman shot herself in Erie on Sunday.",
     D(2023, 5, 7)),
    # Alone, the bound is still the best date there is.
    ("A teenager who was shot in Erie died Monday.", D(2023, 5, 8)),
])
def test_a_day_of_the_aftermath_gives_way_to_the_acts_own(text, expected):
    assert _main_event_date(text) == expected
