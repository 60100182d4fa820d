"""Causal sentences split into cause and effect where the sentence allows."""

from __future__ import annotations

from quizgen.authoring.draft.causes import find_causes
from quizgen.text.sentences import split_sentences


def causes(text: str) -> list[tuple[str, str, str]]:
    sentences = split_sentences(text)
    found = []
    for i, sentence in enumerate(sentences):
        previous = sentences[i - 1] if i else None
        found += [(c.marker, c.cause, c.effect) for c in find_causes(sentence, previous, text)]
    return found


def test_resulted_in_then_a_participle_chains_the_effect():
    text = (
        "The putsch that occurred on July 26 resulted in the removal of French ally President Mohamed "
        "Bazoum from power, raising concerns about the future of France’s military presence in Niger."
    )
    removal = "the removal of French ally President Mohamed Bazoum from power"
    concerns = "concerns about the future of France’s military presence in Niger"
    assert causes(text) == [
        ("resulted in", "the putsch that occurred on July 26", removal),
        ("raising", removal, concerns),
    ]


def test_prompting_takes_the_clause_before_it_as_the_cause():
    text = (
        "The suspension of cooperation has immobilized French forces, prompting talks about easing movements."
    )
    assert (
        "prompting",
        "the suspension of cooperation has immobilized French forces",
        "talks about easing movements",
    ) in causes(text)


def test_backward_markers_stop_the_cause_at_the_verb():
    assert causes("Flights were cancelled because of the storm that hit the coast.") == [
        ("because of", "the storm that hit the coast", "Flights were cancelled")
    ]
    assert ("following", "the coup", "the suspension of aid") in causes(
        "The suspension of aid following the coup has hurt exports."
    )


def test_in_response_takes_the_previous_sentence_as_the_cause():
    text = "Paris recognized the regime as illegitimate. In response, the coup leaders ended the agreements."
    ((marker, cause, effect),) = causes(text)
    assert marker == "In response"
    assert (cause, effect) == (
        "Paris recognized the regime as illegitimate",
        "the coup leaders ended the agreements",
    )


def test_sentence_opening_markers_and_due_to():
    assert causes("Because of the drought, harvests failed.") == [
        ("because of", "the drought", "harvests failed")
    ]
    assert ("due to", "security concerns", "the embassy closed") in causes(
        "The embassy closed due to security concerns."
    )
    assert ("led to", "Rising prices", "protests in the capital") in causes(
        "Rising prices led to protests in the capital."
    )


def test_time_after_after_is_not_a_cause():
    assert causes("Talks resumed after two years of silence.") == []
    assert causes("The army left after March.") == []


def test_thousands_separators_and_decimal_points_do_not_end_a_clause():
    assert causes("More than 2,000 people were evacuated after the flood.") == [
        ("after", "the flood", "More than 2,000 people were evacuated")
    ]
    assert causes("3.5 metres of water rose because of rain.") == [
        ("because of", "rain", "3.5 metres of water rose")
    ]
    assert causes("1,250 homes were damaged due to the storm.") == [
        ("due to", "the storm", "1,250 homes were damaged")
    ]
    assert causes("The storm caused 1,250.5 tonnes of debris, the agency said.") == [
        ("caused", "the storm", "1,250.5 tonnes of debris")
    ]
    assert causes("Because of the 1,500 troops, talks stalled.") == [
        ("because of", "the 1,500 troops", "talks stalled")
    ]


def test_a_comma_or_point_after_a_number_still_ends_a_clause():
    assert causes("Troops left in 2022, prompting talks about easing movements.") == [
        ("prompting", "Troops left in 2022", "talks about easing movements")
    ]


def test_a_front_marker_takes_its_cause_up_to_the_comma():
    assert causes("After the U.S. pulled out, talks stalled.") == [
        ("after", "the U.S. pulled out", "talks stalled")
    ]
