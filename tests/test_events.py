"""Event frames and records, through `sitrep.extract` and the internal decisions of `sitrep.events`.

Every sentence here is written for these tests (wire-news style, varied places); expected values follow
../shared/SCHEMA.md and ACLED's coding rules.
"""
import datetime as dt
import functools
import os

import pytest

os.environ.setdefault("SITREP_CACHE_DIR", "/tmp/sitrep-cache")

import sitrep  # noqa: E402
from sitrep import events as ev  # noqa: E402
from sitrep.api import process  # noqa: E402
from sitrep.events import VIOLENT_TYPES  # noqa: E402
from sitrep.knowledge import load_yaml  # noqa: E402
from sitrep.mentions import TRIGGER, WEAPON, sentence_mentions  # noqa: E402
from sitrep.model import Article, Attribution, Event, Mention, Sentence  # noqa: E402
from sitrep.text import is_all_caps  # noqa: E402

PUBLISHED = "2023-05-10"  # a Wednesday


@functools.lru_cache(maxsize=None)
def _run(text: str, title: str | None, published: str | None):
    return process(Article(id="t", text=text, title=title, published=published))


def extract(text: str, title: str | None = None, published: str | None = PUBLISHED) -> list[Event]:
    # A fresh call each time through the public API (the cache above is only for the document-level checks).
    return sitrep.extract(text, published=published, title=title)


def violent(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type in VIOLENT_TYPES]


def main_event(events: list[Event]) -> Event:
    """The scorers' choice: not background, violent, highest confidence, ties to the first."""
    candidates = [e for e in violent(events) if not e.is_background]
    assert candidates, f"no violent news event in {[e.sub_event_type for e in events]}"
    return max(candidates, key=lambda e: e.confidence)  # max keeps the first on ties


def only(events: list[Event], **where) -> Event:
    found = [e for e in events if all(getattr(e, k) == v for k, v in where.items())]
    assert len(found) == 1, f"expected one event with {where}, got {[e.sub_event_type for e in events]}"
    return found[0]


# ----------------------------------------------------------------------------------------------- 1. sub-event types

SUB_EVENT_CASES = [
    # Shelling/artillery/missile attack
    ("Militants fired three rockets at an army base near Kandahar on Monday, wounding two soldiers.",
     "Shelling/artillery/missile attack", "rocket"),
    ("Mortar shells landed on a crowded market in Mogadishu on Tuesday afternoon.",
     "Shelling/artillery/missile attack", "mortar"),
    ("Russian forces shelled residential areas of Kherson overnight, officials said.",
     "Shelling/artillery/missile attack", "artillery"),
    ("A missile strike hit an apartment block in Odesa on Saturday.",
     "Shelling/artillery/missile attack", "missile"),
    # Remote explosive/landmine/IED
    ("A roadside bomb exploded near a police patrol in Kirkuk on Monday.", "Remote explosive/landmine/IED", "IED"),
    ("An improvised explosive device struck a military convoy near Gao on Wednesday.",
     "Remote explosive/landmine/IED", "IED"),
    ("A car bomb exploded outside a hotel in Mogadishu on Sunday.", "Remote explosive/landmine/IED", "car bomb"),
    ("An explosion ripped through a market in Peshawar on Friday.", "Remote explosive/landmine/IED", "explosives"),
    ("A landmine exploded under a minibus near Kismayo on Thursday.", "Remote explosive/landmine/IED", "landmine"),
    # Suicide bomb
    ("A suicide bomber blew himself up at a mosque in Peshawar on Monday.", "Suicide bomb", "suicide vest"),
    ("A suicide bomber attacked a checkpoint in Mogadishu on Tuesday.", "Suicide bomb", "suicide vest"),
    # Air/drone strike
    ("An airstrike hit a village in Idlib province on Monday.", "Air/drone strike", "airstrike"),
    ("A drone strike killed three militants in North Waziristan on Sunday.", "Air/drone strike", "drone"),
    ("Warplanes bombed a market in Sanaa on Friday.", "Air/drone strike", "airstrike"),
    # Chemical weapon
    ("A chlorine gas attack on Douma killed dozens of people on Saturday.", "Chemical weapon", "chemical"),
    ("Sarin was used in an attack on Khan Shaykhun on Tuesday, killing 80 people.", "Chemical weapon", "chemical"),
    # Grenade
    ("Attackers threw a grenade at a bus station in Nairobi on Tuesday.", "Grenade", "grenade"),
    ("A grenade attack on a bar in Kampala wounded six people on Saturday.", "Grenade", "grenade"),
]


@pytest.mark.parametrize("text, sub_event, weapon", SUB_EVENT_CASES)
def test_remote_violence_sub_event_types(text, sub_event, weapon):
    event = main_event(extract(text))
    assert event.sub_event_type == sub_event
    assert event.event_type == "Explosions/Remote violence"
    assert event.plover_type == "ASSAULT"
    assert weapon in event.weapons


@pytest.mark.parametrize("text", [
    "Gunmen shot dead four civilians in a village near Maiduguri on Tuesday.",
    "Unidentified gunmen shot and killed two farmers in Zamfara state on Sunday.",
    "Gunmen shot dead three villagers near Bunia on Wednesday.",
])
def test_gunmen_shooting_civilians_is_attack_with_small_arms(text):
    event = main_event(extract(text))
    assert (event.event_type, event.sub_event_type, event.plover_type) == (
        "Violence against civilians", "Attack", "ASSAULT")
    assert event.weapons == ["small arms"]


@pytest.mark.parametrize("text", [
    "Soldiers clashed with militants near Kidal on Monday, the army said.",
    "Heavy fighting broke out between government troops and rebels in Goma on Saturday.",
    "Troops and insurgents exchanged fire near Maiduguri on Friday.",
    "Militants attacked an army checkpoint near Mosul, killing three soldiers.",
])
def test_clashes_are_armed_clash(text):
    event = main_event(extract(text))
    assert (event.event_type, event.sub_event_type, event.plover_type) == ("Battles", "Armed clash", "ASSAULT")
    assert not event.civilian_targeting


@pytest.mark.parametrize("text", [
    "Armed men kidnapped 15 students from a school in Kaduna state on Thursday.",
    "Gunmen abducted an aid worker in Niamey on Monday.",
    "Bandits kidnapped a village chief in Katsina state on Sunday.",
])
def test_kidnapping_is_abduction(text):
    event = main_event(extract(text))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
    assert event.plover_type == "ASSAULT"


@pytest.mark.parametrize("text, sub_event, event_type, plover", [
    ("The government and rebels agreed a ceasefire in Khartoum on Sunday.",
     "Agreement", "Strategic developments", "AGREE"),
    ("A ceasefire between the army and the rebels took effect on Tuesday.",
     "Agreement", "Strategic developments", "AGREE"),
    ("The warring parties signed a peace deal in Addis Ababa on Wednesday.",
     "Agreement", "Strategic developments", "AGREE"),
    ("Hundreds of protesters rallied in Nairobi on Tuesday against rising prices.",
     "Peaceful protest", "Protests", "PROTEST"),
    ("Thousands of demonstrators rallied outside parliament in Colombo on Monday.",
     "Peaceful protest", "Protests", "PROTEST"),
    ("Protesters rallied in Caracas on Saturday to demand free elections.",
     "Peaceful protest", "Protests", "PROTEST"),
    ("Police arrested three suspects in Mombasa on Tuesday.", "Arrests", "Strategic developments", "COERCE"),
    ("Police arrested five men in Karachi on Thursday.", "Arrests", "Strategic developments", "COERCE"),
])
def test_non_violent_acts(text, sub_event, event_type, plover):
    events = extract(text)
    assert not violent(events)
    event = only(events, sub_event_type=sub_event)
    assert (event.event_type, event.plover_type) == (event_type, plover)


# Two sentences for each sub-event type the cases above do not cover, so that every one of ACLED's 25 is coded.
OTHER_SUB_EVENTS = [
    ("Government troops recaptured the town of Kidal from the rebels on Sunday after days of fighting.",
     "Government regains territory"),
    ("The army retook Marawi from the militants on Friday.", "Government regains territory"),
    ("Al-Shabaab fighters overran a military base in Lower Shabelle, Somalia, on Monday.",
     "Non-state actor overtakes territory"),
    ("Rebels took control of the town of Goma on Tuesday after a short battle.",
     "Non-state actor overtakes territory"),
    ("Soldiers raped three women in a village near Minova on Friday.", "Sexual violence"),
    ("Gunmen abducted and sexually assaulted two girls in Katsina on Sunday.", "Sexual violence"),
    ("Hundreds of protesters marched in Khartoum on Thursday. Police fired tear gas to disperse them.",
     "Protest with intervention"),
    ("Police used water cannon against demonstrators who rallied in Minsk on Sunday.", "Protest with intervention"),
    ("Security forces opened fire on protesters in Baghdad on Friday, killing five people.",
     "Excessive force against protesters"),
    ("Police shot dead two protesters during a rally in Conakry on Tuesday.", "Excessive force against protesters"),
    ("An angry mob lynched a suspected thief in Lagos on Tuesday.", "Mob violence"),
    ("A mob beat a man to death in Dhaka on Monday over rumours of child abduction.", "Mob violence"),
    ("Militants looted shops in the market of Gao on Wednesday.", "Looting/property destruction"),
    ("Armed men ransacked the offices of an aid agency in Juba on Saturday.", "Looting/property destruction"),
    ("The rebels withdrew from the town of Kidal on Monday without a fight.", "Non-violent transfer of territory"),
    ("Government forces pulled out of the town of Mekele on Tuesday.", "Non-violent transfer of territory"),
    ("Boko Haram fighters set up a base in the Sambisa forest in March.", "Headquarters or base established"),
    ("The militia established its headquarters in the town of Bunia on Monday.", "Headquarters or base established"),
    ("The militia pledged allegiance to the Islamic State in a video released on Tuesday.",
     "Change to group/activity"),
    ("Two rebel factions announced a merger in Idlib on Sunday.", "Change to group/activity"),
    ("Authorities imposed a curfew in Jos on Sunday after the unrest.", "Other"),
    ("The government declared a state of emergency in Tigray on Friday.", "Other"),
]


@pytest.mark.parametrize("text, sub_event", OTHER_SUB_EVENTS)
def test_other_sub_event_types(text, sub_event):
    event = only(extract(text), sub_event_type=sub_event)
    facts = load_yaml("event_types.yaml")["sub_event_types"][sub_event]
    assert (event.event_type, event.plover_type) == (facts["event_type"], facts["plover"])
    # The type's mode, or, where it names only the kind of force, the primary weapon's.
    weapon_mode = load_yaml("weapons.yaml")["plover_modes"].get(event.weapons[0]) if event.weapons else None
    assert event.plover_mode in {facts["mode"], weapon_mode if facts["mode"] in ev.FORCE_MODES else None}


def test_every_acled_sub_event_type_is_coded_from_some_sentence():
    from tests.test_knowledge import ACLED_SUB_EVENTS

    basic = ["Gunmen shot dead two farmers in Zamfara on Monday.",
             "Troops clashed with rebels near Beni on Sunday.",
             "Gunmen kidnapped a priest in Kaduna on Tuesday.",
             "The government and rebels agreed a ceasefire in Khartoum on Sunday.",
             "Hundreds of protesters rallied in Nairobi on Tuesday against rising prices.",
             "Police arrested three suspects in Mombasa on Tuesday.",
             "Police defused a roadside bomb in Kandahar on Tuesday.",
             "Rioters burned tyres and threw stones at police in Dakar on Friday."]
    sentences = basic + [text for text, _ in OTHER_SUB_EVENTS] + [case[0] for case in SUB_EVENT_CASES]
    coded = {event.sub_event_type for text in sentences for event in extract(text)}
    assert set().union(*ACLED_SUB_EVENTS.values()) <= coded


@pytest.mark.parametrize("text, actor1, actor2", [
    ("Hundreds of protesters marched in Khartoum on Thursday. Police fired tear gas to disperse them.",
     "Protesters (Sudan)", "Police Forces of Sudan"),
    ("Thousands of people protested peacefully in Beirut on Saturday.", "Protesters (Lebanon)", None),
    ("Security forces opened fire on protesters in Baghdad on Friday, killing five people.",
     "Military Forces of Iraq", "Protesters (Iraq)"),
    ("An angry mob lynched a suspected thief in Lagos on Tuesday.", "Rioters (Nigeria)", None),
    ("Protesters killed a policeman in Khartoum on Monday.", "Rioters (Sudan)", "Police Forces of Sudan"),
])
def test_a_crowd_is_coded_by_country(text, actor1, actor2):
    event = extract(text)[0]
    assert (event.actor1, event.actor2) == (actor1, actor2)


@pytest.mark.parametrize("text, sub_event", [
    ("Protesters killed a policeman in Khartoum on Monday.", "Violent demonstration"),
    ("Angry protesters set fire to a police station in Kano on Monday.", "Violent demonstration"),
    ("Protesters attacked the governor's office in Kano on Monday.", "Violent demonstration"),
    ("Five protesters were killed when police opened fire in Khartoum on Monday.",
     "Excessive force against protesters"),
])
def test_a_crowd_that_does_the_violence_is_a_riot(text, sub_event):
    assert [e.sub_event_type for e in extract(text)] == [sub_event]


@pytest.mark.parametrize("text", [
    "Assailants took control of a police station in Dhuluiya on Sunday and killed two officers.",
    "The victim fell to the ground after he was stabbed in Leeds on Friday.",
    "Residents of the liberated areas of Kharkiv returned home on Monday.",
])
def test_words_near_territory_are_not_a_change_of_territory(text):
    assert not [e for e in extract(text) if e.sub_event_type and "territory" in e.sub_event_type]


def test_protesters_killed_by_the_police_is_excessive_force_with_the_police_as_actor1():
    event = only(extract("Five protesters were killed when police fired on marchers in Conakry on Tuesday."),
                 sub_event_type="Excessive force against protesters")
    assert (event.actor1, event.actor2, event.fatalities) == ("Police Forces of Guinea", "Protesters (Guinea)", 5)


@pytest.mark.parametrize("text", [
    "A girl was shot to death and another woman was wounded Saturday after a shooting in Newark, authorities said.",
    "Police said someone in another car opened fire on the teenagers in Houston on Saturday night, killing one.",
])
def test_another_person_or_thing_is_no_other_event(text):
    assert len(violent(extract(text))) == 1


def test_another_shooting_is_another_event():
    text = ("A man was shot dead in Omaha on Saturday night. Another shooting happened two blocks away four hours "
            "earlier, injuring a woman.")
    assert len(violent(extract(text))) == 2


def test_a_protest_told_as_the_scene_of_violence_is_no_event_of_its_own():
    events = extract("Police shot dead two protesters during a rally in Conakry on Tuesday.")
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]


def test_protesters_who_kill_use_no_excessive_force():
    events = extract("Protesters killed a policeman during a rally in Dakar on Friday.")
    assert "Excessive force against protesters" not in [e.sub_event_type for e in events]


def test_a_mob_that_kills_is_one_mob_violence_event():
    [event] = extract("Two men were stoned to death by a mob in Kano on Friday.")
    assert (event.sub_event_type, event.fatalities, event.actor1) == ("Mob violence", 2, "Rioters (Nigeria)")


def test_a_shooting_and_a_later_mob_stay_two_events():
    events = extract("A gunman killed four people on a bus in Haifa on Monday. Later in the day a mob of angry "
                     "protesters beat the gunman.")
    assert [e.sub_event_type for e in events] == ["Attack", "Mob violence"]


def test_shot_down_is_no_shooting():
    event = main_event(extract("Militants launched two rockets at Sderot on Monday. The rockets were shot down."))
    assert (event.sub_event_type, event.weapons) == ("Shelling/artillery/missile attack", ["rocket"])


@pytest.mark.parametrize("text", [
    "Assailants stoned to death two civilians in Mosul on Monday.",
    "Militiamen beat to death two farmers in Ituri on Monday.",
])
def test_killed_with_stones_or_blows_is_a_toll(text):
    assert main_event(extract(text)).fatalities == 2


def test_the_day_a_report_was_made_is_not_the_day_of_the_event():
    text = ("A girl who died after being hit by gunfire was the latest victim of gang violence, police said Monday. "
            "She was shot about 8:40 p.m. Sunday near Marks Avenue in Fresno.")
    event = main_event(extract(text, published="2015-01-19"))
    assert event.event_date == dt.date(2015, 1, 18)


def test_a_gun_that_went_off_is_a_shooting_not_an_explosion():
    event = main_event(extract("The gun went off while a boy was cleaning it in his home in Tulsa on Friday."))
    assert event.event_type == "Violence against civilians" and event.weapons == ["small arms"]


def test_a_day_after_since_told_after_the_act_is_not_its_date():
    [event] = extract("Police said four people were shot during a birthday party that had been going on at a house "
                      "in Charlotte since Friday night.", published="2015-04-18")
    assert (event.event_date, event.is_background, event.injuries) == (dt.date(2015, 4, 18), False, 4)


def test_an_object_less_note_drops_its_preposition():
    event = only(extract("Security forces defused a bomb in Kabul on Monday."), sub_event_type="Disrupted weapons use")
    assert "disrupted an attack in Kabul" in event.notes


@pytest.mark.parametrize("text, mode", [
    ("A man stabbed two women outside a mosque in Leeds on Friday.", "beat"),
    ("Gunmen shot dead two farmers in Zamfara on Monday.", "firearms"),
    ("A drone strike killed three militants in North Waziristan on Sunday.", "drone"),
    ("Gunmen kidnapped a priest in Kaduna on Tuesday.", "abduct"),
])
def test_the_plover_mode_follows_the_primary_weapon_where_the_type_names_only_force(text, mode):
    assert main_event(extract(text)).plover_mode == mode


@pytest.mark.parametrize("text, weapon", [
    ("Militants used sharp-edged weapons to attack villagers in Beni on Monday.", "knife"),
    ("Gunmen used pick-up trucks fitted with machine guns to raid Dikwa on Friday.", "small arms"),
])
def test_an_act_told_as_what_a_weapon_was_used_for_took_place(text, weapon):
    assert main_event(extract(text)).weapons == [weapon]


def test_the_fire_that_stopped_the_attacker_is_not_the_attacks_weapon():
    event = main_event(extract("A man tried to stab a guard at a checkpoint near Hebron on Monday. The assailant was "
                               "shot and killed by a soldier."))
    assert event.weapons == ["knife"]


def test_the_primary_weapon_comes_first():
    event = extract("Assailants opened fire and threw a grenade at a checkpoint in Pulwama on Monday.")[0]
    assert event.weapons[:2] == ["grenade", "small arms"]


DEFUSED = [
    "A bomb was found and defused near a school in Quetta on Monday.",
    "Security forces defused an explosive device on a highway near Mosul on Friday.",
    "Police defused a roadside bomb in Kandahar on Tuesday.",
]


@pytest.mark.parametrize("text", DEFUSED)
def test_defused_bomb_is_disrupted_weapons_use(text):
    event = only(extract(text), sub_event_type="Disrupted weapons use")
    assert (event.event_type, event.plover_type) == ("Strategic developments", "COERCE")


@pytest.mark.parametrize("text", DEFUSED)
def test_defused_bomb_is_not_an_explosion(text):
    assert violent(extract(text)) == []


def test_classify_reads_weapons_when_the_trigger_is_vague():
    """`classify` from the frame: a plain "attacked" with rockets is shelling; with a grenade a grenade attack."""
    def frame(kind, *weapons):
        f = ev.Frame(kind=kind, part="text", sentence=0, start=0)
        f.triggers = [Mention(start=0, end=8, text="attacked", label=TRIGGER, sentence=0, attrs={"kind": kind})]
        f.weapons = [Mention(start=0, end=1, text=w, label="WEAPON", sentence=0, attrs={"weapon": w}) for w in weapons]
        return f

    assert ev.classify(frame("attack", "rocket")) == "Shelling/artillery/missile attack"
    assert ev.classify(frame("attack", "grenade")) == "Grenade"
    assert ev.classify(frame("attack", "IED")) == "Remote explosive/landmine/IED"
    assert ev.classify(frame("attack", "drone")) == "Air/drone strike"
    assert ev.classify(frame("attack", "suicide vest")) == "Suicide bomb"
    assert ev.classify(frame("attack", "chemical")) == "Chemical weapon"
    assert ev.classify(frame("attack")) == "Attack"
    assert ev.classify(frame("clash")) == "Armed clash"
    assert ev.classify(frame("agreement")) == "Agreement"
    assert ev.classify(frame("accusation")) is None


@pytest.mark.parametrize("text, sub_event, weapons", [
    ("Militants armed with mortars and assault rifles opened fire on an army post near Gao on Monday, killing four "
     "soldiers.", "Armed clash", ["mortar", "small arms"]),
    ("Gunmen armed with grenades and pistols attacked a shop in Mombasa on Friday, killing the owner.",
     "Attack", ["grenade", "small arms"]),
])
def test_weapons_someone_was_armed_with_are_not_the_act(text, sub_event, weapons):
    event = main_event(extract(text))
    assert event.sub_event_type == sub_event
    assert event.weapons == weapons  # what they carried is still the event's weapons


def test_names_equipment_stops_at_an_act():
    sentence_text = "Fighters armed with grenades and rifles stormed the base and fired rockets at the barracks."
    sentence = Sentence(index=0, start=0, end=len(sentence_text), text=sentence_text)
    triggers = [Mention(start=sentence_text.index(word), end=sentence_text.index(word) + len(word), text=word,
                        label=TRIGGER, sentence=0, attrs={"kind": kind})
                for word, kind in [("grenades", "explosion"), ("stormed", "attack"), ("fired", "shooting"),
                                   ("rockets", "shelling")]]
    assert [t.text for t in ev.names_equipment(triggers, sentence)] == ["grenades"]


@pytest.mark.parametrize("text, sub_event, weapon", [
    ("Unknown gunmen fired a mortar at a village near Sderot on Friday, killing a farmer.",
     "Shelling/artillery/missile attack", "mortar"),
    ("Gunmen fired a rocket at a police station in Quetta on Sunday.", "Shelling/artillery/missile attack", "rocket"),
])
def test_gunmen_firing_a_heavy_weapon_is_not_a_shooting(text, sub_event, weapon):
    event = main_event(extract(text))
    assert (event.sub_event_type, event.weapons[0]) == (sub_event, weapon)


def test_gunmen_firing_rifles_and_mortars_fight_at_close_range():
    event = main_event(extract("Gunmen fired mortars and rifles at a fuel depot near Rafah on Tuesday, killing two "
                               "workers."))
    assert event.sub_event_type == "Attack"


def test_an_intercepted_bomb_that_went_off_and_hurt_people_is_an_explosion():
    events = extract("Police intercepted a suicide bomber at a checkpoint in Baidoa on Monday. His explosives vest "
                     "went off during the struggle, and three officers were wounded in the explosion.")
    event = main_event(events)
    assert (event.sub_event_type, event.injuries) == ("Suicide bomb", 3)
    assert not [e for e in events if e.sub_event_type == "Disrupted weapons use"]


def test_an_intercepted_bomb_blown_up_by_the_police_stays_disrupted():
    events = extract("Police intercepted a car bomb in Herat on Monday and destroyed it in a controlled explosion.")
    assert only(events, sub_event_type="Disrupted weapons use")
    assert violent(events) == []


@pytest.mark.parametrize("text", [
    "Gunmen attempted to kidnap a businessman in Port Harcourt on Sunday.",
    "Armed men tried to abduct a priest in Enugu on Saturday.",
])
def test_an_attempted_kidnapping_is_an_abduction(text):
    assert main_event(extract(text)).sub_event_type == "Abduction/forced disappearance"


def test_killing_an_official_is_an_attack_not_a_clash():
    """ACLED codes officials who bear no arms as civilians; a police officer is an armed side."""
    official = main_event(extract("Gunmen killed the district governor and a government employee in Zaranj on "
                                  "Monday."))
    assert official.sub_event_type == "Attack"
    appointee = main_event(extract("Assailants shot and killed a junta-appointed ward chief in Hpa-an on Monday."))
    assert appointee.sub_event_type == "Attack"
    officer = main_event(extract("Gunmen shot dead a police officer in Zaranj on Tuesday."))
    assert officer.sub_event_type == "Armed clash"


def test_a_fire_at_the_police_that_hurt_no_one_is_no_clash():
    harmless = main_event(extract("Militants placed two firebombs at a police station in Salem on Sunday, causing "
                                  "minor damage. No one was hurt."))
    assert harmless.sub_event_type == "Attack"
    deadly = main_event(extract("Militants set fire to a police post in Bannu on Sunday, killing two policemen."))
    assert deadly.sub_event_type == "Armed clash"


def test_a_pro_government_militia_is_an_armed_side():
    event = main_event(extract("Militants attacked pro-government militia members in Takhar on Sunday, killing two."))
    assert (event.sub_event_type, event.actor2) == ("Armed clash", "Military Forces of Afghanistan")


# ----------------------------------------------------------------------------------------------- 2. not events

@pytest.mark.parametrize("text", [
    "The militants threatened to attack government buildings in Kandahar.",
    "Al-Shabaab vowed to strike the capital again in the coming weeks.",
    "Officials warned that the insurgents could launch an attack on Bamako at any time.",
    "No attack was reported in Herat on Monday.",
    "Rebels said they would bomb the airport in Juba if the talks failed.",
    "The Taliban threatened to kill anyone who worked with foreign forces.",
])
def test_unreal_acts_are_not_events(text):
    assert violent(extract(text)) == []


@pytest.mark.parametrize("text", [
    "The rebel group denied carrying out the bombing in Goma.",
    "The Pakistani Taliban denied carrying out the attack on the mosque in Peshawar.",
])
def test_denied_act_is_not_an_event(text):
    assert violent(extract(text)) == []


@pytest.mark.parametrize("text", [
    "Rocket attacks have become frequent in Basra since the elections.",
    "Kidnappings are often reported on the highway between Abuja and Kaduna.",
    "Airstrikes have regularly targeted villages in the north of Yemen.",
])
def test_generic_plurals_are_not_events(text):
    assert violent(extract(text)) == []


@pytest.mark.parametrize("text, fatalities", [
    ("More than 70,000 people have been killed since the insurgency began, the rebels said on Monday.", None),
    ("The rebels said on Monday that the army had massacred 1,200 civilians.", None),
    ("A truck bomb killed 999 people in the market on Monday, the ministry said.", 999),
])
def test_a_toll_of_a_thousand_or_more_is_a_wars_total_not_an_events(text, fatalities):
    assert [e.fatalities for e in violent(extract(text, published="2016-10-24"))] == [fatalities]


def test_a_roundup_is_no_event_and_its_incidents_are():
    text = ("Four people were killed and 23 wounded in weekend shootings across the city, police said. "
            "In the first, a 19-year-old man was shot and wounded outside a store in Memphis on Saturday night.")
    events = violent(extract(text, published="2016-10-24"))
    assert [(e.fatalities, e.injuries) for e in events] == [(None, 1)]


def _sentence_and_trigger(text: str, trigger_text: str) -> tuple[Mention, Sentence]:
    doc = _run(text, None, PUBLISHED)
    sentence = doc.sentences[0]
    trigger = next(m for m in doc.mentions if m.label == TRIGGER and m.text.lower() == trigger_text)
    return trigger, sentence


@pytest.mark.parametrize("text, trigger, real", [
    ("The militants threatened to attack the base in Kandahar.", "attack", False),
    ("Officials said the rebels could launch an attack on Bamako.", "attack", False),
    ("There was no explosion at the depot in Kabul.", "explosion", False),
    ("Gunmen attacked the base in Kandahar on Monday.", "attacked", True),
    ("A bomb exploded in a market in Kano on Monday.", "exploded", True),
])
def test_is_real(text, trigger, real):
    assert ev.is_real(*_sentence_and_trigger(text, trigger)) is real


@pytest.mark.parametrize("text, trigger, generic", [
    ("Rocket attacks have become frequent in Basra.", "rocket attacks", True),
    ("Kidnappings are often reported near Abuja.", "kidnappings", True),
    ("Two rocket attacks hit Basra on Monday.", "rocket attacks", False),
    ("Rocket attacks hit Basra on Monday.", "rocket attacks", False),
    ("A rocket attack hit Basra, the latest in a series of such incidents.", "rocket attack", False),
    ("Four killed, 53 wounded in weekend shootings in Memphis.", "shootings", True),
    ("Seven people were shot in three separate shootings in Memphis on Friday.", "shot", True),
    ("Eighteen people were shot in Memphis in a 48-hour span.", "shot", True),
    ("Two people were shot outside a Memphis bar on Friday.", "shot", False),
    ("At least 11 people were killed across the attacks, which lasted two days.", "attacks", False),
])
def test_is_generic(text, trigger, generic):
    assert ev.is_generic(*_sentence_and_trigger(text, trigger)) is generic


# ----------------------------------------------------------------------------------------------- 3. dates

@pytest.mark.parametrize("text, date, precision, date_text", [
    ("Gunmen attacked a bus near Jos on Monday.", dt.date(2023, 5, 8), 1, "on Monday"),
    ("A car bomb exploded in Mogadishu on Saturday.", dt.date(2023, 5, 6), 1, "on Saturday"),
    ("Militants ambushed an army patrol near Kidal last week.", dt.date(2023, 5, 3), 2, "last week"),
    ("A suicide bomber struck a police station in Peshawar on 3 May 2023.", dt.date(2023, 5, 3), 1, "on 3 May 2023"),
    ("A roadside bomb exploded near Kirkuk on 3 March 2023.", dt.date(2023, 3, 3), 1, "on 3 March 2023"),
])
def test_dates_resolve_against_publication(text, date, precision, date_text):
    # An article's only act is its subject, news however old, with its own date.
    event = only(violent(extract(text)), is_background=False)
    assert (event.event_date, event.time_precision, event.date_text) == (date, precision, date_text)


@pytest.mark.parametrize("text", [
    "In January, a car bomb exploded in Kabul.",
    "In February, gunmen attacked a convoy near Gao.",
])
def test_month_months_before_is_month_precision_background(text):
    event = only(violent(extract("Gunmen attacked a bus near Jos on Monday. " + text)), is_background=True)
    assert event.time_precision == 3
    assert event.event_date.day == 1 and event.event_date.year == 2023
    assert event.event_date.month in (1, 2)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a bus near Jos on Monday.",
    "A roadside bomb exploded near Kirkuk last week.",
    "Militants fired rockets at the airport in Erbil on Saturday.",
])
def test_relative_dates_without_publication_stay_unresolved(text):
    events = violent(extract(text, published=None))
    assert events
    for event in events:
        assert event.event_date is None
        assert event.event_date != dt.date.today()
        assert event.time_precision is None


def test_absolute_date_without_publication_still_resolves():
    event = only(violent(extract("Gunmen attacked a bus near Jos on 3 May 2023.", published=None)),
                 sub_event_type="Attack")
    assert (event.event_date, event.time_precision) == (dt.date(2023, 5, 3), 1)


# ----------------------------------------------------------------------------------------------- 4. background

def test_background_and_news_in_one_article():
    text = ("Militants fired rockets at the airport in Erbil on Tuesday, wounding two contractors. "
            "The base has been hit repeatedly since a drone strike in Baghdad in January 2020.")
    events = violent(extract(text))
    news = [e for e in events if not e.is_background]
    history = [e for e in events if e.is_background]
    assert len(news) == 1 and news[0].sub_event_type == "Shelling/artillery/missile attack"
    assert news[0].event_date == dt.date(2023, 5, 9)
    assert history and all(e.event_date is None or e.event_date < dt.date(2023, 4, 1) for e in history)


@pytest.mark.parametrize("text", [
    "Rocket attacks on the base have continued since the killing of the commander in January 2020.",
    "Gunmen attacked a bus near Jos on Monday. In January, a car bomb exploded in Kabul.",
    "Gunmen attacked a bus near Jos on Monday. A suicide bomber struck a police station in Peshawar on 3 March 2023.",
])
def test_history_is_background(text):
    events = [e for e in violent(extract(text)) if "Jos" not in (e.location or "")]
    assert events and all(e.is_background for e in events)


def test_an_act_dated_as_news_keeps_an_old_date_of_its_lead_as_history():
    text = ("Two children were reported injured in a shooting on March 17, 2016 in Fort Worth. Two children were "
            "injured early Friday evening in an accidental shooting in Fort Worth, police said.")
    events = [e for e in violent(extract(text, published="2017-03-18")) if not e.is_background]
    assert [e.event_date for e in events] == [dt.date(2017, 3, 17)]


@pytest.mark.parametrize("title, text, date", [
    ("Suspect charged in Akron bar shooting", "Two men were shot outside a bar in Akron on March 3, 2023. Police "
     "charged a man on Monday. Both men survived.", dt.date(2023, 3, 3)),
    (None, "Victims of a February car bombing in Kabul were buried on Monday, officials said. The car bomb exploded "
     "outside a ministry on 14 February 2023.", dt.date(2023, 2, 14)),
])
def test_a_follow_ups_subject_is_its_news_with_its_own_date(title, text, date):
    events = [e for e in violent(extract(text, title=title, published=PUBLISHED)) if not e.is_background]
    assert [e.event_date for e in events] == [date]


@pytest.mark.parametrize("text", [
    "A car bomb exploded outside a hotel in Mogadishu on Sunday.",
    "Gunmen shot dead four civilians in a village near Maiduguri on Tuesday.",
])
def test_news_is_not_background(text):
    assert not main_event(extract(text)).is_background


# ----------------------------------------------------------------------------------------------- 5. several events

@pytest.mark.parametrize("text, first_place, second_place", [
    ("A roadside bomb exploded near a police vehicle in Kirkuk. "
     "The attack came two days after gunmen ambushed a convoy near Tikrit, killing two soldiers.", "Kirkuk", "Tikrit"),
    ("A car bomb exploded near a checkpoint in Baidoa. "
     "The bombing came three days after militants ambushed a patrol near Kismayo, killing four soldiers.",
     "Baidoa", "Kismayo"),
])
def test_two_events_in_one_sentence_keep_their_own_fields(text, first_place, second_place):
    events = violent(extract(text))
    assert len(events) == 2
    bomb, ambush = sorted(events, key=lambda e: text.find(e.evidence[0].text))
    assert bomb.sub_event_type == "Remote explosive/landmine/IED"
    assert bomb.location == first_place and bomb.fatalities is None
    assert ambush.location == second_place and ambush.fatalities == 2 + 2 * (second_place == "Kismayo")
    assert ambush.date_text is not None and "after" in ambush.date_text


# ----------------------------------------------------------------------------------------------- 6. merge

@pytest.mark.parametrize("title, text", [
    ("Car bomb kills five in Mogadishu",
     "A car bomb exploded near a checkpoint in Mogadishu on Monday, killing five people. The blast also wounded 11 others."),
    ("Rocket attack hits Erbil airport",
     "Militants fired three rockets at the airport in Erbil on Tuesday, wounding two contractors."),
    ("Suicide bomber kills 12 at mosque in Peshawar",
     "A suicide bomber blew himself up inside a mosque in Peshawar on Friday. Twelve worshippers were killed."),
])
def test_title_and_text_tell_one_event(title, text):
    events = violent(extract(text, title=title))
    assert len(events) == 1
    parts = {e.part for e in events[0].evidence}
    assert parts == {"title", "text"}


def test_anaphoric_sentence_adds_to_the_event():
    text = "A car bomb exploded near a checkpoint in Mogadishu on Monday. The blast also wounded five passers-by."
    events = violent(extract(text))
    assert len(events) == 1
    assert events[0].injuries == 5


@pytest.mark.parametrize("text, killed, injured", [
    ("Two suicide bombers detonated at a checkpoint in Mosul on Monday. In addition to the two assailants, four guards "
     "were killed in the blasts.", 6, None),
    ("Mortar shells landed near homes in Tikrit on Monday. Three people were wounded in the bombings.", None, 3),
])
def test_a_plural_anaphor_adds_to_the_event(text, killed, injured):
    events = violent(extract(text))
    assert len(events) == 1
    assert (events[0].fatalities, events[0].injuries) == (killed, injured)


@pytest.mark.parametrize("text", [
    "A roadside bomb exploded near a market in Kandahar. Hours later, a second bomb exploded in Herat.",
    "A bomb exploded at a market in Kano on Monday. Separately, gunmen attacked a village near Sokoto on Tuesday.",
])
def test_attacks_in_different_towns_stay_apart(text):
    events = violent(extract(text))
    assert len(events) == 2
    assert len({e.location for e in events}) == 2


ONE_SENTENCE_ONE_EVENT = [
    "Mortar shells struck a market in Mogadishu on Tuesday, killing four people.",
    "A missile strike hit an apartment block in Odesa on Saturday, killing three people.",
    "Gunmen opened fire on worshippers at a church in Owo on Sunday, killing 22 people.",
    "A roadside bomb exploded near a police patrol in Kirkuk on Monday, killing two officers.",
    "Boko Haram fighters raided a village near Maiduguri on Saturday, killing nine civilians.",
]


@pytest.mark.parametrize("text", ONE_SENTENCE_ONE_EVENT)
def test_date_before_the_toll_does_not_split_the_event(text):
    events = violent(extract(text))
    assert len(events) == 1
    assert events[0].fatalities is not None


# ----------------------------------------------------------------------------------------------- 7. casualties

@pytest.mark.parametrize("text, fatalities, injuries", [
    ("Gunmen attacked a bus near Jos, killing three and wounding five.", 3, 5),
    ("At least 12 people were killed when a bomb exploded at a market in Kano.", 12, None),
    ("A car bomb exploded outside a hotel in Mogadishu, and dozens were wounded.", None, 12),
    ("A rocket hit the airport in Erbil but no casualties were reported.", 0, 0),
    ("A bomb exploded near a bank in Quetta and no one was hurt.", 0, 0),
    ("A roadside bomb exploded near a police post in Kirkuk.", None, None),
])
def test_casualties_by_acled_rules(text, fatalities, injuries):
    event = main_event(extract(text))
    assert (event.fatalities, event.injuries) == (fatalities, injuries)


def test_a_toll_told_a_few_sentences_after_the_act_is_its_toll():
    text = ("Police are investigating after shots were fired at a store in Pittsburgh on Monday. "
            "Five teenagers were standing in front of the store when someone in a sedan opened fire. "
            "The teens ran into the store to take cover. "
            "The owner thought it was a robbery and called for help. "
            "That's when one of the teens, a 15-year-old boy, was grazed in the leg by a bullet.")
    event = main_event(extract(text))
    assert (event.fatalities, event.injuries) == (None, 1)
    far = text.replace("The teens ran", "The teens ran inside. They hid behind the counter. They waited")
    assert main_event(extract(far)).injuries is None  # five sentences on, a toll is no longer this event's


def test_counts_stay_with_their_own_event():
    text = ("A car bomb exploded near a checkpoint in Baidoa, killing six soldiers. "
            "Separately, gunmen shot dead two traders in Kismayo.")
    events = violent(extract(text))
    assert len(events) == 2
    by_place = {e.location: e for e in events}
    assert by_place["Baidoa"].fatalities == 6
    assert by_place["Kismayo"].fatalities == 2


# ----------------------------------------------------------------------------------------------- 8. attributions

@pytest.mark.parametrize("text, group, actor1", [
    ("A car bomb exploded in Mogadishu on Sunday. Al-Shabaab claimed responsibility for the bombing.",
     "Al-Shabaab", "Al Shabaab"),
    ("A roadside bomb exploded near a convoy in Borno on Monday. Boko Haram claimed responsibility for the attack.",
     "Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
])
def test_claim_of_responsibility_names_the_perpetrator(text, group, actor1):
    event = main_event(extract(text))
    claims = [a for a in event.attributions if a.kind == "claim of responsibility"]
    assert claims and claims[0].claimant == group
    assert group in event.perpetrators
    assert event.actor1 == actor1


@pytest.mark.parametrize("text, blamed", [
    ("Gunmen attacked a police station in Quetta on Friday. The government blamed the Pakistani Taliban for the attack.",
     "Pakistani Taliban"),
    ("A bomb exploded at a bus stop in Jerusalem on Monday. The prime minister blamed Hamas for the bombing.",
     "Hamas"),
])
def test_accusation_is_an_accuse_event_not_a_perpetrator(text, blamed):
    events = extract(text)
    accuse = only(events, plover_type="ACCUSE")
    assert accuse.event_type is None
    assert accuse.attributions[0].kind == "accusation"
    assert accuse.attributions[0].blamed == blamed
    assert accuse.attributions[0].claimant
    attack = main_event(events)
    assert any(a.kind == "accusation" and a.blamed == blamed for a in attack.attributions)
    assert blamed not in attack.perpetrators


def test_sources_attributing_the_attack_name_the_perpetrator():
    text = "Gunmen attacked a checkpoint in Mosul on Friday. Security sources attributed the attack to Islamic State."
    event = main_event(extract(text))
    assert event.actor1 == "Islamic State"
    assert "Islamic State" in event.perpetrators


@pytest.mark.parametrize("text, denier", [
    ("A bomb exploded at a market in Goma on Monday, killing six people. "
     "The M23 rebel group denied involvement in the attack.", "M23"),
    ("Gunmen attacked a police station in Quetta. The Pakistani Taliban denied any involvement in the attack.",
     "Taliban"),
])
def test_denial_does_not_make_an_actor(text, denier):
    events = violent(extract(text))
    assert any(a.kind == "denial" for e in events for a in e.attributions)
    for event in events:
        assert denier not in (event.actor1 or "")
        assert not any(denier in p for p in event.perpetrators)


def test_find_attributions_kinds():
    text = ("Al-Shabaab claimed responsibility for the attack. The government blamed Boko Haram for the bombing. "
            "The Taliban denied involvement.")
    doc = _run(text, None, PUBLISHED)
    kinds = []
    for sentence in doc.sentences:
        in_sentence = [m for m in doc.mentions if m.sentence == sentence.index and m.part == sentence.part]
        kinds += [(a.kind, a.claimant, a.blamed) for a, _ in ev.find_attributions(doc, sentence, in_sentence)]
    assert ("claim of responsibility", "Al-Shabaab", "Al-Shabaab") in kinds
    assert any(k == "accusation" and b == "Boko Haram" for k, _, b in kinds)
    assert any(k == "denial" and c == "Taliban" for k, c, _ in kinds)


# ----------------------------------------------------------------------------------------------- 9. actors

@pytest.mark.parametrize("text, actor1, inter1", [
    ("Al-Shabaab fighters attacked a military base in Baidoa on Monday.", "Al Shabaab", 2),
    ("Boko Haram fighters raided a village near Maiduguri on Saturday.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
    ("Taliban fighters ambushed a police convoy in Ghazni on Monday.", "Taliban", 2),
    ("Houthi rebels fired missiles at Marib on Thursday.", "Houthi Movement", 2),
])
def test_named_actor1(text, actor1, inter1):
    event = main_event(extract(text))
    assert (event.actor1, event.inter1) == (actor1, inter1)


@pytest.mark.parametrize("text, mention", [
    ("Gunmen shot dead four civilians in a village near Maiduguri on Tuesday.", "Gunmen"),
    ("Unidentified gunmen shot and killed two farmers in Zamfara state on Sunday.", "Unidentified gunmen"),
])
def test_generic_perpetrator_is_a_mention_and_civilians_are_actor2(text, mention):
    event = main_event(extract(text))
    assert mention in event.perpetrators
    assert event.actor1 is not None and event.actor1.startswith("Unidentified Armed Group")
    assert event.actor2 == "Civilians (Nigeria)" and event.inter2 == 7
    assert event.civilian_targeting is True
    assert event.victims


@pytest.mark.parametrize("text", [
    "Militants attacked an army checkpoint near Mosul, killing three soldiers.",
    "Taliban fighters ambushed a police convoy in Ghazni on Monday.",
    "An improvised explosive device struck a military convoy near Gao on Wednesday, wounding six soldiers.",
])
def test_soldiers_hit_by_militants_is_not_civilian_targeting(text):
    event = main_event(extract(text))
    assert event.civilian_targeting is False
    assert event.inter2 in (None, 1)


@pytest.mark.parametrize("text", [
    "A suicide bomber attacked a checkpoint in Mogadishu on Tuesday, killing five soldiers.",
    "Gunmen attacked a checkpoint in Mosul on Friday, killing three soldiers.",
])
def test_soldiers_killed_after_a_dated_clause_not_civilian_targeting(text):
    assert not any(e.civilian_targeting for e in violent(extract(text)))


def test_clash_has_two_sides():
    event = main_event(extract("Soldiers clashed with militants near Kidal on Monday, the army said."))
    assert event.actor1 and event.actor2 and event.actor1 != event.actor2


# ----------------------------------------------------------------------------------------------- 10. evidence

EVIDENCE_FIELDS = ("event_date", "time_precision", "date_text", "event_type", "sub_event_type", "plover_type",
                   "actor1", "actor2", "inter1", "inter2", "location", "admin1", "country", "latitude", "longitude",
                   "geo_precision", "fatalities", "injuries", "weapons", "targets", "perpetrators", "victims",
                   "attributions", "notes")

EVIDENCE_ARTICLES = [
    (None, "Militants fired three rockets at an army base near Kandahar on Monday, wounding two soldiers."),
    (None, "Gunmen shot dead four civilians in a village near Maiduguri on Tuesday."),
    (None, "In January, a car bomb exploded in Kabul."),
    (None, "A car bomb exploded in Mogadishu on Sunday. Al-Shabaab claimed responsibility for the bombing."),
    (None, "Houthi rebels fired missiles at Marib on Thursday. The coalition said it intercepted two of them."),
    ("Rocket attack hits Erbil airport",
     "Militants fired three rockets at the airport in Erbil on Tuesday, wounding two contractors. "
     "The attack also damaged a hangar."),
    ("Car bomb kills five in Mogadishu",
     "A car bomb exploded near a checkpoint in Mogadishu on Monday, killing five people. The blast also wounded 11 others."),
    (None, "Militants attacked an army checkpoint near Mosul, killing three soldiers."),
    (None, "Gunmen attacked a police station in Quetta on Friday. The government blamed the Pakistani Taliban for the attack."),
]


def _filled(event: Event, name: str) -> bool:
    return getattr(event, name) not in (None, [], "")


@pytest.mark.parametrize("title, text", EVIDENCE_ARTICLES)
def test_evidence_spans_are_exact(title, text):
    doc = _run(text, title, PUBLISHED)
    assert doc.events
    for event in doc.events:
        for evidence in event.evidence:
            if evidence.part == "published":
                assert evidence.text == doc.article.published.isoformat(), evidence
                continue
            source = title if evidence.part == "title" else text
            assert source[evidence.start:evidence.end] == evidence.text, evidence


@pytest.mark.parametrize("title, text", EVIDENCE_ARTICLES)
def test_evidence_sentence_holds_the_span(title, text):
    doc = _run(text, title, PUBLISHED)
    for event in doc.events:
        for evidence in (e for e in event.evidence if e.part != "published"):
            sentence = doc.sentence_of(evidence.sentence, evidence.part)
            assert sentence is not None, evidence
            assert sentence.start <= evidence.start and evidence.end <= sentence.end, evidence


@pytest.mark.parametrize("title, text", EVIDENCE_ARTICLES)
def test_every_filled_field_has_evidence(title, text):
    doc = _run(text, title, PUBLISHED)
    for event in doc.events:
        cited = {e.field for e in event.evidence}
        missing = [name for name in EVIDENCE_FIELDS if _filled(event, name) and name not in cited]
        if event.is_background:
            missing += [] if "is_background" in cited else ["is_background"]
        assert not missing, (event.sub_event_type, event.plover_type, missing)


# ----------------------------------------------------------------------------------------------- 11. ids and records

@pytest.mark.parametrize("title, text", EVIDENCE_ARTICLES)
def test_ids_are_stable_and_records_round_trip(title, text):
    first = extract(text, title=title)
    second = extract(text, title=title)
    assert first
    assert [e.event_id for e in first] == [e.event_id for e in second]
    assert len({e.event_id for e in first}) == len(first)
    for event in first:
        assert Event.from_record(event.to_record()) == event


def test_ids_differ_between_articles():
    text = "A car bomb exploded outside a hotel in Mogadishu on Sunday."
    a = sitrep.extract(text, published=PUBLISHED, article_id="one")
    b = sitrep.extract(text, published=PUBLISHED, article_id="two")
    assert a and b and a[0].event_id != b[0].event_id


def test_notes_are_an_acled_sentence():
    event = main_event(extract("Gunmen shot dead four civilians in a village near Maiduguri on Tuesday."))
    assert event.notes.startswith("On 9 May 2023, ")
    assert "Maiduguri" in event.notes and "4 killed" in event.notes
    assert ev.write_notes(event) == event.notes


def test_notes_for_undated_and_month_precision():
    undated = Event(event_id="x", article_id="a", sub_event_type="Attack")
    assert ev.write_notes(undated).startswith("On an unknown date, ")
    month = Event(event_id="x", article_id="a", event_date=dt.date(2023, 1, 1), time_precision=3,
                  sub_event_type="Attack", fatalities=0)
    assert ev.write_notes(month).startswith("In January 2023, ")
    assert "0 killed" in ev.write_notes(month)
    accuse = Event(event_id="x", article_id="a", event_date=dt.date(2023, 5, 10), time_precision=1,
                   plover_type="ACCUSE",
                   attributions=[Attribution(claimant="The army", blamed="Hamas", kind="accusation", text="...")])
    assert ev.write_notes(accuse) == "On 10 May 2023, The army blamed Hamas."


# ----------------------------------------------------------------------------------------------- 12. weapons

GTD_CLASS = {
    "suicide vest": "Explosives", "car bomb": "Explosives", "IED": "Explosives", "landmine": "Explosives",
    "rocket": "Explosives", "mortar": "Explosives", "artillery": "Explosives", "missile": "Explosives",
    "airstrike": "Explosives", "drone": "Explosives", "grenade": "Explosives", "bomb": "Explosives",
    "dynamite": "Explosives", "explosives": "Explosives",
    "small arms": "Firearms", "knife": "Melee", "blunt object": "Melee", "strangling": "Melee",
    "arson": "Incendiary", "chemical": "Chemical", "vehicle": "Vehicle",
}


def test_every_normalised_weapon_has_a_gtd_class():
    assert set(load_yaml("weapons.yaml")["weapons"]) == set(GTD_CLASS)


@pytest.mark.parametrize("text, weapon", [
    ("A roadside bomb exploded near a police patrol in Kirkuk on Monday.", "IED"),
    ("A car bomb exploded outside a hotel in Mogadishu on Sunday.", "car bomb"),
    ("Militants fired three rockets at an army base near Kandahar on Monday.", "rocket"),
    ("Mortar shells landed on a crowded market in Mogadishu on Tuesday afternoon.", "mortar"),
    ("Gunmen shot dead three villagers near Bunia on Wednesday.", "small arms"),
    ("An assailant stabbed two worshippers with a knife outside a synagogue in Djerba on Tuesday.", "knife"),
    ("Rioters torched a police station in Dhaka on Monday.", "arson"),
    ("A landmine exploded under a minibus near Kismayo on Thursday.", "landmine"),
    ("A drone strike killed three militants in North Waziristan on Sunday.", "drone"),
    ("A man rammed his car into a crowd at a bus stop in Nice on Monday, injuring nine people.", "vehicle"),
    ("Gunmen strangled a village chief in Kasai on Friday.", "strangling"),
])
def test_weapons_are_normalised(text, weapon):
    events = extract(text)
    found = {w for e in events for w in e.weapons}
    assert weapon in found
    assert found <= set(GTD_CLASS)


# Arms seized, captured or handed over are not the weapons of the event the sentence tells.
def test_a_list_of_confiscated_arms_opens_no_event():
    events = extract("Troops confiscated 13 rifles, a mortar and two grenades during a search in Zamora on Monday.")
    assert [e.weapons for e in events if e.weapons] == []
    assert violent(events) == []


def test_arms_captured_in_an_ambush_are_not_its_weapons():
    event = main_event(extract("Rebels ambushed an army patrol near Gao on Monday, killing two soldiers, and "
                               "captured two rifles and a rocket launcher."))
    assert event.weapons == []


def test_arms_recovered_after_a_shooting_leave_the_shooting_its_own_weapon():
    event = main_event(extract("Gunmen opened fire on a bus in Kano on Monday, killing three people; two rifles "
                               "were later recovered."))
    assert event.weapons == ["small arms"]
    assert [e.text for e in event.evidence if e.field == "weapons"] == ["Gunmen"]


def seized_words(text: str) -> list[str]:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    found = ev.seized_arms(sentence, sentence_mentions(sentence, all_caps=is_all_caps(text)))
    return [m.text for m in found if m.label == WEAPON]


@pytest.mark.parametrize("text, seized", [
    ("Police seized a pistol from a trafficker, who fired three shots at the officers.", ["pistol"]),
    ("THE ARMY CAPTURED 46 M-16 RIFLES, 2 MACHINEGUNS AND 13 ROCKET LAUNCHERS.", ["RIFLES", "ROCKET"]),
    ("Two pistols and a shotgun were seized at the house.", ["pistols", "shotgun"]),
    ("Troops found a cache of mortars in the forest.", ["mortars"]),
    # Arms the text says were used, a person captured, a list that belongs to a later clause: nothing seized.
    ("The prisoners seized 90 carbines from the armory, which they used to attack the guards.", []),
    ("Villagers captured him after he planted a bomb in the market.", []),
    ("Based on shell casings recovered, more than one gun was fired.", []),
    ("Rebels captured the town after firing rockets at the base.", []),
])
def test_seized_arms(text, seized):
    assert seized_words(text) == seized
