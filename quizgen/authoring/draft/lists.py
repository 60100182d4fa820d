"""List candidates: 'A, B, C and D' where the sentence says what they are: names after a noun
that gathers them ('six … press conferences, in Washington, Brussels, … and Tokyo'), an
apposition ('two powerful seagoing tugs, the Alp Guard and the Carlo Magna'), 'including …',
or the subject of a clause ('food, water, medicine and letters were sent down …')."""

from __future__ import annotations

import re

from quizgen.authoring.draft.clauses import is_clause, tidy
from quizgen.authoring.draft.lexicon import lexicon
from quizgen.authoring.draft.reading import Candidate, Reading

_ITEM = r"(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*"
_WORD_ITEM = (
    r"[a-z][a-z-]*(?:\s+(?!(?:were|was|are|is|had|have|has|every|each|the|a|an|and|or|to|of)\b)[a-z][a-z-]*)?"
)
_FIRST_WORD_ITEM = r"(?<![\w,] )(?<!\w)[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?"
NAMES = re.compile(rf"(?P<items>{_ITEM}(?:,\s+{_ITEM})*,?\s+and\s+{_ITEM})")
WORDS = re.compile(rf"(?P<items>{_WORD_ITEM}(?:,\s+{_WORD_ITEM})+,?\s+and\s+{_WORD_ITEM})")


def list_candidates(reading: Reading) -> list[Candidate]:
    found = []
    for index, sentence in enumerate(reading.sentences):
        text = sentence.text
        for match in NAMES.finditer(text):
            candidate = _named_list(reading, index, match)
            if candidate is not None:
                found.append(candidate)
        for match in WORDS.finditer(text):
            candidate = _word_list(reading, index, match) or _verb_list(reading, index, match)
            if candidate is not None:
                found.append(candidate)
    return found


def _verb_list(reading: Reading, index: int, match: re.Match[str]) -> Candidate | None:
    """'Dr Tedros urged governments to find, isolate, test and treat every case' -> the actions
    Dr Tedros urged governments to take: find, isolate, test, treat."""

    text = reading.sentences[index].text
    before = text[: match.start()]
    if match.group("items").startswith("to "):
        before = before + "to "
    asked = re.search(
        r"((?:[A-Z][\w.]*\s+)*[A-Z][\w'\u2019-]*|[a-z]+)\s+"
        r"(urged|asked|told|called on|encouraged)\s+(\w+)\s+to\s+$",
        before,
    )
    members = [re.sub(r"^to\s+", "", m).split()[0] for m in _members(match.group("items"))]
    if not asked or len(members) < 3 or not all(re.fullmatch(r"[a-z]+", m) for m in members):
        return None
    name = f"the actions {asked.group(1)} {asked.group(2)} {asked.group(3)} to take"
    fields = {"name": name, "members": members, "complete": True, "kind": "thing", "evidence": text}
    return Candidate("list", fields, index, {"name": "review: a plural noun phrase naming the set"})


def _members(items: str) -> list[str]:
    return [m.strip() for m in re.split(r",\s+(?:and\s+)?|\s+and\s+", items) if m.strip()]


def _named_list(reading: Reading, index: int, match: re.Match[str]) -> Candidate | None:
    text = reading.sentences[index].text
    members = _members(match.group("items"))
    if len(members) < 2 or any(m.split()[0] in ("The", "A") and m != members[0] for m in members):
        return None
    lex = lexicon()
    before = text[: match.start()]
    states = all(re.sub(r"^the\s+", "", m) in lex.states for m in members)
    head = re.search(
        r"\b((?:the\s+|a\s+|\d+\s+|(?:two|three|four|five|six|seven|eight|nine|ten|eleven)\s+)?"
        r"(?:(?!(?:to|of|by|from|at|on|in|were|was|had|have|been|flown|sent)\b|[a-z]+ed\b)[a-z-]+\s+){0,2}"
        r"[a-z]+s)\s*,?\s+"
        r"(?:in\s+|including\s+|such as\s+)?$",
        before,
    )
    kind = "country" if states else "thing"
    if head:
        noun = head.group(1)
        noun = re.sub(r"^(?:a|the)\s+", "", noun)
        place = re.search(r"\bin\s+$", before) is not None
        if place:
            name = f"the places of the {noun}"
            kind = "country" if states else "region"
        else:
            name = f"the {noun}"
            kind = "country" if states else ("city" if "cities" in noun else "thing")
    elif states and len(members) >= 2 and not re.search(r"\b(?:between|and|of|with)\s+$", before):
        after = text[match.end() :]
        verb = re.match(r"\s+((?:have|has|had|were|are|will)\s+[^,.;]+)", after)
        if not verb:
            return None
        name = f"the countries that {tidy(verb.group(1))}"
    else:
        return None
    if len(members) < 3 and not states and not re.search(r",\s+$", before):
        return None
    fields = {"name": tidy(name), "members": members, "complete": True, "kind": kind, "evidence": text}
    if re.search(r"\b(?:including|such as|among them)\s+$", before):
        fields["complete"] = False
    notes = {
        "name": "review: a plural noun phrase naming the set",
        "complete": "review: does the article name every member?",
    }
    return Candidate("list", fields, index, notes)


def _word_list(reading: Reading, index: int, match: re.Match[str]) -> Candidate | None:
    """'food, water, medicine and letters were sent down narrow boreholes', 'including container
    ships, bulk carriers and oil tankers'."""
    text = reading.sentences[index].text
    members = _members(match.group("items"))
    start = match.start()
    from quizgen.authoring.draft.clauses import is_finite

    while members and (is_finite(members[0].split()[0]) or members[0].split()[0].endswith("ed")):
        start = text.index(members[1], start) if len(members) > 1 else start
        members = members[1:]  # 'Once contact was made, food, water, …': 'made' is no member
    if len(members) < 3 or any(len(m.split()) > 2 for m in members):
        return None
    before = text[:start]
    after = text[match.end() :]
    including = re.search(r"\b((?:[a-z]+\s+){0,2}[a-z]+s),\s+including\s+$", before)
    if including:
        doing = re.match(r",?\s+((?:were|are|was|is)\s+[a-z]+ing\b[^,.;]*)", after)
        noun = re.sub(r"^(?:the|some|many|more than|about|\d[\d,]*)\s+", "", including.group(1))
        if not doing:
            return None
        name = f"the kinds of {noun} that {tidy(doing.group(1))}"
        complete = False
    else:
        verb = re.match(r"\s+((?:were|are|was|is|have|had)\s+[^,.;]+)", after)
        if not verb or not re.search(r"(?:^|,\s+)$", before) or not is_clause("x " + verb.group(1)):
            return None
        done = re.split(r"\s+(?:while|when|as|after|before|because)\s+", verb.group(1))[0]
        name = f"the things that {tidy(done)}"
        complete = True
    fields = {"name": name, "members": members, "complete": complete, "kind": "thing", "evidence": text}
    notes = {"name": "review: a plural noun phrase naming the set"}
    return Candidate("list", fields, index, notes)
