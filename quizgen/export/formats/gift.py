"""GIFT: the quiz's questions as Moodle's plain-text import format, in a category named after
the deck.

Multiple choice, true/false, short answer (every accepted spelling), numerical (a value with
its tolerance, or the accepted range), matching (a timeline as each event matched to its place),
the cloze as GIFT's missing word, and an essay with the model answer as feedback for free
answers too long to mark by machine. The evidence and the source are every question's general
feedback. Text is plain ([plain]), with GIFT's special characters ~ = # { } : and the backslash
escaped, and line breaks written as \\n.
"""

from __future__ import annotations

from pathlib import Path

from quizgen.export import lms
from quizgen.export.registry import ExportJob, Output, SimpleFormat, register, text_writer

NAME = "gift"
SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Text safe anywhere in a GIFT question: the backslash doubled, ~ = # { } : escaped, line
    breaks as \\n (as Moodle's own GIFT export writes them)."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _number(value: float) -> str:
    return f"{value:.12g}"


def _answers(entry: lms.Entry) -> list[str] | None:
    """The lines between the braces (without the general feedback), or None when GIFT cannot
    write the item."""
    q = entry.question
    if entry.kind == "multichoice":
        return [("=" if option == q.answer else "~") + escape(option) for option in q.options]
    if entry.kind == "truefalse":
        return ["TRUE" if q.answer.lower() == "true" else "FALSE"]
    if entry.kind in ("shortanswer", "cloze"):
        return ["=" + escape(text) for text in entry.answers]
    if entry.kind == "numerical":
        value, tolerance, low, high = lms.numeric(q)
        accepted = escape(f"Accepted: {_number(low)} to {_number(high)} (the article: {q.answer}).")
        if value - tolerance == low and value + tolerance == high:
            return ["#", f"={_number(value)}:{_number(tolerance)}#{accepted}"]
        return ["#", f"={_number(low)}..{_number(high)}#{accepted}"]
    if entry.kind == "essay":
        return []
    if entry.kind in ("matching", "ordering"):
        if any("->" in left for left, _ in entry.pairs):
            return None
        return [f"={escape(left)} -> {escape(right)}" for left, right in entry.pairs]
    raise ValueError(entry.kind)  # pragma: no cover - every kind of the model is handled above


def _feedback(entry: lms.Entry) -> str:
    if entry.kind == "essay":
        return escape(f"Model answer: {entry.question.answer}. {entry.feedback}")
    return escape(entry.feedback)


def question_text(entry: lms.Entry) -> str | None:
    """One question in GIFT, or None when GIFT cannot write it."""
    answers = _answers(entry)
    if answers is None:
        return None
    q = entry.question
    name = f"::{escape(f'{entry.number:02d} {q.fact_id} {q.form}')}::"
    body = [f"\t{line}" for line in answers] + [f"\t####{_feedback(entry)}"]
    if entry.kind == "numerical":  # '#' opens the answers on the brace's line
        body = [f"\t{line}" for line in answers[1:]] + [f"\t####{_feedback(entry)}"]
        return "\n".join([f"{name}[plain]{escape(entry.stem)}{{#", *body, "}"])
    before, after = lms.cloze_sides(q)
    if entry.kind == "cloze" and after.strip():  # GIFT's missing word needs text after the gap
        head = " ".join(p for p in (q.lead, entry.article, before) if p)
        return "\n".join([f"{name}[plain]{escape(head)}{{", *body, f"}}{escape(after)}"])
    return "\n".join([f"{name}[plain]{escape(entry.stem)}{{", *body, "}"])


def gift_text(job: ExportJob) -> str:
    """The quiz as a GIFT file: a category, then one question per block."""
    # Moodle reads the category line unescaped, so a backslash there would be taken for an
    # escape: it becomes a slash (doubled, as a slash within a category name is written).
    parts = [part.replace("\\", "/").replace("/", "//") for part in lms.category(job.deck)]
    path = "/".join(["$course$", "top", *parts])
    blocks = [
        f"// {lms.one_line(lms.title(job.deck))}: the questions of the assembled quiz (Moodle: Import, GIFT)",
        f"$CATEGORY: {lms.one_line(path)}",
    ]
    for entry in lms.entries(job.quiz):
        text = question_text(entry)
        if text is None:
            reason = "a matching item contains '->', which GIFT cannot escape"
            blocks.append(f"// {lms.one_line(lms.leave_out(job, NAME, entry, reason))}")
            continue
        blocks.append(f"// question {entry.number}: {lms.one_line(entry.question.id)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def outputs(job: ExportJob) -> list[Output]:
    if not job.quiz.questions:
        return []
    return [Output(Path(f"{job.deck.settings.key}-gift.txt"), text_writer(gift_text(job)))]


FORMAT = register(SimpleFormat(NAME, "GIFT text of the quiz, for Moodle's GIFT import (.txt)", outputs))
