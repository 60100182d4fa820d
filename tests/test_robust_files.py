"""Only regular files are read, and only so much (issue 16): devices, pipes, oversized files and
images outside the project are clean problems, never a hang, a read without end or a leak.

Cases that hung before run quizgen in a subprocess with a timeout, so that a regression fails
the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_DECK, SEED_SHEET

SHEET = Path("decks") / SEED_DECK / SEED_SHEET
STATE = Path("decks") / SEED_DECK / "anki-state.tsv"
FIRST_EVENT = "    event: the coup in Niger that removed President Mohamed Bazoum\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def run_quizgen(
    project: Path, *args: str, timeout: float = 90, stdin=None, preexec_fn=None
) -> subprocess.CompletedProcess:
    """quizgen from this checkout in a subprocess; a hang fails the test at ``timeout``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        return subprocess.run(
            [sys.executable, "-m", "quizgen", *args],
            cwd=project,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=preexec_fn,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"quizgen {' '.join(args)} hung for {timeout} s")


def _clean_failure(result: subprocess.CompletedProcess, where: str, message: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, result.stderr
    assert re.search(rf"^{re.escape(where)}(:\d+)*: .*{re.escape(message)}", result.stderr, re.MULTILINE), (
        result.stderr
    )


def _add_image(path_text: str) -> None:
    text = SHEET.read_text(encoding="utf-8")
    SHEET.write_text(
        text.replace(FIRST_EVENT, FIRST_EVENT + f"    image: {path_text}\n", 1), encoding="utf-8"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_sheet_symlinked_to_a_device_is_a_problem(project, device):
    SHEET.unlink()
    SHEET.symlink_to(device)
    for command in ("check", "build"):
        result = run_quizgen(project, command)
        _clean_failure(result, str(SHEET), "cannot read: this is a device, not a regular file")


def test_a_state_file_symlinked_to_a_device_is_a_problem(project):
    STATE.symlink_to("/dev/zero")
    for command in ("check", "build"):
        result = run_quizgen(project, command)
        _clean_failure(result, str(STATE), "cannot read: this is a device, not a regular file")
    assert not (project / "build").exists()


def test_a_fifo_named_like_a_sheet_does_not_hang_check(project):
    os.mkfifo(SHEET.with_name("pipe.yaml"))
    result = run_quizgen(project, "check", timeout=60)
    _clean_failure(
        result, str(SHEET.with_name("pipe.yaml")), "this is a named pipe (FIFO), not a regular file"
    )


def test_a_state_file_over_the_size_limit_is_a_problem(project, run_cli, monkeypatch):
    from quizgen.export import anki_state

    monkeypatch.setattr(anki_state, "MAX_STATE_BYTES", 1000)
    assert run_cli("build").exit_code == 0
    for command in ("check", "build"):  # neither trusts the cache of the build that wrote it
        result = run_cli(command)
        assert result.exit_code == 1
        assert f"{STATE}: this file is larger than 1 KB, the most quizgen reads: restore it" in result.stderr


def test_an_image_at_an_absolute_path_outside_the_project_is_refused(project, run_cli, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    _add_image(str(outside))
    (project / "build").mkdir()
    for command in ("check", "build"):
        result = run_cli(command)
        assert result.exit_code == 1
        assert "image 'outside.png' is outside the project" in result.stderr
    assert list((project / "build").iterdir()) == []


def test_an_image_reached_by_dot_dot_is_refused(project, run_cli, tmp_path):
    (tmp_path / "up.png").write_bytes(PNG)
    _add_image("../../../up.png")
    result = run_cli("check")
    assert result.exit_code == 1 and "image 'up.png' is outside the project" in result.stderr


def test_an_image_symlinked_out_of_the_project_is_refused(project, run_cli, tmp_path):
    (tmp_path / "secret.png").write_bytes(PNG)
    (SHEET.parent / "inside.png").symlink_to(tmp_path / "secret.png")
    _add_image("inside.png")
    result = run_cli("check")
    assert result.exit_code == 1 and "image 'inside.png' is outside the project" in result.stderr


def test_an_image_inside_the_project_is_packed(project, run_cli):
    (project / "images").mkdir()
    (project / "images" / "map.png").write_bytes(PNG)
    _add_image("../../images/map.png")
    result = run_cli("build")
    assert result.exit_code == 0, result.stderr
    import zipfile

    with zipfile.ZipFile(project / "build" / "sahel.apkg") as package:
        assert PNG in [package.read(name) for name in package.namelist()]


def test_an_image_that_is_a_fifo_is_a_problem_not_a_hang(project):
    os.mkfifo(SHEET.parent / "pipe.png")
    _add_image("pipe.png")
    result = run_quizgen(project, "check", timeout=60)
    _clean_failure(result, str(SHEET), "this is a named pipe (FIFO), not a regular file")


def test_an_image_symlinked_to_a_device_is_outside_the_project(project):
    (SHEET.parent / "zero.png").symlink_to("/dev/zero")
    _add_image("zero.png")
    result = run_quizgen(project, "check")
    _clean_failure(result, str(SHEET), "image 'zero.png' is outside the project")


def test_a_temporary_is_told_from_other_files_by_its_name_alone(tmp_path):
    import os
    import tempfile

    from quizgen.files import is_temporary_of

    fd, name = tempfile.mkstemp(prefix=".deck.apkg.", suffix=".tmp", dir=tmp_path)
    os.close(fd)
    made = os.path.basename(name)
    assert is_temporary_of("deck.apkg", made)
    assert not is_temporary_of("deck.apk", made) and not is_temporary_of("eck.apkg", made)
    assert not is_temporary_of("deck.apkg", ".deck.apkg.ABCDEFGH.tmp")  # mkstemp writes lower case
    assert not is_temporary_of("deck.apkg", ".deck.apkg.abcdefg.tmp")  # seven letters
    assert not is_temporary_of("deck.apkg", "deck.apkg")
