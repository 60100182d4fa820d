# ruff: noqa: E501  (a table of questions, one per line)
"""Questions from clauses: the shapes judges flagged on the dev set."""

import pytest

from quizgen.text.grammar import wh_question


@pytest.mark.parametrize(
    ("clause", "wh", "asked"),
    [
        # a relative clause's verb is not the main verb, even after 'that'
        ("the virus that causes COVID-19 was first identified", "when", "When was the virus that causes COVID-19 first identified?"),
        # a past form after a number or a determiner is an adjective
        ("the Plan B drill broke through to the 33 trapped miners", "when", "When did the Plan B drill break through to the 33 trapped miners?"),
        # why, whatever follows the verb
        ("Notre-Dame's sixteen copper statues escaped the flames", "why", "Why did Notre-Dame's sixteen copper statues escape the flames?"),
        ("the Ever Given ran aground in the Suez Canal", "why", "Why did the Ever Given run aground in the Suez Canal?"),
        ("the NBA season was suspended", "why", "Why was the NBA season suspended?"),
    ],
)  # fmt: skip
def test_a_clause_is_asked_in_question_order(clause, wh, asked):
    assert wh_question(clause, len(clause), len(clause), wh) == asked


@pytest.mark.parametrize(
    ("clause", "span", "wh", "asked"),
    [
        ("on 11 March 2020, the bank cut rates to 0.25%", "0.25%", "what percentage",
         "On 11 March 2020, to what percentage did the bank cut rates?"),
        ("as of 11 March 2020, the largest outbreak outside China was in Italy", "in Italy", "in which country",
         "As of 11 March 2020, in which country was the largest outbreak outside China?"),
        ("in 2020, Italy placed 60 million people under lockdown", "60 million people", "how many people",
         "In 2020, how many people did Italy place under lockdown?"),
    ],
)  # fmt: skip
def test_a_phrase_that_opens_the_clause_opens_the_question(clause, span, wh, asked):
    start = clause.index(span)
    assert wh_question(clause, start, start + len(span), wh) == asked


def test_inflect_is_imported_without_typeguards_checks_and_typeguard_is_left_as_it_was():
    """In a fresh interpreter, where nothing imported inflect before: its methods are its own
    code, not typeguard's re-compiled copies (1.9 s of CPU at import), and the words are those
    inflect gives."""
    import subprocess
    import sys

    probe = (
        "from quizgen.text import grammar; import typeguard, typeguard._decorators as d; "
        "grammar.load_word_lists(); engine = grammar.inflect_module().engine; "
        "print('typeguard' in engine.a.__code__.co_names, typeguard.typechecked is d.typechecked, "
        "grammar.a_or_an('hour'), grammar.a_or_an('11-year-old'), grammar.number_words(21))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "an", "an", "twenty-one"]
