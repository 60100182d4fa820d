"""add-article and new on hostile input (issue 16): deep front matter, huge articles, devices and
endless standard input, and decks whose sheets are deep or pipes, are clean problems at once."""

from __future__ import annotations

import os
import re
import resource
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from tests.test_robust_files import run_quizgen

ARTICLE = Path("source_articles") / "2023-11-06-french-army-niger-withdrawal-talks.md"


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _deep_front_matter() -> str:
    return "---\ntitle: " + "[" * 1000 + "]" * 1000 + "\npublished: 2024-01-02\nsource: x\n---\nSome text.\n"


def test_add_article_from_stdin_with_deep_front_matter_is_a_problem(project):
    result = _run("add-article", "-", input=_deep_front_matter())
    assert result.exit_code == 1
    assert "<stdin>:2:" in result.stderr and "nested more than 20 levels deep" in result.stderr
    assert sorted(p.name for p in (project / "source_articles").iterdir()) == [ARTICLE.name]


def test_add_article_from_a_file_with_deep_front_matter_is_a_problem(project):
    Path("pasted.md").write_text(_deep_front_matter(), encoding="utf-8")
    result = _run("add-article", "pasted.md")
    assert result.exit_code == 1
    assert "pasted.md:2:" in result.stderr and "nested more than" in result.stderr


def test_new_with_deep_front_matter_is_a_problem(project):
    Path("pasted.md").write_text(_deep_front_matter(), encoding="utf-8")
    result = _run("new", "pasted.md", "--deck", "sahel")
    assert result.exit_code == 1
    assert "pasted.md:2:" in result.stderr and "nested more than" in result.stderr


def test_new_on_a_ten_megabyte_article_is_refused_before_drafting(project):
    body = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    Path("huge.txt").write_text("date 2023-11-06\n" + body * (10_000_000 // len(body)), encoding="utf-8")
    result = _run("new", "huge.txt", "--deck", "sahel")
    assert result.exit_code == 1
    assert "the article is larger than 500 KB, the most quizgen reads" in result.stderr
    assert sorted(p.name for p in (project / "source_articles").iterdir()) == [ARTICLE.name]
    assert sorted(p.name for p in (project / "decks" / "sahel").iterdir()) == [
        "deck.yaml",
        "french-army-niger-withdrawal-talks.yaml",
    ]


# --- new reads the deck's sheets as the loader does (no recursion, no hang) -------------------

DECK_DIR = Path("decks") / "sahel"


def _pasted() -> Path:
    """The seed article as pasted text with a date line, outside source_articles/."""
    body = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    Path("pasted.txt").write_text("date 2023-11-06\n" + body, encoding="utf-8")
    return Path("pasted.txt")


def _deck_files(project: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(project)): p.read_bytes()
        for folder in ("decks", "source_articles")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


def test_new_beside_a_sheet_nested_2000_deep_is_a_problem_at_its_line(project):
    (DECK_DIR / "deep.yaml").write_text("facts:\n  - id: x\n    tags: " + "[" * 2000 + "]" * 2000 + "\n")
    before = _deck_files(project)
    result = _run("new", str(_pasted()), "--deck", "sahel", "--out", "decks/sahel/draft.yaml")
    assert result.exit_code == 1
    assert f"{DECK_DIR / 'deep.yaml'}:3:" in result.stderr and "nested more than 20 levels" in result.stderr
    assert "cannot read deep.yaml: fix it (quizgen check decks/sahel lists every problem)" in result.stderr
    assert "Traceback" not in result.output and _deck_files(project) == before


def test_new_beside_a_fifo_named_like_a_sheet_is_a_problem_not_a_hang(project):
    os.mkfifo(DECK_DIR / "pipe.yaml")
    before = _deck_files(project)
    out = ("--out", "decks/sahel/draft.yaml")
    result = run_quizgen(project, "new", str(_pasted()), "--deck", "sahel", *out, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"{DECK_DIR / 'pipe.yaml'}: cannot read: this is a named pipe (FIFO)" in result.stderr
    assert "Traceback" not in result.stderr and _deck_files(project) == before


def test_new_still_never_repeats_the_ids_of_a_sheet_with_other_problems(project):
    # A sheet that reads as YAML but not as a fact sheet (no article, an unknown type): its ids count.
    (DECK_DIR / "broken.yaml").write_text(
        "facts:\n  - {id: date-1, type: nope}\n  - id: number-1\n  - id: actor-1\n", encoding="utf-8"
    )
    result = _run("new", str(_pasted()), "--deck", "sahel", "--out", "decks/sahel/draft.yaml")
    assert result.exit_code == 0, result.stderr
    ids = set(re.findall(r"^  - id: (\S+)$", (DECK_DIR / "draft.yaml").read_text(encoding="utf-8"), re.M))
    assert ids and not ids & {"date-1", "number-1", "actor-1"}


# --- new and add-article read at most what an article may hold ---------------------------------


def _limited_memory() -> None:  # far above what quizgen needs, far below what /dev/zero would take
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _quizgen(project: Path, *args: str, stdin=None) -> subprocess.CompletedProcess:
    return run_quizgen(project, *args, stdin=stdin, preexec_fn=_limited_memory)


@pytest.mark.parametrize(
    "args",
    [("new", "/dev/zero", "--deck", "sahel"), ("add-article", "/dev/zero", "--title", "T", "--source", "S")],
)
def test_a_device_given_as_the_article_is_a_problem(project, args):
    before = _deck_files(project)
    result = _quizgen(project, *args)
    assert result.returncode == 1, result.stderr
    assert "/dev/zero: cannot read: this is a device, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    assert _deck_files(project) == before


def test_endless_standard_input_stops_at_the_article_limit(project):
    before = _deck_files(project)
    with open("/dev/zero", "rb") as endless:
        args = ("add-article", "-", "--title", "T", "--source", "S", "--published", "2024-01-02")
        result = _quizgen(project, *args, stdin=endless)
    assert result.returncode == 1, result.stderr
    assert "<stdin>: the article is larger than 500 KB, the most quizgen reads" in result.stderr
    assert _deck_files(project) == before


@pytest.mark.parametrize("command", ["new", "add-article"])
def test_an_article_over_the_limit_is_named_as_given_not_as_it_would_be_stored(project, command):
    body = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    Path("huge.txt").write_text("date 2023-11-06\n" + body * (600_000 // len(body)), encoding="utf-8")
    extra = ["--deck", "sahel"] if command == "new" else ["--title", "T", "--source", "S"]
    result = _run(command, "huge.txt", *extra)
    assert result.exit_code == 1
    assert re.search(r"^huge\.txt: the article is larger than 500 KB", result.stderr, re.M), result.stderr
    assert "source_articles" not in result.stderr


def test_new_on_a_ten_megabyte_article_names_the_file_given(project):
    body = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    Path("huge.txt").write_text("date 2023-11-06\n" + body * (10_000_000 // len(body)), encoding="utf-8")
    result = _run("new", "huge.txt", "--deck", "sahel")
    assert result.exit_code == 1
    assert result.stderr.startswith("huge.txt: the article is larger than 500 KB"), result.stderr


# --- symlink loops (found by the fuzzer: Path.resolve raised RuntimeError) ---------------------


def test_new_beside_a_sheet_that_is_a_symlink_loop_is_a_problem(project):
    (DECK_DIR / "loop.yaml").symlink_to("loop.yaml")
    result = _run("new", str(_pasted()), "--deck", "sahel", "--out", "decks/sahel/draft.yaml")
    assert result.exit_code == 1
    assert f"{DECK_DIR / 'loop.yaml'}: cannot read: Too many levels of symbolic links" in result.stderr


def test_an_article_that_is_a_symlink_loop_is_passed_over_when_storing_another(project):
    (project / "source_articles" / "loop.md").symlink_to("loop.md")
    args = ("--title", "T", "--source", "S", "--published", "2024-01-02")
    assert _run("add-article", "-", *args, input="Some text.\n").exit_code == 0
    result = _run("new", str(_pasted()), "--deck", "sahel", "--out", "decks/sahel/draft.yaml")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("kind", ["loop", "file"])
def test_new_into_a_deck_that_is_not_a_folder_is_a_problem(project, kind):
    odd = Path("decks") / "odd"
    if kind == "loop":
        odd.symlink_to("odd")
    else:
        odd.write_text("x", encoding="utf-8")
    result = _run("new", str(_pasted()), "--deck", "odd")
    assert result.exit_code == 1
    assert "odd: not a folder, so no sheet can be written in it: choose another --deck" in result.stderr
