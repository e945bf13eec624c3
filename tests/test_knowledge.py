"""One test per knowledge-file entry type: every entry loads and has what the code needs."""
import spacy

from sitrep.knowledge import load_yaml

ACLED_SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_every_sub_event_type_is_spelled_as_acled_spells_it():
    types = load_yaml("event_types.yaml")["sub_event_types"]
    for name, facts in types.items():
        assert name in ACLED_SUB_EVENTS[facts["event_type"]], name
        assert facts["plover"] in PLOVER, name
        assert facts["phrase"].strip(), name


def test_every_trigger_kind_maps_to_an_event_and_has_words():
    triggers = load_yaml("triggers.yaml")
    from sitrep.events import KIND_PRIORITY

    assert set(triggers["kinds"]) == set(KIND_PRIORITY)
    for kind, words in triggers["kinds"].items():
        assert words and all(isinstance(w, str) and w.strip() == w for w in words), kind
    all_words = {w for words in triggers["kinds"].values() for w in words}
    assert set(triggers["weak"]) <= all_words
    assert set(triggers["toll_verbs"]) <= all_words and set(triggers["acts"]) <= all_words
    assert set(triggers["crowd_nouns"]) <= set(triggers["kinds"]["protest"])
    assert set(triggers["territory_needs_place"]) <= set(triggers["kinds"]["territory_taken"])
    for key in ("unreal_cues", "habitual_cues", "anaphors", "new_event_cues", "background_cues", "verb_or_noun",
                "reporting_sources", "intervention_cues", "crowd_nouns", "territory_needs_place"):
        assert triggers[key] and all(isinstance(w, str) for w in triggers[key]), key


def test_every_weapon_maps_onto_a_gtd_weapon_class():
    import re

    # The GTD classes the scorer uses; a weapon that maps to none cannot be compared with GTD.
    gtd_patterns = [
        (r"molotov|petrol bomb|fire ?bomb|incendiar|arson|gasoline|set (on )?fire|torch|burn|napalm", "Incendiary"),
        (r"chemical|chlorine|sarin|mustard gas|acid|poison|toxic|nerve agent|tear gas", "Chemical"),
        (r"bomb|\bied|explos|grenade|mine\b|rocket|mortar|missile|shell|artillery|\brpg|dynamite|\btnt\b|"
         r"air ?strike|drone|suicide (vest|belt)|detonat|blast|projectile|\buav\b", "Explosives"),
        (r"gun|rifle|pistol|firearm|ak-?47|kalashnikov|small arms|sniper|revolver|bullet|shoot|shot|"
         r"automatic weapon|\bm-?16\b|carbine", "Firearms"),
        (r"knife|knives|machete|\baxe|hatchet|sword|blade|stab|blunt|club|hammer|stone|\brocks?\b|beat|\bbat\b|"
         r"strangl|bare hands|fists?\b|melee", "Melee"),
        (r"vehicle|\bcar\b|truck|ramming|run over|bulldozer", "Vehicle"),
    ]
    weapons = load_yaml("weapons.yaml")["weapons"]
    nlp = spacy.blank("en")
    for weapon, words in weapons.items():
        assert any(re.search(p, weapon.lower()) for p, _ in gtd_patterns), weapon
        assert words and all(len(nlp.make_doc(w)) >= 1 for w in words), weapon
    modes = load_yaml("weapons.yaml")["plover_modes"]
    assert set(modes) <= set(weapons) and all(isinstance(mode, str) and mode for mode in modes.values())


def test_every_country_of_the_region_table_is_a_real_iso3_code_once():
    import pycountry

    regions = load_yaml("acled_regions.yaml")["regions"]
    seen = [code for codes in regions.values() for code in codes]
    assert len(seen) == len(set(seen))
    unknown = [c for c in seen if c != "XKX" and pycountry.countries.get(alpha_3=c) is None]
    assert not unknown


def test_every_given_name_is_one_capitalised_word_listed_once():
    from sitrep.knowledge import given_names, load_csv

    rows = [row["name"] for row in load_csv("given_names.csv")]
    assert len(rows) == len({name.lower() for name in rows}) == len(given_names())
    assert all(name.isalpha() and name[0].isupper() for name in rows)
