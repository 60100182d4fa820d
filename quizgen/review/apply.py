"""What a deck's review does to its generated questions, and what it reports.

- ``keep``: nothing changes; ``drop``: the question is left out of every output (its Anki note is
  then retired, like a removed fact's); ``edit``: its texts are replaced, its identity kept (its
  Anki note updates in place).
- An entry is stale when its question is no longer made, when its fact changed since it was
  reviewed (the ``fact`` hash differs), or, for an edit, when quizgen now makes another text than
  the one the edit replaced. A stale edit is not applied; a stale drop still drops (the teacher
  did not want the question), and says so. Each is a warning at the entry, the new text beside
  the edited one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from quizgen.generate import Generated
from quizgen.model import Cloze, Deck, Problem, Question
from quizgen.review.facthash import fact_hash
from quizgen.review.file import BLANK, EDITABLE, Change, Entry, Review, load_review
from quizgen.text.compare import folded


def apply_review(deck_dir: Path, deck: Deck, generated: Generated, problems: list[Problem]) -> Generated:
    """The generated questions as the deck's review file says; its problems are appended."""
    review = load_review(deck_dir, problems)
    if not review.entries:
        return generated
    reviewed = review_questions(review, deck, generated.questions)
    problems.extend(reviewed.problems)
    return replace(generated, questions=reviewed.questions)


@dataclass(frozen=True)
class Reviewed:
    """The review applied: the questions every output gets, and what happened to each entry."""

    questions: tuple[Question, ...]
    problems: list[Problem] = field(default_factory=list)
    stale: dict[str, str] = field(default_factory=dict)  # question id -> why the entry is stale
    applied: frozenset[str] = frozenset()  # question ids whose drop or edit took effect
    hashes: dict[str, str] = field(default_factory=dict)  # question id -> its facts' hash now


def _spaced(value: str | tuple[str, ...]) -> list[str]:
    return [" ".join(v.split()) for v in ((value,) if isinstance(value, str) else value)]


def _same(a: str | tuple[str, ...], b: str | tuple[str, ...]) -> bool:
    """The same text (or options), white space aside."""
    return isinstance(a, str) == isinstance(b, str) and _spaced(a) == _spaced(b)


def current_text(question: Question, name: str) -> str | tuple[str, ...]:
    """The text of ``name`` (prompt, answer, options) as quizgen makes it now."""
    return question.options if name == "options" else getattr(question, name)


def _shown(value: str | tuple[str, ...]) -> str:
    return " | ".join(f'"{v}"' for v in value) if isinstance(value, tuple) else f'"{value}"'


def _beside(question: Question, entry: Entry) -> str:
    """Each edited text now made, beside the teacher's edit."""
    return "; ".join(
        f"{name} now {_shown(current_text(question, name))}, your edit {_shown(change.now)}"
        for name, change in entry.changes.items()
    )


def review_questions(review: Review, deck: Deck, questions: tuple[Question, ...]) -> Reviewed:
    """Apply ``review`` to a deck's generated ``questions``."""
    facts = {f.id: f for f in deck.facts if not f.draft}
    by_id = {q.id: q for q in questions}
    hashes = {
        q.id: fact_hash(facts[i] for i in q.fact_ids)
        for q in questions
        if all(i in facts for i in q.fact_ids)
    }
    problems: list[Problem] = []
    stale: dict[str, str] = {}
    dropped: set[str] = set()
    edited: dict[str, Question] = {}
    for qid, entry in review.entries.items():
        question = by_id.get(qid)
        if question is None:
            stale[qid] = _gone(qid, deck)
            problems.append(_warn(entry, f"{qid}: {stale[qid]}: delete this entry"))
            continue
        now_hash = hashes.get(qid, "")
        if not entry.fact:
            message = f"{qid}: no 'fact' hash: add fact: {now_hash}, so that check can tell when it changes"
            problems.append(_warn(entry, message))
        why, message = _staleness(entry, question, now_hash)
        if why:
            stale[qid] = why
            problems.append(_warn(entry, f"{qid}: {message}"))
        if entry.action == "drop":
            dropped.add(qid)
        elif entry.action == "edit" and not why:
            result, faults = edit_question(question, entry.changes)
            problems += [Problem(entry.where(name), f"{qid}: {message}") for name, message in faults]
            if not faults:
                edited[qid] = result
    kept = tuple(edited.get(q.id, q) for q in questions if q.id not in dropped)
    return Reviewed(kept, problems, stale, frozenset(dropped | set(edited)), hashes)


def _staleness(entry: Entry, question: Question, now_hash: str) -> tuple[str, str]:
    """Why the entry is stale ("" when it is not), and the warning that says so."""
    fact_changed = bool(entry.fact) and entry.fact != now_hash
    if entry.action in ("drop", "keep"):
        if not fact_changed:
            return "", ""
        what = "dropped" if entry.action == "drop" else "kept"
        why = f"its fact changed since it was {what}"
        still = ": review it again"
        if entry.action == "drop":
            still = "; it is still left out: keep or drop it again"
        return why, f"{why}{still} in quizgen serve (or write fact: {now_hash})"
    changed = [n for n, c in entry.changes.items() if not _same(c.was, current_text(question, n))]
    if not (fact_changed or changed):
        return "", ""
    why = "its fact changed since this edit" if fact_changed else "quizgen now makes another text"
    fix = f"fact: {now_hash}" + (" and set each 'was' to the text now made" if changed else "")
    return why, (
        f"{why}, so the edit is not applied: {_beside(question, entry)}; edit it again in quizgen serve, "
        f"or to keep your edit as it is, write {fix}"
    )


def _warn(entry: Entry, message: str) -> Problem:
    return Problem(entry.location, message, severity="warning")


def _gone(question_id: str, deck: Deck) -> str:
    deck_key, fact_ids, _ = question_id.split("/")
    if deck_key != deck.settings.key:
        return f"names deck '{deck_key}', but this deck is '{deck.settings.key}'"
    drafts = {f.id for f in deck.facts if f.draft}
    if drafts.intersection(fact_ids.split("+")):
        return "no longer made: its fact is a draft again"
    return "no longer made (its fact or form is gone)"


def edit_question(question: Question, changes: dict[str, Change]) -> tuple[Question, list[tuple[str, str]]]:
    """The question with ``changes`` made; or the faults, as (field, message), that forbid them."""
    faults: list[tuple[str, str]] = []
    editable = EDITABLE.get(question.kind, ())
    for name in changes:
        if name not in editable:
            can = " and ".join(f"'{n}'" for n in editable)
            faults.append((name, f"the {name} of a {question.kind} question cannot be edited; edit {can}"))
    if faults:
        return question, faults
    values: dict = {}
    prompt = changes["prompt"].now if "prompt" in changes else None
    answer = changes["answer"].now if "answer" in changes else None
    if isinstance(prompt, str):
        values["prompt"] = prompt
    if isinstance(answer, str):
        values["answer"] = answer
        if question.kind == "typed":  # the other spellings and the range were the old answer's
            values.update(accepted=(), tolerance=None)
    if question.kind == "cloze" and (prompt is not None or answer is not None):
        text = prompt if isinstance(prompt, str) else question.prompt
        if text.count(BLANK) != 1:
            faults.append(("prompt", f"a cloze prompt marks its gap with {BLANK} exactly once"))
        else:
            before, _, after = text.partition(BLANK)
            gap = answer if isinstance(answer, str) else question.answer
            values["cloze"] = Cloze(before, gap, after)
    if "options" in changes:
        now = changes["options"].now
        assert isinstance(now, tuple)
        faults += _option_faults(question, now)
        if not faults:
            values["options"] = now
            values["answer"] = now[question.options.index(question.answer)]
    return (question, faults) if faults else (replace(question, **values), [])


def _option_faults(question: Question, now: tuple[str, ...]) -> list[tuple[str, str]]:
    if len(now) != len(question.options):
        return [("options", f"give {len(question.options)} options, as quizgen made, not {len(now)}")]
    if question.answer not in question.options:
        return [("options", "the question's answer is not among the options it was made with")]
    if len({folded(o) for o in now}) != len(now):
        return [("options", "two options read the same: every option must differ")]
    return []
