"""pipeline.build_deck writes a deck's outputs as one set: all of them, or none."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED_DECK, SEED_SHEET

STATE = Path("decks") / SEED_DECK / "anki-state.tsv"
APKG = Path("build") / f"{SEED_DECK}.apkg"


def _leftovers(root: Path) -> list[Path]:
    return [p for folder in ("build", f"decks/{SEED_DECK}") for p in (root / folder).glob(".*.tmp")]


def _reword_the_seed_sheet() -> None:
    sheet = Path("decks") / SEED_DECK / SEED_SHEET
    text = sheet.read_text(encoding="utf-8")
    assert "event: the coup in Niger that" in text
    sheet.write_text(text.replace("event: the coup in Niger that", "event: the military coup in Niger that"))


def test_a_folder_in_the_way_of_one_output_replaces_nothing(project, run_cli):
    assert run_cli("build").exit_code == 0
    apkg, state = (project / APKG).read_bytes(), (project / STATE).read_bytes()
    quiz = project / "build" / f"{SEED_DECK}-quiz-A.html"
    quiz.unlink()
    quiz.mkdir()  # written after the .apkg: its failure must not leave a new .apkg beside an old state
    _reword_the_seed_sheet()  # so that a build would change both the package and the state file

    result = run_cli("build")

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"build/{SEED_DECK}-quiz-A.html: cannot write: Is a directory" in result.stderr
    assert f"{SEED_DECK}: not built (1 error(s))" in result.stderr
    assert (project / APKG).read_bytes() == apkg
    assert (project / STATE).read_bytes() == state
    assert not _leftovers(project), "temporary files left behind"
    quiz.rmdir()
    assert run_cli("build").exit_code == 0 and (project / STATE).read_bytes() != state


def test_out_pointing_at_a_file_is_a_problem_and_writes_nothing(project, run_cli):
    (project / "notes.txt").write_text("mine", encoding="utf-8")

    result = run_cli("build", "--out", "notes.txt")

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "notes.txt: cannot write: not a folder" in result.stderr
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (project / STATE).exists(), "the state file is written only with the package"
    assert not _leftovers(project)


def test_out_pointing_at_dev_null_is_a_problem(project, run_cli):
    result = run_cli("build", "--out", "/dev/null")

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "/dev/null: cannot write: not a folder" in result.stderr
    assert not (project / STATE).exists()
