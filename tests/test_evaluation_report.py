"""The error report and the README's evaluation table, from a small hand-made evaluation."""
from pathlib import Path

import pytest

from sitrep.evaluation import report
from sitrep.evaluation.common import Scores
from sitrep.evaluation.harness import Evaluation

TEXT = "Gunmen killed three police officers in Kandahar on Monday. A bomb exploded in Herat."


def sample() -> Evaluation:
    scores = Scores("gtd", summary=["fatalities_acc"])
    scores.acc("fatalities_acc", [False, True, False])
    event = {"event_id": "e1", "article_id": "a1", "fatalities": 3, "event_type": "Violence against civilians",
             "sub_event_type": "Attack", "event_date": "2026-11-23", "location": "Kandahar",
             "country": "Afghanistan", "actor1": "Unidentified Armed Group (Afghanistan)",
             "evidence": [{"field": "fatalities", "sentence": 0, "start": 14, "end": 19, "text": "three",
                           "part": "text"}],
             "unfilled": {"weapons": "no weapon named"}}
    scores.check("a1", "fatalities_acc", False, gold=4, predicted=3, event=event, evidence_field="fatalities")
    scores.check("a1", "weapon_class_acc", False, gold="Firearms", predicted=None, event=event,
                 evidence_field="weapons")
    scores.check("a2", "fatalities_acc", True, gold=1, predicted=1)
    scores.check("a3", "fatalities_acc", False, gold=4, predicted=3)
    articles = {"a1": {"id": "a1", "title": "Police killed", "text": TEXT}, "a2": {"id": "a2", "text": "x"},
                "a3": {"id": "a3", "text": "y"}}
    return Evaluation("gtd", Path("dev/gtd_dev"), "f" * 64, scores, [{}, {}, {}], articles, [event],
                      errors=["a4: empty text"])


def test_the_report_lists_metrics_confusions_and_the_worst_articles_with_evidence():
    text = report.markdown_report(sample(), commit="abc1234", date="2026-11-26")
    assert "| fatalities_acc | 0.333 | 3 |" in text
    assert "### fatalities_acc: 2 of 3 missed" in text
    assert "| 4 | 3 | 2 |" in text  # gold 4 predicted 3 twice
    assert "a4: empty text" in text
    worst = text.split("worst articles")[1]
    assert worst.index("### a1: Police killed") < worst.index("### a3")
    assert "2 of 2 checks failed" in worst
    assert "Gunmen killed **three** police officers" in worst
    assert "(unfilled: no weapon named)" in worst
    assert "### a2" not in worst
    assert ("- Attack: 2026-11-23, Kandahar, Afghanistan, fatalities 3, actor1 Unidentified Armed Group "
            "(Afghanistan)") in worst
    assert "sitrep found no event." in worst.split("### a3")[1]


def test_the_report_can_be_limited_to_the_worst_n():
    text = report.markdown_report(sample(), worst=1)
    assert "## The 1 worst articles" in text and "### a3" not in text.split("worst articles")[1]


def test_a_table_cell_escapes_pipes_and_joins_lists():
    assert report._cell(["a|b", 0.5, None]) == "a\\|b; 0.500; n/a"


def test_the_readme_section_puts_each_metric_beside_floor_baseline_and_anchor():
    floors = {"sets": {"gtd_dev": {"dataset": "gtd", "floors": {"fatalities_acc": 0.3}}}}
    anchors = {"gtd_dev": {"fatalities_acc": {"baseline": 0.67, "published": "System X: 0.9 (Someone 2024)"}}}
    section = report.readme_section([("gtd_dev", sample())], floors, anchors, commit="abc1234",
                                    date="2026-11-26", command="sitrep gate dev --readme README.md")
    assert "| gtd_dev | fatalities_acc | 0.333 | 3 | 0.300 | 0.670 | System X: 0.9 (Someone 2024) |" in section
    assert "2026-11-26" in section and "abc1234" in section
    readme = f"# t\n\nbefore\n{report.README_START}\nold\n{report.README_END}\nafter\n"
    replaced = report.replace_readme_section(readme, section)
    assert "old" not in replaced and replaced.startswith("# t\n\nbefore\n") and replaced.endswith("\nafter\n")
    with pytest.raises(ValueError, match="no <!-- sitrep-eval:start -->"):
        report.replace_readme_section("no markers", section)
