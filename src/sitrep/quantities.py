"""Counts of people as English writes them: "12", "1,200", "twenty-one", "a dozen", "at least 5", "5 to 7", "dozens".

`parse_quantity` reads one such phrase into a `Quantity`; `QUANTITY_PATTERN` is the regular expression (source
text, no capturing groups, to be compiled with `re.IGNORECASE`) that finds them inside a sentence, for
`sitrep.casualties` to embed in its patterns.

The figures follow ACLED's conservative rules (SCHEMA.md, `fatalities` / `fatalities_high`):

| the text says | low | high | exact |
|---|---|---|---|
| "12", "twelve", "a dozen", "two dozen" | 12, 12, 12, 24 | None | True |
| "at least 12", "more than 30", "over 30" | 12, 30, 30 | None | False |
| "about 20", "nearly 20", "some 20", "as many as 20" | 20 | None | False |
| "up to 7", "fewer than 7" | 1 | 7 | False (a report of casualties says there was at least one) |
| "5 to 7", "5-7", "five or six", "between 5 and 7" | 5, 5, 5, 5 | 7, 7, 6, 7 | False |
| "tens", "dozens", "scores", "hundreds", "thousands" | 10, 12, 20, 100, 1000 | None | False |
| "several", "many", "numerous", "a number of" | 10 (ACLED's code for "several/many/plural") | None | False |
| "a few", "a handful of" | 3 (sitrep's own conservative reading) | None | False |

The vocabulary (number words, vague words and their figures, modifiers) is in `data/numbers.yaml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .knowledge import load_yaml


@dataclass(frozen=True)
class Quantity:
    """A reported count: `low` is the conservative figure ACLED codes, `high` the upper figure when the text gives
    one (a range, "up to N"), `exact` whether the text gave the number plainly."""

    low: int
    high: int | None = None
    exact: bool = True


_VOCAB = load_yaml("numbers.yaml")
_UNITS: dict[str, int] = _VOCAB["units"]
_TENS: dict[str, int] = _VOCAB["tens"]
_SCALES: dict[str, int] = _VOCAB["scales"]
_EXACT_WORDS: dict[str, int] = _VOCAB["exact_words"]
_VAGUE: dict[str, int] = _VOCAB["vague"]
_DOZEN = _VOCAB["dozen_word"]
_MODIFIER_KIND: dict[str, str] = {
    phrase: kind for kind, phrases in _VOCAB["modifiers"].items() for phrase in phrases
}
_WORD_VALUES: dict[str, int] = {**_UNITS, **_TENS}


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of `phrases` (spaces match any whitespace), longest first so that "a dozen" wins over
    "a" and "seventeen" over "seven". Built as a trie ("a(?:\\s+dozen)?"), so that a vocabulary of hundreds of
    words costs a few character tests where a plain alternation would try every word in turn."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


_UNIT = rf"(?:{phrase_alternation(_UNITS)})"
_TEN = rf"(?:{phrase_alternation(_TENS)})"
_SCALE = rf"(?:{phrase_alternation(_SCALES)})"
# A number word before "year(s)" is an age or a span ("HER NINE YEAR OLD BEST FRIEND", "twenty-one years"), as digits are.
_SMALL = rf"(?:{_TEN}(?:[-\s]+{_UNIT})?|{_UNIT})\b(?![-\s]+(?:{_UNIT}[-\s]+)?years?\b)"
_WORD_NUMBER = rf"(?:(?:{_SMALL}|an?)[-\s]+{_SCALE}\b(?:[-\s]+(?:and[-\s]+)?{_SMALL}(?![-\s]+{_SCALE}))?|{_SMALL})"
# Digits that are a count, not part of a date (11/06/1998), a time (6:30), an age ("45-year-old"), a decimal,
# an ordinal (3rd) or a calibre.
_DIGITS = (
    r"(?<![\w.,/:$])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d,.]?\d)"
    r"(?![/:]|-?(?:st|nd|rd|th)\b|-[A-Za-z]|\s*(?:%|percent\b|per\s*cent\b|-?years?\b|-?yrs?\b|[ap]\.?m\b|mm\b|caliber|calibre))"
)
_DIGITS_SCALED = rf"{_DIGITS}(?:\s+{_SCALE}\b)?"
_MULTI_WORD_EXACT = phrase_alternation(w for w in _EXACT_WORDS if " " in w)
_ONE_WORD_EXACT = phrase_alternation(w for w in _EXACT_WORDS if " " not in w)
_DOZENS = rf"(?:{_SMALL}|\d+)\s+{_DOZEN}\b"
_SINGLE = (
    rf"(?:(?:{_MULTI_WORD_EXACT})\b|{_DOZENS}|{_WORD_NUMBER}|{_DIGITS_SCALED}|(?:{_ONE_WORD_EXACT})\b)"
)
_RANGE_JOINER = rf"(?:\s*(?:{phrase_alternation(j for j in _VOCAB['range_joiners'] if j.isalpha())})\s+|\s*[-–]\s*)"
_RANGE = rf"(?:between\s+{_SINGLE}\s+and\s+{_SINGLE}|{_SINGLE}{_RANGE_JOINER}{_SINGLE})"
_VAGUE_SCALED = rf"(?:{phrase_alternation(w for w in _VAGUE if w.endswith(' of'))})\s+(?:{phrase_alternation(s + 's' for s in _SCALES)})\b"
_VAGUE_WORD = rf"(?:{_VAGUE_SCALED}|(?:{phrase_alternation(_VAGUE)})\b)"
_MODIFIER = rf"(?:{phrase_alternation(_MODIFIER_KIND)})"

# The words a count phrase can begin with (the "between" of a range, the "a" of "a hundred"), tested first: most
# words of a sentence begin none, and the whole pattern is slow to find that out. Keep it in step with the
# alternatives above.
_FIRST_WORD = phrase_alternation(
    {phrase.split()[0] for phrase in (*_MODIFIER_KIND, *_VAGUE, *_EXACT_WORDS, *_UNITS, *_TENS, "between", "a", "an")}
)

QUANTITY_PATTERN = rf"(?<![\w'’])(?=\d|(?:{_FIRST_WORD})\b)(?:(?:{_MODIFIER}\s+)?(?:{_VAGUE_WORD}|{_RANGE}|{_SINGLE}))"
"""Regex source matching one count phrase; no capturing groups; compile with re.IGNORECASE."""

CARDINAL_WORD_PATTERN = rf"(?:{phrase_alternation(_WORD_VALUES)}|\d+)\b"
"""Regex source matching a bare cardinal (a number word or digits), for callers that must not read one as a noun."""

_RANGE_RE = re.compile(
    rf"between\s+(?P<a>{_SINGLE})\s+and\s+(?P<b>{_SINGLE})|(?P<c>{_SINGLE}){_RANGE_JOINER}(?P<d>{_SINGLE})",
    re.IGNORECASE,
)
_SINGLE_RE = re.compile(_SINGLE, re.IGNORECASE)
_VAGUE_SCALED_RE = re.compile(rf"(?P<vague>.+?)\s+(?P<scale>{phrase_alternation(s + 's' for s in _SCALES)})", re.IGNORECASE)
_MODIFIER_RE = re.compile(rf"(?P<modifier>{_MODIFIER})\s+(?P<rest>.+)", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[\s\u00a0]+")


def parse_quantity(text: str) -> Quantity | None:
    """Read a whole count phrase ("at least 12", "twenty-one", "dozens"); None when `text` is not one."""
    phrase = _SPACES.sub(" ", text).strip().lower().replace("–", "-")
    if not phrase:
        return None
    modifier = None
    found = _MODIFIER_RE.fullmatch(phrase)
    if found and _parse_unmodified(found["rest"]) is not None:
        modifier, phrase = _MODIFIER_KIND[_SPACES.sub(" ", found["modifier"])], found["rest"]
    quantity = _parse_unmodified(phrase)
    if quantity is None or modifier is None:
        return quantity
    if modifier == "at_most":
        return Quantity(min(1, quantity.low), quantity.high or quantity.low, exact=False)
    return Quantity(quantity.low, quantity.high, exact=False)


def _parse_unmodified(phrase: str) -> Quantity | None:
    if phrase in _VAGUE:
        return Quantity(_VAGUE[phrase], None, exact=False)
    scaled = _VAGUE_SCALED_RE.fullmatch(phrase)
    if scaled and scaled["vague"] in _VAGUE:
        return Quantity(_VAGUE[scaled["vague"]] * _SCALES[scaled["scale"][:-1]], None, exact=False)
    if _SINGLE_RE.fullmatch(phrase):
        value = _single_value(phrase)
        return None if value is None else Quantity(value)
    ranged = _RANGE_RE.fullmatch(phrase)
    if ranged:
        low = _single_value(ranged["a"] or ranged["c"])
        high = _single_value(ranged["b"] or ranged["d"])
        if low is not None and high is not None and low < high:
            return Quantity(low, high, exact=False)
    return None


def _single_value(phrase: str) -> int | None:
    """The value of one number: digits ("1,200", "3 million"), words ("one hundred and five"), "two dozen"."""
    phrase = _SPACES.sub(" ", phrase.strip().lower())
    if phrase in _EXACT_WORDS:
        return _EXACT_WORDS[phrase]
    words = phrase.replace("-", " ").replace(",", "").split()
    if words[-1] == _DOZEN:
        multiplier = _single_value(" ".join(words[:-1]))
        return None if multiplier is None else multiplier * 12
    total = current = 0
    for word in words:
        if word.isdigit():
            current += int(word)
        elif word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word in ("a", "an"):
            current = 1
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
        elif word != "and":
            return None
    return total + current
