import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.knowledge import load_yaml
from sitrep.quantities import QUANTITY_PATTERN, Quantity, parse_quantity, phrase_alternation


@pytest.mark.parametrize(
    "text, expected",
    [
        # digits
        ("12", Quantity(12)),
        ("1,200", Quantity(1200)),
        ("3 million", Quantity(3_000_000)),
        ("0", Quantity(0)),
        # words
        ("two", Quantity(2)),
        ("twenty-one", Quantity(21)),
        ("twenty one", Quantity(21)),
        ("a hundred", Quantity(100)),
        ("one hundred and five", Quantity(105)),
        ("two thousand", Quantity(2000)),
        ("a", Quantity(1)),
        ("an", Quantity(1)),
        ("one", Quantity(1)),
        ("both", Quantity(2)),
        ("a dozen", Quantity(12)),
        ("two dozen", Quantity(24)),
        ("half a dozen", Quantity(6)),
        ("a couple of", Quantity(2)),
        # upper case and stray spacing
        ("TWENTY-ONE", Quantity(21)),
        ("A DOZEN", Quantity(12)),
        ("  Three \n", Quantity(3)),
    ],
)
def test_plain_numbers_are_exact(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("at least 12", 12, None),
        ("AT LEAST TWELVE", 12, None),
        ("more than 30", 30, None),
        ("over 30", 30, None),
        ("no fewer than 4", 4, None),
        ("about 20", 20, None),
        ("nearly 20", 20, None),
        ("some 20", 20, None),
        ("approximately 1,500", 1500, None),
        ("as many as 9", 9, None),
        ("up to 7", 1, 7),
        ("fewer than 10", 1, 10),
        ("5 to 7", 5, 7),
        ("5-7", 5, 7),
        ("5 - 7", 5, 7),
        ("5–7", 5, 7),
        ("five or six", 5, 6),
        ("between 5 and 7", 5, 7),
        ("between five and seven", 5, 7),
        ("at least 5 to 7", 5, 7),
    ],
)
def test_approximations_take_the_conservative_figure(text, low, high):
    assert parse_quantity(text) == Quantity(low, high, exact=False)


@pytest.mark.parametrize(
    "text, low",
    [
        ("dozens", 12),
        ("Dozens of", 12),
        ("tens", 10),
        ("tens of", 10),
        ("scores", 20),
        ("hundreds", 100),
        ("HUNDREDS", 100),
        ("thousands", 1000),
        ("tens of thousands", 10_000),
        ("several", 10),
        ("many", 10),
        ("numerous", 10),
        ("a number of", 10),
        ("a few", 3),
        ("at least dozens", 12),
    ],
)
def test_vague_numbers_follow_acled(text, low):
    assert parse_quantity(text) == Quantity(low, None, exact=False)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "people", "killed", "7 to 5", "45-year-old", "11/06/1998", "6:30", "3rd", "AK-47", "dozen dozen people"],
)
def test_non_quantities_are_none(text):
    assert parse_quantity(text) is None


def test_pattern_finds_counts_but_not_dates_ages_or_times():
    pattern = re.compile(QUANTITY_PATTERN, re.IGNORECASE)
    text = "11/06/1998: at least 20 people, a 45-year-old man at 6:30 pm, dozens of others, five to six soldiers, 5-7 more"
    assert [m.group() for m in pattern.finditer(text)] == ["at least 20", "a", "dozens of", "five to six", "5-7"]


def test_a_number_word_before_years_is_an_age_not_a_count():
    pattern = re.compile(QUANTITY_PATTERN, re.IGNORECASE)
    text = "MOURNS THE DEATH OF HER NINE YEAR OLD BEST FRIEND; a twenty-one year old man; nine people killed"
    assert [m.group() for m in pattern.finditer(text)] == ["a", "nine"]


def test_pattern_does_not_start_inside_a_word():
    pattern = re.compile(QUANTITY_PATTERN, re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("woman, often, someone")] == []


def test_pattern_reads_every_phrase_of_the_vocabulary_whole():
    # The pattern tests a phrase's first word before the phrase: a vocabulary entry it left out would be missed.
    vocabulary = load_yaml("numbers.yaml")
    phrases = [*vocabulary["units"], *vocabulary["tens"], *vocabulary["exact_words"], *vocabulary["vague"],
               *(f"{modifier} 5" for kind in vocabulary["modifiers"].values() for modifier in kind),
               "twenty-one", "a hundred", "2 dozen", "between five and seven", "5 to 7", "tens of thousands", "1,200"]
    pattern = re.compile(QUANTITY_PATTERN, re.IGNORECASE)
    assert [p for p in phrases if not pattern.fullmatch(p) and not pattern.fullmatch(p.upper())] == []


def test_phrase_alternation_prefers_the_longest_phrase():
    pattern = re.compile(rf"\b(?:{phrase_alternation(['a', 'a dozen', 'an', 'seven', 'seventeen'])})\b")
    assert [m.group() for m in pattern.finditer("a dozen seventeen seven an a")] == ["a dozen", "seventeen", "seven", "an", "a"]


@given(st.text(max_size=60))
def test_parse_never_crashes_and_figures_are_ordered(text):
    quantity = parse_quantity(text)
    if quantity is not None:
        assert quantity.low >= 0
        assert quantity.high is None or quantity.high >= quantity.low


@given(st.integers(min_value=0, max_value=10**7))
def test_every_digit_string_reads_back(number):
    assert parse_quantity(str(number)) == Quantity(number)
    assert parse_quantity(f"{number:,}") == Quantity(number)
