"""One test per entry type of data/countries.yaml, and the API both the actor dictionary and the gazetteer use."""
import pycountry
import pytest

from sitrep import countries
from sitrep.countries import (country_aliases, country_demonyms, country_name, demonym_country, demonyms,
                              load_countries)
from sitrep.knowledge import load_yaml


def test_every_country_key_is_an_iso3_code_with_known_fields():
    raw = load_yaml(countries.DATA_FILE)
    assert set(raw) == {"countries", "not_countries"}
    for iso3, fields in raw["countries"].items():
        assert pycountry.countries.get(alpha_3=iso3) is not None, iso3
        assert fields and set(fields) <= {"acled", "names", "demonyms", "centre"}, iso3
    assert list(raw["countries"]) == sorted(raw["countries"]), "keep the countries in ISO3 order"


def test_a_centre_is_a_point_and_a_bad_one_is_an_error_naming_the_file(monkeypatch):
    assert load_countries().entries["USA"].centre == (39.83, -98.58)
    assert all(e.centre is None or (-90 <= e.centre[0] <= 90 and -180 <= e.centre[1] <= 180)
               for e in load_countries().entries.values())
    monkeypatch.setattr(countries, "load_yaml", lambda _: {"countries": {"USA": {"centre": [120, 5]}}})
    load_countries.cache_clear()
    try:
        with pytest.raises(countries.CountryDataError, match=r"countries.yaml: USA.centre must be \[latitude"):
            load_countries()
    finally:
        monkeypatch.undo()
        load_countries.cache_clear()


def test_every_acled_name_is_what_country_name_returns():
    for iso3, entry in load_countries().entries.items():
        if entry.acled:
            assert entry.acled.strip() == entry.acled and country_name(iso3) == entry.acled, iso3
    assert country_name("COD") == "Democratic Republic of Congo"
    assert country_name("IRQ") == "Iraq"  # no entry: pycountry's name
    with pytest.raises(KeyError):
        country_name("XXX")


def test_every_demonym_maps_to_its_one_country():
    owners: dict[str, set[str]] = {}
    for iso3, entry in load_countries().entries.items():
        for demonym in entry.demonyms:
            owners.setdefault(countries._normalise(demonym), set()).add(iso3)
            assert demonym_country(demonym) == iso3, demonym
            assert country_demonyms()[demonym] == iso3, demonym
    assert all(len(isos) == 1 for isos in owners.values()), {k: v for k, v in owners.items() if len(v) > 1}


def test_every_name_maps_to_its_one_country():
    owners: dict[str, set[str]] = {}
    for iso3, entry in load_countries().entries.items():
        for name in entry.names:
            owners.setdefault(countries._normalise(name), set()).add(iso3)
            assert demonym_country(name) == iso3, name
            assert country_aliases()[name] == iso3, name
    assert all(len(isos) == 1 for isos in owners.values()), {k: v for k, v in owners.items() if len(v) > 1}


def test_no_word_is_both_a_country_and_not_a_country():
    data = load_countries()
    given = {countries._normalise(w) for e in data.entries.values() for w in (*e.names, *e.demonyms)}
    for word in data.not_countries:
        assert countries._normalise(word) not in given, word
        assert demonym_country(word) is None, word
        assert word not in country_demonyms(), word


def test_demonym_table_mixes_registry_and_data_file():
    table = demonyms()
    assert table["iraqi"] == "IRQ" and table["iraq"] == "IRQ"  # countryinfo demonym, pycountry name
    assert demonym_country("Salvadoran") == "SLV" and demonym_country("Salvadorean") == "SLV"
    assert demonym_country("American") == "USA"  # countryinfo gives it to the Northern Mariana Islands too
    assert demonym_country("Norwegian") == "NOR" and demonym_country("Chinese") == "CHN"  # the most populous
    assert demonym_country("U.S.") == "USA" and demonym_country("Kurdish") is None
    # the gazetteer's table holds demonyms only, never plain country names
    assert "Iraq" not in country_demonyms() and country_demonyms()["Iraqi"] == "IRQ"
    assert len(set(map(countries._normalise, country_demonyms()))) == len(country_demonyms())


def test_a_word_given_to_two_countries_is_refused(monkeypatch):
    load_countries.cache_clear()
    monkeypatch.setattr(countries, "load_yaml", lambda name: {
        "countries": {"IRQ": {"demonyms": ["Iraqi"]}, "SYR": {"names": ["iraqi"]}}})
    try:
        with pytest.raises(countries.CountryDataError, match="both IRQ and SYR"):
            load_countries()
        monkeypatch.setattr(countries, "load_yaml", lambda name: {"countries": {"XYZ": {"acled": "X"}}})
        with pytest.raises(countries.CountryDataError, match="XYZ"):
            load_countries()
    finally:
        load_countries.cache_clear()
