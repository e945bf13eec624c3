"""Countries: ACLED's spelling of their names and the demonyms and other names news uses for them.

The registries hold most of it (pycountry the ISO 3166 names, countryinfo the demonyms); `sitrep/data/countries.yaml`
holds the differences (see its header). The actor dictionary ("Iraqi soldiers" -> Military Forces of Iraq) and the
gazetteer (demonyms and country aliases as names of the country) both read countries through this module.

Public API: `country_name(iso3)`, `demonym_country(word)`, `demonyms()`, `country_demonyms()`, `country_aliases()`,
`load_countries()`, `CountryEntry`, `CountryDataError`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import countryinfo
import pycountry

from sitrep.knowledge import data_path, load_yaml

DATA_FILE = "countries.yaml"
_FIELDS = ("acled", "names", "demonyms", "centre")


class CountryDataError(ValueError):
    """countries.yaml holds an entry that does not validate; the message names the entry."""


@dataclass(frozen=True)
class CountryEntry:
    """What countries.yaml says about one country."""

    iso3: str
    acled: str | None = None
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    centre: tuple[float, float] | None = None


@dataclass(frozen=True)
class CountryData:
    entries: dict[str, CountryEntry]
    not_countries: tuple[str, ...]


def _normalise(text: str) -> str:
    # the actor dictionary's normal form, so that actor phrases and this table meet; imported here because
    # sitrep.actors imports this module
    from sitrep.actors import normalise

    return normalise(text)


def _fail(message: str) -> CountryDataError:
    return CountryDataError(f"{data_path(DATA_FILE)}: {message}")


def _words(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(f"{where} must be a list of non-empty strings, not {value!r}")
    return tuple(v.strip() for v in value)


def _centre(value, iso3: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, (int, float)) for v in value)
            or not (-90 <= value[0] <= 90 and -180 <= value[1] <= 180)):
        raise _fail(f"{iso3}.centre must be [latitude, longitude] in degrees, not {value!r}")
    return float(value[0]), float(value[1])


@functools.cache
def load_countries() -> CountryData:
    """The validated data file: every key an ISO 3166 alpha-3 code, every demonym or name one country's only."""
    raw = load_yaml(DATA_FILE) or {}
    unknown = set(raw) - {"countries", "not_countries"}
    if unknown:
        raise _fail(f"unknown section(s) {sorted(unknown)}")
    entries: dict[str, CountryEntry] = {}
    for iso3, fields in (raw.get("countries") or {}).items():
        if not isinstance(iso3, str) or pycountry.countries.get(alpha_3=iso3) is None:
            raise _fail(f"{iso3!r} is not an ISO 3166 alpha-3 code")
        if not isinstance(fields, dict) or set(fields) - set(_FIELDS):
            raise _fail(f"{iso3}: fields must be among {', '.join(_FIELDS)}, not {fields!r}")
        acled = fields.get("acled")
        if acled is not None and (not isinstance(acled, str) or not acled.strip()):
            raise _fail(f"{iso3}: acled must be a non-empty string, not {acled!r}")
        entries[iso3] = CountryEntry(iso3, acled, _words(fields.get("names"), f"{iso3}.names"),
                                     _words(fields.get("demonyms"), f"{iso3}.demonyms"),
                                     _centre(fields.get("centre"), iso3))
    not_countries = _words(raw.get("not_countries"), "not_countries")
    owner: dict[str, str] = {_normalise(w): "not_countries" for w in not_countries}
    for entry in entries.values():
        for word in (*entry.names, *entry.demonyms):
            key = _normalise(word)
            if owner.setdefault(key, entry.iso3) != entry.iso3:
                raise _fail(f"{word!r} is given to both {owner[key]} and {entry.iso3}")
    return CountryData(entries, not_countries)


@functools.cache
def country_name(iso3: str) -> str:
    """The ACLED spelling of a country's name from its ISO3 code ("PSE" -> "Palestine"); KeyError if unknown."""
    entry = load_countries().entries.get(iso3)
    if entry is not None and entry.acled:
        return entry.acled
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise KeyError(f"{iso3!r} is not an ISO 3166 alpha-3 code")
    return getattr(country, "common_name", None) or country.name


@functools.cache
def _countryinfo_demonyms() -> dict[str, tuple[str, str]]:
    """countryinfo's demonyms: normalised -> (as written, ISO3); a demonym two countries share goes to the more
    populous ("Norwegian" to Norway, not Svalbard)."""
    best: dict[str, tuple[int, str, str]] = {}
    for info in countryinfo.all_countries():
        try:
            demonym, iso3 = info.demonym(), info.iso(3)
        except Exception:  # noqa: BLE001 - countryinfo's records are uneven; skip a broken one
            continue
        if not (demonym and iso3):
            continue
        try:
            population = int(info.population() or 0)
        except Exception:  # noqa: BLE001
            population = 0
        key = _normalise(demonym)
        if key not in best or population > best[key][0]:
            best[key] = (population, demonym, iso3)
    return {key: (demonym, iso3) for key, (_, demonym, iso3) in best.items()}


@functools.cache
def _demonym_table() -> dict[str, tuple[str, str]]:
    data = load_countries()
    table = dict(_countryinfo_demonyms())
    for entry in data.entries.values():
        for demonym in entry.demonyms:
            table[_normalise(demonym)] = (demonym, entry.iso3)
    for word in data.not_countries:
        table.pop(_normalise(word), None)
    return table


def country_demonyms() -> dict[str, str]:
    """Every country demonym as written ("Salvadoran") -> ISO3: countryinfo's, corrected by the data file. The
    gazetteer reads these as demonym names of the country."""
    return dict(_demonym_table().values())


def country_aliases() -> dict[str, str]:
    """The other names news uses for countries, as written ("U.S.", "Burma") -> ISO3, from the data file."""
    return {name: entry.iso3 for entry in load_countries().entries.values() for name in entry.names}


@functools.cache
def demonyms() -> dict[str, str]:
    """Normalised demonym or country name -> ISO3 ("iraqi" -> "IRQ", "iraq" -> "IRQ", "us" -> "USA"): countryinfo's
    demonyms, pycountry's names, the data file's names and demonyms (which win). Words of `not_countries` are
    absent."""
    data = load_countries()
    table = {key: iso3 for key, (_, iso3) in _countryinfo_demonyms().items()}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(_normalise(value), country.alpha_3)
    for entry in data.entries.values():
        for word in (*entry.names, *entry.demonyms):
            table[_normalise(word)] = entry.iso3
    for word in data.not_countries:
        table.pop(_normalise(word), None)
    return table


def demonym_country(word: str) -> str | None:
    """ISO3 of a country from its demonym or name ("Iraqi" -> "IRQ", "Salvadoran" -> "SLV"); None if unknown."""
    return demonyms().get(_normalise(word))
