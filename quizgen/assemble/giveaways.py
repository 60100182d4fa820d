"""Which items of a quiz give away another's answer, found through an index rather than by
comparing every pair: what a reader sees of each item, what would give each item away, and a
board of the items already chosen, indexed by token.

An item is given away by another when the other's visible text (stem, note, options, cloze
sentence, matching and timeline items) shows its answer as a reader compares them
(``reading.reader_tokens``): the answer itself, an accepted spelling, a number or date written
another way, or a person's name in part. A true/false statement is given away by the true value
of its fact; a before/after statement or a timeline by the dates of two of its events; a pair to
match by a text that states both of its sides. Two items about one fact, or with one answer,
ask the same thing twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from quizgen.assemble.reading import (
    answer_keys,
    looks_like_a_name,
    name_parts,
    proper_runs,
    reader_tokens,
    role_head,
)
from quizgen.model import ActorFact, Fact, Question, QuoteFact

Run = tuple[str, ...]
ANSWER_KINDS = ("recall", "typed", "cloze", "choice")
PART_BREAK = "|"  # between the parts of an item: no run spans two parts


@dataclass(frozen=True)
class Bundle:
    """Groups of runs that give an item away together: ``need`` of its groups seen in one other
    item (any run of a group standing for the group)."""

    groups: tuple[tuple[Run, ...], ...]
    need: int = 1


@dataclass(frozen=True)
class Reading:
    """An item as the assembly compares it: what a reader sees, and what would give it away."""

    seen: Run
    bundles: tuple[Bundle, ...]
    answers: frozenset[Run]  # its answer, as a reader compares it: two items may not share one
    facts: tuple[str, ...]


def visible_parts(question: Question) -> list[str]:
    """Every text a student reads of an item (the key aside), the context line that imports and
    cards print before it included."""
    if question.cloze is not None:
        stem = f"{question.cloze.before} _____ {question.cloze.after}"
    else:
        stem = question.prompt
    parts = [question.lead, stem, *question.options, *question.sequence]  # the context line too
    parts += [side for pair in question.pairs for side in pair]
    return [p for p in parts if p]


def _seen(texts: Iterable[str]) -> Run:
    out: list[str] = []
    for text in texts:
        out += [*reader_tokens(text), PART_BREAK]
    return tuple(out)


def _is_person(fact: Fact | None, name: str) -> bool:
    if fact is not None:
        kind = getattr(fact, "kind", "")
        return isinstance(fact, (ActorFact, QuoteFact)) and kind == "person" and looks_like_a_name(name)
    return looks_like_a_name(name)


def _value_runs(fact: Fact) -> tuple[Run, ...]:
    """The runs that state a fact's key value (its spellings; a person's name in part)."""
    runs: list[Run] = []
    for spelling in fact.spellings():
        runs += answer_keys(spelling)
        if _is_person(fact, spelling):
            runs += name_parts(spelling)
    return tuple(dict.fromkeys(runs))


def reading_of(question: Question, facts: Mapping[str, Fact]) -> Reading:
    """What gives ``question`` away, and what it shows."""
    fact_ids = question.fact_ids
    bundles: list[Bundle] = []
    answers: list[Run] = []
    if question.kind in ANSWER_KINDS:
        for text in (question.answer, *question.accepted):
            answers += answer_keys(text)
        runs = list(answers)
        fact = facts.get(question.fact_id)
        if _is_person(fact, question.answer):
            runs += name_parts(question.answer)
        else:
            runs += proper_runs(question.answer)
        if runs:
            bundles.append(Bundle((tuple(dict.fromkeys(runs)),)))
        if isinstance(fact, ActorFact) and question.form == "role" and (head := role_head(question.answer)):
            # "President Mohamed Bazoum" elsewhere answers "What was Mohamed Bazoum's role?"
            bundles.append(Bundle(((head,), _value_runs(fact)), need=2))
    elif question.kind == "matching":
        for left, right in question.pairs:
            sides = (tuple(answer_keys(left)), tuple(answer_keys(right)))
            if all(sides):
                bundles.append(Bundle(sides, need=2))
    else:  # true_false, ordering: the true values of their facts
        groups = tuple(runs for f in fact_ids if f in facts and (runs := _value_runs(facts[f])))
        if question.kind == "true_false" and len(fact_ids) == 1 and groups:
            bundles.append(Bundle(groups))
        elif len(groups) >= 2:
            bundles.append(Bundle(groups, need=2))  # two dates give an order away
    return Reading(_seen(visible_parts(question)), tuple(bundles), frozenset(answers), fact_ids)


@dataclass(frozen=True)
class _Clue:
    owner: int
    bundle: int
    group: int
    run: Run


@dataclass
class Board:
    """The items chosen so far, indexed so that a new item is checked against all of them in
    time near its own length: the tokens they show (token → where), and the runs that would
    give them away (run → clues; each place of a new item's text is looked up a slice per
    length of the runs its token starts)."""

    seen: list[Run] = field(default_factory=list)
    needs: list[tuple[int, ...]] = field(default_factory=list)  # per item, the need of each bundle
    seen_at: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    clues: dict[Run, list[_Clue]] = field(default_factory=lambda: defaultdict(list))
    # a token -> the lengths of the runs in ``clues`` that start with it ('' for the empty run)
    starts: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    answers: set[Run] = field(default_factory=set)
    facts: set[str] = field(default_factory=set)

    def show(self, texts: Iterable[str]) -> None:
        """Text every reader of the quiz sees (its title, description, articles): nothing it gives
        away may be asked."""
        self._add(Reading(_seen(texts), (), frozenset(), ()))

    def add(self, reading: Reading) -> None:
        self._add(reading)
        self.answers |= reading.answers
        self.facts.update(reading.facts)

    def _add(self, reading: Reading) -> None:
        owner = len(self.seen)
        self.seen.append(reading.seen)
        self.needs.append(tuple(b.need for b in reading.bundles))
        for position, token in enumerate(reading.seen):
            if token != PART_BREAK:
                self.seen_at[token].append((owner, position))
        for b, bundle in enumerate(reading.bundles):
            for g, runs in enumerate(bundle.groups):
                for run in runs:
                    self.clues[run].append(_Clue(owner, b, g, run))
                    self.starts[run[0] if run else ""].add(len(run))

    def conflicts(self, reading: Reading) -> bool:
        """True when the item would ask again what a chosen item asks, give one away, or be
        given away by one (or by the text every reader sees)."""
        if self.facts.intersection(reading.facts) or self.answers & reading.answers:
            return True
        return self._shows_a_clue(reading.seen) or self._clue_shown(reading)

    def _shows_a_clue(self, seen: Run) -> bool:
        """Does ``seen`` give away a chosen item? Each place of ``seen`` is looked up with the
        lengths of the runs its token starts, not with every length on the board."""
        hits: dict[tuple[int, int], set[int]] = defaultdict(set)
        empty = [(0, length) for length in self.starts.get("", ())]  # an empty run is in any text
        starting = ((start, n) for start, token in enumerate(seen) for n in self.starts.get(token, ()))
        places = (*empty, *starting)
        for start, length in places:
            if start + length > len(seen):
                continue
            for clue in self.clues.get(seen[start : start + length], ()):
                key = (clue.owner, clue.bundle)
                hits[key].add(clue.group)
                if len(hits[key]) >= self.needs[clue.owner][clue.bundle]:
                    return True
        return False

    def _clue_shown(self, reading: Reading) -> bool:
        """Does a chosen item (or the page) give ``reading`` away?"""
        for bundle in reading.bundles:
            if bundle.need == 1:  # any run seen anywhere will do: no need to know where
                if any(next(self._holders(run), None) is not None for runs in bundle.groups for run in runs):
                    return True
                continue
            hits: dict[int, set[int]] = defaultdict(set)
            for g, runs in enumerate(bundle.groups):
                for run in runs:
                    for owner in self._holders(run):
                        hits[owner].add(g)
                        if len(hits[owner]) >= bundle.need:
                            return True
        return False

    def _holders(self, run: Run) -> Iterator[int]:
        """The chosen items whose visible text holds ``run`` (an item once per place), found
        from its rarest token, lazily: asking whether any does stops at the first (a year or a
        first name is shown by thousands of items of a large deck)."""
        postings = [self.seen_at.get(token, ()) for token in run]
        if not all(postings):
            return
        offset = min(range(len(run)), key=lambda i: len(postings[i]))
        for owner, position in postings[offset]:
            start = position - offset
            if start >= 0 and self.seen[owner][start : start + len(run)] == run:
                yield owner
