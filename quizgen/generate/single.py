"""Questions about one fact: recall, typed, multiple choice, true/false and cloze.

Every random choice comes from a generator seeded with the deck's seed, the deck, the fact id
and the form: a question never changes because another fact was edited.
"""

from __future__ import annotations

import calendar
import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quizgen.generate.balance import Variants
from quizgen.generate.graph import FactGraph
from quizgen.generate.options import (
    NoGoodOptions,
    Options,
    date_options,
    number_options,
    range_options,
    round_to,
    significant_unit,
    text_options,
)
from quizgen.generate.pools import OptionPools
from quizgen.generate.templates import Form, QuestionTemplates
from quizgen.model import (
    ActorFact,
    CauseFact,
    Cloze,
    DateFact,
    Fact,
    ListFact,
    NumberFact,
    PartialDate,
    Question,
    QuoteFact,
    Source,
)
from quizgen.model.spans import key_span
from quizgen.templating import plain_data, plain_merged
from quizgen.text.compare import folded, mentions
from quizgen.text.grammar import AUXILIARIES, _verb_only, capfirst, lemmas, main_verb
from quizgen.text.numbers import FRACTION_WORDS, fraction_text, number_spellings, number_text, number_words

CLOZE_FORM = "cloze"
CLOZE_BLANK = "_____"
LONGEST_GAP = 4  # words: a longer gap cannot be marked fairly
# A sentence that starts with one of these says nothing once it stands alone: "It had come free…".
PRONOUN_START = re.compile(
    r"^[\"“‘']?(?:It|Its|They|Their|Them|This|These|Those|He|His|She|Her|We|Our|Among them)\b"
)
VAGUE_GAPS = {"nobody", "no one", "it", "they", "them", "this", "that", "everyone", "someone", "some", "all"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_WORDS = re.compile(
    r"^(?:on |last |next |this |that )?(?:"
    + "|".join(WEEKDAYS)
    + r"|yesterday|today|tomorrow|year|month|week|night|morning|afternoon|evening)s?"
    + r"(?: (?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


class Skip(Exception):
    """A form that cannot be made well for this fact; the message says why."""


@dataclass
class DeckIndexes:
    """What the contexts of a deck's sheets share, made once per deck (remade per sheet, the
    indexes made a deck of N sheets cost N x N)."""

    clozes: dict[str, str] = field(default_factory=dict)  # cloze text -> the fact that made it
    variants: dict[str, Variants] = field(default_factory=dict)  # question id -> its other keys
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # fact id -> what gives it away
    speakers: Counter[str] = field(default_factory=Counter)  # quotes per speaker
    # an answer's rarest word -> (its facts, the answer, its words)
    answer_index: dict[str, list[tuple[frozenset[str], str, frozenset[str]]]] = field(default_factory=dict)


@dataclass(frozen=True)
class FactContext:
    """What making questions about one fact needs to know beyond the fact."""

    deck_key: str
    facts: tuple[Fact, ...]  # every fact of the deck that is not a draft, for options
    source: Source
    published: PartialDate
    seed: str
    templates: QuestionTemplates
    graph: FactGraph
    sheet_of: dict[str, int]  # fact id -> index of its sheet (options from the same article first)
    wrong: int = 3  # wrong options of a choice question
    several_articles: bool = False  # questions then name their article
    pools: OptionPools | None = None  # the deck's option values, indexed once
    shared: DeckIndexes = field(default_factory=lambda: DeckIndexes())  # one per deck
    # the article's own numbers: never a wrong option ('33 km' beside the 33 miners is a cue)
    numbers_here: frozenset[float] = frozenset()
    # id(fact) -> (fact, its plain data and phrases, its place in the graph), made once: data() is
    # asked for every form of a fact and phrases are costly. The fact is held so that its id
    # cannot be reused.
    _fact_data: dict[int, tuple[Fact, dict[str, Any], dict[str, Any]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _article_data: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def answers_of(self, fact: Fact) -> tuple[str, ...]:
        """What a card would give away of ``fact``: the spellings of its number or date, or the
        name of its person. Places and bodies are what the whole deck is about ('Niger', 'the
        French army'): every stem names them, so a cloze that does gives nothing more away."""
        if fact.id not in self.shared.answers:
            person = getattr(fact, "kind", "") == "person" and isinstance(fact, ActorFact | QuoteFact)
            told = fact.spellings() if isinstance(fact, NumberFact | DateFact) or person else []
            self.shared.answers[fact.id] = tuple(s for s in told if len(s) > 1 or s.isdigit())
        return self.shared.answers[fact.id]

    def _quoted(self, fact: Fact) -> dict[str, int]:
        """For a quote: how many of the deck's quotes its speaker said, and how many others
        did. Four 'Who said…?' cards with one answer (the only person quoted) teach nothing."""
        if not isinstance(fact, QuoteFact):
            return {}
        if not self.shared.speakers:
            quotes = [f for f in self.facts if isinstance(f, QuoteFact)]
            self.shared.speakers.update(folded(f.display or f.speaker) for f in quotes)
        own = self.shared.speakers[folded(fact.display or fact.speaker)]
        return {"quotes_by_speaker": own, "quotes_by_others": sum(self.shared.speakers.values()) - own}

    def answers_in(self, text: str) -> list[tuple[frozenset[str], str]]:
        """(fact ids, answer) for the deck's answers that may stand in ``text``: those whose every
        word is in it, looked up by their rarest word in an index made once (a deck of 1,700
        facts), never compared one by one."""
        if not self.shared.answer_index:
            owners: dict[str, set[str]] = {}  # one entry per answer: 'July 2023' of 1,000 sheets
            for other in self.facts:
                for answer in self.answers_of(other):
                    owners.setdefault(answer, set()).add(other.id)
            entries = []
            for answer, ids in owners.items():
                words = re.findall(r"[^\W_]+", folded(answer))
                if words:
                    entries.append((frozenset(ids), answer, frozenset(words)))
            # keyed by the answer's rarest word: by its first, 'the' or '2010' would hold
            # thousands of answers, and every lookup would go through them
            counts = Counter(word for _, _, words in entries for word in words)
            for entry in entries:
                key = min(sorted(entry[2]), key=lambda word: counts[word])
                self.shared.answer_index.setdefault(key, []).append(entry)
            self.shared.answer_index.setdefault("", [])  # made, even for a deck without answers
        words = set(re.findall(r"[^\W_]+", folded(text)))
        found = (entry for word in words for entry in self.shared.answer_index.get(word, ()))
        return [(ids, answer) for ids, answer, needed in found if needed <= words]

    def rng(self, fact: Fact, form: str) -> random.Random:
        return random.Random(f"{self.seed}/{self.deck_key}/{fact.id}/{form}")

    def question_id(self, fact: Fact, form: Form) -> str:
        """The id of the question of ``form`` about ``fact`` (Question.id, before it is made)."""
        return f"{self.deck_key}/{fact.id}/{form.name}"

    def question(self, fact: Fact, form: Form | str, **fields: Any) -> Question:
        return Question(
            deck=self.deck_key,
            fact_id=fact.id,
            form=form if isinstance(form, str) else form.name,
            evidence=fact.evidence,
            source=self.source,
            tags=(fact.type, *fact.tags),
            **fields,
        )

    def data(self, fact: Fact, **extra: Any) -> dict[str, Any]:
        """What a phrasing sees: the fact (its keys and derived phrases), the article, the graph."""
        article = self._article_data.get("")
        if article is None:  # the sheet's article, made plain once
            name = f"the article “{self.source.title}”" if self.several_articles else "the article"
            published = self.source.published
            month = PartialDate(published.year, published.month) if published.month else published
            shown = {"title": self.source.title, "published": published, "name": name, "month": month.text()}
            article = self._article_data[""] = plain_data(shown)
        cached = self._fact_data.get(id(fact))
        if cached is None or cached[0] is not fact:
            graph = {
                "effects": self.graph.effects(fact) if isinstance(fact, CauseFact) else 0,
                **self._quoted(fact),
            }
            shown = plain_merged(fact, fact.phrases())
            cached = self._fact_data[id(fact)] = (fact, shown, plain_data(graph))
        return {"fact": cached[1], "article": article, "graph": cached[2], **extra}


def render(fact: Fact, form: Form, ctx: FactContext, key: str, **extra: Any) -> str:
    """One text of a form for this fact; the fact's own wording (``questions:``) wins."""
    data = ctx.data(fact, **extra)
    own = fact.questions.get(form.name)
    if own is not None and key in ("prompt", "statement"):
        return ctx.templates.render_text(own, fact.where("questions"), **data)
    return ctx.templates.render(form, key, fact.location, **data)


def holds(fact: Fact, form: Form, ctx: FactContext) -> None:
    """Raise Skip unless the form may be made for this fact."""
    if form.name in fact.skip:
        raise Skip("the sheet skips this form (skip:)")
    if not ctx.templates.holds(form, fact.location, **ctx.data(fact)):
        raise Skip(form.reason)


# --- options ----------------------------------------------------------------------------------


def _values(fact: Fact, kind: str) -> list[Any]:
    value = fact.option_value(kind)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def make_options(
    fact: Fact, kind: str, ctx: FactContext, rng: random.Random, prompt: str = "", wrong: int | None = None
) -> Options:
    """Options for the fact's value of ``kind``, or NoGoodOptions. Never offered as wrong: a value
    the graph makes right (aliases, also_true, chains of causes), or one the prompt contains."""
    answer = fact.option_value(kind)
    if kind == "name":
        answer = ctx.pools.canonical(answer)  # 'Mr Urzúa' offered as 'Luis Urzúa', like the others
    balanced = wrong is None  # options shown side by side; a single false value is shown alone
    wrong = ctx.wrong if wrong is None else wrong
    if isinstance(fact, DateFact) or (kind == "date" and isinstance(answer, PartialDate)):
        past = answer.earliest() <= ctx.published.latest()
        latest = ctx.published if past else None
        excluded_dates = {v for v in ctx.graph.right_values(fact, kind) if isinstance(v, PartialDate)}
        return date_options(answer, rng, wrong, latest, lambda d: d in excluded_dates)
    if isinstance(fact, NumberFact):
        if fact.range:
            return range_options(fact.range, rng, wrong, fact.domain())
        if fact.measure == "fraction":
            return _fraction_options(fact.value, rng, wrong)
        if fact.measure == "ordinal" and fact.value == int(fact.value):
            excluded_number = lambda v: ctx.graph.is_right(fact, kind, v)  # noqa: E731
            return _ordinal_options(int(fact.value), rng, wrong, fact.domain()[1], excluded_number)
        return number_options(
            fact.value,
            rng,
            ctx.wrong,
            fact.domain(),
            fact.arguable(),
            lambda v: ctx.graph.is_right(fact, kind, v) or v in ctx.numbers_here,
        )

    related = ctx.graph.related(fact) if kind in ("cause", "effect") else set()

    def excluded(value: str) -> bool:
        if ctx.graph.is_right(fact, kind, value):
            return True
        if related and related & ctx.graph.distinctive(value):
            return True  # may be true through a chain the sheet words differently: do not guess
        return bool(prompt) and mentions(prompt, value)

    skip = {fact.id, *ctx.graph.aliases(fact)}
    question_id = f"{ctx.deck_key}/{fact.id}/{kind}"
    candidates = (str(v) for v in ctx.pools.ranked(fact, kind, question_id, skip))
    return text_options(str(answer), rng, wrong, candidates, excluded, balanced)


def _ordinal_options(
    answer: int, rng: random.Random, wrong: int, highest: float, excluded: Callable[[float], bool]
) -> Options:
    """Ordinals in a run with the answer ('first, second, third, fourth'; '19th … 22nd'): the
    nearest are the tempting ones, and no suffix stands out. The answer's place in the run is
    drawn among those that fit."""
    starts = [s for s in range(max(1, answer - wrong), answer + 1) if s + wrong <= highest]
    starts = [
        s for s in starts if not any(excluded(float(v)) for v in range(s, s + wrong + 1) if v != answer)
    ]
    if not starts:
        raise NoGoodOptions("no run of ordinals around the answer fits")
    if 1 in starts:  # 'first … fourth', as a teacher lists them: 'fifth' beside 'second' is no lure
        starts = [1]
    start = rng.choice(starts)
    runs = [
        tuple(float(v) for v in range(s, s + wrong + 1)) for s in [start, *(s for s in starts if s != start)]
    ]
    by_rank = tuple((run.index(float(answer)), run) for run in runs)
    return Options(runs[0], by_rank[0][0], by_rank)


COMMON_FRACTIONS = (1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4)


def _fraction_options(answer: float, rng: random.Random, wrong: int) -> Options:
    family = COMMON_FRACTIONS if any(abs(answer - f) < 1e-3 for f in COMMON_FRACTIONS) else FRACTION_WORDS
    others = [v for v in family if abs(v - answer) > 1e-3]
    if len(others) < wrong:
        raise NoGoodOptions("too few fractions to offer")
    values = sorted([answer, *rng.sample(sorted(others), wrong)])
    return Options(tuple(values), values.index(answer))


def option_text(fact: Fact, value: Any, capital: bool = True) -> str:
    """How an option is written: dates as text, numbers as the fact writes its own; with a
    capital unless it completes a sentence in the middle."""
    if isinstance(value, PartialDate):
        return value.text()
    if isinstance(fact, NumberFact):
        text = fraction_text(value) if fact.measure == "fraction" else fact.value_text(value)
    else:
        text = str(value)
    return capfirst(text) if capital else text


# --- makers -----------------------------------------------------------------------------------


def recall(fact: Fact, form: Form, ctx: FactContext) -> Question:
    return ctx.question(
        fact,
        form,
        kind="recall",
        prompt=render(fact, form, ctx, "prompt"),
        answer=render(fact, form, ctx, "answer"),
    )


def typed(fact: Fact, form: Form, ctx: FactContext) -> Question:
    if not isinstance(fact, DateFact | NumberFact) or (isinstance(fact, NumberFact) and fact.range):
        raise Skip("typed answers are for single dates and numbers")
    extra: dict[str, Any] = {}
    if isinstance(fact, DateFact):
        accepted = _date_spellings(fact)
        tol = None
    else:
        # every way to write it ('55,000,000', '55000000', '55 million'), the article's own included
        words = number_words(fact.value) if fact.measure in ("count", "age") else None
        accepted = (
            number_text(fact.value),
            *number_spellings(fact.value),
            *fact.spellings(),
            *filter(None, [words]),
        )
        tol = fact.tolerance()
    if form.estimate:
        rounded, unit = _estimate(fact, ctx.templates.nearest)
        extra = {"nearest": ctx.templates.nearest[int(unit)], "rounded": rounded}
        accepted = (number_text(rounded), number_text(rounded).replace(",", ""))
        tol = (rounded - unit / 2, rounded + unit / 2)
    answer = render(fact, form, ctx, "answer", **extra)
    return ctx.question(
        fact,
        form,
        kind="typed",
        prompt=render(fact, form, ctx, "prompt", **extra),
        answer=answer,
        accepted=tuple(a for a in dict.fromkeys(accepted) if a != answer),
        tolerance=tol,
    )


def _date_spellings(fact: DateFact) -> tuple[str, ...]:
    """What a student may type for the date: the article's spellings, and the day as an
    ordinal ('15th April 2019', 'April 15th, 2019') or in figures where no reader could take
    the day for the month ('15/04/2019')."""
    if fact.date.precision == "year":
        return (fact.date.iso(),)
    spelled = [s for s in fact.spellings() if any(c.isdigit() for c in s)]
    date = fact.date
    if date.day is not None and date.month is not None:
        day = date.day
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        month = calendar.month_name[date.month]
        spelled += [f"{day}{suffix} {month} {date.year}", f"{month} {day}{suffix}, {date.year}"]
        spelled += [f"{day}{suffix} {month}", f"{month} {day}{suffix}"]  # as '23 March' is
        spelled += [f"{day}{suffix} of {month} {date.year}", f"{day}{suffix} of {month}"]
        if day > 12 or day == date.month:  # day or month first: 23/3/2021, 3/23/2021 and 12/12/2015
            spelled += [f"{day}/{date.month:02d}/{date.year}", f"{day}/{date.month}/{date.year}"]
            spelled += [f"{date.month}/{day}/{date.year}", f"{date.month:02d}/{day}/{date.year}"]
    return tuple(dict.fromkeys(spelled))


def _estimate(fact: Fact, nearest: dict[int, str]) -> tuple[float, float]:
    """The value rounded for an estimation question, and the unit it is rounded to."""
    if not isinstance(fact, NumberFact) or fact.value < 100:
        raise Skip("estimation is for numbers of 100 and more")
    magnitude = 10 ** (len(str(int(abs(fact.value)))) - 2)
    unit = max(significant_unit(fact.value), magnitude)
    if unit not in nearest:
        raise Skip("no round unit to estimate to")
    rounded = round_to(fact.value, unit)
    if rounded == fact.value:
        raise Skip("the value is already round: estimating it would repeat the typed question")
    return rounded, unit


def choice(fact: Fact, form: Form, ctx: FactContext) -> Question:
    if isinstance(fact, NumberFact) and fact.bound:
        bound = fact.hedge_words or "passed"
        raise Skip(f"the article gives a bound ('{bound}'): other values on its side would be true too")
    prompt = render(fact, form, ctx, "prompt")
    rng = ctx.rng(fact, form.name)
    try:
        if form.options == "outsider":
            options, answer_text = _outsider(fact, ctx, rng)
            texts = options
        else:
            if fact.option_value(form.options or "") is None:
                raise Skip(f"this fact has no {form.options} to offer")
            made = make_options(fact, form.options or "", ctx, rng, prompt)
            completes = isinstance(fact, NumberFact) and fact.measure in ("ordinal", "fraction")
            capital = not completes or prompt.split(": ", 1)[-1].startswith("_____")
            # every feasible rank's options as shown (text options have one: the drawn one)
            shown = [(rank, tuple(option_text(fact, v, capital) for v in values))
                     for rank, values in made.by_rank or ((made.answer_index, made.values),)]  # fmt: skip
            texts = shown[0][1]
            answer_text = texts[made.answer_index]
            if made.by_rank:  # even a fixed one counts in the deck's share
                # dates and numbers apart: 'the latest date' in three date items of four is a
                # pattern though the deck's numbers even it out (a round-10 judge)
                kind = "date" if isinstance(made.values[0], PartialDate) else "number"
                choices = tuple((rank, {"options": options}) for rank, options in shown)
                variants = Variants(f"rank{len(texts)}-{kind}", tuple(range(len(texts))), choices)
                ctx.shared.variants[ctx.question_id(fact, form)] = variants
    except NoGoodOptions as exc:
        raise Skip(str(exc)) from exc
    ordered = isinstance(fact, DateFact | NumberFact) or form.options == "date"
    return ctx.question(
        fact, form, kind="choice", prompt=prompt, answer=answer_text, options=texts, ordered=ordered
    )


def _outsider(fact: Fact, ctx: FactContext, rng: random.Random) -> tuple[tuple[str, ...], str]:
    """A list's odd one out: three members and one value of the members' kind that is not one."""
    if not isinstance(fact, ListFact):
        raise Skip("an odd one out is for lists")
    members = [m for m in (fact.option_value("member") or [])]
    if len(members) < ctx.wrong:
        raise NoGoodOptions(f"the list has {len(members)} members, {ctx.wrong} needed")
    outsiders = []
    for other in ctx.facts:
        if other is fact:
            continue
        for kind in ("name", "place", "member"):
            if other.option_class(kind) == fact.kind:
                outsiders += _values(other, kind)
    from quizgen.generate.options import near_duplicate

    outsiders = sorted({o for o in outsiders if not any(near_duplicate(o, m) for m in members)})
    outsiders = [o for o in outsiders if not mentions(fact.evidence, o)]
    if not outsiders:
        raise NoGoodOptions(f"no {fact.kind} in the deck is certainly not a member")
    answer = rng.choice(outsiders)
    values = [*rng.sample(members, ctx.wrong), answer]
    rng.shuffle(values)
    return tuple(capfirst(v) for v in values), capfirst(answer)


def true_false(fact: Fact, form: Form, ctx: FactContext) -> Question:
    """A statement of the fact, true or false by the question's seed. The false one must exist
    even when the true one is drawn: an item that could only ever be True gives its key away,
    and a deck of them leans to True. Both are made, so the deck may take the other to keep
    its keys even (generate/balance.py)."""
    rng = ctx.rng(fact, form.name)
    truth = rng.random() < 0.5
    if form.options == "reverse":
        if not isinstance(fact, CauseFact) or not ctx.graph.reversed_is_false(fact):
            raise Skip("the reversed statement might be true through a chain of causes")
        values: dict[bool, Any] = {True: None, False: None}
    else:
        kind = form.options or ""
        value = fact.option_value(kind)
        if value is None:
            raise Skip(f"this fact has no {kind} to state")
        values = {True: value, False: _false_value(fact, kind, ctx, rng)}

    def statement(true: bool) -> str:
        if form.options == "reverse":
            stated = fact.state("reverse", true) if isinstance(fact, CauseFact) else ""
        else:
            stated = fact.state(form.options or "", values[true])
        if not stated:
            return ""
        shown = option_text(fact, values[true]) if form.options != "reverse" else ""
        return render(fact, form, ctx, "statement", stated=stated, value=shown, truth=true)

    made = {true: statement(true) for true in (truth, not truth)}
    if not made[truth]:
        raise Skip("this fact cannot be stated as a sentence")
    choices = tuple(
        (t, {"prompt": made[t], "answer": "True" if t else "False"}) for t in (truth, not truth) if made[t]
    )
    ctx.shared.variants[ctx.question_id(fact, form)] = Variants("truth", (True, False), choices)
    return ctx.question(
        fact,
        form,
        kind="true_false",
        prompt=made[truth],
        answer="True" if truth else "False",
        options=("True", "False"),
    )


def _false_value(fact: Fact, kind: str, ctx: FactContext, rng: random.Random) -> Any:
    """The value a false statement of the fact swaps in: certainly false, and not refuted by
    general knowledge alone; Skip when there is none."""
    bounded = isinstance(fact, NumberFact) and fact.bound is not None
    hedged = isinstance(fact, NumberFact) and bool(fact.hedge_words)
    ordinal = isinstance(fact, NumberFact) and fact.measure == "ordinal"
    person = isinstance(fact, ActorFact) and fact.kind == "person"
    side = fact.false_side if isinstance(fact, NumberFact) else None  # a bound's, a capacity's
    several = bool(side) or hedged or ordinal or person
    try:
        options = _false_options(fact, kind, ctx, rng, 3 if several else 1, bounded or hedged)
    except NoGoodOptions as exc:
        raise Skip(f"no false value to swap in: {exc}") from exc
    wrong = [v for i, v in enumerate(options.values) if i != options.answer_index]
    if side:  # 'fewer than 200' for 'more than 400'; 'able to carry 25,000' for 20,000
        wrong = [v for v in wrong if (v < fact.value if side == "below" else v > fact.value)]
        if not wrong:
            raise Skip(f"no value {'across the bound' if bounded else 'above the capacity'} to state falsely")
    if hedged and not bounded and len(wrong) > 1:
        # 'about $500m' for 'about $400m' is arguably true: the farthest value, clearly false
        wrong = [max(wrong, key=lambda v: abs(math.log(v / fact.value)) if v > 0 else 0)]
    if ordinal:  # the nearest ordinal tests the point; 'after the fourth alarm' does not
        wrong = [min(wrong, key=lambda v: (abs(v - fact.value), v))]
        later = _ordinal_side(fact)  # 'after the first alarm' is true of the second one
        if later is not None:
            side = [v for v in options.values if (v > fact.value if later else v < fact.value)]
            wrong = sorted(side, key=lambda v: abs(v - fact.value))[:1]
            if not wrong:
                raise Skip("no ordinal on the false side of 'after' or 'before' to state")
    if person:  # the best-ranked swap that no reader refutes from general knowledge
        alike = [v for v in wrong if ctx.pools.alike_roles(fact, v)] or wrong[:1]
        wrong = [v for v in alike if not ctx.pools.head_of_state(fact, v)][:1]
        if not wrong and ctx.pools.alike_roles(fact, alike[0]):
            raise Skip("every person to swap in is a head of state, known to all")
        wrong = wrong or alike[:1]
    value = rng.choice(wrong)
    if isinstance(fact, ActorFact) and not ctx.pools.alike_roles(fact, value):
        # "Tom Hanks was the director-general of the WHO" is false to anyone who has not read
        raise Skip("no one in the deck with a role like this one to swap in plausibly")
    return value


def _ordinal_side(fact: NumberFact) -> bool | None:
    """True when the ordinal follows 'after' ('found after the second alarm': only a later one
    is false), False after 'before' or 'by' ('by the third day': only an earlier one), else None."""
    span = fact.span()
    if span is None:
        return None
    word = re.search(r"\b(after|before|by)\s+(?:the\s+)?$", fact.statement[: span.start])
    return None if word is None else word.group(1) == "after"


def _false_options(fact: Fact, kind: str, ctx: FactContext, rng: random.Random, wrong: int, strict: bool):
    """Candidate false values: ``wrong`` of them, or fewer where the deck has fewer and any one
    will do (a person or an ordinal to swap in; a bound or a hedge needs its choice of values)."""
    for count in range(wrong, 0, -1):
        try:
            return make_options(fact, kind, ctx, rng, wrong=count)
        except NoGoodOptions:
            if strict or count == 1:
                raise
    raise NoGoodOptions("no false value")


def cloze(fact: Fact, ctx: FactContext) -> Question:
    if CLOZE_FORM in fact.skip:
        raise Skip("the sheet skips this form (skip:)")
    span = key_span(fact)
    if span is None:
        raise Skip("no gap: the key value is not visible in the evidence")
    if RELATIVE_WORDS.match(span.strip()):
        raise Skip(f"the gap '{span}' is a weekday or a relative word: no student can recall it")
    if len(span.split()) > LONGEST_GAP:
        raise Skip(f"the gap has {len(span.split())} words: too long to mark fairly (at most {LONGEST_GAP})")
    if span.strip().lower() in VAGUE_GAPS:
        raise Skip(f"the gap '{span}' is a word that many others could fill")
    if PRONOUN_START.match(fact.evidence) and not _quote_names_its_speaker(fact.evidence):
        raise Skip("the sentence starts with a pronoun: out of the article it does not say what it is about")
    if ANAPHORIC_START.match(fact.evidence) or _unnamed_speaker(fact.evidence):
        raise Skip("the sentence leans on the one before ('After that', 'he said'): alone it is unclear")
    if _starts_at_its_verb(fact.evidence):
        raise Skip("the quote starts at its verb or a conjunction ('…has not called', '…after')")
    if _common_phrase(span) and fact.type in ("cause", "event", "date", "list"):
        raise Skip(f"the gap '{span}' is a common phrase: many words could fill it, and it is hard to mark")
    if isinstance(fact, NumberFact) and fact.range:
        raise Skip("a range's cloze blanks one end, half given away by the other")
    span = _bare_gap(span)
    before, gap, after = fact.evidence.partition(span)
    if not before.strip() and re.match(r"\d", gap):
        raise Skip("the gap is a number at the start of the sentence: the answer would open it with a digit")
    digits = re.findall(r"\d+(?:[.,]\d+)*", gap)  # whole numbers: '0.25' is not in '0.75'
    shown = [d for d in digits if re.search(rf"(?<![\d,.]){re.escape(d)}(?![\d]|[.,]\d)", before + after)]
    if shown:
        raise Skip(f"the rest of the sentence shows the number of the gap '{gap}'")
    own = {fact.id, *fact.same_as}
    others = [a for ids, a in ctx.answers_in(fact.evidence) if ids - own and not mentions(gap, a)]
    before, after, cut_before, cut_after = _without_other_answers(before, after, others)
    if not cut_before and fact.evidence[:1].islower() and _cut_from_its_clause(before, after):
        raise Skip("the quote is part of a clause whose verb it leaves out ('…and the oil company Total …')")
    # A quote that is part of a sentence is marked as such, as in print.
    if cut_before or (not fact.evidence[:1].isupper() and not fact.evidence[:1].isdigit()):
        before = f"…{before}"
    if cut_after or fact.evidence[-1:] not in '.?!"”’':
        after = f"{after}…"
    note = ""
    if isinstance(fact, NumberFact) and fact.as_of is not None:
        note = ctx.templates.as_of_stamp(fact.as_of)
    return Question(
        deck=ctx.deck_key,
        fact_id=fact.id,
        form=CLOZE_FORM,
        kind="cloze",
        prompt=f"{before}{CLOZE_BLANK}{after}",
        answer=gap,
        accepted=_plain_letters(
            gap, _other_names(fact, gap, ctx) + _other_values(fact, gap) + _gap_also(fact, gap)
        ),
        evidence=fact.evidence,
        source=ctx.source,
        tags=(fact.type, *fact.tags),
        cloze=Cloze(before, gap, after),
        note=note,
    )


FEWEST_WORDS_AROUND = 5  # '…_____ days…' asks nothing a student can recall
CLAUSE_BREAK = re.compile(r"(?<=[,;])\s+")
QUOTE_MARKS = re.compile(r"[\"“”]")


def _without_other_answers(before: str, after: str, others: list[str]) -> tuple[str, str, bool, bool]:
    """The cloze's sentence cut to the clauses around its gap that show no other fact's answer
    ('More than 400 firefighters fought the blaze, which burned for about _____ hours' keeps
    only its second clause), and whether each side was cut. The clause that holds the gap must
    show none: Skip."""

    def shows(piece: str) -> bool:
        return any(mentions(piece, answer) for answer in others)

    left, right = CLAUSE_BREAK.split(before), CLAUSE_BREAK.split(after)
    if shows(left[-1]) or shows(right[0]):
        raise Skip("the clause of the gap shows another fact's answer: the card would give it away")
    keep_left = next((i for i, piece in enumerate(reversed(left)) if shows(piece)), len(left))
    keep_right = next((i for i, piece in enumerate(right) if shows(piece)), len(right))
    cut_left, cut_right = keep_left < len(left), keep_right < len(right)
    trimmed_before = " ".join(left[len(left) - keep_left :]) if cut_left else before
    trimmed_after = " ".join(right[:keep_right]).rstrip(",;") if cut_right else after
    if len(QUOTE_MARKS.findall(trimmed_before + trimmed_after)) % 2:  # never a quote cut open
        raise Skip("another fact's answer stands in the quote around the gap: the card would give it away")
    if (cut_left or cut_right) and len(f"{trimmed_before} {trimmed_after}".split()) < FEWEST_WORDS_AROUND:
        raise Skip("without the clauses that show other facts' answers, too little is left around the gap")
    if cut_left and (
        _cut_from_its_clause(trimmed_before, trimmed_after) or _starts_at_its_verb(trimmed_before)
    ):
        raise Skip("without the clauses that show other facts' answers, what is left is no clause")
    return trimmed_before, trimmed_after, cut_left, cut_right


ASIDE_START = re.compile(r"^(?:more|less|fewer|about|around|nearly|almost|some|over|under|up to)\b", re.I)


def _cut_from_its_clause(before: str, after: str) -> bool:
    """'…more than _____ below the record high' (an aside), '…and the oil company Total _____…'
    (a clause whose verb was in the part cut away): what is left says nothing by itself."""
    if ASIDE_START.match(before):
        return True
    return re.match(r"^(?:and|or|but)\b", before) is not None and main_verb(f"{before} X {after}") is None


QUOTE_OPENING = re.compile(r"^[\"“‘'].+?[\"”’']\s*,?\s*(?P<said>.*)$")
DETERMINER_START = re.compile(r"^(?:the|a|an|its|their|his|her|this|that|these|those|some|any)\b", re.I)


def _quote_names_its_speaker(evidence: str) -> bool:
    """'"It is a pandemic," Dr Tedros said': the pronoun is the speaker's; the sentence names him."""
    match = QUOTE_OPENING.match(evidence)
    said = match.group("said") if match else ""
    return bool(said) and not PRONOUN_START.match(said) and re.search(r"\b[A-Z][a-z]", said) is not None


ANAPHORIC_START = re.compile(
    r"^[\"“‘']?(?:After that|Then|Earlier|Later|Late on|Meanwhile|"
    r"The next day|That day|By then)\b"
)


def _unnamed_speaker(evidence: str) -> bool:
    """'…, he said': a speaker the sentence does not name."""
    verbs = "said|says|added|told|warned|explained|noted|stressed|argued|insisted|wrote"
    return re.search(rf"\b(?:he|she|they) (?:{verbs})\b", evidence) is not None


# '…after the number of cases rose 13-fold': a clause whose main clause is cut off
CONJUNCTIONS = frozenset(["after", "before", "when", "while", "because", "since", "until", "although", "so"])


def _starts_at_its_verb(evidence: str) -> bool:
    """'…has not called an outbreak a pandemic since 2009': a part of a sentence without its
    subject, so a student cannot tell who or what it is about."""
    first = re.match(r"[\"“‘']?(?:(?:and|or|but) )?([a-z]+)\b", evidence)  # '…and has not called
    if first is None:
        return False
    word = first.group(1)
    return word in AUXILIARIES or word in CONJUNCTIONS or word == "to" or _verb_only(word)


def _bare_gap(span: str) -> str:
    """The part of a span a student writes: '400' of '400-metre' (the unit stays in the sentence),
    'Great Bitter Lake' of 'the Great Bitter Lake'."""
    compound = re.match(r"^(\d[\d,.]*)-[a-z]+$", span)
    if compound:
        return compound.group(1)
    named = re.match(r"^the ([A-Z].*)$", span)
    return named.group(1) if named else span


def _common_phrase(gap: str) -> bool:
    """A gap of ordinary words that many others could fill ('the rescue', 'questions about
    safety', 'flown', 'evacuated'); one or two nouns that name a thing ('sandstorm', 'rose
    windows') are fair."""
    if re.search(r"[A-Z0-9]", gap):
        return False
    words = gap.split()
    if len(words) > 2 or DETERMINER_START.match(gap) is not None:
        return True
    return not all("NOUN" in lemmas(w) and not _verb_only(w) for w in words) or "ADJ" in lemmas(words[-1])


def _gap_also(fact: Fact, gap: str) -> tuple[str, ...]:
    """The sheet's other words for the gap ('floor': also 'minimum')."""
    return tuple(a for a in fact.gap_also if a.casefold() != gap.casefold())


def _other_values(fact: Fact, gap: str) -> tuple[str, ...]:
    """Other ways to write the number or date the gap holds: 'five' is also '5', '30 January'
    also '30 January 2020' and '30/01/2020'."""
    if isinstance(fact, NumberFact) and fact.measure == "fraction":
        spelled = _fraction_spellings(fact.value)  # 'two-thirds', never '0.6666666666666666'
    elif isinstance(fact, NumberFact) and not fact.range and key_span(fact) == gap:
        spelled = [*number_spellings(fact.value), *fact.spellings()]
    elif isinstance(fact, DateFact) and fact.gap is None:
        spelled = [*_date_spellings(fact), fact.date.text()]
    else:
        return ()
    return tuple(dict.fromkeys(s for s in spelled if s and s.casefold() != gap.casefold()))


def _plain_letters(gap: str, accepted: tuple[str, ...]) -> tuple[str, ...]:
    """The accepted answers, and each one (the gap too) without its accents: students type
    'Urzua' and 'Pinera' for 'Urzúa' and 'Piñera'."""

    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))

    extra = [plain(a) for a in (gap, *accepted) if plain(a) != a]
    return tuple(dict.fromkeys(a for a in (*accepted, *extra) if a != gap))


def _fraction_spellings(value: float) -> list[str]:
    """'two-thirds' also as 'two thirds' and '2/3'; 'a quarter' as 'quarter' and '1/4'."""
    words = fraction_text(value)
    spelled = [words, words.replace("-", " "), words.removeprefix("a ")]
    for denominator in range(2, 6):
        numerator = round(value * denominator)
        if abs(numerator / denominator - value) < 1e-6:
            spelled.append(f"{numerator}/{denominator}")
            break
    return spelled


def _other_names(fact: Fact, gap: str, ctx: FactContext) -> tuple[str, ...]:
    """Other ways to write the person the gap names, all right in a cloze: the evidence's
    'Mr Heitz' is also 'Rémy Heitz' and 'Heitz'. A gap that names no one accepts only itself."""
    return tuple(f for f in ctx.pools.name_forms(gap) if f.casefold() != gap.casefold())


MAKERS: dict[str, Callable[[Fact, Form, FactContext], Question]] = {
    "recall": recall,
    "typed": typed,
    "choice": choice,
    "true_false": true_false,
}
