"""`sitrep`: the command line, a thin layer over the library (`sitrep.api`)."""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from typing import IO, Iterator

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__, api, export, ingest
from .mentions import use_spacy_model
from .pipeline import Pipeline, PipelineError


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PipelineError as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="News about political violence in, ACLED-style "
                                                                 "event records out.")
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract events from articles")
    _input_arguments(extract)
    extract.add_argument("--format", choices=export.FORMATS, default="table", help="output format (default table)")
    extract.add_argument("--ner", metavar="MODEL", help="a trained spaCy pipeline (name or path) whose named "
                                                        "entities join the built-in recogniser's")
    extract.set_defaults(run=run_extract)

    places = commands.add_parser("places", help="list and resolve the place names of articles")
    _input_arguments(places)
    places.add_argument("--format", choices=("table", "jsonl"), default="table")
    places.set_defaults(run=run_places)
    return parser


def _input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt (first line = title), .html, .jsonl, a directory, or - for standard input")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--max-bytes", type=int, default=10_000_000, help="largest input file (default 10 MB)")


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle


class Batch:
    """Reads the inputs, reports each bad one in one line on stderr, shows progress on a terminal, and sums up
    at the end."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.errors = 0
        self.articles = 0
        self.empty: list[str] = []
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())
        self.task = self.progress.add_task("reading", total=None)

    def articles_in(self):
        with self.progress:
            for item in ingest.read_inputs(self.args.inputs, max_bytes=self.args.max_bytes, stdin=sys.stdin.buffer):
                if isinstance(item, ingest.InputError):
                    self.fail(str(item))
                else:
                    self.articles += 1
                    self.progress.update(self.task, description=f"{self.articles} article(s): {item.id}")
                    yield item

    def fail(self, message: str) -> None:
        self.errors += 1
        self.progress.console.print(f"sitrep: error: {message}", markup=False, highlight=False, soft_wrap=True)

    def finish(self, what: str, count: int) -> int:
        summary = f"sitrep: {self.articles} article(s) read, {count} {what} written, {self.errors} error(s)"
        if self.empty:
            named = ", ".join(self.empty[:5]) + (f" and {len(self.empty) - 5} more" if len(self.empty) > 5 else "")
            summary += f"; nothing found in {len(self.empty)} article(s): {named}"
        print(summary, file=sys.stderr)
        return 1 if self.errors else 0


def run_extract(args: argparse.Namespace) -> int:
    replace = {"mentions": use_spacy_model(args.ner)} if args.ner else None
    pipeline = Pipeline(replace=replace) if replace else None
    batch = Batch(args)
    written = 0
    with _output(args.output) as out:
        writer = export.WRITERS[args.format](out)
        for article, result in api.extract_articles(batch.articles_in(), pipeline=pipeline, max_chars=args.max_bytes):
            if isinstance(result, api.ArticleError):
                batch.fail(str(result))
                continue
            written += len(result)
            if not result:
                batch.empty.append(article.id)
            writer.write(article.title or article.id, result)
        writer.close()
    return batch.finish("event(s)", written)


def run_places(args: argparse.Namespace) -> int:
    batch = Batch(args)
    written = 0
    with _output(args.output) as out:
        for article in batch.articles_in():
            try:
                mentions = api.places(article.text, title=article.title, article_id=article.id)
            except api.ArticleError as error:
                batch.fail(str(error))
                continue
            written += len(mentions)
            if not mentions:
                batch.empty.append(article.id)
            if args.format == "jsonl":
                export.write_places_jsonl(mentions, out)
            else:
                Console(file=out, width=160).print(export.places_table(mentions, article.title or article.id))
    return batch.finish("place mention(s)", written)


if __name__ == "__main__":
    sys.exit(main())
