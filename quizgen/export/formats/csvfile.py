"""CSV of the question model: one row per item of the assembled quiz, every field of the model,
for spreadsheets and other tools (UTF-8 with a byte-order mark, so that Excel reads accents).

Lists (options, accepted answers, pairs, events, tags) are JSON arrays in their cell. A text
cell that starts with = + - @ gets a leading apostrophe, so that no spreadsheet runs it as a
formula (strip it to get the text back).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from quizgen.export import lms
from quizgen.export.registry import ExportJob, Output, SimpleFormat, register, text_writer

NAME = "csv"
COLUMNS = (
    "number", "section", "marks", "id", "deck", "fact_id", "form", "kind", "article", "note", "prompt",
    "answer", "accepted", "options", "ordered", "pairs", "sequence", "tolerance_low", "tolerance_high",
    "cloze_before", "cloze_gap", "cloze_after", "evidence", "source_title", "source_published",
    "source_path", "tags",
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guarded(value: Any) -> Any:
    """A text cell that no spreadsheet takes for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def listed(values: tuple) -> str:
    """A list in one cell, as JSON (pairs as two-element arrays)."""
    return json.dumps([list(v) if isinstance(v, tuple) else v for v in values], ensure_ascii=False)


def row_of(entry: lms.Entry, quiz_articles: str) -> dict[str, Any]:
    q = entry.question
    low, high = q.tolerance or ("", "")
    return {
        "number": entry.number,
        "section": entry.item.form,
        "marks": entry.marks,
        "id": q.id,
        "deck": q.deck,
        "fact_id": q.fact_id,
        "form": q.form,
        "kind": q.kind,
        "article": quiz_articles,
        "note": q.note,
        "prompt": q.prompt,
        "answer": q.answer,
        "accepted": listed(q.accepted),
        "options": listed(q.options),
        "ordered": "yes" if q.ordered else "no",
        "pairs": listed(q.pairs),
        "sequence": listed(q.sequence),
        "tolerance_low": low,
        "tolerance_high": high,
        "cloze_before": q.cloze.before if q.cloze else "",
        "cloze_gap": q.cloze.gap if q.cloze else "",
        "cloze_after": q.cloze.after if q.cloze else "",
        "evidence": q.evidence,
        "source_title": q.source.title,
        "source_published": q.source.published.iso(),
        "source_path": q.source.path,
        "tags": listed(q.tags),
    }


def csv_text(job: ExportJob) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    quiz = job.quiz
    for entry in lms.entries(quiz):
        titles = " / ".join(quiz.articles[i - 1].title for i in quiz.articles_of(entry.question))
        writer.writerow({k: guarded(v) for k, v in row_of(entry, titles).items()})
    return "\ufeff" + buffer.getvalue()


def outputs(job: ExportJob) -> list[Output]:
    if not job.quiz.questions:
        return []
    return [Output(Path(f"{job.deck.settings.key}-questions.csv"), text_writer(csv_text(job)))]


FORMAT = register(
    SimpleFormat(NAME, "CSV of the quiz's questions, every field of the question model (.csv)", outputs)
)
