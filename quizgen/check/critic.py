"""The question critic: the faults a careful teacher finds in generated questions, found by rule.

Each rule looks at one class of fault from judging generated questions (issue 10, issue 11) and
returns the problem with its fix, at the fact the question comes from. A clear fault is an
error; where judgment is needed, a warning (``check --strict`` fails on both).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quizgen.model import ActorFact, Deck, Fact, NumberFact, Question
from quizgen.text.grammar import AUXILIARIES, PREPOSITIONS, _verb_only, is_plural, lemmas, tokens
from quizgen.text.stems import content_stems

Verdict = tuple[str, str]  # (severity, message)
WEEKDAY = re.compile(
    r"^(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"(?: (?:morning|afternoon|evening|night))?$",
    re.I,
)
RELATIVE = re.compile(r"^(?:last|next|this) (?:year|month|week)$|^(?:yesterday|today|tomorrow)$", re.I)
MID_ARTICLE = re.compile(
    r"(?<=[a-z,;] )(The|A|An) (?=[a-z])"
    r"|(?<=, )(According|How|What|Which|Who|When|Where|Why|In|On|For|From|To|By) (?=[a-z])"
)
NOMINAL_EVENT = re.compile(
    r"\bdid (?:the )?(death|removal|arrest|killing|resignation|election|appointment|departure|"
    r"arrival|closure|opening|launch|rescue|collapse|signing|adoption|release)\b.* take place\?",
    re.IGNORECASE,
)
BARE_NAME_END = (
    "group",
    "army",
    "forces",
    "government",
    "party",
    "council",
    "authority",
    "ministry",
    "opposition",
)
LIST_ITEMS = re.compile(
    r"(?:[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*, )+(?:and )?[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)* and [A-Z]"
)
SHARE_OF_ONE_RANK = 0.5  # of a deck's ordered options, the answer's commonest rank at most this share
# ... unless fair draws would often do so: 8 of 15 at C happens to 7% of fair decks, and the author
# can do nothing about it; 20 of 30 at D (a generator that favours the largest) is flagged.
CHANCE = 0.01


@dataclass(frozen=True)
class Context:
    deck: Deck
    facts: dict[str, Fact]
    several_articles: bool


Rule = Callable[[Question, Fact | None, Context], Iterable[Verdict]]


def _texts(question: Question) -> list[str]:
    """The sentences the tool wrote (not the article's words) that a student reads."""
    if question.kind == "cloze":
        return []
    return [question.prompt]


def starts_with_digit(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    for text in _texts(q):
        if text[:1].isdigit():
            yield (
                "error",
                (
                    f"the sentence starts with a digit ('{text[:30]}…'): write the number in words or "
                    "start the clause differently"
                ),
            )


def question_order_statement(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    """'5 countries did the mandate cover.': a question's word order used for a statement."""
    if q.kind != "true_false":
        return
    toks = [t for t in tokens(q.prompt) if t.text[:1].isalnum()]
    if len(toks) < 3:
        return
    do_support = any(t.lower in ("did", "does", "do") for t in toks[1:6])
    last = toks[-1].lower.rstrip(".")
    before_last = toks[-2].lower
    verb_like = toks[-1].text[:1].islower() and (
        _verb_only(last) or (before_last == "to" and "VERB" in lemmas(last))
    )
    dangling = last in PREPOSITIONS or verb_like
    inverted = any(
        t.lower in AUXILIARIES and toks[i + 1].lower in ("the", "a", "an", "its", "their", "his", "her")
        for i, t in enumerate(toks[1:6], start=1)
        if i + 1 < len(toks)
    )
    relative = any(t.lower in ("that", "which", "who", "whom", "whose") for t in toks)
    if do_support or (inverted and dangling and not relative):
        yield (
            "error",
            (
                "the statement is in question order ('… did the mandate cover.'): write the fact's phrase "
                "in statement order, subject first"
            ),
        )


def clunky_event(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if NOMINAL_EVENT.search(q.prompt):
        yield (
            "warning",
            (
                "'did the <noun> of … take place?' reads badly: write the event as a clause with "
                "happened: ('the president died'), which asks 'When did the president die?'"
            ),
        )


def capital_mid_sentence(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    for text in _texts(q):
        match = MID_ARTICLE.search(text)
        if match:
            word = match.group(1) or match.group(2)
            yield (
                "error",
                (
                    f"'{word}' is capitalised in the middle of a sentence: write the phrase "
                    f"with '{word.lower()}' (an actor's display:, or the phrase itself)"
                ),
            )


def agreement(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    match = re.match(r"Which (\w+) (was|is) (.+)\?$", q.prompt)
    relevant = match is not None and q.form in ("who", "who_choice") and isinstance(fact, ActorFact)
    if match is not None and relevant and is_plural(match.group(3)):
        yield (
            "error",
            (
                f"'Which {match.group(1)} {match.group(2)}' does not agree with the plural: "
                f"'{match.group(3)[:40]}'; give the role in the singular, or leave the role out"
            ),
        )


def bare_name(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if not isinstance(fact, ActorFact) or fact.display:
        return
    words = fact.name.split()
    common_end = bool(words) and words[-1].lower() in BARE_NAME_END and words[0] not in ("The", "the")
    if common_end and re.search(rf"(?<!^)(?<![Tt]he )\b{re.escape(fact.name)}\b", q.prompt):
        yield (
            "warning",
            (f"'{fact.name}' reads without an article mid-sentence: give display: \"the {fact.name}\""),
        )


def tautology(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if q.kind not in ("recall", "typed", "choice") or not q.answer:
        return
    answer = content_stems(q.answer)
    if not answer or re.fullmatch(r"[\d\s,.%$€£-]+", q.answer):
        return
    stem = re.sub(r"the article “[^”]*”", "the article", q.prompt)  # its title is not the stem's words
    shared = answer & content_stems(stem)
    if len(shared) * 2 > len(answer) or (len(answer) <= 2 and shared and len(answer) == len(shared)):
        yield (
            "warning",
            (
                f"the question gives its answer away: '{', '.join(sorted(shared))}' stand(s) in both the "
                "question and the answer; word the fact so that the question does not say it"
            ),
        )


def cloze_gap(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if q.kind != "cloze" or q.cloze is None:
        return
    gap = q.cloze.gap.strip()
    if WEEKDAY.match(gap) or RELATIVE.match(gap):
        yield "error", f"the cloze blanks '{gap}' alone: a weekday or relative word; set gap: to the date"
    if len(gap.split()) > 6:
        yield "error", f"the cloze gap has {len(gap.split())} words: too long to mark; set a shorter gap:"
    if "[As of" in q.cloze.before:
        yield "error", "a stamp is inside the quoted sentence: the stamp belongs before the quote"
    number = re.fullmatch(r"(?:\w+ )?(\d+|two|three|four|five|six|seven|eight|nine|ten)", gap)
    if number and LIST_ITEMS.search(q.cloze.before + " " + q.cloze.after):
        yield (
            "warning",
            (f"the cloze blanks a count ('{gap}') next to a list that gives it away: blank another word"),
        )


def several_articles(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if ctx.several_articles and re.search(r"\bthe article\b(?! “)", q.prompt):
        yield (
            "error",
            (
                "the question says 'the article' in a deck of several articles: name it "
                "(phrasings get it as {{ article.name }})"
            ),
        )


def role_of_a_body(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if q.form == "role" and isinstance(fact, ActorFact) and fact.kind in ("state", "group", "operation"):
        yield "error", f"a role question about a {fact.kind} has no single answer: leave its role out"


def answer_key(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if q.tolerance is not None and q.tolerance[0] == q.tolerance[1] and q.kind != "typed":
        yield "warning", "the key would say 'Accept X to X'"
    if "e+" in q.answer or any("e+" in o for o in q.options):
        yield "error", "a number is written in scientific notation"
    if (
        isinstance(fact, NumberFact)
        and fact.measure == "percent"
        and q.kind == "typed"
        and "%" not in q.answer
    ):
        yield "error", "a percentage typed without its % sign"


def options(q: Question, fact: Fact | None, ctx: Context) -> Iterable[Verdict]:
    if q.kind != "choice":
        return
    wanted = ctx.deck.settings.choice_options
    if len(q.options) != wanted:
        yield "error", f"{len(q.options)} options where the deck has {wanted}"
    if isinstance(fact, NumberFact) and fact.measure == "percent":
        for option in q.options:
            value = re.search(r"(\d+(?:\.\d+)?)\s?%", option)
            if value and float(value.group(1)) > 100:
                yield "error", f"the option '{option}' is an impossible percentage"


RULES: tuple[Rule, ...] = (
    starts_with_digit,
    question_order_statement,
    clunky_event,
    capital_mid_sentence,
    agreement,
    bare_name,
    tautology,
    cloze_gap,
    several_articles,
    role_of_a_body,
    answer_key,
    options,
)


def criticise(deck: Deck, questions: tuple[Question, ...]) -> list[tuple[Question, str, str]]:
    """Every fault the rules find: (question, severity, message)."""
    ctx = Context(deck, {f.id: f for f in deck.facts}, len({s.article_ref for s in deck.sheets}) > 1)
    found = []
    for question in questions:
        fact = ctx.facts.get(question.fact_ids[0])
        for rule in RULES:
            for severity, message in rule(question, fact, ctx):
                found.append((question, severity, message))
    found += [(q, "warning", m) for q, m in _rank_balance(questions)]
    return found


def _by_chance(count: int, total: int, width: int) -> float:
    """How likely, with the answer's rank drawn fairly among ``width``, some rank gets ``count``
    or more of ``total`` questions (binomial tail, times the ranks that could)."""
    p = 1 / width
    tail = sum(math.comb(total, k) * p**k * (1 - p) ** (total - k) for k in range(count, total + 1))
    return min(1.0, width * tail)


def _rank_balance(questions: tuple[Question, ...]) -> list[tuple[Question, str]]:
    """Over a deck, the answer of an ordered question (numbers, dates) is at every rank alike."""
    ordered = [q for q in questions if q.kind == "choice" and q.ordered and q.options]
    if len(ordered) < 12:
        return []
    ranks = Counter(q.options.index(q.answer) for q in ordered)
    rank, count = ranks.most_common(1)[0]
    width = max(len(q.options) for q in ordered)
    if count / len(ordered) <= SHARE_OF_ONE_RANK or _by_chance(count, len(ordered), width) > CHANCE:
        return []
    message = (
        f"in {count} of {len(ordered)} ordered multiple-choice questions the answer is option "
        f"{'ABCD'[rank] if rank < 4 else rank + 1}: a student can guess it"
    )
    return [(ordered[0], message)]
