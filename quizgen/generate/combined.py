"""Questions across several facts of a deck: before/after, timelines and matching."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from quizgen.generate.graph import FactGraph
from quizgen.generate.templates import Form, QuestionTemplates
from quizgen.model import ActorFact, DateFact, EventFact, Fact, Question, QuoteFact, Source
from quizgen.text.grammar import capfirst
from quizgen.text.stems import same_story

GROUP_MIN, GROUP_MAX = 3, 5  # events on a timeline
FAR_APART = 10  # years between two events that general knowledge orders (2009 and 2020)
MATCH_MIN, MATCH_MAX = 3, 6  # pairs in a matching question
LONGEST_MATCH_QUOTE = 90  # characters of a quote in a matching question
# Words that give an order away by themselves: "the second coup", "after the talks".
ORDER_CUES = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|final|finally|again|after|before|following|"
    r"later|earlier|then|previous|subsequent|new|renewed|resumed|replacement|replaced|since|until|"
    r"ended|end|began|start|started)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DeckContext:
    deck_key: str
    facts: tuple[Fact, ...]
    sources: dict[str, Source]  # by fact id
    seed: str
    templates: QuestionTemplates
    graph: FactGraph
    several_articles: bool = False

    def question(self, facts: list[Fact], form: Form, **fields: Any) -> Question:
        evidence = " … ".join(dict.fromkeys(f.evidence for f in facts))
        tags = tuple(dict.fromkeys(t for f in facts for t in (f.type, *f.tags)))
        return Question(
            deck=self.deck_key,
            fact_id="+".join(f.id for f in facts),
            form=form.name,
            evidence=evidence,
            source=self.sources[facts[0].id],
            tags=tags,
            **fields,
        )


def _dated(fact: Fact) -> bool:
    return isinstance(fact, DateFact) or (isinstance(fact, EventFact) and fact.date is not None)


def _event_texts(fact: Fact) -> dict[str, str]:
    """A dated fact as a clause ('The Ever Given ran aground') and as what follows 'before'."""
    if isinstance(fact, DateFact):
        return {"clause": fact.clause(), "after_clause": fact.happened or fact.event, "subject": fact.subject}
    assert isinstance(fact, EventFact)
    return {"clause": capfirst(fact.happened), "after_clause": fact.happened, "subject": fact.subject}


def chronology(facts: tuple[Fact, ...], graph: FactGraph) -> list[Fact]:
    """Dated facts in order, keeping only those whose periods do not overlap the previous one,
    whose words do not give the order away, and that are not another's alias."""
    dated = [f for f in facts if _dated(f) and not getattr(f, "since", False)]
    dated = [f for f in dated if not ORDER_CUES.search(_event_texts(f)["subject"])]
    dated.sort(key=lambda f: (f.date.earliest(), f.id))  # type: ignore[attr-defined]
    chain: list[Fact] = []
    for fact in dated:
        if any(graph.same_event(fact, other) for other in chain):
            continue
        if not chain or chain[-1].date.latest() < fact.date.earliest():  # type: ignore[attr-defined]
            chain.append(fact)
    return chain


def groups(items: list, smallest: int, largest: int) -> list[list]:
    """Split items, in order, into as few groups as possible of sizes within the bounds."""
    if len(items) < smallest:
        return []
    count = -(-len(items) // largest)
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        out.append(items[start:end])
        start = end
    return [g for g in out if len(g) >= smallest]


def before_after(ctx: DeckContext) -> list[Question]:
    form = ctx.templates.forms["deck"]["before_after"]
    chain = chronology(ctx.facts, ctx.graph)
    questions = []
    for earlier, later in zip(chain, chain[1:], strict=False):
        if form.name in earlier.skip or form.name in later.skip:
            continue  # the author's call: 'skip: [before_after]'
        if same_story(_event_texts(earlier)["subject"], _event_texts(later)["subject"]):
            continue  # one story ('the ship ran aground' / 'the ship was freed'): common sense orders it
        if later.date.earliest().year - earlier.date.latest().year > FAR_APART:
            continue  # 1915 and 2017: anyone orders them without the article
        if _background_before_news(earlier, later, ctx):
            continue  # 'a summit collapsed in Copenhagen (2009)' before this year's news: obvious
        rng = random.Random(f"{ctx.seed}/{ctx.deck_key}/{earlier.id}+{later.id}/{form.name}")
        first, second = (earlier, later) if rng.random() < 0.5 else (later, earlier)
        relation = "before" if rng.random() < 0.5 else "after"
        truth = (first is earlier) == (relation == "before")
        statement = ctx.templates.render(
            form, "statement", first.location,
            first=_event_texts(first), second=_event_texts(second), relation=relation,
        )  # fmt: skip
        questions.append(
            ctx.question(
                [earlier, later],
                form,
                kind="true_false",
                prompt=statement,
                answer="True" if truth else "False",
                options=("True", "False"),
            )
        )
    return questions


def _apart_stories(chain: list[Fact]) -> list[Fact]:
    """The events of a chain that do not share a story with the one before ('the fire broke out',
    'the fire was put out'): common sense would order those."""
    kept: list[Fact] = []
    for fact in chain:
        if not kept or not same_story(_event_texts(fact)["subject"], _event_texts(kept[-1])["subject"]):
            kept.append(fact)
    return kept


def _background_before_news(earlier: Fact, later: Fact, ctx: DeckContext) -> bool:
    """An event of some years before that the article recalls, beside one of its own year: the
    news comes after the background it recalls, and every reader knows it (a coup of last year
    beside this year's is still worth asking)."""
    source = ctx.sources.get(later.id)
    if source is None:
        return False
    year = source.published.year
    return earlier.date.latest().year < year - 1 and later.date.earliest().year == year


def _close_in_time(chain: list[Fact]) -> list[Fact]:
    """The longest run of the chain whose neighbours are at most FAR_APART years apart: an event
    decades before the rest is first on any timeline without reading the article."""
    runs: list[list[Fact]] = []
    for fact in chain:
        if runs and fact.date.earliest().year - runs[-1][-1].date.latest().year <= FAR_APART:
            runs[-1].append(fact)
        else:
            runs.append([fact])
    return max(runs, key=len) if runs else []


def timelines(ctx: DeckContext) -> list[Question]:
    form = ctx.templates.forms["deck"]["timeline"]
    questions = []
    for group in groups(
        _close_in_time(_apart_stories(chronology(ctx.facts, ctx.graph))), GROUP_MIN, GROUP_MAX
    ):
        sequence = tuple(_event_texts(f)["subject"] for f in group)
        prompt = ctx.templates.render(form, "prompt", group[0].location)
        answer = " → ".join(sequence)
        questions.append(
            ctx.question(group, form, kind="ordering", prompt=prompt, answer=answer, sequence=sequence)
        )
    return questions


def _distinct_pairs(pairs: list[tuple[Fact, str, str]]) -> list[tuple[Fact, str, str]]:
    """Pairs whose items are all different: no repeated item, none on both sides (X → Y → Z)."""
    seen: set[str] = set()
    kept = []
    for fact, left, right in pairs:
        l_key, r_key = left.casefold(), right.casefold()
        if l_key in seen or r_key in seen or l_key == r_key:
            continue
        seen |= {l_key, r_key}
        kept.append((fact, left, right))
    return kept


def matchings(ctx: DeckContext, form_name: str, pairs: list[tuple[Fact, str, str]]) -> list[Question]:
    form = ctx.templates.forms["deck"][form_name]
    questions = []
    for group in groups(_distinct_pairs(pairs), MATCH_MIN, MATCH_MAX):
        facts = [fact for fact, _, _ in group]
        matched = tuple((left, right) for _, left, right in group)
        prompt = ctx.templates.render(form, "prompt", facts[0].location)
        answer = "; ".join(f"{left} → {right}" for left, right in matched)
        questions.append(
            ctx.question(facts, form, kind="matching", prompt=prompt, answer=answer, pairs=matched)
        )
    return questions


def deck_questions(ctx: DeckContext) -> list[Question]:
    """Every question that combines facts of the deck."""
    actors = [
        (f, capfirst(f.shown), capfirst(f.role))
        for f in ctx.facts
        if isinstance(f, ActorFact) and f.has_role_question() and f.kind == "person"
    ]
    names = {a.lower() for _, a, _ in actors}  # lowered once, not once per pair of actors
    roles = [r.lower() for _, _, r in actors]
    lengths = {len(n) for n in names}
    actors = [
        pair for pair, role in zip(actors, roles, strict=True) if not _names_someone(role, names, lengths)
    ]
    quotes = [
        (f, f"“{f.quote.strip()}”", f.shown)
        for f in ctx.facts
        if isinstance(f, QuoteFact) and len(f.quote) <= LONGEST_MATCH_QUOTE
    ]
    return [
        *before_after(ctx),
        *timelines(ctx),
        *matchings(ctx, "actor_matching", actors),
        *matchings(ctx, "quote_matching", quotes),
    ]


def _names_someone(role: str, names: set[str], lengths: set[int]) -> bool:
    """Whether a role holds one of the names, at the start of a word ('the wife of ann ray'):
    looked up by the names' lengths, not tried name by name (3,000 actors made 9 million tries)."""
    starts = [0, *(i + 1 for i, ch in enumerate(role) if not ch.isalnum())]
    return any(role[i : i + n] in names for i in starts for n in lengths)
