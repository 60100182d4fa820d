"""What the pages show, as plain data for their templates: facts beside their article, each
question as students will see it with its review, problems beside what they are about."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

from quizgen.model import Fact, FactSheet, Problem, Question
from quizgen.review import EDITABLE
from quizgen.review.apply import current_text
from quizgen.review.facthash import fact_content
from quizgen.serve.highlight import find_span, paragraphs
from quizgen.serve.sheet_edit import item_ranges
from quizgen.serve.workspace import DeckState

KIND_LABELS = {
    "recall": "Question and answer",
    "typed": "Typed answer",
    "cloze": "Fill the gap",
    "choice": "Multiple choice",
    "true_false": "True or false",
    "matching": "Matching",
    "ordering": "Put in order",
}
FIELD_LABELS = {"prompt": "Question", "answer": "Answer", "options": "Options"}
LETTERS = "ABCDEFGHIJ"


def anchor(question_id: str) -> str:
    """An HTML id for a question (its id has '/' and '+')."""
    return "q-" + hashlib.sha1(question_id.encode("utf-8")).hexdigest()[:10]


def question_token(question: Question, hash_now: str) -> str:
    """What a review form was made against: the question's texts and its facts' hash."""
    texts = [question.prompt, question.answer, *question.options, hash_now]
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:16]


def problem_data(problem: Problem) -> dict[str, Any]:
    return {
        "severity": problem.severity,
        "message": problem.message,
        "where": str(problem.location),
        "line": problem.location.line,
    }


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)}"
    if isinstance(value, list):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value_text(v)}" for k, v in value.items())
    return str(value)


def fact_keys(fact: Fact) -> list[tuple[str, str]]:
    """The fact's keys (its type's own first), but its id, type and evidence (shown apart)."""
    content = fact_content(fact)
    common = {f.name for f in dataclasses.fields(Fact)}
    order = sorted(content, key=lambda key: key in common)
    return [(k, _value_text(content[k])) for k in order if k not in ("type", "id", "evidence")]


@dataclass
class Attribution:
    """A sheet's problems, each beside what it is about."""

    by_fact: dict[str, list[Problem]] = field(default_factory=dict)
    by_question: dict[str, list[Problem]] = field(default_factory=dict)
    unread: list[tuple[int, int, list[Problem]]] = field(default_factory=list)  # items not read
    sheet: list[Problem] = field(default_factory=list)


def attribute(state: DeckState, sheet: FactSheet) -> Attribution:
    """Put each problem of the deck that concerns this sheet beside its fact or question."""
    out = Attribution()
    question_ids = set(state.originals) | {q.id for q in state.questions}
    try:
        text = sheet.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    ranges = item_ranges(text, sheet.path)
    facts = {f.id for f in sheet.facts}
    unread: dict[tuple[int, int], list[Problem]] = {}
    sheet_path = sheet.path.resolve()
    for problem in state.result.problems:
        head = problem.message.split(": ", 1)[0]
        if head in question_ids and any(i in facts for i in head.split("/")[1].split("+")):
            out.by_question.setdefault(head, []).append(problem)
            continue
        if problem.location.path.resolve() != sheet_path:
            continue
        line = problem.location.line
        item = next((r for r in ranges if r[0] <= line <= r[1]), None)
        if item is None:
            out.sheet.append(problem)
        elif item[2] in facts:
            out.by_fact.setdefault(item[2], []).append(problem)
        else:
            unread.setdefault((item[0], item[1]), []).append(problem)
    out.unread = [(a, b, problems) for (a, b), problems in sorted(unread.items())]
    return out


def _status(state: DeckState, question_id: str) -> tuple[str, str]:
    entry = state.review.entries.get(question_id)
    reviewed = state.reviewed
    if entry is None:
        return "unreviewed", "Not reviewed yet"
    if reviewed is not None and question_id in reviewed.stale:
        return "stale", f"Review again: {reviewed.stale[question_id]}"
    return {
        "keep": ("kept", "Kept"),
        "drop": ("dropped", "Dropped: students will not see it"),
        "edit": ("edited", "Edited"),
    }[entry.action]


def question_data(state: DeckState, original: Question, attribution: Attribution) -> dict[str, Any]:
    """One question as students will see it, with its review and the controls' values."""
    shown = state.students_get.get(original.id, original)
    status, status_text = _status(state, original.id)
    entry = state.review.entries.get(original.id)
    hash_now = state.reviewed.hashes.get(original.id, "") if state.reviewed else ""
    editable = EDITABLE.get(original.kind, ())
    edit_from = shown
    if status == "stale" and entry is not None and entry.action == "edit":
        edit_from = original
    fields = []
    for name in editable:
        value = current_text(edit_from, name)
        if status == "stale" and entry is not None and name in entry.changes:
            value = entry.changes[name].now
        fields.append({"name": name, "label": FIELD_LABELS[name], "value": value})
    return {
        "id": original.id,
        "anchor": anchor(original.id),
        "form": original.form,
        "kind": original.kind,
        "kind_label": KIND_LABELS.get(original.kind, original.kind),
        "student": student_view(shown),
        "status": status,
        "status_text": status_text,
        "stale_why": state.reviewed.stale.get(original.id, "") if state.reviewed else "",
        "changes": [
            {"label": FIELD_LABELS[n], "was": _joined(c.was), "now": _joined(c.now)}
            for n, c in (entry.changes.items() if entry is not None else ())
        ],
        "made_now": {FIELD_LABELS[n]: _joined(current_text(original, n)) for n in editable},
        "fields": fields,
        "cloze_hint": original.kind == "cloze",
        "qtoken": question_token(original, hash_now),
        "in_anki": original.id in state.anki_ids,
        "on_worksheet": original.id in state.worksheet_ids,
        "problems": [problem_data(p) for p in attribution.by_question.get(original.id, [])],
        "error": None,  # a refused edit's message, when the form comes back
        "open": False,  # the edit form shown open
        "number": 0,  # its place on the page
        "next": None,  # the next question on the page waiting for review
    }


def _joined(value: str | tuple[str, ...]) -> str:
    return " | ".join(value) if isinstance(value, tuple) else value


def student_view(question: Question) -> dict[str, Any]:
    """The question's parts as a student meets them."""
    cloze = question.cloze
    return {
        "prompt": question.prompt,
        "note": question.lead,
        "answer": question.answer,
        "options": [
            {
                "letter": LETTERS[i] if i < len(LETTERS) else str(i + 1),
                "text": o,
                "correct": o == question.answer,
            }
            for i, o in enumerate(question.options)
        ],
        "pairs": [list(p) for p in question.pairs],
        "sequence": list(question.sequence),
        "accepted": [a for a in question.accepted if a != question.answer][:6],
        "cloze": {"before": cloze.before, "gap": cloze.gap, "after": cloze.after} if cloze else None,
    }


def draft_question(question: Question) -> dict[str, Any]:
    """A question a draft fact would give: shown, not reviewed (it is not made yet)."""
    return {
        "kind": question.kind,
        "kind_label": KIND_LABELS.get(question.kind, question.kind),
        "form": question.form,
        "student": student_view(question),
    }


def sheet_page(state: DeckState, sheet: FactSheet) -> dict[str, Any]:
    """The sheet page: the article with its evidence marked, and every fact with its questions."""
    attribution = attribute(state, sheet)
    article = sheet.article
    spans: dict[str, tuple[int, int]] = {}
    if article is not None:
        for fact in sheet.facts:
            span = find_span(article.body, fact.evidence)
            if span is not None:
                spans[fact.id] = span
    by_fact: dict[str, list[Question]] = {}
    combined: list[Question] = []
    sheet_facts = {f.id for f in sheet.facts}
    for question in state.originals.values():
        if "+" in question.fact_id:
            if sheet_facts.intersection(question.fact_ids):
                combined.append(question)
        elif question.fact_id in sheet_facts:
            by_fact.setdefault(question.fact_id, []).append(question)
    facts = []
    for fact in sheet.facts:
        facts.append(
            {
                "id": fact.id,
                "type": fact.type,
                "draft": fact.draft,
                "line": fact.location.line,
                "slots": fact_keys(fact),
                "evidence": fact.evidence,
                "found": fact.id in spans,
                "problems": [problem_data(p) for p in attribution.by_fact.get(fact.id, [])],
                "questions": [question_data(state, q, attribution) for q in by_fact.get(fact.id, [])],
                "draft_questions": [draft_question(q) for q in state.draft_questions.get(fact.id, [])],
            }
        )
    combined_data = [question_data(state, q, attribution) for q in combined]
    numbered = [q for f in facts for q in f["questions"]] + combined_data
    for number, question in enumerate(numbered, 1):
        question["number"] = number
    waiting = [q for q in numbered if q["status"] in ("unreviewed", "stale")]
    for question in numbered:
        later = next((w for w in waiting if w["number"] > question["number"]), None)
        question["next"] = {"number": later["number"], "anchor": later["anchor"]} if later else None
    return {
        "sheet": sheet.path.name,
        "article": _article_data(sheet, spans),
        "facts": facts,
        "combined": combined_data,
        "count": len(numbered),
        "waiting": [{"number": q["number"], "anchor": q["anchor"], "status": q["status"]} for q in waiting],
        "draft_ids": [f.id for f in sheet.facts if f.draft],
        "error_ids": [f["id"] for f in facts if any(p["severity"] == "error" for p in f["problems"])],
        "sheet_problems": [problem_data(p) for p in attribution.sheet],
        "unread": [
            {"first": a, "last": b, "problems": [problem_data(p) for p in problems]}
            for a, b, problems in attribution.unread
        ],
        "generated": state.result.generated is not None,
        "errors": len(state.result.errors),
        "drafts": sum(f.draft for f in sheet.facts),
    }


def _article_data(sheet: FactSheet, spans: dict[str, tuple[int, int]]) -> dict[str, Any] | None:
    article = sheet.article
    if article is None:
        return None
    return {
        "title": article.title,
        "published": article.published.text(),
        "source": article.source,
        "file": article.path.name,
        "paragraphs": [
            [{"text": p.text, "facts": list(p.facts), "starts": list(p.starts)} for p in pieces]
            for pieces in paragraphs(article.body, spans)
        ],
    }


def progress(state: DeckState) -> dict[str, int]:
    """How far the review of the deck has come."""
    counts = {"questions": len(state.originals), "kept": 0, "dropped": 0, "edited": 0, "stale": 0}
    for question_id in state.originals:
        status, _ = _status(state, question_id)
        if status in counts:
            counts[status] += 1
    counts["reviewed"] = counts["kept"] + counts["dropped"] + counts["edited"]
    counts["unreviewed"] = counts["questions"] - counts["reviewed"] - counts["stale"]
    return counts
