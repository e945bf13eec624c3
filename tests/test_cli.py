import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from sitrep.export import ACLED_COLUMNS
from sitrep.ingest import read_inputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mortar-attack-gao.txt"


def sitrep(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], input=stdin, capture_output=True,
                          timeout=300)


def test_extract_jsonl_writes_schema_records_with_evidence():
    result = sitrep("extract", str(EXAMPLE), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert events
    for event in events:
        assert event["article_id"] == "mortar-attack-gao.txt"
        assert event["event_id"] and event["evidence"]
        assert event["notes"].startswith(("On ", "In ", "Around "))


def test_extract_is_deterministic_event_ids_stable():
    first = sitrep("extract", str(EXAMPLE), "--format", "jsonl").stdout
    second = sitrep("extract", str(EXAMPLE), "--format", "jsonl").stdout
    assert first == second


def test_csv_has_acled_columns_in_acled_order_then_sitrep_columns():
    result = sitrep("extract", str(EXAMPLE), "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.reader(io.StringIO(result.stdout.decode())))
    assert tuple(rows[0][:31]) == ACLED_COLUMNS
    assert "fatalities_high" in rows[0][31:]
    assert len(rows) > 1


def test_json_and_table_formats():
    as_json = sitrep("extract", str(EXAMPLE), "--format", "json")
    assert isinstance(json.loads(as_json.stdout), list)
    table = sitrep("extract", str(EXAMPLE))
    assert table.returncode == 0 and b"Gao" in table.stdout


def test_bad_inputs_are_reported_one_line_each_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "good.txt").write_text(EXAMPLE.read_text())
    (tmp_path / "batch.jsonl").write_text('{"id": "ok", "text": "Gunmen killed two farmers in Gao on Monday."}\n'
                                          '{"id": broken\n')
    result = sitrep("extract", str(tmp_path), "--format", "jsonl")
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in stderr
    assert "empty.txt" in stderr and "binary.txt" in stderr and "batch.jsonl:2" in stderr
    ids = {json.loads(line)["article_id"] for line in result.stdout.decode().splitlines()}
    assert {"good.txt", "ok"} <= ids
    assert "error(s)" in stderr.splitlines()[-1]


def test_stdin_is_read():
    result = sitrep("extract", "-", "--format", "jsonl",
                    stdin=b'{"id": "s1", "text": "A roadside bomb killed three soldiers in Kandahar on Friday.", '
                          b'"published": "2021-03-01"}\n')
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout.decode().splitlines()[0])["article_id"] == "s1"


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    result = sitrep("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "nope.txt" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_places_command_lists_mentions():
    result = sitrep("places", str(EXAMPLE), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    mentions = [json.loads(line) for line in result.stdout.decode().splitlines()]
    text = next(read_inputs([str(EXAMPLE)])).text
    gao = [m for m in mentions if m["text"] == "Gao" and m.get("field", "text") == "text"]
    assert gao and all(text[m["start"]:m["end"]] == "Gao" for m in gao)


def test_seed_acceptance_check_passes(shared_dir, tmp_path):
    out = tmp_path / "seed.events.jsonl"
    result = sitrep("extract", str(shared_dir / "seed" / "article.jsonl"), "--format", "jsonl", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    check = subprocess.run([sys.executable, str(shared_dir / "tools" / "check_seed.py"), str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_html_page_gives_the_article_s_events_and_drops_the_furniture(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Gunmen kill four near Kidal | Sahel Wire</title>"
        '<meta property="article:published_time" content="2023-06-05T10:00:00Z"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        "<h1>Gunmen kill four near Kidal</h1>"
        "<p>Gunmen on motorcycles attacked a village near Kidal on Sunday, killing four civilians and wounding two "
        "others, local officials said on Monday.</p>"
        "<p>The attackers set fire to several homes before fleeing towards the border, an official said.</p>"
        "<p>No group has claimed responsibility for the attack.</p></article>"
        "<aside><h3>Related Content</h3><ul><li>Flooding hits Bamako</li></ul></aside>"
        "<footer>Copyright 2023 Sahel Wire. All rights reserved.</footer></body></html>", encoding="utf-8")
    result = sitrep("extract", str(page), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    attack = [e for e in events if e["event_type"] == "Violence against civilians"]
    assert len(attack) == 1
    assert (attack[0]["event_date"], attack[0]["fatalities"], attack[0]["injuries"]) == ("2023-06-04", 4, 2)
    assert attack[0]["country"] == "Mali"
    assert "Bamako" not in json.dumps(events)


def test_an_article_without_events_is_named_not_silent(tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Quiet day\nThe weather in Gao was fine and markets were busy on Monday.\n")
    table = sitrep("extract", str(quiet))
    assert table.returncode == 0
    assert b"no event found" in table.stdout
    assert b"nothing found in 1 article(s): quiet.txt" in table.stderr
