"""`quizgen preview`: generated questions as text for people and JSON for tools."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from quizgen.cli import main
from tests.anki_support import png
from tests.conftest import SEED_SHEET


def test_preview_shows_questions_answers_and_skipped_forms(project, run_cli):
    result = run_cli("preview", "decks/sahel")
    assert result.exit_code == 0, result.output
    assert "sahel/niger-coup-date/when  [recall]" in result.stdout
    assert "  A: 26 July 2023" in result.stdout
    assert "sahel/french-army/who_choice  [skipped] only 0 good wrong option(s)" in result.stdout


def test_preview_filters_by_form_and_kind(project, run_cli):
    result = run_cli("preview", "--form", "timeline", "--form", "choice")
    kinds = {
        re.search(r"\[(\w+)\]", line).group(1)
        for line in result.stdout.splitlines()
        if line.startswith("sahel/")
    }
    assert kinds == {"ordering", "choice", "skipped"}


def test_preview_json_is_the_question_model(project, run_cli):
    result = run_cli("preview", "--json", f"decks/sahel/{SEED_SHEET}")
    data = json.loads(result.stdout)
    by_id = {q["id"]: q for q in data["questions"]}
    choice = by_id["sahel/french-troops-in-niger/how_many_choice"]
    assert choice["kind"] == "choice" and choice["answer"] in choice["options"]
    assert choice["source"]["published"] == "2023-11-06"
    assert by_id["sahel/french-troops-in-niger/how_many_typed"]["tolerance"] == [1350.0, 1650.0]
    assert {s["id"] for s in data["skipped"]} >= {"sahel/gabon/who_choice"}


def test_preview_json_gives_an_image_as_its_path_from_the_working_directory(project, run_cli):
    deck_dir = project / "decks" / "sahel"
    (deck_dir / "img").mkdir()
    (deck_dir / "img" / "coup.png").write_bytes(png(90))
    sheet = deck_dir / SEED_SHEET
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(
        text.replace("    type: date\n", "    type: date\n    image: img/coup.png\n", 1), "utf-8"
    )

    result = run_cli("preview", "--json", "decks/sahel")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    images = {q["id"]: q["image"] for q in data["questions"]}
    assert images["sahel/niger-coup-date/when"] == "decks/sahel/img/coup.png"
    assert images["sahel/gabon/cloze"] is None
    assert "relative to the working directory" in data["about"]["image"]


def test_preview_of_a_broken_deck_reports_and_exits_1(project, run_cli):
    (project / "decks/sahel" / SEED_SHEET).write_text("facts: 3\n", encoding="utf-8")
    result = run_cli("preview")
    assert result.exit_code == 1
    assert "missing 'article'" in result.stderr


def test_preview_refuses_an_unknown_form_and_a_file_that_is_not_a_sheet(project, run_cli):
    result = CliRunner().invoke(main, ["preview", "--form", "chioce"])
    assert result.exit_code == 2 and "no form or kind 'chioce' (did you mean 'choice'?)" in result.output
    build = run_cli("build")
    assert build.exit_code == 0
    result = CliRunner().invoke(main, ["preview", "decks/sahel/anki-state.tsv"])
    assert result.exit_code == 2 and "anki-state.tsv is not a fact sheet of its deck" in result.output
