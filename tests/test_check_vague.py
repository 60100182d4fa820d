from pathlib import Path

from quizgen.check.vague import check_vague_subjects, vague_subject
from quizgen.model import CauseFact, Location, NumberFact


def test_a_bare_definite_subject_is_vague():
    assert vague_subject("the ship was towed to the Great Bitter Lake") == "the ship"
    assert vague_subject("the whole rescue took about 22 hours") == "the whole rescue"
    assert (
        vague_subject("the ratifying countries must account for 55% of emissions")
        == "the ratifying countries"
    )


def test_a_subject_that_names_its_thing_is_not():
    for clause in (
        "the Ever Given was towed to the Great Bitter Lake",
        "Notre-Dame's spire fell",
        "the roof of the cathedral burned",
        "a fire destroyed most of the roof",  # a new thing: 'a', not 'the'
        "the 33 miners were rescued",
        "the Suez Canal carries 12% of world trade",
    ):
        assert vague_subject(clause) is None, clause


def test_each_clause_key_is_checked_and_noun_phrases_are_not():
    here = Location(Path("s.yaml"), 3, 5)
    number = NumberFact(
        id="n", evidence="e", location=here, value=60, statement="the ship is nearly 60 metres wide"
    )
    (problem,) = check_vague_subjects(number)
    assert problem.severity == "warning" and "'the ship' does not say which ship" in problem.message
    cause = CauseFact(
        id="c", evidence="e", location=here, cause="the fire", effect="the spire collapsed", version=2
    )
    assert [p.message.split("'")[1] for p in check_vague_subjects(cause)] == ["the spire"]
