"""Anki: one reproducible .apkg per deck, and the deck's state file (written last)."""

from __future__ import annotations

from pathlib import Path

from quizgen.export import anki
from quizgen.export.anki_state import STATE_FILE
from quizgen.export.registry import ExportJob, Output, SimpleFormat, register, text_writer


def outputs(job: ExportJob) -> list[Output]:
    plan, deck = job.anki, job.deck
    if plan is None:
        return []
    return [
        Output(Path(f"{deck.settings.key}.apkg"), lambda tmp: anki.write_apkg(deck, plan, tmp)),
        Output(Path(STATE_FILE), text_writer(anki.state_text(plan)), last=True, folder=job.deck_dir),
    ]


FORMAT = register(SimpleFormat("anki", "an Anki package (.apkg) that updates in place on re-import", outputs))
