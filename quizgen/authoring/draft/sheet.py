"""A draft fact sheet: the candidates of every finder, as facts with ``draft: true``.

``draft_facts`` gathers candidates from the article; ``render_draft`` writes them through the
``templates/draft-sheet.yaml.j2`` template.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from quizgen.authoring.draft.actors import ActorMention, find_actors
from quizgen.authoring.draft.causes import CauseMention, find_causes
from quizgen.load.fields import LARGEST_NUMBER
from quizgen.model import ActorFact, Article, DateFact, Location, NumberFact
from quizgen.model.facts.actor import ROLE_KINDS
from quizgen.model.shapes import clause_problem, noun_phrase_problem
from quizgen.model.spans import key_span
from quizgen.text.dates import DateMention, find_dates
from quizgen.text.grammar import wh_question
from quizgen.text.numbers import NumberMention, find_numbers
from quizgen.text.sentences import Sentence, lower_first, one_line, split_sentences

_NOWHERE = Location(Path("draft"))
_LEADING = re.compile(r"^(?:(?:following|after|since|and|or|but|in|on|by|from|until|of|with)\s+)+", re.I)
_TRAILING = re.compile(r"(?:\s+(?:on|in|since|by|from|until|of|at|during|between))+$", re.I)


@dataclass
class DraftFact:
    """One candidate: the keys of a fact, in sheet order, and notes for the author."""

    type: str
    id: str  # given by draft_facts once all candidates are known: <type>-<n>
    fields: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)  # key -> comment after its value


@dataclass
class Draft:
    article: Article
    facts: list[DraftFact]

    def count(self, fact_type: str) -> int:
        return sum(1 for f in self.facts if f.type == fact_type)


def draft_facts(article: Article, taken_ids: set[str] = frozenset()) -> Draft:  # type: ignore[assignment]
    """Every candidate fact of the article, dates first, then numbers, actors and causes."""
    sentences = split_sentences(article.body)
    mid_capitals = _mid_sentence_capitals(sentences)
    dates: list[DraftFact] = []
    numbers: list[DraftFact] = []
    actors: dict[str, tuple[ActorMention, Sentence]] = {}
    causes: list[DraftFact] = []
    for i, sentence in enumerate(sentences):
        found = find_dates(sentence.text, article.published)
        dates += _date_facts(sentence, found)
        spans = [(d.start, d.end) for d in found]
        numbers += [
            _number_fact(sentence, n, article)
            for n in find_numbers(sentence.text, spans)
            if abs(n.value) <= LARGEST_NUMBER  # a sheet cannot hold more
        ]
        for mention in find_actors(sentence.text, mid_capitals):
            _keep_actor(actors, mention, sentence)
        previous = sentences[i - 1] if i else None
        causes += [_cause_fact(c) for c in find_causes(sentence, previous, article.body)]
    drafted = dates + numbers + [_actor_fact(m, s) for m, s in actors.values()] + causes
    facts = _without_repeats([f for f in drafted if _well_shaped(f)])
    _number_ids(facts, set(taken_ids))
    return Draft(article, facts)


def _mid_sentence_capitals(sentences: list[Sentence]) -> frozenset[str]:
    words = set()
    for sentence in sentences:
        for match in re.finditer(r"(?<=[\w,;:] )([A-Z][\w\-]*)", sentence.text):
            words.add(match.group(1))
    return frozenset(words)


def _date_facts(sentence: Sentence, found: list[DateMention]) -> list[DraftFact]:
    facts = []
    previous_event: str | None = None
    previous_end = 0
    for mention in found:
        event = _event(sentence.text, mention, previous_end, previous_event)
        clause = clause_problem(event) is None and wh_question(event, len(event), len(event), "when")
        key = "happened" if clause else "event"
        note = (
            "review: the clause for 'When did …?'"
            if clause
            else "review: a noun phrase for 'When did … take place?'"
        )
        fact = DraftFact(
            "date",
            "",
            {key: event, "date": mention.date.iso(), "evidence": one_line(sentence.text)},
            {"date": mention.note, key: note},
        )
        if mention.relative:
            fact.fields["as_written"] = mention.text
        probe = DateFact(id="probe", evidence=sentence.text, location=_NOWHERE, date=mention.date)
        if key_span(probe) is None:
            fact.fields["gap"] = mention.text
        facts.append(fact)
        previous_event, previous_end = event, mention.end
    return facts


def _event(text: str, mention: DateMention, previous_end: int, previous_event: str | None) -> str:
    """The words that say what happened on the date: its clause, before the date."""
    before = text[previous_end : mention.start]
    before = re.split(r"[,;:]\s|\s[\u2014\u2013]\s", before)[-1]
    event = _TRAILING.sub("", _LEADING.sub("", before.strip())).strip()
    if previous_event and previous_end and re.fullmatch(r"(?:[A-Z][\w\-]*\s?)+", event):
        # "in Mali in 2020 and Burkina Faso in 2022": the second event is the first one's, elsewhere.
        head = re.sub(r"(?:\s[A-Z][\w\-]*)+$", "", previous_event)
        if head != previous_event:
            event = f"{head} {event}"
    if len(event.split()) < 2:
        event = one_line(text).rstrip(".")
    return lower_first(event)


def _number_fact(sentence: Sentence, mention: NumberMention, article: Article) -> DraftFact:
    value: float | int = int(mention.value) if mention.value == int(mention.value) else mention.value
    fields: dict[str, Any] = {"value": value}
    notes = {"value": f'"{mention.text}"'}
    if mention.counted:
        fields["statement"] = one_line(f"{mention.text} {mention.counted}")
        notes["statement"] = "review: the fact as a clause, subject first, with the value as written"
    else:
        fields["statement"] = lower_first(one_line(sentence.text).rstrip("."))
        notes["statement"] = "review: one clause with the value in it, saying what it counts"
    if mention.present:
        fields["as_of"] = article.published.iso()[:7]
        notes["as_of"] = "stated of the present: the value goes stale"
    fields["evidence"] = one_line(sentence.text)
    probe = NumberFact(id="probe", evidence=sentence.text, location=_NOWHERE, value=mention.value)
    if key_span(probe) is None:
        fields["gap"] = mention.number_text
    return DraftFact("number", "", fields, notes)


def _keep_actor(
    actors: dict[str, tuple[ActorMention, Sentence]], mention: ActorMention, sentence: Sentence
) -> None:
    """The first mention of each actor, or a later one that gives a role the first did not."""
    key = mention.key or mention.name
    if key not in actors or (mention.titled and not actors[key][0].titled):
        actors[key] = (mention, sentence)


def _actor_fact(mention: ActorMention, sentence: Sentence) -> DraftFact:
    name = mention.name
    fields: dict[str, Any] = {"name": name, "kind": mention.kind}
    notes = {"kind": "review: person, organisation, state or group"}
    if mention.kind not in ROLE_KINDS:
        pass  # a country or a group has no single role to ask for
    elif mention.role:
        fields["role"] = mention.role
        notes["role"] = "the article's words: make it a description"
    else:
        fields["role"] = _context(sentence.text, mention)
        notes["role"] = "review: the clause that names it; say its role in a few words"
    fields["evidence"] = one_line(sentence.text)
    probe = ActorFact(id="probe", evidence=sentence.text, location=_NOWHERE, name=name)
    if key_span(probe) is None:
        fields["gap"] = name
    return DraftFact("actor", "", fields, notes)


def _context(text: str, mention: ActorMention) -> str:
    """The clause around a mention, as a starting point for its role."""
    parts = list(re.finditer(r"(?:[^,;:]|[,;:](?!\s))+", text))
    for part in parts:
        if part.start() <= mention.start < part.end() and len(part.group(0).split()) >= 4:
            return lower_first(one_line(part.group(0)).rstrip("."))
    return lower_first(one_line(text).rstrip("."))


def _cause_fact(mention: CauseMention) -> DraftFact:
    fields = {
        "cause": one_line(mention.cause),
        "effect": one_line(mention.effect),
        "evidence": one_line(mention.evidence),
        "gap": one_line(mention.effect_span),
    }
    notes = {"cause": f'marker "{mention.marker}": review: is it a cause, or only an earlier event?'}
    return DraftFact("cause", "", fields, notes)


SHAPED = {"event": noun_phrase_problem, "cause": noun_phrase_problem, "effect": noun_phrase_problem}


def _well_shaped(fact: DraftFact) -> bool:
    """Junk filter: a candidate whose phrases have the wrong shape (a clause where a noun
    phrase belongs, a common noun as an actor's name) would only teach the author to reword it."""
    if fact.type == "actor" and str(fact.fields.get("name", ""))[:1].islower():
        return False
    return all(SHAPED[key](str(value)) is None for key, value in fact.fields.items() if key in SHAPED)


def _without_repeats(facts: list[DraftFact]) -> list[DraftFact]:
    """A fact the article states twice is drafted once, from its first sentence."""
    seen: set[tuple] = set()
    kept = []
    for fact in facts:
        key = (fact.type, *((k, str(v)) for k, v in fact.fields.items() if k not in ("evidence", "gap")))
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def _number_ids(facts: list[DraftFact], taken: set[str]) -> None:
    """Neutral ids, ``<type>-<n>`` numbered in the draft's order, skipping ids the deck uses.

    An id is the identity of a fact's Anki notes: it must not carry a value or wording that a
    correction would change."""
    last: dict[str, int] = {}
    for fact in facts:
        n = last.get(fact.type, 0) + 1
        while f"{fact.type}-{n}" in taken:
            n += 1
        last[fact.type] = n
        fact.id = f"{fact.type}-{n}"
        taken.add(fact.id)


SECTIONS = (("date", "dates"), ("number", "numbers"), ("actor", "actors"), ("cause", "causes"))


def render_draft(draft: Draft, article_name: str, schema: str, source_path: str) -> str:
    """The draft as fact sheet YAML, through the shipped Jinja2 template."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["q"] = _quote
    env.filters["comment"] = _comment
    text = resources.files("quizgen").joinpath("templates/draft-sheet.yaml.j2").read_text("utf-8")
    sections = [
        {"title": title, "facts": [f for f in draft.facts if f.type == kind]}
        for kind, title in SECTIONS
        if any(f.type == kind for f in draft.facts)
    ]
    return env.from_string(text).render(
        schema=schema, article=article_name, source_path=source_path, sections=sections
    )


def _number(value: float) -> str:
    """Plain decimal notation: YAML 1.1 reads ``1e-06`` as a string, ``0.000001`` as the number."""
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")  # the shortest digits that read back as this float


def _comment(value: Any) -> str:
    """A comment's text, on one line."""
    return one_line(str(value))


_YAML_WORD_TEXT = "true false yes no on off null y n "
_YAML_WORDS = frozenset(_YAML_WORD_TEXT.split())


def _quote(value: Any) -> str:
    """A YAML scalar: dates and numbers bare, text double-quoted (JSON strings are valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    text = one_line(str(value))
    if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", text):
        return text
    if re.fullmatch(r"[a-z]+(?: [a-z]+)*", text) and text not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)
