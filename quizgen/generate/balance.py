"""Keys spread evenly over a deck: the answer's rank among ordered options, and True or False.

Each question draws its own rank (or truth) from its seed, so an edit elsewhere leaves it alone.
Fair draws still bunch in a deck of fifteen: judges found the key the third of four options in
eight of them, and eleven of thirteen statements true, and a student who picks "C" or "True"
scores. So each question also offers its other feasible keys, and where one rank or truth holds
more than its even share (rounded up), the fewest questions move: those whose seeded hash is
highest, each to its next preference that has room. Then no rank is left two below another
where a key can move there (five items keyed 1, 1, 2, 2, 3 never had the smallest). Numbers and
dates are balanced apart. A deck that is already even changes nothing, and an edit moves at most
the few questions at the margin of a share.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from quizgen.model import Question


@dataclass(frozen=True)
class Variants:
    """A question's possible keys, best first (its own seeded draw is the first)."""

    group: str  # questions balanced together: "truth", or "rank4" for four ordered options
    slots: tuple[Hashable, ...]  # every slot of the group: ranks 0-3, or True and False
    choices: tuple[tuple[Hashable, dict[str, Any]], ...]  # (slot, the question's fields for it)


def balance(questions: Sequence[Question], variants: dict[str, Variants], seed: str) -> list[Question]:
    """The questions, with the fewest keys moved so that no slot holds more than its share."""
    groups: dict[str, list[str]] = defaultdict(list)
    present = {q.id for q in questions}
    for qid, made in variants.items():
        if qid in present:
            groups[made.group].append(qid)
    moved: dict[str, dict[str, Any]] = {}
    for qids in groups.values():
        for qid, slot in _even(qids, variants, seed).items():
            fields = dict(variants[qid].choices)[slot]
            if slot != variants[qid].choices[0][0]:
                moved[qid] = fields
    return [replace(q, **moved[q.id]) if q.id in moved else q for q in questions]


def _even(qids: list[str], variants: dict[str, Variants], seed: str) -> dict[str, Hashable]:
    slots = variants[qids[0]].slots
    share = math.ceil(len(qids) / len(slots))
    taken = {qid: variants[qid].choices[0][0] for qid in qids}
    count = {slot: 0 for slot in slots}
    for slot in taken.values():
        count[slot] += 1
    last = sorted(qids, key=lambda qid: _hash(seed, qid), reverse=True)  # the first to move
    for slot in slots:
        for qid in last:
            if count[slot] <= share:
                break
            if taken[qid] != slot:
                continue
            room = [s for s, _ in variants[qid].choices if count[s] < share]
            if room:
                taken[qid] = room[0]
                count[slot] -= 1
                count[room[0]] += 1
    # then no slot two below another, where a key can move: five items as 2, 2, 1, 0 left the
    # answer never the smallest of a deck's numbers (judges read it as 'never an extreme')
    moved = True
    while moved:
        moved = False
        for qid in last:
            here = taken[qid]
            emptier = [s for s, _ in variants[qid].choices if count[s] <= count[here] - 2]
            if emptier:
                taken[qid] = emptier[0]
                count[here] -= 1
                count[emptier[0]] += 1
                moved = True
                break
    return taken


def _hash(seed: str, qid: str) -> bytes:
    return hashlib.sha256(f"{seed}/{qid}".encode()).digest()
