"""`sitrep eval`, `sitrep gate` and `sitrep convert` end to end, on a small gold folder written here."""
import json
from pathlib import Path

import pytest
import yaml

from sitrep.cli import main

ARTICLES = [
    {"id": "k1", "title": "Gunmen kill three police officers in Kandahar", "published": "2026-11-24",
     "text": "KANDAHAR, Afghanistan (AP) - Gunmen killed three police officers at a checkpoint in Kandahar on "
             "Monday, a provincial spokesman said. The Taliban claimed responsibility for the attack."},
    {"id": "k2", "title": "Bomb wounds five in Maiduguri market", "published": "2026-11-23",
     "text": "A bomb exploded in a crowded market in Maiduguri, Nigeria, on Sunday, wounding five people, police "
             "said. No group claimed the blast."},
]
# GTD-shaped gold; k2's wounded count (4) disagrees with the text (five) so that one check fails.
GOLD = [
    {"id": "k1", "date": "2026-11-23", "country_txt": "Afghanistan", "iso3": "AFG", "latitude": 31.61,
     "longitude": 65.71, "attacktype1_txt": "Armed Assault", "weaptype1_txt": "Firearms", "gname": "Taliban",
     "nkill": 3, "nwound": 0},
    {"id": "k2", "date": "2026-11-22", "country_txt": "Nigeria", "iso3": "NGA", "latitude": 11.85,
     "longitude": 13.16, "attacktype1_txt": "Bombing/Explosion", "weaptype1_txt": "Explosives", "gname": "Unknown",
     "nkill": 0, "nwound": 4},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def dev(tmp_path) -> Path:
    """A folder of sets, as ../shared/dev is, holding one GTD-shaped set `mini`."""
    folder = tmp_path / "dev" / "mini"
    folder.mkdir(parents=True)
    write_jsonl(folder / "articles.jsonl", ARTICLES)
    write_jsonl(folder / "gold.jsonl", GOLD)
    return tmp_path / "dev"


def test_eval_scores_writes_json_and_a_report_naming_the_failed_check(dev, tmp_path, capsys):
    out, report = tmp_path / "scores.json", tmp_path / "report.md"
    assert main(["eval", "gtd", "--data", str(dev / "mini"), "--json", str(out), "--report", str(report)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("gtd: detection=1.000 fatalities_acc=1.000")
    metrics = json.loads(out.read_text())["metrics"]
    assert metrics["detection"] == {"value": 1.0, "n": 2, "note": metrics["detection"]["note"]}
    assert metrics["injuries_acc"]["value"] == 0.5
    assert metrics["country_acc"]["value"] == 1.0
    text = report.read_text()
    assert "### k2: Bomb wounds five in Maiduguri market" in text
    assert "| injuries_acc | 4 | 5 |" in text and "**wounding five people**" in text


def test_eval_scores_a_saved_prediction_file_the_same_as_a_fresh_run(dev, tmp_path, capsys):
    predictions = tmp_path / "events.jsonl"
    assert main(["extract", str(dev / "mini" / "articles.jsonl"), "--format", "jsonl", "-o", str(predictions)]) == 0
    main(["eval", "gtd", "--data", str(dev / "mini")])
    fresh = capsys.readouterr().out.splitlines()[-1]
    assert main(["eval", "gtd", "--data", str(dev / "mini"), "--pred", str(predictions)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == fresh


def test_an_article_sitrep_cannot_process_is_named_and_the_rest_is_scored(dev, capsys):
    write_jsonl(dev / "mini" / "articles.jsonl", [*ARTICLES, {"id": "k3", "text": "   "}])
    assert main(["eval", "gtd", "--data", str(dev / "mini")]) == 1
    captured = capsys.readouterr()
    assert "articles.jsonl:3: empty text" in captured.err
    assert "detection=1.000" in captured.out


@pytest.mark.parametrize("setup, message", [
    (lambda d: (d / "mini" / "gold.jsonl").unlink(), "gold.jsonl: no such file"),
    (lambda d: (d / "mini" / "gold.jsonl").write_text('{"id": "k1"\n'), "gold.jsonl:1: not JSON"),
    (lambda d: write_jsonl(d / "mini" / "gold.jsonl", [{"id": "k1", "state": "Ohio"}]),
     "not in the shape the gtd scorer reads"),
])
def test_a_broken_gold_folder_is_one_line_naming_the_file(dev, capsys, setup, message):
    setup(dev)
    assert main(["eval", "gtd", "--data", str(dev / "mini")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_eval_of_a_missing_folder_says_so(tmp_path, capsys):
    assert main(["eval", "gva", "--data", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


def floors_file(tmp_path: Path, pinned: dict | None = None) -> Path:
    path = tmp_path / "floors.yaml"
    entry = {"dataset": "gtd", **({"floors": pinned} if pinned else {})}
    path.write_text(yaml.safe_dump({"noise_margin": 0.005, "relative_margin": 0.02, "sets": {"mini": entry}}))
    return path


def test_gate_pins_then_holds_then_fails_a_regression_and_refuses_to_lower(dev, tmp_path, capsys):
    floors = floors_file(tmp_path)
    assert main(["gate", str(dev), "--floors", str(floors), "--update"]) == 0
    pinned = yaml.safe_load(floors.read_text())["sets"]["mini"]
    assert pinned["floors"]["injuries_acc"] == 0.5 and len(pinned["data_sha256"]) == 64
    assert main(["gate", str(dev), "--floors", str(floors)]) == 0
    assert "floors held over 1 set(s)" in capsys.readouterr().out

    pinned["floors"]["injuries_acc"] = 0.9
    floors.write_text(yaml.safe_dump({"noise_margin": 0.005, "relative_margin": 0.02, "sets": {"mini": pinned}}))
    assert main(["gate", str(dev), "--floors", str(floors)]) == 1
    assert "FAIL mini injuries_acc: 0.500 below the floor 0.9" in capsys.readouterr().err
    assert main(["gate", str(dev), "--floors", str(floors), "--update"]) == 2
    assert "refusing to lower floors without --allow-lower: mini injuries_acc: 0.9 -> 0.5" in capsys.readouterr().err
    assert main(["gate", str(dev), "--floors", str(floors), "--update", "--allow-lower"]) == 0
    assert yaml.safe_load(floors.read_text())["sets"]["mini"]["floors"]["injuries_acc"] == 0.5


def test_gate_fails_when_the_data_changed_since_pinning(dev, tmp_path, capsys):
    floors = floors_file(tmp_path)
    main(["gate", str(dev), "--floors", str(floors), "--update"])
    write_jsonl(dev / "mini" / "gold.jsonl", [GOLD[0]])
    assert main(["gate", str(dev), "--floors", str(floors)]) == 1
    assert "not the data the floors were pinned on" in capsys.readouterr().err


def test_gate_rewrites_the_readme_table_and_writes_reports(dev, tmp_path, capsys):
    floors = floors_file(tmp_path)
    anchors = tmp_path / "anchors.yaml"
    anchors.write_text(yaml.safe_dump({"mini": {"detection": {"baseline": 0.99, "published": "X: 0.5 (Y 2020)"}}}))
    readme = tmp_path / "README.md"
    readme.write_text("# r\n<!-- sitrep-eval:start -->\nstale\n<!-- sitrep-eval:end -->\ntail\n")
    assert main(["gate", str(dev), "--floors", str(floors), "--anchors", str(anchors), "--update",
                 "--readme", str(readme), "--reports", str(tmp_path / "reports")]) == 0
    text = readme.read_text()
    assert "stale" not in text and text.endswith("tail\n")
    assert "| mini | detection | 1.000 | 2 | 1.000 | 0.990 | X: 0.5 (Y 2020) |" in text
    assert (tmp_path / "reports" / "mini.md").read_text().startswith("# sitrep eval: gtd")


def test_gate_names_a_set_the_floors_do_not_pin(dev, tmp_path, capsys):
    assert main(["gate", str(dev), "--floors", str(floors_file(tmp_path)), "--only", "other"]) == 2
    assert "pins no set named other" in capsys.readouterr().err


def test_convert_then_eval_runs_end_to_end(tmp_path, capsys):
    csv_path = tmp_path / "gtd.csv"
    csv_path.write_text(
        "eventid,iyear,imonth,iday,country_txt,provstate,city,latitude,longitude,summary,attacktype1_txt,"
        "weaptype1_txt,gname,nkill,nwound\n"
        '202611230001,2026,11,23,Afghanistan,Kandahar,Kandahar,31.61,65.71,"11/23/2026: Gunmen killed three '
        'police officers at a checkpoint in Kandahar, Afghanistan.",Armed Assault,Firearms,Unknown,3,0\n',
        encoding="utf-8")
    assert main(["convert", "gtd-csv", str(csv_path), "--out", str(tmp_path / "set")]) == 0
    assert "1 articles written" in capsys.readouterr().out
    assert main(["eval", "gtd", "--data", str(tmp_path / "set")]) == 0
    assert "fatalities_acc=1.000" in capsys.readouterr().out
    assert main(["convert", "lgl-xml", str(csv_path), "--out", str(tmp_path / "lgl")]) == 2
    assert str(csv_path) in capsys.readouterr().err
