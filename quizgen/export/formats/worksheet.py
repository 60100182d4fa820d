"""Printable worksheets: one HTML page per version, each with its answer key."""

from __future__ import annotations

from pathlib import Path

from quizgen.export import html_quiz
from quizgen.export.registry import ExportJob, Output, SimpleFormat, register, text_writer


def outputs(job: ExportJob) -> list[Output]:
    files = html_quiz.render_quiz_versions(job.deck, job.quiz, job.quiz.settings.paper)
    return [Output(Path(name), text_writer(text)) for name, text in files.items()]


FORMAT = register(
    SimpleFormat(
        "worksheet", "printable worksheets, one per version, each with its answer key (HTML)", outputs
    )
)
