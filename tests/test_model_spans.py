"""The span of a fact's evidence that states its key value (model/spans.py)."""

from __future__ import annotations

import random
import re

from quizgen.model.spans import spelling_in


def _by_pattern(spelling: str, text: str) -> str | None:
    """What the pattern spelling_in stands for finds (it compiles one pattern per spelling)."""
    first, rest = re.escape(spelling[:1]), re.escape(spelling[1:])
    match = re.search(rf"(?<![\w,.])(?i:{first}){rest}(?![\w]|[,.]\d)", text)
    return match.group(0) if match else None


def test_a_spelling_is_found_as_a_whole_word_or_number_its_first_letter_in_either_case():
    text = "Six of the 1,000 troops left; 11,000 stayed, and 1,000.5 tonnes. six more in 2020s."
    assert spelling_in("six", text) == "Six"
    assert spelling_in("1,000", text) == "1,000"  # not inside 11,000 nor before .5
    assert spelling_in("000", text) is None
    assert spelling_in("2020", text) is None  # '2020s' is another word
    assert spelling_in("troop", text) is None
    assert spelling_in("Stayed", text) == "stayed"


def test_it_finds_what_the_pattern_finds_in_every_case():
    """Random texts over an alphabet of tricky characters: case pairs, letters whose case folds
    to another (the Kelvin sign, long s, dotted capital I), digits, commas, points, spaces."""
    alphabet = "aAkKKsSſiIİı1 0,.é É-’"
    rng = random.Random(15)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.5 and len(text) > 2:
            begin = rng.randrange(len(text) - 1)
            spelling = text[begin : begin + rng.randint(1, 4)]
        else:
            spelling = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
        assert spelling_in(spelling, text) == _by_pattern(spelling, text), (spelling, text)
