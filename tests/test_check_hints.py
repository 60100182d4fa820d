"""Checks that teach: each problem says what the article or the evidence does say."""

from __future__ import annotations

from pathlib import Path

from quizgen.check import check_sheet
from quizgen.check.hints import closest_passage, first_difference
from quizgen.load.article import load_article
from quizgen.model import ActorFact, DateFact, FactSheet, Location, NumberFact, PartialDate

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source_articles" / "2023-11-06-french-army-niger-withdrawal-talks.md"
HERE = Location(Path("decks/sahel/x.yaml"), 7, 5)
COUP = (
    "The putsch that occurred on July 26 resulted in the removal of French ally President Mohamed Bazoum "
    "from power"
)
TAKEOVERS = "following military takeovers in Mali in 2020 and Burkina Faso in 2022"
TROOPS = "Currently, around 1,500 French troops are stationed in Niger"


def problems(fact):
    article = load_article(SEED)
    return check_sheet(FactSheet(HERE.path, SEED.name, HERE, article, (fact,)))


def test_misquoted_evidence_shows_the_closest_passage_and_the_difference():
    fact = NumberFact(
        id="t",
        evidence="Currently, about 1,500 French troops are stationed in Niger",
        location=HERE,
        value=1500,
        how_many="x",
    )
    (problem,) = problems(fact)
    assert str(problem).startswith("decks/sahel/x.yaml:7:5: evidence of 't' is not in the article")
    assert "closest passage (" in problem.message and f'"{TROOPS}"' in problem.message
    assert "the sheet has 'about' where the article has 'around'" in problem.message


def test_evidence_far_from_any_passage_says_so():
    fact = ActorFact(
        id="t", evidence="The moon is made of cheese.", location=HERE, name="moon", kind="group", role="x"
    )
    assert "no passage of the article is close to it" in problems(fact)[0].message


def test_a_day_when_the_evidence_gives_only_the_year():
    fact = DateFact(
        id="t", evidence=TAKEOVERS, location=HERE, event="x", date=PartialDate(2020, 7, 26), gap="2020"
    )
    (problem,) = problems(fact)
    assert problem.severity == "error"  # the cards would teach a day the article never gives
    assert problem.message == (
        "the date of 't' (2020-07-26) is more precise than its evidence, which gives only the year ('2020'): "
        "write date: 2020, or quote evidence that gives the day"
    )


def test_a_day_without_a_gap_gets_the_same_advice():
    fact = DateFact(id="t", evidence=TAKEOVERS, location=HERE, event="x", date=PartialDate(2020, 3))
    (problem,) = problems(fact)
    assert "is not visible in its evidence" in problem.message
    assert "; its evidence gives only the year ('2020'): write date: 2020, or quote" in problem.message


def test_a_wrong_day_shows_the_day_the_evidence_gives():
    fact = DateFact(id="t", evidence=COUP, location=HERE, event="x", date=PartialDate(2023, 7, 25))
    (problem,) = problems(fact)
    assert "its evidence gives 2023-07-26 ('July 26'): correct the date" in problem.message


def test_a_relative_date_asks_for_a_gap():
    article_free = DateFact(id="t", evidence=COUP, location=HERE, event="x", date=PartialDate(2023, 7, 26))
    assert problems(article_free) == []  # "July 26" is a spelling check already knows


def test_a_number_not_in_its_evidence_is_flagged_with_what_it_gives():
    fact = NumberFact(id="t", evidence=TROOPS, location=HERE, value=1600, how_many="x")
    (problem,) = problems(fact)
    assert problem.severity == "error" and "'1,600'" in problem.message  # contradicts its quote
    assert "its evidence gives 1,500 ('around 1,500'): correct the value" in problem.message


def test_a_number_hidden_behind_a_gap_is_still_checked():
    fact = NumberFact(id="t", evidence=TROOPS, location=HERE, value=1600, how_many="x", gap="1,500")
    (problem,) = problems(fact)
    assert problem.message.startswith("the value of 't' (1,600) is not in its evidence, which")
    assert "gives 1,500" in problem.message


def test_a_misspelt_name_gets_a_suggestion():
    fact = ActorFact(id="t", evidence=COUP, location=HERE, name="Mohamed Bazum", kind="person", role="x")
    (problem,) = problems(fact)
    assert "the evidence has 'Mohamed Bazoum'" in problem.message and problem.severity == "error"


def test_a_name_the_evidence_does_not_give_at_all_is_only_a_warning():
    fact = ActorFact(id="t", evidence=COUP, location=HERE, name="The junta", kind="group", role="x")
    (problem,) = problems(fact)
    assert problem.severity == "warning" and "is not visible in its evidence" in problem.message


def test_draft_facts_are_listed():
    fact = ActorFact(
        id="t", evidence=COUP, location=HERE, name="Mohamed Bazoum", kind="person", role="x", draft=True
    )
    (problem,) = problems(fact)
    assert problem.severity == "warning"
    assert problem.message.startswith("draft fact 't', confirm it by removing `draft: true`")


def test_closest_passage_and_difference_helpers():
    body = "One two three four. Five six seven eight nine."
    passage, ratio = closest_passage("six seven ate nine", body)
    assert passage == "six seven eight nine." and ratio > 0.8
    assert (
        first_difference("six seven ate nine", passage) == "the sheet has 'ate' where the article has 'eight'"
    )
    assert first_difference("six seven nine", passage) == "the sheet leaves out 'eight'"
