"""The Anki state file kept beside each deck: per-note content hash and modification time.

Anki updates a note on re-import only when the incoming modification time is newer than its
own. Moving a note's time forward exactly when its content changes updates corrected facts
and keeps a learner's edits to every other note. The same holds for note types (card HTML and
styling). The file is sorted tab-separated text, one record a line, so that it diffs well:

    notetype:<key> <TAB> mod <TAB> hash <TAB> version <TAB> schema
    note:<guid> <TAB> mod <TAB> hash <TAB> question id <TAB> status <TAB> note JSON

Note types come first, then notes sorted by question id. Every record line starts with its
kind, so that no GUID (base 91, which has '#') can pass for a comment: version 1 wrote the
GUID first and skipped lines starting with '#', losing such notes. Version-1 files are still
read (every line but the header is a record there) and are written back as version 2.

The note JSON (note type, fields by name, tags, deck name, media digests) lets a build ship a
removed fact's note once more, marked retired, and notice a renamed deck.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from quizgen.files import read_regular
from quizgen.model import InputError, Location, Problem

STATE_FILE = "anki-state.tsv"
MAX_STATE_BYTES = 64 * 1000 * 1000  # some 30,000 notes; only a regular file is read
VERSION = 2
HEADER_PREFIX = "# quizgen anki state v"
HEADER = (
    f"{HEADER_PREFIX}{VERSION}: note types (notetype:key, mod, hash, version, schema), then notes "
    "(note:guid, mod, hash, question id, status, note JSON). Commit this file."
)
ACTIVE = "active"
RETIRED = "retired"
NOTETYPE_PREFIX = "notetype:"
NOTE_PREFIX = "note:"


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
        fields = [f"{NOTE_PREFIX}{self.guid}", str(self.mod), self.hash, self.question_id, self.status, note]
        return "\t".join(fields)


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


def _whole_number(text: str, what: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"{what} '{text}' is not a whole number")
    return int(text)


def _text_map(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _is_tag(value: object) -> bool:
    return isinstance(value, str) and bool(value) and not any(c.isspace() for c in value)


def _check_note(data: object) -> dict:
    """The note JSON, checked for every key and type that later builds rely on."""
    if not isinstance(data, dict):
        raise ValueError("the note JSON must be an object")
    for key in ("model", "fields", "tags"):
        if key not in data:
            raise ValueError(f"the note JSON has no '{key}'")
    if not isinstance(data["model"], str) or not data["model"]:
        raise ValueError("'model' must name a note type")
    if not _text_map(data["fields"]):
        raise ValueError("'fields' must map field names to text")
    if not isinstance(data["tags"], list) or not all(_is_tag(t) for t in data["tags"]):
        raise ValueError("'tags' must be a list of tags without spaces")
    if "deck" in data and not isinstance(data["deck"], str):
        raise ValueError("'deck' must be a deck name")
    if "media" in data and not _text_map(data["media"]):
        raise ValueError("'media' must map file names to digests")
    return data


def _parse_line(line: str, version: int) -> NoteRecord | NoteTypeRecord:
    parts = line.split("\t")
    if parts[0].startswith(NOTETYPE_PREFIX):
        if len(parts) != 5:
            raise ValueError(f"a note type line has 5 columns, found {len(parts)}")
        key, mod, digest, version, schema = parts
        key = key[len(NOTETYPE_PREFIX) :]
        if not key or not digest or not schema:
            raise ValueError("a note type line needs a key, a hash and a schema")
        return NoteTypeRecord(
            key, _whole_number(mod, "mod"), digest, _whole_number(version, "version"), schema
        )
    if len(parts) != 6:
        raise ValueError(f"a note line has 6 columns, found {len(parts)}")
    guid, mod, digest, qid, status, note = parts
    if version >= 2:
        if not guid.startswith(NOTE_PREFIX):
            raise ValueError(f"a record starts with '{NOTE_PREFIX}' or '{NOTETYPE_PREFIX}'")
        guid = guid[len(NOTE_PREFIX) :]
    if not guid or not digest or not qid:
        raise ValueError("a note line needs a GUID, a hash and a question id")
    if status not in (ACTIVE, RETIRED):
        raise ValueError(f"unknown status '{status}'")
    try:
        data = json.loads(note)
    except ValueError as exc:  # json.JSONDecodeError
        raise ValueError(f"the note JSON is not valid JSON: {exc}") from exc
    return NoteRecord(guid, _whole_number(mod, "mod"), digest, qid, status, _check_note(data))


def _damaged(path: Path, number: int, reason: str) -> Problem:
    return Problem(
        Location(path, number),
        f"damaged state line ({reason}); restore it from version control or delete the "
        "file (notes then all count as changed)",
    )


def read_state(path: Path) -> State:
    """The state in ``path``; an absent file is an empty state.

    An unreadable file or any damaged line raises InputError (at the file, or at the line).
    """
    if not path.exists() and not path.is_symlink():
        return State({}, {}, exists=False)
    fix = "restore it from version control, or delete it (notes then all count as changed)"
    data = read_regular(path, MAX_STATE_BYTES, fix)
    notes: dict[str, NoteRecord] = {}
    note_types: dict[str, NoteTypeRecord] = {}
    problems = []
    # Split on newlines only: str.splitlines() would also split inside JSON text at U+2028 and kin.
    raw_lines = data.split(b"\n")
    version = _file_version(path, raw_lines[0])
    for number, raw in enumerate(raw_lines, start=1):
        try:
            line = raw.decode("utf-8").removesuffix("\r")
        except UnicodeDecodeError:
            problems.append(_damaged(path, number, "not UTF-8 text"))
            continue
        if not line.strip() or _is_comment(line, number, version):
            continue
        try:
            record = _parse_line(line, version)
        except ValueError as exc:
            problems.append(_damaged(path, number, str(exc)))
            continue
        if isinstance(record, NoteTypeRecord):
            note_types[record.key] = record
        else:
            notes[record.guid] = record
    if problems:
        raise InputError(problems)
    return State(notes, note_types)


def _file_version(path: Path, first: bytes) -> int:
    """The format version its header names; a file without one is read as version 1."""
    match = re.match(rb"# quizgen anki state v(\d+)\b", first)
    if match is None:
        return 1
    version = int(match.group(1))
    if version > VERSION:
        raise InputError(
            [
                Problem(
                    Location(path, 1),
                    f"this state file is version {version}, written by a newer quizgen; "
                    f"this one reads up to version {VERSION}: upgrade quizgen",
                )
            ]
        )
    return version


def _is_comment(line: str, number: int, version: int) -> bool:
    """Version 2: '#' starts a comment, as no record does. Version 1 wrote its header as the
    only comment, and GUIDs first: there a line starting with '#' that holds a tab is a note."""
    if not line.startswith("#"):
        return False
    return version >= 2 or number == 1 or "\t" not in line


def format_state(state: State) -> str:
    """The file text: header, note types by key, then notes by question id."""
    lines = [state.note_types[key].line() for key in sorted(state.note_types)]
    notes = sorted(state.notes.values(), key=lambda r: (r.question_id, r.guid))
    return "\n".join([HEADER, *lines, *(r.line() for r in notes)]) + "\n"
