"""The Anki export against the real ``anki`` package: packages import, render and update in place.

Every test builds with the real command line and imports into a fresh collection in tmp_path,
answering cards with Anki's own scheduler.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
import time
import zipfile
from pathlib import Path

import genanki
import pytest

from quizgen.export import anki_notetypes
from quizgen.export.anki import plan_notes, write_apkg
from quizgen.export.anki_notes import RETIRED_TAG
from quizgen.export.anki_notes import anki_questions as exported_questions
from quizgen.export.anki_state import NoteRecord, State, format_state, read_state
from quizgen.export.anki_typed import format_hint
from quizgen.generate import generate_deck
from quizgen.load import load_deck
from quizgen.model import Cloze, Deck, DeckSettings, InputError, PartialDate, Question, Source
from tests.anki_support import (
    TEMPLATE_ERROR,
    Learner,
    anki_questions,
    esc,
    expected_fields,
    guid,
    png,
    read_facts,
    town_actor,
    write_facts,
    write_town_deck,
)
from tests.conftest import SEED_DECK, SEED_SHEET

SEED_APKG = Path("build") / f"{SEED_DECK}.apkg"
TOWN_APKG = Path("build") / "town.apkg"


@pytest.fixture
def learner(tmp_path: Path):
    person = Learner.create(tmp_path / "learner")
    yield person
    person.col.close()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """Builds use the real clock unless a test sets SOURCE_DATE_EPOCH itself."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return monkeypatch


def build(run_cli, *decks: str):
    # --no-cache: tests here change quizgen's code in-process (monkeypatch), which the cache cannot see
    result = run_cli("build", "--no-cache", *decks)
    assert result.exit_code == 0, result.output
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- issue 2: the seed deck ------------------------------------------------------------------


def test_seed_package_imports_one_note_per_anki_question(project, run_cli, learner):
    build(run_cli)
    questions = anki_questions(project / "decks" / SEED_DECK)
    assert questions, "the seed sheet gives no Anki question"

    log = learner.import_package(SEED_APKG)

    assert len(log.new) == len(questions)
    assert not log.conflicting and not log.duplicate
    notes = learner.notes_by_guid()
    assert set(notes) == {guid(q) for q in questions}
    for question in questions:
        note = notes[guid(question)]
        for name, value in expected_fields(question).items():
            assert note[name] == value, question.id
        if question.kind == "typed":
            assert esc(question.prompt) in note["Question"], question.id


def test_no_two_seed_notes_ask_the_same_thing(project, run_cli, learner):
    build(run_cli)
    learner.import_package(SEED_APKG)
    problems: list = []
    generated = {
        guid(q): q for q in generate_deck(load_deck(project / "decks" / SEED_DECK, problems)).questions
    }
    shipped = [generated[g] for g in learner.notes_by_guid()]

    asked = [(q.fact_id, q.prompt) for q in shipped if q.kind != "cloze"]
    assert len(asked) == len(set(asked)), "two cards of one fact with the same prompt"
    ids = {q.id for q in shipped}
    for recall, typed in (
        ("niger-coup-date/when", "when_typed"),
        ("french-troops-in-niger/how_many", "how_many_typed"),
    ):
        assert f"{SEED_DECK}/{recall.split('/')[0]}/{typed}" in ids and f"{SEED_DECK}/{recall}" not in ids
        assert f"{SEED_DECK}/{recall}" in {q.id for q in generated.values()}, "printed quizzes keep it"


def test_a_recall_twin_stays_when_typed_questions_do_not_go_to_anki():
    recall, typed = _question("recall", "when"), _question("typed", "when_typed")
    assert exported_questions((recall, typed)) == (typed,)
    assert exported_questions((recall, typed), ("recall", "cloze")) == (recall,)


def test_every_seed_card_renders_both_sides(project, run_cli, learner):
    build(run_cli)
    learner.import_package(SEED_APKG)
    kinds = {q.id: q.kind for q in anki_questions(project / "decks" / SEED_DECK)}
    by_guid = {guid(q): q for q in anki_questions(project / "decks" / SEED_DECK)}
    seen = set()
    for card_id in learner.col.find_cards(""):
        card = learner.col.get_card(card_id)
        question = by_guid[card.note().guid]
        out = card.render_output()
        for side in (out.question_text, out.answer_text):
            assert side.strip(), question.id
            assert TEMPLATE_ERROR not in side and "templates/errors" not in side, side
        if question.kind == "cloze":
            assert 'class="cloze"' in out.question_text and "[...]" in out.question_text
            assert question.answer in out.answer_text.replace("&#x27;", "'")
        elif question.kind == "typed":
            assert "[[type:Answer]]" in out.question_text
        else:
            assert "Source:" in out.answer_text and "evidence" in out.answer_text
        seen.add(question.kind)
    assert seen == set(kinds.values()), "every kind that goes to Anki is covered"


def _typed_card(learner: Learner, question_id: str):
    note = next(n for n in learner.notes_by_guid().values() if n.guid == TYPED_GUIDS[question_id])
    (card,) = note.cards()
    return card.render_output()


TYPED_GUIDS = {
    q: genanki.guid_for(SEED_DECK, *q.split("/"))
    for q in (
        "niger-coup-date/when_typed",
        "mali-takeover-year/when_typed",
        "french-troops-in-niger/how_many_typed",
    )
}


def test_typed_cards_hint_at_the_form_and_name_what_else_counts(project, run_cli, learner):
    build(run_cli)
    learner.import_package(SEED_APKG)

    day = _typed_card(learner, "niger-coup-date/when_typed")
    assert '<div class="hint">Type the date like 9 May 1945.</div>' in day.question_text
    assert "[[type:Answer]]" in day.question_text
    assert not re.search(r"26|2023|July", day.question_text), "the front never gives the value away"
    also = re.search(
        r"Anki compares letter by letter; these count as right too: ([^<]*)</div>", day.answer_text
    )
    assert also and also.group(1) == "2023-07-26; July 26, 2023; Jul 26, 2023", "whole dates only, three"

    year = _typed_card(learner, "mali-takeover-year/when_typed")
    assert "Type the year in four digits, like 1945." in year.question_text
    assert "count as right too" not in year.answer_text, "nothing else to accept"

    number = _typed_card(learner, "french-troops-in-niger/how_many_typed")
    assert "Type digits, with a comma between thousands, like 1,234." in number.question_text
    assert "these count as right too: 1500; any number from 1,350 to 1,650</div>" in number.answer_text


def test_a_hint_example_is_never_the_answer():
    question = dataclasses.replace(_question("typed", "when_typed"), answer="9 May 1945", tags=("date",))
    assert format_hint(question) == "Type the date like 3 March 2011."
    assert format_hint(dataclasses.replace(question, tags=("actor",))) is None, (
        "a date's hint, not an actor's"
    )


def test_fact_text_is_escaped_in_anki_fields(project, run_cli, learner):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    edit(
        sheet,
        "    event: the coup in Niger that removed President Mohamed Bazoum\n",
        '    event: "the coup <script>alert(1)</script> & the removal of Bazoum"\n',
    )
    build(run_cli)
    learner.import_package(SEED_APKG)

    hits = [n for n in learner.notes_by_guid().values() if "alert(1)" in n.fields[0]]
    assert hits, "the edited fact made no note"
    for note in hits:
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; the removal" in note.fields[0]
        assert "<script" not in " ".join(note.fields)
        for card in note.cards():
            assert "<script" not in card.question() + card.answer()
            assert "&lt;script&gt;" in card.question()


def test_round_trip_updates_in_place_and_keeps_reviews(project, run_cli, learner, clock):
    deck_dir = project / "decks" / SEED_DECK
    build(run_cli)
    learner.import_package(SEED_APKG)
    questions = {guid(q): q for q in anki_questions(deck_dir)}
    note = next(
        n
        for g, n in learner.notes_by_guid().items()
        if questions[g].id == f"{SEED_DECK}/niger-coup-date/when_typed"
    )
    card_id = note.card_ids()[0]
    learner.answer(card_id)
    before = learner.schedule(card_id)
    assert learner.col.get_card(card_id).reps == 1 and before[-1], "the answer was recorded"

    edit(deck_dir / SEED_SHEET, "event: the coup in Niger that", "event: the military coup in Niger that")
    build(run_cli)  # within the same second as the first build, most likely
    log = learner.import_package(SEED_APKG)

    assert len(learner.col.find_notes("")) == len(questions)
    assert not log.new and not log.conflicting
    updated = learner.col.get_note(note.id)
    assert "the military coup in Niger" in updated["Question"]
    assert learner.schedule(card_id) == before


# --- issue 4: ten cycles of edits, additions, removals, reviews and learner edits -----------


def _reword(fact: dict, cycle: int) -> str:
    base = fact["role"].split(" (")[0]
    fact["role"] = f"{base} (term {cycle})"
    return fact["role"]


def test_ten_rebuild_cycles_never_lose_reviews_or_edits(project, run_cli, learner, clock):
    deck_dir = write_town_deck(project, count=8)
    sheet = deck_dir / "councils.yaml"
    keep = {"actor-06", "actor-07"}  # facts the maintainers never touch: the learner edits them
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)
    questions = anki_questions(deck_dir)

    reviewed: dict[int, tuple] = {}  # card id -> its schedule right after the learner's answer
    edited: dict[int, str] = {}  # note id -> the learner's text of its first field
    retired_guids: set[str] = set()
    for cycle in range(1, 11):
        facts = read_facts(sheet)
        movable = [f for f in facts if f["id"] not in keep]
        changed = {f["id"]: _reword(f, cycle) for f in movable[-2:]}
        removed = movable[0]["id"]
        added = town_actor(7 + cycle)
        retired_guids |= {guid(q) for q in questions if q.fact_id == removed}
        write_facts(sheet, [f for f in facts if f["id"] != removed] + [added])

        build(run_cli, "decks/town")  # several builds a second: the state file still moves on
        log = learner.import_package(TOWN_APKG)

        assert not log.conflicting, f"cycle {cycle}"
        questions = anki_questions(deck_dir)
        notes = learner.notes_by_guid()
        # zero duplicates: one note per GUID, and only the current and the retired notes
        assert len(learner.col.find_notes("")) == len(notes)
        assert set(notes) == {guid(q) for q in questions} | retired_guids, f"cycle {cycle}"
        # retired notes are tagged, and only they
        assert {g for g, n in notes.items() if RETIRED_TAG in n.tags} == retired_guids, f"cycle {cycle}"
        # every changed fact shows its new text; every note shows what the sheet now says
        for question in questions:
            note = notes[guid(question)]
            if note.id not in edited:
                for name, value in expected_fields(question).items():
                    assert note[name] == value, f"cycle {cycle}: {question.id}"
        for fact_id, role in changed.items():
            texts = [notes[guid(q)]["Answer"] for q in questions if q.fact_id == fact_id and q.form == "role"]
            assert texts and role.split(" (")[1] in texts[0], f"cycle {cycle}: {fact_id} not updated"
        # every reviewed card keeps its history and scheduling, retired or not
        for card_id, schedule in reviewed.items():
            assert learner.schedule(card_id) == schedule, f"cycle {cycle}: card {card_id}"
        # the learner's edits stay
        for note_id, text in edited.items():
            assert learner.col.get_note(note_id).fields[0] == text, f"cycle {cycle}"

        # the learner studies a few cards: of a fact just reworded and of the fact just added
        for question in [q for q in questions if q.fact_id in {*changed, added["id"]}][::3]:
            card_id = notes[guid(question)].card_ids()[0]
            learner.answer(card_id)
            reviewed[card_id] = learner.schedule(card_id)
        # … and edits one note that this cycle did not touch
        kept = [q for q in questions if q.fact_id in keep and q.kind != "cloze"]
        note = notes[guid(kept[cycle % len(kept)])]
        note.fields[0] = f"{note.fields[0]} <i>my note {cycle}</i>"
        learner.col.update_note(note)
        edited[note.id] = note.fields[0]

    assert len(reviewed) >= 10 and len(edited) == len(kept) == 4


# --- reproducible packages -----------------------------------------------------------------


def _package_bytes(root: Path) -> dict[str, bytes]:
    paths = [*sorted((root / "build").glob("*.apkg")), *sorted((root / "decks").glob("*/anki-state.tsv"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in paths}


def test_rebuilds_of_the_same_inputs_are_byte_identical(project, run_cli, clock, tmp_path):
    deck_dir = write_town_deck(project, count=4)
    _add_images(deck_dir, {"actor-00": "img/portrait.png", "actor-01": "img/a&b.png"})
    build(run_cli)
    first = _package_bytes(project)
    assert len(first) == 4

    second_now = int(time.time()) + 1
    time.sleep(max(0.0, second_now - time.time()))  # the clock has moved on to another second
    build(run_cli)
    assert _package_bytes(project) == first

    clock.setenv("SOURCE_DATE_EPOCH", str(second_now + 3 * 86400))  # or days later, on another machine
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project, elsewhere, ignore=shutil.ignore_patterns("build"))
    clock.chdir(elsewhere)
    build(run_cli)
    assert _package_bytes(elsewhere) == first

    with zipfile.ZipFile(project / TOWN_APKG) as archive:
        assert [i.filename for i in archive.infolist()] == ["collection.anki2", "media", "0", "1"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert json.loads(archive.read("media")) == {"0": "a&b.png", "1": "portrait.png"}


# --- note types ------------------------------------------------------------------------------

FROZEN_SCHEMAS = {  # a version's fields and template names never change (docs/anki-updates.md)
    "recall": (1, "Question Answer Evidence Image Source | Recall"),
    "typed": (1, "Question Answer Accepted Evidence Image Source | Typed"),
    "choice": (1, "Question Options Answer Evidence Image Source | Choice"),
    "cloze": (1, "Text Image Source | Cloze"),
}


def test_shipped_note_type_schemas_are_frozen_per_version():
    types = anki_notetypes.shipped_note_types()
    assert {key: (nt.version, nt.schema) for key, nt in types.items()} == FROZEN_SCHEMAS
    assert len({nt.id for nt in types.values()}) == len(types)
    css = types["recall"].css
    for selector in (".card.nightMode", ".nightMode .answer", ".night_mode", ".mobile"):
        assert selector in css


def _restyled_types():
    types = anki_notetypes.shipped_note_types()
    recall = types["recall"]
    back = recall.templates[0].back + '\n<div class="restyled">restyled back</div>'
    types["recall"] = dataclasses.replace(
        recall,
        templates=(dataclasses.replace(recall.templates[0], back=back),),
        css=recall.css + ".restyled{}",
    )
    return types


def _answered_seed_learner(run_cli, learner) -> tuple[int, tuple]:
    build(run_cli)
    learner.import_package(SEED_APKG)
    card_id = next(
        c
        for c in learner.col.find_cards("")
        if learner.col.get_card(c).note_type()["name"].startswith("quizgen recall")
    )
    learner.answer(card_id)
    return card_id, learner.schedule(card_id)


def test_new_card_html_and_styling_reach_existing_notes(project, run_cli, learner, clock, monkeypatch):
    card_id, schedule = _answered_seed_learner(run_cli, learner)
    names = learner.note_type_names()
    notes = len(learner.col.find_notes(""))

    monkeypatch.setattr("quizgen.export.anki_plan.shipped_note_types", _restyled_types)
    build(run_cli)
    log = learner.import_package(SEED_APKG)  # Anki's default options
    learner.reopen()

    assert not log.conflicting and not log.new
    assert learner.note_type_names() == names, "no copy of a note type ('Name+')"
    assert len(learner.col.find_notes("")) == notes
    assert "restyled back" in learner.col.get_card(card_id).answer()
    assert learner.schedule(card_id) == schedule


def test_a_new_note_type_version_migrates_notes_with_merge(project, run_cli, learner, clock, monkeypatch):
    card_id, schedule = _answered_seed_learner(run_cli, learner)
    note_id = learner.col.get_card(card_id).nid
    old_id = learner.col.get_note(note_id).mid

    def version_two():
        types = anki_notetypes.shipped_note_types()
        recall = types["recall"]
        types["recall"] = dataclasses.replace(recall, version=2, fields=(*recall.fields, "Hint"))
        return types

    monkeypatch.setattr("quizgen.export.anki_plan.shipped_note_types", version_two)
    result = build(run_cli)
    assert "note type 'recall' moves from v1 to v2" in result.stderr
    assert "Merge note types" in result.stderr

    # without 'Merge note types' Anki refuses to touch the notes (why the build warns) …
    assert learner.import_package(SEED_APKG).conflicting
    # … and importing again with it ticked migrates them, as docs/anki-updates.md says
    log = learner.import_package(SEED_APKG, merge_notetypes=True)
    learner.reopen()

    assert not log.conflicting
    names = learner.note_type_names()
    assert "quizgen recall (v2)" in names and "quizgen recall (v1)" not in names
    assert not [n for n in names if n.endswith("+")]
    note = learner.col.get_note(note_id)
    assert note.mid != old_id and note.mid == version_two()["recall"].id
    assert learner.schedule(card_id) == schedule


def test_a_changed_schema_under_the_same_version_is_refused(project, run_cli, learner, clock, monkeypatch):
    build(run_cli)
    before = (project / SEED_APKG).read_bytes()

    def renamed_field():
        types = anki_notetypes.shipped_note_types()
        recall = types["recall"]
        types["recall"] = dataclasses.replace(recall, fields=("Prompt", *recall.fields[1:]))
        return types

    monkeypatch.setattr("quizgen.export.anki_plan.shipped_note_types", renamed_field)
    result = run_cli("build", "--no-cache")

    assert result.exit_code == 1
    assert "note-types.yaml: note type 'recall' v1 changed its fields or templates" in result.stderr
    assert "give it version 2" in result.stderr and "Traceback" not in result.output
    assert (project / SEED_APKG).read_bytes() == before


# --- removed facts, renamed decks, state file -------------------------------------------------


def test_removed_facts_are_retired_and_can_come_back(project, run_cli, learner, clock, tmp_path):
    deck_dir = write_town_deck(project, count=4)
    sheet = deck_dir / "councils.yaml"
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)
    gone = {guid(q) for q in anki_questions(deck_dir) if q.fact_id == "actor-01"}
    assert gone and gone <= set(learner.notes_by_guid())

    write_facts(sheet, [f for f in read_facts(sheet) if f["id"] != "actor-01"])
    result = build(run_cli, "decks/town")
    assert "town/actor-01/who: no longer made (its fact or form is gone)" in result.stderr
    learner.import_package(TOWN_APKG)
    assert {g for g, n in learner.notes_by_guid().items() if RETIRED_TAG in n.tags} == set(gone)
    assert sorted(learner.col.find_notes(f"tag:{RETIRED_TAG}")) == sorted(
        learner.notes_by_guid()[g].id for g in gone
    )
    # an import never moves existing cards: they stay where the learner has them
    assert {learner.deck_of(c) for g in gone for c in learner.notes_by_guid()[g].card_ids()} == {
        "Tests::Town councils"
    }

    newcomer = Learner.create(tmp_path / "newcomer")  # a new learner gets them in the Retired subdeck
    newcomer.import_package(TOWN_APKG)
    retired_cards = newcomer.col.find_cards(f"tag:{RETIRED_TAG}")
    assert len(retired_cards) == len(gone)
    assert {newcomer.deck_of(c) for c in retired_cards} == {"Tests::Town councils::Retired"}
    newcomer.col.close()

    write_facts(sheet, [*read_facts(sheet), town_actor(1)])
    build(run_cli, "decks/town")
    log = learner.import_package(TOWN_APKG)
    assert not log.new
    assert not learner.col.find_notes(f"tag:{RETIRED_TAG}"), "the fact is back: so are its notes"


def test_renaming_a_deck_warns_and_rewrites_no_note(project, run_cli, learner, clock):
    deck_dir = write_town_deck(project, count=3)
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)
    state = (deck_dir / "anki-state.tsv").read_text(encoding="utf-8")
    old_cards = set(learner.col.find_cards(""))

    edit(deck_dir / "deck.yaml", 'name: "Tests::Town councils"', 'name: "Tests::Councils"')
    write_facts(deck_dir / "councils.yaml", [*read_facts(deck_dir / "councils.yaml"), town_actor(5)])
    result = build(run_cli, "decks/town")

    assert (
        "warning: the deck's Anki name changed from 'Tests::Town councils' to 'Tests::Councils'"
        in result.stderr
    )
    assert "rename 'Tests::Town councils' to 'Tests::Councils' in Anki before importing" in result.stderr
    new_state = (deck_dir / "anki-state.tsv").read_text(encoding="utf-8")
    mods = {line.split("\t")[0]: line.split("\t")[1] for line in state.splitlines()[1:]}
    for line in new_state.splitlines()[1:]:
        key, mod = line.split("\t")[:2]
        assert key not in mods or mods[key] == mod, "a rename alone changes no note"
    log = learner.import_package(TOWN_APKG)
    assert len(log.new) == sum(q.fact_id == "actor-05" for q in anki_questions(deck_dir)) and not log.updated
    assert {learner.deck_of(c) for c in old_cards} == {"Tests::Town councils"}
    new_cards = set(learner.col.find_cards("")) - old_cards
    assert {learner.deck_of(c) for c in new_cards} == {"Tests::Councils"}
    again = build(run_cli, "decks/town")
    assert "name changed" not in again.stderr, "warned once, at the build that renamed"


def test_state_file_missing_or_damaged(project, run_cli, clock):
    write_town_deck(project, count=2)
    first = build(run_cli, "decks/town")
    assert "no anki-state.tsv yet" in first.stderr
    state = project / "decks" / "town" / "anki-state.tsv"
    lines = state.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6].replace("\tactive\t", "\tgone\t")
    state.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run_cli("build", "decks/town")
    assert result.exit_code == 1
    assert "anki-state.tsv:7: damaged state line (unknown status 'gone')" in result.stderr


def _note_line(change) -> object:
    """A damage to the first note line: ``change(columns, note JSON)`` edits it in place."""

    def damage(lines: list[str]) -> int:
        index = next(i for i, line in enumerate(lines) if not line.startswith(("#", "notetype:")))
        columns = lines[index].split("\t")
        note = json.loads(columns[5])
        change(columns, note)
        columns[5] = json.dumps(note)
        lines[index] = "\t".join(columns)
        return index + 1

    return damage


DAMAGED_STATE = {
    "retired note without tags": (
        _note_line(lambda c, n: (c.__setitem__(4, "retired"), n.pop("tags"))),
        "the note JSON has no 'tags'",
    ),
    "note without model": (_note_line(lambda c, n: n.pop("model")), "the note JSON has no 'model'"),
    "tag with a space": (
        _note_line(lambda c, n: (c.__setitem__(4, "retired"), n.__setitem__("tags", ["a tag"]))),
        "'tags' must be a list of tags without spaces",
    ),
    "field that is not text": (
        _note_line(lambda c, n: n["fields"].__setitem__("Text", 3)),
        "'fields' must map field names to text",
    ),
    "empty note JSON": (_note_line(lambda c, n: n.clear()), "the note JSON has no 'model'"),
    "mod that is not a number": (
        _note_line(lambda c, n: c.__setitem__(1, "soon")),
        "mod 'soon' is not a whole number",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGED_STATE))
def test_a_damaged_state_line_is_a_problem_at_its_line(project, run_cli, clock, case):
    write_town_deck(project, count=2)
    build(run_cli, "decks/town")
    state = project / "decks" / "town" / "anki-state.tsv"
    lines = state.read_text(encoding="utf-8").splitlines()
    damage, message = DAMAGED_STATE[case]
    number = damage(lines)
    state.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (project / TOWN_APKG).read_bytes()

    result = run_cli("build", "decks/town")

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"anki-state.tsv:{number}: damaged state line ({message}" in result.stderr, result.stderr
    assert (project / TOWN_APKG).read_bytes() == before


def test_a_state_line_that_is_not_utf8_is_a_problem_at_its_line(project, run_cli, clock):
    write_town_deck(project, count=2)
    build(run_cli, "decks/town")
    state = project / "decks" / "town" / "anki-state.tsv"
    lines = state.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b"Moussa", b"Mou\xffssa", 1)
    state.write_bytes(b"\n".join(lines))

    result = run_cli("build", "decks/town")

    assert result.exit_code == 1
    assert "anki-state.tsv:6: damaged state line (not UTF-8 text)" in result.stderr


def test_a_state_path_that_is_a_folder_is_a_problem_at_the_file(project, run_cli):
    write_town_deck(project, count=2)
    (project / "decks" / "town" / "anki-state.tsv").mkdir()

    result = run_cli("build", "decks/town")

    assert result.exit_code == 1
    assert re.search(r"anki-state\.tsv: cannot read: Is a directory", result.stderr), result.stderr


def test_state_text_keeps_unicode_line_separators_inside_a_note(tmp_path):
    record = NoteRecord("abc", 1, "h", "t/f/who", "active", {
        "model": "recall", "fields": {"Question": "one\u2028two\x85three"}, "tags": ["quizgen"],
    })  # fmt: skip
    path = tmp_path / "anki-state.tsv"
    path.write_text(format_state(State({"abc": record}, {})), encoding="utf-8")
    assert read_state(path).notes == {"abc": record}


def test_a_deck_folder_with_spaces_builds_and_no_tag_has_a_space(project, run_cli, learner):
    town = write_town_deck(project, count=2)
    facts = read_facts(town / "councils.yaml")
    facts[0]["tags"] = ["North Africa", "local councils:: treasurers"]
    write_facts(town / "councils.yaml", facts)
    town.rename(project / "decks" / "My Town")
    assert "0 error(s)" in run_cli("check").stderr

    result = build(run_cli)  # every deck: the seed deck sorts after "My Town"

    assert "wrote build/My Town.apkg" in result.stdout and (project / SEED_APKG).exists()
    learner.import_package(project / "build" / "My Town.apkg")
    tags = {t for note in learner.notes_by_guid().values() for t in note.tags}
    assert {"quizgen::deck::My_Town", "North_Africa", "local_councils::treasurers"} <= tags
    assert not [t for t in tags if " " in t]


# --- media ------------------------------------------------------------------------------------


def _add_images(deck_dir: Path, images: dict[str, str], colour: int = 128) -> None:
    sheet = deck_dir / "councils.yaml"
    facts = read_facts(sheet)
    for fact in facts:
        if fact["id"] in images:
            fact["image"] = images[fact["id"]]
            path = deck_dir / images[fact["id"]]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png(colour))
    write_facts(sheet, facts)


def test_images_travel_in_the_package_and_update(project, run_cli, learner, clock):
    deck_dir = write_town_deck(project, count=3)
    _add_images(deck_dir, {"actor-00": "img/a&b.png", "actor-02": "../town-images/map.png"})
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)

    media = Path(learner.col.media.dir())
    assert sorted(p.name for p in media.iterdir()) == ["a&b.png", "map.png"]
    check = learner.col.media.check()
    assert not check.missing and not check.unused
    notes = [n for n in learner.notes_by_guid().values() if "Moussa-00" in " ".join(n.fields)]
    assert notes and all(n["Image"] == '<img src="a&amp;b.png">' for n in notes)
    assert '<img src="a&amp;b.png">' in notes[0].cards()[0].answer()

    (deck_dir / "img" / "a&b.png").write_bytes(png(7))  # a corrected picture, same name
    build(run_cli, "decks/town")
    log = learner.import_package(TOWN_APKG)
    assert len(log.updated) == len(notes) and not log.conflicting
    for note in notes:
        src = learner.col.get_note(note.id)["Image"].split('"')[1]
        assert (media / html.unescape(src)).read_bytes() == png(7)


def test_image_problems_are_check_errors_at_the_image_line(project, run_cli):
    deck_dir = write_town_deck(project, count=5)
    _add_images(deck_dir, {"actor-01": "one/same.png", "actor-02": "two/same.png", "actor-03": "bad.png"})
    (deck_dir / "two" / "same.png").write_bytes(png(1))  # same name, other picture
    (deck_dir / "bad.png").write_text("not a picture", encoding="utf-8")
    facts = read_facts(deck_dir / "councils.yaml")
    facts[0]["image"] = "missing.png"
    facts[4]["image"] = "notes.txt"
    (deck_dir / "notes.txt").write_text("hello", encoding="utf-8")
    write_facts(deck_dir / "councils.yaml", facts)
    lines = (deck_dir / "councils.yaml").read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if line.strip() == f"image: {text}")

    result = run_cli("check", "decks/town")

    assert result.exit_code == 1 and "Traceback" not in result.output
    expected = {
        "missing.png": "image 'missing.png' not found",
        "two/same.png": "another image is also named 'same.png' (fact 'actor-01'",
        "bad.png": "'bad.png' is not a PNG image",
        "notes.txt": "'notes.txt' is not an image Anki shows",
    }
    for image, message in expected.items():
        assert re.search(rf"councils\.yaml:{line_of(image)}:\d+: {re.escape(message)}", result.stderr), (
            image,
            result.stderr,
        )
    assert "one/same.png" not in result.stderr.split("another")[0]
    build_result = run_cli("build", "decks/town")
    assert build_result.exit_code == 1 and not (project / TOWN_APKG).exists()


def test_the_newer_of_a_learner_edit_and_a_correction_wins(project, run_cli, learner, clock):
    deck_dir = write_town_deck(project, count=3)
    sheet = deck_dir / "councils.yaml"
    clock.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a deck built in November 2023
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)
    role_note = next(n for n in learner.notes_by_guid().values() if n["Answer"].endswith("Agadez council"))
    role_note["Answer"] = "my own words"
    learner.col.update_note(role_note)  # the learner edits today

    def reword(term: str) -> None:
        facts = read_facts(sheet)
        facts[0]["role"] = f"the treasurer of the Agadez council ({term})"
        write_facts(sheet, facts)

    reword("first term")
    clock.setenv("SOURCE_DATE_EPOCH", "1700086400")  # stamped a day later: still before the edit
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)
    assert learner.col.get_note(role_note.id)["Answer"] == "my own words"

    reword("second term")
    clock.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 86400))  # a correction made after the edit
    build(run_cli, "decks/town")
    learner.import_package(TOWN_APKG)
    assert learner.col.get_note(role_note.id)["Answer"].endswith("(second term)")


# --- every note type, and text that looks like template syntax ---------------------------------


def _question(kind: str, form: str, **extra) -> Question:
    source = Source("A title & more", PartialDate(2024, 3, 1), "2024-03-01-x.md")
    return Question(
        "t", "fact-1", form, kind, "What {{Front}} <b>is</b> it?", "It & {{c2::that}}", "Evidence {{x}}",
        source, ("actor", "a tag"), **extra,
    )  # fmt: skip


def test_every_note_type_renders_and_keeps_template_syntax_as_text(tmp_path, learner):
    settings = DeckSettings(key="t", path=tmp_path / "deck.yaml", name="T", description="<b>bold</b>")
    deck = Deck(settings, ())
    questions = (
        dataclasses.replace(_question("recall", "who"), fact_id="fact-2"),  # another fact: not a twin
        _question("typed", "when_typed", accepted=("26 July {{c2}}",), tolerance=(1000.0, 2000.0)),
        _question("choice", "who_choice", options=("It & {{c2::that}}", "<i>Other</i>")),
        _question("cloze", "cloze", cloze=Cloze("At 10", "::30 {{c1::x}}", " it <b>ended</b>.")),
    )
    plan = plan_notes(deck, questions, State({}, {}, exists=False), 1700000000, kinds=tuple(FROZEN_SCHEMAS))
    write_apkg(deck, plan, tmp_path / "t.apkg")

    log = learner.import_package(tmp_path / "t.apkg")

    assert len(log.new) == 4 and len(learner.col.find_cards("")) == 4, "one card each: no stray cloze"
    for card_id in learner.col.find_cards(""):
        card = learner.col.get_card(card_id)
        out = card.render_output()
        text = out.question_text + out.answer_text
        assert TEMPLATE_ERROR not in text and "templates/errors" not in text
        assert "<b>is</b>" not in text and "<i>Other</i>" not in text and "<b>ended</b>" not in text
        if card.note_type()["name"].startswith("quizgen cloze"):
            assert "[...]" in out.question_text and "::30" not in out.question_text
            assert "::30 &#123;&#123;c1::x&#125;&#125;" in out.answer_text.replace("&#58;", ":")
        else:
            assert "What &#123;&#123;Front&#125;&#125; &lt;b&gt;is&lt;/b&gt; it?" in out.question_text
    typed = next(n for n in learner.notes_by_guid().values() if "Accepted" in n)
    assert typed["Accepted"] == "26 July &#123;&#123;c2&#125;&#125;; any number from 1,000 to 2,000"
    assert learner.col.decks.by_name("T")["desc"] == "&lt;b&gt;bold&lt;/b&gt;"


def test_a_form_that_changes_its_kind_is_refused(tmp_path):
    deck = Deck(DeckSettings(key="t", path=tmp_path / "deck.yaml", name="T"), ())
    first = plan_notes(deck, (_question("recall", "when"),), State({}, {}, exists=False), 1700000000)
    state = State(first.records, first.note_types)

    with pytest.raises(InputError) as caught:
        plan_notes(deck, (_question("typed", "when"),), state, 1700000001)

    message = str(caught.value)
    assert "t/fact-1/when was a recall note and would now be a typed note" in message
    assert "give the form a new name" in message


def test_a_deck_setting_adds_multiple_choice_cards(project, run_cli, learner):
    deck_dir = project / "decks" / SEED_DECK
    assert not any(q.kind == "choice" for q in anki_questions(deck_dir)), "by default Anki gets none"
    deck_yaml = deck_dir / "deck.yaml"
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8") + "anki_multiple_choice: true\n", "utf-8")
    build(run_cli)
    log = learner.import_package(SEED_APKG)

    problems: list = []
    generated = generate_deck(load_deck(deck_dir, problems))
    choices = {guid(q): q for q in generated.questions if q.kind == "choice"}
    assert choices and len(log.new) == len(anki_questions(deck_dir)) + len(choices)
    notes = learner.notes_by_guid()
    for key, question in choices.items():
        (card,) = notes[key].cards()
        out = card.render_output()
        assert notes[key].note_type()["name"].startswith("quizgen choice")
        for option in question.options:
            assert f"<li>{html.escape(option, quote=False)}</li>" in out.question_text
        assert html.escape(question.answer, quote=False) in out.answer_text
