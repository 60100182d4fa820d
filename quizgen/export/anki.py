"""Stage 4, export to Anki: one reproducible ``.apkg`` per deck, safe to re-import forever.

Identities never depend on wording: a note's GUID comes from (deck folder, fact id, form);
deck and note-type ids are fixed numbers hashed from fixed names. Each note's and note type's
modification time comes from the deck's state file and moves only when its content changes,
so that re-importing updates exactly what changed (see docs/anki-updates.md).

- ``anki_notes``: a question's note (escaped fields, tags, media); ``anki_notetypes``: the note
  types (data in templates/anki); ``anki_state``: the state file; ``anki_plan``: what ships and
  when it last changed; ``anki_package``: the ``.apkg`` itself.
"""

from __future__ import annotations

from quizgen.export.anki_notes import ANKI_KINDS, RETIRED_SUBDECK, RETIRED_TAG, anki_questions
from quizgen.export.anki_package import write_apkg
from quizgen.export.anki_plan import AnkiBuild, now_epoch, plan_notes
from quizgen.export.anki_state import State, format_state

__all__ = [
    "ANKI_KINDS",
    "RETIRED_SUBDECK",
    "RETIRED_TAG",
    "AnkiBuild",
    "anki_questions",
    "now_epoch",
    "plan_notes",
    "state_text",
    "write_apkg",
]


def state_text(build: AnkiBuild) -> str:
    """The deck's new state file."""
    return format_state(State(build.records, build.note_types))
