"""The typed data model every stage shares: the article in, the document the stages extend, the records out.

Field names of `Event` and `PlaceMention` follow ../shared/SCHEMA.md (and so ACLED's export); extra fields are
sitrep's own. All offsets are Python string indices into `Article.text` (end exclusive), except evidence whose
`part` is "title", which index `Article.title`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Part = Literal["text", "title"]


class Article(BaseModel):
    """One input article, as SCHEMA.md's input record (HTML already reduced to text by `ingest`)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None


class Evidence(BaseModel):
    """Where a field's value came from: the sentence and the exact characters."""

    field: str
    sentence: int
    start: int
    end: int
    text: str
    # "published": the value came from the article's publication date, not from its words (start = end = 0).
    part: Literal["text", "title", "published"] = "text"


class Attribution(BaseModel):
    claimant: str | None = None
    blamed: str | None = None
    kind: Literal["accusation", "claim of responsibility", "denial"]
    text: str


class Event(BaseModel):
    """One event record, the contract of SCHEMA.md."""

    event_id: str
    article_id: str
    event_date: dt.date | None = None
    time_precision: Literal[1, 2, 3] | None = None
    date_text: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: Literal[1, 2, 3] | None = None
    geonameid: int | None = None
    fatalities: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    injuries_high: int | None = None
    weapons: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    perpetrators: list[str] = Field(default_factory=list)
    victims: list[str] = Field(default_factory=list)
    is_background: bool = False
    attributions: list[Attribution] = Field(default_factory=list)
    notes: str = ""
    confidence: float = 0.5
    sources: list[str] = Field(default_factory=list)
    source: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    unfilled: dict[str, str] = Field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> "Event":
        return cls.model_validate(record)


class PlaceMention(BaseModel):
    """One toponym mention (SCHEMA.md's place-mention record), resolved or with the reason it is not."""

    article_id: str = ""
    start: int
    end: int
    text: str
    field: Part = "text"
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    score: float = 0.0
    geo_precision: Literal[1, 2, 3] | None = None
    is_demonym: bool = False
    is_metonym: bool = False
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Mention(BaseModel):
    """A span the recogniser found: an actor, weapon, trigger, casualty noun, time expression or a named entity.

    `label` says which; `attrs` carries what the knowledge entry says about it (canonical name, inter code,
    event type ...), so later stages read facts from the mention instead of re-looking them up.
    """

    start: int
    end: int
    text: str
    label: str
    sentence: int
    part: Part = "text"
    attrs: dict[str, Any] = Field(default_factory=dict)


class Sentence(BaseModel):
    index: int
    start: int
    end: int
    text: str
    part: Part = "text"
    # (start, end) of each token, offsets into the part's text, as the segmenter tokenized it (empty: not kept).
    tokens: list[tuple[int, int]] = Field(default_factory=list, repr=False)


class TimeExpression(BaseModel):
    """A date phrase and what it resolves to; `date` is None when there is no anchor to resolve it against."""

    start: int
    end: int
    text: str
    sentence: int
    part: Part = "text"
    date: dt.date | None = None
    precision: Literal[1, 2, 3] | None = None
    is_past_context: bool = False


@dataclass
class Document:
    """The one document model the pipeline stages read and extend (the role of spaCy's Doc).

    Each stage fills the attributes its registration says it assigns; nothing else writes them.
    """

    article: Article
    furniture: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    anchor: dt.date | None = None
    frames: list[Any] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def part_text(self, part: Part) -> str:
        return (self.article.title or "") if part == "title" else self.article.text

    def sentence_of(self, sentence: int, part: Part = "text") -> Sentence | None:
        for s in self.sentences:
            if s.index == sentence and s.part == part:
                return s
        return None


def stable_id(*parts: object) -> str:
    """A short id that depends only on its inputs, so the same article gives the same ids on every run."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:16]
