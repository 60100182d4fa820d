"""Selection: the candidates a teacher is likely to keep, first; the same fact drafted once.

Every candidate gets a score from what reviews of drafts showed teachers keep: the article's
main subject and the actors it names come first; facts from the opening sentences, facts with
a named actor, and numbers with a unit or a hedge before the rest; weak shapes (a person with no
role, a quote that goes on from another, a country that only acts) after them.
"""

from __future__ import annotations

import re

from quizgen.authoring.draft.reading import Candidate, Reading
from quizgen.text.compare import folded

TYPE_PRIOR = {
    "date": 0.70, "event": 0.65, "number": 0.60, "actor": 0.60, "quote": 0.60, "place": 0.55,
    "list": 0.50, "cause": 0.45,
}  # fmt: skip


def score(candidate: Candidate, reading: Reading) -> float:
    fields = candidate.fields
    value = TYPE_PRIOR[candidate.type]
    value += 0.25 * max(0.0, 1 - candidate.sentence / 6)  # the opening sentences say what matters
    words = {
        w.lower()
        for w in re.findall(r"[\w'-]+", " ".join(str(v) for k, v in fields.items() if k != "evidence"))
    }
    if words & reading.main_words:
        value += 0.1
    if candidate.type == "actor":
        if fields.get("role"):
            value += 0.2
        elif fields["kind"] == "person":
            value -= 0.3
        if fields["kind"] in ("state", "group"):
            value -= 0.35
    if candidate.type == "number":
        if re.search(
            r"%|[$€£]|\b(?:about|around|more than|nearly|some|up to|at least)\b", fields["statement"]
        ):
            value += 0.05
        if "as_of" in fields:
            value -= 0.05
    if candidate.type == "quote" and candidate.reason == "continued":
        value -= 0.3
    if candidate.type == "event" and fields.get("date"):
        value += 0.1
    if candidate.type == "cause" and fields.get("one_of"):
        value += 0.05
    return round(value, 3)


def deduplicated(candidates: list[Candidate]) -> list[Candidate]:
    """The first candidate of each fact: the same type and value from the same sentence, or the
    same quote, the same place, the same list or the same actor twice."""
    seen: set[tuple] = set()
    kept = []
    for candidate in candidates:
        key = _key(candidate)
        if key in seen:
            continue
        seen.add(key)
        kept.append(candidate)
    return kept


def _key(candidate: Candidate) -> tuple:
    fields = candidate.fields
    if candidate.type == "actor":
        return ("actor", folded(fields["name"]))
    if candidate.type == "quote":
        return ("quote", folded(fields["quote"])[:60])
    if candidate.type == "place":
        return ("place", folded(fields["place"]))
    if candidate.type == "list":
        return ("list", tuple(sorted(folded(m) for m in fields["members"])))
    if candidate.type == "number":
        return ("number", folded(candidate.evidence), str(fields.get("value", fields.get("range"))))
    if candidate.type in ("date", "event") and "date" in fields:
        return ("when", folded(candidate.evidence), fields["date"])
    if candidate.type == "event":
        return ("event", folded(fields["happened"]))
    return (candidate.type, tuple((k, str(v)) for k, v in fields.items() if k not in ("evidence", "gap")))


def ranked(candidates: list[Candidate], reading: Reading) -> list[Candidate]:
    """The main subject (the fact the first sentence states) first, then the actors the article
    names (people and bodies with a role), then the rest by score."""
    for candidate in candidates:
        candidate.score = score(candidate, reading)
    lead = [c for c in candidates if c.sentence == 0 and c.type in ("date", "event")][:1]
    actors = [c for c in candidates if c.type == "actor" and c.fields.get("role") and c not in lead]
    rest = [c for c in candidates if c not in lead and c not in actors]
    actors.sort(key=lambda c: (-c.score, c.sentence))
    rest.sort(key=lambda c: (-c.score, c.sentence))
    return lead + actors + rest
