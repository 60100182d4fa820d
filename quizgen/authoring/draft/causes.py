"""Causes: sentences with a causal marker, split into cause and effect where the sentence allows.

Three shapes are split: "CAUSE resulted in EFFECT" (forward markers), "EFFECT after CAUSE"
(backward markers) and "CLAUSE, prompting EFFECT" (participles, whose cause is the clause before
them). "In response, EFFECT" and "As a result, EFFECT" take the previous sentence as the cause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.text.sentences import Sentence, lower_first

FORWARD = (
    "resulted in", "results in", "result in", "has led to", "have led to", "led to", "leads to",
    "lead to", "caused", "causes", "triggered", "sparked",
)  # fmt: skip
BACKWARD = (
    "as a result of", "in response to", "because of", "because", "due to", "owing to", "after",
    "following",
)  # fmt: skip
PARTICIPLES = (
    "prompting", "raising", "causing", "leading to", "resulting in", "triggering", "sparking",
    "forcing",
)  # fmt: skip
OPENERS = ("As a result", "In response", "Consequently", "As a consequence", "Therefore")
FRONT_BACKWARD = ("Because of", "Because", "After", "Following", "Due to", "As a result of", "In response to")

_FINITE = re.compile(
    r"\s(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|should|did|does)\b"
)
# A comma or point ends a clause, but not between digits ("2,000", "3.5").
_CLAUSE_END = re.compile(r"[;:!?]|(?<!\d)[,.]|[,.](?!\d)|\s[\u2014\u2013-]\s")
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_TEMPORAL = re.compile(
    r"^\s*(?:\d|(?:a|one|two|three|several|many|few)\s+(?:years?|months?|weeks?|days?|hours?)\b|"
    r"(?:the\s+)?(?:years?|months?|weeks?|days?|hours?|decades?)\b|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)


@dataclass(frozen=True)
class CauseMention:
    """A cause and its effect, as the evidence states them."""

    cause: str
    effect: str
    marker: str
    evidence: str  # the sentence, or the previous sentence and this one
    effect_span: str  # the effect exactly as written in the evidence (the cloze gap)


def find_causes(sentence: Sentence, previous: Sentence | None, body: str) -> list[CauseMention]:
    """Every cause/effect pair that the sentence's markers allow."""
    text = sentence.text
    found: list[CauseMention] = []
    opener = _opener(text)
    if opener and previous is not None and previous.paragraph == sentence.paragraph:
        effect = text[len(opener) :].lstrip(" ,")
        effect = effect.rstrip(".!?")
        evidence = body[previous.start : sentence.end]
        cause = previous.text.rstrip(".!?")
        found.append(CauseMention(lower_first(cause), lower_first(effect), opener, evidence, effect))
    front = _front_backward(text)
    if front:
        found.append(front)
    chained: str | None = None
    for marker, start, end in _markers(text):
        if front and start == 0:
            continue
        mention = _split(text, marker, start, end, chained)
        if mention is not None:
            found.append(mention)
            if marker in FORWARD:
                chained = mention.effect
    return found


def _opener(text: str) -> str | None:
    for opener in OPENERS:
        if text.startswith(opener + ","):
            return opener
    return None


def _front_backward(text: str) -> CauseMention | None:
    """ "Because of the strike, flights were cancelled."""
    for marker in FRONT_BACKWARD:
        if text.startswith(marker + " "):
            stop = _COMMA.search(text, len(marker) + 1)
            if stop is None:
                return None
            comma = stop.start()
            cause = text[len(marker) + 1 : comma].strip()
            effect = _clause_forward(text, comma + 1)
            if not cause or not effect or _TEMPORAL.match(cause):
                return None
            return CauseMention(cause, lower_first(effect), marker.lower(), text, effect)
    return None


def _markers(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for markers, prefix in ((FORWARD, r"\s"), (BACKWARD, r"\s"), (PARTICIPLES, r",\s")):
        for marker in markers:
            for m in re.finditer(rf"(?<={prefix}){re.escape(marker)}\b", text):
                if not any(a <= m.start() < b for _, a, b in found):
                    found.append((marker, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def _split(text: str, marker: str, start: int, end: int, chained: str | None) -> CauseMention | None:
    if marker in PARTICIPLES:
        effect = _clause_forward(text, end)
        cause = chained or _clause_back(text, start - 2 if text[start - 2 : start - 1] == "," else start)
    elif marker in FORWARD:
        cause, effect = _clause_back(text, start), _clause_forward(text, end)
    else:
        if _TEMPORAL.match(text[end:]):
            return None  # "after two years": time, not cause
        effect, cause = _clause_back(text, start), _noun_phrase(text, end)
    if not cause or not effect or len(cause.split()) < 2 and len(effect.split()) < 2:
        return None
    span = effect
    return CauseMention(lower_first(cause), lower_first(effect), marker, text, span)


def _clause_back(text: str, start: int) -> str:
    """The words before ``start`` back to the clause's start."""
    before = text[:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    return before[cut:].strip()


def _clause_forward(text: str, end: int) -> str:
    """The words after ``end`` up to the clause's end."""
    after = text[end:]
    stop = _CLAUSE_END.search(after)
    return (after[: stop.start()] if stop else after).strip()


def _noun_phrase(text: str, end: int) -> str:
    """The cause after a backward marker: up to the clause's end or its finite verb."""
    phrase = _clause_forward(text, end)
    verb = _FINITE.search(" " + phrase)
    return phrase[: verb.start() - 1].strip() if verb else phrase
