"""What the review controls do to the files: the review file's entries and draft facts.

Every write goes through ``writes.write_if_unchanged``: the form carries the token of the file
as its page showed it, and a file edited elsewhere since is never overwritten (``Conflict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizgen.check import check_questions
from quizgen.model import Problem, Question
from quizgen.review import EDITABLE, Change, Entry, format_review
from quizgen.review.apply import current_text, edit_question
from quizgen.review.file import parse_review
from quizgen.serve.sheet_edit import EditRefused, confirm_draft, delete_fact
from quizgen.serve.views import question_token
from quizgen.serve.workspace import DeckState
from quizgen.serve.writes import Conflict, read_bytes, token_of, write_if_unchanged

REVIEW_ACTIONS = ("keep", "drop", "edit", "clear")
DRAFT_ACTIONS = ("confirm", "delete")


class Refused(ValueError):
    """The action cannot be done as asked; the message says why (nothing was written)."""


@dataclass
class ReviewRequest:
    """A review control's form, as posted."""

    question_id: str
    action: str
    token: str  # the review file's, as the page showed it
    qtoken: str  # the question's, as the page showed it
    values: dict[str, str | tuple[str, ...]] = field(default_factory=dict)  # an edit's texts


def _folded(text: str) -> str:
    return " ".join(text.split())


def review_action(state: DeckState, request: ReviewRequest) -> str:
    """Do one review action; returns what was done ('kept', 'dropped', …) for the page to say.

    Raises Conflict when the review file or the question changed since the page was made,
    Refused when the action cannot be done as asked.
    """
    path = state.review_path
    data = read_bytes(path)
    if token_of(data) != request.token:
        raise Conflict(path)
    problems: list[Problem] = []
    review = parse_review(data.decode("utf-8") if data is not None else "", path, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        message = f"{path.name} has errors, so it is not rewritten: fix it in your editor first"
        raise Refused(f"{message} ({errors[0]})")
    entries = dict(review.entries)
    qid = request.question_id
    original = state.originals.get(qid)
    if original is None and request.action == "clear" and qid in entries:
        del entries[qid]  # an entry whose question is gone
        done = "cleared"
    else:
        if original is None or state.reviewed is None:
            raise Conflict(path)  # the question is gone (or the deck has errors) since the page was made
        hash_now = state.reviewed.hashes.get(qid, "")
        if question_token(original, hash_now) != request.qtoken:
            raise Conflict(path)
        done = _change(entries, request, original, hash_now, state)
    write_if_unchanged(path, request.token, format_review(entries).encode("utf-8"))
    return done


def _change(
    entries: dict[str, Entry], request: ReviewRequest, original: Question, hash_now: str, state: DeckState
) -> str:
    qid = original.id
    if request.action == "clear":
        entries.pop(qid, None)
        return "cleared"
    if request.action in ("keep", "drop"):
        entries[qid] = Entry(qid, request.action, hash_now)
        return "kept" if request.action == "keep" else "dropped"
    changes = _changes(original, request.values)
    if not changes:
        if qid in entries and entries[qid].action == "edit":
            entries[qid] = Entry(qid, "keep", hash_now)
            return "restored"
        raise Refused("nothing changed: the texts are as quizgen made them")
    edited, faults = edit_question(original, changes)
    messages = [message for _, message in faults]
    if not faults and state.deck is not None:
        messages += [p.message.split(": ", 1)[1] for p in check_questions(state.deck, (edited,))]
    if messages:
        raise Refused("; ".join(messages))
    entries[qid] = Entry(qid, "edit", hash_now, changes)
    return "edited"


def _changes(original: Question, values: dict[str, str | tuple[str, ...]]) -> dict[str, Change]:
    """The edited texts that differ from what quizgen made (white space folded)."""
    changes: dict[str, Change] = {}
    for name in EDITABLE.get(original.kind, ()):
        if name not in values:
            continue
        was = current_text(original, name)
        value = values[name]
        if isinstance(value, tuple):
            now: str | tuple[str, ...] = tuple(_folded(v) for v in value)
            if any(not v for v in now):
                raise Refused("write every option: an option cannot be empty")
            if list(now) != [_folded(w) for w in was]:
                changes[name] = Change(was, now)
        else:
            now = _folded(value)
            if not now:
                raise Refused(f"write the {name}: it cannot be empty")
            if now != _folded(str(was)):
                changes[name] = Change(was, now)
    return changes


def draft_action(state: DeckState, sheet_name: str, fact_id: str, action: str, token: str) -> str:
    """Confirm or delete a draft fact in its sheet; returns 'confirmed' or 'deleted'."""
    sheet = state.sheet(sheet_name)
    if sheet is None:
        raise Refused(f"no sheet {sheet_name} in this deck")
    path = sheet.path
    data = read_bytes(path)
    if token_of(data) != token or data is None:
        raise Conflict(path)
    fact = next((f for f in sheet.facts if f.id == fact_id), None)
    if fact is None or not fact.draft:
        raise Conflict(path)
    text = data.decode("utf-8")
    try:
        new = confirm_draft(text, fact_id, path) if action == "confirm" else delete_fact(text, fact_id, path)
    except EditRefused as exc:
        raise Refused(str(exc)) from exc
    write_if_unchanged(path, token, new.encode("utf-8"))
    return "confirmed" if action == "confirm" else "deleted"
