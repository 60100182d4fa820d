"""A draft fact sheet: the candidates of every finder, as version-2 facts with ``draft: true``.

``draft_facts`` reads the article once (``reading``), asks each finder for candidates, keeps the
ones that pass ``check`` as they stand (a candidate the author must rewrite before it even
checks is not a draft), drafts each fact once and orders them by how likely a teacher is to keep
them (``select``). ``render_draft`` writes them through ``templates/draft-sheet.yaml.j2``.
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

from quizgen.authoring.draft.actors import actor_candidates
from quizgen.authoring.draft.causes import cause_candidates
from quizgen.authoring.draft.counts import number_candidates
from quizgen.authoring.draft.events import event_candidates
from quizgen.authoring.draft.lists import list_candidates
from quizgen.authoring.draft.places import place_candidates
from quizgen.authoring.draft.quotes import quote_candidates
from quizgen.authoring.draft.reading import Candidate, read
from quizgen.authoring.draft.select import deduplicated, ranked
from quizgen.authoring.draft.when import date_candidates
from quizgen.model import Article, Fact, FactSheet, Location, PartialDate, fact_types
from quizgen.model.spans import key_span
from quizgen.text.dates import find_dates
from quizgen.text.numbers import find_numbers
from quizgen.text.sentences import one_line

_NOWHERE = Location(Path("draft"))
FINDERS = (
    event_candidates,  # first: an event with a date claims it from the date finder
    date_candidates,
    number_candidates,
    actor_candidates,
    quote_candidates,
    place_candidates,
    list_candidates,
    cause_candidates,
)
TYPE_ORDER = ("date", "event", "number", "actor", "quote", "place", "list", "cause")


@dataclass
class DraftFact:
    """One candidate: the keys of a fact, in sheet order, and notes for the author."""

    type: str
    id: str  # given by draft_facts once all candidates are known: <type>-<n>
    fields: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)  # key -> comment after its value
    score: float = 0.0
    tier: str = ""  # main, actors, likely, possible


@dataclass
class Draft:
    article: Article
    facts: list[DraftFact]  # in the order a reviewer reads them: likeliest keepers first

    def count(self, fact_type: str) -> int:
        return sum(1 for f in self.facts if f.type == fact_type)


def draft_facts(
    article: Article,
    taken_ids: set[str] = frozenset(),  # type: ignore[assignment]
    rejected: list[tuple[Candidate, list[str]]] | None = None,
) -> Draft:
    """Every candidate fact of the article that checks, each once, likeliest keepers first.
    ``rejected`` collects the candidates that failed check, with the problems (for tuning)."""
    reading = read(article)
    candidates: list[Candidate] = []
    for finder in FINDERS:
        candidates += finder(reading)
    checked = []
    for candidate in candidates:
        problems = _problems(candidate, article)
        if not problems:
            checked.append(candidate)
        elif rejected is not None:
            rejected.append((candidate, problems))
    candidates = deduplicated(checked)
    order = ranked(candidates, reading)
    facts = [_draft_fact(c, order) for c in order]
    _number_ids(facts, order, set(taken_ids))
    return Draft(article, facts)


def _draft_fact(candidate: Candidate, order: list[Candidate]) -> DraftFact:
    fields = {k: v for k, v in candidate.fields.items()}
    evidence = fields.pop("evidence")
    gap = fields.pop("gap", None)
    fields["evidence"] = one_line(evidence)
    if gap is not None:
        fields["gap"] = one_line(gap)
    position = order.index(candidate)
    if position == 0 and candidate.sentence == 0 and candidate.type in ("date", "event"):
        tier = "main"
    elif candidate.type == "actor" and candidate.fields.get("role") and position < 1 + _actors(order):
        tier = "actors"
    else:
        tier = "likely" if candidate.score >= LIKELY else "possible"
    return DraftFact(candidate.type, "", fields, candidate.notes, candidate.score, tier)


LIKELY = 0.7  # candidates scoring this or more are the likely keepers


def _actors(order: list[Candidate]) -> int:
    return sum(1 for c in order if c.type == "actor" and c.fields.get("role"))


def _probe(candidate: Candidate, article: Article) -> Fact:
    cls = fact_types()[candidate.type]
    values: dict[str, Any] = {}
    for key, value in candidate.fields.items():
        if key in ("date", "as_of"):
            value = PartialDate.parse(str(value))
        elif key in ("range", "members"):
            value = tuple(value)
        values[key] = value
    return cls(id="probe", location=_NOWHERE, version=2, **values)


def _problems(candidate: Candidate, article: Article) -> list[str]:
    """What check finds wrong with the candidate (nothing: it passes but for its draft mark),
    after a gap is given where the value is written otherwise in the evidence ('Six')."""
    from quizgen.check import check_sheet
    from quizgen.check.vague import is_vague_subject

    probe = _probe(candidate, article)
    if key_span(probe) is None and "gap" not in candidate.fields:
        gap = _gap(candidate, article)
        if gap:
            candidate.fields["gap"] = gap
            probe = _probe(candidate, article)
    sheet = FactSheet(_NOWHERE.path, article.path.name, _NOWHERE, article, (probe,), version=2)
    # A subject the article named a line before ('the ship') is the author's to name on review:
    # check says so at the draft; the fact is worth drafting.
    return [p.message for p in check_sheet(sheet) if not is_vague_subject(p)]


def _gap(candidate: Candidate, article: Article) -> str | None:
    evidence = candidate.evidence
    if candidate.type in ("date", "event") and "date" in candidate.fields:
        wanted = PartialDate.parse(str(candidate.fields["date"]))
        for mention in find_dates(evidence, article.published):
            if mention.date == wanted:
                return mention.text
    if candidate.type == "number":
        wanted = candidate.fields.get("value")
        for mention in find_numbers(evidence):
            if wanted is not None and abs(mention.value - float(wanted)) < 1e-9:
                return mention.number_text
    return None


def _number_ids(facts: list[DraftFact], order: list[Candidate], taken: set[str]) -> None:
    """Neutral ids, ``<type>-<n>`` numbered in the article's order, skipping ids the deck uses.

    An id is the identity of a fact's Anki notes: it must not carry a value or wording that a
    correction would change, nor a rank that a better draft would change."""
    by_article = sorted(
        range(len(facts)),
        key=lambda i: (TYPE_ORDER.index(facts[i].type), order[i].sentence, _where(facts[i]), i),
    )
    last: dict[str, int] = {}
    for i in by_article:
        fact = facts[i]
        n = last.get(fact.type, 0) + 1
        while f"{fact.type}-{n}" in taken:
            n += 1
        last[fact.type] = n
        fact.id = f"{fact.type}-{n}"
        taken.add(fact.id)


def _where(fact: DraftFact) -> int:
    """Where the fact's own words stand in its evidence: two facts of one sentence in its order."""
    evidence = str(fact.fields["evidence"])
    for key in ("name", "speaker", "place", "who", "value", "date", "happened", "statement", "cause"):
        value = fact.fields.get(key)
        if value is not None and str(value) in evidence:
            return evidence.index(str(value))
    return len(evidence)


TIERS = (
    ("main", "the article's main subject"),
    ("actors", "the people and bodies it names"),
    ("likely", "likely keepers"),
    ("possible", "worth a look: delete what you would not ask"),
)


def render_draft(draft: Draft, article_name: str, schema: str, source_path: str) -> str:
    """The draft as fact sheet YAML, through the shipped Jinja2 template."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["q"] = _quote
    env.filters["comment"] = _comment
    text = resources.files("quizgen").joinpath("templates/draft-sheet.yaml.j2").read_text("utf-8")
    sections = [
        {"title": title, "facts": [f for f in draft.facts if f.tier == tier]}
        for tier, title in TIERS
        if any(f.tier == tier for f in draft.facts)
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
    """A YAML scalar: dates and numbers bare, lists in brackets, text double-quoted (JSON strings
    are valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_quote(v) for v in value) + "]"
    text = one_line(str(value))
    if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", text):
        return text
    if re.fullmatch(r"[a-z]+(?: [a-z]+)*", text) and text not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)
