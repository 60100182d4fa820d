"""``quizgen new``'s safety net: a draft is read back by the fact sheet loader before it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.authoring.articles import ArticlePlan
from quizgen.authoring.draft.new import check_draft
from quizgen.load.article import load_article
from quizgen.model import InputError

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source_articles" / "2023-11-06-french-army-niger-withdrawal-talks.md"
SHEET = Path("decks/fresh/talks.yaml")
HEAD = f'version: 1\narticle: "{SEED.name}"\nfacts:\n'
FACT = "  - id: {id}\n    type: date\n    draft: true\n    event: the coup\n    date: 2023-07-26\n"
EVIDENCE = '    evidence: "The putsch that occurred on July 26"\n'


def test_a_draft_that_loads_passes():
    plan = ArticlePlan(SEED, load_article(SEED))
    check_draft(SHEET, HEAD + FACT.format(id="date-1") + EVIDENCE, plan)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            FACT.format(id="date-2.5") + EVIDENCE,
            "decks/fresh/talks.yaml:4:9: 'id': 'date-2.5' is not a valid id",
        ),
        (FACT.format(id="date-1") + '    evidence: "x\n  y', "decks/fresh/talks.yaml:"),
    ],
)
def test_a_draft_that_does_not_load_is_refused_with_problems_at_the_sheet(body, expected):
    plan = ArticlePlan(SEED, load_article(SEED), text=None)
    with pytest.raises(InputError) as caught:
        check_draft(SHEET, HEAD + body, plan)
    shown = [str(p) for p in caught.value.problems]
    assert shown[0] == (
        "decks/fresh/talks.yaml: the draft does not load, so nothing was written: "
        "please report this, with the article"
    )
    assert shown[1].startswith(expected)
    assert all(str(p.location.path) == str(SHEET) for p in caught.value.problems)
