"""The outlet's home read off an article's address: the outlet list (`data/outlets.csv`, one test per scope), a city
named in the host, the country-code domain, and the errors of a malformed list."""
from __future__ import annotations

import pytest

from sitrep import gazetteer as gazetteer_module, ingest, outlets


@pytest.fixture(scope="module")
def gazetteer() -> gazetteer_module.Gazetteer:
    return gazetteer_module.Gazetteer.load()


@pytest.mark.parametrize("url, host", [
    ("https://www.ktla.com/news/local/1", "ktla.com"),
    ("http://web.archive.org/web/20160616231247/http://ktla.com:80/2014/01/14/x/", "ktla.com"),
    ("http://web.archive.org/web/20160616231247id_/https://www.chicagotribune.com/a", "chicagotribune.com"),
    ("chicago.suntimes.com/crime/1", "chicago.suntimes.com"),
    ("", None),
    (None, None),
    ("not a web address", None),
])
def test_the_host_of_an_address_and_of_an_archived_copy(url, host):
    assert ingest.host_of(url) == host


def test_every_row_of_the_outlet_list_loads_with_its_fields():
    table = outlets.outlets()
    assert len(table) > 1000
    for domain, outlet in table.items():
        assert domain == outlet.domain and outlet.scope in outlets.SCOPES and len(outlet.country) == 2
        assert (outlet.place is not None and outlet.admin1 is not None) == (outlet.scope == "local"), domain


def test_every_local_outlets_region_is_in_the_gazetteer_and_nearly_every_town(gazetteer):
    no_region, no_town = outlets.check_outlets(gazetteer)
    local = sum(outlet.scope == "local" for outlet in outlets.outlets().values())
    assert no_region == []
    assert len(no_town) <= local // 100, no_town


def test_a_local_outlet_gives_its_markets_region_and_town(gazetteer):
    home = outlets.outlet_home("https://www.kmbc.com/article/1", gazetteer)
    assert (home.country, home.admin1_code, home.place.name, home.via) == ("US", "MO", "Kansas City", "outlet list")


def test_a_subdomain_finds_the_outlet_listed_for_its_parent(gazetteer):
    listed = {domain for domain in outlets.outlets() if domain.count(".") == 1}
    assert "suntimes.com" in listed
    home = outlets.outlet_home("https://homicides.suntimes.com/2017/03/31/x", gazetteer)
    assert home.admin1_code == "IL"


def test_a_national_outlet_gives_its_country_only(gazetteer):
    home = outlets.outlet_home("https://www.premiumtimesng.com/news/1.html", gazetteer)
    assert (home.country, home.admin1_code, home.place) == ("NG", None, None)


def test_an_international_outlet_gives_no_home(gazetteer):
    assert outlets.outlet_home("https://www.reuters.com/world/x", gazetteer) is None


def test_a_big_city_spelled_in_the_host_gives_its_region(gazetteer):
    home = outlets.outlet_home("https://www.toledoeveningchronicle.com/local/1", gazetteer)
    assert (home.country, home.admin1_code, home.via) == ("US", "OH", "city in host name")


@pytest.mark.parametrize("url, country", [
    ("https://www.example.com.ng/x", "NG"),
    ("https://www.example.co.uk/x", "GB"),
    ("https://news.example.gov.ly/x", "LY"),  # a vanity code under a country's own second level is the country
])
def test_the_country_code_domain_gives_the_country(gazetteer, url, country):
    home = outlets.outlet_home(url, gazetteer)
    assert (home.country, home.via) == (country, "country domain")


@pytest.mark.parametrize("url", ["https://example.tv/x", "https://example.fm/x", "https://example.com/x"])
def test_a_vanity_or_generic_domain_gives_no_home(gazetteer, url):
    assert outlets.outlet_home(url, gazetteer) is None


@pytest.mark.parametrize("row, problem", [
    ("www.example.com,local,Denver,Colorado,US,x", "bare lowercase host name"),
    ("example.com,regional,Denver,Colorado,US,x", "scope must be one of"),
    ("example.com,local,Denver,Colorado,USA,x", "ISO 3166-1 alpha-2"),
    ("example.com,local,,Colorado,US,x", "a local outlet names its place and admin1"),
    ("example.com,national,Denver,Colorado,US,x", "a local outlet names its place and admin1"),
])
def test_a_malformed_row_is_an_error_naming_it(tmp_path, row, problem):
    path = tmp_path / "outlets.csv"
    path.write_text(f"# a comment\ndomain,scope,place,admin1,country,note\nok.com,national,,,US,x\n{row}\n",
                    encoding="utf-8")
    with pytest.raises(outlets.OutletDataError, match=rf"outlets\.csv, row 3 .*{problem}"):
        outlets.read_outlets(path)


def test_a_domain_listed_twice_is_an_error(tmp_path):
    path = tmp_path / "outlets.csv"
    path.write_text("domain,scope,place,admin1,country,note\nok.com,national,,,US,x\nok.com,national,,,GB,y\n",
                    encoding="utf-8")
    with pytest.raises(outlets.OutletDataError, match="row 3 .*listed twice"):
        outlets.read_outlets(path)


@pytest.mark.parametrize("url, country, region", [
    ("https://www.dnainfo.com/chicago/20150816/austin/x", "US", "IL"),
    ("https://patch.com/new-jersey/newarknj/x", "US", "NJ"),
    ("https://www.reuters.com/world/india/x", "IN", None),
])
def test_a_section_of_the_address_gives_a_national_or_world_outlets_local_home(gazetteer, url, country, region):
    home = outlets.outlet_home(url, gazetteer)
    assert (home.country, home.admin1_code, home.via) == (country, region, "section of the address")


def test_a_local_outlets_own_market_wins_over_a_section_of_its_address(gazetteer):
    assert outlets.outlet_home("https://www.kmbc.com/texas/x", gazetteer).admin1_code == "MO"
