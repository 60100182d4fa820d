"""Drafts in the shapes the version-2 format asks for, and the facts reviews found missing,
each from a sentence like the reviewed ones."""

from __future__ import annotations

from pathlib import Path

from quizgen.authoring.draft.sheet import draft_facts
from quizgen.model import Article, PartialDate

PUBLISHED = PartialDate(2023, 8, 10)  # a Thursday


def draft(body: str) -> list:
    article = Article(Path("2023-08-10-example.md"), "An example", PUBLISHED, "test", body)
    return draft_facts(article).facts


def of_type(body: str, fact_type: str) -> list[dict]:
    return [f.fields for f in draft(body) if f.type == fact_type]


def test_a_title_goes_out_of_the_name_and_the_apposition_is_the_role():
    (actor,) = of_type(
        "Colonel Assimi Goita, the leader of the junta, said the vote would be delayed.", "actor"
    )
    assert actor["name"] == "Assimi Goita" and actor["role"] == "the leader of the junta"


def test_a_bare_title_is_made_whole_with_the_articles_state():
    body = (
        "Niger's army seized power in Niger on July 26. Soldiers detained President Mohamed Bazoum "
        "in Niamey, the capital of Niger."
    )
    bazoum = next(a for a in of_type(body, "actor") if a["name"] == "Mohamed Bazoum")
    assert bazoum["role"] == "the President of Niger"  # never 'President' alone


def test_a_person_named_in_apposition_is_drafted():
    body = "The prince's father, Abdullah Al Saud, ruled for a decade before he died in 2015."
    assert any(a["name"] == "Abdullah Al Saud" for a in of_type(body, "actor"))


def test_a_company_is_a_company():
    body = "The ship is owned by the Japanese company Shoei Kisen Kaisha."
    (company,) = of_type(body, "actor")
    assert company["kind"] == "company" and company["role"] == "the Japanese company that owns the ship"


def test_an_event_is_a_clause_with_what_was_said_not_only_who_said():
    (event,) = of_type("Military officers said on Wednesday that they had dissolved the government.", "date")
    assert event["happened"] == "military officers said that they had dissolved the government"
    assert event["date"] == "2023-08-09" and event["as_written"] == "on Wednesday"


def test_the_counted_sentence_is_in_statement_order_with_its_noun():
    (number,) = of_type("Turnout reached 45 percent of registered voters.", "number")
    assert number["statement"] == "turnout reached 45 percent of registered voters"
    (count,) = of_type("The whole rescue took about 22 hours.", "number")
    assert count["statement"] == "the whole rescue took about 22 hours"


def test_ordinals_and_number_words_are_drafted():
    numbers = of_type(
        "It was the third term for the president. The siege lasted one month. "
        "The army staged the second coup that year.",
        "number",
    )
    assert {n["value"] for n in numbers} == {3, 1, 2}


def test_a_purpose_is_a_cause():
    (cause,) = of_type("Chad sent 1,000 troops to push back the advancing fighters.", "cause")
    assert cause["cause"] == "pushing back the advancing fighters"
    assert cause["effect"] == "Chad sending 1,000 troops"


def test_one_of_several_reasons_says_so():
    causes = of_type(
        "Rising insecurity was one of the reasons given for the departure of the troops.", "cause"
    )
    assert causes and causes[0]["one_of"] is True and causes[0]["cause"] == "rising insecurity"


def test_a_list_of_names_with_what_gathers_them():
    body = "The operation covered five countries, Mali, Niger, Chad, Burkina Faso and Mauritania."
    (listed,) = of_type(body, "list")
    assert listed["members"] == ["Mali", "Niger", "Chad", "Burkina Faso", "Mauritania"]
    assert listed["name"] == "the five countries" and listed["kind"] == "country"


def test_every_quoted_sentence_with_its_speaker():
    body = (
        'Luis Urzúa, the shift foreman, stepped out first. "We have done what the entire world was '
        'waiting for," Mr Urzúa told the president.'
    )
    (quote,) = of_type(body, "quote")
    assert quote["speaker"] == "Luis Urzúa" and quote["gap"] == "Mr Urzúa"
    assert quote["quote"] == "We have done what the entire world was waiting for"


def test_a_short_and_a_full_name_are_one_actor():
    body = (
        "Luis Urzúa, the shift foreman who had kept the men organised, came up last. "
        "Mr Urzúa thanked the rescuers."
    )
    assert [a["name"] for a in of_type(body, "actor")] == ["Luis Urzúa"]


def test_the_main_subject_comes_first_then_the_actors_it_names():
    body = (
        "Astronomers on Wednesday unveiled the first image ever taken of a black hole. "
        '"We have seen what we thought was unseeable," said Sheperd Doeleman, director of the project. '
        "More than 200 researchers worked on it."
    )
    facts = draft(body)
    assert facts[0].type == "date" and facts[0].fields["date"] == "2023-08-09"
    assert facts[1].type == "actor" and facts[1].fields["name"] == "Sheperd Doeleman"


def test_a_measure_written_as_one_word_with_its_number_is_drafted_as_a_clause():
    body = "A flotilla of tugboats pulled the 400-metre vessel off the bank. It ended a 69-day ordeal."
    statements = {f["statement"] for f in of_type(body, "number")}
    assert {"the vessel is 400 metres long", "the ordeal lasted 69 days"} <= statements
