"""The within-article merge: one event per real event, not per sentence that tells it."""
import unicodedata

import sitrep

PUBLISHED = "2023-05-10"


def violent(events):
    return [e for e in events if e.event_type in ("Battles", "Explosions/Remote violence",
                                                   "Violence against civilians")]


def test_headline_and_lead_are_one_event_with_both_evidences():
    events = violent(sitrep.extract("A car bomb exploded outside a hotel in Mogadishu on Tuesday, killing five people.",
                                    title="Car bomb kills five in Mogadishu hotel attack", published=PUBLISHED))
    assert len(events) == 1
    parts = {e.part for e in events[0].evidence}
    assert parts >= {"title", "text"}
    assert events[0].fatalities == 5


def test_retelling_sentences_without_their_own_place_or_date_join_the_event():
    text = ("Gunmen opened fire at a wedding in Kaduna on Saturday, killing seven guests. "
            "Police said the shooting followed a dispute. "
            "The gunmen fled on motorcycles after the shooting.")
    events = violent(sitrep.extract(text, published=PUBLISHED))
    assert len(events) == 1
    assert events[0].fatalities == 7


def test_a_frame_naming_neither_place_nor_date_joins_the_event_told_just_before_it():
    text = ("A car bomb exploded near a market in Baghdad on Monday, killing four people. "
            "Another car bomb exploded near a mosque in Baghdad on Monday, killing six. "
            "The imam of the mosque condemned the attackers. Residents gathered outside. Officials met in the evening. "
            "Doctors said shrapnel wounded nine worshippers.")
    events = violent(sitrep.extract(text, published=PUBLISHED))
    assert sorted((e.fatalities, e.injuries or 0) for e in events) == [(4, 0), (6, 9)]


def test_a_town_and_its_province_are_one_place_for_merging():
    text = ("A roadside bomb struck a police vehicle in Lashkar Gah on Monday, wounding three officers. "
            "The explosion in Helmand province also damaged a shop.")
    assert len(violent(sitrep.extract(text, published=PUBLISHED))) == 1


def test_attacks_in_different_towns_stay_apart():
    text = ("A roadside bomb killed two soldiers in Kandahar on Monday. "
            "Separately, gunmen killed a teacher in Herat on Tuesday.")
    events = violent(sitrep.extract(text, published=PUBLISHED))
    plain = sorted(unicodedata.normalize("NFKD", e.location).encode("ascii", "ignore").decode() for e in events)
    assert plain == ["Herat", "Kandahar"]


def test_another_attack_on_the_same_day_in_the_same_city_stays_apart():
    text = ("A car bomb exploded near a market in Baghdad on Monday, killing four people. "
            "Another car bomb exploded near a mosque in Baghdad on Monday, killing six.")
    events = violent(sitrep.extract(text, published=PUBLISHED))
    assert sorted(e.fatalities for e in events) == [4, 6]


def test_history_and_news_are_never_merged():
    text = ("Rockets struck the Green Zone in Baghdad on Monday, causing no casualties. "
            "In November, a rocket attack on the Green Zone killed a child.")
    events = violent(sitrep.extract(text, published="2021-02-22"))
    assert sorted((e.is_background, e.fatalities) for e in events) == [(False, 0), (True, 1)]


def test_a_toll_told_after_an_accusation_goes_to_the_attack():
    text = ("A bomb exploded at a bus station in Kabul on Monday. The government blamed the Taliban for the attack. "
            "Two people were killed and nine were wounded.")
    events = sitrep.extract(text, published=PUBLISHED)
    bombing = violent(events)
    assert len(bombing) == 1 and (bombing[0].fatalities, bombing[0].injuries) == (2, 9)
    assert [e.plover_type for e in events if e.event_type is None] == ["ACCUSE"]
