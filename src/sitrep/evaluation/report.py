"""What an evaluation says, for people: the metrics table on the terminal, and the Markdown error report
(per-field confusion, then the worst articles with prediction, gold and evidence side by side)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from rich.markup import escape
from rich.table import Table

from .common import Check, Scores
from .harness import Evaluation

CONTEXT_CHARS = 80
ARTICLE_EXCERPT_CHARS = 400
CONFUSIONS_PER_METRIC = 10


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def summary_line(scores: Scores) -> str:
    return f"{scores.dataset}: " + " ".join(f"{name}={fmt(scores.value(name))}" for name in scores.summary)


def metrics_table(evaluation: Evaluation) -> Table:
    scores = evaluation.scores
    table = Table(title=f"{scores.dataset} on {evaluation.data_dir}: {len(evaluation.gold)} gold records, "
                        f"{len(evaluation.predictions)} predictions")
    for column, justify in (("metric", "left"), ("value", "right"), ("n", "right"), ("note", "left")):
        table.add_column(column, justify=justify)
    for metric in scores.metrics:
        table.add_row(metric.name, fmt(metric.value), "" if metric.n is None else str(metric.n), escape(metric.note))
    return table


def _cell(value: Any) -> str:
    """A value as one Markdown table cell."""
    if isinstance(value, (list, tuple, set)):
        value = "; ".join(fmt(v) for v in value)
    return fmt(value).replace("|", "\\|").replace("\n", " ")


def _evidence(check: Check, events_by_id: dict[str, dict], article: dict) -> str:
    """The words the prediction came from, with a little of the sentence around them."""
    event = events_by_id.get(check.event_id or "")
    if event is None or not check.evidence_field:
        return ""
    text = article.get("text") or ""
    quotes = []
    for item in event.get("evidence") or []:
        if item.get("field") != check.evidence_field:
            continue
        if item.get("part") != "text":
            quotes.append(f"({item.get('part')}) {item.get('text')}")
            continue
        start, end = item.get("start", 0), item.get("end", 0)
        before = text[max(0, start - CONTEXT_CHARS):start].split("\n")[-1]
        after = text[end:end + CONTEXT_CHARS].split("\n")[0]
        quotes.append(f"…{before}**{text[start:end]}**{after}…")
    if not quotes:
        reason = (event.get("unfilled") or {}).get(check.evidence_field)
        return f"(unfilled: {reason})" if reason else "(no evidence)"
    return " / ".join(quotes)


def _event_lines(events: list[dict], predictions: list[dict]) -> list[str]:
    """What sitrep found in the article, one line per event, so a missed main event shows what was coded instead."""
    if not predictions or "event_type" not in predictions[0]:
        return []
    if not events:
        return ["sitrep found no event.", ""]
    lines = ["sitrep's events:", ""]
    for event in events:
        where = ", ".join(str(event[k]) for k in ("location", "country") if event.get(k))
        lines.append(f"- {event.get('sub_event_type') or event.get('event_type')}"
                     f"{' (background)' if event.get('is_background') else ''}: {event.get('event_date') or 'no date'}, "
                     f"{where or 'no place'}, fatalities {fmt(event.get('fatalities'))}, "
                     f"actor1 {event.get('actor1') or 'n/a'}")
    return lines + [""]


def markdown_report(evaluation: Evaluation, *, worst: int = 20, commit: str | None = None,
                    date: str | None = None) -> str:
    scores = evaluation.scores
    events_by_id = {str(p.get("event_id")): p for p in evaluation.predictions if p.get("event_id")}
    lines = [f"# sitrep eval: {scores.dataset}", "",
             f"- data: `{evaluation.data_dir}` (sha256 {evaluation.data_hash[:12]})",
             *([f"- commit: {commit}"] if commit else []), *([f"- date: {date}"] if date else []),
             f"- {len(evaluation.gold)} gold records, {len(evaluation.predictions)} predictions"
             + (f", {evaluation.seconds:.1f} s to predict" if evaluation.seconds else ""),
             f"- {len(evaluation.errors)} article(s) sitrep could not process"
             + "".join(f"\n  - {error}" for error in evaluation.errors[:20]),
             "", "## Metrics", "", "| metric | value | n | note |", "|---|---:|---:|---|"]
    lines += [f"| {m.name} | {fmt(m.value)} | {'' if m.n is None else m.n} | {m.note} |" for m in scores.metrics]

    by_metric: dict[str, list[Check]] = defaultdict(list)
    for check in scores.checks:
        by_metric[check.metric].append(check)
    lines += ["", "## Misses per field", "",
              "The most frequent (gold, predicted) pairs among each metric's misses.", ""]
    for metric, checks in by_metric.items():
        misses = [c for c in checks if not c.hit]
        lines += [f"### {metric}: {len(misses)} of {len(checks)} missed", ""]
        if not misses:
            continue
        pairs = Counter((_cell(c.gold), _cell(c.predicted)) for c in misses)
        lines += ["| gold | predicted | articles |", "|---|---|---:|"]
        lines += [f"| {g} | {p} | {n} |" for (g, p), n in pairs.most_common(CONFUSIONS_PER_METRIC)]
        lines.append("")

    predicted_events: dict[str, list[dict]] = defaultdict(list)
    for record in evaluation.predictions:
        if "event_type" in record:
            predicted_events[str(record.get("article_id"))].append(record)
    failed: dict[str, list[Check]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for check in scores.checks:
        totals[check.article_id] += 1
        if not check.hit:
            failed[check.article_id].append(check)
    ranked = sorted(failed, key=lambda a: (-len(failed[a]), a))[:worst]
    lines += [f"## The {len(ranked)} worst articles", "",
              "Ranked by the number of failed checks; each with what sitrep predicted, the gold value and the "
              "words the prediction came from.", ""]
    for article_id in ranked:
        article = evaluation.articles.get(article_id, {})
        title = article.get("title") or ""
        excerpt = " ".join((article.get("text") or "")[:ARTICLE_EXCERPT_CHARS].split())
        lines += [f"### {article_id}" + (f": {title}" if title else ""),
                  f"{len(failed[article_id])} of {totals[article_id]} checks failed.", "", f"> {excerpt}…", "",
                  *_event_lines(predicted_events.get(article_id, []), evaluation.predictions),
                  "| metric | gold | predicted | evidence |", "|---|---|---|---|"]
        lines += [f"| {c.metric} | {_cell(c.gold)} | {_cell(c.predicted)} | "
                  f"{_cell(_evidence(c, events_by_id, article))} |" for c in failed[article_id]]
        lines.append("")
    return "\n".join(lines)


README_START = "<!-- sitrep-eval:start -->"
README_END = "<!-- sitrep-eval:end -->"


def readme_section(results: list[tuple[str, Evaluation]], floors: dict, anchors: dict, *, commit: str,
                   date: str, command: str) -> str:
    """The README's evaluation table: every pinned metric of every set beside its floor, the simple baseline
    and a published figure."""
    lines = [README_START, "",
             f"Measured {date} at commit `{commit}` by `{command}` (generated; do not edit by hand).", "",
             "| set | metric | sitrep | n | CI floor | baseline | published anchor |",
             "|---|---|---:|---:|---:|---:|---|"]
    for set_name, evaluation in results:
        pinned = floors["sets"][set_name]["floors"]
        shown = set(pinned) | set(evaluation.scores.summary)
        for metric in (m for m in evaluation.scores.metrics if m.name in shown):
            name = metric.name
            anchor = anchors.get(set_name, {}).get(name, {})
            lines.append(f"| {set_name} | {name} | {fmt(metric.value)} | {'' if metric.n is None else metric.n} "
                         f"| {fmt(pinned.get(name))} | {fmt(anchor.get('baseline')) if 'baseline' in anchor else ''} "
                         f"| {anchor.get('published', '')} |")
    lines += ["", README_END]
    return "\n".join(lines)


def replace_readme_section(readme: str, section: str) -> str:
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {README_START} ... {README_END} section to replace")
    return readme[:start] + section + readme[end + len(README_END):]
