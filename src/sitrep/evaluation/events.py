"""Event scorers: sitrep's event records against GTD, the Gun Violence Archive, MUC-4 and WikiEvents.

`score_<dataset>(gold, articles, events)` takes the rows of DIR/gold.jsonl, the rows of DIR/articles.jsonl by id
and the records `sitrep extract DIR/articles.jsonl --format jsonl` writes. The metrics (names, order, values, n and
notes), the summary and the header counts are those of ../shared/tools/score_events.py on the same predictions
(tests/test_evaluation_events.py runs both); on top, each per-article comparison is recorded as a `Check`.

Conventions (the shared scorer's; its docstring has the full wording):
- The main event of an article is its most confident violent, non-background event (`common.main_event`). An
  article without one has every field wrong.
- Counts (gtd, gva): a null fatalities/injuries prediction is read as 0, because GTD and GVA code 0 when nobody
  was killed whether or not the text says so. `*_stated` gives how often the number was not null.
- gtd: weapon class = the class of the first `weapons` entry that WEAPON_CLASSES maps (first rule wins) against
  weaptype1_txt; event type = sub_event_type in GTD_ATTACK_TO_ACLED[attacktype1_txt]; either Unknown is not
  scored. Perpetrator: see `perpetrator_matches`.
- gva city: the gold city_or_county (and the part in parentheses, "Columbus (Whitehall)") against location, admin2
  and admin1 after normalisation (case, accents, a trailing county/parish/city word), or whole-word containment
  either way.
- muc4: GRIT's CEAF-REE (Du et al. 2021): per document and role, predicted entities are matched one-to-one to gold
  entities (lists of alternative mentions) by exact string match after `grit_norm`; micro P/R/F1 over PerpInd,
  PerpOrg, Target, Victim, Weapon. Predictions are the union over the document's non-background events, one
  entity per distinct normalised string; `perp_role` splits perpetrators into PerpOrg and PerpInd; a weapon
  entity also accepts the "weapons" evidence texts that contain it or that it contains. The full-slot keys add
  detection, date, country, place, fatalities and injuries of the main event, each a hit when any template of
  the document agrees.
- wikievents: document level, end to end. Gold = the arguments of Conflict.Attack.*, Life.Die.* and Life.Injure.*
  pooled per role and merged by coreference; predictions = the union over violent, non-background events of
  perpetrators (Attacker), targets, victims, weapons (Instrument) and location (Place). A prediction matches a gold
  entity when its `head` equals the head of any of the entity's mentions; one-to-one per role. Arg-C needs the
  role, Arg-I ignores it.

Checks: the accuracy metrics record one per scored article; role scores record one per document and role, a hit
when every predicted and every gold entity is matched.
"""
from __future__ import annotations

import difflib
import re
import string
from collections import defaultdict
from typing import NamedTuple

from .common import (Scores, as_float, as_int, as_list, distance_km, is_violent, main_event, max_matching,
                     parse_date, strip_accents)

# Our `weapons` strings -> GTD weaptype1_txt class. Rules are tried in order on the lower-cased string; first wins.
WEAPON_CLASSES = [
    # | pattern (regex, searched)                                                       | GTD class            |
    (r"molotov|petrol bomb|fire ?bomb|incendiar|arson|gasoline|set (on )?fire|torch|burn|napalm", "Incendiary"),
    (r"chemical|chlorine|sarin|mustard gas|acid|poison|toxic|nerve agent|tear gas", "Chemical"),
    (r"biological|anthrax|ricin", "Biological"),
    (r"bomb|\bied|explos|grenade|mine\b|rocket|mortar|missile|shell|artillery|\brpg|dynamite|\btnt\b|"
     r"air ?strike|drone|suicide (vest|belt)|detonat|blast|projectile|\buav\b", "Explosives"),
    (r"gun|rifle|pistol|firearm|ak-?47|kalashnikov|small arms|sniper|revolver|bullet|shoot|shot|"
     r"automatic weapon|\bm-?16\b|carbine", "Firearms"),
    (r"knife|knives|machete|\baxe|hatchet|sword|blade|stab|blunt|club|hammer|stone|\brocks?\b|beat|\bbat\b|"
     r"strangl|bare hands|fists?\b|melee", "Melee"),
    (r"vehicle|\bcar\b|truck|ramming|run over|bulldozer", "Vehicle"),
    (r"sabotage", "Sabotage Equipment"),
    (r"fake|toy|replica|imitation", "Fake Weapons"),
]
GTD_WEAPON_GOLD = {  # GTD spellings across releases -> class
    "Explosives/Bombs/Dynamite": "Explosives",
    "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)": "Vehicle",
}

# GTD attacktype1_txt -> the ACLED sub_event_types that agree with it. "Unknown" is not scored.
GTD_ATTACK_TO_ACLED = {
    "Bombing/Explosion": {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                          "Shelling/artillery/missile attack", "Air/drone strike"},
    "Armed Assault": {"Attack", "Armed clash"},
    "Assassination": {"Attack", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb"},
    "Hostage Taking (Kidnapping)": {"Abduction/forced disappearance"},
    "Hostage Taking (Barricade Incident)": {"Abduction/forced disappearance", "Attack", "Armed clash"},
    "Hijacking": {"Abduction/forced disappearance", "Attack"},
    "Facility/Infrastructure Attack": {"Looting/property destruction", "Attack", "Remote explosive/landmine/IED",
                                       "Mob violence", "Violent demonstration"},
    "Unarmed Assault": {"Attack", "Mob violence", "Sexual violence"},
}

# Extra names for frequent GTD perpetrator groups (the gname's own parenthesis is an alias already).
GROUP_ALIASES = {
    "islamic state of iraq and the levant": ["isis", "isil", "is", "islamic state", "daesh", "daish",
                                             "islamic state of iraq and syria", "islamic state in iraq and the levant"],
    "khorasan chapter of the islamic state": ["iskp", "is k", "isis k", "islamic state khorasan",
                                              "islamic state khorasan province", "islamic state in khorasan"],
    "al shabaab": ["al shabab", "shabaab", "shabab", "harakat al shabaab al mujahideen"],
    "houthi extremists": ["houthis", "houthi", "houthi rebels", "houthi movement", "ansarallah"],
    "al qaida in iraq": ["aqi", "al qaeda in iraq"],
    "al qaida in the arabian peninsula": ["aqap", "al qaeda in the arabian peninsula"],
    "tehrik i taliban pakistan": ["ttp", "pakistani taliban"],
    "revolutionary armed forces of colombia": ["farc"],
    "national liberation army of colombia": ["eln"],
}
GENERIC_ACTOR_WORDS = {"extremist", "militant", "group", "member", "gunman", "gunmen", "insurgent", "rebel",
                       "fighter", "assailant", "attacker", "perpetrator", "suspect", "terrorist", "armed",
                       "unidentified", "unknown", "men", "man", "people", "person", "individual", "of", "the",
                       "and", "in", "for", "movement", "organization", "organisation"}
# muc4 PerpOrg/PerpInd split of `perpetrators` (see perp_role): words that mark people, then words that mark bodies.
IND_WORDS = {"member", "members", "individual", "individuals", "person", "persons", "people", "man", "men",
             "soldier", "soldiers", "commando", "commandos", "guerrilla", "guerrillas", "gunman", "gunmen",
             "assassin", "assassins", "terrorist", "terrorists", "subversive", "subversives", "troops", "personnel",
             "leader", "leaders", "commander", "hitmen", "killers", "attackers", "assailants", "youths", "group"}
ORG_WORDS = {"front", "army", "forces", "force", "party", "movement", "organization", "organisation",
             "command", "brigade", "battalion", "cartel", "cartels", "police", "guard", "union", "council",
             "committee", "alliance", "militia", "network", "junta", "government", "ministry", "navy",
             "mafia", "mafias", "regiment", "division", "detachment", "service", "directorate", "agency",
             "board", "faction", "factions", "association", "federation", "extraditables"}
WE_ROLES = ["Attacker", "Target", "Victim", "Instrument", "Place"]
MUC_ROLES = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}
COUNTRY_ALIASES = {
    "united states of america": "united states", "usa": "united states", "us": "united states",
    "u s": "united states", "uk": "united kingdom", "great britain": "united kingdom", "britain": "united kingdom",
    "dr congo": "democratic republic of the congo", "drc": "democratic republic of the congo",
    "congo kinshasa": "democratic republic of the congo",
    "democratic republic of congo": "democratic republic of the congo",
    "congo brazzaville": "republic of the congo", "cote divoire": "ivory coast", "cote d ivoire": "ivory coast",
    "burma": "myanmar", "palestine": "west bank and gaza strip", "palestinian territory": "west bank and gaza strip",
    "palestinian territories": "west bank and gaza strip", "state of palestine": "west bank and gaza strip",
    "czech republic": "czechia", "russian federation": "russia", "syrian arab republic": "syria",
    "netherlands": "netherlands", "the netherlands": "netherlands", "republic of korea": "south korea",
}
PLACE_SUFFIX = re.compile(r"\s+(county|parish|borough|township|city|town|village)$")
# wikievents head(): a phrase's head word is the last one before the first of these (after its first word).
HEAD_CUT = {"of", "in", "at", "on", "from", "with", "who", "whom", "which", "that", "near", "for", "by", "during",
            "after", "before", "including", "to", "as", "under", "inside", "outside", "into", "where", "when"}
# The event field whose evidence explains a role's predictions.
MUC_ROLE_FIELDS = {"PerpInd": "perpetrators", "PerpOrg": "perpetrators", "Target": "targets", "Victim": "victims",
                   "Weapon": "weapons"}
WE_ROLE_FIELDS = {"Attacker": "perpetrators", "Target": "targets", "Victim": "victims", "Instrument": "weapons",
                  "Place": "location"}

DETECTION_NOTE = "article has a main (violent, non-background) event"


# ----------------------------------------------------------------------------------------------- shared

def _new_scores(dataset: str, gold: list[dict], events: list[dict]) -> tuple[Scores, dict[str, list[dict]]]:
    """The dataset's Scores with the shared scorer's header counts, and the events grouped by article id."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        if isinstance(event, dict):
            by_article[str(event.get("article_id"))].append(event)
    gold_ids = {row["id"] for row in gold}
    counts = {"gold_articles": len(gold), "predicted_events": len(events),
              "articles_with_events": sum(1 for article_id in gold_ids if by_article.get(article_id)),
              "unknown_article_ids": len(set(by_article) - gold_ids)}
    return Scores(dataset, counts=counts), dict(by_article)


def _main_events(gold: list[dict], by_article: dict[str, list[dict]]) -> list[tuple[dict, dict | None]]:
    return [(row, main_event(by_article.get(row["id"], []))) for row in gold]


def norm_name(name: object) -> str:
    """Case, accents, punctuation and a leading 'the' removed; whitespace collapsed."""
    if not name:
        return ""
    name = strip_accents(str(name)).lower().replace("&", " and ")
    name = re.sub(r"[’'`]", "", name)
    name = re.sub(r"[^\w]+", " ", name).strip()
    name = re.sub(r"^the ", "", name)
    return re.sub(r"\s+", " ", name)


def norm_country(name: object) -> str:
    normalised = norm_name(name)
    return COUNTRY_ALIASES.get(normalised, normalised)


def country_matches(event: dict | None, gold_name: str | None, gold_iso3: str | None) -> bool:
    if event is None:
        return False
    if gold_iso3 and str(event.get("iso3") or "").upper() == gold_iso3.upper():
        return True
    return bool(gold_name) and norm_country(event.get("country")) == norm_country(gold_name)


def _place_text(event: dict | None) -> str | None:
    """The event's location, admin2 and admin1 as the error report shows them."""
    if event is None:
        return None
    return ", ".join(str(event[key]) for key in ("location", "admin2", "admin1") if event.get(key)) or None


def _score_detection(scores: Scores, mains: list[tuple[dict, dict | None]]) -> None:
    scores.acc("detection", (scores.check(row["id"], "detection", event is not None, gold=True,
                                          predicted=event is not None, event=event, evidence_field="event_type")
                             for row, event in mains), DETECTION_NOTE)


def _score_counts(scores: Scores, rows: list[tuple[str, int | None, dict | None]], field: str, label: str) -> None:
    """The count metrics of one event field; rows are (article id, gold count or None, main event or None).
    Rows without a gold count are not scored; a null prediction is read as 0 except in `_acc_pos`."""
    rows = [(article_id, gold, event) for article_id, gold, event in rows if gold is not None]
    stated = [as_int(event.get(field)) if event else None for _, _, event in rows]
    read = [0 if value is None else value for value in stated]
    metric = f"{label}_acc"
    scores.acc(metric, (scores.check(article_id, metric, value == gold, gold=gold, predicted=value, event=event,
                                     evidence_field=field)
                        for (article_id, gold, event), value in zip(rows, read)), "null read as 0")
    scores.acc(f"{label}_acc_pos", (value == gold for (_, gold, _), value in zip(rows, stated) if gold > 0),
               "rows with gold > 0 only")
    scores.mean(f"{label}_mae", (abs(value - gold) for (_, gold, _), value in zip(rows, read)), "null read as 0")
    if field == "fatalities":
        scores.acc(f"{label}_in_range", (_in_fatality_range(gold, event) for _, gold, event in rows),
                   "gold inside [fatalities, fatalities_high]")
    scores.acc(f"{label}_stated", (value is not None for value in stated), "share of rows with a non-null prediction")


def _in_fatality_range(gold: int, event: dict | None) -> bool:
    low = as_int(event.get("fatalities")) if event else None
    low = 0 if low is None else low
    high = as_int(event.get("fatalities_high")) if event else None
    high = low if high is None or high < low else high
    return low <= gold <= high


# ----------------------------------------------------------------------------------------------- GTD

def weapon_class(weapons: object) -> str | None:
    """The GTD class of the first weapon that WEAPON_CLASSES maps, or None."""
    for weapon in as_list(weapons):
        weapon = weapon.lower()
        for pattern, weapon_cls in WEAPON_CLASSES:
            if re.search(pattern, weapon):
                return weapon_cls
    return None


def _depluralise(token: str) -> str:
    if token.endswith("men"):
        return token
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _actor_tokens(name: str) -> list[str]:
    return [_depluralise(token) for token in norm_name(name).split()]


def _acronym(name: str) -> str:
    return "".join(token[0] for token in norm_name(name).split()
                   if token not in ("of", "and", "the", "for", "in", "al"))


def gname_aliases(gname: str) -> set[str]:
    """The normalised names of a GTD group: its name, each part in parentheses, and GROUP_ALIASES."""
    aliases = {norm_name(re.sub(r"\s*\(.*?\)\s*", " ", gname).strip())}
    aliases.update(norm_name(inner) for inner in re.findall(r"\((.*?)\)", gname))
    for key, extra in GROUP_ALIASES.items():
        if key in aliases or any(norm_name(alias) in aliases for alias in extra):
            aliases.add(key)
            aliases.update(norm_name(alias) for alias in extra)
    return {alias for alias in aliases if alias}


def _names_match(predicted: str, alias: str) -> bool:
    """Both names normalised: equal, one the acronym of the other, similar, or the significant words of one
    contained in the other's."""
    if not predicted or not alias:
        return False
    if predicted == alias:
        return True
    compact = predicted.replace(" ", "")
    if len(compact) >= 2 and (compact == _acronym(alias) or _acronym(predicted) == alias.replace(" ", "")):
        return True
    if difflib.SequenceMatcher(None, predicted, alias).ratio() >= 0.85:
        return True
    predicted_words = {token for token in _actor_tokens(predicted) if token not in GENERIC_ACTOR_WORDS}
    alias_words = {token for token in _actor_tokens(alias) if token not in GENERIC_ACTOR_WORDS}
    return bool(predicted_words) and bool(alias_words) and (predicted_words <= alias_words
                                                            or alias_words <= predicted_words)


def perpetrator_matches(gname: str, event: dict | None) -> bool:
    """GTD gname vs the main event's actor1 and perpetrators.
    'Unknown' gold: right when actor1 is null or says unidentified/unknown. Otherwise: any of actor1/perpetrators
    matches any alias of gname (`gname_aliases`) by normalised equality, the acronym rule (initials of the
    significant words), a difflib ratio >= 0.85, or containment of the significant words (generic words like
    'militants' left out)."""
    if event is None:
        return False
    actor1 = event.get("actor1")
    if gname.strip().lower() == "unknown":
        return not actor1 or bool(re.match(r"(unidentified|unknown)", norm_name(actor1)))
    aliases = gname_aliases(gname)
    candidates = [actor1] + as_list(event.get("perpetrators"))
    return any(_names_match(norm_name(candidate), alias) for candidate in candidates if candidate for alias in aliases)


def _perpetrator_text(event: dict | None) -> str | None:
    if event is None:
        return None
    names = [event.get("actor1")] + as_list(event.get("perpetrators"))
    return "; ".join(dict.fromkeys(str(name) for name in names if name)) or None


def _weapon_text(event: dict | None) -> str | None:
    """The predicted class alone, so that misses group into a confusion table; the report's evidence column
    shows the weapon words it came from."""
    weapons = as_list((event or {}).get("weapons"))
    if not weapons:
        return None
    return weapon_class(weapons) or "no class"


def _gtd_place(row: dict) -> str:
    return ", ".join(str(row[key]) for key in ("city", "provstate", "country_txt")
                     if row.get(key) and row[key] != "Unknown")


def _distance_text(event: dict | None, distance: float | None) -> str | None:
    if event is None:
        return None
    if distance is None:
        return f"{event.get('location')}, no coordinates"
    return f"{event.get('location')}, {distance:,.0f} km away"


def _score_gtd_distance(scores: Scores, mains: list[tuple[dict, dict | None]]) -> None:
    """acc_at_25km, acc_at_161km and median_km over the rows with gold coordinates; a main event without
    coordinates is a miss and left out of the median."""
    scored = []  # (row, main event, km between gold and predicted coordinates or None)
    for row, event in mains:
        gold_lat, gold_lon = as_float(row.get("latitude")), as_float(row.get("longitude"))
        if gold_lat is None or gold_lon is None:
            continue
        lat, lon = (as_float(event.get("latitude")), as_float(event.get("longitude"))) if event else (None, None)
        distance = distance_km(gold_lat, gold_lon, lat, lon) if lat is not None and lon is not None else None
        scored.append((row, event, distance))
    for radius in (25, 161):
        metric = f"acc_at_{radius}km"
        scores.acc(metric, (scores.check(row["id"], metric, distance is not None and distance <= radius,
                                         gold=_gtd_place(row), predicted=_distance_text(event, distance),
                                         event=event, evidence_field="location")
                            for row, event, distance in scored))
    known = sorted(distance for _, _, distance in scored if distance is not None)
    scores.add("median_km", known[len(known) // 2] if known else None, len(known),
               "over rows with predicted coordinates")


def score_gtd(gold: list[dict], articles: dict[str, dict], events: list[dict]) -> Scores:
    scores, by_article = _new_scores("gtd", gold, events)
    mains = _main_events(gold, by_article)
    _score_detection(scores, mains)
    _score_counts(scores, [(row["id"], as_int(row["nkill"]), event) for row, event in mains],
                  "fatalities", "fatalities")
    _score_counts(scores, [(row["id"], as_int(row["nwound"]), event) for row, event in mains],
                  "injuries", "injuries")
    _score_gtd_distance(scores, mains)
    scores.acc("country_acc", (
        scores.check(row["id"], "country_acc", country_matches(event, row.get("country_txt"), row.get("iso3")),
                     gold=row.get("country_txt"), predicted=(event or {}).get("country"), event=event,
                     evidence_field="country")
        for row, event in mains))
    scores.acc("date_acc", (
        scores.check(row["id"], "date_acc", (event or {}).get("event_date") == row["date"], gold=row["date"],
                     predicted=(event or {}).get("event_date"), event=event, evidence_field="event_date")
        for row, event in mains if row.get("date")))
    weapon_hits = []
    for row, event in mains:
        gold_class = GTD_WEAPON_GOLD.get(row.get("weaptype1_txt"), row.get("weaptype1_txt"))
        if gold_class and gold_class != "Unknown":
            weapon_hits.append(scores.check(row["id"], "weapon_class_acc",
                                            weapon_class((event or {}).get("weapons")) == gold_class,
                                            gold=gold_class, predicted=_weapon_text(event), event=event,
                                            evidence_field="weapons"))
    scores.acc("weapon_class_acc", weapon_hits, "first mapped weapon vs weaptype1; Unknown not scored")
    scores.acc("perpetrator_acc", (
        scores.check(row["id"], "perpetrator_acc", perpetrator_matches(row["gname"], event), gold=row["gname"],
                     predicted=_perpetrator_text(event), event=event, evidence_field="actor1")
        for row, event in mains if row.get("gname")))
    type_hits = []
    for row, event in mains:
        agreeing = GTD_ATTACK_TO_ACLED.get(row.get("attacktype1_txt") or "")
        if agreeing:
            sub_event_type = (event or {}).get("sub_event_type")
            type_hits.append(scores.check(row["id"], "event_type_agree",
                                          event is not None and (sub_event_type or "") in agreeing,
                                          gold=row["attacktype1_txt"], predicted=sub_event_type, event=event,
                                          evidence_field="sub_event_type"))
    scores.acc("event_type_agree", type_hits,
               "sub_event_type in GTD_ATTACK_TO_ACLED[attacktype1]; Unknown not scored")
    scores.summary = ["detection", "fatalities_acc", "fatalities_mae", "injuries_acc", "acc_at_25km",
                      "acc_at_161km", "country_acc", "date_acc", "weapon_class_acc", "perpetrator_acc",
                      "event_type_agree"]
    return scores


# ----------------------------------------------------------------------------------------------- GVA

def norm_place(name: object) -> str:
    return PLACE_SUFFIX.sub("", norm_name(name))


def gva_city_candidates(city: str | None) -> list[str]:
    """The normalised names a GVA city_or_county stands for: "Columbus (Whitehall)" is Columbus and Whitehall;
    the "(county)" of "Fulton (county)" is not a name."""
    parenthesis = re.fullmatch(r"\s*(.*?)\s*\((.*?)\)\s*", city or "")
    parts = [parenthesis.group(1), parenthesis.group(2)] if parenthesis else [city or ""]
    candidates = []
    for part in parts:
        if parenthesis and part.strip().lower() == "county":
            continue
        if normalised := norm_place(part):
            candidates.append(normalised)
    return candidates


def _contains_words(part: str, whole: str) -> bool:
    return bool(part) and bool(whole) and re.search(r"(?:^| )" + re.escape(part) + r"(?:$| )", whole) is not None


def city_matches(gold_city: str | None, event: dict | None) -> bool:
    if event is None:
        return False
    predicted = [norm_place(event.get(key)) for key in ("location", "admin2", "admin1") if event.get(key)]
    return any(gold == place or _contains_words(gold, place) or _contains_words(place, gold)
               for gold in gva_city_candidates(gold_city) for place in predicted)


def state_matches(gold_state: str, event: dict | None) -> bool:
    """admin1 against the gold state; a two-letter postal code counts as the state's name."""
    if event is None or not event.get("admin1"):
        return False
    admin1 = norm_name(event["admin1"])
    return norm_name(US_STATES.get(admin1.upper(), admin1)) == norm_name(gold_state)


def _within_a_day(gold_date: object, event: dict | None) -> bool:
    gold, predicted = parse_date(gold_date), parse_date((event or {}).get("event_date"))
    return gold is not None and predicted is not None and abs((gold - predicted).days) <= 1


def score_gva(gold: list[dict], articles: dict[str, dict], events: list[dict]) -> Scores:
    scores, by_article = _new_scores("gva", gold, events)
    mains = _main_events(gold, by_article)
    _score_detection(scores, mains)
    _score_counts(scores, [(row["id"], row["killed"], event) for row, event in mains], "fatalities", "killed")
    _score_counts(scores, [(row["id"], row["injured"], event) for row, event in mains], "injuries", "injured")
    scores.acc("state_acc", (
        scores.check(row["id"], "state_acc", state_matches(row["state"], event), gold=row["state"],
                     predicted=(event or {}).get("admin1"), event=event, evidence_field="admin1")
        for row, event in mains))
    scores.acc("city_acc", (
        scores.check(row["id"], "city_acc", city_matches(row["city_or_county"], event), gold=row["city_or_county"],
                     predicted=_place_text(event), event=event, evidence_field="location")
        for row, event in mains))
    scores.acc("date_within_1d", (
        scores.check(row["id"], "date_within_1d", _within_a_day(row["date"], event), gold=row["date"],
                     predicted=(event or {}).get("event_date"), event=event, evidence_field="event_date")
        for row, event in mains))
    scores.summary = ["detection", "killed_acc", "killed_mae", "injured_acc", "injured_mae", "state_acc", "city_acc",
                      "date_within_1d"]
    return scores


# ----------------------------------------------------------------------------------------------- MUC-4

class Entity(NamedTuple):
    """A predicted or gold role filler: the text the error report shows and the normalised strings that match."""
    text: str
    strings: frozenset[str]


def grit_norm(text: object) -> str:
    """GRIT's normalize_string: lower, drop punctuation, drop a/an/the, collapse whitespace."""
    text = "".join(char for char in str(text).lower() if char not in string.punctuation)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def perp_role(perpetrator: str, actor1: str | None, mixed_case: bool) -> str:
    """PerpOrg when the perpetrator is actor1 or a part of its name ("FMLN" in "FMLN: Farabundo Marti ..."),
    else PerpInd when it names people (IND_WORDS), else PerpOrg when it names a body (ORG_WORDS) or is an
    all-caps acronym in mixed-case text, else PerpInd."""
    words = set(grit_norm(perpetrator).split())
    if actor1 and words and words <= set(grit_norm(actor1).split()):
        return "PerpOrg"
    if words & IND_WORDS:
        return "PerpInd"
    if words & ORG_WORDS:
        return "PerpOrg"
    # In an all-caps wire text (most of MUC-4) capitals say nothing about acronyms.
    if mixed_case and re.fullmatch(r"[A-Z][A-Z0-9\-]{1,7}", str(perpetrator).strip()):
        return "PerpOrg"
    return "PerpInd"


def muc_predicted_entities(events: list[dict], text: str | None) -> dict[str, list[Entity]]:
    """Per role (MUC_ROLES and "VictimAll"), the entities the document's non-background events name; an entity
    sharing a normalised string with an earlier one of its role is left out."""
    mixed_case = text != text.upper() if text else False
    roles: dict[str, list[Entity]] = {role: [] for role in MUC_ROLES + ["VictimAll"]}
    seen: dict[str, set[str]] = {role: set() for role in roles}

    def add(role: str, texts: list[str]) -> None:
        strings = {grit_norm(text) for text in texts if text and grit_norm(text)}
        if strings and not strings & seen[role]:
            seen[role].update(strings)
            roles[role].append(Entity(texts[0], frozenset(strings)))

    for event in events:
        if event.get("is_background"):
            continue
        for perpetrator in as_list(event.get("perpetrators")):
            add(perp_role(perpetrator, event.get("actor1"), mixed_case), [perpetrator])
        for target in as_list(event.get("targets")):
            add("Target", [target])
        for victim in as_list(event.get("victims")):
            add("Victim", [victim])
            add("VictimAll", [victim])
        evidence = event.get("evidence") if isinstance(event.get("evidence"), list) else []
        weapon_texts = [str(item.get("text")) for item in evidence
                        if isinstance(item, dict) and item.get("field") in ("weapons", "weapon") and item.get("text")]
        for weapon in as_list(event.get("weapons")):
            normalised = grit_norm(weapon)
            # "accept the text's words": the evidence "AK-47 rifles" lets the weapon "rifle" match either
            alternatives = [weapon] + [
                text for text in weapon_texts
                if normalised and (normalised in grit_norm(text) or grit_norm(text) in normalised)]
            add("Weapon", alternatives)
    return roles


def muc_gold_entities(entities: list[list[str]]) -> list[Entity]:
    """Gold entities (lists of alternative mentions) with their normalised strings; empty ones dropped."""
    gold = [Entity(" / ".join(mentions), frozenset(grit_norm(mention) for mention in mentions) - {""})
            for mentions in entities]
    return [entity for entity in gold if entity.strings]


def ceaf_ree(predicted: list[Entity], gold: list[Entity]) -> int:
    """The number of one-to-one matched pairs; a predicted entity matches a gold one when any of its strings is
    among the gold mentions."""
    return len(max_matching(len(predicted), len(gold), lambda i, j: bool(predicted[i].strings & gold[j].strings)))


def _date_in_ranges(event_date: object, ranges: list[list[str]]) -> bool:
    day = parse_date(event_date)
    return day is not None and any(low <= day.isoformat() <= high for low, high in ranges)


def _muc_place_match(event: dict, locations: list[dict]) -> bool:
    predicted = {norm_name(event.get(key)) for key in ("location", "admin2", "admin1") if event.get(key)} - {""}
    return any(norm_name(place["name"]) in predicted for location in locations for place in location["places"])


def _interval_text(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def _score_muc_templates(scores: Scores, article_id: str, templates: list[dict], event: dict | None,
                         hits: dict[str, list[bool]]) -> None:
    """The full-slot checks of one relevant document: the main event against every key template, a match with
    any counts."""
    def check(metric: str, hit: bool, gold: object, predicted: object, evidence_field: str) -> None:
        hits[metric].append(scores.check(article_id, metric, hit, gold=gold, predicted=predicted, event=event,
                                         evidence_field=evidence_field))

    predicted_date = (event or {}).get("event_date")
    if any(template["date_ranges"] for template in templates):
        ranges = [_interval_text(low, high) for template in templates for low, high in template["date_ranges"]]
        check("date_acc", any(_date_in_ranges(predicted_date, template["date_ranges"]) for template in templates),
              ", ".join(dict.fromkeys(ranges)), predicted_date, "event_date")
    locations = [location for template in templates for location in template["locations"]]
    check("country_acc", event is not None and any(country_matches(event, location["country"], location.get("iso3"))
                                                   for location in locations),
          ", ".join(dict.fromkeys(location["country"] for location in locations)), (event or {}).get("country"),
          "country")
    places = [place["name"] for location in locations for place in location["places"]]
    if places:
        check("place_acc", event is not None and any(_muc_place_match(event, template["locations"])
                                                     for template in templates),
              ", ".join(dict.fromkeys(places)), _place_text(event), "location")
    for field, metric in (("fatalities", "fatalities_acc"), ("injuries", "injuries_acc")):
        intervals = [template[field] for template in templates if template.get(field)]
        if intervals:
            predicted = as_int(event.get(field)) if event else None
            check(metric, any(predicted is not None and low <= predicted <= high for low, high in intervals),
                  ", ".join(dict.fromkeys(_interval_text(low, high) for low, high in intervals)), predicted, field)


def score_muc4(gold: list[dict], articles: dict[str, dict], events: list[dict]) -> Scores:
    scores, by_article = _new_scores("muc4", gold, events)
    totals = {role: [0, 0, 0] for role in MUC_ROLES + ["VictimAll"]}  # matched, predicted, gold entities
    detection = [0, 0, 0]  # documents relevant and with a main event, with a main event, relevant
    template_hits: dict[str, list[bool]] = defaultdict(list)
    for row in gold:
        article_id = row["id"]
        document_events = by_article.get(article_id, [])
        event = main_event(document_events)
        predicted = muc_predicted_entities(document_events, articles.get(article_id, {}).get("text", ""))
        gold_entities = {role: muc_gold_entities(row["roles"].get(role, [])) for role in MUC_ROLES}
        gold_entities["VictimAll"] = muc_gold_entities(row.get("victims_name_or_description", []))
        for role, total in totals.items():
            matched = ceaf_ree(predicted[role], gold_entities[role])
            total[0] += matched
            total[1] += len(predicted[role])
            total[2] += len(gold_entities[role])
            if role in MUC_ROLES:
                scores.check(article_id, f"{role}_f1", matched == len(predicted[role]) == len(gold_entities[role]),
                             gold=[entity.text for entity in gold_entities[role]],
                             predicted=[entity.text for entity in predicted[role]], event=event,
                             evidence_field=MUC_ROLE_FIELDS[role])
        detected = event is not None
        detection[0] += detected and row["relevant"]
        detection[1] += detected
        detection[2] += row["relevant"]
        scores.check(article_id, "detection", detected == row["relevant"], gold=row["relevant"], predicted=detected,
                     event=event, evidence_field="event_type")
        if row["templates"]:
            _score_muc_templates(scores, article_id, row["templates"], event, template_hits)
    for role in MUC_ROLES:
        scores.prf(role, *totals[role], "CEAF-REE (GRIT)")
    micro = [sum(totals[role][i] for role in MUC_ROLES) for i in range(3)]
    scores.prf("micro", *micro, "CEAF-REE micro over the 5 roles")
    scores.prf("victim_name_or_desc", *totals["VictimAll"], "supplementary: victims incl. descriptions, not in micro")
    scores.prf("detection", *detection, "doc has >=1 key template vs has a main event")
    for metric in ("date_acc", "country_acc", "place_acc", "fatalities_acc", "injuries_acc"):
        scores.acc(metric, template_hits[metric], "relevant docs; main event vs any key template")
    scores.summary = ["micro_p", "micro_r", "micro_f1", "PerpInd_f1", "PerpOrg_f1", "Target_f1", "Victim_f1",
                      "Weapon_f1", "detection_f1", "date_acc", "country_acc", "place_acc", "fatalities_acc"]
    return scores


# ----------------------------------------------------------------------------------------------- WikiEvents

def head(phrase: object) -> str:
    """Head word of a phrase: the last word before the first preposition or relative pronoun (not counting a
    leading one), lower-cased, accents and a possessive 's removed."""
    tokens = re.findall(r"[\w\-]+(?:['’][\w]+)?", strip_accents(str(phrase)).lower())
    tokens = [token for token in (re.sub(r"['’]s$", "", token) for token in tokens) if token]
    for i, token in enumerate(tokens):
        if i > 0 and token in HEAD_CUT:
            tokens = tokens[:i]
            break
    return tokens[-1] if tokens else ""


def wikievents_predictions(events: list[dict]) -> dict[str, dict[str, str]]:
    """Per role, the distinct heads the violent, non-background events name, each with the first phrase that
    gave it."""
    roles: dict[str, dict[str, str]] = {role: {} for role in WE_ROLES}
    for event in events:
        if not is_violent(event):
            continue
        for role, field in WE_ROLE_FIELDS.items():
            for phrase in as_list(event.get(field)):
                if word := head(phrase):
                    roles[role].setdefault(word, phrase)
    return roles


def _wikievents_gold_text(entity: dict) -> str:
    return " / ".join(dict.fromkeys(entity.get("arg_texts") or entity["mentions"]))


def score_wikievents(gold: list[dict], articles: dict[str, dict], events: list[dict]) -> Scores:
    scores, by_article = _new_scores("wikievents", gold, events)
    totals = {role: [0, 0, 0] for role in WE_ROLES}  # matched, predicted, gold entities
    identification = [0, 0, 0]  # the same with roles ignored
    for row in gold:
        article_id = row["id"]
        document_events = by_article.get(article_id, [])
        event = main_event(document_events)
        predicted = wikievents_predictions(document_events)
        all_gold: list[set[str]] = []
        all_predicted: list[str] = []
        for role in WE_ROLES:
            entities = [(entity, {head(mention) for mention in entity["mentions"]} - {""})
                        for entity in row["roles"].get(role, [])]
            entities = [(entity, heads) for entity, heads in entities if heads]
            gold_heads = [heads for _, heads in entities]
            predicted_heads = list(predicted[role])
            matched = len(max_matching(len(predicted_heads), len(gold_heads),
                                       lambda i, j: predicted_heads[i] in gold_heads[j]))
            totals[role][0] += matched
            totals[role][1] += len(predicted_heads)
            totals[role][2] += len(gold_heads)
            scores.check(article_id, f"{role}_f1", matched == len(predicted_heads) == len(gold_heads),
                         gold=[_wikievents_gold_text(entity) for entity, _ in entities],
                         predicted=list(predicted[role].values()), event=event, evidence_field=WE_ROLE_FIELDS[role])
            for heads in gold_heads:
                if heads not in all_gold:
                    all_gold.append(heads)
            for word in predicted_heads:
                if word not in all_predicted:
                    all_predicted.append(word)
        identification[0] += len(max_matching(len(all_predicted), len(all_gold),
                                              lambda i, j: all_predicted[i] in all_gold[j]))
        identification[1] += len(all_predicted)
        identification[2] += len(all_gold)
    for role in WE_ROLES:
        scores.prf(role, *totals[role], "head match, coref-aware, doc level")
    micro = [sum(totals[role][i] for role in WE_ROLES) for i in range(3)]
    scores.prf("arg_c", *micro, "micro over roles, role must match")
    scores.prf("arg_i", *identification, "role ignored")
    scores.summary = ["arg_c_p", "arg_c_r", "arg_c_f1", "arg_i_f1", "Attacker_f1", "Target_f1", "Victim_f1",
                      "Instrument_f1", "Place_f1"]
    return scores
