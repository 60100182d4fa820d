"""The Anki state file kept beside each deck: per-note content hash and modification time.

Anki updates a note on re-import only when the incoming modification time is newer than its
own. Moving a note's time forward exactly when its content changes updates corrected facts
and keeps a learner's edits to every other note. The same holds for note types (card HTML and
styling). The file is sorted tab-separated text, one record a line, so that it diffs well:

    notetype:<key> <TAB> mod <TAB> hash <TAB> version <TAB> schema
    guid <TAB> mod <TAB> hash <TAB> question id <TAB> status <TAB> note JSON

Note types come first, then notes sorted by question id. The note JSON (note type, fields by
name, tags, deck name, media digests) lets a build ship a removed fact's note once more, marked
retired, and notice a renamed deck.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from quizgen.model import InputError, Location, Problem

STATE_FILE = "anki-state.tsv"
HEADER = (
    "# quizgen anki state v1: note types (notetype:key, mod, hash, version, schema), then notes "
    "(guid, mod, hash, question id, status, note JSON). Commit this file."
)
ACTIVE = "active"
RETIRED = "retired"
NOTETYPE_PREFIX = "notetype:"  # longer than any genanki GUID (at most 10 characters)


@dataclass(frozen=True)
class NoteRecord:
    guid: str
    mod: int
    hash: str
    question_id: str
    status: str
    note: dict  # {"model", "fields": {name: html}, "tags", "deck", "media": {name: digest}}

    def line(self) -> str:
        note = json.dumps(self.note, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return "\t".join([self.guid, str(self.mod), self.hash, self.question_id, self.status, note])


@dataclass(frozen=True)
class NoteTypeRecord:
    key: str
    mod: int
    hash: str
    version: int
    schema: str

    def line(self) -> str:
        return "\t".join(
            [f"{NOTETYPE_PREFIX}{self.key}", str(self.mod), self.hash, str(self.version), self.schema]
        )


@dataclass(frozen=True)
class State:
    """A deck's state file: what earlier builds shipped, and when each thing last changed."""

    notes: dict[str, NoteRecord]  # by GUID
    note_types: dict[str, NoteTypeRecord]  # by key
    exists: bool = True

    def __bool__(self) -> bool:
        return bool(self.notes or self.note_types)


def _parse_line(line: str) -> NoteRecord | NoteTypeRecord:
    parts = line.split("\t")
    if parts[0].startswith(NOTETYPE_PREFIX):
        if len(parts) != 5:
            raise ValueError(f"a note type line has 5 columns, found {len(parts)}")
        key, mod, digest, version, schema = parts
        return NoteTypeRecord(key[len(NOTETYPE_PREFIX) :], int(mod), digest, int(version), schema)
    if len(parts) != 6:
        raise ValueError(f"a note line has 6 columns, found {len(parts)}")
    guid, mod, digest, qid, status, note = parts
    if status not in (ACTIVE, RETIRED):
        raise ValueError(f"unknown status '{status}'")
    data = json.loads(note)
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ValueError("the note JSON must be an object with 'fields' by name")
    return NoteRecord(guid, int(mod), digest, qid, status, data)


def read_state(path: Path) -> State:
    """The state in ``path``; an absent file is an empty state. Bad lines raise InputError."""
    if not path.exists():
        return State({}, {}, exists=False)
    notes: dict[str, NoteRecord] = {}
    note_types: dict[str, NoteTypeRecord] = {}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            record = _parse_line(line)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            problems.append(
                Problem(
                    Location(path, number),
                    f"damaged state line ({exc}); restore it from version control or delete the "
                    "file (notes then all count as changed)",
                )
            )
            continue
        if isinstance(record, NoteTypeRecord):
            note_types[record.key] = record
        else:
            notes[record.guid] = record
    if problems:
        raise InputError(problems)
    return State(notes, note_types)


def format_state(state: State) -> str:
    """The file text: header, note types by key, then notes by question id."""
    lines = [state.note_types[key].line() for key in sorted(state.note_types)]
    notes = sorted(state.notes.values(), key=lambda r: (r.question_id, r.guid))
    return "\n".join([HEADER, *lines, *(r.line() for r in notes)]) + "\n"
