"""Number candidates: each number the article states, written once as a statement in statement
order with its value as the article writes it ('the whole rescue took about 22 hours')."""

from __future__ import annotations

import re

from quizgen.authoring.draft.clauses import (
    SAYING,
    TIME_OF_DAY,
    Span,
    lower_common,
    statement,
    tidy,
    unattributed,
)
from quizgen.authoring.draft.junk import number_in_name
from quizgen.authoring.draft.reading import Candidate, Reading
from quizgen.load.fields import LARGEST_NUMBER
from quizgen.text.numbers import NumberMention, find_numbers

LONGEST = 22
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
LENGTH_UNITS = ("metre", "meter", "kilometre", "kilometer", "km", "mile", "foot", "feet", "inch")


def number_candidates(reading: Reading) -> list[Candidate]:
    found = []
    for index, sentence in enumerate(reading.sentences):
        spans = [(d.start, d.end) for d in reading.dates[index]]
        for mention in find_numbers(sentence.text, spans):
            if abs(mention.value) > LARGEST_NUMBER or _persons_age(sentence.text, mention):
                continue  # an age is a detail of a person, not a fact to ask
            if number_in_name(sentence.text, mention) or _in_spoken_quote(sentence.text, mention.start):
                continue
            if (
                mention.kind == "ordinal"
                and mention.value == 1
                and not re.match(r"\s+ever\b", sentence.text[mention.end :])
            ):
                continue  # 'the first miner', 'for the first time': an order, not a count to ask
            before = sentence.text[: mention.start]
            if mention.kind == "ordinal" and re.search(r"\b(?:an?|since the (?:late|early|mid))\s+$", before):
                continue  # 'a second target' is another one; 'since the late 19th century' a window
            if re.match(r"C\s+[a-z]+", sentence.text[mention.end :]) and re.search(r"\bthe\s+$", before):
                continue  # 'the 2C goal': a target named by its number, asked where it is set
            if any(m.start() <= mention.start < m.end() for m in TIME_OF_DAY.finditer(sentence.text)):
                continue  # 'ten minutes after midnight': a time of day
            if re.match(r"\s+and\s+a\s+half\b", sentence.text[mention.end :]) or (
                mention.kind == "fraction" and re.search(r"\band\s+$", sentence.text[: mention.start])
            ):
                continue  # 'two and a half weeks': a value the finder does not join
            candidate = _number(reading, index, mention)
            if candidate is not None:
                found.append(candidate)
    return found


def _persons_age(sentence: str, mention: NumberMention) -> bool:
    if mention.unit != "years old":
        return False
    after = sentence[mention.end :]
    return not re.match(
        r"\s+(?:cathedral|church|building|bridge|tree|temple|castle|ship|company|tradition|monument|[a-z]+)\b",
        after,
    ) or bool(
        re.match(
            r"\s+(?:[A-Z]|president|minister|man|woman|boy|girl|foreman|miner|scientist|computer|former|actor|shift)",
            after,
        )
    )


def _in_spoken_quote(sentence: str, position: int) -> bool:
    """Inside a quoted sentence ('"We are well in the shelter, the 33 of us."'); a quoted phrase
    ('a detour that "adds about 3,500 miles"') states a number as well as any clause."""
    for m in re.finditer(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"", sentence):
        if m.start() < position < m.end():
            return m.group(0)[1:2].isupper()
    return False


def _number(reading: Reading, index: int, mention: NumberMention) -> Candidate | None:
    sentence = reading.sentences[index].text
    text = (
        _measure_clause(sentence, mention)
        or _reduced_relative(sentence, mention)
        or _participle_phrase(sentence, mention)
        or _leading_description(reading, index, mention)
        or _measure_after_noun(sentence, mention)
    )
    if text is None:
        text = statement(sentence, Span(mention.start, mention.end), index, reading.context)
        if text is None:
            return None
        text = unattributed(text, index, reading.context)
        text = _adverbial_to_end(text, mention)
        text = _without_other_dates(text, reading, index, mention)
        text = _unrelativised(text, mention)
        text = _plain_subject(text, mention)
        text = re.sub(
            rf"\b(?:began|[a-z]+ed)\s+(?:in\s+\d+\s+)?and\s+(?=\w+\s+(?:\w+\s+)?{re.escape(mention.text)})",
            "",
            text,
        )
        text = re.sub(
            rf"^({re.escape(mention.text)}\s+(?:[a-z-]+\s+){{0,2}}[a-z]+s)\s+and\s+.+?\s+(?=(?:were|was|are|is)\b)",
            r"\1 ",
            text,
        )
    text = re.sub(rf"\b{re.escape(mention.number_text)}-fold\b", f"{mention.number_text} times", text)
    text = tidy(lower_common(re.sub(r"[\"\u201c\u201d]", "", text), reading.names))
    digits = re.match(r"[\d,.]+", mention.number_text)
    stated = mention.text in text or mention.number_text in text or digits and digits.group(0) in text
    if not stated or len(text.split()) > LONGEST:
        return None
    value: float | int = int(mention.value) if mention.value == int(mention.value) else mention.value
    fields: dict = {}
    if mention.high is not None:
        high = int(mention.high) if mention.high == int(mention.high) else mention.high
        fields["range"] = [value, high]
    else:
        fields["value"] = value
    fields["statement"] = text
    notes = {
        "range" if mention.high is not None else "value": f'"{mention.text}"',
        "statement": "review: one clause, subject first, with the value as the article writes it",
    }
    if mention.present:
        fields["as_of"] = reading.article.published.iso()[:7]
        notes["as_of"] = "stated of the present: the value goes stale"
    fields["evidence"] = sentence
    return Candidate("number", fields, index, notes)


def _measure_clause(sentence: str, mention: NumberMention) -> str | None:
    """'a 69-day ordeal' -> 'the ordeal lasted 69 days'; 'the 400-metre vessel' -> 'the vessel
    is 400 metres long'."""
    if mention.unit == "years old":
        noun = re.match(r"\s+([a-z]+)\b", sentence[mention.end :])
        years = re.match(r"\d[\d,.]*", mention.number_text)
        return f"the {noun.group(1)} is {years.group(0)} years old" if noun and years else None
    fold = re.match(r"-fold\b", sentence[mention.end :])
    if fold:
        return None  # the clause is rewritten once made: '13-fold' -> '13 times'
    number = mention.number_text
    match = re.match(r"-(\w+?)(s?)\s+([a-z]+)\b", sentence[mention.end :])
    glued = re.match(r"^(?P<num>.+?)-(?P<unit>[a-z]+?)s?$", mention.number_text)
    if match:
        unit, noun = match.group(1), match.group(3)
    elif glued and (after := re.match(r"\s+([a-z]+)\b", sentence[mention.end :])):
        # the finder keeps the unit with the number: '400-metre' before 'vessel'
        number, unit, noun = glued.group("num"), glued.group("unit"), after.group(1)
    else:
        return None
    if mention.kind == "ordinal":
        return f"the {noun} dates from the {number} {unit}" if unit in TIME_UNITS else None
    plural = f"{unit}s" if mention.value != 1 else unit
    if unit in TIME_UNITS:
        return f"the {noun} lasted {number} {plural}"
    if unit in LENGTH_UNITS:
        return f"the {noun} is {number} {plural.replace('foots', 'feet')} long"
    return None


def _reduced_relative(sentence: str, mention: NumberMention) -> str | None:
    """'the 48 hours officials had predicted' -> 'officials had predicted 48 hours'."""
    after = sentence[mention.end :]
    match = re.match(r"\s+([a-z]+)\s+((?:[A-Z]?[a-z]+\s+){1,2}?)(had|have|has)\s+([a-z]+ed)\b", after)
    if not match or not re.search(r"\bthe\s+$", sentence[: mention.start]):
        return None
    subject = match.group(2).strip()
    return f"{subject} {match.group(3)} {match.group(4)} {mention.text} {match.group(1)}"


def _participle_phrase(sentence: str, mention: NumberMention) -> str | None:
    """'the 33 miners trapped deep beneath Chile's Atacama Desert was hauled' -> '33 miners were
    trapped deep beneath Chile's Atacama Desert'."""
    match = re.match(
        r"\s+((?:[a-z-]+\s+)?[a-z]+s)\s+([a-z]+(?:ed|en|wn|ght))\s+([^,;]+?)\s+(?:was|were|is|are|had|has)\b",
        sentence[mention.end :],
    )
    if not match or not re.search(r"\bthe\s+$", sentence[: mention.start]):
        return None
    return f"{mention.text} {match.group(1)} were {match.group(2)} {match.group(3)}"


def _leading_description(reading: Reading, index: int, mention: NumberMention) -> str | None:
    """'Nearly 60 metres wide and able to carry 20,000 containers, it ended up …' -> 'the Ever
    Given is nearly 60 metres wide', '… is able to carry 20,000 containers'."""
    from quizgen.authoring.draft.clauses import PRONOUNS

    sentence = reading.sentences[index].text
    match = re.match(r"^((?:[^,]|,(?=\d))+),\s+(it|they|he|she|the\s+\w+)\s+\w+", sentence)
    if (
        not match
        or not mention.end <= len(match.group(1))
        or re.search(r"\b(?:is|was|are|were|has|had)\b", match.group(1))
    ):
        return None
    parts = re.split(r"\s+and\s+", match.group(1))
    part = next((p for p in parts if mention.text in p or mention.number_text in p), None)
    if part is None:
        return None
    subject = match.group(2)
    if subject.lower() in PRONOUNS:
        subject = reading.context.referent(subject, index) or ""
    if not subject:
        return None
    be = "are" if subject.lower() in ("they",) else "is"
    part = part[0].lower() + part[1:]
    return f"{subject} {be} {part}"


def _measure_after_noun(sentence: str, mention: NumberMention) -> str | None:
    """'a galaxy 55 million light-years from Earth' -> 'the galaxy is 55 million light-years from
    Earth'."""
    before = sentence[: mention.start]
    noun = re.search(r"\b(?:a|an|the)\s+((?:[a-z-]+\s+)?[a-z]+)\s+$", before)
    after = re.match(
        r"\s*([\w-]+)\s+(from\s+[A-Z]\w+|away|long|wide|high|deep|tall)\b", sentence[mention.end :]
    )
    if not noun or not after or mention.kind != "cardinal":
        return None
    return f"the {noun.group(1)} is {mention.text} {after.group(1)} {after.group(2)}"


def _without_other_dates(text: str, reading: Reading, index: int, mention: NumberMention) -> str:
    """'the Plan B drill broke through on 9 October, after 33 days of drilling' -> '… broke
    through after 33 days of drilling': the count is the fact, its date another one."""
    from quizgen.authoring.draft.clauses import without_date

    for date in reading.dates[index]:
        if date.text in text and mention.text not in date.text:
            text = without_date(text, date.text)
    return text.replace(", after", " after").replace(", for", " for")


def _unrelativised(text: str, mention: NumberMention) -> str:
    """'Six rescuers who had gone down to help the men were winched up afterwards' -> 'Six
    rescuers had gone down to help the men': check reads no verb after a relative word."""
    match = re.match(r"^(.*?\b[a-z]+s)\s+(?:who|that)\s+(.+?)\s+(?:were|was|are|is)\s+\w+.*$", text)
    if match and mention.text in match.group(1):
        return f"{match.group(1)} {match.group(2)}"
    return text


def _plain_subject(text: str, mention: NumberMention) -> str:
    """The counted noun as the subject, so that 'How many …' can replace it: 'all 25 crew
    members' -> '25 crew members'; 'One firefighter and two police officers were injured' ->
    'two police officers were injured'; 'negotiators from 195 countries adopted' -> '195
    countries adopted'; 'the fire came during Holy Week, six days before Easter' -> 'the fire came
    six days before Easter'; 'The great organ, with its 8,000 pipes' -> 'the great organ has 8,000
    pipes'."""
    number = re.escape(mention.text)
    text = re.sub(rf"^(?:all|the|some\s+of\s+the)\s+(?={number}\s)", "", text, flags=re.I)
    text = re.sub(
        rf"^(?:[\w-]+\s+){{1,3}}and\s+(?={number}\s+(?:\w+\s+){{1,3}}(?:were|was|are|is|had|have)\b)",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(rf"^[a-z]+\s+from\s+(?={number}\s+[a-z]+\s+[a-z]+ed\b)", "", text, flags=re.I)
    text = re.sub(rf"\s+(?:during|in|on|at)\s+[^,]+,\s+(?={number}\s)", " ", text)
    having = re.match(rf"^(.+?),\s+with\s+(?:its|their|the)\s+({number}\s+[a-z]+)", text)
    if having:
        be = "have" if having.group(1).split()[-1].endswith("s") else "has"
        text = f"{having.group(1)} {be} {having.group(2)}"
    return text


def _without_attribution(text: str) -> str:
    """'Officials said it could take about four days' -> 'it could take about four days'."""
    saying = "|".join(SAYING)
    return re.sub(rf"^(?:[\w'\u2019-]+\s+){{1,4}}(?:{saying})\s+(?:that\s+)?(?=\w)", "", text)


def _adverbial_to_end(text: str, mention: NumberMention) -> str:
    """'For 17 days nobody knew whether …' -> 'nobody knew whether … for 17 days'."""
    match = re.match(
        rf"^((?:for|in|within|after|over)\s+[^,]*?{re.escape(mention.text)}(?:\s+[a-z]+)?)\s*,?\s+(?=[a-z])",
        text,
        re.I,
    )
    if not match:
        return text
    lead = match.group(1)
    rest = text[match.end() :]
    return f"{rest} {lead[:1].lower() + lead[1:]}"
