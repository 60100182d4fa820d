"""Date candidates: what happened on each date the article gives, as a clause without the date
('the so-called Plan B drill finally broke through'), or as a noun phrase for a date that
qualifies one ('the Kyoto Protocol of 1997' -> event: the Kyoto Protocol)."""

from __future__ import annotations

import re

from quizgen.authoring.draft.clauses import (
    Span,
    first_verb_phrase,
    lower_common,
    main_verb,
    statement,
    tidy,
    with_subject,
    without_date,
)
from quizgen.authoring.draft.events import _as_written, _relative_words
from quizgen.authoring.draft.junk import counting_window, date_is_subject, deadline
from quizgen.authoring.draft.reading import Candidate, Reading
from quizgen.text.dates import DateMention

LONGEST = 22


def date_candidates(reading: Reading) -> list[Candidate]:
    found = []
    for index, sentence in enumerate(reading.sentences):
        for mention in reading.dates[index]:
            if (index, mention.date.iso()) in reading.claimed:
                continue
            if counting_window(sentence.text, mention) or deadline(sentence.text, mention):
                continue
            if date_is_subject(sentence.text, mention):
                continue
            candidate = _date(reading, index, mention)
            if candidate is not None:
                found.append(candidate)
                reading.claimed.add((index, mention.date.iso()))
    return found


def _date(reading: Reading, index: int, mention: DateMention) -> Candidate | None:
    sentence = reading.sentences[index].text
    fields: dict = {}
    noun = (
        _noun_of_date(sentence, mention)
        or _published(sentence, mention, reading)
        or _listed_event(sentence, mention, reading, index)
    )
    if noun and noun[1] == "event":
        fields["event"] = noun[0]
    elif noun:
        fields["happened"] = noun[0]
    else:
        text = statement(sentence, Span(mention.start, mention.end), index, reading.context)
        if text is None:
            return None
        happened = first_verb_phrase(without_date(text, mention.text))
        for other in reading.dates[index]:
            if other is not mention and other.text in happened:
                happened = without_date(happened, other.text)
        happened = tidy(lower_common(with_subject(happened, index, reading.context), reading.names))
        weekday = re.search(r"day\b", mention.text)
        if weekday and re.search(r"[$€£]\d|\d%|\b\d[\d,.]*\s*(?:m|bn|million|billion|points)\b", happened):
            return None  # 'the Pinault family pledged €100m': the number fact asks it; the day is a detail
        if main_verb(happened) is None or len(happened.split()) > LONGEST or len(happened.split()) < 3:
            return None
        fields["happened"] = happened
        if re.search(rf"\bsince\s+(?:the\s+)?{re.escape(mention.text)}", sentence):
            fields["since"] = True
    fields["date"] = mention.date.iso()
    notes = {"date": mention.note}
    if _relative_words(mention.text):
        fields["as_written"] = _as_written(sentence, mention)
    key = "event" if "event" in fields else "happened"
    notes[key] = (
        "review: a noun phrase for 'When did … take place?'"
        if key == "event"
        else "review: the clause for 'When did …?', subject first"
    )
    fields["evidence"] = sentence
    return Candidate("date", fields, index, notes)


def _noun_of_date(sentence: str, mention: DateMention) -> tuple[str, str] | None:
    """'the Kyoto Protocol of 1997', 'the devastating earthquake of February', 'the H1N1 swine
    flu of 2009': the noun phrase the date qualifies."""
    before = sentence[: mention.start]
    match = re.search(r"\b((?:the|a|an)\s+(?:[\w'\u2019-]+\s+){0,4}?[\w'\u2019-]+)\s+of\s+$", before, re.I)
    if not match:
        return None
    phrase = match.group(1)
    if re.search(r"\b(?:morning|afternoon|evening|night|day|week|end|beginning|start|middle)$", phrase):
        return None  # 'on the morning of Tuesday 23 March': a time, not an event
    if re.search(r"\b(?:of|in|on|at|by|to|from|with|for)\b", phrase) or main_verb("x " + phrase) is not None:
        return None
    first = phrase.split(" ", 1)[0]
    if first in ("The", "A", "An"):
        phrase = first.lower() + phrase[len(first) :]
    return phrase, "event"


def _published(sentence: str, mention: DateMention, reading: Reading) -> tuple[str, str] | None:
    """'Albert Einstein's general theory of relativity, published more than a century ago, in
    1915' -> 'Albert Einstein's general theory of relativity was published'."""
    before = sentence[: mention.start]
    match = re.search(
        r"((?:[A-Z][\w'\u2019-]*\s+)*[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,5}),\s+(\w+ed)\b[^,]*,?\s+(?:in|on)\s+$",
        before,
    )
    if not match:
        return None
    phrase = match.group(1)
    phrase = re.split(r"\b(?:using|with|by|from|match|matches|made)\s+", phrase)[-1]
    if len(phrase.split()) < 2:
        return None
    return f"{phrase} was {match.group(2)}", "happened"


def _listed_event(
    sentence: str, mention: DateMention, reading: Reading, index: int
) -> tuple[str, str] | None:
    """'following military takeovers in Mali in 2020 and Burkina Faso in 2022' -> the military
    takeover in Mali (2020), the military takeover in Burkina Faso (2022)."""
    from quizgen.text.grammar import _inflect

    before = sentence[: mention.start]
    first = re.search(
        r"\b(?:following|after|before|during|amid|including)\s+((?:[a-z-]+\s+){0,3}?([a-z]+))\s+(in|of)\s+"
        r"([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)\s+in\s+$",
        before,
    )
    if first:
        head = first.group(1)
        noun = first.group(2)
        single = _inflect().singular_noun(noun)
        if single:
            head = head[: -len(noun)] + single
        return f"the {head} {first.group(3)} {first.group(4)}", "event"
    later = re.search(r"\band\s+([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)\s+in\s+$", before)
    if later:
        earlier = [m for m in reading.dates[index] if m.end <= later.start()]
        if earlier:
            previous = _listed_event(sentence, earlier[-1], reading, index)
            if previous:
                head = re.sub(r"\s+(?:in|of)\s+[A-Z].*$", "", previous[0])
                return f"{head} in {later.group(1)}", "event"
    return None
