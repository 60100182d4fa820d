"""Questions across several facts of a deck: before/after, timelines and matching."""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizgen.generate.templates import Form, QuestionTemplates
from quizgen.generate.values import capfirst
from quizgen.model import ActorFact, CauseFact, DateFact, Fact, Question, Source

GROUP_MIN, GROUP_MAX = 3, 5  # events on a timeline
MATCH_MIN, MATCH_MAX = 3, 6  # pairs in a matching question


@dataclass(frozen=True)
class DeckContext:
    deck_key: str
    facts: tuple[Fact, ...]
    sources: dict[str, Source]  # by fact id
    seed: str
    templates: QuestionTemplates

    def question(self, facts: list[Fact], form: Form, **fields) -> Question:
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


def chronology(facts: tuple[Fact, ...]) -> list[DateFact]:
    """Dated facts in order, keeping only those whose periods do not overlap the previous one."""
    dated = sorted((f for f in facts if isinstance(f, DateFact)), key=lambda f: (f.date.earliest(), f.id))
    chain: list[DateFact] = []
    for fact in dated:
        if not chain or chain[-1].date.latest() < fact.date.earliest():
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
    chain = chronology(ctx.facts)
    questions = []
    for earlier, later in zip(chain, chain[1:], strict=False):
        rng = random.Random(f"{ctx.seed}/{ctx.deck_key}/{earlier.id}+{later.id}/{form.name}")
        first, second = (earlier, later) if rng.random() < 0.5 else (later, earlier)
        relation = "before" if rng.random() < 0.5 else "after"
        truth = (first is earlier) == (relation == "before")
        statement = ctx.templates.render(
            form, "statement", first.location, first=first, second=second, relation=relation
        )
        answer = "True" if truth else "False"
        questions.append(
            ctx.question(
                [earlier, later],
                form,
                kind="true_false",
                prompt=statement,
                answer=answer,
                options=("True", "False"),
            )
        )
    return questions


def timelines(ctx: DeckContext) -> list[Question]:
    form = ctx.templates.forms["deck"]["timeline"]
    questions = []
    for group in groups(chronology(ctx.facts), GROUP_MIN, GROUP_MAX):
        sequence = tuple(capfirst(f.event) for f in group)
        prompt = ctx.templates.render(form, "prompt", group[0].location)
        answer = " → ".join(sequence)
        questions.append(
            ctx.question(group, form, kind="ordering", prompt=prompt, answer=answer, sequence=sequence)
        )
    return questions


def _distinct_pairs(pairs: list[tuple[Fact, str, str]]) -> list[tuple[Fact, str, str]]:
    """Pairs whose items are all different: no repeated item, none on both sides (X → Y → Z)."""
    seen_left: set[str] = set()
    seen_right: set[str] = set()
    kept = []
    for fact, left, right in pairs:
        l_key, r_key = left.casefold(), right.casefold()
        if l_key in seen_left | seen_right or r_key in seen_right | seen_left or l_key == r_key:
            continue
        seen_left.add(left.casefold())
        seen_right.add(right.casefold())
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
    actors = [(f, capfirst(f.name), capfirst(f.role)) for f in ctx.facts if isinstance(f, ActorFact)]
    causes = [(f, capfirst(f.cause), capfirst(f.effect)) for f in ctx.facts if isinstance(f, CauseFact)]
    return [
        *before_after(ctx),
        *timelines(ctx),
        *matchings(ctx, "actor_matching", actors),
        *matchings(ctx, "cause_matching", causes),
    ]
