import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.casualties import (CasualtyCount, find_casualties, merge_counts, named_people, share_totals,
                               shared)
from sitrep.quantities import Quantity


def figures(*sentences: str) -> tuple[int | None, int | None]:
    """The merged killed and injured lows of sentences read in order (None: not stated)."""
    counts = [c for s in sentences for c in find_casualties(s)]
    killed, injured = merge_counts(counts)
    return (killed.low if killed else None), (injured.low if injured else None)


def both_cases(cases):
    """Every case as written and in upper case (MUC-4 wire text)."""
    return [*cases, *[(sentence.upper(), *rest) for sentence, *rest in cases]]


ACTIVE = [
    ("The attack killed three and wounded five.", 3, 5),
    ("Gunmen opened fire, killing three and wounding five.", 3, 5),
    ("A November rocket attack on the Green Zone killed a child and injured five other civilians.", 1, 5),
    ("The explosion killed two suicide attackers and wounded 21 market-goers.", 2, 21),
    ("The bomb killed at least 12 people.", 12, None),
    ("Militants killed 5 to 7 soldiers.", 5, None),
    ("Assailants shot and killed six police officers in Arghandab.", 6, None),
    ("An assailant stabbed and wounded four civilians in Kiryat Gat.", None, 4),
    ("The blast killed two Palestinian men and injured at least 16 others.", 2, 16),
    ("Gunmen killed the driver and two passengers.", 3, None),
    ("The attackers killed a policeman and his son was wounded.", 1, 1),
    ("A security guard fatally shot Kincaid-Hill, 57, by accident.", 1, None),
    ("The shots killed 17-year-old Daniel Diaz-Marrero and 19-year-old Ismael Diaz-Marrero.", 2, None),
    ("Police are searching for a man who shot four men in Logan Heights.", None, 4),
    ("Suicide bomber kills 12 in market", 12, None),
    ("Assailants shot and killed a civilian, Haji Asadullah, inside a mosque.", 1, None),
    ("The fighting claimed the lives of 30 soldiers.", 30, None),
]


@pytest.mark.parametrize("sentence, killed, injured", both_cases(ACTIVE))
def test_active_voice(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        # names are told by their capitals, so these hold in mixed case only
        ("Unidentified gunmen shot and killed Valerie Ahmir, a civilian, near Jerusalem.", 1, None),
        ("Lisa Downs, 57, and Donald Johnson, 23, suffered multiple gunshot wounds.", None, 2),
        ("Akonjee and Uddin were killed in the attack.", 2, None),
        ("Abigail was shot in the chest.", None, 1),
        ("Israelis were killed.", None, None),
    ],
)
def test_named_victims(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


PASSIVE = [
    ("Two people were killed in the blast.", 2, None),
    ("At least 12 people were killed.", 12, None),
    ("Dozens were wounded.", None, 12),
    ("Another contractor was injured in a rocket attack at Balad Air Base.", None, 1),
    ("Six civilians were killed and 13 others were injured in the attack.", 6, 13),
    ("One militia member was killed, and two others were injured in the attack.", 1, 2),
    ("The driver and one passenger, members of the Islamic Movement, were killed and four bystanders were injured.", 2, 4),
    ("At least 17 people, including four teenagers, were killed and 41 others were wounded.", 17, 41),
    ("Five soldiers and two assailants were killed.", 7, None),
    ("40 assailants, two soldiers and one civilian were killed.", 43, None),
    ("Two people, a teacher and a bus driver, were killed and another three teachers were wounded.", 2, 3),
    ("The driver of the vehicle, a member of the Islamic Movement, was killed.", 1, None),
    ("One girl was killed and her sister and grandfather were injured.", 1, 2),
    ("The woman and her three children were injured when gunmen fired at her car.", None, 4),
    ("Officials released the names of the four people who were killed in a shooting.", 4, None),
    ("Two soldiers were reportedly killed.", 2, None),
    ("Three policemen were seriously wounded.", None, 3),
    ("TWO PEASANTS WERE KILLED AND THREE WERE WOUNDED BY THE SOLDIERS.", 2, 3),
    ("Two people died at the scene.", 2, None),
    ("Four people have died since the explosion.", 4, None),
    ("Five people, including two children were killed.", 5, None),  # an aside without its closing comma
    ("In addition to the assailant, at least seven people, including police officers and civilians were killed, "
     "and nine others were injured.", 8, 9),
]


@pytest.mark.parametrize("sentence, killed, injured", both_cases(PASSIVE))
def test_passive_and_intransitive(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


NOMINAL = [
    ("The attack hit Erbil, resulting in the deaths of two civilian contractors.", 2, None),
    ("THE ATTACK RESULTED IN THE DEATH OF A CIVILIAN.", 1, None),
    ("The death toll rose to 12.", 12, None),
    ("The death toll has climbed to at least 40.", 40, None),
    ("The blast left 3 dead and 12 wounded.", 3, 12),
    ("3 dead, 12 injured in Kabul blast", 3, 12),
    ("17 dead, 41 wounded in Chicago weekend shootings", 17, 41),
    ("4 Wounded in South Los Angeles Shooting: LAPD", None, 4),
    ("1 Dead, 6 Hurt After Shooting At Baby's Birthday Party", 1, 6),
    ("A KILLED PEASANT WAS FOUND NEAR THE ROAD.", 1, None),
    ("The shooting resulted in the death of two people, and the wounding of seven.", 2, 7),
    ("The bombing caused 12 fatalities.", 12, None),
    ("Police investigate a double homicide in the east end.", 2, None),
    ("Police investigate quadruple shooting in West Philadelphia", None, 4),
]


@pytest.mark.parametrize("sentence, killed, injured", both_cases(NOMINAL))
def test_nominal_and_headline_forms(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


GUNFIRE = [
    ("A man was shot and killed on Main Street.", 1, None),
    ("A man was fatally shot Tuesday.", 1, None),
    ("He was shot dead by police.", 1, None),
    ("The boy was shot to death in his home.", 1, None),
    ("A woman was shot in the leg.", None, 1),
    ("One person was shot in the leg, but the injuries of the other victims were not known.", None, 1),
    ("Four people were wounded in a shooting in South Los Angeles on Tuesday evening, according to police.", None, 4),
    ("Five people are shot at a house party.", None, 5),
    ("Teen injured in accidental shooting", None, 1),
    ("Otter Tail County Boy Dies After Being Accidentally Shot", 1, None),
    ("A man was shot in the chest and later died at the hospital.", 1, None),
    ("Police say a 3-year-old was found shot inside the home.", None, 1),
]


@pytest.mark.parametrize("sentence, killed, injured", GUNFIRE)
def test_gun_violence_archive_conventions(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


def test_in_addition_to_the_bomber_takes_the_kind_told_next_whichever_form_tells_it():
    assert figures("In addition to the suicide bomber, one peacekeeper died and 28 were injured in the attack.") == (2, 28)


@pytest.mark.parametrize("sentence, killed, names", [
    ("UNIDENTIFIED MEN ASSASSINATED HECTOR OQUELI COLINDRES AND HILDA FLORES IN GUATEMALA CITY.", 2,
     ["HECTOR OQUELI COLINDRES", "HILDA FLORES"]),
    ("THE MURDER OF ANTIOQUIA DEPARTMENT GOVERNOR ANTONIO ROLDAN BETANCUR IN MEDELLIN WAS CONDEMNED.", 1,
     ["ANTONIO ROLDAN BETANCUR"]),
    ("Gunmen killed Hector Oqueli and Hilda Flores in Guatemala City.", 2, ["Hector Oqueli", "Hilda Flores"]),
])
def test_named_victims_in_upper_case_copy_and_lists_of_names(sentence, killed, names):
    [count] = find_casualties(sentence)
    assert (count.kind, count.low) == ("killed", killed)
    assert [count.victim_text[a:b] for a, b in named_people(count.victim_text)] == names


@pytest.mark.parametrize("headline", ["1 teenager killed, another injured by gunfire",
                                      "One dead, another hurt in overnight shooting"])
def test_another_in_a_headline_is_one_more_person(headline):
    assert figures(headline) == (1, 1)


def test_a_place_preposition_ends_the_victim_mention():
    assert figures("Assailants shot and killed a civilian along National Road 1 near Zove.") == (1, None)


@pytest.mark.parametrize("sentence, killed, injured", both_cases([
    ("The two hostages were shot and killed a short time later.", 2, None),
    ("Three people were killed a year ago.", 3, None),
    ("Three people were killed two weeks ago.", 3, None),
    ("A man was killed a day after his brother was wounded.", 1, 1),
    ("Police shot two men a day later.", None, 2),
    ("Gunmen shot him three times.", None, 1),
    ("Police shot two men an hour later.", None, 2),
    ("The two hostages were killed a while later.", 2, None),
]))
def test_a_span_of_time_after_the_verb_is_no_victim(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


def test_one_who_shot_himself_and_died_is_killed_not_also_injured():
    assert figures("A 3-year-old boy has died after he apparently shot himself in the head.",
                   "Police said the boy who was shot died at a hospital.") == (1, 0)
    assert figures("A 14-year-old boy accidentally shot himself in the leg on Saturday.") == (None, 1)


def test_people_shot_include_the_dead():
    assert figures("4 shot, 1 dead in Pine Bluff shooting") == (1, 3)
    assert figures("5 Shot, 1 Fatally, At College Send-Off Party", "Gunmen wounded four men and killed another.") == (1, 4)
    assert figures("A girl was shot and killed Monday.", "Abigail was shot in the chest by a shotgun.") == (1, 0)


NEGATIVE = [
    ("Four civilian vehicles were damaged in the attack, but no casualties were reported.", 0, 0),
    ("No one was hurt in the attack.", 0, 0),
    ("Nobody was injured.", None, 0),
    ("There were no injuries.", None, 0),
    ("There were no immediate reports of casualties.", 0, 0),
    ("The rockets landed in an open field without causing casualties.", 0, 0),
    ("The attack caused no casualties.", 0, 0),
    ("Assailants fired three mortars at communities, causing no casualties or damage.", 0, 0),
    ("No casualties and only light property damage were caused by the bombing.", 0, 0),
    ("There were no reported casualties in the attack.", 0, 0),
    ("No deaths were reported.", 0, None),
    ("There were no fatalities.", 0, None),
    ("No one was killed or injured.", 0, 0),
    ("The bomb did not detonate and no injuries were suffered.", None, 0),
    ("The blast did not cause any casualties.", 0, 0),
    ("None of the passengers were hurt.", 0, 0),
]


@pytest.mark.parametrize("sentence, killed, injured", both_cases(NEGATIVE))
def test_statements_of_none(sentence, killed, injured):
    counts = find_casualties(sentence)
    assert counts and all(c.negative and c.low == 0 for c in counts)
    assert figures(sentence) == (killed, injured)


def test_an_unharmed_victim_is_negative_for_that_victim_only():
    [count] = find_casualties("The driver was not injured.")
    assert (count.kind, count.negative, count.victim_text) == ("injured", True, "The driver")
    assert figures("The driver was not injured.") == (None, 0)
    assert figures("Two passengers were wounded, but the driver was not injured.") == (None, 2)
    assert figures("The driver escaped unhurt.") == (0, 0)
    assert figures("A man was not seriously injured.") == (None, 1)


PERPETRATORS = [
    ("The blast killed 5, including the bomber.", 5),
    ("The explosion killed two suicide attackers and wounded 21 market-goers.", 2),
    ("In addition to the bomber, at least nine soldiers were killed in the incident.", 10),
    ("In addition to the assailant, four people were killed.", 5),
    ("The gunman then killed himself.", 1),
    ("A suicide bomber blew himself up in a market, killing five people and injuring 25 others.", 6),
]


@pytest.mark.parametrize("sentence, killed", both_cases(PERPETRATORS))
def test_perpetrators_count_and_are_flagged(sentence, killed):
    counts = find_casualties(sentence)
    assert any(c.includes_perpetrators for c in counts)
    assert figures(sentence)[0] == killed


def test_a_perpetrators_death_in_a_later_sentence_adds():
    assert figures("Two gunmen killed seven Israeli civilians.", "Security forces subsequently killed the two gunmen.") == (9, None)
    assert figures("A Palestinian assailant opened fire, killing one of them.", "The gunman was killed in return fire.") == (2, None)
    # the same suicide told twice is one death
    assert figures("Boy Accidentally Shoots Himself", "Police say the boy accidentally shot himself.") == (None, 1)


IRREALIS = [
    "The group threatened to kill two hostages.",
    "The bomb could have killed dozens.",
    "Two soldiers were nearly killed.",
    "He tried to kill three officers.",
    "The militants would have killed everyone.",
    "Authorities said the bomb was intended to kill 50 people.",
    "A report said the plan might kill many people.",
    "Four civilian vehicles were damaged in the attack.",
    "No group claimed responsibility for the attack.",
    "Two rockets were fired at the base.",
    "Guns kill thousands of people every year, the group said.",
    "About 30 people are shot each week in the city.",
]


@pytest.mark.parametrize("sentence", [*IRREALIS, *[s.upper() for s in IRREALIS]])
def test_threats_possibilities_and_non_events_are_no_counts(sentence):
    assert [c for c in find_casualties(sentence) if not c.negative] == []


def test_background_events_are_found_but_cited_ones_are_not_merged():
    counts = find_casualties("PIJ said the attack was in retaliation for the killing of three Palestinian teens.")
    assert [c.low for c in counts] == [3] and counts[0].cited
    assert figures("PIJ said the attack was in retaliation for the killing of three Palestinian teens.") == (None, None)
    assert figures("Rebels killed ten villagers in 2017.") == (10, None)
    assert figures("The town was attacked ten years ago, when militants killed 12 people.") == (12, None)


@pytest.mark.parametrize("sentences, injured", [
    (("A man was stabbed on Monday.", "He was also shot."), 1),
    (("A man was stabbed on Monday.", "He was injured as well."), 1),
    (("A man was stabbed on Monday.", "A woman was injured as well."), 2),
])
def test_also_after_a_personal_pronoun_tells_more_of_someone_counted(sentences, injured):
    assert figures(*sentences) == (None, injured)


def test_restating_a_number_is_not_double_counting():
    assert figures("Three people were killed, and the three killed were identified as students.") == (3, None)
    assert figures("2 dead after shooting at lounge", "At least two people are dead after a shooting Sunday.") == (2, None)
    assert figures("Three people were killed Monday.", "The death toll rose to 5 on Tuesday.") == (5, None)


def test_additional_victims_add():
    assert figures("One soldier was killed while three others were injured.", "An Israeli civilian was injured as well.") == (1, 4)
    assert figures("A man was killed Saturday.", "Another man was killed Sunday.") == (2, None)
    assert figures("One person was injured in the attack.", "Two others were injured later.") == (None, 3)


def test_casualties_without_a_split_are_their_own_kind():
    [count] = find_casualties("THE GUERRILLAS INFLICTED THREE CASUALTIES ON THE ARMY.")
    assert (count.kind, count.low) == ("casualties", 3)
    assert merge_counts([count]) == (None, None)


def test_ranges_and_vague_numbers_keep_their_figures():
    [count] = find_casualties("Between 5 and 7 people were killed.")
    assert (count.low, count.high, count.exact) == (5, 7, False)
    [count] = find_casualties("Up to 7 people were killed.")
    assert (count.low, count.high) == (1, 7)
    assert merge_counts(find_casualties("Between 5 and 7 people were killed.")) == (Quantity(5, 7, False), None)


def test_victims_and_offsets_point_into_the_text():
    text = "Intro sentence. The attack comes after a rocket attack on Erbil, resulting in the deaths of two civilian contractors."
    offset = text.index("The attack")
    [count] = find_casualties(text[offset:], offset=offset)
    assert count.victim_text == "two civilian contractors"
    assert text[count.victim_start:count.victim_end] == count.victim_text
    assert text[count.start:count.end] == count.text == "deaths of two civilian contractors"


@pytest.mark.parametrize(
    "sentence, victim",
    [
        ("A November rocket attack killed a child and injured five other civilians.", "a child"),
        ("Another contractor was injured.", "Another contractor"),
        ("The explosion killed two suicide attackers.", "two suicide attackers"),
        ("21 market-goers were wounded.", "21 market-goers"),
        ("A 45-year-old man was shot dead.", "A 45-year-old man"),
    ],
)
def test_victim_mentions(sentence, victim):
    assert find_casualties(sentence)[0].victim_text == victim


def test_seed_article(shared_dir):
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    counts = find_casualties(text)
    stated = {(c.kind, c.low, c.negative, c.victim_text) for c in counts}
    assert ("killed", 0, True, None) in stated and ("injured", 0, True, None) in stated  # no casualties were reported
    assert ("killed", 2, False, "two civilian contractors") in stated
    assert ("injured", 1, False, "Another contractor") in stated
    assert ("killed", 1, False, "a child") in stated and ("injured", 5, False, "five other civilians") in stated
    assert all(text[c.start:c.end] == c.text for c in counts)


WORDS = ["two", "people", "were", "killed", "and", "injured", "no", "casualties", "the", "a", "man", "shot", "dead",
         "at least", "12", "dozens", "of", "wounded", "himself", ",", ".", "In addition to", "bomber", "KILLED", "Smith"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)), st.integers(0, 50))
def test_any_text_gives_well_formed_counts(sentence, offset):
    text = "x" * offset + sentence
    for count in find_casualties(sentence, offset=offset):
        assert isinstance(count, CasualtyCount)
        assert text[count.start:count.end] == count.text
        if count.victim_text is not None:
            assert text[count.victim_start:count.victim_end] == count.victim_text
        assert count.low >= 0 and (count.high is None or count.high >= count.low)
        assert count.kind in ("killed", "injured", "casualties")
    merge_counts(find_casualties(sentence))


def shares(sentence: str, document: str = "") -> list[tuple[str, int]]:
    """Each count of `sentence` after totals told across several incidents are shared out."""
    counts = share_totals(find_casualties(sentence), sentence, f"{document} {sentence}")
    return [(c.kind, c.low) for c in counts]


@pytest.mark.parametrize("sentence, document, expected", [
    ("At least 30 people were killed across all attacks.", "This was one of three attacks on villages that day.",
     [("killed", 10)]),
    ("Four soldiers were killed across both attacks.", "", [("killed", 2)]),
    ("Nine were wounded across the three raids.", "", [("injured", 3)]),
    ("Six people were killed across all incidents.", "This was one of two related incidents in the area.",
     [("killed", 3)]),
    ("Six people were killed across all incidents.", "Gunmen attacked a market.", [("killed", 6)]),  # how many: unsaid
    ("Six people were killed in the attack.", "This was one of two related incidents in the area.", [("killed", 6)]),
    # the total told with a plural of the attacks, or of as many as the report counts
    ("Twelve fighters were killed across all three of the explosions.", "", [("killed", 4)]),
    ("Eight guards were killed in both blasts.", "", [("killed", 4)]),
    ("Troops repelled the two assaults, killing 14 militants.", "", [("killed", 7)]),
    ("Ten rebels and four soldiers died in the ensuing clashes.", "This was one of two clashes near the river.",
     [("killed", 7)]),
    ("Nine people were wounded across attacks.", "It was one of at least three raids that night.", [("injured", 3)]),
    # blasts are as often the bombs of one attack
    ("Four people were wounded in the blasts.", "This was one of 12 coordinated attacks that day.", [("injured", 4)]),
    # a count told of this incident alone is its own
    ("Ten people were killed in this bombing and six were injured across both attacks.", "",
     [("killed", 10), ("injured", 3)]),
])
def test_a_total_told_across_several_incidents_is_shared_among_them(sentence, document, expected):
    assert shares(sentence, document) == expected


def test_each_incident_takes_the_nearest_whole_share():
    """GTD gives the remainder to some incidents (50 across three is 17, 17 and 16): the nearest share is likeliest."""
    assert shares("At least 50 guards were killed across the three attacks.") == [("killed", 17)]
    assert shares("At least 31 guards were killed across the three attacks.") == [("killed", 10)]
    assert shares("One guard was killed across both attacks.") == [("killed", 1)]
    share = shared(find_casualties("At least 38 people were killed across all attacks.")[0], 3)
    assert (share.kind, share.low, share.exact) == ("killed", 13, False)


def test_an_event_of_several_counts_only_its_share_of_the_total():
    from sitrep import extract
    text = ("Gunmen attacked residents with mortars in a village near Kirkuk, Iraq, on Tuesday. This was one of four "
            "attacks on villages in the same area on the same day. At least 40 people were killed across all "
            "attacks.")
    events = extract(text, published="2014-06-18")
    assert events[0].fatalities == 10


@pytest.mark.parametrize("sentence, killed, injured", both_cases([
    ("The rebels said they had inflicted 2,315 dead, 1,470 wounded on the army.", 2315, 1470),
    ("The fighting killed 1,200 people.", 1200, None),
    ("Officials said 3,050 soldiers were wounded.", None, 3050),
    ("The militia killed two guards, three drivers and 1,004 others.", 1009, None),
]))
def test_a_number_with_thousands_commas_is_one_number(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


@pytest.mark.parametrize("sentence, killed, injured", both_cases([
    ("The offensive has left about 2,000 dead and more than 3,400 wounded in the past ten days.", None, None),
    ("14 journalists were killed in the province over the past year.", None, None),
    ("So far this year 31 people have been shot in the city.", None, None),
    ("Three soldiers were killed on Monday; 1,200 soldiers have been wounded in the past year.", 3, None),
]))
def test_a_toll_over_a_past_period_is_a_cumulative_statistic(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)


@pytest.mark.parametrize("sentences, killed, injured", [
    # victims described one by one after the group count are among the group, not beyond it
    (("Five women were shot outside a bar.", "A 41-year-old woman was shot in the hip.",
      "Another woman, 23, was shot in the arm and also taken to County General.", "A 30-year-old woman was shot in the hand."),
     None, 5),
    (("Four teenagers were wounded in a park.", "A 16-year-old was shot in the leg.", "Another 16-year-old was shot in the foot."),
     None, 4),
    # "others" still adds to the count right before it
    (("One guard was injured.", "Two others were injured later."), None, 3),
    # a victim told by position says how many there are so far
    (("Three clerks were wounded.", "Two clerks were found on the floor.", "A third clerk was also hurt."), None, 3),
    (("A driver was shot.", "A second driver was also shot."), None, 2),
    (("Two guards were killed.", "A third guard was killed an hour later."), 3, None),
    (("A woman was shot.", "The 5th victim was shot in the arm."), None, 5),
    (("Gunmen killed the second secretary of the embassy.",), 1, None),
])
def test_victims_described_one_by_one_are_not_added_to_their_group(sentences, killed, injured):
    assert figures(*sentences) == (killed, injured)


def test_also_of_a_second_verb_adds_no_victim():
    assert figures("Three men were shot.", "One man was shot in the leg and also taken to hospital.") == (None, 3)
    assert figures("Three men were shot.", "A woman was shot as well.") == (None, 4)


def test_a_position_counts_the_victims_of_every_kind_told_before_it():
    assert figures("One guard was killed and a second guard was wounded.") == (1, 1)
    assert figures("Two guards were wounded and a third guard was killed.") == (1, 2)


@pytest.mark.parametrize("sentence, killed, injured", both_cases([
    ("Five farmers were bound before being shot dead near the well.", 5, None),
    ("Two cousins were taken to Mercy Hospital after being shot outside a bar.", None, 2),
    ("A 12-year-old is in serious condition after being shot in the leg.", None, 1),
    ("A teenager was found dead after being shot in a park.", 1, None),
    ("The gunman fled after being shot at by officers.", None, None),
]))
def test_the_subject_a_gerund_says_was_harmed(sentence, killed, injured):
    assert figures(sentence) == (killed, injured)
