"""Versions A, B, … of a quiz: the same questions, each version shuffling the order within
each section, the options, the right column of matching items and the events to order.

Every shuffle draws from a generator seeded with the quiz seed, the version letter and the
question id: the same seed gives the same versions. Each version differs from the earlier ones
where it can.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from quizgen.assemble.forms import LETTERS, form_of, seeded, version_letters
from quizgen.model import QUIZ_FORMS, Question

T = TypeVar("T")
SHUFFLE_ATTEMPTS = 12  # tries to make a version differ from the earlier ones


@dataclass(frozen=True)
class Item:
    """One question as a version shows it: its number and its parts in display order."""

    number: int
    question: Question
    form: str
    options: tuple[str, ...] = ()  # choice: display order, lettered A, B, …
    answer_letter: str = ""  # choice: the letter of the answer
    left: tuple[str, ...] = ()  # matching: the items that get a letter blank
    right: tuple[str, ...] = ()  # matching: the lettered column
    match_letters: tuple[str, ...] = ()  # matching key: the right letter for each left item
    events: tuple[str, ...] = ()  # ordering: display order
    ranks: tuple[int, ...] = ()  # ordering key: the place of each displayed event, 1 = earliest

    @property
    def marks(self) -> int:
        """What the item scores: one per pair to match or event to place, else one."""
        if self.form == "matching":
            return len(self.left)
        if self.form == "ordering":
            return len(self.events)
        return 1


@dataclass(frozen=True)
class Section:
    form: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Version:
    """One version of the quiz."""

    letter: str
    sections: tuple[Section, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def marks(self) -> int:
        return sum(item.marks for item in self.items)


def build_versions(questions: Sequence[Question], seed: str, versions: int) -> tuple[Version, ...]:
    """Every version of the worksheet; each differs from the earlier ones where it can."""
    sheets: list[Version] = []
    for version in version_letters(versions):
        sheets.append(build_version(questions, seed, version, tuple(sheets)))
    return tuple(sheets)


def build_version(
    questions: Sequence[Question], seed: str, version: str, earlier: tuple[Version, ...] = ()
) -> Version:
    """One version: sections in QUIZ_FORMS order, numbered continuously across them."""
    sections = []
    number = 0
    # Each question's items in the earlier versions, in their order: looked up, not searched for
    # question by question (that was quadratic in the number of questions).
    shown_before: dict[str, list[Item]] = {}
    for w in earlier:
        for i in w.items:
            shown_before.setdefault(i.question.id, []).append(i)
    for form in QUIZ_FORMS:
        members = [q for q in questions if form_of(q) == form]
        if not members:
            continue
        seen = {tuple(i.question.id for s in w.sections if s.form == form for i in s.items) for w in earlier}
        order = _distinct(
            lambda attempt, members=members: _ordered(members, seed, version, attempt),
            lambda ordered: tuple(q.id for q in ordered),
            seen,
        )
        items = []
        for question in order:
            number += 1
            before = list(shown_before.get(question.id, ()))
            items.append(_item(number, question, seed, version, before))
        sections.append(Section(form, tuple(items)))
    return Version(version, tuple(sections))


def _ordered(questions: list[Question], seed: str, version: str, attempt: int) -> list[Question]:
    return sorted(questions, key=lambda q: seeded(seed, version, q.id, f"order{attempt}").random())


def _distinct(make: Callable[[int], T], signature: Callable[[T], object], seen: set) -> T:
    """``make(0)``, or the first of later attempts whose signature is not in ``seen``."""
    first = make(0)
    candidate = first
    for attempt in range(1, SHUFFLE_ATTEMPTS + 1):
        if signature(candidate) not in seen:
            return candidate
        candidate = make(attempt)
    return first


def _shuffled(values: Sequence[T], rng: random.Random) -> list[T]:
    out = list(values)
    rng.shuffle(out)
    return out


def _item(number: int, question: Question, seed: str, version: str, before: list[Item]) -> Item:
    form = form_of(question)

    def rng(part: str, attempt: int) -> random.Random:
        return seeded(seed, version, question.id, f"{part}{attempt}")

    if form == "choice":
        return _choice_item(number, question, rng, before)
    if form == "matching":
        return _matching_item(number, question, rng, before)
    if form == "ordering":
        return _ordering_item(number, question, rng, before)
    if form == "true_false":
        return Item(number, question, form, options=question.options or ("True", "False"))
    return Item(number, question, form)


def _choice_item(number: int, question: Question, rng: Callable, before: list[Item]) -> Item:
    if question.ordered:
        options = list(question.options)  # numbers and dates stay in ascending order
    else:
        used_letters = {i.answer_letter for i in before}
        options = _distinct(
            lambda attempt: _shuffled(question.options, rng("options", attempt)),
            lambda shown: LETTERS[shown.index(question.answer)],
            used_letters if len(used_letters) < len(question.options) else set(),
        )
    letter = LETTERS[options.index(question.answer)]
    return Item(number, question, "choice", tuple(options), letter)


def _matching_item(number: int, question: Question, rng: Callable, before: list[Item]) -> Item:
    left = [a for a, _ in question.pairs]
    right_of = dict(question.pairs)
    left = _shuffled(left, rng("left", 0))
    plain = tuple(right_of[a] for a in left)  # right column in the left column's order: too easy
    seen = {plain} | {i.right for i in before}
    right = _distinct(lambda attempt: tuple(_shuffled(plain, rng("right", attempt))), lambda r: r, seen)
    letters = tuple(LETTERS[right.index(right_of[a])] for a in left)
    return Item(number, question, "matching", left=tuple(left), right=right, match_letters=letters)


def _ordering_item(number: int, question: Question, rng: Callable, before: list[Item]) -> Item:
    sequence = tuple(question.sequence)
    seen = {sequence, sequence[::-1]} | {i.events for i in before}
    events = _distinct(lambda attempt: tuple(_shuffled(sequence, rng("events", attempt))), lambda e: e, seen)
    ranks = tuple(sequence.index(e) + 1 for e in events)
    return Item(number, question, "ordering", events=events, ranks=ranks)
