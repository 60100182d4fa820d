"""End-to-end tests of the command line: check and build on good and bad inputs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.export import anki
from tests.conftest import SEED_DECK, SEED_SHEET

SHEET = Path("decks") / SEED_DECK / SEED_SHEET
FIRST_FACT = "  - id: niger-coup-date\n"


def _edit(old: str, new: str, path: Path = SHEET) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(text: str, path: Path = SHEET) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_check_clean_seed_deck(project, run_cli):
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_build_writes_apkg_quiz_and_state(project, run_cli):
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    built = ("build/sahel.apkg", "build/sahel-quiz-A.html", "build/sahel-study.html")
    for path in (*built, "decks/sahel/anki-state.tsv"):
        assert (project / path).stat().st_size > 0
        assert path in result.stdout
    assert not list((project / "build").glob(".*tmp")), "temporary files left behind"


BAD_INPUTS = {
    "yaml syntax error": (lambda: _edit("    type: date\n", "    type: [date\n"), "YAML syntax error"),
    "empty file": (lambda: SHEET.write_text("", encoding="utf-8"), "the file is empty"),
    "unknown key": (lambda: _edit("    event: the coup", "    evnet: the coup"), "did you mean 'event'"),
    "wrong type": (lambda: _edit("    value: 1500", "    value: lots"), "expected a number"),
    "missing evidence": (
        lambda: _edit(
            '    evidence: "following military takeovers in Mali in 2020 and Burkina Faso in 2022"\n'
            '    gap: "2020"\n',
            '    gap: "2020"\n',
        ),
        "missing 'evidence'",
    ),
    "evidence not in article": (
        lambda: _edit("Currently, around 1,500 French", "Currently, around 2,500 French"),
        "not in the article",
    ),
    "duplicate id": (lambda: _edit("  - id: mali-takeover-year", "  - id: niger-coup-date"), "duplicate id"),
    "impossible date": (lambda: _edit("    date: 2023-07-26", "    date: 2023-02-30"), "does not exist"),
    "missing article file": (
        lambda: _edit("article: 2023-11-06-french", "article: 2023-11-07-french"),
        "not found",
    ),
    "alias bomb": (
        lambda: SHEET.write_text(
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
            ),
            encoding="utf-8",
        ),
        "aliases",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_input_reports_path_line_and_exits_1(project, run_cli, case, command):
    (project / "build").mkdir()
    (project / "build" / "sahel.apkg").write_bytes(b"earlier build")
    mutate, message = BAD_INPUTS[case]
    mutate()
    result = run_cli(command)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    pattern = rf"^{re.escape(str(SHEET))}:\d+(:\d+)?: .*{re.escape(message)}"
    assert re.search(pattern, result.stderr, re.MULTILINE), result.stderr
    # Nothing already built is lost, nothing new is written for the broken deck.
    assert (project / "build" / "sahel.apkg").read_bytes() == b"earlier build"
    assert not (project / "build" / "sahel-quiz-A.html").exists()


def test_error_points_at_the_offending_line(project, run_cli):
    _edit("    value: 1500", "    value: lots")
    result = run_cli("check")
    assert f"{SHEET}:{_line_of('value: lots')}:12: 'value': expected a number" in result.stderr


def test_check_reports_every_problem_in_one_run(project, run_cli):
    _edit("    event: the coup", "    evnet: the coup")
    _edit("    date: 2020", "    date: 2020-13")
    _edit("  - id: gabon", "  - id: mohamed-bazoum")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "evnet" in result.stderr and "month 13" in result.stderr and "duplicate id" in result.stderr


def test_a_value_its_evidence_contradicts_fails_check_and_build(project, run_cli):
    _edit("    value: 1500", "    value: 1600")
    result = run_cli("check")
    assert result.exit_code == 1
    line = _line_of("value: 1600")
    assert f"{SHEET}:{line}:5: the value of 'french-troops-in-niger' is not visible" in result.stderr
    assert "its evidence gives 1,500 ('around 1,500'): correct the value" in result.stderr
    assert run_cli("build").exit_code == 1


def test_a_value_simply_not_found_in_its_evidence_is_a_warning(project, run_cli):
    _edit("    name: Gabon\n", "    name: the Gabonese state\n")
    result = run_cli("check")
    assert result.exit_code == 0
    assert "warning: the value of 'gabon' is not visible in its evidence" in result.stderr
    assert run_cli("check", "--strict").exit_code == 1


def test_check_names_a_path_that_is_not_a_deck(project, run_cli):
    result = run_cli("check", "nowhere")
    assert result.exit_code == 1
    assert "nowhere: no such file or folder" in result.stderr


def test_one_broken_deck_does_not_stop_the_others(project, run_cli):
    other = project / "decks" / "other"
    other.mkdir()
    (other / "deck.yaml").write_text("name: Other\n", encoding="utf-8")
    (other / "sheet.yaml").write_text("article: missing.md\nfacts: []\n", encoding="utf-8")
    result = run_cli("build")
    assert result.exit_code == 1
    assert (project / "build" / "sahel.apkg").exists()
    assert not (project / "build" / "other.apkg").exists()


def test_an_unexpected_failure_in_one_deck_is_reported_and_the_others_still_build(
    project, run_cli, monkeypatch
):
    shutil.copytree(project / "decks" / SEED_DECK, project / "decks" / "a-first")  # sorts first
    real = anki.plan_notes

    def plan_notes(deck, *args, **kwargs):
        if deck.settings.key == "a-first":
            raise RuntimeError("something nobody expected")
        return real(deck, *args, **kwargs)

    monkeypatch.setattr(anki, "plan_notes", plan_notes)  # a fault injected into one deck only
    result = run_cli("build")

    assert result.exit_code == 1
    assert "a-first: not built: unexpected error (RuntimeError: something nobody expected" in result.stderr
    assert "wrote build/sahel.apkg" in result.stdout and (project / "build" / "sahel.apkg").exists()
    assert not (project / "build" / "a-first.apkg").exists()


def test_python_dash_m_runs_without_traceback(project):
    _edit("    date: 2023-07-26", "    date: 2023-02-30")
    proc = subprocess.run(
        [sys.executable, "-m", "quizgen", "check"], capture_output=True, text=True, cwd=project
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "2023-02-30 does not exist: February 2023 has 28 days" in proc.stderr


def test_check_finds_a_damaged_state_file_as_build_would(project, run_cli):
    assert run_cli("build").exit_code == 0
    state = project / "decks" / "sahel" / "anki-state.tsv"
    lines = state.read_text(encoding="utf-8").splitlines()
    state.write_text("\n".join([*lines[:2], "not\ta state line", *lines[2:]]) + "\n", encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli(command)
        assert result.exit_code == 1
        assert "decks/sahel/anki-state.tsv:3: damaged state line" in result.stderr
