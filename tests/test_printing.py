"""The ``quiz`` command: settings from deck.yaml and the command line, files written, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.model import QuizSettings
from quizgen.printing import parse_forms, quiz_settings
from tests.conftest import SEED_DECK, SEED_SHEET

DECK_YAML = Path("decks") / SEED_DECK / "deck.yaml"


def _set_quiz(block: str) -> None:
    """Replace the seed deck's quiz: mapping with ``block``."""
    text = DECK_YAML.read_text(encoding="utf-8")
    head = text[: text.index("\nquiz:\n")] if "\nquiz:\n" in text else text.rstrip("\n")
    DECK_YAML.write_text(f"{head}\n{block}", encoding="utf-8")


def _line_of(text: str) -> int:
    return next(i for i, line in enumerate(DECK_YAML.read_text().splitlines(), 1) if text in line)


def test_quiz_writes_the_versions_of_deck_yaml_and_the_study_sheet(project, run_cli):
    result = run_cli("quiz", "decks/sahel", "--out", "out")
    assert result.exit_code == 0, result.output
    written = [
        "out/sahel-quiz-A.html",
        "out/sahel-quiz-A-key.html",
        "out/sahel-quiz-B.html",
        "out/sahel-quiz-B-key.html",
        "out/sahel-study.html",
    ]
    assert result.stdout.split() == [w for path in written for w in ("wrote", path)]
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted(Path(p).name for p in written)


def test_same_seed_gives_byte_identical_files(project, run_cli):
    run_cli("quiz", "decks/sahel", "--seed", "spring", "--out", "one")
    run_cli("quiz", "decks/sahel", "--seed", "spring", "--out", "two")
    run_cli("quiz", "decks/sahel", "--seed", "autumn", "--out", "three")
    for name in ("sahel-quiz-A.html", "sahel-quiz-B.html", "sahel-study.html"):
        assert (project / "one" / name).read_bytes() == (project / "two" / name).read_bytes()
    assert (project / "one" / "sahel-quiz-A.html").read_bytes() != (
        project / "three" / "sahel-quiz-A.html"
    ).read_bytes()


def test_command_line_overrides_deck_yaml(project, run_cli):
    _set_quiz("quiz:\n  versions: 3\n  paper: letter\n  forms: [choice]\n  seed: 5\n")
    result = run_cli("quiz", "decks/sahel", "--out", "out")
    assert result.exit_code == 0, result.output
    page = (project / "out" / "sahel-quiz-C.html").read_text(encoding="utf-8")
    assert "size: letter;" in page and 'class="q q-choice"' in page and 'class="q q-cloze"' not in page
    result = run_cli(
        "quiz",
        "decks/sahel",
        "--out",
        "out2",
        "--versions",
        "1",
        "--paper",
        "a4",
        "--forms",
        "cloze,matching",
    )
    assert result.exit_code == 0, result.output
    page = (project / "out2" / "sahel-quiz-A.html").read_text(encoding="utf-8")
    assert "size: A4;" in page and 'class="q q-choice"' not in page
    assert 'class="q q-cloze"' in page and 'class="q q-matching"' in page
    assert not (project / "out2" / "sahel-quiz-B.html").exists()


def test_count_picks_that_many_questions(project, run_cli):
    result = run_cli("quiz", "decks/sahel", "--count", "7", "--versions", "1", "--out", "out")
    assert result.exit_code == 0, result.output
    page = (project / "out" / "sahel-quiz-A.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<div class="q q-', page)) == 7
    score = int(re.search(r"/ (\d+)</em>", page).group(1))
    assert score >= 7  # one mark per item, one per pair or event of matching and timeline items


def test_build_uses_the_decks_quiz_settings(project, run_cli):
    _set_quiz("quiz:\n  versions: 3\n  paper: letter\n")
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    for version in "ABC":
        page = (project / "build" / f"sahel-quiz-{version}.html").read_text(encoding="utf-8")
        assert "size: letter;" in page
    assert (project / "build" / "sahel-study.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--versions", "0"], "Invalid value for '--versions'"),
        (["--versions", "27"], "Invalid value for '--versions'"),
        (["--paper", "a5"], "Invalid value for '--paper'"),
        (["--count", "0"], "Invalid value for '--count'"),
        (["--forms", "choise"], "'choise' is not a quiz form: use any of choice, true_false"),
        (["--colour"], "No such option '--colour'"),
    ],
)
def test_bad_options_are_usage_errors(project, run_cli, args, message):
    result = run_cli("quiz", "decks/sahel", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Usage: " in result.stderr
    assert not (project / "build").exists()


def test_bad_quiz_settings_give_path_line_messages(project, run_cli):
    _set_quiz("quiz:\n  versions: many\n  papper: a4\n")
    result = run_cli("quiz", "decks/sahel", "--out", "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (
        f"{DECK_YAML}:{_line_of('versions: many')}:13: 'versions': expected a whole number" in result.stderr
    )
    assert (
        f"{DECK_YAML}:{_line_of('papper')}:3: unknown key 'papper' in quiz settings (did you mean 'paper'?)"
        in (result.stderr)
    )
    assert not (project / "out").exists()


def test_a_broken_fact_sheet_prints_nothing(project, run_cli):
    sheet = Path("decks") / SEED_DECK / SEED_SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("value: 1500", "value: lots"), encoding="utf-8"
    )
    result = run_cli("quiz", "decks/sahel", "--out", "out")
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(sheet))}:\d+:\d+: 'value': expected a number", result.stderr, re.M)
    assert "sahel: not printed" in result.stderr
    assert not (project / "out").exists()


def test_not_a_deck(project, run_cli):
    result = run_cli("quiz", "source_articles")
    assert result.exit_code == 1
    assert "source_articles: not a deck" in result.stderr


def test_no_questions_of_the_forms_asked_for(project, run_cli):
    _set_quiz("quiz:\n  forms: [ordering]\n")
    sheet = Path("decks") / SEED_DECK / SEED_SHEET
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("    type: date\n", "    type: date\n    draft: true\n"), encoding="utf-8")
    result = run_cli("quiz", "decks/sahel", "--out", "out")
    assert result.exit_code == 1
    assert f"{DECK_YAML}:1: the quiz would be empty: no question of the forms ordering" in result.stderr


def test_pdf_without_chromium_says_how_to_install_it(project, run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no chromium on it
    result = run_cli("quiz", "decks/sahel", "--pdf", "--out", "out")
    assert result.exit_code == 1
    assert "no 'chromium' command was found" in result.stderr
    assert "apt-get install chromium" in result.stderr
    assert not (project / "out").exists()


def test_settings_helpers():
    assert parse_forms(["choice, cloze", "choice", "matching"]) == ("choice", "cloze", "matching")
    with pytest.raises(ValueError, match="did you mean 'cloze'"):
        parse_forms(["clozes"])
    base = QuizSettings(versions=2, seed="x", paper="letter")
    assert quiz_settings(base, versions=None, seed="y", forms=()) == QuizSettings(2, "y", "letter")


def test_quiz_out_naming_a_file_is_a_problem_and_writes_nothing(project, run_cli):
    (project / "taken").write_text("a file", encoding="utf-8")
    result = run_cli("quiz", "decks/sahel", "--out", "taken")
    assert result.exit_code == 1
    assert "taken: cannot write: not a folder" in result.stderr
    assert (project / "taken").read_text(encoding="utf-8") == "a file"


def test_quiz_with_a_folder_in_the_way_replaces_nothing(project, run_cli):
    assert run_cli("quiz", "decks/sahel", "--out", "out").exit_code == 0
    before = (project / "out" / "sahel-quiz-A.html").read_bytes()
    (project / "out" / "sahel-study.html").unlink()
    (project / "out" / "sahel-study.html").mkdir()
    result = run_cli("quiz", "decks/sahel", "--out", "out", "--seed", "other")
    assert result.exit_code == 1 and "sahel-study.html: cannot write" in result.stderr
    assert (project / "out" / "sahel-quiz-A.html").read_bytes() == before
    assert not [p for p in (project / "out").iterdir() if p.name.endswith(".tmp")]


def test_quiz_format_writes_the_platform_files_of_one_assembled_quiz(project, run_cli):
    result = run_cli("quiz", "decks/sahel", "--out", "out", "--format", "moodle,gift", "--format", "csv")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (project / "out").iterdir())
    assert names == ["sahel-gift.txt", "sahel-moodle.xml", "sahel-questions.csv"]
    ids = set(re.findall(r"<idnumber>([^<]+)</idnumber>", (project / "out" / "sahel-moodle.xml").read_text()))
    rows = (project / "out" / "sahel-questions.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(ids) == len(rows) > 0  # the same questions in every format
    for line in rows:
        assert line.split(",")[3] in ids


def test_quiz_format_unknown_is_refused_with_a_suggestion(project, run_cli):
    result = run_cli("quiz", "decks/sahel", "--out", "out", "--format", "mood")
    assert result.exit_code == 2
    assert "'mood' is not a format" in result.output and "did you mean 'moodle'" in result.output
    assert not (project / "out").exists()


def test_build_writes_the_formats_deck_yaml_chooses(project, run_cli):
    text = DECK_YAML.read_text(encoding="utf-8")
    DECK_YAML.write_text(text + "formats: [worksheet, kahoot, canvas, quizlet]\n", encoding="utf-8")
    result = run_cli("build", "decks/sahel", "--out", "out")
    assert result.exit_code == 0, result.output
    names = {p.name for p in (project / "out").iterdir()}
    assert {"sahel-kahoot.xlsx", "sahel-canvas-qti.zip", "sahel-quizlet.txt", "sahel-quiz-A.html"} <= names
    assert "sahel.apkg" not in names
    assert "kahoot: question" in result.output and "left out" in result.output
