from pathlib import Path

import pytest

from quizgen.model import Location
from quizgen.model.facts.listing import ListFact


def _list(name: str, members: tuple[str, ...]) -> ListFact:
    return ListFact(id="l", evidence=", ".join(members), location=Location(Path("s.yaml")), name=name,
                    members=members, version=2)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "members", "asked"),
    [
        ("the things sent down", ("food", "water", "letters"), "the three things sent down"),
        ("the cathedral's treasures", ("the organ", "the windows"), "the cathedral's two treasures"),
        ("the three villages supplied", ("A", "B", "C"), "the three villages supplied"),
        ("the 2 metals", ("copper", "gold"), "the 2 metals"),
        ("metals mined there", ("copper", "gold"), "two metals mined there"),
    ],
)  # fmt: skip
def test_the_members_question_says_how_many_to_name(name, members, asked):
    assert _list(name, members).counted_name() == asked
