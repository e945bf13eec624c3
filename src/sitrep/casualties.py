"""People killed and injured, as one sentence reports them: "killing three and wounding five", "3 dead, 12 injured",
"resulting in the deaths of two civilian contractors", "no casualties were reported".

`find_casualties(sentence)` returns every count the sentence states, each with the words it came from and the
text's mention of the victims; `merge_counts(counts)` turns the counts of one event into its killed and injured
figures. The vocabulary (verbs, nouns, negations, perpetrator words) is in `data/casualties.yaml`, the number
words in `data/numbers.yaml` (see `sitrep.quantities` for how vague numbers are coded).

Conventions, chosen to match how ACLED, GTD and the Gun Violence Archive code:
- Shot, stabbed or hit without dying is injured ("a woman was shot in the leg" = 1 injured); "shot and killed",
  "fatally shot", "shot dead", "was shot ... and later died" are killed.
- A statement of none gives a `negative` count of 0 for each kind its word covers: "casualties", "hurt" and
  "harmed" cover both killed and injured, "injuries" only injured, "deaths"/"fatalities" only killed. "X was not
  injured" / "X was unhurt" is negative for that victim only: `merge_counts` uses a negative count only when no
  positive count of that kind exists.
- "Casualties" with a number ("inflicted three casualties") does not say who died: it is reported with kind
  "casualties" and `merge_counts` leaves it out of both figures (ACLED would not code it as fatalities).
- Perpetrators count (GTD's nkill includes them): "killed two suicide attackers" is 2 killed with
  `includes_perpetrators`; "killed 5, including the bomber" is 5 with the flag; "In addition to the bomber, nine
  soldiers were killed" adds a count of 1; "killed himself", "blew himself up", "the gunman was killed" are 1
  more killed, never a restatement of the victims.
- Threats and possibilities are not counts: "threatened to kill", "could have killed", "were nearly killed".
- A count of an earlier event the sentence cites ("in retaliation for the killing of three teens") is `cited`;
  `merge_counts` leaves it out. Whether a whole sentence is background is the caller's decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Literal

from .knowledge import given_names, load_yaml
from .quantities import CARDINAL_WORD_PATTERN, QUANTITY_PATTERN, Quantity, parse_quantity, phrase_alternation

CasualtyKind = Literal["killed", "injured", "casualties"]


@dataclass(frozen=True)
class CasualtyCount:
    """One count of people killed or injured, with the characters it came from (offsets into the caller's text)."""

    kind: CasualtyKind
    low: int
    high: int | None
    start: int
    end: int
    text: str
    victim_text: str | None = None
    victim_start: int | None = None
    victim_end: int | None = None
    includes_perpetrators: bool = False
    negative: bool = False
    exact: bool = True
    additional: bool = False
    """Names victims beyond any counted before ("was also killed", "In addition to the bomber", the perpetrator's
    own death): `merge_counts` adds it."""
    others: bool = False
    """Names victims beside the count right before it ("wounded 16 others", "another contractor", "two more"):
    `merge_counts` adds it when that count is of the same kind."""
    includes_killed: bool = False
    """A count of people shot, who may include ones the text reports killed ("4 shot, 1 dead"): `merge_counts`
    takes the killed out of it."""
    cited: bool = False
    """Belongs to an earlier event the sentence cites ("in retaliation for the killing of three"): not merged."""
    by_position: bool = False
    """A victim told by position ("a fourth man was also shot"): `low` is how many of this kind there are so far."""

    @property
    def quantity(self) -> Quantity:
        return Quantity(self.low, self.high, self.exact)


# ------------------------------------------------------------------------------------------- the vocabulary

_V = load_yaml("casualties.yaml")
_FLAGS = re.IGNORECASE


def _kinds_by_phrase(section: dict[str, list[str]]) -> dict[str, str]:
    return {phrase: kind for kind, phrases in section.items() for phrase in phrases}


def _normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())


_PASSIVE_KIND = _kinds_by_phrase(_V["passive"])
_ACTIVE_KIND = _kinds_by_phrase(_V["active"])
_INTRANSITIVE_KIND = _kinds_by_phrase(_V["intransitive"])
_COUNT_NOUN_KIND = _kinds_by_phrase(_V["count_nouns"])
_NOMINAL_OF_KIND = _kinds_by_phrase(_V["nominal_of"])
_PARTICIPLE_KIND = _kinds_by_phrase(_V["count_participles"])
_NEGATION_COVERS: dict[str, list[str]] = _V["negation_covers"]
_UNHARMED_COVERS: dict[str, list[str]] = _V["unharmed"]
_PERPETRATOR_WORDS = frozenset(_V["perpetrators"])
_THINGS = frozenset(_V["things"])
_ADDITIONAL_MARKERS = _V["additional_markers"]
_OTHERS_WORDS = frozenset(_V["others_markers"])
_IRREALIS_ADVERBS = frozenset(_V["irrealis_adverbs"])
_NEGATING_ADVERBS = frozenset({"not", "never"})
_FATAL_ADVERBS = frozenset(_V["fatal_adverbs"])
# A base form after "to" is an intention or a threat ("threatened to kill"); a gerund after "to" is a report
# ("pleaded guilty to killing three").
_BASE_FORMS = frozenset(
    p for p in (*_ACTIVE_KIND, *_INTRANSITIVE_KIND) if " " not in p and not p.endswith(("ed", "ing", "s"))
)

# Every word a casualty verb or noun can be: a victim mention stops before them, so that "two people killed three"
# is not read as one long mention.
_CASUALTY_WORDS = {
    phrase.split()[0]
    for section in ("passive", "active", "intransitive", "count_nouns", "count_participles")
    for phrases in _V[section].values()
    for phrase in phrases
} - {"lives", "lost", "claimed", "claiming", "took"}

_QTY = QUANTITY_PATTERN
_WORD_START = r"(?<![\w'’-])"
_ADVERB = rf"(?:(?:{phrase_alternation(_V['adverbs'] + sorted(_IRREALIS_ADVERBS))})\b|\w+ly\b)"
_AUX = rf"(?:{phrase_alternation(_V['auxiliaries'])})\b"
_BREAKER = rf"(?:{phrase_alternation(_V['phrase_breakers'] + sorted(_CASUALTY_WORDS) + _V['adverbs'])})\b"
# One word of a victim mention: not a function word, verb or adverb that would end the mention, nor a number
# (which starts a mention of its own: "the names of | the four people who were killed").
_TOKEN = rf"(?:(?!{_BREAKER}|{CARDINAL_WORD_PATTERN}(?!-))[\w](?:[\w'’-]|\.(?=\w))*(?![\w'’-])|\([\w.-]{{1,12}}\))"
_PLURAL_DETERMINER = r"(?:the|these|those|all|his|her|their|its|our|my|another|an\s+additional|additional)"
# "a", "the driver", and a named person's: "Shinwari's son".
_SINGULAR_DETERMINER = r"(?:a|an|another|the|his|her|its|their|our|my|this|that|(?-i:[A-Z][a-z]+)['’]s)"
_AGE = r"\d{1,3}[-\s](?:year|month|week|day)s?[-\s]old"
_REFLEXIVE = r"(?:himself|herself|themselves)"
_PRONOUN = r"(?:he|she|him|her|another)\b"
# A proper name, mixed case only (in upper-case text every word would look like one), and no word a Title Case
# headline capitalises ("Dies After Shooting").
_NAME_WORD = (rf"(?=[A-Z])(?!(?i:{_BREAKER}|(?:the|a|an|he|she|they|it|police)\b)){_WORD_START}"
              rf"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")
_NAME = rf"(?-i:{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[A-Z]\.)){{0,3}}(?:\s+(?:Jr|Sr)\b\.?)?)(?:\s*,\s*\d{{1,3}}\s*(?=,))?"
# In upper-case wire copy a name is a given name and up to three more words ("HECTOR OQUELI COLINDRES"), after at
# most four words of title ("ANTIOQUIA DEPARTMENT GOVERNOR ANTONIO ROLDAN BETANCUR").
_CAPS_WORD = rf"(?=[A-Z])(?!(?i:{_BREAKER}|{CARDINAL_WORD_PATTERN}))[A-Z](?:[A-Z'’-]|\.(?=\w))*"
_BARE_CAPS_NAME = (rf"(?-i:{phrase_alternation(n.upper() for n in given_names())}"
                   rf"(?:\s+{_CAPS_WORD}){{1,3}})(?![\w'’-])")
_CAPS_NAME = rf"(?-i:(?:{_CAPS_WORD}\s+){{0,4}}?){_BARE_CAPS_NAME}"
# A person named by a bare noun, as headlines do: "Teen injured", "Hampton boy dies".
_PERSON = rf"(?:{_TOKEN}\s+){{0,2}}(?:{phrase_alternation(_V['person_nouns'])})\b"
_NP_FORMS = (
    rf"(?:{_PLURAL_DETERMINER}\s+)?{_QTY}(?:\s+{_TOKEN}){{0,5}}",
    rf"{_SINGULAR_DETERMINER}(?:\s+{_TOKEN}){{1,5}}",
    rf"{_AGE}(?:\s+{_TOKEN}){{0,4}}",
    _PERSON,
    _NAME,
    _CAPS_NAME,
)
_NP = rf"{_WORD_START}(?:{'|'.join(_NP_FORMS)}|{_REFLEXIVE}|{_PRONOUN})"
# A headline's subject ("Teen shot", "2 dead", "1 killed, another injured"); not a personal pronoun, which in
# running text is an attacker as often as a victim ("he shot at the car").
_HEADLINE_NP = rf"{_WORD_START}(?:{'|'.join(_NP_FORMS)}|another\b)"
# A conjunct that starts a new clause ("... a man and his son was wounded") is not part of the list before it.
_CLAUSE_AHEAD = rf"(?!\s+(?:{_AUX}|{phrase_alternation(_INTRANSITIVE_KIND)}\b))"
# A list needs a final "and": "Valerie Ahmir, a civilian," is one person named twice, not two.
# After "and" a bare noun is an item too: "her sister and grandfather".
_LAST_ITEM = rf"(?:{_NP}|{_WORD_START}{_TOKEN})"
_SUBJECT_LIST = rf"{_NP}(?:(?:\s*,\s*{_NP})*\s*,?\s+and\s+{_LAST_ITEM})?"
_OBJECT_LIST = rf"{_NP}(?:(?:\s*,\s*{_NP}{_CLAUSE_AHEAD})*\s*,?\s+and\s+{_NP}{_CLAUSE_AHEAD})?"
# An aside between a victim list and its verb; "including ..." may run up to the verb without its closing comma
# ("at least seven people, including police officers and civilians were killed").
_ASIDE = (r"(?:\s*\([^()]{0,80}\)|\s*,\s*(?:including|among\s+them)\b[^;]{1,150}?,"
          rf"|\s*,\s*(?:including|among\s+them)\b[^;,]{{1,150}}?(?=\s+{_AUX})|\s*,[^,;]{{1,100}},)")
_OBJECT_START = rf"(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|at|into|up|back|{CARDINAL_WORD_PATTERN})\b"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


# How far before its verb a victim list may begin (a list with an aside; a headline's subject is short), and how
# far after the verb a pattern may look.
_LIST_REACH = 200
_HEADLINE_REACH = 80
_LOOKAHEAD_REACH = 40
_PASSIVE_TRIGGER_RE = _compile(
    rf"\b{_AUX}\s+(?:{_ADVERB}\s+){{0,3}}(?:{phrase_alternation(_PASSIVE_KIND)}|{phrase_alternation(_UNHARMED_COVERS)})\b"
)
_INTRANSITIVE_TRIGGER_RE = _compile(rf"\b(?:{phrase_alternation(_INTRANSITIVE_KIND)})\b")
_COUNT_WORD_TRIGGER_RE = _compile(rf"\b(?:{phrase_alternation([*_PARTICIPLE_KIND, *_COUNT_NOUN_KIND])})\b")
_PASSIVE_RE = _compile(
    rf"(?P<victim>{_SUBJECT_LIST})(?P<aside>{_ASIDE})?(?P<relative>\s*,?\s+(?:who|that))?\s+(?P<aux>{_AUX})\s+"
    rf"(?P<adverbs>(?:{_ADVERB}\s+){{0,3}})(?P<verb>{phrase_alternation(_PASSIVE_KIND)}|{phrase_alternation(_UNHARMED_COVERS)})\b"
)
_INTRANSITIVE_RE = _compile(
    rf"(?P<victim>{_SUBJECT_LIST})(?P<aside>{_ASIDE})?(?P<relative>\s*,?\s+(?:who|that))?\s+(?:(?:has|have|had)\s+)?"
    rf"(?P<adverbs>(?:{_ADVERB}\s+){{0,2}})(?P<verb>{phrase_alternation(_INTRANSITIVE_KIND)})\b"
    rf"(?P<wound>(?:\s+[\w-]+){{0,4}}?\s+(?:{phrase_alternation(_V['injury_objects'])})\b)?"
)
_ACTIVE_RE = _compile(rf"(?<![\w-])(?P<verb>{phrase_alternation(_ACTIVE_KIND)})\s+(?P<victim>{_OBJECT_LIST})")
_NOMINAL_OF_RE = _compile(rf"\b(?P<verb>{phrase_alternation(_NOMINAL_OF_KIND)})\s+of\s+(?P<victim>{_OBJECT_LIST})")
_DEATH_TOLL_RE = _compile(
    rf"\b(?P<verb>{phrase_alternation(_V['death_toll'])})\s+(?:(?:has|had|have|now|rose|risen|climbed|jumped|increased|"
    rf"reached|stands|stood|is|was|hit|of|to|at|grew|mounted)\s+){{1,3}}(?P<count>{_QTY})"
)
# The subject of one verb that a gerund after it says was harmed: "Seven workers were tied up before being shot",
# "A 13-year-old is in stable condition after being shot", "a 9-year-old was found dead after being shot".
_BEING_TRIGGER_RE = _compile(rf"\b(?:before|after)\s+being\s+(?:{_ADVERB}\s+){{0,2}}(?:{phrase_alternation(_PASSIVE_KIND)})\b")
_BEFORE_BEING_RE = _compile(
    rf"(?P<victim>{_SUBJECT_LIST})(?P<aside>{_ASIDE})?(?P<relative>\s*,?\s+(?:who|that))?\s+(?P<aux>{_AUX}|died|dies|remains|remained)"
    rf"(?P<between>(?:\s+[\w'’-]+){{0,6}}?)\s+(?:before|after)\s+being\s+(?P<adverbs>(?:{_ADVERB}\s+){{0,2}})"
    rf"(?P<verb>{phrase_alternation(_PASSIVE_KIND)})\b"
)
_DEATH_WORDS_RE = _compile(r"\b(?:dead|died|dies|killed|pronounced)\b")
_PARTICIPLE_ALT = phrase_alternation(_PARTICIPLE_KIND)
_ADJECTIVE_RE = _compile(rf"(?P<victim>(?P<count>{_QTY})\s+(?P<verb>{_PARTICIPLE_ALT})\s+{_TOKEN})")
# Part of every match of _ADJECTIVE_RE and _PARTICIPLE_RE: a window of their trigger around a count noun alone
# ("three deaths") holds none.
_PARTICIPLE_WORD_RE = _compile(rf"\s(?:{_PARTICIPLE_ALT})\b")
_COUNT_NOUN_ALT = phrase_alternation(_COUNT_NOUN_KIND)
_COUNT_NOUN_RE = _compile(
    rf"(?P<victim>(?:{_PLURAL_DETERMINER}\s+)?{_QTY}(?:\s+{_TOKEN}){{0,2}}?)\s+"
    rf"(?P<verb>{_COUNT_NOUN_ALT})\b(?!\s+{_TOKEN})"
)
# Part of every match of _COUNT_NOUN_RE: most windows of its trigger are around a participle ("3 dead") and hold none.
_COUNT_NOUN_WORD_RE = _compile(rf"\s(?:{_COUNT_NOUN_ALT})\b")
# "3 dead and 12 wounded", "Teen shot in leg"; not "two men killed a soldier" nor "the suspect shot and killed".
_PARTICIPLE_RE = _compile(
    rf"(?P<victim>{_HEADLINE_NP}(?:\s+and\s+{_HEADLINE_NP})?)\s+(?P<verb>{_PARTICIPLE_ALT})\b"
    rf"(?!\s+(?:{_OBJECT_START}|and\s+(?:{_PARTICIPLE_ALT})\b))"
)
_COUNTED_NOUNS: dict[str, tuple[str, int]] = {
    noun: (entry["kind"], entry["count"]) for noun, entry in _V["counted_nouns"].items()
}
_MULTIPLIERS: dict[str, int] = _V["multipliers"]
_MULTIPLIED_KIND: dict[str, str] = _V["multiplied_nouns"]
_COUNTED_NOUN_RE = _compile(
    rf"\b(?:(?P<multiplier>{phrase_alternation(_MULTIPLIERS)})[\s-]+(?P<multiplied>{phrase_alternation(_MULTIPLIED_KIND)})"
    rf"|(?P<noun>{phrase_alternation(_COUNTED_NOUNS)}))\b"
)
_SELF_KILLING_RE = _compile(rf"\b(?P<verb>{phrase_alternation(_V['self_killing'])})\b")
_IN_ADDITION_RE = _compile(rf"\bin\s+addition\s+to\s+(?P<victim>{_NP}(?:\s+and\s+{_NP})?)")

_NEGATION_WORD = rf"(?:{phrase_alternation(_NEGATION_COVERS)})\b"
_NEGATION_WORDS = rf"{_NEGATION_WORD}(?:\s*(?:,|or|and|nor)\s*{_NEGATION_WORD})*"
_NEGATIVE_RE = _compile(
    rf"\b(?:(?:no(?:body|[\s-]one)?|none)\b(?:\s+{_TOKEN}|\s+of){{0,4}}?(?:\s+{_AUX})?(?:\s+{_ADVERB})*"
    rf"|without\s+(?:\w+\s+){{0,2}}?"
    rf"|(?:did\s+not|didn't|does\s+not|doesn't|not)\s+(?:{phrase_alternation(_V['negation_verbs'])})\s+(?:any\s+)?(?:\w+\s+)?)"
    rf"\s*(?P<verb>{_NEGATION_WORDS})"
)

_NEGATION_WORD_RE = _compile(_NEGATION_WORD)
# A comma between digit groups ("1,902 dead") is part of the number, not a list separator.
_CONJUNCT_SPLIT_RE = _compile(r"\s*(?:(?<!\d),|,(?!\d{3}\b))\s*(?:and\s+)?|\s+and\s+")
_PREPOSITION_BEFORE_RE = _compile(rf"\b(?:{phrase_alternation(_V['prepositions'])})\s+$")
_ADDITIONAL_OPENING_RE = _compile(rf"\s*(?:{phrase_alternation(_V['additional_openings'])})\b")
_RANGE_OPEN_RE = _compile(r"\bbetween\s+\S+$")
_AGE_ASIDE_RE = _compile(r"\s*(?<!\d),\s*\d{1,3}\s*(?=,|$)")
_COUNT_START_RE = _compile(rf"(?:{_PLURAL_DETERMINER}\s+)?(?P<count>{_QTY})(?=\s|$)")
_SINGULAR_START_RE = _compile(rf"{_SINGULAR_DETERMINER}\s+\S")
_AGE_START_RE = _compile(_AGE)
_NAME_RE = re.compile(rf"{_NAME}|{_CAPS_NAME}")
_BARE_CAPS_NAME_RE = re.compile(_BARE_CAPS_NAME)
_WORD_RE = re.compile(r"[\w'’-]+")
_IRREALIS_BEFORE_RE = _compile(
    rf"\b(?:{phrase_alternation(w for w in _V['irrealis'] if w != 'to')})\s+(?:(?:not|have|be|been|\w+ly)\s+){{0,2}}$"
)
_TO_BEFORE_RE = _compile(r"\bto\s+(?:\w+ly\s+)?$")
_NOMINAL_BEFORE_RE = _compile(r"\b(?:the|a|an|this|that|another|fatal|deadly|double|triple|mass|drive-by)\s+$")
_DIED_LATER_RE = _compile(
    r"(?:[^.;]{0,60}?)\b(?:and|but|where|before)\s+(?:\w+\s+){0,3}?(?:died|succumbed|was\s+pronounced\s+dead|did\s+not\s+survive)\b"
)
_INCLUDING_PERPETRATOR_RE = _compile(
    rf"[^.;]{{0,60}}?\bincluding\s+(?:(?:the|a|an|one|two|three|both|\d+)\s+)?(?:suicide\s+)?(?:{phrase_alternation(_PERPETRATOR_WORDS)})\b"
)
# A sentence without one of these words states no count: most sentences are rejected by this one test.
_FIRST_WORDS = {
    phrase.split()[0]
    for vocabulary in (
        _PASSIVE_KIND, _ACTIVE_KIND, _INTRANSITIVE_KIND, _COUNT_NOUN_KIND, _PARTICIPLE_KIND, _NEGATION_COVERS,
        _UNHARMED_COVERS, _NOMINAL_OF_KIND, _V["death_toll"], _V["self_killing"], _COUNTED_NOUNS, _MULTIPLIERS,
    )
    for phrase in vocabulary
}
_PREFILTER_RE = _compile(rf"\b(?:{phrase_alternation(_FIRST_WORDS)})\b")
_ADDITIONAL_RE = _compile(rf"\b(?:{phrase_alternation(_ADDITIONAL_MARKERS)})\b")
# "also" of the count's own clause: not of a second verb ("was shot in the mouth and also taken to hospital").
_ADDITIONAL_AFTER_RE = _compile(r"(?:(?!\band\b)[^.;,]){0,40}?\b(?:as\s+well|too|also)\b")
_ORDINALS: dict[str, int] = _V["ordinals"]
# "a fourth man", "the third victim"; not "the second secretary of the embassy", a title.
_ORDINAL = rf"(?:{phrase_alternation(_ORDINALS)}|\d+(?:st|nd|rd|th))\b"
_ORDINAL_START_RE = _compile(rf"(?:an?\s+|the\s+(?={_ORDINAL}\s+victim\b))(?P<ordinal>{_ORDINAL})")
_GUNFIRE_RE = _compile(rf"\b(?:{phrase_alternation(_V['gunfire'])})\b")
_CITING_CUE_RE = _compile(rf"\b(?:{phrase_alternation(_V['citing_cues'])})\b")
_RELATIVE_CLAUSE_RE = _compile(r",\s*(?:which|that|who)\b")
_IRREGULAR_PLURALS = frozenset(_V["irregular_plurals"])
_ONE_PERSON_WORDS = frozenset({"he", "she", "him", "her", "himself", "herself", "another"})


# ------------------------------------------------------------------------------------------------- finding


def find_casualties(sentence: str, *, offset: int = 0) -> list[CasualtyCount]:
    """Every count of people killed, injured or stated unharmed in `sentence`, in text order.

    Offsets are into the caller's text: `sentence` begins at `offset` there. Patterns are tried from the most
    specific (negations, the perpetrator's suicide) to the least (a bare "3 dead"); words already read are not
    read again, so one statement gives one count.
    """
    if not _PREFILTER_RE.search(sentence):
        return []
    found: list[CasualtyCount] = []
    for reader in _READERS:
        for count in reader(sentence):
            if not any(_competes(count, other) for other in found):
                found.append(count)
    found = [_with_context(sentence, c) for c in _with_in_addition_counts(sentence, found)
             if not _is_habitual(sentence, c)]
    found.sort(key=lambda c: (c.start, c.kind))
    return [_shifted(c, offset) for c in _without_restatements(_positions_by_kind(found))]


def _positions_by_kind(counts: list[CasualtyCount]) -> list[CasualtyCount]:
    """A position counts the victims of every kind told before it in the sentence: in "One guard was killed and a
    second guard was wounded" the second is the first wounded."""
    adjusted = []
    for count in counts:
        if count.by_position:
            told_before = sum(c.low for c in adjusted if c.kind != count.kind and not c.negative)
            count = replace(count, low=max(1, count.low - told_before))
        adjusted.append(count)
    return adjusted


# Plural nouns of incidents a total may be told across ("across the ensuing clashes", "in both blasts"); blasts and
# explosions are as often the devices of one attack ("Two car bombs detonated ... killed in the blasts").
_ATTACKS = r"(?:attacks|incidents|assaults|raids|clashes|events)"
_INCIDENTS = rf"(?:{_ATTACKS}|bombings|blasts|explosions)"
_CARDINAL = rf"(?:{CARDINAL_WORD_PATTERN}|\d+)"
_MODIFIERS = r"(?:[\w-]+\s+){0,2}?"
# Where a sentence says its total covers several incidents: "across all three of the explosions", "across attacks",
# "across which"; after "in", "during" or "repelled", a number or "both" ("in both blasts", "repelled the three
# assaults") or a definite plural of attacks ("killed in the ensuing clashes"). `n` is how many when the words say it.
_SHARED_TOTAL_RE = re.compile(
    rf"\bacross\s+which\b"
    rf"|\bacross\s+(?:(?P<across_det>all|both|the|these|those)\s+)?(?:of\s+the\s+)?(?:(?P<n>{_CARDINAL})\s+)?"
    rf"(?:of\s+the\s+)?{_MODIFIERS}{_INCIDENTS}\b"
    rf"|\b(?:in|during|repelled)\s+(?:(?P<det>both)\s+{_MODIFIERS}{_INCIDENTS}"
    rf"|(?:all\s+)?(?:the\s+)?(?P<in_n>{_CARDINAL})\s+{_MODIFIERS}{_INCIDENTS}"
    rf"|(?:all\s+)?(?:the|these|those)\s+{_MODIFIERS}{_ATTACKS})\b", _FLAGS)
# "This was one of four attacks on villages ...", "one of at least nine attacks": how many incidents the report counts.
_ONE_OF_RE = re.compile(rf"\bone\s+of\s+(?:at\s+least\s+)?(?P<n>{_CARDINAL})\s+(?:[\w-]+\s+){{0,2}}?{_INCIDENTS}\b",
                        _FLAGS)
# A count told of this incident alone, between it and the words of the total ("killed in this blast and four were
# injured across both attacks").
_THIS_INCIDENT_RE = re.compile(r"\b(?:in|during)\s+this\s+(?:\w+\s+)?(?:attack|incident|assault|bombing|raid|clash|"
                               r"blast|explosion|event)\b", _FLAGS)


def _incidents_of(phrase: re.Match[str], document: str) -> int | None:
    """How many incidents the total spreads over: the number its words give ("across the three raids", "both"), else
    the report's count of them ("This was one of four attacks ...")."""
    if phrase["n"] or phrase["in_n"]:
        return _incident_number(phrase["n"] or phrase["in_n"])
    if "both" in {(phrase["det"] or "").lower(), (phrase["across_det"] or "").lower()}:
        return 2
    one_of = _ONE_OF_RE.search(document)
    return _incident_number(one_of["n"]) if one_of else None


def _incident_number(text: str) -> int | None:
    quantity = parse_quantity(text)
    return quantity.low if quantity is not None and quantity.exact and quantity.low > 1 else None


def share_totals(counts: list[CasualtyCount], sentence: str, document: str, *, offset: int = 0) -> list[CasualtyCount]:
    """The counts of `sentence` (at `offset` in the caller's text), each total told across several incidents ("killed
    across all attacks" after "one of four attacks") replaced by one incident's share, as GTD and ACLED split such a
    total evenly among them; a count told of "this attack" alone stays whole."""
    phrase = _SHARED_TOTAL_RE.search(sentence)
    incidents = None if phrase is None else _incidents_of(phrase, document)
    if incidents is None:
        return counts
    phrase_start, phrase_end = phrase.start() + offset, phrase.end() + offset

    def told_of_this_incident(count: CasualtyCount) -> bool:
        between = (count.end, phrase_start) if count.end <= phrase_start else (phrase_end, count.start)
        return _THIS_INCIDENT_RE.search(sentence, max(0, between[0] - offset), max(0, between[1] - offset)) is not None

    return [count if told_of_this_incident(count) else shared(count, incidents) for count in counts]


def shared(count: CasualtyCount, incidents: int) -> CasualtyCount:
    """One incident's even share of a total, to the nearest whole person (GTD gives the remainder to some of the
    incidents: 50 across three attacks is 17, 17 and 16, so 17 is the likeliest figure of one)."""
    def share(total: int) -> int:
        return (2 * total + incidents) // (2 * incidents)

    return replace(count, low=share(count.low), high=None if count.high is None else share(count.high), exact=False)


def _competes(count: CasualtyCount, other: CasualtyCount) -> bool:
    """Whether two counts read the same words; one negation covering both kinds gives two counts of one span."""
    overlaps = count.start < other.end and other.start < count.end
    return overlaps and not ((count.start, count.end) == (other.start, other.end) and count.kind != other.kind)


def _read_negations(sentence: str) -> Iterable[CasualtyCount]:
    for match in _NEGATIVE_RE.finditer(sentence):
        for kind in _covered_kinds(match["verb"]):
            yield CasualtyCount(kind, 0, None, match.start(), match.end(), match.group(), negative=True)


def _read_self_killings(sentence: str) -> Iterable[CasualtyCount]:
    for match in _SELF_KILLING_RE.finditer(sentence):
        if not _is_irrealis(sentence, match.start("verb"), match["verb"]):
            yield CasualtyCount(
                "killed", 1, None, match.start(), match.end(), match.group(), includes_perpetrators=True, additional=True
            )


def _read_active(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_ACTIVE_RE, sentence):
        verb = _normal(match["verb"])
        if _is_irrealis(sentence, match.start("verb"), verb):
            continue
        if verb.endswith("ing") and _NOMINAL_BEFORE_RE.search(sentence, 0, match.start("verb")):
            continue  # "the shooting", "a killing": a noun, not a verb with an object
        yield from _count_of_mention(sentence, match, _ACTIVE_KIND[verb])


def _read_passive(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_PASSIVE_RE, sentence, _PASSIVE_TRIGGER_RE):
        if _is_prepositional_object(sentence, match):
            continue  # "in the ensuing scuffle and the assailant was killed": the subject is the list's later items
        verb = _normal(match["verb"])
        adverbs = _normal(match["adverbs"]).split()
        if set(adverbs) & _IRREALIS_ADVERBS or _single_name_with_plural_verb(match):
            continue
        # "was not injured" denies the injury; "was not seriously injured" reports one
        if verb in _UNHARMED_COVERS or (adverbs and adverbs[-1] in _NEGATING_ADVERBS):
            for kind in _UNHARMED_COVERS.get(verb) or [_PASSIVE_KIND[verb]]:
                yield _negative_for(match, kind)
            continue
        kind = _PASSIVE_KIND[verb]
        if kind == "injured" and (set(adverbs) & _FATAL_ADVERBS or _DIED_LATER_RE.match(sentence, match.end())):
            kind = "killed"  # "was fatally shot", "was shot in the chest and later died"
        yield from _count_of_mention(sentence, match, kind, match["adverbs"])


def _read_before_being(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_BEFORE_BEING_RE, sentence, _BEING_TRIGGER_RE):
        if _is_prepositional_object(sentence, match) or _single_name_with_plural_verb(match):
            continue
        adverbs = set(_normal(match["adverbs"]).split())
        if adverbs & _IRREALIS_ADVERBS or adverbs & _NEGATING_ADVERBS:
            continue
        kind = _PASSIVE_KIND[_normal(match["verb"])]
        if kind == "injured" and (adverbs & _FATAL_ADVERBS or _DEATH_WORDS_RE.search(
                f"{match['aux']} {match['between']}")):
            kind = "killed"  # "was found dead after being shot", "died after being shot"
        yield from _count_of_mention(sentence, match, kind, match["adverbs"])


def _read_intransitive(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_INTRANSITIVE_RE, sentence, _INTRANSITIVE_TRIGGER_RE):
        verb = _normal(match["verb"])
        kind = _INTRANSITIVE_KIND[verb]
        if kind == "injured":
            if not match["wound"]:
                continue  # "suffered" alone says nothing of an injury
            if "fatal" in match["wound"].lower():
                kind = "killed"
        if _is_irrealis(sentence, match.start("verb"), verb) or set(_normal(match["adverbs"]).split()) & _IRREALIS_ADVERBS:
            continue
        yield from _count_of_mention(sentence, match, kind, match["adverbs"])


def _read_nominals_of(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_NOMINAL_OF_RE, sentence):
        yield from _count_of_mention(sentence, match, _NOMINAL_OF_KIND[_normal(match["verb"])])


def _read_death_tolls(sentence: str) -> Iterable[CasualtyCount]:
    for match in _DEATH_TOLL_RE.finditer(sentence):
        quantity = parse_quantity(match["count"])
        if quantity is not None:
            yield _count(sentence, match, "killed", quantity)


def _read_adjectives(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_ADJECTIVE_RE, sentence, _COUNT_WORD_TRIGGER_RE, _HEADLINE_REACH, _PARTICIPLE_WORD_RE):
        quantity = parse_quantity(match["count"])
        if quantity is not None:
            kind = _PARTICIPLE_KIND[_normal(match["verb"])]
            yield _count(sentence, match, kind, quantity, with_victim=True, verb=match["verb"])


def _read_count_nouns(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_COUNT_NOUN_RE, sentence, _COUNT_WORD_TRIGGER_RE, _HEADLINE_REACH, _COUNT_NOUN_WORD_RE):
        yield from _count_of_mention(sentence, match, _COUNT_NOUN_KIND[_normal(match["verb"])])


def _read_participles(sentence: str) -> Iterable[CasualtyCount]:
    for match in _searches(_PARTICIPLE_RE, sentence, _COUNT_WORD_TRIGGER_RE, _HEADLINE_REACH, _PARTICIPLE_WORD_RE):
        yield from _count_of_mention(sentence, match, _PARTICIPLE_KIND[_normal(match["verb"])])


def _read_counted_nouns(sentence: str) -> Iterable[CasualtyCount]:
    """ "a double homicide", "a quadruple shooting", "a murder-suicide": nouns that carry their count."""
    for match in _COUNTED_NOUN_RE.finditer(sentence):
        if match["multiplied"]:
            kind, low = _MULTIPLIED_KIND[_normal(match["multiplied"])], _MULTIPLIERS[_normal(match["multiplier"])]
            yield _count(sentence, match, kind, Quantity(low), verb=match["multiplied"])
        else:
            kind, low = _COUNTED_NOUNS[_normal(match["noun"])]
            yield _count(sentence, match, kind, Quantity(low, exact=False))


_READERS = (
    _read_negations,
    _read_self_killings,
    _read_active,
    _read_passive,
    _read_before_being,
    _read_intransitive,
    _read_nominals_of,
    _read_death_tolls,
    _read_adjectives,
    _read_count_nouns,
    _read_participles,
    _read_counted_nouns,
)


# ------------------------------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class _Mention:
    quantity: Quantity | None
    perpetrators: bool
    """Names a perpetrator among the victims ("two suicide attackers", "himself and five others")."""
    only_perpetrators: bool


def _mention(text: str) -> _Mention:
    """How many people a victim mention names: "the driver and one passenger" is 2, "killing himself and 5 others"
    6 with a perpetrator, "Two people, a teacher and a bus driver" 2 (a list restating its total), "the victims"
    unknown."""
    parts = _list_items(_AGE_ASIDE_RE.sub(" ", text).strip())
    quantities = [_conjunct_quantity(part, i > 0) for i, part in enumerate(parts)]
    perpetrator_parts = [bool(set(_WORD_RE.findall(p.lower())) & _PERPETRATOR_WORDS) for p in parts]
    known = [q for q in quantities if q is not None]
    if known and len(known) >= 3 and known[0].low == sum(q.low for q in known[1:]):
        known = known[:1]  # an apposition spelling out the total
    return _Mention(_total(known, complete=len(known) == len(quantities)), any(perpetrator_parts), all(perpetrator_parts))


def named_people(victim: str) -> list[tuple[int, int]]:
    """Where each named person of a victim mention is, as (start, end) in `victim`: one per name of a list ("Hector
    Oqueli and Hilda Flores"), the name without its title in upper-case copy ("GOVERNOR ANTONIO ROLDAN BETANCUR");
    empty unless every item is a name."""
    spans = []
    for start, end in _list_spans(victim):
        item = victim[start:end]
        if not _NAME_RE.fullmatch(item):
            return []
        bare = _BARE_CAPS_NAME_RE.search(item)
        spans.append((start + bare.start(), end) if bare and bare.end() == len(item) else (start, end))
    return spans if len(spans) > 1 or spans[0] != (0, len(victim)) else []


def _list_items(text: str) -> list[str]:
    return [text[start:end] for start, end in _list_spans(text)]


def _list_spans(text: str) -> list[tuple[int, int]]:
    """Where the items of a list are ("the driver and one passenger"); the "and" of a range ("between 5 and 7")
    joins none."""
    spans, start = [], 0
    for separator in _CONJUNCT_SPLIT_RE.finditer(text):
        if not _RANGE_OPEN_RE.search(text, 0, separator.start()):
            spans.append((start, separator.start()))
            start = separator.end()
    spans.append((start, len(text)))
    return [(start, end) for start, end in spans if end > start]


def _total(quantities: list[Quantity], *, complete: bool) -> Quantity | None:
    if not quantities:
        return None
    total = quantities[0]
    for quantity in quantities[1:]:
        total = _sum(total, quantity)
    return total if complete else Quantity(total.low, total.high, exact=False)


# "a day", "three times", "a short time later", "a year ago": a counted span of time at the end of a mention.
_TIME_SPAN_RE = _compile(
    rf"(?:^|\s+)(?P<span>{_QTY}\s+(?:[\w-]+\s+)?(?:{phrase_alternation(_V['time_spans'])})"
    rf"(?:\s+(?:ago|later|earlier))?)\s*$"
)


def _conjunct_quantity(conjunct: str, in_list: bool) -> Quantity | None:
    time_span = _TIME_SPAN_RE.search(conjunct)
    if time_span is not None:
        if time_span.start("span") == 0:
            return None  # the whole mention is a span of time
        conjunct = conjunct[:time_span.start()]  # "two men a day later": two men
    words = _WORD_RE.findall(conjunct.lower())
    if words in (["a"], ["an"]):
        return None  # an article cut off by a breaker ("killed a while later") names no one
    head = _head_word(words)
    if head is None or head in _THINGS:
        return None  # "four civilian vehicles were hit": not people
    if head in _ONE_PERSON_WORDS:
        return Quantity(1)
    if head == "themselves":
        return None
    counted = _COUNT_START_RE.match(conjunct)
    if counted:
        quantity = parse_quantity(counted["count"])
        if quantity is not None:
            return quantity
    if _AGE_START_RE.match(conjunct) or _NAME_RE.fullmatch(conjunct):
        return Quantity(1)
    if _SINGULAR_START_RE.match(conjunct) or in_list:
        # "a child", "the driver"; in a list a bare noun too ("her sister and grandfather")
        return None if _is_plural(head) else Quantity(1)
    return None


def _head_word(words: list[str]) -> str | None:
    """The noun a mention is about: its last word before "of" ("the driver of the vehicle" is about a driver)."""
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1] if words else None


def _is_plural(noun: str) -> bool:
    return noun in _IRREGULAR_PLURALS or (noun.endswith("s") and not noun.endswith(("ss", "us", "is")))


def _has_noun(mention: str) -> bool:
    """Whether a mention says who, not only how many or a pronoun ("two civilians", "Abigail"; not "at least 12",
    "him")."""
    return parse_quantity(mention) is None and mention.lower() not in _ONE_PERSON_WORDS


def _is_prepositional_object(sentence: str, match: re.Match[str]) -> bool:
    """Whether a subject list of several items starts right after a preposition, so that its first items are not
    the subject ("in the ensuing scuffle and the assailant was killed"); a relative clause is the exception ("the
    names of the four people who were killed"). A single item is kept: a mis-read place name before "was shot"
    ("in Gallia County was shot") still tells of one victim."""
    return (
        not match["relative"]
        and _CONJUNCT_SPLIT_RE.search(match["victim"]) is not None
        and bool(_PREPOSITION_BEFORE_RE.search(sentence, 0, match.start()))
    )


def _single_name_with_plural_verb(match: re.Match[str]) -> bool:
    """A lone capitalised word with "were" is a people ("Israelis were killed"), not one named person."""
    victim = match["victim"].strip()
    return (
        " " not in victim
        and bool(_NAME_RE.fullmatch(victim))
        and parse_quantity(victim) is None
        and _normal(match["aux"]) in ("were", "are", "have been")
    )


# ------------------------------------------------------------------------------------------------- counts


def _count_of_mention(sentence: str, match: re.Match[str], kind: str, adverbs: str = "") -> Iterable[CasualtyCount]:
    """The count a match's victim mention gives, if it names a number of people."""
    mention = _mention(match["victim"])
    if mention.quantity is None:
        return
    ordinal = _ordinal(match["victim"]) if mention.quantity == Quantity(1) and not mention.perpetrators else None
    if ordinal is not None:
        count = _count(sentence, match, kind, Quantity(ordinal, exact=False), with_victim=True,
                       verb=match.group("verb") + (match.groupdict().get("wound") or ""))
        yield replace(count, by_position=True)
        return
    aside_words = set(_WORD_RE.findall((match.groupdict().get("aside") or "").lower()))
    victim_words = set(_WORD_RE.findall(match["victim"].lower()))
    yield _count(
        sentence,
        match,
        kind,
        mention.quantity,
        with_victim=True,
        includes_perpetrators=mention.perpetrators or bool(aside_words & _PERPETRATOR_WORDS),
        # the perpetrator's own death ("the gunman was killed", "killed himself") is never among the victims; but
        # one who "shot himself" with no one shot before him in the sentence is a person shot like any other, most
        # often the story's only victim ("a boy died after he shot himself"), not one beyond them ("shot two women
        # and then himself")
        additional=(mention.only_perpetrators and not (
            kind == "injured" and _is_reflexive(match["victim"]) and not _HARM_BEFORE_RE.search(sentence, 0,
                                                                                              match.start())))
        or (bool(_ADDITIONAL_RE.search(f"{match['victim']} {adverbs}")) and not _names_someone_told(match["victim"])),
        others=bool(victim_words & _OTHERS_WORDS),
        verb=match.group("verb") + (match.groupdict().get("wound") or ""),
    )


def _ordinal(victim: str) -> int | None:
    """The position a victim is told by: "a fourth male" is 4, "the 7th victim" 7."""
    found = _ORDINAL_START_RE.match(victim.strip())
    if found is None:
        return None
    word = found["ordinal"].lower()
    return int(word[:-2]) if word[0].isdigit() else _ORDINALS[word]


# Verbs of harm done to others before "shot himself"; narrower than the active casualty verbs on purpose: with every
# one of those ("injured", "hurt", "kill"...) GVA lost an article's injured count.
_HARM_BEFORE_RE = re.compile(r"\b(?:shot|shooting|wounded|wounding|killed|killing|stabbed|stabbing)\b", re.I)


def _is_reflexive(victim: str) -> bool:
    return re.fullmatch(_REFLEXIVE, victim.strip().lower()) is not None


def _count(
    sentence: str,
    match: re.Match[str],
    kind: str,
    quantity: Quantity,
    *,
    with_victim: bool = False,
    includes_perpetrators: bool = False,
    additional: bool = False,
    others: bool = False,
    verb: str = "",
) -> CasualtyCount:
    victim_start, victim_end = (match.start("victim"), match.end("victim")) if with_victim else (None, None)
    victim_text = sentence[victim_start:victim_end] if with_victim else None
    if victim_text is not None and not _has_noun(victim_text):
        victim_start, victim_end, victim_text = None, None, None  # "killing three": no words say who
    return CasualtyCount(
        kind,
        quantity.low,
        quantity.high,
        match.start(),
        match.end(),
        match.group(),
        victim_text,
        victim_start,
        victim_end,
        includes_perpetrators,
        exact=quantity.exact,
        additional=additional,
        others=others,
        includes_killed=kind == "injured" and not additional and bool(_GUNFIRE_RE.search(verb)),
    )


def _negative_for(match: re.Match[str], kind: str) -> CasualtyCount:
    return CasualtyCount(
        kind, 0, None, match.start(), match.end(), match.group(),
        match["victim"], match.start("victim"), match.end("victim"), negative=True,
    )


def _is_irrealis(sentence: str, verb_start: int, verb: str) -> bool:
    before = sentence[max(0, verb_start - 40):verb_start]
    if _IRREALIS_BEFORE_RE.search(before):
        return True
    return _normal(verb) in _BASE_FORMS and bool(_TO_BEFORE_RE.search(before))


_HABITUAL_RE = _compile(rf"\b(?:{phrase_alternation(_V['habitual'])})\b")
# Punctuation that ends a clause; not the comma or point inside a number ("1,500").
_CLAUSE_BREAK_RE = re.compile(r"[;:()]|(?<!\d)[,.]|[,.](?!\d)")


def _is_habitual(sentence: str, count: CasualtyCount) -> bool:
    """A recurring statistic ("guns kill thousands of people every year"): a habitual phrase in the count's clause."""
    breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(sentence)]
    start = max((b for b in breaks if b < count.start), default=-1) + 1
    end = min((b for b in breaks if b >= count.end), default=len(sentence))
    return _HABITUAL_RE.search(sentence, start, end) is not None


def _covered_kinds(words: str) -> list[str]:
    kinds: list[str] = []
    for word in _NEGATION_WORD_RE.findall(words):
        for kind in _NEGATION_COVERS[_normal(word)]:
            if kind not in kinds:
                kinds.append(kind)
    return kinds


def _with_in_addition_counts(sentence: str, found: list[CasualtyCount]) -> list[CasualtyCount]:
    """ "In addition to the bomber, nine soldiers were killed": the bomber is one more, of the kind counted next."""
    counts = list(found)
    for match in _IN_ADDITION_RE.finditer(sentence):
        following = [c for c in found if c.start >= match.end() and not c.negative]
        mention = _mention(match["victim"])
        if following and mention.quantity is not None:
            # the count told right after it, whichever reader found it
            counts.append(
                _count(sentence, match, min(following, key=lambda c: c.start).kind, mention.quantity, with_victim=True,
                       includes_perpetrators=mention.perpetrators, additional=True)
            )
    return counts


def _names_someone_told(victim: str | None) -> bool:
    """A personal pronoun ("He was also stabbed") is someone already counted, however "also" reads."""
    return victim is not None and victim.strip().lower() in _PERSONAL_PRONOUNS


_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})


def _with_context(sentence: str, count: CasualtyCount) -> CasualtyCount:
    """What the words around a count say of it: "killed 5, including the bomber" includes a perpetrator; "was
    injured as well" and "In addition, one assailant was killed" are additional; "in retaliation for the killing
    of three" is cited."""
    if count.negative:
        return count
    changes = {}
    if not count.includes_perpetrators and _INCLUDING_PERPETRATOR_RE.match(sentence, count.end):
        changes["includes_perpetrators"] = True
    # A pronoun has no victim text: the count's first word is the pronoun ("He was injured as well").
    told_as = count.victim_text or next(iter(sentence[count.start:count.end].split(maxsplit=1)), None)
    if not count.additional and not _names_someone_told(told_as) and (
            _ADDITIONAL_AFTER_RE.match(sentence, count.end) or _ADDITIONAL_OPENING_RE.match(sentence)):
        changes["additional"] = True
    if _is_cited(sentence, count.start):
        changes["cited"] = True
    return replace(count, **changes) if changes else count


def _is_cited(sentence: str, start: int) -> bool:
    """Whether a citing cue ("in retaliation for", "since") governs the words at `start`: it is in the same
    clause, with no comma between them other than one opening a relative clause (", which killed two")."""
    clause_start = max(sentence.rfind(";", 0, start), sentence.rfind(".", 0, start)) + 1
    cues = list(_CITING_CUE_RE.finditer(sentence, clause_start, start))
    if not cues:
        return False
    between = sentence[cues[-1].end():start]
    last_comma = between.rfind(",")
    return last_comma < 0 or bool(_RELATIVE_CLAUSE_RE.match(between, last_comma))


def _without_restatements(counts: list[CasualtyCount]) -> list[CasualtyCount]:
    """Drop a later definite mention of a number already counted ("Three people were killed ... the three victims")."""
    kept: list[CasualtyCount] = []
    for count in counts:
        restated = (
            count.victim_text is not None
            and count.victim_text.lower().startswith(("the ", "these ", "those ", "all "))
            and any(k.kind == count.kind and k.low == count.low and not k.negative for k in kept)
        )
        if not restated:
            kept.append(count)
    return kept


def _searches(
    pattern: re.Pattern[str],
    sentence: str,
    trigger: re.Pattern[str] | None = None,
    reach: int = _LIST_REACH,
    needs: re.Pattern[str] | None = None,
) -> Iterable[re.Match[str]]:
    """Matches of `pattern`, like finditer, with two differences.

    After each match the search goes on from the second item of its victim list, so a list whose first item an
    earlier pattern has read ("killed two soldiers and three civilians were wounded") leaves the rest to this one.
    With a `trigger` (the verb or noun a pattern ends with), only matches containing an occurrence of it are
    sought, in a window before it: a pattern that begins with a victim mention would otherwise be tried at every
    word of the sentence. A window where `needs` (a part of every match) is not found is skipped.
    """
    windows = [(0, len(sentence), None)] if trigger is None else [
        (max(0, t.start() - reach), min(len(sentence), t.end() + _LOOKAHEAD_REACH), t) for t in trigger.finditer(sentence)
    ]
    for start, end, occurrence in windows:
        if needs is not None and needs.search(sentence, start, end) is None:
            continue
        position = start
        while (match := pattern.search(sentence, position, end)) is not None:
            if occurrence is not None and match.start() > occurrence.start():
                break
            position = match.end() if match.end() > match.start() else match.start() + 1
            if occurrence is None or match.end() >= occurrence.end():
                yield match
                next_item = _CONJUNCT_SPLIT_RE.search(sentence, match.start("victim"), match.end("victim"))
                if next_item is not None:
                    position = next_item.end()
                elif occurrence is not None:
                    break


def _shifted(count: CasualtyCount, offset: int) -> CasualtyCount:
    if not offset:
        return count
    return replace(
        count,
        start=count.start + offset,
        end=count.end + offset,
        victim_start=None if count.victim_start is None else count.victim_start + offset,
        victim_end=None if count.victim_end is None else count.victim_end + offset,
    )


# ------------------------------------------------------------------------------------------------- merging


def merge_counts(counts: Iterable[CasualtyCount]) -> tuple[Quantity | None, Quantity | None]:
    """The killed and injured figures of one event from the counts of its sentences, given in reading order
    (None: the text does not say).

    Per kind, the first count stands and each later one either adds to the figure or restates it:
    - it adds when it is `additional` ("was also killed", "In addition to the bomber", a perpetrator's own death,
      once), or `others` right after a count of the same kind ("One was injured; two others were injured" = 3,
      "A man was killed. Another man was killed" = 2, but "killed two and injured 16 others" leaves 16 injured);
    - otherwise it restates the figure, which becomes the larger of the two ("Three people were killed" ... "the
      death toll rose to 5" = 5; a headline "2 dead" and a lead "two people were killed" = 2).
    People shot (`includes_killed`) count as injured once the killed are taken out: "4 shot, 1 dead" = 1 killed
    and 3 injured; "a girl was shot and killed ... she was shot in the chest" = 1 killed, 0 injured.
    Negative counts give 0 only when no count of that kind is positive. `cited` counts and kind "casualties"
    (killed or injured, not split) are left out.
    """
    merged = [c for c in counts if not c.cited]
    killed = _merge_kind(merged, "killed")
    injured = _merge_kind([c for c in merged if not c.includes_killed], "injured")
    shot = _merge_kind([c for c in merged if c.includes_killed], "injured")
    if shot is None:
        return killed, injured
    survivors = Quantity(max(0, shot.low - killed.low), exact=shot.exact and killed.low == 0) if killed else shot
    return killed, survivors if injured is None or survivors.low > injured.low else injured


def _merge_kind(counts: list[CasualtyCount], kind: str) -> Quantity | None:
    restated: Quantity | None = None  # the figure the ordinary counts give, by the larger-figure and others rules
    told_together: Quantity | None = None  # the victims of the current run of a count and its "others"
    added: Quantity | None = None  # the victims the additional counts name, wherever they stand
    previous: CasualtyCount | None = None
    perpetrator_added = False
    for count in counts:
        if count.negative:
            continue
        if count.kind == kind and count.additional:
            # a perpetrator's own death is added once: "shot himself" in the headline and the lead is one person
            own_death = count.includes_perpetrators
            if not (own_death and perpetrator_added):
                added = count.quantity if added is None else _sum(added, count.quantity)
            perpetrator_added = perpetrator_added or own_death
        elif count.kind == kind:
            # "others" adds to the count told just before it, not to the figure so far: after "Four men were shot",
            # "A 24-year-old was shot. Another man was shot" describes two of the four
            if count.others and previous is not None and previous.kind == kind and told_together is not None:
                told_together = _sum(told_together, count.quantity)
            else:
                told_together = count.quantity
            if restated is None or told_together.low > restated.low:
                restated = told_together
        previous = count
    if restated is None or added is None:
        total = restated or added
    else:
        total = _sum(restated, added)
    if total is None and any(c.kind == kind and c.negative for c in counts):
        return Quantity(0)
    return total


def _sum(a: Quantity, b: Quantity) -> Quantity:
    high = None
    if a.high is not None or b.high is not None:
        high = (a.high if a.high is not None else a.low) + (b.high if b.high is not None else b.low)
    return Quantity(a.low + b.low, high, a.exact and b.exact)
