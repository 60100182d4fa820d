"""What is true across a deck: causal chains, aliases and ``also_true``, closed over.

A wrong option, or the value a false statement states, must not be true under this graph:
an effect further down a chain of causes is also an effect of the first cause, and one event
named two ways (``same_as``) is one event. Where the graph cannot tell, questions skip.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from quizgen.model import CauseFact, Fact
from quizgen.text.compare import folded
from quizgen.text.datevalue import PartialDate
from quizgen.text.numbers import find_numbers
from quizgen.text.stems import content_stems


def _key(text: Any) -> Any:
    return folded(text) if isinstance(text, str) else text


def _parsed(text: str) -> Any:
    """An also_true answer as a date or a number, when it is one."""
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    try:
        return float(text.replace(",", "").replace(" ", ""))
    except ValueError:
        pass
    found = find_numbers(text, [])  # '2C', '$100bn', '60 million': a number with its unit
    if len(found) == 1 and found[0].high is None and not text[: found[0].start].strip():
        return found[0].value
    return None


@dataclass
class FactGraph:
    """The deck's facts, their causal edges and their aliases."""

    facts: tuple[Fact, ...]
    by_id: dict[str, Fact] = field(init=False)
    _alias: dict[str, set[str]] = field(init=False)  # fact id -> ids of the same thing
    _effects: dict[Any, set[Any]] = field(init=False)  # node -> direct effects (folded)
    _causes: dict[Any, set[Any]] = field(init=False)
    _right: dict[tuple[str, str], set[Any]] = field(init=False, default_factory=dict)
    _topic_stems: set[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.by_id = {f.id: f for f in self.facts}
        self._alias = defaultdict(set)
        for fact in self.facts:
            for other in fact.same_as:
                if other in self.by_id:
                    self._alias[fact.id].add(other)
                    self._alias[other].add(fact.id)
        self._effects = defaultdict(set)
        self._causes = defaultdict(set)
        for fact in self.facts:
            if isinstance(fact, CauseFact):
                for cause in self._names(fact, "cause"):
                    for effect in self._names(fact, "effect"):
                        self._effects[cause].add(effect)
                        self._causes[effect].add(cause)

    def aliases(self, fact: Fact) -> set[str]:
        """Ids of facts that state the same thing as ``fact`` (closed: aliases of aliases)."""
        seen, frontier = {fact.id}, [fact.id]
        while frontier:
            for other in self._alias.get(frontier.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
        return seen - {fact.id}

    def _names(self, fact: Fact, kind: str) -> set[Any]:
        """The node a fact's value of ``kind`` is, with its aliases' values of that kind."""
        names = {_key(fact.option_value(kind))}
        for other in self.aliases(fact):
            value = self.by_id[other].option_value(kind)
            if value is not None:
                names.add(_key(value))
        return names - {None}

    def _reach(self, start: Iterable[Any], edges: dict[Any, set[Any]]) -> set[Any]:
        seen: set[Any] = set()
        frontier = list(start)
        while frontier:
            for nxt in edges.get(frontier.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        return seen

    def effects(self, fact: CauseFact) -> int:
        """How many different direct effects the deck gives the fact's cause."""
        return len(set().union(*(self._effects.get(c, set()) for c in self._names(fact, "cause"))))

    def right_values(self, fact: Fact, kind: str) -> set[Any]:
        """Every value of ``kind`` that is right for the fact's question: its own, its aliases',
        its also_true answers, and for causes everything the chain makes true."""
        key = (fact.id, kind)
        if key not in self._right:
            self._right[key] = self._closure(fact, kind)
        return self._right[key]

    def _closure(self, fact: Fact, kind: str) -> set[Any]:
        right = set(self._names(fact, kind))
        right |= {_key(t) for t in fact.also_true}
        right |= {v for t in fact.also_true if (v := _parsed(t)) is not None}
        if isinstance(fact, CauseFact) and kind == "effect":
            right |= self._reach(self._names(fact, "cause"), self._effects)
        if isinstance(fact, CauseFact) and kind == "cause":
            right |= self._reach(self._names(fact, "effect"), self._causes)
        return right

    def is_right(self, fact: Fact, kind: str, value: Any) -> bool:
        return _key(value) in self.right_values(fact, kind)

    def reversed_is_false(self, fact: CauseFact) -> bool:
        """'<effect> led to <cause>' is false for certain: no chain runs from the effect back."""
        effect, cause = self._names(fact, "effect"), self._names(fact, "cause")
        return not (self._reach(effect, self._effects) & cause) and not (effect & cause)

    def distinctive(self, text: str) -> set[str]:
        """The words of a phrase that are not the deck's topic: 'Niger' in a deck about Niger says
        nothing about whether two causes are linked; 'miners' in 'the trapped miners' may."""
        return content_stems(text) - self._topic()

    def _topic(self) -> set[str]:
        if self._topic_stems is None:
            phrases = [p for f in self.facts if isinstance(f, CauseFact) for p in (f.cause, f.effect)]
            counts: dict[str, int] = defaultdict(int)
            for phrase in phrases:
                for stem in content_stems(phrase):
                    counts[stem] += 1
            self._topic_stems = {s for s, n in counts.items() if n * 4 > len(phrases) and n > 2}
        return self._topic_stems

    def related(self, fact: Fact) -> set[str]:
        """The distinctive words of a cause fact's own phrases (and of what the chain reaches)."""
        if not isinstance(fact, CauseFact):
            return set()
        return self.distinctive(fact.cause) | self.distinctive(fact.effect)

    def same_event(self, a: Fact, b: Fact) -> bool:
        return b.id in self.aliases(a)
