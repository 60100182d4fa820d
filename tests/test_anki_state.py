"""The Anki state file: no GUID can pass for a comment, and version-1 files still read.

genanki GUIDs are base 91, so about one in 91 starts with '#'. Version 1 of the file skipped
every line starting with '#', losing such notes (issue 16, S2).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import genanki
import pytest
from genanki.util import BASE91_TABLE

from quizgen.export.anki_state import (
    HEADER,
    NoteRecord,
    NoteTypeRecord,
    State,
    format_state,
    read_state,
)
from tests.anki_support import Learner
from tests.conftest import SEED_DECK, SEED_SHEET

V1_HEADER = (
    "# quizgen anki state v1: note types (notetype:key, mod, hash, version, schema), then notes "
    "(guid, mod, hash, question id, status, note JSON). Commit this file."
)
HASH_FACT_ID = "coup-removed-bazoum-c1528"  # its why note's GUID starts with '#'
NOTE = {"model": "recall", "fields": {"Question": "Q?", "Answer": "A"}, "tags": ["quizgen"], "deck": "D"}


def _fact_id_with_guid_starting(char: str) -> tuple[str, str]:
    for index in range(100_000):
        fact_id = f"fact-{index}"
        guid = genanki.guid_for("deck", fact_id, "why")
        if guid.startswith(char):
            return fact_id, guid
    raise AssertionError(f"no GUID starting with {char!r}")


# A GUID is a 64-bit hash in base 91 without leading zeros: every digit but 'a' (zero) can lead.
LEADING = BASE91_TABLE[1:]


def test_a_guid_may_start_with_any_character_genanki_makes(tmp_path: Path):
    records = {}
    for char in LEADING:
        fact_id, guid = _fact_id_with_guid_starting(char)
        records[guid] = NoteRecord(guid, 1700000000, "0123abcd", f"deck/{fact_id}/why", "active", NOTE)
    note_type = NoteTypeRecord("recall", 1700000000, "feedbeef", 1, "Question Answer | Recall")
    path = tmp_path / "anki-state.tsv"
    path.write_text(format_state(State(records, {"recall": note_type})), encoding="utf-8")
    state = read_state(path)
    assert {g[0] for g in state.notes} == set(LEADING)
    assert state.notes == records
    assert state.note_types == {"recall": note_type}


def test_no_record_line_starts_like_a_comment(tmp_path: Path):
    _, guid = _fact_id_with_guid_starting("#")
    record = NoteRecord(guid, 1, "h", "deck/x/why", "active", NOTE)
    lines = format_state(State({guid: record}, {})).splitlines()
    assert lines[0] == HEADER and "v2" in HEADER
    assert all(not line.startswith("#") for line in lines[1:])


def test_a_version_1_file_reads_every_note_and_migrates(tmp_path: Path):
    _, hash_guid = _fact_id_with_guid_starting("#")
    _, plain_guid = _fact_id_with_guid_starting("b")
    note_json = json.dumps(NOTE, separators=(",", ":"), sort_keys=True)
    v1 = "\n".join(
        [
            V1_HEADER,
            "notetype:recall\t1700000000\tfeedbeef\t1\tQuestion Answer | Recall",
            f"{hash_guid}\t1700000005\th1\tdeck/x/why\tactive\t{note_json}",
            f"{plain_guid}\t1700000006\th2\tdeck/y/why\tretired\t{note_json}",
        ]
    )
    path = tmp_path / "anki-state.tsv"
    path.write_text(v1 + "\n", encoding="utf-8")
    state = read_state(path)
    assert set(state.notes) == {hash_guid, plain_guid}
    assert state.notes[hash_guid].mod == 1700000005
    migrated = format_state(state)
    path.write_text(migrated, encoding="utf-8")
    assert read_state(path) == state
    assert migrated.startswith(HEADER)


def test_a_version_2_comment_line_is_skipped_and_an_unknown_version_refused(tmp_path: Path):
    path = tmp_path / "anki-state.tsv"
    path.write_text(HEADER + "\n# a comment a maintainer added\n", encoding="utf-8")
    assert read_state(path).notes == {}
    path.write_text("# quizgen anki state v9: from the future\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"version 9.*newer quizgen"):
        read_state(path)


# --- end to end: a note whose GUID starts with '#' -------------------------------------------


@pytest.fixture
def hash_deck(project: Path) -> Path:
    """The seed deck with one fact renamed so that its why note's GUID starts with '#'."""
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("id: coup-removed-bazoum\n", f"id: {HASH_FACT_ID}\n"), encoding="utf-8")
    assert genanki.guid_for(SEED_DECK, HASH_FACT_ID, "why").startswith("#")
    return project


def _state_line(project: Path, question_id: str) -> str:
    text = (project / "decks" / SEED_DECK / "anki-state.tsv").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if f"\t{question_id}\t" in line)


def test_a_hash_guid_note_keeps_its_time_across_rebuilds(hash_deck, run_cli, monkeypatch):
    question_id = f"{SEED_DECK}/{HASH_FACT_ID}/why"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_cli("build").exit_code == 0
    first = _state_line(hash_deck, question_id)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    second_build = run_cli("build")
    assert second_build.exit_code == 0
    assert question_id not in second_build.stderr  # not reported as changed
    assert _state_line(hash_deck, question_id) == first


def test_a_hash_guid_note_is_retired_when_its_fact_goes(hash_deck, run_cli, monkeypatch):
    question_id = f"{SEED_DECK}/{HASH_FACT_ID}/why"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_cli("build").exit_code == 0
    sheet = hash_deck / "decks" / SEED_DECK / SEED_SHEET
    text = sheet.read_text(encoding="utf-8")
    start = text.index(f"  - id: {HASH_FACT_ID}")
    end = text.index("  - id: removal-raised-concerns")
    sheet.write_text(text[:start] + text[end:], encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert f"{question_id}: no longer made" in result.stderr
    assert re.search(r"\tretired\t", _state_line(hash_deck, question_id))


def test_a_learner_edit_of_a_hash_guid_note_survives_reimport(hash_deck, run_cli, monkeypatch, tmp_path):
    guid = genanki.guid_for(SEED_DECK, HASH_FACT_ID, "why")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_cli("build").exit_code == 0
    learner = Learner.create(tmp_path / "learner")
    try:
        learner.import_package(hash_deck / "build" / f"{SEED_DECK}.apkg")
        note = learner.notes_by_guid()[guid]
        note["Answer"] = "my own words"
        learner.col.update_note(note)  # edited now, after the package's time
        # A rebuild of unchanged facts, stamped later than the edit: only changed notes move.
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 86400))
        assert run_cli("build").exit_code == 0
        learner.import_package(hash_deck / "build" / f"{SEED_DECK}.apkg")
        assert learner.col.get_note(note.id)["Answer"] == "my own words"
    finally:
        learner.col.close()
