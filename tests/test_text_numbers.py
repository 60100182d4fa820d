"""Numbers found in sentences: value, hedge, unit or counted noun, and whether they go stale."""

from __future__ import annotations

import pytest

from quizgen.model import PartialDate
from quizgen.text.dates import find_dates
from quizgen.text.numbers import find_numbers, words_value


def numbers(sentence: str) -> list:
    taken = [(d.start, d.end) for d in find_dates(sentence, PartialDate(2023, 11, 6))]
    return find_numbers(sentence, taken)


def test_hedged_count_with_its_noun_and_present_tense():
    (n,) = numbers("Currently, around 1,500 French troops are stationed in Niger as part of a larger effort.")
    assert (n.value, n.hedge, n.number_text, n.text) == (1500, "around", "1,500", "around 1,500")
    assert n.counted == "French troops are stationed in Niger"
    assert n.present  # "Currently ... are": the fact needs an as_of date


@pytest.mark.parametrize(
    ("sentence", "value", "hedge"),
    [
        ("more than 200 people were arrested", 200, "more than"),
        ("nearly 40 soldiers died", 40, "nearly"),
        ("at least 20,000 people fled", 20000, "at least"),
        ("some 3,000 residents left", 3000, "about"),
        ("up to 12 flights a day", 12, "up to"),
        ("fewer than 10 observers stayed", 10, "fewer than"),
        ("an estimated 5 million people need aid", 5_000_000, "about"),
    ],
)
def test_hedges(sentence, value, hedge):
    (n,) = numbers(sentence)
    assert (n.value, n.hedge) == (value, hedge)


@pytest.mark.parametrize(
    ("sentence", "value", "number_text"),
    [
        ("two hundred and fifty delegates met", 250, "two hundred and fifty"),
        ("three ministers resigned", 3, "three"),
        ("twenty-five villages were hit", 25, "twenty-five"),
        ("a dozen soldiers were wounded", 12, "a dozen"),
        ("a million people voted", 1_000_000, "a million"),
        ("1.5 million people voted", 1_500_000, "1.5 million"),
    ],
)
def test_numbers_in_words_and_scales(sentence, value, number_text):
    (n,) = numbers(sentence)
    assert (n.value, n.number_text) == (value, number_text)


def test_percentages():
    (a,) = numbers("Turnout reached 42% of voters.")
    (b,) = numbers("The party won 12.5 per cent of the vote.")
    assert (a.value, a.unit, a.counted) == (42, "percent", "of voters")
    assert (b.value, b.unit, b.number_text) == (12.5, "percent", "12.5 per cent")


def test_money():
    (a,) = numbers("The World Bank pledged $3.5 billion in loans.")
    (b,) = numbers("Paris froze nearly 2 million euros of aid.")
    (c,) = numbers("The fine was 500 CFA francs.")
    assert (a.value, a.unit, a.number_text) == (3_500_000_000, "dollars", "$3.5 billion")
    assert (b.value, b.unit, b.hedge) == (2_000_000, "euros", "nearly")
    assert (c.value, c.unit) == (500, "CFA francs")


@pytest.mark.parametrize(
    "sentence",
    [
        "The putsch that occurred on July 26 ended his rule.",  # a day of a date
        "military takeovers in Mali in 2020 and Burkina Faso in 2022",  # years
        "one of the officers spoke",  # "one of": not a quantity
        "the G5 Sahel force and COVID-19",  # parts of names
        "the meeting started at 10:30",
    ],
)
def test_what_is_not_a_number(sentence):
    assert numbers(sentence) == []


def test_words_value():
    assert words_value("two hundred and fifty") == 250
    assert words_value("three thousand five hundred") == 3500
    assert words_value("one") is None and words_value("a") is None


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("ending a 69-day ordeal", 69),
        ("pulled the 400-metre vessel off the bank", 400),
        ("the 193-kilometre canal", 193),
        ("cases rose 13-fold", 13),
        ("holding the rise to well below 2C above pre-industrial levels", 2),
        ("to limit it to 1.5C, a tougher goal", 1.5),
    ],
)
def test_a_measure_joined_to_its_number_keeps_the_number(sentence, value):
    assert [m.value for m in find_numbers(sentence)] == [value]


def test_to_joins_two_numbers_that_share_their_noun():
    (joined,) = find_numbers("the building had come within 15 to 30 minutes of being lost")
    assert (joined.value, joined.high, joined.text) == (15, 30, "15 to 30")
    falling = find_numbers("a cut in interest rates from 0.75% to 0.25%")
    assert [m.value for m in falling] == [0.75, 0.25]  # a fall, not a range


def test_one_before_a_measure_is_a_number_and_one_of_is_not():
    assert [m.value for m in find_numbers("The siege lasted one month.")] == [1]
    assert find_numbers("one of the officers spoke to no one") == []


def test_whole_numbers_in_words_as_students_write_them():
    from quizgen.text.numbers import number_words

    assert [number_words(n) for n in (12, 25, 200, 101, 60_000_000, 4291, 1.5)] == [
        "twelve", "twenty-five", "two hundred", "one hundred and one", "sixty million", None, None,
    ]  # fmt: skip


def test_an_option_keeps_the_answers_decimal_places():
    from quizgen.text.numbers import format_like

    assert format_like(4.0, "5.9%") == "4.0%"  # not '4%' beside '5.9%'
    assert format_like(7e9, "$9.6bn") == "$7.0bn"
    assert format_like(12.0, "12%") == "12%"
