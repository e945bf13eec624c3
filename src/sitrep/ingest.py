"""Reading articles: files, directories and stdin in, `Article`s out, an `InputError` for each bad input.

`read_inputs` never raises for bad input; it reports it and goes on with the batch. Inputs follow SCHEMA.md's
input record: JSON Lines (or a .json file of one record or a list), plain .txt (first line the title) and HTML,
which trafilatura reduces to the article's text, title and date. A JSONL record's `text` is kept exactly as given,
because offsets in the output (and in gold data) index it.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import charset_normalizer
import trafilatura

from .model import Article

DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"
STDIN_SOURCE = "<stdin>"
# The article id of a plain-text or HTML article read from stdin, which has no file name to take it from.
STDIN_ID = "stdin"
SUFFIX_KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "json"}

# UTF-32 before UTF-16: the UTF-32 little-endian BOM begins with the UTF-16 one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WESTERN_CODEPAGE = "cp1252"
# Control characters other than whitespace, and the replacement character a lossy decoding leaves.
_NON_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# More than this share of non-text characters and the decoded "text" is a binary file read as some code page.
MAX_NON_TEXT_SHARE = 0.05
_MARKUP_START = re.compile(r"\s*<(?:!doctype|!--|\?xml|[a-z][\w:-]*[\s/>])", re.IGNORECASE)
_DOCUMENT_ROOT = re.compile(r"<html[\s>]|<body[\s>]", re.IGNORECASE)
# HTML whose extracted text has no line of this many words holds menus or link lists, not an article.
MIN_ARTICLE_LINE_WORDS = 4
OPTIONAL_STRING_FIELDS = ("title", "source", "url", "lang")


@dataclass(frozen=True)
class InputError:
    """One bad input: where (`source` path or "<stdin>", `line` for a JSONL record) and what is wrong."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class _Rejected(Exception):
    """Raised inside this module for bad input; `read_inputs` turns it into an `InputError`."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_inputs(
    inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """Articles from each input in order: a file, a directory (recursively, sorted) or "-" for stdin.

    Bad input yields an `InputError` in its place and the batch goes on; nothing here raises for bad input.
    """
    for name in inputs:
        if name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        else:
            yield from _read_path(Path(name), max_bytes)


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Article | InputError]:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as err:
        yield InputError(STDIN_SOURCE, None, f"cannot read: {err.strerror or err}")
        return
    yield from _parse(data, source=STDIN_SOURCE, article_id=STDIN_ID, kind=None, max_bytes=max_bytes)


def _read_path(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    if path.is_dir():
        for item in _directory_files(path):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_file(item, max_bytes)
    elif path.exists():
        yield from _read_file(path, max_bytes)
    else:
        yield InputError(str(path), None, "no such file or directory")


def _directory_files(directory: Path) -> Iterator[Path | InputError]:
    """Readable article files under `directory`, sorted by path; an error for each subdirectory that cannot be listed."""
    unlisted: list[InputError] = []

    def report(err: OSError) -> None:
        unlisted.append(InputError(str(err.filename), None, f"cannot read directory: {err.strerror or err}"))

    files = [
        Path(root) / name
        for root, _, names in os.walk(directory, onerror=report)
        for name in names
        if Path(name).suffix.lower() in SUFFIX_KINDS
    ]
    yield from unlisted
    yield from sorted(files)


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    source = str(path)
    try:
        if path.stat().st_size > max_bytes:
            yield InputError(source, None, _too_large(max_bytes))
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        yield InputError(source, None, f"cannot read: {err.strerror or err}")
        return
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    yield from _parse(data, source=source, article_id=path.name, kind=kind, max_bytes=max_bytes)


def _parse(data: bytes, *, source: str, article_id: str, kind: str | None, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles from one input's bytes; `kind` None means sniff it from the content."""
    try:
        if len(data) > max_bytes:
            raise _Rejected(_too_large(max_bytes))
        text = _decode(data)
        if not text.strip():
            raise _Rejected("empty input")
        kind = kind or _sniff(text)
        if kind == "jsonl":
            yield from _articles_from_jsonl(text, source)
        elif kind == "json":
            yield from _articles_from_json(text, source)
        elif kind == "html":
            yield _article_from_html(text, article_id=article_id)
        else:
            yield _article_from_plain_text(text, article_id=article_id)
    except _Rejected as err:
        yield InputError(source, err.line, err.message)


def _too_large(max_bytes: int) -> str:
    return f"larger than the {_format_size(max_bytes)} limit; raise it with --max-bytes"


def _format_size(size: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:g} {unit}"
    return f"{size} bytes"


def _decode(data: bytes) -> str:
    """Text from bytes: a byte-order mark decides, else UTF-8, else the encoding charset_normalizer detects."""
    if not data:
        raise _Rejected("empty input")
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise _Rejected(f"not valid {codec.removesuffix('-sig').upper()} text ({err.reason} at byte {err.start})")
    # Without a byte-order mark, NUL never occurs in text in any encoding sitrep reads.
    if b"\x00" in data:
        raise _Rejected("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = _decode_legacy(data)
        if text is None:
            raise _Rejected(f"not valid UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start}) and no other encoding fits")
    if len(_NON_TEXT.findall(text)) > MAX_NON_TEXT_SHARE * len(text):
        raise _Rejected("binary file, not text")
    return text


def _decode_legacy(data: bytes) -> str | None:
    """Text in a legacy single- or multi-byte encoding, as charset_normalizer detects it.

    On short Western-European text the detector ranks Central European cp1250 first ("São" read as "Săo"); when
    Windows-1252, the common legacy encoding of news pages, is among its plausible matches, it is taken instead.
    """
    matches = charset_normalizer.from_bytes(data)
    if any(match.encoding == WESTERN_CODEPAGE or WESTERN_CODEPAGE in match.could_be_from_charset for match in matches):
        try:
            return data.decode(WESTERN_CODEPAGE)
        except UnicodeDecodeError:
            pass  # one of the five bytes cp1252 leaves undefined: take the detector's best match
    best = matches.best()
    return None if best is None else str(best)


def _sniff(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "json" if _is_one_json_document(stripped) else "jsonl"
    return "html" if _MARKUP_START.match(text) else "text"


def _is_one_json_document(text: str) -> bool:
    """True for a single JSON value (a pretty-printed record or a list); JSON Lines with 2+ records are not one."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _articles_from_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    # Split on "\n" only: str.splitlines would also split inside a JSON string holding U+2028 or U+0085.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _article_from_record(_load_json(line))
        except _Rejected as err:
            yield InputError(source, number, err.message)


def _articles_from_json(text: str, source: str) -> Iterator[Article | InputError]:
    try:
        document = _load_json(text)
    except _Rejected as err:
        yield InputError(source, err.line, err.message)
        return
    records = document if isinstance(document, list) else [document]
    for position, record in enumerate(records, start=1):
        try:
            yield _article_from_record(record)
        except _Rejected as err:
            where = f"record {position}: " if isinstance(document, list) else ""
            yield InputError(source, None, where + err.message)


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise _Rejected(f"not valid JSON: {err.msg} (column {err.colno})", line=err.lineno)
    except (ValueError, RecursionError) as err:  # an integer too long to convert, nesting too deep
        raise _Rejected(f"not valid JSON: {err}")


def _article_from_record(record: Any) -> Article:
    """An `Article` from one input record of SCHEMA.md (`id`, `text` or `html`, optional `title`, `published` ...)."""
    if not isinstance(record, dict):
        raise _Rejected(f"expected a JSON object, got {_json_type(record)}")
    article_id = record.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not article_id.strip():
        raise _Rejected("record has no 'id' (a non-empty string)")
    fields = {key: _optional_string(record, key) for key in OPTIONAL_STRING_FIELDS}
    published = _parse_published(record.get("published"))
    text, html = _optional_string(record, "text"), _optional_string(record, "html")
    if text is not None and text.strip():
        return Article(id=article_id, text=text, published=published, **fields)
    if html is not None and html.strip():
        extracted = _article_from_html(html, article_id=article_id, url=fields["url"])
        fields["title"] = fields["title"] or extracted.title
        return Article(id=article_id, text=extracted.text, published=published or extracted.published, **fields)
    if text is None and html is None:
        raise _Rejected("record has neither 'text' nor 'html'")
    raise _Rejected("empty text")


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Rejected(f"'{key}' must be a string, got {_json_type(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # json.loads accepts an escaped lone surrogate ("\ud800"); no output could be written with it.
        raise _Rejected(f"'{key}' holds an unpaired surrogate, not text")
    return value


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _parse_published(value: Any) -> dt.date | None:
    """`published` as a date: YYYY-MM-DD or an ISO datetime (its date as written, whatever the time zone)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                return parse(value.strip())
            except ValueError:
                continue
    raise _Rejected(f"'published' is not YYYY-MM-DD or an ISO datetime: {str(value)[:40]!r}")


def _article_from_plain_text(text: str, *, article_id: str) -> Article:
    """The first non-empty line is the title and the rest the text; a single line is text without a title."""
    first, _, rest = text.strip().partition("\n")
    if not rest.strip():
        return Article(id=article_id, text=first.strip())
    return Article(id=article_id, title=first.strip(), text=rest.strip())


def _article_from_html(html: str, *, article_id: str, url: str | None = None) -> Article:
    """The main text, title and date of an HTML page, as trafilatura extracts them."""
    # trafilatura rejects a bare fragment ("<p>...</p>") as not HTML; inside a document root it is read.
    markup = html if _DOCUMENT_ROOT.search(html) else f"<html><body>{html}</body></html>"
    try:
        extracted = trafilatura.bare_extraction(markup, url=url, with_metadata=True)
    except Exception as err:  # noqa: BLE001 - lxml and trafilatura raise many types on hostile markup; report, go on
        raise _Rejected(f"HTML could not be read ({type(err).__name__}: {err})")
    if extracted is None or not extracted.text:
        raise _Rejected("no article text found")
    title = (extracted.title or "").strip() or None
    paragraphs = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    # trafilatura keeps the page's headline as the first paragraph; it is the title, not a sentence of the text.
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not any(len(paragraph.split()) >= MIN_ARTICLE_LINE_WORDS for paragraph in paragraphs):
        raise _Rejected("no article text found")
    return Article(
        id=article_id,
        # One blank line between paragraphs: segmentation ends a sentence at a blank line, not at a single newline.
        text="\n\n".join(paragraphs),
        title=title,
        published=_extracted_date(extracted.date),
        url=url,
    )


def _extracted_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# An archived copy's address leads with the archive's own: "web.archive.org/web/2017.../http://wkrg.com/...".
ARCHIVE_PREFIX = re.compile(r"^(?:https?://)?(?:web\.archive\.org/web/[^/]+/|archive\.(?:today|is|ph)/[^/]+/)",
                            re.IGNORECASE)


def host_of(url: str | None) -> str | None:
    """The host of an article's address, lowercase, without "www." or a port; an archived copy's original host."""
    if not url:
        return None
    address = ARCHIVE_PREFIX.sub("", url.strip())
    if "://" not in address:
        address = "http://" + address
    try:
        host = urlsplit(address).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")
