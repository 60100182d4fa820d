"""``quizgen init``: the project it writes, its README, and what it refuses."""

from __future__ import annotations

import re

from click.testing import CliRunner, Result

from quizgen.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_readme_names_the_files_that_build_writes(tmp_path, monkeypatch):
    target = tmp_path / "p"
    assert run("init", str(target)).exit_code == 0
    readme = (target / "README.md").read_text(encoding="utf-8")
    monkeypatch.chdir(target)
    build = run("build")
    assert build.exit_code == 0, build.stderr
    built = {path.name for path in (target / "build").iterdir() if not path.name.startswith(".")}
    named = {name.replace("<deck>", "example") for name in re.findall(r"`build/([^`\s]+)`", readme)}
    assert built == {"example.apkg", "example-quiz-A.html", "example-study.html"}
    assert named == built
    assert "-quiz-B.html" in readme  # the further versions


def test_init_refuses_a_folder_that_is_not_empty_and_a_file(tmp_path):
    folder = tmp_path / "my-decks"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("init", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{folder}: this folder is not empty: quizgen init writes a new project into a new or empty folder\n"
    )
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    result = run("init", str(afile))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{afile}: this is a file: quizgen init writes a new project into a new or empty folder\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
