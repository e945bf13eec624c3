"""The `frames` and `records` stages: event frames from triggers and their arguments, then event records.

A frame is one event as the text tells it: the triggers that name it, and the weapons, casualty counts, actors,
targets, place and time that belong to it, each with the span it came from. The cascade, per sentence:
1. keep the triggers that report a real act (not negated, threatened, planned or generic);
2. split the sentence where a different event starts ("one week after a similar rocket attack", "since a U.S.
   attack"), so one sentence can carry several events;
3. a part that points back ("the attack", "the blast") adds to the frame it refers to, else it opens a frame;
4. casualty counts and weapons go to the frame whose part of the sentence holds them; a sentence with only a
   count ("Two people died.") adds to the frame just told;
5. claims of responsibility, accusations and denials become attributions (and an ACCUSE frame).
`link.merge` then merges frames that tell one event, and `records` writes each frame as an `Event`.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from . import actors, casualties, dates, geo
from .gazetteer import acled_spelling
from .knowledge import load_yaml
from .mentions import ACTOR, TRIGGER, WEAPON
from .model import Attribution, Document, Event, Evidence, Mention, PlaceMention, Sentence, TimeExpression, stable_id
from .pipeline import stage

VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
BACKGROUND_DAYS = 31
# A toll told without an act ("That's when one of the teens was grazed") belongs to the event told at most this
# many sentences before; on GVA 3 beat 2 and 4.
TOLL_REACH = 3
# A sentence without an act goes on about the event told at most this many sentences before when it dates it
# ("The incident happened on July 28"); further on, a dated sentence tells of something else.
RETELLING_REACH = 1


@dataclass
class Span:
    """A piece of the text that a field came from."""

    start: int
    end: int
    text: str
    sentence: int
    part: str = "text"


@dataclass
class Frame:
    kind: str
    part: str
    sentence: int
    start: int
    triggers: list[Mention] = field(default_factory=list)
    weapons: list[Mention] = field(default_factory=list)
    counts: list[tuple[casualties.CasualtyCount, Sentence]] = field(default_factory=list)
    perpetrators: list[Mention] = field(default_factory=list)
    victims: list[Span] = field(default_factory=list)
    victim_actors: list[Mention] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    place: PlaceMention | None = None
    time: TimeExpression | None = None
    # The time is when something after the act happened ("arrested Friday for shooting"): a bound on the act's
    # date that any time told of the act itself replaces.
    time_is_bound: bool = False
    background: Span | None = None
    attributions: list[tuple[Attribution, Span]] = field(default_factory=list)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    distinct: bool = False  # opened by words that say it is another event ("another bomb", "a similar attack")
    intervention: Span | None = None  # for a protest: the words that say the authorities stepped in
    crowd_act: Span | None = None  # a crowd's own violent act ("Protesters killed a policeman"): a riot

    @property
    def in_title(self) -> bool:
        return any(part == "title" for part, _ in self.sentences)


@functools.cache
def _lexicon() -> dict:
    triggers = load_yaml("triggers.yaml")
    return {
        "weak": set(triggers["weak"]),
        "armed_doers": set(load_yaml("weapons.yaml")["armed_doers"]),
        "toll_verbs": set(triggers["toll_verbs"]),
        "acts": set(triggers["acts"]),
        "detonations": set(triggers["detonations"]),
        "verb_or_noun": set(triggers["verb_or_noun"]),
        "reporting_sources": _words_regex(triggers["reporting_sources"]),
        "unreal": _words_regex(triggers["unreal_cues"], suffix=r"(?:\s+\w+){0,2}\s*$"),
        "habitual": _words_regex(triggers["habitual_cues"]),
        "roundup": _words_regex(triggers["roundup_cues"]),
        "roundup_span": _words_regex(triggers["roundup_spans"]),
        "anaphor_nouns": set(triggers["anaphors"]),
        "intervention": _words_regex(triggers["intervention_cues"]),
        "aftermath": _words_regex(triggers["aftermath_cues"]),
        "aftermath_before": _words_regex(triggers["aftermath_cues"], suffix=r"(?:\s+(?:on|at|in|for))?\s*$"),
        "crowd_nouns": set(triggers["crowd_nouns"]),
        "territory_needs_place": set(triggers["territory_needs_place"]),
        "new_event": _words_regex(triggers["new_event_cues"], suffix=r"(?:\s+[\w.-]+)?\s*$"),
        "background": _words_regex(triggers["background_cues"], suffix=r"(?:\s+[\w.'’-]+){0,4}\s*$"),
        "history": _words_regex(triggers["background_cues"]),
        "types": load_yaml("event_types.yaml")["sub_event_types"],
        "weapon_modes": load_yaml("weapons.yaml")["plover_modes"],
        "seized_cues": _words_regex(load_yaml("weapons.yaml")["seized_cues"]),
    }


def _words_regex(words: list[str], suffix: str = "") -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’]){suffix}", re.IGNORECASE)


# ----------------------------------------------------------------------------------------------- triggers

DENIED_ACT = re.compile(r"\b(?:denied|denies|deny|denying)\s+(?:\w+\s+){0,4}$", re.I)
VERB_CONTEXT = re.compile(r"\b(?:that|who|which|to|will|would|they|we|you|i|can|could|may|might|should|must)\s+$", re.I)
# "Used sharp-edged weapons to attack civilians": the act a told use of a weapon was for took place.
USED_FOR = re.compile(r"\bused\s+(?:[\w'’-]+\s+){1,6}to\s+$", re.I)


def is_real(trigger: Mention, sentence: Sentence) -> bool:
    """False for a negated, threatened, planned, denied or hypothetical act ("threatened to attack", "no attack"),
    and for a noun-or-verb trigger used as a present-tense verb ("proxies that attack Americans")."""
    before = sentence.text[max(0, trigger.start - sentence.start - 60): trigger.start - sentence.start]
    if _lexicon()["unreal"].search(before[-40:]) or DENIED_ACT.search(before):
        return False
    return not (trigger.text.lower() in _lexicon()["verb_or_noun"] and VERB_CONTEXT.search(before)
                and not USED_FOR.search(before))


# A toll this large is a war's or a campaign's total ("70,000 Salvadorans have been killed"), not one event's: a
# single attack that kills a thousand is so rare that ACLED's and GTD's coders check it by hand.
WAR_TOTAL = 1_000
ROUNDUP_NOUNS = re.compile(r"\b(?:shootings|attacks|incidents|bombings|stabbings|explosions|blasts)\b", re.I)


def is_generic(trigger: Mention, sentence: Sentence) -> bool:
    """A bare plural about a pattern of events ("Rocket attacks ... have become frequent") is not one event, nor is
    a roundup of several ("4 killed, 53 wounded in weekend shootings across Chicago", "seven shot in 72 hours")."""
    lexicon = _lexicon()
    if lexicon["roundup_span"].search(sentence.text):
        return True
    # "7 people shot in 3 separate shootings": the sentence tells a roundup, and every act in it is of several.
    if lexicon["roundup"].search(sentence.text) and ROUNDUP_NOUNS.search(sentence.text):
        return True
    lowered = trigger.text.lower()
    if not lowered.endswith("s") or lowered.endswith("ss"):
        return False
    before = sentence.text[max(0, trigger.start - sentence.start - 12): trigger.start - sentence.start].lower()
    if re.search(r"\b(the|these|two|three|four|five|several|both|twin|multiple|\d+)\s+$", before):
        return False
    return lexicon["habitual"].search(sentence.text) is not None


def opens_new_event(trigger: Mention, sentence: Sentence, previous_end: int, *, follows_event: bool = True) -> bool:
    """Whether this trigger starts a different event from the one told before it, judged on the words between
    the previous trigger and this one: "a similar attack", "another bomb", "since a U.S. attack", and, after an
    event of the same sentence, "(one week) after a ..." ("Four men were hospitalized after a shooting" is one)."""
    before = sentence.text[max(0, previous_end - sentence.start, trigger.start - sentence.start - 40):
                           trigger.start - sentence.start]
    lex = _lexicon()
    return bool(lex["new_event"].search(before) and _names_an_event(trigger) or lex["background"].search(before)
                or follows_event and re.search(r"\b(after|since|following|than|before|like)\s+(a|an)\s+"
                                               r"(?:[\w.'’-]+\s+){0,3}$", before, re.I))


def _names_an_event(trigger: Mention) -> bool:
    """"Another shooting", "a similar attack" open an event; "another injured", "another car opened fire" name
    another person or thing of the same event."""
    head = trigger.text.lower().split()[-1]
    return head in _lexicon()["anaphor_nouns"] or head.removesuffix("s") in _lexicon()["anaphor_nouns"]


TERRITORY_OBJECT = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z]|(?:town|city|village|district|area|territory|province|"
                              r"region|county|capital|port|border)\b)")


def _control_of_no_place(trigger: Mention, sentence: Sentence) -> bool:
    """"Took control of a police station" is no change of territory; "took control of Anah" is."""
    if trigger.text.lower() not in _lexicon()["territory_needs_place"]:
        return False
    return TERRITORY_OBJECT.match(sentence.text, trigger.end - sentence.start) is None


EQUIPPED_WITH = re.compile(r"\b(?:armed|equipped)\s+with\s+(?:[\w'’-]+[\s,]+){0,8}$", re.I)
# Trigger kinds whose words also name a munition, carried or seized ("mortars", "grenades", "explosive devices").
MUNITION_KINDS = frozenset({"shelling", "explosion", "airstrike", "suicide"})


def names_equipment(triggers: list[Mention], sentence: Sentence) -> list[Mention]:
    """The weapon nouns in a list of what someone was "armed with" or "equipped with": they tell what the doers
    carried, not what they did ("gunmen armed with mortars and rifles opened fire" is a shooting)."""
    carried: list[Mention] = []
    for trigger in triggers:
        if _kind_of(trigger) not in MUNITION_KINDS or trigger.text.lower() in _lexicon()["acts"]:
            continue
        before = sentence.text[max(0, trigger.start - sentence.start - 80): trigger.start - sentence.start]
        listed = EQUIPPED_WITH.search(before)
        if listed is None:
            continue
        list_start = trigger.start - len(listed.group())
        # An act told between "armed with" and the noun ends the list ("armed with rifles, they fired rockets").
        if all(t in carried for t in triggers if list_start <= t.start < trigger.start):
            carried.append(trigger)
    return carried


def is_anaphor(trigger: Mention, sentence: Sentence) -> bool:
    before = sentence.text[max(0, trigger.start - sentence.start - 12): trigger.start - sentence.start]
    head = trigger.text.lower().split()[-1]
    return head in _lexicon()["anaphor_nouns"] and re.search(
        r"\b(the|this|that|these|those)\s+(?:[\w'’-]+\s+)?$", before, re.I) is not None


# ----------------------------------------------------------------------------------------------- frames

@stage("frames", requires=("mentions", "places", "times"), assigns=("frames",))
def build_frames(doc: Document) -> None:
    """Event frames from the recognised mentions, places, times and casualty counts."""
    frames: list[Frame] = []
    found = _by_sentence(doc)
    for sentence in doc.sentences:
        _read_sentence(doc, sentence, found[(sentence.part, sentence.index)], frames)
    _date_from_the_sentence_before(doc, frames, found)
    doc.frames = [f for f in frames if _is_event(f)]
    places = geo.EventPlaces(doc)
    for frame in doc.frames:
        _finish(doc, frame, places)


@dataclass
class _Found:
    """What the earlier stages found in one sentence, gathered once so no sentence rescans the document."""

    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)


def _by_sentence(doc: Document) -> dict[tuple[str, int], _Found]:
    found = {(s.part, s.index): _Found() for s in doc.sentences}
    for mention in doc.mentions:
        found.setdefault((mention.part, mention.sentence), _Found()).mentions.append(mention)
    for time in doc.times:
        found.setdefault((time.part, time.sentence), _Found()).times.append(time)
    for part in ("title", "text"):
        sentences = sorted((s for s in doc.sentences if s.part == part), key=lambda s: s.start)
        starts = [s.start for s in sentences]
        for place in (p for p in doc.places if p.field == part):
            position = bisect.bisect_right(starts, place.start) - 1
            if position >= 0 and place.start < sentences[position].end:
                found[(part, sentences[position].index)].places.append(place)
    return found


def _read_sentence(doc: Document, sentence: Sentence, here: _Found, frames: list[Frame]) -> None:
    seized = {id(m) for m in seized_arms(sentence, here.mentions)}
    in_sentence = [m for m in here.mentions if id(m) not in seized]
    candidates = [m for m in in_sentence if m.label == TRIGGER]
    # What the doers carried ("armed with mortars and rifles") is no act: its weapons stay, its words name no event.
    equipment = names_equipment(candidates, sentence)
    triggers = [m for m in candidates if is_real(m, sentence) and not is_generic(m, sentence)
                and not _control_of_no_place(m, sentence) and m not in equipment]
    dropped = [m for m in candidates if m not in triggers and m not in equipment]
    counts = casualties.find_casualties(sentence.text, offset=sentence.start)
    if counts:
        counts = [c for c in casualties.share_totals(counts, sentence.text, doc.text, offset=sentence.start)
                  if c.low < WAR_TOTAL]
    attributions = find_attributions(doc, sentence, in_sentence)
    # Who is blamed or who denies is not thereby a perpetrator: only a claim of responsibility makes one.
    disputed = [span for a, span in attributions if a.kind != "claim of responsibility"]
    deniers = {a.claimant for a, _ in attributions if a.kind == "denial"}
    in_sentence = [m for m in in_sentence if not (m.label == ACTOR and (
        any(s.start <= m.start < s.end for s in disputed) or m.text in deniers))]
    if not triggers:
        last_told = next((f for f in reversed(frames) if f.kind != "accusation"), None)
        if counts and last_told is not None and _recent(last_told, sentence, within=TOLL_REACH):
            _add_counts(last_told, counts, sentence)
        last_act = next((f for f in reversed(frames) if f.kind not in NONVIOLENT_KINDS), None)
        if last_act is not None and _recent(last_act, sentence, within=RETELLING_REACH):
            _date_from_retelling(doc, last_act, sentence, here)
        _attach_attributions(attributions, frames, sentence, here)
        _note_intervention(frames, sentence)
        return
    parts = _split(triggers, sentence, here.times)
    if dropped and dropped[0].start < parts[0][0][0].start:
        # The words of a dropped generic or hypothetical act ("Rocket attacks ... have become frequent") are not
        # the first event's.
        group, _, end = parts[0]
        parts[0] = (group, _cut_before(group[0], sentence), end)
    last_told = next((f for f in reversed(frames) if f.kind != "accusation"), None)
    for index, (group, start, end) in enumerate(parts):
        lead = group[0]
        strong = [t for t in group if t.text.lower() not in _lexicon()["weak"]]
        if not strong and _attack_took_place(group) and any(
                m.label == WEAPON and start <= m.start < end for m in in_sentence):
            strong = group  # "launched two drones", "fired mortars": an act with its weapon
        anaphor = next((t for t in group if is_anaphor(t, sentence)), None)
        target = None
        if anaphor is not None:
            target = _referent(frames, anaphor, sentence)
        elif index == 0 and last_told is not None and _recent(last_told, sentence) and (
                not strong or _continues(last_told, group, here.places, start, end)):
            target = last_told
        if target is None:
            if not strong and not any(start <= c.start < end for c in counts):
                continue
            target = Frame(kind=_main_kind(group), part=sentence.part, sentence=sentence.index, start=lead.start,
                           distinct=opens_new_event(lead, sentence, start, follows_event=index > 0))
            frames.append(target)
        _fill(doc, target, sentence, here, group, in_sentence, counts, start, end, refers_back=anaphor is not None)
    _attach_attributions(attributions, frames, sentence, here)
    _note_intervention(frames, sentence)


# Where a list of seized arms ends after its verb, and where one told before "were seized" begins: a semicolon or
# a new clause ("captured him after he placed a bomb", "found a bullet in the car, which was impounded").
LIST_END = re.compile(r";|\b(?:after|before|when|while|because|where|since|until|but|then)\b", re.I)
PASSIVE_CLAUSE_START = re.compile(r";|\b(?:after|before|when|while|because|where|since|until|but|then|which|that|"
                                  r"who)\b", re.I)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def seized_arms(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """The weapons a sentence tells as taken, not used ("troops confiscated 13 rifles and two grenades", "two rifles
    were recovered"), with the trigger words that name them ("grenades"): the arms listed after a seizure word, or
    before one after was/were, as far as the nearest act or new clause. Arms the text says were used ("seized 90
    carbines, which they used to attack the guards") stay."""
    weapons = [m for m in mentions if m.label == WEAPON]
    triggers = [m for m in mentions if m.label == TRIGGER]

    def names_weapon(trigger: Mention, among: list[Mention]) -> bool:
        return any(w.start < trigger.end and trigger.start < w.end for w in among)

    # A munition that is also a trigger ("rockets", "grenades") belongs to the list; an act ("fired", "was shot")
    # ends it.
    acts = [t for t in triggers if not (names_weapon(t, weapons) and _kind_of(t) in MUNITION_KINDS)
            or t.text.lower() in _lexicon()["acts"]]
    text, offset = sentence.text, sentence.start
    seized: list[Mention] = []
    for cue in _lexicon()["seized_cues"].finditer(text):
        cue_start, cue_end = offset + cue.start(), offset + cue.end()
        if any(t.start <= cue_start and cue_end <= t.end for t in triggers):
            continue  # "captured the town": a trigger of its own
        if PASSIVE_BEFORE.search(text[:cue.start()]):
            clause = max((m.end() for m in PASSIVE_CLAUSE_START.finditer(text, 0, cue.start())), default=0)
            begin = max([offset + clause] + [t.end for t in acts if t.end <= cue_start])
            end = cue_start
        elif re.match(r"\s*(?:[,.;:)]|to\b)", text[cue.end():], re.I):
            continue  # "shell casings recovered, ...", "handed over to police": no list follows
        else:
            clause = LIST_END.search(text, cue.end())
            begin = cue_end
            end = min([offset + (clause.start() if clause else len(text))] + [t.start for t in acts
                                                                               if t.start >= cue_end])
        if re.search(r"\bused\b", text[begin - offset:end - offset], re.I):
            continue
        listed = [w for w in weapons if begin <= w.start and w.end <= end]
        seized.extend(listed)
        seized.extend(t for t in triggers if names_weapon(t, listed))
    return seized


QUOTATION_MARK = re.compile(r'["“”]')


def _date_from_retelling(doc: Document, frame: Frame, sentence: Sentence, here: _Found) -> None:
    """A sentence without an act that goes on about the event just told ("The incident happened on July 28",
    "Police responded to the call at 6 p.m. Feb. 26") gives its day to an event told without one."""
    if frame.time is not None and not frame.time_is_bound:
        return
    _take_the_day(frame, _days_of_a_retelling(doc, sentence, here), sentence)


def _date_from_the_sentence_before(doc: Document, frames: list[Frame], found: dict[tuple[str, int], _Found]) -> None:
    """A sentence that belongs to no event, right before the one that first tells an undated event, sets its scene
    ("A day of play in a backyard was ruined Saturday when something hit a girl. She had been shot."): its day is
    the event's."""
    told = {sentence for frame in frames for sentence in frame.sentences}
    by_index = {(s.part, s.index): s for s in doc.sentences}
    for frame in frames:
        if frame.kind in NONVIOLENT_KINDS or frame.time is not None and not frame.time_is_bound:
            continue
        first = min((i for part, i in frame.sentences if part == "text"), default=None)
        before = by_index.get(("text", first - 1)) if first else None
        if before is None or ("text", before.index) in told:
            continue
        _take_the_day(frame, _days_of_a_retelling(doc, before, found[("text", before.index)]), before)


def _take_the_day(frame: Frame, days: list[TimeExpression], sentence: Sentence) -> None:
    if days:
        frame.time, frame.time_is_bound = days[0], False
        frame.sentences.add((sentence.part, sentence.index))


def _days_of_a_retelling(doc: Document, sentence: Sentence, here: _Found) -> list[TimeExpression]:
    """The days a sentence without an act gives the event it goes on about. Not a day of what came after the act
    (a hearing, a death in hospital: see `aftermath_cues`), nor a day in a quotation (the speaker's "tonight"),
    nor a later day than the report's, nor history (those would make the news a past event)."""
    if _lexicon()["aftermath"].search(sentence.text) or QUOTATION_MARK.search(sentence.text):
        return []
    return [t for t in here.times if t.date is not None and t.precision == 1 and not t.is_past_context
            and not _after_the_report(doc, t) and not _dates_something_else(t, sentence, sentence.end)]


def _note_intervention(frames: list[Frame], sentence: Sentence) -> None:
    """A protest told in this sentence or the one before, where this one says the authorities stepped in ("Police
    fired tear gas to disperse them"), is a protest with intervention."""
    protest = next((f for f in reversed(frames) if f.kind == "protest"), None)
    if protest is None or protest.intervention is not None or not _recent(protest, sentence, within=1):
        return
    cue = _lexicon()["intervention"].search(sentence.text)
    if cue is not None:
        protest.intervention = Span(sentence.start + cue.start(), sentence.start + cue.end(), cue.group(),
                                    sentence.index, sentence.part)


def _continues(frame: Frame, group: list[Mention], places: list[PlaceMention], start: int, end: int) -> bool:
    """A sentence that only tells a toll ("Two people were killed.") goes on with the event just told, unless it
    names a place of its own."""
    if any(t.text.lower() not in _lexicon()["toll_verbs"] for t in group):
        return False
    own_places = [p for p in places if start <= p.start < end and p.resolved and not p.is_demonym]
    known = {p.geonameid for p in frame.places}
    return all(p.geonameid in known for p in own_places)


def _recent(frame: Frame, sentence: Sentence, within: int = 2) -> bool:
    """Whether the frame was told in the last `within` sentences before this one."""
    told = [i for p, i in frame.sentences if p == sentence.part]
    return bool(told) and 0 <= sentence.index - max(told) <= within


def _referent(frames: list[Frame], anaphor: Mention, sentence: Sentence) -> Frame | None:
    """The frame "the attack" points to: the one just told if it was told in the previous sentence, else the
    article's first news frame of a compatible kind (its main event), else the latest frame of a compatible
    kind, else ("the attack" after a foiled one) the latest frame told; None before any."""
    kind = _kind_of(anaphor)
    candidates = [f for f in frames if f.background is None and compatible_kinds(f.kind, kind)]
    same_kind = [f for f in candidates if f.kind == kind]
    if kind != "attack" and same_kind:
        return same_kind[-1]
    if candidates and _recent(candidates[-1], sentence, within=1):
        return candidates[-1]
    if candidates:
        body = [f for f in candidates if f.part == "text"]
        return (body or candidates)[0]
    told = [f for f in frames if f.kind != "accusation"]
    return told[-1] if told else None


RELATIONAL_TIME = re.compile(r"\b(after|before|earlier|later|ago|previous|prior|since)\b", re.I)


def _split(triggers: list[Mention], sentence: Sentence, times: list[TimeExpression]
           ) -> list[tuple[list[Mention], int, int]]:
    """Group a sentence's triggers into the events it tells, each with the character range it owns. A trigger
    opens another event after a cue ("a similar", "since a"), a date told relative to the first ("two days
    after gunmen ambushed"), or a change from violent to non-violent acts."""
    groups: list[list[Mention]] = []
    for trigger in triggers:
        previous_end = groups[-1][-1].end if groups else sentence.start
        dated = any(previous_end <= t.start and t.end <= trigger.start and RELATIONAL_TIME.search(t.text)
                    for t in times)
        # After a toll alone ("was wounded Saturday after a shooting"), "after a shooting" names its cause.
        tolls_only = bool(groups) and all(t.text.lower() in _lexicon()["toll_verbs"] for t in groups[-1])
        if groups and not dated and not opens_new_event(trigger, sentence, previous_end, follows_event=not tolls_only) \
                and (compatible_kinds(_main_kind(groups[-1]), _kind_of(trigger)) or _crowd_of_the_act(groups[-1], trigger, sentence)):
            groups[-1].append(trigger)
        else:
            groups.append([trigger])
    cuts = [sentence.start] + [_cut_before(g[0], sentence) for g in groups[1:]] + [sentence.end]
    return [(g, cuts[i], cuts[i + 1]) for i, g in enumerate(groups)]


def _crowd_of_the_act(group: list[Mention], trigger: Mention, sentence: Sentence) -> bool:
    """A crowd named with a violent act in its sentence takes part in it: protesters as its victims ("opened fire on
    protesters", "five protesters were killed when police fired"), a mob as its doer ("stoned to death by a mob"),
    protesters after a mob are the mob ("a mob of angry protesters"), and a protest after the act is its setting
    ("during a rally"); none is an event of its own."""
    group_kind = _main_kind(group)
    if _kind_of(trigger) == "mob" or _names_protesters(trigger):
        return group_kind not in NONVIOLENT_KINDS or group_kind == "mob"
    if _kind_of(trigger) == "protest" and group_kind not in NONVIOLENT_KINDS:
        return _sets_the_scene(trigger, sentence)
    return all(_names_protesters(t) for t in group) and _kind_of(trigger) not in NONVIOLENT_KINDS


SCENE_BEFORE = re.compile(r"\b(?:during|at|in|amid)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+)?$", re.I)


# Between a crowd and the act it did: a few words, no passive auxiliary ("protesters were shot" is done to them).
_CROWD_TO_ACT = re.compile(r"(?:\s+(?!(?:was|were|is|are|been|being|be|got|get)\b)[\w'’-]+){0,3}\s+", re.I)
# After a verb that is also a participle ("killed", "shot"), an object makes it the crowd's act: "protesters killed a
# policeman", not the headline's "3 protesters killed".
_OBJECT_AFTER = re.compile(r"\s+(?:a|an|the|his|her|their|its|two|three|four|five|several|many|dozens|\d+|police|"
                           r"security|soldiers?|officers?|policem[ae]n)\b", re.I)


def _crowd_act(group: list[Mention], sentence: Sentence) -> Span | None:
    """A crowd's own violent act told right after it ("Protesters killed a policeman", "Angry protesters set fire
    to a police station"): ACLED codes a demonstration that turns violent as a riot."""
    text = sentence.text
    for crowd in (t for t in group if _names_protesters(t)):
        act = next((t for t in group if t.start > crowd.end and _kind_of(t) not in NONVIOLENT_KINDS), None)
        if act is None:
            continue
        between = f" {text[crowd.end - sentence.start:act.start - sentence.start]} "
        after = text[act.end - sentence.start:]
        participle = act.text.lower() in _lexicon()["toll_verbs"]
        if _CROWD_TO_ACT.fullmatch(between) and (not participle or _OBJECT_AFTER.match(after)):
            return Span(act.start, act.end, act.text, sentence.index, sentence.part)
    return None


def _sets_the_scene(trigger: Mention, sentence: Sentence) -> bool:
    """"Shot dead two protesters during a rally": a protest told as where a violent act happened is its setting."""
    return SCENE_BEFORE.search(sentence.text[:trigger.start - sentence.start]) is not None


def _names_protesters(trigger: Mention) -> bool:
    return _kind_of(trigger) == "protest" and trigger.text.lower() in _lexicon()["crowd_nouns"]


def _cut_before(trigger: Mention, sentence: Sentence) -> int:
    """Where the words that open the event of `trigger` begin ("one week after a similar rocket attack")."""
    before = sentence.text[: trigger.start - sentence.start]
    match = re.search(r"(?:\b(?:after|since|following|than|before|like|\w+\s+(?:days?|weeks?|months?|years?)\s+(?:after|before))"
                      r"\s+)?(?:(?:a|an)\s+)?(?:[\w.'’-]+\s+){0,3}$", before, re.I)
    return sentence.start + (match.start() if match else len(before))


def _kind_of(trigger: Mention) -> str:
    return trigger.attrs.get("kind", "attack")


KIND_PRIORITY = ("agreement", "disrupted", "suicide", "airstrike", "shelling", "explosion", "sexual", "abduction",
                 "territory_regained", "territory_taken", "clash", "mob", "shooting", "riot", "protest", "arrest",
                 "withdrawal", "base", "group_change", "curfew", "attack", "looting")


def _main_kind(group: list[Mention]) -> str:
    """The kind that names the group's event: the highest in KIND_PRIORITY, except that a foiled-attack word
    told after the attack took place ("launched rockets that were shot down") does not make it a disrupted one."""
    kinds = {_kind_of(t) for t in group}
    if kinds - NONVIOLENT_KINDS:
        kinds.discard("protest")  # a crowd joined to a violent act names no protest: the act names the event
    if "disrupted" in kinds and _attack_took_place(group, before=next(t for t in group if _kind_of(t) == "disrupted")):
        kinds.discard("disrupted")
    return next(k for k in KIND_PRIORITY if k in kinds)


def _attack_took_place(triggers: list[Mention], before: Mention | None = None) -> bool:
    acts = _lexicon()["acts"]
    return any(t.text.lower() in acts and (before is None or t.start < before.start or t.part != before.part)
               for t in triggers)


NONVIOLENT_KINDS = {"agreement", "protest", "riot", "mob", "arrest", "accusation", "withdrawal", "base", "group_change",
                    "curfew"}


def compatible_kinds(a: str, b: str) -> bool:
    """Whether two trigger kinds can tell one event: violent kinds with each other (a foiled attack, "disrupted",
    takes the words of the attack it stopped), a non-violent kind only with itself."""
    return a == b or (a not in NONVIOLENT_KINDS and b not in NONVIOLENT_KINDS)


def _fill(doc: Document, frame: Frame, sentence: Sentence, here: _Found, group: list[Mention], in_sentence: list[Mention],
          counts: list[casualties.CasualtyCount], start: int, end: int, *, refers_back: bool = False) -> None:
    frame.sentences.add((sentence.part, sentence.index))
    frame.triggers.extend(group)
    frame.crowd_act = frame.crowd_act or _crowd_act(group, sentence)
    kind = _main_kind(group)
    if KIND_PRIORITY.index(kind) < KIND_PRIORITY.index(frame.kind) and compatible_kinds(kind, frame.kind) and not (
            kind == "disrupted" and _attack_took_place(frame.triggers[: -len(group)])):
        frame.kind = kind
    inside = [m for m in in_sentence if start <= m.start < end]
    # "Shot down" is a foiled attack's word, not a shooting: no weapon is read inside a disrupted-weapons trigger.
    foiled = [t for t in group if _kind_of(t) == "disrupted"]
    frame.weapons.extend(m for m in inside if m.label == WEAPON and not _used_on_the_attacker(m, sentence)
                         and not any(t.start <= m.start and m.end <= t.end for t in foiled))
    _add_counts(frame, [c for c in counts if start <= c.start < end], sentence)
    victim_spans = [(v.start, v.end) for v in frame.victims]
    for actor in (m for m in inside if m.label == ACTOR):
        if _is_source(actor, sentence):
            continue
        if any(s <= actor.start < e for s, e in victim_spans) or actor.attrs.get("kind") == "civilian":
            frame.victim_actors.append(actor)
        elif _is_agent(actor, sentence):
            frame.perpetrators.append(actor)
        elif _is_patient(actor, sentence):
            frame.victim_actors.append(actor)
    frame.targets.extend(find_targets(sentence, start, end, here.places))
    frame.places.extend(p for p in here.places if start <= p.start < end)
    times = [t for t in here.times if sentence.start <= t.start < end and t.date is not None
             and not _dates_something_else(t, sentence, group[0].start) and not _after_the_report(doc, t)]
    own = [t for t in times if t.start >= start and not _dates_a_later_happening(t, sentence, group)]
    # A bound may come from the clause of the event told before in the sentence: "arrested on 9 December after
    # having taken part in an attack".
    bounds = [t for t in times if t not in own and _dates_a_later_happening(t, sentence, group)]
    finest = min(own, key=lambda t: (t.precision or 3, t.start)) if own else None
    if finest is not None and (frame.time is None or frame.time_is_bound or _narrows(finest, frame.time)):
        frame.time, frame.time_is_bound = finest, False
    elif bounds and frame.time is None:
        frame.time, frame.time_is_bound = min(bounds, key=lambda t: (t.precision or 3, -t.start)), True
    window_start = max(start, group[0].start - 40)
    cue = _lexicon()["background"].search(doc.part_text(sentence.part)[window_start: group[0].start])
    if cue and frame.background is None and not refers_back:
        cue_start = window_start + cue.start()
        frame.background = Span(cue_start, group[0].end, doc.part_text(sentence.part)[cue_start: group[0].end],
                                sentence.index, sentence.part)


# The doer of the event told as the one something was done to ("the assailant was shot and killed by a soldier").
ATTACKER_AS_PATIENT = re.compile(r"\b(?:assailants?|attackers?|perpetrators?|suspects?|bombers?)\s+(?:was|were)\s+"
                                 r"(?:\w+\s+)?$", re.I)


def _used_on_the_attacker(weapon: Mention, sentence: Sentence) -> bool:
    """"The assailant was shot and killed by a soldier": the response to the attack, whose weapon is not the
    attack's (it tried to stab)."""
    before = sentence.text[max(0, weapon.start - sentence.start - 40): weapon.start - sentence.start]
    return ATTACKER_AS_PATIENT.search(before) is not None


# "Police reported Monday": when it was said; but "the shooting was reported March 26" is when it happened.
REPORTING_VERB_BEFORE = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}|announced|(?<!was )(?<!were )reported|"
                                   r"confirmed|stated|added|explained|noted)\s+(?:on\s+)?$", re.I)


def _dates_something_else(time: TimeExpression, sentence: Sentence, act_start: int) -> bool:
    """A day told right after a reporting verb is when it was said ("police said Monday"); a day after "since",
    told after the act, is when some state began ("shot during a party that had gone on since Friday night"); a
    counted span told after the act dates the earlier event it introduces ("This attack comes 25 days after a
    previous guerrilla action"): none is when the act happened. (A "since" before the act makes the act history: a
    background cue.)"""
    before = sentence.text[:time.start - sentence.start]
    told_after = time.start > act_start
    return REPORTING_VERB_BEFORE.search(before) is not None or told_after and (
        time.text.lower().startswith("since") or COUNTED_SPAN_TO_EVENT.search(time.text) is not None)


COUNTED_SPAN_TO_EVENT = re.compile(r"\b(?:after|before)$", re.I)


def _narrows(finer: TimeExpression, coarser: TimeExpression) -> bool:
    """Whether a later telling's day falls inside the week or month the event was first dated by ("accused of
    a shooting last month ... The shooting was reported March 26"): the same date, told more precisely."""
    if finer.date is None or coarser.date is None or (finer.precision or 3) >= (coarser.precision or 3):
        return False
    if coarser.precision == 2:
        return 0 <= (finer.date - coarser.date).days < 7
    return (finer.date.year, finer.date.month) == (coarser.date.year, coarser.date.month)


def _after_the_report(doc: Document, time: TimeExpression) -> bool:
    """A day after the report's (the publication, the dateline, a GTD summary's date) is a later hearing or charge
    ("On 19 November 2004, a member was charged with the arson"), a plan or the page's own stamp, not when a
    reported act happened."""
    return doc.anchor is not None and time.date is not None and time.date > doc.anchor


# Words that open the clause of the act after a time told of the main clause: "denied bail Tuesday for a father
# whose son shot himself", "in stable condition Friday after being shot", "insisted today on ending the war in which
# innocent people are killed".
LATER_CLAUSE = re.compile(r"\b(?:after|following|for|who|whom|whose|which|that)\b", re.I)
OPENING_TIME = re.compile(r"\s*[,:]")


def _dates_a_later_happening(time: TimeExpression, sentence: Sentence, group: list[Mention]) -> bool:
    """A time told right after a word of the aftermath dates it ("died Monday after being shot", "after an autopsy
    this week"). A time told before the act, with a clause word between them, dates the main clause (a bail
    hearing, a hospital condition, a statement), which comes after the act; a time that opens the sentence ("Early
    Sunday, a man who was walking home was shot", a GTD summary's "08/22/2003: ... was responsible for starting
    fires") dates all of it."""
    if _lexicon()["aftermath_before"].search(sentence.text[:time.start - sentence.start]):
        return True
    first_act = next((t for t in group if t.start >= time.end), None)
    if first_act is None or any(t.end <= time.start for t in group):
        return False
    opens_sentence = not sentence.text[:time.start - sentence.start].strip()
    if opens_sentence and OPENING_TIME.match(sentence.text, time.end - sentence.start):
        return False
    between = sentence.text[time.end - sentence.start:first_act.start - sentence.start]
    return LATER_CLAUSE.search(between) is not None


def _is_agent(actor: Mention, sentence: Sentence) -> bool:
    """An actor is the doer when "by" precedes it or an act or claim follows it closely."""
    before = sentence.text[max(0, actor.start - sentence.start - 12): actor.start - sentence.start]
    after = sentence.text[actor.end - sentence.start: actor.end - sentence.start + 40]
    if re.search(r"\b(by|from)\s+(the\s+)?$", before, re.I):
        return True
    if actor.attrs.get("kind") in ("group", "generic", "external"):
        return not re.search(r"\b(against|on|at|killed|wounded|kill|targeting|targeted)\s+(the\s+)?$", before, re.I)
    return bool(re.match(r"\s*(?:\w+\s+){0,2}(attacked|opened|fired|claimed|ambushed|killed|shot|detonated|stormed|"
                         r"kidnapped|abducted|raided|shelled|bombed|struck|clashed|raped|lynched|looted|ransacked|"
                         r"recaptured|retook|seized\s+control|overran|took\s+control|withdrew|pulled\s+out|"
                         r"pledged|set\s+up|established|imposed|launched\s+(?:an?\s+)?"
                         r"(?:attack|assault|rockets?|missiles?|raid|offensive))\b", after, re.I))


def _is_source(actor: Mention, sentence: Sentence) -> bool:
    """Who reports the event is not a party to it: "Iraqi military and security sources say ..."."""
    after = sentence.text[actor.end - sentence.start: actor.end - sentence.start + 40]
    return re.match(r"\s*(?:and\s+\w+\s+)?(?:sources?|officials?|spokes\w+|said|says|say|told|statement|reported|"
                    r"confirmed|announced)\b", after, re.I) is not None


def _is_patient(actor: Mention, sentence: Sentence) -> bool:
    before = sentence.text[max(0, actor.start - sentence.start - 30): actor.start - sentence.start]
    return re.search(r"\b(?:against|on|at|targeting|targeted|attacked|attacking|killed|killing|wounded|wounding|"
                     r"ambushed|kidnapped|abducted|injured|injuring|of)\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+)?"
                     r"(?:[\w'’-]+\s+)?$", before, re.I) is not None


def _add_counts(frame: Frame, counts: list[casualties.CasualtyCount], sentence: Sentence) -> None:
    if counts:
        frame.sentences.add((sentence.part, sentence.index))
    for count in counts:
        frame.counts.append((count, sentence))
        if count.victim_text and not count.includes_perpetrators and not count.negative:
            # A list of names is several mentions, one per person ("Hector Oqueli and Hilda Flores").
            pieces = casualties.named_people(count.victim_text) or [(0, len(count.victim_text))]
            for start, end in pieces:
                frame.victims.append(Span(count.victim_start + start, count.victim_start + end,
                                          count.victim_text[start:end], sentence.index, sentence.part))


TARGET_PATTERN = re.compile(
    r"\b(?:hit|hitting|struck|striking|targeted|targeting|attacked|attacking|stormed|storming|bombed|bombing|"
    r"attack on|attacks on|attack against|attack at|explosion at|blast at|exploded (?:at|near|outside|in front of))\s+"
    r"((?:the|a|an)\s+[^,.;:“”\"]+?)(?=\s*(?:,|\.|;|:|$|\s(?:near|in|on|with|by|and|killing|wounding|injuring|"
    r"as|when|while|during|after|before|causing|leaving|resulting|killed|killing|wounded|injured|left|was|were|"
    r"is|are|has|have|had|which|who|that)\b))", re.I)


def find_targets(sentence: Sentence, start: int, end: int, places: list[PlaceMention]) -> list[Span]:
    """What was hit, in the text's words: the object of "hit", "targeted", "attack on" ... that is not a place name."""
    found = []
    for match in TARGET_PATTERN.finditer(sentence.text):
        span_start, span_end = sentence.start + match.start(1), sentence.start + match.end(1)
        if not start <= span_start < end:
            continue
        covered = sum(min(span_end, p.end) - max(span_start, p.start) for p in places
                      if p.field == sentence.part and p.start < span_end and p.end > span_start)
        words = match.group(1)
        if covered > 0.5 * len(re.sub(r"^(the|a|an)\s+", "", words, flags=re.I)):
            continue
        found.append(Span(span_start, span_end, words, sentence.index, sentence.part))
    return found


# ----------------------------------------------------------------------------------------------- attributions

CLAIM = re.compile(r"\bclaimed\s+(?:responsibility|credit)\b|\btook\s+responsibility\b|\bclaimed\s+the\s+(?:attack|bombing)", re.I)
DENIAL = re.compile(r"\bdenied\s+(?:any\s+)?(?:involvement|responsibility|carrying out|role)\b", re.I)
ACCUSATION = re.compile(
    r"\b(?:blam(?:ed|es|ing)\s+(?P<blamed>[^,.;:]+?)\s+(?:for|over)\b"
    r"|accus(?:ed|es|ing)\s+(?P<accused>[^,.;:]+?)\s+of\b"
    r"|h[eo]ld(?:s|ing)?\s+(?P<held>[^,.;:]+?)\s+responsible\b"
    r"|blam(?:ed|es|ing)\s+(?:the\s+\w+\s+)?on\s+(?P<blamed_on>[^,.;:]+)"
    r"|attribut(?:ed|es|ing)\s+(?:the\s+|this\s+|these\s+)?(?:\w+\s+)?(?:attacks?|incidents?|bombings?|killings?|"
    r"assaults?|explosions?|blasts?|it|them)\s+to\s+(?P<attributed>[^,.;:]+))", re.I)
SPEAKER = re.compile(
    r"(?:(?:an?|the)\s+)?(?P<who>(?:[A-Z][\w.'’-]*\s+){0,5}?(?:(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s*){1,4})?)"
    r"\s*(?:spokesperson|spokesman|spokeswoman|official|officials|statement|sources?)?\s+(?:said|says|told|stated)\b"
    r"|according to\s+(?:the\s+|a\s+)?(?P<who2>(?:[A-Z][\w.'’-]*\s*){1,6})")


def find_attributions(doc: Document, sentence: Sentence, in_sentence: list[Mention]) -> list[tuple[Attribution, Span]]:
    found = []
    text = sentence.text
    actor_mentions = [m for m in in_sentence if m.label == ACTOR]
    for match in CLAIM.finditer(text):
        claimant = _subject_before(actor_mentions, sentence.start + match.start(), sentence)
        if claimant:
            found.append(_attribution(sentence, match, claimant, claimant, "claim of responsibility"))
    for match in DENIAL.finditer(text):
        claimant = _subject_before(actor_mentions, sentence.start + match.start(), sentence)
        if claimant:
            found.append(_attribution(sentence, match, claimant, None, "denial"))
    for match in ACCUSATION.finditer(text):
        blamed = next((g for g in match.group("blamed", "accused", "held", "blamed_on", "attributed") if g),
                      "").strip(" \"'“”‘’")
        blamed = re.sub(r"^(the|a|an)\s+", "", blamed, flags=re.I)
        blamed = re.sub(r"^(?:the\s+)", "", blamed, flags=re.I)
        if not blamed or blamed.lower() in ("it", "them", "him", "her", "us", "you") or len(blamed.split()) > 8:
            continue
        claimant = _subject_before(actor_mentions, sentence.start + match.start(), sentence) or _speaker(doc, sentence)
        if match.group("attributed") and claimant is None:
            claimant = "sources"
        found.append(_attribution(sentence, match, claimant, blamed, "accusation"))
    return found


def _attribution(sentence: Sentence, match: re.Match[str], claimant: str | None, blamed: str | None, kind: str):
    span = Span(sentence.start + match.start(), sentence.start + match.end(), match.group(0), sentence.index, sentence.part)
    return Attribution(claimant=claimant, blamed=blamed, kind=kind, text=sentence.text.strip()), span


def _subject_before(actor_mentions: list[Mention], offset: int, sentence: Sentence) -> str | None:
    candidates = [m for m in actor_mentions if m.end <= offset and not m.attrs.get("kind") == "civilian"]
    if candidates:
        return candidates[-1].text
    before = sentence.text[: offset - sentence.start]
    match = re.search(r"((?:[A-Z][\w.'’-]*\s+){1,5})(?:has\s+|have\s+|had\s+|later\s+)?$", before) or re.search(
        r"(?:^|[,;:]\s+)((?:the|a|an)\s+(?:[\w'’-]+\s+){1,4}?)(?:has\s+|have\s+|had\s+|later\s+|also\s+)?$",
        before, re.I)
    return match.group(1).strip() if match else None


def _speaker(doc: Document, sentence: Sentence) -> str | None:
    """Who is speaking in a quote: "... a Department of State spokesperson said", in this sentence or the next two."""
    following = [s for s in doc.sentences if s.part == sentence.part and sentence.index <= s.index <= sentence.index + 2]
    for candidate in following:
        for match in SPEAKER.finditer(candidate.text):
            who = (match.group("who") or match.group("who2") or "").strip()
            if who and who.split()[0].lower() not in ("he", "she", "it", "they", "we", "i"):
                return who
    return None


def _attach_attributions(found: list[tuple[Attribution, Span]], frames: list[Frame], sentence: Sentence,
                         here: _Found) -> None:
    for attribution, span in found:
        reported = attribution.kind == "accusation" and _is_reporting_source(attribution.claimant)
        if attribution.kind == "accusation" and not reported:
            frame = Frame(kind="accusation", part=sentence.part, sentence=sentence.index, start=span.start)
            frame.sentences.add((sentence.part, sentence.index))
            frame.attributions.append((attribution, span))
            times = [t for t in here.times if t.date]
            frame.time = times[0] if times else None
            frames.append(frame)
        violent = [f for f in frames if f.kind != "accusation" and f.background is None]
        if violent:
            target = violent[-1] if attribution.kind != "accusation" else violent[0]
            target.attributions.append((attribution, span))
            if attribution.kind == "claim of responsibility" and attribution.claimant:
                claimant_mentions = [m for m in here.mentions if m.label == ACTOR and m.text == attribution.claimant]
                target.perpetrators.extend(claimant_mentions)
            elif reported:
                # "sources attributed the attack to X": the reporting names the perpetrator, as ACLED codes it.
                target.perpetrators.extend(m for m in here.mentions if m.label == ACTOR
                                           and span.start <= m.start < span.end and m.attrs.get("kind") != "civilian")


def _is_reporting_source(claimant: str | None) -> bool:
    """"sources", "local officials", "police": who reports an attribution, not a party making an accusation."""
    if claimant is None:
        return False
    words = re.sub(r"^(?:the|some|local|security|official|news|unnamed|media)\s+", "", claimant.strip(), flags=re.I)
    return _lexicon()["reporting_sources"].fullmatch(words) is not None


# ----------------------------------------------------------------------------------------------- finishing

def _finish(doc: Document, frame: Frame, places: geo.EventPlaces) -> None:
    frame.place = _choose_place(frame, places)
    mark_background(doc, frame)


def mark_background(doc: Document, frame: Frame) -> None:
    """History, not news: a time the dates stage marks as past context, or a date over a month before the anchor."""
    if frame.background is None and frame.time is not None and frame.time.is_past_context:
        frame.background = _span_of_time(frame.time)
    if frame.background is None and frame.time is not None and frame.time.date and doc.anchor:
        if (doc.anchor - frame.time.date).days > BACKGROUND_DAYS:
            frame.background = _span_of_time(frame.time)


def keep_the_subject_as_news(doc: Document, frames: list[Frame]) -> None:
    """The first act an article tells, in its headline or first two sentences, is its subject and so its news however
    old: a follow-up ("Suspect charged in March shooting", "Victims of last month's attack identified") reports that
    event with its own date, never a new one, when no act is dated as news. Only its age had made it history; words
    of its sentence ("since", "the anniversary of") still do, and so does its age for every later act ("In November,
    a rocket killed a child")."""
    acts = sorted((f for f in frames if f.kind not in NONVIOLENT_KINDS), key=lambda f: (f.part != "title", f.sentence))
    if any(f.background is None and f.time is not None and f.time.date is not None and not f.time_is_bound
           for f in acts):
        return  # an act dated as news ("shot Thursday night") is the article's news
    first = acts[0] if acts else None
    if first is None or not (first.in_title or ("text", 0) in first.sentences or ("text", 1) in first.sentences):
        return
    time = first.time
    if first.background is None or time is None or first.background.text != time.text:
        return
    dated = doc.sentence_of(time.sentence, time.part)
    if dated is None or not _lexicon()["history"].search(dated.text):
        first.background = None


def _span_of_time(time: TimeExpression) -> Span:
    return Span(time.start, time.end, time.text, time.sentence, time.part)


def _choose_place(frame: Frame, places: geo.EventPlaces) -> PlaceMention | None:
    if frame.kind == "accusation":
        return None
    first = frame.triggers[0] if frame.triggers else None
    if first is None:
        return None
    return places.of(first.sentence, first.part, first.start)


def _is_event(frame: Frame) -> bool:
    """A frame is an event when it reports an act: an accusation, or a trigger with something that pins it down
    (a place in its own words, a time, a casualty count, a target, an actor) or told in the title or lead."""
    if frame.kind == "accusation":
        return bool(frame.attributions)
    if not frame.triggers:
        return False
    pinned = frame.places or frame.time or frame.counts or frame.targets or frame.perpetrators \
        or frame.victims
    lead = frame.in_title or min((i for p, i in frame.sentences if p == "text"), default=99) <= 1
    return bool(pinned or lead)


# ----------------------------------------------------------------------------------------------- records

def classify(frame: Frame) -> str | None:
    """ACLED's sub-event type from the frame's trigger kind and weapons."""
    weapons = {w.attrs["weapon"] for w in frame.weapons}
    kind = frame.kind
    if kind == "accusation":
        return None
    if kind == "agreement":
        return "Agreement"
    if kind == "protest":
        # Protesters killed with the state's hand in it; a crowd that kills is a riot or a mob, not this.
        if any(count.kind == "killed" and count.low > 0 for count, _ in frame.counts) and (
                _state_acted(frame) or any(crowd in victim.text.lower() for victim in frame.victims
                                           for crowd in _lexicon()["crowd_nouns"])):
            return "Excessive force against protesters"
        return "Protest with intervention" if frame.intervention is not None else "Peaceful protest"
    if kind == "disrupted" and _went_off_after_all(frame):
        kind = _main_kind([t for t in frame.triggers if _kind_of(t) != "disrupted"])
    if kind in _NAMED_BY_KIND:
        return _NAMED_BY_KIND[kind]
    if frame.crowd_act is not None:
        return "Violent demonstration"
    if any(_kind_of(t) == "protest" for t in frame.triggers) and _state_acted(frame):
        return "Excessive force against protesters"
    if kind.startswith("territory_"):
        return _territory(frame)
    if kind == "suicide" or "suicide vest" in weapons:
        return "Suicide bomb"
    lead_kind = _kind_of(frame.triggers[0]) if frame.triggers else kind
    if _used_small_arms(frame, weapons) and lead_kind in ("shooting", "attack", "clash", "abduction"):
        # Gunmen who also throw grenades or fire RPGs fight at close range: ACLED's remote-violence types are for
        # attacks where the attacker is not engaged.
        return _close_range(frame, kind)
    if "chemical" in weapons:
        return "Chemical weapon"
    if kind == "airstrike" or weapons & {"airstrike", "drone"}:
        return "Air/drone strike"
    if kind == "shelling" or weapons & {"rocket", "mortar", "artillery", "missile"}:
        return "Shelling/artillery/missile attack"
    if "grenade" in weapons and kind in ("explosion", "attack"):
        return "Grenade"
    if kind == "explosion" or weapons & {"IED", "car bomb", "landmine", "bomb", "dynamite", "explosives"}:
        return "Remote explosive/landmine/IED"
    return _close_range(frame, kind)


def _went_off_after_all(frame: Frame) -> bool:
    """A foiled attack whose device went off later and hurt people ("police intercepted the bomber ... the vest
    detonated, injuring two") was carried out: it failed to be stopped, and ACLED codes the explosion. A device
    blown up by the police in a controlled detonation hurts no one."""
    foiled = next(t for t in frame.triggers if _kind_of(t) == "disrupted")
    detonations = _lexicon()["detonations"]
    went_off = any(t.text.lower() in detonations and (t.part, t.sentence, t.start) > (foiled.part, foiled.sentence,
                                                                                       foiled.start)
                   for t in frame.triggers)
    return went_off and any(count.low > 0 and not count.negative for count, _ in frame.counts)


HEAVY_WEAPONS = {"rocket", "mortar", "artillery", "missile", "airstrike", "drone"}


def _used_small_arms(frame: Frame, weapons: set[str]) -> bool:
    """Whether guns were used. The doers' name ("gunmen") says so only when the text names no heavier weapon:
    "gunmen fired a mortar" is a mortar attack."""
    if "small arms" not in weapons:
        return False
    if not weapons & HEAVY_WEAPONS:
        return True
    doers_words = _lexicon()["armed_doers"]
    return any(w.attrs["weapon"] == "small arms" and w.text.lower() not in doers_words for w in frame.weapons)


# Kinds whose trigger alone names ACLED's sub-event type.
_NAMED_BY_KIND = {"riot": "Violent demonstration", "mob": "Mob violence", "arrest": "Arrests",
                  "disrupted": "Disrupted weapons use", "sexual": "Sexual violence",
                  "withdrawal": "Non-violent transfer of territory", "base": "Headquarters or base established",
                  "group_change": "Change to group/activity", "curfew": "Other",
                  "looting": "Looting/property destruction"}


def _territory(frame: Frame) -> str:
    """Who took the ground decides: state forces regain territory, anyone else overtakes it. The taker is the
    actor named last before the verb ("troops recaptured the town from the Islamic State"); without one, the verb
    decides ("recaptured", "retook" against "overran", "seized control")."""
    verb = next(t for t in frame.triggers if _kind_of(t).startswith("territory_"))
    before = [m for m in [*frame.perpetrators, *frame.victim_actors]
              if m.part == verb.part and m.sentence == verb.sentence and m.end <= verb.start]
    if before:
        state = max(before, key=lambda m: m.end).attrs.get("kind") in STATE_KINDS
    else:
        state = frame.kind == "territory_regained"
    return "Government regains territory" if state else "Non-state actor overtakes territory"


STATE_KINDS = ("state_force", "external")


def _state_acted(frame: Frame) -> bool:
    return any(m.attrs.get("kind") in STATE_KINDS for m in frame.perpetrators)


# State bodies that bear no arms: ACLED codes an attack on officials or a government ("a village administrator")
# as violence against civilians, not as a clash.
UNARMED_SECTORS = frozenset({"GOV"})


def _close_range(frame: Frame, kind: str) -> str:
    if kind == "abduction":
        return "Abduction/forced disappearance"
    if kind == "clash":
        return "Armed clash"
    armed_victims = [a for a in frame.victim_actors if a.attrs.get("kind") in ("state_force", "group", "external")
                     and a.attrs["entry"].sector not in UNARMED_SECTORS]
    if armed_victims and frame.perpetrators and not _fire_set_harming_no_one(frame):
        return "Armed clash"
    return "Attack"


def _fire_set_harming_no_one(frame: Frame) -> bool:
    """Fire set or thrown at a police station, an army post or a patrol that hurt no one was no fight between armed
    sides: an attack, as on any other target."""
    if {w.attrs["weapon"] for w in frame.weapons} != {"arson"}:
        return False
    return not any(count.low > 0 and not count.negative for count, _ in frame.counts)


@stage("records", requires=("frames",), assigns=("events",))
def write_records(doc: Document) -> None:
    """One `Event` per frame, every filled field with its evidence."""
    doc.events = [to_event(doc, frame) for frame in doc.frames]


def to_event(doc: Document, frame: Frame) -> Event:
    types = _lexicon()["types"]
    sub_event = classify(frame)
    facts = types.get(sub_event, {}) if sub_event else {}
    evidence: list[Evidence] = []

    def cite(field_name: str, span) -> None:
        evidence.append(Evidence(field=field_name, sentence=span.sentence, start=span.start, end=span.end,
                                 text=span.text, part=span.part if isinstance(span.part, str) else "text"))

    trigger = frame.triggers[0] if frame.triggers else None
    event = Event(event_id=stable_id(doc.article.id, frame.part, frame.start, sub_event or frame.kind),
                  article_id=doc.article.id, source=doc.article.source, sources=[doc.article.id])
    if frame.kind == "accusation":
        event.plover_type, event.plover_mode = "ACCUSE", "accuse"
        _, span = frame.attributions[0]
        cite("plover_type", span)
    else:
        event.sub_event_type = sub_event
        event.event_type = facts.get("event_type")
        event.disorder_type = facts.get("disorder_type")
        event.plover_type, event.plover_mode = facts.get("plover"), facts.get("mode")
        for name in ("sub_event_type", "event_type", "disorder_type", "plover_type"):
            cite(name, trigger)
        if sub_event == "Protest with intervention":
            cite("sub_event_type", frame.intervention)
    _date_fields(doc, frame, event, cite)
    _place_fields(doc, frame, event, cite)
    _casualty_fields(frame, event, cite)
    _actor_fields(frame, event, cite)
    # The primary weapon first, as GTD's weaptype1: the lexicon lists them from the most destructive down.
    for weapon in sorted(_unique(frame.weapons, key=lambda m: m.attrs["weapon"]), key=lambda m: m.attrs["rank"]):
        event.weapons.append(weapon.attrs["weapon"])
        cite("weapons", weapon)
    weapon_mode = _lexicon()["weapon_modes"].get(event.weapons[0]) if event.weapons else None
    if weapon_mode and event.plover_type == "ASSAULT" and event.plover_mode in FORCE_MODES:
        event.plover_mode = weapon_mode
        cite("plover_mode", next(w for w in frame.weapons if w.attrs["weapon"] == event.weapons[0]))
    for target in _unique(frame.targets, key=lambda s: s.text.lower()):
        event.targets.append(target.text)
        cite("targets", target)
    for victim in _unique(frame.victims, key=lambda s: s.text.lower()):
        event.victims.append(victim.text)
        cite("victims", victim)
    for attribution, span in frame.attributions:
        event.attributions.append(attribution)
        cite("attributions", span)
    event.is_background = frame.background is not None
    if frame.background is not None:
        cite("is_background", frame.background)
    event.civilian_targeting = event.event_type == "Violence against civilians" or (
        event.inter2 == 7 and event.event_type in VIOLENT_TYPES)
    if event.civilian_targeting:
        cite("civilian_targeting", frame.victims[0] if frame.victims else trigger or frame.attributions[0][1])
    event.confidence = _confidence(frame, event)
    event.notes = write_notes(event)
    cite("notes", trigger or frame.attributions[0][1])
    event.unfilled = _unfilled_reasons(frame, event)
    event.evidence = evidence
    return event


# Sub-event types' PLOVER modes that name only the kind of force, which the primary weapon can make precise.
FORCE_MODES = frozenset({"firearms", "explosives", "beat", "aerial"})


def _unique(items, key):
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _date_fields(doc: Document, frame: Frame, event: Event, cite) -> None:
    time = frame.time
    if time is not None and time.date is not None:
        event.event_date, event.time_precision, event.date_text = time.date, time.precision, time.text
        for name in ("event_date", "time_precision", "date_text"):
            cite(name, time)
    elif frame.background is None and doc.anchor is not None:
        # A news report that gives no day tells of something that happened around its publication: ACLED codes the
        # report's date, with the week's precision for an act (a statement is made on the day it is reported).
        event.event_date, event.time_precision = doc.anchor, 1 if frame.kind == "accusation" else 2
        for name in ("event_date", "time_precision"):
            cite(name, _anchor_span(doc))


def _anchor_span(doc: Document) -> Span:
    """Where the date everything is resolved against came from: the publication date, else the dateline."""
    if doc.article.published is not None:
        text = doc.article.published.isoformat()
        return Span(0, len(text), text, -1, "published")
    start, end = dates.dateline_span(doc.text) or (0, 0)
    return Span(start, end, doc.text[start:end], 0, "text")


def _place_fields(doc: Document, frame: Frame, event: Event, cite) -> None:
    place = frame.place
    if place is None or not place.resolved:
        return
    event.location, event.admin1, event.admin2 = (acled_spelling(n) for n in (place.name, place.admin1, place.admin2))
    event.country, event.iso3 = place.country, place.iso3
    event.latitude, event.longitude, event.geonameid = place.latitude, place.longitude, place.geonameid
    event.geo_precision = place.geo_precision or 1
    span = Span(place.start, place.end, place.text, sentence_index_at(doc, place.start, place.field), place.field)
    for name in ("location", "admin1", "admin2", "country", "iso3", "latitude", "longitude", "geo_precision",
                 "geonameid"):
        if getattr(event, name) is not None:
            cite(name, span)


def sentence_index_at(doc: Document, offset: int, part: str) -> int:
    return next((s.index for s in doc.sentences if s.part == part and s.start <= offset < s.end), -1)


def _casualty_fields(frame: Frame, event: Event, cite) -> None:
    """One figure per kind from every count told for the event, read in order (title first): the casualties
    module decides when a later count adds victims ("also", "others", the bomber) and when it restates them."""
    ordered = sorted(frame.counts, key=lambda item: (item[1].part != "title", item[1].index, item[0].start))
    killed, injured = casualties.merge_counts([count for count, _ in ordered])
    if killed is not None:
        event.fatalities, event.fatalities_high = killed.low, killed.high
    if injured is not None:
        event.injuries, event.injuries_high = injured.low, injured.high
    for count, sentence in ordered:
        field_name = {"killed": "fatalities", "injured": "injuries"}.get(count.kind)
        if field_name and getattr(event, field_name) is not None:
            cite(field_name, Span(count.start, count.end, count.text, sentence.index, sentence.part))


def _actor_fields(frame: Frame, event: Event, cite) -> None:
    country = event.country
    for actor in _unique(frame.perpetrators, key=lambda m: m.text.lower()):
        event.perpetrators.append(actor.text)
        cite("perpetrators", actor)
    def side(number: int, entry: actors.ActorEntry, span) -> None:
        setattr(event, f"actor{number}", actors.acled_name(entry, country))
        setattr(event, f"inter{number}", entry.inter)
        cite(f"actor{number}", span)
        cite(f"inter{number}", span)

    crowd = _CROWDS.get(event.sub_event_type or "")
    if crowd is not None:
        _crowd_sides(frame, event, actors.load_actors().lookup(crowd), side)
    else:
        _sides(frame, event, side)
    codes = sorted(c for c in (event.inter1, event.inter2) if c)
    if codes:
        event.interaction = int("".join(str(c) for c in codes)) if len(codes) == 2 else codes[0] * 10
        cite("interaction", next(e for e in [*frame.perpetrators, *frame.victim_actors, *frame.victims,
                                             *frame.triggers]))


# ACLED codes a protest's or a riot's crowd by country ("Protesters (Sudan)", "Rioters (Nigeria)") as actor1 and a
# force that confronts it as actor2; excessive force is the force's act (actor1) against the protesters (actor2).
_CROWDS = {"Peaceful protest": "protesters", "Protest with intervention": "protesters",
           "Excessive force against protesters": "protesters", "Violent demonstration": "rioters",
           "Mob violence": "rioters"}


def _crowd_sides(frame: Frame, event: Event, crowd: actors.ActorEntry, side) -> None:
    forces = [a for a in [*frame.perpetrators, *frame.victim_actors] if a.attrs.get("kind") in STATE_KINDS]
    lead = frame.triggers[0]
    if event.sub_event_type == "Excessive force against protesters":
        if forces:
            side(1, forces[0].attrs["entry"], forces[0])
        side(2, crowd, next((t for t in frame.triggers if _kind_of(t) == "protest"), lead))
        return
    side(1, crowd, lead)
    if forces and event.sub_event_type != "Peaceful protest":
        side(2, forces[0].attrs["entry"], forces[0])
    elif event.sub_event_type == "Mob violence" and frame.victims:
        side(2, actors.load_actors().lookup("civilians"), frame.victims[0])


def _sides(frame: Frame, event: Event, side) -> None:
    named = [a for a in frame.perpetrators if not a.attrs.get("generic")] or frame.perpetrators
    if named:
        side(1, named[0].attrs["entry"], named[0])
    first = named[0].attrs.get("name") if named else None
    victims = [a for a in frame.victim_actors if a.attrs.get("name") != first]
    if not victims and event.sub_event_type in ("Armed clash", "Government regains territory",
                                                "Non-state actor overtakes territory"):
        # Both sides of a clash, or of a fight for ground, are doers: the second named side is actor2.
        victims = [a for a in frame.perpetrators if a.attrs.get("name") != first]
    if victims:
        side(2, victims[0].attrs["entry"], victims[0])
    elif frame.victims and event.event_type in VIOLENT_TYPES:
        side(2, actors.load_actors().lookup("civilians"), frame.victims[0])


def _confidence(frame: Frame, event: Event) -> float:
    """How sure the record is, and how central the event is to the article (the scorers take the most confident
    violent news event as the article's main event)."""
    score = 0.4
    if frame.in_title:
        score += 0.2
    first_text = min((i for p, i in frame.sentences if p == "text"), default=None)
    if first_text is not None and first_text <= 1:
        score += 0.2 if first_text == 0 else 0.1
    if event.latitude is not None:
        score += 0.1
    if event.event_date is not None and frame.time is not None:
        score += 0.05
    if event.fatalities is not None or event.injuries is not None:
        score += 0.05
    if frame.kind == "accusation":
        score -= 0.1
    return round(min(score, 1.0), 2)


def write_notes(event: Event) -> str:
    """An ACLED-style one-sentence summary: "On 22 February 2021, <actor> <act> <victim> in <place>. <toll>"."""
    if event.event_date is None:
        when = "On an unknown date"
    elif event.time_precision == 3:
        when = f"In {event.event_date:%B %Y}"
    elif event.time_precision == 2:
        when = f"Around {event.event_date.day} {event.event_date:%B %Y}"
    else:
        when = f"On {event.event_date.day} {event.event_date:%B %Y}"
    where = ", ".join(x for x in _unique([event.location, event.admin1, event.country], key=lambda x: x) if x)
    where = f" in {where}" if where else ""
    if event.plover_type == "ACCUSE" and event.attributions:
        a = event.attributions[0]
        return f"{when}, {a.claimant or 'an unnamed source'} blamed {a.blamed or 'an unnamed party'}{where}."
    phrase = _lexicon()["types"].get(event.sub_event_type or "", {}).get("phrase", "acted against")
    who = event.actor1 or (event.perpetrators[0] if event.perpetrators else "an unidentified armed group")
    whom = _as_object(event.targets[0] if event.targets else event.victims[0] if event.victims
                      else event.actor2 or "unnamed targets")
    weapons = f" (weapons: {', '.join(event.weapons)})" if event.weapons else ""
    toll = _toll(event)
    if event.event_type not in VIOLENT_TYPES and not (event.targets or event.victims or event.actor2):
        told = f" {toll}" if event.fatalities is not None or event.injuries is not None else ""
        # Without an object the phrase loses its preposition: "disrupted an attack" (not "an attack on in Kabul").
        return f"{when}, {_as_object(who)} {_PREPOSITION_AT_END.sub('', phrase)}{where}.{told}"
    return f"{when}, {_as_object(who)} {phrase} {whom}{where}{weapons}. {toll}"


_PREPOSITION_AT_END = re.compile(r"\s+(?:on|at|against|with|from|to|of|in)$")


def _as_object(phrase: str) -> str:
    """A common-noun phrase taken from the start of a sentence loses its capital ("Another contractor" ->
    "another contractor"); a name keeps it ("Iranian General Qasem Soleimani")."""
    words = phrase.split()
    if len(words) >= 2 and words[0][:1].isupper() and words[1][:1].islower() and not words[0].isupper():
        return phrase[:1].lower() + phrase[1:]
    return phrase


def _toll(event: Event) -> str:
    if event.fatalities == 0 and event.injuries == 0:
        return "No casualties were reported."
    told = [f"{count}{'' if high is None else f' to {high}'} {word}"
            for count, high, word in ((event.fatalities, event.fatalities_high, "killed"),
                                      (event.injuries, event.injuries_high, "injured")) if count is not None]
    return (", ".join(told).capitalize() + ".") if told else "Casualties were not reported."


def _unfilled_reasons(frame: Frame, event: Event) -> dict[str, str]:
    """Why a field is empty, so empty output is never silent."""
    reasons = {}
    if event.latitude is None:
        reasons["location"] = (frame.place.reason if frame.place is not None and frame.place.reason
                               else "no resolvable place near the event's words")
    if event.event_date is None:
        reasons["event_date"] = "no date in the event's words and no publication date or dateline to resolve against"
    if event.actor1 is None and event.plover_type != "ACCUSE":
        reasons["actor1"] = "the text names no perpetrator" if not event.perpetrators else "perpetrator not in the actor dictionary"
    if event.fatalities is None:
        reasons["fatalities"] = "the text does not say how many were killed"
    return reasons
