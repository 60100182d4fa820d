"""Which questions a quiz asks: every form in turn, every fact at most once, no item that gives
away another's answer or asks it again, and as many true as false statements.

Each question is checked against the questions already chosen through an index
(``giveaways.Board``), never against them one by one, so choosing stays near linear in the
size of the deck.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from quizgen.assemble.forms import form_of, seeded
from quizgen.assemble.giveaways import Board, Reading, reading_of
from quizgen.model import QUIZ_FORMS, Fact, Question, QuizSettings

TRUTHS = ("True", "False")


@dataclass
class _Queue:
    """The questions of one question form (and, for true/false, one truth) in the order they are
    offered: articles in turn, then a seeded rank."""

    form: str
    truth: str
    waiting: list[tuple[tuple[int, float], Question]] = field(default_factory=list)
    head: int = 0

    def peek(self) -> Question | None:
        return self.waiting[self.head][1] if self.head < len(self.waiting) else None

    def key(self) -> tuple[int, float]:
        return self.waiting[self.head][0]


def select_questions(
    questions: Sequence[Question],
    settings: QuizSettings,
    facts: Mapping[str, Fact] | None = None,
    shown: Iterable[str] = (),
) -> tuple[Question, ...]:
    """The questions of the quiz, in generation order.

    Sections take turns, the rarest first, each giving the question of the form it has used
    least so far (ties: articles in turn, then a seeded rank). With ``count`` unset, as many as
    can be asked, each fact at most once; with ``count``, at most that many. A question is left
    out when it would give away a chosen one or be given away by it (or by the ``shown`` text
    every reader sees: title, description, article titles), asks a chosen one's fact or answer
    again, or would tip the balance of true and false statements by more than one. Depends on the
    seed, never on the version: every version has the same questions."""
    facts = facts or {}
    forms = [f for f in QUIZ_FORMS if f in (settings.forms or QUIZ_FORMS)]
    pool = [q for q in questions if form_of(q) in forms]
    queues = _queues(pool, settings.seed)
    turns = sorted(
        (f for f in forms if queues[f]),
        key=lambda f: (sum(len(q.waiting) for q in queues[f]), forms.index(f)),
    )
    limit = len(pool) if settings.count is None else settings.count
    board = Board()
    board.show(shown)
    readings: dict[str, Reading] = {}
    prompts: set[str] = set()
    chosen: set[str] = set()
    truths: Counter[str] = Counter()
    forms_used: Counter[str] = Counter()

    def fits(question: Question) -> bool:
        if _plain(question.prompt) in prompts:
            return False
        if question.id not in readings:
            readings[question.id] = reading_of(question, facts)
        return not board.conflicts(readings[question.id])

    while len(chosen) < limit:
        added = False
        for section in turns:
            if len(chosen) >= limit:
                break
            best: _Queue | None = None
            for queue in queues[section]:
                if queue.truth and truths[queue.truth] > truths[_other(queue.truth)]:
                    continue  # one more of this truth would tip the balance by two
                while (candidate := queue.peek()) is not None and not fits(candidate):
                    queue.head += 1  # the board only grows: a question that does not fit never will
                if candidate is None:
                    continue
                if best is None or (forms_used[queue.form], queue.key()) < (
                    forms_used[best.form],
                    best.key(),
                ):
                    best = queue
            if best is None:
                continue
            question = best.waiting[best.head][1]
            best.head += 1
            chosen.add(question.id)
            board.add(readings[question.id])
            prompts.add(_plain(question.prompt))
            forms_used[question.form] += 1
            if question.kind == "true_false":
                truths[question.answer] += 1
            added = True
        if not added:
            break
    return tuple(q for q in pool if q.id in chosen)


def _other(truth: str) -> str:
    return TRUTHS[1 - TRUTHS.index(truth)]


def _queues(pool: Sequence[Question], seed: str) -> dict[str, list[_Queue]]:
    """Per section, a queue per question form (per truth for true/false), each ordered so that
    articles take turns (the first question of every article, then the second, …), then by a
    seeded rank."""
    rank = {q.id: seeded(seed, "pick", q.id).random() for q in pool}
    grouped: dict[tuple[str, str, str], list[Question]] = defaultdict(list)
    for question in pool:
        truth = question.answer if question.kind == "true_false" and question.answer in TRUTHS else ""
        grouped[(form_of(question), question.form, truth)].append(question)
    out: dict[str, list[_Queue]] = defaultdict(list)
    for (section, form, truth), members in grouped.items():
        turn: Counter[str] = Counter()
        keyed = []
        for question in sorted(members, key=lambda q: rank[q.id]):
            article = question.source.path
            keyed.append(((turn[article], rank[question.id]), question))
            turn[article] += 1
        out[section].append(_Queue(form, truth, sorted(keyed, key=lambda pair: pair[0])))
    return out


def _plain(text: str) -> str:
    return " ".join(text.lower().split())
