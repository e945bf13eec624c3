"""`sitrep`: the command line, a thin layer over the library (`sitrep.api`)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__, api, export, ingest
from .evaluation import gate as floors_gate
from .evaluation import report
from .evaluation.convert import CONVERTERS, ConversionError
from .evaluation.datasets import DATASETS, DataError
from .evaluation.harness import Evaluation, evaluate
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

    evaluate = commands.add_parser("eval", help="score sitrep on a gold set",
                                   description="Run sitrep over DIR/articles.jsonl and score it against "
                                               "DIR/gold.jsonl with the scorer of DATASET.")
    evaluate.add_argument("dataset", choices=DATASETS, metavar="DATASET", help=", ".join(DATASETS))
    evaluate.add_argument("--data", required=True, metavar="DIR", help="folder with articles.jsonl and gold.jsonl")
    evaluate.add_argument("--pred", metavar="FILE", help="score this JSONL of records instead of running sitrep")
    evaluate.add_argument("--json", metavar="OUT", help="write every metric with its n to this JSON file")
    evaluate.add_argument("--report", metavar="OUT.md", help="write the error analysis to this Markdown file")
    evaluate.add_argument("--worst", type=int, default=20, metavar="N", help="articles in the report (default 20)")
    evaluate.set_defaults(run=run_eval)

    gate = commands.add_parser("gate", help="score every pinned development set against its floors (CI)",
                               description="Evaluate each set of the floors file on its folder under DEV and "
                                           "fail when a metric falls below its floor by more than the margin.")
    gate.add_argument("dev", metavar="DEV", help="folder holding the sets, e.g. ../shared/dev")
    gate.add_argument("--floors", default="eval/floors.yaml", help="pinned floors (default eval/floors.yaml)")
    gate.add_argument("--anchors", default="eval/anchors.yaml", help="baselines and published figures for --readme")
    gate.add_argument("--only", action="append", metavar="SET", help="evaluate only this set (repeatable)")
    gate.add_argument("--update", action="store_true", help="raise the floors to what was measured")
    gate.add_argument("--allow-lower", action="store_true", help="with --update: also lower floors, re-pin data")
    gate.add_argument("--readme", metavar="FILE", help="rewrite the evaluation table of this README")
    gate.add_argument("--reports", metavar="DIR", help="write each set's Markdown error report here")
    gate.set_defaults(run=run_gate)

    convert = commands.add_parser("convert", help="turn a published gold corpus into an eval folder",
                                  description="Write DIR/articles.jsonl, DIR/gold.jsonl and DIR/SOURCE.md from a "
                                              "corpus in the format it is published in.")
    convert.add_argument("source_format", choices=CONVERTERS, metavar="FORMAT", help=", ".join(CONVERTERS))
    convert.add_argument("source", metavar="FILE", help="the published file (GTD CSV export, GWN.xml, lgl.xml)")
    convert.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    convert.set_defaults(run=run_convert)
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
                mentions = api.places(article.text, title=article.title, url=article.url, article_id=article.id)
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


def _commit() -> str:
    """The checkout's commit, marked -dirty when the tree has uncommitted changes; "unknown" outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                                text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + ("-dirty" if status.stdout.strip() else "")


def _report_errors(evaluation: Evaluation) -> None:
    for error in evaluation.errors:
        print(f"sitrep: error: {error}", file=sys.stderr)


def run_eval(args: argparse.Namespace) -> int:
    try:
        evaluation = evaluate(args.dataset, args.data, predictions=args.pred)
    except DataError as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return 2
    _report_errors(evaluation)
    Console(width=160).print(report.metrics_table(evaluation))
    print(report.summary_line(evaluation.scores))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "dataset": args.dataset, "data": str(args.data), "data_sha256": evaluation.data_hash,
            "pred": args.pred, "counts": evaluation.scores.counts, "errors": evaluation.errors,
            "metrics": evaluation.scores.as_dict()}, indent=1), encoding="utf-8")
    if args.report:
        Path(args.report).write_text(report.markdown_report(evaluation, worst=args.worst, commit=_commit(),
                                                            date=dt.date.today().isoformat()), encoding="utf-8")
    return 1 if evaluation.errors else 0


def run_convert(args: argparse.Namespace) -> int:
    try:
        summary = CONVERTERS[args.source_format](args.source, args.out)
    except ConversionError as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return 2
    print(summary.describe())
    return 0


def run_gate(args: argparse.Namespace) -> int:
    try:
        floors = floors_gate.load_floors(Path(args.floors))
        sets = args.only or list(floors["sets"])
        unknown = [name for name in sets if name not in floors["sets"]]
        if unknown:
            raise floors_gate.GateError(f"{args.floors} pins no set named {', '.join(unknown)}")
        console = Console(stderr=True)
        results, verdicts, changes = [], [], []
        for name in sets:
            with console.status(f"evaluating {name}"):
                evaluation = evaluate(floors["sets"][name]["dataset"], Path(args.dev) / name)
            _report_errors(evaluation)
            print(f"{name} ({evaluation.seconds:.1f} s) {report.summary_line(evaluation.scores)}")
            results.append((name, evaluation))
            if args.update:
                changes += floors_gate.update(floors, name, evaluation, allow_lower=args.allow_lower)
            verdicts += floors_gate.judge(floors, name, evaluation)
            if args.reports:
                Path(args.reports).mkdir(parents=True, exist_ok=True)
                Path(args.reports, f"{name}.md").write_text(report.markdown_report(
                    evaluation, commit=_commit(), date=dt.date.today().isoformat()), encoding="utf-8")
    except (floors_gate.GateError, DataError) as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return 2
    if args.update:
        floors_gate.save_floors(Path(args.floors), floors)
        print("\n".join(changes) or "floors unchanged")
    if args.readme:
        anchors = floors_gate.load_anchors(Path(args.anchors))
        command = f"sitrep gate {args.dev} --readme {args.readme}"
        section = report.readme_section(results, floors, anchors, commit=_commit(),
                                        date=dt.date.today().isoformat(), command=command)
        readme = Path(args.readme)
        readme.write_text(report.replace_readme_section(readme.read_text(encoding="utf-8"), section),
                          encoding="utf-8")
    failed = [v for v in verdicts if not v.passed]
    for verdict in failed:
        print(f"FAIL {verdict.set_name} {verdict.metric}: {report.fmt(verdict.measured)} {verdict.why}",
              file=sys.stderr)
    print(f"gate: {len(verdicts) - len(failed)} of {len(verdicts)} floors held over {len(results)} set(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
