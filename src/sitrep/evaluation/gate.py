"""The CI gate: evaluation floors pinned per gold set and metric, with the hash of the data they were measured on.

In the manner of trafilatura's evaluation gate: a change that makes sitrep worse on the development sets fails
CI. A metric fails when it falls below its floor by more than the file's noise margin (for metrics where lower
is better, such as errors in km, the floor is a ceiling and the margin relative). `update` raises floors to what
was measured and refuses to lower one unless explicitly allowed, so a regression is always a visible decision.
Floors measured on other data are not compared: a changed hash fails until the floors are pinned again.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .harness import Evaluation

LOWER_IS_BETTER = re.compile(r"(_mae|_km|^auc|^split_rate|^false_merge_rate)$")
DECIMALS = 4


class GateError(ValueError):
    """A floors file that cannot be read or a request the gate refuses; the message says why."""


@dataclass(frozen=True)
class Verdict:
    set_name: str
    metric: str
    measured: float | None
    floor: float | None
    passed: bool
    why: str = ""


def lower_is_better(metric: str) -> bool:
    return LOWER_IS_BETTER.search(metric) is not None


def load_floors(path: Path) -> dict:
    try:
        floors = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError(f"{path}: no floors file") from None
    except yaml.YAMLError as error:
        raise GateError(f"{path}: not YAML ({error})") from None
    if not isinstance(floors, dict) or not isinstance(floors.get("sets"), dict):
        raise GateError(f"{path}: expected a mapping with 'noise_margin', 'relative_margin' and 'sets'")
    for name, entry in floors["sets"].items():
        if not isinstance(entry, dict) or "dataset" not in entry:
            raise GateError(f"{path}: set {name!r} needs at least 'dataset'")
        entry.setdefault("floors", {})
    return floors


def save_floors(path: Path, floors: dict) -> None:
    header = "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines()
                     if line.startswith("#")) if path.exists() else ""
    body = yaml.safe_dump(floors, sort_keys=False, allow_unicode=True, width=120)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(header + body, encoding="utf-8")
    tmp.replace(path)


def _margin(floors: dict, metric: str, floor: float) -> float:
    return abs(floor) * floors["relative_margin"] if lower_is_better(metric) else floors["noise_margin"]


def _measured(evaluation: Evaluation, metric: str) -> float | None:
    try:
        return evaluation.scores.value(metric)
    except KeyError:
        raise GateError(f"the {evaluation.dataset} scorer has no metric {metric!r}; "
                        f"it has {', '.join(m.name for m in evaluation.scores.metrics)}") from None


def judge(floors: dict, set_name: str, evaluation: Evaluation) -> list[Verdict]:
    entry = floors["sets"][set_name]
    if entry.get("data_sha256") != evaluation.data_hash:
        return [Verdict(set_name, "data_sha256", None, None, False,
                        f"the data in {evaluation.data_dir} is not the data the floors were pinned on "
                        f"(sha256 {evaluation.data_hash[:12]}, pinned {str(entry.get('data_sha256'))[:12]}); "
                        f"pin them again with --update --allow-lower")]
    verdicts = []
    for metric, floor in entry["floors"].items():
        measured = _measured(evaluation, metric)
        if floor is None or measured is None:
            why = "not pinned yet: run with --update" if floor is None else "not measured"
            verdicts.append(Verdict(set_name, metric, measured, floor, False, why))
            continue
        margin = _margin(floors, metric, floor)
        if lower_is_better(metric):
            passed, why = measured <= floor + margin, f"above the ceiling {floor} + {margin:.3g}"
        else:
            passed, why = measured >= floor - margin, f"below the floor {floor} - {margin:.3g}"
        verdicts.append(Verdict(set_name, metric, measured, floor, passed, "" if passed else why))
    return verdicts


def _pinned(metric: str, measured: float) -> float:
    """The measured value rounded in the lenient direction, so a rerun on the same code passes exactly."""
    scale = 10 ** DECIMALS
    rounded = math.ceil(measured * scale) if lower_is_better(metric) else math.floor(measured * scale)
    return rounded / scale


def update(floors: dict, set_name: str, evaluation: Evaluation, *, allow_lower: bool = False) -> list[str]:
    """Move the set's floors to what was measured; returns what changed. Raises GateError, changing nothing,
    when a floor would get worse (or the data changed) and `allow_lower` is not given."""
    entry = floors["sets"][set_name]
    # The set's summary metrics are always pinned; the file may list more (with no value until first pinned).
    wanted = set(entry["floors"]) | set(evaluation.scores.summary)
    metrics = [m.name for m in evaluation.scores.metrics if m.name in wanted]
    metrics += [name for name in entry["floors"] if name not in metrics]  # unknown names: _measured says so
    changes, refused = [], []
    new_floors = {}
    for metric in metrics:
        measured = _measured(evaluation, metric)
        old = entry["floors"].get(metric)
        if measured is None:
            if old is not None:
                new_floors[metric] = old
            continue
        new = _pinned(metric, measured)
        worse = old is not None and (new > old if lower_is_better(metric) else new < old)
        if worse and not allow_lower:
            refused.append(f"{set_name} {metric}: {old} -> {new}")
            new_floors[metric] = old
            continue
        if new != old:
            changes.append(f"{set_name} {metric}: {old} -> {new}")
        new_floors[metric] = new
    data_changed = entry.get("data_sha256") not in (None, evaluation.data_hash)
    if data_changed and not allow_lower:
        refused.append(f"{set_name}: the data changed (sha256 {evaluation.data_hash[:12]})")
    if refused:
        raise GateError("refusing to lower floors without --allow-lower: " + "; ".join(refused))
    if entry.get("data_sha256") != evaluation.data_hash:
        changes.append(f"{set_name} data_sha256: {str(entry.get('data_sha256'))[:12]} -> {evaluation.data_hash[:12]}")
    entry["data_sha256"] = evaluation.data_hash
    entry["floors"] = new_floors
    return changes


def load_anchors(path: Path) -> dict:
    try:
        anchors = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise GateError(f"{path}: no anchors file") from None
    except yaml.YAMLError as error:
        raise GateError(f"{path}: not YAML ({error})") from None
    return anchors
