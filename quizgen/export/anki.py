"""Stage 4, export to Anki: one reproducible ``.apkg`` per deck, safe to re-import forever.

Identities never depend on wording: a note's GUID comes from (deck folder, fact id, form);
deck and note-type ids are fixed numbers hashed from fixed names. Each note's and note type's
modification time comes from the deck's state file and moves only when its content changes,
so that re-importing updates exactly what changed (see docs/anki-updates.md).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki

from quizgen.export.anki_notes import (
    ANKI_KINDS,
    RETIRED_SUBDECK,
    RETIRED_TAG,
    anki_questions,
    content_hash,
    file_digest,
    note_guid,
    question_note,
    retired_note,
)
from quizgen.export.anki_notetypes import NoteType, note_types_path, shipped_note_types, stable_id
from quizgen.export.anki_state import ACTIVE, RETIRED, NoteRecord, NoteTypeRecord, State, format_state
from quizgen.model import Deck, InputError, Location, Problem, Question

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

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NOTE_ID_BASE = 10**12  # note ids are milliseconds: keep them in the past (2001 to 2017)
NOTE_ID_SLOTS = 5 * 10**9


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


class _TimedNote(genanki.Note):
    """A note with its own modification time and a stable id, whatever the package time."""

    def __init__(self, mod: int, note_id: int, **kwargs):
        super().__init__(**kwargs)
        self.mod = mod
        self.note_id = note_id

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):  # type: ignore[override]
        # The note takes ``note_id``; its cards take the ids just after it.
        super().write_to_db(cursor, self.mod, deck_id, itertools.count(self.note_id, 1))


def _note_id(guid: str) -> int:
    digest = int(hashlib.sha256(guid.encode("utf-8")).hexdigest()[:12], 16)
    return NOTE_ID_BASE + (digest % NOTE_ID_SLOTS) * 100  # room for the note's cards' ids


def deck_id(deck_key: str, subdeck: str = "") -> int:
    return stable_id(f"quizgen deck {deck_key}/{subdeck}")


def _package(deck: Deck, build: AnkiBuild) -> genanki.Package:
    models = {key: nt.model(build.note_types[key].mod) for key, nt in build.types.items()}
    name = deck.settings.name
    retired_name = f"{name}::{RETIRED_SUBDECK}"
    decks = {
        name: genanki.Deck(deck_id(deck.settings.key), name, html.escape(deck.settings.description)),
        retired_name: genanki.Deck(
            deck_id(deck.settings.key, RETIRED_SUBDECK),
            retired_name,
            f"Notes of facts removed from this deck. Find them with the search tag:{RETIRED_TAG}",
        ),
    }
    for record in sorted(build.records.values(), key=lambda r: (r.status, r.question_id, r.guid)):
        nt = build.types.get(record.note["model"])
        if nt is None:
            continue  # a note type no longer shipped; its notes stay as learners have them
        fields = [record.note["fields"].get(field, "") for field in nt.fields]
        target = decks[name if record.status == ACTIVE else retired_name]
        target.add_note(
            _TimedNote(
                record.mod,
                _note_id(record.guid),
                model=models[nt.key],
                fields=fields,
                tags=record.note["tags"],
                guid=record.guid,
            )
        )
    return genanki.Package([d for _, d in sorted(decks.items()) if d.notes])


def write_apkg(deck: Deck, build: AnkiBuild, target: Path) -> None:
    """Write the package to ``target`` byte-reproducibly (fixed times and order)."""
    package = _package(deck, build)
    timestamp = max((r.mod for r in build.records.values()), default=0)
    media_map = {str(i): media_name for i, (media_name, _) in enumerate(build.media)}
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
        conn.commit()
        conn.close()
        entries = [
            ("collection.anki2", db_path.read_bytes()),
            ("media", json.dumps(media_map, ensure_ascii=False, separators=(",", ":")).encode("utf-8")),
        ]
        entries += [(str(i), path.read_bytes()) for i, (_, path) in enumerate(build.media)]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry_name, data in entries:
                info = zipfile.ZipInfo(entry_name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)


def state_text(build: AnkiBuild) -> str:
    """The deck's new state file."""
    return format_state(State(build.records, build.note_types))
