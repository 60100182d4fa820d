"""Helpers for the Anki tests: a learner's collection, imports, answers and a small test deck.

Everything here drives the real ``anki`` package (the backend of Anki itself), never a mock.
"""

from __future__ import annotations

import html
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import genanki
import yaml
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from quizgen.generate import generate_deck
from quizgen.model import Question
from quizgen.pipeline import load_and_check

ANKI_KINDS = ("recall", "typed", "cloze")  # what the issues say goes to Anki
TEMPLATE_ERROR = "template has a problem"  # what Anki renders for a broken card template

FIRST_NAMES = [
    "Amina", "Bako", "Chidi", "Dalia", "Emeka", "Fatou", "Garba", "Hawa", "Idris", "Jamila",
    "Kofi", "Lami", "Musa", "Nana", "Oumar", "Rabi", "Sani", "Tunde", "Usman", "Yaro",
    "Zainab", "Adamu", "Binta", "Danjuma",
]  # fmt: skip
PLACES = [
    "Agadez", "Birni", "Dosso", "Filingue", "Gaya", "Illela", "Keita", "Madaoua", "Niamey", "Ouallam",
    "Tahoua", "Tera", "Tillaberi", "Zinder", "Maradi", "Diffa", "Arlit", "Bilma", "Dakoro", "Mirriah",
    "Tessaoua", "Gouré", "Kollo", "Say",
]  # fmt: skip
TOWN_ARTICLE = "2024-03-01-town-councils.md"


def town_actor(index: int) -> dict:
    """The index-th actor of the test article: a distinct name, role and verbatim evidence."""
    name = f"{FIRST_NAMES[index]} Moussa-{index:02d}"
    role = f"the treasurer of the {PLACES[index]} council"
    return {
        "id": f"actor-{index:02d}",
        "type": "actor",
        "name": name,
        "kind": "person",
        "role": role,
        "evidence": f"{name} serves as {role}.",
    }


def write_town_deck(root: Path, count: int = 8) -> Path:
    """A deck 'town' whose article states 24 actors and whose sheet holds the first ``count``."""
    sentences = " ".join(town_actor(i)["evidence"] for i in range(len(FIRST_NAMES)))
    (root / "source_articles" / TOWN_ARTICLE).write_text(
        '---\ntitle: "Who runs the town councils"\npublished: 2024-03-01\nsource: "quizgen test"\n---\n'
        f"{sentences}\n",
        encoding="utf-8",
    )
    deck_dir = root / "decks" / "town"
    deck_dir.mkdir(parents=True, exist_ok=True)
    (deck_dir / "deck.yaml").write_text(
        'name: "Tests::Town councils"\ndescription: "Who is who <on> the councils & why"\n'
        'quiz_title: "Town councils"\n',
        encoding="utf-8",
    )
    write_facts(deck_dir / "councils.yaml", [town_actor(i) for i in range(count)])
    return deck_dir


def write_facts(sheet: Path, facts: list[dict]) -> None:
    data = {"version": 1, "article": TOWN_ARTICLE, "facts": facts}
    sheet.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def read_facts(sheet: Path) -> list[dict]:
    return yaml.safe_load(sheet.read_text(encoding="utf-8"))["facts"]


def anki_questions(deck_dir: Path) -> list[Question]:
    """The questions the sheet gives that go to Anki, computed apart from the exporter: no recall
    question that a typed question of the same fact asks word for word."""
    result = load_and_check(deck_dir)
    assert result.deck is not None and not result.errors, [str(p) for p in result.errors]
    questions = generate_deck(result.deck).questions
    typed = [(q.fact_id, q.prompt) for q in questions if q.kind == "typed"]
    return [
        q
        for q in questions
        if q.kind in ANKI_KINDS and not (q.kind == "recall" and (q.fact_id, q.prompt) in typed)
    ]


def guid(question: Question) -> str:
    """The documented identity of a question's note: deck folder, fact id, form."""
    return genanki.guid_for(question.deck, question.fact_id, question.form)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def expected_fields(question: Question) -> dict[str, str]:
    """The fields (as stored) that a question's note must show after an import: a card read
    alone shows its context and stamp (the lead) before the question."""
    lead = f'<div class="lead">{esc(question.lead)}</div>' if question.lead else ""
    if question.kind == "cloze":
        c = question.cloze
        assert c is not None
        return {"Text": f"{lead}{esc(c.before)}{{{{c1::{esc(c.gap)}}}}}{esc(c.after)}"}
    if question.kind == "typed":  # its Question field adds a format hint after the prompt
        return {"Answer": esc(question.answer)}
    return {"Question": lead + esc(question.prompt), "Answer": esc(question.answer)}


@dataclass
class Learner:
    """A learner's Anki collection in a folder of its own."""

    col: Collection

    @classmethod
    def create(cls, folder: Path) -> Learner:
        folder.mkdir(parents=True, exist_ok=True)
        return cls(Collection(str(folder / "collection.anki2")))

    def import_package(self, package: Path, **options):
        """Import as Anki's import dialog does (default options unless given); returns the log."""
        request = ImportAnkiPackageRequest(
            package_path=os.fspath(package), options=ImportAnkiPackageOptions(**options)
        )
        return self.col.import_anki_package(request).log

    def reopen(self) -> None:
        """Close and open again: Anki caches note types across an import."""
        path = self.col.path
        self.col.close()
        self.col = Collection(path)

    def notes_by_guid(self) -> dict:
        notes = [self.col.get_note(nid) for nid in self.col.find_notes("")]
        return {note.guid: note for note in notes}

    def answer(self, card_id: int, ease: int = 4) -> None:
        """Answer a card as the reviewer does (4 = Easy), wherever it is in the queue."""
        card = self.col.get_card(card_id)
        card.start_timer()
        self.col.sched.answerCard(card, ease)  # type: ignore[arg-type]

    def schedule(self, card_id: int) -> tuple:
        """Everything review history and scheduling consist of for one card."""
        card = self.col.get_card(card_id)
        revlog = self.col.db.list("select id from revlog where cid = ? order by id", card_id)
        return (
            card.nid,
            card.type,
            card.queue,
            card.due,
            card.ivl,
            card.factor,
            card.reps,
            card.lapses,
            revlog,
        )

    def note_type_names(self) -> list[str]:
        return sorted(m.name for m in self.col.models.all_names_and_ids())

    def deck_of(self, card_id: int) -> str:
        return self.col.decks.name(self.col.get_card(card_id).did)


def png(colour: int) -> bytes:
    """A real 1x1 PNG of one grey level."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes([0, colour])))
