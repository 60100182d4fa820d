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
            commas = [m.start() for m in _COMMA.finditer(text, len(marker) + 1)]
            if not commas:
                return None
            comma = commas[0]
            for position in commas:  # 'Because nothing, not even light, can escape …, the image …'
                if _starts_clause(text[position + 1 :]):
                    comma = position
                    break
            cause = text[len(marker) + 1 : comma].strip()
            effect = _clause_forward(text, comma + 1)
            if not cause or not effect or _TEMPORAL.match(cause):
                return None
            return CauseMention(cause, lower_first(effect), marker.lower(), text, effect)
    return None


def _starts_clause(text: str) -> bool:
    """A subject then its verb: 'the image does not show …'."""
    from quizgen.authoring.draft.clauses import main_verb

    head = re.split(r",", text)[0]
    verb = main_verb(head)
    return verb is not None and verb > 0 and not re.match(r"\s*(?:not|can|could|will|would|is|was)\b", head)


def _markers(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for markers, prefix in ((FORWARD, r"\s"), (BACKWARD, r"\s"), (PARTICIPLES, r",\s")):
        for marker in markers:
            for m in re.finditer(rf"(?<={prefix}){re.escape(marker)}\b", text):
                if marker in ("caused", "triggered", "sparked") and re.match(r"\s+by\b", text[m.end() :]):
                    continue  # 'the first ever caused by a coronavirus': a passive, no cause before it
                if marker == "due to" and re.match(r"\s+[a-z]+\s+(?:on|in|at|by)\b", text[m.end() :]):
                    continue  # 'had been due to end on Friday': a plan, not a cause
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


# --- cause facts: both sides as noun phrases -----------------------------------------------

# Markers beside the ones of find_causes: verbs that say one thing brought about another, and
# purposes ('to protect their eyes', 'for an inspection of its seaworthiness').
MORE_FORWARD = ("set off", "raised", "delayed", "prompted", "forced", "could cause", "cause")
RAISED_WHAT = re.compile(r"^\s*(?:questions|concerns|fears|doubts|hopes|prices|alarm)\b")
_PURPOSE_VERBS_NOT = (
    "began begin begins want wants wanted has have had is are was were going set agreed promise "
    "promised try tried need needs needed plan plans planned used able due expected likely seemed "
    "seems appear appeared continue continued started start ready take took"
)
PURPOSE_VERBS_NOT = frozenset(_PURPOSE_VERBS_NOT.split())
# Verbs of a reaction: 'suspended its season after …' says why; 'began moving after …' only when.
_REACTIONS = (
    "suspend suspended declare declared cancel cancelled canceled close closed ban banned resign "
    "resigned impose imposed halt halted postpone postponed evacuate evacuated withdraw withdrew "
    "arrest arrested ground grounded recall recalled"
)
REACTIONS = frozenset(_REACTIONS.split())


def cause_candidates(reading) -> list:
    from quizgen.authoring.draft.clauses import lower_common
    from quizgen.authoring.draft.junk import time_as_cause
    from quizgen.authoring.draft.reading import Candidate

    found = []
    seen = set()
    for index, sentence in enumerate(reading.sentences):
        previous = reading.sentences[index - 1] if index else None
        mentions = [m for m in find_causes(sentence, previous, reading.article.body) if _causal(m)]
        mentions += _more_causes(sentence)
        for mention in mentions:
            cause = lower_common(as_noun_phrase(_untailed(mention.cause), reading, index), reading.names)
            effect = lower_common(as_noun_phrase(_untailed(mention.effect), reading, index), reading.names)
            if not cause or not effect or time_as_cause(cause) or time_as_cause(effect):
                continue
            if ", after " in cause or ", after " in effect:
                continue  # two clauses run together: no noun phrase
            if effect in seen or len(cause.split()) > 16 or len(effect.split()) > 16:
                continue
            seen.add(effect)
            fields = {"cause": cause, "effect": effect}
            if getattr(mention, "one_of", False):
                fields["one_of"] = True
            fields["evidence"] = " ".join(mention.evidence.split())
            span = (
                mention.effect_span
                if mention.effect_span in mention.evidence
                else getattr(mention, "cause_span", "")
            )
            if span and span in mention.evidence:
                fields["gap"] = " ".join(span.split())
            notes = {"cause": f'marker "{mention.marker}": review: is it a cause, or only an earlier event?'}
            found.append(Candidate("cause", fields, index, notes))
    return found


def _untailed(text: str) -> str:
    """Without a trailing 'as part of the works': a manner, not part of the cause."""
    text = re.sub(r",?\s+as part of (?:the|a|an)\s+[\w\s]+,?$", "", text.strip())
    return re.sub(r"\s+to be [a-z]+ed$", "", text)


def _causal(mention: CauseMention) -> bool:
    """'after' and 'following' say why only after a verb of reaction; otherwise they say when."""
    if mention.marker not in ("after", "following"):
        return True
    from quizgen.authoring.draft.clauses import main_verb

    effect = mention.effect
    verb = main_verb(effect)
    if verb is None:
        return False
    word = effect[verb:].split()[0].lower()
    return word in REACTIONS


@dataclass(frozen=True)
class MoreCause(CauseMention):
    one_of: bool = False
    cause_span: str = ""


def _more_causes(sentence: Sentence) -> list[CauseMention]:
    text = sentence.text.rstrip(".")
    found: list[CauseMention] = []
    for marker in MORE_FORWARD:
        for m in re.finditer(rf"(?<=\s){re.escape(marker)}\b", text):
            if marker == "raised" and not RAISED_WHAT.match(text[m.end() :]):
                continue  # 'raised their hands': no effect
            if marker == "cause" and not re.search(
                r"\b(?:could|would|may|might|can|will)\s+$", text[: m.start()]
            ):
                continue
            cause = re.sub(r"\s+(?:has|have|had|also|has also|have also)$", "", _clause_back(text, m.start()))
            cause = re.sub(r"\s+(?:has|have|had|could|would|may|might|can|will)$", "", cause)
            cause = re.sub(r"^(?:warning|saying)\s+that\s+", "", cause)
            effect = _clause_forward(text, m.end())
            effect = re.split(r"\s+(?:and|by|for)\s+", effect)[0]
            if cause and effect:
                found.append(MoreCause(cause, effect, marker, text, effect, cause_span=cause))
    for m in re.finditer(r",?\s+(?:driven|caused)\s+(?:mainly\s+|largely\s+)?by\s+", text):
        cause = re.split(r",\s+and\s+|[;.]", text[m.end() :])[0]
        effect = re.sub(r"^.*?\b(?:say|says|said)\s+(?:that\s+)?", "", _clause_back(text, m.start()))
        if cause and effect:
            found.append(MoreCause(cause, effect, "driven by", text, cause, cause_span=cause))
    for m in re.finditer(r"\s(?:and\s+)?so\s+", text):
        if text[m.start() - 1 : m.start()] not in (",", "") and "and" not in m.group(0):
            continue
        effect = _clause_forward(text, m.end())
        cause = _clause_back(text, m.start() - 1 if text[m.start() - 1 : m.start()] == "," else m.start())
        if "and" in m.group(0):  # 'X had been lifted off …, and so escaped the flames'
            cause = text[: m.start()].split(", ")[0]
            subject = re.match(r"^((?:\w+\s+){1,4}?\w+)\s+(?:had|has|have|was|were)\b", cause)
            effect = f"{subject.group(1)} {effect}" if subject else effect
        if cause and effect:
            found.append(MoreCause(cause, effect, "so", text, effect, cause_span=cause))
    for m in re.finditer(
        r"\s+by\s+((?:strictly\s+|carefully\s+)?[a-z]+ing\s+(?:an?|the|their|its|his|her)\b[^,.;]*)", text
    ):
        effect = _clause_back(text, m.start())
        if effect:
            found.append(MoreCause(m.group(1), effect, "by", text, m.group(1), cause_span=m.group(1)))
    for m in re.finditer(r"\s+(to\s+([a-z]+)\s+[^,.;]+)", text):
        verb = m.group(2)
        before = text[: m.start()].split()
        if not before or before[-1].lower() in PURPOSE_VERBS_NOT or verb in ("be", "the"):
            continue
        if not _base_verb(verb) or len(before) < 3 or not _object_noun(before[-1]):
            continue  # 'raced to open': a verb's complement; 'the 33rd man to make': a noun's
        if re.search(r"\b(?:is|was|are|were)\b", " ".join(before[-6:])):
            continue
        effect = _clause_back(text, m.start())
        purpose = _gerund_of(m.group(1)[3:])
        if effect and purpose:
            found.append(
                MoreCause(purpose, effect, "to", text, m.group(1).strip(), cause_span=m.group(1).strip())
            )
    for m in re.finditer(r",\s+for\s+((?:an?|the)\s+[^,.;]+)$", text):
        effect = _clause_back(text, m.start() + 1)
        effect = re.split(r",", effect)[0] if effect else effect
        whole = text[: m.start()].split(",")[0]
        if whole:
            found.append(MoreCause(m.group(1), whole, "for", text, m.group(1), cause_span=m.group(1)))
    for m in re.finditer(r"\s+tipped\s+(the\s+\w+)\s+into\s+([^,.;]+?)(?:\s+and\s+|[,.;]|$)", text):
        cause = _clause_back(text, m.start())
        effect = f"{m.group(1)} falling into {m.group(2)}"
        found.append(MoreCause(cause, effect, "tipped", text, m.group(0).strip(), cause_span=cause))
    reason = re.search(r"^(.+?)\s+(?:was|is|were|are)\s+one of the reasons (?:given )?for (.+)$", text)
    if reason:
        cause, effect = reason.group(1), reason.group(2)
        found.append(MoreCause(cause, effect, "one of the reasons", text, cause, True, cause))
    one_of = re.search(r"\bone of the reasons (?:given )?for ([^,]+?) (?:was|is|were) ([^,.;]+)", text)
    if one_of:
        found.append(
            MoreCause(
                one_of.group(2),
                one_of.group(1),
                "one of the reasons",
                text,
                one_of.group(2),
                True,
                one_of.group(2),
            )
        )
    return found


def _object_noun(word: str) -> bool:
    """The object of a verb ends the words before a purpose: 'wore dark glasses to protect'."""
    from quizgen.text.grammar import _lemmas

    lemmas = _lemmas(word.lower())
    return "NOUN" in lemmas and word.lower().endswith("s") and word.lower() not in ("days", "years", "hours")


def _base_verb(word: str) -> bool:
    from quizgen.text.grammar import _lemmas

    lemmas = _lemmas(word).get("VERB")
    return bool(lemmas) and lemmas[0] == word


def _gerund_of(phrase: str) -> str:
    from quizgen.text.grammar import _inflection, _lemmas

    words = phrase.split()
    if not words:
        return ""
    lemmas = _lemmas(words[0]).get("VERB")
    if not lemmas:
        return ""
    ing = _inflection(lemmas[0], "VBG")
    return " ".join([ing[0] if ing else words[0], *words[1:]])


def as_noun_phrase(text: str, reading=None, index: int = 0) -> str:
    """A cause or an effect as a noun phrase: a noun phrase as it is ('the burning of coal, oil
    and gas'); a clause with its verb as a gerund ('a Utah Jazz player testing positive', 'the
    image not showing the object itself')."""
    from quizgen.authoring.draft.clauses import PRONOUNS, main_verb, tidy
    from quizgen.text.grammar import _inflection, _lemmas

    text = tidy(text.strip().strip('"\u201c\u201d'))
    text = re.sub(r"^(?:that|because|as|since|when|although|though|while)\s+", "", text)
    text = re.sub(r"^(?:late|early)\s+on\s+\w+\s+|^earlier\s+in\s+the\s+day,?\s+", "", text, flags=re.I)
    if not text:
        return ""
    if text.lower() in PRONOUNS and reading is not None:
        return lower_first(reading.context.referent(text, index) or text)
    verb = main_verb(text)
    if (
        verb is None
        or " that " in text[:verb]
        or re.match(r"[a-z]+\s+(?:fear|fears|concern|concerns|hope|hopes)\b", text)
    ):
        return lower_first(text)  # 'unreasonable fear or unjustified acceptance that the fight was over'
    subject, rest = text[:verb].strip(), text[verb:].split()
    first = subject.split()[0].lower() if subject else ""
    if first in PRONOUNS and reading is not None:
        referent = reading.context.referent(first, index)
        subject = referent + subject[len(first) :] if referent else subject
    word, tail = rest[0], rest[1:]
    low = word.lower()
    if low in ("is", "are", "was", "were"):
        head = "being"
    elif low in ("has", "have", "had"):
        head = "having"
    elif low in ("does", "do", "did"):
        head = ""
        if tail and tail[0] == "not":
            tail = ["not", *(_ing(tail[1:2]) + tail[2:])]
    elif low in ("can", "could"):
        head = "being able to"
    elif low in ("will", "would", "may", "might", "should", "must"):
        head = ""
        tail = _ing(tail[:1]) + tail[1:]
    else:
        lemmas = _lemmas(low).get("VERB")
        ing = _inflection(lemmas[0], "VBG") if lemmas else ()
        head = ing[0] if ing else low
    phrase = " ".join(p for p in (subject, head, *tail) if p)
    return lower_first(tidy(phrase))


def _ing(words: list[str]) -> list[str]:
    from quizgen.text.grammar import _inflection, _lemmas

    if not words:
        return []
    lemmas = _lemmas(words[0].lower()).get("VERB")
    ing = _inflection(lemmas[0], "VBG") if lemmas else ()
    return [ing[0] if ing else words[0]]
