"""Plan an Anki export: which notes and note types ship, and each one's modification time.

A note's (and a note type's) time moves forward exactly when its content hash changes, so that
re-importing updates what changed and leaves everything else, learners' edits included.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from quizgen.export.anki_notes import (
    ANKI_KINDS,
    anki_questions,
    content_hash,
    file_digest,
    note_guid,
    question_note,
    retired_note,
)
from quizgen.export.anki_notetypes import NoteType, note_types_path, shipped_note_types
from quizgen.export.anki_state import ACTIVE, RETIRED, NoteRecord, NoteTypeRecord, State
from quizgen.model import Deck, InputError, Location, Problem, Question


@dataclass(frozen=True)
class AnkiBuild:
    """What an Anki export decided: the notes and note types to ship, and the new state."""

    records: dict[str, NoteRecord]  # notes by GUID, active and retired
    note_types: dict[str, NoteTypeRecord]
    types: dict[str, NoteType]
    media: tuple[tuple[str, Path], ...]  # (base name, file), sorted by name
    changed: tuple[str, ...]  # question ids whose notes are new or changed
    retired: tuple[str, ...]  # question ids of notes retired by this build
    messages: tuple[str, ...] = ()  # what the maintainer must know (renames, note types)


def now_epoch() -> int:
    """The time stamped on changed notes: SOURCE_DATE_EPOCH when set, else the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else int(time.time())


def _later(now: int, old_mod: int) -> int:
    """A new modification time, strictly after the old one even within the same second."""
    return max(now, old_mod + 1)


def _plan_note_types(
    types: dict[str, NoteType], state: State, now: int
) -> tuple[dict[str, NoteTypeRecord], list[str]]:
    records: dict[str, NoteTypeRecord] = {}
    messages: list[str] = []
    problems: list[Problem] = []
    where = Location(note_types_path())
    for key, nt in sorted(types.items()):
        old = state.note_types.get(key)
        mod = now
        if old is not None and old.version == nt.version and old.schema != nt.schema:
            problems.append(
                Problem(
                    where,
                    f"note type '{key}' v{nt.version} changed its fields or templates "
                    f"('{old.schema}' → '{nt.schema}'); Anki would make a conflicting copy and stop "
                    f"updating the notes: give it version {nt.version + 1} (see docs/anki-updates.md)",
                )
            )
            continue
        if old is not None and old.version > nt.version:
            problems.append(
                Problem(
                    where,
                    f"note type '{key}' is v{nt.version} but this deck already shipped v{old.version}; "
                    "a build with an older quizgen would conflict in learners' collections",
                )
            )
            continue
        if old is not None and old.version < nt.version:
            mod = _later(now, old.mod)
            messages.append(
                f"warning: note type '{key}' moves from v{old.version} to v{nt.version}: learners must "
                "import this build once with 'Merge note types' ticked, or their existing notes stop "
                "updating (docs/anki-updates.md)"
            )
        elif old is not None:
            mod = old.mod if old.hash == nt.content_hash else _later(now, old.mod)
        records[key] = NoteTypeRecord(key, mod, nt.content_hash, nt.version, nt.schema)
    if problems:
        raise InputError(problems)
    return records, messages


def _image(question: Question, media: dict[str, tuple[Path, str]]) -> tuple[str, str] | None:
    """The question's image as (base name, digest), recorded in ``media``; clashes are errors."""
    path = question.image
    if path is None:
        return None
    name = path.name
    digest = file_digest(path)
    known = media.get(name)
    if known is not None and known[1] != digest:
        raise InputError(
            [Problem(Location(path), f"two different images are named '{name}' in one deck: rename one")]
        )
    media[name] = (path, digest)
    return name, digest


def _rename_message(old_names: set[str], new: str) -> list[str]:
    return [
        f"warning: the deck's Anki name changed from '{old}' to '{new}'. Anki matches decks by name: "
        f"in a learner's collection the cards already imported stay in '{old}' and new cards go to "
        f"a new deck '{new}'. Tell learners to rename '{old}' to '{new}' in Anki before importing "
        "(or to move the cards afterwards with Browse → Change Deck)."
        for old in sorted(old_names)
    ]


def plan_notes(
    deck: Deck,
    questions: tuple[Question, ...],
    state: State,
    now: int,
    types: dict[str, NoteType] | None = None,
    kinds: tuple[str, ...] = ANKI_KINDS,
) -> AnkiBuild:
    """Give every note its modification time: unchanged notes keep theirs, changed ones move on.

    Only questions of ``kinds`` become notes; ``types`` defaults to the shipped note types.
    """
    types = types if types is not None else shipped_note_types()
    type_records, messages = _plan_note_types(types, state, now)
    name = deck.settings.name
    records: dict[str, NoteRecord] = {}
    media: dict[str, tuple[Path, str]] = {}
    changed = []
    kind_changes: list[Problem] = []
    for question in anki_questions(questions, kinds):
        guid = note_guid(question)
        if guid in records:
            continue
        note = question_note(question, name, _image(question, media))
        digest = content_hash(note)
        old = state.notes.get(guid)
        if old is not None and old.note.get("model") != note["model"]:
            kind_changes.append(
                Problem(
                    Location(deck.settings.path),
                    f"{question.id} was a {old.note.get('model')} note and would now be a {note['model']} "
                    "note: Anki would report it as conflicting and never update it again; give the form "
                    "a new name in the question templates instead (its old notes are then retired)",
                )
            )
        if old is not None and old.hash == digest and old.status == ACTIVE:
            records[guid] = NoteRecord(guid, old.mod, digest, question.id, ACTIVE, note)
            continue
        mod = now if old is None else _later(now, old.mod)
        records[guid] = NoteRecord(guid, mod, digest, question.id, ACTIVE, note)
        changed.append(question.id)
    if kind_changes:
        raise InputError(kind_changes)
    renamed = {r.note.get("deck", name) for r in state.notes.values() if r.status == ACTIVE} - {name}
    retired = []
    for guid, old in sorted(state.notes.items(), key=lambda item: item[1].question_id):
        if guid in records:
            continue
        if old.status == RETIRED:
            records[guid] = old
            continue
        note = retired_note(old.note)
        records[guid] = NoteRecord(
            guid, _later(now, old.mod), content_hash(note), old.question_id, RETIRED, note
        )
        retired.append(old.question_id)
    return AnkiBuild(
        records,
        type_records,
        types,
        tuple((n, media[n][0]) for n in sorted(media)),
        tuple(changed),
        tuple(retired),
        tuple(messages + _rename_message(renamed, name)),
    )
