"""Where the outlet that published an article is based, read off its web address: GDELT's source-country signal,
made finer for local news ("Columbia" in a story of a Kansas City station is Columbia, Missouri).

A cascade; the first step that answers wins:
1. a local outlet of the outlet list `data/outlets.csv`: the host or the nearest parent domain listed there
   ("chicago.suntimes.com" finds "suntimes.com") gives its market's town and region;
2. a section of the address naming a US state, a big city or a country ("dnainfo.com/chicago/...",
   "patch.com/illinois/..."); else a listed national outlet gives its country, an international one (wire
   services, world broadcasters) nothing;
3. a big city spelled inside a label of the host ("chicagotribune.com", "nbcmiami.com", "winnipeg.ctvnews.ca");
4. the country-code top-level domain (".ng", ".co.uk"), the ones sold worldwide as vanity names (".tv", ".fm") aside.

The home is a prior for resolving the names the text uses, never a place of the story: no field takes its value
from the address.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from .gazetteer import Gazetteer, Place, name_keys
from .ingest import ARCHIVE_PREFIX, host_of
from .knowledge import data_path

OUTLETS_FILE = "outlets.csv"
SCOPES = ("local", "national", "international")
# A city named inside a host: US cities of this size, and elsewhere cities of a million (a smaller town's name is
# too often an ordinary word: "metro", "mercury").
US_CITY_POPULATION = 100_000
WORLD_CITY_POPULATION = 1_000_000
_MIN_CITY_KEY = 5
# Country codes sold worldwide as generic names; ".us" and ".uk" are the countries they say.
_VANITY_TLDS = frozenset({"tv", "fm", "io", "co", "me", "ly", "ai", "am", "cc", "ws", "to", "gg", "la", "nu", "tk",
                          "ag", "sh", "ac", "vc", "gl", "im", "st"})
# Under a country's own second level (".com.co", ".gov.ly") even a vanity code is the country.
_SECOND_LEVELS = frozenset({"com", "co", "org", "net", "gov", "edu", "ac", "info", "news"})
_TLD_COUNTRY = {"uk": "GB"}


class OutletDataError(ValueError):
    """`data/outlets.csv` holds a row sitrep cannot use; the message names the row."""


@dataclass(frozen=True)
class Outlet:
    domain: str
    scope: str
    place: str | None
    admin1: str | None
    country: str
    note: str


_COLUMNS = tuple(f.name for f in fields(Outlet))


@dataclass(frozen=True)
class OutletHome:
    """The home of an article's outlet: its country, and for local news its region and town."""

    country: str  # ISO 3166-1 alpha-2
    admin1_code: str | None = None
    place: Place | None = None
    via: str = ""  # which step of the cascade found it


@functools.cache
def outlets() -> dict[str, Outlet]:
    """sitrep's outlet list by domain."""
    return read_outlets(data_path(OUTLETS_FILE))


def read_outlets(path: Path) -> dict[str, Outlet]:
    """An outlet list by domain; a malformed row is an `OutletDataError` naming it."""
    table: dict[str, Outlet] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    for number, row in enumerate(rows, start=2):
        outlet = Outlet(*((row.get(column) or "").strip() for column in _COLUMNS))
        problem = _row_problem(outlet, table)
        if problem:
            raise OutletDataError(f"{path}, row {number} ({outlet.domain or 'no domain'}): {problem}")
        table[outlet.domain] = Outlet(outlet.domain, outlet.scope, outlet.place or None, outlet.admin1 or None,
                                      outlet.country, outlet.note)
    return table


def _row_problem(outlet: Outlet, known: dict[str, Outlet]) -> str | None:
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", outlet.domain) or outlet.domain.startswith("www."):
        return "the domain must be a bare lowercase host name"
    if outlet.domain in known:
        return "listed twice"
    if outlet.scope not in SCOPES:
        return f"scope must be one of {', '.join(SCOPES)}"
    if not re.fullmatch(r"[A-Z]{2}", outlet.country):
        return "country must be an ISO 3166-1 alpha-2 code"
    if (outlet.scope == "local") != bool(outlet.place and outlet.admin1):
        return "a local outlet names its place and admin1; a national or international one neither"
    return None


def outlet_home(url: str | None, gazetteer: Gazetteer) -> OutletHome | None:
    """Where the outlet at `url` is based, or None where the address says nothing (or names a world outlet)."""
    host = host_of(url)
    if host is None:
        return None
    listed = _listed(host)
    if listed is not None and listed.scope == "local":
        return _home_of_listed(listed, gazetteer)
    in_path = _place_in_path(url or "", gazetteer)
    if in_path is not None:
        return in_path
    if listed is not None:
        return _home_of_listed(listed, gazetteer)
    return _city_in_host(host, gazetteer) or _country_domain(host, gazetteer)


def _place_in_path(url: str, gazetteer: Gazetteer) -> OutletHome | None:
    """A national or world outlet's local section: "dnainfo.com/chicago/...", "patch.com/illinois/...",
    "reuters.com/world/india/..."."""
    path = urlsplit(ARCHIVE_PREFIX.sub("", url.strip())).path
    sections = [part.replace("-", " ") for part in path.split("/") if part][:2]
    keys = [name_keys(section)[0] for section in sections if re.fullmatch(r"[a-z ]{4,}", section)]
    hits = gazetteer.lookup(keys)
    for key in keys:
        for hit in hits.get(key, []):
            place = hit.place
            if hit.kind != "name" and not place.is_country:
                continue
            if place.is_country:
                return OutletHome(place.country_code, via="section of the address")
            if place.feature_code == "ADM1" and place.country_code == "US" or _is_big_city(place):
                return OutletHome(place.country_code, place.admin1_code, place if _is_big_city(place) else None,
                                  via="section of the address")
    return None


def _listed(host: str) -> Outlet | None:
    labels = host.split(".")
    table = outlets()
    for first in range(len(labels) - 1):
        outlet = table.get(".".join(labels[first:]))
        if outlet is not None:
            return outlet
    return None


# An outlet publishes many articles: its home is looked up in the gazetteer once.
@functools.lru_cache(maxsize=4096)
def _home_of_listed(outlet: Outlet, gazetteer: Gazetteer) -> OutletHome | None:
    if outlet.scope == "international":
        return None
    if outlet.scope == "national":
        return OutletHome(outlet.country, via="outlet list")
    town = _town(outlet.place or "", outlet.admin1 or "", outlet.country, gazetteer)
    if town is not None:  # the town's own region code: ISO's and GeoNames' codes of one region can differ
        return OutletHome(outlet.country, town.admin1_code, town, via="outlet list")
    region = _region(outlet.admin1 or "", outlet.country, gazetteer)
    # A region the gazetteer lacks leaves the country; `check_outlets` (and its test) reports the row.
    return OutletHome(outlet.country, region.admin1_code if region else None, via="outlet list")


def _region(name: str, country: str, gazetteer: Gazetteer) -> Place | None:
    """The region of that name: the one whose own name it is ("Washington" is the state, not D.C.)."""
    key = name_keys(name)[0]
    regions = [h for h in gazetteer.lookup([key]).get(key, [])
               if h.place.country_code == country and h.place.feature_code == "ADM1"]
    return max(regions, key=lambda h: (name_keys(h.place.name)[0] == key, h.kind == "name")).place if regions else None


def _town(name: str, region: str, country: str, gazetteer: Gazetteer) -> Place | None:
    """The town of that name in the region (by the region's name): the one whose own name it is, then the most
    populous."""
    key, region_key = name_keys(name)[0], name_keys(region)[0]
    towns = [h for h in gazetteer.lookup([key]).get(key, [])
             if h.place.country_code == country and h.place.feature_code.startswith("PPL")
             and name_keys(h.place.admin1 or "")[0] == region_key]
    return max(towns, key=lambda h: (name_keys(h.place.name)[0] == key, h.kind == "name",
                                     h.place.population)).place if towns else None


@functools.lru_cache(maxsize=4096)
def _city_in_host(host: str, gazetteer: Gazetteer) -> OutletHome | None:
    # The registrable part and the labels before it; the public suffix ("com", "co.uk") names no city.
    labels = [label for label in host.split(".")[:-1] if label not in {"co", "com", "org", "net", "news"}]
    keys = {label[:n] for label in labels for n in range(_MIN_CITY_KEY, len(label) + 1)}
    keys |= {label[-n:] for label in labels for n in range(_MIN_CITY_KEY, len(label) + 1)}
    keys |= {part for label in labels for part in label.split("-") if len(part) >= _MIN_CITY_KEY}
    hits = gazetteer.lookup(keys)
    cities = [h.place for key in keys for h in hits.get(key, []) if h.kind == "name" and _is_big_city(h.place)]
    if not cities:
        return None
    # The longest name wins (a label can hold a short city's name inside a longer one's), then the most populous
    # city of that name.
    city = max(cities, key=lambda p: (len(name_keys(p.name)[0]), p.population))
    return OutletHome(city.country_code, city.admin1_code, city, via="city in host name")


def _is_big_city(place: Place) -> bool:
    if not place.feature_code.startswith("PPL"):
        return False
    return place.population >= (US_CITY_POPULATION if place.country_code == "US" else WORLD_CITY_POPULATION)


def _country_domain(host: str, gazetteer: Gazetteer) -> OutletHome | None:
    labels = host.split(".")
    tld = labels[-1]
    if len(tld) != 2 or (tld in _VANITY_TLDS and not (len(labels) > 2 and labels[-2] in _SECOND_LEVELS)):
        return None
    country = _TLD_COUNTRY.get(tld, tld.upper())
    return OutletHome(country, via="country domain") if country in gazetteer.countries else None


def check_outlets(gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """The local outlets whose region the gazetteer lacks (their prior falls back to the country), and those whose
    town it lacks (the region still holds), one line each."""
    no_region, no_town = [], []
    for outlet in outlets().values():
        if outlet.scope != "local":
            continue
        home = _home_of_listed(outlet, gazetteer)
        if home is None or home.admin1_code is None:
            no_region.append(f"{outlet.domain}: no region {outlet.admin1!r} in {outlet.country}")
        elif home.place is None:
            no_town.append(f"{outlet.domain}: no town {outlet.place!r} in {outlet.admin1}, {outlet.country}")
    return no_region, no_town
