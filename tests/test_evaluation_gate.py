"""The CI gate: floors pinned with the data's hash, a noise margin, raising but never silently lowering."""
from pathlib import Path

import pytest
import yaml

from sitrep.evaluation import gate
from sitrep.evaluation.common import Scores
from sitrep.evaluation.harness import Evaluation


def evaluation(values: dict[str, float | None], data_hash: str = "abc", summary=None) -> Evaluation:
    scores = Scores("gtd")
    for name, value in values.items():
        scores.add(name, value, 10)
    scores.summary = list(summary if summary is not None else values)
    return Evaluation("gtd", Path("dev/gtd_dev"), data_hash, scores, [], {}, [])


def floors(pinned: dict | None = None, data_hash: str | None = "abc") -> dict:
    entry = {"dataset": "gtd", "floors": dict(pinned or {})}
    if data_hash:
        entry["data_sha256"] = data_hash
    return {"noise_margin": 0.005, "relative_margin": 0.02, "sets": {"gtd_dev": entry}}


def failures(verdicts):
    return {v.metric: v.why for v in verdicts if not v.passed}


def test_a_metric_at_or_above_its_floor_passes():
    verdicts = gate.judge(floors({"detection": 0.9, "date_acc": 0.8}), "gtd_dev",
                          evaluation({"detection": 0.95, "date_acc": 0.8}))
    assert [v.passed for v in verdicts] == [True, True]


def test_a_drop_inside_the_noise_margin_passes_and_beyond_it_fails():
    pinned = floors({"detection": 0.9})
    assert not failures(gate.judge(pinned, "gtd_dev", evaluation({"detection": 0.896})))
    assert "below the floor 0.9" in failures(gate.judge(pinned, "gtd_dev", evaluation({"detection": 0.894})))["detection"]


def test_for_errors_in_km_the_floor_is_a_ceiling_with_a_relative_margin():
    pinned = floors({"median_km": 10.0})
    assert not failures(gate.judge(pinned, "gtd_dev", evaluation({"median_km": 10.19})))
    assert "above the ceiling" in failures(gate.judge(pinned, "gtd_dev", evaluation({"median_km": 10.3})))["median_km"]
    assert not failures(gate.judge(pinned, "gtd_dev", evaluation({"median_km": 2.0})))


def test_floors_measured_on_other_data_fail_until_pinned_again():
    result = failures(gate.judge(floors({"detection": 0.9}), "gtd_dev", evaluation({"detection": 0.99}, "other")))
    assert "not the data the floors were pinned on" in result["data_sha256"]


def test_an_unpinned_or_unmeasured_metric_fails_with_the_reason():
    result = failures(gate.judge(floors({"detection": None, "date_acc": 0.5}), "gtd_dev",
                                 evaluation({"detection": 0.9, "date_acc": None})))
    assert result == {"detection": "not pinned yet: run with --update", "date_acc": "not measured"}


def test_a_metric_the_scorer_does_not_have_is_an_error_naming_the_ones_it_has():
    with pytest.raises(gate.GateError, match="no metric 'detektion'.*detection"):
        gate.judge(floors({"detektion": 0.9}), "gtd_dev", evaluation({"detection": 0.9}))


def test_update_pins_the_summary_metrics_rounded_leniently_and_the_hash():
    pinned = floors(data_hash=None)
    changes = gate.update(pinned, "gtd_dev", evaluation({"detection": 0.97654, "median_km": 12.34561}))
    assert pinned["sets"]["gtd_dev"]["floors"] == {"detection": 0.9765, "median_km": 12.3457}
    assert pinned["sets"]["gtd_dev"]["data_sha256"] == "abc"
    assert len(changes) == 3
    assert not failures(gate.judge(pinned, "gtd_dev", evaluation({"detection": 0.97654, "median_km": 12.34561})))


def test_update_raises_floors_and_keeps_extra_listed_metrics():
    pinned = floors({"detection": 0.9, "fatalities_acc_pos": None})
    gate.update(pinned, "gtd_dev", evaluation({"detection": 0.95, "fatalities_acc_pos": 0.8}, summary=["detection"]))
    assert pinned["sets"]["gtd_dev"]["floors"] == {"detection": 0.95, "fatalities_acc_pos": 0.8}


def test_update_refuses_to_lower_a_floor_and_changes_nothing():
    pinned = floors({"detection": 0.95, "date_acc": 0.5})
    with pytest.raises(gate.GateError, match="detection: 0.95 -> 0.9"):
        gate.update(pinned, "gtd_dev", evaluation({"detection": 0.9, "date_acc": 0.6}))
    assert pinned["sets"]["gtd_dev"]["floors"] == {"detection": 0.95, "date_acc": 0.5}


def test_update_refuses_new_data_without_allow_lower():
    pinned = floors({"detection": 0.9})
    with pytest.raises(gate.GateError, match="the data changed"):
        gate.update(pinned, "gtd_dev", evaluation({"detection": 0.95}, "new"))


def test_allow_lower_lowers_and_repins_the_data():
    pinned = floors({"detection": 0.95})
    changes = gate.update(pinned, "gtd_dev", evaluation({"detection": 0.9}, "new"), allow_lower=True)
    assert pinned["sets"]["gtd_dev"] == {"dataset": "gtd", "floors": {"detection": 0.9}, "data_sha256": "new"}
    assert any("0.95 -> 0.9" in c for c in changes)


def test_floors_file_round_trip_keeps_the_header_comment(tmp_path):
    path = tmp_path / "floors.yaml"
    path.write_text("# why these floors\nnoise_margin: 0.005\nrelative_margin: 0.02\nsets:\n  gtd_dev:\n"
                    "    dataset: gtd\n", encoding="utf-8")
    loaded = gate.load_floors(path)
    assert loaded["sets"]["gtd_dev"]["floors"] == {}
    gate.update(loaded, "gtd_dev", evaluation({"detection": 0.9}))
    gate.save_floors(path, loaded)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# why these floors\n")
    assert yaml.safe_load(text)["sets"]["gtd_dev"]["floors"] == {"detection": 0.9}


@pytest.mark.parametrize("content, message", [
    ("sets: [1, 2]", "expected a mapping"),
    ("sets:\n  gtd_dev: {floors: {}}", "needs at least 'dataset'"),
    ("sets: {a: [", "not YAML"),
])
def test_a_broken_floors_file_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "floors.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(gate.GateError, match=message):
        gate.load_floors(path)
    with pytest.raises(gate.GateError, match="no floors file"):
        gate.load_floors(tmp_path / "missing.yaml")


def test_the_projects_floors_file_pins_every_set_on_its_data():
    floors_file = gate.load_floors(Path(__file__).resolve().parents[1] / "eval" / "floors.yaml")
    for name, entry in floors_file["sets"].items():
        assert len(entry.get("data_sha256") or "") == 64, f"{name} is not pinned to its data"
        assert entry["floors"] and all(v is not None for v in entry["floors"].values()), name
