"""What a question's surroundings show (generate/surroundings.py): the card's context line and
the worksheet's header never show its answer; a bare number or month does not count."""

from __future__ import annotations

from pathlib import Path

from quizgen.generate.surroundings import card_context, header_shows, shown_by_header
from quizgen.model import DeckSettings, Question, Source


def _question(answer: str) -> Question:
    return Question(deck="d", fact_id="f", form="when", kind="recall", prompt="When?", answer=answer,
                    evidence="", source=Source("T", None, "a.md"), tags=())  # fmt: skip


def _settings(description: str) -> DeckSettings:
    return DeckSettings(key="d", path=Path("deck.yaml"), name="D", description=description)


def test_a_header_that_prints_the_answer_shows_it_a_bare_number_does_not():
    date = _question("15 April 2019")
    assert header_shows(_settings("The fire of 15 April 2019."), date, {})
    assert not header_shows(_settings("The fire of April 2019."), date, {})
    assert not header_shows(_settings("The 15 crews who fought it."), _question("15"), {})


def test_a_card_goes_without_a_context_that_names_its_answer():
    assert card_context("The Notre-Dame fire, 2019", _question("2019"), {}) == ""
    assert card_context("The Notre-Dame fire, 2019", _question("400"), {}) == "The Notre-Dame fire, 2019"


def test_a_deck_s_questions_checked_together_are_those_checked_one_by_one():
    """shown_by_header looks each text up once for the whole deck: the same verdicts, in order,
    as each question on its own, with answers repeated and a bare number among them."""
    settings = _settings("The fire of 15 April 2019, and the 400 firefighters of Paris.")
    answers = ["15 April 2019", "400", "Paris", "Lyon", "400", "True", "15", "15 April 2019", "Notre-Dame"]
    questions = [_question(a) for a in answers]
    shown = shown_by_header(settings, questions, {})
    assert shown == [q for q in questions if header_shows(settings, q, {})]
    assert [q.answer for q in shown] == ["15 April 2019", "Paris", "15 April 2019"]  # 400 is bare
    assert shown_by_header(_settings(""), questions, {}) == []
