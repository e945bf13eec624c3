"""Writing events: JSON Lines and JSON (SCHEMA.md records), CSV (ACLED's 31 columns, then sitrep's), a table."""
from __future__ import annotations

import csv
import functools
import json
from typing import IO, Iterable

import pycountry
from rich.console import Console
from rich.table import Table

from .knowledge import load_yaml
from .model import Event, PlaceMention

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = (
    "event_id", "article_id", "fatalities_high", "injuries", "injuries_high", "iso3", "geonameid", "date_text",
    "plover_type", "plover_mode", "weapons", "targets", "perpetrators", "victims", "is_background", "attributions",
    "confidence", "sources",
)
class JsonlWriter:
    """One SCHEMA.md record a line, written as each article is done (a batch of any size streams)."""

    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, title: str, events: Iterable[Event]) -> None:
        for event in events:
            self.out.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """One JSON array of all the records, written at the end."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.records: list[dict] = []

    def write(self, title: str, events: Iterable[Event]) -> None:
        self.records.extend(e.to_record() for e in events)

    def close(self) -> None:
        json.dump(self.records, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


class CsvWriter:
    """ACLED's export columns in ACLED's order and spelling, then sitrep's own; lists joined with "; "."""

    def __init__(self, out: IO[str]):
        self.writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, title: str, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(acled_row(event))

    def close(self) -> None:
        pass


class TableWriter:
    """A table per article for people, with each event's notes sentence under it."""

    def __init__(self, out: IO[str]):
        self.console = Console(file=out, width=160)

    def write(self, title: str, events: Iterable[Event]) -> None:
        events = list(events)
        if not events:
            self.console.print(f"{title}: no event found (no act of political violence, protest or agreement "
                               "that the lexicon knows is told as having happened)", markup=False)
            return
        self.console.print(events_table(events, title))
        for e in events:
            self.console.print(f"  [dim]{e.event_id}[/dim] {e.notes}")

    def close(self) -> None:
        pass


WRITERS = {"table": TableWriter, "jsonl": JsonlWriter, "json": JsonWriter, "csv": CsvWriter}
FORMATS = tuple(WRITERS)


def acled_row(event: Event) -> dict[str, object]:
    record = event.to_record()
    row: dict[str, object] = {k: record.get(k) for k in ACLED_COLUMNS + EXTRA_COLUMNS if k in record}
    row["event_id_cnty"] = f"{event.iso3 or 'XXX'}{event.event_id}"
    row["year"] = event.event_date.year if event.event_date else None
    row["civilian_targeting"] = "Civilian targeting" if event.civilian_targeting else ""
    row["iso"] = numeric_iso(event.iso3)
    row["region"] = acled_region(event.iso3)
    row["source"] = event.source or "; ".join(event.sources)
    row["tags"] = ""
    row["timestamp"] = ""
    for key in ("weapons", "targets", "perpetrators", "victims", "sources"):
        row[key] = "; ".join(record[key])
    row["attributions"] = json.dumps(record["attributions"], ensure_ascii=False) if record["attributions"] else ""
    return row


def numeric_iso(iso3: str | None) -> int | None:
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return int(country.numeric) if country else None


@functools.cache
def _regions() -> dict[str, str]:
    return {iso3: region for region, codes in load_yaml("acled_regions.yaml")["regions"].items() for iso3 in codes}


def acled_region(iso3: str | None) -> str | None:
    return _regions().get(iso3 or "")


def events_table(events: list[Event], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for column in ("date", "prec", "event", "actor1", "location", "killed", "injured", "weapons", "bg"):
        table.add_column(column, overflow="fold")
    for e in events:
        table.add_row(
            str(e.event_date or "?"), str(e.time_precision or ""),
            (e.sub_event_type or e.plover_type or "") + (f" ({e.plover_type})" if e.sub_event_type else ""),
            e.actor1 or "", ", ".join(x for x in (e.location, e.admin1, e.country) if x) or "?",
            _count(e.fatalities, e.fatalities_high), _count(e.injuries, e.injuries_high), ", ".join(e.weapons),
            "yes" if e.is_background else "")
    return table


def _count(low: int | None, high: int | None) -> str:
    if low is None:
        return ""
    return f"{low}-{high}" if high is not None else str(low)


def write_places_jsonl(mentions: Iterable[PlaceMention], out: IO[str]) -> None:
    for mention in mentions:
        out.write(json.dumps(mention.model_dump(mode="json"), ensure_ascii=False) + "\n")


def places_table(mentions: list[PlaceMention], title: str | None = None) -> Table:
    table = Table(title=title)
    for column in ("text", "name", "feature", "admin1", "country", "lat", "lon", "prec", "note"):
        table.add_column(column, overflow="fold")
    for m in mentions:
        note = "demonym" if m.is_demonym else "metonym" if m.is_metonym else (m.reason or "")
        table.add_row(m.text, m.name or "", m.feature_code or "", m.admin1 or "", m.country or "",
                      f"{m.latitude:.4f}" if m.latitude is not None else "",
                      f"{m.longitude:.4f}" if m.longitude is not None else "", str(m.geo_precision or ""), note)
    return table
