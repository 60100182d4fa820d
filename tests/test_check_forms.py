"""Form names a sheet writes under skip: and questions: (check/forms.py): a typo does nothing
silently, so check warns with the closest form."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quizgen.check.forms import check_form_names
from tests.test_generate_options import _deck, _number


def test_a_misspelt_form_under_skip_or_questions_is_a_warning_with_the_closest_form():
    fact = replace(_number(0, "400 firefighters fought the blaze", 400),
                   skip=("befor_after", "cloze"), questions={"how_manny": "How many fought it?"})  # fmt: skip
    problems = check_form_names(_deck([fact]))
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert (
        "'befor_after' under skip" in problems[0].message
        and "did you mean 'before_after'" in problems[0].message
    )
    assert (
        "'how_manny' under questions" in problems[1].message
        and "did you mean 'how_many'" in problems[1].message
    )


def test_shipped_forms_the_cloze_and_a_deck_s_own_forms_are_known():
    fact = replace(_number(0, "400 firefighters fought the blaze", 400),
                   skip=("how_many", "cloze", "before_after", "estimate_it"))  # fmt: skip
    deck = _deck([fact])
    alone = check_form_names(deck)  # estimate_it is not shipped: only its warning
    assert len(alone) == 1 and "'estimate_it' under skip" in alone[0].message
    own = replace(deck, settings=replace(deck.settings, question_templates={"number": {"estimate_it": {}}},
                                         path=Path("deck.yaml")))  # fmt: skip
    assert check_form_names(own) == []
