import pytest

from sitrep.mentions import ACTOR, TRIGGER, WEAPON, sentence_mentions
from sitrep.model import Sentence
from sitrep.text import is_all_caps


def mentions_of(text: str, *, offset: int = 0) -> list:
    sentence = Sentence(index=3, start=offset, end=offset + len(text), text=text)
    return sentence_mentions(sentence, all_caps=is_all_caps(text))


def labelled(text: str, label: str) -> list[tuple[str, str]]:
    fact = {TRIGGER: "kind", WEAPON: "weapon", ACTOR: "name"}[label]
    return [(m.text, m.attrs[fact]) for m in mentions_of(text) if m.label == label]


@pytest.mark.parametrize("text, trigger, kind", [
    ("A roadside bomb exploded near the market.", "exploded", "explosion"),
    ("Militants fired mortar shells at the base.", "mortar shells", "shelling"),
    ("An airstrike hit the village.", "airstrike", "airstrike"),
    ("A SUICIDE BOMBER BLEW HIMSELF UP AT THE CHECKPOINT.", "SUICIDE BOMBER", "suicide"),
    ("Gunmen kidnapped three aid workers.", "kidnapped", "abduction"),
    ("The two sides agreed to a ceasefire.", "ceasefire", "agreement"),
    ("Soldiers clashed with rebels near the border.", "clashed", "clash"),
    ("Police defused the device.", "defused", "disrupted"),
    # A phrase with a gap takes the words in it.
    ("Rioters set two buses ablaze.", "set two buses ablaze", "attack"),
])
def test_triggers_are_found_with_their_kind_in_any_case(text, trigger, kind):
    assert (trigger, kind) in labelled(text, TRIGGER)


@pytest.mark.parametrize("text, weapon", [
    ("A car bomb went off outside the hotel.", "car bomb"),
    ("They fired Katyusha rockets.", "rocket"),
    ("An improvised explosive device hit the convoy.", "IED"),
    ("He was stabbed with a knife.", "knife"),
    ("THE ATTACKERS USED AK-47 RIFLES.", "small arms"),
    ("A drone dropped grenades on the trench.", "drone"),
    ("A suicide car bomber rammed the convoy.", "car bomb"),
    # The act or its wound names the weapon where the text names none.
    ("Militants fired chemical-laced shells at the town.", "chemical"),
    ("Police returned fire and the attackers fled.", "small arms"),
    ("Two guards died in the crossfire.", "small arms"),
    ("A man tried to stab a guard at the gate.", "knife"),
    ("The attackers used sharp-edged weapons.", "knife"),
    ("The militants beheaded two farmers.", "knife"),
    ("The men were flogged in the square.", "blunt object"),
    ("The kidnappers strangled the driver.", "strangling"),
    ("Vandals fire-bombed the mosque overnight.", "arson"),
    ("Activists planted two firebombs under the trucks.", "arson"),
    ("The clinic was bombed at night.", "bomb"),
    ("A bomb went off in the market.", "bomb"),
    ("THE REBELS PLACED 20 STICKS OF DYNAMITE UNDER THE PYLON.", "dynamite"),
    ("An explosion shook the port.", "explosives"),
    ("Assailants set the army barracks on fire.", "arson"),
    ("ARSONISTS SET FOUR SEPARATE FIRES IN THE DEVELOPMENT.", "arson"),
])
def test_weapons_are_normalised(text, weapon):
    assert weapon in [w for _, w in labelled(text, WEAPON)]


def test_a_gap_takes_a_few_words_only():
    assert labelled("They set out at dawn and the village was on fire by noon.", WEAPON) == []
    assert labelled("Assailants set the barracks on fire.", WEAPON) == [("set the barracks on fire", "arson")]


def test_the_longest_phrase_wins_among_overlapping_matches():
    weapons = labelled("A suicide car bomb exploded.", WEAPON)
    assert ("car bomb", "car bomb") in weapons or ("suicide car bomb", "car bomb") in weapons
    assert ("car", "car bomb") not in weapons


@pytest.mark.parametrize("text, name", [
    ("Fighters of the Islamic State attacked the town.", "Islamic State"),
    ("Daesh claimed the bombing.", "Islamic State"),
    ("AL-SHABAAB MILITANTS STORMED THE HOTEL.", "Al Shabaab"),
    ("Houthi forces fired a missile.", "Houthi"),
])
def test_actors_are_found_by_alias_in_any_case(text, name):
    names = [n for _, n in labelled(text, ACTOR)]
    assert any(name.lower() in (n or "").lower() for n in names), names


def test_an_acronym_that_is_an_english_word_matches_only_in_its_own_case():
    assert any(t == "IS" for t, _ in labelled("Fighters loyal to IS attacked the town.", ACTOR))
    assert not any(t.lower() == "is" for t, _ in labelled("The town is quiet after the attack.", ACTOR))
    assert not any(t == "IS" for t, _ in labelled("THE TOWN IS QUIET AFTER THE ATTACK.", ACTOR))


def test_offsets_index_the_article_text_not_the_sentence():
    text = "Gunmen attacked a bus."
    found = mentions_of(text, offset=100)
    article = " " * 100 + text
    assert found and all(article[m.start:m.end] == m.text and m.sentence == 3 for m in found)


@pytest.mark.parametrize("text, caps", [("GUERRILLAS ATTACKED THE FARM.", True), ("Guerrillas attacked the farm.", False),
                                        ("", False), ("123 456", False)])
def test_all_caps_detection(text, caps):
    assert is_all_caps(text) is caps
