"""The review file: read with line numbers, applied right after generation, stale entries reported.

Builds run through the real command line; the Anki round trip imports into the real ``anki``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from quizgen.export.anki_notes import RETIRED_TAG
from quizgen.generate import generate_deck
from quizgen.model import Problem, Question
from quizgen.pipeline import load_and_check
from quizgen.review import Change, Entry, fact_hash, format_review, load_review
from quizgen.review.file import parse_review
from tests.anki_support import Learner, guid
from tests.conftest import SEED_DECK, SEED_SHEET

DECK = Path("decks") / SEED_DECK
REVIEW = DECK / "review.yaml"
APKG = Path("build") / f"{SEED_DECK}.apkg"
DROPPED = f"{SEED_DECK}/mohamed-bazoum/role"
REWORDED = f"{SEED_DECK}/mohamed-bazoum/who"
NEW_PROMPT = "Which president of Niger, a French ally, did the July 2023 coup remove?"


def generated() -> dict[str, Question]:
    result = load_and_check(DECK)
    assert result.deck is not None and not result.errors, [str(p) for p in result.errors]
    return {q.id: q for q in generate_deck(result.deck).questions}


def hash_of(question: Question) -> str:
    result = load_and_check(DECK)
    assert result.deck is not None
    facts = {f.id: f for f in result.deck.facts}
    return fact_hash(facts[i] for i in question.fact_ids)


def entry(question: Question, action: str, **changes: Change) -> Entry:
    return Entry(question.id, action, hash_of(question), dict(changes))


def write_review(*entries: Entry) -> None:
    REVIEW.write_text(format_review({e.question_id: e for e in entries}), encoding="utf-8")


def drop_and_reword() -> None:
    questions = generated()
    write_review(
        entry(questions[DROPPED], "drop"),
        entry(questions[REWORDED], "edit", prompt=Change(questions[REWORDED].prompt, NEW_PROMPT)),
    )


def edit_sheet(old: str, new: str) -> None:
    sheet = DECK / SEED_SHEET
    text = sheet.read_text(encoding="utf-8")
    assert old in text
    sheet.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- reading ---------------------------------------------------------------------------------


def test_the_file_round_trips_through_its_canonical_form(tmp_path):
    entries = {
        "d/a/when": Entry("d/a/when", "drop", "0123456789ab"),
        "d/b/who": Entry("d/b/who", "edit", "ba9876543210", {"prompt": Change("Who: 'x'?", "Who is # x?")}),
        "d/c/when_choice": Entry(
            "d/c/when_choice", "edit", "aaaaaaaaaaaa", {"options": Change(("1", "2: x"), ("one", "two"))}
        ),
        "d/b+c/timeline": Entry("d/b+c/timeline", "keep", "bbbbbbbbbbbb"),
    }
    text = format_review(entries)
    problems: list[Problem] = []
    review = parse_review(text, tmp_path / "review.yaml", problems)
    assert problems == []
    assert {k: (e.action, e.fact, e.changes) for k, e in review.entries.items()} == {
        k: (e.action, e.fact, e.changes) for k, e in entries.items()
    }
    assert list(review.entries) == sorted(entries), "written sorted by question id"
    assert review.entries["d/b/who"].location.line == text.splitlines().index("  d/b/who:") + 1


BAD_FILES = {
    "syntax": ("questions:\n  a/b/c:\n    review: [drop\n", 4, "YAML syntax error"),
    "alias": ("x: &a drop\nquestions:\n  a/b/c:\n    review: *a\n", 4, "aliases"),
    "action": (
        "questions:\n  a/b/c:\n    review: dorp\n",
        3,
        "'review': 'dorp' is not one of: keep, drop, edit",
    ),
    "id": ("questions:\n  a-b-c:\n    review: drop\n", 2, "'a-b-c' is not a question id"),
    "unknown key": ("questions:\n  a/b/c:\n    review: drop\n    promt: x\n", 4, "unknown key 'promt'"),
    "edit without text": ("questions:\n  a/b/c:\n    review: edit\n", 2, "an edit needs 'prompt'"),
    "keep with text": (
        "questions:\n  a/b/c:\n    review: keep\n    prompt: {was: a, now: b}\n",
        4,
        "'prompt' belongs to an edit",
    ),
    "change without was": (
        "questions:\n  a/b/c:\n    review: edit\n    prompt: {now: b}\n",
        4,
        "missing 'was'",
    ),
    "options count": (
        "questions:\n  a/b/c:\n    review: edit\n    options:\n      was: [a, b]\n      now: [a]\n",
        5,
        "'now' has 1 options where 'was' has 2",
    ),
    "version": ("version: 2\nquestions: {}\n", 1, "review files of version 1, not 2"),
    "duplicate": ("questions:\n  a/b/c: {review: drop}\n  a/b/c: {review: keep}\n", 3, "duplicate key"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_review_file_is_an_error_at_its_line(project, run_cli, case):
    text, line, message = BAD_FILES[case]
    REVIEW.write_text(text, encoding="utf-8")

    result = run_cli("check", str(DECK))

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(
        rf"^decks/{SEED_DECK}/review\.yaml:{line}(:\d+)?: .*{re.escape(message)}", result.stderr, re.M
    ), result.stderr


def test_a_deck_whose_review_has_an_error_is_not_built(project, run_cli):
    REVIEW.write_text(f"questions:\n  {DROPPED}:\n    review: dorp\n", encoding="utf-8")  # meant: drop

    result = run_cli("build")

    assert result.exit_code == 1 and "did you mean 'drop'?" in result.stderr
    assert not (project / APKG).exists(), "nothing ships with the question the teacher meant to drop"


def test_a_review_file_of_comments_only_is_an_empty_review(project, run_cli):
    REVIEW.write_text("# nothing reviewed yet\n", encoding="utf-8")
    assert load_review(DECK, []).entries == {}
    assert run_cli("check", "--strict", str(DECK)).exit_code == 0, "review.yaml is not read as a sheet"


# --- applying --------------------------------------------------------------------------------


def test_drop_and_edit_reach_the_preview_and_the_worksheet(project, run_cli):
    questions = generated()
    choice = questions[f"{SEED_DECK}/french-troops-in-niger/how_many_choice"]
    options = tuple(o.replace(",", " ") for o in choice.options)
    gone = questions[f"{SEED_DECK}/ali-mahaman-lamine-zeine/who"]
    # The fact's question that the worksheet prints (one per fact), reworded in the review.
    assert run_cli("build").exit_code == 0
    before = (project / "build" / f"{SEED_DECK}-quiz-A.html").read_text(encoding="utf-8")
    printed = next(
        q
        for q in questions.values()
        if "/french-troops-in-niger/" in q.id and q.kind != "cloze" and html.escape(q.prompt, False) in before
    )
    reworded = (
        "Around 3,500 French soldiers were in Niger."
        if printed.kind == "true_false"
        else "Roughly how many French soldiers were in Niger?"
    )
    edits = [entry(printed, "edit", prompt=Change(printed.prompt, reworded))]
    if printed.id != choice.id:
        edits.append(entry(choice, "edit", options=Change(choice.options, options)))
    write_review(
        entry(questions[DROPPED], "drop"),
        entry(questions[REWORDED], "edit", prompt=Change(questions[REWORDED].prompt, NEW_PROMPT)),
        *edits,
        entry(gone, "drop"),
    )

    result = run_cli("preview", "--json", str(DECK))

    shown = {q["id"]: q for q in json.loads(result.stdout)["questions"]}
    assert DROPPED not in shown and gone.id not in shown
    assert shown[REWORDED]["prompt"] == NEW_PROMPT and shown[REWORDED]["answer"] == "Mohamed Bazoum"
    assert shown[printed.id]["prompt"] == reworded
    if printed.id != choice.id:
        edited = shown[choice.id]
        assert edited["options"] == list(options)
        assert edited["answer"] == options[choice.options.index(choice.answer)] == "1 500"
    assert run_cli("check", "--strict", str(DECK)).exit_code == 0

    assert run_cli("build").exit_code == 0
    worksheet = (project / "build" / f"{SEED_DECK}-quiz-A.html").read_text(encoding="utf-8")
    assert reworded in worksheet
    assert html.escape(printed.prompt, False) not in worksheet
    assert gone.prompt not in worksheet


def test_a_cloze_edit_moves_its_gap_and_a_typed_answer_edit_drops_the_old_spellings(project):
    questions = generated()
    cloze = questions[f"{SEED_DECK}/french-troops-in-niger/cloze"]
    typed = questions[f"{SEED_DECK}/niger-coup-date/when_typed"]
    assert typed.accepted
    write_review(
        entry(
            cloze,
            "edit",
            prompt=Change(cloze.prompt, "On _____, a putsch removed Bazoum."),
            answer=Change(cloze.answer, "26 July"),
        ),
        entry(typed, "edit", answer=Change(typed.answer, "26/07/2023")),
    )

    result = load_and_check(DECK)

    assert not result.errors, [str(p) for p in result.errors]
    assert result.generated is not None
    by_id = {q.id: q for q in result.generated.questions}
    new_cloze = by_id[cloze.id]
    assert (new_cloze.cloze.before, new_cloze.cloze.gap, new_cloze.cloze.after) == (
        "On ",
        "26 July",
        ", a putsch removed Bazoum.",
    )
    assert new_cloze.answer == "26 July"
    assert by_id[typed.id].answer == "26/07/2023" and by_id[typed.id].accepted == ()
    assert [q.id for q in result.generated.questions] == list(questions), "nothing moves"


@pytest.mark.parametrize(
    ("form", "change", "message"),
    [
        (
            "niger-coup-date/true_false",
            {"answer": Change("True", "False")},
            "the answer of a true_false question cannot be edited",
        ),
        (
            "french-troops-in-niger/cloze",
            {"prompt": Change("", "No blank here.")},
            "marks its gap with _____ exactly once",
        ),
        (
            "niger-coup-date/when_choice",
            {"options": Change((), ("a", "a", "b", "c"))},
            "two options read the same",
        ),
    ],
)
def test_an_edit_that_cannot_be_made_is_an_error_at_its_line(project, run_cli, form, change, message):
    question = generated()[f"{SEED_DECK}/{form}"]
    fixed = {
        name: Change(question.options if name == "options" else getattr(question, name), c.now)
        for name, c in change.items()
    }
    write_review(entry(question, "edit", **fixed))

    result = run_cli("check", str(DECK))

    assert result.exit_code == 1
    assert re.search(
        rf"review\.yaml:\d+:\d+: {re.escape(question.id)}: .*{re.escape(message)}", result.stderr
    ), result.stderr


def test_an_edit_that_gives_the_answer_away_fails_check(project, run_cli):
    question = generated()[REWORDED]
    write_review(
        entry(question, "edit", prompt=Change(question.prompt, "Was it Mohamed Bazoum who was removed?"))
    )

    result = run_cli("check", str(DECK))

    assert result.exit_code == 1
    assert f"{REWORDED}: the prompt gives away its answer 'Mohamed Bazoum'" in result.stderr


# --- stale entries ---------------------------------------------------------------------------


def test_an_edit_whose_fact_changed_is_reported_beside_the_new_text_and_not_applied(project, run_cli):
    drop_and_reword()
    edit_sheet(
        "role: the President of Niger, an ally of France,",
        "role: the elected President of Niger, an ally of France,",
    )
    fresh = generated()

    result = run_cli("check", str(DECK))

    assert result.exit_code == 0, "a stale entry is a warning: the build goes on without it"
    line = next(line for line in result.stderr.splitlines() if REWORDED in line)
    assert line.startswith(f"decks/{SEED_DECK}/review.yaml:")
    assert "warning:" in line and "its fact changed since this edit, so the edit is not applied" in line
    assert f'prompt now "{fresh[REWORDED].prompt}", your edit "{NEW_PROMPT}"' in line
    assert f"write fact: {hash_of(fresh[REWORDED])}" in line
    dropped = next(line for line in result.stderr.splitlines() if DROPPED in line)
    assert "its fact changed since it was dropped; it is still left out" in dropped

    applied = {q.id: q for q in load_and_check(DECK).generated.questions}
    assert applied[REWORDED].prompt == fresh[REWORDED].prompt != NEW_PROMPT
    assert DROPPED not in applied
    assert run_cli("check", "--strict", str(DECK)).exit_code == 1


def test_an_edit_of_a_text_quizgen_no_longer_makes_is_stale(project, run_cli):
    question = generated()[REWORDED]
    write_review(entry(question, "edit", prompt=Change("Who was removed?", NEW_PROMPT)))

    result = run_cli("check", str(DECK))

    assert "quizgen now makes another text, so the edit is not applied" in result.stderr
    assert "and set each 'was' to the text now made" in result.stderr
    assert {q.id: q for q in load_and_check(DECK).generated.questions}[REWORDED].prompt == question.prompt


def test_an_entry_whose_question_is_gone_is_reported(project, run_cli):
    drop_and_reword()
    edit_sheet("  - id: mohamed-bazoum\n", "  - id: mohamed-bazoum\n    draft: true\n")

    result = run_cli("check", str(DECK))

    assert f"{REWORDED}: no longer made: its fact is a draft again: delete this entry" in result.stderr
    assert f"{DROPPED}: no longer made: its fact is a draft again: delete this entry" in result.stderr


def test_the_review_survives_an_edit_elsewhere_in_the_sheet(project, run_cli):
    drop_and_reword()
    edit_sheet("event: the military takeover in Mali", "event: the military coup in Mali")

    result = run_cli("check", "--strict", str(DECK))

    assert result.exit_code == 0, result.stderr
    applied = {q.id: q for q in load_and_check(DECK).generated.questions}
    assert applied[REWORDED].prompt == NEW_PROMPT and DROPPED not in applied


def test_an_entry_without_a_fact_hash_is_applied_and_asks_for_one(project, run_cli):
    question = generated()[DROPPED]
    REVIEW.write_text(f"questions:\n  {DROPPED}:\n    review: drop\n", encoding="utf-8")

    result = run_cli("check", str(DECK))

    assert (
        f"review.yaml:2:3: warning: {DROPPED}: no 'fact' hash: add fact: {hash_of(question)}" in result.stderr
    )
    assert DROPPED not in {q.id for q in load_and_check(DECK).generated.questions}


# --- Anki: a dropped note is retired, an edited one keeps its history ------------------------


def test_anki_retires_a_dropped_note_and_updates_an_edited_one_in_place(
    project, run_cli, tmp_path, monkeypatch
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    learner = Learner.create(tmp_path / "learner")
    try:
        assert run_cli("build").exit_code == 0
        learner.import_package(project / APKG)
        questions = generated()
        notes = learner.notes_by_guid()
        edited_note, dropped_note = notes[guid(questions[REWORDED])], notes[guid(questions[DROPPED])]
        card_id = edited_note.card_ids()[0]
        learner.answer(card_id)
        history = learner.schedule(card_id)
        count = len(notes)

        drop_and_reword()
        result = run_cli("build")
        assert result.exit_code == 0, result.output
        assert f"{DROPPED}: no longer made" in result.stderr
        log = learner.import_package(project / APKG)

        assert not log.new and not log.conflicting
        notes = learner.notes_by_guid()
        assert len(notes) == count, "no note added, none lost"
        assert NEW_PROMPT in notes[edited_note.guid]["Question"]
        assert learner.schedule(card_id) == history, "the learner keeps the card's history"
        assert RETIRED_TAG in notes[dropped_note.guid].tags
        assert [g for g, n in notes.items() if RETIRED_TAG in n.tags] == [dropped_note.guid]
    finally:
        learner.col.close()
