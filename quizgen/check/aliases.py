"""Likely aliases: one event or actor written two ways in a deck, not declared with same_as.

Undeclared, each would be offered as a wrong option, or a false date, for the other. Two facts
are compared only when they share a distinctive word (an index keyed by word stems, so a large
deck costs little more than a small one); they are flagged when their phrases are alike, or when
two dated facts share a date and a name.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from quizgen.model import DateFact, Deck, EventFact, Fact, Problem
from quizgen.text.compare import same_text
from quizgen.text.stems import content_stems

ALIKE = 0.5  # shared distinctive words, of all of the two phrases', from which they read as one thing
COMMON = 40  # a stem in more facts than this says nothing about any pair
# Words that news writes for one kind of event.
SYNONYMS = {
    "putsc": "coup", "takeo": "coup", "overt": "coup", "coups": "coup", "junta": "coup",
    "murde": "kill", "killi": "kill", "death": "die", "died": "die", "dies": "die",
    "resig": "quit", "stepp": "quit", "blaze": "fire", "fires": "fire", "inferno": "fire",
}  # fmt: skip


def _phrase(fact: Fact) -> str:
    """What a fact is about, for comparing facts."""
    for key in ("happened", "event", "name", "place", "cause"):
        value = getattr(fact, key, "")
        if isinstance(value, str) and value:
            return value
    return ""


def _stems(text: str) -> set[str]:
    return {SYNONYMS.get(s, s) for s in content_stems(text)}


def _names(text: str) -> set[str]:
    words = text.replace("’s", "").replace("'s", "").split()
    return {w.strip(",.;:") for w in words[1:] if w[:1].isupper()} | (
        {words[0]} if words and words[0][:1].isupper() and words[0] not in ("The", "A", "An") else set()
    )


def _names_differ(first: set[str], second: set[str]) -> bool:
    """Both phrases name someone or somewhere (``_names``), and not the same."""
    return bool(first) and bool(second) and not (first & second)


def _date(fact: Fact) -> object:
    return fact.date if isinstance(fact, DateFact | EventFact) else None


def check_aliases(deck: Deck) -> list[Problem]:
    facts = [f for f in deck.facts if not f.draft and _phrase(f)]
    phrases = [_phrase(f) for f in facts]  # once a fact, not once a pair
    names = [_names(p) for p in phrases]
    index: dict[str, list[int]] = defaultdict(list)
    stems = [_stems(p) for p in phrases]
    for i, found in enumerate(stems):
        for stem in found:
            index[stem].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) <= COMMON:
            pairs.update(combinations(members, 2))
    problems = []
    for i, j in sorted(pairs):
        a, b = facts[i], facts[j]
        if a.type != b.type and {a.type, b.type} != {"date", "event"}:
            continue
        if b.id in a.same_as or a.id in b.same_as:
            continue
        if a.type == "cause" and same_text(phrases[i], phrases[j]):
            continue  # one cause of two effects: written alike, offered once
        if _names_differ(names[i], names[j]):
            continue  # 'the takeover in Mali' and 'the takeover in Burkina Faso' are two events
        shared, either = stems[i] & stems[j], stems[i] | stems[j]
        alike = shared == either or (len(shared) >= 2 and len(shared) / len(either) >= ALIKE)
        # Two things happen on most days: a shared date counts with half the shorter phrase shared.
        shorter = min(len(stems[i]), len(stems[j])) or 1
        same_day = _date(a) is not None and _date(a) == _date(b) and len(shared) / shorter >= ALIKE
        if alike or same_day:
            problems.append(
                Problem(
                    b.where("id"),
                    f"'{phrases[j]}' ('{b.id}') looks like '{phrases[i]}' ('{a.id}'): if they are one "
                    f"{b.type if b.type != 'date' else 'event'}, add same_as: [{a.id}] so that neither is "
                    "offered as a wrong answer for the other; if not, word them so they differ",
                    "warning",
                )
            )
    return problems
