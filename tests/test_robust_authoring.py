"""add-article and new on hostile text (issue 16): deep front matter and huge articles are clean
problems at once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main

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
