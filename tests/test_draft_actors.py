"""Actors found in sentences: people with their titles and appositions, organisations, states, groups."""

from __future__ import annotations

from quizgen.authoring.draft.actors import find_actors


def actors(sentence: str, mid_capitals: frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    return {m.name: (m.kind, m.role) for m in find_actors(sentence, mid_capitals)}


def test_apposition_after_a_title_gives_the_role():
    found = actors(
        "Niger’s military-appointed Prime Minister, Ali Mahaman Lamine Zeine, has expressed the desire "
        "for a swift departure of French troops."
    )
    assert found["Ali Mahaman Lamine Zeine"] == ("person", "Niger’s military-appointed Prime Minister")
    assert found["Niger"] == ("state", "")
    assert found["French troops"][0] == "group"


def test_title_before_a_name_with_its_modifiers():
    found = actors("The putsch resulted in the removal of French ally President Mohamed Bazoum from power.")
    assert found["Mohamed Bazoum"] == ("person", "French ally President")


def test_apposition_after_a_name():
    found = actors("Amadou Diallo, the junta's spokesman, read the statement.")
    assert found["Amadou Diallo"] == ("person", "the junta's spokesman")


def test_a_states_army_and_military():
    found = actors(
        "The French army is engaging in discussions with Niger’s military regarding the withdrawal."
    )
    assert found["French army"] == ("organisation", "")
    assert found["Niger’s military"] == ("group", "")


def test_a_noun_qualifying_another_is_not_an_actor():
    found = actors("There are concerns about France’s military presence in Niger.")
    assert "France’s military" not in found and found["France"] == ("state", "")


def test_organisations_groups_and_sources():
    found = actors(
        "The African Union and ECOWAS condemned the coup, according to a defense ministry source, "
        "while jihadists and coup leaders were blamed."
    )
    assert found["African Union"][0] == found["ECOWAS"][0] == "organisation"
    assert found["a defense ministry source"][0] == "person"
    assert found["jihadists"][0] == found["coup leaders"][0] == "group"


def test_places_and_demonyms_are_not_actors_and_capitals_act_only_as_subjects():
    found = actors("French forces are located near the capital city of Niamey in the Sahel region.")
    assert "Niamey" not in found and "Sahel" not in found and "French" not in found
    acting = actors("Relations soured since Paris recognized the regime as illegitimate.")
    assert acting["Paris"] == ("state", "")


def test_a_capitalised_word_opening_a_sentence_needs_to_be_known():
    assert actors("Currently, troops wait.") == {}
    assert "Gabon" in actors("Gabon saw the end of a dynasty.")
    assert "Bazoum" not in actors("Bazoum remains detained.")  # one unknown word: not enough
