"""The junk classes reviews of drafts found, each from a sentence like the reviewed ones: the
filter in junk.py, and the draft of the sentence that no longer holds the junk."""

from __future__ import annotations

from pathlib import Path

from quizgen.authoring.draft import junk
from quizgen.authoring.draft.sheet import draft_facts
from quizgen.model import Article, PartialDate
from quizgen.text.dates import find_dates
from quizgen.text.numbers import find_numbers

PUBLISHED = PartialDate(2023, 8, 10)  # a Thursday


def draft(body: str) -> list:
    article = Article(Path("2023-08-10-example.md"), "An example", PUBLISHED, "test", body)
    return draft_facts(article).facts


def actors(body: str) -> dict[str, str]:
    return {f.fields["name"]: f.fields["kind"] for f in draft(body) if f.type == "actor"}


def test_a_country_or_a_capital_named_as_a_place_is_no_actor():
    body = (
        "Soldiers patrolled the streets of Niamey on Wednesday. Protests spread across Mali, "
        "and convoys left Niamey for the border."
    )
    found = actors(body)
    assert "Niamey" not in found and "Mali" not in found
    sentence = "Protests spread across Mali"
    assert junk.place_as_actor("Mali", "state", False, sentence, sentence.index("Mali"))
    assert junk.place_as_actor("Niamey", "state", False, "They left Niamey", 10)


def test_a_number_that_is_part_of_a_name_is_no_number():
    sentence = "The news channel France 24 said that 300 people had fled the capital."
    mentions = find_numbers(sentence)
    assert [junk.number_in_name(sentence, m) for m in mentions] == [True, False]
    values = [f.fields.get("value") for f in draft(sentence) if f.type == "number"]
    assert values == [300]
    named = "The capsule was named Fénix 2 and carried 33 miners."
    assert [m.value for m in find_numbers(named) if not junk.number_in_name(named, m)] == [33]


def test_a_common_noun_or_an_adjective_is_no_actor():
    body = (
        "Russian mercenaries from the Wagner group arrived in Bamako in June. "
        "West African leaders met in Abuja on Wednesday to discuss the crisis."
    )
    found = actors(body)
    assert "mercenaries" not in found and "Russian mercenaries" not in found
    assert "West African" not in found
    assert junk.common_noun_actor("West African", "group", "")
    assert junk.common_noun_actor("mercenaries", "group", "")


def test_an_operation_or_an_armed_group_is_no_person():
    assert junk.wrong_person("Operation Barkhane", "person")
    assert junk.kind_for("Operation Barkhane", "person") == "operation"
    assert junk.wrong_person("the Wagner group", "person")
    assert junk.kind_for("the Wagner group", "person") == "group"
    body = "Operation Barkhane ended in 2022, after the Wagner group had arrived in Mali."
    found = actors(body)
    assert all(kind != "person" for kind in found.values())


def test_a_stretch_of_time_is_no_cause_or_effect():
    assert junk.time_as_cause("hours") and junk.time_as_cause("a month")
    assert junk.time_as_cause("two years later") and not junk.time_as_cause("the coup")
    facts = draft("Rescuers dug for hours after the collapse. The talks resumed after a month.")
    causes = [(f.fields["cause"], f.fields["effect"]) for f in facts if f.type == "cause"]
    assert not any(junk.time_as_cause(c) or junk.time_as_cause(e) for c, e in causes)


def test_a_counting_window_is_no_date():
    sentence = "The insurgency has killed more than 3,000 people since 2015."
    (mention,) = find_dates(sentence, PUBLISHED)
    assert junk.counting_window(sentence, mention)
    assert not [f for f in draft(sentence) if f.type == "date"]
    since = "The canal has linked the Mediterranean and the Red Sea since 1869."
    (start,) = find_dates(since, PUBLISHED)
    assert not junk.counting_window(since, start)  # the start of something that goes on: a date
    dated = [f.fields for f in draft(since) if f.type == "date"]
    assert dated and dated[0]["since"] is True


def test_a_deadline_and_a_date_that_is_a_subject_are_no_dates():
    sentence = "A new goal is to be agreed before 2025."
    (mention,) = find_dates(sentence, PUBLISHED)
    assert junk.deadline(sentence, mention)
    subject = "Scientists say that this year is on course to be the hottest on record."
    (year,) = find_dates(subject, PUBLISHED)
    assert junk.date_is_subject(subject, year)
    assert not [f for f in draft(sentence + " " + subject) if f.type == "date"]
