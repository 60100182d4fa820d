"""Place candidates: a named place after a preposition of place ('towed to the Great Bitter
Lake', 'told reporters in Geneva'), with the clause that puts something there."""

from __future__ import annotations

import re

from quizgen.authoring.draft.clauses import (
    Span,
    is_clause,
    lower_common,
    reduced_relative,
    statement,
    subject_of,
    tidy,
    unattributed,
)
from quizgen.authoring.draft.lexicon import lexicon
from quizgen.authoring.draft.reading import Candidate, Reading
from quizgen.text.dates import MONTHS, WEEKDAYS

PREPOSITIONS = (
    r"in|at|to|from|near|beneath|across|around|towards|toward|into|on|off|through|under|outside|inside"
)
_NAME = r"[A-Z\u00c0-\u00dd][\w'\u2019\u00c0-\u024f-]*"
_PLACE = re.compile(
    rf"\b(?P<prep>{PREPOSITIONS})\s+(?P<place>(?:the\s+)?(?:(?:[\w-]+\s+){{0,3}}?(?:city|banks|town|village|province|region|capital|centre|center|heart|edge|outskirts|shores?)\s+of\s+(?:the\s+)?)?"
    rf"{_NAME}(?:\s+(?:{_NAME}|de|la|le|of|du|des|the|and|\d+)(?=\s|$|[,.;]))*(?:\s+{_NAME})?"
    rf"(?:\s+(?:headquarters|city hall|cluster|area|desert))?(?:\s+in\s+{_NAME}(?:\s+{_NAME})?)?)"
)
KINDS = {
    "water": ("Sea", "Ocean", "Lake", "River", "Canal", "Bay", "Gulf", "Strait", "Seine"),
    "site": ("House", "Office", "Hall", "headquarters", "city hall", "Cathedral", "Church", "Museum",
             "Airport", "Station", "Mine", "Park", "Bridge", "Tower", "Palace", "Square", "Louvre", "Cité"),
    "region": ("Desert", "Valley", "Mountains", "Peninsula", "Coast", "Basin", "Forest", "Pole", "Cape"),
}  # fmt: skip


def place_candidates(reading: Reading) -> list[Candidate]:
    found = []
    seen = set()
    for index, sentence in enumerate(reading.sentences):
        for match in _PLACE.finditer(sentence.text):
            place = _trim_place(match.group("place"))
            after = sentence.text[match.start("place") + len(place) :]
            if not place or not _is_place(place, reading) or place in seen or " and " in place:
                continue
            if _noun_follows(after):
                continue  # 'the Gothic cathedral': an adjective, not a place
            if re.match(r",\s+[A-Z]", after) or re.search(
                r"[A-Z][\w-]*,\s+$", sentence.text[: match.start()]
            ):
                continue  # one of a list of places: the list finder drafts it
            start = match.start("place")
            candidate = _place(reading, index, match.group("prep"), place, start)
            if candidate is not None:
                seen.add(place)
                found.append(candidate)
    return found


def _noun_follows(after: str) -> bool:
    from quizgen.text.grammar import _lemmas

    word = re.match(r"\s+([a-z]+)\b", after)
    if not word:
        return False
    lemmas = _lemmas(word.group(1))
    return (
        "NOUN" in lemmas
        and not ({"ADV", "ADP"} & set(lemmas))
        and word.group(1)
        not in ("instead", "again", "that", "which", "who", "where", "when", "and", "or", "but")
    )


def _trim_place(place: str) -> str:
    place = re.sub(
        r"\s+in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)$",
        "",
        place.strip(),
    )
    place = re.sub(r"\s+(?:and|of|the|de|la|le|du|des)$", "", place.strip())
    return place.rstrip(",.;")


def _is_place(place: str, reading: Reading) -> bool:
    lex = lexicon()
    bare = re.sub(r"^the\s+", "", place)
    words = bare.split()
    if words[0] in MONTHS or words[0] in WEEKDAYS or words[0] in ("Holy", "Easter", "Christmas"):
        return False
    if bare in lex.states or words[0] in lex.demonyms or bare in lex.places and len(words) == 1:
        return False  # a country as where something is: too common to ask, and asked through its events
    if words[-1] not in lex.place_heads and (
        any(w in lex.thing_heads for w in words) or words[-1] in lex.organisation_heads
    ):
        return False
    named = (
        a for a in reading.actors if a.name == bare or a.name in bare and a.kind in ("person", "company")
    )
    return next(named, None) is None


def _place(reading: Reading, index: int, prep: str, place: str, start: int) -> Candidate | None:
    sentence = reading.sentences[index].text
    text = statement(sentence, Span(start - len(prep) - 1, start + len(place)), index, reading.context)
    if text is None or place not in text:
        return None
    text = re.sub(r"^[\"\u201c][^\"\u201d]*[\"\u201d],?\s*", "", text)  # a quote before its attribution
    said = unattributed(reduced_relative(text), index, reading.context)
    if place in said and is_clause(said):
        text = said
    else:  # the place is where it was said: 'said in an address from the Oval Office that …'
        text = re.split(r"\s+that\s+", text)[0]
        text = re.sub(r"^(?:President|Prime Minister|Dr|Mr|Mrs|Ms)\s+", "", text)
    if place not in text:
        return None
    text = _place_after_verb(text, prep, place)
    if text is None:
        return None
    text = tidy(lower_common(text, reading.names))
    if len(text.split()) > 20:
        return None
    fields = {"place": place, "statement": text, "kind": _kind(place, reading), "evidence": sentence}
    notes = {"statement": "review: a clause with the place after its preposition", "kind": "review"}
    return Candidate("place", fields, index, notes)


def _place_after_verb(text: str, prep: str, place: str) -> str | None:
    """A place inside the subject ('crowds on the banks of the Seine watched', 'work on the
    Gothic cathedral on the Île de la Cité began') is said of the noun it follows."""
    position = text.find(f"{prep} {place}")
    if position < 0:
        return None
    subject = subject_of(text)
    if subject and position < len(subject):
        head = text[:position].strip()
        if "," in head or re.search(
            r"\b(?:summit|conference|talks|meeting|attacks?|protests?|war|crisis)$", head
        ):
            return None  # 'a summit in Copenhagen': where an event was is not where a thing is
        head = re.sub(r"^.*\bon\s+", "", head) if head.lower().startswith("work on") else head
        if not head:
            return None
        be = "are" if re.search(r"s$", head.split()[-1]) else "is"
        return f"{head} {be} {prep} {place}"
    return text[: position + len(prep) + len(place) + 1] if is_clause(text[:position]) else text


def _kind(place: str, reading: Reading) -> str:
    lex = lexicon()
    bare = re.sub(r"^the\s+", "", place)
    if bare in lex.capitals or re.search(r"\bcity of\b", place):
        return "city"
    for kind, heads in KINDS.items():
        if any(re.search(rf"\b{re.escape(h)}\b", place) for h in heads):
            return kind
    if len(bare.split()) == 1:
        return "city"
    return "other"
