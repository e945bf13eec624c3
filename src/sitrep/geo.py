"""The geoparser: the `places` stage (recognise place names and resolve them against the gazetteer of
`sitrep.gazetteer`) and the choice of an event's place.

Recognition looks up token n-grams in the gazetteer, gated by capitalisation (mixed-case text) or by cues and
size (ALL-CAPS text such as MUC-4); resolution scores candidates by size and feature type, the document's focus
country, containment ("Paris, Texas", "Balad Air Base in Salahaddin"; a country closing a comma chain holds every
link: "Eshkol, Southern district, Israel"), one sense per document, and a quarter lies in the town its sentence names
("In Jerusalem, ... the walled Old City").

Recognition also reads an agency dateline ("KINLOCH, Mo. (KMOV) –") as a town inside its state, and drops weapon
names ("a Kassam rocket") and people's first names ("David Feldheim"; `data/given_names.csv`).
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.attrs import IDX, LENGTH

from .gazetteer import (CONTINENT, METONYM_FEATURES, NATURAL_FEATURES, SITE_FEATURES, TYPE_SUFFIXES, Gazetteer,
                        NameHit, Place, default_gazetteer, distance_km, name_keys, read_own_csv)
from .knowledge import given_names
from .model import Article, Document, Part, PlaceMention, Sentence
from .outlets import OutletHome, outlet_home
from .pipeline import stage
from .text import english, is_all_caps

MAX_NGRAM = 6
# A sentence this long or longer in capitals is wire copy (MUC-4); a shorter one may be a heading or an acronym.
CAPS_MIN_LETTERS = 12
# How much likelier a name is to lie in the region its local outlet serves (KMBC's "Columbia" is in Missouri).
HOME_REGION_BONUS = 1.5
# A local outlet covers its state and its market: a town it names without a state lies in the one or within this
# distance of its home town.
OUTLET_REACH_KM = 300
CITY_AREA_KM = 50
TOWN_IN_COUNTY_BONUS = 1.5
# A town GeoNames files under no county lies in the county whose centre is this close (most US counties are
# narrower than 60 km).
COUNTY_RADIUS_KM = 30


@functools.cache
def _not_places() -> frozenset[str]:
    return frozenset(name_keys(row["word"])[0] for row in read_own_csv("not_places.csv", ("word",)))


@functools.cache
def _first_names() -> frozenset[str]:
    return frozenset(name_keys(name)[0] for name in given_names())



# ----------------------------------------------------------------------------------------------- recognition

# Lower-case words that may sit inside a multiword place name ("Salah ad Din", "Rio de Janeiro", "al-Salam").
_NAME_CONTINUATIONS = frozenset({"e", "i", "ye", "o", "al", "el", "ul", "ad", "ar", "as", "an", "at", "ash", "az"})
_EZAFE_WORDS = frozenset({"e", "i", "ye"})
_NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ez", "es", "ed", "er", "et",
                             "de", "del", "della", "di", "da", "du", "des", "la", "le", "van", "von", "der", "den",
                             "bin", "ibn", "abu", "y", "dos", "das", "do", "upon", "on", "sur", "-"})
_LOCATIVE_BEFORE = frozenset({"in", "at", "near", "from", "to", "into", "outside", "inside", "across", "around",
                              "toward", "towards", "through", "via", "of", "between", "and", "outskirts", "northern",
                              "southern", "eastern", "western", "central", "north", "south", "east", "west", "downtown",
                              "province", "city", "town", "village", "district", "capital", "governorate", "region",
                              "state"})
_CAPS_LOCATIVE_BEFORE = frozenset({"in", "at", "near", "from", "into", "outside", "inside", "outskirts", "toward",
                                   "towards", "between"})
_TYPE_AFTER = frozenset({"province", "governorate", "district", "region", "oblast", "department", "county", "state",
                         "city", "town", "village", "neighborhood", "neighbourhood", "area", "camp", "base",
                         "airport", "border", "crossing", "valley", "suburb", "municipality", "prefecture",
                         "township", "borough", "parish", "checkpoint"})
# Words that may follow a place inside a capitalised name: "Baghdad Police", "Los Angeles County Sheriff".
_ORG_WORDS = frozenset({"police", "county", "city", "department", "sheriff", "fire", "university", "state", "times",
                        "post", "examiner", "herald", "tribune", "airport", "province", "governorate", "district",
                        "region", "council", "government", "army", "forces", "military", "hospital", "high",
                        "school", "court", "mayor", "metro", "international", "station",
                        "embassy", "consulate", "office", "operations", "command", "authorities", "officials"})
STREET_REASON = "a street: not in gazetteer"
# A name before one of these names a street ("Moran Street", "Chicago Avenue", "Haifa Street" in Baghdad).
_STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive",
                           "highway", "hwy", "parkway", "pkwy", "expressway", "freeway", "alley", "terrace"})
_HOUSE_NUMBER = re.compile(r"(?P<digits>\d{2,6})[A-Za-z]?")
# "near Marks and Clinton avenues": two streets named before one plural street word.
_STREETS_WORDS = frozenset({"streets", "avenues", "roads", "boulevards", "lanes", "drives", "highways", "sts", "aves"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "greater", "upper", "lower", "downtown", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "northeastern", "northwestern",
                         "southeastern", "southwestern", "ne", "nw", "se", "sw"})
_UNRESOLVED_TYPE_WORDS = frozenset({"neighborhood", "neighbourhood", "district", "camp", "village", "town",
                                    "province", "governorate", "suburb", "area", "county", "township"})
_METONYM_VERBS = frozenset({
    "said", "says", "say", "denied", "denies", "announced", "announces", "accused", "accuses", "warned", "warns",
    "insisted", "insists", "wants", "wanted", "rejected", "rejects", "responded", "responds", "urged", "urges",
    "demanded", "demands", "following", "agreed", "agrees", "threatened", "threatens", "claimed", "claims",
    "condemned", "condemns", "blamed", "blames", "has", "have", "had", "will", "would", "is", "was", "did", "does",
    "sought", "seeks", "hopes", "believes", "imposed", "imposes", "sanctioned", "recognized", "recognised",
    "supports", "backed", "backs", "refused", "refuses", "declined", "declines", "called", "calls", "pledged",
    "vowed", "plans", "planned", "did", "should", "could", "must", "may", "might", "can", "decided", "approved"})
_SUBCITY_WORDS = frozenset({"neighborhood", "neighbourhood", "district", "suburb", "quarter"})
# A capitalised word before one of these names a weapon, not a place: "a Kassam rocket", "Grad rockets".
_WEAPON_NOUNS = frozenset({"rocket", "rockets", "missile", "missiles", "mortar", "mortars", "launcher", "launchers",
                           "shell", "shells", "projectile", "projectiles", "rifle", "rifles", "grenade", "grenades"})
# Capitalised words that open a sentence without opening a name: "In Jerusalem, ...", "After Mosul fell, ...".
_SENTENCE_OPENERS = frozenset({"in", "at", "near", "from", "on", "outside", "inside", "across", "around", "toward",
                               "towards", "through", "via", "of", "between", "and", "but", "after", "before",
                               "during", "when", "while", "as", "by", "for", "with", "since", "if", "although",
                               "into", "across", "throughout", "along", "beyond", "within", "until",
                               # adverbs that open a news sentence before its subject: "Later Russia said ..."
                               "later", "earlier", "meanwhile", "yesterday", "today", "tonight", "overnight", "now",
                               "then", "separately", "elsewhere", "also", "however", "still", "so", "last", "next",
                               "this", "that", "both", "neither", "either", "once", "soon", "already", "finally"})
_STRONG_FEATURES = frozenset({"PCLI", "ADM1", "PPLC", "RGN"})
# Our own entries (landmarks, seas, rivers, areas): their names are not a town's alternate names.
_CURATED_FEATURES = SITE_FEATURES | NATURAL_FEATURES | {"AREA", "FRST"}
# A place abroad smaller than this needs a cue in a local outlet's story.
_TOWN_ABROAD = 100_000
# A local outlet names a town of another state without the state only when everyone knows which it is.
_NEWS_ANYWHERE = 150_000
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_MIN_POPULATION_UNCUED = 1000
_BIG_POPULATION = 50_000
# A county-less "town" this close to a city of this size is one of its neighbourhoods.
NEIGHBOURHOOD_KM = 15
METROPOLIS = 1_000_000
# Words before a person's name in news: a run holding one ends in a surname.
_PERSON_TITLES = frozenset({"mr", "mrs", "ms", "dr", "officer", "sgt", "sergeant", "lt", "lieutenant", "capt",
                            "captain", "detective", "deputy", "chief", "sheriff", "trooper", "agent", "judge",
                            "president", "minister", "gen", "general", "col", "colonel", "maj", "major", "cpl",
                            "corporal", "pvt", "private", "senator", "sen", "rep", "gov", "governor", "mayor"})


@dataclass(slots=True)  # not frozen: a frozen dataclass is built four times slower, and every token is one
class _Token:
    text: str
    start: int
    end: int
    lower: str
    is_word: bool
    is_capitalised: bool


@dataclass
class _Candidate:
    """A recognised span before and during resolution."""

    start: int
    end: int
    text: str
    part: Part
    sentence: int
    key: str
    full_key: str
    hits: list[NameHit]
    cued: bool = False
    direction_prefix: bool = False
    container: "_Candidate | None" = None
    inside_of: "_Candidate | None" = None
    chain_country: "_Candidate | None" = None
    next_word: str = ""
    previous_word: str = ""
    chosen: NameHit | None = None
    score: float = 0.0
    reason: str | None = None
    forced: bool = False
    dateline: bool = False
    part_of_town: bool = False
    side_of_town: bool = False  # "the South Side"
    # The match is the first part of a longer capitalised name ("Kani Spika", "Juma Bazaar", "Kot-e Sangi").
    partial: bool = False
    # A country inside an organisation's name ("Air Zimbabwe"): a mention of the country, not a location.
    embedded: bool = False
    # A determiner before the name: "the capital", "our capital" (a common noun, in upper-case copy).
    determined: bool = False
    # A name the gazetteer lacks, kept only as a link of a comma chain ("in Sayyid Hamad, Nineveh, Iraq").
    chain_link: bool = False

    @property
    def is_demonym(self) -> bool:
        return self.chosen is not None and self.chosen.kind == "demonym"


def _is_strong(hit: NameHit) -> bool:
    """A reading that makes a name a place without a cue: a country, a province, a capital, a big city, a demonym,
    a curated site."""
    place = hit.place
    return (hit.kind == "demonym" or place.feature_code in _STRONG_FEATURES or place.is_country
            or place.population >= _BIG_POPULATION
            or (place.feature_code in _CURATED_FEATURES and place.population == 0 and hit.kind != "alt"))


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _tokens(sentence: Sentence) -> list[_Token]:
    """The sentence's tokens: the segmenter's, or (for a sentence split without them) the tokenizer's."""
    offset, text = sentence.start, sentence.text
    # Offsets as one array: iterating a Doc builds a Python Token object per token.
    spans = sentence.tokens or [(offset + start, offset + start + length) for start, length in
                                english().tokenizer(text).to_array([IDX, LENGTH]).tolist()]
    tokens = []
    for start, end in spans:
        word = text[start - offset:end - offset]
        is_word = word[:1].isalpha()
        tokens.append(_Token(word, start, end, word.lower(), is_word, is_word and word[0].isupper()))
    return tokens


def _segments(tokens: list[_Token], all_caps: bool) -> list[tuple[int, int]]:
    """Runs of tokens that may hold a place name (end exclusive): in mixed case, capitalised words joined by name
    particles; in ALL-CAPS text, words between punctuation."""
    segments, start = [], None
    first_word = next((k for k, token in enumerate(tokens) if token.is_word), len(tokens))
    for i, token in enumerate(tokens):
        if all_caps:
            inside = token.is_word or token.text in {"-", "'"} and start is not None
        else:
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            # A particle continues a name ("Salah ad Din") or opens one with a hyphen ("al-Salam"), never
            # otherwise ("at Balad", "upon Washington"); "The" opens none ("The White House").
            if start is None:
                opener = token.lower in _SENTENCE_OPENERS and i <= first_word
                inside = (token.is_capitalised and token.lower != "the" and not opener
                          or token.lower in _NAME_PARTICLES and following is not None and following.text == "-")
            else:
                joins = following is not None and (following.is_capitalised or following.text == "-")
                # "Cox's Bazar", "Bull's Eye": a possessive inside a run of capitals belongs to the name.
                possessive = token.lower in {"'s", "’s"} and following is not None and following.is_capitalised
                # "Qala-i-Naw", "Ab-e Kamari": a hyphen and an ezafe carry a name on.
                ezafe = (token.lower in _EZAFE_WORDS and tokens[i - 1].text == "-" and following is not None
                         and (following.is_capitalised or following.text == "-"))
                hyphen = (token.text == "-" and following is not None and following.lower in _EZAFE_WORDS
                          and i + 2 < len(tokens) and (tokens[i + 2].is_capitalised or tokens[i + 2].text == "-"))
                inside = (token.is_capitalised or token.lower in _NAME_PARTICLES and joins or possessive or ezafe
                          or hyphen)
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            segments.append((start, i))
            start = None
    if start is not None:
        segments.append((start, len(tokens)))
    return segments


def _span_keys(tokens: list[_Token], segment: tuple[int, int], text: str, offset: int) -> Iterator[tuple[int, int, str, str]]:
    first, stop = segment
    for i in range(first, stop):
        # A name starts with a capitalised word ("The" aside) or an article joined by a hyphen ("al-Salam").
        starts_name = (tokens[i].is_capitalised and tokens[i].lower != "the"
                       or i + 1 < stop and tokens[i + 1].text == "-" and tokens[i].lower in _NAME_PARTICLES)
        if not starts_name:
            continue
        for j in range(i, min(i + MAX_NGRAM, stop)):
            # A particle ends no name ("Boulogne-sur"), unless capitalised at the end of the run: "Surigao del Sur".
            if not tokens[j].is_capitalised or tokens[j].lower in _NAME_PARTICLES and j + 1 < stop:
                continue
            key, full = name_keys(text[tokens[i].start - offset:tokens[j].end - offset])
            if key:
                yield i, j + 1, key, full


class _SentenceRecogniser:
    """Finds the place-name spans of one sentence, given the gazetteer hits of all its n-grams."""

    def __init__(self, sentence: Sentence, part_text: str, surnames: dict[str, bool], weapons: set[str] | None = None):
        self.sentence = sentence
        self.weapons = weapons if weapons is not None else set()
        self.offset = sentence.start
        self.text = part_text[sentence.start:sentence.end]
        self.tokens = _tokens(sentence)
        self.first_word = next((k for k, token in enumerate(self.tokens) if token.is_word), len(self.tokens))
        self.all_caps = is_all_caps(self.text, CAPS_MIN_LETTERS)
        self.segments = _segments(self.tokens, self.all_caps)
        # Each segment's n-grams that may name a place, with their keys: looked up first, matched after.
        self.span_keys = [list(_span_keys(self.tokens, segment, self.text, self.offset)) for segment in self.segments]
        self.surnames = surnames
        self.lone_words: frozenset[str] = frozenset()  # set by the document: see _lone_capitalised_words

    def keys(self) -> set[str]:
        return {key for spans in self.span_keys for _, _, key, _ in spans}

    def recognise(self, hits: dict[str, list[NameHit]]) -> list[_Candidate]:
        found: list[_Candidate] = []
        for segment, segment_spans in zip(self.segments, self.span_keys):
            if self._is_a_side_of_town(segment):
                side = self._street(*segment)
                side.side_of_town = True
                found.append(side)
                continue
            spans = defaultdict(list)
            for i, j, key, full in segment_spans:
                if key in hits:
                    spans[i].append((j, key, full))
            i = name_start = segment[0]
            last_matched = -1
            while i < segment[1]:
                for j, key, full in sorted(spans.get(i, ()), reverse=True):
                    candidate = self._accept(i, j, key, full, hits[key], (name_start, segment[1]), found, hits)
                    if candidate is not None:
                        found.append(candidate)
                        name_start, last_matched, i = j, j, j - 1
                        break
                i += 1
            if not self.all_caps and last_matched != segment[1]:
                self._note_unmatched(segment, found, matched=last_matched > 0)
        return found

    def _is_a_side_of_town(self, segment: tuple[int, int]) -> bool:
        """"the South Side", "the Lower East Side": a part of the story's town, never a namesake town elsewhere."""
        words = [t.lower for t in self.tokens[segment[0]:segment[1]] if t.is_word]
        return len(words) >= 2 and words[-1] == "side" and all(w in _DIRECTIONS for w in words[:-1])

    def _after_an_address_number(self, i: int) -> bool:
        """"308B Willow", "the 5700 block of Acme": a name after a house number or "block of" is a street."""
        before = self.tokens[i - 1].text if i >= 1 else ""
        number = _HOUSE_NUMBER.fullmatch(before)
        if number is not None:
            return not 1900 <= int(number["digits"]) <= 2100  # "in 2014 Chicago"
        return i >= 2 and self.tokens[i - 1].lower == "of" and self.tokens[i - 2].lower == "block"

    def _word_before(self, i: int) -> str:
        k = i - 1
        while k >= 0 and self.tokens[k].lower in {"the", "a", "an"}:
            k -= 1
        return self.tokens[k].lower if k >= 0 else ""

    def _cues(self, i: int, j: int) -> tuple[bool, bool]:
        """(a locative word before, a type word after or a comma container): "in X"; "X province", "X, Ala."."""
        after = self.tokens[j].lower if j < len(self.tokens) else ""
        if self.all_caps:
            # Every word of upper-case copy looks like a name, so only a place preposition right before it cues
            # one: not "TO PAY", "TYPE OF MASSACRE", "THROUGH A WAVE", "AT THE BORDER".
            before = self.tokens[i - 1].lower if i >= 1 else ""
            return before in _CAPS_LOCATIVE_BEFORE, after in _TYPE_AFTER
        comma_container = (
            after == "," and j + 1 < len(self.tokens) and self.tokens[j + 1].is_capitalised
            or i >= 2 and self.tokens[i - 1].text == "," and self.tokens[i - 2].is_capitalised)
        return self._word_before(i) in _LOCATIVE_BEFORE, after in _TYPE_AFTER or comma_container

    def _type_word_follows(self, j: int) -> bool:
        # "Police Department", "Fire Department" name bodies; a department as a region follows a place name.
        return (j < len(self.tokens) and self.tokens[j].lower in _TYPE_AFTER
                and not (self.tokens[j].lower == "department" and self.tokens[j - 1].lower in _ORG_WORDS))

    def _region_follows(self, j: int, hits_of: dict[str, list[NameHit]]) -> bool:
        """", Ala." / ", Texas" / ", New York" / ", Israel" after the name: a state or country contains it."""
        if j + 1 >= len(self.tokens) or self.tokens[j].text != ",":
            return False
        for end in range(j + 2, min(j + 5, len(self.tokens) + 1)):
            key = name_keys(self._part_slice(self.tokens[j + 1].start, self.tokens[end - 1].end))[0]
            if any(h.kind == "abbrev" or h.place.feature_code == "ADM1" or h.place.is_country
                   for h in hits_of.get(key, ())):
                return True
        return False

    def _accept(self, i: int, j: int, key: str, full: str, hits: list[NameHit], segment: tuple[int, int],
                found: list[_Candidate], hits_of: dict[str, list[NameHit]]) -> _Candidate | None:
        tokens = self.tokens
        text = self.text[tokens[i].start - self.offset:tokens[j - 1].end - self.offset]
        kinds = {h.kind for h in hits}
        if kinds == {"abbrev"}:
            # "Ala." is a state only as the container of the town before it: "Mobile, Ala."
            previous = found[-1] if found else None
            if not (i >= 2 and tokens[i - 1].text == "," and previous and previous.end == tokens[i - 2].end
                    and not previous.chain_link):
                return None
        # An acronym in mixed-case text ("SUV", "ATM") names no place through a GeoNames alternate name.
        if not self.all_caps and text.isupper() and len(text) <= 4 and not kinds & {"name", "alias", "abbrev"}:
            return None
        locative, typed = self._cues(i, j)
        cued = locative or typed
        single = j - i == 1
        # Upper-case copy writes dates as "12 NOV 89" and times as "2140 ON": no house numbers.
        if not self.all_caps and self._after_an_address_number(i):
            return self._street(i, j)
        if j < len(tokens) and tokens[j].lower in _STREET_WORDS | _STREETS_WORDS and "ST" not in {
                h.place.feature_code for h in hits}:
            return self._street(i, j + 1)
        if j + 2 < len(tokens) and tokens[j].lower in {"and", "&"} and any(
                t.lower in _STREETS_WORDS for t in tokens[j + 2:j + 4]):
            return self._street(i, j)
        # A hamlet named like a street ("Second Street", British Columbia) is, in news, the street.
        if j - i > 1 and tokens[j - 1].lower in _STREET_WORDS and all(
                h.place.feature_code.startswith("PPL") and h.place.population < _BIG_POPULATION for h in hits):
            return self._street(i, j)
        # "Kot-e Sangi", "Bagh-e-Pahlawan", "Bab al-Sharji": an ezafe or an article after a hyphen carries the name
        # on, so the match is only its first word.
        if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j + 1].lower in _NAME_CONTINUATIONS:
            return None
        # A ministry is named after its field, not a town: "Ministry of Labor", "Minister of Interior".
        if (i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in {"ministry", "minister"}
                and not any(h.place.is_country for h in hits)):
            return None
        # A town ending an organisation's name is no place: "Volunteers for the Defense of the Homeland".
        if (i >= 3 and tokens[i - 1].lower == "the" and tokens[i - 2].lower == "of" and tokens[i - 3].is_capitalised
                and not typed and all(h.place.feature_code.startswith("PPL") and h.place.feature_code != "PPLC"
                                      for h in hits)):
            return None
        # A common word needs more than a preposition or a comma: "in March" and "Sunday, March 30" are dates;
        # "Mobile, Ala." and "the town of Mercy" are places.
        if key in _not_places() and not (self._type_word_follows(j) or self._region_follows(j, hits_of)):
            return None
        if len(key.replace(" ", "")) <= 2 and kinds != {"abbrev"} and not (
                text.isupper() and kinds & {"name", "alias"} and not self.all_caps):
            return None
        # A compass word alone is a direction ("in Southeast", "the North"), not the region of some country that
        # bears its name; with a type word it is a region ("North Province").
        if single and tokens[i].lower in _DIRECTIONS and not typed:
            return None
        # A county or district is named with its type word ("Kay County"); the bare word is mostly a surname.
        if all(h.place.feature_code == "ADM2" for h in hits) and not typed:
            return None
        # A lone function word ("First", "Over", "Will") names a place only with a type word ("First District").
        if single and tokens[i].lower in _stop_words() and not typed and not (text.isupper() and not self.all_caps):
            return None
        strong = any(_is_strong(h) for h in hits)
        major = any(h.kind == "demonym" or h.place.is_country or h.place.feature_code == "PPLC"
                    or h.place.population >= _BIG_POPULATION for h in hits)
        # "a Kassam rocket", "Grad rockets": a weapon's name, and so is a later "the Kassam fell" in the document.
        typed_strongly = self._type_word_follows(j) or self._region_follows(j, hits_of)
        if not major and (j < len(tokens) and tokens[j].lower in _WEAPON_NOUNS
                          or key in self.weapons and not typed_strongly):
            self.weapons.add(key)
            return None
        # A first name before a capitalised word is a person ("David Feldheim", "Mary Johnson"); alone it needs a
        # cue ("in David").
        if single and key in _first_names() and not self.all_caps and not any(h.place.is_country for h in hits):
            follower = tokens[j] if j < len(tokens) else None
            if follower is not None and follower.is_capitalised and follower.lower not in _ORG_WORDS:
                return None
            if not cued and not any(h.place.feature_code in {"ADM1", "PPLC"} or h.place.population >= 1_000_000
                                    for h in hits):
                return None
        direction_prefix = partial = embedded = False
        if self.all_caps:
            stop = _stop_words()
            # An alternate name makes a place strong here only for a city of millions ("IRBIL"): "COME" is no Como.
            strong = strong and any(_is_strong(h) and (h.kind != "alt" or h.place.population >= METROPOLIS)
                                    for h in hits)
            if tokens[i].lower in stop or tokens[j - 1].lower in stop or not (strong or cued):
                return None
            # After a given name or a title, a word is a surname: "RENE EMILIO PONCE", "COLONEL PONCE"; and so is
            # the same word alone later in the document ("CRISTIANI AND PONCE RESUMED"), or a speaker's label.
            before = tokens[i - 1].lower if i >= 1 else ""
            # "RIVERA Y DAMAS": a Spanish double surname joins its parts with "Y".
            double_surname = before == "y" and i >= 2 and self.surnames.get(name_keys(tokens[i - 2].text)[0], False)
            if not typed and (name_keys(before)[0] in _first_names() or before in _PERSON_TITLES
                              or before.removesuffix("s") in _PERSON_TITLES or double_surname):
                self.surnames[key] = True
                return None
            if single and self.surnames.get(key) and not cued:
                return None
            # A word that is a place only by one of its alternate names ("WAVE" for Wavre, "DRUG" for Durg) or a
            # given name ("JUAN", "VICTOR") is, in upper-case copy, mostly a word or a person: it needs a cue, or
            # to be a country, a province, a capital or a city of millions by that name ("IRBIL", "SANTIAGO").
            if single and (kinds == {"alt"} or key in _first_names()) and not cued and not any(
                    h.place.population >= METROPOLIS or (h.kind != "alt" and (
                        h.place.is_country or h.place.feature_code in {"ADM1", "PPLC"})) for h in hits):
                return None
        else:
            # Only particles (after an earlier place: "Tripoli as Libya") or directions ("South Los Angeles") may
            # come before a place inside a capitalised run; anything else makes it part of a person's or an
            # organisation's name ("George Washington").
            before_in_segment = [t for t in tokens[segment[0]:i]
                                 if t.is_word and t.lower not in _NAME_PARTICLES and t.lower not in {"a", "an"}]
            after_in_segment = tokens[j:segment[1]]
            if after_in_segment[:1] and after_in_segment[0].lower == "on" and not (
                    len(after_in_segment) > 1 and after_in_segment[1].text == "-"):
                after_in_segment = []  # "the Old City on Friday": the name ends before "on"
            country = any(h.place.is_country and h.kind != "demonym" for h in hits)
            if before_in_segment:
                if all(t.lower in _DIRECTIONS for t in before_in_segment):
                    direction_prefix = True
                elif country:
                    embedded = True  # "Air Zimbabwe", "HSBC Malta": the country in an organisation's name
                else:
                    return None
            if after_in_segment and not (strong or after_in_segment[0].lower in _ORG_WORDS):
                return None
            partial = bool(after_in_segment) and after_in_segment[0].lower not in _ORG_WORDS
            # "Tyler Presley ... Investigators say Presley was shot": a two-word run whose second word the story
            # uses alone is a person's name.
            follower = after_in_segment[0].lower if len(after_in_segment) == 1 else ""
            if (partial and single and follower in self.lone_words and follower not in _WEEKDAYS
                    and follower not in hits_of and not any(
                        h.kind == "demonym" or h.place.feature_code in _STRONG_FEATURES
                        or h.place.feature_code == CONTINENT for h in hits)):
                return None
            embedded = embedded or partial and country  # "Malta Financial Services Authority"
            sentence_initial = i <= self.first_word
            if sentence_initial and not (strong or typed):
                return None
            if single and key in self.surnames and not cued and (self.surnames[key] or not major):
                return None
        if not (strong or cued) and not any(
                h.place.population >= _MIN_POPULATION_UNCUED and (h.kind != "alt" or h.place.population >= 20_000)
                for h in hits):
            return None
        start = before_in_segment[0].start if direction_prefix else tokens[i].start
        return _Candidate(start=start, end=tokens[j - 1].end, text=self._part_slice(start, tokens[j - 1].end),
                          part=self.sentence.part, sentence=self.sentence.index, key=key, full_key=full, hits=hits,
                          cued=cued, direction_prefix=direction_prefix, partial=partial, embedded=embedded,
                          next_word=tokens[j].lower if j < len(tokens) else "",
                          previous_word=self._word_before(tokens.index(before_in_segment[0]) if direction_prefix else i),
                          determined=i >= 1 and tokens[i - 1].lower in {"the", "our", "its", "their"})

    def _street(self, first: int, stop: int) -> _Candidate:
        """A street ("Moran Street", "Royal Street"): a place mention the gazetteer cannot resolve, never its
        namesake town."""
        start, end = self.tokens[first].start, self.tokens[stop - 1].end
        text = self._part_slice(start, end)
        return _Candidate(start=start, end=end, text=text, part=self.sentence.part, sentence=self.sentence.index,
                          key=name_keys(text)[0], full_key="", hits=[], cued=True, reason=STREET_REASON)

    def _part_slice(self, start: int, end: int) -> str:
        return self.text[start - self.offset:end - self.offset]

    def _note_unmatched(self, segment: tuple[int, int], found: list[_Candidate], matched: bool) -> None:
        """A capitalised name the gazetteer lacks is still a place when a type word says so ("the al-Salam
        neighborhood", "the village of Xyz"): reported unresolved. The last word of a multiword name that is no
        place is remembered as a likely surname, so alone later ("Jackson said") it is not read as a town."""
        first, stop = segment
        words = [t for t in self.tokens[first:stop] if t.is_word]
        # The value says whether the run reads as a person's name ("Officer Mark Jackson"): only then does its last
        # word stop even a big town later; "Breaking News Russia" does not make Russia a surname.
        if len(words) >= 2:
            key = name_keys(words[-1].text)[0]
            self.surnames[key] = self.surnames.get(key, False) or any(
                t.lower in _PERSON_TITLES or name_keys(t.text)[0] in _first_names() for t in words[:-1])
        if matched:
            return
        if len(words) >= 2 and words[-1].lower in _STREET_WORDS:
            found.append(self._street(first, stop))
            return
        after = self.tokens[stop].lower if stop < len(self.tokens) else ""
        before = self._word_before(first)
        before_before = self.tokens[first - 2].lower if first >= 2 else ""
        typed = after in _UNRESOLVED_TYPE_WORDS or before == "of" and before_before in _UNRESOLVED_TYPE_WORDS
        # "in Sayyid Hamad, Nineveh, Iraq", "Hayy Aqsu, Tuz Khormato, Saladin, Iraq": a name opening or inside a
        # comma chain may be a place; it is kept if a place after it contains it and the chain ends in a country.
        opens_or_continues = (before in {"in", "near", "at", "outside"}
                              or first >= 1 and self.tokens[first - 1].text == ",")
        chain_link = (not typed and after == "," and stop + 1 < len(self.tokens)
                      and self.tokens[stop + 1].is_capitalised and opens_or_continues)
        if (typed or chain_link) and words and not all(t.lower in _not_places() for t in words):
            start, end = self.tokens[first].start, self.tokens[stop - 1].end
            found.append(_Candidate(start=start, end=end, text=self._part_slice(start, end), part=self.sentence.part,
                                    sentence=self.sentence.index, key=name_keys(self._part_slice(start, end))[0],
                                    full_key="", hits=[], cued=True, reason="not in gazetteer", chain_link=chain_link))


# ----------------------------------------------------------------------------------------------- resolution

def _sense_prior(hit: NameHit, hits: list[NameHit]) -> float:
    """The prior of one reading of a name before any context: the entry's own name counts for more than an
    alternate, and an alternate loses much more where a place in another country bears the name as its own
    ("Philadelphia" is an old name of Amman, "Salisbury" of Harare: the living towns of those names come first;
    "Arbil", both the city's alternate and its governorate's name, stays in Iraq either way)."""
    score = hit.place.prior
    if hit.kind != "alt":
        return score + 0.4 + (0.5 if hit.place.population >= 1_000_000 else 0.0)
    if any(other.kind == "name" and other.place.country_code != hit.place.country_code for other in hits):
        return score - 1.0
    return score


def _inside(place: Place, container: Place) -> bool:
    if container.is_country:
        return place.country_code == container.country_code
    if container.feature_code == "ADM1":
        return (place.country_code == container.country_code and container.admin1_code is not None
                and place.admin1_code == container.admin1_code) or (
            place.country_code == container.country_code and distance_km(place.latitude, place.longitude,
                                                                  container.latitude, container.longitude) < 150)
    if container.feature_code == "ADM2" and place.country_code == container.country_code:
        # A province listed as a second-level division ("Negros Oriental"): its name, or, for a town the
        # gazetteer gives no division, its admin1 and near its centre.
        if place.admin2:
            if name_keys(place.admin2)[0] == name_keys(container.name)[0]:
                return True
        elif container.admin1_code in (None, place.admin1_code) and distance_km(
                place.latitude, place.longitude, container.latitude, container.longitude) < 100:
            return True
    return distance_km(place.latitude, place.longitude, container.latitude, container.longitude) < 40


@dataclass
class _Context:
    """What the whole document says about where it is."""

    focus: str | None  # the focus country
    # The admin1 regions of the document's unambiguous places, with the names that resolved there.
    regions: dict[tuple[str, str | None], set[str]] = field(default_factory=dict)
    home_region: tuple[str, str] | None = None  # the admin1 region of a local outlet's market
    # Readings of a town and of a county the document names that agree: the town lies in that county.
    coherent: frozenset[int] = frozenset()


def _score(hit: NameHit, candidate: _Candidate, context: _Context) -> float:
    """The prior, then the evidence: the entry's own name (not an alternate: "White House" is also a name of
    Casablanca), a city of a million or more (which outranks the focus country: "Paris" in a US story is still
    Paris, France), the document's focus country, the admin1 regions other names of the document resolved to, the
    region a local outlet serves, a container, a type word after the name."""
    place = hit.place
    score = _sense_prior(hit, candidate.hits)
    if hit.full_key == candidate.full_key:
        score += 0.3
    if context.focus and place.country_code == context.focus:
        score += 2.5
    region = (place.country_code, place.admin1_code)
    if context.regions.get(region, set()) - {candidate.key} and not place.is_country:
        score += 0.8
    if region == context.home_region and not place.is_country:
        score += HOME_REGION_BONUS
    if place.id in context.coherent:
        score += TOWN_IN_COUNTY_BONUS
    container = candidate.container or candidate.inside_of
    if container is not None and container.chosen is not None:
        held_in = container.chosen.place
        if _inside(place, held_in):
            score += 4.0
        elif held_in.feature_code.startswith("PPL"):
            score -= 2.0
        else:
            # A place said to lie in a region it is not in lies, most likely, near it ("the Gaza border in
            # Southern district": the Gaza Strip, not Mozambique's Gaza province).
            score -= 2.0 + min(distance_km(place.latitude, place.longitude, held_in.latitude, held_in.longitude)
                               / 500, 3.0)
    country = candidate.chain_country
    if country is not None and country.chosen is not None and country is not container:
        score += 3.0 if place.country_code == country.chosen.place.country_code else -3.0
    type_word = candidate.next_word if candidate.next_word in TYPE_SUFFIXES else candidate.full_key.rpartition(" ")[2]
    if type_word in TYPE_SUFFIXES:
        score += 1.5 if place.feature_code in {"ADM1", "ADM2", "RGN"} else -1.0
    elif place.feature_code == "ADM1" and any(h.kind != "alt" and h.place.feature_code.startswith("PPL")
                                              and _inside(h.place, place) for h in candidate.hits):
        score -= 1.0  # without "province" or "district", "Tel Aviv" is the city more often than its district
    elif place.feature_code == "ADM2" and any(
            h.kind != "alt" and h.place.feature_code.startswith("PPL") and h.place.country_code == place.country_code
            and h.place.admin1_code == place.admin1_code for h in candidate.hits):
        score -= 2.0  # without "County", "in Wadena" or an Ohio "Warren" is the town, wherever its county lies
    return score


def _towns_in_named_counties(candidates: list[_Candidate]) -> frozenset[int]:
    """The readings of the document's towns that lie in a county the document names, and those counties'
    readings: "Mason County ... Shelton" is Shelton, Washington in Mason County, Washington (not Shelton,
    Connecticut, nor Mason County, Kentucky)."""
    counties: dict[tuple[str, str | None, str], list[tuple[str, int]]] = defaultdict(list)
    for candidate in candidates:
        # Only a county the text names as one: "Texas" is no vote for Texas County, Missouri (and its Houston).
        if "county" not in (candidate.next_word, candidate.full_key.rpartition(" ")[2]):
            continue
        for hit in candidate.hits:
            if hit.place.feature_code == "ADM2":
                counties[(hit.place.country_code, hit.place.admin1_code, hit.place.name)].append(
                    (candidate.key, hit.place.id))
    coherent: set[int] = set()
    for candidate in candidates:
        for hit in candidate.hits:
            place = hit.place
            if not place.feature_code.startswith("PPL") or not place.admin2:
                continue
            # "Mason County" itself reads as the town of Mason, Texas in Mason County, Texas: no agreement.
            county = [place_id for key, place_id in counties.get((place.country_code, place.admin1_code,
                                                                  place.admin2), ()) if key != candidate.key]
            if county:
                coherent.add(place.id)
                coherent.update(county)
    return frozenset(coherent)


def _choose(candidate: _Candidate, context: _Context) -> None:
    if not candidate.hits:
        return
    scored = sorted(((_score(h, candidate, context), -h.place.id, h) for h in candidate.hits),
                    key=lambda item: item[:2], reverse=True)
    best = scored[0]
    margin = best[0] - scored[1][0] if len(scored) > 1 else 3.0
    candidate.chosen = best[2]
    candidate.score = round(1 / (1 + math.exp(-margin)), 3)


_CHAIN_TYPE_WORDS = _TYPE_AFTER | {"regional council", "council", "chieftaincy", "sector", "commune", "locality",
                                   "subdistrict", "sub-district", "tehsil", "taluka", "block", "division", "zone",
                                   "local government area", "lga", "emirate", "canton", "governorate"}
# A type word or a parenthesis after a link: "Southern district", "Eshkol Regional Council", "Southern (Hadarom)".
# An Arabic name may go on past the gazetteer's match with a hyphenated article: "Bab al-Sharji area, Baghdad".
# A lowercase word the list lacks may stand for a type word too ("Ar Rashidiyah neighborhod, Baiji city").
_CHAIN_TYPE = (r"(?:\s+(?:al|el|ad|ar|as|an|at|ash|az|ul)-[\w'’]+)*(?:\s+(?:(?i:%s)|[a-z]{4,}))?"
               r"(?:\s*\([^()]{1,40}\))?" % "|".join(sorted(_CHAIN_TYPE_WORDS, key=len, reverse=True)))
# What may sit between two links of a comma chain: "Southern district, Israel", "Mount Hermon area, Golan
# Heights, Israel", "Gom, Gwer-West, Benue, Nigeria" (unrecognised names in between keep the chain going).
_CHAIN_NEXT = re.compile(r"%s\s*,\s*" % _CHAIN_TYPE)
# Lowercase words inside the unrecognised names of a chain: "Deir ez-Zor", "Mamund tehsil", "Puli Alam".
_CHAIN_INNER = r"al|el|ez|es|ed|er|et|ul|ad|ar|as|at|an|ash|az|e|i|ye|de|del|la|le|of"
_CHAIN_BETWEEN = re.compile(r"%s\s*,\s*(?:[A-Z][\w'’.-]*(?:[\s-]+(?:[A-Z][\w'’.-]*|%s))*%s\s*,\s*)*"
                            % (_CHAIN_TYPE, _CHAIN_INNER, _CHAIN_TYPE))


def _is_country_name(candidate: _Candidate) -> bool:
    return any(h.place.is_country and h.kind != "demonym" for h in candidate.hits)


def _link_containers(candidates: list[_Candidate], part_text: str) -> None:
    """"Mobile, Ala.", "Jerusalem, Israel", "Southern district, Israel": the second contains the first. A country
    closing a comma chain contains every link of it ("Eshkol, Southern district, Israel"). "Balad Air Base in
    Salahaddin": a region after "in" contains the place before it."""
    chain: list[_Candidate] = []
    for first, second in zip(candidates, candidates[1:]):
        if first.part != second.part or first.sentence != second.sentence:
            chain = []
            continue
        between = part_text[first.end:second.start]
        if _is_country_name(first) and _is_country_name(second) and not any(
                h.place.country_code == c.place.country_code for h in first.hits if not h.place.is_country
                for c in second.hits if c.place.is_country):
            # "Panama, Costa Rica and Mexico": a list of countries; but "Niger, Nigeria" is a state in its country
            chain = []
            continue
        if _CHAIN_NEXT.fullmatch(between) or _CHAIN_BETWEEN.fullmatch(between):
            if _CHAIN_NEXT.fullmatch(between) and any(h.kind != "demonym" for h in second.hits):
                first.container = second
            chain.append(first)
            # "Police District 4, Kabul, Afghanistan": the country closing the chain contains every link.
            if _is_country_name(second):
                for link in chain:
                    link.chain_country = second
                chain = []
            continue
        chain = []
        site = first.hits and all(h.place.feature_code in SITE_FEATURES for h in first.hits)
        if re.fullmatch(r"\s+(?:\w+\s+)?in\s+(the\s+)?", between) and (first.reason == STREET_REASON or site or any(
                h.place.feature_code in {"ADM1", "PCLI", "RGN", "ADM2"} for h in second.hits)):
            # "Balad Air Base in Salahaddin"; "Collins Avenue in Miami Beach"; "the Al-Thawra hospital in Taizz"
            first.inside_of = second


def _focus_country(candidates: list[_Candidate], home: OutletHome | None) -> str | None:
    """The country most of the document's unambiguous names lie in; the outlet's country is one vote, and wins a
    tie."""
    votes = Counter([home.country] if home else [])
    regions_voted: set[str] = set()
    for candidate in candidates:
        if candidate.hits:
            # The readings whose whole name the text spells come first: "Geneva County" is Alabama's, not a vote
            # for the canton of Geneva.
            exact = [h for h in candidate.hits if h.full_key == candidate.full_key] or candidate.hits
            top = max(exact, key=lambda h: _sense_prior(h, candidate.hits))
            if top.place.feature_code == CONTINENT or top.kind == "alt" and any(
                    h.kind == "name" and h.place.country_code != top.place.country_code for h in candidate.hits):
                continue  # "Salisbury", an old name of Harare, is no vote for Zimbabwe: towns bear it as theirs
            if top.place.feature_code == "ADM1":
                # A region's name repeated is one vote: "Santa Ana" thrice in a Californian story is no case
                # for El Salvador.
                if candidate.key in regions_voted:
                    continue
                regions_voted.add(candidate.key)
            if top.place.is_country or top.place.feature_code in {"ADM1", "PPLC"} or len(
                    {h.place.country_code for h in candidate.hits}) == 1:
                # A country named outright says more than a village that happens to exist in one country only.
                named_country = top.place.is_country and top.kind != "demonym"
                votes[top.place.country_code] += 2 if named_country else 1
    return votes.most_common(1)[0][0] if votes else None


def _resolve(candidates: list[_Candidate], home: OutletHome | None = None) -> str | None:
    focus = _focus_country(candidates, home)
    home_region = (home.country, home.admin1_code) if home and home.admin1_code else None
    context = _Context(focus, home_region=home_region, coherent=_towns_in_named_counties(candidates))
    for candidate in candidates:
        _choose(candidate, context)
    # Places in the same admin1 as the document's unambiguous places are likelier; then the containers' choices
    # (already made above) inform what they contain.
    context.regions = defaultdict(set)
    for c in candidates:
        if c.chosen and c.score >= 0.9 and not c.chosen.place.is_country:
            context.regions[(c.chosen.place.country_code, c.chosen.place.admin1_code)].add(c.key)
    for candidate in candidates:
        _choose(candidate, context)
    _contain_what_they_contain(candidates)
    datelined = [c.chosen.place for c in candidates if c.dateline and c.chosen is not None]
    story_region = ((datelined[0].country_code, datelined[0].admin1_code) if datelined else home_region)
    # The country a comma chain ends in, by sentence: "in Belen Kue, Concepcion, Paraguay".
    located_in = {(c.part, c.sentence): c.chain_country.chosen.place.country_code for c in candidates
                  if c.chain_country is not None and c.chain_country.chosen is not None}
    reach = _outlet_reach(candidates, home)
    named_countries = {c.chosen.place.country_code for c in candidates
                       if c.chosen is not None and (c.chosen.place.is_country or c.is_demonym)}
    # One sense per document: a name repeated without its own context takes the sense of its best-evidenced use.
    best_by_key: dict[str, _Candidate] = {}
    for candidate in candidates:
        if candidate.chosen is None:
            continue
        evidence = (candidate.container is not None or candidate.inside_of is not None, candidate.score)
        known = best_by_key.get(candidate.key)
        if known is None or evidence > (known.container is not None or known.inside_of is not None, known.score):
            best_by_key[candidate.key] = candidate
    for candidate in candidates:
        best = best_by_key.get(candidate.key)
        if best is not None and candidate.container is None and candidate.inside_of is None:
            candidate.chosen, candidate.score = best.chosen, max(candidate.score, best.score)
        country = candidate.chain_country
        if (country is not None and country.chosen is not None and candidate.chosen is not None
                and candidate.chosen.place.country_code != country.chosen.place.country_code):
            candidate.chosen, candidate.score = None, 0.0
            candidate.reason = f"not in gazetteer: no place of this name in {country.chosen.place.name}"
        holder = _holder_it_lies_outside(candidate)
        if holder is not None:
            candidate.chosen, candidate.score = None, 0.0
            candidate.reason = f"not in gazetteer: no place of this name in {holder.chosen.place.name}"
        sentence_country = located_in.get((candidate.part, candidate.sentence))
        astray = (located_in and (_foreign_place(candidate, focus)
                                  or _outside_its_sentences_country(candidate, sentence_country))
                  or _town_outside_the_story_region(candidate, story_region))
        if home_region and _unlikely_abroad(candidate, home_region[0], named_countries):
            candidate.chosen, candidate.score = None, 0.0
            candidate.reason = "not in gazetteer: no place of this name in the local outlet's country"
            continue
        if _beyond_the_outlets_reach(candidate, best, reach):
            _choose_within_the_outlets_reach(candidate, reach, context)
            if candidate.chosen is None:
                continue
        if candidate.partial and astray:
            # "Juma Bazaar, Faryab, Afghanistan", "Middle Shebelle, Somalia": in a story that places itself with a
            # comma chain ending in a country, the first word of a longer name is no town or region abroad; in the
            # chain's own sentence not even a city of millions ("Belen Kue, Concepcion, Paraguay" is not Belém).
            # Elsewhere the run may be a title or an event named after the place ("Venice Biennale"), except a
            # small town outside the region a dateline or a local outlet places the story in ("Logan Heights" of a
            # San Diego station is no Logan, Utah).
            candidate.chosen, candidate.score = None, 0.0
            candidate.reason = "not in gazetteer: part of a longer name"
        if (candidate.next_word in _SUBCITY_WORDS and candidate.chosen is not None
                and candidate.chosen.place.feature_code.startswith("PPL")
                and candidate.chosen.place.country_code != focus):
            # "the al-Salam neighborhood" of a story about Iraq is no village of that name abroad.
            candidate.chosen, candidate.score = None, 0.0
            candidate.reason = f"not in gazetteer: no {candidate.next_word} of this name in the document's country"
    _place_in_named_towns(candidates)
    # A neighbourhood is placed in the story's town before the streets said to be in it take their town.
    _neighbourhoods_of_the_story_town(candidates)
    _streets_in_their_towns(candidates)
    _streets_in_the_story_town(candidates)
    _sides_of_the_outlets_town(candidates, home)
    return focus


@dataclass
class _OutletReach:
    """Where a local outlet's stories happen unless the text says otherwise: its state, its market (within
    OUTLET_REACH_KM of its town), and any state the story names ("Kentucky State Police" in a Hartford station's
    copy of a Kentucky story)."""

    home: OutletHome
    named_regions: set[tuple[str, str | None]]
    named_cities: list[tuple[str, Place]]  # with the key of the name that named each

    def covers(self, place: Place, key: str) -> bool:
        """Whether the outlet reaches `place`, read from the name `key` (a city covers its area for other names,
        not itself)."""
        home, region = self.home, (place.country_code, place.admin1_code)
        if region == (home.country, home.admin1_code) or region in self.named_regions:
            return True
        if home.place is not None and distance_km(place.latitude, place.longitude, home.place.latitude,
                                                  home.place.longitude) <= OUTLET_REACH_KM:
            return True
        return any(distance_km(place.latitude, place.longitude, city.latitude, city.longitude) <= CITY_AREA_KM
                   for named_by, city in self.named_cities if named_by != key)


def _outlet_reach(candidates: list[_Candidate], home: OutletHome | None) -> _OutletReach | None:
    if home is None or home.admin1_code is None:
        return None
    chosen = [(c.key, c.chosen.place) for c in candidates if c.chosen is not None and not c.is_demonym]
    return _OutletReach(home, {(p.country_code, p.admin1_code) for _, p in chosen if p.feature_code == "ADM1"},
                        [(key, p) for key, p in chosen
                         if p.feature_code.startswith("PPL") and p.population >= _TOWN_ABROAD])


def _local_kind(place: Place) -> bool:
    return place.feature_code.startswith("PPL") or place.feature_code == "ADM2"


def _beyond_the_outlets_reach(candidate: _Candidate, best: _Candidate | None, reach: _OutletReach | None) -> bool:
    """A town or county a local outlet names without its state that lies beyond the outlet's reach ("Warren
    Township" of a paper in Warren, Ohio is not the one in New Jersey; "Kendall" of an Evansville paper is no
    Florida suburb; "Antioch" of a Nashville station is no Californian city of 110,000); a city of 150,000 or a
    state's capital is news anywhere, and a town by a city the story names is the city's ("Kilburn" in a Dundee
    paper's story about London)."""
    chosen = candidate.chosen
    if reach is None or chosen is None:
        return False
    placed = [c for c in (candidate, best) if c is not None
              and (c.container is not None or c.inside_of is not None or c.chain_country is not None)]
    place = chosen.place
    return (not placed and place.country_code == reach.home.country and place.population < _NEWS_ANYWHERE
            and place.feature_code not in {"PPLC", "PPLA"} and _local_kind(place)
            and not reach.covers(place, candidate.key))


def _choose_within_the_outlets_reach(candidate: _Candidate, reach: _OutletReach, context: _Context) -> None:
    """The best reading of the name within the local outlet's reach, else none."""
    near = [h for h in candidate.hits if h.place.country_code == reach.home.country and _local_kind(h.place)
            and reach.covers(h.place, candidate.key)]
    if near:
        candidate.chosen = max(near, key=lambda h: _score(h, candidate, context))
        return
    candidate.chosen, candidate.score = None, 0.0
    candidate.reason = "not in gazetteer: no place of this name within the local outlet's reach"


_NEIGHBOURHOOD_WORDS = frozenset({"neighborhood", "neighbourhood", "suburb", "quarter"})
# A story naming its town this often places the streets it names without one.
STREET_TOWN_MENTIONS = 2


def _story_town(candidates: list[_Candidate], min_mentions: int) -> _Candidate | None:
    """The first mention of the town the story names most (at least `min_mentions` times; the earliest on a tie)."""
    towns = [c for c in candidates if c.chosen is not None and c.chosen.place.feature_code.startswith("PPL")
             and c.next_word not in _NEIGHBOURHOOD_WORDS and not c.part_of_town]
    counts = Counter(c.chosen.place.id for c in towns)
    if not counts:
        return None
    town_id, mentions = counts.most_common(1)[0]
    return next(c for c in towns if c.chosen.place.id == town_id) if mentions >= min_mentions else None


def _neighbourhoods_of_the_story_town(candidates: list[_Candidate]) -> None:
    """"the Austin neighborhood" of a story that keeps naming Chicago: a neighbourhood whose namesake town lies far
    from the town the story names most is a part of that town (ACLED codes a neighbourhood as its city, at
    geo_precision 2), and so is every other mention of that name."""
    town = _story_town(candidates, min_mentions=2)
    if town is None:
        return
    far = {c.key for c in candidates
           if c.next_word in _NEIGHBOURHOOD_WORDS and c.chosen is not None and c.chosen.place.id != town.chosen.place.id
           and distance_km(c.chosen.place.latitude, c.chosen.place.longitude, town.chosen.place.latitude,
                           town.chosen.place.longitude) > 2 * NEIGHBOURHOOD_KM}
    for candidate in candidates:
        if candidate.key in far and candidate.container is None and candidate.inside_of is None:
            candidate.chosen, candidate.score, candidate.part_of_town = town.chosen, town.score, True


def _streets_in_the_story_town(candidates: list[_Candidate]) -> None:
    """"Gunfire erupted on Royal Street" in a story about New Orleans: a street no container places stands for the
    town the story names most, at geo_precision 2."""
    town = _story_town(candidates, min_mentions=STREET_TOWN_MENTIONS)
    if town is None:
        return
    for candidate in candidates:
        if candidate.reason == STREET_REASON and candidate.chosen is None:
            candidate.chosen, candidate.score, candidate.part_of_town = town.chosen, town.score, True
            candidate.reason = None


def _sides_of_the_outlets_town(candidates: list[_Candidate], home: OutletHome | None) -> None:
    """"the South Side" in a Chicago paper's story that names no town: a side of the local outlet's town."""
    if home is None or home.place is None:
        return
    for candidate in candidates:
        if candidate.side_of_town and candidate.chosen is None:
            candidate.chosen = NameHit(place=home.place, kind="name", full_key=name_keys(home.place.name)[1])
            candidate.score, candidate.part_of_town, candidate.reason = 0.5, True, None


def _streets_in_their_towns(candidates: list[_Candidate]) -> None:
    """"Moran Street, Kiryat Yam", "Collins Avenue in Miami Beach": a street stands for the town it is in, at
    ACLED's geo_precision 2, as a facility the gazetteer lacks does."""
    for candidate in candidates:
        holder = candidate.container or candidate.inside_of
        if candidate.reason == STREET_REASON and holder is not None and holder.chosen is not None \
                and not holder.chosen.place.is_country:
            candidate.chosen, candidate.score, candidate.part_of_town = holder.chosen, holder.score, True
            candidate.reason = None


def _holder_it_lies_outside(candidate: _Candidate) -> _Candidate | None:
    """The place said to hold the candidate's reading when that reading lies outside it: a dateline's town lies
    in its state; a quarter or site in the town it is said to be in; a small town in the province or the bigger
    town after it ("Trinidad, Guihulngan, Negros Oriental": no Trinidad of Bohol; "Ali Khel, Laghman": not the
    Ali Khel of Paktia)."""
    chosen = candidate.chosen
    if chosen is None:
        return None
    place = chosen.place
    if candidate.dateline:
        holder = candidate.container
    elif place.feature_code in SITE_FEATURES:
        holder = candidate.inside_of
    elif place.feature_code.startswith("PPL") and place.population < _BIG_POPULATION:
        holder = candidate.container or candidate.inside_of
    else:
        return None
    if holder is None or holder.chosen is None or _inside(place, holder.chosen.place):
        return None
    # "St. Gregory of Narek in Vatican": after "in", a country is where the sentence's subject is, and the
    # town may name a person's origin; the country closing a comma chain is checked with the chain.
    if holder is candidate.inside_of and holder.chosen.place.is_country:
        return None
    held_in = holder.chosen.place
    # A town holds another only inside a longer chain ("Trinidad, Guihulngan, Negros Oriental"): "Bijbehara,
    # Jammu and Kashmir" names the region, "Fallujah, Ramadi and Hit" a list.
    if not candidate.dateline and held_in.feature_code.startswith("PPL") and (
            held_in.population <= place.population or holder.container is None):
        return None
    return holder


def _town_outside_the_story_region(candidate: _Candidate, region: tuple[str, str | None] | None) -> bool:
    chosen = candidate.chosen
    return (region is not None and chosen is not None and chosen.place.feature_code.startswith("PPL")
            and chosen.place.population < METROPOLIS
            and (chosen.place.country_code, chosen.place.admin1_code) != region)


def _outside_its_sentences_country(candidate: _Candidate, country: str | None) -> bool:
    chosen = candidate.chosen
    return (country is not None and chosen is not None and not chosen.place.is_country
            and chosen.place.feature_code != CONTINENT and chosen.place.country_code != country)


def _unlikely_abroad(candidate: _Candidate, home_country: str, named_countries: set[str]) -> bool:
    """A local outlet's story names a small town or a region abroad with a cue ("in Kunduz"), and then only in a
    story that names its country ("a Cashmere youth", "in North County", "a Panorama City murder-suicide" of a US
    station are no New Zealand, Cameroon or Brazil); a city abroad it names with a cue or with its country."""
    if candidate.is_demonym or candidate.inside_of is not None or not _foreign_place(candidate, home_country):
        return False
    small = candidate.chosen.place.population < _TOWN_ABROAD
    if candidate.chosen.place.country_code in named_countries:
        return small and not candidate.cued
    return small or not candidate.cued


def _foreign_place(candidate: _Candidate, focus: str | None) -> bool:
    """A town or region (not a country, a capital or a city of a million) outside the document's focus country."""
    if candidate.chosen is None or not focus or candidate.container is not None:
        return False
    place = candidate.chosen.place
    return (not place.is_country and place.feature_code not in {"PPLC", CONTINENT}
            and place.population < METROPOLIS and place.country_code not in (focus, ""))


def _contain_what_they_contain(candidates: list[_Candidate]) -> None:
    """"Tacoma, Washington": an ambiguous container takes the reading that holds the place it follows (the state
    of Washington, not the capital), and the contained place is chosen again with that container."""
    for candidate in candidates:
        container = candidate.container
        if container is None or container.chosen is None or candidate.chosen is None:
            continue
        if _inside(candidate.chosen.place, container.chosen.place):
            continue
        holding = [h for h in container.hits if h.place.feature_code in {"ADM1", "ADM2", "RGN"} or h.place.is_country]
        holding = [h for h in holding if _inside(candidate.chosen.place, h.place)]
        if holding:
            container.chosen = max(holding, key=lambda h: _sense_prior(h, container.hits))


def _place_in_named_towns(candidates: list[_Candidate]) -> None:
    """"In Jerusalem, Israel, a bomb went off outside the walled Old City": a quarter or site a few kilometres from
    a much bigger town the same sentence names is part of that town, though its own entry says another country."""
    towns = [c for c in candidates if c.chosen is not None and c.chosen.place.feature_code.startswith("PPL")]
    for candidate in candidates:
        chosen = candidate.chosen
        if (chosen is None or chosen.place.is_country
                or chosen.place.feature_code in {"ADM1", "ADM2", "RGN"} | NATURAL_FEATURES
                or candidate.container or candidate.inside_of or candidate.chain_country):
            continue
        for town in towns:
            place = town.chosen.place
            if (town is not candidate and town.part == candidate.part and town.sentence == candidate.sentence
                    and place.country_code != chosen.place.country_code
                    and place.population > max(5 * chosen.place.population, 50_000)
                    and distance_km(place.latitude, place.longitude, chosen.place.latitude, chosen.place.longitude) < 6):
                candidate.chosen, candidate.score, candidate.part_of_town = town.chosen, town.score, True
                break


# How far from the centre of a district or town a place said to be in it may lie.
HOLDER_REACH_KM = 60


def _spelling_variants_in_their_holders(candidates: list[_Candidate], gazetteer: Gazetteer) -> None:
    """"in Janzour, Jafara, Libya", "Shirqat district, Saladin": a name the gazetteer lacks, or has only elsewhere,
    is the town of the province or district it is said to be in that is spelt alike but for vowels, doubled
    letters and transliteration (Janzur, Ash Sharqat); the most populous such town, if any."""
    for candidate in candidates:
        holder = candidate.container or candidate.inside_of
        if (candidate.chosen is not None or candidate.reason == STREET_REASON or holder is None
                or holder.chosen is None or holder.chosen.place.is_country or holder.is_demonym):
            continue
        region = holder.chosen.place
        variants = gazetteer.spelling_variants(candidate.key, region, HOLDER_REACH_KM)
        if variants:
            town = max(variants, key=lambda p: p.population)
            candidate.chosen, candidate.score, candidate.reason = NameHit(town, "alt", candidate.full_key), 0.7, None


_REGION_TYPE_WORDS = frozenset({"governorate", "district", "region", "province", "territory", "state", "department"})


def _the_capital_of_the_focus_country(candidates: list[_Candidate], focus: str | None, gazetteer: Gazetteer) -> None:
    """"THE FMLN HAS BEGUN ITS 7TH DAY IN THE CAPITAL": the capital of the country the story is about, not a
    region named Capital somewhere ("Capital" of Venezuela); "Capital Governorate" keeps its type word."""
    named = [c for c in candidates
             if c.key == "capital" and c.determined and c.next_word not in _REGION_TYPE_WORDS]
    capital = gazetteer.capital(focus) if named and focus else None
    if capital is None:
        return
    for candidate in named:
        candidate.chosen, candidate.score = NameHit(capital, "alias", "capital"), 0.9
        candidate.reason = None


def _is_metonym(candidate: _Candidate) -> bool:
    if candidate.embedded:
        return True
    place = candidate.chosen.place
    if place.feature_code not in METONYM_FEATURES or candidate.is_demonym:
        return False
    if candidate.previous_word in {"in", "at", "near", "outside", "inside", "to", "into", "from", "across"}:
        return False
    return place.feature_code == "ADMF" or candidate.next_word in _METONYM_VERBS


def _to_mention(candidate: _Candidate, gazetteer: Gazetteer, article_id: str) -> PlaceMention:
    mention = PlaceMention(article_id=article_id, start=candidate.start, end=candidate.end, text=candidate.text,
                           field=candidate.part)
    if candidate.chosen is None:
        mention.reason = candidate.reason or "not in gazetteer"
        return mention
    place = candidate.chosen.place
    precision = place.precision
    if (candidate.direction_prefix or candidate.part_of_town) and precision == 1:
        precision = 2
    mention.name = place.name
    mention.latitude, mention.longitude = place.latitude, place.longitude
    mention.geonameid = place.geonameid
    mention.feature_code = place.feature_code
    mention.country = gazetteer.country_name(place.country_code)
    country = gazetteer.countries.get(place.country_code)
    mention.iso3 = country.iso3 if country else None
    mention.admin1 = None if place.is_country else (place.admin1 or (place.name if place.feature_code == "ADM1" else None))
    mention.admin2 = place.admin2
    mention.score = candidate.score
    mention.geo_precision = precision
    mention.is_demonym = candidate.is_demonym
    mention.is_metonym = _is_metonym(candidate)
    if candidate.score < 0.6:
        others = sorted({h.place.country_code for h in candidate.hits} - {place.country_code})
        mention.reason = f"ambiguous: also {', '.join(others[:5])}" if others else "ambiguous within the country"
    return mention


# ----------------------------------------------------------------------------------------------- the stage

_NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# An agency dateline opening a mixed-case story: "KINLOCH, Mo. (KMOV) –", "SAULT STE. MARIE, Mich. –",
# "SAVANNAH, GA (August 2, 2015):", "TOWN OF CASSVILLE, Wis. -". The town lies in the state (or country) after it.
_DATELINE = re.compile(r"\s*(?:(?:TOWN|CITY|VILLAGE|BOROUGH) OF )?"
                       r"(?P<town>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})"
                       r"\s*,\s*(?P<state>[A-Z][A-Za-z]*\.?(?:\s?[A-Z][a-z]*\.?)?)"
                       r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:[-–—:]|$)", re.MULTILINE)


# A dateline opens one of the first lines: a photo caption or a byline may come before it.
DATELINE_WITHIN = 300


def _dateline(text: str) -> re.Match | None:
    if is_all_caps(text[:400], CAPS_MIN_LETTERS):
        return None
    for line in re.finditer(r"^", text[:DATELINE_WITHIN], re.MULTILINE):
        match = _DATELINE.match(text, line.start())
        if match is not None and any(c.isupper() for c in match["town"]):
            return match
    return None


def _dateline_keys(match: re.Match) -> tuple[str, list[str]]:
    state = match["state"]
    keys = [name_keys(state)[0]]
    if re.fullmatch(r"[A-Z]{2}", state):
        keys.append(" ".join(state.lower()))  # "SC" for "S.C."
    return name_keys(match["town"])[0], keys


def _dateline_candidates(doc: Document, match: re.Match, hits: dict[str, list[NameHit]],
                         gazetteer: Gazetteer) -> list[_Candidate]:
    """The town and the state of a dateline, the town contained by the state."""
    town_key, state_keys = _dateline_keys(match)
    state_hits = [h for k in state_keys for h in hits.get(k, ())
                  if h.kind == "abbrev" or h.place.feature_code == "ADM1" or h.place.is_country and h.kind != "demonym"]
    if not state_hits and re.fullmatch(r"[A-Z]{2}", match["state"]):
        state_hits = gazetteer.us_states(match["state"])
    if not state_hits:
        return []
    sentence = next((s for s in doc.sentences if s.part == "text" and s.start <= match.start("town") < s.end), None)
    if sentence is None:
        return []
    text = doc.text
    town = _Candidate(start=match.start("town"), end=match.end("town"), text=match["town"], part="text",
                      sentence=sentence.index, key=town_key, full_key=name_keys(match["town"])[1],
                      hits=hits.get(town_key, []), cued=True, forced=True, dateline=True, next_word=",")
    state_end = match.end("state")
    state = _Candidate(start=match.start("state"), end=state_end, text=text[match.start("state"):state_end],
                       part="text", sentence=sentence.index, key=state_keys[0], full_key=state_keys[0],
                       hits=state_hits, cued=True, forced=True, dateline=True)
    return [town, state]


def _lone_capitalised_words(recognisers: list[_SentenceRecogniser]) -> frozenset[str]:
    """Capitalised words the document uses alone inside a sentence ("say Presley was"): surnames, mostly, when a
    longer run ends in one."""
    lone = set()
    for recogniser in recognisers:
        if recogniser.all_caps or recogniser.sentence.part == "title":
            continue
        tokens = recogniser.tokens
        seen_word = False
        for k, token in enumerate(tokens):
            if (seen_word and token.is_capitalised and token.is_word
                    and not tokens[k - 1].is_capitalised
                    and not (k + 1 < len(tokens) and tokens[k + 1].is_capitalised)):
                lone.add(token.lower)
            seen_word = seen_word or token.is_word
    return frozenset(lone)


# "[PONCE] I BELIEVE ...", "[COLONEL RENE EMILIO PONCE]": a transcript's speaker label names a person.
_SPEAKER_LABEL = re.compile(r"\[((?:[A-Z][A-Za-z'’.-]*\s?){1,4})\]")


def _speaker_surnames(text: str) -> dict[str, bool]:
    """The last word of each bracketed name in the text: speakers of a transcript, persons wherever named."""
    return {name_keys(label.split()[-1])[0]: True for label in _SPEAKER_LABEL.findall(text)}


def _recognise(doc: Document, gazetteer: Gazetteer) -> list[_Candidate]:
    surnames = _speaker_surnames(doc.text)
    weapons: set[str] = set()
    recognisers = [_SentenceRecogniser(s, doc.part_text(s.part), surnames, weapons) for s in _ordered(doc.sentences)]
    lone_words = _lone_capitalised_words(recognisers)
    for recogniser in recognisers:
        recogniser.lone_words = lone_words
    ner_spans = [(m, name_keys(m.text)) for m in doc.mentions if m.label in _NER_PLACE_LABELS]
    keys = set().union(*(r.keys() for r in recognisers)) | {k for _, (k, _) in ner_spans}
    dateline = _dateline(doc.text)
    if dateline is not None:
        town_key, state_keys = _dateline_keys(dateline)
        keys |= {town_key, *state_keys}
    hits = gazetteer.lookup(keys)
    candidates = [c for r in recognisers for c in r.recognise(hits)]
    if dateline is not None:
        found = _dateline_candidates(doc, dateline, hits, gazetteer)
        if found:
            # The agency in parentheses ("(WAVE)", "(AP)") is no place either.
            candidates = [c for c in candidates
                          if c.part != "text" or not dateline.start() <= c.start < dateline.end()] + found
    candidates = _with_country_phrases(doc, gazetteer, recognisers, candidates)
    candidates = _without_common_words_of_a_headline(doc, candidates)
    for mention, (key, full) in ner_spans:
        if not any(c.part == mention.part and c.start < mention.end and mention.start < c.end for c in candidates):
            candidates.append(_Candidate(start=mention.start, end=mention.end, text=mention.text, part=mention.part,
                                         sentence=mention.sentence, key=key, full_key=full, hits=hits.get(key, []),
                                         cued=True, forced=True))
    return sorted(candidates, key=lambda c: (c.part != "title", c.start))


_LOWER_WORD = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"\b[^\W\d_]{4,}\b")


def _without_common_words_of_a_headline(doc: Document, candidates: list[_Candidate]) -> list[_Candidate]:
    """A headline in title case capitalises every word; one the body writes in lower case is a common word there
    ("Drug Deal Ends With Teen Shot": "Drug" is no town when the story says "a drug deal")."""
    title = doc.article.title or ""
    words = _WORD.findall(title)
    if not words or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return candidates
    lower_words = {w for w in _WORD.findall(doc.text) if w[0].islower()}
    return [c for c in candidates
            if not (c.part == "title" and c.text.lower() in lower_words
                    and not any(h.place.is_country or h.place.feature_code == "ADM1" for h in c.hits))]


def _with_country_phrases(doc: Document, gazetteer: Gazetteer, recognisers: list[_SentenceRecogniser],
                          candidates: list[_Candidate]) -> list[_Candidate]:
    """Country names with lowercase words inside ("Democratic Republic of the Congo", "Bosnia and Herzegovina")
    span what the capitalised runs split; each replaces the pieces it covers ("Congo" alone is the other Congo)."""
    pattern, first_words, last_words = gazetteer.country_phrases
    for recogniser in recognisers:
        # The long pattern runs only where a sentence holds a word that can begin one of the names and one that can
        # end one.
        words = {token.lower for token in recogniser.tokens}
        if first_words.isdisjoint(words) or last_words.isdisjoint(words):
            continue
        sentence = recogniser.sentence
        text = doc.part_text(sentence.part)
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if not (match.group()[0].isupper() or is_all_caps(sentence.text, CAPS_MIN_LETTERS)):
                continue
            key, full = name_keys(match.group())
            start, end = match.span()
            candidates = [c for c in candidates if c.part != sentence.part or c.end <= start or c.start >= end]
            candidates.append(_Candidate(start=start, end=end, text=match.group(), part=sentence.part,
                                         sentence=sentence.index, key=key, full_key=full,
                                         hits=gazetteer.lookup([key]).get(key, []), cued=True, forced=True))
    return candidates


def _ordered(sentences: list[Sentence]) -> list[Sentence]:
    return sorted(sentences, key=lambda s: (s.part != "title", s.start))


def find_places_with(doc: Document, gazetteer: Gazetteer) -> None:
    """Fill `doc.places` using the given gazetteer (the stage uses the default one)."""
    candidates = _recognise(doc, gazetteer)
    for part in ("title", "text"):
        _link_containers([c for c in candidates if c.part == part], doc.part_text(part))
    candidates = [c for c in candidates if not c.chain_link or c.container is not None and c.chain_country is not None]
    focus = _resolve(candidates, outlet_home(doc.article.url, gazetteer))
    _the_capital_of_the_focus_country(candidates, focus, gazetteer)
    _spelling_variants_in_their_holders(candidates, gazetteer)
    doc.places = [_to_mention(c, gazetteer, doc.article.id) for c in candidates]


@stage("places", requires=("sentences",), assigns=("places",))
def find_places(doc: Document) -> None:
    """Recognise place names in the document's sentences and resolve them against the gazetteer."""
    find_places_with(doc, default_gazetteer())


def split_sentences(text: str, part: Part = "text", first_index: int = 0) -> list[Sentence]:
    """A plain sentence splitter for callers without the segment stage: paragraphs, then sentence-final
    punctuation before a capital (abbreviations like "Ala." or "U.S." can split a sentence; places survive it)."""
    sentences = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for boundary in re.finditer(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])", paragraph.group()):
            end = paragraph.start() + boundary.start()
            if text[start:end].strip():
                sentences.append((start, end))
            start = paragraph.start() + boundary.end()
        if text[start:paragraph.end()].strip():
            sentences.append((start, paragraph.end()))
    return [Sentence(index=first_index + n, start=s, end=e, text=text[s:e], part=part)
            for n, (s, e) in enumerate(sentences)]


def _segmented(doc: Document) -> None:
    try:
        from .pipeline import registered

        segment = registered()["segment"].func
    except (ImportError, KeyError):
        segment = None
    if segment is not None:
        segment(doc)
        return
    doc.sentences = split_sentences(doc.article.title or "", "title") + split_sentences(doc.text)


def places_in_text(text: str, *, title: str | None = None, article_id: str = "",
                   gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """The place mentions of a text (and title), for callers outside the pipeline."""
    doc = Document(article=Article(id=article_id or "text", text=text, title=title))
    _segmented(doc)
    find_places_with(doc, gazetteer or default_gazetteer())
    if not article_id:
        for mention in doc.places:
            mention.article_id = ""
    return doc.places


# ----------------------------------------------------------------------------------------------- event places

_LAUNCH_VERBS = re.compile(r"\b(launch|launched|fired|shot|lobbed|took off|departed|fled|came)\b", re.IGNORECASE)
_EVENT_CUES = {"in", "at", "near", "on", "outside", "inside", "into", "across"}


def _sentence_index(doc: Document) -> Callable[[PlaceMention], Sentence | None]:
    """A lookup from a mention to its sentence, by bisection over each part's sentence starts."""
    by_part: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in doc.sentences:
        by_part[sentence.part].append(sentence)
    starts = {part: [s.start for s in sentences] for part, sentences in by_part.items()}

    def sentence_of(mention: PlaceMention) -> Sentence | None:
        sentences = by_part.get(mention.field, [])
        position = bisect.bisect_right(starts.get(mention.field, []), mention.start) - 1
        if position >= 0 and sentences[position].start <= mention.start < sentences[position].end:
            return sentences[position]
        return None

    return sentence_of


def _words_before(doc: Document, mention: PlaceMention, sentence: Sentence, count: int = 3) -> list[str]:
    before = doc.part_text(mention.field)[sentence.start:mention.start]
    return [w for w in re.findall(r"[\w'’-]+", before.lower()) if w not in {"the", "a", "an"}][-count:]


# A weapon fired, launched, lobbed or shot at a place: "fired three rockets into Sderot", "at the town of Ashkelon",
# "fired a rocket that landed in Lod". The place the shooters were in ("Assailants in Gaza fired") is the launch site.
_FIRING_VERBS = re.compile(r"\b(fired|fires|fire|launched|launches|launch|lobbed|lobs|shot|shoots)\b", re.IGNORECASE)
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"})
_TARGET_CUES = frozenset({"at", "into", "toward", "towards", "on", "in", "near", "onto", "against"})
_TARGET_OF = re.compile(r"\b(town|city|village|kibbutz|settlement|community|area|region|capital)\s+of\s*$",
                        re.IGNORECASE)


def _launch_split(doc: Document, group: list[tuple[PlaceMention, Sentence]]) -> tuple[set[int], set[int]]:
    """(targets, launch sites) of a sentence's places by their ids: places after an active firing verb with a
    target cue, and, when there is such a target, the places before the verb in its clause."""
    if not group:
        return set(), set()
    home = group[0][1]
    text = doc.part_text(home.part)
    sentence_text = text[home.start:home.end]
    for verb in _FIRING_VERBS.finditer(sentence_text):
        before = re.findall(r"[\w'’-]+", sentence_text[:verb.start()].lower())
        if set(before[-2:]) & _PASSIVE_AUXILIARIES:  # "were (fatally) shot on Grant Avenue": the victims' place
            continue
        verb_end = home.start + verb.end()
        targets = set()
        for mention, _ in group:
            if mention.start < verb_end:
                continue
            words = [w for w in _words_before(doc, mention, home, 3) if w not in _DIRECTIONS]
            if words[-1:] == ["from"]:
                continue
            if set(words) & _TARGET_CUES or _TARGET_OF.search(text[verb_end:mention.start]):
                targets.add(id(mention))
        if targets:
            # The shooters' place is in the verb's own clause: "in Ashkelon, Israel, militants in Gaza fired".
            verb_start = home.start + verb.start()
            return targets, {id(m) for m, _ in group
                             if m.end <= verb_start and not re.search(r"[,;:]", text[m.end:verb_start])}
    return set(), set()


def _is_launch_site(doc: Document, mention: PlaceMention, sentence: Sentence) -> bool:
    """Where the weapon came from, not where the event happened."""
    words = [w for w in _words_before(doc, mention, sentence, 3) if w not in _DIRECTIONS]
    if words[-1:] != ["from"]:
        return False
    return bool(_LAUNCH_VERBS.search(doc.part_text(mention.field)[sentence.start:sentence.end]))


def _is_where_the_wounded_went(doc: Document, mention: PlaceMention, sentence: Sentence) -> bool:
    return bool(_TREATED_AT.search(doc.part_text(mention.field)[max(sentence.start, mention.start - 120):mention.start]))


# Where the wounded were taken or treated, up to the place within the same clause: "taken to a hospital in
# Nashville", "flown first to Tri-County Health Care in Wadena", "treated at a trauma center in Memphis". Taken
# elsewhere needs a word of care: "taken to the jail to be murdered" is no hospital; nor is a hospital alone ("shells
# fell near the hospital in Taizz").
_CLAUSE_TO_THE_PLACE = r"\b[^.;:!?]{0,60}$"
_TREATED_AT = re.compile("|".join((
    r"\b(?:taken|rushed|transported|evacuated|brought|transferred|driven)(?:\s+[\w'’-]+){0,3}?\s+to\b"
    r"(?=[^.;:!?]*\b(?:hospital|medical|clinic|health|trauma|infirmary|emergency)\b)" + _CLAUSE_TO_THE_PLACE,
    r"\b(?:airlifted|flown)(?:\s+[\w'’-]+){0,3}?\s+to" + _CLAUSE_TO_THE_PLACE,
    r"\b(?:treated|hospitali[sz]ed|recovering|admitted)\s+(?:at|in)" + _CLAUSE_TO_THE_PLACE,
    r"\b(?:released|discharged)\s+from" + _CLAUSE_TO_THE_PLACE)), re.IGNORECASE)


# "near the Gaza border", "along the Pakistan-Iran border": a place naming a border line, not where on it; "the
# Cifuentes border region" is a place.
_BORDER_AFTER = re.compile(r"(?:\s*-\s*[\w'’]+(?:\s[A-Z][\w'’]+)?)?\s+(?i:border|frontier|boundary)\b"
                           r"(?!\s+(?i:region|area|zone|town|village|post|crossing|district|province))")


def _names_a_border(doc: Document, mention: PlaceMention) -> bool:
    return _BORDER_AFTER.match(doc.part_text(mention.field), mention.end) is not None


def _town_in_county(doc: Document, county: PlaceMention) -> PlaceMention | None:
    """The town of the county the story names most ("a Trigg County man ... in Cadiz"; "in Hot Springs", which
    GeoNames files under no county, in a Bath County story): a county is where the event happened only when the
    story names no town in it."""
    towns = Counter()
    first: dict[str, PlaceMention] = {}
    for mention in doc.places:
        if (_can_locate_event(mention) and mention.feature_code and mention.feature_code.startswith("PPL")
                and mention.admin1 == county.admin1 and mention.geo_precision == 1
                and (mention.admin2 == county.name or mention.admin2 is None and county.latitude is not None
                     and distance_km(mention.latitude, mention.longitude, county.latitude, county.longitude)
                     <= COUNTY_RADIUS_KM)):
            towns[mention.name] += 1
            first.setdefault(mention.name, mention)
    return first[towns.most_common(1)[0][0]] if towns else None


def _as_event_place(mention: PlaceMention, gazetteer: Gazetteer | None) -> PlaceMention:
    """A facility or district stands for its town with geo_precision 2, as ACLED codes it; so does a neighbourhood
    of a city of millions ("Englewood" in Chicago), which GeoNames lists as a town of its own without a county."""
    if (mention.feature_code == "PPL" and mention.admin2 is None and gazetteer is not None
            and mention.latitude is not None and mention.iso3):
        code = next((c for c, country in gazetteer.countries.items() if country.iso3 == mention.iso3), None)
        city = code and gazetteer.city_around(mention.latitude, mention.longitude, code,
                                              within_km=NEIGHBOURHOOD_KM, min_population=METROPOLIS)
        if city and city.name != mention.name:
            return mention.model_copy(update={"name": city.name, "latitude": city.latitude,
                                              "longitude": city.longitude, "admin2": city.admin2,
                                              "geo_precision": 2})
    if mention.feature_code in SITE_FEATURES and gazetteer is not None and mention.name:
        hits = gazetteer.lookup([name_keys(mention.name)[0]]).get(name_keys(mention.name)[0], [])
        place = next((h.place for h in hits if h.place.name == mention.name and h.place.parent), None)
        if place is not None and place.parent_latitude is not None:
            return mention.model_copy(update={"name": place.parent, "latitude": place.parent_latitude,
                                              "longitude": place.parent_longitude, "geo_precision": 2})
    return mention.model_copy()


class EventPlaces:
    """Where the events of one document happened (`of`). The document's places that can locate an event are
    gathered by sentence once, and each place's event reading (`_as_event_place`) is worked out once."""

    def __init__(self, doc: Document, gazetteer: Gazetteer | None = None) -> None:
        self.doc = doc
        self.gazetteer = gazetteer or default_gazetteer()
        self.usable: dict[tuple[Part, int], list[tuple[PlaceMention, Sentence]]] = defaultdict(list)
        self.treated_at: list[PlaceMention] = []
        sentence_of = _sentence_index(doc)
        for mention in doc.places:
            if not _can_locate_event(mention):
                continue
            home = sentence_of(mention)
            if home is None:
                continue
            if _is_where_the_wounded_went(doc, mention, home):
                self.treated_at.append(mention)
            else:
                self.usable[(home.part, home.index)].append((mention, home))
        self._as_event_places: dict[int, PlaceMention] = {}

    def of(self, sentence: int, part: Part, anchor_offset: int) -> PlaceMention | None:
        """Where the event told in `sentence` (its trigger at `anchor_offset`) happened: the most precise resolved
        place of the sentence that is not a demonym, a metonym, a launch site ("from Gaza"; "militants in Gaza
        fired ... at Sderot"), a border's name ("near the Gaza border in Southern district") or where the wounded
        were taken ("to a hospital in Nashville"), a region before a country when the sentence names the region's
        country too, preferring the target of a launch, places after "in/at/near/on" and near the trigger; else the
        neighbouring sentences, the title, a dateline's town (or state), the document's focus place."""
        doc = self.doc

        dated = self._dated
        # The dateline's town is where the story was filed: it locates an event only when no town of its sentence or
        # the next does ("NASHVILLE, Tenn. (WKRN) - A teen was shot. Springfield police said ...").
        filed = {id(m) for m in dated}

        def pick(group: list[tuple[PlaceMention, Sentence]]) -> PlaceMention | None:
            ranked = []
            targets, launch_sites = _launch_split(doc, group)
            # A country ranks after a region whose country the sentence names too ("a prince residing in the
            # United States ... in Ahor, Edo, Nigeria"); a region of a country it does not name is no surer an
            # answer ("peace in Colombia" is no La Paz of Honduras).
            countries = {m.iso3 for m, _ in group if (m.feature_code or "").startswith("PCL")}
            region_confirmed = any(m.iso3 in countries for m, _ in group
                                   if not (m.feature_code or "").startswith("PCL"))
            for mention, home in group:
                aside = (id(mention) in launch_sites or _is_launch_site(doc, mention, home)
                         or _names_a_border(doc, mention))
                cue = bool(set(_words_before(doc, mention, home, 2)) & _EVENT_CUES)
                distance = abs(mention.start - anchor_offset) if home.part == part else 10**6
                country = region_confirmed and (mention.feature_code or "").startswith("PCL")
                ranked.append((aside, mention.geo_precision or 3, country, id(mention) not in targets, not cue,
                               distance, mention))
            if not ranked:
                return None
            return min(ranked, key=lambda r: r[:6])[6]

        filed_in_own_sentence = any(id(m) in filed for m, _ in self.usable.get((part, sentence), []))
        for key in ((part, sentence), (part, sentence - 1), (part, sentence + 1)):
            chosen = pick([(m, home) for m, home in self.usable.get(key, []) if id(m) not in filed])
            if chosen is not None and key != (part, sentence) and filed_in_own_sentence and chosen.geo_precision != 1:
                # A neighbour's county or state is no closer than the town the sentence was filed from.
                return self._event_reading(min(dated, key=lambda m: m.geo_precision or 3))
            if chosen is not None:
                if chosen.feature_code == "ADM2":
                    chosen = _town_in_county(doc, chosen) or chosen
                elif chosen.feature_code == "ADM1":
                    # "Eastern Idaho authorities say ..." under "BLACKFOOT, Idaho -": near the dateline's town, as
                    # far as the story tells (a town its sentences name is more precise).
                    town = next((m for m in dated if m.geo_precision == 1 and m.admin1 == chosen.admin1
                                 and m.country == chosen.country), None)
                    if town is not None:
                        return self._event_reading(town).model_copy(update={"geo_precision": 2})
                return self._event_reading(chosen)
        for (group_part, _), group in sorted(self.usable.items()):
            if group_part == "title":
                chosen = pick(group)
                if chosen is not None:
                    return self._event_reading(chosen)
        focus = focus_place(mention for group in self.usable.values() for mention, _ in group)
        if focus is not None:
            return self._event_reading(focus)
        if dated:
            return self._event_reading(min(dated, key=lambda m: m.geo_precision or 3))
        # Where the wounded were taken is near where they were hurt, when the story tells nothing closer.
        treated_at = focus_place(self.treated_at)
        if treated_at is not None:
            reading = self._event_reading(treated_at)
            return reading.model_copy(update={"geo_precision": max(reading.geo_precision or 3, 2)})
        return None

    @functools.cached_property
    def _dated(self) -> list[PlaceMention]:
        """A dateline ("KINLOCH, Mo. (KMOV) –") says where the story was filed: its town and its state."""
        dateline = _dateline(self.doc.text)
        if dateline is None:
            return []
        return [m for m in self.doc.places if m.field == "text" and dateline.start() <= m.start < dateline.end("state")
                and m.resolved and not m.is_demonym]

    def _event_reading(self, mention: PlaceMention) -> PlaceMention:
        if id(mention) not in self._as_event_places:
            self._as_event_places[id(mention)] = _as_event_place(mention, self.gazetteer)
        return self._as_event_places[id(mention)].model_copy()


def _can_locate_event(mention: PlaceMention) -> bool:
    """A resolved place in a country, named as a place: not a demonym ("Iraqi"), a metonym ("Tehran denied") or
    a continent."""
    return mention.resolved and mention.country is not None and not mention.is_demonym and not mention.is_metonym


def focus_place(usable: Iterable[PlaceMention]) -> PlaceMention | None:
    """The most-mentioned of the places that can locate an event (most precise on ties)."""
    counts = Counter()
    first: dict[tuple, PlaceMention] = {}
    for mention in sorted(usable, key=lambda m: (m.field != "title", m.start)):
        key = (mention.name, mention.latitude, mention.longitude)
        counts[key] += 1
        first.setdefault(key, mention)
    if not counts:
        return None
    key = max(counts, key=lambda k: (counts[k], -(first[k].geo_precision or 3)))
    return first[key]


def focus_country(doc: Document) -> str | None:
    """The English name of the country the document talks about most, demonyms included ("Iraqi" counts for Iraq)."""
    counts = Counter(m.country for m in doc.places if m.resolved and m.country)
    return counts.most_common(1)[0][0] if counts else None
