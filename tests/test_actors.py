"""The actor dictionary (sitrep/data/actors.yaml via sitrep.actors): every entry valid, names unambiguous,
lookups that the recogniser and the GTD scorer rely on."""
from __future__ import annotations

import json
import re

import pycountry
import pytest

from sitrep.actors import (
    ActorDataError,
    ActorEntry,
    acled_name,
    build_dictionary,
    load_actors,
    normalise,
)
from sitrep.countries import country_name


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def _check_entry(entry: ActorEntry) -> None:
    assert entry.name.strip(), entry
    assert 1 <= entry.inter <= 8, entry.name
    assert entry.sector, entry.name
    assert entry.country is None or pycountry.countries.get(alpha_3=entry.country), entry.name
    assert all(a.strip() for a in entry.aliases), entry.name
    assert set(entry.case_sensitive) <= set(entry.aliases), entry.name


def test_sections_have_their_minimum_size(actors):
    counts = {kind: len(actors.section(kind)) for kind in ("group", "state_force", "external", "generic", "civilian")}
    assert counts["group"] >= 200, counts
    assert all(n > 0 for n in counts.values()), counts


def test_groups_are_valid(actors):
    groups = actors.section("group")
    for entry in groups:
        _check_entry(entry)
        assert entry.inter in (2, 3, 4, 1), entry.name  # rebels, militias; PMF is state forces
        assert entry.aliases, f"{entry.name} has no alias"
    assert {e.country for e in groups} >= {"IRQ", "SYR", "AFG", "PAK", "IND", "NGA", "SOM", "COD", "MOZ", "PHL",
                                           "THA", "SLV", "PER", "COL", "GTM", "ESP", "GBR", "TUR", "PSE", "YEM",
                                           "MLI", "MMR", "USA"}


def test_state_forces_are_templates_or_national(actors):
    entries = actors.section("state_force")
    for entry in entries:
        _check_entry(entry)
        assert entry.inter == 1
        assert entry.is_template or entry.country, entry.name
    military = actors.lookup("soldiers")
    assert military.name == "Military Forces of {country}"
    assert acled_name(military, "Iraq") == "Military Forces of Iraq"
    assert acled_name(actors.lookup("policemen"), "Colombia") == "Police Forces of Colombia"
    for word in ("troops", "army", "armed forces", "security forces", "air force", "navy", "national guard",
                 "presidential guard", "coast guard", "border guards", "counter-terrorism service", "military"):
        assert actors.lookup(word) is military, word
    assert actors.lookup("gendarmerie").name == "Police Forces of {country}"
    entry, iso3 = actors.lookup_with_country("Iraqi soldiers")
    assert (entry, iso3) == (military, "IRQ")
    assert acled_name(entry, country_name(iso3)) == "Military Forces of Iraq"
    assert actors.lookup_with_country("Military Forces of Iraq") == (military, "IRQ")
    assert acled_name(actors.lookup("IDF")) == "Military Forces of Israel"


def test_external_forces(actors):
    for entry in actors.section("external"):
        _check_entry(entry)
        assert entry.inter == 8, entry.name
    assert actors.lookup("US-led coalition") is actors.lookup("Operation Inherent Resolve")
    for name in ("MINUSMA", "MONUSCO", "UNIFIL", "AMISOM", "ATMIS", "ISAF", "Resolute Support", "NATO", "Wagner Group"):
        assert actors.lookup(name) is not None and actors.lookup(name).kind == "external", name
    assert acled_name(actors.lookup("Barkhane")) == "Military Forces of France"


def test_generic_perpetrators_fill_the_country(actors):
    for entry in actors.section("generic"):
        _check_entry(entry)
        assert entry.generic and entry.kind == "generic"
        assert "{country}" in (entry.acled or ""), entry.name
    gunmen = actors.lookup("unidentified gunmen")
    assert gunmen.generic and gunmen.inter == 3
    assert acled_name(gunmen, "Iraq") == "Unidentified Armed Group (Iraq)"
    assert acled_name(gunmen, None) == "Unidentified Armed Group"
    militia = actors.lookup("Iranian-backed militias")
    assert militia.generic and acled_name(militia, "Iraq") == "Unidentified Armed Group (Iraq)"
    palestinian = actors.lookup("Palestinian extremists")
    assert acled_name(palestinian, "Israel") == "Unidentified Armed Group (Palestine)"  # home country wins
    for word in ("militants", "unknown attackers", "armed men", "insurgents", "terrorists", "rebels", "guerrillas",
                 "suicide bomber", "Shiite militias", "jihadists"):
        assert actors.lookup(word) is not None and actors.lookup(word).generic, word


def test_civilian_categories_fill_the_country(actors):
    for entry in actors.section("civilian"):
        _check_entry(entry)
        assert entry.inter in (5, 6, 7) and entry.is_template, entry.name
    civilians = actors.lookup("civilians")
    assert civilians.inter == 7 and acled_name(civilians, "Iraq") == "Civilians (Iraq)"
    contractors = actors.lookup("two contractors")
    assert contractors.inter == 7 and acled_name(contractors, "Iraq") == "Civilians (Iraq)"
    assert contractors.name == "Contractors ({country})"
    for word in ("journalists", "aid workers", "children", "students", "worshippers", "farmers", "teachers",
                 "doctors", "shoppers", "passengers", "villagers", "peasants", "market-goers", "pilgrims",
                 "refugees", "displaced persons"):
        assert actors.lookup(word) is not None and actors.lookup(word).inter == 7, word
    assert actors.lookup("protesters").inter == 6
    assert acled_name(actors.lookup("demonstrators"), "Chile") == "Protesters (Chile)"
    assert actors.lookup("rioters").inter == 5


def test_no_alias_names_two_entries(actors):
    """The loader refuses collisions; this restates the rule over the data and shows the error it raises."""
    seen: dict[str, str] = {}
    for entry in actors:
        cs = set(entry.case_sensitive)
        for text in (entry.name, *entry.aliases):
            if text in cs or "{country}" in text:
                continue
            key = normalise(text)
            assert seen.setdefault(key, entry.name) == entry.name, f"{text!r}: {seen[key]!r} and {entry.name!r}"
    bad = {"groups": [
        {"name": "A", "aliases": ["Front X"], "inter": 2, "country": None, "sector": "REB"},
        {"name": "B", "aliases": ["front-x"], "inter": 2, "country": None, "sector": "REB"},
    ]}
    with pytest.raises(ActorDataError, match="front-x"):
        build_dictionary(bad)


@pytest.mark.parametrize("row, message", [
    ({"name": "X", "aliases": [], "inter": 9, "country": None, "sector": "REB"}, "inter"),
    ({"name": "X", "aliases": [], "inter": 2, "country": "XXX", "sector": "REB"}, "alpha-3"),
    ({"name": "X", "aliases": [], "inter": 2, "sector": "REB"}, "country"),
    ({"name": "X", "aliases": ["x"], "inter": 2, "country": None, "sector": "REB", "case_sensitive": ["Y"]},
     "case_sensitive"),
    ({"name": "X", "aliases": [], "inter": 2, "country": None, "sector": "NOPE"}, "sector"),
])
def test_a_bad_entry_is_named_in_the_error(row, message):
    with pytest.raises(ActorDataError, match=rf"groups\[0\] \('X'\).*{message}"):
        build_dictionary({"groups": [row]})


@pytest.mark.parametrize("spellings", [
    ["ISIS", "ISIL", "Daesh", "Islamic State", "Islamic State of Iraq and the Levant", "IS"],
    ["Hashd al-Shaabi", "al-Hashd al-Shaabi", "PMF", "Popular Mobilization Forces", "Popular Mobilisation Units"],
    ["Ansar Allah", "Ansarallah", "Houthis", "Houthi rebels", "Huthis"],
    ["FMLN", "the FMLN", "Farabundo Marti National Liberation Front", "Farabundo Martí National Liberation Front",
     "Farabundo Marti National Liberation Front (FMLN)"],
    ["Sendero Luminoso", "Shining Path", "the Shining Path"],
    ["Al-Shabaab", "al Shabab", "Shabaab", "Harakat al-Shabaab al-Mujahideen"],
    ["Kataib Hezbollah", "Kata'ib Hizballah", "Kata’ib Hezbollah", "KH"],
    ["Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "TTP", "Pakistani Taliban"],
    ["al-Qaida in Iraq", "Al Qaeda in Iraq", "AQI"],
    ["Hamas", "Islamic Resistance Movement", "Hamas (Islamic Resistance Movement)"],
    ["The Extraditables", "extraditables", "Los Extraditables"],
])
def test_lookup_spellings(actors, spellings):
    found = {s: actors.lookup(s) for s in spellings}
    assert None not in found.values(), found
    assert len({e.name for e in found.values()}) == 1, {s: e.name for s, e in found.items()}


def test_case_sensitive_aliases(actors):
    assert actors.lookup("IS").name == "Islamic State"
    assert actors.lookup("is") is None and actors.lookup("Is") is None
    assert actors.lookup("IS fighters").name == "Islamic State"
    assert actors.lookup("IS", all_caps=True) is None  # ALL-CAPS text cannot tell IS from "is"
    assert actors.lookup("FMLN", all_caps=True).name.startswith("FMLN")
    assert actors.lookup("THE FARABUNDO MARTI NATIONAL LIBERATION FRONT", all_caps=True).name.startswith("FMLN")
    assert actors.lookup("LeT").name.startswith("LeT") and actors.lookup("let") is None
    assert actors.lookup("eta") is None and actors.lookup("ETA").name.startswith("ETA")
    assert actors.lookup("ELN").name.startswith("ELN")  # not an English word: matches in any case
    phrases = list(actors.phrases())
    assert ("IS", actors.lookup("ISIS"), True) in phrases
    assert all(isinstance(p, str) and p and isinstance(flag, bool) for p, _, flag in phrases)


def test_fuzzy_lookup_only_for_long_near_misses(actors):
    assert actors.fuzzy_lookup("Tupac Amary Revolutionary Movement").name.startswith("MRTA")
    assert actors.fuzzy_lookup("Farabundo Marti National Liberacion Front").name.startswith("FMLN")
    assert actors.fuzzy_lookup("ISIX") is None  # short strings never fuzzy-match
    assert actors.fuzzy_lookup("Ministry of Agriculture") is None


def test_normalise():
    assert normalise("al-Shabaab") == normalise("Al Shabab") == "shabaab"
    assert normalise("Lashkar-e-Taiba") == normalise("Lashkar-i-Taiba")
    assert normalise("U.S.-led coalition") == normalise("US-led coalition")
    assert normalise("Kata’ib Hizballah") == normalise("Kataib Hezbollah")


def test_gtd_gname_coverage(actors, shared_dir):
    """Share of GTD dev rows whose non-Unknown gname (or the part in parentheses) the dictionary resolves."""
    rows = [json.loads(line) for line in (shared_dir / "dev" / "gtd_dev" / "gold.jsonl").open(encoding="utf-8")
            if line.strip()]
    named = [r["gname"] for r in rows if r.get("gname") and r["gname"].strip().lower() != "unknown"]
    missed = [g for g in named if not any(actors.lookup(p) for p in [g, *re.findall(r"\((.*?)\)", g)])]
    share = 1 - len(missed) / len(named)
    print(f"GTD dev gname coverage: {share:.3f} of {len(named)} named rows; missed: {sorted(set(missed))}")
    assert share >= 0.8, sorted(set(missed))
