"""Converters from the formats gold corpora are published in to the folder layout `sitrep eval` reads.

Each converter writes `articles.jsonl` (sitrep's input records), `gold.jsonl` (one line per article, same order,
in the shape the set's scorer reads: the shape of `../shared/dev/gtd_dev` and `../shared/dev/geowebnews`) and a
short `SOURCE.md`, and returns a `ConversionSummary`. Ids are derived from the corpus's own ids, so converting the
same file twice gives the same folder.

- `convert_gtd_csv`: the Global Terrorism Database CSV export. The article is the coder's `summary`.
- `convert_geowebnews_xml`: GeoWebNews `GWN.xml` (Gritta et al. 2020).
- `convert_lgl_xml`: LGL (Lieberman et al. 2010) as `lgl.xml` in Gritta's repository.

Input that cannot be converted (a missing file, a file that is not XML, a CSV without a required column) raises
`ConversionError` naming the file and what is wrong. Rows that cannot become an article (no summary, no text, a
repeated id) are skipped and counted by reason; gold offsets whose span differs from the annotated name are kept as
given and counted.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pycountry
from lxml import etree

from .common import ARTICLES_FILE, GOLD_FILE, as_float, as_int

SOURCE_FILE = "SOURCE.md"

GTD_REQUIRED_COLUMNS = ("eventid", "iyear", "imonth", "iday", "country_txt", "summary")
GTD_PLACE_COLUMNS = ("provstate", "city")
GTD_CODED_COLUMNS = ("attacktype1_txt", "weaptype1_txt", "targtype1_txt", "target1", "gname")
GTD_COUNT_COLUMNS = ("nkill", "nwound", "nkillter")
GTD_OPTIONAL_COLUMNS = (*GTD_PLACE_COLUMNS, "latitude", "longitude", *GTD_CODED_COLUMNS, *GTD_COUNT_COLUMNS)
# GTD's country names that pycountry does not know, to the ISO 3166 alpha-3 code of the state the place lies in
# today. Kosovo has no ISO code; XKX is the one the EU, the IMF and GeoNames use. States that split into several
# (Soviet Union, Yugoslavia, Czechoslovakia, Serbia-Montenegro) and "International" get no code.
GTD_COUNTRY_ISO3 = {
    "Bosnia-Herzegovina": "BIH",
    "Brunei": "BRN",
    "Democratic Republic of the Congo": "COD",
    "East Germany (GDR)": "DEU",
    "East Timor": "TLS",
    "Falkland Islands": "FLK",
    "Ivory Coast": "CIV",
    "Kosovo": "XKX",
    "Macau": "MAC",
    "Macedonia": "MKD",
    "New Hebrides": "VUT",
    "North Yemen": "YEM",
    "People's Republic of the Congo": "COG",
    "Rhodesia": "ZWE",
    "Russia": "RUS",
    "South Vietnam": "VNM",
    "South Yemen": "YEM",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "Swaziland": "SWZ",
    "Turkey": "TUR",
    "Vatican City": "VAT",
    "West Bank and Gaza Strip": "PSE",
    "West Germany (FRG)": "DEU",
    "Zaire": "COD",
}
GTD_NO_ISO3 = frozenset({"Czechoslovakia", "International", "Serbia-Montenegro", "Soviet Union", "Yugoslavia"})
_ISO_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")
# XML from the web: never fetch or expand external entities.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class ConversionError(ValueError):
    """A source file that cannot be converted; the message names the file and what is wrong."""


@dataclass
class ConversionSummary:
    """What one conversion wrote and what it left out."""

    dataset: str
    source: Path
    out_dir: Path
    articles: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> source rows or articles left out
    counts: Counter = field(default_factory=Counter)  # facts about the gold written (toponyms, offset mismatches)
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for the command line."""
        parts = [f"{self.dataset}: {self.articles} articles written to {self.out_dir}"]
        parts += [f"{n} skipped ({reason})" for reason, n in sorted(self.skipped.items())]
        parts += [f"{what}: {n}" for what, n in sorted(self.counts.items())]
        return "; ".join(parts)


# ----------------------------------------------------------------------------------------------- GTD

def convert_gtd_csv(csv_path: str | Path, out_dir: str | Path, *, limit: int | None = None) -> ConversionSummary:
    """The GTD CSV export to one article per coded event (`gtd-<eventid>`), gold in `score_gtd`'s shape.

    The file may be UTF-8 or cp1252/latin-1 (GTD has shipped both). `limit` caps the number of articles written.
    Gold fields: `id`, `eventid`, `date` (ISO when year, month and day are known, else null), `iyear`, `imonth`,
    `iday` (0, GTD's unknown, becomes null), `country_txt`, `iso3`, `provstate`, `city`, `latitude`,
    `longitude`, `attacktype1_txt`, `weaptype1_txt`, `targtype1_txt`, `target1`, `gname`, `nkill`, `nwound`,
    `nkillter` (blank or negative, GTD's unknown, becomes null). Optional columns the file lacks give null fields.
    """
    csv_path, out_dir = Path(csv_path), Path(out_dir)
    _require_file(csv_path)
    summary = ConversionSummary("gtd", csv_path, out_dir)
    encoding = _csv_encoding(csv_path)
    articles, gold = [], []
    seen_ids: set[str] = set()
    no_iso3: Counter = Counter()
    with csv_path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = columns
        _check_gtd_columns(csv_path, columns)
        absent = [name for name in GTD_OPTIONAL_COLUMNS if name not in columns]
        if absent:
            summary.warnings.append(f"column(s) {', '.join(absent)} absent: those gold fields are null")
        for row in reader:
            if limit is not None and len(articles) >= limit:
                break
            eventid = (row.get("eventid") or "").strip()
            text = row.get("summary") or ""
            if not eventid:
                summary.skipped["no eventid"] += 1
                continue
            if not text.strip():
                summary.skipped["no summary"] += 1
                continue
            article_id = f"gtd-{eventid}"
            if article_id in seen_ids:
                summary.skipped["repeated eventid"] += 1
                continue
            seen_ids.add(article_id)
            record = _gtd_gold(article_id, eventid, row)
            if record["iso3"] is None:
                no_iso3[record["country_txt"]] += 1
            article = {"id": article_id, "text": text}
            if record["date"]:
                article["published"] = record["date"]
            articles.append(article)
            gold.append(record)
    summary.articles = len(articles)
    summary.counts["nkill known"] = sum(record["nkill"] is not None for record in gold)
    summary.counts["full date"] = sum(record["date"] is not None for record in gold)
    summary.warnings += [f"no ISO3 code for country_txt {name!r} ({n} rows)" for name, n in sorted(no_iso3.items())]
    _write_folder(summary, articles, gold, [
        f"Text encoding read: {encoding}.",
        "`text` is the GTD `summary` exactly as coded; `published` is the event date where GTD gives year, month "
        "and day (relative dates in the summary resolve against it).",
        "Gold fields: `id`, `eventid`, `date`, `iyear`/`imonth`/`iday` (0 = unknown -> null), `country_txt`, "
        "`iso3`, `provstate`, `city`, `latitude`, `longitude`, `attacktype1_txt`, `weaptype1_txt`, "
        "`targtype1_txt`, `target1`, `gname`, `nkill`, `nwound`, `nkillter` (blank or negative = unknown -> null).",
        "Score: `sitrep eval gtd --data <this folder>`.",
    ])
    return summary


def gtd_iso3(country_txt: str | None) -> str | None:
    """The ISO 3166 alpha-3 code of a GTD `country_txt`, or None where none fits (see GTD_COUNTRY_ISO3)."""
    if not country_txt:
        return None
    return _gtd_iso3(country_txt.strip())


@functools.cache
def _gtd_iso3(name: str) -> str | None:
    if name in GTD_COUNTRY_ISO3:
        return GTD_COUNTRY_ISO3[name]
    if name in GTD_NO_ISO3:
        return None
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def _check_gtd_columns(path: Path, columns: list[str]) -> None:
    if not columns:
        raise ConversionError(f"{path}: empty file; expected a GTD CSV export with a header row")
    missing = [name for name in GTD_REQUIRED_COLUMNS if name not in columns]
    if missing:
        shown = ", ".join(columns[:8]) + (", ..." if len(columns) > 8 else "")
        raise ConversionError(f"{path}: not a GTD CSV export: missing column(s) {', '.join(missing)} "
                              f"(its header has: {shown})")


def _gtd_gold(article_id: str, eventid: str, row: dict[str, str | None]) -> dict[str, Any]:
    year, month, day = (_gtd_number(row.get(name)) for name in ("iyear", "imonth", "iday"))
    country = _blank_to_none(row.get("country_txt"))
    record: dict[str, Any] = {
        "id": article_id,
        "eventid": eventid,
        "date": _iso_date(year, month or None, day or None),
        "iyear": year,
        "imonth": month or None,
        "iday": day or None,
        "country_txt": country,
        "iso3": gtd_iso3(country),
    }
    for name in GTD_PLACE_COLUMNS:
        record[name] = _blank_to_none(row.get(name))
    record["latitude"] = as_float(row.get("latitude"))
    record["longitude"] = as_float(row.get("longitude"))
    for name in GTD_CODED_COLUMNS:
        record[name] = _blank_to_none(row.get(name))
    for name in GTD_COUNT_COLUMNS:
        count = _gtd_number(row.get(name))
        record[name] = count if count is not None and count >= 0 else None
    return record


def _gtd_number(value: str | None) -> int | None:
    # copies of GTD saved through a data frame write whole numbers as "2.0"
    number = as_float(value)
    return int(number) if number is not None and number.is_integer() else None


def _iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _csv_encoding(path: Path) -> str:
    """utf-8-sig when the whole file decodes as UTF-8 (with or without Excel's BOM), else cp1252, else latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"  # decodes any byte; cp1252 fails only on its five undefined bytes


# ----------------------------------------------------------------------------------------------- GeoWebNews

def convert_geowebnews_xml(xml_path: str | Path, out_dir: str | Path) -> ConversionSummary:
    """GeoWebNews `GWN.xml` to articles `gwn-NNN` (the article's `file` number) with every annotated toponym.

    Gold toponyms, sorted by offsets: `start`, `end`, `text` (the article's text[start:end]; the annotated name
    where the offsets fall outside the text), `name` (the normalised name, else the annotated one), `lat`, `lon`,
    `geonameid`, `feature_code`, `country`, `type`, `modifier_type`, `non_locational`. Both the published layout
    (`extractedName`, `normalisedName`, `geonamesID`, `latitude`, `longitude`, `modifierType`, `nonLocational`
    children) and a gazetteer-tag layout (`<gaztag geonameid><lat><lon><name><fcode><country>`, attributes for the
    modifier type and non-locational flag) are read; absent elements give null fields.
    """
    return _convert_toponym_xml(
        ConversionSummary("geowebnews", Path(xml_path), Path(out_dir)),
        lambda element, position: "gwn-" + _padded(element.get("file") or element.get("id") or str(position)),
        lambda element: {"title": _child_text(element, "title"), "url": _child_text(element, "link", "url")},
        _gwn_toponym, [
            "Gold: `id`, `toponyms`: list of `{start, end, text, name, lat, lon, geonameid, feature_code, country, "
            "type, modifier_type, non_locational}`; offsets are Python string indices into the article `text`, "
            "kept as given even where text[start:end] differs from the annotated name (counted above).",
            "Score: `sitrep eval gwn --data <this folder>` (only the 8 GWN types that name a place count).",
        ])


def _gwn_toponym(node: etree._Element, text: str, summary: ConversionSummary) -> dict[str, Any] | None:
    span = _span(node, text, summary, _child_text(node, "extractedName"))
    if span is None:
        return None
    return {
        **span,
        "name": _child_text(node, "normalisedName", "gaztag/name", "extractedName") or span["text"],
        "lat": as_float(_child_text(node, "latitude", "gaztag/lat")),
        "lon": as_float(_child_text(node, "longitude", "gaztag/lon")),
        "geonameid": as_int(_child_text(node, "geonamesID") or _gaztag_geonameid(node)),
        "feature_code": _child_text(node, "gaztag/fcode"),
        "country": _child_text(node, "gaztag/country"),
        "type": _child_text(node, "type"),
        "modifier_type": (_child_text(node, "modifierType", "modifier_type")
                          or _blank_to_none(node.get("modifier_type"))),
        "non_locational": _yes(_child_text(node, "nonLocational") or node.get("nonLocational")),
    }


def _padded(key: str) -> str:
    # three digits, as ../shared/dev/geowebnews writes them, so converted ids are the dev set's ids
    return f"{int(key):03d}" if key.isdigit() else key


def _yes(value: str | None) -> bool:
    return (value or "").strip().lower() in {"yes", "true", "1"}


# ----------------------------------------------------------------------------------------------- LGL

def convert_lgl_xml(xml_path: str | Path, out_dir: str | Path) -> ConversionSummary:
    """LGL `lgl.xml` to articles `lgl-<docid>` with their toponyms, gold in `score_places --dataset lgl`'s shape.

    Articles carry `title`, `url`, `source` (the feed's domain) and `published` (the date of `dltime`, when the
    feed was read: the nearest thing LGL has to a publication date). Gold toponyms, sorted by offsets: `start`,
    `end`, `text` (text[start:end]; the annotated phrase where the offsets fall outside the text), `name`, `lat`,
    `lon`, `geonameid`, `feature_code`, `country`, `admin1` from the `gaztag` (null without one), and `type`
    (always null: LGL does not type its toponyms).
    """
    return _convert_toponym_xml(
        ConversionSummary("lgl", Path(xml_path), Path(out_dir)),
        lambda element, position: f"lgl-{element.get('docid') or position}",
        _lgl_article_fields, _lgl_toponym, [
            "Gold: `id`, `toponyms`: list of `{start, end, text, name, lat, lon, geonameid, feature_code, country, "
            "admin1, type}` (type null: LGL has none); toponyms without a gazetteer tag keep null coordinates.",
            "`published` is the date of `dltime`, when the news feed was read.",
            "Score: `sitrep eval lgl --data <this folder>` (every annotated span counts).",
        ])


def _lgl_article_fields(element: etree._Element) -> dict[str, Any]:
    downloaded = _child_text(element, "dltime") or ""
    return {"title": _child_text(element, "title"),
            "published": downloaded[:10] if _ISO_DATE_PREFIX.match(downloaded) else None,
            "source": _child_text(element, "domain"), "url": _child_text(element, "url")}


def _lgl_toponym(node: etree._Element, text: str, summary: ConversionSummary) -> dict[str, Any] | None:
    phrase = _child_text(node, "phrase")
    span = _span(node, text, summary, phrase)
    if span is None:
        return None
    return {
        **span,
        "name": _child_text(node, "gaztag/name") or phrase or span["text"],
        "lat": as_float(_child_text(node, "gaztag/lat")),
        "lon": as_float(_child_text(node, "gaztag/lon")),
        "geonameid": as_int(_gaztag_geonameid(node)),
        "feature_code": _child_text(node, "gaztag/fcode"),
        "country": _child_text(node, "gaztag/country"),
        "admin1": _child_text(node, "gaztag/admin1"),
        "type": None,
    }


# ----------------------------------------------------------------------------------------------- shared

def _convert_toponym_xml(summary: ConversionSummary, article_id_of, article_fields, toponym_of,
                         notes: list[str]) -> ConversionSummary:
    """What the geoparsing corpora's XML share: one `<article>` with `<text>` and `<toponyms>` each, to one article
    and one gold line each; the corpus-specific parts are the id, the article's other fields and a toponym."""
    articles, gold = [], []
    seen_ids: set[str] = set()
    for position, element in enumerate(_article_elements(summary.source)):
        article_id = article_id_of(element, position)
        text = element.findtext("text")
        if not _new_article(summary, article_id, text, seen_ids):
            continue
        fields = article_fields(element)
        articles.append(_optional_fields({"id": article_id, "title": fields.pop("title", None), "text": text,
                                          **fields}))
        toponyms = [toponym for node in element.iterfind("toponyms/toponym")
                    if (toponym := toponym_of(node, text, summary)) is not None]
        gold.append({"id": article_id, "toponyms": _by_offsets(toponyms)})
    summary.articles = len(articles)
    _count_toponyms(summary, gold)
    _write_folder(summary, articles, gold, notes)
    return summary


def _require_file(path: Path) -> None:
    if not path.exists():
        raise ConversionError(f"{path}: no such file")
    if not path.is_file():
        raise ConversionError(f"{path}: not a file")


def _article_elements(path: Path) -> Iterable[etree._Element]:
    _require_file(path)
    try:
        root = etree.parse(str(path), _XML_PARSER).getroot()
    except etree.XMLSyntaxError as error:
        raise ConversionError(f"{path}: not well-formed XML ({error})") from None
    if root.tag != "articles":
        raise ConversionError(f"{path}: expected an <articles> root element, found <{root.tag}>")
    return root.iterfind("article")


def _new_article(summary: ConversionSummary, article_id: str, text: str | None, seen_ids: set[str]) -> bool:
    if not (text or "").strip():
        summary.skipped["no text"] += 1
        return False
    if article_id in seen_ids:
        summary.skipped["repeated id"] += 1
        return False
    seen_ids.add(article_id)
    return True


def _span(node: etree._Element, text: str, summary: ConversionSummary, annotated: str | None) -> dict | None:
    """A toponym's `start`, `end` and the `text` they cover, or None (counted) when it has no usable offsets."""
    start, end = as_int(_child_text(node, "start")), as_int(_child_text(node, "end"))
    if start is None or end is None:
        summary.skipped["toponym without offsets"] += 1
        return None
    inside = 0 <= start < end <= len(text)
    span_text = text[start:end] if inside else (annotated or "")
    if not inside or (annotated is not None and span_text != annotated):
        summary.counts["offset mismatches (text[start:end] is not the annotated name)"] += 1
    return {"start": start, "end": end, "text": span_text}


def _gaztag_geonameid(node: etree._Element) -> str | None:
    gaztag = node.find("gaztag")
    return gaztag.get("geonameid") if gaztag is not None else None


def _by_offsets(toponyms: list[dict]) -> list[dict]:
    return sorted(toponyms, key=lambda toponym: (toponym["start"], toponym["end"]))


def _count_toponyms(summary: ConversionSummary, gold: list[dict]) -> None:
    toponyms = [toponym for row in gold for toponym in row["toponyms"]]
    summary.counts["toponyms"] = len(toponyms)
    summary.counts["toponyms with coordinates"] = sum(
        toponym["lat"] is not None and toponym["lon"] is not None for toponym in toponyms)


def _child_text(element: etree._Element, *paths: str) -> str | None:
    """The stripped text of the first of `paths` under `element` that has some."""
    for path in paths:
        value = _blank_to_none(element.findtext(path))
        if value is not None:
            return value
    return None


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _optional_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


def _write_folder(summary: ConversionSummary, articles: list[dict], gold: list[dict], notes: list[str]) -> None:
    if summary.out_dir.exists() and not summary.out_dir.is_dir():
        raise ConversionError(f"{summary.out_dir}: exists and is not a folder")
    summary.out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in ((ARTICLES_FILE, articles), (GOLD_FILE, gold)):
        with (summary.out_dir / name).open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (summary.out_dir / SOURCE_FILE).write_text(_source_markdown(summary, notes), encoding="utf-8")


def _source_markdown(summary: ConversionSummary, notes: list[str]) -> str:
    digest = hashlib.sha256(summary.source.read_bytes()).hexdigest()
    lines = [
        f"# {summary.dataset}: converted by `sitrep.evaluation.convert`",
        "",
        f"- Source: `{summary.source.name}` (sha256 `{digest}`).",
        f"- `{ARTICLES_FILE}`: {summary.articles} articles; `{GOLD_FILE}`: one line per article, same order.",
    ]
    lines += [f"- Skipped: {n} ({reason})." for reason, n in sorted(summary.skipped.items())]
    lines += [f"- {what}: {n}." for what, n in sorted(summary.counts.items())]
    lines += [f"- Warning: {warning}." for warning in summary.warnings]
    return "\n".join(lines) + "\n\n" + "\n\n".join(notes) + "\n"


CONVERTERS = {"gtd-csv": convert_gtd_csv, "geowebnews-xml": convert_geowebnews_xml, "lgl-xml": convert_lgl_xml}
