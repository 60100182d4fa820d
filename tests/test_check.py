"""The check stage: evidence against the article, and the quality of generated questions."""

from __future__ import annotations

from pathlib import Path

from quizgen.check import check_questions, check_sheet
from quizgen.model import (
    ActorFact,
    Article,
    Deck,
    DeckSettings,
    FactSheet,
    Location,
    NumberFact,
    PartialDate,
    Question,
    Source,
)

ARTICLE = Article(
    Path("a.md"),
    "Title",
    PartialDate(2023, 11, 6),
    "src",
    "Niger\u2019s Prime Minister \u2014 Ali Zeine \u2014 spoke.\nAbout 1,500 troops  remain.",
)
SOURCE = Source("Title", PartialDate(2023, 11, 6), "a.md")
HERE = Location(Path("s.yaml"), 4, 5)


def _sheet(*facts) -> FactSheet:
    return FactSheet(Path("s.yaml"), "a.md", HERE, ARTICLE, facts)


def _deck(*facts) -> Deck:
    return Deck(DeckSettings("d", Path("deck.yaml"), "D"), (_sheet(*facts),))


def test_evidence_matches_despite_quotes_dashes_and_spacing():
    fact = ActorFact(
        id="zeine",
        evidence="Niger's Prime Minister - Ali Zeine - spoke. About 1,500 troops remain.",
        location=HERE,
        name="Ali Zeine",
        kind="person",
        role="prime minister",
    )
    assert check_sheet(_sheet(fact)) == []


def test_evidence_not_in_article_is_an_error_at_the_fact():
    fact = NumberFact(id="t", evidence="About 2,500 troops remain.", location=HERE, value=2500, how_many="x")
    (problem,) = check_sheet(_sheet(fact))
    assert problem.severity == "error" and problem.location == HERE
    assert "not in the article" in problem.message


def test_value_contradicted_by_its_evidence_is_an_error_at_the_value():
    where = Location(Path("s.yaml"), 7, 12)
    fact = NumberFact(
        id="t",
        evidence="About 1,500 troops remain.",
        location=HERE,
        value=1600,
        how_many="x",
        locations={"value": where},
    )
    (problem,) = check_sheet(_sheet(fact))
    assert problem.severity == "error" and "'1,600'" in problem.message and problem.location == where


def _question(**fields) -> Question:
    base = dict(
        deck="d", fact_id="t", form="f", kind="recall", prompt="How many?", answer="1,500",
        evidence="e", source=SOURCE, tags=("number",),
    )  # fmt: skip
    return Question(**{**base, **fields})


def _faults(question: Question, **fact_fields) -> list[str]:
    fact = NumberFact(id="t", evidence="e", location=HERE, value=1500, how_many="x", **fact_fields)
    return [p.message for p in check_questions(_deck(fact), (question,))]


def test_a_good_question_has_no_fault():
    assert _faults(_question()) == []


def test_a_leaked_answer_is_caught():
    (message,) = _faults(_question(prompt="Were 1,500 troops there? How many?"))
    assert "gives away its answer" in message


def test_duplicate_options_are_caught():
    faults = _faults(_question(kind="choice", options=("900", "1,500", "900")))
    assert any("duplicate options" in f for f in faults)


def test_an_also_true_option_offered_as_wrong_is_caught():
    faults = _faults(
        _question(kind="choice", options=("900", "1,500", "2,000", "4,000")), also_true=("2,000",)
    )
    assert faults == ["d/t/f: offers '2,000', which is also true, as a wrong option"]


def test_an_empty_prompt_is_caught():
    assert "empty prompt or answer" in _faults(_question(prompt=" "))[0]


def test_a_hand_written_question_that_leaks_fails_check(project, run_cli):
    sheet = Path("decks/sahel/french-army-niger-withdrawal-talks.yaml")
    text = sheet.read_text(encoding="utf-8")
    text = text.replace(
        "    name: Mohamed Bazoum\n",
        "    name: Mohamed Bazoum\n    questions:\n      who: Who is Mohamed Bazoum?\n",
        1,
    )
    sheet.write_text(text, encoding="utf-8")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "sahel/mohamed-bazoum/who: the prompt gives away its answer 'Mohamed Bazoum'" in result.stderr
