"""The `clean` and `segment` stages: mark page furniture, then split the rest into sentences.

Neither rewrites the article: furniture is a list of character spans to skip and every sentence is a span, so all
offsets keep indexing the original `Article.text`. The work is in two pure helpers, `furniture_spans` and
`split_sentences`; the stages only attach their results to the `Document`.
"""
from __future__ import annotations

import bisect
import functools
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.attrs import IDX, LENGTH, ORTH, SENT_START
from spacy.language import Language

from .knowledge import load_yaml
from .model import Document, Sentence
from .ingest import host_of
from .pipeline import stage

Span = tuple[int, int]

# Below this share of lower-case letters the whole text is set in capitals (MUC-4 wire copy): there an all-caps
# line is prose, and a line without final punctuation is a hard-wrapped piece of a sentence, not a teaser.
MIN_LOWERCASE_SHARE = 0.25
# Furniture is short (an inline teaser heading closes a line of a few hundred characters); longer lines are prose.
MAX_FURNITURE_LINE = 1_000
# A repeated line this long is a scraped duplicate (teaser grids repeat each blurb), not a chance repetition.
MIN_DUPLICATE_LINE = 40
# A trailing teaser list: at least this many headline-like lines of at most this many words.
MIN_TEASER_RUN = 3
MAX_TEASER_WORDS = 15
# spaCy gets at most this many characters at once, far below `nlp.max_length`, so a huge text costs linear time
# and bounded memory.
MAX_CHUNK_CHARS = 100_000
# Characters either side of a sentence boundary that decide whether it stands (the words that touch it).
BOUNDARY_CONTEXT = 80

_SENTENCE_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
# A line ending like this continues (a dateline "OAKLAND --", a label "Victims:", a list item "a, b,").
_CONTINUING_END = re.compile(r"[:;,\-–—]$")
# From the first to the last non-space character of a line.
_LINE_CONTENT = re.compile(r"(?<![^\n\s])\S(?:[^\n]*\S)?")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")

# Abbreviations that never end a sentence (titles, street and unit words): spaCy's sentencizer splits after some of
# them ("Lt. Col. Jones"), so a boundary right after one is undone.
_NON_FINAL_ABBREVIATION = re.compile(
    r"(?:Lt|Col|Sgt|Gen|Brig|Maj|Capt|Cpt|Cpl|Pvt|Pfc|Spc|Adm|Cmdr|Cmdt|Det|Insp|Supt|Ofc|Dep|Gov|Rep|Sen|Atty|"
    r"Dr|Mr|Mrs|Ms|Prof|Rev|Hon|Pres|Sec|Amb|St|Mt|Ft|Ave|Blvd|Rd|Hwy|Dept|Univ|Assn|Bros|Twp|approx|vs|ca)\.",
    re.IGNORECASE,  # wire copy in capitals writes "GEN. VARGAS"
)
# Abbreviations that may end a sentence: followed by a capitalised word they close it ("in Mobile, Ala. The
# shooting ..."), unless the word is one that commonly follows them inside a sentence ("2 p.m. Sunday").
_FINAL_CAPABLE_ABBREVIATION = re.compile(
    r"(?<!\S)(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|"
    r"Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Vt|Va|Wash|W\.Va|Wis|Wyo|D\.C|"
    r"a\.m|p\.m|Jr|Sr|Inc|Co|Corp|Ltd)\.\s+(?=[\"“‘]?(?P<next>[A-Z][\w’'-]*))"
)
_WORDS_AFTER_ABBREVIATION = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun "
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC local".split()
)
_OPENING_QUOTES = "“‘\"'"


@dataclass(frozen=True)
class _FurnitureRules:
    lines: tuple[re.Pattern[str], ...]
    trailing_credits: tuple[re.Pattern[str], ...]
    teaser_headings: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@functools.cache
def _furniture_rules() -> _FurnitureRules:
    raw = load_yaml("boilerplate.yaml")
    return _FurnitureRules(
        lines=tuple(re.compile(p, re.IGNORECASE) for p in raw["lines"]),
        # A credit counts only at the very end of its line, after the caption it credits.
        trailing_credits=tuple(re.compile(rf"(?:{p})[\s.]*$", re.IGNORECASE) for p in raw["trailing_credits"]),
        # A heading counts at the start of a line or right after a sentence on it, never inside a sentence.
        teaser_headings=tuple(
            re.compile(rf"(?:^|(?<=[.!?] )|(?<=[.!?][\"”’)] ))(?:{p})", re.IGNORECASE) for p in raw["teaser_headings"]
        ),
    )


def furniture_spans(text: str) -> list[Span]:
    """Character spans of `text` that are page furniture (promos, share bars, credits, teasers), merged and sorted."""
    rules = _furniture_rules()
    mixed_case = not _is_set_in_capitals(text)
    lines = _content_lines(text)
    spans: list[Span] = []
    seen: set[str] = set()
    in_teaser_list = False
    for line in lines:
        if in_teaser_list and _is_headline_like(line.text, min_words=2):
            spans.append((line.start, line.end))
            continue
        in_teaser_list = False
        if len(line.text) > MAX_FURNITURE_LINE:
            continue
        heading = _teaser_heading_start(line.text, rules)
        if heading is not None:
            spans.append((line.start + heading, line.end))
            in_teaser_list = True
        else:
            spans.extend(_short_line_furniture(line, rules, mixed_case, seen))
        seen.add(line.text)
    if mixed_case:
        spans.extend(_trailing_teasers(lines, spans))
    return _merge(spans)


def _is_set_in_capitals(text: str) -> bool:
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return upper > 0 and lower / (upper + lower) < MIN_LOWERCASE_SHARE


def _content_lines(text: str) -> list[_Line]:
    """Every non-blank line with its surrounding whitespace trimmed off."""
    return [_Line(m.start(), m.end(), m.group()) for m in _LINE_CONTENT.finditer(text)]


def _teaser_heading_start(line: str, rules: _FurnitureRules) -> int | None:
    starts = [m.start() for p in rules.teaser_headings if (m := p.search(line))]
    return min(starts) if starts else None


def _short_line_furniture(line: _Line, rules: _FurnitureRules, mixed_case: bool, seen: set[str]) -> list[Span]:
    whole = [(line.start, line.end)]
    if any(p.fullmatch(line.text) for p in rules.lines):
        return whole
    if mixed_case and (_is_caps_headline(line.text) or (len(line.text) >= MIN_DUPLICATE_LINE and line.text in seen)):
        return whole
    caption = _strip_trailing_credits(line.text, rules)
    if caption == line.text:
        return []
    # A caption that is a sentence may carry news ("Two people were killed ... (Source: KPHO)"): keep it.
    return [(line.start + len(caption), line.end)] if _SENTENCE_FINAL.search(caption) else whole


def _strip_trailing_credits(line: str, rules: _FurnitureRules) -> str:
    """The line without the credits closing it; several may stack ("... (Photo: X)Buy Photo")."""
    while match := next((m for p in rules.trailing_credits if (m := p.search(line))), None):
        line = line[: match.start()].rstrip()
    return line


def _is_headline_like(line: str, *, min_words: int, max_words: int = 30) -> bool:
    """Short, with letters, and not ending as a sentence or a continuing phrase does."""
    return (
        len(line) <= MAX_FURNITURE_LINE
        and not _SENTENCE_FINAL.search(line)
        and not _CONTINUING_END.search(line)
        and min_words <= len(line.split()) <= max_words
        and any(map(str.isalpha, line))
    )


def _is_caps_headline(line: str) -> bool:
    """A related story's headline set inline in capitals ("US READY TO EMBARK ON ‘PROLONGED PATH’ BACK TO ...")."""
    # "(" keeps datelines out: "NEW YORK (AP)".
    return (
        "(" not in line
        and _is_headline_like(line, min_words=3)
        and not any(map(str.islower, line))
        and sum(map(str.isupper, line)) >= 10
    )


def _trailing_teasers(lines: list[_Line], furniture: list[Span]) -> list[Span]:
    """A run of headline-like lines closing the text after its prose: links to other stories.

    Two lines are often a timestamp pair ("Posted ...", "Updated ..."), so a run needs three; embedded posts
    ("... — Name (@handle) July 5, 2016") carry news and a handle, so a line with "@" ends the run.
    """
    marked = {start for start, _ in furniture}
    run: list[Span] = []
    for line in reversed(lines):
        if line.start in marked:
            continue
        if "@" in line.text or not _is_headline_like(line.text, min_words=4, max_words=MAX_TEASER_WORDS):
            # Only a run that follows article prose is a teaser list; a text of bare headlines is the article.
            return run if len(run) >= MIN_TEASER_RUN and _SENTENCE_FINAL.search(line.text) else []
        run.append((line.start, line.end))
    return []


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_ASCII_UPPER, _ASCII_LOWER = string.ascii_uppercase.encode(), string.ascii_lowercase.encode()
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def is_all_caps(text: str, min_letters: int = 1) -> bool:
    """Wire copy in capitals (MUC-4): at least nine letters in ten upper case, of at least `min_letters`."""
    upper, lower = _case_counts(text)
    return upper + lower >= min_letters and upper >= 9 * lower and upper > 0


def _case_counts(text: str) -> tuple[int, int]:
    """How many characters of the text are upper case and how many lower case. The geoparser asks this of every
    sentence, so the ASCII letters, nearly all of them, are counted by bytes.translate and only the rest one by one."""
    ascii_text = text.encode("ascii", "ignore")
    upper = len(ascii_text) - len(ascii_text.translate(None, _ASCII_UPPER))
    lower = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LOWER))
    if len(ascii_text) < len(text):
        others = "".join(_NOT_ASCII.findall(text))
        upper += sum(map(str.isupper, others))
        lower += sum(map(str.islower, others))
    return upper, lower


def strip_accents(text: str) -> str:
    """The text without its combining marks ("Herāt" -> "Herat"), for names compared or displayed plain."""
    if text.isascii():  # most names in English news: nothing to decompose
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.cache
def english() -> Language:
    """The one blank English pipeline every stage tokenizes with (its sentencizer used only here): one vocabulary
    and one tokenizer cache, so a word is analysed once however many stages read it."""
    nlp = spacy.blank("en")
    # Abbreviations inside place names that spaCy's English exceptions lack ("Sault Ste. Marie", "Ft. Worth").
    for abbreviation in ("Ste.", "STE.", "Ft.", "FT."):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str, furniture: Iterable[Span] = ()) -> list[Sentence]:
    """The text's sentences outside `furniture`, in order, indexed from 0, trimmed, offsets into `text`.

    A blank line always ends a sentence; a single newline (a hard wrap in wire copy) never does.
    """
    blocks = list(_blocks(text, _merge(furniture)))
    # spaCy sees newlines, tabs and carriage returns as spaces (same length, so offsets hold).
    chunks = (text[start:end].translate(_WHITESPACE_AS_SPACE) for start, end in blocks)
    sentences: list[Sentence] = []
    for (block_start, _), doc in zip(blocks, english().pipe(chunks, batch_size=64)):
        chunk = doc.text
        # Read the tokens as an array: iterating `doc.sents` builds a Python object per token.
        rows = doc.to_array([SENT_START, IDX, LENGTH]).tolist()
        token_starts = [idx for _, idx, _ in rows]
        starts = _repair_boundaries(chunk, [idx for flag, idx, _ in rows if flag == 1])
        for start, end in zip(starts, [*starts[1:], len(chunk)]):
            piece = chunk[start:end]
            if any(c.isalnum() for c in piece):
                lead = len(piece) - len(piece.lstrip())
                first, last = start + lead, start + len(piece.rstrip())
                # The sentence keeps its tokens, so later stages need not tokenize it again.
                tokens = [(block_start + idx, block_start + min(idx + length, last)) for _, idx, length in
                          rows[bisect.bisect_left(token_starts, first):bisect.bisect_left(token_starts, last)]]
                sentences.append(Sentence(index=len(sentences), start=block_start + first, end=block_start + last,
                                          text=text[block_start + first:block_start + last], tokens=tokens))
    return sentences


_WHITESPACE_AS_SPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


def _blocks(text: str, furniture: list[Span]) -> Iterator[Span]:
    """Spans of kept text no sentence may cross: between furniture, split at blank lines, at most a chunk long."""
    position = 0
    for start, end in [*furniture, (len(text), len(text))]:
        for paragraph in _paragraphs(text, position, start):
            yield from _chunks(text, *paragraph)
        position = max(position, end)


def _paragraphs(text: str, start: int, end: int) -> Iterator[Span]:
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield start, match.start()
        start = match.end()
    yield start, end


def _chunks(text: str, start: int, end: int) -> Iterator[Span]:
    """Cut an over-long paragraph, preferably after a full stop, else at a space, else anywhere."""
    while end - start > MAX_CHUNK_CHARS:
        low, high = start + MAX_CHUNK_CHARS // 2, start + MAX_CHUNK_CHARS
        cut = text.rfind(". ", low, high) + 1 or text.rfind(" ", low, high) + 1 or high
        yield start, cut
        start = cut
    if text[start:end].strip():
        yield start, end


def _repair_boundaries(chunk: str, starts: list[int]) -> list[int]:
    """Sentence starts after undoing the sentencizer's known over-splits and adding its known misses."""
    kept = [b for b in starts[1:] if not _is_false_boundary(chunk, b)]
    missed = [m.end() for m in _FINAL_CAPABLE_ABBREVIATION.finditer(chunk) if m["next"] not in _WORDS_AFTER_ABBREVIATION]
    return [0, *sorted({_before_opening_quote(chunk, b) for b in kept + missed} - {0})]


def _is_false_boundary(chunk: str, boundary: int) -> bool:
    before = chunk[max(0, boundary - BOUNDARY_CONTEXT) : boundary].rstrip()
    after = chunk[boundary : boundary + BOUNDARY_CONTEXT].lstrip()
    last_word = before[before.rfind(" ") + 1 :]
    return (
        _NON_FINAL_ABBREVIATION.fullmatch(last_word.lstrip("(\"“‘")) is not None
        or re.fullmatch(r"[A-Z]\.", last_word) is not None  # an initial: "John A. Smith"
        or (last_word.lower() in ("no.", "nos.") and after[:1].isdigit())
        or after[:1].islower()
    )


def _before_opening_quote(chunk: str, boundary: int) -> int:
    """Move a boundary back over an opening quote the sentencizer left on the previous sentence (`said. “`)."""
    window_start = max(0, boundary - BOUNDARY_CONTEXT)
    before = chunk[window_start:boundary].rstrip()
    if len(before) >= 2 and before[-1] in _OPENING_QUOTES and before[-2].isspace():
        return window_start + len(before) - 1
    return boundary


@stage("clean", requires=("article",), assigns=("furniture",))
def clean(doc: Document) -> None:
    """Mark page furniture (promos, share bars, credits, teasers of other stories) so later stages skip it."""
    doc.furniture = furniture_spans(doc.article.text)


@stage("segment", requires=("furniture",), assigns=("sentences",))
def segment(doc: Document) -> None:
    """Split the title and the text outside furniture into sentences, keeping offsets into the originals."""
    doc.sentences = [*_title_sentence(doc.article.title, doc.article.url),
                     *split_sentences(doc.article.text, doc.furniture)]


def _title_sentence(title: str | None, url: str | None) -> list[Sentence]:
    if not title or not title.strip():
        return []
    start, end = headline_span(title, url)
    return [Sentence(index=0, start=start, end=end, text=title[start:end], part="title")]


# A page title joins the headline and the site's name with a separator: "4 injured in shooting - WMC Action News 5 -
# Memphis, Tennessee", "CBS 58 - Police: ...".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—]|::)\s+|\s+\|$")
# What only a masthead says: a broadcaster's call sign, a network and channel, a web address, the "News, Weather
# and Sports" of a station's tagline.
_MASTHEAD = re.compile(r"\b[KW][A-Z]{2,3}(?:-(?:TV|FM|AM))?\b|\b(?:FOX|NBC|CBS|ABC|CW)[ -]?\d+\b|\.com\b|"
                       r"\bChannel \d+\b|\bWeather\b|\bNews\s*\d+\b|\bAction News\b")
# A masthead's home town after it: "- Jackson, MS", "- Memphis, Tennessee".
_TOWN_AND_STATE = re.compile(r"[A-Z][\w.' ]*, [A-Z][\w.]*(?: [A-Z][\w.]*)?")


def headline_span(title: str, url: str | None = None) -> tuple[int, int]:
    """The start and end of a page title's headline: without the site's name before or after it, which names the
    outlet's town, not the story's."""
    host_label = _host_label(url)
    cuts = [(0, 0), *((m.start(), m.end()) for m in _TITLE_SEPARATOR.finditer(title)), (len(title), len(title))]
    segments = [(cuts[i][1], cuts[i + 1][0]) for i in range(len(cuts) - 1)]
    segments = [(s, e) for s, e in segments if title[s:e].strip()]

    def masthead(segment: tuple[int, int]) -> bool:
        words = title[segment[0]:segment[1]]
        return bool(_MASTHEAD.search(words)) or (host_label is not None and _squeezed(words) == host_label)

    first, last = 0, len(segments) - 1
    while first < last and masthead(segments[first]):
        first += 1
    while last > first and (masthead(segments[last]) or (
            masthead(segments[last - 1]) and last - 1 > first
            and _TOWN_AND_STATE.fullmatch(title[segments[last][0]:segments[last][1]].strip()))):
        last -= 1
    if not segments:
        return 0, 0
    start, end = segments[first][0], segments[last][1]
    text = title[start:end]
    return start + len(text) - len(text.lstrip()), start + len(text.rstrip())


def _host_label(url: str | None) -> str | None:
    """The site's name in its address, squeezed: "doingitlocal" of doingitlocal.com."""
    host = host_of(url)
    return _squeezed(host.rsplit(".", 1)[0].rsplit(".", 1)[-1]) if host else None


def _squeezed(words: str) -> str:
    return re.sub(r"[^a-z0-9]", "", words.lower())
