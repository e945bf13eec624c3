"""The `mentions` stage: recognise event triggers, weapons and actors in each sentence.

The built-in recogniser is lexicon-driven (spaCy's tokenizer and PhraseMatcher over the knowledge files), so it
needs no trained model and works on ALL-CAPS wire text. It is one registered stage; `use_spacy_model()`
registers `mentions.spacy`, which adds a user's trained spaCy NER (PERSON, ORG, GPE, LOC, FAC, NORP) on top, and
a pipeline takes it with `Pipeline(replace={"mentions": "mentions.spacy"})` (CLI: `--ner MODEL`).
"""
from __future__ import annotations

import functools
from typing import Any, Iterable

import spacy
from spacy.attrs import LOWER
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from . import actors
from .knowledge import load_yaml
from .text import english, is_all_caps
from .model import Document, Mention, Sentence
from .pipeline import stage

TRIGGER, WEAPON, ACTOR = "TRIGGER", "WEAPON", "ACTOR"
NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# A lexicon phrase with a gap ("set ... on fire") matches with up to this many words in it ("set the barracks on
# fire").
GAP = " ... "
GAP_WORDS = "{1,4}"




class Lexicon:
    """All phrase lexicons compiled into two PhraseMatchers (case-insensitive and exact-case) with the facts of
    every entry, so one pass over a sentence's tokens finds every trigger, weapon and actor."""

    def __init__(self) -> None:
        nlp = english()
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_case = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.gapped = Matcher(nlp.vocab)
        # The words each gapped phrase needs (hashed as the Doc stores them): the token matcher is slow, so it runs
        # only on a sentence that has all the words of one of its phrases.
        self.gapped_words: list[frozenset[int]] = []
        self.facts: dict[str, tuple[str, dict[str, Any]]] = {}
        triggers = load_yaml("triggers.yaml")
        for kind, words in triggers["kinds"].items():
            self._add(f"trigger:{kind}", TRIGGER, {"kind": kind}, words)
        for rank, (weapon, words) in enumerate(load_yaml("weapons.yaml")["weapons"].items()):
            self._add(f"weapon:{weapon}", WEAPON, {"weapon": weapon, "rank": rank}, words)
        for index, (alias, entry, case_sensitive) in enumerate(actors.load_actors().phrases()):
            facts = {"entry": entry, "name": entry.name, "inter": entry.inter, "kind": entry.kind,
                     "generic": entry.generic}
            self._add(f"actor:{index}", ACTOR, facts, [alias], exact=case_sensitive)

    def _add(self, key: str, label: str, facts: dict[str, Any], phrases: Iterable[str], *, exact: bool = False) -> None:
        nlp = english()
        self.facts[key] = (label, facts)
        phrases = list(phrases)
        matcher = self.exact_case if exact else self.any_case
        whole = [nlp.make_doc(p) for p in phrases if GAP not in p]
        if whole:
            matcher.add(key, whole)
        gapped = [[[t.lower_ for t in nlp.make_doc(words)] for words in p.split(GAP)] for p in phrases if GAP in p]
        if gapped:
            self.gapped.add(key, [[{"LOWER": w} for w in before] + [{"IS_PUNCT": False, "OP": GAP_WORDS}]
                                  + [{"LOWER": w} for w in after] for before, after in gapped])
            self.gapped_words += [frozenset(nlp.vocab.strings.add(w) for w in before + after) for before, after in gapped]

    def find(self, tokens: Doc, *, all_caps: bool) -> list[tuple[str, dict[str, Any], int, int]]:
        """(label, facts, first token, end token) per match: the longest match wins among overlapping ones of the
        same label; exact-case phrases (acronyms that are also words, such as IS) are skipped in ALL-CAPS text."""
        matches = list(self.any_case(tokens))
        present = set(tokens.to_array(LOWER).tolist())
        if any(words <= present for words in self.gapped_words):
            matches += self.gapped(tokens)
        if not all_caps:
            matches += self.exact_case(tokens)
        facts_by_label: dict[str, dict[tuple[int, int], dict[str, Any]]] = {}
        vocab = tokens.vocab.strings
        for match_id, start, end in matches:
            label, facts = self.facts[vocab[match_id]]
            facts_by_label.setdefault(label, {})[(start, end)] = facts
        found = [(label, facts_of[span], *span)
                 for label, facts_of in facts_by_label.items() for span in _without_overlaps(facts_of)]
        return sorted(found, key=lambda m: (m[2], m[3]))


def _without_overlaps(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy's `filter_spans` on (start, end) token offsets, without making a Span of each: the longest span wins
    among overlapping ones, the first among equally long ones."""
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True):
        if start not in taken and end - 1 not in taken:
            kept.append((start, end))
            taken.update(range(start, end))
    return sorted(kept)


@functools.cache
def lexicon() -> Lexicon:
    return Lexicon()


def sentence_mentions(sentence: Sentence, *, all_caps: bool) -> list[Mention]:
    if sentence.tokens:
        # The segmenter's tokens, made a Doc without tokenizing the sentence again.
        offsets = sentence.tokens
        tokens = Doc(english().vocab, words=[sentence.text[start - sentence.start:end - sentence.start]
                                             for start, end in offsets])
    else:
        tokens = english().make_doc(sentence.text)
        offsets = [(sentence.start + token.idx, sentence.start + token.idx + len(token)) for token in tokens]
    mentions = []
    for label, facts, first, end in lexicon().find(tokens, all_caps=all_caps):
        start_char, end_char = offsets[first][0], offsets[end - 1][1]
        mentions.append(Mention(start=start_char, end=end_char,
                                text=sentence.text[start_char - sentence.start:end_char - sentence.start],
                                label=label, sentence=sentence.index, part=sentence.part, attrs=dict(facts)))
    return mentions


@stage("mentions", requires=("sentences",), assigns=("mentions",))
def recognise(doc: Document) -> None:
    """Lexicon recogniser: triggers, weapons and actors from the knowledge files."""
    all_caps = is_all_caps(doc.text)
    doc.mentions = [m for s in doc.sentences for m in sentence_mentions(s, all_caps=all_caps)]


def use_spacy_model(model: str) -> str:
    """Register `mentions.spacy`: the lexicon recogniser plus the named entities of the trained spaCy pipeline
    `model` (a package name or a path). Returns the stage name to put in place of `mentions`."""
    nlp = spacy.load(model)

    @stage("mentions.spacy", requires=("sentences",), assigns=("mentions",))
    def recognise_with_model(doc: Document) -> None:
        """Lexicon recogniser plus a trained spaCy model's named entities."""
        recognise(doc)
        for sentence, parsed in zip(doc.sentences, nlp.pipe(s.text for s in doc.sentences)):
            doc.mentions.extend(_entity_mentions(sentence, parsed.ents))
        doc.mentions.sort(key=lambda m: (m.part != "title", m.start, m.end))

    return "mentions.spacy"


def _entity_mentions(sentence: Sentence, entities: Iterable[Any]) -> Iterable[Mention]:
    for ent in entities:
        if ent.label_ in NER_LABELS:
            yield Mention(start=sentence.start + ent.start_char, end=sentence.start + ent.end_char, text=ent.text,
                          label=ent.label_, sentence=sentence.index, part=sentence.part)


