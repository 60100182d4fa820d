"""Keys spread evenly over a deck (generate/balance.py): the answer's rank among ordered options
and True or False, with the fewest questions moved."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from pathlib import Path

from quizgen.generate import generate_deck
from quizgen.generate.balance import Variants, _even, balance
from quizgen.model import Article, Deck, DeckSettings, FactSheet, Location, NumberFact, PartialDate

PUBLISHED = PartialDate(2024, 3, 15)
HERE = Path("s.yaml")
THINGS = ["lorries", "boats", "tents", "pumps", "radios", "ladders", "drones", "cranes", "buses",
          "trains", "barges", "kettles", "tables", "chairs", "lamps", "ropes", "sacks", "tyres",
          "bicycles", "ovens", "helmets", "jackets", "shovels", "buckets", "hoses", "blankets",
          "stoves", "tractors", "ferries", "kayaks", "printers", "laptops", "heaters", "fans",
          "benches", "bins", "signs", "gates", "fences", "ramps"]  # fmt: skip


def _variants(first: dict[str, int], feasible: tuple[int, ...] = (0, 1, 2, 3)) -> dict[str, Variants]:
    """Questions whose own draw is ``first[qid]``, each able to take any of ``feasible``."""
    return {
        qid: Variants(
            "rank4", (0, 1, 2, 3), tuple((s, {"answer": str(s)}) for s in _own_first(own, feasible))
        )
        for qid, own in first.items()
    }


def _own_first(own: int, feasible: tuple[int, ...]) -> list[int]:
    return [own, *(s for s in feasible if s != own)]


def test_an_even_deck_is_left_as_drawn():
    drawn = {f"d/q{i}/f": i % 4 for i in range(12)}
    assert _even(list(drawn), _variants(drawn), "") == drawn


def test_a_bunched_deck_moves_the_fewest_questions_to_an_even_share():
    drawn = {f"d/q{i}/f": 2 for i in range(8)} | {f"d/r{i}/f": i % 4 for i in range(7)}  # 8 + 2 of 15 on "C"
    taken = _even(list(drawn), _variants(drawn), "")
    counts = Counter(taken.values())
    assert max(counts.values()) == math.ceil(15 / 4), counts
    moved = [qid for qid in drawn if taken[qid] != drawn[qid]]
    assert len(moved) == 10 - 4  # exactly the excess of the full slot, no other question
    assert all(drawn[qid] == 2 for qid in moved)


def test_a_question_with_one_feasible_key_counts_but_never_moves():
    drawn = {f"d/q{i}/f": 0 for i in range(6)}
    variants = _variants(drawn)
    variants["d/q0/f"] = Variants("rank4", (0, 1, 2, 3), ((0, {"answer": "0"}),))
    taken = _even(list(drawn), variants, "seed")
    assert taken["d/q0/f"] == 0 and Counter(taken.values())[0] == 2


def _number(i: int, value: int) -> NumberFact:
    text = f"the town council bought {value:,} new {THINGS[i]}"
    return NumberFact(
        id=f"n{i}", evidence=text, location=Location(HERE, i + 2, 5), value=value, statement=text, version=2
    )


def _deck(facts: list[NumberFact]) -> Deck:
    article = Article(Path("a.md"), "Title", PUBLISHED, "s", "body")
    sheet = FactSheet(HERE, "a.md", Location(HERE, 1, 1), article, tuple(facts), 2)
    return Deck(DeckSettings(key="d", path=Path("deck.yaml"), name="D"), (sheet,))


# Forty values of every size: fair draws bunch in a deck this big (the largest of four shares
# is about 13 where 10 is even), so the balance has work to do.
FACTS = [_number(i, int(round(57 * 1.19**i, -1 if i > 12 else 0))) for i in range(40)]


def test_over_a_deck_no_rank_and_no_truth_holds_more_than_its_share():
    questions = generate_deck(_deck(FACTS)).questions
    ranks = Counter(q.options.index(q.answer) for q in questions if q.kind == "choice" and q.ordered)
    truths = Counter(q.answer for q in questions if q.kind == "true_false")
    assert sum(ranks.values()) >= 12 and sum(truths.values()) >= 12, (ranks, truths)
    assert max(ranks.values()) <= math.ceil(sum(ranks.values()) / 4), ranks
    assert max(truths.values()) <= math.ceil(sum(truths.values()) / 2), truths


def test_a_moved_key_keeps_the_question_true_to_its_fact():
    for question in generate_deck(_deck(FACTS)).questions:
        fact = next(f for f in FACTS if f.id == question.fact_id)
        if question.kind == "choice" and question.ordered:
            assert question.answer in question.options and f"{int(fact.value):,}" in question.answer
        if question.kind == "true_false":
            stated = f"{int(fact.value):,}" in question.prompt
            assert stated == (question.answer == "True"), question


def test_rewording_one_fact_changes_no_other_question():
    before = {q.id: q for q in generate_deck(_deck(FACTS)).questions}
    text = f"the town council purchased {int(FACTS[0].value):,} new lorries"
    edited = [dataclasses.replace(FACTS[0], statement=text, evidence=text), *FACTS[1:]]
    after = {q.id: q for q in generate_deck(_deck(edited)).questions}
    assert before.keys() == after.keys()
    assert [qid for qid in before if before[qid] != after[qid] and "/n0/" not in qid] == []


def test_deleting_a_fact_moves_few_other_keys_and_nothing_else():
    """Balance costs some stability: a deletion can shift which questions sit at the margin of a
    full share. Only keys move (the same values, ranked differently), and few of them."""
    before = {q.id: q for q in generate_deck(_deck(FACTS)).questions}
    for index in range(0, len(FACTS), 3):
        after = {q.id: q for q in generate_deck(_deck(FACTS[:index] + FACTS[index + 1 :])).questions}
        changed = [qid for qid in after if after[qid] != before[qid]]
        for qid in changed:
            old, new = before[qid], after[qid]
            assert (old.answer, old.kind, old.evidence) == (
                new.answer,
                new.kind,
                new.evidence,
            ) or old.kind == ("true_false")
        assert len(changed) <= 4, changed


def test_balance_replaces_only_what_a_variant_names():
    questions = generate_deck(_deck(FACTS[:3])).questions
    assert balance(questions, {}, "") == list(questions)


def test_dates_are_balanced_apart_from_numbers():
    """'The latest date' in three date items of four is a pattern though numbers even it out."""
    from quizgen.model import DateFact

    dated = [
        DateFact(id=f"e{i}", evidence=f"It happened on {d} March 2023.", location=Location(HERE, 60 + i, 5),
                 happened=f"the {THINGS[i]} were delivered", date=PartialDate(2023, 3, d), version=2)
        for i, d in enumerate(range(1, 29, 2))
    ]  # fmt: skip
    questions = generate_deck(_deck([*FACTS[:20], *dated])).questions
    ranks = Counter(
        q.options.index(q.answer) for q in questions if q.kind == "choice" and q.fact_id.startswith("e")
    )
    assert sum(ranks.values()) >= 8, ranks
    assert max(ranks.values()) <= math.ceil(sum(ranks.values()) / 4), ranks


def test_no_slot_is_left_two_below_another_where_a_key_can_move():
    """Five number items drawn as ranks 1, 1, 2, 2, 3 are within their share (two), yet the
    answer is never the smallest: judges read 'never pick an extreme'."""
    drawn = {"d/a/f": 1, "d/b/f": 1, "d/c/f": 2, "d/d/f": 2, "d/e/f": 3}
    counts = Counter(_even(list(drawn), _variants(drawn), "").values())
    assert sorted(counts.values()) == [1, 1, 1, 2], counts
