"""Write an Anki export as a byte-reproducible ``.apkg``: fixed ids, times and order."""

from __future__ import annotations

import errno
import hashlib
import html
import itertools
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

from quizgen.export.anki_notes import RETIRED_SUBDECK, RETIRED_TAG
from quizgen.export.anki_notetypes import stable_id
from quizgen.export.anki_plan import AnkiBuild
from quizgen.export.anki_state import ACTIVE
from quizgen.model import Deck

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NOTE_ID_BASE = 10**12  # note ids are milliseconds: keep them in the past (2001 to 2017)
NOTE_ID_SLOTS = 5 * 10**9


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
        try:
            conn = sqlite3.connect(db_path)
            try:
                # A scratch file, zipped then deleted: no journal, and no waiting for the disk after
                # each statement of the schema (most of a one-sheet deck's build). Same bytes.
                conn.execute("PRAGMA journal_mode = OFF")
                conn.execute("PRAGMA synchronous = OFF")
                package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
                conn.commit()
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:  # a full disk, a file-size limit, an I/O error
            raise OSError(
                errno.EIO,
                f"the Anki collection could not be written in the temporary folder {tmp} (SQLite: {exc}): "
                "the disk may be full, or a file-size limit (ulimit -f) reached; free some space there, "
                "or set TMPDIR to a folder on a disk with room",
            ) from exc
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
