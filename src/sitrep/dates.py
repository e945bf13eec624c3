"""The `dates` stage: the article's anchor date, and every time expression of its sentences resolved against it.

The anchor is the article's `published` date (or the date its web address files it under, when earlier: see
`_publication_date`), else the date of a dateline at the start of the text (a MUC-4 or wire dateline, a GTD
coder-summary prefix: see `resolve_dateline`); a dateline earlier than the page's date is the text's own date. Without an anchor, relative expressions
("Monday", "last week") stay unresolved: never guessed from today's date.

Dates follow ACLED's time precision: 1 the day is known, 2 known within about a week, 3 only the month or a longer
span, whose date is the first day of that month (or year). An expression is past context (`is_past_context`) when
it places what it dates clearly before the article's news: "since ...", "last year", "earlier this year", or a
date at least `past_context_days` (a month, for a month or year: a whole month or year) before the anchor.

How expressions are read:
- absolute dates: "Feb. 22", "February 22, 2021", "22 February 2021", "3 JAN 90", "2/22/21" (month first, as US
  news and GTD write it, unless the first number cannot be a month), "22.02.2021", "2021-02-22". Without a year the
  date is the nearest occurrence on or before the anchor ("ON 2 FEBRUARY" in a dateline of 4 FEB 90 is 1990-02-02).
- weekdays: "Monday", "on Saturday", "Tuesday night", "early Sunday": the most recent such day on or before the
  anchor (a Monday article's "Monday" is that day); "last Tuesday" strictly before it, "next Tuesday" after it.
- months and years: "In October" is the most recent October not after the anchor's month ("a November rocket
  attack" reads the same), "last October" strictly before it; "in 2017", "since 2003" are the year.
- phrases relative to the anchor ("today", "last week", "earlier this year") and counted spans ("2 DAYS AGO") come
  from data/dates.yaml. "One week after X", as in "The attack comes one week after a similar rocket attack on
  Erbil", introduces the earlier event X: the news is at the anchor, so X is the anchor minus a week, at the
  precision of the unit (a week: 2). "Two days before X" likewise dates X at the anchor plus two days.
- phrases relative to the previous resolved expression of the document ("the next month", "the following day",
  "two days later"): "In October ... That ceasefire was broken the next month" is November of that October's
  year. Their precision is never finer than the previous expression's.

Case: in mixed-case text a month or weekday name counts only capitalised ("may", "march" are words); in upper-case
text (MUC-4) any case counts, and the words that are also common English ("MAY", "MARCH") count as months only
with a day, a year or a date lead ("IN MAY", "SINCE MARCH"). Clock times ("at 6 p.m.", "AT 0640") are not dates.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Literal

from .knowledge import load_yaml
from .quantities import phrase_alternation
from .model import Document, Part, TimeExpression
from .pipeline import stage

Unit = Literal["day", "month", "year"]


@dataclass(frozen=True)
class _Reading:
    """What a matched expression means: its date (None when unresolvable), precision, and the span it stands for."""

    date: dt.date | None = None
    precision: Literal[1, 2, 3] | None = None
    unit: Unit = "day"  # the span the date stands for, when deciding past context (a week counts as days)
    past: bool = False  # background whatever the date: "since ...", "last year"


_UNRESOLVED = _Reading()


@dataclass(frozen=True)
class _Context:
    text: str
    anchor: dt.date | None
    previous: TimeExpression | None


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    accept: Callable[[re.Match[str], str, bool], bool]  # (match, text, text is upper case): is it a time expression?
    read: Callable[[re.Match[str], _Context], _Reading]
    cues: frozenset[str]  # the time cues (see `_cues_in`) of which every match holds one: without them, no need to try


@dataclass(frozen=True)
class _Found:
    """A recognised expression: its span in the text and how to read it in context."""

    start: int
    end: int
    read: Callable[[_Context], _Reading]


@dataclass(frozen=True)
class _Lexicon:
    """data/dates.yaml, indexed for the rules."""

    months: dict[str, int]
    month_abbreviations: frozenset[str]
    ambiguous_months: frozenset[str]
    ambiguous_month_leads: frozenset[str]
    ambiguous_month_previous_words: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbreviations: frozenset[str]
    name_followers: frozenset[str]
    name_leaders: frozenset[str]
    modal_followers: frozenset[str]
    day_parts: tuple[str, ...]
    leading_words: tuple[str, ...]
    past_leading_words: frozenset[str]
    year_leads: tuple[str, ...]
    year_blockers: frozenset[str]
    numbers: dict[str, int]
    vague_numbers: dict[str, int]
    units: dict[str, dict[str, int]]
    count_directions: dict[str, str]
    anchor_phrases: dict[str, dict[str, Any]]
    previous_phrases: dict[str, dict[str, Any]]
    past_context_days: int
    range_openers: frozenset[str]
    range_connectors: tuple[str, ...]
    holidays: dict[str, dict[str, Any]]


def _numbered_names(entries: list[dict[str, Any]]) -> tuple[dict[str, int], set[str]]:
    """Each name and abbreviation of a month or weekday list mapped to its number, and the abbreviations alone."""
    numbers: dict[str, int] = {}
    abbreviations: set[str] = set()
    for entry in entries:
        numbers[entry["name"]] = entry["number"]
        for abbreviation in entry["abbreviations"]:
            numbers[abbreviation] = entry["number"]
            abbreviations.add(abbreviation)
    return numbers, abbreviations


@functools.cache
def _lexicon() -> _Lexicon:
    data = load_yaml("dates.yaml")
    months, month_abbreviations = _numbered_names(data["months"])
    weekdays, weekday_abbreviations = _numbered_names(data["weekdays"])
    return _Lexicon(
        months=months,
        month_abbreviations=frozenset(month_abbreviations),
        ambiguous_months=frozenset(data["ambiguous_months"]),
        ambiguous_month_leads=frozenset(data["ambiguous_month_leads"]),
        ambiguous_month_previous_words=frozenset(data["ambiguous_month_previous_words"]),
        weekdays=weekdays,
        weekday_abbreviations=frozenset(weekday_abbreviations),
        name_followers=frozenset(data["name_followers"]),
        name_leaders=frozenset(data["name_leaders"]),
        modal_followers=frozenset(data["modal_followers"]),
        day_parts=tuple(data["day_parts"]),
        leading_words=tuple(data["leading_words"]),
        past_leading_words=frozenset(data["past_leading_words"]),
        year_leads=tuple(data["year_leads"]),
        year_blockers=frozenset(data["year_blockers"]),
        numbers=dict(data["number_words"]),
        vague_numbers=dict(data["vague_number_words"]),
        units=dict(data["units"]),
        count_directions=dict(data["count_directions"]),
        anchor_phrases=dict(data["anchor_phrases"]),
        previous_phrases=dict(data["previous_phrases"]),
        past_context_days=int(data["past_context_days"]),
        range_openers=frozenset(data["range_openers"]),
        range_connectors=tuple(data["range_connectors"]),
        holidays={name.replace("’", "'"): spec for name, spec in data["holidays"].items()},
    )


# ---------------------------------------------------------------------------------------------------------------
# Public functions


def resolve_dateline(text: str) -> dt.date | None:
    """The date of a dateline at the start of `text`, or None when there is none or it carries no full date.

    Recognised: a GTD coder-summary prefix ("11/06/1998: ...", "9/5/1999: ..."); a MUC-4 / wire dateline
    ("   SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- [TEXT] ...", "LIMA, 10 JAN 90 (EFE) --", two-digit years read as
    1969-2068); an AP or newspaper dateline when it carries a year ("RICHMOND, Ind. (April 11, 2014) –",
    "BAGHDAD, Feb. 22, 2021 (Reuters) -"). "MOBILE, Ala. (AP) — " and "CLANDESTINE, NO DATE (...)" give None.
    """
    span = dateline_span(text)
    if span is None:
        return None
    for time in find_times(text[span[0]:span[1]], anchor=None):
        if time.date is not None and time.precision == 1:
            return time.date
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline's date part lies at the start of `text` (see `resolve_dateline`), or None."""
    coder = _GTD_PREFIX.match(text)
    if coder:
        return coder.span("date")
    wire = _WIRE_DATELINE.match(text)
    return wire.span("head") if wire else None


def find_times(text: str, *, anchor: dt.date | None, sentence: int = 0, offset: int = 0, part: Part = "text",
               previous: TimeExpression | None = None) -> list[TimeExpression]:
    """Every time expression in `text`, in text order, resolved against `anchor`.

    Offsets are `offset` plus indices into `text` (pass a sentence's start to get offsets into its part).
    `previous` is the last resolved expression before `text` in the document ("the next month" counts from it);
    within `text` each resolved expression becomes the previous one for the next.
    """
    times = []
    for found in _recognise(text):
        reading = found.read(_Context(text, anchor, previous))
        time = TimeExpression(
            start=offset + found.start, end=offset + found.end, text=text[found.start:found.end], sentence=sentence,
            part=part, date=reading.date, precision=reading.precision if reading.date else None,
            is_past_context=reading.past or _before_the_news(reading, anchor),
        )
        times.append(time)
        if time.date is not None:
            previous = time
    return times


@stage("dates", requires=("sentences",), assigns=("times", "anchor"))
def resolve_dates(doc: Document) -> None:
    """Set the anchor date (published or the address's date, else a dateline; a dateline earlier than those dates
    its own text) and resolve every sentence's time expressions against it.

    A page's date can lag a day behind its text (the first-posted date of a story updated the next day): a page
    dated Sunday whose text tells of "Monday" was written on Monday, since news names a day six days back by
    its date or as "last Monday". The anchor is then the next day. A dateline dates its own text: never moved."""
    page_date = _publication_date(doc.article.published, doc.article.url)
    dateline = resolve_dateline(doc.text)
    if dateline is not None and page_date is not None and dateline < page_date:
        page_date = None  # the text's own dateline: the page's later date is a repost or a crawl
    doc.anchor = page_date or dateline or _stamped_date(doc)
    doc.times = _resolve_all(doc)
    if page_date is not None and _names_the_next_weekday(doc.times, page_date):
        doc.anchor = page_date + dt.timedelta(days=1)
        doc.times = _resolve_all(doc)


def _resolve_all(doc: Document) -> list[TimeExpression]:
    times: list[TimeExpression] = []
    for part in ("title", "text"):
        # A wire dateline dates the report, not an event: blank it so no expression is found in it.
        part_text = _blank_wire_dateline(doc.part_text(part)) if part == "text" else doc.part_text(part)
        previous = None
        for sentence in sorted((s for s in doc.sentences if s.part == part), key=lambda s: s.start):
            found = [t for t in find_times(part_text[sentence.start:sentence.end], anchor=doc.anchor,
                                           sentence=sentence.index, offset=sentence.start, part=part,
                                           previous=previous)
                     if not _is_page_stamp(part_text, t)]
            times.extend(found)
            previous = next((t for t in reversed(found) if t.date is not None), previous)
    return times


def _names_the_next_weekday(times: list[TimeExpression], anchor: dt.date) -> bool:
    """Whether a bare weekday ("Monday", "on Monday night", "early Monday"; not "last Monday") names the day after
    the anchor's weekday, which the weekday rule reads as six days before it."""
    six_days_back = anchor - dt.timedelta(days=6)
    return any(t.date == six_days_back and _bare_weekday().match(t.text) for t in times)


@functools.cache
def _bare_weekday() -> re.Pattern[str]:
    return re.compile(rf"(?:(?:on|early|late)\s+)*{_alternation(_lexicon().weekdays)}\b", re.IGNORECASE)


def _publication_date(published: dt.date | None, url: str | None) -> dt.date | None:
    """The `published` date, unless the article's address dates it earlier (".../news/20161223/police-id-man...",
    ".../2014/05/10/story"): a story filed under a day existed that day, so a later `published` is when the page
    was updated or crawled, and the story's "Saturday" counts from the day it was filed. An address date over a
    year earlier is no filing day (an archive's or an old story's number). Without `published`, the address's
    date."""
    filed = _url_date(url) if url else None
    if published is None or filed is not None and dt.timedelta(0) < published - filed <= dt.timedelta(days=366):
        return filed
    return published


# A date as a path segment of a web address (of the web's years): "/2014/05/10/", "/20161223/", "/2013/jul/22/",
# "/2015-09-06-".
_URL_DATE = re.compile(r"/(?P<year>199\d|20\d\d)(?P<sep>[/-]?)(?P<month>0[1-9]|1[0-2]|[a-z]{3})(?P=sep)"
                       r"(?P<day>[0-2]\d|3[01])(?=[/_.-]|$)", re.IGNORECASE)
# A web archive's own capture time before the address it holds ("http://web.archive.org/web/20160616231247/").
_ARCHIVE_PREFIX = re.compile(r"^\w+://web\.archive\.org/web/\d+\w*/", re.IGNORECASE)


def _url_date(url: str) -> dt.date | None:
    """The date written in a web address's path, or None: "http://ktla.com/2014/01/14/4-injured/" is 2014-01-14."""
    address = _ARCHIVE_PREFIX.sub("", url)
    for match in _URL_DATE.finditer(address):
        month = match.group("month")
        number = int(month) if month.isdigit() else _lexicon().months.get(month.lower())
        if number is None or (not month.isdigit() and not match.group("sep")):
            continue
        try:
            return dt.date(int(match.group("year")), number, int(match.group("day")))
        except ValueError:
            continue
    return None


# "Posted: Monday, March 31, 2014 3:13 PM", "Updated 16 December 2014": the page's own time, not an event's.
# "Updated at 5:17 pm, March 31st, 2016": a clock time may come first.
_PAGE_STAMP = re.compile(r"\b(?:posted|updated|published|last\s+updated|last\s+modified)\s*(?:on|at)?\s*:?\s*"
                         r"(?:\d{1,2}:\d\d\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}T\b)?\s*,?\s*(?:on\s+)?)?$",
                         re.IGNORECASE)


def _is_page_stamp(text: str, time: TimeExpression) -> bool:
    return _PAGE_STAMP.search(text[max(0, time.start - 30):time.start]) is not None


def _stamped_date(doc: Document) -> dt.date | None:
    """A page's "Posted:" or "Updated:" date, the anchor of last resort for a page without metadata."""
    for sentence in (s for s in doc.sentences if s.part == "text"):
        for time in find_times(sentence.text, anchor=None, sentence=sentence.index, offset=sentence.start):
            if time.precision == 1 and time.date is not None and _is_page_stamp(doc.text, time):
                return time.date
    return None


# ---------------------------------------------------------------------------------------------------------------
# Datelines

_GTD_PREFIX = re.compile(r"\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*:")
# An upper-case place, optionally "(COUNTRY)" or "(AGENCY)", then up to the dash that ends the dateline.
_WIRE_DATELINE = re.compile(
    r"\s*(?P<head>[A-Z][A-Z.'’ -]*[A-Z.](?:\s*\([^()\n]{1,60}\))?(?:,[^\n]{0,100}?)?)\s*(?:--|—|–|\s-|\s_|:)\s"
)


def _blank_wire_dateline(text: str) -> str:
    wire = _WIRE_DATELINE.match(text)
    if wire is None:
        return text
    start, end = wire.span("head")
    return text[:start] + " " * (end - start) + text[end:]


# ---------------------------------------------------------------------------------------------------------------
# Recognition


def _alternation(words: Iterable[str]) -> str:
    # A trie, longest first, so "earlier this week" wins over "this week" at the same place.
    return "(?:" + phrase_alternation(words).replace("'", "['’]") + ")"


_DIGIT = "0"  # the cue of any digit


def _phrase_cues(phrases: Iterable[str]) -> frozenset[str]:
    """The words of `phrases` that can be cues: one of them is in every phrase ("the following morning": "morning")."""
    return frozenset(word.lower() for phrase in phrases for word in re.findall(r"[\w']+", phrase)) - _FUNCTION_WORDS


# Words of the lexicon's phrases that never make a time expression alone ("the following morning": "morning" does).
_FUNCTION_WORDS = frozenset({"the", "this", "that", "last", "next", "of", "on", "in", "a", "an", "earlier", "later",
                             "following", "previous", "same", "before", "after", "s", "early", "late", "over"})


@functools.cache
def _time_cue() -> re.Pattern[str]:
    """A digit or a word no time expression goes without (a month, a weekday, a unit, the noun of a phrase such as
    "yesterday" or "Christmas"): most sentences have none, and each rule runs only where one of its own is."""
    words = frozenset().union(*(rule.cues for rule in _rules())) - {_DIGIT}
    return re.compile(rf"\d|\b{_alternation(words)}\b", re.IGNORECASE)


def _cues_in(text: str) -> set[str]:
    return {_DIGIT if cue.isdigit() else cue.lower().replace("’", "'") for cue in _time_cue().findall(text)}


def _recognise(text: str) -> list[_Found]:
    """The time expressions of `text`, leftmost-longest, with "between X and Y" ranges joined into one."""
    cues = _cues_in(text)
    if not cues:
        return []
    upper = not any(c.islower() for c in text)
    candidates = [
        _Found(match.start(), match.end(), functools.partial(_read_safely, rule, match))
        for rule in _rules() if not rule.cues.isdisjoint(cues)
        for match in rule.pattern.finditer(text) if rule.accept(match, text, upper)
    ]
    chosen: list[_Found] = []
    end = -1
    # The sort is stable, so at equal spans the earlier rule wins.
    for found in sorted(candidates, key=lambda f: (f.start, -f.end)):
        if found.start >= end and found.end > found.start:
            chosen.append(found)
            end = found.end
    return _join_ranges(text, chosen)


@functools.cache
def _range_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = _lexicon()
    opener = re.compile(rf"(?<!\w){_alternation(lex.range_openers)}(?:\s+|$)", re.IGNORECASE)
    connector = re.compile(rf"\s*{_alternation(lex.range_connectors)}\s*", re.IGNORECASE)
    return opener, connector


def _join_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """Join "between X and Y", "from X to Y" and "X - Y" into one expression, read by `_read_range`."""
    opener_pattern, connector_pattern = _range_patterns()
    joined: list[_Found] = []
    for current in found:
        first = joined[-1] if joined else None
        if first is not None and connector_pattern.fullmatch(text, first.end, current.start):
            # The opener is before the first date ("between Feb. 17") or its lead ("from 2003", a year lead).
            before = text[max(0, first.start - 12):first.start]
            opener = next((m for m in opener_pattern.finditer(before) if m.end() == len(before)), None)
            opens_itself = opener_pattern.match(text, first.start, first.end) is not None
            dash = re.fullmatch(r"\s*[-–—]\s*", text[first.end:current.start])
            if opener or opens_itself or dash:
                start = first.start - len(before) + opener.start() if opener else first.start
                joined[-1] = _Found(start, current.end, functools.partial(_read_range, first, current))
                continue
        joined.append(current)
    return joined


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([A-Za-z]+)[^A-Za-z\n]{0,2}$", text[max(0, start - 40):start])
    return found.group(1).lower() if found else ""


def _word_after(text: str, end: int) -> str:
    """The next word, past a number ("APRIL 19 MOVEMENT" gives "movement")."""
    found = re.match(r"[\s,]{1,3}(?:\d+\s+)?([A-Za-z]+)", text[end:end + 40])
    return found.group(1).lower() if found else ""


def _phrase_key(words: str) -> str:
    """The data/dates.yaml key of matched words: lower case, single spaces, straight apostrophes."""
    return " ".join(words.lower().replace("’", "'").split())


def _lead(match: re.Match[str]) -> str:
    if match.groupdict().get("mid"):
        return "mid"
    return _phrase_key(match.groupdict().get("lead") or "")


def _is_name(match: re.Match[str], text: str) -> bool:
    """A date word that is part of a name: "Sunday Times", "Bloody Sunday", "April 19 Movement", "USA Today"."""
    lex = _lexicon()
    return (_word_before(text, match.start()) in lex.name_leaders
            or _word_after(text, match.end()) in lex.name_followers)


def _capitalised_or_upper(word: str, upper: bool) -> bool:
    """In mixed-case text a month or weekday is written capitalised: "may" and "march" are verbs and nouns."""
    return upper or word[:1].isupper()


def _month_written(match: re.Match[str]) -> str:
    return match.group("month") or match.group("month_short") or match.group("month_abbr")


def _month_token(match: re.Match[str]) -> str:
    return _month_written(match).lower()


def _accept_month_word(match: re.Match[str], text: str, upper: bool) -> bool:
    """A month name with a day or year: capitalised in mixed case, not a modal "MAY BE", not part of a name."""
    token = _month_written(match)
    if not _capitalised_or_upper(token, upper) or _is_name(match, text):
        return False
    if token.lower() in _lexicon().ambiguous_months and _word_after(text, match.end()) in _lexicon().modal_followers:
        return False
    return _valid_day(match)


def _accept_bare_month(match: re.Match[str], text: str, upper: bool) -> bool:
    """A month without a day: an abbreviation needs a year; "May", "March" need a year or a date lead."""
    lex = _lexicon()
    token = _month_token(match)
    if match.group("year") is None:
        if token in lex.month_abbreviations:
            return False
        if token in lex.ambiguous_months and not (
            _lead(match) in lex.ambiguous_month_leads
            or _word_before(text, match.start()) in lex.ambiguous_month_previous_words
        ):
            return False
    return _accept_month_word(match, text, upper)


def _accept_weekday(match: re.Match[str], text: str, upper: bool) -> bool:
    return _capitalised_or_upper(match.group("weekday"), upper) and not _is_name(match, text)


def _accept_year(match: re.Match[str], text: str, upper: bool) -> bool:
    return _word_after(text, match.end()) not in _lexicon().year_blockers


def _accept_numeric(match: re.Match[str], text: str, upper: bool) -> bool:
    if match.group("separator") == "." and len(match.group("year")) != 4:
        return False  # "1.5.10" is more often a version or a section number than a date
    return _numeric_month_day(match) is not None


def _accept_iso(match: re.Match[str], text: str, upper: bool) -> bool:
    return _valid_day(match)


def _accept_holiday(match: re.Match[str], text: str, upper: bool) -> bool:
    holiday = _lexicon().holidays[_phrase_key(match.group("holiday"))]
    return bool(_lead(match) or not holiday.get("needs_lead")) and not _is_name(match, text)


def _accept_phrase(match: re.Match[str], text: str, upper: bool) -> bool:
    return not _is_name(match, text)


def _valid_day(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    if not groups.get("day"):
        return True
    month = int(groups["month_number"]) if groups.get("month_number") else _lexicon().months[_month_token(match)]
    return 1 <= month <= 12 and 1 <= int(groups["day"]) <= calendar.monthrange(2000, month)[1]


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    lex = _lexicon()
    lead = rf"(?:(?P<lead>{_alternation(lex.leading_words)})\s+|(?P<mid>mid-))?"
    # Three groups: names ("February"), three-letter names ("MAY") and abbreviations ("Feb.", "JAN"); the last two
    # can take a two-digit year, as MUC-4 datelines write it ("3 JAN 90", "18 MAY 90").
    long_names = [m for m in lex.months if m not in lex.month_abbreviations and len(m) > 3]
    short_names = [m for m in lex.months if m not in lex.month_abbreviations and len(m) <= 3]
    month = (rf"(?:(?P<month>{_alternation(long_names)})(?!\w)|(?P<month_short>{_alternation(short_names)})(?!\w)"
             rf"|(?P<month_abbr>{_alternation(lex.month_abbreviations)})(?!\w)\.?)")
    weekday_prefix = rf"(?:(?P<weekday_prefix>{_alternation(lex.weekdays)})\.?,?\s+)?"
    year = r"(?P<year>(?:19|20)\d\d)(?!\d)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\w|:\d)"
    weekday_names = [w for w in lex.weekdays if w not in lex.weekday_abbreviations]

    def rule(pattern: str, accept: Callable[[re.Match[str], str, bool], bool],
             read: Callable[[re.Match[str], _Context], _Reading], cues: Iterable[str]) -> _Rule:
        return _Rule(re.compile(rf"(?<!\w){pattern}", re.IGNORECASE), accept, read, frozenset(c.lower() for c in cues))

    digit = (_DIGIT,)
    months = (*lex.months, *lex.month_abbreviations)
    return (
        # "2021-02-22" (ISO 8601, also inside a timestamp).
        rule(rf"{lead}(?P<year>(?:19|20)\d\d)-(?P<month_number>[01]?\d)-(?P<day>[0-3]?\d)(?!\d|-\d)",
             _accept_iso, _read_iso, digit),
        # "2/22/21", "11/06/1998" (GTD), "22.02.2021".
        rule(rf"{lead}(?P<first>\d{{1,2}})(?P<separator>[/.])(?P<second>\d{{1,2}})(?P=separator)(?P<year>\d{{4}}|\d\d)"
             r"(?![\w/]|\.\d)", _accept_numeric, _read_numeric, digit),
        # "22 February 2021", "the 22nd of February", "3 JAN 90", "18 MAY 90" (a two-digit year only after a
        # three-letter month, as MUC-4 writes it).
        rule(rf"{lead}{weekday_prefix}(?:the\s+)?{day}\s+(?:of\s+)?{month}"
             rf"(?:,?\s+{year}|(?(month)|\s+(?P<short_year>\d\d)(?![\w:])))?",
             _accept_month_word, _read_month_day, months),
        rule(rf"{lead}{weekday_prefix}{month}\s*{day}(?:,?\s+{year})?", _accept_month_word, _read_month_day, months),
        rule(rf"{lead}{month}(?:,?\s+(?:of\s+)?{year})?", _accept_bare_month, _read_month, months),
        rule(rf"(?:(?P<lead>{_alternation(lex.year_leads)})\s+|(?P<mid>mid-)){year}(?!\w)",
             _accept_year, _read_year, digit),
        rule(rf"{lead}(?P<weekday>{_alternation(weekday_names)})(?!\w)"
             rf"(?:\s+(?P<day_part>(?:early\s+|late\s+)?{_alternation(lex.day_parts)})(?!\w))?",
             _accept_weekday, _read_weekday, weekday_names),
        rule(rf"{lead}(?P<holiday>{_alternation(lex.holidays)})(?!\w)", _accept_holiday, _read_holiday,
             _phrase_cues(lex.holidays)),
        rule(rf"(?P<phrase>{_alternation(lex.anchor_phrases)})(?!\w)", _accept_phrase, _read_anchor_phrase,
             _phrase_cues(lex.anchor_phrases)),
        rule(rf"(?P<phrase>{_alternation(lex.previous_phrases)})(?!\w)", _accept_phrase, _read_previous_phrase,
             _phrase_cues(lex.previous_phrases)),
        rule(rf"(?P<count>\d{{1,3}}|{_alternation([*lex.numbers, *lex.vague_numbers])})\s+"
             rf"(?P<unit>{_alternation(lex.units)})\s+(?P<direction>{_alternation(lex.count_directions)})(?!\w)",
             _accept_phrase, _read_count, lex.units),
    )


# ---------------------------------------------------------------------------------------------------------------
# Resolution


def _read_safely(rule: _Rule, match: re.Match[str], context: _Context) -> _Reading:
    try:
        reading = rule.read(match, context)
    except (OverflowError, ValueError):
        return _UNRESOLVED  # an anchor near the ends of the calendar: the expression stays, unresolved
    if _lead(match) in _lexicon().past_leading_words:
        return _Reading(reading.date, reading.precision, reading.unit, past=True)
    return reading


def _before_the_news(reading: _Reading, anchor: dt.date | None) -> bool:
    if reading.date is None or anchor is None:
        return False
    if reading.unit == "year":
        return reading.date.year < anchor.year
    if reading.unit == "month":
        return (reading.date.year, reading.date.month) < (anchor.year, anchor.month)
    return (anchor - reading.date).days >= _lexicon().past_context_days


def _read_iso(match: re.Match[str], context: _Context) -> _Reading:
    return _Reading(dt.date(int(match.group("year")), int(match.group("month_number")), int(match.group("day"))), 1)


def _numeric_month_day(match: re.Match[str]) -> tuple[int, int] | None:
    first, second = int(match.group("first")), int(match.group("second"))
    # Slashes: month first (US news, GTD) unless the first number cannot be a month; dots: day first (Europe).
    month, day = (first, second) if match.group("separator") == "/" and first <= 12 else (second, first)
    # GTD writes an unknown day as 00 ("02/00/2021"): the month is still known.
    unknown_day = match.group("second") == "00" and len(match.group("year")) == 4
    if 1 <= month <= 12 and (unknown_day or 1 <= day <= calendar.monthrange(2000, month)[1]):
        return month, day
    return None


def _read_numeric(match: re.Match[str], context: _Context) -> _Reading:
    month, day = _numeric_month_day(match)  # type: ignore[misc]  # accepted only when it parses
    year = _full_year(match.group("year"), context.anchor)
    if day == 0:
        return _Reading(dt.date(year, month, 1), 3, "month")
    return _Reading(dt.date(year, month, day), 1)


def _full_year(year: str, anchor: dt.date | None) -> int:
    """A two-digit year in the century nearest the anchor; without one, 1969-2068 (as POSIX strptime reads %y)."""
    if len(year) == 4:
        return int(year)
    short = int(year)
    if anchor is None:
        return (1900 if short >= 69 else 2000) + short
    century = anchor.year - anchor.year % 100
    return min((century - 100 + short, century + short, century + 100 + short), key=lambda y: abs(y - anchor.year))


def _read_month_day(match: re.Match[str], context: _Context) -> _Reading:
    month = _lexicon().months[_month_token(match)]
    day = int(match.group("day"))
    written_year = match.groupdict().get("year") or match.groupdict().get("short_year")
    if written_year:
        return _Reading(dt.date(_full_year(written_year, context.anchor), month, day), 1)
    if match.group("weekday_prefix") and context.anchor is not None:
        # "Thursday, May 26" names its year: the one, next to the anchor's, where May 26 is a Thursday.
        weekday = _lexicon().weekdays[match.group("weekday_prefix").lower()]
        dates = [_day_of(year, month, day) for year in range(context.anchor.year - 1, context.anchor.year + 2)]
        fitting = [date for date in dates if date is not None and date.weekday() == weekday]
        if fitting:
            return _Reading(min(fitting, key=lambda date: abs(date - context.anchor)), 1)  # type: ignore[operator]
    return _nearest_on_or_before(context.anchor, lambda year: _day_of(year, month, day))


def _day_of(year: int, month: int, day: int) -> dt.date | None:
    return dt.date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None


def _nearest_on_or_before(anchor: dt.date | None, in_year: Callable[[int], dt.date | None]) -> _Reading:
    """The latest of `in_year(year)` not after the anchor (29 February falls only in a leap year: look back 8)."""
    if anchor is None:
        return _UNRESOLVED
    for year in range(anchor.year, anchor.year - 9, -1):
        date = in_year(year)
        if date is not None and date <= anchor:
            return _Reading(date, 1)
    return _UNRESOLVED


def _read_holiday(match: re.Match[str], context: _Context) -> _Reading:
    holiday = _lexicon().holidays[_phrase_key(match.group("holiday"))]
    if "day" in holiday:
        return _nearest_on_or_before(context.anchor, lambda year: _day_of(year, holiday["month"], holiday["day"]))
    weekday = _lexicon().weekdays[holiday["weekday"]]
    return _nearest_on_or_before(context.anchor,
                                 lambda year: _nth_weekday(year, holiday["month"], weekday, holiday["nth"]))


def _last_day(reading: _Reading) -> dt.date:
    """The last day of the span a reading stands for: "December" ends on the 31st."""
    assert reading.date is not None
    if reading.unit == "year":
        return reading.date.replace(month=12, day=31)
    if reading.unit == "month":
        return reading.date.replace(day=calendar.monthrange(reading.date.year, reading.date.month)[1])
    return reading.date


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The `nth` `weekday` of the month (Thanksgiving: the 4th Thursday of November); -1 is the last."""
    days = [day for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == weekday]
    return days[nth - 1 if nth > 0 else nth]


def _read_range(first: _Found, last: _Found, context: _Context) -> _Reading:
    """The middle of the range, as GTD codes it; a range longer than a day is known within a week at best.

    The first date is read against the last one, so "between January 31 and February 6, 2016" takes its year.
    """
    end = last.read(context)
    if end.date is None:
        return end
    start = first.read(_Context(context.text, end.date, context.previous))
    if start.date is None:
        return end
    low, high = sorted((start.date, _last_day(end)))
    width = (high - low).days
    width_precision = 1 if width == 0 else 2 if width <= 7 else 3
    middle = _Reading(low + dt.timedelta(days=width // 2), 1, "day", start.past or end.past)
    return _coarsened(middle, max(start.precision or 1, end.precision or 1, width_precision))


def _read_month(match: re.Match[str], context: _Context) -> _Reading:
    month = _lexicon().months[_month_token(match)]
    if match.group("year"):
        return _Reading(dt.date(int(match.group("year")), month, 1), 3, "month")
    anchor = context.anchor
    if anchor is None:
        return _UNRESOLVED
    lead = _lead(match)
    if lead == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif lead == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return _Reading(dt.date(year, month, 1), 3, "month")


def _read_year(match: re.Match[str], context: _Context) -> _Reading:
    return _Reading(dt.date(int(match.group("year")), 1, 1), 3, "year")


def _read_weekday(match: re.Match[str], context: _Context) -> _Reading:
    if context.anchor is None:
        return _UNRESOLVED
    weekday = _lexicon().weekdays[match.group("weekday").lower()]
    days_back = (context.anchor.weekday() - weekday) % 7
    lead = _lead(match)
    if lead == "last" and days_back == 0:
        days_back = 7
    if lead == "next":
        return _Reading(context.anchor + dt.timedelta(days=(weekday - context.anchor.weekday() - 1) % 7 + 1), 1)
    return _Reading(context.anchor - dt.timedelta(days=days_back), 1)


def _read_anchor_phrase(match: re.Match[str], context: _Context) -> _Reading:
    if context.anchor is None:
        return _UNRESOLVED
    return _apply(context.anchor, _lexicon().anchor_phrases[_phrase_key(match.group("phrase"))])


def _read_previous_phrase(match: re.Match[str], context: _Context) -> _Reading:
    previous = context.previous
    if previous is None or previous.date is None:
        return _UNRESOLVED
    reading = _apply(previous.date, _lexicon().previous_phrases[_phrase_key(match.group("phrase"))])
    return _coarsened(reading, previous.precision or 1)


def _read_count(match: re.Match[str], context: _Context) -> _Reading:
    lex = _lexicon()
    count_word = _phrase_key(match.group("count"))
    count = int(count_word) if count_word.isdigit() else lex.numbers.get(count_word) or lex.vague_numbers[count_word]
    unit = lex.units[match.group("unit").lower()]
    step = {key: value * count for key, value in unit.items() if key != "precision"}
    direction = lex.count_directions[match.group("direction").lower()]
    dates_what_follows = bool(re.match(r"\s+(?:the\s+|a\s+|an\s+)?[A-Za-z]", context.text[match.end():]))
    previous = context.previous if context.previous is not None and context.previous.date is not None else None
    if direction == "ago" or (direction in ("after", "before") and dates_what_follows):
        # The span separates the news (at the anchor) from what the phrase dates: see the module docstring.
        base, sign, counted_from = context.anchor, 1 if direction == "before" else -1, None
    elif previous is not None:
        base, sign, counted_from = previous.date, 1 if direction in ("later", "after") else -1, previous
    elif direction == "earlier":
        base, sign, counted_from = context.anchor, -1, None
    else:
        return _UNRESOLVED
    if base is None:
        return _UNRESOLVED
    spec: dict[str, Any] = {key: sign * value for key, value in step.items()}
    if "months" in spec:
        spec["start_of"] = "month"
    elif "years" in spec:
        spec["start_of"] = "year"
    precision = max(unit["precision"], 2) if count_word in lex.vague_numbers else unit["precision"]
    reading = _apply(base, {**spec, "precision": precision})
    return _coarsened(reading, counted_from.precision or 1) if counted_from is not None else reading


def _apply(base: dt.date, spec: dict[str, Any]) -> _Reading:
    """Move `base` as a data/dates.yaml phrase says: offsets, then `start_of` a week/month/year, or a `weekday`."""
    date = _add_months(base, 12 * spec.get("years", 0) + spec.get("months", 0)) + dt.timedelta(days=spec.get("days", 0))
    unit: Unit = "day"
    start_of = spec.get("start_of")
    if start_of == "week":
        date -= dt.timedelta(days=date.weekday())
    elif start_of == "month":
        date, unit = date.replace(day=1), "month"
    elif start_of == "year":
        date, unit = date.replace(month=1, day=1), "year"
    if "weekday" in spec:
        date -= dt.timedelta(days=(date.weekday() - _lexicon().weekdays[spec["weekday"]]) % 7)
    return _Reading(date, spec["precision"], unit, past=bool(spec.get("past")))


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _coarsened(reading: _Reading, precision: int) -> _Reading:
    """A reading no finer than `precision` (what it was counted from): month precision dates the month's first day."""
    if reading.date is None or (reading.precision or 1) >= precision:
        return reading
    if precision == 3 and reading.unit == "day":
        return _Reading(reading.date.replace(day=1), 3, "month", reading.past)
    return _Reading(reading.date, precision, reading.unit, reading.past)  # type: ignore[arg-type]
