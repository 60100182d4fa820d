"""Likely aliases: one event written two ways, across the sheets of a deck (issue 11)."""

from __future__ import annotations

from pathlib import Path

from quizgen.check.aliases import check_aliases
from quizgen.model import CauseFact, DateFact, Deck, DeckSettings, FactSheet, Location, PartialDate

HERE = Location(Path("a.yaml"), 3, 5)


def _deck(*facts) -> Deck:
    sheets = tuple(FactSheet(Path(f"{i}.yaml"), "a.md", HERE, None, (f,)) for i, f in enumerate(facts))
    return Deck(DeckSettings(key="d", path=Path("deck.yaml"), name="D"), sheets)


def _date(fact_id: str, event: str, year: int, **extra) -> DateFact:
    return DateFact(id=fact_id, evidence="e", location=HERE, event=event, date=PartialDate(year), **extra)


def test_one_event_in_two_sheets_under_two_names_is_flagged_with_the_fix():
    problems = check_aliases(
        _deck(
            _date("a", "the military takeover in Mali", 2020),
            _date("b", "the first of two coups in Mali", 2020),
        )
    )
    (problem,) = problems
    assert problem.severity == "warning"
    assert "looks like 'the military takeover in Mali' ('a')" in problem.message
    assert "add same_as: [a]" in problem.message


def test_declared_aliases_and_different_places_are_not_flagged():
    declared = _date("b", "the first of two coups in Mali", 2020, same_as=("a",))
    assert check_aliases(_deck(_date("a", "the military takeover in Mali", 2020), declared)) == []
    other_place = _date("b", "the military takeover in Burkina Faso", 2022)
    assert check_aliases(_deck(_date("a", "the military takeover in Mali", 2020), other_place)) == []
    other_event = _date("b", "the election in Mali", 2018)
    assert check_aliases(_deck(_date("a", "the military takeover in Mali", 2020), other_event)) == []


def test_one_cause_of_two_effects_is_not_an_alias_but_two_wordings_are():
    def cause(fact_id: str, cause_text: str, effect: str) -> CauseFact:
        return CauseFact(id=fact_id, evidence="e", location=HERE, cause=cause_text, effect=effect)

    same = cause("a", "the rescue", "celebrations"), cause("b", "the rescue", "questions about safety")
    assert check_aliases(_deck(*same)) == []
    reworded = (
        cause("a", "the rescue of the miners", "celebrations"),
        cause("b", "the miners' rescue", "questions"),
    )
    assert len(check_aliases(_deck(*reworded))) == 1


def test_two_events_of_one_day_are_not_aliases_for_one_shared_word():
    alarm = _date("a", "the first fire alarm sounded", 2019)
    fire = _date("b", "a fire destroyed most of the roof of the cathedral", 2019)
    assert check_aliases(_deck(alarm, fire)) == []
