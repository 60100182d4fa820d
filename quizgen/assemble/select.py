"""Which questions a quiz asks: every form in turn, every fact once where possible, and no
item that gives away another's answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from quizgen.assemble.forms import form_of, seeded
from quizgen.model import QUIZ_FORMS, Question, QuizSettings
from quizgen.text.compare import mentions


def select_questions(questions: Sequence[Question], settings: QuizSettings) -> tuple[Question, ...]:
    """The questions of the quiz, in generation order, never two with the same prompt.

    Forms take turns, the rarest first, each giving its question about the facts least asked
    about so far (ties broken by a seeded rank). With ``count`` unset, every fact is asked
    about once where possible; with ``count``, that many questions, facts coming back only
    when they must. Depends on the seed, never on the version: every version has the same
    questions."""
    forms = [f for f in QUIZ_FORMS if f in (settings.forms or QUIZ_FORMS)]
    pool = [q for q in questions if form_of(q) in forms]
    rank = {q.id: seeded(settings.seed, "pick", q.id).random() for q in pool}
    waiting = {form: [q for q in pool if form_of(q) == form] for form in forms}
    turns = sorted((f for f in forms if waiting[f]), key=lambda f: (len(waiting[f]), forms.index(f)))
    limit = len(pool) if settings.count is None else settings.count
    used: Counter[str] = Counter()
    forms_used: Counter[str] = Counter()
    prompts: set[str] = set()
    chosen: set[str] = set()
    picked: list[Question] = []
    for reuse in (False, settings.count is not None):  # fresh facts first; then, for a count, any
        while len(chosen) < limit:
            added = False
            for form in turns:
                candidates = [q for q in waiting[form] if _plain(q.prompt) not in prompts]
                candidates = [q for q in candidates if not _gives_away(q, picked)]
                if not reuse:
                    candidates = [q for q in candidates if not any(used[f] for f in q.fact_ids)]
                if len(chosen) == limit or not candidates:
                    continue
                # Facts least asked first; then question forms least used, so that a section
                # mixes "When…?", "How many…?" and "Why…?" rather than one form over and over.
                best = min(
                    candidates,
                    key=lambda q: (max(used[f] for f in q.fact_ids), forms_used[q.form], rank[q.id]),
                )
                waiting[form].remove(best)
                chosen.add(best.id)
                picked.append(best)
                prompts.add(_plain(best.prompt))
                used.update(best.fact_ids)
                forms_used[best.form] += 1
                added = True
            if not added:
                break
    return tuple(q for q in pool if q.id in chosen)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


NO_GIVEAWAY_KINDS = ("true_false", "matching", "ordering")  # answers that are not words to find


def _visible(question: Question) -> str:
    """Everything a student reads of a question on the sheet."""
    parts = [question.prompt, *question.options, *question.sequence]
    parts += [side for pair in question.pairs for side in pair]
    return " \n ".join(parts)


def _gives_away(question: Question, picked: Sequence[Question]) -> bool:
    """True when the question's answer stands in another picked question, or the other way round."""
    for other in picked:
        if question.kind not in NO_GIVEAWAY_KINDS and mentions(_visible(other), question.answer):
            return True
        if other.kind not in NO_GIVEAWAY_KINDS and mentions(_visible(question), other.answer):
            return True
    return False
