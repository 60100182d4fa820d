"""quiz, migrate and new take the deck's lock as build does (issue 16), and migrate rewrites a
sheet all or nothing: a new file renamed over it, with its line endings and permissions."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from quizgen import files
from tests.conftest import REPO, SEED_DECK, SEED_SHEET
from tests.test_robust_build import _quizgen, _snapshot
from tests.test_robust_files import run_quizgen

DECK_DIR = Path("decks") / SEED_DECK
SHEET = DECK_DIR / SEED_SHEET
V1_SEED = REPO / "tests" / "golden" / "sahel-v1.yaml"
WAITING = "waiting for another quizgen run on this deck to finish…\n"


def _while_locked(project: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start quizgen while the deck is locked as another run would lock it; returns it and its
    first line once it has said that it waits, having changed nothing meanwhile. The lock is
    released on return."""
    before = _snapshot(project)
    holder = os.open(project / DECK_DIR, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        run = _quizgen(*args, cwd=project)
        try:
            assert run.stderr is not None
            said = run.stderr.readline()  # its first word; EOF if it ran to its end
            assert said.endswith(WAITING), said
            assert run.poll() is None and _snapshot(project) == before
        except BaseException:
            run.kill()
            raise
    finally:
        os.close(holder)
    return run, said


# --- quiz ------------------------------------------------------------------------------------


def test_quiz_waits_while_another_run_holds_the_deck(project):
    run, said = _while_locked(project, "quiz", str(DECK_DIR))
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert said == f"{SEED_DECK}: {WAITING}"
    assert (project / "build" / "sahel-quiz-A.html").is_file(), out


def test_quiz_gives_up_when_the_lock_is_held_too_long_and_writes_nothing(project, run_cli, monkeypatch):
    monkeypatch.setattr(files, "LOCK_WAIT", 0.3)
    (project / "build").mkdir()
    with files.locked(project / DECK_DIR):
        result = run_cli("quiz", str(DECK_DIR))
    assert result.exit_code == 1
    assert f"{DECK_DIR}: another quizgen build of this deck has been running" in result.stderr
    assert "then run quizgen quiz again" in result.stderr
    assert list((project / "build").iterdir()) == []


# --- migrate ---------------------------------------------------------------------------------


def test_migrate_waits_while_another_run_holds_the_deck(project):
    shutil.copy(V1_SEED, SHEET)
    run, said = _while_locked(project, "migrate")
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert said == f"{DECK_DIR}: {WAITING}"
    assert SHEET.read_text(encoding="utf-8") != V1_SEED.read_text(encoding="utf-8")
    assert "version: 2\n" in SHEET.read_text(encoding="utf-8")


def test_migrate_gives_up_when_the_lock_is_held_too_long(project, run_cli, monkeypatch):
    monkeypatch.setattr(files, "LOCK_WAIT", 0.3)
    shutil.copy(V1_SEED, SHEET)
    with files.locked(project / DECK_DIR):
        result = run_cli("migrate")
    assert result.exit_code == 1
    assert "then run quizgen migrate again" in result.stderr
    assert SHEET.read_bytes() == V1_SEED.read_bytes()


def test_migrate_that_cannot_write_leaves_the_sheet_whole_and_names_the_cause(project):
    shutil.copy(V1_SEED, SHEET)

    def limit() -> None:  # a file-size limit below the sheet: its new text cannot be written
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, 2_000))

    run = _quizgen("migrate", cwd=project, preexec_fn=limit)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert f"{SHEET}: cannot write: File too large: a file-size limit (ulimit -f) stops it" in err
    assert "the sheet is unchanged" in err
    assert SHEET.read_bytes() == V1_SEED.read_bytes()
    assert sorted(p.name for p in DECK_DIR.iterdir()) == ["deck.yaml", SEED_SHEET]  # no temporary file


def test_migrate_keeps_the_sheets_line_endings_and_permissions(project, run_cli):
    SHEET.write_bytes(V1_SEED.read_bytes().replace(b"\n", b"\r\n"))
    SHEET.chmod(0o664)
    result = run_cli("migrate")
    assert result.exit_code == 0, result.stderr
    data = SHEET.read_bytes()
    assert b"version: 2\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert stat.S_IMODE(SHEET.stat().st_mode) == 0o664


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_migrate_reads_only_regular_files(project, kind):
    odd = DECK_DIR / "odd.yaml"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    result = run_quizgen(project, "migrate", timeout=60)
    assert result.returncode == 1, result.stderr
    what = "a named pipe (FIFO)" if kind == "fifo" else "a device"
    assert f"{odd}: cannot read: this is {what}, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


# --- new -------------------------------------------------------------------------------------


def test_new_waits_while_another_run_holds_the_deck(project):
    # Two drafts into one deck at once must not take the same ids: the second reads the first.
    article = Path("source_articles") / "2023-11-06-french-army-niger-withdrawal-talks.md"
    out_sheet = str(DECK_DIR / "d.yaml")
    run, said = _while_locked(project, "new", str(article), "--deck", SEED_DECK, "--out", out_sheet)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert said == f"{DECK_DIR}: {WAITING}"
    assert (DECK_DIR / "d.yaml").is_file()
