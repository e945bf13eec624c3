"""The actor dictionary: who does political violence, under which names, and how ACLED names and codes them.

The knowledge lives in `sitrep/data/actors.yaml` (see its header for the fields and the coding conventions);
this module validates it and answers three questions:

- `ActorDictionary.lookup(text)`: which entry does a mention ("the FMLN", "Hashd al-Shaabi", "Iraqi soldiers")
  name? Case-insensitive on a normalised form (accents, hyphens, apostrophes, "al-"/"el-" articles, a few
  transliteration variants such as Qaeda/Qaida), except aliases marked case-sensitive ("IS", "ETA", "LeT").
- `ActorDictionary.phrases()`: every alias with its entry, for building a spaCy PhraseMatcher.
- `acled_name(entry, event_country)`: the ACLED actor name, `{country}` filled ("Military Forces of Iraq").

Countries (ACLED's spelling of a name, demonyms) come from `sitrep.countries`.

Public API: `load_actors()`, `ActorDictionary`, `ActorEntry`, `ActorDataError`, `acled_name()`, `normalise()`.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from rapidfuzz import fuzz, process

from sitrep import countries
from sitrep.text import strip_accents
from sitrep.knowledge import load_yaml

Kind = Literal["group", "state_force", "external", "generic", "civilian"]

# yaml section -> the `kind` of its entries
SECTIONS: dict[str, Kind] = {
    "groups": "group",
    "state_forces": "state_force",
    "external_forces": "external",
    "generic": "generic",
    "civilians": "civilian",
}

# CAMEO/PLOVER actor sector codes the dictionary may use (UAF: unaligned armed forces, i.e. militias).
SECTORS = frozenset(
    "GOV MIL COP SPY JUD LEG REB INS SEP OPP RAD CRM UAF IGO NGO CVL MED HLH EDU REL AGR LAB BUS REF HRI ELI".split()
)

_TOKEN_VARIANTS = {
    "qaeda": "qaida", "qaidah": "qaida", "shabab": "shabaab", "mujahideen": "mujahidin", "mujahedeen": "mujahidin",
    "mujahedin": "mujahidin", "mujaheddin": "mujahidin", "hizbollah": "hezbollah", "hizballah": "hezbollah",
    "hizbullah": "hezbollah", "hezbullah": "hezbollah", "huthi": "houthi", "huthis": "houthis", "hizb": "hezb",
    "tehreek": "tehrik", "defence": "defense", "organisation": "organization", "mohammed": "muhammad",
    "mohammad": "muhammad", "muhammed": "muhammad", "wal": "wa", "guerillas": "guerrillas", "guerilla": "guerrilla",
}
# article/connector tokens dropped wherever they stand ("al", "el") or when not the first word ("e", "i", "ul", "ud")
_DROP_ANYWHERE = {"al", "el"}
_DROP_INNER = {"e", "i", "ul", "ud", "ut", "ol"}
# Arabic article assimilated to the next word, written with a hyphen: "ad-Dawla", "ash-Sham", "an-Nusra"
_ASSIMILATED = re.compile(r"\b(?:ad|adh|an|ar|as|ash|at|ath|az|ad|al|el|ul|ud)-(?=\w)")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")

# Words around a name that do not change whom it names ("the FMLN", "ISIS fighters", "suspected Taliban").
_LEADING = {"the", "a", "an", "some", "several", "suspected", "alleged", "presumed", "purported", "members", "of",
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
            "scores", "many", "group", "elements", "heavily", "armed"}
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?", re.IGNORECASE)
_TRAILING = {"militants", "militant", "fighters", "fighter", "guerrillas", "guerrilla", "rebels", "rebel",
             "insurgents", "insurgent", "gunmen", "gunman", "members", "member", "militiamen", "operatives",
             "operative", "cell", "cells", "group", "groups", "units", "unit", "column", "columns", "faction",
             "factions", "wing", "commandos", "terrorists", "terrorist", "elements", "men", "supporters",
             "extremists", "forces", "jihadists", "organization", "movement", "network", "command", "leaders",
             "commanders", "commander", "squad", "squads", "detachment", "patrol", "personnel"}


class ActorDataError(ValueError):
    """actors.yaml holds an entry that does not validate; the message names the entry."""


class ActorEntry(BaseModel):
    """One actor: a named group, a state-force template, an external force, a generic or civilian category."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    inter: int = Field(ge=1, le=8)
    country: str | None = None
    sector: str
    kind: Kind
    case_sensitive: tuple[str, ...] = ()
    generic: bool = False
    acled: str | None = None
    note: str | None = None

    @field_validator("aliases", "case_sensitive", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, (list, tuple)):
            raise ValueError("must be a list of strings")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise ValueError(f"holds {item!r}, not a non-empty string (quote aliases YAML reads as numbers)")
        return tuple(value)

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and pycountry.countries.get(alpha_3=value) is None:
            raise ValueError(f"{value!r} is not an ISO 3166 alpha-3 code")
        return value

    @field_validator("sector")
    @classmethod
    def _sector(cls, value: str) -> str:
        if value not in SECTORS:
            raise ValueError(f"{value!r} is not a known sector ({' '.join(sorted(SECTORS))})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ActorEntry:
        missing = [a for a in self.case_sensitive if a not in self.aliases]
        if missing:
            raise ValueError(f"case_sensitive {missing} are not among the aliases")
        for text in (self.name, self.acled or ""):
            if "{" in text and text.replace("{country}", "").count("{"):
                raise ValueError(f"{text!r}: the only placeholder allowed is {{country}}")
        if self.kind == "state_force" and self.inter != 1:
            raise ValueError("state forces have inter 1")
        if self.kind == "civilian" and self.inter not in (5, 6, 7):
            raise ValueError("civilian categories have inter 5, 6 or 7")
        if self.kind == "generic" and not self.generic:
            raise ValueError("entries of the generic section need generic: true")
        return self

    @property
    def is_template(self) -> bool:
        return "{country}" in (self.acled or self.name)

    def __hash__(self) -> int:
        return hash((self.kind, self.name))


# ----------------------------------------------------------------------------------------------- normalisation

def normalise(text: str) -> str:
    """The form names are compared in: lower case, no accents, apostrophes dropped, hyphens and other punctuation
    as spaces, dotted acronyms closed ("U.S." -> "us"), Arabic articles dropped ("al-Shabaab" -> "shabaab",
    "ash-Sham" -> "sham"), connectors inside transliterated names dropped ("Lashkar-e-Taiba" -> "lashkar taiba"),
    a few spelling variants unified (Qaeda/Qaida, Hizballah/Hezbollah, Mujahideen/Mujahidin), a leading "the"
    dropped."""
    s = strip_accents(text).casefold().replace("&", " and ")
    s = re.sub(r"[’‘`´ʼ']", "", s)
    s = _DOTTED.sub(lambda m: m.group().replace(".", "") + " ", s)
    s = _ASSIMILATED.sub("", s)
    tokens = re.sub(r"[^\w]+", " ", s).split()
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in _DROP_ANYWHERE or (i and tok in _DROP_INNER and i < len(tokens) - 1):
            continue
        out.append(_TOKEN_VARIANTS.get(tok, tok))
    if len(out) > 1 and out[0] == "the":
        out = out[1:]
    return " ".join(out)


def _exact(text: str) -> str:
    """The form case-sensitive aliases are compared in: whitespace collapsed, curly quotes straightened."""
    return " ".join(text.replace("’", "'").split())


def acled_name(entry: ActorEntry, event_country: str | None = None) -> str:
    """The ACLED actor name of `entry`, `{country}` filled.

    An entry with its own home country (Palestinian Extremists, Military Forces of Israel) names that country;
    a template without one takes `event_country` (the event's country, or one from a demonym). Without either,
    the placeholder and its parentheses are dropped ("Unidentified Armed Group", "Military Forces")."""
    template = entry.acled or entry.name
    if "{country}" not in template:
        return template
    name = countries.country_name(entry.country) if entry.country else event_country
    if name:
        return template.replace("{country}", name)
    return re.sub(r"\s*\(\{country\}\)|\s*(?:of )?\{country\}", "", template).strip()


# ----------------------------------------------------------------------------------------------- the dictionary

class ActorDictionary:
    """All entries of actors.yaml with their lookup tables."""

    def __init__(self, entries: Iterable[ActorEntry]):
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self._by_norm: dict[str, ActorEntry] = {}
        self._by_exact: dict[str, ActorEntry] = {}
        self._templates: list[tuple[re.Pattern[str], ActorEntry]] = []
        owner: dict[str, str] = {}
        for entry in self.entries:
            where = f"{entry.kind} {entry.name!r}"
            cs = set(entry.case_sensitive)
            keys = [(entry.name, False)] + [(a, a in cs) for a in entry.aliases]
            for text, sensitive in keys:
                if sensitive:
                    key = _exact(text)
                    other = self._by_exact.get(key)
                    if other is not None and other is not entry:
                        raise ActorDataError(
                            f"{where}: case-sensitive alias {text!r} is also an alias of {other.name!r}")
                    self._by_exact[key] = entry
                    continue
                if "{country}" in text:
                    self._add_template(text, entry)
                    continue
                key = normalise(text)
                if not key:
                    raise ActorDataError(f"{where}: alias {text!r} is empty once normalised")
                other = self._by_norm.get(key)
                if other is not None and other is not entry:
                    raise ActorDataError(
                        f"{where}: alias {text!r} (normalised {key!r}) is also {owner[key]} of {other.name!r}")
                self._by_norm[key] = entry
                owner.setdefault(key, f"the alias {text!r}")
        for entry in self.entries:
            if entry.acled and "{country}" in entry.acled:
                self._add_template(entry.acled, entry)
        for key, entry in self._by_exact.items():
            other = self._by_norm.get(normalise(key))
            if other is not None and other is not entry:
                raise ActorDataError(
                    f"{entry.kind} {entry.name!r}: case-sensitive alias {key!r} also matches {other.name!r} "
                    "in any case")
        self._fuzzy_keys = [k for k in self._by_norm if len(k) >= 8]

    def _add_template(self, text: str, entry: ActorEntry) -> None:
        """"Military Forces of {country}" -> a pattern on the normalised form; the first entry to claim it keeps it."""
        pattern = re.escape(normalise(text.replace("{country}", "XCOUNTRYX"))).replace("xcountryx", r"(?P<country>.+)")
        if all(p.pattern != pattern + "$" for p, _ in self._templates):
            self._templates.append((re.compile(pattern + "$"), entry))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.entries)

    def section(self, kind: Kind) -> list[ActorEntry]:
        return [e for e in self.entries if e.kind == kind]

    def phrases(self) -> Iterator[tuple[str, ActorEntry, bool]]:
        """(alias text in its natural case, entry, case-sensitive) for every alias, and for every name that is
        written as text would write it (not a template, not "ACRONYM: Name")."""
        for entry in self.entries:
            cs = set(entry.case_sensitive)
            if not entry.is_template and "{" not in entry.name and ": " not in entry.name:
                yield entry.name, entry, False
            for alias in entry.aliases:
                yield alias, entry, alias in cs

    def _direct(self, text: str, all_caps: bool) -> ActorEntry | None:
        if not all_caps:
            hit = self._by_exact.get(_exact(text))
            if hit is not None:
                return hit
        return self._by_norm.get(normalise(text))

    def lookup_with_country(self, text: str, *, all_caps: bool = False) -> tuple[ActorEntry, str | None] | None:
        """The entry a mention names and, for a template entry, the ISO3 of the country the mention gives
        ("Iraqi soldiers" -> Military Forces of {country}, "IRQ"; "Military Forces of Iraq" -> same). The
        country is None when the mention gives none. `all_caps`: the text is in capitals throughout, so
        case-sensitive aliases cannot be told from ordinary words and never match."""
        text = re.sub(r"['’]s?$", "", " ".join(text.split())).strip(" .,;:\"“”")
        if not text:
            return None
        candidates = [text]
        m = re.fullmatch(r"(.*?)\s*\((.*?)\)\s*", text)
        if m:  # GTD style "Hamas (Islamic Resistance Movement)": the whole, then each part
            candidates += [m.group(1), m.group(2)]
        for candidate in candidates:
            found = self._resolve(candidate, all_caps)
            if found is not None:
                return found
        return None

    def _resolve(self, text: str, all_caps: bool) -> tuple[ActorEntry, str | None] | None:
        words = text.split()
        # peel leading determiners/quantifiers and trailing role words, trying the longest form first
        start = 0
        while start < len(words) - 1 and (normalise(words[start]) in _LEADING or _NUMBER.fullmatch(words[start])):
            start += 1
        forms: list[list[str]] = [words, words[start:]]
        end = len(words)
        while end - start > 1 and normalise(words[end - 1]) in _TRAILING:
            end -= 1
            forms.append(words[start:end])
        for form in forms:
            phrase = " ".join(form)
            hit = self._direct(phrase, all_caps)
            if hit is not None:
                return hit, hit.country
            found = self._template(phrase)
            if found is not None:
                return found
        # a demonym or country name in front: "Iraqi soldiers", "Salvadoran guerrillas", "Syria's army"
        core = words[start:]
        for n in (2, 1):
            if len(core) <= n:
                continue
            lead = re.sub(r"['’]s$", "", " ".join(core[:n]))
            iso3 = countries.demonym_country(lead)
            if iso3 is None:
                continue
            rest = " ".join(core[n:])
            found = self._resolve(rest, all_caps)
            if found is not None:
                entry, own = found
                return entry, own or iso3
        return None

    def _template(self, phrase: str) -> tuple[ActorEntry, str | None] | None:
        key = normalise(phrase)
        for pattern, entry in self._templates:
            m = pattern.match(key)
            if m:
                iso3 = countries.demonym_country(m.group("country"))
                if iso3 is not None:  # "Civilians (Iraq)", not "civilians killed"
                    return entry, iso3
        return None

    def lookup(self, text: str, *, all_caps: bool = False) -> ActorEntry | None:
        """The entry a mention names, or None. See `lookup_with_country` for the country it gives."""
        found = self.lookup_with_country(text, all_caps=all_caps)
        return found[0] if found else None

    def fuzzy_lookup(self, text: str, *, score_cutoff: float = 92.0) -> ActorEntry | None:
        """`lookup`, then a near-miss spelling ("Tupac Amary Revolutionary Movement") by rapidfuzz's ratio on the
        normalised form, for mentions and aliases of at least 8 characters only."""
        hit = self.lookup(text)
        if hit is not None:
            return hit
        key = normalise(text)
        if len(key) < 8:
            return None
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=score_cutoff)
        return self._by_norm[best[0]] if best else None


def _entries_from(data: Any) -> Iterator[ActorEntry]:
    if not isinstance(data, dict):
        raise ActorDataError("actors.yaml: expected a mapping of sections at the top level")
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise ActorDataError(f"actors.yaml: unknown sections {sorted(unknown)}; expected {list(SECTIONS)}")
    for section, kind in SECTIONS.items():
        rows = data.get(section) or []
        if not isinstance(rows, list):
            raise ActorDataError(f"actors.yaml: section {section!r} must be a list of entries")
        for i, row in enumerate(rows):
            label = f"actors.yaml {section}[{i}]"
            if not isinstance(row, dict):
                raise ActorDataError(f"{label}: expected a mapping, got {row!r}")
            label += f" ({row.get('name')!r})"
            if row.get("kind", kind) != kind:
                raise ActorDataError(f"{label}: kind {row['kind']!r} does not match its section ({kind!r})")
            if "country" not in row:
                raise ActorDataError(f"{label}: 'country' is required (null for transnational or templated)")
            try:
                yield ActorEntry(**{**row, "kind": kind, "generic": row.get("generic", kind == "generic")})
            except ValidationError as exc:
                problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors())
                raise ActorDataError(f"{label}: {problems}") from None
            except TypeError as exc:
                raise ActorDataError(f"{label}: {exc}") from None


def build_dictionary(data: Any) -> ActorDictionary:
    """Validate parsed actors.yaml content and index it (raises ActorDataError naming the bad entry)."""
    return ActorDictionary(_entries_from(data))


@functools.cache
def load_actors() -> ActorDictionary:
    """The validated actor dictionary of `sitrep/data/actors.yaml` (loaded once)."""
    return build_dictionary(load_yaml("actors.yaml"))
