import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.model import Article, Document
from sitrep.text import MAX_CHUNK_CHARS, clean, furniture_spans, segment, split_sentences

NEWS = (
    "Gunmen killed four people at a market in Kano on Tuesday, police said.\n\n"
    "The attackers fled on motorcycles before soldiers arrived.\n\n"
)


def furniture_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in furniture_spans(text)]


def sentence_texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, furniture_spans(text))]


@pytest.mark.parametrize(
    "line",
    [
        "CLICK HERE TO READ MORE FROM THE DAILY BUGLE",
        "Click here to sign up for breaking news alerts.",
        "Related Content",
        "RELATED: Two wounded in drive-by shooting on Elm Street",
        "► Related: Police name suspect in market attack",
        "Related | Curfew extended after clashes",
        "Read more:",
        "READ MORE: Mayor calls for calm after weekend violence",
        "Read or Share this story: http://example.com/abc",
        "Share this: Facebook",
        "Share This Story",
        "Twitter",
        "Advertisement",
        "Follow us on Twitter",
        "Stay Up To Date, Follow WXYZ On Twitter",
        "Join The Conversation On The WXYZ Facebook Page",
        "Subscribe to receive alerts from the county sheriff.",
        "Sign up for our daily newsletter to get the headlines first.",
        "Download the Channel 7 app for breaking news.",
        "Most Popular Stories More>>",
        "More Headlines More>>",
        "(Photo: Jane Roe/The Daily Bugle)",
        "(County Sheriff Photo)",
        "Photo by Jane Roe",
        "Copyright 2019 WXYZ. All rights reserved.",
        "© 2018 Example Media Group.",
        "(Copyright ©2018 by The Associated Press. All Rights Reserved.)",
        "Staff writer Jo Bloggs contributed to this report.",
        "Reuters' Ann Example contributed reporting.",
        "Please enable Javascript to watch this video",
        "Thank you for registering!",
        "Check back for updates.",
        "Stay with Channel 9 for the latest on this story.",
        "2:14 Mayor speaks about the weekend shootings",
        "* * *",
        "______",
    ],
)
def test_furniture_line_variants(line: str) -> None:
    text = NEWS + line + "\n\nPolice have made no arrests."
    assert furniture_texts(text) == [line]
    assert "Police have made no arrests." in sentence_texts(text)


def test_inline_all_caps_headline_of_a_related_story() -> None:
    text = NEWS + "ARMY SAYS BORDER CROSSINGS REOPEN NEXT WEEK\n\nThe governor visited the wounded."
    assert furniture_texts(text) == ["ARMY SAYS BORDER CROSSINGS REOPEN NEXT WEEK"]


@pytest.mark.parametrize("line", ["MOSUL, Iraq (AP) —", "NEW YORK (AP)", "BAGHDAD --", "UPDATE:", "FBI"])
def test_datelines_labels_and_acronyms_are_not_caps_headlines(line: str) -> None:
    assert furniture_spans(NEWS + line + "\n\nThe governor visited the wounded.") == []


def test_all_caps_article_is_not_furniture() -> None:
    text = (
        "SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT] HEAVY FIGHTING RAGED LAST NIGHT\n"
        "IN NORTHWESTERN SAN SALVADOR WHEN GUERRILLAS ATTACKED A SUBSTATION\n\n"
        "GOVERNMENT TROOPS REQUESTED AIR SUPPORT\n\n"
        "THE NOISE FROM THE ARTILLERY FIRE WAS HEARD THROUGHOUT THE CAPITAL\n"
        "AND ITS OUTSKIRTS."
    )
    assert furniture_spans(text) == []


def test_caption_credit_drops_only_the_credit_when_the_caption_is_a_sentence() -> None:
    text = NEWS + "Two people were killed in the blast. (Photo: Jane Roe/AP)"
    assert furniture_texts(text) == [" (Photo: Jane Roe/AP)"]
    assert "Two people were killed in the blast." in sentence_texts(text)


def test_caption_without_a_sentence_is_dropped_whole() -> None:
    text = NEWS + "police tape at the scene (AP Photo/Jane Roe)"
    assert furniture_texts(text) == ["police tape at the scene (AP Photo/Jane Roe)"]


def test_stacked_credits_are_all_dropped() -> None:
    text = NEWS + "Officers calm the crowd on Sunday. (Photo: Jane Roe/Advertiser)Buy Photo"
    assert furniture_texts(text) == [" (Photo: Jane Roe/Advertiser)Buy Photo"]


def test_teaser_list_after_a_heading() -> None:
    text = (
        "Police found the victim in a parked car on Friday evening. Related Articles Man charged in bar stabbing\n\n"
        "Harbor: Two hurt in overnight shooting, police say\n\n"
        "Fire destroys warehouse\n\n"
        "The shooting happened around 5 p.m., officers said."
    )
    assert furniture_texts(text) == [
        "Related Articles Man charged in bar stabbing",
        "Harbor: Two hurt in overnight shooting, police say",
        "Fire destroys warehouse",
    ]
    assert sentence_texts(text) == [
        "Police found the victim in a parked car on Friday evening.",
        "The shooting happened around 5 p.m., officers said.",
    ]


def test_trailing_teaser_list_without_a_heading() -> None:
    teasers = ["Storm knocks out power across the county", "School board delays vote on budget", "Firefighters rescue dog from frozen pond"]
    text = NEWS + "\n\n".join(teasers)
    assert furniture_texts(text) == teasers


def test_two_trailing_lines_without_final_punctuation_stay() -> None:
    text = NEWS + "Posted Mar. 3, 2016 at 9:15 AM\n\nUpdated Mar. 3, 2016 at 11:40 AM"
    assert furniture_spans(text) == []


def test_embedded_posts_are_not_teasers() -> None:
    posts = [
        "Two dead after shooting near Main St, more soon — Reporter Name (@reporter) July 5, 2016",
        "Police are looking for a white sedan seen leaving the area — Reporter Name (@reporter) July 5, 2016",
        "Road closed at 4th and Elm while detectives work the scene — Agency (@agency) July 5, 2016",
    ]
    assert furniture_spans(NEWS + "\n\n".join(posts)) == []


def test_scraped_teaser_that_repeats_its_headline() -> None:
    teaser = "Bridge Closed For Repairs Bridge Closed For Repairs The county says work will take a month."
    assert furniture_texts(NEWS + teaser) == [teaser]


def test_repeated_paragraph_keeps_its_first_copy() -> None:
    repeated = "The sheriff's office says the investigation into the shooting is continuing."
    text = NEWS + repeated + "\n\n" + repeated
    spans = furniture_spans(text)
    assert len(spans) == 1 and spans[0][0] == text.rindex(repeated)


def test_real_news_is_not_furniture() -> None:
    text = (
        "Police said the shooting was gang related.\n\n"
        "More than 20 shots were fired, witnesses said.\n\n"
        "Related charges were filed against two other men.\n\n"
        "Share prices fell after the attack.\n\n"
        "Photographs of the suspect were released on Monday.\n\n"
        "Read the full statement below, the mayor said in a post."
    )
    assert furniture_spans(text) == []


def test_abbreviations_do_not_split() -> None:
    text = (
        "A rocket hit near the U.S. Embassy in Baghdad. Gen. Smith said on Feb. 3 that Lt. Col. Jones was safe. "
        "Sgt. Ray and Dr. Lee of Sacramento, Calif. (AP) arrived. He lives on Main St. near the school."
    )
    assert [s.text for s in split_sentences(text)] == [
        "A rocket hit near the U.S. Embassy in Baghdad.",
        "Gen. Smith said on Feb. 3 that Lt. Col. Jones was safe.",
        "Sgt. Ray and Dr. Lee of Sacramento, Calif. (AP) arrived.",
        "He lives on Main St. near the school.",
    ]


def test_state_and_time_abbreviations_end_a_sentence_before_a_capitalised_word() -> None:
    text = "He lived in Mobile, Ala. The shooting was at 2 p.m. Sunday. Police came at 3 p.m. They found him."
    assert [s.text for s in split_sentences(text)] == [
        "He lived in Mobile, Ala.",
        "The shooting was at 2 p.m. Sunday.",
        "Police came at 3 p.m.",
        "They found him.",
    ]


def test_wire_caps_abbreviations_and_initials() -> None:
    text = "GEN. JUAN A. VARGAS SAID TROOPS WERE ATTACKED. NO. 5 BATTALION RESPONDED."
    assert [s.text for s in split_sentences(text)] == [
        "GEN. JUAN A. VARGAS SAID TROOPS WERE ATTACKED.",
        "NO. 5 BATTALION RESPONDED.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = "“We are sad,” he said. “It was awful.” Police left."
    assert [s.text for s in split_sentences(text)] == ["“We are sad,” he said.", "“It was awful.”", "Police left."]


def test_paragraph_break_always_ends_a_sentence() -> None:
    text = "Gunmen attacked the village of Tsauri\n\nSoldiers arrived hours later"
    assert [s.text for s in split_sentences(text)] == ["Gunmen attacked the village of Tsauri", "Soldiers arrived hours later"]


def test_hard_line_wraps_do_not_split() -> None:
    text = "   SAN SALVADOR, 18 FEB 90 (DPA) -- HEAVY FIGHTING RAGED\nLAST NIGHT IN THE CAPITAL.\n\n   A SOLDIER\nWAS WOUNDED."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "SAN SALVADOR, 18 FEB 90 (DPA) -- HEAVY FIGHTING RAGED\nLAST NIGHT IN THE CAPITAL.",
        "A SOLDIER\nWAS WOUNDED.",
    ]
    assert [s.index for s in sentences] == [0, 1]


def test_sentences_never_cross_furniture() -> None:
    text = "Police said three people died in the attack on the market Related Content more text here."
    sentences = split_sentences(text, [(text.index("Related"), text.index(" more"))])
    assert [s.text for s in sentences] == ["Police said three people died in the attack on the market", "more text here."]


def test_huge_text_is_processed_in_chunks() -> None:
    text = "Gunmen killed two people in Kano. " * (3 * MAX_CHUNK_CHARS // 34)
    sentences = split_sentences(text)
    assert len(sentences) == text.count(".")
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_huge_text_without_spaces_does_not_blow_up() -> None:
    text = "x" * (2 * MAX_CHUNK_CHARS + 7)
    assert sum(len(s.text) for s in split_sentences(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_offsets_slice_back_to_the_sentence_text(text: str) -> None:
    furniture = furniture_spans(text)
    sentences = split_sentences(text, furniture)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
        assert not any(start < sentence.end and sentence.start < end for start, end in furniture)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Police said.", "U.S. troops left.", "Gen. Smith", "\n", "\n\n", " ", "Related Content", "“Hi.”", "Ala.", "No. 5"]), max_size=30))
def test_offsets_hold_on_tricky_fragments(parts: list[str]) -> None:
    text = " ".join(parts)
    for sentence in split_sentences(text, furniture_spans(text)):
        assert text[sentence.start : sentence.end] == sentence.text


def test_stages_fill_furniture_and_sentences_with_the_title_first() -> None:
    article = Article(id="a", title="  Gunmen kill four in Kano ", text=NEWS + "CLICK HERE FOR MORE")
    doc = Document(article=article)
    clean(doc)
    segment(doc)
    assert doc.furniture == [(len(NEWS), len(NEWS) + len("CLICK HERE FOR MORE"))]
    title, *body = doc.sentences
    assert (title.part, title.index, title.text) == ("title", 0, "Gunmen kill four in Kano")
    assert article.title[title.start : title.end] == title.text
    assert [(s.part, s.index) for s in body] == [("text", 0), ("text", 1)]


@pytest.mark.parametrize("title, url, headline", [
    ("3 hurt in bar shooting - WXYZ Action News 7 - Detroit, Michigan", None, "3 hurt in bar shooting"),
    ("KTVB Channel 7 - Man shot outside store", None, "Man shot outside store"),
    ("Woman wounded in drive-by | Springfield News, Weather and Sports |", None, "Woman wounded in drive-by"),
    ("Boy shot in Dayton - Valleyvoice", "https://web.archive.org/web/2016/http://www.valleyvoice.com/x", "Boy shot in Dayton"),
    # Without a masthead the separator is the headline's own: a place after it is the story's.
    ("Two killed in market bombing - Maiduguri, Nigeria", None, "Two killed in market bombing - Maiduguri, Nigeria"),
    ("Army retakes town - a turning point", None, "Army retakes town - a turning point"),
])
def test_the_title_sentence_is_the_headline_without_the_sites_name(title, url, headline) -> None:
    doc = Document(article=Article(id="a", title=title, text="Two soldiers died.", url=url))
    segment(doc)
    assert doc.sentences[0].text == headline == title[doc.sentences[0].start : doc.sentences[0].end]


def test_stages_without_a_title() -> None:
    doc = Document(article=Article(id="a", text="Two soldiers died."))
    clean(doc)
    segment(doc)
    assert [(s.part, s.text) for s in doc.sentences] == [("text", "Two soldiers died.")]


def test_seed_article_furniture(shared_dir) -> None:
    record = json.loads((shared_dir / "seed" / "article.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = record["text"]
    dropped = furniture_texts(text)
    assert "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER" in dropped
    assert "Related Content" in dropped
    assert any(span.startswith("US READY TO EMBARK ON") for span in dropped)
    sentences = split_sentences(text, furniture_spans(text))
    for sentence in sentences:
        assert "CLICK HERE" not in sentence.text
        assert "Related Content" not in sentence.text
        assert "PROLONGED PATH" not in sentence.text
    assert any("near the U.S. Embassy." in s.text for s in sentences)
    assert sentences[-1].text == "The White House did not immediately respond to the Washington Examiner’s request for comment."


def test_dev_wire_text_has_no_furniture(shared_dir) -> None:
    with (shared_dir / "dev" / "muc4_dev" / "articles.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle][:50]
    assert all(furniture_spans(text) == [] for text in texts)
