"""Faults around a build (issue 16): concurrent builds, killed builds, outputs no longer built,
and a disk that fills up."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen import files
from tests.conftest import REPO, SEED_DECK, SEED_SHEET

DECK_DIR = Path("decks") / SEED_DECK
DECK = DECK_DIR / "deck.yaml"
SHEET = DECK_DIR / SEED_SHEET
STATE = DECK_DIR / "anki-state.tsv"
BUILD = Path("build")


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file of build/ and the deck folder, by path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in (root / "build", root / DECK_DIR)
        if folder.exists()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _reword() -> None:
    text = SHEET.read_text(encoding="utf-8")
    SHEET.write_text(text.replace("the coup in Niger that", "the military coup in Niger that", 1), "utf-8")


def _set_versions(count: int) -> None:
    text = DECK.read_text(encoding="utf-8")
    lines = [f"  versions: {count}" if line.startswith("  versions:") else line for line in text.splitlines()]
    DECK.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _quizgen(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "quizgen", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kwargs,
    )


# --- the lock -------------------------------------------------------------------------------


def test_a_build_waits_while_another_holds_the_deck(project, run_cli):
    assert run_cli("build").exit_code == 0
    _reword()
    before = _snapshot(project)
    # The lock is flock on the deck folder itself: hold it as another build would.
    holder = os.open(project / DECK_DIR, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        build = _quizgen("build")
        try:
            assert build.stderr is not None
            said = build.stderr.readline()  # the build's first word; EOF if it ran to its end
            assert said == "sahel: waiting for another build of this deck to finish…\n", said
            assert build.poll() is None and _snapshot(project) == before
        except BaseException:
            build.kill()
            raise
    finally:
        os.close(holder)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 0, err
    assert _snapshot(project) != before


def test_a_build_gives_up_when_the_lock_is_held_too_long(project, run_cli, monkeypatch):
    monkeypatch.setattr(files, "LOCK_WAIT", 0.3)
    (project / "build").mkdir()
    with files.locked(project / DECK_DIR):
        result = run_cli("build")
    assert result.exit_code == 1
    assert f"{DECK_DIR}: another quizgen build of this deck has been running" in result.stderr
    assert list((project / "build").iterdir()) == []


# --- what a killed build leaves --------------------------------------------------------------


@pytest.mark.parametrize("decks", [1, 2])  # two: the output folders are listed once for both
def test_the_next_build_removes_a_killed_builds_temporary_files(project, run_cli, decks):
    (project / "build" / ".quizgen").mkdir(parents=True)
    stale = [
        BUILD / ".sahel.apkg.k2j4h6g8.tmp",
        BUILD / ".sahel-quiz-A.html.abcdefgh.tmp",
        BUILD / ".quizgen" / ".sahel.json.a1b2c3d4.tmp",
        DECK_DIR / ".anki-state.tsv.x_y1z2w3.tmp",
    ]
    users = [BUILD / ".notes.tmp", BUILD / ".sahel.apkg.mine.tmp", DECK_DIR / "draft.tmp"]
    if decks == 2:
        shutil.copytree(DECK_DIR, DECK_DIR.parent / "second")
        stale += [BUILD / ".second.apkg.q1w2e3r4.tmp", BUILD / ".quizgen" / ".second.json.zzzzzzzz.tmp"]
    for path in stale + users:
        path.write_text("left over")
    result = run_cli("build", "-j", "1")
    assert f"built {decks} deck" in result.stderr
    assert result.exit_code == 0, result.stderr
    assert [p for p in stale if p.exists()] == []
    assert all(p.read_text() == "left over" for p in users)


# --- outputs no longer built -------------------------------------------------------------------


def test_lowering_versions_removes_the_versions_no_longer_built(project, run_cli):
    _set_versions(3)
    assert run_cli("build").exit_code == 0
    assert (project / BUILD / "sahel-quiz-C.html").exists()
    (project / BUILD / "mine.html").write_text("a user's file")
    _set_versions(2)
    result = run_cli("build")
    assert result.exit_code == 0
    assert not (project / BUILD / "sahel-quiz-C.html").exists()
    assert "sahel: removed build/sahel-quiz-C.html: no longer built" in result.stderr
    assert (project / BUILD / "sahel-quiz-B.html").exists()
    assert (project / BUILD / "mine.html").read_text() == "a user's file"


def test_an_output_the_user_changed_is_kept(project, run_cli):
    _set_versions(3)
    assert run_cli("build").exit_code == 0
    (project / BUILD / "sahel-quiz-C.html").write_text("my notes on version C")
    _set_versions(2)
    result = run_cli("build")
    assert result.exit_code == 0
    assert (project / BUILD / "sahel-quiz-C.html").read_text() == "my notes on version C"
    assert (
        "left build/sahel-quiz-C.html: no longer built, but changed since quizgen wrote it" in result.stderr
    )


def test_dropping_a_format_removes_its_outputs_but_never_the_state_file(project, run_cli):
    assert run_cli("build").exit_code == 0
    DECK.write_text(DECK.read_text(encoding="utf-8") + "formats: [worksheet]\n", encoding="utf-8")
    result = run_cli("build")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (project / BUILD).iterdir() if not p.name.startswith(".")) == [
        "sahel-quiz-A-key.html",
        "sahel-quiz-A.html",
        "sahel-quiz-B-key.html",
        "sahel-quiz-B.html",
    ]
    assert (project / STATE).stat().st_size > 0


def test_a_failed_build_removes_nothing(project, run_cli):
    _set_versions(3)
    assert run_cli("build").exit_code == 0
    _set_versions(2)
    text = SHEET.read_text(encoding="utf-8")
    SHEET.write_text(text.replace("    value: 1500", "    value: lots"), "utf-8")
    before = _snapshot(project)
    assert run_cli("build").exit_code == 1
    assert _snapshot(project) == before


def test_a_damaged_record_removes_nothing(project, run_cli):
    _set_versions(3)
    assert run_cli("build").exit_code == 0
    record = files.record_path(project / BUILD, SEED_DECK)
    record.write_text('{"deck": "elsewhere", "outputs": {"../../etc/x": "0"}}')
    _set_versions(2)
    assert run_cli("build").exit_code == 0
    assert (project / BUILD / "sahel-quiz-C.html").exists()


# --- a full disk ---------------------------------------------------------------------------


def test_a_file_size_limit_while_anki_writes_names_its_cause(project, run_cli):
    assert run_cli("build").exit_code == 0
    _reword()
    before = _snapshot(project)

    def limit() -> None:  # far below the Anki collection, above every other output
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    build = _quizgen("build", cwd=project, preexec_fn=limit)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 1
    assert "unexpected error" not in err and "Traceback" not in err
    assert "build/sahel.apkg: cannot write: the Anki collection could not be written" in err
    assert "(SQLite: " in err and "the disk may be full, or a file-size limit (ulimit -f) reached" in err
    assert _snapshot(project) == before


@pytest.mark.parametrize(
    ("code", "hint"),
    [(28, "free some space on that disk"), (27, "a file-size limit (ulimit -f) stops it")],
)
def test_write_errors_name_their_cause_and_fix(code, hint):
    message = files.cannot_write(OSError(code, os.strerror(code)))
    assert message.startswith(f"cannot write: {os.strerror(code)}: {hint}")


def test_the_state_file_is_never_taken_for_a_stale_output_even_below_out(project, run_cli):
    # With --out . the deck's state file lies below the output folder: it is still not an output
    # that build may remove when the anki format is dropped.
    assert run_cli("build", "--out", ".").exit_code == 0
    DECK.write_text(DECK.read_text(encoding="utf-8") + "formats: [worksheet]\n", encoding="utf-8")
    result = run_cli("build", "--out", ".")
    assert result.exit_code == 0, result.stderr
    assert not (project / "sahel.apkg").exists()
    assert (project / STATE).stat().st_size > 0
