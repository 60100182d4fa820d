"""The study sheet: one printed page per article, summarising its facts."""

from __future__ import annotations

from pathlib import Path

from quizgen.export import study_sheet
from quizgen.export.registry import ExportJob, Output, SimpleFormat, register, text_writer


def outputs(job: ExportJob) -> list[Output]:
    name = study_sheet.study_sheet_name(job.deck)
    return [
        Output(Path(name), text_writer(study_sheet.render_study_sheet(job.deck, job.quiz.settings.paper)))
    ]


FORMAT = register(SimpleFormat("study", "a study sheet of each article's facts (HTML)", outputs))
