"""Dates found in sentences, resolved against the publication date at their true precision."""

from __future__ import annotations

import pytest

from quizgen.model import PartialDate
from quizgen.text.dates import find_dates

PUBLISHED = PartialDate(2023, 11, 6)  # a Monday


def dates(sentence: str, published: PartialDate = PUBLISHED) -> list[tuple[str, str]]:
    return [(m.text, m.date.iso()) for m in find_dates(sentence, published)]


def test_month_and_day_take_the_publication_year():
    (mention,) = find_dates("The putsch that occurred on July 26 resulted in his removal.", PUBLISHED)
    assert (mention.text, mention.date, mention.date.precision) == (
        "July 26",
        PartialDate(2023, 7, 26),
        "day",
    )
    assert mention.relative and mention.confirm is None


def test_month_and_day_take_the_nearest_year_around_new_year():
    assert dates("Talks began on December 28.", PartialDate(2024, 1, 3)) == [("December 28", "2023-12-28")]
    assert dates("Talks resume on January 4.", PartialDate(2023, 12, 30)) == [("January 4", "2024-01-04")]


def test_last_year_is_the_year_before_publication():
    (mention,) = find_dates("Last year the junta expelled the ambassador.", PUBLISHED)
    assert mention.date == PartialDate(2022) and mention.date.precision == "year" and mention.relative


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("following military takeovers in Mali in 2020", [("2020", "2020")]),
        ("elections held in March 2021 were annulled", [("March 2021", "2021-03")]),
        ("on 5 May 2022 and on May 3, 2019", [("5 May 2022", "2022-05-05"), ("May 3, 2019", "2019-05-03")]),
        ("the report dated 2023-10-30 says", [("2023-10-30", "2023-10-30")]),
        ("the mission ends in early July", [("July", "2023-07")]),
        ("prices rose earlier this month", [("earlier this month", "2023-11")]),
        ("the base closed last month", [("last month", "2023-10")]),
        ("the treaty was signed three years ago", [("three years ago", "2020")]),
        ("aid will resume next year", [("next year", "2024")]),
    ],
)
def test_dates_at_their_true_precision(sentence, expected):
    assert dates(sentence) == expected


def test_weekday_is_resolved_and_flagged_for_confirmation():
    (mention,) = find_dates("The minister resigned on Wednesday.", PUBLISHED)
    assert mention.date == PartialDate(2023, 11, 1)  # the Wednesday before Monday 6 November
    assert (
        mention.confirm is not None and "confirm" in mention.confirm and "1 November 2023" in mention.confirm
    )


def test_next_weekday_is_after_publication_and_yesterday_is_flagged():
    (nxt,) = find_dates("Talks resume next Friday.", PUBLISHED)
    (yesterday,) = find_dates("Protesters gathered yesterday.", PUBLISHED)
    assert nxt.date == PartialDate(2023, 11, 10) and nxt.confirm
    assert yesterday.date == PartialDate(2023, 11, 5) and yesterday.confirm


@pytest.mark.parametrize(
    "sentence",
    [
        "around 2000 troops",  # a hedged count, not a year
        "1,500 French troops",
        "it may rain",  # the verb, not the month
        "a 2020-2022 plan",
        "the G5 force of 5000 men",
        "February 30 is not a day",
    ],
)
def test_what_is_not_a_date(sentence):
    assert find_dates(sentence, PUBLISHED) == []


def test_a_year_less_date_is_put_in_the_past_unless_the_future_is_much_closer_or_spoken_of():
    october = PartialDate(2010, 10, 14)
    assert dates("Chile is still recovering from the devastating earthquake of February.", october) == [
        ("February", "2010-02")
    ]
    assert dates("The summit will open on 2 February.", october) == [("2 February", "2011-02-02")]
    december = PartialDate(2015, 12, 13)
    assert dates("It will be opened for signature on 22 April next year.", december)[0] == (
        "22 April",
        "2016-04-22",
    )


def test_a_weekday_after_starting_is_after_publication():
    thursday = PartialDate(2020, 3, 12)
    (mention,) = find_dates("travel would be suspended for 30 days, starting on Friday", thursday)
    assert mention.date == PartialDate(2020, 3, 13) and mention.confirm
    (said,) = find_dates("The WHO said on Wednesday that it would act.", thursday)
    assert said.date == PartialDate(2020, 3, 11)


def test_a_year_before_1800_after_in_or_since():
    assert dates("Work on the cathedral began in 1163 and took nearly two centuries.") == [("1163", "1163")]
    assert dates("around 1500 people came, and 1200 troops") == []
    assert dates("in 1500 soldiers") == []
