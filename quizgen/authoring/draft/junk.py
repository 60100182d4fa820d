"""Junk filters: candidates a reviewer would only delete. One function per class of junk that
reviews of drafts found (each has a test in tests/test_draft_junk.py):

- a place filed as an actor (a country or a city named only as where something is);
- a number taken from a name ('France 24', 'Fénix 2', 'COP21');
- a common noun or an adjective filed as an actor ('mercenaries' beside the group's name,
  'West African');
- an operation or an armed group filed as a person ('Operation Barkhane', 'the Wagner group');
- a cause or an effect that is only a stretch of time ('→ hours', '→ a month');
- a counting window ('since 2015' after a count or a duration) drafted as a date;
- a deadline ('before 2025') drafted as the date something happened;
- a date that is the subject of its clause ('this year is on course to be the hottest').
"""

from __future__ import annotations

import re

from quizgen.authoring.draft.lexicon import lexicon
from quizgen.text.dates import DateMention
from quizgen.text.numbers import NumberMention

_TIME_NOUNS = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centuries|century|"
    r"morning|afternoon|evening|night|time)"
)
_TIME_ONLY = re.compile(
    rf"^(?:(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|\d[\d,.]*|"
    rf"just|only|more than|about|some|over|nearly)\s+)*{_TIME_NOUNS}(?:\s+(?:ago|later|earlier))?$",
    re.IGNORECASE,
)
OPERATION = re.compile(r"^(?:Operation\s+[A-Z]|[A-Z][\w-]*\s+(?:Operation|Mission|Force|Task Force)$)")
ARMED_GROUP = re.compile(r"\b(?:group|Group|brigade|Brigade|militia|Militia|Front|Army|Movement)$")


def place_as_actor(name: str, kind: str, acts: bool, sentence: str, start: int) -> bool:
    """A country or capital named only as a place ('trapped beneath Chile's Atacama Desert',
    'in Mali'); a state is an actor only where it acts."""
    lex = lexicon()
    if kind != "state":
        return False
    if name in lex.capitals and not acts:
        return True
    before = sentence[:start]
    where = re.search(
        r"\b(?:in|of|from|to|across|beneath|near|outside|at|into|around|throughout)\s+(?:the\s+)?$", before
    )
    return bool(where) or not acts


def number_in_name(sentence: str, mention: NumberMention) -> bool:
    """A number that is part of a name: 'France 24', 'named Fénix 2', 'COP21', 'Apollo 11'."""
    before = sentence[: mention.start]
    after = sentence[mention.end :]
    if mention.kind != "cardinal" or mention.hedge_text or mention.unit:
        return False
    named = re.search(r"\b[A-Z][\w\u00c0-\u024f-]*\s+$", before) is not None and not re.search(
        r"(?:^|[.!?]\s+)[A-Z][\w-]*\s+$", before
    )
    following = re.match(r"\s+([a-z]+)\b", after)
    if following is None:
        return named  # 'named Fénix 2, shuttled …'
    from quizgen.text.grammar import _lemmas

    lemmas = _lemmas(following.group(1))
    return named and ("VERB" in lemmas or "NOUN" not in lemmas)  # 'France 24 said', not 'Mali 3 soldiers'


def common_noun_actor(name: str, kind: str, display: str) -> bool:
    """'mercenaries', 'protesters': a common noun is an actor only as one of the armed or
    political groups of the word lists (see actors.py); an adjective ('West African') never."""
    lex = lexicon()
    words = name.split()
    if not words:
        return True
    directions = ("West", "East", "North", "South", "Central", "Western", "Eastern", "Northern", "Southern")
    regional = ("African", "European", "Asian", "Arab", "Latin", "Sahelian", "Gulf", "Pacific", "Atlantic")
    adjective = (*directions, *regional)
    if all(w in lex.demonyms or w.rstrip("s") in lex.demonyms or w in adjective for w in words):
        return True  # 'West African', 'Chileans'
    if " ".join(words) in lex.places:
        return True
    return bool(name[:1].islower() and not display)


def wrong_person(name: str, kind: str) -> bool:
    """An operation or an armed group is not a person: 'Operation Barkhane', 'the Wagner group'."""
    if kind != "person":
        return False
    return bool(OPERATION.search(name) or ARMED_GROUP.search(name))


def kind_for(name: str, kind: str) -> str:
    """The kind an operation or an armed group filed as a person should have."""
    if OPERATION.search(name):
        return "operation"
    if ARMED_GROUP.search(name):
        return "group"
    return kind


def time_as_cause(phrase: str) -> bool:
    """A cause or an effect that is only a stretch of time: 'hours', 'a month', 'two years later'."""
    words = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
    return bool(_TIME_ONLY.match(words)) or len(re.findall(r"[A-Za-z]{3,}", phrase)) < 1


def counting_window(sentence: str, mention: DateMention) -> bool:
    """'… has killed 300 people since 2015', '… lasted 11 years, since March 2009': the start of
    the period a count or a duration runs over, not when something happened ('has linked the
    Mediterranean and the Red Sea since 1869' counts nothing, and is a date to ask)."""
    before = sentence[: mention.start]
    if not re.search(r"\bsince\s+$", before):
        return False
    clause = re.split(r"[;.]", before)[-1]
    number = (
        r"(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)"
    )
    return re.search(rf"\b{number}\s*%?\s*(?:[\w-]+\s+){{0,3}}?[\w-]*,?\s*since\s+$", clause) is not None


def deadline(sentence: str, mention: DateMention) -> bool:
    """'a goal to be agreed before 2025', 'by 2030': a deadline, not when something happened."""
    return (
        re.search(rf"\b(?:before|by|until|no later than)\s+{re.escape(mention.text)}", sentence, re.I)
        is not None
    )


def date_is_subject(sentence: str, mention: DateMention) -> bool:
    """'this year is on course to be the hottest on record': the date is what the clause is
    about, so 'In which year …' has no question to ask."""
    after = sentence[mention.end :]
    return (
        re.match(r"\s+(?:is|was|has|had|will|marks|marked)\b", after) is not None
        and re.search(r"(?:^|\bthat\s+|,\s+)$", sentence[: mention.start]) is not None
    )
