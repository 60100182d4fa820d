"""The question critic: every class of fault found when judging generated questions has a
minimal sheet here, and `check` reports it at the fact with its fix (issue 10, issue 11)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.check.critic import criticise
from quizgen.cli import main
from quizgen.model import ActorFact, Cloze, Deck, DeckSettings, Location, PartialDate, Question, Source


def _question(kind: str, prompt: str, form: str = "f", **fields) -> Question:
    source = Source("T", PartialDate(2024, 3, 15), "a.md")
    return Question(
        "d", "x", form, kind, prompt, fields.pop("answer", "A"), "e", source, ("actor",), **fields
    )


def _actor(kind: str) -> ActorFact:
    return ActorFact(id="x", evidence="e", location=Location(Path("s.yaml")), name="X", kind=kind, role="r")


def _faults(question: Question, fact=None) -> list[str]:
    """The critic's messages for one question, cut before their first colon."""
    deck = Deck(DeckSettings(key="d", path=Path("deck.yaml"), name="D"), ())
    if fact is not None:
        from quizgen.model import FactSheet

        deck = Deck(
            deck.settings, (FactSheet(Path("s.yaml"), "a.md", Location(Path("s.yaml")), None, (fact,)),)
        )
    return [message.split(":")[0].split(" (")[0] for _, _, message in criticise(deck, (question,))]


ARTICLE = """---
title: "Solar farm opens"
published: 2024-03-15
source: "test"
---
The solar farm, which opened on Wednesday, covers five villages: Ash, Birch, Cedar, Dale and Elm.
The panels are expected to supply about 1,300 homes. Mayor Jo Reed, 41, opened it.
The farm was built by Sunco after a vote by the council. The Wagner group objected.
The Greens said the farm was welcome. The removal of the old mill led to the farm being built.
"""


def check(tmp_path: Path, facts: str, *, deck_extra: str = "", version: int = 2, second: bool = False):
    """Run `quizgen check --strict` on a one-sheet deck (two sheets with ``second``)."""
    (tmp_path / "source_articles").mkdir(parents=True)
    (tmp_path / "source_articles" / "2024-03-15-solar.md").write_text(ARTICLE, encoding="utf-8")
    deck = tmp_path / "decks" / "d"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text(f'name: "D"\n{deck_extra}', encoding="utf-8")
    body = f"version: {version}\narticle: 2024-03-15-solar.md\nfacts:\n" + textwrap.indent(
        textwrap.dedent(facts), "  "
    )
    (deck / "solar.yaml").write_text(body, encoding="utf-8")
    if second:
        other = ARTICLE.replace("Solar farm opens", "Wind farm opens").replace("2024-03-15", "2024-03-16")
        (tmp_path / "source_articles" / "2024-03-16-wind.md").write_text(other, encoding="utf-8")
        (deck / "wind.yaml").write_text(
            body.replace("2024-03-15-solar.md", "2024-03-16-wind.md").replace("id: ", "id: w-"),
            encoding="utf-8",
        )
    result = CliRunner().invoke(main, ["check", "--strict", str(deck)], catch_exceptions=False)
    return result


def test_a_clean_sheet_passes(tmp_path):
    result = check(
        tmp_path,
        """
        - id: homes
          type: number
          value: 1300
          statement: the panels at Ash are expected to supply about 1,300 homes
          evidence: "The panels are expected to supply about 1,300 homes."
        """,
    )
    assert result.exit_code == 0, result.stderr


def test_a_subject_that_does_not_say_which_one_is_flagged_at_its_line(tmp_path):
    result = check(
        tmp_path,
        """
        - id: homes
          type: number
          value: 1300
          statement: the panels are expected to supply about 1,300 homes
          evidence: "The panels are expected to supply about 1,300 homes."
        """,
    )
    assert result.exit_code == 1
    assert "solar.yaml:8:5: warning: 'the panels' does not say which panels it is" in result.stderr


def test_class1_a_phrase_in_a_shape_it_was_not_written_for(tmp_path):
    # Version 1's how_many in question order made "About 1,300 homes are the … expected to supply."
    result = check(
        tmp_path,
        """
        - id: homes
          type: number
          value: 1300
          hedge: about
          how_many: homes are the panels expected to supply
          evidence: "The panels are expected to supply about 1,300 homes."
        """,
        version=1,
    )
    assert result.exit_code == 0, result.stderr  # the statement is not made from question order
    preview = CliRunner().invoke(main, ["preview", str(tmp_path / "decks" / "d")], catch_exceptions=False)
    assert "homes/true_false  [skipped]" in preview.stdout
    assert "are the panels expected to supply." not in preview.stdout
    # and the critic refuses such a statement wherever it comes from
    bad = _question("true_false", "About 1,300 homes are the panels expected to supply.")
    assert _faults(bad) == ["the statement is in question order"]
    assert _faults(_question("true_false", "5 countries did the mandate cover.")) == [
        "the sentence starts with a digit",
        "the statement is in question order",
    ]


def test_class2_a_sentence_that_starts_with_a_digit(tmp_path):
    result = check(
        tmp_path,
        """
        - id: villages
          type: number
          value: 5
          statement: the farm covers five villages
          questions: {how_many: "5 villages, or how many, does the farm cover?"}
          evidence: "covers five villages"
        """,
    )
    assert "villages/how_many: the sentence starts with a digit" in result.stderr


def test_class3_clunky_event_wording(tmp_path):
    result = check(
        tmp_path,
        """
        - id: removal
          type: date
          event: the removal of the old mill
          date: 2024-03-13
          as_written: on Wednesday
          evidence: "The solar farm, which opened on Wednesday, covers five villages"
          skip: [cloze]
        """,
    )
    assert "'did the <noun> of … take place?' reads badly" in result.stderr


def test_class4_agreement_and_articles(tmp_path):
    capital = check(
        tmp_path / "a",
        """
        - id: mill
          type: cause
          cause: The removal of the old mill
          effect: the farm being built
          evidence: "The removal of the old mill led to the farm being built."
          gap: "the farm being built"
        """,
    )
    assert "start with 'the': the phrase stands mid-sentence" in capital.stderr
    bare = check(
        tmp_path / "b",
        """
        - id: wagner
          type: actor
          name: Wagner group
          kind: organisation
          role: the mercenary group that objected
          evidence: "The Wagner group objected."
        """,
    )
    assert "'Wagner group' reads without an article mid-sentence: give display:" in bare.stderr
    plural = _question("recall", "Which group was the armed groups that French troops fight?", form="who")
    assert _faults(plural, fact=_actor("group")) == ["'Which group was' does not agree with the plural"]


def test_class5_role_questions_only_where_a_role_is_stated(tmp_path):
    result = check(
        tmp_path,
        """
        - id: greens
          type: actor
          name: The Greens
          kind: group
          role: the party that welcomed the farm
          evidence: "The Greens said the farm was welcome."
        """,
    )
    assert "a role question about it has no single answer" in result.stderr


def test_class6_the_answer_given_in_the_stem(tmp_path):
    result = check(
        tmp_path,
        """
        - id: mill
          type: cause
          cause: the removal of the old mill
          effect: the farm being built after the mill's removal
          evidence: "The removal of the old mill led to the farm being built."
          gap: "the farm being built"
        """,
    )
    assert "mill/why: the question gives its answer away" in result.stderr


def test_class7_a_weekday_alone_is_never_the_gap(tmp_path):
    result = check(
        tmp_path,
        """
        - id: opened
          type: date
          happened: the solar farm at Ash opened
          date: 2024-03-13
          as_written: on Wednesday
          gap: Wednesday
          evidence: "The solar farm, which opened on Wednesday, covers five villages"
        """,
    )
    assert result.exit_code == 0, result.stderr  # the generator skips such a cloze …
    cloze = _question(
        "cloze", "The farm opened on _____.", cloze=Cloze("The farm opened on ", "Wednesday", ".")
    )
    assert _faults(cloze) == ["the cloze blanks 'Wednesday' alone"]  # … and the critic would refuse it


def test_class7_a_list_that_gives_a_count_away(tmp_path):
    result = check(
        tmp_path,
        """
        - id: villages
          type: number
          value: 5
          statement: the solar farm covers five villages
          evidence: "which opened on Wednesday, covers five villages: Ash, Birch, Cedar, Dale and Elm."
        """,
    )
    assert (
        "villages/cloze: the cloze blanks a count ('five') next to a list that gives it away" in result.stderr
    )


def test_class9_the_article_in_a_deck_of_several(tmp_path):
    result = check(
        tmp_path,
        """
        - id: reed
          type: actor
          name: Jo Reed
          kind: person
          role: the mayor who opened the farm
          evidence: "Mayor Jo Reed, 41, opened it."
          questions: {who: "Who, in the article, opened the farm?"}
        """,
        second=True,
    )
    assert "says 'the article' in a deck of several articles" in result.stderr


@pytest.mark.parametrize("form", ["role"])
def test_generated_questions_name_their_article_in_a_deck_of_several(tmp_path, form):
    result = check(
        tmp_path,
        """
        - id: reed
          type: actor
          name: Jo Reed
          kind: person
          role: the mayor who opened the farm
          evidence: "Mayor Jo Reed, 41, opened it."
        """,
        second=True,
    )
    assert "in a deck of several articles" not in result.stderr, result.stderr


def test_a_question_word_capitalised_after_a_stamp_is_flagged():
    stamped = _question("recall", "As of 11 March 2020, How many people had died?")
    assert _faults(stamped) == ["'How' is capitalised in the middle of a sentence"]
    assert _faults(_question("recall", "As of 11 March 2020, how many people had died?")) == []


def _ordered(answers: list[int]) -> tuple:
    from quizgen.model import Question

    return tuple(
        Question(
            deck="d",
            fact_id=f"f{i}",
            form="how_many_choice",
            kind="choice",
            prompt="How many?",
            answer=str(rank),
            options=("0", "1", "2", "3"),
            ordered=True,
            evidence="",
            source="",
            tags=(),
        )  # fmt: skip
        for i, rank in enumerate(answers)
    )


def test_an_answer_rank_favoured_by_the_generator_is_flagged_a_fair_draw_is_not():
    from quizgen.check.critic import _rank_balance

    assert _rank_balance(_ordered([3] * 20 + [0, 1, 2] * 3 + [1]))  # 20 of 30 the largest
    assert not _rank_balance(_ordered([2] * 8 + [0, 1, 3, 0, 1, 3, 0]))  # 8 of 15: fair draws do this
