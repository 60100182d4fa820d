# ruff: noqa: E501  (a table of questions, one per line)
"""How a number fact is asked: the shapes judges flagged on the dev set, each with the question
a teacher would write (or the sentence to complete, where no wh-question reads well)."""

from pathlib import Path

import pytest

from quizgen.model import Location, NumberFact, PartialDate


def _asked(statement: str, value: float) -> str:
    fact = NumberFact(id="n", evidence=statement, location=Location(Path("s.yaml")), value=value,
                      statement=statement, version=2)  # fmt: skip
    return fact.prompt_text()


@pytest.mark.parametrize(
    ("statement", "value", "asked"),
    [
        # a preposition before the number goes with it, never stranded twice
        ("doctors said the miners would be kept in hospital for observation for about two days", 2,
         "According to doctors, for about how many days would the miners be kept in hospital for observation?"),
        # a period before or after a named day goes with the count
        ("the Notre-Dame fire came six days before Easter", 6, "How many days before Easter did the Notre-Dame fire come?"),
        # a change without 'by' is asked with it
        ("the Dow Jones Industrial Average fell 10%", 10, "By what percentage did the Dow Jones Industrial Average fall?"),
        # a threshold passed: what sum, not 'how much had … passed'
        ("pledges for Notre-Dame had passed €700m by 16 April", 700_000_000,
         "What sum had pledges for Notre-Dame passed by 16 April?"),
        # an aside after the counted noun is left out of the question
        ("60 million people, Italy's entire population, were placed under lockdown", 60_000_000,
         "How many people were placed under lockdown?"),
        # inside 'worth …' or a passive's agent, no wh-phrase reads well: completed instead
        ("the closure of the Suez Canal was holding up goods worth about $400m an hour", 400_000_000,
         "Complete the sentence: The closure of the Suez Canal was holding up goods worth about _____ an hour."),
        ("the agreement was adopted by negotiators from 195 countries", 195,
         "Complete the sentence: The agreement was adopted by negotiators from _____ countries."),
        # shapes that were right stay so
        ("the United States would suspend travel from 26 European countries", 26,
         "From how many European countries would the United States suspend travel?"),
        ("the Bank of England cut interest rates from 0.75% to 0.25%", 0.25,
         "To what percentage did the Bank of England cut interest rates from 0.75%?"),
    ],
)  # fmt: skip
def test_a_number_is_asked_in_the_shape_a_teacher_would_write(statement, value, asked):
    assert _asked(statement, value) == asked


def test_a_day_after_the_object_is_asked_first():
    statement = "the Dow Jones Industrial Average closed 20% below its record high on 11 March 2020"
    assert _asked(statement, 20) == (
        "On 11 March 2020, by what percentage did the Dow Jones Industrial Average close below its record high?"
    )


def test_a_lower_bound_is_asked_as_a_sentence_to_complete():
    # judges found 'More than how many firefighters fought the blaze?' odd in three rounds
    assert _asked("more than 400 firefighters fought the blaze", 400) == (
        "Complete the sentence: More than _____ firefighters fought the blaze."
    )


def test_a_day_that_ends_a_statement_opens_it():
    statement = "the Dow closed more than 20% below its record high on 11 March 2020"
    fact = NumberFact(id="n", evidence=statement, location=Location(Path("s.yaml")), value=20,
                      statement=statement, version=2)  # fmt: skip
    assert fact.sentence() == "On 11 March 2020, the Dow closed more than 20% below its record high."
    assert fact.crossed(10) == "On 11 March 2020, the Dow closed less than 10% below its record high."


def test_after_a_stamp_a_common_word_is_lower_cased_a_name_is_not():
    def stamped(statement: str, value: float) -> str | None:
        fact = NumberFact(id="n", evidence=statement, location=Location(Path("s.yaml")), value=value,
                          statement=statement, as_of=PartialDate(2015, 12), version=2)  # fmt: skip
        return fact.sentence()

    assert stamped("Scientists say the planet has warmed by about 1C", 1).startswith(
        "As of December 2015, scientists"
    )
    assert stamped("Italy placed 60 million people under lockdown", 60e6).startswith(
        "As of December 2015, Italy"
    )


@pytest.mark.parametrize(("statement", "value", "band"), [
    ("about 60 million people were placed under lockdown", 60_000_000, (54_000_000, 66_000_000)),
    ("about 12 million people visit it every year", 12_000_000, (10_800_000, 13_200_000)),
    ("rates fell to about 0.25%", 0.25, (0.225, 0.275)),
])  # fmt: skip
def test_a_hedged_band_is_written_without_float_noise(statement, value, band):
    """An Anki key read 'any number from 54,000,000 to 66,000,000.00000001'."""
    fact = NumberFact(id="n", evidence=statement, location=Location(Path("s.yaml")), value=value,
                      statement=statement, version=2)  # fmt: skip
    assert fact.tolerance() == band


@pytest.mark.parametrize(("statement", "value", "side"), [
    ("more than 400 firefighters fought the blaze", 400, "below"),
    ("it could take up to 12 days", 12, "above"),
    ("the ship is able to carry 20,000 containers", 20000, "above"),
    ("400 firefighters fought the blaze", 400, None),
])  # fmt: skip
def test_a_false_value_lies_across_a_bound_or_above_a_capacity(statement, value, side):
    fact = NumberFact(id="n", evidence=statement, location=Location(Path("s.yaml")), value=value,
                      statement=statement, version=2)  # fmt: skip
    assert fact.false_side == side


def test_an_approximation_makes_a_quarter_either_side_arguable():
    fact = NumberFact(id="n", evidence="about four days", location=Location(Path("s.yaml")), value=4,
                      statement="it could take about four days", version=2)  # fmt: skip
    assert fact.arguable() == (3.0, 5.0)
    exact = NumberFact(id="n", evidence="four days", location=Location(Path("s.yaml")), value=4,
                       statement="it took four days", version=2)  # fmt: skip
    assert exact.arguable() == exact.tolerance() == (4.0, 4.0)
