import pytest
import spacy

from sitrep.model import Article, Document
from sitrep.pipeline import DEFAULT_STAGES, Pipeline, PipelineError, registered, stage


def test_registered_stage_names_snapshot():
    # Removing or renaming a stage is a visible change.
    names = set(registered())
    assert {"clean", "segment", "mentions", "places", "dates", "frames", "merge", "records"} <= names


def test_default_pipeline_contracts_hold():
    pipeline = Pipeline()
    assert [s.name for s in pipeline.stages] == list(DEFAULT_STAGES)


def test_stage_whose_needs_no_earlier_stage_provides_is_reported_before_running():
    with pytest.raises(PipelineError, match="frames.*requires"):
        Pipeline(("clean", "segment", "frames"))


def test_unknown_stage_is_reported():
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        Pipeline(("clean", "nope"))


def test_a_stage_can_be_swapped_by_name():
    seen = []

    @stage("mentions.test-double", requires=("sentences",), assigns=("mentions",))
    def recognise_nothing(doc: Document) -> None:
        seen.append(doc.article.id)
        doc.mentions = []

    pipeline = Pipeline(replace={"mentions": "mentions.test-double"})
    doc = pipeline(Document(article=Article(id="a1", text="Gunmen attacked a village on Monday.")))
    assert seen == ["a1"]
    assert doc.events == []


def test_trained_spacy_model_plugs_in_as_the_mentions_stage(tmp_path):
    # A stand-in for a user's trained NER: a spaCy pipeline saved to disk whose entity ruler labels one name.
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Sons of the Valley"}])
    nlp.to_disk(tmp_path / "model")

    from sitrep.mentions import use_spacy_model

    name = use_spacy_model(str(tmp_path / "model"))
    pipeline = Pipeline(replace={"mentions": name})
    doc = pipeline(Document(article=Article(id="a2", text="The Sons of the Valley attacked a police post in Gao.")))
    orgs = [m for m in doc.mentions if m.label == "ORG"]
    assert [m.text for m in orgs] == ["Sons of the Valley"]
    assert doc.text[orgs[0].start:orgs[0].end] == "Sons of the Valley"
