"""Stage 4, export to Anki: one reproducible ``.apkg`` per deck, safe to re-import forever.

Identities never depend on wording: a note's GUID comes from (deck folder, fact id, form);
deck and note-type ids are fixed numbers hashed from fixed names. Each note's modification
time comes from the deck's state file and moves only when that note's content changes.
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
from importlib import resources
from pathlib import Path

import genanki

from quizgen.export.anki_state import ACTIVE, RETIRED, NoteRecord, format_state
from quizgen.model import Deck, Question

RETIRED_TAG = "quizgen::retired"
RETIRED_SUBDECK = "Retired"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_id(name: str) -> int:
    """A fixed 2^30..2^31 id from a name, the range genanki recommends for deck/model ids."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def _card_template(name: str) -> str:
    return resources.files("quizgen").joinpath(f"templates/anki/{name}").read_text("utf-8")


def recall_model() -> genanki.Model:
    """Front/back note type. Its id, field and template names must never change (see docs)."""
    return genanki.Model(
        stable_id("quizgen recall note type v1"),
        "quizgen recall (v1)",
        fields=[{"name": n} for n in ("Question", "Answer", "Evidence", "Source")],
        templates=[
            {
                "name": "Recall",
                "qfmt": _card_template("recall-front.html"),
                "afmt": _card_template("recall-back.html"),
            }
        ],
        css=_card_template("cards.css"),
        sort_field_index=0,
    )


def cloze_model() -> genanki.Model:
    """Cloze note type. Its id, field and template names must never change (see docs)."""
    return genanki.Model(
        stable_id("quizgen cloze note type v1"),
        "quizgen cloze (v1)",
        fields=[{"name": n} for n in ("Text", "Source")],
        templates=[
            {
                "name": "Cloze",
                "qfmt": _card_template("cloze-front.html"),
                "afmt": _card_template("cloze-back.html"),
            }
        ],
        css=_card_template("cards.css"),
        model_type=genanki.Model.CLOZE,
    )


ANKI_KINDS = ("recall", "cloze")


def anki_questions(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """The questions that become Anki notes: recall and cloze (other kinds are for print)."""
    return tuple(q for q in questions if q.kind in ANKI_KINDS)


def note_guid(question: Question) -> str:
    return genanki.guid_for(question.deck, question.fact_id, question.form)


def deck_id(deck_key: str, subdeck: str = "") -> int:
    return stable_id(f"quizgen deck {deck_key}/{subdeck}")


def _escape(text: str) -> str:
    """HTML-escape field text; braces too, so that text never becomes template or cloze syntax."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def source_line(question: Question) -> str:
    src = question.source
    return f"Source: {src.title} ({src.published.text()})"


def question_note(question: Question, deck_name: str) -> dict:
    """The note content for a question: note type, escaped fields, tags."""
    tags = ["quizgen", f"quizgen::type::{question.tags[0]}", f"quizgen::deck::{question.deck}"]
    tags += [t.replace(" ", "_") for t in question.tags[1:]]
    source = _escape(source_line(question))
    if question.cloze is not None:
        c = question.cloze
        text = f"{_escape(c.before)}{{{{c1::{_escape(c.gap)}}}}}{_escape(c.after)}"
        fields = [text, source]
        model = "cloze"
    else:
        fields = [_escape(question.prompt), _escape(question.answer), _escape(question.evidence), source]
        model = "recall"
    return {"model": model, "fields": fields, "tags": sorted(set(tags)), "deck": deck_name}


def content_hash(note: dict) -> str:
    data = json.dumps(note, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class AnkiBuild:
    """What an Anki export decided: the notes to ship and the new state."""

    records: dict[str, NoteRecord]
    changed: tuple[str, ...]  # question ids whose notes are new or changed
    retired: tuple[str, ...]  # question ids of notes retired by this build


def now_epoch() -> int:
    """The time stamped on changed notes: SOURCE_DATE_EPOCH when set, else the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else int(time.time())


def plan_notes(
    deck: Deck, questions: tuple[Question, ...], state: dict[str, NoteRecord], now: int
) -> AnkiBuild:
    """Give every note its modification time: unchanged notes keep theirs, changed ones move on."""
    records: dict[str, NoteRecord] = {}
    changed = []
    for question in questions:
        guid = note_guid(question)
        note = question_note(question, deck.settings.name)
        digest = content_hash(note)
        old = state.get(guid)
        if old is not None and old.hash == digest and old.status == ACTIVE:
            records[guid] = old
            continue
        mod = now if old is None else max(now, old.mod + 1)
        records[guid] = NoteRecord(guid, mod, digest, question.id, ACTIVE, note)
        changed.append(question.id)
    retired = []
    for guid, old in sorted(state.items()):
        if guid in records:
            continue
        if old.status == RETIRED:
            records[guid] = old
        else:
            note = _retired_note(old.note, deck.settings.name)
            mod = max(now, old.mod + 1)
            records[guid] = NoteRecord(guid, mod, content_hash(note), old.question_id, RETIRED, note)
            retired.append(old.question_id)
    return AnkiBuild(records, tuple(changed), tuple(retired))


def _retired_note(note: dict, deck_name: str) -> dict:
    tags = sorted({*note["tags"], RETIRED_TAG})
    return {**note, "tags": tags, "deck": f"{deck_name}::{RETIRED_SUBDECK}"}


class _TimedNote(genanki.Note):
    """A note with its own modification time and a stable id, whatever the package time."""

    def __init__(self, mod: int, note_id: int, **kwargs):
        super().__init__(**kwargs)
        self.mod = mod
        self.note_id = note_id

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):  # type: ignore[override]
        super().write_to_db(cursor, self.mod, deck_id, itertools.count(self.note_id, 1))


def _package(deck: Deck, build: AnkiBuild) -> genanki.Package:
    models = {"recall": recall_model(), "cloze": cloze_model()}
    decks: dict[str, genanki.Deck] = {}
    for guid, record in sorted(build.records.items()):
        name = record.note["deck"]
        if name not in decks:
            sub = RETIRED_SUBDECK if name.endswith(f"::{RETIRED_SUBDECK}") else ""
            description = deck.settings.description if not sub else "Notes of removed facts."
            decks[name] = genanki.Deck(deck_id(deck.settings.key, sub), name, description)
        note_id = 10**12 + int(hashlib.sha256(guid.encode()).hexdigest()[:10], 16) % 10**12
        note_id -= note_id % 100  # leave room for the note's cards' ids
        decks[name].add_note(
            _TimedNote(
                record.mod,
                note_id,
                model=models[record.note["model"]],
                fields=record.note["fields"],
                tags=record.note["tags"],
                guid=guid,
            )
        )
    return genanki.Package([decks[n] for n in sorted(decks)])


def write_apkg(deck: Deck, build: AnkiBuild, target: Path) -> None:
    """Write the package to ``target`` byte-reproducibly (fixed times and order)."""
    package = _package(deck, build)
    timestamp = max((r.mod for r in build.records.values()), default=0)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
        conn.commit()
        conn.close()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in (("collection.anki2", db_path.read_bytes()), ("media", b"{}")):
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)


def state_text(build: AnkiBuild) -> str:
    return format_state(build.records)
